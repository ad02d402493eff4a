package cloudmore

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of the seller webhooks, subscriptions and services operations (wire and validation).

const (
	sellerTestSellerID  = "8b1f0a52-6c1e-4d5b-9f3a-2e7c4d9a1b60"
	sellerTestServiceID = "8806367b-001a-4632-afb4-27a7fad7660c"
	sellerTestHookID    = "1f7c3d52-90ab-4e1f-8a3c-5b2d6e7f8a90"
	sellerTestSubID     = "6a2e1c0d-4b3f-4e5a-9c8d-7f6e5d4c3b2a"
)

// sellerPath is the full path of a seller operation for the test seller.
func sellerPath(rest string) string { return "/api/sellers/" + sellerTestSellerID + "/" + rest }

// sellerSetup is setup with a client that has the test seller id.
func sellerSetup(t *testing.T) (*Client, *testServer) {
	t.Helper()
	ts := newTestServer(t)
	return ts.client(t, WithSellerID(sellerTestSellerID)), ts
}

const webhookJSON = `{"id":"` + sellerTestHookID + `","name":"hook","serviceId":"` + sellerTestServiceID + `","url":"https://connector.example/cm/SubscriptionCreated","httpHeader":"X-Token: abc","basicAuthUserName":"cm","messageToSendType":"OnlyTriggerAction","triggerEventType":"SubscriptionCreated","future":1}`

func TestSellerWebhooksWire(t *testing.T) {
	ctx := context.Background()
	c, ts := sellerSetup(t)
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("webhooks"), nil, "")
		writeJSON(t, w, http.StatusOK, "["+webhookJSON+"]")
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("webhooks/"+sellerTestHookID), nil, "")
		writeJSON(t, w, http.StatusOK, webhookJSON)
	})
	ts.Mux.HandleFunc("POST /api/sellers/{sid}/webhooks", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, sellerPath("webhooks"), nil,
			`{"name":"hook","serviceId":"`+sellerTestServiceID+`","url":"https://connector.example/cm/SubscriptionCreated","httpHeader":"X-Token: abc","basicAuthUserName":"cm","basicAuthPassword":"pw","messageToSendType":"OnlyTriggerAction","triggerEventType":"SubscriptionCreated","extraMember":true}`)
		w.Header().Set("Location", sellerPath("webhooks/"+sellerTestHookID))
		w.WriteHeader(http.StatusCreated)
	})
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, sellerPath("webhooks/"+sellerTestHookID), nil,
			`{"serviceId":"`+sellerTestServiceID+`","url":"https://connector.example/x","triggerEventType":"BrokerAddService"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	ts.Mux.HandleFunc("DELETE /api/sellers/{sid}/webhooks/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, sellerPath("webhooks/"+sellerTestHookID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})

	hooks, _, err := c.Seller.Webhooks.List(ctx)
	require.NoError(t, err)
	require.Len(t, hooks, 1)
	h := hooks[0]
	assert.Equal(t, sellerTestHookID, h.ID)
	assert.Equal(t, "hook", h.Name)
	assert.Equal(t, sellerTestServiceID, h.ServiceID)
	assert.Equal(t, "https://connector.example/cm/SubscriptionCreated", h.URL)
	assert.Equal(t, "X-Token: abc", h.HTTPHeader)
	assert.Equal(t, "cm", h.BasicAuthUserName)
	assert.Equal(t, WebhookOnlyTriggerAction, h.MessageToSendType)
	assert.Equal(t, WebhookSubscriptionCreated, h.TriggerEventType)
	assert.JSONEq(t, webhookJSON, string(h.Raw), "Raw keeps members the SDK does not type")

	got, _, err := c.Seller.Webhooks.Get(ctx, sellerTestHookID)
	require.NoError(t, err)
	assert.Equal(t, h.ID, got.ID)
	assert.Equal(t, WebhookSubscriptionCreated, got.TriggerEventType)

	cr, _, err := c.Seller.Webhooks.Create(ctx, &CreateSellerWebhookRequest{Name: "hook", ServiceID: sellerTestServiceID,
		URL: "https://connector.example/cm/SubscriptionCreated", HTTPHeader: "X-Token: abc", BasicAuthUserName: "cm",
		BasicAuthPassword: "pw", MessageToSendType: WebhookOnlyTriggerAction, TriggerEventType: WebhookSubscriptionCreated,
		Extra: map[string]any{"extraMember": true}})
	require.NoError(t, err)
	assert.Equal(t, sellerTestHookID, cr.ID)

	_, err = c.Seller.Webhooks.Update(ctx, sellerTestHookID, &UpdateSellerWebhookRequest{ServiceID: sellerTestServiceID,
		URL: "https://connector.example/x", TriggerEventType: WebhookBrokerAddService})
	require.NoError(t, err)
	_, err = c.Seller.Webhooks.Delete(ctx, sellerTestHookID)
	require.NoError(t, err)
	assert.Len(t, ts.requests(), 5)
}

func TestSellerWebhooksValidation(t *testing.T) {
	ctx := context.Background()
	good := func() *CreateSellerWebhookRequest {
		return &CreateSellerWebhookRequest{ServiceID: sellerTestServiceID, URL: "https://c.example/h", TriggerEventType: WebhookBrokerAddService}
	}
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		fields []string
	}{
		{"create: nil body", func(c *Client) error { _, _, err := c.Seller.Webhooks.Create(ctx, nil); return err }, []string{"body"}},
		{"create: every required member", func(c *Client) error {
			_, _, err := c.Seller.Webhooks.Create(ctx, &CreateSellerWebhookRequest{})
			return err
		}, []string{"serviceId", "url", "triggerEventType"}},
		{"create: bad service id and relative url", func(c *Client) error {
			r := good()
			r.ServiceID, r.URL = "svc", "/relative"
			_, _, err := c.Seller.Webhooks.Create(ctx, r)
			return err
		}, []string{"serviceId", "url"}},
		{"create: ftp url", func(c *Client) error {
			r := good()
			r.URL = "ftp://c.example/h"
			_, _, err := c.Seller.Webhooks.Create(ctx, r)
			return err
		}, []string{"url"}},
		{"create: Extra repeats a typed member", func(c *Client) error {
			r := good()
			r.Extra = map[string]any{"url": "x"}
			_, _, err := c.Seller.Webhooks.Create(ctx, r)
			return err
		}, []string{"Extra"}},
		{"get: id not a GUID", func(c *Client) error { _, _, err := c.Seller.Webhooks.Get(ctx, "../x"); return err }, []string{"id"}},
		{"update: bad id and empty body", func(c *Client) error {
			_, err := c.Seller.Webhooks.Update(ctx, "", &UpdateSellerWebhookRequest{})
			return err
		}, []string{"id", "serviceId", "url", "triggerEventType"}},
		{"update: nil body", func(c *Client) error { _, err := c.Seller.Webhooks.Update(ctx, sellerTestHookID, nil); return err }, []string{"body"}},
		{"delete: id not a GUID", func(c *Client) error { _, err := c.Seller.Webhooks.Delete(ctx, "nope"); return err }, []string{"id"}},
		{"register: everything", func(c *Client) error {
			_, err := c.Seller.Webhooks.Register(ctx, "x", "not a url", []WebhookTriggerEventType{WebhookBrokerAddService}, nil)
			return err
		}, []string{"serviceId", "baseURL"}},
		{"register: no types, duplicate types", func(c *Client) error {
			_, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://c.example/cm/", nil, nil)
			return err
		}, []string{"types"}},
		{"register: a type twice, a type with a slash", func(c *Client) error {
			_, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://c.example/cm/",
				[]WebhookTriggerEventType{WebhookBrokerAddService, WebhookBrokerAddService, "a/b"}, nil)
			return err
		}, []string{"types", "triggerEventType"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := sellerSetup(t)
			assertSellerFields(t, ts, tc.call(c), tc.fields...)
		})
	}
}

// assertSellerFields asserts that err is a *ValidationError naming exactly fields (in order) and that
// nothing reached the server.
func assertSellerFields(t *testing.T, ts *testServer, err error, fields ...string) {
	t.Helper()
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	assert.Equal(t, fields, got, "fields named by %v", err)
	assert.Zero(t, ts.apiRequests(), "no request may reach the server")
	assert.Zero(t, ts.tokenRequests(), "not even a token request")
}

// TestSellerWebhooksSubscriptionsServicesNeedASellerID: every seller method of this area, on a client without a
// seller id, is a *ValidationError naming sellerId, before the network.
func TestSellerWebhooksSubscriptionsServicesNeedASellerID(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *Client) error{
		"Webhooks.List": func(c *Client) error { _, _, err := c.Seller.Webhooks.List(ctx); return err },
		"Webhooks.Get":  func(c *Client) error { _, _, err := c.Seller.Webhooks.Get(ctx, sellerTestHookID); return err },
		"Webhooks.Create": func(c *Client) error {
			_, _, err := c.Seller.Webhooks.Create(ctx, &CreateSellerWebhookRequest{ServiceID: sellerTestServiceID, URL: "https://c.example/h", TriggerEventType: "X"})
			return err
		},
		"Webhooks.Update": func(c *Client) error {
			_, err := c.Seller.Webhooks.Update(ctx, sellerTestHookID, &UpdateSellerWebhookRequest{ServiceID: sellerTestServiceID, URL: "https://c.example/h", TriggerEventType: "X"})
			return err
		},
		"Webhooks.Delete": func(c *Client) error { _, err := c.Seller.Webhooks.Delete(ctx, sellerTestHookID); return err },
		"Webhooks.Register": func(c *Client) error {
			_, err := c.Seller.Webhooks.Register(ctx, sellerTestServiceID, "https://c.example/cm/", []WebhookTriggerEventType{WebhookBrokerAddService}, nil)
			return err
		},
		"Subscriptions.List": func(c *Client) error { _, _, err := c.Seller.Subscriptions.List(ctx); return err },
		"Subscriptions.Get":  func(c *Client) error { _, _, err := c.Seller.Subscriptions.Get(ctx, sellerTestSubID); return err },
		"Subscriptions.ListByService": func(c *Client) error {
			_, _, err := c.Seller.Subscriptions.ListByService(ctx, sellerTestServiceID)
			return err
		},
		"Subscriptions.Remove": func(c *Client) error {
			_, err := c.Seller.Subscriptions.Remove(ctx, sellerTestSubID, SellerSubscriptionCancel)
			return err
		},
		"Subscriptions.SetLicenseKey": func(c *Client) error {
			_, err := c.Seller.Subscriptions.SetLicenseKey(ctx, sellerTestSubID, &SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": "k"}})
			return err
		},
		"Services.List": func(c *Client) error { _, _, err := c.Seller.Services.List(ctx); return err },
		"Services.Create": func(c *Client) error {
			_, _, err := c.Seller.Services.Create(ctx, &CreateSellerServiceRequest{Name: "n"})
			return err
		},
		"Services.Get": func(c *Client) error { _, _, err := c.Seller.Services.Get(ctx, sellerTestServiceID); return err },
		"Services.Update": func(c *Client) error {
			_, err := c.Seller.Services.Update(ctx, sellerTestServiceID, &UpdateSellerServiceRequest{Name: "n"})
			return err
		},
		"Services.Disable": func(c *Client) error { _, err := c.Seller.Services.Disable(ctx, sellerTestServiceID); return err },
		"Services.GetCustomProperties": func(c *Client) error {
			_, _, err := c.Seller.Services.GetCustomProperties(ctx, sellerTestServiceID)
			return err
		},
		"Services.ListResellers": func(c *Client) error {
			_, _, err := c.Seller.Services.ListResellers(ctx, sellerTestServiceID)
			return err
		},
		"Services.Publish": func(c *Client) error { _, err := c.Seller.Services.Publish(ctx, sellerTestServiceID, nil); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			ts := newTestServer(t)
			c := ts.client(t) // a reseller id, no seller id
			assertSellerFields(t, ts, call(c), "sellerId")
		})
	}
}

func TestSellerSubscriptionsWire(t *testing.T) {
	ctx := context.Background()
	c, ts := sellerSetup(t)
	subJSON := `{"id":"` + sellerTestSubID + `","serviceId":"` + sellerTestServiceID + `","isCancelled":true}`
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/subscriptions", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, "["+subJSON+"]")
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/subscriptions/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("subscriptions/"+sellerTestSubID), nil, "")
		writeJSON(t, w, http.StatusOK, subJSON)
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/subscriptions/service/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("subscriptions/service/"+sellerTestServiceID), nil, "")
		writeJSON(t, w, http.StatusOK, "[]")
	})
	var actions []string
	ts.Mux.HandleFunc("DELETE /api/sellers/{sid}/subscriptions/{id}", func(w http.ResponseWriter, r *http.Request) {
		actions = append(actions, r.URL.Query().Get("removeAction"))
		wantRequest(t, r, http.MethodDelete, sellerPath("subscriptions/"+sellerTestSubID), url.Values{"removeAction": {r.URL.Query().Get("removeAction")}}, "")
		w.WriteHeader(http.StatusNoContent)
	})
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/subscriptions/SetLicenseKey/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, sellerPath("subscriptions/SetLicenseKey/"+sellerTestSubID), nil, `{"licenseKey":"ABC-123"}`)
		w.WriteHeader(http.StatusNoContent)
	})

	subs, _, err := c.Seller.Subscriptions.List(ctx)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.Equal(t, sellerTestSubID, subs[0].ID)
	assert.JSONEq(t, subJSON, string(subs[0].Raw))
	sub, _, err := c.Seller.Subscriptions.Get(ctx, sellerTestSubID)
	require.NoError(t, err)
	assert.Equal(t, sellerTestSubID, sub.ID)
	byService, _, err := c.Seller.Subscriptions.ListByService(ctx, sellerTestServiceID)
	require.NoError(t, err)
	assert.NotNil(t, byService)
	assert.Empty(t, byService)
	_, err = c.Seller.Subscriptions.Remove(ctx, sellerTestSubID, SellerSubscriptionCancel)
	require.NoError(t, err)
	_, err = c.Seller.Subscriptions.Remove(ctx, sellerTestSubID, SellerSubscriptionDelete)
	require.NoError(t, err)
	assert.Equal(t, []string{"Cancel", "Delete"}, actions)
	_, err = c.Seller.Subscriptions.SetLicenseKey(ctx, sellerTestSubID, &SetSellerSubscriptionLicenseKeyRequest{Extra: map[string]any{"licenseKey": "ABC-123"}})
	require.NoError(t, err)
}

func TestSellerSubscriptionsValidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		fields []string
	}{
		{"get: id", func(c *Client) error { _, _, err := c.Seller.Subscriptions.Get(ctx, "x"); return err }, []string{"subscriptionId"}},
		{"by service: id", func(c *Client) error { _, _, err := c.Seller.Subscriptions.ListByService(ctx, ""); return err }, []string{"serviceId"}},
		{"remove: id and no action", func(c *Client) error { _, err := c.Seller.Subscriptions.Remove(ctx, "x", ""); return err }, []string{"subscriptionId", "removeAction"}},
		{"remove: unknown action", func(c *Client) error {
			_, err := c.Seller.Subscriptions.Remove(ctx, sellerTestSubID, "Suspend")
			return err
		}, []string{"removeAction"}},
		{"licence key: id and nil body", func(c *Client) error { _, err := c.Seller.Subscriptions.SetLicenseKey(ctx, "x", nil); return err }, []string{"subscriptionId", "body"}},
		{"licence key: empty Extra", func(c *Client) error {
			_, err := c.Seller.Subscriptions.SetLicenseKey(ctx, sellerTestSubID, &SetSellerSubscriptionLicenseKeyRequest{})
			return err
		}, []string{"Extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := sellerSetup(t)
			assertSellerFields(t, ts, tc.call(c), tc.fields...)
		})
	}
}

const sellerServiceJSON = `{"id":"` + sellerTestServiceID + `","name":"Google Workspace (Integrations Guide Service)","vendorName":"Google","allowMultipleUsers":false,"customProperties":[{"type":"TextBox","propertyId":"account_id","name":"Account Id","defaultValue":"","visible":true,"mandatory":true,"allowedValues":[""],"appliesToOrganizations":false,"appliesToBrokers":true,"appliesToSeller":false}]}`

func TestSellerServicesWire(t *testing.T) {
	ctx := context.Background()
	c, ts := sellerSetup(t)
	const cat = "f2443537-5686-466f-8d0e-0427231d0417"
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/services", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("services"), nil, "")
		writeJSON(t, w, http.StatusOK, "["+sellerServiceJSON+"]")
	})
	ts.Mux.HandleFunc("POST /api/sellers/{sid}/services", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, sellerPath("services"), nil, `{"name":"S","vendorName":"V","categoryId":"`+cat+`"}`)
		w.Header().Set("Location", sellerPath("services/"+sellerTestServiceID))
		w.WriteHeader(http.StatusCreated)
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/services/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("services/"+sellerTestServiceID), nil, "")
		writeJSON(t, w, http.StatusOK, sellerServiceJSON)
	})
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/services/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, sellerPath("services/"+sellerTestServiceID), nil, `{"name":"S2"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	ts.Mux.HandleFunc("DELETE /api/sellers/{sid}/services/{id}", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, sellerPath("services/"+sellerTestServiceID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/services/{id}/custom-properties-data", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("services/"+sellerTestServiceID+"/custom-properties-data"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"propertyId":"account_id","value":"42"}]`)
	})
	ts.Mux.HandleFunc("GET /api/sellers/{sid}/services/{id}/resellers", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, sellerPath("services/"+sellerTestServiceID+"/resellers"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"id":"`+testResellerID+`","name":"Broker"}]`)
	})
	var publishBodies []string
	ts.Mux.HandleFunc("PUT /api/sellers/{sid}/services/{id}/publish", func(w http.ResponseWriter, r *http.Request) {
		body := `{}`
		if len(publishBodies) == 1 {
			body = `{"resellerIds":["` + testResellerID + `"]}`
		}
		publishBodies = append(publishBodies, body)
		wantRequest(t, r, http.MethodPut, sellerPath("services/"+sellerTestServiceID+"/publish"), nil, body)
		w.WriteHeader(http.StatusNoContent)
	})

	list, _, err := c.Seller.Services.List(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	s := list[0]
	assert.Equal(t, sellerTestServiceID, s.ID)
	assert.Equal(t, "Google Workspace (Integrations Guide Service)", s.Name)
	assert.Equal(t, "Google", s.VendorName)
	assert.False(t, s.AllowMultipleUsers)
	require.Len(t, s.CustomProperties, 1)
	assert.Equal(t, SellerServiceCustomProperty{Type: CustomPropertyTextbox, PropertyID: "account_id", Name: "Account Id",
		Visible: true, Mandatory: true, AllowedValues: []string{""}, AppliesToBrokers: true}, s.CustomProperties[0])
	assert.JSONEq(t, sellerServiceJSON, string(s.Raw))

	cr, _, err := c.Seller.Services.Create(ctx, &CreateSellerServiceRequest{Name: "S", VendorName: "V", Extra: map[string]any{"categoryId": cat}})
	require.NoError(t, err)
	assert.Equal(t, sellerTestServiceID, cr.ID)
	got, _, err := c.Seller.Services.Get(ctx, sellerTestServiceID)
	require.NoError(t, err)
	assert.Equal(t, "Google", got.VendorName)
	_, err = c.Seller.Services.Update(ctx, sellerTestServiceID, &UpdateSellerServiceRequest{Name: "S2"})
	require.NoError(t, err)
	_, err = c.Seller.Services.Disable(ctx, sellerTestServiceID)
	require.NoError(t, err)
	data, _, err := c.Seller.Services.GetCustomProperties(ctx, sellerTestServiceID)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"propertyId":"account_id","value":"42"}]`, string(data.Raw))
	res, _, err := c.Seller.Services.ListResellers(ctx, sellerTestServiceID)
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, testResellerID, res[0].ID)
	assert.Contains(t, string(res[0].Raw), `"Broker"`)
	_, err = c.Seller.Services.Publish(ctx, sellerTestServiceID, nil)
	require.NoError(t, err)
	_, err = c.Seller.Services.Publish(ctx, sellerTestServiceID, &PublishSellerServiceRequest{Extra: map[string]any{"resellerIds": []string{testResellerID}}})
	require.NoError(t, err)
	assert.Len(t, publishBodies, 2)
}

func TestSellerServicesValidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		fields []string
	}{
		{"create: nil", func(c *Client) error { _, _, err := c.Seller.Services.Create(ctx, nil); return err }, []string{"body"}},
		{"create: empty", func(c *Client) error {
			_, _, err := c.Seller.Services.Create(ctx, &CreateSellerServiceRequest{})
			return err
		}, []string{"body"}},
		{"create: Extra repeats name", func(c *Client) error {
			_, _, err := c.Seller.Services.Create(ctx, &CreateSellerServiceRequest{Name: "n", Extra: map[string]any{"name": "m"}})
			return err
		}, []string{"Extra"}},
		{"get: id", func(c *Client) error { _, _, err := c.Seller.Services.Get(ctx, "x"); return err }, []string{"id"}},
		{"update: id and empty body", func(c *Client) error {
			_, err := c.Seller.Services.Update(ctx, "x", &UpdateSellerServiceRequest{})
			return err
		}, []string{"id", "body"}},
		{"disable: id", func(c *Client) error { _, err := c.Seller.Services.Disable(ctx, ""); return err }, []string{"id"}},
		{"custom property data: id", func(c *Client) error { _, _, err := c.Seller.Services.GetCustomProperties(ctx, "x"); return err }, []string{"id"}},
		{"resellers: id", func(c *Client) error { _, _, err := c.Seller.Services.ListResellers(ctx, "x"); return err }, []string{"serviceId"}},
		{"publish: id and an empty Extra key", func(c *Client) error {
			_, err := c.Seller.Services.Publish(ctx, "x", &PublishSellerServiceRequest{Extra: map[string]any{"": 1}})
			return err
		}, []string{"id", "Extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := sellerSetup(t)
			assertSellerFields(t, ts, tc.call(c), tc.fields...)
		})
	}
}
