package cloudmoretest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
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
	// data is what the last PUT sent and props what the PATCHes sent (merged): Cloudmore
	// documents neither body, so the fake keeps the members as sent and shows them in the
	// service's details.
	data, props map[string]json.RawMessage
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
	s.api("GET /api/services/categories", s.listCategories)
	// Markets: Cloudmore documents no field of MarketCountryViewModel or MarketRegionViewModel,
	// so the fake has none to show and answers empty lists rather than invent entries.
	s.api("GET /api/services/marketCountries", s.emptyList)
	s.api("GET /api/services/marketRegions", s.emptyList)
	const org = "/api/resellers/{resellerId}/organizations/{organizationId}"
	s.api("GET "+org+"/Estore", s.listEstore)
	s.api("GET "+org+"/Estore/{serviceId}", s.getEstore)
	s.api("GET "+org+"/services", s.listOrgServices)
	s.api("POST "+org+"/services", s.addOrgService)
	s.api("GET "+org+"/services/{serviceId}", s.getOrgService)
	s.api("PUT "+org+"/services/{serviceId}", s.updateOrgService)
	s.api("PATCH "+org+"/services/{serviceId}", s.patchOrgService)
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

func (o *org) service(id string) *orgService { return find(o.services, id) }

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
// serviceCategory is a service category in the shape Cloudmore's developer portal shows.
type serviceCategory struct {
	CategoryID  string  `json:"categoryId"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
}

// serviceCategories are the fake's categories; the names are two the developer portal shows.
var serviceCategories = []serviceCategory{
	{"0b6e5c1a-7d2f-4e3a-9b8c-1d2e3f4a5b6c", "Backup & Security", nil},
	{"1c7f6d2b-8e3a-4f4b-8c9d-2e3f4a5b6c7d", "Collaboration", nil},
}

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, serviceCategories)
}

func (s *Server) listEstore(w http.ResponseWriter, r *http.Request) {
	if s.findOrg(w, r) == nil {
		return
	}
	writeJSON(w, http.StatusOK, listOf(s.st.services, (*service).json))
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
	writeJSON(w, http.StatusOK, listOf(o.services, func(os *orgService) serviceJSON { return s.st.service(os.serviceID).json() }))
}

func (s *Server) emptyList(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, []any{})
}

// getOrgService answers the service's details: the E-store fields and the currency, then the
// members the PUT and PATCH bodies set (the fake's own shape; Cloudmore documents none).
func (s *Server) getOrgService(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	j := svc.json()
	j.CurrencyCode = os.currency
	if len(os.data) == 0 && len(os.props) == 0 {
		writeJSON(w, http.StatusOK, j)
		return
	}
	out := map[string]json.RawMessage{}
	for _, m := range []map[string]json.RawMessage{os.data, os.props} {
		for k, v := range m {
			out[k] = v
		}
	}
	b, _ := json.Marshal(j)
	_ = json.Unmarshal(b, &out) // the known fields win over members of the same name
	writeJSON(w, http.StatusOK, out)
}

// updateOrgService replaces the service's data with the PUT's body (any JSON object).
func (s *Server) updateOrgService(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	var body map[string]json.RawMessage
	if svc == nil || !readBody(w, r, &body) {
		return
	}
	os.data = body
	writeNoContent(w)
}

// patchOrgService merges the PATCH's body (any JSON object) into the service's
// custom-property data.
func (s *Server) patchOrgService(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	var body map[string]json.RawMessage
	if svc == nil || !readBody(w, r, &body) {
		return
	}
	if os.props == nil {
		os.props = map[string]json.RawMessage{}
	}
	for k, v := range body {
		os.props[k] = v
	}
	writeNoContent(w)
}

// addServiceBody is the body that adds a custom service: {id, currencyCode}.
type addServiceBody struct {
	ID           string `json:"id"`
	CurrencyCode string `json:"currencyCode"`
}

func (b *addServiceBody) check(fe fieldErrors) {
	fe.required("Id", b.ID)
	fe.required("CurrencyCode", b.CurrencyCode)
}

// addOrgService adds a custom service from the E-store.
func (s *Server) addOrgService(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	var b addServiceBody
	if o == nil || !readBody(w, r, &b) {
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
		s.sellerEvent("OrganizationAddService", o.id, svc.id, "")
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
	o.services = remove(o.services, os)
	s.sellerEvent("OrganizationDeleteService", o.id, svc.id, "")
	writeNoContent(w)
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
	writeJSON(w, http.StatusOK, listOf(svc.products, func(p *product) productJSON {
		cost, price := s.st.productPrices(os, svc, p.id)
		return productJSON{ResellerID: s.opts.ResellerID, OrganizationID: o.id, ServiceID: svc.id,
			ProductID: p.id, Name: p.name, Description: p.description, ItemCode: p.itemCode,
			SubscriptionPeriod: p.subscriptionPeriod, PaymentFrequency: p.paymentFrequency,
			MinimumQuantity: p.minimumQuantity, TrialPeriod: p.trialPeriod,
			Cost: cost, Price: price, CurrencyCode: os.currency, CustomProperties: p.customProperties}
	}))
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

// status is "Active" or "Cancelled", as the CSP subscriptions say it.
func (sub *customSub) status() string {
	if sub.cancelled {
		return "Cancelled"
	}
	return "Active"
}

func (u subUser) key() string { return u.UserID }

func (sub *customSub) hasUser(userID string) bool { return indexOf(sub.users, userID) >= 0 }

func (sub *customSub) unassign(userID string) bool {
	i := indexOf(sub.users, userID)
	if i >= 0 {
		sub.users = slices.Delete(sub.users, i, i+1)
	}
	return i >= 0
}

// findSubscription returns the subscription named by the path, or answers 404.
func (s *Server) findSubscription(w http.ResponseWriter, r *http.Request) (*org, *service, *customSub) {
	o, svc, _ := s.findOrgService(w, r)
	if svc == nil {
		return nil, nil, nil
	}
	id := r.PathValue("subscriptionId")
	sub := find(o.subs, id)
	if sub == nil || !strings.EqualFold(sub.serviceID, svc.id) {
		notFound(w, "Subscription '%s' was not found.", id)
		return nil, nil, nil
	}
	return o, svc, sub
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

// subscriptionBody is the body that creates a custom-service subscription.
type subscriptionBody struct {
	Name      string   `json:"name"`
	ProductID string   `json:"productId"`
	PoNumber  string   `json:"poNumber"`
	IsTrial   flexBool `json:"isTrial"`
	Quantity  flexInt  `json:"quantity"`
}

func (b *subscriptionBody) check(fe fieldErrors) {
	fe.required("ProductId", b.ProductID)
	fe.requiredSet("Quantity", b.Quantity.Set)
}

// createSubscription: body {name, productId, poNumber, isTrial, quantity}. The quantity must
// be at least the product's minimumQuantity; isTrial needs a product with a trial period.
func (s *Server) createSubscription(w http.ResponseWriter, r *http.Request) {
	o, svc, _ := s.findOrgService(w, r)
	var b subscriptionBody
	if svc == nil || !readBody(w, r, &b) {
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
	case p.limits().refuse(w, b.Quantity):
		return
	case b.IsTrial.Value && p.trialPeriod == 0:
		invalidValue(w, "Product '%s' has no trial period.", p.name)
		return
	}
	now := s.now()
	start := day(now)
	sub := &customSub{id: newID(), serviceID: svc.id, productID: p.id, name: cmp.Or(strings.TrimSpace(b.Name), p.name),
		poNumber: b.PoNumber, quantity: b.Quantity.Value, period: p.subscriptionPeriod,
		billingInterval: p.paymentFrequency, trial: b.IsTrial.Value, autoRenew: true, start: start,
		end: start.AddDate(0, p.subscriptionPeriod, 0)}
	if sub.trial {
		sub.end = start.AddDate(0, p.trialPeriod, 0)
	}
	sub.event(now, "Created", "Subscription created")
	o.subs = append(o.subs, sub)
	s.sellerEvent("SubscriptionCreated", o.id, svc.id, sub.id)
	writeCreated(w, s.brokerURL("organizations/%s/services/%s/subscriptions/%s", o.id, svc.id, sub.id))
}

// updateSubscription: body {quantity, name, poNumber, isAutoRenew}, each optional, as the SDK
// types UpdateSubscriptionRequest (names inferred: Cloudmore does not document
// OrganizationServiceSubscriptionUpdateViewModel).
func (s *Server) updateSubscription(w http.ResponseWriter, r *http.Request) {
	_, svc, sub := s.findSubscription(w, r)
	var b struct {
		Name        *string  `json:"name"`
		PoNumber    *string  `json:"poNumber"`
		Quantity    flexInt  `json:"quantity"`
		IsAutoRenew flexBool `json:"isAutoRenew"`
	}
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	switch {
	case refuseInactive(w, sub.status()):
		return
	case svc.product(sub.productID).limits().refuse(w, b.Quantity):
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
	s.sellerEvent("SubscriptionUpdated", "", svc.id, sub.id)
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
	s.sellerEvent("SubscriptionCancelled", "", sub.serviceID, sub.id)
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

// subUserBody is the body that assigns a user to a subscription or changes the assignment's
// external user id, as the SDK types them (names inferred): {userId, externalUserId}.
type subUserBody struct {
	UserID         string `json:"userId"`
	ExternalUserID string `json:"externalUserId"`
}

func (b *subUserBody) check(fe fieldErrors) { fe.required("UserId", b.UserID) }

// assignSubscriptionUser: the user must exist in the organization, and a subscription has no
// more users than its quantity.
func (s *Server) assignSubscriptionUser(w http.ResponseWriter, r *http.Request) {
	o, svc, sub := s.findSubscription(w, r)
	var b subUserBody
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	u := o.user(b.UserID)
	switch {
	case u == nil:
		invalidValue(w, "User '%s' does not exist in the organization.", b.UserID)
		return
	case refuseInactive(w, sub.status()):
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

// updateSubscriptionUser sets the external user id of an assignment.
func (s *Server) updateSubscriptionUser(w http.ResponseWriter, r *http.Request) {
	_, _, sub := s.findSubscription(w, r)
	var b subUserBody
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	i := indexOf(sub.users, b.UserID)
	if i < 0 {
		notFound(w, "User '%s' is not assigned to the subscription.", b.UserID)
		return
	}
	sub.users[i].ExternalUserID = b.ExternalUserID
	writeNoContent(w)
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

// --- rules shared by custom and CSP subscriptions ---

// quantityLimits are the quantities a product allows, checked alike when a subscription is
// created and when its quantity changes: at least min and, when max > 0, at most max.
type quantityLimits struct {
	min, max int
	product  string // the product's name, for the message
}

func (p *product) limits() quantityLimits    { return quantityLimits{p.minimumQuantity, 0, p.name} }
func (p *cspProduct) limits() quantityLimits { return quantityLimits{p.min, p.max, p.name} }

// refuse answers 400 (array shape) and returns true when the quantity was sent and is outside
// the limits.
func (l quantityLimits) refuse(w http.ResponseWriter, q flexInt) bool {
	switch {
	case !q.Set:
		return false
	case l.max > 0 && (q.Value < l.min || q.Value > l.max):
		invalidValue(w, "Quantity %d is outside %d..%d for '%s'.", q.Value, l.min, l.max, l.product)
	case q.Value < l.min:
		invalidValue(w, "Quantity %d is below the minimum quantity %d of product '%s'.", q.Value, l.min, l.product)
	default:
		return false
	}
	return true
}

// refuseInactive answers 400 "The subscription is cancelled." (or suspended) and returns true
// unless the subscription's status is Active.
func refuseInactive(w http.ResponseWriter, status string) bool {
	if status == "Active" {
		return false
	}
	invalidValue(w, "The subscription is %s.", strings.ToLower(status))
	return true
}
