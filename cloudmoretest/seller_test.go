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

// TestFakeSellerAdministratorsAndBrokersLifecycle drives the fake's stored seller resources
// through the SDK: create, read back, update, delete, 404 after it.
func TestFakeSellerAdministratorsAndBrokersLifecycle(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c, ctx := srv.Client(), context.Background()

	cr, _, err := c.Seller.Administrators.Create(ctx, &cloudmore.CreateSellerAdministratorRequest{Name: "ann@seller.example", Password: "pw", RoleID: "6"})
	require.NoError(t, err)
	require.NotEmpty(t, cr.ID)
	admins, _, err := c.Seller.Administrators.List(ctx)
	require.NoError(t, err)
	require.Len(t, admins, 1)
	assert.Equal(t, cr.ID, admins[0].ID)
	_, err = c.Seller.Administrators.Update(ctx, cr.ID, &cloudmore.UpdateSellerAdministratorRequest{Extra: map[string]any{"title": "CFO"}})
	require.NoError(t, err)
	a, _, err := c.Seller.Administrators.Get(ctx, cr.ID)
	require.NoError(t, err)
	assert.Contains(t, string(a.Raw), `"title":"CFO"`)
	assert.Contains(t, string(a.Raw), `"roleId":"6"`)
	_, err = c.Seller.Administrators.Delete(ctx, cr.ID)
	require.NoError(t, err)
	_, _, err = c.Seller.Administrators.Get(ctx, cr.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)

	b, _, err := c.Seller.Brokers.Create(ctx, &cloudmore.CreateSellerBrokerRequest{Name: "Broker AB", Domain: "broker.example"})
	require.NoError(t, err)
	got, _, err := c.Seller.Brokers.Get(ctx, b.ID)
	require.NoError(t, err)
	assert.Equal(t, "Broker AB", got.Name)
	brokers, _, err := c.Seller.Brokers.List(ctx)
	require.NoError(t, err)
	assert.Len(t, brokers, 1)
	_, err = c.Seller.Brokers.Delete(ctx, b.ID)
	require.NoError(t, err)
	_, err = c.Seller.Brokers.Delete(ctx, b.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
}

// TestFakeSellerCatalogueAndPrices: products, add-ons and the price list, whose PUT addresses
// an item by its id and answers 404 for an item the service does not have.
func TestFakeSellerCatalogueAndPrices(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	const svc = cloudmoretest.BoxServiceID

	p, _, err := c.Seller.Products.Create(ctx, svc, &cloudmore.CreateSellerProductRequest{Extra: map[string]any{"name": "Gold", "itemCode": "G1"}})
	require.NoError(t, err)
	products, _, err := c.Seller.Products.List(ctx, svc)
	require.NoError(t, err)
	require.Len(t, products, 1)
	assert.Equal(t, "G1", products[0].ItemCode)

	ad, _, err := c.Seller.Addons.Create(ctx, svc, p.ID, &cloudmore.SellerAddonRequest{Name: "Extra storage", Price: cloudmore.Ptr(cloudmore.MustDecimal("12.50"))})
	require.NoError(t, err)
	addon, _, err := c.Seller.Addons.Get(ctx, svc, p.ID, ad.ID)
	require.NoError(t, err)
	assert.Equal(t, "12.50", addon.Price.String(), "the price keeps its scale through the fake")
	_, err = c.Seller.Addons.Update(ctx, svc, p.ID, ad.ID, &cloudmore.SellerAddonRequest{Name: "XL storage"})
	require.NoError(t, err)
	addons, _, err := c.Seller.Addons.List(ctx, svc, p.ID)
	require.NoError(t, err)
	require.Len(t, addons, 1)
	assert.Equal(t, "XL storage", addons[0].Name)

	_, err = c.Seller.Pricelist.Update(ctx, svc, &cloudmore.UpdateSellerPriceRequest{ItemID: ad.ID, Extra: map[string]any{"price": cloudmore.MustDecimal("13.00")}})
	require.NoError(t, err)
	_, err = c.Seller.Pricelist.Update(ctx, svc, &cloudmore.UpdateSellerPriceRequest{ItemID: p.ID, Extra: map[string]any{"price": cloudmore.MustDecimal("99.90")}})
	require.NoError(t, err)
	_, err = c.Seller.Pricelist.Update(ctx, svc, &cloudmore.UpdateSellerPriceRequest{ItemID: cloudmoretest.GoldProductID})
	assert.ErrorIs(t, err, cloudmore.ErrNotFound, "an item the seller service does not have")
	pl, _, err := c.Seller.Pricelist.Get(ctx, svc, nil)
	require.NoError(t, err)
	assert.Contains(t, string(pl.Raw), `"price":99.90`)
	assert.Contains(t, string(pl.Raw), `"price":13.00`)

	_, err = c.Seller.Products.Delete(ctx, svc, p.ID)
	require.NoError(t, err)
	_, _, err = c.Seller.Products.Get(ctx, svc, p.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
}

// TestFakeSellerManualBillingConsumptionAndLookups covers the rest of the seller side on the
// fake: manual billing lines per broker, consumption, resellers, the seller's organization and
// its settings; and a path for another seller is 403.
func TestFakeSellerManualBillingConsumptionAndLookups(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	rid := srv.ResellerID()

	line, _, err := c.Seller.ManualBilling.Create(ctx, rid, &cloudmore.CreateSellerManualBillingLineRequest{
		BillingDate: cloudmore.NewTime(time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)), ServiceID: cloudmoretest.BoxServiceID,
		Quantity: cloudmore.Ptr(cloudmore.MustDecimal("2")), ResellerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("1.00")),
		CustomerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("1.50"))})
	require.NoError(t, err)
	// The seller's line needs what the SDK requires too: its quantity and prices.
	a := &api{t: t, srv: srv}
	a.token = a.getToken()
	a.wantFields(http.MethodPost, "/api/sellers/"+srv.SellerID()+"/resellers/"+rid+"/manualbilling",
		map[string]any{"billingDate": "2026-10-15", "serviceId": cloudmoretest.BoxServiceID, "qty": 2},
		"quantity", "resellerPricePerUnit", "customerPricePerUnit")
	lines, _, err := c.Seller.ManualBilling.List(ctx, rid, nil)
	require.NoError(t, err)
	require.Len(t, lines, 1)
	assert.Equal(t, cloudmoretest.BoxServiceID, lines[0].ServiceID)
	assert.Equal(t, 2026, lines[0].BillingDate.Year())
	got, _, err := c.Seller.ManualBilling.Get(ctx, rid, line.ID)
	require.NoError(t, err)
	assert.Equal(t, line.ID, got.ID)
	_, err = c.Seller.ManualBilling.Delete(ctx, rid, line.ID)
	require.NoError(t, err)
	lines, _, err = c.Seller.ManualBilling.List(ctx, rid, nil)
	require.NoError(t, err)
	assert.Empty(t, lines)

	_, err = c.Seller.Consumption.Submit(ctx, &cloudmore.SubmitSellerConsumptionsRequest{Extra: map[string]any{"subscriptionId": "s1", "quantity": 3}})
	require.NoError(t, err)
	cons, _, err := c.Seller.Consumption.List(ctx, nil)
	require.NoError(t, err)
	assert.Contains(t, string(cons.Raw), `"subscriptionId":"s1"`)

	resellers, _, err := c.Seller.Resellers.List(ctx)
	require.NoError(t, err)
	require.Len(t, resellers, 1)
	r, _, err := c.Seller.Resellers.Get(ctx, rid)
	require.NoError(t, err)
	assert.Equal(t, rid, r.ID)
	org, _, err := c.Seller.Organization.Get(ctx, srv.SellerID())
	require.NoError(t, err)
	assert.Equal(t, srv.SellerID(), org.ID)
	props, _, err := c.Seller.CustomProperties.List(ctx)
	require.NoError(t, err)
	assert.Empty(t, props)
	tmpl, _, err := c.Seller.EmailTemplates.List(ctx)
	require.NoError(t, err)
	assert.Empty(t, tmpl)
	rep, _, err := c.Seller.Billing.GetMonthlyBillingPerReseller(ctx, nil)
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(rep.Raw))

	other, err := c.ForSeller("11111111-2222-3333-4444-555555555555")
	require.NoError(t, err)
	_, _, err = other.Seller.Brokers.List(ctx)
	var apiErr *cloudmore.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusForbidden, apiErr.StatusCode)
}

// TestFakeSellerBulkConsumption: a bulk submission is accepted as a task, polled to
// Successful, and its usage appears in the consumption read only then (all or nothing).
func TestFakeSellerBulkConsumption(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c, ctx := srv.Client(), context.Background()
	p, _, err := c.Seller.Consumption.BeginBulkSubmit(ctx, &cloudmore.SubmitSellerConsumptionsRequest{
		Extra: map[string]any{"items": []map[string]any{{"subscriptionId": "s9", "quantity": 4}}}})
	require.NoError(t, err)
	before, _, err := c.Seller.Consumption.List(ctx, nil)
	require.NoError(t, err)
	assert.NotContains(t, string(before.Raw), "s9", "nothing is recorded before the task finishes")
	st, err := p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, "Successful", st.Status)
	after, _, err := c.Seller.Consumption.List(ctx, nil)
	require.NoError(t, err)
	assert.Contains(t, string(after.Raw), `"subscriptionId":"s9"`)
	// The route of the task does not collide with the services/{serviceId}/... routes.
	_, _, err = c.Seller.Products.List(ctx, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
}
