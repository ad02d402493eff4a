package cloudmore

// The one redactor: the token, client secret and password never reach a value a user can
// print, whether an answer quotes them or a redirect chain carries them.

import (
	"net/http"
	"strings"
)

// minRedacted is the shortest secret redacted from answers: a shorter one would blank
// ordinary words of every message.
const minRedacted = 4

// redactor is the one redactor of the client: it replaces, with REDACTED, the token tok (the
// one a request carried, or nil), the token the client holds now, and the client's own secrets
// (the client secret and password of WithCredentials) wherever an answer quotes them back.
// Every text the SDK takes from an answer into an error goes through it: the pipeline's
// errors here, the other areas' through redact.
func (c *Client) redactor(tok *accessToken) *strings.Replacer {
	var pairs []string
	add := func(t *accessToken) {
		if t != nil && len(t.value) >= minRedacted {
			pairs = append(pairs, t.value, "REDACTED")
		}
	}
	add(tok)
	if c.tokens != nil {
		if cur := c.tokens.current(); cur != tok {
			add(cur)
		}
		if c.tokens.secrets != nil {
			for _, s := range c.tokens.secrets() {
				pairs = append(pairs, s, "REDACTED")
			}
		}
	}
	return strings.NewReplacer(pairs...)
}

// redact is s, a text taken from an answer (a task's failure body, a start answer without a
// task id), with the client's token and secrets replaced by REDACTED.
func (c *Client) redact(s string) string { return c.redactor(nil).Replace(s) }

// hideToken gives the answer back with the request as the SDK built it, without the
// Authorization header the auth layer added, so that no returned value carries the token.
// Every hop of a followed redirect is cleaned: resp.Request, resp.Request.Response.Request
// and so on down the chain, whichever host each went to.
func hideToken(hresp *http.Response, sent *http.Request) {
	for r := hresp; r != nil; {
		req := r.Request
		if req == nil {
			return
		}
		if req != sent && req.Header.Get("Authorization") != "" {
			if req.URL == sent.URL && sent.Header.Get("Authorization") == "" {
				r.Request = sent
				return
			}
			clean := new(http.Request)
			*clean = *req
			clean.Header = req.Header.Clone()
			clean.Header.Del("Authorization")
			r.Request = clean
		}
		r = r.Request.Response // the answer that redirected to this hop
	}
}

// checkRedirect is the redirect policy of the SDK's own copy of the http.Client. Only a GET is
// followed (at most 10 hops, then the user's own CheckRedirect, if any, has its say): a POST,
// PUT, PATCH or DELETE answered 301/302/303/307/308 is never re-sent, as another method or the
// same, and comes back as a *RedirectError. A followed GET carries the token only to the API
// host (the auth layer checks every hop), so a redirect to a download host gets none; the
// user's CheckRedirect is given the chain without the token (hideToken), as the caller is.
func checkRedirect(user func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if first := via[0]; first.Method != http.MethodGet && first.Method != http.MethodHead {
			return http.ErrUseLastResponse
		}
		if len(via) >= 10 {
			return http.ErrUseLastResponse
		}
		if user != nil {
			if req.Response != nil {
				hideToken(req.Response, via[0]) // the user's function sees no token either
			}
			return user(req, via)
		}
		return nil
	}
}
