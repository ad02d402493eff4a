package cloudmore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portalFake is a small stateful stand-in for the part of Cloudmore's broker API that a web
// portal uses. It keeps organizations, users, added services, subscriptions, their history
// and user assignments in memory, answers creates with 201 and a Location header (no body,
// as Cloudmore's guide shows), and refuses what Cloudmore would refuse in this flow (unknown
// ids, a quantity below the product's minimum). Routes are registered with their exact
// Swagger casing, so a path in the wrong case is a 404 here.
type portalFake struct {
	t  *testing.T
	mu sync.Mutex
	n  int

	orgs      []*fakeOrg
	estore    []map[string]any // what every organization's E-store offers
	products  map[string][]map[string]any
	minimumOf map[string]int // product id -> minimum quantity
}

type fakeOrg struct {
	id, name   string
	users      []map[string]any
	services   map[string]string // service id -> currency
	subs       []*fakeSub
	customData map[string]any
}

type fakeSub struct {
	data    map[string]any
	service string
	history []map[string]any
	users   []map[string]any
}

const (
	fakeBoxServiceID = "5ed98348-a0cf-4b70-a178-a893400239ed"
	fakeGoldProduct  = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
)

func newPortalFake(t *testing.T, mux *http.ServeMux) *portalFake {
	f := &portalFake{t: t,
		estore: []map[string]any{
			{"id": fakeBoxServiceID, "name": "Box.com", "isResellerCustomService": true, "isSellerCustomService": false},
		},
		products:  map[string][]map[string]any{},
		minimumOf: map[string]int{fakeGoldProduct: 5},
	}
	f.products[fakeBoxServiceID] = []map[string]any{{
		"resellerId": testResellerID, "serviceId": fakeBoxServiceID, "productId": fakeGoldProduct,
		"name": "Gold", "description": "Box yearly subscription", "itemCode": "BOX1copy",
		"subscriptionPeriod": 12, "paymentFrequency": 1, "minimumQuantity": 5, "trialPeriod": 0,
		"cost": "50.00", "price": "100.00", "currencyCode": "SEK",
		"customProperties": []map[string]any{{"type": "TextBox", "id": "CS0001", "name": "Department", "visible": true}},
	}}
	const b = "/api/resellers/{rid}/"
	routes := map[string]http.HandlerFunc{
		"POST " + b + "Organizations":                                                           f.createOrg,
		"GET " + b + "Organizations":                                                            f.listOrgs,
		"GET " + b + "Organizations/{id}":                                                       f.getOrg,
		"GET " + b + "settings/CustomProperties":                                                f.listCustomProperties,
		"GET " + b + "organizations/{org}/OrganizationRoles":                                    f.listRoles,
		"POST " + b + "organizations/{org}/Users":                                               f.createUser,
		"GET " + b + "organizations/{org}/Users":                                                f.listUsers,
		"GET " + b + "organizations/{org}/Estore":                                               f.listEstore,
		"POST " + b + "organizations/{org}/services":                                            f.addService,
		"GET " + b + "organizations/{org}/services":                                             f.listServices,
		"GET " + b + "organizations/{org}/services/{svc}/products":                              f.listProducts,
		"POST " + b + "organizations/{org}/services/{svc}/subscriptions":                        f.createSub,
		"GET " + b + "organizations/{org}/services/{svc}/subscriptions":                         f.listSubs,
		"GET " + b + "organizations/{org}/services/{svc}/subscriptions/{sub}":                   f.getSub,
		"DELETE " + b + "organizations/{org}/services/{svc}/subscriptions/{sub}":                f.cancelSub,
		"GET " + b + "organizations/{org}/services/{svc}/Subscriptions/history/{sub}":           f.history,
		"POST " + b + "organizations/{org}/services/{svc}/subscriptions/{sub}/users":            f.assignUser,
		"GET " + b + "organizations/{org}/services/{svc}/subscriptions/{sub}/users":             f.listSubUsers,
		"DELETE " + b + "organizations/{org}/services/{svc}/subscriptions/{sub}/users/{userId}": f.removeSubUser,
	}
	for pattern, h := range routes {
		mux.HandleFunc(pattern, f.guard(h))
	}
	return f
}

// guard checks the reseller id and serializes access to the state.
func (f *portalFake) guard(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("rid") != testResellerID {
			f.fail(w, http.StatusForbidden, "not your reseller id")
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		h(w, r)
	}
}

func (f *portalFake) newID() string {
	f.n++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", f.n)
}

func (f *portalFake) fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(f.t, w, status, []map[string]any{{"errorCode": 5, "errorName": "InvalidValue", "errorMessage": msg}})
}

func (f *portalFake) created(w http.ResponseWriter, r *http.Request, id string) {
	w.Header().Set("Location", "https://api.cloudmore.com"+r.URL.Path+"/"+id)
	w.WriteHeader(http.StatusCreated)
}

func (f *portalFake) decode(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		f.fail(w, http.StatusBadRequest, "body is not a JSON object")
		return nil, false
	}
	return body, true
}

func (f *portalFake) org(w http.ResponseWriter, id string) *fakeOrg {
	for _, o := range f.orgs {
		if o.id == id {
			return o
		}
	}
	f.fail(w, http.StatusNotFound, "organization not found")
	return nil
}

// service returns the organization and checks it has added the service.
func (f *portalFake) service(w http.ResponseWriter, r *http.Request) (*fakeOrg, string) {
	o := f.org(w, r.PathValue("org"))
	if o == nil {
		return nil, ""
	}
	svc := r.PathValue("svc")
	if _, ok := o.services[svc]; !ok {
		f.fail(w, http.StatusNotFound, "service not added to the organization")
		return nil, ""
	}
	return o, svc
}

func (f *portalFake) sub(w http.ResponseWriter, r *http.Request) (*fakeOrg, *fakeSub) {
	o, svc := f.service(w, r)
	if o == nil {
		return nil, nil
	}
	for _, s := range o.subs {
		if s.data["id"] == r.PathValue("sub") && s.service == svc {
			return o, s
		}
	}
	f.fail(w, http.StatusNotFound, "subscription not found")
	return nil, nil
}

func (f *portalFake) createOrg(w http.ResponseWriter, r *http.Request) {
	body, ok := f.decode(w, r)
	if !ok {
		return
	}
	for _, k := range []string{"name", "registrationNumber", "contact", "notificationEmail", "address", "primaryDomain"} {
		if body[k] == nil {
			f.fail(w, http.StatusBadRequest, k+" is required")
			return
		}
	}
	for _, o := range f.orgs {
		if o.name == body["name"] {
			f.fail(w, http.StatusBadRequest, "organization name is taken")
			return
		}
	}
	o := &fakeOrg{id: f.newID(), name: body["name"].(string), services: map[string]string{}, customData: body}
	f.orgs = append(f.orgs, o)
	f.created(w, r, o.id)
}

func (f *portalFake) orgJSON(o *fakeOrg) map[string]any {
	return map[string]any{"id": o.id, "name": o.name, "displayName": o.name, "services": len(o.services), "users": len(o.users)}
}

func (f *portalFake) listOrgs(w http.ResponseWriter, r *http.Request) {
	out := []map[string]any{}
	for _, o := range f.orgs {
		out = append(out, f.orgJSON(o))
	}
	writeJSON(f.t, w, http.StatusOK, out)
}

func (f *portalFake) getOrg(w http.ResponseWriter, r *http.Request) {
	if o := f.org(w, r.PathValue("id")); o != nil {
		out := f.orgJSON(o)
		for k, v := range o.customData {
			if _, set := out[k]; !set {
				out[k] = v
			}
		}
		writeJSON(f.t, w, http.StatusOK, out)
	}
}

// listCustomProperties answers with the definitions of validOrganization's two custom
// properties, in an assumed shape (Cloudmore does not document BrokerCustomPropertyViewModel).
func (f *portalFake) listCustomProperties(w http.ResponseWriter, r *http.Request) {
	writeJSON(f.t, w, http.StatusOK, []map[string]any{
		{"id": "e5301751-f9a3-4a2d-8a88-34f8441760f0", "name": "Cost centre", "type": "TextBox"},
		{"id": "d63a4053-ee92-49a0-a447-5d05cf596346", "name": "Framework agreement", "type": "CheckBox"},
	})
}

func (f *portalFake) listRoles(w http.ResponseWriter, r *http.Request) {
	if f.org(w, r.PathValue("org")) != nil {
		writeJSON(f.t, w, http.StatusOK, `[{"id":6,"name":"Organization Admin"},{"id":7,"name":"User"}]`)
	}
}

func (f *portalFake) createUser(w http.ResponseWriter, r *http.Request) {
	o := f.org(w, r.PathValue("org"))
	if o == nil {
		return
	}
	body, ok := f.decode(w, r)
	if !ok {
		return
	}
	if body["roleId"] == nil {
		f.fail(w, http.StatusBadRequest, "a role is required")
		return
	}
	id := f.newID()
	user := map[string]any{"id": id}
	for _, k := range []string{"name", "firstName", "lastName", "displayName", "roleId"} {
		user[k] = body[k] // the password is not kept
	}
	o.users = append(o.users, user)
	f.created(w, r, id)
}

func (f *portalFake) listUsers(w http.ResponseWriter, r *http.Request) {
	if o := f.org(w, r.PathValue("org")); o != nil {
		writeJSON(f.t, w, http.StatusOK, append([]map[string]any{}, o.users...))
	}
}

func (f *portalFake) listEstore(w http.ResponseWriter, r *http.Request) {
	if f.org(w, r.PathValue("org")) != nil {
		writeJSON(f.t, w, http.StatusOK, f.estore)
	}
}

func (f *portalFake) addService(w http.ResponseWriter, r *http.Request) {
	o := f.org(w, r.PathValue("org"))
	if o == nil {
		return
	}
	body, ok := f.decode(w, r)
	if !ok {
		return
	}
	id, _ := body["id"].(string)
	found := false
	for _, s := range f.estore {
		found = found || s["id"] == id
	}
	if !found {
		f.fail(w, http.StatusBadRequest, "service is not in the organization's E-store")
		return
	}
	o.services[id], _ = body["currencyCode"].(string)
	w.WriteHeader(http.StatusCreated) // as in Cloudmore's guide: 201 and nothing else
}

func (f *portalFake) listServices(w http.ResponseWriter, r *http.Request) {
	o := f.org(w, r.PathValue("org"))
	if o == nil {
		return
	}
	out := []map[string]any{}
	for _, s := range f.estore {
		if _, ok := o.services[s["id"].(string)]; ok {
			out = append(out, s)
		}
	}
	writeJSON(f.t, w, http.StatusOK, out)
}

func (f *portalFake) listProducts(w http.ResponseWriter, r *http.Request) {
	o, svc := f.service(w, r)
	if o == nil {
		return
	}
	out := []map[string]any{}
	for _, p := range f.products[svc] {
		q := map[string]any{"organizationId": o.id}
		for k, v := range p {
			q[k] = v
		}
		out = append(out, q)
	}
	writeJSON(f.t, w, http.StatusOK, out)
}

func (f *portalFake) createSub(w http.ResponseWriter, r *http.Request) {
	o, svc := f.service(w, r)
	if o == nil {
		return
	}
	body, ok := f.decode(w, r)
	if !ok {
		return
	}
	var product map[string]any
	for _, p := range f.products[svc] {
		if p["productId"] == body["productId"] {
			product = p
		}
	}
	if product == nil {
		f.fail(w, http.StatusBadRequest, "unknown product")
		return
	}
	qty, _ := body["quantity"].(float64)
	if int(qty) < f.minimumOf[product["productId"].(string)] {
		f.fail(w, http.StatusBadRequest, "quantity is below the product's minimum")
		return
	}
	start := time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC)
	s := &fakeSub{service: svc, data: map[string]any{
		"id": f.newID(), "name": body["name"], "productName": product["name"], "itemCode": product["itemCode"],
		"poNumber": body["poNumber"], "quantity": qty, "period": product["subscriptionPeriod"],
		"billingInterval": product["paymentFrequency"], "startDate": start.Format("2006-01-02T15:04:05"),
		"endDate": start.AddDate(0, 12, 0).Format("2006-01-02T15:04:05"), "isTrial": body["isTrial"],
		"isAutoRenew": true, "isCancelled": false,
	}}
	s.history = append(s.history, map[string]any{"action": "Created", "quantity": qty})
	o.subs = append(o.subs, s)
	f.created(w, r, s.data["id"].(string))
}

func (f *portalFake) listSubs(w http.ResponseWriter, r *http.Request) {
	o, svc := f.service(w, r)
	if o == nil {
		return
	}
	out := []map[string]any{}
	for _, s := range o.subs {
		if s.service == svc {
			out = append(out, s.data)
		}
	}
	writeJSON(f.t, w, http.StatusOK, out)
}

func (f *portalFake) getSub(w http.ResponseWriter, r *http.Request) {
	if _, s := f.sub(w, r); s != nil {
		writeJSON(f.t, w, http.StatusOK, s.data)
	}
}

func (f *portalFake) cancelSub(w http.ResponseWriter, r *http.Request) {
	if _, s := f.sub(w, r); s != nil {
		if s.data["isCancelled"] == true {
			f.fail(w, http.StatusBadRequest, "already cancelled")
			return
		}
		s.data["isCancelled"] = true
		s.data["isAutoRenew"] = false
		s.history = append(s.history, map[string]any{"action": "Cancelled"})
		w.WriteHeader(http.StatusNoContent)
	}
}

func (f *portalFake) history(w http.ResponseWriter, r *http.Request) {
	if _, s := f.sub(w, r); s != nil {
		writeJSON(f.t, w, http.StatusOK, s.history)
	}
}

func (f *portalFake) assignUser(w http.ResponseWriter, r *http.Request) {
	o, s := f.sub(w, r)
	if s == nil {
		return
	}
	body, ok := f.decode(w, r)
	if !ok {
		return
	}
	for _, u := range o.users {
		if u["id"] == body["userId"] {
			s.users = append(s.users, map[string]any{"userId": u["id"], "name": u["name"]})
			s.history = append(s.history, map[string]any{"action": "UserAssigned"})
			w.WriteHeader(http.StatusCreated)
			return
		}
	}
	f.fail(w, http.StatusBadRequest, "unknown user")
}

func (f *portalFake) listSubUsers(w http.ResponseWriter, r *http.Request) {
	if _, s := f.sub(w, r); s != nil {
		writeJSON(f.t, w, http.StatusOK, append([]map[string]any{}, s.users...))
	}
}

func (f *portalFake) removeSubUser(w http.ResponseWriter, r *http.Request) {
	if _, s := f.sub(w, r); s != nil {
		for i, u := range s.users {
			if u["userId"] == r.PathValue("userId") {
				s.users = append(s.users[:i], s.users[i+1:]...)
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		f.fail(w, http.StatusNotFound, "user not assigned")
	}
}

// TestPortalScenario walks the portal flow of Cloudmore's guide end to end: onboard an
// organization, create a user with a role, list the E-store, add a service, list its
// products, order a subscription (refused below the product's minimum before any request),
// list it, read its history, assign the user, and cancel it.
func TestPortalScenario(t *testing.T) {
	c, ts := setup(t)
	newPortalFake(t, ts.Mux)
	ctx := context.Background()

	// 1. Onboard the customer.
	org, resp, err := c.Organizations.Create(ctx, validOrganization())
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	require.True(t, isGUID(org.ID), "organization id from Location: %q", org.ID)
	orgID := org.ID

	details, _, err := c.Organizations.Get(ctx, orgID)
	require.NoError(t, err)
	assert.Equal(t, "My Test Organization 1", details.Name)
	// The rest of the details is in Raw (this fake echoes the create body: an assumed shape).
	var rest struct {
		PrimaryDomain       string   `json:"primaryDomain"`
		ApprovalTriggeredOn *Decimal `json:"approvalTriggeredOn"`
	}
	require.NoError(t, json.Unmarshal(details.Raw, &rest))
	assert.Equal(t, "mytextorganization.com", rest.PrimaryDomain)
	require.NotNil(t, rest.ApprovalTriggeredOn)
	assert.Equal(t, "0", rest.ApprovalTriggeredOn.Text(), "0 (approval always on) round-trips as 0, not null")
	defs, _, err := c.Broker.CustomProperties.List(ctx)
	require.NoError(t, err)
	props, err := DecodeCustomProperties(defs, details.Raw)
	require.NoError(t, err)
	require.Len(t, props, 2)
	assert.Equal(t, TypedCustomProperty{ID: "e5301751-f9a3-4a2d-8a88-34f8441760f0", Name: "Cost centre",
		Type: CustomPropertyTextbox, Value: "Some extra information"}, props[0])
	assert.Equal(t, TypedCustomProperty{ID: "d63a4053-ee92-49a0-a447-5d05cf596346", Name: "Framework agreement",
		Type: CustomPropertyCheckbox, Value: "1", Checked: true}, props[1])

	// The same name again is Cloudmore's to refuse: an APIError with its message.
	_, _, err = c.Organizations.Create(ctx, validOrganization())
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.True(t, errors.Is(err, ErrBadRequest))
	assert.Contains(t, apiErr.Error(), "organization name is taken")

	// 2. A user with a role.
	roles, _, err := c.Users.ListRoles(ctx, orgID)
	require.NoError(t, err)
	require.NotEmpty(t, roles)
	user, _, err := c.Users.Create(ctx, orgID, &CreateUserRequest{
		Name: "jane@mytextorganization.com", Password: "a-long-initial-password-1", FirstName: "Jane", LastName: "Doe",
		DisplayName: "Jane Doe", RoleID: roles[0].ID,
	})
	require.NoError(t, err)
	require.NotEmpty(t, user.ID)
	users, _, err := c.Users.List(ctx, orgID)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, "Jane Doe", users[0].DisplayName)

	// 3. The E-store and 4. adding a service from it.
	store, _, err := c.Estore.List(ctx, orgID)
	require.NoError(t, err)
	require.Len(t, store, 1)
	box := store[0]
	assert.Equal(t, "Box.com", box.Name)
	_, resp, err = c.Services.Add(ctx, orgID, &AddServiceRequest{ID: box.ID, CurrencyCode: "SEK"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	services, _, err := c.Services.List(ctx, orgID)
	require.NoError(t, err)
	require.Len(t, services, 1)
	orgs, _, err := c.Organizations.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, orgs, 1)
	assert.Equal(t, Organization{ID: orgID, Name: "My Test Organization 1", DisplayName: "My Test Organization 1", Services: 1, Users: 1}, orgs[0])

	// 5. Products of the service.
	products, _, err := c.Services.ListProducts(ctx, orgID, box.ID)
	require.NoError(t, err)
	require.Len(t, products, 1)
	gold := &products[0]
	assert.Equal(t, "5", gold.MinimumQuantity.Text())
	assert.Equal(t, "100.00", gold.Price.Text())
	assert.Equal(t, CustomPropertyTextbox, gold.CustomProperties[0].Type)

	// 6. Ordering below the minimum is stopped before the network.
	before := ts.apiRequests()
	_, _, err = c.Subscriptions.CreateForProduct(ctx, orgID, gold, &CreateSubscriptionRequest{Name: "Sales", Quantity: 2})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "quantity", ve.Field)
	assert.Equal(t, before, ts.apiRequests(), "nothing was sent")

	// ... and plain Create leaves the minimum to Cloudmore, which refuses it.
	_, _, err = c.Subscriptions.Create(ctx, orgID, box.ID, &CreateSubscriptionRequest{ProductID: gold.ProductID, Quantity: 2})
	require.ErrorIs(t, err, ErrBadRequest)

	sub, resp, err := c.Subscriptions.CreateForProduct(ctx, orgID, gold, &CreateSubscriptionRequest{
		Name: "Sales", PONumber: "PO-1", Quantity: 10,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	require.True(t, isGUID(sub.ID))

	// 7. List it.
	subs, _, err := c.Subscriptions.List(ctx, orgID, box.ID)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.Equal(t, sub.ID, subs[0].ID)
	assert.Equal(t, "Gold", subs[0].ProductName)
	assert.Equal(t, "PO-1", subs[0].PONumber)
	assert.Equal(t, "10", subs[0].Quantity.Text())
	assert.Equal(t, 12, subs[0].Period)
	assert.Equal(t, time.Date(2021, 1, 17, 0, 0, 0, 0, time.UTC), subs[0].EndDate.Time)
	assert.False(t, bool(subs[0].IsCancelled))

	// 8. Its history.
	hist, _, err := c.Subscriptions.GetHistory(ctx, orgID, box.ID, sub.ID)
	require.NoError(t, err)
	require.Len(t, hist.Entries, 1)

	// 9. Assign the user.
	_, _, err = c.Subscriptions.AssignUser(ctx, orgID, box.ID, sub.ID, &AssignSubscriptionUserRequest{UserID: user.ID})
	require.NoError(t, err)
	assigned, _, err := c.Subscriptions.ListUsers(ctx, orgID, box.ID, sub.ID)
	require.NoError(t, err)
	require.Len(t, assigned, 1)
	assert.Contains(t, string(assigned[0].Raw), user.ID)

	// 10. Cancel it: it stays in the list, marked cancelled, and the history shows it.
	resp, err = c.Subscriptions.Cancel(ctx, orgID, box.ID, sub.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	got, _, err := c.Subscriptions.Get(ctx, orgID, box.ID, sub.ID)
	require.NoError(t, err)
	assert.True(t, bool(got.IsCancelled))
	assert.False(t, bool(got.IsAutoRenew))
	hist, _, err = c.Subscriptions.GetHistory(ctx, orgID, box.ID, sub.ID)
	require.NoError(t, err)
	require.Len(t, hist.Entries, 3)
	assert.Contains(t, string(hist.Entries[2]), "Cancelled")
	_, err = c.Subscriptions.Cancel(ctx, orgID, box.ID, sub.ID)
	require.ErrorIs(t, err, ErrBadRequest, "a second cancel is refused")

	// One token for the whole flow.
	assert.Equal(t, 1, ts.tokenRequests())
	// The password never reached the state the fake keeps, nor any other request than the create.
	for _, rr := range ts.requests() {
		if rr.Method == http.MethodPost && rr.Path == brokerPath("organizations/"+orgID+"/Users") {
			continue
		}
		assert.NotContains(t, string(rr.Body), "a-long-initial-password-1", "%s %s", rr.Method, rr.Path)
	}
}
