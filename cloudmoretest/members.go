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
// declared operation and its body's documented members.
type bodyTypes map[string]declaredBody

type declaredBody struct {
	operation string
	members   map[string]bool // documented JSON paths (lowercased; "[]." marks list items) -> has members of its own
	open      bool            // a map body: any member is documented (its keys are data)
}

// declaredBodies are the SDK's declared bodies, read once.
var declaredBodies = sync.OnceValue(newBodyTypes)

// newBodyTypes reads the SDK's declarations.
func newBodyTypes() bodyTypes {
	out := bodyTypes{}
	for _, op := range cloudmore.Operations() {
		if op.Body == nil {
			continue
		}
		d := declaredBody{operation: op.Name, members: map[string]bool{}}
		d.open = !documentedMembers(op.Body, "", d.members)
		out[routeShape(op.Method+" "+op.Path)] = d
	}
	return out
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
	case t.Kind() != reflect.Struct || !strings.HasPrefix(t.PkgPath(), "github.com/cloudmore-sdk/cloudmore-go"):
		return false // a scalar, a map, raw JSON, or a value type such as time.Time
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
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
	if !ok || r.Body == nil {
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
