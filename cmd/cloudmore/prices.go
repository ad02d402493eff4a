package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// priceVerbs are the price-list commands whose SDK method takes its ids otherwise than as
// path ids; `prices update` is added by addPricesUpdate.
func priceVerbs() []verb {
	return []verb{
		{group: "prices", use: "commitment SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID", short: "A subscription's commitment price",
			ops: []string{"Pricelist.GetCommitmentPrice"}, example: "  cloudmore prices commitment SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.GetCommitmentPrice(x.ctx, x.arg(0), x.arg(1), x.arg(2))
				return v, err
			}},
		{group: "prices", use: "post-renewal SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID", short: "A subscription's price after renewal",
			ops: []string{"Pricelist.GetPostRenewalPrice"}, example: "  cloudmore prices post-renewal SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.GetPostRenewalPrice(x.ctx, x.arg(0), x.arg(1), x.arg(2))
				return v, err
			}},
	}
}

// readPriceChanges reads a changes file with the SDK's reader: a bad row refuses the whole
// file (exit 2, nothing sent), and the message lists every bad row by its line in the file.
func readPriceChanges(r io.Reader) ([]cloudmore.PriceChangeRow, error) {
	rows, err := cloudmore.ReadPriceChanges(r)
	var ve *cloudmore.ValidationError
	if errors.As(err, &ve) {
		lines := make([]string, len(ve.Fields))
		for i, f := range ve.Fields {
			lines[i] = f.Field + ": " + f.Reason
		}
		return nil, usagef("the changes file was refused, nothing was sent:\n  %s", strings.Join(lines, "\n  "))
	}
	if err != nil {
		return nil, usagef("the changes file: %v", err)
	}
	return rows, nil
}

// priceStatus is what became of one change: applied, failed (Cloudmore answered no), not
// sent, or unknown (sent, and no answer came back: it may have been applied).
func priceStatus(r cloudmore.PriceUpdateResult) string {
	switch {
	case r.Err == nil:
		return "applied"
	case errors.Is(r.Err, cloudmore.ErrOutcomeUnknown), r.Attempted && r.Response == nil:
		return "unknown"
	case !r.Attempted:
		return "not sent"
	}
	return "failed"
}

// countingTransport counts the answers to one kind of request (for a progress bar).
type countingTransport struct {
	base http.RoundTripper
	on   func()
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if r.Method == http.MethodPut && strings.HasSuffix(strings.ToLower(r.URL.Path), "/pricelist") && t.on != nil {
		t.on()
	}
	return resp, err
}

func addPricesUpdate(a *app, root *cobra.Command) {
	var prices *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "prices" {
			prices = c
		}
	}
	var file string
	var concurrency int
	cmd := &cobra.Command{
		Use:   "update --file changes.csv",
		Short: "Apply many organization price changes from a CSV file",
		Long: `Apply organization price changes from a CSV file with the header row
  ` + strings.Join(cloudmore.PriceChangeColumns(), ",") + `
(any order; organizationId, serviceId, currencyCode and salesPrice required; itemCode for a CSP
product, productId and customServiceProduct=true for a custom-service product; amounts as 9.40).

The whole file is checked before anything is sent: a row with more or fewer fields than the
header (an unquoted decimal comma, 9,40, is two fields), an id that is not a GUID, a currency
that is not ISO 4217, a price that is empty, negative or not a number, two rows setting the same
price. Any bad row refuses the file (exit 2, nothing sent), and every bad row is named by its
line in the file.

Then each change is sent once; a failed change is never sent again. The command prints one
result row per change, named by its line in the file (-o csv gives a results file), and on
stderr the whole error of each change not applied. It exits 1 if any change failed, and 4 if
any change was sent and no answer came back (it may have been applied: check before sending
it again).

` + operationsHelp([]string{"Pricelist.UpdateOrganization"}, "Pricelist.UpdateOrganizationPrices"),
		Example: `  cloudmore prices update --file changes.csv -o csv > results.csv
  cloudmore prices update --file - < changes.csv
  cloudmore prices update --file changes.csv --dry-run`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if file == "" {
				return usagef("--file is required")
			}
			var r io.Reader = a.stdin
			if file != "-" {
				f, err := os.Open(file)
				if err != nil {
					return &usageError{err}
				}
				defer f.Close()
				r = f
			}
			rows, err := readPriceChanges(r)
			if err != nil {
				return err
			}
			changes := make([]cloudmore.OrganizationPriceChange, len(rows))
			for i, row := range rows {
				changes[i] = row.Change
			}
			var bar *progressbar.ProgressBar
			if a.safe.dryRun {
				concurrency = 1 // the requests printed in the file's order
			} else if isTerminal(a.stderr) {
				bar = progressbar.NewOptions(len(changes), progressbar.OptionSetWriter(a.stderr),
					progressbar.OptionSetDescription("price changes"), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish(), progressbar.OptionEnableColorCodes(a.color(a.stderr)))
				var mu sync.Mutex // answers arrive on several connections at once
				a.onPriceAnswer = func() { mu.Lock(); defer mu.Unlock(); _ = bar.Add(1) }
			}
			c, err := a.Client()
			if err != nil {
				return err
			}
			results := c.Pricelist.UpdateOrganizationPrices(cmd.Context(), changes, &cloudmore.BulkOptions{Concurrency: concurrency})
			if bar != nil {
				a.onPriceAnswer = nil
				_ = bar.Finish()
			}
			if a.safe.dryRun {
				return errDryRun // dryrun.go prints the requests
			}
			out := make([]*object, len(results))
			var problems []string // the whole error of each change not applied, for stderr
			count := map[string]int{}
			for i, r := range results {
				status := priceStatus(r)
				count[status]++
				u := r.Change.Update
				item := u.ItemCode
				if item == "" {
					item = u.ProductID
				}
				price, msg, reqID := "", "", ""
				if u.SalesPrice != nil {
					price = u.SalesPrice.Text()
				}
				if r.Err != nil {
					msg = a.userText(r.Err.Error())
					if status == "unknown" && !errors.Is(r.Err, cloudmore.ErrOutcomeUnknown) {
						msg = "sent, and no answer came back (it may have been applied): " + msg
					}
					problems = append(problems, fmt.Sprintf("line %d: %s: %s", rows[i].Line, status, msg))
				}
				if r.Response != nil {
					reqID = r.Response.RequestID
				}
				o := newObject()
				o.set("line", rows[i].Line)
				o.set("organizationId", r.Change.OrganizationID)
				o.set("serviceId", r.Change.ServiceID)
				o.set("item", item)
				o.set("salesPrice", price)
				o.set("status", status)
				o.set("error", msg)
				o.set("requestId", reqID)
				out[i] = o
			}
			if err := a.print(cmd, out); err != nil {
				return err
			}
			for _, p := range problems {
				fmt.Fprintln(a.stderr, p)
			}
			n := len(results)
			switch {
			case count["unknown"] > 0:
				return &codeError{exitUnknown, fmt.Errorf("the outcome of %d of %d price changes is unknown: they were sent and no answer came back; check them before sending them again", count["unknown"], n)}
			case cmd.Context().Err() != nil:
				return cmd.Context().Err() // interrupted: the changes not sent are listed as such
			case len(problems) > 0:
				return &codeError{exitError, fmt.Errorf("%d of %d price changes failed (a failed change is never sent again)", len(problems), n)}
			}
			fmt.Fprintf(a.stderr, "%d price changes applied\n", n)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "the changes CSV file (- for stdin)")
	cmd.Flags().IntVar(&concurrency, "concurrency", 4, "requests in flight at once (at most 32)")
	a.addDryRun(cmd)
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	prices.AddCommand(cmd)
}
