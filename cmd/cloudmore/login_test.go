package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// TestLoginOnATerminalAsksWithoutEcho: on a terminal, profile login asks for what is
// missing; the password and client secret are read without echo (readPassword, never the line
// reader), stored in the keyring and printed nowhere. A second login asks for the password
// only: the rest, the client secret too, is the saved profile's.
func TestLoginOnATerminalAsksWithoutEcho(t *testing.T) {
	useMockKeyring(t)
	stdin := strings.NewReader("api.user@broker.example\n3c913dd6-f094-4bf7-9c71-e1716ae34d50\n")
	savedTerm, savedRead := isTerminal, readPassword
	defer func() { isTerminal, readPassword = savedTerm, savedRead }()
	isTerminal = func(f any) bool { return f == any(stdin) }
	var secrets []string
	readPassword = func(f any) ([]byte, error) {
		if f != any(stdin) {
			t.Errorf("readPassword(%v), want stdin", f)
		}
		s := []string{"pw-typed-1", "cs-typed-2", "pw-typed-3"}[len(secrets)]
		secrets = append(secrets, s)
		return []byte(s), nil
	}
	dir := t.TempDir()
	vars := env(map[string]string{"XDG_CONFIG_HOME": dir})
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"profile", "login", "work"}, stdin, &out, &errOut, vars); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	path := filepath.Join(dir, "cloudmore", "profiles.json")
	want := "Username: Password: \nClient secret: \nReseller id: saved profile \"work\" in " + path + "\n" +
		"its password and client secret are in the system keyring (service \"cloudmore-cli\", account \"work\")\n"
	if errOut.String() != want || out.Len() != 0 {
		t.Errorf("stderr %q, want %q; stdout %q", errOut.String(), want, out.String())
	}
	if len(secrets) != 2 {
		t.Errorf("readPassword called %d times, want 2 (password, client secret)", len(secrets))
	}
	item, err := keyring.Get(keyringService, "work")
	if err != nil || item != `{"clientSecret":"cs-typed-2","password":"pw-typed-1"}` {
		t.Errorf("keyring item %q (%v)", item, err)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "typed") || !strings.Contains(string(b), `"keyring": true`) ||
		!strings.Contains(string(b), `"username": "api.user@broker.example"`) {
		t.Errorf("profiles file: %s", b)
	}

	out.Reset()
	errOut.Reset()
	stdin.Reset("")
	if code := run(context.Background(), []string{"--profile", "work", "profile", "login"}, stdin, &out, &errOut, vars); code != 0 {
		t.Fatalf("second login: exit %d: %s", code, errOut.String())
	}
	if !strings.HasPrefix(errOut.String(), "Password: \nsaved profile \"work\"") || len(secrets) != 3 {
		t.Errorf("second login: stderr %q, %d reads without echo", errOut.String(), len(secrets))
	}
	item, _ = keyring.Get(keyringService, "work")
	if item != `{"clientSecret":"cs-typed-2","password":"pw-typed-3"}` {
		t.Errorf("keyring item after the second login %q", item)
	}
}
