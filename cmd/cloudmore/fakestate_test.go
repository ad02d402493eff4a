package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// TestFakeCommandWaitsForItsWebhookCalls: a --fake command whose event fires a webhook (the
// seller's service and webhook kept in --fake-state by the commands before) ends only once the
// connector has answered the call, so a local loop does not lose it. The connector takes a
// while to answer; the command has not returned before.
func TestFakeCommandWaitsForItsWebhookCalls(t *testing.T) {
	var answered atomic.Int32
	recv := cloudmore.NewWebhookReceiver(cloudmore.WebhookCredentials{HeaderName: "X-Token", HeaderValue: "tok-3"}).
		On(cloudmore.WebhookOrganizationAddService, func(context.Context, *cloudmore.WebhookEvent) error {
			time.Sleep(200 * time.Millisecond) // a slow connector: the command must not end before it answers
			answered.Add(1)
			return nil
		})
	conn := httptest.NewServer(recv)
	t.Cleanup(conn.Close)
	state := filepath.Join(t.TempDir(), "state.json")
	cmd := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(context.Background(), append([]string{"--fake", "--fake-state", state, "-o", "json"}, args...), strings.NewReader(""), &out, &errOut, env(nil)); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	svc := regexp.MustCompile(`"id": "([0-9a-f-]{36})"`).FindStringSubmatch(cmd("seller", "services", "create", "--name", "Acme Backup"))
	if svc == nil {
		t.Fatal("no service id")
	}
	cmd("seller", "webhooks", "create", "--service-id", svc[1], "--url", conn.URL+"/OrganizationAddService",
		"--trigger-event-type", "OrganizationAddService", "--http-header", "X-Token: tok-3")
	cmd("services", "add", cloudmoretest.SeedOrganization1ID, "--service", svc[1], "--currency", "EUR")
	if n := answered.Load(); n != 1 {
		t.Fatalf("the connector had answered %d calls when the command ended, want 1", n)
	}
}

// TestFakeStateIsNotWrittenOverWhenUnreadable: a --fake-state file that is not a state is bad
// input (exit 2) and stays as it was: the seeded fake the command did not use is not saved over it.
func TestFakeStateIsNotWrittenOverWhenUnreadable(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	if err := writeFile(state, `{"format": "something else"}`); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--fake", "--fake-state", state, "organizations", "list"}, nil, &out, &errOut, env(nil))
	if code != exitUsage {
		t.Fatalf("exit %d, want 2: %s", code, errOut.String())
	}
	if b, _ := os.ReadFile(state); string(b) != `{"format": "something else"}` {
		t.Errorf("the state file was written over: %.60q...", b)
	}
}
