package cloudmoretest

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Fault is one scripted answer that replaces the normal handling of a request.
type Fault struct {
	// Status is the HTTP status to answer, such as 429, 500 or 503.
	Status int
	// RetryAfter, when set, is sent as the Retry-After header ("1", or an HTTP date).
	RetryAfter string
	// Body, when set, is sent as the answer body; it is labelled application/json when it
	// starts with '{' or '[', text/plain otherwise.
	Body string
}

func (f Fault) write(w http.ResponseWriter) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Body != "" {
		ct := "text/plain; charset=utf-8"
		if t := strings.TrimSpace(f.Body); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			ct = "application/json; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
}

// Request is one entry of the request log.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is the request path as sent (decoded, original case), without the query.
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Header is the request header without Authorization (see Token).
	Header http.Header
	// Body is the request body. For the token endpoint, password and client_secret read REDACTED.
	Body []byte
	// Token is the bearer token the request carried, "" for none.
	Token string
	// Status is the status the fake answered (also for scripted faults and dropped
	// connections); 0 when the client went away during SetLatency's delay.
	Status int
}

// String describes the request in one line: "GET /api/... 200".
func (r Request) String() string {
	p := r.Path
	if len(r.Query) > 0 {
		p += "?" + r.Query.Encode()
	}
	return fmt.Sprintf("%s %s %d", r.Method, p, r.Status)
}

// Requests returns a copy of the request log, oldest first: every request the server
// received, token requests included.
func (s *Server) Requests() []Request {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return append([]Request(nil), s.log...)
}

// ResetLog empties the request log (TokenRequests is not reset).
func (s *Server) ResetLog() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.log = nil
}

// SetLatency delays every answer by d from now on (0 turns it off). The delay ends early when
// the client gives up.
func (s *Server) SetLatency(d time.Duration) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.latency = d
}

// faultRule is a queue of scripted faults for the requests that match.
type faultRule struct {
	matcher
	queue []Fault
}

// dropRule cuts the answers of the next n matching requests.
type dropRule struct {
	matcher
	n int
}

// ScriptStatuses makes the next len(statuses) requests that match method and pathPattern get
// these faults, one each and in order, instead of their normal handling; after that, matching
// requests are handled normally again. Faults come before authentication, as a gateway's would.
//
// method is an HTTP method, or "" or "*" for any. pathPattern is matched segment by segment and
// case-insensitively against the request path; a segment "*" or "{name}" matches any one
// segment, a last segment "**" or "{name...}" matches the rest of the path, and "" (or "/")
// matches every path. For example:
//
//	srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations",
//		cloudmoretest.Fault{Status: 429, RetryAfter: "1"},
//		cloudmoretest.Fault{Status: 503})
//
// Calls add to each other; the oldest rule with faults left that matches is used.
func (s *Server) ScriptStatuses(method, pathPattern string, statuses ...Fault) {
	if len(statuses) == 0 {
		return
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.faults = append(s.faults, &faultRule{matcher: newMatcher(method, pathPattern), queue: append([]Fault(nil), statuses...)})
}

// DropConnection makes the next n requests that match method and pathPattern (as in
// ScriptStatuses) lose their answer: the fake handles the request normally (a create is
// carried out), then writes the status line, the headers with the full Content-Length, and
// only half of the body, and closes the connection. An answer without a body (201, 204) is
// lost whole: the connection closes before anything is written. This is the case where a
// client cannot know whether its POST was carried out.
func (s *Server) DropConnection(method, pathPattern string, n int) {
	if n <= 0 {
		return
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.drops = append(s.drops, &dropRule{matcher: newMatcher(method, pathPattern), n: n})
}

// takeFault pops the fault for r, if one is scripted. Called with ctl held.
func (s *Server) takeFault(r *http.Request) *Fault {
	for _, f := range s.faults {
		if len(f.queue) > 0 && f.match(r) {
			fault := f.queue[0]
			f.queue = f.queue[1:]
			return &fault
		}
	}
	return nil
}

// takeDrop reports whether r's answer is to be cut, and counts it. Called with ctl held.
func (s *Server) takeDrop(r *http.Request) bool {
	for _, d := range s.drops {
		if d.n > 0 && d.match(r) {
			d.n--
			return true
		}
	}
	return false
}

// dropResponse sends half of rec and closes the connection.
func (s *Server) dropResponse(w http.ResponseWriter, rec *recorder) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // closes the connection without an answer
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	body := rec.body.Bytes()
	if len(body) == 0 {
		return
	}
	writeHead(buf, rec, len(body))
	_, _ = buf.Write(body[:len(body)/2])
	_ = buf.Flush()
}

func writeHead(buf *bufio.ReadWriter, rec *recorder, length int) {
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", rec.status, http.StatusText(rec.status))
	rec.header.Set("Content-Length", strconv.Itoa(length))
	_ = rec.header.Write(buf)
	_, _ = buf.WriteString("\r\n")
}

// matcher matches a method and a path pattern.
type matcher struct {
	method string
	segs   []string // nil: any path
}

func newMatcher(method, pattern string) matcher {
	m := matcher{method: strings.ToUpper(method)}
	if m.method == "*" {
		m.method = ""
	}
	if pattern = strings.Trim(pattern, "/"); pattern != "" {
		m.segs = strings.Split(strings.ToLower(pattern), "/")
	}
	return m
}

func (m matcher) match(r *http.Request) bool {
	if m.method != "" && m.method != r.Method {
		return false
	}
	if m.segs == nil {
		return true
	}
	path := strings.Split(strings.Trim(strings.ToLower(r.URL.Path), "/"), "/")
	for i, seg := range m.segs {
		rest := seg == "**" || (strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "...}"))
		if rest && i == len(m.segs)-1 {
			return len(path) >= i
		}
		if i >= len(path) {
			return false
		}
		if seg == "*" || (strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")) {
			continue
		}
		if seg != path[i] {
			return false
		}
	}
	return len(path) == len(m.segs)
}
