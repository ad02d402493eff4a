package cloudmore

// AzureService manages Microsoft Azure for the broker's organizations: the Azure service on
// an organization (OrganizationAzureApi) and, through its sub-services, Azure subscriptions,
// users and their role assignments, and the Azure plan.
type AzureService struct {
	client *Client
	// Subscriptions are the organization's (legacy) Azure subscriptions and the broker-wide
	// list (OrganizationAzureSubscriptionsApi, ResellerAzureSubscriptionsApi).
	Subscriptions *AzureSubscriptionsService
	// Users are the organization's Azure users and their role assignments on subscriptions
	// (OrganizationAzureUsersApi, OrganizationAzureUserSubscriptionsApi).
	Users *AzureUsersService
	// Plan is the organization's Azure plan subscriptions and entitlements
	// (OrganizationAzurePlanSubscriptionsApi).
	Plan *AzurePlanService
}

// AzureSubscriptionsService manages Azure subscriptions.
type AzureSubscriptionsService service

// AzureUsersService manages Azure users and their role assignments.
type AzureUsersService service

// AzurePlanService manages Azure plan subscriptions and their entitlements.
type AzurePlanService service

func newAzureService(c *Client) *AzureService {
	return &AzureService{
		client:        c,
		Subscriptions: &AzureSubscriptionsService{client: c},
		Users:         &AzureUsersService{client: c},
		Plan:          &AzurePlanService{client: c},
	}
}
