package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSwaggerTypesDryRunWritesNothing runs `cloudmore swagger types --dry-run` on the SDK
// itself with the generator's test fixture: it prints the diff and the report, exits 0 and
// leaves the SDK's files as they are.
func TestSwaggerTypesDryRunWritesNothing(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(root, "user_groups.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"swagger", "types", "--dry-run", "--dir", root,
		"internal/typegen/testdata/fixture-swagger.json"}, nil, &out, &errOut, env(nil))
	if code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, errOut.String())
	}
	for _, want := range []string{
		"--- a/user_groups.go\n+++ b/user_groups.go\n",
		"+\tMembers []UserGroupMember `json:\"members\"`\n",
		"UserGroup (OrganizationUserGroupViewModel, user_groups.go, answer): 9 fields added\n",
		"SubscriptionHistory (OrganizationSubscriptionHistoryViewModel, subscriptions.go, answer): skipped: ",
		"Models in the document that no SDK type names (1):\n  FixtureOnlyViewModel\n",
		"would change (dry run: nothing written): billing_azure.go, user_groups.go\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
	after, err := os.ReadFile(filepath.Join(root, "user_groups.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("--dry-run changed user_groups.go")
	}
}

// TestSwaggerTypesRefusesWhatItCannotRead: an unreadable document or a directory that is
// not the SDK is a usage error (exit 2), and nothing is written.
func TestSwaggerTypesRefusesWhatItCannotRead(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "notswagger.json")
	if err := os.WriteFile(bad, []byte(`{"paths": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"swagger", "types", "--dir", "../..", bad}, "neither a Swagger 2.0 document"},
		{[]string{"swagger", "types", "--dir", "../..", "missing.json"}, "no such file"},
		{[]string{"swagger", "types", "--dir", t.TempDir(), "internal/typegen/testdata/fixture-swagger.json"}, "no Go file of package cloudmore"},
		{[]string{"swagger", "types"}, "needs 1 argument"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tc.args, nil, &out, &errOut, env(nil))
		if code != exitUsage || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
	}
}
