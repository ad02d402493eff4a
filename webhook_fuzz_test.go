package cloudmore

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzWebhookReceiver feeds arbitrary bodies, paths, methods and credentials to the receiver:
// it must never panic, and must answer one of the statuses it documents.
func FuzzWebhookReceiver(f *testing.F) {
	f.Add("POST", "/cm/SubscriptionCreated", testEventBody, testHookCreds.Username, testHookCreds.Password, testHookCreds.HeaderValue)
	f.Add("POST", "/cm/", `{"subsriptionId":1e999}`, testHookCreds.Username, testHookCreds.Password, testHookCreds.HeaderValue)
	f.Add("GET", "/", "", "", "", "")
	f.Add("POST", "/cm/x%2Fy", `{"brokerId":{"nested":[1,2]}}`, testHookCreds.Username, testHookCreds.Password, testHookCreds.HeaderValue)
	f.Add("POST", "/cm/BrokerAddService", "\xff\xfe", testHookCreds.Username, testHookCreds.Password, testHookCreds.HeaderValue)
	f.Add("POST", "/cm/Panic", `{}`, testHookCreds.Username, testHookCreds.Password, testHookCreds.HeaderValue)
	allowed := map[int]bool{http.StatusNoContent: true, http.StatusUnauthorized: true, http.StatusMethodNotAllowed: true,
		http.StatusRequestEntityTooLarge: true, http.StatusBadRequest: true, http.StatusInternalServerError: true,
		http.StatusNotImplemented: true}
	recv := NewWebhookReceiver(testHookCreds)
	recv.MaxBody = 512
	recv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ok := func(ctx context.Context, ev *WebhookEvent) error { _ = ev.Type.Known(); return nil }
	for _, t := range WebhookTriggerEventTypes() {
		recv.On(t, ok)
	}
	recv.On("Panic", func(ctx context.Context, ev *WebhookEvent) error { panic(ev.ServiceID) })
	f.Fuzz(func(t *testing.T, method, target, body, user, pass, header string) {
		r, err := http.NewRequest(method, "http://connector.example"+target, bytes.NewReader([]byte(body)))
		if err != nil {
			return // not a request a server could receive
		}
		r.SetBasicAuth(user, pass)
		r.Header.Set(testHookCreds.HeaderName, header)
		w := httptest.NewRecorder()
		recv.ServeHTTP(w, r)
		if !allowed[w.Code] {
			t.Fatalf("status %d not documented", w.Code)
		}
	})
}
