package cloudmoretest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// cspUser is a Microsoft 365 user of the tenant (the fake's own shape: Cloudmore does not
// document it).
type cspUser struct {
	ID                string `json:"id"`
	UserPrincipalName string `json:"userPrincipalName"`
	DisplayName       string `json:"displayName"`
	FirstName         string `json:"firstName"`
	LastName          string `json:"lastName"`
	// Licenses are the ids of the product licences (see listCSPProductLicenses) the user has.
	Licenses []string `json:"licenses"`
}

// view is the user as answered: licences as [] rather than null, not shared with the state.
func (u cspUser) view() cspUser {
	u.Licenses = append([]string{}, u.Licenses...)
	return u
}

func (s *Server) cspUserRoutes() {
	const org = "/api/resellers/{resellerId}/organizations/{organizationId}/services"
	s.api("GET "+org+"/csp/users", s.listCSPUsers)
	s.api("POST "+org+"/csp/users", s.createCSPUser)
	s.api("GET "+org+"/csp/users/{id}", s.getCSPUser)
	s.api("PUT "+org+"/csp/users/{userId}", s.updateCSPUser)
	s.api("DELETE "+org+"/csp/users/{userId}", s.deleteCSPUser)
	s.api("POST "+org+"/csp/users/{userId}/productlicenses", s.addCSPUserLicense)
	s.api("DELETE "+org+"/csp/users/{userId}/productlicenses/{id}", s.removeCSPUserLicense)
	s.api("POST "+org+"/csp/usersAsync", s.startCSPUsers)
	s.api("GET "+org+"/csp/usersAsync/{taskId}", s.pollCSPUsers)
}

func (t *cspTenant) usersView() []cspUser {
	return listOf(t.users, cspUser.view)
}

func (s *Server) listCSPUsers(w http.ResponseWriter, r *http.Request) {
	if _, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, t.usersView())
	}
}

// startCSPUsers starts the asynchronous CSP user list: 202, Location and {"taskId"}.
func (s *Server) startCSPUsers(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return
	}
	users := t.usersView()
	s.startTask(w, taskCSPUsers, o.id, func(id string) string {
		return s.brokerURL("organizations/%s/services/csp/usersAsync/%s", o.id, id)
	}, func() any { return users })
}

func (s *Server) pollCSPUsers(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		s.pollTask(w, taskCSPUsers, o.id, r.PathValue("taskId"))
	}
}

// findCSPUser returns the tenant and the index of the user named by the path (its id or its
// userPrincipalName, in any case), or answers 404 (index -1).
func (s *Server) findCSPUser(w http.ResponseWriter, r *http.Request) (*org, *cspTenant, int) {
	o, t := s.findCSP(w, r)
	if t == nil {
		return nil, nil, -1
	}
	id := cmp.Or(r.PathValue("userId"), r.PathValue("id"))
	i := slices.IndexFunc(t.users, func(u cspUser) bool {
		return strings.EqualFold(u.ID, id) || strings.EqualFold(u.UserPrincipalName, id)
	})
	if i < 0 {
		notFound(w, "Microsoft 365 user '%s' was not found.", id)
	}
	return o, t, i
}

// cspUserBody is the fake's own body of the user create and update (Cloudmore documents
// neither): every member optional; an update changes the members it sends.
type cspUserBody struct {
	UserPrincipalName *string `json:"userPrincipalName"`
	DisplayName       *string `json:"displayName"`
	FirstName         *string `json:"firstName"`
	LastName          *string `json:"lastName"`
}

func (b *cspUserBody) apply(u *cspUser) {
	for _, f := range []struct{ to, from *string }{{&u.UserPrincipalName, b.UserPrincipalName},
		{&u.DisplayName, b.DisplayName}, {&u.FirstName, b.FirstName}, {&u.LastName, b.LastName}} {
		if f.from != nil && *f.from != "" {
			*f.to = *f.from
		}
	}
}

// createCSPUser creates a Microsoft 365 user: 201 with Location naming it. Without a
// userPrincipalName it is firstname.lastname (or user<n>) at the tenant's onmicrosoft.com
// domain.
func (s *Server) createCSPUser(w http.ResponseWriter, r *http.Request) {
	o, t := s.findCSP(w, r)
	var b cspUserBody
	if t == nil || !readBody(w, r, &b) {
		return
	}
	u := cspUser{ID: newID()}
	b.apply(&u)
	if u.UserPrincipalName == "" {
		name := strings.ToLower(strings.Trim(u.FirstName+"."+u.LastName, "."))
		name = cmp.Or(strings.ReplaceAll(name, " ", ""), "user"+u.ID[:8])
		u.UserPrincipalName = name + "@" + strings.ToLower(t.domainPrefix) + ".onmicrosoft.com"
	}
	if u.DisplayName == "" {
		u.DisplayName = cmp.Or(strings.TrimSpace(u.FirstName+" "+u.LastName), u.UserPrincipalName)
	}
	t.users = append(t.users, u)
	writeCreated(w, s.brokerURL("organizations/%s/services/csp/users/%s", o.id, u.ID))
}

func (s *Server) getCSPUser(w http.ResponseWriter, r *http.Request) {
	if _, t, i := s.findCSPUser(w, r); i >= 0 {
		writeJSON(w, http.StatusOK, t.users[i].view())
	}
}

func (s *Server) updateCSPUser(w http.ResponseWriter, r *http.Request) {
	_, t, i := s.findCSPUser(w, r)
	var b cspUserBody
	if i < 0 || !readBody(w, r, &b) {
		return
	}
	b.apply(&t.users[i])
	writeNoContent(w)
}

// deleteCSPUser deletes the user; the licences it had are free again.
func (s *Server) deleteCSPUser(w http.ResponseWriter, r *http.Request) {
	if _, t, i := s.findCSPUser(w, r); i >= 0 {
		t.users = slices.Delete(slices.Clone(t.users), i, i+1)
		writeNoContent(w)
	}
}

// cspLicenseJSON is the fake's own shape of an organization's product licence: one per active
// legacy or NCE subscription, whose quantity is the number of licences.
type cspLicenseJSON struct {
	ID               string `json:"id"`
	SubscriptionID   string `json:"subscriptionId"`
	Name             string `json:"name"`
	ItemCode         string `json:"itemCode"`
	TotalLicenses    int    `json:"totalLicenses"`
	AssignedLicenses int    `json:"assignedLicenses"`
}

// cspLicenses returns the organization's product licences.
func (s *Server) cspLicenses(o *org, t *cspTenant) []cspLicenseJSON {
	assigned := func(id string) int {
		n := 0
		for _, u := range t.users {
			if containsString(u.Licenses, id) {
				n++
			}
		}
		return n
	}
	out := []cspLicenseJSON{}
	svc := s.cspService()
	for _, sub := range o.cspSubs {
		if sub.status == "Active" {
			p := svc.cspProduct(sub.offerID)
			out = append(out, cspLicenseJSON{ID: sub.id, SubscriptionID: sub.id, Name: p.name, ItemCode: p.itemCode(),
				TotalLicenses: sub.quantity, AssignedLicenses: assigned(sub.id)})
		}
	}
	return out
}

// listCSPProductLicenses lists the organization's product licences (its path is the CSP
// service's, …/services/Csp/productlicenses).
func (s *Server) listCSPProductLicenses(w http.ResponseWriter, r *http.Request) {
	if o, t := s.findCSP(w, r); t != nil {
		writeJSON(w, http.StatusOK, s.cspLicenses(o, t))
	}
}

// cspLicenseBody is the body that gives a user a licence as the SDK types it
// (AddCSPUserLicenseRequest, name inferred): {"licenseId": "..."}, the id from the licence list.
type cspLicenseBody struct {
	LicenseID string `json:"licenseId"`
}

func (b *cspLicenseBody) check(fe fieldErrors) { fe.required("LicenseId", b.LicenseID) }

// addCSPUserLicense gives the user one licence: 201 with Location naming it; 400 when the user
// has it already or every licence of the subscription is assigned.
func (s *Server) addCSPUserLicense(w http.ResponseWriter, r *http.Request) {
	o, t, i := s.findCSPUser(w, r)
	var b cspLicenseBody
	if i < 0 || !readBody(w, r, &b) {
		return
	}
	lics := s.cspLicenses(o, t)
	j := slices.IndexFunc(lics, func(l cspLicenseJSON) bool { return strings.EqualFold(l.ID, b.LicenseID) })
	u := &t.users[i]
	switch {
	case j < 0:
		notFound(w, "Product licence '%s' was not found.", b.LicenseID)
	case containsString(u.Licenses, lics[j].ID):
		invalidValue(w, "The user already has a '%s' licence.", lics[j].Name)
	case lics[j].AssignedLicenses >= lics[j].TotalLicenses:
		invalidValue(w, "All %d '%s' licences are assigned.", lics[j].TotalLicenses, lics[j].Name)
	default:
		u.Licenses = append(slices.Clone(u.Licenses), lics[j].ID)
		writeCreated(w, s.brokerURL("organizations/%s/services/csp/users/%s/productlicenses/%s", o.id, u.ID, lics[j].ID))
	}
}

// removeCSPUserLicense takes a licence from the user: 204, or 404 when the user has none of it.
func (s *Server) removeCSPUserLicense(w http.ResponseWriter, r *http.Request) {
	_, t, i := s.findCSPUser(w, r)
	if i < 0 {
		return
	}
	u, id := &t.users[i], r.PathValue("id")
	if !containsString(u.Licenses, id) {
		notFound(w, "The user has no product licence '%s'.", id)
		return
	}
	u.Licenses = slices.DeleteFunc(slices.Clone(u.Licenses), func(l string) bool { return strings.EqualFold(l, id) })
	writeNoContent(w)
}
