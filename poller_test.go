package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type pollResult struct {
	Rows int `json:"rows"`
}

// taskServer serves GET /task: 202 for the first running polls, then final.
func taskServer(t *testing.T, ts *testServer, running int, final func(w http.ResponseWriter)) *atomic.Int32 {
	var n atomic.Int32
	ts.Mux.HandleFunc("GET "+brokerPath("task/{id}"), func(w http.ResponseWriter, r *http.Request) {
		if int(n.Add(1)) <= running {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		final(w)
	})
	return &n
}

// testStatusOp is a status GET at a broker path (rel, after /api/resellers/{resellerId}/),
// built without declare: the declarations list only Cloudmore's operations.
func testStatusOp(rel string) op[none, none, none] {
	return op[none, none, none]{&opInfo{name: "test.status", method: http.MethodGet, template: "/api/resellers/{resellerId}/" + rel,
		side: brokerSide, rel: rel, retry: methodRule(http.MethodGet)}}
}

// testStartOp is a POST that starts a task at a broker path, built without declare.
func testStartOp(rel string) op[none, any, none] {
	return op[none, any, none]{&opInfo{name: "test.start", method: http.MethodPost, template: "/api/resellers/{resellerId}/" + rel,
		side: brokerSide, rel: rel, retry: methodRule(http.MethodPost)}}
}

func testPoller(c *Client, taskID string) *Poller[pollResult] {
	status, args := testStatusOp("task/{id}"), path(segArg("id", taskID))
	if err := status.checkPath(c, args); err != nil {
		panic(err)
	}
	return newPoller(c, "test.task", taskID, map[string]string{"id": taskID}, taskStep[pollResult](c, "test.task", taskID, status, args, nil))
}

func TestPollerRunsThenFinishes(t *testing.T) {
	c, ts := setup(t)
	polls := taskServer(t, ts, 3, func(w http.ResponseWriter) { writeJSON(t, w, http.StatusOK, `{"rows":42}`) })
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	p := testPoller(c, "t1")
	ctx := context.Background()

	for i := 0; i < 3; i++ {
		resp, err := p.Poll(ctx)
		require.NoError(t, err)
		assert.Equal(t, http.StatusAccepted, resp.StatusCode)
		assert.False(t, p.Done())
		_, err = p.Result(ctx)
		assert.ErrorIs(t, err, ErrNotDone)
	}
	res, err := p.PollUntilDone(ctx, &PollOptions{Frequency: 3 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, 42, res.Rows)
	assert.True(t, p.Done())
	assert.Empty(t, waits, "it was done at the first poll of PollUntilDone")
	assert.Equal(t, int32(4), polls.Load())

	// After Done, Poll does nothing.
	resp, err := p.Poll(ctx)
	assert.NoError(t, err)
	assert.Nil(t, resp)
	assert.Equal(t, int32(4), polls.Load())
}

func TestPollerPollUntilDoneWaitsAndHonoursRetryAfter(t *testing.T) {
	c, ts := setup(t)
	var n atomic.Int32
	ts.Mux.HandleFunc("GET "+brokerPath("task/{id}"), func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.WriteHeader(http.StatusAccepted)
		case 2:
			w.Header().Set("Retry-After", "9")
			writeJSON(t, w, http.StatusOK, `{"status":"Queued"}`)
		case 3:
			w.Header().Set("Retry-After", time.Now().Add(45*time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusNoContent)
		default:
			writeJSON(t, w, http.StatusOK, `{"status":"successful","rows":1}`)
		}
	})
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	res, err := testPoller(c, "t2").PollUntilDone(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Rows)
	require.Len(t, waits, 3)
	assert.Equal(t, 5*time.Second, waits[0], "the default frequency")
	assert.Equal(t, 9*time.Second, waits[1], "Retry-After in seconds")
	assert.InDelta(t, 45, waits[2].Seconds(), 5, "Retry-After as a date (under the MaxRetryAfter cap)")
}

func TestPollerFails(t *testing.T) {
	c, ts := setup(t)
	polls := taskServer(t, ts, 2, func(w http.ResponseWriter) {
		writeJSON(t, w, http.StatusOK, `{"status":"FAILED","error":"quota exceeded"}`)
	})
	p := testPoller(c, "t3")
	_, err := p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, "test.task", tf.Kind)
	assert.Equal(t, "t3", tf.TaskID)
	assert.Equal(t, "FAILED", tf.Status)
	assert.Equal(t, http.StatusOK, tf.StatusCode)
	assert.Contains(t, err.Error(), "failed")
	assert.Contains(t, err.Error(), "quota exceeded")
	assert.True(t, p.Done())
	_, err2 := p.Result(context.Background())
	assert.Same(t, tf, err2.(*TaskFailedError))
	_, err = p.Poll(context.Background())
	assert.Error(t, err, "a failed poller stays failed")
	assert.Equal(t, int32(3), polls.Load())
}

func TestPollerAPIErrorIsNotTerminal(t *testing.T) {
	c, ts := setup(t)
	var n atomic.Int32
	ts.Mux.HandleFunc("GET "+brokerPath("task/{id}"), func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeJSON(t, w, http.StatusNotFound, `{"message":"no such task"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"rows":3}`)
	})
	p := testPoller(c, "t4")
	_, err := p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	assert.ErrorIs(t, err, ErrNotFound)
	assert.False(t, p.Done(), "the poller can be polled again")
	res, err := p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, 3, res.Rows)
}

func TestPollerResumeToken(t *testing.T) {
	c, ts := setup(t)
	taskServer(t, ts, 0, func(w http.ResponseWriter) { writeJSON(t, w, http.StatusOK, `{"rows":7}`) })
	odd := encodeResumeToken("test.task", map[string]string{"id": "task with?odd#chars/é"})
	ids, err := decodeResumeToken(odd, "test.task")
	require.NoError(t, err)
	assert.Equal(t, "task with?odd#chars/é", ids["id"])

	good := testPoller(c, "t5")
	ids, err = c.resumeIDs(good.ResumeToken(), "test.task")
	require.NoError(t, err)
	resumed := testPoller(c, ids["id"])
	res, err := resumed.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, 7, res.Rows)
	assert.Equal(t, good.ResumeToken(), resumed.ResumeToken())
	assert.NotContains(t, good.ResumeToken(), "=", "URL-safe, unpadded")

	for _, bad := range []string{"", "!!!", "e30", encodeResumeToken("other.kind", ids)} {
		_, err := decodeResumeToken(bad, "test.task")
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, "%q", bad)
		assert.Equal(t, "resumeToken", ve.Field)
	}
}

func TestPollerContextCancelledMidWait(t *testing.T) {
	c, ts := setup(t)
	c.sleep = sleepCtx // really wait
	polls := taskServer(t, ts, 1000, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := testPoller(c, "t6").PollUntilDone(ctx, &PollOptions{Frequency: time.Hour})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "waiting for task t6 of test.task")
	assert.Less(t, time.Since(start), 10*time.Second, "the wait woke on cancel")
	assert.Equal(t, int32(1), polls.Load())
}

func TestTaskRunning(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		body    string
		running bool
		failed  bool
	}{
		{"202", http.StatusAccepted, ``, true, false},
		{"202 with body", http.StatusAccepted, `{"status":"Failed"}`, true, false},
		{"204", http.StatusNoContent, ``, true, false},
		{"processing", 200, `{"status":"Processing"}`, true, false},
		{"processing any case", 200, `{"STATUS":"pRoCeSsInG"}`, true, false},
		{"in progress spaced", 200, `{"status":"In Progress"}`, true, false},
		{"not_started", 200, `{"status":"not_started"}`, true, false},
		{"successful", 200, `{"status":"Successful","rows":1}`, false, false},
		{"succeeded", 200, `{"status":"succeeded"}`, false, false},
		{"no status", 200, `{"rows":1}`, false, false},
		{"array", 200, `[1,2]`, false, false},
		{"failed", 200, `{"status":"Failed"}`, false, true},
		{"error", 200, `{"status":"error"}`, false, true},
		{"unknown status", 200, `{"status":"Paused"}`, false, true},
		{"numeric status", 200, `{"status":3}`, false, true},
		{"empty 200", 200, ``, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			running, err := (&Client{}).taskRunning("k", "id", tc.status, []byte(tc.body))
			assert.Equal(t, tc.running, running)
			if !tc.failed {
				assert.NoError(t, err)
				return
			}
			var tf *TaskFailedError
			require.ErrorAs(t, err, &tf)
			assert.Equal(t, tc.status, tf.StatusCode)
			assert.Equal(t, tc.body, string(tf.Body), "quotes what came back")
		})
	}
	long := `{"status":"Failed","detail":"` + strings.Repeat("x", 10000) + `"}`
	_, err := (&Client{}).taskRunning("k", "id", 200, []byte(long))
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Len(t, tf.Body, 4096, "capped")
	assert.Less(t, len(err.Error()), 1000)
}

func TestTaskStepDecodeError(t *testing.T) {
	c, ts := setup(t)
	taskServer(t, ts, 0, func(w http.ResponseWriter) { writeJSON(t, w, http.StatusOK, `{"rows":"many"}`) })
	p := testPoller(c, "t7")
	_, err := p.Poll(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "decoding the result of task t7")
	assert.False(t, p.Done())
}

func TestStartTask(t *testing.T) {
	for _, tc := range []struct {
		name     string
		status   int
		location string
		body     string
		want     string
		err      string
	}{
		{"location absolute", 202, "https://h.example/api/x/tasks/abc", ``, "abc", ""},
		{"location relative with slash", 201, "/api/x/tasks/abc/", ``, "abc", ""},
		{"body taskId", 200, "", `{"taskId":"t-1"}`, "t-1", ""},
		{"body TaskID any case", 200, "", `{"TaskID":"t-2"}`, "t-2", ""},
		{"body operationId", 200, "", `{"operationId":"op"}`, "op", ""},
		{"body numeric", 200, "", `{"taskId":1234}`, "1234", ""},
		{"body id", 200, "", `{"id":"i"}`, "i", ""},
		{"bare string", 200, "", `"s-1"`, "s-1", ""},
		{"bare URL string", 200, "", `"https://h.example/tasks/u-1"`, "u-1", ""},
		{"body over location", 202, "/tasks/loc", `{"taskId":"body"}`, "body", ""},
		{"object is not an id", 202, "/tasks/loc", `{"taskId":{"a":1}}`, "loc", ""},
		{"null is not an id", 202, "", `{"taskId":null}`, "", "without a task id"},
		{"nothing", 202, "", ``, "", "without a task id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				assert.Equal(t, http.MethodPost, r.Method)
				if tc.location != "" {
					w.Header().Set("Location", tc.location)
				}
				if tc.body == "" {
					w.WriteHeader(tc.status)
					return
				}
				writeJSON(t, w, tc.status, tc.body)
			})
			id, resp, err := testStartOp("start").start(context.Background(), c, nil, nil, map[string]int{"a": 1}, nil, "taskId", "operationId")
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				assert.NotNil(t, resp)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, id)
		})
	}
}

func TestStartTaskIsNeverRetried(t *testing.T) {
	c, ts := setup(t)
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(t, w, http.StatusServiceUnavailable, `{"message":"busy"}`)
	})
	_, _, err := testStartOp("start").start(context.Background(), c, nil, nil, nil, nil)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, int32(1), n.Load(), "a POST that got a 503 is not repeated")

	// A POST whose answer is lost is an unknown outcome, not repeated.
	c2, ts2 := setup(t)
	var m atomic.Int32
	ts2.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		m.Add(1)
		hj, ok := w.(http.Hijacker)
		if !assert.True(t, ok) {
			return
		}
		conn, _, err := hj.Hijack()
		if !assert.NoError(t, err) {
			return
		}
		conn.Close()
	})
	_, _, err = testStartOp("start").start(context.Background(), c2, nil, nil, map[string]string{}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, int32(1), m.Load())
}

func TestTaskFailedErrorText(t *testing.T) {
	e := &TaskFailedError{Kind: "k", TaskID: "t", StatusCode: 200, Status: "Weird", Body: []byte(`{"status":"Weird"}`)}
	assert.Contains(t, e.Error(), "answered in an unexpected way")
	e.Status = "Failed"
	assert.Contains(t, e.Error(), "k failed")
	assert.True(t, errors.Is(&taskNotDoneError{kind: "k", taskID: "t", status: 202}, ErrNotDone))
}

func TestIDFromBody(t *testing.T) {
	assert.Equal(t, "", idFromBody(json.RawMessage(`[1]`), nil))
	assert.Equal(t, "", idFromBody(json.RawMessage(`{"x":"y"}`), nil))
	assert.Equal(t, "x", idFromBody(json.RawMessage(` {"ID":"x"} `), nil))
}

// clientToken encodes a resume token of kind with ids as a Poller of c would: tests use it to
// hand-craft tokens that pass the origin check and fail a later one.
func clientToken(c *Client, kind string, ids map[string]string) string {
	o := c.brokerOrigin()
	return encodeToken(resumeToken{Kind: kind, Host: o.Host, ResellerID: o.ResellerID, IDs: ids})
}

// Issue 9 item 9: a resume token names the host and the reseller (or seller) it was made for,
// and is refused, before any request, on a client for another.
func TestResumeTokenRefusedOnAnotherResellerOrHost(t *testing.T) {
	ctx := context.Background()
	c, ts := setup(t)
	asyncServer(t, ts, "t-1", answer(t, http.StatusOK, twoRunReport))
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, aprilStart, aprilEnd, aprilStartReq)
	require.NoError(t, err)
	token := p.ResumeToken()
	sent := ts.apiRequests()

	// The same client (and a copy for the same reseller) resumes it.
	_, err = c.Billing.ResumeMonthlyBillingPerOrganization(token)
	require.NoError(t, err)
	same, err := c.ForReseller(testResellerID)
	require.NoError(t, err)
	_, err = same.Billing.ResumeMonthlyBillingPerOrganization(token)
	require.NoError(t, err)

	// Reseller B refuses reseller A's token.
	b, err := c.ForReseller("0b6f7c8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d")
	require.NoError(t, err)
	_, err = b.Billing.ResumeMonthlyBillingPerOrganization(token)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resumeToken", ve.Field)
	assert.Contains(t, ve.Error(), "reseller")

	// Host Y refuses host X's token.
	y := httptest.NewServer(http.NotFoundHandler())
	defer y.Close()
	other, err := NewClient(WithBaseURL(y.URL), WithCredentials(testCreds), WithResellerID(testResellerID))
	require.NoError(t, err)
	_, err = other.Billing.ResumeMonthlyBillingPerOrganization(token)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resumeToken", ve.Field)
	assert.Contains(t, ve.Error(), y.URL)

	// Every Resume* of the billing area checks the same way.
	one := newPoller[struct{}](c, kindAzureOneTime, "x", map[string]string{"taskId": "x"}, nil).ResumeToken()
	_, err = b.Billing.ResumeAzureOneTimeInvoiceReport(one)
	require.ErrorAs(t, err, &ve)
	unb := newPoller[struct{}](c, kindUnbilledUsage, "op", map[string]string{"period": "p", "operationId": "op"}, nil).ResumeToken()
	_, err = b.Billing.ResumeAzureOneTimeUnbilledUsageExport(unb)
	require.ErrorAs(t, err, &ve)
	_, err = c.Billing.ResumeAzureOneTimeUnbilledUsageExport(unb)
	require.NoError(t, err)

	// A token without an origin (hand-made, or from an SDK before v1) is refused too.
	_, err = c.Billing.ResumeMonthlyBillingPerOrganization(encodeResumeToken(kindBillingAsync, map[string]string{"taskId": "t-1"}))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resumeToken", ve.Field)
	assert.Equal(t, sent, ts.apiRequests(), "no resume sent anything")
}

// A Poller rebuilt through decodeResumeToken (a Resume* that does not check its token against
// its client) refuses every poll, without a request, when the token is another client's.
func TestPollerFromAnotherClientsTokenNeverPolls(t *testing.T) {
	c, ts := setup(t)
	polls := taskServer(t, ts, 0, func(w http.ResponseWriter) { writeJSON(t, w, http.StatusOK, `{"rows":1}`) })
	b, err := c.ForReseller("0b6f7c8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d")
	require.NoError(t, err)
	token := testPoller(c, "t1").ResumeToken()

	ids, err := decodeResumeToken(token, "test.task")
	require.NoError(t, err)
	refused := newPoller(b, "test.task", ids["id"], ids, taskStep[pollResult](b, "test.task", ids["id"], testStatusOp("task/{id}"), path(seg(ids["id"])), nil))
	_, err = refused.PollUntilDone(context.Background(), nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resumeToken", ve.Field)
	_, err = refused.Result(context.Background())
	require.ErrorAs(t, err, &ve, "Result says why, too")
	assert.Equal(t, int32(0), polls.Load())

	// On the client it was made for, the same path works, and the token it hands out is clean.
	ids, err = decodeResumeToken(token, "test.task")
	require.NoError(t, err)
	ok := newPoller(c, "test.task", ids["id"], ids, taskStep[pollResult](c, "test.task", ids["id"], testStatusOp("task/{id}"), path(seg("t1")), nil))
	res, err := ok.PollUntilDone(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Rows)
	assert.Equal(t, token, ok.ResumeToken())
}

// A seller-side task's token names the seller: another seller's client refuses it.
func TestSellerResumeToken(t *testing.T) {
	c, _ := setup(t)
	a, err := c.ForSeller("5a0c2b1e-7d3f-4e5a-8b6c-9d0e1f2a3b4c")
	require.NoError(t, err)
	b, err := c.ForSeller("6b1d3c2f-8e4a-4f6b-9c7d-0e1f2a3b4c5d")
	require.NoError(t, err)
	token := newSellerPoller[struct{}](a, "seller.task", "s1", map[string]string{"taskId": "s1"}, nil).ResumeToken()
	ids, err := a.resumeSellerIDs(token, "seller.task")
	require.NoError(t, err)
	assert.Equal(t, "s1", ids["taskId"])
	_, err = b.resumeSellerIDs(token, "seller.task")
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Error(), "seller")
}

func TestPollOptionsNilAndZeroAreDefaults(t *testing.T) {
	for _, opts := range []*PollOptions{nil, {}} {
		c, ts := setup(t)
		taskServer(t, ts, 1, func(w http.ResponseWriter) { writeJSON(t, w, http.StatusOK, `{"rows":3}`) })
		var waits []time.Duration
		c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
		res, err := testPoller(c, "t").PollUntilDone(context.Background(), opts)
		require.NoError(t, err)
		assert.Equal(t, 3, res.Rows)
		assert.Equal(t, []time.Duration{defaultPollFrequency}, waits)
	}
}

func TestPollerOwnTimerWakesOnCancel(t *testing.T) {
	p := &Poller[struct{}]{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	assert.ErrorIs(t, p.wait(ctx, time.Hour), context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
	assert.NoError(t, p.wait(context.Background(), time.Millisecond))
}
