// Package cloudmore is a typed Go client for the Cloudmore REST API, for cloud service brokers
// (Cloudmore "resellers") that onboard organizations, sell services from the e-store (Microsoft
// 365 CSP, Azure, custom services), run their own catalogue and administration, manage
// subscriptions and prices and pull billing into an ERP, and for sellers that publish services
// to Cloudmore's marketplace and provision them through its webhooks. Every one of the 227
// operations of Cloudmore's Swagger v1.07.0 has a method.
//
// # The shape of the API
//
// NewClient(opts...) returns a Client whose fields are the API areas, one service each:
// Organizations, Users, Estore, Services, Subscriptions, Platform, CSP (with CSP.Subscriptions,
// CSP.NCE, CSP.Users, CSP.Tenants), Azure (with Azure.Subscriptions, Azure.Users, Azure.Plan),
// Billing, ManualBilling, ExternalInvoices, Pricelist, UserGroups, Broker (the broker's own
// services, products, add-ons, consumption, administrators, roles, organization groups, payment
// methods, e-mail templates and custom properties) and Seller (the seller side, with
// WithSellerID).
//
// Every method takes the context, then every required value positionally (path ids first, in
// path order), then one optional body (*CreateXxxRequest, *UpdateXxxRequest) or query
// (*XxxOptions; nil is always valid). It returns the result, a *Response (status, headers,
// request id, attempts) and an error; a result is always a named model, and a create returns a
// *Created with the new id. A model whose fields Cloudmore does not document keeps the whole
// answer in Raw; a body whose members are unknown takes them in Extra (the repository's
// docs/known-unknowns.md lists what is unknown). Methods are named as Cloudmore names the
// operation (a DELETE that suspends is Suspend, one that disables is Disable); asynchronous work
// is Begin*, returning a *Poller, and Resume*(token). Bad input is one *ValidationError naming
// every failing field, before anything is sent. Each method's doc comment ends with the
// operation it calls ("Cloudmore API: GET /api/resellers/{resellerId}/Organizations"), each
// model's with the Swagger model it stands for ("Cloudmore model: OrganizationCreateViewModel").
//
//	orgs, resp, err := c.Organizations.List(ctx, nil)
//	if err != nil {
//		return err
//	}
//	fmt.Println(len(orgs), "organizations, request id", resp.RequestID)
//
// Every method also takes ...CallOption last, for what is set on one call: WithCallHeader (a
// correlation id), WithCallRetry (another retry policy) and WithRepeatable (a POST that is
// harmless to send twice is retried like a GET):
//
//	orgs, _, err := c.Organizations.List(ctx, nil, cloudmore.WithCallHeader("X-Correlation-Id", "sync-42"))
//	if err != nil {
//		return err
//	}
//	fmt.Println(len(orgs), "organizations")
//
// Each operation is declared once; Operations lists the declarations (name, Swagger line, path
// parameters, result kind, retry rule, Go types), which the fake, the command and the Swagger
// check read too. A model's Raw is a RawJSON: the JSON as sent, printed as text by fmt.
//
// Client.NewRequest and Client.Do send any operation, typed by the SDK or not yet, through the
// same path checks, token, retries, rate limit, logging and errors.
//
// No credentials at hand? Package cloudmoretest starts an in-memory fake Cloudmore (broker and
// seller side, with fault knobs, a rate limit and webhooks it fires) and hands back a ready
// client. OptionsFromEnv reads the CLOUDMORE_* variables into client options, and returns nil
// when none is set; `go run ./examples/quickstart` then falls back to the fake.
//
// # Money, times and other wire types
//
// Amounts are exact decimals, never float64: one type, Decimal, for answers (Cloudmore sends
// "282.80") and request bodies (Cloudmore takes 18.50). It decodes either form, encodes the
// request form, keeps its scale ("282.80" prints 282.80 through String, %v and %s), and its
// arithmetic stays exact and typed (total = total.Add(line.TotalCost)). Time reads Cloudmore's
// zone-less timestamps ("2020-01-17T00:00:00") as UTC; Date is a calendar date for report
// ranges; BillingCycle, Segment and Bool absorb the type drift the guide's own examples show.
//
// # Authentication
//
// Credentials drive Cloudmore's OAuth password grant at {host}/connect/token (scope "api"),
// with the client id and secret in the Basic header exactly as Cloudmore documents it
// (WithClientSecretInBody sends them as form fields instead). The client caches the token,
// fetches a new one shortly before it expires, shares one token request among all concurrent
// callers, and on a 401 drops exactly the rejected token and replays the call once, as an
// attempt of its own. A refused password or client is an *AuthError and is not retried. The
// token is sent only to the configured API host and is redacted from any answer that echoes
// it; Credentials never show their secrets, in fmt, slog or JSON.
//
// # Errors
//
// A non-2xx answer is an *APIError (status, Cloudmore's message, its error items or field
// errors, the raw body, the request id); errors.Is matches ErrNotFound, ErrUnauthorized,
// ErrForbidden, ErrConflict, ErrRateLimited, ErrServer and ErrBadRequest. A 2xx whose body broke
// off or does not decode is a *DecodeError: the operation happened and is not sent again (a
// create returns its *Created beside it); ErrEmptyAnswer marks an empty answer where one
// resource was expected. A write answered with a redirect is a *RedirectError, never followed.
// A POST written without an answer coming back is an *UnknownOutcomeError (ErrOutcomeUnknown).
//
//	_, _, err := c.Organizations.Get(ctx, "not-a-guid")
//	var ve *cloudmore.ValidationError
//	if errors.As(err, &ve) {
//		fmt.Println(ve.Fields[0].Field) // id: nothing was sent
//	}
//
// # Retries and throttling
//
// Each operation has a retry rule, its method's by default. GET, PUT and DELETE are retried on
// network errors and on 408, 429, 500, 502, 503 and 504, with
// exponential backoff and full jitter, honouring Retry-After. POST and PATCH are retried only
// where nothing reached the wire (decided by net/http/httptrace) or on a 429: the SDK never
// repeats a create, so it never duplicates an order. Metered usage, though sent with PUT, is
// retried like a POST (Broker.Consumption.Submit, Seller.Consumption.Submit), so it is never
// billed twice. A context that ends while the client waits to retry keeps the error that caused
// the wait (see RetryPolicy). WithRateLimit shares one token bucket among
// every goroutine of a client; WithAdaptiveRateLimit lowers the rate on 429 and raises it again
// gradually, as aws-sdk-go-v2's adaptive retry mode does.
//
// # Asynchronous work and paging
//
// Begin* methods start a task and return a *Poller; PollUntilDone(ctx, *PollOptions) waits for
// it. Keep Poller.ResumeToken: after a crash the matching Resume* method picks up the same task
// on a client for the same host and reseller (or seller), instead of starting it again. The
// asynchronous billing report's BillingTask is read whole (Read) or streamed one organization at
// a time in constant memory (Walk). Reports flatten to ERP lines, total exactly, check themselves
// against the totals Cloudmore states, and write as CSV.
//
//	poller, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx,
//		cloudmore.NewDate(2026, 10, 1), cloudmore.NewDate(2026, 10, 31), nil)
//	if err != nil {
//		return err
//	}
//	task, err := poller.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: time.Millisecond})
//	if err != nil {
//		return err
//	}
//	for org, err := range task.Walk(ctx) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(org.Name, len(org.Lines()))
//	}
//
// Paged reports are walked with iter.Seq2 iterators that lose nothing, also against servers that
// cap the page size.
//
// # Sellers and webhooks
//
// Client.Seller serves the seller API. WebhookReceiver is the http.Handler of a seller's Service
// Connector: it authenticates Cloudmore's calls, bounds and decodes them, and dispatches them by
// trigger type to the seller's handlers; SellerWebhooksService.Register registers the webhooks
// idempotently and, given the receiver, rotates their credentials without a moment in which a
// webhook is answered 401. WebhookCredentials.SecretString and ParseWebhookCredentials keep the
// credentials across a restart (printing and JSON redact them).
//
// # Observability and strict decoding
//
// WithLogger logs every attempt at debug level (method, path, status, duration, request id) and
// every retry at info level; Authorization headers, tokens and the token request are never
// logged; a declared operation's lines also name it (operation, template). WithTelemetry
// reports every call, attempt and wait (the rate limit, Retry-After, backoff, a Poller's
// interval) to a Telemetry, named by the operation, never by a path holding ids; the module
// github.com/cloudmore-sdk/cloudmore-go/otel adapts it to OpenTelemetry spans and metrics.
// WithUnknownFieldHandler reports answer fields the SDK's models do not know, so a run against
// staging shows where the models are behind the real API.
package cloudmore
