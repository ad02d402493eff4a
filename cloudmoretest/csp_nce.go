package cloudmoretest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"
)

// nceCancelWindow is Microsoft's NCE window for cancelling or reducing a subscription.
const nceCancelWindow = 7 * 24 * time.Hour

// nceSub is a Microsoft new-commerce subscription.
type nceSub struct {
	id, itemCode, friendlyName, poNumber, segment string
	quantity                                      int
	autoRenew                                     bool
	status                                        string // Active, Cancelled, Suspended
	start, end, created, endedAt                  time.Time
	upgrade                                       *nceUpgrade
}

// nceUpgrade is an upgrade of an NCE subscription, finished by a task.
type nceUpgrade struct {
	taskID, kind, targetItemCode, targetSubID string
	quantity                                  int
}

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
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/newSubscriptionEligibilities", s.newSubscriptionEligibilities)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/existingSubscriptionEligiblities", s.existingSubscriptionEligibilities)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToNewSubscription", s.upgradeToNew)
	s.api("POST "+nce+"/subscriptions/{subscriptionId}/upgradeToExistingSubscription", s.upgradeToExisting)
	s.api("GET "+nce+"/subscriptions/{subscriptionId}/upgradeStatus", s.upgradeStatus)
}

// --- NCE (all shapes are the fake's own: Cloudmore does not document them) ---

type nceProductJSON struct {
	ItemCode         string   `json:"itemCode"`
	ProductID        string   `json:"productId"`
	SkuID            string   `json:"skuId"`
	Name             string   `json:"name"`
	TermDuration     string   `json:"termDuration"`
	BillingFrequency string   `json:"billingFrequency"`
	MinimumQuantity  int      `json:"minimumQuantity"`
	MaximumQuantity  int      `json:"maximumQuantity"`
	Cost             money    `json:"cost"`
	Price            money    `json:"price"`
	CurrencyCode     string   `json:"currencyCode"`
	Segments         []string `json:"segments"`
}

type nceSubJSON struct {
	ID               string `json:"id"`
	OrganizationID   string `json:"organizationId"`
	FriendlyName     string `json:"friendlyName"`
	ItemCode         string `json:"itemCode"`
	ProductID        string `json:"productId"`
	SkuID            string `json:"skuId"`
	ProductName      string `json:"productName"`
	Quantity         int    `json:"quantity"`
	TermDuration     string `json:"termDuration"`
	BillingFrequency string `json:"billingFrequency"`
	StartDate        stamp  `json:"startDate"`
	EndDate          stamp  `json:"endDate"`
	IsAutoRenew      bool   `json:"isAutoRenew"`
	Status           string `json:"status"`
	PoNumber         string `json:"poNumber"`
	Segment          string `json:"segment"`
}

func (s *Server) nceSubJSON(o *org, sub *nceSub) nceSubJSON {
	p := s.cspService().nceProduct(sub.itemCode)
	return nceSubJSON{ID: sub.id, OrganizationID: o.id, FriendlyName: sub.friendlyName, ItemCode: p.itemCode(),
		ProductID: p.productID, SkuID: p.skuID, ProductName: p.name, Quantity: sub.quantity, TermDuration: p.term,
		BillingFrequency: p.billing, StartDate: stamp(sub.start), EndDate: stamp(sub.end), IsAutoRenew: sub.autoRenew,
		Status: sub.status, PoNumber: sub.poNumber, Segment: sub.segment}
}

func (s *Server) listNCEProducts(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	svc, os := s.cspService(), o.service(CSPServiceID)
	writeJSON(w, http.StatusOK, listOf(svc.nceProducts, func(p *nceProduct) nceProductJSON {
		cost, price := s.st.productPrices(os, svc, p.itemCode())
		return nceProductJSON{ItemCode: p.itemCode(), ProductID: p.productID, SkuID: p.skuID, Name: p.name,
			TermDuration: p.term, BillingFrequency: p.billing, MinimumQuantity: p.min, MaximumQuantity: p.max,
			Cost: cost, Price: price, CurrencyCode: os.currency, Segments: p.segments}
	}))
}

func (s *Server) nceSubsJSON(o *org) []nceSubJSON {
	return listOf(o.nceSubs, func(sub *nceSub) nceSubJSON { return s.nceSubJSON(o, sub) })
}

func (s *Server) listNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	if o, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, s.nceSubsJSON(o))
	}
}

// listAllNCESubscriptions lists the NCE subscriptions of every organization.
func (s *Server) listAllNCESubscriptions(w http.ResponseWriter, r *http.Request) {
	out := []nceSubJSON{}
	for _, o := range s.st.orgs {
		out = append(out, s.nceSubsJSON(o)...)
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

// upgrading reports whether an upgrade of sub is still in progress.
func (s *Server) upgrading(sub *nceSub) bool {
	return sub.upgrade != nil && !s.st.tasks[sub.upgrade.taskID].done
}

func (s *Server) getNCESubscription(w http.ResponseWriter, r *http.Request) {
	if o, sub := s.findNCESub(w, r); sub != nil {
		writeJSON(w, http.StatusOK, s.nceSubJSON(o, sub))
	}
}

// nceSubBody is the body that creates an NCE subscription.
type nceSubBody struct {
	ItemCode     string   `json:"itemCode"`
	FriendlyName string   `json:"friendlyName"`
	Quantity     flexInt  `json:"quantity"`
	PoNumber     string   `json:"poNumber"`
	IsAutoRenew  flexBool `json:"isAutoRenew"`
	Segment      string   `json:"segment"`
}

func (b *nceSubBody) check(fe fieldErrors) {
	fe.required("ItemCode", b.ItemCode)
	fe.requiredSet("Quantity", b.Quantity.Set)
}

// createNCESubscription: the segment (default commercial) must be eligible for the product.
func (s *Server) createNCESubscription(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	var b nceSubBody
	if t == nil || !readBody(w, r, &b) {
		return
	}
	p := s.cspService().nceProduct(b.ItemCode)
	seg := segmentOr(b.Segment)
	switch {
	case p == nil:
		invalidValue(w, "Item code '%s' is not a new-commerce product.", b.ItemCode)
		return
	case p.limits().refuse(w, b.Quantity):
		return
	case !validSegment(seg):
		invalidValue(w, "Segment '%s' is not one of commercial, education, charity, government.", seg)
		return
	case !containsString(p.segments, seg):
		invalidValue(w, "Segment '%s' is not eligible for '%s'.", seg, p.name)
		return
	}
	now := s.now()
	start := day(now)
	sub := &nceSub{id: newID(), itemCode: p.itemCode(), friendlyName: cmp.Or(b.FriendlyName, p.name), poNumber: b.PoNumber,
		segment: seg, quantity: b.Quantity.Value, autoRenew: !b.IsAutoRenew.Set || b.IsAutoRenew.Value,
		status: "Active", start: start, end: start.AddDate(0, p.termMonths(), 0), created: now}
	o.nceSubs = append(o.nceSubs, sub)
	writeCreated(w, s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s", o.id, sub.id))
}

// nceSubEdit is the body that updates an NCE subscription: the legacy fields and isAutoRenew.
type nceSubEdit struct {
	cspSubEdit
	IsAutoRenew flexBool `json:"isAutoRenew"`
}

// updateNCESubscription changes quantity, friendlyName, poNumber or isAutoRenew. As at
// Microsoft, a quantity can go up at any time but down only within 7 days of the purchase.
func (s *Server) updateNCESubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	var b nceSubEdit
	if sub == nil || !readBody(w, r, &b) {
		return
	}
	switch {
	case refuseInactive(w, sub.status):
	case s.upgrading(sub):
		invalidValue(w, "An upgrade of the subscription is in progress.")
	case s.cspService().nceProduct(sub.itemCode).limits().refuse(w, b.Quantity):
	case b.Quantity.Set && b.Quantity.Value < sub.quantity && s.now().Sub(sub.created) > nceCancelWindow:
		invalidValue(w, "The quantity can only be reduced within 7 days (168 hours) of the purchase.")
	default:
		b.apply(&sub.friendlyName, &sub.poNumber, &sub.quantity)
		if b.IsAutoRenew.Set {
			sub.autoRenew = b.IsAutoRenew.Value
		}
		writeNoContent(w)
	}
}

// deleteNCESubscription cancels within Microsoft's 7-day window (status Cancelled, still
// listed); after it, 400.
func (s *Server) deleteNCESubscription(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	now := s.now()
	switch {
	case refuseInactive(w, sub.status):
	case now.Sub(sub.created) > nceCancelWindow:
		invalidValue(w, "The 7-day cancellation window of the subscription has passed.")
	default:
		sub.status, sub.endedAt, sub.autoRenew = "Cancelled", now, false
		writeNoContent(w)
	}
}

// upgradeTargets returns the NCE products sub can be upgraded to: a higher plan with the same
// term and billing frequency (the fake's upgrade paths: Basic -> Standard -> Premium).
func (s *Server) upgradeTargets(sub *nceSub) []*nceProduct {
	svc := s.cspService()
	from := svc.nceProduct(sub.itemCode)
	var out []*nceProduct
	for _, p := range svc.nceProducts {
		if containsString(from.upgradesTo, p.productID) && p.term == from.term && p.billing == from.billing {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) newSubscriptionEligibilities(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	type eligible struct {
		ItemCode         string `json:"itemCode"`
		ProductID        string `json:"productId"`
		SkuID            string `json:"skuId"`
		Name             string `json:"name"`
		TermDuration     string `json:"termDuration"`
		BillingFrequency string `json:"billingFrequency"`
	}
	out := []eligible{}
	if sub.status == "Active" {
		for _, p := range s.upgradeTargets(sub) {
			out = append(out, eligible{p.itemCode(), p.productID, p.skuID, p.name, p.term, p.billing})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// eligibleExisting returns the organization's active subscriptions sub can be upgraded into.
func (s *Server) eligibleExisting(o *org, sub *nceSub) []*nceSub {
	var out []*nceSub
	if sub.status != "Active" {
		return nil
	}
	targets := s.upgradeTargets(sub)
	for _, x := range o.nceSubs {
		if x == sub || x.status != "Active" {
			continue
		}
		for _, p := range targets {
			if strings.EqualFold(x.itemCode, p.itemCode()) {
				out = append(out, x)
			}
		}
	}
	return out
}

func (s *Server) existingSubscriptionEligibilities(w http.ResponseWriter, r *http.Request) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	type eligible struct {
		SubscriptionID string `json:"subscriptionId"`
		FriendlyName   string `json:"friendlyName"`
		ItemCode       string `json:"itemCode"`
		ProductName    string `json:"productName"`
		Quantity       int    `json:"quantity"`
	}
	out := []eligible{}
	for _, x := range s.eligibleExisting(o, sub) {
		out = append(out, eligible{x.id, x.friendlyName, x.itemCode, s.cspService().nceProduct(x.itemCode).name, x.quantity})
	}
	writeJSON(w, http.StatusOK, out)
}

// upgradeStatusJSON is the fake's own upgrade status shape.
type upgradeStatusJSON struct {
	SubscriptionID       string `json:"subscriptionId"`
	Status               string `json:"status"` // InProgress, Completed, Failed
	UpgradeType          string `json:"upgradeType"`
	TargetItemCode       string `json:"targetItemCode"`
	TargetSubscriptionID string `json:"targetSubscriptionId,omitempty"`
	Quantity             int    `json:"quantity"`
	Message              string `json:"message,omitempty"`
}

// upgradeBody is the fake's body of both upgrade POSTs: {itemCode, quantity} for a new
// subscription, {targetSubscriptionId, quantity} for an existing one; quantity defaults to all.
type upgradeBody struct {
	ItemCode             string  `json:"itemCode"`
	TargetSubscriptionID string  `json:"targetSubscriptionId"`
	Quantity             flexInt `json:"quantity"`
}

func (s *Server) upgradeToNew(w http.ResponseWriter, r *http.Request) {
	s.upgrade(w, r, "NewSubscription")
}
func (s *Server) upgradeToExisting(w http.ResponseWriter, r *http.Request) {
	s.upgrade(w, r, "ExistingSubscription")
}

// upgrade starts an upgrade: 202 Accepted, Location naming upgradeStatus, and the status as
// body. It completes after PollsUntilDone polls of upgradeStatus. A full upgrade to a new
// subscription keeps the subscription id and changes its product; a partial one moves the
// licences to a new subscription; an upgrade to an existing subscription moves them there
// (the source is suspended when none are left).
func (s *Server) upgrade(w http.ResponseWriter, r *http.Request, kind string) {
	o, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	var b upgradeBody
	if !readBody(w, r, &b) {
		return
	}
	qty := sub.quantity
	if b.Quantity.Set {
		qty = b.Quantity.Value
	}
	switch {
	case refuseInactive(w, sub.status):
		return
	case s.upgrading(sub):
		invalidValue(w, "An upgrade of the subscription is already in progress.")
		return
	case qty < 1 || qty > sub.quantity:
		invalidValue(w, "Quantity %d is outside 1..%d.", qty, sub.quantity)
		return
	}
	up := &nceUpgrade{kind: kind, quantity: qty}
	if kind == "NewSubscription" {
		if (fieldErrors{}).requiredWrite(w, "ItemCode", b.ItemCode) {
			return
		}
		target := find(s.upgradeTargets(sub), b.ItemCode)
		if target == nil {
			invalidValue(w, "'%s' is not an eligible upgrade; see newSubscriptionEligibilities.", b.ItemCode)
			return
		}
		up.targetItemCode = target.itemCode()
	} else {
		if (fieldErrors{}).requiredWrite(w, "TargetSubscriptionId", b.TargetSubscriptionID) {
			return
		}
		target := find(s.eligibleExisting(o, sub), b.TargetSubscriptionID)
		if target == nil {
			invalidValue(w, "'%s' is not an eligible upgrade target; see existingSubscriptionEligiblities.", b.TargetSubscriptionID)
			return
		}
		up.targetItemCode, up.targetSubID = target.itemCode, target.id
	}
	t := s.st.newTask(taskNCEUpgrade, o.id, func() any { return s.finishUpgrade(o, sub, up) })
	up.taskID = t.id
	sub.upgrade = up
	w.Header().Set("Location", s.brokerURL("organizations/%s/services/csp/nce/subscriptions/%s/upgradeStatus", o.id, sub.id))
	writeJSON(w, http.StatusAccepted, upgradeStatusJSON{SubscriptionID: sub.id, Status: "InProgress",
		UpgradeType: kind, TargetItemCode: up.targetItemCode, TargetSubscriptionID: up.targetSubID, Quantity: qty})
}

// finishUpgrade carries the upgrade out (state locked) and returns its final status.
func (s *Server) finishUpgrade(o *org, sub *nceSub, up *nceUpgrade) upgradeStatusJSON {
	st := upgradeStatusJSON{SubscriptionID: sub.id, Status: "Completed", UpgradeType: up.kind,
		TargetItemCode: up.targetItemCode, Quantity: up.quantity}
	fail := func(msg string) upgradeStatusJSON { st.Status, st.Message = "Failed", msg; return st }
	if sub.status != "Active" || sub.quantity < up.quantity {
		return fail("The source subscription changed while the upgrade was in progress.")
	}
	switch {
	case up.kind == "ExistingSubscription":
		target := find(o.nceSubs, up.targetSubID)
		if target == nil || target.status != "Active" {
			return fail("The target subscription is no longer active.")
		}
		target.quantity += up.quantity
		sub.quantity -= up.quantity
		if sub.quantity == 0 {
			sub.status, sub.endedAt, sub.autoRenew = "Suspended", s.now(), false
		}
		st.TargetSubscriptionID = target.id
	case up.quantity == sub.quantity:
		sub.itemCode = up.targetItemCode
		st.TargetSubscriptionID = sub.id
	default:
		now := s.now()
		n := &nceSub{id: newID(), itemCode: up.targetItemCode, friendlyName: s.cspService().nceProduct(up.targetItemCode).name,
			poNumber: sub.poNumber, segment: sub.segment, quantity: up.quantity, autoRenew: sub.autoRenew,
			status: "Active", start: day(now), end: sub.end, created: now}
		sub.quantity -= up.quantity
		o.nceSubs = append(o.nceSubs, n)
		st.TargetSubscriptionID = n.id
	}
	return st
}

// upgradeStatus answers 200 with {"status": "InProgress"} for PollsUntilDone polls, then with
// the final status (Completed or Failed). 404 when the subscription was never upgraded.
func (s *Server) upgradeStatus(w http.ResponseWriter, r *http.Request) {
	_, sub := s.findNCESub(w, r)
	if sub == nil {
		return
	}
	if sub.upgrade == nil {
		notFound(w, "Subscription '%s' has no upgrade.", sub.id)
		return
	}
	up := sub.upgrade
	result, done := s.st.tasks[up.taskID].poll()
	if !done {
		writeJSON(w, http.StatusOK, upgradeStatusJSON{SubscriptionID: sub.id, Status: "InProgress", UpgradeType: up.kind,
			TargetItemCode: up.targetItemCode, TargetSubscriptionID: up.targetSubID, Quantity: up.quantity})
		return
	}
	writeJSON(w, http.StatusOK, result)
}

// nceAlignmentJSON is the fake's own shape of an alignment date (Cloudmore does not document
// OrganizationCspNceSubscriptionsAlignmentDatesViewModel): an end date of the organization's
// active subscriptions that a new subscription of the same term can be co-termed to.
type nceAlignmentJSON struct {
	AlignmentDate   stamp    `json:"alignmentDate"`
	TermDuration    string   `json:"termDuration"`
	SubscriptionIDs []string `json:"subscriptionIds"`
}

// nceAlignmentDates lists, per end date and term, the active NCE subscriptions ending then,
// by date.
func (s *Server) nceAlignmentDates(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	type key struct {
		end  time.Time
		term string
	}
	byKey := map[key]*nceAlignmentJSON{}
	var keys []key
	for _, sub := range o.nceSubs {
		if sub.status != "Active" {
			continue
		}
		k := key{sub.end, s.cspService().nceProduct(sub.itemCode).term}
		if byKey[k] == nil {
			byKey[k] = &nceAlignmentJSON{AlignmentDate: stamp(k.end), TermDuration: k.term}
			keys = append(keys, k)
		}
		byKey[k].SubscriptionIDs = append(byKey[k].SubscriptionIDs, sub.id)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(a.end.Compare(b.end), strings.Compare(a.term, b.term))
	})
	out := []nceAlignmentJSON{}
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	writeJSON(w, http.StatusOK, out)
}
