package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// CSPService manages Microsoft 365 through Cloudmore's CSP Direct integration ("Microsoft
// O365 CSP Direct"): the onmicrosoft.com domain check, the CSP service of an organization, its
// legacy CSP products and the organization's product licences. Its sub-services hold the rest:
// Subscriptions (legacy CSP subscriptions) and NCE (new-commerce products and subscriptions,
// with upgrades) are siblings with the same verbs; Users holds Microsoft 365 users and their
// licences, Tenants the linking of Partner Center tenants.
//
// The usual order of calls (Cloudmore's API guide): CheckDomain, Add, FindProduct (or
// ListProducts), Subscriptions.CreateForProduct.
type CSPService struct {
	client *Client

	// Subscriptions manages legacy Microsoft CSP subscriptions.
	Subscriptions *CSPSubscriptionsService
	// NCE manages new-commerce (NCE) products and subscriptions, including upgrades.
	NCE *CSPNCEService
	// Users manages Microsoft 365 users of an organization and their product licences.
	Users *CSPUsersService
	// Tenants lists Microsoft CSP tenants and links them to organizations.
	Tenants *CSPTenantsService
}

// CSPSubscriptionsService manages the legacy Microsoft CSP subscriptions of organizations.
// Reach it as Client.CSP.Subscriptions; its sibling Client.CSP.NCE has the same verbs for
// new-commerce subscriptions.
type CSPSubscriptionsService service

func newCSPService(c *Client) *CSPService {
	return &CSPService{
		client:        c,
		Subscriptions: &CSPSubscriptionsService{client: c},
		NCE:           &CSPNCEService{client: c},
		Users:         &CSPUsersService{client: c},
		Tenants:       &CSPTenantsService{client: c},
	}
}

// errNoBody is the error of a nil request body.
func errNoBody() error { return invalid("body", "required") }

// The CSPService operations: the domain check, an organization's CSP service, its legacy
// products and its licences.
var (
	opCSPCheckDomain         = declare[*domainValidationQuery, none, none]("CSP.CheckDomain", "GET /api/resellers/{resellerId}/services/csp/domainvalidation")
	opCSPAdd                 = declare[none, *AddCSPRequest, *Created]("CSP.Add", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp")
	opCSPGet                 = declare[none, none, *CSPServiceDetails]("CSP.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp")
	opCSPRemove              = declare[none, none, none]("CSP.Remove", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp")
	opCSPListProducts        = declare[none, none, []CSPProduct]("CSP.ListProducts", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/products")
	opCSPListProductLicenses = declare[none, none, []CSPProductLicense]("CSP.ListProductLicenses", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/productlicenses")
)

// ---------------------------------------------------------------------------------------
// Domain check

// ValidateDomainPrefix checks, without a network call, that prefix can be the part of a
// Microsoft tenant domain before ".onmicrosoft.com" ("customerA" for
// customerA.onmicrosoft.com): not empty, no dots (give only the prefix, not the whole
// domain), only the ASCII letters and digits Microsoft accepts, and at most 63 characters (a
// DNS label, RFC 1035; no Cloudmore or Microsoft source shows a shorter limit). The error is a *ValidationError for "domainPrefix".
func ValidateDomainPrefix(prefix string) error {
	const maxDNSLabel = 63 // RFC 1035: the prefix is one label of onmicrosoft.com
	switch {
	case prefix == "":
		return invalid("domainPrefix", "required: the part before .onmicrosoft.com, such as \"customerA\"")
	case strings.HasSuffix(strings.ToLower(prefix), ".onmicrosoft.com"):
		return invalid("domainPrefix", "%q is a whole domain: give only the part before .onmicrosoft.com", truncate(prefix, 80))
	case strings.Contains(prefix, "."):
		return invalid("domainPrefix", "%q contains a dot: give only the part before .onmicrosoft.com", truncate(prefix, 80))
	case len(prefix) > maxDNSLabel:
		return invalid("domainPrefix", "is %d characters long: a DNS label (the part before .onmicrosoft.com) takes at most %d", len(prefix), maxDNSLabel)
	}
	for _, r := range prefix {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return invalid("domainPrefix", "%q contains %q: Microsoft accepts only letters a-z and digits 0-9", truncate(prefix, 80), r)
		}
	}
	return nil
}

// domainValidationQuery is the query of the domain check.
type domainValidationQuery struct {
	DomainPrefix string `url:"domainPrefix"`
}

// validate checks the prefix with ValidateDomainPrefix.
func (q *domainValidationQuery) validate() error { return ValidateDomainPrefix(q.DomainPrefix) }

// CheckDomain asks Microsoft, through Cloudmore, whether domainPrefix.onmicrosoft.com is still
// free, and returns true when it is. Each Microsoft tenant needs its own onmicrosoft.com
// prefix; the customer's own domain is added later in Microsoft's admin center. domainPrefix
// is checked with ValidateDomainPrefix before anything is sent.
//
// Cloudmore's guide shows the answer as a one-element array, [{"isValid": true}], while the
// model name suggests a single object; both are read (and a bare true or false). An answer
// without "isValid" is an error quoting the body, never a silent false.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/domainvalidation
func (s *CSPService) CheckDomain(ctx context.Context, domainPrefix string, call ...CallOption) (bool, *Response, error) {
	raw, resp, err := opCSPCheckDomain.raw(ctx, s.client, nil, &domainValidationQuery{DomainPrefix: domainPrefix}, nil, call)
	if err != nil {
		return false, resp, err
	}
	ok, read := parseDomainValidation(raw)
	if !read {
		return false, resp, fmt.Errorf("cloudmore: %s %s: unexpected domain-validation answer %s (want {\"isValid\": true|false})",
			opCSPCheckDomain.method, opCSPCheckDomain.template, truncate(s.client.redact(string(bytes.TrimSpace(raw))), 256))
	}
	return ok, resp, nil
}

// parseDomainValidation reads [{"isValid": b}], {"isValid": b} or a bare b; read is false for
// any other answer.
func parseDomainValidation(raw []byte) (valid, read bool) {
	body := bytes.TrimSpace(raw)
	if len(body) == 0 {
		return false, false
	}
	if body[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(body, &items) != nil || len(items) != 1 {
			return false, false
		}
		body = bytes.TrimSpace(items[0])
	}
	var b Bool
	if len(body) > 0 && body[0] != '{' {
		if json.Unmarshal(body, &b) != nil || bytes.Equal(body, []byte("null")) {
			return false, false
		}
		return bool(b), true
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return false, false
	}
	for k, v := range obj {
		if strings.EqualFold(k, "isValid") {
			if bytes.Equal(bytes.TrimSpace(v), []byte("null")) || json.Unmarshal(v, &b) != nil {
				return false, false
			}
			return bool(b), true
		}
	}
	return false, false
}

// ---------------------------------------------------------------------------------------
// The CSP service of an organization

// AddCSPRequest is the body that adds the Microsoft O365 CSP Direct service to an
// organization, with the organization's acceptance of the Microsoft Customer Agreement.
// Cloudmore does not document which fields are required; the SDK requires the ones marked so
// below (without them the order cannot make sense) and checks them all before sending.
//
// Cloudmore model: OrganizationCspAddViewModel
type AddCSPRequest struct {
	// ID is the id (GUID) of the Microsoft O365 CSP Direct service, from the organization's
	// E-store list. The SDK requires it.
	ID string `json:"id"`
	// CurrencyCode is the ISO 4217 code ("SEK") the organization is billed in; it normally
	// matches the currency of the organization's country. The SDK requires it.
	CurrencyCode string `json:"currencyCode"`
	// ContactEmail is the e-mail address of the organization's Microsoft CSP contact. The SDK
	// requires it.
	ContactEmail string `json:"contactEmail"`
	// ContactFirstName is the first name of the organization's Microsoft CSP contact. Optional.
	ContactFirstName string `json:"contactFirstName,omitempty"`
	// ContactLastName is the last name of the organization's Microsoft CSP contact. Optional.
	ContactLastName string `json:"contactLastName,omitempty"`
	// ContactPhone is the phone number of the organization's Microsoft CSP contact. Optional.
	ContactPhone string `json:"contactPhone,omitempty"`
	// DomainPrefix is the new tenant's prefix before ".onmicrosoft.com" ("customerA"); check
	// that it is free with CSPService.CheckDomain first. The SDK requires it.
	DomainPrefix string `json:"domainPrefix"`
	// CloudAgreement records who in the organization accepted the Microsoft Customer
	// Agreement, and when. Microsoft requires it.
	CloudAgreement CSPCloudAgreement `json:"cloudAgreement"`
}

// CSPCloudAgreement is the organization's acceptance of the Microsoft Customer Agreement
// ("cloudAgreement").
//
// Cloudmore model: CspCloudAgreement
type CSPCloudAgreement struct {
	// PrimaryContact is the person in the organization who accepted the agreement. The SDK
	// requires their firstName, lastName and email.
	PrimaryContact CSPCloudAgreementContact `json:"primaryContact"`
	// DateAgreed is when the agreement was accepted. When it is zero the member is left out,
	// and Cloudmore uses the current time (its API guide says so).
	DateAgreed Time `json:"dateAgreed,omitzero"`
}

// CSPCloudAgreementContact is the person who accepted the Microsoft Customer Agreement.
//
// Cloudmore model: CspCloudAgreementContact
type CSPCloudAgreementContact struct {
	// FirstName is the person's first name. The SDK requires it.
	FirstName string `json:"firstName"`
	// LastName is the person's last name. The SDK requires it.
	LastName string `json:"lastName"`
	// Email is the person's e-mail address. The SDK requires it.
	Email string `json:"email"`
	// PhoneNumber is the person's phone number. Optional.
	PhoneNumber string `json:"phoneNumber,omitempty"`
}

func (r *AddCSPRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	var v validator
	if v.required("id", r.ID) && !isGUID(r.ID) {
		v.fail("id", "%q is not a GUID: use the id of the Microsoft O365 CSP Direct service from the organization's E-store", truncate(r.ID, 64))
	}
	if v.required("currencyCode", r.CurrencyCode) {
		v.currency("currencyCode", r.CurrencyCode)
	}
	v.email("contactEmail", r.ContactEmail)
	v.add(ValidateDomainPrefix(r.DomainPrefix))
	pc := r.CloudAgreement.PrimaryContact
	v.required("cloudAgreement.primaryContact.firstName", pc.FirstName)
	v.required("cloudAgreement.primaryContact.lastName", pc.LastName)
	v.email("cloudAgreement.primaryContact.email", pc.Email)
	return v.err()
}

// Add adds the Microsoft O365 CSP Direct service from the E-store to an organization, which
// creates its Microsoft tenant at domainPrefix.onmicrosoft.com. The request is checked before
// anything is sent (service id, currency code, contact e-mail, domain prefix, the agreement's
// primary contact); a zero CloudAgreement.DateAgreed is left out, so Cloudmore records the
// current time. Cloudmore answers 201 Created.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Add(ctx context.Context, organizationID string, req *AddCSPRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPAdd.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// CSPServiceDetails is an organization's Microsoft CSP service. Cloudmore does not document
// its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspDetailViewModel
type CSPServiceDetails struct {
	// Raw is the JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (d *CSPServiceDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, d) }

// Get returns the organization's Microsoft CSP service details.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Get(ctx context.Context, organizationID string, call ...CallOption) (*CSPServiceDetails, *Response, error) {
	return opCSPGet.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Remove removes the Microsoft CSP service from an organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Remove(ctx context.Context, organizationID string, call ...CallOption) (*Response, error) {
	return opCSPRemove.exec(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------
// Legacy CSP products and the organization's licences

// CSPProduct is a legacy Microsoft CSP product (SKU) an organization can subscribe to, with
// the broker's cost and the organization's price. The products available can differ between
// organizations.
//
// Cloudmore model: OrganizationCspProductViewModel
type CSPProduct struct {
	// ResellerID is the broker's id.
	ResellerID string `json:"resellerId"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// ServiceID is the id of the organization's Microsoft CSP service.
	ServiceID string `json:"serviceId"`
	// OfferID is Microsoft's offer id (an upper-case GUID); subscriptions order by it.
	OfferID string `json:"offerId"`
	// ProductID is Microsoft's product id.
	ProductID string `json:"productId"`
	// ProductCategoryName is Microsoft's product category, such as "Enterprise".
	ProductCategoryName string `json:"productCategoryName"`
	// Name is the product's name.
	Name string `json:"name"`
	// UnitType is the unit the product is sold in, such as "Add-On Licenses".
	UnitType string `json:"unitType"`
	// MaximumQuantity is the largest quantity one subscription can have; zero when Cloudmore
	// gives none. The guide shows whole numbers (10000000); like Product.MinimumQuantity it is
	// a Decimal, so that 10000000.0 or "10000000" decodes too. CheckQuantity compares exactly.
	MaximumQuantity Decimal `json:"maximumQuantity"`
	// MinimumQuantity is the smallest quantity one subscription can have (a Decimal, as
	// MaximumQuantity).
	MinimumQuantity Decimal `json:"minimumQuantity"`
	// Description is Microsoft's product description.
	Description string `json:"description"`
	// ItemCode is the Cloudmore item code ("CM-01TIER-<offerId>"); price lists address CSP
	// products by it.
	ItemCode string `json:"itemCode"`
	// Cost is the broker's cost price (reseller amount), per unit.
	Cost Decimal `json:"cost"`
	// Price is the organization's sales price (customer amount), per unit; organizations can
	// have different prices.
	Price Decimal `json:"price"`
	// CurrencyCode is the ISO 4217 currency of Cost and Price. (Cloudmore's guide says it is
	// the currency chosen when the service was added; the Swagger summary says "in reseller
	// currency".)
	CurrencyCode string `json:"currencyCode"`
	// SupportedBillingCycles are the billing cycles a subscription to the product can have.
	SupportedBillingCycles []BillingCycle `json:"supportedBillingCycles"`
}

// SupportsBillingCycle reports whether bc is one of the product's supported billing cycles.
func (p *CSPProduct) SupportsBillingCycle(bc BillingCycle) bool {
	return slices.Contains(p.SupportedBillingCycles, bc)
}

// CheckQuantity returns a *ValidationError for "quantity" unless q lies within the product's
// minimum and maximum quantity, compared exactly as decimals (a minimum below 1 is read as 1,
// a maximum of 0 as "no maximum given").
func (p *CSPProduct) CheckQuantity(q int) error {
	qd, lo := DecimalFromInt(int64(q)), p.MinimumQuantity
	if one := DecimalFromInt(1); lo.LessThan(one) {
		lo = one
	}
	if qd.LessThan(lo) {
		return invalid("quantity", "%d is below the minimum of %s for %q", q, lo.String(), p.Name)
	}
	if hi := p.MaximumQuantity; hi.Sign() > 0 && qd.GreaterThan(hi) {
		return invalid("quantity", "%d is above the maximum of %s for %q", q, hi.String(), p.Name)
	}
	return nil
}

// ListProducts returns the legacy Microsoft CSP products available to an organization, with
// the broker's cost and the organization's price.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/products
func (s *CSPService) ListProducts(ctx context.Context, organizationID string, call ...CallOption) ([]CSPProduct, *Response, error) {
	return opCSPListProducts.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// FindProduct lists the organization's legacy CSP products and returns the one with offerID
// (compared without regard to case). When there is none, the error matches ErrNotFound. Order
// it with Subscriptions.CreateForProduct to have quantity and billing cycle checked before
// anything is sent.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/products
func (s *CSPService) FindProduct(ctx context.Context, organizationID, offerID string, call ...CallOption) (*CSPProduct, *Response, error) {
	var offerErr error
	if !isGUID(offerID) {
		offerErr = invalid("offerId", "%q is not a GUID (Microsoft's offer id)", truncate(offerID, 64))
	}
	products, resp, err := opCSPListProducts.doChecked(ctx, s.client, offerErr, path(id(organizationID)), nil, nil, call)
	if err != nil {
		return nil, resp, err
	}
	for i := range products {
		if strings.EqualFold(products[i].OfferID, offerID) {
			return &products[i], resp, nil
		}
	}
	return nil, resp, fmt.Errorf("cloudmore: no CSP product with offer id %s is available to organization %s: %w", offerID, organizationID, ErrNotFound)
}

// CSPProductLicense is one of an organization's Office 365 product licences. Cloudmore does
// not document its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspProductLicenseViewModel
type CSPProductLicense struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (l *CSPProductLicense) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, l) }

// ListProductLicenses returns the organization's Office 365 product licences (those that
// CSPUsersService.AddLicense can give a user). It lives on the CSP service because its path
// is the CSP service's (…/services/Csp/productlicenses).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/productlicenses
func (s *CSPService) ListProductLicenses(ctx context.Context, organizationID string, call ...CallOption) ([]CSPProductLicense, *Response, error) {
	return opCSPListProductLicenses.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------
// Legacy CSP subscriptions

// CSPSubscription is a legacy Microsoft CSP subscription, of one organization or (ListAll) of
// the whole broker (model CspSubscriptionViewModel there). Cloudmore does not document its
// fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspSubscriptionViewModel
type CSPSubscription struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (sub *CSPSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, sub) }

// CreateCSPSubscriptionRequest orders a legacy Microsoft CSP subscription. The SDK requires
// every field but PONumber (Cloudmore does not document which are required).
//
// Cloudmore model: OrganizationCspSubscriptionCreateViewModel
type CreateCSPSubscriptionRequest struct {
	// FriendlyName is the subscription's display name. The SDK requires it.
	FriendlyName string `json:"friendlyName"`
	// OfferID is Microsoft's offer id of the product, from CSPService.ListProducts. The SDK
	// requires it (CreateForProduct takes it from the product when empty).
	OfferID string `json:"offerId"`
	// PONumber is the customer's purchase-order number. Optional.
	PONumber string `json:"poNumber,omitempty"`
	// BillingCycle is the subscription's billing cycle; it must be one of the product's
	// SupportedBillingCycles. BillingCycleUnknown is refused.
	//
	// It is sent as a JSON number. Cloudmore's guide lists the billing-cycle values as
	// integers (0 Unknown to 4 OneTime) and shows supportedBillingCycles as integers, although
	// its request example sends the string "1"; no source shows the Swagger model's type.
	BillingCycle BillingCycle `json:"billingCycle"`
	// Quantity is the number of licences, at least 1 and within the product's bounds.
	Quantity int `json:"quantity"`
}

func (r *CreateCSPSubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	var v validator
	v.required("friendlyName", r.FriendlyName)
	if !isGUID(r.OfferID) {
		v.fail("offerId", "%q is not a GUID: use the product's offerId from ListProducts", truncate(r.OfferID, 64))
	}
	switch {
	case r.BillingCycle == BillingCycleUnknown:
		v.fail("billingCycle", "required: one of the product's supportedBillingCycles (Monthly, Annual, ...)")
	case !r.BillingCycle.Valid():
		v.fail("billingCycle", "%s is not a known billing cycle", r.BillingCycle)
	}
	if r.Quantity < 1 {
		v.fail("quantity", "%d: at least 1 licence is needed", r.Quantity)
	}
	return v.err()
}

// ValidateFor checks the request against the product being ordered (from ListProducts or
// FindProduct), before anything is sent, and names every failing field: the request's own
// rules, the same offer id, Quantity within MinimumQuantity..MaximumQuantity, BillingCycle
// among SupportedBillingCycles. That stops a portal from ordering what Microsoft will reject.
// A portal can call it to check a form; CSPSubscriptionsService.CreateForProduct calls it.
func (r *CreateCSPSubscriptionRequest) ValidateFor(p *CSPProduct) error {
	var v validator
	if p == nil {
		v.fail("product", "required")
	}
	if r == nil {
		v.add(errNoBody())
		return v.err()
	}
	v.add(r.validate())
	if p == nil {
		return v.err()
	}
	failed := func(field string) bool {
		return slices.ContainsFunc(v.fields, func(f FieldError) bool { return f.Field == field })
	}
	if !failed("offerId") && !strings.EqualFold(p.OfferID, r.OfferID) {
		v.fail("offerId", "%s is not the offer id of the product passed (%s, %q)", r.OfferID, p.OfferID, p.Name)
	}
	if !failed("quantity") {
		v.add(p.CheckQuantity(r.Quantity))
	}
	if !failed("billingCycle") && !p.SupportsBillingCycle(r.BillingCycle) {
		v.fail("billingCycle", "%s is not supported by %q (supported: %v)", r.BillingCycle, p.Name, p.SupportedBillingCycles)
	}
	return v.err()
}

// UpdateCSPSubscriptionRequest is the body that updates a legacy CSP subscription. No source
// shows the edit body: the SDK types the create body's members that an edit can change, under
// the create body's names (api-facts §9.5), each optional (zero leaves it out), an inference
// to check against your environment's Swagger document. Further members go in Extra. The body
// must set at least one.
//
// Cloudmore model: OrganizationCspSubscriptionEditViewModel
type UpdateCSPSubscriptionRequest struct {
	// FriendlyName is the subscription's new display name (the create body's name, inferred).
	FriendlyName string `json:"friendlyName,omitempty"`
	// PONumber is the new purchase-order number (the create body's name, inferred).
	PONumber string `json:"poNumber,omitempty"`
	// Quantity is the new number of licences (the create body's name, inferred); nil leaves
	// it out.
	Quantity *int `json:"quantity,omitempty"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field
	// that is set.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields that are set and merges Extra.
func (r UpdateCSPSubscriptionRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateCSPSubscriptionRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateCSPSubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	var v validator
	if r.Quantity != nil && *r.Quantity < 1 {
		v.fail("quantity", "%d: at least 1 licence is needed", *r.Quantity)
	}
	type plain UpdateCSPSubscriptionRequest
	v.add(brokerCheckBody(plain(*r), r.Extra))
	return v.err()
}

// The legacy CSP subscription operations.
var (
	opCSPSubscriptionsList    = declare[none, none, []CSPSubscription]("CSP.Subscriptions.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions")
	opCSPSubscriptionsGet     = declare[none, none, *CSPSubscription]("CSP.Subscriptions.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{id}")
	opCSPSubscriptionsCreate  = declare[none, *CreateCSPSubscriptionRequest, *Created]("CSP.Subscriptions.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions")
	opCSPSubscriptionsUpdate  = declare[none, *UpdateCSPSubscriptionRequest, none]("CSP.Subscriptions.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}")
	opCSPSubscriptionsSuspend = declare[none, none, none]("CSP.Subscriptions.Suspend", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}")
	opCSPSubscriptionsListAll = declare[none, none, []CSPSubscription]("CSP.Subscriptions.ListAll", "GET /api/resellers/{resellerId}/services/csp/Subscriptions")
)

// List returns an organization's legacy Microsoft CSP subscriptions.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPSubscriptionsService) List(ctx context.Context, organizationID string, call ...CallOption) ([]CSPSubscription, *Response, error) {
	return opCSPSubscriptionsList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one legacy Microsoft CSP subscription of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{id}
func (s *CSPSubscriptionsService) Get(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*CSPSubscription, *Response, error) {
	return opCSPSubscriptionsGet.do(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// Create orders a legacy Microsoft CSP subscription for an organization. Prefer
// CreateForProduct, which checks quantity and billing cycle against the product before the
// order is sent. Cloudmore answers 201 Created; Created.ID is the new subscription's id when
// Cloudmore names it (Location header or body).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPSubscriptionsService) Create(ctx context.Context, organizationID string, req *CreateCSPSubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPSubscriptionsCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// CreateForProduct orders product for an organization after checking req against it (see
// CreateCSPSubscriptionRequest.ValidateFor); an empty OfferID is taken from the product (req
// itself is not changed). It is what a portal should call: an order Microsoft would reject
// never leaves.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPSubscriptionsService) CreateForProduct(ctx context.Context, organizationID string, product *CSPProduct, req *CreateCSPSubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	if req != nil && req.OfferID == "" && product != nil {
		r := *req
		r.OfferID = product.OfferID
		req = &r
	}
	// The product's checks include the request's own (ValidateFor), so they are made here, in
	// the order Create names its fields (the path's, then the body's), not as a precheck.
	args := path(id(organizationID))
	var v validator
	v.add(opCSPSubscriptionsCreate.checkPath(s.client, args))
	v.add(req.ValidateFor(product))
	if err := v.err(); err != nil {
		return nil, nil, err
	}
	return opCSPSubscriptionsCreate.do(ctx, s.client, args, nil, req, call)
}

// Update updates a legacy Microsoft CSP subscription (for example its quantity). The body's
// fields are not documented: see UpdateCSPSubscriptionRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}
func (s *CSPSubscriptionsService) Update(ctx context.Context, organizationID, subscriptionID string, req *UpdateCSPSubscriptionRequest, call ...CallOption) (*Response, error) {
	return opCSPSubscriptionsUpdate.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, req, call)
}

// Suspend suspends a legacy Microsoft CSP subscription. Cloudmore's DELETE on a legacy
// subscription suspends it; it does not delete it (NCE.Delete, its sibling, deletes).
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}
func (s *CSPSubscriptionsService) Suspend(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*Response, error) {
	return opCSPSubscriptionsSuspend.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// ListAll returns the legacy Microsoft CSP subscriptions of all the broker's organizations.
// Filters and paging are not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/Subscriptions
func (s *CSPSubscriptionsService) ListAll(ctx context.Context, call ...CallOption) ([]CSPSubscription, *Response, error) {
	return opCSPSubscriptionsListAll.do(ctx, s.client, nil, nil, nil, call)
}
