package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// walkHops returns every request reachable from resp: resp.Request, then the request of the
// answer that redirected to it, and so on down the chain.
func walkHops(resp *http.Response) []*http.Request {
	var hops []*http.Request
	for r := resp; r != nil && r.Request != nil && len(hops) < 20; {
		hops = append(hops, r.Request)
		r = r.Request.Response
	}
	return hops
}

// Issue 17 item 1: after a GET that followed redirects, no hop reachable from the returned
// *Response (nor from what a user's CheckRedirect is given) carries the token, whether the
// chain ends on the API host or on another host.
func TestRedirectChainCarriesNoToken(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.Header.Get("Authorization"), "the token went to another host")
		writeJSON(t, w, http.StatusOK, `[]`)
	}))
	defer other.Close()
	for _, tc := range []struct {
		name    string
		last    string // where the third hop redirects to
		sameEnd bool
	}{
		{name: "ends on the API host", last: brokerPath("Hop/end"), sameEnd: true},
		{name: "ends on another host", last: other.URL + "/download"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t)
			var seen []string // the Authorization header of every hop a user's CheckRedirect can reach
			var mu sync.Mutex
			hc := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
				mu.Lock()
				defer mu.Unlock()
				for _, r := range append(walkHops(req.Response), via...) {
					seen = append(seen, r.Header.Get("Authorization"))
				}
				return nil
			}}
			c := ts.client(t, WithHTTPClient(hc))
			var authOnAPI []string
			ts.Mux.HandleFunc("GET "+brokerPath("Hop/{n}"), func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				authOnAPI = append(authOnAPI, r.Header.Get("Authorization"))
				mu.Unlock()
				switch r.PathValue("n") {
				case "1":
					http.Redirect(w, r, brokerPath("Hop/2"), http.StatusFound)
				case "2":
					http.Redirect(w, r, brokerPath("Hop/3"), http.StatusTemporaryRedirect)
				case "3":
					http.Redirect(w, r, tc.last, http.StatusMovedPermanently)
				default:
					writeJSON(t, w, http.StatusOK, `[]`)
				}
			})
			req, err := c.NewRequest(context.Background(), http.MethodGet, "Hop/1", nil, nil)
			require.NoError(t, err)
			var out []any
			resp, err := c.Do(req, &out)
			require.NoError(t, err)

			hops := walkHops(resp.Response)
			require.Len(t, hops, 4, "three redirects: four hops")
			for i, h := range hops {
				assert.Empty(t, h.Header.Get("Authorization"), "hop %d (%s) carries the token", i, h.URL)
				assert.NotContains(t, fmt.Sprintf("%+v", h), testToken, "hop %d prints the token", i)
			}
			assert.Equal(t, tc.last, pathOrURL(hops[0].URL, tc.sameEnd), "the last hop")
			mu.Lock()
			defer mu.Unlock()
			assert.NotEmpty(t, seen)
			for i, a := range seen {
				assert.Empty(t, a, "the user's CheckRedirect reached a hop with the token (%d)", i)
			}
			for i, a := range authOnAPI {
				assert.Equal(t, "Bearer "+testToken, a, "API hop %d still gets the token on the wire", i)
			}
		})
	}
}

// pathOrURL is what the last hop's URL is compared with: its path on the API host, the whole
// URL on another host.
func pathOrURL(u *url.URL, sameHost bool) string {
	if sameHost {
		return u.Path
	}
	return u.String()
}

// Issue 17 item 2: a request whose Host header names another host than its URL is refused by
// Do before anything is sent; the token goes only to the host the request goes to.
func TestDoRefusesAHostHeaderForAnotherHost(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET "+brokerPath("Organizations"), func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	for _, host := range []string{"evil.example", "evil.example:443", "127.0.0.2"} {
		req, err := c.NewRequest(context.Background(), http.MethodGet, "Organizations", nil, nil)
		require.NoError(t, err)
		req.Host = host
		_, err = c.Do(req, nil)
		assertNoRequest(t, ts, err, "req")
		assert.Contains(t, err.Error(), "Host")
	}
	// The same host (any case), or none, is sent.
	req, err := c.NewRequest(context.Background(), http.MethodGet, "Organizations", nil, nil)
	require.NoError(t, err)
	req.Host = strings.ToUpper(req.URL.Host)
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	req, err = c.NewRequest(context.Background(), http.MethodGet, "Organizations", nil, nil)
	require.NoError(t, err)
	req.Host = ""
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, ts.apiRequests())
}

// Issue 17 item 3: a dot segment hidden by escapes (%2e, %2f, %5c, any case, escaped twice or
// more) is refused in a NewRequest path, in a request given to Do, and in every id, before
// anything is sent.
func TestEscapedDotSegmentsAreRefused(t *testing.T) {
	segments := []string{
		"..%2f..%2fconnect%2ftoken", "..%2F..%2Fconnect", "%2e%2e", "%2E%2e", ".%2E", "%2e.", "%2e",
		"..%5cconnect", "..%5C..%5Cconnect", "a%2f..%2fb", "a%5c..", "%2e%2e%2f", "%252e%252e", "%252E%252e%252fx",
		"..%252f..%252fconnect", "%25252e%25252e", "%25%32%65%25%32%65", "..%255c", "x%2f.", "%2525252525252e%2525252525252e",
	}
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeJSON(t, w, http.StatusOK, `{}`) })
	ctx := context.Background()
	for _, s := range segments {
		for _, p := range []string{"Organizations/" + s, "Organizations/" + s + "/Users", "/api/resellers/" + testResellerID + "/" + s} {
			_, err := c.NewRequest(ctx, http.MethodGet, p, nil, nil)
			var ve *ValidationError
			if assert.ErrorAs(t, err, &ve, "NewRequest %q", p) {
				assert.Equal(t, "path", ve.Field)
			}
		}
		// A request built by hand, with the escapes kept as written.
		req, err := c.NewRequest(ctx, http.MethodGet, "Organizations/x", nil, nil)
		require.NoError(t, err)
		raw := brokerPath("Organizations/" + s)
		dec, err := url.PathUnescape(raw)
		require.NoError(t, err)
		req.URL.Path, req.URL.RawPath = dec, raw
		require.Equal(t, raw, req.URL.EscapedPath(), "the test sends %q as written", raw)
		_, err = c.Do(req, nil)
		assertNoRequest(t, ts, err, "path")

		// Every id: a GUID id and an id of free form, escaped or as the bytes it decodes to.
		for _, v := range []string{s, mustUnescape(t, s)} {
			_, _, err = c.Organizations.Get(ctx, v)
			assertNoRequest(t, ts, err, "id")
			_, _, err = c.CSP.Users.Get(ctx, cspOrgID, v)
			assertNoRequest(t, ts, err, "id")
		}
	}
	// Escapes that hide no dot segment are still sent as written.
	for _, p := range []string{"Organizations/a%2fb", "Organizations/..a", "Organizations/%2e%2e%2e", "Organizations/a.b"} {
		req, err := c.NewRequest(ctx, http.MethodGet, p, nil, nil)
		require.NoError(t, err, p)
		_, err = c.Do(req, nil)
		require.NoError(t, err, p)
	}
	assert.Equal(t, 4, ts.apiRequests())
}

func mustUnescape(t *testing.T, s string) string {
	t.Helper()
	u, err := url.PathUnescape(s)
	require.NoError(t, err)
	return u
}

// Issue 17 item 4: a task's failure body that quotes the token, the client secret and the
// password shows none of them, for a generic task, an NCE upgrade and a seller bulk
// consumption submission alike.
func TestTaskFailureBodiesRedactEverySecret(t *testing.T) {
	body := `{"status":"Failed","message":"token ` + testToken + ` secret ` + testClientSecret + ` password ` + testPassword + `"}`
	ts := newTestServer(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeJSON(t, w, http.StatusOK, body) })
	c := ts.client(t, WithSellerID(testSellerID))
	ctx := context.Background()
	// A call first, so that the token is cached and known to the redactor.
	_, _, err := c.Organizations.List(ctx, nil)
	require.Error(t, err)

	users, err := c.CSP.Users.ResumeList(clientToken(c, cspUsersAsyncKind, map[string]string{"organizationId": cspOrgID, "taskId": "t1"}))
	require.NoError(t, err)
	upgrade, err := c.CSP.NCE.ResumeUpgrade(clientToken(c, nceUpgradeKind, map[string]string{"organizationId": cspOrgID, "subscriptionId": cspSubID}))
	require.NoError(t, err)
	o := c.sellerOrigin()
	bulk, err := c.Seller.Consumption.ResumeBulkSubmit(encodeToken(resumeToken{Kind: sellerBulkConsumptionKind, Host: o.Host,
		SellerID: o.SellerID, IDs: map[string]string{"taskId": "t2"}}))
	require.NoError(t, err)
	billing, err := c.Billing.ResumeMonthlyBillingPerOrganization(clientToken(c, kindBillingAsync, map[string]string{"taskId": "t3"}))
	require.NoError(t, err)
	for name, poll := range map[string]func() error{
		"generic task":   func() error { _, err := users.Poll(ctx); return err },
		"billing report": func() error { _, err := billing.Poll(ctx); return err },
		"NCE upgrade":    func() error { _, err := upgrade.Poll(ctx); return err },
		"bulk consumption": func() error {
			_, err := bulk.Poll(ctx)
			return err
		},
	} {
		err := poll()
		var tf *TaskFailedError
		require.ErrorAs(t, err, &tf, name)
		for _, secret := range []string{testToken, testClientSecret, testPassword} {
			assert.NotContains(t, err.Error(), secret, name)
			assert.NotContains(t, string(tf.Body), secret, name)
			assert.NotContains(t, tf.Status, secret, name)
			assert.NotContains(t, fmt.Sprintf("%+v %#v", tf, tf), secret, name)
		}
		assert.Contains(t, string(tf.Body), "REDACTED", name)
	}
	// Other answers an error quotes: a task start without a task id, a domain check's answer.
	for name, call := range map[string]func() error{
		"task start":   func() error { _, _, err := c.CSP.Users.BeginList(ctx, cspOrgID); return err },
		"domain check": func() error { _, _, err := c.CSP.CheckDomain(ctx, "contoso"); return err },
	} {
		err := call()
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "REDACTED", name)
		for _, secret := range []string{testToken, testClientSecret, testPassword} {
			assert.NotContains(t, err.Error(), secret, name)
		}
	}
}

// closeTracker counts the closes of token answers' bodies.
type closeTracker struct {
	base   http.RoundTripper
	opened atomic.Int32
	closed atomic.Int32
}

func (t *closeTracker) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err == nil && req.URL.Path == "/connect/token" {
		t.opened.Add(1)
		resp.Body = &trackedClose{ReadCloser: resp.Body, closed: &t.closed}
	}
	return resp, err
}

type trackedClose struct {
	io.ReadCloser
	closed *atomic.Int32
	once   sync.Once
}

func (b *trackedClose) Close() error {
	b.once.Do(func() { b.closed.Add(1) })
	return b.ReadCloser.Close()
}

// Issue 17 item 8: the token answer's body is closed, also when the endpoint labels its JSON
// with another content type (the SDK reads ahead to tell a token from a login page) and the
// answer is larger than what x/oauth2 reads.
func TestTokenAnswerBodyIsClosed(t *testing.T) {
	for _, tc := range []struct{ name, contentType, tail string }{
		{"json", "application/json", ""},
		{"octet-stream", "application/octet-stream", ""},
		{"octet-stream, larger than x/oauth2 reads", "application/octet-stream", strings.Repeat(" ", 1<<20+4096)},
		{"text/plain (which x/oauth2 would read as a form)", "text/plain", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var conns atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				_, _ = io.WriteString(w, `{"access_token":"`+testToken+`","expires_in":3600,"token_type":"Bearer"}`+tc.tail)
			})
			mux.HandleFunc("GET "+brokerPath("Organizations"), func(w http.ResponseWriter, r *http.Request) {
				writeJSON(t, w, http.StatusOK, `[]`)
			})
			srv := httptest.NewUnstartedServer(mux)
			srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}
			srv.Start()
			defer srv.Close()
			tr := &closeTracker{base: newTransport()}
			c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds), WithResellerID(testResellerID), WithTransport(tr))
			require.NoError(t, err)
			_, _, err = c.Organizations.List(context.Background(), nil)
			require.NoError(t, err)
			require.Equal(t, int32(1), tr.opened.Load())
			require.Eventually(t, func() bool { return tr.closed.Load() == 1 }, 5*time.Second, time.Millisecond,
				"the token answer's body was never closed")
			if tc.tail == "" {
				assert.Equal(t, int32(1), conns.Load(), "a token answer read whole leaves its connection for the API call")
			}
		})
	}
}

// Issue 17 item 9: every text an error takes from the input or from an answer is clipped: a
// 1 MB value gives an error of less than 1 KB.
func TestHugeInputsGiveBoundedErrors(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeJSON(t, w, http.StatusOK, `{}`) })
	c, err := c.ForSeller(testSellerID)
	require.NoError(t, err)
	ctx := context.Background()
	huge := strings.Repeat("x", 1<<20)
	hugeDots := strings.Repeat("é", 1<<19) + "/../.."
	o := c.brokerOrigin()
	token := func(rt resumeToken) string { return encodeToken(rt) }
	errs := map[string]error{}
	add := func(name string, err error) {
		require.Error(t, err, name)
		errs[name] = err
	}
	add("resume token kind", first(c.CSP.Users.ResumeList(token(resumeToken{Kind: huge, Host: o.Host, ResellerID: o.ResellerID}))))
	add("resume token host", first(c.CSP.Users.ResumeList(token(resumeToken{Kind: cspUsersAsyncKind, Host: huge, ResellerID: o.ResellerID}))))
	add("resume token reseller", first(c.CSP.Users.ResumeList(token(resumeToken{Kind: cspUsersAsyncKind, Host: o.Host, ResellerID: huge}))))
	add("resume token seller", first(c.Seller.Consumption.ResumeBulkSubmit(token(resumeToken{Kind: sellerBulkConsumptionKind, Host: o.Host, SellerID: huge}))))
	add("resume token id", first(c.CSP.Users.ResumeList(token(resumeToken{Kind: cspUsersAsyncKind, Host: o.Host, ResellerID: o.ResellerID,
		IDs: map[string]string{"organizationId": huge, "taskId": huge}}))))
	add("resume token not a token", first(c.CSP.Users.ResumeList(huge)))
	add("GUID id", second(c.Organizations.Get(ctx, huge)))
	add("free-form id", second(c.CSP.Users.Get(ctx, cspOrgID, huge)))
	add("free-form id with a slash", second(c.CSP.Users.Get(ctx, cspOrgID, huge+"/")))
	add("free-form id with dots", second(c.CSP.Users.Get(ctx, cspOrgID, hugeDots)))
	add("NewRequest path", first(c.NewRequest(ctx, http.MethodGet, "Organizations/"+huge+"/../x", nil, nil)))
	add("NewRequest path bad escape", first(c.NewRequest(ctx, http.MethodGet, "Organizations/"+huge+"%zz", nil, nil)))
	add("NewRequest method", first(c.NewRequest(ctx, huge, "Organizations", nil, nil)))
	for name, err := range errs {
		assert.Less(t, len(err.Error()), 1024, "%s: %d bytes: %.200s", name, len(err.Error()), err.Error())
		var ve *ValidationError
		if errors.As(err, &ve) {
			for _, f := range ve.Fields {
				assert.Less(t, len(f.Reason), 1024, name)
			}
		}
	}
	assert.Zero(t, ts.apiRequests())

	// Answers: a huge task id, a huge failure status and a huge non-JSON task start.
	ts2 := newTestServer(t)
	c2 := ts2.client(t)
	ts2.Mux.HandleFunc("POST "+cspOrgPath("services/csp/usersAsync"), func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusAccepted, `{"taskId":"`+huge+`"}`)
	})
	_, _, err = c2.CSP.Users.BeginList(ctx, cspOrgID)
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 1024, "huge task id: %.200s", err.Error())
	ts2.Mux.HandleFunc("GET "+cspOrgPath("services/csp/usersAsync/t1"), func(w http.ResponseWriter, r *http.Request) {
		b, _ := json.Marshal(map[string]string{"status": huge})
		writeJSON(t, w, http.StatusOK, b)
	})
	p, err := c2.CSP.Users.ResumeList(clientToken(c2, cspUsersAsyncKind, map[string]string{"organizationId": cspOrgID, "taskId": "t1"}))
	require.NoError(t, err)
	_, err = p.Poll(ctx)
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 2048, "huge task status: %.200s", err.Error())
}

// The one clipping helper never cuts a character in two, and a validation message clips
// every text argument, whatever its type.
func TestClippingIsBoundedAndKeepsCharacters(t *testing.T) {
	for n := 0; n < 8; n++ {
		got := truncate(strings.Repeat("é€𝄞", 10), n)
		assert.True(t, utf8.ValidString(got), "truncate(_, %d) = %q", n, got)
		assert.LessOrEqual(t, len(got), n+len("..."))
	}
	assert.Equal(t, "abc", truncate("abc", 3))
	type named string
	for _, arg := range []any{strings.Repeat("x", 1<<20), []byte(strings.Repeat("x", 1<<20)), []byte(strings.Repeat("x", maxReasonText+1)),
		named(strings.Repeat("x", 1<<20)), WebhookTriggerEventType(strings.Repeat("x", 1<<20))} {
		r := invalid("f", "%q, %s and %v", arg, arg, arg).Error()
		assert.Less(t, len(r), 1024, "%T: %.100s", arg, r)
		var v validator
		v.fail("f", "%q", arg)
		assert.Less(t, len(v.err().Error()), 1024, "%T", arg)
	}
	assert.Equal(t, "cloudmore: invalid f: 3 \"ab\" [1 2]", invalid("f", "%d %q %v", 3, "ab", []int{1, 2}).Error())
}
