package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// sentCall is what a connector sees of one webhook call.
type sentCall struct {
	method, path, contentType, authorization, token, body string
}

// callRecorder is a connector that answers 204 and records each call by its last path segment.
type callRecorder struct {
	mu    sync.Mutex
	calls map[string][]sentCall
}

func (c *callRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[path.Base(r.URL.Path)] = append(c.calls[path.Base(r.URL.Path)], sentCall{r.Method, r.URL.Path, r.Header.Get("Content-Type"),
		r.Header.Get("Authorization"), r.Header.Get("X-Cloudmore-Webhook-Token"), string(b)})
	w.WriteHeader(http.StatusNoContent)
}

// TestTriggerSendsWhatTheFakeSends: for every trigger type, `webhooks trigger` with the
// registered credentials and the event's ids sends the very call the fake sends when the event
// happens (its webhooks registered with c.Seller.Webhooks.Register): method, path,
// Content-Type, Basic authentication, the custom header and the body, byte for byte. The ids
// are given for every type: those a type does not carry are not sent, as the fake does not.
func TestTriggerSendsWhatTheFakeSends(t *testing.T) {
	ctx := context.Background()
	fromFake := &callRecorder{calls: map[string][]sentCall{}}
	fromCommand := &callRecorder{calls: map[string][]sentCall{}}
	fakeConn, cmdConn := httptest.NewServer(fromFake), httptest.NewServer(fromCommand)
	t.Cleanup(fakeConn.Close)
	t.Cleanup(cmdConn.Close)

	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.NoSeed = true })
	c := srv.Client()
	org, _, err := c.Organizations.Create(ctx, &cloudmore.CreateOrganizationRequest{Name: "Trigger AB", RegistrationNumber: "556677-8899",
		PrimaryDomain: "trigger.example", NotificationEmail: "billing@trigger.example",
		Contact: &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane@trigger.example", Phone: "123456789"},
		Address: &cloudmore.OrganizationAddress{Street: "Street 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"}})
	if err != nil {
		t.Fatal(err)
	}
	svc, _, err := c.Seller.Services.Create(ctx, &cloudmore.CreateSellerServiceRequest{Name: "Acme Backup", VendorName: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	product, err := srv.AddSellerServiceProduct(svc.ID, "Backup 1 TB", "4.00", "6.50")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cloudmore.GenerateWebhookCredentials()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Seller.Webhooks.Register(ctx, svc.ID, fakeConn.URL+"/cloudmore/", cloudmore.WebhookTriggerEventTypes(),
		&cloudmore.RegisterWebhooksSettings{Credentials: &creds}); err != nil {
		t.Fatal(err)
	}
	// every event, as in cloudmoretest's TestFakeFiresWebhooksEndToEnd
	if err := srv.BrokerAddService(svc.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Services.Add(ctx, org.ID, &cloudmore.AddServiceRequest{ID: svc.ID, CurrencyCode: "EUR"}); err != nil {
		t.Fatal(err)
	}
	sub, _, err := c.Subscriptions.Create(ctx, org.ID, svc.ID, &cloudmore.CreateSubscriptionRequest{ProductID: product, Quantity: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Subscriptions.Update(ctx, org.ID, svc.ID, sub.ID, &cloudmore.UpdateSubscriptionRequest{Extra: map[string]any{"quantity": 5}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Subscriptions.Cancel(ctx, org.ID, svc.ID, sub.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Seller.Subscriptions.Remove(ctx, sub.ID, cloudmore.SellerSubscriptionDelete); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Services.Remove(ctx, org.ID, svc.ID); err != nil {
		t.Fatal(err)
	}
	if err := srv.BrokerDeleteService(svc.ID); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := srv.WaitWebhookDeliveries(wctx); err != nil {
		t.Fatal(err)
	}

	for _, typ := range cloudmore.WebhookTriggerEventTypes() {
		var out, errOut bytes.Buffer
		code := run(ctx, []string{"webhooks", "trigger", string(typ), "--to", cmdConn.URL + "/cloudmore/", "-o", "json",
			"--broker-id", srv.ResellerID(), "--service-id", svc.ID, "--organization-id", org.ID, "--subscription-id", sub.ID},
			strings.NewReader(""), &out, &errOut, env(map[string]string{webhookCredentialsVar: creds.SecretString()}))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", typ, code, errOut.String())
		}
		want, got := fromFake.calls[string(typ)], fromCommand.calls[string(typ)]
		if len(want) != 1 || len(got) != 1 {
			t.Fatalf("%s: the fake made %d calls, the command %d; want 1 each", typ, len(want), len(got))
		}
		if want[0] != got[0] {
			t.Errorf("%s:\n the fake sent    %+v\n the command sent %+v", typ, want[0], got[0])
		}
		if want[0].authorization == "" || want[0].token == "" || !strings.Contains(want[0].body, `"brokerId"`) {
			t.Errorf("%s: the fake's call %+v lacks the credentials or the payload: nothing was compared", typ, want[0])
		}
		for _, secret := range []string{creds.Password, creds.HeaderValue, creds.SecretString()} {
			if strings.Contains(out.String()+errOut.String(), secret) {
				t.Errorf("%s: a secret was printed: %s %s", typ, out.String(), errOut.String())
			}
		}
	}
}
