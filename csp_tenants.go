package cloudmore

import (
	"context"
)

// CSPTenantsService lists the broker's Microsoft CSP tenants and links a tenant to an
// organization. Reach it as Client.CSP.Tenants.
type CSPTenantsService service

// CSPTenant is one of the broker's Microsoft CSP tenants with the organization it is linked
// to, if any (model CspLinkedTenantViewModel there). Cloudmore does not document its fields;
// Raw holds the answer.
//
// Cloudmore model: CspTenantViewModel
type CSPTenant struct {
	// Raw is the JSON as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (t *CSPTenant) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, t) }

// LinkCSPTenantRequest links a Microsoft CSP tenant to one of the broker's organizations.
// Cloudmore does not document its fields. The operation "links Microsoft Csp tenant and
// reseller's organization together" (api-facts §9.9), so the body names both: the SDK types
// them under names it infers (the organization's, "organizationId", is Cloudmore's name for an
// organization's id everywhere; "tenantId" is Microsoft's for a tenant's) and requires them.
// Further members go in Extra.
//
// Cloudmore model: CspTenantLinkViewModel
type LinkCSPTenantRequest struct {
	// TenantID is the Microsoft tenant's id, as CSPTenantsService.List names it (required;
	// JSON name inferred).
	TenantID string `json:"tenantId"`
	// OrganizationID is the id (a GUID) of the organization to link the tenant to (required;
	// JSON name inferred).
	OrganizationID string `json:"organizationId"`
	// Extra holds further members by their JSON names. A key must not repeat a typed field.
	Extra map[string]any `json:"-"`
}

// MarshalJSON writes the typed fields and merges Extra.
func (r LinkCSPTenantRequest) MarshalJSON() ([]byte, error) {
	type plain LinkCSPTenantRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *LinkCSPTenantRequest) validate() error {
	if r == nil {
		return errNoBody()
	}
	var v validator
	v.required("tenantId", r.TenantID)
	v.guid("organizationId", r.OrganizationID)
	type plain LinkCSPTenantRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// The CSP tenant operations.
var (
	opCSPTenantsList = declare[none, none, []CSPTenant]("CSP.Tenants.List", "GET /api/resellers/{resellerId}/services/csp/CspTenants/List")
	opCSPTenantsLink = declare[none, *LinkCSPTenantRequest, *Created]("CSP.Tenants.Link", "POST /api/resellers/{resellerId}/services/csp/CspTenants/Link")
)

// List returns the broker's Microsoft CSP tenants and the organizations they are linked to.
// Tenants created directly in Partner Center must be linked to an organization (Link), or
// their billing is missing from Cloudmore's reports.
//
// Cloudmore API: GET /api/resellers/{resellerId}/services/csp/CspTenants/List
func (s *CSPTenantsService) List(ctx context.Context, call ...CallOption) ([]CSPTenant, *Response, error) {
	return opCSPTenantsList.do(ctx, s.client, nil, nil, nil, call)
}

// Link links a Microsoft CSP tenant to one of the broker's organizations. The body's fields
// are not documented: see LinkCSPTenantRequest. The answer is not documented either: the
// *Created holds its Location header, the id it names (if any) and its body.
//
// Cloudmore API: POST /api/resellers/{resellerId}/services/csp/CspTenants/Link
func (s *CSPTenantsService) Link(ctx context.Context, req *LinkCSPTenantRequest, call ...CallOption) (*Created, *Response, error) {
	return opCSPTenantsLink.do(ctx, s.client, nil, nil, req, call)
}
