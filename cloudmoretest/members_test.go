package cloudmoretest_test

import (
	"context"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnverifiedMembersAreRecorded: a body member that no typed field documents (it came
// through Extra) is stored and recorded, never required or refused; documented members are
// not recorded.
func TestUnverifiedMembersAreRecorded(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Organizations.Update(ctx, cloudmoretest.SeedOrganization1ID, &cloudmore.UpdateOrganizationRequest{
		DisplayName: "Renamed", Extra: map[string]any{"displayNmae": "typo"}})
	require.NoError(t, err)
	got := srv.UnverifiedMembers()
	require.Len(t, got, 1, "%v", got)
	assert.Equal(t, cloudmoretest.UnverifiedMember{Operation: "Organizations.Update", Member: "displayNmae"}, got[0])
	assert.Equal(t, "Organizations.Update: displayNmae", got[0].String())

	// Strict: the same body is refused, naming the member, and nothing changes.
	srv.SetStrictMembers(true)
	_, err = c.Organizations.Update(ctx, cloudmoretest.SeedOrganization1ID, &cloudmore.UpdateOrganizationRequest{
		DisplayName: "Again", Extra: map[string]any{"displayNmae": "typo"}})
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Contains(t, ae.FieldErrors, "displayNmae")
	org, _, err := c.Organizations.Get(ctx, cloudmoretest.SeedOrganization1ID)
	require.NoError(t, err)
	assert.Equal(t, "Renamed", org.DisplayName)
}
