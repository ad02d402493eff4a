package cloudmoretest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// The fake's business state as one JSON document, so that it can outlive the process:
// `cloudmore fake serve --state FILE` and `cloudmore --fake --fake-state FILE` keep it in a file
// between runs. The document mirrors the fake's own data, field for field (each stateX type is
// the unexported x with its fields exported); the test TestStateDocumentCoversEveryField keeps
// the two in step.

// stateFormat names the document's format; LoadState refuses any other.
const stateFormat = "cloudmoretest-state/1"

// SaveState writes the fake's business state to w as one JSON document: the E-store catalogue
// (with the broker's prices, services, products and add-ons), the organizations with their
// users, services, subscriptions and CSP data, the Azure, user-group, manual-billing and
// external-invoice data, the seller's services, webhooks and licence keys, the resources kept
// as they were sent, the consumption submitted, the taken domain prefixes, and the tasks that
// have finished (with their results). LoadState reads it back, into this server or another.
//
// Not kept: the knobs (latency, scripted faults, rate limit), the request log, issued tokens
// (clients get new ones), the clock's offset (Advance), the webhook deliveries, and tasks still
// running: their work is code, not data, so poll them to the end before saving (an NCE upgrade
// whose task is not kept is no longer in progress after LoadState). The Options (ids,
// credentials) are the server's, not the state's.
//
// The document holds the webhooks' Basic passwords and headers as the seller registered them:
// keep it private.
func (s *Server) SaveState(w io.Writer) error {
	s.mu.Lock()
	doc := s.stateDoc()
	b, err := json.MarshalIndent(doc, "", " ")
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("cloudmoretest: SaveState: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// LoadState replaces the fake's business state with the one SaveState wrote to r (see
// SaveState for what it holds). A document of another format, with members SaveState does not
// write, or that contradicts itself (a seller service missing from the catalogue) is an
// error, and the state is left as it was. Webhook deliveries already queued still go out.
func (s *Server) LoadState(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("cloudmoretest: LoadState: %w", err)
	}
	var doc stateDocument
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	dec.UseNumber() // the documents kept as sent keep their numbers' digits
	if err := dec.Decode(&doc); err != nil {
		return fmt.Errorf("cloudmoretest: LoadState: not a state document: %w", err)
	}
	if doc.Format != stateFormat {
		return fmt.Errorf("cloudmoretest: LoadState: format %q, want %q", doc.Format, stateFormat)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, hooks, err := doc.restore(s.opts)
	if err != nil {
		return fmt.Errorf("cloudmoretest: LoadState: %w", err)
	}
	s.st = st
	s.hooks.hooks, s.hooks.services, s.hooks.licences, s.hooks.brokerAdded = hooks.hooks, hooks.services, hooks.licences, hooks.brokerAdded
	return nil
}

// stateDocument is the whole document.
type stateDocument struct {
	Format        string                                `json:"format"`
	Services      []stateService                        `json:"services"`
	Orgs          []stateOrg                            `json:"orgs"`
	TakenPrefixes map[string]bool                       `json:"takenPrefixes"`
	CSPUnlinked   []stateCSPTenant                      `json:"cspUnlinked"`
	Tasks         []stateTask                           `json:"tasks"`
	Broker        *stateBroker                          `json:"broker"`
	Docs          map[string]stateDocCollection         `json:"docs"`
	Ext           stateExt                              `json:"ext"`
	Hooks         []stateHook                           `json:"webhooks"`
	SellerSvcs    []stateSellerSvc                      `json:"sellerServices"`
	Licences      map[string]map[string]json.RawMessage `json:"licences"`
	BrokerAdded   map[string]bool                       `json:"brokerAdded"`
}

// decimalText writes d with its scale ("50.00" stays "50.00", which .NET-style answers show).
func decimalText(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}

func decimalMap(m map[string]decimal.Decimal) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = decimalText(v)
	}
	return out
}

// restorer turns the document back into the fake's data, keeping the first error.
type restorer struct{ err error }

func (r *restorer) dec(s, where string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("%s: %q is not a decimal", where, s)
	}
	return d
}

func (r *restorer) decMap(m map[string]string, where string) map[string]decimal.Decimal {
	if m == nil {
		return nil
	}
	out := make(map[string]decimal.Decimal, len(m))
	for k, v := range m {
		out[k] = r.dec(v, where)
	}
	return out
}

// stateService is a service.
type stateService struct {
	ID             string            `json:"id"`
	Name           string            `json:"name"`
	ResellerCustom bool              `json:"resellerCustom"`
	SellerCustom   bool              `json:"sellerCustom"`
	CSP            bool              `json:"csp"`
	Currency       string            `json:"currency"`
	Products       []stateProduct    `json:"products"`
	CSPProducts    []stateCSPProduct `json:"cspProducts"`
	NCEProducts    []stateNCEProduct `json:"nceProducts"`
	BrokerPrices   map[string]string `json:"brokerPrices"`
}

// stateProduct is a product.
type stateProduct struct {
	ID                 string           `json:"id"`
	Name               string           `json:"name"`
	Description        string           `json:"description"`
	ItemCode           string           `json:"itemCode"`
	SubscriptionPeriod int              `json:"subscriptionPeriod"`
	PaymentFrequency   int              `json:"paymentFrequency"`
	MinimumQuantity    int              `json:"minimumQuantity"`
	TrialPeriod        int              `json:"trialPeriod"`
	Cost               string           `json:"cost"`
	Price              string           `json:"price"`
	CustomProperties   []customProperty `json:"customProperties"`
}

// stateCSPProduct is a cspProduct.
type stateCSPProduct struct {
	OfferID       string `json:"offerId"`
	ProductID     string `json:"productId"`
	Category      string `json:"category"`
	Name          string `json:"name"`
	UnitType      string `json:"unitType"`
	Description   string `json:"description"`
	Min           int    `json:"min"`
	Max           int    `json:"max"`
	Cost          string `json:"cost"`
	Price         string `json:"price"`
	BillingCycles []int  `json:"billingCycles"`
}

// stateNCEProduct is an nceProduct.
type stateNCEProduct struct {
	ProductID string   `json:"productId"`
	SkuID     string   `json:"skuId"`
	Name      string   `json:"name"`
	Term      string   `json:"term"`
	Billing   string   `json:"billing"`
	Cost      string   `json:"cost"`
	Price     string   `json:"price"`
	Segments  []string `json:"segments"`
}

func saveService(v *service) stateService {
	out := stateService{ID: v.id, Name: v.name, ResellerCustom: v.resellerCustom, SellerCustom: v.sellerCustom,
		CSP: v.csp, Currency: v.currency, BrokerPrices: decimalMap(v.brokerPrices)}
	if v.products != nil {
		out.Products = []stateProduct{}
	}
	for _, p := range v.products {
		out.Products = append(out.Products, stateProduct{ID: p.id, Name: p.name, Description: p.description, ItemCode: p.itemCode,
			SubscriptionPeriod: p.subscriptionPeriod, PaymentFrequency: p.paymentFrequency, MinimumQuantity: p.minimumQuantity,
			TrialPeriod: p.trialPeriod, Cost: decimalText(p.cost), Price: decimalText(p.price), CustomProperties: p.customProperties})
	}
	for _, p := range v.cspProducts {
		out.CSPProducts = append(out.CSPProducts, stateCSPProduct{OfferID: p.offerID, ProductID: p.productID, Category: p.category,
			Name: p.name, UnitType: p.unitType, Description: p.description, Min: p.min, Max: p.max,
			Cost: decimalText(p.cost), Price: decimalText(p.price), BillingCycles: p.billingCycles})
	}
	for _, p := range v.nceProducts {
		out.NCEProducts = append(out.NCEProducts, stateNCEProduct{ProductID: p.productID, SkuID: p.skuID, Name: p.name, Term: p.term,
			Billing: p.billing, Cost: decimalText(p.cost), Price: decimalText(p.price), Segments: p.segments})
	}
	return out
}

func (r *restorer) service(v stateService) *service {
	out := &service{id: v.ID, name: v.Name, resellerCustom: v.ResellerCustom, sellerCustom: v.SellerCustom, csp: v.CSP,
		currency: v.Currency, brokerPrices: r.decMap(v.BrokerPrices, "brokerPrices of service "+v.ID)}
	if v.Products != nil {
		out.products = []*product{}
	}
	for _, p := range v.Products {
		out.products = append(out.products, &product{id: p.ID, name: p.Name, description: p.Description, itemCode: p.ItemCode,
			subscriptionPeriod: p.SubscriptionPeriod, paymentFrequency: p.PaymentFrequency, minimumQuantity: p.MinimumQuantity,
			trialPeriod: p.TrialPeriod, cost: r.dec(p.Cost, "cost of product "+p.ID), price: r.dec(p.Price, "price of product "+p.ID),
			customProperties: p.CustomProperties})
	}
	for _, p := range v.CSPProducts {
		out.cspProducts = append(out.cspProducts, &cspProduct{offerID: p.OfferID, productID: p.ProductID, category: p.Category,
			name: p.Name, unitType: p.UnitType, description: p.Description, min: p.Min, max: p.Max,
			cost: r.dec(p.Cost, "cost of offer "+p.OfferID), price: r.dec(p.Price, "price of offer "+p.OfferID), billingCycles: p.BillingCycles})
	}
	for _, p := range v.NCEProducts {
		out.nceProducts = append(out.nceProducts, &nceProduct{productID: p.ProductID, skuID: p.SkuID, name: p.Name, term: p.Term,
			billing: p.Billing, cost: r.dec(p.Cost, "cost of "+p.ProductID), price: r.dec(p.Price, "price of "+p.ProductID),
			segments: p.Segments})
	}
	return out
}

// stateOrg is an org.
type stateOrg struct {
	ID                  string                `json:"id"`
	Name                string                `json:"name"`
	DisplayName         string                `json:"displayName"`
	RegistrationNumber  string                `json:"registrationNumber"`
	VAT                 string                `json:"vat"`
	HomePage            string                `json:"homePage"`
	CustomerNumber      string                `json:"customerNumber"`
	NotificationEmail   string                `json:"notificationEmail"`
	EconomicID          string                `json:"economicId"`
	PrimaryDomain       string                `json:"primaryDomain"`
	Contact             orgContact            `json:"contact"`
	Address             orgAddress            `json:"address"`
	ApprovalTriggeredOn *string               `json:"approvalTriggeredOn"`
	CustomProperties    []customPropertyValue `json:"customProperties"`
	CreatedAt           time.Time             `json:"createdAt"`
	HasContact          bool                  `json:"hasContact"`
	HasAddress          bool                  `json:"hasAddress"`
	Users               []stateUser           `json:"users"`
	Services            []stateOrgService     `json:"services"`
	Subs                []stateCustomSub      `json:"subs"`
	CSP                 *stateCSPTenant       `json:"csp"`
	CSPSubs             []stateCSPSub         `json:"cspSubs"`
	NCESubs             []stateNCESub         `json:"nceSubs"`
}

// stateUser is a user.
type stateUser struct {
	ID               string                `json:"id"`
	Name             string                `json:"name"`
	FirstName        string                `json:"firstName"`
	LastName         string                `json:"lastName"`
	DisplayName      string                `json:"displayName"`
	Email            string                `json:"email"`
	Phone            string                `json:"phone"`
	RoleID           string                `json:"roleId"`
	CustomProperties []customPropertyValue `json:"customProperties"`
}

// stateOrgService is an orgService.
type stateOrgService struct {
	ServiceID string                     `json:"serviceId"`
	Currency  string                     `json:"currency"`
	AddedAt   time.Time                  `json:"addedAt"`
	Prices    map[string]string          `json:"prices"`
	Fees      map[string]string          `json:"fees"`
	Data      map[string]json.RawMessage `json:"data"`
	Props     map[string]json.RawMessage `json:"props"`
}

// stateCustomSub is a customSub.
type stateCustomSub struct {
	ID              string              `json:"id"`
	ServiceID       string              `json:"serviceId"`
	ProductID       string              `json:"productId"`
	Name            string              `json:"name"`
	PoNumber        string              `json:"poNumber"`
	Quantity        int                 `json:"quantity"`
	Period          int                 `json:"period"`
	BillingInterval int                 `json:"billingInterval"`
	Trial           bool                `json:"trial"`
	AutoRenew       bool                `json:"autoRenew"`
	Cancelled       bool                `json:"cancelled"`
	Start           time.Time           `json:"start"`
	End             time.Time           `json:"end"`
	CancelledAt     time.Time           `json:"cancelledAt"`
	History         []stateHistoryEvent `json:"history"`
	Users           []subUser           `json:"users"`
}

// stateHistoryEvent is a historyEvent (its date with its zone: stamp writes none).
type stateHistoryEvent struct {
	Date        time.Time `json:"date"`
	Action      string    `json:"action"`
	Quantity    int       `json:"quantity"`
	Description string    `json:"description"`
}

// stateCSPTenant is a cspTenant.
type stateCSPTenant struct {
	DomainPrefix     string              `json:"domainPrefix"`
	ContactEmail     string              `json:"contactEmail"`
	ContactFirstName string              `json:"contactFirstName"`
	ContactLastName  string              `json:"contactLastName"`
	ContactPhone     string              `json:"contactPhone"`
	Agreement        stateCloudAgreement `json:"agreement"`
	AddedAt          time.Time           `json:"addedAt"`
	Users            []cspUser           `json:"users"`
	TenantID         string              `json:"tenantId"`
}

// stateCloudAgreement is a cloudAgreement (its date too: the answer leaves it out).
type stateCloudAgreement struct {
	PrimaryContact agreementContact `json:"primaryContact"`
	DateAgreed     time.Time        `json:"dateAgreed"`
}

// stateCSPSub is a cspSub.
type stateCSPSub struct {
	ID           string    `json:"id"`
	OfferID      string    `json:"offerId"`
	FriendlyName string    `json:"friendlyName"`
	PoNumber     string    `json:"poNumber"`
	Quantity     int       `json:"quantity"`
	BillingCycle int       `json:"billingCycle"`
	Status       string    `json:"status"`
	Created      time.Time `json:"created"`
	SuspendedAt  time.Time `json:"suspendedAt"`
}

// stateNCESub is an nceSub.
type stateNCESub struct {
	Doc     map[string]json.RawMessage `json:"doc"` // the subscription as it was sent, with its id
	Created time.Time                  `json:"created"`
	Upgrade string                     `json:"upgrade"` // the task id of its last upgrade, when that finished
}

func saveTenant(t *cspTenant) *stateCSPTenant {
	if t == nil {
		return nil
	}
	return &stateCSPTenant{DomainPrefix: t.domainPrefix, ContactEmail: t.contactEmail, ContactFirstName: t.contactFirstName,
		ContactLastName: t.contactLastName, ContactPhone: t.contactPhone,
		Agreement: stateCloudAgreement{PrimaryContact: t.agreement.PrimaryContact, DateAgreed: t.agreement.DateAgreed},
		AddedAt:   t.addedAt, Users: t.users, TenantID: t.tenantID}
}

func restoreTenant(t *stateCSPTenant) *cspTenant {
	if t == nil {
		return nil
	}
	return &cspTenant{domainPrefix: t.DomainPrefix, contactEmail: t.ContactEmail, contactFirstName: t.ContactFirstName,
		contactLastName: t.ContactLastName, contactPhone: t.ContactPhone,
		agreement: cloudAgreement{PrimaryContact: t.Agreement.PrimaryContact, DateAgreed: t.Agreement.DateAgreed},
		addedAt:   t.AddedAt, users: t.Users, tenantID: t.TenantID}
}

// saveOrg writes an organization; an NCE upgrade whose task is still running is left out, as
// the task is.
func saveOrg(o *org, tasks map[string]*task) stateOrg {
	out := stateOrg{ID: o.id, Name: o.name, DisplayName: o.displayName, RegistrationNumber: o.registrationNumber, VAT: o.vat,
		HomePage: o.homePage, CustomerNumber: o.customerNumber, NotificationEmail: o.notificationEmail, EconomicID: o.economicID,
		PrimaryDomain: o.primaryDomain, Contact: o.contact, Address: o.address, CustomProperties: o.customProperties,
		CreatedAt: o.createdAt, HasContact: o.hasContact, HasAddress: o.hasAddress, CSP: saveTenant(o.csp)}
	if o.approvalTriggeredOn != nil {
		t := decimalText(*o.approvalTriggeredOn)
		out.ApprovalTriggeredOn = &t
	}
	for _, u := range o.users {
		out.Users = append(out.Users, stateUser{ID: u.id, Name: u.name, FirstName: u.firstName, LastName: u.lastName,
			DisplayName: u.displayName, Email: u.email, Phone: u.phone, RoleID: u.roleID, CustomProperties: u.customProperties})
	}
	for _, v := range o.services {
		out.Services = append(out.Services, stateOrgService{ServiceID: v.serviceID, Currency: v.currency, AddedAt: v.addedAt,
			Prices: decimalMap(v.prices), Fees: decimalMap(v.fees), Data: v.data, Props: v.props})
	}
	for _, v := range o.subs {
		sub := stateCustomSub{ID: v.id, ServiceID: v.serviceID, ProductID: v.productID, Name: v.name, PoNumber: v.poNumber,
			Quantity: v.quantity, Period: v.period, BillingInterval: v.billingInterval, Trial: v.trial, AutoRenew: v.autoRenew,
			Cancelled: v.cancelled, Start: v.start, End: v.end, CancelledAt: v.cancelledAt, Users: v.users}
		if v.history != nil {
			sub.History = []stateHistoryEvent{}
		}
		for _, h := range v.history {
			sub.History = append(sub.History, stateHistoryEvent{Date: time.Time(h.Date), Action: h.Action, Quantity: h.Quantity, Description: h.Description})
		}
		out.Subs = append(out.Subs, sub)
	}
	for _, v := range o.cspSubs {
		out.CSPSubs = append(out.CSPSubs, stateCSPSub{ID: v.id, OfferID: v.offerID, FriendlyName: v.friendlyName, PoNumber: v.poNumber,
			Quantity: v.quantity, BillingCycle: v.billingCycle, Status: v.status, Created: v.created, SuspendedAt: v.suspendedAt})
	}
	for _, v := range o.nceSubs {
		sub := stateNCESub{Doc: v.doc, Created: v.created}
		if up := v.upgrade; up != "" && tasks[up] != nil && tasks[up].done {
			sub.Upgrade = up
		}
		out.NCESubs = append(out.NCESubs, sub)
	}
	return out
}

// org restores an organization; an NCE upgrade whose task is not in tasks is dropped (its
// task was running when the state was saved).
func (r *restorer) org(v stateOrg, tasks map[string]*task) *org {
	o := &org{id: v.ID, name: v.Name, displayName: v.DisplayName, registrationNumber: v.RegistrationNumber, vat: v.VAT,
		homePage: v.HomePage, customerNumber: v.CustomerNumber, notificationEmail: v.NotificationEmail, economicID: v.EconomicID,
		primaryDomain: v.PrimaryDomain, contact: v.Contact, address: v.Address, customProperties: v.CustomProperties,
		createdAt: v.CreatedAt, hasContact: v.HasContact, hasAddress: v.HasAddress, csp: restoreTenant(v.CSP)}
	if v.ApprovalTriggeredOn != nil {
		d := r.dec(*v.ApprovalTriggeredOn, "approvalTriggeredOn of organization "+v.ID)
		o.approvalTriggeredOn = &d
	}
	for _, u := range v.Users {
		o.users = append(o.users, &user{id: u.ID, name: u.Name, firstName: u.FirstName, lastName: u.LastName,
			displayName: u.DisplayName, email: u.Email, phone: u.Phone, roleID: u.RoleID, customProperties: u.CustomProperties})
	}
	for _, s := range v.Services {
		where := "service " + s.ServiceID + " of organization " + v.ID
		o.services = append(o.services, &orgService{serviceID: s.ServiceID, currency: s.Currency, addedAt: s.AddedAt,
			prices: r.decMap(s.Prices, where), fees: r.decMap(s.Fees, where), data: s.Data, props: s.Props})
	}
	for _, s := range v.Subs {
		sub := &customSub{id: s.ID, serviceID: s.ServiceID, productID: s.ProductID, name: s.Name, poNumber: s.PoNumber,
			quantity: s.Quantity, period: s.Period, billingInterval: s.BillingInterval, trial: s.Trial, autoRenew: s.AutoRenew,
			cancelled: s.Cancelled, start: s.Start, end: s.End, cancelledAt: s.CancelledAt, users: s.Users}
		if s.History != nil {
			sub.history = []historyEvent{}
		}
		for _, h := range s.History {
			sub.history = append(sub.history, historyEvent{Date: stamp(h.Date), Action: h.Action, Quantity: h.Quantity, Description: h.Description})
		}
		o.subs = append(o.subs, sub)
	}
	for _, s := range v.CSPSubs {
		o.cspSubs = append(o.cspSubs, &cspSub{id: s.ID, offerID: s.OfferID, friendlyName: s.FriendlyName, poNumber: s.PoNumber,
			quantity: s.Quantity, billingCycle: s.BillingCycle, status: s.Status, created: s.Created, suspendedAt: s.SuspendedAt})
	}
	for _, s := range v.NCESubs {
		sub := &nceSub{doc: extrasDoc(s.Doc), created: s.Created}
		if s.Upgrade != "" && tasks[s.Upgrade] != nil {
			sub.upgrade = s.Upgrade
		}
		o.nceSubs = append(o.nceSubs, sub)
	}
	return o
}

// stateTask is a task that has finished: its result as it was answered.
type stateTask struct {
	ID     string          `json:"id"`
	Kind   string          `json:"kind"`
	Scope  string          `json:"scope"`
	Result json.RawMessage `json:"result"`
}

// stateBroker is a brokerState.
type stateBroker struct {
	Services map[string]stateBrokerService `json:"services"`
	Consumed []stateConsumption            `json:"consumed"`
}

// stateBrokerService is a brokerServiceState.
type stateBrokerService struct {
	Disabled     bool                                  `json:"disabled"`
	Extra        map[string]json.RawMessage            `json:"extra"`
	PropertyData map[string]json.RawMessage            `json:"propertyData"`
	ProductExtra map[string]map[string]json.RawMessage `json:"productExtra"`
	Addons       []stateBrokerAddon                    `json:"addons"`
}

// stateBrokerAddon is a brokerAddon.
type stateBrokerAddon struct {
	ID             string                     `json:"id"`
	ProductID      string                     `json:"productId"`
	Name           string                     `json:"name"`
	ItemCode       string                     `json:"itemCode"`
	GroupName      string                     `json:"groupName"`
	EnableGrouping bool                       `json:"enableGrouping"`
	Price          string                     `json:"price"`
	Cost           string                     `json:"cost"`
	Extra          map[string]json.RawMessage `json:"extra"`
}

// stateConsumption is a consumption.
type stateConsumption struct {
	OrgID          string    `json:"orgId"`
	ServiceID      string    `json:"serviceId"`
	SubscriptionID string    `json:"subscriptionId"`
	ProductID      string    `json:"productId"`
	AddonID        string    `json:"addonId"`
	Quantity       string    `json:"quantity"`
	BillingDate    time.Time `json:"billingDate"`
	// Doc is the record as it was sent.
	Doc map[string]json.RawMessage `json:"doc"`
}

// stateDocCollection is a docCollection.
type stateDocCollection struct {
	IDs  []string                  `json:"ids"`
	Docs map[string]map[string]any `json:"docs"`
}

// stateExt is the extState.
type stateExt struct {
	Azure    map[string]stateAzureOrg          `json:"azure"`
	Groups   map[string][]stateUserGroup       `json:"groups"`
	Manual   map[string][]stateManualLine      `json:"manual"`
	Invoices map[string][]stateExternalInvoice `json:"invoices"`
}

// stateAzureOrg is an azureOrg.
type stateAzureOrg struct {
	Added   bool                   `json:"added"`
	Service extrasDoc              `json:"service"`
	AddedAt time.Time              `json:"addedAt"`
	Plan    *stateAzurePlan        `json:"plan"`
	Roles   map[string][]extrasDoc `json:"roles"`
}

// stateAzurePlan is an azurePlan.
type stateAzurePlan struct {
	Sub          extrasDoc   `json:"sub"`
	Entitlements []extrasDoc `json:"entitlements"`
}

// stateUserGroup is a userGroup.
type stateUserGroup struct {
	Doc     extrasDoc   `json:"doc"`
	Members []extrasDoc `json:"members"`
}

// stateManualLine is a manualLine.
type stateManualLine struct {
	Doc          extrasDoc `json:"doc"`
	BillingDate  time.Time `json:"billingDate"`
	ServiceID    string    `json:"serviceId"`
	ProductID    string    `json:"productId"`
	Quantity     string    `json:"quantity"`
	ResellerUnit string    `json:"resellerUnit"`
	CustomerUnit string    `json:"customerUnit"`
}

// stateExternalInvoice is an externalInvoice.
type stateExternalInvoice struct {
	Doc     extrasDoc `json:"doc"`
	Created time.Time `json:"created"`
}

// stateHook is a sellerHook (with its Basic password: the file is private).
type stateHook struct {
	ID            string                     `json:"id"`
	Name          string                     `json:"name"`
	ServiceID     string                     `json:"serviceId"`
	URL           string                     `json:"url"`
	HTTPHeader    string                     `json:"httpHeader"`
	BasicUser     string                     `json:"basicUser"`
	BasicPassword string                     `json:"basicPassword"`
	MessageType   string                     `json:"messageType"`
	Trigger       string                     `json:"trigger"`
	Extra         map[string]json.RawMessage `json:"extra"`
}

// stateSellerSvc is a sellerSvc; Svc is the id of its service in the catalogue.
type stateSellerSvc struct {
	Svc                string                     `json:"svc"`
	VendorName         string                     `json:"vendorName"`
	AllowMultipleUsers bool                       `json:"allowMultipleUsers"`
	Published          bool                       `json:"published"`
	Extra              map[string]json.RawMessage `json:"extra"`
}

// stateDoc builds the document. It runs with s.mu held.
func (s *Server) stateDoc() *stateDocument {
	st := s.st
	doc := &stateDocument{Format: stateFormat, TakenPrefixes: st.takenPrefixes, Licences: s.hooks.licences, BrokerAdded: s.hooks.brokerAdded}
	for _, v := range st.services {
		doc.Services = append(doc.Services, saveService(v))
	}
	for _, o := range st.orgs {
		doc.Orgs = append(doc.Orgs, saveOrg(o, st.tasks))
	}
	for _, t := range st.cspUnlinked {
		doc.CSPUnlinked = append(doc.CSPUnlinked, *saveTenant(t))
	}
	for _, id := range slices.Sorted(maps.Keys(st.tasks)) {
		t := st.tasks[id]
		if !t.done {
			continue // running: its work is a closure
		}
		b, err := json.Marshal(t.result)
		if err != nil {
			continue // cannot happen: results are answers the fake wrote already
		}
		doc.Tasks = append(doc.Tasks, stateTask{ID: t.id, Kind: t.kind, Scope: t.scope, Result: b})
	}
	if b := st.broker; b != nil {
		sb := &stateBroker{Services: map[string]stateBrokerService{}}
		for k, v := range b.services {
			bs := stateBrokerService{Disabled: v.disabled, Extra: v.extra, PropertyData: v.propertyData, ProductExtra: v.productExtra}
			for _, a := range v.addons {
				bs.Addons = append(bs.Addons, stateBrokerAddon{ID: a.id, ProductID: a.productID, Name: a.name, ItemCode: a.itemCode,
					GroupName: a.groupName, EnableGrouping: a.enableGrouping, Price: decimalText(a.price), Cost: decimalText(a.cost), Extra: a.extra})
			}
			sb.Services[k] = bs
		}
		for _, c := range b.consumed {
			sb.Consumed = append(sb.Consumed, stateConsumption{OrgID: c.orgID, ServiceID: c.serviceID, SubscriptionID: c.subscriptionID,
				ProductID: c.productID, AddonID: c.addonID, Quantity: decimalText(c.quantity), BillingDate: c.billingDate, Doc: c.doc})
		}
		doc.Broker = sb
	}
	if st.docs.cols != nil {
		doc.Docs = map[string]stateDocCollection{}
		for k, c := range st.docs.cols {
			doc.Docs[k] = stateDocCollection{IDs: c.ids, Docs: c.docs}
		}
	}
	doc.Ext = stateExt{Azure: map[string]stateAzureOrg{}, Groups: map[string][]stateUserGroup{},
		Manual: map[string][]stateManualLine{}, Invoices: map[string][]stateExternalInvoice{}}
	for k, a := range st.ext.azure {
		sa := stateAzureOrg{Added: a.added, Service: a.service, AddedAt: a.addedAt, Roles: a.roles}
		if a.plan != nil {
			sa.Plan = &stateAzurePlan{Sub: a.plan.sub, Entitlements: a.plan.entitlements}
		}
		doc.Ext.Azure[k] = sa
	}
	for k, gs := range st.ext.groups {
		out := []stateUserGroup{}
		for _, g := range gs {
			out = append(out, stateUserGroup{Doc: g.doc, Members: g.members})
		}
		doc.Ext.Groups[k] = out
	}
	for k, ls := range st.ext.manual {
		out := []stateManualLine{}
		for _, l := range ls {
			out = append(out, stateManualLine{Doc: l.doc, BillingDate: l.billingDate, ServiceID: l.serviceID, ProductID: l.productID,
				Quantity: decimalText(l.quantity), ResellerUnit: decimalText(l.resellerUnit), CustomerUnit: decimalText(l.customerUnit)})
		}
		doc.Ext.Manual[k] = out
	}
	for k, is := range st.ext.invoices {
		out := []stateExternalInvoice{}
		for _, i := range is {
			out = append(out, stateExternalInvoice{Doc: i.doc, Created: i.created})
		}
		doc.Ext.Invoices[k] = out
	}
	for _, h := range s.hooks.hooks {
		doc.Hooks = append(doc.Hooks, stateHook{ID: h.id, Name: h.name, ServiceID: h.serviceID, URL: h.url, HTTPHeader: h.httpHeader,
			BasicUser: h.basicUser, BasicPassword: h.basicPassword, MessageType: h.messageType, Trigger: h.trigger, Extra: h.extra})
	}
	for _, ss := range s.hooks.services {
		doc.SellerSvcs = append(doc.SellerSvcs, stateSellerSvc{Svc: ss.svc.id, VendorName: ss.vendorName,
			AllowMultipleUsers: ss.allowMultipleUsers, Published: ss.published, Extra: ss.extra})
	}
	return doc
}

// restoredHooks is the seller part of the state (webhookState's business fields).
type restoredHooks struct {
	hooks       []*sellerHook
	services    []*sellerSvc
	licences    map[string]map[string]json.RawMessage
	brokerAdded map[string]bool
}

// restore builds the fake's data from the document.
func (doc *stateDocument) restore(opts Options) (*state, restoredHooks, error) {
	r := &restorer{}
	st := &state{opts: opts, takenPrefixes: doc.TakenPrefixes, tasks: map[string]*task{}, ext: newExtState()}
	if st.takenPrefixes == nil {
		st.takenPrefixes = map[string]bool{}
	}
	for _, t := range doc.Tasks {
		st.tasks[t.ID] = &task{id: t.ID, kind: t.Kind, scope: t.Scope, done: true, result: t.Result}
	}
	for _, v := range doc.Services {
		st.services = append(st.services, r.service(v))
	}
	for _, v := range doc.Orgs {
		st.orgs = append(st.orgs, r.org(v, st.tasks))
	}
	for i := range doc.CSPUnlinked {
		st.cspUnlinked = append(st.cspUnlinked, restoreTenant(&doc.CSPUnlinked[i]))
	}
	if b := doc.Broker; b != nil {
		st.broker = &brokerState{services: map[string]*brokerServiceState{}}
		for k, v := range b.Services {
			bs := &brokerServiceState{disabled: v.Disabled, extra: v.Extra, propertyData: v.PropertyData, productExtra: v.ProductExtra}
			for _, a := range v.Addons {
				bs.addons = append(bs.addons, &brokerAddon{id: a.ID, productID: a.ProductID, name: a.Name, itemCode: a.ItemCode,
					groupName: a.GroupName, enableGrouping: a.EnableGrouping, price: r.dec(a.Price, "price of add-on "+a.ID),
					cost: r.dec(a.Cost, "cost of add-on "+a.ID), extra: a.Extra})
			}
			st.broker.services[k] = bs
		}
		for _, c := range b.Consumed {
			st.broker.consumed = append(st.broker.consumed, &consumption{orgID: c.OrgID, serviceID: c.ServiceID, subscriptionID: c.SubscriptionID,
				productID: c.ProductID, addonID: c.AddonID, quantity: r.dec(c.Quantity, "consumption quantity"), billingDate: c.BillingDate, doc: c.Doc})
		}
	}
	if doc.Docs != nil {
		st.docs.cols = map[string]*docCollection{}
		for k, c := range doc.Docs {
			if c.Docs == nil {
				c.Docs = map[string]map[string]any{}
			}
			st.docs.cols[k] = &docCollection{ids: c.IDs, docs: c.Docs}
		}
	}
	for k, a := range doc.Ext.Azure {
		ao := &azureOrg{added: a.Added, service: a.Service, addedAt: a.AddedAt, roles: a.Roles}
		if a.Plan != nil {
			ao.plan = &azurePlan{sub: a.Plan.Sub, entitlements: a.Plan.Entitlements}
		}
		st.ext.azure[k] = ao
	}
	for k, gs := range doc.Ext.Groups {
		st.ext.groups[k] = make([]*userGroup, 0, len(gs))
		for _, g := range gs {
			st.ext.groups[k] = append(st.ext.groups[k], &userGroup{doc: g.Doc, members: g.Members})
		}
	}
	for k, ls := range doc.Ext.Manual {
		st.ext.manual[k] = make([]*manualLine, 0, len(ls))
		for _, l := range ls {
			st.ext.manual[k] = append(st.ext.manual[k], &manualLine{doc: l.Doc, billingDate: l.BillingDate, serviceID: l.ServiceID,
				productID: l.ProductID, quantity: r.dec(l.Quantity, "manual billing quantity"),
				resellerUnit: r.dec(l.ResellerUnit, "manual billing reseller unit price"), customerUnit: r.dec(l.CustomerUnit, "manual billing customer unit price")})
		}
	}
	for k, is := range doc.Ext.Invoices {
		st.ext.invoices[k] = make([]*externalInvoice, 0, len(is))
		for _, i := range is {
			st.ext.invoices[k] = append(st.ext.invoices[k], &externalInvoice{doc: i.Doc, created: i.Created})
		}
	}
	h := restoredHooks{licences: doc.Licences, brokerAdded: doc.BrokerAdded}
	for _, v := range doc.Hooks {
		h.hooks = append(h.hooks, &sellerHook{id: v.ID, name: v.Name, serviceID: v.ServiceID, url: v.URL, httpHeader: v.HTTPHeader,
			basicUser: v.BasicUser, basicPassword: v.BasicPassword, messageType: v.MessageType, trigger: v.Trigger, extra: v.Extra})
	}
	for _, v := range doc.SellerSvcs {
		svc := st.service(v.Svc)
		if svc == nil {
			return nil, h, fmt.Errorf("seller service %s is not in the catalogue (services)", v.Svc)
		}
		h.services = append(h.services, &sellerSvc{svc: svc, vendorName: v.VendorName, allowMultipleUsers: v.AllowMultipleUsers,
			published: v.Published, extra: v.Extra})
	}
	if r.err != nil {
		return nil, h, r.err
	}
	return st, h, nil
}
