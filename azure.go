package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
)

// AzureService manages Microsoft Azure for the broker's organizations: the Azure service on
// an organization (OrganizationAzureApi) and, through its sub-services, Azure subscriptions,
// users and their role assignments, and the Azure plan.
//
// Cloudmore documents none of the Azure models' fields (reference notes api-facts §10, §17.2):
// every answer is a model that keeps the whole JSON object in Raw, and every body is sent from
// its Extra map. What is known of the semantics: the Azure service must be added to the
// organization before subscriptions can be created; users get the Owner or Contributor role on
// a subscription; a DELETE on an Azure subscription suspends it; an organization has one Azure
// plan subscription with one or more entitlements.
type AzureService struct {
	client *Client
	// Subscriptions are the organization's (legacy) Azure subscriptions and the broker-wide
	// list (OrganizationAzureSubscriptionsApi, ResellerAzureSubscriptionsApi).
	Subscriptions *AzureSubscriptionsService
	// Users are the organization's Azure users and their role assignments on subscriptions
	// (OrganizationAzureUsersApi, OrganizationAzureUserSubscriptionsApi).
	Users *AzureUsersService
	// Plan is the organization's Azure plan subscriptions and entitlements
	// (OrganizationAzurePlanSubscriptionsApi).
	Plan *AzurePlanService
}

// AzureSubscriptionsService manages Azure subscriptions.
type AzureSubscriptionsService service

// AzureUsersService manages Azure users and their role assignments.
type AzureUsersService service

// AzurePlanService manages Azure plan subscriptions and their entitlements.
type AzurePlanService service

func newAzureService(c *Client) *AzureService {
	return &AzureService{
		client:        c,
		Subscriptions: &AzureSubscriptionsService{client: c},
		Users:         &AzureUsersService{client: c},
		Plan:          &AzurePlanService{client: c},
	}
}

// flexList decodes a JSON array of T, or a single JSON object as a list of one (for answers
// whose summary speaks of one resource while the operation is a list), or null as empty.
type flexList[T any] []T

func (l *flexList[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var one T
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*l = flexList[T]{one}
		return nil
	}
	var many []T
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*l = many
	return nil
}

// ---------------------------------------------------------------------------------------------
// The Azure service on an organization

// AzureServiceDetails is the Azure service of an organization as GET …/services/Azure
// returns it. Cloudmore does not document its fields: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationAzureDetailViewModel
type AzureServiceDetails struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzureServiceDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// AddAzureRequest is the body that adds the Microsoft Azure service from the E-store to an
// organization. Cloudmore does not document its fields, so it has none typed: Extra is sent
// as the JSON object and must name at least one member. The other two E-store adds take the
// service id from the E-store list as "id" and an ISO 4217 "currencyCode" (api-facts §6.2,
// §9.2); that this one does too is an inference to check on staging:
//
//	req := &cloudmore.AddAzureRequest{Extra: map[string]any{"id": azureServiceID, "currencyCode": "SEK"}}
//
// Cloudmore model: OrganizationAzureAddViewModel
type AddAzureRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r AddAzureRequest) MarshalJSON() ([]byte, error) { return marshalWithExtra(struct{}{}, r.Extra) }

func (r *AddAzureRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The operations of the Azure service on an organization.
var (
	opAzureAdd    = declare[none, *AddAzureRequest, *Created]("Azure.Add", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure")
	opAzureGet    = declare[none, none, *AzureServiceDetails]("Azure.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure")
	opAzureRemove = declare[none, none, none]("Azure.Remove", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure")
)

// Add adds the Microsoft Azure service from the E-store to an organization. It must be added
// before the organization's Azure subscriptions can be created. Created.ID is the id the
// answer names, if any.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure
func (s *AzureService) Add(ctx context.Context, organizationID string, req *AddAzureRequest, call ...CallOption) (*Created, *Response, error) {
	return opAzureAdd.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Get returns the organization's Microsoft Azure service.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure
func (s *AzureService) Get(ctx context.Context, organizationID string, call ...CallOption) (*AzureServiceDetails, *Response, error) {
	return opAzureGet.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Remove removes the Microsoft Azure service from an organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/Azure
func (s *AzureService) Remove(ctx context.Context, organizationID string, call ...CallOption) (*Response, error) {
	return opAzureRemove.exec(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Azure subscriptions

// AzureSubscription is one Azure subscription of an organization. Cloudmore does not
// document its fields: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationAzureSubscriptionViewModel
type AzureSubscription struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzureSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// AzureBrokerSubscription is one entry of the broker-wide Azure subscription list, which
// covers every organization's Azure subscriptions. Cloudmore does not document its fields
// (the model is matched to the operation by name only): Raw holds the whole JSON object.
//
// Cloudmore model: AzureSubscriptionViewModel
type AzureBrokerSubscription struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzureBrokerSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// The Azure subscription operations.
var (
	opAzureSubscriptionsList    = declare[none, none, []AzureSubscription]("Azure.Subscriptions.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/subscriptions")
	opAzureSubscriptionsSuspend = declare[none, none, none]("Azure.Subscriptions.Suspend", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/subscriptions/{subscriptionId}")
	opAzureSubscriptionsListAll = declare[none, none, []AzureBrokerSubscription]("Azure.Subscriptions.ListAll", "GET /api/resellers/{resellerId}/services/azure/Subscriptions")
)

// List returns the organization's Azure subscriptions.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/subscriptions
func (s *AzureSubscriptionsService) List(ctx context.Context, organizationID string, call ...CallOption) ([]AzureSubscription, *Response, error) {
	return opAzureSubscriptionsList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Suspend suspends an Azure subscription of the organization. Cloudmore's DELETE on an Azure
// subscription suspends it; it does not delete it.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/subscriptions/{subscriptionId}
func (s *AzureSubscriptionsService) Suspend(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*Response, error) {
	return opAzureSubscriptionsSuspend.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// ListAll returns the Azure subscriptions of every organization of the broker.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/azure/Subscriptions
func (s *AzureSubscriptionsService) ListAll(ctx context.Context, call ...CallOption) ([]AzureBrokerSubscription, *Response, error) {
	return opAzureSubscriptionsListAll.do(ctx, s.client, nil, nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Azure users and their role assignments

// AzureUser is an organization user for whom an Azure subscription can be added. Cloudmore
// does not document its fields: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationAzureUserViewModel
type AzureUser struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzureUser) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// AzureUserSubscription is one Azure subscription of a user with the role (Owner and/or
// Contributor) the user has in it. Cloudmore does not document its fields, nor how the role
// is encoded: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationAzureUserSubscriptionViewModel
type AzureUserSubscription struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzureUserSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// AssignAzureRoleRequest is the body that gives a user a role (Owner or Contributor) in an
// active Azure subscription. Cloudmore documents neither its fields nor the role's encoding.
// The path names the user but not the subscription, so the body does: the SDK types the
// subscription's id under a name it infers ("subscriptionId", the name of the Azure
// subscription in Suspend's path) and requires it. The role goes in Extra, under the name and
// encoding your environment's Swagger document gives.
//
// Cloudmore model: OrganizationAzureUserSubscriptionAddViewModel
type AssignAzureRoleRequest struct {
	// SubscriptionID is the id of the Azure subscription the role is in (required; JSON name
	// inferred).
	SubscriptionID string `json:"subscriptionId"`
	// Extra holds further members by their JSON names (the role among them). A key must not
	// repeat SubscriptionID.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes SubscriptionID and merges Extra.
func (r AssignAzureRoleRequest) MarshalJSON() ([]byte, error) {
	type plain AssignAzureRoleRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *AssignAzureRoleRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return checkAzureRole(r.SubscriptionID, r.Extra)
}

// checkAzureRole checks a role assignment's body: the subscription named, and Extra.
func checkAzureRole(subscriptionID string, extra map[string]any) error {
	var v validator
	v.required("subscriptionId", subscriptionID)
	v.extra(struct {
		SubscriptionID string `json:"subscriptionId"`
	}{subscriptionID}, extra)
	return v.err()
}

// UpdateAzureRoleRequest is the body that changes a user's role assignment in an active
// Azure subscription. Cloudmore does not document its fields. Its path names no subscription,
// so the body does: as AssignAzureRoleRequest, SubscriptionID is typed (name inferred) and
// required, and the role goes in Extra.
//
// Cloudmore model: OrganizationAzureUserRoleSubscriptionUpdateViewModel
type UpdateAzureRoleRequest struct {
	// SubscriptionID is the id of the Azure subscription whose assignment changes (required;
	// JSON name inferred).
	SubscriptionID string `json:"subscriptionId"`
	// Extra holds further members by their JSON names (the role among them). A key must not
	// repeat SubscriptionID.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes SubscriptionID and merges Extra.
func (r UpdateAzureRoleRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateAzureRoleRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateAzureRoleRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return checkAzureRole(r.SubscriptionID, r.Extra)
}

// The Azure user and role-assignment operations.
var (
	opAzureUsersList              = declare[none, none, []AzureUser]("Azure.Users.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users")
	opAzureUsersListSubscriptions = declare[none, none, []AzureUserSubscription]("Azure.Users.ListSubscriptions", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions")
	opAzureUsersAssignRole        = declare[none, *AssignAzureRoleRequest, *Created]("Azure.Users.AssignRole", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions")
	opAzureUsersUpdateRole        = declare[none, *UpdateAzureRoleRequest, none]("Azure.Users.UpdateRole", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions")
	opAzureUsersRemoveRole        = declare[none, none, none]("Azure.Users.RemoveRole", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions/{id}")
)

// List returns the organization's users for whom an Azure subscription can be added.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users
func (s *AzureUsersService) List(ctx context.Context, organizationID string, call ...CallOption) ([]AzureUser, *Response, error) {
	return opAzureUsersList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// ListSubscriptions returns the user's Azure subscriptions with the role the user has in
// each. The user id's format is not documented: any safe path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions
func (s *AzureUsersService) ListSubscriptions(ctx context.Context, organizationID, userID string, call ...CallOption) ([]AzureUserSubscription, *Response, error) {
	return opAzureUsersListSubscriptions.do(ctx, s.client, path(id(organizationID), seg(userID)), nil, nil, call)
}

// AssignRole gives the user a role (Owner or Contributor) in an active Azure subscription.
// Created.ID is the id the answer names, if any.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions
func (s *AzureUsersService) AssignRole(ctx context.Context, organizationID, userID string, req *AssignAzureRoleRequest, call ...CallOption) (*Created, *Response, error) {
	return opAzureUsersAssignRole.do(ctx, s.client, path(id(organizationID), seg(userID)), nil, req, call)
}

// UpdateRole changes the user's role assignment in an active Azure subscription. The path
// names no subscription: the body says which one.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions
func (s *AzureUsersService) UpdateRole(ctx context.Context, organizationID, userID string, req *UpdateAzureRoleRequest, call ...CallOption) (*Response, error) {
	return opAzureUsersUpdateRole.exec(ctx, s.client, path(id(organizationID), seg(userID)), nil, req, call)
}

// RemoveRole removes the Owner and/or Contributor role from the user in a subscription. What
// {id} names (the subscription or the assignment) is not documented; any safe path segment
// is accepted.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/azure/users/{userId}/subscriptions/{id}
func (s *AzureUsersService) RemoveRole(ctx context.Context, organizationID, userID, assignmentID string, call ...CallOption) (*Response, error) {
	return opAzureUsersRemoveRole.exec(ctx, s.client, path(id(organizationID), seg(userID), seg(assignmentID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// The Azure plan

// AzurePlanSubscription is the organization's Azure plan subscription (with its
// entitlements) or one entitlement of it. Cloudmore does not document its fields (a plan
// subscription carries a status, a friendly name and a purchase order number, per its
// knowledge base, under names no source shows): Raw holds the whole JSON object.
//
// Cloudmore model: unknown
type AzurePlanSubscription struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *AzurePlanSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateAzurePlanSubscriptionRequest is the body that creates the organization's Azure plan
// subscription and its first entitlement, without assigning it to a user. Cloudmore does not
// document its fields: Extra is sent as the JSON object and must name at least one member.
//
// Cloudmore model: OrganizationAzureSubscriptionCreateViewModel
type CreateAzurePlanSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r CreateAzurePlanSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateAzurePlanSubscriptionRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// CreateAzurePlanEntitlementRequest is the body that adds an entitlement to the
// organization's existing Azure plan, without assigning it to a user. Cloudmore sends the
// same model as the plan create and documents none of its fields: Extra is sent as the JSON
// object and must name at least one member.
//
// Cloudmore model: OrganizationAzureSubscriptionCreateViewModel
type CreateAzurePlanEntitlementRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r CreateAzurePlanEntitlementRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateAzurePlanEntitlementRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateAzurePlanSubscriptionRequest is the body that changes an Azure plan subscription or
// entitlement: its status, its name or its purchase order number (Cloudmore's knowledge
// base). The members' names are not documented: Extra is sent as the JSON object and must
// name at least one member.
//
// Cloudmore model: OrganizationAzurePlanSubscriptionUpdateViewModel
type UpdateAzurePlanSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r UpdateAzurePlanSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateAzurePlanSubscriptionRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The Azure plan operations.
var (
	opAzurePlanList              = declare[none, none, []AzurePlanSubscription]("Azure.Plan.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions")
	opAzurePlanCreate            = declare[none, *CreateAzurePlanSubscriptionRequest, *Created]("Azure.Plan.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions")
	opAzurePlanCreateEntitlement = declare[none, *CreateAzurePlanEntitlementRequest, *Created]("Azure.Plan.CreateEntitlement", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/CreateEntitlement")
	opAzurePlanGet               = declare[none, none, *AzurePlanSubscription]("Azure.Plan.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/{id}")
	opAzurePlanUpdate            = declare[none, *UpdateAzurePlanSubscriptionRequest, none]("Azure.Plan.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/{id}")
)

// List returns the organization's Azure plan subscription and its entitlements. Cloudmore's
// summary speaks of one subscription: an answer that is a single JSON object is returned as a
// list of one.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions
func (s *AzurePlanService) List(ctx context.Context, organizationID string, call ...CallOption) ([]AzurePlanSubscription, *Response, error) {
	var out flexList[AzurePlanSubscription]
	resp, err := opAzurePlanList.into(ctx, s.client, path(id(organizationID)), nil, nil, call, &out)
	if err != nil {
		return nil, resp, err
	}
	if out == nil {
		out = flexList[AzurePlanSubscription]{}
	}
	return out, resp, nil
}

// Create creates the organization's Azure plan subscription and its first entitlement,
// without assigning it to a user. Created.ID is the id the answer names, if any.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions
func (s *AzurePlanService) Create(ctx context.Context, organizationID string, req *CreateAzurePlanSubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	return opAzurePlanCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// CreateEntitlement adds an entitlement to the organization's Azure plan, without assigning
// it to a user. Created.ID is the id the answer names, if any.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/CreateEntitlement
func (s *AzurePlanService) CreateEntitlement(ctx context.Context, organizationID string, req *CreateAzurePlanEntitlementRequest, call ...CallOption) (*Created, *Response, error) {
	return opAzurePlanCreateEntitlement.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Get returns one Azure plan subscription of the organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/{id}
func (s *AzurePlanService) Get(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*AzurePlanSubscription, *Response, error) {
	return opAzurePlanGet.do(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// Update changes an Azure plan subscription or entitlement: its status, name or purchase
// order number (see UpdateAzurePlanSubscriptionRequest).
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/azureplan/subscriptions/{id}
func (s *AzurePlanService) Update(ctx context.Context, organizationID, subscriptionID string, req *UpdateAzurePlanSubscriptionRequest, call ...CallOption) (*Response, error) {
	return opAzurePlanUpdate.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, req, call)
}
