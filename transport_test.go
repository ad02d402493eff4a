package cloudmore

import (
	"context"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithTransportUnderTheAuthLayer shows the SDK over httpmock: a per-test mock transport
// given with WithTransport sits under the auth layer, so the token request and the bearer
// header are exercised too (ActivateNonDefault would replace the whole client, auth included).
func TestWithTransportUnderTheAuthLayer(t *testing.T) {
	mock := httpmock.NewMockTransport()
	mock.RegisterResponder(http.MethodPost, "https://api-staging.cloudmore.com/connect/token",
		httpmock.NewStringResponder(200, `{"access_token":"mock-token","expires_in":86400,"token_type":"Bearer"}`).
			HeaderSet(http.Header{"Content-Type": {"application/json"}}))
	mock.RegisterResponder(http.MethodGet, "https://api-staging.cloudmore.com/api/resellers/"+testResellerID+"/Organizations",
		func(r *http.Request) (*http.Response, error) {
			if r.Header.Get("Authorization") != "Bearer mock-token" {
				return httpmock.NewStringResponse(http.StatusUnauthorized, ""), nil
			}
			return httpmock.NewStringResponse(200, orgListBody), nil
		})

	c, err := NewClient(WithEnvironment(Staging), WithCredentials(testCreds), WithResellerID(testResellerID), WithTransport(mock))
	require.NoError(t, err)
	for range 2 {
		orgs, resp, err := c.Organizations.List(context.Background(), nil)
		require.NoError(t, err)
		require.Len(t, orgs, 3)
		assert.Equal(t, "My Test Organization 2", orgs[1].Name)
		assert.Equal(t, 1, orgs[0].Users)
		assert.Equal(t, 1, resp.Attempts)
	}
	calls := mock.GetCallCountInfo()
	assert.Equal(t, 1, calls["POST https://api-staging.cloudmore.com/connect/token"])
	assert.Equal(t, 2, calls["GET https://api-staging.cloudmore.com/api/resellers/"+testResellerID+"/Organizations"])
}
