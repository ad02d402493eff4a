package cloudmore

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// DefaultClientID is the OAuth client id that Cloudmore's developer portal documents for the
// password grant. Newer "Application User" credentials may come with their own client id.
const DefaultClientID = "ro.customer.client"

// Credentials are what Cloudmore issues for API access: a client id and secret (from
// Cloudmore support, or an Application User) and the username and password of a broker
// administrator with "Allow REST API access" ticked.
//
// Credentials never print their secrets: fmt's %v, %+v, %#v and %s, slog and
// encoding/json show the client id and username with the secret and password replaced by
// REDACTED.
type Credentials struct {
	// ClientID defaults to DefaultClientID ("ro.customer.client") when empty.
	ClientID string
	// ClientSecret is the secret Cloudmore support issued.
	ClientSecret string
	// Username is the API administrator's login name.
	Username string
	// Password is the API administrator's password.
	Password string
}

// String describes the credentials without their secrets.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{ClientID: %q, ClientSecret: %s, Username: %q, Password: %s}",
		c.clientID(), redact(c.ClientSecret), c.Username, redact(c.Password))
}

// GoString is String, so %#v does not print the secrets either.
func (c Credentials) GoString() string { return "cloudmore." + c.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (c Credentials) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c) }

// formatRedacted prints a value holding a secret through its own String or GoString (for
// %#v) whatever the verb, so no verb can reach the secret field.
func formatRedacted(f fmt.State, verb rune, v interface {
	String() string
	GoString() string
}) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, v.GoString())
		return
	}
	fmt.Fprint(f, v.String())
}

// MarshalJSON writes the credentials without their secrets (ClientSecret and Password read
// "REDACTED"), so a configuration dumped as JSON, or a value logged by a JSON encoder, never
// shows them. Credentials are not meant to be stored through encoding/json.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		Username     string `json:"username"`
		Password     string `json:"password"`
	}{c.clientID(), redactJSON(c.ClientSecret), c.Username, redactJSON(c.Password)})
}

func redactJSON(s string) string {
	if s == "" {
		return ""
	}
	return "REDACTED"
}

// LogValue implements slog.LogValuer without the secrets.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", c.clientID()), slog.String("username", c.Username),
		slog.String("client_secret", redact(c.ClientSecret)), slog.String("password", redact(c.Password)))
}

func redact(s string) string {
	if s == "" {
		return `""`
	}
	return "REDACTED"
}

func (c Credentials) clientID() string {
	if c.ClientID == "" {
		return DefaultClientID
	}
	return c.ClientID
}

func (c Credentials) validate() error {
	switch {
	case c.ClientSecret == "":
		return invalid("WithCredentials", "ClientSecret is empty (Cloudmore support issues it)")
	case c.Username == "":
		return invalid("WithCredentials", "Username is empty")
	case c.Password == "":
		return invalid("WithCredentials", "Password is empty")
	}
	return nil
}

// tokenError wraps a failure to obtain a token that may pass (network, 5xx at the token
// endpoint). The API request was not sent, so any method may be retried.
type tokenError struct{ err error }

func (e *tokenError) Error() string {
	return "could not obtain an access token: " + e.err.Error()
}
func (e *tokenError) Unwrap() error { return e.err }

const (
	// defaultTokenLifetime is assumed when the token endpoint omits expires_in. x/oauth2 reads a
	// missing expires_in as "never expires"; Cloudmore documents 24 h, and an hour is the safe side.
	defaultTokenLifetime = time.Hour
	// authFailureCooldown is how long a refusal of the credentials (invalid_grant,
	// invalid_client) is remembered. Until then calls fail at once without asking the token
	// endpoint again, so a wrong password in a busy service cannot lock the account.
	authFailureCooldown = 5 * time.Minute
	// tokenFetchTimeout bounds one token request; each caller's own context bounds its wait.
	tokenFetchTimeout = 30 * time.Second
)

// tokenManager owns the access token: it caches it, fetches a new one before expiry
// (margin min(5m, lifetime/10)), shares one fetch among all concurrent callers, and
// drops exactly the token a 401 rejected.
//
// x/oauth2's own TokenSource is not enough for Cloudmore: the password grant returns no
// refresh token, so oauth2.ReuseTokenSource never re-runs the grant, never reacts to a 401,
// and treats a missing expires_in as "never expires".
type tokenManager struct {
	fetch   func(ctx context.Context) (*oauth2.Token, error)
	now     func() time.Time
	timeout time.Duration // bounds one fetch; tokenFetchTimeout when zero

	mu        sync.Mutex
	tok       *accessToken
	refreshAt time.Time // fetch a new token from here on
	expiresAt time.Time // the cached token is unusable from here on
	call      *tokenCall
	failErr   error
	failUntil time.Time
	fetches   int // token requests made, for tests and metrics

	// secrets returns the client secret and password of WithCredentials (those of at least
	// minRedacted bytes), redacted from every answer that quotes them back. A function, so
	// that no fmt verb on a client (which prints unexported fields by reflection) reaches them.
	secrets func() []string
}

type tokenCall struct {
	done chan struct{}
	tok  *accessToken
	err  error
}

// accessToken is a cached token with its Authorization header value built once.
type accessToken struct {
	value  string
	header []string // {"Bearer " + value}; shared by every request, never modified
}

// String hides the token.
func (t *accessToken) String() string { return "REDACTED" }

// GoString hides the token from %#v.
func (t *accessToken) GoString() string { return "REDACTED" }

// token returns a valid token, fetching one if needed. A token in its refresh margin is
// still returned at once while one background fetch replaces it.
func (m *tokenManager) token(ctx context.Context) (*accessToken, error) {
	m.mu.Lock()
	now := m.now()
	if m.tok != nil && now.Before(m.expiresAt) {
		tok := m.tok
		refusedRecently := m.failErr != nil && now.Before(m.failUntil)
		if !now.Before(m.refreshAt) && m.call == nil && !refusedRecently {
			m.startLocked()
		}
		m.mu.Unlock()
		return tok, nil
	}
	if m.failErr != nil && now.Before(m.failUntil) {
		err := m.failErr
		m.mu.Unlock()
		return nil, err
	}
	c := m.call
	if c == nil {
		c = m.startLocked()
	}
	m.mu.Unlock()
	select {
	case <-c.done:
		return c.tok, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startLocked starts the one shared fetch. It runs detached from any caller's context, so
// a caller that gives up does not cancel the fetch for the others.
func (m *tokenManager) startLocked() *tokenCall {
	c := &tokenCall{done: make(chan struct{})}
	m.call = c
	m.fetches++
	go func() {
		timeout := m.timeout
		if timeout <= 0 {
			timeout = tokenFetchTimeout
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		tok, err := m.fetch(ctx)
		m.mu.Lock()
		defer m.mu.Unlock()
		m.call = nil
		now := m.now()
		if err == nil && (tok == nil || tok.AccessToken == "") {
			err = errors.New("the token endpoint answered without an access_token")
		}
		if err != nil {
			var ae *AuthError
			if errors.As(err, &ae) && ae.permanent() {
				m.failErr, m.failUntil = ae, now.Add(authFailureCooldown)
				c.err = ae
			} else {
				c.err = &tokenError{err: err}
			}
			if m.tok != nil && now.Before(m.expiresAt) {
				// An early refresh failed while the token still serves: try again later,
				// not on the next call (a token endpoint outage must not be hammered).
				m.refreshAt = now.Add(min(30*time.Second, m.expiresAt.Sub(now)/2))
			}
			close(c.done)
			return
		}
		m.failErr = nil
		// expires_in counts from now on this manager's clock; x/oauth2's Expiry uses the
		// wall clock and is zero ("never") when expires_in is missing.
		expiry := now.Add(defaultTokenLifetime)
		if tok.ExpiresIn > 0 {
			expiry = now.Add(time.Duration(tok.ExpiresIn) * time.Second)
		} else if !tok.Expiry.IsZero() {
			expiry = tok.Expiry
		}
		margin := min(5*time.Minute, expiry.Sub(now)/10)
		at := &accessToken{value: tok.AccessToken, header: []string{"Bearer " + tok.AccessToken}}
		m.tok, m.expiresAt, m.refreshAt = at, expiry, expiry.Add(-margin)
		c.tok = at
		close(c.done)
	}()
	return c
}

// invalidate drops the cached token if it is the one the server rejected; a token another
// caller already replaced is left alone.
func (m *tokenManager) invalidate(rejected *accessToken) {
	if rejected == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tok != nil && m.tok.value == rejected.value {
		m.tok = nil
	}
}

// String hides the token: the manager never prints it.
func (m *tokenManager) String() string { return "cloudmore.tokenManager{token: REDACTED}" }

// GoString hides the token from %#v.
func (m *tokenManager) GoString() string { return m.String() }

// tokenRequests is how many token requests the manager has started.
func (m *tokenManager) tokenRequests() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fetches
}

// passwordGrant returns the fetch function for Cloudmore's password grant at
// {host}/connect/token with scope "api", through x/oauth2.
func passwordGrant(tokenURL string, creds Credentials, inBody bool, hc *http.Client) func(context.Context) (*oauth2.Token, error) {
	style := oauth2.AuthStyleInHeader // set explicitly: auto-detect retries with the secret in the body
	if inBody {
		style = oauth2.AuthStyleInParams
	}
	cfg := &oauth2.Config{
		ClientID:     creds.clientID(),
		ClientSecret: creds.ClientSecret,
		Endpoint:     oauth2.Endpoint{TokenURL: tokenURL, AuthStyle: style},
		Scopes:       []string{"api"},
	}
	// The token request never follows a redirect: a 307 would carry the password and the
	// client secret to wherever it points.
	tokenClient := &http.Client{Transport: transportOf(hc), Timeout: tokenFetchTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tokenClient.Transport = &tokenAnswerCheck{base: tokenClient.Transport}
	if !inBody {
		// x/oauth2 query-escapes id and secret inside the Basic header; Cloudmore documents
		// plain base64(client_id:client_secret). Set the documented header on the way out,
		// and only towards the token endpoint's host.
		basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(creds.clientID()+":"+creds.ClientSecret))
		u, _ := url.Parse(tokenURL)
		tokenClient.Transport = &basicAuthTransport{base: tokenClient.Transport, header: basic, host: u.Host}
	}
	user, pass := creds.Username, creds.Password
	return func(ctx context.Context) (*oauth2.Token, error) {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, tokenClient)
		tok, err := cfg.PasswordCredentialsToken(ctx, user, pass)
		if err != nil {
			err = tokenEndpointError(err)
			var ae *AuthError
			if errors.As(err, &ae) {
				ae.Description = redactSecrets(ae.Description, creds)
			}
			return nil, err
		}
		return tok, nil
	}
}

// credentialSecrets are the secrets of creds long enough to be redacted from answers.
func credentialSecrets(creds Credentials) []string {
	var out []string
	for _, s := range []string{creds.ClientSecret, creds.Password} {
		if len(s) >= minRedacted {
			out = append(out, s)
		}
	}
	return out
}

// redactSecrets replaces the secrets of creds in s.
func redactSecrets(s string, creds Credentials) string {
	for _, secret := range credentialSecrets(creds) {
		s = strings.ReplaceAll(s, secret, "REDACTED")
	}
	return s
}

// tokenEndpointError turns x/oauth2's error into an *AuthError when the endpoint refused
// the credentials, and keeps network and 5xx failures as they are (they may pass). The
// endpoint's raw body is not kept: it is not needed and might echo form fields.
func tokenEndpointError(err error) error {
	var pe *tokenPageError
	if errors.As(err, &pe) {
		return pe
	}
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return err
	}
	status := 0
	if re.Response != nil {
		status = re.Response.StatusCode
	}
	if re.ErrorCode == "" && (status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout) {
		return fmt.Errorf("token endpoint answered %d %s", status, http.StatusText(status))
	}
	return &AuthError{StatusCode: status, Code: re.ErrorCode, Description: re.ErrorDescription}
}

// tokenAnswerCheck stops a 2xx answer of the token endpoint that is not a token (a proxy's
// or a single-sign-on login page answering 200 with HTML) before x/oauth2 reports it as
// "cannot parse json": the error names the status, the content type and the page's title.
type tokenAnswerCheck struct{ base http.RoundTripper }

func (t *tokenAnswerCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, err
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "application/x-www-form-urlencoded" {
		return resp, nil
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))
	if rerr == nil && len(trimmed) > 0 && trimmed[0] == '{' {
		// A JSON object under another content type (or none): let x/oauth2 read it as JSON
		// (it reads text/plain as a form). Closing the body closes the answer's own.
		resp.Header.Set("Content-Type", "application/json")
		resp.Body = &readAheadBody{Reader: io.MultiReader(bytes.NewReader(body), resp.Body), body: resp.Body}
		return resp, nil
	}
	drainClose(resp.Body)
	return nil, &tokenPageError{URL: req.URL.Scheme + "://" + req.URL.Host + req.URL.Path, StatusCode: resp.StatusCode,
		ContentType: ct, Title: pageTitle(body)}
}

// readAheadBody gives the bytes read ahead again, then the rest of body. Close drains what is
// left of body, at most 64 KiB, and closes it, so that a token answer larger than x/oauth2
// reads still gives its connection back (or drops it).
type readAheadBody struct {
	io.Reader
	body io.ReadCloser
}

func (b *readAheadBody) Close() error {
	drainClose(b.body)
	return nil
}

// tokenPageError is a 2xx answer of the token endpoint that is not a token.
type tokenPageError struct {
	URL         string
	StatusCode  int
	ContentType string
	Title       string
}

func (e *tokenPageError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "no content type"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the token endpoint %s answered %d %s with %s, not a JSON token", e.URL, e.StatusCode, http.StatusText(e.StatusCode), ct)
	if e.Title != "" {
		fmt.Fprintf(&b, ": a page titled %q", e.Title)
	}
	b.WriteString("; a proxy or a login page is probably in the way (check the base URL and the network's proxy)")
	return b.String()
}

// pageTitle is the <title> of an HTML page, "" when there is none.
func pageTitle(body []byte) string {
	if m := htmlTitle.FindSubmatch(body); m != nil {
		return oneLine(html.UnescapeString(string(m[1])))
	}
	return ""
}

// basicAuthTransport replaces the Authorization header of token requests.
type basicAuthTransport struct {
	base   http.RoundTripper
	header string
	host   string
}

func (t *basicAuthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != t.host {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", t.header)
	return t.base.RoundTrip(r)
}

// tokenSourceFetch adapts a caller-supplied oauth2.TokenSource.
// oauth2.TokenSource takes no context; a source that hangs is abandoned when the fetch's
// timeout ends (its goroutine finishes whenever the source returns), so it cannot block the
// client for good.
func tokenSourceFetch(ts oauth2.TokenSource) func(context.Context) (*oauth2.Token, error) {
	return func(ctx context.Context) (*oauth2.Token, error) {
		type result struct {
			tok *oauth2.Token
			err error
		}
		ch := make(chan result, 1)
		go func() {
			tok, err := ts.Token()
			ch <- result{tok, err}
		}()
		select {
		case r := <-ch:
			return r.tok, r.err
		case <-ctx.Done():
			return nil, fmt.Errorf("the token source did not answer: %w", ctx.Err())
		}
	}
}

// authTransport adds the bearer token to requests for the API host, and only to it (a
// redirect or a blob download elsewhere goes without it). It does nothing else: the attempt
// loop (pipeline.go) handles a 401, dropping exactly the token this layer attached, which it
// learns from the call's state.
type authTransport struct {
	base   http.RoundTripper
	tokens *tokenManager
	scheme string
	host   string
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	st := stateOf(req.Context())
	if req.URL.Host != t.host || req.URL.Scheme != t.scheme {
		if st != nil {
			st.bearer.Store(nil) // a 401 from another host says nothing about this token
		}
		return t.base.RoundTrip(req)
	}
	tok, err := t.tokens.token(req.Context())
	if err != nil {
		closeBody(req)
		return nil, notSentError(err)
	}
	if st != nil {
		st.bearer.Store(tok)
	}
	return t.base.RoundTrip(withToken(req, tok.header, req.Body))
}

// withToken returns a shallow copy of req with its own header map carrying the bearer token.
func withToken(req *http.Request, bearer []string, body io.ReadCloser) *http.Request {
	r := new(http.Request)
	*r = *req
	r.Header = make(http.Header, len(req.Header)+1)
	for k, v := range req.Header {
		r.Header[k] = v
	}
	r.Header["Authorization"] = bearer
	r.Body = body
	return r
}

// notSentError marks an error met while waiting for a token (the caller's context ended, say):
// the API request itself was not sent, so even a POST may be retried.
func notSentError(err error) error {
	var ae *AuthError
	var te *tokenError
	if errors.As(err, &ae) || errors.As(err, &te) {
		return err
	}
	return &tokenError{err: err}
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// current returns the cached token, nil when there is none, for the client's redactor
// (Client.redactor): an answer may quote it back even when another token was attached.
func (m *tokenManager) current() *accessToken {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tok
}
