package cloudmore

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cspUserID = "ann@contoso.onmicrosoft.com" // user id format is undocumented: any single segment

func usersPath(rest string) string { return cspOrgPath("services/csp/users" + rest) }

func TestCSPUsersList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, usersPath(""), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"invented":"ann"},{"invented":"bob"}]`)
	})
	users, _, err := c.CSP.Users.List(context.Background(), cspOrgID)
	require.NoError(t, err)
	require.Len(t, users, 2)
	assert.JSONEq(t, `{"invented":"bob"}`, string(users[1].Raw))
}

func TestCSPUsersGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, usersPath("/ann@contoso.onmicrosoft.com"), nil, "")
		writeJSON(t, w, http.StatusOK, `{"invented":"ann"}`)
	})
	u, _, err := c.CSP.Users.Get(context.Background(), cspOrgID, cspUserID)
	require.NoError(t, err)
	assert.JSONEq(t, `{"invented":"ann"}`, string(u.Raw))
}

func TestCSPUsersEscapesUserID(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, usersPath("/ann%20lee%3F"), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.CSP.Users.Delete(context.Background(), cspOrgID, "ann lee?")
	require.NoError(t, err)
}

func TestCSPUsersCreate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, usersPath(""), nil, `{"firstName":"Ann","usageLocation":"SE"}`)
		w.Header().Set("Location", usersPath("/u-123"))
		w.WriteHeader(http.StatusCreated)
	})
	cr, _, err := c.CSP.Users.Create(context.Background(), cspOrgID,
		&CreateCSPUserRequest{Extra: map[string]any{"firstName": "Ann", "usageLocation": "SE"}})
	require.NoError(t, err)
	assert.Equal(t, "u-123", cr.ID)
}

func TestCSPUsersUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, usersPath("/u-123"), nil, `{"lastName":"Lee"}`)
		w.WriteHeader(http.StatusOK)
	})
	_, err := c.CSP.Users.Update(context.Background(), cspOrgID, "u-123",
		&UpdateCSPUserRequest{Extra: map[string]any{"lastName": "Lee"}})
	require.NoError(t, err)
}

func TestCSPUsersDelete(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, usersPath("/u-123"), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.CSP.Users.Delete(context.Background(), cspOrgID, "u-123")
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestCSPUsersAddLicense(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, usersPath("/u-123/productlicenses"), nil, `{"licenseId":"lic-9","skuId":"sku-1"}`)
		writeJSON(t, w, http.StatusCreated, `{"id":"lic-9"}`)
	})
	cr, _, err := c.CSP.Users.AddLicense(context.Background(), cspOrgID, "u-123",
		&AddCSPUserLicenseRequest{LicenseID: "lic-9", Extra: map[string]any{"skuId": "sku-1"}})
	require.NoError(t, err)
	assert.Equal(t, "lic-9", cr.ID)

	c2, ts2 := setup(t)
	_, _, err = c2.CSP.Users.AddLicense(context.Background(), cspOrgID, "u-123",
		&AddCSPUserLicenseRequest{Extra: map[string]any{"licenceId": "lic-9"}})
	assertFields(t, ts2, err, "licenseId")
}

func TestCSPUsersRemoveLicense(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, usersPath("/u-123/productlicenses/lic-9"), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.CSP.Users.RemoveLicense(context.Background(), cspOrgID, "u-123", "lic-9")
	require.NoError(t, err)
}

func TestCSPUsersBeginList(t *testing.T) {
	c, ts := setup(t)
	var polls atomic.Int32
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.EscapedPath() {
		case cspOrgPath("services/csp/usersAsync"):
			wantRequest(t, r, http.MethodPost, r.URL.EscapedPath(), nil, "")
			writeJSON(t, w, http.StatusAccepted, `{"taskId":"task-42"}`)
		case cspOrgPath("services/csp/usersAsync/task-42"):
			wantRequest(t, r, http.MethodGet, r.URL.EscapedPath(), nil, "")
			switch polls.Add(1) {
			case 1:
				w.WriteHeader(http.StatusAccepted)
			case 2:
				writeJSON(t, w, http.StatusOK, `{"status":"Processing"}`)
			default:
				writeJSON(t, w, http.StatusOK, `[{"invented":"ann"},{"invented":"bob"}]`)
			}
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.EscapedPath())
		}
	})
	ctx := context.Background()
	poller, resp, err := c.CSP.Users.BeginList(ctx, cspOrgID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.Equal(t, "task-42", poller.TaskID())
	_, err = poller.Result(ctx)
	require.ErrorIs(t, err, ErrNotDone)

	// A crashed program picks the same task up from the token.
	resumed, err := c.CSP.Users.ResumeList(poller.ResumeToken())
	require.NoError(t, err)
	assert.Equal(t, "task-42", resumed.TaskID())

	list, err := resumed.PollUntilDone(ctx, &PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, list.Users, 2)
	assert.JSONEq(t, `{"invented":"bob"}`, string(list.Users[1].Raw))
	assert.JSONEq(t, `[{"invented":"ann"},{"invented":"bob"}]`, string(list.Raw))
	assert.Equal(t, int32(3), polls.Load())
}

func TestCSPUsersBeginListTaskIDFromLocation(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			w.Header().Set("Location", cspOrgPath("services/csp/usersAsync/7f3c"))
			w.WriteHeader(http.StatusAccepted)
		default:
			wantRequest(t, r, http.MethodGet, cspOrgPath("services/csp/usersAsync/7f3c"), nil, "")
			writeJSON(t, w, http.StatusOK, `{"status":"Successful","users":[{"a":1}]}`)
		}
	})
	poller, _, err := c.CSP.Users.BeginList(context.Background(), cspOrgID)
	require.NoError(t, err)
	assert.Equal(t, "7f3c", poller.TaskID())
	list, err := poller.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	assert.Nil(t, list.Users, "an object result is not guessed at")
	assert.JSONEq(t, `{"status":"Successful","users":[{"a":1}]}`, string(list.Raw))
}

func TestCSPUsersBeginListFailed(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			writeJSON(t, w, http.StatusAccepted, `"t1"`)
			return
		}
		writeJSON(t, w, http.StatusOK, `{"status":"Failed"}`)
	})
	poller, _, err := c.CSP.Users.BeginList(context.Background(), cspOrgID)
	require.NoError(t, err)
	_, err = poller.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	var tf *TaskFailedError
	require.ErrorAs(t, err, &tf)
	assert.Equal(t, cspUsersAsyncKind, tf.Kind)
}

func TestCSPUsersValidation(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	extra := map[string]any{"x": 1}
	_, _, err := c.CSP.Users.Get(ctx, cspOrgID, "a/b")
	assertNoRequest(t, ts, err, "id")
	_, _, err = c.CSP.Users.Get(ctx, cspOrgID, "..")
	assertNoRequest(t, ts, err, "id")
	_, err = c.CSP.Users.Delete(ctx, cspOrgID, "")
	assertNoRequest(t, ts, err, "userId")
	_, err = c.CSP.Users.Update(ctx, cspOrgID, "u", &UpdateCSPUserRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, err = c.CSP.Users.Update(ctx, cspOrgID, "u", nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.Users.Create(ctx, cspOrgID, &CreateCSPUserRequest{})
	assertNoRequest(t, ts, err, "Extra")
	_, _, err = c.CSP.Users.Create(ctx, "nope", &CreateCSPUserRequest{Extra: extra})
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.Users.AddLicense(ctx, cspOrgID, "u", nil)
	assertNoRequest(t, ts, err, "body")
	_, _, err = c.CSP.Users.AddLicense(ctx, cspOrgID, "..", &AddCSPUserLicenseRequest{Extra: extra})
	assertNoRequest(t, ts, err, "userId")
	_, err = c.CSP.Users.RemoveLicense(ctx, cspOrgID, "u", "")
	assertNoRequest(t, ts, err, "id")
	_, err = c.CSP.Users.RemoveLicense(ctx, cspOrgID, "u", "l/1")
	assertNoRequest(t, ts, err, "id")
	_, _, err = c.CSP.Users.List(ctx, "")
	assertNoRequest(t, ts, err, "organizationId")
	_, _, err = c.CSP.Users.BeginList(ctx, "..")
	assertNoRequest(t, ts, err, "organizationId")
	_, err = c.CSP.Users.ResumeList("not a token")
	assertNoRequest(t, ts, err, "resumeToken")
	_, err = c.CSP.Users.ResumeList(encodeResumeToken("billing.Other", map[string]string{"taskId": "1"}))
	assertNoRequest(t, ts, err, "resumeToken")
	_, err = c.CSP.Users.ResumeList(clientToken(c, cspUsersAsyncKind, map[string]string{"organizationId": "../x", "taskId": "1"}))
	assertNoRequest(t, ts, err, "organizationId")
}

func TestCSPUsersNamesEveryBadField(t *testing.T) {
	c, ts := setup(t)
	ctx := context.Background()
	_, err := c.CSP.Users.Update(ctx, "x", "..", &UpdateCSPUserRequest{})
	assertFields(t, ts, err, "organizationId", "userId", "Extra")
	_, _, err = c.CSP.Users.AddLicense(ctx, "", "", nil)
	assertFields(t, ts, err, "organizationId", "userId", "body")
	_, err = c.CSP.Users.RemoveLicense(ctx, cspOrgID, "a/b", "..")
	assertFields(t, ts, err, "userId", "id")
}
