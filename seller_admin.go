package cloudmore

import (
	"context"
)

// SellerAdministrator is one of the seller's administrators. Cloudmore does not document the
// answer's fields: ID is read from "id" when sent, and Raw holds the whole answer.
//
// Cloudmore model: AdministratorViewModel
type SellerAdministrator struct {
	// ID is the administrator's id.
	ID string `json:"id"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerAdministrator) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// SellerAdministratorAddress is the address of a new seller administrator: the same Swagger
// model as the broker's (AdministratorAddressCreateViewModel), so the same type.
type SellerAdministratorAddress = BrokerAdministratorAddress

// CreateSellerAdministratorRequest creates a seller administrator: the same Swagger model as
// the broker's (AdministratorCreateViewModel), so the same type, whose fields are those of
// Cloudmore's own staging test creating a seller administrator (201 with a Location header).
type CreateSellerAdministratorRequest = CreateBrokerAdministratorRequest

// UpdateSellerAdministratorRequest updates a seller administrator. Cloudmore does not document
// the body (AdministratorUpdateViewModel), so its members go in Extra, by their JSON names
// (the create body's names are the likely ones); an empty body is refused, since a PUT could
// blank the administrator.
//
// Cloudmore model: AdministratorUpdateViewModel
type UpdateSellerAdministratorRequest struct {
	// Extra holds the body's members, sent as the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the body.
func (r UpdateSellerAdministratorRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateSellerAdministratorRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The operations of the seller's administrators, organization, billing report, custom
// properties and e-mail templates.
var (
	opSellerAdministratorsList                  = declare[none, none, []SellerAdministrator]("Seller.Administrators.List", "GET /api/sellers/{sellerId}/SellerAdministrators")
	opSellerAdministratorsGet                   = declare[none, none, *SellerAdministrator]("Seller.Administrators.Get", "GET /api/sellers/{sellerId}/SellerAdministrators/{id}")
	opSellerAdministratorsCreate                = declare[none, *CreateSellerAdministratorRequest, *Created]("Seller.Administrators.Create", "POST /api/sellers/{sellerId}/SellerAdministrators")
	opSellerAdministratorsUpdate                = declare[none, *UpdateSellerAdministratorRequest, none]("Seller.Administrators.Update", "PUT /api/sellers/{sellerId}/SellerAdministrators/{id}")
	opSellerAdministratorsDelete                = declare[none, none, none]("Seller.Administrators.Delete", "DELETE /api/sellers/{sellerId}/SellerAdministrators/{id}")
	opSellerOrganizationGet                     = declare[none, none, *SellerOrganization]("Seller.Organization.Get", "GET /api/sellers/{sellerId}/SellerOrganizations/{id}")
	opSellerBillingGetMonthlyBillingPerReseller = declare[*SellerBillingReportOptions, none, *SellerBillingReport]("Seller.Billing.GetMonthlyBillingPerReseller", "GET /api/sellers/{sellerId}/billing/MonthlyBillingPerReseller")
	opSellerCustomPropertiesList                = declare[none, none, []SellerCustomProperty]("Seller.CustomProperties.List", "GET /api/sellers/{sellerId}/settings/CustomProperties")
	opSellerEmailTemplatesList                  = declare[none, none, []SellerEmailTemplate]("Seller.EmailTemplates.List", "GET /api/sellers/{sellerId}/settings/EmailTemplates")
)

// List returns the seller's administrators.
//
// Cloudmore API: GET /api/sellers/{sellerId}/SellerAdministrators
func (s *SellerAdministratorsService) List(ctx context.Context, call ...CallOption) ([]SellerAdministrator, *Response, error) {
	return opSellerAdministratorsList.do(ctx, s.client, nil, nil, nil, call)
}

// Get returns one seller administrator.
//
// Cloudmore API: GET /api/sellers/{sellerId}/SellerAdministrators/{id}
func (s *SellerAdministratorsService) Get(ctx context.Context, administratorID string, call ...CallOption) (*SellerAdministrator, *Response, error) {
	return opSellerAdministratorsGet.do(ctx, s.client, path(seg(administratorID)), nil, nil, call)
}

// Create creates a seller administrator; Cloudmore answers 201 with its Location.
//
// Cloudmore API: POST /api/sellers/{sellerId}/SellerAdministrators
func (s *SellerAdministratorsService) Create(ctx context.Context, req *CreateSellerAdministratorRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerAdministratorsCreate.do(ctx, s.client, nil, nil, req, call)
}

// Update updates a seller administrator.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/SellerAdministrators/{id}
func (s *SellerAdministratorsService) Update(ctx context.Context, administratorID string, req *UpdateSellerAdministratorRequest, call ...CallOption) (*Response, error) {
	return opSellerAdministratorsUpdate.exec(ctx, s.client, path(seg(administratorID)), nil, req, call)
}

// Delete deletes a seller administrator.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/SellerAdministrators/{id}
func (s *SellerAdministratorsService) Delete(ctx context.Context, administratorID string, call ...CallOption) (*Response, error) {
	return opSellerAdministratorsDelete.exec(ctx, s.client, path(seg(administratorID)), nil, nil, call)
}

// SellerOrganization is the seller's organization details. Cloudmore does not document the
// fields; Raw holds the whole answer.
//
// Cloudmore model: unknown
type SellerOrganization struct {
	// ID is the organization's id, read from "id" when sent.
	ID string `json:"id"`
	// Name is the organization's name, read from "name" when sent.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerOrganization) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// Get returns the seller organization with id.
//
// Cloudmore API: GET /api/sellers/{sellerId}/SellerOrganizations/{id}
func (s *SellerOrganizationService) Get(ctx context.Context, organizationID string, call ...CallOption) (*SellerOrganization, *Response, error) {
	return opSellerOrganizationGet.do(ctx, s.client, path(seg(organizationID)), nil, nil, call)
}

// SellerBillingReport is the seller's monthly billing report per broker. Cloudmore names the
// model (MonthlyBillingPerResellerViewModel, with Mbpr* parts) but not its fields; Raw holds
// the whole answer.
//
// Cloudmore model: MonthlyBillingPerResellerViewModel
type SellerBillingReport struct {
	// Raw is the report as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw.
func (m *SellerBillingReport) UnmarshalJSON(b []byte) error {
	return keepRaw(b, &m.Raw)
}

// SellerBillingReportOptions are the query parameters of the seller's billing report.
// Cloudmore does not document them: pass them by name in Extra (for example the report
// period, as staging shows it).
type SellerBillingReportOptions struct {
	// Extra are query parameters sent as given.
	Extra ExtraParams `url:"extra,omitempty"`
}

// GetMonthlyBillingPerReseller returns the seller's monthly billing report per broker.
//
// Cloudmore API: GET /api/sellers/{sellerId}/billing/MonthlyBillingPerReseller
func (s *SellerBillingService) GetMonthlyBillingPerReseller(ctx context.Context, opts *SellerBillingReportOptions, call ...CallOption) (*SellerBillingReport, *Response, error) {
	return opSellerBillingGetMonthlyBillingPerReseller.do(ctx, s.client, nil, opts, nil, call)
}

// SellerCustomProperty is one custom property the seller defined for brokers. Cloudmore does
// not document the fields; ID, Name and Type are read under the names broker custom
// properties use, and Raw holds the whole object.
//
// Cloudmore model: unknown
type SellerCustomProperty struct {
	// ID is the property's id.
	ID string `json:"id"`
	// Name is the property's name.
	Name string `json:"name"`
	// Type is the kind of property.
	Type CustomPropertyType `json:"type"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerCustomProperty) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// List returns the custom properties the seller defined for brokers.
//
// Cloudmore API: GET /api/sellers/{sellerId}/settings/CustomProperties
func (s *SellerCustomPropertiesService) List(ctx context.Context, call ...CallOption) ([]SellerCustomProperty, *Response, error) {
	return opSellerCustomPropertiesList.do(ctx, s.client, nil, nil, nil, call)
}

// SellerEmailTemplate is one of the seller's e-mail templates. Cloudmore does not document the
// fields; Raw holds the whole object.
//
// Cloudmore model: unknown
type SellerEmailTemplate struct {
	// ID is the template's id, read from "id" when sent.
	ID string `json:"id"`
	// Name is the template's name, read from "name" when sent.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerEmailTemplate) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// List returns the seller's e-mail templates.
//
// Cloudmore API: GET /api/sellers/{sellerId}/settings/EmailTemplates
func (s *SellerEmailTemplatesService) List(ctx context.Context, call ...CallOption) ([]SellerEmailTemplate, *Response, error) {
	return opSellerEmailTemplatesList.do(ctx, s.client, nil, nil, nil, call)
}
