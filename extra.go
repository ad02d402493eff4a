package cloudmore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/google/go-querystring/query"
)

// Request bodies whose fields Cloudmore does not (fully) document carry an
// Extra map[string]any: its members are merged into the JSON beside the typed fields, so a
// broker can send what staging shows is needed without waiting for a new SDK version.

// marshalWithExtra encodes typed (a value of a type without its own MarshalJSON) and adds the
// keys of extra. A key that typed already wrote is an error (validate reports it first).
func marshalWithExtra(typed any, extra map[string]any) ([]byte, error) {
	b, err := json.Marshal(typed)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range extra {
		if _, dup := m[k]; dup {
			return nil, invalid("Extra", "key %q repeats a typed field that is set", k)
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("cloudmore: Extra[%q]: %w", truncate(k, maxQuoted), err)
		}
		m[k] = raw
	}
	return json.Marshal(m)
}

// checkExtra refuses Extra keys that repeat a field typed sets, empty keys and values that
// cannot be encoded, so that a bad Extra is a *ValidationError before any request.
func checkExtra(typed any, extra map[string]any) error {
	if len(extra) == 0 {
		return nil
	}
	b, err := json.Marshal(typed)
	if err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for _, k := range extraKeys(extra) {
		if k == "" {
			return invalid("Extra", "empty key")
		}
		if _, dup := m[k]; dup {
			return invalid("Extra", "key %q repeats a typed field that is set: use the field", k)
		}
		if _, err := json.Marshal(extra[k]); err != nil {
			return invalid("Extra", "value of %q cannot be encoded as JSON: %v", k, err)
		}
	}
	return nil
}

func extraKeys(m map[string]any) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// requireExtra checks the Extra of a body that has no typed fields at all (Cloudmore documents
// none): it must name at least one member, since an empty body to an update could blank the
// resource, and an empty create body cannot be what Cloudmore expects.
func requireExtra(extra map[string]any) error {
	if len(extra) == 0 {
		return invalid("Extra", "empty: Cloudmore does not document this body's fields, so set them in Extra by their JSON names")
	}
	for k := range extra {
		if strings.TrimSpace(k) == "" {
			return invalid("Extra", "a member has an empty name")
		}
	}
	return checkExtra(struct{}{}, extra)
}

// extraParamsType is the type of the query escape hatch (ExtraParams, billing.go).
var extraParamsType = reflect.TypeOf(ExtraParams(nil))

// checkExtraParams refuses, before any request, the ExtraParams keys of opts (a pointer to
// an options struct, or nil) that repeat a query parameter a typed field of opts sends, as
// checkExtra does for body Extra keys: sent twice (?startDate=a&startDate=b), which value the
// server takes is undefined. Keys are compared without regard to case, since ASP.NET binds
// query parameters case-insensitively. An empty key is refused too. Every bad key is named.
func checkExtraParams(opts any) error {
	rv := reflect.ValueOf(opts)
	if !rv.IsValid() || (rv.Kind() == reflect.Pointer && rv.IsNil()) {
		return nil
	}
	rv = reflect.Indirect(rv)
	if rv.Kind() != reflect.Struct {
		return nil
	}
	// The typed parameters are what opts sends with every ExtraParams field emptied.
	typed := reflect.New(rv.Type()).Elem()
	typed.Set(rv)
	var extras []ExtraParams
	for i := 0; i < typed.NumField(); i++ {
		if f := typed.Field(i); f.Type() == extraParamsType && typed.Type().Field(i).IsExported() {
			if e := f.Interface().(ExtraParams); len(e) > 0 {
				extras = append(extras, e)
			}
			f.Set(reflect.Zero(extraParamsType))
		}
	}
	if len(extras) == 0 {
		return nil
	}
	values, err := query.Values(typed.Interface())
	if err != nil {
		return err
	}
	sent := make(map[string]string, len(values))
	for k := range values {
		sent[strings.ToLower(k)] = k
	}
	var v validator
	for _, e := range extras {
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch typedKey, dup := sent[strings.ToLower(k)]; {
			case strings.TrimSpace(k) == "":
				v.fail("Extra", "empty query parameter name")
			case dup:
				v.fail("Extra", "query parameter %q repeats %q, which a typed field sends: use the field", k, typedKey)
			}
		}
	}
	return v.err()
}

// extraParams records the ExtraParams keys of opts that checkExtraParams refuses.
func (v *validator) extraParams(opts any) { v.add(checkExtraParams(opts)) }
