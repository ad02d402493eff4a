package metadata

import (
	"reflect"
	"sort"
	"strings"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// FromDeclarations is the operations part of the SDK's metadata, read from its declarations
// (cloudmore.Operations) rather than from doc comments: the method and path, the method that
// sends each, the query parameters of its query type (every url-tagged field, the values a
// method takes positionally and sends as query parameters among them), and its body type.
func FromDeclarations(ops []cloudmore.Operation) []Operation {
	byKey := map[string]*Operation{}
	var keys []string
	for _, o := range ops {
		key := o.Method + " " + o.Path
		op := byKey[key]
		if op == nil {
			op = &Operation{Method: o.Method, Path: o.Path}
			byKey[key] = op
			keys = append(keys, key)
		}
		if m := methodOf(o.Name); m != "" {
			op.Methods = appendUnique(op.Methods, m)
		}
		if o.Query != nil {
			for _, q := range queryOf(o.Query) {
				if !hasParam(op.Query, q.Name) {
					op.Query = append(op.Query, q)
				}
			}
		}
		if o.Body != nil {
			op.Bodies = appendUnique(op.Bodies, strings.TrimLeft(goName(o.Body), "*"))
		}
	}
	sort.Strings(keys)
	out := make([]Operation, 0, len(keys))
	for _, k := range keys {
		op := byKey[k]
		sort.Strings(op.Methods)
		sort.Slice(op.Query, func(i, j int) bool { return op.Query[i].Name < op.Query[j].Name })
		out = append(out, *op)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// methodOf turns an operation's name ("CSP.NCE.List", "Billing.BeginX: status") into the
// receiver and method that send it ("CSPNCEService.List"), following the client's fields.
func methodOf(name string) string {
	name, _, _ = strings.Cut(name, ": ")
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	t := reflect.TypeFor[cloudmore.Client]()
	for _, f := range strings.Split(name[:i], ".") {
		sf, ok := t.FieldByName(f)
		if !ok {
			return ""
		}
		t = sf.Type
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	return t.Name() + "." + name[i+1:]
}

// queryOf lists the url-tagged fields of a query type, embedded structs included and the
// ExtraParams escape hatch left out.
func queryOf(t reflect.Type) []Param {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []Param
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, queryOf(f.Type)...)
			continue
		}
		u, ok := f.Tag.Lookup("url")
		if !ok || f.Type == reflect.TypeFor[cloudmore.ExtraParams]() {
			continue
		}
		name, opts, _ := strings.Cut(u, ",")
		if name == "-" || name == "" {
			continue
		}
		out = append(out, Param{Name: name, Required: !strings.Contains(opts, "omitempty"), Type: goName(f.Type), Options: goName(t)})
	}
	return out
}

// goName is a type as the SDK's source writes it: "*bool", "Date", "[]string".
func goName(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "cloudmore.", "")
}
