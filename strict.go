package cloudmore

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"sort"
	"strings"
)

// UnknownFieldHandler receives, after a 2xx answer was decoded, the JSON paths of object
// members that the SDK's Go type has no field for, such as "[].services[].newField" ("[]"
// stands for every element of an array). method and path name the request (path without query).
type UnknownFieldHandler func(method, path string, fields []string)

// WithUnknownFieldHandler turns on strict decoding: every decoded answer is also compared with
// the Go type it was decoded into, and members the SDK does not know are reported to h. Nothing
// fails: decoding stays tolerant. Run an integration suite against staging with it to see where
// the SDK's models are behind the real API (the integration suite does this with
// CLOUDMORE_STRICT=1). It costs a second parse of every body, so leave it off in production.
// Billing reports are checked as they stream (by the report decoder itself, at no extra
// cost); answers decoded as a bare json.RawMessage are not checked; a model that Cloudmore
// does not document and the SDK keeps in Raw reports each member it has not typed: that is
// the list of fields to type next.
func WithUnknownFieldHandler(h UnknownFieldHandler) Option {
	return func(cfg *config) error {
		cfg.unknownFields = h
		return nil
	}
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// isRaw reports a raw JSON type: json.RawMessage or the models' RawJSON.
func isRaw(t reflect.Type) bool { return t == rawMessageType || t == reflect.TypeFor[RawJSON]() }

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// unknownFields lists the members of the JSON document b that type t has no field for.
func unknownFields(b []byte, t reflect.Type) []string {
	var doc any
	if json.Unmarshal(b, &doc) != nil {
		return nil
	}
	seen := map[string]bool{}
	walkUnknown(doc, t, "", seen)
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func walkUnknown(v any, t reflect.Type, path string, out map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if isRaw(t) || t.Kind() == reflect.Interface {
		return
	}
	switch val := v.(type) {
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for _, e := range val {
				walkUnknown(e, t.Elem(), path+"[]", out)
			}
		}
	case map[string]any:
		if t.Kind() == reflect.Map {
			for k, e := range val {
				walkUnknown(e, t.Elem(), path+"."+k, out)
			}
			return
		}
		if t.Kind() != reflect.Struct || (implementsUnmarshaler(t) && !keepsRaw(t)) {
			return // a wire type with its own decoding (Decimal, Time, ...)
		}
		fields := jsonFields(t)
		for k, e := range val {
			ft, ok := fields[strings.ToLower(k)]
			if !ok {
				out[strings.TrimPrefix(path+"."+k, ".")] = true
				continue
			}
			walkUnknown(e, ft, path+"."+k, out)
		}
	}
}

func implementsUnmarshaler(t reflect.Type) bool {
	return t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType)
}

// keepsRaw reports a model that decodes its known fields plainly and keeps the raw JSON
// (unmarshalKeepRaw): its fields are still the SDK's knowledge of the shape.
func keepsRaw(t reflect.Type) bool {
	f, ok := t.FieldByName("Raw")
	return ok && isRaw(f.Type)
}

// jsonFields maps the lower-cased JSON names of t's fields (encoding/json matches names
// case-insensitively) to their types, flattening embedded structs.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && tag == "-" {
			// A field the model fills in its own UnmarshalJSON (an id sent as a string or a
			// number, say) is known under its Go name.
			if f.IsExported() && !isRaw(f.Type) {
				out[strings.ToLower(f.Name)] = f.Type
			}
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					out[k] = v
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[strings.ToLower(name)] = f.Type
	}
	return out
}

// decodeStrict reads the whole body, decodes it into out, and reports unknown members.
func (c *Client) decodeStrict(body io.Reader, out any, method, path string) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return err
	}
	if fields := unknownFields(b, reflect.TypeOf(out)); len(fields) > 0 {
		c.unknownFields(method, path, fields)
	}
	return nil
}
