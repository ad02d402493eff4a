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
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The request pipeline's promises (issue 9): writes are never duplicated or falsely reported,
// what was sent is read from the wire, nothing returned shows a secret, JSON with a BOM decodes.

const createdOrgID = "96381c60-2f01-4042-9746-66c8b8e7bef9"

// TestPOSTAnswered301IsARedirectErrorNotAGET: an IIS rewrite rule answering a create with 301
// must not turn into a GET whose list becomes Created{ID: ""} with a nil error.
func TestPOSTAnswered301IsARedirectErrorNotAGET(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v2"+r.URL.Path, http.StatusMovedPermanently)
	})
	var gets atomic.Int32
	ts.Mux.HandleFunc("GET /v2/api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		okHandler(w, r)
	})
	created, resp, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	var re *RedirectError
	require.ErrorAs(t, err, &re, "%v", err)
	assert.Nil(t, created)
	assert.Equal(t, http.MethodPost, re.Method)
	assert.Equal(t, http.StatusMovedPermanently, re.StatusCode)
	assert.Equal(t, ts.URL+"/v2"+brokerPath("Organizations"), re.Location)
	assert.False(t, re.Processed())
	assert.Contains(t, err.Error(), re.Location)
	assert.Contains(t, err.Error(), "base URL")
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	assert.Zero(t, gets.Load(), "the redirect is never followed as a GET")
	assert.Equal(t, 1, ts.apiRequests())
}

// TestWriteRedirectsAreNeverFollowed: no redirect answering a write is followed, as another
// method or the same one.
func TestWriteRedirectsAreNeverFollowed(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, status := range []int{301, 302, 307, 308} {
			c, ts := setup(t)
			var followed atomic.Int32
			ts.Mux.HandleFunc(method+" /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/elsewhere", status)
			})
			ts.Mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
				followed.Add(1)
				okHandler(w, r)
			})
			_, err := c.call(context.Background(), method, orgsPath(t, c), nil, map[string]string{"a": "b"}, nil)
			var re *RedirectError
			require.ErrorAs(t, err, &re, "%s %d: %v", method, status, err)
			assert.Equal(t, status, re.StatusCode)
			assert.Equal(t, ts.URL+"/elsewhere", re.Location)
			assert.Zero(t, followed.Load(), "%s %d followed", method, status)
		}
	}
}

// TestPOSTAnswered303SaysItWasProcessed: a 303 after a POST means it was processed; a create
// returns the *Created named by the redirect beside the error.
func TestPOSTAnswered303SaysItWasProcessed(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"/"+createdOrgID, http.StatusSeeOther)
	})
	created, _, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	var re *RedirectError
	require.ErrorAs(t, err, &re)
	assert.True(t, re.Processed())
	assert.Contains(t, err.Error(), "was processed")
	require.NotNil(t, created, "the create happened: its id is returned beside the error")
	assert.Equal(t, createdOrgID, created.ID)
	assert.Equal(t, 1, ts.apiRequests())
}

// TestSameHostGETRedirectIsFollowedWithTheToken: a GET redirect on the API host is followed
// and keeps its token (TestBearerTokenIsNeverSentToAnotherHost covers another host).
func TestSameHostGETRedirectIsFollowedWithTheToken(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusFound)
	})
	var auth atomic.Value
	ts.Mux.HandleFunc("GET /moved", func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		_, _ = io.WriteString(w, `[{"id":"a"}]`)
	})
	var out []map[string]string
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, &out)
	require.NoError(t, err)
	assert.Equal(t, []map[string]string{{"id": "a"}}, out)
	assert.Equal(t, "Bearer "+testToken, auth.Load())
	assert.Equal(t, "/moved", resp.Request.URL.Path)
}

// TestCreateWhoseBodyBreaksOffReturnsTheCreated: a 201 whose body is cut happened: a typed
// error, the *Created from Location beside it, and never a second POST.
func TestCreateWhoseBodyBreaksOffReturnsTheCreated(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if !assert.NoError(t, err) {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 201 Created\r\nLocation: " + r.URL.Path + "/" + createdOrgID +
			"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":\"" + createdOrgID[:8])
		_ = buf.Flush()
		conn.Close()
	})
	created, resp, err := c.create(context.Background(), orgsPath(t, c), map[string]string{"name": "x"})
	var de *DecodeError
	require.ErrorAs(t, err, &de, "%v", err)
	assert.Equal(t, http.MethodPost, de.Method)
	assert.Equal(t, brokerPath("Organizations"), de.Path)
	assert.Equal(t, http.StatusCreated, de.StatusCode)
	assert.Equal(t, `{"id":"`+createdOrgID[:8], de.Head)
	require.NotNil(t, created)
	assert.Equal(t, createdOrgID, created.ID)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, 1, ts.apiRequests())
}

// TestUndecodable2xxIsADecodeErrorForEveryMethod: a whole body that does not decode is never
// sent again, whatever the method.
func TestUndecodable2xxIsADecodeErrorForEveryMethod(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPost, http.MethodPatch} {
		c, ts := setup(t)
		ts.Mux.HandleFunc(method+" /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.WriteString(w, `<html>gateway</html>`)
		})
		var out []map[string]string
		_, err := c.call(context.Background(), method, orgsPath(t, c), nil, nil, &out)
		var de *DecodeError
		require.ErrorAs(t, err, &de, method)
		assert.Equal(t, "<html>gateway</html>", de.Head)
		var se *json.SyntaxError
		assert.ErrorAs(t, err, &se)
		assert.Equal(t, 1, ts.apiRequests(), method)
	}
}

// TestPOSTWaitingForAConnectionIsAPlainContextError: a POST whose context ends while it waits
// for a connection reached no server: not an *UnknownOutcomeError.
func TestPOSTWaitingForAConnectionIsAPlainContextError(t *testing.T) {
	ts := newTestServer(t)
	tr := newTransport()
	tr.MaxConnsPerHost = 1
	c := ts.client(t, WithTransport(tr))
	release := make(chan struct{})
	holding := make(chan struct{})
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		close(holding)
		<-release
		okHandler(w, r)
	})
	var posts atomic.Int32
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.WriteHeader(http.StatusCreated)
	})
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil) // the token, over the one connection
	require.Error(t, err)                                               // (404: no such route here)
	done := make(chan error, 1)
	go func() {
		_, err := c.get(context.Background(), orgsPath(t, c), nil, nil) // holds the only connection
		done <- err
	}()
	<-holding
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, _, err = c.create(ctx, orgsPath(t, c), map[string]string{"name": "x"})
	close(release)
	require.NoError(t, <-done)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "nothing was written: %v", err)
	var ue *UnknownOutcomeError
	assert.False(t, errors.As(err, &ue))
	assert.Zero(t, posts.Load())
}

// TestUnknownOutcomeSaysItsCauseOnce: a POST written whose context ended before the answer
// stays an *UnknownOutcomeError, and its text names the cause once.
func TestUnknownOutcomeSaysItsCauseOnce(t *testing.T) {
	c, ts := setup(t)
	arrived := make(chan struct{})
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, _, err := c.create(ctx, orgsPath(t, c), map[string]string{"name": "x"})
	var ue *UnknownOutcomeError
	require.ErrorAs(t, err, &ue)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, strings.Count(err.Error(), "context canceled"), "%q", err.Error())
}

// TestDELETEWhoseDrainFailsSucceedsOnce: a DELETE answered 200 whose body breaks off while it
// is drained succeeded; it is not sent again (the second answer would be a 404).
func TestDELETEWhoseDrainFailsSucceedsOnce(t *testing.T) {
	for _, method := range []string{http.MethodDelete, http.MethodPut} {
		c, ts := setup(t)
		var n atomic.Int32
		ts.Mux.HandleFunc(method+" /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) > 1 {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			conn, buf, err := w.(http.Hijacker).Hijack()
			if !assert.NoError(t, err) {
				return
			}
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"deleted\":")
			_ = buf.Flush()
			conn.Close()
		})
		resp, err := c.call(context.Background(), method, orgsPath(t, c), nil, nil, nil)
		require.NoError(t, err, method)
		assert.Equal(t, 1, resp.Attempts)
		assert.Equal(t, 1, ts.apiRequests(), method)
	}
}

type pipelineOrg struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// TestGetOneOnAnEmptyAnswerIsATypedError: an empty 200 or a 204 where one resource is
// expected is a *DecodeError matching ErrEmptyAnswer, never a zero model; never retried.
func TestGetOneOnAnEmptyAnswerIsATypedError(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{{200, ""}, {200, "  \r\n"}, {204, ""}, {200, "\xEF\xBB\xBF"}} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations/"+testOrgID, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tc.status)
			_, _ = io.WriteString(w, tc.body)
		})
		org, resp, err := c.Organizations.Get(context.Background(), testOrgID)
		require.ErrorIs(t, err, ErrEmptyAnswer, "%d %q", tc.status, tc.body)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, tc.status, de.StatusCode)
		assert.Nil(t, org)
		require.NotNil(t, resp)
		assert.Equal(t, 1, ts.apiRequests())
	}
	// An empty list stays an empty list.
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	list, _, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	assert.NotNil(t, list)
	assert.Empty(t, list)
}

// TestCredentialsMarshalNoSecret: json.Marshal of credentials (or of a struct holding them)
// shows neither the client secret nor the password.
func TestCredentialsMarshalNoSecret(t *testing.T) {
	for _, v := range []any{testCreds, &testCreds, struct{ Creds Credentials }{testCreds}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		assertNoSecret(t, string(b))
		assert.Contains(t, string(b), "REDACTED")
		assert.Contains(t, string(b), testUsername)
	}
	b, err := json.Marshal(Credentials{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"clientId":"ro.customer.client","clientSecret":"","username":"","password":""}`, string(b))
}

// TestResponseCarriesNoToken: the *http.Response inside *Response, and its Request, carry no
// Authorization header, on success, error and a followed redirect alike.
func TestResponseCarriesNoToken(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", okHandler)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/missing", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(404) })
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, brokerPath("Organizations"), http.StatusFound)
	})
	for _, rest := range []string{"Organizations", "missing", "moved"} {
		p, err := c.brokerPath(rest)
		require.NoError(t, err)
		resp, err := c.get(context.Background(), p, nil, nil)
		require.NotNil(t, resp, rest)
		require.NotNil(t, resp.Request, rest)
		assert.Empty(t, resp.Request.Header.Get("Authorization"), rest)
		assertNoSecret(t, fmt.Sprintf("%+v %+v", resp.Request, resp.Request.Header))
		var ae *APIError
		if errors.As(err, &ae) {
			assert.Empty(t, ae.Header.Get("Authorization"))
		}
	}
}

// TestAnEchoedTokenIsRedacted: an error answer that quotes the client's token back shows
// REDACTED in the error's text and in the body it keeps; so does a DecodeError's head.
func TestAnEchoedTokenIsRedacted(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"message":"token `+testToken+` is not valid for this reseller"}`)
	})
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/echo", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `<p>you sent `+r.Header.Get("Authorization")+`</p>`)
	})
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assertNoSecret(t, err.Error())
	assertNoSecret(t, string(ae.Body))
	assert.Contains(t, ae.Message, "token REDACTED is not valid")

	p, err := c.brokerPath("echo")
	require.NoError(t, err)
	var out map[string]any
	_, err = c.get(context.Background(), p, nil, &out)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assertNoSecret(t, err.Error())
	assert.Contains(t, de.Head, "Bearer REDACTED")
}

// Test401ReplayIsAnAttempt: the 401 replay is counted in Response.Attempts and logged, as
// every other attempt.
func Test401ReplayIsAnAttempt(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ts := newTestServer(t)
	tokenHandler(ts, 3600, nil)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer token-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		okHandler(w, r)
	})
	c := ts.client(t, WithLogger(logger), WithRetry(NoRetries()))
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts, "the replay is an attempt")
	assert.Equal(t, 2, strings.Count(logs.String(), `msg="cloudmore: request"`), logs.String())
	assert.Contains(t, logs.String(), "status=401")
	assert.Contains(t, logs.String(), "replaying once with a new one")
	assert.NotContains(t, logs.String(), "token-1")
}

// TestTokenEndpointLoginPageIsReadable: a proxy's login page answering the token request with
// 200 HTML is an error naming the status, the content type and the page's title.
func TestTokenEndpointLoginPageIsReadable(t *testing.T) {
	ts := newTestServer(t)
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, "<!DOCTYPE html><html><head><title>Acme Corp &amp; Co &ndash; Sign in</title></head><body>...</body></html>")
	})
	c := ts.client(t, WithRetry(NoRetries()))
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "200")
	assert.Contains(t, msg, "text/html")
	assert.Contains(t, msg, `"Acme Corp & Co – Sign in"`)
	assert.NotContains(t, msg, "cannot parse json")
	assert.Zero(t, ts.apiRequests())
}

// TestBOMIsSkippedOnEveryPath: JSON after a UTF-8 byte-order mark decodes as results (plain
// and strict decoding, raw), as error bodies, and reaches a stream without the mark.
func TestBOMIsSkippedOnEveryPath(t *testing.T) {
	const bom = "\xEF\xBB\xBF"
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, bom+`[{"id":"a","name":"first"}]`)
	})
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/bad", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, bom+`[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"Invalid domain/website:abc"}]`)
	})
	var orgs []pipelineOrg
	_, err := c.get(context.Background(), orgsPath(t, c), nil, &orgs)
	require.NoError(t, err)
	assert.Equal(t, []pipelineOrg{{ID: "a", Name: "first"}}, orgs)

	var raw json.RawMessage
	_, err = c.get(context.Background(), orgsPath(t, c), nil, &raw)
	require.NoError(t, err)
	assert.True(t, json.Valid(raw), "%q", raw)

	var unknown []string
	strict := ts.client(t, WithUnknownFieldHandler(func(_, _ string, f []string) { unknown = append(unknown, f...) }))
	orgs = nil
	_, err = strict.get(context.Background(), orgsPath(t, c), nil, &orgs)
	require.NoError(t, err)
	assert.Len(t, orgs, 1)
	assert.Empty(t, unknown)

	p, err := c.brokerPath("bad")
	require.NoError(t, err)
	_, err = c.get(context.Background(), p, nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	require.Len(t, ae.Items, 1)
	assert.Equal(t, "InvalidValue", ae.Items[0].Name)

	var bs bodyStream // the streaming hand-off, through the executor
	_, err = opOrganizationsList.into(context.Background(), c, nil, nil, nil, nil, &bs)
	require.NoError(t, err)
	b, err := io.ReadAll(bs.body)
	require.NoError(t, err)
	require.NoError(t, bs.body.Close())
	assert.Equal(t, `[{"id":"a","name":"first"}]`, string(b))
}

// TestDoGoesThroughThePipeline: a request from NewRequest, sent with Do, is authenticated,
// retried, decoded and carries its query and body on the wire.
func TestDoGoesThroughThePipeline(t *testing.T) {
	c, ts := setup(t)
	var n atomic.Int32
	ts.Mux.HandleFunc("PUT /api/resellers/{rid}/Organizations/{org}/Untyped", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		wantRequest(t, r, http.MethodPut, brokerPath("Organizations/"+createdOrgID+"/Untyped"), url.Values{"mode": {"fast"}}, `{"enabled":true}`)
		_, _ = io.WriteString(w, `{"id":"u1","name":"done"}`)
	})
	req, err := c.NewRequest(context.Background(), http.MethodPut, "Organizations/"+createdOrgID+"/Untyped",
		url.Values{"mode": {"fast"}}, map[string]bool{"enabled": true})
	require.NoError(t, err)
	var out pipelineOrg
	resp, err := c.Do(req, &out)
	require.NoError(t, err)
	assert.Equal(t, pipelineOrg{ID: "u1", Name: "done"}, out)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, 2, ts.apiRequests())
}

// TestDoChecksRequestsBuiltElsewhere: a request not from NewRequest passes the same checks
// before anything is sent.
func TestDoChecksRequestsBuiltElsewhere(t *testing.T) {
	c, ts := setup(t)
	bad := []struct {
		method, url, field string
	}{
		{http.MethodGet, ts.URL + brokerPath("a/%2e%2e/%2E%2E/connect/token"), "path"},
		{http.MethodGet, ts.URL + brokerPath("a/../../connect/token"), "path"},
		{http.MethodGet, ts.URL + brokerPath("a/%00b"), "path"},
		{http.MethodGet, "http://other.example" + brokerPath("Organizations"), "req"},
		{http.MethodGet, strings.Replace(ts.URL, "http://", "https://", 1) + brokerPath("Organizations"), "req"},
		{"TRACE", ts.URL + brokerPath("Organizations"), "method"},
	}
	for _, b := range bad {
		req, err := http.NewRequest(b.method, b.url, nil)
		require.NoError(t, err, b.url)
		_, err = c.Do(req, nil)
		assertNoRequest(t, ts, err, b.field)
	}
	prefixed := ts.client(t, WithBaseURL(ts.URL+"/prefix"))
	req, err := http.NewRequest(http.MethodGet, ts.URL+brokerPath("Organizations"), nil)
	require.NoError(t, err)
	_, err = prefixed.Do(req, nil)
	assertNoRequest(t, ts, err, "path")
	_, err = c.NewRequest(context.Background(), http.MethodGet, "Organizations/%2e%2e/x", nil, nil)
	assertNoRequest(t, ts, err, "path")
}

// TestDoReplacesACallersAuthorizationHeader: the client's token, never another, is sent.
func TestDoReplacesACallersAuthorizationHeader(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", okHandler)
	req, err := http.NewRequest(http.MethodGet, ts.URL+brokerPath("Organizations"), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer someone-else")
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+testToken, ts.requests()[0].Auth)
}

// TestUsersCheckRedirectHasItsSay: WithHTTPClient's CheckRedirect refusing a GET redirect is
// a *RedirectError carrying its error, not retried.
func TestUsersCheckRedirectHasItsSay(t *testing.T) {
	refuse := errors.New("no redirects here")
	ts := newTestServer(t)
	c := ts.client(t, WithHTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return refuse }}))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusFound)
	})
	resp, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	var re *RedirectError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, refuse)
	assert.Equal(t, ts.URL+"/moved", re.Location)
	require.NotNil(t, resp)
	assert.Empty(t, resp.Request.Header.Get("Authorization"))
	assert.Equal(t, 1, ts.apiRequests(), "not retried")
}
