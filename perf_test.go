package cloudmore

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The performance targets, checked as tests (not timed: allocation counts and heap size do not
// depend on the machine's speed). The benchmarks in bench_test.go and billing_bench_test.go
// report the figures.

// TestPerCallAllocationsStayNearAHandWrittenClient: the SDK's GET-and-decode allocates at most
// 15 times more per call than net/http + encoding/json doing the same call.
func TestPerCallAllocationsStayNearAHandWrittenClient(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	srv, _ := benchServer(t)
	url := srv.URL + "/api/resellers/" + testResellerID + "/Organizations"
	ctx := context.Background()
	hc := &http.Client{Transport: newTransport()}
	raw := func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer bench-token")
		resp, err := hc.Do(req)
		require.NoError(t, err)
		var out []benchOrg
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID))
	require.NoError(t, err)
	sdk := func() {
		orgs, _, err := c.Organizations.List(ctx, nil)
		require.NoError(t, err)
		require.Len(t, orgs, 3)
	}
	raw()
	sdk() // warm both up: connections, token
	rawAllocs := testing.AllocsPerRun(300, raw)
	sdkAllocs := testing.AllocsPerRun(300, sdk)
	t.Logf("allocations per call: hand-written %.1f, SDK %.1f", rawAllocs, sdkAllocs)
	assert.LessOrEqual(t, sdkAllocs, rawAllocs+15)
}

// TestStreamingWalkKeepsHeapFlat: walking a large billing report one organization at a time
// stays under 32 MB of heap.
func TestStreamingWalkKeepsHeapFlat(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("the race detector changes memory use; -short skips the 30 MB report")
	}
	path := filepath.Join(t.TempDir(), "report.json")
	size, orgs := writeBenchReport(t, path, 30<<20)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	runtime.GC()
	stop := startHeapSampler()
	n := 0
	for o, err := range DecodeBillingReport(f) {
		require.NoError(t, err)
		require.NotEmpty(t, o.Services)
		n++
	}
	peak := stop()
	t.Logf("%d organizations from %d MB, peak heap %.1f MB", n, size>>20, float64(peak)/(1<<20))
	assert.Equal(t, orgs, n)
	assert.Less(t, peak, uint64(32<<20), "peak heap while streaming")
}
