package cloudmore

import (
	"context"
	"crypto/tls"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how the client repeats a request that failed for a passing reason.
//
// What is retried (Cloudmore documents no rate limits, so this follows HTTP semantics):
//
//	condition                                  GET/PUT/DELETE   POST/PATCH
//	nothing reached the wire (dial, DNS,       retry            retry
//	  waiting for a connection, no token)
//	the request was written, no answer         retry            no: *UnknownOutcomeError
//	401                                        new token, replay once (both)
//	429                                        retry, honouring Retry-After (both)
//	408, 500, 502, 503, 504                    retry            no
//	any other status; a redirect of a write    no               no
//	2xx whose body cannot be read or decoded   no: *DecodeError (it happened)
//
// "Was it sent?" is read from the wire (net/http/httptrace: were the headers written?), not
// guessed from the error's type. A caller's context that ends while the request waits (for
// the rate limit, a token or a connection) is a plain context error: nothing was sent. A
// POST that creates something is never repeated unless Cloudmore provably did not process
// it, so a retry can never duplicate an order. The 401 replay is an attempt like the others
// (counted in Response.Attempts and logged) but does not count against MaxAttempts.
//
// A zero field takes its default (DefaultRetryPolicy), so RetryPolicy{MaxAttempts: 6} means
// six attempts with the default delays.
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, the first included. 1 turns retries off.
	MaxAttempts int
	// BaseDelay is the backoff before the second attempt; it doubles each time, with full jitter.
	BaseDelay time.Duration
	// MaxDelay caps one backoff delay.
	MaxDelay time.Duration
	// MaxRetryAfter caps how long the client waits when the server sends Retry-After. A longer
	// Retry-After is not waited for: the call fails at once with an *APIError whose RetryAfter
	// says how long the server asked for.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy is 4 attempts, 500 ms base delay, 30 s cap, Retry-After honoured up to 60 s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: 500 * time.Millisecond, MaxDelay: 30 * time.Second, MaxRetryAfter: time.Minute}
}

// NoRetries is a policy of exactly one attempt (the 401 token replay still happens).
func NoRetries() RetryPolicy {
	p := DefaultRetryPolicy()
	p.MaxAttempts = 1
	return p
}

// withDefaults fills the zero fields from DefaultRetryPolicy.
func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts == 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = max(d.MaxDelay, p.BaseDelay)
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	return p
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxAttempts < 1:
		return invalid("WithRetry", "MaxAttempts must be at least 1 (1 turns retries off), got %d", p.MaxAttempts)
	case p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0:
		return invalid("WithRetry", "delays must not be negative")
	case p.MaxDelay < p.BaseDelay:
		return invalid("WithRetry", "MaxDelay (%s) is shorter than BaseDelay (%s)", p.MaxDelay, p.BaseDelay)
	}
	return nil
}

// backoff is the full-jitter delay before attempt n+1 (n counts from 1): a random duration in
// [0, min(MaxDelay, BaseDelay*2^(n-1))].
func (p RetryPolicy) backoff(n int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d *= 2
	}
	if d > p.MaxDelay {
		d = p.MaxDelay
	}
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// idempotent reports whether repeating the method cannot change the outcome.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// retryableStatus reports whether an answer with this status may be retried for the method.
func retryableStatus(status int, method string) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true // the request was refused before processing
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent(method)
	}
	return false
}

// notSent reports whether a transport error proves that no byte of the request reached
// the server: a failed dial or name lookup, or a token that could not be obtained. It is the
// fallback for transports that do not report to net/http/httptrace.
func notSent(err error) bool {
	var te *tokenError
	if errors.As(err, &te) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return false
}

// permanentTransportError reports errors that a retry cannot fix (bad certificates).
func permanentTransportError(err error) bool {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return true
	}
	var recErr tls.RecordHeaderError
	if errors.As(err, &recErr) {
		return true // plain http spoken to a TLS port or the reverse
	}
	return strings.Contains(err.Error(), "x509:")
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// sleepCtx waits for d or until ctx is done, whichever comes first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
