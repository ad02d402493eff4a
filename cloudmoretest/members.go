package cloudmoretest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// Unverified members: what a body carried that no source documents.
//
// The fake knows no more than the SDK. Each operation's body type, as the SDK declares it
// (cloudmore.Operations), names the members a source documents: its typed fields, by their
// JSON names. Anything else a body carries came through Extra, which the SDK sends as given
// because no source shows it: the real Cloudmore may take it, ignore it, or refuse it. The
// fake stores such members where the resource keeps its document, requires none of them, and
// records each one here, so that a test can see what its green run did not prove (a misspelt
// "qty" instead of a quantity, say). SetStrictMembers makes the fake refuse them instead, with
// 400 naming each, as a real server refuses a misspelt required member.

// UnverifiedMember is one body member that no source documents, as the fake received it.
type UnverifiedMember struct {
	// Operation is the SDK's name of the operation, "ManualBilling.Create".
	Operation string
	// Member is the member's JSON path in the body: "qty", "address.floor", or "[].qty" for a
	// member of a list's items.
	Member string
}

// String is "ManualBilling.Create: qty".
func (m UnverifiedMember) String() string { return m.Operation + ": " + m.Member }

// UnverifiedMembers returns the body members received so far that no source documents, in
// the order they came, each once per operation.
func (s *Server) UnverifiedMembers() []UnverifiedMember {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return slices.Clone(s.unverified)
}

// SetStrictMembers makes the fake answer 400 to a body with members no source documents,
// naming each (ASP.NET's model-state shape), instead of recording them and going on. Use it to
// find the Extra members a test relies on.
func (s *Server) SetStrictMembers(strict bool) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.strictMembers = strict
}

// bodyTypes maps a route pattern of the fake ("POST /api/resellers/{resellerid}/...") to the
// declared operation, its body's documented members and its query's and path's parameters.
type bodyTypes map[string]declaredBody

type declaredBody struct {
	operation string
	hasBody   bool
	members   map[string]bool // documented JSON paths (lowercased; "[]." marks list items) -> has members of its own
	open      bool            // a map body: any member is documented (its keys are data)
	params    map[string]bool // the query's and the path's parameter names, lowercased
}

// declaredBodies are the SDK's declared operations, read once.
var declaredBodies = sync.OnceValue(newBodyTypes)

// newBodyTypes reads the SDK's declarations.
func newBodyTypes() bodyTypes {
	out := bodyTypes{}
	for _, op := range cloudmore.Operations() {
		d := declaredBody{operation: op.Name, members: map[string]bool{}, params: map[string]bool{}}
		for _, p := range wildcard.FindAllString(op.Path, -1) {
			d.params[strings.ToLower(strings.Trim(p, "{}"))] = true
		}
		queryParams(op.Query, d.params)
		if op.Body != nil {
			d.hasBody = true
			d.open = !documentedMembers(op.Body, "", d.members)
		}
		out[routeShape(op.Method+" "+op.Path)] = d
	}
	return out
}

// queryParams adds the names of t's query parameters (its fields' url tags) to into.
func queryParams(t reflect.Type, into map[string]bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("url"), ",")
		switch {
		case f.Anonymous && name == "":
			queryParams(f.Type, into)
		case name != "" && name != "-":
			into[strings.ToLower(name)] = true
		}
	}
}

// documentedMembers adds the JSON paths of t's typed fields to into, under prefix, and
// reports whether t has members of its own (a struct of this SDK, or a list of them): a map,
// a raw JSON value or a scalar has none that could be unverified.
func documentedMembers(t reflect.Type, prefix string, into map[string]bool) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && t.Elem().Kind() != reflect.Uint8:
		return documentedMembers(t.Elem(), prefix+"[].", into)
	case !isSDKStruct(t):
		return false // a scalar, a map, raw JSON, or a value type such as time.Time
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			if isSDKStruct(f.Type) {
				documentedMembers(f.Type, prefix, into) // typed members a MarshalJSON writes inline
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
			continue
		case f.Anonymous && name == "":
			documentedMembers(f.Type, prefix, into)
			continue
		case name == "":
			name = f.Name
		}
		path := strings.ToLower(prefix + name)
		into[path] = documentedMembers(f.Type, path+".", into)
	}
	return true
}

// isSDKStruct reports whether t is a struct type of the SDK.
func isSDKStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.PkgPath(), "github.com/cloudmore-sdk/cloudmore-go")
}

// unverifiedIn lists the members of body that d does not document, sorted.
func (d declaredBody) unverifiedIn(body []byte) []string {
	if d.open {
		return nil
	}
	var v any
	if json.Unmarshal(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), &v) != nil {
		return nil // not JSON: the handler answers it
	}
	seen := map[string]bool{}
	d.walk(v, "", seen)
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// walk adds to seen the members of v, found at prefix, that no typed field documents. It
// goes into a documented member only where that member's own members are typed.
func (d declaredBody) walk(v any, prefix string, seen map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, mv := range x {
			path := prefix + k
			nested, ok := d.members[strings.ToLower(path)]
			switch {
			case !ok:
				seen[path] = true
			case nested:
				d.walk(mv, path+".", seen)
			}
		}
	case []any:
		for _, item := range x {
			d.walk(item, prefix+"[].", seen)
		}
	}
}

// routeShape is a route pattern lowercased with its wildcards unnamed, so that the fake's
// patterns and the SDK's templates compare whatever their wildcards are called.
func routeShape(pattern string) string {
	return wildcard.ReplaceAllString(lowerPattern(pattern), "{}")
}

var wildcard = regexp.MustCompile(`\{[^}]*\}`)

// checkMembers records the unverified members of r's body for the operation its route
// serves, and in strict mode answers 400 naming them (true: answered).
func (s *Server) checkMembers(w http.ResponseWriter, r *http.Request, pattern string) bool {
	d, ok := declaredBodies()[routeShape(pattern)]
	if !ok || !d.hasBody || r.Body == nil {
		return false
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	members := d.unverifiedIn(body)
	if len(members) == 0 {
		return false
	}
	s.ctl.Lock()
	strict := s.strictMembers
	for _, m := range members {
		um := UnverifiedMember{Operation: d.operation, Member: m}
		if !slices.Contains(s.unverified, um) {
			s.unverified = append(s.unverified, um)
		}
	}
	s.ctl.Unlock()
	if !strict {
		return false
	}
	fe := fieldErrors{}
	for _, m := range members {
		fe.add(m, "The member %s is documented by no source (SetStrictMembers).", m)
	}
	return fe.write(w)
}

// Refusals of undocumented members: the fake's own self-check.
//
// Nothing the fake refuses is undocumented in the SDK: a 400 model-state answer of a handler
// may name only a member of the operation's body that a typed field documents, or a query or
// path parameter of the operation. watchRefusals checks every such answer (SetStrictMembers'
// refusals are not the handlers' and are not checked) and records the fields that break the
// rule; the fake's own tests fail on any (see export_test.go).

// failOnUndocumentedRefusals makes the cleanup of NewServer fail the test when a handler
// refused a field the SDK does not document. The fake's own tests set it (export_test.go).
var failOnUndocumentedRefusals bool

// undocumentedRefusals returns the fields refused so far that the SDK does not document, and
// how many model-state answers were checked.
func (s *Server) undocumentedRefusals() ([]UnverifiedMember, int) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return slices.Clone(s.refused), s.refusalsChecked
}

// watchRefusals runs h, then checks a 400 model-state answer it wrote against the operation
// that pattern serves.
func (s *Server) watchRefusals(pattern string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ww := &watchWriter{ResponseWriter: w}
		h(ww, r)
		if ww.status == http.StatusBadRequest {
			s.checkRefusal(pattern, ww.body.Bytes())
		}
	}
}

// checkRefusal records each field of a model-state answer (body) that the operation pattern
// serves does not document.
func (s *Server) checkRefusal(pattern string, body []byte) {
	var fields map[string][]string
	if json.Unmarshal(body, &fields) != nil {
		return // the array shape: a business rule, which names no field
	}
	d, ok := declaredBodies()[routeShape(pattern)]
	op := d.operation
	if !ok {
		op = pattern
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.refusalsChecked++
	for f := range fields {
		if f == "" || (ok && d.documents(f)) {
			continue
		}
		um := UnverifiedMember{Operation: op, Member: f}
		if !slices.Contains(s.refused, um) {
			s.refused = append(s.refused, um)
		}
	}
}

// listIndex matches the index of a model-state field in a list: "lines[2].quantity".
var listIndex = regexp.MustCompile(`\[\d+\]\.?`)

// documents reports whether field, as a model-state answer names it ("Contact.Email",
// "[0].quantity"), is a documented body member or a parameter of the operation.
func (d declaredBody) documents(field string) bool {
	f := strings.ToLower(listIndex.ReplaceAllString(field, "[]."))
	f = strings.TrimSuffix(f, ".")
	_, member := d.members[f] // the value says whether f has members of its own
	return d.params[f] || d.open || member
}

// watchWriter passes an answer through and keeps its status and body.
type watchWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *watchWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *watchWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}
