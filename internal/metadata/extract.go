package metadata

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var modelLine = regexp.MustCompile(`(?m)^\s*Cloudmore model:\s*(\S+)\s*$`)

// Extract reads the SDK package in dir (its non-test .go files) and describes its models and
// types; Operations is empty (Generate fills it from the declarations).
func Extract(dir string) (*SDK, error) { return ExtractAssuming(dir, nil) }

// ExtractAssuming is Extract where each struct type named in assume that has no
// `Cloudmore model:` line is taken as the model assume names (Go type -> model name): for
// tests that need models the SDK's source does not name yet.
func ExtractAssuming(dir string, assume map[string]string) (*SDK, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "cloudmore" {
			continue
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("metadata: no package cloudmore in %s", dir)
	}
	x := &extractor{structs: map[string]*ast.StructType{}, sdk: &SDK{Types: map[string]string{}, Enums: map[string][]string{}},
		rules: map[string]map[string]*Field{}, assume: assume}
	for _, f := range files {
		x.collectTypes(f)
	}
	defined := x.resolveDefinedStructs()
	x.collectHelpers(files)
	for _, f := range files {
		x.collectRules(f)
	}
	for name, under := range defined {
		if len(x.rules[name]) == 0 {
			x.rules[name] = x.rules[under] // its validate delegates to the underlying type's
		}
	}
	x.sdk.Operations = []Operation{} // from the declarations: see FromDeclarations and Generate
	x.sdk.Models = []Model{}
	for _, f := range files {
		x.collectModels(f)
	}
	sort.Slice(x.sdk.Models, func(i, j int) bool {
		a, b := x.sdk.Models[i], x.sdk.Models[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.GoType < b.GoType
	})
	for k, v := range x.sdk.Enums {
		sort.Strings(v)
		x.sdk.Enums[k] = v
	}
	return x.sdk, nil
}

type extractor struct {
	sdk     *SDK
	structs map[string]*ast.StructType
	// rules are the validation rules of each type's validate method: type -> json -> rule.
	rules     map[string]map[string]*Field
	validated map[string]bool
	assume    map[string]string
	// helpers are the package's functions that take the validator first (checkPrimaryDomain):
	// a validate method that calls one has the rules the helper checks.
	helpers map[string]*ast.FuncDecl
}

func exprString(e ast.Expr) string { return types.ExprString(e) }

// collectTypes records every named type's kind, struct types, and constants of named types.
func (x *extractor) collectTypes(f *ast.File) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		switch gd.Tok {
		case token.TYPE:
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				if ts.TypeParams != nil {
					x.sdk.Types[ts.Name.Name] = "generic"
					continue
				}
				switch t := ts.Type.(type) {
				case *ast.StructType:
					x.sdk.Types[ts.Name.Name] = "struct"
					x.structs[ts.Name.Name] = t
				case *ast.ArrayType:
					x.sdk.Types[ts.Name.Name] = "slice"
				case *ast.MapType:
					x.sdk.Types[ts.Name.Name] = "map"
				case *ast.InterfaceType:
					x.sdk.Types[ts.Name.Name] = "interface"
				case *ast.FuncType:
					x.sdk.Types[ts.Name.Name] = "func"
				default:
					u := exprString(t)
					switch u {
					case "string":
						x.sdk.Types[ts.Name.Name] = "string"
					case "int", "int32", "int64", "uint", "uint8", "uint32", "uint64":
						x.sdk.Types[ts.Name.Name] = "int"
					case "bool":
						x.sdk.Types[ts.Name.Name] = "bool"
					case "float32", "float64":
						x.sdk.Types[ts.Name.Name] = "float"
					default:
						x.sdk.Types[ts.Name.Name] = u
					}
				}
			}
		case token.CONST:
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				if vs.Type == nil || len(vs.Values) != len(vs.Names) {
					continue
				}
				tn, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, v := range vs.Values {
					if bl, ok := v.(*ast.BasicLit); ok {
						x.sdk.Enums[tn.Name] = append(x.sdk.Enums[tn.Name], bl.Value)
					}
				}
			}
		}
	}
	for k, v := range x.sdk.Enums {
		if len(v) == 0 {
			delete(x.sdk.Enums, k)
		}
	}
}

// resolveDefinedStructs treats a type defined from a struct of the package (type
// UpdateXRequest CreateXRequest) as that struct, so that its `Cloudmore model:` line counts, and
// returns the types it resolved with the type each stands on.
func (x *extractor) resolveDefinedStructs() map[string]string {
	defined := map[string]string{}
	for name, under := range x.sdk.Types {
		if st, ok := x.structs[under]; ok && x.structs[name] == nil {
			x.structs[name] = st
			x.sdk.Types[name] = "struct"
			defined[name] = under
		}
	}
	return defined
}

// collectHelpers records the functions whose first parameter is the validator.
func (x *extractor) collectHelpers(files []*ast.File) {
	x.helpers = map[string]*ast.FuncDecl{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil || len(fd.Type.Params.List) == 0 {
				continue
			}
			if exprString(fd.Type.Params.List[0].Type) == "*validator" {
				x.helpers[fd.Name.Name] = fd
			}
		}
	}
}

// collectRules reads the validate methods: which JSON fields they require and how long they
// may be, including the rules of the helpers they call.
func (x *extractor) collectRules(f *ast.File) {
	if x.validated == nil {
		x.validated = map[string]bool{}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Name.Name != "validate" || fd.Body == nil {
			continue
		}
		recv := strings.TrimLeft(exprString(fd.Recv.List[0].Type), "*")
		x.validated[recv] = true
		rules := x.rules[recv]
		if rules == nil {
			rules = map[string]*Field{}
			x.rules[recv] = rules
		}
		x.readRules(fd.Body, nil, rules, 0)
	}
}

// readRules reads the rules checked in body into rules. env holds the string values of
// identifiers: a helper's constants and the parameters it was called with.
func (x *extractor) readRules(body *ast.BlockStmt, env map[string]string, rules map[string]*Field, depth int) {
	rule := func(name string) *Field {
		r := rules[name]
		if r == nil {
			r = &Field{JSON: name}
			rules[name] = r
		}
		return r
	}
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		var fn string
		switch f := call.Fun.(type) {
		case *ast.Ident:
			fn = f.Name
			if h := x.helpers[fn]; h != nil && depth < 4 {
				x.readRules(h.Body, helperEnv(h, call.Args, env), rules, depth+1)
				return true
			}
		case *ast.SelectorExpr:
			fn = f.Sel.Name
		}
		name, ok := fieldName(call.Args[0], env)
		if !ok {
			return true
		}
		switch fn {
		case "required", "guid", "email":
			rule(name).Required = true
		case "requiredMax", "checkRequiredMax":
			rule(name).Required = true
			rule(name).MaxLength = intLit(call.Args[len(call.Args)-1])
		case "maxLen", "checkMaxLen":
			rule(name).MaxLength = intLit(call.Args[len(call.Args)-1])
		case "invalid", "fail":
			if len(call.Args) > 1 {
				if s, ok := stringLit(call.Args[1]); ok && strings.HasPrefix(s, "required") {
					rule(name).Required = true
				}
			}
		}
		return true
	})
}

// helperEnv returns the identifiers a helper's body can name a field by: its string
// constants, and its parameters given a field name (a literal, or a name the caller knows).
func helperEnv(h *ast.FuncDecl, args []ast.Expr, caller map[string]string) map[string]string {
	env := map[string]string{}
	i := 0
	for _, p := range h.Type.Params.List {
		for _, n := range p.Names {
			if i < len(args) {
				if s, ok := fieldName(args[i], caller); ok {
					env[n.Name] = s
				}
			}
			i++
		}
	}
	ast.Inspect(h.Body, func(n ast.Node) bool {
		gd, ok := n.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			return true
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for j, n := range vs.Names {
				if j < len(vs.Values) {
					if s, ok := stringLit(vs.Values[j]); ok {
						env[n.Name] = s
					}
				}
			}
		}
		return true
	})
	return env
}

// fieldName reads a field name argument: "name", an identifier env gives a value, or
// prefix+".name" (a nested model's rule).
func fieldName(e ast.Expr, env map[string]string) (string, bool) {
	if s, ok := stringLit(e); ok {
		return s, s != ""
	}
	if id, ok := e.(*ast.Ident); ok {
		s, ok := env[id.Name]
		return s, ok && s != ""
	}
	if be, ok := e.(*ast.BinaryExpr); ok && be.Op == token.ADD {
		if s, ok := stringLit(be.Y); ok && strings.HasPrefix(s, ".") {
			return s[1:], true
		}
	}
	return "", false
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

func intLit(e ast.Expr) int {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.INT {
		return 0
	}
	n, _ := strconv.Atoi(bl.Value)
	return n
}

func hasParam(ps []Param, name string) bool {
	for _, p := range ps {
		if p.Name == name {
			return true
		}
	}
	return false
}

func appendUnique(s []string, v string) []string {
	for _, e := range s {
		if e == v {
			return s
		}
	}
	return append(s, v)
}

// collectModels reads the types with a `Cloudmore model:` line.
func (x *extractor) collectModels(f *ast.File) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			doc := ts.Doc
			if doc == nil && len(gd.Specs) == 1 {
				doc = gd.Doc
			}
			var m []string
			if doc != nil {
				m = modelLine.FindStringSubmatch(doc.Text())
			}
			if m == nil && x.assume[ts.Name.Name] != "" {
				m = []string{"", x.assume[ts.Name.Name]}
			}
			if m == nil || strings.EqualFold(m[1], "unknown") {
				continue
			}
			if _, ok := x.structs[ts.Name.Name]; !ok {
				continue
			}
			model := Model{Name: m[1], GoType: ts.Name.Name, Validated: x.validated[ts.Name.Name], Fields: x.jsonFields(ts.Name.Name)}
			if model.Fields == nil {
				model.Fields = []Field{}
			}
			x.sdk.Models = append(x.sdk.Models, model)
		}
	}
}

// jsonFields returns a struct's JSON fields with the rules of its validate method.
func (x *extractor) jsonFields(typ string) []Field {
	st := x.structs[typ]
	var out []Field
	for _, f := range st.Fields.List {
		t := exprString(f.Type)
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		j, hasJSON := reflect.StructTag(tag).Lookup("json")
		name, opts, _ := strings.Cut(j, ",")
		if len(f.Names) == 0 {
			if !hasJSON {
				out = append(out, x.jsonFields(strings.TrimLeft(t, "*"))...)
			}
			continue
		}
		for _, n := range f.Names {
			if !n.IsExported() || name == "-" || !hasJSON {
				continue
			}
			jn := name
			if jn == "" {
				jn = n.Name
			}
			fl := Field{JSON: jn, GoName: n.Name, Type: t, OmitEmpty: strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")}
			if r := x.rules[typ][jn]; r != nil {
				fl.Required, fl.MaxLength = r.Required, r.MaxLength
			}
			out = append(out, fl)
		}
	}
	return out
}
