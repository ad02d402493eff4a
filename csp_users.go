package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
)

// CSPUsersService manages the Microsoft 365 users of an organization and the product
// licences assigned to them. Reach it as Client.CSP.Users. The organization's licences
// themselves are listed by CSPService.ListProductLicenses.
type CSPUsersService service

// CSPUser is a Microsoft 365 user of an organization. Cloudmore does not document its fields;
// Raw holds the answer.
//
// Cloudmore model: OrganizationCspUsersViewModel
type CSPUser struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (u *CSPUser) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, u) }

// CSPUserList is the result of the asynchronous user list (CSPUsersService.BeginList). Its
// shape is not documented: when the result is a JSON array, Users holds its items; Raw
// always holds the whole result.
//
// Cloudmore model: OrganizationCspUserAsyncViewModel
type CSPUserList struct {
	// Users holds the users when the result is a JSON array.
	Users []CSPUser `json:"-"`
	// Raw is the result as Cloudmore sent it.
	Raw RawJSON `json:"-"`
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

// CreateCSPUserRequest creates a Microsoft 365 user. Cloudmore does not document its fields,
// so Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationCspUserCreateViewModel
type CreateCSPUserRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r CreateCSPUserRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateCSPUserRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// UpdateCSPUserRequest updates a Microsoft 365 user. Cloudmore does not document its fields,
// so Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationCspUserUpdateViewModel
type UpdateCSPUserRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpdateCSPUserRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateCSPUserRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// AddCSPUserLicenseRequest adds an Office 365 product licence to a user. Cloudmore does not
// document its fields. The body must name the licence, one of the organization's product
// licences (ListProductLicenses), whose id also names it in RemoveLicense's path: the SDK
// types that id as LicenseID, under a name it infers ("licenseId"), and requires it. Further
// members go in Extra.
//
// Cloudmore model: OrganizationCspUserProductLicenseAddViewModel
type AddCSPUserLicenseRequest struct {
	// LicenseID is the id of the product licence to give the user, as the licence list names
	// it (required; the JSON name is inferred: no source shows it).
	LicenseID string `json:"licenseId"`
	// Extra holds further members by their JSON names. A key must not repeat LicenseID.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes LicenseID and merges Extra.
func (r AddCSPUserLicenseRequest) MarshalJSON() ([]byte, error) {
	type plain AddCSPUserLicenseRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *AddCSPUserLicenseRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	var v validator
	v.required("licenseId", r.LicenseID)
	type plain AddCSPUserLicenseRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// The Microsoft 365 user operations. The asynchronous list's POST starts a task that its
// Poller follows with the status GET.
var (
	opCSPUsersList          = declare[none, none, []CSPUser]("CSP.Users.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users")
	opCSPUsersGet           = declare[none, none, *CSPUser]("CSP.Users.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{id}")
	opCSPUsersCreate        = declare[none, *CreateCSPUserRequest, *Created]("CSP.Users.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users")
	opCSPUsersUpdate        = declare[none, *UpdateCSPUserRequest, none]("CSP.Users.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}")
	opCSPUsersDelete        = declare[none, none, none]("CSP.Users.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}")
	opCSPUsersAddLicense    = declare[none, *AddCSPUserLicenseRequest, *Created]("CSP.Users.AddLicense", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses")
	opCSPUsersRemoveLicense = declare[none, none, none]("CSP.Users.RemoveLicense", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses/{id}")
	opCSPUsersBeginList     = declare[none, none, none]("CSP.Users.BeginList", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync").startsTask()
	opCSPUsersListStatus    = declare[none, none, *CSPUserList]("CSP.Users.BeginList: status", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync/{taskId}")
)

// List returns the organization's Microsoft 365 users to which a product licence can be
// added. For large tenants, BeginList generates the same list asynchronously.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) List(ctx context.Context, organizationID string, call ...CallOption) ([]CSPUser, *Response, error) {
	return opCSPUsersList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one Microsoft 365 user of the organization. The format of user ids is not
// documented, so any single path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{id}
func (s *CSPUsersService) Get(ctx context.Context, organizationID, userID string, call ...CallOption) (*CSPUser, *Response, error) {
	return opCSPUsersGet.do(ctx, s.client, path(id(organizationID), seg(userID)), nil, nil, call)
}

// Create creates a Microsoft 365 user in the organization's tenant. The body's fields are not
// documented: see CreateCSPUserRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) Create(ctx context.Context, organizationID string, req *CreateCSPUserRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPUsersCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates a Microsoft 365 user. The body's fields are not documented: see
// UpdateCSPUserRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}
func (s *CSPUsersService) Update(ctx context.Context, organizationID, userID string, req *UpdateCSPUserRequest, call ...CallOption) (*Response, error) {
	return opCSPUsersUpdate.exec(ctx, s.client, path(id(organizationID), seg(userID)), nil, req, call)
}

// Delete deletes a Microsoft 365 user.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}
func (s *CSPUsersService) Delete(ctx context.Context, organizationID, userID string, call ...CallOption) (*Response, error) {
	return opCSPUsersDelete.exec(ctx, s.client, path(id(organizationID), seg(userID)), nil, nil, call)
}

// AddLicense adds an Office 365 product licence to a user. The body's fields are not
// documented: see AddCSPUserLicenseRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses
func (s *CSPUsersService) AddLicense(ctx context.Context, organizationID, userID string, req *AddCSPUserLicenseRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPUsersAddLicense.do(ctx, s.client, path(id(organizationID), seg(userID)), nil, req, call)
}

// RemoveLicense removes an Office 365 product licence from a user. The format of licence ids
// is not documented, so any single path segment is accepted.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses/{id}
func (s *CSPUsersService) RemoveLicense(ctx context.Context, organizationID, userID, licenseID string, call ...CallOption) (*Response, error) {
	return opCSPUsersRemoveLicense.exec(ctx, s.client, path(id(organizationID), seg(userID), seg(licenseID)), nil, nil, call)
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
func (s *CSPUsersService) BeginList(ctx context.Context, organizationID string, call ...CallOption) (*Poller[CSPUserList], *Response, error) {
	taskID, resp, err := opCSPUsersBeginList.start(ctx, s.client, path(id(organizationID)), nil, nil, call, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.usersPoller(organizationID, taskID)
	if err != nil {
		return nil, resp, fmt.Errorf("cloudmore: %s %s started task %q, which cannot be polled: %w",
			opCSPUsersBeginList.method, opCSPUsersBeginList.template, truncate(taskID, 64), err)
	}
	return poller, resp, nil
}

// ResumeList returns a Poller for an asynchronous user list started earlier by BeginList,
// from its ResumeToken. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/usersAsync/{taskId}
func (s *CSPUsersService) ResumeList(token string) (*Poller[CSPUserList], error) {
	ids, err := s.client.resumeIDs(token, cspUsersAsyncKind)
	if err != nil {
		return nil, err
	}
	return s.usersPoller(ids["organizationId"], ids["taskId"])
}

// usersPoller is the Poller of an asynchronous user list: a *ValidationError, before
// anything is sent, when the ids cannot be polled (a task id Cloudmore gave that is no path
// segment, or a resume token's bad ids).
func (s *CSPUsersService) usersPoller(organizationID, taskID string) (*Poller[CSPUserList], error) {
	args := path(id(organizationID), seg(taskID))
	if err := opCSPUsersListStatus.checkPath(s.client, args); err != nil {
		return nil, err
	}
	step := taskStep[CSPUserList](s.client, cspUsersAsyncKind, taskID, opCSPUsersListStatus, args, nil)
	ids := map[string]string{"organizationId": organizationID, "taskId": taskID}
	return newPoller(s.client, cspUsersAsyncKind, taskID, ids, step), nil
}
