package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"net/url"
	"sort"
)

// BillingService reads Cloudmore's billing reports.
//
// Which report to use, in Cloudmore's own words:
//
//   - The general billing report covers every service. For production use
//     Cloudmore recommends the asynchronous report: BeginMonthlyBillingPerOrganization starts
//     it and returns a Poller that waits for it. The synchronous
//     GetMonthlyBillingPerOrganization and GetMonthlyBillingPerService are marked
//     "Not for production!": same data, but with a limit on how much they return.
//   - Microsoft NCE (365 NCE, Azure NCE, perpetual licences, software subscriptions,
//     marketplace items): BeginAzureOneTimeInvoiceReport.
//   - Microsoft O365 legacy CSP: GetCSPMonthlyBillingPerOrganization.
//   - Microsoft Azure legacy: the GetAzure* reports.
//
// Every report method takes the report's period (startDate, endDate: both required, whole
// months recommended) positionally, and an optional *BillingReportOptions (nil sends none).
//
// The asynchronous report has one Begin and one Resume. Its Poller's polls read only the start
// of each answer, so waiting costs no memory; the result, a *BillingTask, reads the finished
// report whole (Read) or one organization at a time in flat memory (Walk: a broker with
// thousands of organizations gets hundreds of megabytes). Keep the Poller's ResumeToken: after a
// crash ResumeMonthlyBillingPerOrganization waits for the same report instead of starting
// another; the token works only on a client for the same API host and reseller.
//
// WalkMonthlyBillingPerOrganization (the synchronous report), BillingTask.Walk and
// DecodeBillingReport (a saved answer) decode one organization at a time, so memory stays
// flat whatever the size.
//
// The client sets no overall timeout on a call, since one would also cut off the download of
// a large report: its transport waits at most 2 minutes for an answer's headers, and the body
// takes as long as it takes. Bound each call with ctx (context.WithTimeout), generously for a
// large report over a slow link. (A client given WithHTTPClient uses that http.Client's
// Timeout, which does cover reading the whole body.)
//
// BillingReport.Lines, BillingReport.Totals and BillingReport.Check turn a report
// into ERP lines, exact totals and a list of the differences between those totals and the
// ones Cloudmore states.
//
// Amounts are exact decimals (Decimal). "Reseller" amounts are the broker's cost,
// "customer" amounts the organization's sales price.
type BillingService service

// The general and CSP billing report operations (the Azure ones are in billing_azure.go).
var (
	opBillingGetMonthlyBillingPerOrganization         = declare[*billingQuery, none, *BillingReport]("Billing.GetMonthlyBillingPerOrganization", "GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization")
	opBillingGetMonthlyBillingPerService              = declare[*billingQuery, none, *BillingPerServiceReport]("Billing.GetMonthlyBillingPerService", "GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerService")
	opBillingBeginMonthlyBillingPerOrganization       = declare[none, *startBillingBody, none]("Billing.BeginMonthlyBillingPerOrganization", "POST /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync").startsTask()
	opBillingBeginMonthlyBillingPerOrganizationStatus = declare[none, none, *BillingReport]("Billing.BeginMonthlyBillingPerOrganization: status", "GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}")
	opBillingGetCSPMonthlyBillingPerOrganization      = declare[*cspBillingQuery, none, *BillingCSPReport]("Billing.GetCSPMonthlyBillingPerOrganization", "GET /api/resellers/{resellerId}/billing/cspreports/MonthlyBillingPerOrganization")
)

// BillingReportOptions are the optional query parameters of the general billing report. The
// report's period (startDate, endDate) is given positionally to each method. A nil
// *BillingReportOptions sends none.
type BillingReportOptions struct {
	// CurrencyCode, when set, converts every amount to this ISO 4217 currency ("SEK").
	CurrencyCode string `url:"currencyCode,omitempty"`
}

// billingQuery is the query of the synchronous general billing report.
type billingQuery struct {
	StartDate    Date   `url:"startDate"`
	EndDate      Date   `url:"endDate"`
	CurrencyCode string `url:"currencyCode,omitempty"`
}

// billingPeriod checks a report's period (both dates required, endDate not before startDate)
// into v.
func billingPeriod(v *validator, start, end Date) {
	startOK, endOK := checkDate(v, "startDate", start), checkDate(v, "endDate", end)
	if startOK && endOK && end.Before(start) {
		v.fail("endDate", "%s is before startDate %s", end, start)
	}
}

func checkDate(v *validator, field string, d Date) bool {
	if d.IsZero() {
		v.fail(field, "required")
		return false
	}
	if _, err := d.MarshalText(); err != nil {
		v.fail(field, "%v", err)
		return false
	}
	return true
}

// query returns the report's query: the period and o.
func (o *BillingReportOptions) query(start, end Date) *billingQuery {
	q := &billingQuery{StartDate: start, EndDate: end}
	if o != nil {
		q.CurrencyCode = o.CurrencyCode
	}
	return q
}

// validate checks the period (both dates required, endDate not before startDate) and the
// currency.
func (q *billingQuery) validate() error {
	var v validator
	billingPeriod(&v, q.StartDate, q.EndDate)
	v.currency("currencyCode", q.CurrencyCode)
	return v.err()
}

// StartBillingReportRequest is the optional part of the body that starts the asynchronous
// general billing report (BeginMonthlyBillingPerOrganization); the period is given
// positionally. A nil *StartBillingReportRequest is valid.
//
// Cloudmore names the body's model but documents none of its fields. The SDK sends
// {"startDate": "2024-04-01", "endDate": "2024-04-30", "currencyCode": "SEK"}, the
// synchronous report's query parameters as JSON: an inference no Cloudmore source confirms.
// Extra adds members the SDK does not model.
//
// Cloudmore model: MonthlyBillingPerOrganizationCreateAsyncViewModel
type StartBillingReportRequest struct {
	// CurrencyCode, when set, converts every amount to this ISO 4217 currency ("SEK").
	CurrencyCode string `json:"currencyCode,omitempty"`
	// Extra holds body members the SDK does not model, by their JSON names, sent as given.
	// A key that a typed member already sends (startDate, endDate, currencyCode) is refused.
	Extra map[string]any `json:"-"`
}

// startBillingBody is the JSON the start of the asynchronous report sends: the typed members
// under their JSON tags (which cloudmoretest reads as the body's typed members, as for every
// other body) and Extra merged.
type startBillingBody struct {
	StartDate    Date           `json:"startDate"`
	EndDate      Date           `json:"endDate"`
	CurrencyCode string         `json:"currencyCode,omitempty"`
	Extra        map[string]any `json:"-"`
}

// startBillingFields is startBillingBody without its MarshalJSON: the typed members alone.
type startBillingFields startBillingBody

// MarshalJSON writes the typed members and those of Extra as one JSON object.
func (b startBillingBody) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(startBillingFields(b), b.Extra)
}

// body returns the start body: the period and r.
func (r *StartBillingReportRequest) body(start, end Date) *startBillingBody {
	b := &startBillingBody{StartDate: start, EndDate: end}
	if r != nil {
		b.CurrencyCode, b.Extra = r.CurrencyCode, r.Extra
	}
	return b
}

// validate checks the period, the currency and, when those are good, that no Extra key
// repeats a typed member.
func (b *startBillingBody) validate() error {
	if b == nil {
		return invalid("body", "required")
	}
	var v validator
	billingPeriod(&v, b.StartDate, b.EndDate)
	v.currency("currencyCode", b.CurrencyCode)
	if v.ok() {
		v.extra(startBillingFields(*b), b.Extra)
	}
	return v.err()
}

// BillingReport is the general billing report per organization: the billing runs between
// two dates, each with the organizations billed on that date. It has no JSON tags of its own:
// the SDK's decoders read it (the answer is the array of BillingRun Cloudmore's guide shows).
//
// Cloudmore model: MonthlyBillingPerOrganizationViewModel
type BillingReport struct {
	// Runs holds one entry per billing date, in Cloudmore's order.
	Runs []BillingRun
	// Extra holds, raw, the other members of the answer when Cloudmore wraps the report in
	// an object (the shape of the asynchronous report's answer is not documented); nil when
	// the answer is the bare array the guide shows.
	Extra map[string]json.RawMessage
}

// BillingRun is the billing of one billing date. Each service has its own billing date, so a
// month's report can hold several runs. (Swagger names the array's element model
// MonthlyBillingPerOrganizationViewModel, as the report itself.)
//
// Cloudmore model: MonthlyBillingPerOrganizationViewModel
type BillingRun struct {
	// BillingDate is when the billing data was generated (Cloudmore sends it without a
	// zone, as "2020-04-29T23:59:59"; it is read as UTC).
	BillingDate Time `json:"billingDate"`
	// Organizations are the organizations billed on that date.
	Organizations []OrganizationBilling `json:"organizations"`
}

// OrganizationBilling is one organization's billing on one billing date.
//
// Cloudmore model: MbpoOrganizationViewModel
type OrganizationBilling struct {
	// BillingDate is the billing date of the run the organization belongs to. It is not a
	// member of the organization's JSON; the SDK's decoders fill it in.
	BillingDate Time `json:"-"`
	// Name is the organization's name.
	Name string `json:"name"`
	// CustomerNumber is the organization's customer number (often empty).
	CustomerNumber string `json:"customerNumber"`
	// OrganizationID is the organization's id ("orgId").
	OrganizationID string `json:"orgId"`
	// Services are the services billed to the organization.
	Services []ServiceBilling `json:"services"`
}

// ServiceBilling is what one service bills an organization. Its totals are the ones Cloudmore
// states; Check compares them with the sum of the lines.
//
// Cloudmore model: MbpoServiceViewModel
type ServiceBilling struct {
	// ServiceName is the service's name.
	ServiceName string `json:"serviceName"`
	// ServiceID is the service's id.
	ServiceID string `json:"serviceId"`
	// TotalResellerPrice is the total cost of the service to the broker, as Cloudmore states it.
	TotalResellerPrice Decimal `json:"totalResellerPrice"`
	// TotalCustomerPrice is the total sales price to the organization, as Cloudmore states it.
	TotalCustomerPrice Decimal `json:"totalCustomerPrice"`
	// CurrencyCode is the ISO 4217 currency of the amounts.
	CurrencyCode string `json:"currencyCode"`
	// Items are the billed subscriptions, one item per subscription.
	Items []BillingItem `json:"items"`
}

// BillingItem is one subscription's billing.
//
// Cloudmore model: MbpoServiceItemViewModel
type BillingItem struct {
	// ItemName is the subscription's name.
	ItemName string `json:"itemName"`
	// Quantity is the number of licences (Cloudmore sends 10.0000).
	Quantity Decimal `json:"quantity"`
	// TotalResellerPrice is the subscription's total cost to the broker.
	TotalResellerPrice Decimal `json:"totalResellerPrice"`
	// TotalCustomerPrice is the subscription's total sales price to the organization.
	TotalCustomerPrice Decimal `json:"totalCustomerPrice"`
	// ResellerPricePerUnit is the broker's cost per unit.
	ResellerPricePerUnit Decimal `json:"resellerPricePerUnit"`
	// CustomerPricePerUnit is the sales price per unit.
	CustomerPricePerUnit Decimal `json:"customerPricePerUnit"`
	// Products are the products billed in the subscription.
	Products []BillingProduct `json:"products"`
}

// BillingProduct is one product of a billed subscription.
//
// Cloudmore model: MbpoProductViewModel
type BillingProduct struct {
	// ProductName is the product's name.
	ProductName string `json:"productName"`
	// ProductID is the product's id.
	ProductID string `json:"productId"`
	// ItemCode is the product's item code (SKU). The guide's field list calls it itemId; its
	// example, and this SDK, use itemCode.
	ItemCode string `json:"itemCode"`
	// Quantity is the number of licences of the product.
	Quantity Decimal `json:"quantity"`
	// ResellerPricePerUnit is the broker's cost per unit.
	ResellerPricePerUnit Decimal `json:"resellerPricePerUnit"`
	// CustomerPricePerUnit is the sales price per unit.
	CustomerPricePerUnit Decimal `json:"customerPricePerUnit"`
	// TotalResellerPrice is the product's total cost to the broker.
	TotalResellerPrice Decimal `json:"totalResellerPrice"`
	// TotalCustomerPrice is the product's total sales price to the organization.
	TotalCustomerPrice Decimal `json:"totalCustomerPrice"`
	// ItemDetails is kept raw: Cloudmore's example has null and its shape is not documented.
	ItemDetails json.RawMessage `json:"itemDetails,omitempty"`
}

// Organizations returns every organization of every run, each with its run's BillingDate.
// It never modifies the report, so several goroutines may read one report at once: the
// SDK's decoders set each organization's BillingDate as they read it, and an organization
// whose BillingDate differs from its run's (a report built by hand, or decoded with
// encoding/json) is yielded as a copy carrying the run's date.
func (r *BillingReport) Organizations() iter.Seq[*OrganizationBilling] {
	return func(yield func(*OrganizationBilling) bool) {
		if r == nil {
			return
		}
		for i := range r.Runs {
			date := r.Runs[i].BillingDate
			for j := range r.Runs[i].Organizations {
				o := &r.Runs[i].Organizations[j]
				if o.BillingDate.Time != date.Time {
					c := *o
					c.BillingDate = date
					o = &c
				}
				if !yield(o) {
					return
				}
			}
		}
	}
}

// GetMonthlyBillingPerOrganization returns the general billing report per organization for
// the billing dates from startDate to endDate (both included; Cloudmore recommends whole
// months), read in one go. opts may be nil.
//
// Cloudmore marks this call "Not for production!": it returns the same data as the
// asynchronous report but with a limit on how much. Use BeginMonthlyBillingPerOrganization in
// production, and WalkMonthlyBillingPerOrganization to read a large answer one organization
// at a time.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization
func (s *BillingService) GetMonthlyBillingPerOrganization(ctx context.Context, startDate, endDate Date, opts *BillingReportOptions, call ...CallOption) (*BillingReport, *Response, error) {
	return readReport(ctx, s.client, opBillingGetMonthlyBillingPerOrganization, nil, opts.query(startDate, endDate), call, "", "")
}

// WalkMonthlyBillingPerOrganization reads the general billing report per organization for
// the billing dates from startDate to endDate one organization at a time, as it arrives:
// memory stays flat whatever the report's size. Each organization comes with its BillingDate
// set. Breaking out of the loop stops the download. An error ends the walk; it is never
// retried after the first organization, so no organization is seen twice.
//
// Like GetMonthlyBillingPerOrganization this is the synchronous report, which Cloudmore
// marks "Not for production!"; the result of BeginMonthlyBillingPerOrganization's Poller
// walks the recommended asynchronous report the same way.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization
func (s *BillingService) WalkMonthlyBillingPerOrganization(ctx context.Context, startDate, endDate Date, opts *BillingReportOptions, call ...CallOption) iter.Seq2[*OrganizationBilling, error] {
	return func(yield func(*OrganizationBilling, error) bool) {
		walkReport(ctx, s.client, opBillingGetMonthlyBillingPerOrganization, nil, opts.query(startDate, endDate), call, "", "", yield)
	}
}

// BillingPerServiceReport is the general billing report per service (billing date, service,
// organization, subscription, product). Cloudmore names its models but documents neither
// their fields nor an example: Raw holds the answer unchanged.
//
// Cloudmore model: MonthlyBillingPerServiceViewModel
type BillingPerServiceReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingPerServiceReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingPerServiceReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// GetMonthlyBillingPerService returns the general billing report per service for the billing
// dates from startDate to endDate. Cloudmore marks this call "Not for production!"; the
// per-organization reports hold the same data. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerService
func (s *BillingService) GetMonthlyBillingPerService(ctx context.Context, startDate, endDate Date, opts *BillingReportOptions, call ...CallOption) (*BillingPerServiceReport, *Response, error) {
	return opBillingGetMonthlyBillingPerService.do(ctx, s.client, nil, opts.query(startDate, endDate), nil, call)
}

// rawJSON is what a Raw-only model marshals to: its Raw, or null.
func rawJSON(raw RawJSON) []byte {
	if len(raw) == 0 {
		return []byte("null")
	}
	return raw
}

// kindBillingAsync names the asynchronous general billing report in resume tokens and errors.
const kindBillingAsync = "billing.MonthlyBillingPerOrganizationAsync"

// BeginMonthlyBillingPerOrganization starts the asynchronous general billing report per
// organization for the billing dates from startDate to endDate, the call Cloudmore
// recommends for production, and returns a Poller that waits for it. req may be nil.
//
//	p, _, err := client.Billing.BeginMonthlyBillingPerOrganization(ctx,
//		cloudmore.NewDate(2024, time.April, 1), cloudmore.NewDate(2024, time.April, 30), nil)
//	if err != nil { ... }
//	saveSomewhere(p.ResumeToken()) // to pick the same report up after a crash
//	task, err := p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: 10 * time.Second})
//	if err != nil { ... }
//	for org, err := range task.Walk(ctx) { ... } // or: report, _, err := task.Read(ctx)
//
// Its polls read only the start of each answer (a status, or the first byte of the finished
// report) and close it, so waiting downloads nothing of the report and costs no memory. The
// result, a *BillingTask, reads the finished report either way: Walk streams it one
// organization at a time in flat memory (for a broker with thousands of organizations, whose
// report runs to hundreds of megabytes), Read decodes it whole.
//
// The start is a POST and is never repeated: if its answer is lost, the error is an
// *UnknownOutcomeError. Its body is an inference (see StartBillingReportRequest). The task id
// is read from the answer's body ("taskId", "id", or a bare string) and, when the body has
// none, from its Location header.
//
// How a report that is still being built answers is not documented either: a 202 or 204, or a
// body whose "status" says Processing, counts as running; the report itself (the array the
// synchronous call returns, or an object wrapping it in exactly one array member) as done;
// Failed, or anything else, ends the wait with a *TaskFailedError quoting the start of the
// answer.
//
// Cloudmore API: POST /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (s *BillingService) BeginMonthlyBillingPerOrganization(ctx context.Context, startDate, endDate Date, req *StartBillingReportRequest, call ...CallOption) (*Poller[BillingTask], *Response, error) {
	id, resp, err := opBillingBeginMonthlyBillingPerOrganization.start(ctx, s.client, nil, nil, req.body(startDate, endDate), call, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.billingTaskPoller(id)
	if err != nil {
		return nil, resp, err
	}
	return poller, resp, nil
}

// ResumeMonthlyBillingPerOrganization returns the Poller of an asynchronous report started
// earlier, from its ResumeToken, so that a program that stopped can wait for the same report
// instead of starting another. It makes no network call. A token made on a client for another
// API host or reseller is refused with a *ValidationError.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (s *BillingService) ResumeMonthlyBillingPerOrganization(token string) (*Poller[BillingTask], error) {
	ids, err := s.client.resumeIDs(token, kindBillingAsync)
	if err != nil {
		return nil, err
	}
	return s.billingTaskPoller(ids["taskId"])
}

// BillingTask is a finished asynchronous general billing report: the result of the Poller of
// BeginMonthlyBillingPerOrganization. It holds no report data. Walk streams the report one
// organization at a time; Read decodes it whole. Each makes one GET of the finished task,
// so a task can be read again (as long as Cloudmore keeps the report).
type BillingTask struct {
	// TaskID is the report task's id.
	TaskID string

	s *BillingService
}

// errNoBillingTask is what a zero BillingTask (not from a Poller) returns.
var errNoBillingTask = errors.New("cloudmore: this BillingTask is empty: take it from the Poller of BeginMonthlyBillingPerOrganization")

// Walk reads the finished report one organization at a time, as it arrives, so memory
// stays flat whatever the report's size. Each organization comes with its BillingDate set.
// Breaking out of the loop stops the download. An error ends the walk; it is never retried
// after the first organization, so no organization is seen twice. If Cloudmore answers that
// the report is not ready after all, the walk yields one error that matches ErrNotDone; if
// it reports the task failed, a *TaskFailedError.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (t *BillingTask) Walk(ctx context.Context) iter.Seq2[*OrganizationBilling, error] {
	return func(yield func(*OrganizationBilling, error) bool) {
		if t == nil || t.s == nil {
			yield(nil, errNoBillingTask)
			return
		}
		walkReport(ctx, t.s.client, opBillingBeginMonthlyBillingPerOrganizationStatus, path(seg(t.TaskID)), nil, nil, kindBillingAsync, t.TaskID, yield)
	}
}

// Read downloads the finished report and decodes it whole. If Cloudmore answers that the
// report is not ready after all, the error matches ErrNotDone.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (t *BillingTask) Read(ctx context.Context) (*BillingReport, *Response, error) {
	if t == nil || t.s == nil {
		return nil, nil, errNoBillingTask
	}
	return readReport(ctx, t.s.client, opBillingBeginMonthlyBillingPerOrganizationStatus, path(seg(t.TaskID)), nil, nil, kindBillingAsync, t.TaskID)
}

// openReport sends a report's GET and returns its answer's body unread, for the report
// readers to decode as it arrives (bodyStream is the pipeline's streamTarget). The caller
// closes the body. A failure while it is read is the caller's to report: it is never retried,
// so a walk never yields anything twice.
func openReport[Q any](ctx context.Context, c *Client, o op[Q, none, *BillingReport], args []pathArg, q Q, call []CallOption) (io.ReadCloser, *Response, error) {
	var bs bodyStream
	resp, err := o.into(ctx, c, args, q, nil, call, &bs)
	if err != nil {
		if bs.body != nil {
			bs.body.Close()
		}
		return nil, resp, err
	}
	if bs.body == nil {
		bs.body = http.NoBody
	}
	return bs.body, resp, nil
}

// sentPath is the path of the request resp answers, for errors and the UnknownFieldHandler.
func sentPath(resp *Response) string {
	if resp == nil || resp.Response == nil || resp.Request == nil || resp.Request.URL == nil {
		return ""
	}
	return resp.Request.URL.Path
}

// readReport sends a report's GET and decodes the whole report in its answer. kind is "" for
// the synchronous report; for a task's answer, a running status is an error matching
// ErrNotDone.
func readReport[Q any](ctx context.Context, c *Client, o op[Q, none, *BillingReport], args []pathArg, q Q, call []CallOption, kind, taskID string) (*BillingReport, *Response, error) {
	body, resp, err := openReport(ctx, c, o, args, q, call)
	if err != nil {
		return nil, resp, err
	}
	defer drainClose(body)
	if kind != "" && (resp.StatusCode == http.StatusAccepted || resp.StatusCode == http.StatusNoContent) {
		return nil, resp, &taskNotDoneError{kind: kind, taskID: taskID, status: resp.StatusCode}
	}
	rep, st, err := readBillingReport(body)
	c.reportUnknown(http.MethodGet, sentPath(resp), st)
	if err == nil {
		err = st.finished(kind, taskID)
	}
	if err != nil {
		return nil, resp, c.reportError(http.MethodGet, sentPath(resp), resp, kind, taskID, st, err)
	}
	return rep, resp, nil
}

// reportError turns what finished or a decoder said into the error a reader returns. What it
// quotes of the answer goes through the client's redactor.
func (c *Client) reportError(method, path string, resp *Response, kind, taskID string, st reportStatus, err error) error {
	if err == errStillRunning {
		return &taskNotDoneError{kind: kind, taskID: taskID, status: resp.StatusCode, what: st.value}
	}
	if tf, ok := err.(*TaskFailedError); ok {
		tf.StatusCode = resp.StatusCode
		tf.Status, tf.Body = c.redact(tf.Status), []byte(c.redact(string(tf.Body)))
		return tf
	}
	return wrapDecode(method, path, resp, []byte(c.redact(string(st.raw))), err)
}

func (s *BillingService) billingTaskPoller(taskID string) (*Poller[BillingTask], error) {
	args := path(seg(taskID))
	if err := opBillingBeginMonthlyBillingPerOrganizationStatus.checkPath(s.client, args); err != nil {
		return nil, err
	}
	step := func(ctx context.Context) (bool, *BillingTask, *Response, error) {
		body, resp, err := openReport(ctx, s.client, opBillingBeginMonthlyBillingPerOrganizationStatus, args, nil, nil)
		if err != nil {
			return false, nil, resp, err
		}
		defer body.Close() // unread content is not drained: the connection is dropped instead
		if resp.StatusCode == http.StatusAccepted || resp.StatusCode == http.StatusNoContent {
			return false, nil, resp, nil
		}
		st, err := peekBillingReport(body)
		s.client.reportUnknown(http.MethodGet, sentPath(resp), st)
		if err == nil {
			err = st.finished(kindBillingAsync, taskID)
		}
		switch {
		case err == nil:
			return true, &BillingTask{TaskID: taskID, s: s}, resp, nil
		case err == errStillRunning:
			return false, nil, resp, nil
		}
		return false, nil, resp, s.client.reportError(http.MethodGet, sentPath(resp), resp, kindBillingAsync, taskID, st, err)
	}
	return newPoller(s.client, kindBillingAsync, taskID, map[string]string{"taskId": taskID}, step), nil
}

// walkReport sends a report's GET and streams the report in its answer to yield.
func walkReport[Q any](ctx context.Context, c *Client, o op[Q, none, *BillingReport], args []pathArg, q Q, call []CallOption, kind, taskID string, yield func(*OrganizationBilling, error) bool) {
	body, resp, err := openReport(ctx, c, o, args, q, call)
	if err != nil {
		yield(nil, err)
		return
	}
	defer drainClose(body)
	if kind != "" && (resp.StatusCode == http.StatusAccepted || resp.StatusCode == http.StatusNoContent) {
		yield(nil, &taskNotDoneError{kind: kind, taskID: taskID, status: resp.StatusCode})
		return
	}
	st, err := streamBillingReport(body, func(o *OrganizationBilling) bool { return yield(o, nil) })
	c.reportUnknown(http.MethodGet, sentPath(resp), st)
	if err == errStopped {
		return
	}
	if err == nil {
		err = st.finished(kind, taskID)
	}
	if err != nil {
		yield(nil, c.reportError(http.MethodGet, sentPath(resp), resp, kind, taskID, st, err))
	}
}

// CSPBillingReportOptions are the optional query parameters of the Microsoft CSP (legacy O365)
// billing report; its period is given positionally. A nil *CSPBillingReportOptions sends none.
type CSPBillingReportOptions struct {
	// Extra adds query parameters the SDK does not model; Cloudmore documents none beyond
	// the two dates (a key "startDate" or "endDate" is refused: they are the method's).
	Extra ExtraParams `url:"extra,omitempty"`
}

// cspBillingQuery is the CSP report's query.
type cspBillingQuery struct {
	StartDate Date        `url:"startDate"`
	EndDate   Date        `url:"endDate"`
	Extra     ExtraParams `url:"extra,omitempty"`
}

// validate checks the period and, when it is good, that no Extra key repeats a date.
func (q *cspBillingQuery) validate() error {
	var v validator
	billingPeriod(&v, q.StartDate, q.EndDate)
	if v.ok() {
		v.extraParams(q)
	}
	return v.err()
}

// BillingCSPReport is the Microsoft CSP (legacy O365) billing report per organization, with
// Microsoft's pro-rata and cycle-fee detail. Cloudmore names its models but documents no
// field: Raw holds the answer unchanged.
//
// Cloudmore model: MonthlyCspBillingPerOrganizationViewModel
type BillingCSPReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingCSPReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingCSPReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// GetCSPMonthlyBillingPerOrganization returns the Microsoft CSP (legacy O365) billing report
// per organization for the billing dates from startDate to endDate. opts may be nil. For
// Microsoft NCE use BeginAzureOneTimeInvoiceReport.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/cspreports/MonthlyBillingPerOrganization
func (s *BillingService) GetCSPMonthlyBillingPerOrganization(ctx context.Context, startDate, endDate Date, opts *CSPBillingReportOptions, call ...CallOption) (*BillingCSPReport, *Response, error) {
	q := &cspBillingQuery{StartDate: startDate, EndDate: endDate}
	if opts != nil {
		q.Extra = opts.Extra
	}
	return opBillingGetCSPMonthlyBillingPerOrganization.do(ctx, s.client, nil, q, nil, call)
}

// ExtraParams are query parameters the SDK sends as given, for reports whose parameters
// Cloudmore does not document. They are sent in key order. A key that a typed parameter of
// the same call already sends, or an empty key, is refused before the network
// (checkExtraParams, extra.go).
type ExtraParams map[string]string

// EncodeValues adds the parameters to v (go-querystring's Encoder).
func (e ExtraParams) EncodeValues(_ string, v *url.Values) error {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v.Add(k, e[k])
	}
	return nil
}
