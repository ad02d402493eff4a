package cloudmoretest

import (
	"net/http"
	"strings"
)

// An organization's user groups and their members. Cloudmore documents none of their fields:
// the fake keeps the members each body sends and adds an "id" (a group's is a new GUID). A
// member's id is the "userId" its add body sends, else its "id", else a new GUID; that id is
// what the member DELETE names. Adding a member whose id the group already has replaces it.

// userGroup is a user group with its members.
type userGroup struct {
	doc     extrasDoc
	members []extrasDoc
}

func (g *userGroup) key() string { return g.doc.str("id") }

func (s *Server) userGroupRoutes() {
	const groups = "/api/resellers/{resellerId}/organizations/{organizationId}/UserGroups"
	s.api("GET "+groups, s.listUserGroups)
	s.api("POST "+groups, s.createUserGroup)
	s.api("GET "+groups+"/{id}", s.getUserGroup)
	s.api("PUT "+groups+"/{id}", s.updateUserGroup)
	s.api("DELETE "+groups+"/{id}", s.deleteUserGroup)
	s.api("GET "+groups+"/{groupId}/members", s.listUserGroupMembers)
	s.api("POST "+groups+"/{groupId}/members", s.addUserGroupMember)
	s.api("DELETE "+groups+"/{groupId}/members/{id}", s.removeUserGroupMember)
}

// findUserGroup returns the organization and the group named by {groupId} or {id}, or
// answers 404.
func (s *Server) findUserGroup(w http.ResponseWriter, r *http.Request, placeholder string) (*org, *userGroup) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	g := findOr404(w, s.ext().groups[orgKey(o)], r.PathValue(placeholder), "User group")
	if g == nil {
		return nil, nil
	}
	return o, g
}

func (s *Server) listUserGroups(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		writeJSON(w, http.StatusOK, listOf(s.ext().groups[orgKey(o)], func(g *userGroup) extrasDoc { return g.doc }))
	}
}

func (s *Server) createUserGroup(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	g := &userGroup{doc: body.clone()}
	g.doc.set("id", newID())
	e := s.ext()
	e.groups[orgKey(o)] = append(e.groups[orgKey(o)], g)
	writeCreated(w, s.brokerURL("organizations/%s/UserGroups/%s", o.id, g.key()))
}

func (s *Server) getUserGroup(w http.ResponseWriter, r *http.Request) {
	if _, g := s.findUserGroup(w, r, "id"); g != nil {
		writeJSON(w, http.StatusOK, g.doc)
	}
}

// updateUserGroup changes the members the body sends; "id" cannot change.
func (s *Server) updateUserGroup(w http.ResponseWriter, r *http.Request) {
	_, g := s.findUserGroup(w, r, "id")
	if g == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	g.doc.merge(body, "id")
	writeNoContent(w)
}

func (s *Server) deleteUserGroup(w http.ResponseWriter, r *http.Request) {
	o, g := s.findUserGroup(w, r, "id")
	if g == nil {
		return
	}
	e := s.ext()
	e.groups[orgKey(o)] = remove(e.groups[orgKey(o)], g)
	writeNoContent(w)
}

func (s *Server) listUserGroupMembers(w http.ResponseWriter, r *http.Request) {
	if _, g := s.findUserGroup(w, r, "groupId"); g != nil {
		writeJSON(w, http.StatusOK, listOf(g.members, func(m extrasDoc) extrasDoc { return m }))
	}
}

func (g *userGroup) memberIndex(id string) int {
	for i, m := range g.members {
		if strings.EqualFold(m.str("id"), id) {
			return i
		}
	}
	return -1
}

func (s *Server) addUserGroupMember(w http.ResponseWriter, r *http.Request) {
	o, g := s.findUserGroup(w, r, "groupId")
	if g == nil {
		return
	}
	body, ok := readExtrasDoc(w, r)
	if !ok {
		return
	}
	m := body.clone()
	id := body.str("userId")
	if id == "" {
		id = body.str("id")
	}
	if id == "" {
		id = newID()
	}
	m.set("id", id)
	if i := g.memberIndex(id); i >= 0 {
		g.members[i] = m
	} else {
		g.members = append(g.members, m)
	}
	writeCreated(w, s.brokerURL("organizations/%s/UserGroups/%s/members/%s", o.id, g.key(), id))
}

func (s *Server) removeUserGroupMember(w http.ResponseWriter, r *http.Request) {
	_, g := s.findUserGroup(w, r, "groupId")
	if g == nil {
		return
	}
	i := g.memberIndex(r.PathValue("id"))
	if i < 0 {
		notFound(w, "Member '%s' was not found in the user group.", r.PathValue("id"))
		return
	}
	g.members = append(g.members[:i], g.members[i+1:]...)
	writeNoContent(w)
}
