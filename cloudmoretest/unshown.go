package cloudmoretest

import (
	"net/http"
	"strings"
)

// The operations whose answers no source shows.
//
// Cloudmore's Swagger table names these operations, and the SDK calls them, but neither the
// guide nor any other source shows what they answer: the Azure invoice reports
// (billing/azurereports), the Azure one-time usage reports and their export
// (billing/azureonetimeusage), the legacy CSP billing report (billing/cspreports), and a
// subscription's commitment and post-renewal prices. The SDK keeps each answer as Raw. The fake
// serves each with the least it honestly can, so that code calling them runs against it and
// no call is mistaken for a missing resource:
//   - a report or a price is an empty JSON object {};
//   - a page of usage lines is an empty list [];
//   - a task (the one-time invoice report, the unbilled usage export) starts with 202 and its
//     id, and its status then answers 200 {} at once: finished, with an empty result. An id the
//     fake did not give is 404, as for any other resource.
//
// Nothing in a request is required or refused here beyond what the SDK itself checks (the path
// values); what is sent is recorded in the request log as for every other operation.
func (s *Server) unshownRoutes() {
	const azure = "/api/resellers/{resellerId}/billing/azurereports/"
	for _, report := range []string{"Invoice", "InvoiceList", "InvoiceOverview", "InvoicesByCustomDates",
		"MonthlyBillingPerOrganization", "OngoingPeriod", "AzureOneTimeInvoiceList"} {
		s.api("GET "+azure+report, answerEmptyObject)
	}
	s.api("POST "+azure+"AzureOneTimeInvoice/generateReport", s.startUnshownTask("azureOneTimeInvoice", "taskId"))
	s.api("GET "+azure+"AzureOneTimeInvoice/{taskId}", s.finishedUnshownTask("azureOneTimeInvoice", "taskId"))

	const usage = "/api/resellers/{resellerId}/billing/azureonetimeusage/"
	s.api("GET "+usage+"AzureOneTimeInvoice", answerEmptyObject)
	s.api("GET "+usage+"AzureOneTimeOngoingPeriod", answerEmptyObject)
	s.api("GET "+usage+"report/billed/invoice/{invoiceId}", answerEmptyList)
	const unbilled = usage + "report/unbilled/period/{period}/"
	s.api("POST "+unbilled+"export", s.startUnshownTask("unbilledUsageExport", "operationId"))
	s.api("GET "+unbilled+"operation/{operationId}/status", s.finishedUnshownTask("unbilledUsageExport", "operationId"))
	s.api("GET "+unbilled+"operation/{operationId}/result", func(w http.ResponseWriter, r *http.Request) {
		if s.unshownTask("unbilledUsageExport", r.PathValue("operationId")) {
			answerEmptyList(w, r)
			return
		}
		notFound(w, "Operation %s was not found.", r.PathValue("operationId"))
	})

	s.api("GET /api/resellers/{resellerId}/billing/cspreports/MonthlyBillingPerOrganization", answerEmptyObject)
	const prices = "/api/resellers/{resellerId}/services/{serviceId}/pricelist/"
	s.api("GET "+prices+"CommitmentPrice", answerEmptyObject)
	s.api("GET "+prices+"PostRenewalPrice", answerEmptyObject)
}

// answerEmptyObject answers 200 {}: a report or a price whose shape no source shows.
func answerEmptyObject(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{})
}

// answerEmptyList answers 200 []: a page of lines whose shape no source shows.
func answerEmptyList(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, []any{})
}

// startUnshownTask starts a task of kind and answers 202 with its id under idKey, as the
// SDK reads a task's id.
func (s *Server) startUnshownTask(kind, idKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := s.st.docs.col("task:" + kind).add(map[string]any{})
		writeJSON(w, http.StatusAccepted, map[string]string{idKey: id})
	}
}

// finishedUnshownTask answers a task's status: 200 {} (finished, with an empty result) for a
// task the fake started, 404 otherwise.
func (s *Server) finishedUnshownTask(kind, idKey string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue(idKey)
		if !s.unshownTask(kind, id) {
			notFound(w, "Task %s was not found.", id)
			return
		}
		answerEmptyObject(w, r)
	}
}

// unshownTask reports whether the fake started the task of kind with id.
func (s *Server) unshownTask(kind, id string) bool {
	return s.st.docs.col("task:"+kind).get(strings.ToLower(id)) != nil
}

// unknownRoute answers a request that matches no operation the fake serves: 501 in Cloudmore's
// array error shape, never 404 (which the SDK reads as a missing resource).
func unknownRoute(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotImplemented, []errorItem{{codeNotImplemented, "NotImplemented",
		"The fake does not serve " + r.Method + " " + r.URL.Path + "."}})
}
