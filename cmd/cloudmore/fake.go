package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

var fakeServeLong = fmt.Sprintf(`Run the fake Cloudmore (the SDK's cloudmoretest, seeded with its demo data) as an HTTP
server, for tools in other languages and for demos, until Ctrl-C or SIGTERM.

Its banner on stdout is shell: comments and export lines for the fake's URL, ids and
credentials (the fake's own, not secrets), so a shell can source it:

  cloudmore fake serve --state demo.json > fake.env &
  until grep -q 'Ctrl-C' fake.env 2>/dev/null; do sleep 0.1; done; . ./fake.env
  cloudmore organizations list

Clients in other languages get a token as from Cloudmore: an OAuth 2.0 password grant with
scope "api", the client authenticated with HTTP Basic (client id and secret):

  curl -s -u %s:%s -d grant_type=password -d scope=api \
    --data-urlencode username=%s --data-urlencode password=%s \
    http://127.0.0.1:8080/connect/token

answers {"access_token": "...", "expires_in": 86400, "token_type": "Bearer"}; send
"Authorization: Bearer <access_token>" to http://127.0.0.1:8080/api/resellers/<reseller id>/...
(and /api/sellers/<seller id>/... for the seller side).

--log prints each request on stderr (method, path, status; never a token or a body), and each
webhook call the fake makes. --state FILE keeps the fake's state (organizations, subscriptions,
the seller's services and webhooks, ...) in FILE across restarts: read at the start when it
exists, written after every request that can change it and at the end (mode 0600: it holds
the webhooks' credentials); 'cloudmore --fake --fake-state FILE ...' commands share it, one at a
time.

The fake calls the seller's registered webhooks when their events happen (an organization adds
the service, a subscription is created, ...), as Cloudmore does. --webhook-to ORIGIN sends those
calls to another origin, the registered URL's path kept: with webhooks registered at
https://connector.example.com/cloudmore/<type>, --webhook-to http://127.0.0.1:9000 calls
http://127.0.0.1:9000/cloudmore/<type>, your connector running locally.

The knobs of the fake are flags: --latency and --token-latency delay answers, --rate-limit and
--rate-burst answer 429 with Retry-After past a token bucket, --fault scripts the statuses of the
next matching requests, --drop cuts the answers of the next matching requests (the request is
carried out: its outcome is unknown to the client), --polls sets how many polls a task takes,
--token-lifetime how long tokens last. Patterns match the path segment by segment,
case-insensitively; "*" is any one segment, a last "**" the rest.`,
	cloudmoretest.DefaultClientID, cloudmoretest.DefaultClientSecret, cloudmoretest.DefaultUsername, cloudmoretest.DefaultPassword)

// serveFlags are the flags of fake serve.
type serveFlags struct {
	addr, state, webhookTo           string
	noSeed, log                      bool
	latency, tokenLatency, tokenLife time.Duration
	rateLimit                        float64
	rateBurst, polls, attempts       int
	faults, drops                    []string
}

func (a *app) fakeCommand() *cobra.Command {
	cmd := group("fake", "The built-in fake Cloudmore (cloudmoretest) as a server")
	var f serveFlags
	serve := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Run the fake Cloudmore as an HTTP server until Ctrl-C or SIGTERM",
		Long:  fakeServeLong,
		Example: `  cloudmore fake serve --addr 127.0.0.1:8080
  cloudmore fake serve --state demo.json --log
  cloudmore fake serve --latency 300ms --rate-limit 5 --fault 'GET /api/resellers/*/Organizations 503,503'
  cloudmore fake serve --webhook-to http://127.0.0.1:9000 --log`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error { return a.serveFake(cmd.Context(), &f) },
	}
	fs := serve.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "the address to listen on")
	fs.BoolVar(&f.noSeed, "no-seed", false, "start without the demo organizations, users and subscriptions")
	fs.BoolVar(&f.log, "log", false, "print each request (method, path, status) and each webhook call on stderr")
	fs.StringVar(&f.state, "state", "", "keep the fake's state in this file across restarts (see above)")
	fs.StringVar(&f.webhookTo, "webhook-to", "", "send the fake's webhook calls to this origin (http://host:port), their paths kept")
	fs.DurationVar(&f.latency, "latency", 0, "delay every answer by this much")
	fs.DurationVar(&f.tokenLatency, "token-latency", 0, "delay the token endpoint's answers by this much more")
	fs.Float64Var(&f.rateLimit, "rate-limit", 0, "answer 429 with Retry-After past this many API requests a second (0: no limit)")
	fs.IntVar(&f.rateBurst, "rate-burst", 1, "the burst of --rate-limit")
	fs.StringArrayVar(&f.faults, "fault", nil, `"METHOD PATTERN STATUS[,STATUS...]": the next matching requests get these statuses, one each (repeatable)`)
	fs.StringArrayVar(&f.drops, "drop", nil, `"METHOD PATTERN N": cut the answers of the next N matching requests (repeatable)`)
	fs.IntVar(&f.polls, "polls", cloudmoretest.DefaultPollsUntilDone, "how many polls a task answers \"not ready\" before it is done")
	fs.DurationVar(&f.tokenLife, "token-lifetime", 24*time.Hour, "how long issued tokens last")
	fs.IntVar(&f.attempts, "webhook-attempts", cloudmoretest.DefaultWebhookAttempts, "how many times the fake tries one webhook call")
	cmd.AddCommand(serve)
	return cmd
}

// serveFake runs fake serve until ctx ends.
func (a *app) serveFake(ctx context.Context, f *serveFlags) error {
	opts := cloudmoretest.Options{NoSeed: f.noSeed, Latency: f.latency, RateLimit: f.rateLimit, RateBurst: f.rateBurst,
		TokenLifetime: f.tokenLife, PollsUntilDone: f.polls}
	if f.polls == 0 {
		opts.PollsUntilDone = -1 // done at the first poll (0 is the fake's default)
	}
	if f.polls < 0 || f.rateLimit < 0 || f.rateBurst < 1 || f.attempts < 1 || f.latency < 0 || f.tokenLatency < 0 || f.tokenLife <= 0 {
		return usagef("--polls, --rate-limit and --latency cannot be negative, --rate-burst and --webhook-attempts are at least 1, --token-lifetime is positive")
	}
	var forward *url.URL
	if f.webhookTo != "" {
		u, err := url.Parse(f.webhookTo)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
			return usagef("--webhook-to %q: want an origin such as http://127.0.0.1:9000 (the webhooks' paths are kept)", f.webhookTo)
		}
		forward = u
	}
	srv, err := cloudmoretest.Start(opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := scriptFaults(srv, f.faults, f.drops); err != nil {
		return err
	}
	srv.SetTokenLatency(f.tokenLatency)
	srv.SetWebhookAttempts(f.attempts)
	if f.state != "" {
		if err := loadStateFile(srv, f.state); err != nil {
			return err
		}
	}
	var logMu sync.Mutex
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(a.stderr, format+"\n", args...)
	}
	if forward != nil || f.log {
		srv.SetWebhookClient(&http.Client{Timeout: 10 * time.Second, Transport: &webhookTransport{to: forward, log: f.log, logf: logf}})
	}
	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		return &usageError{fmt.Errorf("--addr %s: %w", f.addr, err)}
	}
	base := "http://" + l.Addr().String()
	var saveMu sync.Mutex
	save := func() error {
		saveMu.Lock()
		defer saveMu.Unlock()
		return saveStateFile(srv, f.state)
	}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &rebaseWriter{ResponseWriter: w, from: srv.URL(), to: base}
		srv.ServeHTTP(rw, r)
		if f.log {
			status := strconv.Itoa(rw.status)
			if rw.hijacked {
				status = "dropped"
			} else if rw.status == 0 {
				status = "200"
			}
			p := r.URL.Path
			if r.URL.RawQuery != "" {
				p += "?" + r.URL.RawQuery
			}
			logf("%s %s %s", r.Method, p, status)
		}
		if f.state != "" && r.Method != http.MethodGet && r.Method != http.MethodHead && !strings.EqualFold(strings.TrimRight(r.URL.Path, "/"), "/connect/token") {
			if err := save(); err != nil {
				logf("cloudmore: --state %s: %v", f.state, err)
			}
		}
	})
	hs := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	a.fakeBanner(srv, base, f, forward)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// A webhook call an answered request caused is made before the fake stops (bounded).
	_ = srv.WaitWebhookDeliveries(sctx)
	if f.state != "" {
		if err := save(); err != nil {
			return &codeError{exitError, fmt.Errorf("--state %s: %w", f.state, err)}
		}
	}
	fmt.Fprintln(a.stderr, "fake Cloudmore stopped")
	return nil
}

// fakeBanner prints the banner: comments and export lines a shell can source.
func (a *app) fakeBanner(srv *cloudmoretest.Server, base string, f *serveFlags, forward *url.URL) {
	creds := srv.Credentials()
	w := a.stdout
	fmt.Fprintf(w, "# Fake Cloudmore listening on %s (its credentials are the fake's own, not secrets)\n", base)
	for _, kv := range [][2]string{{"CLOUDMORE_BASE_URL", base}, {"CLOUDMORE_RESELLER_ID", srv.ResellerID()}, {"CLOUDMORE_SELLER_ID", srv.SellerID()},
		{"CLOUDMORE_CLIENT_ID", creds.ClientID}, {"CLOUDMORE_CLIENT_SECRET", creds.ClientSecret},
		{"CLOUDMORE_USERNAME", creds.Username}, {"CLOUDMORE_PASSWORD", creds.Password}} {
		fmt.Fprintf(w, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	fmt.Fprintf(w, "# Token: curl -s -u %s -d grant_type=password -d scope=api --data-urlencode %s --data-urlencode %s %s/connect/token\n",
		shellQuote(creds.ClientID+":"+creds.ClientSecret), shellQuote("username="+creds.Username), shellQuote("password="+creds.Password), base)
	fmt.Fprintf(w, "# API: %s/api/resellers/%s/... and %s/api/sellers/%s/... with Authorization: Bearer <access_token>\n", base, srv.ResellerID(), base, srv.SellerID())
	if f.state != "" {
		fmt.Fprintf(w, "# State: %s (cloudmore --fake --fake-state %s shares it while this fake is stopped)\n", f.state, shellQuote(f.state))
	}
	if forward != nil {
		fmt.Fprintf(w, "# Webhook calls go to %s, their paths kept\n", forward)
	}
	fmt.Fprintln(w, "# Ctrl-C stops it.")
}

// scriptFaults applies --fault and --drop.
func scriptFaults(srv *cloudmoretest.Server, faults, drops []string) error {
	for _, v := range faults {
		parts := strings.Fields(v)
		if len(parts) != 3 {
			return usagef("--fault %q: want \"METHOD PATTERN STATUS[,STATUS...]\", such as 'GET /api/resellers/*/Organizations 503,503'", v)
		}
		var fs []cloudmoretest.Fault
		for _, s := range strings.Split(parts[2], ",") {
			n, err := strconv.Atoi(s)
			if err != nil || n < 100 || n > 599 {
				return usagef("--fault %q: %q is not an HTTP status", v, s)
			}
			fs = append(fs, cloudmoretest.Fault{Status: n})
		}
		srv.ScriptStatuses(strings.ToUpper(parts[0]), parts[1], fs...)
	}
	for _, v := range drops {
		parts := strings.Fields(v)
		n := 0
		if len(parts) == 3 {
			n, _ = strconv.Atoi(parts[2])
		}
		if n < 1 {
			return usagef("--drop %q: want \"METHOD PATTERN N\", such as 'POST /api/resellers/*/Organizations 1'", v)
		}
		srv.DropConnection(strings.ToUpper(parts[0]), parts[1], n)
	}
	return nil
}

// webhookTransport carries the fake's webhook calls: to another origin (--webhook-to), and
// logged (--log).
type webhookTransport struct {
	to   *url.URL
	log  bool
	logf func(string, ...any)
}

func (t *webhookTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.to != nil {
		req = req.Clone(req.Context())
		req.URL.Scheme, req.URL.Host, req.Host = t.to.Scheme, t.to.Host, ""
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if t.log {
		u := *req.URL // without its query: a URL may carry a token there
		u.RawQuery, u.User = "", nil
		if err != nil {
			t.logf("webhook %s %s: %v", req.Method, u.String(), err)
		} else {
			t.logf("webhook %s %s %d", req.Method, u.String(), resp.StatusCode)
		}
	}
	return resp, err
}

// rebaseWriter serves the fake on another address: the absolute URLs the fake writes in
// Location headers name its own loopback address, and are rewritten to the one served. It
// records the status (and whether the fake cut the connection) for --log.
type rebaseWriter struct {
	http.ResponseWriter
	from, to string
	wrote    bool
	status   int
	hijacked bool
}

func (w *rebaseWriter) fix() {
	if w.wrote {
		return
	}
	w.wrote = true
	if loc := w.Header().Get("Location"); strings.HasPrefix(loc, w.from) {
		w.Header().Set("Location", w.to+strings.TrimPrefix(loc, w.from))
	}
}

func (w *rebaseWriter) WriteHeader(code int) {
	w.fix()
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *rebaseWriter) Write(b []byte) (int, error) {
	w.fix()
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streamed answers through.
func (w *rebaseWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer (the fake can drop connections).
func (w *rebaseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack lets the fake drop a connection (DropConnection) through the rebasing writer.
func (w *rebaseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijack not supported")
	}
	w.hijacked = true
	return hj.Hijack()
}
