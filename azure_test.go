package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Ids of the Azure and organization-extras tests.
const (
	azOrgID   = "96381c60-2f01-4042-9746-66c8b8e7bef9"
	azSubID   = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
	azUserID  = "user-17"
	azOtherID = "5b7e1f3a-9c2d-4e8f-a1b0-c3d4e5f60718"
)

// extrasWire is one operation's wire test: what call sends (method, path, query, body) and
// what it makes of the answer.
type extrasWire struct {
	name   string
	call   func(c *Client) (any, *Response, error)
	method string
	path   string // after /api/resellers/{resellerId}/
	query  url.Values
	body   string // JSON; "" for none
	status int
	answer string      // JSON answer; "" for none
	header http.Header // answer headers
	check  func(t *testing.T, got any)
}

// runExtrasWire runs each case against its own test server: exactly one request, as described.
func runExtrasWire(t *testing.T, cases []extrasWire) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, tc.method, brokerPath(tc.path), tc.query, tc.body)
				for k, v := range tc.header {
					w.Header()[k] = v
				}
				if tc.answer == "" {
					w.WriteHeader(tc.status)
					return
				}
				writeJSON(t, w, tc.status, tc.answer)
			})
			got, resp, err := tc.call(c)
			require.NoError(t, err)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, 1, ts.apiRequests())
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// extrasInvalid is one validation test: call must fail with a *ValidationError naming exactly
// fields, in order, and send nothing. A declared operation names the path's fields first,
// then the body's (its executor's one join).
type extrasInvalid struct {
	name   string
	call   func(c *Client) error
	fields []string
}

func runExtrasInvalid(t *testing.T, cases []extrasInvalid) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("no request may be sent, got %s %s", r.Method, r.URL.Path)
			})
			err := tc.call(c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, ErrValidation)
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Field)
			}
			assert.Equal(t, tc.fields, got, "fields named by %v", err)
			assert.Zero(t, ts.apiRequests(), "no request may reach the server")
			assert.Zero(t, ts.tokenRequests(), "not even a token request")
		})
	}
}

// rawOf returns the Raw of a Raw-keeping model (or of each element of a list of them).
func rawOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(rawValue(v))
	require.NoError(t, err)
	return string(b)
}

func rawValue(v any) any {
	switch m := v.(type) {
	case *AzureServiceDetails:
		return m.Raw
	case *AzurePlanSubscription:
		return m.Raw
	case *UserGroup:
		return m.Raw
	case *ManualBillingLine:
		return m.Raw
	case *ExternalInvoice:
		return m.Raw
	case *OrganizationCostCenterReport:
		return m.Raw
	case []AzureSubscription:
		return listRaw(m, func(x AzureSubscription) json.RawMessage { return json.RawMessage(x.Raw) })
	case []AzureBrokerSubscription:
		return listRaw(m, func(x AzureBrokerSubscription) json.RawMessage { return json.RawMessage(x.Raw) })
	case []AzureUser:
		return listRaw(m, func(x AzureUser) json.RawMessage { return json.RawMessage(x.Raw) })
	case []AzureUserSubscription:
		return listRaw(m, func(x AzureUserSubscription) json.RawMessage { return json.RawMessage(x.Raw) })
	case []AzurePlanSubscription:
		return listRaw(m, func(x AzurePlanSubscription) json.RawMessage { return json.RawMessage(x.Raw) })
	case []UserGroup:
		return listRaw(m, func(x UserGroup) json.RawMessage { return json.RawMessage(x.Raw) })
	case []UserGroupMember:
		return listRaw(m, func(x UserGroupMember) json.RawMessage { return json.RawMessage(x.Raw) })
	case []ManualBillingLine:
		return listRaw(m, func(x ManualBillingLine) json.RawMessage { return json.RawMessage(x.Raw) })
	case []ExternalInvoice:
		return listRaw(m, func(x ExternalInvoice) json.RawMessage { return json.RawMessage(x.Raw) })
	}
	panic("rawValue: unexpected type")
}

func listRaw[T any](xs []T, raw func(T) json.RawMessage) []json.RawMessage {
	out := make([]json.RawMessage, 0, len(xs))
	for _, x := range xs {
		out = append(out, raw(x))
	}
	return out
}

// wantRaw checks that the result keeps the answer as sent.
func wantRaw(want string) func(t *testing.T, got any) {
	return func(t *testing.T, got any) {
		t.Helper()
		assert.JSONEq(t, want, rawOf(t, got))
	}
}

// wantCreated checks a *Created whose id comes from the Location header.
func wantCreated(id string) func(t *testing.T, got any) {
	return func(t *testing.T, got any) {
		t.Helper()
		cr, ok := got.(*Created)
		require.True(t, ok, "%T", got)
		assert.Equal(t, id, cr.ID)
	}
}

func extrasResult[T any](v T, r *Response, err error) (any, *Response, error) { return v, r, err }
func extrasResp(r *Response, err error) (any, *Response, error)               { return nil, r, err }

func located(path string) http.Header {
	return http.Header{"Location": {"https://api.cloudmore.com" + brokerPath(path)}}
}

var ctxBG = context.Background()

func TestAzureWire(t *testing.T) {
	org := "organizations/" + azOrgID + "/"
	svc := `{"id":"e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162","status":"Active","notModelled":[1,2]}`
	subs := `[{"subscriptionId":"` + azSubID + `","name":"Dev","status":"Active"}]`
	runExtrasWire(t, []extrasWire{
		{name: "Add", method: http.MethodPost, path: org + "services/Azure",
			body:   `{"id":"e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162","currencyCode":"SEK"}`,
			status: http.StatusCreated, header: located(org + "services/Azure/e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162"),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Add(ctxBG, azOrgID, &AddAzureRequest{Extra: map[string]any{
					"id": "e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162", "currencyCode": "SEK"}}))
			}, check: wantCreated("e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162")},
		{name: "Get", method: http.MethodGet, path: org + "services/Azure", status: http.StatusOK, answer: svc,
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Get(ctxBG, azOrgID)) },
			check: wantRaw(svc)},
		{name: "Remove", method: http.MethodDelete, path: org + "services/Azure", status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) { return extrasResp(c.Azure.Remove(ctxBG, azOrgID)) }},
		{name: "Subscriptions.List", method: http.MethodGet, path: org + "services/azure/subscriptions",
			status: http.StatusOK, answer: subs,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Subscriptions.List(ctxBG, azOrgID))
			},
			check: wantRaw(subs)},
		{name: "Subscriptions.Suspend", method: http.MethodDelete, path: org + "services/azure/subscriptions/" + azSubID,
			status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Azure.Subscriptions.Suspend(ctxBG, azOrgID, azSubID))
			}},
		{name: "Subscriptions.ListAll", method: http.MethodGet, path: "services/azure/Subscriptions",
			status: http.StatusOK, answer: subs,
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Subscriptions.ListAll(ctxBG)) },
			check: wantRaw(subs)},
		{name: "Users.List", method: http.MethodGet, path: org + "services/azure/users", status: http.StatusOK,
			answer: `[{"id":"user-17","name":"jane@example.com"}]`,
			call:   func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Users.List(ctxBG, azOrgID)) },
			check:  wantRaw(`[{"id":"user-17","name":"jane@example.com"}]`)},
		{name: "Users.ListSubscriptions", method: http.MethodGet, path: org + "services/azure/users/user-17/subscriptions",
			status: http.StatusOK, answer: `[{"subscriptionId":"` + azSubID + `","role":"Owner"}]`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Users.ListSubscriptions(ctxBG, azOrgID, azUserID))
			},
			check: wantRaw(`[{"subscriptionId":"` + azSubID + `","role":"Owner"}]`)},
		{name: "Users.AssignRole", method: http.MethodPost, path: org + "services/azure/users/user-17/subscriptions",
			body: `{"subscriptionId":"` + azSubID + `","role":"Contributor"}`, status: http.StatusCreated,
			answer: `{"id":"assignment-9"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Users.AssignRole(ctxBG, azOrgID, azUserID, &AssignAzureRoleRequest{
					SubscriptionID: azSubID, Extra: map[string]any{"role": "Contributor"}}))
			}, check: wantCreated("assignment-9")},
		{name: "Users.UpdateRole", method: http.MethodPut, path: org + "services/azure/users/user-17/subscriptions",
			body: `{"subscriptionId":"` + azSubID + `","role":"Owner"}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Azure.Users.UpdateRole(ctxBG, azOrgID, azUserID, &UpdateAzureRoleRequest{
					SubscriptionID: azSubID, Extra: map[string]any{"role": "Owner"}}))
			}},
		{name: "Users.RemoveRole", method: http.MethodDelete, path: org + "services/azure/users/user-17/subscriptions/" + azSubID,
			status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Azure.Users.RemoveRole(ctxBG, azOrgID, azUserID, azSubID))
			}},
		{name: "Plan.List", method: http.MethodGet, path: org + "services/azureplan/subscriptions", status: http.StatusOK,
			answer: `[{"id":"` + azSubID + `","entitlements":[{"id":"` + azOtherID + `"}]}]`,
			call:   func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Plan.List(ctxBG, azOrgID)) },
			check:  wantRaw(`[{"id":"` + azSubID + `","entitlements":[{"id":"` + azOtherID + `"}]}]`)},
		{name: "Plan.List of one object", method: http.MethodGet, path: org + "services/azureplan/subscriptions",
			status: http.StatusOK, answer: `{"id":"` + azSubID + `","entitlements":[]}`,
			call:  func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Plan.List(ctxBG, azOrgID)) },
			check: wantRaw(`[{"id":"` + azSubID + `","entitlements":[]}]`)},
		{name: "Plan.List empty", method: http.MethodGet, path: org + "services/azureplan/subscriptions",
			status: http.StatusOK, answer: `null`,
			call: func(c *Client) (any, *Response, error) { return extrasResult(c.Azure.Plan.List(ctxBG, azOrgID)) },
			check: func(t *testing.T, got any) {
				assert.NotNil(t, got.([]AzurePlanSubscription))
				assert.Empty(t, got)
			}},
		{name: "Plan.Create", method: http.MethodPost, path: org + "services/azureplan/subscriptions",
			body: `{"name":"Azure plan","purchaseOrderNumber":"PO-1"}`, status: http.StatusCreated,
			header: located(org + "services/azureplan/subscriptions/" + azSubID),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Plan.Create(ctxBG, azOrgID, &CreateAzurePlanSubscriptionRequest{
					Extra: map[string]any{"name": "Azure plan", "purchaseOrderNumber": "PO-1"}}))
			}, check: wantCreated(azSubID)},
		{name: "Plan.CreateEntitlement", method: http.MethodPost, path: org + "services/azureplan/subscriptions/CreateEntitlement",
			body: `{"name":"Second"}`, status: http.StatusCreated,
			header: located(org + "services/azureplan/subscriptions/" + azOtherID),
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Plan.CreateEntitlement(ctxBG, azOrgID, &CreateAzurePlanEntitlementRequest{
					Extra: map[string]any{"name": "Second"}}))
			}, check: wantCreated(azOtherID)},
		{name: "Plan.Get", method: http.MethodGet, path: org + "services/azureplan/subscriptions/" + azSubID,
			status: http.StatusOK, answer: `{"id":"` + azSubID + `","status":"Active"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResult(c.Azure.Plan.Get(ctxBG, azOrgID, azSubID))
			}, check: wantRaw(`{"id":"` + azSubID + `","status":"Active"}`)},
		{name: "Plan.Update", method: http.MethodPut, path: org + "services/azureplan/subscriptions/" + azSubID,
			body: `{"status":"Suspended"}`, status: http.StatusNoContent,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Azure.Plan.Update(ctxBG, azOrgID, azSubID, &UpdateAzurePlanSubscriptionRequest{
					Extra: map[string]any{"status": "Suspended"}}))
			}},
	})
}

func TestAzureValidation(t *testing.T) {
	extra := map[string]any{"x": 1}
	runExtrasInvalid(t, []extrasInvalid{
		{"Add: bad org and no body", func(c *Client) error {
			_, _, err := c.Azure.Add(ctxBG, "not-a-guid", nil)
			return err
		}, []string{"organizationId", "body"}},
		{"Add: empty Extra", func(c *Client) error {
			_, _, err := c.Azure.Add(ctxBG, azOrgID, &AddAzureRequest{})
			return err
		}, []string{"Extra"}},
		{"Get: bad org", func(c *Client) error { _, _, err := c.Azure.Get(ctxBG, ""); return err }, []string{"organizationId"}},
		{"Remove: bad org", func(c *Client) error { _, err := c.Azure.Remove(ctxBG, "x/y"); return err }, []string{"organizationId"}},
		{"Subscriptions.List: bad org", func(c *Client) error {
			_, _, err := c.Azure.Subscriptions.List(ctxBG, "nope")
			return err
		}, []string{"organizationId"}},
		{"Subscriptions.Suspend: both ids bad", func(c *Client) error {
			_, err := c.Azure.Subscriptions.Suspend(ctxBG, "nope", "")
			return err
		}, []string{"organizationId", "subscriptionId"}},
		{"Users.List: bad org", func(c *Client) error { _, _, err := c.Azure.Users.List(ctxBG, ".."); return err }, []string{"organizationId"}},
		{"Users.ListSubscriptions: bad user", func(c *Client) error {
			_, _, err := c.Azure.Users.ListSubscriptions(ctxBG, azOrgID, "a/b")
			return err
		}, []string{"userId"}},
		{"Users.AssignRole: everything bad", func(c *Client) error {
			_, _, err := c.Azure.Users.AssignRole(ctxBG, "nope", "", &AssignAzureRoleRequest{Extra: map[string]any{"": 1}})
			return err
		}, []string{"organizationId", "userId", "subscriptionId", "Extra"}},
		{"Users.AssignRole: the subscription misspelt in Extra", func(c *Client) error {
			_, _, err := c.Azure.Users.AssignRole(ctxBG, azOrgID, azUserID, &AssignAzureRoleRequest{Extra: map[string]any{"subscriptionID": azSubID}})
			return err
		}, []string{"subscriptionId"}},
		{"Users.UpdateRole: Extra repeats the subscription", func(c *Client) error {
			_, err := c.Azure.Users.UpdateRole(ctxBG, azOrgID, azUserID, &UpdateAzureRoleRequest{SubscriptionID: azSubID,
				Extra: map[string]any{"subscriptionId": azSubID}})
			return err
		}, []string{"Extra"}},
		{"Users.UpdateRole: no body, bad user", func(c *Client) error {
			_, err := c.Azure.Users.UpdateRole(ctxBG, azOrgID, "..", nil)
			return err
		}, []string{"userId", "body"}},
		{"Users.RemoveRole: bad ids", func(c *Client) error {
			_, err := c.Azure.Users.RemoveRole(ctxBG, azOrgID, "", "a/b")
			return err
		}, []string{"userId", "id"}},
		{"Plan.List: bad org", func(c *Client) error { _, _, err := c.Azure.Plan.List(ctxBG, "nope"); return err }, []string{"organizationId"}},
		{"Plan.Create: no body, bad org", func(c *Client) error {
			_, _, err := c.Azure.Plan.Create(ctxBG, "nope", nil)
			return err
		}, []string{"organizationId", "body"}},
		{"Plan.Create: Extra with empty key", func(c *Client) error {
			_, _, err := c.Azure.Plan.Create(ctxBG, azOrgID, &CreateAzurePlanSubscriptionRequest{Extra: map[string]any{" ": 1}})
			return err
		}, []string{"Extra"}},
		{"Plan.CreateEntitlement: empty Extra", func(c *Client) error {
			_, _, err := c.Azure.Plan.CreateEntitlement(ctxBG, azOrgID, &CreateAzurePlanEntitlementRequest{})
			return err
		}, []string{"Extra"}},
		{"Plan.Get: bad id", func(c *Client) error { _, _, err := c.Azure.Plan.Get(ctxBG, azOrgID, "7"); return err }, []string{"id"}},
		{"Plan.Update: everything bad", func(c *Client) error {
			_, err := c.Azure.Plan.Update(ctxBG, "", "7", &UpdateAzurePlanSubscriptionRequest{})
			return err
		}, []string{"organizationId", "id", "Extra"}},
		{"Plan.Update: a good body still needs good ids", func(c *Client) error {
			_, err := c.Azure.Plan.Update(ctxBG, azOrgID, "", &UpdateAzurePlanSubscriptionRequest{Extra: extra})
			return err
		}, []string{"id"}},
	})
}

// A client without a reseller id refuses every broker operation before the network.
func TestAzureNeedsResellerID(t *testing.T) {
	ts := newTestServer(t)
	c, err := NewClient(WithBaseURL(ts.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	_, _, err = c.Azure.Subscriptions.ListAll(ctxBG)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "resellerId", ve.Field)
	assert.Zero(t, ts.apiRequests())
}
