package cloudmore

import (
	"context"
	"strings"
)

// OrganizationsService manages the broker's customer organizations (Cloudmore's tenants for
// end customers). The broker's custom-property definitions, which organization bodies refer
// to, are read with c.Broker.CustomProperties.List.
type OrganizationsService service

// CustomPropertyValue sets one custom property on an organization or a user (the
// "customProperties" entries of create and update bodies).
//
// Cloudmore model: OrganizationCreateCustomProperty
type CustomPropertyValue struct {
	// ID is the custom property's id, from c.Broker.CustomProperties.List
	// (GET …/settings/CustomProperties).
	ID string `json:"id"`
	// Value is the value as a string; a checkbox is "1" when checked in Cloudmore's example.
	Value string `json:"value"`
}

// Organization is one entry of the organization list.
//
// Cloudmore model: OrganizationViewModel
type Organization struct {
	// ID is the organization's id (a GUID), the {organizationId} of every organization path.
	ID string `json:"id"`
	// Name is the organization's unique name. Cloudmore does not let it change.
	Name string `json:"name"`
	// DisplayName is the friendly name, which can be changed.
	DisplayName string `json:"displayName"`
	// Services is how many services the organization has active.
	Services int `json:"services"`
	// Users is how many users the organization has.
	Users int `json:"users"`
}

// OrganizationContact is an organization's contact person.
//
// Cloudmore model: OrganizationContactCreateViewModel
type OrganizationContact struct {
	// Name is the contact person's first and last name.
	Name string `json:"name,omitempty"`
	// Email is the contact person's e-mail address.
	Email string `json:"email,omitempty"`
	// Phone is the contact person's phone number.
	Phone string `json:"phone,omitempty"`
	// CellPhone is the contact person's mobile number.
	CellPhone string `json:"cellPhone,omitempty"`
}

// OrganizationAddress is an organization's postal address.
//
// Cloudmore model: OrganizationAddressCreateViewModel
type OrganizationAddress struct {
	// Street is the street address.
	Street string `json:"street,omitempty"`
	// PostalCode must be a valid postal code for the country (Cloudmore checks it).
	PostalCode string `json:"postalCode,omitempty"`
	// City is the city.
	City string `json:"city,omitempty"`
	// CountryCode is the ISO 3166-1 alpha-2 country code in upper case, such as "SE".
	CountryCode string `json:"countryCode,omitempty"`
}

// OrganizationDetails is one organization as Get returns it. Fields not documented: the
// typed ones are those of the organization list (zero when the details use other names);
// Raw holds the whole object (probably contact, address, primary domain, approval limit and
// custom properties, which DecodeCustomProperties types).
//
// Cloudmore model: OrganizationDetailViewModel
type OrganizationDetails struct {
	// ID is the organization's id (a GUID).
	ID string `json:"id"`
	// Name is the unique name, which cannot be changed.
	Name string `json:"name"`
	// DisplayName is the friendly name, which can be changed.
	DisplayName string `json:"displayName"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (o *OrganizationDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, o) }

// CreateOrganizationRequest is the body of an organization create. Validation follows the
// Swagger model that Cloudmore's guide quotes: Name, RegistrationNumber, Contact,
// NotificationEmail, Address and PrimaryDomain are required, with the length limits noted
// per field. Every failing field is reported at once, by its JSON name.
//
// Cloudmore model: OrganizationCreateViewModel
type CreateOrganizationRequest struct {
	// Name is the organization's unique name (required, at most 512 characters). It cannot be
	// changed later; DisplayName can.
	Name string `json:"name"`
	// RegistrationNumber is the company registration number (required, at most 50 characters).
	RegistrationNumber string `json:"registrationNumber"`
	// VAT is the VAT number (at most 50 characters).
	VAT string `json:"vat,omitempty"`
	// HomePage is the organization's web site (at most 75 characters).
	HomePage string `json:"homePage,omitempty"`
	// Contact is the contact person (required). Its Email, when given, must be an address.
	Contact *OrganizationContact `json:"contact"`
	// CustomerNumber is a free key to correlate the organization with other systems, such as
	// the broker's ERP customer number (at most 25 characters).
	CustomerNumber string `json:"customerNumber,omitempty"`
	// NotificationEmail is where Cloudmore sends important notices (required; a working address).
	NotificationEmail string `json:"notificationEmail"`
	// EconomicID is the "Organization Economic id" of the Swagger model (not explained further).
	EconomicID string `json:"economicId,omitempty"`
	// Address is the postal address (required). Its CountryCode, when given, must be ISO 3166
	// alpha-2 in upper case.
	Address *OrganizationAddress `json:"address"`
	// ApprovalTriggeredOn controls the approval process, per the Swagger model: the limit in
	// the broker's (reseller's) currency per year above which a purchase needs the broker's
	// approval. Nil (sent as absent, which Cloudmore reads as null) means approval is not
	// enforced; 0 means every purchase needs approval; a value above 0 is the yearly limit.
	// (Cloudmore's hand-written guide describes 0/1/>1 instead; the SDK follows the Swagger
	// model.) It must not be negative.
	ApprovalTriggeredOn *Decimal `json:"approvalTriggeredOn,omitempty"`
	// PrimaryDomain is the organization's unique domain, such as "example.com" (required, at
	// most 50 characters). Generic mail domains such as gmail.com are refused.
	PrimaryDomain string `json:"primaryDomain"`
	// CustomProperties sets the broker's custom properties (ids from
	// c.Broker.CustomProperties.List).
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
}

func (r *CreateOrganizationRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.requiredMax("name", r.Name, 512)
	v.requiredMax("registrationNumber", r.RegistrationNumber, 50)
	v.maxLen("vat", r.VAT, 50)
	v.maxLen("homePage", r.HomePage, 75)
	if r.Contact == nil {
		v.fail("contact", "required")
	} else {
		v.optionalEmail("contact.email", r.Contact.Email)
	}
	v.maxLen("customerNumber", r.CustomerNumber, 25)
	v.email("notificationEmail", r.NotificationEmail)
	if r.Address == nil {
		v.fail("address", "required")
	} else {
		v.country("address.countryCode", r.Address.CountryCode)
	}
	if r.ApprovalTriggeredOn != nil && r.ApprovalTriggeredOn.Sign() < 0 {
		v.fail("approvalTriggeredOn", "must not be negative (nil = approval not enforced, 0 = always, > 0 = yearly limit)")
	}
	checkPrimaryDomain(&v, r.PrimaryDomain)
	checkCustomProperties(&v, r.CustomProperties)
	return v.err()
}

// UpdateOrganizationRequest is the body of an organization update (PUT). Its model is not
// documented. The only field Cloudmore's guide names is the display name ("name" cannot be
// changed, "displayName" can), so DisplayName is the only typed field. The Swagger model
// names OrganizationContactUpdateViewModel, OrganizationAddressUpdateViewModel and
// OrganizationUpdateCustomProperty suggest a contact, an address and custom properties,
// probably under the create body's names; they go in Extra, merged into the JSON object as
// given. Extra values may be the SDK's create-body types:
//
//	req := &cloudmore.UpdateOrganizationRequest{
//		DisplayName: "Contoso (Nordics)",
//		Extra: map[string]any{
//			"address":             &cloudmore.OrganizationAddress{City: "Stockholm", CountryCode: "SE"},
//			"customProperties":    []cloudmore.CustomPropertyValue{{ID: propID, Value: "1"}},
//			"approvalTriggeredOn": nil, // explicit null: approval not enforced
//		},
//	}
//
// Only DisplayName and the Extra keys are checked by the SDK (an Extra key must not repeat
// "displayName" when DisplayName is set); Cloudmore checks the rest. Cloudmore's developer
// portal says a PUT replaces all properties, so send the full current values (from Get's Raw)
// with your changes. An empty body (no DisplayName, no Extra) is refused before any request,
// since it could blank the organization.
//
// Cloudmore model: OrganizationUpdateViewModel
type UpdateOrganizationRequest struct {
	// DisplayName is the new friendly name; empty sends none.
	DisplayName string `json:"displayName,omitempty"`
	// Extra holds the other body fields by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

type plainUpdateOrganization UpdateOrganizationRequest

// MarshalJSON writes DisplayName when set and merges Extra.
func (r UpdateOrganizationRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(plainUpdateOrganization(r), r.Extra)
}

func (r *UpdateOrganizationRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if r.DisplayName == "" && len(r.Extra) == 0 {
		return invalid("body", "empty: set DisplayName or Extra (a PUT replaces all properties, so an empty body could blank the organization)")
	}
	var v validator
	v.extra(plainUpdateOrganization(*r), r.Extra)
	return v.err()
}

// OrganizationListOptions are the query parameters of the organization list. A nil
// *OrganizationListOptions sends none.
type OrganizationListOptions struct {
	// ShowActive is sent as showActive=true or showActive=false when set. Its semantics, type
	// and default are not documented; Cloudmore's Python wrapper describes it as "show only
	// active" and sends true. Nil sends nothing.
	ShowActive *bool `url:"showActive,omitempty"`
}

// The organization operations.
var (
	opOrganizationsList   = declare[*OrganizationListOptions, none, []Organization]("Organizations.List", "GET /api/resellers/{resellerId}/Organizations")
	opOrganizationsGet    = declare[none, none, *OrganizationDetails]("Organizations.Get", "GET /api/resellers/{resellerId}/Organizations/{id}")
	opOrganizationsCreate = declare[none, *CreateOrganizationRequest, *Created]("Organizations.Create", "POST /api/resellers/{resellerId}/Organizations")
	opOrganizationsUpdate = declare[none, *UpdateOrganizationRequest, none]("Organizations.Update", "PUT /api/resellers/{resellerId}/Organizations/{id}")
	opOrganizationsDelete = declare[none, none, none]("Organizations.Delete", "DELETE /api/resellers/{resellerId}/Organizations/{id}")
)

// List returns the broker's organizations (all of them in one answer; Cloudmore shows no
// paging). opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/Organizations
func (s *OrganizationsService) List(ctx context.Context, opts *OrganizationListOptions, call ...CallOption) ([]Organization, *Response, error) {
	return opOrganizationsList.do(ctx, s.client, nil, opts, nil, call)
}

// Get returns one organization's details.
//
// Cloudmore API: GET /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Get(ctx context.Context, organizationID string, call ...CallOption) (*OrganizationDetails, *Response, error) {
	return opOrganizationsGet.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Create creates an organization (a customer tenant) for the broker. Cloudmore answers 201;
// Created.ID is the new organization's id when the answer names it (Location header or body).
//
// Cloudmore API: POST /api/resellers/{resellerId}/Organizations
func (s *OrganizationsService) Create(ctx context.Context, req *CreateOrganizationRequest, call ...CallOption) (*Created, *Response, error) {
	return opOrganizationsCreate.do(ctx, s.client, nil, nil, req, call)
}

// Update changes an organization. The name cannot be changed; see UpdateOrganizationRequest,
// whose empty value is refused (a *ValidationError for "body") before any request.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Update(ctx context.Context, organizationID string, req *UpdateOrganizationRequest, call ...CallOption) (*Response, error) {
	return opOrganizationsUpdate.exec(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Delete deletes an organization. What Cloudmore does with its active services and
// subscriptions is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Delete(ctx context.Context, organizationID string, call ...CallOption) (*Response, error) {
	return opOrganizationsDelete.exec(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Validation and encoding helpers of the portal areas
//
// ValidationError.Field in the portal areas follows one rule: a body field is named as it is
// on the wire ("address.countryCode"), a missing request struct is "body", and a path value is
// named by its Swagger placeholder exactly as written, so the {id} of Organizations/{id} and
// Users/{id} is "id", while organizations/{organizationId}/... gives "organizationId".

// checkPrimaryDomain checks an organization's (required) primary domain: at most 50
// characters, a DNS name, and not a generic mail domain.
func checkPrimaryDomain(v *validator, s string) {
	const field = "primaryDomain"
	switch {
	case strings.TrimSpace(s) == "":
		v.fail(field, "required")
	case utf16Len(s) > 50:
		v.maxLen(field, s, 50)
	case !isDomain(s):
		v.fail(field, "%q is not a domain name such as \"example.com\"", truncate(s, 64))
	case isGenericMailDomain(s):
		v.fail(field, "%q is a generic mail domain; Cloudmore needs the organization's own domain", s)
	}
}

// isGenericMailDomain reports whether d is a well-known free-mail domain, which Cloudmore
// refuses as an organization's primary domain ("gmail.com, hotmail.com, aol.com, etc.").
// Cloudmore does not publish its own list: this short one is a client-side safety net that
// catches the common cases early, and Cloudmore's check still applies to everything else.
func isGenericMailDomain(d string) bool {
	switch strings.ToLower(d) {
	case "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com", "live.com",
		"msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "aol.com", "icloud.com", "me.com",
		"mac.com", "gmx.com", "gmx.net", "gmx.de", "mail.com", "protonmail.com", "proton.me",
		"yandex.com", "yandex.ru", "zoho.com", "mail.ru", "web.de", "qq.com", "163.com":
		return true
	}
	return false
}
