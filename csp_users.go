package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
	Raw json.RawMessage `json:"-"`
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
// document its fields, so Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationCspUserProductLicenseAddViewModel
type AddCSPUserLicenseRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r AddCSPUserLicenseRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *AddCSPUserLicenseRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// List returns the organization's Microsoft 365 users to which a product licence can be
// added. For large tenants, BeginList generates the same list asynchronously.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) List(ctx context.Context, organizationID string) ([]CSPUser, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/users", id(organizationID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPUser](ctx, s.client, p, nil)
}

// Get returns one Microsoft 365 user of the organization. The format of user ids is not
// documented, so any single path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{id}
func (s *CSPUsersService) Get(ctx context.Context, organizationID, userID string) (*CSPUser, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/users/{id}", id(organizationID), seg(userID))
	if err != nil {
		return nil, nil, err
	}
	return getOne[CSPUser](ctx, s.client, p, nil)
}

// Create creates a Microsoft 365 user in the organization's tenant. The body's fields are not
// documented: see CreateCSPUserRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users
func (s *CSPUsersService) Create(ctx context.Context, organizationID string, req *CreateCSPUserRequest) (*Created, *Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/users", id(organizationID))
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
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/users/{userId}", id(organizationID), seg(userID))
	if err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodPut, p, nil, req)
}

// Delete deletes a Microsoft 365 user.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}
func (s *CSPUsersService) Delete(ctx context.Context, organizationID, userID string) (*Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/users/{userId}", id(organizationID), seg(userID))
	if err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodDelete, p, nil, nil)
}

// AddLicense adds an Office 365 product licence to a user. The body's fields are not
// documented: see AddCSPUserLicenseRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/users/{userId}/productlicenses
func (s *CSPUsersService) AddLicense(ctx context.Context, organizationID, userID string, req *AddCSPUserLicenseRequest) (*Created, *Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/users/{userId}/productlicenses",
		id(organizationID), seg(userID))
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
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/users/{userId}/productlicenses/{id}",
		id(organizationID), seg(userID), seg(licenseID))
	if err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodDelete, p, nil, nil)
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
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/usersAsync", id(organizationID))
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
	ids, err := s.client.resumeIDs(token, cspUsersAsyncKind)
	if err != nil {
		return nil, err
	}
	return s.usersPoller(ids["organizationId"], ids["taskId"])
}

func (s *CSPUsersService) usersPoller(organizationID, taskID string) (*Poller[CSPUserList], error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/usersAsync/{taskId}",
		id(organizationID), seg(taskID))
	if err != nil {
		return nil, err
	}
	step := pathTaskStep[CSPUserList](s.client, cspUsersAsyncKind, taskID, p, nil)
	ids := map[string]string{"organizationId": organizationID, "taskId": taskID}
	return newPoller(s.client, cspUsersAsyncKind, taskID, ids, step), nil
}
