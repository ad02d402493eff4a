// Csp-subscription buys Microsoft 365 licences through Cloudmore's CSP Direct integration, in
// the order Cloudmore's API guide gives: check that an onmicrosoft.com domain prefix is free,
// add the Microsoft O365 CSP Direct service to an organization (which creates its Microsoft
// tenant), list the legacy CSP products, and buy 10 licences billed monthly.
//
//	go run ./examples/csp-subscription
//
// It works on an organization of its own, "sdk-example-<unix time>-csp", deleted at the end.
// Against Cloudmore Staging the service creates a tenant in Microsoft's test environment.
package main

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/signal"
	"strings"
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

func run(ctx context.Context) (err error) {
	// The client's options come from CLOUDMORE_* (cloudmore.OptionsFromEnv) or, when none is
	// set, from a fake Cloudmore started in this process.
	opts, err := cloudmore.OptionsFromEnv()
	if err != nil {
		return err
	}
	var fake *cloudmoretest.Server // nil: a real Cloudmore
	if opts == nil {
		if fake, err = cloudmoretest.Start(cloudmoretest.Options{}); err != nil {
			return err
		}
		defer fake.Close()
		opts = fake.ClientOptions()
	}
	c, err := cloudmore.NewClient(opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		fmt.Println("Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)")
	} else {
		fmt.Println("Using Cloudmore at", c.BaseURL())
	}
	prefix := fmt.Sprintf("sdk-example-%d-", time.Now().Unix()) // starts the name of everything it creates

	orgReq := organizationRequest(prefix + "csp")
	created, _, err := c.Organizations.Create(ctx, orgReq)
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	orgID := created.ID
	if orgID == "" {
		return errors.New("create organization: Cloudmore's answer names no id")
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Organizations.Delete(ctx, orgID)
		return err
	})
	fmt.Printf("organization %s (%s)\n", orgReq.Name, orgID)

	// 1. Each Microsoft tenant needs its own prefix of onmicrosoft.com: letters and digits.
	domainPrefix := strings.ReplaceAll(strings.TrimSuffix(prefix, "-"), "-", "")
	free, _, err := c.CSP.CheckDomain(ctx, domainPrefix)
	if err != nil {
		return fmt.Errorf("check domain: %w", err)
	}
	fmt.Printf("1. %s.onmicrosoft.com is free: %t\n", domainPrefix, free)
	if !free {
		return fmt.Errorf("%s.onmicrosoft.com is taken", domainPrefix)
	}

	// 2. Add the CSP service from the organization's E-store, with the organization's
	// acceptance of the Microsoft Customer Agreement.
	estore, _, err := c.Estore.List(ctx, orgID)
	if err != nil {
		return fmt.Errorf("list the E-store: %w", err)
	}
	var cspID string
	for _, s := range estore {
		if s.IsCloudmoreService() && strings.Contains(strings.ToUpper(s.Name), "CSP") {
			cspID = s.ID
			break
		}
	}
	if cspID == "" {
		return fmt.Errorf("the E-store has no Microsoft CSP service (%d services)", len(estore))
	}
	contact := cloudmore.CSPCloudAgreementContact{FirstName: "Jane", LastName: "Doe", Email: orgReq.Contact.Email}
	if _, _, err := c.CSP.Add(ctx, orgID, &cloudmore.AddCSPRequest{
		ID: cspID, CurrencyCode: "SEK", DomainPrefix: domainPrefix,
		ContactEmail: contact.Email, ContactFirstName: contact.FirstName, ContactLastName: contact.LastName,
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: contact}, // DateAgreed: now
	}); err != nil {
		return fmt.Errorf("add the CSP service: %w", err)
	}
	fmt.Printf("2. added Microsoft CSP; tenant %s.onmicrosoft.com\n", domainPrefix)

	// 3. The legacy CSP products, with the broker's cost and the organization's price.
	products, _, err := c.CSP.ListProducts(ctx, orgID)
	if err != nil {
		return fmt.Errorf("list CSP products: %w", err)
	}
	const quantity = 10
	var product *cloudmore.CSPProduct
	for i := range products {
		p := &products[i]
		// The cheapest product that can be bought monthly in that quantity.
		if p.SupportsBillingCycle(cloudmore.BillingCycleMonthly) && p.CheckQuantity(quantity) == nil &&
			(product == nil || p.Price.LessThan(product.Price)) {
			product = p
		}
	}
	if product == nil {
		return fmt.Errorf("none of the %d CSP products can be bought monthly in %d licences", len(products), quantity)
	}
	fmt.Printf("3. %d CSP products; buying %q at %s %s per licence\n",
		len(products), product.Name, product.Price.Text(), product.CurrencyCode)

	// 4. Buy. The quantity and billing cycle are checked against the product before sending.
	sub, _, err := c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
		FriendlyName: prefix + "licences",
		BillingCycle: cloudmore.BillingCycleMonthly,
		Quantity:     quantity,
	})
	if err != nil {
		return fmt.Errorf("buy licences: %w", err)
	}
	if sub.ID != "" {
		defer cleanup(&err, func(ctx context.Context) error {
			_, err := c.CSP.Subscriptions.Suspend(ctx, orgID, sub.ID) // legacy CSP: DELETE suspends
			return err
		})
	}
	subs, _, err := c.CSP.Subscriptions.List(ctx, orgID)
	if err != nil {
		return fmt.Errorf("list CSP subscriptions: %w", err)
	}
	fmt.Printf("4. bought %d x %s, billed monthly: subscription %s (the organization has %d CSP subscription(s))\n",
		quantity, product.Name, sub.ID, len(subs))
	return nil
}

// cleanup runs f when run returns, failed or not (deferred: last registered first), with a
// context of its own, as Ctrl-C may have cancelled run's; f's error joins run's.
func cleanup(err *error, f func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if ferr := f(ctx); ferr != nil {
		*err = errors.Join(*err, fmt.Errorf("cleanup: %w", ferr))
	}
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
