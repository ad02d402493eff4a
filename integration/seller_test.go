package integration

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSellerReadOnly reads the seller side without changing anything: administrators, brokers,
// resellers, the seller's organization and settings, its manual billing lines per broker, the
// products, add-ons and price lists of its services, and its consumption. Against staging it
// runs only with CLOUDMORE_SELLER_ID set (the seller account's id); with CLOUDMORE_STRICT=1 it
// lists the answer members the seller models lack, which is how the seller models get typed.
func TestSellerReadOnly(t *testing.T) {
	e := setup(t)
	if e.fake == nil && e.c.SellerID() == "" {
		t.Skip("CLOUDMORE_SELLER_ID is not set: the seller side needs the seller account's id")
	}
	ctx := e.ctx(t)
	s := e.c.Seller

	admins, _, err := s.Administrators.List(ctx)
	e.capability(t, err, "list seller administrators")
	t.Logf("%d seller administrators", len(admins))
	brokers, _, err := s.Brokers.List(ctx)
	e.capability(t, err, "list the seller's brokers")
	t.Logf("%d brokers", len(brokers))
	resellers, _, err := s.Resellers.List(ctx)
	e.capability(t, err, "list resellers of the seller's services")
	for i, r := range resellers {
		if i == 3 {
			break
		}
		got, _, err := s.Resellers.Get(ctx, r.ID)
		e.must(t, err, "get reseller")
		assert.Equal(t, r.ID, got.ID)
		_, _, err = s.ManualBilling.List(ctx, r.ID, nil)
		e.capability(t, err, "list manual billing lines of a reseller")
	}
	_, _, err = s.Organization.Get(ctx, e.c.SellerID())
	e.capability(t, err, "get the seller's organization")
	_, _, err = s.CustomProperties.List(ctx)
	e.capability(t, err, "list the seller's custom properties")
	_, _, err = s.EmailTemplates.List(ctx)
	e.capability(t, err, "list the seller's e-mail templates")
	_, _, err = s.Consumption.List(ctx, nil)
	e.capability(t, err, "read the seller's consumption")
}
