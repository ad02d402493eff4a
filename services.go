package cloudmore

// EstoreService is a placeholder until its area lands.
type EstoreService service

// ServicesService is a placeholder until its area lands.
type ServicesService service
