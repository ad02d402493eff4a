package cloudmoretest

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/shopspring/decimal"
)

// Segments of Microsoft 365 CSP Direct pricing.
const (
	segmentCommercial = "commercial"
	segmentEducation  = "education"
	segmentCharity    = "charity"
	segmentGovernment = "government"
)

func validSegment(s string) bool {
	switch s {
	case segmentCommercial, segmentEducation, segmentCharity, segmentGovernment:
		return true
	}
	return false
}

// ratesPerEUR are the fake's fixed exchange rates. Cloudmore converts with its own rates; the
// fake needs some to honour currencyCode, and fixed ones keep tests deterministic.
var ratesPerEUR = map[string]decimal.Decimal{
	"EUR": dec("1"), "GBP": dec("0.85"), "USD": dec("1.08"), "SEK": dec("11.50"),
	"NOK": dec("11.60"), "DKK": dec("7.46"), "CHF": dec("0.95"),
}

// SupportedCurrencies are the currencies the fake converts between.
func SupportedCurrencies() []string { return []string{"CHF", "DKK", "EUR", "GBP", "NOK", "SEK", "USD"} }

func supportedCurrency(c string) bool { _, ok := ratesPerEUR[c]; return ok }

// convert converts an amount between supported currencies, rounded to 2 decimals.
func convert(amount decimal.Decimal, from, to string) decimal.Decimal {
	if from == to {
		return amount
	}
	return amount.DivRound(ratesPerEUR[from], 16).Mul(ratesPerEUR[to]).Round(2)
}

// priceItem is one row of a price list: a custom product (keyed by productId) or a Microsoft
// CSP product (keyed by itemCode), with catalog prices in the service's currency.
type priceItem struct {
	key, productID, name, itemCode string
	cost, recommended, price       decimal.Decimal
	custom                         bool
	segments                       []string
}

func (svc *service) priceItems() []priceItem {
	var out []priceItem
	for _, p := range svc.products {
		out = append(out, priceItem{key: strings.ToLower(p.id), productID: p.id, name: p.name, itemCode: p.itemCode,
			cost: p.cost, recommended: p.price, price: p.price, custom: true, segments: []string{segmentCommercial}})
	}
	for _, p := range svc.cspProducts {
		out = append(out, priceItem{key: strings.ToLower(p.itemCode()), productID: zeroGUID, name: p.name, itemCode: p.itemCode(),
			cost: p.cost, recommended: p.price, price: p.price, segments: []string{segmentCommercial}})
	}
	for _, p := range svc.nceProducts {
		out = append(out, priceItem{key: strings.ToLower(p.itemCode()), productID: zeroGUID, name: p.name, itemCode: p.itemCode(),
			cost: p.cost, recommended: p.price, price: p.price, segments: p.segments})
	}
	return out
}

// priceItem finds a row by product id (custom) or item code (CSP).
func (svc *service) priceItem(key string) (priceItem, bool) {
	for _, it := range svc.priceItems() {
		if it.key == strings.ToLower(key) {
			return it, true
		}
	}
	return priceItem{}, false
}

func (it priceItem) hasSegment(seg string) bool {
	for _, s := range it.segments {
		if s == seg {
			return true
		}
	}
	return false
}

// brokerPrice is the broker's default sales price in the service currency.
func (svc *service) brokerPrice(it priceItem, segment string) decimal.Decimal {
	if p, ok := svc.brokerPrices[it.key+"|"+segment]; ok {
		return p
	}
	return it.price
}

// orgPrices returns cost and sales price of a row for an organization, in the currency the
// service was added in: the organization's own price if one was set, else the broker's.
func (st *state) orgPrices(os *orgService, svc *service, it priceItem, segment string) (cost, price decimal.Decimal) {
	cost = convert(it.cost, svc.currency, os.currency)
	if p, ok := os.prices[it.key+"|"+segment]; ok {
		return cost, p
	}
	return cost, convert(svc.brokerPrice(it, segment), svc.currency, os.currency)
}

// productPrices is orgPrices of the product with key (a custom product's id, a CSP product's
// item code) in the commercial segment, as product lists show it.
func (st *state) productPrices(os *orgService, svc *service, key string) (cost, price money) {
	it, _ := svc.priceItem(key)
	c, p := st.orgPrices(os, svc, it, segmentCommercial)
	return money{c}, money{p}
}

// priceRow is the guide's broker price-list shape; org rows add customServiceProduct and
// priceListType.
type priceRow struct {
	Service          string     `json:"service"`
	ProductID        string     `json:"productId"`
	Name             string     `json:"name"`
	ItemCode         string     `json:"itemCode"`
	Cost             money      `json:"cost"`
	RecommendedPrice money      `json:"recommendedPrice"`
	SalesPrice       money      `json:"salesPrice"`
	Margin           money      `json:"margin"`
	MarginPercentage netDecimal `json:"marginPercentage"`
	CurrencyCode     string     `json:"currencyCode"`
	Addons           []any      `json:"addons"`
}

// orgPriceRow is the guide's organization price-list shape. customServiceProduct is a JSON
// boolean here (the guide's example shows the string "false"); priceListType is null except
// for Azure, which the fake does not model.
type orgPriceRow struct {
	priceRow
	CustomServiceProduct bool    `json:"customServiceProduct"`
	PriceListType        *string `json:"priceListType"`
}

func newPriceRow(svc *service, it priceItem, cost, sales, recommended decimal.Decimal, currency string) priceRow {
	margin := sales.Sub(cost)
	return priceRow{Service: svc.name, ProductID: it.productID, Name: it.name, ItemCode: it.itemCode,
		Cost: money{cost}, RecommendedPrice: money{recommended}, SalesPrice: money{sales}, Margin: money{margin},
		MarginPercentage: percentOf(margin, sales), CurrencyCode: currency, Addons: []any{}}
}

func (s *Server) pricelistRoutes() {
	s.api("GET /api/resellers/{resellerId}/services/{serviceId}/pricelist", s.getBrokerPricelist)
	s.api("PUT /api/resellers/{resellerId}/services/{serviceId}/pricelist", s.updateBrokerPricelist)
	s.api("GET /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist", s.getOrgPricelist)
	s.api("PUT /api/resellers/{resellerId}/organizations/{organizationId}/services/{serviceId}/pricelist", s.updateOrgPricelist)
}

// segmentOr returns the segment sent, lowercased, or commercial (the default) when none was.
func segmentOr(seg string) string { return cmp.Or(strings.ToLower(seg), segmentCommercial) }

// segmentParam reads ?segment= (default commercial); false after answering 400.
func segmentParam(w http.ResponseWriter, r *http.Request) (string, bool) {
	seg := segmentOr(r.URL.Query().Get("segment"))
	if !validSegment(seg) {
		invalidValue(w, "Segment '%s' is not one of commercial, education, charity, government.", seg)
		return "", false
	}
	return seg, true
}

// findService returns the catalog service named by the path, or answers 404.
func (s *Server) findService(w http.ResponseWriter, r *http.Request) *service {
	return findOr404(w, s.st.services, r.PathValue("serviceId"), "Service")
}

// getBrokerPricelist lists the service's products with the broker's default prices, in
// ?currencyCode= (default: the service's catalog currency, GBP) and ?segment=.
func (s *Server) getBrokerPricelist(w http.ResponseWriter, r *http.Request) {
	svc := s.findService(w, r)
	if svc == nil {
		return
	}
	cur := cmp.Or(r.URL.Query().Get("currencyCode"), svc.currency)
	if !supportedCurrency(cur) {
		invalidValue(w, "Currency '%s' is not supported.", cur)
		return
	}
	seg, ok := segmentParam(w, r)
	if !ok {
		return
	}
	out := []priceRow{}
	for _, it := range svc.priceItems() {
		if !it.hasSegment(seg) {
			continue
		}
		out = append(out, newPriceRow(svc, it, convert(it.cost, svc.currency, cur),
			convert(svc.brokerPrice(it, seg), svc.currency, cur), convert(it.recommended, svc.currency, cur), cur))
	}
	writeJSON(w, http.StatusOK, out)
}

// brokerPriceBody is a broker price-list update as the SDK types it (UpdateBrokerPriceRequest:
// itemId and salesPrice required, currencyCode and segment optional).
type brokerPriceBody struct {
	ItemID       string           `json:"itemId"`
	SalesPrice   *decimal.Decimal `json:"salesPrice"`
	CurrencyCode string           `json:"currencyCode"`
	Segment      string           `json:"segment"`
}

func (b *brokerPriceBody) check(fe fieldErrors) {
	fe.required("ItemId", b.ItemID)
	fe.amount("SalesPrice", b.SalesPrice, true)
}

// updateBrokerPricelist sets the broker's default sales price of one product. Body (the SDK's
// typing: Cloudmore documents only ItemId and segment, the price's and currency's names are
// inferred from the organization price update): {itemId, salesPrice, currencyCode, segment}
// where itemId is the productId of a custom product or the itemCode of a CSP product and
// currencyCode, when sent, must be the service's catalog currency.
func (s *Server) updateBrokerPricelist(w http.ResponseWriter, r *http.Request) {
	svc := s.findService(w, r)
	var b brokerPriceBody
	if svc == nil || !readBody(w, r, &b) {
		return
	}
	it, ok := svc.priceItem(b.ItemID)
	seg := segmentOr(b.Segment)
	switch {
	case !ok:
		invalidValue(w, "Item '%s' is not a product of service '%s'.", b.ItemID, svc.name)
	case b.CurrencyCode != "" && b.CurrencyCode != svc.currency:
		invalidValue(w, "Broker prices of '%s' are kept in %s.", svc.name, svc.currency)
	case !validSegment(seg) || !it.hasSegment(seg):
		invalidValue(w, "Segment '%s' is not eligible for '%s'.", seg, it.name)
	default:
		svc.brokerPrices[it.key+"|"+seg] = b.SalesPrice.Round(2)
		writeNoContent(w)
	}
}

// getOrgPricelist lists the service's products with this organization's prices, in the
// currency the service was added in.
func (s *Server) getOrgPricelist(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	if svc == nil {
		return
	}
	seg, ok := segmentParam(w, r)
	if !ok {
		return
	}
	out := []orgPriceRow{}
	for _, it := range svc.priceItems() {
		if !it.hasSegment(seg) {
			continue
		}
		cost, price := s.st.orgPrices(os, svc, it, seg)
		row := newPriceRow(svc, it, cost, price, convert(it.recommended, svc.currency, os.currency), os.currency)
		out = append(out, orgPriceRow{priceRow: row, CustomServiceProduct: it.custom})
	}
	writeJSON(w, http.StatusOK, out)
}

// orgPriceBody is the guide's body of an organization price-list update.
type orgPriceBody struct {
	ProductID            string           `json:"productId"`
	ItemCode             string           `json:"itemCode"`
	CurrencyCode         string           `json:"currencyCode"`
	SalesPrice           *decimal.Decimal `json:"salesPrice"`
	StartupFee           *decimal.Decimal `json:"startupFee"`
	CustomServiceProduct flexBool         `json:"customServiceProduct"`
	Segment              string           `json:"segment"`
}

func (b *orgPriceBody) check(fe fieldErrors) {
	fe.required("CurrencyCode", b.CurrencyCode)
	fe.amount("SalesPrice", b.SalesPrice, true)
	fe.amount("StartupFee", b.StartupFee, false)
	if b.ProductID == "" && b.ItemCode == "" {
		fe.add("ProductId", "Give the productId of a custom product or the itemCode of a CSP product.")
	}
}

// updateOrgPricelist sets one product's sales price for the organization. Body (the guide's):
// {productId, itemCode, currencyCode, salesPrice, startupFee, customServiceProduct, segment}.
// A custom product is named by productId, a CSP product by itemCode (productId is then the
// zero GUID); currencyCode must be the currency the service was added in.
func (s *Server) updateOrgPricelist(w http.ResponseWriter, r *http.Request) {
	_, svc, os := s.findOrgService(w, r)
	var b orgPriceBody
	if svc == nil || !readBody(w, r, &b) {
		return
	}
	key := b.ProductID
	if svc.csp || key == "" || key == zeroGUID {
		key = b.ItemCode
	}
	it, ok := svc.priceItem(key)
	seg := segmentOr(b.Segment)
	switch {
	case !ok:
		invalidValue(w, "Product '%s' is not a product of service '%s'.", key, svc.name)
	case b.ItemCode != "" && !strings.EqualFold(b.ItemCode, it.itemCode):
		invalidValue(w, "itemCode '%s' does not belong to product '%s'.", b.ItemCode, it.name)
	case b.CurrencyCode != os.currency:
		invalidValue(w, "The organization's prices for '%s' are in %s, not %s.", svc.name, os.currency, b.CurrencyCode)
	case !validSegment(seg):
		invalidValue(w, "Segment '%s' is not one of commercial, education, charity, government.", seg)
	case !svc.csp && seg != segmentCommercial:
		invalidValue(w, "Segments apply to Microsoft 365 CSP Direct only.")
	case !it.hasSegment(seg):
		invalidValue(w, "Segment '%s' is not eligible for '%s'.", seg, it.name)
	default:
		os.prices[it.key+"|"+seg] = b.SalesPrice.Round(2)
		if b.StartupFee != nil {
			if os.fees == nil {
				os.fees = map[string]decimal.Decimal{}
			}
			os.fees[it.key+"|"+seg] = *b.StartupFee
		}
		writeNoContent(w)
	}
}
