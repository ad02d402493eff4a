package cloudmore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// A service of the broker's own with a product and an add-on; prices are exact decimals, sent
// as JSON numbers with their scale and read back as Cloudmore wrote them.
func ExampleBrokerProductsService_Create() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	svc, _, err := client.Broker.Services.Create(ctx, &cloudmore.CreateBrokerServiceRequest{Name: "Backup Plus"})
	if err != nil {
		log.Fatal(err)
	}
	prod, _, err := client.Broker.Products.Create(ctx, svc.ID, &cloudmore.CreateBrokerProductRequest{
		Name: "Backup 100 GB", ItemCode: "BCK-100", SubscriptionPeriod: cloudmore.Ptr(1), PaymentFrequency: cloudmore.Ptr(1),
		Cost: cloudmore.Ptr(cloudmore.MustDecimal("6.00")), Price: cloudmore.Ptr(cloudmore.MustDecimal("10.00")),
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, _, err := client.Broker.Addons.Create(ctx, svc.ID, prod.ID, &cloudmore.CreateBrokerAddonRequest{
		Name: "Extra 10 GB", ItemCode: "BCK-X10", Price: cloudmore.Ptr(cloudmore.MustDecimal("1.99")),
	}); err != nil {
		log.Fatal(err)
	}

	products, _, err := client.Broker.Products.List(ctx, svc.ID)
	if err != nil {
		log.Fatal(err)
	}
	addons, _, err := client.Broker.Addons.List(ctx, svc.ID, prod.ID)
	if err != nil {
		log.Fatal(err)
	}
	p, a := products[0], addons[0]
	fmt.Printf("%s (%s): cost %s, price %s, margin %s\n", p.Name, p.ItemCode, p.Cost, p.Price, p.Price.Sub(p.Cost))
	fmt.Printf("add-on %s: %s\n", a.Name, a.Price)
	// Output:
	// Backup 100 GB (BCK-100): cost 6.00, price 10.00, margin 4.00
	// add-on Extra 10 GB: 1.99
}

// Metered usage: submit a record (its member names are the SDK's inference: no source shows
// them) and read the usage back with the consumption read, a POST with a filter body.
func ExampleBrokerConsumptionService_Submit() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	const seedSubscription = "28c427f5-2c6c-40a0-8f40-343c724f576a" // Box.com, in the fake's seed
	_, err := client.Broker.Consumption.Submit(ctx, &cloudmore.SubmitBrokerConsumptionsRequest{
		SubscriptionID: seedSubscription,
		Quantity:       cloudmore.Ptr(cloudmore.MustDecimal("12.5")),
		BillingDate:    cloudmore.NewDate(2026, 11, 30),
	})
	if err != nil {
		log.Fatal(err)
	}
	usage, _, err := client.Broker.Consumption.List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Cloudmore does not document the answer: read what you need from Raw (the fake answers
	// the records as they were sent).
	var records []struct {
		Quantity cloudmore.Decimal `json:"quantity"`
	}
	if err := json.Unmarshal(usage.Raw, &records); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(records), records[0].Quantity)
	// Output: 1 12.5
}
