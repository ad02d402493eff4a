package cloudmore

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
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

// joinInvalid merges the *ValidationErrors among errs (a path check, a body's validate) into
// one that names every failing field; a nil result means all passed. An error that is not a
// *ValidationError is returned as it is.
func joinInvalid(errs ...error) error {
	var v validator
	for _, err := range errs {
		var ve *ValidationError
		if err != nil && !errors.As(err, &ve) {
			return err
		}
		v.add(err)
	}
	return v.err()
}
