package main

import (
	"fmt"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// res turns an SDK call's (result, response, error) into a verb's result.
func res[T any](v T, _ *cloudmore.Response, err error) (any, error) { return v, err }

// ok turns an SDK call's (response, error) into a verb's result: msg on stderr.
func ok(msg string, args ...any) func(*cloudmore.Response, error) (any, error) {
	return func(_ *cloudmore.Response, err error) (any, error) {
		if err != nil {
			return nil, err
		}
		return none{fmt.Sprintf(msg, args...)}, nil
	}
}

// withBody decodes --data and the body flags into a new R and calls f with it.
func withBody[R any](x *call, f func(*R) (any, error)) (any, error) {
	var req R
	if err := x.decode(&req); err != nil {
		return nil, err
	}
	return f(&req)
}

// dates reads --from and --to (both required).
func dates(x *call) (cloudmore.Date, cloudmore.Date, error) {
	from, err := x.date("from")
	if err != nil {
		return from, from, err
	}
	to, err := x.date("to")
	if err != nil {
		return from, to, err
	}
	if from.IsZero() || to.IsZero() {
		return from, to, usagef("give --from and --to")
	}
	return from, to, nil
}

var fromTo = []field{str("from", "", "first date, 2026-10-01"), str("to", "", "last date, 2026-10-31")}

// azureVerbs are the Azure service of an organization, its plan, subscriptions and users.
func azureVerbs() ([]verb, []area) {
	return []verb{
			{use: "get ORGANIZATION_ID", short: "Show an organization's Azure service",
				run: func(x *call) (any, error) { return res(x.c.Azure.Get(x.ctx, x.arg(0))) }},
			{use: "add ORGANIZATION_ID", short: "Add the Azure service to an organization (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.AddAzureRequest) (any, error) { return res(x.c.Azure.Add(x.ctx, x.arg(0), r)) })
				}},
			{use: "remove ORGANIZATION_ID", short: "Remove the Azure service from an organization",
				run: func(x *call) (any, error) {
					return ok("removed the Azure service of %s", x.arg(0))(x.c.Azure.Remove(x.ctx, x.arg(0)))
				}},
		}, []area{
			{name: "subscriptions", short: "Azure subscriptions", verbs: []verb{
				{use: "list ORGANIZATION_ID", short: "List an organization's Azure subscriptions",
					run: func(x *call) (any, error) { return res(x.c.Azure.Subscriptions.List(x.ctx, x.arg(0))) }},
				{use: "list-all", short: "List the Azure subscriptions of every organization",
					run: func(x *call) (any, error) { return res(x.c.Azure.Subscriptions.ListAll(x.ctx)) }},
				{use: "suspend ORGANIZATION_ID SUBSCRIPTION_ID", short: "Suspend an Azure subscription",
					run: func(x *call) (any, error) {
						return ok("suspended subscription %s", x.arg(1))(x.c.Azure.Subscriptions.Suspend(x.ctx, x.arg(0), x.arg(1)))
					}},
			}},
			{name: "plan", short: "Azure plan subscriptions", verbs: []verb{
				{use: "list ORGANIZATION_ID", short: "List an organization's Azure plan subscriptions",
					run: func(x *call) (any, error) { return res(x.c.Azure.Plan.List(x.ctx, x.arg(0))) }},
				{use: "get ORGANIZATION_ID SUBSCRIPTION_ID", short: "Show an Azure plan subscription",
					run: func(x *call) (any, error) { return res(x.c.Azure.Plan.Get(x.ctx, x.arg(0), x.arg(1))) }},
				{use: "create ORGANIZATION_ID", short: "Create an Azure plan subscription (--data)",
					run: func(x *call) (any, error) {
						return withBody(x, func(r *cloudmore.CreateAzurePlanSubscriptionRequest) (any, error) {
							return res(x.c.Azure.Plan.Create(x.ctx, x.arg(0), r))
						})
					}},
				{use: "update ORGANIZATION_ID SUBSCRIPTION_ID", short: "Update an Azure plan subscription (--data)",
					run: func(x *call) (any, error) {
						return withBody(x, func(r *cloudmore.UpdateAzurePlanSubscriptionRequest) (any, error) {
							return ok("updated subscription %s", x.arg(1))(x.c.Azure.Plan.Update(x.ctx, x.arg(0), x.arg(1), r))
						})
					}},
				{use: "create-entitlement ORGANIZATION_ID", short: "Create an Azure plan entitlement (--data)",
					run: func(x *call) (any, error) {
						return withBody(x, func(r *cloudmore.CreateAzurePlanEntitlementRequest) (any, error) {
							return res(x.c.Azure.Plan.CreateEntitlement(x.ctx, x.arg(0), r))
						})
					}},
			}},
			{name: "users", short: "Azure users and their roles", verbs: []verb{
				{use: "list ORGANIZATION_ID", short: "List the organization's Azure users",
					run: func(x *call) (any, error) { return res(x.c.Azure.Users.List(x.ctx, x.arg(0))) }},
				{use: "subscriptions ORGANIZATION_ID USER_ID", short: "List a user's Azure subscriptions",
					run: func(x *call) (any, error) { return res(x.c.Azure.Users.ListSubscriptions(x.ctx, x.arg(0), x.arg(1))) }},
				{use: "assign-role ORGANIZATION_ID USER_ID", short: "Assign an Azure role (--data)",
					run: func(x *call) (any, error) {
						return withBody(x, func(r *cloudmore.AssignAzureRoleRequest) (any, error) {
							return res(x.c.Azure.Users.AssignRole(x.ctx, x.arg(0), x.arg(1), r))
						})
					}},
				{use: "update-role ORGANIZATION_ID USER_ID", short: "Change an Azure role (--data)",
					run: func(x *call) (any, error) {
						return withBody(x, func(r *cloudmore.UpdateAzureRoleRequest) (any, error) {
							return ok("updated the role of %s", x.arg(1))(x.c.Azure.Users.UpdateRole(x.ctx, x.arg(0), x.arg(1), r))
						})
					}},
				{use: "remove-role ORGANIZATION_ID USER_ID ASSIGNMENT_ID", short: "Remove an Azure role assignment",
					run: func(x *call) (any, error) {
						return ok("removed role assignment %s", x.arg(2))(x.c.Azure.Users.RemoveRole(x.ctx, x.arg(0), x.arg(1), x.arg(2)))
					}},
			}},
		}
}

// organizationExtras are the user groups, manual billing lines and external invoices of an
// organization, and the broker's settings.
func organizationExtras() []area {
	return []area{
		{name: "user-groups", aliases: []string{"groups"}, short: "An organization's user groups and their members", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List the user groups",
				run: func(x *call) (any, error) { return res(x.c.UserGroups.List(x.ctx, x.arg(0))) }},
			{use: "get ORGANIZATION_ID GROUP_ID", short: "Show a user group",
				run: func(x *call) (any, error) { return res(x.c.UserGroups.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create ORGANIZATION_ID", short: "Create a user group", body: []field{str("name", "name", "the group's name")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateUserGroupRequest) (any, error) {
						return res(x.c.UserGroups.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update ORGANIZATION_ID GROUP_ID", short: "Update a user group", body: []field{str("name", "name", "the group's name")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateUserGroupRequest) (any, error) {
						return ok("updated group %s", x.arg(1))(x.c.UserGroups.Update(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "delete ORGANIZATION_ID GROUP_ID", short: "Delete a user group",
				run: func(x *call) (any, error) {
					return ok("deleted group %s", x.arg(1))(x.c.UserGroups.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
			{use: "members ORGANIZATION_ID GROUP_ID", short: "List a group's members",
				run: func(x *call) (any, error) { return res(x.c.UserGroups.ListMembers(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "add-member ORGANIZATION_ID GROUP_ID", short: "Add a member (--data)", body: []field{str("user", "userId", "the user id")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.AddUserGroupMemberRequest) (any, error) {
						return res(x.c.UserGroups.AddMember(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "remove-member ORGANIZATION_ID GROUP_ID MEMBER_ID", short: "Remove a member",
				run: func(x *call) (any, error) {
					return ok("removed member %s", x.arg(2))(x.c.UserGroups.RemoveMember(x.ctx, x.arg(0), x.arg(1), x.arg(2)))
				}},
		}},
		{name: "manual-billing", short: "An organization's manual billing lines", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List the manual billing lines",
				run: func(x *call) (any, error) { return res(x.c.ManualBilling.List(x.ctx, x.arg(0))) }},
			{use: "get ORGANIZATION_ID LINE_ID", short: "Show a manual billing line",
				run: func(x *call) (any, error) { return res(x.c.ManualBilling.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create ORGANIZATION_ID", short: "Create a manual billing line",
				body: []field{str("billing-date", "billingDate", "the billing date"), str("service", "serviceId", "the service id"), str("product", "productId", "the product id")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateManualBillingLineRequest) (any, error) {
						return res(x.c.ManualBilling.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update ORGANIZATION_ID LINE_ID", short: "Update a manual billing line (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateManualBillingLineRequest) (any, error) {
						return ok("updated line %s", x.arg(1))(x.c.ManualBilling.Update(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "delete ORGANIZATION_ID LINE_ID", short: "Delete a manual billing line",
				run: func(x *call) (any, error) {
					return ok("deleted line %s", x.arg(1))(x.c.ManualBilling.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		{name: "external-invoices", short: "An organization's external invoices", verbs: []verb{
			{use: "list ORGANIZATION_ID --from DATE --to DATE", short: "List the external invoices of a period", query: fromTo,
				run: func(x *call) (any, error) {
					from, to, err := dates(x)
					if err != nil {
						return nil, err
					}
					return res(x.c.ExternalInvoices.List(x.ctx, x.arg(0), from, to))
				}},
			{use: "get ORGANIZATION_ID INVOICE_ID", short: "Show an external invoice",
				run: func(x *call) (any, error) { return res(x.c.ExternalInvoices.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create ORGANIZATION_ID", short: "Create an external invoice (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateExternalInvoiceRequest) (any, error) {
						return res(x.c.ExternalInvoices.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update ORGANIZATION_ID INVOICE_ID", short: "Update an external invoice (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateExternalInvoiceRequest) (any, error) {
						return ok("updated invoice %s", x.arg(1))(x.c.ExternalInvoices.Update(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "delete ORGANIZATION_ID INVOICE_ID", short: "Delete an external invoice",
				run: func(x *call) (any, error) {
					return ok("deleted invoice %s", x.arg(1))(x.c.ExternalInvoices.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		brokerArea(),
	}
}

// brokerArea is the broker's catalogue (custom services, products, add-ons, consumption) and
// administration (administrators, roles, organization groups, payment methods, settings).
func brokerArea() area {
	return area{name: "broker", short: "The broker's catalogue and administration", verbs: []verb{
		{use: "custom-properties", short: "List the custom properties the broker defines for organizations",
			run: func(x *call) (any, error) { return res(x.c.Broker.CustomProperties.List(x.ctx)) }},
		{use: "email-templates", short: "List the broker's e-mail templates",
			run: func(x *call) (any, error) { return res(x.c.Broker.EmailTemplates.List(x.ctx)) }},
		{use: "roles", short: "List the broker's administrator roles",
			run: func(x *call) (any, error) { return res(x.c.Broker.Roles.List(x.ctx)) }},
	}, subs: []area{
		{name: "services", short: "The broker's custom services", verbs: []verb{
			{use: "list", short: "List the custom services",
				run: func(x *call) (any, error) { return res(x.c.Broker.Services.List(x.ctx)) }},
			{use: "get SERVICE_ID", short: "Show a custom service",
				run: func(x *call) (any, error) { return res(x.c.Broker.Services.Get(x.ctx, x.arg(0))) }},
			{use: "create", short: "Create a custom service (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerServiceRequest) (any, error) {
						return res(x.c.Broker.Services.Create(x.ctx, r))
					})
				}},
			{use: "update SERVICE_ID", short: "Update a custom service (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerServiceRequest) (any, error) {
						return ok("updated service %s", x.arg(0))(x.c.Broker.Services.Update(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update-custom-property-data SERVICE_ID", short: "Set a service's custom property data (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerServiceCustomPropertiesRequest) (any, error) {
						return ok("updated service %s", x.arg(0))(x.c.Broker.Services.UpdateCustomProperties(x.ctx, x.arg(0), r))
					})
				}},
			{use: "disable SERVICE_ID", short: "Disable a custom service",
				run: func(x *call) (any, error) {
					return ok("disabled service %s", x.arg(0))(x.c.Broker.Services.Disable(x.ctx, x.arg(0)))
				}},
			{use: "subscriptions SERVICE_ID", short: "List a custom service's subscriptions",
				run: func(x *call) (any, error) { return res(x.c.Broker.Services.ListSubscriptions(x.ctx, x.arg(0))) }},
		}},
		{name: "products", short: "A custom service's products", verbs: []verb{
			{use: "list SERVICE_ID", short: "List a service's products",
				run: func(x *call) (any, error) { return res(x.c.Broker.Products.List(x.ctx, x.arg(0))) }},
			{use: "get SERVICE_ID PRODUCT_ID", short: "Show a product",
				run: func(x *call) (any, error) { return res(x.c.Broker.Products.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create SERVICE_ID", short: "Create a product (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerProductRequest) (any, error) {
						return res(x.c.Broker.Products.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update SERVICE_ID PRODUCT_ID", short: "Update a product (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerProductRequest) (any, error) {
						return ok("updated product %s", x.arg(1))(x.c.Broker.Products.Update(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "delete SERVICE_ID PRODUCT_ID", short: "Delete a product",
				run: func(x *call) (any, error) {
					return ok("deleted product %s", x.arg(1))(x.c.Broker.Products.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		{name: "addons", short: "A product's add-ons", verbs: []verb{
			{use: "list SERVICE_ID PRODUCT_ID", short: "List a product's add-ons",
				run: func(x *call) (any, error) { return res(x.c.Broker.Addons.List(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "get SERVICE_ID PRODUCT_ID ADDON_ID", short: "Show an add-on",
				run: func(x *call) (any, error) { return res(x.c.Broker.Addons.Get(x.ctx, x.arg(0), x.arg(1), x.arg(2))) }},
			{use: "create SERVICE_ID PRODUCT_ID", short: "Create an add-on (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerAddonRequest) (any, error) {
						return res(x.c.Broker.Addons.Create(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "update SERVICE_ID PRODUCT_ID ADDON_ID", short: "Update an add-on (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerAddonRequest) (any, error) {
						return ok("updated add-on %s", x.arg(2))(x.c.Broker.Addons.Update(x.ctx, x.arg(0), x.arg(1), x.arg(2), r))
					})
				}},
			{use: "delete SERVICE_ID PRODUCT_ID ADDON_ID", short: "Delete an add-on",
				run: func(x *call) (any, error) {
					return ok("deleted add-on %s", x.arg(2))(x.c.Broker.Addons.Delete(x.ctx, x.arg(0), x.arg(1), x.arg(2)))
				}},
		}},
		{name: "consumption", short: "Consumption (usage) of the broker's custom services", verbs: []verb{
			{use: "list", short: "List submitted consumption, filtered by --data (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.BrokerConsumptionFilter) (any, error) {
						return res(x.c.Broker.Consumption.List(x.ctx, r))
					})
				}},
			{use: "submit", short: "Submit consumption (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SubmitBrokerConsumptionsRequest) (any, error) {
						return ok("submitted the consumption")(x.c.Broker.Consumption.Submit(x.ctx, r))
					})
				}},
		}},
		{name: "administrators", short: "The broker's administrators", verbs: []verb{
			{use: "list", short: "List the administrators",
				run: func(x *call) (any, error) { return res(x.c.Broker.Administrators.List(x.ctx)) }},
			{use: "get ADMINISTRATOR_ID", short: "Show an administrator",
				run: func(x *call) (any, error) { return res(x.c.Broker.Administrators.Get(x.ctx, x.arg(0))) }},
			{use: "create", short: "Create an administrator (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerAdministratorRequest) (any, error) {
						return res(x.c.Broker.Administrators.Create(x.ctx, r))
					})
				}},
			{use: "update ADMINISTRATOR_ID", short: "Update an administrator (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerAdministratorRequest) (any, error) {
						return ok("updated administrator %s", x.arg(0))(x.c.Broker.Administrators.Update(x.ctx, x.arg(0), r))
					})
				}},
			{use: "delete ADMINISTRATOR_ID", short: "Delete an administrator",
				run: func(x *call) (any, error) {
					return ok("deleted administrator %s", x.arg(0))(x.c.Broker.Administrators.Delete(x.ctx, x.arg(0)))
				}},
		}},
		{name: "organization-groups", short: "The broker's organization groups and their members", verbs: []verb{
			{use: "list", short: "List the organization groups",
				run: func(x *call) (any, error) { return res(x.c.Broker.OrganizationGroups.List(x.ctx)) }},
			{use: "get GROUP_ID", short: "Show an organization group",
				run: func(x *call) (any, error) { return res(x.c.Broker.OrganizationGroups.Get(x.ctx, x.arg(0))) }},
			{use: "create", short: "Create an organization group (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerOrganizationGroupRequest) (any, error) {
						return res(x.c.Broker.OrganizationGroups.Create(x.ctx, r))
					})
				}},
			{use: "update GROUP_ID", short: "Update an organization group (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerOrganizationGroupRequest) (any, error) {
						return ok("updated group %s", x.arg(0))(x.c.Broker.OrganizationGroups.Update(x.ctx, x.arg(0), r))
					})
				}},
			{use: "delete GROUP_ID", short: "Delete an organization group",
				run: func(x *call) (any, error) {
					return ok("deleted group %s", x.arg(0))(x.c.Broker.OrganizationGroups.Delete(x.ctx, x.arg(0)))
				}},
			{use: "members GROUP_ID", short: "List a group's organizations",
				run: func(x *call) (any, error) { return res(x.c.Broker.OrganizationGroups.ListMembers(x.ctx, x.arg(0))) }},
			{use: "add-member GROUP_ID", short: "Add an organization to a group (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.AddBrokerOrganizationGroupMemberRequest) (any, error) {
						return res(x.c.Broker.OrganizationGroups.AddMember(x.ctx, x.arg(0), r))
					})
				}},
			{use: "remove-member GROUP_ID MEMBER_ID", short: "Remove an organization from a group",
				run: func(x *call) (any, error) {
					return ok("removed member %s", x.arg(1))(x.c.Broker.OrganizationGroups.RemoveMember(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		{name: "payment-methods", short: "The broker's payment methods, and an organization's", verbs: []verb{
			{use: "list", short: "List the payment methods",
				run: func(x *call) (any, error) { return res(x.c.Broker.PaymentMethods.List(x.ctx)) }},
			{use: "get PAYMENT_METHOD_ID", short: "Show a payment method",
				run: func(x *call) (any, error) { return res(x.c.Broker.PaymentMethods.Get(x.ctx, x.arg(0))) }},
			{use: "create", short: "Create a payment method (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateBrokerPaymentMethodRequest) (any, error) {
						return res(x.c.Broker.PaymentMethods.Create(x.ctx, r))
					})
				}},
			{use: "update PAYMENT_METHOD_ID", short: "Update a payment method (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateBrokerPaymentMethodRequest) (any, error) {
						return ok("updated payment method %s", x.arg(0))(x.c.Broker.PaymentMethods.Update(x.ctx, x.arg(0), r))
					})
				}},
			{use: "delete PAYMENT_METHOD_ID", short: "Delete a payment method",
				run: func(x *call) (any, error) {
					return ok("deleted payment method %s", x.arg(0))(x.c.Broker.PaymentMethods.Delete(x.ctx, x.arg(0)))
				}},
			{use: "get-organization ORGANIZATION_ID", short: "Show an organization's payment method",
				run: func(x *call) (any, error) { return res(x.c.Broker.PaymentMethods.GetOrganization(x.ctx, x.arg(0))) }},
			{use: "update-organization ORGANIZATION_ID", short: "Set an organization's payment method (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateOrganizationPaymentMethodRequest) (any, error) {
						return ok("updated the payment method of %s", x.arg(0))(x.c.Broker.PaymentMethods.UpdateOrganization(x.ctx, x.arg(0), r))
					})
				}},
		}},
	}}
}
