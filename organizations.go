package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"unicode/utf16"
)

// OrganizationsService manages the broker's customer organizations (Cloudmore's tenants for
// end customers) and reads the broker's custom-property definitions.
type OrganizationsService service

// UsersService manages the users of an organization and lists the roles a user can have.
type UsersService service

// ---------------------------------------------------------------------------------------------
// Custom properties

// CustomPropertyType is the kind of a custom property: a text field, a dropdown or a checkbox.
// Cloudmore writes it in more than one casing ("textbox" in the API guide, "TextBox" on the
// developer portal); decoding lowercases it, so compare with the constants.
type CustomPropertyType string

// Custom-property kinds, as Cloudmore's API guide names them.
const (
	// CustomPropertyTextbox is a free-text field.
	CustomPropertyTextbox CustomPropertyType = "textbox"
	// CustomPropertyDropdown is a choice among values the broker defined.
	CustomPropertyDropdown CustomPropertyType = "dropdown"
	// CustomPropertyCheckbox is a yes/no value; the guide's example sends "1" for checked.
	CustomPropertyCheckbox CustomPropertyType = "checkbox"
)

// Valid reports whether t is one of the three known kinds.
func (t CustomPropertyType) Valid() bool {
	switch t {
	case CustomPropertyTextbox, CustomPropertyDropdown, CustomPropertyCheckbox:
		return true
	}
	return false
}

// UnmarshalJSON reads a string in any casing ("TextBox" gives CustomPropertyTextbox) or null.
func (t *CustomPropertyType) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("cloudmore: custom property type: %w", err)
	}
	if s == nil {
		*t = ""
		return nil
	}
	*t = CustomPropertyType(strings.ToLower(strings.TrimSpace(*s)))
	return nil
}

// CustomPropertyValue sets one custom property on an organization or a user (the
// "customProperties" entries of create and update bodies).
type CustomPropertyValue struct {
	// ID is the custom property's id, from OrganizationsService.ListCustomProperties
	// (GET …/settings/CustomProperties).
	ID string `json:"id"`
	// Value is the value as a string; a checkbox is "1" when checked in Cloudmore's example.
	Value string `json:"value"`
}

// BrokerCustomProperty is one custom property the broker has defined for organizations
// (and, presumably, users). Cloudmore does not document this model
// (BrokerCustomPropertyViewModel): ID, Name and Type are decoded when Cloudmore sends them
// under those names (the names its product custom properties use) and are empty otherwise.
// Raw holds the whole JSON object as received, so nothing Cloudmore sends is lost.
type BrokerCustomProperty struct {
	// ID is the property's id, used as CustomPropertyValue.ID.
	ID string `json:"id"`
	// Name is the property's name as shown in Cloudmore.
	Name string `json:"name"`
	// Type is the kind of property (textbox, dropdown or checkbox).
	Type CustomPropertyType `json:"type"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (p *BrokerCustomProperty) UnmarshalJSON(b []byte) error {
	type plain BrokerCustomProperty
	return unmarshalKeepRaw(b, (*plain)(p), &p.Raw)
}

// ListCustomProperties returns the custom properties the broker has defined for its
// organizations. Their ids are what CreateOrganizationRequest.CustomProperties refers to.
//
// Cloudmore API: GET /api/resellers/{resellerId}/settings/CustomProperties
func (s *OrganizationsService) ListCustomProperties(ctx context.Context) ([]BrokerCustomProperty, *Response, error) {
	p, err := s.client.brokerPath("settings/CustomProperties")
	if err != nil {
		return nil, nil, err
	}
	var out []BrokerCustomProperty
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ---------------------------------------------------------------------------------------------
// Organizations

// Organization is one entry of the organization list.
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

// OrganizationDetails is one organization as GET …/Organizations/{id} returns it. Cloudmore
// does not document this response (OrganizationDetailViewModel): the typed fields are decoded
// when it uses the names of the list and the create body, and are zero otherwise. Raw holds
// the whole JSON object (custom properties included), so nothing Cloudmore sends is lost.
type OrganizationDetails struct {
	// ID is the organization's id (a GUID).
	ID string `json:"id"`
	// Name is the unique name, which cannot be changed.
	Name string `json:"name"`
	// DisplayName is the friendly name, which can be changed.
	DisplayName string `json:"displayName"`
	// RegistrationNumber is the company registration number.
	RegistrationNumber string `json:"registrationNumber"`
	// VAT is the VAT number.
	VAT string `json:"vat"`
	// HomePage is the organization's web site.
	HomePage string `json:"homePage"`
	// Contact is the contact person, nil when not sent.
	Contact *OrganizationContact `json:"contact"`
	// CustomerNumber is the broker's own key for the organization (for example its ERP id).
	CustomerNumber string `json:"customerNumber"`
	// NotificationEmail receives Cloudmore's important notices.
	NotificationEmail string `json:"notificationEmail"`
	// EconomicID is the "Organization Economic id" of the Swagger model (not explained further).
	EconomicID string `json:"economicId"`
	// Address is the postal address, nil when not sent.
	Address *OrganizationAddress `json:"address"`
	// ApprovalTriggeredOn is the approval limit; see CreateOrganizationRequest.ApprovalTriggeredOn.
	// Nil means null or absent: approval not enforced (or not sent).
	ApprovalTriggeredOn *Number `json:"approvalTriggeredOn"`
	// PrimaryDomain is the organization's unique primary domain, such as "example.com".
	PrimaryDomain string `json:"primaryDomain"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (o *OrganizationDetails) UnmarshalJSON(b []byte) error {
	type plain OrganizationDetails
	return unmarshalKeepRaw(b, (*plain)(o), &o.Raw)
}

// CreateOrganizationRequest is the body of an organization create (Cloudmore's
// OrganizationCreateViewModel). Validation follows the Swagger model that Cloudmore's guide
// quotes: Name, RegistrationNumber, Contact, NotificationEmail, Address and PrimaryDomain are
// required, with the length limits noted per field.
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
	ApprovalTriggeredOn *Number `json:"approvalTriggeredOn,omitempty"`
	// PrimaryDomain is the organization's unique domain, such as "example.com" (required, at
	// most 50 characters). Generic mail domains such as gmail.com are refused.
	PrimaryDomain string `json:"primaryDomain"`
	// CustomProperties sets the broker's custom properties (ids from ListCustomProperties).
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
}

func (r *CreateOrganizationRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if err := checkRequiredMax("name", r.Name, 512); err != nil {
		return err
	}
	if err := checkRequiredMax("registrationNumber", r.RegistrationNumber, 50); err != nil {
		return err
	}
	if err := checkMaxLen("vat", r.VAT, 50); err != nil {
		return err
	}
	if err := checkMaxLen("homePage", r.HomePage, 75); err != nil {
		return err
	}
	if r.Contact == nil {
		return invalid("contact", "required")
	}
	if err := r.Contact.validate("contact"); err != nil {
		return err
	}
	if err := checkMaxLen("customerNumber", r.CustomerNumber, 25); err != nil {
		return err
	}
	if strings.TrimSpace(r.NotificationEmail) == "" {
		return invalid("notificationEmail", "required")
	}
	if err := checkEmail("notificationEmail", r.NotificationEmail); err != nil {
		return err
	}
	if r.Address == nil {
		return invalid("address", "required")
	}
	if err := r.Address.validate("address"); err != nil {
		return err
	}
	if err := checkApprovalTrigger(r.ApprovalTriggeredOn); err != nil {
		return err
	}
	if err := checkPrimaryDomain(r.PrimaryDomain, true); err != nil {
		return err
	}
	return checkCustomProperties(r.CustomProperties)
}

// UpdateOrganizationRequest is the body of an organization update. Cloudmore does not
// document its model (OrganizationUpdateViewModel); the guide only says that the name cannot
// be changed and the display name can. The typed fields are the create body's fields that
// plausibly apply, plus DisplayName; each is sent only when set (non-nil), with the create
// body's limits checked. Extra is merged into the JSON for anything else Cloudmore expects;
// a key there must not repeat a field that is set. Cloudmore's developer portal says PUT
// replaces all properties, so send the full current values (from Get) with your changes.
//
// To send approvalTriggeredOn as an explicit null (approval not enforced), leave
// ApprovalTriggeredOn nil and set Extra["approvalTriggeredOn"] = nil.
type UpdateOrganizationRequest struct {
	// DisplayName is the new friendly name.
	DisplayName *string `json:"displayName,omitempty"`
	// RegistrationNumber is the company registration number (at most 50 characters, not empty).
	RegistrationNumber *string `json:"registrationNumber,omitempty"`
	// VAT is the VAT number (at most 50 characters).
	VAT *string `json:"vat,omitempty"`
	// HomePage is the web site (at most 75 characters).
	HomePage *string `json:"homePage,omitempty"`
	// Contact is the contact person.
	Contact *OrganizationContact `json:"contact,omitempty"`
	// CustomerNumber is the broker's own key for the organization (at most 25 characters).
	CustomerNumber *string `json:"customerNumber,omitempty"`
	// NotificationEmail receives Cloudmore's important notices (an address).
	NotificationEmail *string `json:"notificationEmail,omitempty"`
	// EconomicID is the "Organization Economic id".
	EconomicID *string `json:"economicId,omitempty"`
	// Address is the postal address.
	Address *OrganizationAddress `json:"address,omitempty"`
	// ApprovalTriggeredOn is the yearly approval limit in the broker's currency: 0 = every
	// purchase needs approval, > 0 = the limit (see CreateOrganizationRequest). Not negative.
	ApprovalTriggeredOn *Number `json:"approvalTriggeredOn,omitempty"`
	// PrimaryDomain is the unique primary domain (at most 50 characters, not a generic mail
	// domain). Whether Cloudmore lets it change is not documented.
	PrimaryDomain *string `json:"primaryDomain,omitempty"`
	// CustomProperties sets the broker's custom properties.
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
	// Extra holds further body fields, merged into the JSON object as given.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the set fields and merges Extra.
func (r UpdateOrganizationRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateOrganizationRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateOrganizationRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if r.RegistrationNumber != nil {
		if err := checkRequiredMax("registrationNumber", *r.RegistrationNumber, 50); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{{"vat", r.VAT, 50}, {"homePage", r.HomePage, 75}, {"customerNumber", r.CustomerNumber, 25}} {
		if f.v != nil {
			if err := checkMaxLen(f.name, *f.v, f.max); err != nil {
				return err
			}
		}
	}
	if r.Contact != nil {
		if err := r.Contact.validate("contact"); err != nil {
			return err
		}
	}
	if r.NotificationEmail != nil {
		if err := checkEmail("notificationEmail", *r.NotificationEmail); err != nil {
			return err
		}
	}
	if r.Address != nil {
		if err := r.Address.validate("address"); err != nil {
			return err
		}
	}
	if err := checkApprovalTrigger(r.ApprovalTriggeredOn); err != nil {
		return err
	}
	if r.PrimaryDomain != nil {
		if err := checkPrimaryDomain(*r.PrimaryDomain, true); err != nil {
			return err
		}
	}
	if err := checkCustomProperties(r.CustomProperties); err != nil {
		return err
	}
	type plain UpdateOrganizationRequest
	return checkExtra(plain(*r), r.Extra)
}

func (c *OrganizationContact) validate(prefix string) error {
	if c.Email != "" {
		return checkEmail(prefix+".email", c.Email)
	}
	return nil
}

func (a *OrganizationAddress) validate(prefix string) error {
	if a.CountryCode != "" && !isCountryCode(a.CountryCode) {
		return invalid(prefix+".countryCode", "%q is not an ISO 3166 alpha-2 country code in upper case (such as \"SE\")", truncate(a.CountryCode, 16))
	}
	return nil
}

// ListOrganizationsOptions are the query parameters of the organization list.
type ListOrganizationsOptions struct {
	// ShowActive is sent as showActive=true or showActive=false when set. Cloudmore does not
	// document its semantics, type or default; Cloudmore's Python wrapper describes it as
	// "show only active" and sends true. Nil sends nothing.
	ShowActive *bool `url:"showActive,omitempty"`
}

// List returns the broker's organizations (all of them in one answer; Cloudmore shows no
// paging). opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/Organizations
func (s *OrganizationsService) List(ctx context.Context, opts *ListOrganizationsOptions) ([]Organization, *Response, error) {
	p, err := s.client.brokerPath("Organizations")
	if err != nil {
		return nil, nil, err
	}
	var out []Organization
	resp, err := s.client.get(ctx, p, opts, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// Get returns one organization's details.
//
// Cloudmore API: GET /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Get(ctx context.Context, id string) (*OrganizationDetails, *Response, error) {
	p, err := s.client.brokerPath("Organizations/{id}", idArg("id", id))
	if err != nil {
		return nil, nil, err
	}
	var out OrganizationDetails
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Create creates an organization (a customer tenant) for the broker. Cloudmore answers 201;
// Created.ID is the new organization's id when the answer names it (Location header or body).
//
// Cloudmore API: POST /api/resellers/{resellerId}/Organizations
func (s *OrganizationsService) Create(ctx context.Context, req *CreateOrganizationRequest) (*Created, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("Organizations")
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// Update changes an organization. The name cannot be changed; see UpdateOrganizationRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Update(ctx context.Context, id string, req *UpdateOrganizationRequest) (*Response, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	p, err := s.client.brokerPath("Organizations/{id}", idArg("id", id))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodPut, p, nil, req, nil)
}

// Delete deletes an organization. What Cloudmore does with its active services and
// subscriptions is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/Organizations/{id}
func (s *OrganizationsService) Delete(ctx context.Context, id string) (*Response, error) {
	p, err := s.client.brokerPath("Organizations/{id}", idArg("id", id))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// ---------------------------------------------------------------------------------------------
// Users

// User is an organization user as the user list and GET …/Users/{id} return it. Cloudmore
// does not document these responses (UserViewModel, UserDetailViewModel): the typed fields
// are decoded when Cloudmore uses the names of the user create body (and "id"), and are empty
// otherwise. Raw holds the whole JSON object (address, roles, custom properties included).
type User struct {
	// ID is the user's id, the {id} of the user paths (its format is not documented).
	ID string `json:"id"`
	// Name is the user's login name, an e-mail-style name in one of the organization's domains.
	Name string `json:"name"`
	// FirstName is the user's first name.
	FirstName string `json:"firstName"`
	// LastName is the user's last name.
	LastName string `json:"lastName"`
	// DisplayName is the name Cloudmore shows for the user.
	DisplayName string `json:"displayName"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	return unmarshalKeepRaw(b, (*plain)(u), &u.Raw)
}

// UserRequest is the body of a user create or update. Cloudmore does not document these
// models (UserCreateViewModel, UserUpdateViewModel); the typed fields are the ones its API
// guide shows in a user-like request body. Cloudmore requires a role when a user is created
// (the ids come from UsersService.ListRoles), but the name of the role field is not
// documented: put it, and any other field, in Extra, which is merged into the JSON object.
// A key in Extra must not repeat a typed field that is set. For example (the field name
// "roleId" is what Cloudmore's seller-administrator body uses; verify it on staging):
//
//	req := &cloudmore.UserRequest{Name: "jane@example.com", FirstName: "Jane", LastName: "Doe",
//		Extra: map[string]any{"roleId": role.ID}}
//
// The password never appears in String, fmt output, slog output or any error; only
// MarshalJSON (the request body) contains it.
type UserRequest struct {
	// Name is the user's login name, an e-mail-style name whose domain is one of the
	// organization's domains.
	Name string `json:"name,omitempty"`
	// Password is the user's initial password. Empty sends none (Cloudmore can generate one
	// and e-mail it, per its knowledge base).
	Password string `json:"password,omitempty"`
	// FirstName is the user's first name.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the user's last name.
	LastName string `json:"lastName,omitempty"`
	// DisplayName is the name Cloudmore shows for the user.
	DisplayName string `json:"displayName,omitempty"`
	// CustomProperties sets the broker's custom properties on the user.
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
	// Extra holds further body fields (the role among them), merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the body, password included, and merges Extra.
func (r UserRequest) MarshalJSON() ([]byte, error) {
	type plain UserRequest
	return marshalWithExtra(plain(r), r.Extra)
}

// String describes the request with the password redacted and only the keys of Extra.
func (r UserRequest) String() string {
	return fmt.Sprintf("UserRequest{Name: %q, Password: %s, FirstName: %q, LastName: %q, DisplayName: %q, CustomProperties: %d, Extra: %v}",
		r.Name, redact(r.Password), r.FirstName, r.LastName, r.DisplayName, len(r.CustomProperties), extraKeys(r.Extra))
}

// GoString is String, so %#v does not print the password either.
func (r UserRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r UserRequest) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, r.GoString())
		return
	}
	fmt.Fprint(f, r.String())
}

// LogValue implements slog.LogValuer with the password redacted.
func (r UserRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", r.Name), slog.String("password", redact(r.Password)),
		slog.String("firstName", r.FirstName), slog.String("lastName", r.LastName),
		slog.String("displayName", r.DisplayName), slog.Any("extraKeys", extraKeys(r.Extra)))
}

func (r *UserRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if err := checkCustomProperties(r.CustomProperties); err != nil {
		return err
	}
	type plain UserRequest
	return checkExtra(plain(*r), r.Extra)
}

// OrganizationRole is a role an organization user can have; the role decides the user's
// permissions in Cloudmore. Cloudmore does not document this response: ID and Name are
// decoded when Cloudmore uses those names (an id sent as a number, such as 6, becomes "6"),
// and Raw holds the whole JSON object.
type OrganizationRole struct {
	// ID is the role's id, what a user create refers to (role ids look numeric).
	ID string `json:"-"`
	// Name is the role's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known fields, accepting a string or numeric id, and keeps the
// whole object in Raw.
func (r *OrganizationRole) UnmarshalJSON(b []byte) error {
	type plain OrganizationRole
	var v struct {
		plain
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = OrganizationRole(v.plain)
	r.ID = jsonScalarText(v.ID)
	r.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// List returns the users of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Users
func (s *UsersService) List(ctx context.Context, organizationID string) ([]User, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/Users", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	var out []User
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// Get returns one user of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Get(ctx context.Context, organizationID, id string) (*User, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/Users/{id}",
		idArg("organizationId", organizationID), segArg("id", id))
	if err != nil {
		return nil, nil, err
	}
	var out User
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// Create creates a user in an organization. Cloudmore requires a role (see UserRequest).
// Created.ID is the new user's id when the answer names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/Users
func (s *UsersService) Create(ctx context.Context, organizationID string, req *UserRequest) (*Created, *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/Users", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// Update changes a user of an organization.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Update(ctx context.Context, organizationID, id string, req *UserRequest) (*Response, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	p, err := s.client.brokerPath("organizations/{organizationId}/Users/{id}",
		idArg("organizationId", organizationID), segArg("id", id))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodPut, p, nil, req, nil)
}

// Delete deletes a user of an organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Delete(ctx context.Context, organizationID, id string) (*Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/Users/{id}",
		idArg("organizationId", organizationID), segArg("id", id))
	if err != nil {
		return nil, err
	}
	return s.client.call(ctx, http.MethodDelete, p, nil, nil, nil)
}

// ListRoles returns the roles a user of the organization can have.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/OrganizationRoles
func (s *UsersService) ListRoles(ctx context.Context, organizationID string) ([]OrganizationRole, *Response, error) {
	p, err := s.client.brokerPath("organizations/{organizationId}/OrganizationRoles", idArg("organizationId", organizationID))
	if err != nil {
		return nil, nil, err
	}
	var out []OrganizationRole
	resp, err := s.client.get(ctx, p, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ---------------------------------------------------------------------------------------------
// Validation and encoding helpers of the portal areas

// checkMaxLen refuses s longer than max characters. Lengths are counted in UTF-16 code units,
// as .NET (and so Cloudmore's Swagger maxLength) counts them.
func checkMaxLen(field, s string, max int) error {
	if n := utf16Len(s); n > max {
		return invalid(field, "is %d characters long; at most %d are allowed", n, max)
	}
	return nil
}

// checkRequiredMax refuses an empty (or blank) s and one longer than max characters.
func checkRequiredMax(field, s string, max int) error {
	if strings.TrimSpace(s) == "" {
		return invalid(field, "required")
	}
	return checkMaxLen(field, s, max)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s { // invalid UTF-8 ranges as U+FFFD, one unit
		n += utf16.RuneLen(r)
	}
	return n
}

func checkEmail(field, s string) error {
	if !isEmail(s) {
		return invalid(field, "%q is not an e-mail address (such as name@example.com)", truncate(s, 64))
	}
	return nil
}

func checkApprovalTrigger(n *Number) error {
	if n != nil && n.IsNegative() {
		return invalid("approvalTriggeredOn", "must not be negative (nil = approval not enforced, 0 = always, > 0 = yearly limit)")
	}
	return nil
}

// checkPrimaryDomain checks an organization's primary domain: at most 50 characters, a DNS
// name, and not a generic mail domain.
func checkPrimaryDomain(s string, required bool) error {
	if strings.TrimSpace(s) == "" {
		if required {
			return invalid("primaryDomain", "required")
		}
		return nil
	}
	if err := checkMaxLen("primaryDomain", s, 50); err != nil {
		return err
	}
	if !isDomain(s) {
		return invalid("primaryDomain", "%q is not a domain name such as \"example.com\"", truncate(s, 64))
	}
	if isGenericMailDomain(s) {
		return invalid("primaryDomain", "%q is a generic mail domain; Cloudmore needs the organization's own domain", s)
	}
	return nil
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

func checkCustomProperties(props []CustomPropertyValue) error {
	for i, p := range props {
		if strings.TrimSpace(p.ID) == "" {
			return invalid(fmt.Sprintf("customProperties[%d].id", i), "required")
		}
	}
	return nil
}

// jsonScalarText returns a JSON string's text, or a number's (or bool's) literal text; ""
// for null, absent or anything else.
func jsonScalarText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}
