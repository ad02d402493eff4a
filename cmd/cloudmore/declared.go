package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// A command built from the SDK's declaration of an operation (cloudmore.Operations): the
// path ids are its arguments, the query options' and the body's typed fields its flags,
// --data the whole body (and the members only Extra carries), and the run one call of the
// client's method by reflection, c.<Name>(ctx, ids..., query, body). The spec gives what the
// declaration cannot: where the command sits, its help, columns and done message, and the
// flag names that differ from the members'.

// A spec is what the command of one operation needs beyond the declaration.
type spec struct {
	cmd   string   // the command path: "users get"
	short string   // the one-line help
	long  string   // more help, where the command needs it
	id    string   // the name of the last path id's argument when its own is not telling: {id} is "USER_ID"
	cols  []string // a table's default columns
	// done is what a write without a result prints on stderr; {name} is the path id or the
	// body member of that name: "deleted user {id}".
	done  string
	flags map[string]string // flag names by member (JSON path or query name), where not the member's
	help  map[string]string // help by flag name, where the generated one says too little
	extra []field           // flags for body members only Extra carries
	also  []string          // further operations it sends: a task's status shared with another task
	// result turns the method's result into what is printed (a task's result that holds
	// more to read).
	result func(x *call, v any) (any, error)
	// resume, in the spec of a task's status operation ("X.BeginY: status"), is the command
	// that picks the task up from its resume token: the name of the Resume method, when it
	// is not the Begin method's with Resume for Begin.
	resume string
}

// Types the flags know by their form rather than their fields.
var (
	dateType    = reflect.TypeFor[cloudmore.Date]()
	decimalType = reflect.TypeFor[cloudmore.Decimal]()
	timeType    = reflect.TypeFor[cloudmore.Time]()
	paramsType  = reflect.TypeFor[cloudmore.ExtraParams]()
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
	ctxType     = reflect.TypeFor[context.Context]()
	callOptType = reflect.TypeFor[[]cloudmore.CallOption]()
	clientType  = reflect.TypeFor[*cloudmore.Client]()
)

// operations are the SDK's declarations by name, read once; follows lists the operations a
// task operation's Poller sends ("X.BeginY: status"), by the task operation's name.
var operations = sync.OnceValues(func() (byName map[string]cloudmore.Operation, follows map[string][]cloudmore.Operation) {
	byName, follows = map[string]cloudmore.Operation{}, map[string][]cloudmore.Operation{}
	for _, o := range cloudmore.Operations() {
		byName[o.Name] = o
		if task, _, ok := strings.Cut(o.Name, ": "); ok {
			follows[task] = append(follows[task], o)
		}
	}
	return byName, follows
})

// reserved are flag names a member cannot take: the command's own and the global ones.
var reserved = map[string]bool{"data": true, "param": true, "wait": true, "help": true, "output": true,
	"no-header": true, "profile": true, "fake": true, "debug": true, "version": true,
	"dry-run": true, "yes": true, "jq": true, "columns": true}

// declaredVerbs builds the verbs of every operation specs names, and panics on a spec the
// declarations contradict (the tests build the tree).
func declaredVerbs() []verb {
	ops, _ := operations()
	var out []verb
	for name, s := range specs {
		o, ok := ops[name]
		if !ok {
			panic("cloudmore: spec for an undeclared operation " + name)
		}
		if begin, ok := strings.CutSuffix(name, ": status"); ok {
			if _, ok := specs[begin]; !ok {
				panic("cloudmore: a status command for " + begin + ", which has none")
			}
			out = append(out, statusVerb(ops[begin], s))
			continue
		}
		out = append(out, declaredVerb(o, s))
	}
	return out
}

// declaredVerb is the command of operation o, whose method must take (ctx, the path ids as
// strings, [*Query], [*Body], ...CallOption).
func declaredVerb(o cloudmore.Operation, s spec) verb {
	args := argNames(o, s)
	want := []reflect.Type{ctxType}
	for range args {
		want = append(want, reflect.TypeFor[string]())
	}
	for _, t := range []reflect.Type{o.Query, o.Body, callOptType} {
		if t != nil {
			want = append(want, t)
		}
	}
	m := methodType(o.Name)
	var got []reflect.Type // its parameters after the receiver
	for i := 1; i < m.NumIn(); i++ {
		got = append(got, m.In(i))
	}
	if !slices.Equal(got, want) {
		panic(fmt.Sprintf("cloudmore: %s takes %v, not %v: write its command by hand", o, got, want))
	}
	if o.Result == "none" && !o.Task && s.done == "" {
		panic("cloudmore: " + o.Name + " answers nothing: its spec needs a done message")
	}
	group, name := cutLast(s.cmd)
	v := verb{group: group, use: strings.Join(append([]string{name}, args...), " "), short: s.short, long: s.long,
		ops: append([]string{o.Name}, s.also...), cols: s.cols, data: o.Body != nil, wait: o.Task}
	if !o.Task && s.result == nil && o.Result != "none" {
		v.result = o.ResultType
	}
	if o.Query != nil {
		v.query = queryFields(o.Query.Elem(), nil)
	}
	if o.Body != nil {
		v.body = bodyFields(o.Body.Elem(), "", map[reflect.Type]bool{})
	}
	v.query, v.body = rename(v.query, s), append(rename(v.body, s), s.extra...)
	for k := range s.flags {
		if !slices.ContainsFunc(append(v.query, v.body...), func(f field) bool { return f.path == k }) {
			panic("cloudmore: the spec of " + o.Name + " renames " + k + ", which it has no flag for")
		}
	}
	for k := range s.help {
		if !slices.ContainsFunc(append(v.query, v.body...), func(f field) bool { return f.flag == k }) {
			panic("cloudmore: the spec of " + o.Name + " has help for --" + k + ", which it does not have")
		}
	}
	if o.Task && v.long == "" {
		v.long = "It starts a long-running task and prints its resume token on stderr; --wait waits for\n" +
			"the task and prints its result, otherwise its state after one look."
		for _, name := range v.ops {
			if st, ok := specs[name+": status"]; ok {
				v.long += "\ncloudmore " + st.cmd + " RESUME_TOKEN picks it up later."
			} else if st, ok := specs[name]; ok && name != o.Name {
				v.long += "\ncloudmore " + st.cmd + " RESUME_TOKEN picks it up later."
			}
		}
	}
	v.example = example(v, args)
	v.run = func(x *call) (any, error) {
		in := []reflect.Value{reflect.ValueOf(x.ctx)}
		for _, a := range x.args {
			in = append(in, reflect.ValueOf(a))
		}
		if o.Query != nil {
			q, err := x.queryValue(o.Query, v.query)
			if err != nil {
				return nil, err
			}
			in = append(in, q)
		}
		var body reflect.Value
		if o.Body != nil {
			body = reflect.New(o.Body.Elem())
			if err := x.decode(body.Interface()); err != nil {
				return nil, err
			}
			in = append(in, body)
		}
		out := method(x.c, o.Name).Call(in)
		if err, _ := out[len(out)-1].Interface().(error); err != nil {
			return nil, namedByArgument(err, o.Params, args)
		}
		switch {
		case len(out) == 2: // (*Response, error): the answer says it happened
			return none{x.doneMessage(s.done, o.Params)}, nil
		case o.Task:
			return pollResult(x, out[0].Interface(), s.result)
		case s.result != nil:
			return s.result(x, out[0].Interface())
		}
		return out[0].Interface(), nil
	}
	return v
}

// statusVerb is the command that picks up the task of operation begin from its resume token.
func statusVerb(begin cloudmore.Operation, s spec) verb {
	resume := s.resume
	if resume == "" {
		resume = strings.Replace(lastName(begin.Name), "Begin", "Resume", 1)
	}
	resume = begin.Name[:len(begin.Name)-len(lastName(begin.Name))] + resume
	m := methodType(resume)
	if m.NumIn() != 2 || m.In(1).Kind() != reflect.String || m.NumOut() != 2 {
		panic("cloudmore: " + resume + " is not Resume(token) (*Poller, error)")
	}
	group, name := cutLast(s.cmd)
	v := verb{group: group, use: name + " RESUME_TOKEN", short: s.short, long: s.long, wait: true,
		ops: []string{begin.Name + ": status"}, sdk: resume}
	if v.long == "" {
		v.long = "It shows the state of the task that cloudmore " + specs[begin.Name].cmd + " started, from the resume\n" +
			"token it printed (in this process or another); --wait waits for the task and prints its result."
	}
	v.example = "  cloudmore " + s.cmd + " \"$TOKEN\" --wait"
	v.run = func(x *call) (any, error) {
		out := method(x.c, resume).Call([]reflect.Value{reflect.ValueOf(x.arg(0))})
		if err, _ := out[1].Interface().(error); err != nil {
			return nil, err
		}
		return pollResult(x, out[0].Interface(), s.result)
	}
	return v
}

// namedByArgument rewrites the SDK's *ValidationError so that a path value is named by the
// argument the user typed (ORGANIZATION_ID), not by its Swagger placeholder ({id}).
func namedByArgument(err error, params, args []string) error {
	var ve *cloudmore.ValidationError
	if !errors.As(err, &ve) || len(params) != len(args) {
		return err
	}
	msg := err.Error()
	for i, p := range params {
		msg = strings.Replace(msg, "invalid "+p+":", "invalid "+args[i]+":", 1)
		msg = strings.Replace(msg, "; "+p+":", "; "+args[i]+":", 1)
	}
	if msg == err.Error() {
		return err
	}
	return &renamedError{msg, err}
}

// renamedError is err with another text; errors.As still finds what err wraps.
type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }

// argNames are the names of operation o's arguments: its path ids in UPPER_SNAKE case
// (organizationId is ORGANIZATION_ID), the last one named by the spec where it gives one.
func argNames(o cloudmore.Operation, s spec) []string {
	var names []string
	for _, p := range o.Params {
		names = append(names, strings.ToUpper(strings.ReplaceAll(kebab(p), "-", "_")))
	}
	switch {
	case s.id != "" && len(names) > 0:
		names[len(names)-1] = s.id
	case len(names) > 0 && names[len(names)-1] == "ID":
		panic("cloudmore: the spec of " + o.Name + " needs the name of its {id} argument")
	}
	return names
}

// bodyFields are the flags of a body type's typed members: strings, numbers, booleans, dates,
// money, and nested objects as dotted paths (contact.name). Lists and maps are given in --data.
func bodyFields(t reflect.Type, prefix string, seen map[reflect.Type]bool) []field {
	if seen[t] {
		return nil
	}
	seen[t] = true
	defer delete(seen, t)
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		name, ok := jsonName(sf)
		if !ok {
			continue
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if name == "" { // an embedded struct: its members are the parent's
			out = append(out, bodyFields(ft, prefix, seen)...)
			continue
		}
		path := prefix + name
		kind, ok := kindFor(ft)
		if !ok || secret(name) {
			continue
		}
		if kind == "object" {
			out = append(out, bodyFields(ft, path+".", seen)...)
			continue
		}
		out = append(out, field{flag: kebabPath(path), path: path, kind: kind, help: helpFor("the body's "+path, kind)})
	}
	return out
}

// secret reports whether a member holds a secret (a password): it has no flag, which would
// leave it in the shell's history and the process list, and is given in --data (@file or @-).
func secret(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "password") || strings.Contains(n, "secret")
}

// queryFields are the flags of a query options type's typed fields, by their url names; an
// ExtraParams field (extra parameters, sent as given) is --param key=value.
func queryFields(t reflect.Type, index []int) (fs []field) {
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		idx := append(append([]int(nil), index...), i)
		if sf.Type == paramsType {
			fs = append(fs, field{flag: "param", kind: "params", index: idx})
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("url"), ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			fs = append(fs, queryFields(sf.Type, idx)...)
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		kind, ok := kindFor(ft)
		if !ok || kind == "object" || kind == "decimal" || kind == "time" {
			panic(fmt.Sprintf("cloudmore: query field %s.%s of type %s has no flag form", t, sf.Name, sf.Type))
		}
		fs = append(fs, field{flag: kebab(name), path: name, kind: kind, index: idx, help: helpFor("the query parameter "+name, kind)})
	}
	return fs
}

// kindFor is the flag kind of a member's type: string, int, bool, decimal, date, time, or
// object for a nested struct; false for a type no flag can give (a list, a map, a value of
// its own JSON form).
func kindFor(t reflect.Type) (string, bool) {
	switch t {
	case dateType:
		return "date", true
	case decimalType:
		return "decimal", true
	case timeType:
		return "time", true
	}
	switch t.Kind() {
	case reflect.String:
		return "string", true
	case reflect.Bool:
		return "bool", true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int", true
	case reflect.Float32, reflect.Float64:
		return "decimal", true
	case reflect.Struct:
		if reflect.PointerTo(t).Implements(unmarshaler) {
			return "", false
		}
		return "object", true
	}
	return "", false
}

// helpFor is a generated flag's help: what it sets, and the form of its value.
func helpFor(what, kind string) string {
	switch kind {
	case "int":
		return what + " (a whole number)"
	case "decimal":
		return what + " (a number: 9.40)"
	case "date":
		return what + " (a date: 2026-10-31)"
	case "time":
		return what + " (a date, 2026-10-31, or a time, 2026-10-31T12:00:00Z)"
	}
	return what
}

// rename gives the fields the spec's flag names and help, and leaves out a field whose flag
// name is reserved (a body member of that name is given in --data).
func rename(fs []field, s spec) []field {
	var out []field
	for _, f := range fs {
		if n, ok := s.flags[f.path]; ok {
			f.flag = n
		}
		if h, ok := s.help[f.flag]; ok {
			f.help = h
		}
		if !reserved[f.flag] || f.kind == "params" {
			out = append(out, f)
		}
	}
	return out
}

// queryValue is the query options of a declared verb from its flags: a nil pointer when no
// flag was given.
func (x *call) queryValue(t reflect.Type, fs []field) (reflect.Value, error) {
	q := reflect.New(t.Elem())
	set := false
	for _, f := range fs {
		if !x.cmd.Flags().Changed(f.flag) {
			continue
		}
		set = true
		fv := q.Elem().FieldByIndex(f.index)
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.New(fv.Type().Elem()))
			fv = fv.Elem()
		}
		s := x.q(f.flag)
		switch f.kind {
		case "date":
			d, err := x.date(f.flag)
			if err != nil {
				return q, err
			}
			fv.Set(reflect.ValueOf(d))
		case "bool":
			fv.SetBool(s == "true")
		case "int":
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 && fv.CanUint() {
				return q, usagef("--%s %q: want a whole number", f.flag, s)
			}
			fv.Set(reflect.ValueOf(n).Convert(fv.Type()))
		case "params":
			fv.Set(reflect.ValueOf(x.params()))
		default:
			fv.SetString(s)
		}
	}
	if !set {
		return reflect.Zero(t), nil
	}
	return q, nil
}

// doneMessage is a spec's done message with {name} replaced by the path id or body member of
// that name.
func (x *call) doneMessage(msg string, params []string) string {
	for i, p := range params {
		msg = strings.ReplaceAll(msg, "{"+p+"}", x.arg(i))
	}
	if x.body != nil {
		for _, k := range x.body.keys {
			if s, ok := x.body.vals[k].(string); ok {
				msg = strings.ReplaceAll(msg, "{"+k+"}", s)
			}
		}
	}
	return msg
}

// method is the client's method of operation name: c.CSP.NCE.List for "CSP.NCE.List".
func method(c *cloudmore.Client, name string) reflect.Value {
	v := reflect.ValueOf(c)
	parts := strings.Split(name, ".")
	for _, p := range parts[:len(parts)-1] {
		v = v.Elem().FieldByName(p)
	}
	return v.MethodByName(parts[len(parts)-1])
}

// methodType is the type of the client's method of operation name, its receiver first.
func methodType(name string) reflect.Type {
	t := clientType
	parts := strings.Split(name, ".")
	for _, p := range parts[:len(parts)-1] {
		f, ok := t.Elem().FieldByName(p)
		if !ok {
			panic("cloudmore: the client has no " + p + " for " + name)
		}
		t = f.Type
	}
	m, ok := t.MethodByName(parts[len(parts)-1])
	if !ok {
		panic("cloudmore: the client has no method " + name)
	}
	return m.Type
}

// poller is what the command uses of a *cloudmore.Poller[T] whatever its T; Result and
// PollUntilDone, which return *T, are called by reflection.
type poller interface {
	TaskID() string
	ResumeToken() string
	Done() bool
	Poll(context.Context) (*cloudmore.Response, error)
}

// pollResult prints an asynchronous task's resume token (stderr) and, with --wait, its
// result; without, its state after one poll. result, when not nil, turns the task's result
// into what is printed.
func pollResult(x *call, pv any, result func(*call, any) (any, error)) (any, error) {
	p := pv.(poller)
	fmt.Fprintf(x.a.stderr, "task %s; resume token: %s\n", p.TaskID(), p.ResumeToken())
	var out []reflect.Value
	if x.q("wait") == "true" {
		out = reflect.ValueOf(pv).MethodByName("PollUntilDone").Call([]reflect.Value{reflect.ValueOf(x.ctx),
			reflect.ValueOf(&cloudmore.PollOptions{Frequency: x.a.pollInterval()})})
	} else {
		if _, err := p.Poll(x.ctx); err != nil {
			return nil, err
		}
		if !p.Done() {
			return map[string]any{"done": false, "taskId": p.TaskID(), "resumeToken": p.ResumeToken()}, nil
		}
		out = reflect.ValueOf(pv).MethodByName("Result").Call([]reflect.Value{reflect.ValueOf(x.ctx)})
	}
	if err, _ := out[1].Interface().(error); err != nil {
		return nil, err
	}
	if result != nil {
		return result(x, out[0].Interface())
	}
	return out[0].Interface(), nil
}

// example is a declared verb's example: its command line with the arguments' names, and a
// few flags (or --data) where it takes a body.
func example(v verb, args []string) string {
	line := "  cloudmore " + strings.TrimSpace(v.group+" "+strings.Fields(v.use)[0])
	for _, a := range args {
		line += " " + a
	}
	fs := v.body
	if len(fs) == 0 {
		fs = v.query
	}
	for i, f := range fs {
		if i == 2 {
			break
		}
		line += " --" + f.flag
		switch f.kind {
		case "bool":
		case "int":
			line += " 1"
		case "decimal":
			line += " 9.40"
		case "date", "time":
			line += " 2026-10-31"
		case "params":
			line += " key=value"
		default:
			line += " " + strings.ToUpper(strings.NewReplacer("-", "_", ".", "_").Replace(f.flag))
		}
	}
	if v.data && len(v.body) == 0 {
		line += " --data @body.json"
	}
	if v.wait {
		line += " --wait"
	}
	return line
}

// kebab is a camelCase name in kebab case: registrationNumber is registration-number,
// poNumber po-number, organizationID organization-id.
func kebab(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1]) ||
			(i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1]))) {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// kebabPath is a dotted JSON path in kebab case, segment by segment: contact.cellPhone is
// contact.cell-phone.
func kebabPath(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		parts[i] = kebab(p)
	}
	return strings.Join(parts, ".")
}

// cutLast splits a command path at its last word: "csp nce list" is "csp nce" and "list".
func cutLast(path string) (string, string) {
	if i := strings.LastIndexByte(path, ' '); i >= 0 {
		return path[:i], path[i+1:]
	}
	return "", path
}

// lastName is the method of an operation's name: "List" of "CSP.NCE.List".
func lastName(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }
