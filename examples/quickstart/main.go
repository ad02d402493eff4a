// Quickstart authenticates and lists the broker's organizations.
//
//	go run ./examples/quickstart
//
// Without CLOUDMORE_* credentials it runs against the built-in fake; see
// internal/exampleenv for the variables that point it at Cloudmore Staging.
package main

import (
	"context"
	"fmt"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/internal/exampleenv"
)

func main() { exampleenv.Main(run) }

func run(ctx context.Context, env *exampleenv.Env) error {
	// Against Cloudmore Staging, env.Options() are what the README's quick start spells out:
	//
	//	cloudmore.WithEnvironment(cloudmore.Staging), // Production is the default
	//	cloudmore.WithCredentials(cloudmore.Credentials{
	//		ClientSecret: os.Getenv("CLOUDMORE_CLIENT_SECRET"), // from Cloudmore support
	//		Username:     os.Getenv("CLOUDMORE_USERNAME"),      // an admin with "Allow REST API access"
	//		Password:     os.Getenv("CLOUDMORE_PASSWORD"),
	//	}),
	//	cloudmore.WithResellerID(os.Getenv("CLOUDMORE_RESELLER_ID")),
	//
	// Against the built-in fake they are cloudmore.WithBaseURL(its URL) and its credentials.
	c, err := cloudmore.NewClient(env.Options()...)
	if err != nil {
		return err // a bad option names itself: "cloudmore: invalid WithResellerID: ..."
	}

	// The first call gets the OAuth token; the client reuses it until it expires.
	orgs, _, err := c.Organizations.List(ctx, nil)
	if err != nil {
		return fmt.Errorf("list organizations: %w", err)
	}
	fmt.Printf("%d organizations\n", len(orgs))
	for i, o := range orgs {
		if i == 10 {
			fmt.Printf("... and %d more\n", len(orgs)-i)
			break
		}
		fmt.Printf("%-40s %s  services=%d users=%d\n", o.Name, o.ID, o.Services, o.Users)
	}
	return nil
}
