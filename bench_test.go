package cloudmore

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// orgListBody is the guide's organization list, the answer both clients decode.
const orgListBody = `[
  {"id": "ff0eb40d-26f9-4cbb-b431-10fe66bc838e", "name": "My Test Organization 1", "displayName": "My Test Organization 1", "services": 2, "users": 1},
  {"id": "d0b55801-6cac-4221-a911-0712e78615c7", "name": "My Test Organization 2", "displayName": "My Test Organization 2", "services": 1, "users": 0},
  {"id": "a57a8428-80e6-4666-b549-c39873eef2ea", "name": "My Test Organization 3", "displayName": "My Test Organization 3", "services": 0, "users": 1}
]`

// benchOrg has the shape of the list items, for the hand-written client.
type benchOrg struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Services    int    `json:"services"`
	Users       int    `json:"users"`
}

// benchServer answers the token endpoint and the organization list, counting TCP connections.
func benchServer(tb testing.TB) (*httptest.Server, *atomic.Int32) {
	var conns atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"bench-token","expires_in":86400,"token_type":"Bearer"}`)
	})
	mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer bench-token" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, orgListBody)
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv, &conns
}

// BenchmarkGetOrganizations compares the SDK's GET-and-decode with a hand-written net/http +
// encoding/json client doing the same call on the same server over the same kind of transport.
// Target: SDK time <= 1.10x raw, allocations <= raw + 15.
func BenchmarkGetOrganizations(b *testing.B) {
	srv, _ := benchServer(b)
	url := srv.URL + "/api/resellers/" + testResellerID + "/Organizations"

	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: newTransport()}
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Authorization", "Bearer bench-token")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var out []benchOrg
			err = json.NewDecoder(resp.Body).Decode(&out)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK || len(out) != 3 {
				b.Fatalf("status %d, %d orgs, %v", resp.StatusCode, len(out), err)
			}
		}
	})

	b.Run("sdk", func(b *testing.B) { benchList(b, srv.URL) })
	// The cost of reporting to a Telemetry (one that does nothing): telemetry off is "sdk".
	b.Run("sdk+telemetry", func(b *testing.B) { benchList(b, srv.URL, WithTelemetry(nopTelemetry{})) })
}

// nopTelemetry hears everything and does nothing.
type nopTelemetry struct{}

func (nopTelemetry) StartCall(ctx context.Context, _ TelemetryCall) (context.Context, CallTelemetry) {
	return ctx, nopTelemetry{}
}
func (nopTelemetry) StartAttempt(ctx context.Context, _ int) context.Context { return ctx }
func (nopTelemetry) EndAttempt(context.Context, TelemetryAttempt)            {}
func (nopTelemetry) Wait(context.Context, TelemetryWait)                     {}
func (nopTelemetry) End(context.Context, TelemetryResult)                    {}

// benchList lists the organizations with a client of opts, b.N times.
func benchList(b *testing.B, url string, opts ...Option) {
	c, err := NewClient(append([]Option{WithBaseURL(url), WithCredentials(testCreds), WithResellerID(testResellerID)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		orgs, _, err := c.Organizations.List(ctx, nil)
		if err != nil || len(orgs) != 3 {
			b.Fatalf("%d orgs, %v", len(orgs), err)
		}
	}
}

// callConcurrently makes calls GETs of the organization list from workers goroutines.
func callConcurrently(c *Client, calls, workers int) error {
	var next atomic.Int32
	var wg sync.WaitGroup
	var failed atomic.Value
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for int(next.Add(1)) <= calls {
				if _, _, err := c.Organizations.List(context.Background(), nil); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	err, _ := failed.Load().(error)
	return err
}

// BenchmarkConcurrentCalls sends 10,000 calls from 64 goroutines through one cold client and
// reports the TCP connections opened (target <= 64) and token requests (target 1).
func BenchmarkConcurrentCalls(b *testing.B) {
	const calls, workers = 10000, 64
	for b.Loop() {
		b.StopTimer()
		srv, conns := benchServer(b)
		c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = callConcurrently(c, calls, workers)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(conns.Load()), "conns")
		b.ReportMetric(float64(c.tokenRequests()), "token-requests")
		b.ReportMetric(calls, "calls")
		srv.Close()
		b.StartTimer()
	}
}

// TestConcurrentCallsReuseConnections is BenchmarkConcurrentCalls, smaller, as a test: a cold
// client with 64 concurrent callers opens at most 64 connections and asks for one token.
func TestConcurrentCallsReuseConnections(t *testing.T) {
	const calls, workers = 2000, 64
	srv, conns := benchServer(t)
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID))
	if err != nil {
		t.Fatal(err)
	}
	if err := callConcurrently(c, calls, workers); err != nil {
		t.Fatal(err)
	}
	if n := conns.Load(); n > workers {
		t.Fatalf("%d connections opened for %d concurrent callers", n, workers)
	}
	if n := c.tokenRequests(); n != 1 {
		t.Fatalf("%d token requests", n)
	}
}
