package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hookAPI is a small stateful seller webhook API: the hooks it holds, the credentials each one
// carries, and a PUT that fails when failPut says so.
type hookAPI struct {
	mu      sync.Mutex
	hooks   []map[string]any
	puts    int
	failPut func(n int) bool
	onPut   func(incoming WebhookCredentials) // called before a PUT is applied, with the lock held
}

// carried is the credentials a stored hook carries.
func carried(h map[string]any) WebhookCredentials {
	s := func(k string) string { v, _ := h[k].(string); return v }
	c := WebhookCredentials{Username: s("basicAuthUserName"), Password: s("basicAuthPassword")}
	if name, value, ok := strings.Cut(s("httpHeader"), ": "); ok {
		c.HeaderName, c.HeaderValue = name, value
	}
	return c
}

func (a *hookAPI) routes(t *testing.T, ts *testServer) {
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		defer a.mu.Unlock()
		writeJSON(t, w, http.StatusOK, a.hooks)
	})
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		defer a.mu.Unlock()
		a.puts++
		var h map[string]any
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&h)) {
			return
		}
		if a.onPut != nil {
			a.onPut(carried(h))
		}
		if a.failPut != nil && a.failPut(a.puts) {
			http.Error(w, `{"message":"refused"}`, http.StatusBadRequest)
			return
		}
		for i := range a.hooks {
			if a.hooks[i]["id"] == r.PathValue("id") {
				h["id"] = r.PathValue("id")
				a.hooks[i] = h
			}
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// accepts reports whether recv lets a call signed with c through (anything but 401).
func accepts(recv *WebhookReceiver, c WebhookCredentials) bool {
	r := hookRequest(string(WebhookBrokerAddService), "{}")
	r.Header.Del(testHookCreds.HeaderName)
	r.Header.Del("Authorization")
	if c.Username != "" {
		r.SetBasicAuth(c.Username, c.Password)
	}
	if c.HeaderName != "" {
		r.Header.Set(c.HeaderName, c.HeaderValue)
	}
	return serve(recv, r).Code != http.StatusUnauthorized
}

// TestRegisterRotatesWithoutAGap: Register is given the receiver. The 2nd of 3 updates fails:
// at every update the receiver accepted both the set each hook carried and the new one; after
// the failure it still accepts both, and the result says per hook which set it carries. A
// second run (fresh credentials) completes the rotation: from then on only the newest set is
// accepted.
func TestRegisterRotatesWithoutAGap(t *testing.T) {
	ctx := context.Background()
	c, ts := sellerSetup(t)
	old := WebhookCredentials{Username: "old-user", Password: "old-pass", HeaderName: "X-Old", HeaderValue: "old-header"}
	types := []WebhookTriggerEventType{WebhookBrokerAddService, WebhookSubscriptionCreated, WebhookSubscriptionCancelled}
	api := &hookAPI{}
	for i, typ := range types {
		api.hooks = append(api.hooks, map[string]any{"id": fmt.Sprintf("00000000-0000-4000-8000-00000000000%d", i+1),
			"serviceId": sellerTestServiceID, "triggerEventType": string(typ), "url": "https://c.example/cm/" + string(typ),
			"basicAuthUserName": old.Username, "basicAuthPassword": old.Password, "httpHeader": old.HTTPHeader()})
	}
	api.routes(t, ts)

	recv := NewWebhookReceiver(old)
	recv.On(WebhookBrokerAddService, func(context.Context, *WebhookEvent) error { return nil })
	api.onPut = func(incoming WebhookCredentials) {
		assert.True(t, accepts(recv, incoming), "the receiver accepts the new set before a webhook carries it")
		for _, h := range api.hooks {
			assert.True(t, accepts(recv, carried(h)), "the receiver accepts what webhook %v carries", h["id"])
		}
	}
	api.failPut = func(n int) bool { return n == 2 }

	reg, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://c.example/cm/", types, &RegisterWebhooksSettings{Receiver: recv})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SubscriptionCreated")
	require.NotNil(t, reg)
	next := reg.Credentials
	require.NotEqual(t, old, next)
	require.Len(t, reg.Webhooks, 3, "one entry per type asked, reached or not")
	for i, want := range []bool{true, false, false} {
		w := reg.Webhooks[i]
		assert.Equal(t, types[i], w.Type)
		assert.Equal(t, api.hooks[i]["id"], w.ID)
		assert.Equal(t, want, w.Rotated, "%s carries the new set: %t", w.Type, want)
		assert.Equal(t, want, carried(api.hooks[i]) == next, "the API agrees for %s", w.Type)
	}
	assert.True(t, accepts(recv, old), "the rotation did not complete: the previous set is still accepted")
	assert.True(t, accepts(recv, next), "the new set is accepted")
	assert.False(t, accepts(recv, WebhookCredentials{Username: "old-user", Password: "wrong", HeaderName: "X-Old", HeaderValue: "old-header"}))

	// Run again, with fresh credentials: every hook carried one of the accepted sets throughout.
	api.failPut = nil
	again, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://c.example/cm/", types, &RegisterWebhooksSettings{Receiver: recv})
	require.NoError(t, err)
	for i, w := range again.Webhooks {
		assert.True(t, w.Rotated, w.Type)
		assert.Equal(t, again.Credentials, carried(api.hooks[i]))
	}
	assert.True(t, accepts(recv, again.Credentials))
	assert.False(t, accepts(recv, old), "after a complete rotation the old set is refused")
	assert.False(t, accepts(recv, next), "and so is the one of the failed run")
}

// TestRegisterWithoutAReceiverSaysWhichSetEachHookCarries: without Receiver, Register leaves
// the receiver to its caller, and the result still names every hook and the set it carries.
func TestRegisterWithoutAReceiverSaysWhichSetEachHookCarries(t *testing.T) {
	c, ts := sellerSetup(t)
	old := WebhookCredentials{Username: "old-user", Password: "old-pass"}
	types := []WebhookTriggerEventType{WebhookBrokerAddService, WebhookSubscriptionCreated}
	api := &hookAPI{failPut: func(n int) bool { return n == 1 }}
	for i, typ := range types {
		api.hooks = append(api.hooks, map[string]any{"id": fmt.Sprintf("00000000-0000-4000-8000-00000000000%d", i+1),
			"serviceId": sellerTestServiceID, "triggerEventType": string(typ), "basicAuthUserName": old.Username})
	}
	api.routes(t, ts)
	reg, err := c.Seller.Webhooks.Register(context.Background(), sellerTestServiceID, "https://c.example/cm/", types, nil)
	require.Error(t, err)
	require.Len(t, reg.Webhooks, 2)
	assert.False(t, reg.Webhooks[0].Rotated)
	assert.False(t, reg.Webhooks[1].Rotated)
	assert.Equal(t, api.hooks[1]["id"], reg.Webhooks[1].ID, "a hook not reached is named too")
	assert.Equal(t, 1, api.puts, "nothing after the failure")
}

// TestSetCredentialsAcceptsPreviousSets: SetCredentials(next, previous...) accepts every set
// given; SetCredentials(next) alone drops the others.
func TestSetCredentialsAcceptsPreviousSets(t *testing.T) {
	a := WebhookCredentials{Username: "a", Password: "pa"}
	b := WebhookCredentials{HeaderName: "X-B", HeaderValue: "hb"}
	recv := NewWebhookReceiver(WebhookCredentials{})
	recv.On(WebhookBrokerAddService, func(context.Context, *WebhookEvent) error { return nil })
	assert.False(t, accepts(recv, a))
	recv.SetCredentials(b, a, WebhookCredentials{})
	assert.True(t, accepts(recv, a))
	assert.True(t, accepts(recv, b))
	assert.False(t, accepts(recv, WebhookCredentials{}), "an empty set is never accepted")
	recv.SetCredentials(b)
	assert.False(t, accepts(recv, a))
	assert.True(t, accepts(recv, b))
	s := fmt.Sprintf("%v %+v %#v", recv, recv, recv)
	assert.NotContains(t, s, "pa")
	assert.NotContains(t, s, "hb")
}

// TestRegisterRefusesEmptyCredentials: credentials with neither a Basic user nor a header
// would make every receiver refuse every call: refused before anything is sent.
func TestRegisterRefusesEmptyCredentials(t *testing.T) {
	c, ts := sellerSetup(t)
	_, err := c.Seller.Webhooks.Register(context.Background(), sellerTestServiceID, "https://c.example/cm/",
		[]WebhookTriggerEventType{WebhookBrokerAddService}, &RegisterWebhooksSettings{Credentials: &WebhookCredentials{Password: "p"}})
	assertNoRequest(t, ts, err, "credentials")
}
