package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"sync"
)

// The generic operation helpers: every service method is validate, build the path, then one
// of these over the one request pipeline (Client.call). They keep the ~100 service methods
// free of hand-copied GET-and-decode blocks.

// getOne reads one resource. An answer with nothing in it (204, or a 200 with an empty body or null)
// where a resource is expected is an error, never a zero-valued model.
func getOne[T any](ctx context.Context, c *Client, path string, opts any) (*T, *Response, error) {
	return sendOne[T](ctx, c, http.MethodGet, path, opts, nil)
}

// getList reads a list. An empty answer is an empty list.
func getList[T any](ctx context.Context, c *Client, path string, opts any) ([]T, *Response, error) {
	var out []T
	resp, err := c.call(ctx, http.MethodGet, path, opts, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	if out == nil {
		out = []T{}
	}
	return out, resp, nil
}

// sendOne sends method with body and decodes the one resource of the answer, which must not
// be empty.
func sendOne[T any](ctx context.Context, c *Client, method, path string, opts, body any) (*T, *Response, error) {
	out := new(T)
	resp, err := c.call(ctx, method, path, opts, body, nonEmpty{out})
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// exec sends method with body and discards the answer's body (a PUT, PATCH or DELETE whose
// answer Cloudmore does not document).
func (c *Client) exec(ctx context.Context, method, path string, opts, body any) (*Response, error) {
	return c.call(ctx, method, path, opts, body, nil)
}

// nonEmpty marks a decode target for which an empty answer is an error (a *DecodeError that
// matches ErrEmptyAnswer).
type nonEmpty struct{ v any }

// rawFieldCache holds, per model type, a method-less struct type with the same fields, so
// that unmarshalKeepRaw can decode into it without calling the model's UnmarshalJSON again.
var rawFieldCache sync.Map // reflect.Type -> reflect.Type

// unmarshalKeepRaw decodes b into v, a pointer to a model struct with a `Raw json.RawMessage`
// field, and keeps a copy of b in Raw, so that nothing Cloudmore sends is lost. Every model
// that keeps its raw answer has the same one-line method:
//
//	func (o *Organization) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, o) }
func unmarshalKeepRaw(b []byte, v any) error {
	rv := reflect.ValueOf(v).Elem()
	t := rv.Type()
	pt, ok := rawFieldCache.Load(t)
	if !ok {
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			fields[i] = t.Field(i)
		}
		pt, _ = rawFieldCache.LoadOrStore(t, reflect.StructOf(fields))
	}
	plain := reflect.New(pt.(reflect.Type))
	if err := json.Unmarshal(b, plain.Interface()); err != nil {
		return err
	}
	rv.Set(plain.Elem().Convert(t))
	raw := rv.FieldByName("Raw")
	raw.Set(reflect.ValueOf(append(json.RawMessage(nil), b...)))
	return nil
}

// decodeKeepRaw decodes b into into (which must not be the model itself) and keeps a copy of b
// in *raw: for the models whose known part is not a plain struct decode.
func decodeKeepRaw(b []byte, into any, raw *json.RawMessage) error {
	if err := json.Unmarshal(b, into); err != nil {
		return err
	}
	*raw = append((*raw)[:0:0], b...)
	return nil
}

// route is a path built from a template (brokerPath or sellerPath), or the *ValidationError
// that building it gave: it lets a service method read as one call, the path checked before
// the network all the same.
type route struct {
	path string
	err  error
}

// broker is brokerPath as a route.
func (c *Client) broker(tmpl string, args ...pathArg) route {
	p, err := c.brokerPath(tmpl, args...)
	return route{p, err}
}

// seller is sellerPath as a route.
func (c *Client) seller(tmpl string, args ...pathArg) route {
	p, err := c.sellerPath(tmpl, args...)
	return route{p, err}
}

// getAt is getOne on a route.
func getAt[T any](ctx context.Context, c *Client, r route, opts any) (*T, *Response, error) {
	if r.err != nil {
		return nil, nil, r.err
	}
	return getOne[T](ctx, c, r.path, opts)
}

// listAt is getList on a route.
func listAt[T any](ctx context.Context, c *Client, r route, opts any) ([]T, *Response, error) {
	if r.err != nil {
		return nil, nil, r.err
	}
	return getList[T](ctx, c, r.path, opts)
}

// execAt is exec on a route.
func (c *Client) execAt(ctx context.Context, method string, r route, opts, body any) (*Response, error) {
	if r.err != nil {
		return nil, r.err
	}
	return c.exec(ctx, method, r.path, opts, body)
}
