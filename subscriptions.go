package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
)

// SubscriptionsService manages the subscriptions of an organization's custom services (one
// product, optionally with addons, under a service), their history and the users assigned to
// them. Microsoft CSP and Azure subscriptions have their own calls.
type SubscriptionsService service

// Subscription is a custom-service subscription. The list's fields are from Cloudmore's guide;
// the single-subscription answer (Get) is not documented and is decoded into the same fields
// where the names match. Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationServiceSubscriptionViewModel
type Subscription struct {
	// ID is the subscription's id (a GUID).
	ID string `json:"id"`
	// Name is the subscription's friendly name.
	Name string `json:"name"`
	// ProductName is the name of the subscribed product.
	ProductName string `json:"productName"`
	// ItemCode is the item code of the subscribed product.
	ItemCode string `json:"itemCode"`
	// PONumber is the purchase-order number given with the subscription.
	PONumber string `json:"poNumber"`
	// Quantity is the number of licences.
	Quantity Decimal `json:"quantity"`
	// Period is the subscription (commitment) period in months.
	Period int `json:"period"`
	// BillingInterval is how often the subscription is billed, in months.
	BillingInterval int `json:"billingInterval"`
	// StartDate is when the subscription started.
	StartDate Time `json:"startDate"`
	// EndDate is when the subscription ends or renews.
	EndDate Time `json:"endDate"`
	// IsTrial is true while the subscription is in its trial period.
	IsTrial Bool `json:"isTrial"`
	// IsAutoRenew is true when the subscription renews automatically at EndDate.
	IsAutoRenew Bool `json:"isAutoRenew"`
	// IsCancelled is true when the subscription has been marked as cancelled; the list
	// includes cancelled subscriptions.
	IsCancelled Bool `json:"isCancelled"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// The subscription operations.
var (
	opSubscriptionsList                 = declare[none, none, []Subscription]("Subscriptions.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions")
	opSubscriptionsGet                  = declare[none, none, *Subscription]("Subscriptions.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}")
	opSubscriptionsCreate               = declare[none, *CreateSubscriptionRequest, *Created]("Subscriptions.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions")
	opSubscriptionsUpdate               = declare[none, *UpdateSubscriptionRequest, none]("Subscriptions.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}")
	opSubscriptionsCancel               = declare[none, none, none]("Subscriptions.Cancel", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}")
	opSubscriptionsGetHistory           = declare[none, none, *SubscriptionHistory]("Subscriptions.GetHistory", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/Subscriptions/history/{subscriptionId}")
	opSubscriptionsListUsers            = declare[none, none, []SubscriptionUser]("Subscriptions.ListUsers", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users")
	opSubscriptionsAssignUser           = declare[none, *AssignSubscriptionUserRequest, *Created]("Subscriptions.AssignUser", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users")
	opSubscriptionsUpdateExternalUserID = declare[none, *UpdateSubscriptionUsersRequest, none]("Subscriptions.UpdateExternalUserID", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users")
	opSubscriptionsRemoveUser           = declare[none, none, none]("Subscriptions.RemoveUser", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users/{userId}")
)

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (s *Subscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, s) }

// CreateSubscriptionRequest is the body of a subscription create (fields from Cloudmore's
// guide). Which fields are required is documented only for PONumber (optional); ProductID is
// checked as required. Addons and anything else go in Extra, merged into the JSON object
// (their shape is not documented; a key must not repeat a typed field that is set).
//
// Use ValidateFor, or SubscriptionsService.CreateForProduct, to also check the request against
// the product (its id and minimum quantity) before ordering.
//
// Cloudmore model: OrganizationServiceSubscriptionCreateViewModel
type CreateSubscriptionRequest struct {
	// Name is the subscription's friendly name.
	Name string `json:"name,omitempty"`
	// ProductID is the product to subscribe to (a GUID, from ServicesService.ListProducts).
	ProductID string `json:"productId"`
	// PONumber is an optional purchase-order number.
	PONumber string `json:"poNumber,omitempty"`
	// IsTrial starts the subscription with the product's trial period (Product.TrialPeriod).
	IsTrial bool `json:"isTrial"`
	// Quantity is the number of licences; not negative, and at least the product's
	// MinimumQuantity (checked by ValidateFor). Zero is not sent.
	Quantity int `json:"quantity,omitempty"`
	// Extra holds further body fields, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

type plainCreateSubscription CreateSubscriptionRequest

// MarshalJSON writes the body and merges Extra.
func (r CreateSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(plainCreateSubscription(r), r.Extra)
}

func (r *CreateSubscriptionRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	r.check(&v)
	return v.err()
}

func (r *CreateSubscriptionRequest) check(v *validator) {
	v.guid("productId", r.ProductID)
	if r.Quantity < 0 {
		v.fail("quantity", "must not be negative (got %d)", r.Quantity)
	}
	v.extra(plainCreateSubscription(*r), r.Extra)
}

// ValidateFor checks the request on its own (as Create does) and against the product it
// orders: ProductID must be the product's id, Quantity at least the product's MinimumQuantity,
// and IsTrial only for a product with a trial period. A portal can call it on a form before
// submitting. The error is a *ValidationError naming every failing field.
func (r *CreateSubscriptionRequest) ValidateFor(product *ServiceProduct) error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	r.check(&v)
	r.checkProduct(&v, product)
	return v.err()
}

// checkProduct adds the rules of ValidateFor that come from the product.
func (r *CreateSubscriptionRequest) checkProduct(v *validator, product *ServiceProduct) {
	if product == nil {
		v.fail("product", "required")
		return
	}
	if isGUID(r.ProductID) && !strings.EqualFold(r.ProductID, product.ProductID) {
		v.fail("productId", "%q is not the product's id %q", r.ProductID, product.ProductID)
	}
	if q := DecimalFromInt(int64(r.Quantity)); r.Quantity >= 0 && q.LessThan(product.MinimumQuantity) {
		v.fail("quantity", "%d is below the product's minimum quantity %s", r.Quantity, product.MinimumQuantity.Text())
	}
	if r.IsTrial && product.TrialPeriod == 0 {
		v.fail("isTrial", "product %q has no trial period", product.Name)
	}
}

// UpdateSubscriptionRequest is the body of a subscription update (PUT). Its model is not
// documented: the SDK types the members an update can change under the names the create body
// and the subscription's answer give them (name, poNumber, quantity from the guide's create
// body; isAutoRenew from its answer), each optional (zero or nil leaves it out), an inference
// to check against your environment's Swagger document. Further members go in Extra. The body
// must set at least one. If the organization has the approval process on, a change may become
// an approval request.
//
// Cloudmore model: OrganizationServiceSubscriptionUpdateViewModel
type UpdateSubscriptionRequest struct {
	// Name is the subscription's new friendly name (inferred).
	Name string `json:"name,omitempty"`
	// PONumber is the new purchase-order number (inferred).
	PONumber string `json:"poNumber,omitempty"`
	// Quantity is the new licence count (inferred); nil leaves it out.
	Quantity *int `json:"quantity,omitempty"`
	// IsAutoRenew turns automatic renewal on or off (inferred); nil leaves it out.
	IsAutoRenew *bool `json:"isAutoRenew,omitempty"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field
	// that is set.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields that are set and merges Extra.
func (r UpdateSubscriptionRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateSubscriptionRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateSubscriptionRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	if r.Quantity != nil && *r.Quantity < 1 {
		v.fail("quantity", "%d: at least 1 is needed", *r.Quantity)
	}
	type plain UpdateSubscriptionRequest
	v.add(brokerCheckBody(plain(*r), r.Extra))
	return v.err()
}

// List returns the subscriptions of one of the organization's custom services, cancelled ones
// included (see Subscription.IsCancelled).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions
func (s *SubscriptionsService) List(ctx context.Context, organizationID, serviceID string, call ...CallOption) ([]Subscription, *Response, error) {
	return opSubscriptionsList.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}

// Get returns one subscription (see Subscription for what is known of this answer).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}
func (s *SubscriptionsService) Get(ctx context.Context, organizationID, serviceID, subscriptionID string, call ...CallOption) (*Subscription, *Response, error) {
	return opSubscriptionsGet.do(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, nil, call)
}

// Create orders a subscription of a product of the organization's custom service. Cloudmore
// answers 201 Created; Created.ID is the new subscription's id when the answer names it. If
// the organization has the approval process on, the purchase may become an approval request
// for the broker instead (how the answer shows that is not documented). A create whose outcome
// is unknown is not repeated (see UnknownOutcomeError): list the subscriptions before trying
// again.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions
func (s *SubscriptionsService) Create(ctx context.Context, organizationID, serviceID string, req *CreateSubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	return opSubscriptionsCreate.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, req, call)
}

// CreateForProduct is Create for a product from ServicesService.ListProducts: the service is
// the product's, an empty req.ProductID is filled in from the product (req itself is not
// changed), and ValidateFor checks the request against the product before anything is sent,
// so a portal cannot order below the product's minimum quantity.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions
func (s *SubscriptionsService) CreateForProduct(ctx context.Context, organizationID string, product *ServiceProduct, req *CreateSubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	var v validator
	if req == nil {
		v.fail("body", "required")
	}
	if product == nil {
		v.fail("product", "required")
	}
	if !v.ok() {
		v.add(opServicesList.checkPath(s.client, path(id(organizationID)))) // the reseller and organization ids
		return nil, nil, v.err()
	}
	r := *req
	if r.ProductID == "" {
		r.ProductID = product.ProductID
	}
	r.checkProduct(&v, product)
	if product.OrganizationID != "" && isGUID(organizationID) && !strings.EqualFold(product.OrganizationID, organizationID) {
		v.fail("organizationId", "%q is not the product's organization %q", truncate(organizationID, 64), product.OrganizationID)
	}
	return opSubscriptionsCreate.doChecked(ctx, s.client, v.err(), path(id(organizationID), id(product.ServiceID)), nil, &r, call)
}

// Update changes a subscription (see UpdateSubscriptionRequest).
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}
func (s *SubscriptionsService) Update(ctx context.Context, organizationID, serviceID, subscriptionID string, req *UpdateSubscriptionRequest, call ...CallOption) (*Response, error) {
	return opSubscriptionsUpdate.exec(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, req, call)
}

// Cancel cancels a custom-service subscription. Cloudmore names this DELETE "Cancels custom
// service subscription", and its subscription list returns subscriptions "including
// cancelled" ones, with an isCancelled flag; what the answer to the DELETE contains is not
// documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}
func (s *SubscriptionsService) Cancel(ctx context.Context, organizationID, serviceID, subscriptionID string, call ...CallOption) (*Response, error) {
	return opSubscriptionsCancel.exec(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// History

// SubscriptionHistory is a subscription's history. The answer is not documented, not even
// whether it is a list: Raw is the whole body, and when it is a JSON array, Entries holds its
// elements.
//
// Cloudmore model: OrganizationSubscriptionHistoryViewModel
type SubscriptionHistory struct {
	// Entries are the elements when the answer is a JSON array, else nil.
	Entries []json.RawMessage `json:"-"`
	// Raw is the whole answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the body in Raw and splits an array into Entries.
func (h *SubscriptionHistory) UnmarshalJSON(b []byte) error {
	h.Entries = nil
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		return decodeKeepRaw(b, &h.Entries, &h.Raw)
	}
	return keepRaw(b, &h.Raw)
}

// GetHistory returns a subscription's history. Note Cloudmore's path: capital "Subscriptions"
// and "history" before the subscription id.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/Subscriptions/history/{subscriptionId}
func (s *SubscriptionsService) GetHistory(ctx context.Context, organizationID, serviceID, subscriptionID string, call ...CallOption) (*SubscriptionHistory, *Response, error) {
	return opSubscriptionsGetHistory.do(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Subscription users

// SubscriptionUser is a user assigned to a subscription. Its fields are not documented, so it
// has no typed fields: Raw is the whole JSON object.
//
// Cloudmore model: OrganizationServiceSubscriptionUserViewModel
type SubscriptionUser struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (u *SubscriptionUser) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, u) }

// AssignSubscriptionUserRequest is the body that assigns a user to a subscription. Its model
// is not documented. The user must exist and have a role (api-facts §8.3), and the assignment
// is removed by the user's id (RemoveUser's {userId}): so the body names the user by its id,
// which the SDK types as UserID under a name it infers ("userId") and requires. Further
// members go in Extra.
//
// Cloudmore model: OrganizationServiceSubscriptionUserCreateViewModel
type AssignSubscriptionUserRequest struct {
	// UserID is the id of the organization user to assign (required; JSON name inferred from
	// RemoveUser's path placeholder).
	UserID string `json:"userId"`
	// ExternalUserID is the assignment's external user id (optional; JSON name inferred from
	// the summary of UpdateExternalUserID, "Updates subscription external user id").
	ExternalUserID string `json:"externalUserId,omitempty"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields and merges Extra.
func (r AssignSubscriptionUserRequest) MarshalJSON() ([]byte, error) {
	type plain AssignSubscriptionUserRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *AssignSubscriptionUserRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.required("userId", r.UserID)
	type plain AssignSubscriptionUserRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// UpdateSubscriptionUsersRequest is the body that updates the external user id of a
// subscription's user assignment ("Updates subscription external user id", api-facts §8.3).
// Its model is not documented. The path names no user, so the body must say whose assignment
// it changes: the SDK types the user's id and the external user id under names it infers
// ("userId", as AssignSubscriptionUserRequest; "externalUserId", from the summary). UserID is
// required; ExternalUserID is always sent (empty clears it). Further members go in Extra.
//
// Cloudmore model: OrganizationServiceSubscriptionUserUpdateViewModel
type UpdateSubscriptionUsersRequest struct {
	// UserID is the id of the assigned user (required; JSON name inferred).
	UserID string `json:"userId"`
	// ExternalUserID is the new external user id (JSON name inferred).
	ExternalUserID string `json:"externalUserId"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields and merges Extra.
func (r UpdateSubscriptionUsersRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateSubscriptionUsersRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateSubscriptionUsersRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.required("userId", r.UserID)
	type plain UpdateSubscriptionUsersRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// ListUsers returns the organization users assigned to a subscription.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users
func (s *SubscriptionsService) ListUsers(ctx context.Context, organizationID, serviceID, subscriptionID string, call ...CallOption) ([]SubscriptionUser, *Response, error) {
	return opSubscriptionsListUsers.do(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, nil, call)
}

// AssignUser assigns an organization user to a subscription (see AssignSubscriptionUserRequest).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users
func (s *SubscriptionsService) AssignUser(ctx context.Context, organizationID, serviceID, subscriptionID string, req *AssignSubscriptionUserRequest, call ...CallOption) (*Created, *Response, error) {
	return opSubscriptionsAssignUser.do(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, req, call)
}

// UpdateExternalUserID updates the external user id of a subscription's user assignment (see
// UpdateSubscriptionUsersRequest).
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users
func (s *SubscriptionsService) UpdateExternalUserID(ctx context.Context, organizationID, serviceID, subscriptionID string, req *UpdateSubscriptionUsersRequest, call ...CallOption) (*Response, error) {
	return opSubscriptionsUpdateExternalUserID.exec(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID)), nil, req, call)
}

// RemoveUser removes a user from a subscription.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/subscriptions/{subscriptionId}/users/{userId}
func (s *SubscriptionsService) RemoveUser(ctx context.Context, organizationID, serviceID, subscriptionID, userID string, call ...CallOption) (*Response, error) {
	return opSubscriptionsRemoveUser.exec(ctx, s.client, path(id(organizationID), id(serviceID), id(subscriptionID), seg(userID)), nil, nil, call)
}
