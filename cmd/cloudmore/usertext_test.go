package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// goIsms are what a user of the command should never read: the SDK's option, field and type
// names, and encoding/json's Go vocabulary.
var goIsms = regexp.MustCompile(`\bExtra\b|\bWith[A-Z][A-Za-z]+|\*?cloudmore\.[A-Z]|Go struct field|\bFor(Seller|Reseller)\b|` +
	`json: cannot unmarshal|\b(DisplayName|ClientSecret|ResellerID|SellerID|BaseURL)\b|\bmap\[string\]`)

// TestErrorsSpeakTheUsersLanguage runs failing commands of every kind (bad settings in the
// environment or a profile, bad --data, bodies the SDK refuses, answers that do not decode,
// tokens for another reseller or seller, a redirected write) and checks that what they print
// names the flag, variable or profile setting the user gave, never a Go name.
func TestErrorsSpeakTheUsersLanguage(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	creds := srv.Credentials()
	const org = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	base := map[string]string{"CLOUDMORE_BASE_URL": srv.URL(), "CLOUDMORE_RESELLER_ID": srv.ResellerID(),
		"CLOUDMORE_CLIENT_SECRET": creds.ClientSecret, "CLOUDMORE_USERNAME": creds.Username, "CLOUDMORE_PASSWORD": creds.Password}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	dir := t.TempDir()
	profiles := `{"nopassword": {"username": "u", "clientSecret": "s", "resellerId": "` + srv.ResellerID() + `", "baseUrl": "` + srv.URL() + `"},
	 "noreseller": {"username": "` + creds.Username + `", "clientSecret": "` + creds.ClientSecret + `", "password": "` + creds.Password + `", "baseUrl": "` + srv.URL() + `"},
	 "badurl": {"username": "u", "clientSecret": "s", "password": "p", "resellerId": "` + srv.ResellerID() + `", "baseUrl": "ftp://example.com"}}`
	if err := os.MkdirAll(filepath.Join(dir, "cloudmore"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "cloudmore", "profiles.json"), []byte(profiles), 0o600); err != nil {
		t.Fatal(err)
	}
	fake := map[string]string{"CLOUDMORE_FAKE": "1"}

	// a seller's resume token, then another seller resuming it; a reseller's, likewise
	var out, errOut syncBuffer
	sellerEnv := with("CLOUDMORE_SELLER_ID", srv.SellerID())
	if code := run(context.Background(), []string{"seller", "consumption", "bulk-submit", "--data", `{"consumptions": [{"subscriptionId": "x", "quantity": 1}]}`},
		nil, &out, &errOut, env(sellerEnv)); code != 0 {
		t.Fatalf("bulk-submit: exit %d: %s", code, errOut.String())
	}
	sellerToken := regexp.MustCompile(`resume token: (\S+)`).FindStringSubmatch(errOut.String())[1]
	out, errOut = syncBuffer{}, syncBuffer{}
	if code := run(context.Background(), []string{"billing", "report", "--month", "2026-11"}, nil, &out, &errOut, env(base)); code != 0 {
		t.Fatalf("billing report: exit %d: %s", code, errOut.String())
	}
	reportToken := regexp.MustCompile(`resume token: (\S+)`).FindStringSubmatch(errOut.String())[1]
	const otherID = "11111111-2222-3333-4444-555555555555"

	for _, tc := range []struct {
		name  string
		vars  map[string]string
		args  []string
		setup func()
		want  string // what the message names instead
	}{
		{"base URL not a URL", with("CLOUDMORE_BASE_URL", "ftp://example.com"), []string{"organizations", "list"}, nil, "CLOUDMORE_BASE_URL"},
		{"base URL with a password", with("CLOUDMORE_BASE_URL", "https://u:p@example.com"), []string{"organizations", "list"}, nil, "CLOUDMORE_BASE_URL"},
		{"base URL plain http", with("CLOUDMORE_BASE_URL", "http://api.example.com"), []string{"organizations", "list"}, nil, "CLOUDMORE_BASE_URL"},
		{"reseller id", with("CLOUDMORE_RESELLER_ID", "abc"), []string{"organizations", "list"}, nil, "CLOUDMORE_RESELLER_ID"},
		{"seller id", with("CLOUDMORE_SELLER_ID", "abc"), []string{"seller", "services", "list"}, nil, "CLOUDMORE_SELLER_ID"},
		{"no seller id", base, []string{"seller", "services", "list"}, nil, "no seller id: set CLOUDMORE_SELLER_ID"},
		{"profile without a password", with("XDG_CONFIG_HOME", dir), []string{"--profile", "nopassword", "organizations", "list"}, nil, `profile "nopassword"`},
		{"profile without a reseller id", with("XDG_CONFIG_HOME", dir), []string{"--profile", "noreseller", "organizations", "list"}, nil, `no reseller id: set resellerId in profile "noreseller"`},
		{"profile with a bad URL", with("XDG_CONFIG_HOME", dir), []string{"--profile", "badurl", "organizations", "list"}, nil, `baseUrl in profile "badurl"`},
		{"--data member of the wrong type", fake, []string{"organizations", "create", "--data", `{"name": 1}`}, nil, `--data: member "name"`},
		{"--data nested member of the wrong type", fake, []string{"organizations", "create", "--data", `{"name": "x", "address": {"city": 5}}`}, nil, `--data: member "address.city"`},
		{"--data unknown member", fake, []string{"organizations", "create", "--data", `{"name": "x", "nope": 1}`}, nil, `--data: this request has no member "nope" (its members: address, `},
		{"--data a typed member in another case", fake, []string{"organizations", "update", org, "--data", `{"DisplayName": "x"}`}, nil, ""},
		{"empty update", fake, []string{"organizations", "update", org, "--data", `{}`}, nil, "the request body is empty: give its members with the flags or --data"},
		{"undocumented body empty", fake, []string{"broker", "organization-groups", "create", "--data", `{}`}, nil, "--data"},
		{"user without a role", fake, []string{"users", "create", org, "--name", "a@b.example", "--first-name", "A", "--last-name", "B"}, nil, "missing --role"},
		{"an answer that does not decode", base, []string{"organizations", "get", org}, func() {
			srv.ScriptStatuses("GET", "/api/resellers/{resellerId}/Organizations/"+org, cloudmoretest.Fault{Status: 200, Body: `{"id": "` + org + `", "name": 5}`})
		}, `member "name"`},
		{"a redirected write", base, []string{"organizations", "update", org, "--display-name", "x"}, func() {
			srv.ScriptStatuses("PUT", "/api/resellers/{resellerId}/Organizations/"+org, cloudmoretest.Fault{Status: 307})
		}, "CLOUDMORE_BASE_URL"},
		{"a seller's token resumed for another seller", with("CLOUDMORE_SELLER_ID", otherID), []string{"seller", "consumption", "bulk-status", sellerToken}, nil, "CLOUDMORE_SELLER_ID"},
		{"a reseller's token resumed for another reseller", with("CLOUDMORE_RESELLER_ID", otherID), []string{"billing", "report", "--resume", reportToken}, nil, "CLOUDMORE_RESELLER_ID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			var out, errOut syncBuffer
			code := run(context.Background(), tc.args, nil, &out, &errOut, env(tc.vars))
			all := out.String() + errOut.String()
			t.Logf("exit %d: %s", code, all)
			if code == 0 && tc.want != "" {
				t.Fatalf("exit 0: %s", all)
			}
			if m := goIsms.FindString(all); m != "" {
				t.Errorf("exit %d; the output says %q:\n%s", code, m, all)
			}
			if !strings.Contains(all, tc.want) {
				t.Errorf("exit %d; the output does not name %s:\n%s", code, tc.want, all)
			}
		})
	}
}

// TestDataMemberInAnotherCaseIsTheField: encoding/json gives a --data member spelled in
// another case to the typed field; it is sent once, under the field's name, not a second
// time among the untyped members.
func TestDataMemberInAnotherCaseIsTheField(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	creds := srv.Credentials()
	vars := map[string]string{"CLOUDMORE_BASE_URL": srv.URL(), "CLOUDMORE_RESELLER_ID": srv.ResellerID(),
		"CLOUDMORE_CLIENT_SECRET": creds.ClientSecret, "CLOUDMORE_USERNAME": creds.Username, "CLOUDMORE_PASSWORD": creds.Password}
	var out, errOut syncBuffer
	const org = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	if code := run(context.Background(), []string{"organizations", "update", org, "--data", `{"DisplayName": "Renamed"}`}, nil, &out, &errOut, env(vars)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var body string
	for _, r := range srv.Requests() {
		if r.Method == "PUT" {
			body = string(r.Body)
		}
	}
	if body != `{"displayName":"Renamed"}` {
		t.Errorf("sent %s", body)
	}
}
