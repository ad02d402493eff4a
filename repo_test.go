package cloudmore_test

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// trackedFiles lists the repository's tracked files, or skips the test outside a git checkout
// (a module downloaded by a user has no .git).
func trackedFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	return strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
}

// TestNoBuildOutputIsTracked keeps builds of the command and other binaries out of the
// repository: no tracked file is an executable (ELF) or larger than 2 MB.
func TestNoBuildOutputIsTracked(t *testing.T) {
	for _, f := range trackedFiles(t) {
		st, err := os.Stat(f)
		if err != nil {
			continue // deleted in the work tree
		}
		if st.Size() > 2<<20 {
			t.Errorf("%s is tracked and %d bytes: build outputs and large data stay out of git", f, st.Size())
		}
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 4)
		n, _ := fh.Read(head)
		fh.Close()
		if bytes.Equal(head[:n], []byte("\x7fELF")) {
			t.Errorf("%s is a tracked executable: ignore build outputs in .gitignore", f)
		}
	}
}

// TestNoFileNamesARegistryHost: no tracked file names the Go module proxy's or checksum
// database's host (the go command's own defaults are read from `go env`, so this file names
// neither); CI takes the proxy's address from GOPROXY or from the go command.
func TestNoFileNamesARegistryHost(t *testing.T) {
	files := trackedFiles(t)
	var hosts []string
	for _, v := range []string{"GOPROXY", "GOSUMDB"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", v, err)
		}
		for _, entry := range strings.FieldsFunc(strings.TrimSpace(string(out)), func(r rune) bool { return r == ',' || r == '|' || r == ' ' }) {
			if u, err := url.Parse(entry); err == nil && u.Host != "" {
				hosts = append(hosts, u.Host)
			} else if strings.Contains(entry, ".") { // GOSUMDB names a host without a scheme
				hosts = append(hosts, entry)
			}
		}
	}
	if len(hosts) == 0 {
		t.Skip("go env names no proxy or checksum database host")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, h := range hosts {
			if bytes.Contains(b, []byte(h)) {
				t.Errorf("%s names the registry host %s", f, h)
			}
		}
	}
}
