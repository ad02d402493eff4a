package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
)

// SellerConsumptions is the answer to the seller's consumption read: the consumption
// subscriptions of its services. Cloudmore does not document its fields; Raw holds the whole
// answer.
//
// Cloudmore model: unknown
type SellerConsumptions struct {
	// Raw is the answer as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw.
func (m *SellerConsumptions) UnmarshalJSON(b []byte) error {
	return decodeKeepRaw(b, new(json.RawMessage), &m.Raw)
}

// SellerConsumptionFilter is the filter body of the consumption read. Cloudmore does not
// document its members: they go in Extra by their JSON names; nil or an empty filter sends {}.
//
// Cloudmore model: unknown
type SellerConsumptionFilter struct {
	// Extra holds the filter's members, sent as the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the body.
func (r SellerConsumptionFilter) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// SubmitSellerConsumptionsRequest submits metered usage of the seller's services. Cloudmore
// does not document its members (usage is reported per subscription before each billing date
// and billed in arrears): they go in Extra by their JSON names; an empty body is refused.
//
// Cloudmore model: unknown
type SubmitSellerConsumptionsRequest struct {
	// Extra holds the body's members, sent as the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the body.
func (r SubmitSellerConsumptionsRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *SubmitSellerConsumptionsRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// List reads the consumption subscriptions of the seller's services. Cloudmore makes this
// read a POST with a filter body; the SDK treats it as a POST all the same (not repeated
// once it was sent without an answer), since Cloudmore does not say that it has no effect.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services/consumptions
func (s *SellerConsumptionService) List(ctx context.Context, filter *SellerConsumptionFilter) (*SellerConsumptions, *Response, error) {
	p, err := s.client.sellerPath("services/consumptions")
	if err != nil {
		return nil, nil, err
	}
	if filter == nil {
		filter = &SellerConsumptionFilter{}
	} else if err := checkExtra(struct{}{}, filter.Extra); err != nil {
		return nil, nil, err
	}
	return sendOne[SellerConsumptions](ctx, s.client, http.MethodPost, p, nil, filter)
}

// Submit submits metered usage of the seller's services in one call.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/consumptions
func (s *SellerConsumptionService) Submit(ctx context.Context, req *SubmitSellerConsumptionsRequest) (*Response, error) {
	p, perr := s.client.sellerPath("services/consumptions")
	if err := joinInvalid(perr, req.validate()); err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodPut, p, nil, req)
}
