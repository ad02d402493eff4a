package cloudmoretest

import (
	"net/http"
	"strings"
)

// The broker's administration (ResellerAdministratorsApi, ResellerRolesApi,
// ResellerOrganizationGroupsApi, ResellerOrganizationGroupMembersApi,
// ResellerPaymentMethodsApi, OrganizationPaymentMethodsApi, ResellerEmailTemplatesApi).
//
// Cloudmore documents none of these bodies or answers, and shows no rule for them, so the fake
// keeps each resource as the JSON object it was sent (the docStore, as for the seller's
// resources), with an "id" of its own; an update changes the members it sends. It checks only
// that a body is a JSON object and that the ids in the path exist. An administrator's password
// is not kept, so it is never answered back.

// brokerRoles are the fake's broker administrator roles (Cloudmore's knowledge base names Key
// Account Manager and Sales Agent administrators; the ids are the fake's).
var brokerRoles = []role{
	{"1", "Broker Admin"},
	{"2", "Key Account Manager"},
	{"3", "Sales Agent"},
}

// brokerEmailTemplates are the fake's e-mail templates.
var brokerEmailTemplates = []role{
	{"5d0c2b8e-7a41-4f3e-9b6d-1c2e3f4a5b61", "Welcome e-mail"},
	{"5d0c2b8e-7a41-4f3e-9b6d-1c2e3f4a5b62", "Subscription provisioned"},
}

// Collections of the docStore.
const (
	docBrokerAdmins   = "broker administrator"
	docBrokerGroups   = "organization group"
	docBrokerPayments = "payment method"
	docOrgPayment     = "organization payment method" // one document per organization, id = its id
)

func (s *Server) brokerAdminRoutes() {
	const base = "/api/resellers/{resellerId}"
	docs := func(kind, path, methods string, check func(http.ResponseWriter, map[string]any) bool) {
		docRoutes{s: s, register: s.api, kind: kind, check: check, location: func(r *http.Request, id string) string {
			return s.brokerURL("%s/%s", path, id)
		}}.routes(base+"/"+path, "id", methods)
	}
	docs(docBrokerAdmins, "ResellerAdministrators", "LCGD", forgetPassword)
	s.api("PUT "+base+"/ResellerAdministrators/{id}", s.updateBrokerAdmin)
	s.api("GET "+base+"/ResellerRoles", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, brokerRoles) })

	docs(docBrokerGroups, "OrganizationGroups", "LCGU", nil)
	s.api("DELETE "+base+"/OrganizationGroups/{id}", s.deleteGroup)
	s.api("GET "+base+"/OrganizationGroups/{groupId}/Members", s.listGroupMembers)
	s.api("POST "+base+"/OrganizationGroups/{groupId}/Members", s.addGroupMember)
	s.api("DELETE "+base+"/OrganizationGroups/{groupId}/Members/{id}", s.removeGroupMember)

	docs(docBrokerPayments, "paymentmethods", "LCGUD", nil)
	s.api("GET "+base+"/organizations/{organizationId}/paymentmethods", s.getOrgPaymentMethod)
	s.api("PUT "+base+"/organizations/{organizationId}/paymentmethods", s.setOrgPaymentMethod)

	s.api("GET "+base+"/settings/EmailTemplates", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, brokerEmailTemplates)
	})
}

// forgetPassword drops an administrator's password before the body is kept.
func forgetPassword(_ http.ResponseWriter, doc map[string]any) bool {
	for k := range doc {
		if strings.EqualFold(k, "password") {
			delete(doc, k)
		}
	}
	return true
}

// updateBrokerAdmin merges the body into the administrator, without a password.
func (s *Server) updateBrokerAdmin(w http.ResponseWriter, r *http.Request) {
	old := s.st.docs.col(docBrokerAdmins).get(r.PathValue("id"))
	if old == nil {
		notFound(w, "Administrator '%s' was not found.", r.PathValue("id"))
		return
	}
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	forgetPassword(w, doc)
	mergeDoc(old, doc)
	writeNoContent(w)
}

// mergeDoc sets the members of doc on old, but not its id.
func mergeDoc(old, doc map[string]any) {
	for k, v := range doc {
		if k != "id" {
			old[k] = v
		}
	}
}

// putDoc stores doc under id (replacing a document with that id), keeping creation order.
func putDoc(c *docCollection, id string, doc map[string]any) {
	id = strings.ToLower(id)
	doc["id"] = id
	if _, ok := c.docs[id]; !ok {
		c.ids = append(c.ids, id)
	}
	c.docs[id] = doc
}

// --- organization groups ---

// groupMembers is the member collection of a group.
func (s *Server) groupMembers(groupID string) *docCollection {
	return s.st.docs.col("organization group member/" + groupID)
}

// findGroup returns the group named by {groupId} or {id}, or answers 404.
func (s *Server) findGroup(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("groupId")
	if id == "" {
		id = r.PathValue("id")
	}
	if s.st.docs.col(docBrokerGroups).get(id) == nil {
		notFound(w, "Organization group '%s' was not found.", id)
		return "", false
	}
	return strings.ToLower(id), true
}

// deleteGroup deletes the group with its members.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	id, ok := s.findGroup(w, r)
	if !ok {
		return
	}
	s.st.docs.col(docBrokerGroups).remove(id)
	delete(s.st.docs.cols, strings.ToLower("organization group member/"+id))
	writeNoContent(w)
}

func (s *Server) listGroupMembers(w http.ResponseWriter, r *http.Request) {
	if id, ok := s.findGroup(w, r); ok {
		writeJSON(w, http.StatusOK, s.groupMembers(id).list())
	}
}

// addGroupMember adds the body as a member. Its id is the body's "organizationId" when that is
// a string (the fake's choice; Cloudmore does not name the member's fields), else a new id;
// adding the same organization again replaces its member.
func (s *Server) addGroupMember(w http.ResponseWriter, r *http.Request) {
	groupID, ok := s.findGroup(w, r)
	if !ok {
		return
	}
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	members := s.groupMembers(groupID)
	id := jsonString(doc, "organizationId")
	if strings.TrimSpace(id) == "" || strings.ContainsAny(id, "/\\") {
		id = members.add(doc)
	} else {
		putDoc(members, id, doc)
	}
	writeCreated(w, s.brokerURL("OrganizationGroups/%s/Members/%s", groupID, id))
}

func (s *Server) removeGroupMember(w http.ResponseWriter, r *http.Request) {
	groupID, ok := s.findGroup(w, r)
	if !ok {
		return
	}
	if !s.groupMembers(groupID).remove(r.PathValue("id")) {
		notFound(w, "Member '%s' was not found.", r.PathValue("id"))
		return
	}
	writeNoContent(w)
}

// --- the organization's payment method ---

// getOrgPaymentMethod answers what the last PUT set (its members), or 404 when none was set.
func (s *Server) getOrgPaymentMethod(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	doc := s.st.docs.col(docOrgPayment).get(o.id)
	if doc == nil {
		notFound(w, "Organization '%s' has no payment method.", o.id)
		return
	}
	out := make(map[string]any, len(doc))
	for k, v := range doc {
		if k != "id" {
			out[k] = v
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// setOrgPaymentMethod replaces the organization's payment method with the body's members.
func (s *Server) setOrgPaymentMethod(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	doc, ok := readDoc(w, r)
	if !ok {
		return
	}
	putDoc(s.st.docs.col(docOrgPayment), o.id, doc)
	writeNoContent(w)
}
