package cloudmore

// BillingService is a placeholder until its area lands.
type BillingService service
