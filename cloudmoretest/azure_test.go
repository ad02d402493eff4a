package cloudmoretest_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// seedUser1 is the seeded user of SeedOrganization1ID.
const seedUser1 = "0f9b5c1e-3f55-4c3e-9a51-0c6d9c3f7a11"

// docOf decodes a Raw JSON object.
func docOf(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	return m
}

func wantStatusErr(t *testing.T, err error, status int) {
	t.Helper()
	var ae *cloudmore.APIError
	require.True(t, errors.As(err, &ae), "want an API error, got %v", err)
	assert.Equal(t, status, ae.StatusCode, "%v", err)
}

// The Azure area through the SDK: add the service, create the plan and a second entitlement,
// read them as Azure subscriptions (per organization and broker-wide), give a user a role,
// change and remove it, rename the plan, suspend a subscription, remove the service.
func TestFakeAzureLifecycle(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	org := cloudmoretest.SeedOrganization1ID

	_, _, err := c.Azure.Get(ctx, org)
	wantStatusErr(t, err, 404)
	// Subscriptions need the Azure service first.
	_, _, err = c.Azure.Plan.Create(ctx, org, &cloudmore.CreateAzurePlanSubscriptionRequest{Extra: map[string]any{"name": "Plan"}})
	wantStatusErr(t, err, 400)

	_, _, err = c.Azure.Add(ctx, org, &cloudmore.AddAzureRequest{Extra: map[string]any{"currencyCode": "GBP"}})
	require.NoError(t, err)
	_, _, err = c.Azure.Add(ctx, org, &cloudmore.AddAzureRequest{Extra: map[string]any{"currencyCode": "GBP"}})
	wantStatusErr(t, err, 400)
	svc, _, err := c.Azure.Get(ctx, org)
	require.NoError(t, err)
	assert.Equal(t, "GBP", docOf(t, svc.Raw)["currencyCode"])

	plans, _, err := c.Azure.Plan.List(ctx, org)
	require.NoError(t, err)
	assert.Empty(t, plans)
	_, _, err = c.Azure.Plan.CreateEntitlement(ctx, org, &cloudmore.CreateAzurePlanEntitlementRequest{Extra: map[string]any{"name": "Early"}})
	wantStatusErr(t, err, 400) // no plan yet

	created, resp, err := c.Azure.Plan.Create(ctx, org, &cloudmore.CreateAzurePlanSubscriptionRequest{
		Extra: map[string]any{"name": "Azure plan", "purchaseOrderNumber": "PO-1"}})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	planID := created.ID
	_, _, err = c.Azure.Plan.Create(ctx, org, &cloudmore.CreateAzurePlanSubscriptionRequest{Extra: map[string]any{"name": "Again"}})
	wantStatusErr(t, err, 400) // one plan per organization
	second, _, err := c.Azure.Plan.CreateEntitlement(ctx, org, &cloudmore.CreateAzurePlanEntitlementRequest{Extra: map[string]any{"name": "Test"}})
	require.NoError(t, err)

	plans, _, err = c.Azure.Plan.List(ctx, org)
	require.NoError(t, err)
	require.Len(t, plans, 1)
	plan := docOf(t, plans[0].Raw)
	assert.Equal(t, planID, plan["id"])
	assert.Equal(t, "PO-1", plan["purchaseOrderNumber"])
	require.Len(t, plan["entitlements"], 2)
	firstID := plan["entitlements"].([]any)[0].(map[string]any)["id"].(string)

	got, _, err := c.Azure.Plan.Get(ctx, org, second.ID)
	require.NoError(t, err)
	assert.Equal(t, "Test", docOf(t, got.Raw)["name"])
	_, err = c.Azure.Plan.Update(ctx, org, planID, &cloudmore.UpdateAzurePlanSubscriptionRequest{
		Extra: map[string]any{"name": "Renamed", "purchaseOrderNumber": "PO-2"}})
	require.NoError(t, err)
	got, _, err = c.Azure.Plan.Get(ctx, org, planID)
	require.NoError(t, err)
	assert.Equal(t, "Renamed", docOf(t, got.Raw)["name"])
	assert.Equal(t, "PO-2", docOf(t, got.Raw)["purchaseOrderNumber"])
	_, _, err = c.Azure.Plan.Get(ctx, org, "11111111-2222-3333-4444-555555555555")
	wantStatusErr(t, err, 404)

	// The entitlements are the organization's Azure subscriptions, and the broker's.
	subs, _, err := c.Azure.Subscriptions.List(ctx, org)
	require.NoError(t, err)
	require.Len(t, subs, 2)
	assert.Equal(t, planID, docOf(t, subs[0].Raw)["planSubscriptionId"])
	all, _, err := c.Azure.Subscriptions.ListAll(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, org, docOf(t, all[1].Raw)["organizationId"])

	// Users and roles.
	users, _, err := c.Azure.Users.List(ctx, org)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, seedUser1, docOf(t, users[0].Raw)["id"])
	_, _, err = c.Azure.Users.AssignRole(ctx, org, seedUser1, &cloudmore.AssignAzureRoleRequest{
		SubscriptionID: firstID, Extra: map[string]any{"role": "Owner"}})
	require.NoError(t, err)
	_, err = c.Azure.Users.UpdateRole(ctx, org, seedUser1, &cloudmore.UpdateAzureRoleRequest{
		SubscriptionID: firstID, Extra: map[string]any{"role": "Contributor"}})
	require.NoError(t, err)
	roles, _, err := c.Azure.Users.ListSubscriptions(ctx, org, seedUser1)
	require.NoError(t, err)
	require.Len(t, roles, 1)
	assert.Equal(t, "Contributor", docOf(t, roles[0].Raw)["role"])
	_, _, err = c.Azure.Users.AssignRole(ctx, org, "no-such-user", &cloudmore.AssignAzureRoleRequest{SubscriptionID: firstID})
	wantStatusErr(t, err, 404)
	_, _, err = c.Azure.Users.AssignRole(ctx, org, seedUser1, &cloudmore.AssignAzureRoleRequest{Extra: map[string]any{"role": "Owner"}})
	require.ErrorIs(t, err, cloudmore.ErrValidation, "which subscription? the SDK asks before sending")

	// A suspended subscription takes no new role.
	_, err = c.Azure.Subscriptions.Suspend(ctx, org, second.ID)
	require.NoError(t, err)
	subs, _, err = c.Azure.Subscriptions.List(ctx, org)
	require.NoError(t, err)
	assert.Equal(t, "Suspended", docOf(t, subs[1].Raw)["status"])
	_, _, err = c.Azure.Users.AssignRole(ctx, org, seedUser1, &cloudmore.AssignAzureRoleRequest{
		SubscriptionID: second.ID, Extra: map[string]any{"role": "Owner"}})
	wantStatusErr(t, err, 400)

	_, err = c.Azure.Users.RemoveRole(ctx, org, seedUser1, firstID)
	require.NoError(t, err)
	roles, _, err = c.Azure.Users.ListSubscriptions(ctx, org, seedUser1)
	require.NoError(t, err)
	assert.Empty(t, roles)
	_, err = c.Azure.Users.RemoveRole(ctx, org, seedUser1, firstID)
	wantStatusErr(t, err, 404)

	_, err = c.Azure.Remove(ctx, org)
	require.NoError(t, err)
	_, err = c.Azure.Remove(ctx, org)
	wantStatusErr(t, err, 404)
}

// Every Azure read of an unknown organization is 404.
func TestFakeAzureUnknownOrganization(t *testing.T) {
	srv := cloudmoretest.NewServer(t, noSeed)
	c := srv.Client()
	ctx := context.Background()
	const org = "11111111-2222-3333-4444-555555555555"
	_, _, err := c.Azure.Subscriptions.List(ctx, org)
	wantStatusErr(t, err, 404)
	_, _, err = c.Azure.Plan.List(ctx, org)
	wantStatusErr(t, err, 404)
	_, _, err = c.Azure.Users.List(ctx, org)
	wantStatusErr(t, err, 404)
	all, _, err := c.Azure.Subscriptions.ListAll(ctx)
	require.NoError(t, err)
	assert.Empty(t, all)
}
