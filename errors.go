package cloudmore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Sentinel errors. An *APIError matches the one that fits its HTTP status with errors.Is,
// so callers can branch without looking at status codes:
//
//	if errors.Is(err, cloudmore.ErrNotFound) { ... }
var (
	// ErrBadRequest matches a 400 answer: Cloudmore did not accept the request as sent.
	ErrBadRequest = errors.New("cloudmore: bad request")
	// ErrUnauthorized matches a 401 answer that survived one token refresh and replay.
	ErrUnauthorized = errors.New("cloudmore: unauthorized")
	// ErrForbidden matches a 403 answer: the API user lacks the permission.
	ErrForbidden = errors.New("cloudmore: forbidden")
	// ErrNotFound matches a 404 answer: the resource does not exist (or is not the broker's).
	ErrNotFound = errors.New("cloudmore: not found")
	// ErrConflict matches a 409 answer.
	ErrConflict = errors.New("cloudmore: conflict")
	// ErrRateLimited matches a 429 answer that retries did not get past.
	ErrRateLimited = errors.New("cloudmore: rate limited")
	// ErrServer matches any 5xx answer.
	ErrServer = errors.New("cloudmore: server error")
	// ErrValidation matches a *ValidationError: bad input caught before any network call.
	ErrValidation = errors.New("cloudmore: invalid input")
	// ErrOutcomeUnknown matches an *UnknownOutcomeError: a POST, a PATCH or metered usage was
	// sent and no answer came back, so it may or may not have been carried out.
	ErrOutcomeUnknown = errors.New("cloudmore: outcome unknown")
	// ErrAuth matches an *AuthError: the token endpoint refused the credentials.
	ErrAuth = errors.New("cloudmore: authentication failed")
)

// maxErrorBody is how much of an error body is read; the rest is discarded.
const maxErrorBody = 1 << 20

// ErrorItem is one entry of Cloudmore's array-shaped error body,
// for example {"errorCode": 5, "errorName": "InvalidValue", "errorMessage": "Invalid domain/website:abc"}.
// (Swagger names an ApiError model without its fields; whether this is it is not known.) Its
// fields follow the SDK's naming rule: a JSON member's name without the model's own noun
// (errorCode is Code, as ServiceCategory's categoryId is ID).
//
// Cloudmore model: unknown
type ErrorItem struct {
	// Code is Cloudmore's numeric error code (5 is InvalidValue; the full list is not published).
	Code int `json:"errorCode"`
	// Name is the symbolic name of the code, such as "InvalidValue".
	Name string `json:"errorName"`
	// Message is the human-readable explanation.
	Message string `json:"errorMessage"`
}

// APIError is a non-2xx answer from Cloudmore. Cloudmore sends errors in two JSON shapes,
// an array of ErrorItem and an ASP.NET model-state object mapping a field path to messages
// ({"Contact.Phone": ["Phone number is not in valid format."]}); both are decoded. Plain text
// and HTML bodies (from proxies and gateways) give Message. Body keeps the raw bytes (at most 1 MiB).
type APIError struct {
	// StatusCode is the HTTP status, e.g. 404.
	StatusCode int
	// Method and Path name the request; Path never includes the query string.
	Method, Path string
	// Operation is the declared operation that failed, as Operation.Name gives it
	// ("Organizations.Get"); empty for a request sent with Client.Do.
	Operation string
	// Message is the best one-line explanation found in the body.
	Message string
	// Items holds the array-shaped error body, when that is what came back.
	Items []ErrorItem
	// FieldErrors holds the model-state body: field path -> messages.
	FieldErrors map[string][]string
	// Body is the raw error body, capped at 1 MiB.
	Body []byte
	// RequestID is the request id header of the answer, when there is one.
	RequestID string
	// RetryAfter is the delay the server asked for (429/503), zero when none. When it is longer
	// than RetryPolicy.MaxRetryAfter the SDK stops retrying and returns this error.
	RetryAfter time.Duration
	// Header is the answer's header.
	Header http.Header
}

// Error returns a one-line description: method, path, status and Cloudmore's explanation.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cloudmore: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if msg := e.detail(); msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

func (e *APIError) detail() string {
	var parts []string
	for _, it := range e.Items {
		s := it.Message
		if it.Name != "" {
			s += " (" + it.Name + ")"
		}
		parts = append(parts, s)
	}
	if len(e.FieldErrors) > 0 {
		keys := make([]string, 0, len(e.FieldErrors))
		for k := range e.FieldErrors {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = append(parts, k+": "+strings.Join(e.FieldErrors[k], " "))
		}
	}
	if len(parts) == 0 {
		return e.Message
	}
	if e.Message != "" && len(e.Items) == 0 {
		parts = append([]string{e.Message}, parts...)
	}
	return strings.Join(parts, "; ")
}

// Is reports whether the error matches one of the package's sentinel errors by status.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

var (
	htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)
	htmlTag   = regexp.MustCompile(`(?s)<[^>]*>`)
)

// parseErrorBody fills Message, Items and FieldErrors from the raw body.
func (e *APIError) parseErrorBody() {
	body := bytes.TrimSpace(e.Body)
	if len(body) == 0 {
		return
	}
	switch body[0] {
	case '[':
		var items []ErrorItem
		if json.Unmarshal(body, &items) == nil {
			e.Items = items
			if len(items) > 0 {
				e.Message = items[0].Message
			}
			return
		}
	case '{':
		if e.parseErrorObject(body) {
			return
		}
	case '"':
		var s string
		if json.Unmarshal(body, &s) == nil {
			e.Message = oneLine(s)
			return
		}
	}
	text := string(body)
	if m := htmlTitle.FindStringSubmatch(text); m != nil {
		text = m[1]
	} else if strings.Contains(text, "<") {
		text = htmlTag.ReplaceAllString(text, " ")
	}
	e.Message = oneLine(html.UnescapeString(text))
}

// parseErrorObject understands the model-state shape and the common single-message shapes
// ({"message": ...}, ASP.NET problem details with "title" and "errors").
func (e *APIError) parseErrorObject(body []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return false
	}
	fields := map[string][]string{}
	for k, v := range obj {
		var msgs []string
		if json.Unmarshal(v, &msgs) == nil && len(msgs) > 0 {
			fields[k] = msgs
		}
	}
	if inner, ok := obj["errors"]; ok {
		var m map[string][]string
		if json.Unmarshal(inner, &m) == nil {
			for k, v := range m {
				fields[k] = v
			}
		}
		delete(fields, "errors")
	}
	for _, key := range []string{"message", "Message", "errorMessage", "error_description", "title", "detail", "error"} {
		var s string
		if raw, ok := obj[key]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			e.Message = oneLine(s)
			break
		}
	}
	if len(fields) > 0 {
		e.FieldErrors = fields
	}
	return true
}

// oneLine collapses white space and caps the length so a message stays readable in a log.
func oneLine(s string) string {
	return truncate(strings.Join(strings.Fields(s), " "), 300)
}

// ErrEmptyAnswer matches a *DecodeError for a 2xx answer with nothing in it (a 204, or a 200
// with an empty body or a bare JSON null) where one resource was expected (Organizations.Get, say): the SDK never
// turns such an answer into a zero-valued model. An empty list is not an error.
var ErrEmptyAnswer = errors.New("the answer is empty where a resource was expected")

// DecodeError is a 2xx answer whose body broke off or could not be decoded. The operation
// happened (Cloudmore answered success), so the SDK never sends it again, not even a GET;
// a create returns the *Created named by the answer's Location beside this error when there
// is one. errors.Is(err, ErrEmptyAnswer) tells an empty answer where a resource was expected.
type DecodeError struct {
	// Method and Path name the request; Path never includes the query string.
	Method, Path string
	// Operation is the declared operation that failed, as Operation.Name gives it
	// ("Organizations.Get"); empty for a request sent with Client.Do.
	Operation string
	// StatusCode is the answer's 2xx status.
	StatusCode int
	// Head is the start of the answer's body as received (at most 256 bytes), with the
	// client's own token redacted should the answer quote it.
	Head string
	// Err is the cause: the read error (the connection broke, the context ended), the JSON
	// error, or ErrEmptyAnswer.
	Err error

	broke bool // reading the body failed, as opposed to decoding it
}

// Error says that the request succeeded, what went wrong with its answer, and how it began.
func (e *DecodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cloudmore: %s %s: the request succeeded (%d %s) but ", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	switch {
	case errors.Is(e.Err, ErrEmptyAnswer):
		b.WriteString("the answer is empty where a resource was expected")
	case e.broke:
		fmt.Fprintf(&b, "its answer broke off: %v", e.Err)
	default:
		fmt.Fprintf(&b, "its answer could not be decoded: %v", e.Err)
	}
	if e.Head != "" {
		fmt.Fprintf(&b, "; the answer begins %s", e.Head)
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// RedirectError is a 3xx answer the SDK did not follow. A POST, PUT, PATCH or DELETE is never
// re-sent to where a redirect points (net/http would turn a redirected POST into a GET, and a
// create into a list): a 301, 302, 307 or 308 usually means the base URL is wrong (an IIS
// rewrite rule moving http to https, or a host that moved). A 303 See Other after a POST
// means the server processed the POST and its result is at Location (Processed reports it).
// GET redirects are followed (the token goes only to the API host); one comes back as this
// error only after 10 hops or when WithHTTPClient's CheckRedirect refused it.
type RedirectError struct {
	// Method and Path name the request that was redirected.
	Method, Path string
	// StatusCode is the 3xx status.
	StatusCode int
	// Location is where the server redirected to, made absolute; empty when it did not say.
	Location string
	// RequestID is the answer's request id header, when there is one.
	RequestID string
	// Err is the error with which WithHTTPClient's CheckRedirect refused to follow, nil
	// when the SDK's own rule stopped the redirect.
	Err error
}

// Unwrap returns Err.
func (e *RedirectError) Unwrap() error { return e.Err }

// Processed reports whether the redirect says the request was carried out: a 303 See Other
// answering a POST, PUT, PATCH or DELETE.
func (e *RedirectError) Processed() bool {
	return e.StatusCode == http.StatusSeeOther && e.Method != http.MethodGet && e.Method != http.MethodHead
}

// Error names the redirect, where it points and what it usually means.
func (e *RedirectError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cloudmore: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Location != "" {
		fmt.Fprintf(&b, " to %s", e.Location)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": not followed: %v", e.Err)
		return b.String()
	}
	if e.Processed() {
		b.WriteString(": the server says the request was processed and its result is there; the SDK did not follow the redirect")
		return b.String()
	}
	fmt.Fprintf(&b, ": the SDK does not follow a redirect of a %s, so it was not carried out here; the base URL (WithBaseURL, WithEnvironment) is probably wrong", e.Method)
	return b.String()
}

// ValidationError is bad input caught before any network call: nothing was sent. It names
// every failing field at once (a portal form can show them all), each as it is called on the
// wire ("primaryDomain", "address.countryCode") or as the path parameter is named in the
// Swagger path ("organizationId"). Field and Reason are the first of Fields.
type ValidationError struct {
	// Field is the JSON or parameter name of the first offending value.
	Field string
	// Reason says what is wrong with it and what is expected.
	Reason string
	// Fields lists every offending value in the order checked; Fields[0] is Field and Reason.
	Fields []FieldError
}

// FieldError is one offending value of a *ValidationError.
type FieldError struct {
	// Field is the JSON or path-parameter name of the value.
	Field string
	// Reason says what is wrong and what is expected.
	Reason string
}

// Error returns "cloudmore: invalid <field>: <reason>", with every further field after "; ".
func (e *ValidationError) Error() string {
	if len(e.Fields) <= 1 {
		return "cloudmore: invalid " + e.Field + ": " + e.Reason
	}
	var b strings.Builder
	b.WriteString("cloudmore: invalid ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field + ": " + f.Reason)
	}
	return b.String()
}

// Is lets errors.Is(err, ErrValidation) match.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// invalid is a short constructor for a *ValidationError about one field.
func invalid(field, format string, args ...any) *ValidationError {
	r := reason(format, args)
	return &ValidationError{Field: field, Reason: r, Fields: []FieldError{{Field: field, Reason: r}}}
}

// UnknownOutcomeError says a POST or PATCH (or another call that is not repeated once written,
// such as metered usage) left this machine but no answer came back (the connection broke, or
// the caller's context ended first). Cloudmore may or may not have carried it out; the SDK
// does not repeat it, because repeating a create can duplicate an order. Check the resource
// (list subscriptions, say) before trying again.
type UnknownOutcomeError struct {
	// Method and Path name the request.
	Method, Path string
	// Operation is the declared operation that failed, as Operation.Name gives it
	// ("Organizations.Get"); empty for a request sent with Client.Do.
	Operation string
	// Err is the underlying transport error (joined with the context's error when the
	// caller's context ended the wait).
	Err error
}

// Error explains that the outcome is unknown and what to do.
func (e *UnknownOutcomeError) Error() string {
	return fmt.Sprintf("cloudmore: %s %s: the request was sent but no answer came back (%s); it may or may not have been carried out, so it was not repeated: check its result before sending it again",
		e.Method, e.Path, strings.ReplaceAll(fmt.Sprint(e.Err), "\n", "; ")) // a joined Err on one line
}

// Unwrap returns the transport error.
func (e *UnknownOutcomeError) Unwrap() error { return e.Err }

// Is lets errors.Is(err, ErrOutcomeUnknown) match.
func (e *UnknownOutcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// AuthError is a refusal from Cloudmore's token endpoint (/connect/token). Code is the OAuth
// error code: invalid_grant means the username or password is wrong (or the account is locked
// or lacks API access); invalid_client means the client id or secret is wrong. These are not
// retried: repeating a wrong password can lock the account. It never carries a password, client
// secret or token.
type AuthError struct {
	// StatusCode is the HTTP status of the token endpoint's answer.
	StatusCode int
	// Code is the OAuth error code, such as "invalid_grant".
	Code string
	// Description is the token endpoint's error_description, if any.
	Description string
}

// Error describes the refusal and what usually causes it.
func (e *AuthError) Error() string {
	var b strings.Builder
	b.WriteString("cloudmore: authentication failed")
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.Description != "" {
		b.WriteString(": " + oneLine(e.Description))
	}
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, " (HTTP %d from the token endpoint)", e.StatusCode)
	}
	switch e.Code {
	case "invalid_grant":
		b.WriteString("; check the username and password, and that the account has REST API access")
	case "invalid_client", "unauthorized_client":
		b.WriteString("; check the client id and client secret")
	}
	return b.String()
}

// Is lets errors.Is(err, ErrAuth) match.
func (e *AuthError) Is(target error) bool { return target == ErrAuth }

// permanent reports whether retrying with the same credentials cannot help.
func (e *AuthError) permanent() bool {
	switch e.Code {
	case "invalid_grant", "invalid_client", "unauthorized_client", "unsupported_grant_type", "invalid_scope":
		return true
	}
	return e.StatusCode >= 300 && e.StatusCode < 500 && e.StatusCode != http.StatusTooManyRequests && e.StatusCode != http.StatusRequestTimeout
}
