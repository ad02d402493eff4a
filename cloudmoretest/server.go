package cloudmoretest

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cloudmore-sdk/cloudmore-go"
	"golang.org/x/time/rate"
)

// DefaultResellerID is the reseller id the fake answers to unless Options.ResellerID says
// otherwise (the example id of Cloudmore's API guide).
const DefaultResellerID = "3c913dd6-f094-4bf7-9c71-e1716ae34d50"

// DefaultSellerID is the seller id the fake answers to on /api/sellers/{sellerId} unless
// Options.SellerID says otherwise.
const DefaultSellerID = "8b1f0a52-6c1e-4d5b-9f3a-2e7c4d9a1b60"

// Default credentials of the fake's token endpoint.
const (
	DefaultClientID     = "ro.customer.client"
	DefaultClientSecret = "fake-secret"
	DefaultUsername     = "api.user@broker.example"
	DefaultPassword     = "fake-password"
)

// DefaultPollsUntilDone is how many polls an asynchronous task answers "not ready" by default.
const DefaultPollsUntilDone = 2

// maxBody is the largest request body the fake reads.
const maxBody = 8 << 20

// User is an API account of the fake's token endpoint (a broker administrator with REST API
// access in Cloudmore's terms).
type User struct {
	// Username is the username of the password grant (Cloudmore's are e-mail addresses).
	// The token endpoint compares it exactly, case included. It must not be empty.
	Username string
	// Password is the account's password, compared exactly. It must not be empty.
	Password string
}

// Options configure a fake server. The zero value of every field means its default.
type Options struct {
	// Users are the accounts the token endpoint accepts. Default: one account,
	// DefaultUsername / DefaultPassword. Credentials() returns the first one.
	Users []User
	// ClientID is the OAuth client id the token endpoint accepts. Default "ro.customer.client".
	ClientID string
	// ClientSecret is the client secret the token endpoint accepts. Default "fake-secret".
	ClientSecret string
	// ResellerID is the only reseller id the API answers to; any other in a path gets 403.
	// Default DefaultResellerID. It must be a GUID.
	ResellerID string
	// SellerID is the only seller id the seller API answers to; any other in a path gets 403.
	// Default DefaultSellerID. It must be a GUID.
	SellerID string
	// TokenLifetime is the lifetime of issued tokens (expires_in). Default 24h, as Cloudmore's.
	TokenLifetime time.Duration
	// Clock is the fake's time: token expiry, subscription dates, the seed data. Default time.Now.
	// Server.Advance shifts it and Server.SetClock replaces it, so a controllable clock of your
	// own is needed only to stop time.
	Clock func() time.Time
	// PollsUntilDone is how many polls an asynchronous task (async billing report, CSP users,
	// NCE upgrade) answers "not ready" before it is done. 0 means DefaultPollsUntilDone (2); a
	// negative value makes tasks finish at the first poll.
	PollsUntilDone int
	// Latency delays every answer by this much (SetLatency changes it later).
	Latency time.Duration
	// NoSeed starts the fake without the sample organizations, users and subscriptions. The
	// E-store catalog (Box.com, Microsoft O365 CSP Direct and their products) is always there.
	NoSeed bool
	// RateLimit, when positive, limits the API to this many requests per second, with bursts
	// of RateBurst (at least 1): see Server.SetRateLimit.
	RateLimit float64
	// RateBurst is the burst of RateLimit.
	RateBurst int
	// TakenDomainPrefixes are the *.onmicrosoft.com prefixes that domain validation reports as
	// taken. nil means "contoso" and "fabrikam"; an empty non-nil slice means none. Prefixes of
	// CSP tenants created through the fake are taken as well.
	TakenDomainPrefixes []string
}

// Server is a running in-memory fake of Cloudmore's API (broker and seller sides) on a loopback
// httptest server.
// It is safe for concurrent use.
type Server struct {
	srv  *httptest.Server
	opts Options
	mux  *http.ServeMux
	tb   testing.TB // nil when started with Start

	ctl             sync.Mutex // the knobs, the request log and the tokens
	latency         time.Duration
	tokenLatency    time.Duration
	faults          []*faultRule
	drops           []*dropRule
	log             []Request
	tokens          map[string]issuedToken
	tokenCount      int
	limiter         *rate.Limiter      // SetRateLimit; nil for none
	throttled       int                // requests the limiter answered 429
	unverified      []UnverifiedMember // body members no source documents (members.go)
	strictMembers   bool               // SetStrictMembers
	refused         []UnverifiedMember // fields a handler refused that the SDK does not document (members.go)
	refusalsChecked int                // model-state answers watchRefusals checked

	clk    sync.Mutex // the clock and the offset Advance adds to it
	clock  func() time.Time
	offset time.Duration

	mu sync.Mutex // the business state
	st *state     // all of it but the webhooks

	hooks webhookState // seller webhooks, services and licence keys (mu); webhook deliveries (its own lock)
}

// NewServer starts a fake server for a test; t.Cleanup closes it. Each option function edits
// the Options before the server starts:
//
//	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.NoSeed = true })
func NewServer(t testing.TB, opts ...func(*Options)) *Server {
	t.Helper()
	var o Options
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	s, err := Start(o)
	if err != nil {
		t.Fatalf("cloudmoretest: %v", err)
	}
	s.tb = t
	t.Cleanup(s.Close)
	if failOnUndocumentedRefusals {
		t.Cleanup(func() {
			if refused, _ := s.undocumentedRefusals(); len(refused) > 0 {
				t.Errorf("cloudmoretest: the fake refused fields the SDK does not document: %v", refused)
			}
		})
	}
	return s
}

// Start starts a fake server outside tests (for a quickstart or a demo). Close it when done.
func Start(opts Options) (*Server, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		mux:     http.NewServeMux(),
		latency: opts.Latency,
		tokens:  map[string]issuedToken{},
		clock:   opts.Clock,
	}
	s.st = newState(opts)
	s.SetRateLimit(opts.RateLimit, opts.RateBurst)
	s.routes()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cloudmoretest: listening on 127.0.0.1: %w", err)
	}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	return s, nil
}

func (o *Options) fill() error {
	if len(o.Users) == 0 {
		o.Users = []User{{Username: DefaultUsername, Password: DefaultPassword}}
	}
	for i, u := range o.Users {
		if u.Username == "" || u.Password == "" {
			return fmt.Errorf("cloudmoretest: Options.Users[%d] needs a username and a password", i)
		}
	}
	if o.ClientID == "" {
		o.ClientID = DefaultClientID
	}
	if o.ClientSecret == "" {
		o.ClientSecret = DefaultClientSecret
	}
	if o.ResellerID == "" {
		o.ResellerID = DefaultResellerID
	}
	if !isGUID(o.ResellerID) {
		return fmt.Errorf("cloudmoretest: Options.ResellerID %q is not a GUID", o.ResellerID)
	}
	o.ResellerID = strings.ToLower(o.ResellerID)
	if o.SellerID == "" {
		o.SellerID = DefaultSellerID
	}
	if !isGUID(o.SellerID) {
		return fmt.Errorf("cloudmoretest: Options.SellerID %q is not a GUID", o.SellerID)
	}
	o.SellerID = strings.ToLower(o.SellerID)
	if o.TokenLifetime <= 0 {
		o.TokenLifetime = 24 * time.Hour
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.PollsUntilDone == 0 {
		o.PollsUntilDone = DefaultPollsUntilDone
	} else if o.PollsUntilDone < 0 {
		o.PollsUntilDone = 0
	}
	if o.TakenDomainPrefixes == nil {
		o.TakenDomainPrefixes = []string{"contoso", "fabrikam"}
	}
	return nil
}

// Close shuts the server down. It is safe to call more than once.
func (s *Server) Close() { s.srv.Close() }

// URL returns the base URL, "http://127.0.0.1:port" (no trailing slash); the token endpoint
// is URL()+"/connect/token" and the API is under URL()+"/api".
func (s *Server) URL() string { return s.srv.URL }

// ResellerID returns the reseller id the fake answers to.
func (s *Server) ResellerID() string { return s.opts.ResellerID }

// SellerID returns the seller id the fake answers to.
func (s *Server) SellerID() string { return s.opts.SellerID }

// Credentials returns credentials the token endpoint accepts (the first configured user).
func (s *Server) Credentials() cloudmore.Credentials {
	return cloudmore.Credentials{
		ClientID:     s.opts.ClientID,
		ClientSecret: s.opts.ClientSecret,
		Username:     s.opts.Users[0].Username,
		Password:     s.opts.Users[0].Password,
	}
}

// FastRetries is the retry policy of the ready client (Server.Client): four attempts with
// millisecond backoff, so that tests of retry paths stay quick. Retry-After is honoured as in
// production (a scripted Fault{RetryAfter: "1"} waits a second).
func FastRetries() cloudmore.RetryPolicy {
	return cloudmore.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond, MaxRetryAfter: time.Minute}
}

// Client returns an SDK client pointed at the fake, with its credentials, reseller id and
// seller id, retrying fast (FastRetries: millisecond backoff). Extra options come last, so
// they can override those: pass cloudmore.WithRetry(cloudmore.DefaultRetryPolicy()) for the
// production backoff, or a logger, a rate limit... An option error fails the test
// (NewServer) or panics (Start).
func (s *Server) Client(opts ...cloudmore.Option) *cloudmore.Client {
	all := append([]cloudmore.Option{
		cloudmore.WithBaseURL(s.URL()),
		cloudmore.WithCredentials(s.Credentials()),
		cloudmore.WithResellerID(s.ResellerID()),
		cloudmore.WithSellerID(s.SellerID()),
		cloudmore.WithRetry(FastRetries()),
	}, opts...)
	c, err := cloudmore.NewClient(all...)
	if err != nil {
		if s.tb != nil {
			s.tb.Helper()
			s.tb.Fatalf("cloudmoretest: NewClient: %v", err)
		}
		panic("cloudmoretest: NewClient: " + err.Error())
	}
	return c
}

// now is the fake's time: its clock plus what Advance added.
func (s *Server) now() time.Time {
	s.clk.Lock()
	clock, offset := s.clock, s.offset
	s.clk.Unlock()
	return clock().Add(offset)
}

// SetClock replaces the fake's clock (Options.Clock); nil means time.Now. It also undoes every
// Advance, so that the fake's time is now() from then on. Safe to call while requests run.
func (s *Server) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	s.clk.Lock()
	defer s.clk.Unlock()
	s.clock, s.offset = now, 0
}

// Advance moves the fake's time forward by d (back when d is negative), on top of its clock,
// which keeps running if it is time.Now. Tokens issued before it expire when the
// TokenLifetime has passed in the fake's time (Advance(TokenLifetime + time.Second) expires
// every token issued so far), subscriptions created after it start on the later date (which
// the billing reports follow), and NCE's 7-day window closes. Safe to call while requests run.
func (s *Server) Advance(d time.Duration) {
	s.clk.Lock()
	defer s.clk.Unlock()
	s.offset += d
}

// brokerURL is the absolute URL of a path under /api/resellers/{resellerId}/.
func (s *Server) brokerURL(format string, args ...any) string {
	return s.URL() + "/api/resellers/" + s.opts.ResellerID + "/" + fmt.Sprintf(format, args...)
}

// ServeHTTP runs one request through the fake: log, latency, scripted faults, routing (with
// authentication), and a dropped connection when one is scripted.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	r.Body = io.NopCloser(bytes.NewReader(body))
	isToken := strings.EqualFold(strings.TrimRight(r.URL.Path, "/"), "/connect/token")

	s.ctl.Lock()
	delay := s.latency
	if isToken {
		delay += s.tokenLatency
		s.tokenCount++
	}
	var retryAfter string
	var throttled bool
	if !isToken {
		retryAfter, throttled = s.throttle(time.Now())
	}
	var fault *Fault
	var drop bool
	if !throttled {
		fault = s.takeFault(r)
		drop = s.takeDrop(r)
	}
	s.ctl.Unlock()
	if throttled {
		rec := &recorder{header: http.Header{}}
		writeThrottled(rec, retryAfter)
		s.record(r, body, isToken, rec.status)
		rec.flush(w)
		return
	}

	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			s.record(r, body, isToken, 0)
			return
		}
	}

	rec := &recorder{header: http.Header{}}
	rec.header.Set("X-Request-Id", newID()) // as an answer of Cloudmore's gateway names itself
	if fault != nil {
		fault.write(rec)
	} else {
		s.route(rec, r)
	}
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	s.record(r, body, isToken, rec.status)
	if drop {
		s.dropResponse(w, rec)
		return
	}
	rec.flush(w)
}

// route dispatches on the lowercased path: ASP.NET routing is case-insensitive, and the
// Swagger itself mixes "Organizations" and "organizations".
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	r2 := new(http.Request)
	*r2 = *r
	u := *r.URL
	u.Path = routeKey(r.URL.Path)
	u.RawPath = ""
	r2.URL = &u
	if !s.knowsPath(r2) {
		unknownRoute(w, r)
		return
	}
	s.mux.ServeHTTP(w, r2) // a known path with another method is ServeMux's 405
}

// knowsPath reports whether any operation the fake serves has r's path, by any method.
func (s *Server) knowsPath(r *http.Request) bool {
	for _, m := range []string{r.Method, http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		r2 := *r
		r2.Method = m
		if _, pattern := s.mux.Handler(&r2); pattern != "" {
			return true
		}
	}
	return false
}

// routeKey lowercases a path and drops a trailing slash. "/Subscriptions/history/{id}" becomes
// "/subscriptions-history/{id}": lowercased it would collide in http.ServeMux with
// "/subscriptions/{subscriptionId}/users".
func routeKey(p string) string {
	p = strings.ToLower(p)
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return routeRewrites.Replace(p)
}

// routeRewrites join the fixed segments that would otherwise collide with a wildcard in
// http.ServeMux: "/Subscriptions/history/{id}" with "/subscriptions/{subscriptionId}/users", and
// the seller's "/services/bulkconsumptions/{taskId}" with "/services/{serviceId}/products".
var routeRewrites = strings.NewReplacer("/subscriptions/history/", "/subscriptions-history/",
	"/services/bulkconsumptions/", "/services-bulkconsumptions/")

// lowerPattern turns a Swagger-spelled ServeMux pattern into the routeKey form, keeping the
// {wildcard} names.
func lowerPattern(pattern string) string {
	method, path, _ := strings.Cut(pattern, " ")
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if !strings.HasPrefix(seg, "{") {
			segs[i] = strings.ToLower(seg)
		}
	}
	return method + " " + routeRewrites.Replace(strings.Join(segs, "/"))
}

// api registers an authenticated broker operation. The handler runs with the state locked.
func (s *Server) api(pattern string, h http.HandlerFunc) {
	pattern = lowerPattern(pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if !s.authenticate(w, r) {
			return
		}
		if rid := r.PathValue("resellerId"); rid != "" && !strings.EqualFold(rid, s.opts.ResellerID) {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		if s.checkMembers(w, r, pattern) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.watchRefusals(pattern, h)(w, r)
	})
}

// sellerAPI registers an authenticated seller operation (/api/sellers/{sellerId}/...). The
// handler runs with the state locked.
func (s *Server) sellerAPI(pattern string, h http.HandlerFunc) {
	pattern = lowerPattern(pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if !s.authenticate(w, r) {
			return
		}
		if sid := r.PathValue("sellerId"); sid != "" && !strings.EqualFold(sid, s.opts.SellerID) {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		if s.checkMembers(w, r, pattern) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.watchRefusals(pattern, h)(w, r)
	})
}

func (s *Server) routes() {
	s.mux.HandleFunc("POST /connect/token", s.handleToken)
	s.mux.HandleFunc("GET /api/healthcheck", s.healthcheck)
	s.organizationRoutes()
	s.serviceRoutes()
	s.cspRoutes()
	s.pricelistRoutes()
	s.billingRoutes()
	s.sellerRoutes()
	s.azureRoutes()
	s.userGroupRoutes()
	s.manualBillingRoutes()
	s.externalInvoiceRoutes()
	s.sellerWebhookRoutes()
	s.sellerSubscriptionRoutes()
	s.sellerServiceRoutes()
	s.brokerCatalogueRoutes()
	s.brokerAdminRoutes()
	s.unshownRoutes()
}

// healthcheck answers GET /api/healthcheck with 200 {"status":"Healthy"}, with or without a
// valid token. Cloudmore documents neither the answer nor whether a token is needed, so both
// the body and the lack of authentication are the fake's own.
func (s *Server) healthcheck(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "Healthy"})
}

// recorder buffers an answer so that it can be logged, and sent or cut short.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

func (r *recorder) flush(w http.ResponseWriter) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}

// record appends one entry to the request log.
func (s *Server) record(r *http.Request, body []byte, isToken bool, status int) {
	if isToken {
		body = redactForm(body)
	}
	h := r.Header.Clone()
	h.Del("Authorization")
	q, _ := url.ParseQuery(r.URL.RawQuery)
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.log = append(s.log, Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  q,
		Header: h,
		Body:   body,
		Token:  bearerToken(r),
		Status: status,
	})
}
