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
// (a date-time), serviceId and an optional productId, and Cloudmore's portal requires a
// quantity, a unit cost price and a unit sales price for every line [KB:manual-billing-lines].
// No source shows those three members' JSON names: the SDK types them under the billing
// report's names for the same amounts (quantity, resellerPricePerUnit, customerPricePerUnit),
// an inference to check against your environment's Swagger document, and requires them, so
// that a line is never sent without its quantity or prices.
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
// the organization's services. BillingDate, ServiceID, Quantity, ResellerPricePerUnit and
// CustomerPricePerUnit are required; amounts are Decimal values, so that they stay exact:
//
//	req := &cloudmore.CreateManualBillingLineRequest{
//		BillingDate:          cloudmore.NewTime(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
//		ServiceID:            serviceID,
//		Quantity:             cloudmore.Ptr(cloudmore.MustDecimal("2")),
//		ResellerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("40.00")),
//		CustomerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("55.50")),
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
	// Quantity is the number of units billed (required: a mandatory column of Cloudmore's
	// portal, api-facts §17.1 [KB:manual-billing-lines]). Its JSON name is inferred from the
	// billing report's "quantity": no source shows it.
	Quantity *Decimal `json:"quantity"`
	// ResellerPricePerUnit is the unit cost price, the broker's cost of one unit (required:
	// the portal's mandatory "unit cost price", api-facts §17.1). Its JSON name is inferred
	// from the billing report's "resellerPricePerUnit": no source shows it.
	ResellerPricePerUnit *Decimal `json:"resellerPricePerUnit"`
	// CustomerPricePerUnit is the unit sales price, what the organization pays for one unit
	// (required: the portal's mandatory "unit sales price", api-facts §17.1). Its JSON name is
	// inferred from the billing report's "customerPricePerUnit": no source shows it.
	CustomerPricePerUnit *Decimal `json:"customerPricePerUnit"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field.
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
	requireAmount(&v, "quantity", r.Quantity, "the number of units billed")
	requireAmount(&v, "resellerPricePerUnit", r.ResellerPricePerUnit, "the unit cost price")
	requireAmount(&v, "customerPricePerUnit", r.CustomerPricePerUnit, "the unit sales price")
	type plain CreateManualBillingLineRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// requireAmount fails field when the amount is not set: a quantity or price that is missing
// is refused, never sent as zero.
func requireAmount(v *validator, field string, d *Decimal, what string) {
	if d == nil {
		v.fail(field, "required: %s (a Decimal, zero when meant)", what)
	}
}

// UpdateManualBillingLineRequest is the body that updates a manual billing line. Cloudmore
// does not document its fields: the SDK types the create body's members, each optional (nil
// or empty leaves it out), and further members go in Extra. The body must set at least one.
//
// Cloudmore model: OrganizationManualBillingLineUpdateViewModel
type UpdateManualBillingLineRequest struct {
	// BillingDate is the new date of the billing run the line belongs to.
	BillingDate Time `json:"billingDate,omitzero"`
	// ServiceID is the id (a GUID) of the organization's service the line is for.
	ServiceID string `json:"serviceId,omitempty"`
	// ProductID is the id (a GUID) of the service's product the line is for.
	ProductID string `json:"productId,omitempty"`
	// Quantity is the number of units billed (the create body's name, inferred; see
	// CreateManualBillingLineRequest).
	Quantity *Decimal `json:"quantity,omitempty"`
	// ResellerPricePerUnit is the unit cost price (the create body's name, inferred).
	ResellerPricePerUnit *Decimal `json:"resellerPricePerUnit,omitempty"`
	// CustomerPricePerUnit is the unit sales price (the create body's name, inferred).
	CustomerPricePerUnit *Decimal `json:"customerPricePerUnit,omitempty"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field
	// that is set.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields that are set and merges Extra.
func (r UpdateManualBillingLineRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateManualBillingLineRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateManualBillingLineRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.optionalGUID("serviceId", r.ServiceID)
	v.optionalGUID("productId", r.ProductID)
	type plain UpdateManualBillingLineRequest
	v.add(brokerCheckBody(plain(*r), r.Extra))
	return v.err()
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
