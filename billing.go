package cloudmore

import (
	"context"
	"encoding/json"
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
//     Cloudmore recommends the asynchronous report, BeginMonthlyBillingPerOrganization:
//     it starts the report, and the returned Poller waits for it. The synchronous
//     GetMonthlyBillingPerOrganization and GetMonthlyBillingPerService are marked
//     "Not for production!": same data, but with a limit on how much they return.
//   - Microsoft NCE (365 NCE, Azure NCE, perpetual licences, software subscriptions,
//     marketplace items): BeginAzureOneTimeInvoiceReport.
//   - Microsoft O365 legacy CSP: GetCSPMonthlyBillingPerOrganization.
//   - Microsoft Azure legacy: the GetAzure* reports.
//
// Reports can be large: a broker with thousands of organizations gets hundreds of
// megabytes. WalkMonthlyBillingPerOrganization, WalkMonthlyBillingPerOrganizationTask and
// DecodeBillingReport decode one organization at a time, so memory stays flat whatever
// the size. The client's HTTP timeout (2 minutes unless WithHTTPClient sets another) covers
// reading the whole answer, so give a client that downloads very large reports over a slow
// link a longer one, and bound the call with ctx instead.
// BillingReport.Lines, BillingReport.Totals and BillingReport.Check turn a report
// into ERP lines, exact totals and a list of the differences between those totals and the
// ones Cloudmore states.
//
// Amounts are exact decimals (Decimal). "Reseller" amounts are the broker's cost,
// "customer" amounts the organization's sales price.
type BillingService service

// BillingReportOptions selects the billing runs of the general billing report: every run
// whose billing date falls between StartDate and EndDate (both included). Cloudmore
// recommends whole months. Both dates are required and EndDate must not be before StartDate.
type BillingReportOptions struct {
	// StartDate is the first billing date to include.
	StartDate Date `url:"startDate" json:"startDate"`
	// EndDate is the last billing date to include.
	EndDate Date `url:"endDate" json:"endDate"`
	// CurrencyCode, when set, converts every amount to this ISO 4217 currency ("SEK").
	CurrencyCode string `url:"currencyCode,omitempty" json:"currencyCode,omitempty"`
}

func (o *BillingReportOptions) validate() error {
	if o == nil {
		return invalid("startDate", "required: give the report's start and end dates")
	}
	return validateRange(o.StartDate, o.EndDate, o.CurrencyCode)
}

func validateRange(start, end Date, currency string) error {
	if start.IsZero() {
		return invalid("startDate", "required")
	}
	if _, err := start.MarshalText(); err != nil {
		return invalid("startDate", "%v", err)
	}
	if end.IsZero() {
		return invalid("endDate", "required")
	}
	if _, err := end.MarshalText(); err != nil {
		return invalid("endDate", "%v", err)
	}
	if end.Before(start) {
		return invalid("endDate", "%s is before startDate %s", end, start)
	}
	if currency != "" && !isCurrencyCode(currency) {
		return invalid("currencyCode", "%q is not an ISO 4217 code of three capital letters, such as SEK", truncate(currency, 16))
	}
	return nil
}

// BillingReport is the general billing report per organization: the billing runs between
// two dates, each with the organizations billed on that date.
type BillingReport struct {
	// Runs holds one entry per billing date, in Cloudmore's order.
	Runs []BillingRun
	// Extra holds, raw, the other members of the answer when Cloudmore wraps the report in
	// an object (the shape of the asynchronous report's answer is not documented); nil when
	// the answer is the bare array the guide shows.
	Extra map[string]json.RawMessage
}

// BillingRun is the billing of one billing date. Each service has its own billing date, so a
// month's report can hold several runs.
type BillingRun struct {
	// BillingDate is when the billing data was generated (Cloudmore sends it without a
	// zone, as "2020-04-29T23:59:59"; it is read as UTC).
	BillingDate Time `json:"billingDate"`
	// Organizations are the organizations billed on that date.
	Organizations []OrganizationBilling `json:"organizations"`
}

// OrganizationBilling is one organization's billing on one billing date.
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

// Organizations returns every organization of every run, each with its BillingDate set.
func (r *BillingReport) Organizations() iter.Seq[*OrganizationBilling] {
	return func(yield func(*OrganizationBilling) bool) {
		if r == nil {
			return
		}
		for i := range r.Runs {
			for j := range r.Runs[i].Organizations {
				o := &r.Runs[i].Organizations[j]
				o.BillingDate = r.Runs[i].BillingDate
				if !yield(o) {
					return
				}
			}
		}
	}
}

// GetMonthlyBillingPerOrganization returns the general billing report per organization, read
// in one go.
//
// Cloudmore marks this call "Not for production!": it returns the same data as the
// asynchronous report but with a limit on how much. Use BeginMonthlyBillingPerOrganization in
// production, and WalkMonthlyBillingPerOrganization to read a large answer one organization
// at a time.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization
func (s *BillingService) GetMonthlyBillingPerOrganization(ctx context.Context, opts *BillingReportOptions) (*BillingReport, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("billing/reports/MonthlyBillingPerOrganization")
	if err != nil {
		return nil, nil, err
	}
	body, resp, err := s.client.stream(ctx, http.MethodGet, p, opts, nil)
	if err != nil {
		return nil, resp, err
	}
	defer body.Close()
	rep, st, err := readBillingReport(body)
	if err == nil {
		err = st.finished("", "")
	}
	if err != nil {
		return nil, resp, wrapDecode(http.MethodGet, p, resp, err)
	}
	return rep, resp, nil
}

// WalkMonthlyBillingPerOrganization reads the general billing report per organization one
// organization at a time, as it arrives: memory stays flat whatever the report's size.
// Each organization comes with its BillingDate set. Breaking out of the loop stops the
// download. An error ends the walk; it is never retried after the first organization, so no
// organization is seen twice.
//
// Like GetMonthlyBillingPerOrganization this is the synchronous report, which Cloudmore
// marks "Not for production!"; WalkMonthlyBillingPerOrganizationTask walks the answer of the
// recommended asynchronous report.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization
func (s *BillingService) WalkMonthlyBillingPerOrganization(ctx context.Context, opts *BillingReportOptions) iter.Seq2[*OrganizationBilling, error] {
	return func(yield func(*OrganizationBilling, error) bool) {
		if err := opts.validate(); err != nil {
			yield(nil, err)
			return
		}
		p, err := s.client.brokerPath("billing/reports/MonthlyBillingPerOrganization")
		if err != nil {
			yield(nil, err)
			return
		}
		s.walkReport(ctx, p, opts, "", "", yield)
	}
}

// GetMonthlyBillingPerService returns the general billing report per service (billing date,
// service, organization, subscription, product). Cloudmore documents neither its fields nor
// an example, so the answer is returned raw, unchanged. Cloudmore marks this call "Not for
// production!"; the per-organization reports hold the same data.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerService
func (s *BillingService) GetMonthlyBillingPerService(ctx context.Context, opts *BillingReportOptions) (json.RawMessage, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return s.getRaw(ctx, "billing/reports/MonthlyBillingPerService", opts)
}

// kindBillingAsync names the asynchronous general billing report in resume tokens and errors.
const kindBillingAsync = "billing.MonthlyBillingPerOrganizationAsync"

// BeginMonthlyBillingPerOrganization starts the asynchronous general billing report per
// organization, the call Cloudmore recommends for production, and returns a Poller that
// waits for it:
//
//	p, _, err := client.Billing.BeginMonthlyBillingPerOrganization(ctx, &cloudmore.BillingReportOptions{
//		StartDate: cloudmore.NewDate(2024, time.April, 1),
//		EndDate:   cloudmore.NewDate(2024, time.April, 30),
//	})
//	if err != nil { ... }
//	saveSomewhere(p.ResumeToken()) // to pick the same report up after a crash
//	report, err := p.PollUntilDone(ctx, 10*time.Second)
//
// The Poller's Result decodes the whole report; for a report too large to hold, wait with
// the Poller's Poll/Done and then read it with WalkMonthlyBillingPerOrganizationTask, which
// decodes one organization at a time.
//
// The start is a POST and is never repeated: if its answer is lost, the error is an
// *UnknownOutcomeError. What the start's body holds is not documented; the SDK sends the
// report's dates and currency as JSON ({"startDate": "2024-04-01", "endDate": "2024-04-30",
// "currencyCode": "SEK"}), which is an inference from the synchronous report's query. The task
// id is read from the answer's body or its Location header, whichever Cloudmore sends.
//
// How a report that is still being built answers is not documented either: a 202 or 204, or a
// body whose "status" says Processing, counts as running; the report itself (the array the
// synchronous call returns, or an object wrapping it) as done; Failed, or anything else, ends
// the wait with a *TaskFailedError quoting the answer.
//
// Cloudmore API: POST /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (s *BillingService) BeginMonthlyBillingPerOrganization(ctx context.Context, opts *BillingReportOptions) (*Poller[BillingReport], *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	p, err := s.client.brokerPath("billing/reports/MonthlyBillingPerOrganizationAsync")
	if err != nil {
		return nil, nil, err
	}
	id, resp, err := s.client.startTask(ctx, p, nil, opts, "taskId")
	if err != nil {
		return nil, resp, err
	}
	poller, err := s.billingTaskPoller(id)
	if err != nil {
		return nil, resp, err
	}
	return poller, resp, nil
}

// ResumeMonthlyBillingPerOrganization returns a Poller for the asynchronous report that a
// Poller's ResumeToken names, so that a program that stopped can wait for the same report
// instead of starting another. It makes no network call.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (s *BillingService) ResumeMonthlyBillingPerOrganization(token string) (*Poller[BillingReport], error) {
	ids, err := decodeResumeToken(token, kindBillingAsync)
	if err != nil {
		return nil, err
	}
	return s.billingTaskPoller(ids["taskId"])
}

func (s *BillingService) billingTaskPoller(taskID string) (*Poller[BillingReport], error) {
	p, err := s.billingTaskPath(taskID)
	if err != nil {
		return nil, err
	}
	step := func(ctx context.Context) (bool, *BillingReport, *Response, error) {
		body, resp, err := s.client.stream(ctx, http.MethodGet, p, nil, nil)
		if err != nil {
			return false, nil, resp, err
		}
		defer body.Close()
		if resp.StatusCode == http.StatusAccepted || resp.StatusCode == http.StatusNoContent {
			return false, nil, resp, nil
		}
		rep, st, err := readBillingReport(body)
		if err != nil {
			return false, nil, resp, wrapDecode(http.MethodGet, p, resp, err)
		}
		switch err := st.finished(kindBillingAsync, taskID); {
		case err == nil:
			return true, rep, resp, nil
		case err == errStillRunning:
			return false, nil, resp, nil
		default:
			if tf, ok := err.(*TaskFailedError); ok {
				tf.StatusCode = resp.StatusCode
			}
			return false, nil, resp, err
		}
	}
	return newPoller(s.client, kindBillingAsync, taskID, map[string]string{"taskId": taskID}, step), nil
}

func (s *BillingService) billingTaskPath(taskID string) (string, error) {
	return s.client.brokerPath("billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}", segArg("taskId", taskID))
}

// WalkMonthlyBillingPerOrganizationTask reads the answer of a finished asynchronous report
// (BeginMonthlyBillingPerOrganization; taskID is its Poller's TaskID) one organization at a
// time, as it arrives, so memory stays flat whatever the report's size. Each organization
// comes with its BillingDate set. If the report is not ready yet, the walk yields one error
// that matches ErrNotDone; if Cloudmore reports it failed, a *TaskFailedError.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganizationAsync/{taskId}
func (s *BillingService) WalkMonthlyBillingPerOrganizationTask(ctx context.Context, taskID string) iter.Seq2[*OrganizationBilling, error] {
	return func(yield func(*OrganizationBilling, error) bool) {
		p, err := s.billingTaskPath(taskID)
		if err != nil {
			yield(nil, err)
			return
		}
		s.walkReport(ctx, p, nil, kindBillingAsync, taskID, yield)
	}
}

// walkReport GETs path and streams the report in its answer to yield.
func (s *BillingService) walkReport(ctx context.Context, path string, opts any, kind, taskID string, yield func(*OrganizationBilling, error) bool) {
	body, resp, err := s.client.stream(ctx, http.MethodGet, path, opts, nil)
	if err != nil {
		yield(nil, err)
		return
	}
	defer body.Close()
	if kind != "" && (resp.StatusCode == http.StatusAccepted || resp.StatusCode == http.StatusNoContent) {
		yield(nil, &taskNotDoneError{kind: kind, taskID: taskID, status: resp.StatusCode})
		return
	}
	st, err := streamBillingReport(body, func(o *OrganizationBilling) bool { return yield(o, nil) })
	if err == errStopped {
		return
	}
	if err == nil {
		err = st.finished(kind, taskID)
	}
	if err != nil {
		if err == errStillRunning {
			err = &taskNotDoneError{kind: kind, taskID: taskID, status: resp.StatusCode, what: st.value}
		} else if tf, ok := err.(*TaskFailedError); ok {
			tf.StatusCode = resp.StatusCode
		} else {
			err = wrapDecode(http.MethodGet, path, resp, err)
		}
		yield(nil, err)
	}
}

// CSPBillingReportOptions selects the Microsoft CSP (legacy O365) billing report's period.
type CSPBillingReportOptions struct {
	// StartDate is the first billing date to include (required).
	StartDate Date `url:"startDate"`
	// EndDate is the last billing date to include (required, not before StartDate).
	EndDate Date `url:"endDate"`
	// Extra adds query parameters the SDK does not model; Cloudmore documents none beyond
	// the two dates.
	Extra ExtraParams `url:"extra,omitempty"`
}

func (o *CSPBillingReportOptions) validate() error {
	if o == nil {
		return invalid("startDate", "required: give the report's start and end dates")
	}
	return validateRange(o.StartDate, o.EndDate, "")
}

// GetCSPMonthlyBillingPerOrganization returns the Microsoft CSP (legacy O365) billing report
// per organization, with Microsoft's pro-rata and cycle-fee detail. Cloudmore names its models
// but documents no field, so the answer is returned raw, unchanged. For Microsoft NCE use
// BeginAzureOneTimeInvoiceReport.
//
// Cloudmore API: GET /api/resellers/{resellerId}/billing/cspreports/MonthlyBillingPerOrganization
func (s *BillingService) GetCSPMonthlyBillingPerOrganization(ctx context.Context, opts *CSPBillingReportOptions) (json.RawMessage, *Response, error) {
	if err := opts.validate(); err != nil {
		return nil, nil, err
	}
	return s.getRaw(ctx, "billing/cspreports/MonthlyBillingPerOrganization", opts)
}

// getRaw GETs a broker path and returns the answer's body unchanged.
func (s *BillingService) getRaw(ctx context.Context, tmpl string, opts any, args ...pathArg) (json.RawMessage, *Response, error) {
	p, err := s.client.brokerPath(tmpl, args...)
	if err != nil {
		return nil, nil, err
	}
	var raw json.RawMessage
	resp, err := s.client.get(ctx, p, opts, &raw)
	if err != nil {
		return nil, resp, err
	}
	return raw, resp, nil
}

// ExtraParams are query parameters the SDK sends as given, for reports whose parameters
// Cloudmore does not document. They are sent in key order.
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

// streamTarget is the hook through which decodeBody (client.go) hands a 2xx body over unread,
// for the report readers that decode it as it arrives. The receiver must close the body.
type streamTarget interface{ takeBody(io.ReadCloser) }

// bodyStream is the streamTarget the report readers use.
type bodyStream struct{ body io.ReadCloser }

func (b *bodyStream) takeBody(r io.ReadCloser) { b.body = r }

// stream sends a request through the pipeline (auth, retries until a status arrives) and
// returns the answer's body unread. The caller closes it. A failure while the body is read
// is the caller's to report: it is never retried, so a walk never yields anything twice.
func (c *Client) stream(ctx context.Context, method, path string, opts, body any) (io.ReadCloser, *Response, error) {
	var bs bodyStream
	resp, err := c.call(ctx, method, path, opts, body, &bs)
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
