package cloudmore

import (
	"context"
)

// ExternalInvoicesService manages an organization's external invoices (ExternalInvoiceApi):
// invoices produced by a system outside Cloudmore and stored against the organization (the
// purpose is inferred from the name). Cloudmore documents no field of these models
// (api-facts §13.11): answers keep the whole JSON object in Raw and bodies are sent from
// their Extra map. The list takes a startDate and an endDate, both calendar dates.
type ExternalInvoicesService service

// The external invoice operations.
var (
	opExternalInvoicesList   = declare[*externalInvoiceQuery, none, []ExternalInvoice]("ExternalInvoices.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice")
	opExternalInvoicesGet    = declare[none, none, *ExternalInvoice]("ExternalInvoices.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}")
	opExternalInvoicesCreate = declare[none, *CreateExternalInvoiceRequest, *Created]("ExternalInvoices.Create", "POST /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice")
	opExternalInvoicesUpdate = declare[none, *UpdateExternalInvoiceRequest, none]("ExternalInvoices.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}")
	opExternalInvoicesDelete = declare[none, none, none]("ExternalInvoices.Delete", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}")
)

// ExternalInvoice is one external invoice of an organization. Cloudmore does not document
// its fields: Raw holds the whole JSON object.
//
// Cloudmore model: ExternalInvoiceViewModel
type ExternalInvoice struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *ExternalInvoice) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateExternalInvoiceRequest is the body that creates an external invoice. Cloudmore does
// not document its fields: Extra is sent as the JSON object and must name at least one
// member. Put amounts in as Decimal values, so that they stay exact.
//
// Cloudmore model: ExternalInvoiceCreateViewModel
type CreateExternalInvoiceRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r CreateExternalInvoiceRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateExternalInvoiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateExternalInvoiceRequest is the body that updates an external invoice. Cloudmore does
// not document its fields: Extra is sent as the JSON object and must name at least one member.
//
// Cloudmore model: ExternalInvoiceUpdateViewModel
type UpdateExternalInvoiceRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object.
func (r UpdateExternalInvoiceRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateExternalInvoiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// externalInvoiceQuery is the list's query: both dates are required (Cloudmore's Python
// wrapper passes them as required arguments).
type externalInvoiceQuery struct {
	StartDate Date `url:"startDate"`
	EndDate   Date `url:"endDate"`
}

// validate requires both dates.
func (q *externalInvoiceQuery) validate() error {
	var v validator
	checkQueryDate(&v, "startDate", q.StartDate)
	checkQueryDate(&v, "endDate", q.EndDate)
	return v.err()
}

// List returns the organization's external invoices between startDate and endDate, sent as
// calendar dates (startDate=2020-04-01). Both are required; which date of an invoice they
// select is not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice
func (s *ExternalInvoicesService) List(ctx context.Context, organizationID string, startDate, endDate Date, call ...CallOption) ([]ExternalInvoice, *Response, error) {
	return opExternalInvoicesList.do(ctx, s.client, path(id(organizationID)), &externalInvoiceQuery{StartDate: startDate, EndDate: endDate}, nil, call)
}

// checkQueryDate fails a required calendar date that is zero or cannot be written.
func checkQueryDate(v *validator, field string, d Date) {
	if d.IsZero() {
		v.fail(field, "required")
		return
	}
	if _, err := d.text(); err != nil {
		v.fail(field, "%v", err)
	}
}

// Get returns one external invoice of the organization. The invoice id's format is not
// documented: any safe path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}
func (s *ExternalInvoicesService) Get(ctx context.Context, organizationID, invoiceID string, call ...CallOption) (*ExternalInvoice, *Response, error) {
	return opExternalInvoicesGet.do(ctx, s.client, path(id(organizationID), seg(invoiceID)), nil, nil, call)
}

// Create creates an external invoice for the organization. Created.ID is the new invoice's
// id when the answer names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice
func (s *ExternalInvoicesService) Create(ctx context.Context, organizationID string, req *CreateExternalInvoiceRequest, call ...CallOption) (*Created, *Response, error) {
	return opExternalInvoicesCreate.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates an external invoice of the organization.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}
func (s *ExternalInvoicesService) Update(ctx context.Context, organizationID, invoiceID string, req *UpdateExternalInvoiceRequest, call ...CallOption) (*Response, error) {
	return opExternalInvoicesUpdate.exec(ctx, s.client, path(id(organizationID), seg(invoiceID)), nil, req, call)
}

// Delete deletes an external invoice of the organization.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice/{id}
func (s *ExternalInvoicesService) Delete(ctx context.Context, organizationID, invoiceID string, call ...CallOption) (*Response, error) {
	return opExternalInvoicesDelete.exec(ctx, s.client, path(id(organizationID), seg(invoiceID)), nil, nil, call)
}
