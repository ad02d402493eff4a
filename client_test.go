package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientNamesTheBadOption(t *testing.T) {
	tests := []struct {
		name  string
		opts  []Option
		field string
	}{
		{"no credentials", []Option{WithResellerID(testResellerID)}, "WithCredentials"},
		{"empty secret", []Option{WithCredentials(Credentials{Username: "u", Password: "p"})}, "WithCredentials"},
		{"empty password", []Option{WithCredentials(Credentials{ClientSecret: "s", Username: "u"})}, "WithCredentials"},
		{"reseller id not a GUID", []Option{WithCredentials(testCreds), WithResellerID("../../admin")}, "WithResellerID"},
		{"relative base URL", []Option{WithCredentials(testCreds), WithBaseURL("api.cloudmore.com")}, "WithBaseURL"},
		{"ftp base URL", []Option{WithCredentials(testCreds), WithBaseURL("ftp://api.cloudmore.com")}, "WithBaseURL"},
		{"plain http to a remote host", []Option{WithCredentials(testCreds), WithBaseURL("http://api.cloudmore.com")}, "WithBaseURL"},
		{"user info in base URL", []Option{WithCredentials(testCreds), WithBaseURL("https://u:p@api.cloudmore.com")}, "WithBaseURL"},
		{"unknown environment", []Option{WithCredentials(testCreds), WithEnvironment(Environment(7))}, "WithEnvironment"},
		{"nil http client", []Option{WithCredentials(testCreds), WithHTTPClient(nil)}, "WithHTTPClient"},
		{"line break in user agent", []Option{WithCredentials(testCreds), WithUserAgent("a\r\nX-Evil: 1")}, "WithUserAgent"},
		{"client and transport", []Option{WithCredentials(testCreds), WithHTTPClient(&http.Client{}), WithTransport(http.DefaultTransport)}, "WithTransport"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewClient(tt.opts...)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.field, ve.Field)
			assertNoSecret(t, err.Error())
		})
	}
}

func TestNewClientDefaultsAndHosts(t *testing.T) {
	c, err := NewClient(WithCredentials(testCreds))
	require.NoError(t, err)
	assert.Equal(t, "https://api.cloudmore.com", c.BaseURL())
	c, err = NewClient(WithCredentials(testCreds), WithEnvironment(Staging))
	require.NoError(t, err)
	assert.Equal(t, "https://api-staging.cloudmore.com", c.BaseURL())
	c, err = NewClient(WithCredentials(testCreds), WithBaseURL("http://10.1.2.3:8080/"), WithInsecureHTTP())
	require.NoError(t, err)
	assert.Equal(t, "http://10.1.2.3:8080", c.BaseURL())
	_, err = NewClient(WithCredentials(testCreds), WithBaseURL("http://[::1]:8080"))
	require.NoError(t, err, "loopback may be plain http")
}

func TestDefaultTransportIsSizedForConcurrency(t *testing.T) {
	tr := newTransport()
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 64)
}

func TestPathSegmentsAreCheckedBeforeAnyRequest(t *testing.T) {
	tests := []struct {
		arg   pathArg
		field string
	}{
		{idArg("organizationId", ""), "organizationId"},
		{idArg("organizationId", ".."), "organizationId"},
		{idArg("organizationId", "not-a-guid"), "organizationId"},
		{segArg("taskId", ".."), "taskId"},
		{segArg("taskId", "."), "taskId"},
		{segArg("taskId", "a/b"), "taskId"},
		{segArg("taskId", `a\b`), "taskId"},
		{segArg("taskId", "a\x00b"), "taskId"},
	}
	for _, tt := range tests {
		c, ts := setup(t)
		_, err := c.brokerPath("organizations/{organizationId}", tt.arg)
		assertNoRequest(t, ts, err, tt.field)
	}
}

func TestSegmentsAreEscaped(t *testing.T) {
	c, ts := setup(t)
	var got string
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/billing/x/{task}", func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		okHandler(w, r)
	})
	p, err := c.brokerPath("billing/x/{taskId}", segArg("taskId", "a b?c#d"))
	require.NoError(t, err)
	_, err = c.get(context.Background(), p, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "/api/resellers/"+testResellerID+"/billing/x/a%20b%3Fc%23d", got)
}

func TestEmptyResellerIDIsRefusedBeforeTheNetwork(t *testing.T) {
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, err = c.brokerPath("Organizations")
	assertNoRequest(t, ts, err, "resellerId")
}

func TestRequestHeadersQueryAndBaseURLPrefix(t *testing.T) {
	ts := newTestServer(t)
	var r *http.Request
	ts.Mux.HandleFunc("PUT /prefix/api/resellers/{rid}/thing", func(w http.ResponseWriter, req *http.Request) {
		r = req
		wantRequest(t, req, http.MethodPut, "/prefix"+brokerPath("thing"), url.Values{"startDate": {"2020-04-01"}, "currencyCode": {"SEK"}}, `{"salesPrice":18.50}`)
		w.WriteHeader(http.StatusNoContent)
	})
	c := ts.client(t, WithBaseURL(ts.URL+"/prefix/"), WithUserAgent("acme-portal/2.1"))
	p, err := c.brokerPath("thing")
	require.NoError(t, err)
	opts := &struct {
		StartDate    Date   `url:"startDate"`
		EndDate      Date   `url:"endDate,omitempty"`
		CurrencyCode string `url:"currencyCode,omitempty"`
	}{StartDate: NewDate(2020, 4, 1), CurrencyCode: "SEK"}
	resp, err := c.call(context.Background(), http.MethodPut, p, opts, map[string]Decimal{"salesPrice": MustDecimal("18.50")}, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Equal(t, "cloudmore-go/"+Version+" acme-portal/2.1", r.Header.Get("User-Agent"))
}

func TestCreatedIDFromLocationOrBody(t *testing.T) {
	tests := []struct {
		location, body, wantID string
	}{
		{"https://api.cloudmore.com/api/resellers/r/Organizations/96381c60-2f01-4042-9746-66c8b8e7bef9", "", "96381c60-2f01-4042-9746-66c8b8e7bef9"},
		{"/api/resellers/r/Organizations/abc1/", "", "abc1"},
		{"/api/resellers/r/Organizations/abc/", "", ""}, // a word is not an id
		{"", `{"id":"d0b55801-6cac-4221-a911-0712e78615c7","name":"x"}`, "d0b55801-6cac-4221-a911-0712e78615c7"},
		{"", `"a57a8428-80e6-4666-b549-c39873eef2ea"`, "a57a8428-80e6-4666-b549-c39873eef2ea"},
		{"", `{"id":42}`, "42"},
		{"", "", ""},
	}
	for _, tt := range tests {
		c, ts := setup(t)
		ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
			if tt.location != "" {
				w.Header().Set("Location", tt.location)
			}
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(tt.body))
		})
		created, resp, err := c.create(context.Background(), orgsPath(t, c), struct{}{})
		require.NoError(t, err)
		assert.Equal(t, tt.wantID, created.ID)
		assert.Equal(t, tt.location, created.Location)
		assert.Equal(t, tt.body, string(created.Body))
		assert.Equal(t, http.StatusCreated, resp.StatusCode)
	}
}

func TestSuccessBodyDecodingErrorsAreReported(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"not":"a list"}`))
	})
	var out []string
	_, err := c.get(context.Background(), orgsPath(t, c), nil, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be decoded")
	assert.Equal(t, 1, ts.apiRequests(), "a body that cannot be decoded is not fetched again")
}

func TestForResellerSharesTokenAndConnections(t *testing.T) {
	c, ts := setup(t)
	other := "d0b55801-6cac-4221-a911-0712e78615c7"
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", okHandler)
	c2, err := c.ForReseller(other)
	require.NoError(t, err)
	_, err = c.get(context.Background(), orgsPath(t, c), nil, nil)
	require.NoError(t, err)
	_, err = c2.get(context.Background(), orgsPath(t, c2), nil, nil)
	require.NoError(t, err)
	reqs := ts.requests()
	require.Len(t, reqs, 2)
	assert.True(t, strings.Contains(reqs[1].Path, other))
	assert.Equal(t, 1, ts.tokenRequests())
	_, err = c.ForReseller("nope")
	require.Error(t, err)
}

func TestUnmarshalKeepRaw(t *testing.T) {
	type known struct {
		ID string `json:"id"`
		//lint:ignore U1000 an unexported field is what the test shows is left alone
		hidden int
		Raw    json.RawMessage `json:"-"`
	}
	var k known
	b := []byte(`{"id":"x","extra":{"deep":1}}`)
	require.NoError(t, unmarshalKeepRaw(b, &k))
	b[2] = 'X' // the kept copy is independent of the buffer
	assert.Equal(t, "x", k.ID)
	assert.JSONEq(t, `{"id":"x","extra":{"deep":1}}`, string(k.Raw))
}

func TestUnknownFieldHandlerReportsWhatTheModelsLack(t *testing.T) {
	ts := newTestServer(t)
	type report struct {
		method, path string
		fields       []string
	}
	var got []report
	c := ts.client(t, WithUnknownFieldHandler(func(method, path string, fields []string) {
		got = append(got, report{method, path, fields})
	}))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/organizations/{org}/services/{svc}/products", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`[{"productId":"bf5f9d65-bdf7-4f99-9415-0fa642453554","name":"Gold","cost":"50.00","brandNew":1,
			"customProperties":[{"type":"textbox","id":"CS0001","name":"Custom 1","visible":true,"mandatory":false}]},
			{"productId":"x","NAME":"case-insensitive like encoding/json","brandNew":2}]`))
	})
	products, _, err := c.Services.ListProducts(context.Background(), "8d061500-8c70-4fd8-8e34-829fbe5c6795", "a65727d5-3d23-455d-9ee6-9c843e13dd0a")
	require.NoError(t, err)
	require.Len(t, products, 2)
	assert.Equal(t, "50.00", products[0].Cost.Text())
	require.Len(t, got, 1)
	assert.Equal(t, http.MethodGet, got[0].method)
	assert.Equal(t, brokerPath("organizations/8d061500-8c70-4fd8-8e34-829fbe5c6795/services/a65727d5-3d23-455d-9ee6-9c843e13dd0a/products"), got[0].path)
	assert.Equal(t, []string{"[].brandNew", "[].customProperties[].mandatory"}, got[0].fields)
}

func TestUnknownFieldsKnowsFieldsAModelFillsItself(t *testing.T) {
	got := unknownFields([]byte(`[{"id":6,"name":"Admin","scope":"org"}]`), reflect.TypeFor[*[]OrganizationRole]())
	assert.Equal(t, []string{"[].scope"}, got)
}

func TestUnknownFieldHandlerSeesStreamedBillingReports(t *testing.T) {
	ts := newTestServer(t)
	var got [][]string
	c := ts.client(t, WithUnknownFieldHandler(func(method, path string, fields []string) {
		got = append(got, fields)
	}))
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/billing/reports/MonthlyBillingPerOrganization", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`[{"billingDate":"2020-04-29T23:59:59","runNo":1,"organizations":[{"name":"A","orgId":"x","segment":"edu",
			"services":[{"serviceName":"Box","vatRate":"25","items":[{"itemName":"i","quantity":1,"products":[{"productName":"p","unit":"Licenses"}]}]}]}]}]`))
	})
	from, to := NewDate(2020, 4, 1), NewDate(2020, 4, 30)
	want := []string{"[].organizations[].segment", "[].organizations[].services[].items[].products[].unit",
		"[].organizations[].services[].vatRate", "[].runNo"}
	_, _, err := c.Billing.GetMonthlyBillingPerOrganization(context.Background(), from, to, nil)
	require.NoError(t, err)
	for org, err := range c.Billing.WalkMonthlyBillingPerOrganization(context.Background(), from, to, nil) {
		require.NoError(t, err)
		assert.Equal(t, "A", org.Name)
	}
	assert.Equal(t, [][]string{want, want}, got, "decode-all and the streaming walk both report")
}
