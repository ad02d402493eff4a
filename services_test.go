package cloudmore

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEstoreList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/Estore"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "services_estore_list.json"))
	})
	items, _, err := c.Estore.List(context.Background(), portalOrgID)
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, "5ed98348-a0cf-4b70-a178-a893400239ed", items[0].ID)
	assert.Equal(t, "Box.com", items[0].Name)
	assert.True(t, bool(items[0].IsResellerCustomService))
	assert.False(t, bool(items[0].IsSellerCustomService))
	assert.False(t, items[0].IsCloudmoreService())
	assert.True(t, items[1].IsCloudmoreService(), "both flags false: provided by Cloudmore")
	assert.NotEmpty(t, items[0].Raw)
}

func TestEstoreGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/Estore/"+portalServiceID), nil, "")
		writeJSON(t, w, http.StatusOK, `{"id":"`+portalServiceID+`","name":"Box.com","categories":[{"name":"Collaboration"}]}`)
	})
	d, _, err := c.Estore.Get(context.Background(), portalOrgID, portalServiceID)
	require.NoError(t, err)
	assert.Equal(t, portalServiceID, d.ID)
	assert.Equal(t, "Box.com", d.Name)
	assert.Contains(t, string(d.Raw), "Collaboration")
}

func TestServicesList(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/services"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "services_list.json"))
	})
	svcs, _, err := c.Services.List(context.Background(), portalOrgID)
	require.NoError(t, err)
	require.Len(t, svcs, 1)
	assert.Equal(t, "Box.com", svcs[0].Name)
	assert.True(t, bool(svcs[0].IsResellerCustomService))
	assert.NotEmpty(t, svcs[0].Raw)
}

func TestServicesGet(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/services/"+portalServiceID), nil, "")
		writeJSON(t, w, http.StatusOK, `{"id":"`+portalServiceID+`","name":"Box.com","currencyCode":"SEK"}`)
	})
	d, _, err := c.Services.Get(context.Background(), portalOrgID, portalServiceID)
	require.NoError(t, err)
	assert.Equal(t, portalServiceID, d.ID)
	assert.Contains(t, string(d.Raw), `"currencyCode":"SEK"`)
}

func TestServicesAdd(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		// The guide's example body.
		wantRequest(t, r, http.MethodPost, brokerPath("organizations/"+portalOrgID+"/services"), nil,
			`{"id":"9341fbc2-e567-4a9d-a2a0-f9016e970ff2","currencyCode":"SEK"}`)
		w.WriteHeader(http.StatusCreated) // the guide's example answer: 201, nothing else
	})
	created, resp, err := c.Services.Add(context.Background(), portalOrgID,
		&AddServiceRequest{ID: "9341fbc2-e567-4a9d-a2a0-f9016e970ff2", CurrencyCode: "SEK"})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Empty(t, created.ID)
	assert.Empty(t, created.Body)
}

func TestServicesAddValidation(t *testing.T) {
	cases := []struct {
		name  string
		org   string
		req   *AddServiceRequest
		field string
	}{
		{"nil", portalOrgID, nil, "body"},
		{"id missing", portalOrgID, &AddServiceRequest{CurrencyCode: "SEK"}, "id"},
		{"id not a GUID", portalOrgID, &AddServiceRequest{ID: "box", CurrencyCode: "SEK"}, "id"},
		{"currency missing", portalOrgID, &AddServiceRequest{ID: portalServiceID}, "currencyCode"},
		{"currency lower case", portalOrgID, &AddServiceRequest{ID: portalServiceID, CurrencyCode: "sek"}, "currencyCode"},
		{"currency too long", portalOrgID, &AddServiceRequest{ID: portalServiceID, CurrencyCode: "SEKK"}, "currencyCode"},
		{"organization id", "..", &AddServiceRequest{ID: portalServiceID, CurrencyCode: "SEK"}, "organizationId"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			_, _, err := c.Services.Add(context.Background(), tc.org, tc.req)
			assertNoRequest(t, ts, err, tc.field)
		})
	}
}

func TestServicesUpdate(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPut, brokerPath("organizations/"+portalOrgID+"/services/"+portalServiceID), nil,
			`{"externalId":"T-100","currencyCode":"SEK"}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Services.Update(context.Background(), portalOrgID, portalServiceID,
		&UpdateServiceRequest{Extra: map[string]any{"externalId": "T-100", "currencyCode": "SEK"}})
	require.NoError(t, err)
}

func TestServicesUpdateCustomProperties(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPatch, brokerPath("organizations/"+portalOrgID+"/services/"+portalServiceID), nil,
			`{"customProperties":[{"id":"CS0001","value":"blue"}]}`)
		w.WriteHeader(http.StatusNoContent)
	})
	_, err := c.Services.UpdateCustomProperties(context.Background(), portalOrgID, portalServiceID,
		&UpdateServiceCustomPropertiesRequest{Extra: map[string]any{
			"customProperties": []CustomPropertyValue{{ID: "CS0001", Value: "blue"}},
		}})
	require.NoError(t, err)
}

func TestServicesRemove(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodDelete, brokerPath("organizations/"+portalOrgID+"/services/"+portalServiceID), nil, "")
		w.WriteHeader(http.StatusOK)
	})
	_, err := c.Services.Remove(context.Background(), portalOrgID, portalServiceID)
	require.NoError(t, err)
}

func TestServicesListProducts(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodGet, brokerPath("organizations/"+portalOrgID+"/services/"+portalServiceID+"/products"), nil, "")
		writeJSON(t, w, http.StatusOK, fixture(t, "services_products_list.json"))
	})
	products, _, err := c.Services.ListProducts(context.Background(), portalOrgID, portalServiceID)
	require.NoError(t, err)
	require.Len(t, products, 1)
	p := products[0]
	assert.Equal(t, "8f595f5e-23d7-489d-8843-d123a24f979d", p.ResellerID)
	assert.Equal(t, "8d061500-8c70-4fd8-8e34-829fbe5c6795", p.OrganizationID)
	assert.Equal(t, portalServiceID, p.ServiceID)
	assert.Equal(t, portalProductID, p.ProductID)
	assert.Equal(t, "Gold", p.Name)
	assert.Equal(t, "Box yearly subscription", p.Description)
	assert.Equal(t, "BOX1copy", p.ItemCode)
	assert.Equal(t, 12, p.SubscriptionPeriod)
	assert.Equal(t, 1, p.PaymentFrequency)
	assert.Equal(t, "1", p.MinimumQuantity.Text())
	assert.Equal(t, 0, p.TrialPeriod)
	assert.Equal(t, "50.00", p.Cost.Text(), "the broker's cost, exact")
	assert.Equal(t, "100.00", p.Price.Text(), "the organization's sales price, exact")
	assert.Equal(t, "GBP", p.CurrencyCode)
	require.Len(t, p.CustomProperties, 3)
	assert.Equal(t, ServiceProductCustomProperty{Type: CustomPropertyTextbox, ID: "CS0001", Name: "Custom 1", Visible: true}, p.CustomProperties[0])
	assert.Equal(t, CustomPropertyDropdown, p.CustomProperties[1].Type)
	assert.Equal(t, CustomPropertyCheckbox, p.CustomProperties[2].Type)
	assert.NotEmpty(t, p.Raw)
}

func TestServicesIDsMustBeGUIDs(t *testing.T) {
	calls := map[string]func(c *Client) error{
		"Get": func(c *Client) error {
			_, _, err := c.Services.Get(context.Background(), portalOrgID, "box")
			return err
		},
		"Remove": func(c *Client) error {
			_, err := c.Services.Remove(context.Background(), portalOrgID, "box")
			return err
		},
		"Update": func(c *Client) error {
			_, err := c.Services.Update(context.Background(), portalOrgID, "box", &UpdateServiceRequest{Extra: map[string]any{"name": "x"}})
			return err
		},
		"UpdateCustomProperties": func(c *Client) error {
			_, err := c.Services.UpdateCustomProperties(context.Background(), portalOrgID, "box", &UpdateServiceCustomPropertiesRequest{Extra: map[string]any{"customProperties": []any{}}})
			return err
		},
		"ListProducts": func(c *Client) error {
			_, _, err := c.Services.ListProducts(context.Background(), portalOrgID, "box")
			return err
		},
		"Estore.Get": func(c *Client) error {
			_, _, err := c.Estore.Get(context.Background(), portalOrgID, "box")
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, ts := setup(t)
			assertNoRequest(t, ts, call(c), "serviceId")
		})
	}
	t.Run("Estore.List", func(t *testing.T) {
		c, ts := setup(t)
		_, _, err := c.Estore.List(context.Background(), "")
		assertNoRequest(t, ts, err, "organizationId")
	})
	t.Run("nil update bodies", func(t *testing.T) {
		c, ts := setup(t)
		_, err := c.Services.Update(context.Background(), portalOrgID, portalServiceID, nil)
		assertNoRequest(t, ts, err, "body")
		_, err = c.Services.UpdateCustomProperties(context.Background(), portalOrgID, portalServiceID, nil)
		assertNoRequest(t, ts, err, "body")
	})
}

func TestServicesAddReportsEveryField(t *testing.T) {
	c, ts := setup(t)
	_, _, err := c.Services.Add(context.Background(), "x", &AddServiceRequest{ID: "nope", CurrencyCode: "kronor"})
	assertInvalidFields(t, ts, err, "organizationId", "id", "currencyCode")
	_, _, err = c.Services.Add(context.Background(), portalOrgID, &AddServiceRequest{})
	assertInvalidFields(t, ts, err, "id", "currencyCode")
}
