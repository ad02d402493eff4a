package main

import (
	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// sellerArea is the seller side (/api/sellers/{sellerId}: CLOUDMORE_SELLER_ID).
func sellerArea() area {
	crud := func(name, short, idName string, list func(x *call) (any, error), get func(x *call) (any, error),
		create func(x *call) (any, error), update func(x *call) (any, error), del func(x *call) (any, error), extra ...verb) area {
		a := area{name: name, short: short}
		if list != nil {
			a.verbs = append(a.verbs, verb{use: "list", short: "List the " + name, run: list})
		}
		if get != nil {
			a.verbs = append(a.verbs, verb{use: "get " + idName, short: "Show one", run: get})
		}
		if create != nil {
			a.verbs = append(a.verbs, verb{use: "create", short: "Create one (--data)", run: create})
		}
		if update != nil {
			a.verbs = append(a.verbs, verb{use: "update " + idName, short: "Update one (--data)", run: update})
		}
		if del != nil {
			a.verbs = append(a.verbs, verb{use: "delete " + idName, short: "Delete one", run: del})
		}
		a.verbs = append(a.verbs, extra...)
		return a
	}
	return area{name: "seller", short: "The seller side: services, products, brokers, subscriptions, webhooks (needs CLOUDMORE_SELLER_ID)", verbs: []verb{
		{use: "organization SELLER_ORGANIZATION_ID", short: "Show the seller's organization",
			run: func(x *call) (any, error) { return res(x.c.Seller.Organization.Get(x.ctx, x.arg(0))) }},
		{use: "billing", short: "The seller's monthly billing per reseller (--param startDate=... --param endDate=...)",
			query: []field{{flag: "param", help: "key=value"}},
			run: func(x *call) (any, error) {
				return res(x.c.Seller.Billing.GetMonthlyBillingPerReseller(x.ctx, &cloudmore.SellerBillingReportOptions{Extra: x.params()}))
			}},
		{use: "custom-properties", short: "List the custom properties the seller defines for brokers",
			run: func(x *call) (any, error) { return res(x.c.Seller.CustomProperties.List(x.ctx)) }},
		{use: "email-templates", short: "List the seller's e-mail templates",
			run: func(x *call) (any, error) { return res(x.c.Seller.EmailTemplates.List(x.ctx)) }},
	}, subs: []area{
		crud("administrators", "The seller's administrators", "ADMINISTRATOR_ID",
			func(x *call) (any, error) { return res(x.c.Seller.Administrators.List(x.ctx)) },
			func(x *call) (any, error) { return res(x.c.Seller.Administrators.Get(x.ctx, x.arg(0))) },
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.CreateSellerAdministratorRequest) (any, error) {
					return res(x.c.Seller.Administrators.Create(x.ctx, r))
				})
			},
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.UpdateSellerAdministratorRequest) (any, error) {
					return ok("updated administrator %s", x.arg(0))(x.c.Seller.Administrators.Update(x.ctx, x.arg(0), r))
				})
			},
			func(x *call) (any, error) {
				return ok("deleted administrator %s", x.arg(0))(x.c.Seller.Administrators.Delete(x.ctx, x.arg(0)))
			}),
		crud("brokers", "The seller's brokers", "BROKER_ID",
			func(x *call) (any, error) { return res(x.c.Seller.Brokers.List(x.ctx)) },
			func(x *call) (any, error) { return res(x.c.Seller.Brokers.Get(x.ctx, x.arg(0))) },
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.CreateSellerBrokerRequest) (any, error) {
					return res(x.c.Seller.Brokers.Create(x.ctx, r))
				})
			},
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.UpdateSellerBrokerRequest) (any, error) {
					return ok("updated broker %s", x.arg(0))(x.c.Seller.Brokers.Update(x.ctx, x.arg(0), r))
				})
			},
			func(x *call) (any, error) {
				return ok("deleted broker %s", x.arg(0))(x.c.Seller.Brokers.Delete(x.ctx, x.arg(0)))
			}),
		crud("resellers", "The seller's resellers", "RESELLER_ID",
			func(x *call) (any, error) { return res(x.c.Seller.Resellers.List(x.ctx)) },
			func(x *call) (any, error) { return res(x.c.Seller.Resellers.Get(x.ctx, x.arg(0))) }, nil, nil, nil),
		crud("services", "The seller's services", "SERVICE_ID",
			func(x *call) (any, error) { return res(x.c.Seller.Services.List(x.ctx)) },
			func(x *call) (any, error) { return res(x.c.Seller.Services.Get(x.ctx, x.arg(0))) },
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.CreateSellerServiceRequest) (any, error) {
					return res(x.c.Seller.Services.Create(x.ctx, r))
				})
			},
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.UpdateSellerServiceRequest) (any, error) {
					return ok("updated service %s", x.arg(0))(x.c.Seller.Services.Update(x.ctx, x.arg(0), r))
				})
			}, nil,
			verb{use: "disable SERVICE_ID", short: "Disable a service",
				run: func(x *call) (any, error) {
					return ok("disabled service %s", x.arg(0))(x.c.Seller.Services.Disable(x.ctx, x.arg(0)))
				}},
			verb{use: "publish SERVICE_ID", short: "Publish a service to resellers (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.PublishSellerServiceRequest) (any, error) {
						return ok("published service %s", x.arg(0))(x.c.Seller.Services.Publish(x.ctx, x.arg(0), r))
					})
				}},
			verb{use: "resellers SERVICE_ID", short: "List the resellers a service is published to",
				run: func(x *call) (any, error) { return res(x.c.Seller.Services.ListResellers(x.ctx, x.arg(0))) }},
			verb{use: "custom-property-data SERVICE_ID", short: "Show a service's custom property data",
				run: func(x *call) (any, error) { return res(x.c.Seller.Services.GetCustomProperties(x.ctx, x.arg(0))) }}),
		{name: "products", short: "A seller service's products", verbs: []verb{
			{use: "list SERVICE_ID", short: "List a service's products",
				run: func(x *call) (any, error) { return res(x.c.Seller.Products.List(x.ctx, x.arg(0))) }},
			{use: "get SERVICE_ID PRODUCT_ID", short: "Show a product",
				run: func(x *call) (any, error) { return res(x.c.Seller.Products.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create SERVICE_ID", short: "Create a product (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateSellerProductRequest) (any, error) {
						return res(x.c.Seller.Products.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "update SERVICE_ID PRODUCT_ID", short: "Update a product (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateSellerProductRequest) (any, error) {
						return ok("updated product %s", x.arg(1))(x.c.Seller.Products.Update(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "delete SERVICE_ID PRODUCT_ID", short: "Delete a product",
				run: func(x *call) (any, error) {
					return ok("deleted product %s", x.arg(1))(x.c.Seller.Products.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		{name: "addons", short: "A seller product's add-ons", verbs: []verb{
			{use: "list SERVICE_ID PRODUCT_ID", short: "List a product's add-ons",
				run: func(x *call) (any, error) { return res(x.c.Seller.Addons.List(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "get SERVICE_ID PRODUCT_ID ADDON_ID", short: "Show an add-on",
				run: func(x *call) (any, error) { return res(x.c.Seller.Addons.Get(x.ctx, x.arg(0), x.arg(1), x.arg(2))) }},
			{use: "create SERVICE_ID PRODUCT_ID", short: "Create an add-on",
				body: []field{str("name", "name", "the add-on's name"), str("item-code", "itemCode", "its item code"), dec("price", "price", "its price")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SellerAddonRequest) (any, error) {
						return res(x.c.Seller.Addons.Create(x.ctx, x.arg(0), x.arg(1), r))
					})
				}},
			{use: "update SERVICE_ID PRODUCT_ID ADDON_ID", short: "Update an add-on",
				body: []field{str("name", "name", "the add-on's name"), str("item-code", "itemCode", "its item code"), dec("price", "price", "its price")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SellerAddonRequest) (any, error) {
						return ok("updated add-on %s", x.arg(2))(x.c.Seller.Addons.Update(x.ctx, x.arg(0), x.arg(1), x.arg(2), r))
					})
				}},
			{use: "delete SERVICE_ID PRODUCT_ID ADDON_ID", short: "Delete an add-on",
				run: func(x *call) (any, error) {
					return ok("deleted add-on %s", x.arg(2))(x.c.Seller.Addons.Delete(x.ctx, x.arg(0), x.arg(1), x.arg(2)))
				}},
		}},
		{name: "prices", short: "A seller service's price list", verbs: []verb{
			{use: "list SERVICE_ID", short: "The seller's price list of a service", query: []field{str("currency", "", "currency (SEK)")},
				run: func(x *call) (any, error) {
					return res(x.c.Seller.Pricelist.Get(x.ctx, x.arg(0), &cloudmore.SellerPriceListOptions{CurrencyCode: x.q("currency")}))
				}},
			{use: "update SERVICE_ID", short: "Set a price", body: []field{str("item", "itemId", "the product or add-on id")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.UpdateSellerPriceRequest) (any, error) {
						return ok("updated the price of %s", r.ItemID)(x.c.Seller.Pricelist.Update(x.ctx, x.arg(0), r))
					})
				}},
		}},
		{name: "subscriptions", short: "Subscriptions to the seller's services", verbs: []verb{
			{use: "list", short: "List the subscriptions",
				run: func(x *call) (any, error) { return res(x.c.Seller.Subscriptions.List(x.ctx)) }},
			{use: "list-by-service SERVICE_ID", short: "List a service's subscriptions",
				run: func(x *call) (any, error) { return res(x.c.Seller.Subscriptions.ListByService(x.ctx, x.arg(0))) }},
			{use: "get SUBSCRIPTION_ID", short: "Show a subscription",
				run: func(x *call) (any, error) { return res(x.c.Seller.Subscriptions.Get(x.ctx, x.arg(0))) }},
			{use: "remove SUBSCRIPTION_ID", short: "Delete (or with --cancel cancel) a subscription",
				query: []field{flag("cancel", "", "cancel instead of delete")},
				run: func(x *call) (any, error) {
					action := cloudmore.SellerSubscriptionDelete
					if x.q("cancel") == "true" {
						action = cloudmore.SellerSubscriptionCancel
					}
					return ok("removed subscription %s", x.arg(0))(x.c.Seller.Subscriptions.Remove(x.ctx, x.arg(0), action))
				}},
			{use: "set-license-key SUBSCRIPTION_ID", short: "Set a subscription's licence key (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SetSellerSubscriptionLicenseKeyRequest) (any, error) {
						return ok("set the licence key of %s", x.arg(0))(x.c.Seller.Subscriptions.SetLicenseKey(x.ctx, x.arg(0), r))
					})
				}},
		}},
		{name: "consumption", short: "Consumption (usage) submitted for the seller's services", verbs: []verb{
			{use: "list", short: "List submitted consumption, filtered by --data (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SellerConsumptionFilter) (any, error) {
						return res(x.c.Seller.Consumption.List(x.ctx, r))
					})
				}},
			{use: "bulk-submit", short: "Submit consumption in bulk, processed asynchronously (--data); --wait waits for it",
				query: []field{flag("wait", "", "wait until Cloudmore has processed the submission")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SubmitSellerConsumptionsRequest) (any, error) {
						p, _, err := x.c.Seller.Consumption.BeginBulkSubmit(x.ctx, r)
						return pollResult(x, p, err)
					})
				}},
			{use: "bulk-status RESUME_TOKEN", short: "Show (or with --wait wait for) a bulk submission's status",
				query: []field{flag("wait", "", "wait until Cloudmore has processed the submission")},
				run: func(x *call) (any, error) {
					p, err := x.c.Seller.Consumption.ResumeBulkSubmit(x.arg(0))
					return pollResult(x, p, err)
				}},
			{use: "submit", short: "Submit consumption (--data)",
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.SubmitSellerConsumptionsRequest) (any, error) {
						return ok("submitted the consumption")(x.c.Seller.Consumption.Submit(x.ctx, r))
					})
				}},
		}},
		{name: "manual-billing", short: "Manual billing lines of a reseller", verbs: []verb{
			{use: "list RESELLER_ID", short: "List a reseller's manual billing lines", query: fromTo,
				run: func(x *call) (any, error) {
					from, err := x.date("from")
					if err != nil {
						return nil, err
					}
					to, err := x.date("to")
					if err != nil {
						return nil, err
					}
					return res(x.c.Seller.ManualBilling.List(x.ctx, x.arg(0), &cloudmore.SellerManualBillingOptions{BillingStartDate: from, BillingEndDate: to}))
				}},
			{use: "get RESELLER_ID LINE_ID", short: "Show a manual billing line",
				run: func(x *call) (any, error) { return res(x.c.Seller.ManualBilling.Get(x.ctx, x.arg(0), x.arg(1))) }},
			{use: "create RESELLER_ID", short: "Create a manual billing line",
				body: []field{str("billing-date", "billingDate", "the billing date"), str("service", "serviceId", "the service id"), str("product", "productId", "the product id")},
				run: func(x *call) (any, error) {
					return withBody(x, func(r *cloudmore.CreateSellerManualBillingLineRequest) (any, error) {
						return res(x.c.Seller.ManualBilling.Create(x.ctx, x.arg(0), r))
					})
				}},
			{use: "delete RESELLER_ID LINE_ID", short: "Delete a manual billing line",
				run: func(x *call) (any, error) {
					return ok("deleted line %s", x.arg(1))(x.c.Seller.ManualBilling.Delete(x.ctx, x.arg(0), x.arg(1)))
				}},
		}},
		crud("webhooks", "The seller's webhooks", "WEBHOOK_ID",
			func(x *call) (any, error) { return res(x.c.Seller.Webhooks.List(x.ctx)) },
			func(x *call) (any, error) { return res(x.c.Seller.Webhooks.Get(x.ctx, x.arg(0))) },
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.CreateSellerWebhookRequest) (any, error) {
					return res(x.c.Seller.Webhooks.Create(x.ctx, r))
				})
			},
			func(x *call) (any, error) {
				return withBody(x, func(r *cloudmore.UpdateSellerWebhookRequest) (any, error) {
					return ok("updated webhook %s", x.arg(0))(x.c.Seller.Webhooks.Update(x.ctx, x.arg(0), r))
				})
			},
			func(x *call) (any, error) {
				return ok("deleted webhook %s", x.arg(0))(x.c.Seller.Webhooks.Delete(x.ctx, x.arg(0)))
			}),
	}}
}
