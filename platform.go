package cloudmore

import (
	"context"
	"encoding/json"
	"net/http"
)

// PlatformService holds Cloudmore's global look-ups, which need no reseller id: the health
// check, service categories and markets. A client created without WithResellerID can use it.
type PlatformService service

// ServiceCategory is a category services are grouped in, such as "Backup & Security" or
// "Collaboration" (fields as Cloudmore's developer portal shows them).
type ServiceCategory struct {
	// CategoryID is the category's id (a GUID).
	CategoryID string `json:"categoryId"`
	// Name is the category's name.
	Name string `json:"name"`
	// Description describes the category; empty when Cloudmore sends null.
	Description string `json:"description"`
}

// MarketCountry is a market country. Cloudmore does not document this model
// (MarketCountryViewModel), so it has no typed fields: Raw is the whole JSON object.
type MarketCountry struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *MarketCountry) UnmarshalJSON(b []byte) error {
	m.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// MarketRegion is a market region. Cloudmore does not document this model
// (MarketRegionViewModel), so it has no typed fields: Raw is the whole JSON object.
type MarketRegion struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *MarketRegion) UnmarshalJSON(b []byte) error {
	m.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// HealthCheck asks whether the Cloudmore API is responding: a nil error means a 2xx answer.
// The answer's body is not documented; it is returned as sent (nil when empty). Whether the
// call needs a token is not documented either; the client sends one, so a failing token
// request fails the health check too.
//
// Cloudmore API: GET /api/healthcheck
func (s *PlatformService) HealthCheck(ctx context.Context) (json.RawMessage, *Response, error) {
	return s.client.raw(ctx, http.MethodGet, "/api/healthcheck", nil, nil)
}

// ListCategories returns the service categories.
//
// Cloudmore API: GET /api/services/categories
func (s *PlatformService) ListCategories(ctx context.Context) ([]ServiceCategory, *Response, error) {
	var out []ServiceCategory
	resp, err := s.client.get(ctx, "/api/services/categories", nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ListMarketCountries returns the market countries.
//
// Cloudmore API: GET /api/services/marketCountries
func (s *PlatformService) ListMarketCountries(ctx context.Context) ([]MarketCountry, *Response, error) {
	var out []MarketCountry
	resp, err := s.client.get(ctx, "/api/services/marketCountries", nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}

// ListMarketRegions returns the market regions.
//
// Cloudmore API: GET /api/services/marketRegions
func (s *PlatformService) ListMarketRegions(ctx context.Context) ([]MarketRegion, *Response, error) {
	var out []MarketRegion
	resp, err := s.client.get(ctx, "/api/services/marketRegions", nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return out, resp, nil
}
