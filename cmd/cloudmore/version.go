package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// commandVersion is the command's module version as the build recorded it: the tag a
// `go install ...@v1.2.3` built, "(devel)" when built from a clone without one.
func commandVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionText is what `cloudmore version` and `cloudmore --version` print: the command's
// version and the SDK's (cloudmore.Version, the one its User-Agent sends).
func versionText() string {
	return fmt.Sprintf("cloudmore version %s\ncloudmore-go SDK version %s\n", commandVersion(), cloudmore.Version)
}

// addVersion gives root --version and the version command.
func addVersion(a *app, root *cobra.Command) {
	root.Version = commandVersion()
	root.SetVersionTemplate(versionText())
	root.AddCommand(&cobra.Command{
		Use:     "version",
		Short:   "Print the command's and the SDK's versions",
		Long:    "Print the command's version (\"(devel)\" when built from a clone) and the SDK's.",
		Example: "  cloudmore version\n  cloudmore --version",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprint(a.stdout, versionText())
			return err
		},
	})
}
