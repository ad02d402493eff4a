package cloudmoreotel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

const orgsTemplate = "/api/resellers/{resellerId}/Organizations"

// rig is a fake Cloudmore, a client of it with the telemetry under test, and OpenTelemetry's
// in-memory span recorder and metric reader.
type rig struct {
	srv    *cloudmoretest.Server
	client *cloudmore.Client
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	host   string
	port   int
	seen   atomic.Pointer[trace.SpanContext] // the span context the transport saw last
}

func newRig(t *testing.T, opts ...cloudmore.Option) *rig {
	t.Helper()
	r := &rig{spans: tracetest.NewSpanRecorder()}
	// Delta temporality: each collect shows what happened since the last one.
	r.reader = sdkmetric.NewManualReader(sdkmetric.WithTemporalitySelector(
		func(sdkmetric.InstrumentKind) metricdata.Temporality { return metricdata.DeltaTemporality }))
	tel, err := New(
		WithTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(r.spans))),
		WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(r.reader))))
	if err != nil {
		t.Fatal(err)
	}
	r.srv = cloudmoretest.NewServer(t)
	u, _ := url.Parse(r.srv.URL())
	r.host = u.Hostname()
	r.port, _ = strconv.Atoi(u.Port())
	r.client = r.srv.Client(append([]cloudmore.Option{cloudmore.WithTelemetry(tel), cloudmore.WithTransport(r.stamp())}, opts...)...)
	return r
}

// stamp is a transport that gives every API answer a request id, "req-1", "req-2"... (the
// fake sends none), and remembers the span its request's context carried.
func (r *rig) stamp() http.RoundTripper {
	var n atomic.Int64
	return roundTripper(func(req *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err == nil && strings.HasPrefix(req.URL.Path, "/api/") {
			resp.Header.Set("X-Request-Id", fmt.Sprintf("req-%d", n.Add(1)))
			sc := trace.SpanContextFromContext(req.Context())
			r.seen.Store(&sc)
		}
		return resp, err
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// base is the attributes every metric of a call of op has.
func (r *rig) base(op, method, template string) map[string]string {
	m := map[string]string{"http.request.method": method, "server.address": r.host, "server.port": strconv.Itoa(r.port)}
	if op != "" {
		m["cloudmore.operation"] = op
	}
	if template != "" {
		m["url.template"] = template
	}
	return m
}

// calls returns the ended call spans (those without a parent) and, for each, its attempts in
// order.
func (r *rig) calls() (calls []sdktrace.ReadOnlySpan, attempts map[trace.SpanID][]sdktrace.ReadOnlySpan) {
	attempts = map[trace.SpanID][]sdktrace.ReadOnlySpan{}
	for _, s := range r.spans.Ended() {
		if s.Parent().IsValid() {
			attempts[s.Parent().SpanID()] = append(attempts[s.Parent().SpanID()], s)
		} else {
			calls = append(calls, s)
		}
	}
	return calls, attempts
}

// lastCall returns the last call span and its attempts, checking that there are n.
func (r *rig) lastCall(t *testing.T, n int) (sdktrace.ReadOnlySpan, []sdktrace.ReadOnlySpan) {
	t.Helper()
	calls, attempts := r.calls()
	if len(calls) == 0 {
		t.Fatal("no call span ended")
	}
	c := calls[len(calls)-1]
	if got := len(attempts[c.SpanContext().SpanID()]); got != n {
		t.Fatalf("call %q has %d attempt spans, want %d", c.Name(), got, n)
	}
	return c, attempts[c.SpanContext().SpanID()]
}

func attrs(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}

// wantAttrs checks that got holds want's attributes ("" for one it must not have).
func wantAttrs(t *testing.T, what string, got []attribute.KeyValue, want map[string]string) {
	t.Helper()
	m := attrs(got)
	for k, v := range want {
		if g, ok := m[k]; v == "" && ok {
			t.Errorf("%s: %s = %q, want none", what, k, g)
		} else if v != "" && g != v {
			t.Errorf("%s: %s = %q, want %q (all: %v)", what, k, g, v, m)
		}
	}
}

func wantStatus(t *testing.T, s sdktrace.ReadOnlySpan, code codes.Code, desc string) {
	t.Helper()
	if s.Status().Code != code || s.Status().Description != desc {
		t.Errorf("span %q: status %v %q, want %v %q", s.Name(), s.Status().Code, s.Status().Description, code, desc)
	}
}

// point is one data point of a metric: its attributes, and its count and sum (a histogram)
// or value (a counter).
type point struct {
	attrs map[string]string
	count uint64
	sum   float64
	value int64
}

// collect returns the data points of every metric since the last collect, by name.
func (r *rig) collect(t *testing.T) map[string][]point {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string][]point{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != ScopeName {
			t.Errorf("scope %q, want %q", sm.Scope.Name, ScopeName)
		}
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					if p.Count > 0 {
						out[m.Name] = append(out[m.Name], point{attrs: attrs(p.Attributes.ToSlice()), count: p.Count, sum: p.Sum})
					}
				}
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					if p.Value != 0 {
						out[m.Name] = append(out[m.Name], point{attrs: attrs(p.Attributes.ToSlice()), value: p.Value})
					}
				}
			default:
				t.Fatalf("metric %s: unexpected data %T", m.Name, m.Data)
			}
		}
	}
	return out
}

// wantPoint returns the point of name whose attributes are exactly want's, failing when there
// is none.
func wantPoint(t *testing.T, pts map[string][]point, name string, want map[string]string) point {
	t.Helper()
	for _, p := range pts[name] {
		if fmt.Sprint(p.attrs) == fmt.Sprint(want) {
			return p
		}
	}
	t.Fatalf("%s: no point with attributes %v; points: %+v", name, want, pts[name])
	return point{}
}

func with(m map[string]string, kv ...string) map[string]string {
	out := make(map[string]string, len(m)+len(kv)/2)
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// A call retried after a 503: one client span named by the operation, with the semantic
// conventions' attributes, two attempt spans under it (the second with resend_count 1), a
// backoff wait, and the metrics of each.
func TestRetriedCall(t *testing.T) {
	r := newRig(t)
	r.srv.ScriptStatuses("GET", orgsTemplate, cloudmoretest.Fault{Status: 503})
	if _, _, err := r.client.Organizations.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}

	call, attempts := r.lastCall(t, 2)
	if call.Name() != "Organizations.List" || call.SpanKind() != trace.SpanKindClient {
		t.Errorf("call span %q kind %v, want Organizations.List, client", call.Name(), call.SpanKind())
	}
	wantAttrs(t, "call", call.Attributes(), map[string]string{
		"cloudmore.operation": "Organizations.List", "http.request.method": "GET", "url.template": orgsTemplate,
		"server.address": r.host, "server.port": strconv.Itoa(r.port), "http.response.status_code": "200",
		"cloudmore.attempts": "2", "error.type": "",
	})
	wantStatus(t, call, codes.Unset, "")
	if ev := call.Events(); len(ev) != 1 || ev[0].Name != "wait" || attrs(ev[0].Attributes)["cloudmore.wait.kind"] != "backoff" {
		t.Errorf("call events %+v, want one wait of kind backoff", ev)
	}

	first, second := attempts[0], attempts[1]
	for _, a := range attempts {
		if a.Name() != "Organizations.List attempt" || a.SpanKind() != trace.SpanKindInternal {
			t.Errorf("attempt span %q kind %v, want %q, internal", a.Name(), a.SpanKind(), "Organizations.List attempt")
		}
	}
	wantAttrs(t, "attempt 1", first.Attributes(), map[string]string{
		"http.request.resend_count": "", "http.response.status_code": "503", "error.type": "503", "cloudmore.request_id": "req-1",
	})
	wantStatus(t, first, codes.Error, "503")
	wantAttrs(t, "attempt 2", second.Attributes(), map[string]string{
		"http.request.resend_count": "1", "http.response.status_code": "200", "error.type": "", "cloudmore.request_id": "req-2",
	})
	wantStatus(t, second, codes.Unset, "")
	// The request went out with the attempt's context: an HTTP transport's span is its child.
	if seen := r.seen.Load(); seen == nil || seen.SpanID() != second.SpanContext().SpanID() {
		t.Errorf("the transport saw span %v, want the attempt's %v", seen, second.SpanContext().SpanID())
	}

	base := r.base("Organizations.List", "GET", orgsTemplate)
	pts := r.collect(t)
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "503", "error.type", "503"))
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "200"))
	if p := wantPoint(t, pts, MetricCallDuration, with(base, "http.response.status_code", "200")); p.count != 1 {
		t.Errorf("call duration count %d, want 1", p.count)
	}
	if p := wantPoint(t, pts, MetricAttempts, with(base, "http.response.status_code", "200")); p.value != 2 {
		t.Errorf("attempts %d, want 2", p.value)
	}
	wantPoint(t, pts, MetricWaitDuration, with(base, "cloudmore.wait.kind", "backoff"))
	if len(pts[MetricThrottled]) != 0 {
		t.Errorf("throttled %+v, want none", pts[MetricThrottled])
	}
}

// A call whose token is refused (401) is replayed once with a new one: two attempts, no wait.
func TestReplayAfter401(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	if _, _, err := r.client.Organizations.List(ctx, nil); err != nil { // the client gets a token
		t.Fatal(err)
	}
	r.collect(t) // forget the first call's metrics
	r.srv.RevokeTokens()
	if _, _, err := r.client.Organizations.List(ctx, nil); err != nil {
		t.Fatal(err)
	}

	call, attempts := r.lastCall(t, 2)
	wantAttrs(t, "call", call.Attributes(), map[string]string{"cloudmore.attempts": "2", "http.response.status_code": "200", "error.type": ""})
	wantStatus(t, call, codes.Unset, "")
	if len(call.Events()) != 0 {
		t.Errorf("call events %+v, want none (a replay does not wait)", call.Events())
	}
	wantAttrs(t, "attempt 1", attempts[0].Attributes(), map[string]string{"http.response.status_code": "401", "error.type": "401", "http.request.resend_count": ""})
	wantStatus(t, attempts[0], codes.Error, "401")
	wantAttrs(t, "attempt 2", attempts[1].Attributes(), map[string]string{"http.response.status_code": "200", "http.request.resend_count": "1"})

	base := r.base("Organizations.List", "GET", orgsTemplate)
	pts := r.collect(t)
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "401", "error.type", "401"))
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "200"))
	if p := wantPoint(t, pts, MetricAttempts, with(base, "http.response.status_code", "200")); p.value != 2 {
		t.Errorf("attempts %d, want 2", p.value)
	}
	if len(pts[MetricWaitDuration]) != 0 || len(pts[MetricThrottled]) != 0 {
		t.Errorf("waits %+v, throttled %+v, want none", pts[MetricWaitDuration], pts[MetricThrottled])
	}
}

// A 429 with Retry-After: 1: the call waits the second the server asked for (a wait event
// retry_after of 1 s), retries, and the 429 is counted.
func TestRateLimitedCall(t *testing.T) {
	r := newRig(t)
	r.srv.ScriptStatuses("GET", orgsTemplate, cloudmoretest.Fault{Status: 429, RetryAfter: "1"})
	if _, _, err := r.client.Organizations.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}

	call, attempts := r.lastCall(t, 2)
	wantAttrs(t, "call", call.Attributes(), map[string]string{"cloudmore.attempts": "2", "http.response.status_code": "200"})
	ev := call.Events()
	if len(ev) != 1 || ev[0].Name != "wait" {
		t.Fatalf("call events %+v, want one wait", ev)
	}
	wantAttrs(t, "wait event", ev[0].Attributes, map[string]string{"cloudmore.wait.kind": "retry_after", "cloudmore.wait.duration": "1"})
	wantAttrs(t, "attempt 1", attempts[0].Attributes(), map[string]string{"http.response.status_code": "429", "error.type": "429"})
	wantAttrs(t, "attempt 2", attempts[1].Attributes(), map[string]string{"http.response.status_code": "200", "http.request.resend_count": "1"})

	base := r.base("Organizations.List", "GET", orgsTemplate)
	pts := r.collect(t)
	if p := wantPoint(t, pts, MetricThrottled, base); p.value != 1 {
		t.Errorf("throttled %d, want 1", p.value)
	}
	if p := wantPoint(t, pts, MetricWaitDuration, with(base, "cloudmore.wait.kind", "retry_after")); p.count != 1 || p.sum != 1 {
		t.Errorf("wait duration count %d sum %v, want 1 wait of 1 s", p.count, p.sum)
	}
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "429", "error.type", "429"))
}

// The client's own rate limit is a wait of kind rate_limit before the attempt.
func TestClientRateLimitWait(t *testing.T) {
	r := newRig(t, cloudmore.WithRateLimit(20, 1)) // one request each 50 ms
	ctx := context.Background()
	for range 2 {
		if _, _, err := r.client.Organizations.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	call, _ := r.lastCall(t, 1)
	ev := call.Events()
	if len(ev) != 1 || attrs(ev[0].Attributes)["cloudmore.wait.kind"] != "rate_limit" {
		t.Fatalf("second call's events %+v, want one rate_limit wait", ev)
	}
	if d, _ := strconv.ParseFloat(attrs(ev[0].Attributes)["cloudmore.wait.duration"], 64); d <= 0 || d > 1 {
		t.Errorf("rate-limit wait %v s, want about 0.05", d)
	}
	wantPoint(t, r.collect(t), MetricWaitDuration, with(r.base("Organizations.List", "GET", orgsTemplate), "cloudmore.wait.kind", "rate_limit"))
}

// A call that fails with an error status: the call and its attempt have the status Error,
// error.type the status code, and the metrics say so.
func TestFailedCallStatus(t *testing.T) {
	r := newRig(t)
	const tmpl = "/api/resellers/{resellerId}/Organizations/{id}"
	_, _, err := r.client.Organizations.Get(context.Background(), "6f9619ff-8b86-d011-b42d-00cf4fc964ff")
	if !errors.Is(err, cloudmore.ErrNotFound) {
		t.Fatalf("err %v, want not found", err)
	}
	call, attempts := r.lastCall(t, 1)
	if call.Name() != "Organizations.Get" {
		t.Errorf("call span %q", call.Name())
	}
	wantAttrs(t, "call", call.Attributes(), map[string]string{
		"url.template": tmpl, "http.response.status_code": "404", "error.type": "404", "cloudmore.attempts": "1",
	})
	wantStatus(t, call, codes.Error, "404")
	wantStatus(t, attempts[0], codes.Error, "404")
	base := r.base("Organizations.Get", "GET", tmpl)
	pts := r.collect(t)
	wantPoint(t, pts, MetricCallDuration, with(base, "http.response.status_code", "404", "error.type", "404"))
	wantPoint(t, pts, "http.client.request.duration", with(base, "http.response.status_code", "404", "error.type", "404"))
}

// A POST whose answer never came: no status, error.type the SDK's error type.
func TestFailedCallUnknownOutcome(t *testing.T) {
	r := newRig(t)
	const tmpl = "/api/resellers/{resellerId}/Organizations"
	r.srv.DropConnection("POST", tmpl, 1)
	_, _, err := r.client.Organizations.Create(context.Background(), &cloudmore.CreateOrganizationRequest{
		Name: "Contoso", RegistrationNumber: "556677-8899", NotificationEmail: "it@contoso.example",
		Contact: &cloudmore.OrganizationContact{Name: "Jane Doe"}, Address: &cloudmore.OrganizationAddress{CountryCode: "SE"},
		PrimaryDomain: "contoso.example",
	})
	if !errors.Is(err, cloudmore.ErrOutcomeUnknown) {
		t.Fatalf("err %v, want an unknown outcome", err)
	}
	call, attempts := r.lastCall(t, 1)
	wantAttrs(t, "call", call.Attributes(), map[string]string{
		"cloudmore.operation": "Organizations.Create", "http.request.method": "POST",
		"error.type": "cloudmore.UnknownOutcomeError", "http.response.status_code": "",
	})
	wantStatus(t, call, codes.Error, "cloudmore.UnknownOutcomeError")
	wantAttrs(t, "attempt", attempts[0].Attributes(), map[string]string{"error.type": "cloudmore.UnknownOutcomeError", "cloudmore.request_id": ""})
	wantPoint(t, r.collect(t), MetricCallDuration, with(r.base("Organizations.Create", "POST", tmpl), "error.type", "cloudmore.UnknownOutcomeError"))
}

// A request sent with Do has no declared operation: its span is named by the method, and
// neither it nor the metrics carry the path (it holds ids).
func TestDoCall(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	req, err := r.client.NewRequest(ctx, http.MethodGet, "Organizations/"+cloudmoretest.SeedOrganization1ID, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.client.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	call, attempts := r.lastCall(t, 1)
	if call.Name() != "HTTP GET" || attempts[0].Name() != "HTTP GET attempt" {
		t.Errorf("spans %q, %q, want HTTP GET and HTTP GET attempt", call.Name(), attempts[0].Name())
	}
	wantAttrs(t, "call", call.Attributes(), map[string]string{
		"cloudmore.operation": "", "url.template": "", "http.request.method": "GET", "http.response.status_code": "200",
	})
	pts := r.collect(t)
	wantPoint(t, pts, "http.client.request.duration", with(r.base("", "GET", ""), "http.response.status_code", "200"))
	wantPoint(t, pts, MetricCallDuration, with(r.base("", "GET", ""), "http.response.status_code", "200"))
	// Neither the path's id nor a secret is anywhere in what was reported.
	secrets := []string{cloudmoretest.SeedOrganization1ID, r.srv.Credentials().Password, r.srv.Credentials().ClientSecret}
	for _, s := range r.spans.Ended() {
		all := []string{s.Name(), fmt.Sprint(attrs(s.Attributes())), s.Status().Description}
		for _, e := range s.Events() {
			all = append(all, fmt.Sprint(attrs(e.Attributes)))
		}
		for _, secret := range secrets {
			if strings.Contains(strings.Join(all, " "), secret) {
				t.Errorf("span %q reports %q", s.Name(), secret)
			}
		}
	}
	for name, ps := range pts {
		for _, secret := range secrets {
			if strings.Contains(fmt.Sprint(ps), secret) {
				t.Errorf("metric %s reports %q", name, secret)
			}
		}
	}
}

// Without options New uses the global providers, including ones set after New.
func TestNewUsesGlobalProviders(t *testing.T) {
	prevTP, prevMP := otel.GetTracerProvider(), otel.GetMeterProvider()
	t.Cleanup(func() { otel.SetTracerProvider(prevTP); otel.SetMeterProvider(prevMP) })
	tel, err := New()
	if err != nil {
		t.Fatal(err)
	}
	spans, reader := tracetest.NewSpanRecorder(), sdkmetric.NewManualReader()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)))
	otel.SetMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	client := cloudmoretest.NewServer(t).Client(cloudmore.WithTelemetry(tel))
	if _, _, err := client.Organizations.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if n := len(spans.Ended()); n != 2 {
		t.Errorf("%d spans, want a call and its attempt", n)
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil || len(rm.ScopeMetrics) != 1 {
		t.Errorf("metrics %+v (%v), want this package's", rm.ScopeMetrics, err)
	}
}

func TestNewRefusesNilProviders(t *testing.T) {
	if _, err := New(WithTracerProvider(nil)); err == nil {
		t.Error("WithTracerProvider(nil): no error")
	}
	if _, err := New(WithMeterProvider(nil)); err == nil {
		t.Error("WithMeterProvider(nil): no error")
	}
}

func TestErrorType(t *testing.T) {
	api := &cloudmore.APIError{StatusCode: 503}
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("%w; gave up waiting 1s to retry: %w", api, context.DeadlineExceeded), "503"},
		{fmt.Errorf("cloudmore: waiting for the client's rate limit: %w", context.DeadlineExceeded), "context.DeadlineExceeded"},
		{fmt.Errorf("x: %w", context.Canceled), "context.Canceled"},
		{&cloudmore.UnknownOutcomeError{Err: context.Canceled}, "cloudmore.UnknownOutcomeError"},
		{fmt.Errorf("token: %w", &cloudmore.AuthError{Code: "invalid_grant"}), "cloudmore.AuthError"},
		{&cloudmore.DecodeError{Err: cloudmore.ErrEmptyAnswer}, "cloudmore.DecodeError"},
		{&cloudmore.RedirectError{StatusCode: 301}, "cloudmore.RedirectError"},
		{fmt.Errorf("a: %w", fmt.Errorf("b: %w", &net.OpError{Op: "dial", Err: errors.New("refused")})), "net.OpError"},
		{fmt.Errorf("%w; and %w", &net.DNSError{}, errors.New("x")), "net.DNSError"},
	} {
		if got := errorType(c.err); got != c.want {
			t.Errorf("errorType(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
