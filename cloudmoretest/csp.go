package cloudmoretest

import (
	"cmp"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// cspTenant is the Microsoft CSP service of an organization (a Microsoft customer tenant).
type cspTenant struct {
	domainPrefix                                                  string
	contactEmail, contactFirstName, contactLastName, contactPhone string
	agreement                                                     cloudAgreement
	addedAt                                                       time.Time
	users                                                         []cspUser
	tenantID                                                      string // Microsoft's tenant id; see (*cspTenant).id
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

// cspSub is a legacy Microsoft CSP subscription.
type cspSub struct {
	id, offerID, friendlyName, poNumber string
	quantity, billingCycle              int
	status                              string // Active, Suspended
	created, suspendedAt                time.Time
}

func (s *Server) cspRoutes() {
	const broker = "/api/resellers/{resellerId}/services/csp"
	s.api("GET "+broker+"/domainvalidation", s.validateDomain)
	s.api("GET "+broker+"/Subscriptions", s.listAllCSPSubscriptions)

	const org = "/api/resellers/{resellerId}/organizations/{organizationId}/services"
	s.api("POST "+org+"/Csp", s.addCSP)
	s.api("GET "+org+"/Csp", s.getCSP)
	s.api("DELETE "+org+"/Csp", s.removeCSP)
	s.api("GET "+org+"/Csp/products", s.listCSPProducts)
	s.api("GET "+org+"/Csp/productlicenses", s.listCSPProductLicenses)

	const legacy = org + "/csp/subscriptions"
	s.api("GET "+legacy, s.listCSPSubscriptions)
	s.api("POST "+legacy, s.createCSPSubscription)
	s.api("GET "+legacy+"/{id}", s.getCSPSubscription)
	s.api("PUT "+legacy+"/{subscriptionId}", s.updateCSPSubscription)
	s.api("DELETE "+legacy+"/{subscriptionId}", s.suspendCSPSubscription)

	s.cspNCERoutes()
	s.cspUserRoutes()
	s.cspTenantRoutes()
}

func (s *Server) cspService() *service { return s.st.service(CSPServiceID) }

// TakeDomainPrefix marks an *.onmicrosoft.com prefix as taken, so domain validation reports it
// as not valid and adding a CSP tenant with it fails.
func (s *Server) TakeDomainPrefix(prefix string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.takenPrefixes[strings.ToLower(prefix)] = true
}

// cspPrefixRE is what the SDK documents for a domain prefix: ASCII letters and digits. No
// source shows a length limit, so the fake checks none.
var cspPrefixRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// validateDomain answers [{"isValid": bool}]: false for a prefix that is taken or is not
// letters and digits.
func (s *Server) validateDomain(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query().Get("domainPrefix")
	if (fieldErrors{}).requiredWrite(w, "domainPrefix", p) {
		return
	}
	valid := cspPrefixRE.MatchString(p) && !s.st.takenPrefixes[strings.ToLower(p)]
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
	// contactFirstName, contactLastName and contactPhone are optional, as the SDK documents
	// them: Cloudmore documents no required fields, and the fake enforces no rule the SDK
	// does not.
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
	case !cspPrefixRE.MatchString(b.DomainPrefix):
		invalidValue(w, "Invalid domain prefix '%s': use letters and digits.", b.DomainPrefix)
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
		pc := b.CloudAgreement.PrimaryContact // the optional contact names default to the agreement's
		first, last := cmp.Or(b.ContactFirstName, pc.FirstName), cmp.Or(b.ContactLastName, pc.LastName)
		o.csp.users = []cspUser{{ID: newID(), UserPrincipalName: "admin@" + prefix + ".onmicrosoft.com",
			DisplayName: first + " " + last, FirstName: first, LastName: last}}
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
// The tenant's domain prefix stays taken, as the Microsoft tenant lives on: it is listed by
// CspTenants/List as linked to no organization, and can be linked again.
func (s *Server) removeCSP(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	switch {
	case slices.ContainsFunc(o.cspSubs, func(sub *cspSub) bool { return sub.status == "Active" }):
		invalidValue(w, "The organization has active Microsoft CSP subscriptions; suspend them first.")
	case len(o.nceSubs) > 0:
		invalidValue(w, "The organization has new-commerce subscriptions.")
	default:
		s.st.cspUnlinked = append(s.st.cspUnlinked, t) // the Microsoft tenant lives on, linked to no organization
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

// cspSubEdit is the body that updates a legacy CSP subscription, each field optional, as the
// SDK types it (UpdateCSPSubscriptionRequest: the create body's names, inferred).
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

func containsString(xs []string, v string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
