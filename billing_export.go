package cloudmore

import (
	"encoding/csv"
	"fmt"
	"io"
)

// BillingLine is one line of a general billing report flattened for an ERP or finance
// system: one product of one subscription of one service of one organization on one billing
// date. A subscription item without products becomes one line of its own, with the item's
// amounts and empty product fields, so that nothing billed is left out.
//
// Cost is what the broker pays (Cloudmore's "reseller" amounts); price is what the
// organization is charged (Cloudmore's "customer" amounts).
//
// An SDK type derived from the report: Cloudmore has no such model.
//
// Cloudmore model: unknown
type BillingLine struct {
	// BillingDate is the billing run's date.
	BillingDate Time `json:"billingDate"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// OrganizationName is the organization's name.
	OrganizationName string `json:"organizationName"`
	// CustomerNumber is the organization's customer number.
	CustomerNumber string `json:"customerNumber"`
	// ServiceID is the service's id.
	ServiceID string `json:"serviceId"`
	// ServiceName is the service's name.
	ServiceName string `json:"serviceName"`
	// ItemName is the subscription's name.
	ItemName string `json:"itemName"`
	// ProductID is the product's id.
	ProductID string `json:"productId"`
	// ProductName is the product's name.
	ProductName string `json:"productName"`
	// ItemCode is the product's item code (SKU).
	ItemCode string `json:"itemCode"`
	// Quantity is the number of licences.
	Quantity Decimal `json:"quantity"`
	// UnitCost is the broker's cost per unit.
	UnitCost Decimal `json:"unitCost"`
	// TotalCost is the broker's total cost of the line.
	TotalCost Decimal `json:"totalCost"`
	// UnitPrice is the sales price per unit.
	UnitPrice Decimal `json:"unitPrice"`
	// TotalPrice is the total sales price of the line.
	TotalPrice Decimal `json:"totalPrice"`
	// CurrencyCode is the ISO 4217 currency of the amounts.
	CurrencyCode string `json:"currencyCode"`
}

// Lines flattens the organization's billing into ERP lines, in report order.
func (o *OrganizationBilling) Lines() []BillingLine {
	return o.appendLines(nil)
}

func (o *OrganizationBilling) appendLines(dst []BillingLine) []BillingLine {
	for si := range o.Services {
		s := &o.Services[si]
		for ii := range s.Items {
			dst = append(dst, itemLines(o, s, &s.Items[ii])...)
		}
	}
	return dst
}

// itemLines returns the lines of one subscription item.
func itemLines(o *OrganizationBilling, s *ServiceBilling, it *BillingItem) []BillingLine {
	base := BillingLine{
		BillingDate: o.BillingDate, OrganizationID: o.OrganizationID, OrganizationName: o.Name,
		CustomerNumber: o.CustomerNumber, ServiceID: s.ServiceID, ServiceName: s.ServiceName,
		ItemName: it.ItemName, CurrencyCode: s.CurrencyCode,
	}
	if len(it.Products) == 0 {
		l := base
		l.Quantity, l.UnitCost, l.TotalCost = it.Quantity, it.ResellerPricePerUnit, it.TotalResellerPrice
		l.UnitPrice, l.TotalPrice = it.CustomerPricePerUnit, it.TotalCustomerPrice
		return []BillingLine{l}
	}
	lines := make([]BillingLine, 0, len(it.Products))
	for _, p := range it.Products {
		l := base
		l.ProductID, l.ProductName, l.ItemCode = p.ProductID, p.ProductName, p.ItemCode
		l.Quantity, l.UnitCost, l.TotalCost = p.Quantity, p.ResellerPricePerUnit, p.TotalResellerPrice
		l.UnitPrice, l.TotalPrice = p.CustomerPricePerUnit, p.TotalCustomerPrice
		lines = append(lines, l)
	}
	return lines
}

// Lines flattens the whole report into ERP lines, in report order.
func (r *BillingReport) Lines() []BillingLine {
	var lines []BillingLine
	for o := range r.Organizations() {
		lines = o.appendLines(lines)
	}
	return lines
}

// BillingTotal is an exact total of billing lines: per organization and service, or per
// organization (ServiceID and ServiceName empty), on one billing date, in one currency.
//
// An SDK type derived from the report: Cloudmore has no such model.
//
// Cloudmore model: unknown
type BillingTotal struct {
	// BillingDate is the billing run's date.
	BillingDate Time `json:"billingDate"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// OrganizationName is the organization's name.
	OrganizationName string `json:"organizationName"`
	// ServiceID is the service's id; empty in an organization total.
	ServiceID string `json:"serviceId,omitempty"`
	// ServiceName is the service's name; empty in an organization total.
	ServiceName string `json:"serviceName,omitempty"`
	// CurrencyCode is the currency of the amounts.
	CurrencyCode string `json:"currencyCode"`
	// Cost is the sum of the lines' TotalCost (the broker's cost).
	Cost Decimal `json:"cost"`
	// Price is the sum of the lines' TotalPrice (the sales price).
	Price Decimal `json:"price"`
	// Lines is how many lines were added up.
	Lines int `json:"lines"`
}

type totalKey struct {
	date               int64
	org, service, curr string
}

// BillingTotals adds billing lines up exactly, per organization and service and per
// organization, each on its billing date and in its currency. The zero value is ready to use;
// Add lines as they come, for example from a streaming walk, one organization at a time.
type BillingTotals struct {
	// Services holds one total per billing date, organization, service and currency, in the
	// order first seen.
	Services []BillingTotal
	// Organizations holds one total per billing date, organization and currency, in the
	// order first seen.
	Organizations []BillingTotal

	svc, org map[totalKey]int
}

// TotalBillingLines adds lines up.
func TotalBillingLines(lines []BillingLine) *BillingTotals {
	t := &BillingTotals{}
	t.Add(lines...)
	return t
}

// Add adds lines to the totals.
func (t *BillingTotals) Add(lines ...BillingLine) {
	if t.svc == nil {
		t.svc, t.org = map[totalKey]int{}, map[totalKey]int{}
	}
	for i := range lines {
		l := &lines[i]
		k := totalKey{date: l.BillingDate.UnixNano(), org: l.OrganizationID, service: l.ServiceID, curr: l.CurrencyCode}
		t.Services = addTotal(t.Services, t.svc, k, l, true)
		k.service = ""
		t.Organizations = addTotal(t.Organizations, t.org, k, l, false)
	}
}

func addTotal(list []BillingTotal, idx map[totalKey]int, k totalKey, l *BillingLine, withService bool) []BillingTotal {
	i, ok := idx[k]
	if !ok {
		tot := BillingTotal{BillingDate: l.BillingDate, OrganizationID: l.OrganizationID,
			OrganizationName: l.OrganizationName, CurrencyCode: l.CurrencyCode}
		if withService {
			tot.ServiceID, tot.ServiceName = l.ServiceID, l.ServiceName
		}
		i = len(list)
		idx[k] = i
		list = append(list, tot)
	}
	tot := &list[i]
	tot.Cost = tot.Cost.Add(l.TotalCost)
	tot.Price = tot.Price.Add(l.TotalPrice)
	tot.Lines++
	return list
}

// Totals adds the report's lines up.
func (r *BillingReport) Totals() *BillingTotals {
	return TotalBillingLines(r.Lines())
}

// BillingDiscrepancy is a total Cloudmore states that differs from the sum of what it
// lists under it. Cloudmore's own guide has one: a Box.com service stating 919.93 cost and
// 1994.95 price over two subscriptions that add up to 828.76 and 1124.75. The SDK never
// rounds such a difference away; the broker decides what to invoice.
//
// An SDK type derived from the report: Cloudmore has no such model.
//
// Cloudmore model: unknown
type BillingDiscrepancy struct {
	// Level is "service" (a service's total against the sum of its lines) or "item" (a
	// subscription's total against the sum of its products).
	Level string `json:"level"`
	// Field is the stated total that differs: "totalResellerPrice" (cost) or
	// "totalCustomerPrice" (price).
	Field string `json:"field"`
	// BillingDate is the billing run's date.
	BillingDate Time `json:"billingDate"`
	// OrganizationID is the organization's id.
	OrganizationID string `json:"organizationId"`
	// OrganizationName is the organization's name.
	OrganizationName string `json:"organizationName"`
	// ServiceID is the service's id.
	ServiceID string `json:"serviceId"`
	// ServiceName is the service's name.
	ServiceName string `json:"serviceName"`
	// ItemName is the subscription's name, for Level "item".
	ItemName string `json:"itemName,omitempty"`
	// CurrencyCode is the currency of the amounts.
	CurrencyCode string `json:"currencyCode"`
	// Stated is the total as Cloudmore states it.
	Stated Decimal `json:"stated"`
	// Computed is the exact sum of the amounts listed under it.
	Computed Decimal `json:"computed"`
	// Difference is Stated minus Computed.
	Difference Decimal `json:"difference"`
}

// String describes the discrepancy in one line.
func (d BillingDiscrepancy) String() string {
	where := fmt.Sprintf("organization %s (%s), service %s (%s)", d.OrganizationName, d.OrganizationID, d.ServiceName, d.ServiceID)
	if d.Level == "item" {
		where += fmt.Sprintf(", subscription %q", d.ItemName)
	}
	txt, _ := d.BillingDate.MarshalText()
	return fmt.Sprintf("billing date %s, %s: %s states %s %s, its lines add up to %s (difference %s)",
		txt, where, d.Field, d.Stated.Text(), d.CurrencyCode, d.Computed.Text(), d.Difference.Text())
}

// Check compares every total the organization's billing states (per service, and per
// subscription) with the exact sum of the amounts listed under it, and returns every
// difference, however small. An empty result means every stated total adds up.
func (o *OrganizationBilling) Check() []BillingDiscrepancy {
	var out []BillingDiscrepancy
	for si := range o.Services {
		s := &o.Services[si]
		var cost, price Decimal
		for ii := range s.Items {
			it := &s.Items[ii]
			for _, l := range itemLines(o, s, it) {
				cost = cost.Add(l.TotalCost)
				price = price.Add(l.TotalPrice)
			}
			if len(it.Products) > 0 {
				var ic, ip Decimal
				for _, p := range it.Products {
					ic = ic.Add(p.TotalResellerPrice)
					ip = ip.Add(p.TotalCustomerPrice)
				}
				out = appendDiff(out, o, s, it.ItemName, "item", "totalResellerPrice", it.TotalResellerPrice, ic)
				out = appendDiff(out, o, s, it.ItemName, "item", "totalCustomerPrice", it.TotalCustomerPrice, ip)
			}
		}
		out = appendDiff(out, o, s, "", "service", "totalResellerPrice", s.TotalResellerPrice, cost)
		out = appendDiff(out, o, s, "", "service", "totalCustomerPrice", s.TotalCustomerPrice, price)
	}
	return out
}

func appendDiff(out []BillingDiscrepancy, o *OrganizationBilling, s *ServiceBilling, item, level, field string, stated, computed Decimal) []BillingDiscrepancy {
	if stated.Equal(computed) {
		return out
	}
	return append(out, BillingDiscrepancy{Level: level, Field: field, BillingDate: o.BillingDate,
		OrganizationID: o.OrganizationID, OrganizationName: o.Name, ServiceID: s.ServiceID,
		ServiceName: s.ServiceName, ItemName: item, CurrencyCode: s.CurrencyCode,
		Stated: stated, Computed: computed, Difference: stated.Sub(computed)})
}

// Check runs OrganizationBilling.Check over the whole report.
func (r *BillingReport) Check() []BillingDiscrepancy {
	var out []BillingDiscrepancy
	for o := range r.Organizations() {
		out = append(out, o.Check()...)
	}
	return out
}

// BillingCSVHeader returns the header row BillingCSVWriter writes.
func BillingCSVHeader() []string { return append([]string(nil), billingCSVHeader[:]...) }

var billingCSVHeader = [...]string{"billingDate", "organizationId", "organizationName", "customerNumber",
	"serviceId", "serviceName", "itemName", "productId", "productName", "itemCode", "quantity",
	"unitCost", "totalCost", "unitPrice", "totalPrice", "currencyCode"}

// BillingCSVWriter writes billing lines as CSV (encoding/csv), a header row first. Amounts keep
// the scale Cloudmore sent ("473.58", "10.0000"); the billing date is RFC 3339 in UTC. Values are
// written as they are, for import into another system; a spreadsheet may read a value that starts
// with "=" as a formula.
type BillingCSVWriter struct {
	w      *csv.Writer
	header bool
}

// NewBillingCSVWriter returns a writer to w.
func NewBillingCSVWriter(w io.Writer) *BillingCSVWriter {
	return &BillingCSVWriter{w: csv.NewWriter(w)}
}

// Write writes lines (and the header row, before the first line).
func (w *BillingCSVWriter) Write(lines ...BillingLine) error {
	if !w.header {
		if err := w.w.Write(billingCSVHeader[:]); err != nil {
			return err
		}
		w.header = true
	}
	rec := make([]string, 0, len(billingCSVHeader))
	for i := range lines {
		l := &lines[i]
		date, err := l.BillingDate.MarshalText()
		if err != nil {
			return err
		}
		rec = append(rec[:0], string(date), l.OrganizationID, l.OrganizationName, l.CustomerNumber,
			l.ServiceID, l.ServiceName, l.ItemName, l.ProductID, l.ProductName, l.ItemCode,
			l.Quantity.Text(), l.UnitCost.Text(), l.TotalCost.Text(), l.UnitPrice.Text(), l.TotalPrice.Text(),
			l.CurrencyCode)
		if err := w.w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes what is buffered and returns any error from writing.
func (w *BillingCSVWriter) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

// WriteBillingCSV writes lines to w as CSV with a header row.
func WriteBillingCSV(w io.Writer, lines []BillingLine) error {
	cw := NewBillingCSVWriter(w)
	if err := cw.Write(lines...); err != nil {
		return err
	}
	return cw.Flush()
}
