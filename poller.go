package cloudmore

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrNotDone is returned by Poller.Result before the task has finished.
var ErrNotDone = errors.New("cloudmore: the asynchronous task has not finished yet")

// TaskFailedError says Cloudmore reported an asynchronous task as failed, or answered a poll in
// a way the SDK cannot read as "running" or "finished". Body quotes what came back.
type TaskFailedError struct {
	// Kind names the operation, such as "billing.MonthlyBillingPerOrganizationAsync".
	Kind string
	// TaskID is the task or operation id.
	TaskID string
	// StatusCode is the HTTP status of the poll answer.
	StatusCode int
	// Status is the status field of the answer, when it had one.
	Status string
	// Body is the answer's body (capped at 4 KiB).
	Body []byte
}

// Error says what came back.
func (e *TaskFailedError) Error() string {
	what := "failed"
	if !isFailedStatus(e.Status) {
		what = "answered in an unexpected way"
	}
	return fmt.Sprintf("cloudmore: task %s of %s %s: HTTP %d, status %q, body %s",
		truncate(e.TaskID, maxQuoted), e.Kind, what, e.StatusCode, truncate(e.Status, maxQuoted), truncate(string(e.Body), 512))
}

// pollStep is one poll: done reports whether the task has finished, result is set when it has.
type pollStep[T any] func(ctx context.Context) (done bool, result *T, resp *Response, err error)

// Poller follows one asynchronous Cloudmore task (a billing report being generated, an NCE
// upgrade, a seller's bulk consumption submission, the CSP user list, an unbilled-usage
// export) until it finishes.
//
// A Begin* method starts the task (a POST, never repeated blindly) and returns a Poller. Keep
// its ResumeToken: a program that crashes can pick up the same task with the matching Resume*
// method instead of starting the report again. The token names the API host and the reseller
// (or seller) the task belongs to; a client for another refuses it with a *ValidationError,
// before any request. PollUntilDone waits (PollOptions sets how often, as azcore's
// PollUntilDoneOptions do); Poll asks once; Result returns what a finished task produced.
//
// How Cloudmore answers while a task is running is not documented. The Poller treats a 202 or
// 204, and a body whose "status" is Processing (or Pending/Running/InProgress/Queued/NotStarted),
// as running; a body whose status is Successful (or Succeeded/Completed/Done), or a 200 body
// without a status field, as finished; Failed (or Error/Cancelled) as a failure; anything else
// is a *TaskFailedError quoting what came back. Status values compare case-insensitively.
//
// A Poller is not safe for concurrent use: poll it from one goroutine (share its ResumeToken,
// not the Poller).
type Poller[T any] struct {
	kind       string
	taskID     string
	token      string
	step       pollStep[T]
	done       bool
	result     *T
	err        error
	refused    error // set when the Poller was rebuilt from a token made for another client
	retryAfter time.Duration
	now        func() time.Time
	sleep      func(context.Context, time.Duration) error
	maxWait    time.Duration // the retry policy's MaxRetryAfter caps a Retry-After between polls
	c          *Client       // the client, for its Telemetry; nil for a Poller built by hand
}

// PollOptions are the options of PollUntilDone, as azcore's PollUntilDoneOptions. A nil
// *PollOptions, or a zero field, takes the default.
type PollOptions struct {
	// Frequency is how long to wait between polls when Cloudmore sends no Retry-After
	// (5 s when zero). A Retry-After, capped at the client's RetryPolicy.MaxRetryAfter,
	// takes precedence.
	Frequency time.Duration
}

// defaultPollFrequency is the wait between polls when neither PollOptions nor Cloudmore
// says otherwise.
const defaultPollFrequency = 5 * time.Second

// newPoller returns a poller for task taskID of kind, a broker-side task (under
// /api/resellers/{resellerId}): its resume token names the client's host and reseller id.
// ids are what a Resume* needs to rebuild it. The clock, the sleep and the Retry-After cap
// are the pipeline's, handed to the Poller here, so no service method reads them.
func newPoller[T any](c *Client, kind, taskID string, ids map[string]string, step pollStep[T]) *Poller[T] {
	return buildPoller(c, c.brokerOrigin(), kind, taskID, ids, step)
}

// newSellerPoller is newPoller for a seller-side task (under /api/sellers/{sellerId}): its
// resume token names the client's host and seller id.
func newSellerPoller[T any](c *Client, kind, taskID string, ids map[string]string, step pollStep[T]) *Poller[T] {
	return buildPoller(c, c.sellerOrigin(), kind, taskID, ids, step)
}

func buildPoller[T any](c *Client, o tokenOrigin, kind, taskID string, ids map[string]string, step pollStep[T]) *Poller[T] {
	p := &Poller[T]{kind: kind, taskID: taskID, step: step, now: c.now, sleep: c.sleep, maxWait: c.retry.MaxRetryAfter, c: c}
	if made, ok := ids[originKey]; ok {
		// ids came from decodeResumeToken: refuse a token made for another client here, so
		// that no poll reaches the wrong reseller even through a Resume* method that did not
		// check the token against its client.
		var from tokenOrigin
		_ = json.Unmarshal([]byte(made), &from)
		p.refused = o.check(from)
		clean := make(map[string]string, len(ids))
		for k, v := range ids {
			if k != originKey {
				clean[k] = v
			}
		}
		ids = clean
	}
	p.token = encodeToken(resumeToken{Kind: kind, Host: o.Host, ResellerID: o.ResellerID, SellerID: o.SellerID, IDs: ids})
	return p
}

// TaskID returns the task or operation id Cloudmore gave the task.
func (p *Poller[T]) TaskID() string {
	if p == nil {
		return ""
	}
	return p.taskID
}

// ResumeToken returns a string that the matching Resume* method turns back into a Poller for
// the same task. It holds the kind of task, its ids, the API host and the reseller (or, for a
// seller-side task, the seller) id, nothing secret: the Resume* methods refuse it, with a
// *ValidationError and before any request, on a client for another host or reseller.
func (p *Poller[T]) ResumeToken() string {
	if p == nil {
		return ""
	}
	return p.token
}

// Done reports whether the task has finished (successfully or not).
func (p *Poller[T]) Done() bool { return p != nil && p.done }

// errNoPoller is what a Poller not made by a Begin* or Resume* method (a zero or nil Poller)
// returns.
var errNoPoller = errors.New("cloudmore: this Poller is empty: take it from a Begin* or Resume* method")

// Poll asks Cloudmore once how the task is doing. After Done, it does nothing.
func (p *Poller[T]) Poll(ctx context.Context) (*Response, error) {
	if p == nil || p.step == nil {
		return nil, errNoPoller
	}
	if p.refused != nil {
		return nil, p.refused
	}
	if p.done {
		return nil, p.err
	}
	done, result, resp, err := p.step(ctx)
	p.retryAfter = 0
	if resp != nil && p.now != nil {
		if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), p.now()); ok {
			p.retryAfter = ra
		}
	}
	if err != nil {
		var tf *TaskFailedError
		if errors.As(err, &tf) {
			p.done, p.err = true, err
		}
		return resp, err
	}
	if done {
		p.done, p.result = true, result
	}
	return resp, nil
}

// Result returns the task's result once it has finished; before that, ErrNotDone. It makes no
// network call (ctx is for symmetry with the other methods and future use).
func (p *Poller[T]) Result(ctx context.Context) (*T, error) {
	if p == nil || p.step == nil {
		return nil, errNoPoller
	}
	if p.refused != nil {
		return nil, p.refused
	}
	if !p.done {
		return nil, ErrNotDone
	}
	return p.result, p.err
}

// PollUntilDone polls until the task finishes or ctx is done, and returns the result. Between
// polls it waits opts.Frequency (5 s by default; opts may be nil), or the Retry-After
// Cloudmore sends when it sends one (at most the retry policy's MaxRetryAfter). A failed poll
// request that the retry policy could not get past ends the wait with its error; the Poller
// can be polled again later.
func (p *Poller[T]) PollUntilDone(ctx context.Context, opts *PollOptions) (result *T, err error) {
	frequency := defaultPollFrequency
	if opts != nil && opts.Frequency > 0 {
		frequency = opts.Frequency
	}
	var call CallTelemetry
	polls := 0
	if p.c != nil && p.c.telemetry != nil && ctx != nil {
		// The wait is a call of its own, whose polls are its children and whose intervals
		// are its waits.
		ctx, call = p.c.telemetry.StartCall(ctx, p.c.telemetryCall(p.kind+".PollUntilDone", "", ""))
		if call != nil {
			defer func() { call.End(ctx, TelemetryResult{Attempts: polls, Err: err}) }()
		}
	}
	for {
		polls++
		if _, err := p.Poll(ctx); err != nil {
			return nil, err
		}
		if p.done {
			return p.result, p.err
		}
		wait := frequency
		if p.retryAfter > 0 {
			wait = p.retryAfter
			if p.maxWait > 0 && wait > p.maxWait {
				wait = p.maxWait // poll again by then rather than trust a very long Retry-After
			}
		}
		if call != nil {
			call.Wait(ctx, TelemetryWait{Kind: WaitPoll, Duration: wait})
		}
		if err := p.wait(ctx, wait); err != nil {
			return nil, fmt.Errorf("cloudmore: waiting for task %s of %s: %w", p.taskID, p.kind, err)
		}
	}
}

// wait sleeps d, waking early when ctx ends: through the client's sleep (the pipeline's, which
// tests replace), or, for a Poller built without one, a timer of its own.
func (p *Poller[T]) wait(ctx context.Context, d time.Duration) error {
	if p.sleep != nil {
		return p.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// resumeToken is the JSON inside a ResumeToken.
type resumeToken struct {
	Kind       string            `json:"kind"`
	Host       string            `json:"host,omitempty"`
	ResellerID string            `json:"resellerId,omitempty"`
	SellerID   string            `json:"sellerId,omitempty"`
	IDs        map[string]string `json:"ids"`
}

// tokenOrigin is where a task lives: the API host (the client's base URL) and the reseller id
// of a broker-side task, or the seller id of a seller-side one.
type tokenOrigin struct {
	Host       string `json:"host,omitempty"`
	ResellerID string `json:"resellerId,omitempty"`
	SellerID   string `json:"sellerId,omitempty"`
}

func (c *Client) brokerOrigin() tokenOrigin {
	return tokenOrigin{Host: c.base, ResellerID: strings.ToLower(c.resellerID)}
}

func (c *Client) sellerOrigin() tokenOrigin {
	return tokenOrigin{Host: c.base, SellerID: strings.ToLower(c.sellerID)}
}

// check refuses a token made at from on a client at o.
func (o tokenOrigin) check(from tokenOrigin) error {
	var v validator
	switch {
	case from.Host == "":
		v.fail("resumeToken", "the token names no API host (made by an older SDK?): start the task again")
	case !strings.EqualFold(from.Host, o.Host):
		v.fail("resumeToken", "the token was made for %s, not %s: resume it on a client for that host", truncate(from.Host, 128), o.Host)
	}
	switch {
	case from.SellerID != "" || o.SellerID != "":
		if !strings.EqualFold(from.SellerID, o.SellerID) {
			v.fail("resumeToken", "the token was made for seller %q, not %q: resume it on a client for that seller (ForSeller)", truncate(from.SellerID, 64), o.SellerID)
		}
	case !strings.EqualFold(from.ResellerID, o.ResellerID):
		v.fail("resumeToken", "the token was made for reseller %q, not %q: resume it on a client for that reseller (ForReseller)", truncate(from.ResellerID, 64), o.ResellerID)
	}
	return v.err()
}

// encodeResumeToken encodes a token of kind with ids and no origin: tests use it to build
// tokens by hand. Pollers build theirs with their client's origin.
func encodeResumeToken(kind string, ids map[string]string) string {
	return encodeToken(resumeToken{Kind: kind, IDs: ids})
}

func encodeToken(rt resumeToken) string {
	b, _ := json.Marshal(rt)
	return base64.RawURLEncoding.EncodeToString(b)
}

// originKey is the reserved key under which decodeResumeToken passes a token's origin on to
// newPoller (which refuses the Poller on a client for another host or reseller). A JSON key
// cannot collide with it by accident.
const originKey = "\x00origin"

func parseResumeToken(token, kind string) (resumeToken, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	var rt resumeToken
	if err == nil {
		err = json.Unmarshal(b, &rt)
	}
	if err != nil {
		return rt, invalid("resumeToken", "not a resume token from this SDK")
	}
	if rt.Kind != kind {
		return rt, invalid("resumeToken", "the token is for %q, not %q", rt.Kind, kind)
	}
	return rt, nil
}

// decodeResumeToken checks that token was made for kind and returns its ids, with its origin
// under originKey: a Poller that newPoller builds from these ids refuses every poll when the
// origin is another client's. Prefer Client.resumeIDs, which refuses such a token at once.
func decodeResumeToken(token, kind string) (map[string]string, error) {
	rt, err := parseResumeToken(token, kind)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]string, len(rt.IDs)+1)
	for k, v := range rt.IDs {
		ids[k] = v
	}
	o, _ := json.Marshal(tokenOrigin{Host: rt.Host, ResellerID: rt.ResellerID, SellerID: rt.SellerID})
	ids[originKey] = string(o)
	return ids, nil
}

// resumeIDs checks that token was made for kind on a client for this client's host and
// reseller, and returns its ids. Anything else is a *ValidationError on the field
// "resumeToken", before any request. Every broker-side Resume* method starts with it.
func (c *Client) resumeIDs(token, kind string) (map[string]string, error) {
	return resumeIDsAt(c.brokerOrigin(), token, kind)
}

// resumeSellerIDs is resumeIDs for a seller-side task (host and seller id).
func (c *Client) resumeSellerIDs(token, kind string) (map[string]string, error) {
	return resumeIDsAt(c.sellerOrigin(), token, kind)
}

func resumeIDsAt(o tokenOrigin, token, kind string) (map[string]string, error) {
	rt, err := parseResumeToken(token, kind)
	if err != nil {
		return nil, err
	}
	if err := o.check(tokenOrigin{Host: rt.Host, ResellerID: rt.ResellerID, SellerID: rt.SellerID}); err != nil {
		return nil, err
	}
	if rt.IDs == nil {
		rt.IDs = map[string]string{}
	}
	return rt.IDs, nil
}

// idFromBody finds a task id in a start answer.
func idFromBody(raw json.RawMessage, keys []string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var s string
	if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		if strings.Contains(s, "/") {
			return lastSegment(s)
		}
		return s
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	for _, want := range append(keys, "id") {
		for k, v := range obj {
			if !strings.EqualFold(k, want) {
				continue
			}
			if json.Unmarshal(v, &s) == nil && s != "" {
				if strings.Contains(s, "/") {
					return lastSegment(s) // the task's URL rather than its id
				}
				return s
			}
			var n json.Number
			if json.Unmarshal(v, &n) == nil {
				return n.String() // a numeric id; objects, arrays and null are not ids
			}
		}
	}
	return ""
}

// taskStep returns a poll step that sends status (a task's status GET, with the task's path
// values args) and reads the answer as the Poller's doc describes. decode turns a finished
// body into the result; nil means json.Unmarshal into T. A poller's constructor checks
// status.checkPath(c, args) first, so that bad ids fail before anything is sent.
func taskStep[T, R any](c *Client, kind, taskID string, status op[none, none, R], args []pathArg, decode func([]byte) (*T, error)) pollStep[T] {
	return pollRaw(c, kind, taskID, func(ctx context.Context) (json.RawMessage, *Response, error) {
		return status.raw(ctx, c, args, nil, nil, nil)
	}, decode)
}

// pollRaw is the poll step over get, which sends one status GET and returns its body.
func pollRaw[T any](c *Client, kind, taskID string, get func(context.Context) (json.RawMessage, *Response, error), decode func([]byte) (*T, error)) pollStep[T] {
	if decode == nil {
		decode = func(b []byte) (*T, error) {
			var v T
			if err := json.Unmarshal(b, &v); err != nil {
				return nil, err
			}
			return &v, nil
		}
	}
	return func(ctx context.Context) (bool, *T, *Response, error) {
		raw, resp, err := get(ctx)
		if err != nil {
			return false, nil, resp, err
		}
		running, err := c.taskRunning(kind, taskID, resp.StatusCode, raw)
		if err != nil || running {
			return false, nil, resp, err
		}
		v, err := decode(raw)
		if err != nil {
			return false, nil, resp, fmt.Errorf("cloudmore: decoding the result of task %s of %s: %w", taskID, kind, err)
		}
		return true, v, resp, nil
	}
}

// taskRunning classifies one poll answer: still running, finished, or a *TaskFailedError.
func (c *Client) taskRunning(kind, taskID string, status int, body []byte) (bool, error) {
	if status == http.StatusAccepted || status == http.StatusNoContent {
		return true, nil
	}
	st, has := statusField(body)
	if !has {
		if len(bytes.TrimSpace(body)) == 0 {
			return false, c.taskFailed(kind, taskID, status, "", body)
		}
		return false, nil
	}
	switch taskState(st) {
	case taskRunningState:
		return true, nil
	case taskDone:
		return false, nil
	}
	return false, c.taskFailed(kind, taskID, status, st, body)
}

// taskFailed is the *TaskFailedError of a poll answer: its status and the start of its body,
// with the client's token and secrets redacted.
func (c *Client) taskFailed(kind, taskID string, status int, st string, body []byte) *TaskFailedError {
	return &TaskFailedError{Kind: kind, TaskID: taskID, StatusCode: status, Status: c.redact(st),
		Body: capBody([]byte(c.redact(string(body))))}
}

// The states a task's status field can name.
const (
	taskUnknownState = iota
	taskRunningState
	taskDone
	taskFailedState
)

// taskState reads a status value (case, spaces, hyphens and underscores ignored).
func taskState(st string) int {
	st = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(st)))
	switch st {
	case "processing", "pending", "running", "inprogress", "queued", "notstarted":
		return taskRunningState
	case "successful", "succeeded", "success", "completed", "done":
		return taskDone
	}
	if isFailedStatus(st) {
		return taskFailedState
	}
	return taskUnknownState
}

func isFailedStatus(s string) bool {
	switch strings.ToLower(s) {
	case "failed", "failure", "error", "cancelled", "canceled":
		return true
	}
	return false
}

// statusField returns the "status" member of a JSON object body (any case), if any.
func statusField(body []byte) (string, bool) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return "", false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return "", false
	}
	for k, v := range obj {
		if strings.EqualFold(k, "status") {
			var s string
			if json.Unmarshal(v, &s) == nil {
				return s, true
			}
			return strings.TrimSpace(string(v)), true
		}
	}
	return "", false
}

func capBody(b []byte) []byte {
	if len(b) > 4096 {
		b = b[:4096]
	}
	return append([]byte(nil), b...)
}
