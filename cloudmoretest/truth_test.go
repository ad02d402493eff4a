package cloudmoretest_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// TestFakeRefusesNothingTheSDKDoesNotDocument: a 400 model-state answer of the fake names
// only body members a typed field of the SDK documents, or the operation's query and path
// parameters. Every server the fake's own tests start is checked when its test ends
// (export_test.go); this test shows the check catching a planted violation, then sweeps every
// operation the SDK declares with minimal bodies ({}, one undocumented member, the typed
// body's zero value) against the seeded fake.
func TestFakeRefusesNothingTheSDKDoesNotDocument(t *testing.T) {
	t.Run("planted", func(t *testing.T) {
		srv := cloudmoretest.NewServer(t)
		const create = "POST /api/resellers/{resellerId}/organizations/{organizationId}/manualbilling"
		srv.PlantRefusal(create, "serviceId") // documented: not a violation
		srv.PlantRefusal(create, "qty")
		srv.PlantRefusal("GET /api/resellers/{resellerId}/billing/reports/MonthlyBillingPerOrganization", "startDate") // a query parameter
		refused, checked := srv.UndocumentedRefusals()
		assert.Equal(t, 3, checked)
		assert.Equal(t, []cloudmoretest.UnverifiedMember{{Operation: "ManualBilling.Create", Member: "qty"}}, refused)
		srv.ForgetRefusals()
	})

	t.Run("sweep", func(t *testing.T) {
		checked := map[bool]int{} // seller side? -> model-state answers checked
		for _, op := range cloudmore.Operations() {
			a := newAPI(t)
			p := sweepPath(a.srv, op.Path)
			for _, body := range sweepBodies(op) {
				a.do(op.Method, p, body)
			}
			refused, n := a.srv.UndocumentedRefusals()
			assert.Empty(t, refused, "%s", op)
			checked[strings.HasPrefix(op.Path, "/api/sellers/")] += n
		}
		// Both sides' handlers run behind the check: the sweep got answers to check from each.
		assert.Greater(t, checked[false], 50, "broker side")
		assert.Greater(t, checked[true], 5, "seller side")
	})
}

// sweepPath fills a Swagger path's placeholders with the seeded fake's ids (any other
// placeholder gets a GUID that names nothing).
func sweepPath(srv *cloudmoretest.Server, template string) string {
	ids := map[string]string{
		"resellerid": srv.ResellerID(), "sellerid": srv.SellerID(),
		"organizationid": cloudmoretest.SeedOrganization1ID, "serviceid": cloudmoretest.BoxServiceID,
		"subscriptionid": cloudmoretest.SeedSubscriptionID, "productid": cloudmoretest.GoldProductID,
	}
	var b strings.Builder
	for rest := template; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String()
		}
		j := strings.IndexByte(rest, '}')
		b.WriteString(rest[:i])
		v, ok := ids[strings.ToLower(rest[i+1:j])]
		if !ok {
			v = "0b6c4c7e-3f0d-4a53-9d7c-6f5e2a1b9c80"
		}
		b.WriteString(v)
		rest = rest[j+1:]
	}
}

// sweepBodies are the minimal bodies sent to op: none, {}, one member no source documents,
// and the JSON of its body type's zero value.
func sweepBodies(op cloudmore.Operation) []any {
	out := []any{nil, "{}", `{"sweepMember": 1}`}
	if op.Body != nil {
		t := op.Body
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if b, err := json.Marshal(reflect.New(t).Elem().Interface()); err == nil {
			out = append(out, string(b))
		}
	}
	return out
}
