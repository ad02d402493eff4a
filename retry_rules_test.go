package cloudmore

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longestRetryAfter is the largest Duration in whole seconds.
const longestRetryAfter = time.Duration(math.MaxInt64) / time.Second * time.Second

// TestRetryAfterOfAnySize: a Retry-After past the cap fails at once, with RetryAfter set to
// the stated wait or, past what a Duration holds, the largest one: never negative, never
// ignored, never retried.
func TestRetryAfterOfAnySize(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  time.Duration
	}{
		{"3600", time.Hour},
		{"9223372036", 9223372036 * time.Second}, // the largest that fits
		{"9223372037", longestRetryAfter},
		{"9300000000", longestRetryAfter},
		{"99999999999999999999", longestRetryAfter},
		{"Fri, 31 Dec 9999 23:59:59 GMT", longestRetryAfter},
	} {
		for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
			c, ts := setup(t)
			sleeps := recordSleeps(c)
			ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations",
				statusSequence([]int{status, status, status, status}, http.Header{"Retry-After": {tc.value}}, `[]`))
			resp, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
			var ae *APIError
			require.ErrorAs(t, err, &ae, "%s %d", tc.value, status)
			assert.Equal(t, status, ae.StatusCode)
			assert.Equal(t, tc.want, ae.RetryAfter, "Retry-After: %s", tc.value)
			assert.Equal(t, status == http.StatusTooManyRequests, errors.Is(err, ErrRateLimited))
			assert.Equal(t, 1, ts.apiRequests(), "Retry-After: %s is past the cap: not retried", tc.value)
			assert.Empty(t, *sleeps, "nothing waited for")
			require.NotNil(t, resp)
			assert.Equal(t, status, resp.StatusCode)
		}
	}
}

func TestParseRetryAfterNeverOverflows(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, v := range []string{"9223372037", "9300000000", "99999999999999999999", "18446744073709551616",
		"Fri, 31 Dec 9999 23:59:59 GMT"} {
		d, ok := parseRetryAfter(v, now)
		assert.True(t, ok, v)
		assert.Equal(t, longestRetryAfter, d, v)
	}
	for _, v := range []string{"-1", "+5", "1.5", "1e3", " ", "0x10"} {
		_, ok := parseRetryAfter(v, now)
		assert.False(t, ok, "%q is not delay-seconds", v)
	}
	d, ok := parseRetryAfter("0", now)
	assert.True(t, ok)
	assert.Zero(t, d)
}

// cancelDuringSleep makes the client's sleep cancel ctx and return its error, as a context
// that ends during the wait does.
func cancelDuringSleep(c *Client, cancel context.CancelFunc) *[]time.Duration {
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		cancel()
		<-ctx.Done()
		return ctx.Err()
	}
	return &waits
}

// TestContextEndingDuringAWaitKeepsTheError: the *APIError that caused the wait, its sentinel,
// the context's error and the last *Response all survive a context that ends while waiting.
func TestContextEndingDuringAWaitKeepsTheError(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		header   http.Header
		sentinel error
	}{
		{"429 Retry-After", http.StatusTooManyRequests, http.Header{"Retry-After": {"30"}}, ErrRateLimited},
		{"429 backoff", http.StatusTooManyRequests, nil, ErrRateLimited},
		{"503 Retry-After", http.StatusServiceUnavailable, http.Header{"Retry-After": {"30"}}, ErrServer},
		{"503 backoff", http.StatusServiceUnavailable, nil, ErrServer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			waits := cancelDuringSleep(c, cancel)
			ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{tc.status, tc.status}, tc.header, `[]`))
			resp, err := c.get(ctx, orgsPath(t, c), nil, nil)
			require.Error(t, err)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.ErrorIs(t, err, context.Canceled)
			require.NotNil(t, resp, "the last answer is returned")
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, 1, resp.Attempts)
			assert.Len(t, *waits, 1)
			assert.Equal(t, 1, ts.apiRequests())
			assert.NotContains(t, err.Error(), "\n", "one line")
		})
	}
}

// TestAWaitPastTheDeadlineFailsAtOnce: a Retry-After longer than what is left of the
// context's deadline is not slept toward: the call fails at once, keeping the error.
func TestAWaitPastTheDeadlineFailsAtOnce(t *testing.T) {
	c, ts := setup(t)
	sleeps := recordSleeps(c)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{429, 429}, http.Header{"Retry-After": {"40"}}, `[]`))
	resp, err := c.get(ctx, orgsPath(t, c), nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 40*time.Second, ae.RetryAfter)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Empty(t, *sleeps, "no sleep toward a deadline the wait would pass")
	assert.Equal(t, 1, ts.apiRequests())
	assert.NoError(t, ctx.Err(), "failed before the deadline")

	// A wait that ends before the deadline is waited for.
	c, ts = setup(t)
	sleeps = recordSleeps(c)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{429}, http.Header{"Retry-After": {"5"}}, `[]`))
	_, err = c.get(ctx, orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{5 * time.Second}, *sleeps)
}

// TestContextEndingWhileWaitingForTheRateLimitToRetryKeepsTheError: after a 429, the wait
// for the client's rate limit before the next attempt is part of waiting to retry.
func TestContextEndingWhileWaitingForTheRateLimitToRetryKeepsTheError(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithRateLimit(0.001, 1)) // one request, then one every 1000 s
	sleeps := recordSleeps(c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{429}, http.Header{"Retry-After": {"1"}}, `[]`))
	resp, err := c.get(ctx, orgsPath(t, c), nil, nil)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Len(t, *sleeps, 1)
	assert.Equal(t, 1, ts.apiRequests())
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestUnknownOutcomeJoinsTheContextError: UnknownOutcomeError.Err is the transport error
// joined with the context's error when the caller's context ended the wait, as its doc says;
// its text stays on one line.
func TestUnknownOutcomeJoinsTheContextError(t *testing.T) {
	ts := newTestServer(t)
	errReset := errors.New("connection reset by peer")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sent int
	c := ts.client(t, WithTransport(roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.Method == http.MethodPost && r.URL.Path != "/connect/token" {
			sent++
			cancel() // the caller gives up while the transport fails
			return nil, errReset
		}
		return http.DefaultTransport.RoundTrip(r)
	})))
	_, _, err := c.create(ctx, orgsPath(t, c), map[string]string{"name": "x"})
	var ue *UnknownOutcomeError
	require.ErrorAs(t, err, &ue)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, errReset, "the transport's error is kept")
	assert.NotContains(t, err.Error(), "\n", "one line")
	assert.Equal(t, 1, sent)
}

// consumptionSubmits are the metered-usage submissions: PUTs that are not sent again once
// written.
var consumptionSubmits = []struct {
	name, path string
	submit     func(context.Context, *Client) (*Response, error)
}{
	{"broker", "/api/resellers/" + testResellerID + "/services/consumptions", func(ctx context.Context, c *Client) (*Response, error) {
		return c.Broker.Consumption.Submit(ctx, &SubmitBrokerConsumptionsRequest{SubscriptionID: portalSubID, Quantity: Ptr(MustDecimal("3"))})
	}},
	{"seller", "/api/sellers/" + testSellerID + "/services/consumptions", func(ctx context.Context, c *Client) (*Response, error) {
		return c.Seller.Consumption.Submit(ctx, &SubmitSellerConsumptionsRequest{Extra: map[string]any{"subscriptionId": portalSubID,
			"quantity": MustDecimal("3")}})
	}},
}

// TestConsumptionSubmitWithNoAnswerIsSentOnce: metered usage that reached the wire and got
// no answer is never sent again (Cloudmore may add records up): an *UnknownOutcomeError.
func TestConsumptionSubmitWithNoAnswerIsSentOnce(t *testing.T) {
	for _, tc := range consumptionSubmits {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t, WithSellerID(testSellerID))
			ts.Mux.HandleFunc("PUT "+tc.path, hijackAfterRequest(t, 5, okHandler))
			resp, err := tc.submit(context.Background(), c)
			var ue *UnknownOutcomeError
			require.ErrorAs(t, err, &ue)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, http.MethodPut, ue.Method)
			assert.Equal(t, tc.path, ue.Path)
			assert.Nil(t, resp)
			reqs := ts.requests()
			require.Len(t, reqs, 1, "sent exactly once")
			assert.Equal(t, http.MethodPut, reqs[0].Method)
			assert.Equal(t, tc.path, reqs[0].Path)
			assert.JSONEq(t, `{"subscriptionId":"`+portalSubID+`","quantity":3}`, string(reqs[0].Body))
		})
	}
}

// TestConsumptionSubmitIsNotRetriedAfter5xx: an answer of 408 or 5xx to metered usage is not
// repeated (the server may have recorded it), as for a POST; a 429 is (it was refused).
func TestConsumptionSubmitIsNotRetriedAfter5xx(t *testing.T) {
	for _, tc := range consumptionSubmits {
		for _, status := range []int{408, 500, 502, 503, 504} {
			ts := newTestServer(t)
			c := ts.client(t, WithSellerID(testSellerID))
			ts.Mux.HandleFunc("PUT "+tc.path, statusSequence([]int{status, status}, nil, ``))
			resp, err := tc.submit(context.Background(), c)
			var ae *APIError
			require.ErrorAs(t, err, &ae, "%s %d", tc.name, status)
			assert.Equal(t, status, ae.StatusCode)
			require.NotNil(t, resp)
			assert.Equal(t, 1, resp.Attempts)
			assert.Equal(t, 1, ts.apiRequests(), "%s %d: not repeated", tc.name, status)
		}
		ts := newTestServer(t)
		c := ts.client(t, WithSellerID(testSellerID))
		ts.Mux.HandleFunc("PUT "+tc.path, statusSequence([]int{429}, nil, ``))
		resp, err := tc.submit(context.Background(), c)
		require.NoError(t, err, "%s: a 429 was refused before processing: retried", tc.name)
		assert.Equal(t, 2, resp.Attempts)
	}
}

// TestPUTWithNoAnswerIsRetried: a PUT that replaces (the default rule) is sent again after a
// connection dropped with the request written.
func TestPUTWithNoAnswerIsRetried(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("PUT /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 1, okHandler))
	resp, err := c.call(context.Background(), http.MethodPut, orgsPath(t, c), nil, map[string]string{"displayName": "New"}, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	reqs := ts.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, http.MethodPut, r.Method)
		assert.JSONEq(t, `{"displayName":"New"}`, string(r.Body))
	}
}

// TestRetryRuleDecidesNotTheMethod: the rule a call carries decides; the method only gives the
// default.
func TestRetryRuleDecidesNotTheMethod(t *testing.T) {
	assert.Equal(t, repeatable, methodRule(http.MethodGet))
	assert.Equal(t, repeatable, methodRule(http.MethodPut))
	assert.Equal(t, repeatable, methodRule(http.MethodDelete))
	assert.Equal(t, notOnceWritten, methodRule(http.MethodPost))
	assert.Equal(t, notOnceWritten, methodRule(http.MethodPatch))

	// A POST that only reads is retried after a dropped connection and after a 503.
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 1, statusSequence([]int{503}, nil, `{"n":1}`)))
	var out map[string]int
	resp, err := c.callRule(context.Background(), readOnlyPost, http.MethodPost, orgsPath(t, c), nil, map[string]string{"q": "x"}, &out)
	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	assert.Equal(t, map[string]int{"n": 1}, out)
	assert.Equal(t, 3, ts.apiRequests())

	// A PUT that is not repeatable once written is sent once.
	c, ts = setup(t)
	ts.Mux.HandleFunc("PUT /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 5, okHandler))
	_, err = c.callRule(context.Background(), notOnceWritten, http.MethodPut, orgsPath(t, c), nil, map[string]string{"q": "x"}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, ts.apiRequests())
}
