package cloudmore

import (
	"context"
)

// SellerSubscription is a subscription to one of the seller's services. Cloudmore does not
// document its members (SellerServiceSubscriptionViewModel, matched by name): ID is decoded
// from "id" (the SDK's inference, since the subscription is addressed by {subscriptionId}) and
// Raw holds the whole object as received.
//
// Cloudmore model: SellerServiceSubscriptionViewModel
type SellerSubscription struct {
	// ID is the subscription's id.
	ID string `json:"id"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (s *SellerSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, s) }

// SellerSubscriptionRemoveAction says what Remove does to a subscription (the query parameter
// "removeAction"): Cloudmore's wrapper sends "Delete" by default and describes the parameter as
// "either delete or cancel".
type SellerSubscriptionRemoveAction string

// Remove actions.
const (
	// SellerSubscriptionDelete deletes the subscription (the wrapper's default).
	SellerSubscriptionDelete SellerSubscriptionRemoveAction = "Delete"
	// SellerSubscriptionCancel cancels the subscription. The capitalisation follows "Delete".
	SellerSubscriptionCancel SellerSubscriptionRemoveAction = "Cancel"
)

// sellerSubscriptionRemoveQuery is the query of Remove.
type sellerSubscriptionRemoveQuery struct {
	RemoveAction SellerSubscriptionRemoveAction `url:"removeAction"`
}

// validate refuses an action other than SellerSubscriptionCancel or SellerSubscriptionDelete.
func (q *sellerSubscriptionRemoveQuery) validate() error {
	switch q.RemoveAction {
	case SellerSubscriptionDelete, SellerSubscriptionCancel:
		return nil
	case "":
		return invalid("removeAction", "required: SellerSubscriptionCancel or SellerSubscriptionDelete")
	}
	return invalid("removeAction", "%q is neither %q nor %q", truncate(string(q.RemoveAction), 32), SellerSubscriptionCancel, SellerSubscriptionDelete)
}

// SetSellerSubscriptionLicenseKeyRequest is the body that sets a subscription's licence key.
// The model list of Swagger v1.07.0 names no licence-key model, so its name is unknown;
// Cloudmore does not document its members, not even the name of the key's: set them in Extra by their JSON
// names. "licenseKey" is the obvious guess, not a documented name; the fake (cloudmoretest)
// stores whatever members it is sent.
//
//	req := &cloudmore.SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": key}}
//
// Cloudmore model: unknown
type SetSellerSubscriptionLicenseKeyRequest struct {
	// Extra holds the body's members by their JSON names (at least one).
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r SetSellerSubscriptionLicenseKeyRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *SetSellerSubscriptionLicenseKeyRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The operations of the subscriptions to the seller's services.
var (
	opSellerSubscriptionsList          = declare[none, none, []SellerSubscription]("Seller.Subscriptions.List", "GET /api/sellers/{sellerId}/subscriptions")
	opSellerSubscriptionsGet           = declare[none, none, *SellerSubscription]("Seller.Subscriptions.Get", "GET /api/sellers/{sellerId}/subscriptions/{subscriptionId}")
	opSellerSubscriptionsListByService = declare[none, none, []SellerSubscription]("Seller.Subscriptions.ListByService", "GET /api/sellers/{sellerId}/subscriptions/service/{serviceId}")
	opSellerSubscriptionsRemove        = declare[*sellerSubscriptionRemoveQuery, none, none]("Seller.Subscriptions.Remove", "DELETE /api/sellers/{sellerId}/subscriptions/{subscriptionId}")
	opSellerSubscriptionsSetLicenseKey = declare[none, *SetSellerSubscriptionLicenseKeyRequest, none]("Seller.Subscriptions.SetLicenseKey", "PUT /api/sellers/{sellerId}/subscriptions/SetLicenseKey/{subscriptionId}")
)

// List returns all subscriptions to the seller's services, cancelled ones included.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions
func (s *SellerSubscriptionsService) List(ctx context.Context, call ...CallOption) ([]SellerSubscription, *Response, error) {
	return opSellerSubscriptionsList.do(ctx, s.client, nil, nil, nil, call)
}

// Get returns one subscription.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions/{subscriptionId}
func (s *SellerSubscriptionsService) Get(ctx context.Context, subscriptionID string, call ...CallOption) (*SellerSubscription, *Response, error) {
	return opSellerSubscriptionsGet.do(ctx, s.client, path(id(subscriptionID)), nil, nil, call)
}

// ListByService returns the subscriptions to one of the seller's services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions/service/{serviceId}
func (s *SellerSubscriptionsService) ListByService(ctx context.Context, serviceID string, call ...CallOption) ([]SellerSubscription, *Response, error) {
	return opSellerSubscriptionsListByService.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Remove cancels or deletes a subscription, as action says (SellerSubscriptionCancel or
// SellerSubscriptionDelete; nothing else is sent).
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/subscriptions/{subscriptionId}
func (s *SellerSubscriptionsService) Remove(ctx context.Context, subscriptionID string, action SellerSubscriptionRemoveAction, call ...CallOption) (*Response, error) {
	return opSellerSubscriptionsRemove.exec(ctx, s.client, path(id(subscriptionID)), &sellerSubscriptionRemoveQuery{RemoveAction: action}, nil, call)
}

// SetLicenseKey sets a subscription's licence key; licence keys must be enabled for the
// service.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/subscriptions/SetLicenseKey/{subscriptionId}
func (s *SellerSubscriptionsService) SetLicenseKey(ctx context.Context, subscriptionID string, req *SetSellerSubscriptionLicenseKeyRequest, call ...CallOption) (*Response, error) {
	return opSellerSubscriptionsSetLicenseKey.exec(ctx, s.client, path(id(subscriptionID)), nil, req, call)
}
