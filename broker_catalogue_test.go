package cloudmore

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Ids of the broker-area tests.
const (
	brokerServiceID = "a65727d5-3d23-455d-9ee6-9c843e13dd0a"
	brokerProductID = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
	brokerAddonID   = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"
	brokerOrgID     = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
)

// brokerLocation is the Location header of a 201 naming rest (after the reseller).
func brokerLocation(rest string) http.Header {
	return http.Header{"Location": {"https://api-staging.cloudmore.com" + brokerPath(rest)}}
}

func TestBrokerCatalogueWire(t *testing.T) {
	ctx := context.Background()
	const svc = "services/" + brokerServiceID
	const prod = svc + "/products/" + brokerProductID
	runExtrasWire(t, []extrasWire{
		{name: "services list", method: "GET", path: "services", status: 200,
			answer: `[{"id":"` + brokerServiceID + `","name":"Box.com","isResellerCustomService":true}]`,
			call:   func(c *Client) (any, *Response, error) { return c.Broker.Services.List(ctx) },
			check: func(t *testing.T, got any) {
				l := got.([]BrokerCustomService)
				require.Len(t, l, 1)
				assert.Equal(t, brokerServiceID, l[0].ID)
				assert.Equal(t, "Box.com", l[0].Name)
				assert.JSONEq(t, `{"id":"`+brokerServiceID+`","name":"Box.com","isResellerCustomService":true}`, string(l[0].Raw))
			}},
		{name: "services create", method: "POST", path: "services", status: 201, header: brokerLocation(svc),
			body: `{"name":"Backup Plus","categoryId":"0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Services.Create(ctx, &CreateBrokerServiceRequest{Name: "Backup Plus",
					Extra: map[string]any{"categoryId": "0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b"}})
			}, check: wantCreated(brokerServiceID)},
		{name: "services get", method: "GET", path: svc, status: 200,
			answer: `{"id":"` + brokerServiceID + `","name":"Box.com","vendorName":"Box"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Services.Get(ctx, brokerServiceID)
			},
			check: func(t *testing.T, got any) {
				d := got.(*BrokerCustomServiceDetails)
				assert.Equal(t, "Box.com", d.Name)
				assert.Contains(t, string(d.Raw), `"vendorName":"Box"`)
			}},
		{name: "services update", method: "PUT", path: svc, status: 204, body: `{"name":"Box.com (EU)"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Services.Update(ctx, brokerServiceID, &UpdateBrokerServiceRequest{Name: "Box.com (EU)"}))
			}},
		{name: "services disable", method: "DELETE", path: svc, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Services.Disable(ctx, brokerServiceID))
			}},
		{name: "services custom property data", method: "PATCH", path: svc, status: 204,
			body: `{"customProperties":[{"id":"CS0001","value":"x"}]}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Services.UpdateCustomProperties(ctx, brokerServiceID, &UpdateBrokerServiceCustomPropertiesRequest{
					Extra: map[string]any{"customProperties": []CustomPropertyValue{{ID: "CS0001", Value: "x"}}}}))
			}},
		{name: "services subscriptions", method: "GET", path: svc + "/subscriptions", status: 200,
			answer: `[{"id":"28c427f5-2c6c-40a0-8f40-343c724f576a","name":"This is my subscription","quantity":10}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Services.ListSubscriptions(ctx, brokerServiceID)
			},
			check: func(t *testing.T, got any) {
				l := got.([]BrokerServiceSubscription)
				require.Len(t, l, 1)
				assert.Equal(t, "28c427f5-2c6c-40a0-8f40-343c724f576a", l[0].ID)
				assert.Equal(t, "This is my subscription", l[0].Name)
			}},
		{name: "products list", method: "GET", path: svc + "/products", status: 200,
			answer: `[{"id":"` + brokerProductID + `","name":"Gold","itemCode":"BOX1copy","cost":"50.00","price":100.5,"trialPeriod":0}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Products.List(ctx, brokerServiceID)
			},
			check: func(t *testing.T, got any) {
				l := got.([]BrokerProduct)
				require.Len(t, l, 1)
				assert.Equal(t, "Gold", l[0].Name)
				assert.Equal(t, "BOX1copy", l[0].ItemCode)
				assert.Equal(t, "50.00", l[0].Cost.Text(), "exact, with Cloudmore's scale")
				assert.Equal(t, "100.5", l[0].Price.Text())
				assert.Contains(t, string(l[0].Raw), `"trialPeriod":0`)
			}},
		{name: "products create", method: "POST", path: svc + "/products", status: 201, header: brokerLocation(prod),
			body: `{"name":"Gold","itemCode":"BOX1copy","subscriptionPeriod":12,"paymentFrequency":1,"minimumQuantity":1,"trialPeriod":0,"cost":50.00,"price":100.00,"productType":"Metered"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Products.Create(ctx, brokerServiceID, &CreateBrokerProductRequest{Name: "Gold", ItemCode: "BOX1copy",
					SubscriptionPeriod: Ptr(12), PaymentFrequency: Ptr(1), MinimumQuantity: Ptr(1), TrialPeriod: Ptr(0),
					Cost: Ptr(MustDecimal("50.00")), Price: Ptr(MustDecimal("100.00")), Extra: map[string]any{"productType": "Metered"}})
			}, check: wantCreated(brokerProductID)},
		{name: "products get", method: "GET", path: prod, status: 200,
			answer: `{"id":"` + brokerProductID + `","name":"Gold","price":"100.00"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Products.Get(ctx, brokerServiceID, brokerProductID)
			},
			check: func(t *testing.T, got any) {
				p := got.(*BrokerProduct)
				assert.Equal(t, brokerProductID, p.ID)
				assert.Equal(t, "100.00", p.Price.Text())
			}},
		{name: "products update", method: "PUT", path: prod, status: 204, body: `{"price":120.50,"description":"Box, yearly"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Products.Update(ctx, brokerServiceID, brokerProductID,
					&UpdateBrokerProductRequest{Price: Ptr(MustDecimal("120.50")), Description: "Box, yearly"}))
			}},
		{name: "products delete", method: "DELETE", path: prod, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Products.Delete(ctx, brokerServiceID, brokerProductID))
			}},
		{name: "addons list", method: "GET", path: prod + "/addons", status: 200,
			answer: `[{"id":"` + brokerAddonID + `","name":"Extra storage","itemCode":"BOX-ST","price":"9.90"}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Addons.List(ctx, brokerServiceID, brokerProductID)
			},
			check: func(t *testing.T, got any) {
				l := got.([]BrokerAddon)
				require.Len(t, l, 1)
				assert.Equal(t, BrokerAddon{ID: brokerAddonID, Name: "Extra storage", ItemCode: "BOX-ST", Price: MustDecimal("9.90"),
					Raw: l[0].Raw}, l[0])
				assert.Equal(t, "9.90", l[0].Price.Text())
			}},
		{name: "addons create", method: "POST", path: prod + "/addons", status: 201, header: brokerLocation(prod + "/addons/" + brokerAddonID),
			body: `{"name":"Extra storage","itemCode":"BOX-ST","enableGrouping":true,"groupName":"Storage","price":9.90,"cost":4.50}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Addons.Create(ctx, brokerServiceID, brokerProductID, &CreateBrokerAddonRequest{Name: "Extra storage",
					ItemCode: "BOX-ST", EnableGrouping: Ptr(true), GroupName: "Storage", Price: Ptr(MustDecimal("9.90")),
					Cost: Ptr(MustDecimal("4.50"))})
			}, check: wantCreated(brokerAddonID)},
		{name: "addons get", method: "GET", path: prod + "/addons/" + brokerAddonID, status: 200,
			answer: `{"id":"` + brokerAddonID + `","name":"Extra storage"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Addons.Get(ctx, brokerServiceID, brokerProductID, brokerAddonID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "Extra storage", got.(*BrokerAddon).Name) }},
		{name: "addons update", method: "PUT", path: prod + "/addons/" + brokerAddonID, status: 204, body: `{"enableGrouping":false}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Addons.Update(ctx, brokerServiceID, brokerProductID, brokerAddonID,
					&UpdateBrokerAddonRequest{EnableGrouping: Ptr(false)}))
			}},
		{name: "addons delete", method: "DELETE", path: prod + "/addons/" + brokerAddonID, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Addons.Delete(ctx, brokerServiceID, brokerProductID, brokerAddonID))
			}},
		{name: "consumption list, no filter", method: "POST", path: "services/consumptions", status: 200, body: `{}`,
			answer: `{"services":[{"serviceId":"` + brokerServiceID + `"}]}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Consumption.List(ctx, nil)
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `{"services":[{"serviceId":"`+brokerServiceID+`"}]}`, string(got.(*BrokerConsumptions).Raw))
			}},
		{name: "consumption list, filter, array answer", method: "POST", path: "services/consumptions", status: 200,
			body: `{"serviceId":"` + brokerServiceID + `"}`, answer: `[{"serviceId":"x"}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Consumption.List(ctx, &BrokerConsumptionFilter{Extra: map[string]any{"serviceId": brokerServiceID}})
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `[{"serviceId":"x"}]`, string(got.(*BrokerConsumptions).Raw))
			}},
		{name: "consumption submit", method: "PUT", path: "services/consumptions", status: 204,
			body: `{"subscriptionId":"28c427f5-2c6c-40a0-8f40-343c724f576a","quantity":12.5000,"billingDate":"2020-04-30"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Consumption.Submit(ctx, &SubmitBrokerConsumptionsRequest{
					SubscriptionID: "28c427f5-2c6c-40a0-8f40-343c724f576a", Quantity: Ptr(MustDecimal("12.5000")),
					BillingDate: NewDate(2020, 4, 30)}))
			}},
		{name: "consumption submit, product, add-on and Extra", method: "PUT", path: "services/consumptions", status: 204,
			body: `{"subscriptionId":"28c427f5-2c6c-40a0-8f40-343c724f576a","productId":"` + brokerProductID +
				`","addonId":"` + brokerAddonID + `","quantity":0,"unit":"GB"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Consumption.Submit(ctx, &SubmitBrokerConsumptionsRequest{
					SubscriptionID: "28c427f5-2c6c-40a0-8f40-343c724f576a", ProductID: brokerProductID, AddonID: brokerAddonID,
					Quantity: Ptr(Decimal{}), Extra: map[string]any{"unit": "GB"}}))
			}},
	})
}

// The exact JSON of a submitted quantity keeps its scale: 12.5000, never a float's 12.5.
func TestBrokerConsumptionQuantityIsExact(t *testing.T) {
	b, err := json.Marshal(SubmitBrokerConsumptionsRequest{SubscriptionID: "s", Quantity: Ptr(MustDecimal("0.1000000000000000000000000001"))})
	require.NoError(t, err)
	assert.Equal(t, `{"subscriptionId":"s","quantity":0.1000000000000000000000000001}`, string(b))
}

// The consumption read is a POST that changes nothing: declared read-only, it is retried
// after a 503 (and a broken connection) like a GET, with the same filter body.
func TestBrokerConsumptionListIsRetriedAsARead(t *testing.T) {
	var n atomic.Int32
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"services":[]}`)
	})
	got, resp, err := c.Broker.Consumption.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.JSONEq(t, `{"services":[]}`, string(got.Raw))
	reqs := ts.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, brokerPath("services/consumptions"), r.Path)
		assert.JSONEq(t, `{}`, string(r.Body))
	}
}

// The submission (metered usage) is not repeated after a 5xx or a lost answer, though a PUT:
// TestConsumptionSubmitIsNotRetriedAfter5xx and TestConsumptionSubmitWithNoAnswerIsSentOnce.

// The consumption operations declare their retry rules: the read is a POST that changes
// nothing (api-facts §13.9: "a read done with POST + filter body"), the submission a PUT of
// metered usage that adds a record, never sent twice.
func TestBrokerConsumptionRetryRules(t *testing.T) {
	rules := map[string]string{}
	for _, o := range Operations() {
		rules[o.Name] = o.Retry
	}
	assert.Equal(t, "read-only", rules["Broker.Consumption.List"])
	assert.Equal(t, "not once written", rules["Broker.Consumption.Submit"])
	assert.Equal(t, "repeatable", rules["Broker.Services.Update"], "a PUT that replaces keeps its method's rule")
	assert.Equal(t, "not once written", rules["Broker.Services.UpdateCustomProperties"], "a PATCH keeps its method's rule")
}

func TestBrokerCatalogueValidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		fields []string
	}{
		{"service create nil", func(c *Client) error { _, _, err := c.Broker.Services.Create(ctx, nil); return err }, []string{"body"}},
		{"service create empty", func(c *Client) error {
			_, _, err := c.Broker.Services.Create(ctx, &CreateBrokerServiceRequest{})
			return err
		}, []string{"body"}},
		{"service create Extra repeats name", func(c *Client) error {
			_, _, err := c.Broker.Services.Create(ctx, &CreateBrokerServiceRequest{Name: "a", Extra: map[string]any{"name": "b"}})
			return err
		}, []string{"Extra"}},
		{"service get bad id", func(c *Client) error { _, _, err := c.Broker.Services.Get(ctx, "box"); return err }, []string{"id"}},
		{"service update bad id and empty body", func(c *Client) error {
			_, err := c.Broker.Services.Update(ctx, "x/y", &UpdateBrokerServiceRequest{})
			return err
		}, []string{"id", "body"}},
		{"service disable empty id", func(c *Client) error { _, err := c.Broker.Services.Disable(ctx, ""); return err }, []string{"id"}},
		{"custom property data: bad id, no Extra", func(c *Client) error {
			_, err := c.Broker.Services.UpdateCustomProperties(ctx, "..", &UpdateBrokerServiceCustomPropertiesRequest{})
			return err
		}, []string{"serviceId", "Extra"}},
		{"custom property data nil", func(c *Client) error {
			_, err := c.Broker.Services.UpdateCustomProperties(ctx, brokerServiceID, nil)
			return err
		}, []string{"body"}},
		{"service subscriptions bad id", func(c *Client) error {
			_, _, err := c.Broker.Services.ListSubscriptions(ctx, "123")
			return err
		}, []string{"serviceId"}},
		{"products list bad id", func(c *Client) error { _, _, err := c.Broker.Products.List(ctx, "123"); return err }, []string{"serviceId"}},
		{"product create: bad service, empty body", func(c *Client) error {
			_, _, err := c.Broker.Products.Create(ctx, "nope", &CreateBrokerProductRequest{})
			return err
		}, []string{"serviceId", "body"}},
		{"product create: Extra repeats price", func(c *Client) error {
			_, _, err := c.Broker.Products.Create(ctx, brokerServiceID, &CreateBrokerProductRequest{Price: Ptr(MustDecimal("1")),
				Extra: map[string]any{"price": 2}})
			return err
		}, []string{"Extra"}},
		{"product get bad ids", func(c *Client) error {
			_, _, err := c.Broker.Products.Get(ctx, "a", "b")
			return err
		}, []string{"serviceId", "id"}},
		{"product update nil body, bad product", func(c *Client) error {
			_, err := c.Broker.Products.Update(ctx, brokerServiceID, "b", nil)
			return err
		}, []string{"id", "body"}},
		{"product delete bad id", func(c *Client) error {
			_, err := c.Broker.Products.Delete(ctx, brokerServiceID, "")
			return err
		}, []string{"id"}},
		{"addons list bad ids", func(c *Client) error {
			_, _, err := c.Broker.Addons.List(ctx, "a", "b")
			return err
		}, []string{"serviceId", "productId"}},
		{"addon create empty", func(c *Client) error {
			_, _, err := c.Broker.Addons.Create(ctx, brokerServiceID, brokerProductID, &CreateBrokerAddonRequest{})
			return err
		}, []string{"body"}},
		{"addon get slash in id", func(c *Client) error {
			_, _, err := c.Broker.Addons.Get(ctx, brokerServiceID, brokerProductID, "a/b")
			return err
		}, []string{"id"}},
		{"addon update empty body, bad product", func(c *Client) error {
			_, err := c.Broker.Addons.Update(ctx, brokerServiceID, "p", brokerAddonID, &UpdateBrokerAddonRequest{})
			return err
		}, []string{"productId", "body"}},
		{"addon delete empty id", func(c *Client) error {
			_, err := c.Broker.Addons.Delete(ctx, brokerServiceID, brokerProductID, "")
			return err
		}, []string{"id"}},
		{"consumption filter with empty key", func(c *Client) error {
			_, _, err := c.Broker.Consumption.List(ctx, &BrokerConsumptionFilter{Extra: map[string]any{"": 1}})
			return err
		}, []string{"Extra"}},
		{"consumption submit empty", func(c *Client) error {
			_, err := c.Broker.Consumption.Submit(ctx, &SubmitBrokerConsumptionsRequest{})
			return err
		}, []string{"subscriptionId", "quantity"}},
		{"consumption submit: the quantity misspelt, a bad id, Extra repeating a typed field", func(c *Client) error {
			_, err := c.Broker.Consumption.Submit(ctx, &SubmitBrokerConsumptionsRequest{SubscriptionID: "sub-1", ProductID: "p",
				Extra: map[string]any{"qty": 3, "subscriptionId": "x"}})
			return err
		}, []string{"subscriptionId", "productId", "quantity", "Extra"}},
		{"consumption submit nil", func(c *Client) error {
			_, err := c.Broker.Consumption.Submit(ctx, nil)
			return err
		}, []string{"body"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			assertInvalidFields(t, ts, tc.call(c), tc.fields...)
		})
	}
}

// A client without a reseller id refuses every broker operation before the network.
func TestBrokerNeedsResellerID(t *testing.T) {
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, _, err = c.Broker.Services.List(context.Background())
	assertInvalidFields(t, ts, err, "resellerId")
	_, err = c.Broker.Consumption.Submit(context.Background(), nil)
	assertInvalidFields(t, ts, err, "body", "resellerId")
}
