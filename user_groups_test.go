package cloudmore

import (
	"net/http"
	"testing"
)

func TestUserGroupsWire(t *testing.T) {
	org := "organizations/" + azOrgID + "/UserGroups"
	group := `{"id":"g-1","name":"Finance","description":"Invoices"}`
	runExtrasWire(t, []extrasWire{
		{name: "List", method: http.MethodGet, path: org, status: http.StatusOK, answer: "[" + group + "]",
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.UserGroups.List(ctxBG, azOrgID)) },
			check: wantRaw("[" + group + "]")},
		{name: "List empty", method: http.MethodGet, path: org, status: http.StatusOK, answer: "[]",
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.UserGroups.List(ctxBG, azOrgID)) },
			check: wantRaw("[]")},
		{name: "Get", method: http.MethodGet, path: org + "/g-1", status: http.StatusOK, answer: group,
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.UserGroups.Get(ctxBG, azOrgID, "g-1")) },
			check: wantRaw(group)},
		{name: "Get escapes the id", method: http.MethodGet, path: org + "/a%20b", status: http.StatusOK, answer: group,
			call: func(c *Client) (any, *Response, error) { return extrasResult(c.UserGroups.Get(ctxBG, azOrgID, "a b")) }},
		{name: "Create", method: http.MethodPost, path: org, body: `{"name":"Finance"}`, status: http.StatusCreated,
			header: located(org + "/g-1"),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.UserGroups.Create(ctxBG, azOrgID, &CreateUserGroupRequest{Extra: map[string]any{"name": "Finance"}}))
			}, check: wantCreated("g-1")},
		{name: "Update", method: http.MethodPut, path: org + "/g-1", body: `{"name":"Finance EU"}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.UserGroups.Update(ctxBG, azOrgID, "g-1", &UpdateUserGroupRequest{Extra: map[string]any{"name": "Finance EU"}}))
			}},
		{name: "Delete", method: http.MethodDelete, path: org + "/g-1", status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) { return extrasResp(c.UserGroups.Delete(ctxBG, azOrgID, "g-1")) }},
		{name: "ListMembers", method: http.MethodGet, path: org + "/g-1/members", status: http.StatusOK,
			answer: `[{"userId":"u-1","name":"jane@example.com"}]`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.UserGroups.ListMembers(ctxBG, azOrgID, "g-1"))
			}, check: wantRaw(`[{"userId":"u-1","name":"jane@example.com"}]`)},
		{name: "AddMember", method: http.MethodPost, path: org + "/g-1/members", body: `{"userId":"u-1"}`,
			status: http.StatusCreated, header: located(org + "/g-1/members/u-1"),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.UserGroups.AddMember(ctxBG, azOrgID, "g-1", &AddUserGroupMemberRequest{Extra: map[string]any{"userId": "u-1"}}))
			}, check: wantCreated("u-1")},
		{name: "RemoveMember", method: http.MethodDelete, path: org + "/g-1/members/u-1", status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.UserGroups.RemoveMember(ctxBG, azOrgID, "g-1", "u-1"))
			}},
	})
}

// The fields are named in the executor's one order: the path values in template order, then
// the body's fields.
func TestUserGroupsValidation(t *testing.T) {
	runExtrasInvalid(t, []extrasInvalid{
		{"List: bad org", func(c *Client) error { _, _, err := c.UserGroups.List(ctxBG, "nope"); return err }, []string{"organizationId"}},
		{"Get: bad ids", func(c *Client) error { _, _, err := c.UserGroups.Get(ctxBG, "", "a/b"); return err },
			[]string{"organizationId", "id"}},
		{"Create: no body, bad org", func(c *Client) error {
			_, _, err := c.UserGroups.Create(ctxBG, "nope", nil)
			return err
		}, []string{"organizationId", "body"}},
		{"Create: empty Extra", func(c *Client) error {
			_, _, err := c.UserGroups.Create(ctxBG, azOrgID, &CreateUserGroupRequest{Extra: map[string]any{}})
			return err
		}, []string{"Extra"}},
		{"Update: everything bad", func(c *Client) error {
			_, err := c.UserGroups.Update(ctxBG, "nope", "..", &UpdateUserGroupRequest{})
			return err
		}, []string{"organizationId", "id", "Extra"}},
		{"Update: a value JSON cannot encode", func(c *Client) error {
			_, err := c.UserGroups.Update(ctxBG, azOrgID, "g-1", &UpdateUserGroupRequest{Extra: map[string]any{"f": func() {}}})
			return err
		}, []string{"Extra"}},
		{"Delete: bad id", func(c *Client) error { _, err := c.UserGroups.Delete(ctxBG, azOrgID, ""); return err }, []string{"id"}},
		{"ListMembers: bad group", func(c *Client) error {
			_, _, err := c.UserGroups.ListMembers(ctxBG, azOrgID, "a\x00")
			return err
		}, []string{"groupId"}},
		{"AddMember: everything bad", func(c *Client) error {
			_, _, err := c.UserGroups.AddMember(ctxBG, "nope", "", nil)
			return err
		}, []string{"organizationId", "groupId", "body"}},
		{"RemoveMember: bad ids", func(c *Client) error {
			_, err := c.UserGroups.RemoveMember(ctxBG, azOrgID, "", "")
			return err
		}, []string{"groupId", "id"}},
	})
}
