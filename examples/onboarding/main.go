// Onboarding runs the portal flow of Cloudmore's API guide end to end: create an organization,
// create a user with a role, list the organization's E-store, add a custom service, list its
// products, order a subscription, list it, read its history, assign the user to it and cancel
// it. Each step prints one line.
//
//	go run ./examples/onboarding
//
// Against Cloudmore Staging (the CLOUDMORE_* variables: see cloudmore.OptionsFromEnv)
// everything it creates is named "sdk-example-<unix time>-…", and the organization is deleted
// at the end, even after an error.
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

	// 1. The organization: the broker's customer, Cloudmore's tenant for it.
	orgReq := organizationRequest(prefix + "onboarding")
	created, _, err := c.Organizations.Create(ctx, orgReq)
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	orgID := created.ID // from the Location header of Cloudmore's 201
	if orgID == "" {
		return errors.New("create organization: Cloudmore's answer names no id (no Location header, no body id)")
	}
	defer cleanup(&err, func(ctx context.Context) error {
		_, err := c.Organizations.Delete(ctx, orgID)
		return err
	})
	fmt.Printf("1. created organization %s (%s)\n", orgReq.Name, orgID)

	// 2. A user needs a role; the roles come from the organization.
	roles, _, err := c.Users.ListRoles(ctx, orgID)
	if err != nil {
		return fmt.Errorf("list roles: %w", err)
	}
	if len(roles) == 0 {
		return errors.New("the organization offers no user role")
	}
	userReq := &cloudmore.CreateUserRequest{
		Name:      "jane.doe@" + orgReq.PrimaryDomain,
		FirstName: "Jane", LastName: "Doe", DisplayName: "Jane Doe",
		RoleID: roles[0].ID, // required on create and update
	}
	user, _, err := c.Users.Create(ctx, orgID, userReq)
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	fmt.Printf("2. created user %s with role %q\n", userReq.Name, roles[0].Name)

	// 3. The E-store: what the organization can add. Pick the first custom service.
	estore, _, err := c.Estore.List(ctx, orgID)
	if err != nil {
		return fmt.Errorf("list the E-store: %w", err)
	}
	var service *cloudmore.EstoreItem
	for i := range estore {
		if !estore[i].IsCloudmoreService() {
			service = &estore[i]
			break
		}
	}
	if service == nil {
		return fmt.Errorf("the E-store has %d services, none of them a custom service", len(estore))
	}
	fmt.Printf("3. the E-store offers %d services; using %q\n", len(estore), service.Name)

	// 4. Adding the service fixes the currency of the organization's prices for it.
	if _, _, err := c.Services.Add(ctx, orgID, &cloudmore.AddServiceRequest{ID: service.ID, CurrencyCode: "SEK"}); err != nil {
		return fmt.Errorf("add service %s: %w", service.Name, err)
	}
	fmt.Printf("4. added %s (prices in SEK)\n", service.Name)

	// 5. Products carry the organization's prices.
	products, _, err := c.Services.ListProducts(ctx, orgID, service.ID)
	if err != nil {
		return fmt.Errorf("list products: %w", err)
	}
	if len(products) == 0 {
		return fmt.Errorf("%s has no products", service.Name)
	}
	product := &products[0]
	fmt.Printf("5. %d products; ordering %q at %s %s per unit (cost %s)\n",
		len(products), product.Name, product.Price.Text(), product.CurrencyCode, product.Cost.Text())

	// 6. Order: CreateForProduct checks the quantity against the product's minimum first.
	quantity := max(int(product.MinimumQuantity.IntPart()), 1)
	subName := prefix + "subscription"
	sub, _, err := c.Subscriptions.CreateForProduct(ctx, orgID, product,
		&cloudmore.CreateSubscriptionRequest{Name: subName, Quantity: quantity, PONumber: "PO-1"})
	if err != nil {
		return fmt.Errorf("create subscription: %w", err)
	}
	subID := sub.ID
	cancelled := false
	defer cleanup(&err, func(ctx context.Context) error {
		if cancelled {
			return nil
		}
		_, err := c.Subscriptions.Cancel(ctx, orgID, service.ID, subID)
		return err
	})
	fmt.Printf("6. ordered %d x %s: subscription %s\n", quantity, product.Name, subID)

	// 7. The list includes cancelled subscriptions (IsCancelled).
	subs, _, err := c.Subscriptions.List(ctx, orgID, service.ID)
	if err != nil {
		return fmt.Errorf("list subscriptions: %w", err)
	}
	for _, s := range subs {
		fmt.Printf("7. subscription %q: %s licences of %s, %d-month period, renews %s\n",
			s.Name, s.Quantity.Text(), s.ProductName, s.Period, s.EndDate.Format("2006-01-02"))
	}

	// 8. History: its shape is not documented, so the SDK gives the entries raw.
	history, _, err := c.Subscriptions.GetHistory(ctx, orgID, service.ID, subID)
	if err != nil {
		return fmt.Errorf("read history: %w", err)
	}
	fmt.Printf("8. history has %d entries\n", len(history.Entries))

	// 9. Assign the user (the body's model is not documented either: the SDK infers its userId).
	if _, _, err := c.Subscriptions.AssignUser(ctx, orgID, service.ID, subID,
		&cloudmore.AssignSubscriptionUserRequest{UserID: user.ID}); err != nil {
		return fmt.Errorf("assign user: %w", err)
	}
	users, _, err := c.Subscriptions.ListUsers(ctx, orgID, service.ID, subID)
	if err != nil {
		return fmt.Errorf("list subscription users: %w", err)
	}
	fmt.Printf("9. assigned %s; the subscription has %d user(s)\n", userReq.Name, len(users))

	// 10. Cancel: the subscription stays listed, marked cancelled.
	if _, err := c.Subscriptions.Cancel(ctx, orgID, service.ID, subID); err != nil {
		return fmt.Errorf("cancel subscription: %w", err)
	}
	cancelled = true
	got, _, err := c.Subscriptions.Get(ctx, orgID, service.ID, subID)
	if err != nil {
		return fmt.Errorf("get subscription: %w", err)
	}
	fmt.Printf("10. cancelled subscription %s (isCancelled=%t)\n", subID, bool(got.IsCancelled))
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
