package cloudmore

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCSPAndAzureDeclarations: the CSP and Azure operations that start a task say so, their
// status GETs are declared once as a step of the method that names them, and the answers a
// method reads itself keep the result kind the catalogue gives.
func TestCSPAndAzureDeclarations(t *testing.T) {
	byName := map[string]Operation{}
	for _, o := range Operations() {
		byName[o.Name] = o
	}
	for _, name := range []string{"CSP.NCE.BeginUpgradeToNewSubscription", "CSP.NCE.BeginUpgradeToExistingSubscription", "CSP.Users.BeginList"} {
		o, ok := byName[name]
		require.True(t, ok, name)
		assert.Equal(t, http.MethodPost, o.Method, name)
		assert.True(t, o.Task, "%s starts a task", name)
		assert.Equal(t, "not once written", o.Retry, name)
		assert.Equal(t, "none", o.Result, name)
	}
	upgrade := byName["CSP.NCE.BeginUpgradeToNewSubscription"]
	assert.Equal(t, reflect.TypeFor[*UpgradeCSPNCEToNewSubscriptionRequest](), upgrade.Body)
	assert.Equal(t, []string{"organizationId", "subscriptionId"}, upgrade.Params)

	status := byName["CSP.NCE.BeginUpgradeToNewSubscription: status"]
	assert.Equal(t, "/api/resellers/{resellerId}/organizations/{organizationId}/services/csp/nce/subscriptions/{subscriptionId}/upgradeStatus", status.Path)
	assert.Equal(t, reflect.TypeFor[*CSPNCEUpgradeStatus](), status.ResultType)
	assert.False(t, status.Task)
	assert.Equal(t, "repeatable", status.Retry)

	users := byName["CSP.Users.BeginList: status"]
	assert.Equal(t, []string{"organizationId", "taskId"}, users.Params)
	assert.Equal(t, reflect.TypeFor[*CSPUserList](), users.ResultType)

	domain := byName["CSP.CheckDomain"]
	assert.Equal(t, reflect.TypeFor[*domainValidationQuery](), domain.Query)
	assert.Equal(t, "none", domain.Result, "the answer's shape varies: CheckDomain reads it itself")

	plan := byName["Azure.Plan.List"]
	assert.Equal(t, "list", plan.Result)
	assert.Equal(t, reflect.TypeFor[[]AzurePlanSubscription](), plan.ResultType)
}

// TestCSPCallOptionsReachTheWire: a header set per call reaches the wire on every way a CSP or
// Azure method sends (a model, a body read raw, a task's start, a POST whose answer is not
// read, a list checked against a positional value, a create checked against a product, a
// list read by a tolerant decoder), and a refused option sends nothing.
func TestCSPCallOptionsReachTheWire(t *testing.T) {
	c, ts := setup(t)
	var seen []string
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.EscapedPath()+" "+r.Header.Get("X-Correlation-Id"))
		switch r.URL.EscapedPath() {
		case brokerPath("services/csp/domainvalidation"):
			writeJSON(t, w, http.StatusOK, `[{"isValid":true}]`)
		case cspOrgPath("services/csp/usersAsync"):
			writeJSON(t, w, http.StatusAccepted, `{"taskId":"t-1"}`)
		case cspOrgPath("services/Csp/products"):
			writeJSON(t, w, http.StatusOK, string(fixture(t, "csp_products.json")))
		case cspOrgPath("services/csp/subscriptions"):
			writeJSON(t, w, http.StatusCreated, `{"id":"`+cspSubID+`"}`)
		case brokerPath("organizations/" + cspOrgID + "/services/azureplan/subscriptions"):
			writeJSON(t, w, http.StatusOK, `{"one":1}`)
		default:
			w.WriteHeader(http.StatusAccepted)
		}
	})
	ctx := context.Background()
	corr := func(v string) CallOption { return WithCallHeader("X-Correlation-Id", v) }

	free, _, err := c.CSP.CheckDomain(ctx, "customerA", corr("domain"))
	require.NoError(t, err)
	assert.True(t, free)
	_, _, err = c.CSP.NCE.BeginUpgradeToNewSubscription(ctx, cspOrgID, cspSubID,
		&UpgradeCSPNCEToNewSubscriptionRequest{Extra: map[string]any{"target": "x"}}, corr("upgrade"))
	require.NoError(t, err)
	poller, _, err := c.CSP.Users.BeginList(ctx, cspOrgID, corr("users"))
	require.NoError(t, err)
	assert.Equal(t, "t-1", poller.TaskID())
	_, _, err = c.CSP.FindProduct(ctx, cspOrgID, cspOfferID, corr("find"))
	require.NoError(t, err)
	_, _, err = c.CSP.Subscriptions.CreateForProduct(ctx, cspOrgID, guideProduct(), &CreateCSPSubscriptionRequest{
		FriendlyName: "Office", BillingCycle: BillingCycleMonthly, Quantity: 1}, corr("order"))
	require.NoError(t, err)
	plans, _, err := c.Azure.Plan.List(ctx, cspOrgID, corr("plan"))
	require.NoError(t, err)
	assert.Len(t, plans, 1, "one object is a list of one")

	assert.Equal(t, []string{
		"GET " + brokerPath("services/csp/domainvalidation") + " domain",
		"POST " + ncePath("subscriptions/"+cspSubID+"/upgradeToNewSubscription") + " upgrade",
		"POST " + cspOrgPath("services/csp/usersAsync") + " users",
		"GET " + cspOrgPath("services/Csp/products") + " find",
		"POST " + cspOrgPath("services/csp/subscriptions") + " order",
		"GET " + brokerPath("organizations/"+cspOrgID+"/services/azureplan/subscriptions") + " plan",
	}, seen)

	n := ts.apiRequests()
	_, _, err = c.CSP.Users.BeginList(ctx, cspOrgID, WithCallHeader("Authorization", "Bearer other"))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "header Authorization", ve.Field)
	assert.Equal(t, n, ts.apiRequests(), "a refused option sends nothing")
}

// TestCSPPollsAreTheStatusDeclarations: each poll of an upgrade and of the asynchronous user
// list is one GET of its status declaration, with the ids of the Begin call.
func TestCSPPollsAreTheStatusDeclarations(t *testing.T) {
	c, ts := setup(t)
	var polls []string
	ts.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			writeJSON(t, w, http.StatusAccepted, `{"taskId":"t 1"}`)
			return
		}
		wantRequest(t, r, http.MethodGet, r.URL.EscapedPath(), url.Values{}, "")
		polls = append(polls, r.URL.EscapedPath())
		if r.URL.EscapedPath() == upgradeStatusPath() {
			writeJSON(t, w, http.StatusOK, `{"status":"Completed"}`)
			return
		}
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	ctx := context.Background()
	fast := &PollOptions{Frequency: time.Millisecond}
	up, _, err := c.CSP.NCE.BeginUpgradeToExistingSubscription(ctx, cspOrgID, cspSubID,
		&UpgradeCSPNCEToExistingSubscriptionRequest{Extra: map[string]any{"target": "x"}})
	require.NoError(t, err)
	_, err = up.PollUntilDone(ctx, fast)
	require.NoError(t, err)
	list, _, err := c.CSP.Users.BeginList(ctx, cspOrgID)
	require.NoError(t, err)
	got, err := list.PollUntilDone(ctx, fast)
	require.NoError(t, err)
	assert.Empty(t, got.Users)
	assert.Equal(t, []string{upgradeStatusPath(), cspOrgPath("services/csp/usersAsync/t%201")}, polls)
}

// TestCSPPositionalChecksJoinThePath: a value a method checks itself is named with the path's
// bad values in one *ValidationError, before anything is sent.
func TestCSPPositionalChecksJoinThePath(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.CSP.FindProduct(context.Background(), "org", "AI Builder")
	assertFields(t, ts, err, "offerId", "organizationId")

	ts2 := newTestServer(t)
	noReseller, err := NewClient(WithBaseURL(ts2.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, _, err = noReseller.CSP.CheckDomain(context.Background(), "customer.a")
	assertFields(t, ts2, err, "resellerId", "domainPrefix")
}
