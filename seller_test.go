package cloudmore

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testSellerID    = "8b1f0a52-6c1e-4d5b-9f3a-2e7c4d9a1b60"
	sellerServiceID = "a65727d5-3d23-455d-9ee6-9c843e13dd0a"
	sellerProductID = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
	sellerAddonID   = "587c84f5-820c-4673-97e5-dd99e3e17623"
)

func sellerPathOf(rest string) string { return "/api/sellers/" + testSellerID + "/" + rest }

// sellerCase is one seller operation on the wire: what the method sends and what it makes of
// the answer.
type sellerCase struct {
	name         string
	call         func(ctx context.Context, c *Client) (any, *Response, error)
	method, path string
	query        url.Values
	body         string // the JSON body sent, "" for none
	status       int
	answer       string
	header       map[string]string
	check        func(t *testing.T, got any)
}

func TestSellerOperationsOnTheWire(t *testing.T) {
	ctx := context.Background()
	created := func(id string) func(*testing.T, any) {
		return func(t *testing.T, got any) { assert.Equal(t, id, got.(*Created).ID) }
	}
	noResult := func(ctx context.Context, f func() (*Response, error)) (any, *Response, error) {
		r, err := f()
		return nil, r, err
	}
	cases := []sellerCase{
		{name: "administrators list", method: "GET", path: sellerPathOf("SellerAdministrators"), status: 200,
			answer: `[{"id":"7","name":"ann@seller.example","roleId":"6"}]`,
			call:   func(ctx context.Context, c *Client) (any, *Response, error) { return c.Seller.Administrators.List(ctx) },
			check: func(t *testing.T, got any) {
				a := got.([]SellerAdministrator)
				require.Len(t, a, 1)
				assert.Equal(t, "7", a[0].ID)
				assert.JSONEq(t, `{"id":"7","name":"ann@seller.example","roleId":"6"}`, string(a[0].Raw))
			}},
		{name: "administrator create", method: "POST", path: sellerPathOf("SellerAdministrators"), status: 201,
			header: map[string]string{"Location": sellerPathOf("SellerAdministrators/42")},
			body:   `{"name":"ann@seller.example","password":"pw","firstName":"Ann","roleId":"6","cellPhonePrefix":"372","address":{"countryCode":"EE","city":"Tallinn"}}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Administrators.Create(ctx, &CreateSellerAdministratorRequest{Name: "ann@seller.example", Password: "pw",
					FirstName: "Ann", RoleID: "6", CellPhonePrefix: "372", Address: &SellerAdministratorAddress{CountryCode: "EE", City: "Tallinn"}})
			}, check: created("42")},
		{name: "administrator get", method: "GET", path: sellerPathOf("SellerAdministrators/42"), status: 200, answer: `{"id":"42"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Administrators.Get(ctx, "42")
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "42", got.(*SellerAdministrator).ID) }},
		{name: "administrator update", method: "PUT", path: sellerPathOf("SellerAdministrators/42"), status: 204, body: `{"title":"CFO"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Administrators.Update(ctx, "42", &UpdateSellerAdministratorRequest{Extra: map[string]any{"title": "CFO"}})
				})
			}},
		{name: "administrator delete", method: "DELETE", path: sellerPathOf("SellerAdministrators/42"), status: 204,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) { return c.Seller.Administrators.Delete(ctx, "42") })
			}},
		{name: "organization", method: "GET", path: sellerPathOf("SellerOrganizations/" + testSellerID), status: 200, answer: `{"id":"` + testSellerID + `","name":"Seller Oy","vat":"FI1"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Organization.Get(ctx, testSellerID)
			},
			check: func(t *testing.T, got any) {
				o := got.(*SellerOrganization)
				assert.Equal(t, "Seller Oy", o.Name)
				assert.Contains(t, string(o.Raw), `"vat":"FI1"`)
			}},
		{name: "billing per reseller", method: "GET", path: sellerPathOf("billing/MonthlyBillingPerReseller"), status: 200,
			query: url.Values{"month": {"2026-10"}}, answer: `[{"resellerId":"x"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Billing.GetMonthlyBillingPerReseller(ctx, &SellerBillingReportOptions{Extra: ExtraParams{"month": "2026-10"}})
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `[{"resellerId":"x"}]`, string(got.(*SellerBillingReport).Raw))
			}},
		{name: "brokers list", method: "GET", path: sellerPathOf("brokers"), status: 200, answer: `[{"id":"b1","name":"Broker AB"}]`,
			call:  func(ctx context.Context, c *Client) (any, *Response, error) { return c.Seller.Brokers.List(ctx) },
			check: func(t *testing.T, got any) { assert.Equal(t, "Broker AB", got.([]SellerBroker)[0].Name) }},
		{name: "broker create", method: "POST", path: sellerPathOf("brokers"), status: 201,
			header: map[string]string{"Location": "/api/sellers/" + testSellerID + "/brokers/b2"},
			body: `{"name":"Broker AB","domain":"broker.example","notificationEmail":"n@broker.example",
				"contact":{"name":"Bo","email":"bo@broker.example","phonePrefix":"46","phone":"701234567"},
				"address":{"address":"Gatan 1","postalCode":"11122","city":"Stockholm","countryCode":"SE"},
				"invoiceContact":{"name":"Inv","email":"inv@broker.example"},"allowCmpAccess":false}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Brokers.Create(ctx, &CreateSellerBrokerRequest{Name: "Broker AB", Domain: "broker.example",
					NotificationEmail: "n@broker.example",
					Contact:           &SellerBrokerContact{Name: "Bo", Email: "bo@broker.example", PhonePrefix: "46", Phone: "701234567"},
					Address:           &SellerBrokerAddress{Address: "Gatan 1", PostalCode: "11122", City: "Stockholm", CountryCode: "SE"},
					InvoiceContact:    &SellerBrokerInvoiceContact{Name: "Inv", Email: "inv@broker.example"}, AllowCmpAccess: Ptr(false)})
			}, check: created("b2")},
		{name: "broker get", method: "GET", path: sellerPathOf("brokers/b2"), status: 200, answer: `{"id":"b2"}`,
			call:  func(ctx context.Context, c *Client) (any, *Response, error) { return c.Seller.Brokers.Get(ctx, "b2") },
			check: func(t *testing.T, got any) { assert.Equal(t, "b2", got.(*SellerBroker).ID) }},
		{name: "broker update", method: "PUT", path: sellerPathOf("brokers/b2"), status: 204, body: `{"vat":"SE1"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Brokers.Update(ctx, "b2", &UpdateSellerBrokerRequest{Extra: map[string]any{"vat": "SE1"}})
				})
			}},
		{name: "broker delete", method: "DELETE", path: sellerPathOf("brokers/b2"), status: 204,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) { return c.Seller.Brokers.Delete(ctx, "b2") })
			}},
		{name: "resellers list", method: "GET", path: sellerPathOf("resellers"), status: 200, answer: `[{"id":"` + testResellerID + `"}]`,
			call:  func(ctx context.Context, c *Client) (any, *Response, error) { return c.Seller.Resellers.List(ctx) },
			check: func(t *testing.T, got any) { assert.Equal(t, testResellerID, got.([]SellerReseller)[0].ID) }},
		{name: "reseller get", method: "GET", path: sellerPathOf("resellers/" + testResellerID), status: 200, answer: `{"id":"` + testResellerID + `","name":"B"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Resellers.Get(ctx, testResellerID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "B", got.(*SellerReseller).Name) }},
		{name: "manual billing list", method: "GET", path: sellerPathOf("resellers/" + testResellerID + "/manualbilling"), status: 200,
			query:  url.Values{"billingStartDate": {"2026-10-01"}, "billingEndDate": {"2026-10-31"}},
			answer: `[{"id":"l1","billingDate":"2026-10-15T00:00:00","serviceId":"` + sellerServiceID + `","quantity":2}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.ManualBilling.List(ctx, testResellerID, &SellerManualBillingOptions{
					BillingStartDate: NewDate(2026, 10, 1), BillingEndDate: NewDate(2026, 10, 31)})
			},
			check: func(t *testing.T, got any) {
				l := got.([]SellerManualBillingLine)[0]
				assert.Equal(t, "l1", l.ID)
				assert.Equal(t, time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC), l.BillingDate.Time)
				assert.Contains(t, string(l.Raw), `"quantity":2`)
			}},
		{name: "manual billing create", method: "POST", path: sellerPathOf("resellers/" + testResellerID + "/manualbilling"), status: 201,
			header: map[string]string{"Location": sellerPathOf("resellers/" + testResellerID + "/manualbilling/l2")},
			body: `{"billingDate":"2026-10-15T00:00:00Z","serviceId":"` + sellerServiceID +
				`","quantity":2,"resellerPricePerUnit":10.00,"customerPricePerUnit":12.50,"note":"x"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.ManualBilling.Create(ctx, testResellerID, &CreateSellerManualBillingLineRequest{
					BillingDate: NewTime(time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)), ServiceID: sellerServiceID,
					Quantity: Ptr(MustDecimal("2")), ResellerPricePerUnit: Ptr(MustDecimal("10.00")),
					CustomerPricePerUnit: Ptr(MustDecimal("12.50")), Extra: map[string]any{"note": "x"}})
			}, check: created("l2")},
		{name: "manual billing get", method: "GET", path: sellerPathOf("resellers/" + testResellerID + "/manualbilling/l2"), status: 200, answer: `{"id":"l2"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.ManualBilling.Get(ctx, testResellerID, "l2")
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "l2", got.(*SellerManualBillingLine).ID) }},
		{name: "manual billing delete", method: "DELETE", path: sellerPathOf("resellers/" + testResellerID + "/manualbilling/l2"), status: 204,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) { return c.Seller.ManualBilling.Delete(ctx, testResellerID, "l2") })
			}},
		{name: "products list", method: "GET", path: sellerPathOf("services/" + sellerServiceID + "/products"), status: 200, answer: `[{"id":"p","name":"Gold","itemCode":"G1"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Products.List(ctx, sellerServiceID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "G1", got.([]SellerProduct)[0].ItemCode) }},
		{name: "product create", method: "POST", path: sellerPathOf("services/" + sellerServiceID + "/products"), status: 201,
			header: map[string]string{"Location": sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID)},
			body:   `{"name":"Gold","itemCode":"G1"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Products.Create(ctx, sellerServiceID, &CreateSellerProductRequest{Extra: map[string]any{"name": "Gold", "itemCode": "G1"}})
			}, check: created(sellerProductID)},
		{name: "product get", method: "GET", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID), status: 200, answer: `{"id":"` + sellerProductID + `"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Products.Get(ctx, sellerServiceID, sellerProductID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, sellerProductID, got.(*SellerProduct).ID) }},
		{name: "product update", method: "PUT", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID), status: 204, body: `{"name":"Gold 2"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Products.Update(ctx, sellerServiceID, sellerProductID, &UpdateSellerProductRequest{Extra: map[string]any{"name": "Gold 2"}})
				})
			}},
		{name: "product delete", method: "DELETE", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID), status: 204,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) { return c.Seller.Products.Delete(ctx, sellerServiceID, sellerProductID) })
			}},
		{name: "addons list", method: "GET", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons"), status: 200,
			answer: `[{"id":"a","name":"Extra storage","itemCode":"X1","enableGrouping":true,"groupName":"Storage","price":"12.50"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Addons.List(ctx, sellerServiceID, sellerProductID)
			},
			check: func(t *testing.T, got any) {
				a := got.([]SellerAddon)[0]
				assert.Equal(t, "12.50", a.Price.String())
				assert.True(t, a.EnableGrouping)
				assert.Equal(t, "Storage", a.GroupName)
			}},
		{name: "addon create", method: "POST", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons"), status: 201,
			header: map[string]string{"Location": sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons/" + sellerAddonID)},
			body:   `{"name":"Extra storage","itemCode":"X1","enableGrouping":true,"groupName":"Storage","price":12.50}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Addons.Create(ctx, sellerServiceID, sellerProductID, &SellerAddonRequest{Name: "Extra storage", ItemCode: "X1",
					EnableGrouping: Ptr(true), GroupName: "Storage", Price: Ptr(MustDecimal("12.50"))})
			}, check: created(sellerAddonID)},
		{name: "addon get", method: "GET", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons/" + sellerAddonID), status: 200, answer: `{"id":"` + sellerAddonID + `","price":7}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Addons.Get(ctx, sellerServiceID, sellerProductID, sellerAddonID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "7", got.(*SellerAddon).Price.String()) }},
		{name: "addon update", method: "PUT", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons/" + sellerAddonID), status: 204, body: `{"name":"XL"}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Addons.Update(ctx, sellerServiceID, sellerProductID, sellerAddonID, &SellerAddonRequest{Name: "XL"})
				})
			}},
		{name: "addon delete", method: "DELETE", path: sellerPathOf("services/" + sellerServiceID + "/products/" + sellerProductID + "/addons/" + sellerAddonID), status: 204,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Addons.Delete(ctx, sellerServiceID, sellerProductID, sellerAddonID)
				})
			}},
		{name: "pricelist get", method: "GET", path: sellerPathOf("services/" + sellerServiceID + "/pricelist"), status: 200,
			query: url.Values{"currencyCode": {"EUR"}}, answer: `[{"itemId":"x","price":"1.50"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Pricelist.Get(ctx, sellerServiceID, &SellerPriceListOptions{CurrencyCode: "EUR"})
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `[{"itemId":"x","price":"1.50"}]`, string(got.(*SellerPriceList).Raw))
			}},
		{name: "pricelist update", method: "PUT", path: sellerPathOf("services/" + sellerServiceID + "/pricelist"), status: 204,
			body: `{"itemId":"` + sellerProductID + `","price":18.50}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Pricelist.Update(ctx, sellerServiceID, &UpdateSellerPriceRequest{ItemID: sellerProductID,
						Extra: map[string]any{"price": MustDecimal("18.50")}})
				})
			}},
		{name: "consumptions read", method: "POST", path: sellerPathOf("services/consumptions"), status: 200, body: `{}`, answer: `[{"subscriptionId":"s"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.Consumption.List(ctx, nil)
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `[{"subscriptionId":"s"}]`, string(got.(*SellerConsumptions).Raw))
			}},
		{name: "consumptions submit", method: "PUT", path: sellerPathOf("services/consumptions"), status: 204, body: `{"subscriptionId":"s","quantity":3}`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return noResult(ctx, func() (*Response, error) {
					return c.Seller.Consumption.Submit(ctx, &SubmitSellerConsumptionsRequest{Extra: map[string]any{"subscriptionId": "s", "quantity": 3}})
				})
			}},
		{name: "custom properties", method: "GET", path: sellerPathOf("settings/CustomProperties"), status: 200, answer: `[{"id":"cp","name":"Tier","type":"DropDown"}]`,
			call: func(ctx context.Context, c *Client) (any, *Response, error) {
				return c.Seller.CustomProperties.List(ctx)
			},
			check: func(t *testing.T, got any) {
				assert.Equal(t, CustomPropertyDropdown, got.([]SellerCustomProperty)[0].Type)
			}},
		{name: "email templates", method: "GET", path: sellerPathOf("settings/EmailTemplates"), status: 200, answer: `[{"id":"t","name":"Welcome"}]`,
			call:  func(ctx context.Context, c *Client) (any, *Response, error) { return c.Seller.EmailTemplates.List(ctx) },
			check: func(t *testing.T, got any) { assert.Equal(t, "Welcome", got.([]SellerEmailTemplate)[0].Name) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t, WithSellerID(testSellerID))
			seen := false
			ts.Mux.HandleFunc(tc.method+" "+tc.path, func(w http.ResponseWriter, r *http.Request) {
				seen = true
				wantRequest(t, r, tc.method, tc.path, tc.query, tc.body)
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				if tc.answer == "" {
					w.WriteHeader(tc.status)
					return
				}
				writeJSON(t, w, tc.status, tc.answer)
			})
			got, resp, err := tc.call(ctx, c)
			require.NoError(t, err)
			require.True(t, seen, "the request reached the operation's path")
			assert.Equal(t, tc.status, resp.StatusCode)
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// TestSellerMethodsNeedASellerID: on a client without a seller id every seller method is a
// *ValidationError naming sellerId, before the network.
func TestSellerMethodsNeedASellerID(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	calls := map[string]func() error{
		"administrators": func() error { _, _, err := c.Seller.Administrators.List(ctx); return err },
		"brokers": func() error {
			_, _, err := c.Seller.Brokers.Create(ctx, &CreateSellerBrokerRequest{Name: "x"})
			return err
		},
		"products":       func() error { _, err := c.Seller.Products.Delete(ctx, sellerServiceID, sellerProductID); return err },
		"consumption":    func() error { _, _, err := c.Seller.Consumption.List(ctx, nil); return err },
		"manual billing": func() error { _, _, err := c.Seller.ManualBilling.List(ctx, testResellerID, nil); return err },
	}
	for name, call := range calls {
		err := call()
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, "sellerId", ve.Field, name)
	}
	assert.Zero(t, ts.apiRequests())

	s, err := c.ForSeller(testSellerID)
	require.NoError(t, err)
	assert.Equal(t, testSellerID, s.SellerID())
	assert.Equal(t, testResellerID, s.ResellerID(), "ForSeller keeps the reseller id")
	_, err = c.ForSeller("not-a-guid")
	require.ErrorIs(t, err, ErrValidation)
}

// TestSellerBodiesAreCheckedBeforeTheNetwork: bad bodies and ids are refused with every bad
// field named, and nothing is sent.
func TestSellerBodiesAreCheckedBeforeTheNetwork(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithSellerID(testSellerID))
	ctx := context.Background()
	fields := func(err error) []string {
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		var out []string
		for _, f := range ve.Fields {
			out = append(out, f.Field)
		}
		return out
	}
	_, _, err := c.Seller.Brokers.Create(ctx, &CreateSellerBrokerRequest{Domain: "abcdefCompany", SupportEmail: "nope",
		Address: &SellerBrokerAddress{CountryCode: "ZZ"}, Extra: map[string]any{"domain": "x"}})
	assert.Equal(t, []string{"domain", "supportEmail", "address.countryCode", "Extra"}, fields(err))

	_, _, err = c.Seller.ManualBilling.Create(ctx, "not-a-guid", &CreateSellerManualBillingLineRequest{ProductID: "p"})
	assert.Equal(t, []string{"resellerId", "billingDate", "serviceId", "productId", "quantity", "resellerPricePerUnit",
		"customerPricePerUnit"}, fields(err))

	_, _, err = c.Seller.Addons.Create(ctx, sellerServiceID, "x", &SellerAddonRequest{})
	assert.Equal(t, []string{"productId", "name"}, fields(err))

	_, err = c.Seller.Pricelist.Update(ctx, sellerServiceID, &UpdateSellerPriceRequest{ItemID: "x"})
	assert.Equal(t, []string{"itemId"}, fields(err))

	_, _, err = c.Seller.Pricelist.Get(ctx, sellerServiceID, &SellerPriceListOptions{CurrencyCode: "ABC"})
	assert.Equal(t, []string{"currencyCode"}, fields(err))

	_, _, err = c.Seller.ManualBilling.List(ctx, testResellerID, &SellerManualBillingOptions{
		BillingStartDate: NewDate(2026, 10, 31), BillingEndDate: NewDate(2026, 10, 1)})
	assert.Equal(t, []string{"billingEndDate"}, fields(err))

	for name, err := range map[string]error{
		"admin nil":    second(c.Seller.Administrators.Create(ctx, nil)),
		"admin update": first(c.Seller.Administrators.Update(ctx, "1", &UpdateSellerAdministratorRequest{})),
		"product":      second(c.Seller.Products.Create(ctx, sellerServiceID, &CreateSellerProductRequest{})),
		"submit":       first(c.Seller.Consumption.Submit(ctx, nil)),
		"broker id":    second(c.Seller.Brokers.Get(ctx, "a/b")),
		"admin empty":  second(c.Seller.Administrators.Create(ctx, &CreateSellerAdministratorRequest{})),
		"broker empty": second(c.Seller.Brokers.Create(ctx, &CreateSellerBrokerRequest{})),
	} {
		assert.True(t, errors.Is(err, ErrValidation), "%s: %v", name, err)
	}
	assert.Zero(t, ts.apiRequests())
}

// TestSellerAdministratorRequestHidesPassword: printing a create request never shows the password.
func TestSellerAdministratorRequestHidesPassword(t *testing.T) {
	r := CreateSellerAdministratorRequest{Name: "ann", Password: "hunter2-secret"}
	for _, s := range []string{r.String(), fmtV(r), fmtV(&r)} {
		assert.NotContains(t, s, "hunter2-secret")
	}
}

func first[T any](_ T, err error) error          { return err }
func second[A, B any](_ A, _ B, err error) error { return err }

func fmtV(v any) string { return fmt.Sprintf("%v %+v %s", v, v, v) }

// TestSellerBulkConsumptionPoller: the bulk submission is a POST answered 202 with a task id;
// the Poller reads Processing as running, Successful as done and Failed as a *TaskFailedError;
// its resume token is refused on a client for another seller, before any request.
func TestSellerBulkConsumptionPoller(t *testing.T) {
	for _, final := range []string{"Successful", "Failed"} {
		t.Run(final, func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t, WithSellerID(testSellerID))
			ctx := context.Background()
			polls := 0
			ts.Mux.HandleFunc("POST "+sellerPathOf("services/bulkconsumptions"), func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, "POST", sellerPathOf("services/bulkconsumptions"), nil, `{"items":[{"subscriptionId":"s","quantity":2}]}`)
				writeJSON(t, w, http.StatusAccepted, `{"taskId":"t-1"}`)
			})
			ts.Mux.HandleFunc("GET "+sellerPathOf("services/bulkconsumptions/t-1"), func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, "GET", sellerPathOf("services/bulkconsumptions/t-1"), nil, "")
				polls++
				if polls < 3 {
					writeJSON(t, w, http.StatusOK, `{"message":"Processing"}`)
					return
				}
				writeJSON(t, w, http.StatusOK, `{"message":"`+final+`"}`)
			})
			p, resp, err := c.Seller.Consumption.BeginBulkSubmit(ctx, &SubmitSellerConsumptionsRequest{
				Extra: map[string]any{"items": []map[string]any{{"subscriptionId": "s", "quantity": 2}}}})
			require.NoError(t, err)
			assert.Equal(t, http.StatusAccepted, resp.StatusCode)
			assert.Equal(t, "t-1", p.TaskID())

			resumed, err := c.Seller.Consumption.ResumeBulkSubmit(p.ResumeToken())
			require.NoError(t, err)
			other, err := c.ForSeller("11111111-2222-3333-4444-555555555555")
			require.NoError(t, err)
			_, err = other.Seller.Consumption.ResumeBulkSubmit(p.ResumeToken())
			require.ErrorIs(t, err, ErrValidation, "a token of another seller is refused")

			st, err := resumed.PollUntilDone(ctx, &PollOptions{Frequency: time.Millisecond})
			assert.Equal(t, 3, polls)
			if final == "Failed" {
				var tf *TaskFailedError
				require.ErrorAs(t, err, &tf)
				assert.Equal(t, "Failed", tf.Status)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "Successful", st.Status)
			assert.JSONEq(t, `{"message":"Successful"}`, string(st.Raw))
		})
	}
}

// TestTaskFailureBodyRedactsTheToken: a task's failure quotes the answer, never the client's
// own token when the answer echoes it.
func TestTaskFailureBodyRedactsTheToken(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithSellerID(testSellerID))
	ts.Mux.HandleFunc("POST "+sellerPathOf("services/bulkconsumptions"), func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusAccepted, `{"taskId":"t-2"}`)
	})
	ts.Mux.HandleFunc("GET "+sellerPathOf("services/bulkconsumptions/t-2"), func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `{"message":"Failed","echo":"`+testToken+`"}`)
	})
	p, _, err := c.Seller.Consumption.BeginBulkSubmit(context.Background(), &SubmitSellerConsumptionsRequest{Extra: map[string]any{"x": 1}})
	require.NoError(t, err)
	_, err = p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.NotContains(t, string(tf.Body), testToken)
	assert.NotContains(t, err.Error(), testToken)
	assert.Contains(t, string(tf.Body), "REDACTED")
}
