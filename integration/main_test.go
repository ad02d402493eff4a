package integration

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
)

// stagingSkipped is the message of the parts that only make sense against a real host.
const stagingSkipped = "no CLOUDMORE_* credentials: staging part skipped"

// suite is the run's configuration, read once by TestMain.
var suite struct {
	opts    []cloudmore.Option // from CLOUDMORE_* (cloudmore.OptionsFromEnv); nil: the fake
	optsErr error              // the environment is unusable (half-set, or live without permission)
	runID   string             // "sdkit-<unix>-<rand>-"
	strict  string             // "", "1" or "fail"
	unknown unknownFields

	once   sync.Once
	client *cloudmore.Client // shared against staging, so the token is reused
	err    error
}

func TestMain(m *testing.M) {
	suite.opts, suite.optsErr = cloudmore.OptionsFromEnv()
	suite.runID = newRunID()
	suite.strict = os.Getenv("CLOUDMORE_STRICT")
	os.Exit(finish(m.Run(), suite.strict, &suite.unknown, os.Stdout))
}

// newRunID returns the prefix of everything a run creates: "sdkit-<unix time>-<6 random hex>-",
// unique per run so that parallel runs on one account never touch each other's data.
func newRunID() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("sdkit-%d-%s-", time.Now().Unix(), hex.EncodeToString(b[:]))
}

// finish returns the exit code of the run. With CLOUDMORE_STRICT set it first prints the
// summary of unknown answer members to w; CLOUDMORE_STRICT=fail turns a run that passed but
// saw one into a failure.
func finish(code int, strict string, u *unknownFields, w io.Writer) int {
	if strict == "" {
		return code
	}
	if n := u.report(w); n > 0 && strict == "fail" && code == 0 {
		fmt.Fprintln(w, "FAIL: CLOUDMORE_STRICT=fail and the answers hold members the SDK does not model")
		return 1
	}
	return code
}

// env is what a scenario works with.
type env struct {
	c     *cloudmore.Client
	fake  *cloudmoretest.Server // nil against staging
	runID string
}

// setup returns the scenario's client: a fresh fake for each test without credentials, the
// shared staging client otherwise. It fails the test at once when the environment is unusable,
// for example production without CLOUDMORE_ALLOW_LIVE=1.
func setup(t *testing.T) *env {
	t.Helper()
	if suite.optsErr != nil {
		t.Fatalf("refusing to run: %v", suite.optsErr)
	}
	var opts []cloudmore.Option
	if suite.strict != "" {
		opts = append(opts, cloudmore.WithUnknownFieldHandler(suite.unknown.add))
	}
	if suite.opts == nil {
		t.Log("no CLOUDMORE_* credentials: running against the built-in fake")
		srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.PollsUntilDone = 1 })
		return &env{c: srv.Client(opts...), fake: srv, runID: suite.runID}
	}
	suite.once.Do(func() {
		suite.client, suite.err = cloudmore.NewClient(slices.Concat(suite.opts, opts,
			[]cloudmore.Option{cloudmore.WithUserAgent("cloudmore-go-integration")})...)
	})
	if suite.err != nil {
		t.Fatal(suite.err)
	}
	t.Logf("running against Cloudmore at %s, run id %s", suite.client.BaseURL(), suite.runID)
	return &env{c: suite.client, runID: suite.runID}
}

// stagingOnly skips the rest of the test on the fake.
func (e *env) stagingOnly(t *testing.T) {
	t.Helper()
	if e.fake != nil {
		t.Skip(stagingSkipped)
	}
}

// ctx is the test's context with a deadline.
func (e *env) ctx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// must fails the test on err. Against staging, a 403 skips it instead (see accountLacks).
func (e *env) must(t testing.TB, err error, what string) {
	t.Helper()
	e.check(t, err, what, false)
}

// capability is must for a call that needs something the broker's account may not have: a
// service or integration enabled for the broker (adding Microsoft CSP, the CSP and NCE
// products, an NCE order), a price-list change, a billing report, the platform's lists.
// Against staging such a call also skips the test on a 404 or 405, or when Cloudmore says the
// feature is not available (see accountLacks). Use must for calls on what the test created
// itself: a 404 there is a failure.
func (e *env) capability(t testing.TB, err error, what string) {
	t.Helper()
	e.check(t, err, what, true)
}

// check is must (capability false) and capability (true). The fake can do everything, so
// there every error fails the test.
func (e *env) check(t testing.TB, err error, what string, capability bool) {
	t.Helper()
	if err == nil {
		return
	}
	if e.fake == nil {
		if why := accountLacks(err, capability); why != "" {
			t.Skipf("%s: %s: %v", what, why, err)
		}
	}
	t.Fatalf("%s: %v", what, err)
}

// accountLacks is the suite's rule for "skip, never fail" against staging: it returns why err
// shows that the account lacks what the call needs (rather than that the SDK is wrong), or ""
// when err is a failure. For any call that is a 403: the API user may not do this. For a
// capability call it is also a 404 or 405 (Cloudmore has the operation, but not for this
// broker, typically because the service is not enabled for it), and an error answer whose
// message says the feature is "not available" or "not enabled". Anything else, such as a 400
// about the request, a 5xx or a network error, is a failure.
func accountLacks(err error, capability bool) string {
	var apiErr *cloudmore.APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	switch {
	case apiErr.StatusCode == http.StatusForbidden:
		return "the account may not do this (403)"
	case !capability:
		return ""
	case apiErr.StatusCode == http.StatusNotFound, apiErr.StatusCode == http.StatusMethodNotAllowed:
		return fmt.Sprintf("not enabled for this broker (%d)", apiErr.StatusCode)
	case apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 && saysNotAvailable(apiErr):
		return fmt.Sprintf("Cloudmore says the feature is not available (%d)", apiErr.StatusCode)
	}
	return ""
}

// saysNotAvailable reports whether Cloudmore's explanation of an error says that a feature is
// not available or not enabled.
func saysNotAvailable(e *cloudmore.APIError) bool {
	msgs := []string{e.Message}
	for _, it := range e.Items {
		msgs = append(msgs, it.Message)
	}
	for _, m := range msgs {
		m = strings.ToLower(m)
		if strings.Contains(m, "not available") || strings.Contains(m, "not enabled") {
			return true
		}
	}
	return false
}

// cleanup registers f to run when the test ends, failed or not, with a context of its own.
// A failure is an error on the fake; on staging it is logged as something left behind, so a
// scenario that passed does not fail on what the account may not delete.
func (e *env) cleanup(t testing.TB, what string, f func(ctx context.Context) error) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if err := f(ctx); err != nil {
			if e.fake != nil {
				t.Errorf("cleanup: %s: %v", what, err)
			} else {
				t.Logf("LEFT BEHIND: %s: %v", what, err)
			}
		}
	})
}

// newOrganization creates an organization named runID+suffix and deletes it at the end.
func (e *env) newOrganization(t *testing.T, suffix string) (id string, req *cloudmore.CreateOrganizationRequest) {
	t.Helper()
	req = organizationRequest(e.runID + suffix)
	created, _, err := e.c.Organizations.Create(e.ctx(t), req)
	e.must(t, err, "create organization")
	if created.ID == "" {
		t.Fatalf("create organization: the answer names no id (Location %q, body %s)", created.Location, created.Body)
	}
	e.cleanup(t, "delete organization "+req.Name, func(ctx context.Context) error {
		_, err := e.c.Organizations.Delete(ctx, created.ID)
		return err
	})
	return created.ID, req
}

// organizationRequest returns a complete create request for a test organization called name,
// with a Swedish address and the primary domain "<name>.example.com"; name must be usable as a
// domain label (letters, digits, hyphens), as the run's prefix is.
func organizationRequest(name string) *cloudmore.CreateOrganizationRequest {
	domain := strings.ToLower(strings.Trim(name, "-")) + ".example.com"
	return &cloudmore.CreateOrganizationRequest{
		Name:               name,
		RegistrationNumber: fmt.Sprintf("SDK-%08x", crc32.ChecksumIEEE([]byte(name))), // unique per name
		Contact:            &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane.doe@" + domain, Phone: "+46812345678"},
		NotificationEmail:  "notifications@" + domain,
		Address:            &cloudmore.OrganizationAddress{Street: "Storgatan 1", PostalCode: "111 22", City: "Stockholm", CountryCode: "SE"},
		PrimaryDomain:      domain,
	}
}

// estoreService finds a service in the organization's E-store, or skips: the account's
// offering decides what is there.
func (e *env) estoreService(t *testing.T, orgID, what string, match func(cloudmore.EstoreItem) bool) cloudmore.EstoreItem {
	t.Helper()
	items, _, err := e.c.Estore.List(e.ctx(t), orgID)
	e.must(t, err, "list the E-store")
	for _, it := range items {
		if match(it) {
			return it
		}
	}
	if e.fake != nil {
		t.Fatalf("the fake's E-store has no %s", what)
	}
	t.Skipf("no %s in the E-store of this account (%d services)", what, len(items))
	return cloudmore.EstoreItem{}
}

// isCustomService matches a broker's or seller's custom service, like the guide's Box.com.
func isCustomService(it cloudmore.EstoreItem) bool { return !it.IsCloudmoreService() }

// isCSPService matches Microsoft O365 CSP Direct.
func isCSPService(it cloudmore.EstoreItem) bool {
	return it.IsCloudmoreService() && strings.Contains(strings.ToUpper(it.Name), "CSP")
}

// unknownFields collects what strict decoding reports, per operation: the method and the path
// with every id segment (a GUID or a number) replaced by {id}, so that the same operation on
// different organizations is one entry.
type unknownFields struct {
	mu  sync.Mutex
	ops map[string]map[string]bool // "GET /api/resellers/{id}/Organizations" -> field paths
}

var idSegment = regexp.MustCompile(`(?i)^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$`)

func (u *unknownFields) add(method, path string, fields []string) {
	if len(fields) == 0 {
		return
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if idSegment.MatchString(s) {
			segs[i] = "{id}"
		}
	}
	op := method + " " + strings.Join(segs, "/")
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ops == nil {
		u.ops = map[string]map[string]bool{}
	}
	if u.ops[op] == nil {
		u.ops[op] = map[string]bool{}
	}
	for _, f := range fields {
		u.ops[op][f] = true
	}
}

// report prints the summary line, then one finding a member in the format of `cloudmore
// swagger check` (internal/drift, kind property-not-in-sdk), so that the two reports read side
// by side, and returns how many unknown members were seen (each path once per operation).
func (u *unknownFields) report(w io.Writer) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	var findings []drift.Finding
	for op, fields := range u.ops {
		for f := range fields {
			findings = append(findings, drift.Finding{Kind: drift.PropertyNotInSDK, Operation: op, Name: f,
				Detail: "in the answer; the SDK's model has no field for it"})
		}
	}
	drift.Sort(findings)
	fmt.Fprintf(w, "strict decoding: %d answer member(s) the SDK does not model, in %d operation(s)\n", len(findings), len(u.ops))
	if len(findings) > 0 {
		_ = drift.Write(w, findings)
	}
	return len(findings)
}
