// Package typegen writes the typed fields of the SDK's models from a Swagger 2.0 / OpenAPI 3
// document of Cloudmore's API (read by swaggercheck's loader): for each type whose doc names
// a Swagger model (`Cloudmore model: X`), a field for each of the model's properties that no
// existing field carries. It keeps every existing field, name, doc comment and validate
// method, and Raw and Extra; it switches an answer whose UnmarshalJSON only keeps Raw to
// unmarshalKeepRaw and a body whose MarshalJSON only writes Extra to the typed fields plus
// Extra, so that the new fields are decoded and sent. It skips, and reports, the models whose
// JSON is a custom shape. Running it again changes nothing.
package typegen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
)

// Roles of a model type.
const (
	roleAnswer  = "answer"
	roleRequest = "request body"
)

// Result is what Generate found and the files it would change.
type Result struct {
	// Dir is the SDK package's directory.
	Dir string
	// Models are the SDK's types whose Swagger model is in the document, in source order.
	Models []Model
	// NotInSDK are the document's object models that no SDK type names.
	NotInSDK []string
	// NotInDocument are the SDK's types ("GoType (Model)") whose model the document lacks.
	NotInDocument []string
	// Files are the files that change, with their old and new text.
	Files []File
}

// Model is what Generate did to one SDK type.
type Model struct {
	// GoType, Swagger and File name the type, its Swagger model and its file.
	GoType, Swagger, File string
	// Role is "answer" or "request body".
	Role string
	// Skip says why the whole model is left alone ("" when it is not).
	Skip string
	// Added are the fields written.
	Added []Added
	// Typed counts the document's properties an existing field already carries.
	Typed int
	// Skipped are the properties not written, and why.
	Skipped []Skipped
	// Review lists what a maintainer should check by hand.
	Review []string
}

// Added is one field written.
type Added struct {
	// Property is the JSON member; Decl the field's declaration ("Name Type `json:...`").
	Property, Decl string
	// Note says why a property became json.RawMessage ("" otherwise).
	Note string
}

// Skipped is a property not written.
type Skipped struct{ Property, Reason string }

// File is one changed file.
type File struct {
	// Name is the file's base name in Dir.
	Name     string
	Old, New []byte
}

// Generate reads the SDK package in dir and computes the typed fields doc gives its models.
// It writes nothing: see Result.Write.
func Generate(doc *openapi3.T, dir string) (*Result, error) {
	src, err := readSource(dir)
	if err != nil {
		return nil, err
	}
	g := &generator{doc: doc, src: src, edits: map[*srcFile][]edit{}}
	res := &Result{Dir: dir}
	var schemas openapi3.Schemas
	if doc.Components != nil {
		schemas = doc.Components.Schemas
	}
	for _, t := range src.models {
		ds := schemas[t.model]
		if ds == nil {
			res.NotInDocument = append(res.NotInDocument, t.name+" ("+t.model+")")
			continue
		}
		res.Models = append(res.Models, g.model(t, ds))
	}
	for _, name := range sortedKeys(schemas) {
		if len(src.bySwagger[name]) == 0 && isObject(swaggercheck.Resolve(doc, schemas[name])) {
			res.NotInSDK = append(res.NotInSDK, name)
		}
	}
	for _, f := range src.files {
		edits := g.edits[f]
		if len(edits) == 0 {
			continue
		}
		out, err := apply(f.src, edits)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if !bytes.Equal(out, f.src) {
			res.Files = append(res.Files, File{Name: f.name, Old: f.src, New: out})
		}
	}
	return res, nil
}

// Write writes the changed files.
func (r *Result) Write() error {
	for _, f := range r.Files {
		path := filepath.Join(r.Dir, f.Name)
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, f.New, st.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

// isObject tells whether a schema is an object model (not an enum or a primitive).
func isObject(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	t := swaggercheck.SchemaType(s)
	return t == "object" || (t == "" && (len(s.Properties) > 0 || len(s.AllOf) > 0))
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// apply makes the edits (which must not overlap) and formats the result.
func apply(src []byte, edits []edit) ([]byte, error) {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	out := append([]byte(nil), src...)
	for _, e := range edits {
		out = append(out[:e.start:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return nil, fmt.Errorf("the generated source does not parse (a bug of the generator): %w", err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", formatted, parser.ParseComments); err != nil {
		return nil, err
	}
	return formatted, nil
}

type generator struct {
	doc   *openapi3.T
	src   *source
	edits map[*srcFile][]edit
}

func (g *generator) edit(f *srcFile, start, end int, text string) {
	g.edits[f] = append(g.edits[f], edit{start, end, text})
}

// The UnmarshalJSON and MarshalJSON bodies the generator knows, as source.body prints them
// ({R} the receiver, {P} the parameter, {T} the type).
const (
	bodyKeepRaw          = "return keepRaw({P}, &{R}.Raw)"
	bodyAppendRaw        = "{R}.Raw = append(RawJSON(nil), {P}...)\nreturn nil"
	bodyAppendRawOld     = "{R}.Raw = append(json.RawMessage(nil), {P}...)\nreturn nil"
	bodyUnmarshalKeepRaw = "return unmarshalKeepRaw({P}, {R})"
	bodyExtraOnly        = "return marshalWithExtra(struct{}{}, {R}.Extra)"
	bodyPlainExtra       = "type plain {T}\nreturn marshalWithExtra(plain({R}), {R}.Extra)"
	bodyPlainExtraPtr    = "type plain {T}\nreturn marshalWithExtra(plain(*{R}), {R}.Extra)"
	bodyRawJSON          = "return rawJSON({R}.Raw), nil"
	docExtraOnly         = "MarshalJSON writes Extra as the JSON object.\n"
)

// codec is what a model's UnmarshalJSON or MarshalJSON does.
type codec struct {
	m       *method
	recv    string
	ptr     bool
	rewrite bool // the body is replaced when fields are added
	rawJSON bool // MarshalJSON writes Raw
	custom  bool // a body the generator does not know
}

func (g *generator) codec(t *goType, name string) codec {
	m := g.src.methods[t.name][name]
	if m == nil {
		return codec{}
	}
	c := codec{m: m}
	c.recv, c.ptr = recvName(m.decl)
	if c.recv == "" || c.recv == "_" {
		c.custom = true
		return c
	}
	r := strings.NewReplacer("{R}", c.recv, "{P}", paramName(m.decl), "{T}", t.name)
	body := g.src.body(m.decl)
	switch name {
	case "UnmarshalJSON":
		switch body {
		case r.Replace(bodyKeepRaw), r.Replace(bodyAppendRaw), r.Replace(bodyAppendRawOld):
			c.rewrite = true
		case r.Replace(bodyUnmarshalKeepRaw):
		default:
			c.custom = true
		}
	case "MarshalJSON":
		switch body {
		case r.Replace(bodyExtraOnly):
			c.rewrite = true
		case r.Replace(bodyPlainExtra), r.Replace(bodyPlainExtraPtr):
		case r.Replace(bodyRawJSON):
			c.rawJSON = true
		default:
			c.custom = true
		}
	}
	return c
}

// model types one SDK type from its document model ds.
func (g *generator) model(t *goType, ds *openapi3.SchemaRef) Model {
	res := Model{GoType: t.name, Swagger: t.model, File: t.file.name}
	if t.st == nil {
		res.Skip = "declared as " + g.src.expr(t.spec.Type) + ", not a struct: its fields are that type's"
		return res
	}
	schema := swaggercheck.Resolve(g.doc, ds)
	if !isObject(schema) {
		res.Skip = "the document's model is not an object"
		if schema != nil && swaggercheck.SchemaType(schema) != "" {
			res.Skip = "the document's model is a JSON " + swaggercheck.SchemaType(schema) + ", not an object"
		}
		return res
	}
	fields, embedded := g.src.fields(t.st)
	if embedded != "" {
		res.Skip = "it embeds " + embedded + ", whose members the generator does not follow"
		return res
	}
	// Raw and Extra are the SDK's: RawJSON (json.RawMessage before it) and map[string]any, both `json:"-"`. Every
	// other exported field has a json tag; a struct without them is decoded by hand.
	var hasRaw, hasExtra bool
	omitting, tagged := 0, 0
	for _, f := range fields {
		switch {
		case f.goName == "Raw" && (f.typ == "RawJSON" || f.typ == "json.RawMessage") && f.json == "":
			hasRaw = true
		case f.goName == "Extra" && f.typ == "map[string]any" && f.json == "":
			hasExtra = true
		case token.IsExported(f.goName) && !f.tagged:
			res.Skip = "its field " + f.goName + " has no json tag (the SDK decodes or encodes it by hand): type it by hand"
			return res
		case f.json != "":
			tagged++
			if strings.Contains(f.opts, "omitempty") || strings.Contains(f.opts, "omitzero") {
				omitting++
			}
		}
	}
	// A body has Extra or a validate method; a type with neither, nor Raw (a model nested in
	// others), follows its own fields: mostly omitempty is a body's style.
	validate := g.src.methods[t.name]["validate"]
	res.Role = roleAnswer
	if hasExtra || validate != nil || (!hasRaw && 2*omitting > tagged) {
		res.Role = roleRequest
	}
	unmarshal, marshal := g.codec(t, "UnmarshalJSON"), g.codec(t, "MarshalJSON")
	switch {
	case unmarshal.custom:
		res.Skip = "its UnmarshalJSON is not a plain struct decode (a custom shape): type it by hand"
		return res
	case marshal.custom:
		res.Skip = "its MarshalJSON is not a plain struct encode (a custom shape): type it by hand"
		return res
	case hasRaw && unmarshal.m == nil:
		res.Skip = "it has Raw but no UnmarshalJSON that fills it (its answer is decoded elsewhere): type it by hand"
		return res
	}

	props, required := swaggercheck.Properties(g.doc, schema)
	byJSON := map[string]field{}
	taken := map[string]bool{}
	for _, f := range fields {
		taken[f.goName] = true
		if f.json != "" {
			byJSON[strings.ToLower(f.json)] = f
		}
	}
	for name := range g.src.methods[t.name] {
		taken[name] = true
	}
	var lines []string
	var needJSON bool
	var requiredAdded []string
	for _, p := range sortedKeys(props) {
		if f, ok := byJSON[strings.ToLower(p)]; ok {
			res.Typed++
			if f.json != p {
				res.Skipped = append(res.Skipped, Skipped{p, fmt.Sprintf("the field %s carries it as %q", f.goName, f.json)})
			}
			continue
		}
		ps := swaggercheck.Resolve(g.doc, props[p])
		switch name := GoName(p); {
		case res.Role == roleRequest && ps != nil && ps.ReadOnly:
			res.Skipped = append(res.Skipped, Skipped{p, "read-only in the document, so not sent"})
		case !validTag(p):
			res.Skipped = append(res.Skipped, Skipped{p, "the name cannot be a json tag"})
		case name == "":
			res.Skipped = append(res.Skipped, Skipped{p, "no Go name can be made of it"})
		case taken[name]:
			res.Skipped = append(res.Skipped, Skipped{p, "its Go name " + name + " is taken"})
		default:
			taken[name] = true
			ft := g.fieldType(props[p], res.Role)
			decl := fmt.Sprintf("%s %s `json:\"%s%s\"`", name, ft.typ, p, ft.opts)
			res.Added = append(res.Added, Added{Property: p, Decl: decl, Note: ft.note})
			lines = append(lines, fieldComment(t.model, p, props[p], ps, required[p], ft.note)...)
			lines = append(lines, "\t"+decl)
			needJSON = needJSON || strings.Contains(ft.typ, "json.")
			if required[p] {
				requiredAdded = append(requiredAdded, p)
			}
		}
	}
	if len(res.Added) == 0 {
		return res
	}

	f := t.file
	g.insertFields(t, fields, strings.Join(lines, "\n")+"\n")
	if needJSON && !importsJSON(f) {
		g.importJSON(f)
	}
	if unmarshal.rewrite {
		d := unmarshal.m.decl
		g.edit(f, g.src.offset(d.Body.Lbrace), g.src.offset(d.Body.Rbrace)+1,
			fmt.Sprintf("{ return unmarshalKeepRaw(%s, %s) }", paramName(d), unmarshal.recv))
		res.Review = append(res.Review, "UnmarshalJSON now decodes the typed fields (unmarshalKeepRaw) and Raw still keeps the whole answer: check its doc comment")
	}
	if marshal.rawJSON {
		res.Review = append(res.Review, "MarshalJSON still writes Raw (the answer as received), not the typed fields")
	}
	if marshal.rewrite {
		d := marshal.m.decl
		arg := marshal.recv
		if marshal.ptr {
			arg = "*" + arg
		}
		g.edit(f, g.src.offset(d.Body.Lbrace), g.src.offset(d.Body.Rbrace)+1,
			fmt.Sprintf("{\n\ttype plain %s\n\treturn marshalWithExtra(plain(%s), %s.Extra)\n}", t.name, arg, marshal.recv))
		if d.Doc != nil && d.Doc.Text() == docExtraOnly {
			g.edit(f, g.src.offset(d.Doc.Pos()), g.src.offset(d.Doc.End()), "// MarshalJSON writes the typed fields and merges Extra.")
		}
		res.Review = append(res.Review, "MarshalJSON now writes the typed fields and merges Extra")
	}
	if validate != nil {
		if strings.Contains(g.src.body(validate.decl), "requireExtra(") {
			res.Review = append(res.Review, "validate() still requires a member in Extra (requireExtra) and does not refuse an Extra key that repeats a typed field: check the typed fields and v.extra(plain(*r), r.Extra)")
		}
		if len(requiredAdded) > 0 {
			res.Review = append(res.Review, "the document requires "+strings.Join(requiredAdded, ", ")+": validate() does not check the new fields")
		}
	}
	if len(res.Added) > 0 && res.Typed == 0 {
		res.Review = append(res.Review, "the type's doc comment and docs/known-unknowns.md may still say its fields are unknown")
	}
	return res
}

// insertFields writes the field lines before the Raw or Extra field (so that they stay
// last, as in the SDK's typed models), else before the struct's closing brace.
func (g *generator) insertFields(t *goType, fields []field, text string) {
	src := t.file.src
	open := g.src.offset(t.st.Fields.Opening)
	at := g.src.offset(t.st.Fields.Closing)
	for _, f := range fields {
		if f.goName == "Raw" || f.goName == "Extra" {
			pos := f.node.Pos()
			if f.node.Doc != nil {
				pos = f.node.Doc.Pos()
			}
			at = g.src.offset(pos)
			break
		}
	}
	if bytes.IndexByte(src[open:at], '\n') < 0 { // on the line of the opening brace: struct{ Raw ... }
		g.edit(t.file, open+1, open+1, "\n"+text)
		return
	}
	off := bytes.LastIndexByte(src[:at], '\n') + 1
	g.edit(t.file, off, off, text)
}

// importsJSON tells whether a file imports encoding/json as json.
func importsJSON(f *srcFile) bool {
	for _, imp := range f.ast.Imports {
		if imp.Path.Value == `"encoding/json"` && (imp.Name == nil || imp.Name.Name == "json") {
			return true
		}
	}
	return false
}

// importJSON adds encoding/json to a file's imports (format.Source sorts them).
func (g *generator) importJSON(f *srcFile) {
	if len(f.ast.Imports) == 0 {
		off := g.src.offset(f.ast.Name.End())
		g.edit(f, off, off, "\n\nimport \"encoding/json\"\n")
		return
	}
	first := f.ast.Imports[0]
	off := g.src.offset(first.Pos())
	if importParen(f) {
		g.edit(f, off, off, "\"encoding/json\"\n")
		return
	}
	// import "x" -> import ("encoding/json"; "x")
	g.edit(f, off, off, "(\n\"encoding/json\"\n")
	end := g.src.offset(first.End())
	g.edit(f, end, end, "\n)")
}

// importParen tells whether the file's first import declaration is parenthesized.
func importParen(f *srcFile) bool {
	for _, d := range f.ast.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			return gd.Lparen.IsValid()
		}
	}
	return false
}

// validTag tells whether encoding/json accepts name as a tag's name.
func validTag(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
