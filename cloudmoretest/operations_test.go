package cloudmoretest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryDeclaredOperationIsServed walks the SDK's declarations and fails on any operation
// the fake does not route: every method a user calls runs against the fake.
func TestEveryDeclaredOperationIsServed(t *testing.T) {
	s := NewServer(t)
	ops := cloudmore.Operations()
	require.NotEmpty(t, ops)
	for _, op := range ops {
		p := op.Path
		for _, name := range append([]string{"resellerId", "sellerId"}, op.Params...) {
			p = strings.Replace(p, "{"+name+"}", "0b7d4c4e-3f5a-4a53-9d2e-6b1f3c1a2b3c", 1)
		}
		r := httptest.NewRequest(op.Method, p, nil)
		r.URL.Path = routeKey(r.URL.Path)
		_, pattern := s.mux.Handler(r)
		assert.NotEmpty(t, pattern, "the fake does not serve %s", op)
	}
}

// TestUnknownRouteIsNotANotFound: a route the fake does not serve answers 501 in Cloudmore's
// error shape, never 404 (which the SDK reads as a missing resource).
func TestUnknownRouteIsNotANotFound(t *testing.T) {
	s := NewServer(t)
	req, err := http.NewRequest(http.MethodGet, s.URL()+"/api/resellers/"+s.ResellerID()+"/NoSuchThing", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusNotImplemented, resp.StatusCode)
	b, _ := io.ReadAll(resp.Body)
	var items []errorItem
	require.NoError(t, json.Unmarshal(b, &items), string(b))
	require.Len(t, items, 1)
	assert.Equal(t, "NotImplemented", items[0].ErrorName)
	assert.Contains(t, items[0].ErrorMessage, "GET /api/resellers/")
}

// TestEveryAnswerHasARequestID: Response.RequestID is set for every answer of the fake, as the
// README's first snippet prints it.
func TestEveryAnswerHasARequestID(t *testing.T) {
	s := NewServer(t)
	c := s.Client()
	_, resp, err := c.Organizations.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, resp.RequestID, 36)
	_, resp2, err := c.Organizations.Get(context.Background(), "11111111-2222-3333-4444-555555555555")
	require.Error(t, err)
	assert.Len(t, resp2.RequestID, 36)
	assert.NotEqual(t, resp.RequestID, resp2.RequestID)
}
