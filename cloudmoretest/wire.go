package cloudmoretest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// This file holds Cloudmore's wire formats as the fake writes them: money as a string with two
// decimals, quantities as numbers with four, timestamps without a zone, the two error shapes,
// 201 + Location for creates, and the tolerant readers for request bodies.

// money is an exact amount that encodes as Cloudmore does in responses: "282.80".
type money struct{ decimal.Decimal }

func (m money) MarshalJSON() ([]byte, error) {
	return []byte(`"` + m.StringFixed(2) + `"`), nil
}

// quantity encodes as a JSON number with four decimals (10.0000), as billing reports do.
type quantity struct{ decimal.Decimal }

func (q quantity) MarshalJSON() ([]byte, error) { return []byte(q.StringFixed(4)), nil }

// netDecimal encodes a quotient the way .NET's System.Decimal prints it: at most 28 decimals
// and a coefficient that fits in 96 bits ("25.283522348232154769846564380").
type netDecimal struct{ decimal.Decimal }

func (n netDecimal) MarshalJSON() ([]byte, error) {
	return []byte(`"` + netDecimalString(n.Decimal) + `"`), nil
}

var max96 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 96), big.NewInt(1))

func netDecimalString(d decimal.Decimal) string {
	scale := -d.Exponent()
	if scale < 0 {
		scale = 0
	}
	for scale > 0 && new(big.Int).Abs(d.Round(scale).Shift(scale).BigInt()).Cmp(max96) > 0 {
		scale--
	}
	return d.Round(scale).StringFixed(scale)
}

// percentOf returns part/whole*100 as .NET's decimal computes it: an exact quotient with its
// shortest scale, else the quotient rounded to 28 decimals; then multiplied by 100. So
// 3.79/14.99 gives "25.283522348232154769846564380" (the guide's example) and 50/100 "50.0".
// Zero when whole is zero.
func percentOf(part, whole decimal.Decimal) netDecimal {
	if whole.IsZero() {
		return netDecimal{decimal.Zero}
	}
	q := part.DivRound(whole, 28)
	if q.Mul(whole).Equal(part) {
		q = decimal.RequireFromString(q.String()) // String drops trailing zeros
	}
	return netDecimal{q.Mul(decimal.NewFromInt(100))}
}

// stamp is a timestamp as Cloudmore writes it: "2020-01-17T00:00:00", no zone (UTC here).
type stamp time.Time

const stampLayout = "2006-01-02T15:04:05"

func (t stamp) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(stampLayout) + `"`), nil
}

// dec parses a decimal literal of the seed data.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// newID returns a random lowercase GUID (version 4).
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newToken returns an opaque random access token.
func newToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

var (
	guidRE    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	emailRE   = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	domainRE  = regexp.MustCompile(`^(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

func isGUID(s string) bool { return guidRE.MatchString(s) }

// --- responses ---

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeCreated answers 201 Created with an empty body and the new resource's absolute URL in
// Location, as Cloudmore's creates do.
func writeCreated(w http.ResponseWriter, location string) {
	w.Header().Set("Location", location)
	w.WriteHeader(http.StatusCreated)
}

// writeNoContent answers a successful PUT or DELETE (the fake's choice: Cloudmore does not
// document which 2xx each one returns).
func writeNoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// errorItem is one entry of Cloudmore's array-shaped error body.
type errorItem struct {
	ErrorCode    int    `json:"errorCode"`
	ErrorName    string `json:"errorName"`
	ErrorMessage string `json:"errorMessage"`
}

// Error codes. 5/InvalidValue is the only pair Cloudmore shows; NotFound (0) is the fake's own.
const (
	codeInvalidValue = 5
	codeNotFound     = 0
	// codeNotImplemented is the fake's own, for a route it does not serve.
	codeNotImplemented = 0
)

// invalidValue answers 400 with the array shape: [{"errorCode":5,"errorName":"InvalidValue",...}].
func invalidValue(w http.ResponseWriter, format string, args ...any) {
	writeJSON(w, http.StatusBadRequest, []errorItem{{codeInvalidValue, "InvalidValue", fmt.Sprintf(format, args...)}})
}

// notFound answers 404 with an array-shaped body naming what is missing.
func notFound(w http.ResponseWriter, format string, args ...any) {
	writeJSON(w, http.StatusNotFound, []errorItem{{codeNotFound, "NotFound", fmt.Sprintf(format, args...)}})
}

// fieldErrors collects ASP.NET model-state errors: {"Contact.Phone": ["..."]}.
type fieldErrors map[string][]string

func (f fieldErrors) add(field, format string, args ...any) {
	f[field] = append(f[field], fmt.Sprintf(format, args...))
}

func (f fieldErrors) required(field, value string) {
	if strings.TrimSpace(value) == "" {
		f.add(field, "The %s field is required.", field)
	}
}

func (f fieldErrors) maxLen(field, value string, n int) {
	if len([]rune(value)) > n {
		f.add(field, "The field %s must be a string with a maximum length of %d.", field, n)
	}
}

func (f fieldErrors) email(field, value string) {
	if value != "" && !emailRE.MatchString(value) {
		f.add(field, "The %s field is not a valid e-mail address.", field)
	}
}

// requiredSet reports field as missing unless it was sent (a number or boolean).
func (f fieldErrors) requiredSet(field string, set bool) {
	if !set {
		f.add(field, "The %s field is required.", field)
	}
}

// requiredEmail reports field as missing or as not an e-mail address.
func (f fieldErrors) requiredEmail(field, value string) {
	f.required(field, value)
	f.email(field, value)
}

// amount checks a money field: 0 or more, and sent when required.
func (f fieldErrors) amount(field string, v *decimal.Decimal, required bool) {
	switch {
	case v == nil && required:
		f.add(field, "The %s field is required.", field)
	case v != nil && v.IsNegative():
		f.add(field, "The %s must be 0 or greater.", field)
	}
}

// requiredWrite answers a model-state error when value is empty, for a field that is required
// only in some cases.
func (f fieldErrors) requiredWrite(w http.ResponseWriter, field, value string) bool {
	f.required(field, value)
	return f.write(w)
}

// write answers 400 with the model-state shape when there are errors and reports whether it did.
func (f fieldErrors) write(w http.ResponseWriter) bool {
	if len(f) == 0 {
		return false
	}
	writeJSON(w, http.StatusBadRequest, f)
	return true
}

// modelRules is implemented by request bodies with ASP.NET-style model rules (required
// fields, lengths, formats), which readBody checks after decoding, as ASP.NET checks a view
// model's attributes before the action runs.
type modelRules interface{ check(fe fieldErrors) }

// readBody decodes the request body into v and, when v has model rules, checks them. A missing
// body, a body that is not JSON of v's shape, or a broken rule is answered with a 400
// model-state error and false.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	var buf bytes.Buffer
	if r.Body != nil {
		_, _ = buf.ReadFrom(r.Body)
	}
	if len(bytes.TrimSpace(buf.Bytes())) == 0 {
		fieldErrors{"": {"A non-empty request body is required."}}.write(w)
		return false
	}
	if err := json.Unmarshal(buf.Bytes(), v); err != nil {
		fieldErrors{"": {"The request body is not valid JSON for this operation: " + err.Error()}}.write(w)
		return false
	}
	if m, ok := v.(modelRules); ok {
		fe := fieldErrors{}
		m.check(fe)
		return !fe.write(w)
	}
	return true
}

// flexInt reads an integer sent as a number or as a string ("billingCycle": "1" in the guide).
type flexInt struct {
	Value int
	Set   bool
}

func (n *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int(f)) {
			return fmt.Errorf("%s is not an integer", b)
		}
		v = int(f)
	}
	n.Value, n.Set = v, true
	return nil
}

// flexBool reads true, false, "true", "false", 1, 0.
type flexBool struct {
	Value bool
	Set   bool
}

func (v *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.ToLower(strings.Trim(string(b), `"`))
	switch s {
	case "null", "":
		return nil
	case "true", "1":
		v.Value, v.Set = true, true
	case "false", "0":
		v.Value, v.Set = false, true
	default:
		return fmt.Errorf("%s is not a boolean", b)
	}
	return nil
}

// parseDay reads a query or body date: "2020-04-01", "2020-04-01T00:00:00" or RFC 3339.
func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", stampLayout, time.RFC3339Nano} {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// day truncates t to its UTC calendar day.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monthsBetween counts whole calendar months from a to b (by year and month only).
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
