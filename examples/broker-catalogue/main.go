// Broker-catalogue sells a service of the broker's own: it creates a custom service with a
// product and an add-on, prices the product for one organization, has the organization order
// it, and reads the order back on the broker's service and on the billing report. Each step
// prints one line; amounts are exact decimals throughout.
//
//	go run ./examples/broker-catalogue
//
// Against Cloudmore Staging (the CLOUDMORE_* variables: see cloudmore.OptionsFromEnv)
// everything it creates is named "sdk-example-<unix time>-…"; at the end the subscription is
// cancelled, the organization, the add-on and the product deleted and the service disabled
// (Cloudmore has no way to delete a service), even after an error. Staging bills on the
// billing date, so the report step may find nothing yet there.
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

	// 1. The service. Cloudmore documents none of the catalogue's bodies: Name is typed, the
	// rest would go in Extra by its JSON name.
	svcName := prefix + "backup"
	svc, _, err := c.Broker.Services.Create(ctx, &cloudmore.CreateBrokerServiceRequest{Name: svcName})
	if err != nil {
		return fmt.Errorf("create service: %w", err)
	}
	if svc.ID == "" {
		return errors.New("create service: Cloudmore's answer names no id")
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Broker.Services.Disable(ctx, svc.ID)
		return err
	})
	fmt.Printf("1. created service %s (%s)\n", svcName, svc.ID)

	// 2. A product: monthly, cost and price as exact decimals.
	productReq := &cloudmore.CreateBrokerProductRequest{
		Name: "Backup 100 GB", ItemCode: "BCK-100", Description: "100 GB of backup storage, monthly",
		SubscriptionPeriod: cloudmore.Ptr(1), PaymentFrequency: cloudmore.Ptr(1), MinimumQuantity: cloudmore.Ptr(1),
		Cost: cloudmore.Ptr(cloudmore.MustDecimal("6.00")), Price: cloudmore.Ptr(cloudmore.MustDecimal("10.00")),
	}
	prod, _, err := c.Broker.Products.Create(ctx, svc.ID, productReq)
	if err != nil {
		return fmt.Errorf("create product: %w", err)
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Broker.Products.Delete(ctx, svc.ID, prod.ID)
		return err
	})
	fmt.Printf("2. created product %q: cost %s, price %s\n", productReq.Name, productReq.Cost.Text(), productReq.Price.Text())

	// 3. An add-on of the product.
	addonReq := &cloudmore.CreateBrokerAddonRequest{Name: "Extra 10 GB", ItemCode: "BCK-X10", Price: cloudmore.Ptr(cloudmore.MustDecimal("1.99"))}
	addon, _, err := c.Broker.Addons.Create(ctx, svc.ID, prod.ID, addonReq)
	if err != nil {
		return fmt.Errorf("create add-on: %w", err)
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Broker.Addons.Delete(ctx, svc.ID, prod.ID, addon.ID)
		return err
	})
	addons, _, err := c.Broker.Addons.List(ctx, svc.ID, prod.ID)
	if err != nil {
		return fmt.Errorf("list add-ons: %w", err)
	}
	fmt.Printf("3. created add-on %q at %s; the product has %d add-on(s)\n", addonReq.Name, addonReq.Price.Text(), len(addons))

	// 4. An organization adds the service from its E-store, in GBP.
	orgReq := organizationRequest(prefix + "catalogue")
	org, _, err := c.Organizations.Create(ctx, orgReq)
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Organizations.Delete(ctx, org.ID)
		return err
	})
	if _, _, err := c.Services.Add(ctx, org.ID, &cloudmore.AddServiceRequest{ID: svc.ID, CurrencyCode: "GBP"}); err != nil {
		return fmt.Errorf("add the service to the organization: %w", err)
	}
	fmt.Printf("4. organization %s added %s\n", orgReq.Name, svcName)

	// 5. The organization's own price for the product.
	price := cloudmore.MustDecimal("9.50")
	if _, err := c.Pricelist.UpdateOrganization(ctx, org.ID, svc.ID, &cloudmore.UpdateOrganizationPriceRequest{
		ProductID: prod.ID, ItemCode: productReq.ItemCode, CurrencyCode: "GBP", SalesPrice: &price, CustomServiceProduct: true,
	}); err != nil {
		return fmt.Errorf("price the product for the organization: %w", err)
	}
	fmt.Printf("5. priced %q at %s GBP for the organization\n", productReq.Name, price.Text())

	// 6. The order.
	const quantity = 3
	sub, _, err := c.Subscriptions.Create(ctx, org.ID, svc.ID, &cloudmore.CreateSubscriptionRequest{
		Name: prefix + "backups", ProductID: prod.ID, Quantity: quantity})
	if err != nil {
		return fmt.Errorf("order: %w", err)
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Subscriptions.Cancel(ctx, org.ID, svc.ID, sub.ID)
		return err
	})
	fmt.Printf("6. ordered %d x %s: subscription %s\n", quantity, productReq.Name, sub.ID)

	// 7. The broker sees the order on its service.
	subs, _, err := c.Broker.Services.ListSubscriptions(ctx, svc.ID)
	if err != nil {
		return fmt.Errorf("list the service's subscriptions: %w", err)
	}
	fmt.Printf("7. the service has %d subscription(s)\n", len(subs))

	// 8. The billing report of this month: the order billed at the organization's price.
	now := time.Now().UTC()
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	report, _, err := c.Billing.GetMonthlyBillingPerOrganization(ctx,
		cloudmore.DateOf(first), cloudmore.DateOf(first.AddDate(0, 1, -1)), nil)
	if err != nil {
		return fmt.Errorf("billing report: %w", err)
	}
	for _, run := range report.Runs {
		for _, o := range run.Organizations {
			for _, s := range o.Services {
				if o.OrganizationID != org.ID || s.ServiceID != svc.ID {
					continue
				}
				for _, it := range s.Items {
					fmt.Printf("8. billed on %s: %s x %s at %s = %s %s (cost %s)\n", run.BillingDate.Format("2006-01-02"),
						it.Quantity.Round(0).Text(), it.ItemName, it.CustomerPricePerUnit.Text(), it.TotalCustomerPrice.Text(),
						s.CurrencyCode, it.TotalResellerPrice.Text())
				}
				return nil
			}
		}
	}
	fmt.Println("8. not on this month's billing report yet (Cloudmore bills on the billing date)")
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
