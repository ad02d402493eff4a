package cloudmoretest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func TestDomainValidation(t *testing.T) {
	a := newAPI(t, noSeed)
	check := func(prefix string) bool {
		var got []map[string]bool
		a.get("services/csp/domainvalidation?domainPrefix="+prefix, &got)
		require.Len(t, got, 1)
		return got[0]["isValid"]
	}
	assert.True(t, check("customerA"))
	assert.False(t, check("contoso"))
	assert.False(t, check("Fabrikam"))
	assert.False(t, check("has-dash"))
	assert.True(t, check(strings.Repeat("a", 40)), "no length limit: the SDK documents none")
	a.srv.TakeDomainPrefix("customerA")
	assert.False(t, check("customera"))
	a.wantFields(http.MethodGet, "services/csp/domainvalidation", nil, "domainPrefix")

	// The guide's misspelt path does not exist.
	a.wantStatus(http.StatusNotImplemented, http.MethodGet, "services/csp/domaininvalidation?domainPrefix=x", nil) // not served: never a 404
}

func TestDomainValidationConfigurablePrefixes(t *testing.T) {
	a := newAPI(t, noSeed, func(o *cloudmoretest.Options) { o.TakenDomainPrefixes = []string{} })
	assert.JSONEq(t, `[{"isValid":true}]`, string(a.get("services/csp/domainvalidation?domainPrefix=contoso", nil)))
}

func TestAddCSPService(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	csp := "organizations/" + id + "/services/Csp"
	a.wantStatus(http.StatusNotFound, http.MethodGet, csp, nil)

	a.wantInvalid("not available", http.MethodPost, csp, cspBody("contoso", "GBP"))
	a.wantInvalid("Invalid domain prefix", http.MethodPost, csp, cspBody("no-dash", "GBP"))
	b := cspBody("acmeltd", "GBP")
	delete(b, "cloudAgreement")
	a.wantFields(http.MethodPost, csp, b, "CloudAgreement")
	b = cspBody("acmeltd", "GBP")
	b["id"] = cloudmoretest.BoxServiceID
	a.wantInvalid("not Microsoft O365 CSP Direct", http.MethodPost, csp, b)

	loc := a.create(csp, cspBody("acmeltd", "GBP"))
	assert.Equal(t, a.path(csp), loc)
	var details map[string]any
	a.get(csp, &details)
	assert.Equal(t, "acmeltd.onmicrosoft.com", details["tenantDomain"])
	assert.Equal(t, "GBP", details["currencyCode"])
	assert.Equal(t, map[string]any{"primaryContact": map[string]any{"firstName": "john", "lastName": "doe",
		"email": "john.doe@company.com", "phoneNumber": "123456789"}, "dateAgreed": "2020-05-25T11:53:06"}, details["cloudAgreement"])
	a.wantInvalid("already been added", http.MethodPost, csp, cspBody("other", "GBP"))
	assert.JSONEq(t, `[{"isValid":false}]`, string(a.get("services/csp/domainvalidation?domainPrefix=AcmeLtd", nil)))

	// The organization lists the service.
	assert.Contains(t, string(a.get("organizations/"+id+"/services", nil)), cloudmoretest.CSPServiceID)

	a.wantStatus(http.StatusNoContent, http.MethodDelete, csp, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, csp, nil)
	assert.JSONEq(t, `[]`, string(a.get("organizations/"+id+"/services", nil)))
}

func TestCSPProductsInGuideShape(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	var products []map[string]any
	a.get("organizations/"+id+"/services/Csp/products", &products)
	require.GreaterOrEqual(t, len(products), 4)
	ai, _ := json.Marshal(products[0])
	assert.JSONEq(t, `{
		"resellerId": "`+a.srv.ResellerID()+`",
		"organizationId": "`+id+`",
		"serviceId": "881ae94a-b03a-4da5-8e67-21ea8d77dfb5",
		"offerId": "7779A4BA-BD21-457C-8B3F-B3BAA74FC99C",
		"productId": "D2DEA78B-507C-4E56-B400-39447F4738F8",
		"productCategoryName": "Enterprise",
		"name": "AI Builder Capacity add-on",
		"unitType": "Add-On Licenses",
		"maximumQuantity": 10000000,
		"minimumQuantity": 1,
		"description": "AI Builder empowers creation and consumption of insights to improve business processes. Each license offers 1M service credits per month.",
		"itemCode": "CM-01TIER-7779A4BA-BD21-457C-8B3F-B3BAA74FC99C",
		"cost": "282.80",
		"price": "377.10",
		"currencyCode": "GBP",
		"supportedBillingCycles": [2, 1]
	}`, string(ai))
}

func TestLegacyCSPSubscriptions(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	subs := "organizations/" + id + "/services/csp/subscriptions"
	a.wantStatus(http.StatusNotFound, http.MethodGet, subs, nil)
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))

	// The guide's body, billingCycle as the string "1".
	guide := map[string]any{"friendlyName": "This is my subscription", "offerId": cloudmoretest.AIBuilderOfferID,
		"poNumber": "My Purchase Order Number", "billingCycle": "1", "quantity": 10}
	loc := a.create(subs, guide)
	subID := lastSegment(loc)
	var one map[string]any
	a.get(loc, &one)
	assert.Equal(t, "Active", one["status"])
	assert.Equal(t, float64(1), one["billingCycle"])
	assert.Equal(t, "CM-01TIER-7779A4BA-BD21-457C-8B3F-B3BAA74FC99C", one["itemCode"])

	bad := map[string]any{"offerId": cloudmoretest.AIBuilderOfferID, "billingCycle": 4, "quantity": 1}
	a.wantInvalid("Billing cycle 4 is not supported", http.MethodPost, subs, bad)
	bad = map[string]any{"offerId": cloudmoretest.BusinessBasicOfferID, "billingCycle": 1, "quantity": 301}
	a.wantInvalid("outside 1..300", http.MethodPost, subs, bad)
	bad["quantity"] = 0
	a.wantInvalid("outside 1..300", http.MethodPost, subs, bad)
	bad = map[string]any{"offerId": "00000000-0000-0000-0000-000000000009", "billingCycle": 1, "quantity": 1}
	a.wantInvalid("not available", http.MethodPost, subs, bad)
	a.wantFields(http.MethodPost, subs, map[string]any{}, "OfferId", "BillingCycle", "Quantity")

	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"quantity": 12})
	a.get(loc, &one)
	assert.Equal(t, float64(12), one["quantity"])

	// Removing CSP is refused while a subscription is active.
	a.wantInvalid("active Microsoft CSP subscriptions", http.MethodDelete, "organizations/"+id+"/services/Csp", nil)

	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	a.get(loc, &one)
	assert.Equal(t, "Suspended", one["status"], "DELETE suspends")
	a.wantInvalid("already suspended", http.MethodDelete, loc, nil)
	a.wantInvalid("suspended", http.MethodPut, loc, map[string]any{"quantity": 3})

	var all []map[string]any
	a.get("services/csp/Subscriptions", &all)
	require.Len(t, all, 1)
	assert.Equal(t, subID, all[0]["id"])
	assert.Equal(t, id, all[0]["organizationId"])
}

// The fake knows no member of an NCE body (the SDK keeps them all as Extra): a subscription
// is kept as sent, whatever its members, and answered back as it is; products carry no term,
// billing frequency, quantity limits or segments (no source shows them).
func TestNCESubscriptionsAreKeptAsSent(t *testing.T) {
	clk := newClock(time.Date(2024, 6, 3, 10, 0, 0, 0, time.UTC))
	a := newAPI(t, noSeed, withClock(clk), func(o *cloudmoretest.Options) { o.TokenLifetime = 365 * 24 * time.Hour })
	id := a.newOrg("Acme", "acme.example")
	nce := "organizations/" + id + "/services/csp/nce/subscriptions"
	a.wantStatus(http.StatusNotFound, http.MethodPost, nce, map[string]any{"anything": 1})
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))

	var products []map[string]any
	a.get("organizations/"+id+"/services/csp/nce/products", &products)
	require.Len(t, products, 9)
	assert.Equal(t, map[string]any{"itemCode": "CFQ7TTC0LH18:0001:P1M:Monthly", "productId": "CFQ7TTC0LH18",
		"name": "Microsoft 365 Business Basic", "cost": "5.34", "price": "5.88", "currencyCode": "GBP"}, products[0])

	// No member is required, read or refused: neither an item code nor a quantity.
	loc := a.create(nce, map[string]any{"friendlyName": "Teachers", "licences": 5})
	var sub map[string]any
	a.get(loc, &sub)
	assert.Equal(t, map[string]any{"id": lastSegment(loc), "friendlyName": "Teachers", "licences": float64(5)}, sub)
	loc2 := a.create(nce, map[string]any{"itemCode": "nope", "quantity": 301, "segment": "military"})
	a.wantFields(http.MethodPost, nce, map[string]any{}, "")

	// An update merges what it sends; the id stays.
	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"licences": 4, "id": "other"})
	a.get(loc, &sub)
	assert.Equal(t, float64(4), sub["licences"])
	assert.Equal(t, lastSegment(loc), sub["id"])

	// Microsoft's 7-day cancellation window: a delete within it deletes, after it is refused.
	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc2, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, loc2, nil)
	clk.Advance(8 * 24 * time.Hour)
	a.wantInvalid("cancellation window", http.MethodDelete, loc, nil)

	var all []map[string]any
	a.get("services/csp/nce/subscriptions", &all)
	assert.Equal(t, []map[string]any{sub}, all)
	assert.Contains(t, a.srv.UnverifiedMembers(), cloudmoretest.UnverifiedMember{Operation: "CSP.NCE.Create", Member: "licences"})
}

// An upgrade of either kind, whatever its body, is a task that finishes Completed and changes
// nothing; the fake knows no upgrade path, so both eligibility lists are empty.
func TestNCEUpgrades(t *testing.T) {
	a := newAPI(t, noSeed, func(o *cloudmoretest.Options) { o.PollsUntilDone = 2 })
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	nce := "organizations/" + id + "/services/csp/nce/subscriptions"
	loc := a.create(nce, map[string]any{"itemCode": cloudmoretest.BusinessBasicNCE, "quantity": 10})
	var before map[string]any
	a.get(loc, &before)

	assert.JSONEq(t, `[]`, string(a.get(loc+"/newSubscriptionEligibilities", nil)))
	assert.JSONEq(t, `[]`, string(a.get(loc+"/existingSubscriptionEligiblities", nil)))
	a.wantStatus(http.StatusNotFound, http.MethodGet, loc+"/upgradeStatus", nil)

	resp, body := a.do(http.MethodPost, loc+"/upgradeToNewSubscription", map[string]any{"target": "anything"})
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(body))
	assert.Equal(t, a.path(loc)+"/upgradeStatus", resp.Header.Get("Location"))
	assert.JSONEq(t, `{"status":"InProgress"}`, string(body))
	a.wantInvalid("already in progress", http.MethodPost, loc+"/upgradeToExistingSubscription", map[string]any{"x": 1})
	for i := 0; i < 2; i++ {
		assert.JSONEq(t, `{"status":"InProgress"}`, string(a.get(loc+"/upgradeStatus", nil)), "poll %d", i+1)
	}
	assert.JSONEq(t, `{"status":"Completed"}`, string(a.get(loc+"/upgradeStatus", nil)))
	assert.JSONEq(t, `{"status":"Completed"}`, string(a.get(loc+"/upgradeStatus", nil)), "the final status stays")
	var after map[string]any
	a.get(loc, &after)
	assert.Equal(t, before, after)

	resp, body = a.do(http.MethodPost, loc+"/upgradeToExistingSubscription", map[string]any{"y": 2})
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(body))
}

func TestCSPUsersAsync(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	base := "organizations/" + id + "/services/csp/usersAsync"
	resp, body := a.do(http.MethodPost, base, nil)
	require.Equal(t, http.StatusAccepted, resp.StatusCode, string(body))
	var start struct{ TaskID string }
	require.NoError(t, json.Unmarshal(body, &start))
	assert.Equal(t, a.path(base)+"/"+start.TaskID, resp.Header.Get("Location"))

	for i := 0; i < 2; i++ {
		assert.JSONEq(t, `{"status":"Processing"}`, string(a.wantStatus(http.StatusAccepted, http.MethodGet, base+"/"+start.TaskID, nil)))
	}
	var users []map[string]any
	a.get(base+"/"+start.TaskID, &users)
	require.Len(t, users, 1)
	assert.Equal(t, "admin@acmeltd.onmicrosoft.com", users[0]["userPrincipalName"])

	// A task id of another kind or organization is not found.
	other := a.newOrg("Beta", "beta.example")
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/"+other+"/services/csp/usersAsync/"+start.TaskID, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, "billing/reports/MonthlyBillingPerOrganizationAsync/"+start.TaskID, nil)
}

// TestAddCSPContactNamesOptional: the SDK documents contactFirstName, contactLastName and
// contactPhone as optional, so the fake refuses no body for lacking them (issue 9 item 21),
// and the tenant's administrator is named after the agreement's contact.
func TestAddCSPContactNamesOptional(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	b := cspBody("acmeltd", "GBP")
	delete(b, "contactFirstName")
	delete(b, "contactLastName")
	delete(b, "contactPhone")
	delete(b["cloudAgreement"].(map[string]any), "dateAgreed")
	a.create("organizations/"+id+"/services/Csp", b)
	var users []map[string]any
	a.get("organizations/"+id+"/services/csp/users", &users)
	require.Len(t, users, 1)
	assert.Equal(t, "john doe", users[0]["displayName"])

	// What the SDK requires the fake requires too, and names every field at once.
	other := a.newOrg("Beta", "beta.example")
	a.wantFields(http.MethodPost, "organizations/"+other+"/services/Csp", map[string]any{"cloudAgreement": map[string]any{}},
		"Id", "CurrencyCode", "ContactEmail", "DomainPrefix", "CloudAgreement.PrimaryContact")
}

func TestCSPUsersAndLicenses(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	users := "organizations/" + id + "/services/csp/users"
	a.wantStatus(http.StatusNotFound, http.MethodGet, users, nil)
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	sub := a.create("organizations/"+id+"/services/csp/subscriptions", map[string]any{
		"friendlyName": "Staff", "offerId": cloudmoretest.BusinessBasicOfferID, "billingCycle": 1, "quantity": 1})

	loc := a.create(users, map[string]any{"firstName": "Ann", "lastName": "Lee"})
	var u map[string]any
	a.get(loc, &u)
	assert.Equal(t, "ann.lee@acmeltd.onmicrosoft.com", u["userPrincipalName"])
	assert.Equal(t, "Ann Lee", u["displayName"])
	assert.Equal(t, []any{}, u["licenses"])
	a.get(users+"/ANN.LEE@acmeltd.onmicrosoft.com", &u) // by principal name too
	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"displayName": "Ann L."})
	a.get(loc, &u)
	assert.Equal(t, "Ann L.", u["displayName"])
	assert.Equal(t, "Lee", u["lastName"], "members not sent are kept")

	var lics []map[string]any
	a.get("organizations/"+id+"/services/Csp/productlicenses", &lics)
	require.Len(t, lics, 1)
	licID := lics[0]["id"].(string)
	assert.Equal(t, lastSegment(sub), licID)
	assert.Equal(t, float64(1), lics[0]["totalLicenses"])

	licLoc := a.create(loc+"/productlicenses", map[string]any{"licenseId": licID})
	assert.Equal(t, a.path(loc+"/productlicenses/"+licID), licLoc)
	a.wantInvalid("already has", http.MethodPost, loc+"/productlicenses", map[string]any{"licenseId": licID})
	admin := users + "/admin@acmeltd.onmicrosoft.com"
	a.wantInvalid("are assigned", http.MethodPost, admin+"/productlicenses", map[string]any{"licenseId": licID})
	a.wantStatus(http.StatusNotFound, http.MethodPost, loc+"/productlicenses", map[string]any{"licenseId": "nope"})
	a.wantFields(http.MethodPost, loc+"/productlicenses", map[string]any{}, "LicenseId")
	a.get("organizations/"+id+"/services/Csp/productlicenses", &lics)
	assert.Equal(t, float64(1), lics[0]["assignedLicenses"])

	a.wantStatus(http.StatusNoContent, http.MethodDelete, licLoc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodDelete, licLoc, nil)
	a.create(admin+"/productlicenses", map[string]any{"licenseId": licID}) // free again

	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, loc, nil)
	var all []map[string]any
	a.get(users, &all)
	require.Len(t, all, 1)
	assert.Equal(t, []any{licID}, all[0]["licenses"])
}

func TestCSPTenants(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	pc := a.srv.AddPartnerCenterTenant("globexltd")

	var tenants []map[string]any
	a.get("services/csp/CspTenants/List", &tenants)
	require.Len(t, tenants, 2)
	assert.Equal(t, "acmeltd.onmicrosoft.com", tenants[0]["domain"])
	assert.Equal(t, id, tenants[0]["organizationId"])
	assert.Equal(t, true, tenants[0]["linked"])
	assert.Equal(t, map[string]any{"tenantId": pc, "domain": "globexltd.onmicrosoft.com", "organizationId": "",
		"organizationName": "", "linked": false}, tenants[1])
	assert.JSONEq(t, `[{"isValid":false}]`, string(a.get("services/csp/domainvalidation?domainPrefix=globexltd", nil)))

	link := "services/csp/CspTenants/Link"
	globex := a.newOrg("Globex", "globex.example")
	a.wantFields(http.MethodPost, link, map[string]any{}, "TenantId", "OrganizationId")
	a.wantInvalid("already has", http.MethodPost, link, map[string]any{"tenantId": pc, "organizationId": id})
	a.wantInvalid("already linked", http.MethodPost, link, map[string]any{"tenantId": tenants[0]["tenantId"], "organizationId": globex})
	a.wantStatus(http.StatusNotFound, http.MethodPost, link, map[string]any{"tenantId": "nope", "organizationId": globex})
	var linked map[string]any
	resp, body := a.do(http.MethodPost, link, map[string]any{"tenantId": pc, "organizationId": globex})
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.NoError(t, json.Unmarshal(body, &linked))
	assert.Equal(t, globex, linked["organizationId"])
	// The organization now has Microsoft CSP with that tenant.
	var details map[string]any
	a.get("organizations/"+globex+"/services/Csp", &details)
	assert.Equal(t, "globexltd.onmicrosoft.com", details["tenantDomain"])

	// Removing the CSP service leaves the tenant, linked to no organization.
	a.wantStatus(http.StatusNoContent, http.MethodDelete, "organizations/"+id+"/services/Csp", nil)
	a.get("services/csp/CspTenants/List", &tenants)
	require.Len(t, tenants, 2)
	assert.Equal(t, "acmeltd.onmicrosoft.com", tenants[1]["domain"])
	assert.Equal(t, false, tenants[1]["linked"])
}

func TestNCEAlignmentDates(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	dates := "organizations/" + id + "/services/csp/nce/subscriptions/alignmentdates"
	a.wantStatus(http.StatusNotFound, http.MethodGet, dates, nil)
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	a.create("organizations/"+id+"/services/csp/nce/subscriptions", map[string]any{"itemCode": cloudmoretest.BusinessBasicNCE, "quantity": 1})
	assert.JSONEq(t, `[]`, string(a.get(dates, nil)), "the fake knows no term or end date")
}
