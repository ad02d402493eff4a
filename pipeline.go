package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
)

// Response is the HTTP side of an answer, returned by every method next to the decoded
// result: status, headers, the request id and the Location of a 201. Its body is already
// read and closed.
type Response struct {
	*http.Response
	// RequestID is the answer's request id header (X-Request-Id, X-Correlation-Id or
	// Request-Id; Cloudmore does not document which it sends), empty when none.
	RequestID string
	// Attempts is how many times the request was sent (1 when there was no retry).
	Attempts int
}

// LocationID returns the last path segment of the Location header (the id of a resource a
// 201 created), or "" when there is no Location.
func (r *Response) LocationID() string {
	if r == nil || r.Response == nil {
		return ""
	}
	return lastSegment(r.Header.Get("Location"))
}

func lastSegment(loc string) string {
	if loc == "" {
		return ""
	}
	if u, err := url.Parse(loc); err == nil {
		loc = u.Path
	}
	loc = strings.TrimRight(loc, "/")
	if i := strings.LastIndexByte(loc, '/'); i >= 0 {
		loc = loc[i+1:]
	}
	return loc
}

var requestIDHeaders = []string{"X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Ms-Request-Id"}

func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// Created is the answer to a create. Cloudmore answers 201, often with an empty body and a
// Location header naming the new resource.
type Created struct {
	// ID is the new resource's id: the last segment of Location, or the "id" of the body.
	ID string
	// Location is the Location header as sent (absolute or relative), empty when none.
	Location string
	// Body is the answer's body when there was one (its shape is not documented).
	Body json.RawMessage
}

// newRequest builds a request for path (already built and escaped) with the query from
// opts (a struct with `url` tags, or nil) and a JSON body (nil for none).
func (c *Client) newRequest(ctx context.Context, method, path string, opts, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	u := c.base + path
	if opts != nil && !isNil(opts) {
		v, err := query.Values(opts)
		if err != nil {
			return nil, fmt.Errorf("cloudmore: encoding query of %s %s: %w", method, path, err)
		}
		if q := v.Encode(); q != "" {
			u += "?" + q
		}
	}
	var rd io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("cloudmore: encoding body of %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
	}
	req.Header["Accept"] = c.jsonType
	req.Header["User-Agent"] = c.userAgent
	if body != nil {
		req.Header["Content-Type"] = c.jsonType
	}
	return req, nil
}

func isNil(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// call is the one path of every API method: build the request, send it with retries, and
// decode a 2xx body into out (a pointer, or nil to discard the body).
func (c *Client) call(ctx context.Context, method, path string, opts, body, out any) (*Response, error) {
	req, err := c.newRequest(ctx, method, path, opts, body)
	if err != nil {
		return nil, err
	}
	return c.do(req, out)
}

// get is call for a GET without body.
func (c *Client) get(ctx context.Context, path string, opts, out any) (*Response, error) {
	return c.call(ctx, http.MethodGet, path, opts, nil, out)
}

// raw sends a request and returns the answer's body as Cloudmore sent it, nil when empty: for
// the answers whose shape is not documented.
func (c *Client) raw(ctx context.Context, method, path string, opts, body any) (json.RawMessage, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, method, path, opts, body, &raw)
	if err != nil {
		return nil, resp, err
	}
	return nilIfEmpty(raw), resp, nil
}

// nilIfEmpty turns an empty or blank body into nil.
func nilIfEmpty(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	return raw
}

// create sends a POST and returns the new resource's id from Location or the body.
func (c *Client) create(ctx context.Context, path string, body any) (*Created, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, http.MethodPost, path, nil, body, &raw)
	if err != nil {
		return nil, resp, err
	}
	return createdFrom(resp, raw), resp, nil
}

func createdFrom(resp *Response, raw json.RawMessage) *Created {
	cr := &Created{Location: resp.Header.Get("Location"), ID: resp.LocationID()}
	if len(bytes.TrimSpace(raw)) > 0 {
		cr.Body = raw
		if cr.ID == "" {
			cr.ID = idFromBody(raw, nil) // {"id": ...}, or a bare JSON string
		}
	}
	return cr
}

// do sends req with the retry policy and decodes a 2xx body into out.
func (c *Client) do(req *http.Request, out any) (*Response, error) {
	ctx := req.Context()
	method, path := req.Method, req.URL.Path
	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, fmt.Errorf("cloudmore: %s %s: rewinding body: %w", method, path, err)
			}
			req.Body = body
		}
		resp, retry, wait, err := c.try(req, out, attempt)
		if !retry || attempt >= c.retry.MaxAttempts {
			return resp, err
		}
		if wait == 0 {
			wait = c.retry.backoff(attempt)
		}
		if c.logger != nil {
			c.logger.LogAttrs(ctx, slog.LevelInfo, "cloudmore: retrying", slog.String("method", method),
				slog.String("path", path), slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("reason", err.Error()))
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("cloudmore: %s %s: gave up waiting to retry (%v): %w", method, path, err, serr)
		}
	}
}

// try sends req once. It returns the answer or the error, whether the retry policy allows
// another attempt, and how long the server asked to wait first (0 when it did not say).
func (c *Client) try(req *http.Request, out any, attempt int) (resp *Response, retry bool, wait time.Duration, err error) {
	ctx := req.Context()
	method, path := req.Method, req.URL.Path
	start := time.Now()
	hresp, err := c.hc.Do(req)
	if err != nil {
		err = unwrapURLError(err)
		c.logAttempt(ctx, method, path, attempt, 0, "", start, err)
		retry, err = transportError(ctx, method, path, err)
		return nil, retry, 0, err
	}
	resp = &Response{Response: hresp, RequestID: requestID(hresp.Header), Attempts: attempt}
	c.logAttempt(ctx, method, path, attempt, hresp.StatusCode, resp.RequestID, start, nil)
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		apiErr := newAPIError(method, path, hresp)
		if ra, ok := parseRetryAfter(hresp.Header.Get("Retry-After"), c.now()); ok {
			apiErr.RetryAfter = ra
		}
		retry = retryableStatus(hresp.StatusCode, method) && apiErr.RetryAfter <= c.retry.MaxRetryAfter
		return resp, retry, apiErr.RetryAfter, apiErr
	}
	body := &trackedBody{r: hresp.Body}
	hresp.Body = body
	derr := c.decodeBody(hresp, out, method, path)
	switch {
	case derr == nil:
		return resp, false, 0, nil
	case ctx.Err() != nil:
		return resp, false, 0, fmt.Errorf("cloudmore: %s %s: %w", method, path, ctx.Err())
	case body.err != nil && idempotent(method):
		// The answer broke off on a call that may be repeated: read it again.
		resetValue(out)
		return resp, true, 0, fmt.Errorf("cloudmore: %s %s: reading the answer: %w", method, path, derr)
	}
	// A body Cloudmore sent whole that does not decode, or a POST/PATCH that was carried out
	// (2xx) whose answer broke off: either way it is not sent again.
	return resp, false, 0, fmt.Errorf("cloudmore: %s %s: the request succeeded (%d) but its answer could not be decoded: %w; the answer begins %s",
		method, path, hresp.StatusCode, derr, body.quote())
}

// transportError classifies an error of the transport: whether it may be retried, and the
// error to return. A POST or PATCH that may have reached the server is never retried.
func transportError(ctx context.Context, method, path string, err error) (retry bool, _ error) {
	var ae *AuthError
	if errors.As(err, &ae) {
		return false, ae
	}
	sent := !notSent(err)
	if permanentTransportError(err) { // a certificate problem: the handshake failed, nothing was sent
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		if sent && !idempotent(method) {
			return false, &UnknownOutcomeError{Method: method, Path: path, Err: errors.Join(err, ctxErr)}
		}
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, ctxErr)
	}
	if sent && !idempotent(method) {
		return false, &UnknownOutcomeError{Method: method, Path: path, Err: err}
	}
	return true, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
}

// trackedBody remembers whether reading the body itself failed (the connection broke), as
// opposed to a body that arrived whole and does not decode, and keeps the body's first bytes
// to quote when it does not decode.
type trackedBody struct {
	r     io.ReadCloser
	err   error
	head  [512]byte
	nhead int
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.nhead += copy(b.head[b.nhead:], p[:n])
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// quote is the start of the body, for an error message.
func (b *trackedBody) quote() string {
	return truncate(string(bytes.TrimSpace(b.head[:b.nhead])), 256)
}

func (b *trackedBody) Close() error { return b.r.Close() }

// unwrapURLError drops net/http's *url.Error, whose text repeats the whole URL (query included).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// decodeBody decodes a 2xx body into out from the stream, then drains and closes it.
func (c *Client) decodeBody(resp *http.Response, out any, method, path string) error {
	if t, ok := out.(streamTarget); ok && resp.StatusCode != http.StatusNoContent {
		t.takeBody(resp.Body) // a report reader decodes the body as it arrives, and closes it
		return nil
	}
	defer resp.Body.Close()
	want, mustHave := out.(nonEmpty)
	if mustHave {
		out = want.v
		if resp.StatusCode == http.StatusNoContent {
			return errEmptyAnswer
		}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return err
	}
	switch o := out.(type) {
	case *json.RawMessage:
		b, err := io.ReadAll(resp.Body)
		*o = b
		return err
	case *[]byte:
		b, err := io.ReadAll(resp.Body)
		*o = b
		return err
	}
	if c.unknownFields != nil {
		return c.decodeStrict(resp.Body, out, method, path)
	}
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) {
			if mustHave {
				return errEmptyAnswer
			}
			return nil // an empty body: nothing to decode
		}
		return err
	}
	_, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	return err
}

// resetValue zeroes *out before a second decode.
func resetValue(out any) {
	if out == nil {
		return
	}
	rv := reflect.ValueOf(out)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
}

func newAPIError(method, path string, resp *http.Response) *APIError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	e := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, Body: body,
		RequestID: requestID(resp.Header), Header: resp.Header}
	e.parseErrorBody()
	return e
}

// drain reads a little of a body and closes it so the connection can be reused.
func drain(resp *http.Response) { drainClose(resp.Body) }

// drainClose reads what is left of a body, up to 64 KiB, and closes it: a body read to its
// end lets the connection be reused; a larger rest is not worth reading, the connection is
// dropped instead.
func drainClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
	body.Close()
}

// logAttempt logs one attempt at debug level. Only allow-listed values are logged.
func (c *Client) logAttempt(ctx context.Context, method, path string, attempt, status int, reqID string, start time.Time, err error) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{slog.String("method", method), slog.String("path", path), slog.Int("attempt", attempt),
		slog.Duration("duration", time.Since(start))}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "cloudmore: request", attrs...)
}

// NewRequest builds a request for any Cloudmore operation, typed by the SDK or not yet: the
// escape hatch for when Cloudmore is ahead of the SDK (go-github's NewRequest). path is
// relative to the reseller's root ("Organizations/{id}/Azure" becomes
// /api/resellers/{resellerId}/Organizations/{id}/Azure) unless it starts with "/", when it is
// taken from the host's root ("/api/sellers/{sellerId}/services"). Its segments are sent as
// given (escape them yourself); ".", ".." and control characters are refused. query is a
// struct with `url` tags (as the SDK's Options types), url.Values, or nil; body is marshalled
// as JSON, or nil for none. Send the request with Do.
func (c *Client) NewRequest(ctx context.Context, method, path string, query, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	if !validMethod(method) {
		return nil, invalid("method", "%q is not one of GET, POST, PUT, PATCH, DELETE", truncate(method, 16))
	}
	p, err := c.userPath(path)
	if err != nil {
		return nil, err
	}
	if v, ok := query.(url.Values); ok {
		req, err := c.newRequest(ctx, method, p, nil, body)
		if err == nil && len(v) > 0 {
			req.URL.RawQuery = v.Encode()
		}
		return req, err
	}
	return c.newRequest(ctx, method, p, query, body)
}

// Do sends req (from NewRequest) through the same pipeline as every typed method: auth,
// retries, rate limit, logging and errors. A 2xx answer is decoded into out: a pointer to a
// struct or slice, a *json.RawMessage for the body as sent, or nil to discard it.
func (c *Client) Do(req *http.Request, out any) (*Response, error) {
	if req == nil {
		return nil, invalid("req", "nil request")
	}
	if req.URL == nil || req.URL.Host != c.baseURL.Host {
		return nil, invalid("req", "the request is not for the client's host %s: build it with NewRequest", c.baseURL.Host)
	}
	return c.do(req, out)
}

func validMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// userPath checks a path given to NewRequest and makes it absolute.
func (c *Client) userPath(p string) (string, error) {
	if strings.ContainsAny(p, "?#") {
		return "", invalid("path", "%q must not carry a query or fragment: pass the query separately", truncate(p, 100))
	}
	if !strings.HasPrefix(p, "/") {
		if c.prefix == "" {
			return "", invalid("resellerId", "required for a relative path: create the client with WithResellerID, or give a path from the root")
		}
		p = c.prefix + p
	}
	for _, s := range strings.Split(strings.TrimPrefix(p, "/"), "/") {
		if s == "." || s == ".." {
			return "", invalid("path", "%q must not contain . or .. segments", truncate(p, 100))
		}
		for _, r := range s {
			if r < 0x20 || r == 0x7f || r == ' ' {
				return "", invalid("path", "%q contains a space or control character", truncate(p, 100))
			}
		}
	}
	return p, nil
}
