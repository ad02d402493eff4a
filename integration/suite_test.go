package integration

// Tests of the suite's own machinery: the skip rule, the strict summary and its exit code,
// the refusal of the live host, cleanups after a failure and the run id. The behaviours that
// end a test run are checked in a child process: the test binary run again with
// SDKIT_HELPER_PROCESS naming what TestHelperProcess does there (the os/exec pattern).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// helperProcess is the variable that makes TestHelperProcess act in a child process.
const helperProcess = "SDKIT_HELPER_PROCESS"

// unknownOrganizations is an organization list with one member no SDK model has.
const unknownOrganizations = `[{"id": "` + cloudmoretest.SeedOrganization1ID + `", "name": "A", "brandNewField": true}]`

// TestHelperProcess is not a test: it does what SDKIT_HELPER_PROCESS says, in a child
// process started by runChild, and does nothing otherwise.
func TestHelperProcess(t *testing.T) {
	switch os.Getenv(helperProcess) {
	case "":
		return
	case "list":
		// One call on the fake; with unknown=1 the answer holds a member the SDK does not model.
		e := setup(t)
		if os.Getenv("SDKIT_UNKNOWN") == "1" {
			e.fake.ScriptStatuses(http.MethodGet, "/api/resellers/{resellerId}/Organizations",
				cloudmoretest.Fault{Status: http.StatusOK, Body: unknownOrganizations})
		}
		_, _, err := e.c.Organizations.List(e.ctx(t), nil)
		e.must(t, err, "list organizations")
	case "setup":
		setup(t)
		fmt.Println("HELPER: setup accepted the environment") // sends nothing: setup makes no call
	case "failing subtest":
		e := setup(t)
		var orgID string
		t.Run("fails", func(t *testing.T) {
			orgID, _ = e.newOrganization(t, "cleanup")
			t.Fatal("HELPER: deliberate failure after creating an organization")
		})
		_, _, err := e.c.Organizations.Get(context.Background(), orgID)
		if orgID != "" && errors.Is(err, cloudmore.ErrNotFound) {
			fmt.Println("HELPER: cleaned up", orgID)
		} else {
			fmt.Printf("HELPER: left behind %q: %v\n", orgID, err)
		}
	default:
		t.Fatalf("unknown %s=%q", helperProcess, os.Getenv(helperProcess))
	}
}

// runChild runs TestHelperProcess in a child process with the given role and environment
// (every CLOUDMORE_* variable of this process left out) and returns its output and exit code.
func runChild(t *testing.T, role string, env ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.v", "-test.count=1")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CLOUDMORE_") && !strings.HasPrefix(kv, "SDKIT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, helperProcess+"="+role), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "the child did not finish:\n%s", out.String())
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		require.NoError(t, err)
	}
	return out.String(), cmd.ProcessState.ExitCode()
}

// CLOUDMORE_STRICT=fail fails a run whose tests all passed when an answer held a member the
// SDK does not model; CLOUDMORE_STRICT=1 only reports it; neither fails a clean run.
func TestStrictExitCode(t *testing.T) {
	t.Parallel()
	const summary = "strict decoding: 1 answer member(s) the SDK does not model, in 1 operation(s)\n" +
		"1 differences: 1 property-not-in-sdk\nproperty-not-in-sdk:\n  GET /api/resellers/{id}/Organizations  [].brandNewField: in the answer; the SDK's model has no field for it\n"
	const verdict = "FAIL: CLOUDMORE_STRICT=fail and the answers hold members the SDK does not model"
	for _, tc := range []struct {
		name, strict, unknown string
		code                  int
		want, notWant         []string
	}{
		{"fail, unknown member", "fail", "1", 1, []string{"--- PASS: TestHelperProcess", summary, verdict}, nil},
		{"report only", "1", "1", 0, []string{"--- PASS: TestHelperProcess", summary}, []string{verdict}},
		{"fail, nothing unknown", "fail", "0", 0,
			[]string{"strict decoding: 0 answer member(s) the SDK does not model, in 0 operation(s)"}, []string{verdict}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, code := runChild(t, "list", "CLOUDMORE_STRICT="+tc.strict, "SDKIT_UNKNOWN="+tc.unknown)
			assert.Equal(t, tc.code, code, out)
			for _, w := range tc.want {
				assert.Contains(t, out, w)
			}
			for _, w := range tc.notWant {
				assert.NotContains(t, out, w)
			}
		})
	}
}

// Production credentials without CLOUDMORE_ALLOW_LIVE=1 fail every test at setup, before a
// client exists.
func TestRefusesLiveWithoutAllowLive(t *testing.T) {
	t.Parallel()
	creds := []string{"CLOUDMORE_CLIENT_SECRET=s", "CLOUDMORE_USERNAME=u", "CLOUDMORE_PASSWORD=p",
		"CLOUDMORE_RESELLER_ID=" + cloudmoretest.DefaultResellerID}
	for _, tc := range []struct {
		name  string
		extra []string
	}{
		{"production", []string{"CLOUDMORE_ENV=production"}},
		{"production, ALLOW_LIVE not 1", []string{"CLOUDMORE_ENV=live", "CLOUDMORE_ALLOW_LIVE=yes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, code := runChild(t, "setup", append(creds, tc.extra...)...)
			assert.Equal(t, 1, code, out)
			assert.Contains(t, out, "refusing to run: CLOUDMORE_ENV=production talks to the live platform")
			assert.Contains(t, out, "set CLOUDMORE_ALLOW_LIVE=1")
			assert.NotContains(t, out, "HELPER: setup accepted")
		})
	}
}

// A cleanup registered by a subtest runs when that subtest fails: the child creates an
// organization in a subtest that then fails, and looks it up afterwards.
func TestCleanupAfterFailure(t *testing.T) {
	t.Parallel()
	out, code := runChild(t, "failing subtest")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "HELPER: deliberate failure after creating an organization")
	assert.Contains(t, out, "--- FAIL: TestHelperProcess/fails")
	assert.Contains(t, out, "HELPER: cleaned up ")
	assert.NotContains(t, out, "HELPER: left behind")
}

func TestRunID(t *testing.T) {
	const pattern = `^sdkit-\d{10}-[0-9a-f]{6}-$`
	a, b := newRunID(), newRunID()
	assert.Regexp(t, pattern, a)
	assert.NotEqual(t, a, b, "two runs in the same second differ")
	assert.Regexp(t, pattern, suite.runID)

	e := setup(t)
	if e.fake == nil {
		t.Skip("the scenarios show the names on staging")
	}
	id, req := e.newOrganization(t, "runid")
	assert.Equal(t, suite.runID+"runid", req.Name)
	org, _, err := e.c.Organizations.Get(e.ctx(t), id)
	require.NoError(t, err)
	assert.Equal(t, suite.runID+"runid", org.Name)
}

func TestUnknownFieldsReport(t *testing.T) {
	const (
		reseller = "3c913dd6-f094-4bf7-9c71-e1716ae34d50"
		org      = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	)
	var u unknownFields
	u.add("GET", "/api/resellers/"+reseller+"/Organizations", []string{"[].zeta", "[].alpha"})
	u.add("GET", "/api/resellers/"+strings.ToUpper(reseller)+"/Organizations", []string{"[].alpha"}) // same member again
	u.add("GET", "/api/resellers/"+reseller+"/Organizations/"+org+"/Users", []string{"[].x"})
	u.add("GET", "/api/resellers/"+reseller+"/Organizations/d0b55801-6cac-4221-a911-0712e78615c7/Users", []string{"[].y"})
	u.add("GET", "/api/resellers/"+reseller+"/Organizations/"+org+"/services/csp/subscriptions/12345", []string{"status"})
	u.add("DELETE", "/api/resellers/"+reseller+"/Organizations/"+org, nil) // nothing unknown: not listed

	var b bytes.Buffer
	assert.Equal(t, 5, u.report(&b))
	const why = ": in the answer; the SDK's model has no field for it\n"
	assert.Equal(t, "strict decoding: 5 answer member(s) the SDK does not model, in 3 operation(s)\n"+
		"5 differences: 5 property-not-in-sdk\n"+
		"property-not-in-sdk:\n"+
		"  GET /api/resellers/{id}/Organizations  [].alpha"+why+
		"  GET /api/resellers/{id}/Organizations  [].zeta"+why+
		"  GET /api/resellers/{id}/Organizations/{id}/Users  [].x"+why+
		"  GET /api/resellers/{id}/Organizations/{id}/Users  [].y"+why+
		"  GET /api/resellers/{id}/Organizations/{id}/services/csp/subscriptions/{id}  status"+why+
		"5 differences\n", b.String(), "the finding format of cloudmore swagger check")

	var empty unknownFields
	b.Reset()
	assert.Equal(t, 0, empty.report(&b))
	assert.Equal(t, "strict decoding: 0 answer member(s) the SDK does not model, in 0 operation(s)\n", b.String())
}

func TestFinish(t *testing.T) {
	var seen unknownFields
	seen.add("GET", "/api/x", []string{"a"})
	var none unknownFields
	for _, tc := range []struct {
		name, strict string
		u            *unknownFields
		code, want   int
		printed      bool
	}{
		{"off", "", &seen, 0, 0, false},
		{"off, failed", "", &seen, 1, 1, false},
		{"report", "1", &seen, 0, 0, true},
		{"fail", "fail", &seen, 0, 1, true},
		{"fail, clean", "fail", &none, 0, 0, true},
		{"fail, failed anyway", "fail", &seen, 2, 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			assert.Equal(t, tc.want, finish(tc.code, tc.strict, tc.u, &b))
			assert.Equal(t, tc.printed, b.Len() > 0, b.String())
		})
	}
}

func TestAccountLacks(t *testing.T) {
	apiErr := func(status int, msg string, items ...string) error {
		e := &cloudmore.APIError{StatusCode: status, Method: "POST", Path: "/api/resellers/x/organizations/y/services/Csp", Message: msg}
		for _, it := range items {
			e.Items = append(e.Items, cloudmore.ErrorItem{Code: 5, Name: "InvalidValue", Message: it})
		}
		return fmt.Errorf("add the CSP service: %w", e)
	}
	for _, tc := range []struct {
		name       string
		err        error
		must, capa string // the reason, "" for a failure
	}{
		{"403", apiErr(403, ""), "the account may not do this (403)", "the account may not do this (403)"},
		{"404", apiErr(404, ""), "", "not enabled for this broker (404)"},
		{"405", apiErr(405, ""), "", "not enabled for this broker (405)"},
		{"400 not available", apiErr(400, "", "The feature is Not Available for this reseller"), "",
			"Cloudmore says the feature is not available (400)"},
		{"409 not enabled", apiErr(409, "NCE is not enabled"), "", "Cloudmore says the feature is not available (409)"},
		{"400 other", apiErr(400, "", "Invalid domain/website:abc"), "", ""},
		{"401", apiErr(401, ""), "", ""},
		{"500 not available", apiErr(500, "Service not available"), "", ""},
		{"validation", &cloudmore.ValidationError{Field: "quantity", Reason: "must be positive"}, "", ""},
		{"network", errors.New("dial tcp: connection refused"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.must, accountLacks(tc.err, false), "must")
			assert.Equal(t, tc.capa, accountLacks(tc.err, true), "capability")
		})
	}
}

// recorder is a testing.TB that records how a helper ended the test. Like the real ones, its
// Skipf and Fatalf end the goroutine; any other method would panic (the embedded TB is nil).
type recorder struct {
	testing.TB
	ended string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) {
	r.ended = "skip: " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.ended = "fatal: " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// outcome runs f with a recorder and says how it ended: "skip: ...", "fatal: ..." or "continued".
func outcome(f func(tb testing.TB)) string {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
		r.ended = "continued"
	}()
	<-done
	return r.ended
}

// Against staging a capability call skips on 404; against the fake every error fails.
func TestMustAndCapability(t *testing.T) {
	staging := &env{}
	fake := &env{fake: cloudmoretest.NewServer(t)}
	notFound := &cloudmore.APIError{StatusCode: 404, Method: "POST", Path: "/api/x"}
	forbidden := &cloudmore.APIError{StatusCode: 403, Method: "POST", Path: "/api/x"}

	assert.Equal(t, "continued", outcome(func(tb testing.TB) { staging.capability(tb, nil, "add CSP") }))
	assert.Equal(t, "continued", outcome(func(tb testing.TB) { fake.must(tb, nil, "add CSP") }))
	assert.Equal(t, "skip: add CSP: not enabled for this broker (404): cloudmore: POST /api/x: 404 Not Found",
		outcome(func(tb testing.TB) { staging.capability(tb, notFound, "add CSP") }))
	assert.Equal(t, "fatal: get CSP: cloudmore: POST /api/x: 404 Not Found",
		outcome(func(tb testing.TB) { staging.must(tb, notFound, "get CSP") }))
	assert.Equal(t, "skip: get CSP: the account may not do this (403): cloudmore: POST /api/x: 403 Forbidden",
		outcome(func(tb testing.TB) { staging.must(tb, forbidden, "get CSP") }))
	for _, err := range []error{notFound, forbidden} {
		assert.Equal(t, "fatal: add CSP: "+err.Error(), outcome(func(tb testing.TB) { fake.capability(tb, err, "add CSP") }))
		assert.Equal(t, "fatal: add CSP: "+err.Error(), outcome(func(tb testing.TB) { fake.must(tb, err, "add CSP") }))
	}
}
