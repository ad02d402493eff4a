package cloudmoretest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func TestFakeUserGroups(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	org := cloudmoretest.SeedOrganization1ID

	groups, _, err := c.UserGroups.List(ctx, org)
	require.NoError(t, err)
	assert.Empty(t, groups)
	created, _, err := c.UserGroups.Create(ctx, org, &cloudmore.CreateUserGroupRequest{Extra: map[string]any{"name": "Finance"}})
	require.NoError(t, err)
	require.NotEmpty(t, created.ID)

	g, _, err := c.UserGroups.Get(ctx, org, created.ID)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"id": created.ID, "name": "Finance"}, docOf(t, g.Raw))
	_, err = c.UserGroups.Update(ctx, org, created.ID, &cloudmore.UpdateUserGroupRequest{Extra: map[string]any{"name": "Finance EU", "id": "ignored"}})
	require.NoError(t, err)
	groups, _, err = c.UserGroups.List(ctx, org)
	require.NoError(t, err)
	require.Len(t, groups, 1)
	assert.Equal(t, map[string]any{"id": created.ID, "name": "Finance EU"}, docOf(t, groups[0].Raw))

	m, _, err := c.UserGroups.AddMember(ctx, org, created.ID, &cloudmore.AddUserGroupMemberRequest{Extra: map[string]any{"userId": seedUser1}})
	require.NoError(t, err)
	assert.Equal(t, seedUser1, m.ID)
	ms, _, err := c.UserGroups.ListMembers(ctx, org, created.ID)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, seedUser1, docOf(t, ms[0].Raw)["userId"])
	_, err = c.UserGroups.RemoveMember(ctx, org, created.ID, seedUser1)
	require.NoError(t, err)
	_, err = c.UserGroups.RemoveMember(ctx, org, created.ID, seedUser1)
	wantStatusErr(t, err, 404)

	// Groups are per organization.
	other, _, err := c.UserGroups.List(ctx, cloudmoretest.SeedOrganization2ID)
	require.NoError(t, err)
	assert.Empty(t, other)
	_, _, err = c.UserGroups.Get(ctx, cloudmoretest.SeedOrganization2ID, created.ID)
	wantStatusErr(t, err, 404)

	_, err = c.UserGroups.Delete(ctx, org, created.ID)
	require.NoError(t, err)
	_, _, err = c.UserGroups.ListMembers(ctx, org, created.ID)
	wantStatusErr(t, err, 404)
}
