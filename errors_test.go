package cloudmore

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorBodyShapes(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		wantMessage             string
		wantItems               []ErrorItem
		wantFields              map[string][]string
		wantInError             string
	}{
		{
			name:        "array of error items",
			contentType: "application/json",
			body:        `[ { "errorCode": 5, "errorName": "InvalidValue", "errorMessage": "Invalid domain/website:abcdefCompany" } ]`,
			wantMessage: "Invalid domain/website:abcdefCompany",
			wantItems:   []ErrorItem{{Code: 5, Name: "InvalidValue", Message: "Invalid domain/website:abcdefCompany"}},
			wantInError: "Invalid domain/website:abcdefCompany (InvalidValue)",
		},
		{
			name:        "model state",
			contentType: "application/json",
			body:        `{ "Contact.Phone": [ "Phone number is not in valid format." ], "Contact.PhonePrefix": [ "Prefix is required." ] }`,
			wantFields:  map[string][]string{"Contact.Phone": {"Phone number is not in valid format."}, "Contact.PhonePrefix": {"Prefix is required."}},
			wantInError: "Contact.Phone: Phone number is not in valid format.; Contact.PhonePrefix: Prefix is required.",
		},
		{
			name:        "problem details",
			contentType: "application/problem+json",
			body:        `{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required."]}}`,
			wantMessage: "One or more validation errors occurred.",
			wantFields:  map[string][]string{"Name": {"The Name field is required."}},
			wantInError: "One or more validation errors occurred.; Name: The Name field is required.",
		},
		{
			name:        "message object",
			contentType: "application/json",
			body:        `{"message":"Organization not found"}`,
			wantMessage: "Organization not found",
			wantInError: "Organization not found",
		},
		{
			name:        "plain text",
			contentType: "text/plain",
			body:        "Service temporarily\n unavailable",
			wantMessage: "Service temporarily unavailable",
			wantInError: "Service temporarily unavailable",
		},
		{
			name:        "html from a gateway",
			contentType: "text/html",
			body:        `<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>`,
			wantMessage: "502 Bad Gateway",
			wantInError: "502 Bad Gateway",
		},
		{name: "empty", wantInError: "400 Bad Request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ts := setup(t)
			ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				w.Header().Set("X-Request-Id", "req-42")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(tt.body))
			})
			_, err := c.get(context.Background(), orgsPath(t, c)+"", &struct {
				Show bool `url:"showActive"`
			}{true}, nil)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
			assert.Equal(t, http.MethodGet, ae.Method)
			assert.Equal(t, "/api/resellers/"+testResellerID+"/Organizations", ae.Path, "no query in the path")
			assert.Equal(t, tt.wantMessage, ae.Message)
			assert.Equal(t, tt.wantItems, ae.Items)
			assert.Equal(t, tt.wantFields, ae.FieldErrors)
			assert.Equal(t, tt.body, string(ae.Body))
			assert.Equal(t, "req-42", ae.RequestID)
			assert.Contains(t, err.Error(), tt.wantInError)
			assert.NotContains(t, err.Error(), "showActive")
			assert.ErrorIs(t, err, ErrBadRequest)
		})
	}
}

func TestErrorBodyIsCappedAtOneMebibyte(t *testing.T) {
	c, ts := setup(t)
	big := strings.Repeat("x", 3<<20)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(big))
	})
	_, err := c.get(context.Background(), orgsPath(t, c), nil, nil)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Len(t, ae.Body, maxErrorBody)
	assert.Less(t, len(err.Error()), 1000, "the message stays readable")
}

func TestSentinelsMatchByStatus(t *testing.T) {
	sentinels := map[int]error{400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound,
		409: ErrConflict, 429: ErrRateLimited, 500: ErrServer, 502: ErrServer, 503: ErrServer}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer}
	for status, want := range sentinels {
		err := error(&APIError{StatusCode: status})
		for _, s := range all {
			assert.Equal(t, s == want, errors.Is(err, s), "status %d vs %v", status, s)
		}
	}
	assert.False(t, errors.Is(&APIError{StatusCode: 418}, ErrServer))
}

func TestValidationErrorNamesTheField(t *testing.T) {
	err := error(invalid("primaryDomain", "%q is a generic mail domain", "gmail.com"))
	assert.Equal(t, `cloudmore: invalid primaryDomain: "gmail.com" is a generic mail domain`, err.Error())
	assert.ErrorIs(t, err, ErrValidation)
}

func TestAuthErrorIsActionableAndMatches(t *testing.T) {
	err := error(&AuthError{StatusCode: 400, Code: "invalid_grant", Description: "invalid_username_or_password"})
	assert.Equal(t, "cloudmore: authentication failed: invalid_grant: invalid_username_or_password (HTTP 400 from the token endpoint); check the username and password, and that the account has REST API access", err.Error())
	assert.ErrorIs(t, err, ErrAuth)
	assert.False(t, errors.Is(err, ErrUnauthorized))
}

// FuzzErrorBody checks that no error body, however odd, makes the error parser panic, and that
// the message stays one readable line.
func FuzzErrorBody(f *testing.F) {
	for _, seed := range []string{
		`[{"errorCode":5,"errorName":"InvalidValue","errorMessage":"Invalid domain/website:abc"}]`,
		`{"Contact.Phone":["Phone number is not in valid format."]}`,
		`{"title":"x","errors":{"Name":["required"]}}`,
		`<html><title>502</title></html>`, `"quoted"`, `[1,2]`, `{"errors":5}`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e := &APIError{StatusCode: 400, Method: "GET", Path: "/x", Body: body}
		e.parseErrorBody()
		msg := e.Error()
		if strings.ContainsAny(e.Message, "\n\r") {
			t.Fatalf("message spans lines: %q", e.Message)
		}
		_ = msg
	})
}
