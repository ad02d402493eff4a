package cloudmore_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDocSnippetsRunAgainstTheFake runs every Go snippet of README.md and doc.go against the
// fake, so that no doc names a field or method that does not exist and none fails.
//
// A snippet is a fenced ```go block of README.md or a tab-indented code block of doc.go. It is
// either top-level declarations (it starts with "func ", as a test of a user's own code does)
// or statements. Statements run in a function of their own with these values in scope, on a
// fresh fake seeded with its demo data:
//
//	ctx                    context.Context
//	c                      *cloudmore.Client, ready for the fake (a snippet may build its own)
//	orgID, serviceID       the fake's first seed organization and its Box.com service
//	subscriptionID         the Box.com subscription of that organization
//	productID, offerID     the Box.com Gold product, the Microsoft AI Builder offer
//	cspServiceID           the fake's Microsoft CSP service
//
// A snippet that builds its client from CLOUDMORE_* finds them set to the fake's account, and
// its WithEnvironment(...) is pointed at the fake (the one rewrite the harness makes). A
// statement snippet may `return err`; log.Fatal ends the run, which fails the test too.
func TestDocSnippetsRunAgainstTheFake(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs a program")
	}
	var snippets []string
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, m := range regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		snippets = append(snippets, m[1])
	}
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	snippets = append(snippets, docBlocks(string(doc))...)
	require.NotEmpty(t, snippets)

	dir, err := os.MkdirTemp(".", ".snippets-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	var src strings.Builder
	src.WriteString(snippetPrologue)
	for i, s := range snippets {
		s = strings.ReplaceAll(s, "import \"github.com/cloudmore-sdk/cloudmore-go\"\n", "")
		s = regexp.MustCompile(`cloudmore\.WithEnvironment\([^)]*\)`).ReplaceAllString(s, "cloudmore.WithBaseURL(os.Getenv(\"SNIPPET_FAKE_URL\"))")
		if strings.HasPrefix(strings.TrimSpace(s), "func ") {
			fmt.Fprintf(&src, "\n// snippet %d\n%s\n", i+1, s)
			continue
		}
		fmt.Fprintf(&src, "\n// snippet %d\nfunc snippet%d(ctx context.Context, c *cloudmore.Client, ids snippetIDs) error {\n\torgID, serviceID, subscriptionID, productID, offerID, cspServiceID := ids.org, ids.service, ids.subscription, ids.product, ids.offer, ids.csp\n\t_, _, _, _, _, _ = orgID, serviceID, subscriptionID, productID, offerID, cspServiceID\n\t{\n%s\n\t}\n\treturn nil\n}\n\nfunc TestSnippet%d(t *testing.T) { runSnippet(t, snippet%d) }\n", i+1, i+1, s, i+1, i+1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "snippets_test.go"), []byte(src.String()), 0o644))
	out, err := exec.Command("go", "test", "-count=1", "-v", "./"+filepath.Base(dir)).CombinedOutput()
	if err != nil {
		t.Fatalf("the doc snippets do not run against the fake:\n%s\n\nthe program:\n%s", out, numbered(src.String()))
	}
	// Every snippet ran: one passing test per statement snippet, plus the snippets that are
	// tests themselves.
	require.Equal(t, len(snippets), strings.Count(string(out), "--- PASS: Test"), "every snippet ran:\n%s", out)
}

// docBlocks returns doc.go's tab-indented code blocks, comment markers removed.
func docBlocks(src string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "//\t"):
			cur = append(cur, strings.TrimPrefix(line, "//\t"))
		case line == "//" && len(cur) > 0:
			cur = append(cur, "")
		default:
			flush()
		}
	}
	flush()
	return blocks
}

func numbered(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%4d  %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}

const snippetPrologue = `package snippets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

var (
	_ = json.Marshal
	_ = errors.Is
	_ = fmt.Sprint
	_ = io.EOF
	_ = log.Print
	_ = http.MethodGet
	_ = os.Getenv
	_ = strings.TrimSpace
	_ = time.Second
)

type snippetIDs struct{ org, service, subscription, product, offer, csp string }

func runSnippet(t *testing.T, f func(context.Context, *cloudmore.Client, snippetIDs) error) {
	srv := cloudmoretest.NewServer(t)
	creds := srv.Credentials()
	t.Setenv("SNIPPET_FAKE_URL", srv.URL())
	t.Setenv("CLOUDMORE_CLIENT_ID", creds.ClientID)
	t.Setenv("CLOUDMORE_CLIENT_SECRET", creds.ClientSecret)
	t.Setenv("CLOUDMORE_USERNAME", creds.Username)
	t.Setenv("CLOUDMORE_PASSWORD", creds.Password)
	t.Setenv("CLOUDMORE_RESELLER_ID", srv.ResellerID())
	t.Setenv("CLOUDMORE_SELLER_ID", srv.SellerID())
	t.Setenv("CLOUDMORE_BASE_URL", srv.URL()) // a snippet reading the environment talks to this fake
	ids := snippetIDs{org: cloudmoretest.SeedOrganization1ID, service: cloudmoretest.BoxServiceID,
		subscription: cloudmoretest.SeedSubscriptionID, product: cloudmoretest.GoldProductID,
		offer: cloudmoretest.AIBuilderOfferID, csp: cloudmoretest.CSPServiceID}
	if err := f(context.Background(), srv.Client(), ids); err != nil {
		t.Fatal(err)
	}
}
`
