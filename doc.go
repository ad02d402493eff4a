// Package cloudmore is a typed Go client for the Cloudmore REST API, for cloud service brokers
// (Cloudmore "resellers") that onboard organizations, sell services from the e-store (Microsoft
// 365 CSP, Azure, custom services), manage subscriptions and prices, and pull billing into an ERP.
//
// # Quick start
//
//	c, err := cloudmore.NewClient(
//		cloudmore.WithCredentials(cloudmore.Credentials{
//			ClientSecret: os.Getenv("CLOUDMORE_CLIENT_SECRET"),
//			Username:     os.Getenv("CLOUDMORE_USERNAME"),
//			Password:     os.Getenv("CLOUDMORE_PASSWORD"),
//		}),
//		cloudmore.WithResellerID(os.Getenv("CLOUDMORE_RESELLER_ID")),
//		cloudmore.WithEnvironment(cloudmore.Staging),
//	)
//	if err != nil { ... }
//	orgs, _, err := c.Organizations.List(ctx, nil)
//
// No credentials at hand? Package cloudmoretest starts an in-memory fake Cloudmore and hands back
// a ready client; `go run ./examples/quickstart` uses it when no CLOUDMORE_* variable is set.
//
// # Conventions
//
// The Client has one service per API area: Organizations, Users, Estore, Services,
// Subscriptions, CSP (with CSP.NCE, CSP.Users, CSP.Tenants), Billing, Pricelist and Platform (the
// global look-ups). Every method takes a context first, then the path ids, then a request body
// (XxxRequest) or query options (XxxOptions). It returns the decoded result, a *Response (status,
// headers, request id, attempts) and an error:
//
//	subs, resp, err := c.Subscriptions.List(ctx, orgID, serviceID)
//
// Creates return a *Created with the new resource's id, taken from the Location header Cloudmore
// sends with its 201 (or from the body when there is one). Methods are named as Cloudmore names
// the operation: DELETE on a custom-service subscription is Cancel, on a legacy CSP subscription
// Suspend. The doc comment of every method ends with the operation it calls, the Swagger path
// verbatim ("Cloudmore API: GET /api/resellers/{resellerId}/Organizations").
//
// Where Cloudmore does not document an answer's fields, the model types what is known and keeps
// the whole answer in a Raw json.RawMessage; where it does not document a body's fields, the
// request has an Extra map merged into the JSON. Nothing Cloudmore sends is lost, and nothing
// the SDK sends is invented.
//
// # Money, times and other wire types
//
// Amounts are exact decimals, never float64: one type, Decimal, for answers (Cloudmore sends
// "282.80") and request bodies (Cloudmore takes 18.50). It decodes either form, encodes the
// request form, keeps its scale ("282.80" prints 282.80), and its arithmetic stays exact and
// typed (total = total.Add(line.TotalCost)). Time reads Cloudmore's zone-less timestamps ("2020-01-17T00:00:00") as UTC; Date is a
// calendar date for report ranges; BillingCycle, Segment and Bool absorb the type drift the
// guide's own examples show ("1" for 1, "false" for false).
//
// # Authentication
//
// Credentials drive Cloudmore's OAuth password grant at {host}/connect/token (scope "api"),
// with the client id and secret in the Basic header exactly as Cloudmore documents it
// (WithClientSecretInBody sends them as form fields instead). The client caches the token,
// fetches a new one shortly before it expires (min(5 minutes, a tenth of its lifetime)), shares
// one token request among all concurrent callers, and on a 401 drops exactly the rejected token
// and replays the call once. A refused password (invalid_grant) or client (invalid_client) comes
// back as an *AuthError and is not retried, so a wrong password cannot lock the account. The
// token is sent only to the configured API host. WithTokenSource plugs in your own tokens.
// Credentials never print their secrets, in fmt or slog.
//
// # Errors
//
// Orders can be checked against the product being ordered before anything is sent
// (CreateSubscriptionRequest.ValidateFor and SubscriptionsService.CreateForProduct; for
// Microsoft CSP, CreateCSPSubscriptionRequest.ValidateFor and CreateSubscriptionForProduct):
// minimum and maximum quantities and supported billing cycles.
//
// Bad input is refused before any network call with a *ValidationError naming the field
// ("primaryDomain", "address.countryCode", "organizationId"); an id that must be a GUID, or a
// path segment like "..", never reaches the wire. A non-2xx answer is an *APIError with the
// status, Cloudmore's message, its error items or field errors, the raw body and the request id;
// errors.Is matches ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict, ErrRateLimited,
// ErrServer and ErrBadRequest.
//
//	if errors.Is(err, cloudmore.ErrNotFound) { ... }
//	var apiErr *cloudmore.APIError
//	if errors.As(err, &apiErr) { log.Print(apiErr.FieldErrors) }
//
// # Retries
//
// GET, PUT and DELETE are retried on network errors and on 408, 429, 500, 502, 503 and 504, with
// exponential backoff and full jitter, honouring Retry-After (capped; a longer one fails with an
// *APIError carrying the delay). POST and PATCH are retried only where Cloudmore provably did not
// process them: the connection was never made, the token could not be obtained, or a 429. A
// POST sent without an answer coming back is an *UnknownOutcomeError (errors.Is
// ErrOutcomeUnknown): the SDK never repeats a create, so it never duplicates an order. See
// RetryPolicy; WithRetry(NoRetries()) turns retries off.
//
// # Asynchronous reports and paging
//
// Cloudmore recommends the asynchronous billing report for production. Begin* methods start such
// a task and return a *Poller; PollUntilDone waits for it. Keep Poller.ResumeToken: after a crash,
// the matching Resume* method picks up the same task instead of generating the report again.
//
//	poller, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, &cloudmore.BillingReportOptions{
//		StartDate: cloudmore.NewDate(2026, 10, 1), EndDate: cloudmore.NewDate(2026, 10, 31)})
//	save(poller.ResumeToken())
//	report, err := poller.PollUntilDone(ctx, 10*time.Second)
//
// For large reports, BeginMonthlyBillingPerOrganizationTask polls without downloading the
// report and its finished BillingTask streams it once, one organization at a time, in constant
// memory (so do WalkMonthlyBillingPerOrganization and DecodeBillingReport). Reports flatten to
// ERP lines, total exactly, check themselves against the totals Cloudmore states, and write
// as CSV. Paged reports are
// walked with iter.Seq2 iterators:
//
//	for line, err := range c.Billing.WalkAzureOneTimeBilledUsage(ctx, invoiceID, nil) { ... }
//
// # Observability and strict decoding
//
// WithLogger logs every attempt at debug level (method, path, status, duration, request id) and
// every retry at info level; Authorization headers, tokens and the token request are never
// logged. WithUnknownFieldHandler reports answer fields the SDK's models do not know, so a run
// against staging shows where the models are behind the real API.
package cloudmore
