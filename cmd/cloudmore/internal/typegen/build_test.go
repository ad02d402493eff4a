package typegen

import (
	"bytes"
	"context"
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
)

// fixture is the synthetic document of testdata (a TEST FIXTURE, NOT A SOURCE about Cloudmore).
const fixture = "testdata/fixture-swagger.json"

// sdkRoot is the SDK's directory, from this package's.
const sdkRoot = "../../../.."

// loadFixture reads the fixture with swagger check's loader.
func loadFixture(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := swaggercheck.Fetch(context.Background(), fixture)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := swaggercheck.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGeneratedSDKBuildsDecodesAndIsStable runs the generator on a copy of the SDK package
// with the fixture, builds the copy, runs a program that decodes the fixture's examples into
// the generated models and encodes a body, and runs the generator again.
func TestGeneratedSDKBuildsDecodesAndIsStable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a copy of the SDK")
	}
	dir := t.TempDir()
	copySDK(t, sdkRoot, dir)
	doc := loadFixture(t)

	res, err := Generate(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	models := map[string]Model{}
	for _, m := range res.Models {
		models[m.GoType] = m
	}
	wantAdded := map[string]int{"UserGroup": 9, "UserGroupMember": 3, "CreateUserGroupRequest": 3, "BillingUsageLine": 8}
	for goType, n := range wantAdded {
		if got := len(models[goType].Added); got != n {
			t.Errorf("%s: %d fields added, want %d:\n%s", goType, got, n, models[goType].text())
		}
	}
	if m := models["SubscriptionHistory"]; !strings.Contains(m.Skip, "UnmarshalJSON is not a plain struct decode") {
		t.Errorf("SubscriptionHistory (a custom shape) is not skipped: %+v", m)
	}
	if m := models["CreateUserGroupRequest"]; len(m.Skipped) != 1 || m.Skipped[0].Property != "id" {
		t.Errorf("CreateUserGroupRequest: the read-only id is not skipped: %+v", m.Skipped)
	}
	if strings.Join(res.NotInSDK, ",") != "FixtureOnlyViewModel" {
		t.Errorf("models the SDK does not name: %v", res.NotInSDK)
	}
	if len(res.NotInDocument) < 100 || !strings.Contains(strings.Join(res.NotInDocument, "\n"), "Organization (OrganizationViewModel)") {
		t.Errorf("SDK models absent from the document: %d %v", len(res.NotInDocument), res.NotInDocument)
	}
	if err := res.Write(); err != nil {
		t.Fatal(err)
	}

	// The README shows the generator's output for UserGroup, as it is.
	readme, err := os.ReadFile(filepath.Join(sdkRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := models["UserGroup"].text(); !strings.Contains(string(readme), want) {
		t.Errorf("README.md does not show the generator's output for UserGroup; it is now:\n%s", want)
	}

	// Build the copy and run a program on the fixture's examples.
	writeExamples(t, filepath.Join(dir, "examples.json"))
	if err := os.MkdirAll(filepath.Join(dir, "typegencheck"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "typegencheck", "main.go"), []byte(checkProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "build", "./...")
	out := goCmd(t, dir, "run", "./typegencheck", "examples.json")
	want := `group: id=6f1c2a52-0000-4000-8000-00000000f1a7 name="Fixture group" default=true count=2 created=2026-02-03T04:05:06.1234567Z tags=[x y] settings={"visible":true}
member: 6f1c2a52-0000-4000-8000-0000000000a1 a@fixture.example A unknown-in-raw=true
member: 6f1c2a52-0000-4000-8000-0000000000b2 b@fixture.example B unknown-in-raw=false
owner: A
group raw: unknown kept=true, the whole answer=true
line: meter="Fixture meter" quantity=3.5000 unit=12.3400 total=43.19 date=2026-01-31T00:00:00Z start=2026-01-01 count=9007199254740993 status=Billed
line raw: unknown kept=true
request: {"color":"blue","isDefault":false,"memberIds":["6f1c2a52-0000-4000-8000-0000000000a1"],"name":"Sales"}
request with only Extra: {"name":"Sales"}
an Extra key repeating a set field refused: true
`
	if out != want {
		t.Errorf("the program printed:\n%s\nwant:\n%s", out, want)
	}

	// Again: nothing changes.
	before := snapshot(t, dir)
	res, err = Generate(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Write(); err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 0 || res.Added() != 0 {
		t.Errorf("the second run changes %d files, adds %d fields", len(res.Files), res.Added())
	}
	if after := snapshot(t, dir); after != before {
		t.Error("the second run changed the files on disk")
	}
}

// checkProgram decodes the fixture's examples into the generated models and encodes a body.
const checkProgram = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

func main() {
	b, err := os.ReadFile(os.Args[1])
	check(err)
	var ex map[string]json.RawMessage
	check(json.Unmarshal(b, &ex))

	var g cloudmore.UserGroup
	check(json.Unmarshal(ex["OrganizationUserGroupViewModel"], &g))
	fmt.Printf("group: id=%s name=%q default=%v count=%d created=%s tags=%v settings=%s\n",
		g.ID, g.Name, bool(g.IsDefault), g.MemberCount, g.CreatedOn.Format(time.RFC3339Nano), g.Tags, g.Settings)
	for _, m := range g.Members {
		fmt.Printf("member: %s %s %s unknown-in-raw=%v\n", m.UserID, m.Email, m.DisplayName, bytes.Contains(m.Raw, []byte("\"memberOnly\"")))
	}
	fmt.Printf("owner: %s\n", g.Owner.DisplayName)
	fmt.Printf("group raw: unknown kept=%v, the whole answer=%v\n",
		bytes.Contains(g.Raw, []byte("\"notInTheFixtureSchema\"")), bytes.Equal(g.Raw, ex["OrganizationUserGroupViewModel"]))

	var l cloudmore.BillingUsageLine
	check(json.Unmarshal(ex["AzureOneTimeBilledUsageReportLineItemViewModel"], &l))
	var unit cloudmore.Decimal = l.UnitPrice // money is a Decimal
	fmt.Printf("line: meter=%q quantity=%s unit=%s total=%s date=%s start=%s count=%d status=%s\n",
		l.MeterName, l.Quantity, unit, l.TotalPrice, l.UsageDate.Format(time.RFC3339), l.ChargeStartDate, l.ResourceCount, l.Status)
	fmt.Printf("line raw: unknown kept=%v\n", bytes.Contains(l.Raw, []byte("\"meterRegion\"")))

	no := false
	req := cloudmore.CreateUserGroupRequest{Name: "Sales", IsDefault: &no,
		MemberIDs: []string{"6f1c2a52-0000-4000-8000-0000000000a1"}, Extra: map[string]any{"color": "blue"}}
	out, err := json.Marshal(req)
	check(err)
	fmt.Printf("request: %s\n", out)
	out, err = json.Marshal(cloudmore.CreateUserGroupRequest{Extra: map[string]any{"name": "Sales"}})
	check(err)
	fmt.Printf("request with only Extra: %s\n", out)
	req.Extra = map[string]any{"name": "again"}
	_, err = json.Marshal(req)
	fmt.Printf("an Extra key repeating a set field refused: %v\n", err != nil)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// writeExamples writes the fixture's examples, by model, keeping their text.
func writeExamples(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Definitions map[string]struct {
			Example json.RawMessage `json:"example"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	ex := map[string]json.RawMessage{}
	for name, d := range doc.Definitions {
		if d.Example != nil {
			ex[name] = d.Example
		}
	}
	out, err := json.Marshal(ex)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in dir, outside the workspace, and returns its stdout.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod -buildvcs=false")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// copySDK copies the SDK package's non-test Go files, go.mod and go.sum, and the packages
// of the SDK's module that it imports (internal/...), into dir.
func copySDK(t *testing.T, root, dir string) {
	t.Helper()
	for _, name := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(root, name), filepath.Join(dir, name))
	}
	done := map[string]bool{}
	var copyPkg func(rel string)
	copyPkg = func(rel string) {
		if done[rel] {
			return
		}
		done[rel] = true
		entries, err := os.ReadDir(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			src := filepath.Join(root, rel, n)
			copyFile(t, src, filepath.Join(dir, rel, n))
			f, err := parser.ParseFile(token.NewFileSet(), src, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(p, sdkModule+"/") {
					copyPkg(filepath.FromSlash(strings.TrimPrefix(p, sdkModule+"/")))
				}
			}
		}
	}
	copyPkg(".")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot is the text of every Go file directly in dir.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			c, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(e.Name() + "\n" + string(c))
		}
	}
	return b.String()
}
