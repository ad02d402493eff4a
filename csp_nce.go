package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// CSPNCEService manages Microsoft new-commerce (NCE) products and subscriptions of
// organizations, including upgrades. Reach it as Client.CSP.NCE; its sibling
// Client.CSP.Subscriptions has the same verbs for legacy CSP subscriptions.
type CSPNCEService service

// CSPNCEProduct is a new-commerce (NCE) Microsoft product an organization can subscribe to.
// Cloudmore does not document its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSkuViewModel
type CSPNCEProduct struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (p *CSPNCEProduct) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, p) }

// CSPNCESubscription is a new-commerce (NCE) Microsoft subscription, of one organization or
// (ListAll) of the whole broker (model CspNceSubscriptionViewModel there). Only Segment is
// documented (Cloudmore added it on 3 June 2024); Raw holds the whole answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionViewModel
type CSPNCESubscription struct {
	// Segment is the Microsoft price segment of the subscription: commercial, education,
	// charity or government. Empty when Cloudmore does not send it (the broker-wide list is
	// not documented to carry it).
	Segment Segment `json:"segment"`
	// Raw is the JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes Segment and keeps the whole object in Raw.
func (sub *CSPNCESubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, sub) }

// CreateCSPNCESubscriptionRequest orders a new-commerce (NCE) subscription. Cloudmore does not
// document its fields (term duration, billing frequency, quantity and the like are not
// shown), so it has no typed fields: Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationCspNceSubscriptionCreateViewModel
type CreateCSPNCESubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r CreateCSPNCESubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateCSPNCESubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// UpdateCSPNCESubscriptionRequest updates a new-commerce (NCE) subscription. Cloudmore does not
// document its fields, so Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationCspNceSubscriptionEditViewModel
type UpdateCSPNCESubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpdateCSPNCESubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateCSPNCESubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// ListProducts returns the new-commerce (NCE) Microsoft products available to an
// organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/products
func (s *CSPNCEService) ListProducts(ctx context.Context, organizationID string) ([]CSPNCEProduct, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/products", id(organizationID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCEProduct](ctx, s.client, p, nil)
}

// List returns an organization's new-commerce (NCE) subscriptions.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) List(ctx context.Context, organizationID string) ([]CSPNCESubscription, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions", id(organizationID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCESubscription](ctx, s.client, p, nil)
}

// Get returns one new-commerce (NCE) subscription of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{id}
func (s *CSPNCEService) Get(ctx context.Context, organizationID, subscriptionID string) (*CSPNCESubscription, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/{id}",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return getOne[CSPNCESubscription](ctx, s.client, p, nil)
}

// Create orders a new-commerce (NCE) subscription for an organization. The body's fields are
// not documented: see CreateCSPNCESubscriptionRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) Create(ctx context.Context, organizationID string, req *CreateCSPNCESubscriptionRequest) (*Created, *Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/nce/subscriptions", id(organizationID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.create(ctx, p, req)
}

// Update updates a new-commerce (NCE) subscription. The body's fields are not documented: see
// UpdateCSPNCESubscriptionRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Update(ctx context.Context, organizationID, subscriptionID string, req *UpdateCSPNCESubscriptionRequest) (*Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodPut, p, nil, req)
}

// Delete deletes a new-commerce (NCE) subscription (unlike a legacy subscription, which
// Cloudmore suspends). Microsoft allows cancelling an NCE subscription only in a short window
// after purchase; how Cloudmore answers outside it is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Delete(ctx context.Context, organizationID, subscriptionID string) (*Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, err
	}
	return s.client.exec(ctx, http.MethodDelete, p, nil, nil)
}

// ListAll returns the new-commerce (NCE) subscriptions of all the broker's organizations.
// Filters and paging are not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/nce/subscriptions
func (s *CSPNCEService) ListAll(ctx context.Context) ([]CSPNCESubscription, *Response, error) {
	p, err := cspPath(s.client, nil, "services/csp/nce/subscriptions")
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCESubscription](ctx, s.client, p, nil)
}

// CSPNCEAlignmentDate is a date an organization's new-commerce subscriptions can be aligned
// (co-termed) to, with the subscription ids per term duration. Cloudmore does not document
// its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionsAlignmentDatesViewModel
type CSPNCEAlignmentDate struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (a *CSPNCEAlignmentDate) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, a) }

// ListAlignmentDates returns the dates an organization's new-commerce subscriptions can be
// aligned to, with the subscription ids per term duration.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates
func (s *CSPNCEService) ListAlignmentDates(ctx context.Context, organizationID string) ([]CSPNCEAlignmentDate, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates", id(organizationID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCEAlignmentDate](ctx, s.client, p, nil)
}

// ---------------------------------------------------------------------------------------
// NCE upgrades

// CSPNCEExistingSubscriptionEligibility is an existing subscription a new-commerce
// subscription can be upgraded into (upgrade targets are defined by Microsoft). Cloudmore does
// not document its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionExistingSubscriptionEligibilityViewModel
type CSPNCEExistingSubscriptionEligibility struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (e *CSPNCEExistingSubscriptionEligibility) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, e)
}

// CSPNCENewSubscriptionEligibility is a product a new-commerce subscription can be upgraded to
// as a new subscription (upgrade targets are defined by Microsoft). Cloudmore does not
// document its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionNewSubscriptionEligibilityViewModel
type CSPNCENewSubscriptionEligibility struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (e *CSPNCENewSubscriptionEligibility) UnmarshalJSON(b []byte) error {
	return unmarshalKeepRaw(b, e)
}

// ListExistingSubscriptionEligibilities returns the organization's existing subscriptions
// that the subscription can be upgraded into (see BeginUpgradeToExistingSubscription). The
// path keeps Cloudmore's own spelling, "Eligiblities".
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/existingSubscriptionEligiblities
func (s *CSPNCEService) ListExistingSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string) ([]CSPNCEExistingSubscriptionEligibility, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/existingSubscriptionEligiblities",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCEExistingSubscriptionEligibility](ctx, s.client, p, nil)
}

// ListNewSubscriptionEligibilities returns the products the subscription can be upgraded to
// as a new subscription (see BeginUpgradeToNewSubscription).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities
func (s *CSPNCEService) ListNewSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string) ([]CSPNCENewSubscriptionEligibility, *Response, error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return getList[CSPNCENewSubscriptionEligibility](ctx, s.client, p, nil)
}

// UpgradeCSPNCEToNewSubscriptionRequest upgrades a new-commerce subscription to a new
// subscription of an eligible product. Cloudmore does not document its fields, so Extra is
// sent as the JSON object.
//
// Cloudmore model: OrganizationCspNceSubscriptionUpgradeToNewSubscriptionViewModel
type UpgradeCSPNCEToNewSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpgradeCSPNCEToNewSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpgradeCSPNCEToNewSubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// UpgradeCSPNCEToExistingSubscriptionRequest upgrades a new-commerce subscription into an
// existing subscription. Cloudmore does not document its fields, so Extra is sent as the JSON
// object.
//
// Cloudmore model: OrganizationCspNceSubscriptionUpgradeToExistingSubscriptionViewModel
type UpgradeCSPNCEToExistingSubscriptionRequest struct {
	// Extra holds the body's members by their JSON names. At least one is required.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as a JSON object.
func (r UpgradeCSPNCEToExistingSubscriptionRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpgradeCSPNCEToExistingSubscriptionRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	return requireExtra(r.Extra)
}

// CSPNCEUpgradeStatus is the final upgrade (transition) status of a new-commerce
// subscription, the result of an upgrade's Poller. Cloudmore does not document its fields;
// Status is its "status" member and Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionTransitionStatusViewModel
type CSPNCEUpgradeStatus struct {
	// Status is the answer's "status" member, one of the Poller's finished values
	// (Successful, Succeeded, Completed, ...).
	Status string `json:"status"`
	// Raw is the JSON as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes Status and keeps the whole object in Raw.
func (u *CSPNCEUpgradeStatus) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, u) }

// nceUpgradeKind names an NCE upgrade in resume tokens and errors.
const nceUpgradeKind = "csp.nce.upgrade"

// BeginUpgradeToNewSubscription upgrades a new-commerce subscription to a new subscription of
// one of the products ListNewSubscriptionEligibilities returns, and returns a Poller that
// follows the upgrade status until it is finished. Upgrades cannot be undone and Microsoft's
// cancellation window does not apply to them; a full upgrade keeps the subscription id. Keep
// the Poller's ResumeToken to pick the upgrade up again with ResumeUpgrade.
//
// The POST is sent once (never retried blindly); its answer's body is not documented and is
// not read. How Cloudmore reports a running upgrade is not documented either: each poll is
// read as the Poller's doc describes, except that a finished answer must carry a "status"
// member that the Poller knows as finished; any other answer ends the wait with a
// *TaskFailedError quoting it rather than guess.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToNewSubscription
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) BeginUpgradeToNewSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeCSPNCEToNewSubscriptionRequest) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToNewSubscription",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return s.beginUpgrade(ctx, p, organizationID, subscriptionID, req)
}

// BeginUpgradeToExistingSubscription upgrades a new-commerce subscription into one of the
// existing subscriptions ListExistingSubscriptionEligibilities returns, and returns a Poller
// that follows the upgrade status until it is finished (see BeginUpgradeToNewSubscription for
// how it reads the answers). Upgrades cannot be undone. Keep the Poller's ResumeToken to pick
// the upgrade up again with ResumeUpgrade.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToExistingSubscription
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) BeginUpgradeToExistingSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeCSPNCEToExistingSubscriptionRequest) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	p, err := cspPath(s.client, req, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToExistingSubscription",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, nil, err
	}
	return s.beginUpgrade(ctx, p, organizationID, subscriptionID, req)
}

// ResumeUpgrade returns a Poller for an upgrade started earlier by either Begin method, from
// its ResumeToken. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) ResumeUpgrade(token string) (*Poller[CSPNCEUpgradeStatus], error) {
	ids, err := s.client.resumeIDs(token, nceUpgradeKind)
	if err != nil {
		return nil, err
	}
	return s.upgradePoller(ids["organizationId"], ids["subscriptionId"])
}

func (s *CSPNCEService) beginUpgrade(ctx context.Context, path, organizationID, subscriptionID string, body any) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	poller, err := s.upgradePoller(organizationID, subscriptionID) // checked before the POST
	if err != nil {
		return nil, nil, err
	}
	resp, err := s.client.exec(ctx, http.MethodPost, path, nil, body)
	if err != nil {
		return nil, resp, err
	}
	return poller, resp, nil
}

func (s *CSPNCEService) upgradePoller(organizationID, subscriptionID string) (*Poller[CSPNCEUpgradeStatus], error) {
	p, err := cspPath(s.client, nil, "organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus",
		id(organizationID), id(subscriptionID))
	if err != nil {
		return nil, err
	}
	ids := map[string]string{"organizationId": organizationID, "subscriptionId": subscriptionID}
	return newPoller(s.client, nceUpgradeKind, subscriptionID, ids, s.upgradeStep(p, subscriptionID)), nil
}

// upgradeStep is one poll of the upgrade status. Unlike a task's result, a finished answer
// without a status member says nothing about the upgrade, so it is a *TaskFailedError.
func (s *CSPNCEService) upgradeStep(path, subscriptionID string) pollStep[CSPNCEUpgradeStatus] {
	return func(ctx context.Context) (bool, *CSPNCEUpgradeStatus, *Response, error) {
		raw, resp, err := s.client.raw(ctx, http.MethodGet, path, nil, nil)
		if err != nil {
			return false, nil, resp, err
		}
		running, err := s.client.taskRunning(nceUpgradeKind, subscriptionID, resp.StatusCode, raw)
		if err != nil || running {
			return false, nil, resp, err
		}
		if st, _ := statusField(raw); taskState(st) != taskDone {
			return false, nil, resp, s.client.taskFailed(nceUpgradeKind, subscriptionID, resp.StatusCode, st, raw)
		}
		out := new(CSPNCEUpgradeStatus)
		if err := out.UnmarshalJSON(raw); err != nil {
			return false, nil, resp, fmt.Errorf("cloudmore: GET %s: decoding the upgrade status: %w", path, err)
		}
		return true, out, resp, nil
	}
}
