package cloudmore

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envVars are every variable OptionsFromEnv reads.
var envVars = []string{
	"CLOUDMORE_CLIENT_ID", "CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD",
	"CLOUDMORE_RESELLER_ID", "CLOUDMORE_SELLER_ID", "CLOUDMORE_ENV", "CLOUDMORE_ALLOW_LIVE", "CLOUDMORE_BASE_URL",
}

// setEnv gives the test exactly these CLOUDMORE_* variables ("" is unset, for OptionsFromEnv).
func setEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range envVars {
		t.Setenv(k, vars[k])
	}
}

// envCreds are the four variables that go together, plus extra ("" unsets one).
func envCreds(extra map[string]string) map[string]string {
	m := map[string]string{
		"CLOUDMORE_CLIENT_SECRET": testClientSecret,
		"CLOUDMORE_USERNAME":      testUsername,
		"CLOUDMORE_PASSWORD":      testPassword,
		"CLOUDMORE_RESELLER_ID":   testResellerID,
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// applied is the client configuration the options make, each option checked as NewClient does.
func applied(t *testing.T, opts []Option) *config {
	t.Helper()
	cfg := &config{baseURL: "unset"}
	for _, o := range opts {
		require.NoError(t, o(cfg))
	}
	return cfg
}

func TestOptionsFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vars    map[string]string
		none    bool     // want nil options and no error
		wantErr []string // substrings of the error
		base    string   // the base URL the options set
		id      string   // the client id
		seller  string
	}{
		{name: "none set", none: true},
		{name: "only optional ones set", none: true, vars: map[string]string{"CLOUDMORE_CLIENT_ID": "x", "CLOUDMORE_ENV": "staging",
			"CLOUDMORE_SELLER_ID": testSellerID, "CLOUDMORE_BASE_URL": "http://127.0.0.1:1"}},
		{name: "partial", vars: map[string]string{"CLOUDMORE_USERNAME": "u", "CLOUDMORE_RESELLER_ID": testResellerID},
			wantErr: []string{"CLOUDMORE_USERNAME, CLOUDMORE_RESELLER_ID set but CLOUDMORE_CLIENT_SECRET, CLOUDMORE_PASSWORD missing: " +
				"set all of CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID, or none to use the built-in fake"}},
		{name: "one missing", vars: envCreds(map[string]string{"CLOUDMORE_RESELLER_ID": ""}),
			wantErr: []string{"CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD set but CLOUDMORE_RESELLER_ID missing"}},
		{name: "all set: staging, the default client id", vars: envCreds(nil), base: Staging.BaseURL()},
		{name: "explicit staging, client id, seller id",
			vars: envCreds(map[string]string{"CLOUDMORE_ENV": " Staging ", "CLOUDMORE_CLIENT_ID": "my.client", "CLOUDMORE_SELLER_ID": testSellerID}),
			base: Staging.BaseURL(), id: "my.client", seller: testSellerID},
		{name: "production without ALLOW_LIVE", vars: envCreds(map[string]string{"CLOUDMORE_ENV": "production"}),
			wantErr: []string{"live platform", "set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "production with ALLOW_LIVE=true", vars: envCreds(map[string]string{"CLOUDMORE_ENV": "prod", "CLOUDMORE_ALLOW_LIVE": "true"}),
			wantErr: []string{"set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "production with ALLOW_LIVE=1", vars: envCreds(map[string]string{"CLOUDMORE_ENV": "production", "CLOUDMORE_ALLOW_LIVE": "1"}),
			base: Production.BaseURL()},
		{name: "unknown environment", vars: envCreds(map[string]string{"CLOUDMORE_ENV": "test"}),
			wantErr: []string{`CLOUDMORE_ENV="test": want staging or production`}},
		{name: "base URL", vars: envCreds(map[string]string{"CLOUDMORE_BASE_URL": "http://127.0.0.1:8080"}), base: "http://127.0.0.1:8080"},
		{name: "base URL of production without ALLOW_LIVE", vars: envCreds(map[string]string{"CLOUDMORE_BASE_URL": "https://API.cloudmore.com/"}),
			wantErr: []string{"CLOUDMORE_BASE_URL is the live platform", "set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "base URL of production with ALLOW_LIVE=1",
			vars: envCreds(map[string]string{"CLOUDMORE_BASE_URL": "https://api.cloudmore.com", "CLOUDMORE_ALLOW_LIVE": "1"}), base: "https://api.cloudmore.com"},
		{name: "base URL does not lift the production guard",
			vars:    envCreds(map[string]string{"CLOUDMORE_ENV": "production", "CLOUDMORE_BASE_URL": "https://proxy.example.com"}),
			wantErr: []string{"set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "ids that are not GUIDs", vars: envCreds(map[string]string{"CLOUDMORE_RESELLER_ID": "my-broker", "CLOUDMORE_SELLER_ID": "42"}),
			wantErr: []string{`CLOUDMORE_RESELLER_ID="my-broker", CLOUDMORE_SELLER_ID="42": want a GUID`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setEnv(t, tc.vars)
			opts, err := OptionsFromEnv()
			if len(tc.wantErr) > 0 {
				require.Error(t, err)
				assert.Nil(t, opts)
				for _, want := range tc.wantErr {
					assert.Contains(t, err.Error(), want)
				}
				for _, secret := range []string{testClientSecret, testPassword} {
					assert.NotContains(t, err.Error(), secret)
				}
				return
			}
			require.NoError(t, err)
			if tc.none {
				assert.Nil(t, opts)
				return
			}
			cfg := applied(t, opts)
			assert.Equal(t, tc.base, cfg.baseURL)
			require.NotNil(t, cfg.creds)
			assert.Equal(t, Credentials{ClientID: tc.id, ClientSecret: testClientSecret, Username: testUsername, Password: testPassword}, *cfg.creds)
			assert.Equal(t, testResellerID, cfg.resellerID)
			assert.Equal(t, tc.seller, cfg.sellerID)
		})
	}
}

// The options reach the host CLOUDMORE_BASE_URL names: the token request carries the client id
// and secret in the Basic header and the user's name and password in the form, and the API call
// the reseller id in its path.
func TestOptionsFromEnvOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var basic, form, path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/connect/token" {
			b, _ := io.ReadAll(r.Body)
			basic, form = r.Header.Get("Authorization"), string(b)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"access_token":"`+testToken+`","expires_in":3600,"token_type":"Bearer"}`)
			return
		}
		path = r.Method + " " + r.URL.Path
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[]`)
	}))
	defer srv.Close()
	setEnv(t, envCreds(map[string]string{"CLOUDMORE_BASE_URL": srv.URL, "CLOUDMORE_CLIENT_ID": "my.client"}))

	opts, err := OptionsFromEnv()
	require.NoError(t, err)
	c, err := NewClient(opts...)
	require.NoError(t, err)
	assert.Equal(t, srv.URL, c.BaseURL())
	_, _, err = c.Organizations.List(t.Context(), nil)
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, "Basic "+base64.StdEncoding.EncodeToString([]byte("my.client:"+testClientSecret)), basic)
	assert.Contains(t, form, "grant_type=password")
	assert.Contains(t, form, "username="+strings.ReplaceAll(testUsername, "@", "%40"))
	assert.Contains(t, form, "password=correct+horse+battery+staple")
	assert.Equal(t, "GET /api/resellers/"+testResellerID+"/Organizations", path)
}
