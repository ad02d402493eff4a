package cloudmore

// What a call returns besides its result: the *Response (status, request id, attempts) and
// the *Created of a create (the new resource's id from Location or the body).

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Response is the HTTP side of an answer, returned by every method next to the decoded
// result: status, headers, the request id and the Location of a 201. Its body is already
// read and closed.
type Response struct {
	*http.Response
	// RequestID is the answer's request id header (X-Request-Id, X-Correlation-Id or
	// Request-Id; Cloudmore does not document which it sends), empty when none.
	RequestID string
	// Attempts is how many times the request was sent (1 when there was no retry).
	Attempts int
}

// LocationID returns the id of the resource a 201 created: the last path segment of the
// Location header when it has the shape of an id (see Created.ID), "" otherwise. A Location
// that ends in a word, such as …/services/Azure, names no id; read Location itself.
func (r *Response) LocationID() string {
	if r == nil || r.Response == nil {
		return ""
	}
	return locationID(r.Header.Get("Location"))
}

// locationID is the last path segment of loc when it has the shape of an id, "" otherwise.
func locationID(loc string) string {
	if seg := lastSegment(loc); isIDSegment(seg) {
		return seg
	}
	return ""
}

// isIDSegment reports whether a Location's last segment has the shape of an id: a GUID (the
// ids Cloudmore's examples and its own tests read from Location), or up to 128 letters, digits,
// '-' and '_' with at least one digit (a role id such as "6", a free id such as "CS0001").
// Every literal segment of Cloudmore's paths ("Azure", "Csp", "upgradeStatus") is a word
// without digits, so none is taken for an id.
func isIDSegment(s string) bool {
	if isGUID(s) {
		return true
	}
	if s == "" || len(s) > 128 {
		return false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '_':
		default:
			return false
		}
	}
	return digit
}

func lastSegment(loc string) string {
	if loc == "" {
		return ""
	}
	if u, err := url.Parse(loc); err == nil {
		loc = u.Path
	}
	loc = strings.TrimRight(loc, "/")
	if i := strings.LastIndexByte(loc, '/'); i >= 0 {
		loc = loc[i+1:]
	}
	return loc
}

var requestIDHeaders = []string{"X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Ms-Request-Id"}

func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// Created is the answer to a create. Cloudmore answers 201, often with an empty body and a
// Location header naming the new resource: an absolute URL whose last segment is the new id,
// https://{host}/api/sellers/{sellerId}/{collection}/{id}, as Cloudmore's own staging tests
// read it (api-facts §18.1). A relative Location is read the same way.
type Created struct {
	// ID is the new resource's id: the last segment of Location when it has the shape of an id
	// (a GUID, or letters, digits, '-' and '_' with at least one digit), else the "id" of the
	// body, else "". A Location ending in a word (…/services/Azure) gives no ID.
	ID string
	// Location is the Location header as sent (absolute or relative), empty when none.
	Location string
	// Body is the answer's body when there was one (its shape is not documented).
	Body json.RawMessage
}

func createdFrom(resp *Response, raw json.RawMessage) *Created {
	cr := &Created{Location: resp.Header.Get("Location"), ID: resp.LocationID()}
	if len(bytes.TrimSpace(raw)) > 0 {
		cr.Body = raw
		if cr.ID == "" {
			cr.ID = idFromBody(raw, nil) // {"id": ...}, or a bare JSON string
		}
	}
	return cr
}

// nilIfEmpty turns an empty or blank body into nil.
func nilIfEmpty(raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	return raw
}
