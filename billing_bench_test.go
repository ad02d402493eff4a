package cloudmore

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkBillingReport decodes a generated general billing report in the guide's shape
// (about CLOUDMORE_BENCH_REPORT_MB megabytes, 200 by default) four ways:
//
//   - stream: DecodeBillingReport from the file, one organization at a time (exact
//     decimals, typed times);
//   - decode-all: ReadBillingReport from the file, the whole tree (exact decimals, typed times);
//   - async-task-walk: the recommended path for large reports, end to end over HTTP (a
//     loopback test server serving the file): BeginMonthlyBillingPerOrganization, a
//     PollUntilDone whose polls answer 202 and then the finished report (of which the poll
//     reads only the start), then BillingTask.Walk downloading and decoding it once;
//   - baseline: encoding/json from the file into string-typed structs of the same shape.
//
// It reports MB/s and peak-MB, the high-water mark of the heap in use (HeapInuse) sampled
// while the benchmark runs. Run it alone:
//
//	go test -run '^$' -bench BillingReport -benchtime 3x .
func BenchmarkBillingReport(b *testing.B) {
	mb := 200
	if v := os.Getenv("CLOUDMORE_BENCH_REPORT_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("CLOUDMORE_BENCH_REPORT_MB=%q is not a positive number", v)
		}
		mb = n
	}
	path := filepath.Join(b.TempDir(), "report.json")
	start := time.Now()
	size, orgs := writeBenchReport(b, path, int64(mb)<<20)
	b.Logf("generated %.1f MB, %d organizations, in %v", float64(size)/(1<<20), orgs, time.Since(start).Round(time.Millisecond))

	run := func(name string, decode func(f *os.File) (int, error)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			runtime.GC()
			peak := startHeapSampler()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				n, err := decode(f)
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
				if n != orgs {
					b.Fatalf("decoded %d organizations, want %d", n, orgs)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(peak())/(1<<20), "peak-MB")
		})
	}
	run("stream", func(f *os.File) (int, error) {
		n := 0
		for o, err := range DecodeBillingReport(bufio.NewReaderSize(f, 64<<10)) {
			if err != nil {
				return n, err
			}
			if o.OrganizationID == "" {
				return n, fmt.Errorf("organization %d without id", n)
			}
			n++
		}
		return n, nil
	})
	run("decode-all", func(f *os.File) (int, error) {
		rep, err := ReadBillingReport(bufio.NewReaderSize(f, 64<<10))
		if err != nil {
			return 0, err
		}
		n := 0
		for range rep.Organizations() {
			n++
		}
		return n, nil
	})
	srv := benchTaskServer(b, path)
	defer srv.Close()
	client, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID))
	if err != nil {
		b.Fatal(err)
	}
	run("async-task-walk", func(*os.File) (int, error) {
		ctx := context.Background()
		p, _, err := client.Billing.BeginMonthlyBillingPerOrganization(ctx, NewDate(2020, 4, 1), NewDate(2020, 4, 30), nil)
		if err != nil {
			return 0, err
		}
		task, err := p.PollUntilDone(ctx, &PollOptions{Frequency: time.Millisecond})
		if err != nil {
			return 0, err
		}
		n := 0
		for o, err := range task.Walk(ctx) {
			if err != nil {
				return n, err
			}
			if o.OrganizationID == "" {
				return n, fmt.Errorf("organization %d without id", n)
			}
			n++
		}
		return n, nil
	})
	run("baseline-encoding-json", func(f *os.File) (int, error) {
		var rep []baselineRun
		if err := json.NewDecoder(f).Decode(&rep); err != nil {
			return 0, err
		}
		n := 0
		for _, r := range rep {
			n += len(r.Organizations)
		}
		return n, nil
	})
}

// benchTaskServer serves the asynchronous report: a token, a start answering with a task id,
// then per task a 202 and afterwards the report file.
func benchTaskServer(b *testing.B, path string) *httptest.Server {
	var tasks atomic.Int64
	var mu sync.Mutex
	polls := map[string]int{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"t","expires_in":3600,"token_type":"Bearer"}`)
	})
	mux.HandleFunc("POST /api/resellers/{r}/billing/reports/MonthlyBillingPerOrganizationAsync", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, `{"taskId":"task-%d"}`, tasks.Add(1))
	})
	mux.HandleFunc("GET /api/resellers/{r}/billing/reports/MonthlyBillingPerOrganizationAsync/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		polls[r.PathValue("id")]++
		n := polls[r.PathValue("id")]
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		f, err := os.Open(path)
		if err != nil {
			b.Error(err)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.Copy(w, f) // fails early when the client closes after its peek
	})
	return httptest.NewServer(mux)
}

// The baseline's string-typed structs, the same shape as the SDK's.
type baselineRun struct {
	BillingDate   string        `json:"billingDate"`
	Organizations []baselineOrg `json:"organizations"`
}

type baselineOrg struct {
	Name           string            `json:"name"`
	CustomerNumber string            `json:"customerNumber"`
	OrgID          string            `json:"orgId"`
	Services       []baselineService `json:"services"`
}

type baselineService struct {
	ServiceName        string         `json:"serviceName"`
	ServiceID          string         `json:"serviceId"`
	TotalResellerPrice string         `json:"totalResellerPrice"`
	TotalCustomerPrice string         `json:"totalCustomerPrice"`
	CurrencyCode       string         `json:"currencyCode"`
	Items              []baselineItem `json:"items"`
}

type baselineItem struct {
	ItemName             string            `json:"itemName"`
	Quantity             json.Number       `json:"quantity"`
	TotalResellerPrice   string            `json:"totalResellerPrice"`
	TotalCustomerPrice   string            `json:"totalCustomerPrice"`
	ResellerPricePerUnit string            `json:"resellerPricePerUnit"`
	CustomerPricePerUnit string            `json:"customerPricePerUnit"`
	Products             []baselineProduct `json:"products"`
}

type baselineProduct struct {
	ProductName          string          `json:"productName"`
	ProductID            string          `json:"productId"`
	ItemCode             string          `json:"itemCode"`
	Quantity             json.Number     `json:"quantity"`
	ResellerPricePerUnit string          `json:"resellerPricePerUnit"`
	CustomerPricePerUnit string          `json:"customerPricePerUnit"`
	TotalResellerPrice   string          `json:"totalResellerPrice"`
	TotalCustomerPrice   string          `json:"totalCustomerPrice"`
	ItemDetails          json.RawMessage `json:"itemDetails"`
}

// writeBenchReport writes a report of about size bytes: billing runs of 1000 organizations,
// each with 3 services of 2 to 4 subscriptions of 1 or 2 products, amounts varying. It
// returns the size written and the number of organizations.
func writeBenchReport(b testing.TB, path string, size int64) (int64, int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	var written int64
	orgs := 0
	flush := func() {
		n, _ := w.Write(buf)
		written += int64(n)
		buf = buf[:0]
	}
	buf = append(buf, '[')
	for run := 0; written < size || run == 0; run++ {
		if run > 0 {
			buf = append(buf, ',')
		}
		buf = fmt.Appendf(buf, `{"billingDate":"2020-04-%02dT23:59:59","organizations":[`, run%28+1)
		for o := 0; o < 1000 && (written < size || o == 0); o++ {
			if o > 0 {
				buf = append(buf, ',')
			}
			buf = appendBenchOrg(buf, orgs)
			orgs++
			if len(buf) > 64<<10 {
				flush()
			}
		}
		buf = append(buf, "]}"...)
	}
	buf = append(buf, ']')
	flush()
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return written, orgs
}

func appendBenchOrg(buf []byte, n int) []byte {
	buf = fmt.Appendf(buf, `{"name":"Organization %d AB","customerNumber":"C%06d","orgId":"%08x-dabc-4b5e-8027-991539ad7066","services":[`, n, n, n)
	for s := 0; s < 3; s++ {
		if s > 0 {
			buf = append(buf, ',')
		}
		cents := 1000 + int(benchHash(n*4+s)%900000)
		buf = fmt.Appendf(buf, `{"serviceName":"Service %d","serviceId":"a65727d5-3d23-455d-9ee6-%012x","totalResellerPrice":"%d.%02d","totalCustomerPrice":"%d.%02d","currencyCode":"SEK","items":[`,
			s, s, cents/100*3, cents%100, cents/100*4, cents%100)
		items := 2 + (n+s)%3
		for i := 0; i < items; i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			// Unit prices come from a price list of 300 SKUs; quantities vary from 1 to 500,
			// so totals rarely repeat.
			h := benchHash(n*16 + s*4 + i)
			unit := 100 + int(h%300)*37
			q := 1 + int(h>>20)%500
			buf = fmt.Appendf(buf, `{"itemName":"Subscription %d-%d ","quantity":%d.0000,"totalResellerPrice":"%d.%02d","totalCustomerPrice":"%d.%02d","resellerPricePerUnit":"%d.%02d","customerPricePerUnit":"%d.%02d","products":[`,
				s, i, q, unit*q/100, unit*q%100, unit*q*4/300, unit*q*4/3%100, unit/100, unit%100, unit*4/300, unit*4/3%100)
			for p := 0; p < 1+(i%2); p++ {
				if p > 0 {
					buf = append(buf, ',')
				}
				buf = fmt.Appendf(buf, `{"productName":"Product %d ","productId":"587c84f5-820c-4673-97e5-%012x","itemCode":"ITEM%05d","quantity":%d.0000,"resellerPricePerUnit":"%d.%02d","customerPricePerUnit":"%d.%02d","totalResellerPrice":"%d.%02d","totalCustomerPrice":"%d.%02d","itemDetails":null}`,
					p, i*10+p, (s*100+i*10+p)%100000, q, unit/100, unit%100, unit*4/300, unit*4/3%100, unit*q/100, unit*q%100, unit*q*4/300, unit*q*4/3%100)
			}
			buf = append(buf, "]}"...)
		}
		buf = append(buf, "]}"...)
	}
	return append(buf, "]}"...)
}

// benchHash mixes n (splitmix64) for varied but reproducible amounts.
func benchHash(n int) uint64 {
	x := uint64(n) + 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// startHeapSampler samples the heap in use (runtime/metrics' heap objects plus unused heap
// bytes: MemStats.HeapInuse) every 200µs until the returned function is called, which
// returns the highest value seen.
func startHeapSampler() func() uint64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	read := func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() + samples[1].Value.Uint64()
	}
	var peak atomic.Uint64
	peak.Store(read())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	return func() uint64 {
		close(stop)
		wg.Wait()
		if v := read(); v > peak.Load() {
			peak.Store(v)
		}
		return peak.Load()
	}
}
