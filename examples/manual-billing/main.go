// Manual-billing imports manual billing lines (one-time charges and discounts) from a CSV
// file into Cloudmore, one result per line, and ends with a summary of exact totals.
//
//	go run ./examples/manual-billing                      # the sample lines.csv, on the fake
//	go run ./examples/manual-billing -file lines.csv -journal import.journal
//
// Without CLOUDMORE_* credentials it runs against the built-in fake with the sample file
// embedded in the program (lines.csv beside this file); cloudmore.OptionsFromEnv names the
// variables that point it at Cloudmore Staging, where the CSV must name your organizations
// and their services. Copy the folder (main.go and lines.csv) as it is: it needs only the
// SDK's public packages.
//
// The CSV's header names its columns: ref (your unique reference for the line),
// organizationId, billingDate (YYYY-MM-DD), serviceId, productId (may be empty), quantity,
// unitCost, unitPrice and description. Amounts are read as exact decimals (Decimal): "55.50"
// stays 55.50, and totals never drift.
//
// Nothing is sent twice. Every line is read and checked (CSV values first, then the SDK's own
// checks of ids and required fields) before it is sent, and a bad line is reported and
// skipped. A create is a POST, which the SDK never retries once the request has
// been sent: when the answer is lost the outcome is unknown (the line may exist in Cloudmore),
// and the line is reported as such, not sent again. With -journal, every line's outcome is
// written to a file before the next line is sent, and a later run with the same journal skips
// the lines that were created or whose outcome is unknown, so a run that stopped half way can
// simply be started again. The program exits 1 when an outcome is unknown: check those lines in
// Cloudmore (c.ManualBilling.List) and remove them from the journal once resolved.
//
// Cloudmore documents billingDate, serviceId and productId of the create body, and its portal
// requires a quantity, a unit cost price and a unit sales price: the SDK types those three
// (required) under the billing report's names for the same amounts, an inference. The
// description has no known name and goes in Extra as "description". Check the names against
// your Cloudmore environment's Swagger document before importing real data.
package main

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"time"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

//go:embed lines.csv
var sampleCSV string

var (
	file        = flag.String("file", "", "CSV file of manual billing lines (default: the embedded sample)")
	journalPath = flag.String("journal", "", "file that records each line's outcome, so that a rerun sends nothing twice")
	loseAnswer  = flag.String("simulate-lost-answer", "", "on the fake only: lose the answer to the create of the line with this ref")
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

// row is one CSV line, checked.
type row struct {
	n      int // line number in the file
	ref    string
	orgID  string
	req    *cloudmore.CreateManualBillingLineRequest
	qty    cloudmore.Decimal
	cost   cloudmore.Decimal // unit cost x quantity
	price  cloudmore.Decimal // unit price x quantity
	failed error             // why the line is not sent
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
		fmt.Println("Using the built-in fake Cloudmore (set CLOUDMORE_* to use staging)")
	} else {
		fmt.Println("Using Cloudmore at", c.BaseURL())
	}
	if *loseAnswer != "" && fake == nil {
		return errors.New("-simulate-lost-answer works only against the built-in fake")
	}

	src := io.Reader(strings.NewReader(sampleCSV))
	if *file != "" {
		f, err := os.Open(*file)
		if err != nil {
			return err
		}
		defer f.Close()
		src = f
	}
	rows, err := readRows(src)
	if err != nil {
		return err
	}
	jr, err := openJournal(*journalPath)
	if err != nil {
		return err
	}
	defer jr.close()

	var created, invalid, failed, unknown, skipped int
	totals := map[string]*[2]cloudmore.Decimal{} // organization -> cost, price of the created lines
	for _, r := range rows {
		label := fmt.Sprintf("line %d (%s)", r.n, r.ref)
		if r.failed != nil {
			invalid++
			fmt.Printf("%s: invalid, not sent: %v\n", label, r.failed)
			continue
		}
		if prev, ok := jr.done[r.ref]; ok {
			skipped++
			if prev.Status == "created" {
				fmt.Printf("%s: skipped, created in an earlier run as %s\n", label, prev.ID)
			} else {
				skipped--
				unknown++
				fmt.Printf("%s: skipped, its outcome in an earlier run is unknown: check it in Cloudmore, then remove it from the journal\n", label)
			}
			continue
		}
		if err := jr.write(entry{Ref: r.ref, Status: "sending"}); err != nil {
			return err // without a journal entry the line is not sent
		}
		if r.ref == *loseAnswer {
			fake.DropConnection("POST", "/api/resellers/{resellerId}/organizations/{organizationId}/manualbilling", 1)
		}
		cr, _, err := c.ManualBilling.Create(ctx, r.orgID, r.req)
		switch {
		case errors.Is(err, cloudmore.ErrValidation):
			// The SDK's own checks (ids, required fields) refused it before the network.
			invalid++
			fmt.Printf("%s: invalid, not sent: %v\n", label, err)
			err = jr.write(entry{Ref: r.ref, Status: "invalid"})
		case errors.Is(err, cloudmore.ErrOutcomeUnknown):
			unknown++
			fmt.Printf("%s: OUTCOME UNKNOWN, not retried (the line may exist in Cloudmore): %v\n", label, err)
			err = jr.write(entry{Ref: r.ref, Status: "unknown"})
		case err != nil:
			failed++
			fmt.Printf("%s: failed, not created: %v\n", label, err)
			err = jr.write(entry{Ref: r.ref, Status: "failed"}) // a definite failure may be sent again
		default:
			created++
			t := totals[r.orgID]
			if t == nil {
				t = &[2]cloudmore.Decimal{}
				totals[r.orgID] = t
			}
			t[0], t[1] = t[0].Add(r.cost), t[1].Add(r.price)
			fmt.Printf("%s: created %s: %s x %s, cost %s, price %s\n", label, cr.ID, r.qty,
				r.req.CustomerPricePerUnit, amount(r.cost), amount(r.price))
			err = jr.write(entry{Ref: r.ref, Status: "created", ID: cr.ID})
		}
		if err != nil {
			return err
		}
	}

	fmt.Printf("summary: %d lines: %d created, %d invalid, %d failed, %d outcome unknown, %d skipped (created earlier)\n",
		len(rows), created, invalid, failed, unknown, skipped)
	orgs := make([]string, 0, len(totals))
	for o := range totals {
		orgs = append(orgs, o)
	}
	sort.Strings(orgs)
	for _, o := range orgs {
		fmt.Printf("created for %s: cost %s, price %s (in the currency of the organization's service)\n",
			o, amount(totals[o][0]), amount(totals[o][1]))
	}
	// Read the lines back: what Cloudmore now holds for each organization.
	for _, o := range orgs {
		lines, _, err := c.ManualBilling.List(ctx, o)
		if err != nil {
			return fmt.Errorf("list the manual billing lines of %s: %w", o, err)
		}
		fmt.Printf("read back: %s has %d manual billing line(s)\n", o, len(lines))
	}
	if unknown > 0 {
		return fmt.Errorf("%d line(s) with an unknown outcome: check them in Cloudmore before sending them again", unknown)
	}
	return nil
}

// amount prints d with two decimals when that is its exact value (1.5 x 10.00 = 15.000 prints
// 15.00), and with all its decimals otherwise: nothing is ever rounded away.
func amount(d cloudmore.Decimal) string {
	if r := d.Round(2); r.Equal(d) {
		return r.String()
	}
	return d.String()
}

// readRows reads and checks every line of the CSV before anything is sent.
func readRows(src io.Reader) ([]row, error) {
	rd := csv.NewReader(src)
	rd.FieldsPerRecord = -1
	header, err := rd.Read()
	if err != nil {
		return nil, fmt.Errorf("read the CSV header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, name := range []string{"ref", "organizationId", "billingDate", "serviceId", "productId", "quantity", "unitCost", "unitPrice", "description"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("the CSV has no %q column (header: %s)", name, strings.Join(header, ","))
		}
	}
	var rows []row
	seen := map[string]int{}
	for n := 2; ; n++ {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read the CSV: %w", err)
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		r := row{n: n, ref: get("ref"), orgID: get("organizationId")}
		var errs []error
		if r.ref == "" {
			errs = append(errs, errors.New("ref: empty"))
		} else if first, dup := seen[r.ref]; dup {
			errs = append(errs, fmt.Errorf("ref: %q repeats line %d", r.ref, first))
		} else {
			seen[r.ref] = n
		}
		date, err := cloudmore.ParseDate(get("billingDate"))
		if err != nil {
			errs = append(errs, fmt.Errorf("billingDate: %w", err))
		}
		dec := func(name string) cloudmore.Decimal {
			d, err := cloudmore.NewDecimal(get(name))
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a number", name, get(name)))
			}
			return d
		}
		qty, cost, price := dec("quantity"), dec("unitCost"), dec("unitPrice")
		r.qty, r.cost, r.price = qty, qty.Mul(cost), qty.Mul(price)
		r.req = &cloudmore.CreateManualBillingLineRequest{
			BillingDate:          cloudmore.NewTime(date.Time()),
			ServiceID:            get("serviceId"),
			ProductID:            get("productId"),
			Quantity:             &qty,
			ResellerPricePerUnit: &cost,
			CustomerPricePerUnit: &price,
			Extra:                map[string]any{"description": get("description")},
		}
		r.failed = errors.Join(errs...)
		rows = append(rows, r)
	}
}

// entry is one line of the journal.
type entry struct {
	Ref    string    `json:"ref"`
	Status string    `json:"status"` // sending, created, failed, unknown
	ID     string    `json:"id,omitempty"`
	At     time.Time `json:"at"`
}

// journal records outcomes in a file, one JSON object per line, synced after each write. done
// holds, per ref, the last outcome of earlier runs that forbids sending the line again: created,
// or unknown (also a "sending" with no outcome after it: the run stopped mid-request).
type journal struct {
	f    *os.File
	done map[string]entry
}

func openJournal(path string) (*journal, error) {
	j := &journal{done: map[string]entry{}}
	if path == "" {
		return j, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	last := map[string]entry{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e entry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Ref != "" {
			last[e.Ref] = e
		}
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return nil, fmt.Errorf("read the journal: %w", err)
	}
	for ref, e := range last {
		switch e.Status {
		case "created", "unknown":
			j.done[ref] = e
		case "sending":
			e.Status = "unknown"
			j.done[ref] = e
		}
	}
	j.f = f
	return j, nil
}

func (j *journal) write(e entry) error {
	if j.f == nil {
		if e.Status == "created" || e.Status == "unknown" {
			j.done[e.Ref] = e
		}
		return nil
	}
	e.At = time.Now().UTC()
	b, _ := json.Marshal(e)
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write the journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("write the journal: %w", err)
	}
	return nil
}

func (j *journal) close() {
	if j.f != nil {
		j.f.Close()
	}
}
