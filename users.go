package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// UsersService manages the users of an organization and lists the roles a user can have.
type UsersService service

// User is one entry of an organization's user list. Its fields are not documented: the typed
// ones are decoded under the names of the user create body (and "id"); Raw holds the whole
// object.
//
// Cloudmore model: UserViewModel
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
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (u *User) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, u) }

// UserDetails is one user as UsersService.Get returns it. Its fields are not documented: the
// typed ones are decoded under the names of the user create body (and "id"); Raw holds the
// whole object (address, roles and custom properties included; DecodeCustomProperties types
// the custom properties).
//
// Cloudmore model: UserDetailViewModel
type UserDetails struct {
	// ID is the user's id, the {id} of the user paths.
	ID string `json:"id"`
	// Name is the user's login name.
	Name string `json:"name"`
	// FirstName is the user's first name.
	FirstName string `json:"firstName"`
	// LastName is the user's last name.
	LastName string `json:"lastName"`
	// DisplayName is the name Cloudmore shows for the user.
	DisplayName string `json:"displayName"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (u *UserDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, u) }

// CreateUserRequest is the body of a user create. Its model is not documented; the typed
// fields are the ones Cloudmore's API guide shows in a user-like request body. Extra is merged
// into the JSON object for anything else; a key in Extra must not repeat a typed field that
// is set.
//
// Cloudmore requires a role when a user is created (the ids come from UsersService.ListRoles),
// but it does not document the role field's name, so the SDK has no typed field for it: pass
// it in Extra. The evidence for "roleId" is indirect: the only Cloudmore body with a role that
// the SDK's sources show, the seller-administrator create body of Cloudmore's own staging
// tests, sends the role as "roleId", a string such as "6". Verify it on staging:
//
//	req := &cloudmore.CreateUserRequest{
//		Name:      "jane@example.com", // a login in one of the organization's domains
//		FirstName: "Jane",
//		LastName:  "Doe",
//		RoleID:    roles[0].ID, // from Users.ListRoles
//	}
//
// A request with no field set is refused before any request. The password never appears in
// String, fmt output, slog output or any error; only MarshalJSON (the request body) has it.
//
// Cloudmore model: UserCreateViewModel
type CreateUserRequest struct {
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
	// RoleID is the user's role, an OrganizationRole.ID from Users.ListRoles. Required: Cloudmore's
	// 2.25 API release note says "the role ID must be passed when calling create user" and "for
	// POST and PUT methods the new roleid is mandatory". The JSON name roleId is the one
	// Cloudmore's own staging tests send for an administrator's role (api-facts §18.3); the note
	// writes it "roleid", and .NET binds either.
	RoleID string `json:"roleId,omitempty"`
	// CustomProperties sets the broker's custom properties on the user.
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
	// Extra holds further body fields, merged into the JSON object (not the role: set RoleID;
	// Extra["roleId"] is refused).
	Extra map[string]any `json:"-"`
}

// UpdateUserRequest is the body of a user update (PUT). Its model is not documented; the
// typed fields are those of CreateUserRequest, under the same names, and Extra is merged into
// the JSON object for anything else. Cloudmore's developer portal says a PUT replaces all
// properties, so a request with no field set is refused before any request (it could blank
// the user); send the full current values (from Get's Raw) with your changes. The password is
// redacted as in CreateUserRequest.
//
// Cloudmore model: UserUpdateViewModel
type UpdateUserRequest struct {
	// Name is the user's login name.
	Name string `json:"name,omitempty"`
	// Password is sent when set; empty sends none. Whether an update may change the password
	// is not documented.
	Password string `json:"password,omitempty"`
	// FirstName is the user's first name.
	FirstName string `json:"firstName,omitempty"`
	// LastName is the user's last name.
	LastName string `json:"lastName,omitempty"`
	// DisplayName is the name Cloudmore shows for the user.
	DisplayName string `json:"displayName,omitempty"`
	// RoleID is the user's role, an OrganizationRole.ID from Users.ListRoles. Required: Cloudmore's
	// 2.25 API release note says "the role ID must be passed when calling create user" and "for
	// POST and PUT methods the new roleid is mandatory". The JSON name roleId is the one
	// Cloudmore's own staging tests send for an administrator's role (api-facts §18.3); the note
	// writes it "roleid", and .NET binds either.
	RoleID string `json:"roleId,omitempty"`
	// CustomProperties sets the broker's custom properties on the user.
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
	// Extra holds further body fields, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// userBody is the field set CreateUserRequest and UpdateUserRequest share (both convert to
// it): one encoder, one redaction, one validation for both.
type userBody struct {
	Name             string                `json:"name,omitempty"`
	Password         string                `json:"password,omitempty"`
	FirstName        string                `json:"firstName,omitempty"`
	LastName         string                `json:"lastName,omitempty"`
	DisplayName      string                `json:"displayName,omitempty"`
	RoleID           string                `json:"roleId,omitempty"`
	CustomProperties []CustomPropertyValue `json:"customProperties,omitempty"`
	Extra            map[string]any        `json:"-"`
}

func (b userBody) marshal() ([]byte, error) { return marshalWithExtra(b, b.Extra) }

func (b userBody) text(kind string) string {
	return fmt.Sprintf("%s{Name: %q, Password: %s, FirstName: %q, LastName: %q, DisplayName: %q, RoleID: %q, CustomProperties: %d, Extra: %v}",
		kind, b.Name, redact(b.Password), b.FirstName, b.LastName, b.DisplayName, b.RoleID, len(b.CustomProperties), extraKeys(b.Extra))
}

func (b userBody) logValue() slog.Value {
	return slog.GroupValue(slog.String("name", b.Name), slog.String("password", redact(b.Password)),
		slog.String("firstName", b.FirstName), slog.String("lastName", b.LastName),
		slog.String("displayName", b.DisplayName), slog.String("roleId", b.RoleID), slog.Any("extraKeys", extraKeys(b.Extra)))
}

func (b userBody) validate(what string) error {
	if b.Name == "" && b.Password == "" && b.FirstName == "" && b.LastName == "" && b.DisplayName == "" &&
		b.RoleID == "" && len(b.CustomProperties) == 0 && len(b.Extra) == 0 {
		return invalid("body", "empty: set at least one field (%s)", what)
	}
	var v validator
	switch _, inExtra := b.Extra["roleId"]; {
	case strings.TrimSpace(b.RoleID) == "" && inExtra:
		v.fail("roleId", `required: set RoleID (the role's id from Users.ListRoles), not Extra["roleId"]`)
	case strings.TrimSpace(b.RoleID) == "":
		v.fail("roleId", "required: the role's id from Users.ListRoles (Cloudmore requires it on create and update)")
	}
	checkCustomProperties(&v, b.CustomProperties)
	v.extra(b, b.Extra)
	return v.err()
}

// MarshalJSON writes the body, password included, and merges Extra.
func (r CreateUserRequest) MarshalJSON() ([]byte, error) { return userBody(r).marshal() }

// String describes the request with the password redacted and only the keys of Extra.
func (r CreateUserRequest) String() string { return userBody(r).text("CreateUserRequest") }

// GoString is String, so %#v does not print the password either.
func (r CreateUserRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r CreateUserRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue implements slog.LogValuer with the password redacted.
func (r CreateUserRequest) LogValue() slog.Value { return userBody(r).logValue() }

func (r *CreateUserRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return userBody(*r).validate("a user needs at least a name and a role")
}

// MarshalJSON writes the body, password included, and merges Extra.
func (r UpdateUserRequest) MarshalJSON() ([]byte, error) { return userBody(r).marshal() }

// String describes the request with the password redacted and only the keys of Extra.
func (r UpdateUserRequest) String() string { return userBody(r).text("UpdateUserRequest") }

// GoString is String, so %#v does not print the password either.
func (r UpdateUserRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r UpdateUserRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue implements slog.LogValuer with the password redacted.
func (r UpdateUserRequest) LogValue() slog.Value { return userBody(r).logValue() }

func (r *UpdateUserRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return userBody(*r).validate("a PUT replaces all properties, so an empty body could blank the user")
}

// OrganizationRole is a role an organization user can have; the role decides the user's
// permissions in Cloudmore. Its fields are not documented: ID and Name are decoded under
// those names (an id sent as a number, such as 6, becomes "6"); Raw holds the whole object.
//
// Cloudmore model: RoleViewModel
type OrganizationRole struct {
	// ID is the role's id, what a user create refers to (role ids look numeric).
	ID string `json:"-"`
	// Name is the role's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields, accepting a string or numeric id, and keeps the
// whole object in Raw.
func (r *OrganizationRole) UnmarshalJSON(b []byte) error {
	var v struct {
		ID   json.RawMessage `json:"id"`
		Name string          `json:"name"`
	}
	if err := decodeKeepRaw(b, &v, &r.Raw); err != nil {
		return err
	}
	r.ID, r.Name = jsonScalarText(v.ID), v.Name
	return nil
}

// The user operations.
var (
	opUsersList      = declare[none, none, []User]("Users.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/Users")
	opUsersGet       = declare[none, none, *UserDetails]("Users.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}")
	opUsersCreate    = declare[none, *CreateUserRequest, *Created]("Users.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/Users")
	opUsersUpdate    = declare[none, *UpdateUserRequest, none]("Users.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}")
	opUsersDelete    = declare[none, none, none]("Users.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}")
	opUsersListRoles = declare[none, none, []OrganizationRole]("Users.ListRoles", "GET /api/resellers/{resellerId}/organizations/{organizationId}/OrganizationRoles")
)

// List returns the users of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Users
func (s *UsersService) List(ctx context.Context, organizationID string, call ...CallOption) ([]User, *Response, error) {
	return opUsersList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one user of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Get(ctx context.Context, organizationID, userID string, call ...CallOption) (*UserDetails, *Response, error) {
	return opUsersGet.do(ctx, s.client, path(id(organizationID), seg(userID)), nil, nil, call)
}

// Create creates a user in an organization. Cloudmore requires a role (see
// CreateUserRequest). Created.ID is the new user's id when the answer names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/Users
func (s *UsersService) Create(ctx context.Context, organizationID string, req *CreateUserRequest, call ...CallOption) (*Created, *Response, error) {
	return opUsersCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update changes a user of an organization. An empty UpdateUserRequest is refused (a
// *ValidationError for "body") before any request.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Update(ctx context.Context, organizationID, userID string, req *UpdateUserRequest, call ...CallOption) (*Response, error) {
	return opUsersUpdate.exec(ctx, s.client, path(id(organizationID), seg(userID)), nil, req, call)
}

// Delete deletes a user of an organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/Users/{id}
func (s *UsersService) Delete(ctx context.Context, organizationID, userID string, call ...CallOption) (*Response, error) {
	return opUsersDelete.exec(ctx, s.client, path(id(organizationID), seg(userID)), nil, nil, call)
}

// ListRoles returns the roles a user of the organization can have.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/OrganizationRoles
func (s *UsersService) ListRoles(ctx context.Context, organizationID string, call ...CallOption) ([]OrganizationRole, *Response, error) {
	return opUsersListRoles.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}
