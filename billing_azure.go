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
// field of any of them, nor their query parameters beyond the few noted per method, so each
// method returns a model that holds the answer in Raw, unchanged, and takes the undocumented
// query parameters as ExtraParams. Which model an endpoint returns is known by name only
// (api-facts §11.5): a model line that names one is that inference. Nothing here is guessed
// beyond that.

// AzureReportOptions are the query parameters of an Azure report whose parameters Cloudmore
// does not document. A nil *AzureReportOptions sends none.
type AzureReportOptions struct {
	// Extra are sent as given, for example {"startDate": "2024-10-01"}.
	Extra ExtraParams `url:"extra,omitempty"`
}

// validate refuses an empty Extra key.
func (o *AzureReportOptions) validate() error { return checkExtraParams(o) }

// The Azure report operations.
var (
	opBillingGetAzureInvoiceList                        = declare[*AzureReportOptions, none, *BillingAzureInvoiceList]("Billing.GetAzureInvoiceList", "GET /api/resellers/{resellerId}/billing/azurereports/InvoiceList")
	opBillingGetAzureInvoice                            = declare[*azureInvoiceQuery, none, *BillingAzureInvoice]("Billing.GetAzureInvoice", "GET /api/resellers/{resellerId}/billing/azurereports/Invoice")
	opBillingGetAzureInvoiceOverview                    = declare[*AzureReportOptions, none, *BillingAzureInvoiceOverview]("Billing.GetAzureInvoiceOverview", "GET /api/resellers/{resellerId}/billing/azurereports/InvoiceOverview")
	opBillingGetAzureInvoicesByCustomDates              = declare[*AzureReportOptions, none, *BillingAzureCustomDatesReport]("Billing.GetAzureInvoicesByCustomDates", "GET /api/resellers/{resellerId}/billing/azurereports/InvoicesByCustomDates")
	opBillingGetAzureMonthlyBillingPerOrganization      = declare[*AzureReportOptions, none, *BillingAzureReport]("Billing.GetAzureMonthlyBillingPerOrganization", "GET /api/resellers/{resellerId}/billing/azurereports/MonthlyBillingPerOrganization")
	opBillingGetAzureOngoingPeriod                      = declare[*AzureReportOptions, none, *BillingAzureOngoingPeriod]("Billing.GetAzureOngoingPeriod", "GET /api/resellers/{resellerId}/billing/azurereports/OngoingPeriod")
	opBillingGetAzureOneTimeInvoiceList                 = declare[*AzureReportOptions, none, *BillingAzureOneTimeInvoiceList]("Billing.GetAzureOneTimeInvoiceList", "GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoiceList")
	opBillingBeginAzureOneTimeInvoiceReport             = declare[*AzureOneTimeInvoiceReportOptions, none, none]("Billing.BeginAzureOneTimeInvoiceReport", "POST /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/generateReport").startsTask()
	opBillingBeginAzureOneTimeInvoiceReportStatus       = declare[none, none, *BillingAzureOneTimeInvoiceReport]("Billing.BeginAzureOneTimeInvoiceReport: status", "GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/{taskId}")
	opBillingGetAzureOneTimeUsageInvoice                = declare[*AzureReportOptions, none, *BillingAzureOneTimeUsageReport]("Billing.GetAzureOneTimeUsageInvoice", "GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeInvoice")
	opBillingGetAzureOneTimeUsageOngoingPeriod          = declare[*AzureReportOptions, none, *BillingAzureOneTimeUsageReport]("Billing.GetAzureOneTimeUsageOngoingPeriod", "GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeOngoingPeriod")
	opBillingGetAzureOneTimeBilledUsagePage             = declare[*PageOptions, none, *UsagePage]("Billing.GetAzureOneTimeBilledUsagePage", "GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/billed/invoice/{invoiceId}")
	opBillingBeginAzureOneTimeUnbilledUsageExport       = declare[none, *UnbilledUsageExportRequest, none]("Billing.BeginAzureOneTimeUnbilledUsageExport", "POST /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/export").startsTask()
	opBillingBeginAzureOneTimeUnbilledUsageExportStatus = declare[none, none, none]("Billing.BeginAzureOneTimeUnbilledUsageExport: status", "GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/status")
	opBillingBeginAzureOneTimeUnbilledUsageExportResult = declare[*PageOptions, none, *UsagePage]("Billing.BeginAzureOneTimeUnbilledUsageExport: result", "GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/result")
)

// BillingAzureInvoiceList is the list of Microsoft Azure (legacy) invoice ids and their dates. Cloudmore names its model nowhere but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: unknown
type BillingAzureInvoiceList struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureInvoiceList) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureInvoiceList) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureInvoice is one detailed Microsoft Azure (legacy) invoice. Cloudmore names its model nowhere but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: unknown
type BillingAzureInvoice struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureInvoice) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureInvoice) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureInvoiceOverview is the Microsoft Azure (legacy) invoice overview report. Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureInvoiceOverviewViewModel
type BillingAzureInvoiceOverview struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureInvoiceOverview) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureInvoiceOverview) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureCustomDatesReport is Microsoft Azure utilization data by invoice periods. Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureCustomInvoiceBillingReportViewModel
type BillingAzureCustomDatesReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureCustomDatesReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureCustomDatesReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureReport is the invoice-based Microsoft Azure (legacy) billing report per organization. Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: MonthlyAzureBillingPerOrganizationViewModel
type BillingAzureReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureOngoingPeriod is the Microsoft Azure (legacy) billing report per organization for the ongoing period. Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureOngoingPeriodBillingReportViewModel
type BillingAzureOngoingPeriod struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureOngoingPeriod) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureOngoingPeriod) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureOneTimeInvoiceList is the list of Microsoft one-time (NCE) invoice ids and their dates. Cloudmore names its model (spelt so) but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureOneTimeInvoiceListVeiwModel
type BillingAzureOneTimeInvoiceList struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureOneTimeInvoiceList) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureOneTimeInvoiceList) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureOneTimeInvoiceReport is the Microsoft NCE billing report, the result of BeginAzureOneTimeInvoiceReport's Poller. Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureOneTimeBillingReportAsyncViewModel
type BillingAzureOneTimeInvoiceReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureOneTimeInvoiceReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureOneTimeInvoiceReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// BillingAzureOneTimeUsageReport is an Azure one-time usage report (of an invoice, or of the ongoing period). Cloudmore names its model but publishes no field: Raw holds the
// answer unchanged.
//
// Cloudmore model: AzureOneTimeUsageReportViewModel
type BillingAzureOneTimeUsageReport struct {
	// Raw is the answer as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the answer in Raw.
func (r *BillingAzureOneTimeUsageReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (r BillingAzureOneTimeUsageReport) MarshalJSON() ([]byte, error) { return rawJSON(r.Raw), nil }

// GetAzureInvoiceList returns the Microsoft Azure (legacy) invoice ids and their dates.
// Cloudmore aligns the Azure report with Microsoft's invoices: list them, then read one with
// GetAzureInvoice. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoiceList
func (s *BillingService) GetAzureInvoiceList(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureInvoiceList, *Response, error) {
	return opBillingGetAzureInvoiceList.do(ctx, s.client, nil, opts, nil, call)
}

// azureInvoiceQuery is GetAzureInvoice's query.
type azureInvoiceQuery struct {
	InvoiceID string      `url:"invoiceId"`
	Extra     ExtraParams `url:"extra,omitempty"`
}

// validate requires the invoice id and refuses an Extra key that repeats it.
func (q *azureInvoiceQuery) validate() error {
	var v validator
	v.required("invoiceId", q.InvoiceID)
	v.extraParams(q)
	return v.err()
}

// GetAzureInvoice returns one detailed Microsoft Azure (legacy) invoice, the report to break
// Azure consumption down by tags and service names. invoiceID is the Microsoft invoice id,
// from GetAzureInvoiceList (required; sent as the invoiceId query parameter). opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/Invoice
func (s *BillingService) GetAzureInvoice(ctx context.Context, invoiceID string, opts *AzureReportOptions, call ...CallOption) (*BillingAzureInvoice, *Response, error) {
	q := &azureInvoiceQuery{InvoiceID: invoiceID}
	if opts != nil {
		q.Extra = opts.Extra
	}
	return opBillingGetAzureInvoice.do(ctx, s.client, nil, q, nil, call)
}

// GetAzureInvoiceOverview returns the Microsoft Azure (legacy) invoice overview report. opts
// may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoiceOverview
func (s *BillingService) GetAzureInvoiceOverview(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureInvoiceOverview, *Response, error) {
	return opBillingGetAzureInvoiceOverview.do(ctx, s.client, nil, opts, nil, call)
}

// GetAzureInvoicesByCustomDates returns Microsoft Azure utilization data by invoice periods.
// Its parameters are not documented (dates, presumably): pass them in opts.Extra.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/InvoicesByCustomDates
func (s *BillingService) GetAzureInvoicesByCustomDates(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureCustomDatesReport, *Response, error) {
	return opBillingGetAzureInvoicesByCustomDates.do(ctx, s.client, nil, opts, nil, call)
}

// GetAzureMonthlyBillingPerOrganization returns the invoice-based Microsoft Azure (legacy)
// billing report per organization. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/MonthlyBillingPerOrganization
func (s *BillingService) GetAzureMonthlyBillingPerOrganization(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureReport, *Response, error) {
	return opBillingGetAzureMonthlyBillingPerOrganization.do(ctx, s.client, nil, opts, nil, call)
}

// GetAzureOngoingPeriod returns the Microsoft Azure (legacy) billing report per organization
// for the ongoing period. Microsoft has not finalized this data: it may change when the
// invoice is produced. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/OngoingPeriod
func (s *BillingService) GetAzureOngoingPeriod(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureOngoingPeriod, *Response, error) {
	return opBillingGetAzureOngoingPeriod.do(ctx, s.client, nil, opts, nil, call)
}

// GetAzureOneTimeInvoiceList returns the Microsoft one-time (NCE) invoice ids and their
// dates; an id is what BeginAzureOneTimeInvoiceReport's InvoiceNumber takes. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoiceList
func (s *BillingService) GetAzureOneTimeInvoiceList(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureOneTimeInvoiceList, *Response, error) {
	return opBillingGetAzureOneTimeInvoiceList.do(ctx, s.client, nil, opts, nil, call)
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

// validate refuses an Extra key that repeats a typed parameter that is set, or is empty.
func (o *AzureOneTimeInvoiceReportOptions) validate() error { return checkExtraParams(o) }

const kindAzureOneTime = "billing.AzureOneTimeInvoice"

// BeginAzureOneTimeInvoiceReport starts the Microsoft NCE billing report (365 NCE, Azure NCE,
// perpetual licences, software subscriptions, marketplace items; based on Microsoft's
// "Recurring and one-time purchases" invoice), the report Cloudmore recommends for those, and
// returns a Poller that waits for it. opts may be nil. The report's fields are not
// documented: the Poller's result keeps the answer in Raw.
//
// The start is a POST and is never repeated. Its parameters go in the query, an inference
// (see AzureOneTimeInvoiceReportOptions). The task id is read from the answer's body first
// ("taskId", "id", or a bare string) and, when the body has none, from the Location header
// (where Cloudmore's documentation says it is). Running, finished and failed are read as
// BeginMonthlyBillingPerOrganization describes.
//
// Cloudmore API: POST /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/generateReport
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/{taskId}
func (s *BillingService) BeginAzureOneTimeInvoiceReport(ctx context.Context, opts *AzureOneTimeInvoiceReportOptions, call ...CallOption) (*Poller[BillingAzureOneTimeInvoiceReport], *Response, error) {
	id, resp, err := opBillingBeginAzureOneTimeInvoiceReport.start(ctx, s.client, nil, opts, nil, call, "taskId")
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
// names. It makes no network call. A token made on a client for another API host or reseller
// is refused with a *ValidationError.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azurereports/AzureOneTimeInvoice/{taskId}
func (s *BillingService) ResumeAzureOneTimeInvoiceReport(token string) (*Poller[BillingAzureOneTimeInvoiceReport], error) {
	ids, err := s.client.resumeIDs(token, kindAzureOneTime)
	if err != nil {
		return nil, err
	}
	return s.azureOneTimePoller(ids["taskId"])
}

func (s *BillingService) azureOneTimePoller(taskID string) (*Poller[BillingAzureOneTimeInvoiceReport], error) {
	status, args := opBillingBeginAzureOneTimeInvoiceReportStatus, path(seg(taskID))
	if err := status.checkPath(s.client, args); err != nil {
		return nil, err
	}
	return newPoller(s.client, kindAzureOneTime, taskID, map[string]string{"taskId": taskID},
		taskStep[BillingAzureOneTimeInvoiceReport](s.client, kindAzureOneTime, taskID, status, args, nil)), nil
}

// GetAzureOneTimeUsageInvoice returns the Azure one-time usage invoice report. Cloudmore
// documents no parameter (an invoice selector is likely): pass any in opts.Extra.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeInvoice
func (s *BillingService) GetAzureOneTimeUsageInvoice(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureOneTimeUsageReport, *Response, error) {
	return opBillingGetAzureOneTimeUsageInvoice.do(ctx, s.client, nil, opts, nil, call)
}

// GetAzureOneTimeUsageOngoingPeriod returns the Azure one-time usage report for the ongoing
// period. opts may be nil.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/AzureOneTimeOngoingPeriod
func (s *BillingService) GetAzureOneTimeUsageOngoingPeriod(ctx context.Context, opts *AzureReportOptions, call ...CallOption) (*BillingAzureOneTimeUsageReport, *Response, error) {
	return opBillingGetAzureOneTimeUsageOngoingPeriod.do(ctx, s.client, nil, opts, nil, call)
}

// UsagePage is one page of a paged Azure one-time usage report. Cloudmore documents neither
// the page's shape nor its lines: Lines are the page's line items, each kept in Raw, and Raw
// the whole page.
// The lines are the page itself when it is a JSON array, or the one array-valued member of the
// page when it is an object (a page with several arrays is an error: the SDK cannot tell
// which holds the lines; read Raw).
//
// Cloudmore model: AzureOneTimeBilledUsageReportViewModel
type UsagePage struct {
	// Lines are the page's line items, each unchanged.
	Lines []BillingUsageLine
	// Raw is the whole page as Cloudmore sent it.
	Raw RawJSON
}

// BillingUsageLine is one line item of an Azure one-time usage report (billed, or the result
// of an unbilled-usage export). Cloudmore names its models (AzureOneTimeBilledUsageReportLineItemViewModel,
// AzureOneTimeUnBilledUsageReportLineItemViewModel) but publishes no field: Raw holds the line
// unchanged.
//
// Cloudmore model: AzureOneTimeBilledUsageReportLineItemViewModel
type BillingUsageLine struct {
	// Raw is the line as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the line in Raw.
func (l *BillingUsageLine) UnmarshalJSON(b []byte) error { return keepRaw(b, &l.Raw) }

// MarshalJSON writes the JSON as Cloudmore sent it (null when there is none).
func (l BillingUsageLine) MarshalJSON() ([]byte, error) { return rawJSON(l.Raw), nil }

// usagePageLines finds the line items of a page.
func usagePageLines(raw json.RawMessage) ([]BillingUsageLine, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, nil
	}
	switch t[0] {
	case '[':
		var lines []BillingUsageLine
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
			var lines []BillingUsageLine
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

// usagePage reads one page of a usage report (o, a paged GET); nil opts, or zero fields, mean
// page 1 and DefaultPageSize.
func usagePage(ctx context.Context, c *Client, o op[*PageOptions, none, *UsagePage], args []pathArg, opts *PageOptions, call []CallOption) (*UsagePage, *Response, error) {
	var page PageOptions
	if opts != nil {
		page = *opts
	}
	if page.PageNumber >= 0 && page.PageSize >= 0 {
		page = page.withDefaults() // a negative one is refused by PageOptions.validate
	}
	raw, resp, err := o.raw(ctx, c, args, &page, nil, call)
	if err != nil {
		return nil, resp, err
	}
	lines, err := usagePageLines(raw)
	if err != nil {
		return nil, resp, fmt.Errorf("cloudmore: GET %s: %w", sentPath(resp), err)
	}
	return &UsagePage{Lines: lines, Raw: RawJSON(raw)}, resp, nil
}

// walkUsage walks every page of a usage report from first.
func walkUsage(ctx context.Context, c *Client, o op[*PageOptions, none, *UsagePage], args []pathArg, first *PageOptions, call []CallOption) iter.Seq2[BillingUsageLine, error] {
	var start PageOptions
	if first != nil {
		start = *first
	}
	return walkPages(ctx, start, func(ctx context.Context, page PageOptions) ([]BillingUsageLine, []byte, error) {
		pg, _, err := usagePage(ctx, c, o, args, &page, call)
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
func (s *BillingService) GetAzureOneTimeBilledUsagePage(ctx context.Context, invoiceID string, opts *PageOptions, call ...CallOption) (*UsagePage, *Response, error) {
	return usagePage(ctx, s.client, opBillingGetAzureOneTimeBilledUsagePage, path(seg(invoiceID)), opts, call)
}

// WalkAzureOneTimeBilledUsage reads every line of the Azure one-time billed usage report of a
// Microsoft invoice, page after page (from page 1 of DefaultPageSize lines unless first says
// otherwise). It stops on an empty page or on a page shorter than the ones before it; a
// short first page is followed by one more request, so a server that serves fewer lines per
// page than asked for loses nothing. It ends with an error if a page repeats the previous one
// (a server that ignores pageNumber).
// Each line keeps its JSON in Raw: their fields are not documented.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/billed/invoice/{invoiceId}
func (s *BillingService) WalkAzureOneTimeBilledUsage(ctx context.Context, invoiceID string, first *PageOptions, call ...CallOption) iter.Seq2[BillingUsageLine, error] {
	return walkUsage(ctx, s.client, opBillingGetAzureOneTimeBilledUsagePage, path(seg(invoiceID)), first, call)
}

// UnbilledUsageExportRequest is the body of an unbilled-usage export request. Cloudmore names
// its model but documents no field, so the SDK sends the members of Extra as the body ({}
// when it is empty: the export is asked for without parameters). A nil
// *UnbilledUsageExportRequest sends {}.
//
// Cloudmore model: AzureOneTimeUnbilledUsageRequestViewModel
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

	c *Client
}

// args are the export's path values.
func (e *UnbilledUsageExport) args() []pathArg { return path(seg(e.Period), seg(e.OperationID)) }

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
	return usagePage(ctx, e.c, opBillingBeginAzureOneTimeUnbilledUsageExportResult, e.args(), opts, nil)
}

// Walk reads every line of the export's result, page after page, as
// WalkAzureOneTimeBilledUsage does.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/result
func (e *UnbilledUsageExport) Walk(ctx context.Context, first *PageOptions) iter.Seq2[BillingUsageLine, error] {
	if e == nil || e.c == nil {
		return func(yield func(BillingUsageLine, error) bool) { yield(BillingUsageLine{}, errNoExport) }
	}
	return walkUsage(ctx, e.c, opBillingBeginAzureOneTimeUnbilledUsageExportResult, e.args(), first, nil)
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
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/result
func (s *BillingService) BeginAzureOneTimeUnbilledUsageExport(ctx context.Context, period string, req *UnbilledUsageExportRequest, call ...CallOption) (*Poller[UnbilledUsageExport], *Response, error) {
	if req == nil {
		req = &UnbilledUsageExportRequest{}
	}
	id, resp, err := opBillingBeginAzureOneTimeUnbilledUsageExport.start(ctx, s.client, path(seg(period)), nil, req, call, "operationId", "operation_id", "taskId")
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
// ResumeToken names. It makes no network call. A token made on a client for another API host
// or reseller is refused with a *ValidationError.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/azureonetimeusage/report/unbilled/period/{period}/operation/{operationId}/status
func (s *BillingService) ResumeAzureOneTimeUnbilledUsageExport(token string) (*Poller[UnbilledUsageExport], error) {
	ids, err := s.client.resumeIDs(token, kindUnbilledUsage)
	if err != nil {
		return nil, err
	}
	return s.unbilledPoller(ids["period"], ids["operationId"])
}

func (s *BillingService) unbilledPoller(period, operationID string) (*Poller[UnbilledUsageExport], error) {
	status, args := opBillingBeginAzureOneTimeUnbilledUsageExportStatus, path(seg(period), seg(operationID))
	if err := status.checkPath(s.client, args); err != nil {
		return nil, err
	}
	done := func(b []byte) (*UnbilledUsageExport, error) {
		return &UnbilledUsageExport{Period: period, OperationID: operationID, Status: json.RawMessage(b), c: s.client}, nil
	}
	ids := map[string]string{"period": period, "operationId": operationID}
	return newPoller(s.client, kindUnbilledUsage, operationID, ids, taskStep(s.client, kindUnbilledUsage, operationID, status, args, done)), nil
}
