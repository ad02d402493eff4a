package main

import (
	"runtime/debug"
	"strings"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// TestVersionText: the command's version is the build's main module version ("(devel)"
// when the build has none), and the SDK's is cloudmore.Version, the User-Agent's.
func TestVersionText(t *testing.T) {
	want := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		want = bi.Main.Version
	}
	if got := commandVersion(); got != want {
		t.Errorf("commandVersion() = %q, want %q", got, want)
	}
	text := versionText()
	if text != "cloudmore version "+want+"\ncloudmore-go SDK version "+cloudmore.Version+"\n" {
		t.Errorf("versionText() = %q", text)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out, errOut strings.Builder
		if code := run(t.Context(), args, strings.NewReader(""), &out, &errOut, env(nil)); code != 0 || out.String() != text {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out.String(), errOut.String())
		}
	}
}
