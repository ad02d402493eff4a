package integration

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudmore-sdk/cloudmore-go"
)

// TestSellerServicesAndWebhooksReadOnly reads the seller's services (each one's custom-property
// data, resellers and subscriptions), all its subscriptions and its webhooks, without changing
// anything. Against staging it runs only with CLOUDMORE_SELLER_ID set; with CLOUDMORE_STRICT=1
// it lists the answer members the seller models lack (most are only Raw today).
func TestSellerServicesAndWebhooksReadOnly(t *testing.T) {
	e := setup(t)
	if e.fake == nil && e.c.SellerID() == "" {
		t.Skip("CLOUDMORE_SELLER_ID is not set: the seller side needs the seller account's id")
	}
	ctx := e.ctx(t)
	s := e.c.Seller
	if e.fake != nil { // something to read: a service with a webhook
		svc, _, err := s.Services.Create(ctx, &cloudmore.CreateSellerServiceRequest{Name: "Integration service", VendorName: "SDK"})
		e.must(t, err, "create a seller service on the fake")
		_, _, err = s.Webhooks.Create(ctx, &cloudmore.CreateSellerWebhookRequest{ServiceID: svc.ID,
			URL: "https://connector.example/cloudmore/BrokerAddService", TriggerEventType: cloudmore.WebhookBrokerAddService})
		e.must(t, err, "create a webhook on the fake")
	}

	services, _, err := s.Services.List(ctx)
	e.capability(t, err, "list the seller's services")
	t.Logf("%d seller services", len(services))
	for i, svc := range services {
		if i == 3 {
			break
		}
		got, _, err := s.Services.Get(ctx, svc.ID)
		e.must(t, err, "get a seller service")
		assert.Equal(t, svc.ID, got.ID)
		_, _, err = s.Services.GetCustomProperties(ctx, svc.ID)
		e.capability(t, err, "read a seller service's custom-property data")
		_, _, err = s.Services.ListResellers(ctx, svc.ID)
		e.capability(t, err, "list a seller service's resellers")
		_, _, err = s.Subscriptions.ListByService(ctx, svc.ID)
		e.capability(t, err, "list a seller service's subscriptions")
	}
	subs, _, err := s.Subscriptions.List(ctx)
	e.capability(t, err, "list the seller's subscriptions")
	t.Logf("%d seller subscriptions (cancelled ones included)", len(subs))
	if len(subs) > 0 && subs[0].ID != "" {
		got, _, err := s.Subscriptions.Get(ctx, subs[0].ID)
		e.must(t, err, "get a seller subscription")
		assert.Equal(t, subs[0].ID, got.ID)
	}
	hooks, _, err := s.Webhooks.List(ctx)
	e.capability(t, err, "list the seller's webhooks")
	t.Logf("%d seller webhooks", len(hooks))
	for _, h := range hooks {
		t.Logf("webhook %s: %s -> %s (known type: %v)", h.ID, h.TriggerEventType, h.ServiceID, h.TriggerEventType.Known())
	}
	if len(hooks) > 0 && hooks[0].ID != "" {
		got, _, err := s.Webhooks.Get(ctx, hooks[0].ID)
		e.must(t, err, "get a seller webhook")
		assert.Equal(t, hooks[0].ID, got.ID)
	}
}
