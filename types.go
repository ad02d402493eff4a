// Wire types.
//
// Cloudmore's JSON is not uniform, and the types in this file absorb the
// differences so that the service types can use plain Go fields:
//
//   - Money and other amounts come back as strings ("282.80") in responses
//     and are sent as numbers (18.50) in requests. Decimal reads both and
//     writes the request form, exactly, keeping the scale it was written with.
//     Never use float64 for money.
//   - Timestamps usually come without a zone ("2020-01-17T00:00:00"). Time
//     reads them as UTC.
//   - Calendar dates ("2020-04-01") are Date, in JSON and in query strings.
//   - Coded values drift between numbers and strings ("billingCycle": "1",
//     "customServiceProduct": "false"); BillingCycle and Bool accept both.

package cloudmore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// maxExponent bounds the decimal exponent accepted from the wire. A
// decimal's text is about as long as its exponent, so "1e999999999" would
// otherwise turn into a gigabyte of zeros. 1000 is far beyond .NET's decimal
// (scale 28) and double (about ±324) ranges.
const maxExponent = 1000

// maxQuoted is how many bytes of a bad input an error message repeats.
const maxQuoted = 64

// unquote returns the content of the JSON string literal data. The common
// case, a string without escapes, costs one allocation.
func unquote(data []byte) (string, error) {
	if n := len(data); n >= 2 && data[0] == '"' && data[n-1] == '"' {
		inner := data[1 : n-1]
		if !bytes.ContainsAny(inner, `"\`) {
			return string(inner), nil
		}
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return "", fmt.Errorf("cloudmore: invalid JSON string %q", truncate(string(data), maxQuoted))
	}
	return s, nil
}

// jsonText returns the text of a JSON scalar: the content of a string, or
// the literal itself for anything else. quoted tells which it was.
func jsonText(data []byte) (text string, quoted bool, err error) {
	if len(data) > 0 && data[0] == '"' {
		text, err = unquote(data)
		return text, true, err
	}
	return string(data), false, nil
}

// jsonScalarText is jsonText for a member of unknown type that holds an id or a name: a
// string's text, or a number's (or bool's) literal; "" for null, absent, an object or a list.
func jsonScalarText(raw json.RawMessage) string {
	s, quoted, err := jsonText(bytes.TrimSpace(raw))
	switch {
	case err != nil || s == "" || s == "null":
		return ""
	case quoted:
		return s
	case s[0] == '{' || s[0] == '[':
		return ""
	}
	return s
}

// stringOrNull returns the content of a JSON string, or "" for null. Any
// other JSON value is an error naming what (for example "date").
func stringOrNull(data []byte, what string) (string, error) {
	s, quoted, err := jsonText(data)
	if err == nil && !quoted {
		if s != "null" {
			return "", fmt.Errorf("cloudmore: invalid %s %q", what, truncate(s, maxQuoted))
		}
		s = ""
	}
	return s, err
}

// quoteOrNull returns text as a JSON string, or null if text is empty.
func quoteOrNull(text string, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if text == "" {
		return []byte("null"), nil
	}
	return strconv.AppendQuote(nil, text), nil
}

// RawJSON is JSON as Cloudmore sent it: the Raw field of every model, which keeps the whole
// answer so that nothing is lost where no source shows a model's fields. It is a
// json.RawMessage (pass it to json.Unmarshal, or convert it: json.RawMessage(m.Raw)) that
// prints as text: fmt's %v, %+v and %s show the JSON itself, at most 1 KiB of it, rather than
// a list of byte values.
type RawJSON []byte

// maxRawText is how much of a RawJSON fmt prints.
const maxRawText = 1 << 10

// MarshalJSON returns the JSON as it was sent (null when there is none).
func (m RawJSON) MarshalJSON() ([]byte, error) {
	if len(m) == 0 {
		return []byte("null"), nil
	}
	return m, nil
}

// UnmarshalJSON keeps a copy of data.
func (m *RawJSON) UnmarshalJSON(data []byte) error {
	*m = append((*m)[:0:0], data...)
	return nil
}

// String is the JSON as text, clipped to 1 KiB.
func (m RawJSON) String() string { return truncate(string(m), maxRawText) }

// Decimal is an exact decimal number: every amount Cloudmore sends or takes (prices, costs,
// margins such as "marginPercentage": "25.283522348232154769846564380", quantities such as
// 10.0000). One type serves answers and requests.
//
// It decodes from a JSON string ("282.80", as answers carry money) or a JSON number (18.50);
// null and "" decode to zero. It encodes as a bare JSON number that keeps its scale (18.50,
// not 18.5), the form Cloudmore's request examples take ("salesPrice": 18.50). Its text keeps
// the scale it was made with: "282.80" prints 282.80 through String, Text, %v and %s.
//
// Why one type and not two: answers and requests differ only in the JSON form, and a decoder
// that accepts both forms with an encoder that writes the request form loses nothing (an
// answer's amount sent back keeps its digits and scale). The arithmetic is shopspring/decimal's,
// kept behind the SDK's own methods so that the dependency is not part of the API.
type Decimal struct{ v decimal.Decimal }

// NewDecimal parses s ("282.80", "-1.5", "1e3") as a Decimal. The empty string and text with
// surrounding spaces are errors.
func NewDecimal(s string) (Decimal, error) {
	d, err := parseDecimal(s)
	return Decimal{d}, err
}

// MustDecimal is NewDecimal for constants in tests and examples: it panics if s is not a
// decimal.
func MustDecimal(s string) Decimal {
	d, err := NewDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DecimalFromInt returns i as a Decimal with no fraction digits.
func DecimalFromInt(i int64) Decimal {
	return Decimal{decimal.NewFromInt(i)}
}

// Text returns d in plain notation with the scale it was created with ("282.80", "10.0000",
// "1000" for 1e3). MarshalJSON writes this text.
func (d Decimal) Text() string {
	return decimalText(d.v)
}

// String is Text, so that fmt's %v and %s print the scale Cloudmore sent.
func (d Decimal) String() string { return d.Text() }

// Arithmetic and comparison stay in Decimal, so money code reads plainly:
// total = total.Add(line.TotalCost). The results are exact; Mul keeps every digit, so round
// where a currency needs it (d.Round(2)).

// Add returns d + o.
func (d Decimal) Add(o Decimal) Decimal { return Decimal{d.v.Add(o.v)} }

// Sub returns d - o.
func (d Decimal) Sub(o Decimal) Decimal { return Decimal{d.v.Sub(o.v)} }

// Mul returns d * o, exactly.
func (d Decimal) Mul(o Decimal) Decimal { return Decimal{d.v.Mul(o.v)} }

// Neg returns -d.
func (d Decimal) Neg() Decimal { return Decimal{d.v.Neg()} }

// Round returns d rounded half away from zero to places fraction digits (the result has
// exactly that scale: MustDecimal("1.005").Round(2) is 1.01, MustDecimal("2").Round(2) is 2.00).
func (d Decimal) Round(places int32) Decimal {
	r := d.v.Round(places)
	if places >= 0 && r.Exponent() > -places {
		r = decimal.RequireFromString(r.StringFixed(places))
	}
	return Decimal{r}
}

// Cmp compares d and o by value: -1, 0 or +1 ("282.8" equals "282.80").
func (d Decimal) Cmp(o Decimal) int { return d.v.Cmp(o.v) }

// Equal reports whether d and o have the same value, whatever their scale.
func (d Decimal) Equal(o Decimal) bool { return d.v.Equal(o.v) }

// LessThan reports whether d < o.
func (d Decimal) LessThan(o Decimal) bool { return d.v.LessThan(o.v) }

// GreaterThan reports whether d > o.
func (d Decimal) GreaterThan(o Decimal) bool { return d.v.GreaterThan(o.v) }

// IsZero reports whether d is zero, whatever its scale.
func (d Decimal) IsZero() bool { return d.v.IsZero() }

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int { return d.v.Sign() }

// Scale returns the number of fraction digits d was made with ("282.80" has 2).
func (d Decimal) Scale() int32 {
	if e := d.v.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// IntPart returns the integer part of d, truncated toward zero (a quantity's 10 of 10.0000).
func (d Decimal) IntPart() int64 { return d.v.IntPart() }

// Float64 returns the nearest float64, for display or statistics only: never for money.
func (d Decimal) Float64() float64 { return d.v.InexactFloat64() }

// MarshalJSON writes d as a bare JSON number with its scale, for example 282.80.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return []byte(d.Text()), nil
}

// UnmarshalJSON reads a JSON string ("282.80") or number (10.0000); null and "" give zero.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	v, err := decodeDecimal(data)
	if err != nil {
		return err
	}
	d.v = v
	return nil
}

// MarshalText returns the same text as Text.
func (d Decimal) MarshalText() ([]byte, error) {
	return []byte(d.Text()), nil
}

// UnmarshalText parses text like NewDecimal, except that empty text gives zero (an empty CSV
// cell, for example).
func (d *Decimal) UnmarshalText(text []byte) error {
	v, err := parseDecimalText(string(text))
	if err != nil {
		return err
	}
	d.v = v
	return nil
}

// parseDecimal parses decimal text without trimming anything.
func parseDecimal(s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("cloudmore: invalid decimal %q", truncate(s, maxQuoted))
	}
	if e := d.Exponent(); e < -maxExponent || e > maxExponent {
		return decimal.Decimal{}, fmt.Errorf("cloudmore: decimal %q is out of range", truncate(s, maxQuoted))
	}
	return d, nil
}

// parseDecimalText is parseDecimal with "" meaning zero.
func parseDecimalText(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, nil
	}
	return parseDecimal(s)
}

// decodeDecimal decodes a JSON number or string; null and "" give zero.
func decodeDecimal(data []byte) (decimal.Decimal, error) {
	s, quoted, err := jsonText(data)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !quoted && s == "null" {
		return decimal.Decimal{}, nil
	}
	return parseDecimalText(s)
}

// decimalText formats d in plain notation, keeping the fraction digits its
// exponent implies.
func decimalText(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.String()
}

// Time is a Cloudmore timestamp.
//
// It decodes RFC 3339 with a zone or offset and optional fractions
// ("2020-05-25T11:53:06.526Z", "2020-05-25T11:53:06+02:00"), Cloudmore's
// zone-less form ("2020-01-17T00:00:00", with up to 7 fraction digits as .NET
// writes them), and a bare date ("2020-01-17"). Cloudmore does not say which
// zone the zone-less form is in; Time reads it, and a bare date, as UTC.
// null and "" decode to the zero Time.
//
// It encodes in UTC as RFC 3339 with fractions when there are any
// ("2020-05-25T11:53:06.526Z"), and the zero Time as null.
type Time struct{ time.Time }

// NewTime wraps t.
func NewTime(t time.Time) Time {
	return Time{t}
}

// timeLayouts are the timestamp forms Time accepts, in the order tried.
// Without an offset in the text, time.Parse returns UTC.
var timeLayouts = []string{
	time.RFC3339Nano,      // 2020-05-25T11:53:06.526Z
	"2006-01-02T15:04:05", // 2020-01-17T00:00:00, fractions allowed when parsing
	time.DateOnly,         // 2020-01-17
}

// parseTime parses any of timeLayouts.
func parseTime(s string) (time.Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cloudmore: invalid timestamp %q", truncate(s, maxQuoted))
}

// text returns the RFC 3339 form of t in UTC, "" for the zero Time, and an
// error for a year that form cannot hold.
func (t Time) text() (string, error) {
	if t.IsZero() {
		return "", nil
	}
	u := t.UTC()
	if y := u.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("cloudmore: timestamp year %d is outside 0000-9999", y)
	}
	return u.Format(time.RFC3339Nano), nil
}

// MarshalJSON writes t in UTC as an RFC 3339 string, or null if t is zero.
func (t Time) MarshalJSON() ([]byte, error) {
	return quoteOrNull(t.text())
}

// UnmarshalJSON reads a timestamp string in any of the forms Time accepts;
// null and "" give the zero Time.
func (t *Time) UnmarshalJSON(data []byte) error {
	s, err := stringOrNull(data, "timestamp")
	if err != nil {
		return err
	}
	return t.UnmarshalText([]byte(s))
}

// MarshalText returns t in UTC in RFC 3339 form, or empty text if t is
// zero.
func (t Time) MarshalText() ([]byte, error) {
	s, err := t.text()
	return []byte(s), err
}

// UnmarshalText parses any of the forms Time accepts; empty text gives the
// zero Time. Instants whose UTC year is outside 0000-9999 are rejected,
// because they could not be written back.
func (t *Time) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = Time{}
		return nil
	}
	v, err := parseTime(string(text))
	if err != nil {
		return err
	}
	if _, err := (Time{v}).text(); err != nil {
		return err
	}
	*t = Time{v}
	return nil
}

// Date is a calendar date without a time or zone, as Cloudmore uses for
// report periods (startDate=2020-04-01&endDate=2020-04-30). The zero Date
// means "not set".
//
// In JSON it is the string "2020-04-01". Decoding also accepts a timestamp
// and keeps the date as written ("2020-04-01T00:00:00" gives 2020-04-01);
// null and "" give the zero Date, which encodes as null.
//
// In a query string built with github.com/google/go-querystring, a field
// `url:"startDate"` encodes as startDate=2020-04-01, and a zero Date adds
// nothing.
type Date struct {
	Year  int        // Year, 0000 to 9999 on the wire.
	Month time.Month // Month of the year, January = 1.
	Day   int        // Day of the month, from 1.
}

// NewDate returns the date y-m-d. Out-of-range values are normalized as
// time.Date does: NewDate(2020, time.February, 30) is 2020-03-01.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses "YYYY-MM-DD" and checks that the day exists:
// "2020-02-30" is an error.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("cloudmore: invalid date %q", truncate(s, maxQuoted))
	}
	return DateOf(t), nil
}

// String returns the date as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date, meaning "not set".
func (d Date) IsZero() bool {
	return d == Date{}
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Before reports whether d is earlier than u.
func (d Date) Before(u Date) bool {
	if d.Year != u.Year {
		return d.Year < u.Year
	}
	if d.Month != u.Month {
		return d.Month < u.Month
	}
	return d.Day < u.Day
}

// After reports whether d is later than u.
func (d Date) After(u Date) bool {
	return u.Before(d)
}

// text returns d as "YYYY-MM-DD", "" for the zero Date, and an error for a
// date that does not exist or does not fit four year digits.
func (d Date) text() (string, error) {
	if d.IsZero() {
		return "", nil
	}
	if d.Year < 0 || d.Year > 9999 || DateOf(d.Time()) != d {
		return "", fmt.Errorf("cloudmore: invalid date %d-%d-%d", d.Year, int(d.Month), d.Day)
	}
	return d.String(), nil
}

// MarshalJSON writes d as "YYYY-MM-DD", or null if d is zero.
func (d Date) MarshalJSON() ([]byte, error) {
	return quoteOrNull(d.text())
}

// UnmarshalJSON reads "YYYY-MM-DD" or a timestamp (taking its date as
// written); null and "" give the zero Date.
func (d *Date) UnmarshalJSON(data []byte) error {
	s, err := stringOrNull(data, "date")
	if err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}

// MarshalText returns d as "YYYY-MM-DD", or empty text if d is zero.
func (d Date) MarshalText() ([]byte, error) {
	s, err := d.text()
	return []byte(s), err
}

// UnmarshalText reads what UnmarshalJSON reads inside the quotes; empty
// text gives the zero Date.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	t, err := parseTime(string(text))
	if err != nil {
		return fmt.Errorf("cloudmore: invalid date %q", truncate(string(text), maxQuoted))
	}
	*d = DateOf(t)
	return nil
}

// EncodeValues implements go-querystring's query.Encoder: it adds
// key=YYYY-MM-DD, or nothing if d is zero.
func (d Date) EncodeValues(key string, v *url.Values) error {
	s, err := d.text()
	if err != nil || s == "" {
		return err
	}
	v.Add(key, s)
	return nil
}

// BillingCycle is the billing cycle of a legacy Microsoft CSP product or
// subscription ("billingCycle", "supportedBillingCycles"). Cloudmore codes
// it as an integer, sometimes sent as a string ("billingCycle": "1").
//
// It decodes from a JSON number, a string of digits, or a name ("Monthly",
// any case); null gives BillingCycleUnknown. Codes above 4 are kept as they
// are (String shows "BillingCycle(7)"), so that a cycle Cloudmore adds later
// does not break decoding; Valid tells whether the code is known. It
// encodes as a bare number.
type BillingCycle int

// Billing cycles, with the codes Cloudmore's API guide lists.
const (
	BillingCycleUnknown BillingCycle = 0 // Unknown, or not set.
	BillingCycleMonthly BillingCycle = 1 // Billed monthly.
	BillingCycleAnnual  BillingCycle = 2 // Billed once a year.
	BillingCycleNone    BillingCycle = 3 // No billing cycle.
	BillingCycleOneTime BillingCycle = 4 // Billed once.
)

var billingCycleNames = [...]string{"Unknown", "Monthly", "Annual", "None", "OneTime"}

// ParseBillingCycle parses a code of decimal digits ("1") or a name
// ("Monthly", "monthly", "OneTime"). Codes above 4 are accepted; signs,
// fractions and other names are errors.
func ParseBillingCycle(s string) (BillingCycle, error) {
	if isDigits(s) {
		if n, err := strconv.Atoi(s); err == nil {
			return BillingCycle(n), nil
		}
	}
	for i, name := range billingCycleNames {
		if strings.EqualFold(s, name) {
			return BillingCycle(i), nil
		}
	}
	return 0, fmt.Errorf("cloudmore: invalid billing cycle %q", truncate(s, maxQuoted))
}

// String returns the name of b ("Monthly"), or "BillingCycle(7)" for a code
// without a name.
func (b BillingCycle) String() string {
	if b.Valid() {
		return billingCycleNames[b]
	}
	return "BillingCycle(" + strconv.Itoa(int(b)) + ")"
}

// Valid reports whether b is one of the known codes 0 to 4.
func (b BillingCycle) Valid() bool {
	return b >= BillingCycleUnknown && b <= BillingCycleOneTime
}

// MarshalJSON writes b as a bare number. A negative b is an error.
func (b BillingCycle) MarshalJSON() ([]byte, error) {
	if b < 0 {
		return nil, fmt.Errorf("cloudmore: invalid billing cycle %d", int(b))
	}
	return strconv.AppendInt(nil, int64(b), 10), nil
}

// UnmarshalJSON reads a number (1), a string of digits ("1") or a name
// ("Monthly", any case); null gives BillingCycleUnknown.
func (b *BillingCycle) UnmarshalJSON(data []byte) error {
	s, quoted, err := jsonText(data)
	if err != nil {
		return err
	}
	if !quoted {
		if s == "null" {
			*b = BillingCycleUnknown
			return nil
		}
		if !isDigits(s) { // -1, 1.0, 1e0, true
			return fmt.Errorf("cloudmore: invalid billing cycle %q", truncate(s, maxQuoted))
		}
	}
	v, err := ParseBillingCycle(s)
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Bool is a boolean in a response. Cloudmore sometimes sends booleans as
// strings ("customServiceProduct": "false"), so Bool decodes true and false,
// the strings "true" and "false" in any case, 1 and 0 as numbers or strings,
// and null (false). It encodes as a JSON boolean.
type Bool bool

// MarshalJSON writes true or false.
func (b Bool) MarshalJSON() ([]byte, error) {
	return strconv.AppendBool(nil, bool(b)), nil
}

// UnmarshalJSON reads true, false, "true", "false" (any case), 1, 0, "1",
// "0" or null (false).
func (b *Bool) UnmarshalJSON(data []byte) error {
	s, quoted, err := jsonText(data)
	if err != nil {
		return err
	}
	switch {
	case s == "1" || strings.EqualFold(s, "true"):
		*b = true
	case s == "0" || strings.EqualFold(s, "false") || (!quoted && s == "null"):
		*b = false
	default:
		return fmt.Errorf("cloudmore: invalid boolean %q", truncate(s, maxQuoted))
	}
	return nil
}

// Segment is the Microsoft 365 CSP Direct price segment of a price list or
// NCE subscription ("segment"). Cloudmore uses "commercial" when none is
// given and returns an error if the organization is not eligible for the
// segment asked for.
//
// The empty Segment means "not set". Decoding lowercases what Cloudmore
// sends ("Education" gives SegmentEducation); null gives the empty Segment.
type Segment string

// Price segments, from Cloudmore's KB article "NCE public sector in
// Cloudmore API".
const (
	SegmentCommercial Segment = "commercial" // Commercial prices, the default.
	SegmentEducation  Segment = "education"  // Academic prices.
	SegmentCharity    Segment = "charity"    // Non-profit prices.
	SegmentGovernment Segment = "government" // Government prices.
)

// Valid reports whether s is one of the four known segments. The empty
// Segment is not valid; callers treat it as "not set".
func (s Segment) Valid() bool {
	switch s {
	case SegmentCommercial, SegmentEducation, SegmentCharity, SegmentGovernment:
		return true
	}
	return false
}

// MarshalJSON writes s as a JSON string.
func (s Segment) MarshalJSON() ([]byte, error) {
	return json.Marshal(string(s))
}

// UnmarshalJSON reads a string and lowercases it; null gives the empty
// Segment.
func (s *Segment) UnmarshalJSON(data []byte) error {
	v, err := stringOrNull(data, "segment")
	if err != nil {
		return err
	}
	*s = Segment(strings.ToLower(v))
	return nil
}

// Ptr returns a pointer to v, for the optional fields of request bodies where "not set" and
// zero differ: SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("18.50")).
func Ptr[T any](v T) *T { return &v }
