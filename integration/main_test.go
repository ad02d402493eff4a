package integration

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/cloudmore-sdk/cloudmore-go/internal/exampleenv"
)

// stagingSkipped is the message of the parts that only make sense against a real host.
const stagingSkipped = "no CLOUDMORE_* credentials: staging part skipped"

// suite is the run's configuration, read once by TestMain.
var suite struct {
	cfg     *exampleenv.Config // nil: the fake
	cfgErr  error              // the environment is unusable (half-set, or live without permission)
	runID   string             // "sdkit-<unix>-<rand>-"
	strict  string             // "", "1" or "fail"
	unknown unknownFields

	once   sync.Once
	client *cloudmore.Client // shared against staging, so the token is reused
	err    error
}

func TestMain(m *testing.M) {
	suite.cfg, suite.cfgErr = exampleenv.FromEnv()
	var b [3]byte
	_, _ = rand.Read(b[:])
	suite.runID = fmt.Sprintf("sdkit-%d-%s-", time.Now().Unix(), hex.EncodeToString(b[:]))
	suite.strict = os.Getenv("CLOUDMORE_STRICT")

	code := m.Run()

	if suite.strict != "" {
		n := suite.unknown.report(os.Stdout)
		if n > 0 && suite.strict == "fail" && code == 0 {
			fmt.Println("FAIL: CLOUDMORE_STRICT=fail and the answers hold members the SDK does not model")
			code = 1
		}
	}
	os.Exit(code)
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
	if suite.cfgErr != nil {
		t.Fatalf("refusing to run: %v", suite.cfgErr)
	}
	var opts []cloudmore.Option
	if suite.strict != "" {
		opts = append(opts, cloudmore.WithUnknownFieldHandler(suite.unknown.add))
	}
	if suite.cfg == nil {
		t.Log("no CLOUDMORE_* credentials: running against the built-in fake")
		srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.PollsUntilDone = 1 })
		return &env{c: srv.Client(opts...), fake: srv, runID: suite.runID}
	}
	suite.once.Do(func() {
		suite.client, suite.err = cloudmore.NewClient(append(suite.cfg.Options(),
			append(opts, cloudmore.WithUserAgent("cloudmore-go-integration"))...)...)
	})
	if suite.err != nil {
		t.Fatal(suite.err)
	}
	t.Logf("running against Cloudmore %s (%s), run id %s", suite.cfg.Environment, suite.client.BaseURL(), suite.runID)
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

// must fails the test on err, except that what the account may not do (403) skips it against
// staging. The fake can do everything, so there every error fails.
func (e *env) must(t *testing.T, err error, what string) {
	t.Helper()
	if err == nil {
		return
	}
	if e.fake == nil && errors.Is(err, cloudmore.ErrForbidden) {
		t.Skipf("%s: the account may not do this (403): %v", what, err)
	}
	t.Fatalf("%s: %v", what, err)
}

// cleanup registers f to run when the test ends, failed or not, with a context of its own.
// A failure is an error on the fake; on staging it is logged as something left behind, so a
// scenario that passed does not fail on what the account may not delete.
func (e *env) cleanup(t *testing.T, what string, f func(ctx context.Context) error) {
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
	req = exampleenv.OrganizationRequest(e.runID + suffix)
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

// unknownFields collects what strict decoding reports, per operation.
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

// report prints the summary and returns how many unknown members were seen.
func (u *unknownFields) report(w *os.File) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	n := 0
	ops := make([]string, 0, len(u.ops))
	for op := range u.ops {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		n += len(u.ops[op])
	}
	fmt.Fprintf(w, "strict decoding: %d answer member(s) the SDK does not model, in %d operation(s)\n", n, len(ops))
	for _, op := range ops {
		fields := make([]string, 0, len(u.ops[op]))
		for f := range u.ops[op] {
			fields = append(fields, f)
		}
		slices.Sort(fields)
		fmt.Fprintf(w, "  %s\n      %s\n", op, strings.Join(fields, "\n      "))
	}
	return n
}

func isForbidden(err error) bool { return errors.Is(err, cloudmore.ErrForbidden) }
