package cloudmore

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// platformClient is a client without a reseller id: platform look-ups must work without one.
func platformClient(t *testing.T) (*Client, *testServer) {
	t.Helper()
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	return c, ts
}

func TestPlatformHealthCheck(t *testing.T) {
	c, ts := platformClient(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, "/api/healthcheck", nil, "")
		writeJSON(t, w, http.StatusOK, `{"status":"Healthy"}`)
	})
	health, resp, err := c.Platform.HealthCheck(context.Background())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"status":"Healthy"}`, string(health.Raw))
}

func TestPlatformHealthCheckEmptyAndDown(t *testing.T) {
	c, ts := platformClient(t)
	var down atomic.Bool
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if !down.Load() {
			w.WriteHeader(http.StatusOK)
			return
		}
		writeJSON(t, w, http.StatusNotImplemented, `{"message":"down"}`)
	})
	health, _, err := c.Platform.HealthCheck(context.Background())
	require.NoError(t, err)
	require.NotNil(t, health, "an empty 200 is a healthy answer, not an error")
	assert.Nil(t, health.Raw)
	down.Store(true)
	_, _, err = c.Platform.HealthCheck(context.Background())
	require.ErrorIs(t, err, ErrServer)
}

func TestPlatformListCategories(t *testing.T) {
	c, ts := platformClient(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, "/api/services/categories", nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "platform_categories.json"))
	})
	cats, _, err := c.Platform.ListCategories(context.Background())
	require.NoError(t, err)
	require.Len(t, cats, 2)
	assert.Equal(t, ServiceCategory{ID: "0b9f5c1e-5d0e-4a53-9a5e-1f0e6c1d2a01", Name: "Backup & Security"}, cats[0])
	assert.Equal(t, "Mail, chat and file sharing", cats[1].Description)
}

func TestPlatformListMarketCountries(t *testing.T) {
	c, ts := platformClient(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, "/api/services/marketCountries", nil, "")
		writeJSON(t, w, http.StatusOK, `[{"code":"SE","name":"Sweden"},{"code":"GB","name":"United Kingdom"}]`)
	})
	countries, _, err := c.Platform.ListMarketCountries(context.Background())
	require.NoError(t, err)
	require.Len(t, countries, 2)
	assert.JSONEq(t, `{"code":"GB","name":"United Kingdom"}`, string(countries[1].Raw))
}

func TestPlatformListMarketRegions(t *testing.T) {
	c, ts := platformClient(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, "/api/services/marketRegions", nil, "")
		writeJSON(t, w, http.StatusOK, `[{"name":"Nordics"}]`)
	})
	regions, _, err := c.Platform.ListMarketRegions(context.Background())
	require.NoError(t, err)
	require.Len(t, regions, 1)
	assert.JSONEq(t, `{"name":"Nordics"}`, string(regions[0].Raw))
}

func TestPlatformBrokerCallsNeedResellerID(t *testing.T) {
	c, ts := platformClient(t)
	_, _, err := c.Organizations.List(context.Background(), nil)
	assertNoRequest(t, ts, err, "resellerId")
	_, _, err = c.Broker.CustomProperties.List(context.Background())
	assertNoRequest(t, ts, err, "resellerId")
	// With the body checked too, every problem is named.
	_, _, err = c.Organizations.Create(context.Background(), &CreateOrganizationRequest{})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resellerId", ve.Fields[0].Field)
	assert.Greater(t, len(ve.Fields), 1)
}

// Market answers that are not objects are refused, not kept silently as something else: the
// Swagger models (MarketCountryViewModel, MarketRegionViewModel) are objects.
func TestPlatformMarketsAreObjects(t *testing.T) {
	c, ts := platformClient(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `["SE"]`)
	})
	_, _, err := c.Platform.ListMarketCountries(context.Background())
	require.Error(t, err)
}
