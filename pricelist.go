package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
)

// PricelistService reads and updates prices. The broker's price list of a service holds the
// default prices for every organization; an organization price overrides it for that
// organization. Billing reports use the price in force for the organization and subscription
// (some services lock cost and price for the subscription period).
//
// Custom-service products are addressed by their product id, Microsoft CSP products by their
// item code (CSP rows carry the zero GUID as product id).
type PricelistService service

// The price list operations.
var (
	opPricelistListBroker          = declare[*PriceListOptions, none, []PriceListProduct]("Pricelist.ListBroker", "GET /api/resellers/{resellerId}/services/{serviceId}/pricelist")
	opPricelistListOrganization    = declare[none, none, []OrganizationPriceListProduct]("Pricelist.ListOrganization", "GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist")
	opPricelistGetCommitmentPrice  = declare[*subscriptionPriceQuery, none, *CommitmentPrice]("Pricelist.GetCommitmentPrice", "GET /api/resellers/{resellerId}/services/{serviceId}/pricelist/CommitmentPrice")
	opPricelistGetPostRenewalPrice = declare[*subscriptionPriceQuery, none, *PostRenewalPrice]("Pricelist.GetPostRenewalPrice", "GET /api/resellers/{resellerId}/services/{serviceId}/pricelist/PostRenewalPrice")
	opPricelistUpdateBroker        = declare[none, *UpdateBrokerPriceRequest, none]("Pricelist.UpdateBroker", "PUT /api/resellers/{resellerId}/services/{serviceId}/pricelist")
	opPricelistUpdateOrganization  = declare[none, *UpdateOrganizationPriceRequest, none]("Pricelist.UpdateOrganization", "PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist")
)

// ZeroGUID is the product id Cloudmore gives Microsoft CSP products in price lists; they are
// identified by their item code.
const ZeroGUID = "00000000-0000-0000-0000-000000000000"

// PriceListProduct is one product of a broker price list.
//
// Cloudmore model: ResellerPriceListViewModel
type PriceListProduct struct {
	// Service is the service's name.
	Service string `json:"service"`
	// ProductID is the product's id; ZeroGUID for Microsoft CSP products.
	ProductID string `json:"productId"`
	// Name is the product's name.
	Name string `json:"name"`
	// ItemCode is the product's item code (it identifies Microsoft CSP products).
	ItemCode string `json:"itemCode"`
	// Cost is the broker's cost price.
	Cost Decimal `json:"cost"`
	// RecommendedPrice is the end-customer price the vendor recommends.
	RecommendedPrice Decimal `json:"recommendedPrice"`
	// SalesPrice is the broker's sales price.
	SalesPrice Decimal `json:"salesPrice"`
	// Margin is the sales price less the cost, as Cloudmore states it.
	Margin Decimal `json:"margin"`
	// MarginPercentage is the margin as a percentage of the sales price, with all the digits
	// Cloudmore sends ("25.283522348232154769846564380").
	MarginPercentage Decimal `json:"marginPercentage"`
	// CurrencyCode is the ISO 4217 currency of the prices.
	CurrencyCode string `json:"currencyCode"`
	// Addons are the product's addons with their prices, each raw: their shape
	// (ResellerProductAddon) is not documented.
	Addons []json.RawMessage `json:"addons"`
}

// OrganizationPriceListProduct is one product of an organization's price list: the broker
// fields, with the organization's own prices, and two more.
//
// Cloudmore model: OrganizationPriceListViewModel
type OrganizationPriceListProduct struct {
	PriceListProduct
	// CustomServiceProduct tells whether the product belongs to a custom service (Cloudmore's
	// example sends it as the string "false").
	CustomServiceProduct Bool `json:"customServiceProduct"`
	// PriceListType is only used for the Microsoft Azure CSP Direct service; otherwise empty
	// (null on the wire).
	PriceListType string `json:"priceListType"`
}

// PriceListOptions are the query parameters of the broker price list. A nil
// *PriceListOptions sends none.
type PriceListOptions struct {
	// CurrencyCode is the ISO 4217 currency of the prices ("GBP").
	CurrencyCode string `url:"currencyCode,omitempty"`
}

func (o *PriceListOptions) validate() error {
	if o == nil {
		return nil
	}
	var v validator
	v.currency("currencyCode", o.CurrencyCode)
	return v.err()
}

// ListBroker returns the broker's price list for a service: every product with its cost,
// recommended price, sales price and margin.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/pricelist
func (s *PricelistService) ListBroker(ctx context.Context, serviceID string, opts *PriceListOptions, call ...CallOption) ([]PriceListProduct, *Response, error) {
	return opPricelistListBroker.do(ctx, s.client, path(id(serviceID)), opts, nil, call)
}

// ListOrganization returns an organization's price list for a service: every product with the
// prices that apply to that organization.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist
func (s *PricelistService) ListOrganization(ctx context.Context, organizationID, serviceID string, call ...CallOption) ([]OrganizationPriceListProduct, *Response, error) {
	return opPricelistListOrganization.do(ctx, s.client, path(id(organizationID), id(serviceID)), nil, nil, call)
}

// CommitmentPrice is the commitment price of one subscription of a broker service (plausibly
// the cost and price locked for the subscription period). Its fields are not documented, so
// it has no typed fields: Raw is the whole JSON object.
//
// Cloudmore model: CommitmentPriceViewModel
type CommitmentPrice struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (p *CommitmentPrice) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, p) }

// PostRenewalPrice is the price one subscription of a broker service will have after its
// renewal. Its fields are not documented, so it has no typed fields: Raw is the whole JSON
// object.
//
// Cloudmore model: PostRenewalPriceViewModel
type PostRenewalPrice struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (p *PostRenewalPrice) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, p) }

// subscriptionPriceQuery is the query of the commitment and post-renewal prices: both values
// are required, so they are parameters of the methods, not options.
type subscriptionPriceQuery struct {
	OrganizationID string `url:"organizationId"`
	SubscriptionID string `url:"subscriptionId"`
}

// validate requires both ids, GUIDs.
func (q *subscriptionPriceQuery) validate() error {
	var v validator
	v.guid("organizationId", q.OrganizationID)
	v.guid("subscriptionId", q.SubscriptionID)
	return v.err()
}

// GetCommitmentPrice returns the commitment price of one subscription (of the organization
// organizationID) of a broker service.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/pricelist/CommitmentPrice
func (s *PricelistService) GetCommitmentPrice(ctx context.Context, serviceID, organizationID, subscriptionID string, call ...CallOption) (*CommitmentPrice, *Response, error) {
	q := &subscriptionPriceQuery{OrganizationID: organizationID, SubscriptionID: subscriptionID}
	return opPricelistGetCommitmentPrice.do(ctx, s.client, path(id(serviceID)), q, nil, call)
}

// GetPostRenewalPrice returns the price one subscription (of the organization
// organizationID) of a broker service will have after its renewal.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/{serviceId}/pricelist/PostRenewalPrice
func (s *PricelistService) GetPostRenewalPrice(ctx context.Context, serviceID, organizationID, subscriptionID string, call ...CallOption) (*PostRenewalPrice, *Response, error) {
	q := &subscriptionPriceQuery{OrganizationID: organizationID, SubscriptionID: subscriptionID}
	return opPricelistGetPostRenewalPrice.do(ctx, s.client, path(id(serviceID)), q, nil, call)
}

// UpdateBrokerPriceRequest is the body of a broker price-list update. Cloudmore documents
// only that the body names the item (the operation's summary speaks of an ItemId) and, in a
// knowledge-base article, an optional segment. The JSON name "itemId" is the SDK's inference
// from that summary, not documented. The new price has no documented name either: the SDK
// types it as "salesPrice", the broker price list's name for the broker's default sales price
// (api-facts §12.1) and the organization price update's name for its price (§12.2), and
// requires it, so that an update never goes out without its price; the currency is typed
// under the organization update's "currencyCode" too. Both names are inferences, to check
// against your environment's Swagger document. Any other member goes in Extra, merged into
// the body as given. Whether the body takes one product or several is not documented.
//
// Cloudmore model: BrokerPriceListUpdateViewModel
type UpdateBrokerPriceRequest struct {
	// ItemID names the product: its product id for a custom service, its item code for
	// Microsoft CSP (required).
	ItemID string `json:"itemId"`
	// Segment is the Microsoft 365 CSP Direct price segment; Cloudmore uses commercial when
	// it is empty.
	Segment Segment `json:"segment,omitempty"`
	// SalesPrice is the broker's new default sales price, sent as a JSON number (required;
	// name inferred, see above): SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("18.50")).
	SalesPrice *Decimal `json:"salesPrice"`
	// CurrencyCode is the ISO 4217 currency of SalesPrice (optional; name inferred from the
	// organization price update's).
	CurrencyCode string `json:"currencyCode,omitempty"`
	// Extra holds the other members of the body, by their JSON names. A key may not repeat
	// a field set above.
	Extra map[string]any `json:"-"`
}

// plainBrokerPrice is UpdateBrokerPriceRequest without its MarshalJSON.
type plainBrokerPrice UpdateBrokerPriceRequest

func (r *UpdateBrokerPriceRequest) validate() error {
	if r == nil {
		return invalid("body", "required: give the price update")
	}
	var v validator
	if r.ItemID == "" {
		v.fail("itemId", "required: the product id (custom service) or item code (Microsoft CSP)")
	}
	checkPriceSegment(&v, r.Segment)
	requireAmount(&v, "salesPrice", r.SalesPrice, "the new sales price")
	if r.SalesPrice != nil && r.SalesPrice.Sign() < 0 {
		v.fail("salesPrice", "%s is negative", r.SalesPrice.Text())
	}
	v.currency("currencyCode", r.CurrencyCode)
	v.extra(plainBrokerPrice(*r), r.Extra)
	return v.err()
}

// checkPriceSegment fails for a segment that is set and is not one of the four.
func checkPriceSegment(v *validator, s Segment) {
	if s != "" && !s.Valid() {
		v.fail("segment", "%q is not one of commercial, education, charity, government", truncate(string(s), 32))
	}
}

// MarshalJSON writes ItemID, Segment and the members of Extra as one object.
func (r UpdateBrokerPriceRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(plainBrokerPrice(r), r.Extra)
}

// UpdateBroker updates a product's or addon's prices in the broker's price list of a service,
// the default for every organization. For a custom service ItemID is the product id; for
// Microsoft CSP the item code. PUT is idempotent, so the SDK retries it like a read.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/services/{serviceId}/pricelist
func (s *PricelistService) UpdateBroker(ctx context.Context, serviceID string, req *UpdateBrokerPriceRequest, call ...CallOption) (*Response, error) {
	return opPricelistUpdateBroker.exec(ctx, s.client, path(id(serviceID)), nil, req, call)
}

// UpdateOrganizationPriceRequest is the body of an organization price update: one product per
// call. The amounts are pointers so that "not set" and zero differ: SalesPrice must be set
// (to zero on purpose if that is the price), StartupFee is sent only when set.
//
// Cloudmore model: OrganizationPriceListUpdateViewModel
type UpdateOrganizationPriceRequest struct {
	// ProductID names a custom-service product. For a Microsoft CSP product leave it empty:
	// the SDK sends ZeroGUID, as Cloudmore's example does.
	ProductID string `json:"productId"`
	// ItemCode is the product's item code; it names a Microsoft CSP product (required then).
	ItemCode string `json:"itemCode"`
	// CurrencyCode is the ISO 4217 currency of the prices (required).
	CurrencyCode string `json:"currencyCode"`
	// SalesPrice is the new sales price for the organization, sent as a JSON number
	// (required; a zero price is sent when set to zero on purpose):
	// SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("18.50")).
	SalesPrice *Decimal `json:"salesPrice"`
	// StartupFee is the start-up fee, where the product has one, sent as a JSON number. Nil
	// leaves it out of the body, so that a price change does not reset the fee.
	StartupFee *Decimal `json:"startupFee,omitempty"`
	// CustomServiceProduct is true for a custom-service product, false for Microsoft CSP.
	CustomServiceProduct bool `json:"customServiceProduct"`
	// Segment is the Microsoft 365 CSP Direct price segment; Cloudmore uses commercial when
	// it is empty.
	Segment Segment `json:"segment,omitempty"`
}

func (r *UpdateOrganizationPriceRequest) validate() error {
	if r == nil {
		return invalid("body", "required: give the price update")
	}
	var v validator
	if r.CustomServiceProduct {
		if !isGUID(r.ProductID) || r.ProductID == ZeroGUID {
			v.fail("productId", "a custom-service product is named by its product id (a GUID), got %q", truncate(r.ProductID, 64))
		}
	} else {
		if r.ItemCode == "" {
			v.fail("itemCode", "required: a Microsoft CSP product is named by its item code (set customServiceProduct for a custom-service product)")
		}
		v.optionalGUID("productId", r.ProductID)
	}
	if !isCurrencyCode(r.CurrencyCode) {
		v.fail("currencyCode", "%q is not an ISO 4217 code of three capital letters, such as GBP", truncate(r.CurrencyCode, 16))
	}
	switch {
	case r.SalesPrice == nil:
		v.fail("salesPrice", "required: the new sales price (a zero price must be set explicitly)")
	case r.SalesPrice.Sign() < 0:
		v.fail("salesPrice", "%s is negative", r.SalesPrice.Text())
	}
	if r.StartupFee != nil && r.StartupFee.Sign() < 0 {
		v.fail("startupFee", "%s is negative", r.StartupFee.Text())
	}
	checkPriceSegment(&v, r.Segment)
	return v.err()
}

// body returns the update as sent: a Microsoft CSP product without a product id gets ZeroGUID.
// A nil update stays nil (its validate refuses it).
func (r *UpdateOrganizationPriceRequest) body() *UpdateOrganizationPriceRequest {
	if r == nil {
		return nil
	}
	b := *r
	if b.ProductID == "" {
		b.ProductID = ZeroGUID
	}
	return &b
}

// UpdateOrganization sets one product's price for an organization, overriding the broker's
// price list for it. A custom-service product is named by ProductID (CustomServiceProduct
// true), a Microsoft CSP product by ItemCode. PUT is idempotent, so the SDK retries it like a
// read. To change many prices, UpdateOrganizationPrices sends them concurrently.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist
func (s *PricelistService) UpdateOrganization(ctx context.Context, organizationID, serviceID string, req *UpdateOrganizationPriceRequest, call ...CallOption) (*Response, error) {
	return opPricelistUpdateOrganization.exec(ctx, s.client, path(id(organizationID), id(serviceID)), nil, req.body(), call)
}

// OrganizationPriceChange is one change for UpdateOrganizationPrices: a price update for one
// product of one organization's service.
type OrganizationPriceChange struct {
	// OrganizationID is the organization.
	OrganizationID string
	// ServiceID is the service.
	ServiceID string
	// Update is the new price.
	Update UpdateOrganizationPriceRequest
}

// key names the price a change sets, to find changes that set the same price twice.
func (c *OrganizationPriceChange) key() string {
	id := c.Update.ItemCode
	if c.Update.CustomServiceProduct {
		id = strings.ToLower(c.Update.ProductID)
	}
	seg := c.Update.Segment
	if seg == "" {
		seg = SegmentCommercial
	}
	return strings.ToLower(c.OrganizationID) + "|" + strings.ToLower(c.ServiceID) + "|" + id + "|" + string(seg)
}

// PriceUpdateResult is the outcome of one change of UpdateOrganizationPrices.
type PriceUpdateResult struct {
	// Index is the change's position in the list given.
	Index int
	// Change is the change.
	Change OrganizationPriceChange
	// Attempted tells whether the request reached the wire: its headers were written to a
	// connection, or an answer came back. False means the change was refused before that
	// (bad input, a duplicate, a nil or finished context, no token, no connection), so
	// Cloudmore has not seen it. True does not mean applied: see Err.
	Attempted bool
	// Response is Cloudmore's answer, when there was one.
	Response *Response
	// Err is nil when Cloudmore accepted the change.
	Err error
}

// PriceUpdateResults are the outcomes of UpdateOrganizationPrices, in the order of the changes.
type PriceUpdateResults []PriceUpdateResult

// Failed returns the results whose change was not applied.
func (rs PriceUpdateResults) Failed() []PriceUpdateResult {
	var out []PriceUpdateResult
	for _, r := range rs {
		if r.Err != nil {
			out = append(out, r)
		}
	}
	return out
}

// Applied counts the changes Cloudmore accepted.
func (rs PriceUpdateResults) Applied() int {
	n := 0
	for _, r := range rs {
		if r.Err == nil {
			n++
		}
	}
	return n
}

// Err joins the errors of every failed change (nil when all were applied), each prefixed
// with the change's index.
func (rs PriceUpdateResults) Err() error {
	var errs []error
	for _, r := range rs {
		if r.Err != nil {
			errs = append(errs, fmt.Errorf("price change %d: %w", r.Index, r.Err))
		}
	}
	return errors.Join(errs...)
}

// BulkOptions tune UpdateOrganizationPrices.
type BulkOptions struct {
	// Concurrency is how many requests are in flight at once: 4 when zero, at most 32.
	Concurrency int
}

// UpdateOrganizationPrices applies many organization price changes with bounded concurrency
// and returns one result per change, in the order given. Nothing fails silently: every change
// has a result, and Err or Failed gives the ones not applied. Nothing is sent twice: the helper
// sends each change at most once (the pipeline may repeat a PUT that got no answer, which is
// safe because a PUT sets a value), and refuses, unsent, a change that sets the same price as
// an earlier one in the list, since concurrent requests would leave either value. Changes with
// bad input are refused unsent; the others still go. Once ctx is done, the changes not yet
// sent are reported unsent with its error; a nil ctx refuses every change, unsent. The call
// options apply to every change's request.
//
// Cloudmore API: PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist
func (s *PricelistService) UpdateOrganizationPrices(ctx context.Context, changes []OrganizationPriceChange, opts *BulkOptions, call ...CallOption) PriceUpdateResults {
	results := make(PriceUpdateResults, len(changes))
	n := 4
	if opts != nil && opts.Concurrency > 0 {
		n = min(opts.Concurrency, 32)
	}
	seen := make(map[string]int, len(changes))
	var todo []int
	for i := range changes {
		results[i] = PriceUpdateResult{Index: i, Change: changes[i]}
		if ctx == nil {
			results[i].Err = invalid("ctx", "nil context: use context.Background() or a request's context")
			continue
		}
		if err := changes[i].Update.validate(); err != nil {
			results[i].Err = err
			continue
		}
		k := changes[i].key()
		if first, dup := seen[k]; dup {
			field := "itemCode"
			if changes[i].Update.CustomServiceProduct {
				field = "productId"
			}
			results[i].Err = invalid(field, "change %d sets the same price as change %d; it was not sent", i, first)
			continue
		}
		seen[k] = i
		todo = append(todo, i)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(n, len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := &results[i]
				if err := ctx.Err(); err != nil {
					r.Err = fmt.Errorf("cloudmore: not sent: %w", err)
					continue
				}
				// "Reached the wire" is observed, not inferred from the error's type: the
				// trace hook fires when the request's headers are written (the token
				// request runs under its own context, so it does not count); an answer
				// proves it too, for transports that report no trace events.
				var wrote atomic.Bool
				tctx := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})
				resp, err := s.UpdateOrganization(tctx, changes[i].OrganizationID, changes[i].ServiceID, &changes[i].Update, call...)
				r.Attempted = wrote.Load() || resp != nil
				r.Response, r.Err = resp, err
			}
		}()
	}
	for _, i := range todo {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return results
}
