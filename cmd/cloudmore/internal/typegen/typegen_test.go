package typegen

import (
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

func TestGoNameFollowsTheSDK(t *testing.T) {
	for in, want := range map[string]string{
		"id": "ID", "url": "URL", "roleId": "RoleID", "httpHeader": "HTTPHeader", "HTTPHeader": "HTTPHeader",
		"poNumber": "PONumber", "vat": "VAT", "cspTenantId": "CSPTenantID", "skuName": "SKUName",
		"memberIds": "MemberIDs", "displayName": "DisplayName", "allowCmpAccess": "AllowCmpAccess",
		"customerPricePerUnit": "CustomerPricePerUnit", "address2": "Address2", "is_active": "IsActive",
		"Name": "Name", "2fa": "", "": "", "_": "", "période": "Période",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The small package of TestGenerateOnASmallPackage: one file of each import form, an
// answer, a body, and each kind of model the generator must leave alone.
var smallPackage = map[string]string{
	"go.mod": "module " + sdkModule + "\n\ngo 1.25.0\n",
	"a.go": `package cloudmore

import (
	"encoding/json"
)

// Widget is a widget. Cloudmore does not document its fields: Raw holds the whole JSON object.
//
// Cloudmore model: WidgetViewModel
type Widget struct {
	// ID is the widget's id (a source says so).
	ID string ` + "`json:\"id\"`" + `
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage ` + "`json:\"-\"`" + `
}

// UnmarshalJSON keeps the whole object in Raw.
func (w *Widget) UnmarshalJSON(b []byte) error {
	w.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// Text is a method whose name a property would take.
func (w Widget) Text() string { return string(w.Raw) }

// Odd is decoded its own way.
//
// Cloudmore model: OddViewModel
type Odd struct {
	// Raw is the answer.
	Raw json.RawMessage ` + "`json:\"-\"`" + `
}

// UnmarshalJSON decodes its own way.
func (o *Odd) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &o.Raw) }

// Tiny is a struct on one line.
//
// Cloudmore model: TinyViewModel
type Tiny struct{ Raw json.RawMessage ` + "`json:\"-\"`" + ` }

// UnmarshalJSON keeps the whole object in Raw.
func (m *Tiny) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// Listy is a model the document says is an array.
//
// Cloudmore model: ListyViewModel
type Listy struct{}

// Gone is a model the document does not have.
//
// Cloudmore model: GoneViewModel
type Gone struct{}

// Embedding embeds a struct.
//
// Cloudmore model: EmbeddingViewModel
type Embedding struct {
	Widget
}
`,
	"b.go": `package cloudmore

// CreateWidgetRequest is the body that creates a widget. Cloudmore does not document its
// fields: Extra is sent as the JSON object.
//
// Cloudmore model: WidgetCreateViewModel
type CreateWidgetRequest struct {
	// Extra holds the body's members by their JSON names.
	Extra map[string]any ` + "`json:\"-\"`" + `
}

// MarshalJSON writes Extra as the JSON object.
func (r CreateWidgetRequest) MarshalJSON() ([]byte, error) { return marshalWithExtra(struct{}{}, r.Extra) }

func (r *CreateWidgetRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// UpdateWidgetRequest is the body that updates a widget.
//
// Cloudmore model: WidgetUpdateViewModel
type UpdateWidgetRequest CreateWidgetRequest
`,
	"c.go": `package cloudmore

import "fmt"

// Part is a part.
//
// Cloudmore model: PartViewModel
type Part struct{}

var _ = fmt.Sprint
`,
	"a_test.go": "package cloudmore\n\n// Cloudmore model: WidgetViewModel\ntype testOnly struct{}\n",
}

const smallDocument = `openapi: 3.0.3
info: {title: the unit test's document, version: "0"}
paths: {}
components:
  schemas:
    WidgetViewModel:
      type: object
      required: [name]
      properties:
        ID: {type: string}
        raw: {type: string}
        text: {type: string}
        2fa: {type: boolean}
        'a"b': {type: string}
        name: {type: string, description: "The widget's name,\n  on two lines.  "}
        price: {type: number, format: double}
        parts: {type: array, items: {type: array, items: {type: string}}}
        kind: {oneOf: [{type: string}, {type: integer}]}
        part: {allOf: [{$ref: '#/components/schemas/PartViewModel'}], nullable: true, description: The part.}
        partList: {type: array, items: {$ref: '#/components/schemas/PartViewModel'}}
        owner: {$ref: '#/components/schemas/NobodyViewModel'}
        state: {$ref: '#/components/schemas/State'}
    WidgetCreateViewModel:
      type: object
      required: [name, count]
      properties:
        name: {type: string}
        count: {type: integer, format: int64}
        'on': {type: string, format: date}
        active: {type: boolean}
        price: {type: number}
        part: {$ref: '#/components/schemas/PartViewModel'}
        blob: {type: object}
        id: {type: string, readOnly: true}
    WidgetUpdateViewModel: {type: object, properties: {name: {type: string}}}
    OddViewModel: {type: object, properties: {x: {type: string}}}
    TinyViewModel: {type: object, properties: {x: {type: string}}}
    ListyViewModel: {type: array, items: {type: string}}
    EmbeddingViewModel: {type: object, properties: {x: {type: string}}}
    PartViewModel: {type: object, properties: {meta: {type: object}}}
    NobodyViewModel: {type: object, properties: {a: {type: string}}}
    State: {type: integer, enum: [1, 2]}
`

func TestGenerateOnASmallPackage(t *testing.T) {
	dir := t.TempDir()
	for name, text := range smallPackage {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := swaggercheck.Parse([]byte(smallDocument))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Generate(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	models := map[string]Model{}
	for _, m := range res.Models {
		models[m.GoType] = m
	}
	decls := func(m Model) string {
		var out []string
		for _, a := range m.Added {
			out = append(out, a.Decl)
		}
		return strings.Join(out, "\n")
	}
	skipped := func(m Model) string {
		var out []string
		for _, s := range m.Skipped {
			out = append(out, s.Property+": "+s.Reason)
		}
		return strings.Join(out, "\n")
	}

	if _, ok := models["testOnly"]; ok || len(res.Models) != 8 {
		t.Errorf("models: %d (a _test.go file's type counted?)", len(res.Models))
	}
	widget := models["Widget"]
	if got, want := decls(widget), "Kind json.RawMessage `json:\"kind\"`\n"+
		"Name string `json:\"name\"`\n"+
		"Owner json.RawMessage `json:\"owner\"`\n"+
		"Part *Part `json:\"part\"`\n"+
		"PartList []Part `json:\"partList\"`\n"+
		"Parts json.RawMessage `json:\"parts\"`\n"+
		"Price Decimal `json:\"price\"`\n"+
		"State int `json:\"state\"`"; got != want {
		t.Errorf("Widget's fields:\n%s\nwant:\n%s", got, want)
	}
	if got, want := skipped(widget), "2fa: no Go name can be made of it\n"+
		"ID: the field ID carries it as \"id\"\n"+
		"a\"b: the name cannot be a json tag\n"+
		"raw: its Go name Raw is taken\n"+
		"text: its Go name Text is taken"; got != want {
		t.Errorf("Widget's skipped properties:\n%s\nwant:\n%s", got, want)
	}
	if widget.Typed != 1 || widget.Role != roleAnswer {
		t.Errorf("Widget: typed %d, role %q", widget.Typed, widget.Role)
	}

	create := models["CreateWidgetRequest"]
	if got, want := decls(create), "Active *bool `json:\"active,omitempty\"`\n"+
		"Blob json.RawMessage `json:\"blob,omitempty\"`\n"+
		"Count *int64 `json:\"count,omitempty\"`\n"+
		"Name string `json:\"name,omitempty\"`\n"+
		"On Date `json:\"on,omitzero\"`\n"+
		"Part *Part `json:\"part,omitempty\"`\n"+
		"Price *Decimal `json:\"price,omitempty\"`"; got != want {
		t.Errorf("CreateWidgetRequest's fields:\n%s\nwant:\n%s", got, want)
	}
	if got := skipped(create); got != "id: read-only in the document, so not sent" {
		t.Errorf("CreateWidgetRequest's skipped properties: %s", got)
	}
	if r := strings.Join(create.Review, "\n"); !strings.Contains(r, "the document requires count, name: validate() does not check the new fields") ||
		!strings.Contains(r, "requireExtra") || create.Role != roleRequest {
		t.Errorf("CreateWidgetRequest's review (role %s):\n%s", create.Role, r)
	}
	if got := decls(models["Part"]); got != "Meta json.RawMessage `json:\"meta\"`" {
		t.Errorf("Part's fields: %s", got)
	}
	for goType, why := range map[string]string{
		"Odd":                 "its UnmarshalJSON is not a plain struct decode",
		"Listy":               "the document's model is a JSON array, not an object",
		"Embedding":           "it embeds Widget",
		"UpdateWidgetRequest": "declared as CreateWidgetRequest, not a struct",
	} {
		if m := models[goType]; !strings.Contains(m.Skip, why) || len(m.Added) != 0 {
			t.Errorf("%s: skip %q, want %q", goType, m.Skip, why)
		}
	}
	if got := strings.Join(res.NotInSDK, ","); got != "NobodyViewModel" {
		t.Errorf("document models the SDK does not name: %s (State is an enum, not a model)", got)
	}
	if got := strings.Join(res.NotInDocument, ","); got != "Gone (GoneViewModel)" {
		t.Errorf("SDK models the document lacks: %s", got)
	}

	files := map[string]File{}
	for _, f := range res.Files {
		files[f.Name] = f
		if formatted, err := format.Source(f.New); err != nil || string(formatted) != string(f.New) {
			t.Errorf("%s is not gofmt'd (%v)", f.Name, err)
		}
	}
	if len(files) != 3 {
		t.Fatalf("changed files: %v", res.Files)
	}
	a, b, c := string(files["a.go"].New), string(files["b.go"].New), string(files["c.go"].New)
	for _, want := range []string{
		// every existing line kept, new fields before Raw, their comments naming the source
		"// Widget is a widget. Cloudmore does not document its fields: Raw holds the whole JSON object.\n//\n// Cloudmore model: WidgetViewModel\ntype Widget struct {\n\t// ID is the widget's id (a source says so).\n\tID string `json:\"id\"`\n",
		"\t// Generated from the Swagger document (model WidgetViewModel, property name): The widget's\n\t// name, on two lines. Required in the document.\n\tName string `json:\"name\"`\n",
		"\t// Generated from the Swagger document (model WidgetViewModel, property part): The part.\n\tPart *Part `json:\"part\"`\n",
		"\t// Generated from the Swagger document (model WidgetViewModel, property partList).\n\tPartList []Part `json:\"partList\"`\n",
		"\t// Generated from the Swagger document (model WidgetViewModel, property state). One of 1, 2.\n\tState int `json:\"state\"`\n",
		"property owner). Kept as JSON:\n\t// the SDK has no type for model NobodyViewModel.\n",
		"property parts). Kept as JSON: an\n\t// array of arrays.\n",
		"\tState int `json:\"state\"`\n\t// Raw is the whole JSON object as Cloudmore sent it.\n\tRaw json.RawMessage `json:\"-\"`\n}\n",
		// the UnmarshalJSON that only kept Raw now decodes the fields too; its doc is kept
		"// UnmarshalJSON keeps the whole object in Raw.\nfunc (w *Widget) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, w) }\n",
		"// Text is a method whose name a property would take.\n",
		"func (o *Odd) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &o.Raw) }\n",
		"// Cloudmore model: TinyViewModel\ntype Tiny struct {\n\t// Generated from the Swagger document (model TinyViewModel, property x).\n\tX   string          `json:\"x\"`\n\tRaw json.RawMessage `json:\"-\"`\n}\n",
	} {
		if !strings.Contains(a, want) {
			t.Errorf("a.go lacks:\n%s\nit is:\n%s", want, a)
		}
	}
	for _, want := range []string{
		"package cloudmore\n\nimport \"encoding/json\"\n",
		"\tPrice *Decimal `json:\"price,omitempty\"`\n\t// Extra holds the body's members by their JSON names.\n\tExtra map[string]any `json:\"-\"`\n}\n",
		"// MarshalJSON writes the typed fields and merges Extra.\nfunc (r CreateWidgetRequest) MarshalJSON() ([]byte, error) {\n\ttype plain CreateWidgetRequest\n\treturn marshalWithExtra(plain(r), r.Extra)\n}\n",
		"func (r *CreateWidgetRequest) validate() error {\n\tif r == nil {\n\t\treturn invalid(\"body\", \"required\")\n\t}\n\treturn requireExtra(r.Extra)\n}\n",
		"// UpdateWidgetRequest is the body that updates a widget.\n//\n// Cloudmore model: WidgetUpdateViewModel\ntype UpdateWidgetRequest CreateWidgetRequest\n",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("b.go lacks:\n%s\nit is:\n%s", want, b)
		}
	}
	if want := "import (\n\t\"encoding/json\"\n\t\"fmt\"\n)\n"; !strings.Contains(c, want) || !strings.Contains(c, "type Part struct {\n\t// Generated") {
		t.Errorf("c.go:\n%s", c)
	}

	// Written, then again: nothing changes.
	if err := res.Write(); err != nil {
		t.Fatal(err)
	}
	again, err := Generate(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != 0 || again.Added() != 0 {
		t.Errorf("the second run changes %d files and adds %d fields", len(again.Files), again.Added())
	}
	if got := again.Models[0]; got.GoType != "Widget" || got.Typed != 9 || again.Models[2].GoType != "Tiny" || again.Models[2].Typed != 1 {
		t.Errorf("the second run: %s", got.text())
	}
}

func TestFindSDKRoot(t *testing.T) {
	root, err := FindSDKRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs(sdkRoot)
	if root != want {
		t.Errorf("FindSDKRoot(.) = %s, want %s (the command's own go.mod is not the SDK's)", root, want)
	}
	if _, err := FindSDKRoot(t.TempDir()); err == nil || !strings.Contains(err.Error(), "--dir") {
		t.Errorf("outside the SDK: %v", err)
	}
}

// TestADocumentOfTheSDKItselfAddsNothing: on the document swagger check's tests build from
// the SDK's own source (each model with the fields of the SDK's types for it), the generator
// adds only what a type lacks of another type standing for the same model (BrokerAdministrator
// and SellerAdministrator are both AdministratorViewModel), whatever the SDK's current shape.
func TestADocumentOfTheSDKItselfAddsNothing(t *testing.T) {
	sdk, err := metadata.Extract(sdkRoot)
	if err != nil {
		t.Fatal(err)
	}
	siblings := map[string]map[string]bool{} // GoType -> JSON names of the other types of its model
	for _, m := range sdk.Models {
		siblings[m.GoType] = map[string]bool{}
		for _, o := range sdk.Models {
			if o.Name == m.Name && o.GoType != m.GoType {
				for _, f := range o.Fields {
					siblings[m.GoType][f.JSON] = true
				}
			}
		}
	}
	table, err := os.ReadFile("../swaggercheck/testdata/operations-v1.07.0.txt")
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := swaggercheck.FromSDK(sdk, swaggercheck.ReadTable(table))
	for _, version := range []string{"2.0", "3.0"} {
		doc, err := swaggercheck.Parse(spec.JSON(version))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Generate(doc, sdkRoot)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Models {
			for _, a := range m.Added {
				if !siblings[m.GoType][a.Property] {
					t.Errorf("%s: %s added from the SDK's own document: %s", version, m.GoType, a.Decl)
				}
			}
		}
		if len(res.Models) < 100 || len(res.NotInSDK) != 0 || len(res.NotInDocument) != 0 {
			t.Errorf("%s: %d models matched; not in the SDK %v; not in the document %v", version, len(res.Models), res.NotInSDK, res.NotInDocument)
		}
	}
}
