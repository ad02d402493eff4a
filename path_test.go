package cloudmore

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSegmentsAServerCannotRouteAreRefused: any value that could never reach the server as one
// path segment is refused before the network, with the field named by its placeholder.
func TestSegmentsAServerCannotRouteAreRefused(t *testing.T) {
	c, ts := setup(t)
	bad := map[string]string{
		"empty":              "",
		"dot":                ".",
		"dot dot":            "..",
		"slash":              "a/b",
		"backslash":          `a\b`,
		"escaped slash":      "a%2Fb",
		"percent":            "100%",
		"plus":               "a+b",
		"trailing dot":       "abc.",
		"trailing space":     "abc ",
		"control":            "a\x01b",
		"line break":         "a\nb",
		"DEL":                "a\x7fb",
		"byte-order mark":    "a\ufeffb",
		"invalid UTF-8":      "a\xffb",
		"too long":           strings.Repeat("a", maxSegment+1),
		"too long escaped":   strings.Repeat("é", maxSegment/4+1),
		"unicode line sep":   "a\u2028b",
		"non-breaking space": "a\u00a0b",
	}
	for name, v := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := c.brokerPath("billing/x/{taskId}", seg(v))
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "taskId", ve.Field)
		})
	}
	for _, ok := range []string{"a b?c#d", "ann@contoso.onmicrosoft.com", "2026-10", "x:y", strings.Repeat("a", maxSegment)} {
		_, err := c.brokerPath("billing/x/{taskId}", seg(ok))
		assert.NoError(t, err, "%q", ok)
	}
	assert.Zero(t, ts.apiRequests())
}

// TestPathNamesEveryBadSegment: a path with two bad values names both, each by its
// placeholder, and sends nothing.
func TestPathNamesEveryBadSegment(t *testing.T) {
	c, ts := setup(t)
	_, err := c.brokerPath("organizations/{organizationId}/UserGroups/{id}", id("nope"), id(""))
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Fields, 2)
	assert.Equal(t, "organizationId", ve.Fields[0].Field)
	assert.Equal(t, "id", ve.Fields[1].Field)
	assert.Contains(t, err.Error(), "organizationId")
	assert.Contains(t, err.Error(), "id: required")
	assert.Zero(t, ts.apiRequests())
}
