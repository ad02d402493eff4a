package cloudmore

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
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
			return nil, fmt.Errorf("cloudmore: Extra[%q]: %w", k, err)
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
