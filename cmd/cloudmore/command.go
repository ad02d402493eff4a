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

// An area is a noun: organizations, users, csp, ... Its verbs call one SDK method each.
type area struct {
	name    string
	aliases []string
	short   string
	verbs   []verb
	subs    []area
}

// A verb is one command: its positional arguments, its flags, and the SDK call.
type verb struct {
	use   string // "get ORGANIZATION_ID USER_ID": the verb, then the argument names
	short string
	cols  []string // the table's default columns
	body  []field  // body members settable by flag; a verb with body also takes --data
	query []field  // query parameters by flag
	run   func(x *call) (any, error)
}

// A field is a flag that sets a JSON member (dotted for nested: address.city).
type field struct {
	flag, path, kind, help string // kind: string (default), int, bool, decimal, json
	required               bool
}

func str(flag, path, help string) field { return field{flag: flag, path: path, help: help} }
func num(flag, path, help string) field {
	return field{flag: flag, path: path, kind: "int", help: help}
}
func dec(flag, path, help string) field {
	return field{flag: flag, path: path, kind: "decimal", help: help}
}
func flag(flag, path, help string) field {
	return field{flag: flag, path: path, kind: "bool", help: help}
}

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

// qset reports whether a query flag was given.
func (x *call) qset(name string) bool { return x.cmd.Flags().Changed(name) }

// boolPtr returns a query flag as *bool, nil when not given.
func (x *call) boolPtr(name string) *bool {
	if !x.qset(name) {
		return nil
	}
	b, _ := strconv.ParseBool(x.q(name))
	return &b
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

// none is the result of a verb that returns nothing but the answer.
type none struct{ msg string }

func done(msg string, args ...any) (any, error) { return none{fmt.Sprintf(msg, args...)}, nil }

func (a *app) areaCommand(ar area) *cobra.Command {
	cmd := group(ar.name, ar.short, ar.aliases...)
	for _, v := range ar.verbs {
		cmd.AddCommand(a.verbCommand(v))
	}
	for _, s := range ar.subs {
		cmd.AddCommand(a.areaCommand(s))
	}
	return cmd
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
		Use:   v.use,
		Short: v.short,
		Args:  exactArgs(argNames...),
	}
	for _, f := range append(append([]field(nil), v.body...), v.query...) {
		if f.flag == "param" {
			continue
		}
		help := f.help
		if f.required {
			help += " (required)"
		}
		if f.kind == "bool" {
			p := new(string)
			x.values[f.flag] = p
			cmd.Flags().Var(&boolText{p}, f.flag, help)
			cmd.Flags().Lookup(f.flag).NoOptDefVal = "true"
		} else {
			x.values[f.flag] = cmd.Flags().String(f.flag, "", help)
		}
	}
	if len(v.body) > 0 || strings.HasPrefix(parts[0], "create") || strings.HasPrefix(parts[0], "update") || strings.Contains(v.short, "(--data)") {
		cmd.Flags().StringVar(&x.data, "data", "", "the request body: JSON text, @file.json, or @- for stdin (flags override its members)")
	}
	if hasParam(v.query) {
		cmd.Flags().StringArray("param", nil, "an extra query parameter key=value (repeatable)")
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		x.cmd, x.args, x.ctx = cmd, args, cmd.Context()
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
	return cmd
}

func hasParam(fs []field) bool {
	for _, f := range fs {
		if f.flag == "param" {
			return true
		}
	}
	return false
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
	var missing []string
	for _, f := range fields {
		if !cmd.Flags().Changed(f.flag) {
			if f.required {
				if body == nil || lookup(body, f.path) == nil {
					missing = append(missing, "--"+f.flag)
				}
			}
			continue
		}
		s := *values[f.flag]
		var v any = s
		switch f.kind {
		case "int", "decimal":
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				return nil, usagef("--%s %q: want a number", f.flag, s)
			}
			v = json.Number(s)
		case "bool":
			v = s == "true"
		case "json":
			g, err := decodeInput([]byte(s))
			if err != nil {
				return nil, usagef("--%s: not JSON: %v", f.flag, err)
			}
			v = g
		}
		if body == nil {
			body = newObject()
		}
		setPath(body, f.path, v)
	}
	if len(missing) > 0 {
		return nil, usagef("missing %s (or give them in --data)", strings.Join(missing, ", "))
	}
	return body, nil
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
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			if f.Anonymous {
				for k := range jsonNames(f.Type) {
					out[k] = true
				}
				continue
			}
			name = f.Name
		}
		out[name] = true
	}
	return out
}
