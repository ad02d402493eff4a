package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// useMockKeyring gives the test a working in-memory keyring (go-keyring's mock), and puts
// back the tests' failing one after.
func useMockKeyring(t *testing.T) {
	t.Helper()
	keyring.MockInit()
	saved := secretStore
	secretStore = boundedKeyring{systemKeyring{}}
	t.Cleanup(func() {
		keyring.MockInitWithError(errNoTestKeyring)
		secretStore = saved
	})
}

// writeProfilesFile writes a profiles file of mode 0600 under a new config directory and
// returns that directory.
func writeProfilesFile(t *testing.T, json string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "cloudmore"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cloudmore", "profiles.json"), []byte(json), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCredentialPrecedence checks the rule of credentials.go, case by case: which source
// the credentials come from, what each value's source is, which variables are named as not
// used, and which combinations are refused (with both sides named).
func TestCredentialPrecedence(t *testing.T) {
	useMockKeyring(t)
	if err := keyring.Set(keyringService, "work", `{"clientSecret":"work-secret","password":"work-password"}`); err != nil {
		t.Fatal(err)
	}
	dir := writeProfilesFile(t, `{
	 "work": {"username": "work-user", "resellerId": "r-work", "baseUrl": "http://work.example", "keyring": true},
	 "default": {"username": "default-user", "password": "default-password", "clientSecret": "default-secret", "resellerId": "r-default"},
	 "lost": {"username": "lost-user", "resellerId": "r-lost", "keyring": true}}`)
	creds := map[string]string{"CLOUDMORE_CLIENT_SECRET": "env-secret", "CLOUDMORE_USERNAME": "env-user",
		"CLOUDMORE_PASSWORD": "env-password", "CLOUDMORE_RESELLER_ID": "r-env"}
	with := func(m map[string]string, kv ...string) map[string]string {
		out := map[string]string{"XDG_CONFIG_HOME": dir, "HOME": dir}
		for k, v := range m {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	tests := []struct {
		name    string
		flag    string
		env     map[string]string
		user    string // the username used, which tells the source
		chosen  string
		from    map[string]string // some values' sources
		unused  []string
		wantErr string
	}{
		{name: "--profile alone", flag: "work", env: with(nil), user: "work-user", chosen: fromFlag,
			from: map[string]string{"username": fromProfileFile, "password": fromKeyring, "client secret": fromKeyring,
				"host": fromProfileFile, "client id": fromDefault, "seller id": fromNotSet}},
		{name: "--profile before the CLOUDMORE_* variables, which are named", flag: "work", env: with(creds, "CLOUDMORE_ENV", "production"),
			user: "work-user", chosen: fromFlag,
			unused: []string{"CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD", "CLOUDMORE_RESELLER_ID", "CLOUDMORE_ENV"}},
		{name: "--profile before CLOUDMORE_PROFILE", flag: "work", env: with(nil, "CLOUDMORE_PROFILE", "default"),
			user: "work-user", chosen: fromFlag, unused: []string{"CLOUDMORE_PROFILE"}},
		{name: "--profile and the same CLOUDMORE_PROFILE", flag: "work", env: with(nil, "CLOUDMORE_PROFILE", "work"),
			user: "work-user", chosen: fromFlag},
		{name: "CLOUDMORE_PROFILE alone", env: with(nil, "CLOUDMORE_PROFILE", "work"), user: "work-user", chosen: fromProfileEnv},
		{name: "CLOUDMORE_PROFILE and CLOUDMORE_* refused", env: with(creds, "CLOUDMORE_PROFILE", "work"),
			wantErr: "CLOUDMORE_PROFILE=work and CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID are both set"},
		{name: "CLOUDMORE_PROFILE and one CLOUDMORE_* variable refused", env: with(nil, "CLOUDMORE_PROFILE", "work", "CLOUDMORE_BASE_URL", "http://x.example"),
			wantErr: "CLOUDMORE_PROFILE=work and CLOUDMORE_BASE_URL are both set"},
		{name: "CLOUDMORE_* before the profile default", env: with(creds, "CLOUDMORE_BASE_URL", "http://env.example"), user: "env-user", chosen: "environment",
			from: map[string]string{"username": "environment CLOUDMORE_USERNAME", "password": "environment CLOUDMORE_PASSWORD",
				"host": "environment CLOUDMORE_BASE_URL", "client id": fromDefault, "seller id": fromNotSet}},
		{name: "CLOUDMORE_ENV is the host's source", env: with(creds, "CLOUDMORE_ENV", "production"), user: "env-user", chosen: "environment",
			from: map[string]string{"host": "environment CLOUDMORE_ENV"}},
		{name: "one CLOUDMORE_* variable does not fall back to default", env: with(nil, "CLOUDMORE_SELLER_ID", "s"),
			wantErr: "CLOUDMORE_SELLER_ID set but CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID missing"},
		{name: "nothing set: the profile default", env: with(nil), user: "default-user", chosen: fromDefault,
			from: map[string]string{"password": fromProfileFile, "client secret": fromProfileFile, "host": fromDefault}},
		{name: "a named profile missing", flag: "nope", env: with(nil), wantErr: `no profile "nope"`},
		{name: "a keyring item missing", flag: "lost", env: with(nil), wantErr: `profile "lost" keeps its password and client secret in the system keyring, and they are not there`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{getenv: env(tt.env), profile: tt.flag, stderr: &bytes.Buffer{}}
			r, err := a.resolveCredentials()
			if tt.wantErr != "" {
				var ue *usageError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ue) {
					t.Fatalf("err = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.p.Username != tt.user || r.chosen != tt.chosen {
				t.Errorf("username %q chosen %q, want %q %q", r.p.Username, r.chosen, tt.user, tt.chosen)
			}
			for k, want := range tt.from {
				if r.from[k] != want {
					t.Errorf("%s from %q, want %q", k, r.from[k], want)
				}
			}
			if !reflect.DeepEqual(r.unused, tt.unused) {
				t.Errorf("unused %q, want %q", r.unused, tt.unused)
			}
		})
	}

	// the secrets of a keyring profile are the keyring's, and known to the redactor
	a := &app{getenv: env(with(nil)), profile: "work"}
	p, err := a.loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if p.Password != "work-password" || p.ClientSecret != "work-secret" {
		t.Errorf("secrets %q %q, want the keyring's", p.Password, p.ClientSecret)
	}
	if got := a.redact("work-password work-secret"); got != "REDACTED REDACTED" {
		t.Errorf("redact: %q", got)
	}
}

// TestProfileOverridingTheEnvironmentSaysSo: a command run with --profile while CLOUDMORE_*
// variables are set uses the profile and names the unused variables on stderr (never their
// values).
func TestProfileOverridingTheEnvironmentSaysSo(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Credentials()
	dir := writeProfilesFile(t, `{"work": {"username": "`+c.Username+`", "password": "`+c.Password+`", "clientSecret": "`+c.ClientSecret+
		`", "resellerId": "`+srv.ResellerID()+`", "baseUrl": "`+srv.URL()+`"}}`)
	var out, errOut bytes.Buffer
	vars := map[string]string{"XDG_CONFIG_HOME": dir, "CLOUDMORE_USERNAME": "env-user", "CLOUDMORE_PASSWORD": "env-password-x"}
	if code := run(context.Background(), []string{"--profile", "work", "organizations", "list"}, strings.NewReader(""), &out, &errOut, env(vars)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	want := `cloudmore: using profile "work" (--profile); CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD in the environment not used`
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr %q, want %q", errOut.String(), want)
	}
	if strings.Contains(errOut.String(), "env-password-x") || strings.Contains(errOut.String(), c.Password) {
		t.Errorf("a secret on stderr: %q", errOut.String())
	}
}

// TestKeyringThatDoesNotAnswer: a keyring call that hangs (a D-Bus session without a keyring
// daemon) gives up after keyringTimeout, and a login then uses the profiles file.
func TestKeyringThatDoesNotAnswer(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	saved, savedTimeout := secretStore, keyringTimeout
	defer func() { secretStore, keyringTimeout = saved, savedTimeout }()
	keyringTimeout = time.Millisecond
	secretStore = boundedKeyring{hangingKeyring{block}}

	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"profile", "login", "work", "--password-stdin", "--client-secret-stdin",
		"--username", "u", "--reseller-id", "3c913dd6-f094-4bf7-9c71-e1716ae34d50"},
		strings.NewReader("pw-secret-1\ncs-secret-2\n"), &out, &errOut, env(map[string]string{"XDG_CONFIG_HOME": dir}))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "no system keyring (the keyring did not answer in 1ms): its password and client secret are in "+filepath.Join(dir, "cloudmore", "profiles.json")+" (mode 0600)") {
		t.Errorf("stderr: %q", errOut.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "cloudmore", "profiles.json"))
	if err != nil || !strings.Contains(string(b), "pw-secret-1") {
		t.Errorf("profiles file %q (%v), want the password in it", b, err)
	}
}

// hangingKeyring never answers until block is closed.
type hangingKeyring struct{ block chan struct{} }

func (k hangingKeyring) wait() error                            { <-k.block; return errors.New("too late") }
func (k hangingKeyring) Set(service, user, secret string) error { return k.wait() }
func (k hangingKeyring) Get(service, user string) (string, error) {
	return "", k.wait()
}
func (k hangingKeyring) Delete(service, user string) error { return k.wait() }
func (k hangingKeyring) DeleteAll(service string) error    { return k.wait() }
