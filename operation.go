package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/net/http/httpguts"
)

// One declaration per operation.
//
// Every Cloudmore operation the SDK calls is declared once, as a package variable:
//
//	var opOrganizationsGet = declare[none, none, *OrganizationDetails](
//		"Organizations.Get", "GET /api/resellers/{resellerId}/Organizations/{id}")
//
// The declaration holds the facts of the operation: its name (the service and method a user
// calls), the Swagger table's line (method and path template), the Go types of its query, body
// and answer (and so its result kind: one, list, created, none), and its retry rule. Every
// service method is a thin typed entry over the one executor, op.do:
//
//	func (s *OrganizationsService) Get(ctx context.Context, organizationID string, call ...CallOption) (*OrganizationDetails, *Response, error) {
//		return opOrganizationsGet.do(ctx, s.client, path(id(organizationID)), nil, nil, call)
//	}
//
// and everything else reads the same declarations: the attempt loop takes the retry rule and
// names the operation (by its name and template, never a path with GUIDs in it) to logs and
// errors; Operations lists them for the fake, the command and the Swagger check.
//
// Why this form: go-github hand-writes each method and checks a metadata file against
// GitHub's OpenAPI document; stripe-go and azcore generate a function per operation. A
// generator would need a machine-readable source, and Cloudmore's Swagger document is not in
// this repository (nor reachable from its tests); hand-written methods over declarations keep
// every doc comment and validation where a reader looks for it, while the declaration is data
// the other layers (and tests) can walk. The type parameters make each declaration check its
// method's types at compile time, so a declaration cannot disagree with the method it serves.

// side is the part of the API an operation belongs to, which gives the start of its path.
type side uint8

const (
	globalSide side = iota // /api/..., the look-ups no reseller or seller owns
	brokerSide             // /api/resellers/{resellerId}/...
	sellerSide             // /api/sellers/{sellerId}/...
)

// sidePrefixes are the Swagger path prefixes of each side, longest first.
var sidePrefixes = [...]struct {
	prefix string
	side   side
}{
	{"/api/resellers/{resellerId}/", brokerSide},
	{"/api/sellers/{sellerId}/", sellerSide},
	{"/api/", globalSide},
}

// none stands for "nothing" in a declaration: no query parameters, no body, or an answer
// whose body is not decoded. A method passes nil for it.
type none = *struct{}

// resultKind is what an operation's answer decodes into.
type resultKind uint8

const (
	resultNone    resultKind = iota // nothing decoded: the status says it happened
	resultOne                       // one resource, which an empty answer does not give
	resultList                      // a list, empty when the answer is
	resultCreated                   // *Created: the new resource's id from Location or the body
)

var kindNames = [...]string{resultNone: "none", resultOne: "one", resultList: "list", resultCreated: "created"}

// opInfo is what a declaration says, whatever its Go types.
type opInfo struct {
	name     string // "Organizations.Get": the Client field path and method name
	method   string // "GET"
	template string // the Swagger path, "/api/resellers/{resellerId}/Organizations/{id}"
	side     side
	rel      string // the template after its side's prefix, "Organizations/{id}"
	retry    retryRule
	kind     resultKind
	task     bool // the answer starts a long-running task (its method returns a *Poller)
	query    reflect.Type
	body     reflect.Type
	result   reflect.Type
	elem     reflect.Type // the element of a one result, allocated per call
}

// op is the declaration of one operation whose query is Q, body B and answer R (each of which
// may be none). R is what the method returns: *T for one resource, []T for a list, *Created
// for a create.
type op[Q, B, R any] struct{ *opInfo }

// declared is every declaration, in the order the package declares them.
var declared []*opInfo

// declare declares an operation: name is the service path and method a user calls
// ("CSP.NCE.List"), line the Swagger table's "METHOD /api/..." line. The retry rule is the
// method's default (see retryRule); retrying and startsTask change a declaration.
// A malformed declaration is a programming error of this package, found when it loads.
func declare[Q, B, R any](name, line string) op[Q, B, R] {
	method, tmpl, ok := strings.Cut(line, " ")
	if !ok || !validMethod(method) {
		panic("cloudmore: bad operation line " + line)
	}
	info := &opInfo{name: name, method: method, template: tmpl, retry: methodRule(method)}
	for _, p := range sidePrefixes {
		if rel, ok := strings.CutPrefix(tmpl, p.prefix); ok {
			info.side, info.rel = p.side, rel
			break
		}
	}
	if info.rel == "" && tmpl != "/api/healthcheck" && !strings.HasPrefix(tmpl, "/api/") {
		panic("cloudmore: operation path outside /api: " + line)
	}
	info.query = typeOf[Q]()
	info.body = typeOf[B]()
	info.result = typeOf[R]()
	switch r := info.result; {
	case r == nil:
		info.kind = resultNone
	case r == reflect.TypeFor[*Created]():
		info.kind = resultCreated
	case r.Kind() == reflect.Slice:
		info.kind = resultList
	case r.Kind() == reflect.Pointer:
		info.kind, info.elem = resultOne, r.Elem()
	default:
		panic("cloudmore: operation " + name + " answers " + r.String() + ": not *T, []T or *Created")
	}
	declared = append(declared, info)
	return op[Q, B, R]{info}
}

// typeOf is T's type, nil for none.
func typeOf[T any]() reflect.Type {
	t := reflect.TypeFor[T]()
	if t == reflect.TypeFor[none]() {
		return nil
	}
	return t
}

// retrying gives the operation another retry rule than its method's default.
func (o op[Q, B, R]) retrying(r retryRule) op[Q, B, R] {
	o.retry = r
	return o
}

// startsTask marks an operation whose answer starts a long-running task that its method
// follows with a *Poller.
func (o op[Q, B, R]) startsTask() op[Q, B, R] {
	o.task = true
	return o
}

// path lists a call's path values, in the order of the template's placeholders.
func path(args ...pathArg) []pathArg { return args }

// do is the one executor: it checks the input (the path values, then the query's and the
// body's own rules, every failing field named at once, nothing sent), builds the path, sends
// the request through the pipeline with the operation's retry rule and the call's options,
// and decodes the answer by the operation's result kind.
func (o op[Q, B, R]) do(ctx context.Context, c *Client, args []pathArg, q Q, b B, opts []CallOption) (R, *Response, error) {
	return o.doChecked(ctx, c, nil, args, q, b, opts)
}

// doChecked is do for a method that checks values of its own first (a required value
// passed positionally that is not a path value): precheck's fields are reported with the
// rest, before anything is sent.
func (o op[Q, B, R]) doChecked(ctx context.Context, c *Client, precheck error, args []pathArg, q Q, b B, opts []CallOption) (R, *Response, error) {
	var zero R
	p, co, err := o.input(c, precheck, args, q, b, opts)
	if err != nil {
		return zero, nil, err
	}
	var out any
	var result R
	var raw json.RawMessage // a create's answer, for createdFrom
	switch o.kind {
	case resultOne:
		result = reflect.New(o.elem).Interface().(R)
		out = nonEmpty{result}
	case resultList:
		out = &result
	case resultCreated:
		out = &raw
	}
	resp, err := c.send(ctx, o.opInfo, co, p, q, b, out)
	if o.kind == resultCreated {
		if cr := created(resp, raw, err); cr != nil {
			return any(cr).(R), resp, err
		}
		return zero, resp, err
	}
	if err != nil {
		return zero, resp, err
	}
	if o.kind == resultList && reflect.ValueOf(result).IsNil() {
		result = reflect.MakeSlice(o.result, 0, 0).Interface().(R)
	}
	return result, resp, nil
}

// exec is do for an operation whose answer is not decoded.
func (o op[Q, B, R]) exec(ctx context.Context, c *Client, args []pathArg, q Q, b B, opts []CallOption) (*Response, error) {
	_, resp, err := o.do(ctx, c, args, q, b, opts)
	return resp, err
}

// raw is do for an operation whose answer a method reads itself (a task's start or status,
// an answer of unknown shape): the body as Cloudmore sent it, which must be JSON, nil when
// empty.
func (o op[Q, B, R]) raw(ctx context.Context, c *Client, args []pathArg, q Q, b B, opts []CallOption) (json.RawMessage, *Response, error) {
	var raw json.RawMessage
	resp, err := o.into(ctx, c, args, q, b, opts, &raw)
	if err != nil {
		return nil, resp, err
	}
	return nilIfEmpty(raw), resp, nil
}

// into is do with the decode target given: a streaming reader (streamTarget), *[]byte for a
// body of any form, or *json.RawMessage. Only the methods whose answer is not a model use it.
func (o op[Q, B, R]) into(ctx context.Context, c *Client, args []pathArg, q Q, b B, opts []CallOption, out any) (*Response, error) {
	p, co, err := o.input(c, nil, args, q, b, opts)
	if err != nil {
		return nil, err
	}
	return c.send(ctx, o.opInfo, co, p, q, b, out)
}

// start sends an operation that starts a long-running task and returns the task's id, read
// from the answer's body (one of idKeys, or "id", or a bare string) or its Location.
func (o op[Q, B, R]) start(ctx context.Context, c *Client, args []pathArg, q Q, b B, opts []CallOption, idKeys ...string) (string, *Response, error) {
	raw, resp, err := o.raw(ctx, c, args, q, b, opts)
	if err != nil {
		return "", resp, err
	}
	if id := idFromBody(raw, idKeys); id != "" {
		return id, resp, nil
	}
	if id := lastSegment(resp.Header.Get("Location")); id != "" {
		return id, resp, nil // a task id's format is not documented: any last segment
	}
	return "", resp, fmt.Errorf("cloudmore: %s %s answered %d without a task id (no Location header; body %s)",
		o.method, o.template, resp.StatusCode, truncate(c.redact(string(raw)), 256))
}

// checkPath checks path values for a later call (a Poller built now polls later): the
// *ValidationError that the call would give, now.
func (o op[Q, B, R]) checkPath(c *Client, args []pathArg) error {
	_, err := c.pathFor(o.side, o.rel, args)
	return err
}

// input checks a call's input and returns its path and options, or one *ValidationError naming
// every failing field: the path values, the query options' rules (nil options are always
// valid), the body's rules (a nil body is checked too: most bodies refuse it, naming "body")
// and the call's options.
func (o op[Q, B, R]) input(c *Client, precheck error, args []pathArg, q Q, b B, opts []CallOption) (string, callOptions, error) {
	var v validator
	v.add(precheck)
	p, err := c.pathFor(o.side, o.rel, args)
	v.add(err)
	if ck, ok := any(q).(interface{ validate() error }); ok && !isNil(q) {
		v.add(ck.validate())
	}
	if ck, ok := any(b).(interface{ validate() error }); ok {
		v.add(ck.validate())
	}
	co, err := readCallOptions(opts)
	v.add(err)
	return p, co, v.err()
}

// pathFor builds an operation's path on its side.
func (c *Client) pathFor(s side, rel string, args []pathArg) (string, error) {
	switch s {
	case brokerSide:
		return c.brokerPath(rel, args...)
	case sellerSide:
		return c.sellerPath(rel, args...)
	}
	return buildPath("/api/", rel, args)
}

// created is the *Created of a create's answer, nil when there is none. A create that
// Cloudmore carried out but whose answer could not be read (a *DecodeError), or that was
// answered 303 See Other (a *RedirectError saying the POST was processed), returns the
// *Created beside the error when the answer named the new resource in Location: the caller
// must not send it again, and can still find what was created.
func created(resp *Response, raw json.RawMessage, err error) *Created {
	if err == nil {
		return createdFrom(resp, raw)
	}
	var de *DecodeError
	var re *RedirectError
	switch {
	case resp == nil || resp.Response == nil:
	case errors.As(err, &de) && resp.Header.Get("Location") != "":
		return createdFrom(resp, nil)
	case errors.As(err, &re) && re.Processed() && re.Location != "":
		return &Created{ID: locationID(re.Location), Location: re.Location}
	}
	return nil
}

// Operation describes one Cloudmore operation as the SDK declares it: the facts the typed
// method, the fake (cloudmoretest), the command and the Swagger check all read.
type Operation struct {
	// Name is the service and method that call it, as a user writes it after the client:
	// "Organizations.Get" is c.Organizations.Get, "CSP.NCE.List" is c.CSP.NCE.List.
	Name string
	// Method is the HTTP method, "GET".
	Method string
	// Path is the Swagger path template, "/api/resellers/{resellerId}/Organizations/{id}".
	Path string
	// Params are the path's placeholders after the reseller's or seller's id, in order:
	// the method's positional id arguments.
	Params []string
	// Result is what the answer decodes into: "one", "list", "created" or "none".
	Result string
	// Task reports whether the answer starts a long-running task (the method returns a
	// *Poller).
	Task bool
	// Retry is the operation's retry rule: "repeatable" (retried whenever the policy allows),
	// "not once written" (never sent again once it reached the wire: a POST, or a PUT that adds
	// rather than replaces, such as metered usage), or "read-only" (a POST that changes
	// nothing, retried like a GET).
	Retry string
	// Query, Body and ResultType are the Go types of the query options, the request body and
	// the method's result; nil where the operation has none.
	Query, Body, ResultType reflect.Type
}

// Operations lists every operation the SDK declares, sorted by path and method. The slice is
// the caller's.
func Operations() []Operation {
	out := make([]Operation, 0, len(declared))
	for _, d := range declared {
		out = append(out, d.public())
	}
	slices.SortFunc(out, func(a, b Operation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	return out
}

func (d *opInfo) public() Operation {
	var params []string
	for rest := d.rel; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		params = append(params, rest[i+1:i+j])
		rest = rest[i+j+1:]
	}
	return Operation{Name: d.name, Method: d.method, Path: d.template, Params: params,
		Result: kindNames[d.kind], Task: d.task, Retry: d.retry.String(),
		Query: d.query, Body: d.body, ResultType: d.result}
}

// String is "Organizations.Get (GET /api/resellers/{resellerId}/Organizations/{id})".
func (o Operation) String() string { return fmt.Sprintf("%s (%s %s)", o.Name, o.Method, o.Path) }

// A CallOption changes one call of a service method: an extra header, another retry policy,
// or permission to repeat a POST. Every service method takes them last:
//
//	orgs, _, err := c.Organizations.List(ctx, nil, cloudmore.WithCallHeader("X-Correlation-Id", id))
//
// A variadic parameter, rather than values in the context (as azcore does), because the
// options then show in the signature and in go doc, are checked by the compiler, and cannot
// leak into calls the user did not mean; google-cloud-go's CallOption and aws-sdk-go-v2's
// optFns are the same form. Adding it broke no caller.
type CallOption func(*callOptions)

// callOptions is what a call's CallOptions set.
type callOptions struct {
	header http.Header
	retry  *RetryPolicy
	repeat bool
}

// WithCallHeader adds a header to every attempt of one call (a correlation id, say). The
// headers the SDK sets (Authorization, Accept, Content-Type, User-Agent) cannot be changed
// this way, and a name or value HTTP cannot carry (a space in the name, a line break in the
// value) is refused too: such a call is a *ValidationError before anything is sent.
func WithCallHeader(key, value string) CallOption {
	return func(o *callOptions) {
		if o.header == nil {
			o.header = http.Header{}
		}
		o.header.Add(key, value)
	}
}

// WithCallRetry sends one call with policy instead of the client's (WithRetry). The policy is
// checked as WithRetry checks it.
func WithCallRetry(policy RetryPolicy) CallOption {
	return func(o *callOptions) { o.retry = &policy }
}

// WithRepeatable says that sending this call twice is harmless, so that an operation whose
// rule is "not once written" (a POST, or metered usage) is retried like a GET when it got no
// answer or a 5xx: starting a billing report twice, for example, only starts two reports.
// Use it only where you know that; by default such a call fails with *UnknownOutcomeError
// rather than risk doing a thing twice.
func WithRepeatable() CallOption {
	return func(o *callOptions) { o.repeat = true }
}

// sdkHeaders are the headers a CallOption may not set.
var sdkHeaders = []string{"Authorization", "Accept", "Content-Type", "User-Agent", "Host", "Content-Length"}

// readCallOptions applies opts, refusing what they may not do.
func readCallOptions(opts []CallOption) (callOptions, error) {
	var co callOptions
	for _, o := range opts {
		if o != nil {
			o(&co)
		}
	}
	var v validator
	for k, vals := range co.header {
		switch {
		case !httpguts.ValidHeaderFieldName(k):
			v.add(invalid("WithCallHeader", "%q is not a valid header name", truncate(k, 64)))
		case slices.ContainsFunc(sdkHeaders, func(h string) bool { return strings.EqualFold(h, k) }):
			v.add(invalid("header "+k, "is set by the SDK; a CallOption cannot change it"))
		case slices.ContainsFunc(vals, func(s string) bool { return !httpguts.ValidHeaderFieldValue(s) }):
			// The value is not quoted: a header may carry a secret.
			v.add(invalid("WithCallHeader", "the value of %s has a character a header cannot carry (a line break or a control character)", k))
		}
	}
	if co.retry != nil {
		p := co.retry.withDefaults()
		v.add(p.validateAs("WithCallRetry"))
		co.retry = &p
	}
	return co, v.err()
}

// send hands one call of op to the pipeline: the request built on the call's state (which carries the operation to the attempt loop: its retry rule, its name for
// logs and errors), sent with retries, and a 2xx body decoded into out.
func (c *Client) send(ctx context.Context, op *opInfo, co callOptions, path string, q, b, out any) (*Response, error) {
	if ctx == nil {
		return nil, invalid("ctx", "nil context")
	}
	st := &callState{Context: ctx, op: op, opts: co, rule: op.retry}
	if co.repeat {
		st.rule = readOnlyPost // the caller says repeating it is harmless
	}
	if isNil(b) {
		b = nil
	}
	req, err := c.newRequest(st, op.method, path, q, b)
	if err != nil {
		return nil, err
	}
	for k, vs := range co.header {
		req.Header[k] = vs
	}
	return c.doState(req, out, st)
}
