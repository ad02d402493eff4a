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
	cr, _, err := c.CSP.NCE.Create(context.Background(), cspOrgID, &CreateNCESubscriptionRequest{
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
		&UpdateNCESubscriptionRequest{Extra: map[string]any{"quantity": 7}})
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

func TestCSPNCEUpgrades(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.EscapedPath() {
		case ncePath("subscriptions/" + cspSubID + "/upgradeToNewSubscription"):
			wantRequest(t, r, http.MethodPost, r.URL.EscapedPath(), nil, `{"target":"new-product","quantity":3}`)
			writeJSON(t, w, http.StatusAccepted, `{"transitionId":"t-1"}`)
		case ncePath("subscriptions/" + cspSubID + "/upgradeToExistingSubscription"):
			wantRequest(t, r, http.MethodPost, r.URL.EscapedPath(), nil, `{"target":"existing-subscription"}`)
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("unexpected path %s", r.URL.EscapedPath())
		}
	})
	raw, resp, err := c.CSP.NCE.UpgradeToNewSubscription(context.Background(), cspOrgID, cspSubID,
		&UpgradeToNewSubscriptionRequest{Extra: map[string]any{"target": "new-product", "quantity": 3}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.JSONEq(t, `{"transitionId":"t-1"}`, string(raw))

	raw, resp, err = c.CSP.NCE.UpgradeToExistingSubscription(context.Background(), cspOrgID, cspSubID,
		&UpgradeToExistingSubscriptionRequest{Extra: map[string]any{"target": "existing-subscription"}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Nil(t, raw)
}

func TestCSPNCEGetUpgradeStatus(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions/"+cspSubID+"/upgradeStatus"), nil, "")
		writeJSON(t, w, http.StatusOK, `{"Status":"In Progress","more":true}`)
	})
	st, _, err := c.CSP.NCE.GetUpgradeStatus(context.Background(), cspOrgID, cspSubID)
	require.NoError(t, err)
	assert.Equal(t, "In Progress", st.Status)
	assert.True(t, st.Running())
	assert.False(t, st.Succeeded())
	assert.False(t, st.Failed())
	assert.JSONEq(t, `{"Status":"In Progress","more":true}`, string(st.Raw))
}

// upgradeStatusServer answers the upgrade-status GET with bodies in turn (the last repeats).
func upgradeStatusServer(t *testing.T, ts *testServer, bodies ...string) *atomic.Int32 {
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions/"+cspSubID+"/upgradeStatus"), nil, "")
		i := int(n.Add(1)) - 1
		writeJSON(t, w, http.StatusOK, bodies[min(i, len(bodies)-1)])
	})
	return &n
}

func TestCSPNCEWaitForUpgradeSucceeds(t *testing.T) {
	c, ts := setup(t)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	n := upgradeStatusServer(t, ts, `{"status":"Pending"}`, `{"status":"inprogress"}`, `{"status":"InProgress"}`,
		`{"status":"Processing"}`, `{"status":"Completed","upgradedTo":"x"}`)
	st, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID,
		&UpgradeWaitOptions{Interval: time.Second, MaxInterval: 4 * time.Second})
	require.NoError(t, err)
	assert.True(t, st.Succeeded())
	assert.JSONEq(t, `{"status":"Completed","upgradedTo":"x"}`, string(st.Raw))
	assert.Equal(t, int32(5), n.Load())
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 4 * time.Second}, waits, "doubling, capped")
}

func TestCSPNCEWaitForUpgradeDefaultsAndRetryAfter(t *testing.T) {
	c, ts := setup(t)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "30")
			writeJSON(t, w, http.StatusOK, `{"status":"Running"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"status":"Succeeded"}`)
	})
	st, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID, nil)
	require.NoError(t, err)
	assert.Equal(t, "Succeeded", st.Status)
	assert.Equal(t, []time.Duration{30 * time.Second}, waits, "Retry-After longer than the 5s default wins")
}

func TestCSPNCEWaitForUpgradeAcceptedAndNoContentAreRunning(t *testing.T) {
	c, ts := setup(t)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, ncePath("subscriptions/"+cspSubID+"/upgradeStatus"), nil, "")
		switch n.Add(1) {
		case 1:
			writeJSON(t, w, http.StatusAccepted, `{"transitionId":"t-1"}`) // 202: running, whatever the body
		case 2:
			w.WriteHeader(http.StatusNoContent) // 204: running
		default:
			writeJSON(t, w, http.StatusOK, `{"status":"Completed"}`)
		}
	})
	st, resp, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID,
		&UpgradeWaitOptions{Interval: time.Second})
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, st.Succeeded())
	assert.Equal(t, int32(3), n.Load())
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second}, waits)
}

func TestCSPNCEGetUpgradeStatusAcceptedAndNoContent(t *testing.T) {
	for _, code := range []int{http.StatusAccepted, http.StatusNoContent} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) })
		st, _, err := c.CSP.NCE.GetUpgradeStatus(context.Background(), cspOrgID, cspSubID)
		require.NoError(t, err, "HTTP %d", code)
		assert.True(t, st.Running(), "HTTP %d is running, as for the Poller", code)
		assert.False(t, st.Succeeded())
		assert.False(t, st.Failed())
		assert.Nil(t, st.Raw)
	}
}

func TestCSPNCEUpgradeStatusVocabulary(t *testing.T) {
	for status, want := range map[string]string{
		"Processing": "running", "in_progress": "running", "Not-Started": "running", "Queued": "running",
		"Successful": "succeeded", "Completed": "succeeded", "DONE": "succeeded",
		"Failed": "failed", "Canceled": "failed", "error": "failed",
		"Started": "unknown", "Complete": "unknown", "Wibble": "unknown", // not in the Poller's vocabulary
	} {
		var st CSPNCEUpgradeStatus
		require.NoError(t, st.UnmarshalJSON([]byte(`{"status":"`+status+`"}`)))
		got := "unknown"
		switch {
		case st.Running():
			got = "running"
		case st.Succeeded():
			got = "succeeded"
		case st.Failed():
			got = "failed"
		}
		assert.Equal(t, want, got, "status %q", status)
		// the same answer read by the Poller's classifier
		running, err := taskRunning(upgradeStatusKind, cspSubID, http.StatusOK, st.Raw)
		var tf *TaskFailedError
		switch want {
		case "running":
			assert.True(t, running, status)
		case "succeeded":
			assert.False(t, running, status)
			assert.NoError(t, err, status)
		default:
			assert.ErrorAs(t, err, &tf, status)
		}
	}
	var empty CSPNCEUpgradeStatus
	require.NoError(t, empty.UnmarshalJSON([]byte(`{"state":"done"}`)))
	assert.False(t, empty.Running() || empty.Succeeded() || empty.Failed(), "no status member: unknown")
	assert.Error(t, empty.UnmarshalJSON([]byte(`{"status":`)))
}

func TestCSPNCEWaitForUpgradeRetryAfterCapped(t *testing.T) {
	c, ts := setup(t) // the test client's RetryPolicy.MaxRetryAfter is 1 minute
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	var n atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusAccepted)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"status":"Succeeded"}`)
	})
	_, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID, nil)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{time.Minute}, waits, "a Retry-After of an hour is capped at MaxRetryAfter")
}

func TestCSPNCEWaitForUpgradeFails(t *testing.T) {
	c, ts := setup(t)
	upgradeStatusServer(t, ts, `{"status":"InProgress"}`, `{"status":"Failed","reason":"not eligible"}`)
	st, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID, nil)
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, "Failed", tf.Status)
	assert.Equal(t, cspSubID, tf.TaskID)
	assert.Contains(t, err.Error(), "not eligible")
	require.NotNil(t, st)
	assert.True(t, st.Failed())
}

func TestCSPNCEWaitForUpgradeUnknownShape(t *testing.T) {
	for _, body := range []string{`{"state":"done"}`, `{"status":"Wibble"}`, `[{"status":"Completed"}]`, `{"status":3}`, ``} {
		c, ts := setup(t)
		n := upgradeStatusServer(t, ts, body)
		st, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID, nil)
		var tf *TaskFailedError
		require.ErrorAs(t, err, &tf, "body %q", body)
		assert.Contains(t, err.Error(), "unexpected", "body %q", body)
		assert.Contains(t, err.Error(), body, "the error quotes the body")
		assert.Equal(t, int32(1), n.Load(), "stops at once instead of guessing")
		require.NotNil(t, st)
		assert.Equal(t, body, string(st.Raw))
	}
}

func TestCSPNCEWaitForUpgradeContext(t *testing.T) {
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
	st, _, err := c.CSP.NCE.WaitForUpgrade(ctx, cspOrgID, cspSubID, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, "InProgress", st.Status, "the last status read is returned")
}

func TestCSPNCEWaitForUpgradeHTTPError(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusNotFound, `[{"errorCode":4,"errorName":"NotFound","errorMessage":"No upgrade"}]`)
	})
	_, _, err := c.CSP.NCE.WaitForUpgrade(context.Background(), cspOrgID, cspSubID, nil)
	require.ErrorIs(t, err, ErrNotFound)
	var tf *TaskFailedError
	assert.False(t, errors.As(err, &tf))
}

func TestCSPNCEValidation(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	extra := map[string]any{"x": 1}
	_, _, err := c.CSP.NCE.Create(ctx, cspOrgID, nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.NCE.Create(ctx, cspOrgID, &CreateNCESubscriptionRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.NCE.Create(ctx, cspOrgID, &CreateNCESubscriptionRequest{Extra: map[string]any{"": 1}})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.NCE.Create(ctx, "org", &CreateNCESubscriptionRequest{Extra: extra})
	assertNoRequest(t, ts, err, "organizationId")
	_, err = c.CSP.NCE.Update(ctx, cspOrgID, cspSubID, &UpdateNCESubscriptionRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, err = c.CSP.NCE.Update(ctx, cspOrgID, "../x", &UpdateNCESubscriptionRequest{Extra: extra})
	assertNoRequest(t, ts, err, "subscriptionId")
	_, err = c.CSP.NCE.Delete(ctx, cspOrgID, "alignmentdates")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.Get(ctx, cspOrgID, "alignmentdates")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.ListExistingSubscriptionEligibilities(ctx, cspOrgID, "")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.ListNewSubscriptionEligibilities(ctx, "", cspSubID)
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.UpgradeToNewSubscription(ctx, cspOrgID, cspSubID, &UpgradeToNewSubscriptionRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.NCE.UpgradeToExistingSubscription(ctx, cspOrgID, cspSubID, nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.NCE.UpgradeToExistingSubscription(ctx, cspOrgID, "..", &UpgradeToExistingSubscriptionRequest{Extra: extra})
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.GetUpgradeStatus(ctx, cspOrgID, "x")
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.WaitForUpgrade(ctx, cspOrgID, "x", nil)
	assertNoRequest(t, ts, err, "subscriptionId")
	_, _, err = c.CSP.NCE.ListAlignmentDates(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.ListProducts(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.NCE.List(ctx, "x")
	assertNoRequest(t, ts, err, "organizationId")
}
