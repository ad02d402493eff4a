package cloudmore

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Ids from the guide's CSP examples.
const (
	cspOrgID     = "90ccbd6c-1a41-40ed-8302-48d2fcd2cfb2"
	cspServiceID = "881ae94a-b03a-4da5-8e67-21ea8d77dfb5"
	cspOfferID   = "7779A4BA-BD21-457C-8B3F-B3BAA74FC99C"
	cspSubID     = "5b0e4a1c-3d2f-4e6a-9b8c-7d6e5f4a3b2c"
)

func cspOrgPath(rest string) string { return brokerPath("organizations/" + cspOrgID + "/" + rest) }

// guideAddRequest is the guide's example body for adding the CSP service.
func guideAddRequest() *AddCSPRequest {
	return &AddCSPRequest{
		ID:               cspServiceID,
		CurrencyCode:     "SEK",
		ContactEmail:     "john.doe@company.com",
		ContactFirstName: "john",
		ContactLastName:  "doe",
		ContactPhone:     "123456789",
		DomainPrefix:     "customerA",
		CloudAgreement: CSPCloudAgreement{
			PrimaryContact: CSPCloudAgreementContact{FirstName: "john", LastName: "doe",
				Email: "john.doe@company.com", PhoneNumber: "123456789"},
			DateAgreed: NewTime(time.Date(2020, 5, 25, 11, 53, 6, 526e6, time.UTC)),
		},
	}
}

// guideProduct is the product of testdata/csp_products.json.
func guideProduct() *CSPProduct {
	return &CSPProduct{OfferID: cspOfferID, Name: "AI Builder Capacity add-on", MinimumQuantity: DecimalFromInt(1),
		MaximumQuantity: DecimalFromInt(10000000), SupportedBillingCycles: []BillingCycle{BillingCycleAnnual, BillingCycleMonthly}}
}

func TestCSPCheckDomain(t *testing.T) {
	for name, body := range map[string]string{
		"guide array":  string(fixture(t, "csp_domainvalidation.json")),
		"plain object": `{"isValid": true}`,
		"bare bool":    `true`,
		"string bool":  `[{"IsValid": "true"}]`,
	} {
		t.Run(name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, http.MethodGet, brokerPath("services/csp/domainvalidation"),
					url.Values{"domainPrefix": {"customerA"}}, "")
				writeJSON(t, w, http.StatusOK, body)
			})
			ok, resp, err := c.CSP.CheckDomain(context.Background(), "customerA")
			require.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
		})
	}
}

func TestCSPCheckDomainTaken(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `[{"isValid": false}]`)
	})
	ok, _, err := c.CSP.CheckDomain(context.Background(), "contoso")
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestCSPCheckDomainUnexpectedShape(t *testing.T) {
	for _, body := range []string{`[]`, `[{"isValid":true},{"isValid":false}]`, `{}`, `{"valid":true}`, `{"isValid":null}`, `null`, `"yes"`, ``} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusOK, body)
		})
		ok, _, err := c.CSP.CheckDomain(context.Background(), "customerA")
		require.Error(t, err, "body %q", body)
		assert.False(t, ok)
		assert.Contains(t, err.Error(), "domain-validation answer", "body %q", body)
		assert.NotErrorIs(t, err, ErrValidation)
	}
}

func TestCSPCheckDomainValidation(t *testing.T) {
	for _, prefix := range []string{"", "customerA.onmicrosoft.com", "customer.a", "customer-a", "customer_a",
		" customerA", "cüstomer", "customer/a", "a b"} {
		c, ts := setup(t)
		_, _, err := c.CSP.CheckDomain(context.Background(), prefix)
		assertNoRequest(t, ts, err, "domainPrefix")
	}
	require.NoError(t, ValidateDomainPrefix("customerA"))
	require.NoError(t, ValidateDomainPrefix("Contoso2024"))
	require.NoError(t, ValidateDomainPrefix(strings.Repeat("a", 40)), "no source shows a length limit")
	err := ValidateDomainPrefix("customerA.onmicrosoft.com")
	assert.Contains(t, err.Error(), "only the part before .onmicrosoft.com")
}

func TestCSPAdd(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, cspOrgPath("services/Csp"), nil, string(fixture(t, "csp_add_request.json")))
		w.Header().Set("Location", cspOrgPath("services/"+cspServiceID))
		w.WriteHeader(http.StatusCreated)
	})
	cr, resp, err := c.CSP.Add(context.Background(), cspOrgID, guideAddRequest())
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, cspServiceID, cr.ID)
}

func TestCSPAddDateAgreedOmittedWhenZero(t *testing.T) {
	c, ts := setup(t)
	// Cloudmore's guide: "if omitted, now is used"; the SDK reads no clock for it.
	want := `{"id":"881ae94a-b03a-4da5-8e67-21ea8d77dfb5","currencyCode":"SEK","contactEmail":"it@contoso.example",
		"domainPrefix":"contoso","cloudAgreement":{"primaryContact":{"firstName":"Ann","lastName":"Lee","email":"ann@contoso.example"}}}`
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, cspOrgPath("services/Csp"), nil, want)
		w.WriteHeader(http.StatusCreated)
	})
	req := &AddCSPRequest{ID: cspServiceID, CurrencyCode: "SEK", ContactEmail: "it@contoso.example", DomainPrefix: "contoso",
		CloudAgreement: CSPCloudAgreement{PrimaryContact: CSPCloudAgreementContact{FirstName: "Ann", LastName: "Lee", Email: "ann@contoso.example"}}}
	_, _, err := c.CSP.Add(context.Background(), cspOrgID, req)
	require.NoError(t, err)
}

// assertFields asserts that err is a *ValidationError naming exactly fields, in order, and
// that nothing reached the server.
func assertFields(t *testing.T, ts *testServer, err error, fields ...string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	assert.Equal(t, fields, got, "fields named by %v", err)
	assert.Zero(t, ts.apiRequests(), "no request may reach the server")
}

func TestCSPAddNamesEveryBadField(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.CSP.Add(context.Background(), "org", &AddCSPRequest{ID: "csp", CurrencyCode: "sek",
		ContactEmail: "john.doe", DomainPrefix: "customer-a"})
	assertFields(t, ts, err, "organizationId", "id", "currencyCode", "contactEmail", "domainPrefix",
		"cloudAgreement.primaryContact.firstName", "cloudAgreement.primaryContact.lastName",
		"cloudAgreement.primaryContact.email")
}

func TestCSPAddValidation(t *testing.T) {
	cases := map[string]struct {
		edit  func(r *AddCSPRequest)
		field string
	}{
		"id not a GUID":         {func(r *AddCSPRequest) { r.ID = "csp" }, "id"},
		"id empty":              {func(r *AddCSPRequest) { r.ID = "" }, "id"},
		"currency lower case":   {func(r *AddCSPRequest) { r.CurrencyCode = "sek" }, "currencyCode"},
		"currency four letters": {func(r *AddCSPRequest) { r.CurrencyCode = "SEKK" }, "currencyCode"},
		"currency empty":        {func(r *AddCSPRequest) { r.CurrencyCode = "" }, "currencyCode"},
		"contact email missing": {func(r *AddCSPRequest) { r.ContactEmail = "" }, "contactEmail"},
		"contact email bad":     {func(r *AddCSPRequest) { r.ContactEmail = "john.doe" }, "contactEmail"},
		"domain empty":          {func(r *AddCSPRequest) { r.DomainPrefix = "" }, "domainPrefix"},
		"domain whole":          {func(r *AddCSPRequest) { r.DomainPrefix = "customerA.onmicrosoft.com" }, "domainPrefix"},
		"domain hyphen":         {func(r *AddCSPRequest) { r.DomainPrefix = "customer-a" }, "domainPrefix"},
		"agreement first name": {func(r *AddCSPRequest) { r.CloudAgreement.PrimaryContact.FirstName = " " },
			"cloudAgreement.primaryContact.firstName"},
		"agreement last name": {func(r *AddCSPRequest) { r.CloudAgreement.PrimaryContact.LastName = "" },
			"cloudAgreement.primaryContact.lastName"},
		"agreement email missing": {func(r *AddCSPRequest) { r.CloudAgreement.PrimaryContact.Email = "" },
			"cloudAgreement.primaryContact.email"},
		"agreement email bad": {func(r *AddCSPRequest) { r.CloudAgreement.PrimaryContact.Email = "John <john@x.example>" },
			"cloudAgreement.primaryContact.email"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, ts := setup(t)
			req := guideAddRequest()
			tc.edit(req)
			_, _, err := c.CSP.Add(context.Background(), cspOrgID, req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
	c, ts := setup(t)
	_, _, err := c.CSP.Add(context.Background(), cspOrgID, nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.Add(context.Background(), "../"+cspOrgID, guideAddRequest())
	assertNoRequest(t, ts, err, "organizationId")
}

func TestCSPGet(t *testing.T) {
	c, ts := setup(t)
	// Cloudmore does not document this model: an invented body shows that it is kept whole.
	body := `{"anyField":"kept","nested":{"n":1}}`
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/Csp"), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	d, _, err := c.CSP.Get(context.Background(), cspOrgID)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(d.Raw))
}

func TestCSPRemove(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, cspOrgPath("services/Csp"), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.CSP.Remove(context.Background(), cspOrgID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestCSPListProducts(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/Csp/products"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "csp_products.json"))
	})
	products, _, err := c.CSP.ListProducts(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, products, 1)
	p := products[0]
	assert.Equal(t, "612d8146-4a5c-4d75-85ea-9b1d902e9d62", p.ResellerID)
	assert.Equal(t, cspOrgID, p.OrganizationID)
	assert.Equal(t, cspServiceID, p.ServiceID)
	assert.Equal(t, cspOfferID, p.OfferID)
	assert.Equal(t, "D2DEA78B-507C-4E56-B400-39447F4738F8", p.ProductID)
	assert.Equal(t, "Enterprise", p.ProductCategoryName)
	assert.Equal(t, "AI Builder Capacity add-on", p.Name)
	assert.Equal(t, "Add-On Licenses", p.UnitType)
	assert.Equal(t, "10000000", p.MaximumQuantity.Text())
	assert.Equal(t, "1", p.MinimumQuantity.Text())
	assert.True(t, strings.HasPrefix(p.Description, "AI Builder empowers"))
	assert.Equal(t, "CM-01TIER-7779A4BA-BD21-457C-8B3F-B3BAA74FC99C", p.ItemCode)
	assert.Equal(t, "282.80", p.Cost.Text(), "exact decimal, scale kept")
	assert.Equal(t, "377.10", p.Price.Text())
	assert.True(t, p.Price.Sub(p.Cost).Equal(MustDecimal("94.30")))
	assert.Equal(t, "GBP", p.CurrencyCode)
	assert.Equal(t, []BillingCycle{BillingCycleAnnual, BillingCycleMonthly}, p.SupportedBillingCycles)
	assert.True(t, p.SupportsBillingCycle(BillingCycleMonthly))
	assert.False(t, p.SupportsBillingCycle(BillingCycleOneTime))
	assert.NoError(t, p.CheckQuantity(10))
	assert.Error(t, p.CheckQuantity(0))
	assert.Error(t, p.CheckQuantity(10000001))
}

func TestCSPProductQuantitiesDecodeTolerantly(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `[{"name":"A","minimumQuantity":1.0,"maximumQuantity":300.0000},`+
			`{"name":"B","minimumQuantity":"5","maximumQuantity":"10000000"},{"name":"C","minimumQuantity":null,"maximumQuantity":0}]`)
	})
	products, _, err := c.CSP.ListProducts(context.Background(), cspOrgID)
	require.NoError(t, err, "10.0000-style quantities do not fail the list")
	require.Len(t, products, 3)
	a, b, cc := products[0], products[1], products[2]
	assert.Equal(t, "300.0000", a.MaximumQuantity.Text())
	assert.NoError(t, a.CheckQuantity(1))
	assert.NoError(t, a.CheckQuantity(300), "the bounds are inclusive")
	assert.Error(t, a.CheckQuantity(301))
	assert.Error(t, a.CheckQuantity(0))
	assert.Error(t, b.CheckQuantity(4))
	assert.NoError(t, b.CheckQuantity(5))
	err = b.CheckQuantity(4)
	assert.Contains(t, err.Error(), "minimum of 5")
	assert.NoError(t, cc.CheckQuantity(1_000_000_000), "no maximum given")
	assert.Error(t, cc.CheckQuantity(0), "the minimum is at least 1")
	frac := CSPProduct{MinimumQuantity: MustDecimal("1.5"), MaximumQuantity: MustDecimal("2.5")}
	assert.Error(t, frac.CheckQuantity(1), "compared exactly")
	assert.NoError(t, frac.CheckQuantity(2))
	assert.Error(t, frac.CheckQuantity(3))
}

func TestCSPFindProduct(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/Csp/products"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "csp_products.json"))
	})
	p, _, err := c.CSP.FindProduct(context.Background(), cspOrgID, strings.ToLower(cspOfferID))
	require.NoError(t, err)
	assert.Equal(t, "AI Builder Capacity add-on", p.Name)

	_, _, err = c.CSP.FindProduct(context.Background(), cspOrgID, "00000000-0000-0000-0000-000000000001")
	require.ErrorIs(t, err, ErrNotFound)

	c2, ts2 := setup(t)
	_, _, err = c2.CSP.FindProduct(context.Background(), cspOrgID, "AI Builder")
	assertNoRequest(t, ts2, err, "offerId")
}

func TestCSPListProductLicenses(t *testing.T) {
	c, ts := setup(t)
	body := `[{"sku":"invented-1"},{"sku":"invented-2"}]` // fields undocumented: invented, kept raw
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/Csp/productlicenses"), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	lics, _, err := c.CSP.ListProductLicenses(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, lics, 2)
	assert.JSONEq(t, `{"sku":"invented-2"}`, string(lics[1].Raw))
}

func TestCSPSubscriptionsList(t *testing.T) {
	c, ts := setup(t)
	body := `[{"id":"` + cspSubID + `","quantity":10}]` // fields undocumented: invented, kept raw
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/csp/subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	subs, _, err := c.CSP.Subscriptions.List(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.JSONEq(t, `{"id":"`+cspSubID+`","quantity":10}`, string(subs[0].Raw))
}

func TestCSPSubscriptionsGet(t *testing.T) {
	c, ts := setup(t)
	body := `{"id":"` + cspSubID + `"}`
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, cspOrgPath("services/csp/subscriptions/"+cspSubID), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	sub, _, err := c.CSP.Subscriptions.Get(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	assert.JSONEq(t, body, string(sub.Raw))
}

func TestCSPSubscriptionsCreateForProduct(t *testing.T) {
	c, ts := setup(t)
	// The guide's example sends "billingCycle": "1"; the SDK sends the Swagger's integer.
	want := strings.Replace(string(fixture(t, "csp_subscription_create_request.json")), `"billingCycle": "1"`, `"billingCycle": 1`, 1)
	require.Contains(t, want, `"billingCycle": 1`)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, cspOrgPath("services/csp/subscriptions"), nil, want)
		w.Header().Set("Location", "/api/resellers/"+testResellerID+"/organizations/"+cspOrgID+"/services/csp/subscriptions/"+cspSubID)
		w.WriteHeader(http.StatusCreated)
	})
	cr, resp, err := c.CSP.Subscriptions.CreateForProduct(context.Background(), cspOrgID, guideProduct(), &CreateCSPSubscriptionRequest{
		FriendlyName: "This is my subscription", OfferID: cspOfferID, PONumber: "My Purchase Order Number",
		BillingCycle: BillingCycleMonthly, Quantity: 10,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, cspSubID, cr.ID)
}

func TestCSPSubscriptionsCreateValidation(t *testing.T) {
	valid := func() *CreateCSPSubscriptionRequest {
		return &CreateCSPSubscriptionRequest{FriendlyName: "Office", OfferID: cspOfferID, BillingCycle: BillingCycleMonthly,
			Quantity: 10}
	}
	small := guideProduct()
	small.MinimumQuantity, small.MaximumQuantity = MustDecimal("5.0000"), MustDecimal("300.0")
	var product *CSPProduct // the product each case orders; nil orders without one
	cases := map[string]struct {
		edit  func(r *CreateCSPSubscriptionRequest)
		field string
	}{
		"no friendly name":        {func(r *CreateCSPSubscriptionRequest) { r.FriendlyName = "" }, "friendlyName"},
		"offer not a GUID":        {func(r *CreateCSPSubscriptionRequest) { r.OfferID = "AI Builder" }, "offerId"},
		"unknown billing cycle":   {func(r *CreateCSPSubscriptionRequest) { r.BillingCycle = BillingCycleUnknown }, "billingCycle"},
		"undefined billing cycle": {func(r *CreateCSPSubscriptionRequest) { r.BillingCycle = 9 }, "billingCycle"},
		"zero quantity":           {func(r *CreateCSPSubscriptionRequest) { r.Quantity = 0 }, "quantity"},
		"negative quantity":       {func(r *CreateCSPSubscriptionRequest) { r.Quantity = -3; product = nil }, "quantity"},
		"cycle the product lacks": {func(r *CreateCSPSubscriptionRequest) { r.BillingCycle = BillingCycleOneTime }, "billingCycle"},
		"above product maximum": {func(r *CreateCSPSubscriptionRequest) {
			product, r.Quantity = small, 301
		}, "quantity"},
		"below product minimum": {func(r *CreateCSPSubscriptionRequest) {
			product, r.Quantity = small, 4
		}, "quantity"},
		"other product's offer": {func(r *CreateCSPSubscriptionRequest) {
			r.OfferID = "11111111-2222-3333-4444-555555555555"
		}, "offerId"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, ts := setup(t)
			req := valid()
			product = guideProduct()
			tc.edit(req)
			var err error
			if product == nil {
				_, _, err = c.CSP.Subscriptions.Create(context.Background(), cspOrgID, req)
			} else {
				_, _, err = c.CSP.Subscriptions.CreateForProduct(context.Background(), cspOrgID, product, req)
			}
			assertNoRequest(t, ts, err, tc.field)
		})
	}
	c, ts := setup(t)
	_, _, err := c.CSP.Subscriptions.Create(context.Background(), cspOrgID, nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.Subscriptions.Create(context.Background(), "not-an-org", valid())
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.Subscriptions.CreateForProduct(context.Background(), cspOrgID, nil, valid())
	assertNoRequest(t, ts, err, "product")
}

func TestCSPSubscriptionsUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, cspOrgPath("services/csp/subscriptions/"+cspSubID), nil,
			`{"friendlyName":"Staff","quantity":12,"poNumber":"PO-7","note":"x"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.CSP.Subscriptions.Update(context.Background(), cspOrgID, cspSubID,
		&UpdateCSPSubscriptionRequest{FriendlyName: "Staff", Quantity: Ptr(12), PONumber: "PO-7", Extra: map[string]any{"note": "x"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestCSPSubscriptionsSuspend(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, cspOrgPath("services/csp/subscriptions/"+cspSubID), nil, "")
		w.WriteHeader(http.StatusOK)
	})
	resp, err := c.CSP.Subscriptions.Suspend(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestCSPSubscriptionsListAll(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("services/csp/Subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"a":1},{"a":2},{"a":3}]`)
	})
	subs, _, err := c.CSP.Subscriptions.ListAll(context.Background())
	require.NoError(t, err)
	require.Len(t, subs, 3)
	assert.JSONEq(t, `{"a":3}`, string(subs[2].Raw))
}

func TestCSPListItemsShapes(t *testing.T) {
	for body, want := range map[string]int{`[]`: 0, `null`: 0, ``: 0, `[{"x":1},{"x":2}]`: 2} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusOK, body)
		})
		subs, _, err := c.CSP.Subscriptions.List(context.Background(), cspOrgID)
		require.NoError(t, err, "body %q", body)
		assert.Len(t, subs, want, "body %q", body)
	}
}

func TestCSPListItemsRefusesNonArrays(t *testing.T) {
	long := `{"items":[` + strings.Repeat(`{"x":1},`, 100) + `{"x":2}],"total":101}`
	for _, body := range []string{`{"items":[{"x":1},{"x":2}],"total":2}`, `"text"`, `[1,2]`, long} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusOK, body)
		})
		subs, resp, err := c.CSP.Subscriptions.List(context.Background(), cspOrgID)
		require.Error(t, err, "body %q: a wrapped list is not turned into a one-item list", body)
		assert.Nil(t, subs)
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Contains(t, err.Error(), truncate(body, 256), "the error quotes the body")
		assert.Less(t, len(err.Error()), 600, "the quote is capped")
	}
}

func TestCSPSubscriptionPathValidation(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	_, _, err := c.CSP.Subscriptions.Get(ctx, cspOrgID, "..")
	assertNoRequest(t, ts, err, "id")
	_, err = c.CSP.Subscriptions.Suspend(ctx, cspOrgID, "x/../../y")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, "", &UpdateCSPSubscriptionRequest{Quantity: Ptr(1)})
	assertNoRequest(t, ts, err, "subscriptionId")
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, cspSubID, &UpdateCSPSubscriptionRequest{})
	assertNoRequest(t, ts, err, "body")
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, cspSubID, &UpdateCSPSubscriptionRequest{Quantity: Ptr(0)})
	assertNoRequest(t, ts, err, "quantity")
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, cspSubID, &UpdateCSPSubscriptionRequest{Quantity: Ptr(2),
		Extra: map[string]any{"quantity": 3}})
	assertNoRequest(t, ts, err, "Extra")
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, cspSubID, nil)
	assertNoRequest(t, ts, err, "body")
	_, err = c.CSP.Remove(ctx, "")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.Get(ctx, "%2e%2e")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.ListProducts(ctx, "..")
	assertNoRequest(t, ts, err, "organizationId")
}

func TestCSPNoResellerID(t *testing.T) {
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, _, err = c.CSP.Subscriptions.ListAll(context.Background())
	assertNoRequest(t, ts, err, "resellerId")
}

func TestCSPErrorsPassThrough(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusBadRequest, `[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"Invalid quantity"}]`)
	})
	_, _, err := c.CSP.Subscriptions.Create(context.Background(), cspOrgID, &CreateCSPSubscriptionRequest{
		FriendlyName: "x", OfferID: cspOfferID, BillingCycle: BillingCycleMonthly, Quantity: 1})
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, "Invalid quantity", apiErr.Message)
}

func TestCSPCreateSubscriptionNamesEveryBadField(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	bad := &CreateCSPSubscriptionRequest{FriendlyName: " ", OfferID: "AI Builder", BillingCycle: 9, Quantity: 0}
	_, _, err := c.CSP.Subscriptions.Create(ctx, "org", bad)
	assertFields(t, ts, err, "organizationId", "friendlyName", "offerId", "billingCycle", "quantity")

	// Against a product: the request's own rules, then the product's, each field once.
	small := guideProduct()
	small.MaximumQuantity = MustDecimal("300")
	_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, cspOrgID, small, &CreateCSPSubscriptionRequest{
		OfferID: "11111111-2222-3333-4444-555555555555", BillingCycle: BillingCycleOneTime, Quantity: 301})
	assertFields(t, ts, err, "friendlyName", "offerId", "quantity", "billingCycle")
	_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, "", nil, nil)
	assertFields(t, ts, err, "organizationId", "product", "body")
}

func TestCSPCreateForProductTakesTheOfferID(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, cspOrgPath("services/csp/subscriptions"), nil,
			`{"friendlyName":"Office","offerId":"`+cspOfferID+`","billingCycle":2,"quantity":3}`)
		w.WriteHeader(http.StatusCreated)
	})
	req := &CreateCSPSubscriptionRequest{FriendlyName: "Office", BillingCycle: BillingCycleAnnual, Quantity: 3}
	_, _, err := c.CSP.Subscriptions.CreateForProduct(context.Background(), cspOrgID, guideProduct(), req)
	require.NoError(t, err)
	assert.Empty(t, req.OfferID, "the caller's request is not changed")
}

func TestCSPSubscriptionsCreate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, cspOrgPath("services/csp/subscriptions"), nil,
			`{"friendlyName":"Office","offerId":"`+cspOfferID+`","poNumber":"PO-1","billingCycle":1,"quantity":2}`)
		writeJSON(t, w, http.StatusCreated, `{"id":"`+cspSubID+`"}`)
	})
	cr, _, err := c.CSP.Subscriptions.Create(context.Background(), cspOrgID, &CreateCSPSubscriptionRequest{
		FriendlyName: "Office", OfferID: cspOfferID, PONumber: "PO-1", BillingCycle: BillingCycleMonthly, Quantity: 2})
	require.NoError(t, err)
	assert.Equal(t, cspSubID, cr.ID, "the id from the body")
}
