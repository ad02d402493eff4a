package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// Safe writes: --dry-run on every command that sends something other than a GET, and the
// question a delete asks (confirm.go).
//
// A dry run builds the client as always, but under the SDK's auth layer, where net/http
// would send the request, sits dryRunTransport: it keeps the request (redacted) and sends
// nothing. The SDK checks the input first, so a dry run refuses bad input as a real run
// does. The token request goes through the same transport and is answered there with a
// token that is no token, so no request at all leaves the process, and the request printed
// is the one the SDK builds: its path with the ids, its query and its JSON body.

// safety holds a run's --dry-run and --yes, and the requests a dry run kept.
type safety struct {
	dryRun bool
	yes    bool
	dry    *dryRunTransport // the transport of a dry run's client, once built
}

// errDryRun is what the transport of a dry run answers each request: the call stops there.
var errDryRun = errors.New("dry run: the request was not sent")

// addDryRun gives cmd --dry-run.
func (a *app) addDryRun(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&a.safe.dryRun, "dry-run", false, "print the request it would send (secrets redacted) and send nothing")
}

// sendsWrite reports whether any of the operations ops is not a GET.
func sendsWrite(ops []string) bool {
	byName, _ := operations()
	for _, name := range ops {
		if o, ok := byName[name]; ok && o.Method != http.MethodGet {
			return true
		}
	}
	return false
}

// dryRunOptions are the client options of a dry run (nil otherwise): the transport that sends
// nothing, and no retries (each request is printed once).
func (a *app) dryRunOptions() []cloudmore.Option {
	if !a.safe.dryRun {
		return nil
	}
	a.safe.dry = &dryRunTransport{a: a}
	return []cloudmore.Option{cloudmore.WithTransport(a.safe.dry), cloudmore.WithRetry(cloudmore.NoRetries())}
}

// dryRunTransport keeps each request it is given and sends none.
type dryRunTransport struct {
	a    *app
	mu   sync.Mutex
	reqs []dryRequest
}

// dryRequest is a request a dry run kept, its secrets redacted.
type dryRequest struct {
	method string
	url    url.URL // its query redacted
	query  *object // the query's parameters, nil for none
	body   any     // the decoded JSON body (a text when not JSON), nil for none
}

// RoundTrip answers the token request with a token that is no token, and keeps every other
// request, which it answers with errDryRun.
func (t *dryRunTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	if req.URL.Path == "/connect/token" {
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:  http.Header{"Content-Type": {"application/json"}},
			Body:    io.NopCloser(strings.NewReader(`{"access_token":"dry-run","token_type":"Bearer","expires_in":3600}`)),
			Request: req}, nil
	}
	r := dryRequest{method: req.Method, url: *req.URL}
	r.url.User, r.url.RawQuery, r.url.Fragment = nil, "", ""
	if q := req.URL.Query(); len(q) > 0 {
		r.query = newObject()
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		shown := url.Values{}
		for _, k := range keys {
			var v any = q[k][0]
			if len(q[k]) > 1 {
				l := make([]any, len(q[k]))
				for i, s := range q[k] {
					l[i] = s
				}
				v = l
			}
			v = t.a.redactMember(k, v)
			r.query.set(k, v)
			if l, ok := v.([]any); ok {
				for _, e := range l {
					shown.Add(k, e.(string))
				}
			} else {
				shown.Set(k, v.(string))
			}
		}
		r.url.RawQuery = shown.Encode()
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if v, err := decodeInput(body); err == nil {
			r.body = t.a.redactMember("", v)
		} else {
			r.body = t.a.redact(string(body))
		}
	}
	t.mu.Lock()
	t.reqs = append(t.reqs, r)
	t.mu.Unlock()
	return nil, errDryRun
}

// object is the request as the output formats print it: method, host, path, query, body.
func (r dryRequest) object() *object {
	o := newObject()
	o.set("method", r.method)
	o.set("host", r.url.Host)
	o.set("path", r.url.EscapedPath())
	if r.query != nil {
		o.set("query", r.query)
	}
	if r.body != nil {
		o.set("body", r.body)
	}
	return o
}

// writeText writes the request as a table shows it: "METHOD URL", then the body as
// indented JSON.
func (r dryRequest) writeText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%s %s\n", r.method, r.url.String()); err != nil || r.body == nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.body)
}

// endDryRun ends a dry run: it prints the requests the run would have sent, and a run
// stopped by the dry run succeeds. Any other error is the run's.
func (a *app) endDryRun(cmd *cobra.Command, err error) error {
	if !a.safe.dryRun || err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	var reqs []dryRequest
	if a.safe.dry != nil {
		a.safe.dry.mu.Lock()
		reqs = a.safe.dry.reqs
		a.safe.dry.mu.Unlock()
	}
	var perr error
	switch {
	case a.format() == "table":
		for i, r := range reqs {
			if i > 0 {
				fmt.Fprintln(a.stdout)
			}
			if perr = r.writeText(a.stdout); perr != nil {
				break
			}
		}
	case len(reqs) == 1:
		perr = a.print(cmd, reqs[0].object())
	case len(reqs) > 1:
		list := make([]*object, len(reqs))
		for i, r := range reqs {
			list[i] = r.object()
		}
		perr = a.print(cmd, list)
	}
	if perr != nil {
		return perr
	}
	s := "s"
	if len(reqs) == 1 {
		s = ""
	}
	fmt.Fprintf(a.stderr, "dry run: %d request%s, nothing was sent\n", len(reqs), s)
	return nil
}

// redactMember is v, the value of the member (or query parameter) name, with its secrets
// redacted: the whole value of a member that holds a secret (a password, a client secret,
// a token), the value of a header (a webhook's httpHeader, "Name: value", keeps its name),
// and anywhere the secrets of the run's own credentials (app.redact).
func (a *app) redactMember(name string, v any) any {
	switch x := v.(type) {
	case *object:
		out := newObject()
		for _, k := range x.keys {
			out.set(k, a.redactMember(k, x.vals[k]))
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = a.redactMember(name, e)
		}
		return out
	}
	n := strings.ToLower(name)
	switch {
	case v == nil || v == "":
		return v
	case secret(n) || strings.Contains(n, "token"):
		return "REDACTED"
	}
	s, ok := v.(string)
	switch {
	case !ok:
		return v
	case strings.Contains(n, "header"):
		if h, _, ok := strings.Cut(s, ":"); ok {
			return h + ": REDACTED"
		}
		return "REDACTED"
	}
	return a.redact(s)
}
