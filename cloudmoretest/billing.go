package cloudmoretest

import (
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Limits on a report's date range, to keep reports (and the fake's loops) bounded. Cloudmore
// says the synchronous reports have a limit on how much data they return.
const (
	maxSyncMonths  = 24
	maxAsyncMonths = 120
)

// totals are the two totals of each level of a billing report: the broker's cost and the
// customer's price.
type totals struct {
	TotalResellerPrice money `json:"totalResellerPrice"`
	TotalCustomerPrice money `json:"totalCustomerPrice"`
}

// add adds u to t.
func (t *totals) add(u totals) {
	t.TotalResellerPrice.Decimal = t.TotalResellerPrice.Add(u.TotalResellerPrice.Decimal)
	t.TotalCustomerPrice.Decimal = t.TotalCustomerPrice.Add(u.TotalCustomerPrice.Decimal)
}

// The guide's MonthlyBillingPerOrganization tree.
type (
	billingDate struct {
		BillingDate   stamp        `json:"billingDate"`
		Organizations []billingOrg `json:"organizations"`
	}
	billingOrg struct {
		Name           string           `json:"name"`
		CustomerNumber string           `json:"customerNumber"`
		OrgID          string           `json:"orgId"`
		Services       []billingService `json:"services"`
	}
	billingService struct {
		ServiceName string `json:"serviceName"`
		ServiceID   string `json:"serviceId"`
		totals
		CurrencyCode string        `json:"currencyCode"`
		Items        []billingItem `json:"items"`
	}
	billingItem struct {
		ItemName string   `json:"itemName"`
		Quantity quantity `json:"quantity"`
		totals
		ResellerPricePerUnit money            `json:"resellerPricePerUnit"`
		CustomerPricePerUnit money            `json:"customerPricePerUnit"`
		Products             []billingProduct `json:"products"`
	}
	billingProduct struct {
		ProductName          string   `json:"productName"`
		ProductID            string   `json:"productId"`
		ItemCode             string   `json:"itemCode"`
		Quantity             quantity `json:"quantity"`
		ResellerPricePerUnit money    `json:"resellerPricePerUnit"`
		CustomerPricePerUnit money    `json:"customerPricePerUnit"`
		totals
		ItemDetails any `json:"itemDetails"`
	}
)

// The per-service tree: the fake's own (Cloudmore shows no example of MonthlyBillingPerService;
// its model names suggest billing date -> service -> organization -> item -> product).
type (
	billingDateByService struct {
		BillingDate stamp                   `json:"billingDate"`
		Services    []billingServiceWithOrg `json:"services"`
	}
	billingServiceWithOrg struct {
		ServiceName string `json:"serviceName"`
		ServiceID   string `json:"serviceId"`
		totals
		CurrencyCode  string                `json:"currencyCode"`
		Organizations []billingOrgOfService `json:"organizations"`
	}
	billingOrgOfService struct {
		Name           string `json:"name"`
		CustomerNumber string `json:"customerNumber"`
		OrgID          string `json:"orgId"`
		totals
		Items []billingItem `json:"items"`
	}
)

// line is one billed subscription on one billing date, in the currency of the organization's
// service.
type line struct {
	serviceID, itemName              string
	productName, productID, itemCode string
	quantity                         int
	resellerUnit, customerUnit       decimal.Decimal
	currency                         string
}

func (s *Server) billingRoutes() {
	const reports = "/api/resellers/{resellerId}/billing/reports"
	s.api("GET "+reports+"/MonthlyBillingPerOrganization", s.billingPerOrganization)
	s.api("GET "+reports+"/MonthlyBillingPerService", s.billingPerService)
	s.api("POST "+reports+"/MonthlyBillingPerOrganizationAsync", s.startBillingPerOrganization)
	s.api("GET "+reports+"/MonthlyBillingPerOrganizationAsync/{taskId}", s.pollBillingPerOrganization)
}

// billingRange validates startDate, endDate and currencyCode.
func billingRange(w http.ResponseWriter, startS, endS, cur string, maxMonths int) (start, end time.Time, ok bool) {
	fe := fieldErrors{}
	fe.required("startDate", startS)
	fe.required("endDate", endS)
	if fe.write(w) {
		return start, end, false
	}
	start, okS := parseDay(startS)
	end, okE := parseDay(endS)
	if !okS {
		fe.add("startDate", "The value '%s' is not valid for startDate.", startS)
	}
	if !okE {
		fe.add("endDate", "The value '%s' is not valid for endDate.", endS)
	}
	if fe.write(w) {
		return start, end, false
	}
	switch {
	case end.Before(start):
		invalidValue(w, "endDate %s is before startDate %s.", endS, startS)
	case monthsBetween(start, end) >= maxMonths:
		invalidValue(w, "The date range is longer than %d months.", maxMonths)
	case cur != "" && !supportedCurrency(cur):
		invalidValue(w, "Currency '%s' is not supported.", cur)
	default:
		return start, end, true
	}
	return start, end, false
}

// billingDates returns one billing date per month end (23:59:59) between start and end.
func billingDates(start, end time.Time) []time.Time {
	var out []time.Time
	m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i <= maxAsyncMonths && !m.After(end); i++ {
		last := m.AddDate(0, 1, -1)
		if !last.Before(start) && !last.After(end) {
			out = append(out, last.Add(23*time.Hour+59*time.Minute+59*time.Second))
		}
		m = m.AddDate(0, 1, 0)
	}
	return out
}

// lines returns what the organization is billed on billing date d: every subscription that
// has started and is not cancelled by then, on the months its billing interval falls due.
// Custom products bill price x paymentFrequency every paymentFrequency months; CSP and NCE
// products are priced per month and bill monthly or, annually billed, 12 months at once. Trial
// months and NCE subscriptions cancelled within their 7-day window are not billed.
func (s *Server) lines(o *org, d time.Time) []line {
	var out []line
	dd := day(d)
	add := func(svc *service, it priceItem, segment, name string, qty, every int, start time.Time) {
		os := o.service(svc.id)
		m := monthsBetween(start, dd)
		if os == nil || start.After(dd) || m%every != 0 {
			return
		}
		cost, price := s.st.orgPrices(os, svc, it, segment)
		n := decimal.NewFromInt(int64(every))
		out = append(out, line{serviceID: svc.id, itemName: name, productName: it.name, productID: it.productID,
			itemCode: it.itemCode, quantity: qty, resellerUnit: cost.Mul(n), customerUnit: price.Mul(n), currency: os.currency})
	}
	for _, sub := range o.subs {
		svc := s.st.service(sub.serviceID)
		p := svc.product(sub.productID)
		if sub.cancelled && !sub.cancelledAt.After(d) {
			continue
		}
		if sub.trial && dd.Before(sub.start.AddDate(0, p.trialPeriod, 0)) {
			continue
		}
		it, _ := svc.priceItem(p.id)
		it.productID = p.id
		add(svc, it, segmentCommercial, sub.name, sub.quantity, max(p.paymentFrequency, 1), day(sub.start))
	}
	csp := s.cspService()
	for _, sub := range o.cspSubs {
		if sub.status != "Active" && !sub.suspendedAt.After(d) {
			continue
		}
		p := csp.cspProduct(sub.offerID)
		it, _ := csp.priceItem(p.itemCode())
		it.productID = p.productID
		every := 1
		if sub.billingCycle == 2 {
			every = 12
		}
		add(csp, it, segmentCommercial, sub.friendlyName, sub.quantity, every, day(sub.created))
	}
	out = append(out, s.manualBillingLines(o, d)...) // manual_billing.go
	out = append(out, s.consumptionLines(o, d)...)   // broker_catalogue.go
	return out
}

// item turns a line into the report's item (one subscription, one product), converted to cur.
func (l line) item(cur string) billingItem {
	ru, cu := convert(l.resellerUnit, l.currency, cur), convert(l.customerUnit, l.currency, cur)
	q := decimal.NewFromInt(int64(l.quantity))
	rt, ct := ru.Mul(q).Round(2), cu.Mul(q).Round(2)
	t := totals{money{rt}, money{ct}}
	return billingItem{ItemName: l.itemName, Quantity: quantity{q}, totals: t,
		ResellerPricePerUnit: money{ru}, CustomerPricePerUnit: money{cu},
		Products: []billingProduct{{ProductName: l.productName, ProductID: l.productID, ItemCode: l.itemCode,
			Quantity: quantity{q}, ResellerPricePerUnit: money{ru}, CustomerPricePerUnit: money{cu}, totals: t}}}
}

// perOrganization builds the MonthlyBillingPerOrganization report. cur "" keeps each
// service's amounts in the currency the organization added it in.
func (s *Server) perOrganization(start, end time.Time, cur string) []billingDate {
	out := []billingDate{}
	for _, d := range billingDates(start, end) {
		bd := billingDate{BillingDate: stamp(d), Organizations: []billingOrg{}}
		for _, o := range s.st.orgs {
			lines := s.lines(o, d)
			if len(lines) == 0 {
				continue
			}
			bo := billingOrg{Name: o.name, CustomerNumber: o.customerNumber, OrgID: o.id}
			for _, svc := range s.st.services {
				var bs *billingService
				for _, l := range lines {
					if l.serviceID != svc.id {
						continue
					}
					c := cur
					if c == "" {
						c = l.currency
					}
					if bs == nil {
						bs = &billingService{ServiceName: svc.name, ServiceID: svc.id, CurrencyCode: c}
					}
					it := l.item(c)
					bs.Items = append(bs.Items, it)
					bs.add(it.totals)
				}
				if bs != nil {
					bo.Services = append(bo.Services, *bs)
				}
			}
			bd.Organizations = append(bd.Organizations, bo)
		}
		out = append(out, bd)
	}
	return out
}

// perService builds the MonthlyBillingPerService report (the fake's own shape). cur ""
// converts every amount to the service's catalog currency, so that totals add up.
func (s *Server) perService(start, end time.Time, cur string) []billingDateByService {
	out := []billingDateByService{}
	for _, d := range billingDates(start, end) {
		bd := billingDateByService{BillingDate: stamp(d), Services: []billingServiceWithOrg{}}
		for _, svc := range s.st.services {
			c := cur
			if c == "" {
				c = svc.currency
			}
			bs := billingServiceWithOrg{ServiceName: svc.name, ServiceID: svc.id, CurrencyCode: c}
			for _, o := range s.st.orgs {
				var bo *billingOrgOfService
				for _, l := range s.lines(o, d) {
					if l.serviceID != svc.id {
						continue
					}
					if bo == nil {
						bo = &billingOrgOfService{Name: o.name, CustomerNumber: o.customerNumber, OrgID: o.id}
					}
					it := l.item(c)
					bo.Items = append(bo.Items, it)
					bo.add(it.totals)
				}
				if bo != nil {
					bs.Organizations = append(bs.Organizations, *bo)
					bs.add(bo.totals)
				}
			}
			if len(bs.Organizations) > 0 {
				bd.Services = append(bd.Services, bs)
			}
		}
		out = append(out, bd)
	}
	return out
}

// billingPerOrganization: GET ?startDate=&endDate=&currencyCode=.
func (s *Server) billingPerOrganization(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	start, end, ok := billingRange(w, q.Get("startDate"), q.Get("endDate"), q.Get("currencyCode"), maxSyncMonths)
	if ok {
		writeJSON(w, http.StatusOK, s.perOrganization(start, end, q.Get("currencyCode")))
	}
}

// billingPerService: GET ?startDate=&endDate=&currencyCode=.
func (s *Server) billingPerService(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	start, end, ok := billingRange(w, q.Get("startDate"), q.Get("endDate"), q.Get("currencyCode"), maxSyncMonths)
	if ok {
		writeJSON(w, http.StatusOK, s.perService(start, end, q.Get("currencyCode")))
	}
}

// startBillingPerOrganization starts the asynchronous report. Body (the fake's own, as
// Cloudmore does not document MonthlyBillingPerOrganizationCreateAsyncViewModel):
// {startDate, endDate, currencyCode}. The report is taken from the data at this moment.
func (s *Server) startBillingPerOrganization(w http.ResponseWriter, r *http.Request) {
	var b struct {
		StartDate    string `json:"startDate"`
		EndDate      string `json:"endDate"`
		CurrencyCode string `json:"currencyCode"`
	}
	if !readBody(w, r, &b) {
		return
	}
	start, end, ok := billingRange(w, b.StartDate, b.EndDate, strings.TrimSpace(b.CurrencyCode), maxAsyncMonths)
	if !ok {
		return
	}
	report := s.perOrganization(start, end, strings.TrimSpace(b.CurrencyCode))
	s.startTask(w, taskBillingPerOrganization, "", func(id string) string {
		return s.brokerURL("billing/reports/MonthlyBillingPerOrganizationAsync/%s", id)
	}, func() any { return report })
}

func (s *Server) pollBillingPerOrganization(w http.ResponseWriter, r *http.Request) {
	s.pollTask(w, taskBillingPerOrganization, "", r.PathValue("taskId"))
}
