package cloudmore_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoHandlerCallsFailNow: t.FailNow (require.*, t.Fatal, t.FailNow) may only run on the
// test's own goroutine; in an HTTP handler, which net/http runs on another, it would end that
// goroutine instead of the test. Every test file of the repository is read, and every function
// literal that is an HTTP handler (it takes an http.ResponseWriter) must use assert.* and
// return instead.
func TestNoHandlerCallsFailNow(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok || !takesResponseWriter(lit.Type) {
				return true
			}
			ast.Inspect(lit.Body, func(m ast.Node) bool {
				if inner, ok := m.(*ast.FuncLit); ok && inner != lit {
					return false // a closure of its own, checked on its own
				}
				call, ok := m.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					x, _ := sel.X.(*ast.Ident)
					switch {
					case x != nil && x.Name == "require",
						sel.Sel.Name == "Fatal" || sel.Sel.Name == "Fatalf" || sel.Sel.Name == "FailNow":
						t.Errorf("%s: an HTTP handler calls %s.%s, which must not run off the test's goroutine",
							fset.Position(call.Pos()), exprName(sel.X), sel.Sel.Name)
					}
				}
				return true
			})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func takesResponseWriter(ft *ast.FuncType) bool {
	for _, p := range ft.Params.List {
		if sel, ok := p.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "ResponseWriter" {
			return true
		}
	}
	return false
}

func exprName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}
