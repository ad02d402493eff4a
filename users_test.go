package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/Users"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"id":"`+portalUserID+`","name":"jane@mytextorganization.com","firstName":"Jane","lastName":"Doe","displayName":"Jane Doe","phone":"+46 70 000 00 00"}]`)
	})
	users, _, err := c.Users.List(context.Background(), portalOrgID)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, portalUserID, users[0].ID)
	assert.Equal(t, "Jane Doe", users[0].DisplayName)
	assert.Contains(t, string(users[0].Raw), `"phone"`)
}

func TestUsersGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/Users/"+portalUserID), nil, "")
		writeJSON(t, w, http.StatusOK, `{"id":"`+portalUserID+`","name":"jane@mytextorganization.com","address":{"city":"Stockholm"}}`)
	})
	u, _, err := c.Users.Get(context.Background(), portalOrgID, portalUserID)
	require.NoError(t, err)
	assert.Equal(t, "jane@mytextorganization.com", u.Name)
	assert.Contains(t, string(u.Raw), `"address"`)
}

func TestUsersCreate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, brokerPath("organizations/"+portalOrgID+"/Users"), nil, `{
			"name":"jane@mytextorganization.com","password":"p4ss-W0rd-long-enough","firstName":"Jane","lastName":"Doe",
			"displayName":"Jane Doe","customProperties":[{"id":"e5301751-f9a3-4a2d-8a88-34f8441760f0","value":"x"}],"roleId":"6"}`)
		w.Header().Set("Location", brokerPath("organizations/"+portalOrgID+"/Users/"+portalUserID))
		w.WriteHeader(http.StatusCreated)
	})
	created, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{
		Name: "jane@mytextorganization.com", Password: "p4ss-W0rd-long-enough", FirstName: "Jane", LastName: "Doe",
		DisplayName:      "Jane Doe",
		CustomProperties: []CustomPropertyValue{{ID: "e5301751-f9a3-4a2d-8a88-34f8441760f0", Value: "x"}},
		RoleID:           "6",
	})
	require.NoError(t, err)
	assert.Equal(t, portalUserID, created.ID)
}

func TestUsersUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("organizations/"+portalOrgID+"/Users/"+portalUserID), nil,
			`{"displayName":"Jane D.","lastName":"Doe","roleId":"6"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, &UpdateUserRequest{DisplayName: "Jane D.", LastName: "Doe", RoleID: "6"})
	require.NoError(t, err)
}

func TestUsersDelete(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, brokerPath("organizations/"+portalOrgID+"/Users/"+portalUserID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Users.Delete(context.Background(), portalOrgID, portalUserID)
	require.NoError(t, err)
}

func TestUsersListRoles(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/OrganizationRoles"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"id":6,"name":"Organization Admin"},{"id":"7","name":"User","description":"Plain user"}]`)
	})
	roles, _, err := c.Users.ListRoles(context.Background(), portalOrgID)
	require.NoError(t, err)
	require.Len(t, roles, 2)
	assert.Equal(t, "6", roles[0].ID, "numeric id read as text")
	assert.Equal(t, "Organization Admin", roles[0].Name)
	assert.Equal(t, "7", roles[1].ID)
	assert.Contains(t, string(roles[1].Raw), "Plain user")
}

func TestUsersValidation(t *testing.T) {
	cases := []struct {
		name  string
		call  func(c *Client) error
		field string
	}{
		{"nil body", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), portalOrgID, nil)
			return err
		}, "body"},
		{"bad organization id", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), "org-1", &CreateUserRequest{Name: "a"})
			return err
		}, "organizationId"},
		{"custom property id", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{RoleID: "6", CustomProperties: []CustomPropertyValue{{Value: "x"}}})
			return err
		}, "customProperties[0].id"},
		{"no role on create", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{Name: "jane@example.com", FirstName: "Jane"})
			return err
		}, "roleId"},
		{"no role on update", func(c *Client) error {
			_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, &UpdateUserRequest{DisplayName: "Jane D."})
			return err
		}, "roleId"},
		{"the role in Extra, not the field", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{Name: "jane@example.com", Extra: map[string]any{"roleId": "6"}})
			return err
		}, "roleId"},
		{"empty update", func(c *Client) error {
			_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, &UpdateUserRequest{})
			return err
		}, "body"},
		{"empty update with empty Extra map", func(c *Client) error {
			_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, &UpdateUserRequest{Extra: map[string]any{}})
			return err
		}, "body"},
		{"nil update", func(c *Client) error {
			_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, nil)
			return err
		}, "body"},
		{"empty create", func(c *Client) error {
			_, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{})
			return err
		}, "body"},
		{"extra repeats password", func(c *Client) error {
			_, err := c.Users.Update(context.Background(), portalOrgID, portalUserID, &UpdateUserRequest{Password: "secret-1", RoleID: "6", Extra: map[string]any{"password": "other"}})
			return err
		}, "Extra"},
		{"user id with slash", func(c *Client) error {
			_, err := c.Users.Delete(context.Background(), portalOrgID, "../../Organizations")
			return err
		}, "id"},
		{"user id empty", func(c *Client) error {
			_, _, err := c.Users.Get(context.Background(), portalOrgID, "")
			return err
		}, "id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			assertNoRequest(t, ts, tc.call(c), tc.field)
		})
	}
}

// userRequest is what both user bodies offer: redacted text, a body, a validation.
type userRequest interface {
	fmt.Stringer
	fmt.GoStringer
	slog.LogValuer
	validate() error
}

func TestUsersRequestRedactsPassword(t *testing.T) {
	const secret = "hunter2-very-secret"
	create := CreateUserRequest{Name: "jane@example.com", Password: secret, FirstName: "Jane", RoleID: "6", Extra: map[string]any{"title": "CTO"}}
	update := UpdateUserRequest{Name: "jane@example.com", Password: secret, FirstName: "Jane", RoleID: "6", Extra: map[string]any{"title": "CTO"}}
	badCreate, badUpdate := create, update
	badCreate.Extra = map[string]any{"password": secret}
	badUpdate.Extra = map[string]any{"password": secret}
	for _, tc := range []struct {
		name     string
		req, ptr any
		bad      userRequest
		typeName string
	}{
		{"create", create, &create, &badCreate, "CreateUserRequest"},
		{"update", update, &update, &badUpdate, "UpdateUserRequest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.ptr.(userRequest)
			for _, s := range []string{
				req.String(), fmt.Sprint(tc.req), fmt.Sprintf("%v", tc.ptr), fmt.Sprintf("%+v", tc.req), fmt.Sprintf("%#v", tc.req),
				fmt.Sprintf("%s", tc.req), fmt.Sprintf("%q", tc.req),
			} {
				assert.NotContains(t, s, secret)
				assert.Contains(t, s, "jane@example.com")
			}
			assert.Contains(t, req.String(), tc.typeName)
			assert.Contains(t, req.String(), "REDACTED")
			assert.Contains(t, req.String(), `RoleID: "6"`)
			assert.Contains(t, req.String(), "title")

			var buf bytes.Buffer
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("user", "req", tc.req, "ptr", tc.ptr)
			assert.NotContains(t, buf.String(), secret)
			assert.Contains(t, buf.String(), "REDACTED")

			// An error about the request never carries the password.
			err := tc.bad.validate()
			require.Error(t, err)
			assert.NotContains(t, err.Error(), secret)
			_, err = json.Marshal(tc.bad)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), secret)

			// The body on the wire does carry it.
			b, err := json.Marshal(tc.req)
			require.NoError(t, err)
			assert.Contains(t, string(b), secret)
		})
	}
}

func TestUsersPasswordNotInAPIError(t *testing.T) {
	const secret = "hunter2-very-secret"
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusBadRequest, `{"Password":["The password is too weak."]}`)
	})
	_, _, err := c.Users.Create(context.Background(), portalOrgID, &CreateUserRequest{Name: "jane@example.com", Password: secret, RoleID: "6"})
	require.ErrorIs(t, err, ErrBadRequest)
	assert.NotContains(t, err.Error(), secret)
	assert.NotContains(t, fmt.Sprintf("%+v", err), secret)
}

// Path and body problems of one call are reported together.
func TestUsersReportEveryField(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.Users.Create(context.Background(), "org-1", &CreateUserRequest{
		Name: "a", CustomProperties: []CustomPropertyValue{{Value: "x"}, {ID: " "}}, Extra: map[string]any{"name": "b"}})
	assertInvalidFields(t, ts, err, "organizationId", "roleId", "customProperties[0].id", "customProperties[1].id", "Extra")
	_, err = c.Users.Update(context.Background(), "org-1", "", &UpdateUserRequest{})
	assertInvalidFields(t, ts, err, "organizationId", "id", "body")
}
