package metadata

import (
	"reflect"

	"bytes"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// TestSDKJSONIsCurrent fails when sdk.json no longer describes the SDK's source: run
// `go generate ./internal/metadata`.
func TestSDKJSONIsCurrent(t *testing.T) {
	want, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, sdkJSON) {
		t.Fatal("internal/metadata/sdk.json is stale: run `go generate ./internal/metadata` and commit it")
	}
}

func TestLoadAndKinds(t *testing.T) {
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Operations) < 90 {
		t.Errorf("%d operations, want the SDK's (at least 90)", len(s.Operations))
	}
	for typ, want := range map[string]string{"Decimal": "decimal", "*Decimal": "decimal", "Time": "time", "Date": "date",
		"string": "string", "Segment": "string", "BillingCycle": "int", "[]string": "slice", "OrganizationContact": "struct"} {
		if got := s.Kind(typ); got != want {
			t.Errorf("Kind(%q) = %q, want %q", typ, got, want)
		}
	}
	found := false
	for _, op := range s.Operations {
		if op.Method == "GET" && op.Path == "/api/resellers/{resellerId}/Organizations" {
			found = true
			if len(op.Query) != 1 || op.Query[0].Name != "showActive" || op.Query[0].Required {
				t.Errorf("organization list query = %+v, want showActive (optional)", op.Query)
			}
		}
	}
	if !found {
		t.Error("GET /api/resellers/{resellerId}/Organizations missing")
	}
}

func TestExtract(t *testing.T) {
	s, err := Extract("testdata/sdk")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Operations) != 0 {
		t.Errorf("operations come from the declarations, not the source: %+v", s.Operations)
	}
	byName := map[string]Model{}
	for _, m := range s.Models {
		byName[m.Name] = m
	}
	w := byName["WidgetViewModel"]
	if w.GoType != "Widget" || len(w.Fields) != 4 || w.Fields[1].Type != "*Decimal" || !w.Fields[1].OmitEmpty || w.Fields[3].JSON != "note" {
		t.Errorf("widget = %+v", w)
	}
	c := byName["WidgetCreateViewModel"]
	if !c.Validated || !c.Fields[0].Required || c.Fields[0].MaxLength != 50 || !c.Fields[1].Required {
		t.Errorf("create = %+v", c)
	}
	// rules checked in helpers the validate method calls: a constant field name, a name
	// passed on through a second helper; a helper that does not require its field
	if len(c.Fields) != 5 || c.Fields[2] != (Field{JSON: "domain", GoName: "Domain", Type: "string", Required: true, MaxLength: 50}) ||
		!c.Fields[3].Required || c.Fields[4].Required || c.Fields[4].MaxLength != 0 {
		t.Errorf("rules in helpers: %+v", c.Fields)
	}
	if e := byName["WidgetContactViewModel"]; !e.Fields[0].Required {
		t.Errorf("contact = %+v", e)
	}
	if got := s.Enums["Segment"]; len(got) != 2 || got[0] != `"commercial"` {
		t.Errorf("enums = %v", s.Enums)
	}
	if s.Kind("Segment") != "string" || s.Kind("*Decimal") != "decimal" || s.Kind("WidgetContact") != "struct" {
		t.Error("kinds")
	}
}

// TestFromDeclarations: an operation's metadata is its declaration: the method that sends it
// (found through the client's fields), the url-tagged fields of its query type, its body type.
func TestFromDeclarations(t *testing.T) {
	ops := FromDeclarations([]cloudmore.Operation{
		{Name: "Organizations.List", Method: "GET", Path: "/api/resellers/{resellerId}/Organizations",
			Query: reflect.TypeFor[*cloudmore.OrganizationListOptions]()},
		{Name: "CSP.NCE.Create", Method: "POST", Path: "/api/x", Body: reflect.TypeFor[*cloudmore.CreateCSPNCESubscriptionRequest]()},
		{Name: "Billing.BeginMonthlyBillingPerOrganization: status", Method: "GET", Path: "/api/y"},
	})
	want := []Operation{
		{Method: "GET", Path: "/api/resellers/{resellerId}/Organizations", Methods: []string{"OrganizationsService.List"},
			Query: []Param{{Name: "showActive", Type: "*bool", Options: "OrganizationListOptions"}}},
		{Method: "POST", Path: "/api/x", Methods: []string{"CSPNCEService.Create"}, Bodies: []string{"CreateCSPNCESubscriptionRequest"}},
		{Method: "GET", Path: "/api/y", Methods: []string{"BillingService.BeginMonthlyBillingPerOrganization"}},
	}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("got  %+v\nwant %+v", ops, want)
	}
	if got := FromDeclarations(cloudmore.Operations()); len(got) != 227 {
		t.Errorf("%d operations from the declarations, want 227", len(got))
	}
}
