// Package integration holds the SDK's scenario tests: the portal flow, Microsoft CSP, price
// updates and billing, end to end through the public API.
//
// In a plain `go test ./...` they run against the built-in fake (cloudmoretest). With
// CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD and CLOUDMORE_RESELLER_ID
// set (CLOUDMORE_CLIENT_ID optional) they run against Cloudmore Staging instead; production
// (CLOUDMORE_ENV=production) is refused unless CLOUDMORE_ALLOW_LIVE=1. Everything they create
// is named "sdkit-<unix time>-<random>-…" and removed with t.Cleanup, also when a test fails.
// What the account cannot do is skipped with the reason, never failed: a 403 from any call; a
// 404, a 405 or an error saying "not available" from a call that needs something enabled for
// the broker (Microsoft CSP and NCE, price-list changes, billing reports); no CSP or custom
// service in its E-store. Against the fake every error fails.
//
// CLOUDMORE_STRICT=1 reports, at the end of the run, every answer member the SDK's models
// have no field for, per operation; CLOUDMORE_STRICT=fail also fails the run if there is one.
package integration
