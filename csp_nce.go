package cloudmore

import (
	"context"
	"fmt"
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
	Raw RawJSON `json:"-"`
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
	Raw RawJSON `json:"-"`
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

// The new-commerce (NCE) operations. The two upgrade POSTs start an upgrade that their Poller
// follows with the status GET, declared once, as a step of the first of the methods that send
// it (BeginUpgradeToExistingSubscription's Poller and ResumeUpgrade's send it too).
var (
	opCSPNCEListProducts                          = declare[none, none, []CSPNCEProduct]("CSP.NCE.ListProducts", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/products")
	opCSPNCEList                                  = declare[none, none, []CSPNCESubscription]("CSP.NCE.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions")
	opCSPNCEGet                                   = declare[none, none, *CSPNCESubscription]("CSP.NCE.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{id}")
	opCSPNCECreate                                = declare[none, *CreateCSPNCESubscriptionRequest, *Created]("CSP.NCE.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions")
	opCSPNCEUpdate                                = declare[none, *UpdateCSPNCESubscriptionRequest, none]("CSP.NCE.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}")
	opCSPNCEDelete                                = declare[none, none, none]("CSP.NCE.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}")
	opCSPNCEListAll                               = declare[none, none, []CSPNCESubscription]("CSP.NCE.ListAll", "GET /api/resellers/{resellerId}/services/csp/nce/subscriptions")
	opCSPNCEListAlignmentDates                    = declare[none, none, []CSPNCEAlignmentDate]("CSP.NCE.ListAlignmentDates", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates")
	opCSPNCEListExistingSubscriptionEligibilities = declare[none, none, []CSPNCEExistingSubscriptionEligibility]("CSP.NCE.ListExistingSubscriptionEligibilities", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/existingSubscriptionEligiblities")
	opCSPNCEListNewSubscriptionEligibilities      = declare[none, none, []CSPNCENewSubscriptionEligibility]("CSP.NCE.ListNewSubscriptionEligibilities", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities")
	opCSPNCEUpgradeToNewSubscription              = declare[none, *UpgradeCSPNCEToNewSubscriptionRequest, none]("CSP.NCE.BeginUpgradeToNewSubscription", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToNewSubscription").startsTask()
	opCSPNCEUpgradeToExistingSubscription         = declare[none, *UpgradeCSPNCEToExistingSubscriptionRequest, none]("CSP.NCE.BeginUpgradeToExistingSubscription", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToExistingSubscription").startsTask()
	opCSPNCEUpgradeStatus                         = declare[none, none, *CSPNCEUpgradeStatus]("CSP.NCE.BeginUpgradeToNewSubscription: status", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus")
)

// ListProducts returns the new-commerce (NCE) Microsoft products available to an
// organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/products
func (s *CSPNCEService) ListProducts(ctx context.Context, organizationID string, call ...CallOption) ([]CSPNCEProduct, *Response, error) {
	return opCSPNCEListProducts.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// List returns an organization's new-commerce (NCE) subscriptions.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) List(ctx context.Context, organizationID string, call ...CallOption) ([]CSPNCESubscription, *Response, error) {
	return opCSPNCEList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one new-commerce (NCE) subscription of an organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{id}
func (s *CSPNCEService) Get(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*CSPNCESubscription, *Response, error) {
	return opCSPNCEGet.do(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// Create orders a new-commerce (NCE) subscription for an organization. The body's fields are
// not documented: see CreateCSPNCESubscriptionRequest.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions
func (s *CSPNCEService) Create(ctx context.Context, organizationID string, req *CreateCSPNCESubscriptionRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPNCECreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates a new-commerce (NCE) subscription. The body's fields are not documented: see
// UpdateCSPNCESubscriptionRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Update(ctx context.Context, organizationID, subscriptionID string, req *UpdateCSPNCESubscriptionRequest, call ...CallOption) (*Response, error) {
	return opCSPNCEUpdate.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, req, call)
}

// Delete deletes a new-commerce (NCE) subscription (unlike a legacy subscription, which
// Cloudmore suspends). Microsoft allows cancelling an NCE subscription only in a short window
// after purchase; how Cloudmore answers outside it is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}
func (s *CSPNCEService) Delete(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) (*Response, error) {
	return opCSPNCEDelete.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// ListAll returns the new-commerce (NCE) subscriptions of all the broker's organizations.
// Filters and paging are not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/nce/subscriptions
func (s *CSPNCEService) ListAll(ctx context.Context, call ...CallOption) ([]CSPNCESubscription, *Response, error) {
	return opCSPNCEListAll.do(ctx, s.client, nil, nil, nil, call)
}

// CSPNCEAlignmentDate is a date an organization's new-commerce subscriptions can be aligned
// (co-termed) to, with the subscription ids per term duration. Cloudmore does not document
// its fields; Raw holds the answer.
//
// Cloudmore model: OrganizationCspNceSubscriptionsAlignmentDatesViewModel
type CSPNCEAlignmentDate struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (a *CSPNCEAlignmentDate) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, a) }

// ListAlignmentDates returns the dates an organization's new-commerce subscriptions can be
// aligned to, with the subscription ids per term duration.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/alignmentdates
func (s *CSPNCEService) ListAlignmentDates(ctx context.Context, organizationID string, call ...CallOption) ([]CSPNCEAlignmentDate, *Response, error) {
	return opCSPNCEListAlignmentDates.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
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
	Raw RawJSON `json:"-"`
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
	Raw RawJSON `json:"-"`
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
func (s *CSPNCEService) ListExistingSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) ([]CSPNCEExistingSubscriptionEligibility, *Response, error) {
	return opCSPNCEListExistingSubscriptionEligibilities.do(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
}

// ListNewSubscriptionEligibilities returns the products the subscription can be upgraded to
// as a new subscription (see BeginUpgradeToNewSubscription).
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/newSubscriptionEligibilities
func (s *CSPNCEService) ListNewSubscriptionEligibilities(ctx context.Context, organizationID, subscriptionID string, call ...CallOption) ([]CSPNCENewSubscriptionEligibility, *Response, error) {
	return opCSPNCEListNewSubscriptionEligibilities.do(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, nil, call)
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
	Raw RawJSON `json:"-"`
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
func (s *CSPNCEService) BeginUpgradeToNewSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeCSPNCEToNewSubscriptionRequest, call ...CallOption) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	return beginUpgrade(ctx, s, opCSPNCEUpgradeToNewSubscription, organizationID, subscriptionID, req, call)
}

// BeginUpgradeToExistingSubscription upgrades a new-commerce subscription into one of the
// existing subscriptions ListExistingSubscriptionEligibilities returns, and returns a Poller
// that follows the upgrade status until it is finished (see BeginUpgradeToNewSubscription for
// how it reads the answers). Upgrades cannot be undone. Keep the Poller's ResumeToken to pick
// the upgrade up again with ResumeUpgrade. The Poller sends the upgrade-status GET that
// BeginUpgradeToNewSubscription's Poller sends (one operation, declared once, with that method).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeToExistingSubscription
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus
func (s *CSPNCEService) BeginUpgradeToExistingSubscription(ctx context.Context, organizationID, subscriptionID string, req *UpgradeCSPNCEToExistingSubscriptionRequest, call ...CallOption) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	return beginUpgrade(ctx, s, opCSPNCEUpgradeToExistingSubscription, organizationID, subscriptionID, req, call)
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
	organizationID, subscriptionID := ids["organizationId"], ids["subscriptionId"]
	if err := opCSPNCEUpgradeStatus.checkPath(s.client, path(id(organizationID), id(subscriptionID))); err != nil {
		return nil, err // checked now, so that a bad token fails before any poll
	}
	return s.upgradePoller(organizationID, subscriptionID), nil
}

// beginUpgrade sends one of the upgrade POSTs and returns the Poller of the upgrade status.
// The POST's path values are the status GET's ({organizationId}, {subscriptionId}, both
// GUIDs), so the POST's own check, which names the body's bad fields with them before
// anything is sent, also makes sure that the upgrade it starts can be polled.
func beginUpgrade[B any](ctx context.Context, s *CSPNCEService, start op[none, B, none], organizationID, subscriptionID string, req B, call []CallOption) (*Poller[CSPNCEUpgradeStatus], *Response, error) {
	resp, err := start.exec(ctx, s.client, path(id(organizationID), id(subscriptionID)), nil, req, call)
	if err != nil {
		return nil, resp, err
	}
	return s.upgradePoller(organizationID, subscriptionID), resp, nil
}

// upgradePoller is the Poller of an upgrade whose ids have been checked.
func (s *CSPNCEService) upgradePoller(organizationID, subscriptionID string) *Poller[CSPNCEUpgradeStatus] {
	ids := map[string]string{"organizationId": organizationID, "subscriptionId": subscriptionID}
	return newPoller(s.client, nceUpgradeKind, subscriptionID, ids, s.upgradeStep(organizationID, subscriptionID))
}

// upgradeStep is one poll of the upgrade status. Unlike a task's result, a finished answer
// without a status member says nothing about the upgrade, so it is a *TaskFailedError.
func (s *CSPNCEService) upgradeStep(organizationID, subscriptionID string) pollStep[CSPNCEUpgradeStatus] {
	args := path(id(organizationID), id(subscriptionID))
	return func(ctx context.Context) (bool, *CSPNCEUpgradeStatus, *Response, error) {
		raw, resp, err := opCSPNCEUpgradeStatus.raw(ctx, s.client, args, nil, nil, nil)
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
			return false, nil, resp, fmt.Errorf("cloudmore: %s %s: decoding the upgrade status: %w",
				opCSPNCEUpgradeStatus.method, opCSPNCEUpgradeStatus.template, err)
		}
		return true, out, resp, nil
	}
}
