package cloudmore

import (
	"errors"
	"fmt"
	"net/mail"
	"reflect"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// validator collects every failing field of one request, so that a *ValidationError names them
// all at once. Service methods use it in their validate step:
//
//	var v validator
//	v.requiredMax("name", r.Name, 512)
//	v.email("email", r.Email)
//	return v.err()
type validator struct{ fields []FieldError }

// fail records one failing field.
func (v *validator) fail(field, format string, args ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Reason: reason(format, args)})
}

// maxReasonText is how many bytes of one text argument a validation message repeats.
const maxReasonText = 128

// reason formats a validation message with every text argument (a string, a []byte or a
// value of a string type: a value from the input or from an answer) clipped by truncate to
// maxReasonText bytes, so that a message stays short whatever the value's size.
func reason(format string, args []any) string {
	var clipped []any
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case error:
			continue
		case []byte:
			if len(v) <= maxReasonText {
				continue
			}
			s = string(v[:min(len(v), maxReasonText+utf8.UTFMax)])
		default:
			rv := reflect.ValueOf(a)
			if !rv.IsValid() || rv.Kind() != reflect.String {
				continue
			}
			s = rv.String()
			if st, ok := a.(fmt.Stringer); ok {
				s = st.String()
			}
		}
		if len(s) <= maxReasonText {
			continue
		}
		if clipped == nil {
			clipped = append([]any(nil), args...)
		}
		clipped[i] = truncate(s, maxReasonText)
	}
	if clipped != nil {
		args = clipped
	}
	return fmt.Sprintf(format, args...)
}

// add records the fields of err, a *ValidationError (a nested validate, a path check); any
// other non-nil error is recorded under "body".
func (v *validator) add(err error) {
	if err == nil {
		return
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		if len(ve.Fields) == 0 {
			v.fields = append(v.fields, FieldError{Field: ve.Field, Reason: ve.Reason})
			return
		}
		v.fields = append(v.fields, ve.Fields...)
		return
	}
	v.fields = append(v.fields, FieldError{Field: "body", Reason: err.Error()})
}

// ok reports whether nothing has failed so far.
func (v *validator) ok() bool { return len(v.fields) == 0 }

// err returns nil, or a *ValidationError naming every failing field.
func (v *validator) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Field: v.fields[0].Field, Reason: v.fields[0].Reason, Fields: v.fields}
}

// required fails when s is empty or blank.
func (v *validator) required(field, s string) bool {
	if strings.TrimSpace(s) == "" {
		v.fail(field, "required")
		return false
	}
	return true
}

// maxLen fails when s is longer than max UTF-16 code units (.NET's string length).
func (v *validator) maxLen(field, s string, max int) { v.add(checkMaxLen(field, s, max)) }

// requiredMax is required and maxLen together.
func (v *validator) requiredMax(field, s string, max int) {
	if v.required(field, s) {
		v.maxLen(field, s, max)
	}
}

// guid fails unless s is a GUID; an empty s fails as required.
func (v *validator) guid(field, s string) {
	if v.required(field, s) && !isGUID(s) {
		v.fail(field, "%q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(s, 64))
	}
}

// optionalGUID fails when s is set and is not a GUID.
func (v *validator) optionalGUID(field, s string) {
	if s != "" {
		v.guid(field, s)
	}
}

// email fails unless s is an e-mail address; an empty s fails as required.
func (v *validator) email(field, s string) {
	if v.required(field, s) {
		v.add(checkEmail(field, s))
	}
}

// optionalEmail fails when s is set and is not an e-mail address.
func (v *validator) optionalEmail(field, s string) {
	if s != "" {
		v.add(checkEmail(field, s))
	}
}

// country fails unless s is an ISO 3166-1 alpha-2 code; empty is allowed (use required first).
func (v *validator) country(field, s string) {
	if s != "" && !isCountryCode(s) {
		v.fail(field, "%q is not an ISO 3166 alpha-2 country code in upper case (such as \"SE\")", truncate(s, 16))
	}
}

// currency fails unless s is an ISO 4217 code; empty is allowed (use required first).
func (v *validator) currency(field, s string) {
	if s != "" && !isCurrencyCode(s) {
		v.fail(field, "%q is not an ISO 4217 currency code in upper case (such as \"EUR\")", truncate(s, 16))
	}
}

// extra fails when an Extra key is one a typed field of typed already sends.
func (v *validator) extra(typed any, extra map[string]any) { v.add(checkExtra(typed, extra)) }

// isGUID reports whether s has the shape of a GUID: groups of 8, 4, 4, 4
// and 12 hex digits (either case) joined by hyphens, without braces, as in
// 7779A4BA-BD21-457C-8B3F-B3BAA74FC99C.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// isUpperLetters reports whether s is exactly n ASCII uppercase letters.
func isUpperLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// isCurrencyCode reports whether s is an ISO 4217 currency code in upper case ("SEK"), checked
// against golang.org/x/text's ISO 4217 list: "ABC" has the shape and is refused.
func isCurrencyCode(s string) bool {
	if !isUpperLetters(s, 3) {
		return false
	}
	u, err := currency.ParseISO(s)
	return err == nil && u.String() == s
}

// isCountryCode reports whether s is one of the 249 codes ISO 3166-1 assigns, in upper case
// ("SE"). golang.org/x/text's region list decides most of it: "ZZ", "EU", "QO" and "XK" (groups
// and user-assigned codes) are not countries there, and a code CLDR replaces ("UK" by "GB",
// "DD" by "DE", "ZR" by "CD") is refused by comparing the region with its canonical form. What
// x/text still counts as a country without ISO 3166-1 assigning it is in notAssignedRegions.
func isCountryCode(s string) bool {
	if !isUpperLetters(s, 2) || notAssignedRegions[s] {
		return false
	}
	r, err := language.ParseRegion(s)
	return err == nil && r.IsCountry() && !r.IsPrivateUse() && r.Canonicalize() == r && r.String() == s
}

// notAssignedRegions are the codes golang.org/x/text (v0.34, from CLDR) takes as countries that
// ISO 3166-1 reserves without assigning them to a country: exceptionally reserved (AC, CP, CQ,
// DG, EA, EZ, IC, SU, TA, UN), transitionally reserved (AN, CS, NT, YU), and deleted codes
// kept in ISO 3166-3 (FQ, PC). The list is ISO 3166-1's "reserved code elements" (ISO's Online
// Browsing Platform) less what x/text already refuses; TestCountryCodesAreAssignedOnly checks
// that exactly 249 codes pass.
var notAssignedRegions = map[string]bool{
	"AC": true, "CP": true, "CQ": true, "DG": true, "EA": true, "EZ": true, "IC": true, "SU": true,
	"TA": true, "UN": true, "AN": true, "CS": true, "NT": true, "YU": true, "FQ": true, "PC": true,
}

// isEmail reports whether s is a bare e-mail address ("john.doe@example.com"):
// no display name, no angle brackets, no surrounding spaces, one '@', and a
// dot in the domain.
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || strings.Count(s, "@") != 1 {
		return false
	}
	domain := s[strings.IndexByte(s, '@')+1:]
	return strings.Contains(domain, ".")
}

// isDomain reports whether s is a DNS name such as "example.com" in its ASCII form: at least
// two labels, each valid under IDNA2008 as golang.org/x/net/idna's registration profile checks
// it (letters, digits and hyphens, 1 to 63 octets, no hyphen at either end, at most 253 in
// all). Internationalised labels are accepted in their "xn--" form ("xn--bcher-kva.de") when
// their Punycode is valid; a name in Unicode ("bücher.de") is refused, since Cloudmore's
// examples only show ASCII names: pass idna.ToASCII's form. A trailing dot is refused.
func isDomain(s string) bool {
	if len(s) > 253 || strings.HasSuffix(s, ".") || !strings.Contains(s, ".") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	a, err := idna.Registration.ToASCII(strings.ToLower(s)) // IDNA2008 has no upper case; DNS ignores case
	if err != nil || !strings.EqualFold(a, s) {
		return false
	}
	labels := strings.Split(s, ".")
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") {
		return true
	}
	for i := 0; i < len(tld); i++ {
		if c := tld[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// checkMaxLen refuses s longer than max characters. Lengths are counted in UTF-16 code units,
// as .NET (and so Cloudmore's Swagger maxLength) counts them.
func checkMaxLen(field, s string, max int) error {
	if n := utf16Len(s); n > max {
		return invalid(field, "is %d characters long; at most %d are allowed", n, max)
	}
	return nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s { // invalid UTF-8 ranges as U+FFFD, one unit
		n += utf16.RuneLen(r)
	}
	return n
}

func checkEmail(field, s string) error {
	if !isEmail(s) {
		return invalid(field, "%q is not an e-mail address (such as name@example.com)", truncate(s, 64))
	}
	return nil
}

// checkCustomProperties fails for every custom-property value without an id.
func checkCustomProperties(v *validator, props []CustomPropertyValue) {
	for i, p := range props {
		if strings.TrimSpace(p.ID) == "" {
			v.fail(fmt.Sprintf("customProperties[%d].id", i), "required")
		}
	}
}
