package cloudmore_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// The order of calls Cloudmore's guide gives for Microsoft 365: check the domain prefix, add
// the CSP service, find the product, order it. The order is checked against the product
// before anything is sent.
func ExampleCSPSubscriptionsService_CreateForProduct() {
	srv := startFake()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	orgID := cloudmoretest.SeedOrganization3ID

	free, _, err := c.CSP.CheckDomain(ctx, "contosoab") // the part before .onmicrosoft.com
	if err != nil || !free {
		log.Fatal(free, err)
	}
	_, _, err = c.CSP.Add(ctx, orgID, &cloudmore.AddCSPRequest{
		ID: cloudmoretest.CSPServiceID, CurrencyCode: "SEK", ContactEmail: "it@contoso.se", DomainPrefix: "contosoab",
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: cloudmore.CSPCloudAgreementContact{
			FirstName: "Anna", LastName: "Berg", Email: "anna@contoso.se"}}, // dateAgreed: now
	})
	if err != nil {
		log.Fatal(err)
	}
	product, _, err := c.CSP.FindProduct(ctx, orgID, cloudmoretest.BusinessBasicOfferID)
	if err != nil {
		log.Fatal(err)
	}
	// More licences than the product allows never leave the program.
	_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
		FriendlyName: "Office for staff", BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 1000})
	var invalid *cloudmore.ValidationError
	fmt.Println(errors.As(err, &invalid), invalid.Field)
	sub, _, err := c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
		FriendlyName: "Office for staff", BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 10})
	if err != nil {
		log.Fatal(err)
	}
	subs, _, err := c.CSP.Subscriptions.List(ctx, orgID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(subs), sub.ID != "")
	// Output:
	// true quantity
	// 1 true
}

// An NCE upgrade is a Poller: start it, keep its ResumeToken, wait for the final status.
// Cloudmore documents none of the NCE bodies' members: the names in Extra here are examples,
// to take from your environment's Swagger document (the fake keeps whatever it is sent).
func ExampleCSPNCEService_BeginUpgradeToNewSubscription() {
	srv := startFake()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	orgID := cloudmoretest.SeedOrganization1ID // the seed's organization with Microsoft CSP

	created, _, err := c.CSP.NCE.Create(ctx, orgID, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{
		"itemCode": cloudmoretest.BusinessBasicNCE, "quantity": 3}})
	if err != nil {
		log.Fatal(err)
	}
	upgrade, _, err := c.CSP.NCE.BeginUpgradeToNewSubscription(ctx, orgID, created.ID,
		&cloudmore.UpgradeCSPNCEToNewSubscriptionRequest{Extra: map[string]any{"itemCode": "CFQ7TTC0LDPB:0001:P1Y:Monthly"}})
	if err != nil {
		log.Fatal(err)
	}
	token := upgrade.ResumeToken() // store it: ResumeUpgrade(token) follows the same upgrade after a restart
	resumed, err := c.CSP.NCE.ResumeUpgrade(token)
	if err != nil {
		log.Fatal(err)
	}
	status, err := resumed.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: 10 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(status.Status)
	// Output:
	// Completed
}
