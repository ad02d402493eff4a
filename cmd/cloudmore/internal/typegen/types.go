package typegen

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
)

// fieldType is a generated field's Go type and tag options.
type fieldType struct {
	typ  string
	opts string // ",omitempty", ",omitzero" or ""
	note string // why the type is json.RawMessage
}

// fieldType maps a property's schema to the SDK's types: string; Time for date-time and Date
// for date; int (int64 for format int64); Decimal for every number (money is never float64);
// Bool in answers (it decodes the strings "true"/"false" Cloudmore sometimes sends) and bool
// in bodies; []T; a pointer to the SDK's type for a model the SDK names; json.RawMessage for
// anything else. A body's optional scalars are pointers with omitempty, as in the SDK's
// typed bodies, so that false, 0 and 0.00 can be sent; its times are omitzero.
func (g *generator) fieldType(ref *openapi3.SchemaRef, role string) fieldType {
	t, note := g.baseType(ref, role, 0)
	if t == "" {
		return fieldType{typ: "json.RawMessage", opts: omit(role, ",omitempty"), note: note}
	}
	ft := fieldType{typ: t, note: note}
	if role != roleRequest {
		if g.isModel(t) {
			ft.typ = "*" + t
		}
		return ft
	}
	switch {
	case t == "bool" || t == "int" || t == "int64" || t == "Decimal" || g.isModel(t):
		ft.typ, ft.opts = "*"+t, ",omitempty"
	case t == "Time" || t == "Date":
		ft.opts = ",omitzero"
	default:
		ft.opts = ",omitempty"
	}
	return ft
}

func omit(role, opts string) string {
	if role == roleRequest {
		return opts
	}
	return ""
}

// isModel tells whether t is one of the SDK's model types (a `Cloudmore model:` line).
func (g *generator) isModel(t string) bool {
	gt := g.src.types[t]
	return gt != nil && gt.model != ""
}

// baseType returns the Go type of a schema without pointers ("" with a reason for
// json.RawMessage).
func (g *generator) baseType(ref *openapi3.SchemaRef, role string, depth int) (string, string) {
	if ref == nil || depth > 4 {
		return "", ""
	}
	name := swaggercheck.RefName(ref.Ref)
	s := swaggercheck.Resolve(g.doc, ref)
	// a reference wrapped to be nullable: allOf: [{$ref}]
	if name == "" && s != nil && len(s.AllOf) == 1 && len(s.Properties) == 0 {
		if n := swaggercheck.RefName(s.AllOf[0].Ref); n != "" {
			name, s = n, swaggercheck.Resolve(g.doc, s.AllOf[0])
		}
	}
	if name != "" {
		if t, why := g.sdkType(name, role); t != "" || isObject(s) {
			return t, why
		}
	}
	if s == nil {
		return "", "the document gives it no schema"
	}
	switch swaggercheck.SchemaType(s) {
	case "string":
		switch s.Format {
		case "date-time":
			return "Time", ""
		case "date":
			return "Date", ""
		}
		return "string", ""
	case "integer":
		if s.Format == "int64" {
			return "int64", ""
		}
		return "int", ""
	case "number":
		return "Decimal", ""
	case "boolean":
		if role == roleRequest {
			return "bool", ""
		}
		return "Bool", ""
	case "array":
		elem, why := g.baseType(s.Items, role, depth+1)
		if strings.HasPrefix(elem, "[]") {
			return "", "an array of arrays"
		}
		if elem == "" {
			if why == "" {
				why = "its items have no type the SDK has"
			}
			return "[]json.RawMessage", why
		}
		return "[]" + elem, why
	case "object", "":
		if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
			return "", "oneOf/anyOf: the document allows several shapes"
		}
		return "", "an object the document does not name as a model"
	}
	return "", "the document's type " + swaggercheck.SchemaType(s) + " has no Go type here"
}

// sdkType returns the SDK's type standing for the Swagger model name, preferring one of the
// same role when several do.
func (g *generator) sdkType(name, role string) (string, string) {
	ts := g.src.bySwagger[name]
	if len(ts) == 1 {
		return ts[0].name, ""
	}
	if len(ts) == 0 {
		return "", "the SDK has no type for model " + name
	}
	var same, all []string
	for _, t := range ts {
		all = append(all, t.name)
		if (role == roleRequest) == strings.HasSuffix(t.name, "Request") {
			same = append(same, t.name)
		}
	}
	if len(same) == 1 {
		return same[0], ""
	}
	return "", "the SDK has several types for model " + name + " (" + strings.Join(all, ", ") + ")"
}

// commentWidth is the longest generated comment line, its tab counted as four columns.
const commentWidth = 100

// fieldComment is a generated field's doc comment, naming its source: the property's own
// description (not that of a model it references), whether the document requires it, its
// enum values, and why it is kept as JSON.
func fieldComment(model, prop string, ref *openapi3.SchemaRef, s *openapi3.Schema, required bool, note string) []string {
	text := "Generated from the Swagger document (model " + model + ", property " + prop + ")"
	if ref != nil && ref.Ref == "" && ref.Value != nil {
		if d := strings.TrimRight(strings.Join(strings.Fields(ref.Value.Description), " "), ". "); d != "" {
			if len(d) > 600 {
				d = d[:600] + "…"
			}
			text += ": " + d
		}
	}
	text += "."
	if required {
		text += " Required in the document."
	}
	if s != nil && len(s.Enum) > 0 {
		var vs []string
		for _, v := range s.Enum {
			b, _ := json.Marshal(v)
			vs = append(vs, string(b))
		}
		text += " One of " + strings.Join(vs, ", ") + "."
	}
	if note != "" {
		text += " Kept as JSON: " + note + "."
	}
	var lines []string
	line := "\t//"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w)+3 > commentWidth && line != "\t//" {
			lines = append(lines, line)
			line = "\t//"
		}
		line += " " + w
	}
	return append(lines, line)
}
