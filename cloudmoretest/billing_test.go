package cloudmoretest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// billingSetup: on 2020-04-10 an organization takes 10 Gold (cost 50.00, price 100.00 GBP) and
// 2 AI Builder licences billed annually (cost 282.80, price 377.10 GBP a month).
func billingSetup(t *testing.T) (*api, *clock, string) {
	clk := newClock(time.Date(2020, 4, 10, 12, 0, 0, 0, time.UTC))
	a := newAPI(t, noSeed, withClock(clk), func(o *cloudmoretest.Options) { o.TokenLifetime = 365 * 24 * time.Hour })
	id := a.newOrgWithBox("Ermantest0110", "ermantest.example", "GBP")
	a.create("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/subscriptions", map[string]any{
		"name": "Box for Sales Department", "productId": cloudmoretest.GoldProductID, "quantity": 10})
	a.create("organizations/"+id+"/services/Csp", cspBody("ermantest", "GBP"))
	a.create("organizations/"+id+"/services/csp/subscriptions", map[string]any{
		"friendlyName": "AI", "offerId": cloudmoretest.AIBuilderOfferID, "billingCycle": 2, "quantity": 2})
	return a, clk, id
}

// perOrgReport is the path of the MonthlyBillingPerOrganization report from start to end.
func perOrgReport(start, end string) string {
	return "billing/reports/MonthlyBillingPerOrganization?startDate=" + start + "&endDate=" + end
}

func TestBillingPerOrganizationGuideTree(t *testing.T) {
	a, _, id := billingSetup(t)
	body := a.get(perOrgReport("2020-04-01", "2020-04-30"), nil)
	assert.JSONEq(t, `[{
		"billingDate": "2020-04-30T23:59:59",
		"organizations": [{
			"name": "Ermantest0110", "customerNumber": "123456789", "orgId": "`+id+`",
			"services": [{
				"serviceName": "Box.com", "serviceId": "a65727d5-3d23-455d-9ee6-9c843e13dd0a",
				"totalResellerPrice": "500.00", "totalCustomerPrice": "1000.00", "currencyCode": "GBP",
				"items": [{
					"itemName": "Box for Sales Department", "quantity": 10,
					"totalResellerPrice": "500.00", "totalCustomerPrice": "1000.00",
					"resellerPricePerUnit": "50.00", "customerPricePerUnit": "100.00",
					"products": [{
						"productName": "Gold", "productId": "bf5f9d65-bdf7-4f99-9415-0fa642453554", "itemCode": "BOX1copy",
						"quantity": 10, "resellerPricePerUnit": "50.00", "customerPricePerUnit": "100.00",
						"totalResellerPrice": "500.00", "totalCustomerPrice": "1000.00", "itemDetails": null}]
				}]
			}, {
				"serviceName": "Microsoft O365 CSP Direct", "serviceId": "881ae94a-b03a-4da5-8e67-21ea8d77dfb5",
				"totalResellerPrice": "6787.20", "totalCustomerPrice": "9050.40", "currencyCode": "GBP",
				"items": [{
					"itemName": "AI", "quantity": 2,
					"totalResellerPrice": "6787.20", "totalCustomerPrice": "9050.40",
					"resellerPricePerUnit": "3393.60", "customerPricePerUnit": "4525.20",
					"products": [{
						"productName": "AI Builder Capacity add-on", "productId": "D2DEA78B-507C-4E56-B400-39447F4738F8",
						"itemCode": "CM-01TIER-7779A4BA-BD21-457C-8B3F-B3BAA74FC99C",
						"quantity": 2, "resellerPricePerUnit": "3393.60", "customerPricePerUnit": "4525.20",
						"totalResellerPrice": "6787.20", "totalCustomerPrice": "9050.40", "itemDetails": null}]
				}]
			}]
		}]
	}]`, string(body))
	// Wire formats: quantities with 4 decimals, money as strings with 2.
	assert.Contains(t, string(body), `"quantity":10.0000,`)
	assert.Contains(t, string(body), `"totalResellerPrice":"500.00"`)
}

func TestBillingFollowsSubscriptionsAndPrices(t *testing.T) {
	a, clk, id := billingSetup(t)
	type report []struct {
		BillingDate   string
		Organizations []struct {
			Services []struct {
				ServiceName        string
				TotalCustomerPrice string
				CurrencyCode       string
			}
		}
	}
	// Reports use the current prices, also for past billing dates (the fake keeps no price history).
	a.wantStatus(http.StatusNoContent, http.MethodPut, "organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/pricelist",
		map[string]any{"productId": cloudmoretest.GoldProductID, "currencyCode": "GBP", "salesPrice": 80})
	var r report
	a.get(perOrgReport("2020-03-01", "2020-06-30"), &r)
	require.Len(t, r, 4)
	assert.Equal(t, "2020-03-31T23:59:59", r[0].BillingDate)
	assert.Empty(t, r[0].Organizations, "nothing had started in March")
	require.Len(t, r[1].Organizations, 1)
	require.Len(t, r[1].Organizations[0].Services, 2, "April: Box and the annual CSP charge")
	assert.Equal(t, "800.00", r[1].Organizations[0].Services[0].TotalCustomerPrice)
	require.Len(t, r[2].Organizations[0].Services, 1, "May: Box only, the CSP subscription is billed yearly")

	// Cancelling stops billing after the cancellation.
	clk.Advance(40 * 24 * time.Hour) // 2020-05-20
	var subs []struct{ ID string }
	subsPath := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"
	a.get(subsPath, &subs)
	a.wantStatus(http.StatusNoContent, http.MethodDelete, subsPath+"/"+subs[0].ID, nil)
	a.get(perOrgReport("2020-05-01", "2020-06-30"), &r)
	require.Len(t, r, 2)
	assert.Empty(t, r[0].Organizations, "cancelled on 2020-05-20, before the May billing date")

	// currencyCode converts at the fake's fixed rates.
	a.get(perOrgReport("2020-04-01", "2020-04-30")+"&currencyCode=SEK", &r)
	assert.Equal(t, "SEK", r[0].Organizations[0].Services[0].CurrencyCode)
	assert.Equal(t, "10823.50", r[0].Organizations[0].Services[0].TotalCustomerPrice) // 1082.35 x 10
}

func TestBillingPerService(t *testing.T) {
	a, _, id := billingSetup(t)
	var r []struct {
		BillingDate string
		Services    []struct {
			ServiceName        string
			TotalResellerPrice string
			CurrencyCode       string
			Organizations      []struct {
				OrgID              string
				TotalResellerPrice string
				Items              []map[string]any
			}
		}
	}
	a.get("billing/reports/MonthlyBillingPerService?startDate=2020-04-01&endDate=2020-04-30", &r)
	require.Len(t, r, 1)
	require.Len(t, r[0].Services, 2)
	assert.Equal(t, "Box.com", r[0].Services[0].ServiceName)
	assert.Equal(t, "500.00", r[0].Services[0].TotalResellerPrice)
	assert.Equal(t, id, r[0].Services[0].Organizations[0].OrgID)
	assert.Len(t, r[0].Services[0].Organizations[0].Items, 1)
}

func TestBillingValidation(t *testing.T) {
	a := newAPI(t, noSeed)
	p := "billing/reports/MonthlyBillingPerOrganization"
	a.wantFields(http.MethodGet, p, nil, "startDate", "endDate")
	a.wantFields(http.MethodGet, p+"?startDate=April&endDate=2020-04-30", nil, "startDate")
	a.wantInvalid("before startDate", http.MethodGet, p+"?startDate=2020-04-30&endDate=2020-04-01", nil)
	a.wantInvalid("longer than 24 months", http.MethodGet, p+"?startDate=2020-01-01&endDate=2022-01-01", nil)
	a.wantInvalid("not supported", http.MethodGet, p+"?startDate=2020-01-01&endDate=2020-01-31&currencyCode=ABC", nil)
	assert.JSONEq(t, `[{"billingDate":"2020-01-31T23:59:59","organizations":[]}]`,
		string(a.get(p+"?startDate=2020-01-01&endDate=2020-01-31", nil)))
	assert.JSONEq(t, `[]`, string(a.get(p+"?startDate=2020-01-01&endDate=2020-01-30", nil)), "no month end in range")
}

func TestBillingAsync(t *testing.T) {
	a, _, _ := billingSetup(t)
	sync := a.get(perOrgReport("2020-04-01", "2020-05-31"), nil)

	p := "billing/reports/MonthlyBillingPerOrganizationAsync"
	resp, body := a.do(http.MethodPost, p, map[string]any{"startDate": "2020-04-01", "endDate": "2020-05-31"})
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(body))
	var start struct {
		TaskID string `json:"taskId"`
	}
	require.NoError(t, json.Unmarshal(body, &start))
	require.NotEmpty(t, start.TaskID)
	assert.Equal(t, a.path(p)+"/"+start.TaskID, resp.Header.Get("Location"))

	for i := 0; i < 2; i++ {
		assert.JSONEq(t, `{"status":"Processing"}`, string(a.wantStatus(http.StatusAccepted, http.MethodGet, p+"/"+start.TaskID, nil)))
	}
	assert.JSONEq(t, string(sync), string(a.get(p+"/"+start.TaskID, nil)))
	assert.JSONEq(t, string(sync), string(a.get(p+"/"+start.TaskID, nil)), "the result is kept")

	a.wantStatus(http.StatusNotFound, http.MethodGet, p+"/00000000-0000-0000-0000-000000000009", nil)
	a.wantFields(http.MethodPost, p, map[string]any{"currencyCode": "SEK"}, "startDate", "endDate")
	// The async report allows longer ranges than the synchronous one.
	a.wantStatus(http.StatusAccepted, http.MethodPost, p, map[string]any{"startDate": "2020-01-01", "endDate": "2022-12-31"})
}

func TestSeededBilling(t *testing.T) {
	a := newAPI(t)
	var r []struct {
		Organizations []struct {
			OrgID    string
			Services []struct{ ServiceName, CurrencyCode string }
		}
	}
	a.get(perOrgReport("2021-03-01", "2021-03-31"), &r)
	require.Len(t, r, 1)
	require.Len(t, r[0].Organizations, 1)
	assert.Equal(t, cloudmoretest.SeedOrganization1ID, r[0].Organizations[0].OrgID)
	assert.Len(t, r[0].Organizations[0].Services, 2)
}

// billedItems reads the MonthlyBillingPerOrganization report from start to end and returns,
// per billing date (yyyy-mm-dd), the items billed: "name quantity x customerPricePerUnit =
// totalCustomerPrice (cost resellerPricePerUnit)".
func billedItems(a *api, start, end string) map[string][]string {
	a.t.Helper()
	var r []struct {
		BillingDate   string
		Organizations []struct {
			Services []struct {
				Items []struct {
					ItemName             string
					Quantity             json.Number
					CustomerPricePerUnit string
					ResellerPricePerUnit string
					TotalCustomerPrice   string
				}
			}
		}
	}
	a.get(perOrgReport(start, end), &r)
	out := map[string][]string{}
	for _, d := range r {
		day := d.BillingDate[:10]
		out[day] = []string{}
		for _, o := range d.Organizations {
			for _, s := range o.Services {
				for _, it := range s.Items {
					out[day] = append(out[day], fmt.Sprintf("%s %s x %s = %s (cost %s)", it.ItemName, it.Quantity,
						it.CustomerPricePerUnit, it.TotalCustomerPrice, it.ResellerPricePerUnit))
				}
			}
		}
	}
	return out
}

// A trial subscription is not billed for its trial months; one without a trial is billed from
// its first month.
func TestBillingSkipsTrialMonths(t *testing.T) {
	clk := newClock(time.Date(2020, 4, 10, 12, 0, 0, 0, time.UTC))
	a := newAPI(t, noSeed, withClock(clk))
	id := a.newOrgWithBox("Trial Org", "trial.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"
	// Box Enterprise: one trial month, cost 30.00, price 45.00 GBP, minimum 5.
	a.create(subs, map[string]any{"name": "Trial", "productId": cloudmoretest.EnterpriseProductID, "quantity": 5, "isTrial": true})
	a.create(subs, map[string]any{"name": "Paid", "productId": cloudmoretest.EnterpriseProductID, "quantity": 6})

	assert.Equal(t, map[string][]string{
		"2020-04-30": {"Paid 6.0000 x 45.00 = 270.00 (cost 30.00)"}, // the trial runs to 2020-05-10
		"2020-05-31": {"Trial 5.0000 x 45.00 = 225.00 (cost 30.00)", "Paid 6.0000 x 45.00 = 270.00 (cost 30.00)"},
		"2020-06-30": {"Trial 5.0000 x 45.00 = 225.00 (cost 30.00)", "Paid 6.0000 x 45.00 = 270.00 (cost 30.00)"},
	}, billedItems(a, "2020-04-01", "2020-06-30"))
}

// A custom product paid every paymentFrequency months is billed in its first month and then
// every paymentFrequency months, each time for that many months.
func TestBillingEveryPaymentFrequencyMonths(t *testing.T) {
	clk := newClock(time.Date(2020, 4, 10, 12, 0, 0, 0, time.UTC))
	a := newAPI(t, noSeed, withClock(clk))
	a.srv.SetPaymentFrequency(cloudmoretest.GoldProductID, 3) // Gold: cost 50.00, price 100.00 GBP a month
	id := a.newOrgWithBox("Quarterly Org", "quarterly.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"

	var products []struct {
		ProductID        string
		PaymentFrequency int
	}
	a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/products", &products)
	require.NotEmpty(t, products)
	assert.Equal(t, cloudmoretest.GoldProductID, products[0].ProductID)
	assert.Equal(t, 3, products[0].PaymentFrequency)

	a.create(subs, map[string]any{"name": "Quarterly", "productId": cloudmoretest.GoldProductID, "quantity": 2})
	var sub []struct{ BillingInterval int }
	a.get(subs, &sub)
	require.Len(t, sub, 1)
	assert.Equal(t, 3, sub[0].BillingInterval)

	const quarter = "Quarterly 2.0000 x 300.00 = 600.00 (cost 150.00)"
	assert.Equal(t, map[string][]string{
		"2020-04-30": {quarter}, "2020-05-31": {}, "2020-06-30": {},
		"2020-07-31": {quarter}, "2020-08-31": {}, "2020-09-30": {},
		"2020-10-31": {quarter},
	}, billedItems(a, "2020-04-01", "2020-10-31"))
}

// The asynchronous report takes ranges shorter than 120 months, the synchronous ones shorter
// than 24 (TestBillingValidation).
func TestBillingAsyncRangeLimit(t *testing.T) {
	a := newAPI(t, noSeed)
	p := "billing/reports/MonthlyBillingPerOrganizationAsync"
	a.wantStatus(http.StatusAccepted, http.MethodPost, p, map[string]any{"startDate": "2010-01-01", "endDate": "2019-12-31"}) // 119 months apart
	a.wantInvalid("The date range is longer than 120 months.", http.MethodPost, p,
		map[string]any{"startDate": "2010-01-01", "endDate": "2020-01-01"})
	a.wantInvalid("longer than 120 months", http.MethodPost, p, map[string]any{"startDate": "2000-01-01", "endDate": "2020-12-31"})
}

// Through the real SDK: the asynchronous report's one Poller, read whole and streamed, and its
// resume token refused by a client for another reseller or host (issue 9 item 9).
func TestSDKBillingTaskReadWalkAndResumeScope(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	start, end := cloudmore.NewDate(2024, time.April, 1), cloudmore.NewDate(2024, time.April, 30)
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, start, end, nil)
	require.NoError(t, err)
	token := p.ResumeToken()

	other, err := c.ForReseller("0b6f7c8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d")
	require.NoError(t, err)
	before := len(srv.Requests())
	_, err = other.Billing.ResumeMonthlyBillingPerOrganization(token)
	var ve *cloudmore.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resumeToken", ve.Field)
	second := cloudmoretest.NewServer(t)
	_, err = second.Client().Billing.ResumeMonthlyBillingPerOrganization(token)
	require.ErrorAs(t, err, &ve, "another host (another fake) refuses it too")
	assert.Equal(t, before, len(srv.Requests()), "a refused token sends nothing")

	resumed, err := c.Billing.ResumeMonthlyBillingPerOrganization(token)
	require.NoError(t, err)
	task, err := resumed.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	rep, _, err := task.Read(ctx)
	require.NoError(t, err)
	var streamed int
	for org, err := range task.Walk(ctx) {
		require.NoError(t, err)
		streamed += len(org.Lines())
	}
	assert.NotZero(t, streamed)
	assert.Equal(t, len(rep.Lines()), streamed)
}
