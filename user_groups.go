package cloudmore

import (
	"context"
)

// UserGroupsService manages an organization's user groups and their members
// (OrganizationUserGroupsApi, OrganizationUserGroupMembersApi).
//
// Cloudmore documents none of the user-group models' fields (api-facts §4.3): answers keep
// the whole JSON object in Raw and bodies are sent from their Extra map. The format of the
// group and member ids is not documented either, so any safe path segment is accepted.
type UserGroupsService service

// UserGroup is a user group of an organization, as the list and GET …/UserGroups/{id}
// return it. Cloudmore does not document its fields: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationUserGroupViewModel
type UserGroup struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *UserGroup) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// UserGroupMember is a member of a user group. Cloudmore does not document its fields: Raw
// holds the whole JSON object.
//
// Cloudmore model: OrganizationUserGroupMemberViewModel
type UserGroupMember struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *UserGroupMember) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateUserGroupRequest is the body that creates a user group. Cloudmore does not document
// its fields: Extra is sent as the JSON object and must name at least one member.
//
// Cloudmore model: OrganizationUserGroupCreateViewModel
type CreateUserGroupRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r CreateUserGroupRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateUserGroupRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateUserGroupRequest is the body that updates a user group. Cloudmore does not document
// its fields: Extra is sent as the JSON object and must name at least one member (a PUT
// replaces all properties, so an empty body could blank the group).
//
// Cloudmore model: OrganizationUserGroupUpdateViewModel
type UpdateUserGroupRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r UpdateUserGroupRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateUserGroupRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// AddUserGroupMemberRequest is the body that adds a member to a user group. Cloudmore does
// not document its fields (which user it names, and under what name): Extra is sent as the
// JSON object and must name at least one member.
//
// Cloudmore model: OrganizationUserGroupMemberAddViewModel
type AddUserGroupMemberRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r AddUserGroupMemberRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *AddUserGroupMemberRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The user-group operations.
var (
	opUserGroupsList         = declare[none, none, []UserGroup]("UserGroups.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups")
	opUserGroupsGet          = declare[none, none, *UserGroup]("UserGroups.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}")
	opUserGroupsCreate       = declare[none, *CreateUserGroupRequest, *Created]("UserGroups.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups")
	opUserGroupsUpdate       = declare[none, *UpdateUserGroupRequest, none]("UserGroups.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}")
	opUserGroupsDelete       = declare[none, none, none]("UserGroups.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}")
	opUserGroupsListMembers  = declare[none, none, []UserGroupMember]("UserGroups.ListMembers", "GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members")
	opUserGroupsAddMember    = declare[none, *AddUserGroupMemberRequest, *Created]("UserGroups.AddMember", "POST /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members")
	opUserGroupsRemoveMember = declare[none, none, none]("UserGroups.RemoveMember", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members/{id}")
)

// List returns the organization's user groups.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups
func (s *UserGroupsService) List(ctx context.Context, organizationID string, call ...CallOption) ([]UserGroup, *Response, error) {
	return opUserGroupsList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one user group of the organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}
func (s *UserGroupsService) Get(ctx context.Context, organizationID, groupID string, call ...CallOption) (*UserGroup, *Response, error) {
	return opUserGroupsGet.do(ctx, s.client, path(id(organizationID), seg(groupID)), nil, nil, call)
}

// Create creates a user group in the organization. Created.ID is the new group's id when the
// answer names it (Location header or body).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups
func (s *UserGroupsService) Create(ctx context.Context, organizationID string, req *CreateUserGroupRequest, call ...CallOption) (*Created, *Response, error) {
	return opUserGroupsCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates a user group of the organization.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}
func (s *UserGroupsService) Update(ctx context.Context, organizationID, groupID string, req *UpdateUserGroupRequest, call ...CallOption) (*Response, error) {
	return opUserGroupsUpdate.exec(ctx, s.client, path(id(organizationID), seg(groupID)), nil, req, call)
}

// Delete deletes a user group of the organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{id}
func (s *UserGroupsService) Delete(ctx context.Context, organizationID, groupID string, call ...CallOption) (*Response, error) {
	return opUserGroupsDelete.exec(ctx, s.client, path(id(organizationID), seg(groupID)), nil, nil, call)
}

// ListMembers returns the members of a user group.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members
func (s *UserGroupsService) ListMembers(ctx context.Context, organizationID, groupID string, call ...CallOption) ([]UserGroupMember, *Response, error) {
	return opUserGroupsListMembers.do(ctx, s.client, path(id(organizationID), seg(groupID)), nil, nil, call)
}

// AddMember adds a member to a user group. Created.ID is the id the answer names, if any.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members
func (s *UserGroupsService) AddMember(ctx context.Context, organizationID, groupID string, req *AddUserGroupMemberRequest, call ...CallOption) (*Created, *Response, error) {
	return opUserGroupsAddMember.do(ctx, s.client, path(id(organizationID), seg(groupID)), nil, req, call)
}

// RemoveMember removes a member from a user group.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/UserGroups/{groupId}/members/{id}
func (s *UserGroupsService) RemoveMember(ctx context.Context, organizationID, groupID, memberID string, call ...CallOption) (*Response, error) {
	return opUserGroupsRemoveMember.exec(ctx, s.client, path(id(organizationID), seg(groupID), seg(memberID)), nil, nil, call)
}
