package cloudmoretest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

type orgItem struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Services    int    `json:"services"`
	Users       int    `json:"users"`
}

func TestOrganizationsSeedMatchesGuide(t *testing.T) {
	a := newAPI(t)
	var list []orgItem
	a.get("Organizations", &list)
	require.Len(t, list, 3)
	assert.Equal(t, orgItem{cloudmoretest.SeedOrganization1ID, "My Test Organization 1", "My Test Organization 1", 2, 1}, list[0])
	assert.Equal(t, orgItem{cloudmoretest.SeedOrganization2ID, "My Test Organization 2", "My Test Organization 2", 1, 0}, list[1])
	assert.Equal(t, orgItem{cloudmoretest.SeedOrganization3ID, "My Test Organization 3", "My Test Organization 3", 0, 1}, list[2])
}

func TestOrganizationsNoSeedIsEmptyArray(t *testing.T) {
	a := newAPI(t, noSeed)
	body := a.get("Organizations", nil)
	assert.JSONEq(t, `[]`, string(body))
	// The catalog is still there.
	id := a.newOrg("Acme", "acme.example")
	var services []map[string]any
	a.get("organizations/"+id+"/Estore", &services)
	assert.Len(t, services, 2)
}

func TestOrganizationCreateGetUpdateDelete(t *testing.T) {
	a := newAPI(t, noSeed)
	loc := a.create("Organizations", orgBody("My Test Organization 1", "mytextorganization.com"))
	assert.Equal(t, a.srv.URL()+"/api/resellers/"+a.srv.ResellerID()+"/Organizations/"+lastSegment(loc), loc)

	var got map[string]any
	a.get(loc, &got)
	assert.Equal(t, "My Test Organization 1", got["name"])
	assert.Equal(t, "My Test Organization 1", got["displayName"])
	assert.Equal(t, "mytextorganization.com", got["primaryDomain"])
	assert.Equal(t, map[string]any{"street": "Street 1", "postalCode": "111 11", "city": "Stockholm", "countryCode": "SE"}, got["address"])

	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"displayName": "Friendly", "vat": "SE999"})
	a.get(loc, &got)
	assert.Equal(t, "Friendly", got["displayName"])
	assert.Equal(t, "SE999", got["vat"])
	assert.Equal(t, "123456789", got["registrationNumber"], "fields not sent are kept")

	a.wantInvalid("name cannot be changed", http.MethodPut, loc, map[string]any{"name": "Other"})

	// The SDK types only displayName on an update: the fake checks none of the create body's
	// model rules there, it keeps what is sent.
	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"notificationEmail": "not-an-address", "vat": strings.Repeat("x", 60)})
	a.get(loc, &got)
	assert.Equal(t, "not-an-address", got["notificationEmail"])

	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, loc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodDelete, loc, nil)
}

func TestOrganizationCreateApprovalTriggeredOn(t *testing.T) {
	a := newAPI(t, noSeed)
	b := orgBody("Approvals", "approvals.example")
	b["approvalTriggeredOn"] = 0
	loc := a.create("Organizations", b)
	body := a.get(loc, nil)
	assert.Contains(t, string(body), `"approvalTriggeredOn":0`)

	b = orgBody("Negative", "negative.example")
	b["approvalTriggeredOn"] = -1
	a.wantFields(http.MethodPost, "Organizations", b, "ApprovalTriggeredOn")
}

func TestOrganizationRequiredFields(t *testing.T) {
	a := newAPI(t, noSeed)
	fe := a.wantFields(http.MethodPost, "Organizations", map[string]any{"vat": "1"},
		"Name", "RegistrationNumber", "Contact", "NotificationEmail", "Address", "PrimaryDomain")
	assert.Equal(t, []string{"The Name field is required."}, fe["Name"])

	b := orgBody("Bad mail", "badmail.example")
	b["notificationEmail"] = "not-an-address"
	b["contact"] = map[string]any{"name": "x", "email": "also bad"}
	b["address"] = map[string]any{"city": "Stockholm", "countryCode": "se"}
	a.wantFields(http.MethodPost, "Organizations", b, "NotificationEmail", "Contact.Email", "Address.CountryCode")

	a.wantFields(http.MethodPost, "Organizations", "{not json", "")
	a.wantFields(http.MethodPost, "Organizations", "", "")
}

func TestOrganizationMaxLengths(t *testing.T) {
	a := newAPI(t, noSeed)
	for field, n := range map[string]int{"name": 512, "registrationNumber": 50, "vat": 50, "homePage": 75, "customerNumber": 25} {
		b := orgBody("Lengths", "lengths.example")
		b[field] = strings.Repeat("x", n+1)
		key := strings.ToUpper(field[:1]) + field[1:]
		fe := a.wantFields(http.MethodPost, "Organizations", b, key)
		assert.Contains(t, fe[key][0], "maximum length")
		b[field] = strings.Repeat("x", n)
		if field == "name" {
			b[field] = strings.Repeat("n", n)
		}
		a.create("Organizations", b)
		var list []orgItem
		a.get("Organizations", &list)
		a.wantStatus(http.StatusNoContent, http.MethodDelete, "Organizations/"+list[0].ID, nil)
	}
	b := orgBody("Long domain", strings.Repeat("d", 47)+".com")
	a.wantFields(http.MethodPost, "Organizations", b, "PrimaryDomain")
}

func TestOrganizationUniqueNameAndDomain(t *testing.T) {
	a := newAPI(t, noSeed)
	a.newOrg("Acme", "acme.example")
	a.wantInvalid("already exists", http.MethodPost, "Organizations", orgBody("ACME", "other.example"))
	a.wantInvalid("already used", http.MethodPost, "Organizations", orgBody("Acme 2", "ACME.example"))

	id := a.newOrg("Beta", "beta.example")
	a.wantInvalid("already used", http.MethodPut, "Organizations/"+id, map[string]any{"primaryDomain": "acme.example"})
}

func TestOrganizationGenericDomainsRefused(t *testing.T) {
	a := newAPI(t, noSeed)
	for _, d := range []string{"gmail.com", "hotmail.com", "aol.com", "outlook.com", "yahoo.com", "Gmail.com"} {
		a.wantInvalid("Invalid domain/website:"+d, http.MethodPost, "Organizations", orgBody("Org "+d, d))
	}
	b := orgBody("No dot", "valid.example")
	b["primaryDomain"] = "abcdefCompany"
	a.wantInvalid("Invalid domain/website:abcdefCompany", http.MethodPost, "Organizations", b)
}

func TestOrganizationRolesAndUsers(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	var roles []struct{ ID, Name string }
	a.get("organizations/"+id+"/OrganizationRoles", &roles)
	require.NotEmpty(t, roles)

	users := "organizations/" + id + "/Users"
	user := map[string]any{"name": "jane@acme.example", "password": "a long password", "firstName": "Jane",
		"lastName": "Roe", "email": "jane@acme.example", "roleId": roles[0].ID}
	loc := a.create(users, user)
	assert.Equal(t, a.path(users)+"/"+lastSegment(loc), loc)

	var got map[string]any
	a.get(loc, &got)
	assert.Equal(t, "jane@acme.example", got["name"])
	assert.Equal(t, "Jane Roe", got["displayName"])
	assert.NotContains(t, got, "password")

	var list []orgItem
	a.get("Organizations", &list)
	assert.Equal(t, 1, list[0].Users)

	a.wantInvalid("already exists", http.MethodPost, users, user)
	other := map[string]any{"name": "joe@elsewhere.example", "firstName": "Joe", "lastName": "Doe", "roleId": roles[0].ID}
	a.wantInvalid("organization's domain", http.MethodPost, users, other)
	other["name"], other["roleId"] = "joe@acme.example", "99"
	a.wantInvalid("Role '99'", http.MethodPost, users, other)
	other["roleId"] = 2 // a number is read as the string "2"
	a.create(users, other)
	a.wantFields(http.MethodPost, users, map[string]any{"name": "x@acme.example"}, "FirstName", "LastName", "RoleId")

	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"displayName": "Jane R."})
	a.get(loc, &got)
	assert.Equal(t, "Jane R.", got["displayName"])

	var all []map[string]any
	a.get(users, &all)
	assert.Len(t, all, 2)
	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, loc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/00000000-0000-0000-0000-000000000001/Users", nil)
}

// The broker's custom-property definitions: the ids of the guide's organization create
// example, a text field and a checkbox, and a dropdown.
func TestBrokerCustomPropertyDefinitions(t *testing.T) {
	a := newAPI(t, noSeed)
	var defs []map[string]string
	a.get("settings/CustomProperties", &defs)
	require.Len(t, defs, 3)
	assert.Equal(t, map[string]string{"id": "e5301751-f9a3-4a2d-8a88-34f8441760f0", "name": "Additional information", "type": "textbox"}, defs[0])
	assert.Equal(t, "d63a4053-ee92-49a0-a447-5d05cf596346", defs[1]["id"])
	assert.Equal(t, "checkbox", defs[1]["type"])
	assert.Equal(t, "dropdown", defs[2]["type"])
}
