package cloudmore

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// extraQueryOptions stands for any options struct with typed parameters and an ExtraParams
// escape hatch (the billing report options are shaped so).
type extraQueryOptions struct {
	StartDate Date        `url:"startDate"`
	Segment   string      `url:"segment,omitempty"`
	Extra     ExtraParams `url:"extra,omitempty"`
}

// Issue 9 item 17: an ExtraParams key that repeats a typed query parameter is refused, as a
// body Extra key that repeats a typed field is; every bad key is named.
func TestExtraParamsCollidingWithTypedParameters(t *testing.T) {
	d := NewDate(2020, 4, 1)
	for _, tc := range []struct {
		name   string
		opts   any
		reason []string // one substring per expected failure; none: accepted
	}{
		{"nil", (*extraQueryOptions)(nil), nil},
		{"untyped nil", nil, nil},
		{"no extra", &extraQueryOptions{StartDate: d}, nil},
		{"new key", &extraQueryOptions{StartDate: d, Extra: ExtraParams{"currencyCode": "SEK"}}, nil},
		{"key of an unset omitempty field", &extraQueryOptions{StartDate: d, Extra: ExtraParams{"segment": "education"}}, nil},
		{"repeats a set field", &extraQueryOptions{StartDate: d, Extra: ExtraParams{"startDate": "2020-05-01"}}, []string{`"startDate"`}},
		{"case does not hide it", &extraQueryOptions{StartDate: d, Extra: ExtraParams{"STARTDATE": "x"}}, []string{`"STARTDATE" repeats "startDate"`}},
		{"every bad key", &extraQueryOptions{StartDate: d, Segment: "charity", Extra: ExtraParams{"segment": "x", "startDate": "y", "": "z", "ok": "1"}},
			[]string{"empty", `"segment"`, `"startDate"`}},
		{"value, not pointer", extraQueryOptions{StartDate: d, Extra: ExtraParams{"startDate": "y"}}, []string{`"startDate"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkExtraParams(tc.opts)
			if len(tc.reason) == 0 {
				require.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.True(t, errors.As(err, &ve), "%v", err)
			assert.ErrorIs(t, err, ErrValidation)
			require.Len(t, ve.Fields, len(tc.reason))
			for i, want := range tc.reason {
				assert.Equal(t, "Extra", ve.Fields[i].Field)
				assert.Contains(t, ve.Fields[i].Reason, want)
			}
		})
	}
	// The options are not changed by the check.
	o := &extraQueryOptions{StartDate: d, Extra: ExtraParams{"startDate": "y"}}
	_ = checkExtraParams(o)
	assert.Equal(t, ExtraParams{"startDate": "y"}, o.Extra)

	var v validator
	v.extraParams(o)
	assert.False(t, v.ok())
}
