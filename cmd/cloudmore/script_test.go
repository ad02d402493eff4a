package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"cloudmore":     main,
		"cloudmore-tty": mainOnTerminal, // confirm_test.go
	})
}

// Secrets of each script's own fake, unlike anything else in the output, so that a script can
// assert they are never printed.
const (
	scriptSecret   = "Sx-client-secret-7f3a91"
	scriptPassword = "Px-password-c04e28"
	scriptUser     = "api.user@broker.example"
)

type fakeKey struct{}

// TestScripts runs the end-to-end scripts of testdata/script against the built command.
// Each script has the built-in fake (--fake) and, besides, a fake server of its own that the
// command reaches through CLOUDMORE_* ($FAKE_URL ...) and that fakectl scripts faults on.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			srv, err := cloudmoretest.Start(cloudmoretest.Options{
				ClientSecret: scriptSecret,
				Users:        []cloudmoretest.User{{Username: scriptUser, Password: scriptPassword}},
			})
			if err != nil {
				return err
			}
			env.Defer(srv.Close)
			env.Values[fakeKey{}] = srv
			env.Setenv("FAKE_URL", srv.URL())
			env.Setenv("FAKE_RESELLER_ID", srv.ResellerID())
			env.Setenv("FAKE_SELLER_ID", srv.SellerID())
			env.Setenv("FAKE_SECRET", scriptSecret)
			env.Setenv("FAKE_PASSWORD", scriptPassword)
			env.Setenv("FAKE_USER", scriptUser)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, "config"))
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			env.Setenv("NO_COLOR", "1")
			return writeSwaggerFixtures(env.WorkDir)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":  cmdStatus,
			"fakectl": cmdFakectl,
			"capture": cmdCapture,
			// fake_script_test.go
			"receiver":  cmdReceiver,
			"freeport":  cmdFreeport,
			"waitserve": cmdWaitserve,
			"mode":      cmdMode,
		},
	})
}

// cmdStatus: status N command args... runs the command and checks its exit code; stdout and
// stderr are then the command's, as after exec.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE command args...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("%v", err)
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdFakectl scripts the script's fake server:
//
//	fakectl drop METHOD PATTERN N         lose the answers of the next N matching requests
//	fakectl fail METHOD PATTERN STATUS [BODYFILE]  answer the next matching request with STATUS
//	fakectl count METHOD PATTERN N        N matching requests were sent
//	fakectl sent METHOD PATTERN REGEXP    the last matching request's body matches REGEXP
//	fakectl query METHOD PATTERN REGEXP   the last matching request's query (encoded) matches REGEXP
//	fakectl total N                       N requests in all reached the fake (token requests included)
func cmdFakectl(ts *testscript.TestScript, neg bool, args []string) {
	srv := ts.Value(fakeKey{}).(*cloudmoretest.Server)
	if len(args) == 2 && args[0] == "total" {
		want, err := strconv.Atoi(args[1])
		ts.Check(err)
		if got := srv.Requests(); len(got) != want {
			ts.Fatalf("%d requests reached the fake, want %d: %v", len(got), want, got)
		}
		return
	}
	matching := func(method, pattern string) []cloudmoretest.Request {
		pat := "^" + strings.ReplaceAll(strings.ReplaceAll(regexp.QuoteMeta(strings.ToLower(pattern)), `\*`, "[^/]+"), `\{resellerid\}`, "[^/]+") + "$"
		re := regexp.MustCompile(pat)
		var out []cloudmoretest.Request
		for _, r := range srv.Requests() {
			if r.Method == method && re.MatchString(strings.ToLower(r.Path)) {
				out = append(out, r)
			}
		}
		return out
	}
	if len(args) == 4 && args[0] == "count" { // fakectl count METHOD PATTERN N: N such requests were sent
		want, err := strconv.Atoi(args[3])
		ts.Check(err)
		if got := len(matching(args[1], args[2])); got != want {
			ts.Fatalf("%d requests %s %s, want %d", got, args[1], args[2], want)
		}
		return
	}
	if len(args) == 4 && (args[0] == "sent" || args[0] == "query") { // the last such request's body (query) matches
		rs := matching(args[1], args[2])
		if len(rs) == 0 {
			ts.Fatalf("no request %s %s", args[1], args[2])
		}
		got := string(rs[len(rs)-1].Body)
		if args[0] == "query" {
			got = rs[len(rs)-1].Query.Encode()
		}
		if !regexp.MustCompile(args[3]).MatchString(got) {
			ts.Fatalf("%s %s sent %s %q, want it to match %s", args[1], args[2], args[0], got, args[3])
		}
		return
	}
	if len(args) < 4 {
		ts.Fatalf("usage: fakectl drop|fail METHOD PATTERN N|STATUS")
	}
	n, err := strconv.Atoi(args[3])
	ts.Check(err)
	switch args[0] {
	case "drop":
		srv.DropConnection(args[1], args[2], n)
	case "fail":
		f := cloudmoretest.Fault{Status: n}
		if len(args) > 4 {
			f.Body = ts.ReadFile(args[4])
		}
		srv.ScriptStatuses(args[1], args[2], f)
	default:
		ts.Fatalf("fakectl: unknown %q", args[0])
	}
}

// cmdCapture: capture VAR REGEXP [stdout|stderr] sets VAR to the regexp's first group in the
// last command's output.
func cmdCapture(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: capture VAR REGEXP [stdout|stderr]")
	}
	from := "stdout"
	if len(args) > 2 {
		from = args[2]
	}
	m := regexp.MustCompile(args[1]).FindStringSubmatch(ts.ReadFile(from))
	if len(m) < 2 {
		ts.Fatalf("capture: %q not in %s", args[1], from)
	}
	ts.Setenv(args[0], m[1])
}

// writeSwaggerFixtures writes a clean document (from the embedded SDK metadata and the
// operation table) in both forms, and drifted copies, for the swagger check scripts.
func writeSwaggerFixtures(dir string) error {
	sdk, err := metadata.Load()
	if err != nil {
		return err
	}
	table, err := os.ReadFile("internal/swaggercheck/testdata/operations-v1.07.0.txt")
	if err != nil {
		return err
	}
	clean, _ := swaggercheck.FromSDK(sdk, swaggercheck.ReadTable(table))
	write := func(name string, b []byte) error { return os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	// where the SDK disagrees with itself no document can match: accepted in the scripts
	self, err := json.MarshalIndent(append([]drift.Finding{}, swaggercheck.SelfConflicts(sdk)...), "", "  ")
	if err != nil {
		return err
	}
	if err := write("self-conflicts.json", append(self, '\n')); err != nil {
		return err
	}
	if err := write("clean-swagger2.json", clean.JSON("2.0")); err != nil {
		return err
	}
	if err := write("clean-openapi3.yaml", clean.YAML("3.0.1")); err != nil {
		return err
	}
	const orgs = "/api/resellers/{resellerId}/Organizations"
	d := clean.Clone()
	d.Ops = append(d.Ops, swaggercheck.SpecOp{Tag: "NewApi", Method: "GET", Path: "/api/resellers/{resellerId}/newThings"})
	d.Op("POST", orgs).Path = "/api/resellers/{resellerId}/organizations"
	op := d.Op("GET", orgs)
	op.Query = append(op.Query, swaggercheck.SpecParam{Name: "pageSize", Prop: swaggercheck.SpecProp{Type: "integer"}})
	op.Query[0].Required = true
	for i := range d.Ops {
		if d.Ops[i].Method == "DELETE" && d.Ops[i].Path == orgs+"/{id}" {
			d.Ops = append(d.Ops[:i], d.Ops[i+1:]...)
			break
		}
	}
	// models: an added and a removed field, and a type change (money sent as a number, the
	// document wanting a string)
	name := ""
	for _, m := range sdk.Models {
		if m.GoType == "CreateOrganizationRequest" {
			name = m.Name
		}
	}
	model := d.Models[name]
	if model == nil {
		return fmt.Errorf("the SDK metadata has no model for CreateOrganizationRequest")
	}
	model.Props = append(model.Props, swaggercheck.SpecProp{Name: "invoiceEmail", Type: "string"})
	for i := 0; i < len(model.Props); i++ {
		switch model.Props[i].Name {
		case "vat":
			model.Props = append(model.Props[:i], model.Props[i+1:]...)
			i--
		case "approvalTriggeredOn":
			model.Props[i].Type, model.Props[i].Format = "string", ""
		}
	}
	if err := write("drifted-swagger2.json", d.JSON("2.0")); err != nil {
		return err
	}
	// a document that names several models otherwise than the SDK (three models no other
	// refers to are gone under the SDK's names), with one real difference among them
	r := clean.Clone()
	referenced := map[string]bool{}
	for _, m := range r.Models {
		for _, p := range m.Props {
			referenced[p.Ref] = true
			if p.Items != nil {
				referenced[p.Items.Ref] = true
			}
		}
	}
	var gone []string
	for _, n := range sortedKeys(r.Models) {
		if !referenced[n] && n != name && len(gone) < 3 {
			gone = append(gone, n)
		}
	}
	for _, n := range gone {
		r.Models["Renamed"+n] = r.Models[n]
		delete(r.Models, n)
	}
	for i, p := range r.Models[name].Props {
		if p.Name == "approvalTriggeredOn" {
			r.Models[name].Props[i].Type, r.Models[name].Props[i].Format = "string", ""
		}
	}
	return write("renamed-models-swagger2.json", r.JSON("2.0"))
}
