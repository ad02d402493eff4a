package cloudmore

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ncePath(rest string) string { return cspOrgPath("services/csp/nce/" + rest) }

func TestCSPNCEListProducts(t *testing.T) {
	c, ts := setup(t)
	body := `[{"invented":"sku-1"}]` // NCE product fields are undocumented: kept raw
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("products"), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	products, _, err := c.CSP.NCE.ListProducts(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, products, 1)
	assert.JSONEq(t, `{"invented":"sku-1"}`, string(products[0].Raw))
}

func TestCSPNCEList(t *testing.T) {
	c, ts := setup(t)
	body := `[{"segment":"education","other":1},{"segment":"Charity"},{"segment":null},{}]`
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, body)
	})
	subs, _, err := c.CSP.NCE.List(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, subs, 4)
	assert.Equal(t, SegmentEducation, subs[0].Segment)
	assert.JSONEq(t, `{"segment":"education","other":1}`, string(subs[0].Raw))
	assert.Equal(t, SegmentCharity, subs[1].Segment, "segment is read case-insensitively")
	assert.Equal(t, Segment(""), subs[2].Segment)
	assert.Equal(t, Segment(""), subs[3].Segment)
}

func TestCSPNCEGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions/"+cspSubID), nil, "")
		writeJSON(t, w, http.StatusOK, `{"segment":"government"}`)
	})
	sub, _, err := c.CSP.NCE.Get(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	assert.Equal(t, SegmentGovernment, sub.Segment)
	assert.True(t, sub.Segment.Valid())
}

func TestCSPNCECreate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, ncePath("subscriptions"), nil, `{"anyField":"as given","quantity":5}`)
		writeJSON(t, w, http.StatusCreated, `{"id":"`+cspSubID+`"}`)
	})
	cr, _, err := c.CSP.NCE.Create(context.Background(), cspOrgID, &CreateCSPNCESubscriptionRequest{
		Extra: map[string]any{"anyField": "as given", "quantity": 5}})
	require.NoError(t, err)
	assert.Equal(t, cspSubID, cr.ID)
}

func TestCSPNCEUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, ncePath("subscriptions/"+cspSubID), nil, `{"quantity":7}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.CSP.NCE.Update(context.Background(), cspOrgID, cspSubID,
		&UpdateCSPNCESubscriptionRequest{Extra: map[string]any{"quantity": 7}})
	require.NoError(t, err)
}

func TestCSPNCEDelete(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, ncePath("subscriptions/"+cspSubID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.CSP.NCE.Delete(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestCSPNCEListAll(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("services/csp/nce/subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"x":1},{"segment":"commercial"}]`)
	})
	subs, _, err := c.CSP.NCE.ListAll(context.Background())
	require.NoError(t, err)
	require.Len(t, subs, 2)
	assert.Equal(t, SegmentCommercial, subs[1].Segment)
}

func TestCSPNCEListAlignmentDates(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions/alignmentdates"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"invented":"2026-01-31"}]`)
	})
	dates, _, err := c.CSP.NCE.ListAlignmentDates(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, dates, 1)
	assert.JSONEq(t, `{"invented":"2026-01-31"}`, string(dates[0].Raw))
}

func TestCSPNCEEligibilities(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.EscapedPath() {
		case ncePath("subscriptions/" + cspSubID + "/existingSubscriptionEligiblities"): // sic: Cloudmore's spelling
			wantRequest(t, r, http.MethodGet, r.URL.EscapedPath(), nil, "")
			writeJSON(t, w, http.StatusOK, `[{"existing":1},{"existing":2}]`)
		case ncePath("subscriptions/" + cspSubID + "/newSubscriptionEligibilities"):
			wantRequest(t, r, http.MethodGet, r.URL.EscapedPath(), nil, "")
			writeJSON(t, w, http.StatusOK, `[{"new":1}]`)
		default:
			t.Errorf("unexpected path %s", r.URL.EscapedPath())
			w.WriteHeader(http.StatusNotFound)
		}
	})
	existing, _, err := c.CSP.NCE.ListExistingSubscriptionEligibilities(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	require.Len(t, existing, 2)
	assert.JSONEq(t, `{"existing":2}`, string(existing[1].Raw))
	newer, _, err := c.CSP.NCE.ListNewSubscriptionEligibilities(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	require.Len(t, newer, 1)
	assert.JSONEq(t, `{"new":1}`, string(newer[0].Raw))
}

// cspPollDone waits for p with a millisecond poll interval (the one place these tests call
// PollUntilDone).
func cspPollDone[T any](ctx context.Context, p *Poller[T]) (*T, error) {
	return p.PollUntilDone(ctx, &PollOptions{Frequency: time.Millisecond})
}

func upgradeStatusPath() string { return ncePath("subscriptions/" + cspSubID + "/upgradeStatus") }

func TestCSPNCEBeginUpgrades(t *testing.T) {
	c, ts := setup(t)
	var polls atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.EscapedPath() {
		case ncePath("subscriptions/" + cspSubID + "/upgradeToNewSubscription"):
			wantRequest(t, r, http.MethodPost, r.URL.EscapedPath(), nil, `{"target":"new-product","quantity":3}`)
			writeJSON(t, w, http.StatusAccepted, `{"transitionId":"t-1"}`)
		case ncePath("subscriptions/" + cspSubID + "/upgradeToExistingSubscription"):
			wantRequest(t, r, http.MethodPost, r.URL.EscapedPath(), nil, `{"target":"existing-subscription"}`)
			w.WriteHeader(http.StatusNoContent)
		case upgradeStatusPath():
			wantRequest(t, r, http.MethodGet, r.URL.EscapedPath(), nil, "")
			if polls.Add(1)%2 == 1 {
				writeJSON(t, w, http.StatusOK, `{"Status":"In Progress","more":true}`)
				return
			}
			writeJSON(t, w, http.StatusOK, `{"status":"Completed","upgradedTo":"x"}`)
		default:
			t.Errorf("unexpected path %s", r.URL.EscapedPath())
		}
	})
	ctx := context.Background()
	poller, resp, err := c.CSP.NCE.BeginUpgradeToNewSubscription(ctx, cspOrgID, cspSubID,
		&UpgradeCSPNCEToNewSubscriptionRequest{Extra: map[string]any{"target": "new-product", "quantity": 3}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, cspSubID, poller.TaskID())
	assert.Zero(t, polls.Load(), "Begin does not poll")
	st, err := cspPollDone(ctx, poller)
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)
	assert.JSONEq(t, `{"status":"Completed","upgradedTo":"x"}`, string(st.Raw))
	assert.Equal(t, int32(2), polls.Load())

	poller, resp, err = c.CSP.NCE.BeginUpgradeToExistingSubscription(ctx, cspOrgID, cspSubID,
		&UpgradeCSPNCEToExistingSubscriptionRequest{Extra: map[string]any{"target": "existing-subscription"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	// A crashed program picks the same upgrade up from the token.
	resumed, err := c.CSP.NCE.ResumeUpgrade(poller.ResumeToken())
	require.NoError(t, err)
	assert.Equal(t, cspSubID, resumed.TaskID())
	st, err = cspPollDone(ctx, resumed)
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)
}

// upgradeStatusServer answers the upgrade-status GET with bodies in turn (the last repeats).
func upgradeStatusServer(t *testing.T, ts *testServer, bodies ...string) *atomic.Int32 {
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, upgradeStatusPath(), nil, "")
		i := int(n.Add(1)) - 1
		writeJSON(t, w, http.StatusOK, bodies[min(i, len(bodies)-1)])
	})
	return &n
}

// resumedUpgrade is a Poller for the test subscription's upgrade, as ResumeUpgrade gives one.
func resumedUpgrade(t *testing.T, c *Client) *Poller[CSPNCEUpgradeStatus] {
	t.Helper()
	p, err := c.CSP.NCE.ResumeUpgrade(clientToken(c, nceUpgradeKind,
		map[string]string{"organizationId": cspOrgID, "subscriptionId": cspSubID}))
	require.NoError(t, err)
	return p
}

func TestCSPNCEUpgradeSucceeds(t *testing.T) {
	c, ts := setup(t)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	n := upgradeStatusServer(t, ts, `{"status":"Pending"}`, `{"status":"inprogress"}`, `{"status":"InProgress"}`,
		`{"status":"Processing"}`, `{"status":"Completed","upgradedTo":"x"}`)
	st, err := resumedUpgrade(t, c).PollUntilDone(context.Background(), &PollOptions{Frequency: time.Second})
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)
	assert.JSONEq(t, `{"status":"Completed","upgradedTo":"x"}`, string(st.Raw))
	assert.Equal(t, int32(5), n.Load())
	assert.Equal(t, []time.Duration{time.Second, time.Second, time.Second, time.Second}, waits, "the Poller's interval")
}

func TestCSPNCEUpgradeRetryAfter(t *testing.T) {
	c, ts := setup(t) // the test client's RetryPolicy.MaxRetryAfter is 1 minute
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "30")
			writeJSON(t, w, http.StatusOK, `{"status":"Running"}`)
		case 2:
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusAccepted)
		default:
			writeJSON(t, w, http.StatusOK, `{"status":"Succeeded"}`)
		}
	})
	st, err := resumedUpgrade(t, c).PollUntilDone(context.Background(), &PollOptions{Frequency: time.Second})
	require.NoError(t, err)
	assert.Equal(t, "Succeeded", st.Status)
	assert.Equal(t, []time.Duration{30 * time.Second, time.Minute}, waits, "Retry-After wins, capped at MaxRetryAfter")
}

func TestCSPNCEUpgradeAcceptedAndNoContentAreRunning(t *testing.T) {
	c, ts := setup(t)
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, upgradeStatusPath(), nil, "")
		switch n.Add(1) {
		case 1:
			writeJSON(t, w, http.StatusAccepted, `{"transitionId":"t-1"}`) // 202: running, whatever the body
		case 2:
			w.WriteHeader(http.StatusNoContent) // 204: running
		default:
			writeJSON(t, w, http.StatusOK, `{"status":"Completed"}`)
		}
	})
	p := resumedUpgrade(t, c)
	for range 2 {
		_, err := p.Poll(context.Background())
		require.NoError(t, err)
		assert.False(t, p.Done())
	}
	resp, err := p.Poll(context.Background())
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	require.True(t, p.Done())
	st, err := p.Result(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)
}

func TestCSPNCEUpgradeStatusVocabulary(t *testing.T) {
	for status, want := range map[string]string{
		"Processing": "running", "in_progress": "running", "Not-Started": "running", "Queued": "running",
		"Successful": "succeeded", "Completed": "succeeded", "DONE": "succeeded",
		"Failed": "failed", "Canceled": "failed", "error": "failed",
		"Started": "unknown", "Complete": "unknown", "Wibble": "unknown", // not in the Poller's vocabulary
	} {
		c, ts := setup(t)
		upgradeStatusServer(t, ts, `{"status":"`+status+`"}`)
		p := resumedUpgrade(t, c)
		_, err := p.Poll(context.Background())
		var tf *TaskFailedError
		switch want {
		case "running":
			assert.NoError(t, err, status)
			assert.False(t, p.Done(), status)
		case "succeeded":
			assert.NoError(t, err, status)
			require.True(t, p.Done(), status)
			st, err := p.Result(context.Background())
			require.NoError(t, err, status)
			assert.Equal(t, status, st.Status)
		case "failed":
			require.ErrorAs(t, err, &tf, status)
			assert.Contains(t, err.Error(), " failed", status)
			assert.True(t, p.Done(), status)
		default:
			require.ErrorAs(t, err, &tf, status)
			assert.Contains(t, err.Error(), "unexpected", status)
		}
	}
}

func TestCSPNCEUpgradeFails(t *testing.T) {
	c, ts := setup(t)
	upgradeStatusServer(t, ts, `{"status":"InProgress"}`, `{"status":"Failed","reason":"not eligible"}`)
	p := resumedUpgrade(t, c)
	_, err := cspPollDone(context.Background(), p)
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, "Failed", tf.Status)
	assert.Equal(t, cspSubID, tf.TaskID)
	assert.Equal(t, nceUpgradeKind, tf.Kind)
	assert.Contains(t, err.Error(), "not eligible")
	_, err = p.Result(context.Background())
	assert.ErrorAs(t, err, &tf, "the Poller keeps the failure")
}

func TestCSPNCEUpgradeUnknownShape(t *testing.T) {
	for _, body := range []string{`{"state":"done"}`, `{"status":"Wibble"}`, `[{"status":"Completed"}]`, `{"status":3}`, ``} {
		c, ts := setup(t)
		n := upgradeStatusServer(t, ts, body)
		_, err := cspPollDone(context.Background(), resumedUpgrade(t, c))
		var tf *TaskFailedError
		require.ErrorAs(t, err, &tf, "body %q", body)
		assert.Contains(t, err.Error(), "unexpected", "body %q", body)
		assert.Contains(t, err.Error(), body, "the error quotes the body")
		assert.Equal(t, body, string(tf.Body))
		assert.Equal(t, int32(1), n.Load(), "stops at once instead of guessing")
	}
}

func TestCSPNCEUpgradeContext(t *testing.T) {
	c, ts := setup(t)
	upgradeStatusServer(t, ts, `{"status":"InProgress"}`)
	ctx, cancel := context.WithCancel(context.Background())
	polls := 0
	c.sleep = func(ctx context.Context, d time.Duration) error {
		polls++
		if polls == 3 {
			cancel()
		}
		return ctx.Err()
	}
	_, err := cspPollDone(ctx, resumedUpgrade(t, c))
	require.ErrorIs(t, err, context.Canceled)
}

func TestCSPNCEUpgradeHTTPError(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `[{"errorCode":4,"errorName":"NotFound","errorMessage":"No upgrade"}]`)
	})
	_, err := cspPollDone(context.Background(), resumedUpgrade(t, c))
	require.ErrorIs(t, err, ErrNotFound)
	var tf *TaskFailedError
	assert.False(t, errors.As(err, &tf))
}

func TestCSPNCEBeginUpgradeRefusedBeforeTheNetwork(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	_, _, err := c.CSP.NCE.BeginUpgradeToNewSubscription(ctx, "org", "..", &UpgradeCSPNCEToNewSubscriptionRequest{})
	assertFields(t, ts, err, "organizationId", "subscriptionId", "Extra")
	_, _, err = c.CSP.NCE.BeginUpgradeToExistingSubscription(ctx, cspOrgID, cspSubID, nil)
	assertFields(t, ts, err, "body")
	_, err = c.CSP.NCE.ResumeUpgrade("not a token")
	assertNoRequest(t, ts, err, "resumeToken")
	_, err = c.CSP.NCE.ResumeUpgrade(encodeResumeToken(cspUsersAsyncKind, map[string]string{"taskId": "1"}))
	assertNoRequest(t, ts, err, "resumeToken")
	_, err = c.CSP.NCE.ResumeUpgrade(clientToken(c, nceUpgradeKind, map[string]string{"organizationId": cspOrgID, "subscriptionId": "x"}))
	assertNoRequest(t, ts, err, "subscriptionId")
}

func TestCSPNCEValidation(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	extra := map[string]any{"x": 1}
	_, _, err := c.CSP.NCE.Create(ctx, cspOrgID, nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.NCE.Create(ctx, cspOrgID, &CreateCSPNCESubscriptionRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.NCE.Create(ctx, cspOrgID, &CreateCSPNCESubscriptionRequest{Extra: map[string]any{"": 1}})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.NCE.Create(ctx, "org", &CreateCSPNCESubscriptionRequest{Extra: extra})
	assertNoRequest(t, ts, err, "organizationId")
	_, err = c.CSP.NCE.Update(ctx, cspOrgID, cspSubID, &UpdateCSPNCESubscriptionRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, err = c.CSP.NCE.Update(ctx, cspOrgID, "../x", &UpdateCSPNCESubscriptionRequest{Extra: extra})
	assertNoRequest(t, ts, err, "subscriptionId")
	_, err = c.CSP.NCE.Delete(ctx, cspOrgID, "alignmentdates")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.Get(ctx, cspOrgID, "alignmentdates")
	assertNoRequest(t, ts, err, "id")
	_, _, err = c.CSP.NCE.ListExistingSubscriptionEligibilities(ctx, cspOrgID, "")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.ListNewSubscriptionEligibilities(ctx, "", cspSubID)
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.ListAlignmentDates(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.ListProducts(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.List(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
}

func TestCSPNCENamesEveryBadField(t *testing.T) {
	c, ts := setup(t)
	_, err := c.CSP.NCE.Update(context.Background(), "", "x", &UpdateCSPNCESubscriptionRequest{Extra: map[string]any{"": 1}})
	assertFields(t, ts, err, "organizationId", "subscriptionId", "Extra")
}
