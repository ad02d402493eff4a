package swaggercheck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

// A Spec is an abstract Swagger document that renders as Swagger 2.0 or OpenAPI 3: the
// tests' clean document is built from the SDK's metadata and the operation table, then
// copies of it are drifted one way each.
type Spec struct {
	Ops    []SpecOp
	Models map[string]*SpecModel
}

// SpecOp is one operation.
type SpecOp struct {
	Tag, Method, Path string
	Query             []SpecParam
}

// SpecParam is one query parameter.
type SpecParam struct {
	Name     string
	Required bool
	Prop     SpecProp
}

// SpecModel is one model (a definition / component schema).
type SpecModel struct {
	Props    []SpecProp
	Required []string
}

// SpecProp is a property's schema.
type SpecProp struct {
	Name, Type, Format, Ref string
	Enum                    []any
	MaxLength               int
	Items                   *SpecProp
}

// ReadTable reads an operation table: "Tag METHOD /path" lines, # comments.
func ReadTable(b []byte) map[string]string {
	tags := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && !strings.HasPrefix(f[0], "#") {
			tags[f[1]+" "+f[2]] = f[0]
		}
	}
	return tags
}

// FromSDK builds the document the SDK expects: its operations, spelled as the table spells
// them, with the query parameters it sends, and its models with the types its fields have.
// It returns the SDK operations the table does not have (they are left out).
func FromSDK(sdk *metadata.SDK, table map[string]string) (*Spec, []string) {
	s := &Spec{Models: map[string]*SpecModel{}}
	var missing []string
	for _, op := range sdk.Operations {
		key := op.Method + " " + op.Path
		tag, ok := table[key]
		if !ok {
			missing = append(missing, key)
			continue
		}
		so := SpecOp{Tag: tag, Method: op.Method, Path: op.Path}
		for _, q := range op.Query {
			so.Query = append(so.Query, SpecParam{Name: q.Name, Required: q.Required, Prop: propFor(sdk, "", q.Type)})
		}
		s.Ops = append(s.Ops, so)
	}
	models := append([]metadata.Model(nil), sdk.Models...)
	sort.SliceStable(models, func(i, j int) bool { return models[i].Validated && !models[j].Validated }) // request types' rules first
	for _, m := range models {
		sm := s.Models[m.Name]
		if sm == nil {
			sm = &SpecModel{}
			s.Models[m.Name] = sm
		}
		have := map[string]bool{}
		for _, p := range sm.Props {
			have[p.Name] = true
		}
		for _, f := range m.Fields {
			if have[f.JSON] {
				continue
			}
			p := propFor(sdk, f.JSON, f.Type)
			p.MaxLength = f.MaxLength
			sm.Props = append(sm.Props, p)
			if f.Required && m.Validated {
				sm.Required = append(sm.Required, f.JSON)
			}
		}
	}
	return s, missing
}

// propFor is the schema of a Go type as the SDK reads and writes it.
func propFor(sdk *metadata.SDK, name, goType string) SpecProp {
	p := SpecProp{Name: name}
	base := strings.TrimLeft(goType, "*")
	switch sdk.Kind(goType) {
	case "decimal":
		p.Type, p.Format = "number", "double"
	case "time":
		p.Type, p.Format = "string", "date-time"
	case "date":
		p.Type, p.Format = "string", "date"
	case "string":
		p.Type = "string"
	case "int":
		p.Type, p.Format = "integer", "int32"
	case "float":
		p.Type, p.Format = "number", "double"
	case "bool":
		p.Type = "boolean"
	case "slice":
		p.Type = "array"
		elem := strings.TrimPrefix(base, "[]")
		if u, ok := sdk.Types[base]; ok && strings.HasPrefix(u, "[]") {
			elem = strings.TrimPrefix(u, "[]")
		}
		it := propFor(sdk, "", elem)
		p.Items = &it
	case "map":
		p.Type = "object"
	case "struct":
		for _, m := range sdk.Models {
			if m.GoType == base {
				p.Ref = m.Name
				return p
			}
		}
		p.Type = "object"
	}
	if vals := sdk.Enums[base]; len(vals) > 0 {
		for _, v := range vals {
			var x any
			if json.Unmarshal([]byte(v), &x) == nil {
				p.Enum = append(p.Enum, x)
			} else if s, err := strconv.Unquote(v); err == nil {
				p.Enum = append(p.Enum, s)
			}
		}
	}
	return p
}

func (p SpecProp) schema(refPrefix string, v3 bool) map[string]any {
	if p.Ref != "" {
		return map[string]any{"$ref": refPrefix + p.Ref}
	}
	m := map[string]any{}
	if p.Type != "" {
		m["type"] = p.Type
	}
	if p.Format != "" {
		m["format"] = p.Format
	}
	if len(p.Enum) > 0 {
		m["enum"] = p.Enum
	}
	if p.MaxLength > 0 {
		m["maxLength"] = p.MaxLength
	}
	if p.Items != nil {
		m["items"] = p.Items.schema(refPrefix, v3)
	}
	return m
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

// Document renders the spec as a Swagger 2.0 ("2.0") or OpenAPI 3 ("3.0.1") document.
func (s *Spec) Document(version string) map[string]any {
	v3 := strings.HasPrefix(version, "3")
	refPrefix := "#/definitions/"
	if v3 {
		refPrefix = "#/components/schemas/"
	}
	paths := map[string]any{}
	for _, op := range s.Ops {
		item, _ := paths[op.Path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[op.Path] = item
		}
		var params []any
		for _, pp := range pathParams(op.Path) {
			p := map[string]any{"name": pp, "in": "path", "required": true}
			if v3 {
				p["schema"] = map[string]any{"type": "string"}
			} else {
				p["type"] = "string"
			}
			params = append(params, p)
		}
		for _, q := range op.Query {
			p := map[string]any{"name": q.Name, "in": "query", "required": q.Required}
			sch := q.Prop.schema(refPrefix, v3)
			if v3 {
				p["schema"] = sch
			} else {
				for k, v := range sch {
					p[k] = v
				}
			}
			params = append(params, p)
		}
		o := map[string]any{"tags": []string{op.Tag}, "responses": map[string]any{"200": map[string]any{"description": "Success"}}}
		if len(params) > 0 {
			o["parameters"] = params
		}
		item[strings.ToLower(op.Method)] = o
	}
	schemas := map[string]any{}
	for name, m := range s.Models {
		props := map[string]any{}
		for _, p := range m.Props {
			props[p.Name] = p.schema(refPrefix, v3)
		}
		sch := map[string]any{"type": "object", "properties": props}
		if len(m.Required) > 0 {
			req := append([]string(nil), m.Required...)
			sort.Strings(req)
			sch["required"] = req
		}
		schemas[name] = sch
	}
	info := map[string]any{"title": "Cloudmore API (test document)", "version": "v1.07.0"}
	if v3 {
		return map[string]any{"openapi": version, "info": info, "paths": paths, "components": map[string]any{"schemas": schemas}}
	}
	return map[string]any{"swagger": "2.0", "info": info, "paths": paths, "definitions": schemas}
}

// JSON renders the document as indented JSON.
func (s *Spec) JSON(version string) []byte {
	b, err := json.MarshalIndent(s.Document(version), "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// YAML renders the document as YAML.
func (s *Spec) YAML(version string) []byte {
	b, err := yaml.Marshal(s.Document(version))
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return b
}

// Clone returns a deep copy.
func (s *Spec) Clone() *Spec {
	b, _ := json.Marshal(s)
	var c Spec
	_ = json.Unmarshal(b, &c)
	return &c
}

// Op returns the operation with method and path, or nil.
func (s *Spec) Op(method, path string) *SpecOp {
	for i := range s.Ops {
		if s.Ops[i].Method == method && s.Ops[i].Path == path {
			return &s.Ops[i]
		}
	}
	return nil
}

// SelfConflicts lists where the SDK disagrees with itself: two Go types standing for the same
// Swagger model whose validation (required, maxLength) or kind of a field differ. No document
// can match both, so a check of any document reports these; the SDK should align the types.
func SelfConflicts(sdk *metadata.SDK) []drift.Finding {
	type seen struct {
		goType string
		f      metadata.Field
		valid  bool
	}
	by := map[string]map[string][]seen{}
	for _, m := range sdk.Models {
		if by[m.Name] == nil {
			by[m.Name] = map[string][]seen{}
		}
		for _, f := range m.Fields {
			by[m.Name][f.JSON] = append(by[m.Name][f.JSON], seen{m.GoType, f, m.Validated})
		}
	}
	var out []drift.Finding
	for model, fields := range by {
		for name, ss := range fields {
			if len(ss) < 2 {
				continue
			}
			var types []string
			for _, x := range ss {
				types = append(types, x.goType)
			}
			add := func(kind, what string) {
				out = append(out, drift.Finding{Kind: kind, Model: model, GoType: strings.Join(types, ", "), Name: name,
					Detail: "the SDK's types for this model differ in " + what})
			}
			var req, max, kind bool
			for _, x := range ss[1:] {
				if x.valid && ss[0].valid && x.f.Required != ss[0].f.Required {
					req = true
				}
				if x.valid && ss[0].valid && x.f.MaxLength != ss[0].f.MaxLength {
					max = true
				}
				if sdk.Kind(x.f.Type) != sdk.Kind(ss[0].f.Type) {
					kind = true
				}
			}
			if req {
				add(drift.Required, "whether they require it")
			}
			if max {
				add(drift.MaxLength, "its maximum length")
			}
			if kind {
				add(drift.Type, "its type")
			}
		}
	}
	drift.Sort(out)
	return out
}
