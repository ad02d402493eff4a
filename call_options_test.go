package cloudmore

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCallHeaderReachesTheWire: a header set per call is sent on every attempt of that call,
// retries included, and on no other call.
func TestCallHeaderReachesTheWire(t *testing.T) {
	c, ts := setup(t)
	var mu sync.Mutex
	var seen []string
	n := 0
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("X-Correlation-Id"))
		n++
		first := n == 1
		mu.Unlock()
		if first {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		writeJSON(t, w, http.StatusOK, []map[string]any{{"id": testOrgID, "name": "Acme"}})
	})
	orgs, resp, err := c.Organizations.List(context.Background(), nil, WithCallHeader("X-Correlation-Id", "abc-123"))
	require.NoError(t, err)
	require.Len(t, orgs, 1)
	assert.Equal(t, testOrgID, orgs[0].ID)
	assert.Equal(t, 2, resp.Attempts)
	_, _, err = c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"abc-123", "abc-123", ""}, seen)
}

// TestCallHeaderCannotReplaceTheSDKs: the headers the SDK sets (the token above all) are not a
// CallOption's to change: the call is refused, naming the header, and nothing is sent.
func TestCallHeaderCannotReplaceTheSDKs(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.Organizations.List(context.Background(), nil,
		WithCallHeader("authorization", "Bearer other"), WithCallHeader("Content-Type", "text/plain"))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Fields, 2)
	assert.Contains(t, err.Error(), "Authorization")
	assert.NotContains(t, err.Error(), "Bearer other")
	assert.Equal(t, 0, ts.apiRequests())
}

// TestWithRepeatableRetriesAPOST: a POST is never sent again once written (the outcome is
// unknown), unless the call says repeating it is harmless.
func TestWithRepeatableRetriesAPOST(t *testing.T) {
	path := "POST /api/resellers/{rid}/Organizations"
	created := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", brokerPath("Organizations/"+testOrgID))
		w.WriteHeader(http.StatusCreated)
	}

	c, ts := setup(t)
	ts.Mux.HandleFunc(path, hijackAfterRequest(t, 1, created))
	_, _, err := c.Organizations.Create(context.Background(), validOrganization())
	var ue *UnknownOutcomeError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, 1, ts.apiRequests(), "a POST is not repeated by default")

	c, ts = setup(t)
	ts.Mux.HandleFunc(path, hijackAfterRequest(t, 1, created))
	cr, resp, err := c.Organizations.Create(context.Background(), validOrganization(), WithRepeatable())
	require.NoError(t, err)
	assert.Equal(t, testOrgID, cr.ID)
	assert.Equal(t, 2, resp.Attempts)
	reqs := ts.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, brokerPath("Organizations"), r.Path)
		assert.Contains(t, string(r.Body), `"name":`)
		assert.JSONEq(t, string(reqs[0].Body), string(r.Body), "the same body each time")
	}
}

// TestWithCallRetryReplacesThePolicyForOneCall: NoRetries for one call sends a 503'd GET once;
// the next call keeps the client's policy.
func TestWithCallRetryReplacesThePolicyForOneCall(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	_, resp, err := c.Organizations.List(context.Background(), nil, WithCallRetry(NoRetries()))
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, 1, ts.apiRequests())

	_, resp, err = c.Organizations.List(context.Background(), nil)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 4, resp.Attempts)

	_, _, err = c.Organizations.List(context.Background(), nil, WithCallRetry(RetryPolicy{MaxAttempts: -1}))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, "a bad policy is refused as WithRetry refuses it")
	assert.Equal(t, 5, ts.apiRequests())
}

// TestLogsNameTheOperation: every attempt's log line names the declared operation and its
// template, so that logs group by operation and not by a path full of GUIDs.
func TestLogsNameTheOperation(t *testing.T) {
	var buf bytes.Buffer
	ts := newTestServer(t)
	c := ts.client(t, WithLogger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, map[string]any{"id": testOrgID})
	})
	_, _, err := c.Organizations.Get(context.Background(), testOrgID)
	require.NoError(t, err)
	assert.Contains(t, buf.String(), "operation=Organizations.Get")
	assert.Contains(t, buf.String(), "template=/api/resellers/{resellerId}/Organizations/{id}")
}

// TestErrorsNameTheOperation: an *APIError says which declared operation failed; one from Do
// names none.
func TestErrorsNameTheOperation(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
	})
	_, _, err := c.Organizations.Get(context.Background(), testOrgID)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "Organizations.Get", ae.Operation)
	assert.Equal(t, brokerPath("Organizations/"+testOrgID), ae.Path)

	req, err := c.NewRequest(context.Background(), http.MethodGet, "Organizations/"+testOrgID, nil, nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.ErrorAs(t, err, &ae)
	assert.Empty(t, ae.Operation)
}

// TestCallOptionsRefusedBeforeTheNetwork: a per-call header that HTTP cannot carry (a name
// with a space, a value with CR LF that would inject another header) and a per-call retry
// policy that is not one are *ValidationErrors naming the option that set them, before
// anything is sent (no token request either), never a transport error that is then retried.
func TestCallOptionsRefusedBeforeTheNetwork(t *testing.T) {
	c, ts := setup(t)
	_, resp, err := c.Organizations.List(context.Background(), nil,
		WithCallHeader("X-Correlation-Id", "a\r\nX-Injected: 1"), WithCallHeader("Bad Key", "v"))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Nil(t, resp)
	require.Len(t, ve.Fields, 2, "%v", err)
	assert.Contains(t, err.Error(), "WithCallHeader")
	assert.Contains(t, err.Error(), "X-Correlation-Id")
	assert.Contains(t, err.Error(), `"Bad Key"`)
	assert.NotContains(t, err.Error(), "X-Injected", "the value is not quoted: it may be a secret")

	_, _, err = c.Organizations.List(context.Background(), nil, WithCallRetry(RetryPolicy{MaxAttempts: -1}))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "WithCallRetry", ve.Field, "the option the caller used, not the client's WithRetry")
	assert.Equal(t, 0, ts.apiRequests())
	assert.Equal(t, 0, ts.tokenRequests())
}

// TestBadCallOptionsAreNamedWithTheRest: a bad id and a bad header of one call are one
// *ValidationError naming both, nothing sent.
func TestBadCallOptionsAreNamedWithTheRest(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.Organizations.Get(context.Background(), "not-a-guid", WithCallHeader("Authorization", "x"))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	assert.Equal(t, []string{"id", "header Authorization"}, fields)
	assert.Equal(t, 0, ts.apiRequests())
}
