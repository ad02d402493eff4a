package cloudmoretest

import (
	"net/http"
	"strings"
	"time"
)

// The Microsoft Azure area: the Azure service on an organization, its Azure plan (one plan
// subscription with its entitlements), Azure users and their role assignments, and the
// organization and broker-wide Azure subscription lists.
//
// Cloudmore documents none of these models' fields, so the fake keeps what the broker sends
// as it is and adds only what it must to be usable; those members are the fake's own, not
// Cloudmore's:
//   - the plan subscription and each entitlement get "id" and "status" ("Active"); the plan
//     lists its entitlements under "entitlements";
//   - the organization's Azure subscriptions are the entitlements of its plan (an entitlement
//     is an Azure subscription), with "planSubscriptionId"; the broker-wide list adds
//     "organizationId"; a suspend sets "status" to "Suspended";
//   - a role assignment names its subscription as "subscriptionId", which the SDK types (name
//     inferred) and the POST and PUT bodies must carry; the DELETE's {id} is that subscription id.
//
// The rules are the ones Cloudmore states: the Azure service must be added to an organization
// before its subscriptions are created; an organization has one Azure plan subscription
// (CreateEntitlement adds entitlements to it); a role is assigned in an active subscription.

// azureOrg is an organization's Azure state.
type azureOrg struct {
	added   bool
	service extrasDoc // the add body, as sent
	addedAt time.Time
	plan    *azurePlan
	roles   map[string][]extrasDoc // lowercased user id -> assignments (each with "subscriptionId")
}

// azurePlan is the organization's Azure plan subscription and its entitlements.
type azurePlan struct {
	sub          extrasDoc
	entitlements []extrasDoc
}

const (
	azureActive    = "Active"
	azureSuspended = "Suspended"
)

func (s *Server) azureRoutes() {
	const org = "/api/resellers/{resellerId}/organizations/{organizationId}/services"
	s.api("POST "+org+"/Azure", s.addAzure)
	s.api("GET "+org+"/Azure", s.getAzure)
	s.api("DELETE "+org+"/Azure", s.removeAzure)
	s.api("GET "+org+"/azure/subscriptions", s.listAzureSubscriptions)
	s.api("DELETE "+org+"/azure/subscriptions/{subscriptionId}", s.suspendAzureSubscription)
	s.api("GET "+org+"/azure/users", s.listAzureUsers)
	s.api("GET "+org+"/azure/users/{userId}/subscriptions", s.listAzureUserSubscriptions)
	s.api("POST "+org+"/azure/users/{userId}/subscriptions", s.assignAzureRole)
	s.api("PUT "+org+"/azure/users/{userId}/subscriptions", s.updateAzureRole)
	s.api("DELETE "+org+"/azure/users/{userId}/subscriptions/{id}", s.removeAzureRole)
	s.api("GET "+org+"/azureplan/subscriptions", s.listAzurePlan)
	s.api("POST "+org+"/azureplan/subscriptions", s.createAzurePlan)
	s.api("POST "+org+"/azureplan/subscriptions/CreateEntitlement", s.createAzureEntitlement)
	s.api("GET "+org+"/azureplan/subscriptions/{id}", s.getAzurePlanSubscription)
	s.api("PUT "+org+"/azureplan/subscriptions/{id}", s.updateAzurePlanSubscription)
	s.api("GET /api/resellers/{resellerId}/services/azure/Subscriptions", s.listAllAzureSubscriptions)
}

// azureOf returns the organization's Azure state (never nil).
func (s *Server) azureOf(o *org) *azureOrg {
	e := s.ext()
	a := e.azure[orgKey(o)]
	if a == nil {
		a = &azureOrg{roles: map[string][]extrasDoc{}}
		e.azure[orgKey(o)] = a
	}
	return a
}

// azureFor returns the organization of the path and its Azure state, or answers 404.
func (s *Server) azureFor(w http.ResponseWriter, r *http.Request) (*org, *azureOrg) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	return o, s.azureOf(o)
}

// needAzure answers 400 unless the Azure service has been added.
func needAzure(w http.ResponseWriter, a *azureOrg) bool {
	if !a.added {
		invalidValue(w, "Microsoft Azure is not added to the organization; add the Azure service first.")
		return false
	}
	return true
}

func (s *Server) addAzure(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	if a.added {
		invalidValue(w, "Microsoft Azure is already added to the organization.")
		return
	}
	a.added, a.service, a.addedAt = true, body, s.now()
	writeCreated(w, s.brokerURL("organizations/%s/services/Azure", o.id))
}

func (s *Server) getAzure(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	if !a.added {
		notFound(w, "Microsoft Azure is not added to organization '%s'.", o.id)
		return
	}
	d := a.service.clone()
	d.set("organizationId", o.id)
	d.set("addedAt", stamp(a.addedAt))
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) removeAzure(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	if !a.added {
		notFound(w, "Microsoft Azure is not added to organization '%s'.", o.id)
		return
	}
	a.added, a.service = false, nil
	writeNoContent(w)
}

// subscriptions returns the organization's Azure subscriptions: its plan's entitlements.
func (a *azureOrg) subscriptions() []extrasDoc {
	if a.plan == nil {
		return []extrasDoc{}
	}
	out := make([]extrasDoc, 0, len(a.plan.entitlements))
	for _, e := range a.plan.entitlements {
		d := e.clone()
		d.set("planSubscriptionId", a.plan.sub.str("id"))
		out = append(out, d)
	}
	return out
}

// entitlement returns the entitlement with id, or nil.
func (a *azureOrg) entitlement(id string) extrasDoc {
	if a.plan == nil {
		return nil
	}
	for _, e := range a.plan.entitlements {
		if strings.EqualFold(e.str("id"), id) {
			return e
		}
	}
	return nil
}

func (s *Server) listAzureSubscriptions(w http.ResponseWriter, r *http.Request) {
	if o, a := s.azureFor(w, r); o != nil {
		writeJSON(w, http.StatusOK, a.subscriptions())
	}
}

// listAllAzureSubscriptions is every organization's Azure subscriptions, in organization order.
func (s *Server) listAllAzureSubscriptions(w http.ResponseWriter, r *http.Request) {
	out := []extrasDoc{}
	for _, o := range s.st.orgs {
		a := s.ext().azure[orgKey(o)]
		if a == nil {
			continue
		}
		for _, d := range a.subscriptions() {
			d.set("organizationId", o.id)
			out = append(out, d)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// suspendAzureSubscription: Cloudmore's DELETE suspends the subscription.
func (s *Server) suspendAzureSubscription(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	e := a.entitlement(r.PathValue("subscriptionId"))
	if e == nil {
		notFound(w, "Azure subscription '%s' was not found.", r.PathValue("subscriptionId"))
		return
	}
	e.set("status", azureSuspended)
	writeNoContent(w)
}

// azureUser is the fake's shape of an Azure user: the organization user's id and names.
type azureUser struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
}

// listAzureUsers lists the organization's users: each can be given a subscription.
func (s *Server) listAzureUsers(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		writeJSON(w, http.StatusOK, listOf(o.users, func(u *user) azureUser {
			return azureUser{ID: u.id, Name: u.name, DisplayName: u.displayName}
		}))
	}
}

// azureUserFor returns the organization, its Azure state and the {userId} user, or answers 404.
func (s *Server) azureUserFor(w http.ResponseWriter, r *http.Request) (*org, *azureOrg, *user) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return nil, nil, nil
	}
	u := findOr404(w, o.users, r.PathValue("userId"), "User")
	if u == nil {
		return nil, nil, nil
	}
	return o, a, u
}

func (s *Server) listAzureUserSubscriptions(w http.ResponseWriter, r *http.Request) {
	_, a, u := s.azureUserFor(w, r)
	if u == nil {
		return
	}
	out := []extrasDoc{}
	for _, d := range a.roles[strings.ToLower(u.id)] {
		out = append(out, d.clone())
	}
	writeJSON(w, http.StatusOK, out)
}

// roleIndex returns the index of the user's assignment in subscription subID, or -1.
func (a *azureOrg) roleIndex(u *user, subID string) int {
	for i, d := range a.roles[strings.ToLower(u.id)] {
		if strings.EqualFold(d.str("subscriptionId"), subID) {
			return i
		}
	}
	return -1
}

// assignAzureRole stores the body as the user's assignment in the active subscription its
// "subscriptionId" names; a second assignment in the same subscription replaces the first.
func (s *Server) assignAzureRole(w http.ResponseWriter, r *http.Request) {
	o, a, u := s.azureUserFor(w, r)
	if u == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok || !needAzure(w, a) {
		return
	}
	subID := body.str("subscriptionId")
	if fe := (fieldErrors{}); fe.requiredWrite(w, "subscriptionId", subID) {
		return
	}
	e := a.entitlement(subID)
	if e == nil {
		notFound(w, "Azure subscription '%s' was not found.", subID)
		return
	}
	if e.str("status") != azureActive {
		invalidValue(w, "Azure subscription '%s' is not active.", subID)
		return
	}
	key := strings.ToLower(u.id)
	if i := a.roleIndex(u, subID); i >= 0 {
		a.roles[key][i] = body
	} else {
		a.roles[key] = append(a.roles[key], body)
	}
	writeCreated(w, s.brokerURL("organizations/%s/services/azure/users/%s/subscriptions/%s", o.id, u.id, subID))
}

// updateAzureRole changes the members of the assignment its body's "subscriptionId" names.
func (s *Server) updateAzureRole(w http.ResponseWriter, r *http.Request) {
	_, a, u := s.azureUserFor(w, r)
	if u == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	subID := body.str("subscriptionId")
	if fe := (fieldErrors{}); fe.requiredWrite(w, "subscriptionId", subID) {
		return
	}
	i := a.roleIndex(u, subID)
	if i < 0 {
		notFound(w, "User '%s' has no role in Azure subscription '%s'.", u.id, subID)
		return
	}
	if e := a.entitlement(subID); e == nil || e.str("status") != azureActive {
		invalidValue(w, "Azure subscription '%s' is not active.", subID)
		return
	}
	a.roles[strings.ToLower(u.id)][i].merge(body)
	writeNoContent(w)
}

func (s *Server) removeAzureRole(w http.ResponseWriter, r *http.Request) {
	_, a, u := s.azureUserFor(w, r)
	if u == nil {
		return
	}
	i := a.roleIndex(u, r.PathValue("id"))
	if i < 0 {
		notFound(w, "User '%s' has no role in Azure subscription '%s'.", u.id, r.PathValue("id"))
		return
	}
	key := strings.ToLower(u.id)
	a.roles[key] = append(a.roles[key][:i], a.roles[key][i+1:]...)
	writeNoContent(w)
}

// planJSON is the plan subscription with its entitlements.
func (p *azurePlan) planJSON() extrasDoc {
	d := p.sub.clone()
	ents := make([]extrasDoc, 0, len(p.entitlements))
	for _, e := range p.entitlements {
		ents = append(ents, e.clone())
	}
	d.set("entitlements", ents)
	return d
}

func (s *Server) listAzurePlan(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	out := []extrasDoc{}
	if a.plan != nil {
		out = append(out, a.plan.planJSON())
	}
	writeJSON(w, http.StatusOK, out)
}

// newEntitlement is an active entitlement made of the create body.
func newEntitlement(body extrasDoc) extrasDoc {
	e := body.clone()
	e.set("id", newID())
	e.set("status", azureActive)
	return e
}

// createAzurePlan creates the plan subscription and its first entitlement from one body.
func (s *Server) createAzurePlan(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok || !needAzure(w, a) {
		return
	}
	if a.plan != nil {
		invalidValue(w, "The organization already has an Azure plan subscription; use CreateEntitlement to add an entitlement.")
		return
	}
	sub := body.clone()
	sub.set("id", newID())
	sub.set("status", azureActive)
	a.plan = &azurePlan{sub: sub, entitlements: []extrasDoc{newEntitlement(body)}}
	writeCreated(w, s.brokerURL("organizations/%s/services/azureplan/subscriptions/%s", o.id, sub.str("id")))
}

func (s *Server) createAzureEntitlement(w http.ResponseWriter, r *http.Request) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok || !needAzure(w, a) {
		return
	}
	if a.plan == nil {
		invalidValue(w, "The organization has no Azure plan subscription; create it first.")
		return
	}
	e := newEntitlement(body)
	a.plan.entitlements = append(a.plan.entitlements, e)
	writeCreated(w, s.brokerURL("organizations/%s/services/azureplan/subscriptions/%s", o.id, e.str("id")))
}

// planDoc returns the plan subscription or entitlement {id} names, or answers 404.
func (s *Server) planDoc(w http.ResponseWriter, r *http.Request) (extrasDoc, bool) {
	o, a := s.azureFor(w, r)
	if o == nil {
		return nil, false
	}
	id := r.PathValue("id")
	if a.plan != nil && strings.EqualFold(a.plan.sub.str("id"), id) {
		return a.plan.sub, true
	}
	if e := a.entitlement(id); e != nil {
		return e, false
	}
	notFound(w, "Azure plan subscription '%s' was not found.", id)
	return nil, false
}

func (s *Server) getAzurePlanSubscription(w http.ResponseWriter, r *http.Request) {
	d, isPlan := s.planDoc(w, r)
	if d == nil {
		return
	}
	if isPlan {
		writeJSON(w, http.StatusOK, s.azureOf(s.findOrg(w, r)).plan.planJSON())
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// updateAzurePlanSubscription changes the members the body sends (status, name, purchase
// order number, under whatever names the broker uses); "id" cannot change.
func (s *Server) updateAzurePlanSubscription(w http.ResponseWriter, r *http.Request) {
	d, _ := s.planDoc(w, r)
	if d == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	d.merge(body, "id", "entitlements")
	writeNoContent(w)
}
