package cloudmore

import (
	"context"
	"strconv"
)

// OrganizationCostCenterReport is an organization's cost-center report for one month.
// Every organization has a "Default" cost center, which can be renamed, and a subscription's
// licences can be split across cost centers (Cloudmore's knowledge base). Cloudmore does not
// document the report's fields: Raw holds the whole JSON answer.
//
// Cloudmore model: OrganizationCostCenterReportModel
type OrganizationCostCenterReport struct {
	// Raw is the whole JSON answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw. The report's shape (object or array) is not
// documented, so any JSON value is kept.
func (m *OrganizationCostCenterReport) UnmarshalJSON(b []byte) error {
	m.Raw = append(RawJSON(nil), b...)
	return nil
}

// The cost-center report operation.
var opBillingGetCostCenterReport = declare[none, none, *OrganizationCostCenterReport]("Billing.GetCostCenterReport", "GET /api/resellers/{resellerId}/organizations/{organizationId}/costcenters/reports/{year}/{month}")

// GetCostCenterReport returns the organization's cost-center report for a month. year must
// have four digits (1000 to 9999) and month be 1 to 12; both are checked before any request.
//
// Cloudmore API: GET /api/resellers/{resellerId}/organizations/{organizationId}/costcenters/reports/{year}/{month}
func (s *BillingService) GetCostCenterReport(ctx context.Context, organizationID string, year, month int, call ...CallOption) (*OrganizationCostCenterReport, *Response, error) {
	var v validator
	if year < 1000 || year > 9999 {
		v.fail("year", "%d is not a four-digit year", year)
	}
	if month < 1 || month > 12 {
		v.fail("month", "%d is not a month (1 to 12)", month)
	}
	return opBillingGetCostCenterReport.doChecked(ctx, s.client, v.err(),
		path(id(organizationID), seg(strconv.Itoa(year)), seg(strconv.Itoa(month))), nil, nil, call)
}
