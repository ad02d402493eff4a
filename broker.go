package cloudmore

// BrokerService groups the broker's administration of its own account: the services,
// products and add-ons it sells itself, metered consumption, administrators and roles,
// organization groups, payment methods, e-mail templates and custom-property definitions.
// Every path is under /api/resellers/{resellerId}.
type BrokerService struct {
	// Services are the broker's own services (ResellerServicesApi).
	Services *BrokerServicesService
	// Products are the products of the broker's own services (ResellerServiceProductsApi).
	Products *BrokerProductsService
	// Addons are the add-ons of those products (ResellerServiceProductAddonsApi).
	Addons *BrokerAddonsService
	// Consumption reads and submits metered usage (ResellerServiceConsumptionsApi).
	Consumption *BrokerConsumptionService
	// Administrators are the broker's administrators (ResellerAdministratorsApi).
	Administrators *BrokerAdministratorsService
	// Roles are the roles a broker administrator can have (ResellerRolesApi).
	Roles *BrokerRolesService
	// OrganizationGroups group the broker's organizations, with their members
	// (ResellerOrganizationGroupsApi, ResellerOrganizationGroupMembersApi).
	OrganizationGroups *BrokerOrganizationGroupsService
	// PaymentMethods are the broker's payment methods and an organization's choice among
	// them (ResellerPaymentMethodsApi, OrganizationPaymentMethodsApi).
	PaymentMethods *BrokerPaymentMethodsService
	// EmailTemplates are the broker's e-mail templates (ResellerEmailTemplatesApi).
	EmailTemplates *BrokerEmailTemplatesService
	// CustomProperties are the custom properties the broker defined for its organizations
	// (CustomPropertiesApi).
	CustomProperties *BrokerCustomPropertiesService
}

// BrokerServicesService manages the broker's own services.
type BrokerServicesService service

// BrokerProductsService manages the products of the broker's own services.
type BrokerProductsService service

// BrokerAddonsService manages the add-ons of the broker's products.
type BrokerAddonsService service

// BrokerConsumptionService reads and submits metered consumption of the broker's services.
type BrokerConsumptionService service

// BrokerAdministratorsService manages the broker's administrators.
type BrokerAdministratorsService service

// BrokerRolesService lists the roles of broker administrators.
type BrokerRolesService service

// BrokerOrganizationGroupsService manages organization groups and their members.
type BrokerOrganizationGroupsService service

// BrokerPaymentMethodsService manages the broker's payment methods and organizations' choice.
type BrokerPaymentMethodsService service

// BrokerEmailTemplatesService lists the broker's e-mail templates.
type BrokerEmailTemplatesService service

// BrokerCustomPropertiesService lists the broker's custom-property definitions.
type BrokerCustomPropertiesService service

func newBrokerService(c *Client) *BrokerService {
	return &BrokerService{
		Services:           &BrokerServicesService{client: c},
		Products:           &BrokerProductsService{client: c},
		Addons:             &BrokerAddonsService{client: c},
		Consumption:        &BrokerConsumptionService{client: c},
		Administrators:     &BrokerAdministratorsService{client: c},
		Roles:              &BrokerRolesService{client: c},
		OrganizationGroups: &BrokerOrganizationGroupsService{client: c},
		PaymentMethods:     &BrokerPaymentMethodsService{client: c},
		EmailTemplates:     &BrokerEmailTemplatesService{client: c},
		CustomProperties:   &BrokerCustomPropertiesService{client: c},
	}
}
