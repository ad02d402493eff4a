package cloudmoretest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// A client built from ClientOptions talks to the fake as the broker and as the seller: the
// token endpoint accepts its credentials and both sides answer to its ids.
func TestClientOptions(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c, err := cloudmore.NewClient(srv.ClientOptions()...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL(), c.BaseURL())
	assert.Equal(t, srv.ResellerID(), c.ResellerID())
	assert.Equal(t, srv.SellerID(), c.SellerID())

	orgs, _, err := c.Organizations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, orgs, 3, "the fake's seed organizations")
	_, _, err = c.Seller.Services.List(t.Context())
	require.NoError(t, err)

	var got []string
	for _, r := range srv.Requests() {
		got = append(got, r.Method+" "+r.Path)
	}
	assert.Equal(t, []string{
		"POST /connect/token",
		"GET /api/resellers/" + srv.ResellerID() + "/Organizations",
		"GET /api/sellers/" + srv.SellerID() + "/services",
	}, got)
}
