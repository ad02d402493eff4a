package main

import (
	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// areas is the command tree's table: one verb per SDK method. Each run is one SDK call, so a
// renamed method is a one-line change here.
func areas() []area {
	return append([]area{
		{name: "organizations", aliases: []string{"orgs", "organization"}, short: "Customer organizations", verbs: []verb{
			{use: "list", short: "List the organizations", cols: []string{"id", "name", "displayName", "services", "users"},
				query: []field{flag("active", "", "only active organizations (--active=false: only inactive ones)")},
				run: func(x *call) (any, error) {
					v, _, err := x.c.Organizations.List(x.ctx, &cloudmore.OrganizationListOptions{ShowActive: x.boolPtr("active")})
					return v, err
				}},
			{use: "get ORGANIZATION_ID", short: "Show an organization",
				run: func(x *call) (any, error) { v, _, err := x.c.Organizations.Get(x.ctx, x.arg(0)); return v, err }},
			{use: "create", short: "Create an organization",
				body: []field{str("name", "name", "the organization's name"), str("registration-number", "registrationNumber", "its registration number"),
					str("domain", "primaryDomain", "its primary domain"), str("notification-email", "notificationEmail", "the e-mail for notifications"),
					str("customer-number", "customerNumber", "the broker's customer number"), str("vat", "vat", "VAT number"),
					str("contact-name", "contact.name", "contact name"), str("contact-email", "contact.email", "contact e-mail"),
					str("contact-phone", "contact.phone", "contact phone"), str("street", "address.street", "street address"),
					str("postal-code", "address.postalCode", "postal code"), str("city", "address.city", "city"),
					str("country", "address.countryCode", "ISO country code (SE)")},
				run: func(x *call) (any, error) {
					var req cloudmore.CreateOrganizationRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.Organizations.Create(x.ctx, &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID", short: "Update an organization",
				body: []field{str("display-name", "displayName", "the display name")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateOrganizationRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Organizations.Update(x.ctx, x.arg(0), &req); err != nil {
						return nil, err
					}
					return done("updated organization %s", x.arg(0))
				}},
			{use: "delete ORGANIZATION_ID", short: "Delete an organization with everything in it",
				run: func(x *call) (any, error) {
					if _, err := x.c.Organizations.Delete(x.ctx, x.arg(0)); err != nil {
						return nil, err
					}
					return done("deleted organization %s", x.arg(0))
				}},
		}},
		{name: "users", aliases: []string{"user"}, short: "An organization's users and roles", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List an organization's users",
				run: func(x *call) (any, error) { v, _, err := x.c.Users.List(x.ctx, x.arg(0)); return v, err }},
			{use: "get ORGANIZATION_ID USER_ID", short: "Show a user",
				run: func(x *call) (any, error) { v, _, err := x.c.Users.Get(x.ctx, x.arg(0), x.arg(1)); return v, err }},
			{use: "create ORGANIZATION_ID", short: "Create a user",
				body: userFields(),
				run: func(x *call) (any, error) {
					var req cloudmore.CreateUserRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.Users.Create(x.ctx, x.arg(0), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID USER_ID", short: "Update a user",
				body: userFields(),
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateUserRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Users.Update(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated user %s", x.arg(1))
				}},
			{use: "delete ORGANIZATION_ID USER_ID", short: "Delete a user",
				run: func(x *call) (any, error) {
					if _, err := x.c.Users.Delete(x.ctx, x.arg(0), x.arg(1)); err != nil {
						return nil, err
					}
					return done("deleted user %s", x.arg(1))
				}},
			{use: "roles ORGANIZATION_ID", short: "List the roles a user can have",
				run: func(x *call) (any, error) { v, _, err := x.c.Users.ListRoles(x.ctx, x.arg(0)); return v, err }},
		}},
		{name: "estore", short: "An organization's E-store", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List the services an organization can add",
				run: func(x *call) (any, error) { v, _, err := x.c.Estore.List(x.ctx, x.arg(0)); return v, err }},
			{use: "get ORGANIZATION_ID SERVICE_ID", short: "Show an E-store service",
				run: func(x *call) (any, error) { v, _, err := x.c.Estore.Get(x.ctx, x.arg(0), x.arg(1)); return v, err }},
		}},
		{name: "services", aliases: []string{"service"}, short: "An organization's services and their products", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List an organization's services",
				run: func(x *call) (any, error) { v, _, err := x.c.Services.List(x.ctx, x.arg(0)); return v, err }},
			{use: "get ORGANIZATION_ID SERVICE_ID", short: "Show an organization's service",
				run: func(x *call) (any, error) { v, _, err := x.c.Services.Get(x.ctx, x.arg(0), x.arg(1)); return v, err }},
			{use: "add ORGANIZATION_ID", short: "Add a custom service from the E-store",
				body: []field{str("service", "id", "the service id (from estore list)"), str("currency", "currencyCode", "the currency of its prices (SEK)")},
				run: func(x *call) (any, error) {
					var req cloudmore.AddServiceRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.Services.Add(x.ctx, x.arg(0), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID SERVICE_ID", short: "Update an organization's service (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateServiceRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Services.Update(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated service %s", x.arg(1))
				}},
			{use: "update-custom-properties ORGANIZATION_ID SERVICE_ID", short: "Set a service's custom properties (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateServiceCustomPropertiesRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Services.UpdateCustomProperties(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated the custom properties of service %s", x.arg(1))
				}},
			{use: "remove ORGANIZATION_ID SERVICE_ID", short: "Remove a service from an organization",
				run: func(x *call) (any, error) {
					if _, err := x.c.Services.Remove(x.ctx, x.arg(0), x.arg(1)); err != nil {
						return nil, err
					}
					return done("removed service %s", x.arg(1))
				}},
			{use: "products ORGANIZATION_ID SERVICE_ID", short: "List a service's products with the organization's prices",
				run: func(x *call) (any, error) {
					v, _, err := x.c.Services.ListProducts(x.ctx, x.arg(0), x.arg(1))
					return v, err
				}},
		}},
		{name: "subscriptions", aliases: []string{"subscription", "subs"}, short: "Custom-service subscriptions", verbs: []verb{
			{use: "list ORGANIZATION_ID SERVICE_ID", short: "List a service's subscriptions",
				run: func(x *call) (any, error) {
					v, _, err := x.c.Subscriptions.List(x.ctx, x.arg(0), x.arg(1))
					return v, err
				}},
			{use: "get ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Show a subscription",
				run: func(x *call) (any, error) {
					v, _, err := x.c.Subscriptions.Get(x.ctx, x.arg(0), x.arg(1), x.arg(2))
					return v, err
				}},
			{use: "create ORGANIZATION_ID SERVICE_ID", short: "Order a subscription",
				body: []field{str("product", "productId", "the product id"), num("quantity", "quantity", "the number of licences"),
					str("name", "name", "the subscription's name"), str("po-number", "poNumber", "purchase order number"), flag("trial", "isTrial", "a trial subscription")},
				run: func(x *call) (any, error) {
					var req cloudmore.CreateSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.Subscriptions.Create(x.ctx, x.arg(0), x.arg(1), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Update a subscription",
				body: []field{num("quantity", "quantity", "the number of licences")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Subscriptions.Update(x.ctx, x.arg(0), x.arg(1), x.arg(2), &req); err != nil {
						return nil, err
					}
					return done("updated subscription %s", x.arg(2))
				}},
			{use: "cancel ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Cancel a subscription",
				run: func(x *call) (any, error) {
					if _, err := x.c.Subscriptions.Cancel(x.ctx, x.arg(0), x.arg(1), x.arg(2)); err != nil {
						return nil, err
					}
					return done("cancelled subscription %s", x.arg(2))
				}},
			{use: "history ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Show a subscription's history",
				run: func(x *call) (any, error) {
					v, _, err := x.c.Subscriptions.GetHistory(x.ctx, x.arg(0), x.arg(1), x.arg(2))
					return v, err
				}},
			{use: "users ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "List a subscription's users",
				run: func(x *call) (any, error) {
					v, _, err := x.c.Subscriptions.ListUsers(x.ctx, x.arg(0), x.arg(1), x.arg(2))
					return v, err
				}},
			{use: "assign-user ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Assign a user to a subscription (--data)",
				body: []field{str("user", "userId", "the user id")},
				run: func(x *call) (any, error) {
					var req cloudmore.AssignSubscriptionUserRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.Subscriptions.AssignUser(x.ctx, x.arg(0), x.arg(1), x.arg(2), &req)
					return v, err
				}},
			{use: "remove-user ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID USER_ID", short: "Remove a user from a subscription",
				run: func(x *call) (any, error) {
					if _, err := x.c.Subscriptions.RemoveUser(x.ctx, x.arg(0), x.arg(1), x.arg(2), x.arg(3)); err != nil {
						return nil, err
					}
					return done("removed user %s", x.arg(3))
				}},
			{use: "update-external-user-id ORGANIZATION_ID SERVICE_ID SUBSCRIPTION_ID", short: "Set the subscription users' external ids (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateSubscriptionUsersRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.Subscriptions.UpdateExternalUserID(x.ctx, x.arg(0), x.arg(1), x.arg(2), &req); err != nil {
						return nil, err
					}
					return done("updated the users of subscription %s", x.arg(2))
				}},
		}},
		cspArea(),
		azureArea(),
		{name: "billing", short: "Billing reports", verbs: billingVerbs()},
		{name: "prices", aliases: []string{"pricelist", "price"}, short: "Broker and organization price lists", verbs: priceVerbs()},
		{name: "platform", short: "Health check, categories, markets", verbs: []verb{
			{use: "health", short: "Check the API's health",
				run: func(x *call) (any, error) { v, _, err := x.c.Platform.HealthCheck(x.ctx); return v, err }},
			{use: "categories", short: "List the service categories",
				run: func(x *call) (any, error) { v, _, err := x.c.Platform.ListCategories(x.ctx); return v, err }},
			{use: "countries", short: "List the market countries",
				run: func(x *call) (any, error) { v, _, err := x.c.Platform.ListMarketCountries(x.ctx); return v, err }},
			{use: "regions", short: "List the market regions",
				run: func(x *call) (any, error) { v, _, err := x.c.Platform.ListMarketRegions(x.ctx); return v, err }},
		}},
		sellerArea(),
	}, organizationExtras()...)
}

func userFields() []field {
	return []field{str("name", "name", "the login name (an e-mail in the organization's domain)"),
		str("first-name", "firstName", "first name"), str("last-name", "lastName", "last name"),
		str("display-name", "displayName", "display name"), str("role", "roleId", "the role id (from users roles)")}
}
