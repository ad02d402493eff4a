package cloudmore

import (
	"bytes"
	"context"
)

// PlatformService holds Cloudmore's global look-ups, which need no reseller id: the health
// check, service categories and markets. A client created without WithResellerID can use it.
type PlatformService service

// ServiceCategory is a category services are grouped in, such as "Backup & Security" or
// "Collaboration" (fields as Cloudmore's developer portal shows them). As everywhere in the SDK,
// a Go field is its JSON member's name without the model's own noun: categoryId is ID, as
// ErrorItem's errorCode is Code.
//
// Cloudmore model: ServiceCategoryViewModel
type ServiceCategory struct {
	// ID is the category's id (a GUID), the JSON member categoryId.
	ID string `json:"categoryId"`
	// Name is the category's name.
	Name string `json:"name"`
	// Description describes the category; empty when Cloudmore sends null.
	Description string `json:"description"`
}

// MarketCountry is a market country. Its fields are not documented, so it has no typed
// fields: Raw is the whole JSON object.
//
// Cloudmore model: MarketCountryViewModel
type MarketCountry struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *MarketCountry) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// MarketRegion is a market region. Its fields are not documented, so it has no typed fields:
// Raw is the whole JSON object.
//
// Cloudmore model: MarketRegionViewModel
type MarketRegion struct {
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (m *MarketRegion) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// PlatformHealth is the answer to the health check. Its body is not documented (a
// StatusViewModel exists, but which operation returns it is not known), so it has no typed
// fields: Raw is the body as sent (JSON or not), nil when the answer was empty.
//
// Cloudmore model: unknown
type PlatformHealth struct {
	// Raw is the answer's body as Cloudmore sent it; nil when empty.
	Raw RawJSON `json:"-"`
}

// The global look-ups, which no reseller or seller owns.
var (
	opPlatformHealthCheck         = declare[none, none, *PlatformHealth]("Platform.HealthCheck", "GET /api/healthcheck")
	opPlatformListCategories      = declare[none, none, []ServiceCategory]("Platform.ListCategories", "GET /api/services/categories")
	opPlatformListMarketCountries = declare[none, none, []MarketCountry]("Platform.ListMarketCountries", "GET /api/services/marketCountries")
	opPlatformListMarketRegions   = declare[none, none, []MarketRegion]("Platform.ListMarketRegions", "GET /api/services/marketRegions")
)

// HealthCheck asks whether the Cloudmore API is responding: a nil error means a 2xx answer,
// whose body (if any) is in PlatformHealth.Raw. Whether the call needs a token is not
// documented; the client sends one, so a failing token request fails the health check too.
//
// Cloudmore API: GET /api/healthcheck
func (s *PlatformService) HealthCheck(ctx context.Context, call ...CallOption) (*PlatformHealth, *Response, error) {
	// An empty answer is a healthy one here, so this is not do (which refuses it for a *T); and
	// any 2xx body is (ASP.NET health checks answer text/plain "Healthy"), so the body is
	// read as bytes, not as JSON.
	var raw []byte
	resp, err := opPlatformHealthCheck.into(ctx, s.client, nil, nil, nil, call, &raw)
	if err != nil {
		return nil, resp, err
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = nil
	}
	return &PlatformHealth{Raw: raw}, resp, nil
}

// ListCategories returns the service categories.
//
// Cloudmore API: GET /api/services/categories
func (s *PlatformService) ListCategories(ctx context.Context, call ...CallOption) ([]ServiceCategory, *Response, error) {
	return opPlatformListCategories.do(ctx, s.client, nil, nil, nil, call)
}

// ListMarketCountries returns the market countries.
//
// Cloudmore API: GET /api/services/marketCountries
func (s *PlatformService) ListMarketCountries(ctx context.Context, call ...CallOption) ([]MarketCountry, *Response, error) {
	return opPlatformListMarketCountries.do(ctx, s.client, nil, nil, nil, call)
}

// ListMarketRegions returns the market regions.
//
// Cloudmore API: GET /api/services/marketRegions
func (s *PlatformService) ListMarketRegions(ctx context.Context, call ...CallOption) ([]MarketRegion, *Response, error) {
	return opPlatformListMarketRegions.do(ctx, s.client, nil, nil, nil, call)
}
