package cloudmore

// SubscriptionsService is a placeholder until its area lands.
type SubscriptionsService service
