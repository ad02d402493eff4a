package cloudmore

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Distinctive secrets: none may appear in logs, errors, printed or marshalled values.
const (
	leakClientSecret = "CS-leak-7f3a9e"
	leakPassword     = "PW-leak-52c1d0"
	leakToken        = "TK-leak-e81b44"
	leakHookPassword = "WH-leak-0c9d2f"
	leakHookHeader   = "HV-leak-a4f7e3"
	leakAdminPass    = "AP-leak-19be6c"
	leakUserPass     = "UP-leak-d2a8f1"
)

var leakSecrets = []string{leakClientSecret, leakPassword, leakToken, leakHookPassword, leakHookHeader, leakAdminPass, leakUserPass}

// syncBuffer is a bytes.Buffer safe for the handler goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// assertNoSecret fails when any leak secret appears in s.
func assertNoLeak(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range leakSecrets {
		if i := strings.Index(s, secret); i >= 0 {
			t.Errorf("%s shows %s: ...%s...", what, secret, s[max(0, i-60):min(len(s), i+len(secret)+20)])
		}
	}
}

// assertValueHidesSecrets prints v with %v, %+v, %#v and %s, marshals it, and for an error
// checks Error() and the chain.
func assertValueHidesSecrets(t *testing.T, what string, v any) {
	t.Helper()
	if isNilValue(v) {
		return
	}
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		assertNoLeak(t, what+" "+verb, fmt.Sprintf(verb, v))
	}
	if err, ok := v.(error); ok {
		for e := err; e != nil; e = errors.Unwrap(e) {
			assertNoLeak(t, what+" Error()", e.Error())
		}
		return
	}
	if b, err := json.Marshal(v); err == nil {
		assertNoLeak(t, what+" json", string(b))
	}
}

func TestSecretsNeverShow(t *testing.T) {
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	jsonLogs := &syncBuffer{}
	jsonLogger := slog.New(slog.NewJSONHandler(jsonLogs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.Header.Get("Authorization"), "the token went to another host")
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[]`)
	}))
	defer other.Close()

	var listCalls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"`+leakToken+`","expires_in":3600,"token_type":"Bearer"}`)
	})
	quote := "token " + leakToken + " password " + leakPassword + " secret " + leakClientSecret
	mux.HandleFunc("GET /api/resellers/{r}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		if listCalls.Add(1) == 1 {
			http.Error(w, `{"message":"expired `+leakToken+`"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"id":"`+hostileID+`","name":"Contoso"}]`)
	})
	mux.HandleFunc("GET /api/resellers/{r}/Organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"`+quote+`"}]`)
	})
	mux.HandleFunc("GET /api/resellers/{r}/OrganizationGroups", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/list?access_token="+leakToken, http.StatusFound)
	})
	mux.HandleFunc("POST /api/resellers/{r}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/create?access_token="+leakToken, http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("POST /api/resellers/{r}/organizations/{o}/Users", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/api/x/"+hostileID)
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"`+hostileID+`","message":"`+leakToken) // cut
	})
	mux.HandleFunc("POST /api/resellers/{r}/ResellerAdministrators", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "<html><title>"+quote+"</title></html>", http.StatusInternalServerError)
	})
	mux.HandleFunc("POST /api/sellers/{s}/SellerAdministrators", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/api/x/"+hostileID)
		w.WriteHeader(http.StatusCreated)
	})
	var hooksMu sync.Mutex
	hooks := []map[string]any{}
	mux.HandleFunc("GET /api/sellers/{s}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		hooksMu.Lock()
		defer hooksMu.Unlock()
		_ = json.NewEncoder(w).Encode(hooks)
	})
	mux.HandleFunc("GET /api/sellers/{s}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id":"`+hostileID+`","serviceId":"`+sellerTestServiceID+`","url":"https://c.example/h","httpHeader":"X-Token: `+
			leakHookHeader+`","basicAuthUserName":"cm","triggerEventType":"SubscriptionCreated"}`)
	})
	mux.HandleFunc("POST /api/sellers/{s}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		hooksMu.Lock()
		m["id"] = hostileID
		hooks = append(hooks, m)
		hooksMu.Unlock()
		w.Header().Set("Location", "/api/x/"+hostileID)
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("PUT /api/sellers/{s}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	creds := Credentials{ClientSecret: leakClientSecret, Username: "api@broker.example", Password: leakPassword}
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(creds), WithResellerID(testResellerID), WithSellerID(testSellerID),
		WithLogger(logger), WithRetry(NoRetries()))
	require.NoError(t, err)
	ctx := context.Background()

	var returned []any
	keep := func(vs ...any) { returned = append(returned, vs...) }

	orgs, resp, err := c.Organizations.List(ctx, nil) // a 401 replayed with a new token
	require.NoError(t, err)
	require.Len(t, orgs, 1)
	keep(orgs, resp, resp.Request, resp.Header)
	org, resp, err := c.Organizations.Get(ctx, hostileID) // an error quoting every secret
	require.Error(t, err)
	keep(org, resp, err)
	groups, resp, err := c.Broker.OrganizationGroups.List(ctx) // a GET redirect to another host
	keep(groups, resp, err)
	cr, resp, err := c.Organizations.Create(ctx, validOrganization()) // a POST redirect
	var re *RedirectError
	require.ErrorAs(t, err, &re)
	keep(cr, resp, err)
	userReq := &CreateUserRequest{Name: "ann@contoso.example", Password: leakUserPass, FirstName: "Ann", LastName: "Lee"}
	cr, resp, err = c.Users.Create(ctx, hostileID, userReq) // a 201 cut off
	require.Error(t, err)
	keep(cr, resp, err)
	adminReq := &CreateBrokerAdministratorRequest{Name: "Bob", Email: "bob@broker.example", Password: leakAdminPass}
	cr, resp, err = c.Broker.Administrators.Create(ctx, adminReq) // a 500 in HTML quoting secrets
	require.Error(t, err)
	keep(cr, resp, err)
	sellerAdminReq := &CreateSellerAdministratorRequest{Name: "Eve", Password: leakAdminPass}
	cr, resp, err = c.Seller.Administrators.Create(ctx, sellerAdminReq)
	require.NoError(t, err)
	keep(cr, resp)
	hookCreds := WebhookCredentials{Username: "cm", Password: leakHookPassword, HeaderName: "X-Token", HeaderValue: leakHookHeader}
	reg, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://connector.example/cm",
		[]WebhookTriggerEventType{WebhookSubscriptionCreated}, &RegisterWebhooksSettings{Credentials: &hookCreds})
	require.NoError(t, err)
	keep(reg, reg.Credentials)
	hook, resp, err := c.Seller.Webhooks.Get(ctx, hostileID)
	require.NoError(t, err)
	keep(hook, resp)

	// A refused password: the *AuthError quotes the OAuth description, without the secrets.
	authSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant","error_description":"password `+leakPassword+` secret `+leakClientSecret+`"}`)
	}))
	defer authSrv.Close()
	bad, err := NewClient(WithBaseURL(authSrv.URL), WithCredentials(creds), WithResellerID(testResellerID), WithLogger(logger))
	require.NoError(t, err)
	_, resp, err = bad.Organizations.List(ctx, nil)
	var ae *AuthError
	require.ErrorAs(t, err, &ae)
	keep(resp, err)
	keep(c, bad, creds)

	// The webhook receiver: a panicking callback and refused calls are logged without the
	// credentials.
	recv := NewWebhookReceiver(hookCreds)
	recv.Logger = jsonLogger
	recv.On(WebhookSubscriptionCreated, func(ctx context.Context, ev *WebhookEvent) error {
		panic("callback panicked")
	})
	recv.On(WebhookSubscriptionCancelled, func(ctx context.Context, ev *WebhookEvent) error {
		return errors.New("back end down")
	})
	for _, tc := range []struct {
		user, pass, header string
		event              string
	}{
		{"cm", leakHookPassword, leakHookHeader, "SubscriptionCreated"},
		{"cm", leakHookPassword, leakHookHeader, "SubscriptionCancelled"},
		{"cm", leakHookPassword + "x", leakHookHeader, "SubscriptionCreated"},
		{"cm", leakHookPassword, leakHookHeader + "x", "SubscriptionCreated"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/cm/"+tc.event, strings.NewReader(`{"triggerEventType":"`+tc.event+`","organizationId":"`+hostileID+`"}`))
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(tc.user+":"+tc.pass)))
		req.Header.Set("X-Token", tc.header)
		w := httptest.NewRecorder()
		recv.ServeHTTP(w, req)
		assertNoLeak(t, "webhook answer", w.Body.String())
		assert.GreaterOrEqual(t, w.Code, 400)
	}
	keep(recv)

	for i, v := range returned {
		assertValueHidesSecrets(t, fmt.Sprintf("returned value %d (%T)", i, v), v)
	}

	// Request types carrying passwords print and log without them. json.Marshal is their
	// wire form, what Cloudmore needs: it carries the password by design.
	for _, v := range []any{
		userReq, *userReq, &UpdateUserRequest{Password: leakUserPass}, UpdateUserRequest{Password: leakUserPass},
		adminReq, *adminReq, sellerAdminReq, *sellerAdminReq,
		&CreateSellerWebhookRequest{BasicAuthPassword: leakHookPassword, HTTPHeader: "X-Token: " + leakHookHeader},
		CreateSellerWebhookRequest{BasicAuthPassword: leakHookPassword, HTTPHeader: "X-Token: " + leakHookHeader},
		&UpdateSellerWebhookRequest{BasicAuthPassword: leakHookPassword, HTTPHeader: "X-Token: " + leakHookHeader},
		UpdateSellerWebhookRequest{BasicAuthPassword: leakHookPassword, HTTPHeader: "X-Token: " + leakHookHeader},
		hookCreds, &hookCreds, &RegisterWebhooksSettings{Credentials: &hookCreds},
	} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			assertNoLeak(t, fmt.Sprintf("%T %s", v, verb), fmt.Sprintf(verb, v))
		}
		logger.Info("request", "body", v)
		jsonLogger.Info("request", "body", v)
	}
	b, err := json.Marshal(userReq)
	require.NoError(t, err)
	assert.Contains(t, string(b), leakUserPass, "the wire body carries the password Cloudmore needs")

	assert.NotEmpty(t, logs.String())
	assertNoLeak(t, "debug log", logs.String())
	assertNoLeak(t, "json log", jsonLogs.String())
	assert.Contains(t, jsonLogs.String(), "callback panicked")
}
