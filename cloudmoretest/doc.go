// Package cloudmoretest is an in-memory fake of Cloudmore's API, the broker side and the seller
// side (every operation the SDK declares), for testing code that uses the cloudmore SDK without
// the real service: no credentials, no network beyond the loopback interface, no shared staging
// data, and faults on demand.
//
// The fake knows no more than the SDK: where the SDK keeps a body as Extra or an answer as Raw
// (no source shows its fields), the fake stores what it is sent and requires nothing of it,
// answers what no source shows with the least it honestly can ({} or [], the JSON it was sent,
// or a task that finishes at once), and records every body member no source documents:
// UnverifiedMembers lists them, and SetStrictMembers(true) refuses them with 400 naming each, as
// a real server refuses a misspelt member. Nothing it refuses is a member no typed field of the
// SDK documents: where the fake needs a member to keep its state (a quantity to bill, a price,
// the subscription a usage record is of), the SDK types it, saying where the name comes from.
// A route it does not know is 501 in Cloudmore's error shape, never a 404.
// Every answer carries an X-Request-Id, as Response.RequestID reads it.
//
// # Starting a fake
//
// In a test, NewServer starts a fake on 127.0.0.1 and closes it when the test ends; Client
// returns an SDK client already pointed at it, with the fake's credentials and reseller id:
//
//	func TestOnboarding(t *testing.T) {
//		srv := cloudmoretest.NewServer(t)
//		client := srv.Client() // cloudmore.NewClient(WithBaseURL, WithCredentials, WithResellerID)
//		// ... run your code against client, then inspect srv.Requests() ...
//	}
//
// Options are set with functions: NewServer(t, func(o *cloudmoretest.Options) { o.NoSeed = true }).
// Outside tests (a quickstart, a demo), Start(Options{}) does the same and Close stops it;
// ClientOptions gives the options of cloudmore.NewClient for the fake (a program falls back to
// them when cloudmore.OptionsFromEnv finds no CLOUDMORE_* credentials), and URL, ResellerID,
// SellerID and Credentials each part of them. The token endpoint is
// URL()+"/connect/token"; the API is under URL()+"/api/resellers/{resellerId}".
//
// # What it models
//
// The fake speaks Cloudmore's wire format on its own, independent of the SDK's types: money as
// JSON strings with two decimals ("282.80"), billing quantities as numbers with four (10.0000),
// timestamps without a zone ("2020-01-17T00:00:00", UTC), lists as bare JSON arrays, creates
// answered 201 with an empty body and the new resource's absolute URL in Location, and errors
// in Cloudmore's two shapes: a 400 array [{"errorCode":5,"errorName":"InvalidValue",
// "errorMessage":"..."}] for business rules, and an ASP.NET model-state object
// {"Contact.Email":["..."]} for missing or malformed fields. Routing is case-insensitive, as
// ASP.NET's is; the Swagger's paths (and spelling mistakes, such as
// existingSubscriptionEligiblities) are the fake's. Amounts are exact decimals throughout.
//
// Authentication is Cloudmore's: POST /connect/token with the password grant, scope "api" and
// the client authenticated by a Basic header (or client_id/client_secret form fields). Wrong
// username or password gives 400 {"error":"invalid_grant","error_description":
// "invalid_username_or_password"}; a wrong client 401 {"error":"invalid_client"}. API calls with a
// missing, unknown, expired (by the fake's clock, see Advance) or revoked token get 401 with an
// empty body and WWW-Authenticate: Bearer; a reseller id other than the fake's gets 403.
//
// Operations and the rules they enforce:
//
//   - GET /api/healthcheck answers 200 {"status":"Healthy"} with or without a valid token
//     (Cloudmore documents neither its answer nor whether it needs one: both are the fake's).
//
//   - Organizations (list, create, get, update, delete): the required fields and maximum
//     lengths of OrganizationCreateViewModel; unique name and primaryDomain (case-insensitive);
//     generic mail domains (gmail.com, hotmail.com, aol.com, outlook.com, yahoo.com, ...)
//     refused as "Invalid domain/website:...". The name cannot change; an update changes the
//     fields it sends. A delete removes the organization with everything in it.
//
//   - Users and OrganizationRoles: a user needs name (the login, in the organization's primary
//     domain, unique), firstName, lastName and a roleId from OrganizationRoles.
//
//   - E-store and organization services: the catalog holds the guide's "Box.com" (a broker
//     custom service: products Gold, Box Enterprise, Box Starter, with the guide's custom
//     properties) and "Microsoft O365 CSP Direct". Adding a service fixes the currency of the
//     organization's prices; a service with active subscriptions cannot be removed.
//
//   - Products, in the guide's shape, with the organization's price in its currency.
//
//   - Custom-service subscriptions: quantity at least the product's minimumQuantity (400 array
//     error otherwise), isTrial only for products with a trial period; DELETE cancels
//     (isCancelled, the subscription stays listed); subscription users up to the quantity.
//
//   - CSP: domain validation ([{"isValid": bool}]; "contoso" and "fabrikam" are taken, see
//     TakenDomainPrefixes and TakeDomainPrefix), the CSP service with the guide's body
//     (cloudAgreement required, domain prefix free), the guide's products (AI Builder and
//     Microsoft 365 offers), legacy subscriptions (billingCycle one of supportedBillingCycles,
//     quantity within minimum and maximum, DELETE suspends), the CSP user list (also
//     asynchronously), and NCE, whose members no source shows: products (the catalog's items
//     under the CSP product's names, no term, billing frequency, quantity limits or segments),
//     subscriptions kept as sent and deletable within Microsoft's 7-day window, upgrades that
//     finish Completed and change nothing, and empty eligibility and alignment-date lists.
//
//   - Price lists: broker (GET with currencyCode and segment, PUT) and organization (GET, PUT
//     with the guide's body) in the guide's shape, margin = salesPrice - cost and
//     marginPercentage = margin / salesPrice * 100 printed as .NET prints a decimal
//     ("25.283522348232154769846564380" for the guide's 3.79 / 14.99).
//
//   - Billing: MonthlyBillingPerOrganization (the guide's tree) and MonthlyBillingPerService
//     for ?startDate=&endDate=&currencyCode=, computed from the subscriptions that exist and the
//     current prices: one billing date per month end (23:59:59) in the range; custom products
//     bill every paymentFrequency months, legacy CSP monthly or, billed annually, 12 months at
//     once; trial months, and subscriptions not yet started or cancelled by the billing date, are
//     not billed, nor are NCE subscriptions (the fake cannot know what one is of). The fake keeps no price history: a price change shows on past dates too.
//     currencyCode converts at fixed rates (see SupportedCurrencies). Ranges are limited to 24
//     months (120 for the asynchronous report).
//
//   - Asynchronous tasks: POST .../MonthlyBillingPerOrganizationAsync (JSON body {startDate,
//     endDate, currencyCode}) and POST .../services/csp/usersAsync answer 202 Accepted with
//     Location naming the task and {"taskId": "..."}; GET on the task answers 202
//     {"status":"Processing"} for Options.PollsUntilDone polls, then 200 with the result.
//
//   - Microsoft 365 users (create, get by id or userPrincipalName, update, delete), product
//     licences (assign, remove), NCE alignment dates, CSP tenants (list, link;
//     AddPartnerCenterTenant adds one no organization has).
//
//   - Azure: the Azure service first, one Azure plan per organization with its entitlements,
//     role assignments only on active subscriptions; the organization-wide and broker-wide
//     subscription lists are derived from the plan.
//
//   - User groups and their members, external invoices (the list needs startDate and endDate),
//     manual billing lines (billingDate, serviceId, a service the organization has, and the
//     quantity, resellerPricePerUnit and customerPricePerUnit the SDK types and requires: a line
//     without them is refused, never billed at 1 x 0.00). Manual billing lines appear in the
//     billing report and the cost-center report (one "Default" cost center) for their billing
//     date.
//
//   - The broker's own catalogue: created services join the e-store as custom services, so
//     organizations add, price, order and are billed for them; products and add-ons with exact
//     prices; DELETE disables. A usage record (subscriptionId and quantity required, as the SDK
//     types it) is billed on the billing date of its month; the consumption POST answers the
//     records as they were sent and applies no filter (no source shows the filter's members). Administrators, organization groups and members
//     and payment methods are kept as the members sent; roles and e-mail templates are fixed.
//
//   - The seller side (/api/sellers/{sellerId}, Options.SellerID): services (publish, disable),
//     subscriptions (remove with delete or cancel, licence keys), webhooks, and, kept as the
//     JSON sent (numbers keep their digits), administrators, brokers, products, add-ons, price
//     lists (the PUT names a product or add-on of the service by itemId, 404 otherwise),
//     manual billing lines per broker (with the broker side's required members) and consumption
//     (kept as sent: the seller side bills nothing); bulk consumption is a task whose usage is
//     recorded, all of it, when it finishes.
//
//   - Webhooks: when an organization adds or removes a seller's service or orders, changes or
//     cancels a subscription to it, when the seller removes a subscription, and when a broker
//     adds or removes the service (BrokerAddService, BrokerDeleteService), the fake POSTs to
//     the registered webhook URLs with their Basic credentials and custom header, from a
//     goroutine of its own, retries a failed delivery (DefaultWebhookAttempts tries in all;
//     SetWebhookAttempts) and records each one (WebhookDeliveries; WaitWebhookDeliveries waits for them).
//     WebhookPayload and NewWebhookRequest build that call for other tools; SetWebhookClient
//     sets the HTTP client it goes through.
//
// Operations of the Swagger that the fake does not implement (the Azure and CSP billing
// reports, the Azure one-time usage flows, the commitment and post-renewal prices: no source
// shows their answers) answer 404, and a known path with another method 405.
//
// The seed data (left out with Options.NoSeed) is the guide's: three organizations
// (SeedOrganization1ID..3) with 2, 1 and 0 services and 1, 0 and 1 users; the first has the
// guide's Gold subscription "This is my subscription" (SeedSubscriptionID, quantity 10,
// started 2020-01-17) and a CSP tenant with 5 legacy Business Basic licences.
//
// # Shapes the fake invents
//
// Cloudmore does not document every response, so some shapes are the fake's own, plain
// camelCase, and code should not rely on them matching the real API: organization details
// (the create body plus id and displayName), users and roles ({id, name}), organization
// service details, subscription history ({date, action, quantity, description}; the real
// OrganizationSubscriptionHistoryViewModel is unknown), subscription users, the CSP service
// details, legacy CSP subscriptions, the CSP product licences (one per active legacy
// subscription, with its totals), CSP users and tenants, the NCE upgrade status ({status:
// InProgress|Completed}, the member the SDK types), the per-service billing tree, the
// asynchronous report's POST body, the healthcheck's {"status":"Healthy"}, 404 bodies
// ([{"errorCode":0,"errorName":"NotFound",...}]), and the statuses of updates and deletes (204
// No Content). customServiceProduct is a JSON boolean (the guide's example shows the string
// "false"). A resource kept as sent gets an "id", and Azure's get the fake's "status" (Active
// or Suspended), the plan's "entitlements", "planSubscriptionId", "organizationId" (broker-wide
// list) and "addedAt" (the service).
//
// The fake reads a few members no source documents when they are sent, and never requires
// them (UnverifiedMembers lists them like any other): a Microsoft 365 user's
// userPrincipalName, displayName, firstName and lastName (a missing userPrincipalName is made
// from the names), a user-group member's "userId" (or "id") and an organization-group member's
// "organizationId" as the member's id, and an external invoice's "invoiceDate" for the list's
// date filter.
//
// # Knobs
//
// Latency, for every answer or for the token endpoint only:
//
//	srv.SetLatency(200 * time.Millisecond)
//	srv.SetTokenLatency(time.Second) // e.g. 256 concurrent calls should still cause 1 token request
//
// Scripted statuses: the next matching requests get these answers instead of their normal
// handling (before authentication, as from a gateway), one each, in order:
//
//	srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations",
//		cloudmoretest.Fault{Status: 429, RetryAfter: "1"},
//		cloudmoretest.Fault{Status: 503},
//		cloudmoretest.Fault{Status: 500, Body: `[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"x"}]`})
//	srv.ScriptStatuses("POST", "/connect/token", cloudmoretest.Fault{Status: 503})
//
// Patterns match segment by segment, case-insensitively: "*" or "{name}" is any one segment,
// a final "**" or "{name...}" the rest, "" every path; method "" or "*" is any method.
//
// Dropped connections: the request is carried out, then the answer is cut after half of its
// body (or, without a body, before anything is written), so a POST's outcome is unknown to the
// client:
//
//	srv.DropConnection("POST", "/api/resellers/*/organizations/*/services/*/subscriptions", 1)
//
// Revoked and expiring tokens, and the fake's time (token expiry, the start dates of new
// subscriptions, which the billing reports follow, and NCE's 7-day window):
//
//	srv.RevokeTokens()                     // every token issued so far now gets 401
//	srv.Advance(24*time.Hour + time.Second) // the default TokenLifetime + 1s: they expire
//	srv.SetClock(func() time.Time { return time.Date(2020, 4, 10, 12, 0, 0, 0, time.UTC) })
//
// Advance shifts the fake's clock (Options.Clock, time.Now by default), which keeps running;
// SetClock replaces it (nil: time.Now) and undoes earlier Advances. The SDK client drops a
// token the fake rejects and fetches a new one, so an Advance past the lifetime shows as one
// more token request.
//
// A rate limit: a token bucket of Options.RateLimit requests a second (burst
// Options.RateBurst; SetRateLimit changes it) answers 429 with Retry-After once it is empty,
// before authentication; RateLimited counts those answers.
//
//	srv.SetRateLimit(50, 5)
//
// Asynchronous tasks finish after Options.PollsUntilDone polls (default 2; negative: at the
// first poll). The request log shows what reached the server, token requests included
// (their password and client_secret read REDACTED):
//
//	for _, r := range srv.Requests() { t.Log(r) } // "GET /api/resellers/.../Organizations 200"
//	srv.ResetLog()
//	n := srv.TokenRequests()
//
// Server.Client retries fast (FastRetries: milliseconds of backoff) so that tests of retry
// paths stay quick; pass cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()) for production
// backoff.
//
// A Server is safe for concurrent use. It keeps everything in memory, so each test normally
// starts its own. SaveState writes its business state as one JSON document and LoadState reads
// it back, into the same server or another (`cloudmore fake serve --state FILE` keeps a fake
// across restarts that way); see SaveState for what the document holds.
package cloudmoretest
