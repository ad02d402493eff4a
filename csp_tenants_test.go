package cloudmore

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCSPTenantsList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("services/csp/CspTenants/List"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"invented":"tenant-1"}]`)
	})
	tenants, _, err := c.CSP.Tenants.List(context.Background())
	require.NoError(t, err)
	require.Len(t, tenants, 1)
	assert.JSONEq(t, `{"invented":"tenant-1"}`, string(tenants[0].Raw))
}

func TestCSPTenantsLink(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, brokerPath("services/csp/CspTenants/Link"), nil,
			`{"tenantId":"t-1","organizationId":"`+cspOrgID+`","note":"x"}`)
		writeJSON(t, w, http.StatusOK, `{"linked":true}`)
	})
	cr, resp, err := c.CSP.Tenants.Link(context.Background(), &LinkCSPTenantRequest{
		TenantID: "t-1", OrganizationID: cspOrgID, Extra: map[string]any{"note": "x"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, cr.ID, "the answer names no id")
	assert.JSONEq(t, `{"linked":true}`, string(cr.Body), "the undocumented answer is kept")

	c2, ts2 := setup(t)
	_, _, err = c2.CSP.Tenants.Link(context.Background(), &LinkCSPTenantRequest{OrganizationID: "acme",
		Extra: map[string]any{"tenantId": "t-2"}})
	assertFields(t, ts2, err, "tenantId", "organizationId", "Extra")
	_, _, err = c2.CSP.Tenants.Link(context.Background(), &LinkCSPTenantRequest{TenantID: "t-1", OrganizationID: cspOrgID,
		Extra: map[string]any{"tenantId": "t-2"}})
	assertNoRequest(t, ts2, err, "Extra")
	_, _, err = c2.CSP.Tenants.Link(context.Background(), nil)
	assertNoRequest(t, ts2, err, "body")
}

func TestCSPTenantsLinkLocation(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", brokerPath("services/csp/CspTenants/t-1"))
		w.WriteHeader(http.StatusCreated)
	})
	cr, _, err := c.CSP.Tenants.Link(context.Background(), &LinkCSPTenantRequest{TenantID: "t-1", OrganizationID: cspOrgID})
	require.NoError(t, err)
	assert.Equal(t, "t-1", cr.ID)
	assert.Nil(t, cr.Body)
}

func TestCSPTenantsNoResellerID(t *testing.T) {
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, _, err = c.CSP.Tenants.Link(context.Background(), &LinkCSPTenantRequest{})
	assertFields(t, ts, err, "resellerId", "tenantId", "organizationId")
}
