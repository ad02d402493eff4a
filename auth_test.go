package cloudmore

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// tokenHandler replaces the test server's token endpoint. It counts requests and hands out
// token-1, token-2, ... with the given expires_in (omitted when expiresIn < 0).
func tokenHandler(ts *testServer, expiresIn int, check func(r *http.Request)) {
	var n atomic.Int32
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		if check != nil {
			check(r)
		}
		i := n.Add(1)
		exp := ""
		if expiresIn >= 0 {
			exp = fmt.Sprintf(`,"expires_in":%d`, expiresIn)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"token-%d","token_type":"Bearer"%s}`, i, exp)
	})
}

func okHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `[]`)
}

func TestTokenIsReusedAcrossCalls(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	for range 3 {
		_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, ts.tokenRequests())
	assert.Equal(t, 3, ts.apiRequests())
	assert.Equal(t, 1, c.tokenRequests())
}

func TestTokenRequestIsExactlyAsCloudmoreDocuments(t *testing.T) {
	ts := newTestServer(t)
	var got *http.Request
	var form url.Values
	tokenHandler(ts, 3600, func(r *http.Request) {
		got = r.Clone(context.Background())
		require.NoError(t, r.ParseForm())
		form = r.PostForm
	})
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t)
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)

	// base64 of the plain "id:secret", not of query-escaped values as x/oauth2 would send.
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("ro.customer.client:"+testClientSecret))
	assert.Equal(t, want, got.Header.Get("Authorization"))
	assert.Equal(t, "application/x-www-form-urlencoded", got.Header.Get("Content-Type"))
	assert.Equal(t, url.Values{"grant_type": {"password"}, "username": {testUsername}, "password": {testPassword}, "scope": {"api"}}, form)
}

func TestClientSecretInBodyOption(t *testing.T) {
	ts := newTestServer(t)
	var auth string
	var form url.Values
	tokenHandler(ts, 3600, func(r *http.Request) {
		auth = r.Header.Get("Authorization")
		require.NoError(t, r.ParseForm())
		form = r.PostForm
	})
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t, WithClientSecretInBody())
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	assert.Empty(t, auth)
	assert.Equal(t, "ro.customer.client", form.Get("client_id"))
	assert.Equal(t, testClientSecret, form.Get("client_secret"))
	assert.Equal(t, "password", form.Get("grant_type"))
}

// fakeClock is a settable clock for token expiry tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) Add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

func TestTokenIsRefreshedBeforeExpiry(t *testing.T) {
	ts := newTestServer(t)
	clock := &fakeClock{t: time.Now()}
	// x/oauth2 computes Expiry from the real clock; 1000 s gives a margin of min(5m, 100s) = 100s.
	tokenHandler(ts, 1000, nil)
	var seen []string
	var mu sync.Mutex
	ts.Mux.HandleFunc("GET /api/healthcheck", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		okHandler(w, r)
	})
	c := ts.client(t, withClock(clock.Now))
	call := func() {
		_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
		require.NoError(t, err)
	}
	call()
	clock.Add(850 * time.Second) // before the margin: cached
	call()
	assert.Equal(t, 1, ts.tokenRequests())

	clock.Add(100 * time.Second) // inside the margin: the old token still serves, one refresh starts
	call()
	require.Eventually(t, func() bool {
		c.tokens.mu.Lock()
		defer c.tokens.mu.Unlock()
		return c.tokens.fetches == 2 && c.tokens.call == nil
	}, 5*time.Second, time.Millisecond)
	call()
	mu.Lock()
	assert.Equal(t, []string{"Bearer token-1", "Bearer token-1", "Bearer token-1", "Bearer token-2"}, seen)
	mu.Unlock()
	assert.Equal(t, 2, ts.tokenRequests())
}

func TestMissingExpiresInDoesNotMeanForever(t *testing.T) {
	ts := newTestServer(t)
	clock := &fakeClock{t: time.Now()}
	tokenHandler(ts, -1, nil)
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t, withClock(clock.Now))
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	clock.Add(defaultTokenLifetime + time.Second)
	_, err = c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, ts.tokenRequests())
}

func TestUnauthorizedReplaysOnceWithNewTokenAndSameBody(t *testing.T) {
	ts := newTestServer(t)
	tokenHandler(ts, 3600, nil)
	type seenReq struct{ auth, body string }
	var seen []seenReq
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = append(seen, seenReq{r.Header.Get("Authorization"), string(b)})
		if r.Header.Get("Authorization") == "Bearer token-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Location", "/api/resellers/"+testResellerID+"/Organizations/96381c60-2f01-4042-9746-66c8b8e7bef9")
		w.WriteHeader(http.StatusCreated)
	})
	c := ts.client(t)
	p, err := c.brokerPath("Organizations")
	require.NoError(t, err)
	created, resp, err := c.create(context.Background(), p, map[string]string{"name": "Acme"})
	require.NoError(t, err)
	assert.Equal(t, "96381c60-2f01-4042-9746-66c8b8e7bef9", created.ID)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	require.Len(t, seen, 2)
	assert.Equal(t, seenReq{"Bearer token-1", `{"name":"Acme"}`}, seen[0])
	assert.Equal(t, seenReq{"Bearer token-2", `{"name":"Acme"}`}, seen[1])
	assert.Equal(t, 2, ts.tokenRequests())
}

func TestUnauthorizedTwiceIsAnError(t *testing.T) {
	ts := newTestServer(t)
	tokenHandler(ts, 3600, nil)
	ts.Mux.HandleFunc("GET /api/healthcheck", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	})
	c := ts.client(t)
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 2, ts.apiRequests(), "one replay, no more")
	assert.Equal(t, 2, ts.tokenRequests())
}

func TestColdClientFetchesOneTokenFor256Callers(t *testing.T) {
	ts := newTestServer(t)
	release := make(chan struct{})
	tokenHandler(ts, 3600, func(*http.Request) { <-release })
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t)
	var wg sync.WaitGroup
	errs := make(chan error, 256)
	for range 256 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
			errs <- err
		}()
	}
	time.Sleep(20 * time.Millisecond) // let the callers pile up behind the one fetch
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, ts.tokenRequests())
	assert.Equal(t, 256, ts.apiRequests())
}

func TestWrongPasswordAsksTheTokenEndpointOnce(t *testing.T) {
	ts := newTestServer(t)
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		time.Sleep(10 * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant","error_description":"invalid_username_or_password"}`)
	})
	c := ts.client(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
			errs <- err
		}()
	}
	wg.Wait()
	for range 10 {
		_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
		errs <- err
	}
	close(errs)
	for err := range errs {
		var ae *AuthError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "invalid_grant", ae.Code)
		assert.ErrorIs(t, err, ErrAuth)
		assertNoSecret(t, err.Error())
	}
	assert.Equal(t, 1, ts.tokenRequests(), "a refused password must not be tried again and again")
	assert.Zero(t, ts.apiRequests())
}

func TestInvalidClientIsAnAuthError(t *testing.T) {
	ts := newTestServer(t)
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":"invalid_client"}`)
	})
	c := ts.client(t)
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	var ae *AuthError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "invalid_client", ae.Code)
	assert.Equal(t, http.StatusUnauthorized, ae.StatusCode)
	assert.Contains(t, err.Error(), "client id and client secret")
	assert.Equal(t, 1, ts.tokenRequests())
}

func TestTokenEndpointOutageIsRetriedEvenForPOST(t *testing.T) {
	ts := newTestServer(t)
	var n atomic.Int32
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		if n.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"`+testToken+`","expires_in":3600,"token_type":"Bearer"}`)
	})
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	c := ts.client(t)
	p, _ := c.brokerPath("Organizations")
	_, resp, err := c.create(context.Background(), p, map[string]string{"name": "x"})
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, 2, ts.tokenRequests())
	assert.Equal(t, 1, ts.apiRequests(), "the POST itself was sent once")
}

func TestEachWaiterIsBoundByItsOwnContext(t *testing.T) {
	ts := newTestServer(t)
	release := make(chan struct{})
	tokenHandler(ts, 3600, func(*http.Request) { <-release })
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t)

	patient := make(chan error, 1)
	go func() {
		_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
		patient <- err
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := c.get(ctx, "/api/healthcheck", nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)

	close(release) // the shared fetch was not cancelled by the impatient caller
	require.NoError(t, <-patient)
	assert.Equal(t, 1, ts.tokenRequests())
}

func TestBearerTokenIsNeverSentToAnotherHost(t *testing.T) {
	var otherAuth atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherAuth.Store("seen:" + r.Header.Get("Authorization"))
		okHandler(w, r)
	}))
	defer other.Close()
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/healthcheck", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/blob", http.StatusFound)
	})
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "seen:", otherAuth.Load(), "the other host must get no Authorization header")
}

func TestTokenSourceOption(t *testing.T) {
	ts := newTestServer(t)
	var auths []string
	ts.Mux.HandleFunc("GET /api/healthcheck", func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization"))
		if len(auths) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		okHandler(w, r)
	})
	var n atomic.Int32
	src := tokenSourceFunc(func() (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: fmt.Sprintf("mine-%d", n.Add(1)), Expiry: time.Now().Add(time.Hour)}, nil
	})
	c, err := NewClient(WithBaseURL(ts.URL), WithTokenSource(src), WithResellerID(testResellerID))
	require.NoError(t, err)
	_, err = c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"Bearer mine-1", "Bearer mine-2"}, auths)
	assert.Zero(t, ts.tokenRequests())
}

type tokenSourceFunc func() (*oauth2.Token, error)

func (f tokenSourceFunc) Token() (*oauth2.Token, error) { return f() }

// assertNoSecret fails if s contains the test password, client secret or an access token.
func assertNoSecret(t *testing.T, s string) {
	t.Helper()
	for _, secret := range []string{testPassword, testClientSecret, url.QueryEscape(testClientSecret), testToken, "token-1", "token-2"} {
		assert.NotContains(t, s, secret)
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ts := newTestServer(t)
	var calls atomic.Int32
	ts.Mux.HandleFunc("GET /api/healthcheck", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		okHandler(w, r)
	})
	c := ts.client(t, WithLogger(logger))
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	require.NoError(t, err)
	logger.Info("credentials", "creds", testCreds)

	var out strings.Builder
	for _, v := range []any{testCreds, &testCreds, c, *c, c.tokens} {
		fmt.Fprintf(&out, "%v\n%+v\n%#v\n%s\n", v, v, v, v)
	}
	assert.Contains(t, out.String(), "REDACTED")
	assertNoSecret(t, out.String())
	assert.Contains(t, logs.String(), "cloudmore: request")
	assertNoSecret(t, logs.String())
	assert.NotContains(t, logs.String(), "Bearer")
}

func TestPermanentAuthFailureIsRemembered(t *testing.T) {
	m := &tokenManager{now: time.Now, fetch: func(context.Context) (*oauth2.Token, error) {
		return nil, &AuthError{StatusCode: 400, Code: "invalid_grant"}
	}}
	_, err1 := m.token(context.Background())
	_, err2 := m.token(context.Background())
	require.Error(t, err1)
	assert.Same(t, err1, err2)
	assert.Equal(t, 1, m.tokenRequests())
	assert.False(t, errors.Is(err1, ErrUnauthorized))
}

// TestRefusedRefreshIsNotRepeatedByEveryCall: a password that Cloudmore starts refusing while
// a token is still in use (rotated, say) must not be sent again on every call of the token's
// last minutes: that is how accounts get locked.
func TestRefusedRefreshIsNotRepeatedByEveryCall(t *testing.T) {
	ts := newTestServer(t)
	clock := &fakeClock{t: time.Now()}
	var refuse atomic.Bool
	var n atomic.Int32
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if refuse.Load() {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error":"invalid_grant"}`)
			return
		}
		fmt.Fprintf(w, `{"access_token":"token-%d","expires_in":1000,"token_type":"Bearer"}`, n.Add(1))
	})
	ts.Mux.HandleFunc("GET /api/healthcheck", okHandler)
	c := ts.client(t, withClock(clock.Now))
	call := func() error {
		_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
		return err
	}
	require.NoError(t, call())
	refuse.Store(true)
	clock.Add(950 * time.Second) // inside the refresh margin, the token still serves
	waitIdle := func() {
		require.Eventually(t, func() bool {
			c.tokens.mu.Lock()
			defer c.tokens.mu.Unlock()
			return c.tokens.call == nil
		}, 5*time.Second, time.Millisecond)
	}
	for range 50 {
		require.NoError(t, call())
		waitIdle()
	}
	assert.Equal(t, 2, ts.tokenRequests(), "one refused refresh, then quiet")

	clock.Add(60 * time.Second) // the token has expired and the refusal is remembered
	err := call()
	var ae *AuthError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 2, ts.tokenRequests())

	refuse.Store(false)
	clock.Add(authFailureCooldown) // after the cool-down the grant is tried again
	require.NoError(t, call())
	assert.Equal(t, 3, ts.tokenRequests())
}

// TestStaleUnauthorizedLeavesTheNewerTokenAlone: a 401 for a token another caller already
// replaced drops nothing.
func TestStaleUnauthorizedLeavesTheNewerTokenAlone(t *testing.T) {
	var n atomic.Int32
	m := &tokenManager{now: time.Now, fetch: func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: fmt.Sprintf("token-%d", n.Add(1)), ExpiresIn: 3600}, nil
	}}
	first, err := m.token(context.Background())
	require.NoError(t, err)
	m.invalidate(first)
	second, err := m.token(context.Background())
	require.NoError(t, err)
	require.Equal(t, "token-2", second.value)
	m.invalidate(first) // a late 401 for token-1
	third, err := m.token(context.Background())
	require.NoError(t, err)
	assert.Same(t, second, third)
	assert.Equal(t, 2, m.tokenRequests())
}
