package cloudmore

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCreatedIDIsAnIDOrNothing: Created.ID (and Response.LocationID) take the Location's last
// segment only when it has the shape of an id (a GUID, a number such as the role id "6", or
// letters and digits such as "CS0001");
// a collection's name ("Azure", "Csp") is not an id. Location is kept either way, and an "id"
// in the body is used when Location names none.
func TestCreatedIDIsAnIDOrNothing(t *testing.T) {
	const guid = "e0c5a7d1-8a26-4c7b-9f0b-1d2e3f405162"
	org := brokerPath("organizations/" + azOrgID + "/")
	for _, tc := range []struct {
		name, location, body, wantID string
	}{
		{"the service's own path", org + "services/Azure", "", ""},
		{"absolute, collection word", "https://api.example/api/resellers/" + testResellerID + "/organizations/" + azOrgID + "/services/Csp", "", ""},
		{"a trailing slash after a word", org + "services/Azure/", "", ""},
		{"absolute URL with a GUID", "https://api.example/api/sellers/" + sellerTestSellerID + "/SellerAdministrators/" + guid, "", guid},
		{"relative with a GUID and a slash", org + "services/Azure/" + guid + "/", "", guid},
		{"upper-case GUID with a query", org + "services/Azure/" + "7779A4BA-BD21-457C-8B3F-B3BAA74FC99C?x=1", "", "7779A4BA-BD21-457C-8B3F-B3BAA74FC99C"},
		{"a number", "/api/sellers/" + sellerTestSellerID + "/roles/6", "", "6"},
		{"letters and digits", org + "services/Azure/CS0001", "", "CS0001"},
		{"a word without digits", org + "services/Azure/abc", "", ""},
		{"not an id's characters", org + "services/Azure/a%201", "", ""},
		{"a word in Location, the id in the body", org + "services/Azure", `{"id":"` + guid + `"}`, guid},
		{"no Location", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("POST "+org+"services/Azure", func(w http.ResponseWriter, r *http.Request) {
				wantRequest(t, r, http.MethodPost, org+"services/Azure", nil, `{"currencyCode":"SEK"}`)
				if tc.location != "" {
					w.Header().Set("Location", tc.location)
				}
				if tc.body != "" {
					writeJSON(t, w, http.StatusCreated, tc.body)
					return
				}
				w.WriteHeader(http.StatusCreated)
			})
			cr, resp, err := c.Azure.Add(context.Background(), azOrgID, &AddAzureRequest{Extra: map[string]any{"currencyCode": "SEK"}})
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, cr.ID, "Created.ID")
			assert.Equal(t, tc.location, cr.Location, "Location is kept as sent")
			if tc.body == "" {
				assert.Equal(t, tc.wantID, resp.LocationID(), "Response.LocationID")
			}
			assert.Len(t, ts.requests(), 1)
		})
	}

	// A 303 See Other answering the POST (processed): the same rule for the Location it names.
	for _, tc := range []struct{ location, wantID string }{
		{org + "services/Azure", ""},
		{org + "services/Azure/" + guid, guid},
	} {
		c, ts := setup(t)
		ts.Mux.HandleFunc("POST "+org+"services/Azure", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", tc.location)
			w.WriteHeader(http.StatusSeeOther)
		})
		cr, _, err := c.Azure.Add(context.Background(), azOrgID, &AddAzureRequest{Extra: map[string]any{"currencyCode": "SEK"}})
		var re *RedirectError
		require.True(t, errors.As(err, &re), "%v", err)
		require.NotNil(t, cr, "a processed 303 still returns what was created")
		assert.Equal(t, tc.wantID, cr.ID, "303 to %s", tc.location)
		assert.True(t, strings.HasSuffix(cr.Location, tc.location), "Location %s is kept", cr.Location)
	}
}

// TestNoPathWordIsAnID: no literal segment of any of Cloudmore's operation paths has the shape
// of an id, so a Location naming a collection or a singleton gives no Created.ID.
func TestNoPathWordIsAnID(t *testing.T) {
	files, err := filepath.Glob("testdata/operations/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, line := range strings.Split(string(b), "\n") {
			_, path, ok := strings.Cut(strings.TrimSpace(line), " ")
			if !ok {
				continue
			}
			for _, seg := range strings.Split(path, "/") {
				if seg == "" || strings.HasPrefix(seg, "{") {
					continue
				}
				n++
				assert.False(t, isIDSegment(seg), "%s in %s", seg, path)
				assert.Empty(t, locationID("https://api.example"+path), path)
			}
		}
	}
	assert.Greater(t, n, 500, "the operations were read")
}
