package cloudmoretest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// TestRateLimitKnobAnswers429WithRetryAfter: past its burst, the limited fake answers 429 with
// Retry-After and does not handle the request; the token endpoint is not limited.
func TestRateLimitKnobAnswers429WithRetryAfter(t *testing.T) {
	a := newAPI(t, func(o *cloudmoretest.Options) { o.RateLimit, o.RateBurst = 0.01, 2 })
	a.getToken()
	for i := range 2 {
		resp, _ := a.do(http.MethodGet, "Organizations", nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, "request %d is within the burst", i)
	}
	resp, body := a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, "100", resp.Header.Get("Retry-After"), "one token per 100 s")
	assert.Contains(t, string(body), "TooManyRequests")
	assert.Equal(t, 1, a.srv.RateLimited())
	a.getToken() // not limited

	a.srv.SetRateLimit(0, 0) // off
	resp, _ = a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	a.srv.SetRateLimit(1000, 1)
	resp, _ = a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestReadyClientRetriesFast: the ready client backs off in milliseconds, so three scripted
// 503s cost nothing noticeable (the production policy would wait about 1.75 s on average).
func TestReadyClientRetriesFast(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations",
		cloudmoretest.Fault{Status: 503}, cloudmoretest.Fault{Status: 503}, cloudmoretest.Fault{Status: 503})
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	_, resp, err := srv.Client().Organizations.List(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 4, resp.Attempts)

	// Production backoff on request: the first wait alone is up to 500 ms.
	srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations", cloudmoretest.Fault{Status: 503})
	c := srv.Client(cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()), cloudmore.WithRetry(cloudmore.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Hour}))
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	_, _, err = c.Organizations.List(ctx2, nil)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "a user's policy overrides the fast default: %v", err)
}

// TestAdaptiveClientStaysUnderTheFakesLimit: with an adaptive limit, a burst of calls against
// the limited fake all succeed.
func TestAdaptiveClientStaysUnderTheFakesLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of throttled traffic")
	}
	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.RateLimit, o.RateBurst = 200, 10 })
	c := srv.Client(cloudmore.WithAdaptiveRateLimit(cloudmore.AdaptiveRateLimit{}))
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			var err error
			for range 25 {
				if _, _, err = c.Organizations.List(context.Background(), nil); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range 16 {
		require.NoError(t, <-errs)
	}
	t.Logf("429s: %d of %d requests", srv.RateLimited(), len(srv.Requests()))
}
