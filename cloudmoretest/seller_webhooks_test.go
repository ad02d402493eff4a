package cloudmoretest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// sellerFake is a fake without seed data, one organization, one seller service with one
// product, and a client with both the reseller id and the seller id.
type sellerFake struct {
	srv                       *cloudmoretest.Server
	c                         *cloudmore.Client
	orgID, serviceID, product string
}

func newSellerFake(t *testing.T) *sellerFake {
	t.Helper()
	ctx := context.Background()
	srv := cloudmoretest.NewServer(t, func(o *cloudmoretest.Options) { o.NoSeed = true })
	t.Cleanup(func() { checkStateRoundTrip(t, srv) })
	c := srv.Client()
	org, _, err := c.Organizations.Create(ctx, orgRequest("Seller Customer AB"))
	require.NoError(t, err)
	svc, _, err := c.Seller.Services.Create(ctx, &cloudmore.CreateSellerServiceRequest{Name: "Acme Backup", VendorName: "Acme",
		Extra: map[string]any{"categoryId": "f2443537-5686-466f-8d0e-0427231d0417"}})
	require.NoError(t, err)
	prod, err := srv.AddSellerServiceProduct(svc.ID, "Backup 1 TB", "4.00", "6.50")
	require.NoError(t, err)
	return &sellerFake{srv: srv, c: c, orgID: org.ID, serviceID: svc.ID, product: prod}
}

func orgRequest(name string) *cloudmore.CreateOrganizationRequest {
	return &cloudmore.CreateOrganizationRequest{Name: name, RegistrationNumber: "556677-8899", VAT: "SE556677889901",
		HomePage: "www.seller-customer.example", PrimaryDomain: "seller-customer.example", CustomerNumber: "CUST-1", NotificationEmail: "billing@seller-customer.example",
		Contact: &cloudmore.OrganizationContact{Name: "Jane Doe", Email: "jane@seller-customer.example", Phone: "123456789"},
		Address: &cloudmore.OrganizationAddress{Street: "Street 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"}}
}

func wait(t *testing.T, srv *cloudmoretest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.WaitWebhookDeliveries(ctx))
}

func TestFakeSellerServices(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	list, _, err := f.c.Seller.Services.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, f.serviceID, list[0].ID)
	assert.Equal(t, "Acme Backup", list[0].Name)
	assert.Equal(t, "Acme", list[0].VendorName)
	assert.Contains(t, string(list[0].Raw), `"categoryId":"f2443537-5686-466f-8d0e-0427231d0417"`, "members the fake does not interpret are kept")

	_, err = f.c.Seller.Services.Update(ctx, f.serviceID, &cloudmore.UpdateSellerServiceRequest{Name: "Acme Backup Pro"})
	require.NoError(t, err)
	got, _, err := f.c.Seller.Services.Get(ctx, f.serviceID)
	require.NoError(t, err)
	assert.Equal(t, "Acme Backup Pro", got.Name)
	assert.Equal(t, "Acme", got.VendorName, "an update keeps what it does not send")

	assert.False(t, f.srv.SellerServicePublished(f.serviceID))
	_, err = f.c.Seller.Services.Publish(ctx, f.serviceID, nil)
	require.NoError(t, err)
	assert.True(t, f.srv.SellerServicePublished(f.serviceID))

	data, _, err := f.c.Seller.Services.GetCustomProperties(ctx, f.serviceID)
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(data.Raw))

	res, _, err := f.c.Seller.Services.ListResellers(ctx, f.serviceID)
	require.NoError(t, err)
	assert.Empty(t, res, "no broker has added it yet")
	require.NoError(t, f.srv.BrokerAddService(f.serviceID))
	res, _, err = f.c.Seller.Services.ListResellers(ctx, f.serviceID)
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, f.srv.ResellerID(), res[0].ID)

	// The seller's service is in the broker's E-store.
	estore, _, err := f.c.Estore.List(ctx, f.orgID)
	require.NoError(t, err)
	var seen bool
	for _, s := range estore {
		seen = seen || s.ID == f.serviceID
	}
	assert.True(t, seen, "the seller service is offered in the E-store")

	_, err = f.c.Seller.Services.Disable(ctx, f.serviceID)
	require.NoError(t, err)
	_, _, err = f.c.Seller.Services.Get(ctx, f.serviceID)
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusNotFound, ae.StatusCode)
	assert.Error(t, f.srv.BrokerAddService(f.serviceID))
}

func TestFakeSellerWebhooksCRUD(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	req := &cloudmore.CreateSellerWebhookRequest{Name: "created", ServiceID: f.serviceID, URL: "https://connector.example/cm/SubscriptionCreated",
		HTTPHeader: "X-Token: abc", BasicAuthUserName: "u", BasicAuthPassword: "p", MessageToSendType: cloudmore.WebhookOnlyTriggerAction,
		TriggerEventType: cloudmore.WebhookSubscriptionCreated}
	cr, _, err := f.c.Seller.Webhooks.Create(ctx, req)
	require.NoError(t, err)
	h, _, err := f.c.Seller.Webhooks.Get(ctx, cr.ID)
	require.NoError(t, err)
	assert.Equal(t, cloudmore.SellerWebhook{ID: cr.ID, Name: "created", ServiceID: f.serviceID, URL: req.URL, HTTPHeader: "X-Token: abc",
		BasicAuthUserName: "u", MessageToSendType: cloudmore.WebhookOnlyTriggerAction, TriggerEventType: cloudmore.WebhookSubscriptionCreated, Raw: h.Raw}, *h)
	assert.NotContains(t, string(h.Raw), `"p"`, "the fake does not echo the password")

	_, err = f.c.Seller.Webhooks.Update(ctx, cr.ID, &cloudmore.UpdateSellerWebhookRequest{ServiceID: f.serviceID, URL: "https://connector.example/x",
		TriggerEventType: cloudmore.WebhookBrokerAddService})
	require.NoError(t, err)
	list, _, err := f.c.Seller.Webhooks.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, cloudmore.WebhookBrokerAddService, list[0].TriggerEventType)
	assert.Empty(t, list[0].Name, "a PUT replaces the webhook")

	// A webhook for a service that is not the seller's is refused by the fake.
	bad := *req
	bad.ServiceID = cloudmoretest.BoxServiceID
	_, _, err = f.c.Seller.Webhooks.Create(ctx, &bad)
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusBadRequest, ae.StatusCode)

	_, err = f.c.Seller.Webhooks.Delete(ctx, cr.ID)
	require.NoError(t, err)
	list, _, err = f.c.Seller.Webhooks.List(ctx)
	require.NoError(t, err)
	assert.Empty(t, list)
	_, _, err = f.c.Seller.Webhooks.Get(ctx, cr.ID)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusNotFound, ae.StatusCode)
}

// TestFakeFiresWebhooksEndToEnd: a WebhookReceiver registered with Register receives every
// event the fake fires, in order, authenticated with the generated credentials; a handler that
// calls the fake back while handling (as connectors do) does not deadlock; Register run again
// updates the webhooks instead of duplicating them.
func TestFakeFiresWebhooksEndToEnd(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)

	var mu sync.Mutex
	var events []cloudmore.WebhookEvent
	record := func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		// Call the fake back, as connectors do: this would deadlock if the fake delivered
		// while holding its state lock. (Not the subscription itself: deliveries are
		// asynchronous, so it may be gone by now.)
		if _, _, err := f.c.Seller.Webhooks.List(ctx); err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		events = append(events, *ev)
		return nil
	}
	recv := cloudmore.NewWebhookReceiver(cloudmore.WebhookCredentials{})
	for _, typ := range cloudmore.WebhookTriggerEventTypes() {
		recv.On(typ, record)
	}
	mux := http.NewServeMux()
	mux.Handle("/cloudmore/", recv)
	conn := httptest.NewServer(mux)
	t.Cleanup(conn.Close)

	// Register keeps the receiver's credentials in step (Receiver), also across the rotation of
	// the second run.
	settings := &cloudmore.RegisterWebhooksSettings{Receiver: recv}
	_, err := f.c.Seller.Webhooks.Register(ctx, f.serviceID, conn.URL+"/cloudmore/", cloudmore.WebhookTriggerEventTypes(), settings)
	require.NoError(t, err)
	_, err = f.c.Seller.Webhooks.Register(ctx, f.serviceID, conn.URL+"/cloudmore/", cloudmore.WebhookTriggerEventTypes(), settings)
	require.NoError(t, err)
	hooks, _, err := f.c.Seller.Webhooks.List(ctx)
	require.NoError(t, err)
	assert.Len(t, hooks, len(cloudmore.WebhookTriggerEventTypes()), "Register twice leaves one webhook per type")

	require.NoError(t, f.srv.BrokerAddService(f.serviceID))
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	sub, _, err := f.c.Subscriptions.Create(ctx, f.orgID, f.serviceID, &cloudmore.CreateSubscriptionRequest{ProductID: f.product, Quantity: 3})
	require.NoError(t, err)
	_, err = f.c.Subscriptions.Update(ctx, f.orgID, f.serviceID, sub.ID, &cloudmore.UpdateSubscriptionRequest{Quantity: cloudmore.Ptr(5)})
	require.NoError(t, err)
	_, err = f.c.Subscriptions.Cancel(ctx, f.orgID, f.serviceID, sub.ID)
	require.NoError(t, err)
	_, err = f.c.Seller.Subscriptions.Remove(ctx, sub.ID, cloudmore.SellerSubscriptionDelete)
	require.NoError(t, err)
	_, err = f.c.Services.Remove(ctx, f.orgID, f.serviceID)
	require.NoError(t, err)
	require.NoError(t, f.srv.BrokerDeleteService(f.serviceID))
	wait(t, f.srv)

	mu.Lock()
	defer mu.Unlock()
	var types []cloudmore.WebhookTriggerEventType
	for _, ev := range events {
		types = append(types, ev.Type)
		assert.Equal(t, f.serviceID, ev.ServiceID)
		assert.Equal(t, f.srv.ResellerID(), ev.BrokerID)
	}
	assert.Equal(t, []cloudmore.WebhookTriggerEventType{cloudmore.WebhookBrokerAddService, cloudmore.WebhookOrganizationAddService,
		cloudmore.WebhookSubscriptionCreated, cloudmore.WebhookSubscriptionUpdated, cloudmore.WebhookSubscriptionCancelled,
		cloudmore.WebhookSubscriptionDeleted, cloudmore.WebhookOrganizationDeleteService, cloudmore.WebhookBrokerDeleteService}, types)
	assert.Equal(t, f.orgID, events[1].OrganizationID)
	assert.Equal(t, sub.ID, events[2].SubscriptionID)
	assert.Equal(t, f.orgID, events[3].OrganizationID, "the organization of a subscription event")
	assert.Contains(t, string(events[2].Raw), `"subsriptionId"`)

	deliveries := f.srv.WebhookDeliveries()
	require.Equal(t, 8, len(deliveries), "each delivered at the first attempt")
	for _, d := range deliveries {
		assert.Equal(t, 1, d.Attempt)
		assert.Equal(t, http.StatusNoContent, d.Status, "%s: %s %s", d.Type, d.Err, d.Answer)
		assert.True(t, d.OK())
	}
}

// TestFakeRetriesFailedDeliveries: a receiver that fails twice is called three times; one that
// never answers 2xx is called DefaultWebhookAttempts times, each attempt recorded with its
// answer; wrong credentials are a 401 the fake records and retries.
func TestFakeRetriesFailedDeliveries(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	var calls atomic.Int32
	var failFirst atomic.Int32
	failFirst.Store(2)
	recv := cloudmore.NewWebhookReceiver(cloudmore.WebhookCredentials{})
	recv.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	recv.On(cloudmore.WebhookOrganizationAddService, func(ctx context.Context, ev *cloudmore.WebhookEvent) error {
		if calls.Add(1) <= failFirst.Load() {
			return errors.New("back end not ready")
		}
		return nil
	})
	conn := httptest.NewServer(recv)
	t.Cleanup(conn.Close)
	reg, err := f.c.Seller.Webhooks.Register(ctx, f.serviceID, conn.URL+"/hooks/", []cloudmore.WebhookTriggerEventType{cloudmore.WebhookOrganizationAddService}, nil)
	require.NoError(t, err)
	recv.SetCredentials(reg.Credentials)

	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, f.srv)
	d := f.srv.WebhookDeliveries()
	require.Len(t, d, 3)
	assert.Equal(t, []int{1, 2, 3}, []int{d[0].Attempt, d[1].Attempt, d[2].Attempt})
	assert.Equal(t, []int{500, 500, 204}, []int{d[0].Status, d[1].Status, d[2].Status})
	var p map[string]string
	require.NoError(t, json.Unmarshal(d[0].Payload, &p))
	assert.Equal(t, map[string]string{"brokerId": f.srv.ResellerID(), "serviceId": f.serviceID, "organizationId": f.orgID}, p)

	// Never successful: bounded.
	f.srv.SetWebhookAttempts(2)
	failFirst.Store(1 << 30)
	_, err = f.c.Services.Remove(ctx, f.orgID, f.serviceID)
	require.NoError(t, err)
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, f.srv)
	d = f.srv.WebhookDeliveries()[3:]
	require.Len(t, d, 2, "two attempts, then the fake gives up")
	assert.Equal(t, 500, d[1].Status)

	// Wrong credentials: the receiver answers 401.
	wrong := reg.Credentials
	wrong.Password = "other"
	recv.SetCredentials(wrong)
	_, err = f.c.Services.Remove(ctx, f.orgID, f.serviceID)
	require.NoError(t, err)
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, f.srv)
	d = f.srv.WebhookDeliveries()[5:]
	require.Len(t, d, 2)
	assert.Equal(t, http.StatusUnauthorized, d[0].Status)

	// No answer at all: recorded with the error.
	conn.Close()
	_, err = f.c.Services.Remove(ctx, f.orgID, f.serviceID)
	require.NoError(t, err)
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	wait(t, f.srv)
	d = f.srv.WebhookDeliveries()[7:]
	require.Len(t, d, 2)
	assert.Zero(t, d[0].Status)
	assert.NotEmpty(t, d[0].Err)
}

func TestFakeSellerSubscriptions(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	_, _, err := f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	s1, _, err := f.c.Subscriptions.Create(ctx, f.orgID, f.serviceID, &cloudmore.CreateSubscriptionRequest{ProductID: f.product, Quantity: 1})
	require.NoError(t, err)
	s2, _, err := f.c.Subscriptions.Create(ctx, f.orgID, f.serviceID, &cloudmore.CreateSubscriptionRequest{ProductID: f.product, Quantity: 2})
	require.NoError(t, err)
	// A subscription to a service that is not the seller's is not listed.
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: cloudmoretest.BoxServiceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	_, _, err = f.c.Subscriptions.Create(ctx, f.orgID, cloudmoretest.BoxServiceID, &cloudmore.CreateSubscriptionRequest{ProductID: cloudmoretest.GoldProductID, Quantity: 1})
	require.NoError(t, err)

	all, _, err := f.c.Seller.Subscriptions.List(ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, []string{s1.ID, s2.ID}, []string{all[0].ID, all[1].ID})
	byService, _, err := f.c.Seller.Subscriptions.ListByService(ctx, f.serviceID)
	require.NoError(t, err)
	assert.Len(t, byService, 2)

	_, err = f.c.Seller.Subscriptions.SetLicenseKey(ctx, s1.ID, &cloudmore.SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": "ACME-42"}})
	require.NoError(t, err)
	got, _, err := f.c.Seller.Subscriptions.Get(ctx, s1.ID)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(got.Raw, &m))
	assert.Equal(t, "ACME-42", m["licenseKey"])
	assert.Equal(t, f.orgID, m["organizationId"])

	_, err = f.c.Seller.Subscriptions.Remove(ctx, s1.ID, cloudmore.SellerSubscriptionCancel)
	require.NoError(t, err)
	_, err = f.c.Seller.Subscriptions.Remove(ctx, s1.ID, cloudmore.SellerSubscriptionCancel)
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae, "already cancelled")
	assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
	all, _, err = f.c.Seller.Subscriptions.List(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 2, "the list includes cancelled subscriptions")
	_, err = f.c.Seller.Subscriptions.Remove(ctx, s2.ID, cloudmore.SellerSubscriptionDelete)
	require.NoError(t, err)
	all, _, err = f.c.Seller.Subscriptions.List(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 1, "a deleted subscription is gone")
	_, _, err = f.c.Seller.Subscriptions.Get(ctx, s2.ID)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusNotFound, ae.StatusCode)
}

// TestFakeSellerAPIChecksTheSellerID: another seller id in the path is a 403.
func TestFakeSellerAPIChecksTheSellerID(t *testing.T) {
	f := newSellerFake(t)
	other, err := f.c.ForSeller("00000000-0000-4000-8000-0000000000aa")
	require.NoError(t, err)
	_, _, err = other.Seller.Webhooks.List(context.Background())
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusForbidden, ae.StatusCode)
}

// TestFakeServesWhileADeliveryHangs: a connector that does not answer does not stop the fake
// (deliveries are made outside the state lock), and WaitWebhookDeliveries honours its context.
func TestFakeServesWhileADeliveryHangs(t *testing.T) {
	ctx := context.Background()
	f := newSellerFake(t)
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	conn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(conn.Close)
	t.Cleanup(func() { close(release) })
	_, err := f.c.Seller.Webhooks.Register(ctx, f.serviceID, conn.URL+"/cm/", []cloudmore.WebhookTriggerEventType{cloudmore.WebhookOrganizationAddService}, nil)
	require.NoError(t, err)
	_, _, err = f.c.Services.Add(ctx, f.orgID, &cloudmore.AddServiceRequest{ID: f.serviceID, CurrencyCode: "EUR"})
	require.NoError(t, err)
	<-entered // the delivery is in flight and hangs

	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, _, err = f.c.Seller.Subscriptions.List(short)
	require.NoError(t, err, "the fake answers while a delivery hangs")
	quick, cancel2 := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel2()
	assert.ErrorIs(t, f.srv.WaitWebhookDeliveries(quick), context.DeadlineExceeded)
	assert.Empty(t, f.srv.WebhookDeliveries(), "an attempt is recorded when it ends")
}

// TestAddedSellerProductIsInTheSellerAPI: a product a test adds with AddSellerServiceProduct
// is listed and read by the seller API, not only ordered through the broker's.
func TestAddedSellerProductIsInTheSellerAPI(t *testing.T) {
	f := newSellerFake(t)
	ctx := context.Background()
	list, _, err := f.c.Seller.Products.List(ctx, f.serviceID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.JSONEq(t, `{"id":"`+strings.ToLower(f.product)+`","name":"Backup 1 TB","description":"Backup 1 TB","itemCode":"BACKUP-1-TB"}`, string(list[0].Raw))
	one, _, err := f.c.Seller.Products.Get(ctx, f.serviceID, f.product)
	require.NoError(t, err)
	assert.Equal(t, string(list[0].Raw), string(one.Raw))
}
