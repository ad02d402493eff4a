package cloudmoretest

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Ids of the E-store services every fake has (the ids of Cloudmore's API guide examples).
const (
	// BoxServiceID is the id of "Box.com", a broker custom service with the guide's "Gold" product.
	BoxServiceID = "a65727d5-3d23-455d-9ee6-9c843e13dd0a"
	// CSPServiceID is the id of "Microsoft O365 CSP Direct".
	CSPServiceID = "881ae94a-b03a-4da5-8e67-21ea8d77dfb5"
	// GoldProductID is the id of Box.com's "Gold" product (12-month period, paid monthly,
	// cost 50.00, price 100.00 GBP, minimum quantity 1).
	GoldProductID = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
	// EnterpriseProductID is Box.com's "Box Enterprise": minimum quantity 5, one trial month.
	EnterpriseProductID = "587c84f5-820c-4673-97e5-dd99e3e17623"
	// StarterProductID is Box.com's "Box Starter": one-month period, minimum quantity 1.
	StarterProductID = "573b0152-805e-428e-bab2-ee8e573f51a1"
	// AIBuilderOfferID is the Microsoft offer id of the guide's "AI Builder Capacity add-on".
	AIBuilderOfferID = "7779A4BA-BD21-457C-8B3F-B3BAA74FC99C"
	// BusinessBasicOfferID is the legacy offer "Microsoft 365 Business Basic" (1..300 seats).
	BusinessBasicOfferID = "3451A3B0-8CDA-44A7-BAD7-C30BE81C4AAA"
	// BusinessBasicNCE is the NCE item code of Microsoft 365 Business Basic, one-year term
	// billed monthly; other NCE item codes follow the pattern productId:skuId:term:billing.
	BusinessBasicNCE = "CFQ7TTC0LH18:0001:P1Y:Monthly"
)

// Ids of the seed data (NoSeed leaves them out): the three organizations of the guide's
// organization list, and the guide's Box.com subscription in the first one.
const (
	SeedOrganization1ID = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	SeedOrganization2ID = "d0b55801-6cac-4221-a911-0712e78615c7"
	SeedOrganization3ID = "a57a8428-80e6-4666-b549-c39873eef2ea"
	SeedSubscriptionID  = "28c427f5-2c6c-40a0-8f40-343c724f576a"
)

// zeroGUID is the productId Cloudmore shows for Microsoft CSP rows of a price list.
const zeroGUID = "00000000-0000-0000-0000-000000000000"

// state is the fake's business data. All access holds Server.mu.
type state struct {
	opts          Options
	docs          docStore // documents of undocumented shape (seller resources, tasks of unknown answer)
	ext           extState // the Azure, user-group, manual-billing and external-invoice areas
	services      []*service
	orgs          []*org
	takenPrefixes map[string]bool
	cspUnlinked   []*cspTenant // Microsoft tenants linked to no organization (csp_tenants.go)
	tasks         map[string]*task
	broker        *brokerState // broker_catalogue.go; created on first use
}

// service is an E-store service with its products and the broker's default sales prices.
type service struct {
	id, name                     string
	resellerCustom, sellerCustom bool
	csp                          bool
	currency                     string // currency of the catalog prices below
	products                     []*product
	cspProducts                  []*cspProduct
	nceProducts                  []*nceProduct
	brokerPrices                 map[string]decimal.Decimal // itemKey|segment -> sales price
}

// product is a custom-service product (the guide's "Gold").
type product struct {
	id, name, description, itemCode string
	subscriptionPeriod              int // months
	paymentFrequency                int // months
	minimumQuantity, trialPeriod    int
	cost, price                     decimal.Decimal
	customProperties                []customProperty
}

type customProperty struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Visible bool   `json:"visible"`
}

// cspProduct is a legacy Microsoft CSP offer.
type cspProduct struct {
	offerID, productID, category, name, unitType, description string
	min, max                                                  int
	cost, price                                               decimal.Decimal
	billingCycles                                             []int
}

func (p *cspProduct) itemCode() string { return "CM-01TIER-" + p.offerID }

// nceProduct is a Microsoft new-commerce SKU with one term and billing frequency: an item of
// the CSP service's price lists (the fake does not bill NCE subscriptions; see csp_nce.go).
type nceProduct struct {
	productID, skuID, name string
	term, billing          string          // "P1M"/"P1Y", "Monthly"/"Annual": part of the item code
	cost, price            decimal.Decimal // per licence per month
	segments               []string
}

func (p *nceProduct) itemCode() string {
	return p.productID + ":" + p.skuID + ":" + p.term + ":" + p.billing
}

func newState(opts Options) *state {
	st := &state{opts: opts, takenPrefixes: map[string]bool{}, tasks: map[string]*task{}, ext: newExtState()}
	for _, p := range opts.TakenDomainPrefixes {
		st.takenPrefixes[strings.ToLower(p)] = true
	}
	st.services = []*service{boxService(), cspService()}
	if !opts.NoSeed {
		st.seed(opts.Clock())
	}
	return st
}

func boxService() *service {
	props := []customProperty{
		{"textbox", "CS0001", "Custom 1", true},
		{"dropdown", "CS0002", "Custom 2 dropdown", true},
		{"checkbox", "CS003", "Custom3", true},
	}
	return &service{
		id: BoxServiceID, name: "Box.com", resellerCustom: true, currency: "GBP",
		brokerPrices: map[string]decimal.Decimal{},
		products: []*product{
			{id: GoldProductID, name: "Gold", description: "Box yearly subscription", itemCode: "BOX1copy",
				subscriptionPeriod: 12, paymentFrequency: 1, minimumQuantity: 1, trialPeriod: 0,
				cost: dec("50.00"), price: dec("100.00"), customProperties: props},
			{id: EnterpriseProductID, name: "Box Enterprise", description: "Box Enterprise, yearly commitment",
				itemCode: "BOXENT001", subscriptionPeriod: 12, paymentFrequency: 1, minimumQuantity: 5, trialPeriod: 1,
				cost: dec("30.00"), price: dec("45.00"), customProperties: []customProperty{}},
			{id: StarterProductID, name: "Box Starter", description: "Box Starter, monthly",
				itemCode: "BOXST001", subscriptionPeriod: 1, paymentFrequency: 1, minimumQuantity: 1, trialPeriod: 0,
				cost: dec("4.00"), price: dec("5.00"), customProperties: []customProperty{}},
		},
	}
}

func cspService() *service {
	svc := &service{id: CSPServiceID, name: "Microsoft O365 CSP Direct", csp: true, currency: "GBP",
		brokerPrices: map[string]decimal.Decimal{}}
	svc.cspProducts = []*cspProduct{
		{offerID: AIBuilderOfferID, productID: "D2DEA78B-507C-4E56-B400-39447F4738F8", category: "Enterprise",
			name: "AI Builder Capacity add-on", unitType: "Add-On Licenses", min: 1, max: 10000000,
			description: "AI Builder empowers creation and consumption of insights to improve business processes. Each license offers 1M service credits per month.",
			cost:        dec("282.80"), price: dec("377.10"), billingCycles: []int{2, 1}},
		{offerID: "00282A15-250D-4E01-8534-AA9866C3F252", productID: "5C2A1C34-6A0E-4A8B-9E1D-3F4B2C1D0E9A",
			category: "Academic", name: "Dynamics 365 Customer Engagement Plan for Students Add-On for CRM Pro (Qualified Offer)",
			unitType: "Add-On Licenses", min: 1, max: 10000000,
			description: "Dynamics 365 Customer Engagement Plan add-on for students, for qualified academic institutions.",
			cost:        dec("11.20"), price: dec("14.99"), billingCycles: []int{1, 2}},
		{offerID: BusinessBasicOfferID, productID: "A4F3B1C6-2D5E-4F7A-8B9C-0D1E2F3A4B5C", category: "Business",
			name: "Microsoft 365 Business Basic", unitType: "Licenses", min: 1, max: 300,
			description: "Web and mobile versions of Office apps, Teams, Exchange mail and 1 TB of OneDrive storage per user.",
			cost:        dec("3.38"), price: dec("3.80"), billingCycles: []int{1, 2}},
		{offerID: "031C9E47-4802-4248-838E-778FB1D2CC05", productID: "B5A4C2D7-3E6F-4A8B-9C0D-1E2F3A4B5C6D", category: "Business",
			name: "Microsoft 365 Business Standard", unitType: "Licenses", min: 1, max: 300,
			description: "Desktop Office apps plus everything in Business Basic.",
			cost:        dec("8.46"), price: dec("9.40"), billingCycles: []int{1, 2}},
		{offerID: "796B6B5F-613C-4E24-A17C-EBA730D49C02", productID: "C6B5D3E8-4F7A-4B9C-8D1E-2F3A4B5C6D7E", category: "Enterprise",
			name: "Office 365 E3", unitType: "Licenses", min: 1, max: 10000000,
			description: "Office apps, Exchange, SharePoint and Teams for the enterprise.",
			cost:        dec("17.73"), price: dec("19.70"), billingCycles: []int{2}},
	}
	families := []struct {
		productID, skuID, name string
		cost, price            string // one-year term, per month
		segments               []string
	}{
		{"CFQ7TTC0LH18", "0001", "Microsoft 365 Business Basic", "4.45", "4.90", []string{"commercial", "charity", "education"}},
		{"CFQ7TTC0LDPB", "0001", "Microsoft 365 Business Standard", "9.36", "10.30", []string{"commercial", "charity"}},
		{"CFQ7TTC0LCHC", "0002", "Microsoft 365 Business Premium", "16.71", "18.10", []string{"commercial", "government"}},
	}
	monthlyUplift := dec("1.2") // a one-month term costs 20% more, as Microsoft's NCE does
	for _, f := range families {
		for _, tb := range [][2]string{{"P1M", "Monthly"}, {"P1Y", "Monthly"}, {"P1Y", "Annual"}} {
			cost, price := dec(f.cost), dec(f.price)
			if tb[0] == "P1M" {
				cost, price = cost.Mul(monthlyUplift).Round(2), price.Mul(monthlyUplift).Round(2)
			}
			svc.nceProducts = append(svc.nceProducts, &nceProduct{
				productID: f.productID, skuID: f.skuID, name: f.name, term: tb[0], billing: tb[1],
				cost: cost, price: price, segments: f.segments,
			})
		}
	}
	return svc
}

// seed adds the guide's three organizations: the first with Box.com (and the guide's Gold
// subscription "This is my subscription", quantity 10, started 2020-01-17) and Microsoft O365
// CSP Direct (5 legacy Business Basic licences), the second with Box.com, the third with one
// user and no service: the counts of the guide's organization list.
func (st *state) seed(now time.Time) {
	mk := func(id, n, domain string) *org {
		o := &org{id: id, name: "My Test Organization " + n, displayName: "My Test Organization " + n,
			registrationNumber: "12345678" + n, customerNumber: "CUST-00" + n,
			notificationEmail: "john.doe@" + domain, primaryDomain: domain,
			contact:   orgContact{Name: "John Doe", Email: "john.doe@" + domain, Phone: "123456789", CellPhone: "123456789"},
			address:   orgAddress{Street: "Street 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"},
			createdAt: day(now).AddDate(0, 0, -30)}
		st.orgs = append(st.orgs, o)
		return o
	}
	o1 := mk(SeedOrganization1ID, "1", "mytestorganization1.com")
	o2 := mk(SeedOrganization2ID, "2", "mytestorganization2.com")
	o3 := mk(SeedOrganization3ID, "3", "mytestorganization3.com")

	start := time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC)
	o1.services = append(o1.services, &orgService{serviceID: BoxServiceID, currency: "GBP", addedAt: start, prices: map[string]decimal.Decimal{}})
	o2.services = append(o2.services, &orgService{serviceID: BoxServiceID, currency: "SEK", addedAt: start, prices: map[string]decimal.Decimal{}})
	o1.users = append(o1.users, &user{id: "0f9b5c1e-3f55-4c3e-9a51-0c6d9c3f7a11", name: "john.doe@mytestorganization1.com",
		firstName: "John", lastName: "Doe", displayName: "John Doe", email: "john.doe@mytestorganization1.com", roleID: "1"})
	o3.users = append(o3.users, &user{id: "6a1d2e3f-4b5c-4d6e-8f70-81a2b3c4d5e6", name: "jane.roe@mytestorganization3.com",
		firstName: "Jane", lastName: "Roe", displayName: "Jane Roe", email: "jane.roe@mytestorganization3.com", roleID: "1"})
	sub := &customSub{id: SeedSubscriptionID, serviceID: BoxServiceID, productID: GoldProductID,
		name: "This is my subscription", poNumber: "123456789", quantity: 10, period: 12, billingInterval: 1,
		start: start, end: renewalAfter(start, 12, now), autoRenew: true}
	sub.history = []historyEvent{{Date: stamp(start), Action: "Created", Quantity: 10, Description: "Subscription created"}}
	o1.subs = append(o1.subs, sub)

	o1.csp = &cspTenant{domainPrefix: "mytestorganization1", contactEmail: "john.doe@mytestorganization1.com",
		contactFirstName: "John", contactLastName: "Doe", contactPhone: "123456789", addedAt: start,
		agreement: cloudAgreement{PrimaryContact: agreementContact{FirstName: "John", LastName: "Doe",
			Email: "john.doe@mytestorganization1.com", PhoneNumber: "123456789"}, DateAgreed: start}}
	o1.csp.users = []cspUser{{ID: "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a", UserPrincipalName: "admin@mytestorganization1.onmicrosoft.com",
		DisplayName: "Tenant Administrator", FirstName: "Tenant", LastName: "Administrator"}}
	st.takenPrefixes["mytestorganization1"] = true
	o1.services = append(o1.services, &orgService{serviceID: CSPServiceID, currency: "GBP", addedAt: start, prices: map[string]decimal.Decimal{}})
	o1.cspSubs = append(o1.cspSubs, &cspSub{id: "4c3b2a19-0817-4f6e-9d5c-4b3a29181706", offerID: BusinessBasicOfferID,
		friendlyName: "Business Basic for staff", quantity: 5, billingCycle: 1, status: "Active", created: start})
}

// renewalAfter is the first end of a period of `months` months from start that lies after now.
func renewalAfter(start time.Time, months int, now time.Time) time.Time {
	end := start.AddDate(0, months, 0)
	for i := 0; i < 1200 && !end.After(now); i++ {
		end = end.AddDate(0, months, 0)
	}
	return end
}

// service returns the catalog service with id, or nil.
func (st *state) service(id string) *service { return find(st.services, id) }

func (svc *service) product(id string) *product { return find(svc.products, id) }

func (svc *service) cspProduct(offerID string) *cspProduct { return find(svc.cspProducts, offerID) }
