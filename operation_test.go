package cloudmore

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// swaggerTable reads the 227 operations of Cloudmore's Swagger v1.07.0 table
// (testdata/operations/*.txt), one "METHOD /path" each.
func swaggerTable(t *testing.T) []string {
	t.Helper()
	lists, err := filepath.Glob(filepath.Join("testdata", "operations", "*.txt"))
	require.NoError(t, err)
	var ops []string
	for _, name := range lists {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			ops = append(ops, strings.Join(strings.Fields(line), " "))
		}
	}
	slices.Sort(ops)
	return ops
}

// TestEveryOperationIsDeclaredOnce: the declarations name exactly the 227 operations of the
// Swagger table (testdata/operations), each once.
func TestEveryOperationIsDeclaredOnce(t *testing.T) {
	want := swaggerTable(t)
	var got []string
	for _, o := range Operations() {
		got = append(got, o.Method+" "+o.Path)
	}
	slices.Sort(got)
	assert.Len(t, got, 227)
	assert.Len(t, slices.Compact(slices.Clone(got)), len(got), "an operation declared twice")
	assert.Equal(t, want, got)
}

// TestEveryDeclarationNamesItsMethod: a declaration's name is the client's service path and
// method that sends it ("CSP.NCE.List" is c.CSP.NCE.List; "Billing.BeginX: status" is a step of
// c.Billing.BeginX), the method exists, and its doc comment's "Cloudmore API:" lines are
// exactly its declarations' lines: the doc stays for readers, the declaration is the fact.
func TestEveryDeclarationNamesItsMethod(t *testing.T) {
	docLines := apiDocLines(t) // "OrganizationsService.Get" -> its Cloudmore API lines
	declaredLines := map[string][]string{}
	c, err := NewClient(WithResellerID(testResellerID), WithSellerID(testSellerID), WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"})))
	require.NoError(t, err)
	for _, o := range Operations() {
		name, _, _ := strings.Cut(o.Name, ": ")
		i := strings.LastIndexByte(name, '.')
		require.Positive(t, i, o.Name)
		v := reflect.ValueOf(c).Elem()
		for _, f := range strings.Split(name[:i], ".") {
			v = v.FieldByName(f)
			require.True(t, v.IsValid(), "%s: the client has no service %s", o, name[:i])
			v = v.Elem()
		}
		m, ok := v.Addr().Type().MethodByName(name[i+1:])
		require.True(t, ok, "%s: %s has no method %s", o, v.Type().Name(), name[i+1:])
		key := v.Type().Name() + "." + m.Name
		declaredLines[key] = append(declaredLines[key], o.Method+" "+o.Path)
		assert.True(t, m.Type.IsVariadic() && m.Type.In(m.Type.NumIn()-1).Elem() == reflect.TypeFor[CallOption](),
			"%s: %s takes no ...CallOption", o, key)
	}
	for key, lines := range declaredLines {
		for _, l := range lines {
			assert.Contains(t, docLines[key], l, "%s: the doc does not name its declared operation", key)
		}
	}
	all := map[string]bool{}
	for _, o := range Operations() {
		all[o.Method+" "+o.Path] = true
	}
	for key, lines := range docLines {
		for _, l := range lines {
			// A method that sends another method's operation (CreateForProduct sends
			// Subscriptions.Create's) names it too; every named operation is declared.
			assert.True(t, all[l], "%s names %s, which no declaration declares", key, l)
		}
	}
}

// apiDocLines reads the "Cloudmore API:" lines of every method's doc comment, by
// "ReceiverType.Method".
func apiDocLines(t *testing.T) map[string][]string {
	apiLine := regexp.MustCompile(`^Cloudmore API: ((?:GET|POST|PUT|DELETE|PATCH) /api/\S+)$`)
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	out := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Doc == nil {
				continue
			}
			for _, line := range strings.Split(fn.Doc.Text(), "\n") {
				if m := apiLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
					key := receiverType(fn) + "." + fn.Name.Name
					out[key] = append(out[key], m[1])
				}
			}
		}
	}
	return out
}

// TestOperationsDescribeTheirTypes: the catalogue gives each operation's result kind, retry
// rule and Go types, as the command and the fake read them.
func TestOperationsDescribeTheirTypes(t *testing.T) {
	byName := map[string]Operation{}
	for _, o := range Operations() {
		byName[o.Name] = o
	}
	get := byName["Organizations.Get"]
	assert.Equal(t, http.MethodGet, get.Method)
	assert.Equal(t, "/api/resellers/{resellerId}/Organizations/{id}", get.Path)
	assert.Equal(t, []string{"id"}, get.Params)
	assert.Equal(t, "one", get.Result)
	assert.Equal(t, "repeatable", get.Retry)
	assert.Equal(t, reflect.TypeFor[*OrganizationDetails](), get.ResultType)
	assert.Nil(t, get.Query)
	assert.Nil(t, get.Body)

	create := byName["Organizations.Create"]
	assert.Equal(t, "created", create.Result)
	assert.Equal(t, "not once written", create.Retry)
	assert.Equal(t, reflect.TypeFor[*CreateOrganizationRequest](), create.Body)

	list := byName["Organizations.List"]
	assert.Equal(t, "list", list.Result)
	assert.Equal(t, reflect.TypeFor[*OrganizationListOptions](), list.Query)
	assert.Equal(t, "none", byName["Organizations.Delete"].Result)
}
