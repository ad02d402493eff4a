package cloudmoretest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func passwordForm(user, pass string) url.Values {
	return url.Values{"grant_type": {"password"}, "username": {user}, "password": {pass}, "scope": {"api"}}
}

func TestTokenSuccessShape(t *testing.T) {
	a := newAPI(t)
	c := a.srv.Credentials()
	assert.Equal(t, "ro.customer.client", c.ClientID)
	resp, body := a.tokenRequest(c.ClientID, c.ClientSecret, passwordForm(c.Username, c.Password))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var got map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, float64(86400), got["expires_in"])
	assert.Equal(t, "Bearer", got["token_type"])
	assert.NotEmpty(t, got["access_token"])
	assert.Len(t, got, 3)
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
}

func TestTokenRefusals(t *testing.T) {
	a := newAPI(t)
	c := a.srv.Credentials()
	cases := []struct {
		name         string
		id, secret   string
		form         url.Values
		status       int
		error, descr string
	}{
		{"wrong password", c.ClientID, c.ClientSecret, passwordForm(c.Username, "nope"), 400, "invalid_grant", "invalid_username_or_password"},
		{"unknown user", c.ClientID, c.ClientSecret, passwordForm("someone@else", c.Password), 400, "invalid_grant", "invalid_username_or_password"},
		{"wrong secret", c.ClientID, "wrong", passwordForm(c.Username, c.Password), 401, "invalid_client", ""},
		{"wrong client id", "other.client", c.ClientSecret, passwordForm(c.Username, c.Password), 401, "invalid_client", ""},
		{"no client", "", "", passwordForm(c.Username, c.Password), 401, "invalid_client", ""},
		{"client credentials grant", c.ClientID, c.ClientSecret, url.Values{"grant_type": {"client_credentials"}, "scope": {"api"}}, 400, "unsupported_grant_type", ""},
		{"no scope", c.ClientID, c.ClientSecret, url.Values{"grant_type": {"password"}, "username": {c.Username}, "password": {c.Password}}, 400, "invalid_scope", ""},
		{"other scope", c.ClientID, c.ClientSecret, url.Values{"grant_type": {"password"}, "username": {c.Username}, "password": {c.Password}, "scope": {"openid"}}, 400, "invalid_scope", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := a.tokenRequest(tc.id, tc.secret, tc.form)
			require.Equal(t, tc.status, resp.StatusCode, string(body))
			var got map[string]string
			require.NoError(t, json.Unmarshal(body, &got))
			assert.Equal(t, tc.error, got["error"])
			if tc.descr != "" {
				assert.Equal(t, tc.descr, got["error_description"])
			}
		})
	}
}

func TestTokenPlainBasicWithSpecialCharacters(t *testing.T) {
	a := newAPI(t, func(o *cloudmoretest.Options) { o.ClientSecret = "s3cr+t/=:x y" })
	c := a.srv.Credentials()
	resp, body := a.tokenRequest(c.ClientID, c.ClientSecret, passwordForm(c.Username, c.Password)) // plain base64(id:secret)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
}

func TestTokenClientSecretInForm(t *testing.T) {
	a := newAPI(t)
	c := a.srv.Credentials()
	form := passwordForm(c.Username, c.Password)
	form.Set("client_id", c.ClientID)
	form.Set("client_secret", c.ClientSecret)
	resp, body := a.tokenRequest("", "", form)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
}

func TestTokenNeedsFormContentType(t *testing.T) {
	a := newAPI(t)
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL()+"/connect/token", strings.NewReader(`{"grant_type":"password"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, body := send(t, req)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, string(body), "invalid_request")
}

func TestTokenOtherUsersAndLifetime(t *testing.T) {
	a := newAPI(t, func(o *cloudmoretest.Options) {
		o.Users = []cloudmoretest.User{{Username: "a@b.example", Password: "pw-a"}, {Username: "c@d.example", Password: "pw-c"}}
		o.ClientID, o.ClientSecret = "my.client", "s3cret"
		o.TokenLifetime = time.Hour
	})
	resp, body := a.tokenRequest("my.client", "s3cret", passwordForm("c@d.example", "pw-c"))
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Contains(t, string(body), `"expires_in":3600`)
	assert.Equal(t, "a@b.example", a.srv.Credentials().Username)
}

func TestAPIWithoutValidTokenIs401(t *testing.T) {
	a := newAPI(t)
	for name, tok := range map[string]string{"missing": "", "unknown": "not-a-token"} {
		resp, body := a.doToken(tok, http.MethodGet, "Organizations", nil)
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, name)
		assert.Empty(t, body, name)
		assert.True(t, strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer"), name)
	}
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
}

func TestTokenExpiresByClock(t *testing.T) {
	clk := newClock(time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC))
	a := newAPI(t, withClock(clk))
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	clk.Advance(24*time.Hour - time.Second)
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	clk.Advance(time.Second)
	resp, body := a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Empty(t, body)
	assert.Contains(t, resp.Header.Get("WWW-Authenticate"), "invalid_token")
	a.token = a.getToken()
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
}

func TestAdvanceExpiresTokens(t *testing.T) {
	a := newAPI(t, func(o *cloudmoretest.Options) { o.TokenLifetime = time.Hour }) // the fake's own clock: time.Now
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	a.srv.Advance(time.Hour - time.Minute)
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
	a.srv.Advance(time.Minute + time.Second) // TokenLifetime + 1s in all
	resp, body := a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Empty(t, body)
	assert.Contains(t, resp.Header.Get("WWW-Authenticate"), "The token is expired")
	a.token = a.getToken() // issued in the fake's advanced time
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
}

func TestAdvanceSDKClientFetchesANewToken(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	_, _, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	srv.Advance(24*time.Hour + time.Second) // the default TokenLifetime + 1s
	orgs, _, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err, "the SDK drops the rejected token and replays under a new one")
	assert.Len(t, orgs, 3)
	assert.Equal(t, 2, srv.TokenRequests())
	var statuses []int
	for _, r := range srv.Requests() {
		statuses = append(statuses, r.Status)
	}
	assert.Equal(t, []int{200, 200, 401, 200, 200}, statuses, "token, list, list with the expired token, token, list")
}

func TestRevokeTokens(t *testing.T) {
	a := newAPI(t)
	old := a.token
	a.srv.RevokeTokens()
	resp, _ := a.doToken(old, http.MethodGet, "Organizations", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	a.token = a.getToken()
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil)
}

func TestOtherResellerIs403(t *testing.T) {
	a := newAPI(t)
	resp, _ := a.do(http.MethodGet, "/api/resellers/11111111-2222-3333-4444-555555555555/Organizations", nil)
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	// Without a token the answer is 401 first.
	resp, _ = a.doToken("", http.MethodGet, "/api/resellers/11111111-2222-3333-4444-555555555555/Organizations", nil)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestTokenRequestsCount(t *testing.T) {
	a := newAPI(t) // one token request
	c := a.srv.Credentials()
	a.tokenRequest(c.ClientID, "wrong", passwordForm(c.Username, c.Password))
	a.do(http.MethodGet, "Organizations", nil)
	assert.Equal(t, 2, a.srv.TokenRequests())
}

func TestSetTokenLatency(t *testing.T) {
	a := newAPI(t)
	a.srv.SetTokenLatency(300 * time.Millisecond)
	c := a.srv.Credentials()

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, a.srv.URL()+"/connect/token",
		strings.NewReader(passwordForm(c.Username, c.Password).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(c.ClientID, c.ClientSecret)
	_, err := http.DefaultClient.Do(req)
	require.Error(t, err, "the token endpoint should be slower than the deadline")

	start := time.Now()
	a.wantStatus(http.StatusOK, http.MethodGet, "Organizations", nil) // API calls are not slowed
	assert.Less(t, time.Since(start), 250*time.Millisecond)
}

func TestClientAndCredentials(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	require.NotNil(t, c)
	require.NotNil(t, c.Organizations)
	assert.NotContains(t, srv.Credentials().String(), cloudmoretest.DefaultPassword)
	assert.Equal(t, cloudmoretest.DefaultResellerID, srv.ResellerID())
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"), srv.URL())
}

// TestOAuth2ClientGetsToken runs golang.org/x/oauth2's password grant, which the SDK uses,
// against the token endpoint, with the client in the Basic header and in the form.
func TestOAuth2ClientGetsToken(t *testing.T) {
	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.ClientSecret = "s3cr+t/=:x y" })
	c := srv.Credentials()
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		cfg := &oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, Scopes: []string{"api"},
			Endpoint: oauth2.Endpoint{TokenURL: srv.URL() + "/connect/token", AuthStyle: style}}
		tok, err := cfg.PasswordCredentialsToken(context.Background(), c.Username, c.Password)
		require.NoError(t, err)
		assert.Equal(t, "Bearer", tok.TokenType)
		assert.WithinDuration(t, time.Now().Add(24*time.Hour), tok.Expiry, time.Minute)

		_, err = cfg.PasswordCredentialsToken(context.Background(), c.Username, "wrong")
		var re *oauth2.RetrieveError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, "invalid_grant", re.ErrorCode)
		assert.Equal(t, "invalid_username_or_password", re.ErrorDescription)
	}
}
