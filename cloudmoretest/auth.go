package cloudmoretest

import (
	"crypto/subtle"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// issuedToken is what the fake remembers about an access token it issued.
type issuedToken struct {
	username string
	expires  time.Time
}

// handleToken is Cloudmore's token endpoint, POST /connect/token: the OAuth 2.0 password grant
// with scope "api", the client authenticated by a Basic header (or, as Cloudmore's own test
// suite does, by client_id and client_secret form fields).
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
		return
	}
	id, secret, ok := basicAuth(r)
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if !s.clientOK(id, secret) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "password" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
		return
	}
	if r.PostForm.Get("scope") != "api" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_scope"})
		return
	}
	username, password := r.PostForm.Get("username"), r.PostForm.Get("password")
	known := false
	for _, u := range s.opts.Users {
		if equal(username, u.Username) && equal(password, u.Password) {
			known = true
		}
	}
	if !known {
		writeJSON(w, http.StatusBadRequest, map[string]string{
			"error": "invalid_grant", "error_description": "invalid_username_or_password"})
		return
	}
	tok := newToken()
	s.ctl.Lock()
	s.tokens[tok] = issuedToken{username: username, expires: s.now().Add(s.opts.TokenLifetime)}
	s.ctl.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": tok,
		"expires_in":   int64(s.opts.TokenLifetime / time.Second),
		"token_type":   "Bearer",
	})
}

// basicAuth reads "Authorization: Basic base64(client_id:client_secret)". Cloudmore documents
// the plain form; RFC 6749 form-encodes id and secret first, so that form is accepted too.
func basicAuth(r *http.Request) (id, secret string, ok bool) {
	h := r.Header.Get("Authorization")
	if len(h) < 6 || !strings.EqualFold(h[:6], "basic ") {
		return "", "", false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[6:]))
	if err != nil {
		return "", "", true // a Basic header that is not base64 is a client that failed to authenticate
	}
	id, secret, _ = strings.Cut(string(raw), ":")
	return id, secret, true
}

// clientOK checks the client id and secret, as sent or form-decoded (RFC 6749 form-encodes
// them inside the Basic header; Cloudmore documents the plain form).
func (s *Server) clientOK(id, secret string) bool {
	if equal(id, s.opts.ClientID) && equal(secret, s.opts.ClientSecret) {
		return true
	}
	uid, err1 := url.QueryUnescape(id)
	usecret, err2 := url.QueryUnescape(secret)
	return err1 == nil && err2 == nil && equal(uid, s.opts.ClientID) && equal(usecret, s.opts.ClientSecret)
}

// equal compares secrets in constant time.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// authenticate checks the bearer token of an API call. A missing, unknown, expired (per the
// Clock) or revoked token gets 401 with an empty body and WWW-Authenticate: Bearer.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	tok := bearerToken(r)
	if tok == "" {
		w.Header().Set("WWW-Authenticate", "Bearer")
		w.WriteHeader(http.StatusUnauthorized)
		return false
	}
	s.ctl.Lock()
	it, ok := s.tokens[tok]
	expired := ok && !s.now().Before(it.expires)
	if expired {
		delete(s.tokens, tok)
	}
	s.ctl.Unlock()
	switch {
	case !ok:
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	case expired:
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="The token is expired"`)
	default:
		return true
	}
	w.WriteHeader(http.StatusUnauthorized)
	return false
}

// bearerToken returns the token of an "Authorization: Bearer ..." header, or "".
func bearerToken(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

// redactForm hides the password and client secret of a logged token request.
func redactForm(body []byte) []byte {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		return []byte("REDACTED")
	}
	for _, k := range []string{"password", "client_secret"} {
		if v.Has(k) {
			v.Set(k, "REDACTED")
		}
	}
	return []byte(v.Encode())
}

// RevokeTokens invalidates every token issued so far: API calls with them now get 401, as
// after a password change. Tokens issued afterwards work.
func (s *Server) RevokeTokens() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.tokens = map[string]issuedToken{}
}

// SetTokenLatency delays every answer of the token endpoint by d (on top of SetLatency), to
// test how many token requests concurrent callers cause, or a caller's context deadline.
func (s *Server) SetTokenLatency(d time.Duration) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.tokenLatency = d
}

// TokenRequests returns how many requests reached the token endpoint, whatever their outcome.
func (s *Server) TokenRequests() int {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.tokenCount
}
