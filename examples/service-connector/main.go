// Service-connector is a seller's Cloudmore Service Connector in miniature: it receives the
// webhooks Cloudmore calls when a broker or an organization adds the seller's service and when
// a subscription is created or cancelled, provisions the subscription in a pretend back end,
// sets the subscription's licence key through the seller API, and exits.
//
//	go run ./examples/service-connector
//
// It runs against the built-in fake (cloudmoretest), which fires webhooks at the connector
// as Cloudmore would, and plays the broker's part too. Against a real Cloudmore the connector
// must be reachable from the internet, and the broker's part happens in other hands, so this
// example refuses CLOUDMORE_* settings.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // Ctrl-C cancels ctx
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// backEnd is the seller's own system: one account per subscription, with its licence key.
type backEnd struct {
	mu       sync.Mutex
	tenants  map[string]bool   // organization id -> has the service
	accounts map[string]string // subscription id -> licence key ("" once closed)
}

func (b *backEnd) provision(subscriptionID string) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	key := "ACME-" + strings.ToUpper(subscriptionID[:8])
	b.accounts[subscriptionID] = key
	return key
}

func run(ctx context.Context) error {
	// The connector needs the fake: it plays Cloudmore's part (and the broker's) through the
	// fake's Go API.
	opts, err := cloudmore.OptionsFromEnv()
	if err != nil {
		return err
	}
	if opts != nil {
		return errors.New("service-connector runs against the built-in fake only: unset CLOUDMORE_* (Cloudmore cannot call a connector on this machine)")
	}
	fake, err := cloudmoretest.Start(cloudmoretest.Options{})
	if err != nil {
		return err
	}
	defer fake.Close()
	// A seller's client carries the seller id; the fake's options have the broker's reseller id
	// too, because this client also plays the broker.
	c, err := cloudmore.NewClient(fake.ClientOptions()...)
	if err != nil {
		return err
	}
	fmt.Println("Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)")
	prefix := fmt.Sprintf("sdk-example-%d-", time.Now().Unix()) // starts the name of everything it creates

	// 1. The seller's service, with a product, published to the marketplace.
	created, _, err := c.Seller.Services.Create(ctx, &cloudmore.CreateSellerServiceRequest{
		Name: prefix + "acme-backup", VendorName: "Acme",
		// Cloudmore requires a category (Platform.ListCategories) but does not name the member.
		Extra: map[string]any{"categoryId": "f2443537-5686-466f-8d0e-0427231d0417"},
	})
	if err != nil {
		return fmt.Errorf("create service: %w", err)
	}
	serviceID := created.ID
	// The fake's shortcut for a product (a seller creates it with the products API).
	productID, err := fake.AddSellerServiceProduct(serviceID, "Backup 1 TB", "4.00", "6.50")
	if err != nil {
		return err
	}
	if _, err := c.Seller.Services.Publish(ctx, serviceID, nil); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	fmt.Printf("1. created and published the seller service %s\n", prefix+"acme-backup")

	// 2. The connector: a WebhookReceiver on a local port, with one handler per event.
	be := &backEnd{tenants: map[string]bool{}, accounts: map[string]string{}}
	var out sync.Mutex // the handlers print from the receiver's goroutines
	say := func(format string, args ...any) {
		out.Lock()
		defer out.Unlock()
		fmt.Printf("   [connector] "+format+"\n", args...)
	}
	recv := cloudmore.NewWebhookReceiver(cloudmore.WebhookCredentials{})
	recv.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	recv.On(cloudmore.WebhookBrokerAddService, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		say("%s: broker %s", ev.Type, ev.BrokerID)
		return nil
	})
	recv.On(cloudmore.WebhookOrganizationAddService, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		be.mu.Lock()
		be.tenants[ev.OrganizationID] = true
		be.mu.Unlock()
		say("%s: tenant created for organization %s", ev.Type, ev.OrganizationID)
		return nil
	})
	recv.On(cloudmore.WebhookSubscriptionCreated, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		key := be.provision(ev.SubscriptionID)
		// Tell Cloudmore the licence key. Cloudmore does not name the body's member;
		// "licenseKey" is the obvious guess, which the fake stores as sent.
		_, err := c.Seller.Subscriptions.SetLicenseKey(ctx, ev.SubscriptionID,
			&cloudmore.SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": key}})
		if err != nil {
			return err // a 500: Cloudmore tries again, and provision is idempotent
		}
		say("%s: account provisioned, licence key %s set", ev.Type, key)
		return nil
	})
	recv.On(cloudmore.WebhookSubscriptionCancelled, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		be.mu.Lock()
		be.accounts[ev.SubscriptionID] = ""
		be.mu.Unlock()
		say("%s: account closed", ev.Type)
		return nil
	})
	recv.OnUnknown(func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		say("%s: not handled by this connector (%d bytes)", ev.Type, len(ev.Raw))
		return nil
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/cloudmore/", recv)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/cloudmore/"
	fmt.Println("2. connector listening at /cloudmore/ on a local port")

	// 3. The webhooks, with fresh credentials; running this again would update them.
	types := []cloudmore.WebhookTriggerEventType{cloudmore.WebhookBrokerAddService, cloudmore.WebhookOrganizationAddService,
		cloudmore.WebhookSubscriptionCreated, cloudmore.WebhookSubscriptionUpdated, cloudmore.WebhookSubscriptionCancelled}
	// Receiver: the receiver accepts the new credentials before any webhook carries them, and
	// the old ones until every webhook carries the new. A real connector also keeps
	// reg.Credentials.SecretString() in its secret store, for a restart.
	reg, err := c.Seller.Webhooks.Register(ctx, serviceID, base, types, &cloudmore.RegisterWebhooksSettings{Receiver: recv})
	if err != nil {
		return fmt.Errorf("register webhooks: %w", err)
	}
	fmt.Printf("3. registered %d webhooks\n", len(reg.Webhooks))

	// 4. The broker's part (the fake plays Cloudmore): the broker adds the service, an
	// organization adds it and orders a subscription, which it then changes and cancels.
	delivered := func() error {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return fake.WaitWebhookDeliveries(wctx)
	}
	if err := fake.BrokerAddService(serviceID); err != nil {
		return err
	}
	org, _, err := c.Organizations.Create(ctx, organizationRequest(prefix+"connector"))
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	if _, _, err := c.Services.Add(ctx, org.ID, &cloudmore.AddServiceRequest{ID: serviceID, CurrencyCode: "EUR"}); err != nil {
		return fmt.Errorf("add service: %w", err)
	}
	sub, _, err := c.Subscriptions.Create(ctx, org.ID, serviceID, &cloudmore.CreateSubscriptionRequest{ProductID: productID, Quantity: 5})
	if err != nil {
		return fmt.Errorf("order: %w", err)
	}
	if err := delivered(); err != nil {
		return err
	}
	fmt.Println("4. the broker added the service, an organization added it and ordered 5 x Backup 1 TB")

	// 5. The licence key is on the subscription, as the seller API shows it.
	s, _, err := c.Seller.Subscriptions.Get(ctx, sub.ID)
	if err != nil {
		return fmt.Errorf("get subscription: %w", err)
	}
	var members map[string]any
	if err := json.Unmarshal(s.Raw, &members); err != nil {
		return err
	}
	fmt.Printf("5. the seller API shows licenseKey=%v\n", members["licenseKey"])

	// 6. Changed and cancelled: the connector closes the account.
	if _, err := c.Subscriptions.Update(ctx, org.ID, serviceID, sub.ID, &cloudmore.UpdateSubscriptionRequest{Quantity: cloudmore.Ptr(6)}); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	if _, err := c.Subscriptions.Cancel(ctx, org.ID, serviceID, sub.ID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	if err := delivered(); err != nil {
		return err
	}
	be.mu.Lock()
	open := 0
	for _, key := range be.accounts {
		if key != "" {
			open++
		}
	}
	be.mu.Unlock()
	fmt.Printf("6. subscription cancelled: %d open account(s) in the back end\n", open)

	// 7. What the fake delivered, and how the connector answered.
	counts := map[string]int{}
	for _, d := range fake.WebhookDeliveries() {
		counts[fmt.Sprintf("%s %d", d.Type, d.Status)]++
	}
	var lines []string
	for k, n := range counts {
		lines = append(lines, fmt.Sprintf("%s x%d", k, n))
	}
	sort.Strings(lines)
	fmt.Printf("7. deliveries: %s\n", strings.Join(lines, ", "))
	return nil
}

// organizationRequest returns a complete create request for a test organization called name,
// with a Swedish address and the primary domain "<name>.example.com"; name must be usable as a
// domain label (letters, digits, hyphens).
func organizationRequest(name string) *cloudmore.CreateOrganizationRequest {
	domain := strings.ToLower(strings.Trim(name, "-")) + ".example.com"
	return &cloudmore.CreateOrganizationRequest{
		Name:               name,
		RegistrationNumber: fmt.Sprintf("SDK-%08x", crc32.ChecksumIEEE([]byte(name))), // unique per name
		Contact:            &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane.doe@" + domain, Phone: "+46812345678"},
		NotificationEmail:  "notifications@" + domain,
		Address:            &cloudmore.OrganizationAddress{Street: "Storgatan 1", PostalCode: "111 22", City: "Stockholm", CountryCode: "SE"},
		PrimaryDomain:      domain,
	}
}
