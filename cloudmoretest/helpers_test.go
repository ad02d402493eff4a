package cloudmoretest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// api is a plain net/http client for one fake server, holding a token from its token endpoint.
type api struct {
	t     *testing.T
	srv   *cloudmoretest.Server
	token string
}

func newAPI(t *testing.T, opts ...func(*cloudmoretest.Options)) *api {
	t.Helper()
	srv := cloudmoretest.NewServer(t, opts...)
	a := &api{t: t, srv: srv}
	a.token = a.getToken()
	t.Cleanup(func() { checkStateRoundTrip(t, srv) })
	return a
}

// getToken runs the password grant with the documented Basic header.
func (a *api) getToken() string {
	a.t.Helper()
	c := a.srv.Credentials()
	resp, body := a.tokenRequest(c.ClientID, c.ClientSecret, url.Values{
		"grant_type": {"password"}, "username": {c.Username}, "password": {c.Password}, "scope": {"api"}})
	require.Equal(a.t, http.StatusOK, resp.StatusCode, string(body))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(a.t, json.Unmarshal(body, &tok))
	require.NotEmpty(a.t, tok.AccessToken)
	return tok.AccessToken
}

func (a *api) tokenRequest(clientID, secret string, form url.Values) (*http.Response, []byte) {
	a.t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.srv.URL()+"/connect/token", strings.NewReader(form.Encode()))
	require.NoError(a.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if clientID != "" || secret != "" {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(clientID+":"+secret)))
	}
	return send(a.t, req)
}

func send(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, b
}

// path turns "Organizations" into "/api/resellers/{id}/Organizations"; a path starting with
// "/" or "http" is used as is.
func (a *api) path(p string) string {
	if strings.HasPrefix(p, "http") {
		return p
	}
	if strings.HasPrefix(p, "/") {
		return a.srv.URL() + p
	}
	return a.srv.URL() + "/api/resellers/" + a.srv.ResellerID() + "/" + p
}

// do sends a request with the api's token; body is JSON-encoded unless it is a string.
func (a *api) do(method, p string, body any) (*http.Response, []byte) {
	a.t.Helper()
	return a.doToken(a.token, method, p, body)
}

func (a *api) doToken(token, method, p string, body any) (*http.Response, []byte) {
	a.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(a.t, err)
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, a.path(p), r)
	require.NoError(a.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return send(a.t, req)
}

// get GETs p, wants 200 and decodes the body into v.
func (a *api) get(p string, v any) []byte {
	a.t.Helper()
	resp, body := a.do(http.MethodGet, p, nil)
	require.Equal(a.t, http.StatusOK, resp.StatusCode, "GET %s: %s", p, body)
	if v != nil {
		require.NoError(a.t, json.Unmarshal(body, v), string(body))
	}
	return body
}

// create POSTs body to p, wants 201 with an empty body, and returns the Location header.
func (a *api) create(p string, body any) string {
	a.t.Helper()
	resp, b := a.do(http.MethodPost, p, body)
	require.Equal(a.t, http.StatusCreated, resp.StatusCode, "POST %s: %s", p, b)
	require.Empty(a.t, b)
	loc := resp.Header.Get("Location")
	require.True(a.t, strings.HasPrefix(loc, a.srv.URL()+"/api/resellers/"), "Location %q is not absolute", loc)
	return loc
}

// lastSegment is the id at the end of a Location.
func lastSegment(loc string) string { return loc[strings.LastIndex(loc, "/")+1:] }

// wantStatus sends a request and asserts the status.
func (a *api) wantStatus(status int, method, p string, body any) []byte {
	a.t.Helper()
	resp, b := a.do(method, p, body)
	require.Equal(a.t, status, resp.StatusCode, "%s %s: %s", method, p, b)
	return b
}

// wantInvalid asserts a 400 with the array-shaped error body whose message contains substr.
func (a *api) wantInvalid(substr, method, p string, body any) {
	a.t.Helper()
	b := a.wantStatus(http.StatusBadRequest, method, p, body)
	var items []struct {
		ErrorCode    int    `json:"errorCode"`
		ErrorName    string `json:"errorName"`
		ErrorMessage string `json:"errorMessage"`
	}
	require.NoError(a.t, json.Unmarshal(b, &items), "not the array shape: %s", b)
	require.Len(a.t, items, 1)
	require.Equal(a.t, 5, items[0].ErrorCode)
	require.Equal(a.t, "InvalidValue", items[0].ErrorName)
	require.Contains(a.t, items[0].ErrorMessage, substr)
}

// wantFields asserts a 400 with the model-state body naming these fields.
func (a *api) wantFields(method, p string, body any, fields ...string) map[string][]string {
	a.t.Helper()
	b := a.wantStatus(http.StatusBadRequest, method, p, body)
	var fe map[string][]string
	require.NoError(a.t, json.Unmarshal(b, &fe), "not the model-state shape: %s", b)
	for _, f := range fields {
		require.Contains(a.t, fe, f, string(b))
	}
	return fe
}

// orgBody is a valid organization create body, the guide's example with a unique name.
func orgBody(name, domain string) map[string]any {
	return map[string]any{
		"name":               name,
		"registrationNumber": "123456789",
		"vat":                "123456789",
		"homePage":           "www." + domain,
		"contact":            map[string]any{"name": "John Doe", "email": "john.doe@" + domain, "phone": "123456789", "cellPhone": "123456789"},
		"customerNumber":     "123456789",
		"notificationEmail":  "john.doe@" + domain,
		"address":            map[string]any{"street": "Street 1", "postalCode": "111 11", "city": "Stockholm", "countryCode": "SE"},
		"primaryDomain":      domain,
	}
}

// newOrg creates an organization and returns its id.
func (a *api) newOrg(name, domain string) string {
	a.t.Helper()
	return lastSegment(a.create("Organizations", orgBody(name, domain)))
}

// newOrgWithBox creates an organization with Box.com added in currency.
func (a *api) newOrgWithBox(name, domain, currency string) string {
	a.t.Helper()
	id := a.newOrg(name, domain)
	a.create("organizations/"+id+"/services", map[string]any{"id": cloudmoretest.BoxServiceID, "currencyCode": currency})
	return id
}

// cspBody is the guide's body for adding Microsoft O365 CSP Direct.
func cspBody(prefix, currency string) map[string]any {
	return map[string]any{
		"id": cloudmoretest.CSPServiceID, "currencyCode": currency,
		"contactEmail": "john.doe@company.com", "contactFirstName": "john", "contactLastName": "doe",
		"contactPhone": "123456789", "domainPrefix": prefix,
		"cloudAgreement": map[string]any{
			"primaryContact": map[string]any{"firstName": "john", "lastName": "doe", "email": "john.doe@company.com", "phoneNumber": "123456789"},
			"dateAgreed":     "2020-05-25T11:53:06.526Z",
		},
	}
}

// clock is a controllable Options.Clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(t time.Time) *clock { return &clock{now: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func noSeed(o *cloudmoretest.Options) { o.NoSeed = true }

func withClock(c *clock) func(*cloudmoretest.Options) {
	return func(o *cloudmoretest.Options) { o.Clock = c.Now }
}
