package cloudmoretest

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
