package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// A verb is one command: the group it sits in, its arguments and flags, the operations it
// calls and the call itself. Most verbs are built from the SDK's declaration of an operation
// (declared.go); the few that do more are written out (billing.go, prices.go, areas.go).
type verb struct {
	group   string // the command path of its group: "csp nce"
	use     string // "get ORGANIZATION_ID USER_ID": the verb, then the argument names
	short   string
	long    string   // help before the operations' lines
	example string   // cobra's Example
	ops     []string // the Cloudmore operations it calls, by name (cloudmore.Operation.Name)
	sdk     string   // the SDK methods it calls, where not ops: "CSP.NCE.ResumeUpgrade"
	cols    []string // the table's default columns
	body    []field  // body members settable by flag
	query   []field  // query parameters by flag
	data    bool     // takes --data (the whole body)
	wait    bool     // takes --wait (a long-running task)
	run     func(x *call) (any, error)

	result reflect.Type // the Go type it prints, where known before the call (checks --columns)
}

// A field is a flag: a body member (path is its JSON name, dotted for nested: address.city)
// or a query parameter (index is its field in the query options, for declared verbs).
type field struct {
	flag, path, kind, help string // kind: string (default), int, bool, decimal, date, time; params: --param key=value
	index                  []int
}

func str(flag, path, help string) field { return field{flag: flag, path: path, help: help} }
func flag(flag, path, help string) field {
	return field{flag: flag, path: path, kind: "bool", help: help}
}

// extraParams is --param key=value: extra query parameters, sent as given.
var extraParams = field{flag: "param", kind: "params"}

// call is one run of a verb: the context, the client, the arguments and the flags' values.
type call struct {
	ctx  context.Context
	c    *cloudmore.Client
	a    *app
	args []string
	cmd  *cobra.Command

	data   string
	body   *object // --data merged with the body flags; nil when none was given
	values map[string]*string
}

// arg returns the i-th positional argument.
func (x *call) arg(i int) string { return x.args[i] }

// decode fills req (a pointer to an SDK request type) from --data and the body flags. A
// member the type has no field for goes into its Extra map, where it has one; otherwise it
// is refused before anything is sent.
func (x *call) decode(req any) error {
	if x.body == nil {
		return nil
	}
	return decodeInto(x.body, req)
}

// q returns the value of a query flag, "" when not given.
func (x *call) q(name string) string {
	if v, ok := x.values[name]; ok && v != nil {
		return *v
	}
	return ""
}

// date returns a query flag as a Date (a usage error when malformed).
func (x *call) date(name string) (cloudmore.Date, error) {
	s := x.q(name)
	if s == "" {
		return cloudmore.Date{}, nil
	}
	d, err := cloudmore.ParseDate(s)
	if err != nil {
		return d, usagef("--%s %q: want a date such as 2026-10-31", name, s)
	}
	return d, nil
}

// params returns the --param key=value pairs.
func (x *call) params() cloudmore.ExtraParams {
	vals, _ := x.cmd.Flags().GetStringArray("param")
	if len(vals) == 0 {
		return nil
	}
	p := cloudmore.ExtraParams{}
	for _, kv := range vals {
		k, v, _ := strings.Cut(kv, "=")
		p[k] = v
	}
	return p
}

// none is the result of a verb that returns nothing but the answer: msg goes to stderr.
type none struct{ msg string }

// addVerbs adds the verbs to root, each under its group (made from groups as needed).
func (a *app) addVerbs(root *cobra.Command, verbs []verb) {
	made := map[string]*cobra.Command{"": root}
	var groupCmd func(path string) *cobra.Command
	groupCmd = func(path string) *cobra.Command {
		if c, ok := made[path]; ok {
			return c
		}
		g, ok := groups[path]
		if !ok {
			panic("cloudmore: no group " + strconv.Quote(path) + " in groups")
		}
		parent, name := cutLast(path)
		c := group(name, g.short, g.aliases...)
		groupCmd(parent).AddCommand(c)
		made[path] = c
		return c
	}
	for _, v := range verbs {
		groupCmd(v.group).AddCommand(a.verbCommand(v))
	}
}

func (a *app) verbCommand(v verb) *cobra.Command {
	parts := strings.Fields(v.use)
	var argNames []string // the positional arguments: the words up to the first flag
	for _, w := range parts[1:] {
		if strings.HasPrefix(w, "-") || strings.HasPrefix(w, "[") {
			break
		}
		argNames = append(argNames, w)
	}
	x := &call{a: a, values: map[string]*string{}}
	cmd := &cobra.Command{
		Use:     v.use,
		Short:   v.short,
		Long:    longHelp(v),
		Example: v.example,
		Args:    exactArgs(argNames...),
	}
	fs := cmd.Flags()
	for _, f := range append(append([]field(nil), v.body...), v.query...) {
		p := new(string)
		x.values[f.flag] = p
		switch f.kind {
		case "bool":
			fs.Var(&boolText{p}, f.flag, f.help)
			fs.Lookup(f.flag).NoOptDefVal = "true"
		case "params":
			fs.StringArray(f.flag, nil, "an extra query parameter key=value (repeatable)")
		default:
			fs.StringVar(p, f.flag, "", f.help)
		}
	}
	if v.data {
		fs.StringVar(&x.data, "data", "", "the request body: JSON text, @file.json, or @- for stdin (flags override its members)")
	}
	if v.wait {
		p := new(string)
		x.values["wait"] = p
		fs.Var(&boolText{p}, "wait", "wait until the task has finished and print its result")
		fs.Lookup("wait").NoOptDefVal = "true"
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		x.cmd, x.args, x.ctx = cmd, args, cmd.Context()
		if err := a.checkColumnsBefore(v.result); err != nil {
			return err
		}
		body, err := a.buildBody(cmd, x.data, v.body, x.values)
		if err != nil {
			return err
		}
		x.body = body
		c, err := a.Client()
		if err != nil {
			return err
		}
		x.c = c
		res, err := v.run(x)
		if err != nil {
			return err
		}
		if n, ok := res.(none); ok {
			if n.msg != "" {
				fmt.Fprintln(a.stderr, n.msg)
			}
			return nil
		}
		return a.print(cmd, res, v.cols...)
	}
	a.safeVerb(cmd, v.ops)
	cmd.ValidArgsFunction = a.completeIDs(v.group, argNames)
	return cmd
}

// longHelp is a verb's help: its short help, more where it has more, and the Cloudmore
// operations it calls.
func longHelp(v verb) string {
	parts := []string{v.short + "."}
	if v.long != "" {
		parts = append(parts, v.long)
	}
	if len(v.ops) > 0 {
		parts = append(parts, operationsHelp(v.ops, v.sdk))
	}
	return strings.Join(parts, "\n\n")
}

// operationsHelp names the Cloudmore operations a command calls: each operation it names and
// those its task follows ("Billing.BeginX: status"), then the SDK methods (sdk, or the
// operations' names).
func operationsHelp(ops []string, sdk string) string {
	byName, follows := operations()
	var b strings.Builder
	for _, name := range ops {
		o, ok := byName[name]
		if !ok {
			panic("cloudmore: no declared operation " + name)
		}
		for _, o := range append([]cloudmore.Operation{o}, follows[name]...) {
			fmt.Fprintf(&b, "Cloudmore API: %s %s\n", o.Method, o.Path)
		}
	}
	if sdk == "" {
		var calls []string // the operations' methods: a task's status is its Begin method's
		for _, name := range ops {
			if !strings.Contains(name, ": ") {
				calls = append(calls, name)
			}
		}
		sdk = strings.Join(calls, ", c.")
	}
	b.WriteString("SDK: c." + sdk)
	return b.String()
}

// boolText is a bool flag kept as text, so that "given" and "false" differ.
type boolText struct{ p *string }

func (b *boolText) String() string {
	if b.p == nil {
		return ""
	}
	return *b.p
}
func (b *boolText) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*b.p = strconv.FormatBool(v)
	return nil
}
func (b *boolText) Type() string     { return "bool" }
func (b *boolText) IsBoolFlag() bool { return true }

// readData reads a --data value: JSON text, @file, or @- for stdin.
func (a *app) readData(data string) ([]byte, error) {
	switch {
	case data == "@-":
		return io.ReadAll(a.stdin)
	case strings.HasPrefix(data, "@"):
		b, err := os.ReadFile(data[1:])
		if err != nil {
			return nil, &usageError{fmt.Errorf("--data: %w", err)}
		}
		return b, nil
	}
	return []byte(data), nil
}

// buildBody merges --data and the body flags into one JSON object (nil when neither is given).
func (a *app) buildBody(cmd *cobra.Command, data string, fields []field, values map[string]*string) (*object, error) {
	var body *object
	if data != "" {
		b, err := a.readData(data)
		if err != nil {
			return nil, err
		}
		g, err := decodeInput(b)
		if err != nil {
			return nil, usagef("--data is not JSON: %v", err)
		}
		o, ok := g.(*object)
		if !ok {
			return nil, usagef("--data must be a JSON object")
		}
		body = o
	}
	for _, f := range fields {
		if !cmd.Flags().Changed(f.flag) {
			continue
		}
		v, err := flagValue(f, *values[f.flag])
		if err != nil {
			return nil, err
		}
		if body == nil {
			body = newObject()
		}
		setPath(body, f.path, v)
	}
	return body, nil
}

// flagValue is a body flag's text as a JSON value of its kind, or a usage error naming the
// flag.
func flagValue(f field, s string) (any, error) {
	switch f.kind {
	case "int":
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return nil, usagef("--%s %q: want a whole number", f.flag, s)
		}
		return json.Number(s), nil
	case "decimal":
		if _, err := cloudmore.NewDecimal(s); err != nil {
			return nil, usagef("--%s %q: want a number such as 9.40", f.flag, s)
		}
		return json.Number(s), nil
	case "date":
		if _, err := cloudmore.ParseDate(s); err != nil {
			return nil, usagef("--%s %q: want a date such as 2026-10-31", f.flag, s)
		}
	case "time":
		var t cloudmore.Time
		if err := t.UnmarshalJSON([]byte(strconv.Quote(s))); err != nil {
			return nil, usagef("--%s %q: want a date such as 2026-10-31 or a time such as 2026-10-31T12:00:00Z", f.flag, s)
		}
	case "bool":
		return s == "true", nil
	}
	return s, nil
}

func setPath(o *object, path string, v any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		sub, ok := o.vals[p].(*object)
		if !ok {
			sub = newObject()
			o.set(p, sub)
		}
		o = sub
	}
	o.set(parts[len(parts)-1], v)
}

// decodeInto decodes body into req, putting members req has no field for into its Extra map
// (a member matching a field in another case is the field's, as encoding/json decodes it).
// Its errors name --data and the member, not Go's types.
func decodeInto(body *object, req any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(req); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return usagef("--data: member %q is a JSON %s where %s was expected", te.Field, te.Value, kindOf(te.Type.String()))
		}
		if k := failingMember(body, req); k != "" {
			return usagef("--data: member %q: %s", k, strings.TrimPrefix(err.Error(), "cloudmore: "))
		}
		return usagef("--data does not fit this request: %v", err)
	}
	rv := reflect.ValueOf(req).Elem()
	known := map[string]bool{} // encoding/json matches a member to a field in any case
	var names []string
	for k := range jsonNames(rv.Type()) {
		known[strings.ToLower(k)] = true
		names = append(names, k)
	}
	sort.Strings(names)
	var extra reflect.Value
	if f := rv.FieldByName("Extra"); f.IsValid() && f.Type() == reflect.TypeOf(map[string]any(nil)) {
		extra = f
	}
	var unknown []string
	for _, k := range body.keys {
		if known[strings.ToLower(k)] {
			continue
		}
		if !extra.IsValid() {
			unknown = append(unknown, strconv.Quote(k))
			continue
		}
		if extra.IsNil() {
			extra.Set(reflect.ValueOf(map[string]any{}))
		}
		v, err := plain(body.vals[k])
		if err != nil {
			return err
		}
		extra.SetMapIndex(reflect.ValueOf(k), reflect.ValueOf(&v).Elem())
	}
	if len(unknown) > 0 {
		return usagef("--data: this request has no member %s (its members: %s)", strings.Join(unknown, ", "), strings.Join(names, ", "))
	}
	return nil
}

// failingMember is the first member of body that does not decode into a request of req's
// type on its own (a value a field's own decoder refuses, such as a decimal that is not a
// number, whose error names no member), "" when none does.
func failingMember(body *object, req any) string {
	t := reflect.TypeOf(req).Elem()
	for _, k := range body.keys {
		one := newObject()
		one.set(k, body.vals[k])
		b, err := json.Marshal(one)
		if err == nil && json.Unmarshal(b, reflect.New(t).Interface()) != nil {
			return k
		}
	}
	return ""
}

// plain converts a decoded value into encoding/json's plain form (for Extra maps).
func plain(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	err = dec.Decode(&out)
	return out, err
}

// jsonNames returns the JSON member names of a struct type's fields.
func jsonNames(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		if name == "" {
			for k := range jsonNames(f.Type) {
				out[k] = true
			}
			continue
		}
		out[name] = true
	}
	return out
}

// jsonName is a struct field's JSON member name: "" for an embedded struct whose members are
// the parent's, false for a field JSON leaves out.
func jsonName(f reflect.StructField) (string, bool) {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" || !f.IsExported() {
		return "", false
	}
	if name == "" && !(f.Anonymous && f.Type.Kind() == reflect.Struct) {
		name = f.Name
	}
	return name, true
}
