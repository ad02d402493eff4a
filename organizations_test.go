package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Ids of the portal-area tests (lowercase GUIDs, as in Cloudmore's guide).
const (
	portalOrgID     = "96381c60-2f01-4042-9746-66c8b8e7bef9"
	portalServiceID = "a65727d5-3d23-455d-9ee6-9c843e13dd0a"
	portalProductID = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
	portalSubID     = "28c427f5-2c6c-40a0-8f40-343c724f576a"
	portalUserID    = "5b7e1f3a-9c2d-4e8f-a1b0-c3d4e5f60718"
)

func refOf[T any](v T) *T { return &v }

// assertInvalidFields asserts that err is a *ValidationError naming exactly the fields want
// (in any order) and that nothing reached the server.
func assertInvalidFields(t *testing.T, ts *testServer, err error, want ...string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	assert.ElementsMatch(t, want, got, "fields named by %v", err)
	assert.Zero(t, ts.apiRequests(), "no request may reach the server")
	assert.Zero(t, ts.tokenRequests(), "not even a token request")
}

// validOrganization is the guide's create example (with its "mytextorganization. com" typo
// in notificationEmail corrected).
func validOrganization() *CreateOrganizationRequest {
	return &CreateOrganizationRequest{
		Name:                "My Test Organization 1",
		RegistrationNumber:  "123456789",
		VAT:                 "123456789",
		HomePage:            "www.mytextorganization.com",
		Contact:             &OrganizationContact{Name: "John Doe", Email: "john.doe@mytextorganization.com", Phone: "123456789", CellPhone: "123456789"},
		CustomerNumber:      "123456789",
		NotificationEmail:   "john.doe@mytextorganization.com",
		Address:             &OrganizationAddress{Street: "Stree 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"},
		ApprovalTriggeredOn: refOf(MustDecimal("0")),
		PrimaryDomain:       "mytextorganization.com",
		CustomProperties: []CustomPropertyValue{
			{ID: "e5301751-f9a3-4a2d-8a88-34f8441760f0", Value: "Some extra information"},
			{ID: "d63a4053-ee92-49a0-a447-5d05cf596346", Value: "1"},
		},
	}
}

func TestOrganizationsList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("Organizations"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "organizations_list.json"))
	})
	orgs, resp, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, orgs, 3)
	assert.Equal(t, Organization{ID: "ff0eb40d-26f9-4cbb-b431-10fe66bc838e", Name: "My Test Organization 1",
		DisplayName: "My Test Organization 1", Services: 2, Users: 1}, orgs[0])
	assert.Equal(t, 0, orgs[2].Services)
}

func TestOrganizationsListShowActive(t *testing.T) {
	for _, v := range []bool{true, false} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, http.MethodGet, brokerPath("Organizations"), url.Values{"showActive": {fmt.Sprint(v)}}, "")
				writeJSON(t, w, http.StatusOK, `[]`)
			})
			orgs, _, err := c.Organizations.List(context.Background(), &OrganizationListOptions{ShowActive: refOf(v)})
			require.NoError(t, err)
			assert.Empty(t, orgs)
		})
	}
}

// TestOrganizationsGet decodes testdata/organizations_get.json. Cloudmore does not document
// this response (api-facts §3.3), so that fixture is an ASSUMED shape, not Cloudmore's: the
// list's id/name/displayName plus the create body's fields (with an invented "isActive" and a
// "name" in the custom property), standing for whatever else Cloudmore sends. Only
// id/name/displayName are typed; the test proves the rest stays reachable in Raw.
func TestOrganizationsGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("Organizations/"+portalOrgID), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "organizations_get.json"))
	})
	org, _, err := c.Organizations.Get(context.Background(), portalOrgID)
	require.NoError(t, err)
	assert.Equal(t, portalOrgID, org.ID)
	assert.Equal(t, "My Test Organization 1", org.Name)
	assert.Equal(t, "My Test Organization 1", org.DisplayName)
	// Undocumented fields stay reachable in Raw.
	var rest struct {
		IsActive            bool                 `json:"isActive"`
		PrimaryDomain       string               `json:"primaryDomain"`
		ApprovalTriggeredOn *Decimal             `json:"approvalTriggeredOn"`
		Address             *OrganizationAddress `json:"address"`
		CustomProperties    []json.RawMessage    `json:"customProperties"`
	}
	require.NoError(t, json.Unmarshal(org.Raw, &rest))
	assert.True(t, rest.IsActive)
	assert.Equal(t, "mytextorganization.com", rest.PrimaryDomain)
	assert.Nil(t, rest.ApprovalTriggeredOn, "null stays distinguishable from 0")
	assert.Equal(t, "SE", rest.Address.CountryCode)
	assert.Len(t, rest.CustomProperties, 1)
}

func TestOrganizationsCreate(t *testing.T) {
	c, ts := setup(t)
	const newID = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, brokerPath("Organizations"), nil, string(fixture(t, "organizations_create_request.json")))
		w.Header().Set("Location", "https://api.cloudmore.com"+brokerPath("Organizations/"+newID))
		w.WriteHeader(http.StatusCreated)
	})
	created, resp, err := c.Organizations.Create(context.Background(), validOrganization())
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, newID, created.ID)
	assert.Empty(t, created.Body)
}

func TestOrganizationsCreateApprovalNilOmitted(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]json.RawMessage
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&body)) {
			return
		}
		_, sent := body["approvalTriggeredOn"]
		assert.False(t, sent, "nil approvalTriggeredOn is not sent (Cloudmore reads it as null)")
		writeJSON(t, w, http.StatusCreated, `{"id":"`+portalOrgID+`"}`)
	})
	req := validOrganization()
	req.ApprovalTriggeredOn = nil
	created, _, err := c.Organizations.Create(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, portalOrgID, created.ID, "id from the body when there is no Location")
	assert.JSONEq(t, `{"id":"`+portalOrgID+`"}`, string(created.Body))
}

func TestOrganizationsCreateApprovalLimit(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]json.RawMessage
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&body)) {
			return
		}
		assert.Equal(t, "25000.50", string(body["approvalTriggeredOn"]), "a bare JSON number, exact")
		w.WriteHeader(http.StatusCreated)
	})
	req := validOrganization()
	req.ApprovalTriggeredOn = refOf(MustDecimal("25000.50"))
	_, _, err := c.Organizations.Create(context.Background(), req)
	require.NoError(t, err)
}

func TestOrganizationsCreateValidation(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []struct {
		name  string
		edit  func(r *CreateOrganizationRequest)
		field string
	}{
		{"name missing", func(r *CreateOrganizationRequest) { r.Name = " " }, "name"},
		{"name too long", func(r *CreateOrganizationRequest) { r.Name = long(513) }, "name"},
		{"name too long in UTF-16", func(r *CreateOrganizationRequest) { r.Name = strings.Repeat("😀", 257) }, "name"},
		{"registrationNumber missing", func(r *CreateOrganizationRequest) { r.RegistrationNumber = "" }, "registrationNumber"},
		{"registrationNumber too long", func(r *CreateOrganizationRequest) { r.RegistrationNumber = long(51) }, "registrationNumber"},
		{"vat too long", func(r *CreateOrganizationRequest) { r.VAT = long(51) }, "vat"},
		{"homePage too long", func(r *CreateOrganizationRequest) { r.HomePage = long(76) }, "homePage"},
		{"customerNumber too long", func(r *CreateOrganizationRequest) { r.CustomerNumber = long(26) }, "customerNumber"},
		{"contact missing", func(r *CreateOrganizationRequest) { r.Contact = nil }, "contact"},
		{"contact email", func(r *CreateOrganizationRequest) { r.Contact.Email = "john.doe@" }, "contact.email"},
		{"notificationEmail missing", func(r *CreateOrganizationRequest) { r.NotificationEmail = "" }, "notificationEmail"},
		{"notificationEmail invalid", func(r *CreateOrganizationRequest) { r.NotificationEmail = "john.doe@mytextorganization. com" }, "notificationEmail"},
		{"address missing", func(r *CreateOrganizationRequest) { r.Address = nil }, "address"},
		{"countryCode lower case", func(r *CreateOrganizationRequest) { r.Address.CountryCode = "se" }, "address.countryCode"},
		{"countryCode alpha-3", func(r *CreateOrganizationRequest) { r.Address.CountryCode = "SWE" }, "address.countryCode"},
		{"approval negative", func(r *CreateOrganizationRequest) { r.ApprovalTriggeredOn = refOf(MustDecimal("-1")) }, "approvalTriggeredOn"},
		{"primaryDomain missing", func(r *CreateOrganizationRequest) { r.PrimaryDomain = "" }, "primaryDomain"},
		{"primaryDomain too long", func(r *CreateOrganizationRequest) { r.PrimaryDomain = long(47) + ".com" }, "primaryDomain"},
		{"primaryDomain not a domain", func(r *CreateOrganizationRequest) { r.PrimaryDomain = "https://example.com/" }, "primaryDomain"},
		{"primaryDomain gmail", func(r *CreateOrganizationRequest) { r.PrimaryDomain = "gmail.com" }, "primaryDomain"},
		{"primaryDomain Hotmail", func(r *CreateOrganizationRequest) { r.PrimaryDomain = "Hotmail.COM" }, "primaryDomain"},
		{"custom property id", func(r *CreateOrganizationRequest) { r.CustomProperties[1].ID = "" }, "customProperties[1].id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			req := validOrganization()
			tc.edit(req)
			_, _, err := c.Organizations.Create(context.Background(), req)
			assertNoRequest(t, ts, err, tc.field)
			assert.True(t, errors.Is(err, ErrValidation))
		})
	}
	t.Run("nil body", func(t *testing.T) {
		c, ts := setup(t)
		_, _, err := c.Organizations.Create(context.Background(), nil)
		assertNoRequest(t, ts, err, "body")
	})
	t.Run("limits are inclusive", func(t *testing.T) {
		req := validOrganization()
		req.Name, req.RegistrationNumber, req.VAT, req.HomePage, req.CustomerNumber = long(512), long(50), long(50), long(75), long(25)
		req.PrimaryDomain = long(46) + ".com"
		require.NoError(t, req.validate())
	})
}

func TestOrganizationsGenericMailDomains(t *testing.T) {
	for _, d := range []string{"gmail.com", "hotmail.com", "outlook.com", "live.com", "yahoo.com", "aol.com",
		"icloud.com", "msn.com", "gmx.com", "mail.com", "protonmail.com", "yandex.com"} {
		assert.True(t, isGenericMailDomain(d), d)
	}
	assert.False(t, isGenericMailDomain("mytestorganization.com"))
}

func TestOrganizationsUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("Organizations/"+portalOrgID), nil,
			`{"displayName":"Renamed","approvalTriggeredOn":0,"address":{"city":"Malmö","countryCode":"SE"},"economicId":"E-1",`+
				`"customProperties":[{"id":"d63a4053-ee92-49a0-a447-5d05cf596346","value":"1"}]}`)
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Organizations.Update(context.Background(), portalOrgID, &UpdateOrganizationRequest{
		DisplayName: "Renamed",
		Extra: map[string]any{
			"approvalTriggeredOn": MustDecimal("0"),
			"address":             &OrganizationAddress{City: "Malmö", CountryCode: "SE"},
			"economicId":          "E-1",
			"customProperties":    []CustomPropertyValue{{ID: "d63a4053-ee92-49a0-a447-5d05cf596346", Value: "1"}},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestOrganizationsUpdateDisplayNameOnly(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("Organizations/"+portalOrgID), nil, `{"displayName":"Renamed"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Organizations.Update(context.Background(), portalOrgID, &UpdateOrganizationRequest{DisplayName: "Renamed"})
	require.NoError(t, err)
}

func TestOrganizationsUpdateExplicitNullApproval(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("Organizations/"+portalOrgID), nil, `{"approvalTriggeredOn":null}`)
		w.WriteHeader(http.StatusOK)
	})
	_, err := c.Organizations.Update(context.Background(), portalOrgID, &UpdateOrganizationRequest{
		Extra: map[string]any{"approvalTriggeredOn": nil},
	})
	require.NoError(t, err)
}

func TestOrganizationsUpdateValidation(t *testing.T) {
	cases := []struct {
		name  string
		req   *UpdateOrganizationRequest
		field string
	}{
		{"nil", nil, "body"},
		{"empty", &UpdateOrganizationRequest{}, "body"},
		{"empty Extra map", &UpdateOrganizationRequest{Extra: map[string]any{}}, "body"},
		{"extra repeats a set field", &UpdateOrganizationRequest{DisplayName: "x", Extra: map[string]any{"displayName": "y"}}, "Extra"},
		{"extra empty key", &UpdateOrganizationRequest{Extra: map[string]any{"": 1}}, "Extra"},
		{"extra not encodable", &UpdateOrganizationRequest{Extra: map[string]any{"f": func() {}}}, "Extra"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, err := c.Organizations.Update(context.Background(), portalOrgID, tc.req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
}

func TestOrganizationsDelete(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, brokerPath("Organizations/"+portalOrgID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Organizations.Delete(context.Background(), portalOrgID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestOrganizationsIDsMustBeGUIDs(t *testing.T) {
	for _, id := range []string{"", "..", "../Organizations", "not-a-guid", portalOrgID + "/x"} {
		t.Run(id, func(t *testing.T) {
			c, ts := setup(t)
			_, _, err := c.Organizations.Get(context.Background(), id)
			assertNoRequest(t, ts, err, "id")
			_, err = c.Organizations.Delete(context.Background(), id)
			assertNoRequest(t, ts, err, "id")
			_, err = c.Organizations.Update(context.Background(), id, &UpdateOrganizationRequest{DisplayName: "x"})
			assertNoRequest(t, ts, err, "id")
			_, _, err = c.Users.List(context.Background(), id)
			assertNoRequest(t, ts, err, "organizationId")
		})
	}
}

// Issue 9 item 19: a create with several bad fields names every one of them at once, each by
// its JSON name, and errors.As / errors.Is keep working.
func TestOrganizationsCreateReportsEveryField(t *testing.T) {
	c, ts := setup(t)
	req := validOrganization()
	req.Name = ""
	req.VAT = strings.Repeat("v", 51)
	req.Contact.Email = "not-an-address"
	req.NotificationEmail = "nobody@"
	req.Address.CountryCode = "se"
	req.ApprovalTriggeredOn = refOf(MustDecimal("-5"))
	req.PrimaryDomain = "gmail.com"
	req.CustomProperties[0].ID = ""
	_, _, err := c.Organizations.Create(context.Background(), req)
	assertInvalidFields(t, ts, err, "name", "vat", "contact.email", "notificationEmail", "address.countryCode",
		"approvalTriggeredOn", "primaryDomain", "customProperties[0].id")
	assert.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "name", ve.Field, "Field is the first failing field")
	for _, f := range ve.Fields {
		assert.NotEmpty(t, f.Reason, f.Field)
	}

	// Missing sub-objects, and a path error together with body errors (Update).
	req = validOrganization()
	req.Contact, req.Address, req.RegistrationNumber = nil, nil, ""
	_, _, err = c.Organizations.Create(context.Background(), req)
	assertInvalidFields(t, ts, err, "registrationNumber", "contact", "address")
	_, err = c.Organizations.Update(context.Background(), "not-a-guid", &UpdateOrganizationRequest{DisplayName: "x", Extra: map[string]any{"displayName": "y"}})
	assertInvalidFields(t, ts, err, "id", "Extra")
}

// TestPortalNilOptions: a nil *XxxOptions is valid wherever the portal areas take one.
func TestPortalNilOptions(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		assert.Empty(t, r.URL.RawQuery)
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	_, _, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	_, _, err = c.Pricelist.ListBroker(context.Background(), testServiceID, nil)
	require.NoError(t, err)
	res := c.Pricelist.UpdateOrganizationPrices(context.Background(), nil, nil)
	assert.Empty(t, res)
}
