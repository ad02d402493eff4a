package cloudmore

// UserGroupsService manages an organization's user groups and their members
// (OrganizationUserGroupsApi, OrganizationUserGroupMembersApi).
type UserGroupsService service

// ManualBillingService manages an organization's manual billing lines
// (OrganizationManualBillingLineApi).
type ManualBillingService service

// ExternalInvoicesService manages an organization's external invoices (ExternalInvoiceApi).
type ExternalInvoicesService service
