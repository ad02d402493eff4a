package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cspFake is a small stateful stand-in for Cloudmore's CSP endpoints, enough for the
// scenario test. The shapes of undocumented answers (subscriptions, eligibilities, upgrade
// status) are this fake's own invention; the SDK only keeps them raw.
type cspFake struct {
	t  *testing.T
	mu sync.Mutex

	takenPrefixes map[string]bool
	cspAdded      map[string]map[string]any // organization id -> add body
	legacy        map[string]map[string]any // subscription id -> state
	nce           map[string]map[string]any
	upgradePolls  map[string]int // subscription id -> status polls left before completion
	nextID        int
}

func newCSPFake(t *testing.T, ts *testServer) *cspFake {
	f := &cspFake{t: t, takenPrefixes: map[string]bool{"contoso": true}, cspAdded: map[string]map[string]any{},
		legacy: map[string]map[string]any{}, nce: map[string]map[string]any{}, upgradePolls: map[string]int{}}
	const org = "/api/resellers/{rid}/organizations/{org}/services"
	m := ts.Mux
	m.HandleFunc("GET /api/resellers/{rid}/services/csp/domainvalidation", f.domain)
	m.HandleFunc("POST "+org+"/Csp", f.addCSP)
	m.HandleFunc("GET "+org+"/Csp/products", f.products)
	m.HandleFunc("POST "+org+"/csp/subscriptions", f.createLegacy)
	m.HandleFunc("GET "+org+"/csp/subscriptions/{id}", f.getLegacy)
	m.HandleFunc("PUT "+org+"/csp/subscriptions/{id}", f.updateLegacy)
	m.HandleFunc("DELETE "+org+"/csp/subscriptions/{id}", f.suspendLegacy)
	m.HandleFunc("POST "+org+"/csp/nce/subscriptions", f.createNCE)
	m.HandleFunc("GET "+org+"/csp/nce/subscriptions/{id}", f.getNCE)
	m.HandleFunc("GET "+org+"/csp/nce/subscriptions/{id}/newSubscriptionEligibilities", f.eligibilities)
	m.HandleFunc("POST "+org+"/csp/nce/subscriptions/{id}/upgradeToNewSubscription", f.upgrade)
	m.HandleFunc("GET "+org+"/csp/nce/subscriptions/{id}/upgradeStatus", f.upgradeStatus)
	return f
}

func (f *cspFake) body(r *http.Request) map[string]any {
	var v map[string]any
	require.NoError(f.t, json.NewDecoder(r.Body).Decode(&v))
	return v
}

func (f *cspFake) newID() string {
	f.nextID++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", f.nextID)
}

func (f *cspFake) badRequest(w http.ResponseWriter, msg string) {
	writeJSON(f.t, w, http.StatusBadRequest, []ErrorItem{{Code: 5, Name: "InvalidValue", Message: msg}})
}

func (f *cspFake) domain(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := strings.ToLower(r.URL.Query().Get("domainPrefix"))
	writeJSON(f.t, w, http.StatusOK, []map[string]bool{{"isValid": !f.takenPrefixes[p]}})
}

func (f *cspFake) addCSP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.body(r)
	prefix := strings.ToLower(b["domainPrefix"].(string))
	if f.takenPrefixes[prefix] {
		f.badRequest(w, "domain prefix taken")
		return
	}
	agreement := b["cloudAgreement"].(map[string]any)
	if d, sent := agreement["dateAgreed"]; sent { // omitted: Cloudmore uses now
		if _, err := time.Parse(time.RFC3339, d.(string)); err != nil {
			f.badRequest(w, "dateAgreed")
			return
		}
	}
	f.takenPrefixes[prefix] = true
	f.cspAdded[r.PathValue("org")] = b
	w.WriteHeader(http.StatusCreated)
}

func (f *cspFake) products(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cspAdded[r.PathValue("org")] == nil {
		writeJSON(f.t, w, http.StatusNotFound, `[{"errorCode":4,"errorName":"NotFound","errorMessage":"CSP service not added"}]`)
		return
	}
	writeJSON(f.t, w, http.StatusOK, fixture(f.t, "csp_products.json"))
}

func (f *cspFake) createLegacy(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.body(r)
	// The fake is strict where Microsoft is: a number for billingCycle, within the product.
	if _, ok := b["billingCycle"].(float64); !ok {
		f.badRequest(w, "billingCycle must be an integer")
		return
	}
	if q := b["quantity"].(float64); q < 1 || q > 10000000 {
		f.badRequest(w, "quantity out of range")
		return
	}
	id := f.newID()
	f.legacy[id] = map[string]any{"id": id, "offerId": b["offerId"], "quantity": b["quantity"],
		"billingCycle": b["billingCycle"], "status": "Active"}
	w.Header().Set("Location", r.URL.Path+"/"+id)
	w.WriteHeader(http.StatusCreated)
}

func (f *cspFake) legacySub(w http.ResponseWriter, r *http.Request) map[string]any {
	sub := f.legacy[r.PathValue("id")]
	if sub == nil {
		writeJSON(f.t, w, http.StatusNotFound, `[{"errorCode":4,"errorName":"NotFound","errorMessage":"no subscription"}]`)
	}
	return sub
}

func (f *cspFake) getLegacy(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if sub := f.legacySub(w, r); sub != nil {
		writeJSON(f.t, w, http.StatusOK, sub)
	}
}

func (f *cspFake) updateLegacy(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.body(r)
	if sub := f.legacySub(w, r); sub != nil {
		sub["quantity"] = b["quantity"]
		w.WriteHeader(http.StatusNoContent)
	}
}

func (f *cspFake) suspendLegacy(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if sub := f.legacySub(w, r); sub != nil {
		sub["status"] = "Suspended"
		w.WriteHeader(http.StatusNoContent)
	}
}

func (f *cspFake) createNCE(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.body(r)
	id := f.newID()
	f.nce[id] = map[string]any{"id": id, "product": b["product"], "quantity": b["quantity"], "segment": "Education"}
	writeJSON(f.t, w, http.StatusCreated, map[string]string{"id": id})
}

func (f *cspFake) getNCE(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON(f.t, w, http.StatusOK, f.nce[r.PathValue("id")])
}

func (f *cspFake) eligibilities(w http.ResponseWriter, r *http.Request) {
	writeJSON(f.t, w, http.StatusOK, `[{"targetProduct":"Microsoft 365 E5"}]`)
}

func (f *cspFake) upgrade(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.body(r)
	id := r.PathValue("id")
	f.nce[id]["product"] = b["targetProduct"]
	f.upgradePolls[id] = 2
	w.WriteHeader(http.StatusAccepted)
}

func (f *cspFake) upgradeStatus(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	if f.upgradePolls[id] > 0 {
		f.upgradePolls[id]--
		writeJSON(f.t, w, http.StatusOK, `{"status":"InProgress"}`)
		return
	}
	writeJSON(f.t, w, http.StatusOK, `{"status":"Completed"}`)
}

// TestCSPScenario walks what a broker's portal does for a new Microsoft 365 customer: check
// the domain, add the CSP service, list products, order 10 monthly licences, change the
// quantity, suspend; then for NCE: create, read the upgrade targets, upgrade, wait.
func TestCSPScenario(t *testing.T) {
	c, ts := setup(t)
	newCSPFake(t, ts)
	ctx := context.Background()

	// 1. The prefix the customer asked for is taken; the next one is free.
	free, _, err := c.CSP.CheckDomain(ctx, "contoso")
	require.NoError(t, err)
	assert.False(t, free)
	free, _, err = c.CSP.CheckDomain(ctx, "contosoltd")
	require.NoError(t, err)
	require.True(t, free)

	// 2. Add the CSP service with the Microsoft Customer Agreement (dateAgreed left out: now).
	_, resp, err := c.CSP.Add(ctx, cspOrgID, &AddCSPRequest{
		ID: cspServiceID, CurrencyCode: "GBP", ContactEmail: "it@contosoltd.example", DomainPrefix: "contosoltd",
		CloudAgreement: CSPCloudAgreement{PrimaryContact: CSPCloudAgreementContact{
			FirstName: "Ann", LastName: "Lee", Email: "ann@contosoltd.example"}},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	free, _, err = c.CSP.CheckDomain(ctx, "contosoltd")
	require.NoError(t, err)
	assert.False(t, free, "the prefix is now the customer's")

	// 3. List products and pick the one to sell.
	product, _, err := c.CSP.FindProduct(ctx, cspOrgID, cspOfferID)
	require.NoError(t, err)
	require.True(t, product.SupportsBillingCycle(BillingCycleMonthly))

	// A portal bug that orders a cycle the product lacks never reaches Cloudmore.
	before := ts.apiRequests()
	_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, cspOrgID, product, &CreateCSPSubscriptionRequest{FriendlyName: "Office",
		BillingCycle: BillingCycleOneTime, Quantity: 10})
	require.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, before, ts.apiRequests())

	// 4. Order 10 monthly licences.
	created, _, err := c.CSP.Subscriptions.CreateForProduct(ctx, cspOrgID, product, &CreateCSPSubscriptionRequest{
		FriendlyName: "AI Builder for Contoso", BillingCycle: BillingCycleMonthly, Quantity: 10})
	require.NoError(t, err)
	subID := created.ID
	require.True(t, isGUID(subID), "id from Location: %q", subID)

	// 5. Change the quantity (the edit body is undocumented: its members go in Extra).
	_, err = c.CSP.Subscriptions.Update(ctx, cspOrgID, subID, &UpdateCSPSubscriptionRequest{Quantity: Ptr(12)})
	require.NoError(t, err)
	sub, _, err := c.CSP.Subscriptions.Get(ctx, cspOrgID, subID)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+subID+`","offerId":"`+cspOfferID+`","quantity":12,"billingCycle":1,"status":"Active"}`, string(sub.Raw))

	// 6. Suspend it (legacy DELETE suspends).
	_, err = c.CSP.Subscriptions.Suspend(ctx, cspOrgID, subID)
	require.NoError(t, err)
	sub, _, err = c.CSP.Subscriptions.Get(ctx, cspOrgID, subID)
	require.NoError(t, err)
	assert.Contains(t, string(sub.Raw), `"status":"Suspended"`)

	// 7. NCE: create, read eligibilities, upgrade, wait for the upgrade.
	nceCreated, _, err := c.CSP.NCE.Create(ctx, cspOrgID, &CreateCSPNCESubscriptionRequest{
		Extra: map[string]any{"product": "Microsoft 365 E3", "quantity": 5}})
	require.NoError(t, err)
	nceID := nceCreated.ID
	nceSub, _, err := c.CSP.NCE.Get(ctx, cspOrgID, nceID)
	require.NoError(t, err)
	assert.Equal(t, SegmentEducation, nceSub.Segment)

	targets, _, err := c.CSP.NCE.ListNewSubscriptionEligibilities(ctx, cspOrgID, nceID)
	require.NoError(t, err)
	require.Len(t, targets, 1)
	var target struct {
		TargetProduct string `json:"targetProduct"`
	}
	require.NoError(t, json.Unmarshal(targets[0].Raw, &target))

	upgrade, resp, err := c.CSP.NCE.BeginUpgradeToNewSubscription(ctx, cspOrgID, nceID,
		&UpgradeCSPNCEToNewSubscriptionRequest{Extra: map[string]any{"targetProduct": target.TargetProduct}})
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)

	status, err := cspPollDone(ctx, upgrade)
	require.NoError(t, err)
	assert.Equal(t, "Completed", status.Status)
	nceSub, _, err = c.CSP.NCE.Get(ctx, cspOrgID, nceID)
	require.NoError(t, err)
	assert.Contains(t, string(nceSub.Raw), `"product":"Microsoft 365 E5"`)

	// Every request used the one token.
	assert.Equal(t, 1, ts.tokenRequests())
}
