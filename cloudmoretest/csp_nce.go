package cloudmoretest

import (
	"net/http"
	"time"
)

// Microsoft new-commerce (NCE) subscriptions.
//
// No source shows the members of any NCE body or answer but a subscription's segment
// (api-facts §9.4, §9.6), and the SDK keeps them all as Extra and Raw. So the fake knows none
// of them: it keeps a subscription as the JSON object the create sent, with the "id" it gave it,
// merged with the members each update sends, and answers it back as it is; it requires, reads
// and refuses none of its members, and it does not bill NCE subscriptions (it cannot know what
// one is of). The rules it applies are Cloudmore's and Microsoft's that name no member: the CSP
// service must be on the organization, and a subscription can be deleted only within Microsoft's
// 7-day cancellation window after its purchase. An upgrade is a task that finishes Completed and
// changes nothing (the fake knows no upgrade path: the eligibility lists are empty), and the
// alignment dates are an empty list.
//
// The NCE product list answers the fake's catalog items (with their price-list prices) under the
// names the SDK types for a CSP product (CSPProduct: itemCode, productId, name, cost, price,
// currencyCode); nothing NCE-specific (term, billing frequency, quantity limits, segments), since
// no source shows those members.

// nceCancelWindow is Microsoft's NCE window for cancelling a subscription.
const nceCancelWindow = 7 * 24 * time.Hour

// nceSub is a Microsoft new-commerce subscription: its members as sent, and what the fake
// keeps beside them.
type nceSub struct {
	doc     extrasDoc // as sent, with "id"
	created time.Time
	upgrade string // the task id of its last upgrade, "" when never upgraded
}

func (sub *nceSub) key() string { return sub.doc.str("id") }

func (s *Server) cspNCERoutes() {
	s.api("GET /api/resellers/{resellerId}/services/csp/nce/subscriptions", s.listAllNCESubscriptions)
	const nce = "/api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce"
	s.api("GET "+nce+"/products", s.listNCEProducts)
	s.api("GET "+nce+"/subscriptions", s.listNCESubscriptions)
	s.api("POST "+nce+"/subscriptions", s.createNCESubscription)
	s.api("GET "+nce+"/subscriptions/alignmentdates", s.nceAlignmentDates)
	s.api("GET "+nce+"/subscriptions/{id}", s.getNCESubscription)
	s.api("PUT "+nce+"/subscriptions/{subscriptionId}", s.updateNCESubscription)
	s.api("DELETE "+nce+"/subscriptions/{subscriptionId}", s.deleteNCESubscription)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/newSubscriptionEligibilities", s.nceEligibilities)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/existingSubscriptionEligiblities", s.nceEligibilities)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToNewSubscription", s.upgradeNCE)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToExistingSubscription", s.upgradeNCE)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/upgradeStatus", s.upgradeStatus)
}

// nceProductJSON is an NCE catalog item under the names the SDK types for a CSP product.
type nceProductJSON struct {
	ItemCode     string `json:"itemCode"`
	ProductID    string `json:"productId"`
	Name         string `json:"name"`
	Cost         money  `json:"cost"`
	Price        money  `json:"price"`
	CurrencyCode string `json:"currencyCode"`
}

func (s *Server) listNCEProducts(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	svc, os := s.cspService(), o.service(CSPServiceID)
	writeJSON(w, http.StatusOK, listOf(svc.nceProducts, func(p *nceProduct) nceProductJSON {
		cost, price := s.st.productPrices(os, svc, p.itemCode())
		return nceProductJSON{ItemCode: p.itemCode(), ProductID: p.productID, Name: p.name,
			Cost: cost, Price: price, CurrencyCode: os.currency}
	}))
}

func (s *Server) listNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	if o, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, listOf(o.nceSubs, func(sub *nceSub) extrasDoc { return sub.doc }))
	}
}

// listAllNCESubscriptions lists the NCE subscriptions of every organization, as sent.
func (s *Server) listAllNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	out := []extrasDoc{}
	for _, o := range s.st.orgs {
		for _, sub := range o.nceSubs {
			out = append(out, sub.doc)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// findNCESub returns the NCE subscription named by the path, or answers 404 (sub nil).
func (s *Server) findNCESub(w http.ResponseWriter, r *http.Request) (o *org, sub *nceSub) {
	if o, _ = s.findCSP(w, r); o != nil {
		sub = findOr404(w, o.nceSubs, r.PathValue("id")+r.PathValue("subscriptionId"), "New-commerce subscription")
	}
	return o, sub
}

func (s *Server) getNCESubscription(w http.ResponseWriter, r *http.Request) {
	if _, sub := s.findNCESub(w, r); sub != nil {
		writeJSON(w, http.StatusOK, sub.doc)
	}
}

// createNCESubscription stores the body as sent (a JSON object with at least one member, as
// the SDK sends it), with an id.
func (s *Server) createNCESubscription(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	sub := &nceSub{doc: body.clone(), created: s.now()}
	sub.doc.set("id", newID())
	o.nceSubs = append(o.nceSubs, sub)
	writeCreated(w, s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s", o.id, sub.key()))
}

// updateNCESubscription merges the members the body sends ("id" cannot change).
func (s *Server) updateNCESubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	sub.doc.merge(body, "id")
	writeNoContent(w)
}

// deleteNCESubscription deletes the subscription within Microsoft's 7-day cancellation window
// after its purchase; after it, 400.
func (s *Server) deleteNCESubscription(w http.ResponseWriter, r *http.Request) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	if s.now().Sub(sub.created) > nceCancelWindow {
		invalidValue(w, "The 7-day cancellation window of the subscription has passed.")
		return
	}
	o.nceSubs = remove(o.nceSubs, sub)
	writeNoContent(w)
}

// nceEligibilities answers both eligibility lists of a subscription: empty, since the fake
// knows no upgrade path (Microsoft defines them; no source shows Cloudmore's answer).
func (s *Server) nceEligibilities(w http.ResponseWriter, r *http.Request) {
	if _, sub := s.findNCESub(w, r); sub != nil {
		writeJSON(w, http.StatusOK, []any{})
	}
}

// nceUpgradeStatus is the upgrade status: only "status", the member the SDK types.
type nceUpgradeStatus struct {
	Status string `json:"status"` // InProgress, Completed
}

// upgradeNCE starts an upgrade of either kind, whatever its body (a JSON object with at least
// one member, as the SDK sends it): 202 Accepted, Location naming upgradeStatus, and the status
// as body. The task finishes Completed after PollsUntilDone polls of upgradeStatus and changes
// nothing. A second upgrade while one runs is refused.
func (s *Server) upgradeNCE(w http.ResponseWriter, r *http.Request) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	if _, ok := readExtrasDoc(w, r); !ok {
		return
	}
	if t := s.st.tasks[sub.upgrade]; t != nil && !t.done {
		invalidValue(w, "An upgrade of the subscription is already in progress.")
		return
	}
	t := s.st.newTask(taskNCEUpgrade, o.id, func() any { return nceUpgradeStatus{Status: "Completed"} })
	sub.upgrade = t.id
	w.Header().Set("Location", s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s/upgradeStatus", o.id, sub.key()))
	writeJSON(w, http.StatusAccepted, nceUpgradeStatus{Status: "InProgress"})
}

// upgradeStatus answers 200 with {"status": "InProgress"} for PollsUntilDone polls, then
// {"status": "Completed"}. 404 when the subscription was never upgraded.
func (s *Server) upgradeStatus(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	t := s.st.tasks[sub.upgrade]
	if t == nil {
		notFound(w, "Subscription '%s' has no upgrade.", sub.key())
		return
	}
	result, done := t.poll()
	if !done {
		writeJSON(w, http.StatusOK, nceUpgradeStatus{Status: "InProgress"})
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// nceAlignmentDates answers the organization's alignment dates: an empty list, since the fake
// knows no subscription's term or end date (no source shows those members).
func (s *Server) nceAlignmentDates(w http.ResponseWriter, r *http.Request) {
	if _, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, []any{})
	}
}
