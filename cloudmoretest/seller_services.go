package cloudmoretest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/shopspring/decimal"
)

// The seller's services (SellerServicesApi, SellerServicePublishApi). A service the seller
// creates is also an E-store service (isSellerCustomService), so that organizations can add it
// and order its products through the broker API, which fires the seller's webhooks.

// sellerSvc is one of the seller's services: the E-store service and the seller's own data.
type sellerSvc struct {
	svc                *service
	vendorName         string
	allowMultipleUsers bool
	published          bool
	extra              map[string]json.RawMessage // members the fake does not interpret, echoed back
}

func (ss *sellerSvc) key() string { return ss.svc.id }

func errNotSellerService(id string) error {
	return fmt.Errorf("cloudmoretest: %q is not a service of the seller", id)
}

// sellerService returns the seller's service id, or nil. It runs with s.mu held.
func (s *Server) sellerService(id string) *sellerSvc { return find(s.hooks.services, id) }

func (s *Server) sellerServiceRoutes() {
	const base = "/api/sellers/{sellerId}/services"
	s.sellerAPI("GET "+base, s.listSellerServices)
	s.sellerAPI("POST "+base, s.createSellerService)
	s.sellerAPI("GET "+base+"/{id}", s.getSellerService)
	s.sellerAPI("PUT "+base+"/{id}", s.updateSellerService)
	s.sellerAPI("DELETE "+base+"/{id}", s.disableSellerService)
	s.sellerAPI("GET "+base+"/{id}/custom-properties-data", s.sellerServicePropertyData)
	s.sellerAPI("GET "+base+"/{serviceId}/resellers", s.sellerServiceResellers)
	s.sellerAPI("PUT "+base+"/{id}/publish", s.publishSellerService)
}

// json is the developer portal's example shape (id, name, vendorName, allowMultipleUsers,
// customProperties), plus the members the fake was sent and does not interpret.
func (ss *sellerSvc) json() map[string]any {
	m := map[string]any{}
	for k, v := range ss.extra {
		m[k] = v
	}
	m["id"], m["name"], m["vendorName"] = ss.svc.id, ss.svc.name, ss.vendorName
	m["allowMultipleUsers"], m["customProperties"] = ss.allowMultipleUsers, []any{}
	return m
}

func (s *Server) listSellerServices(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.hooks.services, (*sellerSvc).json))
}

func (s *Server) findSellerService(w http.ResponseWriter, r *http.Request, wildcard string) *sellerSvc {
	return findOr404(w, s.hooks.services, r.PathValue(wildcard), "Service")
}

func (s *Server) getSellerService(w http.ResponseWriter, r *http.Request) {
	if ss := s.findSellerService(w, r, "id"); ss != nil {
		writeJSON(w, http.StatusOK, ss.json())
	}
}

// readSellerService applies a create or update body to ss: name, vendorName and
// allowMultipleUsers when sent; the other members are kept as sent.
func readSellerService(w http.ResponseWriter, r *http.Request, ss *sellerSvc) bool {
	var m map[string]json.RawMessage
	if !readBody(w, r, &m) {
		return false
	}
	if raw, ok := m["name"]; ok {
		var v string
		_ = json.Unmarshal(raw, &v)
		if v = strings.TrimSpace(v); v != "" {
			ss.svc.name = v
		}
		delete(m, "name")
	}
	if raw, ok := m["vendorName"]; ok {
		_ = json.Unmarshal(raw, &ss.vendorName)
		delete(m, "vendorName")
	}
	if raw, ok := m["allowMultipleUsers"]; ok {
		_ = json.Unmarshal(raw, &ss.allowMultipleUsers)
		delete(m, "allowMultipleUsers")
	}
	if ss.extra == nil {
		ss.extra = map[string]json.RawMessage{}
	}
	for k, v := range m {
		ss.extra[k] = v
	}
	return true
}

// createSellerService creates the service (priced in EUR, without products: see
// AddSellerServiceProduct) and adds it to the E-store.
func (s *Server) createSellerService(w http.ResponseWriter, r *http.Request) {
	ss := &sellerSvc{svc: &service{id: newID(), name: "Unnamed service", sellerCustom: true, currency: "EUR",
		brokerPrices: map[string]decimal.Decimal{}}}
	if !readSellerService(w, r, ss) {
		return
	}
	s.hooks.services = append(s.hooks.services, ss)
	s.st.services = append(s.st.services, ss.svc)
	writeCreated(w, s.sellerURL("services/%s", ss.svc.id))
}

func (s *Server) updateSellerService(w http.ResponseWriter, r *http.Request) {
	if ss := s.findSellerService(w, r, "id"); ss != nil && readSellerService(w, r, ss) {
		writeNoContent(w)
	}
}

// disableSellerService takes the service out of the seller's list and out of the E-store
// (the fake's reading of "Disables service for the seller"); organizations that added it keep
// it and its subscriptions.
func (s *Server) disableSellerService(w http.ResponseWriter, r *http.Request) {
	ss := s.findSellerService(w, r, "id")
	if ss == nil {
		return
	}
	s.hooks.services = remove(s.hooks.services, ss)
	if !s.serviceInUse(ss.svc.id) {
		s.st.services = remove(s.st.services, ss.svc)
	}
	writeNoContent(w)
}

// serviceInUse reports whether an organization has added the service.
func (s *Server) serviceInUse(id string) bool {
	for _, o := range s.st.orgs {
		if o.service(id) != nil {
			return true
		}
	}
	return false
}

// sellerServicePropertyData answers an empty list: the fake keeps no custom-property data
// (Cloudmore documents neither its shape nor its members).
func (s *Server) sellerServicePropertyData(w http.ResponseWriter, r *http.Request) {
	if ss := s.findSellerService(w, r, "id"); ss != nil {
		writeJSON(w, http.StatusOK, []any{})
	}
}

// sellerServiceResellers lists the fake's one broker once it added the service
// (BrokerAddService) or one of its organizations did: {"id": resellerId}.
func (s *Server) sellerServiceResellers(w http.ResponseWriter, r *http.Request) {
	ss := s.findSellerService(w, r, "serviceId")
	if ss == nil {
		return
	}
	out := []map[string]string{}
	if s.hooks.brokerAdded[strings.ToLower(ss.svc.id)] || s.serviceInUse(ss.svc.id) {
		out = append(out, map[string]string{"id": s.opts.ResellerID})
	}
	writeJSON(w, http.StatusOK, out)
}

// publishSellerService marks the service published; any body is accepted (Cloudmore does not
// document SellerServicePublishViewModel). The fake does not hide unpublished services.
func (s *Server) publishSellerService(w http.ResponseWriter, r *http.Request) {
	if ss := s.findSellerService(w, r, "id"); ss != nil {
		ss.published = true
		writeNoContent(w)
	}
}

// SellerServicePublished reports whether the seller published the service.
func (s *Server) SellerServicePublished(serviceID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sellerService(serviceID)
	return ss != nil && ss.published
}

// AddSellerServiceProduct adds a product to one of the seller's services, so that
// organizations can order it through the broker API: a 12-month subscription paid monthly,
// minimum quantity 1, no trial, cost and price as given (decimal strings, EUR). It returns
// the product's id, or an error for an id that is not one of the seller's services or an
// amount that is not a decimal.
func (s *Server) AddSellerServiceProduct(serviceID, name, cost, price string) (string, error) {
	c, err := decimal.NewFromString(cost)
	if err != nil {
		return "", fmt.Errorf("cloudmoretest: cost %q: %w", cost, err)
	}
	p, err := decimal.NewFromString(price)
	if err != nil {
		return "", fmt.Errorf("cloudmoretest: price %q: %w", price, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.sellerService(serviceID)
	if ss == nil {
		return "", errNotSellerService(serviceID)
	}
	prod := &product{id: newID(), name: name, description: name, itemCode: strings.ToUpper(strings.ReplaceAll(name, " ", "-")),
		subscriptionPeriod: 12, paymentFrequency: 1, minimumQuantity: 1, cost: c, price: p, customProperties: []customProperty{}}
	ss.svc.products = append(ss.svc.products, prod)
	// The seller API's product list and get show it too, with the members a seller's product
	// list is known to have (api-facts §18: id, name, description, itemCode).
	s.st.docs.col("seller product/"+serviceID).put(prod.id, map[string]any{
		"name": prod.name, "description": prod.description, "itemCode": prod.itemCode})
	return prod.id, nil
}
