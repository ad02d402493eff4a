package cloudmore

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"iter"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The v1 shape's mechanical rules, checked over the billing area's files (the package-wide
// checks live in coverage_test.go): no exported method returns a bare json.RawMessage (nor
// yields one), every service method's doc ends with its Cloudmore API lines, every exported
// model type names its Cloudmore model, and every *Options parameter accepts nil.

var billingFiles = []string{"billing.go", "billing_azure.go", "billing_decode.go", "billing_export.go", "billing_stream.go", "poller.go"}

func parseBillingFiles(t *testing.T) []*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range billingFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

func TestBillingShapeNoBareRawMessage(t *testing.T) {
	for _, f := range parseBillingFiles(t) {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() || fn.Type.Results == nil {
				continue
			}
			for _, r := range fn.Type.Results.List {
				typ := exprString(r.Type)
				assert.NotContains(t, typ, "json.RawMessage", "%s returns %s: return a named model that keeps Raw", fn.Name.Name, typ)
			}
		}
	}
}

// exprString renders a type expression.
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.ArrayType:
		return "[]" + exprString(e.Elt)
	case *ast.IndexExpr:
		return exprString(e.X) + "[" + exprString(e.Index) + "]"
	case *ast.IndexListExpr:
		var parts []string
		for _, x := range e.Indices {
			parts = append(parts, exprString(x))
		}
		return exprString(e.X) + "[" + strings.Join(parts, ", ") + "]"
	case *ast.MapType:
		return "map[" + exprString(e.Key) + "]" + exprString(e.Value)
	}
	return "?"
}

func TestBillingShapeDocLines(t *testing.T) {
	for _, f := range parseBillingFiles(t) {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil || !d.Name.IsExported() {
					continue
				}
				recv := exprString(d.Recv.List[0].Type)
				if recv != "*BillingService" {
					continue
				}
				doc := strings.TrimSpace(d.Doc.Text())
				lines := strings.Split(doc, "\n")
				assert.True(t, strings.HasPrefix(lines[len(lines)-1], "Cloudmore API: "), "%s: its doc ends with its Cloudmore API line", d.Name.Name)
			case *ast.GenDecl:
				for _, s := range d.Specs {
					ts, ok := s.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok || !hasJSONField(st) {
						continue
					}
					doc := d.Doc
					if ts.Doc != nil {
						doc = ts.Doc
					}
					found := false
					for _, l := range strings.Split(doc.Text(), "\n") {
						if strings.HasPrefix(l, "Cloudmore model: ") && len(strings.Fields(l)) == 3 {
							found = true
						}
					}
					assert.True(t, found, "%s: a model type names its Cloudmore model on its own line", ts.Name.Name)
				}
			}
		}
	}
}

func hasJSONField(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("json")
		if tag != "" && tag != "-" {
			return true
		}
	}
	return false
}

// Every BillingService method, called with nil for each pointer argument (options, request
// bodies), is valid: nothing it refuses names "body" or any other field.
func TestBillingShapeNilOptionsAreValid(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			writeJSON(t, w, http.StatusAccepted, `{"taskId":"t1","operationId":"op1"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	ctx := context.Background()
	mine := map[string]bool{} // the methods of the billing files (other areas add their own)
	for _, f := range parseBillingFiles(t) {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && exprString(fn.Recv.List[0].Type) == "*BillingService" {
				mine[fn.Name.Name] = true
			}
		}
	}
	v := reflect.ValueOf(c.Billing)
	typ := v.Type()
	n := 0
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		if strings.HasPrefix(m.Name, "Resume") || !mine[m.Name] {
			continue
		}
		args := []reflect.Value{}
		for j := 1; j < m.Type.NumIn(); j++ {
			in := m.Type.In(j)
			switch {
			case in == reflect.TypeOf((*context.Context)(nil)).Elem():
				args = append(args, reflect.ValueOf(ctx))
			case in == reflect.TypeOf(Date{}):
				args = append(args, reflect.ValueOf(aprilStart))
			case in.Kind() == reflect.String:
				args = append(args, reflect.ValueOf("x1"))
			case in.Kind() == reflect.Pointer:
				args = append(args, reflect.Zero(in))
			default:
				t.Fatalf("%s: argument %d is a %s: teach the test", m.Name, j, in)
			}
		}
		out := v.Method(i).Call(args)
		var err error
		if seq, ok := out[0].Interface().(iter.Seq2[*OrganizationBilling, error]); ok {
			for _, e := range seq {
				err = e
			}
		} else if seq, ok := out[0].Interface().(iter.Seq2[BillingUsageLine, error]); ok {
			for _, e := range seq {
				err = e
			}
		} else if e, ok := out[len(out)-1].Interface().(error); ok {
			err = e
		}
		var ve *ValidationError
		assert.False(t, errors.As(err, &ve), "%s with nil options: %v", m.Name, err)
		n++
	}
	assert.GreaterOrEqual(t, n, 18, "every method was called")
}
