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

func priceVerbs() []verb {
	return []verb{
		{use: "list SERVICE_ID", short: "The broker's price list of a service",
			query: []field{str("currency", "", "the price list's currency (SEK)")},
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.ListBroker(x.ctx, x.arg(0), &cloudmore.PriceListOptions{CurrencyCode: x.q("currency")})
				return v, err
			}},
		{use: "list-organization ORGANIZATION_ID SERVICE_ID", short: "An organization's price list of a service",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.ListOrganization(x.ctx, x.arg(0), x.arg(1))
				return v, err
			}},
		{use: "commitment SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID", short: "A subscription's commitment price",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.GetCommitmentPrice(x.ctx, x.arg(0), x.arg(1), x.arg(2))
				return v, err
			}},
		{use: "post-renewal SERVICE_ID ORGANIZATION_ID SUBSCRIPTION_ID", short: "A subscription's price after renewal",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Pricelist.GetPostRenewalPrice(x.ctx, x.arg(0), x.arg(1), x.arg(2))
				return v, err
			}},
		{use: "update-broker SERVICE_ID", short: "Set a price in the broker's price list",
			body: []field{str("item", "itemId", "the product id (custom service) or item code (CSP)"), str("segment", "segment", "price segment")},
			run: func(x *call) (any, error) {
				var req cloudmore.UpdateBrokerPriceRequest
				if err := x.decode(&req); err != nil {
					return nil, err
				}
				if _, err := x.c.Pricelist.UpdateBroker(x.ctx, x.arg(0), &req); err != nil {
					return nil, err
				}
				return done("updated the broker price of %s", req.ItemID)
			}},
		{use: "set ORGANIZATION_ID SERVICE_ID", short: "Set one price in an organization's price list",
			body: []field{str("item-code", "itemCode", "the CSP item code"), str("product", "productId", "the custom-service product id"),
				str("currency", "currencyCode", "currency (SEK)"), dec("sales-price", "salesPrice", "the new sales price"),
				dec("startup-fee", "startupFee", "the start-up fee"), flag("custom", "customServiceProduct", "a custom-service product"),
				str("segment", "segment", "price segment")},
			run: func(x *call) (any, error) {
				var req cloudmore.UpdateOrganizationPriceRequest
				if err := x.decode(&req); err != nil {
					return nil, err
				}
				if _, err := x.c.Pricelist.UpdateOrganization(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
					return nil, err
				}
				return done("updated the price")
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
it again).`,
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
			if isTerminal(a.stderr) {
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
	prices.AddCommand(cmd)
}
