package cloudmore

import (
	"context"
)

// ManualBillingService manages an organization's manual billing lines
// (OrganizationManualBillingLineApi): one-time charges or discounts that the broker adds to an
// organization's billing, attached to one of the organization's services (and optionally a
// product of it). They appear in the billing report for their billing date.
//
// What Cloudmore documents (api-facts §13.10, §17.1): the create body begins with billingDate
// (a date-time), serviceId and an optional productId, the fields CreateManualBillingLineRequest
// types. Cloudmore's portal also requires a quantity, a unit cost price and a unit sales price
// for every line, but no source shows those members' JSON names: send them in Extra, as
// Decimal values, under the names your Cloudmore environment's Swagger document gives. The
// SDK's fake (cloudmoretest) reads them as "quantity", "resellerPricePerUnit" and
// "customerPricePerUnit", the billing report's names for the same amounts.
type ManualBillingService service

// The manual billing line operations.
var (
	opManualBillingList   = declare[none, none, []ManualBillingLine]("ManualBilling.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling")
	opManualBillingGet    = declare[none, none, *ManualBillingLine]("ManualBilling.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{id}")
	opManualBillingCreate = declare[none, *CreateManualBillingLineRequest, *Created]("ManualBilling.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling")
	opManualBillingUpdate = declare[none, *UpdateManualBillingLineRequest, none]("ManualBilling.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{billingLineId}")
	opManualBillingDelete = declare[none, none, none]("ManualBilling.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{id}")
)

// ManualBillingLine is one manual billing line of an organization. Cloudmore does not
// document this answer: Raw holds the whole JSON object.
//
// Cloudmore model: OrganizationManualBillingLineViewModel
type ManualBillingLine struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *ManualBillingLine) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateManualBillingLineRequest is the body that creates a manual billing line for one of
// the organization's services. BillingDate and ServiceID are required. The quantity and the
// unit prices go in Extra (their names are not documented; see ManualBillingService), with
// Decimal values so that amounts stay exact:
//
//	req := &cloudmore.CreateManualBillingLineRequest{
//		BillingDate: cloudmore.NewTime(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
//		ServiceID:   serviceID,
//		Extra: map[string]any{
//			"quantity":             cloudmore.MustDecimal("2"),
//			"resellerPricePerUnit": cloudmore.MustDecimal("40.00"),
//			"customerPricePerUnit": cloudmore.MustDecimal("55.50"),
//		},
//	}
//
// Cloudmore model: OrganizationManualBillingLineCreateViewModel
type CreateManualBillingLineRequest struct {
	// BillingDate is the date of the billing run the line belongs to (required).
	BillingDate Time `json:"billingDate"`
	// ServiceID is the id (a GUID) of the organization's service the line is for (required).
	ServiceID string `json:"serviceId"`
	// ProductID is the id (a GUID) of the service's product the line is for (optional).
	ProductID string `json:"productId,omitempty"`
	// Extra holds further members by their JSON names (the quantity and prices among them).
	// A key must not repeat a typed field that is set.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields and merges Extra.
func (r CreateManualBillingLineRequest) MarshalJSON() ([]byte, error) {
	type plain CreateManualBillingLineRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateManualBillingLineRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	if r.BillingDate.IsZero() {
		v.fail("billingDate", "required")
	}
	v.guid("serviceId", r.ServiceID)
	v.optionalGUID("productId", r.ProductID)
	type plain CreateManualBillingLineRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// UpdateManualBillingLineRequest is the body that updates a manual billing line. Cloudmore
// does not document its fields (the create body's names are a likely start, to verify):
// Extra is sent as the JSON object and must name at least one member.
//
// Cloudmore model: OrganizationManualBillingLineUpdateViewModel
type UpdateManualBillingLineRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r UpdateManualBillingLineRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateManualBillingLineRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// List returns the organization's manual billing lines, for all its services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling
func (s *ManualBillingService) List(ctx context.Context, organizationID string, call ...CallOption) ([]ManualBillingLine, *Response, error) {
	return opManualBillingList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one manual billing line of the organization. The line id's format is not
// documented: any safe path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{id}
func (s *ManualBillingService) Get(ctx context.Context, organizationID, lineID string, call ...CallOption) (*ManualBillingLine, *Response, error) {
	return opManualBillingGet.do(ctx, s.client, path(id(organizationID), seg(lineID)), nil, nil, call)
}

// Create creates a manual billing line for one of the organization's services. Created.ID is
// the new line's id when the answer names it. Like every POST, a create whose request was
// sent but got no answer is not retried: the error is ErrOutcomeUnknown, and the line may
// exist (list the lines before sending it again).
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling
func (s *ManualBillingService) Create(ctx context.Context, organizationID string, req *CreateManualBillingLineRequest, call ...CallOption) (*Created, *Response, error) {
	return opManualBillingCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates a manual billing line of the organization.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{billingLineId}
func (s *ManualBillingService) Update(ctx context.Context, organizationID, lineID string, req *UpdateManualBillingLineRequest, call ...CallOption) (*Response, error) {
	return opManualBillingUpdate.exec(ctx, s.client, path(id(organizationID), seg(lineID)), nil, req, call)
}

// Delete deletes a manual billing line of the organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling/{id}
func (s *ManualBillingService) Delete(ctx context.Context, organizationID, lineID string, call ...CallOption) (*Response, error) {
	return opManualBillingDelete.exec(ctx, s.client, path(id(organizationID), seg(lineID)), nil, nil, call)
}
