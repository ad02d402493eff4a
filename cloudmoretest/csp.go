package cloudmoretest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// nceCancelWindow is Microsoft's NCE window for cancelling or reducing a subscription.
const nceCancelWindow = 7 * 24 * time.Hour

// cspTenant is the Microsoft CSP service of an organization (a Microsoft customer tenant).
type cspTenant struct {
	domainPrefix                                                  string
	contactEmail, contactFirstName, contactLastName, contactPhone string
	agreement                                                     cloudAgreement
	addedAt                                                       time.Time
	users                                                         []cspUser
}

type cloudAgreement struct {
	PrimaryContact agreementContact `json:"primaryContact"`
	DateAgreed     time.Time        `json:"-"`
}

type agreementContact struct {
	FirstName   string `json:"firstName"`
	LastName    string `json:"lastName"`
	Email       string `json:"email"`
	PhoneNumber string `json:"phoneNumber"`
}

// cspUser is a Microsoft 365 user of the tenant (the fake's own shape).
type cspUser struct {
	ID                string `json:"id"`
	UserPrincipalName string `json:"userPrincipalName"`
	DisplayName       string `json:"displayName"`
	FirstName         string `json:"firstName"`
	LastName          string `json:"lastName"`
}

// cspSub is a legacy Microsoft CSP subscription.
type cspSub struct {
	id, offerID, friendlyName, poNumber string
	quantity, billingCycle              int
	status                              string // Active, Suspended
	created, suspendedAt                time.Time
}

// nceSub is a Microsoft new-commerce subscription.
type nceSub struct {
	id, itemCode, friendlyName, poNumber, segment string
	quantity                                      int
	autoRenew                                     bool
	status                                        string // Active, Cancelled, Suspended
	start, end, created, endedAt                  time.Time
	upgrade                                       *nceUpgrade
}

// nceUpgrade is an upgrade of an NCE subscription, finished by a task.
type nceUpgrade struct {
	taskID, kind, targetItemCode, targetSubID string
	quantity                                  int
}

func (s *Server) cspRoutes() {
	const broker = "/api/resellers/{resellerId}/services/csp"
	s.api("GET "+broker+"/domainvalidation", s.validateDomain)
	s.api("GET "+broker+"/Subscriptions", s.listAllCSPSubscriptions)
	s.api("GET "+broker+"/nce/subscriptions", s.listAllNCESubscriptions)

	const org = "/api/resellers/{resellerId}/organizations/{organizationId}/services"
	s.api("POST "+org+"/Csp", s.addCSP)
	s.api("GET "+org+"/Csp", s.getCSP)
	s.api("DELETE "+org+"/Csp", s.removeCSP)
	s.api("GET "+org+"/Csp/products", s.listCSPProducts)
	s.api("GET "+org+"/csp/users", s.listCSPUsers)
	s.api("POST "+org+"/csp/usersAsync", s.startCSPUsers)
	s.api("GET "+org+"/csp/usersAsync/{taskId}", s.pollCSPUsers)

	const legacy = org + "/csp/subscriptions"
	s.api("GET "+legacy, s.listCSPSubscriptions)
	s.api("POST "+legacy, s.createCSPSubscription)
	s.api("GET "+legacy+"/{id}", s.getCSPSubscription)
	s.api("PUT "+legacy+"/{subscriptionId}", s.updateCSPSubscription)
	s.api("DELETE "+legacy+"/{subscriptionId}", s.suspendCSPSubscription)

	const nce = org + "/csp/nce"
	s.api("GET "+nce+"/products", s.listNCEProducts)
	s.api("GET "+nce+"/subscriptions", s.listNCESubscriptions)
	s.api("POST "+nce+"/subscriptions", s.createNCESubscription)
	s.api("GET "+nce+"/subscriptions/{id}", s.getNCESubscription)
	s.api("PUT "+nce+"/subscriptions/{subscriptionId}", s.updateNCESubscription)
	s.api("DELETE "+nce+"/subscriptions/{subscriptionId}", s.deleteNCESubscription)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/newSubscriptionEligibilities", s.newSubscriptionEligibilities)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/existingSubscriptionEligiblities", s.existingSubscriptionEligibilities)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToNewSubscription", s.upgradeToNew)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToExistingSubscription", s.upgradeToExisting)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/upgradeStatus", s.upgradeStatus)
}

func (s *Server) cspService() *service { return s.st.service(CSPServiceID) }

// TakeDomainPrefix marks an *.onmicrosoft.com prefix as taken, so domain validation reports it
// as not valid and adding a CSP tenant with it fails.
func (s *Server) TakeDomainPrefix(prefix string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.takenPrefixes[strings.ToLower(prefix)] = true
}

// validateDomain answers [{"isValid": bool}]: false for a prefix that is taken or is not 1-27
// letters and digits.
func (s *Server) validateDomain(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query().Get("domainPrefix")
	if (fieldErrors{}).requiredWrite(w, "domainPrefix", p) {
		return
	}
	valid := prefixRE.MatchString(p) && !s.st.takenPrefixes[strings.ToLower(p)]
	writeJSON(w, http.StatusOK, []map[string]bool{{"isValid": valid}})
}

// findCSP returns the organization and its CSP tenant, or answers 404.
func (s *Server) findCSP(w http.ResponseWriter, r *http.Request) (*org, *cspTenant) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	if o.csp == nil {
		notFound(w, "Microsoft O365 CSP Direct has not been added to organization '%s'.", o.id)
		return nil, nil
	}
	return o, o.csp
}

// cspAddBody is the guide's body that adds Microsoft O365 CSP Direct: id, currencyCode,
// contact fields, domainPrefix and cloudAgreement {primaryContact, dateAgreed}.
type cspAddBody struct {
	ID               string `json:"id"`
	CurrencyCode     string `json:"currencyCode"`
	ContactEmail     string `json:"contactEmail"`
	ContactFirstName string `json:"contactFirstName"`
	ContactLastName  string `json:"contactLastName"`
	ContactPhone     string `json:"contactPhone"`
	DomainPrefix     string `json:"domainPrefix"`
	CloudAgreement   *struct {
		PrimaryContact *agreementContact `json:"primaryContact"`
		DateAgreed     string            `json:"dateAgreed"`
	} `json:"cloudAgreement"`
	agreed *time.Time // cloudAgreement.dateAgreed as check parsed it; nil when not sent
}

func (b *cspAddBody) check(fe fieldErrors) {
	fe.required("Id", b.ID)
	fe.required("CurrencyCode", b.CurrencyCode)
	fe.requiredEmail("ContactEmail", b.ContactEmail)
	fe.required("ContactFirstName", b.ContactFirstName)
	fe.required("ContactLastName", b.ContactLastName)
	fe.required("DomainPrefix", b.DomainPrefix)
	switch {
	case b.CloudAgreement == nil:
		fe.add("CloudAgreement", "The CloudAgreement field is required.")
	case b.CloudAgreement.PrimaryContact == nil:
		fe.add("CloudAgreement.PrimaryContact", "The PrimaryContact field is required.")
	default:
		pc := b.CloudAgreement.PrimaryContact
		fe.required("CloudAgreement.PrimaryContact.FirstName", pc.FirstName)
		fe.required("CloudAgreement.PrimaryContact.LastName", pc.LastName)
		fe.requiredEmail("CloudAgreement.PrimaryContact.Email", pc.Email)
		if d := b.CloudAgreement.DateAgreed; d != "" {
			t, err := time.Parse(time.RFC3339Nano, d)
			if err != nil {
				t, err = time.Parse(stampLayout, d)
			}
			if err != nil {
				fe.add("CloudAgreement.DateAgreed", "The value '%s' is not a valid date and time.", d)
			}
			b.agreed = &t
		}
	}
}

// addCSP adds Microsoft O365 CSP Direct and creates the tenant, whose administrator is the
// contact.
func (s *Server) addCSP(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	var b cspAddBody
	if o == nil || !readBody(w, r, &b) {
		return
	}
	prefix := strings.ToLower(b.DomainPrefix)
	switch {
	case !strings.EqualFold(b.ID, CSPServiceID):
		invalidValue(w, "Service '%s' is not Microsoft O365 CSP Direct.", b.ID)
	case o.csp != nil:
		invalidValue(w, "Microsoft O365 CSP Direct has already been added to the organization.")
	case !supportedCurrency(b.CurrencyCode):
		invalidValue(w, "Currency '%s' is not supported.", b.CurrencyCode)
	case !prefixRE.MatchString(b.DomainPrefix):
		invalidValue(w, "Invalid domain prefix '%s': use 1-27 letters and digits.", b.DomainPrefix)
	case s.st.takenPrefixes[prefix]:
		invalidValue(w, "The domain %s.onmicrosoft.com is not available.", b.DomainPrefix)
	default:
		now := s.now()
		agreed := now
		if b.agreed != nil {
			agreed = *b.agreed
		}
		o.csp = &cspTenant{domainPrefix: b.DomainPrefix, contactEmail: b.ContactEmail, contactFirstName: b.ContactFirstName,
			contactLastName: b.ContactLastName, contactPhone: b.ContactPhone, addedAt: now,
			agreement: cloudAgreement{PrimaryContact: *b.CloudAgreement.PrimaryContact, DateAgreed: agreed}}
		o.csp.users = []cspUser{{ID: newID(), UserPrincipalName: "admin@" + prefix + ".onmicrosoft.com",
			DisplayName: b.ContactFirstName + " " + b.ContactLastName, FirstName: b.ContactFirstName, LastName: b.ContactLastName}}
		s.st.takenPrefixes[prefix] = true
		o.services = append(o.services, &orgService{serviceID: CSPServiceID, currency: b.CurrencyCode, addedAt: now,
			prices: map[string]decimal.Decimal{}})
		writeCreated(w, s.brokerURL("organizations/%s/services/Csp", o.id))
	}
}

// cspDetails is the fake's own shape of GET .../services/Csp.
type cspDetails struct {
	ServiceID        string        `json:"serviceId"`
	Name             string        `json:"name"`
	CurrencyCode     string        `json:"currencyCode"`
	DomainPrefix     string        `json:"domainPrefix"`
	TenantDomain     string        `json:"tenantDomain"`
	ContactEmail     string        `json:"contactEmail"`
	ContactFirstName string        `json:"contactFirstName"`
	ContactLastName  string        `json:"contactLastName"`
	ContactPhone     string        `json:"contactPhone"`
	CloudAgreement   agreementJSON `json:"cloudAgreement"`
	AddedDate        stamp         `json:"addedDate"`
}

type agreementJSON struct {
	PrimaryContact agreementContact `json:"primaryContact"`
	DateAgreed     stamp            `json:"dateAgreed"`
}

func (s *Server) getCSP(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	writeJSON(w, http.StatusOK, cspDetails{ServiceID: CSPServiceID, Name: s.cspService().name,
		CurrencyCode: o.service(CSPServiceID).currency, DomainPrefix: t.domainPrefix,
		TenantDomain: strings.ToLower(t.domainPrefix) + ".onmicrosoft.com", ContactEmail: t.contactEmail,
		ContactFirstName: t.contactFirstName, ContactLastName: t.contactLastName, ContactPhone: t.contactPhone,
		CloudAgreement: agreementJSON{PrimaryContact: t.agreement.PrimaryContact, DateAgreed: stamp(t.agreement.DateAgreed)},
		AddedDate:      stamp(t.addedAt)})
}

// removeCSP removes the CSP service; refused while legacy or NCE subscriptions are active.
// The tenant's domain prefix stays taken, as the Microsoft tenant lives on.
func (s *Server) removeCSP(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	switch {
	case slices.ContainsFunc(o.cspSubs, func(sub *cspSub) bool { return sub.status == "Active" }):
		invalidValue(w, "The organization has active Microsoft CSP subscriptions; suspend them first.")
	case slices.ContainsFunc(o.nceSubs, func(sub *nceSub) bool { return sub.status == "Active" }):
		invalidValue(w, "The organization has active new-commerce subscriptions.")
	default:
		o.csp = nil
		o.services = remove(o.services, o.service(CSPServiceID))
		writeNoContent(w)
	}
}

// cspProductJSON is the guide's CSP product shape.
type cspProductJSON struct {
	ResellerID             string `json:"resellerId"`
	OrganizationID         string `json:"organizationId"`
	ServiceID              string `json:"serviceId"`
	OfferID                string `json:"offerId"`
	ProductID              string `json:"productId"`
	ProductCategoryName    string `json:"productCategoryName"`
	Name                   string `json:"name"`
	UnitType               string `json:"unitType"`
	MaximumQuantity        int    `json:"maximumQuantity"`
	MinimumQuantity        int    `json:"minimumQuantity"`
	Description            string `json:"description"`
	ItemCode               string `json:"itemCode"`
	Cost                   money  `json:"cost"`
	Price                  money  `json:"price"`
	CurrencyCode           string `json:"currencyCode"`
	SupportedBillingCycles []int  `json:"supportedBillingCycles"`
}

// listCSPProducts lists the legacy CSP products with the organization's prices, in the
// currency the CSP service was added in.
func (s *Server) listCSPProducts(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	svc, os := s.cspService(), o.service(CSPServiceID)
	writeJSON(w, http.StatusOK, listOf(svc.cspProducts, func(p *cspProduct) cspProductJSON {
		cost, price := s.st.productPrices(os, svc, p.itemCode())
		return cspProductJSON{ResellerID: s.opts.ResellerID, OrganizationID: o.id, ServiceID: svc.id,
			OfferID: p.offerID, ProductID: p.productID, ProductCategoryName: p.category, Name: p.name,
			UnitType: p.unitType, MaximumQuantity: p.max, MinimumQuantity: p.min, Description: p.description,
			ItemCode: p.itemCode(), Cost: cost, Price: price, CurrencyCode: os.currency,
			SupportedBillingCycles: p.billingCycles}
	}))
}

// --- CSP users (the fake's own shape) ---

func (s *Server) listCSPUsers(w http.ResponseWriter, r *http.Request) {
	if _, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, append([]cspUser{}, t.users...))
	}
}

// startCSPUsers starts the asynchronous CSP user list: 202, Location and {"taskId"}.
func (s *Server) startCSPUsers(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	users := append([]cspUser{}, t.users...)
	s.startTask(w, taskCSPUsers, o.id, func(id string) string {
		return s.brokerURL("organizations/%s/services/csp/usersAsync/%s", o.id, id)
	}, func() any { return users })
}

func (s *Server) pollCSPUsers(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		s.pollTask(w, taskCSPUsers, o.id, r.PathValue("taskId"))
	}
}

// --- legacy CSP subscriptions (the fake's own shape) ---

type cspSubJSON struct {
	ID             string `json:"id"`
	OrganizationID string `json:"organizationId"`
	FriendlyName   string `json:"friendlyName"`
	OfferID        string `json:"offerId"`
	ProductID      string `json:"productId"`
	ProductName    string `json:"productName"`
	ItemCode       string `json:"itemCode"`
	PoNumber       string `json:"poNumber"`
	Quantity       int    `json:"quantity"`
	BillingCycle   int    `json:"billingCycle"`
	Status         string `json:"status"`
	CreationDate   stamp  `json:"creationDate"`
}

func (s *Server) cspSubJSON(o *org, sub *cspSub) cspSubJSON {
	p := s.cspService().cspProduct(sub.offerID)
	return cspSubJSON{ID: sub.id, OrganizationID: o.id, FriendlyName: sub.friendlyName, OfferID: p.offerID,
		ProductID: p.productID, ProductName: p.name, ItemCode: p.itemCode(), PoNumber: sub.poNumber,
		Quantity: sub.quantity, BillingCycle: sub.billingCycle, Status: sub.status, CreationDate: stamp(sub.created)}
}

func (s *Server) cspSubsJSON(o *org) []cspSubJSON {
	return listOf(o.cspSubs, func(sub *cspSub) cspSubJSON { return s.cspSubJSON(o, sub) })
}

func (s *Server) listCSPSubscriptions(w http.ResponseWriter, r *http.Request) {
	if o, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, s.cspSubsJSON(o))
	}
}

// listAllCSPSubscriptions lists the legacy CSP subscriptions of every organization.
func (s *Server) listAllCSPSubscriptions(w http.ResponseWriter, r *http.Request) {
	out := []cspSubJSON{}
	for _, o := range s.st.orgs {
		out = append(out, s.cspSubsJSON(o)...)
	}
	writeJSON(w, http.StatusOK, out)
}

// findCSPSub returns the legacy subscription named by the path, or answers 404 (sub nil).
func (s *Server) findCSPSub(w http.ResponseWriter, r *http.Request) (o *org, sub *cspSub) {
	if o, _ = s.findCSP(w, r); o != nil {
		sub = findOr404(w, o.cspSubs, r.PathValue("id")+r.PathValue("subscriptionId"), "CSP subscription")
	}
	return o, sub
}

func (s *Server) getCSPSubscription(w http.ResponseWriter, r *http.Request) {
	if o, sub := s.findCSPSub(w, r); sub != nil {
		writeJSON(w, http.StatusOK, s.cspSubJSON(o, sub))
	}
}

// cspSubBody is the guide's body that creates a legacy CSP subscription.
type cspSubBody struct {
	FriendlyName string  `json:"friendlyName"`
	OfferID      string  `json:"offerId"`
	PoNumber     string  `json:"poNumber"`
	BillingCycle flexInt `json:"billingCycle"`
	Quantity     flexInt `json:"quantity"`
}

func (b *cspSubBody) check(fe fieldErrors) {
	fe.required("OfferId", b.OfferID)
	fe.requiredSet("BillingCycle", b.BillingCycle.Set)
	fe.requiredSet("Quantity", b.Quantity.Set)
}

// createCSPSubscription: billingCycle must be one of the product's supportedBillingCycles and
// quantity within its minimum and maximum.
func (s *Server) createCSPSubscription(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	var b cspSubBody
	if t == nil || !readBody(w, r, &b) {
		return
	}
	p := s.cspService().cspProduct(b.OfferID)
	switch {
	case p == nil:
		invalidValue(w, "Offer '%s' is not available to the organization.", b.OfferID)
	case !slices.Contains(p.billingCycles, b.BillingCycle.Value):
		invalidValue(w, "Billing cycle %d is not supported by '%s' (supported: %v).", b.BillingCycle.Value, p.name, p.billingCycles)
	case p.limits().refuse(w, b.Quantity):
	default:
		sub := &cspSub{id: newID(), offerID: p.offerID, friendlyName: cmp.Or(b.FriendlyName, p.name), poNumber: b.PoNumber,
			quantity: b.Quantity.Value, billingCycle: b.BillingCycle.Value, status: "Active", created: s.now()}
		o.cspSubs = append(o.cspSubs, sub)
		writeCreated(w, s.brokerURL("organizations/%s/services/csp/subscriptions/%s", o.id, sub.id))
	}
}

// cspSubEdit is the body that updates a legacy CSP subscription, each field optional (the
// fake's own: OrganizationCspSubscriptionEditViewModel is not documented).
type cspSubEdit struct {
	FriendlyName *string `json:"friendlyName"`
	PoNumber     *string `json:"poNumber"`
	Quantity     flexInt `json:"quantity"`
}

// apply sets the fields the body sent; an empty friendlyName keeps the old one.
func (e *cspSubEdit) apply(friendlyName, poNumber *string, quantity *int) {
	if e.Quantity.Set {
		*quantity = e.Quantity.Value
	}
	if e.FriendlyName != nil && *e.FriendlyName != "" {
		*friendlyName = *e.FriendlyName
	}
	if e.PoNumber != nil {
		*poNumber = *e.PoNumber
	}
}

// updateCSPSubscription changes quantity, friendlyName or poNumber. A suspended subscription
// cannot be changed.
func (s *Server) updateCSPSubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findCSPSub(w, r)
	var b cspSubEdit
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	switch {
	case refuseInactive(w, sub.status):
	case s.cspService().cspProduct(sub.offerID).limits().refuse(w, b.Quantity):
	default:
		b.apply(&sub.friendlyName, &sub.poNumber, &sub.quantity)
		writeNoContent(w)
	}
}

// suspendCSPSubscription is the legacy DELETE: it suspends, the subscription stays listed.
func (s *Server) suspendCSPSubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findCSPSub(w, r)
	if sub == nil {
		return
	}
	if sub.status != "Active" {
		invalidValue(w, "The subscription is already suspended.")
		return
	}
	sub.status, sub.suspendedAt = "Suspended", s.now()
	writeNoContent(w)
}

// --- NCE (all shapes are the fake's own: Cloudmore does not document them) ---

type nceProductJSON struct {
	ItemCode         string   `json:"itemCode"`
	ProductID        string   `json:"productId"`
	SkuID            string   `json:"skuId"`
	Name             string   `json:"name"`
	TermDuration     string   `json:"termDuration"`
	BillingFrequency string   `json:"billingFrequency"`
	MinimumQuantity  int      `json:"minimumQuantity"`
	MaximumQuantity  int      `json:"maximumQuantity"`
	Cost             money    `json:"cost"`
	Price            money    `json:"price"`
	CurrencyCode     string   `json:"currencyCode"`
	Segments         []string `json:"segments"`
}

type nceSubJSON struct {
	ID               string `json:"id"`
	OrganizationID   string `json:"organizationId"`
	FriendlyName     string `json:"friendlyName"`
	ItemCode         string `json:"itemCode"`
	ProductID        string `json:"productId"`
	SkuID            string `json:"skuId"`
	ProductName      string `json:"productName"`
	Quantity         int    `json:"quantity"`
	TermDuration     string `json:"termDuration"`
	BillingFrequency string `json:"billingFrequency"`
	StartDate        stamp  `json:"startDate"`
	EndDate          stamp  `json:"endDate"`
	IsAutoRenew      bool   `json:"isAutoRenew"`
	Status           string `json:"status"`
	PoNumber         string `json:"poNumber"`
	Segment          string `json:"segment"`
}

func (s *Server) nceSubJSON(o *org, sub *nceSub) nceSubJSON {
	p := s.cspService().nceProduct(sub.itemCode)
	return nceSubJSON{ID: sub.id, OrganizationID: o.id, FriendlyName: sub.friendlyName, ItemCode: p.itemCode(),
		ProductID: p.productID, SkuID: p.skuID, ProductName: p.name, Quantity: sub.quantity, TermDuration: p.term,
		BillingFrequency: p.billing, StartDate: stamp(sub.start), EndDate: stamp(sub.end), IsAutoRenew: sub.autoRenew,
		Status: sub.status, PoNumber: sub.poNumber, Segment: sub.segment}
}

func (s *Server) listNCEProducts(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	svc, os := s.cspService(), o.service(CSPServiceID)
	writeJSON(w, http.StatusOK, listOf(svc.nceProducts, func(p *nceProduct) nceProductJSON {
		cost, price := s.st.productPrices(os, svc, p.itemCode())
		return nceProductJSON{ItemCode: p.itemCode(), ProductID: p.productID, SkuID: p.skuID, Name: p.name,
			TermDuration: p.term, BillingFrequency: p.billing, MinimumQuantity: p.min, MaximumQuantity: p.max,
			Cost: cost, Price: price, CurrencyCode: os.currency, Segments: p.segments}
	}))
}

func (s *Server) nceSubsJSON(o *org) []nceSubJSON {
	return listOf(o.nceSubs, func(sub *nceSub) nceSubJSON { return s.nceSubJSON(o, sub) })
}

func (s *Server) listNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	if o, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, s.nceSubsJSON(o))
	}
}

// listAllNCESubscriptions lists the NCE subscriptions of every organization.
func (s *Server) listAllNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	out := []nceSubJSON{}
	for _, o := range s.st.orgs {
		out = append(out, s.nceSubsJSON(o)...)
	}
	writeJSON(w, http.StatusOK, out)
}

// findNCESub returns the NCE subscription named by the path, or answers 404 (sub nil).
func (s *Server) findNCESub(w http.ResponseWriter, r *http.Request) (o *org, sub *nceSub) {
	if o, _ = s.findCSP(w, r); o != nil {
		sub = findOr404(w, o.nceSubs, r.PathValue("id")+r.PathValue("subscriptionId"), "New-commerce subscription")
	}
	return o, sub
}

// upgrading reports whether an upgrade of sub is still in progress.
func (s *Server) upgrading(sub *nceSub) bool {
	return sub.upgrade != nil && !s.st.tasks[sub.upgrade.taskID].done
}

func (s *Server) getNCESubscription(w http.ResponseWriter, r *http.Request) {
	if o, sub := s.findNCESub(w, r); sub != nil {
		writeJSON(w, http.StatusOK, s.nceSubJSON(o, sub))
	}
}

// nceSubBody is the body that creates an NCE subscription.
type nceSubBody struct {
	ItemCode     string   `json:"itemCode"`
	FriendlyName string   `json:"friendlyName"`
	Quantity     flexInt  `json:"quantity"`
	PoNumber     string   `json:"poNumber"`
	IsAutoRenew  flexBool `json:"isAutoRenew"`
	Segment      string   `json:"segment"`
}

func (b *nceSubBody) check(fe fieldErrors) {
	fe.required("ItemCode", b.ItemCode)
	fe.requiredSet("Quantity", b.Quantity.Set)
}

// createNCESubscription: the segment (default commercial) must be eligible for the product.
func (s *Server) createNCESubscription(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	var b nceSubBody
	if t == nil || !readBody(w, r, &b) {
		return
	}
	p := s.cspService().nceProduct(b.ItemCode)
	seg := segmentOr(b.Segment)
	switch {
	case p == nil:
		invalidValue(w, "Item code '%s' is not a new-commerce product.", b.ItemCode)
		return
	case p.limits().refuse(w, b.Quantity):
		return
	case !validSegment(seg):
		invalidValue(w, "Segment '%s' is not one of commercial, education, charity, government.", seg)
		return
	case !containsString(p.segments, seg):
		invalidValue(w, "Segment '%s' is not eligible for '%s'.", seg, p.name)
		return
	}
	now := s.now()
	start := day(now)
	sub := &nceSub{id: newID(), itemCode: p.itemCode(), friendlyName: cmp.Or(b.FriendlyName, p.name), poNumber: b.PoNumber,
		segment: seg, quantity: b.Quantity.Value, autoRenew: !b.IsAutoRenew.Set || b.IsAutoRenew.Value,
		status: "Active", start: start, end: start.AddDate(0, p.termMonths(), 0), created: now}
	o.nceSubs = append(o.nceSubs, sub)
	writeCreated(w, s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s", o.id, sub.id))
}

// nceSubEdit is the body that updates an NCE subscription: the legacy fields and isAutoRenew.
type nceSubEdit struct {
	cspSubEdit
	IsAutoRenew flexBool `json:"isAutoRenew"`
}

// updateNCESubscription changes quantity, friendlyName, poNumber or isAutoRenew. As at
// Microsoft, a quantity can go up at any time but down only within 7 days of the purchase.
func (s *Server) updateNCESubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	var b nceSubEdit
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	switch {
	case refuseInactive(w, sub.status):
	case s.upgrading(sub):
		invalidValue(w, "An upgrade of the subscription is in progress.")
	case s.cspService().nceProduct(sub.itemCode).limits().refuse(w, b.Quantity):
	case b.Quantity.Set && b.Quantity.Value < sub.quantity && s.now().Sub(sub.created) > nceCancelWindow:
		invalidValue(w, "The quantity can only be reduced within 7 days (168 hours) of the purchase.")
	default:
		b.apply(&sub.friendlyName, &sub.poNumber, &sub.quantity)
		if b.IsAutoRenew.Set {
			sub.autoRenew = b.IsAutoRenew.Value
		}
		writeNoContent(w)
	}
}

// deleteNCESubscription cancels within Microsoft's 7-day window (status Cancelled, still
// listed); after it, 400.
func (s *Server) deleteNCESubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	now := s.now()
	switch {
	case refuseInactive(w, sub.status):
	case now.Sub(sub.created) > nceCancelWindow:
		invalidValue(w, "The 7-day cancellation window of the subscription has passed.")
	default:
		sub.status, sub.endedAt, sub.autoRenew = "Cancelled", now, false
		writeNoContent(w)
	}
}

// upgradeTargets returns the NCE products sub can be upgraded to: a higher plan with the same
// term and billing frequency (the fake's upgrade paths: Basic -> Standard -> Premium).
func (s *Server) upgradeTargets(sub *nceSub) []*nceProduct {
	svc := s.cspService()
	from := svc.nceProduct(sub.itemCode)
	var out []*nceProduct
	for _, p := range svc.nceProducts {
		if containsString(from.upgradesTo, p.productID) && p.term == from.term && p.billing == from.billing {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) newSubscriptionEligibilities(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	type eligible struct {
		ItemCode         string `json:"itemCode"`
		ProductID        string `json:"productId"`
		SkuID            string `json:"skuId"`
		Name             string `json:"name"`
		TermDuration     string `json:"termDuration"`
		BillingFrequency string `json:"billingFrequency"`
	}
	out := []eligible{}
	if sub.status == "Active" {
		for _, p := range s.upgradeTargets(sub) {
			out = append(out, eligible{p.itemCode(), p.productID, p.skuID, p.name, p.term, p.billing})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// eligibleExisting returns the organization's active subscriptions sub can be upgraded into.
func (s *Server) eligibleExisting(o *org, sub *nceSub) []*nceSub {
	var out []*nceSub
	if sub.status != "Active" {
		return nil
	}
	targets := s.upgradeTargets(sub)
	for _, x := range o.nceSubs {
		if x == sub || x.status != "Active" {
			continue
		}
		for _, p := range targets {
			if strings.EqualFold(x.itemCode, p.itemCode()) {
				out = append(out, x)
			}
		}
	}
	return out
}

func (s *Server) existingSubscriptionEligibilities(w http.ResponseWriter, r *http.Request) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	type eligible struct {
		SubscriptionID string `json:"subscriptionId"`
		FriendlyName   string `json:"friendlyName"`
		ItemCode       string `json:"itemCode"`
		ProductName    string `json:"productName"`
		Quantity       int    `json:"quantity"`
	}
	out := []eligible{}
	for _, x := range s.eligibleExisting(o, sub) {
		out = append(out, eligible{x.id, x.friendlyName, x.itemCode, s.cspService().nceProduct(x.itemCode).name, x.quantity})
	}
	writeJSON(w, http.StatusOK, out)
}

// upgradeStatusJSON is the fake's own upgrade status shape.
type upgradeStatusJSON struct {
	SubscriptionID       string `json:"subscriptionId"`
	Status               string `json:"status"` // InProgress, Completed, Failed
	UpgradeType          string `json:"upgradeType"`
	TargetItemCode       string `json:"targetItemCode"`
	TargetSubscriptionID string `json:"targetSubscriptionId,omitempty"`
	Quantity             int    `json:"quantity"`
	Message              string `json:"message,omitempty"`
}

// upgradeBody is the fake's body of both upgrade POSTs: {itemCode, quantity} for a new
// subscription, {targetSubscriptionId, quantity} for an existing one; quantity defaults to all.
type upgradeBody struct {
	ItemCode             string  `json:"itemCode"`
	TargetSubscriptionID string  `json:"targetSubscriptionId"`
	Quantity             flexInt `json:"quantity"`
}

func (s *Server) upgradeToNew(w http.ResponseWriter, r *http.Request) {
	s.upgrade(w, r, "NewSubscription")
}
func (s *Server) upgradeToExisting(w http.ResponseWriter, r *http.Request) {
	s.upgrade(w, r, "ExistingSubscription")
}

// upgrade starts an upgrade: 202 Accepted, Location naming upgradeStatus, and the status as
// body. It completes after PollsUntilDone polls of upgradeStatus. A full upgrade to a new
// subscription keeps the subscription id and changes its product; a partial one moves the
// licences to a new subscription; an upgrade to an existing subscription moves them there
// (the source is suspended when none are left).
func (s *Server) upgrade(w http.ResponseWriter, r *http.Request, kind string) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	var b upgradeBody
	if !readBody(w, r, &b) {
		return
	}
	qty := sub.quantity
	if b.Quantity.Set {
		qty = b.Quantity.Value
	}
	switch {
	case refuseInactive(w, sub.status):
		return
	case s.upgrading(sub):
		invalidValue(w, "An upgrade of the subscription is already in progress.")
		return
	case qty < 1 || qty > sub.quantity:
		invalidValue(w, "Quantity %d is outside 1..%d.", qty, sub.quantity)
		return
	}
	up := &nceUpgrade{kind: kind, quantity: qty}
	if kind == "NewSubscription" {
		if (fieldErrors{}).requiredWrite(w, "ItemCode", b.ItemCode) {
			return
		}
		target := find(s.upgradeTargets(sub), b.ItemCode)
		if target == nil {
			invalidValue(w, "'%s' is not an eligible upgrade; see newSubscriptionEligibilities.", b.ItemCode)
			return
		}
		up.targetItemCode = target.itemCode()
	} else {
		if (fieldErrors{}).requiredWrite(w, "TargetSubscriptionId", b.TargetSubscriptionID) {
			return
		}
		target := find(s.eligibleExisting(o, sub), b.TargetSubscriptionID)
		if target == nil {
			invalidValue(w, "'%s' is not an eligible upgrade target; see existingSubscriptionEligiblities.", b.TargetSubscriptionID)
			return
		}
		up.targetItemCode, up.targetSubID = target.itemCode, target.id
	}
	t := s.st.newTask(taskNCEUpgrade, o.id, func() any { return s.finishUpgrade(o, sub, up) })
	up.taskID = t.id
	sub.upgrade = up
	w.Header().Set("Location", s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s/upgradeStatus", o.id, sub.id))
	writeJSON(w, http.StatusAccepted, upgradeStatusJSON{SubscriptionID: sub.id, Status: "InProgress",
		UpgradeType: kind, TargetItemCode: up.targetItemCode, TargetSubscriptionID: up.targetSubID, Quantity: qty})
}

// finishUpgrade carries the upgrade out (state locked) and returns its final status.
func (s *Server) finishUpgrade(o *org, sub *nceSub, up *nceUpgrade) upgradeStatusJSON {
	st := upgradeStatusJSON{SubscriptionID: sub.id, Status: "Completed", UpgradeType: up.kind,
		TargetItemCode: up.targetItemCode, Quantity: up.quantity}
	fail := func(msg string) upgradeStatusJSON { st.Status, st.Message = "Failed", msg; return st }
	if sub.status != "Active" || sub.quantity < up.quantity {
		return fail("The source subscription changed while the upgrade was in progress.")
	}
	switch {
	case up.kind == "ExistingSubscription":
		target := find(o.nceSubs, up.targetSubID)
		if target == nil || target.status != "Active" {
			return fail("The target subscription is no longer active.")
		}
		target.quantity += up.quantity
		sub.quantity -= up.quantity
		if sub.quantity == 0 {
			sub.status, sub.endedAt, sub.autoRenew = "Suspended", s.now(), false
		}
		st.TargetSubscriptionID = target.id
	case up.quantity == sub.quantity:
		sub.itemCode = up.targetItemCode
		st.TargetSubscriptionID = sub.id
	default:
		now := s.now()
		n := &nceSub{id: newID(), itemCode: up.targetItemCode, friendlyName: s.cspService().nceProduct(up.targetItemCode).name,
			poNumber: sub.poNumber, segment: sub.segment, quantity: up.quantity, autoRenew: sub.autoRenew,
			status: "Active", start: day(now), end: sub.end, created: now}
		sub.quantity -= up.quantity
		o.nceSubs = append(o.nceSubs, n)
		st.TargetSubscriptionID = n.id
	}
	return st
}

// upgradeStatus answers 200 with {"status": "InProgress"} for PollsUntilDone polls, then with
// the final status (Completed or Failed). 404 when the subscription was never upgraded.
func (s *Server) upgradeStatus(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	if sub.upgrade == nil {
		notFound(w, "Subscription '%s' has no upgrade.", sub.id)
		return
	}
	up := sub.upgrade
	result, done := s.st.tasks[up.taskID].poll()
	if !done {
		writeJSON(w, http.StatusOK, upgradeStatusJSON{SubscriptionID: sub.id, Status: "InProgress", UpgradeType: up.kind,
			TargetItemCode: up.targetItemCode, TargetSubscriptionID: up.targetSubID, Quantity: up.quantity})
		return
	}
	writeJSON(w, http.StatusOK, result)
}

func containsString(xs []string, v string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
