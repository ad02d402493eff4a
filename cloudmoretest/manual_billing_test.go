package cloudmoretest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func manualLineRequest(date time.Time, service string, qty, cost, price string, extra map[string]any) *cloudmore.CreateManualBillingLineRequest {
	return &cloudmore.CreateManualBillingLineRequest{BillingDate: cloudmore.NewTime(date), ServiceID: service,
		Quantity: cloudmore.Ptr(cloudmore.MustDecimal(qty)), ResellerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal(cost)),
		CustomerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal(price)), Extra: extra}
}

// Manual billing lines are stored as sent and billed in the billing report (and the
// cost-center report) of their month, beside the subscriptions.
func TestFakeManualBillingLoop(t *testing.T) {
	ctx := context.Background()
	// A fake without seed data and an organization with Box.com in SEK.
	f := newSDKFake(t)
	orgID := f.orgWithBox("Manual Ltd", "manual.example", "SEK")
	c := f.c

	april := time.Date(2020, 4, 12, 0, 0, 0, 0, time.UTC)
	l1, resp, err := c.ManualBilling.Create(ctx, orgID, manualLineRequest(april, cloudmoretest.BoxServiceID, "2", "40.00", "55.50",
		map[string]any{"description": "Onboarding workshop"}))
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	l2, _, err := c.ManualBilling.Create(ctx, orgID, manualLineRequest(april, cloudmoretest.BoxServiceID, "1.5", "10.00", "20.00", nil))
	require.NoError(t, err)
	_, _, err = c.ManualBilling.Create(ctx, orgID, manualLineRequest(april.AddDate(0, 1, 0), cloudmoretest.BoxServiceID, "1", "1.00", "2.00", nil))
	require.NoError(t, err)

	// The service must be one the organization has.
	_, _, err = c.ManualBilling.Create(ctx, orgID, manualLineRequest(april, cloudmoretest.CSPServiceID, "1", "1", "1", nil))
	wantStatusErr(t, err, 400)

	lines, _, err := c.ManualBilling.List(ctx, orgID)
	require.NoError(t, err)
	require.Len(t, lines, 3)
	one, _, err := c.ManualBilling.Get(ctx, orgID, l1.ID)
	require.NoError(t, err)
	m := docOf(t, one.Raw)
	assert.Equal(t, "Onboarding workshop", m["description"])
	assert.Equal(t, cloudmoretest.BoxServiceID, m["serviceId"])
	assert.Contains(t, string(one.Raw), `"resellerPricePerUnit":40.00`)

	// The April billing report has both April lines; the 1.5 line as one unit at its total.
	var report []struct {
		Organizations []struct {
			OrgID    string `json:"orgId"`
			Services []struct {
				ServiceID          string `json:"serviceId"`
				TotalCustomerPrice string `json:"totalCustomerPrice"`
				CurrencyCode       string `json:"currencyCode"`
				Items              []struct {
					ItemName           string          `json:"itemName"`
					Quantity           json.Number     `json:"quantity"`
					TotalResellerPrice string          `json:"totalResellerPrice"`
					TotalCustomerPrice string          `json:"totalCustomerPrice"`
					Products           json.RawMessage `json:"products"`
				} `json:"items"`
			} `json:"services"`
		} `json:"organizations"`
	}
	api := &api{t: t, srv: f.srv}
	api.token = api.getToken()
	api.get("billing/reports/MonthlyBillingPerOrganization?startDate=2020-04-01&endDate=2020-04-30", &report)
	require.Len(t, report, 1)
	require.Len(t, report[0].Organizations, 1)
	svc := report[0].Organizations[0].Services[0]
	assert.Equal(t, "SEK", svc.CurrencyCode)
	require.Len(t, svc.Items, 2)
	assert.Equal(t, "Manual billing line", svc.Items[0].ItemName, "the fake reads no description: no source names one")
	assert.Equal(t, "2.0000", svc.Items[0].Quantity.String())
	assert.Equal(t, "80.00", svc.Items[0].TotalResellerPrice)
	assert.Equal(t, "111.00", svc.Items[0].TotalCustomerPrice)
	assert.Equal(t, "Manual billing line", svc.Items[1].ItemName)
	assert.Equal(t, "1.0000", svc.Items[1].Quantity.String())
	assert.Equal(t, "30.00", svc.Items[1].TotalCustomerPrice)
	assert.Equal(t, "141.00", svc.TotalCustomerPrice)

	// The cost-center report of the month holds the same lines under "Default".
	cc, _, err := c.Billing.GetCostCenterReport(ctx, orgID, 2020, 4)
	require.NoError(t, err)
	var rep struct {
		CostCenters []struct {
			Name               string `json:"name"`
			CurrencyCode       string `json:"currencyCode"`
			TotalCustomerPrice string `json:"totalCustomerPrice"`
		} `json:"costCenters"`
	}
	require.NoError(t, json.Unmarshal(cc.Raw, &rep))
	require.Len(t, rep.CostCenters, 1)
	assert.Equal(t, "Default", rep.CostCenters[0].Name)
	assert.Equal(t, "141.00", rep.CostCenters[0].TotalCustomerPrice)

	// Update and delete change what is billed.
	_, err = c.ManualBilling.Update(ctx, orgID, l2.ID, &cloudmore.UpdateManualBillingLineRequest{
		Quantity: cloudmore.Ptr(cloudmore.MustDecimal("3"))})
	require.NoError(t, err)
	api.wantFields(http.MethodPut, "organizations/"+orgID+"/manualbilling/"+l2.ID, map[string]any{"quantity": "many"}, "quantity")
	_, err = c.ManualBilling.Delete(ctx, orgID, l1.ID)
	require.NoError(t, err)
	cc, _, err = c.Billing.GetCostCenterReport(ctx, orgID, 2020, 4)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(cc.Raw, &rep))
	assert.Equal(t, "60.00", rep.CostCenters[0].TotalCustomerPrice)
	_, _, err = c.ManualBilling.Get(ctx, orgID, l1.ID)
	wantStatusErr(t, err, 404)

	// A month without lines or subscriptions has no cost center.
	cc, _, err = c.Billing.GetCostCenterReport(ctx, orgID, 2019, 1)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(cc.Raw, &rep))
	assert.Empty(t, rep.CostCenters)
}

func TestFakeManualBillingRules(t *testing.T) {
	a := newAPI(t)
	p := "organizations/" + cloudmoretest.SeedOrganization1ID + "/manualbilling"
	amounts := func(m map[string]any) map[string]any {
		out := map[string]any{"quantity": 1, "resellerPricePerUnit": "1.00", "customerPricePerUnit": 2}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	// Nothing is taken as 1 or 0: a line without its quantity or prices is refused, naming them.
	a.wantFields(http.MethodPost, p, map[string]any{"productId": "x"}, "billingDate", "serviceId", "quantity",
		"resellerPricePerUnit", "customerPricePerUnit")
	a.wantFields(http.MethodPost, p, amounts(map[string]any{"billingDate": "soon", "serviceId": cloudmoretest.BoxServiceID}), "billingDate")
	a.wantFields(http.MethodPost, p, amounts(map[string]any{"billingDate": "2020-04-01", "serviceId": cloudmoretest.BoxServiceID,
		"quantity": "many", "customerPricePerUnit": nil}), "quantity", "customerPricePerUnit")
	a.wantFields(http.MethodPost, p, `[]`, "")
	// The second seeded organization has Box.com only.
	a.wantInvalid("not one of the organization's services", http.MethodPost,
		"organizations/"+cloudmoretest.SeedOrganization2ID+"/manualbilling",
		amounts(map[string]any{"billingDate": "2020-04-01", "serviceId": cloudmoretest.CSPServiceID}))
	a.wantFields(http.MethodGet, "organizations/"+cloudmoretest.SeedOrganization1ID+"/costcenters/reports/2020/13", nil, "month")
}

// A manual billing line whose quantity is misspelt ("qty") is refused by the SDK before it is
// sent (quantity is required); sent raw through Client.Do, the fake records "qty" as a member
// no source documents and refuses the line for its missing quantity (never a line billed at
// quantity 1 and price 0.00); in strict mode it refuses it naming "qty".
func TestFakeManualBillingMisspeltQuantity(t *testing.T) {
	f := newSDKFake(t)
	orgID := f.orgWithBox("Misspelt Ltd", "misspelt.example", "SEK")
	april := time.Date(2020, 4, 12, 0, 0, 0, 0, time.UTC)

	// The SDK refuses it before sending.
	before := len(f.srv.Requests())
	_, _, err := f.c.ManualBilling.Create(f.ctx, orgID, &cloudmore.CreateManualBillingLineRequest{
		BillingDate: cloudmore.NewTime(april), ServiceID: cloudmoretest.BoxServiceID,
		ResellerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("40.00")), CustomerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("55.50")),
		Extra: map[string]any{"qty": cloudmore.MustDecimal("2")}})
	var ve *cloudmore.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"quantity"}, fieldNames(ve))
	assert.Len(t, f.srv.Requests(), before, "nothing was sent")

	// Sent raw, the fake records "qty" and refuses the line: its quantity is missing.
	raw := map[string]any{"billingDate": "2020-04-12T00:00:00", "serviceId": cloudmoretest.BoxServiceID,
		"qty": 2, "resellerPricePerUnit": 40.00, "customerPricePerUnit": 55.50}
	p := "organizations/" + orgID + "/manualbilling"
	req, err := f.c.NewRequest(f.ctx, http.MethodPost, p, nil, raw)
	require.NoError(t, err)
	_, err = f.c.Do(req, nil)
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Contains(t, ae.FieldErrors, "quantity")
	assert.Contains(t, f.srv.UnverifiedMembers(), cloudmoretest.UnverifiedMember{Operation: "ManualBilling.Create", Member: "qty"})
	lines, _, err := f.c.ManualBilling.List(f.ctx, orgID)
	require.NoError(t, err)
	assert.Empty(t, lines, "no line was stored")

	// Strict: refused naming "qty".
	f.srv.SetStrictMembers(true)
	req, err = f.c.NewRequest(f.ctx, http.MethodPost, p, nil, raw)
	require.NoError(t, err)
	_, err = f.c.Do(req, nil)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Contains(t, ae.FieldErrors, "qty")
	assert.NotContains(t, ae.FieldErrors, "quantity")
}

// fieldNames lists the fields a *ValidationError names.
func fieldNames(ve *cloudmore.ValidationError) []string {
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Field)
	}
	return out
}
