package cloudmoretest

import (
	"net/http"
	"strings"

	"github.com/shopspring/decimal"
)

func (s *Server) cspTenantRoutes() {
	const broker = "/api/resellers/{resellerId}/services/csp/CspTenants"
	s.api("GET "+broker+"/List", s.listCSPTenants)
	s.api("POST "+broker+"/Link", s.linkCSPTenant)
}

// id returns the tenant's Microsoft tenant id, made when first asked for.
func (t *cspTenant) id() string {
	if t.tenantID == "" {
		t.tenantID = newID()
	}
	return t.tenantID
}

// AddPartnerCenterTenant adds a Microsoft tenant at prefix.onmicrosoft.com that was created
// directly in Partner Center: CspTenants/List shows it linked to no organization until
// CspTenants/Link links it. The prefix is taken from then on. It returns the tenant id.
func (s *Server) AddPartnerCenterTenant(prefix string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &cspTenant{domainPrefix: prefix, addedAt: s.now()}
	s.st.cspUnlinked = append(s.st.cspUnlinked, t)
	s.st.takenPrefixes[strings.ToLower(prefix)] = true
	return t.id()
}

// cspTenantJSON is the fake's own shape of a tenant in CspTenants/List (Cloudmore does not
// document CspTenantViewModel): organizationId and organizationName are empty for a tenant
// linked to no organization.
type cspTenantJSON struct {
	TenantID         string `json:"tenantId"`
	Domain           string `json:"domain"`
	OrganizationID   string `json:"organizationId"`
	OrganizationName string `json:"organizationName"`
	Linked           bool   `json:"linked"`
}

func tenantJSON(t *cspTenant, o *org) cspTenantJSON {
	j := cspTenantJSON{TenantID: t.id(), Domain: strings.ToLower(t.domainPrefix) + ".onmicrosoft.com"}
	if o != nil {
		j.OrganizationID, j.OrganizationName, j.Linked = o.id, o.name, true
	}
	return j
}

// listCSPTenants lists the tenants of the organizations with Microsoft CSP, then the tenants
// linked to none.
func (s *Server) listCSPTenants(w http.ResponseWriter, r *http.Request) {
	out := []cspTenantJSON{}
	for _, o := range s.st.orgs {
		if o.csp != nil {
			out = append(out, tenantJSON(o.csp, o))
		}
	}
	for _, t := range s.st.cspUnlinked {
		out = append(out, tenantJSON(t, nil))
	}
	writeJSON(w, http.StatusOK, out)
}

// cspLinkBody is the body of CspTenants/Link as the SDK types it (LinkCSPTenantRequest: names
// inferred; Cloudmore does not document CspTenantLinkViewModel).
type cspLinkBody struct {
	TenantID       string `json:"tenantId"`
	OrganizationID string `json:"organizationId"`
}

func (b *cspLinkBody) check(fe fieldErrors) {
	fe.required("TenantId", b.TenantID)
	fe.required("OrganizationId", b.OrganizationID)
}

// linkCSPTenant links a tenant that is linked to no organization to an organization without
// Microsoft CSP, which then has the CSP service (in the service's currency) with that tenant:
// 200 with the linked tenant.
func (s *Server) linkCSPTenant(w http.ResponseWriter, r *http.Request) {
	var b cspLinkBody
	if !readBody(w, r, &b) {
		return
	}
	o := find(s.st.orgs, b.OrganizationID)
	i := -1
	for j, t := range s.st.cspUnlinked {
		if strings.EqualFold(t.id(), b.TenantID) {
			i = j
		}
	}
	switch {
	case o == nil:
		notFound(w, "Organization '%s' was not found.", b.OrganizationID)
	case i < 0 && s.linkedTenant(b.TenantID) != nil:
		invalidValue(w, "Tenant '%s' is already linked to an organization.", b.TenantID)
	case i < 0:
		notFound(w, "Microsoft tenant '%s' was not found.", b.TenantID)
	case o.csp != nil:
		invalidValue(w, "Organization '%s' already has a Microsoft tenant.", o.id)
	default:
		t := s.st.cspUnlinked[i]
		s.st.cspUnlinked = append(s.st.cspUnlinked[:i:i], s.st.cspUnlinked[i+1:]...)
		o.csp = t
		if o.service(CSPServiceID) == nil {
			o.services = append(o.services, &orgService{serviceID: CSPServiceID, currency: s.cspService().currency,
				addedAt: s.now(), prices: map[string]decimal.Decimal{}})
		}
		writeJSON(w, http.StatusOK, tenantJSON(t, o))
	}
}

// linkedTenant returns the organization whose tenant has id, or nil.
func (s *Server) linkedTenant(id string) *org {
	for _, o := range s.st.orgs {
		if o.csp != nil && strings.EqualFold(o.csp.id(), id) {
			return o
		}
	}
	return nil
}
