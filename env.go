package cloudmore

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// envCredentials are the variables OptionsFromEnv needs all of, or none.
var envCredentials = []string{"CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD", "CLOUDMORE_RESELLER_ID"}

// OptionsFromEnv returns the options of NewClient that the CLOUDMORE_* environment variables
// name, the variables the SDK's examples and its integration suite read (the cloudmore command
// reads the same names):
//
//	CLOUDMORE_CLIENT_SECRET  the OAuth client secret (from Cloudmore support)
//	CLOUDMORE_USERNAME       a broker administrator with "Allow REST API access"
//	CLOUDMORE_PASSWORD       its password
//	CLOUDMORE_RESELLER_ID    the broker's reseller id (a GUID)
//	CLOUDMORE_CLIENT_ID      optional: the OAuth client id (default DefaultClientID)
//	CLOUDMORE_SELLER_ID      optional: the seller's id (a GUID), for the seller side
//	CLOUDMORE_ENV            optional: "staging" (the default here) or "production"
//	CLOUDMORE_ALLOW_LIVE     must be 1 for production
//	CLOUDMORE_BASE_URL       optional: another host (a proxy, `cloudmore fake serve`), as WithBaseURL
//
// The options are WithEnvironment (or WithBaseURL), WithCredentials, WithResellerID and, when
// CLOUDMORE_SELLER_ID is set, WithSellerID; options passed to NewClient after them override
// them. Unlike NewClient, which defaults to Production, the environment defaults to Staging,
// and the live platform needs CLOUDMORE_ALLOW_LIVE=1 as well as CLOUDMORE_ENV=production (or a
// CLOUDMORE_BASE_URL naming Production's host): a program tried out with test credentials never
// creates real organizations or subscriptions by accident.
//
// With none of the four credential variables set, OptionsFromEnv returns nil and no error, so a
// program can fall back to something else, such as the fake of package cloudmoretest. Setting
// some of them but not all is an error naming the missing ones, so that a typo never falls back
// silently; so are an unknown CLOUDMORE_ENV, production without CLOUDMORE_ALLOW_LIVE=1, and a
// reseller or seller id that is not a GUID. No error quotes a secret. It reads the environment
// only and sends nothing.
func OptionsFromEnv() ([]Option, error) {
	var set, missing []string
	for _, k := range envCredentials {
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
			strings.Join(set, ", "), strings.Join(missing, ", "), strings.Join(envCredentials, ", "))
	}

	live := errors.New("CLOUDMORE_ENV=production talks to the live platform and creates real " +
		"organizations and subscriptions: set CLOUDMORE_ALLOW_LIVE=1 to allow it")
	allowLive := os.Getenv("CLOUDMORE_ALLOW_LIVE") == "1"
	env := Staging
	switch name := strings.ToLower(strings.TrimSpace(os.Getenv("CLOUDMORE_ENV"))); name {
	case "", "staging":
	case "production", "prod", "live":
		if !allowLive {
			return nil, live
		}
		env = Production
	default:
		return nil, fmt.Errorf("CLOUDMORE_ENV=%q: want staging or production", name)
	}
	host := WithEnvironment(env)
	if base := strings.TrimSpace(os.Getenv("CLOUDMORE_BASE_URL")); base != "" {
		if strings.TrimRight(strings.ToLower(base), "/") == Production.BaseURL() && !allowLive {
			return nil, errors.New("CLOUDMORE_BASE_URL is the live platform, which creates real " +
				"organizations and subscriptions: set CLOUDMORE_ALLOW_LIVE=1 to allow it")
		}
		host = WithBaseURL(base)
	}

	resellerID, sellerID := os.Getenv("CLOUDMORE_RESELLER_ID"), os.Getenv("CLOUDMORE_SELLER_ID")
	var bad []string
	if !isGUID(resellerID) {
		bad = append(bad, fmt.Sprintf("CLOUDMORE_RESELLER_ID=%q", truncate(resellerID, 64)))
	}
	if sellerID != "" && !isGUID(sellerID) {
		bad = append(bad, fmt.Sprintf("CLOUDMORE_SELLER_ID=%q", truncate(sellerID, 64)))
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s: want a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", strings.Join(bad, ", "))
	}

	opts := []Option{
		host,
		WithCredentials(Credentials{
			ClientID:     os.Getenv("CLOUDMORE_CLIENT_ID"), // empty: DefaultClientID
			ClientSecret: os.Getenv("CLOUDMORE_CLIENT_SECRET"),
			Username:     os.Getenv("CLOUDMORE_USERNAME"),
			Password:     os.Getenv("CLOUDMORE_PASSWORD"),
		}),
		WithResellerID(resellerID),
	}
	if sellerID != "" {
		opts = append(opts, WithSellerID(sellerID))
	}
	return opts, nil
}
