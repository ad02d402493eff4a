package cloudmoretest_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// TestWebhookPayloadAndRequest: the exported builders write the fake's call: the members with
// a value (subsriptionId, sic), a JSON POST, Basic credentials and the "Name: value" header.
func TestWebhookPayloadAndRequest(t *testing.T) {
	assert.Equal(t, `{"brokerId":"b1","serviceId":"s1"}`, string(cloudmoretest.WebhookPayload("b1", "s1", "", "")))
	assert.Equal(t, `{"brokerId":"b1","serviceId":"s1","organizationId":"o1","subsriptionId":"x1"}`,
		string(cloudmoretest.WebhookPayload("b1", "s1", "o1", "x1")))
	req, err := cloudmoretest.NewWebhookRequest(context.Background(), "http://127.0.0.1:9/cloudmore/SubscriptionCreated",
		[]byte(`{}`), "connector", "pw-1", "X-Token: tok-1")
	require.NoError(t, err)
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	user, pass, ok := req.BasicAuth()
	assert.True(t, ok)
	assert.Equal(t, "connector", user)
	assert.Equal(t, "pw-1", pass)
	assert.Equal(t, "tok-1", req.Header.Get("X-Token"))
	b, _ := io.ReadAll(req.Body)
	assert.Equal(t, `{}`, string(b))

	req, err = cloudmoretest.NewWebhookRequest(context.Background(), "http://127.0.0.1:9/x", nil, "", "", "")
	require.NoError(t, err)
	_, _, ok = req.BasicAuth()
	assert.False(t, ok, "no Basic authentication without a user")
}

// redirect sends every request to target's host, path kept.
type redirect struct {
	target *url.URL
	seen   atomic.Int32
}

func (r *redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	r.seen.Add(1)
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = r.target.Scheme, r.target.Host, ""
	return http.DefaultTransport.RoundTrip(req)
}

// TestSetWebhookClientCarriesTheDeliveries: the fake calls webhooks through the client given,
// here one that sends them to a receiver elsewhere than the URL registered.
func TestSetWebhookClientCarriesTheDeliveries(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	creds := cloudmore.WebhookCredentials{HeaderName: "X-Token", HeaderValue: "tok-2"}
	recv := cloudmore.NewWebhookReceiver(creds).On(cloudmore.WebhookOrganizationAddService, func(context.Context, *cloudmore.WebhookEvent) error { return nil })
	conn := httptest.NewServer(recv)
	t.Cleanup(conn.Close)
	target, _ := url.Parse(conn.URL)
	rt := &redirect{target: target}
	f.srv.SetWebhookClient(&http.Client{Transport: rt})
	_, _, err := f.c.Seller.Webhooks.Create(ctx, &cloudmore.CreateSellerWebhookRequest{ServiceID: f.serviceID,
		URL: "https://connector.example.com/cloudmore/OrganizationAddService", HTTPHeader: creds.HTTPHeader(),
		TriggerEventType: cloudmore.WebhookOrganizationAddService})
	require.NoError(t, err)
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, f.srv)
	d := f.srv.WebhookDeliveries()
	require.Len(t, d, 1)
	assert.Equal(t, http.StatusNoContent, d[0].Status, "%s %s", d[0].Err, d[0].Answer)
	assert.Equal(t, int32(1), rt.seen.Load())
}
