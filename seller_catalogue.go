package cloudmore

import (
	"context"
)

// The seller's catalogue below its services: products, their add-ons and the price list, and
// the manual billing lines a seller adds for a broker.

// SellerProduct is a product of one of the seller's services, as the product list and get
// answer it. Cloudmore's developer portal shows a product list entry as
// {"id", "name", "description", "itemCode"} (api-facts §18.5: all four strings; the id a
// GUID); whether a product has more members is not shown, so Raw holds the whole answer. The
// model's name is the one Cloudmore's generated client lists for a seller product
// (SellerServiceProductViewModel, api-facts §18.8), matched by name only.
//
// Cloudmore model: SellerServiceProductViewModel
type SellerProduct struct {
	// ID is the product's id (a GUID).
	ID string `json:"id"`
	// Name is the product's name.
	Name string `json:"name"`
	// Description describes the product to the customer.
	Description string `json:"description"`
	// ItemCode is the product's item code (SKU), such as "payg".
	ItemCode string `json:"itemCode"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerProduct) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateSellerProductRequest creates a product of a seller service. Cloudmore does not
// document the body (its products have an item code, prices, a subscription period and
// payment frequency, trial and renewal rules, but their JSON names are not published), so its
// members go in Extra by their JSON names; an empty body is refused. The model's name is the
// one Cloudmore's generated client lists (api-facts §18.8), matched by name only.
//
// Cloudmore model: SellerServiceProductCreateViewModel
type CreateSellerProductRequest struct {
	// Extra holds the body's members, sent as the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the body.
func (r CreateSellerProductRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *CreateSellerProductRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateSellerProductRequest updates a product of a seller service: the members of
// CreateSellerProductRequest, set the same way (Extra), one type per operation kind as on the
// broker side (CreateBrokerProductRequest, UpdateBrokerProductRequest).
//
// Cloudmore model: SellerServiceProductUpdateViewModel
type UpdateSellerProductRequest CreateSellerProductRequest

// MarshalJSON encodes Extra as the body.
func (r UpdateSellerProductRequest) MarshalJSON() ([]byte, error) {
	return CreateSellerProductRequest(r).MarshalJSON()
}

func (r *UpdateSellerProductRequest) validate() error {
	return (*CreateSellerProductRequest)(r).validate()
}

// The operations of the seller's catalogue: products, add-ons, price list and manual billing
// lines.
var (
	opSellerProductsList        = declare[none, none, []SellerProduct]("Seller.Products.List", "GET /api/sellers/{sellerId}/services/{serviceId}/products")
	opSellerProductsGet         = declare[none, none, *SellerProduct]("Seller.Products.Get", "GET /api/sellers/{sellerId}/services/{serviceId}/products/{id}")
	opSellerProductsCreate      = declare[none, *CreateSellerProductRequest, *Created]("Seller.Products.Create", "POST /api/sellers/{sellerId}/services/{serviceId}/products")
	opSellerProductsUpdate      = declare[none, *UpdateSellerProductRequest, none]("Seller.Products.Update", "PUT /api/sellers/{sellerId}/services/{serviceId}/products/{id}")
	opSellerProductsDelete      = declare[none, none, none]("Seller.Products.Delete", "DELETE /api/sellers/{sellerId}/services/{serviceId}/products/{id}")
	opSellerAddonsList          = declare[none, none, []SellerAddon]("Seller.Addons.List", "GET /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons")
	opSellerAddonsGet           = declare[none, none, *SellerAddon]("Seller.Addons.Get", "GET /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}")
	opSellerAddonsCreate        = declare[none, *SellerAddonRequest, *Created]("Seller.Addons.Create", "POST /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons")
	opSellerAddonsUpdate        = declare[none, *SellerAddonRequest, none]("Seller.Addons.Update", "PUT /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}")
	opSellerAddonsDelete        = declare[none, none, none]("Seller.Addons.Delete", "DELETE /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}")
	opSellerPricelistGet        = declare[*SellerPriceListOptions, none, *SellerPriceList]("Seller.Pricelist.Get", "GET /api/sellers/{sellerId}/services/{serviceId}/pricelist")
	opSellerPricelistUpdate     = declare[none, *UpdateSellerPriceRequest, none]("Seller.Pricelist.Update", "PUT /api/sellers/{sellerId}/services/{serviceId}/pricelist")
	opSellerManualBillingList   = declare[*SellerManualBillingOptions, none, []SellerManualBillingLine]("Seller.ManualBilling.List", "GET /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling")
	opSellerManualBillingGet    = declare[none, none, *SellerManualBillingLine]("Seller.ManualBilling.Get", "GET /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling/{id}")
	opSellerManualBillingCreate = declare[none, *CreateSellerManualBillingLineRequest, *Created]("Seller.ManualBilling.Create", "POST /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling")
	opSellerManualBillingDelete = declare[none, none, none]("Seller.ManualBilling.Delete", "DELETE /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling/{billingLineId}")
)

// List returns the products of a seller service.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/products
func (s *SellerProductsService) List(ctx context.Context, serviceID string, call ...CallOption) ([]SellerProduct, *Response, error) {
	return opSellerProductsList.do(ctx, s.client, path(id(serviceID)), nil, nil, call)
}

// Get returns one product of a seller service.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/products/{id}
func (s *SellerProductsService) Get(ctx context.Context, serviceID, productID string, call ...CallOption) (*SellerProduct, *Response, error) {
	return opSellerProductsGet.do(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// Create creates a product of a seller service.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services/{serviceId}/products
func (s *SellerProductsService) Create(ctx context.Context, serviceID string, req *CreateSellerProductRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerProductsCreate.do(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// Update updates a product of a seller service.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/{serviceId}/products/{id}
func (s *SellerProductsService) Update(ctx context.Context, serviceID, productID string, req *UpdateSellerProductRequest, call ...CallOption) (*Response, error) {
	return opSellerProductsUpdate.exec(ctx, s.client, path(id(serviceID), id(productID)), nil, req, call)
}

// Delete deletes a product of a seller service.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/services/{serviceId}/products/{id}
func (s *SellerProductsService) Delete(ctx context.Context, serviceID, productID string, call ...CallOption) (*Response, error) {
	return opSellerProductsDelete.exec(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// SellerAddon is an add-on of a seller product. Cloudmore's developer portal shows an add-on
// body beginning name, itemCode, enableGrouping, groupName, price; those are decoded, and Raw
// holds the whole answer.
//
// Cloudmore model: AddonViewModel
type SellerAddon struct {
	// ID is the add-on's id, read from "id" when sent.
	ID string `json:"id"`
	// Name is the add-on's name.
	Name string `json:"name"`
	// ItemCode is the add-on's item code.
	ItemCode string `json:"itemCode"`
	// EnableGrouping groups the add-on under GroupName.
	EnableGrouping bool `json:"enableGrouping"`
	// GroupName is the group's name.
	GroupName string `json:"groupName"`
	// Price is the add-on's price, exact.
	Price Decimal `json:"price"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerAddon) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// SellerAddonRequest creates or updates an add-on of a seller product: the members Cloudmore's
// example shows, and Extra for the rest (the example is cut after price).
//
// Cloudmore model: unknown
type SellerAddonRequest struct {
	// Name is the add-on's name; required.
	Name string `json:"name"`
	// ItemCode is the add-on's item code.
	ItemCode string `json:"itemCode,omitempty"`
	// EnableGrouping groups the add-on under GroupName; nil leaves it out.
	EnableGrouping *bool `json:"enableGrouping,omitempty"`
	// GroupName is the group's name.
	GroupName string `json:"groupName,omitempty"`
	// Price is the add-on's price; nil leaves it out.
	Price *Decimal `json:"price,omitempty"`
	// Extra holds members no source shows, merged into the JSON body.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the typed fields and merges Extra.
func (r SellerAddonRequest) MarshalJSON() ([]byte, error) {
	type plain SellerAddonRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *SellerAddonRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.required("name", r.Name)
	type plain SellerAddonRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// List returns the add-ons of a seller product.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons
func (s *SellerAddonsService) List(ctx context.Context, serviceID, productID string, call ...CallOption) ([]SellerAddon, *Response, error) {
	return opSellerAddonsList.do(ctx, s.client, path(id(serviceID), id(productID)), nil, nil, call)
}

// Get returns one add-on of a seller product.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *SellerAddonsService) Get(ctx context.Context, serviceID, productID, addonID string, call ...CallOption) (*SellerAddon, *Response, error) {
	return opSellerAddonsGet.do(ctx, s.client, path(id(serviceID), id(productID), id(addonID)), nil, nil, call)
}

// Create creates an add-on of a seller product.
//
// Cloudmore API: POST /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons
func (s *SellerAddonsService) Create(ctx context.Context, serviceID, productID string, req *SellerAddonRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerAddonsCreate.do(ctx, s.client, path(id(serviceID), id(productID)), nil, req, call)
}

// Update updates an add-on of a seller product.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *SellerAddonsService) Update(ctx context.Context, serviceID, productID, addonID string, req *SellerAddonRequest, call ...CallOption) (*Response, error) {
	return opSellerAddonsUpdate.exec(ctx, s.client, path(id(serviceID), id(productID), id(addonID)), nil, req, call)
}

// Delete deletes an add-on of a seller product.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/services/{serviceId}/products/{productId}/addons/{id}
func (s *SellerAddonsService) Delete(ctx context.Context, serviceID, productID, addonID string, call ...CallOption) (*Response, error) {
	return opSellerAddonsDelete.exec(ctx, s.client, path(id(serviceID), id(productID), id(addonID)), nil, nil, call)
}

// SellerPriceList is the price list of a seller service. Cloudmore does not document its
// fields; Raw holds the whole answer.
//
// Cloudmore model: unknown
type SellerPriceList struct {
	// Raw is the price list as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw.
func (m *SellerPriceList) UnmarshalJSON(b []byte) error {
	return keepRaw(b, &m.Raw)
}

// SellerPriceListOptions are the query parameters of the seller price list.
type SellerPriceListOptions struct {
	// CurrencyCode selects the currency (ISO 4217, such as "EUR").
	CurrencyCode string `url:"currencyCode,omitempty"`
}

func (o *SellerPriceListOptions) validate() error {
	var v validator
	v.currency("currencyCode", o.CurrencyCode)
	return v.err()
}

// UpdateSellerPriceRequest changes the price of one product or add-on of a seller service.
// Cloudmore addresses a product by its id passed as ItemId; the price members are not
// documented and go in Extra by their JSON names.
//
// Cloudmore model: unknown
type UpdateSellerPriceRequest struct {
	// ItemID is the product's (or add-on's) id; required.
	ItemID string `json:"itemId"`
	// Extra holds the price members, merged into the JSON body.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the typed fields and merges Extra.
func (r UpdateSellerPriceRequest) MarshalJSON() ([]byte, error) {
	type plain UpdateSellerPriceRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *UpdateSellerPriceRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	v.guid("itemId", r.ItemID)
	type plain UpdateSellerPriceRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// Get returns the price list of a seller service.
//
// Cloudmore API: GET /api/sellers/{sellerId}/services/{serviceId}/pricelist
func (s *SellerPricelistService) Get(ctx context.Context, serviceID string, opts *SellerPriceListOptions, call ...CallOption) (*SellerPriceList, *Response, error) {
	return opSellerPricelistGet.do(ctx, s.client, path(id(serviceID)), opts, nil, call)
}

// Update changes the price of a product or add-on of a seller service.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/services/{serviceId}/pricelist
func (s *SellerPricelistService) Update(ctx context.Context, serviceID string, req *UpdateSellerPriceRequest, call ...CallOption) (*Response, error) {
	return opSellerPricelistUpdate.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// SellerManualBillingLine is a manual billing line the seller added for a broker. Cloudmore
// does not document the answer; the members of the create body are decoded when sent, and Raw
// holds the whole answer.
//
// Cloudmore model: unknown
type SellerManualBillingLine struct {
	// ID is the line's id, read from "id" when sent.
	ID string `json:"id"`
	// BillingDate is when the line is billed.
	BillingDate Time `json:"billingDate"`
	// ServiceID is the service the line belongs to.
	ServiceID string `json:"serviceId"`
	// ProductID is the product the line belongs to, when there is one.
	ProductID string `json:"productId"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerManualBillingLine) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// CreateSellerManualBillingLineRequest adds a manual billing line (a one-time charge or
// discount) for a broker. Cloudmore's knowledge base shows the body beginning billingDate,
// serviceId, productId (optional) and is cut after them, as for an organization's line, so it
// has the members and checks of CreateManualBillingLineRequest: the quantity, unit cost price
// and unit sales price the portal requires are typed and required there, under names inferred
// from the billing report (see CreateManualBillingLineRequest).
//
// Cloudmore model: ManualBillingLineCreateViewModel
type CreateSellerManualBillingLineRequest CreateManualBillingLineRequest

// MarshalJSON writes the typed fields and merges Extra, as an organization's line does.
func (r CreateSellerManualBillingLineRequest) MarshalJSON() ([]byte, error) {
	return CreateManualBillingLineRequest(r).MarshalJSON()
}

func (r *CreateSellerManualBillingLineRequest) validate() error {
	return (*CreateManualBillingLineRequest)(r).validate()
}

// SellerManualBillingOptions are the query parameters of a broker's manual billing lines.
type SellerManualBillingOptions struct {
	// BillingStartDate is the first billing date to list.
	BillingStartDate Date `url:"billingStartDate,omitempty"`
	// BillingEndDate is the last billing date to list.
	BillingEndDate Date `url:"billingEndDate,omitempty"`
}

func (o *SellerManualBillingOptions) validate() error {
	if !o.BillingStartDate.IsZero() && !o.BillingEndDate.IsZero() && o.BillingEndDate.Before(o.BillingStartDate) {
		return invalid("billingEndDate", "%s is before billingStartDate %s", o.BillingEndDate, o.BillingStartDate)
	}
	return nil
}

// List returns the manual billing lines the seller added for a broker.
//
// Cloudmore API: GET /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling
func (s *SellerManualBillingService) List(ctx context.Context, resellerID string, opts *SellerManualBillingOptions, call ...CallOption) ([]SellerManualBillingLine, *Response, error) {
	return opSellerManualBillingList.do(ctx, s.client, path(id(resellerID)), opts, nil, call)
}

// Get returns one manual billing line of a broker.
//
// Cloudmore API: GET /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling/{id}
func (s *SellerManualBillingService) Get(ctx context.Context, resellerID, lineID string, call ...CallOption) (*SellerManualBillingLine, *Response, error) {
	return opSellerManualBillingGet.do(ctx, s.client, path(id(resellerID), seg(lineID)), nil, nil, call)
}

// Create adds a manual billing line for a broker.
//
// Cloudmore API: POST /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling
func (s *SellerManualBillingService) Create(ctx context.Context, resellerID string, req *CreateSellerManualBillingLineRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerManualBillingCreate.do(ctx, s.client, path(id(resellerID)), nil, req, call)
}

// Delete deletes a manual billing line of a broker.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/resellers/{resellerId}/manualbilling/{billingLineId}
func (s *SellerManualBillingService) Delete(ctx context.Context, resellerID, lineID string, call ...CallOption) (*Response, error) {
	return opSellerManualBillingDelete.exec(ctx, s.client, path(id(resellerID), seg(lineID)), nil, nil, call)
}
