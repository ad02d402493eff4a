package cloudmore

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

type config struct {
	baseURL       string
	creds         *Credentials
	tokenSource   oauth2.TokenSource
	resellerID    string
	sellerID      string
	httpClient    *http.Client
	transport     http.RoundTripper
	retry         RetryPolicy
	logger        *slog.Logger
	telemetry     Telemetry
	userAgent     string
	allowHTTP     bool
	secretsInBody bool
	now           func() time.Time
	unknownFields UnknownFieldHandler
	limiter       *rateLimiter
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

// WithSellerID sets the seller's id (a GUID issued by Cloudmore); every seller path starts
// /api/sellers/{sellerId}. A client may have both a reseller id and a seller id.
func WithSellerID(id string) Option {
	return func(cfg *config) error {
		if !isGUID(id) {
			return invalid("WithSellerID", "seller id %q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(id, 64))
		}
		cfg.sellerID = id
		return nil
	}
}

// WithHTTPClient uses hc's transport, timeout, redirect policy and cookie jar. The client
// wraps hc's transport with its own auth layer and works on a copy of hc, which is not
// modified. The copy follows only GET redirects (a redirected POST, PUT, PATCH or DELETE is a
// *RedirectError), up to 10 hops; hc.CheckRedirect, if set, then has its say on each.
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
		if err := p.validateAs("WithRetry"); err != nil {
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
