package integration

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCSP follows Cloudmore's order for Microsoft CSP Direct: domain check, add the service
// (which creates the tenant), products, then legacy subscriptions (create, update, suspend)
// and a new-commerce (NCE) subscription.
func TestCSP(t *testing.T) {
	e := setup(t)
	ctx := e.ctx(t)
	c := e.c

	// Prefixes that certainly exist at Microsoft are reported taken.
	contosoFree, _, err := c.CSP.CheckDomain(ctx, "contoso")
	e.capability(t, err, "check domain contoso")
	assert.False(t, contosoFree, "contoso.onmicrosoft.com is free?")

	orgID, orgReq := e.newOrganization(t, "csp")
	prefix := strings.ReplaceAll(strings.TrimSuffix(e.runID, "-"), "-", "")
	free, _, err := c.CSP.CheckDomain(ctx, prefix)
	e.capability(t, err, "check domain "+prefix)
	require.True(t, free, "%s.onmicrosoft.com is taken", prefix)

	svc := e.estoreService(t, orgID, "Microsoft CSP service", isCSPService)
	if e.fake != nil {
		require.Equal(t, cloudmoretest.CSPServiceID, svc.ID)
	}
	contact := cloudmore.CSPCloudAgreementContact{FirstName: "Jane", LastName: "Doe", Email: orgReq.Contact.Email}
	_, _, err = c.CSP.Add(ctx, orgID, &cloudmore.AddCSPRequest{
		ID: svc.ID, CurrencyCode: "SEK", DomainPrefix: prefix,
		ContactEmail: contact.Email, ContactFirstName: contact.FirstName, ContactLastName: contact.LastName,
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: contact},
	})
	e.capability(t, err, "add the CSP service")
	details, _, err := c.CSP.Get(ctx, orgID)
	e.must(t, err, "get the CSP service")
	assert.NotEmpty(t, details.Raw)
	free, _, err = c.CSP.CheckDomain(ctx, prefix)
	e.must(t, err, "check domain again")
	assert.False(t, free, "the new tenant's prefix is taken now")

	t.Run("legacy", func(t *testing.T) {
		products, _, err := c.CSP.ListProducts(ctx, orgID)
		e.capability(t, err, "list CSP products")
		var product *cloudmore.CSPProduct
		for i := range products {
			p := &products[i]
			if p.SupportsBillingCycle(cloudmore.BillingCycleMonthly) && p.CheckQuantity(3) == nil &&
				(product == nil || p.Price.LessThan(product.Price)) {
				product = p
			}
		}
		if product == nil {
			if e.fake != nil {
				t.Fatal("no monthly product in the fake")
			}
			t.Skipf("none of the %d legacy CSP products can be bought monthly", len(products))
		}
		if e.fake != nil {
			assert.Equal(t, cloudmoretest.BusinessBasicOfferID, product.OfferID)
		}
		found, _, err := c.CSP.FindProduct(ctx, orgID, strings.ToLower(product.OfferID))
		e.must(t, err, "find product")
		assert.Equal(t, product.Name, found.Name)

		// Checked against the product before anything is sent.
		_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
			FriendlyName: e.runID + "too-many", BillingCycle: cloudmore.BillingCycleMonthly,
			Quantity: int(product.MaximumQuantity.IntPart()) + 1})
		if product.MaximumQuantity.Sign() > 0 {
			assert.ErrorIs(t, err, cloudmore.ErrValidation)
		}

		created, _, err := c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
			FriendlyName: e.runID + "legacy", BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 2})
		e.capability(t, err, "create legacy subscription")
		require.NotEmpty(t, created.ID, "the create names no subscription id")
		suspended := false
		e.cleanup(t, "suspend legacy subscription", func(ctx context.Context) error {
			if suspended {
				return nil
			}
			_, err := c.CSP.Subscriptions.Suspend(ctx, orgID, created.ID)
			return err
		})

		subs, _, err := c.CSP.Subscriptions.List(ctx, orgID)
		e.must(t, err, "list legacy subscriptions")
		assert.NotEmpty(t, subs)
		_, err = c.CSP.Subscriptions.Update(ctx, orgID, created.ID, &cloudmore.UpdateCSPSubscriptionRequest{Quantity: cloudmore.Ptr(3)})
		e.must(t, err, "update legacy subscription")
		got, _, err := c.CSP.Subscriptions.Get(ctx, orgID, created.ID)
		e.must(t, err, "get legacy subscription")
		if e.fake != nil {
			assert.Equal(t, 3, rawField[int](t, got.Raw, "quantity"))
		}
		_, err = c.CSP.Subscriptions.Suspend(ctx, orgID, created.ID)
		e.must(t, err, "suspend legacy subscription")
		suspended = true
		if e.fake != nil {
			got, _, err := c.CSP.Subscriptions.Get(ctx, orgID, created.ID)
			e.must(t, err, "get legacy subscription")
			assert.Equal(t, "Suspended", rawField[string](t, got.Raw, "status"))
		}
	})

	// Read-only lists of the new tenant: its users (the administrator), licences, NCE
	// alignment dates, and the broker's tenants.
	t.Run("lists", func(t *testing.T) {
		users, _, err := c.CSP.Users.List(ctx, orgID)
		e.capability(t, err, "list Microsoft 365 users")
		if e.fake != nil {
			assert.Len(t, users, 1, "the tenant's administrator")
		}
		_, _, err = c.CSP.ListProductLicenses(ctx, orgID)
		e.capability(t, err, "list product licences")
		_, _, err = c.CSP.NCE.ListAlignmentDates(ctx, orgID)
		e.capability(t, err, "list NCE alignment dates")
		tenants, _, err := c.CSP.Tenants.List(ctx)
		e.capability(t, err, "list CSP tenants")
		assert.NotEmpty(t, tenants, "the new tenant is the broker's")
	})

	t.Run("NCE", func(t *testing.T) {
		products, _, err := c.CSP.NCE.ListProducts(ctx, orgID)
		e.capability(t, err, "list NCE products")
		if len(products) == 0 {
			t.Skip("no NCE products for this organization")
		}
		// The products' fields are not documented; the fake's (and presumably Cloudmore's)
		// item code names what to buy.
		itemCode := rawField[string](t, products[0].Raw, "itemCode")
		if e.fake != nil {
			itemCode = cloudmoretest.BusinessBasicNCE
		}
		if itemCode == "" {
			t.Skipf("NCE products carry no itemCode; the create body is undocumented: %s", products[0].Raw)
		}
		created, _, err := c.CSP.NCE.Create(ctx, orgID, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{
			"itemCode": itemCode, "friendlyName": e.runID + "nce", "quantity": 1, "segment": "commercial"}})
		if err != nil && e.fake == nil && accountLacks(err, true) == "" {
			t.Skipf("NCE create: the body is undocumented and staging refused the SDK's guess: %v", err)
		}
		e.capability(t, err, "create NCE subscription")
		require.NotEmpty(t, created.ID)
		e.cleanup(t, "delete NCE subscription", func(ctx context.Context) error {
			_, err := c.CSP.NCE.Delete(ctx, orgID, created.ID) // within Microsoft's 7-day window
			return err
		})
		sub, _, err := c.CSP.NCE.Get(ctx, orgID, created.ID)
		e.must(t, err, "get NCE subscription")
		assert.Equal(t, cloudmore.SegmentCommercial, sub.Segment)
		subs, _, err := c.CSP.NCE.List(ctx, orgID)
		e.must(t, err, "list NCE subscriptions")
		assert.NotEmpty(t, subs)
	})
}

// rawField reads one member of an undocumented JSON object.
func rawField[T any](t *testing.T, raw []byte, name string) T {
	t.Helper()
	var m map[string]json.RawMessage
	var v T
	if json.Unmarshal(raw, &m) == nil {
		_ = json.Unmarshal(m[name], &v)
	}
	return v
}
