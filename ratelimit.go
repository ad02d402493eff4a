package cloudmore

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// WithRateLimit limits the client to r requests per second with bursts of up to burst
// requests, shared by every goroutine that uses the client and by its ForReseller and
// ForSeller copies. Every attempt waits for its turn (retries and the 401 replay included),
// bounded by the caller's context: a call whose context ends while it waits sent nothing
// and fails with the context's error. Cloudmore documents no rate limit; use this when you
// know the one your account has, and WithAdaptiveRateLimit when you do not.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(cfg *config) error {
		if r <= 0 || math.IsNaN(float64(r)) {
			return invalid("WithRateLimit", "the rate must be positive, got %v", float64(r))
		}
		if burst < 1 {
			return invalid("WithRateLimit", "burst must be at least 1, got %d", burst)
		}
		cfg.limiter = &rateLimiter{lim: rate.NewLimiter(r, burst)}
		return nil
	}
}

// AdaptiveRateLimit configures WithAdaptiveRateLimit. The zero value is a sound default.
type AdaptiveRateLimit struct {
	// MaxRate caps the rate in requests per second; 0 means no cap (the client sends as fast
	// as its callers ask until Cloudmore first answers 429).
	MaxRate rate.Limit
	// MinRate is the floor the rate never goes below; 0 means 0.5 requests per second.
	MinRate rate.Limit
	// Burst is how many requests may go at once when the limit allows; 0 means 1, which
	// spreads the requests of many goroutines evenly.
	Burst int
}

// WithAdaptiveRateLimit gives the client a rate limit that finds Cloudmore's: it sends
// freely (up to MaxRate, if set) until an answer is 429 Too Many Requests, then lowers its
// rate multiplicatively and raises it again gradually while answers succeed, so that every
// goroutine of the client slows down together instead of each retrying into its own 429s.
// The limit is shared by the client's ForReseller and ForSeller copies, and waited for
// before every attempt, as with WithRateLimit.
//
// It follows aws-sdk-go-v2's adaptive retry mode (a CUBIC congestion controller on a token
// bucket): after a 429 the rate is beta times the rate that was throttled, and it grows back
// along a cubic curve that is flat near that rate and steep away from it, never above twice
// the rate the client actually sends. It differs in three ways, each for throughput under
// concurrency: beta is 0.8 (aws: 0.7); the 429s of requests sent before the last decrease
// do not lower the rate again (as TCP counts one loss per window; with 64 requests in
// flight aws's rule would cut the rate 64 times for one overshoot); and the measured rate
// is of answers that were not 429.
func WithAdaptiveRateLimit(a AdaptiveRateLimit) Option {
	return func(cfg *config) error {
		if a.MaxRate < 0 || a.MinRate < 0 || a.Burst < 0 || math.IsNaN(float64(a.MaxRate)) || math.IsNaN(float64(a.MinRate)) {
			return invalid("WithAdaptiveRateLimit", "rates and burst must not be negative")
		}
		if a.MinRate == 0 {
			a.MinRate = 0.5
		}
		if a.MaxRate == 0 {
			a.MaxRate = rate.Inf
		}
		if a.MaxRate < a.MinRate {
			return invalid("WithAdaptiveRateLimit", "MaxRate (%v) is below MinRate (%v)", float64(a.MaxRate), float64(a.MinRate))
		}
		if a.Burst == 0 {
			a.Burst = 1
		}
		cfg.limiter = newAdaptiveLimiter(a, time.Now)
		return nil
	}
}

// rateLimiter is the client's shared limit: a token bucket, fixed or adaptive.
type rateLimiter struct {
	lim *rate.Limiter
	ad  *adaptive // nil for a fixed limit
}

// wait blocks until the next attempt may be sent, or ctx ends.
func (l *rateLimiter) wait(ctx context.Context) error {
	if l.ad != nil && !l.ad.engaged() {
		return ctx.Err()
	}
	err := l.lim.Wait(ctx)
	if err != nil && ctx.Err() == nil {
		// rate.Limiter refuses at once a wait that would outlast the context's deadline.
		return fmt.Errorf("%w (the client's rate limit would wait past the context's deadline)", context.DeadlineExceeded)
	}
	if err != nil {
		return ctx.Err()
	}
	return nil
}

// observe tells the limit how an attempt sent at sent was answered (throttled: 429).
func (l *rateLimiter) observe(throttled bool, sent time.Time) {
	if l.ad != nil {
		l.ad.observe(throttled, sent)
	}
}

// current is the current limit in requests per second (rate.Inf while the adaptive limit has not
// engaged).
func (l *rateLimiter) current() rate.Limit {
	if l.ad != nil && !l.ad.engaged() {
		return rate.Inf
	}
	return l.lim.Limit()
}

// The adaptive limit's constants. scale is aws's (0.4), beta is 0.8 (aws 0.7); the rate is
// measured in half-second buckets smoothed with 0.8, as aws does.
const (
	adaptiveBeta   = 0.8
	adaptiveScale  = 0.4
	adaptiveSmooth = 0.8
	adaptiveBucket = 0.5 // seconds
)

// adaptive is the state of an adaptive limit.
type adaptive struct {
	lim      *rate.Limiter
	min, max float64
	now      func() time.Time
	start    time.Time

	mu           sync.Mutex
	on           bool // the bucket limits only after the first 429 (aws: tokenBucketEnabled)
	lastMax      float64
	lastThrottle time.Time
	window       float64 // the cubic's K: seconds from a decrease back to lastMax
	measured     float64 // smoothed rate of answers, per second
	bucketStart  float64 // seconds since start at which the current bucket began
	count        int     // answers in the current bucket
	total        int     // answers since start, for a first estimate
}

func newAdaptiveLimiter(a AdaptiveRateLimit, now func() time.Time) *rateLimiter {
	lim := rate.NewLimiter(a.MaxRate, a.Burst)
	return &rateLimiter{lim: lim, ad: &adaptive{lim: lim, min: float64(a.MinRate), max: float64(a.MaxRate), now: now, start: now()}}
}

func (a *adaptive) engaged() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.on || !math.IsInf(a.max, 1)
}

func (a *adaptive) observe(throttled bool, sent time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	t := now.Sub(a.start).Seconds()
	a.count++
	a.total++
	if b := math.Floor(t/adaptiveBucket) * adaptiveBucket; b > a.bucketStart {
		cur := float64(a.count) / (b - a.bucketStart)
		if a.measured == 0 {
			a.measured = cur
		} else {
			a.measured = cur*adaptiveSmooth + a.measured*(1-adaptiveSmooth)
		}
		a.count, a.bucketStart = 0, b
	}
	measured := a.measured
	if measured == 0 && t > 0 {
		measured = float64(a.total) / t // no whole bucket yet
	}
	var next float64
	if throttled {
		if a.on && sent.Before(a.lastThrottle) {
			return // sent at the old rate, before the last decrease: already counted
		}
		current := measured // before the first 429: how fast the client was sending
		if a.on {
			// The rate the limit allowed: the client may have sent less on average (callers
			// sleeping out a Retry-After), but it was throttled at what the limit let through.
			current = float64(a.lim.Limit())
		}
		a.lastMax = max(current, a.min)
		a.window = math.Cbrt(a.lastMax * (1 - adaptiveBeta) / adaptiveScale)
		a.lastThrottle = now
		a.on = true
		next = a.lastMax * adaptiveBeta
	} else {
		if !a.on {
			return
		}
		dt := now.Sub(a.lastThrottle).Seconds()
		next = adaptiveScale*math.Pow(dt-a.window, 3) + a.lastMax
		if measured > 0 {
			next = min(next, 2*measured)
		}
	}
	next = min(max(next, a.min), a.max)
	a.lim.SetLimitAt(now, rate.Limit(next))
}
