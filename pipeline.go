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
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
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

// LocationID returns the id of the resource a 201 created: the last path segment of the
// Location header when it has the shape of an id (see Created.ID), "" otherwise. A Location
// that ends in a word, such as …/services/Azure, names no id; read Location itself.
func (r *Response) LocationID() string {
	if r == nil || r.Response == nil {
		return ""
	}
	return locationID(r.Header.Get("Location"))
}

// locationID is the last path segment of loc when it has the shape of an id, "" otherwise.
func locationID(loc string) string {
	if seg := lastSegment(loc); isIDSegment(seg) {
		return seg
	}
	return ""
}

// isIDSegment reports whether a Location's last segment has the shape of an id: a GUID (the
// ids Cloudmore's examples and its own tests read from Location), or up to 128 letters, digits,
// '-' and '_' with at least one digit (a role id such as "6", a free id such as "CS0001").
// Every literal segment of Cloudmore's paths ("Azure", "Csp", "upgradeStatus") is a word
// without digits, so none is taken for an id.
func isIDSegment(s string) bool {
	if isGUID(s) {
		return true
	}
	if s == "" || len(s) > 128 {
		return false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '_':
		default:
			return false
		}
	}
	return digit
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
	// ID is the new resource's id: the last segment of Location when it has the shape of an id
	// (a GUID, or letters, digits, '-' and '_' with at least one digit), else the "id" of the
	// body, else "". A Location ending in a word (…/services/Azure) gives no ID.
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
//
// A create that Cloudmore carried out but whose answer could not be read (a *DecodeError), or
// that was answered 303 See Other (a *RedirectError saying the POST was processed), returns
// the error AND, when the answer named the new resource in Location, the *Created: the caller
// must not send it again, and can still find what was created.
func (c *Client) create(ctx context.Context, path string, body any) (*Created, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, http.MethodPost, path, nil, body, &raw)
	if err != nil {
		var de *DecodeError
		var re *RedirectError
		switch {
		case resp == nil || resp.Response == nil:
		case errors.As(err, &de) && resp.Header.Get("Location") != "":
			return createdFrom(resp, nil), resp, err
		case errors.As(err, &re) && re.Processed() && re.Location != "":
			return &Created{ID: locationID(re.Location), Location: re.Location}, resp, err
		}
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

// callState is the call's retry rule, and what the pipeline learns about the call while
// net/http sends it: whether the request reached the wire (from net/http/httptrace) and which
// token the auth layer attached. It is the call's context, so the auth layer finds it without
// another allocation.
type callState struct {
	context.Context
	rule     retryRule                   // when the call may be sent again
	wrote    atomic.Bool                 // WroteHeaders fired (traced for notOnceWritten only)
	op       *opInfo                     // the declared operation, nil for Do
	attempts int                         // attempts sent so far (for telemetry)
	opts     callOptions                 // the call's CallOptions
	bearer   atomic.Pointer[accessToken] // the token attached to the last request to the API host
}

type callStateKey struct{}

// Value returns the call state for callStateKey and the parent's values otherwise.
func (s *callState) Value(key any) any {
	if _, ok := key.(callStateKey); ok {
		return s
	}
	return s.Context.Value(key)
}

func (s *callState) onWroteHeaders() { s.wrote.Store(true) }

// policy is the call's retry policy: its CallOption's, else the client's.
func (s *callState) policy(c *Client) RetryPolicy {
	if s.opts.retry != nil {
		return *s.opts.retry
	}
	return c.retry
}

// opName is the call's declared operation, "" for Do.
func (s *callState) opName() string {
	if s.op == nil {
		return ""
	}
	return s.op.name
}

// opAttrs are the log attributes that name the call's operation (never its path's ids).
func opAttrs(ctx context.Context, attrs []slog.Attr) []slog.Attr {
	if s := stateOf(ctx); s != nil && s.op != nil {
		attrs = append(attrs, slog.String("operation", s.op.name), slog.String("template", s.op.template))
	}
	return attrs
}

// stateOf returns the call state a request's context carries, nil when none.
func stateOf(ctx context.Context) *callState {
	s, _ := ctx.Value(callStateKey{}).(*callState)
	return s
}

// attempt is the outcome of one try.
type attempt struct {
	resp   *Response
	err    error
	retry  bool          // the retry policy allows another attempt
	replay bool          // a 401 to a request that carried this client's token
	wait   time.Duration // what Retry-After asked for, 0 when nothing
	status int           // the answer's status, 0 when none came
	token  *accessToken  // the token the request carried
}

// do sends req with the retry policy and decodes a 2xx body into out.
//
// Every send is an attempt: counted in Response.Attempts, logged, and preceded by the
// client's rate limit. A 401 to a request that carried the client's token drops exactly that
// token and replays the request once with a new one (the auth layer only attaches tokens);
// that replay does not count against RetryPolicy.MaxAttempts, so NoRetries still replays.
func (c *Client) do(req *http.Request, out any) (*Response, error) {
	st := &callState{Context: req.Context(), rule: methodRule(req.Method)}
	return c.doState(req.WithContext(st), out, st)
}

// doState is do for a request whose context is st: the call's attempts, told to the
// client's Telemetry when it has one.
func (c *Client) doState(req *http.Request, out any, st *callState) (*Response, error) {
	call := c.startCallTelemetry(st, req.Method)
	resp, err := c.attempts(req, out, st, call)
	if call != nil {
		r := TelemetryResult{Attempts: st.attempts, Err: err}
		if resp != nil && resp.Response != nil {
			r.Status = resp.StatusCode
		}
		call.End(st, r)
	}
	return resp, err
}

// attempts sends req until it succeeds or may not be sent again.
func (c *Client) attempts(req *http.Request, out any, st *callState, call CallTelemetry) (*Response, error) {
	ctx := st.Context
	method, path := req.Method, req.URL.Path
	if st.rule == 0 {
		st.rule = methodRule(method)
	}
	pol := st.policy(c)
	var trace *httptrace.ClientTrace
	if !st.rule.repeatsOnceWritten() {
		// Only a call that is not repeated once written needs to know whether it reached the
		// wire: a repeatable one is retried either way (and fails with the context's error
		// once it ended).
		trace = &httptrace.ClientTrace{WroteHeaders: st.onWroteHeaders}
		req = req.WithContext(httptrace.WithClientTrace(st, trace))
	}
	rewindable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	replayed := false
	var last attempt // the previous attempt, whose error a wait to retry keeps
	for n := 1; ; n++ {
		if n > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return last.resp, fmt.Errorf("%w; rewinding the body to retry: %w", last.err, err)
			}
			req.Body = body
		}
		queued := time.Now() // the rate the limit had when this attempt asked for its turn
		if c.limiter != nil {
			err := c.limiter.wait(ctx)
			if d := time.Since(queued); call != nil && d >= time.Millisecond {
				call.Wait(st, TelemetryWait{Kind: WaitRateLimit, Duration: d})
			}
			if err != nil {
				if n > 1 {
					return last.resp, fmt.Errorf("%w; gave up waiting for the client's rate limit to retry: %w", last.err, err)
				}
				return nil, fmt.Errorf("cloudmore: %s %s: waiting for the client's rate limit (nothing was sent): %w", method, path, err)
			}
		}
		st.wrote.Store(false)
		st.bearer.Store(nil)
		st.attempts = n
		var a attempt
		if call == nil {
			a = c.try(req, out, n, st)
		} else {
			actx := call.StartAttempt(st, n)
			if trace != nil {
				actx = httptrace.WithClientTrace(actx, trace)
			}
			sent := time.Now()
			a = c.try(req.WithContext(actx), out, n, st)
			ta := TelemetryAttempt{N: n, Status: a.status, Duration: time.Since(sent), Err: a.err}
			if a.resp != nil {
				ta.RequestID = a.resp.RequestID
			}
			call.EndAttempt(actx, ta)
		}
		if c.limiter != nil && a.status != 0 {
			c.limiter.observe(a.status == http.StatusTooManyRequests, queued)
		}
		var reason string
		switch {
		case !rewindable:
			return a.resp, a.err
		case a.replay && !replayed:
			replayed = true
			c.tokens.invalidate(a.token)
			reason = "401 Unauthorized: the token was refused; replaying once with a new one"
		case !a.retry || n-btoi(replayed) >= pol.MaxAttempts:
			return a.resp, a.err
		default:
			wait := a.wait
			if wait == 0 {
				wait = pol.backoff(n - btoi(replayed))
			}
			serr := pastDeadline(ctx, wait)
			if serr == nil && call != nil {
				kind := WaitBackoff
				if a.wait > 0 {
					kind = WaitRetryAfter
				}
				call.Wait(st, TelemetryWait{Kind: kind, Duration: wait})
			}
			if serr == nil {
				c.logRetry(st, method, path, n, wait, a.err.Error())
				serr = c.sleep(ctx, wait)
			}
			if serr != nil {
				// The cause stays matchable (errors.As *APIError, errors.Is ErrRateLimited)
				// beside the context's error, with the answer that caused the wait.
				return a.resp, fmt.Errorf("%w; gave up waiting %s to retry: %w", a.err, wait, serr)
			}
			last = a
			continue
		}
		c.logRetry(st, method, path, n, 0, reason)
		last = a
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *Client) logRetry(ctx context.Context, method, path string, n int, wait time.Duration, reason string) {
	if c.logger != nil {
		c.logger.LogAttrs(ctx, slog.LevelInfo, "cloudmore: retrying", opAttrs(ctx, []slog.Attr{slog.String("method", method),
			slog.String("path", path), slog.Int("attempt", n), slog.Duration("wait", wait), slog.String("reason", reason)})...)
	}
}

// try sends req once and says what came of it.
func (c *Client) try(req *http.Request, out any, n int, st *callState) attempt {
	ctx := st.Context
	method, path := req.Method, req.URL.Path
	start := time.Now()
	hresp, err := c.hc.Do(req)
	tok := st.bearer.Load()
	if err != nil && hresp != nil && hresp.StatusCode >= 300 && hresp.StatusCode <= 399 {
		// WithHTTPClient's own CheckRedirect refused to follow: a redirect, never retried.
		hideToken(hresp, req)
		re := newRedirectError(method, path, hresp, c.redactor(tok))
		re.Err = unwrapURLError(err)
		c.logAttempt(st, method, path, n, hresp.StatusCode, requestID(hresp.Header), start, re)
		return attempt{resp: &Response{Response: hresp, RequestID: re.RequestID, Attempts: n}, err: re, status: hresp.StatusCode}
	}
	if err != nil {
		err = unwrapURLError(err)
		retry, err := c.transportError(ctx, method, path, err, st)
		c.logAttempt(st, method, path, n, 0, "", start, err)
		return attempt{retry: retry, err: err}
	}
	hideToken(hresp, req)
	resp := &Response{Response: hresp, RequestID: requestID(hresp.Header), Attempts: n}
	a := attempt{resp: resp, status: hresp.StatusCode, token: tok}
	c.logAttempt(st, method, path, n, hresp.StatusCode, resp.RequestID, start, nil)
	switch {
	case hresp.StatusCode >= 300 && hresp.StatusCode <= 399:
		// Only a GET redirect is followed (checkRedirect); this one was not: never success.
		drain(hresp)
		a.err = newRedirectError(method, path, hresp, c.redactor(tok))
		return a
	case hresp.StatusCode < 200 || hresp.StatusCode > 299:
		apiErr := newAPIError(method, path, hresp, c.redactor(tok))
		apiErr.Operation = st.opName()
		if ra, ok := parseRetryAfter(hresp.Header.Get("Retry-After"), c.now()); ok {
			apiErr.RetryAfter = ra
		}
		a.err, a.wait = apiErr, apiErr.RetryAfter
		a.retry = retryableStatus(hresp.StatusCode, st.rule) && apiErr.RetryAfter <= st.policy(c).MaxRetryAfter
		a.replay = hresp.StatusCode == http.StatusUnauthorized && tok != nil
		return a
	}
	body := &trackedBody{r: hresp.Body}
	hresp.Body = body
	derr := c.decodeBody(hresp, body, out, method, path)
	if derr == nil {
		return a
	}
	// A 2xx is an operation that happened, whatever became of its answer: never sent again,
	// not even a GET (DESIGN, "2xx whose body cannot be read: no: it happened"). A GET could be
	// read again, but a reader that repeats what it cannot read would also repeat a walk's
	// pages and a stream's rows, and would hide a connection that cuts answers off.
	if ctx.Err() != nil && body.err != nil {
		derr = ctx.Err()
	}
	a.err = &DecodeError{Method: method, Path: path, Operation: st.opName(), StatusCode: hresp.StatusCode,
		Head: c.redactor(tok).Replace(body.quote()), Err: derr, broke: body.err != nil}
	return a
}

// hideToken gives the answer back with the request as the SDK built it, without the
// Authorization header the auth layer added, so that no returned value carries the token.
// Every hop of a followed redirect is cleaned: resp.Request, resp.Request.Response.Request
// and so on down the chain, whichever host each went to.
func hideToken(hresp *http.Response, sent *http.Request) {
	for r := hresp; r != nil; {
		req := r.Request
		if req == nil {
			return
		}
		if req != sent && req.Header.Get("Authorization") != "" {
			if req.URL == sent.URL && sent.Header.Get("Authorization") == "" {
				r.Request = sent
				return
			}
			clean := new(http.Request)
			*clean = *req
			clean.Header = req.Header.Clone()
			clean.Header.Del("Authorization")
			r.Request = clean
		}
		r = r.Request.Response // the answer that redirected to this hop
	}
}

// transportError classifies an error of the transport: whether it may be retried, and the
// error to return. "Was it sent?" is decided by what reached the wire, as net/http/httptrace
// reported it: a request whose headers were never written reached no server, whatever its
// rule; a notOnceWritten call (a POST, PATCH, or metered usage) that was written and got no
// answer has an unknown outcome and is never repeated. Over a transport that does not report
// to httptrace (WithTransport with a RoundTripper other than *http.Transport) such a call
// counts as written unless the error proves otherwise (a failed dial or name lookup, no token).
// A repeatable call is not traced: it is retried either way.
func (c *Client) transportError(ctx context.Context, method, path string, err error, st *callState) (retry bool, _ error) {
	var ae *AuthError
	if errors.As(err, &ae) {
		return false, ae
	}
	ctxErr := ctx.Err()
	var te *tokenError
	unsent := errors.As(err, &te) // the auth layer gave up before the request was handed on
	if !unsent && !st.rule.repeatsOnceWritten() {
		wrote := st.wrote.Load()
		if !c.traced && !wrote {
			wrote = !notSent(err)
		}
		if wrote {
			if ctxErr != nil && !errors.Is(err, ctxErr) {
				err = errors.Join(err, ctxErr) // the caller's context ended the wait as well
			}
			return false, &UnknownOutcomeError{Method: method, Path: path, Operation: st.opName(), Err: err}
		}
		unsent = true
	}
	switch {
	case ctxErr != nil && unsent:
		return false, fmt.Errorf("cloudmore: %s %s: %w (before the request was sent)", method, path, ctxErr)
	case ctxErr != nil:
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, ctxErr)
	case permanentTransportError(err): // a certificate problem: the handshake failed
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
	}
	return true, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
}

// utf8BOM is the byte-order mark .NET writes before JSON.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// trackedBody reads an answer's body for the decoder: it drops a leading UTF-8 byte-order
// mark, remembers whether reading itself failed (the connection broke) as opposed to a body
// that arrived whole and does not decode, and keeps the first bytes to quote in an error.
type trackedBody struct {
	r       io.ReadCloser
	err     error
	started bool
	pending []byte // bytes read while looking for the BOM, not yet handed out
	peek    [3]byte
	head    [512]byte
	nhead   int
}

func (b *trackedBody) Read(p []byte) (int, error) {
	if !b.started && len(p) >= len(b.peek) {
		// The first read fills p as a plain read would (the decoder's buffer stays the
		// size it is without a BOM), and drops a BOM at its start.
		b.started = true
		n, err := io.ReadAtLeast(b.r, p, len(utf8BOM))
		if n >= len(utf8BOM) && bytes.Equal(p[:len(utf8BOM)], utf8BOM) {
			n = copy(p, p[len(utf8BOM):n])
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF // a body shorter than a BOM
		}
		if err != nil && err != io.EOF {
			b.err = err
		}
		b.nhead += copy(b.head[b.nhead:], p[:n])
		return n, err
	}
	if !b.started {
		b.started = true
		n, err := io.ReadFull(b.r, b.peek[:])
		b.pending = b.peek[:n]
		if n == 3 && bytes.Equal(b.pending, utf8BOM) {
			b.pending = nil
		}
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			b.err = err
			return 0, err
		}
		if err != nil && len(b.pending) == 0 {
			return 0, io.EOF
		}
	}
	var n int
	var err error
	if len(b.pending) > 0 {
		n = copy(p, b.pending)
		b.pending = b.pending[n:]
	} else {
		n, err = b.r.Read(p)
	}
	b.nhead += copy(b.head[b.nhead:], p[:n])
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// fillHead reads on until the head is full or the body ends, for the error's quote.
func (b *trackedBody) fillHead() {
	var buf [256]byte
	for b.nhead < len(b.head) {
		if _, err := b.Read(buf[:min(len(buf), len(b.head)-b.nhead)]); err != nil {
			return
		}
	}
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

// streamTarget is the hand-off through which a streaming area (the billing report readers)
// takes a 2xx body unread and decodes it as it arrives; the pipeline knows nothing of what it
// decodes. The body it gets has no byte-order mark. The receiver must close the body.
type streamTarget interface{ takeBody(io.ReadCloser) }

var jsonNull = []byte("null")

// decodeBody decodes a 2xx body into out from the stream, then drains and closes it.
func (c *Client) decodeBody(resp *http.Response, body *trackedBody, out any, method, path string) (err error) {
	if t, ok := out.(streamTarget); ok && resp.StatusCode != http.StatusNoContent {
		t.takeBody(body) // a report reader decodes the body as it arrives, and closes it
		return nil
	}
	defer func() {
		if err != nil && body.err == nil {
			body.fillHead() // the decoder may have stopped early: quote the start in full
		}
		body.Close()
	}()
	want, mustHave := out.(nonEmpty)
	if mustHave {
		out = want.v
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		// Nothing to decode: the status says the operation happened. A failure while
		// draining the rest changes nothing (and must not make a DELETE be sent again).
		_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
		if mustHave && out != nil {
			return ErrEmptyAnswer
		}
		return nil
	}
	switch o := out.(type) {
	case *json.RawMessage:
		b, err := io.ReadAll(body)
		switch t := bytes.TrimSpace(b); {
		case err != nil:
		case mustHave && (len(t) == 0 || bytes.Equal(t, jsonNull)):
			err = ErrEmptyAnswer
		case len(t) > 0:
			// The body is kept as sent, but it must be JSON: a proxy's HTML page or a cut
			// answer is a *DecodeError, not a json.RawMessage that cannot be marshalled.
			var check json.RawMessage
			err = json.Unmarshal(t, &check)
		}
		*o = b
		return err
	case *[]byte:
		b, err := io.ReadAll(body)
		if err == nil && mustHave && len(bytes.TrimSpace(b)) == 0 {
			err = ErrEmptyAnswer
		}
		*o = b
		return err
	}
	if c.unknownFields != nil {
		err := c.decodeStrict(body, out, method, path)
		if h := bytes.TrimSpace(body.head[:body.nhead]); err == nil && mustHave && (len(h) == 0 || bytes.HasPrefix(h, jsonNull)) {
			return ErrEmptyAnswer
		}
		return err
	}
	dec := json.NewDecoder(body)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) && body.err == nil {
			if mustHave {
				return ErrEmptyAnswer
			}
			return nil // an empty body: nothing to decode
		}
		return err
	}
	if mustHave && bytes.HasPrefix(bytes.TrimSpace(body.head[:body.nhead]), jsonNull) {
		return ErrEmptyAnswer // a bare null where one resource was expected: never a zero model
	}
	// The value is whole; what follows it is read only to reuse the connection.
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
	return nil
}

// newAPIError reads an error answer. The body loses a leading byte-order mark, and the
// client's own token, client secret and password are redacted wherever the answer quotes
// them back.
func newAPIError(method, path string, resp *http.Response, rd *strings.Replacer) *APIError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	body = bytes.TrimPrefix(body, utf8BOM)
	if r := rd.Replace(string(body)); r != string(body) {
		body = []byte(r)
	}
	e := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, Body: body,
		RequestID: requestID(resp.Header), Header: resp.Header}
	e.parseErrorBody()
	return e
}

// minRedacted is the shortest secret redacted from answers: a shorter one would blank
// ordinary words of every message.
const minRedacted = 4

// redactor is the one redactor of the client: it replaces, with REDACTED, the token tok (the
// one a request carried, or nil), the token the client holds now, and the client's own secrets
// (the client secret and password of WithCredentials) wherever an answer quotes them back.
// Every text the SDK takes from an answer into an error goes through it: the pipeline's
// errors here, the other areas' through redact.
func (c *Client) redactor(tok *accessToken) *strings.Replacer {
	var pairs []string
	add := func(t *accessToken) {
		if t != nil && len(t.value) >= minRedacted {
			pairs = append(pairs, t.value, "REDACTED")
		}
	}
	add(tok)
	if c.tokens != nil {
		if cur := c.tokens.current(); cur != tok {
			add(cur)
		}
		if c.tokens.secrets != nil {
			for _, s := range c.tokens.secrets() {
				pairs = append(pairs, s, "REDACTED")
			}
		}
	}
	return strings.NewReplacer(pairs...)
}

// redact is s, a text taken from an answer (a task's failure body, a start answer without a
// task id), with the client's token and secrets replaced by REDACTED.
func (c *Client) redact(s string) string { return c.redactor(nil).Replace(s) }

// newRedirectError describes a redirect that was not followed.
func newRedirectError(method, path string, resp *http.Response, rd *strings.Replacer) *RedirectError {
	loc := resp.Header.Get("Location")
	if r := rd.Replace(loc); r != loc {
		resp.Header.Set("Location", r) // the *Response returned beside the error shows no secret either
	}
	if loc != "" && resp.Request != nil && resp.Request.URL != nil {
		if u, err := resp.Request.URL.Parse(loc); err == nil {
			loc = u.String()
		}
	}
	return &RedirectError{Method: method, Path: path, StatusCode: resp.StatusCode,
		Location: rd.Replace(loc), RequestID: requestID(resp.Header)}
}

// checkRedirect is the redirect policy of the SDK's own copy of the http.Client. Only a GET is
// followed (at most 10 hops, then the user's own CheckRedirect, if any, has its say): a POST,
// PUT, PATCH or DELETE answered 301/302/303/307/308 is never re-sent, as another method or the
// same, and comes back as a *RedirectError. A followed GET carries the token only to the API
// host (the auth layer checks every hop), so a redirect to a download host gets none; the
// user's CheckRedirect is given the chain without the token (hideToken), as the caller is.
func checkRedirect(user func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if first := via[0]; first.Method != http.MethodGet && first.Method != http.MethodHead {
			return http.ErrUseLastResponse
		}
		if len(via) >= 10 {
			return http.ErrUseLastResponse
		}
		if user != nil {
			if req.Response != nil {
				hideToken(req.Response, via[0]) // the user's function sees no token either
			}
			return user(req, via)
		}
		return nil
	}
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
	c.logger.LogAttrs(ctx, slog.LevelDebug, "cloudmore: request", opAttrs(ctx, attrs)...)
}

// NewRequest builds a request for any Cloudmore operation, typed by the SDK or not yet: the
// escape hatch for when Cloudmore is ahead of the SDK (go-github's NewRequest). path is
// relative to the reseller's root ("Organizations/{id}/Azure" becomes
// /api/resellers/{resellerId}/Organizations/{id}/Azure) unless it starts with "/", when it is
// taken from the host's root ("/api/sellers/{sellerId}/services"). Its segments are sent as
// given (escape them yourself); ".", ".." (also escaped, or hidden by an escaped "/" or "\" or
// by an escape escaped again, as in "..%2f" or "%252e%252e") and control characters are refused. query is a
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
// struct or slice, a *json.RawMessage for the JSON body as sent (a body that is not JSON is a
// *DecodeError), a *[]byte for any body as sent, or nil to discard it. A request
// built otherwise must still be for the client's scheme, host and base path, with one of GET,
// POST, PUT, PATCH, DELETE and a path without "." or ".." segments (escaped or not, also
// hidden by an escaped "/" or "\") or control characters, and a req.Host that is empty or the
// URL's host: a Host naming another host is refused, as the token goes only to the client's
// host. A refused request is a *ValidationError, and nothing is sent. The client attaches
// its own token: an Authorization header on req is removed. Give the request a
// GetBody (NewRequest does) so that a retry or the 401 replay can send the body again; a
// request without one is sent once.
func (c *Client) Do(req *http.Request, out any) (*Response, error) {
	if req == nil {
		return nil, invalid("req", "nil request")
	}
	if !validMethod(req.Method) {
		return nil, invalid("method", "%q is not one of GET, POST, PUT, PATCH, DELETE", truncate(req.Method, 16))
	}
	if req.URL == nil || req.URL.Host != c.baseURL.Host || req.URL.Scheme != c.baseURL.Scheme {
		return nil, invalid("req", "the request is not for the client's host %s://%s: build it with NewRequest", c.baseURL.Scheme, c.baseURL.Host)
	}
	if req.Host != "" && !strings.EqualFold(req.Host, req.URL.Host) {
		// The token goes only where the request goes: a Host header naming another host
		// would take it there through the API's front end.
		return nil, invalid("req", "the request's Host %q is not its URL's host %s: leave req.Host empty or equal to it", truncate(req.Host, 64), req.URL.Host)
	}
	if req.URL.User != nil || req.URL.Fragment != "" {
		return nil, invalid("path", "the request URL must not carry user info or a fragment")
	}
	p := req.URL.EscapedPath()
	root := c.baseURL.EscapedPath() + "/"
	if !strings.HasPrefix(p, root) {
		return nil, invalid("path", "%q is not under the client's base path %s", truncate(p, 100), root)
	}
	if err := checkSegments(p[len(root):], p); err != nil {
		return nil, err
	}
	if req.Header.Get("Authorization") != "" {
		req.Header.Del("Authorization")
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
	if err := checkSegments(strings.TrimPrefix(p, "/"), p); err != nil {
		return "", err
	}
	return p, nil
}

// checkSegments refuses "." and ".." segments, escaped or not (a server or proxy that
// unescapes them would climb out of the path), also where an escaped "/" or "\" or an escape
// escaped again hides one (hidesDotSegment), bad escapes, unescaped spaces, and control
// characters, escaped or not.
func checkSegments(rest, whole string) error {
	for _, raw := range strings.Split(rest, "/") {
		s, err := url.PathUnescape(raw)
		if err != nil {
			return invalid("path", "%q has a bad %%-escape", truncate(whole, 100))
		}
		if hidesDotSegment(s) {
			return invalid("path", "%q must not contain . or .. segments", truncate(whole, 100))
		}
		if strings.ContainsRune(raw, ' ') || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return invalid("path", "%q contains a space or control character (escape a space as %%20)", truncate(whole, 100))
		}
	}
	return nil
}

// maxUnescapes is how many more times hidesDotSegment unescapes a segment; one escaped more
// deeply than that is refused.
const maxUnescapes = 4

// hidesDotSegment reports whether s, a path segment unescaped once, is "." or "..", or becomes
// one for a server that takes "/" and "\" (%2F, %5C) as separators or unescapes again
// (%252e%252e): s is split at both separators and unescaped again, as long as that changes it.
func hidesDotSegment(s string) bool {
	for range maxUnescapes + 1 {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '\\' }) {
			if part == "." || part == ".." {
				return true
			}
		}
		u, err := url.PathUnescape(s)
		if err != nil || u == s {
			return false
		}
		s = u
	}
	return true
}
