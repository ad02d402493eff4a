package cloudmore

// The escape hatch: NewRequest and Do send any Cloudmore operation, typed by the SDK or not
// yet, through the same checks, token, retries, rate limit and logs as the service methods.

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// NewRequest builds a request for any Cloudmore operation, typed by the SDK or not yet: the
// escape hatch for when Cloudmore is ahead of the SDK (go-github's NewRequest). path is
// relative to the reseller's root ("Organizations/{id}/Azure" becomes
// /api/resellers/{resellerId}/Organizations/{id}/Azure) unless it starts with "/", when it is
// taken from the host's root ("/api/sellers/{sellerId}/services"). Its segments are sent as
// given (escape them yourself); ".", ".." (also escaped, or hidden by an escaped "/" or "\" or
// by an escape escaped again, as in "..%2f" or "%252e%252e") and control characters are refused. query is a
// struct with `url` tags (as the SDK's Options types), url.Values, or nil; body is marshalled
// as JSON, or nil for none. Send the request with Do.
func (c *Client) NewRequest(ctx context.Context, method, path string, query, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	if !validMethod(method) {
		return nil, invalid("method", "%q is not one of GET, POST, PUT, PATCH, DELETE", truncate(method, 16))
	}
	p, err := c.userPath(path)
	if err != nil {
		return nil, err
	}
	if v, ok := query.(url.Values); ok {
		req, err := c.newRequest(ctx, method, p, nil, body)
		if err == nil && len(v) > 0 {
			req.URL.RawQuery = v.Encode()
		}
		return req, err
	}
	return c.newRequest(ctx, method, p, query, body)
}

// Do sends req (from NewRequest) through the same pipeline as every typed method: auth,
// retries, rate limit, logging and errors. A 2xx answer is decoded into out: a pointer to a
// struct or slice, a *json.RawMessage for the JSON body as sent (a body that is not JSON is a
// *DecodeError), a *[]byte for any body as sent, or nil to discard it. A request
// built otherwise must still be for the client's scheme, host and base path, with one of GET,
// POST, PUT, PATCH, DELETE and a path without "." or ".." segments (escaped or not, also
// hidden by an escaped "/" or "\") or control characters, and a req.Host that is empty or the
// URL's host: a Host naming another host is refused, as the token goes only to the client's
// host. A refused request is a *ValidationError, and nothing is sent. The client attaches
// its own token: an Authorization header on req is removed. Give the request a
// GetBody (NewRequest does) so that a retry or the 401 replay can send the body again; a
// request without one is sent once.
func (c *Client) Do(req *http.Request, out any) (*Response, error) {
	if req == nil {
		return nil, invalid("req", "nil request")
	}
	if !validMethod(req.Method) {
		return nil, invalid("method", "%q is not one of GET, POST, PUT, PATCH, DELETE", truncate(req.Method, 16))
	}
	if req.URL == nil || req.URL.Host != c.baseURL.Host || req.URL.Scheme != c.baseURL.Scheme {
		return nil, invalid("req", "the request is not for the client's host %s://%s: build it with NewRequest", c.baseURL.Scheme, c.baseURL.Host)
	}
	if req.Host != "" && !strings.EqualFold(req.Host, req.URL.Host) {
		// The token goes only where the request goes: a Host header naming another host
		// would take it there through the API's front end.
		return nil, invalid("req", "the request's Host %q is not its URL's host %s: leave req.Host empty or equal to it", truncate(req.Host, 64), req.URL.Host)
	}
	if req.URL.User != nil || req.URL.Fragment != "" {
		return nil, invalid("path", "the request URL must not carry user info or a fragment")
	}
	p := req.URL.EscapedPath()
	root := c.baseURL.EscapedPath() + "/"
	if !strings.HasPrefix(p, root) {
		return nil, invalid("path", "%q is not under the client's base path %s", truncate(p, 100), root)
	}
	if err := checkSegments(p[len(root):], p); err != nil {
		return nil, err
	}
	if req.Header.Get("Authorization") != "" {
		req.Header.Del("Authorization")
	}
	return c.do(req, out)
}

func validMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// userPath checks a path given to NewRequest and makes it absolute.
func (c *Client) userPath(p string) (string, error) {
	if strings.ContainsAny(p, "?#") {
		return "", invalid("path", "%q must not carry a query or fragment: pass the query separately", truncate(p, 100))
	}
	if !strings.HasPrefix(p, "/") {
		if c.prefix == "" {
			return "", invalid("resellerId", "required for a relative path: create the client with WithResellerID, or give a path from the root")
		}
		p = c.prefix + p
	}
	if err := checkSegments(strings.TrimPrefix(p, "/"), p); err != nil {
		return "", err
	}
	return p, nil
}

// checkSegments refuses "." and ".." segments, escaped or not (a server or proxy that
// unescapes them would climb out of the path), also where an escaped "/" or "\" or an escape
// escaped again hides one (hidesDotSegment), bad escapes, unescaped spaces, and control
// characters, escaped or not.
func checkSegments(rest, whole string) error {
	for _, raw := range strings.Split(rest, "/") {
		s, err := url.PathUnescape(raw)
		if err != nil {
			return invalid("path", "%q has a bad %%-escape", truncate(whole, 100))
		}
		if hidesDotSegment(s) {
			return invalid("path", "%q must not contain . or .. segments", truncate(whole, 100))
		}
		if strings.ContainsRune(raw, ' ') || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return invalid("path", "%q contains a space or control character (escape a space as %%20)", truncate(whole, 100))
		}
	}
	return nil
}

// maxUnescapes is how many more times hidesDotSegment unescapes a segment; one escaped more
// deeply than that is refused.
const maxUnescapes = 4

// hidesDotSegment reports whether s, a path segment unescaped once, is "." or "..", or becomes
// one for a server that takes "/" and "\" (%2F, %5C) as separators or unescapes again
// (%252e%252e): s is split at both separators and unescaped again, as long as that changes it.
func hidesDotSegment(s string) bool {
	for range maxUnescapes + 1 {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '\\' }) {
			if part == "." || part == ".." {
				return true
			}
		}
		u, err := url.PathUnescape(s)
		if err != nil || u == s {
			return false
		}
		s = u
	}
	return true
}
