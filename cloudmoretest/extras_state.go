package cloudmoretest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// extState is the state of the Azure, user-group, manual-billing and external-invoice areas:
// part of the server's state (state.ext), under Server.mu as the rest of it.
type extState struct {
	azure    map[string]*azureOrg          // lowercased organization id ->
	groups   map[string][]*userGroup       // lowercased organization id ->
	manual   map[string][]*manualLine      // lowercased organization id ->
	invoices map[string][]*externalInvoice // lowercased organization id ->
}

func newExtState() extState {
	return extState{azure: map[string]*azureOrg{}, groups: map[string][]*userGroup{},
		manual: map[string][]*manualLine{}, invoices: map[string][]*externalInvoice{}}
}

// ext returns the extras' state.
func (s *Server) ext() *extState { return &s.st.ext }

// extrasDoc is a resource whose fields Cloudmore does not document: the JSON members the
// broker sent, plus the few the fake adds itself ("id", "status", ...). It is written back as
// a JSON object with its members in key order.
type extrasDoc map[string]json.RawMessage

// readDoc reads a request body that must be a JSON object with at least one member (the SDK
// refuses an empty Extra before sending). Anything else is answered 400 in the model-state
// shape, and false.
func readExtrasDoc(w http.ResponseWriter, r *http.Request) (extrasDoc, bool) {
	var buf bytes.Buffer
	if r.Body != nil {
		_, _ = buf.ReadFrom(r.Body)
	}
	var d extrasDoc
	b := bytes.TrimSpace(buf.Bytes())
	if len(b) == 0 || b[0] != '{' || json.Unmarshal(b, &d) != nil || len(d) == 0 {
		fieldErrors{"": {"A JSON object with at least one member is required."}}.write(w)
		return nil, false
	}
	return d, true
}

// str returns member k when it is a JSON string, else "".
func (d extrasDoc) str(k string) string {
	var s string
	if json.Unmarshal(d[k], &s) != nil {
		return ""
	}
	return s
}

// set sets member k to v encoded as JSON.
func (d extrasDoc) set(k string, v any) {
	b, _ := json.Marshal(v)
	d[k] = b
}

// merge copies the members of o into d, except the ones the fake owns.
func (d extrasDoc) merge(o extrasDoc, owned ...string) {
	for k, v := range o {
		if !containsFold(owned, k) {
			d[k] = v
		}
	}
}

// clone returns a copy of d that can be changed without changing d.
func (d extrasDoc) clone() extrasDoc {
	c := make(extrasDoc, len(d)+2)
	for k, v := range d {
		c[k] = v
	}
	return c
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// orgKey is the map key of an organization's extras.
func orgKey(o *org) string { return strings.ToLower(o.id) }
