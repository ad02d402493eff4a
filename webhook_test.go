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
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testHookCreds = WebhookCredentials{Username: "cm-user", Password: "s3cret-pass", HeaderName: "X-Hook-Token", HeaderValue: "header-secret"}

const testEventBody = `{"brokerId":"3c913dd6-f094-4bf7-9c71-e1716ae34d50","serviceId":"8806367b-001a-4632-afb4-27a7fad7660c","organizationId":"ff0eb40d-26f9-4cbb-b431-10fe66bc838e","subsriptionId":"6a2e1c0d-4b3f-4e5a-9c8d-7f6e5d4c3b2a","bodyOnlyMarker":{"x":1}}`

// hookRequest is an authenticated POST of body to /cm/<typ>.
func hookRequest(typ, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/cm/"+typ, strings.NewReader(body))
	r.SetBasicAuth(testHookCreds.Username, testHookCreds.Password)
	r.Header.Set(testHookCreds.HeaderName, testHookCreds.HeaderValue)
	r.Header.Set("Content-Type", "application/json")
	return r
}

// testReceiver is a receiver whose handlers record the events, logging into logs.
func testReceiver(logs *bytes.Buffer) (*WebhookReceiver, *[]*WebhookEvent) {
	var mu sync.Mutex
	var got []*WebhookEvent
	rec := func(ctx context.Context, ev *WebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev)
		return nil
	}
	r := NewWebhookReceiver(testHookCreds)
	r.Logger = slog.New(slog.NewTextHandler(logs, nil))
	for _, t := range WebhookTriggerEventTypes() {
		r.On(t, rec)
	}
	return r, &got
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestWebhookReceiverDecodesAndDispatches(t *testing.T) {
	var logs bytes.Buffer
	recv, got := testReceiver(&logs)
	w := serve(recv, hookRequest("SubscriptionCreated", testEventBody))
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
	require.Len(t, *got, 1)
	ev := (*got)[0]
	assert.Equal(t, WebhookSubscriptionCreated, ev.Type)
	assert.Equal(t, "3c913dd6-f094-4bf7-9c71-e1716ae34d50", ev.BrokerID)
	assert.Equal(t, "8806367b-001a-4632-afb4-27a7fad7660c", ev.ServiceID)
	assert.Equal(t, "ff0eb40d-26f9-4cbb-b431-10fe66bc838e", ev.OrganizationID)
	assert.Equal(t, "6a2e1c0d-4b3f-4e5a-9c8d-7f6e5d4c3b2a", ev.SubscriptionID, "the demo receiver's spelling subsriptionId")
	assert.JSONEq(t, testEventBody, string(ev.Raw), "the whole payload is kept")

	// The other spelling, a trailing slash and another casing of the type.
	w = serve(recv, hookRequest("subscriptioncancelled/", `{"subscriptionId":"abc"}`))
	require.Equal(t, http.StatusNoContent, w.Code)
	ev = (*got)[1]
	assert.Equal(t, WebhookSubscriptionCancelled, ev.Type)
	assert.Equal(t, "abc", ev.SubscriptionID)
}

func TestWebhookReceiverAuthentication(t *testing.T) {
	for _, tc := range []struct {
		name   string
		creds  WebhookCredentials
		mutate func(r *http.Request)
		want   int
	}{
		{"both parts right", testHookCreds, func(r *http.Request) {}, http.StatusNoContent},
		{"no authentication", testHookCreds, func(r *http.Request) { r.Header.Del("Authorization"); r.Header.Del("X-Hook-Token") }, http.StatusUnauthorized},
		{"wrong password", testHookCreds, func(r *http.Request) { r.SetBasicAuth("cm-user", "s3cret-pasS") }, http.StatusUnauthorized},
		{"wrong user", testHookCreds, func(r *http.Request) { r.SetBasicAuth("cm-use", "s3cret-pass") }, http.StatusUnauthorized},
		{"password prefix", testHookCreds, func(r *http.Request) { r.SetBasicAuth("cm-user", "s3cret") }, http.StatusUnauthorized},
		{"no Basic, header right", testHookCreds, func(r *http.Request) { r.Header.Del("Authorization") }, http.StatusUnauthorized},
		{"Basic right, header missing", testHookCreds, func(r *http.Request) { r.Header.Del("X-Hook-Token") }, http.StatusUnauthorized},
		{"Basic right, header wrong", testHookCreds, func(r *http.Request) { r.Header.Set("X-Hook-Token", "header-secreT") }, http.StatusUnauthorized},
		{"header sent twice", testHookCreds, func(r *http.Request) { r.Header.Add("X-Hook-Token", "header-secret") }, http.StatusUnauthorized},
		{"Basic only configured", WebhookCredentials{Username: "cm-user", Password: "s3cret-pass"}, func(r *http.Request) { r.Header.Del("X-Hook-Token") }, http.StatusNoContent},
		{"header only configured", WebhookCredentials{HeaderName: "x-hook-token", HeaderValue: "header-secret"}, func(r *http.Request) { r.Header.Del("Authorization") }, http.StatusNoContent},
		{"header only configured, wrong value", WebhookCredentials{HeaderName: "X-Hook-Token", HeaderValue: "other"}, func(r *http.Request) {}, http.StatusUnauthorized},
		{"nothing configured refuses everything", WebhookCredentials{}, func(r *http.Request) {}, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			recv, got := testReceiver(&logs)
			recv.SetCredentials(tc.creds)
			r := hookRequest("BrokerAddService", testEventBody)
			tc.mutate(r)
			w := serve(recv, r)
			assert.Equal(t, tc.want, w.Code)
			if tc.want == http.StatusUnauthorized {
				assert.Empty(t, *got, "no handler runs for an unauthenticated call")
			}
		})
	}
}

func TestWebhookReceiverRefusesOtherMethods(t *testing.T) {
	var logs bytes.Buffer
	recv, got := testReceiver(&logs)
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		r := hookRequest("BrokerAddService", testEventBody)
		r.Method = m
		w := serve(recv, r)
		assert.Equal(t, http.StatusMethodNotAllowed, w.Code, m)
		assert.Equal(t, "POST", w.Header().Get("Allow"))
	}
	assert.Empty(t, *got)
	recv.Methods = []string{http.MethodPost, http.MethodPut}
	r := hookRequest("SubscriptionUpdated", testEventBody)
	r.Method = http.MethodPut
	assert.Equal(t, http.StatusNoContent, serve(recv, r).Code, "PUT once allowed")
}

func TestWebhookReceiverBoundsTheBody(t *testing.T) {
	var logs bytes.Buffer
	recv, got := testReceiver(&logs)
	recv.MaxBody = 100
	big := `{"serviceId":"` + strings.Repeat("a", 200) + `"}`
	w := serve(recv, hookRequest("BrokerAddService", big))
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code, "Content-Length past the limit")

	r := hookRequest("BrokerAddService", big)
	r.ContentLength = -1 // chunked: only reading finds out
	r.Body = io.NopCloser(strings.NewReader(big))
	assert.Equal(t, http.StatusRequestEntityTooLarge, serve(recv, r).Code, "a body without Content-Length")
	assert.Empty(t, *got)

	exact := `{"serviceId":"` + strings.Repeat("a", 100-len(`{"serviceId":""}`)) + `"}`
	require.Len(t, exact, 100)
	assert.Equal(t, http.StatusNoContent, serve(recv, hookRequest("BrokerAddService", exact)).Code, "exactly the limit")

	recv.MaxBody = 0
	huge := `{"serviceId":"` + strings.Repeat("a", DefaultWebhookMaxBody) + `"}`
	assert.Equal(t, http.StatusRequestEntityTooLarge, serve(recv, hookRequest("BrokerAddService", huge)).Code, "the default limit")
}

func TestWebhookReceiverRefusesMalformedBodies(t *testing.T) {
	var logs bytes.Buffer
	recv, got := testReceiver(&logs)
	for _, body := range []string{"", "   ", "not json", `{"serviceId":`, `["a"]`, `"text"`, `42`, `null`, `{"a":1}x`} {
		w := serve(recv, hookRequest("BrokerAddService", body))
		assert.Equal(t, http.StatusBadRequest, w.Code, "%q", body)
	}
	assert.Empty(t, *got)
	// Ids sent as numbers or null do not fail the decode.
	w := serve(recv, hookRequest("BrokerAddService", `{"serviceId":12,"brokerId":null}`))
	assert.Equal(t, http.StatusNoContent, w.Code)
	assert.Equal(t, "12", (*got)[0].ServiceID)
}

func TestWebhookReceiverCallbackErrorIs500(t *testing.T) {
	var logs bytes.Buffer
	recv, _ := testReceiver(&logs)
	recv.On(WebhookSubscriptionCreated, func(ctx context.Context, ev *WebhookEvent) error {
		return errors.New("back end down")
	})
	w := serve(recv, hookRequest("SubscriptionCreated", testEventBody))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, w.Body.String(), "back end down", "the error stays in the log")
	assert.Contains(t, logs.String(), "back end down")
	assert.Contains(t, logs.String(), "SubscriptionCreated")
}

func TestWebhookReceiverRecoversAPanic(t *testing.T) {
	var logs bytes.Buffer
	recv, _ := testReceiver(&logs)
	recv.On(WebhookBrokerAddService, func(ctx context.Context, ev *WebhookEvent) error {
		var m map[string]int
		//lint:ignore SA5000 the panic is the point of the test
		m["boom"]++ // a nil-map panic
		return nil
	})
	var w *httptest.ResponseRecorder
	require.NotPanics(t, func() { w = serve(recv, hookRequest("BrokerAddService", testEventBody)) })
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	out := logs.String()
	assert.Contains(t, out, "panicked")
	assert.Contains(t, out, "assignment to entry in nil map")
	for _, secret := range []string{testHookCreds.Password, testHookCreds.HeaderValue, "bodyOnlyMarker"} {
		assert.NotContains(t, out, secret, "no credentials or body in the log")
	}
}

func TestWebhookReceiverPassesUnknownTypesThrough(t *testing.T) {
	var logs bytes.Buffer
	recv, got := testReceiver(&logs)
	// Without a fallback an unknown type is a 5xx, never a silent 2xx.
	w := serve(recv, hookRequest("SubscriptionSuspended", testEventBody))
	assert.Equal(t, http.StatusNotImplemented, w.Code)
	assert.Empty(t, *got)

	var unknown []*WebhookEvent
	recv.OnUnknown(func(ctx context.Context, ev *WebhookEvent) error { unknown = append(unknown, ev); return nil })
	w = serve(recv, hookRequest("SubscriptionSuspended", testEventBody))
	assert.Equal(t, http.StatusNoContent, w.Code)
	require.Len(t, unknown, 1)
	assert.Equal(t, WebhookTriggerEventType("SubscriptionSuspended"), unknown[0].Type)
	assert.False(t, unknown[0].Type.Known())
	assert.Equal(t, "8806367b-001a-4632-afb4-27a7fad7660c", unknown[0].ServiceID)
	assert.Empty(t, *got)

	// A known type without its own handler goes to the fallback too.
	r2 := NewWebhookReceiver(testHookCreds).OnUnknown(func(ctx context.Context, ev *WebhookEvent) error { unknown = append(unknown, ev); return nil })
	assert.Equal(t, http.StatusNoContent, serve(r2, hookRequest("BrokerDeleteService", "{}")).Code)
	assert.Equal(t, WebhookBrokerDeleteService, unknown[1].Type)
}

func TestGenerateWebhookCredentials(t *testing.T) {
	a, err := GenerateWebhookCredentials()
	require.NoError(t, err)
	b, err := GenerateWebhookCredentials()
	require.NoError(t, err)
	assert.NotEqual(t, a.Password, b.Password)
	assert.NotEqual(t, a.HeaderValue, b.HeaderValue)
	assert.GreaterOrEqual(t, len(a.Password), 43, "256 bits")
	assert.Equal(t, "X-Cloudmore-Webhook-Token: "+a.HeaderValue, a.HTTPHeader())
	assert.Empty(t, WebhookCredentials{Username: "u"}.HTTPHeader())
}

func TestWebhookURL(t *testing.T) {
	u, err := WebhookURL("https://connector.example/cloudmore/", WebhookSubscriptionCreated)
	require.NoError(t, err)
	assert.Equal(t, "https://connector.example/cloudmore/SubscriptionCreated", u)
	u, err = WebhookURL("https://connector.example/cloudmore", WebhookBrokerAddService)
	require.NoError(t, err)
	assert.Equal(t, "https://connector.example/cloudmore/BrokerAddService", u)
}

// TestRegisterWebhooksIsIdempotent runs Register twice against a small stateful webhook API:
// the first run creates one webhook per type, the second updates them (new credentials), and
// a webhook of another service is left alone.
func TestRegisterWebhooksIsIdempotent(t *testing.T) {
	ctx := context.Background()
	c, ts := sellerSetup(t)
	var mu sync.Mutex
	hooks := map[string]map[string]any{
		"00000000-0000-4000-8000-000000000001": {"id": "00000000-0000-4000-8000-000000000001", "serviceId": "11111111-1111-4111-8111-111111111111", "triggerEventType": "BrokerAddService", "url": "https://other.example/"},
	}
	n := 1
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		list := []map[string]any{}
		for _, h := range hooks {
			list = append(list, h)
		}
		writeJSON(t, w, http.StatusOK, list)
	})
	ts.Mux.HandleFunc("POST /api/sellers/{sid}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		var h map[string]any
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&h)) {
			return
		}
		n++
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
		h["id"] = id
		hooks[id] = h
		w.Header().Set("Location", sellerPath("webhooks/"+id))
		w.WriteHeader(http.StatusCreated)
	})
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		var h map[string]any
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&h)) {
			return
		}
		h["id"] = r.PathValue("id")
		hooks[r.PathValue("id")] = h
		w.WriteHeader(http.StatusNoContent)
	})

	types := []WebhookTriggerEventType{WebhookBrokerAddService, WebhookSubscriptionCreated}
	reg1, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://connector.example/cm/", types, nil)
	require.NoError(t, err)
	require.Len(t, reg1.Webhooks, 2)
	assert.True(t, reg1.Webhooks[0].Created && reg1.Webhooks[1].Created)
	assert.Equal(t, "https://connector.example/cm/SubscriptionCreated", reg1.Webhooks[1].URL)
	assert.Len(t, hooks, 3)
	h := hooks[reg1.Webhooks[1].ID]
	assert.Equal(t, reg1.Credentials.Username, h["basicAuthUserName"])
	assert.Equal(t, reg1.Credentials.Password, h["basicAuthPassword"])
	assert.Equal(t, reg1.Credentials.HTTPHeader(), h["httpHeader"])
	assert.Equal(t, "OnlyTriggerAction", h["messageToSendType"])

	reg2, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://connector.example/cm2/", types, nil)
	require.NoError(t, err)
	assert.Len(t, hooks, 3, "a second run updates, it does not duplicate")
	for i := range types {
		assert.False(t, reg2.Webhooks[i].Created)
		assert.Equal(t, reg1.Webhooks[i].ID, reg2.Webhooks[i].ID)
	}
	assert.NotEqual(t, reg1.Credentials.Password, reg2.Credentials.Password, "fresh credentials each run")
	assert.Equal(t, reg2.Credentials.Password, hooks[reg2.Webhooks[0].ID]["basicAuthPassword"])
	assert.Equal(t, "https://connector.example/cm2/BrokerAddService", hooks[reg2.Webhooks[0].ID]["url"])
	assert.Equal(t, "https://other.example/", hooks["00000000-0000-4000-8000-000000000001"]["url"], "another service's webhook is untouched")

	// Given credentials are used as they are.
	creds := WebhookCredentials{Username: "u", Password: "p"}
	reg3, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://connector.example/cm/", types[:1], &RegisterWebhooksSettings{Credentials: &creds, NamePrefix: "x-"})
	require.NoError(t, err)
	assert.Equal(t, creds, reg3.Credentials)
	assert.Equal(t, "x-BrokerAddService", hooks[reg3.Webhooks[0].ID]["name"])
	_, hasHeader := hooks[reg3.Webhooks[0].ID]["httpHeader"]
	assert.False(t, hasHeader, "no header part, no httpHeader")
}
