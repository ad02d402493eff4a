// Command gen writes sdk.json, the SDK's operations and models read from its source; run it
// with `go generate ./internal/metadata` from the repository root.
package main

import (
	"fmt"
	"os"

	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

func main() {
	b, err := metadata.Generate("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("sdk.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
