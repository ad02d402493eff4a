package cloudmore

import (
	"net/http"
	"testing"
	"time"
)

func TestManualBillingWire(t *testing.T) {
	org := "organizations/" + azOrgID + "/manualbilling"
	line := `{"id":"ml-1","billingDate":"2026-12-31T00:00:00","serviceId":"` + portalServiceID + `","quantity":2.5,"customerPricePerUnit":"55.50"}`
	runExtrasWire(t, []extrasWire{
		{name: "List", method: http.MethodGet, path: org, status: http.StatusOK, answer: "[" + line + "]",
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.ManualBilling.List(ctxBG, azOrgID)) },
			check: wantRaw("[" + line + "]")},
		{name: "Get", method: http.MethodGet, path: org + "/ml-1", status: http.StatusOK, answer: line,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ManualBilling.Get(ctxBG, azOrgID, "ml-1"))
			},
			check: wantRaw(line)},
		{name: "Create", method: http.MethodPost, path: org,
			// Decimal values in Extra go out as JSON numbers.
			body: `{"billingDate":"2026-12-31T00:00:00Z","serviceId":"` + portalServiceID + `","productId":"` + portalProductID +
				`","quantity":2.5,"resellerPricePerUnit":40.00,"customerPricePerUnit":55.50}`,
			status: http.StatusCreated, header: located(org + "/ml-1"),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ManualBilling.Create(ctxBG, azOrgID, &CreateManualBillingLineRequest{
					BillingDate: NewTime(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
					ServiceID:   portalServiceID, ProductID: portalProductID,
					Quantity: Ptr(MustDecimal("2.5")), ResellerPricePerUnit: Ptr(MustDecimal("40.00")),
					CustomerPricePerUnit: Ptr(MustDecimal("55.50")),
				}))
			}, check: wantCreated("ml-1")},
		{name: "Create without product, a free line, and Extra", method: http.MethodPost, path: org,
			// Zero is sent when set: a missing amount is refused, a zero one is not.
			body: `{"billingDate":"2026-12-01T08:30:00Z","serviceId":"` + portalServiceID +
				`","quantity":1,"resellerPricePerUnit":0,"customerPricePerUnit":-5.00,"description":"Goodwill"}`,
			status: http.StatusCreated, answer: `{"id":"ml-2"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ManualBilling.Create(ctxBG, azOrgID, &CreateManualBillingLineRequest{
					BillingDate: NewTime(time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)), ServiceID: portalServiceID,
					Quantity: Ptr(MustDecimal("1")), ResellerPricePerUnit: Ptr(Decimal{}),
					CustomerPricePerUnit: Ptr(MustDecimal("-5.00")), Extra: map[string]any{"description": "Goodwill"}}))
			}, check: wantCreated("ml-2")},
		{name: "Update", method: http.MethodPut, path: org + "/ml-1", body: `{"quantity":3}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ManualBilling.Update(ctxBG, azOrgID, "ml-1", &UpdateManualBillingLineRequest{
					Quantity: Ptr(MustDecimal("3"))}))
			}},
		{name: "Update every typed member", method: http.MethodPut, path: org + "/ml-1",
			body: `{"billingDate":"2027-01-31T00:00:00Z","serviceId":"` + portalServiceID + `","productId":"` + portalProductID +
				`","quantity":4,"resellerPricePerUnit":1.10,"customerPricePerUnit":2.20,"description":"x"}`,
			status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ManualBilling.Update(ctxBG, azOrgID, "ml-1", &UpdateManualBillingLineRequest{
					BillingDate: NewTime(time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)), ServiceID: portalServiceID,
					ProductID: portalProductID, Quantity: Ptr(MustDecimal("4")), ResellerPricePerUnit: Ptr(MustDecimal("1.10")),
					CustomerPricePerUnit: Ptr(MustDecimal("2.20")), Extra: map[string]any{"description": "x"}}))
			}},
		{name: "Delete", method: http.MethodDelete, path: org + "/ml-1", status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ManualBilling.Delete(ctxBG, azOrgID, "ml-1"))
			}},
	})
}

func TestManualBillingValidation(t *testing.T) {
	good := func() *CreateManualBillingLineRequest {
		return &CreateManualBillingLineRequest{BillingDate: NewTime(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)),
			ServiceID: portalServiceID, Quantity: Ptr(MustDecimal("1")), ResellerPricePerUnit: Ptr(MustDecimal("1")),
			CustomerPricePerUnit: Ptr(MustDecimal("2"))}
	}
	runExtrasInvalid(t, []extrasInvalid{
		{"List: bad org", func(c *Client) error { _, _, err := c.ManualBilling.List(ctxBG, "nope"); return err }, []string{"organizationId"}},
		{"Get: bad id", func(c *Client) error { _, _, err := c.ManualBilling.Get(ctxBG, azOrgID, "a/b"); return err }, []string{"id"}},
		{"Create: no body", func(c *Client) error { _, _, err := c.ManualBilling.Create(ctxBG, azOrgID, nil); return err }, []string{"body"}},
		{"Create: every field bad, and the org", func(c *Client) error {
			_, _, err := c.ManualBilling.Create(ctxBG, "nope", &CreateManualBillingLineRequest{ProductID: "gold",
				Extra: map[string]any{"": 1}})
			return err
		}, []string{"organizationId", "billingDate", "serviceId", "productId", "quantity", "resellerPricePerUnit",
			"customerPricePerUnit", "Extra"}},
		{"Create: the quantity misspelt in Extra", func(c *Client) error {
			r := good()
			r.Quantity = nil
			r.Extra = map[string]any{"qty": 2}
			_, _, err := c.ManualBilling.Create(ctxBG, azOrgID, r)
			return err
		}, []string{"quantity"}},
		{"Create: no prices", func(c *Client) error {
			r := good()
			r.ResellerPricePerUnit, r.CustomerPricePerUnit = nil, nil
			_, _, err := c.ManualBilling.Create(ctxBG, azOrgID, r)
			return err
		}, []string{"resellerPricePerUnit", "customerPricePerUnit"}},
		{"Update: everything bad", func(c *Client) error {
			_, err := c.ManualBilling.Update(ctxBG, "", "", &UpdateManualBillingLineRequest{})
			return err
		}, []string{"organizationId", "billingLineId", "body"}},
		{"Update: bad ids, Extra repeats a typed field", func(c *Client) error {
			_, err := c.ManualBilling.Update(ctxBG, azOrgID, "ml-1", &UpdateManualBillingLineRequest{ServiceID: "box",
				ProductID: "gold", Quantity: Ptr(MustDecimal("1")), Extra: map[string]any{"quantity": 2}})
			return err
		}, []string{"serviceId", "productId", "Extra"}},
		{"Delete: bad id", func(c *Client) error { _, err := c.ManualBilling.Delete(ctxBG, azOrgID, ".."); return err }, []string{"id"}},
	})
}
