package cloudmoretest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// How the fake calls a seller webhook, exported so that other tools send exactly the same
// call (`cloudmore webhooks trigger` does, to a Service Connector running locally).

// WebhookPayload returns the JSON body the fake sends to a seller webhook: brokerId, serviceId,
// organizationId and subsriptionId (sic), the members Cloudmore's demo receiver reads
// (Cloudmore shows its payload only as an image), each left out when empty. The fake sends
// brokerId and serviceId for every event, organizationId for the organization and subscription
// events, and subsriptionId for the subscription events.
func WebhookPayload(brokerID, serviceID, organizationID, subscriptionID string) []byte {
	b, _ := json.Marshal(webhookPayload{BrokerID: brokerID, ServiceID: serviceID, OrganizationID: organizationID, SubscriptionID: subscriptionID}) // strings only: cannot fail
	return b
}

// NewWebhookRequest returns the request the fake makes to call a seller webhook at url with
// payload: a POST with Content-Type application/json, Basic authentication when basicUser
// (the webhook's basicAuthUserName) is set, with basicPassword, and the custom header
// httpHeader (the webhook's httpHeader, "Name: value" as WebhookCredentials.HTTPHeader writes
// it; one without a colon is sent as a header of that name with an empty value) when set.
func NewWebhookRequest(ctx context.Context, url string, payload []byte, basicUser, basicPassword, httpHeader string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if basicUser != "" {
		req.SetBasicAuth(basicUser, basicPassword)
	}
	if hv := strings.TrimSpace(httpHeader); hv != "" {
		name, value, _ := strings.Cut(hv, ":")
		if name = strings.TrimSpace(name); name != "" {
			req.Header.Set(name, strings.TrimSpace(value))
		}
	}
	return req, nil
}

// SetWebhookClient sets the HTTP client the fake calls seller webhooks with, from the next
// attempt on; nil means the default (a 10-second timeout). A client of your own can log the
// calls or send them elsewhere through its Transport (`cloudmore fake serve --webhook-to`
// does).
func (s *Server) SetWebhookClient(hc *http.Client) {
	s.hooks.dmu.Lock()
	defer s.hooks.dmu.Unlock()
	s.hooks.hc = hc
}
