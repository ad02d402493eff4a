package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testServiceID = "881ae94a-b03a-4da5-8e67-21ea8d77dfb5"
	testOrgID     = "90ccbd6c-1a41-40ed-8302-48d2fcd2cfb2"
	testSubID     = "28c427f5-2c6c-40a0-8f40-343c724f576a"
	testProductID = "587c84f5-820c-4673-97e5-dd99e3e17623"
)

func assertGuidePriceRow(t *testing.T, p PriceListProduct) {
	t.Helper()
	assert.Equal(t, "Microsoft O365 CSP Direct", p.Service)
	assert.Equal(t, ZeroGUID, p.ProductID)
	assert.Equal(t, "Dynamics 365 Customer Engagement Plan for Students Add-On for CRM Pro (Qualified Offer)", p.Name)
	assert.Equal(t, "11.20", p.Cost.Text())
	assert.Equal(t, "15.00", p.RecommendedPrice.Text())
	assert.Equal(t, "14.99", p.SalesPrice.Text())
	assert.Equal(t, "3.79", p.Margin.Text())
	assert.Equal(t, "25.283522348232154769846564380", p.MarginPercentage.Text(), "every digit kept")
	assert.Equal(t, "GBP", p.CurrencyCode)
	assert.Empty(t, p.Addons)
	assert.NotNil(t, p.Addons)
	// The stated margin is exactly sales - cost.
	assert.True(t, p.SalesPrice.Sub(p.Cost).Equal(p.Margin))
}

func TestPricelistListBroker(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("services/"+testServiceID+"/pricelist"), url.Values{"currencyCode": {"GBP"}}, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "pricelist_broker.json"))
	})
	rows, _, err := c.Pricelist.ListBroker(context.Background(), testServiceID, &PriceListOptions{CurrencyCode: "GBP"})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assertGuidePriceRow(t, rows[0])
	assert.Equal(t, "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252", rows[0].ItemCode)
}

func TestPricelistListBrokerNoCurrency(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("services/"+testServiceID+"/pricelist"), nil, "")
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	rows, _, err := c.Pricelist.ListBroker(context.Background(), testServiceID, nil)
	require.NoError(t, err)
	assert.Empty(t, rows)
}

func TestPricelistListOrganization(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+testOrgID+"/services/"+testServiceID+"/pricelist"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "pricelist_organization.json"))
	})
	rows, _, err := c.Pricelist.ListOrganization(context.Background(), testOrgID, testServiceID)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assertGuidePriceRow(t, rows[0].PriceListProduct)
	assert.Equal(t, Bool(false), rows[0].CustomServiceProduct, `"false" as a string`)
	assert.Equal(t, "priceListType", rows[0].PriceListType)

	var withNull []OrganizationPriceListProduct
	require.NoError(t, json.Unmarshal([]byte(`[{"customServiceProduct":true,"priceListType":null,"salesPrice":"1.00"}]`), &withNull))
	assert.Equal(t, Bool(true), withNull[0].CustomServiceProduct)
	assert.Equal(t, "", withNull[0].PriceListType)
	assert.Equal(t, "1.00", withNull[0].SalesPrice.Text())
}

func TestPricelistSubscriptionPrices(t *testing.T) {
	for _, tc := range []struct {
		name string
		path string
		call func(c *Client) (json.RawMessage, *Response, error)
	}{
		{"CommitmentPrice", "services/" + testServiceID + "/pricelist/CommitmentPrice", func(c *Client) (json.RawMessage, *Response, error) {
			p, resp, err := c.Pricelist.GetCommitmentPrice(context.Background(), testServiceID, testOrgID, testSubID)
			if p == nil {
				return nil, resp, err
			}
			return json.RawMessage(p.Raw), resp, err
		}},
		{"PostRenewalPrice", "services/" + testServiceID + "/pricelist/PostRenewalPrice", func(c *Client) (json.RawMessage, *Response, error) {
			p, resp, err := c.Pricelist.GetPostRenewalPrice(context.Background(), testServiceID, testOrgID, testSubID)
			if p == nil {
				return nil, resp, err
			}
			return json.RawMessage(p.Raw), resp, err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			body := `{"price":"12.50","currencyCode":"EUR","unknown":{"a":1}}`
			ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, http.MethodGet, brokerPath(tc.path), url.Values{"organizationId": {testOrgID}, "subscriptionId": {testSubID}}, "")
				writeJSON(t, w, http.StatusOK, body)
			})
			raw, _, err := tc.call(c)
			require.NoError(t, err)
			assert.JSONEq(t, body, string(raw))
		})
		t.Run(tc.name+" empty answer", func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
			raw, _, err := tc.call(c)
			require.Error(t, err, "one price was asked for: nothing is not a price")
			assert.Nil(t, raw)
		})
	}
	t.Run("validation", func(t *testing.T) {
		c, ts := setup(t)
		ctx := context.Background()
		_, _, err := c.Pricelist.GetCommitmentPrice(ctx, testServiceID, "", testSubID)
		assertNoRequest(t, ts, err, "organizationId")
		_, _, err = c.Pricelist.GetPostRenewalPrice(ctx, testServiceID, testOrgID, "nope")
		assertNoRequest(t, ts, err, "subscriptionId")
		_, _, err = c.Pricelist.GetPostRenewalPrice(ctx, "../x", testOrgID, testSubID)
		assertNoRequest(t, ts, err, "serviceId")
		// Every bad value at once, by its Swagger name.
		_, _, err = c.Pricelist.GetCommitmentPrice(ctx, "x", "y", "")
		assertInvalidFields(t, ts, err, "serviceId", "organizationId", "subscriptionId")
	})
}

func TestPricelistUpdateBroker(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("services/"+testServiceID+"/pricelist"), nil,
			`{"itemId":"CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252","segment":"education","salesPrice":18.50,"currencyCode":"GBP"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Pricelist.UpdateBroker(context.Background(), testServiceID, &UpdateBrokerPriceRequest{
		ItemID: "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252", Segment: SegmentEducation,
		SalesPrice: Ptr(MustDecimal("18.50")), CurrencyCode: "GBP",
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestPricelistUpdateBrokerMinimal(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("services/"+testServiceID+"/pricelist"), nil, `{"itemId":"`+testProductID+`","salesPrice":0}`)
	})
	_, err := c.Pricelist.UpdateBroker(context.Background(), testServiceID, &UpdateBrokerPriceRequest{ItemID: testProductID,
		SalesPrice: Ptr(Decimal{})})
	require.NoError(t, err)
}

func TestPricelistUpdateBrokerValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		req   *UpdateBrokerPriceRequest
		field string
	}{
		{"nil", nil, "body"},
		{"no item", &UpdateBrokerPriceRequest{SalesPrice: Ptr(MustDecimal("1"))}, "itemId"},
		{"no price: the price misspelt in Extra", &UpdateBrokerPriceRequest{ItemID: "x", Extra: map[string]any{"salesprice": 1}}, "salesPrice"},
		{"negative price", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("-0.01"))}, "salesPrice"},
		{"bad currency", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), CurrencyCode: "gbp"}, "currencyCode"},
		{"bad segment", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Segment: "Academic"}, "segment"},
		{"extra repeats itemId", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Extra: map[string]any{"itemId": "y"}}, "Extra"},
		{"extra repeats segment", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Segment: SegmentCharity, Extra: map[string]any{"segment": "education"}}, "Extra"},
		{"extra repeats salesPrice", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Extra: map[string]any{"salesPrice": 2}}, "Extra"},
		{"extra empty key", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Extra: map[string]any{"": 1}}, "Extra"},
		{"extra not JSON", &UpdateBrokerPriceRequest{ItemID: "x", SalesPrice: Ptr(MustDecimal("1")), Extra: map[string]any{"f": func() {}}}, "Extra"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, err := c.Pricelist.UpdateBroker(context.Background(), testServiceID, tc.req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
}

func cspUpdate() UpdateOrganizationPriceRequest {
	return UpdateOrganizationPriceRequest{
		ItemCode: "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252", CurrencyCode: "GBP",
		SalesPrice: Ptr(MustDecimal("18.50")),
	}
}

func TestPricelistUpdateOrganization(t *testing.T) {
	c, ts := setup(t)
	path := brokerPath("organizations/" + testOrgID + "/services/" + testServiceID + "/pricelist")
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// The guide's own example body, byte for byte in value: salesPrice 18.50, startupFee 0.
		wantRequest(t, r, http.MethodPut, path, nil, string(fixture(t, "pricelist_update_organization.json")))
		w.WriteHeader(http.StatusCreated)
	})
	u := cspUpdate()
	u.StartupFee = Ptr(MustDecimal("0"))
	resp, err := c.Pricelist.UpdateOrganization(context.Background(), testOrgID, testServiceID, &u)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, "", u.ProductID, "the caller's value is not changed")
	body := ts.requests()[0].Body
	assert.Contains(t, string(body), `"salesPrice":18.50`, "the scale is kept on the wire")
}

func TestPricelistUpdateOrganizationUnsetFeeZeroPrice(t *testing.T) {
	// An unset start-up fee is left out (a price change must not reset it to 0); a zero sales
	// price set on purpose is sent.
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("organizations/"+testOrgID+"/services/"+testServiceID+"/pricelist"), nil,
			`{"productId":"`+ZeroGUID+`","itemCode":"CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252","currencyCode":"GBP","salesPrice":0,"customServiceProduct":false}`)
		w.WriteHeader(http.StatusNoContent)
	})
	u := cspUpdate()
	u.SalesPrice = Ptr(MustDecimal("0"))
	_, err := c.Pricelist.UpdateOrganization(context.Background(), testOrgID, testServiceID, &u)
	require.NoError(t, err)
	assert.NotContains(t, string(ts.requests()[0].Body), "startupFee")
}

func TestPricelistUpdateOrganizationCustomServiceWithSegment(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("organizations/"+testOrgID+"/services/"+testServiceID+"/pricelist"), nil,
			`{"productId":"`+testProductID+`","itemCode":"","currencyCode":"SEK","salesPrice":71.04,"startupFee":100,"customServiceProduct":true,"segment":"charity"}`)
	})
	_, err := c.Pricelist.UpdateOrganization(context.Background(), testOrgID, testServiceID, &UpdateOrganizationPriceRequest{
		ProductID: testProductID, CurrencyCode: "SEK", SalesPrice: Ptr(MustDecimal("71.04")), StartupFee: Ptr(MustDecimal("100")),
		CustomServiceProduct: true, Segment: SegmentCharity})
	require.NoError(t, err)
}

func TestPricelistUpdateOrganizationValidation(t *testing.T) {
	mod := func(f func(u *UpdateOrganizationPriceRequest)) *UpdateOrganizationPriceRequest {
		u := cspUpdate()
		f(&u)
		return &u
	}
	for _, tc := range []struct {
		name      string
		org, svc  string
		req       *UpdateOrganizationPriceRequest
		wantField string
	}{
		{"nil", testOrgID, testServiceID, nil, "body"},
		{"no sales price", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.SalesPrice = nil }), "salesPrice"},
		{"csp without item code", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.ItemCode = "" }), "itemCode"},
		{"custom without product id", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.CustomServiceProduct = true }), "productId"},
		{"custom with zero guid", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.CustomServiceProduct, u.ProductID = true, ZeroGUID }), "productId"},
		{"bad product id", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.ProductID = "123" }), "productId"},
		{"no currency", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.CurrencyCode = "" }), "currencyCode"},
		{"negative price", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.SalesPrice = Ptr(MustDecimal("-0.01")) }), "salesPrice"},
		{"negative fee", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.StartupFee = Ptr(MustDecimal("-1")) }), "startupFee"},
		{"bad segment", testOrgID, testServiceID, mod(func(u *UpdateOrganizationPriceRequest) { u.Segment = "vip" }), "segment"},
		{"bad org id", "../../x", testServiceID, mod(func(u *UpdateOrganizationPriceRequest) {}), "organizationId"},
		{"bad service id", testOrgID, "csp", mod(func(u *UpdateOrganizationPriceRequest) {}), "serviceId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, err := c.Pricelist.UpdateOrganization(context.Background(), tc.org, tc.svc, tc.req)
			assertNoRequest(t, ts, err, tc.wantField)
		})
	}
}

func TestPricelistUpdateOrganizationPrices(t *testing.T) {
	c, ts := setup(t)
	var inFlight, maxInFlight atomic.Int32
	var mu sync.Mutex
	seen := map[string]int{}
	ts.Mux.HandleFunc("PUT /api/resellers/{r}/organizations/{o}/services/{s}/pricelist", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		var u UpdateOrganizationPriceRequest
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&u)) {
			return
		}
		mu.Lock()
		seen[u.ItemCode]++
		mu.Unlock()
		if u.ItemCode == "REFUSED" {
			writeJSON(t, w, http.StatusBadRequest, `[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"segment not eligible"}]`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	var changes []OrganizationPriceChange
	for i := 0; i < 20; i++ {
		u := cspUpdate()
		u.ItemCode = "CODE-" + string(rune('A'+i))
		changes = append(changes, OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: u})
	}
	refused := cspUpdate()
	refused.ItemCode = "REFUSED"
	invalidChange := cspUpdate()
	invalidChange.CurrencyCode = "pounds"
	changes = append(changes,
		OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: refused},           // 20: Cloudmore says no
		OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: invalidChange},     // 21: bad input
		OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: changes[3].Update}, // 22: duplicate of 3
		OrganizationPriceChange{OrganizationID: "nope", ServiceID: testServiceID, Update: cspUpdate()},          // 23: bad path id
	)
	dupOtherSegment := changes[3].Update
	dupOtherSegment.Segment = SegmentEducation
	changes = append(changes, OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: dupOtherSegment}) // 24: another segment: not a duplicate

	res := c.Pricelist.UpdateOrganizationPrices(context.Background(), changes, &BulkOptions{Concurrency: 3})
	require.Len(t, res, len(changes))
	for i, r := range res {
		assert.Equal(t, i, r.Index)
		assert.Equal(t, changes[i], r.Change)
	}
	for i := 0; i < 20; i++ {
		assert.NoError(t, res[i].Err, i)
		assert.True(t, res[i].Attempted)
		assert.Equal(t, http.StatusNoContent, res[i].Response.StatusCode)
	}
	assert.ErrorIs(t, res[20].Err, ErrBadRequest)
	assert.True(t, res[20].Attempted)
	assert.ErrorIs(t, res[21].Err, ErrValidation)
	assert.False(t, res[21].Attempted)
	assert.ErrorIs(t, res[22].Err, ErrValidation)
	assert.Contains(t, res[22].Err.Error(), "change 22 sets the same price as change 3")
	assert.False(t, res[22].Attempted)
	assert.ErrorIs(t, res[23].Err, ErrValidation)
	assert.False(t, res[23].Attempted)
	assert.NoError(t, res[24].Err)

	assert.LessOrEqual(t, maxInFlight.Load(), int32(3), "bounded concurrency")
	assert.Greater(t, maxInFlight.Load(), int32(1), "concurrent")
	for code, n := range seen {
		if code == "CODE-D" {
			assert.Equal(t, 2, n, "two segments of the same product")
			continue
		}
		assert.Equal(t, 1, n, "%s sent once", code)
	}
	assert.Equal(t, 22, ts.apiRequests(), "20 + refused + other segment; nothing sent twice")
	assert.Len(t, res.Failed(), 4)
	assert.Equal(t, len(res)-4, res.Applied(), "every change is applied or failed")
	err := res.Err()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "price change 20:")
	assert.Contains(t, err.Error(), "price change 23:")
}

func TestPricelistUpdateOrganizationPricesCancelled(t *testing.T) {
	c, ts := setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 2 {
			cancel()
		}
		w.WriteHeader(http.StatusNoContent)
	})
	var changes []OrganizationPriceChange
	for i := 0; i < 10; i++ {
		u := cspUpdate()
		u.ItemCode = "C" + string(rune('0'+i))
		changes = append(changes, OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: u})
	}
	res := c.Pricelist.UpdateOrganizationPrices(ctx, changes, &BulkOptions{Concurrency: 1})
	ok, notSent := 0, 0
	for _, r := range res {
		switch {
		case r.Err == nil:
			ok++
		case !r.Attempted:
			notSent++
			assert.ErrorIs(t, r.Err, context.Canceled)
			assert.Contains(t, r.Err.Error(), "not sent")
		default:
			assert.ErrorIs(t, r.Err, context.Canceled)
		}
	}
	assert.GreaterOrEqual(t, ok, 1)
	assert.GreaterOrEqual(t, notSent, 7)
	assert.Equal(t, int(calls.Load()), ok+(len(res)-ok-notSent))
}

func TestPricelistUpdateOrganizationPricesEmpty(t *testing.T) {
	c, ts := setup(t)
	assert.Empty(t, c.Pricelist.UpdateOrganizationPrices(context.Background(), nil, nil))
	assert.NoError(t, PriceUpdateResults(nil).Err())
	assert.Zero(t, ts.apiRequests())
}

// Issue 9 item 18: a nil context is refused, every change reported unsent, no goroutine
// panics.
func TestPricelistUpdateOrganizationPricesNilContext(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	changes := []OrganizationPriceChange{
		{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()},
		{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()},
	}
	var res PriceUpdateResults
	require.NotPanics(t, func() {
		//lint:ignore SA1012 the nil context is the point of the test
		res = c.Pricelist.UpdateOrganizationPrices(nil, changes, nil) //nolint:staticcheck
	})
	require.Len(t, res, 2)
	for _, r := range res {
		assert.False(t, r.Attempted)
		var ve *ValidationError
		require.ErrorAs(t, r.Err, &ve)
		assert.Equal(t, "ctx", ve.Field)
	}
	assert.Len(t, res.Failed(), 2)
	assert.Zero(t, res.Applied())
	assert.Zero(t, ts.apiRequests())
	assert.Zero(t, ts.tokenRequests())
}

// Issue 9 item 18: Attempted says whether the request reached the wire, not whether the error
// is a *ValidationError. A token that cannot be had sends nothing; a request whose connection
// is cut after it was written did reach Cloudmore even though no answer came back.
func TestPricelistUpdateOrganizationPricesAttemptedMeansOnTheWire(t *testing.T) {
	t.Run("no token: not attempted", func(t *testing.T) {
		ts := newTestServer(t)
		ts.Mux = http.NewServeMux() // a fresh mux whose token endpoint refuses
		ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusBadRequest, `{"error":"invalid_grant"}`)
		})
		ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
		c := ts.client(t)
		res := c.Pricelist.UpdateOrganizationPrices(context.Background(),
			[]OrganizationPriceChange{{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()}}, nil)
		require.Len(t, res, 1)
		require.Error(t, res[0].Err)
		var ve *ValidationError
		assert.False(t, errors.As(res[0].Err, &ve), "not a validation error: %v", res[0].Err)
		assert.False(t, res[0].Attempted, "nothing reached the API: %v", res[0].Err)
		assert.Nil(t, res[0].Response)
		assert.Zero(t, ts.apiRequests())
	})
	t.Run("connection cut after the request was written: attempted", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
		})
		res := c.Pricelist.UpdateOrganizationPrices(context.Background(),
			[]OrganizationPriceChange{{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()}}, nil)
		require.Len(t, res, 1)
		require.Error(t, res[0].Err)
		assert.Nil(t, res[0].Response, "no answer came back")
		assert.True(t, res[0].Attempted, "the PUT reached the server: %v", res[0].Err)
		assert.NotZero(t, ts.apiRequests())
	})
	t.Run("an answer: attempted", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
		res := c.Pricelist.UpdateOrganizationPrices(context.Background(),
			[]OrganizationPriceChange{{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()}}, nil)
		require.NoError(t, res.Err())
		assert.True(t, res[0].Attempted)
	})
}

// Every failing field of a price update at once, by its JSON name.
func TestPricelistUpdateOrganizationReportsEveryField(t *testing.T) {
	c, ts := setup(t)
	_, err := c.Pricelist.UpdateOrganization(context.Background(), "x", testServiceID, &UpdateOrganizationPriceRequest{
		ProductID: "nope", CurrencyCode: "pounds", StartupFee: Ptr(MustDecimal("-1")), Segment: "vip",
	})
	assertInvalidFields(t, ts, err, "organizationId", "itemCode", "productId", "currencyCode", "salesPrice", "startupFee", "segment")

	_, err = c.Pricelist.UpdateBroker(context.Background(), testServiceID, &UpdateBrokerPriceRequest{
		Segment: "vip", CurrencyCode: "pounds", Extra: map[string]any{"segment": "x", "": 1},
	})
	assertInvalidFields(t, ts, err, "itemId", "segment", "salesPrice", "currencyCode", "Extra")

	_, _, err = c.Pricelist.ListBroker(context.Background(), "csp", &PriceListOptions{CurrencyCode: "eur"})
	assertInvalidFields(t, ts, err, "serviceId", "currencyCode")
}

// A duplicate custom-service change is named by productId, in Field and in Fields alike.
func TestPricelistUpdateOrganizationPricesDuplicateCustomProduct(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	u := UpdateOrganizationPriceRequest{ProductID: testProductID, CustomServiceProduct: true, CurrencyCode: "SEK",
		SalesPrice: Ptr(MustDecimal("10"))}
	res := c.Pricelist.UpdateOrganizationPrices(context.Background(), []OrganizationPriceChange{
		{OrganizationID: testOrgID, ServiceID: testServiceID, Update: u},
		{OrganizationID: testOrgID, ServiceID: testServiceID, Update: u},
	}, nil)
	require.NoError(t, res[0].Err)
	var ve *ValidationError
	require.ErrorAs(t, res[1].Err, &ve)
	assert.Equal(t, "productId", ve.Field)
	require.Len(t, ve.Fields, 1)
	assert.Equal(t, "productId", ve.Fields[0].Field)
	assert.False(t, res[1].Attempted)
	assert.Equal(t, 1, ts.apiRequests())
}

// UpdateOrganizationPrices hands its CallOptions to every change's request.
func TestPricelistUpdateOrganizationPricesCallOptions(t *testing.T) {
	c, ts := setup(t)
	var mu sync.Mutex
	var headers []string
	ts.Mux.HandleFunc("PUT /api/resellers/{r}/organizations/{o}/services/{s}/pricelist", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		headers = append(headers, r.Header.Get("X-Correlation-Id"))
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	changes := make([]OrganizationPriceChange, 3)
	for i := range changes {
		changes[i] = OrganizationPriceChange{OrganizationID: testOrgID, ServiceID: testServiceID, Update: cspUpdate()}
		changes[i].Update.ItemCode += string(rune('A' + i))
	}
	res := c.Pricelist.UpdateOrganizationPrices(context.Background(), changes, nil, WithCallHeader("X-Correlation-Id", "bulk-1"))
	require.NoError(t, res.Err())
	assert.Equal(t, []string{"bulk-1", "bulk-1", "bulk-1"}, headers)

	// An option the SDK refuses (a header it sets itself) refuses every change, unsent.
	res = c.Pricelist.UpdateOrganizationPrices(context.Background(), changes[:1], nil, WithCallHeader("Authorization", "x"))
	var ve *ValidationError
	require.ErrorAs(t, res[0].Err, &ve)
	assert.False(t, res[0].Attempted)
	assert.Len(t, headers, 3, "nothing more was sent")
}
