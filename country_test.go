package cloudmore

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

// notAssignedCountryCodes have the shape of an ISO 3166-1 alpha-2 code and are known to
// golang.org/x/text, but ISO 3166-1 does not assign them to a country: exceptionally reserved
// (UK, UN, EU, EZ, AC, TA, DG, IC, EA, CP, CQ, FX, SU), transitionally reserved (YU, AN, CS, TP,
// BU, ZR, NT, SF), deleted (DD, FQ, PC, HV, ...) and user-assigned (XK, QM..QZ, XA..XZ, AA, ZZ).
var notAssignedCountryCodes = []string{
	"UK", "UN", "EU", "EZ", "AC", "TA", "DG", "IC", "EA", "CP", "CQ", "FX", "SU",
	"YU", "AN", "CS", "TP", "BU", "ZR", "NT", "SF",
	"DD", "FQ", "PC", "HV", "NH", "RH", "VD", "YD", "CT", "JT", "MI", "NQ", "PU", "PZ", "WK", "DY",
	"XK", "AA", "ZZ", "OO",
}

func init() {
	for c := 'M'; c <= 'Z'; c++ {
		notAssignedCountryCodes = append(notAssignedCountryCodes, "Q"+string(c))
	}
	for c := 'A'; c <= 'Z'; c++ {
		notAssignedCountryCodes = append(notAssignedCountryCodes, "X"+string(c))
	}
}

// TestCountryCodesAreAssignedOnly: isCountryCode takes the 249 codes ISO 3166-1 assigns, and
// none of the reserved or user-assigned ones x/text also knows.
func TestCountryCodesAreAssignedOnly(t *testing.T) {
	for _, s := range notAssignedCountryCodes {
		assert.False(t, isCountryCode(s), "%s is not an assigned ISO 3166-1 code", s)
	}
	for _, s := range []string{"SE", "GB", "US", "DE", "FI", "NO", "EE", "AX", "AQ", "BQ", "CW", "SS", "SX", "TL", "MM", "CD", "RS", "ME"} {
		assert.True(t, isCountryCode(s), "%s is assigned", s)
	}
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if isCountryCode(string([]rune{a, b})) {
				n++
			}
		}
	}
	assert.Equal(t, 249, n, "ISO 3166-1 assigns 249 alpha-2 codes")
}

// TestCountryCodesNotAssignedAreRefusedBeforeSending: a real create refuses each of them,
// naming the field, with nothing sent; assigned codes go through the same check.
func TestCountryCodesNotAssignedAreRefusedBeforeSending(t *testing.T) {
	for _, s := range notAssignedCountryCodes {
		c, ts := setup(t)
		req := validOrganization()
		req.Address.CountryCode = s
		_, _, err := c.Organizations.Create(context.Background(), req)
		assertNoRequest(t, ts, err, "address.countryCode")
	}
	for _, s := range []string{"SE", "GB", "US", "DE", "FI", "NO"} {
		req := validOrganization()
		req.Address.CountryCode = s
		assert.NoError(t, req.validate(), s)
	}
}
