package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func subsPath(rest string) string {
	return brokerPath("organizations/" + portalOrgID + "/services/" + portalServiceID + "/" + rest)
}

// goldProduct is the guide's example product, ordered with a minimum of minQty.
func goldProduct(minQty string) *ServiceProduct {
	return &ServiceProduct{OrganizationID: portalOrgID, ServiceID: portalServiceID, ProductID: portalProductID,
		Name: "Gold", MinimumQuantity: MustDecimal(minQty), SubscriptionPeriod: 12, PaymentFrequency: 1}
}

func TestSubscriptionsList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, subsPath("subscriptions"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "subscriptions_list.json"))
	})
	subs, _, err := c.Subscriptions.List(context.Background(), portalOrgID, portalServiceID)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	s := subs[0]
	assert.Equal(t, portalSubID, s.ID)
	assert.Equal(t, "This is my subscription", s.Name)
	assert.Equal(t, "Gold", s.ProductName)
	assert.Equal(t, "BOX1copy", s.ItemCode)
	assert.Equal(t, "123456789", s.PONumber)
	assert.Equal(t, "10", s.Quantity.Text())
	assert.Equal(t, 12, s.Period)
	assert.Equal(t, 12, s.BillingInterval)
	assert.Equal(t, time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC), s.StartDate.Time)
	assert.Equal(t, time.Date(2021, 1, 17, 0, 0, 0, 0, time.UTC), s.EndDate.Time)
	assert.False(t, bool(s.IsTrial))
	assert.True(t, bool(s.IsAutoRenew))
	assert.False(t, bool(s.IsCancelled))
	assert.NotEmpty(t, s.Raw)
}

func TestSubscriptionsGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, subsPath("subscriptions/"+portalSubID), nil, "")
		writeJSON(t, w, http.StatusOK, `{"id":"`+portalSubID+`","name":"This is my subscription","quantity":"10.0000","isCancelled":"false","addons":[]}`)
	})
	s, _, err := c.Subscriptions.Get(context.Background(), portalOrgID, portalServiceID, portalSubID)
	require.NoError(t, err)
	assert.Equal(t, portalSubID, s.ID)
	assert.Equal(t, "10.0000", s.Quantity.Text())
	assert.False(t, bool(s.IsCancelled))
	assert.Contains(t, string(s.Raw), `"addons"`)
}

func TestSubscriptionsCreate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, subsPath("subscriptions"), nil, string(fixture(t, "subscriptions_create_request.json")))
		w.Header().Set("Location", subsPath("subscriptions/"+portalSubID))
		w.WriteHeader(http.StatusCreated)
	})
	created, resp, err := c.Subscriptions.Create(context.Background(), portalOrgID, portalServiceID, &CreateSubscriptionRequest{
		Name: "This is my subscription", ProductID: portalProductID, PONumber: "123456789", IsTrial: false, Quantity: 10,
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, portalSubID, created.ID)
	assert.Equal(t, subsPath("subscriptions/"+portalSubID), created.Location)
}

func TestSubscriptionsCreateWithExtra(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, subsPath("subscriptions"), nil,
			`{"productId":"`+portalProductID+`","isTrial":true,"quantity":3,"addons":[{"productId":"x"}]}`)
		writeJSON(t, w, http.StatusCreated, `{"id":"`+portalSubID+`"}`)
	})
	created, _, err := c.Subscriptions.Create(context.Background(), portalOrgID, portalServiceID, &CreateSubscriptionRequest{
		ProductID: portalProductID, IsTrial: true, Quantity: 3, Extra: map[string]any{"addons": []map[string]string{{"productId": "x"}}},
	})
	require.NoError(t, err)
	assert.Equal(t, portalSubID, created.ID)
}

func TestSubscriptionsCreateValidation(t *testing.T) {
	cases := []struct {
		name  string
		svc   string
		req   *CreateSubscriptionRequest
		field string
	}{
		{"nil", portalServiceID, nil, "body"},
		{"productId missing", portalServiceID, &CreateSubscriptionRequest{Quantity: 1}, "productId"},
		{"productId not a GUID", portalServiceID, &CreateSubscriptionRequest{ProductID: "BOX1copy", Quantity: 1}, "productId"},
		{"quantity negative", portalServiceID, &CreateSubscriptionRequest{ProductID: portalProductID, Quantity: -1}, "quantity"},
		{"extra repeats a field", portalServiceID, &CreateSubscriptionRequest{ProductID: portalProductID, Extra: map[string]any{"productId": "x"}}, "Extra"},
		{"service id", "../..", &CreateSubscriptionRequest{ProductID: portalProductID, Quantity: 1}, "serviceId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, _, err := c.Subscriptions.Create(context.Background(), portalOrgID, tc.svc, tc.req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
	t.Run("quantity zero is allowed by plain Create and not sent", func(t *testing.T) {
		b, err := json.Marshal(&CreateSubscriptionRequest{ProductID: portalProductID})
		require.NoError(t, err)
		assert.JSONEq(t, `{"productId":"`+portalProductID+`","isTrial":false}`, string(b))
	})
}

func TestSubscriptionsValidateFor(t *testing.T) {
	req := func(q int) *CreateSubscriptionRequest {
		return &CreateSubscriptionRequest{ProductID: portalProductID, Quantity: q}
	}
	require.NoError(t, req(5).ValidateFor(goldProduct("5")))
	require.NoError(t, req(6).ValidateFor(goldProduct("5")))

	var ve *ValidationError
	require.ErrorAs(t, req(4).ValidateFor(goldProduct("5")), &ve)
	assert.Equal(t, "quantity", ve.Field)
	assert.Contains(t, ve.Reason, "minimum quantity 5")
	require.ErrorAs(t, req(0).ValidateFor(goldProduct("1")), &ve)
	assert.Equal(t, "quantity", ve.Field)
	require.ErrorAs(t, req(1).ValidateFor(goldProduct("1.5")), &ve, "a fractional minimum is honoured")

	other := req(5)
	other.ProductID = "0fa64245-bdf7-4f99-9415-bf5f9d653554"
	require.ErrorAs(t, other.ValidateFor(goldProduct("1")), &ve)
	assert.Equal(t, "productId", ve.Field)

	upper := req(5)
	upper.ProductID = "BF5F9D65-BDF7-4F99-9415-0FA642453554"
	require.NoError(t, upper.ValidateFor(goldProduct("1")), "GUIDs compare case-insensitively")

	trial := req(5)
	trial.IsTrial = true
	require.ErrorAs(t, trial.ValidateFor(goldProduct("1")), &ve)
	assert.Equal(t, "isTrial", ve.Field)
	withTrial := goldProduct("1")
	withTrial.TrialPeriod = 1
	require.NoError(t, trial.ValidateFor(withTrial))

	require.ErrorAs(t, req(5).ValidateFor(nil), &ve)
	assert.Equal(t, "product", ve.Field)
}

func TestSubscriptionsCreateForProduct(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, subsPath("subscriptions"), nil,
			`{"name":"Sales","productId":"`+portalProductID+`","isTrial":false,"quantity":10}`)
		w.WriteHeader(http.StatusCreated)
	})
	req := &CreateSubscriptionRequest{Name: "Sales", Quantity: 10}
	_, _, err := c.Subscriptions.CreateForProduct(context.Background(), portalOrgID, goldProduct("10"), req)
	require.NoError(t, err)
	assert.Empty(t, req.ProductID, "the caller's request is not changed")
}

func TestSubscriptionsCreateForProductValidation(t *testing.T) {
	cases := []struct {
		name    string
		org     string
		product *ServiceProduct
		req     *CreateSubscriptionRequest
		field   string
	}{
		{"below minimum", portalOrgID, goldProduct("10"), &CreateSubscriptionRequest{Quantity: 9}, "quantity"},
		{"quantity unset", portalOrgID, goldProduct("1"), &CreateSubscriptionRequest{}, "quantity"},
		{"other product", portalOrgID, goldProduct("1"), &CreateSubscriptionRequest{ProductID: portalSubID, Quantity: 1}, "productId"},
		{"other organization", "d0b55801-6cac-4221-a911-0712e78615c7", goldProduct("1"), &CreateSubscriptionRequest{Quantity: 1}, "organizationId"},
		{"nil product", portalOrgID, nil, &CreateSubscriptionRequest{Quantity: 1}, "product"},
		{"nil request", portalOrgID, goldProduct("1"), nil, "body"},
		{"product without service", portalOrgID, &ServiceProduct{ProductID: portalProductID}, &CreateSubscriptionRequest{Quantity: 1}, "serviceId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, _, err := c.Subscriptions.CreateForProduct(context.Background(), tc.org, tc.product, tc.req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
}

func TestSubscriptionsUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, subsPath("subscriptions/"+portalSubID), nil,
			`{"name":"Team","poNumber":"PO-1","quantity":12,"isAutoRenew":false,"note":"x"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&UpdateSubscriptionRequest{Name: "Team", PONumber: "PO-1", Quantity: Ptr(12), IsAutoRenew: Ptr(false),
			Extra: map[string]any{"note": "x"}})
	require.NoError(t, err)

	c2, ts2 := setup(t)
	_, err = c2.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&UpdateSubscriptionRequest{Quantity: Ptr(0), Extra: map[string]any{"name": "x"}})
	assertFields(t, ts2, err, "quantity")
	_, err = c2.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&UpdateSubscriptionRequest{Name: "a", Extra: map[string]any{"name": "x"}})
	assertFields(t, ts2, err, "Extra")
	_, err = c2.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, portalSubID, &UpdateSubscriptionRequest{})
	assertFields(t, ts2, err, "body")
}

func TestSubscriptionsCancel(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, subsPath("subscriptions/"+portalSubID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := c.Subscriptions.Cancel(context.Background(), portalOrgID, portalServiceID, portalSubID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
}

func TestSubscriptionsGetHistory(t *testing.T) {
	t.Run("array", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
			// Capital "Subscriptions" and "history" before the id, exactly as Swagger spells it.
			wantRequest(t, r, http.MethodGet, subsPath("Subscriptions/history/"+portalSubID), nil, "")
			writeJSON(t, w, http.StatusOK, `[{"date":"2020-01-17T00:00:00","quantity":10},{"date":"2020-02-17T00:00:00","quantity":12}]`)
		})
		h, _, err := c.Subscriptions.GetHistory(context.Background(), portalOrgID, portalServiceID, portalSubID)
		require.NoError(t, err)
		require.Len(t, h.Entries, 2)
		assert.JSONEq(t, `{"date":"2020-02-17T00:00:00","quantity":12}`, string(h.Entries[1]))
		assert.Contains(t, string(h.Raw), "2020-01-17")
	})
	t.Run("object", func(t *testing.T) {
		c, ts := setup(t)
		ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(t, w, http.StatusOK, `{"subscriptionId":"`+portalSubID+`","changes":[]}`)
		})
		h, _, err := c.Subscriptions.GetHistory(context.Background(), portalOrgID, portalServiceID, portalSubID)
		require.NoError(t, err)
		assert.Nil(t, h.Entries)
		assert.Contains(t, string(h.Raw), `"changes"`)
	})
}

func TestSubscriptionsListUsers(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, subsPath("subscriptions/"+portalSubID+"/users"), nil, "")
		writeJSON(t, w, http.StatusOK, `[{"userId":"`+portalUserID+`","externalUserId":"ext-1"}]`)
	})
	users, _, err := c.Subscriptions.ListUsers(context.Background(), portalOrgID, portalServiceID, portalSubID)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.JSONEq(t, `{"userId":"`+portalUserID+`","externalUserId":"ext-1"}`, string(users[0].Raw))
}

func TestSubscriptionsAssignUser(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, subsPath("subscriptions/"+portalSubID+"/users"), nil, `{"userId":"`+portalUserID+`"}`)
		w.WriteHeader(http.StatusCreated)
	})
	_, resp, err := c.Subscriptions.AssignUser(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&AssignSubscriptionUserRequest{UserID: portalUserID})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
}

func TestSubscriptionsUpdateExternalUserID(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, subsPath("subscriptions/"+portalSubID+"/users"), nil,
			`{"userId":"`+portalUserID+`","externalUserId":"ext-2"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Subscriptions.UpdateExternalUserID(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&UpdateSubscriptionUsersRequest{UserID: portalUserID, ExternalUserID: "ext-2"})
	require.NoError(t, err)
}

// The typed members of the user assignment bodies, with Extra beside them; a body without its
// user, or whose Extra repeats a typed member, is refused naming each.
func TestSubscriptionsUserBodies(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, subsPath("subscriptions/"+portalSubID+"/users"), nil,
			`{"userId":"`+portalUserID+`","externalUserId":"ext-1","note":"x"}`)
		w.WriteHeader(http.StatusCreated)
	})
	_, _, err := c.Subscriptions.AssignUser(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&AssignSubscriptionUserRequest{UserID: portalUserID, ExternalUserID: "ext-1", Extra: map[string]any{"note": "x"}})
	require.NoError(t, err)

	c2, ts2 := setup(t)
	_, _, err = c2.Subscriptions.AssignUser(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&AssignSubscriptionUserRequest{Extra: map[string]any{"userID": portalUserID}})
	assertFields(t, ts2, err, "userId")
	_, err = c2.Subscriptions.UpdateExternalUserID(context.Background(), portalOrgID, portalServiceID, portalSubID,
		&UpdateSubscriptionUsersRequest{UserID: portalUserID, Extra: map[string]any{"externalUserId": "x"}})
	assertFields(t, ts2, err, "Extra")
}

func TestSubscriptionsRemoveUser(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, subsPath("subscriptions/"+portalSubID+"/users/"+portalUserID), nil, "")
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Subscriptions.RemoveUser(context.Background(), portalOrgID, portalServiceID, portalSubID, portalUserID)
	require.NoError(t, err)
}

func TestSubscriptionsPathValidation(t *testing.T) {
	bad := "28c427f5-2c6c-40a0-8f40-343c724f576a/users"
	cases := []struct {
		name  string
		call  func(c *Client) error
		field string
	}{
		{"Get", func(c *Client) error {
			_, _, err := c.Subscriptions.Get(context.Background(), portalOrgID, portalServiceID, bad)
			return err
		}, "subscriptionId"},
		{"Cancel", func(c *Client) error {
			_, err := c.Subscriptions.Cancel(context.Background(), portalOrgID, portalServiceID, "")
			return err
		}, "subscriptionId"},
		{"Update nil", func(c *Client) error {
			_, err := c.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, portalSubID, nil)
			return err
		}, "body"},
		{"Update id", func(c *Client) error {
			_, err := c.Subscriptions.Update(context.Background(), portalOrgID, portalServiceID, "x", &UpdateSubscriptionRequest{Quantity: Ptr(12)})
			return err
		}, "subscriptionId"},
		{"GetHistory", func(c *Client) error {
			_, _, err := c.Subscriptions.GetHistory(context.Background(), portalOrgID, "svc", portalSubID)
			return err
		}, "serviceId"},
		{"List", func(c *Client) error {
			_, _, err := c.Subscriptions.List(context.Background(), "org", portalServiceID)
			return err
		}, "organizationId"},
		{"ListUsers", func(c *Client) error {
			_, _, err := c.Subscriptions.ListUsers(context.Background(), portalOrgID, portalServiceID, "..")
			return err
		}, "subscriptionId"},
		{"AssignUser empty body", func(c *Client) error {
			_, _, err := c.Subscriptions.AssignUser(context.Background(), portalOrgID, portalServiceID, portalSubID, &AssignSubscriptionUserRequest{})
			return err
		}, "userId"},
		{"UpdateExternalUserID empty body", func(c *Client) error {
			_, err := c.Subscriptions.UpdateExternalUserID(context.Background(), portalOrgID, portalServiceID, portalSubID, &UpdateSubscriptionUsersRequest{})
			return err
		}, "userId"},
		{"UpdateExternalUserID nil", func(c *Client) error {
			_, err := c.Subscriptions.UpdateExternalUserID(context.Background(), portalOrgID, portalServiceID, portalSubID, nil)
			return err
		}, "body"},
		{"RemoveUser", func(c *Client) error {
			_, err := c.Subscriptions.RemoveUser(context.Background(), portalOrgID, portalServiceID, portalSubID, "../x")
			return err
		}, "userId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			assertNoRequest(t, ts, tc.call(c), tc.field)
		})
	}
}

func TestSubscriptionsReportEveryField(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.Subscriptions.Create(context.Background(), "o", "s", &CreateSubscriptionRequest{
		ProductID: "p", Quantity: -1, Extra: map[string]any{"quantity": 2}})
	assertInvalidFields(t, ts, err, "organizationId", "serviceId", "productId", "quantity", "Extra")

	gold := goldProduct("5")
	err = (&CreateSubscriptionRequest{ProductID: portalSubID, Quantity: 2, IsTrial: true}).ValidateFor(gold)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, f := range ve.Fields {
		fields = append(fields, f.Field)
	}
	assert.Equal(t, []string{"productId", "quantity", "isTrial"}, fields)
}
