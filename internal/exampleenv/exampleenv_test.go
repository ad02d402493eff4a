package exampleenv

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

const testResellerID = "3c913dd6-f094-4bf7-9c71-e1716ae34d50"

// allVars are every variable FromEnv reads.
var allVars = []string{
	"CLOUDMORE_CLIENT_ID", "CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD",
	"CLOUDMORE_RESELLER_ID", "CLOUDMORE_ENV", "CLOUDMORE_ALLOW_LIVE",
}

// setEnv gives the test exactly these CLOUDMORE_* variables ("" is unset, for FromEnv).
func setEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range allVars {
		t.Setenv(k, vars[k])
	}
}

// credentials are the four variables that go together, plus extra.
func credentials(extra map[string]string) map[string]string {
	m := map[string]string{
		"CLOUDMORE_CLIENT_SECRET": "secret",
		"CLOUDMORE_USERNAME":      "api.user@broker.example",
		"CLOUDMORE_PASSWORD":      "password",
		"CLOUDMORE_RESELLER_ID":   testResellerID,
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name    string
		vars    map[string]string
		fake    bool     // want nil, nil: use the fake
		wantErr []string // substrings of the error
		env     cloudmore.Environment
		id      string // client id
	}{
		{name: "none set", vars: nil, fake: true},
		{name: "only optional ones set", vars: map[string]string{"CLOUDMORE_CLIENT_ID": "x", "CLOUDMORE_ENV": "staging"}, fake: true},
		{name: "partial", vars: map[string]string{"CLOUDMORE_USERNAME": "u", "CLOUDMORE_RESELLER_ID": testResellerID},
			wantErr: []string{"CLOUDMORE_USERNAME, CLOUDMORE_RESELLER_ID set", "CLOUDMORE_CLIENT_SECRET, CLOUDMORE_PASSWORD missing"}},
		{name: "one missing", vars: credentials(map[string]string{"CLOUDMORE_PASSWORD": ""}),
			wantErr: []string{"CLOUDMORE_PASSWORD missing", "or none to use the built-in fake"}},
		{name: "all set", vars: credentials(nil), env: cloudmore.Staging, id: cloudmore.DefaultClientID},
		{name: "explicit staging, client id", vars: credentials(map[string]string{"CLOUDMORE_ENV": " Staging ", "CLOUDMORE_CLIENT_ID": "my.client"}),
			env: cloudmore.Staging, id: "my.client"},
		{name: "production without ALLOW_LIVE", vars: credentials(map[string]string{"CLOUDMORE_ENV": "production"}),
			wantErr: []string{"live platform", "set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "production with ALLOW_LIVE=true", vars: credentials(map[string]string{"CLOUDMORE_ENV": "prod", "CLOUDMORE_ALLOW_LIVE": "true"}),
			wantErr: []string{"set CLOUDMORE_ALLOW_LIVE=1"}},
		{name: "production with ALLOW_LIVE=1", vars: credentials(map[string]string{"CLOUDMORE_ENV": "production", "CLOUDMORE_ALLOW_LIVE": "1"}),
			env: cloudmore.Production, id: cloudmore.DefaultClientID},
		{name: "unknown environment", vars: credentials(map[string]string{"CLOUDMORE_ENV": "test"}),
			wantErr: []string{`CLOUDMORE_ENV="test": want staging or production`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setEnv(t, tc.vars)
			cfg, err := FromEnv()
			if len(tc.wantErr) > 0 {
				require.Error(t, err)
				assert.Nil(t, cfg)
				for _, want := range tc.wantErr {
					assert.Contains(t, err.Error(), want)
				}
				return
			}
			require.NoError(t, err)
			if tc.fake {
				assert.Nil(t, cfg)
				return
			}
			require.NotNil(t, cfg)
			assert.Equal(t, tc.env, cfg.Environment)
			assert.Equal(t, cloudmore.Credentials{ClientID: tc.id, ClientSecret: "secret",
				Username: "api.user@broker.example", Password: "password"}, cfg.Credentials)
			assert.Equal(t, testResellerID, cfg.ResellerID)
		})
	}
}

// Against a real host the options name its environment, the credentials and the reseller id;
// building the client sends nothing.
func TestSetupStaging(t *testing.T) {
	setEnv(t, credentials(nil))
	env, err := Setup()
	require.NoError(t, err)
	defer env.Close()
	assert.False(t, env.IsFake())
	assert.Nil(t, env.Fake)
	assert.Equal(t, "Using Cloudmore Staging (https://api-staging.cloudmore.com) as api.user@broker.example", env.Banner)
	assert.Regexp(t, `^sdk-example-\d+-$`, env.Prefix)

	c, err := cloudmore.NewClient(env.Options()...)
	require.NoError(t, err)
	assert.Equal(t, cloudmore.Staging.BaseURL(), c.BaseURL())
	assert.Equal(t, testResellerID, c.ResellerID())
}

// Without credentials the options point at a fake that Setup started, which the client can use.
func TestSetupFake(t *testing.T) {
	setEnv(t, nil)
	env, err := Setup()
	require.NoError(t, err)
	defer env.Close()
	require.True(t, env.IsFake())
	assert.Equal(t, FakeBanner, env.Banner)

	c, err := cloudmore.NewClient(env.Options()...)
	require.NoError(t, err)
	assert.Equal(t, env.Fake.URL(), c.BaseURL())
	orgs, _, err := c.Organizations.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Len(t, orgs, 3, "the fake's seed organizations")
}

func TestSetupRefusesBadEnvironment(t *testing.T) {
	setEnv(t, credentials(map[string]string{"CLOUDMORE_ENV": "production"}))
	_, err := Setup()
	assert.ErrorContains(t, err, "CLOUDMORE_ALLOW_LIVE=1")
}

// runMain prints the banner first, runs the cleanups last registered first also when the
// example failed, and reports every error with a non-zero exit code.
func TestRunMain(t *testing.T) {
	setEnv(t, nil)
	t.Run("success", func(t *testing.T) {
		var out, errOut bytes.Buffer
		var cleaned bool
		code := runMain(&out, &errOut, func(ctx context.Context, env *Env) error {
			env.Cleanup(func(context.Context) error { cleaned = true; return nil })
			out.WriteString("work\n")
			return nil
		})
		assert.Equal(t, 0, code)
		assert.Equal(t, FakeBanner+"\nwork\n", out.String())
		assert.Empty(t, errOut.String())
		assert.True(t, cleaned)
	})
	t.Run("failure still cleans up", func(t *testing.T) {
		var out, errOut bytes.Buffer
		var order []string
		var fake *cloudmoretest.Server
		code := runMain(&out, &errOut, func(ctx context.Context, env *Env) error {
			fake = env.Fake
			env.Cleanup(func(context.Context) error { order = append(order, "first"); return nil })
			env.Cleanup(func(context.Context) error { order = append(order, "second"); return errors.New("cannot delete") })
			return errors.New("boom")
		})
		assert.Equal(t, 1, code)
		assert.Equal(t, []string{"second", "first"}, order, "last registered runs first")
		assert.Equal(t, "error: boom\ncleanup: cannot delete\n", errOut.String())
		require.NotNil(t, fake)
		resp, err := http.Get(fake.URL() + "/connect/token")
		if err == nil {
			resp.Body.Close()
		}
		assert.Error(t, err, "the fake is stopped at the end")
	})
	t.Run("bad environment", func(t *testing.T) {
		setEnv(t, map[string]string{"CLOUDMORE_USERNAME": "u"})
		var out, errOut bytes.Buffer
		ran := false
		code := runMain(&out, &errOut, func(context.Context, *Env) error { ran = true; return nil })
		assert.Equal(t, 1, code)
		assert.False(t, ran)
		assert.Empty(t, out.String())
		assert.True(t, strings.HasPrefix(errOut.String(), "error: CLOUDMORE_USERNAME set but"), errOut.String())
	})
}

func TestOrganizationRequest(t *testing.T) {
	r := OrganizationRequest("sdk-example-1700000000-onboarding")
	assert.Equal(t, "sdk-example-1700000000-onboarding", r.Name)
	assert.Equal(t, "sdk-example-1700000000-onboarding.example.com", r.PrimaryDomain)
	assert.Equal(t, "jane.doe@sdk-example-1700000000-onboarding.example.com", r.Contact.Email)
	assert.NotEqual(t, r.RegistrationNumber, OrganizationRequest("sdk-example-1700000001-onboarding").RegistrationNumber)
}
