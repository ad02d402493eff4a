package cloudmoretest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func TestScriptStatuses(t *testing.T) {
	a := newAPI(t)
	a.srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations",
		cloudmoretest.Fault{Status: 429, RetryAfter: "1"},
		cloudmoretest.Fault{Status: 503, Body: `[{"errorCode":1,"errorName":"Unavailable","errorMessage":"down"}]`},
		cloudmoretest.Fault{Status: 500, Body: "boom"})

	resp, body := a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, 429, resp.StatusCode)
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	assert.Empty(t, body)

	// Other methods and paths are not affected.
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations/"+cloudmoretest.SeedOrganization1ID, nil)

	resp, body = a.do(http.MethodGet, "organizations", nil) // case-insensitive, like the routing
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, string(body), "Unavailable")

	resp, body = a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, 500, resp.StatusCode)
	assert.Equal(t, "boom", string(body))
	assert.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))

	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil) // the script is used up
}

func TestScriptStatusesPatterns(t *testing.T) {
	a := newAPI(t)
	// Faults come before authentication.
	a.srv.ScriptStatuses("*", "/api/resellers/*/organizations/{organizationId}/**", cloudmoretest.Fault{Status: 502})
	resp, _ := a.doToken("", http.MethodPost, "organizations/"+cloudmoretest.SeedOrganization1ID+"/services/Csp", map[string]any{})
	assert.Equal(t, 502, resp.StatusCode)

	a.srv.ScriptStatuses("POST", "/connect/token", cloudmoretest.Fault{Status: 503, RetryAfter: "2"})
	c := a.srv.Credentials()
	resp, _ = a.tokenRequest(c.ClientID, c.ClientSecret, passwordForm(c.Username, c.Password))
	assert.Equal(t, 503, resp.StatusCode)
	assert.Equal(t, 2, a.srv.TokenRequests())

	a.srv.ScriptStatuses("", "", cloudmoretest.Fault{Status: 418})
	resp, _ = a.do(http.MethodDelete, "anything/at/all", nil)
	assert.Equal(t, 418, resp.StatusCode)

	// A pattern with a different number of segments does not match.
	a.srv.ScriptStatuses("GET", "/api/resellers/*", cloudmoretest.Fault{Status: 500})
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
}

func TestDropConnectionCutsTheBody(t *testing.T) {
	a := newAPI(t)
	a.srv.DropConnection("GET", "/api/resellers/{resellerId}/Organizations", 1)
	req, _ := http.NewRequest(http.MethodGet, a.path("Organizations"), nil)
	req.Header.Set("Authorization", "Bearer "+a.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "the status line and headers arrive")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.True(t, strings.HasPrefix(string(b), `[{"id":`), string(b))

	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil) // only one was dropped
	reqs := a.srv.Requests()
	assert.Equal(t, http.StatusOK, reqs[len(reqs)-2].Status)
}

func TestDropConnectionOnCreateStillCreates(t *testing.T) {
	a := newAPI(t, noSeed)
	a.srv.DropConnection("POST", "/api/resellers/{resellerId}/Organizations", 1)
	req, _ := http.NewRequest(http.MethodPost, a.path("Organizations"), strings.NewReader(mustJSON(orgBody("Acme", "acme.example"))))
	req.Header.Set("Authorization", "Bearer "+a.token)
	req.Header.Set("Content-Type", "application/json")
	_, err := http.DefaultClient.Do(req)
	require.Error(t, err, "the answer is lost")

	var list []orgItem
	a.get("Organizations", &list)
	require.Len(t, list, 1, "but the organization was created")
	assert.Equal(t, "Acme", list[0].Name)
}

func TestSetLatency(t *testing.T) {
	a := newAPI(t, func(o *cloudmoretest.Options) { o.Latency = 150 * time.Millisecond })
	start := time.Now()
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	a.srv.SetLatency(2 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, a.path("Organizations"), nil)
	req.Header.Set("Authorization", "Bearer "+a.token)
	_, err := http.DefaultClient.Do(req)
	require.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)

	a.srv.SetLatency(0)
	start = time.Now()
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	assert.Less(t, time.Since(start), time.Second)
}

func TestRequestLog(t *testing.T) {
	a := newAPI(t)
	reqs := a.srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "POST", reqs[0].Method)
	assert.Equal(t, "/connect/token", reqs[0].Path)
	assert.Contains(t, string(reqs[0].Body), "password=REDACTED")
	assert.NotContains(t, string(reqs[0].Body), cloudmoretest.DefaultPassword)
	assert.Equal(t, 200, reqs[0].Status)

	a.srv.ResetLog()
	assert.Empty(t, a.srv.Requests())
	a.get("billing/reports/MonthlyBillingPerOrganization?startDate=2020-04-01&endDate=2020-04-30", nil)
	a.do(http.MethodPost, "Organizations", map[string]any{"name": "x"})
	a.doToken("", http.MethodGet, "Organizations", nil)

	reqs = a.srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "/api/resellers/"+a.srv.ResellerID()+"/billing/reports/MonthlyBillingPerOrganization", reqs[0].Path)
	assert.Equal(t, "2020-04-01", reqs[0].Query.Get("startDate"))
	assert.Equal(t, a.token, reqs[0].Token)
	assert.Equal(t, 200, reqs[0].Status)
	assert.Empty(t, reqs[0].Header.Get("Authorization"))
	assert.JSONEq(t, `{"name":"x"}`, string(reqs[1].Body))
	assert.Equal(t, 400, reqs[1].Status)
	assert.Equal(t, "", reqs[2].Token)
	assert.Equal(t, 401, reqs[2].Status)
	assert.Equal(t, "GET /api/resellers/"+a.srv.ResellerID()+"/Organizations 401", reqs[2].String())
}
