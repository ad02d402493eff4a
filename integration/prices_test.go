package integration

import (
	"context"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrices reads an organization's price list, changes one price and reads it back. It works
// on an organization of its own: the broker's price list, which every organization inherits,
// is only read.
func TestPrices(t *testing.T) {
	e := setup(t)
	ctx := e.ctx(t)
	c := e.c

	orgID, _ := e.newOrganization(t, "prices")
	svc := e.estoreService(t, orgID, "custom service (like Box.com)", isCustomService)
	_, _, err := c.Services.Add(ctx, orgID, &cloudmore.AddServiceRequest{ID: svc.ID, CurrencyCode: "SEK"})
	e.capability(t, err, "add service "+svc.Name)

	broker, _, err := c.Pricelist.ListBroker(ctx, svc.ID, nil)
	e.capability(t, err, "read the broker price list")
	assert.NotEmpty(t, broker)

	prices, _, err := c.Pricelist.ListOrganization(ctx, orgID, svc.ID)
	e.capability(t, err, "read the organization price list")
	if len(prices) == 0 {
		t.Skipf("the organization's price list of %s is empty", svc.Name)
	}
	p := prices[0]
	if e.fake != nil {
		require.Equal(t, cloudmoretest.GoldProductID, p.ProductID)
		assert.Equal(t, "SEK", p.CurrencyCode)
	}
	old := p.SalesPrice
	newPrice := old.Add(cloudmore.MustDecimal("1.25"))
	update := &cloudmore.UpdateOrganizationPriceRequest{
		ProductID: p.ProductID, ItemCode: p.ItemCode, CurrencyCode: p.CurrencyCode,
		SalesPrice: cloudmore.Ptr(newPrice), CustomServiceProduct: bool(p.CustomServiceProduct),
	}
	_, err = c.Pricelist.UpdateOrganization(ctx, orgID, svc.ID, update)
	e.capability(t, err, "update the price of "+p.Name)
	e.cleanup(t, "restore the price of "+p.Name, func(ctx context.Context) error {
		restore := *update
		restore.SalesPrice = cloudmore.Ptr(old)
		_, err := c.Pricelist.UpdateOrganization(ctx, orgID, svc.ID, &restore)
		return err
	})

	prices, _, err = c.Pricelist.ListOrganization(ctx, orgID, svc.ID)
	e.must(t, err, "read the organization price list again")
	var got *cloudmore.OrganizationPriceListProduct
	for i := range prices {
		if prices[i].ProductID == p.ProductID && prices[i].ItemCode == p.ItemCode {
			got = &prices[i]
		}
	}
	require.NotNil(t, got, "%s is no longer in the price list", p.Name)
	assert.True(t, got.SalesPrice.Equal(newPrice), "sales price %s, want %s", got.SalesPrice.Text(), newPrice.Text())
	assert.True(t, got.Margin.Equal(got.SalesPrice.Sub(got.Cost)), "margin %s = %s - %s",
		got.Margin.Text(), got.SalesPrice.Text(), got.Cost.Text())

	// The bulk helper sends the same change once, on the wire, and reports it applied.
	res := c.Pricelist.UpdateOrganizationPrices(ctx, []cloudmore.OrganizationPriceChange{
		{OrganizationID: orgID, ServiceID: svc.ID, Update: *update},
	}, nil)
	require.Len(t, res, 1)
	e.must(t, res.Err(), "bulk price update")
	assert.True(t, res[0].Attempted)

	// The organization's products carry its price.
	products, _, err := c.Services.ListProducts(ctx, orgID, svc.ID)
	e.must(t, err, "list products")
	for _, pr := range products {
		if pr.ProductID == p.ProductID {
			assert.True(t, pr.Price.Equal(newPrice), "product price %s, want %s", pr.Price.Text(), newPrice.Text())
		}
	}
}
