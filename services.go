package cloudmore

import (
	"context"
)

// EstoreService lists the services an organization can add: its E-store, filled by the
// broker's offering.
type EstoreService service

// ServicesService manages the services an organization has added from its E-store (custom
// services; Microsoft CSP and Azure have their own calls) and lists their products.
type ServicesService service

// ---------------------------------------------------------------------------------------------
// E-store

// EstoreItem is a service an organization can add from its E-store. When neither
// IsResellerCustomService nor IsSellerCustomService is set, Cloudmore itself provides the
// service (a pre-integrated one such as Microsoft CSP). Raw holds the whole object (whether
// Cloudmore sends more than the guide shows is not documented).
//
// Cloudmore model: EstoreViewModel
type EstoreItem struct {
	// ID is the service's id (a GUID): AddServiceRequest.ID when adding it.
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// IsResellerCustomService is true for a custom service the broker created.
	IsResellerCustomService Bool `json:"isResellerCustomService"`
	// IsSellerCustomService is true for a custom service from a seller on the Marketplace.
	IsSellerCustomService Bool `json:"isSellerCustomService"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (e *EstoreItem) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, e) }

// IsCloudmoreService reports whether Cloudmore provides the service (neither a broker's nor a
// seller's custom service).
func (e EstoreItem) IsCloudmoreService() bool {
	return !bool(e.IsResellerCustomService) && !bool(e.IsSellerCustomService)
}

// EstoreItemDetails is the E-store detail of one service. Its fields are not documented: ID
// and Name are decoded under those names; Raw holds the whole object.
//
// Cloudmore model: EstoreDetailViewModel
type EstoreItemDetails struct {
	// ID is the service's id (a GUID).
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (e *EstoreItemDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, e) }

// The e-store and organization service operations.
var (
	opEstoreList                     = declare[none, none, []EstoreItem]("Estore.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/Estore")
	opEstoreGet                      = declare[none, none, *EstoreItemDetails]("Estore.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/Estore/{serviceId}")
	opServicesList                   = declare[none, none, []Service]("Services.List", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services")
	opServicesGet                    = declare[none, none, *ServiceDetails]("Services.Get", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}")
	opServicesAdd                    = declare[none, *AddServiceRequest, *Created]("Services.Add", "POST /api/resellers/{resellerId}/organizations/{organizationId}/services")
	opServicesUpdate                 = declare[none, *UpdateServiceRequest, none]("Services.Update", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}")
	opServicesUpdateCustomProperties = declare[none, *UpdateServiceCustomPropertiesRequest, none]("Services.UpdateCustomProperties", "PATCH /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}")
	opServicesRemove                 = declare[none, none, none]("Services.Remove", "DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}")
	opServicesListProducts           = declare[none, none, []ServiceProduct]("Services.ListProducts", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/products")
)

// List returns the services the organization can add.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Estore
func (s *EstoreService) List(ctx context.Context, organizationID string, call ...CallOption) ([]EstoreItem, *Response, error) {
	return opEstoreList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns the details of a service the organization can add.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/Estore/{serviceId}
func (s *EstoreService) Get(ctx context.Context, organizationID, serviceID string, call ...CallOption) (*EstoreItemDetails, *Response, error) {
	return opEstoreGet.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Organization services

// Service is a service an organization has added. Cloudmore's guide shows the same four
// fields as the E-store list for this answer (possibly copied from there); Raw holds the
// whole object.
//
// Cloudmore model: OrganizationServiceViewModel
type Service struct {
	// ID is the service's id (a GUID), the {serviceId} of the service paths.
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// IsResellerCustomService is true for a custom service the broker created.
	IsResellerCustomService Bool `json:"isResellerCustomService"`
	// IsSellerCustomService is true for a custom service from a seller.
	IsSellerCustomService Bool `json:"isSellerCustomService"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (o *Service) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, o) }

// ServiceDetails is one service of an organization as ServicesService.Get returns it. Its
// fields are not documented: ID and Name are decoded under those names; Raw holds the whole
// object.
//
// Cloudmore model: OrganizationServiceDetailViewModel
type ServiceDetails struct {
	// ID is the service's id (a GUID).
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (o *ServiceDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, o) }

// AddServiceRequest adds a custom service from the organization's E-store.
//
// Cloudmore model: OrganizationServiceAddViewModel
type AddServiceRequest struct {
	// ID is the service's id from EstoreService.List (a GUID; required).
	ID string `json:"id"`
	// CurrencyCode is the ISO 4217 code (such as "SEK") of the organization's prices for this
	// service, normally the currency of the organization's country (required). It fixes the
	// currency of the organization's prices for the service.
	CurrencyCode string `json:"currencyCode"`
}

func (r *AddServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.guid("id", r.ID)
	if v.required("currencyCode", r.CurrencyCode) {
		v.currency("currencyCode", r.CurrencyCode)
	}
	return v.err()
}

// UpdateServiceRequest is the body of a service update (PUT). Its model is not documented,
// so it has no typed fields: Extra is sent as the JSON object.
//
// Cloudmore model: OrganizationServiceUpdateViewModel
type UpdateServiceRequest struct {
	// Extra is the JSON object to send.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object ({} when empty).
func (r UpdateServiceRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateServiceCustomPropertiesRequest is the body of the service PATCH that updates the
// service's custom-property data. Its model is not documented (Cloudmore's Python wrapper
// sends OrganizationServiceUpdateViewModel; CustomPropertyDataSetViewModel is the other
// candidate), so it has no typed fields: Extra is sent as the JSON object.
//
// Cloudmore model: CustomPropertyDataSetViewModel
type UpdateServiceCustomPropertiesRequest struct {
	// Extra is the JSON object to send.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Extra as the JSON object ({} when empty).
func (r UpdateServiceCustomPropertiesRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateServiceCustomPropertiesRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// List returns the services the organization has added.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services
func (s *ServicesService) List(ctx context.Context, organizationID string, call ...CallOption) ([]Service, *Response, error) {
	return opServicesList.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
}

// Get returns one service of the organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}
func (s *ServicesService) Get(ctx context.Context, organizationID, serviceID string, call ...CallOption) (*ServiceDetails, *Response, error) {
	return opServicesGet.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}

// Add adds a custom service from the organization's E-store, which enables it for the
// organization (and may create a tenant in the external system); subscriptions can be
// created after that. Cloudmore answers 201 Created; Created.ID is the id the answer names,
// if any (the service id itself is req.ID). Microsoft CSP and Azure are added with their own
// calls.
//
// Cloudmore API: POST /api/resellers/{resellerId}/organizations/{organizationId}/services
func (s *ServicesService) Add(ctx context.Context, organizationID string, req *AddServiceRequest, call ...CallOption) (*Created, *Response, error) {
	return opServicesAdd.do(ctx, s.client, path(id(organizationID)), nil, req, call)
}

// Update updates the service's data for the organization (a PUT; see UpdateServiceRequest).
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}
func (s *ServicesService) Update(ctx context.Context, organizationID, serviceID string, req *UpdateServiceRequest, call ...CallOption) (*Response, error) {
	return opServicesUpdate.exec(ctx, s.client, path(id(organizationID), id(serviceID)), nil, req, call)
}

// UpdateCustomProperties updates the service's custom-property data for the organization (a
// PATCH; see UpdateServiceCustomPropertiesRequest). A PATCH is not repeated when its outcome
// is unknown.
//
// Cloudmore API: PATCH /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}
func (s *ServicesService) UpdateCustomProperties(ctx context.Context, organizationID, serviceID string, req *UpdateServiceCustomPropertiesRequest, call ...CallOption) (*Response, error) {
	return opServicesUpdateCustomProperties.exec(ctx, s.client, path(id(organizationID), id(serviceID)), nil, req, call)
}

// Remove removes a custom service from the organization. What happens to its subscriptions
// is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}
func (s *ServicesService) Remove(ctx context.Context, organizationID, serviceID string, call ...CallOption) (*Response, error) {
	return opServicesRemove.exec(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Products

// ServiceProduct is a product (service plan) of an organization's service: what a
// subscription buys. It fixes the subscription's length, payment frequency and price. Raw
// holds the whole object (whether Cloudmore sends the product's addons here is not
// documented).
//
// Cloudmore model: OrganizationServiceProductViewModel
type ServiceProduct struct {
	// ResellerID is the broker's id.
	ResellerID string `json:"resellerId"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// ServiceID is the service's id.
	ServiceID string `json:"serviceId"`
	// ProductID is the product's id (a GUID): CreateSubscriptionRequest.ProductID.
	ProductID string `json:"productId"`
	// Name is the product's name.
	Name string `json:"name"`
	// Description is the product's description.
	Description string `json:"description"`
	// ItemCode is the product's item code.
	ItemCode string `json:"itemCode"`
	// SubscriptionPeriod is the commitment length in months (12 = one year).
	SubscriptionPeriod int `json:"subscriptionPeriod"`
	// PaymentFrequency is how often the subscription is billed, in months (1 = monthly).
	PaymentFrequency int `json:"paymentFrequency"`
	// MinimumQuantity is the least quantity each subscription of this product must have.
	MinimumQuantity Decimal `json:"minimumQuantity"`
	// TrialPeriod is the trial length in months; 0 means no trial.
	TrialPeriod int `json:"trialPeriod"`
	// Cost is the broker's cost price per unit, in CurrencyCode.
	Cost Decimal `json:"cost"`
	// Price is the sales price per unit for this organization (organizations can have their
	// own prices), in CurrencyCode.
	Price Decimal `json:"price"`
	// CurrencyCode is the ISO 4217 currency of Cost and Price, fixed when the service was
	// added to the organization.
	CurrencyCode string `json:"currencyCode"`
	// CustomProperties are the product's custom properties, if the product defines any.
	CustomProperties []ServiceProductCustomProperty `json:"customProperties"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (p *ServiceProduct) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, p) }

// ServiceProductCustomProperty is a custom property of a product: extra structured data kept
// with the product, or a value collected from the user and stored with the subscription.
//
// Cloudmore model: ServiceProductCustomProperty
type ServiceProductCustomProperty struct {
	// Type is the kind of property (textbox, dropdown or checkbox).
	Type CustomPropertyType `json:"type"`
	// ID is the property's id, a free string such as "CS0001" (not a GUID).
	ID string `json:"id"`
	// Name is the property's name.
	Name string `json:"name"`
	// Visible says whether the property is shown to users.
	Visible Bool `json:"visible"`
}

// ListProducts returns the products of one of the organization's services, with the
// organization's prices.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/products
func (s *ServicesService) ListProducts(ctx context.Context, organizationID, serviceID string, call ...CallOption) ([]ServiceProduct, *Response, error) {
	return opServicesListProducts.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}
