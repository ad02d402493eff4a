package cloudmore

import (
	"context"
)

// SellerServiceDetails is one of the seller's services (SellerService is already the name of
// Client.Seller). The members are those of the example answer
// on Cloudmore's developer portal ("Creating a Seller Service Product"); Raw holds the whole
// object as received.
//
// Cloudmore model: SellerServiceViewModel
type SellerServiceDetails struct {
	// ID is the service's id.
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// VendorName is the name of the service's provider.
	VendorName string `json:"vendorName"`
	// AllowMultipleUsers is the portal example's "allowMultipleUsers".
	AllowMultipleUsers bool `json:"allowMultipleUsers"`
	// CustomProperties are the custom properties the service defines.
	CustomProperties []SellerServiceCustomProperty `json:"customProperties"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (s *SellerServiceDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, s) }

// SellerServiceCustomProperty is one custom property of a seller service, with the members of
// the portal's example.
//
// Cloudmore model: unknown
type SellerServiceCustomProperty struct {
	// Type is the kind of property; the example sends "TextBox" (decoded in lower case).
	Type CustomPropertyType `json:"type"`
	// PropertyID is the property's id, such as "account_id".
	PropertyID string `json:"propertyId"`
	// Name is the property's display name.
	Name string `json:"name"`
	// DefaultValue is the value used when none is given.
	DefaultValue string `json:"defaultValue"`
	// Visible says whether the property is shown.
	Visible bool `json:"visible"`
	// Mandatory says whether a value is required.
	Mandatory bool `json:"mandatory"`
	// AllowedValues are the values a dropdown allows (the example sends [""] for a text box).
	AllowedValues []string `json:"allowedValues"`
	// AppliesToOrganizations says whether organizations give a value.
	AppliesToOrganizations bool `json:"appliesToOrganizations"`
	// AppliesToBrokers says whether brokers give a value.
	AppliesToBrokers bool `json:"appliesToBrokers"`
	// AppliesToSeller says whether the seller gives a value.
	AppliesToSeller bool `json:"appliesToSeller"`
}

// CreateSellerServiceRequest is the body that creates a seller service
// (SellerServiceCreateViewModel). Cloudmore documents only that a category id from
// Platform's categories is required, not its member name; Name and VendorName are typed with
// the names of the portal's example answer. Set the category and everything else in Extra.
// The SDK refuses an empty body.
//
// Cloudmore model: SellerServiceCreateViewModel
type CreateSellerServiceRequest struct {
	// Name is the service's name.
	Name string `json:"name,omitempty"`
	// VendorName is the name of the service's provider.
	VendorName string `json:"vendorName,omitempty"`
	// Extra holds the other members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed members and merges Extra.
func (r CreateSellerServiceRequest) MarshalJSON() ([]byte, error) {
	type plain CreateSellerServiceRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateSellerServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if r.Name == "" && r.VendorName == "" && len(r.Extra) == 0 {
		return invalid("body", "empty: set Name, VendorName or Extra")
	}
	type plain CreateSellerServiceRequest
	return checkExtra(plain(*r), r.Extra)
}

// UpdateSellerServiceRequest is the body that updates a seller service
// (SellerServiceUpdateViewModel), typed as CreateSellerServiceRequest. Whether a PUT keeps
// members it is not sent is not documented: send them all. The SDK refuses an empty body.
//
// Cloudmore model: SellerServiceUpdateViewModel
type UpdateSellerServiceRequest struct {
	// Name is the service's name.
	Name string `json:"name,omitempty"`
	// VendorName is the name of the service's provider.
	VendorName string `json:"vendorName,omitempty"`
	// Extra holds the other members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed members and merges Extra.
func (r UpdateSellerServiceRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateSellerServiceRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateSellerServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	if r.Name == "" && r.VendorName == "" && len(r.Extra) == 0 {
		return invalid("body", "empty: set Name, VendorName or Extra (an empty PUT could blank the service)")
	}
	type plain UpdateSellerServiceRequest
	return checkExtra(plain(*r), r.Extra)
}

// PublishSellerServiceRequest is the body of a publish (SellerServicePublishViewModel), whose
// members Cloudmore does not document: set them in Extra. A nil request, or one with an empty
// Extra, sends an empty JSON object.
//
// Cloudmore model: SellerServicePublishViewModel
type PublishSellerServiceRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r PublishSellerServiceRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// validate checks the Extra keys; a nil request is valid (Publish sends an empty object).
func (r *PublishSellerServiceRequest) validate() error {
	if r == nil {
		return nil
	}
	return checkExtra(struct{}{}, r.Extra)
}

// SellerServiceCustomProperties is a seller service's custom-property data. Cloudmore
// documents neither its shape (object or list) nor its members: Raw holds the answer as
// received.
//
// Cloudmore model: unknown
type SellerServiceCustomProperties struct {
	// Raw is the whole answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw, whatever its shape.
func (d *SellerServiceCustomProperties) UnmarshalJSON(b []byte) error {
	d.Raw = append(RawJSON(nil), b...)
	return nil
}

// SellerServiceReseller is a reseller (broker) that signed up for one of the seller's
// services. Cloudmore does not document its members: ID is decoded from "id" (the SDK's
// inference) and Raw holds the whole object.
//
// Cloudmore model: SellerServiceResellerViewModel
type SellerServiceReseller struct {
	// ID is the reseller's id.
	ID string `json:"id"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (r *SellerServiceReseller) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, r) }

// The operations of the seller's services.
var (
	opSellerServicesList                = declare[none, none, []SellerServiceDetails]("Seller.Services.List", "GET /api/sellers/{sellerId}/services")
	opSellerServicesCreate              = declare[none, *CreateSellerServiceRequest, *Created]("Seller.Services.Create", "POST /api/sellers/{sellerId}/services")
	opSellerServicesGet                 = declare[none, none, *SellerServiceDetails]("Seller.Services.Get", "GET /api/sellers/{sellerId}/services/{id}")
	opSellerServicesUpdate              = declare[none, *UpdateSellerServiceRequest, none]("Seller.Services.Update", "PUT /api/sellers/{sellerId}/services/{id}")
	opSellerServicesDisable             = declare[none, none, none]("Seller.Services.Disable", "DELETE /api/sellers/{sellerId}/services/{id}")
	opSellerServicesGetCustomProperties = declare[none, none, *SellerServiceCustomProperties]("Seller.Services.GetCustomProperties", "GET /api/sellers/{sellerId}/services/{id}/custom-properties-data")
	opSellerServicesListResellers       = declare[none, none, []SellerServiceReseller]("Seller.Services.ListResellers", "GET /api/sellers/{sellerId}/services/{serviceId}/resellers")
	opSellerServicesPublish             = declare[none, *PublishSellerServiceRequest, none]("Seller.Services.Publish", "PUT /api/sellers/{sellerId}/services/{id}/publish")
)

// List returns all of the seller's services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services
func (s *SellerServicesService) List(ctx context.Context, call ...CallOption) ([]SellerServiceDetails, *Response, error) {
	return opSellerServicesList.do(ctx, s.client, nil, nil, nil, call)
}

// Create creates a service for the seller. It is not in the marketplace until published.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services
func (s *SellerServicesService) Create(ctx context.Context, req *CreateSellerServiceRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerServicesCreate.do(ctx, s.client, nil, nil, req, call)
}

// Get returns one of the seller's services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{id}
func (s *SellerServicesService) Get(ctx context.Context, serviceID string, call ...CallOption) (*SellerServiceDetails, *Response, error) {
	return opSellerServicesGet.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Update updates one of the seller's services.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/{id}
func (s *SellerServicesService) Update(ctx context.Context, serviceID string, req *UpdateSellerServiceRequest, call ...CallOption) (*Response, error) {
	return opSellerServicesUpdate.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// Disable disables one of the seller's services: the Swagger summary of this DELETE is
// "Disables service for the seller", so the SDK calls it Disable, not Delete.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/services/{id}
func (s *SellerServicesService) Disable(ctx context.Context, serviceID string, call ...CallOption) (*Response, error) {
	return opSellerServicesDisable.exec(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// GetCustomProperties returns a service's custom-property data.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{id}/custom-properties-data
func (s *SellerServicesService) GetCustomProperties(ctx context.Context, serviceID string, call ...CallOption) (*SellerServiceCustomProperties, *Response, error) {
	return opSellerServicesGetCustomProperties.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// ListResellers returns the resellers that signed up for a service.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/resellers
func (s *SellerServicesService) ListResellers(ctx context.Context, serviceID string, call ...CallOption) ([]SellerServiceReseller, *Response, error) {
	return opSellerServicesListResellers.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Publish publishes a service to the marketplace. req may be nil (an empty JSON object is
// sent).
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/{id}/publish
func (s *SellerServicesService) Publish(ctx context.Context, serviceID string, req *PublishSellerServiceRequest, call ...CallOption) (*Response, error) {
	if req == nil {
		req = &PublishSellerServiceRequest{}
	}
	return opSellerServicesPublish.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}
