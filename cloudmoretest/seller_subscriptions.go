package cloudmoretest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// The subscriptions to the seller's services (SellerSubscriptionsApi): the custom-service
// subscriptions organizations ordered through the broker API, seen from the seller's side.

func (s *Server) sellerSubscriptionRoutes() {
	const base = "/api/sellers/{sellerId}/subscriptions"
	s.sellerAPI("GET "+base, s.listSellerSubscriptions)
	s.sellerAPI("GET "+base+"/{subscriptionId}", s.getSellerSubscription)
	s.sellerAPI("DELETE "+base+"/{subscriptionId}", s.removeSellerSubscription)
	s.sellerAPI("GET "+base+"/service/{serviceId}", s.listSellerSubscriptionsByService)
	s.sellerAPI("PUT "+base+"/SetLicenseKey/{subscriptionId}", s.setSellerSubscriptionLicenseKey)
}

// sellerSub is a subscription to one of the seller's services, with its organization.
type sellerSub struct {
	org *org
	svc *sellerSvc
	sub *customSub
}

// sellerSubs lists the subscriptions to the seller's services (serviceID "" for all).
func (s *Server) sellerSubs(serviceID string) []sellerSub {
	var out []sellerSub
	for _, o := range s.st.orgs {
		for _, sub := range o.subs {
			ss := s.sellerService(sub.serviceID)
			if ss != nil && (serviceID == "" || strings.EqualFold(serviceID, sub.serviceID)) {
				out = append(out, sellerSub{o, ss, sub})
			}
		}
	}
	return out
}

// json is the fake's shape (Cloudmore does not document SellerServiceSubscriptionViewModel):
// the broker-side subscription members, the ids of the service, organization and broker, and
// the members of the last SetLicenseKey body.
func (s *Server) sellerSubJSON(x sellerSub) map[string]any {
	m := map[string]any{}
	for k, v := range s.hooks.licences[strings.ToLower(x.sub.id)] {
		m[k] = v
	}
	b, _ := json.Marshal(x.sub.json(x.svc.svc))
	var base map[string]json.RawMessage
	_ = json.Unmarshal(b, &base)
	for k, v := range base {
		m[k] = v
	}
	m["serviceId"], m["organizationId"], m["brokerId"], m["productId"] = x.svc.svc.id, x.org.id, s.opts.ResellerID, x.sub.productID
	return m
}

func (s *Server) listSellerSubscriptions(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.sellerSubs(""), s.sellerSubJSON))
}

func (s *Server) listSellerSubscriptionsByService(w http.ResponseWriter, r *http.Request) {
	if ss := s.findSellerService(w, r, "serviceId"); ss != nil {
		writeJSON(w, http.StatusOK, listOf(s.sellerSubs(ss.svc.id), s.sellerSubJSON))
	}
}

// findSellerSub returns the subscription of the path, or answers 404.
func (s *Server) findSellerSub(w http.ResponseWriter, r *http.Request) (sellerSub, bool) {
	id := r.PathValue("subscriptionId")
	for _, x := range s.sellerSubs("") {
		if strings.EqualFold(x.sub.id, id) {
			return x, true
		}
	}
	notFound(w, "Subscription '%s' was not found.", id)
	return sellerSub{}, false
}

func (s *Server) getSellerSubscription(w http.ResponseWriter, r *http.Request) {
	if x, ok := s.findSellerSub(w, r); ok {
		writeJSON(w, http.StatusOK, s.sellerSubJSON(x))
	}
}

// removeSellerSubscription: removeAction=Cancel cancels (it stays in the lists) and fires
// SubscriptionCancelled; removeAction=Delete deletes and fires SubscriptionDeleted. Another or
// no removeAction is a 400.
func (s *Server) removeSellerSubscription(w http.ResponseWriter, r *http.Request) {
	x, ok := s.findSellerSub(w, r)
	if !ok {
		return
	}
	switch action := r.URL.Query().Get("removeAction"); {
	case strings.EqualFold(action, "Cancel"):
		if x.sub.cancelled {
			invalidValue(w, "The subscription is already cancelled.")
			return
		}
		now := s.now()
		x.sub.cancelled, x.sub.cancelledAt, x.sub.autoRenew = true, now, false
		x.sub.event(now, "Cancelled", "Subscription cancelled by the seller")
		s.sellerEvent("SubscriptionCancelled", x.org.id, x.svc.svc.id, x.sub.id)
	case strings.EqualFold(action, "Delete"):
		x.org.subs = remove(x.org.subs, x.sub)
		delete(s.hooks.licences, strings.ToLower(x.sub.id))
		s.sellerEvent("SubscriptionDeleted", x.org.id, x.svc.svc.id, x.sub.id)
	default:
		invalidValue(w, "removeAction must be Delete or Cancel, not '%s'.", action)
		return
	}
	writeNoContent(w)
}

// setSellerSubscriptionLicenseKey stores the body's members (whatever they are: Cloudmore
// does not document the model) and shows them in the subscription's answers.
func (s *Server) setSellerSubscriptionLicenseKey(w http.ResponseWriter, r *http.Request) {
	x, ok := s.findSellerSub(w, r)
	var m map[string]json.RawMessage
	if !ok || !readBody(w, r, &m) {
		return
	}
	if s.hooks.licences == nil {
		s.hooks.licences = map[string]map[string]json.RawMessage{}
	}
	s.hooks.licences[strings.ToLower(x.sub.id)] = m
	writeNoContent(w)
}
