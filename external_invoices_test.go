package cloudmore

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestExternalInvoicesWire(t *testing.T) {
	org := "organizations/" + azOrgID + "/ExternalInvoice"
	inv := `{"id":"inv-1","invoiceNumber":"ERP-1001","amount":"1250.00"}`
	runExtrasWire(t, []extrasWire{
		{name: "List", method: http.MethodGet, path: org, query: url.Values{"startDate": {"2020-04-01"}, "endDate": {"2020-04-30"}},
			status: http.StatusOK, answer: "[" + inv + "]",
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ExternalInvoices.List(ctxBG, azOrgID, NewDate(2020, time.April, 1), NewDate(2020, time.April, 30)))
			}, check: wantRaw("[" + inv + "]")},
		{name: "Get", method: http.MethodGet, path: org + "/inv-1", status: http.StatusOK, answer: inv,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ExternalInvoices.Get(ctxBG, azOrgID, "inv-1"))
			},
			check: wantRaw(inv)},
		{name: "Create", method: http.MethodPost, path: org, body: `{"invoiceNumber":"ERP-1001","amount":1250.00}`,
			status: http.StatusCreated, header: located(org + "/inv-1"),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.ExternalInvoices.Create(ctxBG, azOrgID, &CreateExternalInvoiceRequest{
					Extra: map[string]any{"invoiceNumber": "ERP-1001", "amount": MustDecimal("1250.00")}}))
			}, check: wantCreated("inv-1")},
		{name: "Update", method: http.MethodPut, path: org + "/inv-1", body: `{"amount":1300.10}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ExternalInvoices.Update(ctxBG, azOrgID, "inv-1", &UpdateExternalInvoiceRequest{
					Extra: map[string]any{"amount": MustDecimal("1300.10")}}))
			}},
		{name: "Delete", method: http.MethodDelete, path: org + "/inv-1", status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.ExternalInvoices.Delete(ctxBG, azOrgID, "inv-1"))
			}},
	})
}

func TestExternalInvoicesValidation(t *testing.T) {
	d := NewDate(2020, time.April, 1)
	runExtrasInvalid(t, []extrasInvalid{
		{"List: no dates, bad org", func(c *Client) error {
			_, _, err := c.ExternalInvoices.List(ctxBG, "nope", Date{}, Date{})
			return err
		}, []string{"organizationId", "startDate", "endDate"}},
		{"List: a date that does not exist", func(c *Client) error {
			_, _, err := c.ExternalInvoices.List(ctxBG, azOrgID, d, Date{Year: 2020, Month: time.February, Day: 30})
			return err
		}, []string{"endDate"}},
		{"Get: bad id", func(c *Client) error { _, _, err := c.ExternalInvoices.Get(ctxBG, azOrgID, ""); return err }, []string{"id"}},
		{"Create: no body, bad org", func(c *Client) error {
			_, _, err := c.ExternalInvoices.Create(ctxBG, "", nil)
			return err
		}, []string{"organizationId", "body"}},
		{"Create: empty Extra", func(c *Client) error {
			_, _, err := c.ExternalInvoices.Create(ctxBG, azOrgID, &CreateExternalInvoiceRequest{})
			return err
		}, []string{"Extra"}},
		{"Update: everything bad", func(c *Client) error {
			_, err := c.ExternalInvoices.Update(ctxBG, "nope", "a/b", nil)
			return err
		}, []string{"organizationId", "id", "body"}},
		{"Delete: bad id", func(c *Client) error { _, err := c.ExternalInvoices.Delete(ctxBG, azOrgID, "."); return err }, []string{"id"}},
	})
}
