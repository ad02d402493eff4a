package cloudmoretest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// The broker's administration (ResellerAdministratorsApi, ResellerRolesApi,
// ResellerOrganizationGroupsApi, ResellerOrganizationGroupMembersApi,
// ResellerPaymentMethodsApi, OrganizationPaymentMethodsApi, ResellerEmailTemplatesApi).
//
// Cloudmore documents none of these bodies or answers, and shows no rule for them, so the fake
// keeps each resource as the JSON members it was sent (an update changes the members it
// sends) with an "id" of its own, and checks nothing but that the body is a JSON object and
// that the ids in the path exist. Administrators never have their password answered back.

// record is a resource the fake keeps as the members it was sent.
type record struct {
	id      string
	members map[string]json.RawMessage
}

func (rc *record) key() string { return rc.id }

// json is the record's members with its id.
func (rc *record) json(hide ...string) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(rc.members)+1)
	for k, v := range rc.members {
		out[k] = v
	}
	for _, h := range hide {
		for k := range out {
			if strings.EqualFold(k, h) {
				delete(out, k)
			}
		}
	}
	out["id"], _ = json.Marshal(rc.id)
	return out
}

// newRecord reads a JSON object body into a record with a new id, or answers 400.
func newRecord(w http.ResponseWriter, r *http.Request) *record {
	m, ok := readMembers(w, r)
	if !ok {
		return nil
	}
	delete(m, "id")
	return &record{id: newID(), members: m}
}

// updateRecord merges a JSON object body into rc, or answers 400.
func updateRecord(w http.ResponseWriter, r *http.Request, rc *record) bool {
	m, ok := readMembers(w, r)
	if !ok {
		return false
	}
	delete(m, "id")
	keepOthers(rc.members, m)
	return true
}

// brokerGroup is an organization group with its members.
type brokerGroup struct {
	record
	joined []*record // the members; each one's id is the organizationId it was added with, if any
}

// brokerRoles are the fake's broker administrator roles (Cloudmore's knowledge base names Key
// Account Manager and Sales Agent administrators; the ids are the fake's).
var brokerRoles = []role{
	{"1", "Broker Admin"},
	{"2", "Key Account Manager"},
	{"3", "Sales Agent"},
}

// brokerEmailTemplates are the fake's e-mail templates.
var brokerEmailTemplates = []struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}{
	{"5d0c2b8e-7a41-4f3e-9b6d-1c2e3f4a5b61", "Welcome e-mail"},
	{"5d0c2b8e-7a41-4f3e-9b6d-1c2e3f4a5b62", "Subscription provisioned"},
}

func (s *Server) brokerAdminRoutes() {
	const base = "/api/resellers/{resellerId}"
	s.api("GET "+base+"/ResellerAdministrators", s.listBrokerAdmins)
	s.api("POST "+base+"/ResellerAdministrators", s.createBrokerAdmin)
	s.api("GET "+base+"/ResellerAdministrators/{id}", s.getBrokerAdmin)
	s.api("PUT "+base+"/ResellerAdministrators/{id}", s.updateBrokerAdmin)
	s.api("DELETE "+base+"/ResellerAdministrators/{id}", s.deleteBrokerAdmin)
	s.api("GET "+base+"/ResellerRoles", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, brokerRoles) })

	s.api("GET "+base+"/OrganizationGroups", s.listGroups)
	s.api("POST "+base+"/OrganizationGroups", s.createGroup)
	s.api("GET "+base+"/OrganizationGroups/{id}", s.getGroup)
	s.api("PUT "+base+"/OrganizationGroups/{id}", s.updateGroup)
	s.api("DELETE "+base+"/OrganizationGroups/{id}", s.deleteGroup)
	s.api("GET "+base+"/OrganizationGroups/{groupId}/Members", s.listGroupMembers)
	s.api("POST "+base+"/OrganizationGroups/{groupId}/Members", s.addGroupMember)
	s.api("DELETE "+base+"/OrganizationGroups/{groupId}/Members/{id}", s.removeGroupMember)

	s.api("GET "+base+"/paymentmethods", s.listPaymentMethods)
	s.api("POST "+base+"/paymentmethods", s.createPaymentMethod)
	s.api("GET "+base+"/paymentmethods/{id}", s.getPaymentMethod)
	s.api("PUT "+base+"/paymentmethods/{id}", s.updatePaymentMethod)
	s.api("DELETE "+base+"/paymentmethods/{id}", s.deletePaymentMethod)
	s.api("GET "+base+"/organizations/{organizationId}/paymentmethods", s.getOrgPaymentMethod)
	s.api("PUT "+base+"/organizations/{organizationId}/paymentmethods", s.setOrgPaymentMethod)

	s.api("GET "+base+"/settings/EmailTemplates", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, brokerEmailTemplates)
	})
}

// --- administrators ---

func (s *Server) listBrokerAdmins(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.broker().admins, func(rc *record) map[string]json.RawMessage { return rc.json("password") }))
}

func (s *Server) createBrokerAdmin(w http.ResponseWriter, r *http.Request) {
	if rc := newRecord(w, r); rc != nil {
		s.broker().admins = append(s.broker().admins, rc)
		writeCreated(w, s.brokerURL("ResellerAdministrators/%s", rc.id))
	}
}

func (s *Server) getBrokerAdmin(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().admins, r.PathValue("id"), "Administrator"); rc != nil {
		writeJSON(w, http.StatusOK, rc.json("password"))
	}
}

func (s *Server) updateBrokerAdmin(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().admins, r.PathValue("id"), "Administrator"); rc != nil && updateRecord(w, r, rc) {
		writeNoContent(w)
	}
}

func (s *Server) deleteBrokerAdmin(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().admins, r.PathValue("id"), "Administrator"); rc != nil {
		s.broker().admins = remove(s.broker().admins, rc)
		writeNoContent(w)
	}
}

// --- organization groups ---

func (g *brokerGroup) key() string { return g.id }

func (s *Server) findGroup(w http.ResponseWriter, r *http.Request) *brokerGroup {
	id := r.PathValue("groupId")
	if id == "" {
		id = r.PathValue("id")
	}
	return findOr404(w, s.broker().groups, id, "Organization group")
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.broker().groups, func(g *brokerGroup) map[string]json.RawMessage { return g.json() }))
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	if rc := newRecord(w, r); rc != nil {
		g := &brokerGroup{record: *rc}
		s.broker().groups = append(s.broker().groups, g)
		writeCreated(w, s.brokerURL("OrganizationGroups/%s", g.id))
	}
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	if g := s.findGroup(w, r); g != nil {
		writeJSON(w, http.StatusOK, g.json())
	}
}

func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request) {
	if g := s.findGroup(w, r); g != nil && updateRecord(w, r, &g.record) {
		writeNoContent(w)
	}
}

func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	if g := s.findGroup(w, r); g != nil {
		s.broker().groups = remove(s.broker().groups, g)
		writeNoContent(w)
	}
}

func (s *Server) listGroupMembers(w http.ResponseWriter, r *http.Request) {
	if g := s.findGroup(w, r); g != nil {
		writeJSON(w, http.StatusOK, listOf(g.joined, func(rc *record) map[string]json.RawMessage { return rc.json() }))
	}
}

// addGroupMember adds the body as a member. Its id is the body's "organizationId" when that is
// a string (the fake's choice; Cloudmore does not name the member's fields), else a new id;
// adding the same organization again replaces its member.
func (s *Server) addGroupMember(w http.ResponseWriter, r *http.Request) {
	g := s.findGroup(w, r)
	if g == nil {
		return
	}
	rc := newRecord(w, r)
	if rc == nil {
		return
	}
	var orgID string
	if json.Unmarshal(rc.members["organizationId"], &orgID) == nil && strings.TrimSpace(orgID) != "" {
		rc.id = orgID
	}
	if old := find(g.joined, rc.id); old != nil {
		g.joined = remove(g.joined, old)
	}
	g.joined = append(g.joined, rc)
	writeCreated(w, s.brokerURL("OrganizationGroups/%s/Members/%s", g.id, rc.id))
}

func (s *Server) removeGroupMember(w http.ResponseWriter, r *http.Request) {
	g := s.findGroup(w, r)
	if g == nil {
		return
	}
	if m := findOr404(w, g.joined, r.PathValue("id"), "Member"); m != nil {
		g.joined = remove(g.joined, m)
		writeNoContent(w)
	}
}

// --- payment methods ---

func (s *Server) listPaymentMethods(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.broker().payments, func(rc *record) map[string]json.RawMessage { return rc.json() }))
}

func (s *Server) createPaymentMethod(w http.ResponseWriter, r *http.Request) {
	if rc := newRecord(w, r); rc != nil {
		s.broker().payments = append(s.broker().payments, rc)
		writeCreated(w, s.brokerURL("paymentmethods/%s", rc.id))
	}
}

func (s *Server) getPaymentMethod(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().payments, r.PathValue("id"), "Payment method"); rc != nil {
		writeJSON(w, http.StatusOK, rc.json())
	}
}

func (s *Server) updatePaymentMethod(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().payments, r.PathValue("id"), "Payment method"); rc != nil && updateRecord(w, r, rc) {
		writeNoContent(w)
	}
}

func (s *Server) deletePaymentMethod(w http.ResponseWriter, r *http.Request) {
	if rc := findOr404(w, s.broker().payments, r.PathValue("id"), "Payment method"); rc != nil {
		s.broker().payments = remove(s.broker().payments, rc)
		writeNoContent(w)
	}
}

// getOrgPaymentMethod answers what the last PUT set (its members), or 404 when none was set.
func (s *Server) getOrgPaymentMethod(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	rc := s.broker().orgPayments[strings.ToLower(o.id)]
	if rc == nil {
		notFound(w, "Organization '%s' has no payment method.", o.id)
		return
	}
	out := rc.json()
	delete(out, "id")
	writeJSON(w, http.StatusOK, out)
}

// setOrgPaymentMethod replaces the organization's payment method with the body's members.
func (s *Server) setOrgPaymentMethod(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	m, ok := readMembers(w, r)
	if !ok {
		return
	}
	s.broker().orgPayments[strings.ToLower(o.id)] = &record{id: o.id, members: m}
	writeNoContent(w)
}
