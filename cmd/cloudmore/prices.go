package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
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

// priceColumns are the columns of a changes file (case-insensitive; order free).
var priceColumns = []string{"organizationId", "serviceId", "itemCode", "productId", "currencyCode", "salesPrice", "startupFee", "customServiceProduct", "segment"}

// readPriceChanges reads a changes CSV file. Any bad row refuses the whole file (nothing sent).
func readPriceChanges(r io.Reader) ([]cloudmore.OrganizationPriceChange, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, usagef("the changes file has no header row: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		known := false
		for _, c := range priceColumns {
			if strings.EqualFold(strings.TrimSpace(h), c) {
				col[c], known = i, true
			}
		}
		if !known {
			return nil, usagef("the changes file's column %q is not one of %s", h, strings.Join(priceColumns, ", "))
		}
	}
	for _, c := range []string{"organizationId", "serviceId", "currencyCode", "salesPrice"} {
		if _, ok := col[c]; !ok {
			return nil, usagef("the changes file has no %s column (columns: %s)", c, strings.Join(priceColumns, ", "))
		}
	}
	var changes []cloudmore.OrganizationPriceChange
	var bad []string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, usagef("the changes file: %v", err)
		}
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		ch := cloudmore.OrganizationPriceChange{OrganizationID: get("organizationId"), ServiceID: get("serviceId")}
		u := &ch.Update
		u.ItemCode, u.ProductID, u.CurrencyCode, u.Segment = get("itemCode"), get("productId"), get("currencyCode"), cloudmore.Segment(get("segment"))
		if s := get("salesPrice"); s != "" {
			d, err := cloudmore.NewDecimal(s)
			if err != nil {
				bad = append(bad, fmt.Sprintf("line %d: salesPrice %q is not a number", line, s))
			} else {
				u.SalesPrice = &d
			}
		}
		if s := get("startupFee"); s != "" {
			d, err := cloudmore.NewDecimal(s)
			if err != nil {
				bad = append(bad, fmt.Sprintf("line %d: startupFee %q is not a number", line, s))
			} else {
				u.StartupFee = &d
			}
		}
		if s := get("customServiceProduct"); s != "" {
			b, err := strconv.ParseBool(s)
			if err != nil {
				bad = append(bad, fmt.Sprintf("line %d: customServiceProduct %q is not true or false", line, s))
			}
			u.CustomServiceProduct = b
		}
		changes = append(changes, ch)
	}
	if len(bad) > 0 {
		return nil, usagef("the changes file was refused, nothing was sent:\n  %s", strings.Join(bad, "\n  "))
	}
	return changes, nil
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
  ` + strings.Join(priceColumns, ",") + `
(organizationId, serviceId, currencyCode and salesPrice required; itemCode for a CSP product,
productId and customServiceProduct=true for a custom-service product). A malformed file is
refused whole before anything is sent (exit 2). Each change is sent at most once, never again
after a failure; the command prints one result row per change (-o csv gives a results file) and
exits 1 if any change failed.`,
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
			changes, err := readPriceChanges(r)
			if err != nil {
				return err
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
			rows := make([]*object, len(results))
			failed := 0
			for i, r := range results {
				o := newObject()
				o.set("index", i)
				o.set("organizationId", r.Change.OrganizationID)
				o.set("serviceId", r.Change.ServiceID)
				item := r.Change.Update.ItemCode
				if item == "" {
					item = r.Change.Update.ProductID
				}
				o.set("item", item)
				price := ""
				if r.Change.Update.SalesPrice != nil {
					price = r.Change.Update.SalesPrice.Text()
				}
				o.set("salesPrice", price)
				status := "applied"
				switch {
				case r.Err != nil && !r.Attempted:
					status = "not sent"
				case r.Err != nil:
					status = "failed"
				}
				if r.Err != nil {
					failed++
				}
				o.set("status", status)
				msg := ""
				if r.Err != nil {
					msg = a.redact(r.Err.Error())
				}
				o.set("error", msg)
				reqID := ""
				if r.Response != nil {
					reqID = r.Response.RequestID
				}
				o.set("requestId", reqID)
				rows[i] = o
			}
			if err := a.print(cmd, rows); err != nil {
				return err
			}
			if failed > 0 {
				return &codeError{exitError, fmt.Errorf("%d of %d price changes failed (none was sent twice)", failed, len(results))}
			}
			fmt.Fprintf(a.stderr, "%d price changes applied\n", len(results))
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "the changes CSV file (- for stdin)")
	cmd.Flags().IntVar(&concurrency, "concurrency", 4, "requests in flight at once (at most 32)")
	prices.AddCommand(cmd)
}
