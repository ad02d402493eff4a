package cloudmore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValidatorNamesEveryField: the validator collects every failing field, in order, each by
// its JSON name, and errors.As / errors.Is keep working on the result (also when wrapped).
func TestValidatorNamesEveryField(t *testing.T) {
	var v validator
	v.requiredMax("name", "", 10)
	v.email("contact.email", "not-an-email")
	v.guid("serviceId", "x")
	v.country("address.countryCode", "ZZ")
	v.currency("currencyCode", "ABC")
	v.maxLen("vat", "12345678901", 10)
	v.add(invalid("nested.field", "bad"))
	err := v.err()
	var ve *ValidationError
	require.ErrorAs(t, fmt.Errorf("wrapped: %w", err), &ve)
	assert.True(t, errors.Is(err, ErrValidation))
	var names []string
	for _, f := range ve.Fields {
		names = append(names, f.Field)
	}
	assert.Equal(t, []string{"name", "contact.email", "serviceId", "address.countryCode", "currencyCode", "vat", "nested.field"}, names)
	assert.Equal(t, "name", ve.Field)
	assert.Equal(t, "required", ve.Reason)
	for _, n := range names {
		assert.Contains(t, err.Error(), n+":")
	}

	var empty validator
	empty.optionalGUID("id", "")
	empty.optionalEmail("email", "")
	empty.country("countryCode", "SE")
	empty.currency("currencyCode", "SEK")
	assert.NoError(t, empty.err())
	assert.True(t, empty.ok())
}

// TestOneFieldValidationErrorKeepsItsText: a single failing field reads as before.
func TestOneFieldValidationErrorKeepsItsText(t *testing.T) {
	err := invalid("organizationId", "required")
	assert.Equal(t, "cloudmore: invalid organizationId: required", err.Error())
	require.Len(t, err.Fields, 1)
}
