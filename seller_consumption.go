package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// SellerConsumptions is the answer to the seller's consumption read: the consumption
// subscriptions of its services. Cloudmore does not document its fields; Raw holds the whole
// answer.
//
// Cloudmore model: unknown
type SellerConsumptions struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw.
func (m *SellerConsumptions) UnmarshalJSON(b []byte) error {
	return keepRaw(b, &m.Raw)
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

// validate checks the Extra keys; a nil filter is valid (List sends {}).
func (r *SellerConsumptionFilter) validate() error {
	if r == nil {
		return nil
	}
	return checkExtra(struct{}{}, r.Extra)
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

// The operations of the seller's consumption. Submit is metered usage: a PUT that adds rather
// than replaces, so it is never sent again once it reached the wire. The bulk submission's
// status GET is its own operation, sent by the Poller BeginBulkSubmit returns.
var (
	opSellerConsumptionList                  = declare[none, *SellerConsumptionFilter, *SellerConsumptions]("Seller.Consumption.List", "POST /api/sellers/{sellerId}/services/consumptions")
	opSellerConsumptionSubmit                = declare[none, *SubmitSellerConsumptionsRequest, none]("Seller.Consumption.Submit", "PUT /api/sellers/{sellerId}/services/consumptions").retrying(notOnceWritten)
	opSellerConsumptionBeginBulkSubmit       = declare[none, *SubmitSellerConsumptionsRequest, none]("Seller.Consumption.BeginBulkSubmit", "POST /api/sellers/{sellerId}/services/bulkconsumptions").startsTask()
	opSellerConsumptionBeginBulkSubmitStatus = declare[none, none, none]("Seller.Consumption.BeginBulkSubmit: status", "GET /api/sellers/{sellerId}/services/bulkconsumptions/{taskId}")
)

// List reads the consumption subscriptions of the seller's services. Cloudmore makes this
// read a POST with a filter body; the SDK treats it as a POST all the same (not repeated
// once it was sent without an answer), since Cloudmore does not say that it has no effect.
// A nil filter sends {}.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services/consumptions
func (s *SellerConsumptionService) List(ctx context.Context, filter *SellerConsumptionFilter, call ...CallOption) (*SellerConsumptions, *Response, error) {
	if filter == nil {
		filter = &SellerConsumptionFilter{}
	}
	return opSellerConsumptionList.do(ctx, s.client, nil, nil, filter, call)
}

// Submit submits metered usage of the seller's services in one call. Usage adds to what was
// submitted before, so the SDK never sends it again once it reached the wire (neither after a
// lost answer nor after a 5xx) unless the call says WithRepeatable: after an
// *UnknownOutcomeError, read the consumption back (List) before submitting again.
//
// Retries: metered usage is never sent twice. Whether Cloudmore replaces or adds up a record
// submitted twice is not documented, so although it is a PUT, Submit is not repeated once it
// reached the wire: a broken connection gives an *UnknownOutcomeError and a 408 or 5xx an
// *APIError, as for a POST (a 429 and a request that never left are retried as for any call).
// After such an error, read the consumption back (List) before submitting again. The broker
// side (Broker.Consumption.Submit) does the same.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/consumptions
func (s *SellerConsumptionService) Submit(ctx context.Context, req *SubmitSellerConsumptionsRequest, call ...CallOption) (*Response, error) {
	return opSellerConsumptionSubmit.exec(ctx, s.client, nil, nil, req, call)
}

// sellerBulkConsumptionKind names the bulk consumption task in resume tokens.
const sellerBulkConsumptionKind = "seller.bulkconsumptions"

// SellerBulkConsumptionStatus is how a bulk consumption submission ended. Cloudmore's
// developer portal says the status answer is 200 with a message Processing, Successful or
// Failed, and that the submission is all-or-nothing; the rest of the answer is not documented
// and Raw holds it.
//
// Cloudmore model: unknown
type SellerBulkConsumptionStatus struct {
	// Status is the message Cloudmore answered: "Successful" once the Poller is done.
	Status string `json:"-"`
	// Raw is the last status answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// bulkStatus reads the status message of a bulk consumption answer: a JSON string, or the
// "message" or "status" member of an object (which one Cloudmore uses is not documented).
func bulkStatus(body []byte) string {
	body = bytes.TrimSpace(body)
	var s string
	if json.Unmarshal(body, &s) == nil {
		return s
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return ""
	}
	for _, key := range []string{"message", "status"} {
		for k, v := range obj {
			if strings.EqualFold(k, key) && json.Unmarshal(v, &s) == nil {
				return s
			}
		}
	}
	return ""
}

// BeginBulkSubmit submits metered usage in bulk: Cloudmore answers 202 with a task id and
// processes the submission asynchronously, all or nothing. The Poller reads the task's status
// with the GET below until Cloudmore answers Successful (done) or Failed (a *TaskFailedError).
// The POST is never repeated by the SDK: after a lost answer (*UnknownOutcomeError) read the
// consumption back before submitting again. The call options apply to the POST only.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services/bulkconsumptions
// Cloudmore API: GET /api/sellers/{sellerId}/services/bulkconsumptions/{taskId}
func (s *SellerConsumptionService) BeginBulkSubmit(ctx context.Context, req *SubmitSellerConsumptionsRequest, call ...CallOption) (*Poller[SellerBulkConsumptionStatus], *Response, error) {
	taskID, resp, err := opSellerConsumptionBeginBulkSubmit.start(ctx, s.client, nil, nil, req, call, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.bulkPoller(taskID)
	if err != nil {
		return nil, resp, fmt.Errorf("cloudmore: %s %s started task %q, which cannot be polled: %w",
			opSellerConsumptionBeginBulkSubmit.method, opSellerConsumptionBeginBulkSubmit.template, truncate(taskID, 64), err)
	}
	return poller, resp, nil
}

// ResumeBulkSubmit returns a Poller for a bulk submission started earlier by BeginBulkSubmit,
// from its ResumeToken; a token made for another host or seller is refused. It makes no
// network call.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/bulkconsumptions/{taskId}
func (s *SellerConsumptionService) ResumeBulkSubmit(token string) (*Poller[SellerBulkConsumptionStatus], error) {
	ids, err := s.client.resumeSellerIDs(token, sellerBulkConsumptionKind)
	if err != nil {
		return nil, err
	}
	return s.bulkPoller(ids["taskId"])
}

// bulkPoller follows a bulk submission by its status GET; a task id that cannot be a path
// segment is refused now, before any poll.
func (s *SellerConsumptionService) bulkPoller(taskID string) (*Poller[SellerBulkConsumptionStatus], error) {
	status, args := opSellerConsumptionBeginBulkSubmitStatus, path(seg(taskID))
	c := s.client
	if err := status.checkPath(c, args); err != nil {
		return nil, err
	}
	step := func(ctx context.Context) (bool, *SellerBulkConsumptionStatus, *Response, error) {
		raw, resp, err := status.raw(ctx, c, args, nil, nil, nil)
		if err != nil {
			return false, nil, resp, err
		}
		st := bulkStatus(raw)
		switch taskState(st) {
		case taskRunningState:
			return false, nil, resp, nil
		case taskDone:
			return true, &SellerBulkConsumptionStatus{Status: st, Raw: append(RawJSON(nil), raw...)}, resp, nil
		}
		if resp.StatusCode == http.StatusAccepted && st == "" {
			return false, nil, resp, nil
		}
		return false, nil, resp, c.taskFailed(sellerBulkConsumptionKind, taskID, resp.StatusCode, st, raw)
	}
	return newSellerPoller(c, sellerBulkConsumptionKind, taskID, map[string]string{"taskId": taskID}, step), nil
}
