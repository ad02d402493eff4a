package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader in two goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestInterruptedExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C before the call
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"--fake", "organizations", "list"}, strings.NewReader(""), &out, &errOut, env(nil))
	if code != exitInterrupted {
		t.Fatalf("exit %d, want 130; stderr %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "interrupted") || out.Len() != 0 {
		t.Errorf("stdout %q stderr %q", out.String(), errOut.String())
	}
}

func TestInterruptedReportPrintsResumeToken(t *testing.T) {
	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.PollsUntilDone = 1000 })
	creds := srv.Credentials()
	vars := env(map[string]string{"CLOUDMORE_BASE_URL": srv.URL(), "CLOUDMORE_RESELLER_ID": srv.ResellerID(),
		"CLOUDMORE_CLIENT_SECRET": creds.ClientSecret, "CLOUDMORE_USERNAME": creds.Username, "CLOUDMORE_PASSWORD": creds.Password})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	go func() { // Ctrl-C during the wait: once the report has started
		for ctx.Err() == nil && !strings.Contains(errOut.String(), "resume token: ") {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	code := run(ctx, []string{"billing", "report", "--month", "2026-11", "--wait", "--poll-interval", "20ms", "-o", "jsonl"}, nil, &out, &errOut, vars)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want 130; stderr %s", code, errOut.String())
	}
	if !regexp.MustCompile(`(?m)^resume with: cloudmore billing report --resume \S+ -o jsonl --poll-interval 20ms$`).MatchString(errOut.String()) {
		t.Errorf("stderr %q", errOut.String())
	}
}

func TestFakeServeServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"fake", "serve", "--addr", "127.0.0.1:0"}, nil, &out, &errOut, env(nil))
	}()
	re := regexp.MustCompile(`CLOUDMORE_BASE_URL=(\S+)`)
	var url string
	for i := 0; i < 200 && url == ""; i++ {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	if url == "" {
		t.Fatalf("no URL printed: %q", out.String())
	}
	c, err := cloudmore.NewClient(cloudmore.WithBaseURL(url), cloudmore.WithResellerID(cloudmoretest.DefaultResellerID),
		cloudmore.WithCredentials(cloudmore.Credentials{ClientSecret: cloudmoretest.DefaultClientSecret,
			Username: cloudmoretest.DefaultUsername, Password: cloudmoretest.DefaultPassword}))
	if err != nil {
		t.Fatal(err)
	}
	orgs, _, err := c.Organizations.List(ctx, nil)
	if err != nil || len(orgs) != 3 {
		t.Fatalf("list: %d organizations, %v", len(orgs), err)
	}
	// a create's Location names the address served, not the fake's own
	req, err := c.NewRequest(ctx, "POST", "Organizations", nil, &cloudmore.CreateOrganizationRequest{
		Name: "sdk-cli-serve", RegistrationNumber: "SDK-CLI-1", NotificationEmail: "it@sdk-cli-serve.example.com",
		Contact:       &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane.doe@sdk-cli-serve.example.com", Phone: "+46812345678"},
		Address:       &cloudmore.OrganizationAddress{Street: "Storgatan 1", PostalCode: "111 22", City: "Stockholm", CountryCode: "SE"},
		PrimaryDomain: "sdk-cli-serve.example.com",
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, url+"/") {
		t.Errorf("Location %q, want it under %s", loc, url)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d; stderr %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fake serve did not stop")
	}
	if !strings.Contains(errOut.String(), "stopped") {
		t.Errorf("stderr %q", errOut.String())
	}
}

func TestExitCodes(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{cloudmore.ErrNotFound, 1},
		{&cloudmore.ValidationError{Field: "id"}, 2},
		{usagef("bad"), 2},
		{&cloudmore.AuthError{}, 3},
		{&cloudmore.UnknownOutcomeError{}, 4},
		{&codeError{exitError, errReported}, 1},
	} {
		if got := exitCode(ctx, tc.err); got != tc.want {
			t.Errorf("exitCode(%T) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestGenericKeepsScaleAndOrder(t *testing.T) {
	g, err := generic(struct {
		B cloudmore.Decimal `json:"b"`
		A string            `json:"a"`
	}{cloudmore.MustDecimal("282.80"), "x"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	a := &app{}
	if err := a.write(&b, "json", g, nil); err != nil {
		t.Fatal(err)
	}
	if b.String() != "{\n  \"b\": 282.80,\n  \"a\": \"x\"\n}\n" {
		t.Errorf("json %q", b.String())
	}
	b.Reset()
	_ = a.write(&b, "yaml", g, nil)
	if b.String() != "b: 282.80\na: x\n" {
		t.Errorf("yaml %q", b.String())
	}
}

// TestProgressOnlyOnATerminal: with stderr a terminal, bulk updates draw a progress bar and the
// report wait a spinner there; stdout has the data only. (The scripts run without a terminal:
// no progress at all.)
func TestProgressOnlyOnATerminal(t *testing.T) {
	var out, errOut syncBuffer
	saved := isTerminal
	isTerminal = func(w any) bool { return w == any(&errOut) }
	defer func() { isTerminal = saved }()
	dir := t.TempDir()
	file := dir + "/changes.csv"
	csv := "organizationId,serviceId,productId,customServiceProduct,currencyCode,salesPrice\n" +
		"ff0eb40d-26f9-4cbb-b431-10fe66bc838e,a65727d5-3d23-455d-9ee6-9c843e13dd0a,bf5f9d65-bdf7-4f99-9415-0fa642453554,true,GBP,120.50\n" +
		"ff0eb40d-26f9-4cbb-b431-10fe66bc838e,a65727d5-3d23-455d-9ee6-9c843e13dd0a,587c84f5-820c-4673-97e5-dd99e3e17623,true,GBP,80.00\n"
	if err := writeFile(file, csv); err != nil {
		t.Fatal(err)
	}
	code := run(context.Background(), []string{"--fake", "prices", "update", "--file", file, "-o", "csv"}, nil, &out, &errOut, env(map[string]string{"NO_COLOR": "1"}))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "price changes") || !strings.Contains(errOut.String(), "/2)") {
		t.Errorf("no progress bar on stderr: %q", errOut.String())
	}
	if strings.Contains(out.String(), "\r") || strings.Count(out.String(), "\n") != 3 {
		t.Errorf("stdout %q", out.String())
	}
	errOut = syncBuffer{}
	out = syncBuffer{}
	code = run(context.Background(), []string{"--fake", "billing", "report", "--month", "2026-11", "--wait", "--poll-interval", "200ms", "-o", "jsonl"}, nil, &out, &errOut, env(nil))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "waiting for the report") {
		t.Errorf("no spinner on stderr: %q", errOut.String())
	}
	if strings.Contains(out.String(), "waiting") {
		t.Errorf("stdout %q", out.String())
	}
}

func writeFile(name, s string) error { return os.WriteFile(name, []byte(s), 0o600) }
