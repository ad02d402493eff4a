package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
)

// The broker's administration: its administrators (ResellerAdministratorsApi) and their roles
// (ResellerRolesApi), organization groups and their members (ResellerOrganizationGroupsApi,
// ResellerOrganizationGroupMembersApi), payment methods (ResellerPaymentMethodsApi,
// OrganizationPaymentMethodsApi) and e-mail templates (ResellerEmailTemplatesApi).
//
// Cloudmore documents none of these models. The administrator create body is typed from the
// one body of this kind a source shows (Cloudmore's own staging test creating a seller
// administrator); every other body takes its members in Extra, by their JSON names. Answer
// models type id and name (decoded when Cloudmore uses those names) and keep the whole answer
// in Raw. The ids of administrators, groups, members and payment methods have no documented
// format, so any single path segment is accepted for them.

// ---------------------------------------------------------------------------------------------
// Administrators

// BrokerAdministrator is one entry of the broker's administrator list.
//
// Cloudmore model: AdministratorViewModel
//
// The typed fields are decoded when Cloudmore uses the names of the administrator create body
// (and "id"); Raw holds the whole JSON object.
type BrokerAdministrator struct {
	// ID is the administrator's id, the {id} of the administrator paths.
	ID string `json:"id"`
	// Name is the administrator's login name (e-mail style).
	Name string `json:"name"`
	// FirstName is the administrator's first name.
	FirstName string `json:"firstName"`
	// LastName is the administrator's last name.
	LastName string `json:"lastName"`
	// DisplayName is the name Cloudmore shows.
	DisplayName string `json:"displayName"`
	// Email is the administrator's e-mail address.
	Email string `json:"email"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerAdministrator) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// BrokerAdministratorDetails is one administrator as GET …/ResellerAdministrators/{id}
// returns it.
//
// Cloudmore model: AdministratorDetailViewModel
//
// Typed as BrokerAdministrator; Raw holds the whole JSON object (role, phone and address
// included when Cloudmore sends them).
type BrokerAdministratorDetails struct {
	// ID is the administrator's id.
	ID string `json:"id"`
	// Name is the administrator's login name.
	Name string `json:"name"`
	// FirstName is the administrator's first name.
	FirstName string `json:"firstName"`
	// LastName is the administrator's last name.
	LastName string `json:"lastName"`
	// DisplayName is the name Cloudmore shows.
	DisplayName string `json:"displayName"`
	// Email is the administrator's e-mail address.
	Email string `json:"email"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerAdministratorDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// BrokerAdministratorAddress is an administrator's postal address.
//
// Cloudmore model: AdministratorAddressCreateViewModel
type BrokerAdministratorAddress struct {
	// CountryCode is the ISO 3166-1 alpha-2 country code in upper case, such as "SE".
	CountryCode string `json:"countryCode,omitempty"`
	// Street is the street address.
	Street string `json:"street,omitempty"`
	// PostalCode is the postal code.
	PostalCode string `json:"postalCode,omitempty"`
	// City is the city.
	City string `json:"city,omitempty"`
}

// CreateBrokerAdministratorRequest is the body that creates a broker administrator, and a
// seller administrator (CreateSellerAdministratorRequest is the same type: one Swagger model).
//
// Cloudmore model: AdministratorCreateViewModel
//
// Cloudmore does not document this model. The typed members are those of the one
// administrator create body a source shows: Cloudmore's own staging test creating a seller
// administrator, answered 201 with a Location header. The broker models follow the same
// naming (AdministratorAddressCreateViewModel exists for both), which is an inference: verify
// on staging. Anything else goes in Extra. Which members are required is not documented; the
// SDK checks only formats (Email, Address.CountryCode) and refuses a body with nothing set.
//
// The password never appears in String, fmt output, slog output or any error; only
// MarshalJSON (the request body) contains it.
type CreateBrokerAdministratorRequest struct {
	// Name is the login name, e-mail style.
	Name string `json:"name,omitempty"`
	// Password is the initial password.
	Password string `json:"password,omitempty"`
	// FirstName is the first name.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the last name.
	LastName string `json:"lastName,omitempty"`
	// DisplayName is the name Cloudmore shows.
	DisplayName string `json:"displayName,omitempty"`
	// RoleID is the role's id from Broker.Roles.List, a string such as "6".
	RoleID string `json:"roleId,omitempty"`
	// Title is the job title.
	Title string `json:"title,omitempty"`
	// Email is the e-mail address.
	Email string `json:"email,omitempty"`
	// CellPhone is the mobile number without its country prefix.
	CellPhone string `json:"cellPhone,omitempty"`
	// CellPhonePrefix is the country calling code without "+", such as "372".
	CellPhonePrefix string `json:"cellPhonePrefix,omitempty"`
	// Address is the postal address.
	Address *BrokerAdministratorAddress `json:"address,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the body, password included, and merges Extra.
func (r CreateBrokerAdministratorRequest) MarshalJSON() ([]byte, error) {
	type plain CreateBrokerAdministratorRequest
	return marshalWithExtra(plain(r), r.Extra)
}

// String describes the request with the password redacted and only the keys of Extra.
func (r CreateBrokerAdministratorRequest) String() string {
	return fmt.Sprintf("CreateBrokerAdministratorRequest{Name: %q, Password: %s, FirstName: %q, LastName: %q, DisplayName: %q, RoleID: %q, Email: %q, Extra: %v}",
		r.Name, redact(r.Password), r.FirstName, r.LastName, r.DisplayName, r.RoleID, r.Email, extraKeys(r.Extra))
}

// GoString is String, so %#v does not print the password either.
func (r CreateBrokerAdministratorRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r CreateBrokerAdministratorRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue implements slog.LogValuer with the password redacted.
func (r CreateBrokerAdministratorRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", r.Name), slog.String("password", redact(r.Password)),
		slog.String("email", r.Email), slog.String("roleId", r.RoleID), slog.Any("extraKeys", extraKeys(r.Extra)))
}

func (r *CreateBrokerAdministratorRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	type plain CreateBrokerAdministratorRequest
	v.add(brokerCheckBody(plain(*r), r.Extra))
	v.optionalEmail("email", r.Email)
	if r.Address != nil {
		v.country("address.countryCode", r.Address.CountryCode)
	}
	return v.err()
}

// UpdateBrokerAdministratorRequest is the body that updates a broker administrator.
//
// Cloudmore model: AdministratorUpdateViewModel
//
// Its typed members are those of CreateBrokerAdministratorRequest without the login name and
// the password (whether an update may change them is not documented: use Extra to try). A PUT
// replaces all properties, per Cloudmore's developer portal. An empty body is refused before
// any request.
type UpdateBrokerAdministratorRequest struct {
	// FirstName is the first name.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the last name.
	LastName string `json:"lastName,omitempty"`
	// DisplayName is the name Cloudmore shows.
	DisplayName string `json:"displayName,omitempty"`
	// RoleID is the role's id from Broker.Roles.List.
	RoleID string `json:"roleId,omitempty"`
	// Title is the job title.
	Title string `json:"title,omitempty"`
	// Email is the e-mail address.
	Email string `json:"email,omitempty"`
	// CellPhone is the mobile number without its country prefix.
	CellPhone string `json:"cellPhone,omitempty"`
	// CellPhonePrefix is the country calling code without "+".
	CellPhonePrefix string `json:"cellPhonePrefix,omitempty"`
	// Address is the postal address.
	Address *BrokerAdministratorAddress `json:"address,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members that are set and merges Extra.
func (r UpdateBrokerAdministratorRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateBrokerAdministratorRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateBrokerAdministratorRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	type plain UpdateBrokerAdministratorRequest
	v.add(brokerCheckBody(plain(*r), r.Extra))
	v.optionalEmail("email", r.Email)
	if r.Address != nil {
		v.country("address.countryCode", r.Address.CountryCode)
	}
	return v.err()
}

// The administrator operations.
var (
	opBrokerAdministratorsList   = declare[none, none, []BrokerAdministrator]("Broker.Administrators.List", "GET /api/resellers/{resellerId}/ResellerAdministrators")
	opBrokerAdministratorsCreate = declare[none, *CreateBrokerAdministratorRequest, *Created]("Broker.Administrators.Create", "POST /api/resellers/{resellerId}/ResellerAdministrators")
	opBrokerAdministratorsGet    = declare[none, none, *BrokerAdministratorDetails]("Broker.Administrators.Get", "GET /api/resellers/{resellerId}/ResellerAdministrators/{id}")
	opBrokerAdministratorsUpdate = declare[none, *UpdateBrokerAdministratorRequest, none]("Broker.Administrators.Update", "PUT /api/resellers/{resellerId}/ResellerAdministrators/{id}")
	opBrokerAdministratorsDelete = declare[none, none, none]("Broker.Administrators.Delete", "DELETE /api/resellers/{resellerId}/ResellerAdministrators/{id}")
)

// List returns the broker's administrators.
//
// Cloudmore API: GET /api/resellers/{resellerId}/ResellerAdministrators
func (s *BrokerAdministratorsService) List(ctx context.Context, call ...CallOption) ([]BrokerAdministrator, *Response, error) {
	return opBrokerAdministratorsList.do(ctx, s.client, nil, nil, nil, call)
}

// Create creates a broker administrator; see CreateBrokerAdministratorRequest. Created.ID is
// the new administrator's id when the answer names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/ResellerAdministrators
func (s *BrokerAdministratorsService) Create(ctx context.Context, req *CreateBrokerAdministratorRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerAdministratorsCreate.do(ctx, s.client, nil, nil, req, call)
}

// Get returns one broker administrator.
//
// Cloudmore API: GET /api/resellers/{resellerId}/ResellerAdministrators/{id}
func (s *BrokerAdministratorsService) Get(ctx context.Context, administratorID string, call ...CallOption) (*BrokerAdministratorDetails, *Response, error) {
	return opBrokerAdministratorsGet.do(ctx, s.client, path(seg(administratorID)), nil, nil, call)
}

// Update changes a broker administrator; see UpdateBrokerAdministratorRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/ResellerAdministrators/{id}
func (s *BrokerAdministratorsService) Update(ctx context.Context, administratorID string, req *UpdateBrokerAdministratorRequest, call ...CallOption) (*Response, error) {
	return opBrokerAdministratorsUpdate.exec(ctx, s.client, path(seg(administratorID)), nil, req, call)
}

// Delete deletes a broker administrator.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/ResellerAdministrators/{id}
func (s *BrokerAdministratorsService) Delete(ctx context.Context, administratorID string, call ...CallOption) (*Response, error) {
	return opBrokerAdministratorsDelete.exec(ctx, s.client, path(seg(administratorID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Roles

// BrokerRole is a role a broker administrator can have; roles restrict what an administrator
// may do.
//
// Cloudmore model: RoleViewModel
//
// ID and Name are decoded when Cloudmore uses those names (an id sent as a number, such as 6,
// becomes "6"); Raw holds the whole JSON object.
type BrokerRole struct {
	// ID is the role's id, what CreateBrokerAdministratorRequest.RoleID refers to.
	ID string `json:"-"`
	// Name is the role's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields, accepting a string or numeric id, and keeps the
// whole object in Raw.
func (m *BrokerRole) UnmarshalJSON(b []byte) error {
	type plain BrokerRole
	var v struct {
		plain
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = BrokerRole(v.plain)
	m.ID = jsonScalarText(v.ID)
	m.Raw = append(RawJSON(nil), b...)
	return nil
}

// The role operation.
var opBrokerRolesList = declare[none, none, []BrokerRole]("Broker.Roles.List", "GET /api/resellers/{resellerId}/ResellerRoles")

// List returns the roles a broker administrator can have.
//
// Cloudmore API: GET /api/resellers/{resellerId}/ResellerRoles
func (s *BrokerRolesService) List(ctx context.Context, call ...CallOption) ([]BrokerRole, *Response, error) {
	return opBrokerRolesList.do(ctx, s.client, nil, nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Organization groups

// BrokerOrganizationGroup is one of the broker's organization groups. An organization can
// belong to several groups; groups assigned to Key Account Manager or Sales Agent
// administrators limit what those see, and segment report exports.
//
// Cloudmore model: unknown
//
// ID and Name are decoded when Cloudmore uses those names; Raw holds the whole JSON object.
type BrokerOrganizationGroup struct {
	// ID is the group's id, the {id} and {groupId} of the group paths.
	ID string `json:"id"`
	// Name is the group's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerOrganizationGroup) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateBrokerOrganizationGroupRequest is the body that creates an organization group.
//
// Cloudmore model: ResellerOrganizationGroupCreateViewModel
//
// No source shows its members: set them in Extra by their JSON names. An empty Extra is
// refused before any request.
type CreateBrokerOrganizationGroupRequest struct {
	// Extra holds the body members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r CreateBrokerOrganizationGroupRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateBrokerOrganizationGroupRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateBrokerOrganizationGroupRequest is the body that updates an organization group.
//
// Cloudmore model: ResellerOrganizationGroupUpdateViewModel
//
// Its members are those of CreateBrokerOrganizationGroupRequest: none that a source shows, so they go
// in Extra by their JSON names. An empty Extra is refused before any request.
type UpdateBrokerOrganizationGroupRequest CreateBrokerOrganizationGroupRequest

// MarshalJSON writes the members of Extra.
func (r UpdateBrokerOrganizationGroupRequest) MarshalJSON() ([]byte, error) {
	return CreateBrokerOrganizationGroupRequest(r).MarshalJSON()
}

func (r *UpdateBrokerOrganizationGroupRequest) validate() error {
	return (*CreateBrokerOrganizationGroupRequest)(r).validate()
}

// BrokerOrganizationGroupMember is one member of an organization group.
//
// Cloudmore model: unknown
//
// ID is decoded when Cloudmore uses that name; Raw holds the whole JSON object.
type BrokerOrganizationGroupMember struct {
	// ID is the member's id, the {id} of RemoveMember.
	ID string `json:"id"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerOrganizationGroupMember) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, m)
}

// AddBrokerOrganizationGroupMemberRequest is the body that adds a member (an organization) to
// an organization group.
//
// Cloudmore model: ResellerOrganizationGroupMemberAddViewModel
//
// No source shows its members (not even the name of the organization's id): set them in Extra
// by their JSON names. An empty Extra is refused before any request. The fake (cloudmoretest)
// names the member by the body's "organizationId" when it is set (its own name).
type AddBrokerOrganizationGroupMemberRequest struct {
	// Extra holds the body members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r AddBrokerOrganizationGroupMemberRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *AddBrokerOrganizationGroupMemberRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The organization-group operations.
var (
	opBrokerOrganizationGroupsList         = declare[none, none, []BrokerOrganizationGroup]("Broker.OrganizationGroups.List", "GET /api/resellers/{resellerId}/OrganizationGroups")
	opBrokerOrganizationGroupsCreate       = declare[none, *CreateBrokerOrganizationGroupRequest, *Created]("Broker.OrganizationGroups.Create", "POST /api/resellers/{resellerId}/OrganizationGroups")
	opBrokerOrganizationGroupsGet          = declare[none, none, *BrokerOrganizationGroup]("Broker.OrganizationGroups.Get", "GET /api/resellers/{resellerId}/OrganizationGroups/{id}")
	opBrokerOrganizationGroupsUpdate       = declare[none, *UpdateBrokerOrganizationGroupRequest, none]("Broker.OrganizationGroups.Update", "PUT /api/resellers/{resellerId}/OrganizationGroups/{id}")
	opBrokerOrganizationGroupsDelete       = declare[none, none, none]("Broker.OrganizationGroups.Delete", "DELETE /api/resellers/{resellerId}/OrganizationGroups/{id}")
	opBrokerOrganizationGroupsListMembers  = declare[none, none, []BrokerOrganizationGroupMember]("Broker.OrganizationGroups.ListMembers", "GET /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members")
	opBrokerOrganizationGroupsAddMember    = declare[none, *AddBrokerOrganizationGroupMemberRequest, *Created]("Broker.OrganizationGroups.AddMember", "POST /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members")
	opBrokerOrganizationGroupsRemoveMember = declare[none, none, none]("Broker.OrganizationGroups.RemoveMember", "DELETE /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members/{id}")
)

// List returns the broker's organization groups.
//
// Cloudmore API: GET /api/resellers/{resellerId}/OrganizationGroups
func (s *BrokerOrganizationGroupsService) List(ctx context.Context, call ...CallOption) ([]BrokerOrganizationGroup, *Response, error) {
	return opBrokerOrganizationGroupsList.do(ctx, s.client, nil, nil, nil, call)
}

// Create creates an organization group. Created.ID is the new group's id when the answer names
// it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/OrganizationGroups
func (s *BrokerOrganizationGroupsService) Create(ctx context.Context, req *CreateBrokerOrganizationGroupRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerOrganizationGroupsCreate.do(ctx, s.client, nil, nil, req, call)
}

// Get returns one organization group.
//
// Cloudmore API: GET /api/resellers/{resellerId}/OrganizationGroups/{id}
func (s *BrokerOrganizationGroupsService) Get(ctx context.Context, groupID string, call ...CallOption) (*BrokerOrganizationGroup, *Response, error) {
	return opBrokerOrganizationGroupsGet.do(ctx, s.client, path(seg(groupID)), nil, nil, call)
}

// Update changes an organization group; see UpdateBrokerOrganizationGroupRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/OrganizationGroups/{id}
func (s *BrokerOrganizationGroupsService) Update(ctx context.Context, groupID string, req *UpdateBrokerOrganizationGroupRequest, call ...CallOption) (*Response, error) {
	return opBrokerOrganizationGroupsUpdate.exec(ctx, s.client, path(seg(groupID)), nil, req, call)
}

// Delete deletes an organization group.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/OrganizationGroups/{id}
func (s *BrokerOrganizationGroupsService) Delete(ctx context.Context, groupID string, call ...CallOption) (*Response, error) {
	return opBrokerOrganizationGroupsDelete.exec(ctx, s.client, path(seg(groupID)), nil, nil, call)
}

// ListMembers returns the members of an organization group.
//
// Cloudmore API: GET /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members
func (s *BrokerOrganizationGroupsService) ListMembers(ctx context.Context, groupID string, call ...CallOption) ([]BrokerOrganizationGroupMember, *Response, error) {
	return opBrokerOrganizationGroupsListMembers.do(ctx, s.client, path(seg(groupID)), nil, nil, call)
}

// AddMember adds a member to an organization group; see
// AddBrokerOrganizationGroupMemberRequest. Created.ID is the member's id when the answer
// names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members
func (s *BrokerOrganizationGroupsService) AddMember(ctx context.Context, groupID string, req *AddBrokerOrganizationGroupMemberRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerOrganizationGroupsAddMember.do(ctx, s.client, path(seg(groupID)), nil, req, call)
}

// RemoveMember removes a member from an organization group.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/OrganizationGroups/{groupId}/Members/{id}
func (s *BrokerOrganizationGroupsService) RemoveMember(ctx context.Context, groupID, memberID string, call ...CallOption) (*Response, error) {
	return opBrokerOrganizationGroupsRemoveMember.exec(ctx, s.client, path(seg(groupID), seg(memberID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Payment methods

// BrokerPaymentMethod is one of the broker's payment methods.
//
// Cloudmore model: unknown
//
// ID and Name are decoded when Cloudmore uses those names; Raw holds the whole JSON object.
type BrokerPaymentMethod struct {
	// ID is the payment method's id, the {id} of the payment-method paths.
	ID string `json:"id"`
	// Name is the payment method's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerPaymentMethod) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateBrokerPaymentMethodRequest is the body that creates a payment method.
//
// Cloudmore model: ResellerPaymentMethodCreateViewModel
//
// No source shows its members: set them in Extra by their JSON names. An empty Extra is
// refused before any request.
type CreateBrokerPaymentMethodRequest struct {
	// Extra holds the body members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r CreateBrokerPaymentMethodRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateBrokerPaymentMethodRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateBrokerPaymentMethodRequest is the body that updates a payment method.
//
// Cloudmore model: ResellerPaymentMethodUpdateViewModel
//
// Its members are those of CreateBrokerPaymentMethodRequest: none that a source shows, so they go
// in Extra by their JSON names. An empty Extra is refused before any request.
type UpdateBrokerPaymentMethodRequest CreateBrokerPaymentMethodRequest

// MarshalJSON writes the members of Extra.
func (r UpdateBrokerPaymentMethodRequest) MarshalJSON() ([]byte, error) {
	return CreateBrokerPaymentMethodRequest(r).MarshalJSON()
}

func (r *UpdateBrokerPaymentMethodRequest) validate() error {
	return (*CreateBrokerPaymentMethodRequest)(r).validate()
}

// OrganizationPaymentMethod is an organization's payment method (one per organization, by the
// singular of Cloudmore's summary).
//
// Cloudmore model: OrganizationPaymentMethodViewModel
//
// No source shows its members, so nothing is typed; Raw holds the whole JSON object.
type OrganizationPaymentMethod struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *OrganizationPaymentMethod) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// UpdateOrganizationPaymentMethodRequest is the body that sets an organization's payment
// method.
//
// Cloudmore model: OrganizationPaymentMethodUpdateViewModel
//
// No source shows its members (not even the name of the payment method's id): set them in
// Extra by their JSON names. An empty Extra is refused before any request.
type UpdateOrganizationPaymentMethodRequest struct {
	// Extra holds the body members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r UpdateOrganizationPaymentMethodRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateOrganizationPaymentMethodRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The payment-method operations.
var (
	opBrokerPaymentMethodsList               = declare[none, none, []BrokerPaymentMethod]("Broker.PaymentMethods.List", "GET /api/resellers/{resellerId}/paymentmethods")
	opBrokerPaymentMethodsCreate             = declare[none, *CreateBrokerPaymentMethodRequest, *Created]("Broker.PaymentMethods.Create", "POST /api/resellers/{resellerId}/paymentmethods")
	opBrokerPaymentMethodsGet                = declare[none, none, *BrokerPaymentMethod]("Broker.PaymentMethods.Get", "GET /api/resellers/{resellerId}/paymentmethods/{id}")
	opBrokerPaymentMethodsUpdate             = declare[none, *UpdateBrokerPaymentMethodRequest, none]("Broker.PaymentMethods.Update", "PUT /api/resellers/{resellerId}/paymentmethods/{id}")
	opBrokerPaymentMethodsDelete             = declare[none, none, none]("Broker.PaymentMethods.Delete", "DELETE /api/resellers/{resellerId}/paymentmethods/{id}")
	opBrokerPaymentMethodsGetOrganization    = declare[none, none, *OrganizationPaymentMethod]("Broker.PaymentMethods.GetOrganization", "GET /api/resellers/{resellerId}/organizations/{organizationId}/paymentmethods")
	opBrokerPaymentMethodsUpdateOrganization = declare[none, *UpdateOrganizationPaymentMethodRequest, none]("Broker.PaymentMethods.UpdateOrganization", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/paymentmethods")
)

// List returns the broker's payment methods.
//
// Cloudmore API: GET /api/resellers/{resellerId}/paymentmethods
func (s *BrokerPaymentMethodsService) List(ctx context.Context, call ...CallOption) ([]BrokerPaymentMethod, *Response, error) {
	return opBrokerPaymentMethodsList.do(ctx, s.client, nil, nil, nil, call)
}

// Create creates a payment method. Created.ID is the new payment method's id when the answer
// names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/paymentmethods
func (s *BrokerPaymentMethodsService) Create(ctx context.Context, req *CreateBrokerPaymentMethodRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerPaymentMethodsCreate.do(ctx, s.client, nil, nil, req, call)
}

// Get returns one of the broker's payment methods.
//
// Cloudmore API: GET /api/resellers/{resellerId}/paymentmethods/{id}
func (s *BrokerPaymentMethodsService) Get(ctx context.Context, paymentMethodID string, call ...CallOption) (*BrokerPaymentMethod, *Response, error) {
	return opBrokerPaymentMethodsGet.do(ctx, s.client, path(seg(paymentMethodID)), nil, nil, call)
}

// Update changes one of the broker's payment methods; see UpdateBrokerPaymentMethodRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/paymentmethods/{id}
func (s *BrokerPaymentMethodsService) Update(ctx context.Context, paymentMethodID string, req *UpdateBrokerPaymentMethodRequest, call ...CallOption) (*Response, error) {
	return opBrokerPaymentMethodsUpdate.exec(ctx, s.client, path(seg(paymentMethodID)), nil, req, call)
}

// Delete deletes one of the broker's payment methods. What happens to organizations that use
// it is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/paymentmethods/{id}
func (s *BrokerPaymentMethodsService) Delete(ctx context.Context, paymentMethodID string, call ...CallOption) (*Response, error) {
	return opBrokerPaymentMethodsDelete.exec(ctx, s.client, path(seg(paymentMethodID)), nil, nil, call)
}

// GetOrganization returns an organization's payment method.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/paymentmethods
func (s *BrokerPaymentMethodsService) GetOrganization(ctx context.Context, organizationID string, call ...CallOption) (*OrganizationPaymentMethod, *Response, error) {
	return opBrokerPaymentMethodsGetOrganization.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// UpdateOrganization sets an organization's payment method; see
// UpdateOrganizationPaymentMethodRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/paymentmethods
func (s *BrokerPaymentMethodsService) UpdateOrganization(ctx context.Context, organizationID string, req *UpdateOrganizationPaymentMethodRequest, call ...CallOption) (*Response, error) {
	return opBrokerPaymentMethodsUpdateOrganization.exec(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// ---------------------------------------------------------------------------------------------
// E-mail templates

// BrokerEmailTemplate is one of the broker's e-mail templates (products that provision by
// e-mail refer to them).
//
// Cloudmore model: ResellerEmailTemplateViewModel
//
// ID and Name are decoded when Cloudmore uses those names; Raw holds the whole JSON object.
type BrokerEmailTemplate struct {
	// ID is the template's id.
	ID string `json:"id"`
	// Name is the template's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerEmailTemplate) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// The e-mail template operation.
var opBrokerEmailTemplatesList = declare[none, none, []BrokerEmailTemplate]("Broker.EmailTemplates.List", "GET /api/resellers/{resellerId}/settings/EmailTemplates")

// List returns the broker's e-mail templates.
//
// Cloudmore API: GET /api/resellers/{resellerId}/settings/EmailTemplates
func (s *BrokerEmailTemplatesService) List(ctx context.Context, call ...CallOption) ([]BrokerEmailTemplate, *Response, error) {
	return opBrokerEmailTemplatesList.do(ctx, s.client, nil, nil, nil, call)
}
