package cloudmoretest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// The seller side: /api/sellers/{sellerId}. Resources whose fields Cloudmore does not document
// are kept as the JSON a client sent (docStore); the fake checks only what the SDK documents.

// sellerURL is the absolute URL of a seller resource, for Location headers.
func (s *Server) sellerURL(format string, args ...any) string {
	return s.URL() + "/api/sellers/" + s.opts.SellerID + "/" + fmt.Sprintf(format, args...)
}

func (s *Server) sellerRoutes() {
	const base = "/api/sellers/{sellerId}"
	docs := func(kind, path, idName, methods string, parents []string, check func(http.ResponseWriter, map[string]any) bool) {
		docRoutes{s: s, register: s.sellerAPI, kind: kind, parents: parents, check: check,
			location: func(r *http.Request, id string) string {
				p := path
				for _, name := range parents {
					p = strings.Replace(p, "{"+name+"}", r.PathValue(name), 1)
				}
				return s.sellerURL("%s/%s", strings.TrimPrefix(p, "/"), id)
			}}.routes(base+path, idName, methods)
	}
	docs("seller administrator", "/SellerAdministrators", "id", "LCGUD", nil, nil)
	docs("seller broker", "/brokers", "id", "LCGUD", nil, nil)
	docs("seller product", "/services/{serviceId}/products", "id", "LCGUD", []string{"serviceId"}, nil)
	docs("seller add-on", "/services/{serviceId}/products/{productId}/addons", "id", "LCGUD", []string{"serviceId", "productId"}, requireMember("name"))
	docs("manual billing line", "/resellers/{resellerId}/manualbilling", "id", "LCG", []string{"resellerId"}, checkManualBillingLine)
	// The DELETE of a manual billing line names its id {billingLineId} in the Swagger path.
	docs("manual billing line", "/resellers/{resellerId}/manualbilling", "billingLineId", "D", []string{"resellerId"}, nil)

	s.sellerAPI("GET "+base+"/SellerOrganizations/{id}", s.getSellerOrganization)
	s.sellerAPI("GET "+base+"/billing/MonthlyBillingPerReseller", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []any{})
	})
	s.sellerAPI("GET "+base+"/resellers", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []map[string]any{s.sellerReseller()})
	})
	s.sellerAPI("GET "+base+"/resellers/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.PathValue("id"), s.opts.ResellerID) {
			notFound(w, "reseller %s not found", r.PathValue("id"))
			return
		}
		writeJSON(w, http.StatusOK, s.sellerReseller())
	})
	s.sellerAPI("GET "+base+"/settings/CustomProperties", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []any{})
	})
	s.sellerAPI("GET "+base+"/settings/EmailTemplates", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, []any{})
	})
	s.sellerAPI("GET "+base+"/services/{serviceId}/pricelist", s.getSellerPriceList)
	s.sellerAPI("PUT "+base+"/services/{serviceId}/pricelist", s.updateSellerPrice)
	s.sellerAPI("POST "+base+"/services/consumptions", s.listSellerConsumptions)
	s.sellerAPI("PUT "+base+"/services/consumptions", s.submitSellerConsumptions)
	s.sellerAPI("POST "+base+"/services/bulkconsumptions", s.startBulkConsumptions)
	s.sellerAPI("GET "+base+"/services/bulkconsumptions/{taskId}", s.pollBulkConsumptions)
}

// taskSellerBulkConsumptions is the kind of a bulk consumption submission.
const taskSellerBulkConsumptions = "seller.bulkconsumptions"

// startBulkConsumptions accepts a bulk submission: 202, {"taskId"} and the status URL in
// Location. The usage is recorded when the task finishes, all of it at once.
func (s *Server) startBulkConsumptions(w http.ResponseWriter, r *http.Request) {
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	s.startTask(w, taskSellerBulkConsumptions, "", func(id string) string {
		return s.sellerURL("services/bulkconsumptions/%s", id)
	}, func() any {
		s.st.docs.col("seller consumption").add(doc)
		return map[string]string{"message": "Successful"}
	})
}

// pollBulkConsumptions answers a bulk submission's status: 200 {"message":"Processing"} while
// it runs (Cloudmore answers 200 with the message), then 200 {"message":"Successful"}.
func (s *Server) pollBulkConsumptions(w http.ResponseWriter, r *http.Request) {
	t := s.st.tasks[strings.ToLower(r.PathValue("taskId"))]
	if t == nil || t.kind != taskSellerBulkConsumptions {
		notFound(w, "Task '%s' was not found.", r.PathValue("taskId"))
		return
	}
	result, done := t.poll()
	if !done {
		writeJSON(w, http.StatusOK, map[string]string{"message": "Processing"})
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// requireMember refuses a body without a non-empty string member name (a rule the SDK
// documents for that body).
func requireMember(name string) func(http.ResponseWriter, map[string]any) bool {
	return func(w http.ResponseWriter, doc map[string]any) bool {
		f := fieldErrors{}
		f.required(name, jsonString(doc, name))
		return !f.write(w)
	}
}

// checkManualBillingLine checks what the SDK types and requires of a manual billing line: a
// billing date, a service id, a quantity and the unit cost and sales prices.
func checkManualBillingLine(w http.ResponseWriter, doc map[string]any) bool {
	b, _ := json.Marshal(doc)
	var d extrasDoc
	_ = json.Unmarshal(b, &d)
	return !checkManualLine(d).write(w)
}

// sellerReseller is the fake's one broker, the reseller that activated the seller's services.
func (s *Server) sellerReseller() map[string]any {
	return map[string]any{"id": s.opts.ResellerID, "name": "Fake broker"}
}

// getSellerOrganization answers the seller's own organization; any other id is 404.
func (s *Server) getSellerOrganization(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.PathValue("id"), s.opts.SellerID) {
		notFound(w, "seller organization %s not found", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": s.opts.SellerID, "name": "Fake seller"})
}

// getSellerPriceList answers the prices set for a seller service's items, one object per item
// as it was last PUT.
func (s *Server) getSellerPriceList(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.st.docs.col("seller price/"+r.PathValue("serviceId")).list())
}

// updateSellerPrice stores the price of one item (a product or add-on of the service, named
// by its id in itemId); an unknown item is 404.
func (s *Server) updateSellerPrice(w http.ResponseWriter, r *http.Request) {
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	item := jsonString(doc, "itemId")
	if (fieldErrors{}).requiredWrite(w, "itemId", item) {
		return
	}
	svc := r.PathValue("serviceId")
	if !s.sellerItemExists(svc, item) {
		notFound(w, "item %s is not a product or add-on of service %s", item, svc)
		return
	}
	prices := s.st.docs.col("seller price/" + svc)
	for _, p := range prices.list() {
		if strings.EqualFold(jsonString(p, "itemId"), item) {
			prices.remove(jsonString(p, "id"))
		}
	}
	prices.add(doc)
	writeNoContent(w)
}

// sellerItemExists reports whether id is a product of the service or an add-on of one.
func (s *Server) sellerItemExists(service, id string) bool {
	products := s.st.docs.col("seller product/" + service)
	if products.get(id) != nil {
		return true
	}
	for _, pid := range products.ids {
		if s.st.docs.col("seller add-on/"+service+"/"+pid).get(id) != nil {
			return true
		}
	}
	return false
}

// listSellerConsumptions answers the consumption submitted so far (the filter is not applied:
// Cloudmore does not document its members).
func (s *Server) listSellerConsumptions(w http.ResponseWriter, r *http.Request) {
	if _, ok := readDoc(w, r); !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.st.docs.col("seller consumption").list())
}

// submitSellerConsumptions records one submission of usage.
func (s *Server) submitSellerConsumptions(w http.ResponseWriter, r *http.Request) {
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	s.st.docs.col("seller consumption").add(doc)
	writeNoContent(w)
}
