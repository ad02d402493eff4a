// Package exampleenv is the set-up the runnable examples (and the integration suite) share.
// It decides where they go: to Cloudmore Staging, with the account the CLOUDMORE_* environment
// variables name, or, when none is set, to the built-in fake (cloudmoretest), so that every
// example runs out of the box. It hands back the options of cloudmore.NewClient; each example
// builds its client itself.
//
// Environment:
//
//	CLOUDMORE_CLIENT_ID      OAuth client id (optional; default ro.customer.client)
//	CLOUDMORE_CLIENT_SECRET  OAuth client secret
//	CLOUDMORE_USERNAME       broker administrator with "Allow REST API access"
//	CLOUDMORE_PASSWORD       its password
//	CLOUDMORE_RESELLER_ID    the broker's reseller id (a GUID)
//	CLOUDMORE_SELLER_ID      the seller's id (a GUID; optional: the seller side runs only with it)
//	CLOUDMORE_ENV            "staging" (default) or "production"
//	CLOUDMORE_ALLOW_LIVE     must be 1 for CLOUDMORE_ENV=production
//
// The last four credentials go together: setting some of them but not all is an error, so that
// a typo never silently falls back to the fake.
package exampleenv

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// FakeBanner is the first line an example prints when it runs against the fake.
const FakeBanner = "Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)"

// requiredVars are the variables that must all be set to talk to a real Cloudmore host.
var requiredVars = []string{"CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD", "CLOUDMORE_RESELLER_ID"}

// Config is what the environment asks for: a real Cloudmore host and the credentials for it.
type Config struct {
	// Credentials are the API user's credentials.
	Credentials cloudmore.Credentials
	// ResellerID is the broker's reseller id.
	ResellerID string
	// SellerID is the seller's id, empty when CLOUDMORE_SELLER_ID is not set.
	SellerID string
	// Environment is Staging unless CLOUDMORE_ENV=production (and CLOUDMORE_ALLOW_LIVE=1).
	Environment cloudmore.Environment
}

// Options returns the client options for the configuration.
func (c *Config) Options() []cloudmore.Option {
	opts := []cloudmore.Option{
		cloudmore.WithEnvironment(c.Environment),
		cloudmore.WithCredentials(c.Credentials),
		cloudmore.WithResellerID(c.ResellerID),
	}
	if c.SellerID != "" {
		opts = append(opts, cloudmore.WithSellerID(c.SellerID))
	}
	return opts
}

// FromEnv reads the CLOUDMORE_* variables. It returns nil and no error when none of the
// credentials is set (use the fake then), and an error when only some are, when
// CLOUDMORE_ENV is unknown, or when it names production without CLOUDMORE_ALLOW_LIVE=1.
func FromEnv() (*Config, error) {
	var set, missing []string
	for _, k := range requiredVars {
		if os.Getenv(k) != "" {
			set = append(set, k)
		} else {
			missing = append(missing, k)
		}
	}
	if len(set) == 0 {
		return nil, nil
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s set but %s missing: set all of %s, or none to use the built-in fake",
			strings.Join(set, ", "), strings.Join(missing, ", "), strings.Join(requiredVars, ", "))
	}
	cfg := &Config{
		Credentials: cloudmore.Credentials{
			ClientID:     os.Getenv("CLOUDMORE_CLIENT_ID"),
			ClientSecret: os.Getenv("CLOUDMORE_CLIENT_SECRET"),
			Username:     os.Getenv("CLOUDMORE_USERNAME"),
			Password:     os.Getenv("CLOUDMORE_PASSWORD"),
		},
		ResellerID:  os.Getenv("CLOUDMORE_RESELLER_ID"),
		SellerID:    os.Getenv("CLOUDMORE_SELLER_ID"),
		Environment: cloudmore.Staging,
	}
	if cfg.Credentials.ClientID == "" {
		cfg.Credentials.ClientID = cloudmore.DefaultClientID
	}
	switch env := strings.ToLower(strings.TrimSpace(os.Getenv("CLOUDMORE_ENV"))); env {
	case "", "staging":
	case "production", "prod", "live":
		if os.Getenv("CLOUDMORE_ALLOW_LIVE") != "1" {
			return nil, errors.New("CLOUDMORE_ENV=production talks to the live platform and creates real " +
				"organizations and subscriptions: set CLOUDMORE_ALLOW_LIVE=1 to allow it")
		}
		cfg.Environment = cloudmore.Production
	default:
		return nil, fmt.Errorf("CLOUDMORE_ENV=%q: want staging or production", env)
	}
	return cfg, nil
}

// Env is where an example's client goes, the built-in fake or a real Cloudmore host, and what
// the example registered to clean up. The example builds its client itself, from Options:
//
//	c, err := cloudmore.NewClient(env.Options()...)
type Env struct {
	// Fake is the running fake, nil against a real Cloudmore host.
	Fake *cloudmoretest.Server
	// Banner says what the client talks to, to print first.
	Banner string
	// Prefix starts the name of everything the example creates: "sdk-example-<unix time>-".
	Prefix string

	config   *Config // nil on the fake
	cleanups []func(context.Context) error
}

// Setup decides where the examples go: to the host and account the CLOUDMORE_* variables
// name, or, when none is set, to a newly started fake. It sends nothing. Close stops the fake.
func Setup() (*Env, error) {
	cfg, err := FromEnv()
	if err != nil {
		return nil, err
	}
	env := &Env{Prefix: fmt.Sprintf("sdk-example-%d-", time.Now().Unix()), config: cfg}
	if cfg == nil {
		fake, err := cloudmoretest.Start(cloudmoretest.Options{})
		if err != nil {
			return nil, fmt.Errorf("start the fake: %w", err)
		}
		env.Fake, env.Banner = fake, FakeBanner
		return env, nil
	}
	env.Banner = fmt.Sprintf("Using Cloudmore %s (%s) as %s", cfg.Environment, cfg.Environment.BaseURL(), cfg.Credentials.Username)
	return env, nil
}

// Options returns the options of cloudmore.NewClient for where the example goes. For a real
// host they are Config.Options: WithEnvironment, WithCredentials and WithResellerID from
// CLOUDMORE_*. For the fake they are WithBaseURL (its loopback URL), WithCredentials (those
// its token endpoint accepts) and WithResellerID (the reseller id it answers to).
func (e *Env) Options() []cloudmore.Option {
	if e.config != nil {
		return e.config.Options()
	}
	return []cloudmore.Option{
		cloudmore.WithBaseURL(e.Fake.URL()),
		cloudmore.WithCredentials(e.Fake.Credentials()),
		cloudmore.WithResellerID(e.Fake.ResellerID()),
	}
}

// IsFake reports whether the example talks to the built-in fake.
func (e *Env) IsFake() bool { return e.Fake != nil }

// Cleanup registers f to run after the example's work, even when it failed; cleanups run last
// registered first, with a context of their own.
func (e *Env) Cleanup(f func(context.Context) error) { e.cleanups = append(e.cleanups, f) }

// runCleanups runs the registered cleanups and joins their errors.
func (e *Env) runCleanups() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var errs []error
	for i := len(e.cleanups) - 1; i >= 0; i-- {
		if err := e.cleanups[i](ctx); err != nil {
			errs = append(errs, fmt.Errorf("cleanup: %w", err))
		}
	}
	e.cleanups = nil
	return errors.Join(errs...)
}

// Close stops the fake, if there is one.
func (e *Env) Close() {
	if e.Fake != nil {
		e.Fake.Close()
	}
}

// Main runs an example: it calls Setup, prints the banner as the first line of stdout,
// runs run with a context that Ctrl-C cancels, runs the cleanups, and exits non-zero with the
// error on stderr if anything failed.
func Main(run func(ctx context.Context, env *Env) error) { os.Exit(runMain(os.Stdout, os.Stderr, run)) }

// MainBannerToStderr is Main with the banner on stderr, for an example whose stdout is data.
func MainBannerToStderr(run func(ctx context.Context, env *Env) error) {
	os.Exit(runMain(os.Stderr, os.Stderr, run))
}

func runMain(banner, errOut io.Writer, run func(ctx context.Context, env *Env) error) int {
	env, err := Setup()
	if err != nil {
		fmt.Fprintln(errOut, "error:", err)
		return 1
	}
	defer env.Close()
	fmt.Fprintln(banner, env.Banner)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err = run(ctx, env)
	if cerr := env.runCleanups(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		fmt.Fprintln(errOut, "error:", err)
		return 1
	}
	return 0
}

// OrganizationRequest returns a complete create request for a test organization called name,
// with a Swedish address and the primary domain "<name>.example.com". name must be usable
// as a domain label (letters, digits, hyphens), as the prefixes this package makes are.
func OrganizationRequest(name string) *cloudmore.CreateOrganizationRequest {
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
