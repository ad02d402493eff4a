package cloudmoretest

import (
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// orgService is a service added to an organization, with the currency it was added in and
// the organization's own sales prices (itemKey|segment -> price in that currency).
type orgService struct {
	serviceID string
	currency  string
	addedAt   time.Time
	prices    map[string]decimal.Decimal
	fees      map[string]decimal.Decimal // startup fees, kept but not billed
}

// serviceJSON is the guide's E-store (and organization services) shape.
type serviceJSON struct {
	ID                      string `json:"id"`
	Name                    string `json:"name"`
	IsResellerCustomService bool   `json:"isResellerCustomService"`
	IsSellerCustomService   bool   `json:"isSellerCustomService"`
	CurrencyCode            string `json:"currencyCode,omitempty"`
}

// productJSON is the guide's organization service product shape.
type productJSON struct {
	ResellerID         string           `json:"resellerId"`
	OrganizationID     string           `json:"organizationId"`
	ServiceID          string           `json:"serviceId"`
	ProductID          string           `json:"productId"`
	Name               string           `json:"name"`
	Description        string           `json:"description"`
	ItemCode           string           `json:"itemCode"`
	SubscriptionPeriod int              `json:"subscriptionPeriod"`
	PaymentFrequency   int              `json:"paymentFrequency"`
	MinimumQuantity    int              `json:"minimumQuantity"`
	TrialPeriod        int              `json:"trialPeriod"`
	Cost               money            `json:"cost"`
	Price              money            `json:"price"`
	CurrencyCode       string           `json:"currencyCode"`
	CustomProperties   []customProperty `json:"customProperties"`
}

// customSub is a custom-service subscription.
type customSub struct {
	id, serviceID, productID, name, poNumber string
	quantity, period, billingInterval        int
	trial, autoRenew, cancelled              bool
	start, end, cancelledAt                  time.Time
	history                                  []historyEvent
	users                                    []subUser
}

// subscriptionJSON is the guide's subscription list shape (also used for one subscription).
type subscriptionJSON struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	ProductName     string `json:"productName"`
	ItemCode        string `json:"itemCode"`
	PoNumber        string `json:"poNumber"`
	Quantity        int    `json:"quantity"`
	Period          int    `json:"period"`
	BillingInterval int    `json:"billingInterval"`
	StartDate       stamp  `json:"startDate"`
	EndDate         stamp  `json:"endDate"`
	IsTrial         bool   `json:"isTrial"`
	IsAutoRenew     bool   `json:"isAutoRenew"`
	IsCancelled     bool   `json:"isCancelled"`
}

// historyEvent is one entry of a subscription's history: the fake's own shape, since
// Cloudmore does not document OrganizationSubscriptionHistoryViewModel.
type historyEvent struct {
	Date        stamp  `json:"date"`
	Action      string `json:"action"` // Created, Updated, Cancelled, UserAssigned, UserRemoved
	Quantity    int    `json:"quantity"`
	Description string `json:"description"`
}

// subUser is a user assigned to a subscription.
type subUser struct {
	UserID         string `json:"userId"`
	Name           string `json:"name"`
	DisplayName    string `json:"displayName"`
	ExternalUserID string `json:"externalUserId"`
}

func (s *Server) serviceRoutes() {
	const org = "/api/resellers/{resellerId}/organizations/{organizationId}"
	s.api("GET "+org+"/Estore", s.listEstore)
	s.api("GET "+org+"/Estore/{serviceId}", s.getEstore)
	s.api("GET "+org+"/services", s.listOrgServices)
	s.api("POST "+org+"/services", s.addOrgService)
	s.api("GET "+org+"/services/{serviceId}", s.getOrgService)
	s.api("DELETE "+org+"/services/{serviceId}", s.removeOrgService)
	s.api("GET "+org+"/services/{serviceId}/products", s.listProducts)

	const subs = org + "/services/{serviceId}/subscriptions"
	s.api("GET "+subs, s.listSubscriptions)
	s.api("POST "+subs, s.createSubscription)
	s.api("GET "+subs+"/{subscriptionId}", s.getSubscription)
	s.api("PUT "+subs+"/{subscriptionId}", s.updateSubscription)
	s.api("DELETE "+subs+"/{subscriptionId}", s.cancelSubscription)
	s.api("GET "+org+"/services/{serviceId}/Subscriptions/history/{subscriptionId}", s.subscriptionHistory)
	s.api("GET "+subs+"/{subscriptionId}/users", s.listSubscriptionUsers)
	s.api("POST "+subs+"/{subscriptionId}/users", s.assignSubscriptionUser)
	s.api("PUT "+subs+"/{subscriptionId}/users", s.updateSubscriptionUser)
	s.api("DELETE "+subs+"/{subscriptionId}/users/{userId}", s.removeSubscriptionUser)
}

func (svc *service) json() serviceJSON {
	return serviceJSON{ID: svc.id, Name: svc.name, IsResellerCustomService: svc.resellerCustom, IsSellerCustomService: svc.sellerCustom}
}

func (o *org) service(id string) *orgService {
	for _, os := range o.services {
		if strings.EqualFold(os.serviceID, id) {
			return os
		}
	}
	return nil
}

// findOrgService returns the organization, the catalog service and the organization's copy of
// it for {organizationId}/services/{serviceId}, or answers 404.
func (s *Server) findOrgService(w http.ResponseWriter, r *http.Request) (*org, *service, *orgService) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil, nil
	}
	id := r.PathValue("serviceId")
	svc, os := s.st.service(id), o.service(id)
	if svc == nil || os == nil {
		notFound(w, "Service '%s' has not been added to organization '%s'.", id, o.id)
		return nil, nil, nil
	}
	return o, svc, os
}

// listEstore lists every E-store service (the fake's E-store offers all of its catalog).
func (s *Server) listEstore(w http.ResponseWriter, r *http.Request) {
	if s.findOrg(w, r) == nil {
		return
	}
	out := make([]serviceJSON, 0, len(s.st.services))
	for _, svc := range s.st.services {
		out = append(out, svc.json())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getEstore(w http.ResponseWriter, r *http.Request) {
	if s.findOrg(w, r) == nil {
		return
	}
	svc := s.st.service(r.PathValue("serviceId"))
	if svc == nil {
		notFound(w, "Service '%s' is not in the E-store.", r.PathValue("serviceId"))
		return
	}
	writeJSON(w, http.StatusOK, svc.json())
}

func (s *Server) listOrgServices(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	out := make([]serviceJSON, 0, len(o.services))
	for _, os := range o.services {
		out = append(out, s.st.service(os.serviceID).json())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getOrgService(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	j := svc.json()
	j.CurrencyCode = os.currency
	writeJSON(w, http.StatusOK, j)
}

// addOrgService adds a custom service from the E-store: body {id, currencyCode}.
func (s *Server) addOrgService(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	var b struct {
		ID           string `json:"id"`
		CurrencyCode string `json:"currencyCode"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	fe := fieldErrors{}
	fe.required("Id", b.ID)
	fe.required("CurrencyCode", b.CurrencyCode)
	if fe.write(w) {
		return
	}
	svc := s.st.service(b.ID)
	switch {
	case svc == nil:
		invalidValue(w, "Service '%s' is not available in the E-store.", b.ID)
	case svc.csp:
		invalidValue(w, "Microsoft O365 CSP Direct is added with POST .../organizations/{organizationId}/services/Csp.")
	case o.service(svc.id) != nil:
		invalidValue(w, "Service '%s' has already been added to the organization.", svc.name)
	case !supportedCurrency(b.CurrencyCode):
		invalidValue(w, "Currency '%s' is not supported.", b.CurrencyCode)
	default:
		o.services = append(o.services, &orgService{serviceID: svc.id, currency: b.CurrencyCode, addedAt: s.now(),
			prices: map[string]decimal.Decimal{}})
		writeCreated(w, s.brokerURL("organizations/%s/services/%s", o.id, svc.id))
	}
}

// removeOrgService removes a custom service; refused while it has active subscriptions.
func (s *Server) removeOrgService(w http.ResponseWriter, r *http.Request) {
	o, svc, os := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	if svc.csp {
		invalidValue(w, "Microsoft O365 CSP Direct is removed with DELETE .../organizations/{organizationId}/services/Csp.")
		return
	}
	for _, sub := range o.subs {
		if strings.EqualFold(sub.serviceID, svc.id) && !sub.cancelled {
			invalidValue(w, "The service has active subscriptions; cancel them first.")
			return
		}
	}
	o.removeService(os)
	writeNoContent(w)
}

func (o *org) removeService(os *orgService) {
	for i, x := range o.services {
		if x == os {
			o.services = append(o.services[:i], o.services[i+1:]...)
			return
		}
	}
}

// listProducts lists a custom service's products with the organization's prices, in the
// currency the service was added in.
func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	o, svc, os := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	if svc.csp {
		invalidValue(w, "Microsoft CSP products are listed with GET .../services/Csp/products.")
		return
	}
	out := make([]productJSON, 0, len(svc.products))
	for _, p := range svc.products {
		item, _ := svc.priceItem(p.id)
		cost, price := s.st.orgPrices(os, svc, item, segmentCommercial)
		out = append(out, productJSON{ResellerID: s.opts.ResellerID, OrganizationID: o.id, ServiceID: svc.id,
			ProductID: p.id, Name: p.name, Description: p.description, ItemCode: p.itemCode,
			SubscriptionPeriod: p.subscriptionPeriod, PaymentFrequency: p.paymentFrequency,
			MinimumQuantity: p.minimumQuantity, TrialPeriod: p.trialPeriod,
			Cost: money{cost}, Price: money{price}, CurrencyCode: os.currency, CustomProperties: p.customProperties})
	}
	writeJSON(w, http.StatusOK, out)
}

// --- custom-service subscriptions ---

func (sub *customSub) json(svc *service) subscriptionJSON {
	p := svc.product(sub.productID)
	return subscriptionJSON{ID: sub.id, Name: sub.name, ProductName: p.name, ItemCode: p.itemCode,
		PoNumber: sub.poNumber, Quantity: sub.quantity, Period: sub.period, BillingInterval: sub.billingInterval,
		StartDate: stamp(sub.start), EndDate: stamp(sub.end), IsTrial: sub.trial, IsAutoRenew: sub.autoRenew,
		IsCancelled: sub.cancelled}
}

func (sub *customSub) event(now time.Time, action, description string) {
	sub.history = append(sub.history, historyEvent{Date: stamp(now), Action: action, Quantity: sub.quantity, Description: description})
}

func (sub *customSub) unassign(userID string) bool {
	for i, u := range sub.users {
		if strings.EqualFold(u.UserID, userID) {
			sub.users = append(sub.users[:i], sub.users[i+1:]...)
			return true
		}
	}
	return false
}

// findSubscription returns the subscription named by the path, or answers 404.
func (s *Server) findSubscription(w http.ResponseWriter, r *http.Request) (*org, *service, *customSub) {
	o, svc, _ := s.findOrgService(w, r)
	if svc == nil {
		return nil, nil, nil
	}
	id := r.PathValue("subscriptionId")
	for _, sub := range o.subs {
		if strings.EqualFold(sub.id, id) && strings.EqualFold(sub.serviceID, svc.id) {
			return o, svc, sub
		}
	}
	notFound(w, "Subscription '%s' was not found.", id)
	return nil, nil, nil
}

// listSubscriptions lists the service's subscriptions, cancelled ones included.
func (s *Server) listSubscriptions(w http.ResponseWriter, r *http.Request) {
	o, svc, _ := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	out := []subscriptionJSON{}
	for _, sub := range o.subs {
		if strings.EqualFold(sub.serviceID, svc.id) {
			out = append(out, sub.json(svc))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getSubscription(w http.ResponseWriter, r *http.Request) {
	if _, svc, sub := s.findSubscription(w, r); sub != nil {
		writeJSON(w, http.StatusOK, sub.json(svc))
	}
}

// createSubscription: body {name, productId, poNumber, isTrial, quantity}. The quantity must
// be at least the product's minimumQuantity; isTrial needs a product with a trial period.
func (s *Server) createSubscription(w http.ResponseWriter, r *http.Request) {
	o, svc, _ := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	var b struct {
		Name      string   `json:"name"`
		ProductID string   `json:"productId"`
		PoNumber  string   `json:"poNumber"`
		IsTrial   flexBool `json:"isTrial"`
		Quantity  flexInt  `json:"quantity"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	fe := fieldErrors{}
	fe.required("ProductId", b.ProductID)
	if !b.Quantity.Set {
		fe.add("Quantity", "The Quantity field is required.")
	}
	if fe.write(w) {
		return
	}
	p := svc.product(b.ProductID)
	switch {
	case svc.csp:
		invalidValue(w, "Microsoft CSP subscriptions are created under .../services/csp/subscriptions.")
		return
	case p == nil:
		invalidValue(w, "Product '%s' does not exist in service '%s'.", b.ProductID, svc.name)
		return
	case b.Quantity.Value < p.minimumQuantity:
		invalidValue(w, "Quantity %d is below the minimum quantity %d of product '%s'.", b.Quantity.Value, p.minimumQuantity, p.name)
		return
	case b.IsTrial.Value && p.trialPeriod == 0:
		invalidValue(w, "Product '%s' has no trial period.", p.name)
		return
	}
	now := s.now()
	start := day(now)
	sub := &customSub{id: newID(), serviceID: svc.id, productID: p.id, name: strings.TrimSpace(b.Name),
		poNumber: b.PoNumber, quantity: b.Quantity.Value, period: p.subscriptionPeriod,
		billingInterval: p.paymentFrequency, trial: b.IsTrial.Value, autoRenew: true, start: start,
		end: start.AddDate(0, p.subscriptionPeriod, 0)}
	if sub.trial {
		sub.end = start.AddDate(0, p.trialPeriod, 0)
	}
	if sub.name == "" {
		sub.name = p.name
	}
	sub.event(now, "Created", "Subscription created")
	o.subs = append(o.subs, sub)
	writeCreated(w, s.brokerURL("organizations/%s/services/%s/subscriptions/%s", o.id, svc.id, sub.id))
}

// updateSubscription: body {quantity, name, poNumber, isAutoRenew}, each optional (the fake's
// choice: Cloudmore does not document OrganizationServiceSubscriptionUpdateViewModel).
func (s *Server) updateSubscription(w http.ResponseWriter, r *http.Request) {
	_, svc, sub := s.findSubscription(w, r)
	if sub == nil {
		return
	}
	var b struct {
		Name        *string  `json:"name"`
		PoNumber    *string  `json:"poNumber"`
		Quantity    flexInt  `json:"quantity"`
		IsAutoRenew flexBool `json:"isAutoRenew"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	p := svc.product(sub.productID)
	switch {
	case sub.cancelled:
		invalidValue(w, "The subscription is cancelled.")
		return
	case b.Quantity.Set && b.Quantity.Value < p.minimumQuantity:
		invalidValue(w, "Quantity %d is below the minimum quantity %d of product '%s'.", b.Quantity.Value, p.minimumQuantity, p.name)
		return
	case b.Quantity.Set && b.Quantity.Value < len(sub.users):
		invalidValue(w, "Quantity %d is below the %d users assigned to the subscription.", b.Quantity.Value, len(sub.users))
		return
	}
	if b.Name != nil && strings.TrimSpace(*b.Name) != "" {
		sub.name = strings.TrimSpace(*b.Name)
	}
	if b.PoNumber != nil {
		sub.poNumber = *b.PoNumber
	}
	if b.IsAutoRenew.Set {
		sub.autoRenew = b.IsAutoRenew.Value
	}
	desc := "Subscription updated"
	if b.Quantity.Set && b.Quantity.Value != sub.quantity {
		desc = "Quantity changed"
		sub.quantity = b.Quantity.Value
	}
	sub.event(s.now(), "Updated", desc)
	writeNoContent(w)
}

// cancelSubscription marks the subscription cancelled; it stays in the list.
func (s *Server) cancelSubscription(w http.ResponseWriter, r *http.Request) {
	_, _, sub := s.findSubscription(w, r)
	if sub == nil {
		return
	}
	if sub.cancelled {
		invalidValue(w, "The subscription is already cancelled.")
		return
	}
	now := s.now()
	sub.cancelled, sub.cancelledAt, sub.autoRenew = true, now, false
	sub.event(now, "Cancelled", "Subscription cancelled")
	writeNoContent(w)
}

func (s *Server) subscriptionHistory(w http.ResponseWriter, r *http.Request) {
	if _, _, sub := s.findSubscription(w, r); sub != nil {
		writeJSON(w, http.StatusOK, sub.history)
	}
}

// --- subscription users ---

func (s *Server) listSubscriptionUsers(w http.ResponseWriter, r *http.Request) {
	if _, _, sub := s.findSubscription(w, r); sub != nil {
		out := append([]subUser{}, sub.users...)
		writeJSON(w, http.StatusOK, out)
	}
}

// assignSubscriptionUser: body {userId, externalUserId}. The user must exist in the
// organization, and a subscription has no more users than its quantity.
func (s *Server) assignSubscriptionUser(w http.ResponseWriter, r *http.Request) {
	o, svc, sub := s.findSubscription(w, r)
	if sub == nil {
		return
	}
	var b struct {
		UserID         string `json:"userId"`
		ExternalUserID string `json:"externalUserId"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	if (fieldErrors{}).requiredWrite(w, "UserId", b.UserID) {
		return
	}
	u := o.user(b.UserID)
	switch {
	case u == nil:
		invalidValue(w, "User '%s' does not exist in the organization.", b.UserID)
		return
	case sub.cancelled:
		invalidValue(w, "The subscription is cancelled.")
		return
	case sub.hasUser(u.id):
		invalidValue(w, "User '%s' is already assigned to the subscription.", u.name)
		return
	case len(sub.users) >= sub.quantity:
		invalidValue(w, "All %d licences of the subscription are assigned.", sub.quantity)
		return
	}
	sub.users = append(sub.users, subUser{UserID: u.id, Name: u.name, DisplayName: u.displayName, ExternalUserID: b.ExternalUserID})
	sub.event(s.now(), "UserAssigned", "User "+u.name+" assigned")
	writeCreated(w, s.brokerURL("organizations/%s/services/%s/subscriptions/%s/users/%s", o.id, svc.id, sub.id, u.id))
}

// updateSubscriptionUser sets the external user id of an assignment: body {userId, externalUserId}.
func (s *Server) updateSubscriptionUser(w http.ResponseWriter, r *http.Request) {
	_, _, sub := s.findSubscription(w, r)
	if sub == nil {
		return
	}
	var b struct {
		UserID         string `json:"userId"`
		ExternalUserID string `json:"externalUserId"`
	}
	if !readJSON(w, r, &b) {
		return
	}
	if (fieldErrors{}).requiredWrite(w, "UserId", b.UserID) {
		return
	}
	for i := range sub.users {
		if strings.EqualFold(sub.users[i].UserID, b.UserID) {
			sub.users[i].ExternalUserID = b.ExternalUserID
			writeNoContent(w)
			return
		}
	}
	notFound(w, "User '%s' is not assigned to the subscription.", b.UserID)
}

func (s *Server) removeSubscriptionUser(w http.ResponseWriter, r *http.Request) {
	_, _, sub := s.findSubscription(w, r)
	if sub == nil {
		return
	}
	if !sub.unassign(r.PathValue("userId")) {
		notFound(w, "User '%s' is not assigned to the subscription.", r.PathValue("userId"))
		return
	}
	sub.event(s.now(), "UserRemoved", "User removed")
	writeNoContent(w)
}

func (sub *customSub) hasUser(id string) bool {
	for _, u := range sub.users {
		if strings.EqualFold(u.UserID, id) {
			return true
		}
	}
	return false
}

// requiredWrite answers a model-state error when value is empty.
func (f fieldErrors) requiredWrite(w http.ResponseWriter, field, value string) bool {
	f.required(field, value)
	return f.write(w)
}
