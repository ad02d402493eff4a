package cloudmore

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The Service Connector side: Cloudmore calls a seller's webhooks when brokers, organizations
// and subscriptions change, and WebhookReceiver is the http.Handler that answers those calls.
// It lives in package cloudmore (not a sub-package) because the trigger types, the webhook
// models and the registration helper are shared with Client.Seller.Webhooks.

// DefaultWebhookMaxBody is the largest webhook body WebhookReceiver reads by default (64 KiB;
// the payloads sources show are a handful of ids).
const DefaultWebhookMaxBody = 64 << 10

// WebhookCredentials are what a webhook is created with and what WebhookReceiver checks: the
// Basic user and password, and/or a custom header. A part with an empty name (Username,
// HeaderName) is not used.
type WebhookCredentials struct {
	// Username and Password are the Basic authentication Cloudmore sends
	// (basicAuthUserName, basicAuthPassword).
	Username, Password string
	// HeaderName and HeaderValue are the custom header Cloudmore sends (httpHeader).
	HeaderName, HeaderValue string
}

// String describes the credentials with Password and HeaderValue redacted.
func (c WebhookCredentials) String() string {
	return fmt.Sprintf("WebhookCredentials{Username: %q, Password: %s, HeaderName: %q, HeaderValue: %s}",
		c.Username, redact(c.Password), c.HeaderName, redact(c.HeaderValue))
}

// GoString is String, so %#v does not print the secrets either.
func (c WebhookCredentials) GoString() string { return "cloudmore." + c.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (c WebhookCredentials) Format(f fmt.State, verb rune) { formatRedacted(f, verb, c) }

// LogValue implements slog.LogValuer without the secrets.
func (c WebhookCredentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("username", c.Username), slog.String("password", redact(c.Password)),
		slog.String("headerName", c.HeaderName), slog.String("headerValue", redact(c.HeaderValue)))
}

// MarshalJSON writes the credentials with Password and HeaderValue reading "REDACTED", as
// Credentials does, so that a value dumped or logged as JSON never shows them. To keep the
// credentials (the receiver needs them after a restart), store SecretString.
func (c WebhookCredentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Username    string `json:"username,omitempty"`
		Password    string `json:"password,omitempty"`
		HeaderName  string `json:"headerName,omitempty"`
		HeaderValue string `json:"headerValue,omitempty"`
	}{c.Username, redactJSON(c.Password), c.HeaderName, redactJSON(c.HeaderValue)})
}

// UnmarshalJSON refuses every input: the JSON form holds the credentials redacted, and reading
// it back would make "REDACTED" the password. Load stored credentials with
// ParseWebhookCredentials.
func (c *WebhookCredentials) UnmarshalJSON([]byte) error {
	return errors.New("cloudmore: WebhookCredentials are not read from JSON (it holds them redacted): store SecretString and load it with ParseWebhookCredentials")
}

// webhookSecretPrefix starts the stored form of WebhookCredentials; the digit is its version.
const webhookSecretPrefix = "cmwh1."

// webhookSecret is the stored form's JSON object.
type webhookSecret struct {
	Username    string `json:"username,omitempty"`
	Password    string `json:"password,omitempty"`
	HeaderName  string `json:"headerName,omitempty"`
	HeaderValue string `json:"headerValue,omitempty"`
}

// SecretString returns the credentials in their stored form: one line of text ("cmwh1."
// followed by base64url) that ParseWebhookCredentials reads back. It is the one way to keep
// webhook credentials for a receiver that restarts: put it in a secret store (an environment
// variable, a secrets manager), never in a log. It holds the password and the header value as
// they are; printing the credentials, slog and json.Marshal keep redacting them.
func (c WebhookCredentials) SecretString() string {
	b, _ := json.Marshal(webhookSecret(c)) // strings only: cannot fail
	return webhookSecretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// ParseWebhookCredentials reads credentials stored with SecretString (spaces and a line end
// around it are ignored). Anything else, and credentials with neither a Basic user nor a
// header, is a *ValidationError for "credentials" that does not quote the input.
func ParseWebhookCredentials(s string) (WebhookCredentials, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), webhookSecretPrefix)
	if !ok {
		return WebhookCredentials{}, invalid("credentials", "not webhook credentials stored by SecretString (they start with %q)", webhookSecretPrefix)
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return WebhookCredentials{}, invalid("credentials", "the stored webhook credentials are damaged (not base64url)")
	}
	var w webhookSecret
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&w); err != nil || d.More() {
		return WebhookCredentials{}, invalid("credentials", "the stored webhook credentials are damaged (not the JSON SecretString writes)")
	}
	c := WebhookCredentials(w)
	if c.Username == "" && c.HeaderName == "" {
		return WebhookCredentials{}, invalid("credentials", "the stored webhook credentials have neither a Basic user nor a header")
	}
	return c, nil
}

// HTTPHeader is the webhook's "httpHeader" for the custom header: "Name: value", or "" when
// there is none. Cloudmore does not document the member's format; "Name: value" is the form of
// a header line, and the one the fake (cloudmoretest) parses.
func (c WebhookCredentials) HTTPHeader() string {
	if c.HeaderName == "" {
		return ""
	}
	return c.HeaderName + ": " + c.HeaderValue
}

// GenerateWebhookCredentials returns fresh credentials from crypto/rand: a Basic user and a
// 256-bit password, and a 256-bit value for the header X-Cloudmore-Webhook-Token (a name of
// the SDK's choosing).
func GenerateWebhookCredentials() (WebhookCredentials, error) {
	tok := func(n int) (string, error) {
		b := make([]byte, n)
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("cloudmore: webhook credentials: %w", err)
		}
		return base64.RawURLEncoding.EncodeToString(b), nil
	}
	user, err := tok(9)
	if err != nil {
		return WebhookCredentials{}, err
	}
	pass, err := tok(32)
	if err != nil {
		return WebhookCredentials{}, err
	}
	hv, err := tok(32)
	if err != nil {
		return WebhookCredentials{}, err
	}
	return WebhookCredentials{Username: "cm-" + user, Password: pass,
		HeaderName: "X-Cloudmore-Webhook-Token", HeaderValue: hv}, nil
}

// WebhookEvent is one webhook call, decoded. Cloudmore shows its payload only as an image;
// its demo receiver reads brokerId, serviceId, organizationId and "subsriptionId" (sic), so
// those are typed (SubscriptionID also reads "subscriptionId"). Raw holds the whole body.
//
// Cloudmore model: unknown
type WebhookEvent struct {
	// Type is the trigger event type, from the last segment of the URL the call came to
	// (SellerWebhooksService.Register points each webhook at baseURL/<type>). A type the SDK does not name
	// keeps its spelling; Type.Known reports which.
	Type WebhookTriggerEventType `json:"-"`
	// BrokerID is the broker (reseller) the event concerns.
	BrokerID string `json:"brokerId"`
	// ServiceID is the seller service the event concerns.
	ServiceID string `json:"serviceId"`
	// OrganizationID is the organization the event concerns.
	OrganizationID string `json:"organizationId"`
	// SubscriptionID is the subscription the event concerns: "subsriptionId", the spelling
	// Cloudmore's demo receiver reads, or "subscriptionId".
	SubscriptionID string `json:"-"`
	// Raw is the whole body as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known members (either spelling of the subscription id) and keeps
// the whole body in Raw. A body that is not a JSON object is an error.
func (e *WebhookEvent) UnmarshalJSON(b []byte) error {
	var w struct {
		BrokerID       webhookText `json:"brokerId"`
		ServiceID      webhookText `json:"serviceId"`
		OrganizationID webhookText `json:"organizationId"`
		Subsription    webhookText `json:"subsriptionId"`
		Subscription   webhookText `json:"subscriptionId"`
	}
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' {
		return errors.New("cloudmore: webhook body is not a JSON object")
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	e.BrokerID, e.ServiceID, e.OrganizationID = string(w.BrokerID), string(w.ServiceID), string(w.OrganizationID)
	e.SubscriptionID = string(w.Subsription)
	if e.SubscriptionID == "" {
		e.SubscriptionID = string(w.Subscription)
	}
	e.Raw = append(RawJSON(nil), b...)
	return nil
}

// webhookText reads a JSON string, number or null as text, so that an id sent as a number does
// not fail the decode.
type webhookText string

// UnmarshalJSON reads any JSON scalar as text ("" for null).
func (t *webhookText) UnmarshalJSON(b []byte) error {
	*t = webhookText(jsonValueText(b))
	return nil
}

// WebhookHandler handles one webhook call. Returning an error answers 500, so that Cloudmore
// can try again; the handler should therefore be idempotent.
type WebhookHandler func(ctx context.Context, ev *WebhookEvent) error

// WebhookReceiver is the http.Handler a seller's Service Connector mounts for Cloudmore's
// webhook calls. Mount it under a prefix ending in "/" and register webhooks at
// prefix+<trigger type> (SellerWebhooksService.Register and WebhookURL do):
//
//	recv := cloudmore.NewWebhookReceiver(creds)
//	recv.On(cloudmore.WebhookSubscriptionCreated, provision)
//	mux.Handle("/cloudmore/", recv)
//
// For each call it:
//   - authenticates with the credentials the webhook was created with: the Basic user and
//     password when Username is set, the custom header when HeaderName is set, both when both
//     are, compared in constant time; during a rotation any of the sets SetCredentials was
//     given passes; anything else (and any call when the credentials are empty) is 401;
//   - accepts only POST, 405 otherwise (Cloudmore does not document the method; its demo
//     receiver takes POST, except one "updated" route declared as PUT: add PUT with Methods if
//     staging shows it);
//   - reads at most MaxBody bytes (413 past it) and answers 400 to a body that is not a JSON
//     object;
//   - dispatches by trigger type to the handler registered with On, an unknown type to the
//     OnUnknown handler; an event no handler takes is answered 501 (a 5xx, so it is not lost);
//   - answers 204 when the handler returns nil, 500 when it returns an error or panics (the
//     panic is recovered and logged with slog, without credentials or body).
//
// Set MaxBody, Methods and Logger before serving. The credentials and the handlers may change
// while it serves (SetCredentials, Register with RegisterWebhooksSettings.Receiver, On,
// OnUnknown); it is safe for concurrent use. Credentials survive a restart only as stored by
// the caller: keep WebhookCredentials.SecretString in a secret store and load it with
// ParseWebhookCredentials.
type WebhookReceiver struct {
	// MaxBody is the largest body read; 0 means DefaultWebhookMaxBody.
	MaxBody int64
	// Methods are the HTTP methods accepted; nil means POST only.
	Methods []string
	// Logger receives callback errors and panics; nil means slog.Default().
	Logger *slog.Logger

	mu       sync.RWMutex
	creds    []WebhookCredentials // the sets accepted: the newest first, then those of a rotation under way
	handlers map[WebhookTriggerEventType]WebhookHandler
	unknown  WebhookHandler
}

// String describes the receiver without its credentials.
func (r *WebhookReceiver) String() string {
	if r == nil {
		return "WebhookReceiver(nil)"
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	types := make([]string, 0, len(r.handlers))
	for t := range r.handlers {
		types = append(types, string(t))
	}
	sort.Strings(types)
	return fmt.Sprintf("WebhookReceiver{Credentials: %v, Handlers: %v, Unknown: %t, MaxBody: %d, Methods: %v}",
		r.creds, types, r.unknown != nil, r.MaxBody, r.Methods)
}

// GoString is String, so %#v does not print the credentials either.
func (r *WebhookReceiver) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r *WebhookReceiver) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// NewWebhookReceiver returns a receiver that checks creds (empty credentials refuse every
// call until SetCredentials).
func NewWebhookReceiver(creds WebhookCredentials) *WebhookReceiver {
	r := &WebhookReceiver{}
	r.SetCredentials(creds)
	return r
}

// SetCredentials replaces the credentials calls are checked with: a call passes when it
// carries creds or one of previous. Give previous while a rotation is under way (some webhooks
// still carry the old set), and call SetCredentials(creds) alone once every webhook carries
// creds, which refuses the old sets from then on. SellerWebhooksService.Register does both
// when RegisterWebhooksSettings.Receiver is set. Empty sets are ignored; calls already being
// checked use the old credentials.
func (r *WebhookReceiver) SetCredentials(creds WebhookCredentials, previous ...WebhookCredentials) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.creds = credentialSets(creds, previous)
}

// acceptAlso makes the receiver accept next, first, besides what it accepts now: the start of
// a rotation.
func (r *WebhookReceiver) acceptAlso(next WebhookCredentials) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.creds = credentialSets(next, r.creds)
}

// credentialSets is first and then others, without empty sets or repeats.
func credentialSets(first WebhookCredentials, others []WebhookCredentials) []WebhookCredentials {
	sets := make([]WebhookCredentials, 0, 1+len(others))
	for _, c := range append([]WebhookCredentials{first}, others...) {
		if (c.Username != "" || c.HeaderName != "") && !slices.Contains(sets, c) {
			sets = append(sets, c)
		}
	}
	return sets
}

// On registers h for events of type t (one of the WebhookTriggerEventType constants, or a
// spelling the SDK does not name yet), replacing an earlier one. It returns r.
func (r *WebhookReceiver) On(t WebhookTriggerEventType, h WebhookHandler) *WebhookReceiver {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.handlers == nil {
		r.handlers = map[WebhookTriggerEventType]WebhookHandler{}
	}
	r.handlers[parseWebhookTrigger(string(t))] = h
	return r
}

// OnUnknown registers h for events no On handler takes (types Cloudmore adds later), so that
// they are passed through rather than dropped. It returns r.
func (r *WebhookReceiver) OnUnknown(h WebhookHandler) *WebhookReceiver {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unknown = h
	return r
}

func (r *WebhookReceiver) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

// ServeHTTP answers one webhook call (see WebhookReceiver).
func (r *WebhookReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if !r.authenticated(req) {
		w.Header().Set("WWW-Authenticate", `Basic realm="cloudmore-webhook"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if !r.methodAllowed(req.Method) {
		w.Header().Set("Allow", strings.Join(r.methods(), ", "))
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	limit := r.MaxBody
	if limit <= 0 {
		limit = DefaultWebhookMaxBody
	}
	if req.ContentLength > limit {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	var body []byte
	if req.Body != nil {
		var err error
		body, err = io.ReadAll(http.MaxBytesReader(w, req.Body, limit))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
	}
	ev := new(WebhookEvent)
	if err := json.Unmarshal(body, ev); err != nil {
		http.Error(w, "body is not a JSON object", http.StatusBadRequest)
		return
	}
	ev.Type = parseWebhookTrigger(webhookPathType(req.URL))

	r.mu.RLock()
	h, ok := r.handlers[ev.Type]
	if !ok {
		h = r.unknown
	}
	r.mu.RUnlock()
	if h == nil {
		r.logger().Warn("cloudmore webhook: no handler for the event", "type", string(ev.Type), "known", ev.Type.Known())
		http.Error(w, "no handler for this event type", http.StatusNotImplemented)
		return
	}
	if err := r.call(req.Context(), h, ev); err != nil {
		http.Error(w, "the connector could not handle the event", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// call runs h, turning a panic into an error; both are logged without credentials or body.
func (r *WebhookReceiver) call(ctx context.Context, h WebhookHandler, ev *WebhookEvent) (err error) {
	attrs := []any{"type", string(ev.Type), "serviceId", truncate(ev.ServiceID, 64),
		"organizationId", truncate(ev.OrganizationID, 64), "subscriptionId", truncate(ev.SubscriptionID, 64)}
	defer func() {
		if p := recover(); p != nil {
			r.logger().Error("cloudmore webhook: handler panicked", append(attrs, "panic", truncate(fmt.Sprint(p), 200))...)
			err = fmt.Errorf("cloudmore: webhook handler panicked")
		}
	}()
	if err := h(ctx, ev); err != nil {
		r.logger().Error("cloudmore webhook: handler failed", append(attrs, "error", truncate(err.Error(), 500))...)
		return err
	}
	return nil
}

func (r *WebhookReceiver) methods() []string {
	if len(r.Methods) == 0 {
		return []string{http.MethodPost}
	}
	return r.Methods
}

func (r *WebhookReceiver) methodAllowed(m string) bool {
	for _, a := range r.methods() {
		if strings.EqualFold(a, m) {
			return true
		}
	}
	return false
}

// authenticated passes when the call carries one of the accepted sets; each set's configured
// parts are all checked. With nothing configured nothing passes.
func (r *WebhookReceiver) authenticated(req *http.Request) bool {
	r.mu.RLock()
	sets := r.creds
	r.mu.RUnlock()
	ok := 0
	for _, c := range sets {
		ok |= credentialsMatch(req, c)
	}
	return ok == 1
}

// credentialsMatch is 1 when req carries every configured part of c, in constant time.
func credentialsMatch(req *http.Request, c WebhookCredentials) int {
	if c.Username == "" && c.HeaderName == "" {
		return 0
	}
	ok := 1
	if c.Username != "" {
		u, p, has := req.BasicAuth()
		ok &= boolInt(has) & secretEqual(u, c.Username) & secretEqual(p, c.Password)
	}
	if c.HeaderName != "" {
		vals := req.Header.Values(c.HeaderName)
		ok &= boolInt(len(vals) == 1) & secretEqual(firstOf(vals), c.HeaderValue)
	}
	return ok
}

// secretEqual compares in constant time, also in the lengths (both sides are hashed first).
func secretEqual(got, want string) int {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// webhookPathType is the unescaped last segment of u's path ("" for none).
func webhookPathType(u *url.URL) string {
	if u == nil {
		return ""
	}
	p := strings.TrimRight(u.Path, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// WebhookURL is the URL SellerWebhooksService.Register gives the webhook of trigger type t: baseURL (the
// receiver's mount point) with t appended as the last path segment.
func WebhookURL(baseURL string, t WebhookTriggerEventType) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", invalid("baseURL", "%q is not an absolute http or https URL", truncate(baseURL, 64))
	}
	if t == "" || strings.ContainsAny(string(t), "/\\?#") {
		return "", invalid("triggerEventType", "%q cannot be a path segment", truncate(string(t), 64))
	}
	return u.JoinPath(string(t)).String(), nil
}
