package cloudmore_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// The examples run against cloudmoretest, the SDK's in-memory fake of Cloudmore, so that they
// work without credentials. With a real account, build the client as ExampleNewClient shows.

// startFake starts the fake with its seed data (the organizations of Cloudmore's API guide).
func startFake() *cloudmoretest.Server {
	srv, err := cloudmoretest.Start(cloudmoretest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	return srv
}

func ExampleNewClient() {
	client, err := cloudmore.NewClient(
		cloudmore.WithEnvironment(cloudmore.Staging), // Production is the default
		cloudmore.WithCredentials(cloudmore.Credentials{
			ClientID:     cloudmore.DefaultClientID,
			ClientSecret: "client-secret-from-cloudmore-support",
			Username:     "api.user@broker.example", // "Allow REST API access" ticked
			Password:     "password",
		}),
		cloudmore.WithResellerID("3c913dd6-f094-4bf7-9c71-e1716ae34d50"),
		cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()),
		cloudmore.WithUserAgent("my-portal/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	// NewClient makes no network call: the first API call gets the token.
	fmt.Println(client.BaseURL(), client.ResellerID())
	// Output: https://api-staging.cloudmore.com 3c913dd6-f094-4bf7-9c71-e1716ae34d50
}

func ExampleOrganizationsService_List() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	orgs, _, err := client.Organizations.List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range orgs {
		fmt.Printf("%s: %d services, %d users\n", o.Name, o.Services, o.Users)
	}
	// Output:
	// My Test Organization 1: 2 services, 1 users
	// My Test Organization 2: 1 services, 0 users
	// My Test Organization 3: 0 services, 1 users
}

func ExampleSubscriptionsService_Create() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	org, service := cloudmoretest.SeedOrganization1ID, cloudmoretest.BoxServiceID

	created, _, err := client.Subscriptions.Create(ctx, org, service, &cloudmore.CreateSubscriptionRequest{
		Name:      "Box for the sales team",
		ProductID: cloudmoretest.StarterProductID,
		Quantity:  5,
		PONumber:  "PO-4711",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Cloudmore answers 201 with the new subscription's URL in Location; Created.ID is its id.
	sub, _, err := client.Subscriptions.Get(ctx, org, service, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sub.ID == created.ID, sub.Name, sub.Quantity.Text(), sub.ProductName, sub.PONumber)

	// Below the product's minimum quantity, Cloudmore answers 400 with its reason.
	_, _, err = client.Subscriptions.Create(ctx, org, service, &cloudmore.CreateSubscriptionRequest{
		ProductID: cloudmoretest.EnterpriseProductID, Quantity: 2,
	})
	var apiErr *cloudmore.APIError
	if errors.As(err, &apiErr) && errors.Is(err, cloudmore.ErrBadRequest) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// true Box for the sales team 5 Box Starter PO-4711
	// 400 Quantity 2 is below the minimum quantity 5 of product 'Box Enterprise'.
}

func ExampleCSPService_CheckDomain() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, prefix := range []string{"contoso", "newcustomer2024"} {
		free, _, err := client.CSP.CheckDomain(ctx, prefix)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s.onmicrosoft.com free: %t\n", prefix, free)
	}

	// Only the prefix is sent; a whole domain is refused before any network call.
	_, _, err := client.CSP.CheckDomain(ctx, "newcustomer.onmicrosoft.com")
	fmt.Println(errors.Is(err, cloudmore.ErrValidation))
	// Output:
	// contoso.onmicrosoft.com free: false
	// newcustomer2024.onmicrosoft.com free: true
	// true
}

func ExampleBillingService_BeginMonthlyBillingPerOrganization() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	poller, _, err := client.Billing.BeginMonthlyBillingPerOrganization(ctx,
		cloudmore.NewDate(2024, time.April, 1), cloudmore.NewDate(2024, time.April, 30), nil)
	if err != nil {
		log.Fatal(err)
	}
	// Keep poller.ResumeToken() to pick the report up after a crash (see Poller.ResumeToken).
	task, err := poller.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: 10 * time.Millisecond}) // seconds against Cloudmore
	if err != nil {
		log.Fatal(err)
	}
	report, _, err := task.Read(ctx) // or stream it: for org, err := range task.Walk(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range report.Totals().Organizations {
		fmt.Printf("%s %s: cost %s, price %s %s (%d lines)\n",
			t.BillingDate.Format("2006-01-02"), t.OrganizationName, t.Cost.Text(), t.Price.Text(), t.CurrencyCode, t.Lines)
	}
	fmt.Println("discrepancies:", len(report.Check()))
	// Output:
	// 2024-04-30 My Test Organization 1: cost 516.90, price 1019.00 GBP (2 lines)
	// discrepancies: 0
}

func ExamplePricelistService_UpdateOrganization() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	org, service := cloudmoretest.SeedOrganization1ID, cloudmoretest.BoxServiceID

	// A custom-service product is named by its product id.
	_, err := client.Pricelist.UpdateOrganization(ctx, org, service, &cloudmore.UpdateOrganizationPriceRequest{
		ProductID:            cloudmoretest.GoldProductID,
		CurrencyCode:         "GBP",
		SalesPrice:           cloudmore.Ptr(cloudmore.MustDecimal("89.50")),
		CustomServiceProduct: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	prices, _, err := client.Pricelist.ListOrganization(ctx, org, service)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range prices {
		if p.ProductID == cloudmoretest.GoldProductID {
			fmt.Printf("%s: cost %s, sales price %s %s, margin %s\n",
				p.Name, p.Cost.Text(), p.SalesPrice.Text(), p.CurrencyCode, p.Margin.Text())
		}
	}
	// Output:
	// Gold: cost 50.00, sales price 89.50 GBP, margin 39.50
}

func ExamplePoller_ResumeToken() {
	srv := startFake()
	defer srv.Close()
	ctx := context.Background()

	// A nightly job starts the report and saves the token (a file, a database row)...
	client := srv.Client()
	poller, _, err := client.Billing.BeginMonthlyBillingPerOrganization(ctx,
		cloudmore.NewDate(2024, time.April, 1), cloudmore.NewDate(2024, time.April, 30), nil)
	if err != nil {
		log.Fatal(err)
	}
	saved := poller.ResumeToken()

	// ...and crashes. The next run, with a new client, waits for the same report instead of
	// starting another one. Resuming makes no network call.
	restarted := srv.Client()
	resumed, err := restarted.Billing.ResumeMonthlyBillingPerOrganization(saved)
	if err != nil {
		log.Fatal(err)
	}
	task, err := resumed.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: 10 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	report, _, err := task.Read(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("same task:", resumed.TaskID() == poller.TaskID())
	fmt.Println("billing runs:", len(report.Runs), "lines:", len(report.Lines()))
	// Output:
	// same task: true
	// billing runs: 1 lines: 2
}

func ExampleDecodeBillingReport() {
	// A saved report (the answer of the asynchronous report), here in its smallest form: one
	// billing run, one organization, one service whose stated cost is not the sum of its lines.
	const saved = `[{"billingDate": "2020-04-29T23:59:59", "organizations": [{
	  "name": "Contoso", "customerNumber": "C-1", "orgId": "91465f52-dabc-4b5e-8027-991539ad7066",
	  "services": [{"serviceName": "Box.com", "serviceId": "a65727d5-3d23-455d-9ee6-9c843e13dd0a",
	    "totalResellerPrice": "480.00", "totalCustomerPrice": "710.37", "currencyCode": "SEK",
	    "items": [{"itemName": "Box for Sales", "quantity": 10.0000,
	      "totalResellerPrice": "473.58", "totalCustomerPrice": "710.37",
	      "resellerPricePerUnit": "47.36", "customerPricePerUnit": "71.04",
	      "products": [{"productName": "Box Enterprise", "productId": "587c84f5-820c-4673-97e5-dd99e3e17623",
	        "itemCode": "BOXENT001", "quantity": 10.0000,
	        "resellerPricePerUnit": "47.36", "customerPricePerUnit": "71.04",
	        "totalResellerPrice": "473.58", "totalCustomerPrice": "710.37", "itemDetails": null}]}]}]}]}]`

	// One organization at a time, so a report of hundreds of megabytes keeps memory flat.
	for org, err := range cloudmore.DecodeBillingReport(strings.NewReader(saved)) {
		if err != nil {
			log.Fatal(err)
		}
		for _, l := range org.Lines() {
			fmt.Println(l.BillingDate.Format("2006-01-02"), l.OrganizationName, l.ProductName, l.Quantity.Text(), l.TotalCost.Text(), l.TotalPrice.Text(), l.CurrencyCode)
		}
		for _, d := range org.Check() {
			fmt.Println(d.Level, d.Field, "stated", d.Stated.Text(), "computed", d.Computed.Text())
		}
	}
	// Output:
	// 2020-04-29 Contoso Box Enterprise 10.0000 473.58 710.37 SEK
	// service totalResellerPrice stated 480.00 computed 473.58
}

// A *ValidationError names every failing field at once, by its JSON name, before anything is
// sent: a portal form can mark them all.
func ExampleOrganizationsService_Create_validation() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()

	_, _, err := client.Organizations.Create(context.Background(), &cloudmore.CreateOrganizationRequest{
		Name:              "Contoso",
		NotificationEmail: "it@",
		Contact:           &cloudmore.OrganizationContact{Name: "Jane Doe"},
		Address:           &cloudmore.OrganizationAddress{CountryCode: "se"},
		PrimaryDomain:     "gmail.com",
	})
	var ve *cloudmore.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Field)
		}
	}
	fmt.Println(len(srv.Requests()), "requests sent")
	// Output:
	// registrationNumber
	// notificationEmail
	// address.countryCode
	// primaryDomain
	// 0 requests sent
}

// The broker's custom-property definitions type the values an organization carries.
func ExampleBrokerCustomPropertiesService_List() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	defs, _, err := client.Broker.CustomProperties.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	var newsletter string
	for _, d := range defs {
		if d.Type == cloudmore.CustomPropertyCheckbox {
			newsletter = d.ID
		}
	}
	created, _, err := client.Organizations.Create(ctx, &cloudmore.CreateOrganizationRequest{
		Name: "Contoso", RegistrationNumber: "556677-8899", NotificationEmail: "it@contoso.example",
		Contact:          &cloudmore.OrganizationContact{Name: "Jane Doe"},
		Address:          &cloudmore.OrganizationAddress{CountryCode: "SE"},
		PrimaryDomain:    "contoso.example",
		CustomProperties: []cloudmore.CustomPropertyValue{{ID: newsletter, Value: "1"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	org, _, err := client.Organizations.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	props, err := cloudmore.DecodeCustomProperties(defs, org.Raw)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range props {
		fmt.Printf("%s (%s): %t\n", p.Name, p.Type, p.Checked)
	}
	// Output: Newsletter (checkbox): true
}
