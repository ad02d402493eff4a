package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// billingVerbs are the synchronous billing reports; `billing report` (the asynchronous one)
// is added by addBillingReport.
func billingVerbs() []verb {
	dates := []field{str("month", "", "the month, 2026-10 (or --from and --to)"), str("from", "", "first billing date, 2026-10-01"),
		str("to", "", "last billing date, 2026-10-31"), str("currency", "", "convert the amounts to this currency (SEK)")}
	return []verb{
		{group: "billing", use: "per-organization", short: "The general billing report per organization (synchronous; large reports: billing report)", query: dates,
			ops: []string{"Billing.GetMonthlyBillingPerOrganization"}, example: "  cloudmore billing per-organization --month 2026-10 -o csv",
			run: func(x *call) (any, error) {
				r, err := reportOptions(x)
				if err != nil {
					return nil, err
				}
				v, _, err := x.c.Billing.GetMonthlyBillingPerOrganization(x.ctx, r.start, r.end, &cloudmore.BillingReportOptions{CurrencyCode: r.currency})
				if err != nil {
					return nil, err
				}
				return v.Lines(), nil
			}},
		{group: "billing", use: "per-service", short: "The general billing report per service", query: dates,
			ops: []string{"Billing.GetMonthlyBillingPerService"}, example: "  cloudmore billing per-service --from 2026-10-01 --to 2026-10-31",
			run: func(x *call) (any, error) {
				r, err := reportOptions(x)
				if err != nil {
					return nil, err
				}
				v, _, err := x.c.Billing.GetMonthlyBillingPerService(x.ctx, r.start, r.end, &cloudmore.BillingReportOptions{CurrencyCode: r.currency})
				return v, err
			}},
		{group: "billing", use: "cost-centers ORGANIZATION_ID --month 2026-10", short: "An organization's cost-center report of a month", query: dates[:1],
			ops: []string{"Billing.GetCostCenterReport"}, example: "  cloudmore billing cost-centers ORGANIZATION_ID --month 2026-10",
			run: func(x *call) (any, error) {
				t, err := time.Parse("2006-01", x.q("month"))
				if err != nil {
					return nil, usagef("--month %q: want a month such as 2026-10", x.q("month"))
				}
				v, _, err := x.c.Billing.GetCostCenterReport(x.ctx, x.arg(0), t.Year(), int(t.Month()))
				return v, err
			}},
		{group: "billing", use: "csp", short: "The Microsoft CSP (legacy) billing report per organization", query: dates[:3],
			ops: []string{"Billing.GetCSPMonthlyBillingPerOrganization"}, example: "  cloudmore billing csp --month 2026-10",
			run: func(x *call) (any, error) {
				r, err := reportOptions(x)
				if err != nil {
					return nil, err
				}
				v, _, err := x.c.Billing.GetCSPMonthlyBillingPerOrganization(x.ctx, r.start, r.end, nil)
				return v, err
			}},
	}
}

// reportRange is a report's period and currency.
type reportRange struct {
	start, end cloudmore.Date
	currency   string
}

// reportOptions reads --month or --from/--to and --currency.
func reportOptions(x *call) (*reportRange, error) {
	o := &reportRange{currency: x.q("currency")}
	if m := x.q("month"); m != "" {
		t, err := time.Parse("2006-01", m)
		if err != nil {
			return nil, usagef("--month %q: want a month such as 2026-10", m)
		}
		o.start = cloudmore.NewDate(t.Year(), t.Month(), 1)
		o.end = cloudmore.NewDate(t.Year(), t.Month()+1, 0)
		return o, nil
	}
	var err error
	if o.start, err = x.date("from"); err != nil {
		return nil, err
	}
	if o.end, err = x.date("to"); err != nil {
		return nil, err
	}
	if o.start.IsZero() || o.end.IsZero() {
		return nil, usagef("give --month, or --from and --to")
	}
	return o, nil
}

func addBillingReport(a *app, root *cobra.Command) {
	var billing *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "billing" {
			billing = c
		}
	}
	var (
		month, from, to, currency, resume string
		wait, strict                      bool
		interval                          time.Duration
	)
	cmd := &cobra.Command{
		Use:   "report --month 2026-10 [--wait] [--resume TOKEN] [--strict]",
		Short: "The asynchronous general billing report, streamed line by line",
		Long: `Start the asynchronous general billing report per organization and, with --wait, wait for it
and stream its lines (one per product of each subscription) to stdout in constant memory:
-o csv (the SDK's ERP columns), json (an array), jsonl, yaml or table.

The resume token is printed to stderr before the wait; interrupted (Ctrl-C or SIGTERM), the
command prints the line that picks the same report up (--resume TOKEN, with the output flags
given) instead of starting another. Without --wait the command prints
the task id and the token and exits.

Every organization's totals are checked against its lines; a difference is reported on
stderr, and with --strict the command then exits 1.

` + operationsHelp([]string{"Billing.BeginMonthlyBillingPerOrganization"},
			"Billing.BeginMonthlyBillingPerOrganization, c.Billing.ResumeMonthlyBillingPerOrganization"),
		Example: `  cloudmore billing report --month 2026-10 --wait -o csv > october.csv
  cloudmore billing report --resume "$TOKEN" -o jsonl`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if resume == "" && month == "" && (from == "" || to == "") {
				return usagef("give --month (or --from and --to), or --resume TOKEN")
			}
			if resume != "" && (month != "" || from != "" || to != "" || currency != "") {
				// the token names its report: a month given with it would be silently ignored
				return usagef("--resume picks up the report its token names: give it without --month, --from, --to or --currency")
			}
			if wait || resume != "" {
				if err := a.checkColumnsBefore(reflect.TypeFor[[]cloudmore.BillingLine]()); err != nil {
					return err
				}
			}
			x := &call{cmd: cmd, values: map[string]*string{"month": &month, "from": &from, "to": &to, "currency": &currency}}
			var opts *reportRange
			if resume == "" {
				var err error
				if opts, err = reportOptions(x); err != nil {
					return err
				}
			}
			c, err := a.Client()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("poll-interval") {
				interval = a.pollInterval()
			}
			var p *cloudmore.Poller[cloudmore.BillingTask]
			if resume != "" {
				if p, err = c.Billing.ResumeMonthlyBillingPerOrganization(resume); err != nil {
					return err
				}
			} else {
				if p, _, err = c.Billing.BeginMonthlyBillingPerOrganization(ctx, opts.start, opts.end,
					&cloudmore.StartBillingReportRequest{CurrencyCode: opts.currency}); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "report task %s started; resume token: %s\n", p.TaskID(), p.ResumeToken())
				if !wait {
					return a.print(cmd, map[string]string{"taskId": p.TaskID(), "resumeToken": p.ResumeToken()})
				}
			}
			task, err := a.waitTask(ctx, p, interval)
			if err != nil {
				if ctx.Err() == nil {
					return err
				}
				fmt.Fprintf(a.stderr, "resume with: cloudmore billing report --resume %s%s\n", p.ResumeToken(), resumeFlags(cmd))
				return err
			}
			found, err := a.streamReport(ctx, task)
			if err != nil {
				return err
			}
			if found > 0 {
				fmt.Fprintf(a.stderr, "%d discrepancies between stated totals and lines\n", found)
				if strict {
					return &codeError{exitError, fmt.Errorf("--strict: the report has %d discrepancies", found)}
				}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&month, "month", "", "the month, 2026-10")
	f.StringVar(&from, "from", "", "first billing date (instead of --month)")
	f.StringVar(&to, "to", "", "last billing date (instead of --month)")
	f.StringVar(&currency, "currency", "", "convert every amount to this currency (SEK)")
	f.BoolVar(&wait, "wait", false, "wait for the report and stream its lines")
	f.StringVar(&resume, "resume", "", "wait for the report a resume token names (implies --wait)")
	f.BoolVar(&strict, "strict", false, "exit 1 when a stated total differs from its lines")
	f.DurationVar(&interval, "poll-interval", 5*time.Second, "how often to ask whether the report is ready")
	a.addDryRun(cmd)
	cmd.ValidArgsFunction = cobra.NoFileCompletions
	billing.AddCommand(cmd)
}

// resumeFlags are the flags the user gave that a resumed run needs too (output, profile,
// --strict, ...), as command-line text: everything but what names the report, which the
// token does.
func resumeFlags(cmd *cobra.Command) string {
	var b strings.Builder
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch f.Name {
		case "month", "from", "to", "currency", "wait", "resume":
			return
		}
		name := "--" + f.Name
		if f.Name == "output" {
			name = "-o"
		}
		b.WriteString(" " + name)
		if f.Value.Type() != "bool" {
			b.WriteString(" " + shellQuote(f.Value.String()))
		} else if f.Value.String() != "true" {
			b.WriteString("=" + f.Value.String())
		}
	})
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=@+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// waitTask polls until the report is ready, with a spinner on stderr when it is a terminal.
func (a *app) waitTask(ctx context.Context, p *cloudmore.Poller[cloudmore.BillingTask], interval time.Duration) (*cloudmore.BillingTask, error) {
	if !isTerminal(a.stderr) {
		return p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: interval})
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription("waiting for the report"),
		progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish(), progressbar.OptionEnableColorCodes(a.color(a.stderr)))
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() { // the spinner turns until the wait ends
		defer close(stopped)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			_ = bar.Add(1)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	task, err := p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: interval})
	close(stop)
	<-stopped
	_ = bar.Finish()
	return task, err
}

// streamReport writes the report's lines as they arrive and returns how many discrepancies
// the organizations' totals show (each reported on stderr).
func (a *app) streamReport(ctx context.Context, task *cloudmore.BillingTask) (int, error) {
	bw := bufio.NewWriter(a.stdout)
	defer bw.Flush()
	w := newLineWriter(a, bw)
	w.ctx = ctx
	found := 0
	for org, err := range task.Walk(ctx) {
		if err != nil {
			if w.format != "whole" { // a filter over part of the report would answer wrongly
				w.close()
			}
			return found, err
		}
		for _, d := range org.Check() {
			found++
			fmt.Fprintln(a.stderr, "discrepancy:", d.String())
		}
		for _, l := range org.Lines() {
			if err := w.write(l); err != nil {
				return found, err
			}
		}
		if err := bw.Flush(); err != nil {
			return found, err
		}
	}
	return found, w.close()
}

// lineWriter streams billing lines in the output format.
type lineWriter struct {
	a      *app
	w      io.Writer
	format string
	csv    *cloudmore.BillingCSVWriter
	n      int
	table  []cloudmore.BillingLine
	ctx    context.Context // --jq's, which may take long
}

func newLineWriter(a *app, w io.Writer) *lineWriter {
	lw := &lineWriter{a: a, w: w, format: a.format()}
	if a.jq != nil {
		lw.format = "whole" // --jq filters the whole report: it needs every line
	}
	if lw.format == "csv" && a.columns == nil {
		if a.noHeader {
			lw.csv = cloudmore.NewBillingCSVWriter(&skipFirstLine{w: w})
		} else {
			lw.csv = cloudmore.NewBillingCSVWriter(w)
		}
	}
	return lw
}

func (lw *lineWriter) write(l cloudmore.BillingLine) error {
	defer func() { lw.n++ }()
	switch lw.format {
	case "csv":
		if lw.a.columns != nil {
			return lw.writeColumns(l)
		}
		if err := lw.csv.Write(l); err != nil {
			return err
		}
		return lw.csv.Flush()
	case "json", "jsonl":
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		if lw.format == "jsonl" {
			_, err = fmt.Fprintf(lw.w, "%s\n", b)
			return err
		}
		sep := ",\n  "
		if lw.n == 0 {
			sep = "[\n  "
		}
		_, err = fmt.Fprintf(lw.w, "%s%s", sep, b)
		return err
	case "yaml":
		g, err := generic(l)
		if err != nil {
			return err
		}
		b, err := yaml.Marshal(yamlNode([]any{g}))
		if err != nil {
			return err
		}
		_, err = lw.w.Write(b)
		return err
	default:
		lw.table = append(lw.table, l) // a table aligns its columns: it needs every line
		return nil
	}
}

// writeColumns writes a line as a csv row of --columns (their header before the first).
func (lw *lineWriter) writeColumns(l cloudmore.BillingLine) error {
	g, err := generic(l)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(lw.w)
	if lw.n == 0 && !lw.a.noHeader {
		_ = cw.Write(lw.a.columns)
	}
	_ = cw.Write(project(g, lw.a.columns)[0])
	cw.Flush()
	return cw.Error()
}

func (lw *lineWriter) close() error {
	switch lw.format {
	case "whole":
		ctx := lw.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		return lw.a.printTo(ctx, lw.w, lw.table, nil)
	case "csv":
		if lw.n == 0 && !lw.a.noHeader {
			cw := csv.NewWriter(lw.w)
			header := cloudmore.BillingCSVHeader()
			if lw.a.columns != nil {
				header = lw.a.columns
			}
			_ = cw.Write(header)
			cw.Flush()
			return cw.Error()
		}
	case "json":
		if lw.n == 0 {
			_, err := io.WriteString(lw.w, "[]\n")
			return err
		}
		_, err := io.WriteString(lw.w, "\n]\n")
		return err
	case "yaml":
		if lw.n == 0 {
			_, err := io.WriteString(lw.w, "[]\n")
			return err
		}
	case "table":
		cols := []string{"billingDate", "organizationName", "serviceName", "productName", "quantity", "unitPrice", "totalPrice", "currencyCode"}
		if len(lw.table) == 0 {
			return lw.a.writeEmpty(lw.w, "table", reflect.TypeOf(lw.table), cols)
		}
		g, err := generic(lw.table)
		if err != nil {
			return err
		}
		return lw.a.write(lw.w, "table", g, cols)
	}
	return nil
}

// skipFirstLine drops the first line written through it (the CSV header with --no-header).
type skipFirstLine struct {
	w    io.Writer
	done bool
}

func (s *skipFirstLine) Write(p []byte) (int, error) {
	if s.done {
		return s.w.Write(p)
	}
	i := strings.IndexByte(string(p), '\n')
	if i < 0 {
		return len(p), nil
	}
	s.done = true
	if _, err := s.w.Write(p[i+1:]); err != nil {
		return 0, err
	}
	return len(p), nil
}
