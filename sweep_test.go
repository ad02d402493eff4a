package cloudmore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sweep: every exported method of every service reachable from Client, called by
// reflection the way an outside tester would call it (a nil context, zero values for every
// argument, hostile path ids), against a server that counts what reaches it. Nothing may
// panic; a nil context, a bad id and a missing reseller or seller id are a *ValidationError
// with zero requests sent.

var ctxType = reflect.TypeFor[context.Context]()

// sweepServer answers every API request 200 {} and counts API and token requests.
func sweepServer(t *testing.T) *testServer {
	t.Helper()
	ts := newTestServer(t)
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	})
	return ts
}

// goodArg is a valid value for a parameter of type in: a GUID for strings, 1 for numbers,
// a date, and the zero value (nil) for pointers, slices, maps and structs.
func goodArg(in reflect.Type) reflect.Value {
	switch {
	case in == ctxType:
		return reflect.ValueOf(context.Background())
	case in.Kind() == reflect.String:
		return reflect.ValueOf(testResellerID).Convert(in)
	case in == reflect.TypeFor[time.Month]():
		return reflect.ValueOf(time.October)
	case in.Kind() >= reflect.Int && in.Kind() <= reflect.Float64:
		return reflect.ValueOf(2026).Convert(in)
	case in == reflect.TypeFor[Date]():
		return reflect.ValueOf(DateOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)))
	}
	return reflect.Zero(in)
}

// sweepCall calls fn with args, recovering a panic, and returns the first error it gives:
// its last result when that is an error, or the first error an iter.Seq2 result yields
// (the sequence is ranged over).
//
//lint:ignore ST1008 the panic, when there was one, is the second thing a caller looks at
func sweepCall(fn reflect.Value, args []reflect.Value) (err error, panicked any) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	out := fn.Call(args)
	errType := reflect.TypeFor[error]()
	for _, o := range out {
		switch {
		case o.Type() == errType:
			if !o.IsNil() && err == nil {
				err = o.Interface().(error)
			}
		case o.Kind() == reflect.Func && o.Type().NumIn() == 1 && o.Type().In(0).Kind() == reflect.Func:
			if o.IsNil() {
				continue
			}
			yt := o.Type().In(0)
			var first error
			yield := reflect.MakeFunc(yt, func(in []reflect.Value) []reflect.Value {
				if last := in[len(in)-1]; last.Type() == errType && !last.IsNil() && first == nil {
					first = last.Interface().(error)
				}
				return []reflect.Value{reflect.ValueOf(false)}
			})
			o.Call([]reflect.Value{yield})
			if err == nil {
				err = first
			}
		}
	}
	return err, nil
}

// sweepCase is one call of the sweep.
type sweepCase struct {
	name string
	args []reflect.Value
	// wantErr: the call must fail; wantValidation: with a *ValidationError; wantField: naming it.
	wantErr, wantValidation bool
	wantField               string
}

func runSweepCase(t *testing.T, ts *testServer, method string, fn reflect.Value, c sweepCase) (sent int) {
	t.Helper()
	api0, tok0 := ts.apiRequests(), ts.tokenRequests()
	err, p := sweepCall(fn, c.args)
	sent = ts.apiRequests() - api0
	if p != nil {
		t.Errorf("%s %s: panic: %v", method, c.name, p)
		return sent
	}
	if !c.wantErr {
		return sent
	}
	if err == nil {
		t.Errorf("%s %s: no error (%d requests sent)", method, c.name, sent)
		return sent
	}
	if sent != 0 || ts.tokenRequests() != tok0 {
		t.Errorf("%s %s: %d API and %d token requests sent before the error %v", method, c.name, sent, ts.tokenRequests()-tok0, err)
	}
	if c.wantValidation {
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s %s: error %T %v, want a *ValidationError", method, c.name, err, err)
			return sent
		}
		if c.wantField != "" {
			found := false
			for _, f := range ve.Fields {
				found = found || f.Field == c.wantField
			}
			if !found {
				t.Errorf("%s %s: *ValidationError %v does not name %s", method, c.name, ve, c.wantField)
			}
		}
	}
	return sent
}

// queryValues are the required string parameters sent in the query rather than the path
// (method -> argument index): any non-empty value is legal there.
var queryValues = map[string]int{
	"BillingService.GetAzureInvoice": 1,
}

var badIDs = []struct{ name, value string }{
	{"empty", ""},
	{"dotdot", ".."},
	{"slash", "a/b"},
	{"long", strings.Repeat("a", 300)},
}

// TestSweepEveryServiceMethod calls every exported service method with a nil context, with
// zero values everywhere and with hostile ids in every string parameter.
func TestSweepEveryServiceMethod(t *testing.T) {
	ts := sweepServer(t)
	c := ts.client(t, WithSellerID(testSellerID))
	methods := exportedServiceMethodsOf(reflect.ValueOf(c).Elem())
	require.Greater(t, len(methods), 200)
	var nilBodySent []string
	for _, m := range methods {
		ft := m.fn.Type()
		if fixedIn(ft) == 0 || m.name == "PricelistService.UpdateOrganizationPrices" { // returns its errors per change: below
			continue
		}
		good := make([]reflect.Value, fixedIn(ft))
		zeros := make([]reflect.Value, fixedIn(ft))
		hasString := false
		for i := range good {
			good[i] = goodArg(ft.In(i))
			zeros[i] = reflect.Zero(ft.In(i))
			hasString = hasString || ft.In(i).Kind() == reflect.String
		}
		if ft.In(0) == ctxType {
			nilCtx := append([]reflect.Value(nil), good...)
			nilCtx[0] = reflect.Zero(ctxType)
			runSweepCase(t, ts, m.name, m.fn, sweepCase{name: "nil ctx", args: nilCtx, wantErr: true, wantValidation: true})
			zeros[0] = reflect.ValueOf(context.Background())
		}
		// Zero values everywhere: an empty string is a missing id, always refused.
		sent := runSweepCase(t, ts, m.name, m.fn, sweepCase{name: "zero values", args: zeros, wantErr: hasString, wantValidation: hasString})
		if sent > 0 {
			nilBodySent = append(nilBodySent, m.name)
		}
		for i := 0; i < fixedIn(ft); i++ {
			if ft.In(i).Kind() != reflect.String {
				continue
			}
			for _, bad := range badIDs {
				if queryValues[m.name] == i && bad.value != "" {
					continue // a query value, not a path segment: only empty is refused
				}
				args := append([]reflect.Value(nil), good...)
				args[i] = reflect.ValueOf(bad.value).Convert(ft.In(i))
				runSweepCase(t, ts, m.name, m.fn, sweepCase{name: fmt.Sprintf("arg %d %s", i, bad.name), args: args, wantErr: true, wantValidation: true})
			}
		}
	}
	// The bulk price update reports a nil context on every change, and sends nothing.
	//lint:ignore SA1012 the nil context is the point of the test
	res := c.Pricelist.UpdateOrganizationPrices(nil, []OrganizationPriceChange{{}, {}}, nil)
	require.Len(t, res, 2)
	for _, r := range res {
		assert.ErrorAs(t, r.Err, new(*ValidationError))
	}
	assert.NotPanics(t, func() { c.Pricelist.UpdateOrganizationPrices(context.Background(), nil, nil) })

	// The methods that send a request when every argument is its zero value: each takes no
	// id and an optional body or options (a nil body or options is valid).
	t.Logf("sent with zero values (optional bodies and options only): %v", nilBodySent)
}

// TestSweepMissingResellerOrSellerID: a broker method on a client without a reseller id, a
// seller method on one without a seller id, is a *ValidationError naming resellerId or
// sellerId, with nothing sent.
func TestSweepMissingResellerOrSellerID(t *testing.T) {
	ts := sweepServer(t)
	sellerOnly, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds), WithSellerID(testSellerID))
	require.NoError(t, err)
	brokerOnly := ts.client(t)
	global := map[string]bool{ // the 4 global look-ups and Resume* (which need no network)
		"PlatformService.HealthCheck": true, "PlatformService.ListCategories": true,
		"PlatformService.ListMarketCountries": true, "PlatformService.ListMarketRegions": true,
	}
	for _, tc := range []struct {
		c       *Client
		field   string
		applies func(string) bool
	}{
		{sellerOnly, "resellerId", func(name string) bool { return !strings.HasPrefix(name, "Seller") }},
		{brokerOnly, "sellerId", func(name string) bool { return strings.HasPrefix(name, "Seller") }},
	} {
		n := 0
		for _, m := range exportedServiceMethodsOf(reflect.ValueOf(tc.c).Elem()) {
			ft := m.fn.Type()
			if !tc.applies(m.name) || global[m.name] || fixedIn(ft) == 0 || ft.In(0) != ctxType {
				continue // Resume* take a token and make no network call; the token names its reseller or seller
			}
			if m.name == "PricelistService.UpdateOrganizationPrices" {
				continue
			}
			args := make([]reflect.Value, fixedIn(ft))
			for i := range args {
				args[i] = goodArg(ft.In(i))
			}
			n++
			runSweepCase(t, ts, m.name, m.fn, sweepCase{name: "without " + tc.field, args: args, wantErr: true, wantValidation: true, wantField: tc.field})
		}
		assert.Greater(t, n, 40, tc.field)
	}
	res := sellerOnly.Pricelist.UpdateOrganizationPrices(context.Background(), []OrganizationPriceChange{{OrganizationID: testResellerID}}, nil)
	require.Len(t, res, 1)
	var ve *ValidationError
	require.ErrorAs(t, res[0].Err, &ve)
	assert.Zero(t, ts.apiRequests())
}

// TestSweepZeroHandles: the exported handle types built by hand (a zero Poller, BillingTask,
// UnbilledUsageExport, WebhookReceiver) answer with an error, never a panic.
func TestSweepZeroHandles(t *testing.T) {
	ts := sweepServer(t)
	c := ts.client(t, WithSellerID(testSellerID))
	// Every Poller[T] type a method returns, as its zero value and as a nil pointer.
	pollers := map[reflect.Type]bool{}
	for _, m := range exportedServiceMethodsOf(reflect.ValueOf(c).Elem()) {
		ft := m.fn.Type()
		for i := 0; i < ft.NumOut(); i++ {
			if o := ft.Out(i); o.Kind() == reflect.Pointer && strings.HasPrefix(o.Elem().Name(), "Poller[") {
				pollers[o] = true
			}
		}
	}
	require.NotEmpty(t, pollers)
	handles := []reflect.Value{
		reflect.ValueOf(&BillingTask{}), reflect.ValueOf((*BillingTask)(nil)),
		reflect.ValueOf(&UnbilledUsageExport{}), reflect.ValueOf((*UnbilledUsageExport)(nil)),
	}
	for pt := range pollers {
		handles = append(handles, reflect.New(pt.Elem()))
	}
	for _, h := range handles {
		for i := 0; i < h.NumMethod(); i++ {
			m := h.Method(i)
			ft := m.Type()
			name := fmt.Sprintf("%v.%s", h.Type(), h.Type().Method(i).Name)
			if fixedIn(ft) == 0 || ft.In(0) != ctxType {
				_, p := sweepCall(m, nil)
				assert.Nil(t, p, "%s panicked", name)
				continue
			}
			for _, ctx := range []reflect.Value{reflect.ValueOf(context.Background()), reflect.Zero(ctxType)} {
				args := []reflect.Value{ctx}
				for j := 1; j < fixedIn(ft); j++ {
					args = append(args, reflect.Zero(ft.In(j)))
				}
				runSweepCase(t, ts, name, m, sweepCase{name: "zero handle", args: args, wantErr: true})
			}
		}
	}
	assert.Zero(t, ts.apiRequests())

	// A zero WebhookReceiver and a nil-bodied request: 401, no panic.
	for _, r := range []*WebhookReceiver{{}, NewWebhookReceiver(WebhookCredentials{})} {
		req := httptest.NewRequest(http.MethodPost, "/hook", nil)
		req.Body = nil
		w := httptest.NewRecorder()
		assert.NotPanics(t, func() { r.ServeHTTP(w, req) })
		assert.Equal(t, http.StatusUnauthorized, w.Code)
		assert.NotPanics(t, func() { r.On("x", nil).OnUnknown(nil) })
	}
}

// TestSweepClientMethods: the client's own methods with nil and hostile values.
func TestSweepClientMethods(t *testing.T) {
	ts := sweepServer(t)
	c := ts.client(t)
	//nolint:staticcheck // a nil context on purpose
	_, err := c.NewRequest(nil, http.MethodGet, "Organizations", nil, nil) //lint:ignore SA1012 on purpose
	assert.ErrorAs(t, err, new(*ValidationError))
	for _, p := range []string{"..", "a/../../b", "Organizations/%2e%2e", "Organizations\n", "/api/../connect/token"} {
		req, err := c.NewRequest(context.Background(), http.MethodGet, p, nil, nil)
		if err == nil {
			_, err = c.Do(req, nil)
		}
		assert.ErrorAs(t, err, new(*ValidationError), p)
	}
	_, err = c.Do(nil, nil)
	assert.ErrorAs(t, err, new(*ValidationError))
	_, err = c.Do(&http.Request{Method: http.MethodGet}, nil)
	assert.ErrorAs(t, err, new(*ValidationError))
	for _, bad := range badIDs {
		_, err = c.ForReseller(bad.value)
		assert.Error(t, err, bad.name)
		_, err = c.ForSeller(bad.value)
		assert.Error(t, err, bad.name)
	}
	assert.Zero(t, ts.apiRequests())
}

// TestSweepZeroErrorsAndValues: the zero value of every exported error type, and the zero
// Decimal, answer their methods without panicking.
func TestSweepZeroErrorsAndValues(t *testing.T) {
	for _, e := range []error{&APIError{}, &DecodeError{}, &RedirectError{}, &ValidationError{}, &UnknownOutcomeError{},
		&AuthError{}, &TaskFailedError{}} {
		assert.NotPanics(t, func() {
			_ = e.Error()
			_ = errors.Is(e, ErrNotFound)
			_ = errors.Unwrap(e)
			_ = fmt.Sprintf("%v %+v %#v", e, e, e)
		}, "%T", e)
	}
	var d Decimal
	assert.NotPanics(t, func() {
		_ = d.String()
		_ = d.Add(d).Mul(d).Sub(d).Neg().Round(2)
		_, _ = d.MarshalJSON()
		_ = d.Scale()
		_ = fmt.Sprintf("%v %s %#v", d, d, d)
	})
	var r *Response
	assert.NotPanics(t, func() { _ = r.LocationID() })
}
