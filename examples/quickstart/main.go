// Quickstart authenticates and lists the broker's organizations.
//
//	go run ./examples/quickstart
//
// It is a program to copy as it is: it needs only the SDK's public packages. With the
// CLOUDMORE_* variables set (see cloudmore.OptionsFromEnv) it talks to Cloudmore Staging; with
// none of them, to the built-in fake of package cloudmoretest.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

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

func run(ctx context.Context) error {
	// The client's options come from CLOUDMORE_* (WithEnvironment(Staging), WithCredentials,
	// WithResellerID: the README's quick start spells them out), or, when none is set, from a
	// fake Cloudmore started in this process.
	opts, err := cloudmore.OptionsFromEnv()
	if err != nil {
		return err // half-set credentials, or production without CLOUDMORE_ALLOW_LIVE=1
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
		return err // a bad option names itself: "cloudmore: invalid WithBaseURL: ..."
	}
	if fake != nil {
		fmt.Println("Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)")
	} else {
		fmt.Println("Using Cloudmore at", c.BaseURL())
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
