package main

import (
	"fmt"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

func cspArea() area {
	return area{name: "csp", short: "Microsoft CSP: the CSP service, products, legacy subscriptions, NCE, users, tenants", verbs: []verb{
		{use: "check-domain DOMAIN_PREFIX", short: "Tell whether an .onmicrosoft.com prefix is free",
			run: func(x *call) (any, error) {
				ok, _, err := x.c.CSP.CheckDomain(x.ctx, x.arg(0))
				return map[string]any{"domainPrefix": x.arg(0), "available": ok}, err
			}},
		{use: "get ORGANIZATION_ID", short: "Show an organization's CSP service",
			run: func(x *call) (any, error) { v, _, err := x.c.CSP.Get(x.ctx, x.arg(0)); return v, err }},
		{use: "add ORGANIZATION_ID", short: "Add the Microsoft CSP service to an organization",
			body: []field{str("service", "id", "the CSP service id"), str("currency", "currencyCode", "currency (SEK)"),
				str("domain-prefix", "domainPrefix", "the .onmicrosoft.com prefix"), str("contact-email", "contactEmail", "contact e-mail"),
				str("contact-first-name", "contactFirstName", "contact first name"), str("contact-last-name", "contactLastName", "contact last name")},
			run: func(x *call) (any, error) {
				var req cloudmore.AddCSPRequest
				if err := x.decode(&req); err != nil {
					return nil, err
				}
				v, _, err := x.c.CSP.Add(x.ctx, x.arg(0), &req)
				return v, err
			}},
		{use: "remove ORGANIZATION_ID", short: "Remove the CSP service from an organization",
			run: func(x *call) (any, error) {
				if _, err := x.c.CSP.Remove(x.ctx, x.arg(0)); err != nil {
					return nil, err
				}
				return done("removed the CSP service of %s", x.arg(0))
			}},
		{use: "products ORGANIZATION_ID", short: "List the CSP products an organization can order",
			run: func(x *call) (any, error) { v, _, err := x.c.CSP.ListProducts(x.ctx, x.arg(0)); return v, err }},
		{use: "licenses ORGANIZATION_ID", short: "List an organization's product licences",
			run: func(x *call) (any, error) { v, _, err := x.c.CSP.ListProductLicenses(x.ctx, x.arg(0)); return v, err }},
	}, subs: []area{
		{name: "subscriptions", aliases: []string{"subs"}, short: "Legacy CSP subscriptions", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List an organization's legacy CSP subscriptions",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.Subscriptions.List(x.ctx, x.arg(0)); return v, err }},
			{use: "list-all", short: "List the legacy CSP subscriptions of every organization",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.Subscriptions.ListAll(x.ctx); return v, err }},
			{use: "get ORGANIZATION_ID SUBSCRIPTION_ID", short: "Show a legacy CSP subscription",
				run: func(x *call) (any, error) {
					v, _, err := x.c.CSP.Subscriptions.Get(x.ctx, x.arg(0), x.arg(1))
					return v, err
				}},
			{use: "create ORGANIZATION_ID", short: "Order a legacy CSP subscription",
				body: []field{str("offer", "offerId", "the offer id"), str("name", "friendlyName", "the friendly name"),
					num("quantity", "quantity", "licences"), num("billing-cycle", "billingCycle", "1 monthly, 2 annual"), str("po-number", "poNumber", "purchase order number")},
				run: func(x *call) (any, error) {
					var req cloudmore.CreateCSPSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.CSP.Subscriptions.Create(x.ctx, x.arg(0), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID SUBSCRIPTION_ID", short: "Update a legacy CSP subscription",
				body: []field{num("quantity", "quantity", "licences")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateCSPSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.CSP.Subscriptions.Update(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated subscription %s", x.arg(1))
				}},
			{use: "suspend ORGANIZATION_ID SUBSCRIPTION_ID", short: "Suspend a legacy CSP subscription",
				run: func(x *call) (any, error) {
					if _, err := x.c.CSP.Subscriptions.Suspend(x.ctx, x.arg(0), x.arg(1)); err != nil {
						return nil, err
					}
					return done("suspended subscription %s", x.arg(1))
				}},
		}},
		{name: "nce", short: "Microsoft new-commerce (NCE) subscriptions", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List an organization's NCE subscriptions",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.NCE.List(x.ctx, x.arg(0)); return v, err }},
			{use: "list-all", short: "List the NCE subscriptions of every organization",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.NCE.ListAll(x.ctx); return v, err }},
			{use: "get ORGANIZATION_ID SUBSCRIPTION_ID", short: "Show an NCE subscription",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.NCE.Get(x.ctx, x.arg(0), x.arg(1)); return v, err }},
			{use: "create ORGANIZATION_ID", short: "Order an NCE subscription (--data)",
				body: []field{str("product", "productId", "the product id"), num("quantity", "quantity", "licences")},
				run: func(x *call) (any, error) {
					var req cloudmore.CreateCSPNCESubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.CSP.NCE.Create(x.ctx, x.arg(0), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID SUBSCRIPTION_ID", short: "Update an NCE subscription",
				body: []field{num("quantity", "quantity", "licences")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateCSPNCESubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.CSP.NCE.Update(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated subscription %s", x.arg(1))
				}},
			{use: "delete ORGANIZATION_ID SUBSCRIPTION_ID", short: "Delete an NCE subscription",
				run: func(x *call) (any, error) {
					if _, err := x.c.CSP.NCE.Delete(x.ctx, x.arg(0), x.arg(1)); err != nil {
						return nil, err
					}
					return done("deleted subscription %s", x.arg(1))
				}},
			{use: "products ORGANIZATION_ID", short: "List the NCE products an organization can order",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.NCE.ListProducts(x.ctx, x.arg(0)); return v, err }},
			{use: "alignment-dates ORGANIZATION_ID", short: "List the co-terminosity dates",
				run: func(x *call) (any, error) {
					v, _, err := x.c.CSP.NCE.ListAlignmentDates(x.ctx, x.arg(0))
					return v, err
				}},
			{use: "upgrades ORGANIZATION_ID SUBSCRIPTION_ID", short: "List the products a subscription can upgrade to",
				run: func(x *call) (any, error) {
					v, _, err := x.c.CSP.NCE.ListNewSubscriptionEligibilities(x.ctx, x.arg(0), x.arg(1))
					return v, err
				}},
			{use: "upgrades-existing ORGANIZATION_ID SUBSCRIPTION_ID", short: "List the subscriptions it can upgrade into",
				run: func(x *call) (any, error) {
					v, _, err := x.c.CSP.NCE.ListExistingSubscriptionEligibilities(x.ctx, x.arg(0), x.arg(1))
					return v, err
				}},
			{use: "upgrade ORGANIZATION_ID SUBSCRIPTION_ID", short: "Upgrade to a new subscription (--data); --wait waits for it",
				query: []field{flag("wait", "", "wait until the upgrade has finished")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpgradeCSPNCEToNewSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					p, _, err := x.c.CSP.NCE.BeginUpgradeToNewSubscription(x.ctx, x.arg(0), x.arg(1), &req)
					return pollResult(x, p, err)
				}},
			{use: "upgrade-existing ORGANIZATION_ID SUBSCRIPTION_ID", short: "Upgrade into an existing subscription (--data); --wait waits for it",
				query: []field{flag("wait", "", "wait until the upgrade has finished")},
				run: func(x *call) (any, error) {
					var req cloudmore.UpgradeCSPNCEToExistingSubscriptionRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					p, _, err := x.c.CSP.NCE.BeginUpgradeToExistingSubscription(x.ctx, x.arg(0), x.arg(1), &req)
					return pollResult(x, p, err)
				}},
			{use: "upgrade-status RESUME_TOKEN", short: "Show (or with --wait wait for) an upgrade's status, from its resume token",
				query: []field{flag("wait", "", "wait until the upgrade has finished")},
				run: func(x *call) (any, error) {
					p, err := x.c.CSP.NCE.ResumeUpgrade(x.arg(0))
					return pollResult(x, p, err)
				}},
		}},
		{name: "users", short: "Microsoft 365 users and their licences", verbs: []verb{
			{use: "list ORGANIZATION_ID", short: "List an organization's Microsoft 365 users",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.Users.List(x.ctx, x.arg(0)); return v, err }},
			{use: "get ORGANIZATION_ID USER_ID", short: "Show a Microsoft 365 user",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.Users.Get(x.ctx, x.arg(0), x.arg(1)); return v, err }},
			{use: "create ORGANIZATION_ID", short: "Create a Microsoft 365 user (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.CreateCSPUserRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.CSP.Users.Create(x.ctx, x.arg(0), &req)
					return v, err
				}},
			{use: "update ORGANIZATION_ID USER_ID", short: "Update a Microsoft 365 user (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.UpdateCSPUserRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					if _, err := x.c.CSP.Users.Update(x.ctx, x.arg(0), x.arg(1), &req); err != nil {
						return nil, err
					}
					return done("updated user %s", x.arg(1))
				}},
			{use: "delete ORGANIZATION_ID USER_ID", short: "Delete a Microsoft 365 user",
				run: func(x *call) (any, error) {
					if _, err := x.c.CSP.Users.Delete(x.ctx, x.arg(0), x.arg(1)); err != nil {
						return nil, err
					}
					return done("deleted user %s", x.arg(1))
				}},
			{use: "add-license ORGANIZATION_ID USER_ID", short: "Give a user a licence (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.AddCSPUserLicenseRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.CSP.Users.AddLicense(x.ctx, x.arg(0), x.arg(1), &req)
					return v, err
				}},
			{use: "remove-license ORGANIZATION_ID USER_ID LICENSE_ID", short: "Take a licence from a user",
				run: func(x *call) (any, error) {
					if _, err := x.c.CSP.Users.RemoveLicense(x.ctx, x.arg(0), x.arg(1), x.arg(2)); err != nil {
						return nil, err
					}
					return done("removed licence %s", x.arg(2))
				}},
		}},
		{name: "tenants", short: "Microsoft tenants linked to the broker", verbs: []verb{
			{use: "list", short: "List the CSP tenants",
				run: func(x *call) (any, error) { v, _, err := x.c.CSP.Tenants.List(x.ctx); return v, err }},
			{use: "link", short: "Link an existing tenant (--data)",
				run: func(x *call) (any, error) {
					var req cloudmore.LinkCSPTenantRequest
					if err := x.decode(&req); err != nil {
						return nil, err
					}
					v, _, err := x.c.CSP.Tenants.Link(x.ctx, &req)
					return v, err
				}},
		}},
	}}
}

// azureArea holds the Azure reports. The Azure plan, subscriptions and users of c.Azure join
// it as their SDK methods land.
func azureArea() area {
	rep := func(use, short string, f func(x *call) (any, error)) verb {
		return verb{use: use, short: short, query: []field{{flag: "param", help: "key=value"}}, run: f}
	}
	verbs, subs := azureVerbs()
	return area{name: "azure", short: "Azure: the service, plan, subscriptions, users, invoices and usage reports", subs: subs, verbs: append(verbs, []verb{
		rep("invoices", "List the Azure invoices", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureInvoiceList(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("invoice INVOICE_ID", "Show an Azure invoice", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureInvoice(x.ctx, x.arg(0), &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("overview", "The Azure invoice overview", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureInvoiceOverview(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("invoices-by-dates", "Azure invoices by custom dates (--param startDate=... --param endDate=...)", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureInvoicesByCustomDates(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("per-organization", "Azure monthly billing per organization", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureMonthlyBillingPerOrganization(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("ongoing", "Azure usage of the ongoing period", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureOngoingPeriod(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("one-time-invoices", "Azure one-time invoices", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureOneTimeInvoiceList(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("one-time-invoice", "An Azure one-time usage invoice", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureOneTimeUsageInvoice(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		rep("one-time-ongoing", "Azure one-time usage of the ongoing period", func(x *call) (any, error) {
			v, _, err := x.c.Billing.GetAzureOneTimeUsageOngoingPeriod(x.ctx, &cloudmore.AzureReportOptions{Extra: x.params()})
			return v, err
		}),
		{use: "billed-usage INVOICE_ID", short: "One page of an invoice's billed one-time usage",
			run: func(x *call) (any, error) {
				v, _, err := x.c.Billing.GetAzureOneTimeBilledUsagePage(x.ctx, x.arg(0), nil)
				return v, err
			}},
	}...)}
}

// pollResult prints an asynchronous task's resume token (stderr) and, with --wait, its
// result; without, its state after one poll.
func pollResult[T any](x *call, p *cloudmore.Poller[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(x.a.stderr, "task %s; resume token: %s\n", p.TaskID(), p.ResumeToken())
	if x.q("wait") == "true" {
		return p.PollUntilDone(x.ctx, &cloudmore.PollOptions{Frequency: x.a.pollInterval()})
	}
	if _, err := p.Poll(x.ctx); err != nil {
		return nil, err
	}
	if !p.Done() {
		return map[string]any{"done": false, "taskId": p.TaskID(), "resumeToken": p.ResumeToken()}, nil
	}
	return p.Result(x.ctx)
}
