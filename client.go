package cloudmore

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
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
	telemetry  Telemetry // WithTelemetry; nil for none
	userAgent  []string  // the User-Agent header value, built once and shared by every request
	jsonType   []string  // {"application/json"}, shared by every request; never modified
	prefix     string    // "/api/resellers/{resellerId}/", escaped; "" without a reseller id
	sellerID   string
	// sellerPrefix is "/api/sellers/{sellerId}/", escaped; "" without a seller id.
	sellerPrefix string
	sleep        func(context.Context, time.Duration) error
	now          func() time.Time
	// unknownFields, when set, receives the members of each answer the models lack.
	unknownFields UnknownFieldHandler
	// limiter is the client-side rate limit (nil for none), shared by every copy of the
	// client (ForReseller, ForSeller): behind a pointer, so clone shares it.
	limiter *rateLimiter
	// traced reports that the transport under the auth layer reports to net/http/httptrace
	// (an *http.Transport), so "was it sent?" is read from the wire.
	traced bool

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
	// Azure manages Microsoft Azure and the Azure plan for organizations.
	Azure *AzureService
	// Broker administers the broker's own account: its services, products and add-ons,
	// consumption, administrators, organization groups, payment methods and settings.
	Broker *BrokerService
	// UserGroups manages an organization's user groups and their members.
	UserGroups *UserGroupsService
	// ManualBilling manages an organization's manual billing lines.
	ManualBilling *ManualBillingService
	// ExternalInvoices manages an organization's external invoices.
	ExternalInvoices *ExternalInvoicesService
	// Seller is the seller side: a seller's services, brokers, subscriptions and webhooks
	// (needs WithSellerID).
	Seller *SellerService
	// Platform holds the global look-ups that need no reseller id (health, categories, markets).
	Platform *PlatformService
}

// service is what every area's service holds: the client that does the work.
type service struct{ client *Client }

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
	_, traced := base.(*http.Transport)
	// The SDK's own copy of the client: only a GET follows a redirect (checkRedirect).
	hc.CheckRedirect = checkRedirect(hc.CheckRedirect)
	rawClient := &http.Client{Transport: base, Timeout: hc.Timeout}

	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	c := &Client{
		base:          u.String(),
		baseURL:       u,
		retry:         cfg.retry,
		logger:        cfg.logger,
		telemetry:     cfg.telemetry,
		sleep:         sleepCtx,
		unknownFields: cfg.unknownFields,
		now:           cfg.now,
		limiter:       cfg.limiter,
		traced:        traced,
	}
	ua := "cloudmore-go/" + Version
	if cfg.userAgent != "" {
		ua += " " + cfg.userAgent
	}
	c.userAgent, c.jsonType = []string{ua}, []string{"application/json"}
	c.setReseller(cfg.resellerID)
	c.setSeller(cfg.sellerID)
	fetch := tokenSourceFetch(cfg.tokenSource)
	if cfg.creds != nil {
		tokenURL := u.Scheme + "://" + u.Host + "/connect/token"
		fetch = passwordGrant(tokenURL, *cfg.creds, cfg.secretsInBody, rawClient)
	}
	c.tokens = &tokenManager{fetch: fetch, now: cfg.now}
	if cfg.creds != nil {
		secrets := credentialSecrets(*cfg.creds)
		c.tokens.secrets = func() []string { return secrets }
	}
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
	c.Azure = newAzureService(c)
	c.Broker = newBrokerService(c)
	c.UserGroups = &UserGroupsService{client: c}
	c.ManualBilling = &ManualBillingService{client: c}
	c.ExternalInvoices = &ExternalInvoicesService{client: c}
	c.Seller = newSellerService(c)
}

// ForReseller returns a client for another reseller id that shares this client's
// connections, token and settings: for a distributor that works for several brokers with
// one API account.
func (c *Client) ForReseller(resellerID string) (*Client, error) {
	if !isGUID(resellerID) {
		return nil, invalid("resellerId", "%q is not a GUID", truncate(resellerID, 64))
	}
	c2 := c.clone()
	c2.setReseller(resellerID)
	return c2, nil
}

// ForSeller returns a client for another seller id that shares this client's connections,
// token and settings, as ForReseller does for reseller ids.
func (c *Client) ForSeller(sellerID string) (*Client, error) {
	if !isGUID(sellerID) {
		return nil, invalid("sellerId", "%q is not a GUID", truncate(sellerID, 64))
	}
	c2 := c.clone()
	c2.setSeller(sellerID)
	return c2, nil
}

// clone copies the client as a whole (every setting, the shared token manager, transport
// and rate limiter) and gives the copy services of its own.
func (c *Client) clone() *Client {
	c2 := new(Client)
	*c2 = *c
	c2.initServices()
	return c2
}

// setReseller sets the reseller id (already checked to be a GUID) and the path prefix.
func (c *Client) setReseller(id string) {
	c.resellerID, c.prefix = id, ""
	if id != "" {
		c.prefix = "/api/resellers/" + url.PathEscape(id) + "/"
	}
}

// setSeller sets the seller id (already checked to be a GUID) and the seller path prefix.
func (c *Client) setSeller(id string) {
	c.sellerID, c.sellerPrefix = id, ""
	if id != "" {
		c.sellerPrefix = "/api/sellers/" + url.PathEscape(id) + "/"
	}
}

// SellerID returns the seller id the client sends in seller paths.
func (c *Client) SellerID() string { return c.sellerID }

// ResellerID returns the reseller id the client sends in broker paths.
func (c *Client) ResellerID() string { return c.resellerID }

// BaseURL returns the API host the client talks to.
func (c *Client) BaseURL() string { return c.base }

// tokenRequests returns how many token requests the client has made so far (for tests that
// check tokens are reused; cloudmoretest's Server.TokenRequests counts them on the server).
func (c *Client) tokenRequests() int { return c.tokens.tokenRequests() }

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

// truncate is the one helper that clips a text taken from the input or from an answer for a
// message: s when it has at most n bytes, else its first n bytes (a character is not cut in
// two) and "...".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for i := 0; i < utf8.UTFMax-1 && n > 0 && !utf8.RuneStart(s[n]); i++ {
		n--
	}
	return s[:n] + "..."
}
