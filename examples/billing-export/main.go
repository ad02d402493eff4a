// Billing-export runs Cloudmore's asynchronous general billing report for one month and
// writes it as CSV lines for an ERP on stdout. Progress, the resume token and the result of
// the discrepancy check go to stderr, so stdout is only the CSV:
//
//	go run ./examples/billing-export > april.csv
//	go run ./examples/billing-export -month 2024-04 -currency SEK > april.csv
//
// The report can take minutes. If the program stops while waiting, run it again with
// -resume and the token it printed, to pick up the same report instead of starting another.
// That needs a real Cloudmore: each run without CLOUDMORE_* credentials starts a new fake,
// which knows no task of an earlier run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

var (
	month    = flag.String("month", "", "month to report, YYYY-MM (default: last month)")
	currency = flag.String("currency", "", "ISO 4217 currency to convert the amounts to (default: each service's own)")
	resume   = flag.String("resume", "", "resume token of a report started earlier")
	every    = flag.Duration("poll", 0, "how often to ask whether the report is ready (default 5s; 50ms against the fake)")
)

func main() {
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt) // Ctrl-C cancels ctx
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	// The client's options come from CLOUDMORE_* (cloudmore.OptionsFromEnv) or, when none is
	// set, from a fake Cloudmore started in this process.
	opts, err := cloudmore.OptionsFromEnv()
	if err != nil {
		return err
	}
	var fake *cloudmoretest.Server // nil: a real Cloudmore
	if opts == nil {
		if fake, err = cloudmoretest.Start(cloudmoretest.Options{}); err != nil {
			return err
		}
		defer fake.Close()
		opts = fake.ClientOptions()
	}
	c, err := cloudmore.NewClient(opts...)
	if err != nil {
		return err
	}
	if fake != nil {
		fmt.Fprintln(os.Stderr, "Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)")
	} else {
		fmt.Fprintln(os.Stderr, "Using Cloudmore at", c.BaseURL())
	}
	if *resume != "" && fake != nil {
		return errors.New("resume needs a real Cloudmore: the built-in fake's tasks live only as long as one run")
	}

	// The asynchronous report's Poller polls without downloading the report; its result then
	// streams it once, one organization at a time: memory stays flat however many
	// organizations the broker has.
	var poller *cloudmore.Poller[cloudmore.BillingTask]
	if *resume != "" {
		p, err := c.Billing.ResumeMonthlyBillingPerOrganization(*resume)
		if err != nil {
			return fmt.Errorf("resume: %w", err)
		}
		poller = p
		fmt.Fprintf(os.Stderr, "resumed report task %s\n", p.TaskID())
	} else {
		start, end, err := reportMonth(*month)
		if err != nil {
			return err
		}
		var req *cloudmore.StartBillingReportRequest
		if *currency != "" {
			req = &cloudmore.StartBillingReportRequest{CurrencyCode: *currency}
		}
		p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, start, end, req)
		if err != nil {
			return fmt.Errorf("start the billing report: %w", err)
		}
		poller = p
		fmt.Fprintf(os.Stderr, "started the billing report for %s to %s\n", start, end)
		fmt.Fprintf(os.Stderr, "resume token: %s\n", p.ResumeToken())
	}

	interval := *every
	if interval == 0 {
		interval = 5 * time.Second
		if fake != nil {
			interval = 50 * time.Millisecond
		}
	}
	task, err := poller.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: interval})
	if err != nil {
		return fmt.Errorf("wait for the billing report: %w", err)
	}

	// One CSV line per product of each subscription; amounts keep Cloudmore's scale. Totals
	// are exact sums of the lines; Check lists every total Cloudmore states that differs from
	// the sum of what it lists under it.
	w := cloudmore.NewBillingCSVWriter(os.Stdout)
	var totals cloudmore.BillingTotals
	var discrepancies []cloudmore.BillingDiscrepancy
	lines := 0
	for org, err := range task.Walk(ctx) {
		if err != nil {
			return fmt.Errorf("read the billing report: %w", err)
		}
		l := org.Lines()
		if err := w.Write(l...); err != nil {
			return err
		}
		lines += len(l)
		totals.Add(l...)
		discrepancies = append(discrepancies, org.Check()...)
	}
	if err := w.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "%d lines, %d organization totals\n", lines, len(totals.Organizations))
	for _, t := range totals.Organizations {
		fmt.Fprintf(os.Stderr, "  %s %-40s cost %s, price %s %s\n",
			t.BillingDate.Format("2006-01-02"), t.OrganizationName, t.Cost.Text(), t.Price.Text(), t.CurrencyCode)
	}
	if len(discrepancies) > 0 {
		fmt.Fprintf(os.Stderr, "check: %d stated totals differ from their lines:\n", len(discrepancies))
		for _, x := range discrepancies {
			fmt.Fprintf(os.Stderr, "  %s\n", x)
		}
	} else {
		fmt.Fprintln(os.Stderr, "check: every stated total matches its lines")
	}
	return nil
}

// reportMonth turns -month into the report's first and last day.
func reportMonth(month string) (start, end cloudmore.Date, err error) {
	var first time.Time
	if month == "" {
		now := time.Now().UTC()
		first = time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		t, err := time.Parse("2006-01", month)
		if err != nil {
			return start, end, fmt.Errorf("-month %q: want YYYY-MM", month)
		}
		first = t
	}
	return cloudmore.DateOf(first), cloudmore.DateOf(first.AddDate(0, 1, -1)), nil
}
