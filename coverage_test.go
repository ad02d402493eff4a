package cloudmore

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryOperationHasAMethod checks the package's coverage claim from the doc comments a
// reader sees: every exported method of a service ends its doc comment with "Cloudmore API:
// METHOD /path" lines (the Swagger path verbatim), and together the lines of every method (and
// of handles such as BillingTask that call Cloudmore) name exactly the 227 operations of the
// Swagger table (testdata/operations). TestEveryOperationIsDeclaredOnce checks the same table
// against the declarations.
func TestEveryOperationHasAMethod(t *testing.T) {
	var wantOps []string
	for _, op := range swaggerTable(t) {
		wantOps = append(wantOps, strings.Replace(op, " ", "_", 1))
	}

	apiLine := regexp.MustCompile(`^Cloudmore API: (GET|POST|PUT|DELETE|PATCH) (/api/\S+)$`)
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var parsed []*ast.File
	for _, name := range files {
		if !strings.HasSuffix(name, "_test.go") {
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			require.NoError(t, err)
			parsed = append(parsed, f)
		}
	}
	services := serviceTypes(parsed)
	require.Contains(t, services, "OrganizationsService")
	var got []string
	for _, f := range parsed {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || !fn.Name.IsExported() || fn.Doc == nil {
				continue
			}
			lines := strings.Split(strings.TrimSpace(fn.Doc.Text()), "\n")
			var ops []string
			for i := len(lines) - 1; i >= 0 && apiLine.MatchString(lines[i]); i-- {
				m := apiLine.FindStringSubmatch(lines[i])
				ops = append(ops, m[1]+"_"+m[2])
			}
			// Every method of a service calls Cloudmore (handles such as BillingTask may too).
			if fn.Recv != nil && services[receiverType(fn)] {
				assert.NotEmpty(t, ops, "%s.%s: the doc comment must end with a Cloudmore API line", receiverType(fn), fn.Name.Name)
			}
			got = append(got, ops...)
		}
	}
	slices.Sort(got)
	got = slices.Compact(got)
	slices.Sort(wantOps)
	assert.Equal(t, wantOps, got)
	assert.Len(t, wantOps, 227)
}

func receiverType(fn *ast.FuncDecl) string {
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// serviceTypes finds the API services: the types declared as `service` or as a struct with a
// `client *Client` field.
func serviceTypes(files []*ast.File) map[string]bool {
	out := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			switch t := ts.Type.(type) {
			case *ast.Ident:
				out[ts.Name.Name] = t.Name == "service"
			case *ast.StructType:
				for _, fld := range t.Fields.List {
					for _, name := range fld.Names {
						if name.Name == "client" {
							out[ts.Name.Name] = true
						}
					}
				}
			}
			return true
		})
	}
	return out
}
