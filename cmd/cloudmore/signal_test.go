//go:build unix

package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// startCommand starts the built command (TestMain puts it on PATH) with env and returns it
// with a reader of its stderr; stdout goes to out.
func startCommand(t *testing.T, env []string, out io.Writer, args ...string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	bin, err := exec.LookPath("cloudmore")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	dir := t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "NO_COLOR=1"}, env...)
	cmd.Stdout = out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, bufio.NewReader(stderr)
}

// waitFor reads lines from r until one matches re (the command has got there), and returns
// the lines read.
func waitFor(t *testing.T, r *bufio.Reader, re *regexp.Regexp) string {
	t.Helper()
	var seen strings.Builder
	for {
		line, err := r.ReadString('\n')
		seen.WriteString(line)
		if re.MatchString(line) {
			return seen.String()
		}
		if err != nil {
			t.Fatalf("%v before a line matching %s; stderr so far:\n%s", err, re, seen.String())
		}
	}
}

// exitOf waits for the command and returns its exit code (-1 when a signal killed it).
func exitOf(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return 0
}

// TestSignalsStopFakeServe: `fake serve` stops on Ctrl-C (SIGINT) and on SIGTERM alike:
// cleanly, saying so, exit 0, after printing where it listens and the fake's credentials.
func TestSignalsStopFakeServe(t *testing.T) {
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			var out syncBuffer
			cmd, stderr := startCommand(t, nil, &out, "fake", "serve", "--addr", "127.0.0.1:0")
			// the server is up once it has printed everything (waiting on the output, not a clock)
			deadline := time.Now().Add(30 * time.Second)
			for !strings.Contains(out.String(), "Ctrl-C stops it.") {
				if time.Now().After(deadline) {
					t.Fatalf("fake serve printed %q", out.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(stderr)
			if code := exitOf(t, cmd); code != 0 {
				t.Errorf("exit %d, want 0; stderr %q", code, rest)
			}
			if string(rest) != "fake Cloudmore stopped\n" {
				t.Errorf("stderr %q, want it to say the fake stopped", rest)
			}
			for _, re := range []string{`(?m)^# Fake Cloudmore listening on http://127\.0\.0\.1:[0-9]+ `, `(?m)^export CLOUDMORE_BASE_URL=http://127\.0\.0\.1:[0-9]+$`,
				`(?m)^export CLOUDMORE_RESELLER_ID=` + cloudmoretest.DefaultResellerID + `$`, `(?m)^export CLOUDMORE_PASSWORD=` + cloudmoretest.DefaultPassword + `$`} {
				if !regexp.MustCompile(re).MatchString(out.String()) {
					t.Errorf("stdout %q does not match %s", out.String(), re)
				}
			}
		})
	}
}

// TestSIGTERMReportPrintsResumeLine: SIGTERM during `billing report --wait` ends it as Ctrl-C
// does (exit 130) with the --resume line, which keeps the output flags the user gave.
func TestSIGTERMReportPrintsResumeLine(t *testing.T) {
	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.PollsUntilDone = 100000 })
	creds := srv.Credentials()
	env := []string{"CLOUDMORE_BASE_URL=" + srv.URL(), "CLOUDMORE_RESELLER_ID=" + srv.ResellerID(),
		"CLOUDMORE_CLIENT_SECRET=" + creds.ClientSecret, "CLOUDMORE_USERNAME=" + creds.Username, "CLOUDMORE_PASSWORD=" + creds.Password}
	var out syncBuffer
	cmd, stderr := startCommand(t, env, &out, "billing", "report", "--month", "2026-11", "--wait", "-o", "csv", "--no-header", "--poll-interval", "20ms")
	seen := waitFor(t, stderr, regexp.MustCompile(`resume token: \S+`))
	token := regexp.MustCompile(`resume token: (\S+)`).FindStringSubmatch(seen)[1]
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(stderr)
	if code := exitOf(t, cmd); code != exitInterrupted {
		t.Errorf("exit %d, want 130; stderr %q", code, rest)
	}
	want := "resume with: cloudmore billing report --resume " + token + " --no-header -o csv --poll-interval 20ms\n"
	if !strings.Contains(string(rest), want) {
		t.Errorf("stderr %q, want the line %q", rest, want)
	}
	if out.String() != "" {
		t.Errorf("stdout %q", out.String())
	}
}
