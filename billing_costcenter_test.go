package cloudmore

import (
	"net/http"
	"testing"
)

func TestBillingCostCenterReportWire(t *testing.T) {
	path := "organizations/" + azOrgID + "/costcenters/reports/2026/3"
	report := `{"costCenters":[{"name":"Default","totalCustomerPrice":"1019.00"}]}`
	runExtrasWire(t, []extrasWire{
		{name: "object", method: http.MethodGet, path: path, status: http.StatusOK, answer: report,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Billing.GetCostCenterReport(ctxBG, azOrgID, 2026, 3))
			}, check: wantRaw(report)},
		{name: "array", method: http.MethodGet, path: path, status: http.StatusOK, answer: `[{"name":"Default"}]`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Billing.GetCostCenterReport(ctxBG, azOrgID, 2026, 3))
			}, check: wantRaw(`[{"name":"Default"}]`)},
	})
}

func TestBillingCostCenterReportValidation(t *testing.T) {
	call := func(org string, year, month int) func(c *Client) error {
		return func(c *Client) error {
			_, _, err := c.Billing.GetCostCenterReport(ctxBG, org, year, month)
			return err
		}
	}
	runExtrasInvalid(t, []extrasInvalid{
		{"month 0", call(azOrgID, 2026, 0), []string{"month"}},
		{"month 13", call(azOrgID, 2026, 13), []string{"month"}},
		{"year 26", call(azOrgID, 26, 1), []string{"year"}},
		{"year 10000", call(azOrgID, 10000, 1), []string{"year"}},
		{"everything bad", call("nope", -1, -1), []string{"year", "month", "organizationId"}},
	})
}
