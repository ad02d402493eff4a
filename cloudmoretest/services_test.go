package cloudmoretest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func TestEstoreAndOrganizationServices(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	body := a.get("organizations/"+id+"/Estore", nil)
	assert.JSONEq(t, `[
		{"id":"a65727d5-3d23-455d-9ee6-9c843e13dd0a","name":"Box.com","isResellerCustomService":true,"isSellerCustomService":false},
		{"id":"881ae94a-b03a-4da5-8e67-21ea8d77dfb5","name":"Microsoft O365 CSP Direct","isResellerCustomService":false,"isSellerCustomService":false}
	]`, string(body))
	a.get("organizations/"+id+"/Estore/"+cloudmoretest.BoxServiceID, nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/"+id+"/Estore/00000000-0000-0000-0000-000000000009", nil)

	services := "organizations/" + id + "/services"
	assert.JSONEq(t, `[]`, string(a.get(services, nil)))
	loc := a.create(services, map[string]any{"id": cloudmoretest.BoxServiceID, "currencyCode": "SEK"})
	assert.Equal(t, a.path(services)+"/"+cloudmoretest.BoxServiceID, loc)
	assert.JSONEq(t, `[{"id":"a65727d5-3d23-455d-9ee6-9c843e13dd0a","name":"Box.com","isResellerCustomService":true,"isSellerCustomService":false}]`,
		string(a.get(services, nil)))
	var one map[string]any
	a.get(loc, &one)
	assert.Equal(t, "SEK", one["currencyCode"])

	a.wantInvalid("already been added", http.MethodPost, services, map[string]any{"id": cloudmoretest.BoxServiceID, "currencyCode": "SEK"})
	a.wantInvalid("services/Csp", http.MethodPost, services, map[string]any{"id": cloudmoretest.CSPServiceID, "currencyCode": "SEK"})
	a.wantInvalid("not available", http.MethodPost, services, map[string]any{"id": "00000000-0000-0000-0000-000000000009", "currencyCode": "SEK"})
	a.wantFields(http.MethodPost, services, map[string]any{}, "Id", "CurrencyCode")

	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	assert.JSONEq(t, `[]`, string(a.get(services, nil)))
	a.wantInvalid("Currency 'XYZ'", http.MethodPost, services, map[string]any{"id": cloudmoretest.BoxServiceID, "currencyCode": "XYZ"})
}

func TestProductsInGuideShape(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	body := a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/products", nil)
	var products []map[string]any
	require.NoError(t, json.Unmarshal(body, &products))
	require.Len(t, products, 3)
	gold, _ := json.Marshal(products[0])
	assert.JSONEq(t, `{
		"resellerId": "`+a.srv.ResellerID()+`",
		"organizationId": "`+id+`",
		"serviceId": "a65727d5-3d23-455d-9ee6-9c843e13dd0a",
		"productId": "bf5f9d65-bdf7-4f99-9415-0fa642453554",
		"name": "Gold",
		"description": "Box yearly subscription",
		"itemCode": "BOX1copy",
		"subscriptionPeriod": 12,
		"paymentFrequency": 1,
		"minimumQuantity": 1,
		"trialPeriod": 0,
		"cost": "50.00",
		"price": "100.00",
		"currencyCode": "GBP",
		"customProperties": [
			{"type": "textbox", "id": "CS0001", "name": "Custom 1", "visible": true},
			{"type": "dropdown", "id": "CS0002", "name": "Custom 2 dropdown", "visible": true},
			{"type": "checkbox", "id": "CS003", "name": "Custom3", "visible": true}
		]}`, string(gold))
}

func TestProductsInTheOrganizationsCurrency(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "SEK")
	var products []map[string]any
	a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/products", &products)
	// 50 GBP at the fake's fixed rates (0.85 GBP and 11.50 SEK per EUR).
	assert.Equal(t, "676.47", products[0]["cost"])
	assert.Equal(t, "1352.94", products[0]["price"])
	assert.Equal(t, "SEK", products[0]["currencyCode"])
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/"+id+"/services/"+cloudmoretest.CSPServiceID+"/products", nil)
}

type subscription struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	ProductName     string `json:"productName"`
	ItemCode        string `json:"itemCode"`
	PoNumber        string `json:"poNumber"`
	Quantity        int    `json:"quantity"`
	Period          int    `json:"period"`
	BillingInterval int    `json:"billingInterval"`
	StartDate       string `json:"startDate"`
	EndDate         string `json:"endDate"`
	IsTrial         bool   `json:"isTrial"`
	IsAutoRenew     bool   `json:"isAutoRenew"`
	IsCancelled     bool   `json:"isCancelled"`
}

func TestSubscriptionLifecycle(t *testing.T) {
	clk := newClock(time.Date(2020, 1, 17, 9, 30, 0, 0, time.UTC))
	a := newAPI(t, noSeed, withClock(clk), func(o *cloudmoretest.Options) { o.TokenLifetime = 365 * 24 * time.Hour })
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"

	// The guide's request body; the guide's list response.
	loc := a.create(subs, map[string]any{"name": "This is my subscription", "productId": cloudmoretest.GoldProductID,
		"poNumber": "123456789", "isTrial": false, "quantity": 10})
	subID := lastSegment(loc)
	assert.Equal(t, a.path(subs)+"/"+subID, loc)
	body := a.get(subs, nil)
	assert.JSONEq(t, `[{"id":"`+subID+`","name":"This is my subscription","productName":"Gold","itemCode":"BOX1copy",
		"poNumber":"123456789","quantity":10,"period":12,"billingInterval":1,"startDate":"2020-01-17T00:00:00",
		"endDate":"2021-01-17T00:00:00","isTrial":false,"isAutoRenew":true,"isCancelled":false}]`, string(body))

	var one subscription
	a.get(loc, &one)
	assert.Equal(t, 10, one.Quantity)

	clk.Advance(48 * time.Hour)
	a.wantStatus(http.StatusNoContent, http.MethodPut, loc, map[string]any{"quantity": 12})
	a.get(loc, &one)
	assert.Equal(t, 12, one.Quantity)
	a.wantInvalid("below the minimum quantity 1", http.MethodPut, loc, map[string]any{"quantity": 0})

	clk.Advance(24 * time.Hour)
	a.wantStatus(http.StatusNoContent, http.MethodDelete, loc, nil)
	var list []subscription
	a.get(subs, &list)
	require.Len(t, list, 1, "a cancelled subscription stays in the list")
	assert.True(t, list[0].IsCancelled)
	assert.False(t, list[0].IsAutoRenew)
	a.wantInvalid("already cancelled", http.MethodDelete, loc, nil)
	a.wantInvalid("cancelled", http.MethodPut, loc, map[string]any{"quantity": 3})

	var history []map[string]any
	a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/Subscriptions/history/"+subID, &history)
	require.Len(t, history, 3)
	assert.Equal(t, map[string]any{"date": "2020-01-17T09:30:00", "action": "Created", "quantity": float64(10), "description": "Subscription created"}, history[0])
	assert.Equal(t, "Updated", history[1]["action"])
	assert.Equal(t, float64(12), history[1]["quantity"])
	assert.Equal(t, "Cancelled", history[2]["action"])
	assert.Equal(t, "2020-01-20T09:30:00", history[2]["date"])

	a.wantStatus(http.StatusNotFound, http.MethodGet, subs+"/00000000-0000-0000-0000-000000000009", nil)
}

func TestSubscriptionRules(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"

	// Box Enterprise has a minimum quantity of 5.
	a.wantInvalid("below the minimum quantity 5", http.MethodPost, subs,
		map[string]any{"name": "Too few", "productId": cloudmoretest.EnterpriseProductID, "quantity": 4})
	a.wantInvalid("has no trial period", http.MethodPost, subs,
		map[string]any{"productId": cloudmoretest.GoldProductID, "quantity": 1, "isTrial": true})
	a.wantInvalid("does not exist", http.MethodPost, subs,
		map[string]any{"productId": "00000000-0000-0000-0000-000000000009", "quantity": 1})
	a.wantFields(http.MethodPost, subs, map[string]any{"name": "x"}, "ProductId", "Quantity")

	// A trial: ends after the product's trial period; the name defaults to the product's.
	loc := a.create(subs, map[string]any{"productId": cloudmoretest.EnterpriseProductID, "quantity": "5", "isTrial": "true"})
	var one subscription
	a.get(loc, &one)
	assert.True(t, one.IsTrial)
	assert.Equal(t, "Box Enterprise", one.Name)

	// A service not added to the organization.
	other := a.newOrg("Beta", "beta.example")
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/"+other+"/services/"+cloudmoretest.BoxServiceID+"/subscriptions", nil)

	// Removing a service with active subscriptions is refused.
	a.wantInvalid("active subscriptions", http.MethodDelete, "organizations/"+id+"/services/"+cloudmoretest.BoxServiceID, nil)
}

func TestSubscriptionUsers(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"
	sub := a.create(subs, map[string]any{"productId": cloudmoretest.GoldProductID, "quantity": 2})
	users := sub + "/users"

	mkUser := func(name string) string {
		return lastSegment(a.create("organizations/"+id+"/Users", map[string]any{
			"name": name + "@acme.example", "firstName": name, "lastName": "X", "roleId": "2"}))
	}
	u1, u2, u3 := mkUser("ann"), mkUser("bob"), mkUser("cid")

	assert.JSONEq(t, `[]`, string(a.get(users, nil)))
	loc := a.create(users, map[string]any{"userId": u1, "externalUserId": "ext-1"})
	assert.Equal(t, users+"/"+u1, loc)
	a.wantInvalid("already assigned", http.MethodPost, users, map[string]any{"userId": u1})
	a.create(users, map[string]any{"userId": u3})
	a.wantInvalid("All 2 licences", http.MethodPost, users, map[string]any{"userId": u2})
	a.wantInvalid("does not exist", http.MethodPost, users, map[string]any{"userId": "00000000-0000-0000-0000-000000000009"})
	a.wantInvalid("below the 2 users", http.MethodPut, sub, map[string]any{"quantity": 1})
	a.wantStatus(http.StatusNoContent, http.MethodDelete, users+"/"+u3, nil)

	a.wantStatus(http.StatusNoContent, http.MethodPut, users, map[string]any{"userId": u1, "externalUserId": "ext-2"})
	var list []map[string]any
	a.get(users, &list)
	require.Len(t, list, 1)
	assert.Equal(t, "ext-2", list[0]["externalUserId"])
	assert.Equal(t, "ann@acme.example", list[0]["name"])
	a.wantStatus(http.StatusNotFound, http.MethodPut, users, map[string]any{"userId": u2, "externalUserId": "x"})

	a.wantStatus(http.StatusNoContent, http.MethodDelete, users+"/"+u1, nil)
	a.wantStatus(http.StatusNotFound, http.MethodDelete, users+"/"+u1, nil)
	a.create(users, map[string]any{"userId": u2})

	// Deleting a user removes the assignment.
	a.wantStatus(http.StatusNoContent, http.MethodDelete, "organizations/"+id+"/Users/"+u2, nil)
	assert.JSONEq(t, `[]`, string(a.get(users, nil)))
}

func TestSeedSubscription(t *testing.T) {
	a := newAPI(t)
	var s subscription
	a.get("organizations/"+cloudmoretest.SeedOrganization1ID+"/services/"+cloudmoretest.BoxServiceID+"/subscriptions/"+cloudmoretest.SeedSubscriptionID, &s)
	assert.Equal(t, "This is my subscription", s.Name)
	assert.Equal(t, "2020-01-17T00:00:00", s.StartDate)
	assert.Equal(t, 10, s.Quantity)
}

// The service data PUT and PATCH: any JSON object, kept as sent and shown in the details; a
// body that is no object, or a service the organization lacks, is refused.
func TestOrganizationServiceDataUpdates(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	svc := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID
	a.wantStatus(http.StatusNoContent, http.MethodPut, svc, map[string]any{"note": "n", "seats": 3})
	a.wantStatus(http.StatusNoContent, http.MethodPatch, svc, map[string]any{"CS0001": "x"})
	a.wantStatus(http.StatusNoContent, http.MethodPatch, svc, map[string]any{"CS0002": "y"})
	var one map[string]any
	a.get(svc, &one)
	assert.Equal(t, map[string]any{"id": cloudmoretest.BoxServiceID, "name": "Box.com", "isResellerCustomService": true,
		"isSellerCustomService": false, "currencyCode": "GBP", "note": "n", "seats": 3.0, "CS0001": "x", "CS0002": "y"}, one)

	// The known fields are not overwritten by a member of the same name.
	a.wantStatus(http.StatusNoContent, http.MethodPut, svc, map[string]any{"name": "Renamed"})
	one = nil
	a.get(svc, &one)
	assert.Equal(t, "Box.com", one["name"])
	assert.NotContains(t, one, "note", "a PUT replaces the data")

	a.wantStatus(http.StatusBadRequest, http.MethodPut, svc, []int{1})
	a.wantStatus(http.StatusBadRequest, http.MethodPatch, svc, nil)
	other := "organizations/" + a.newOrg("Other", "other.example") + "/services/" + cloudmoretest.BoxServiceID
	a.wantStatus(http.StatusNotFound, http.MethodPut, other, map[string]any{"note": "n"})
}

func TestCategoriesAndMarkets(t *testing.T) {
	a := newAPI(t, noSeed)
	var cats []map[string]any
	a.get("/api/services/categories", &cats)
	require.NotEmpty(t, cats)
	assert.Contains(t, cats[0], "categoryId")
	assert.Contains(t, cats[0], "description")
	assert.JSONEq(t, `[]`, string(a.get("/api/services/marketCountries", nil)))
	assert.JSONEq(t, `[]`, string(a.get("/api/services/marketRegions", nil)))
}
