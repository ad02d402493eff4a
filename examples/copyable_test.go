package examples_test

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mainFiles returns examples/*/main.go, and checks that TestExamples runs every one.
func mainFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("*", "main.go"))
	require.NoError(t, err)
	var dirs []string
	for _, f := range files {
		dirs = append(dirs, filepath.Dir(f))
	}
	want := append([]string(nil), examples...)
	sort.Strings(want)
	require.Equal(t, want, dirs, "every example is in the list TestExamples runs")
	return files
}

// TestExamplesImportNoInternalPackage: an example is a program a user copies into a module of
// their own, where the SDK's internal packages cannot be imported.
func TestExamplesImportNoInternalPackage(t *testing.T) {
	for _, f := range mainFiles(t) {
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range file.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			assert.False(t, strings.Contains(path, "/internal/") || strings.HasSuffix(path, "/internal"),
				"%s imports %s: a user who copies the example cannot", f, path)
		}
	}
}

// TestExamplesBuildInAModuleOfTheirOwn copies each example's folder into a new module that
// requires the SDK, as a user would, and builds it there: the example needs nothing of this
// repository but the SDK's public packages. The SDK is the working copy (a replace directive);
// nothing is downloaded (GOPROXY=off: the modules come from the module cache).
func TestExamplesBuildInAModuleOfTheirOwn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the examples in a module of their own")
	}
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)

	mod := t.TempDir()
	goMod := "module example.com/mybroker\n\ngo 1.25\n\n" +
		"require github.com/cloudmore-sdk/cloudmore-go v0.0.0\n\n" +
		"replace github.com/cloudmore-sdk/cloudmore-go => " + root + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.mod"), []byte(goMod), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(mod, "go.sum"), sum, 0o644))
	args := []string{"build", "-o", t.TempDir() + string(filepath.Separator)}
	for _, f := range mainFiles(t) {
		name := filepath.Dir(f)
		src, err := os.ReadDir(name)
		require.NoError(t, err)
		require.NoError(t, os.Mkdir(filepath.Join(mod, name), 0o755))
		for _, e := range src { // main.go and what it embeds (manual-billing's lines.csv)
			b, err := os.ReadFile(filepath.Join(name, e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(mod, name, e.Name()), b, 0o644))
		}
		args = append(args, "./"+name)
	}

	cmd := exec.Command("go", args...)
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "the examples do not build in a module of their own:\n%s", out)
}
