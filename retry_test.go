package cloudmore

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statusSequence answers the listed statuses in order, then 200 with body.
func statusSequence(statuses []int, header http.Header, body string) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			for k, v := range header {
				w.Header()[k] = v
			}
			w.WriteHeader(statuses[i])
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}
}

// recordSleeps replaces the client's sleep with one that records the delays.
func recordSleeps(c *Client) *[]time.Duration {
	var mu sync.Mutex
	var got []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		got = append(got, d)
		mu.Unlock()
		return ctx.Err()
	}
	return &got
}

func orgsPath(t *testing.T, c *Client) string {
	p, err := c.brokerPath("Organizations")
	require.NoError(t, err)
	return p
}

func TestPOSTAnswered500IsSentOnce(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", statusSequence([]int{500, 500}, nil, ""))
	_, _, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, ts.apiRequests(), "a create must never be repeated after a 500")
}

func TestPOST503And502And504AreNotRetried(t *testing.T) {
	for _, status := range []int{502, 503, 504, 408} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", statusSequence([]int{status}, nil, ""))
		_, _, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, status, ae.StatusCode)
		assert.Equal(t, 1, ts.apiRequests(), "status %d", status)
	}
}

func TestGETAnswered503TwiceThenSucceeds(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{503, 503}, nil, `[{"id":"x"}]`))
	var out []map[string]string
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, &out)
	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	assert.Equal(t, 3, ts.apiRequests())
	assert.Equal(t, []map[string]string{{"id": "x"}}, out)
}

func TestIdempotentMethodsRetryEachRetryableStatus(t *testing.T) {
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			c, ts := setup(t)
			ts.Mux.HandleFunc(method+" /api/resellers/{rid}/Organizations", statusSequence([]int{status}, nil, `{}`))
			resp, err := c.call(context.Background(), method, orgsPath(t, c), nil, nil, nil)
			require.NoError(t, err, "%s %d", method, status)
			assert.Equal(t, 2, resp.Attempts, "%s %d", method, status)
		}
	}
}

func TestOtherClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 403, 404, 405, 409, 422} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{status, status}, nil, `[]`))
		_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
		require.Error(t, err)
		assert.Equal(t, 1, ts.apiRequests(), "status %d", status)
	}
}

func TestPOSTAnswered429IsRetriedHonouringRetryAfter(t *testing.T) {
	c, ts := setup(t)
	sleeps := recordSleeps(c)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", statusSequence([]int{429}, http.Header{"Retry-After": {"7"}}, ""))
	_, resp, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, []time.Duration{7 * time.Second}, *sleeps)
}

func TestRetryAfterAsHTTPDate(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	d, ok := parseRetryAfter(now.Add(90*time.Second).Format(http.TimeFormat), now)
	require.True(t, ok)
	assert.Equal(t, 90*time.Second, d)
	d, ok = parseRetryAfter(now.Add(-time.Hour).Format(http.TimeFormat), now)
	require.True(t, ok)
	assert.Zero(t, d, "a date in the past means now")
	_, ok = parseRetryAfter("soon", now)
	assert.False(t, ok)
	_, ok = parseRetryAfter("-3", now)
	assert.False(t, ok)
}

func TestRetryAfterLongerThanTheCapFailsWithTheDelay(t *testing.T) {
	c, ts := setup(t)
	sleeps := recordSleeps(c)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{503}, http.Header{"Retry-After": {"3600"}}, `[]`))
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, time.Hour, ae.RetryAfter)
	assert.Contains(t, err.Error(), "retry after 1h0m0s")
	assert.Equal(t, 1, ts.apiRequests())
	assert.Empty(t, *sleeps)
}

func TestRetriesStopAtMaxAttempts(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{500, 500, 500, 500, 500, 500}, nil, `[]`))
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 4, ts.apiRequests())
}

func TestNoRetriesPolicy(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithRetry(NoRetries()))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{503}, nil, `[]`))
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.Error(t, err)
	assert.Equal(t, 1, ts.apiRequests())
}

func TestCancellingTheContextEndsTheBackoffAtOnce(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithRetry(RetryPolicy{MaxAttempts: 4, BaseDelay: time.Hour, MaxDelay: time.Hour, MaxRetryAfter: time.Hour}))
	sleeping := make(chan struct{})
	c.sleep = func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		return sleepCtx(ctx, d) // the real sleep, of 50 minutes
	}
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{503}, http.Header{"Retry-After": {"3000"}}, `[]`))
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-sleeping // the client is in its backoff
		cancel()
	}()
	done := make(chan error, 1)
	go func() {
		_, err := c.get(ctx, orgsPath(t, c), nil, nil)
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorIs(t, err, ErrServer, "the cause of the wait is kept")
		assert.Contains(t, err.Error(), "gave up waiting 50m0s to retry")
	case <-time.After(10 * time.Second):
		t.Fatal("the backoff did not end when the context was cancelled")
	}
}

func TestFreshBodyOnEveryAttempt(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("PUT /api/resellers/{rid}/Organizations", statusSequence([]int{500, 502}, nil, `{}`))
	_, err := c.call(context.Background(), http.MethodPut, orgsPath(t, c), nil, map[string]string{"displayName": "New"}, nil)
	require.NoError(t, err)
	reqs := ts.requests()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		assert.JSONEq(t, `{"displayName":"New"}`, string(r.Body))
	}
}

// hijackAfterRequest answers the first n requests by closing the connection after reading
// the request, so the client has sent everything and gets nothing back.
func hijackAfterRequest(t *testing.T, n int32, then http.HandlerFunc) http.HandlerFunc {
	var seen atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= n {
			_, _ = io.ReadAll(r.Body)
			conn, _, err := w.(http.Hijacker).Hijack()
			if !assert.NoError(t, err) {
				return
			}
			conn.Close()
			return
		}
		then(w, r)
	}
}

func TestPOSTWithNoAnswerIsAnUnknownOutcome(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 5, nil))
	_, _, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var ue *UnknownOutcomeError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, http.MethodPost, ue.Method)
	assert.Contains(t, err.Error(), "may or may not have been carried out")
	assert.Equal(t, 1, ts.apiRequests(), "never repeated")
}

func TestGETWithNoAnswerIsRetried(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 1, okHandler))
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	// net/http may itself resend a GET on a reused connection; either way it was sent twice.
	assert.Equal(t, 2, ts.apiRequests())
}

// halfBody answers the first request with a 200 whose body breaks off.
func halfBody(t *testing.T, full string) http.HandlerFunc {
	var seen atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) == 1 {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if !assert.NoError(t, err) {
				return
			}
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + full[:len(full)/2])
			_ = buf.Flush()
			conn.Close()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, full)
	}
}

// TestGETWhoseBodyBreaksOffIsADecodeErrorNotRetried: a 2xx is an operation that happened,
// even for a GET (DESIGN's table): its broken answer is a *DecodeError, never read again.
func TestGETWhoseBodyBreaksOffIsADecodeErrorNotRetried(t *testing.T) {
	c, ts := setup(t)
	full := `[{"id":"a","name":"first"},{"id":"b","name":"second"}]`
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", halfBody(t, full))
	var out []map[string]string
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, &out)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, http.MethodGet, de.Method)
	assert.Equal(t, http.StatusOK, de.StatusCode)
	assert.Equal(t, full[:len(full)/2], de.Head)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Contains(t, err.Error(), "broke off")
	require.NotNil(t, resp)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, 1, ts.apiRequests())
}

func TestPOSTWhoseBodyBreaksOffIsNotRepeated(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", halfBody(t, `{"id":"0d2a6a4e-8b7b-4a0e-9d7c-5f2f8f7d1c11","name":"x"}`))
	_, _, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "the request succeeded (200 OK)")
	assert.Equal(t, 1, ts.apiRequests())
}

func TestUnreachableHostIsRetriedEvenForPOST(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close() // nothing listens here now: every dial fails, nothing is sent
	c, err := NewClient(WithBaseURL("http://"+addr), WithCredentials(testCreds), WithResellerID(testResellerID))
	require.NoError(t, err)
	c.sleep = func(ctx context.Context, d time.Duration) error { return nil }
	_, _, err = c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "a refused dial sent nothing: %v", err)
	assert.Equal(t, 4, c.tokenRequests(), "each attempt tried again")
}

func TestPreviousResponseIsDrainedSoTheConnectionIsReused(t *testing.T) {
	var conns atomic.Int32
	ts := &testServer{Mux: http.NewServeMux()}
	ts.Server = httptest.NewUnstartedServer(ts.Mux)
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Start()
	defer ts.Close()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"t","expires_in":3600}`)
	})
	var n atomic.Int32
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `<html><body>`+string(make([]byte, 4000))+`</body></html>`)
			return
		}
		okHandler(w, r)
	})
	c := ts.client(t)
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	assert.Equal(t, int32(1), conns.Load(), "token request and three attempts share one connection")
}

func TestBackoffIsBoundedFullJitter(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for n := 1; n <= 8; n++ {
		limit := min(time.Second, 100*time.Millisecond<<(n-1))
		for range 200 {
			d := p.backoff(n)
			require.GreaterOrEqual(t, d, time.Duration(0))
			require.LessOrEqual(t, d, limit, "attempt %d", n)
		}
	}
	assert.Zero(t, RetryPolicy{}.backoff(3))
}

func TestRetryPolicyValidation(t *testing.T) {
	for _, p := range []RetryPolicy{{MaxAttempts: -1}, {MaxAttempts: 2, BaseDelay: -1}, {MaxAttempts: 2, BaseDelay: time.Second, MaxDelay: time.Millisecond}} {
		_, err := NewClient(WithCredentials(testCreds), WithRetry(p))
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "WithRetry", ve.Field)
	}
}

func TestRetryPolicyZeroFieldsTakeDefaults(t *testing.T) {
	c, err := NewClient(WithCredentials(testCreds), WithRetry(RetryPolicy{MaxAttempts: 6}))
	require.NoError(t, err)
	want := DefaultRetryPolicy()
	want.MaxAttempts = 6
	assert.Equal(t, want, c.retry)
	c, err = NewClient(WithCredentials(testCreds), WithRetry(RetryPolicy{BaseDelay: time.Minute}))
	require.NoError(t, err)
	assert.Equal(t, time.Minute, c.retry.MaxDelay, "the cap is never below the base delay")
	assert.Equal(t, 4, c.retry.MaxAttempts)
}
