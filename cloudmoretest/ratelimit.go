package cloudmoretest

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"
)

// SetRateLimit limits the fake's API to r requests per second with bursts of up to burst
// requests, from now on, like a gateway's token bucket: a request that finds the bucket empty
// is answered 429 Too Many Requests with a Retry-After header (whole seconds until the next
// token, at least 1) and is not handled. r <= 0 turns the limit off; burst < 1 means 1. The
// limit counts every API request from every client, before authentication and scripted
// faults; the token endpoint is not limited. Cloudmore documents no rate limit of its own:
// this knob is for testing how code behaves under throttling (Options.RateLimit sets it
// from the start).
func (s *Server) SetRateLimit(r float64, burst int) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	if r <= 0 || math.IsNaN(r) {
		s.limiter = nil
		return
	}
	s.limiter = rate.NewLimiter(rate.Limit(r), max(burst, 1))
}

// RateLimited returns how many requests the rate limit has answered 429 so far.
func (s *Server) RateLimited() int {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.throttled
}

// throttle reports whether the rate limit refuses r, and the Retry-After to send. Called with
// ctl held.
func (s *Server) throttle(now time.Time) (string, bool) {
	if s.limiter == nil {
		return "", false
	}
	res := s.limiter.ReserveN(now, 1)
	d := res.DelayFrom(now)
	if d == 0 {
		return "", false
	}
	res.CancelAt(now)
	s.throttled++
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds())))), true
}

// writeThrottled answers 429 with Retry-After.
func writeThrottled(w http.ResponseWriter, retryAfter string) {
	Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter,
		Body: `[{"errorCode":429,"errorName":"TooManyRequests","errorMessage":"Rate limit exceeded: retry after ` + retryAfter + ` s"}]`}.write(w)
}
