package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Test fixtures shared by every area's tests.
const (
	testResellerID   = "3c913dd6-f094-4bf7-9c71-e1716ae34d50"
	testClientSecret = "s3cr+t/with=odd&chars"
	testUsername     = "api@broker.example"
	testPassword     = "correct horse battery staple"
	testToken        = "test-access-token-1"
)

var testCreds = Credentials{ClientSecret: testClientSecret, Username: testUsername, Password: testPassword}

// testServer is an httptest server with Cloudmore's token endpoint and a mux for the API.
// API paths are registered on Mux with their full path ("/api/resellers/...").
type testServer struct {
	*httptest.Server
	Mux *http.ServeMux

	tokenCount atomic.Int32
	apiCount   atomic.Int32

	mu   sync.Mutex
	reqs []recordedRequest
}

// recordedRequest is what the server saw of one API request.
type recordedRequest struct {
	Method, Path, RawPath, Query, Auth string
	Body                               []byte
}

// newTestServer starts a server whose token endpoint grants testToken for 1 hour.
func newTestServer(t *testing.T) *testServer {
	t.Helper()
	ts := &testServer{Mux: http.NewServeMux()}
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"`+testToken+`","expires_in":3600,"token_type":"Bearer"}`)
	})
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/connect/token" {
			ts.apiCount.Add(1)
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			ts.mu.Lock()
			ts.reqs = append(ts.reqs, recordedRequest{Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(),
				Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"), Body: body})
			ts.mu.Unlock()
		}
		ts.Mux.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// client returns a client for the server with fast retries (no real sleeping).
func (ts *testServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(ts.URL), WithCredentials(testCreds), WithResellerID(testResellerID),
		WithRetry(RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxRetryAfter: time.Minute})}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	c.sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	return c
}

// setup is the usual start of an area test: a server and a client for it.
func setup(t *testing.T) (*Client, *testServer) {
	t.Helper()
	ts := newTestServer(t)
	return ts.client(t), ts
}

// requests returns the API requests the server saw, in order.
func (ts *testServer) requests() []recordedRequest {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]recordedRequest(nil), ts.reqs...)
}

// apiRequests is how many API (non-token) requests reached the server.
func (ts *testServer) apiRequests() int { return int(ts.apiCount.Load()) }

// tokenRequests is how many token requests reached the server.
func (ts *testServer) tokenRequests() int { return int(ts.tokenCount.Load()) }

// brokerPath is the full path of a broker operation for the test reseller.
func brokerPath(rest string) string { return "/api/resellers/" + testResellerID + "/" + rest }

// wantRequest asserts method, exact path, query and JSON body of a request on the wire.
// wantQuery is the decoded query (nil or empty for none); wantBody is JSON ("" for none).
func wantRequest(t *testing.T, r *http.Request, method, path string, wantQuery url.Values, wantBody string) {
	t.Helper()
	assert.Equal(t, method, r.Method, "method")
	assert.Equal(t, path, r.URL.EscapedPath(), "path")
	if len(wantQuery) == 0 {
		assert.Empty(t, r.URL.RawQuery, "query")
	} else {
		assert.Equal(t, wantQuery, r.URL.Query(), "query")
	}
	body, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	if wantBody == "" {
		assert.Empty(t, body, "body")
	} else {
		assert.JSONEq(t, wantBody, string(body), "body")
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	}
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
}

// fixture reads testdata/name.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// writeJSON answers with status and body (a string, []byte or a value to marshal).
func writeJSON(t *testing.T, w http.ResponseWriter, status int, body any) {
	t.Helper()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	switch b := body.(type) {
	case nil:
	case string:
		_, _ = io.WriteString(w, b)
	case []byte:
		_, _ = w.Write(b)
	default:
		assert.NoError(t, json.NewEncoder(w).Encode(b)) // not require: this runs in the server's goroutine
	}
}

// assertNoRequest asserts that err is a *ValidationError naming field and that nothing
// reached the server.
func assertNoRequest(t *testing.T, ts *testServer, err error, field string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, field, ve.Field, "field named by %v", err)
	assert.Zero(t, ts.apiRequests(), "no request may reach the server")
	assert.Zero(t, ts.tokenRequests(), "not even a token request")
}

// fixedIn is the number of ft's parameters before a trailing ...CallOption: the arguments a
// sweep by reflection gives (reflect's Call makes the empty variadic slice itself).
func fixedIn(ft reflect.Type) int {
	if ft.IsVariadic() && ft.In(ft.NumIn()-1).Elem() == reflect.TypeFor[CallOption]() {
		return ft.NumIn() - 1
	}
	return ft.NumIn()
}
