package cloudmore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how the client repeats a request that failed for a passing reason.
//
// What is retried (Cloudmore documents no rate limits, so this follows HTTP semantics). Each
// operation has its rule: by default a GET, PUT or DELETE is repeatable and a POST or PATCH is
// not; an operation whose repetition could act twice is not, whatever its method (metered
// usage submitted with PUT, whose records Cloudmore might add up: Broker.Consumption.Submit,
// Seller.Consumption.Submit); its doc comment says so.
//
//	condition                                  repeatable       not repeatable
//	                                           (GET/PUT/DELETE) (POST/PATCH, usage PUT)
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
// A context that ends while the client waits to retry (a backoff, a Retry-After, the rate
// limit) returns the last attempt's error and *Response, wrapped with the context's error:
// errors.As finds the *APIError and errors.Is matches both ErrRateLimited (or the status's
// sentinel) and context.Canceled or context.DeadlineExceeded. A wait that would pass the
// context's deadline is not slept toward: the call fails at once in the same way.
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
	// says how long the server asked for (a wait longer than a Duration holds, about 292
	// years, is clamped to that).
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

// validateAs checks a policy given through the option named option (WithRetry, WithCallRetry).
func (p RetryPolicy) validateAs(option string) error {
	switch {
	case p.MaxAttempts < 1:
		return invalid(option, "MaxAttempts must be at least 1 (1 turns retries off), got %d", p.MaxAttempts)
	case p.BaseDelay < 0 || p.MaxDelay < 0 || p.MaxRetryAfter < 0:
		return invalid(option, "delays must not be negative")
	case p.MaxDelay < p.BaseDelay:
		return invalid(option, "MaxDelay (%s) is shorter than BaseDelay (%s)", p.MaxDelay, p.BaseDelay)
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

// retryRule says when one operation may be sent again. It travels with the call into the
// attempt loop (callState.rule), which decides by it, never by the HTTP method; the method
// only gives the default (methodRule). The zero value is no rule: use methodRule.
type retryRule uint8

const (
	// repeatable: sending it twice has the effect of sending it once (GET, PUT and DELETE by
	// default). Retried after a request written without an answer, and after 408 and 5xx.
	repeatable retryRule = iota + 1
	// notOnceWritten: once the request reached the wire it is never sent again, since a
	// second one could act twice (POST and PATCH by default, and a PUT that adds rather than
	// replaces, such as metered usage). Written without an answer is an *UnknownOutcomeError;
	// 408 and 5xx are returned as they are. It is retried only when it provably reached
	// no server (a failed dial, no token), and after 429 (refused before processing).
	notOnceWritten
	// readOnlyPost: a POST that changes nothing (a read with a filter body), retried as a
	// repeatable call.
	readOnlyPost
)

// String names the rule as Operation.Retry does.
func (r retryRule) String() string {
	switch r {
	case repeatable:
		return "repeatable"
	case notOnceWritten:
		return "not once written"
	case readOnlyPost:
		return "read-only"
	}
	return "by method"
}

// methodRule is the retry rule of a call that states none: repeatable for GET, HEAD, PUT,
// DELETE and OPTIONS, notOnceWritten for the rest.
func methodRule(method string) retryRule {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return repeatable
	}
	return notOnceWritten
}

// repeatsOnceWritten reports whether a call under the rule may be sent again after it reached
// the wire (no answer, or 408 or 5xx).
func (r retryRule) repeatsOnceWritten() bool { return r != notOnceWritten }

// retryableStatus reports whether an answer with this status may be retried under the rule.
func retryableStatus(status int, rule retryRule) bool {
	switch status {
	case http.StatusTooManyRequests:
		return true // the request was refused before processing
	case http.StatusRequestTimeout, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return rule.repeatsOnceWritten()
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

// maxRetryAfter is the longest wait parseRetryAfter gives: the largest Duration in whole
// seconds (about 292 years), to which any longer Retry-After is clamped.
const maxRetryAfter = time.Duration(math.MaxInt64) / time.Second * time.Second

// parseRetryAfter reads a Retry-After header in seconds (digits only, RFC 9110's
// delay-seconds) or as an HTTP date. A wait longer than a Duration holds, of either form, is
// maxRetryAfter: it never overflows to a negative wait and is never ignored.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		secs, err := strconv.ParseUint(v, 10, 64)
		if err != nil || secs > uint64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true // only digits: err is a value out of range
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := min(t.Sub(now), maxRetryAfter) // Sub saturates instead of overflowing
		return max(d, 0), true
	}
	return 0, false
}

// pastDeadline refuses a wait of d that would outlast ctx's deadline, so that the client
// fails at once instead of sleeping toward it. It returns nil when ctx leaves time for d.
func pastDeadline(ctx context.Context, d time.Duration) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return fmt.Errorf("%w (the wait would pass the context's deadline)", context.DeadlineExceeded)
	}
	return nil
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
