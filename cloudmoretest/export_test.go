package cloudmoretest

import (
	"net/http"
	"net/http/httptest"
)

// SetPaymentFrequency sets how often, in months, a custom product of this server's catalog is
// paid. It exists for the tests of the billing rule for paymentFrequency > 1: every product of
// the built-in catalog is paid monthly. Products of other servers are not affected.
func (s *Server) SetPaymentFrequency(productID string, months int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, svc := range s.st.services {
		if p := svc.product(productID); p != nil {
			p.paymentFrequency = months
			return
		}
	}
	panic("cloudmoretest: no product " + productID)
}

// The fake's own tests fail when a handler refuses a field the SDK does not document
// (members.go): NewServer's cleanup checks every server they start.
func init() { failOnUndocumentedRefusals = true }

// UndocumentedRefusals returns the fields the fake refused that the SDK does not document, and
// how many model-state answers it checked.
func (s *Server) UndocumentedRefusals() ([]UnverifiedMember, int) { return s.undocumentedRefusals() }

// PlantRefusal serves a request for the operation of pattern ("POST /api/resellers/{resellerId}/...")
// through the check every handler runs behind, with a handler that answers 400 naming field,
// as a handler breaking the rule would; ForgetRefusals clears what it recorded.
func (s *Server) PlantRefusal(pattern, field string) {
	h := s.watchRefusals(lowerPattern(pattern), func(w http.ResponseWriter, r *http.Request) {
		fieldErrors{field: {"planted"}}.write(w)
	})
	h(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", nil))
}

// ForgetRefusals clears the recorded refusals (after a planted one).
func (s *Server) ForgetRefusals() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.refused, s.refusalsChecked = nil, 0
}
