package cloudmoretest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// The broker's own catalogue (ResellerServicesApi, ResellerServiceProductsApi,
// ResellerServiceProductAddonsApi, ResellerServiceConsumptionsApi).
//
// The broker's services are the custom services of the E-store catalog (Box.com and every
// service created here): a service the broker creates is a *service of st.services, with its
// products as *product, so organizations add it from the E-store, the price lists price it,
// subscriptions order it and the billing reports bill it, like Box.com. Its prices are in GBP,
// the currency of the fake's catalog. Cloudmore documents none of these bodies and answers,
// so the members the fake reads are its own choice (the names of Cloudmore's product answers
// and of the seller-side examples, as the SDK types them); members it does not read are kept
// and answered back.

// brokerState is the fake's state for the broker's catalogue beyond the E-store catalog
// (broker_admin.go keeps its resources in the docStore). All access holds Server.mu.
type brokerState struct {
	services map[string]*brokerServiceState // lowercased service id ->
	consumed []*consumption
}

// brokerServiceState is what the fake keeps about one of the broker's services beyond the
// catalog's *service.
type brokerServiceState struct {
	disabled     bool
	extra        map[string]json.RawMessage            // service members the fake does not model
	propertyData map[string]json.RawMessage            // the PATCH body's members
	productExtra map[string]map[string]json.RawMessage // lowercased product id -> members
	addons       []*brokerAddon
}

// brokerAddon is an add-on of a product of a broker service.
type brokerAddon struct {
	id, productID, name, itemCode, groupName string
	enableGrouping                           bool
	price, cost                              decimal.Decimal
	extra                                    map[string]json.RawMessage
}

func (a *brokerAddon) key() string { return a.id }

// consumption is one submitted usage record, billed on the billing date of its month.
type consumption struct {
	orgID, serviceID, subscriptionID string
	productID, addonID               string // one of them
	quantity                         decimal.Decimal
	billingDate                      time.Time
	doc                              map[string]json.RawMessage // the record as sent
}

// broker returns the broker state, created on first use.
func (s *Server) broker() *brokerState {
	if s.st.broker == nil {
		s.st.broker = &brokerState{services: map[string]*brokerServiceState{}}
	}
	return s.st.broker
}

// brokerService returns the fake's state of a broker service, created on first use.
func (b *brokerState) service(id string) *brokerServiceState {
	k := strings.ToLower(id)
	bs := b.services[k]
	if bs == nil {
		bs = &brokerServiceState{extra: map[string]json.RawMessage{}, propertyData: map[string]json.RawMessage{},
			productExtra: map[string]map[string]json.RawMessage{}}
		b.services[k] = bs
	}
	return bs
}

func (s *Server) brokerCatalogueRoutes() {
	const svcs = "/api/resellers/{resellerId}/services"
	s.api("GET "+svcs, s.listBrokerServices)
	s.api("POST "+svcs, s.createBrokerService)
	s.api("GET "+svcs+"/{id}", s.getBrokerService)
	s.api("PUT "+svcs+"/{id}", s.updateBrokerService)
	s.api("DELETE "+svcs+"/{id}", s.disableBrokerService)
	s.api("PATCH "+svcs+"/{serviceId}", s.patchBrokerServiceProperties)
	s.api("GET "+svcs+"/{serviceId}/subscriptions", s.listBrokerServiceSubscriptions)

	const products = svcs + "/{serviceId}/products"
	s.api("GET "+products, s.listBrokerProducts)
	s.api("POST "+products, s.createBrokerProduct)
	s.api("GET "+products+"/{id}", s.getBrokerProduct)
	s.api("PUT "+products+"/{id}", s.updateBrokerProduct)
	s.api("DELETE "+products+"/{id}", s.deleteBrokerProduct)

	const addons = products + "/{productId}/addons"
	s.api("GET "+addons, s.listBrokerAddons)
	s.api("POST "+addons, s.createBrokerAddon)
	s.api("GET "+addons+"/{id}", s.getBrokerAddon)
	s.api("PUT "+addons+"/{id}", s.updateBrokerAddon)
	s.api("DELETE "+addons+"/{id}", s.deleteBrokerAddon)

	s.api("POST "+svcs+"/consumptions", s.listConsumptions)
	s.api("PUT "+svcs+"/consumptions", s.submitConsumption)
}

// --- members the fake does not model ---

// readMembers reads a JSON object body into its members, or answers 400.
func readMembers(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if !readBody(w, r, &m) {
		return nil, false
	}
	if m == nil {
		fieldErrors{"": {"The request body must be a JSON object."}}.write(w)
		return nil, false
	}
	return m, true
}

// keepOthers copies the members of body that are not in known into dst.
func keepOthers(dst, body map[string]json.RawMessage, known ...string) {
	for k, v := range body {
		skip := false
		for _, n := range known {
			if strings.EqualFold(k, n) {
				skip = true
			}
		}
		if !skip {
			dst[k] = v
		}
	}
}

// withMembers writes v (a struct) as a JSON object with the extra members added (a member of v
// wins over an extra one of the same name).
func withMembers(v any, extra ...map[string]json.RawMessage) map[string]json.RawMessage {
	b, _ := json.Marshal(v)
	var out map[string]json.RawMessage
	_ = json.Unmarshal(b, &out)
	for _, e := range extra {
		for k, raw := range e {
			if _, ok := out[k]; !ok {
				out[k] = raw
			}
		}
	}
	return out
}

// --- services ---

// brokerServiceJSON is the fake's shape of a broker service: the E-store's members, the
// currency of its prices and whether it was disabled.
type brokerServiceJSON struct {
	ID                      string `json:"id"`
	Name                    string `json:"name"`
	IsResellerCustomService bool   `json:"isResellerCustomService"`
	CurrencyCode            string `json:"currencyCode"`
	Disabled                bool   `json:"disabled"`
}

// brokerServices are the broker's own services: the catalog's broker custom services.
func (s *Server) brokerServices() []*service {
	var out []*service
	for _, svc := range s.st.services {
		if svc.resellerCustom && !svc.csp {
			out = append(out, svc)
		}
	}
	return out
}

func (s *Server) brokerServiceJSON(svc *service, details bool) map[string]json.RawMessage {
	bs := s.broker().service(svc.id)
	j := brokerServiceJSON{ID: svc.id, Name: svc.name, IsResellerCustomService: true, CurrencyCode: svc.currency, Disabled: bs.disabled}
	if !details {
		return withMembers(j)
	}
	out := withMembers(j, bs.extra)
	if len(bs.propertyData) > 0 {
		out["customPropertyData"], _ = json.Marshal(bs.propertyData)
	}
	return out
}

// findBrokerService returns the broker service named by {serviceId} or {id}, or answers 404.
func (s *Server) findBrokerService(w http.ResponseWriter, r *http.Request) *service {
	id := r.PathValue("serviceId")
	if id == "" {
		id = r.PathValue("id")
	}
	return findOr404(w, s.brokerServices(), id, "Service")
}

func (s *Server) listBrokerServices(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.brokerServices(), func(svc *service) map[string]json.RawMessage {
		return s.brokerServiceJSON(svc, false)
	}))
}

func (s *Server) getBrokerService(w http.ResponseWriter, r *http.Request) {
	if svc := s.findBrokerService(w, r); svc != nil {
		writeJSON(w, http.StatusOK, s.brokerServiceJSON(svc, true))
	}
}

// createBrokerService: the fake reads "name"; the other members are kept and answered back.
// The new service is in the E-store of every organization.
func (s *Server) createBrokerService(w http.ResponseWriter, r *http.Request) {
	m, ok := readMembers(w, r)
	if !ok {
		return
	}
	svc := &service{id: newID(), resellerCustom: true, currency: "GBP", brokerPrices: map[string]decimal.Decimal{}}
	_ = json.Unmarshal(m["name"], &svc.name)
	s.st.services = append(s.st.services, svc)
	keepOthers(s.broker().service(svc.id).extra, m, "name", "id")
	writeCreated(w, s.brokerURL("services/%s", svc.id))
}

// updateBrokerService changes the name when sent and keeps the other members.
func (s *Server) updateBrokerService(w http.ResponseWriter, r *http.Request) {
	svc := s.findBrokerService(w, r)
	if svc == nil {
		return
	}
	m, ok := readMembers(w, r)
	if !ok {
		return
	}
	if raw, ok := m["name"]; ok {
		_ = json.Unmarshal(raw, &svc.name)
	}
	keepOthers(s.broker().service(svc.id).extra, m, "name", "id")
	writeNoContent(w)
}

// disableBrokerService marks the service disabled; it stays listed, and what it means for
// organizations is not documented, so the fake changes nothing else.
func (s *Server) disableBrokerService(w http.ResponseWriter, r *http.Request) {
	if svc := s.findBrokerService(w, r); svc != nil {
		s.broker().service(svc.id).disabled = true
		writeNoContent(w)
	}
}

// patchBrokerServiceProperties merges the body's members into the broker's custom-property
// data of a service: one of its own, answered as "customPropertyData" by GET
// .../services/{id}, or a seller's service (the PATCH's summary names seller services),
// kept for BrokerPropertyData.
func (s *Server) patchBrokerServiceProperties(w http.ResponseWriter, r *http.Request) {
	var svc *service
	for _, x := range s.st.services {
		if strings.EqualFold(x.id, r.PathValue("serviceId")) && (x.resellerCustom || x.sellerCustom) && !x.csp {
			svc = x
		}
	}
	if svc == nil {
		notFound(w, "Service '%s' was not found.", r.PathValue("serviceId"))
		return
	}
	m, ok := readMembers(w, r)
	if !ok {
		return
	}
	keepOthers(s.broker().service(svc.id).propertyData, m)
	writeNoContent(w)
}

// brokerPropertyData returns the members the broker's PATCH .../services/{serviceId} set on
// a service (nil when none), for the seller side's view of that data. It runs with s.mu held.
func (s *Server) brokerPropertyData(serviceID string) map[string]json.RawMessage {
	if s.st.broker == nil {
		return nil
	}
	if bs := s.st.broker.services[strings.ToLower(serviceID)]; bs != nil && len(bs.propertyData) > 0 {
		return bs.propertyData
	}
	return nil
}

// brokerSubscriptionJSON is a subscription of a broker service in the broker-wide list: the
// guide's subscription shape with the organization and the product.
type brokerSubscriptionJSON struct {
	subscriptionJSON
	OrganizationID string `json:"organizationId"`
	ProductID      string `json:"productId"`
}

func (s *Server) listBrokerServiceSubscriptions(w http.ResponseWriter, r *http.Request) {
	svc := s.findBrokerService(w, r)
	if svc == nil {
		return
	}
	out := []brokerSubscriptionJSON{}
	for _, o := range s.st.orgs {
		for _, sub := range o.subs {
			if strings.EqualFold(sub.serviceID, svc.id) {
				out = append(out, brokerSubscriptionJSON{sub.json(svc), o.id, sub.productID})
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// --- products ---

// brokerProductBody is the fake's reading of a product create or update: the names of the
// guide's product answers.
type brokerProductBody struct {
	Name               *string          `json:"name"`
	Description        *string          `json:"description"`
	ItemCode           *string          `json:"itemCode"`
	SubscriptionPeriod flexInt          `json:"subscriptionPeriod"`
	PaymentFrequency   flexInt          `json:"paymentFrequency"`
	MinimumQuantity    flexInt          `json:"minimumQuantity"`
	TrialPeriod        flexInt          `json:"trialPeriod"`
	Cost               *decimal.Decimal `json:"cost"`
	Price              *decimal.Decimal `json:"price"`
}

var brokerProductMembers = []string{"id", "name", "description", "itemCode", "subscriptionPeriod", "paymentFrequency",
	"minimumQuantity", "trialPeriod", "cost", "price"}

func (b *brokerProductBody) apply(p *product) {
	setTrimmed(&p.name, b.Name)
	setTrimmed(&p.description, b.Description)
	setTrimmed(&p.itemCode, b.ItemCode)
	for _, f := range []struct {
		src flexInt
		dst *int
	}{{b.SubscriptionPeriod, &p.subscriptionPeriod}, {b.PaymentFrequency, &p.paymentFrequency},
		{b.MinimumQuantity, &p.minimumQuantity}, {b.TrialPeriod, &p.trialPeriod}} {
		if f.src.Set {
			*f.dst = f.src.Value
		}
	}
	if b.Cost != nil {
		p.cost = *b.Cost
	}
	if b.Price != nil {
		p.price = *b.Price
	}
}

// brokerProductJSON is the fake's shape of a broker product: the guide's product members
// with "id".
type brokerProductJSON struct {
	ID                 string           `json:"id"`
	Name               string           `json:"name"`
	Description        string           `json:"description"`
	ItemCode           string           `json:"itemCode"`
	SubscriptionPeriod int              `json:"subscriptionPeriod"`
	PaymentFrequency   int              `json:"paymentFrequency"`
	MinimumQuantity    int              `json:"minimumQuantity"`
	TrialPeriod        int              `json:"trialPeriod"`
	Cost               money            `json:"cost"`
	Price              money            `json:"price"`
	CurrencyCode       string           `json:"currencyCode"`
	CustomProperties   []customProperty `json:"customProperties"`
}

func (s *Server) brokerProductJSON(svc *service, p *product) map[string]json.RawMessage {
	props := p.customProperties
	if props == nil {
		props = []customProperty{}
	}
	return withMembers(brokerProductJSON{ID: p.id, Name: p.name, Description: p.description, ItemCode: p.itemCode,
		SubscriptionPeriod: p.subscriptionPeriod, PaymentFrequency: p.paymentFrequency,
		MinimumQuantity: p.minimumQuantity, TrialPeriod: p.trialPeriod, Cost: money{p.cost}, Price: money{p.price},
		CurrencyCode: svc.currency, CustomProperties: props}, s.broker().service(svc.id).productExtra[strings.ToLower(p.id)])
}

// findBrokerProduct returns the service and the product named by the path ({productId} or
// {id}), or answers 404.
func (s *Server) findBrokerProduct(w http.ResponseWriter, r *http.Request) (*service, *product) {
	svc := s.findBrokerService(w, r)
	if svc == nil {
		return nil, nil
	}
	id := r.PathValue("productId")
	if id == "" {
		id = r.PathValue("id")
	}
	p := findOr404(w, svc.products, id, "Product")
	if p == nil {
		return nil, nil
	}
	return svc, p
}

func (s *Server) listBrokerProducts(w http.ResponseWriter, r *http.Request) {
	if svc := s.findBrokerService(w, r); svc != nil {
		writeJSON(w, http.StatusOK, listOf(svc.products, func(p *product) map[string]json.RawMessage { return s.brokerProductJSON(svc, p) }))
	}
}

func (s *Server) getBrokerProduct(w http.ResponseWriter, r *http.Request) {
	if svc, p := s.findBrokerProduct(w, r); p != nil {
		writeJSON(w, http.StatusOK, s.brokerProductJSON(svc, p))
	}
}

// createBrokerProduct adds a product to the service. Unsent periods default to one month and
// the minimum quantity to 1 (the fake's defaults).
func (s *Server) createBrokerProduct(w http.ResponseWriter, r *http.Request) {
	svc := s.findBrokerService(w, r)
	if svc == nil {
		return
	}
	var b brokerProductBody
	m, ok := readTyped(w, r, &b)
	if !ok {
		return
	}
	p := &product{id: newID(), subscriptionPeriod: 1, paymentFrequency: 1, minimumQuantity: 1, customProperties: []customProperty{}}
	b.apply(p)
	svc.products = append(svc.products, p)
	extra := map[string]json.RawMessage{}
	keepOthers(extra, m, brokerProductMembers...)
	s.broker().service(svc.id).productExtra[strings.ToLower(p.id)] = extra
	writeCreated(w, s.brokerURL("services/%s/products/%s", svc.id, p.id))
}

// updateBrokerProduct changes the members it sends.
func (s *Server) updateBrokerProduct(w http.ResponseWriter, r *http.Request) {
	svc, p := s.findBrokerProduct(w, r)
	if p == nil {
		return
	}
	var b brokerProductBody
	m, ok := readTyped(w, r, &b)
	if !ok {
		return
	}
	b.apply(p)
	bs := s.broker().service(svc.id)
	k := strings.ToLower(p.id)
	if bs.productExtra[k] == nil {
		bs.productExtra[k] = map[string]json.RawMessage{}
	}
	keepOthers(bs.productExtra[k], m, brokerProductMembers...)
	writeNoContent(w)
}

// deleteBrokerProduct removes a product with its add-ons; a product that a subscription uses
// is refused (the fake's subscriptions and billing need their product).
func (s *Server) deleteBrokerProduct(w http.ResponseWriter, r *http.Request) {
	svc, p := s.findBrokerProduct(w, r)
	if p == nil {
		return
	}
	for _, o := range s.st.orgs {
		for _, sub := range o.subs {
			if strings.EqualFold(sub.productID, p.id) {
				invalidValue(w, "Product '%s' is used by subscription '%s'.", p.name, sub.id)
				return
			}
		}
	}
	svc.products = remove(svc.products, p)
	bs := s.broker().service(svc.id)
	delete(bs.productExtra, strings.ToLower(p.id))
	kept := bs.addons[:0]
	for _, a := range bs.addons {
		if !strings.EqualFold(a.productID, p.id) {
			kept = append(kept, a)
		}
	}
	bs.addons = kept
	writeNoContent(w)
}

// readTyped reads a JSON object body into its members and into v, or answers 400.
func readTyped(w http.ResponseWriter, r *http.Request, v any) (map[string]json.RawMessage, bool) {
	m, ok := readMembers(w, r)
	return m, ok && decodeMembers(w, m, v)
}

// decodeMembers decodes the members into v, or answers 400.
func decodeMembers(w http.ResponseWriter, m map[string]json.RawMessage, v any) bool {
	b, _ := json.Marshal(m)
	if err := json.Unmarshal(b, v); err != nil {
		fieldErrors{"": {"The request body is not valid JSON for this operation: " + err.Error()}}.write(w)
		return false
	}
	return true
}

// --- add-ons ---

// brokerAddonBody is an add-on create or update as the SDK types it (CreateBrokerAddonRequest:
// the members of the seller-side add-on example, and cost).
type brokerAddonBody struct {
	Name           *string          `json:"name"`
	ItemCode       *string          `json:"itemCode"`
	EnableGrouping flexBool         `json:"enableGrouping"`
	GroupName      *string          `json:"groupName"`
	Price          *decimal.Decimal `json:"price"`
	Cost           *decimal.Decimal `json:"cost"`
}

var brokerAddonMembers = []string{"id", "name", "itemCode", "enableGrouping", "groupName", "price", "cost"}

func (b *brokerAddonBody) apply(a *brokerAddon) {
	setTrimmed(&a.name, b.Name)
	setTrimmed(&a.itemCode, b.ItemCode)
	setTrimmed(&a.groupName, b.GroupName)
	if b.EnableGrouping.Set {
		a.enableGrouping = b.EnableGrouping.Value
	}
	if b.Price != nil {
		a.price = *b.Price
	}
	if b.Cost != nil {
		a.cost = *b.Cost
	}
}

type brokerAddonJSON struct {
	ID             string `json:"id"`
	ProductID      string `json:"productId"`
	Name           string `json:"name"`
	ItemCode       string `json:"itemCode"`
	EnableGrouping bool   `json:"enableGrouping"`
	GroupName      string `json:"groupName"`
	Price          money  `json:"price"`
	Cost           money  `json:"cost"`
	CurrencyCode   string `json:"currencyCode"`
}

func (a *brokerAddon) json(svc *service) map[string]json.RawMessage {
	return withMembers(brokerAddonJSON{ID: a.id, ProductID: a.productID, Name: a.name, ItemCode: a.itemCode,
		EnableGrouping: a.enableGrouping, GroupName: a.groupName, Price: money{a.price}, Cost: money{a.cost},
		CurrencyCode: svc.currency}, a.extra)
}

// productAddons returns the add-ons of the product.
func (bs *brokerServiceState) productAddons(productID string) []*brokerAddon {
	var out []*brokerAddon
	for _, a := range bs.addons {
		if strings.EqualFold(a.productID, productID) {
			out = append(out, a)
		}
	}
	return out
}

func (s *Server) findBrokerAddon(w http.ResponseWriter, r *http.Request) (*service, *brokerAddon) {
	svc, p := s.findBrokerProduct(w, r)
	if p == nil {
		return nil, nil
	}
	a := findOr404(w, s.broker().service(svc.id).productAddons(p.id), r.PathValue("id"), "Addon")
	if a == nil {
		return nil, nil
	}
	return svc, a
}

func (s *Server) listBrokerAddons(w http.ResponseWriter, r *http.Request) {
	if svc, p := s.findBrokerProduct(w, r); p != nil {
		writeJSON(w, http.StatusOK, listOf(s.broker().service(svc.id).productAddons(p.id),
			func(a *brokerAddon) map[string]json.RawMessage { return a.json(svc) }))
	}
}

func (s *Server) getBrokerAddon(w http.ResponseWriter, r *http.Request) {
	if svc, a := s.findBrokerAddon(w, r); a != nil {
		writeJSON(w, http.StatusOK, a.json(svc))
	}
}

func (s *Server) createBrokerAddon(w http.ResponseWriter, r *http.Request) {
	svc, p := s.findBrokerProduct(w, r)
	if p == nil {
		return
	}
	var b brokerAddonBody
	m, ok := readTyped(w, r, &b)
	if !ok {
		return
	}
	a := &brokerAddon{id: newID(), productID: p.id, extra: map[string]json.RawMessage{}}
	b.apply(a)
	keepOthers(a.extra, m, brokerAddonMembers...)
	bs := s.broker().service(svc.id)
	bs.addons = append(bs.addons, a)
	writeCreated(w, s.brokerURL("services/%s/products/%s/addons/%s", svc.id, p.id, a.id))
}

func (s *Server) updateBrokerAddon(w http.ResponseWriter, r *http.Request) {
	_, a := s.findBrokerAddon(w, r)
	if a == nil {
		return
	}
	var b brokerAddonBody
	m, ok := readTyped(w, r, &b)
	if !ok {
		return
	}
	b.apply(a)
	keepOthers(a.extra, m, brokerAddonMembers...)
	writeNoContent(w)
}

func (s *Server) deleteBrokerAddon(w http.ResponseWriter, r *http.Request) {
	svc, a := s.findBrokerAddon(w, r)
	if a == nil {
		return
	}
	bs := s.broker().service(svc.id)
	bs.addons = remove(bs.addons, a)
	writeNoContent(w)
}

// --- consumption ---

// consumptionBody is a submitted usage record, as the SDK types it
// (SubmitBrokerConsumptionsRequest): subscriptionId and quantity (a number or a numeric
// string) are required; productId or addonId (the subscription's product when neither is sent)
// and billingDate (default: the fake's today) are optional. Other members are kept as sent.
type consumptionBody struct {
	SubscriptionID string           `json:"subscriptionId"`
	ProductID      string           `json:"productId"`
	AddonID        string           `json:"addonId"`
	Quantity       *decimal.Decimal `json:"quantity"`
	BillingDate    string           `json:"billingDate"`
}

func (b *consumptionBody) check(fe fieldErrors) {
	fe.required("subscriptionId", b.SubscriptionID)
	fe.requiredSet("quantity", b.Quantity != nil)
	if b.BillingDate != "" {
		if _, ok := parseDay(b.BillingDate); !ok {
			fe.add("billingDate", "The value '%s' is not valid for billingDate.", b.BillingDate)
		}
	}
}

// submitConsumption stores a usage record for a custom-service subscription. A record for the
// same subscription, item and billing month replaces the earlier one (the fake's choice:
// Cloudmore does not say whether a second submission adds up).
func (s *Server) submitConsumption(w http.ResponseWriter, r *http.Request) {
	doc, ok := readMembers(w, r)
	var b consumptionBody
	if !ok || !decodeMembers(w, doc, &b) {
		return
	}
	fe := fieldErrors{}
	if b.check(fe); fe.write(w) {
		return
	}
	var o *org
	var sub *customSub
	for _, oo := range s.st.orgs {
		if x := find(oo.subs, b.SubscriptionID); x != nil {
			o, sub = oo, x
		}
	}
	if sub == nil {
		invalidValue(w, "Subscription '%s' was not found.", b.SubscriptionID)
		return
	}
	svc := s.st.service(sub.serviceID)
	c := &consumption{orgID: o.id, serviceID: svc.id, subscriptionID: sub.id, quantity: *b.Quantity, billingDate: day(s.now()), doc: doc}
	if b.BillingDate != "" {
		c.billingDate, _ = parseDay(b.BillingDate)
	}
	switch {
	case b.AddonID != "":
		if find(s.broker().service(svc.id).productAddons(sub.productID), b.AddonID) == nil {
			invalidValue(w, "Addon '%s' is not an add-on of the subscription's product.", b.AddonID)
			return
		}
		c.addonID = b.AddonID
	case b.ProductID != "" && !strings.EqualFold(b.ProductID, sub.productID):
		invalidValue(w, "Product '%s' is not the subscription's product.", b.ProductID)
		return
	default:
		c.productID = sub.productID
	}
	bs := s.broker()
	kept := bs.consumed[:0]
	for _, old := range bs.consumed {
		if !(strings.EqualFold(old.subscriptionID, c.subscriptionID) && strings.EqualFold(old.productID, c.productID) &&
			strings.EqualFold(old.addonID, c.addonID) && monthsBetween(old.billingDate, c.billingDate) == 0) {
			kept = append(kept, old)
		}
	}
	bs.consumed = append(kept, c)
	writeNoContent(w)
}

// listConsumptions answers the usage records submitted so far, each as it was sent, in the
// order they were submitted (a record that replaced another takes its place at the end).
// Cloudmore documents neither the filter's members nor the answer's shape (the Swagger model
// names suggest services, subscriptions, products and add-ons), so the fake applies no filter
// and invents no member: the answer is the list of records as sent. Records of a deleted
// organization or subscription are gone.
func (s *Server) listConsumptions(w http.ResponseWriter, r *http.Request) {
	if _, ok := readMembers(w, r); !ok {
		return
	}
	out := []map[string]json.RawMessage{}
	for _, c := range s.broker().consumed {
		if o := find(s.st.orgs, c.orgID); o != nil && find(o.subs, c.subscriptionID) != nil {
			out = append(out, c.doc)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// consumedItem is the name, item code and catalog cost and price (in the service's currency)
// of what a record consumed.
func (s *Server) consumedItem(svc *service, c *consumption) (name, itemCode string, cost, price decimal.Decimal) {
	if c.addonID != "" {
		if a := find(s.broker().service(svc.id).addons, c.addonID); a != nil {
			return a.name, a.itemCode, a.cost, a.price
		}
		return "", "", decimal.Zero, decimal.Zero
	}
	p := svc.product(c.productID)
	if p == nil {
		return "", "", decimal.Zero, decimal.Zero
	}
	return p.name, p.itemCode, p.cost, p.price
}

// consumptionLines returns the billing lines of the usage submitted for the organization's
// subscriptions in the month of billing date d (billed in arrears on that date). A product's
// line has the organization's price for it; an add-on's the add-on's catalog price, converted
// to the currency the organization added the service in. A quantity with decimals is billed
// as one unit at price x quantity (the report's lines hold whole quantities).
func (s *Server) consumptionLines(o *org, d time.Time) []line {
	if s.st.broker == nil {
		return nil
	}
	var out []line
	dd := day(d)
	for _, c := range s.st.broker.consumed {
		if !strings.EqualFold(c.orgID, o.id) || monthsBetween(c.billingDate, dd) != 0 || c.billingDate.After(dd) {
			continue
		}
		svc, os := s.st.service(c.serviceID), o.service(c.serviceID)
		sub := find(o.subs, c.subscriptionID)
		if svc == nil || os == nil || sub == nil {
			continue
		}
		name, code, cost, price := s.consumedItem(svc, c)
		if c.productID != "" {
			if it, ok := svc.priceItem(c.productID); ok {
				cost, price = s.st.orgPrices(os, svc, it, segmentCommercial)
			}
		} else {
			cost, price = convert(cost, svc.currency, os.currency), convert(price, svc.currency, os.currency)
		}
		qty := int(c.quantity.IntPart())
		if !c.quantity.Equal(decimal.NewFromInt(int64(qty))) {
			cost, price, qty = cost.Mul(c.quantity).Round(2), price.Mul(c.quantity).Round(2), 1
		}
		out = append(out, line{serviceID: svc.id, itemName: sub.name, productName: name, productID: c.productID + c.addonID,
			itemCode: code, quantity: qty, resellerUnit: cost, customerUnit: price, currency: os.currency})
	}
	return out
}
