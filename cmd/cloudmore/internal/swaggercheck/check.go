package swaggercheck

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

// Check compares the document with the SDK and returns every difference, sorted.
func Check(doc *openapi3.T, sdk *metadata.SDK) []drift.Finding {
	c := &checker{doc: doc, sdk: sdk}
	c.operations()
	c.models()
	drift.Sort(c.out)
	return c.out
}

type checker struct {
	doc *openapi3.T
	sdk *metadata.SDK
	out []drift.Finding
}

func (c *checker) add(f drift.Finding) { c.out = append(c.out, f) }

type docOp struct {
	method, path string
	op           *openapi3.Operation
	item         *openapi3.PathItem
}

func (o docOp) key() string { return o.method + " " + o.path }

func (c *checker) docOps() map[string]docOp {
	ops := map[string]docOp{}
	if c.doc.Paths == nil {
		return ops
	}
	for path, item := range c.doc.Paths.Map() {
		for method, op := range item.Operations() {
			d := docOp{method: strings.ToUpper(method), path: path, op: op, item: item}
			ops[d.key()] = d
		}
	}
	return ops
}

func (c *checker) operations() {
	doc := c.docOps()
	lower := map[string][]string{}
	for k := range doc {
		lower[strings.ToLower(k)] = append(lower[strings.ToLower(k)], k)
	}
	matched := map[string]bool{}
	for _, op := range c.sdk.Operations {
		key := op.Method + " " + op.Path
		d, ok := doc[key]
		if !ok {
			alts := lower[strings.ToLower(key)]
			if len(alts) == 0 {
				c.add(drift.Finding{Kind: drift.OperationNotInDocument, Operation: key, Detail: "named by " + strings.Join(op.Methods, ", ")})
				continue
			}
			sort.Strings(alts)
			d = doc[alts[0]]
			c.add(drift.Finding{Kind: drift.PathCase, Operation: key, Name: d.path,
				Detail: "the document spells the path " + d.path + "; the SDK should send the document's spelling"})
		}
		matched[d.key()] = true
		c.params(key, op, d)
	}
	for k, d := range doc {
		if !matched[k] {
			var parts []string
			if len(d.op.Tags) > 0 {
				parts = append(parts, d.op.Tags[0])
			}
			if d.op.Summary != "" {
				parts = append(parts, d.op.Summary)
			}
			c.add(drift.Finding{Kind: drift.OperationNotInSDK, Operation: k, Detail: strings.Join(parts, ": ")})
		}
	}
}

func (c *checker) params(key string, op metadata.Operation, d docOp) {
	type qp struct {
		name     string
		required bool
	}
	docQ := map[string]qp{}
	for _, ps := range []openapi3.Parameters{d.item.Parameters, d.op.Parameters} {
		for _, p := range ps {
			if p == nil || p.Value == nil || p.Value.In != openapi3.ParameterInQuery {
				continue
			}
			docQ[strings.ToLower(p.Value.Name)] = qp{p.Value.Name, p.Value.Required}
		}
	}
	sdkQ := map[string]qp{}
	for _, p := range op.Query {
		sdkQ[strings.ToLower(p.Name)] = qp{p.Name, p.Required}
	}
	for l, p := range docQ {
		s, ok := sdkQ[l]
		switch {
		case !ok:
			detail := "optional"
			if p.required {
				detail = "required"
			}
			c.add(drift.Finding{Kind: drift.QueryParamNotInSDK, Operation: key, Name: p.name, Detail: detail + " in the document; the SDK does not send it"})
		case p.required && !s.required:
			c.add(drift.Finding{Kind: drift.QueryParamRequired, Operation: key, Name: p.name, Detail: "required in the document; the SDK treats it as optional"})
		}
	}
	for l, s := range sdkQ {
		if _, ok := docQ[l]; !ok {
			c.add(drift.Finding{Kind: drift.QueryParamNotInDocument, Operation: key, Name: s.name, Detail: "the SDK sends it; the document does not have it"})
		}
	}
}

// schema resolves a reference within the document.
func (c *checker) schema(ref *openapi3.SchemaRef) *openapi3.Schema {
	for range 16 {
		if ref == nil {
			return nil
		}
		if ref.Value != nil {
			return ref.Value
		}
		name := refName(ref.Ref)
		if name == "" || c.doc.Components == nil {
			return nil
		}
		ref = c.doc.Components.Schemas[name]
	}
	return nil
}

func refName(ref string) string {
	for _, p := range []string{"#/components/schemas/", "#/definitions/"} {
		if strings.HasPrefix(ref, p) {
			return strings.TrimPrefix(ref, p)
		}
	}
	return ""
}

// properties returns a model's properties and required list, allOf members merged.
func (c *checker) properties(s *openapi3.Schema) (map[string]*openapi3.SchemaRef, map[string]bool) {
	props := map[string]*openapi3.SchemaRef{}
	req := map[string]bool{}
	var walk func(s *openapi3.Schema, depth int)
	walk = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 8 {
			return
		}
		for _, a := range s.AllOf {
			walk(c.schema(a), depth+1)
		}
		for k, v := range s.Properties {
			props[k] = v
		}
		for _, r := range s.Required {
			req[r] = true
		}
	}
	walk(s, 0)
	return props, req
}

func (c *checker) models() {
	byName := map[string][]metadata.Model{}
	var names []string
	for _, m := range c.sdk.Models {
		if _, ok := byName[m.Name]; !ok {
			names = append(names, m.Name)
		}
		byName[m.Name] = append(byName[m.Name], m)
	}
	for _, name := range names {
		ms := byName[name]
		var ds *openapi3.SchemaRef
		if c.doc.Components != nil {
			ds = c.doc.Components.Schemas[name]
		}
		if ds == nil {
			for _, m := range ms {
				c.add(drift.Finding{Kind: drift.ModelNotInDocument, Model: name, GoType: m.GoType, Detail: "the document has no model of this name"})
			}
			continue
		}
		props, required := c.properties(c.schema(ds))
		have := map[string]bool{}
		lowerHave := map[string]string{}
		var goTypes []string
		for _, m := range ms {
			goTypes = append(goTypes, m.GoType)
			for _, f := range m.Fields {
				have[f.JSON] = true
				lowerHave[strings.ToLower(f.JSON)] = f.JSON
			}
		}
		for _, p := range sortedKeys(props) {
			if !have[p] && lowerHave[strings.ToLower(p)] == "" {
				c.add(drift.Finding{Kind: drift.PropertyNotInSDK, Model: name, GoType: strings.Join(goTypes, ", "), Name: p,
					Detail: "the document has it (" + c.describe(props[p]) + "); the SDK's type does not"})
			}
		}
		for _, m := range ms {
			for _, f := range m.Fields {
				if ref, ok := props[f.JSON]; ok {
					c.field(name, m, f, ref, required[f.JSON])
					continue
				}
				spelled := false
				for _, k := range sortedKeys(props) {
					if strings.EqualFold(k, f.JSON) {
						spelled = true
						c.add(drift.Finding{Kind: drift.FieldNotInDocument, Model: name, GoType: m.GoType, Name: f.JSON,
							Detail: "the document spells it " + k})
						c.field(name, m, f, props[k], required[k]) // the same property: its type still counts
					}
				}
				if !spelled {
					c.add(drift.Finding{Kind: drift.FieldNotInDocument, Model: name, GoType: m.GoType, Name: f.JSON,
						Detail: "the SDK's field " + f.GoName + " (" + f.Type + ") is not in the document's model"})
				}
			}
		}
	}
}

// describe is a property's type in words: "string (date-time)", "array of ModelX".
func (c *checker) describe(ref *openapi3.SchemaRef) string {
	if ref == nil {
		return "no type"
	}
	if n := refName(ref.Ref); n != "" {
		return n
	}
	s := ref.Value
	if s == nil {
		return "no type"
	}
	t := schemaType(s)
	if t == "" {
		t = "any"
	}
	if t == "array" {
		return "array of " + c.describe(s.Items)
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	return t
}

func schemaType(s *openapi3.Schema) string {
	if s == nil || s.Type == nil {
		return ""
	}
	for _, t := range s.Type.Slice() {
		if t != "null" {
			return t
		}
	}
	return ""
}

// field compares one field with the document's property.
func (c *checker) field(model string, m metadata.Model, f metadata.Field, ref *openapi3.SchemaRef, docRequired bool) {
	finding := func(kind, detail string) {
		c.add(drift.Finding{Kind: kind, Model: model, GoType: m.GoType, Name: f.JSON, Detail: detail})
	}
	s := c.schema(ref)
	if msg := c.typeDiff(f.Type, s, m.Validated); msg != "" {
		finding(drift.Type, msg)
	}
	if s != nil && len(s.Enum) > 0 {
		base := strings.TrimLeft(f.Type, "*[]")
		known := map[string]bool{}
		for _, v := range c.sdk.Enums[base] {
			known[normEnum(v)] = true
		}
		if len(c.sdk.Enums[base]) == 0 {
			finding(drift.Enum, fmt.Sprintf("the document lists the values %s; the SDK's %s has no constants for them", enumList(s.Enum), f.Type))
		} else {
			var missing []any
			for _, v := range s.Enum {
				b, _ := json.Marshal(v)
				if !known[normEnum(string(b))] {
					missing = append(missing, v)
				}
			}
			if len(missing) > 0 {
				finding(drift.Enum, fmt.Sprintf("the document lists %s, which the SDK's %s has no constant for", enumList(missing), base))
			}
		}
	}
	if !m.Validated {
		return
	}
	switch {
	case docRequired && !f.Required:
		finding(drift.Required, "the document requires it; the SDK's validation does not")
	case !docRequired && f.Required:
		finding(drift.Required, "the SDK's validation requires it; the document does not")
	}
	docMax := 0
	if s != nil && s.MaxLength != nil {
		docMax = int(*s.MaxLength)
	}
	if docMax != f.MaxLength {
		switch {
		case f.MaxLength == 0:
			finding(drift.MaxLength, fmt.Sprintf("the document's maxLength is %d; the SDK does not check the length", docMax))
		case docMax == 0:
			finding(drift.MaxLength, fmt.Sprintf("the SDK checks a maximum of %d; the document has no maxLength", f.MaxLength))
		default:
			finding(drift.MaxLength, fmt.Sprintf("the document's maxLength is %d; the SDK checks %d", docMax, f.MaxLength))
		}
	}
}

func normEnum(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func enumList(vs []any) string {
	var parts []string
	for _, v := range vs {
		b, _ := json.Marshal(v)
		parts = append(parts, string(b))
	}
	return strings.Join(parts, ", ")
}

// typeDiff says how a Go type and the document's schema differ in a way that matters, or "".
func (c *checker) typeDiff(goType string, s *openapi3.Schema, request bool) string {
	kind := c.sdk.Kind(goType)
	if s == nil || kind == "" || kind == "any" {
		return ""
	}
	t, format := schemaType(s), s.Format
	if t == "" {
		return "" // a $ref to an object, or a schema without a type: nothing to compare
	}
	doc := t
	if format != "" {
		doc += " (" + format + ")"
	}
	mismatch := func(why string) string {
		return fmt.Sprintf("the document has %s, the SDK %s: %s", doc, goType, why)
	}
	switch kind {
	case "decimal":
		switch t {
		case "number", "integer":
			return ""
		case "string":
			if request {
				return mismatch("the SDK sends money as a JSON number, the document wants a string")
			}
			return ""
		}
		return mismatch("not a number")
	case "time":
		if t == "string" && format == "date-time" {
			return ""
		}
		return mismatch("the SDK reads and writes an RFC 3339 date-time")
	case "date":
		if t == "string" && format == "date" {
			return ""
		}
		return mismatch("the SDK reads and writes a calendar date (2006-01-02)")
	case "string":
		switch {
		case t == "string" && (format == "date-time" || format == "date"):
			return mismatch("a string field for a " + format + ": type it as Time or Date")
		case t == "string":
			return ""
		case t == "number" || t == "integer":
			return mismatch("a number in a string field (money or a quantity: type it as Decimal or int)")
		}
		return mismatch("not a string")
	case "int":
		switch t {
		case "integer":
			return ""
		case "number":
			return mismatch("the document allows fractions: type it as Decimal")
		}
		return mismatch("not an integer")
	case "float":
		if t == "number" || t == "integer" {
			return ""
		}
		return mismatch("not a number")
	case "bool":
		if t == "boolean" {
			return ""
		}
		return mismatch("not a boolean")
	case "slice":
		if t == "array" {
			return ""
		}
		return mismatch("not an array")
	case "map", "struct":
		if t == "object" {
			return ""
		}
		return mismatch("not an object")
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Accepted reads an accept file: one finding a line as "kind subject name" (the Key of a
// finding; # starts a comment; a finding without a name is "kind subject"), or the JSON of
// `swagger check --json`. In a line, "*" stands for any text, so "property-not-in-sdk * vat",
// "model-not-in-document *" and "query-param-not-in-sdk GET /api/resellers/*/Things *" each
// accept a family of findings. A line whose kind is not a finding's kind is refused.
func Accepted(data []byte) (func(drift.Finding) bool, error) {
	var pats [][3]string // kind, subject, name
	t := strings.TrimSpace(string(data))
	if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		var rep Report
		var list []drift.Finding
		if err := json.Unmarshal([]byte(t), &rep); err == nil && strings.HasPrefix(t, "{") {
			list = rep.Findings
		} else if err := json.Unmarshal([]byte(t), &list); err != nil {
			return nil, fmt.Errorf("accept file: %v", err)
		}
		for _, f := range list {
			pats = append(pats, [3]string{f.Kind, subjectOf(f), f.Name})
		}
	} else {
		for i, line := range strings.Split(t, "\n") {
			if j := strings.Index(line, "#"); j >= 0 {
				line = line[:j]
			}
			fields := strings.Fields(line)
			if len(fields) == 0 {
				continue
			}
			if len(fields) >= 3 && (isMethod(fields[1]) || fields[1] == "*" && strings.HasPrefix(fields[2], "/")) {
				fields = append([]string{fields[0], fields[1] + " " + fields[2]}, fields[3:]...) // "GET /path" is one subject
			}
			if len(fields) < 2 || len(fields) > 3 {
				return nil, fmt.Errorf("accept file line %d: %q: want kind, subject and name", i+1, strings.TrimSpace(line))
			}
			if !strings.Contains(fields[0], "*") && !drift.IsKind(fields[0]) {
				return nil, fmt.Errorf("accept file line %d: %q is not a kind of finding (%s)", i+1, fields[0], strings.Join(drift.Kinds(), ", "))
			}
			p := [3]string{fields[0], fields[1], ""}
			if len(fields) == 3 {
				p[2] = fields[2]
			}
			pats = append(pats, p)
		}
	}
	return func(f drift.Finding) bool {
		for _, p := range pats {
			if glob(p[0], f.Kind) && glob(p[1], subjectOf(f)) && glob(p[2], f.Name) {
				return true
			}
		}
		return false
	}, nil
}

// subjectOf is a finding's subject as an accept line names it: the operation, or the model.
func subjectOf(f drift.Finding) string {
	if f.Operation != "" {
		return f.Operation
	}
	return f.Model
}

// glob reports whether s matches pattern, where "*" stands for any text ("/" included).
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

func isMethod(s string) bool {
	switch s {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// Report is the --json output.
type Report struct {
	Document   string `json:"document"`
	Operations int    `json:"sdkOperations"`
	Models     int    `json:"sdkModels"`
	// Summary counts the findings by kind, models the document does not name last.
	Summary  []drift.KindCount `json:"summary"`
	Findings []drift.Finding   `json:"findings"`
	Accepted int               `json:"accepted,omitempty"`
}
