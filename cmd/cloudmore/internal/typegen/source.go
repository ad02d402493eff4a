package typegen

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// sdkModule is the SDK's module path; FindSDKRoot looks for its go.mod.
const sdkModule = "github.com/cloudmore-sdk/cloudmore-go"

// modelLine is the doc line naming a type's Swagger model (as internal/metadata reads it).
var modelLine = regexp.MustCompile(`(?m)^\s*Cloudmore model:\s*(\S+)\s*$`)

// FindSDKRoot returns the directory of the SDK's go.mod, start or the nearest of its parents
// whose go.mod declares the SDK's module.
func FindSDKRoot(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && modulePath(b) == sdkModule {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of %s in %s or its parents: name the SDK's directory with --dir", sdkModule, start)
		}
		dir = parent
	}
}

func modulePath(gomod []byte) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// srcFile is one Go file of the SDK package.
type srcFile struct {
	name string // base name
	src  []byte
	ast  *ast.File
}

// goType is one package-level type of the SDK.
type goType struct {
	name  string
	model string // the Swagger model of its `Cloudmore model:` line, or ""
	file  *srcFile
	spec  *ast.TypeSpec
	st    *ast.StructType // nil when the type is not a struct literal
}

// source is the SDK package as read from its directory.
type source struct {
	dir       string
	fset      *token.FileSet
	files     []*srcFile
	types     map[string]*goType
	models    []*goType            // types with a `Cloudmore model:` line, in source order
	bySwagger map[string][]*goType // Swagger model -> the types standing for it
	methods   map[string]map[string]*method
}

// method is a method declaration and the file holding it.
type method struct {
	decl *ast.FuncDecl
	file *srcFile
}

// readSource parses the non-test Go files of package cloudmore in dir.
func readSource(dir string) (*source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	s := &source{dir: dir, fset: token.NewFileSet(), types: map[string]*goType{}, bySwagger: map[string][]*goType{},
		methods: map[string]map[string]*method{}}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(s.fset, n, b, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "cloudmore" {
			continue
		}
		s.files = append(s.files, &srcFile{name: n, src: b, ast: f})
	}
	if len(s.files) == 0 {
		return nil, errors.New("no Go file of package cloudmore in " + dir)
	}
	for _, f := range s.files {
		for _, d := range f.ast.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.TYPE {
					continue
				}
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					t := &goType{name: ts.Name.Name, file: f, spec: ts}
					t.st, _ = ts.Type.(*ast.StructType)
					doc := ts.Doc
					if doc == nil && len(d.Specs) == 1 {
						doc = d.Doc
					}
					if doc != nil {
						if m := modelLine.FindStringSubmatch(doc.Text()); m != nil && !strings.EqualFold(m[1], "unknown") {
							t.model = m[1]
						}
					}
					s.types[t.name] = t
					if t.model != "" {
						s.models = append(s.models, t)
						s.bySwagger[t.model] = append(s.bySwagger[t.model], t)
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				recv := strings.TrimPrefix(s.expr(d.Recv.List[0].Type), "*")
				if s.methods[recv] == nil {
					s.methods[recv] = map[string]*method{}
				}
				s.methods[recv][d.Name.Name] = &method{decl: d, file: f}
			}
		}
	}
	return s, nil
}

// expr prints an expression as Go source.
func (s *source) expr(e ast.Node) string {
	var b bytes.Buffer
	printer.Fprint(&b, s.fset, e)
	return b.String()
}

// offset is the byte offset of p in its file.
func (s *source) offset(p token.Pos) int { return s.fset.Position(p).Offset }

// field is an existing struct field.
type field struct {
	goName string
	json   string // the JSON member it carries ("" for a field encoding/json skips)
	opts   string // the tag's options after the name
	typ    string // its Go type
	tagged bool   // it has a json tag
	node   *ast.Field
}

// fields returns a struct's named fields; embedded reports an embedded field, if any.
func (s *source) fields(st *ast.StructType) (out []field, embedded string) {
	for _, f := range st.Fields.List {
		tag := ""
		if f.Tag != nil {
			tag, _ = strconv.Unquote(f.Tag.Value)
		}
		j, hasJSON := reflect.StructTag(tag).Lookup("json")
		name, opts, _ := strings.Cut(j, ",")
		if len(f.Names) == 0 {
			if name != "-" {
				embedded = s.expr(f.Type)
			}
			continue
		}
		for _, n := range f.Names {
			fl := field{goName: n.Name, opts: opts, typ: s.expr(f.Type), tagged: hasJSON, node: f}
			switch {
			case !n.IsExported() || name == "-":
			case !hasJSON || name == "":
				fl.json = n.Name
			default:
				fl.json = name
			}
			out = append(out, fl)
		}
	}
	return out, embedded
}

// body is a function body's statements as normalized Go text: one line a statement, single
// spaces.
func (s *source) body(fd *ast.FuncDecl) string {
	if fd.Body == nil {
		return ""
	}
	var parts []string
	for _, st := range fd.Body.List {
		parts = append(parts, strings.Join(strings.Fields(s.expr(st)), " "))
	}
	return strings.Join(parts, "\n")
}

// recvName returns a method's receiver name, and whether the receiver is a pointer.
func recvName(fd *ast.FuncDecl) (string, bool) {
	r := fd.Recv.List[0]
	_, ptr := r.Type.(*ast.StarExpr)
	if len(r.Names) == 0 {
		return "", ptr
	}
	return r.Names[0].Name, ptr
}

// paramName returns a function's only parameter's name, or "".
func paramName(fd *ast.FuncDecl) string {
	if ps := fd.Type.Params.List; len(ps) == 1 && len(ps[0].Names) == 1 {
		return ps[0].Names[0].Name
	}
	return ""
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
