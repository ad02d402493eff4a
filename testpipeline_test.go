package cloudmore

// The pipeline below the declarations, for the tests that exercise it without one: a call
// at a built path with the method's default retry rule, or another rule.

import (
	"context"
	"encoding/json"
	"net/http"
)

// call is the one path of every API method: build the request, send it with retries, and
// decode a 2xx body into out (a pointer, or nil to discard the body). It retries by the
// method's default rule (methodRule); callRule states another.
func (c *Client) call(ctx context.Context, method, path string, opts, body, out any) (*Response, error) {
	return c.callRule(ctx, methodRule(method), method, path, opts, body, out)
}

// callRule is call for an operation with its own retry rule (metered usage sent with PUT is
// notOnceWritten); the zero rule takes the method's default.
func (c *Client) callRule(ctx context.Context, rule retryRule, method, path string, opts, body, out any) (*Response, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	// The request is built on the call's state, so that do need not copy it.
	st := &callState{Context: ctx, rule: rule}
	req, err := c.newRequest(st, method, path, opts, body)
	if err != nil {
		return nil, err
	}
	return c.doState(req, out, st)
}

// get is call for a GET without body.
func (c *Client) get(ctx context.Context, path string, opts, out any) (*Response, error) {
	return c.call(ctx, http.MethodGet, path, opts, nil, out)
}

// create sends a POST and reads its answer as every declared create does (created), so that
// the tests of a create's answer test the SDK's own reading of it.
func (c *Client) create(ctx context.Context, path string, body any) (*Created, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, http.MethodPost, path, nil, body, &raw)
	return created(resp, raw, err), resp, err
}
