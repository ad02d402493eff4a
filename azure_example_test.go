package cloudmore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// A manual billing line: its quantity and unit prices are required and exact Decimals (their
// JSON names are inferred from the billing report's); members the SDK does not type go in
// Extra.
func ExampleManualBillingService_Create() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	org := cloudmoretest.SeedOrganization1ID

	created, _, err := client.ManualBilling.Create(ctx, org, &cloudmore.CreateManualBillingLineRequest{
		BillingDate:          cloudmore.NewTime(time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)),
		ServiceID:            cloudmoretest.BoxServiceID,
		Quantity:             cloudmore.Ptr(cloudmore.MustDecimal("2")),
		ResellerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("40.00")),
		CustomerPricePerUnit: cloudmore.Ptr(cloudmore.MustDecimal("55.50")),
		Extra:                map[string]any{"description": "Onboarding workshop"},
	})
	if err != nil {
		log.Fatal(err)
	}
	line, _, err := client.ManualBilling.Get(ctx, org, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	// Cloudmore does not document the answer: read what you need from Raw.
	var fields struct {
		Description string            `json:"description"`
		Price       cloudmore.Decimal `json:"customerPricePerUnit"`
	}
	if err := json.Unmarshal(line.Raw, &fields); err != nil {
		log.Fatal(err)
	}
	fmt.Println(fields.Description, fields.Price)
	// Output: Onboarding workshop 55.50
}

// The Azure plan: add the Azure service, create the plan subscription with its first
// entitlement, and list the organization's Azure subscriptions.
func ExampleAzurePlanService_Create() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	org := cloudmoretest.SeedOrganization1ID

	if _, _, err := client.Azure.Add(ctx, org, &cloudmore.AddAzureRequest{Extra: map[string]any{"currencyCode": "GBP"}}); err != nil {
		log.Fatal(err)
	}
	if _, _, err := client.Azure.Plan.Create(ctx, org, &cloudmore.CreateAzurePlanSubscriptionRequest{
		Extra: map[string]any{"name": "Azure plan"}}); err != nil {
		log.Fatal(err)
	}
	subs, _, err := client.Azure.Subscriptions.List(ctx, org)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(subs), "Azure subscription")
	// Output: 1 Azure subscription
}
