package cloudmoretest

import (
	"net/http"
	"time"
)

// An organization's external invoices. Cloudmore documents none of their fields: the fake
// keeps the members each body sends and adds an "id" (a new GUID). The list requires
// startDate and endDate (calendar dates, both included); it selects an invoice by its
// "invoiceDate" member when that is a date or timestamp, else by the day the fake stored it.

// externalInvoice is one stored invoice.
type externalInvoice struct {
	doc     extrasDoc
	created time.Time
}

func (inv *externalInvoice) key() string { return inv.doc.str("id") }

// date is the day the list filters on.
func (inv *externalInvoice) date() time.Time {
	if d, ok := parseDay(inv.doc.str("invoiceDate")); ok {
		return d
	}
	return day(inv.created)
}

func (s *Server) externalInvoiceRoutes() {
	const invoices = "/api/resellers/{resellerId}/organizations/{organizationId}/ExternalInvoice"
	s.api("GET "+invoices, s.listExternalInvoices)
	s.api("POST "+invoices, s.createExternalInvoice)
	s.api("GET "+invoices+"/{id}", s.getExternalInvoice)
	s.api("PUT "+invoices+"/{id}", s.updateExternalInvoice)
	s.api("DELETE "+invoices+"/{id}", s.deleteExternalInvoice)
}

func (s *Server) findExternalInvoice(w http.ResponseWriter, r *http.Request) (*org, *externalInvoice) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	inv := findOr404(w, s.ext().invoices[orgKey(o)], r.PathValue("id"), "External invoice")
	if inv == nil {
		return nil, nil
	}
	return o, inv
}

func (s *Server) listExternalInvoices(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	q := r.URL.Query()
	fe := fieldErrors{}
	fe.required("startDate", q.Get("startDate"))
	fe.required("endDate", q.Get("endDate"))
	if fe.write(w) {
		return
	}
	start, okS := parseDay(q.Get("startDate"))
	end, okE := parseDay(q.Get("endDate"))
	if !okS {
		fe.add("startDate", "The value '%s' is not valid for startDate.", q.Get("startDate"))
	}
	if !okE {
		fe.add("endDate", "The value '%s' is not valid for endDate.", q.Get("endDate"))
	}
	if fe.write(w) {
		return
	}
	out := []extrasDoc{}
	for _, inv := range s.ext().invoices[orgKey(o)] {
		if d := inv.date(); !d.Before(start) && !d.After(end) {
			out = append(out, inv.doc)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createExternalInvoice(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	inv := &externalInvoice{doc: body.clone(), created: s.now()}
	inv.doc.set("id", newID())
	e := s.ext()
	e.invoices[orgKey(o)] = append(e.invoices[orgKey(o)], inv)
	writeCreated(w, s.brokerURL("organizations/%s/ExternalInvoice/%s", o.id, inv.key()))
}

func (s *Server) getExternalInvoice(w http.ResponseWriter, r *http.Request) {
	if _, inv := s.findExternalInvoice(w, r); inv != nil {
		writeJSON(w, http.StatusOK, inv.doc)
	}
}

// updateExternalInvoice changes the members the body sends; "id" cannot change.
func (s *Server) updateExternalInvoice(w http.ResponseWriter, r *http.Request) {
	_, inv := s.findExternalInvoice(w, r)
	if inv == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	inv.doc.merge(body, "id")
	writeNoContent(w)
}

func (s *Server) deleteExternalInvoice(w http.ResponseWriter, r *http.Request) {
	o, inv := s.findExternalInvoice(w, r)
	if inv == nil {
		return
	}
	e := s.ext()
	e.invoices[orgKey(o)] = remove(e.invoices[orgKey(o)], inv)
	writeNoContent(w)
}
