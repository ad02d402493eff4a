package integration

import (
	"context"
	"errors"
	"slices"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPortalFlow is the flow of Cloudmore's API guide a customer portal runs: organization,
// user with a role, E-store, service, products, subscription, its history and users, cancel.
func TestPortalFlow(t *testing.T) {
	e := setup(t)
	ctx := e.ctx(t)
	c := e.c

	orgID, orgReq := e.newOrganization(t, "portal")
	org, _, err := c.Organizations.Get(ctx, orgID)
	e.must(t, err, "get organization")
	assert.Equal(t, orgReq.Name, org.Name)
	orgs, _, err := c.Organizations.List(ctx, nil)
	e.must(t, err, "list organizations")
	assert.True(t, slices.ContainsFunc(orgs, func(o cloudmore.Organization) bool { return o.ID == orgID }), "the new organization is listed")

	roles, _, err := c.Users.ListRoles(ctx, orgID)
	e.must(t, err, "list roles")
	require.NotEmpty(t, roles, "the organization offers no user role")
	userReq := &cloudmore.CreateUserRequest{Name: "jane.doe@" + orgReq.PrimaryDomain, FirstName: "Jane", LastName: "Doe",
		DisplayName: "Jane Doe", RoleID: roles[0].ID}
	user, _, err := c.Users.Create(ctx, orgID, userReq)
	e.must(t, err, "create user")
	require.NotEmpty(t, user.ID, "the user create names no id")
	e.cleanup(t, "delete user "+userReq.Name, func(ctx context.Context) error {
		_, err := c.Users.Delete(ctx, orgID, user.ID)
		if errors.Is(err, cloudmore.ErrNotFound) {
			return nil // gone with the organization
		}
		return err
	})

	svc := e.estoreService(t, orgID, "custom service (like Box.com)", isCustomService)
	if e.fake != nil {
		require.Equal(t, cloudmoretest.BoxServiceID, svc.ID)
	}
	_, _, err = c.Services.Add(ctx, orgID, &cloudmore.AddServiceRequest{ID: svc.ID, CurrencyCode: "SEK"})
	e.capability(t, err, "add service "+svc.Name)
	services, _, err := c.Services.List(ctx, orgID)
	e.must(t, err, "list services")
	assert.True(t, slices.ContainsFunc(services, func(s cloudmore.Service) bool { return s.ID == svc.ID }))

	products, _, err := c.Services.ListProducts(ctx, orgID, svc.ID)
	e.must(t, err, "list products")
	if len(products) == 0 {
		t.Skipf("%s has no products", svc.Name)
	}
	product := &products[0]
	for i := range products { // a product without a trial, so the subscription is billed
		if products[i].TrialPeriod == 0 {
			product = &products[i]
			break
		}
	}
	assert.Equal(t, "SEK", product.CurrencyCode, "prices are in the currency the service was added with")
	minQty := max(int(product.MinimumQuantity.IntPart()), 1)

	// Below the minimum is refused before anything is sent.
	if minQty > 1 {
		_, _, err := c.Subscriptions.CreateForProduct(ctx, orgID, product,
			&cloudmore.CreateSubscriptionRequest{Quantity: minQty - 1})
		assert.ErrorIs(t, err, cloudmore.ErrValidation)
	}

	subName := e.runID + "subscription"
	created, _, err := c.Subscriptions.CreateForProduct(ctx, orgID, product,
		&cloudmore.CreateSubscriptionRequest{Name: subName, Quantity: minQty + 1, PONumber: "PO-IT-1"})
	e.must(t, err, "create subscription")
	subID := created.ID
	if subID == "" { // Cloudmore did not name it: find it by its unique name
		subs, _, err := c.Subscriptions.List(ctx, orgID, svc.ID)
		e.must(t, err, "list subscriptions")
		for _, s := range subs {
			if s.Name == subName {
				subID = s.ID
			}
		}
		require.NotEmpty(t, subID, "the new subscription is not listed")
	}
	cancelled := false
	e.cleanup(t, "cancel subscription "+subName, func(ctx context.Context) error {
		if cancelled {
			return nil
		}
		_, err := c.Subscriptions.Cancel(ctx, orgID, svc.ID, subID)
		return err
	})

	subs, _, err := c.Subscriptions.List(ctx, orgID, svc.ID)
	e.must(t, err, "list subscriptions")
	i := slices.IndexFunc(subs, func(s cloudmore.Subscription) bool { return s.ID == subID })
	require.GreaterOrEqual(t, i, 0, "the new subscription is listed")
	assert.Equal(t, subName, subs[i].Name)
	assert.Equal(t, int64(minQty+1), subs[i].Quantity.IntPart())
	assert.False(t, bool(subs[i].IsCancelled))

	got, _, err := c.Subscriptions.Get(ctx, orgID, svc.ID, subID)
	e.must(t, err, "get subscription")
	assert.Equal(t, subID, got.ID)

	history, _, err := c.Subscriptions.GetHistory(ctx, orgID, svc.ID, subID)
	e.must(t, err, "read history")
	assert.NotEmpty(t, history.Raw)
	if e.fake != nil {
		assert.Len(t, history.Entries, 1)
	}

	_, _, err = c.Subscriptions.AssignUser(ctx, orgID, svc.ID, subID,
		&cloudmore.AssignSubscriptionUserRequest{UserID: user.ID})
	e.must(t, err, "assign user")
	users, _, err := c.Subscriptions.ListUsers(ctx, orgID, svc.ID, subID)
	e.must(t, err, "list subscription users")
	assert.Len(t, users, 1)

	_, err = c.Subscriptions.Cancel(ctx, orgID, svc.ID, subID)
	e.must(t, err, "cancel subscription")
	cancelled = true
	subs, _, err = c.Subscriptions.List(ctx, orgID, svc.ID)
	e.must(t, err, "list subscriptions")
	i = slices.IndexFunc(subs, func(s cloudmore.Subscription) bool { return s.ID == subID })
	require.GreaterOrEqual(t, i, 0, "a cancelled subscription stays listed")
	assert.True(t, bool(subs[i].IsCancelled))
}
