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

	"github.com/cloudmore-sdk/cloudmore-go/internal/exampleenv"
)

func main() { exampleenv.Main(run) }

func run(ctx context.Context, env *exampleenv.Env) error {
	// The first call gets the OAuth token; the client reuses it until it expires.
	orgs, _, err := env.Client.Organizations.List(ctx, nil)
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
