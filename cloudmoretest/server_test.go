package cloudmoretest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestStartAndClose(t *testing.T) {
	srv, err := cloudmoretest.Start(cloudmoretest.Options{ResellerID: "612D8146-4A5C-4D75-85EA-9B1D902E9D62"})
	require.NoError(t, err)
	assert.Equal(t, "612d8146-4a5c-4d75-85ea-9b1d902e9d62", srv.ResellerID())
	require.NotNil(t, srv.Client())
	srv.Close()
	srv.Close()
	_, err = http.Get(srv.URL() + "/connect/token")
	assert.Error(t, err, "closed")

	_, err = cloudmoretest.Start(cloudmoretest.Options{ResellerID: "not-a-guid"})
	assert.ErrorContains(t, err, "not a GUID")
	_, err = cloudmoretest.Start(cloudmoretest.Options{Users: []cloudmoretest.User{{Username: "x"}}})
	assert.ErrorContains(t, err, "password")
}

func TestRoutingIsCaseInsensitive(t *testing.T) {
	a := newAPI(t)
	for _, p := range []string{
		"Organizations", "organizations", "ORGANIZATIONS", "Organizations/",
		"Organizations/" + cloudmoretest.SeedOrganization1ID,
		"organizations/" + cloudmoretest.SeedOrganization1ID + "/services/CSP",
		"Organizations/" + cloudmoretest.SeedOrganization1ID + "/Services/csp/Subscriptions",
		"organizations/" + cloudmoretest.SeedOrganization1ID + "/services/" + cloudmoretest.BoxServiceID +
			"/subscriptions/history/" + cloudmoretest.SeedSubscriptionID,
	} {
		a.wantStatus(http.StatusOK, http.MethodGet, p, nil)
	}
	// The reseller id compares case-insensitively too.
	a.wantStatus(http.StatusOK, http.MethodGet, "/api/resellers/3C913DD6-F094-4BF7-9C71-E1716AE34D50/Organizations", nil)
	a.wantStatus(http.StatusNotImplemented, http.MethodGet, "NoSuchThing", nil)
	a.wantStatus(http.StatusMethodNotAllowed, http.MethodPatch, "Organizations", nil)
}

func TestConcurrentUse(t *testing.T) {
	a := newAPI(t, noSeed)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			name := "Org" + string(rune('A'+i))
			req, _ := http.NewRequest(http.MethodPost, a.path("Organizations"),
				stringsReader(mustJSON(orgBody(name, "org"+string(rune('a'+i))+".example"))))
			req.Header.Set("Authorization", "Bearer "+a.token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
			}
		}(i)
	}
	wg.Wait()
	var list []orgItem
	a.get("Organizations", &list)
	assert.Len(t, list, 8)
	assert.Len(t, a.srv.Requests(), 1+8+1)
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

func TestSetClockAndAdvanceMoveSubscriptionDates(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	subs := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions"
	startDate := func() string {
		t.Helper()
		var sub subscription
		a.get(subs+"/"+lastSegment(a.create(subs, map[string]any{"productId": cloudmoretest.StarterProductID, "quantity": 1})), &sub)
		return sub.StartDate
	}

	june := time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)
	a.srv.SetClock(func() time.Time { return june })
	assert.Equal(t, "2021-06-01T00:00:00", startDate())
	a.srv.Advance(30 * 24 * time.Hour)
	assert.Equal(t, "2021-07-01T00:00:00", startDate())
	a.srv.Advance(24 * time.Hour)
	assert.Equal(t, "2021-07-02T00:00:00", startDate(), "Advance adds up")

	a.srv.SetClock(func() time.Time { return june })
	assert.Equal(t, "2021-06-01T00:00:00", startDate(), "SetClock undoes Advance")

	// The token was issued by the real clock; a clock a day and more ahead expires it.
	a.srv.SetClock(func() time.Time { return time.Now().Add(25 * time.Hour) })
	a.wantStatus(http.StatusUnauthorized, http.MethodGet, subs, nil)
	a.srv.SetClock(nil) // back to time.Now
	a.token = a.getToken()
	today := func() string { return time.Now().UTC().Format("2006-01-02") + "T00:00:00" }
	before := today()
	got := startDate()
	assert.Contains(t, []string{before, today()}, got)
}

func TestHealthcheckWithOrWithoutToken(t *testing.T) {
	a := newAPI(t, noSeed)
	for name, tok := range map[string]string{"valid": a.token, "none": "", "unknown": "not-a-token"} {
		resp, body := a.doToken(tok, http.MethodGet, "/api/healthcheck", nil)
		assert.Equal(t, http.StatusOK, resp.StatusCode, name)
		assert.JSONEq(t, `{"status":"Healthy"}`, string(body), name)
	}
	a.wantStatus(http.StatusOK, http.MethodGet, "/API/HealthCheck", nil)
	a.wantStatus(http.StatusMethodNotAllowed, http.MethodPost, "/api/healthcheck", "{}")

	// Through the SDK, which sends a token.
	out, _, err := a.srv.Client().Platform.HealthCheck(context.Background())
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":"Healthy"}`, string(out.Raw))
}
