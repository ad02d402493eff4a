package cloudmore

// SellerService is the seller side of Cloudmore (ISVs and distributors who publish services
// to the marketplace). Every path is under /api/sellers/{sellerId}: create the client with
// WithSellerID (or use ForSeller); without it every seller method is a *ValidationError
// before the network.
type SellerService struct {
	// Administrators are the seller's administrators (SellerAdministratorsApi).
	Administrators *SellerAdministratorsService
	// Organization reads the seller's own organization details (SellerOrganizationsApi).
	Organization *SellerOrganizationService
	// Billing reads the seller's monthly billing per broker (SellerBillingReportsApi).
	Billing *SellerBillingService
	// Brokers are the brokers the seller works with (SellerBrokersApi).
	Brokers *SellerBrokersService
	// Resellers are the resellers that activated the seller's services (ResellersApi).
	Resellers *SellerResellersService
	// ManualBilling holds manual billing lines per reseller (SellerResellersManualBillingLineApi).
	ManualBilling *SellerManualBillingService
	// Services are the seller's services, their publishing and their resellers
	// (SellerServicesApi, SellerServicePublishApi).
	Services *SellerServicesService
	// Products are the products of the seller's services (SellerServiceProductsApi).
	Products *SellerProductsService
	// Addons are the add-ons of those products (SellerServiceProductAddonsApi).
	Addons *SellerAddonsService
	// Pricelist reads and updates the seller's prices (SellerPriceListApi).
	Pricelist *SellerPricelistService
	// Subscriptions are the subscriptions to the seller's services (SellerSubscriptionsApi).
	Subscriptions *SellerSubscriptionsService
	// Consumption reads and submits metered usage, one call or in bulk
	// (SellerServiceConsumptionsApi, SellerServiceBulkConsumptionsApi).
	Consumption *SellerConsumptionService
	// CustomProperties lists the custom properties the seller defined for brokers.
	CustomProperties *SellerCustomPropertiesService
	// EmailTemplates lists the seller's e-mail templates (SellerEmailTemplatesApi).
	EmailTemplates *SellerEmailTemplatesService
	// Webhooks are the Service Connector webhooks Cloudmore calls (WebHooksApi).
	Webhooks *SellerWebhooksService
}

// SellerAdministratorsService manages the seller's administrators.
type SellerAdministratorsService service

// SellerOrganizationService reads the seller's organization details.
type SellerOrganizationService service

// SellerBillingService reads the seller's billing reports.
type SellerBillingService service

// SellerBrokersService manages the seller's brokers.
type SellerBrokersService service

// SellerResellersService lists the resellers that activated the seller's services.
type SellerResellersService service

// SellerManualBillingService manages manual billing lines per reseller.
type SellerManualBillingService service

// SellerServicesService manages the seller's services.
type SellerServicesService service

// SellerProductsService manages the products of the seller's services.
type SellerProductsService service

// SellerAddonsService manages the add-ons of the seller's products.
type SellerAddonsService service

// SellerPricelistService reads and updates the seller's price list.
type SellerPricelistService service

// SellerSubscriptionsService manages subscriptions to the seller's services.
type SellerSubscriptionsService service

// SellerConsumptionService reads and submits metered consumption.
type SellerConsumptionService service

// SellerCustomPropertiesService lists the seller's custom-property definitions.
type SellerCustomPropertiesService service

// SellerEmailTemplatesService lists the seller's e-mail templates.
type SellerEmailTemplatesService service

// SellerWebhooksService manages the seller's webhooks.
type SellerWebhooksService service

func newSellerService(c *Client) *SellerService {
	return &SellerService{
		Administrators:   &SellerAdministratorsService{client: c},
		Organization:     &SellerOrganizationService{client: c},
		Billing:          &SellerBillingService{client: c},
		Brokers:          &SellerBrokersService{client: c},
		Resellers:        &SellerResellersService{client: c},
		ManualBilling:    &SellerManualBillingService{client: c},
		Services:         &SellerServicesService{client: c},
		Products:         &SellerProductsService{client: c},
		Addons:           &SellerAddonsService{client: c},
		Pricelist:        &SellerPricelistService{client: c},
		Subscriptions:    &SellerSubscriptionsService{client: c},
		Consumption:      &SellerConsumptionService{client: c},
		CustomProperties: &SellerCustomPropertiesService{client: c},
		EmailTemplates:   &SellerEmailTemplatesService{client: c},
		Webhooks:         &SellerWebhooksService{client: c},
	}
}
