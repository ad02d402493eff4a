package integration

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestStagingReadOnly reads what the account already has (organizations, their users,
// services, products and subscriptions, the platform's categories) without changing anything.
// It exists for real data: with CLOUDMORE_STRICT=1 it shows which members of Cloudmore's
// answers the SDK's models lack. The other scenarios cover these reads on the fake.
func TestStagingReadOnly(t *testing.T) {
	e := setup(t)
	e.stagingOnly(t)
	ctx := e.ctx(t)
	c := e.c

	cats, _, err := c.Platform.ListCategories(ctx)
	e.capability(t, err, "list categories")
	t.Logf("%d service categories", len(cats))
	props, _, err := c.Broker.CustomProperties.List(ctx)
	e.capability(t, err, "list custom properties")
	t.Logf("%d broker custom properties", len(props))

	orgs, _, err := c.Organizations.List(ctx, nil)
	e.must(t, err, "list organizations")
	t.Logf("%d organizations", len(orgs))
	for i, o := range orgs {
		if i == 5 { // enough shapes; keep the load on staging small
			break
		}
		details, _, err := c.Organizations.Get(ctx, o.ID)
		e.must(t, err, "get organization")
		assert.Equal(t, o.ID, details.ID)
		_, _, err = c.Users.List(ctx, o.ID)
		e.must(t, err, "list users")
		services, _, err := c.Services.List(ctx, o.ID)
		e.must(t, err, "list services")
		for _, s := range services {
			if s.IsResellerCustomService || s.IsSellerCustomService {
				_, _, err := c.Services.ListProducts(ctx, o.ID, s.ID)
				e.must(t, err, "list products of "+s.Name)
				_, _, err = c.Subscriptions.List(ctx, o.ID, s.ID)
				e.must(t, err, "list subscriptions of "+s.Name)
				_, _, err = c.Pricelist.ListOrganization(ctx, o.ID, s.ID)
				e.capability(t, err, "read the price list of "+s.Name)
			}
		}
	}
}
