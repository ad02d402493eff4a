package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"sort"
	"strings"
)

// The Azure reports. Cloudmore names their models in its Swagger document but publishes no
// field of any of them, nor their query parameters beyond the few noted per method, so these
// methods return the answer raw (json.RawMessage, unchanged) and take the undocumented query
// parameters as ExtraParams. Nothing here is guessed.

// AzureReportOptions are the query parameters of an Azure report whose parameters Cloudmore
// does not document.
type AzureReportOptions struct {
	// Extra are sent as given, for example {"startDate": "2024-10-01"}.
	Extra ExtraParams `url:"extra,omitempty"`
}

// AzureInvoiceOptions selects one Azure (legacy) invoice.
type AzureInvoiceOptions struct {
	// InvoiceID is the Microsoft invoice id, from GetAzureInvoiceList (required).
	InvoiceID string `url:"invoiceId"`
	// Extra are further parameters, sent as given.
	Extra ExtraParams `url:"extra,omitempty"`
}

func (o *AzureInvoiceOptions) validate() error {
	if o == nil {
		return invalid("body", "required: give the invoice id")
	}
	if o.InvoiceID == "" {
		return invalid("invoiceId", "required: take it from GetAzureInvoiceList")
	}
	return nil
}

// GetAzureInvoiceList returns the Microsoft Azure (legacy) invoice ids and their dates, raw.
// Cloudmore aligns the Azure report with Microsoft's invoices: list them, then read one with
// GetAzureInvoice.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoiceList
func (s *BillingService) GetAzureInvoiceList(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/InvoiceList", opts)
}

// GetAzureInvoice returns one detailed Microsoft Azure (legacy) invoice, raw: the report to
// break Azure consumption down by tags and service names.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/Invoice
func (s *BillingService) GetAzureInvoice(ctx context.Context, opts *AzureInvoiceOptions) (json.RawMessage, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return s.getRaw(ctx, "billing/azurereports/Invoice", opts)
}

// GetAzureInvoiceOverview returns the Microsoft Azure (legacy) invoice overview report, raw.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoiceOverview
func (s *BillingService) GetAzureInvoiceOverview(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/InvoiceOverview", opts)
}

// GetAzureInvoicesByCustomDates returns Microsoft Azure utilization data by invoice periods,
// raw. Its parameters are not documented (dates, presumably): pass them in opts.Extra.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoicesByCustomDates
func (s *BillingService) GetAzureInvoicesByCustomDates(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/InvoicesByCustomDates", opts)
}

// GetAzureMonthlyBillingPerOrganization returns the invoice-based Microsoft Azure (legacy)
// billing report per organization, raw.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/MonthlyBillingPerOrganization
func (s *BillingService) GetAzureMonthlyBillingPerOrganization(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/MonthlyBillingPerOrganization", opts)
}

// GetAzureOngoingPeriod returns the Microsoft Azure (legacy) billing report per organization
// for the ongoing period, raw. Microsoft has not finalized this data: it may change when the
// invoice is produced.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/OngoingPeriod
func (s *BillingService) GetAzureOngoingPeriod(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/OngoingPeriod", opts)
}

// GetAzureOneTimeInvoiceList returns the Microsoft one-time (NCE) invoice ids and their dates,
// raw; an id is what BeginAzureOneTimeInvoiceReport's InvoiceNumber takes.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoiceList
func (s *BillingService) GetAzureOneTimeInvoiceList(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azurereports/AzureOneTimeInvoiceList", opts)
}

// AzureOneTimeInvoiceReportOptions are the parameters of the Microsoft NCE invoice report.
// Their names come from Cloudmore's own client, which passes them as plain arguments, not as
// a body; so the SDK sends them as query parameters (?invoiceNumber=...&storeToBlob=true).
// Where they go and their types are inferences: Cloudmore documents neither. If staging
// shows otherwise, send what it needs in Extra.
type AzureOneTimeInvoiceReportOptions struct {
	// InvoiceNumber is the Microsoft invoice to report on (see GetAzureOneTimeInvoiceList).
	InvoiceNumber string `url:"invoiceNumber,omitempty"`
	// StoreToBlob asks Cloudmore to store the report in a blob; it is sent only when true.
	// What the answer then holds is not documented.
	StoreToBlob bool `url:"storeToBlob,omitempty"`
	// Extra are further parameters, sent as given.
	Extra ExtraParams `url:"extra,omitempty"`
}

const kindAzureOneTime = "billing.AzureOneTimeInvoice"

// BeginAzureOneTimeInvoiceReport starts the Microsoft NCE billing report (365 NCE, Azure NCE,
// perpetual licences, software subscriptions, marketplace items; based on Microsoft's
// "Recurring and one-time purchases" invoice), the report Cloudmore recommends for those, and
// returns a Poller that waits for it. The report's fields are not documented: the Poller's
// result is the answer, raw.
//
// The start is a POST and is never repeated. Its parameters go in the query, an inference
// (see AzureOneTimeInvoiceReportOptions). The task id is read from the answer's body first
// ("taskId", "id", or a bare string) and, when the body has none, from the Location header
// (where Cloudmore's documentation says it is). Running, finished and failed are read as
// BeginMonthlyBillingPerOrganization describes.
//
// Cloudmore API: POST /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/generateReport
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/{taskId}
func (s *BillingService) BeginAzureOneTimeInvoiceReport(ctx context.Context, opts *AzureOneTimeInvoiceReportOptions) (*Poller[json.RawMessage], *Response, error) {
	p, err := s.client.brokerPath("billing/azurereports/AzureOneTimeInvoice/generateReport")
	if err != nil {
		return nil, nil, err
	}
	id, resp, err := s.client.startTask(ctx, p, opts, nil, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.azureOneTimePoller(id)
	if err != nil {
		return nil, resp, err
	}
	return poller, resp, nil
}

// ResumeAzureOneTimeInvoiceReport returns a Poller for the report a Poller's ResumeToken
// names. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/{taskId}
func (s *BillingService) ResumeAzureOneTimeInvoiceReport(token string) (*Poller[json.RawMessage], error) {
	ids, err := decodeResumeToken(token, kindAzureOneTime)
	if err != nil {
		return nil, err
	}
	return s.azureOneTimePoller(ids["taskId"])
}

func (s *BillingService) azureOneTimePoller(taskID string) (*Poller[json.RawMessage], error) {
	p, err := s.client.brokerPath("billing/azurereports/AzureOneTimeInvoice/{taskId}", segArg("taskId", taskID))
	if err != nil {
		return nil, err
	}
	keep := func(b []byte) (*json.RawMessage, error) {
		raw := json.RawMessage(b)
		return &raw, nil
	}
	return newPoller(s.client, kindAzureOneTime, taskID, map[string]string{"taskId": taskID},
		taskStep(s.client, kindAzureOneTime, taskID, p, keep)), nil
}

// GetAzureOneTimeUsageInvoice returns the Azure one-time usage invoice report, raw. Cloudmore
// documents no parameter (an invoice selector is likely): pass any in opts.Extra.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeInvoice
func (s *BillingService) GetAzureOneTimeUsageInvoice(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azureonetimeusage/AzureOneTimeInvoice", opts)
}

// GetAzureOneTimeUsageOngoingPeriod returns the Azure one-time usage report for the ongoing
// period, raw.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeOngoingPeriod
func (s *BillingService) GetAzureOneTimeUsageOngoingPeriod(ctx context.Context, opts *AzureReportOptions) (json.RawMessage, *Response, error) {
	return s.getRaw(ctx, "billing/azureonetimeusage/AzureOneTimeOngoingPeriod", opts)
}

// UsagePage is one page of a paged Azure one-time usage report. Cloudmore documents neither
// the page's shape nor its lines: Lines are the page's line items, raw, and Raw the whole page.
// The lines are the page itself when it is a JSON array, or the one array-valued member of the
// page when it is an object (a page with several arrays is an error: the SDK cannot tell
// which holds the lines; read Raw).
type UsagePage struct {
	// Lines are the page's line items, each unchanged.
	Lines []json.RawMessage
	// Raw is the whole page as Cloudmore sent it.
	Raw json.RawMessage
}

// usagePageLines finds the line items of a page.
func usagePageLines(raw json.RawMessage) ([]json.RawMessage, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	switch t[0] {
	case '[':
		var lines []json.RawMessage
		if err := json.Unmarshal(t, &lines); err != nil {
			return nil, err
		}
		return lines, nil
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(t, &obj); err != nil {
			return nil, err
		}
		var arrays []string
		for k, v := range obj {
			if v = bytes.TrimSpace(v); len(v) > 0 && v[0] == '[' {
				arrays = append(arrays, k)
			}
		}
		switch len(arrays) {
		case 0:
			return nil, nil
		case 1:
			var lines []json.RawMessage
			if err := json.Unmarshal(obj[arrays[0]], &lines); err != nil {
				return nil, err
			}
			return lines, nil
		}
		sort.Strings(arrays)
		return nil, fmt.Errorf("cloudmore: the page has several arrays (%s); the SDK cannot tell which holds the lines", strings.Join(arrays, ", "))
	}
	return nil, fmt.Errorf("cloudmore: a usage page is a JSON array or object, not %s", truncate(string(t), 64))
}

// usagePage GETs one page of path; nil, or zero fields, mean page 1 and DefaultPageSize.
func (c *Client) usagePage(ctx context.Context, path string, opts *PageOptions) (*UsagePage, *Response, error) {
	var page PageOptions
	if opts != nil {
		page = *opts
	}
	if page.PageNumber < 0 {
		return nil, nil, invalid("pageNumber", "must not be negative")
	}
	if page.PageSize < 0 {
		return nil, nil, invalid("pageSize", "must not be negative")
	}
	page = page.withDefaults()
	var raw json.RawMessage
	resp, err := c.get(ctx, path, &page, &raw)
	if err != nil {
		return nil, resp, err
	}
	lines, err := usagePageLines(raw)
	if err != nil {
		return nil, resp, fmt.Errorf("cloudmore: GET %s: %w", path, err)
	}
	return &UsagePage{Lines: lines, Raw: raw}, resp, nil
}

// walkUsage walks every page of path from first.
func (c *Client) walkUsage(ctx context.Context, path string, first *PageOptions) iter.Seq2[json.RawMessage, error] {
	var start PageOptions
	if first != nil {
		start = *first
	}
	return walkPages(ctx, start, func(ctx context.Context, page PageOptions) ([]json.RawMessage, []byte, error) {
		pg, _, err := c.usagePage(ctx, path, &page)
		if err != nil {
			return nil, nil, err
		}
		return pg.Lines, pg.Raw, nil
	})
}

// GetAzureOneTimeBilledUsagePage returns one page of the Azure one-time billed usage report of
// a Microsoft invoice: page 1 of DefaultPageSize lines when opts is nil (or a field is zero).
// WalkAzureOneTimeBilledUsage reads every page.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/billed/invoice/{invoiceId}
func (s *BillingService) GetAzureOneTimeBilledUsagePage(ctx context.Context, invoiceID string, opts *PageOptions) (*UsagePage, *Response, error) {
	p, err := s.client.brokerPath("billing/azureonetimeusage/report/billed/invoice/{invoiceId}", segArg("invoiceId", invoiceID))
	if err != nil {
		return nil, nil, err
	}
	return s.client.usagePage(ctx, p, opts)
}

// WalkAzureOneTimeBilledUsage reads every line of the Azure one-time billed usage report of a
// Microsoft invoice, page after page (from page 1 of DefaultPageSize lines unless first says
// otherwise). It stops on an empty page or on a page shorter than the ones before it; a
// short first page is followed by one more request, so a server that serves fewer lines per
// page than asked for loses nothing. It ends with an error if a page repeats the previous one
// (a server that ignores pageNumber).
// Lines are raw: their fields are not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/billed/invoice/{invoiceId}
func (s *BillingService) WalkAzureOneTimeBilledUsage(ctx context.Context, invoiceID string, first *PageOptions) iter.Seq2[json.RawMessage, error] {
	p, err := s.client.brokerPath("billing/azureonetimeusage/report/billed/invoice/{invoiceId}", segArg("invoiceId", invoiceID))
	if err != nil {
		return func(yield func(json.RawMessage, error) bool) { yield(nil, err) }
	}
	return s.client.walkUsage(ctx, p, first)
}

// UnbilledUsageExportRequest is the body of an unbilled-usage export request. Cloudmore names
// its model but documents no field, so the SDK sends the members of Extra as the body ({}
// when it is empty: the export is asked for without parameters).
type UnbilledUsageExportRequest struct {
	// Extra holds the body's members, by their JSON names, sent as given.
	Extra map[string]any `json:"-"`
}

func (r *UnbilledUsageExportRequest) validate() error {
	if r == nil {
		return nil
	}
	return checkExtra(struct{}{}, r.Extra)
}

// MarshalJSON writes the members of Extra as one JSON object.
func (r UnbilledUsageExportRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

const kindUnbilledUsage = "billing.AzureOneTimeUnbilledUsage"

// UnbilledUsageExport is a finished unbilled-usage export: the handle its Poller's Result
// returns. Walk and Page read the exported lines. A zero UnbilledUsageExport (not from a
// Poller) reads nothing: its methods return an error.
type UnbilledUsageExport struct {
	// Period is the period the export covers, as given to the export.
	Period string
	// OperationID is the export's operation id.
	OperationID string
	// Status is the last status answer, raw (its fields are not documented).
	Status json.RawMessage

	path string
	c    *Client
}

// errNoExport is what a zero UnbilledUsageExport returns.
var errNoExport = errors.New("cloudmore: this UnbilledUsageExport is empty: take it from the Poller of BeginAzureOneTimeUnbilledUsageExport")

// Page returns one page of the export's result: page 1 of DefaultPageSize lines when opts is
// nil (or a field is zero).
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/result
func (e *UnbilledUsageExport) Page(ctx context.Context, opts *PageOptions) (*UsagePage, *Response, error) {
	if e == nil || e.c == nil {
		return nil, nil, errNoExport
	}
	return e.c.usagePage(ctx, e.path, opts)
}

// Walk reads every line of the export's result, page after page, as
// WalkAzureOneTimeBilledUsage does.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/result
func (e *UnbilledUsageExport) Walk(ctx context.Context, first *PageOptions) iter.Seq2[json.RawMessage, error] {
	if e == nil || e.c == nil {
		return func(yield func(json.RawMessage, error) bool) { yield(nil, errNoExport) }
	}
	return e.c.walkUsage(ctx, e.path, first)
}

// BeginAzureOneTimeUnbilledUsageExport asks Cloudmore to export the unbilled Azure one-time
// usage of a period and returns a Poller that follows the export's status until it is done;
// its Result is an *UnbilledUsageExport whose Walk reads the lines. This follows Microsoft's
// asynchronous billing API (v2): export, then status, then a paged result.
//
// The period's format is not documented (the SDK only checks it is one path segment); req
// may be nil. The start is a POST and is never repeated; the operation id is read from the
// answer's body first ("operationId", "taskId", "id", or a bare string) and, when the body
// has none, from the Location header. A status answer of 202 or 204, or with a "status" of
// Processing, is running; Successful, or a 200 without a status, is done; Failed or anything
// else is a *TaskFailedError quoting the answer.
//
// Cloudmore API: POST /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/export
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/status
func (s *BillingService) BeginAzureOneTimeUnbilledUsageExport(ctx context.Context, period string, req *UnbilledUsageExportRequest) (*Poller[UnbilledUsageExport], *Response, error) {
	if err := req.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("billing/azureonetimeusage/report/unbilled/period/{period}/export", segArg("period", period))
	if err != nil {
		return nil, nil, err
	}
	if req == nil {
		req = &UnbilledUsageExportRequest{}
	}
	id, resp, err := s.client.startTask(ctx, p, nil, req, "operationId", "operation_id", "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.unbilledPoller(period, id)
	if err != nil {
		return nil, resp, err
	}
	return poller, resp, nil
}

// ResumeAzureOneTimeUnbilledUsageExport returns a Poller for the export a Poller's
// ResumeToken names. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/status
func (s *BillingService) ResumeAzureOneTimeUnbilledUsageExport(token string) (*Poller[UnbilledUsageExport], error) {
	ids, err := decodeResumeToken(token, kindUnbilledUsage)
	if err != nil {
		return nil, err
	}
	return s.unbilledPoller(ids["period"], ids["operationId"])
}

func (s *BillingService) unbilledPoller(period, operationID string) (*Poller[UnbilledUsageExport], error) {
	base := "billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/"
	args := []pathArg{segArg("period", period), segArg("operationId", operationID)}
	status, err := s.client.brokerPath(base+"status", args...)
	if err != nil {
		return nil, err
	}
	result, err := s.client.brokerPath(base+"result", args...)
	if err != nil {
		return nil, err
	}
	done := func(b []byte) (*UnbilledUsageExport, error) {
		return &UnbilledUsageExport{Period: period, OperationID: operationID, Status: json.RawMessage(b), path: result, c: s.client}, nil
	}
	ids := map[string]string{"period": period, "operationId": operationID}
	return newPoller(s.client, kindUnbilledUsage, operationID, ids, taskStep(s.client, kindUnbilledUsage, operationID, status, done)), nil
}
