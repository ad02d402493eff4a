package cloudmoretest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func TestFakeExternalInvoices(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	org := cloudmoretest.SeedOrganization1ID
	april := func(d int) cloudmore.Date { return cloudmore.NewDate(2020, time.April, d) }

	a, _, err := c.ExternalInvoices.Create(ctx, org, &cloudmore.CreateExternalInvoiceRequest{Extra: map[string]any{
		"invoiceNumber": "ERP-1001", "invoiceDate": "2020-04-15", "amount": cloudmore.MustDecimal("1250.00")}})
	require.NoError(t, err)
	_, _, err = c.ExternalInvoices.Create(ctx, org, &cloudmore.CreateExternalInvoiceRequest{Extra: map[string]any{
		"invoiceNumber": "ERP-1002", "invoiceDate": "2020-05-02T00:00:00"}})
	require.NoError(t, err)

	got, _, err := c.ExternalInvoices.List(ctx, org, april(1), april(30))
	require.NoError(t, err)
	require.Len(t, got, 1)
	inv := docOf(t, got[0].Raw)
	assert.Equal(t, "ERP-1001", inv["invoiceNumber"])
	assert.Equal(t, a.ID, inv["id"])
	assert.Contains(t, string(got[0].Raw), `"amount":1250.00`, "the amount comes back exactly as sent")
	got, _, err = c.ExternalInvoices.List(ctx, org, april(1), cloudmore.NewDate(2020, time.May, 31))
	require.NoError(t, err)
	assert.Len(t, got, 2)

	_, err = c.ExternalInvoices.Update(ctx, org, a.ID, &cloudmore.UpdateExternalInvoiceRequest{Extra: map[string]any{"invoiceDate": "2020-03-31"}})
	require.NoError(t, err)
	got, _, err = c.ExternalInvoices.List(ctx, org, april(1), april(30))
	require.NoError(t, err)
	assert.Empty(t, got)
	one, _, err := c.ExternalInvoices.Get(ctx, org, a.ID)
	require.NoError(t, err)
	assert.Equal(t, "2020-03-31", docOf(t, one.Raw)["invoiceDate"])

	_, err = c.ExternalInvoices.Delete(ctx, org, a.ID)
	require.NoError(t, err)
	_, _, err = c.ExternalInvoices.Get(ctx, org, a.ID)
	wantStatusErr(t, err, 404)

	// The fake requires both dates, as the SDK does.
	api := newAPI(t)
	api.wantFields(http.MethodGet, "organizations/"+cloudmoretest.SeedOrganization1ID+"/ExternalInvoice?startDate=2020-04-01", nil, "endDate")
}
