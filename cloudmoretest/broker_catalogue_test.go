package cloudmoretest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// brokerService creates a broker service "Backup Plus" with a product "Backup 100 GB" (cost
// 6.00, price 10.00 GBP, monthly) and returns their ids.
func (f *sdkFake) brokerService() (serviceID, productID string) {
	f.t.Helper()
	svc, _, err := f.c.Broker.Services.Create(f.ctx, &cloudmore.CreateBrokerServiceRequest{Name: "Backup Plus",
		Extra: map[string]any{"vendorName": "Acme Backup"}})
	require.NoError(f.t, err)
	require.NotEmpty(f.t, svc.ID)
	prod, _, err := f.c.Broker.Products.Create(f.ctx, svc.ID, &cloudmore.CreateBrokerProductRequest{
		Name: "Backup 100 GB", ItemCode: "BCK-100", SubscriptionPeriod: cloudmore.Ptr(1), PaymentFrequency: cloudmore.Ptr(1),
		MinimumQuantity: cloudmore.Ptr(1), Cost: cloudmore.Ptr(cloudmore.MustDecimal("6.00")), Price: cloudmore.Ptr(cloudmore.MustDecimal("10.00")),
	})
	require.NoError(f.t, err)
	return svc.ID, prod.ID
}

func TestSDKBrokerServices(t *testing.T) {
	f := newSDKFake(t)
	// Box.com, the catalog's broker custom service, is one of the broker's services.
	list, _, err := f.c.Broker.Services.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, cloudmoretest.BoxServiceID, list[0].ID)
	assert.Equal(t, "Box.com", list[0].Name)

	svcID, _ := f.brokerService()
	list, _, err = f.c.Broker.Services.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "Backup Plus", list[1].Name)

	got, _, err := f.c.Broker.Services.Get(f.ctx, svcID)
	require.NoError(t, err)
	assert.Equal(t, "Backup Plus", got.Name)
	assert.Contains(t, string(got.Raw), `"vendorName":"Acme Backup"`, "members the fake does not model are kept")

	_, err = f.c.Broker.Services.Update(f.ctx, svcID, &cloudmore.UpdateBrokerServiceRequest{Name: "Backup Pro"})
	require.NoError(t, err)
	_, err = f.c.Broker.Services.UpdateCustomProperties(f.ctx, svcID, &cloudmore.UpdateBrokerServiceCustomPropertiesRequest{
		Extra: map[string]any{"region": "EU"}})
	require.NoError(t, err)
	got, _, err = f.c.Broker.Services.Get(f.ctx, svcID)
	require.NoError(t, err)
	assert.Equal(t, "Backup Pro", got.Name)
	assert.Contains(t, string(got.Raw), `"customPropertyData":{"region":"EU"}`)
	assert.Contains(t, string(got.Raw), `"disabled":false`)

	_, err = f.c.Broker.Services.Disable(f.ctx, svcID)
	require.NoError(t, err)
	got, _, err = f.c.Broker.Services.Get(f.ctx, svcID)
	require.NoError(t, err, "a disabled service stays")
	assert.Contains(t, string(got.Raw), `"disabled":true`)

	_, _, err = f.c.Broker.Services.Get(f.ctx, "11111111-2222-4333-8444-555555555555")
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
	_, _, err = f.c.Broker.Services.Get(f.ctx, cloudmoretest.CSPServiceID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound, "Microsoft CSP is not one of the broker's own services")
}

func TestSDKBrokerProductsAndAddons(t *testing.T) {
	f := newSDKFake(t)
	svcID, prodID := f.brokerService()

	products, _, err := f.c.Broker.Products.List(f.ctx, svcID)
	require.NoError(t, err)
	require.Len(t, products, 1)
	p := products[0]
	assert.Equal(t, prodID, p.ID)
	assert.Equal(t, "BCK-100", p.ItemCode)
	assert.Equal(t, "6.00", p.Cost.Text())
	assert.Equal(t, "10.00", p.Price.Text())

	_, err = f.c.Broker.Products.Update(f.ctx, svcID, prodID, &cloudmore.UpdateBrokerProductRequest{Price: cloudmore.Ptr(cloudmore.MustDecimal("12.50"))})
	require.NoError(t, err)
	got, _, err := f.c.Broker.Products.Get(f.ctx, svcID, prodID)
	require.NoError(t, err)
	assert.Equal(t, "12.50", got.Price.Text())
	assert.Equal(t, "Backup 100 GB", got.Name, "an update changes only what it sends")

	addon, _, err := f.c.Broker.Addons.Create(f.ctx, svcID, prodID, &cloudmore.CreateBrokerAddonRequest{Name: "Extra 10 GB",
		ItemCode: "BCK-X10", Price: cloudmore.Ptr(cloudmore.MustDecimal("1.99")), EnableGrouping: cloudmore.Ptr(true), GroupName: "Storage"})
	require.NoError(t, err)
	addons, _, err := f.c.Broker.Addons.List(f.ctx, svcID, prodID)
	require.NoError(t, err)
	require.Len(t, addons, 1)
	assert.Equal(t, addon.ID, addons[0].ID)
	assert.Equal(t, "1.99", addons[0].Price.Text())
	assert.Contains(t, string(addons[0].Raw), `"groupName":"Storage"`)

	_, err = f.c.Broker.Addons.Update(f.ctx, svcID, prodID, addon.ID, &cloudmore.UpdateBrokerAddonRequest{Name: "Extra 20 GB"})
	require.NoError(t, err)
	a, _, err := f.c.Broker.Addons.Get(f.ctx, svcID, prodID, addon.ID)
	require.NoError(t, err)
	assert.Equal(t, "Extra 20 GB", a.Name)
	assert.Equal(t, "BCK-X10", a.ItemCode)
	_, err = f.c.Broker.Addons.Delete(f.ctx, svcID, prodID, addon.ID)
	require.NoError(t, err)
	_, _, err = f.c.Broker.Addons.Get(f.ctx, svcID, prodID, addon.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)

	// A product an organization subscribed to cannot be deleted; an unused one can.
	orgID := f.org("Org A", "org-a.example")
	_, _, err = f.c.Services.Add(f.ctx, orgID, &cloudmore.AddServiceRequest{ID: svcID, CurrencyCode: "GBP"})
	require.NoError(t, err)
	_, _, err = f.c.Subscriptions.Create(f.ctx, orgID, svcID, &cloudmore.CreateSubscriptionRequest{ProductID: prodID, Quantity: 2})
	require.NoError(t, err)
	_, err = f.c.Broker.Products.Delete(f.ctx, svcID, prodID)
	var apiErr *cloudmore.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	spare, _, err := f.c.Broker.Products.Create(f.ctx, svcID, &cloudmore.CreateBrokerProductRequest{Name: "Spare"})
	require.NoError(t, err)
	_, err = f.c.Broker.Products.Delete(f.ctx, svcID, spare.ID)
	require.NoError(t, err)
	_, _, err = f.c.Broker.Products.Get(f.ctx, svcID, spare.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
}

// A broker's own service is sold like Box.com: an organization adds it from the E-store, the
// broker prices it for the organization, the organization orders it, and the billing report
// bills it; the broker sees the subscription on its service.
func TestSDKBrokerServiceOrderedAndBilled(t *testing.T) {
	f := newSDKFake(t)
	svcID, prodID := f.brokerService()
	orgID := f.org("Org B", "org-b.example")

	estore, _, err := f.c.Estore.List(f.ctx, orgID)
	require.NoError(t, err)
	var names []string
	for _, it := range estore {
		names = append(names, it.Name)
	}
	assert.Contains(t, names, "Backup Plus")

	_, _, err = f.c.Services.Add(f.ctx, orgID, &cloudmore.AddServiceRequest{ID: svcID, CurrencyCode: "GBP"})
	require.NoError(t, err)
	_, err = f.c.Pricelist.UpdateOrganization(f.ctx, orgID, svcID, &cloudmore.UpdateOrganizationPriceRequest{ProductID: prodID,
		ItemCode: "BCK-100", CurrencyCode: "GBP", SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("9.50")), CustomServiceProduct: true})
	require.NoError(t, err)
	sub, _, err := f.c.Subscriptions.Create(f.ctx, orgID, svcID, &cloudmore.CreateSubscriptionRequest{Name: "Backups", ProductID: prodID, Quantity: 3})
	require.NoError(t, err)

	subs, _, err := f.c.Broker.Services.ListSubscriptions(f.ctx, svcID)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.Equal(t, sub.ID, subs[0].ID)
	assert.Equal(t, "Backups", subs[0].Name)
	assert.Contains(t, string(subs[0].Raw), `"organizationId":"`+orgID+`"`)

	item := f.billedItem(orgID, svcID, "Backups", "BCK-100")
	require.NotNil(t, item)
	assert.Equal(t, "3", item.Quantity.Round(0).Text())
	assert.Equal(t, "9.50", item.CustomerPricePerUnit.Text())
	assert.Equal(t, "28.50", item.TotalCustomerPrice.Text())
	assert.Equal(t, "18.00", item.TotalResellerPrice.Text())
}

// billedItem returns the item of April 2020's report for the organization and service whose
// name and product item code match, or nil.
func (f *sdkFake) billedItem(orgID, serviceID, itemName, itemCode string) *cloudmore.BillingItem {
	f.t.Helper()
	items := f.billedItems(orgID, serviceID)
	for i := range items {
		if items[i].ItemName == itemName && len(items[i].Products) == 1 && items[i].Products[0].ItemCode == itemCode {
			return &items[i]
		}
	}
	return nil
}

func (f *sdkFake) billedItems(orgID, serviceID string) []cloudmore.BillingItem {
	f.t.Helper()
	report, _, err := f.c.Billing.GetMonthlyBillingPerOrganization(f.ctx,
		cloudmore.NewDate(2020, 4, 1), cloudmore.NewDate(2020, 4, 30), nil)
	require.NoError(f.t, err)
	var out []cloudmore.BillingItem
	for _, run := range report.Runs {
		for _, o := range run.Organizations {
			for _, s := range o.Services {
				if o.OrganizationID == orgID && s.ServiceID == serviceID {
					out = append(out, s.Items...)
				}
			}
		}
	}
	return out
}

// Submitted consumption is read back by the consumption read, and billed on the billing date
// of its month; a second submission for the same month replaces the first.
func TestSDKBrokerConsumption(t *testing.T) {
	f := newSDKFake(t)
	svcID, prodID := f.brokerService()
	addon, _, err := f.c.Broker.Addons.Create(f.ctx, svcID, prodID, &cloudmore.CreateBrokerAddonRequest{Name: "Egress GB",
		ItemCode: "BCK-EGR", Price: cloudmore.Ptr(cloudmore.MustDecimal("0.10")), Cost: cloudmore.Ptr(cloudmore.MustDecimal("0.04"))})
	require.NoError(t, err)
	orgID := f.org("Org C", "org-c.example")
	_, _, err = f.c.Services.Add(f.ctx, orgID, &cloudmore.AddServiceRequest{ID: svcID, CurrencyCode: "SEK"})
	require.NoError(t, err)
	sub, _, err := f.c.Subscriptions.Create(f.ctx, orgID, svcID, &cloudmore.CreateSubscriptionRequest{Name: "Metered", ProductID: prodID, Quantity: 1})
	require.NoError(t, err)

	submit := func(r cloudmore.SubmitBrokerConsumptionsRequest) error {
		_, err := f.c.Broker.Consumption.Submit(f.ctx, &r)
		return err
	}
	qty := func(s string) *cloudmore.Decimal { return cloudmore.Ptr(cloudmore.MustDecimal(s)) }
	require.NoError(t, submit(cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: sub.ID, Quantity: qty("40"), BillingDate: cloudmore.NewDate(2020, 4, 15)}))
	require.NoError(t, submit(cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: sub.ID, Quantity: qty("25"), BillingDate: cloudmore.NewDate(2020, 4, 20)}))
	require.NoError(t, submit(cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: sub.ID, AddonID: addon.ID, Quantity: qty("12.5"),
		BillingDate: cloudmore.NewDate(2020, 4, 30), Extra: map[string]any{"unit": "GB"}}))
	require.NoError(t, submit(cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: sub.ID, Quantity: qty("7"), BillingDate: cloudmore.NewDate(2020, 5, 3)}))

	// The read answers the records as sent (no member of the fake's own), April's product
	// record replaced by the second; the filter is not applied (no source shows its members).
	got, _, err := f.c.Broker.Consumption.List(f.ctx, &cloudmore.BrokerConsumptionFilter{Extra: map[string]any{"serviceId": cloudmoretest.BoxServiceID}})
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"subscriptionId":"`+sub.ID+`","quantity":25,"billingDate":"2020-04-20"},
		{"subscriptionId":"`+sub.ID+`","addonId":"`+addon.ID+`","quantity":12.5,"billingDate":"2020-04-30","unit":"GB"},
		{"subscriptionId":"`+sub.ID+`","quantity":7,"billingDate":"2020-05-03"}]`, string(got.Raw))

	// April's report: the subscription (1 x 10.00 GBP = 135.29 SEK), the product's usage
	// (25 x 135.29) and the add-on's 12.5 GB (billed as one unit of 12.5 x 1.35).
	items := f.billedItems(orgID, svcID)
	require.Len(t, items, 3)
	assert.Equal(t, "135.29", items[0].TotalCustomerPrice.Text())
	assert.Equal(t, "25", items[1].Quantity.Round(0).Text())
	assert.Equal(t, "3382.25", items[1].TotalCustomerPrice.Text())
	assert.Equal(t, "Egress GB", items[2].Products[0].ProductName)
	assert.Equal(t, "16.88", items[2].TotalCustomerPrice.Text())
	assert.Equal(t, "6.75", items[2].TotalResellerPrice.Text())

	// Bad records are refused: one of no known subscription by the SDK's fake, one without
	// its subscription or quantity (sent raw: the SDK refuses it) naming both; none is billed
	// at a quantity the record did not give.
	var apiErr *cloudmore.APIError
	require.ErrorAs(t, submit(cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: "11111111-2222-4333-8444-555555555555", Quantity: qty("1")}), &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	a := &api{t: t, srv: f.srv}
	a.token = a.getToken()
	a.wantFields(http.MethodPut, "services/consumptions", map[string]any{"qty": 1}, "subscriptionId", "quantity")
	assert.Contains(t, f.srv.UnverifiedMembers(), cloudmoretest.UnverifiedMember{Operation: "Broker.Consumption.Submit", Member: "qty"})
	assert.Len(t, f.billedItems(orgID, svcID), 3, "nothing more billed")
}

// Usage of an organization that was deleted is no longer read back.
func TestSDKBrokerConsumptionOfDeletedOrganization(t *testing.T) {
	f := newSDKFake(t)
	svcID, prodID := f.brokerService()
	orgID := f.org("Org D", "org-d.example")
	_, _, err := f.c.Services.Add(f.ctx, orgID, &cloudmore.AddServiceRequest{ID: svcID, CurrencyCode: "GBP"})
	require.NoError(t, err)
	sub, _, err := f.c.Subscriptions.Create(f.ctx, orgID, svcID, &cloudmore.CreateSubscriptionRequest{ProductID: prodID, Quantity: 1})
	require.NoError(t, err)
	_, err = f.c.Broker.Consumption.Submit(f.ctx, &cloudmore.SubmitBrokerConsumptionsRequest{SubscriptionID: sub.ID,
		Quantity: cloudmore.Ptr(cloudmore.MustDecimal("2"))})
	require.NoError(t, err)
	_, err = f.c.Organizations.Delete(f.ctx, orgID)
	require.NoError(t, err)
	got, _, err := f.c.Broker.Consumption.List(f.ctx, nil)
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(got.Raw))
}

// The PATCH that sets the broker's custom-property data also takes a seller's service (its
// summary names seller services); any other id is 404.
func TestSDKBrokerPropertyDataOnSellerService(t *testing.T) {
	f := newSDKFake(t)
	created, _, err := f.c.Seller.Services.Create(f.ctx, &cloudmore.CreateSellerServiceRequest{Name: "Acme Mail", VendorName: "Acme"})
	require.NoError(t, err)
	_, err = f.c.Broker.Services.UpdateCustomProperties(f.ctx, created.ID, &cloudmore.UpdateBrokerServiceCustomPropertiesRequest{
		Extra: map[string]any{"customProperties": []cloudmore.CustomPropertyValue{{ID: "tenant", Value: "eu-1"}}}})
	require.NoError(t, err)
	_, err = f.c.Broker.Services.UpdateCustomProperties(f.ctx, cloudmoretest.CSPServiceID, &cloudmore.UpdateBrokerServiceCustomPropertiesRequest{
		Extra: map[string]any{"x": 1}})
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
	_, _, err = f.c.Broker.Services.Get(f.ctx, created.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound, "a seller's service is not one of the broker's own")
}
