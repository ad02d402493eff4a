package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/cloudmore-sdk/cloudmore-go/internal/exampleenv"
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
	time.AfterFunc(300*time.Millisecond, cancel) // Ctrl-C during the wait
	var out, errOut bytes.Buffer
	code := run(ctx, []string{"billing", "report", "--month", "2026-11", "--wait", "--poll-interval", "20ms"}, nil, &out, &errOut, vars)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want 130; stderr %s", code, errOut.String())
	}
	if !regexp.MustCompile(`resume with: cloudmore billing report --resume \S+`).MatchString(errOut.String()) {
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
	req, err := c.NewRequest(ctx, "POST", "Organizations", nil, exampleenv.OrganizationRequest("sdk-cli-serve"))
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
