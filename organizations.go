package cloudmore

// OrganizationsService is a placeholder until its area lands.
type OrganizationsService service

// UsersService is a placeholder until its area lands.
type UsersService service
