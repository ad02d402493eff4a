package cloudmore

// PlatformService is a placeholder until its area lands.
type PlatformService service
