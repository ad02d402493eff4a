package cloudmoretest_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// checkStateRoundTrip: the state SaveState writes, loaded into another server, is written the
// same again. The fakes of newAPI, newSDKFake and newSellerFake run it when their test ends,
// so every area those tests touch goes through the state document.
func checkStateRoundTrip(t *testing.T, srv *cloudmoretest.Server) {
	t.Helper()
	var first, second bytes.Buffer
	require.NoError(t, srv.SaveState(&first))
	other, err := cloudmoretest.Start(cloudmoretest.Options{NoSeed: true})
	require.NoError(t, err)
	defer other.Close()
	require.NoError(t, other.LoadState(bytes.NewReader(first.Bytes())))
	require.NoError(t, other.SaveState(&second))
	if first.String() != second.String() {
		a, b := strings.Split(first.String(), "\n"), strings.Split(second.String(), "\n")
		for i := 0; i < len(a) && i < len(b); i++ {
			if a[i] != b[i] {
				t.Fatalf("the state loaded and saved again differs at line %d:\n saved: %s\nagain: %s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("the state loaded and saved again has %d lines, not %d", len(b), len(a))
	}
}

// TestSaveAndLoadState: what one fake saved, another loads: an organization created in the
// first is listed by the second, which has lost its own, and a webhook registered in the first
// is called by the second with the Basic credentials it was registered with.
func TestSaveAndLoadState(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	var calls atomic.Int32
	creds := cloudmore.WebhookCredentials{Username: "connector", Password: "Wh-pass-5e1c0a"}
	recv := cloudmore.NewWebhookReceiver(creds).On(cloudmore.WebhookOrganizationAddService, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		calls.Add(1)
		return nil
	})
	conn := httptest.NewServer(recv)
	t.Cleanup(conn.Close)
	_, _, err := f.c.Seller.Webhooks.Create(ctx, &cloudmore.CreateSellerWebhookRequest{ServiceID: f.serviceID, URL: conn.URL + "/OrganizationAddService",
		BasicAuthUserName: creds.Username, BasicAuthPassword: creds.Password, TriggerEventType: cloudmore.WebhookOrganizationAddService})
	require.NoError(t, err)
	var saved bytes.Buffer
	require.NoError(t, f.srv.SaveState(&saved))
	assert.Contains(t, saved.String(), `"format": "cloudmoretest-state/1"`)

	next := cloudmoretest.NewServer(t) // seeded: LoadState replaces the seed
	require.NoError(t, next.LoadState(&saved))
	c := next.Client(cloudmore.WithSellerID(next.SellerID()))
	orgs, _, err := c.Organizations.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, orgs, 1, "the saved organization, not the seed")
	assert.Equal(t, f.orgID, orgs[0].ID)
	assert.Equal(t, "Seller Customer AB", orgs[0].Name)
	hooks, _, err := c.Seller.Webhooks.List(ctx)
	require.NoError(t, err)
	require.Len(t, hooks, 1)

	_, _, err = c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, next)
	d := next.WebhookDeliveries()
	require.Len(t, d, 1)
	assert.Equal(t, http.StatusNoContent, d[0].Status, "the receiver accepted the saved credentials: %s", d[0].Answer)
	assert.Equal(t, int32(1), calls.Load())
}

// TestLoadStateKeepsFinishedTasksOnly: a finished NCE upgrade's status is read back after a
// LoadState; one still running is not kept (its work is code), so the subscription is no
// longer being upgraded and can be upgraded again.
func TestLoadStateKeepsFinishedTasksOnly(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	nce := "organizations/" + id + "/services/csp/nce/subscriptions"
	done := nce + "/" + lastSegment(a.create(nce, map[string]any{"itemCode": cloudmoretest.BusinessBasicNCE, "quantity": 10}))
	running := nce + "/" + lastSegment(a.create(nce, map[string]any{"itemCode": cloudmoretest.BusinessBasicNCE, "quantity": 3}))
	upgrade := map[string]any{"itemCode": "CFQ7TTC0LDPB:0001:P1Y:Monthly"}
	a.wantStatus(http.StatusAccepted, http.MethodPost, done+"/upgradeToNewSubscription", upgrade)
	var st map[string]any
	for st["status"] != "Completed" {
		a.get(done+"/upgradeStatus", &st)
	}
	a.wantStatus(http.StatusAccepted, http.MethodPost, running+"/upgradeToNewSubscription", upgrade)

	var saved bytes.Buffer
	require.NoError(t, a.srv.SaveState(&saved))
	b := newAPI(t, noSeed)
	require.NoError(t, b.srv.LoadState(&saved))
	b.get(done+"/upgradeStatus", &st)
	assert.Equal(t, "Completed", st["status"], "the finished upgrade's status is kept")
	b.wantStatus(http.StatusNotFound, http.MethodGet, running+"/upgradeStatus", nil)
	b.wantStatus(http.StatusAccepted, http.MethodPost, running+"/upgradeToNewSubscription", upgrade)
}

// TestLoadStateRefusesOtherDocuments: a document of another format, with a member SaveState
// does not write, with a bad amount, or naming a seller service the catalogue lacks is an
// error, and the state stays as it was.
func TestLoadStateRefusesOtherDocuments(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	var saved bytes.Buffer
	require.NoError(t, srv.SaveState(&saved))
	good := saved.String()
	for name, tc := range map[string]struct{ doc, want string }{
		"not JSON":       {"organizations: []", "not a state document"},
		"other format":   {`{"format": "cloudmoretest-state/2"}`, `format "cloudmoretest-state/2"`},
		"unknown member": {strings.Replace(good, `"format"`, `"extra": 1, "format"`, 1), `unknown field "extra"`},
		"bad amount":     {strings.Replace(good, `"cost": "50.00"`, `"cost": "fifty"`, 1), `cost of product ` + cloudmoretest.GoldProductID + `: "fifty" is not a decimal`},
		"seller service": {strings.Replace(good, `"sellerServices": null`, `"sellerServices": [{"svc": "0b7d4c4e-3f5a-4a53-9d2e-6b1f3c1a2b3c", "vendorName": "", "allowMultipleUsers": false, "published": false, "extra": null}]`, 1),
			"seller service 0b7d4c4e-3f5a-4a53-9d2e-6b1f3c1a2b3c is not in the catalogue"},
	} {
		t.Run(name, func(t *testing.T) {
			require.NotEqual(t, good, tc.doc, "the case changes the document")
			other := cloudmoretest.NewServer(t, noSeed)
			err := other.LoadState(strings.NewReader(tc.doc))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			orgs, _, err := other.Client().Organizations.List(context.Background(), nil)
			require.NoError(t, err)
			assert.Empty(t, orgs, "the state stays as it was")
		})
	}
}
