package cloudmore

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecimalUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want string // Text of the result
	}{
		{`"282.80"`, "282.80"},
		{`"25.283522348232154769846564380"`, "25.283522348232154769846564380"},
		{`282.80`, "282.80"},
		{`10.0000`, "10.0000"},
		{`0`, "0"},
		{`-1.5`, "-1.5"},
		{`1e3`, "1000"},
		{`1E-2`, "0.01"},
		{`"1e3"`, "1000"},
		{`"-0.00"`, "0.00"},
		{`"\u0031.50"`, "1.50"}, // escaped string
		{`null`, "0"},
		{`""`, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := MustDecimal("99.99") // decoding must replace the old value
			require.NoError(t, json.Unmarshal([]byte(tt.in), &d))
			assert.Equal(t, tt.want, d.Text())
		})
	}
}

func TestDecimalUnmarshalJSONErrors(t *testing.T) {
	for _, in := range []string{
		`" 1.5 "`, `"1.5 "`, `"abc"`, `"1.2.3"`, `"1,5"`, `"NaN"`, `"Infinity"`, `"."`, `"-"`,
		`true`, `{}`, `[]`, `"1e1001"`, `1e-1001`, `"1e99999999999"`,
	} {
		t.Run(in, func(t *testing.T) {
			var d Decimal
			err := json.Unmarshal([]byte(in), &d)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "decimal")
		})
	}
}

func TestDecimalErrorQuotesTruncatedInput(t *testing.T) {
	bad := strings.Repeat("x", 100)
	var d Decimal
	err := d.UnmarshalJSON([]byte(`"` + bad + `"`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"`+strings.Repeat("x", 64)+`..."`)
	assert.NotContains(t, err.Error(), strings.Repeat("x", 65))

	_, err = NewDecimal(" 1.5 ")
	assert.EqualError(t, err, `cloudmore: invalid decimal " 1.5 "`)
}

func TestDecimalMarshalJSON(t *testing.T) {
	tests := []struct {
		d    Decimal
		want string
	}{
		{MustDecimal("282.80"), `282.80`},
		{MustDecimal("10.0000"), `10.0000`},
		{MustDecimal("25.283522348232154769846564380"), `25.283522348232154769846564380`},
		{MustDecimal("-0.5"), `-0.5`},
		{MustDecimal("1e3"), `1000`},
		{DecimalFromInt(42), `42`},
		{Decimal{}, `0`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.d)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(b))
	}
}

func TestDecimalConstructors(t *testing.T) {
	d, err := NewDecimal("282.80")
	require.NoError(t, err)
	assert.Equal(t, "282.80", d.Text())
	assert.Equal(t, "282.80", d.String(), "String keeps the scale Cloudmore sent")
	assert.Equal(t, "282.80", fmt.Sprintf("%v", d))
	//lint:ignore S1025 the %s verb itself is under test
	assert.Equal(t, "282.80", fmt.Sprintf("%s", d))
	assert.Equal(t, "282.80 281.80", fmt.Sprint(d, " ", d.Sub(DecimalFromInt(1))))

	for _, s := range []string{"", " 1", "1 ", "1,5", "abc"} {
		_, err := NewDecimal(s)
		assert.Error(t, err, "%q", s)
	}
	assert.Panics(t, func() { MustDecimal("abc") })
	assert.Equal(t, "-7", DecimalFromInt(-7).Text())

	n := MustDecimal("18.50")
	assert.Equal(t, "18.50", n.Text())
	assert.Equal(t, "18.50", Decimal(n).Text())
}

func TestDecimalText(t *testing.T) {
	var d Decimal
	require.NoError(t, d.UnmarshalText([]byte("377.10")))
	assert.Equal(t, "377.10", d.Text())
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "377.10", string(b))

	require.NoError(t, d.UnmarshalText(nil))
	assert.True(t, d.IsZero())
	assert.Error(t, d.UnmarshalText([]byte("1.5 ")))
}

func TestDecimalInStruct(t *testing.T) {
	// A billing report line from the API guide.
	const in = `{"quantity":10.0000,"totalResellerPrice":"473.58","resellerPricePerUnit":"47.36"}`
	var line struct {
		Quantity             Decimal `json:"quantity"`
		TotalResellerPrice   Decimal `json:"totalResellerPrice"`
		ResellerPricePerUnit Decimal `json:"resellerPricePerUnit"`
	}
	require.NoError(t, json.Unmarshal([]byte(in), &line))
	assert.Equal(t, "10.0000", line.Quantity.Text())
	assert.True(t, line.Quantity.Equal(DecimalFromInt(10)))
	assert.Equal(t, "473.58", line.TotalResellerPrice.Text())

	out, err := json.Marshal(line)
	require.NoError(t, err)
	assert.Equal(t, `{"quantity":10.0000,"totalResellerPrice":473.58,"resellerPricePerUnit":47.36}`, string(out),
		"one money type: encoded as JSON numbers with their scale, the form Cloudmore's requests take")
}

func TestNumberMarshalJSON(t *testing.T) {
	// The price-update request body from the API guide.
	req := struct {
		SalesPrice Decimal `json:"salesPrice"`
		StartupFee Decimal `json:"startupFee"`
	}{SalesPrice: MustDecimal("18.50")}
	b, err := json.Marshal(req)
	require.NoError(t, err)
	assert.Equal(t, `{"salesPrice":18.50,"startupFee":0}`, string(b))

	for in, want := range map[string]string{"18.50": "18.50", "-0.25": "-0.25", "1e2": "100", "0.000": "0.000"} {
		b, err := json.Marshal(MustDecimal(in))
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}

func TestNumberUnmarshalJSON(t *testing.T) {
	tests := map[string]string{
		`18.50`:    "18.50",
		`"18.50"`:  "18.50",
		`0`:        "0",
		`null`:     "0",
		`""`:       "0",
		`"1e3"`:    "1000",
		`10.0000`:  "10.0000",
		`-3.14159`: "-3.14159",
	}
	for in, want := range tests {
		var n Decimal
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, n.Text(), in)
	}
	for _, in := range []string{`" 18.50"`, `"x"`, `true`, `[1]`} {
		var n Decimal
		assert.Error(t, json.Unmarshal([]byte(in), &n), in)
	}
}

func TestNumberConstructorsAndText(t *testing.T) {
	n, err := NewDecimal("14.99")
	require.NoError(t, err)
	assert.Equal(t, "14.99", n.Text())
	_, err = NewDecimal("")
	assert.Error(t, err)
	assert.Panics(t, func() { MustDecimal("1.0.0") })

	b, err := n.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "14.99", string(b))
	var m Decimal
	require.NoError(t, m.UnmarshalText([]byte("15.00")))
	assert.Equal(t, "15.00", m.Text())
	require.NoError(t, m.UnmarshalText(nil))
	assert.True(t, m.IsZero())

	d := Decimal(n)
	assert.Equal(t, "14.99", d.Text())
	assert.Equal(t, n.Text(), d.Text())
}

func TestTimeUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2020-05-25T11:53:06.526Z"`, time.Date(2020, 5, 25, 11, 53, 6, 526e6, time.UTC)},
		{`"2020-05-25T11:53:06+02:00"`, time.Date(2020, 5, 25, 9, 53, 6, 0, time.UTC)},
		{`"2020-05-25T11:53:06.5-05:30"`, time.Date(2020, 5, 25, 17, 23, 6, 5e8, time.UTC)},
		{`"2020-01-17T00:00:00"`, time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC)},
		{`"2020-04-29T23:59:59"`, time.Date(2020, 4, 29, 23, 59, 59, 0, time.UTC)},
		{`"2020-01-17T00:00:00.1234567"`, time.Date(2020, 1, 17, 0, 0, 0, 123456700, time.UTC)},
		{`"2020-01-17"`, time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC)},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ts := NewTime(time.Now())
			require.NoError(t, json.Unmarshal([]byte(tt.in), &ts))
			assert.True(t, tt.want.Equal(ts.Time), "got %v, want %v", ts.Time, tt.want)
			if !tt.want.IsZero() && !strings.ContainsAny(tt.in[11:], "Z+-") {
				assert.Equal(t, time.UTC, ts.Location(), "zone-less text is read as UTC")
			}
		})
	}
}

func TestTimeUnmarshalJSONErrors(t *testing.T) {
	for _, in := range []string{
		`"garbage"`, `"2020-13-01T00:00:00"`, `"2020-02-30T00:00:00"`, `"2020-01-17T24:00:00"`,
		`"2020-01-17 00:00:00"`, `" 2020-01-17T00:00:00"`, `"2020-01-17T00:00:00 "`, `"20200117"`,
		`"0000-01-01T00:30:00+01:00"`, // year -1 in UTC: could not be written back
		`1589880000`, `true`, `{}`,
	} {
		var ts Time
		err := json.Unmarshal([]byte(in), &ts)
		assert.Error(t, err, in)
	}
}

func TestTimeMarshalJSON(t *testing.T) {
	tests := []struct {
		in   Time
		want string
	}{
		{Time{}, `null`},
		{NewTime(time.Date(2020, 5, 25, 11, 53, 6, 526e6, time.UTC)), `"2020-05-25T11:53:06.526Z"`},
		{NewTime(time.Date(2020, 1, 17, 0, 0, 0, 0, time.UTC)), `"2020-01-17T00:00:00Z"`},
		{NewTime(time.Date(2020, 5, 25, 11, 53, 6, 0, time.FixedZone("", 2*3600))), `"2020-05-25T09:53:06Z"`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(b))
	}

	_, err := json.Marshal(NewTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)))
	assert.Error(t, err)
}

func TestTimeRoundTrip(t *testing.T) {
	for _, in := range []string{
		`"2020-05-25T11:53:06.526Z"`, `"2020-05-25T11:53:06+02:00"`, `"2020-01-17T00:00:00.1234567"`,
		`"2020-01-17"`, `null`, `"0001-01-01T00:00:00Z"`, `"9999-12-31T23:59:59.999999999Z"`,
	} {
		var a, b Time
		require.NoError(t, json.Unmarshal([]byte(in), &a), in)
		out, err := json.Marshal(a)
		require.NoError(t, err, in)
		require.NoError(t, json.Unmarshal(out, &b), in)
		assert.True(t, a.Equal(b.Time), "%s -> %s", in, out)
	}
}

func TestTimeText(t *testing.T) {
	var ts Time
	require.NoError(t, ts.UnmarshalText([]byte("2020-04-29T23:59:59")))
	b, err := ts.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2020-04-29T23:59:59Z", string(b))

	require.NoError(t, ts.UnmarshalText(nil))
	assert.True(t, ts.IsZero())
	b, err = ts.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	assert.Error(t, ts.UnmarshalText([]byte("tomorrow")))
}

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2020-04-01")
	require.NoError(t, err)
	assert.Equal(t, Date{2020, time.April, 1}, d)

	d, err = ParseDate("2020-02-29")
	require.NoError(t, err)
	assert.Equal(t, NewDate(2020, time.February, 29), d)

	for _, s := range []string{
		"", "2020-02-30", "2021-02-29", "2020-13-01", "2020-00-10", "2020-4-1", "20-04-01",
		"2020-04-01T00:00:00", " 2020-04-01", "2020/04/01",
	} {
		_, err := ParseDate(s)
		assert.Error(t, err, "%q", s)
	}
}

func TestDateMethods(t *testing.T) {
	d := NewDate(2020, time.April, 1)
	assert.Equal(t, "2020-04-01", d.String())
	assert.Equal(t, "0042-01-09", Date{42, time.January, 9}.String())
	assert.False(t, d.IsZero())
	assert.True(t, Date{}.IsZero())
	assert.Equal(t, time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC), d.Time())

	assert.Equal(t, Date{2020, time.March, 1}, NewDate(2020, time.February, 30), "NewDate normalizes")
	assert.Equal(t, Date{2019, time.December, 31}, NewDate(2020, time.January, 0))

	// DateOf uses the time's own location.
	late := time.Date(2020, 4, 1, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	assert.Equal(t, d, DateOf(late))
	assert.Equal(t, Date{2020, time.April, 2}, DateOf(late.UTC()))

	later := []Date{NewDate(2020, 4, 2), NewDate(2020, 5, 1), NewDate(2021, 1, 1)}
	for _, u := range later {
		assert.True(t, d.Before(u), "%v before %v", d, u)
		assert.False(t, d.After(u), "%v after %v", d, u)
		assert.True(t, u.After(d), "%v after %v", u, d)
		assert.False(t, u.Before(d), "%v before %v", u, d)
	}
	assert.False(t, d.Before(d))
	assert.False(t, d.After(d))
}

func TestDateUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{`"2020-04-01"`, Date{2020, time.April, 1}},
		{`"2020-04-01T00:00:00"`, Date{2020, time.April, 1}},
		{`"2020-04-29T23:59:59"`, Date{2020, time.April, 29}},
		{`"2020-04-01T23:30:00-05:00"`, Date{2020, time.April, 1}}, // the date as written
		{`"2020-04-01T00:30:00.123+02:00"`, Date{2020, time.April, 1}},
		{`null`, Date{}},
		{`""`, Date{}},
	}
	for _, tt := range tests {
		d := NewDate(1999, 1, 1)
		require.NoError(t, json.Unmarshal([]byte(tt.in), &d), tt.in)
		assert.Equal(t, tt.want, d, tt.in)
	}
	for _, in := range []string{`"2020-02-30"`, `"2020-4-1"`, `"April 1"`, `20200401`, `true`, `{}`} {
		var d Date
		assert.Error(t, json.Unmarshal([]byte(in), &d), in)
	}
}

func TestDateMarshalJSON(t *testing.T) {
	v := struct {
		Start Date  `json:"startDate"`
		End   Date  `json:"endDate"`
		Next  *Date `json:"next,omitempty"`
	}{Start: NewDate(2020, time.April, 1)}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"startDate":"2020-04-01","endDate":null}`, string(b))

	_, err = json.Marshal(Date{2020, time.February, 30})
	assert.Error(t, err)
	_, err = json.Marshal(Date{10000, time.January, 1})
	assert.Error(t, err)

	text, err := NewDate(2020, 4, 30).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2020-04-30", string(text))
	var d Date
	require.NoError(t, d.UnmarshalText(text))
	assert.Equal(t, NewDate(2020, 4, 30), d)
}

func TestDateEncodeValues(t *testing.T) {
	type params struct {
		StartDate Date  `url:"startDate"`
		EndDate   Date  `url:"endDate,omitempty"`
		Since     *Date `url:"since"`
	}
	next := NewDate(2020, time.May, 1)

	tests := []struct {
		p    params
		want string
	}{
		{params{StartDate: NewDate(2020, 4, 1), EndDate: NewDate(2020, 4, 30)}, "endDate=2020-04-30&startDate=2020-04-01"},
		{params{StartDate: NewDate(2020, 4, 1)}, "startDate=2020-04-01"},
		{params{}, ""},
		{params{Since: &next}, "since=2020-05-01"},
	}
	for _, tt := range tests {
		v, err := query.Values(tt.p)
		require.NoError(t, err)
		assert.Equal(t, tt.want, v.Encode())
	}

	_, err := query.Values(params{StartDate: Date{2020, time.February, 30}})
	assert.Error(t, err)
}

func TestBillingCycleUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want BillingCycle
	}{
		{`1`, BillingCycleMonthly},
		{`"1"`, BillingCycleMonthly},
		{`2`, BillingCycleAnnual},
		{`0`, BillingCycleUnknown},
		{`4`, BillingCycleOneTime},
		{`"monthly"`, BillingCycleMonthly},
		{`"Annual"`, BillingCycleAnnual},
		{`"NONE"`, BillingCycleNone},
		{`"oneTime"`, BillingCycleOneTime},
		{`"Unknown"`, BillingCycleUnknown},
		{`7`, BillingCycle(7)},
		{`"7"`, BillingCycle(7)},
		{`null`, BillingCycleUnknown},
	}
	for _, tt := range tests {
		b := BillingCycleAnnual
		require.NoError(t, json.Unmarshal([]byte(tt.in), &b), tt.in)
		assert.Equal(t, tt.want, b, tt.in)
	}

	var supported []BillingCycle
	require.NoError(t, json.Unmarshal([]byte(`[2,1]`), &supported))
	assert.Equal(t, []BillingCycle{BillingCycleAnnual, BillingCycleMonthly}, supported)
}

func TestBillingCycleUnmarshalJSONErrors(t *testing.T) {
	for _, in := range []string{
		`-1`, `"-1"`, `1.5`, `1.0`, `"1.0"`, `1e0`, `"+1"`, `" 1"`, `""`, `"weekly"`, `"One Time"`,
		`true`, `{}`, `"99999999999999999999"`, `99999999999999999999`,
	} {
		var b BillingCycle
		assert.Error(t, json.Unmarshal([]byte(in), &b), in)
	}
}

func TestBillingCycleMarshalJSON(t *testing.T) {
	v := struct {
		BillingCycle BillingCycle   `json:"billingCycle"`
		Supported    []BillingCycle `json:"supportedBillingCycles"`
	}{BillingCycleMonthly, []BillingCycle{BillingCycleAnnual, BillingCycleMonthly}}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"billingCycle":1,"supportedBillingCycles":[2,1]}`, string(b))

	_, err = json.Marshal(BillingCycle(-1))
	assert.Error(t, err)
}

func TestBillingCycleString(t *testing.T) {
	tests := map[BillingCycle]string{
		BillingCycleUnknown: "Unknown",
		BillingCycleMonthly: "Monthly",
		BillingCycleAnnual:  "Annual",
		BillingCycleNone:    "None",
		BillingCycleOneTime: "OneTime",
		BillingCycle(7):     "BillingCycle(7)",
		BillingCycle(-1):    "BillingCycle(-1)",
	}
	for b, want := range tests {
		assert.Equal(t, want, b.String())
		assert.Equal(t, want != "BillingCycle(7)" && want != "BillingCycle(-1)", b.Valid(), want)
	}
}

func TestParseBillingCycle(t *testing.T) {
	for s, want := range map[string]BillingCycle{
		"0": BillingCycleUnknown, "1": BillingCycleMonthly, "3": BillingCycleNone, "12": BillingCycle(12),
		"Monthly": BillingCycleMonthly, "ANNUAL": BillingCycleAnnual, "onetime": BillingCycleOneTime,
	} {
		got, err := ParseBillingCycle(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "-1", "+1", "1.0", "Month", " Monthly", "Monthly "} {
		_, err := ParseBillingCycle(s)
		assert.Error(t, err, "%q", s)
	}
	// Every name parses back to its code.
	for b := BillingCycleUnknown; b.Valid(); b++ {
		got, err := ParseBillingCycle(b.String())
		require.NoError(t, err)
		assert.Equal(t, b, got)
	}
}

func TestBoolUnmarshalJSON(t *testing.T) {
	tests := map[string]Bool{
		`true`: true, `false`: false,
		`"true"`: true, `"false"`: false, `"True"`: true, `"FALSE"`: false,
		`"1"`: true, `"0"`: false, `1`: true, `0`: false,
		`null`: false,
	}
	for in, want := range tests {
		b := !want // decoding must overwrite
		require.NoError(t, json.Unmarshal([]byte(in), &b), in)
		assert.Equal(t, want, b, in)
	}
	for _, in := range []string{`"yes"`, `""`, `"null"`, `2`, `1.0`, `-1`, `"t"`, `" true"`, `{}`, `[]`} {
		var b Bool
		assert.Error(t, json.Unmarshal([]byte(in), &b), in)
	}
}

func TestBoolMarshalJSON(t *testing.T) {
	// The field from the API guide's price-list response.
	var v struct {
		CustomServiceProduct Bool `json:"customServiceProduct"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"customServiceProduct": "false"}`), &v))
	assert.False(t, bool(v.CustomServiceProduct))
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"customServiceProduct":false}`, string(b))

	b, err = json.Marshal(Bool(true))
	require.NoError(t, err)
	assert.Equal(t, `true`, string(b))
}

func TestSegment(t *testing.T) {
	for in, want := range map[string]Segment{
		`"education"`:  SegmentEducation,
		`"Education"`:  SegmentEducation,
		`"CHARITY"`:    SegmentCharity,
		`"Government"`: SegmentGovernment,
		`"commercial"`: SegmentCommercial,
		`"Reseller"`:   Segment("reseller"), // unknown values are kept
		`""`:           "",
		`null`:         "",
	} {
		s := SegmentCharity
		require.NoError(t, json.Unmarshal([]byte(in), &s), in)
		assert.Equal(t, want, s, in)
	}
	for _, in := range []string{`1`, `true`, `{}`} {
		var s Segment
		assert.Error(t, json.Unmarshal([]byte(in), &s), in)
	}

	b, err := json.Marshal(struct {
		Segment Segment `json:"segment,omitempty"`
	}{SegmentEducation})
	require.NoError(t, err)
	assert.Equal(t, `{"segment":"education"}`, string(b))

	for s, valid := range map[Segment]bool{
		SegmentCommercial: true, SegmentEducation: true, SegmentCharity: true, SegmentGovernment: true,
		"": false, "Education": false, "reseller": false,
	} {
		assert.Equal(t, valid, s.Valid(), "%q", s)
	}
}

// TestDecimalTypesInGuideResponse decodes the API guide's CSP price-list
// row, which mixes string money, a long margin and a string boolean.
func TestDecimalTypesInGuideResponse(t *testing.T) {
	const in = `[{ "service": "Microsoft O365 CSP Direct", "productId": "00000000-0000-0000-0000-000000000000", "cost": "11.20", "recommendedPrice": "15.00", "salesPrice": "14.99", "margin": "3.79", "marginPercentage": "25.283522348232154769846564380", "currencyCode": "GBP", "customServiceProduct": "false", "addons": [] }]`
	type row struct {
		Cost                 Decimal `json:"cost"`
		RecommendedPrice     Decimal `json:"recommendedPrice"`
		SalesPrice           Decimal `json:"salesPrice"`
		Margin               Decimal `json:"margin"`
		MarginPercentage     Decimal `json:"marginPercentage"`
		CurrencyCode         string  `json:"currencyCode"`
		CustomServiceProduct Bool    `json:"customServiceProduct"`
	}
	var rows []row
	require.NoError(t, json.Unmarshal([]byte(in), &rows))
	require.Len(t, rows, 1)
	r := rows[0]
	assert.Equal(t, "15.00", r.RecommendedPrice.Text())
	assert.True(t, r.SalesPrice.Sub(r.Cost).Equal(r.Margin))
	assert.Equal(t, "25.283522348232154769846564380", r.MarginPercentage.Text())

	out, err := json.Marshal(rows)
	require.NoError(t, err)
	var again []row
	require.NoError(t, json.Unmarshal(out, &again))
	require.Len(t, again, 1)
	assert.Equal(t, r.MarginPercentage.Text(), again[0].MarginPercentage.Text())
	assert.Equal(t, r.CustomServiceProduct, again[0].CustomServiceProduct)
}

func TestIsGUID(t *testing.T) {
	for s, want := range map[string]bool{
		"28c427f5-2c6c-40a0-8f40-343c724f576a":   true,
		"7779A4BA-BD21-457C-8B3F-B3BAA74FC99C":   true,
		"00000000-0000-0000-0000-000000000000":   true,
		"7779a4ba-BD21-457c-8B3F-b3baa74fc99c":   true,
		"{7779A4BA-BD21-457C-8B3F-B3BAA74FC99C}": false,
		"7779A4BABD21457C8B3FB3BAA74FC99C":       false,
		"7779A4BA-BD21-457C-8B3F-B3BAA74FC99":    false,
		"7779A4BA-BD21-457C-8B3F-B3BAA74FC99CA":  false,
		"7779A4BA-BD21-457C-8B3FB-3BAA74FC99C":   false,
		"g779A4BA-BD21-457C-8B3F-B3BAA74FC99C":   false,
		" 779A4BA-BD21-457C-8B3F-B3BAA74FC99C":   false,
		"91465f52-dabc-4b5e-8027- 991539ad7066":  false,
		"CS0001":                                 false,
		"":                                       false,
	} {
		assert.Equal(t, want, isGUID(s), "%q", s)
	}
}

func TestIsCurrencyAndCountryCode(t *testing.T) {
	for s, want := range map[string]bool{
		"SEK": true, "GBP": true, "USD": true,
		"sek": false, "Sek": false, "SE": false, "SEKK": false, "": false, "S1K": false, "ÅÄÖ": false,
		"ABC": false, "QQQ": false, // the right shape, but not ISO 4217 currencies
	} {
		assert.Equal(t, want, isCurrencyCode(s), "%q", s)
	}
	for s, want := range map[string]bool{
		"SE": true, "GB": true, "US": true,
		"se": false, "Se": false, "S": false, "SWE": false, "": false, "S1": false, "Ö": false,
		"ZZ": false, "AA": false, "EU": false, "QO": false, // the right shape, but not ISO 3166 countries
	} {
		assert.Equal(t, want, isCountryCode(s), "%q", s)
	}
}

func TestIsEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"john.doe@mytextorganization.com":     true,
		"a+tag@sub.example.co.uk":             true,
		"john.doe@mytextorganization. com":    false, // from the API guide, with a stray space
		"John Doe <john.doe@example.com>":     false,
		"<john.doe@example.com>":              false,
		" john.doe@example.com":               false,
		"john.doe@example.com ":               false,
		"john.doe@localhost":                  false,
		"john.doe@@example.com":               false,
		`"john@doe"@example.com`:              false,
		"john.doe":                            false,
		"@example.com":                        false,
		"john.doe@":                           false,
		"":                                    false,
		"john.doe@example.com, a@example.com": false,
	} {
		assert.Equal(t, want, isEmail(s), "%q", s)
	}
}

func TestIsDomain(t *testing.T) {
	long := strings.Repeat("a", 63)
	for s, want := range map[string]bool{
		"mytextorganization.com": true,
		"sub.example.co.uk":      true,
		"x-1.example.com":        true,
		"EXAMPLE.COM":            true,
		"123.example.org":        true,
		long + ".com":            true,
		long + "a.com":           false, // 64-character label
		strings.Repeat(long+".", 3) + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi":  true,  // 253
		strings.Repeat(long+".", 3) + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij": false, // 254
		"localhost":          false,
		"example.com.":       false,
		".example.com":       false,
		"example..com":       false,
		"-example.com":       false,
		"example-.com":       false,
		"example.c0m":        false,
		"example.123":        false,
		"192.168.0.1":        false,
		"exa_mple.com":       false,
		"exa mple.com":       false,
		"www.mytextorg.com/": false,
		"":                   false,
		// Internationalised names in their ASCII (xn--) form, checked by x/net/idna.
		"xn--bcher-kva.de":      true,
		"shop.xn--bcher-kva.ch": true,
		"example.xn--p1ai":      true,
		"xn--zzzz.de":           false, // not valid Punycode
		"xn--a.com":             false,
		"bücher.de":             false, // Unicode: pass the xn-- form
	} {
		assert.Equal(t, want, isDomain(s), "%q (%d)", s, len(s))
	}
}

func TestDecimalArithmeticStaysInDecimal(t *testing.T) {
	a, b := MustDecimal("282.80"), MustDecimal("0.20")
	assert.Equal(t, "283.00", a.Add(b).Text())
	assert.Equal(t, "282.60", a.Sub(b).Text())
	assert.Equal(t, "56.5600", a.Mul(b).Text(), "exact, every digit kept")
	assert.Equal(t, "-0.20", b.Neg().Text())
	assert.True(t, MustDecimal("282.8").Equal(a), "equal by value whatever the scale")
	assert.Equal(t, 1, a.Cmp(b))
	assert.True(t, b.LessThan(a))
	assert.True(t, a.GreaterThan(b))
	var sum Decimal // the zero value is 0
	for _, s := range []string{"473.58", "355.18"} {
		sum = sum.Add(MustDecimal(s))
	}
	assert.Equal(t, "828.76", sum.Text())
}

// TestRawPrintsAsText: %v, %+v and %s of a model show its Raw as the JSON text Cloudmore sent
// (bounded), not as a list of byte values; Raw still is JSON for json.Marshal and
// json.Unmarshal.
func TestRawPrintsAsText(t *testing.T) {
	var m SellerProduct
	require.NoError(t, json.Unmarshal([]byte(`{"id":"b5861376-08af-48c5-acbf-ef935b0d9c74","name":"Google Workspace","extra":1}`), &m))
	for _, s := range []string{fmt.Sprintf("%v", m), fmt.Sprintf("%+v", m), m.Raw.String()} {
		assert.Contains(t, s, `"extra":1`)
		assert.NotContains(t, s, "123 34") // the bytes of `{"`
	}
	assert.Contains(t, fmt.Sprintf("%+v", m), `Raw:{"id":`)
	var back map[string]any
	require.NoError(t, json.Unmarshal(m.Raw, &back), "Raw is still JSON to json.Unmarshal")
	assert.EqualValues(t, 1, back["extra"])

	big := RawJSON(`"` + strings.Repeat("x", 5000) + `"`)
	assert.LessOrEqual(t, len(fmt.Sprint(big)), maxRawText+8, "bounded")
	b, err := json.Marshal(struct{ R RawJSON }{big})
	require.NoError(t, err)
	assert.Len(t, b, len(big)+len(`{"R":}`), "marshals whole")
	b, err = json.Marshal(struct{ R RawJSON }{})
	require.NoError(t, err)
	assert.Equal(t, `{"R":null}`, string(b))
}
