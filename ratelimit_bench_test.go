package cloudmore_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// BenchmarkThrottledJob runs one job of CLOUDMORE_BENCH_CALLS calls (default 10,000) at
// concurrency 64 against the fake limited to R = CLOUDMORE_BENCH_RATE requests/s (default
// 500, burst R/10), three ways side by side: the SDK with its adaptive rate limit, the SDK
// without a limit, and a naive hand-written client (net/http + encoding/json, honouring
// Retry-After, four attempts like the SDK's default). It reports calls/s (completed calls per
// second of the job), its share of R, the 429 answers (count and percent of all API requests)
// and the failed calls. Target for the adaptive row: >= 90% of R, no failed call, <= 5% 429s.
//
//	go test -run '^$' -bench BenchmarkThrottledJob -benchtime 1x
func BenchmarkThrottledJob(b *testing.B) {
	calls := envInt("CLOUDMORE_BENCH_CALLS", 10000)
	r := envInt("CLOUDMORE_BENCH_RATE", 500)
	const workers = 64
	rows := []struct {
		name string
		job  func(srv *cloudmoretest.Server) func(context.Context) error
	}{
		{"sdk-adaptive", func(srv *cloudmoretest.Server) func(context.Context) error {
			c := srv.Client(cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()), cloudmore.WithAdaptiveRateLimit(cloudmore.AdaptiveRateLimit{}))
			return func(ctx context.Context) error { _, _, err := c.Organizations.List(ctx, nil); return err }
		}},
		{"sdk-no-limit", func(srv *cloudmoretest.Server) func(context.Context) error {
			c := srv.Client(cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()))
			return func(ctx context.Context) error { _, _, err := c.Organizations.List(ctx, nil); return err }
		}},
		{"naive", naiveClient},
	}
	for _, row := range rows {
		b.Run(row.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv, err := cloudmoretest.Start(cloudmoretest.Options{RateLimit: float64(r), RateBurst: max(1, r/10)})
				if err != nil {
					b.Fatal(err)
				}
				call := row.job(srv)
				b.StartTimer()
				start := time.Now()
				failed := runJob(call, calls, workers)
				elapsed := time.Since(start)
				b.StopTimer()
				api := 0
				for _, req := range srv.Requests() {
					if !strings.HasSuffix(req.Path, "/connect/token") {
						api++
					}
				}
				throttled := srv.RateLimited()
				srv.Close()
				rps := float64(calls-failed) / elapsed.Seconds()
				b.ReportMetric(rps, "calls/s")
				b.ReportMetric(100*rps/float64(r), "%ofR")
				b.ReportMetric(float64(throttled), "429s")
				b.ReportMetric(100*float64(throttled)/float64(max(api, 1)), "%429")
				b.ReportMetric(float64(failed), "failed")
				b.ReportMetric(float64(api), "requests")
				b.StartTimer()
			}
		})
	}
}

// runJob makes calls calls from workers goroutines and returns how many failed.
func runJob(call func(context.Context) error, calls, workers int) int {
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for int(next.Add(1)) <= calls {
				if call(context.Background()) != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return int(failed.Load())
}

// naiveClient is what a hand-written integration does: get a token, send, and on 429 wait
// for Retry-After and try again, at most four attempts.
func naiveClient(srv *cloudmoretest.Server) func(context.Context) error {
	creds := srv.Credentials()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	form := url.Values{"grant_type": {"password"}, "scope": {"api"}, "username": {creds.Username}, "password": {creds.Password}}
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/connect/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(creds.ClientID, creds.ClientSecret)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if resp, err := hc.Do(req); err == nil {
		_ = json.NewDecoder(resp.Body).Decode(&tok)
		resp.Body.Close()
	}
	u := srv.URL() + "/api/resellers/" + srv.ResellerID() + "/Organizations"
	return func(ctx context.Context) error {
		for attempt := 1; ; attempt++ {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			if resp.StatusCode == http.StatusOK {
				var out []map[string]any
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				return err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusTooManyRequests || attempt == 4 {
				return &cloudmore.APIError{StatusCode: resp.StatusCode}
			}
			secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(secs) * time.Second)
		}
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
