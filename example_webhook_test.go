package cloudmore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// A seller's Service Connector: a WebhookReceiver mounted on the connector's server, the
// webhooks registered for it (fresh credentials, given to the receiver as Register rotates
// them; running Register again updates them), and a
// handler that sets the subscription's licence key. The fake (cloudmoretest) fires the
// webhooks as Cloudmore would.
func ExampleWebhookReceiver() {
	ctx := context.Background()
	fake, _ := cloudmoretest.Start(cloudmoretest.Options{NoSeed: true})
	defer fake.Close()
	c := fake.Client() // cloudmore.WithSellerID(...) is what makes c.Seller work

	// The seller's service (the fake's shortcut adds a product to it).
	svc, _, err := c.Seller.Services.Create(ctx, &cloudmore.CreateSellerServiceRequest{Name: "Acme Backup", VendorName: "Acme"})
	if err != nil {
		fmt.Println(err)
		return
	}
	productID, _ := fake.AddSellerServiceProduct(svc.ID, "Backup 1 TB", "4.00", "6.50")

	// The connector.
	recv := cloudmore.NewWebhookReceiver(cloudmore.WebhookCredentials{})
	recv.On(cloudmore.WebhookSubscriptionCreated, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		_, err := c.Seller.Subscriptions.SetLicenseKey(ctx, ev.SubscriptionID,
			&cloudmore.SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": "ACME-1"}})
		fmt.Println("provisioned; licence key set:", err == nil)
		return err // an error answers 500, and Cloudmore tries again
	})
	mux := http.NewServeMux()
	mux.Handle("/cloudmore/", recv)
	conn := httptest.NewServer(mux)
	defer conn.Close()

	// Receiver keeps the receiver's credentials in step with the webhooks'.
	reg, err := c.Seller.Webhooks.Register(ctx, svc.ID, conn.URL+"/cloudmore/",
		[]cloudmore.WebhookTriggerEventType{cloudmore.WebhookSubscriptionCreated},
		&cloudmore.RegisterWebhooksSettings{Receiver: recv})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = reg.Credentials.SecretString() // keep this in a secret store, for a restart

	// A broker's organization orders the service; the fake calls the connector.
	org, _, _ := c.Organizations.Create(ctx, &cloudmore.CreateOrganizationRequest{
		Name: "Contoso", RegistrationNumber: "556677-8899", NotificationEmail: "billing@contoso.example",
		Contact:       &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane@contoso.example", Phone: "123456789"},
		Address:       &cloudmore.OrganizationAddress{Street: "Street 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"},
		PrimaryDomain: "contoso.example"})
	_, _, _ = c.Services.Add(ctx, org.ID, &cloudmore.AddServiceRequest{ID: svc.ID, CurrencyCode: "EUR"})
	_, _, _ = c.Subscriptions.Create(ctx, org.ID, svc.ID, &cloudmore.CreateSubscriptionRequest{ProductID: productID, Quantity: 5})
	_ = fake.WaitWebhookDeliveries(ctx)
	fmt.Println("deliveries:", len(fake.WebhookDeliveries()))
	// Output:
	// provisioned; licence key set: true
	// deliveries: 1
}

// Webhook credentials survive a restart in their stored form: SecretString when Register
// returns, ParseWebhookCredentials when the connector starts. Printing and JSON redact them.
func ExampleParseWebhookCredentials() {
	creds, _ := cloudmore.GenerateWebhookCredentials() // or reg.Credentials after Register
	dir, _ := os.MkdirTemp("", "connector")
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "webhook-credentials") // a secret store in a real connector
	_ = os.WriteFile(file, []byte(creds.SecretString()), 0o600)

	// After the restart.
	stored, _ := os.ReadFile(file)
	loaded, err := cloudmore.ParseWebhookCredentials(string(stored))
	if err != nil {
		fmt.Println(err)
		return
	}
	recv := cloudmore.NewWebhookReceiver(loaded)
	fmt.Println("same credentials:", loaded == creds)
	b, _ := json.Marshal(loaded)
	fmt.Println("shown:", strings.Contains(fmt.Sprint(loaded, recv)+string(b), creds.Password))
	// Output:
	// same credentials: true
	// shown: false
}
