package swaggercheck

import (
	"fmt"
	"os"
	"strings"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"

	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

// guideModels are models Cloudmore's guide shows, by the SDK type standing for each; a type
// whose source has no `Cloudmore model:` line yet is taken as the model named here.
var guideModels = map[string]string{
	"CreateOrganizationRequest": "OrganizationCreateViewModel",
	"OrganizationContact":       "OrganizationContactCreateViewModel",
	"OrganizationAddress":       "OrganizationAddressCreateViewModel",
	"AddServiceRequest":         "OrganizationServiceAddViewModel",
	"Subscription":              "OrganizationServiceSubscriptionViewModel",
	"User":                      "UserViewModel",
}

// testSDK is the SDK as its source describes it now (not the embedded sdk.json, which the
// root module's test keeps current), with the guide's models.
func testSDK(t *testing.T) *metadata.SDK {
	t.Helper()
	sdk, err := metadata.ExtractAssuming("../../../..", guideModels)
	if err != nil {
		t.Fatal(err)
	}
	sdk.Operations = metadata.FromDeclarations(cloudmore.Operations())
	return sdk
}

func cleanSpec(t *testing.T, sdk *metadata.SDK) *Spec {
	t.Helper()
	b, err := os.ReadFile("testdata/operations-v1.07.0.txt")
	if err != nil {
		t.Fatal(err)
	}
	spec, missing := FromSDK(sdk, ReadTable(b))
	if len(missing) > 0 {
		t.Fatalf("SDK operations the v1.07.0 table does not have: %v", missing)
	}
	return spec
}

// findModel returns the spec model the SDK's Go type stands for.
func findModel(t *testing.T, sdk *metadata.SDK, spec *Spec, goType string) (string, *SpecModel) {
	t.Helper()
	for _, m := range sdk.Models {
		if m.GoType == goType {
			return m.Name, spec.Models[m.Name]
		}
	}
	t.Fatalf("no model for %s", goType)
	return "", nil
}

// check checks doc, leaving out the SDK's own inconsistencies (SelfConflicts), which no
// document can avoid; they are logged.
func check(t *testing.T, sdk *metadata.SDK, doc []byte) []drift.Finding {
	t.Helper()
	d, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	self := map[string]bool{}
	for _, f := range SelfConflicts(sdk) {
		self[f.Key()] = true
	}
	var out []drift.Finding
	for _, f := range Check(d, sdk) {
		if self[f.Key()] {
			continue
		}
		out = append(out, f)
	}
	return out
}

func TestSelfConflicts(t *testing.T) {
	for _, f := range SelfConflicts(testSDK(t)) {
		t.Logf("the SDK disagrees with itself: %s", f)
	}
	sdk := &metadata.SDK{Types: map[string]string{}, Models: []metadata.Model{
		{Name: "M", GoType: "A", Validated: true, Fields: []metadata.Field{{JSON: "name", Type: "string", Required: true}, {JSON: "n", Type: "int"}}},
		{Name: "M", GoType: "B", Validated: true, Fields: []metadata.Field{{JSON: "name", Type: "string"}, {JSON: "n", Type: "Decimal"}}},
	}}
	got := SelfConflicts(sdk)
	if len(got) != 2 || got[0].Kind != drift.Type || got[0].Name != "n" || got[1].Kind != drift.Required || got[1].Name != "name" {
		t.Errorf("%v", got)
	}
}

// render gives the spec in both forms: Swagger 2.0 JSON and OpenAPI 3 YAML.
func render(s *Spec) map[string][]byte {
	return map[string][]byte{"swagger2.json": s.JSON("2.0"), "openapi3.yaml": s.YAML("3.0.1")}
}

func TestCleanDocumentHasNoFindings(t *testing.T) {
	sdk := testSDK(t)
	if len(sdk.Models) < len(guideModels) {
		t.Fatalf("%d models, want at least the guide's %d", len(sdk.Models), len(guideModels))
	}
	spec := cleanSpec(t, sdk)
	for name, doc := range render(spec) {
		if fs := check(t, sdk, doc); len(fs) != 0 {
			t.Errorf("%s: findings on the clean document:\n%v", name, fs)
		}
	}
}

func TestEmbeddedMetadataCleanDocument(t *testing.T) {
	sdk, err := metadata.Load()
	if err != nil {
		t.Fatal(err)
	}
	spec := cleanSpec(t, sdk)
	for name, doc := range render(spec) {
		if fs := check(t, sdk, doc); len(fs) != 0 {
			t.Errorf("%s: findings on the clean document:\n%v", name, fs)
		}
	}
}

func TestEachDriftIsReportedExactly(t *testing.T) {
	sdk := testSDK(t)
	const orgs = "/api/resellers/{resellerId}/Organizations"
	cases := []struct {
		name  string
		drift func(t *testing.T, s *Spec)
		want  drift.Finding // Kind, Operation or Model, Name
	}{
		{"added operation", func(t *testing.T, s *Spec) {
			s.Ops = append(s.Ops, SpecOp{Tag: "NewApi", Method: "GET", Path: "/api/resellers/{resellerId}/newThings"})
		}, drift.Finding{Kind: drift.OperationNotInSDK, Operation: "GET /api/resellers/{resellerId}/newThings"}},
		{"removed operation", func(t *testing.T, s *Spec) {
			for i, op := range s.Ops {
				if op.Method == "DELETE" && op.Path == orgs+"/{id}" {
					s.Ops = append(s.Ops[:i], s.Ops[i+1:]...)
					return
				}
			}
			t.Fatal("no DELETE organization")
		}, drift.Finding{Kind: drift.OperationNotInDocument, Operation: "DELETE " + orgs + "/{id}"}},
		{"re-spelled path", func(t *testing.T, s *Spec) {
			s.Op("POST", orgs).Path = "/api/resellers/{resellerId}/organizations"
		}, drift.Finding{Kind: drift.PathCase, Operation: "POST " + orgs, Name: "/api/resellers/{resellerId}/organizations"}},
		{"added query parameter", func(t *testing.T, s *Spec) {
			op := s.Op("GET", orgs)
			op.Query = append(op.Query, SpecParam{Name: "pageSize", Prop: SpecProp{Type: "integer"}})
		}, drift.Finding{Kind: drift.QueryParamNotInSDK, Operation: "GET " + orgs, Name: "pageSize"}},
		{"removed query parameter", func(t *testing.T, s *Spec) {
			s.Op("GET", orgs).Query = nil
		}, drift.Finding{Kind: drift.QueryParamNotInDocument, Operation: "GET " + orgs, Name: "showActive"}},
		{"required flag", func(t *testing.T, s *Spec) {
			s.Op("GET", orgs).Query[0].Required = true
		}, drift.Finding{Kind: drift.QueryParamRequired, Operation: "GET " + orgs, Name: "showActive"}},
		{"added model field", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			m.Props = append(m.Props, SpecProp{Name: "invoiceEmail", Type: "string"})
		}, drift.Finding{Kind: drift.PropertyNotInSDK, GoType: "CreateOrganizationRequest", Name: "invoiceEmail"}},
		{"removed model field", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			for i, p := range m.Props {
				if p.Name == "vat" {
					m.Props = append(m.Props[:i], m.Props[i+1:]...)
					return
				}
			}
			t.Fatal("no vat")
		}, drift.Finding{Kind: drift.FieldNotInDocument, GoType: "CreateOrganizationRequest", Name: "vat"}},
		{"type change", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			for i := range m.Props {
				if m.Props[i].Name == "approvalTriggeredOn" { // Decimal: money sent as a number
					m.Props[i].Type, m.Props[i].Format = "string", ""
					return
				}
			}
			t.Fatal("no approvalTriggeredOn")
		}, drift.Finding{Kind: drift.Type, GoType: "CreateOrganizationRequest", Name: "approvalTriggeredOn"}},
		{"date-time in a string field", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			for i := range m.Props {
				if m.Props[i].Name == "customerNumber" {
					m.Props[i].Format = "date-time"
					return
				}
			}
			t.Fatal("no customerNumber")
		}, drift.Finding{Kind: drift.Type, GoType: "CreateOrganizationRequest", Name: "customerNumber"}},
		{"required property", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			m.Required = append(m.Required, "vat")
		}, drift.Finding{Kind: drift.Required, GoType: "CreateOrganizationRequest", Name: "vat"}},
		{"maxLength", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "CreateOrganizationRequest")
			for i := range m.Props {
				if m.Props[i].Name == "name" {
					m.Props[i].MaxLength = 100
					return
				}
			}
			t.Fatal("no name")
		}, drift.Finding{Kind: drift.MaxLength, GoType: "CreateOrganizationRequest", Name: "name"}},
		{"enum", func(t *testing.T, s *Spec) {
			_, m := findModel(t, sdk, s, "Subscription")
			for i := range m.Props {
				if m.Props[i].Name == "name" {
					m.Props[i].Enum = []any{"a", "b"}
					return
				}
			}
			t.Fatal("no name")
		}, drift.Finding{Kind: drift.Enum, GoType: "Subscription", Name: "name"}},
		{"model removed", func(t *testing.T, s *Spec) {
			name, _ := findModel(t, sdk, s, "AddServiceRequest")
			delete(s.Models, name)
		}, drift.Finding{Kind: drift.ModelNotInDocument, GoType: "AddServiceRequest"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := cleanSpec(t, sdk)
			tc.drift(t, spec)
			want := tc.want
			if want.GoType != "" {
				want.Model, _ = findModel(t, sdk, spec, want.GoType)
			}
			for form, doc := range render(spec) {
				fs := check(t, sdk, doc)
				if len(fs) != 1 || fs[0].Kind != want.Kind || fs[0].Operation != want.Operation ||
					fs[0].Model != want.Model || fs[0].Name != want.Name || want.GoType != "" && !strings.Contains(fs[0].GoType, want.GoType) {
					t.Errorf("%s: findings\n%v\nwant exactly one like %v", form, fs, want)
				}
			}
		})
	}
}

func TestUnreadableDocuments(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":       "",
		"not JSON":    "{",
		"no version":  `{"paths": {}}`,
		"scalar":      "just text",
		"bad swagger": `{"swagger": "2.0", "paths": 7}`,
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestAccepted(t *testing.T) {
	fs := []drift.Finding{
		{Kind: drift.OperationNotInSDK, Operation: "GET /api/x"},
		{Kind: drift.PathCase, Operation: "GET /api/Y", Name: "/api/y"},
		{Kind: drift.PropertyNotInSDK, Model: "M", Name: "a"},
		{Kind: drift.PropertyNotInSDK, Model: "M", Name: "b"},
		{Kind: drift.FieldNotInDocument, Model: "N", Name: "c"},
	}
	ok, err := Accepted([]byte("# known\noperation-not-in-sdk GET /api/x\npath-case GET /api/Y /api/y  # two spellings\nproperty-not-in-sdk M *\n"))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, f := range fs {
		if !ok(f) {
			left = append(left, f.Key())
		}
	}
	if strings.Join(left, ";") != "field-not-in-document N c" {
		t.Errorf("left %v", left)
	}
	ok, err = Accepted([]byte(`{"findings": [{"kind": "field-not-in-document", "model": "N", "name": "c"}]}`))
	if err != nil || !ok(fs[4]) || ok(fs[0]) {
		t.Errorf("JSON accept file: %v", err)
	}
	if _, err := Accepted([]byte("just-one-word")); err == nil {
		t.Error("a bad line was accepted")
	}
}

// TestRulesCheckedInHelpersAreNoDrift: the organization create body's primaryDomain is
// required with at most 50 characters (api-facts.md), which the SDK checks in a helper
// (checkPrimaryDomain); a document saying so is no difference, in the embedded metadata the
// command uses.
func TestRulesCheckedInHelpersAreNoDrift(t *testing.T) {
	sdk, err := metadata.Load()
	if err != nil {
		t.Fatal(err)
	}
	spec := cleanSpec(t, sdk)
	_, m := findModel(t, sdk, spec, "CreateOrganizationRequest")
	found := false
	for i := range m.Props {
		if m.Props[i].Name == "primaryDomain" {
			m.Props[i].MaxLength, found = 50, true
		}
	}
	if !found {
		t.Fatal("no primaryDomain")
	}
	required := false
	for _, r := range m.Required {
		required = required || r == "primaryDomain"
	}
	if !required {
		m.Required = append(m.Required, "primaryDomain")
	}
	for form, doc := range render(spec) {
		if fs := check(t, sdk, doc); len(fs) != 0 {
			t.Errorf("%s: findings\n%v\nwant none", form, fs)
		}
	}
}

// TestPropertyMatchedByCaseIsTypeChecked: a property the document spells in another case is
// reported as spelled so, and its type is still compared.
func TestPropertyMatchedByCaseIsTypeChecked(t *testing.T) {
	sdk := testSDK(t)
	spec := cleanSpec(t, sdk)
	name, m := findModel(t, sdk, spec, "CreateOrganizationRequest")
	for i := range m.Props {
		if m.Props[i].Name == "approvalTriggeredOn" { // Decimal, sent as a number
			m.Props[i].Name, m.Props[i].Type, m.Props[i].Format = "ApprovalTriggeredOn", "string", ""
		}
	}
	for form, doc := range render(spec) {
		fs := check(t, sdk, doc)
		var kinds []string
		for _, f := range fs {
			if f.Model != name || f.Name != "approvalTriggeredOn" {
				t.Errorf("%s: unexpected %v", form, f)
			}
			kinds = append(kinds, f.Kind)
		}
		if strings.Join(kinds, ",") != drift.FieldNotInDocument+","+drift.Type {
			t.Errorf("%s: findings\n%v\nwant the spelling and the type", form, fs)
		}
	}
}

// TestAcceptedWildcards: "*" stands for any text in the subject and the name (an operation's
// path too), and a line with an unknown kind is refused rather than accepting nothing.
func TestAcceptedWildcards(t *testing.T) {
	fs := []drift.Finding{
		{Kind: drift.OperationNotInSDK, Operation: "GET /api/x"},                                          // 0
		{Kind: drift.ModelNotInDocument, Model: "AViewModel", GoType: "A"},                                // 1
		{Kind: drift.PropertyNotInSDK, Model: "M", Name: "vat"},                                           // 2
		{Kind: drift.PropertyNotInSDK, Model: "N", Name: "vat"},                                           // 3
		{Kind: drift.PropertyNotInSDK, Model: "N", Name: "other"},                                         // 4
		{Kind: drift.QueryParamNotInSDK, Operation: "GET /api/resellers/{resellerId}/Things", Name: "a"},  // 5
		{Kind: drift.QueryParamNotInSDK, Operation: "POST /api/resellers/{resellerId}/Things", Name: "a"}, // 6
		{Kind: drift.Type, Model: "OrganizationCreateViewModel", Name: "x"},                               // 7
		{Kind: drift.Type, Model: "UserViewModel", Name: "x"},                                             // 8
	}
	for _, tc := range []struct {
		accept string
		want   []int // the findings accepted
	}{
		{"operation-not-in-sdk *", []int{0}},
		{"model-not-in-document *", []int{1}},
		{"model-not-in-document * *", []int{1}},
		{"property-not-in-sdk * vat", []int{2, 3}},
		{"property-not-in-sdk N *", []int{3, 4}},
		{"query-param-not-in-sdk GET /api/resellers/*/Things *", []int{5}},
		{"query-param-not-in-sdk * a", []int{5, 6}},
		{"type Organization* x", []int{7}},
		{"* * *", []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
	} {
		ok, err := Accepted([]byte(tc.accept + "\n"))
		if err != nil {
			t.Errorf("%q: %v", tc.accept, err)
			continue
		}
		var got []int
		for i, f := range fs {
			if ok(f) {
				got = append(got, i)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q accepts %v, want %v", tc.accept, got, tc.want)
		}
	}
	if _, err := Accepted([]byte("path_case GET /api/x /api/X\n")); err == nil || !strings.Contains(err.Error(), "path_case") {
		t.Errorf("an unknown kind: %v", err)
	}
}
