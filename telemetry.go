package cloudmore

import (
	"context"
	"strconv"
	"time"
)

// Telemetry receives, call by call, what the client does: each call of a service method (or
// of Do), each attempt it makes, and each wait between them. Give one with WithTelemetry; the
// module github.com/cloudmore-sdk/cloudmore-go/otel adapts it to OpenTelemetry (spans named by
// the operation, a child span per attempt, and metrics), so that neither this module nor its
// users' builds depend on OpenTelemetry unless they want it.
//
// Why an interface of the SDK's own rather than an http.RoundTripper such as otelhttp's: a
// transport sees one request at a time, named by a URL full of GUIDs, and cannot tell a retry
// from a new call, nor see the waits (the rate limit, Retry-After, backoff) between them. The
// client knows the declared operation, its template and every attempt, as azcore's tracing
// provider and smithy-go's tracing do.
//
// What it is told never holds a secret or a body: the operation's name and template, the
// method, the host, statuses, request ids, durations, and the SDK's errors (whose texts are
// already redacted). A Telemetry must be safe for concurrent use; its methods run on the
// calling goroutine and should return quickly.
type Telemetry interface {
	// StartCall is told of a call before anything is sent. The context it returns is the
	// call's from then on: every attempt's context (and so the transport's, an otelhttp
	// transport's span among them) derives from it. It must derive from ctx (or be ctx), so
	// that the caller's deadline and cancellation hold; nil keeps ctx.
	StartCall(ctx context.Context, call TelemetryCall) (context.Context, CallTelemetry)
}

// CallTelemetry hears one call, from its first attempt to its end. Its methods are called in
// order, never concurrently.
type CallTelemetry interface {
	// StartAttempt is told of attempt n (1, 2, ...; a 401 replay is an attempt too) just
	// before it is sent; ctx is the call's. The context it returns is the attempt's, which
	// the request is sent with; it must derive from ctx (the SDK's call state rides in it), or
	// the SDK sends the attempt with ctx instead. nil keeps ctx.
	StartAttempt(ctx context.Context, n int) context.Context
	// EndAttempt is told how the attempt ended; ctx is the one StartAttempt returned.
	EndAttempt(ctx context.Context, a TelemetryAttempt)
	// Wait is told of a wait the call made: for the client's rate limit before an attempt, or
	// before a retry (what Retry-After asked for, or the backoff).
	Wait(ctx context.Context, w TelemetryWait)
	// End is told how the call ended; ctx is the call's. Nothing follows it.
	End(ctx context.Context, r TelemetryResult)
}

// TelemetryCall names a call.
type TelemetryCall struct {
	// Operation is the declared operation, "Organizations.Get" (Operation.Name); a Poller's
	// PollUntilDone is named by its task's kind followed by ".PollUntilDone"
	// ("billing.MonthlyBillingPerOrganizationAsync.PollUntilDone": a call with no method of
	// its own, whose polls are its children); empty for a request sent with Do.
	Operation string
	// Method is the HTTP method.
	Method string
	// Template is the operation's Swagger path, "/api/resellers/{resellerId}/Organizations/{id}";
	// empty for a request sent with Do (its path may hold ids, so it is not a name).
	Template string
	// Host is the API's host name, and Port its port (0 for the scheme's default).
	Host string
	Port int
}

// TelemetryAttempt is how one attempt ended.
type TelemetryAttempt struct {
	// N is the attempt's number, from 1.
	N int
	// Status is the answer's HTTP status, 0 when none came.
	Status int
	// RequestID is the answer's request id, when it has one.
	RequestID string
	// Duration is from sending to the answer (or the failure).
	Duration time.Duration
	// Err is the attempt's error, nil for a success.
	Err error
}

// WaitKind says what a call waited for.
type WaitKind string

// The kinds of wait.
const (
	WaitRateLimit  WaitKind = "rate_limit"  // the client's own rate limit (WithRateLimit)
	WaitRetryAfter WaitKind = "retry_after" // the server's Retry-After
	WaitBackoff    WaitKind = "backoff"     // the retry policy's backoff
	WaitPoll       WaitKind = "poll"        // a Poller's interval between two polls
)

// TelemetryWait is one wait of a call.
type TelemetryWait struct {
	// Kind is what was waited for.
	Kind WaitKind
	// Duration is how long the call waited (for a rate limit, as measured; before a retry,
	// as planned).
	Duration time.Duration
}

// TelemetryResult is how a call ended.
type TelemetryResult struct {
	// Attempts is how many attempts were sent.
	Attempts int
	// Status is the last answer's HTTP status, 0 when none came.
	Status int
	// Err is the call's error, nil for a success.
	Err error
}

// WithTelemetry reports every call, attempt and wait of the client to t (see Telemetry). A
// client without one pays nothing for it.
func WithTelemetry(t Telemetry) Option {
	return func(cfg *config) error {
		if t == nil {
			return invalid("WithTelemetry", "nil Telemetry")
		}
		cfg.telemetry = t
		return nil
	}
}

// telemetryCall names a call to the client's API host.
func (c *Client) telemetryCall(operation, method, template string) TelemetryCall {
	info := TelemetryCall{Operation: operation, Method: method, Template: template, Host: c.baseURL.Hostname()}
	if p, err := strconv.Atoi(c.baseURL.Port()); err == nil {
		info.Port = p
	}
	return info
}

// startCallTelemetry tells the client's Telemetry that the call of st starts, and makes the
// context it returns the call's. nil when the client has none.
func (c *Client) startCallTelemetry(st *callState, method string) CallTelemetry {
	if c.telemetry == nil {
		return nil
	}
	info := c.telemetryCall("", method, "")
	if st.op != nil {
		info.Operation, info.Template = st.op.name, st.op.template
	}
	ctx, call := c.telemetry.StartCall(st.Context, info)
	if call == nil {
		return nil
	}
	if ctx != nil {
		st.Context = ctx // before any attempt: nothing reads it concurrently yet
	}
	return call
}
