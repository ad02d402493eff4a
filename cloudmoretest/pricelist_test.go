package cloudmoretest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// findRow returns the raw JSON of the price-list row with itemCode.
func findRow(t *testing.T, body []byte, itemCode string) string {
	t.Helper()
	var rows []json.RawMessage
	require.NoError(t, json.Unmarshal(body, &rows))
	for _, r := range rows {
		if strings.Contains(string(r), `"itemCode":"`+itemCode+`"`) {
			return string(r)
		}
	}
	t.Fatalf("no row %s in %s", itemCode, body)
	return ""
}

func TestBrokerPricelistGuideRow(t *testing.T) {
	a := newAPI(t, noSeed)
	body := a.get("services/"+cloudmoretest.CSPServiceID+"/pricelist?currencyCode=GBP", nil)
	assert.JSONEq(t, `{
		"service": "Microsoft O365 CSP Direct",
		"productId": "00000000-0000-0000-0000-000000000000",
		"name": "Dynamics 365 Customer Engagement Plan for Students Add-On for CRM Pro (Qualified Offer)",
		"itemCode": "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252",
		"cost": "11.20",
		"recommendedPrice": "14.99",
		"salesPrice": "14.99",
		"margin": "3.79",
		"marginPercentage": "25.283522348232154769846564380",
		"currencyCode": "GBP",
		"addons": []
	}`, findRow(t, body, "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252"))

	box := a.get("services/"+cloudmoretest.BoxServiceID+"/pricelist", nil)
	assert.Contains(t, findRow(t, box, "BOX1copy"), `"productId":"bf5f9d65-bdf7-4f99-9415-0fa642453554"`)
	assert.Contains(t, findRow(t, box, "BOX1copy"), `"marginPercentage":"50.0"`)

	sek := a.get("services/"+cloudmoretest.BoxServiceID+"/pricelist?currencyCode=SEK", nil)
	assert.Contains(t, findRow(t, sek, "BOX1copy"), `"salesPrice":"1352.94"`)
	a.wantInvalid("not supported", http.MethodGet, "services/"+cloudmoretest.BoxServiceID+"/pricelist?currencyCode=XYZ", nil)
	a.wantStatus(http.StatusNotFound, http.MethodGet, "services/00000000-0000-0000-0000-000000000009/pricelist", nil)
}

func TestBrokerPricelistUpdate(t *testing.T) {
	a := newAPI(t, noSeed)
	p := "services/" + cloudmoretest.BoxServiceID + "/pricelist"
	a.wantStatus(http.StatusNoContent, http.MethodPut, p, map[string]any{"itemId": cloudmoretest.GoldProductID, "salesPrice": 120.50})
	assert.Contains(t, findRow(t, a.get(p, nil), "BOX1copy"), `"salesPrice":"120.50","margin":"70.50"`)
	a.wantInvalid("not a product", http.MethodPut, p, map[string]any{"itemId": "nope", "salesPrice": 1})
	a.wantInvalid("kept in GBP", http.MethodPut, p, map[string]any{"itemId": cloudmoretest.GoldProductID, "salesPrice": 1, "currencyCode": "SEK"})
	a.wantFields(http.MethodPut, p, map[string]any{"itemId": cloudmoretest.GoldProductID, "salesPrice": -1}, "SalesPrice")

	// The broker price is every organization's default.
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	var products []map[string]any
	a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/products", &products)
	assert.Equal(t, "120.50", products[0]["price"])

	// CSP rows are named by item code, per segment.
	csp := "services/" + cloudmoretest.CSPServiceID + "/pricelist"
	a.wantStatus(http.StatusNoContent, http.MethodPut, csp, map[string]any{"itemId": cloudmoretest.BusinessBasicNCE, "salesPrice": 3.99, "segment": "charity"})
	assert.Contains(t, findRow(t, a.get(csp+"?segment=charity", nil), cloudmoretest.BusinessBasicNCE), `"salesPrice":"3.99"`)
	assert.Contains(t, findRow(t, a.get(csp, nil), cloudmoretest.BusinessBasicNCE), `"salesPrice":"4.90"`)
	a.wantInvalid("not eligible", http.MethodPut, csp, map[string]any{"itemId": cloudmoretest.BusinessBasicNCE, "salesPrice": 3, "segment": "government"})
}

func TestOrganizationPricelist(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrgWithBox("Acme", "acme.example", "GBP")
	p := "organizations/" + id + "/services/" + cloudmoretest.BoxServiceID + "/pricelist"
	row := findRow(t, a.get(p, nil), "BOX1copy")
	assert.JSONEq(t, `{"service":"Box.com","productId":"bf5f9d65-bdf7-4f99-9415-0fa642453554","name":"Gold","itemCode":"BOX1copy",
		"cost":"50.00","recommendedPrice":"100.00","salesPrice":"100.00","margin":"50.00","marginPercentage":"50.0",
		"currencyCode":"GBP","customServiceProduct":true,"priceListType":null,"addons":[]}`, row)

	body := map[string]any{"productId": cloudmoretest.GoldProductID, "itemCode": "BOX1copy", "currencyCode": "GBP",
		"salesPrice": 90.00, "startupFee": 0, "customServiceProduct": true}
	a.wantStatus(http.StatusNoContent, http.MethodPut, p, body)
	assert.Contains(t, findRow(t, a.get(p, nil), "BOX1copy"), `"salesPrice":"90.00","margin":"40.00","marginPercentage":"44.444444444444444444444444440"`)
	var products []map[string]any
	a.get("organizations/"+id+"/services/"+cloudmoretest.BoxServiceID+"/products", &products)
	assert.Equal(t, "90.00", products[0]["price"])

	// Another organization keeps the broker price.
	other := a.newOrgWithBox("Beta", "beta.example", "GBP")
	assert.Contains(t, findRow(t, a.get("organizations/"+other+"/services/"+cloudmoretest.BoxServiceID+"/pricelist", nil), "BOX1copy"), `"salesPrice":"100.00"`)

	body["currencyCode"] = "SEK"
	a.wantInvalid("are in GBP, not SEK", http.MethodPut, p, body)
	body["currencyCode"], body["segment"] = "GBP", "education"
	a.wantInvalid("Microsoft 365 CSP Direct only", http.MethodPut, p, body)
	delete(body, "segment")
	body["itemCode"] = "OTHER"
	a.wantInvalid("does not belong", http.MethodPut, p, body)
	a.wantFields(http.MethodPut, p, map[string]any{"productId": cloudmoretest.GoldProductID}, "CurrencyCode", "SalesPrice")
	a.wantStatus(http.StatusNotFound, http.MethodGet, "organizations/"+id+"/services/"+cloudmoretest.CSPServiceID+"/pricelist", nil)
}

func TestOrganizationPricelistCSPGuideBody(t *testing.T) {
	a := newAPI(t, noSeed)
	id := a.newOrg("Acme", "acme.example")
	a.create("organizations/"+id+"/services/Csp", cspBody("acmeltd", "GBP"))
	p := "organizations/" + id + "/services/" + cloudmoretest.CSPServiceID + "/pricelist"
	// The guide's example body.
	a.wantStatus(http.StatusNoContent, http.MethodPut, p, `{
		"productId": "00000000-0000-0000-0000-000000000000",
		"itemCode": "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252",
		"currencyCode": "GBP", "salesPrice": 18.50, "startupFee": 0, "customServiceProduct": false}`)
	row := findRow(t, a.get(p, nil), "CM-01TIER-00282A15-250D-4E01-8534-AA9866C3F252")
	assert.Contains(t, row, `"salesPrice":"18.50","margin":"7.30"`)
	assert.Contains(t, row, `"customServiceProduct":false`)
	var products []map[string]any
	a.get("organizations/"+id+"/services/Csp/products", &products)
	assert.Equal(t, "18.50", products[1]["price"])
}
