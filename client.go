package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
	"golang.org/x/oauth2"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// Environment selects one of Cloudmore's API hosts.
type Environment int

const (
	// Production is https://api.cloudmore.com, the live platform.
	Production Environment = iota
	// Staging is https://api-staging.cloudmore.com, Cloudmore's test platform.
	Staging
)

// BaseURL returns the environment's API host.
func (e Environment) BaseURL() string {
	if e == Staging {
		return "https://api-staging.cloudmore.com"
	}
	return "https://api.cloudmore.com"
}

// String names the environment.
func (e Environment) String() string {
	if e == Staging {
		return "Staging"
	}
	return "Production"
}

// Client talks to the Cloudmore API. It is safe for concurrent use; create one per set of
// credentials and share it. The fields are the API areas, one service each.
type Client struct {
	base       string // scheme://host[/prefix], no trailing slash
	baseURL    *url.URL
	resellerID string
	hc         *http.Client
	tokens     *tokenManager
	retry      RetryPolicy
	logger     *slog.Logger
	userAgent  []string // the User-Agent header value, built once and shared by every request
	jsonType   []string // {"application/json"}, shared by every request; never modified
	prefix     string   // "/api/resellers/{resellerId}/", escaped; "" without a reseller id
	sleep      func(context.Context, time.Duration) error
	now        func() time.Time
	// unknownFields, when set, receives the members of each answer the models lack.
	unknownFields UnknownFieldHandler

	// Organizations manages the broker's customer organizations.
	Organizations *OrganizationsService
	// Users manages the users of an organization and lists its roles.
	Users *UsersService
	// Estore lists the services an organization can add.
	Estore *EstoreService
	// Services manages the services an organization has added and lists their products.
	Services *ServicesService
	// Subscriptions manages custom-service subscriptions, their history and their users.
	Subscriptions *SubscriptionsService
	// CSP manages Microsoft 365 through Cloudmore's CSP Direct integration.
	CSP *CSPService
	// Billing reads billing reports.
	Billing *BillingService
	// Pricelist reads and updates broker and organization prices.
	Pricelist *PricelistService
	// Platform holds the global look-ups that need no reseller id (health, categories, markets).
	Platform *PlatformService
}

// service is what every area's service holds: the client that does the work.
type service struct{ client *Client }

type config struct {
	baseURL       string
	creds         *Credentials
	tokenSource   oauth2.TokenSource
	resellerID    string
	httpClient    *http.Client
	transport     http.RoundTripper
	retry         RetryPolicy
	logger        *slog.Logger
	userAgent     string
	allowHTTP     bool
	secretsInBody bool
	now           func() time.Time
	unknownFields UnknownFieldHandler
}

// Option configures a Client in NewClient.
type Option func(*config) error

// WithCredentials authenticates with Cloudmore's password grant.
func WithCredentials(c Credentials) Option {
	return func(cfg *config) error {
		if err := c.validate(); err != nil {
			return err
		}
		cfg.creds = &c
		return nil
	}
}

// WithTokenSource authenticates with tokens from ts instead of credentials (for example a
// token cache shared between processes). The client still drops a token a 401 rejects and
// asks ts again, once. oauth2.TokenSource takes no context: a Token call that hangs is given
// up after 30 seconds (its goroutine ends whenever the call returns).
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(cfg *config) error {
		if ts == nil {
			return invalid("WithTokenSource", "token source is nil")
		}
		cfg.tokenSource = ts
		return nil
	}
}

// WithEnvironment selects Production (the default) or Staging.
func WithEnvironment(e Environment) Option {
	return func(cfg *config) error {
		if e != Production && e != Staging {
			return invalid("WithEnvironment", "unknown environment %d", int(e))
		}
		cfg.baseURL = e.BaseURL()
		return nil
	}
}

// WithBaseURL points the client at another host, such as the cloudmoretest fake or a proxy.
// The token endpoint is {scheme}://{host}/connect/token on the same host. Only https is
// accepted, except for loopback hosts (127.0.0.1, ::1, localhost) or with WithInsecureHTTP.
func WithBaseURL(raw string) Option {
	return func(cfg *config) error {
		cfg.baseURL = raw
		return nil
	}
}

// WithInsecureHTTP allows a plain-http base URL on a host that is not loopback. Tokens and
// passwords then cross the network unencrypted: use it only inside a trusted test network.
func WithInsecureHTTP() Option {
	return func(cfg *config) error {
		cfg.allowHTTP = true
		return nil
	}
}

// WithResellerID sets the broker's reseller id (a GUID issued by Cloudmore support); every
// broker path starts /api/resellers/{resellerId}. Without it only Platform calls work.
func WithResellerID(id string) Option {
	return func(cfg *config) error {
		if !isGUID(id) {
			return invalid("WithResellerID", "reseller id %q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(id, 64))
		}
		cfg.resellerID = id
		return nil
	}
}

// WithHTTPClient uses hc's transport, timeout, redirect policy and cookie jar. The client
// wraps hc's transport with its own auth layer; hc itself is not modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(cfg *config) error {
		if hc == nil {
			return invalid("WithHTTPClient", "http client is nil")
		}
		cfg.httpClient = hc
		return nil
	}
}

// WithTransport uses rt (a proxy, OpenTelemetry's otelhttp, a test double) under the auth layer.
func WithTransport(rt http.RoundTripper) Option {
	return func(cfg *config) error {
		if rt == nil {
			return invalid("WithTransport", "transport is nil")
		}
		cfg.transport = rt
		return nil
	}
}

// WithRetry sets the retry policy; zero fields take their defaults, and
// WithRetry(NoRetries()) turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(cfg *config) error {
		p = p.withDefaults()
		if err := p.validate(); err != nil {
			return err
		}
		cfg.retry = p
		return nil
	}
}

// WithLogger logs each attempt at debug level and each retry at info level: method, path,
// status, duration, attempt and request id. Headers are allow-listed; the Authorization
// header, tokens and the token request body are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) error {
		cfg.logger = l
		return nil
	}
}

// WithUserAgent appends s to the User-Agent header ("cloudmore-go/0.1.0 s"), so Cloudmore's
// logs can tell your application apart.
func WithUserAgent(s string) Option {
	return func(cfg *config) error {
		if strings.ContainsAny(s, "\r\n") {
			return invalid("WithUserAgent", "must not contain line breaks")
		}
		cfg.userAgent = s
		return nil
	}
}

// WithClientSecretInBody sends client_id and client_secret as form fields of the token
// request instead of the documented Basic header (Cloudmore's own test suite does this).
func WithClientSecretInBody() Option {
	return func(cfg *config) error {
		cfg.secretsInBody = true
		return nil
	}
}

// withClock replaces time.Now for token expiry (tests).
func withClock(now func() time.Time) Option {
	return func(cfg *config) error {
		cfg.now = now
		return nil
	}
}

// NewClient returns a client configured by opts. It needs credentials (WithCredentials) or a
// token source (WithTokenSource); it talks to Production unless told otherwise. A bad option
// is an error that names it. NewClient makes no network call: the first API call gets the token.
func NewClient(opts ...Option) (*Client, error) {
	cfg := &config{baseURL: Production.BaseURL(), retry: DefaultRetryPolicy(), now: time.Now}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	u, err := url.Parse(cfg.baseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		return nil, invalid("WithBaseURL", "%q is not an absolute http(s) URL without query", truncate(cfg.baseURL, 100))
	}
	if u.User != nil {
		return nil, invalid("WithBaseURL", "must not carry user info")
	}
	if u.Scheme == "http" && !cfg.allowHTTP && !isLoopback(u.Hostname()) {
		return nil, invalid("WithBaseURL", "plain http to %s would send tokens unencrypted: use https (or WithInsecureHTTP inside a trusted network)", u.Host)
	}
	if cfg.creds == nil && cfg.tokenSource == nil {
		return nil, invalid("WithCredentials", "no credentials: use WithCredentials or WithTokenSource")
	}
	if cfg.creds != nil && cfg.tokenSource != nil {
		return nil, invalid("WithTokenSource", "give either WithCredentials or WithTokenSource, not both")
	}
	if cfg.httpClient != nil && cfg.transport != nil {
		return nil, invalid("WithTransport", "give either WithHTTPClient or WithTransport, not both")
	}

	base := cfg.transport
	// No overall http.Client timeout by default: it would also cut off the reading of a
	// large billing report. The transport bounds dialing and waiting for headers; callers
	// bound a whole call with their context.
	hc := &http.Client{}
	if cfg.httpClient != nil {
		copied := *cfg.httpClient
		hc = &copied
		base = transportOf(cfg.httpClient)
	}
	if base == nil {
		base = newTransport()
	}
	rawClient := &http.Client{Transport: base, Timeout: hc.Timeout}

	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	c := &Client{
		base:          u.String(),
		baseURL:       u,
		retry:         cfg.retry,
		logger:        cfg.logger,
		sleep:         sleepCtx,
		unknownFields: cfg.unknownFields,
		now:           cfg.now,
	}
	ua := "cloudmore-go/" + Version
	if cfg.userAgent != "" {
		ua += " " + cfg.userAgent
	}
	c.userAgent, c.jsonType = []string{ua}, []string{"application/json"}
	c.setReseller(cfg.resellerID)
	fetch := tokenSourceFetch(cfg.tokenSource)
	if cfg.creds != nil {
		tokenURL := u.Scheme + "://" + u.Host + "/connect/token"
		fetch = passwordGrant(tokenURL, *cfg.creds, cfg.secretsInBody, rawClient)
	}
	c.tokens = &tokenManager{fetch: fetch, now: cfg.now}
	hc.Transport = &authTransport{base: base, tokens: c.tokens, scheme: u.Scheme, host: u.Host}
	c.hc = hc
	c.initServices()
	return c, nil
}

func (c *Client) initServices() {
	c.Organizations = &OrganizationsService{client: c}
	c.Users = &UsersService{client: c}
	c.Estore = &EstoreService{client: c}
	c.Services = &ServicesService{client: c}
	c.Subscriptions = &SubscriptionsService{client: c}
	c.CSP = newCSPService(c)
	c.Billing = &BillingService{client: c}
	c.Pricelist = &PricelistService{client: c}
	c.Platform = &PlatformService{client: c}
}

// ForReseller returns a client for another reseller id that shares this client's
// connections, token and settings: for a distributor that works for several brokers with
// one API account.
func (c *Client) ForReseller(resellerID string) (*Client, error) {
	if !isGUID(resellerID) {
		return nil, invalid("resellerId", "%q is not a GUID", truncate(resellerID, 64))
	}
	c2 := &Client{base: c.base, baseURL: c.baseURL, hc: c.hc, tokens: c.tokens, retry: c.retry,
		logger: c.logger, userAgent: c.userAgent, jsonType: c.jsonType, sleep: c.sleep, now: c.now,
		unknownFields: c.unknownFields}
	c2.setReseller(resellerID)
	c2.initServices()
	return c2, nil
}

// setReseller sets the reseller id (already checked to be a GUID) and the path prefix.
func (c *Client) setReseller(id string) {
	c.resellerID, c.prefix = id, ""
	if id != "" {
		c.prefix = "/api/resellers/" + url.PathEscape(id) + "/"
	}
}

// ResellerID returns the reseller id the client sends in broker paths.
func (c *Client) ResellerID() string { return c.resellerID }

// BaseURL returns the API host the client talks to.
func (c *Client) BaseURL() string { return c.base }

// TokenRequests returns how many token requests the client has made so far (for metrics and
// for tests that check tokens are reused).
func (c *Client) TokenRequests() int { return c.tokens.tokenRequests() }

// transportOf returns hc's transport, or the default one.
func transportOf(hc *http.Client) http.RoundTripper {
	if hc != nil && hc.Transport != nil {
		return hc.Transport
	}
	return newTransport()
}

// newTransport is a transport sized for concurrency: Go's default keeps 2 idle connections
// per host, so 64 concurrent callers would open and close connections all the time.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	// At most 64 connections to the API host: a burst of callers queues for a connection
	// instead of opening hundreds of them against Cloudmore.
	t.MaxConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	t.ResponseHeaderTimeout = 2 * time.Minute
	return t
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// Response is the HTTP side of an answer, returned by every method next to the decoded
// result: status, headers, the request id and the Location of a 201. Its body is already
// read and closed.
type Response struct {
	*http.Response
	// RequestID is the answer's request id header (X-Request-Id, X-Correlation-Id or
	// Request-Id; Cloudmore does not document which it sends), empty when none.
	RequestID string
	// Attempts is how many times the request was sent (1 when there was no retry).
	Attempts int
}

// LocationID returns the last path segment of the Location header (the id of a resource a
// 201 created), or "" when there is no Location.
func (r *Response) LocationID() string {
	if r == nil || r.Response == nil {
		return ""
	}
	return lastSegment(r.Header.Get("Location"))
}

func lastSegment(loc string) string {
	if loc == "" {
		return ""
	}
	if u, err := url.Parse(loc); err == nil {
		loc = u.Path
	}
	loc = strings.TrimRight(loc, "/")
	if i := strings.LastIndexByte(loc, '/'); i >= 0 {
		loc = loc[i+1:]
	}
	return loc
}

var requestIDHeaders = []string{"X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Ms-Request-Id"}

func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// Created is the answer to a create. Cloudmore answers 201, often with an empty body and a
// Location header naming the new resource.
type Created struct {
	// ID is the new resource's id: the last segment of Location, or the "id" of the body.
	ID string
	// Location is the Location header as sent (absolute or relative), empty when none.
	Location string
	// Body is the answer's body when there was one (its shape is not documented).
	Body json.RawMessage
}

// pathArg is one value for a {placeholder} of a path template.
type pathArg struct {
	field, value string
	guid         bool
}

// idArg is a path value that Cloudmore defines as a GUID; anything else is refused.
func idArg(field, value string) pathArg { return pathArg{field: field, value: value, guid: true} }

// segArg is a path value of unknown format: it must be a safe single segment.
func segArg(field, value string) pathArg { return pathArg{field: field, value: value} }

// brokerPath builds "/api/resellers/{resellerId}/" + tmpl, filling the placeholders of tmpl
// in order from args. Every value is checked (a GUID where Cloudmore uses GUIDs; never empty,
// ".", ".." or containing "/") and escaped with url.PathEscape.
func (c *Client) brokerPath(tmpl string, args ...pathArg) (string, error) {
	if c.prefix == "" {
		return "", invalid("resellerId", "required: create the client with WithResellerID")
	}
	return buildPath(c.prefix, tmpl, args)
}

// buildPath returns prefix + tmpl with the placeholders of tmpl filled in order from args.
func buildPath(prefix, tmpl string, args []pathArg) (string, error) {
	if len(args) == 0 && strings.IndexByte(tmpl, '{') < 0 {
		return prefix + tmpl, nil
	}
	var b strings.Builder
	b.Grow(len(prefix) + len(tmpl) + 40*len(args))
	b.WriteString(prefix)
	n := 0
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 || n >= len(args) {
			panic("cloudmore: bad path template " + tmpl) // a programming error in this package
		}
		a := args[n]
		n++
		if err := checkSegment(a); err != nil {
			return "", err
		}
		b.WriteString(tmpl[:i])
		b.WriteString(url.PathEscape(a.value))
		tmpl = tmpl[i+j+1:]
	}
	if n != len(args) {
		panic("cloudmore: path template and arguments differ")
	}
	return b.String(), nil
}

func checkSegment(a pathArg) error {
	switch {
	case a.value == "":
		return invalid(a.field, "required")
	case a.value == "." || a.value == "..":
		return invalid(a.field, "%q is not an id", a.value)
	case strings.ContainsAny(a.value, "/\\"):
		return invalid(a.field, "%q must not contain a slash", truncate(a.value, 64))
	case a.guid && !isGUID(a.value):
		return invalid(a.field, "%q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(a.value, 64))
	}
	for _, r := range a.value {
		if r < 0x20 || r == 0x7f {
			return invalid(a.field, "contains a control character")
		}
	}
	return nil
}

// newRequest builds a request for path (already built and escaped) with the query from
// opts (a struct with `url` tags, or nil) and a JSON body (nil for none).
func (c *Client) newRequest(ctx context.Context, method, path string, opts, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	u := c.base + path
	if opts != nil && !isNil(opts) {
		v, err := query.Values(opts)
		if err != nil {
			return nil, fmt.Errorf("cloudmore: encoding query of %s %s: %w", method, path, err)
		}
		if q := v.Encode(); q != "" {
			u += "?" + q
		}
	}
	var rd io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("cloudmore: encoding body of %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
	}
	req.Header["Accept"] = c.jsonType
	req.Header["User-Agent"] = c.userAgent
	if body != nil {
		req.Header["Content-Type"] = c.jsonType
	}
	return req, nil
}

func isNil(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// call is the one path of every API method: build the request, send it with retries, and
// decode a 2xx body into out (a pointer, or nil to discard the body).
func (c *Client) call(ctx context.Context, method, path string, opts, body, out any) (*Response, error) {
	req, err := c.newRequest(ctx, method, path, opts, body)
	if err != nil {
		return nil, err
	}
	return c.do(req, out)
}

// get is call for a GET without body.
func (c *Client) get(ctx context.Context, path string, opts, out any) (*Response, error) {
	return c.call(ctx, http.MethodGet, path, opts, nil, out)
}

// raw sends a request and returns the answer's body as Cloudmore sent it, nil when empty: for
// the answers whose shape is not documented.
func (c *Client) raw(ctx context.Context, method, path string, opts, body any) (json.RawMessage, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, method, path, opts, body, &raw)
	if err != nil {
		return nil, resp, err
	}
	return nilIfEmpty(raw), resp, nil
}

// nilIfEmpty turns an empty or blank body into nil.
func nilIfEmpty(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	return raw
}

// create sends a POST and returns the new resource's id from Location or the body.
func (c *Client) create(ctx context.Context, path string, body any) (*Created, *Response, error) {
	var raw json.RawMessage
	resp, err := c.call(ctx, http.MethodPost, path, nil, body, &raw)
	if err != nil {
		return nil, resp, err
	}
	return createdFrom(resp, raw), resp, nil
}

func createdFrom(resp *Response, raw json.RawMessage) *Created {
	cr := &Created{Location: resp.Header.Get("Location"), ID: resp.LocationID()}
	if len(bytes.TrimSpace(raw)) > 0 {
		cr.Body = raw
		if cr.ID == "" {
			cr.ID = idFromBody(raw, nil) // {"id": ...}, or a bare JSON string
		}
	}
	return cr
}

// do sends req with the retry policy and decodes a 2xx body into out.
func (c *Client) do(req *http.Request, out any) (*Response, error) {
	ctx := req.Context()
	method, path := req.Method, req.URL.Path
	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, fmt.Errorf("cloudmore: %s %s: rewinding body: %w", method, path, err)
			}
			req.Body = body
		}
		resp, retry, wait, err := c.try(req, out, attempt)
		if !retry || attempt >= c.retry.MaxAttempts {
			return resp, err
		}
		if wait == 0 {
			wait = c.retry.backoff(attempt)
		}
		if c.logger != nil {
			c.logger.LogAttrs(ctx, slog.LevelInfo, "cloudmore: retrying", slog.String("method", method),
				slog.String("path", path), slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("reason", err.Error()))
		}
		if serr := c.sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("cloudmore: %s %s: gave up waiting to retry (%v): %w", method, path, err, serr)
		}
	}
}

// try sends req once. It returns the answer or the error, whether the retry policy allows
// another attempt, and how long the server asked to wait first (0 when it did not say).
func (c *Client) try(req *http.Request, out any, attempt int) (resp *Response, retry bool, wait time.Duration, err error) {
	ctx := req.Context()
	method, path := req.Method, req.URL.Path
	start := time.Now()
	hresp, err := c.hc.Do(req)
	if err != nil {
		err = unwrapURLError(err)
		c.logAttempt(ctx, method, path, attempt, 0, "", start, err)
		retry, err = transportError(ctx, method, path, err)
		return nil, retry, 0, err
	}
	resp = &Response{Response: hresp, RequestID: requestID(hresp.Header), Attempts: attempt}
	c.logAttempt(ctx, method, path, attempt, hresp.StatusCode, resp.RequestID, start, nil)
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		apiErr := newAPIError(method, path, hresp)
		if ra, ok := parseRetryAfter(hresp.Header.Get("Retry-After"), c.now()); ok {
			apiErr.RetryAfter = ra
		}
		retry = retryableStatus(hresp.StatusCode, method) && apiErr.RetryAfter <= c.retry.MaxRetryAfter
		return resp, retry, apiErr.RetryAfter, apiErr
	}
	body := &trackedBody{r: hresp.Body}
	hresp.Body = body
	derr := c.decodeBody(hresp, out, method, path)
	switch {
	case derr == nil:
		return resp, false, 0, nil
	case ctx.Err() != nil:
		return resp, false, 0, fmt.Errorf("cloudmore: %s %s: %w", method, path, ctx.Err())
	case body.err != nil && idempotent(method):
		// The answer broke off on a call that may be repeated: read it again.
		resetValue(out)
		return resp, true, 0, fmt.Errorf("cloudmore: %s %s: reading the answer: %w", method, path, derr)
	}
	// A body Cloudmore sent whole that does not decode, or a POST/PATCH that was carried out
	// (2xx) whose answer broke off: either way it is not sent again.
	return resp, false, 0, fmt.Errorf("cloudmore: %s %s: the request succeeded (%d) but its answer could not be decoded: %w; the answer begins %s",
		method, path, hresp.StatusCode, derr, body.quote())
}

// transportError classifies an error of the transport: whether it may be retried, and the
// error to return. A POST or PATCH that may have reached the server is never retried.
func transportError(ctx context.Context, method, path string, err error) (retry bool, _ error) {
	var ae *AuthError
	if errors.As(err, &ae) {
		return false, ae
	}
	sent := !notSent(err)
	if permanentTransportError(err) { // a certificate problem: the handshake failed, nothing was sent
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		if sent && !idempotent(method) {
			return false, &UnknownOutcomeError{Method: method, Path: path, Err: errors.Join(err, ctxErr)}
		}
		return false, fmt.Errorf("cloudmore: %s %s: %w", method, path, ctxErr)
	}
	if sent && !idempotent(method) {
		return false, &UnknownOutcomeError{Method: method, Path: path, Err: err}
	}
	return true, fmt.Errorf("cloudmore: %s %s: %w", method, path, err)
}

// trackedBody remembers whether reading the body itself failed (the connection broke), as
// opposed to a body that arrived whole and does not decode, and keeps the body's first bytes
// to quote when it does not decode.
type trackedBody struct {
	r     io.ReadCloser
	err   error
	head  [512]byte
	nhead int
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.nhead += copy(b.head[b.nhead:], p[:n])
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// quote is the start of the body, for an error message.
func (b *trackedBody) quote() string {
	return truncate(string(bytes.TrimSpace(b.head[:b.nhead])), 256)
}

func (b *trackedBody) Close() error { return b.r.Close() }

// unwrapURLError drops net/http's *url.Error, whose text repeats the whole URL (query included).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// decodeBody decodes a 2xx body into out from the stream, then drains and closes it.
func (c *Client) decodeBody(resp *http.Response, out any, method, path string) error {
	if t, ok := out.(streamTarget); ok && resp.StatusCode != http.StatusNoContent {
		t.takeBody(resp.Body) // a report reader decodes the body as it arrives, and closes it
		return nil
	}
	defer resp.Body.Close()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		return err
	}
	switch o := out.(type) {
	case *json.RawMessage:
		b, err := io.ReadAll(resp.Body)
		*o = b
		return err
	case *[]byte:
		b, err := io.ReadAll(resp.Body)
		*o = b
		return err
	}
	if c.unknownFields != nil {
		return c.decodeStrict(resp.Body, out, method, path)
	}
	dec := json.NewDecoder(resp.Body)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty body: nothing to decode
		}
		return err
	}
	_, err := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	return err
}

// resetValue zeroes *out before a second decode.
func resetValue(out any) {
	if out == nil {
		return
	}
	rv := reflect.ValueOf(out)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero()
	}
}

func newAPIError(method, path string, resp *http.Response) *APIError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	e := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, Body: body,
		RequestID: requestID(resp.Header), Header: resp.Header}
	e.parseErrorBody()
	return e
}

// drain reads a little of a body and closes it so the connection can be reused.
func drain(resp *http.Response) { drainClose(resp.Body) }

// drainClose reads what is left of a body, up to 64 KiB, and closes it: a body read to its
// end lets the connection be reused; a larger rest is not worth reading, the connection is
// dropped instead.
func drainClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
	body.Close()
}

// logAttempt logs one attempt at debug level. Only allow-listed values are logged.
func (c *Client) logAttempt(ctx context.Context, method, path string, attempt, status int, reqID string, start time.Time, err error) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{slog.String("method", method), slog.String("path", path), slog.Int("attempt", attempt),
		slog.Duration("duration", time.Since(start))}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if reqID != "" {
		attrs = append(attrs, slog.String("request_id", reqID))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "cloudmore: request", attrs...)
}

// unmarshalKeepRaw decodes b into plain (a pointer to a defined type without methods, so
// there is no recursion) and keeps a copy of b in *raw. A model whose full shape Cloudmore
// does not document uses it so that nothing Cloudmore sends is lost:
//
//	func (o *Organization) UnmarshalJSON(b []byte) error {
//		type plain Organization
//		return unmarshalKeepRaw(b, (*plain)(o), &o.Raw)
//	}
func unmarshalKeepRaw(b []byte, plain any, raw *json.RawMessage) error {
	if err := json.Unmarshal(b, plain); err != nil {
		return err
	}
	*raw = append((*raw)[:0:0], b...)
	return nil
}
