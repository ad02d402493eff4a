package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// CSPService manages Microsoft 365 through Cloudmore's CSP Direct integration ("Microsoft
// O365 CSP Direct"): the onmicrosoft.com domain check, the CSP service of an organization, its
// legacy CSP products and subscriptions, and the broker-wide legacy subscription list. The
// new-commerce (NCE) products and subscriptions are on NCE, Microsoft 365 users and their
// licences on Users, and the linking of Partner Center tenants on Tenants.
//
// The usual order of calls (Cloudmore's API guide): CheckDomain, Add, ListProducts,
// CreateSubscription.
//
// Cloudmore documents few of the CSP models. Where it does not (service details, legacy and
// NCE subscriptions, NCE products, users, licences, tenants, eligibilities, alignment dates),
// the SDK types only what a source shows and keeps the whole JSON in a Raw field; the request
// bodies it does not document take an Extra map that is sent as the JSON object.
type CSPService struct {
	client *Client

	// NCE manages new-commerce (NCE) products and subscriptions, including upgrades.
	NCE *CSPNCEService
	// Users manages Microsoft 365 users of an organization and their product licences.
	Users *CSPUsersService
	// Tenants lists Microsoft CSP tenants and links them to organizations.
	Tenants *CSPTenantsService
}

// CSPNCEService manages Microsoft new-commerce (NCE) products and subscriptions of
// organizations. Reach it as Client.CSP.NCE.
type CSPNCEService service

// CSPUsersService manages the Microsoft 365 users of an organization and the product
// licences assigned to them. Reach it as Client.CSP.Users.
type CSPUsersService service

// CSPTenantsService lists the broker's Microsoft CSP tenants and links a tenant to an
// organization. Reach it as Client.CSP.Tenants.
type CSPTenantsService service

func newCSPService(c *Client) *CSPService {
	return &CSPService{
		client:  c,
		NCE:     &CSPNCEService{client: c},
		Users:   &CSPUsersService{client: c},
		Tenants: &CSPTenantsService{client: c},
	}
}

// ---------------------------------------------------------------------------------------
// Domain check

// ValidateDomainPrefix checks, without a network call, that prefix can be the part of a
// Microsoft tenant domain before ".onmicrosoft.com" ("customerA" for
// customerA.onmicrosoft.com): not empty, no dots (give only the prefix, not the whole
// domain), and only the ASCII letters and digits Microsoft accepts. No source shows a length
// limit, so none is checked. The error is a *ValidationError for "domainPrefix".
func ValidateDomainPrefix(prefix string) error {
	switch {
	case prefix == "":
		return invalid("domainPrefix", "required: the part before .onmicrosoft.com, such as \"customerA\"")
	case strings.HasSuffix(strings.ToLower(prefix), ".onmicrosoft.com"):
		return invalid("domainPrefix", "%q is a whole domain: give only the part before .onmicrosoft.com", truncate(prefix, 80))
	case strings.Contains(prefix, "."):
		return invalid("domainPrefix", "%q contains a dot: give only the part before .onmicrosoft.com", truncate(prefix, 80))
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
func (s *CSPService) CheckDomain(ctx context.Context, domainPrefix string) (bool, *Response, error) {
	if err := ValidateDomainPrefix(domainPrefix); err != nil {
		return false, nil, err
	}
	p, err := s.client.brokerPath("services/csp/domainvalidation")
	if err != nil {
		return false, nil, err
	}
	var raw json.RawMessage
	resp, err := s.client.get(ctx, p, &domainValidationQuery{DomainPrefix: domainPrefix}, &raw)
	if err != nil {
		return false, resp, err
	}
	ok, err := parseDomainValidation(raw)
	if err != nil {
		return false, resp, fmt.Errorf("cloudmore: GET %s: %w", p, err)
	}
	return ok, resp, nil
}

// parseDomainValidation reads [{"isValid": b}], {"isValid": b} or a bare b.
func parseDomainValidation(raw []byte) (bool, error) {
	body := bytes.TrimSpace(raw)
	unexpected := func() (bool, error) {
		return false, fmt.Errorf("unexpected domain-validation answer %s (want {\"isValid\": true|false})", truncate(string(body), 256))
	}
	if len(body) == 0 {
		return unexpected()
	}
	if body[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(body, &items) != nil || len(items) != 1 {
			return unexpected()
		}
		body = bytes.TrimSpace(items[0])
	}
	var b Bool
	if len(body) > 0 && body[0] != '{' {
		if json.Unmarshal(body, &b) != nil || bytes.Equal(body, []byte("null")) {
			return unexpected()
		}
		return bool(b), nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return unexpected()
	}
	for k, v := range obj {
		if strings.EqualFold(k, "isValid") {
			if bytes.Equal(bytes.TrimSpace(v), []byte("null")) || json.Unmarshal(v, &b) != nil {
				return unexpected()
			}
			return bool(b), nil
		}
	}
	return unexpected()
}

// ---------------------------------------------------------------------------------------
// The CSP service of an organization

// AddCSPRequest is the body that adds the Microsoft O365 CSP Direct service to an
// organization, with the organization's acceptance of the Microsoft Customer Agreement.
//
// Cloudmore does not document which of these fields are required. The SDK requires the ones
// marked so below (without them the order cannot make sense) and checks them before sending.
type AddCSPRequest struct {
	// ID is the id (GUID) of the Microsoft O365 CSP Direct service, from the organization's
	// E-store list. The SDK requires it.
	ID string `json:"id"`
	// CurrencyCode is the ISO 4217 code ("SEK") the organization is billed in; it normally
	// matches the currency of the organization's country. The SDK requires it.
	CurrencyCode string `json:"currencyCode"`
	// ContactEmail is the e-mail address of the organization's Microsoft CSP contact. The SDK
	// requires it (Cloudmore does not document which fields are required).
	ContactEmail string `json:"contactEmail"`
	// ContactFirstName is the first name of the organization's Microsoft CSP contact.
	ContactFirstName string `json:"contactFirstName,omitempty"`
	// ContactLastName is the last name of the organization's Microsoft CSP contact.
	ContactLastName string `json:"contactLastName,omitempty"`
	// ContactPhone is the phone number of the organization's Microsoft CSP contact.
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
type CSPCloudAgreement struct {
	// PrimaryContact is the person in the organization who accepted the agreement. The SDK
	// requires their firstName, lastName and email (Cloudmore does not document which fields
	// are required).
	PrimaryContact CSPCloudAgreementContact `json:"primaryContact"`
	// DateAgreed is when the agreement was accepted. When it is zero, CSPService.Add sends the
	// current time in UTC (Cloudmore would also use "now").
	DateAgreed Time `json:"dateAgreed"`
}

// CSPCloudAgreementContact is the person who accepted the Microsoft Customer Agreement.
type CSPCloudAgreementContact struct {
	// FirstName is the person's first name. The SDK requires it (Cloudmore does not document
	// which fields are required).
	FirstName string `json:"firstName"`
	// LastName is the person's last name. The SDK requires it (Cloudmore does not document
	// which fields are required).
	LastName string `json:"lastName"`
	// Email is the person's e-mail address. The SDK requires it (Cloudmore does not document
	// which fields are required).
	Email string `json:"email"`
	// PhoneNumber is the person's phone number.
	PhoneNumber string `json:"phoneNumber,omitempty"`
}

func (r *AddCSPRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	switch {
	case !isGUID(r.ID):
		return invalid("id", "%q is not a GUID: use the id of the Microsoft O365 CSP Direct service from the organization's E-store", truncate(r.ID, 64))
	case !isCurrencyCode(r.CurrencyCode):
		return invalid("currencyCode", "%q is not an ISO 4217 code (three capital letters, such as \"SEK\")", truncate(r.CurrencyCode, 16))
	case r.ContactEmail == "":
		return invalid("contactEmail", "required")
	case !isEmail(r.ContactEmail):
		return invalid("contactEmail", "%q is not an e-mail address", truncate(r.ContactEmail, 80))
	}
	if err := ValidateDomainPrefix(r.DomainPrefix); err != nil {
		return err
	}
	pc := r.CloudAgreement.PrimaryContact
	switch {
	case strings.TrimSpace(pc.FirstName) == "":
		return invalid("cloudAgreement.primaryContact.firstName", "required: the first name of the person who accepted the Microsoft Customer Agreement")
	case strings.TrimSpace(pc.LastName) == "":
		return invalid("cloudAgreement.primaryContact.lastName", "required: the last name of the person who accepted the Microsoft Customer Agreement")
	case pc.Email == "":
		return invalid("cloudAgreement.primaryContact.email", "required: the e-mail address of the person who accepted the Microsoft Customer Agreement")
	case !isEmail(pc.Email):
		return invalid("cloudAgreement.primaryContact.email", "%q is not an e-mail address", truncate(pc.Email, 80))
	}
	return nil
}

// Add adds the Microsoft O365 CSP Direct service from the E-store to an organization, which
// creates its Microsoft tenant at domainPrefix.onmicrosoft.com. The request is checked before
// anything is sent (service id, currency code, contact e-mail, domain prefix, the agreement's
// primary contact); a zero CloudAgreement.DateAgreed is sent as the current time in UTC (req
// itself is not changed). Cloudmore answers 201 Created.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Add(ctx context.Context, organizationID string, req *AddCSPRequest) (*Created, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/Csp", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	body := *req
	if body.CloudAgreement.DateAgreed.IsZero() {
		body.CloudAgreement.DateAgreed = NewTime(s.client.now().UTC())
	}
	return s.client.create(ctx, p, &body)
}

// CSPServiceDetails is an organization's Microsoft CSP service. Cloudmore does not document
// its fields (model OrganizationCspDetailViewModel), so the SDK types none: Raw holds the
// whole JSON object as received.
type CSPServiceDetails struct {
	// Raw is the JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (d *CSPServiceDetails) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, d)
}

// Get returns the organization's Microsoft CSP service details; their fields are not
// documented, so the result holds the raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Get(ctx context.Context, organizationID string) (*CSPServiceDetails, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/Csp", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	var out CSPServiceDetails
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Remove removes the Microsoft CSP service from an organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp
func (s *CSPService) Remove(ctx context.Context, organizationID string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/Csp", idArg("organizationId", organizationID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// ---------------------------------------------------------------------------------------
// Legacy CSP products and licences

// CSPProduct is a legacy Microsoft CSP product (SKU) an organization can subscribe to, with
// the broker's cost and the organization's price. The products available can differ between
// organizations.
type CSPProduct struct {
	// ResellerID is the broker's id.
	ResellerID string `json:"resellerId"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// ServiceID is the id of the organization's Microsoft CSP service.
	ServiceID string `json:"serviceId"`
	// OfferID is Microsoft's offer id (an upper-case GUID); CreateSubscription orders by it.
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
func (s *CSPService) ListProducts(ctx context.Context, organizationID string) ([]CSPProduct, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/Csp/products", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	var out []CSPProduct
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// FindProduct lists the organization's legacy CSP products and returns the one with offerID
// (compared without regard to case). When there is none, the error matches ErrNotFound. Pass
// the product as CreateCSPSubscriptionRequest.Product to have quantity and billing cycle
// checked before ordering.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/products
func (s *CSPService) FindProduct(ctx context.Context, organizationID, offerID string) (*CSPProduct, *Response, error) {
	if !isGUID(offerID) {
		return nil, nil, invalid("offerId", "%q is not a GUID (Microsoft's offer id)", truncate(offerID, 64))
	}
	products, resp, err := s.ListProducts(ctx, organizationID)
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
// not document its fields (models OrganizationCspProductLicenseViewModel, CspProductsLicense),
// so Raw holds the whole JSON.
type CSPProductLicense struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (l *CSPProductLicense) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, l)
}

// ListProductLicenses returns the organization's Office 365 product licences. Their fields
// are not documented: each item holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Csp/productlicenses
func (s *CSPService) ListProductLicenses(ctx context.Context, organizationID string) ([]CSPProductLicense, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/Csp/productlicenses", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPProductLicense](ctx, s.client, p)
}

// ---------------------------------------------------------------------------------------
// Legacy CSP subscriptions

// CSPSubscription is a legacy Microsoft CSP subscription. Cloudmore does not document its
// fields (models OrganizationCspSubscriptionViewModel, and CspSubscriptionViewModel for the
// broker-wide list), so the SDK types none: Raw holds the whole JSON.
type CSPSubscription struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (sub *CSPSubscription) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, sub)
}

// CreateCSPSubscriptionRequest orders a legacy Microsoft CSP subscription.
type CreateCSPSubscriptionRequest struct {
	// FriendlyName is the subscription's display name. The SDK requires it (Cloudmore does not
	// document which fields are required).
	FriendlyName string `json:"friendlyName"`
	// OfferID is Microsoft's offer id of the product, from CSPService.ListProducts. The SDK
	// requires it: the order names the product by it.
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
		return invalid("body", "required")
	}
	switch {
	case strings.TrimSpace(r.FriendlyName) == "":
		return invalid("friendlyName", "required")
	case !isGUID(r.OfferID):
		return invalid("offerId", "%q is not a GUID: use the product's offerId from ListProducts", truncate(r.OfferID, 64))
	case r.BillingCycle == BillingCycleUnknown:
		return invalid("billingCycle", "required: one of the product's supportedBillingCycles (Monthly, Annual, ...)")
	case !r.BillingCycle.Valid():
		return invalid("billingCycle", "%s is not a known billing cycle", r.BillingCycle)
	case r.Quantity < 1:
		return invalid("quantity", "%d: at least 1 licence is needed", r.Quantity)
	}
	return nil
}

// ValidateFor checks the request against the product being ordered (from ListProducts or
// FindProduct), before anything is sent: the same offer id, Quantity within
// MinimumQuantity..MaximumQuantity, BillingCycle among SupportedBillingCycles. That stops a
// portal from ordering what Microsoft will reject. A portal can call it to check a form;
// CreateSubscriptionForProduct calls it.
func (r *CreateCSPSubscriptionRequest) ValidateFor(p *CSPProduct) error {
	if err := r.validate(); err != nil {
		return err
	}
	if p == nil {
		return invalid("product", "required")
	}
	if !strings.EqualFold(p.OfferID, r.OfferID) {
		return invalid("offerId", "%s is not the offer id of the product passed (%s, %q)", r.OfferID, p.OfferID, p.Name)
	}
	if err := p.CheckQuantity(r.Quantity); err != nil {
		return err
	}
	if !p.SupportsBillingCycle(r.BillingCycle) {
		return invalid("billingCycle", "%s is not supported by %q (supported: %v)", r.BillingCycle, p.Name, p.SupportedBillingCycles)
	}
	return nil
}

// UpdateCSPSubscriptionRequest is the body that updates a legacy CSP subscription. Cloudmore
// does not document its fields (model OrganizationCspSubscriptionEditViewModel), so it has no
// typed fields: Extra is sent as the JSON object, for example
// {"quantity": 12} if that is what your Cloudmore environment expects (the create body calls
// the licence count "quantity"; no source shows the edit body).
type UpdateCSPSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpdateCSPSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// ListSubscriptions returns an organization's legacy Microsoft CSP subscriptions; their
// fields are not documented, so each holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPService) ListSubscriptions(ctx context.Context, organizationID string) ([]CSPSubscription, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/subscriptions", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPSubscription](ctx, s.client, p)
}

// GetSubscription returns one legacy Microsoft CSP subscription of an organization; its
// fields are not documented, so it holds the raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{id}
func (s *CSPService) GetSubscription(ctx context.Context, organizationID, subscriptionID string) (*CSPSubscription, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/subscriptions/{id}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	var out CSPSubscription
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// CreateSubscription orders a legacy Microsoft CSP subscription for an organization. Set
// req.Product (see FindProduct) to have the quantity and billing cycle checked against the
// product before the order is sent. Cloudmore answers 201 Created; Created.ID is the new
// subscription's id when Cloudmore names it (Location header or body).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPService) CreateSubscription(ctx context.Context, organizationID string, req *CreateCSPSubscriptionRequest) (*Created, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	return s.createSubscription(ctx, organizationID, req)
}

// CreateSubscriptionForProduct orders product for an organization after checking req against
// it (see CreateCSPSubscriptionRequest.ValidateFor); an empty OfferID is taken from the product.
// It is what a portal should call: an order Microsoft would reject never leaves.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions
func (s *CSPService) CreateSubscriptionForProduct(ctx context.Context, organizationID string, product *CSPProduct, req *CreateCSPSubscriptionRequest) (*Created, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	r := *req
	if r.OfferID == "" && product != nil {
		r.OfferID = product.OfferID
	}
	if err := r.ValidateFor(product); err != nil {
		return nil, nil, err
	}
	return s.createSubscription(ctx, organizationID, &r)
}

func (s *CSPService) createSubscription(ctx context.Context, organizationID string, req *CreateCSPSubscriptionRequest) (*Created, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/subscriptions", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// UpdateSubscription updates a legacy Microsoft CSP subscription (for example its quantity).
// The body's fields are not documented: see UpdateCSPSubscriptionRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}
func (s *CSPService) UpdateSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpdateCSPSubscriptionRequest) (*Response, error) {
	if req == nil {
		return nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodPut, p, nil, req, nil)
}

// SuspendSubscription suspends a legacy Microsoft CSP subscription. Cloudmore's DELETE on a
// legacy subscription suspends it; it does not delete it.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}
func (s *CSPService) SuspendSubscription(ctx context.Context, organizationID, subscriptionID string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/subscriptions/{subscriptionId}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// ListAllSubscriptions returns the legacy Microsoft CSP subscriptions of all the broker's
// organizations. Their fields (model CspSubscriptionViewModel), filters and paging are not
// documented; each item holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/Subscriptions
func (s *CSPService) ListAllSubscriptions(ctx context.Context) ([]CSPSubscription, *Response, error) {
	p, err := s.client.brokerPath("services/csp/Subscriptions")
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPSubscription](ctx, s.client, p)
}

// ---------------------------------------------------------------------------------------
// NCE products and subscriptions

// CSPNCEProduct is a new-commerce (NCE) Microsoft product an organization can subscribe to.
// Cloudmore does not document its fields (model OrganizationCspNceSkuViewModel: term
// duration, billing frequency and so on are not shown), so Raw holds the whole JSON.
type CSPNCEProduct struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (p *CSPNCEProduct) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, p)
}

// CSPNCESubscription is a new-commerce (NCE) Microsoft subscription. Only Segment is
// documented (Cloudmore added it on 3 June 2024); the other fields are not, so Raw holds the
// whole JSON object.
type CSPNCESubscription struct {
	// Segment is the Microsoft price segment of the subscription: commercial, education,
	// charity or government. Empty when Cloudmore does not send it (the broker-wide list is
	// not documented to carry it).
	Segment Segment `json:"segment"`
	// Raw is the JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes Segment and keeps the whole object in Raw.
func (sub *CSPNCESubscription) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, sub)
}

// CreateNCESubscriptionRequest orders a new-commerce (NCE) subscription. Cloudmore does not
// document its fields (model OrganizationCspNceSubscriptionCreateViewModel; term duration,
// billing frequency, quantity and the like are not shown), so it has no typed fields: Extra
// is sent as the JSON object.
type CreateNCESubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r CreateNCESubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// UpdateNCESubscriptionRequest updates a new-commerce (NCE) subscription. Cloudmore does
// not document its fields (model OrganizationCspNceSubscriptionEditViewModel), so Extra is
// sent as the JSON object.
type UpdateNCESubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpdateNCESubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// ListProducts returns the new-commerce (NCE) Microsoft products available to an
// organization; their fields are not documented, so each holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/products
func (s *CSPNCEService) ListProducts(ctx context.Context, organizationID string) ([]CSPNCEProduct, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/products", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCEProduct](ctx, s.client, p)
}

// List returns an organization's new-commerce (NCE) subscriptions, each with its segment
// and its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) List(ctx context.Context, organizationID string) ([]CSPNCESubscription, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCESubscription](ctx, s.client, p)
}

// Get returns one new-commerce (NCE) subscription of an organization, with its segment and
// its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{id}
func (s *CSPNCEService) Get(ctx context.Context, organizationID, subscriptionID string) (*CSPNCESubscription, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{id}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	var out CSPNCESubscription
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Create orders a new-commerce (NCE) subscription for an organization. The body's fields are
// not documented: see CreateNCESubscriptionRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) Create(ctx context.Context, organizationID string, req *CreateNCESubscriptionRequest) (*Created, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// Update updates a new-commerce (NCE) subscription. The body's fields are not documented: see
// UpdateNCESubscriptionRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Update(ctx context.Context, organizationID, subscriptionID string, req *UpdateNCESubscriptionRequest) (*Response, error) {
	if req == nil {
		return nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodPut, p, nil, req, nil)
}

// Delete deletes a new-commerce (NCE) subscription (unlike a legacy subscription, which
// Cloudmore suspends). Microsoft allows cancelling an NCE subscription only in a short window
// after purchase; how Cloudmore answers outside it is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Delete(ctx context.Context, organizationID, subscriptionID string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// ListAll returns the new-commerce (NCE) subscriptions of all the broker's organizations.
// Their fields (model CspNceSubscriptionViewModel), filters and paging are not documented;
// each holds its raw JSON (and Segment, when Cloudmore sends one).
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/nce/subscriptions
func (s *CSPNCEService) ListAll(ctx context.Context) ([]CSPNCESubscription, *Response, error) {
	p, err := s.client.brokerPath("services/csp/nce/subscriptions")
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCESubscription](ctx, s.client, p)
}

// CSPNCEAlignmentDate is a date an organization's new-commerce subscriptions can be aligned
// (co-termed) to, with the subscription ids per term duration. Cloudmore does not document
// its fields (models OrganizationCspNceSubscriptionsAlignmentDatesViewModel, CoterminousDate),
// nor how a chosen date is sent back, so Raw holds the whole JSON.
type CSPNCEAlignmentDate struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (a *CSPNCEAlignmentDate) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, a)
}

// ListAlignmentDates returns the dates an organization's new-commerce subscriptions can be
// aligned to, with the subscription ids per term duration; their fields are not documented,
// so each holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates
func (s *CSPNCEService) ListAlignmentDates(ctx context.Context, organizationID string) ([]CSPNCEAlignmentDate, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCEAlignmentDate](ctx, s.client, p)
}

// ---------------------------------------------------------------------------------------
// NCE upgrades

// CSPNCEEligibility is one upgrade target of a new-commerce subscription: an existing
// subscription it can be upgraded into, or a product it can be upgraded to as a new
// subscription. Upgrade targets are defined by Microsoft. Cloudmore does not document the
// fields (models OrganizationCspNceSubscriptionExistingSubscriptionEligibilityViewModel,
// OrganizationCspNceSubscriptionNewSubscriptionEligibilityViewModel,
// CspNceEligibleProductViewModel), so Raw holds the whole JSON.
type CSPNCEEligibility struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (e *CSPNCEEligibility) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, e)
}

// ListExistingSubscriptionEligibilities returns the organization's existing subscriptions that
// the subscription can be upgraded into (see UpgradeToExistingSubscription). Their fields are
// not documented: each holds its raw JSON. The path keeps Cloudmore's own spelling, "Eligiblities".
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/existingSubscriptionEligiblities
func (s *CSPNCEService) ListExistingSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string) ([]CSPNCEEligibility, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/existingSubscriptionEligiblities",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCEEligibility](ctx, s.client, p)
}

// ListNewSubscriptionEligibilities returns the products the subscription can be upgraded to as
// a new subscription (see UpgradeToNewSubscription). Their fields are not documented: each
// holds its raw JSON.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities
func (s *CSPNCEService) ListNewSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string) ([]CSPNCEEligibility, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPNCEEligibility](ctx, s.client, p)
}

// UpgradeToNewSubscriptionRequest upgrades a new-commerce subscription to a new subscription of an
// eligible product. Cloudmore does not document its fields (model
// OrganizationCspNceSubscriptionUpgradeToNewSubscriptionViewModel), so Extra is sent as the
// JSON object.
type UpgradeToNewSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpgradeToNewSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// UpgradeToExistingSubscriptionRequest upgrades a new-commerce subscription into an existing
// subscription. Cloudmore does not document its fields (model
// OrganizationCspNceSubscriptionUpgradeToExistingSubscriptionViewModel), so Extra is sent as
// the JSON object.
type UpgradeToExistingSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpgradeToExistingSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// UpgradeToNewSubscription upgrades a new-commerce subscription to a new subscription of one
// of the products ListNewSubscriptionEligibilities returns. Upgrades cannot be undone and
// Microsoft's cancellation window does not apply to them; a full upgrade keeps the
// subscription id. Follow it with WaitForUpgrade. The answer's body is not documented and is
// returned as it came (nil when empty).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToNewSubscription
func (s *CSPNCEService) UpgradeToNewSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeToNewSubscriptionRequest) (json.RawMessage, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	return s.upgrade(ctx, organizationID, subscriptionID, "upgradeToNewSubscription", req)
}

// UpgradeToExistingSubscription upgrades a new-commerce subscription into one of the existing
// subscriptions ListExistingSubscriptionEligibilities returns. Upgrades cannot be undone.
// Follow it with WaitForUpgrade. The answer's body is not documented and is returned as it
// came (nil when empty).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToExistingSubscription
func (s *CSPNCEService) UpgradeToExistingSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeToExistingSubscriptionRequest) (json.RawMessage, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	return s.upgrade(ctx, organizationID, subscriptionID, "upgradeToExistingSubscription", req)
}

func (s *CSPNCEService) upgrade(ctx context.Context, organizationID, subscriptionID, action string, body any) (json.RawMessage, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/"+action,
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.raw(ctx, http.MethodPost, p, nil, body)
}

// CSPNCEUpgradeStatus is the upgrade (transition) status of a new-commerce subscription.
// Cloudmore does not document its shape (model
// OrganizationCspNceSubscriptionTransitionStatusViewModel). The SDK reads a member named
// "status" (in any case) into Status and keeps the whole JSON in Raw. Running, Succeeded and
// Failed read it with the vocabulary the Poller uses for every asynchronous task (see Poller):
// a 202 Accepted or 204 No Content answer, or a running status, means the upgrade is still
// in progress.
type CSPNCEUpgradeStatus struct {
	// Status is the answer's "status" member as text ("" when there is none).
	Status string `json:"-"`
	// Raw is the JSON as Cloudmore sent it (nil when the answer had no body).
	Raw json.RawMessage `json:"-"`

	// httpStatus is the HTTP status of the answer, when GetUpgradeStatus read it.
	httpStatus int
}

// UnmarshalJSON keeps the whole value in Raw and reads Status.
func (u *CSPNCEUpgradeStatus) UnmarshalJSON(b []byte) error {
	if err := decodeKeepRaw(b, new(json.RawMessage), &u.Raw); err != nil {
		return err
	}
	u.Status, _ = statusField(b)
	return nil
}

// state classifies the status as taskRunning (poller.go) classifies a poll answer: 202 or 204
// is running, otherwise taskState reads the status member. Unlike a task's result, an upgrade
// status without a status member says nothing, so it is taskUnknownState.
func (u *CSPNCEUpgradeStatus) state() int {
	if u.httpStatus == http.StatusAccepted || u.httpStatus == http.StatusNoContent {
		return taskRunningState
	}
	if _, has := statusField(u.Raw); !has {
		return taskUnknownState
	}
	return taskState(u.Status)
}

// Running reports whether the upgrade is still in progress: the answer was 202 Accepted or
// 204 No Content, or its status is Processing, Pending, Running, InProgress, Queued or
// NotStarted (case, spaces, hyphens and underscores ignored).
func (u *CSPNCEUpgradeStatus) Running() bool { return u.state() == taskRunningState }

// Succeeded reports whether the status says the upgrade finished: Successful, Succeeded,
// Success, Completed or Done (case, spaces, hyphens and underscores ignored).
func (u *CSPNCEUpgradeStatus) Succeeded() bool { return u.state() == taskDone }

// Failed reports whether the status says the upgrade failed: Failed, Failure, Error,
// Cancelled or Canceled (in any case).
func (u *CSPNCEUpgradeStatus) Failed() bool { return u.state() == taskFailedState }

// GetUpgradeStatus returns the upgrade status of a new-commerce subscription. Its shape is not
// documented: see CSPNCEUpgradeStatus. To wait for an upgrade to finish, use WaitForUpgrade.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) GetUpgradeStatus(ctx context.Context, organizationID, subscriptionID string) (*CSPNCEUpgradeStatus, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus",
		idArg("organizationId", organizationID), idArg("subscriptionId", subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	raw, resp, err := s.client.raw(ctx, http.MethodGet, p, nil, nil)
	if err != nil {
		return nil, resp, err
	}
	out := &CSPNCEUpgradeStatus{httpStatus: resp.StatusCode}
	if raw != nil {
		if err := out.UnmarshalJSON(raw); err != nil {
			return nil, resp, fmt.Errorf("cloudmore: GET %s: invalid JSON in the upgrade status: %w", p, err)
		}
	}
	return out, resp, nil
}

// UpgradeWaitOptions tunes WaitForUpgrade. The zero value polls after 5 seconds, doubling the
// wait up to 1 minute; bound the whole wait with the context.
type UpgradeWaitOptions struct {
	// Interval is the wait after the first poll; 0 means 5 seconds.
	Interval time.Duration
	// MaxInterval caps the wait between polls as it doubles; 0 means 1 minute.
	MaxInterval time.Duration
}

// upgradeStatusKind names the upgrade status in a *TaskFailedError.
const upgradeStatusKind = "csp.nce.upgradeStatus"

// WaitForUpgrade polls the upgrade status of a new-commerce subscription until it is
// terminal, with exponential backoff (opts) and ctx bounding the whole wait. A Retry-After
// from Cloudmore lengthens a wait, up to the client's RetryPolicy.MaxRetryAfter. Each answer
// is read as the Poller reads an asynchronous task's (see Poller and CSPNCEUpgradeStatus):
//
//   - 202 Accepted, 204 No Content or a running status: poll again;
//   - a succeeded status: return the status and nil;
//   - a failed status: return the status and a *TaskFailedError quoting it;
//   - anything else (no status member, a value the SDK does not know, an empty 200 body):
//     stop and return the status (its Raw holds what came back) and a *TaskFailedError
//     quoting the body, rather than guess. Cloudmore does not document the status values.
//
// A failed poll request that the retry policy could not get past, or ctx ending, stops the
// wait with that error and the last status read (nil if none).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) WaitForUpgrade(ctx context.Context, organizationID, subscriptionID string, opts *UpgradeWaitOptions) (*CSPNCEUpgradeStatus, *Response, error) {
	interval, maxInterval := 5*time.Second, time.Minute
	if opts != nil {
		if opts.Interval > 0 {
			interval = opts.Interval
		}
		if opts.MaxInterval > 0 {
			maxInterval = opts.MaxInterval
		}
	}
	interval = min(interval, maxInterval)
	var last *CSPNCEUpgradeStatus
	for {
		st, resp, err := s.GetUpgradeStatus(ctx, organizationID, subscriptionID)
		if err != nil {
			return last, resp, err
		}
		last = st
		running, err := taskRunning(upgradeStatusKind, subscriptionID, resp.StatusCode, st.Raw)
		switch {
		case err != nil:
			return st, resp, err
		case !running && st.Succeeded():
			return st, resp, nil
		case !running:
			// A 200 body without a status member: a task's result for the Poller, but an
			// upgrade status that names no status says nothing.
			return st, resp, &TaskFailedError{Kind: upgradeStatusKind, TaskID: subscriptionID,
				StatusCode: resp.StatusCode, Status: st.Status, Body: capBody(st.Raw)}
		}
		wait := interval
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), s.client.now()); ok {
			wait = max(wait, min(ra, s.client.retry.MaxRetryAfter))
		}
		if err := s.client.sleep(ctx, wait); err != nil {
			return last, resp, fmt.Errorf("cloudmore: waiting for the upgrade of NCE subscription %s (last status %q): %w", subscriptionID, last.Status, err)
		}
		interval = min(2*interval, maxInterval)
	}
}

// ---------------------------------------------------------------------------------------
// Microsoft 365 users and licences

// CSPUser is a Microsoft 365 user of an organization. Cloudmore does not document its fields
// (models OrganizationCspUsersViewModel, OrganizationCspUserAsyncViewModel), so Raw holds the
// whole JSON.
type CSPUser struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (u *CSPUser) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, u)
}

// CSPUserList is the result of the asynchronous user list (CSPUsersService.BeginList). Its
// shape is not documented: when the result is a JSON array, Users holds its items; Raw
// always holds the whole result.
type CSPUserList struct {
	// Users holds the users when the result is a JSON array.
	Users []CSPUser `json:"-"`
	// Raw is the result as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole value in Raw and reads Users from an array.
func (l *CSPUserList) UnmarshalJSON(b []byte) error {
	l.Users = nil
	var into any = new(json.RawMessage) // any other JSON value: only checked and kept
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		into = &l.Users
	}
	return decodeKeepRaw(b, into, &l.Raw)
}

// CreateCSPUserRequest creates a Microsoft 365 user. Cloudmore does not document its fields
// (model OrganizationCspUserCreateViewModel), so Extra is sent as the JSON object.
type CreateCSPUserRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r CreateCSPUserRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// UpdateCSPUserRequest updates a Microsoft 365 user. Cloudmore does not document its fields
// (model OrganizationCspUserUpdateViewModel), so Extra is sent as the JSON object.
type UpdateCSPUserRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpdateCSPUserRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// AddCSPUserLicenseRequest adds an Office 365 product licence to a user. Cloudmore does not
// document its fields (model OrganizationCspUserProductLicenseAddViewModel), so Extra is sent
// as the JSON object.
type AddCSPUserLicenseRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r AddCSPUserLicenseRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// List returns the organization's Microsoft 365 users to which a product licence can be
// added; their fields are not documented, so each holds its raw JSON. For large tenants,
// BeginList generates the same list asynchronously.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) List(ctx context.Context, organizationID string) ([]CSPUser, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPUser](ctx, s.client, p)
}

// Get returns one Microsoft 365 user of the organization, as raw JSON. The format of user ids
// is not documented, so any single path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{id}
func (s *CSPUsersService) Get(ctx context.Context, organizationID, userID string) (*CSPUser, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users/{id}",
		idArg("organizationId", organizationID), segArg("userId", userID))
	if err != nil {
		return nil, nil, err
	}
	var out CSPUser
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Create creates a Microsoft 365 user in the organization's tenant. The body's fields are not
// documented: see CreateCSPUserRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) Create(ctx context.Context, organizationID string, req *CreateCSPUserRequest) (*Created, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// Update updates a Microsoft 365 user. The body's fields are not documented: see
// UpdateCSPUserRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}
func (s *CSPUsersService) Update(ctx context.Context, organizationID, userID string, req *UpdateCSPUserRequest) (*Response, error) {
	if req == nil {
		return nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users/{userId}",
		idArg("organizationId", organizationID), segArg("userId", userID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodPut, p, nil, req, nil)
}

// Delete deletes a Microsoft 365 user.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}
func (s *CSPUsersService) Delete(ctx context.Context, organizationID, userID string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users/{userId}",
		idArg("organizationId", organizationID), segArg("userId", userID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// AddLicense adds an Office 365 product licence to a user. The body's fields are not
// documented: see AddCSPUserLicenseRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses
func (s *CSPUsersService) AddLicense(ctx context.Context, organizationID, userID string, req *AddCSPUserLicenseRequest) (*Created, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users/{userId}/productlicenses",
		idArg("organizationId", organizationID), segArg("userId", userID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// RemoveLicense removes an Office 365 product licence from a user. The format of licence ids
// is not documented, so any single path segment is accepted.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses/{id}
func (s *CSPUsersService) RemoveLicense(ctx context.Context, organizationID, userID, licenseID string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/users/{userId}/productlicenses/{id}",
		idArg("organizationId", organizationID), segArg("userId", userID), segArg("licenseId", licenseID))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// cspUsersAsyncKind names the asynchronous user list in resume tokens and errors.
const cspUsersAsyncKind = "csp.UsersAsync"

// BeginList starts the asynchronous generation of the organization's Microsoft 365 users to
// which a product licence can be added, and returns a Poller for it. Keep the Poller's
// ResumeToken to pick the task up again with ResumeList. Where Cloudmore puts the task id
// (body or Location header), how it answers while the list is being generated and the
// result's shape are not documented: the Poller reads them as its doc describes, and the
// result is a CSPUserList.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync/{taskId}
func (s *CSPUsersService) BeginList(ctx context.Context, organizationID string) (*Poller[CSPUserList], *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/usersAsync", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	taskID, resp, err := s.client.startTask(ctx, p, nil, nil, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.usersPoller(organizationID, taskID)
	if err != nil {
		return nil, resp, fmt.Errorf("cloudmore: POST %s started task %q, which cannot be polled: %w", p, truncate(taskID, 64), err)
	}
	return poller, resp, nil
}

// ResumeList returns a Poller for an asynchronous user list started earlier by BeginList,
// from its ResumeToken. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync/{taskId}
func (s *CSPUsersService) ResumeList(token string) (*Poller[CSPUserList], error) {
	ids, err := decodeResumeToken(token, cspUsersAsyncKind)
	if err != nil {
		return nil, err
	}
	return s.usersPoller(ids["organizationId"], ids["taskId"])
}

func (s *CSPUsersService) usersPoller(organizationID, taskID string) (*Poller[CSPUserList], error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/services/csp/usersAsync/{taskId}",
		idArg("organizationId", organizationID), segArg("taskId", taskID))
	if err != nil {
		return nil, err
	}
	step := taskStep[CSPUserList](s.client, cspUsersAsyncKind, taskID, p, nil)
	ids := map[string]string{"organizationId": organizationID, "taskId": taskID}
	return newPoller(s.client, cspUsersAsyncKind, taskID, ids, step), nil
}

// ---------------------------------------------------------------------------------------
// Tenants

// CSPTenant is one of the broker's Microsoft CSP tenants with the organization it is linked
// to, if any. Cloudmore does not document its fields (models CspTenantViewModel,
// CspLinkedTenantViewModel), so Raw holds the whole JSON.
type CSPTenant struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw; a value that is not a JSON object is an error.
func (t *CSPTenant) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, t)
}

// LinkCSPTenantRequest links a Microsoft CSP tenant to one of the broker's organizations.
// Cloudmore does not document its fields (model CspTenantLinkViewModel), so Extra is sent as
// the JSON object.
type LinkCSPTenantRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r LinkCSPTenantRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// List returns the broker's Microsoft CSP tenants and the organizations they are linked to;
// their fields are not documented, so each holds its raw JSON. Tenants created directly in
// Partner Center must be linked to an organization (Link), or their billing is missing from
// Cloudmore's reports.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/CspTenants/List
func (s *CSPTenantsService) List(ctx context.Context) ([]CSPTenant, *Response, error) {
	p, err := s.client.brokerPath("services/csp/CspTenants/List")
	if err != nil {
		return nil, nil, err
	}
	return listItems[CSPTenant](ctx, s.client, p)
}

// Link links a Microsoft CSP tenant to one of the broker's organizations. The body's fields
// are not documented: see LinkCSPTenantRequest. The answer's body is not documented either and
// is returned as it came (nil when empty).
//
// Cloudmore API: POST /api/resellers/{resellerId}/services/csp/CspTenants/Link
func (s *CSPTenantsService) Link(ctx context.Context, req *LinkCSPTenantRequest) (json.RawMessage, *Response, error) {
	if req == nil {
		return nil, nil, invalid("body", "required")
	}
	if err := requireExtra(req.Extra); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("services/csp/CspTenants/Link")
	if err != nil {
		return nil, nil, err
	}
	return s.client.raw(ctx, http.MethodPost, p, nil, req)
}

// ---------------------------------------------------------------------------------------
// helpers

// listItems GETs path and decodes a JSON array of items whose fields are not documented; null
// and an empty body give nil. Any other answer (an object that might wrap the list, such as
// {"items": [...]}) fails to decode, as for every list in the SDK, and the error quotes the
// answer: guessing the wrapper would hand back the envelope as one item.
func listItems[T any](ctx context.Context, c *Client, path string) ([]T, *Response, error) {
	var out []T
	resp, err := c.get(ctx, path, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}
