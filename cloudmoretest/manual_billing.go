package cloudmoretest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Manual billing lines: one-time charges or discounts on one of an organization's services,
// which appear in the billing reports (and the cost-center report) for their billing date.
//
// Cloudmore documents the start of the create body: billingDate (a date-time), serviceId and
// an optional productId; its portal requires a quantity, a unit cost price and a unit sales
// price for every line, which the SDK types (and requires) under the billing report's names
// for those amounts: "quantity", "resellerPricePerUnit" and "customerPricePerUnit". The fake
// requires all five (numbers or numeric strings for the amounts; none is ever taken as 1 or
// 0), and the service must be one the organization has (Cloudmore: "Creates manual billing
// line for organization's service"). Every other member is kept as sent and written back.
//
// A line is billed on the billing date (the month's end) of the month its billingDate falls
// in, in the currency the organization added the service in, named after its product (or
// "Manual billing line"). The billing report's quantity is a whole number: a line with a
// fractional quantity is reported as one unit at the line's total (quantity x unit price).

// manualLine is one manual billing line.
type manualLine struct {
	doc                  extrasDoc
	billingDate          time.Time
	serviceID, productID string
	quantity             decimal.Decimal
	resellerUnit         decimal.Decimal
	customerUnit         decimal.Decimal
}

func (l *manualLine) key() string { return l.doc.str("id") }

func (s *Server) manualBillingRoutes() {
	const lines = "/api/resellers/{resellerId}/organizations/{organizationId}/manualbilling"
	s.api("GET "+lines, s.listManualLines)
	s.api("POST "+lines, s.createManualLine)
	s.api("GET "+lines+"/{id}", s.getManualLine)
	s.api("PUT "+lines+"/{billingLineId}", s.updateManualLine)
	s.api("DELETE "+lines+"/{id}", s.deleteManualLine)
	s.api("GET /api/resellers/{resellerId}/organizations/{organizationId}/costcenters/reports/{year}/{month}", s.costCenterReport)
}

// manualBillingLines is what the billing reports add to an organization's lines on billing
// date d: its manual lines whose billing date falls in d's month. billing.go's lines calls it.
func (s *Server) manualBillingLines(o *org, d time.Time) []line {
	var out []line
	for _, ml := range s.ext().manual[orgKey(o)] {
		os := o.service(ml.serviceID)
		svc := s.st.service(ml.serviceID)
		if os == nil || svc == nil || ml.billingDate.Year() != d.Year() || ml.billingDate.Month() != d.Month() {
			continue
		}
		l := line{serviceID: svc.id, productID: ml.productID,
			quantity: 1, resellerUnit: ml.resellerUnit, customerUnit: ml.customerUnit, currency: os.currency}
		if p := svc.product(ml.productID); p != nil {
			l.productName, l.productID, l.itemCode = p.name, p.id, p.itemCode
		}
		if l.itemName == "" {
			l.itemName = l.productName
		}
		if l.itemName == "" {
			l.itemName = "Manual billing line"
		}
		if ml.quantity.IsInteger() {
			l.quantity = int(ml.quantity.IntPart())
		} else {
			l.resellerUnit, l.customerUnit = ml.resellerUnit.Mul(ml.quantity), ml.customerUnit.Mul(ml.quantity)
		}
		out = append(out, l)
	}
	return out
}

// applyManualLine checks the line's members and sets the typed fields from them; it answers
// 400 and returns false when one is missing or malformed.
func (s *Server) applyManualLine(w http.ResponseWriter, o *org, ml *manualLine) bool {
	fe := checkManualLine(ml.doc)
	if fe.write(w) {
		return false
	}
	sid := ml.doc.str("serviceId")
	if o.service(sid) == nil {
		invalidValue(w, "Service '%s' is not one of the organization's services.", sid)
		return false
	}
	ml.billingDate, _ = parseDay(ml.doc.str("billingDate"))
	ml.serviceID, ml.productID = sid, ml.doc.str("productId")
	ml.quantity, _ = docAmount(ml.doc["quantity"])
	ml.resellerUnit, _ = docAmount(ml.doc["resellerPricePerUnit"])
	ml.customerUnit, _ = docAmount(ml.doc["customerPricePerUnit"])
	return true
}

// manualLineAmounts are the members of a manual billing line that the SDK types and requires
// as amounts.
var manualLineAmounts = []string{"quantity", "resellerPricePerUnit", "customerPricePerUnit"}

// checkManualLine checks the members the SDK types and requires of a manual billing line
// (broker or seller side): billingDate, serviceId and the three amounts.
func checkManualLine(doc extrasDoc) fieldErrors {
	fe := fieldErrors{}
	bd := doc.str("billingDate")
	fe.required("billingDate", bd)
	if _, ok := parseDay(bd); bd != "" && !ok {
		fe.add("billingDate", "The value '%s' is not valid for billingDate.", bd)
	}
	fe.required("serviceId", doc.str("serviceId"))
	for _, field := range manualLineAmounts {
		raw, sent := doc[field]
		if _, ok := docAmount(raw); !ok {
			if !sent || string(raw) == "null" {
				fe.add(field, "The %s field is required.", field)
			} else {
				fe.add(field, "The value %s is not valid for %s.", raw, field)
			}
		}
	}
	return fe
}

// docAmount reads an amount sent as a JSON number or a numeric string.
func docAmount(raw json.RawMessage) (decimal.Decimal, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return decimal.Zero, false
	}
	v, err := decimal.NewFromString(strings.Trim(string(raw), `"`))
	return v, err == nil
}

func (s *Server) findManualLine(w http.ResponseWriter, r *http.Request, placeholder string) (*org, *manualLine) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	ml := findOr404(w, s.ext().manual[orgKey(o)], r.PathValue(placeholder), "Manual billing line")
	if ml == nil {
		return nil, nil
	}
	return o, ml
}

func (s *Server) listManualLines(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		writeJSON(w, http.StatusOK, listOf(s.ext().manual[orgKey(o)], func(ml *manualLine) extrasDoc { return ml.doc }))
	}
}

func (s *Server) createManualLine(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	ml := &manualLine{doc: body.clone()}
	if !s.applyManualLine(w, o, ml) {
		return
	}
	ml.doc.set("id", newID())
	e := s.ext()
	e.manual[orgKey(o)] = append(e.manual[orgKey(o)], ml)
	writeCreated(w, s.brokerURL("organizations/%s/manualbilling/%s", o.id, ml.key()))
}

func (s *Server) getManualLine(w http.ResponseWriter, r *http.Request) {
	if _, ml := s.findManualLine(w, r, "id"); ml != nil {
		writeJSON(w, http.StatusOK, ml.doc)
	}
}

// updateManualLine changes the members the body sends ("id" cannot change); the result must
// still be a valid line, or nothing changes.
func (s *Server) updateManualLine(w http.ResponseWriter, r *http.Request) {
	o, ml := s.findManualLine(w, r, "billingLineId")
	if ml == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	next := &manualLine{doc: ml.doc.clone()}
	next.doc.merge(body, "id")
	if !s.applyManualLine(w, o, next) {
		return
	}
	*ml = *next
	writeNoContent(w)
}

func (s *Server) deleteManualLine(w http.ResponseWriter, r *http.Request) {
	o, ml := s.findManualLine(w, r, "id")
	if ml == nil {
		return
	}
	e := s.ext()
	e.manual[orgKey(o)] = remove(e.manual[orgKey(o)], ml)
	writeNoContent(w)
}

// costCenter is one cost center of the fake's cost-center report (the fake's own shape:
// Cloudmore does not document OrganizationCostCenterReportModel).
type costCenter struct {
	Name         string `json:"name"`
	CurrencyCode string `json:"currencyCode"`
	totals
	Items []billingItem `json:"items"`
}

type costCenterReport struct {
	OrganizationID string       `json:"organizationId"`
	Year           int          `json:"year"`
	Month          int          `json:"month"`
	CostCenters    []costCenter `json:"costCenters"`
}

// costCenterReport reports what the organization is billed on the month's billing date. Every
// organization has one cost center, "Default" (Cloudmore: every organization has a Default
// cost center); the fake keeps all of it there, one entry per currency.
func (s *Server) costCenterReport(w http.ResponseWriter, r *http.Request) {
	fe := fieldErrors{}
	year, errY := strconv.Atoi(r.PathValue("year"))
	month, errM := strconv.Atoi(r.PathValue("month"))
	if errY != nil || year < 1 || year > 9999 {
		fe.add("year", "The value '%s' is not valid for year.", r.PathValue("year"))
	}
	if errM != nil || month < 1 || month > 12 {
		fe.add("month", "The value '%s' is not valid for month.", r.PathValue("month"))
	}
	if fe.write(w) {
		return
	}
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	d := time.Date(year, time.Month(month)+1, 0, 23, 59, 59, 0, time.UTC)
	rep := costCenterReport{OrganizationID: o.id, Year: year, Month: month, CostCenters: []costCenter{}}
	byCurrency := map[string]int{}
	for _, l := range s.lines(o, d) {
		i, ok := byCurrency[l.currency]
		if !ok {
			i = len(rep.CostCenters)
			byCurrency[l.currency] = i
			rep.CostCenters = append(rep.CostCenters, costCenter{Name: "Default", CurrencyCode: l.currency})
		}
		it := l.item(l.currency)
		rep.CostCenters[i].Items = append(rep.CostCenters[i].Items, it)
		rep.CostCenters[i].add(it.totals)
	}
	writeJSON(w, http.StatusOK, rep)
}
