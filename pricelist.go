package cloudmore

// PricelistService is a placeholder until its area lands.
type PricelistService service
