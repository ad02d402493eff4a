package main

import (
	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// The command tree: its groups, the commands built from the SDK's declarations (specs, keyed
// by the operation they call) and the few written out, which call an SDK method that takes
// more than path ids, query options and a body, or do more than one call.

// A groupSpec is a group of commands: its help and aliases.
type groupSpec struct {
	short   string
	aliases []string
}

// groups are the command groups, by command path.
var groups = map[string]groupSpec{
	"organizations":              {"Customer organizations", []string{"orgs", "organization"}},
	"users":                      {"An organization's users and roles", []string{"user"}},
	"estore":                     {"An organization's E-store", nil},
	"services":                   {"An organization's services and their products", []string{"service"}},
	"subscriptions":              {"Custom-service subscriptions", []string{"subscription", "subs"}},
	"csp":                        {"Microsoft CSP: the CSP service, products, legacy subscriptions, NCE, users, tenants", nil},
	"csp subscriptions":          {"Legacy CSP subscriptions", []string{"subs"}},
	"csp nce":                    {"Microsoft new-commerce (NCE) subscriptions", nil},
	"csp users":                  {"Microsoft 365 users and their licences", nil},
	"csp tenants":                {"Microsoft tenants linked to the broker", nil},
	"azure":                      {"Azure: the service, plan, subscriptions, users, invoices and usage reports", nil},
	"azure subscriptions":        {"Azure subscriptions", nil},
	"azure plan":                 {"Azure plan subscriptions", nil},
	"azure users":                {"Azure users and their roles", nil},
	"billing":                    {"Billing reports", nil},
	"prices":                     {"Broker and organization price lists", []string{"pricelist", "price"}},
	"platform":                   {"Health check, categories, markets", nil},
	"user-groups":                {"An organization's user groups and their members", []string{"groups"}},
	"manual-billing":             {"An organization's manual billing lines", nil},
	"external-invoices":          {"An organization's external invoices", nil},
	"broker":                     {"The broker's catalogue and administration", nil},
	"broker services":            {"The broker's custom services", nil},
	"broker products":            {"A custom service's products", nil},
	"broker addons":              {"A product's add-ons", nil},
	"broker consumption":         {"Consumption (usage) of the broker's custom services", nil},
	"broker administrators":      {"The broker's administrators", nil},
	"broker organization-groups": {"The broker's organization groups and their members", nil},
	"broker payment-methods":     {"The broker's payment methods, and an organization's", nil},
	"seller":                     {"The seller side: services, products, brokers, subscriptions, webhooks (needs CLOUDMORE_SELLER_ID)", nil},
	"seller administrators":      {"The seller's administrators", nil},
	"seller brokers":             {"The seller's brokers", nil},
	"seller resellers":           {"The seller's resellers", nil},
	"seller services":            {"The seller's services", nil},
	"seller products":            {"A seller service's products", nil},
	"seller addons":              {"A seller product's add-ons", nil},
	"seller prices":              {"A seller service's price list", nil},
	"seller subscriptions":       {"Subscriptions to the seller's services", nil},
	"seller consumption":         {"Consumption (usage) submitted for the seller's services", nil},
	"seller manual-billing":      {"Manual billing lines of a reseller", nil},
	"seller webhooks":            {"The seller's webhooks", nil},
}

// Flag names and help shared by several specs.
var (
	currency    = map[string]string{"currencyCode": "currency"}
	addService  = map[string]string{"id": "service", "currencyCode": "currency"}
	serviceHelp = map[string]string{"service": "the service id", "currency": "the currency of its prices (SEK)"}
	lineFlags   = map[string]string{"serviceId": "service", "productId": "product"}
)

// Flags of members only Extra carries (the SDK has no typed field for them), as the command
// has always had them.
var (
	quantity  = []field{{flag: "quantity", path: "quantity", kind: "int", help: "the number of licences"}}
	user      = []field{{flag: "user", path: "userId", help: "the user id"}}
	groupName = []field{{flag: "name", path: "name", help: "the group's name"}}
)

// specs are the commands built from the declarations, by the operation they call.
var specs = map[string]spec{
	"Organizations.List": {cmd: "organizations list", short: "List the organizations", cols: []string{"id", "name", "displayName", "services", "users"},
		flags: map[string]string{"showActive": "active"}, help: map[string]string{"active": "only active organizations (--active=false: only inactive ones)"}},
	"Organizations.Get": {cmd: "organizations get", short: "Show an organization", id: "ORGANIZATION_ID"},
	"Organizations.Create": {cmd: "organizations create", short: "Create an organization", flags: map[string]string{
		"primaryDomain": "domain", "contact.name": "contact-name", "contact.email": "contact-email", "contact.phone": "contact-phone",
		"address.street": "street", "address.postalCode": "postal-code", "address.city": "city", "address.countryCode": "country"}},
	"Organizations.Update": {cmd: "organizations update", short: "Update an organization", id: "ORGANIZATION_ID", done: "updated organization {id}"},
	"Organizations.Delete": {cmd: "organizations delete", short: "Delete an organization with everything in it", id: "ORGANIZATION_ID", done: "deleted organization {id}"},

	"Users.List":      {cmd: "users list", short: "List an organization's users"},
	"Users.Get":       {cmd: "users get", short: "Show a user", id: "USER_ID"},
	"Users.Create":    {cmd: "users create", short: "Create a user", flags: map[string]string{"roleId": "role"}, help: map[string]string{"role": "the role id (from users roles)"}},
	"Users.Update":    {cmd: "users update", short: "Update a user", id: "USER_ID", done: "updated user {id}", flags: map[string]string{"roleId": "role"}, help: map[string]string{"role": "the role id (from users roles)"}},
	"Users.Delete":    {cmd: "users delete", short: "Delete a user", id: "USER_ID", done: "deleted user {id}"},
	"Users.ListRoles": {cmd: "users roles", short: "List the roles a user can have"},

	"Estore.List": {cmd: "estore list", short: "List the services an organization can add"},
	"Estore.Get":  {cmd: "estore get", short: "Show an E-store service"},

	"Services.List":                   {cmd: "services list", short: "List an organization's services"},
	"Services.Get":                    {cmd: "services get", short: "Show an organization's service"},
	"Services.Add":                    {cmd: "services add", short: "Add a custom service from the E-store", flags: addService, help: serviceHelp},
	"Services.Update":                 {cmd: "services update", short: "Update an organization's service", done: "updated service {serviceId}"},
	"Services.UpdateCustomProperties": {cmd: "services update-custom-properties", short: "Set a service's custom properties", done: "updated the custom properties of service {serviceId}"},
	"Services.Remove":                 {cmd: "services remove", short: "Remove a service from an organization", done: "removed service {serviceId}"},
	"Services.ListProducts":           {cmd: "services products", short: "List a service's products with the organization's prices"},

	"Subscriptions.List":                 {cmd: "subscriptions list", short: "List a service's subscriptions"},
	"Subscriptions.Get":                  {cmd: "subscriptions get", short: "Show a subscription"},
	"Subscriptions.Create":               {cmd: "subscriptions create", short: "Order a subscription", flags: map[string]string{"productId": "product", "isTrial": "trial"}},
	"Subscriptions.Update":               {cmd: "subscriptions update", short: "Update a subscription", done: "updated subscription {subscriptionId}", help: map[string]string{"quantity": "the number of licences"}},
	"Subscriptions.Cancel":               {cmd: "subscriptions cancel", short: "Cancel a subscription", done: "cancelled subscription {subscriptionId}"},
	"Subscriptions.GetHistory":           {cmd: "subscriptions history", short: "Show a subscription's history"},
	"Subscriptions.ListUsers":            {cmd: "subscriptions users", short: "List a subscription's users"},
	"Subscriptions.AssignUser":           {cmd: "subscriptions assign-user", short: "Assign a user to a subscription", extra: user},
	"Subscriptions.RemoveUser":           {cmd: "subscriptions remove-user", short: "Remove a user from a subscription", done: "removed user {userId}"},
	"Subscriptions.UpdateExternalUserID": {cmd: "subscriptions update-external-user-id", short: "Set the subscription users' external ids", done: "updated the users of subscription {subscriptionId}"},

	"CSP.Get":                 {cmd: "csp get", short: "Show an organization's CSP service"},
	"CSP.Add":                 {cmd: "csp add", short: "Add the Microsoft CSP service to an organization", flags: addService, help: map[string]string{"service": "the CSP service id", "currency": "currency (SEK)"}},
	"CSP.Remove":              {cmd: "csp remove", short: "Remove the CSP service from an organization", done: "removed the CSP service of {organizationId}"},
	"CSP.ListProducts":        {cmd: "csp products", short: "List the CSP products an organization can order"},
	"CSP.ListProductLicenses": {cmd: "csp licenses", short: "List an organization's product licences"},

	"CSP.Subscriptions.List":    {cmd: "csp subscriptions list", short: "List an organization's legacy CSP subscriptions"},
	"CSP.Subscriptions.ListAll": {cmd: "csp subscriptions list-all", short: "List the legacy CSP subscriptions of every organization"},
	"CSP.Subscriptions.Get":     {cmd: "csp subscriptions get", short: "Show a legacy CSP subscription", id: "SUBSCRIPTION_ID"},
	"CSP.Subscriptions.Create":  {cmd: "csp subscriptions create", short: "Order a legacy CSP subscription", flags: map[string]string{"offerId": "offer", "friendlyName": "name"}},
	"CSP.Subscriptions.Update":  {cmd: "csp subscriptions update", short: "Update a legacy CSP subscription", done: "updated subscription {subscriptionId}", help: map[string]string{"quantity": "the number of licences"}},
	"CSP.Subscriptions.Suspend": {cmd: "csp subscriptions suspend", short: "Suspend a legacy CSP subscription", done: "suspended subscription {subscriptionId}"},

	"CSP.NCE.List":    {cmd: "csp nce list", short: "List an organization's NCE subscriptions"},
	"CSP.NCE.ListAll": {cmd: "csp nce list-all", short: "List the NCE subscriptions of every organization"},
	"CSP.NCE.Get":     {cmd: "csp nce get", short: "Show an NCE subscription", id: "SUBSCRIPTION_ID"},
	"CSP.NCE.Create": {cmd: "csp nce create", short: "Order an NCE subscription", extra: []field{
		{flag: "product", path: "productId", help: "the product id"}, {flag: "quantity", path: "quantity", kind: "int", help: "licences"}}},
	"CSP.NCE.Update":                                {cmd: "csp nce update", short: "Update an NCE subscription", done: "updated subscription {subscriptionId}", extra: quantity},
	"CSP.NCE.Delete":                                {cmd: "csp nce delete", short: "Delete an NCE subscription", done: "deleted subscription {subscriptionId}"},
	"CSP.NCE.ListProducts":                          {cmd: "csp nce products", short: "List the NCE products an organization can order"},
	"CSP.NCE.ListAlignmentDates":                    {cmd: "csp nce alignment-dates", short: "List the co-terminosity dates"},
	"CSP.NCE.ListNewSubscriptionEligibilities":      {cmd: "csp nce upgrades", short: "List the products a subscription can upgrade to"},
	"CSP.NCE.ListExistingSubscriptionEligibilities": {cmd: "csp nce upgrades-existing", short: "List the subscriptions it can upgrade into"},
	"CSP.NCE.BeginUpgradeToNewSubscription":         {cmd: "csp nce upgrade", short: "Upgrade to a new subscription; --wait waits for it"},
	"CSP.NCE.BeginUpgradeToExistingSubscription": {cmd: "csp nce upgrade-existing", short: "Upgrade into an existing subscription; --wait waits for it",
		also: []string{"CSP.NCE.BeginUpgradeToNewSubscription: status"}},
	"CSP.NCE.BeginUpgradeToNewSubscription: status": {cmd: "csp nce upgrade-status", short: "Show (or with --wait wait for) an upgrade's status, from its resume token",
		resume: "ResumeUpgrade", long: "It shows the state of the upgrade that cloudmore csp nce upgrade or upgrade-existing started,\n" +
			"from the resume token it printed; --wait waits for the upgrade and prints its result."},

	"CSP.Users.List":              {cmd: "csp users list", short: "List an organization's Microsoft 365 users"},
	"CSP.Users.Get":               {cmd: "csp users get", short: "Show a Microsoft 365 user", id: "USER_ID"},
	"CSP.Users.Create":            {cmd: "csp users create", short: "Create a Microsoft 365 user"},
	"CSP.Users.Update":            {cmd: "csp users update", short: "Update a Microsoft 365 user", done: "updated user {userId}"},
	"CSP.Users.Delete":            {cmd: "csp users delete", short: "Delete a Microsoft 365 user", done: "deleted user {userId}"},
	"CSP.Users.AddLicense":        {cmd: "csp users add-license", short: "Give a user a licence"},
	"CSP.Users.RemoveLicense":     {cmd: "csp users remove-license", short: "Take a licence from a user", id: "LICENSE_ID", done: "removed licence {id}"},
	"CSP.Users.BeginList":         {cmd: "csp users list-async", short: "List an organization's Microsoft 365 users as a task (large tenants); --wait waits for it"},
	"CSP.Users.BeginList: status": {cmd: "csp users list-async-status", short: "Show (or with --wait wait for) a user listing, from its resume token"},

	"CSP.Tenants.List": {cmd: "csp tenants list", short: "List the CSP tenants"},
	"CSP.Tenants.Link": {cmd: "csp tenants link", short: "Link an existing tenant"},

	"Azure.Get":    {cmd: "azure get", short: "Show an organization's Azure service"},
	"Azure.Add":    {cmd: "azure add", short: "Add the Azure service to an organization"},
	"Azure.Remove": {cmd: "azure remove", short: "Remove the Azure service from an organization", done: "removed the Azure service of {organizationId}"},

	"Azure.Subscriptions.List":    {cmd: "azure subscriptions list", short: "List an organization's Azure subscriptions"},
	"Azure.Subscriptions.ListAll": {cmd: "azure subscriptions list-all", short: "List the Azure subscriptions of every organization"},
	"Azure.Subscriptions.Suspend": {cmd: "azure subscriptions suspend", short: "Suspend an Azure subscription", done: "suspended subscription {subscriptionId}"},

	"Azure.Plan.List":              {cmd: "azure plan list", short: "List an organization's Azure plan subscriptions"},
	"Azure.Plan.Get":               {cmd: "azure plan get", short: "Show an Azure plan subscription", id: "SUBSCRIPTION_ID"},
	"Azure.Plan.Create":            {cmd: "azure plan create", short: "Create an Azure plan subscription"},
	"Azure.Plan.Update":            {cmd: "azure plan update", short: "Update an Azure plan subscription", id: "SUBSCRIPTION_ID", done: "updated subscription {id}"},
	"Azure.Plan.CreateEntitlement": {cmd: "azure plan create-entitlement", short: "Create an Azure plan entitlement"},

	"Azure.Users.List":              {cmd: "azure users list", short: "List the organization's Azure users"},
	"Azure.Users.ListSubscriptions": {cmd: "azure users subscriptions", short: "List a user's Azure subscriptions"},
	"Azure.Users.AssignRole":        {cmd: "azure users assign-role", short: "Assign an Azure role"},
	"Azure.Users.UpdateRole":        {cmd: "azure users update-role", short: "Change an Azure role", done: "updated the role of {userId}"},
	"Azure.Users.RemoveRole":        {cmd: "azure users remove-role", short: "Remove an Azure role assignment", id: "ASSIGNMENT_ID", done: "removed role assignment {id}"},

	"Billing.GetAzureInvoiceList":                    {cmd: "azure invoices", short: "List the Azure invoices"},
	"Billing.GetAzureInvoiceOverview":                {cmd: "azure overview", short: "The Azure invoice overview"},
	"Billing.GetAzureInvoicesByCustomDates":          {cmd: "azure invoices-by-dates", short: "Azure invoices by custom dates (--param startDate=... --param endDate=...)"},
	"Billing.GetAzureMonthlyBillingPerOrganization":  {cmd: "azure per-organization", short: "Azure monthly billing per organization"},
	"Billing.GetAzureOngoingPeriod":                  {cmd: "azure ongoing", short: "Azure usage of the ongoing period"},
	"Billing.GetAzureOneTimeInvoiceList":             {cmd: "azure one-time-invoices", short: "Azure one-time invoices"},
	"Billing.GetAzureOneTimeUsageInvoice":            {cmd: "azure one-time-invoice", short: "An Azure one-time usage invoice"},
	"Billing.GetAzureOneTimeUsageOngoingPeriod":      {cmd: "azure one-time-ongoing", short: "Azure one-time usage of the ongoing period"},
	"Billing.GetAzureOneTimeBilledUsagePage":         {cmd: "azure billed-usage", short: "One page of an invoice's billed one-time usage"},
	"Billing.BeginAzureOneTimeInvoiceReport":         {cmd: "azure one-time-invoice-report", short: "The Microsoft NCE (one-time and recurring purchases) invoice report; --wait waits for it"},
	"Billing.BeginAzureOneTimeInvoiceReport: status": {cmd: "azure one-time-invoice-report-status", short: "Show (or with --wait wait for) an NCE invoice report, from its resume token"},
	"Billing.BeginAzureOneTimeUnbilledUsageExport": {cmd: "azure unbilled-usage", short: "Export a period's unbilled one-time usage; --wait waits for it and prints its lines",
		result: unbilledLines},
	"Billing.BeginAzureOneTimeUnbilledUsageExport: status": {cmd: "azure unbilled-usage-status", short: "Show (or with --wait wait for) an unbilled-usage export, from its resume token",
		result: unbilledLines},

	"Pricelist.ListBroker":       {cmd: "prices list", short: "The broker's price list of a service", flags: currency, help: map[string]string{"currency": "the price list's currency (SEK)"}},
	"Pricelist.ListOrganization": {cmd: "prices list-organization", short: "An organization's price list of a service"},
	"Pricelist.UpdateBroker": {cmd: "prices update-broker", short: "Set a price in the broker's price list", done: "updated the broker price of {itemId}",
		flags: map[string]string{"itemId": "item"}, help: map[string]string{"item": "the product id (custom service) or item code (CSP)"}},
	"Pricelist.UpdateOrganization": {cmd: "prices set", short: "Set one price in an organization's price list", done: "updated the price",
		flags: map[string]string{"productId": "product", "currencyCode": "currency", "customServiceProduct": "custom"}},

	"Platform.HealthCheck":         {cmd: "platform health", short: "Check the API's health"},
	"Platform.ListCategories":      {cmd: "platform categories", short: "List the service categories"},
	"Platform.ListMarketCountries": {cmd: "platform countries", short: "List the market countries"},
	"Platform.ListMarketRegions":   {cmd: "platform regions", short: "List the market regions"},

	"UserGroups.List":         {cmd: "user-groups list", short: "List the user groups"},
	"UserGroups.Get":          {cmd: "user-groups get", short: "Show a user group", id: "GROUP_ID"},
	"UserGroups.Create":       {cmd: "user-groups create", short: "Create a user group", extra: groupName},
	"UserGroups.Update":       {cmd: "user-groups update", short: "Update a user group", id: "GROUP_ID", done: "updated group {id}", extra: groupName},
	"UserGroups.Delete":       {cmd: "user-groups delete", short: "Delete a user group", id: "GROUP_ID", done: "deleted group {id}"},
	"UserGroups.ListMembers":  {cmd: "user-groups members", short: "List a group's members"},
	"UserGroups.AddMember":    {cmd: "user-groups add-member", short: "Add a member", extra: user},
	"UserGroups.RemoveMember": {cmd: "user-groups remove-member", short: "Remove a member", id: "MEMBER_ID", done: "removed member {id}"},

	"ManualBilling.List":   {cmd: "manual-billing list", short: "List the manual billing lines"},
	"ManualBilling.Get":    {cmd: "manual-billing get", short: "Show a manual billing line", id: "LINE_ID"},
	"ManualBilling.Create": {cmd: "manual-billing create", short: "Create a manual billing line", flags: lineFlags},
	"ManualBilling.Update": {cmd: "manual-billing update", short: "Update a manual billing line", id: "LINE_ID", done: "updated line {id}"},
	"ManualBilling.Delete": {cmd: "manual-billing delete", short: "Delete a manual billing line", id: "LINE_ID", done: "deleted line {id}"},

	"ExternalInvoices.Get":    {cmd: "external-invoices get", short: "Show an external invoice", id: "INVOICE_ID"},
	"ExternalInvoices.Create": {cmd: "external-invoices create", short: "Create an external invoice"},
	"ExternalInvoices.Update": {cmd: "external-invoices update", short: "Update an external invoice", id: "INVOICE_ID", done: "updated invoice {id}"},
	"ExternalInvoices.Delete": {cmd: "external-invoices delete", short: "Delete an external invoice", id: "INVOICE_ID", done: "deleted invoice {id}"},

	"Broker.CustomProperties.List": {cmd: "broker custom-properties", short: "List the custom properties the broker defines for organizations"},
	"Broker.EmailTemplates.List":   {cmd: "broker email-templates", short: "List the broker's e-mail templates"},
	"Broker.Roles.List":            {cmd: "broker roles", short: "List the broker's administrator roles"},

	"Broker.Services.List":                   {cmd: "broker services list", short: "List the custom services"},
	"Broker.Services.Get":                    {cmd: "broker services get", short: "Show a custom service", id: "SERVICE_ID"},
	"Broker.Services.Create":                 {cmd: "broker services create", short: "Create a custom service"},
	"Broker.Services.Update":                 {cmd: "broker services update", short: "Update a custom service", id: "SERVICE_ID", done: "updated service {id}"},
	"Broker.Services.UpdateCustomProperties": {cmd: "broker services update-custom-property-data", short: "Set a service's custom property data", done: "updated service {serviceId}"},
	"Broker.Services.Disable":                {cmd: "broker services disable", short: "Disable a custom service", id: "SERVICE_ID", done: "disabled service {id}"},
	"Broker.Services.ListSubscriptions":      {cmd: "broker services subscriptions", short: "List a custom service's subscriptions"},

	"Broker.Products.List":   {cmd: "broker products list", short: "List a service's products"},
	"Broker.Products.Get":    {cmd: "broker products get", short: "Show a product", id: "PRODUCT_ID"},
	"Broker.Products.Create": {cmd: "broker products create", short: "Create a product"},
	"Broker.Products.Update": {cmd: "broker products update", short: "Update a product", id: "PRODUCT_ID", done: "updated product {id}"},
	"Broker.Products.Delete": {cmd: "broker products delete", short: "Delete a product", id: "PRODUCT_ID", done: "deleted product {id}"},

	"Broker.Addons.List":   {cmd: "broker addons list", short: "List a product's add-ons"},
	"Broker.Addons.Get":    {cmd: "broker addons get", short: "Show an add-on", id: "ADDON_ID"},
	"Broker.Addons.Create": {cmd: "broker addons create", short: "Create an add-on"},
	"Broker.Addons.Update": {cmd: "broker addons update", short: "Update an add-on", id: "ADDON_ID", done: "updated add-on {id}"},
	"Broker.Addons.Delete": {cmd: "broker addons delete", short: "Delete an add-on", id: "ADDON_ID", done: "deleted add-on {id}"},

	"Broker.Consumption.List":   {cmd: "broker consumption list", short: "List submitted consumption, filtered by the flags or --data"},
	"Broker.Consumption.Submit": {cmd: "broker consumption submit", short: "Submit consumption", done: "submitted the consumption"},

	"Broker.Administrators.List":   {cmd: "broker administrators list", short: "List the administrators"},
	"Broker.Administrators.Get":    {cmd: "broker administrators get", short: "Show an administrator", id: "ADMINISTRATOR_ID"},
	"Broker.Administrators.Create": {cmd: "broker administrators create", short: "Create an administrator"},
	"Broker.Administrators.Update": {cmd: "broker administrators update", short: "Update an administrator", id: "ADMINISTRATOR_ID", done: "updated administrator {id}"},
	"Broker.Administrators.Delete": {cmd: "broker administrators delete", short: "Delete an administrator", id: "ADMINISTRATOR_ID", done: "deleted administrator {id}"},

	"Broker.OrganizationGroups.List":         {cmd: "broker organization-groups list", short: "List the organization groups"},
	"Broker.OrganizationGroups.Get":          {cmd: "broker organization-groups get", short: "Show an organization group", id: "GROUP_ID"},
	"Broker.OrganizationGroups.Create":       {cmd: "broker organization-groups create", short: "Create an organization group"},
	"Broker.OrganizationGroups.Update":       {cmd: "broker organization-groups update", short: "Update an organization group", id: "GROUP_ID", done: "updated group {id}"},
	"Broker.OrganizationGroups.Delete":       {cmd: "broker organization-groups delete", short: "Delete an organization group", id: "GROUP_ID", done: "deleted group {id}"},
	"Broker.OrganizationGroups.ListMembers":  {cmd: "broker organization-groups members", short: "List a group's organizations"},
	"Broker.OrganizationGroups.AddMember":    {cmd: "broker organization-groups add-member", short: "Add an organization to a group"},
	"Broker.OrganizationGroups.RemoveMember": {cmd: "broker organization-groups remove-member", short: "Remove an organization from a group", id: "MEMBER_ID", done: "removed member {id}"},

	"Broker.PaymentMethods.List":               {cmd: "broker payment-methods list", short: "List the payment methods"},
	"Broker.PaymentMethods.Get":                {cmd: "broker payment-methods get", short: "Show a payment method", id: "PAYMENT_METHOD_ID"},
	"Broker.PaymentMethods.Create":             {cmd: "broker payment-methods create", short: "Create a payment method"},
	"Broker.PaymentMethods.Update":             {cmd: "broker payment-methods update", short: "Update a payment method", id: "PAYMENT_METHOD_ID", done: "updated payment method {id}"},
	"Broker.PaymentMethods.Delete":             {cmd: "broker payment-methods delete", short: "Delete a payment method", id: "PAYMENT_METHOD_ID", done: "deleted payment method {id}"},
	"Broker.PaymentMethods.GetOrganization":    {cmd: "broker payment-methods get-organization", short: "Show an organization's payment method"},
	"Broker.PaymentMethods.UpdateOrganization": {cmd: "broker payment-methods update-organization", short: "Set an organization's payment method", done: "updated the payment method of {organizationId}"},

	"Seller.Organization.Get":                     {cmd: "seller organization", short: "Show the seller's organization", id: "SELLER_ORGANIZATION_ID"},
	"Seller.Billing.GetMonthlyBillingPerReseller": {cmd: "seller billing", short: "The seller's monthly billing per reseller (--param startDate=... --param endDate=...)"},
	"Seller.CustomProperties.List":                {cmd: "seller custom-properties", short: "List the custom properties the seller defines for brokers"},
	"Seller.EmailTemplates.List":                  {cmd: "seller email-templates", short: "List the seller's e-mail templates"},

	"Seller.Administrators.List":   {cmd: "seller administrators list", short: "List the seller's administrators"},
	"Seller.Administrators.Get":    {cmd: "seller administrators get", short: "Show an administrator", id: "ADMINISTRATOR_ID"},
	"Seller.Administrators.Create": {cmd: "seller administrators create", short: "Create an administrator"},
	"Seller.Administrators.Update": {cmd: "seller administrators update", short: "Update an administrator", id: "ADMINISTRATOR_ID", done: "updated administrator {id}"},
	"Seller.Administrators.Delete": {cmd: "seller administrators delete", short: "Delete an administrator", id: "ADMINISTRATOR_ID", done: "deleted administrator {id}"},

	"Seller.Brokers.List":   {cmd: "seller brokers list", short: "List the seller's brokers"},
	"Seller.Brokers.Get":    {cmd: "seller brokers get", short: "Show a broker", id: "BROKER_ID"},
	"Seller.Brokers.Create": {cmd: "seller brokers create", short: "Create a broker"},
	"Seller.Brokers.Update": {cmd: "seller brokers update", short: "Update a broker", id: "BROKER_ID", done: "updated broker {id}"},
	"Seller.Brokers.Delete": {cmd: "seller brokers delete", short: "Delete a broker", id: "BROKER_ID", done: "deleted broker {id}"},

	"Seller.Resellers.List": {cmd: "seller resellers list", short: "List the seller's resellers"},
	"Seller.Resellers.Get":  {cmd: "seller resellers get", short: "Show a reseller", id: "RESELLER_ID"},

	"Seller.Services.List":                {cmd: "seller services list", short: "List the seller's services"},
	"Seller.Services.Get":                 {cmd: "seller services get", short: "Show a service", id: "SERVICE_ID"},
	"Seller.Services.Create":              {cmd: "seller services create", short: "Create a service"},
	"Seller.Services.Update":              {cmd: "seller services update", short: "Update a service", id: "SERVICE_ID", done: "updated service {id}"},
	"Seller.Services.Disable":             {cmd: "seller services disable", short: "Disable a service", id: "SERVICE_ID", done: "disabled service {id}"},
	"Seller.Services.Publish":             {cmd: "seller services publish", short: "Publish a service to resellers", id: "SERVICE_ID", done: "published service {id}"},
	"Seller.Services.ListResellers":       {cmd: "seller services resellers", short: "List the resellers a service is published to"},
	"Seller.Services.GetCustomProperties": {cmd: "seller services custom-property-data", short: "Show a service's custom property data", id: "SERVICE_ID"},

	"Seller.Products.List":   {cmd: "seller products list", short: "List a service's products"},
	"Seller.Products.Get":    {cmd: "seller products get", short: "Show a product", id: "PRODUCT_ID"},
	"Seller.Products.Create": {cmd: "seller products create", short: "Create a product"},
	"Seller.Products.Update": {cmd: "seller products update", short: "Update a product", id: "PRODUCT_ID", done: "updated product {id}"},
	"Seller.Products.Delete": {cmd: "seller products delete", short: "Delete a product", id: "PRODUCT_ID", done: "deleted product {id}"},

	"Seller.Addons.List":   {cmd: "seller addons list", short: "List a product's add-ons"},
	"Seller.Addons.Get":    {cmd: "seller addons get", short: "Show an add-on", id: "ADDON_ID"},
	"Seller.Addons.Create": {cmd: "seller addons create", short: "Create an add-on"},
	"Seller.Addons.Update": {cmd: "seller addons update", short: "Update an add-on", id: "ADDON_ID", done: "updated add-on {id}"},
	"Seller.Addons.Delete": {cmd: "seller addons delete", short: "Delete an add-on", id: "ADDON_ID", done: "deleted add-on {id}"},

	"Seller.Pricelist.Get":    {cmd: "seller prices list", short: "The seller's price list of a service", flags: currency, help: map[string]string{"currency": "currency (SEK)"}},
	"Seller.Pricelist.Update": {cmd: "seller prices update", short: "Set a price", done: "updated the price of {itemId}", flags: map[string]string{"itemId": "item"}, help: map[string]string{"item": "the product or add-on id"}},

	"Seller.Subscriptions.List":          {cmd: "seller subscriptions list", short: "List the subscriptions"},
	"Seller.Subscriptions.ListByService": {cmd: "seller subscriptions list-by-service", short: "List a service's subscriptions"},
	"Seller.Subscriptions.Get":           {cmd: "seller subscriptions get", short: "Show a subscription"},
	"Seller.Subscriptions.SetLicenseKey": {cmd: "seller subscriptions set-license-key", short: "Set a subscription's licence key", done: "set the licence key of {subscriptionId}"},

	"Seller.Consumption.List":                    {cmd: "seller consumption list", short: "List submitted consumption, filtered by the flags or --data"},
	"Seller.Consumption.Submit":                  {cmd: "seller consumption submit", short: "Submit consumption", done: "submitted the consumption"},
	"Seller.Consumption.BeginBulkSubmit":         {cmd: "seller consumption bulk-submit", short: "Submit consumption in bulk, processed asynchronously; --wait waits for it"},
	"Seller.Consumption.BeginBulkSubmit: status": {cmd: "seller consumption bulk-status", short: "Show (or with --wait wait for) a bulk submission's status"},

	"Seller.ManualBilling.List": {cmd: "seller manual-billing list", short: "List a reseller's manual billing lines",
		flags: map[string]string{"billingStartDate": "from", "billingEndDate": "to"}, help: map[string]string{"from": "first date, 2026-10-01", "to": "last date, 2026-10-31"}},
	"Seller.ManualBilling.Get":    {cmd: "seller manual-billing get", short: "Show a manual billing line", id: "LINE_ID"},
	"Seller.ManualBilling.Create": {cmd: "seller manual-billing create", short: "Create a manual billing line", flags: lineFlags},
	"Seller.ManualBilling.Delete": {cmd: "seller manual-billing delete", short: "Delete a manual billing line", id: "LINE_ID", done: "deleted line {id}"},

	"Seller.Webhooks.List":   {cmd: "seller webhooks list", short: "List the seller's webhooks"},
	"Seller.Webhooks.Get":    {cmd: "seller webhooks get", short: "Show a webhook", id: "WEBHOOK_ID"},
	"Seller.Webhooks.Create": {cmd: "seller webhooks create", short: "Create a webhook"},
	"Seller.Webhooks.Update": {cmd: "seller webhooks update", short: "Update a webhook", id: "WEBHOOK_ID", done: "updated webhook {id}"},
	"Seller.Webhooks.Delete": {cmd: "seller webhooks delete", short: "Delete a webhook", id: "WEBHOOK_ID", done: "deleted webhook {id}"},
}

// unbilledLines reads every line of a finished unbilled-usage export.
func unbilledLines(x *call, v any) (any, error) {
	lines := []cloudmore.BillingUsageLine{}
	for l, err := range v.(*cloudmore.UnbilledUsageExport).Walk(x.ctx, nil) {
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// handWritten are the commands whose SDK method takes more than path ids, query options and
// a body (dates, a year and month, an id in the query, an action), or that print more than
// its result. billing.go and prices.go add the billing reports and the price lists'.
func handWritten() []verb {
	fromTo := []field{str("from", "", "first date, 2026-10-01"), str("to", "", "last date, 2026-10-31")}
	return append([]verb{
		{group: "csp", use: "check-domain DOMAIN_PREFIX", short: "Tell whether an .onmicrosoft.com prefix is free",
			ops: []string{"CSP.CheckDomain"}, example: "  cloudmore csp check-domain contoso",
			run: func(x *call) (any, error) {
				ok, _, err := x.c.CSP.CheckDomain(x.ctx, x.arg(0))
				return map[string]any{"domainPrefix": x.arg(0), "available": ok}, err
			}},
		{group: "azure", use: "invoice INVOICE_ID", short: "Show an Azure invoice", query: []field{extraParams},
			ops: []string{"Billing.GetAzureInvoice"}, example: "  cloudmore azure invoice INVOICE_ID --param key=value",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Billing.GetAzureInvoice(x.ctx, x.arg(0), &cloudmore.AzureReportOptions{Extra: x.params()})
				return v, err
			}},
		{group: "external-invoices", use: "list ORGANIZATION_ID --from DATE --to DATE", short: "List the external invoices of a period", query: fromTo,
			ops: []string{"ExternalInvoices.List"}, example: "  cloudmore external-invoices list ORGANIZATION_ID --from 2026-10-01 --to 2026-10-31",
			run: func(x *call) (any, error) {
				from, err := x.date("from")
				if err != nil {
					return nil, err
				}
				to, err := x.date("to")
				if err != nil {
					return nil, err
				}
				if from.IsZero() || to.IsZero() {
					return nil, usagef("give --from and --to")
				}
				v, _, err := x.c.ExternalInvoices.List(x.ctx, x.arg(0), from, to)
				return v, err
			}},
		{group: "seller subscriptions", use: "remove SUBSCRIPTION_ID", short: "Delete (or with --cancel cancel) a subscription",
			query: []field{flag("cancel", "", "cancel instead of delete")}, ops: []string{"Seller.Subscriptions.Remove"},
			example: "  cloudmore seller subscriptions remove SUBSCRIPTION_ID --cancel",
			run: func(x *call) (any, error) {
				action := cloudmore.SellerSubscriptionDelete
				if x.q("cancel") == "true" {
					action = cloudmore.SellerSubscriptionCancel
				}
				if _, err := x.c.Seller.Subscriptions.Remove(x.ctx, x.arg(0), action); err != nil {
					return nil, err
				}
				return none{"removed subscription " + x.arg(0)}, nil
			}},
	}, append(billingVerbs(), priceVerbs()...)...)
}
