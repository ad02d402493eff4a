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
	"strings"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/internal/exampleenv"
)

func main() { exampleenv.Main(run) }

func run(ctx context.Context, env *exampleenv.Env) error {
	c, err := cloudmore.NewClient(env.Options()...) // see examples/quickstart
	if err != nil {
		return err
	}

	orgReq := exampleenv.OrganizationRequest(env.Prefix + "csp")
	created, _, err := c.Organizations.Create(ctx, orgReq)
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	orgID := created.ID
	if orgID == "" {
		return errors.New("create organization: Cloudmore's answer names no id")
	}
	env.Cleanup(func(ctx context.Context) error {
		_, err := c.Organizations.Delete(ctx, orgID)
		return err
	})
	fmt.Printf("organization %s (%s)\n", orgReq.Name, orgID)

	// 1. Each Microsoft tenant needs its own prefix of onmicrosoft.com: letters and digits.
	prefix := strings.ReplaceAll(strings.TrimSuffix(env.Prefix, "-"), "-", "")
	free, _, err := c.CSP.CheckDomain(ctx, prefix)
	if err != nil {
		return fmt.Errorf("check domain: %w", err)
	}
	fmt.Printf("1. %s.onmicrosoft.com is free: %t\n", prefix, free)
	if !free {
		return fmt.Errorf("%s.onmicrosoft.com is taken", prefix)
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
		ID: cspID, CurrencyCode: "SEK", DomainPrefix: prefix,
		ContactEmail: contact.Email, ContactFirstName: contact.FirstName, ContactLastName: contact.LastName,
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: contact}, // DateAgreed: now
	}); err != nil {
		return fmt.Errorf("add the CSP service: %w", err)
	}
	fmt.Printf("2. added Microsoft CSP; tenant %s.onmicrosoft.com\n", prefix)

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
		FriendlyName: env.Prefix + "licences",
		BillingCycle: cloudmore.BillingCycleMonthly,
		Quantity:     quantity,
	})
	if err != nil {
		return fmt.Errorf("buy licences: %w", err)
	}
	if sub.ID != "" {
		env.Cleanup(func(ctx context.Context) error {
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
