package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The mechanical rules of the v1 API shape (README "The shape of the API"), checked here rather
// than by review.

func parsePackage(t *testing.T) []*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	return files
}

// TestEveryModelNamesItsSwaggerModel: every exported model type (an exported struct with a
// json-tagged field) names the Swagger model it stands for on its own doc line, as every
// service method names its operation.
func TestEveryModelNamesItsSwaggerModel(t *testing.T) {
	line := regexp.MustCompile(`(?m)^Cloudmore model: (unknown|[A-Za-z][A-Za-z0-9_.]*(, [A-Za-z][A-Za-z0-9_.]*)*)$`)
	models := 0
	for _, f := range parsePackage(t) {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || !ts.Name.IsExported() || !hasJSONField(st) {
					continue
				}
				models++
				doc := ts.Doc
				if doc == nil {
					doc = gd.Doc
				}
				text := ""
				if doc != nil {
					text = doc.Text()
				}
				assert.Regexp(t, line, text, "%s: its doc comment needs a line `Cloudmore model: <SwaggerModel>` (or `unknown`)", ts.Name.Name)
			}
		}
	}
	assert.Greater(t, models, 50)
}

func hasJSONField(st *ast.StructType) bool {
	for _, fld := range st.Fields.List {
		if fld.Tag == nil {
			continue
		}
		tag := reflect.StructTag(strings.Trim(fld.Tag.Value, "`")).Get("json")
		if tag != "" && tag != "-" {
			return true
		}
	}
	return false
}

// TestNoMethodReturnsBareRawJSON: results are named models (which may keep Raw), never a bare
// json.RawMessage, so typed fields can be added later without breaking anyone.
func TestNoMethodReturnsBareRawJSON(t *testing.T) {
	raw := reflect.TypeFor[json.RawMessage]()
	for _, m := range exportedServiceMethods(t) {
		for i := 0; i < m.Type.NumOut(); i++ {
			out := m.Type.Out(i)
			for out.Kind() == reflect.Pointer || out.Kind() == reflect.Slice {
				if out == raw {
					break
				}
				out = out.Elem()
			}
			assert.NotEqual(t, raw, out, "%s returns a bare json.RawMessage", m.Name)
		}
	}
}

// TestOptionsHoldOnlyQueryParameters: an *XxxOptions type holds only optional query parameters
// (url tags), never a body member.
func TestOptionsHoldOnlyQueryParameters(t *testing.T) {
	for _, m := range exportedServiceMethods(t) {
		for i := 1; i < fixedIn(m.Type); i++ {
			in := m.Type.In(i)
			if in.Kind() != reflect.Pointer || !strings.HasSuffix(in.Elem().Name(), "Options") || in.Elem().Kind() != reflect.Struct {
				continue
			}
			for j := 0; j < in.Elem().NumField(); j++ {
				f := in.Elem().Field(j)
				if !f.IsExported() {
					continue
				}
				tag := f.Tag.Get("json")
				assert.True(t, tag == "" || tag == "-", "%s: %s.%s is a body member (json tag), not a query parameter", m.Name, in.Elem().Name(), f.Name)
			}
		}
	}
}

// TestEveryOptionsParameterAcceptsNil calls every service method whose only pointer
// parameters are *XxxOptions with nil for each of them, against a server that answers 200
// with an empty JSON value, and checks that no nil options are refused: a nil *XxxOptions is
// always valid.
func TestEveryOptionsParameterAcceptsNil(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/connect/token" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"access_token":"t","token_type":"Bearer","expires_in":3600}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID),
		WithSellerID(testResellerID), WithRetry(NoRetries()))
	require.NoError(t, err)
	checked := 0
	for _, m := range exportedServiceMethodsOf(reflect.ValueOf(c).Elem()) {
		args, ok := nilOptionsArgs(m.fn.Type())
		if !ok {
			continue
		}
		checked++
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panicked with nil options: %v", m.name, r)
				}
			}()
			outs := m.fn.Call(args)
			if e, _ := outs[len(outs)-1].Interface().(error); e != nil {
				var ve *ValidationError
				if errors.As(e, &ve) {
					for _, f := range ve.Fields {
						assert.NotContains(t, []string{"body", "opts", "options"}, f.Field, "%s refused nil options: %v", m.name, e)
					}
				}
			}
		}()
	}
	assert.Greater(t, checked, 20)
}

type boundMethod struct {
	name string
	fn   reflect.Value
}

// nilOptionsArgs builds arguments for a method whose parameters are a context, then strings,
// ints, Dates and *XxxOptions; false for any other signature.
func nilOptionsArgs(ft reflect.Type) ([]reflect.Value, bool) {
	if fixedIn(ft) == 0 || ft.In(0) != reflect.TypeFor[context.Context]() {
		return nil, false
	}
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	hasOptions := false
	for i := 1; i < fixedIn(ft); i++ {
		in := ft.In(i)
		switch {
		case in.Kind() == reflect.String:
			args = append(args, reflect.ValueOf(testResellerID).Convert(in))
		case in.Kind() == reflect.Int:
			args = append(args, reflect.ValueOf(1).Convert(in))
		case in == reflect.TypeFor[Date]():
			args = append(args, reflect.ValueOf(DateOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))))
		case in == reflect.TypeFor[time.Month]():
			args = append(args, reflect.ValueOf(time.October))
		case in.Kind() == reflect.Pointer && strings.HasSuffix(in.Elem().Name(), "Options"):
			hasOptions = true
			args = append(args, reflect.Zero(in))
		default:
			return nil, false
		}
	}
	return args, hasOptions
}

// exportedServiceMethods lists the exported methods of every service type reachable from Client.
func exportedServiceMethods(t *testing.T) []reflect.Method {
	t.Helper()
	var out []reflect.Method
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(st reflect.Type) {
		if seen[st] {
			return
		}
		seen[st] = true
		pt := reflect.PointerTo(st)
		for i := 0; i < pt.NumMethod(); i++ {
			m := pt.Method(i)
			m.Name = st.Name() + "." + m.Name
			out = append(out, m)
		}
		for i := 0; i < st.NumField(); i++ {
			f := st.Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				walk(f.Type.Elem())
			}
		}
	}
	ct := reflect.TypeFor[Client]()
	for i := 0; i < ct.NumField(); i++ {
		f := ct.Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			walk(f.Type.Elem())
		}
	}
	require.Greater(t, len(out), 90)
	return out
}

// exportedServiceMethodsOf lists the methods of every service of a client, bound to it.
func exportedServiceMethodsOf(cv reflect.Value) []boundMethod {
	var out []boundMethod
	seen := map[uintptr]bool{}
	var walk func(reflect.Value)
	walk = func(sv reflect.Value) {
		if sv.IsNil() || seen[sv.Pointer()] {
			return
		}
		seen[sv.Pointer()] = true
		for i := 0; i < sv.NumMethod(); i++ {
			out = append(out, boundMethod{name: sv.Type().Elem().Name() + "." + sv.Type().Method(i).Name, fn: sv.Method(i)})
		}
		st := sv.Elem()
		for i := 0; i < st.NumField(); i++ {
			f := st.Type().Field(i)
			if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				walk(st.Field(i))
			}
		}
	}
	for i := 0; i < cv.NumField(); i++ {
		f := cv.Type().Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			walk(cv.Field(i))
		}
	}
	return out
}
