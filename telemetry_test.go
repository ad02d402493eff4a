package cloudmore

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingTelemetry writes every event it is told, one line each, and checks that contexts
// flow: an attempt's context derives from its call's, and the request is sent with it.
type recordingTelemetry struct {
	mu     sync.Mutex
	events []string
}

type telemetryKey struct{}

func (r *recordingTelemetry) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, fmt.Sprintf(format, args...))
}

func (r *recordingTelemetry) StartCall(ctx context.Context, call TelemetryCall) (context.Context, CallTelemetry) {
	r.add("call %s %s %s host=%s port=%d", call.Operation, call.Method, call.Template, call.Host, call.Port)
	return context.WithValue(ctx, telemetryKey{}, call.Operation), &recordingCall{r: r}
}

type recordingCall struct{ r *recordingTelemetry }

func (c *recordingCall) StartAttempt(ctx context.Context, n int) context.Context {
	c.r.add("attempt %d of %v", n, ctx.Value(telemetryKey{}))
	return context.WithValue(ctx, telemetryKey{}, fmt.Sprintf("attempt %d", n))
}

func (c *recordingCall) EndAttempt(ctx context.Context, a TelemetryAttempt) {
	c.r.add("end %v: status=%d request=%s err=%v", ctx.Value(telemetryKey{}), a.Status, a.RequestID, a.Err != nil)
}

func (c *recordingCall) Wait(_ context.Context, w TelemetryWait) {
	c.r.add("wait %s %s", w.Kind, w.Duration)
}

func (c *recordingCall) End(_ context.Context, res TelemetryResult) {
	c.r.add("done attempts=%d status=%d err=%v", res.Attempts, res.Status, res.Err != nil)
}

func (r *recordingTelemetry) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// TestTelemetryTellsCallsAttemptsAndWaits: a call retried after a 503 that asked for
// Retry-After is one call of two attempts with a retry_after wait, named by its declaration
// (never by its path), and each attempt is sent with the attempt's context.
func TestTelemetryTellsCallsAttemptsAndWaits(t *testing.T) {
	ts := newTestServer(t)
	rec := &recordingTelemetry{}
	c := ts.client(t, WithTelemetry(rec))
	n := 0
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("X-Request-Id", fmt.Sprintf("req-%d", n))
		if n == 1 {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		writeJSON(t, w, http.StatusOK, map[string]any{"id": testOrgID})
	})
	_, _, err := c.Organizations.Get(context.Background(), testOrgID)
	require.NoError(t, err)
	host := strings.TrimPrefix(ts.URL, "http://")
	i := strings.LastIndexByte(host, ':')
	assert.Equal(t, []string{
		fmt.Sprintf("call Organizations.Get GET /api/resellers/{resellerId}/Organizations/{id} host=%s port=%s", host[:i], host[i+1:]),
		"attempt 1 of Organizations.Get",
		"end attempt 1: status=503 request=req-1 err=true",
		"wait retry_after 2s",
		"attempt 2 of Organizations.Get",
		"end attempt 2: status=200 request=req-2 err=false",
		"done attempts=2 status=200 err=false",
	}, rec.lines())
	for _, l := range rec.lines() {
		assert.NotContains(t, l, testOrgID, "no id from the path")
	}
}

// TestTelemetryOfAFailedWriteAndOfDo: a POST whose answer was lost is one attempt and an
// error; a request sent with Do has no operation or template.
func TestTelemetryOfAFailedWriteAndOfDo(t *testing.T) {
	ts := newTestServer(t)
	rec := &recordingTelemetry{}
	c := ts.client(t, WithTelemetry(rec))
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", hijackAfterRequest(t, 5, okHandler))
	_, _, err := c.Organizations.Create(context.Background(), validOrganization())
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	lines := rec.lines()
	require.Len(t, lines, 4, "%v", lines)
	assert.True(t, strings.HasPrefix(lines[0], "call Organizations.Create POST /api/resellers/{resellerId}/Organizations"))
	assert.Equal(t, "end attempt 1: status=0 request= err=true", lines[2])
	assert.Equal(t, "done attempts=1 status=0 err=true", lines[3])

	rec.events = nil
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, []any{})
	})
	req, err := c.NewRequest(context.Background(), http.MethodGet, "Organizations", nil, nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	lines = rec.lines()
	require.NotEmpty(t, lines)
	assert.True(t, strings.HasPrefix(lines[0], "call  GET  host="), lines[0])
}

// TestTelemetryOfPollUntilDone: waiting for a task is a call of its own, its polls are calls
// in its context, and its intervals are poll waits.
func TestTelemetryOfPollUntilDone(t *testing.T) {
	ts := newTestServer(t)
	rec := &recordingTelemetry{}
	c := ts.client(t, WithTelemetry(rec))
	report := string(fixture(t, "billing_monthly_per_organization.json"))
	asyncServer(t, ts, "t-tel", answer(t, http.StatusAccepted, ""), answer(t, http.StatusOK, report))
	ctx := context.Background()
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	rec.events = nil
	_, err = p.PollUntilDone(ctx, &PollOptions{Frequency: 3 * time.Millisecond})
	require.NoError(t, err)
	var kinds []string
	for _, l := range rec.lines() {
		switch {
		case strings.HasPrefix(l, "call "):
			kinds = append(kinds, strings.Fields(l)[1])
		case strings.HasPrefix(l, "wait "), strings.HasPrefix(l, "done "):
			kinds = append(kinds, l)
		}
	}
	assert.Equal(t, []string{
		kindBillingAsync + ".PollUntilDone",
		"Billing.BeginMonthlyBillingPerOrganization:", // the status declaration's name, "…: status"
		"done attempts=1 status=202 err=false",
		"wait poll 3ms",
		"Billing.BeginMonthlyBillingPerOrganization:",
		"done attempts=1 status=200 err=false",
		"done attempts=2 status=0 err=false",
	}, kinds)
	assert.Contains(t, rec.lines()[2], "attempt 1 of Billing.BeginMonthlyBillingPerOrganization: status")
}

// TestWithTelemetryRefusesNil: a nil Telemetry is a mistake, said when the client is built.
func TestWithTelemetryRefusesNil(t *testing.T) {
	_, err := NewClient(WithTelemetry(nil))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "WithTelemetry", ve.Field)
}

// badTelemetry returns nil and unrelated contexts.
type badTelemetry struct{ nopCall }

type nopCall struct{}

func (nopCall) StartAttempt(context.Context, int) context.Context { return context.Background() }
func (nopCall) EndAttempt(context.Context, TelemetryAttempt)      {}
func (nopCall) Wait(context.Context, TelemetryWait)               {}
func (nopCall) End(context.Context, TelemetryResult)              {}

//nolint:staticcheck // returning a nil context is what the test checks the SDK survives
func (b badTelemetry) StartCall(context.Context, TelemetryCall) (context.Context, CallTelemetry) {
	return nil, b.nopCall
}

// TestTelemetryThatLosesTheContextDoesNotBreakCalls: a Telemetry returning nil or a context
// without the call's state cannot make a call panic or lose its 401 replay.
func TestTelemetryThatLosesTheContextDoesNotBreakCalls(t *testing.T) {
	ts := newTestServer(t)
	c := ts.client(t, WithTelemetry(badTelemetry{}))
	n := 0
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		n++
		if n == 1 {
			w.WriteHeader(http.StatusUnauthorized) // the token is refused once: replayed with a new one
			return
		}
		writeJSON(t, w, http.StatusOK, []any{})
	})
	_, resp, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, 2, ts.tokenRequests(), "the refused token was dropped and a new one fetched")
}
