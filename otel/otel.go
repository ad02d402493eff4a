// Package cloudmoreotel reports the calls of a cloudmore client to OpenTelemetry: a span per
// call named by the operation, a child span per attempt, the waits between them as events,
// and metrics by operation.
//
//	tel, err := cloudmoreotel.New() // the global TracerProvider and MeterProvider
//	if err != nil { ... }
//	client, err := cloudmore.NewClient(..., cloudmore.WithTelemetry(tel))
//
// It is a module of its own, so that the SDK and the programs that do not want OpenTelemetry
// never download it.
//
// # Spans
//
// A call of a service method (or of Client.Do) is one span of kind client, named by its
// declared operation, "Organizations.List" (a name per operation, never per URL: a path holds
// GUIDs), or "HTTP GET" for a request sent with Do. Its attributes follow OpenTelemetry's
// semantic conventions for HTTP clients: http.request.method, url.template (the operation's
// Swagger path, "/api/resellers/{resellerId}/Organizations"), server.address, server.port
// (when the base URL names one), http.response.status_code (the last answer's) and error.type
// (when the call failed); and cloudmore.operation and cloudmore.attempts.
//
// Each attempt (a retry, or the replay after a 401, is an attempt too) is a child span,
// "Organizations.List attempt", with http.request.resend_count from the second attempt on,
// http.response.status_code, cloudmore.request_id (the answer's request id) and error.type.
// Every wait of the call (the client's rate limit, a Retry-After, a backoff, a poll interval)
// is an event "wait" on the call's span, with cloudmore.wait.kind and cloudmore.wait.duration
// in seconds.
//
// A failed call or attempt has the status Error, described by its error.type only: an
// error's text may quote the answer's body (an APIError's message, a DecodeError's first
// bytes), and this package reports no body, as it reports no secret.
//
// # Metrics
//
// All of them carry cloudmore.operation (for a declared operation), http.request.method,
// url.template (when there is one), server.address and server.port (when set):
//
//   - http.client.request.duration (s), the semantic conventions' histogram, per attempt,
//     with http.response.status_code and error.type;
//   - cloudmore.client.call.duration (s), per call, from its start to its end, waits and
//     retries included, with the last http.response.status_code and error.type;
//   - cloudmore.client.attempts, a counter of the attempts sent, added per call with the
//     same attributes as the call's duration (its ratio to the calls is the retry rate);
//   - cloudmore.client.throttled, a counter of the 429 Too Many Requests answers;
//   - cloudmore.client.wait.duration (s), a histogram of the waits, with cloudmore.wait.kind.
//
// # error.type
//
// The status code ("404", "503") when an answer with an error status came; else the SDK's
// error type ("cloudmore.UnknownOutcomeError", "cloudmore.AuthError",
// "cloudmore.DecodeError", "cloudmore.RedirectError", ...), "context.DeadlineExceeded" or
// "context.Canceled", and otherwise the Go type of the cause below fmt's wrappers
// ("net.OpError").
package cloudmoreotel

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/semconv/v1.43.0/httpconv"
	"go.opentelemetry.io/otel/trace"

	"github.com/cloudmore-sdk/cloudmore-go"
)

// ScopeName is the instrumentation scope of the tracer and the meter this package uses.
const ScopeName = "github.com/cloudmore-sdk/cloudmore-go/otel"

// The attributes of this package's own (the others are the semantic conventions').
const (
	// AttrOperation is the declared operation, "Organizations.List".
	AttrOperation = attribute.Key("cloudmore.operation")
	// AttrAttempts is how many attempts a call sent.
	AttrAttempts = attribute.Key("cloudmore.attempts")
	// AttrRequestID is the request id of an attempt's answer.
	AttrRequestID = attribute.Key("cloudmore.request_id")
	// AttrWaitKind is what a wait was for: rate_limit, retry_after, backoff or poll.
	AttrWaitKind = attribute.Key("cloudmore.wait.kind")
	// AttrWaitDuration is how long a wait lasted, in seconds.
	AttrWaitDuration = attribute.Key("cloudmore.wait.duration")
)

// The names of the metrics of this package's own (the per-attempt one is the semantic
// conventions' http.client.request.duration).
const (
	MetricCallDuration = "cloudmore.client.call.duration"
	MetricAttempts     = "cloudmore.client.attempts"
	MetricThrottled    = "cloudmore.client.throttled"
	MetricWaitDuration = "cloudmore.client.wait.duration"
)

// durationBuckets are the semantic conventions' HTTP duration buckets, with room above 10 s
// for calls that retry and wait (a Retry-After is honoured up to a minute by default).
var durationBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120}

// Option configures New.
type Option func(*config) error

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider makes spans with tp instead of the global TracerProvider.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) error {
		if tp == nil {
			return errors.New("cloudmoreotel: WithTracerProvider: nil TracerProvider")
		}
		c.tp = tp
		return nil
	}
}

// WithMeterProvider records metrics with mp instead of the global MeterProvider.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) error {
		if mp == nil {
			return errors.New("cloudmoreotel: WithMeterProvider: nil MeterProvider")
		}
		c.mp = mp
		return nil
	}
}

// New returns a cloudmore.Telemetry that reports to OpenTelemetry, for
// cloudmore.WithTelemetry. Without options it uses the global TracerProvider and
// MeterProvider (otel.GetTracerProvider, otel.GetMeterProvider), which follow a provider set
// later with otel.SetTracerProvider. It fails only on a nil provider or when the meter
// refuses an instrument.
func New(opts ...Option) (cloudmore.Telemetry, error) {
	cfg := config{tp: otel.GetTracerProvider(), mp: otel.GetMeterProvider()}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	t := &telemetry{tracer: cfg.tp.Tracer(ScopeName,
		trace.WithInstrumentationVersion(cloudmore.Version), trace.WithSchemaURL(semconv.SchemaURL))}
	m := cfg.mp.Meter(ScopeName, metric.WithInstrumentationVersion(cloudmore.Version), metric.WithSchemaURL(semconv.SchemaURL))
	reqDur, err := httpconv.NewClientRequestDuration(m)
	t.requestDuration = reqDur.Inst()
	errs := []error{err}
	t.callDuration, err = m.Float64Histogram(MetricCallDuration, metric.WithUnit("s"),
		metric.WithDescription("Duration of the client's calls, from the first attempt to the end, waits and retries included."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	errs = append(errs, err)
	t.attempts, err = m.Int64Counter(MetricAttempts, metric.WithUnit("{attempt}"),
		metric.WithDescription("Attempts the client's calls sent (retries and 401 replays included)."))
	errs = append(errs, err)
	t.throttled, err = m.Int64Counter(MetricThrottled, metric.WithUnit("{response}"),
		metric.WithDescription("429 Too Many Requests answers the client received."))
	errs = append(errs, err)
	t.waitDuration, err = m.Float64Histogram(MetricWaitDuration, metric.WithUnit("s"),
		metric.WithDescription("Waits of the client's calls: its rate limit, Retry-After, backoff and poll intervals."),
		metric.WithExplicitBucketBoundaries(durationBuckets...))
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return t, nil
}

// telemetry is the cloudmore.Telemetry New returns.
type telemetry struct {
	tracer          trace.Tracer
	requestDuration metric.Float64Histogram
	callDuration    metric.Float64Histogram
	attempts        metric.Int64Counter
	throttled       metric.Int64Counter
	waitDuration    metric.Float64Histogram
}

// StartCall starts the call's span and makes it the context's.
func (t *telemetry) StartCall(ctx context.Context, info cloudmore.TelemetryCall) (context.Context, cloudmore.CallTelemetry) {
	name := info.Operation
	if name == "" {
		name = "HTTP " + info.Method
	}
	attrs := make([]attribute.KeyValue, 0, 8)
	if info.Operation != "" {
		attrs = append(attrs, AttrOperation.String(info.Operation))
	}
	attrs = append(attrs, semconv.HTTPRequestMethodKey.String(info.Method))
	if info.Template != "" {
		attrs = append(attrs, semconv.URLTemplate(info.Template))
	}
	if info.Host != "" {
		attrs = append(attrs, semconv.ServerAddress(info.Host))
	}
	if info.Port != 0 {
		attrs = append(attrs, semconv.ServerPort(info.Port))
	}
	ctx, span := t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	return ctx, &call{t: t, name: name, span: span, attrs: attrs[:len(attrs):len(attrs)], start: time.Now()}
}

// call is one call's telemetry. The SDK calls its methods in order, never concurrently.
type call struct {
	t       *telemetry
	name    string
	span    trace.Span
	attempt trace.Span           // the current attempt's span
	attrs   []attribute.KeyValue // the call's: operation, method, template, server (full capacity: append copies)
	start   time.Time
}

// StartAttempt starts a child span of the call for attempt n.
//
// Why an internal span named "<operation> attempt" rather than a client span named as the
// semantic conventions name an HTTP request ("GET /api/resellers/{resellerId}/Organizations",
// as azcore names each try "HTTP GET"): the attempt is the SDK's try, which may include
// fetching a token (the auth layer does it inside the attempt), not one HTTP exchange; and
// the call's span is already the client span, as in smithy-go, whose operation span
// ("S3.GetObject") is the client span and whose per-request span ("DoHTTPRequest") is
// internal. An HTTP transport's own span (otelhttp under cloudmore.WithTransport) comes below
// the attempt's, so the physical requests still show when one is wanted. The name keeps the
// operation so that a search by span name finds its attempts; resend_count tells them apart.
func (c *call) StartAttempt(ctx context.Context, n int) context.Context {
	var opts []trace.SpanStartOption
	if n > 1 {
		opts = append(opts, trace.WithAttributes(semconv.HTTPRequestResendCount(n-1)))
	}
	ctx, c.attempt = c.t.tracer.Start(ctx, c.name+" attempt", append(opts, trace.WithSpanKind(trace.SpanKindInternal))...)
	return ctx
}

// EndAttempt ends the attempt's span and records its duration, and a 429.
func (c *call) EndAttempt(ctx context.Context, a cloudmore.TelemetryAttempt) {
	out := outcome(a.Status, a.Err)
	if span := c.attempt; span != nil {
		span.SetAttributes(out...)
		if a.RequestID != "" {
			span.SetAttributes(AttrRequestID.String(a.RequestID))
		}
		if a.Err != nil {
			span.SetStatus(codes.Error, errorType(a.Err))
		}
		span.End()
		c.attempt = nil
	}
	c.t.requestDuration.Record(ctx, a.Duration.Seconds(), metric.WithAttributes(append(c.attrs, out...)...))
	if a.Status == 429 {
		c.t.throttled.Add(ctx, 1, metric.WithAttributes(c.attrs...))
	}
}

// Wait adds a "wait" event to the call's span and records the wait.
func (c *call) Wait(ctx context.Context, w cloudmore.TelemetryWait) {
	kind := AttrWaitKind.String(string(w.Kind))
	c.span.AddEvent("wait", trace.WithAttributes(kind, AttrWaitDuration.Float64(w.Duration.Seconds())))
	c.t.waitDuration.Record(ctx, w.Duration.Seconds(), metric.WithAttributes(append(c.attrs, kind)...))
}

// End ends the call's span and records the call's duration and attempts.
func (c *call) End(ctx context.Context, r cloudmore.TelemetryResult) {
	out := outcome(r.Status, r.Err)
	c.span.SetAttributes(append(out, AttrAttempts.Int(r.Attempts))...)
	if r.Err != nil {
		c.span.SetStatus(codes.Error, errorType(r.Err))
	}
	c.span.End()
	set := metric.WithAttributes(append(c.attrs, out...)...)
	c.t.callDuration.Record(ctx, time.Since(c.start).Seconds(), set)
	c.t.attempts.Add(ctx, int64(r.Attempts), set)
}

// outcome is the attributes that say how an attempt or a call ended: its status, when an
// answer came, and its error type, when it failed.
func outcome(status int, err error) []attribute.KeyValue {
	var kv []attribute.KeyValue
	if status != 0 {
		kv = append(kv, semconv.HTTPResponseStatusCode(status))
	}
	if err != nil {
		kv = append(kv, semconv.ErrorTypeKey.String(errorType(err)))
	}
	return kv
}

// errorType is the error.type of err (see the package's doc): low in cardinality, and never
// the error's text.
func errorType(err error) string {
	var api *cloudmore.APIError
	if errors.As(err, &api) && api.StatusCode != 0 {
		return strconv.Itoa(api.StatusCode)
	}
	var (
		unknown  *cloudmore.UnknownOutcomeError
		auth     *cloudmore.AuthError
		decode   *cloudmore.DecodeError
		redirect *cloudmore.RedirectError
		invalid  *cloudmore.ValidationError
		failed   *cloudmore.TaskFailedError
	)
	switch {
	case errors.As(err, &unknown):
		return "cloudmore.UnknownOutcomeError"
	case errors.As(err, &auth):
		return "cloudmore.AuthError"
	case errors.As(err, &decode):
		return "cloudmore.DecodeError"
	case errors.As(err, &redirect):
		return "cloudmore.RedirectError"
	case errors.As(err, &invalid):
		return "cloudmore.ValidationError"
	case errors.As(err, &failed):
		return "cloudmore.TaskFailedError"
	case errors.Is(err, context.DeadlineExceeded):
		return "context.DeadlineExceeded"
	case errors.Is(err, context.Canceled):
		return "context.Canceled"
	}
	return strings.TrimPrefix(reflect.TypeOf(unwrapFmt(err)).String(), "*")
}

// unwrapFmt returns the first error below fmt.Errorf's wrappers (the first of several %w).
func unwrapFmt(err error) error {
	for {
		t := reflect.TypeOf(err)
		if t.Kind() != reflect.Pointer || t.Elem().PkgPath() != "fmt" {
			return err
		}
		var next error
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next = u.Unwrap()
		case interface{ Unwrap() []error }:
			if errs := u.Unwrap(); len(errs) > 0 {
				next = errs[0]
			}
		}
		if next == nil {
			return err
		}
		err = next
	}
}
