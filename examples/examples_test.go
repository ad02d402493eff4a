package examples_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fakeBanner = "Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)"

var examples = []string{"quickstart", "onboarding", "billing-export", "csp-subscription", "manual-billing", "service-connector", "broker-catalogue"}

// build compiles every example once, into a temporary directory, and returns it.
func build(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	for _, e := range examples {
		args = append(args, "./"+e)
	}
	// go test puts its own GOROOT/bin first on the PATH of the tests it runs.
	out, err := exec.Command("go", args...).CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return dir
}

// cleanEnv is the test's environment without any CLOUDMORE_* variable, plus extra.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CLOUDMORE_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, bin string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "%s did not finish within 60 s; stderr:\n%s", filepath.Base(bin), stderr.String())
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// TestExamples runs every example against the built-in fake, as a user without credentials
// would, and checks what it prints.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the examples")
	}
	dir := build(t)
	env := cleanEnv()
	for _, tc := range []struct {
		name   string
		args   []string
		stdout []string // substrings each expected somewhere in the output
		stderr []string
	}{
		{name: "quickstart", stdout: []string{
			fakeBanner,
			"3 organizations",
			"My Test Organization 1                   ff0eb40d-26f9-4cbb-b431-10fe66bc838e  services=2 users=1",
		}},
		{name: "onboarding", stdout: []string{
			fakeBanner,
			"1. created organization sdk-example-",
			`2. created user jane.doe@sdk-example-`,
			`3. the E-store offers 2 services; using "Box.com"`,
			"4. added Box.com (prices in SEK)",
			`5. 3 products; ordering "Gold"`,
			"6. ordered 1 x Gold: subscription ",
			"licences of Gold, 12-month period",
			"8. history has 1 entries",
			"the subscription has 1 user(s)",
			"(isCancelled=true)",
		}},
		{name: "billing-export", args: []string{"-month", "2024-04"}, stdout: []string{
			"billingDate,organizationId,organizationName,customerNumber,serviceId,serviceName,itemName,productId,productName,itemCode,quantity,unitCost,totalCost,unitPrice,totalPrice,currencyCode",
			"2024-04-30T23:59:59Z,ff0eb40d-26f9-4cbb-b431-10fe66bc838e,My Test Organization 1,CUST-001,a65727d5-3d23-455d-9ee6-9c843e13dd0a,Box.com,This is my subscription,bf5f9d65-bdf7-4f99-9415-0fa642453554,Gold,BOX1copy,10.0000,50.00,500.00,100.00,1000.00,GBP",
		}, stderr: []string{
			fakeBanner,
			"resume token: ",
			"cost 516.90, price 1019.00 GBP",
			"check: every stated total matches its lines",
		}},
		// The fake converts at fixed rates: 50.00 GBP is 676.47 SEK (50 / 0.85 x 11.50).
		{name: "billing-export", args: []string{"-month", "2024-04", "-currency", "SEK"}, stdout: []string{
			",Gold,BOX1copy,10.0000,676.47,6764.70,1352.94,13529.40,SEK",
			",Microsoft 365 Business Basic,CM-01TIER-3451A3B0-8CDA-44A7-BAD7-C30BE81C4AAA,5.0000,45.73,228.65,51.41,257.05,SEK",
		}, stderr: []string{
			"cost 6993.35, price 13786.45 SEK",
			"check: every stated total matches its lines",
		}},
		{name: "csp-subscription", stdout: []string{
			fakeBanner,
			".onmicrosoft.com is free: true",
			"2. added Microsoft CSP",
			`buying "Microsoft 365 Business Basic"`,
			"4. bought 10 x Microsoft 365 Business Basic, billed monthly: subscription ",
		}},
		{name: "manual-billing", stdout: []string{
			fakeBanner,
			"line 2 (ML-1001): created ",
			": 2 x 55.50, cost 80.00, price 111.00",
			"line 3 (ML-1002): created ",
			": 1.5 x 20.00, cost 15.00, price 30.00",
			"line 4 (ML-1003): created ",
			`line 5 (ML-1004): invalid, not sent: billingDate: cloudmore: invalid date "2026-13-01"`,
			"line 6 (ML-1005): failed, not created: ",
			"summary: 6 lines: 4 created, 1 invalid, 1 failed, 0 outcome unknown, 0 skipped (created earlier)",
			"created for ff0eb40d-26f9-4cbb-b431-10fe66bc838e: cost 111.90, price 135.00",
			"read back: ff0eb40d-26f9-4cbb-b431-10fe66bc838e has 4 manual billing line(s)",
		}},
		{name: "service-connector", stdout: []string{
			fakeBanner,
			"3. registered 5 webhooks",
			"[connector] BrokerAddService: broker 3c913dd6-f094-4bf7-9c71-e1716ae34d50",
			"[connector] OrganizationAddService: tenant created for organization ",
			"[connector] SubscriptionCreated: account provisioned, licence key ACME-",
			"5. the seller API shows licenseKey=ACME-",
			"[connector] SubscriptionCancelled: account closed",
			"6. subscription cancelled: 0 open account(s) in the back end",
			"7. deliveries: BrokerAddService 204 x1, OrganizationAddService 204 x1, SubscriptionCancelled 204 x1, SubscriptionCreated 204 x1, SubscriptionUpdated 204 x1",
		}},
		{name: "broker-catalogue", stdout: []string{
			fakeBanner,
			"1. created service sdk-example-",
			`2. created product "Backup 100 GB": cost 6.00, price 10.00`,
			`3. created add-on "Extra 10 GB" at 1.99; the product has 1 add-on(s)`,
			`5. priced "Backup 100 GB" at 9.50 GBP for the organization`,
			"6. ordered 3 x Backup 100 GB: subscription ",
			"7. the service has 1 subscription(s)",
			"-backups at 9.50 = 28.50 GBP (cost 18.00)",
		}},
	} {
		t.Run(strings.Join(append([]string{tc.name}, tc.args...), " "), func(t *testing.T) {
			t.Parallel()
			r := run(t, filepath.Join(dir, tc.name), env, tc.args...)
			require.Equal(t, 0, r.code, "exit code; stderr:\n%s", r.stderr)
			if len(tc.stderr) > 0 { // the banner goes to stderr when stdout is data
				assert.Equal(t, fakeBanner, firstLine(r.stderr))
				assert.NotContains(t, r.stdout, fakeBanner)
			} else {
				assert.Equal(t, fakeBanner, firstLine(r.stdout))
				assert.Empty(t, r.stderr)
			}
			for _, want := range tc.stdout {
				assert.Contains(t, r.stdout, want)
			}
			for _, want := range tc.stderr {
				assert.Contains(t, r.stderr, want)
			}
		})
	}

	// The environment is checked before anything is sent: half-set credentials and production
	// without CLOUDMORE_ALLOW_LIVE are refused, with no network call.
	t.Run("partial credentials", func(t *testing.T) {
		t.Parallel()
		r := run(t, filepath.Join(dir, "quickstart"), cleanEnv("CLOUDMORE_USERNAME=someone@example.com"))
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "error: CLOUDMORE_USERNAME set but CLOUDMORE_CLIENT_SECRET, CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID missing")
	})
	// Each run without credentials starts a new fake, which knows no task of an earlier run.
	t.Run("billing-export -resume against the fake", func(t *testing.T) {
		t.Parallel()
		r := run(t, filepath.Join(dir, "billing-export"), env, "-resume", "eyJraW5kIjoiYmlsbGluZyJ9")
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Equal(t, fakeBanner+"\n"+
			"error: resume needs a real Cloudmore: the built-in fake's tasks live only as long as one run\n", r.stderr)
	})
	// A lost answer to a create is reported, not retried, and a rerun with the same journal
	// sends neither it nor the lines already created.
	t.Run("manual-billing lost answer and rerun", func(t *testing.T) {
		t.Parallel()
		journal := filepath.Join(t.TempDir(), "import.journal")
		bin := filepath.Join(dir, "manual-billing")
		r := run(t, bin, env, "-journal", journal, "-simulate-lost-answer", "ML-1002")
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, r.stdout, "line 3 (ML-1002): OUTCOME UNKNOWN, not retried (the line may exist in Cloudmore)")
		assert.Contains(t, r.stdout, "summary: 6 lines: 3 created, 1 invalid, 1 failed, 1 outcome unknown, 0 skipped (created earlier)")
		assert.Contains(t, r.stdout, "created for ff0eb40d-26f9-4cbb-b431-10fe66bc838e: cost 96.90, price 105.00")
		assert.Contains(t, r.stderr, "error: 1 line(s) with an unknown outcome")

		r = run(t, bin, env, "-journal", journal)
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, r.stdout, "line 2 (ML-1001): skipped, created in an earlier run as ")
		assert.Contains(t, r.stdout, "line 3 (ML-1002): skipped, its outcome in an earlier run is unknown")
		assert.Contains(t, r.stdout, "line 6 (ML-1005): failed, not created: ") // a definite failure is sent again
		assert.Contains(t, r.stdout, "summary: 6 lines: 0 created, 1 invalid, 1 failed, 1 outcome unknown, 3 skipped (created earlier)")
	})
	t.Run("production needs CLOUDMORE_ALLOW_LIVE", func(t *testing.T) {
		t.Parallel()
		r := run(t, filepath.Join(dir, "quickstart"), cleanEnv(
			"CLOUDMORE_CLIENT_SECRET=s", "CLOUDMORE_USERNAME=u", "CLOUDMORE_PASSWORD=p",
			"CLOUDMORE_RESELLER_ID=3c913dd6-f094-4bf7-9c71-e1716ae34d50", "CLOUDMORE_ENV=production"))
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "set CLOUDMORE_ALLOW_LIVE=1")
	})
}
