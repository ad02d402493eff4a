package cloudmore

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/time/rate"
)

// TestRateLimitIsSharedByCopiesOfTheClient: ForReseller and ForSeller copies wait in the same
// bucket; a call whose context ends before its turn sends nothing.
func TestRateLimitIsSharedByCopiesOfTheClient(t *testing.T) {
	c, ts := setup(t)
	c2 := ts.client(t, WithRateLimit(0.01, 1)) // one request per 100 s
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", okHandler)
	other, err := c2.ForReseller("d0b55801-6cac-4221-a911-0712e78615c7")
	require.NoError(t, err)
	seller, err := c2.ForSeller("a57a8428-80e6-4666-b549-c39873eef2ea")
	require.NoError(t, err)
	assert.Same(t, c2.limiter, other.limiter)
	assert.Same(t, c2.limiter, seller.limiter)
	assert.Nil(t, c.limiter, "no limit unless asked for")

	_, err = c2.get(context.Background(), orgsPath(t, c2), nil, nil)
	require.NoError(t, err, "the burst lets the first request through")
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err = other.get(ctx, brokerPath("Organizations"), nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the copy waits in the same bucket")
	assert.False(t, errors.Is(err, ErrOutcomeUnknown))
	assert.Contains(t, err.Error(), "rate limit")
	assert.Equal(t, 1, ts.apiRequests(), "nothing was sent for the second call")
}

// TestRateLimitIsWaitedForBeforeEveryAttempt: a retry waits for its turn as the first
// attempt did.
func TestRateLimitIsWaitedForBeforeEveryAttempt(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithRateLimit(0.01, 1))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{503}, nil, `[]`))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.get(ctx, orgsPath(t, c), nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, ts.apiRequests(), "the retry waited for the limit, and the context ended first")
}

func TestRateLimitOptionsAreChecked(t *testing.T) {
	for _, o := range []Option{WithRateLimit(0, 1), WithRateLimit(10, 0), WithRateLimit(-1, 1),
		WithAdaptiveRateLimit(AdaptiveRateLimit{MaxRate: -1}), WithAdaptiveRateLimit(AdaptiveRateLimit{MaxRate: 1, MinRate: 2})} {
		_, err := NewClient(WithCredentials(testCreds), o)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
	}
}

// TestAdaptiveLimitLowersOn429AndRecovers: the adaptive limit sends freely until a 429, then
// cuts its rate to beta times the throttled rate, ignores the 429s of requests queued before
// that cut, and grows back along the cubic curve while answers succeed.
func TestAdaptiveLimitLowersOn429AndRecovers(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := newAdaptiveLimiter(AdaptiveRateLimit{MaxRate: rate.Inf, MinRate: 0.5, Burst: 1}, clock)
	assert.Equal(t, rate.Inf, l.current(), "no limit before the first 429")
	// 100 answers a second for 3 s.
	for range 300 {
		now = now.Add(10 * time.Millisecond)
		l.observe(false, now)
	}
	assert.Equal(t, rate.Inf, l.current())
	queued := now
	now = now.Add(time.Millisecond)
	l.observe(true, queued)
	first := float64(l.current())
	assert.InDelta(t, 0.8*100, first, 5, "multiplicative decrease from the measured rate")
	l.observe(true, queued) // queued before the cut: already counted
	assert.Equal(t, first, float64(l.current()))
	now = now.Add(time.Millisecond)
	l.observe(true, now) // queued after the cut: the rate is still too high
	second := float64(l.current())
	assert.InDelta(t, 0.8*first, second, 0.5)

	// Successes at the allowed rate: the rate grows back gradually, past the old one in time.
	var rates []float64
	for range 20 {
		for range 50 {
			now = now.Add(time.Duration(float64(time.Second) / max(float64(l.current()), 1)))
			l.observe(false, now)
		}
		rates = append(rates, float64(l.current()))
	}
	for i := 1; i < len(rates); i++ {
		assert.GreaterOrEqual(t, rates[i], rates[i-1]-0.01, "it never falls without a 429: %v", rates)
	}
	assert.Greater(t, rates[len(rates)-1], first, "it recovers past the first cut: %v", rates)
	assert.Less(t, rates[0], first, "gradually: %v", rates)
}

// TestAdaptiveLimitHonoursMaxRate: with MaxRate the bucket limits from the start.
func TestAdaptiveLimitHonoursMaxRate(t *testing.T) {
	l := newAdaptiveLimiter(AdaptiveRateLimit{MaxRate: 5, MinRate: 0.5, Burst: 1}, time.Now)
	assert.Equal(t, rate.Limit(5), l.current())
	for range 100 {
		l.observe(false, time.Now())
	}
	assert.LessOrEqual(t, float64(l.current()), 5.0)
}

// TestAdaptiveLimitSeesEvery429: the attempt loop reports each answer to the limit.
func TestAdaptiveLimitSeesEvery429(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithAdaptiveRateLimit(AdaptiveRateLimit{}))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", statusSequence([]int{http.StatusTooManyRequests}, nil, `[]`))
	assert.Equal(t, rate.Inf, c.limiter.current())
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.NotEqual(t, rate.Inf, c.limiter.current(), "the 429 engaged the limit")
}
