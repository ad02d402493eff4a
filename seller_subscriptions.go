package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
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
	Raw json.RawMessage `json:"-"`
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

// List returns all subscriptions to the seller's services, cancelled ones included.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions
func (s *SellerSubscriptionsService) List(ctx context.Context) ([]SellerSubscription, *Response, error) {
	return listAt[SellerSubscription](ctx, s.client, s.client.seller("subscriptions"), nil)
}

// Get returns one subscription.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions/{subscriptionId}
func (s *SellerSubscriptionsService) Get(ctx context.Context, subscriptionID string) (*SellerSubscription, *Response, error) {
	return getAt[SellerSubscription](ctx, s.client, s.client.seller("subscriptions/{subscriptionId}", id(subscriptionID)), nil)
}

// ListByService returns the subscriptions to one of the seller's services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/subscriptions/service/{serviceId}
func (s *SellerSubscriptionsService) ListByService(ctx context.Context, serviceID string) ([]SellerSubscription, *Response, error) {
	return listAt[SellerSubscription](ctx, s.client, s.client.seller("subscriptions/service/{serviceId}", id(serviceID)), nil)
}

// Remove cancels or deletes a subscription, as action says (SellerSubscriptionCancel or
// SellerSubscriptionDelete; nothing else is sent).
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/subscriptions/{subscriptionId}
func (s *SellerSubscriptionsService) Remove(ctx context.Context, subscriptionID string, action SellerSubscriptionRemoveAction) (*Response, error) {
	var v validator
	p, err := s.client.sellerPath("subscriptions/{subscriptionId}", id(subscriptionID))
	v.add(err)
	switch action {
	case SellerSubscriptionDelete, SellerSubscriptionCancel:
	case "":
		v.fail("removeAction", "required: SellerSubscriptionCancel or SellerSubscriptionDelete")
	default:
		v.fail("removeAction", "%q is neither %q nor %q", truncate(string(action), 32), SellerSubscriptionCancel, SellerSubscriptionDelete)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodDelete, p, &sellerSubscriptionRemoveQuery{RemoveAction: action}, nil)
}

// SetLicenseKey sets a subscription's licence key; licence keys must be enabled for the
// service.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/subscriptions/SetLicenseKey/{subscriptionId}
func (s *SellerSubscriptionsService) SetLicenseKey(ctx context.Context, subscriptionID string, req *SetSellerSubscriptionLicenseKeyRequest) (*Response, error) {
	var v validator
	p, err := s.client.sellerPath("subscriptions/SetLicenseKey/{subscriptionId}", id(subscriptionID))
	v.add(err)
	v.add(req.validate())
	if err := v.err(); err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodPut, p, nil, req)
}
