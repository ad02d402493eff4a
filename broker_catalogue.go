package cloudmore

import (
	"context"
	"encoding/json"
)

// The broker's own catalogue: the custom services it sells itself (ResellerServicesApi), their
// products (ResellerServiceProductsApi) and add-ons (ResellerServiceProductAddonsApi), and
// metered consumption (ResellerServiceConsumptionsApi).
//
// Cloudmore documents none of these models: the Swagger document names them, and no source
// shows their fields. Each answer model types only the members an analogous documented answer
// carries (id and name everywhere; item code, cost and price for products and add-ons, by the
// names of the guide's product answers) and keeps the whole answer in Raw. Each request body
// types only the members a source shows for the same kind of body (see each type) and takes
// everything else in Extra, merged into the JSON object; an Extra key that repeats a typed
// field that is set is refused before any request. Verify the names against staging, or the
// Swagger document, before relying on them.

// ---------------------------------------------------------------------------------------------
// Services

// BrokerCustomService is one entry of the broker's own services.
//
// Cloudmore model: ResellerServiceViewModel
//
// ID and Name are decoded when Cloudmore uses those names (as its E-store answers do for the
// same services); Raw holds the whole JSON object.
type BrokerCustomService struct {
	// ID is the service's id (a GUID), the {id} and {serviceId} of the service paths.
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerCustomService) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// BrokerCustomServiceDetails is one of the broker's own services as GET …/services/{id}
// returns it.
//
// Cloudmore model: ResellerServiceDetailViewModel
//
// ID and Name are decoded when Cloudmore uses those names; Raw holds the whole JSON object.
type BrokerCustomServiceDetails struct {
	// ID is the service's id (a GUID).
	ID string `json:"id"`
	// Name is the service's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerCustomServiceDetails) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateBrokerServiceRequest is the body that creates one of the broker's own services.
//
// Cloudmore model: ResellerServiceCreateViewModel
//
// Name is the one typed member: the service examples of Cloudmore's developer portal (seller
// side) name a service by "name". Everything else (Cloudmore's seller-side create needs a
// category id from Platform.ListCategories, for instance) goes in Extra by its JSON name. A
// body with nothing set is refused before any request.
type CreateBrokerServiceRequest struct {
	// Name is the service's name.
	Name string `json:"name,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Name when set and merges Extra.
func (r CreateBrokerServiceRequest) MarshalJSON() ([]byte, error) {
	type plain CreateBrokerServiceRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateBrokerServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	type plain CreateBrokerServiceRequest
	return brokerCheckBody(plain(*r), r.Extra)
}

// UpdateBrokerServiceRequest is the body that updates one of the broker's own services.
//
// Cloudmore model: ResellerServiceUpdateViewModel
//
// As CreateBrokerServiceRequest: Name typed, the rest in Extra. Cloudmore's developer portal
// says a PUT replaces all properties, so send the current values (from Get's Raw) with your
// changes. An empty body is refused before any request, since it could blank the service.
type UpdateBrokerServiceRequest struct {
	// Name is the service's name.
	Name string `json:"name,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes Name when set and merges Extra.
func (r UpdateBrokerServiceRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateBrokerServiceRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateBrokerServiceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	type plain UpdateBrokerServiceRequest
	return brokerCheckBody(plain(*r), r.Extra)
}

// UpdateBrokerServiceCustomPropertiesRequest is the body that sets the broker's values of
// custom properties a seller defined on its service (the seller's service custom properties
// carry flags such as appliesToBrokers).
//
// Cloudmore model: ResellerServiceCustomPropertyDataUpdateViewModel
//
// No source shows its members, so all of them go in Extra by their JSON names; an empty Extra
// is refused before any request.
type UpdateBrokerServiceCustomPropertiesRequest struct {
	// Extra holds the body members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra.
func (r UpdateBrokerServiceCustomPropertiesRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateBrokerServiceCustomPropertiesRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// BrokerServiceSubscription is one subscription of one of the broker's own services, in any
// of the broker's organizations.
//
// Cloudmore model: ResellerServiceSubscriptionViewModel
//
// ID and Name are decoded when Cloudmore uses those names (as its subscription lists do);
// Raw holds the whole JSON object.
type BrokerServiceSubscription struct {
	// ID is the subscription's id.
	ID string `json:"id"`
	// Name is the subscription's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerServiceSubscription) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// The operations on the broker's own services.
var (
	opBrokerServicesList                   = declare[none, none, []BrokerCustomService]("Broker.Services.List", "GET /api/resellers/{resellerId}/services")
	opBrokerServicesCreate                 = declare[none, *CreateBrokerServiceRequest, *Created]("Broker.Services.Create", "POST /api/resellers/{resellerId}/services")
	opBrokerServicesGet                    = declare[none, none, *BrokerCustomServiceDetails]("Broker.Services.Get", "GET /api/resellers/{resellerId}/services/{id}")
	opBrokerServicesUpdate                 = declare[none, *UpdateBrokerServiceRequest, none]("Broker.Services.Update", "PUT /api/resellers/{resellerId}/services/{id}")
	opBrokerServicesDisable                = declare[none, none, none]("Broker.Services.Disable", "DELETE /api/resellers/{resellerId}/services/{id}")
	opBrokerServicesUpdateCustomProperties = declare[none, *UpdateBrokerServiceCustomPropertiesRequest, none]("Broker.Services.UpdateCustomProperties", "PATCH /api/resellers/{resellerId}/services/{serviceId}")
	opBrokerServicesListSubscriptions      = declare[none, none, []BrokerServiceSubscription]("Broker.Services.ListSubscriptions", "GET /api/resellers/{resellerId}/services/{serviceId}/subscriptions")
)

// List returns the broker's own services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services
func (s *BrokerServicesService) List(ctx context.Context, call ...CallOption) ([]BrokerCustomService, *Response, error) {
	return opBrokerServicesList.do(ctx, s.client, nil, nil, nil, call)
}

// Create creates a service of the broker's own. Created.ID is the new service's id when the
// answer names it (Location header or body). Cloudmore now advises creating services at
// seller level; the broker-level create still exists.
//
// Cloudmore API: POST /api/resellers/{resellerId}/services
func (s *BrokerServicesService) Create(ctx context.Context, req *CreateBrokerServiceRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerServicesCreate.do(ctx, s.client, nil, nil, req, call)
}

// Get returns one of the broker's own services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{id}
func (s *BrokerServicesService) Get(ctx context.Context, serviceID string, call ...CallOption) (*BrokerCustomServiceDetails, *Response, error) {
	return opBrokerServicesGet.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Update changes one of the broker's own services; see UpdateBrokerServiceRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/services/{id}
func (s *BrokerServicesService) Update(ctx context.Context, serviceID string, req *UpdateBrokerServiceRequest, call ...CallOption) (*Response, error) {
	return opBrokerServicesUpdate.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// Disable disables one of the broker's own services. Cloudmore's summary says it disables
// the service for the broker, not that it deletes it; what happens to the service's
// subscriptions is not documented.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/services/{id}
func (s *BrokerServicesService) Disable(ctx context.Context, serviceID string, call ...CallOption) (*Response, error) {
	return opBrokerServicesDisable.exec(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// UpdateCustomProperties sets the broker's values of the custom properties a seller defined
// on its service; see UpdateBrokerServiceCustomPropertiesRequest. PATCH is not retried once
// it was sent (an *UnknownOutcomeError says so).
//
// Cloudmore API: PATCH /api/resellers/{resellerId}/services/{serviceId}
func (s *BrokerServicesService) UpdateCustomProperties(ctx context.Context, serviceID string, req *UpdateBrokerServiceCustomPropertiesRequest, call ...CallOption) (*Response, error) {
	return opBrokerServicesUpdateCustomProperties.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// ListSubscriptions returns the subscriptions of one of the broker's services, across the
// broker's organizations.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/subscriptions
func (s *BrokerServicesService) ListSubscriptions(ctx context.Context, serviceID string, call ...CallOption) ([]BrokerServiceSubscription, *Response, error) {
	return opBrokerServicesListSubscriptions.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Products

// BrokerProduct is a product of one of the broker's own services, as the product list and GET
// …/products/{id} return it (no source names the list's model; both decode into this type).
//
// Cloudmore model: ResellerServiceProductDetailViewModel
//
// The typed fields are decoded when Cloudmore uses the names of its guide's product answers
// (an organization's view of a custom-service product: name, itemCode, cost, price) and "id";
// Raw holds the whole JSON object.
type BrokerProduct struct {
	// ID is the product's id (a GUID), the {id} and {productId} of the product paths and the
	// productId of a subscription order and a price-list update.
	ID string `json:"id"`
	// Name is the product's name.
	Name string `json:"name"`
	// ItemCode is the product's item code (its SKU).
	ItemCode string `json:"itemCode"`
	// Cost is the broker's cost price.
	Cost Decimal `json:"cost"`
	// Price is the sales price.
	Price Decimal `json:"price"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerProduct) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateBrokerProductRequest is the body that creates a product of one of the broker's own
// services.
//
// Cloudmore model: ResellerServiceProductCreateViewModel
//
// Cloudmore does not document this model. The typed members carry the names Cloudmore's API
// guide uses for the same product concepts in its product answers (name, description,
// itemCode, subscriptionPeriod, paymentFrequency, minimumQuantity, trialPeriod, cost, price),
// the best evidence there is; everything else (the product kind, such as metered; renewal and
// cancellation rules; custom properties) goes in Extra by its JSON name. Periods are in
// months. Money is exact: Cost and Price encode as JSON numbers with their scale. A body with
// nothing set is refused before any request.
type CreateBrokerProductRequest struct {
	// Name is the product's name.
	Name string `json:"name,omitempty"`
	// Description is a longer description for the end customer.
	Description string `json:"description,omitempty"`
	// ItemCode is the product's item code, a unique identifier (SKU).
	ItemCode string `json:"itemCode,omitempty"`
	// SubscriptionPeriod is the commitment length in months (1 is pay-as-you-go).
	SubscriptionPeriod *int `json:"subscriptionPeriod,omitempty"`
	// PaymentFrequency is how often the customer pays, in months (the billing interval).
	PaymentFrequency *int `json:"paymentFrequency,omitempty"`
	// MinimumQuantity is the smallest quantity a subscription may have.
	MinimumQuantity *int `json:"minimumQuantity,omitempty"`
	// TrialPeriod is the trial length in months (0: no trial).
	TrialPeriod *int `json:"trialPeriod,omitempty"`
	// Cost is the broker's cost price per unit.
	Cost *Decimal `json:"cost,omitempty"`
	// Price is the sales price per unit.
	Price *Decimal `json:"price,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members that are set and merges Extra.
func (r CreateBrokerProductRequest) MarshalJSON() ([]byte, error) {
	type plain CreateBrokerProductRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateBrokerProductRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	type plain CreateBrokerProductRequest
	return brokerCheckBody(plain(*r), r.Extra)
}

// UpdateBrokerProductRequest is the body that updates a product of one of the broker's own
// services.
//
// Cloudmore model: ResellerServiceProductUpdateViewModel
//
// Its members are those of CreateBrokerProductRequest (same evidence, same names), set the
// same way: &cloudmore.UpdateBrokerProductRequest{Price: cloudmore.Ptr(cloudmore.MustDecimal("12.50"))}.
// A PUT replaces all properties, per Cloudmore's developer portal: send the current values
// with your changes. An empty body is refused before any request.
type UpdateBrokerProductRequest CreateBrokerProductRequest

// MarshalJSON writes the members that are set and merges Extra.
func (r UpdateBrokerProductRequest) MarshalJSON() ([]byte, error) {
	return CreateBrokerProductRequest(r).MarshalJSON()
}

func (r *UpdateBrokerProductRequest) validate() error {
	return (*CreateBrokerProductRequest)(r).validate()
}

// The product operations.
var (
	opBrokerProductsList   = declare[none, none, []BrokerProduct]("Broker.Products.List", "GET /api/resellers/{resellerId}/services/{serviceId}/products")
	opBrokerProductsCreate = declare[none, *CreateBrokerProductRequest, *Created]("Broker.Products.Create", "POST /api/resellers/{resellerId}/services/{serviceId}/products")
	opBrokerProductsGet    = declare[none, none, *BrokerProduct]("Broker.Products.Get", "GET /api/resellers/{resellerId}/services/{serviceId}/products/{id}")
	opBrokerProductsUpdate = declare[none, *UpdateBrokerProductRequest, none]("Broker.Products.Update", "PUT /api/resellers/{resellerId}/services/{serviceId}/products/{id}")
	opBrokerProductsDelete = declare[none, none, none]("Broker.Products.Delete", "DELETE /api/resellers/{resellerId}/services/{serviceId}/products/{id}")
)

// List returns the products of one of the broker's own services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/products
func (s *BrokerProductsService) List(ctx context.Context, serviceID string, call ...CallOption) ([]BrokerProduct, *Response, error) {
	return opBrokerProductsList.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Create creates a product of one of the broker's own services. Created.ID is the new
// product's id when the answer names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/services/{serviceId}/products
func (s *BrokerProductsService) Create(ctx context.Context, serviceID string, req *CreateBrokerProductRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerProductsCreate.do(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// Get returns one product of one of the broker's own services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/products/{id}
func (s *BrokerProductsService) Get(ctx context.Context, serviceID, productID string, call ...CallOption) (*BrokerProduct, *Response, error) {
	return opBrokerProductsGet.do(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// Update changes a product of one of the broker's own services; see UpdateBrokerProductRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/services/{serviceId}/products/{id}
func (s *BrokerProductsService) Update(ctx context.Context, serviceID, productID string, req *UpdateBrokerProductRequest, call ...CallOption) (*Response, error) {
	return opBrokerProductsUpdate.exec(ctx, s.client, path(id(serviceID), id(productID)), nil, req, call)
}

// Delete deletes a product of one of the broker's own services. What Cloudmore does when
// subscriptions use the product is not documented (the fake refuses with 400).
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/services/{serviceId}/products/{id}
func (s *BrokerProductsService) Delete(ctx context.Context, serviceID, productID string, call ...CallOption) (*Response, error) {
	return opBrokerProductsDelete.exec(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Add-ons

// BrokerAddon is an add-on of a product of one of the broker's own services, as the add-on
// list and GET …/addons/{id} return it.
//
// Cloudmore model: unknown
//
// The typed fields are decoded when Cloudmore uses the names of the add-on create example of
// its developer portal (seller side: name, itemCode, price) and "id"; Raw holds the whole JSON
// object.
type BrokerAddon struct {
	// ID is the add-on's id, the {id} of the add-on paths.
	ID string `json:"id"`
	// Name is the add-on's name.
	Name string `json:"name"`
	// ItemCode is the add-on's item code.
	ItemCode string `json:"itemCode"`
	// Price is the add-on's sales price.
	Price Decimal `json:"price"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *BrokerAddon) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateBrokerAddonRequest is the body that creates an add-on of a product.
//
// Cloudmore model: ResellerServiceProductAddonCreateViewModel
//
// The typed members are those the add-on create example of Cloudmore's developer portal starts
// with (seller side; the stored copy is cut after them): name, itemCode, enableGrouping,
// groupName, price; and cost, by the product's name for it. An add-on follows its product's subscription and cancellation rules, per
// Cloudmore's guide. Everything else goes in Extra. A body with nothing set is refused before
// any request.
type CreateBrokerAddonRequest struct {
	// Name is the add-on's name.
	Name string `json:"name,omitempty"`
	// ItemCode is the add-on's item code.
	ItemCode string `json:"itemCode,omitempty"`
	// EnableGrouping groups the add-on under GroupName; nil sends nothing.
	EnableGrouping *bool `json:"enableGrouping,omitempty"`
	// GroupName is the group's name when EnableGrouping is true.
	GroupName string `json:"groupName,omitempty"`
	// Price is the add-on's sales price, exact.
	Price *Decimal `json:"price,omitempty"`
	// Cost is the add-on's cost to the broker, exact. The portal's example does not show it:
	// its name is inferred from the product's "cost" (the guide's product answers and
	// CreateBrokerProductRequest).
	Cost *Decimal `json:"cost,omitempty"`
	// Extra holds the other body members by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members that are set and merges Extra.
func (r CreateBrokerAddonRequest) MarshalJSON() ([]byte, error) {
	type plain CreateBrokerAddonRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateBrokerAddonRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	type plain CreateBrokerAddonRequest
	return brokerCheckBody(plain(*r), r.Extra)
}

// UpdateBrokerAddonRequest is the body that updates an add-on of a product.
//
// Cloudmore model: ResellerServiceProductAddonUpdateViewModel
//
// Its members are those of CreateBrokerAddonRequest (same evidence, same names). An empty body
// is refused before any request.
type UpdateBrokerAddonRequest CreateBrokerAddonRequest

// MarshalJSON writes the members that are set and merges Extra.
func (r UpdateBrokerAddonRequest) MarshalJSON() ([]byte, error) {
	return CreateBrokerAddonRequest(r).MarshalJSON()
}

func (r *UpdateBrokerAddonRequest) validate() error { return (*CreateBrokerAddonRequest)(r).validate() }

// The add-on operations.
var (
	opBrokerAddonsList   = declare[none, none, []BrokerAddon]("Broker.Addons.List", "GET /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons")
	opBrokerAddonsCreate = declare[none, *CreateBrokerAddonRequest, *Created]("Broker.Addons.Create", "POST /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons")
	opBrokerAddonsGet    = declare[none, none, *BrokerAddon]("Broker.Addons.Get", "GET /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}")
	opBrokerAddonsUpdate = declare[none, *UpdateBrokerAddonRequest, none]("Broker.Addons.Update", "PUT /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}")
	opBrokerAddonsDelete = declare[none, none, none]("Broker.Addons.Delete", "DELETE /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}")
)

// List returns the add-ons of a product of one of the broker's own services.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons
func (s *BrokerAddonsService) List(ctx context.Context, serviceID, productID string, call ...CallOption) ([]BrokerAddon, *Response, error) {
	return opBrokerAddonsList.do(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// Create creates an add-on of a product. Created.ID is the new add-on's id when the answer
// names it.
//
// Cloudmore API: POST /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons
func (s *BrokerAddonsService) Create(ctx context.Context, serviceID, productID string, req *CreateBrokerAddonRequest, call ...CallOption) (*Created, *Response, error) {
	return opBrokerAddonsCreate.do(ctx, s.client, path(id(serviceID), id(productID)), nil, req, call)
}

// Get returns one add-on of a product. The add-on id's format is not documented, so any
// single path segment is accepted.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *BrokerAddonsService) Get(ctx context.Context, serviceID, productID, addonID string, call ...CallOption) (*BrokerAddon, *Response, error) {
	return opBrokerAddonsGet.do(ctx, s.client, path(id(serviceID), id(productID), seg(addonID)), nil, nil, call)
}

// Update changes an add-on of a product; see UpdateBrokerAddonRequest.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *BrokerAddonsService) Update(ctx context.Context, serviceID, productID, addonID string, req *UpdateBrokerAddonRequest, call ...CallOption) (*Response, error) {
	return opBrokerAddonsUpdate.exec(ctx, s.client, path(id(serviceID), id(productID), seg(addonID)), nil, req, call)
}

// Delete deletes an add-on of a product.
//
// Cloudmore API: DELETE /api/resellers/{resellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *BrokerAddonsService) Delete(ctx context.Context, serviceID, productID, addonID string, call ...CallOption) (*Response, error) {
	return opBrokerAddonsDelete.exec(ctx, s.client, path(id(serviceID), id(productID), seg(addonID)), nil, nil, call)
}

// ---------------------------------------------------------------------------------------------
// Consumption

// BrokerConsumptionFilter is the filter body of the consumption read.
//
// Cloudmore model: ResellerServiceConsumptionsFilterViewModel
//
// No source shows its members, so all of them go in Extra by their JSON names (dates in Extra
// may be cloudmore.Date values). A nil filter, or one with an empty Extra, sends the empty
// object {}. The fake (cloudmoretest) applies no filter: it knows none of its members.
type BrokerConsumptionFilter struct {
	// Extra holds the filter members by their JSON names.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the members of Extra ({} when there are none).
func (r BrokerConsumptionFilter) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

// validate refuses a bad Extra (an empty key, a value JSON cannot encode). A nil filter is
// valid: it sends {}.
func (r *BrokerConsumptionFilter) validate() error {
	if r == nil {
		return nil
	}
	return checkExtra(struct{}{}, r.Extra)
}

// BrokerConsumptions is the answer of the consumption read: the broker's services with their
// consumption subscriptions. No source shows its shape (the Swagger model names suggest
// services, then subscriptions, then products and add-ons), so nothing is typed: Raw holds
// the whole answer as Cloudmore sent it, whatever its JSON shape.
//
// Cloudmore model: ResellerServiceConsumptionsViewModel
type BrokerConsumptions struct {
	// Raw is the whole answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw. The answer's top-level shape (an object or an
// array) is not documented, so any JSON value is accepted.
func (m *BrokerConsumptions) UnmarshalJSON(b []byte) error {
	return keepRaw(b, &m.Raw)
}

// SubmitBrokerConsumptionsRequest is the body that submits metered usage: for a metered product
// or add-on of a subscription, the quantity used in the billing period, which Cloudmore bills
// in arrears on the billing date.
//
// Cloudmore model: ResellerServiceConsumptionsCreateViewModel
//
// No source shows its members. Usage is reported per subscription, before each billing date,
// and billed in arrears (api-facts §13.9), and the Swagger's consumption models are named per
// subscription, product and add-on (ResellerServiceConsumptions{Subscription,Product,Addon}ViewModel,
// and SellerServiceConsumptions… on the seller side, api-facts §18.8): so the SDK types a
// record of that shape, under names it infers (the ids' usual names, and the billing report's
// quantity and billingDate), to check against your environment's Swagger document.
// SubscriptionID and Quantity are required, so that a record is never sent without the
// subscription it belongs to or its quantity. Quantities stay exact (Decimal, a JSON number with
// its scale, never through float64). Members the SDK does not type go in Extra.
type SubmitBrokerConsumptionsRequest struct {
	// SubscriptionID is the id (a GUID) of the subscription the usage is of (required; name
	// inferred).
	SubscriptionID string `json:"subscriptionId"`
	// ProductID is the id (a GUID) of the metered product used (name inferred; the fake takes
	// the subscription's product when neither it nor AddonID is set).
	ProductID string `json:"productId,omitempty"`
	// AddonID is the id of the metered add-on used, instead of a product (name inferred).
	AddonID string `json:"addonId,omitempty"`
	// Quantity is the quantity used in the billing period (required; name inferred from the
	// billing report's quantity).
	Quantity *Decimal `json:"quantity"`
	// BillingDate is the billing date the usage is billed on (optional; name inferred from the
	// billing report's billingDate; the fake takes its today when it is not set).
	BillingDate Date `json:"billingDate,omitzero"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field
	// that is set.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields and merges Extra.
func (r SubmitBrokerConsumptionsRequest) MarshalJSON() ([]byte, error) {
	type plain SubmitBrokerConsumptionsRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *SubmitBrokerConsumptionsRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.guid("subscriptionId", r.SubscriptionID)
	v.optionalGUID("productId", r.ProductID)
	requireAmount(&v, "quantity", r.Quantity, "the quantity used")
	type plain SubmitBrokerConsumptionsRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// The consumption operations. The read is a POST with a filter body that changes nothing
// ("Returns all reseller service consumption subscriptions"; api-facts §2.2 and §13.9: "a
// read done with POST + filter body"), so it is retried as a read. The submission is metered
// usage: a PUT that adds a record rather than replacing a resource, never sent twice.
var (
	opBrokerConsumptionList   = declare[none, *BrokerConsumptionFilter, *BrokerConsumptions]("Broker.Consumption.List", "POST /api/resellers/{resellerId}/services/consumptions").retrying(readOnlyPost)
	opBrokerConsumptionSubmit = declare[none, *SubmitBrokerConsumptionsRequest, none]("Broker.Consumption.Submit", "PUT /api/resellers/{resellerId}/services/consumptions").retrying(notOnceWritten)
)

// List reads the broker's consumption subscriptions, filtered by filter (nil: no filter, the
// body {}). Cloudmore does this read with a POST and a filter body.
//
// Retries: List is a read sent as a POST with a filter body (api-facts §13.9: "a read done
// with POST + filter body"), so its declaration's rule is read-only: it is retried like a GET,
// after a broken connection or a 408 or 5xx as well.
//
// Cloudmore API: POST /api/resellers/{resellerId}/services/consumptions
func (s *BrokerConsumptionService) List(ctx context.Context, filter *BrokerConsumptionFilter, call ...CallOption) (*BrokerConsumptions, *Response, error) {
	if filter == nil {
		filter = &BrokerConsumptionFilter{} // sent as {}
	}
	return opBrokerConsumptionList.do(ctx, s.client, nil, nil, filter, call)
}

// Submit submits metered usage; see SubmitBrokerConsumptionsRequest.
//
// Retries: metered usage is never sent twice. Whether Cloudmore replaces or adds up a record
// submitted twice is not documented, so although it is a PUT, Submit is not repeated once it
// reached the wire: a broken connection gives an *UnknownOutcomeError and a 408 or 5xx an
// *APIError, as for a POST (a 429 and a request that never left are retried as for any call).
// After such an error, read the consumption back (List) before submitting again. The seller
// side (Seller.Consumption.Submit) does the same.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/services/consumptions
func (s *BrokerConsumptionService) Submit(ctx context.Context, req *SubmitBrokerConsumptionsRequest, call ...CallOption) (*Response, error) {
	return opBrokerConsumptionSubmit.exec(ctx, s.client, nil, nil, req, call)
}

// brokerCheckBody refuses a body with no typed member set and an empty Extra (an empty create
// cannot be what Cloudmore expects, and an empty PUT could blank the resource), and an Extra
// key that repeats a typed member that is set.
func brokerCheckBody(typed any, extra map[string]any) error {
	var v validator
	b, err := json.Marshal(typed)
	if err != nil {
		return err
	}
	if string(b) == "{}" && len(extra) == 0 {
		v.fail("body", "empty: set at least one field or Extra member")
	}
	v.extra(typed, extra)
	return v.err()
}
