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
		e.TaskID, e.Kind, what, e.StatusCode, e.Status, truncate(string(e.Body), 512))
}

// pollStep is one poll: done reports whether the task has finished, result is set when it has.
type pollStep[T any] func(ctx context.Context) (done bool, result *T, resp *Response, err error)

// Poller follows one asynchronous Cloudmore task (a billing report being generated, the CSP
// user list, an unbilled-usage export) until it finishes.
//
// A Begin* method starts the task (a POST, never repeated blindly) and returns a Poller. Keep
// its ResumeToken: a program that crashes can pick up the same task with the matching Resume*
// method instead of starting the report again.
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
	retryAfter time.Duration
	now        func() time.Time
	sleep      func(context.Context, time.Duration) error
	maxWait    time.Duration // the retry policy's MaxRetryAfter caps a Retry-After between polls
}

// newPoller returns a poller for task taskID of kind; ids are what a Resume* needs to rebuild it.
func newPoller[T any](c *Client, kind, taskID string, ids map[string]string, step pollStep[T]) *Poller[T] {
	return &Poller[T]{kind: kind, taskID: taskID, token: encodeResumeToken(kind, ids), step: step, now: c.now, sleep: c.sleep,
		maxWait: c.retry.MaxRetryAfter}
}

// TaskID returns the task or operation id Cloudmore gave the task.
func (p *Poller[T]) TaskID() string { return p.taskID }

// ResumeToken returns a string that the matching Resume* method turns back into a Poller for
// the same task. It holds the kind of task and its ids, nothing secret.
func (p *Poller[T]) ResumeToken() string { return p.token }

// Done reports whether the task has finished (successfully or not).
func (p *Poller[T]) Done() bool { return p.done }

// Poll asks Cloudmore once how the task is doing. After Done, it does nothing.
func (p *Poller[T]) Poll(ctx context.Context) (*Response, error) {
	if p.done {
		return nil, p.err
	}
	done, result, resp, err := p.step(ctx)
	p.retryAfter = 0
	if resp != nil {
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
	if !p.done {
		return nil, ErrNotDone
	}
	return p.result, p.err
}

// PollUntilDone polls every frequency (5 s when it is zero), or after the Retry-After Cloudmore
// sends when it does (at most the retry policy's MaxRetryAfter),
// until the task finishes or ctx is done, and returns the result. A failed poll request that
// the retry policy could not get past ends the wait with its error; the Poller can be polled
// again later.
func (p *Poller[T]) PollUntilDone(ctx context.Context, frequency time.Duration) (*T, error) {
	if frequency <= 0 {
		frequency = 5 * time.Second
	}
	for {
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
		sleep := p.sleep
		if sleep == nil {
			sleep = sleepCtx
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("cloudmore: waiting for task %s of %s: %w", p.taskID, p.kind, err)
		}
	}
}

// resumeToken is the JSON inside a ResumeToken.
type resumeToken struct {
	Kind string            `json:"kind"`
	IDs  map[string]string `json:"ids"`
}

func encodeResumeToken(kind string, ids map[string]string) string {
	b, _ := json.Marshal(resumeToken{Kind: kind, IDs: ids})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeResumeToken checks that token was made for kind and returns its ids.
func decodeResumeToken(token, kind string) (map[string]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	var rt resumeToken
	if err == nil {
		err = json.Unmarshal(b, &rt)
	}
	if err != nil {
		return nil, invalid("resumeToken", "not a resume token from this SDK")
	}
	if rt.Kind != kind {
		return nil, invalid("resumeToken", "the token is for %q, not %q", rt.Kind, kind)
	}
	return rt.IDs, nil
}

// startTask POSTs to path and returns the new task's id, taken from the Location header or
// from the body: one of idKeys ("taskId", "operationId", ...), an "id", or a bare JSON string.
func (c *Client) startTask(ctx context.Context, path string, opts, body any, idKeys ...string) (string, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, http.MethodPost, path, opts, body, &raw)
	if err != nil {
		return "", resp, err
	}
	if id := idFromBody(raw, idKeys); id != "" {
		return id, resp, nil
	}
	if id := resp.LocationID(); id != "" {
		return id, resp, nil
	}
	return "", resp, fmt.Errorf("cloudmore: POST %s answered %d without a task id (no Location header; body %s)",
		path, resp.StatusCode, truncate(string(raw), 256))
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

// taskStep returns a poll step that GETs path and reads the answer as the Poller's doc
// describes. decode turns a finished body into the result; nil means json.Unmarshal into T.
func taskStep[T any](c *Client, kind, taskID, path string, decode func([]byte) (*T, error)) pollStep[T] {
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
		var raw json.RawMessage
		resp, err := c.get(ctx, path, nil, &raw)
		if err != nil {
			return false, nil, resp, err
		}
		running, err := taskRunning(kind, taskID, resp.StatusCode, raw)
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
func taskRunning(kind, taskID string, status int, body []byte) (bool, error) {
	if status == http.StatusAccepted || status == http.StatusNoContent {
		return true, nil
	}
	st, has := statusField(body)
	if !has {
		if len(bytes.TrimSpace(body)) == 0 {
			return false, &TaskFailedError{Kind: kind, TaskID: taskID, StatusCode: status, Body: capBody(body)}
		}
		return false, nil
	}
	switch taskState(st) {
	case taskRunningState:
		return true, nil
	case taskDone:
		return false, nil
	}
	return false, &TaskFailedError{Kind: kind, TaskID: taskID, StatusCode: status, Status: st, Body: capBody(body)}
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
