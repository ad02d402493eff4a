package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestEveryWriteHasDryRun: every command whose help names an operation other than a GET has
// --dry-run, every one that names a DELETE has --yes, and a command that only reads has
// neither; cloudmore api, which sends any method, has both.
func TestEveryWriteHasDryRun(t *testing.T) {
	writes := 0
	for _, c := range commands(t) {
		var methods []string
		for line := range strings.SplitSeq(c.Long, "\n") {
			if op, ok := strings.CutPrefix(line, "Cloudmore API: "); ok {
				m, _, _ := strings.Cut(op, " ")
				methods = append(methods, m)
			}
		}
		if c.CommandPath() == "cloudmore api" {
			methods = []string{"POST", "DELETE"}
		}
		if len(methods) == 0 {
			continue
		}
		write := slices.ContainsFunc(methods, func(m string) bool { return m != "GET" })
		del := slices.Contains(methods, "DELETE")
		if write {
			writes++
		}
		if got := c.Flags().Lookup("dry-run") != nil; got != write {
			t.Errorf("%s (%v): --dry-run %v, want %v", c.CommandPath(), methods, got, write)
		}
		if got := c.Flags().Lookup("yes") != nil; got != del {
			t.Errorf("%s (%v): --yes %v, want %v", c.CommandPath(), methods, got, del)
		}
	}
	if writes < 100 {
		t.Errorf("only %d commands write: the walk missed them", writes)
	}
}

// TestRedactMember: the secrets of a body or query are redacted by their member's name, a
// header keeps its name, the run's own credentials are redacted anywhere, and nothing else
// changes.
func TestRedactMember(t *testing.T) {
	a := &app{secrets: []string{"Own-Secret-1234"}}
	in := `{"name": "x", "password": "Pa55-word", "basicAuthPassword": "Hook-Pa55", "httpHeader": "X-Api-Key: k3y",
		"nested": {"clientSecret": "s3cret", "token": 12345, "note": "Own-Secret-1234 was here", "empty": ""},
		"list": [{"accessToken": "t0k"}, "plain"], "quantity": 3, "isTrial": false, "headerOnly": "novalue"}`
	v, err := decodeInput([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a.redactMember("", v))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"x","password":"REDACTED","basicAuthPassword":"REDACTED","httpHeader":"X-Api-Key: REDACTED",` +
		`"nested":{"clientSecret":"REDACTED","token":"REDACTED","note":"REDACTED was here","empty":""},` +
		`"list":[{"accessToken":"REDACTED"},"plain"],"quantity":3,"isTrial":false,"headerOnly":"REDACTED"}`
	if string(b) != want {
		t.Errorf("redacted\n%s\nwant\n%s", b, want)
	}
	if q := a.redactMember("token", []any{"a1", "b2"}); q.([]any)[0] != "REDACTED" || q.([]any)[1] != "REDACTED" {
		t.Errorf("a repeated query parameter: %v", q)
	}
}

// TestDryRunSendsNothingInProcess runs a create with --dry-run against the built-in fake: the
// request is printed and the fake's log stays empty (the scripts check the same over HTTP).
func TestDryRunSendsNothingInProcess(t *testing.T) {
	var out, errOut strings.Builder
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: env(nil)}
	defer a.close()
	root := a.rootCommand()
	root.SetArgs([]string{"--fake", "users", "create", "ff0eb40d-26f9-4cbb-b431-10fe66bc838e", "--dry-run", "-o", "json",
		"--data", `{"name": "n@example.com", "password": "Pa55-word-91", "roleId": "1"}`})
	root.SetOut(&out)
	root.SetErr(&errOut)
	cmd, err := root.ExecuteC()
	if err = a.endDryRun(cmd, err); err != nil {
		t.Fatalf("%v; stderr %s", err, errOut.String())
	}
	if a.fakeSrv == nil {
		t.Fatal("no fake was started")
	}
	if reqs := a.fakeSrv.Requests(); len(reqs) != 0 {
		t.Errorf("the fake got %v", reqs)
	}
	var got struct {
		Method, Path string
		Body         map[string]string
	}
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if got.Method != "POST" || !strings.HasSuffix(got.Path, "/organizations/ff0eb40d-26f9-4cbb-b431-10fe66bc838e/Users") ||
		got.Body["password"] != "REDACTED" || got.Body["name"] != "n@example.com" {
		t.Errorf("printed %s", out.String())
	}
	if strings.Contains(out.String()+errOut.String(), "Pa55-word-91") {
		t.Error("the password was printed")
	}
}
