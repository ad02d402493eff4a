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
	"reflect"
	"sync/atomic"
	"time"

	"github.com/google/go-querystring/query"
)

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
			if actx == nil || stateOf(actx) != st {
				actx = st // a context that lost the call's state would lose its token and replay
			}
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
