package cloudmore

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func guideReport(t *testing.T) *BillingReport {
	t.Helper()
	rep, err := ReadBillingReport(bytes.NewReader(fixture(t, "billing_monthly_per_organization.json")))
	require.NoError(t, err)
	return rep
}

func TestBillingLines(t *testing.T) {
	lines := guideReport(t).Lines()
	require.Len(t, lines, 2)
	l := lines[0]
	assert.Equal(t, "2020-04-29T23:59:59Z", string(must(l.BillingDate.MarshalText())))
	assert.Equal(t, "91465f52-dabc-4b5e-8027-991539ad7066", l.OrganizationID)
	assert.Equal(t, "Ermantest0110", l.OrganizationName)
	assert.Equal(t, "", l.CustomerNumber)
	assert.Equal(t, "a65727d5-3d23-455d-9ee6-9c843e13dd0a", l.ServiceID)
	assert.Equal(t, "Box.com", l.ServiceName)
	assert.Equal(t, "Box for Sales Department ", l.ItemName)
	assert.Equal(t, "587c84f5-820c-4673-97e5-dd99e3e17623", l.ProductID)
	assert.Equal(t, "Box Enterprise ", l.ProductName)
	assert.Equal(t, "BOXENT001", l.ItemCode)
	assert.Equal(t, "10.0000", l.Quantity.Text())
	assert.Equal(t, "47.36", l.UnitCost.Text())
	assert.Equal(t, "473.58", l.TotalCost.Text())
	assert.Equal(t, "71.04", l.UnitPrice.Text())
	assert.Equal(t, "710.37", l.TotalPrice.Text())
	assert.Equal(t, "SEK", l.CurrencyCode)
	assert.Equal(t, "BOXST001", lines[1].ItemCode)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestBillingLinesItemWithoutProducts(t *testing.T) {
	o := &OrganizationBilling{Name: "O", OrganizationID: "o", Services: []ServiceBilling{{
		ServiceName: "S", CurrencyCode: "EUR", TotalResellerPrice: MustDecimal("3.00"), TotalCustomerPrice: MustDecimal("4.00"),
		Items: []BillingItem{{ItemName: "manual line", Quantity: MustDecimal("1"), TotalResellerPrice: MustDecimal("3.00"),
			TotalCustomerPrice: MustDecimal("4.00"), ResellerPricePerUnit: MustDecimal("3.00"), CustomerPricePerUnit: MustDecimal("4.00")}},
	}}}
	lines := o.Lines()
	require.Len(t, lines, 1)
	assert.Equal(t, "manual line", lines[0].ItemName)
	assert.Equal(t, "", lines[0].ProductID)
	assert.Equal(t, "3.00", lines[0].TotalCost.Text())
	assert.Empty(t, o.Check(), "the item's own amounts are its line")
}

func TestBillingTotalsAndCheckOnGuideExample(t *testing.T) {
	rep := guideReport(t)
	tot := rep.Totals()
	require.Len(t, tot.Services, 1)
	s := tot.Services[0]
	assert.Equal(t, "Box.com", s.ServiceName)
	assert.Equal(t, "828.76", s.Cost.Text(), "473.58 + 355.18")
	assert.Equal(t, "1124.75", s.Price.Text(), "710.37 + 414.38")
	assert.Equal(t, 2, s.Lines)
	require.Len(t, tot.Organizations, 1)
	assert.Equal(t, "", tot.Organizations[0].ServiceID)
	assert.Equal(t, "828.76", tot.Organizations[0].Cost.Text())
	assert.Equal(t, "1124.75", tot.Organizations[0].Price.Text())

	// The guide states 919.93 / 1994.95: the broker must see both differences.
	diffs := rep.Check()
	require.Len(t, diffs, 2)
	cost, price := diffs[0], diffs[1]
	assert.Equal(t, "service", cost.Level)
	assert.Equal(t, "totalResellerPrice", cost.Field)
	assert.Equal(t, "919.93", cost.Stated.Text())
	assert.Equal(t, "828.76", cost.Computed.Text())
	assert.Equal(t, "91.17", cost.Difference.Text())
	assert.Equal(t, "SEK", cost.CurrencyCode)
	assert.Equal(t, "Box.com", cost.ServiceName)
	assert.Equal(t, "Ermantest0110", cost.OrganizationName)
	assert.Equal(t, "totalCustomerPrice", price.Field)
	assert.Equal(t, "1994.95", price.Stated.Text())
	assert.Equal(t, "1124.75", price.Computed.Text())
	assert.Equal(t, "870.20", price.Difference.Text())
	assert.Contains(t, cost.String(), "totalResellerPrice states 919.93 SEK, its lines add up to 828.76 (difference 91.17)")
}

func TestBillingCheckFindsTheSmallestDifference(t *testing.T) {
	o := &OrganizationBilling{Name: "O", Services: []ServiceBilling{{
		ServiceName: "S", TotalResellerPrice: MustDecimal("0.30"), TotalCustomerPrice: MustDecimal("0.30"),
		Items: []BillingItem{{ItemName: "i", TotalResellerPrice: MustDecimal("0.3"), TotalCustomerPrice: MustDecimal("0.31"),
			Products: []BillingProduct{
				{TotalResellerPrice: MustDecimal("0.1"), TotalCustomerPrice: MustDecimal("0.1")},
				{TotalResellerPrice: MustDecimal("0.2"), TotalCustomerPrice: MustDecimal("0.2000000000000000000000000001")},
			}}},
	}}}
	diffs := o.Check()
	// cost adds up exactly (0.1 + 0.2 == 0.30, no float error); the price differs twice:
	// the item states 0.31, the service 0.30, and the products add up to 0.3000...0001.
	require.Len(t, diffs, 2)
	assert.Equal(t, "item", diffs[0].Level)
	assert.Equal(t, "totalCustomerPrice", diffs[0].Field)
	assert.Equal(t, "0.0099999999999999999999999999", diffs[0].Difference.Text())
	assert.Equal(t, "service", diffs[1].Level)
	assert.Equal(t, "-0.0000000000000000000000000001", diffs[1].Difference.Text())
}

func TestBillingTotalsAcrossOrganizationsAndStreaming(t *testing.T) {
	in := `[{"billingDate":"2020-04-01T00:00:00","organizations":[
	 {"name":"A","orgId":"a","services":[
	   {"serviceName":"S1","serviceId":"s1","currencyCode":"SEK","items":[{"itemName":"x","products":[{"totalResellerPrice":"1.01","totalCustomerPrice":"2"},{"totalResellerPrice":"0.99","totalCustomerPrice":"2.50"}]}]},
	   {"serviceName":"S2","serviceId":"s2","currencyCode":"SEK","items":[{"itemName":"y","products":[{"totalResellerPrice":"10","totalCustomerPrice":"20"}]}]},
	   {"serviceName":"S3","serviceId":"s3","currencyCode":"EUR","items":[{"itemName":"z","products":[{"totalResellerPrice":"1","totalCustomerPrice":"1"}]}]}]},
	 {"name":"B","orgId":"b","services":[
	   {"serviceName":"S1","serviceId":"s1","currencyCode":"SEK","items":[{"itemName":"x","products":[{"totalResellerPrice":"5","totalCustomerPrice":"6"}]}]}]}]},
	 {"billingDate":"2020-04-15T00:00:00","organizations":[
	 {"name":"A","orgId":"a","services":[
	   {"serviceName":"S1","serviceId":"s1","currencyCode":"SEK","items":[{"itemName":"x","products":[{"totalResellerPrice":"7","totalCustomerPrice":"8"}]}]}]}]}]`
	var tot BillingTotals
	for o, err := range DecodeBillingReport(strings.NewReader(in)) {
		require.NoError(t, err)
		tot.Add(o.Lines()...)
	}
	type row struct{ org, svc, curr, cost, price string }
	var got []row
	for _, s := range tot.Services {
		got = append(got, row{s.OrganizationID, s.ServiceID, s.CurrencyCode, s.Cost.Text(), s.Price.Text()})
	}
	assert.Equal(t, []row{
		{"a", "s1", "SEK", "2.00", "4.50"}, {"a", "s2", "SEK", "10", "20"}, {"a", "s3", "EUR", "1", "1"},
		{"b", "s1", "SEK", "5", "6"}, {"a", "s1", "SEK", "7", "8"},
	}, got)
	got = nil
	for _, s := range tot.Organizations {
		got = append(got, row{s.OrganizationID, s.ServiceID, s.CurrencyCode, s.Cost.Text(), s.Price.Text()})
	}
	assert.Equal(t, []row{
		{"a", "", "SEK", "12.00", "24.50"}, {"a", "", "EUR", "1", "1"}, {"b", "", "SEK", "5", "6"}, {"a", "", "SEK", "7", "8"},
	}, got, "per billing date and currency")
}

func TestWriteBillingCSV(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteBillingCSV(&buf, guideReport(t).Lines()))
	want := "billingDate,organizationId,organizationName,customerNumber,serviceId,serviceName,itemName,productId,productName,itemCode,quantity,unitCost,totalCost,unitPrice,totalPrice,currencyCode\n" +
		"2020-04-29T23:59:59Z,91465f52-dabc-4b5e-8027-991539ad7066,Ermantest0110,,a65727d5-3d23-455d-9ee6-9c843e13dd0a,Box.com,Box for Sales Department ,587c84f5-820c-4673-97e5-dd99e3e17623,Box Enterprise ,BOXENT001,10.0000,47.36,473.58,71.04,710.37,SEK\n" +
		"2020-04-29T23:59:59Z,91465f52-dabc-4b5e-8027-991539ad7066,Ermantest0110,,a65727d5-3d23-455d-9ee6-9c843e13dd0a,Box.com,\"Box subscription - Mark \",573b0152-805e-428e-bab2-ee8e573f51a1,Box Starter ,BOXST001,10.0000,35.52,355.18,41.44,414.38,SEK\n"
	// encoding/csv quotes a field only when it must; compare records rather than quoting.
	gotRecs, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	wantRecs, err := csv.NewReader(strings.NewReader(want)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, wantRecs, gotRecs)
	assert.Equal(t, BillingCSVHeader(), gotRecs[0])

	// Names with commas, quotes and line breaks survive a round trip.
	var b2 bytes.Buffer
	w := NewBillingCSVWriter(&b2)
	require.NoError(t, w.Write(BillingLine{OrganizationName: "Acme, \"Inc\"\nSweden", TotalCost: MustDecimal("-1.50")}))
	require.NoError(t, w.Write())
	require.NoError(t, w.Flush())
	recs, err := csv.NewReader(&b2).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 2, "one header row")
	assert.Equal(t, "Acme, \"Inc\"\nSweden", recs[1][2])
	assert.Equal(t, "-1.50", recs[1][12])
	assert.Equal(t, "", recs[1][0], "a zero billing date is empty")
}
