package cloudmoreotel_test

import (
	"context"
	"fmt"
	"log"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	cloudmoreotel "github.com/cloudmore-sdk/cloudmore-go/otel"
)

// ExampleNew traces a client's calls with an in-memory exporter. A gateway answers the first
// list with 503, so the call has two attempts; every span is named by the operation, never by
// a URL full of ids. In a program, pass your TracerProvider and MeterProvider (or none, for
// the global ones) and export them as usual.
func ExampleNew() {
	srv, err := cloudmoretest.Start(cloudmoretest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	tel, err := cloudmoreotel.New(cloudmoreotel.WithTracerProvider(tp))
	if err != nil {
		log.Fatal(err)
	}
	client := srv.Client(cloudmore.WithTelemetry(tel))

	srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations", cloudmoretest.Fault{Status: 503})
	ctx := context.Background()
	if _, _, err := client.Organizations.List(ctx, nil); err != nil {
		log.Fatal(err)
	}
	if _, _, err := client.Organizations.Get(ctx, cloudmoretest.SeedOrganization1ID); err != nil {
		log.Fatal(err)
	}

	// Spans end attempt first, then their call.
	for _, s := range exporter.GetSpans() {
		status := ""
		for _, kv := range s.Attributes {
			if kv.Key == "http.response.status_code" {
				status = kv.Value.String()
			}
		}
		fmt.Println(s.Name, status)
	}
	// Output:
	// Organizations.List attempt 503
	// Organizations.List attempt 200
	// Organizations.List 200
	// Organizations.Get attempt 200
	// Organizations.Get 200
}
