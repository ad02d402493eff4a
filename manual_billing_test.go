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
					Extra: map[string]any{"quantity": MustDecimal("2.5"), "resellerPricePerUnit": MustDecimal("40.00"),
						"customerPricePerUnit": MustDecimal("55.50")},
				}))
			}, check: wantCreated("ml-1")},
		{name: "Create without product", method: http.MethodPost, path: org,
			body:   `{"billingDate":"2026-12-01T08:30:00Z","serviceId":"` + portalServiceID + `"}`,
			status: http.StatusCreated, answer: `{"id":"ml-2"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ManualBilling.Create(ctxBG, azOrgID, &CreateManualBillingLineRequest{
					BillingDate: NewTime(time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)), ServiceID: portalServiceID}))
			}, check: wantCreated("ml-2")},
		{name: "Update", method: http.MethodPut, path: org + "/ml-1", body: `{"quantity":3}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ManualBilling.Update(ctxBG, azOrgID, "ml-1", &UpdateManualBillingLineRequest{
					Extra: map[string]any{"quantity": MustDecimal("3")}}))
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
			ServiceID: portalServiceID}
	}
	runExtrasInvalid(t, []extrasInvalid{
		{"List: bad org", func(c *Client) error { _, _, err := c.ManualBilling.List(ctxBG, "nope"); return err }, []string{"organizationId"}},
		{"Get: bad id", func(c *Client) error { _, _, err := c.ManualBilling.Get(ctxBG, azOrgID, "a/b"); return err }, []string{"id"}},
		{"Create: no body", func(c *Client) error { _, _, err := c.ManualBilling.Create(ctxBG, azOrgID, nil); return err }, []string{"body"}},
		{"Create: every field bad, and the org", func(c *Client) error {
			_, _, err := c.ManualBilling.Create(ctxBG, "nope", &CreateManualBillingLineRequest{ProductID: "gold",
				Extra: map[string]any{"": 1}})
			return err
		}, []string{"organizationId", "billingDate", "serviceId", "productId", "Extra"}},
		{"Create: serviceId not a GUID", func(c *Client) error {
			r := good()
			r.ServiceID = "box"
			_, _, err := c.ManualBilling.Create(ctxBG, azOrgID, r)
			return err
		}, []string{"serviceId"}},
		{"Create: Extra repeats a typed field", func(c *Client) error {
			r := good()
			r.Extra = map[string]any{"serviceId": portalServiceID}
			_, _, err := c.ManualBilling.Create(ctxBG, azOrgID, r)
			return err
		}, []string{"Extra"}},
		{"Update: everything bad", func(c *Client) error {
			_, err := c.ManualBilling.Update(ctxBG, "", "", &UpdateManualBillingLineRequest{})
			return err
		}, []string{"organizationId", "billingLineId", "Extra"}},
		{"Delete: bad id", func(c *Client) error { _, err := c.ManualBilling.Delete(ctxBG, azOrgID, ".."); return err }, []string{"id"}},
	})
}
