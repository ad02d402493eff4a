package cloudmoretest_test

// These tests drive the fake through the real SDK client (Server.Client), to check that the
// two agree on the wire: every call must succeed and decode into the values the fake holds.

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// sdkFake is a fake without seed data, its clock stopped at 2020-04-10 12:00 UTC, and an SDK
// client that records the answer members its models lack.
type sdkFake struct {
	t       *testing.T
	ctx     context.Context
	srv     *cloudmoretest.Server
	c       *cloudmore.Client
	mu      sync.Mutex
	unknown map[string][]string // "GET /Organizations" (path after the reseller id) -> members
}

// sdkNow is the fake's time in these tests: April 2020, as in the guide's billing example.
var sdkNow = time.Date(2020, 4, 10, 12, 0, 0, 0, time.UTC)

func newSDKFake(t *testing.T) *sdkFake {
	f := &sdkFake{t: t, ctx: context.Background(), unknown: map[string][]string{}}
	f.srv = cloudmoretest.NewServer(t, noSeed, func(o *cloudmoretest.Options) { o.PollsUntilDone = 2 })
	f.srv.SetClock(func() time.Time { return sdkNow })
	t.Cleanup(func() { checkStateRoundTrip(t, f.srv) })
	f.c = f.srv.Client(cloudmore.WithUnknownFieldHandler(func(method, path string, fields []string) {
		f.mu.Lock()
		defer f.mu.Unlock()
		_, rest, _ := strings.Cut(path, f.srv.ResellerID())
		f.unknown[method+" "+rest] = append(f.unknown[method+" "+rest], fields...)
	}))
	return f
}

// knownShape asserts that the answers of an operation whose shape the guide documents had no
// member the SDK's model lacks (shapes the fake invents are not checked).
func (f *sdkFake) knownShape(op string) {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Empty(f.t, f.unknown[op], "%s: members the SDK model lacks", op)
}

// org creates an organization through the SDK and returns its id.
func (f *sdkFake) org(name, domain string) string {
	f.t.Helper()
	created, resp, err := f.c.Organizations.Create(f.ctx, &cloudmore.CreateOrganizationRequest{
		Name: name, RegistrationNumber: "556677-8899", VAT: "SE556677889901", HomePage: "www." + domain,
		Contact:        &cloudmore.OrganizationContact{Name: "John Doe", Email: "john.doe@" + domain, Phone: "123456789"},
		CustomerNumber: "CUST-" + name, NotificationEmail: "billing@" + domain,
		Address:       &cloudmore.OrganizationAddress{Street: "Street 1", PostalCode: "111 11", City: "Stockholm", CountryCode: "SE"},
		PrimaryDomain: domain,
	})
	require.NoError(f.t, err)
	require.Equal(f.t, 201, resp.StatusCode)
	require.True(f.t, strings.HasSuffix(created.Location, "/Organizations/"+created.ID), created.Location)
	return created.ID
}

// orgWithBox creates an organization with Box.com added in currency.
func (f *sdkFake) orgWithBox(name, domain, currency string) string {
	f.t.Helper()
	id := f.org(name, domain)
	created, _, err := f.c.Services.Add(f.ctx, id, &cloudmore.AddServiceRequest{ID: cloudmoretest.BoxServiceID, CurrencyCode: currency})
	require.NoError(f.t, err)
	require.Equal(f.t, cloudmoretest.BoxServiceID, created.ID)
	return id
}

// orgWithCSP creates an organization with Microsoft O365 CSP Direct added in GBP.
func (f *sdkFake) orgWithCSP(name, domain, prefix string) string {
	f.t.Helper()
	id := f.org(name, domain)
	_, _, err := f.c.CSP.Add(f.ctx, id, &cloudmore.AddCSPRequest{
		ID: cloudmoretest.CSPServiceID, CurrencyCode: "GBP",
		ContactEmail: "john.doe@" + domain, ContactFirstName: "John", ContactLastName: "Doe", ContactPhone: "123456789",
		DomainPrefix: prefix,
		CloudAgreement: cloudmore.CSPCloudAgreement{
			PrimaryContact: cloudmore.CSPCloudAgreementContact{FirstName: "John", LastName: "Doe", Email: "john.doe@" + domain},
			DateAgreed:     cloudmore.NewTime(time.Date(2020, 4, 1, 9, 30, 0, 0, time.UTC)),
		},
	})
	require.NoError(f.t, err)
	return id
}

// raw decodes one JSON object kept by an SDK model (a shape Cloudmore does not document).
func rawObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	return m
}

func TestSDKOrganizations(t *testing.T) {
	f := newSDKFake(t)
	id := f.org("Acme", "acme.example")

	list, _, err := f.c.Organizations.List(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []cloudmore.Organization{{ID: id, Name: "Acme", DisplayName: "Acme"}}, list)
	f.knownShape("GET /Organizations")

	got, _, err := f.c.Organizations.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Acme", got.Name)
	// Cloudmore does not document the details' fields: the SDK types id, name and displayName
	// and keeps the rest in Raw, which holds what the fake sent.
	var details struct {
		RegistrationNumber  string             `json:"registrationNumber"`
		VAT                 string             `json:"vat"`
		CustomerNumber      string             `json:"customerNumber"`
		PrimaryDomain       string             `json:"primaryDomain"`
		ApprovalTriggeredOn *cloudmore.Decimal `json:"approvalTriggeredOn"`
		Contact             struct {
			Email string `json:"email"`
		} `json:"contact"`
		Address struct {
			CountryCode string `json:"countryCode"`
		} `json:"address"`
	}
	require.NoError(t, json.Unmarshal(got.Raw, &details))
	assert.Equal(t, "556677-8899", details.RegistrationNumber)
	assert.Equal(t, "SE556677889901", details.VAT)
	assert.Equal(t, "CUST-Acme", details.CustomerNumber)
	assert.Equal(t, "acme.example", details.PrimaryDomain)
	assert.Equal(t, "john.doe@acme.example", details.Contact.Email)
	assert.Equal(t, "SE", details.Address.CountryCode)
	assert.Nil(t, details.ApprovalTriggeredOn)

	limit := cloudmore.MustDecimal("5000")
	_, err = f.c.Organizations.Update(f.ctx, id, &cloudmore.UpdateOrganizationRequest{DisplayName: "Acme Corporation",
		Extra: map[string]any{"approvalTriggeredOn": limit}})
	require.NoError(t, err)
	got, _, err = f.c.Organizations.Get(f.ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "Acme Corporation", got.DisplayName)
	assert.Equal(t, "Acme", got.Name, "the name cannot change")
	require.NoError(t, json.Unmarshal(got.Raw, &details))
	require.NotNil(t, details.ApprovalTriggeredOn)
	assert.Equal(t, "5000", details.ApprovalTriggeredOn.Text())

	// The fake's business rules come back as *APIError in Cloudmore's shapes.
	_, _, err = f.c.Organizations.Create(f.ctx, &cloudmore.CreateOrganizationRequest{
		Name: "Acme", RegistrationNumber: "1", NotificationEmail: "a@other.example", PrimaryDomain: "other.example",
		Contact: &cloudmore.OrganizationContact{Name: "X"}, Address: &cloudmore.OrganizationAddress{CountryCode: "SE"}})
	var apiErr *cloudmore.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	require.Len(t, apiErr.Items, 1)
	assert.Contains(t, apiErr.Items[0].Message, "already exists")

	_, err = f.c.Organizations.Delete(f.ctx, id)
	require.NoError(t, err)
	_, _, err = f.c.Organizations.Get(f.ctx, id)
	require.ErrorIs(t, err, cloudmore.ErrNotFound)
	list, _, err = f.c.Organizations.List(f.ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, list)
}

// The broker's custom-property definitions (c.Broker.CustomProperties.List) type the values
// an organization carries (DecodeCustomProperties), through the fake's state.
func TestSDKBrokerCustomProperties(t *testing.T) {
	f := newSDKFake(t)
	defs, _, err := f.c.Broker.CustomProperties.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, defs, 3)
	f.knownShape("GET /settings/CustomProperties")
	kinds := map[cloudmore.CustomPropertyType]string{}
	for _, d := range defs {
		kinds[d.Type] = d.ID
	}
	require.Contains(t, kinds, cloudmore.CustomPropertyCheckbox)
	require.Contains(t, kinds, cloudmore.CustomPropertyTextbox)

	req := &cloudmore.CreateOrganizationRequest{
		Name: "Props", RegistrationNumber: "1", NotificationEmail: "a@props.example", PrimaryDomain: "props.example",
		Contact: &cloudmore.OrganizationContact{Name: "X"}, Address: &cloudmore.OrganizationAddress{CountryCode: "SE"},
		CustomProperties: []cloudmore.CustomPropertyValue{
			{ID: kinds[cloudmore.CustomPropertyCheckbox], Value: "1"},
			{ID: kinds[cloudmore.CustomPropertyTextbox], Value: "Floor 3"},
		},
	}
	created, _, err := f.c.Organizations.Create(f.ctx, req)
	require.NoError(t, err)
	org, _, err := f.c.Organizations.Get(f.ctx, created.ID)
	require.NoError(t, err)
	props, err := cloudmore.DecodeCustomProperties(defs, org.Raw)
	require.NoError(t, err)
	require.Len(t, props, 2)
	assert.True(t, props[0].Checked)
	assert.Equal(t, cloudmore.CustomPropertyCheckbox, props[0].Type)
	assert.Equal(t, "Floor 3", props[1].Value)
	assert.NotEmpty(t, props[1].Name)
}

// The global look-ups the fake serves: health and categories, without a reseller id.
func TestSDKPlatform(t *testing.T) {
	f := newSDKFake(t)
	health, _, err := f.c.Platform.HealthCheck(f.ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, health.Raw)
	cats, _, err := f.c.Platform.ListCategories(f.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, cats)
	assert.Equal(t, "Backup & Security", cats[0].Name)
	assert.Empty(t, cats[0].Description, "null description")
	assert.Len(t, cats[0].ID, 36)
	countries, _, err := f.c.Platform.ListMarketCountries(f.ctx)
	require.NoError(t, err)
	assert.NotNil(t, countries)
	regions, _, err := f.c.Platform.ListMarketRegions(f.ctx)
	require.NoError(t, err)
	assert.NotNil(t, regions)
}

func TestSDKUsers(t *testing.T) {
	f := newSDKFake(t)
	org := f.org("Acme", "acme.example")

	roles, _, err := f.c.Users.ListRoles(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, roles, 3)
	assert.Equal(t, "1", roles[0].ID)
	assert.Equal(t, "Organization Admin", roles[0].Name)

	created, _, err := f.c.Users.Create(f.ctx, org, &cloudmore.CreateUserRequest{Name: "jane.roe@acme.example", Password: "S3cret!",
		FirstName: "Jane", LastName: "Roe", RoleID: roles[1].ID, Extra: map[string]any{"email": "jane.roe@acme.example"}})
	require.NoError(t, err)
	require.NotEmpty(t, created.ID)

	users, _, err := f.c.Users.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, created.ID, users[0].ID)
	assert.Equal(t, "jane.roe@acme.example", users[0].Name)
	assert.Equal(t, "Jane Roe", users[0].DisplayName, "the fake's default display name")
	assert.Equal(t, "2", rawObject(t, users[0].Raw)["roleId"])

	_, err = f.c.Users.Update(f.ctx, org, created.ID, &cloudmore.UpdateUserRequest{DisplayName: "Jane R.", RoleID: roles[1].ID})
	require.NoError(t, err)
	u, _, err := f.c.Users.Get(f.ctx, org, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "Jane R.", u.DisplayName)
	assert.Equal(t, "Jane", u.FirstName)

	orgs, _, err := f.c.Organizations.List(f.ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, orgs[0].Users)

	_, err = f.c.Users.Delete(f.ctx, org, created.ID)
	require.NoError(t, err)
	_, _, err = f.c.Users.Get(f.ctx, org, created.ID)
	require.ErrorIs(t, err, cloudmore.ErrNotFound)
}

func TestSDKEstoreServicesAndProducts(t *testing.T) {
	f := newSDKFake(t)
	org := f.org("Acme", "acme.example")

	estore, _, err := f.c.Estore.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, estore, 2)
	assert.Equal(t, "Box.com", estore[0].Name)
	assert.True(t, bool(estore[0].IsResellerCustomService))
	assert.Equal(t, cloudmoretest.CSPServiceID, estore[1].ID)
	assert.True(t, estore[1].IsCloudmoreService())
	f.knownShape("GET /organizations/" + org + "/Estore")

	item, _, err := f.c.Estore.Get(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	assert.Equal(t, "Box.com", item.Name)

	created, _, err := f.c.Services.Add(f.ctx, org, &cloudmore.AddServiceRequest{ID: cloudmoretest.BoxServiceID, CurrencyCode: "GBP"})
	require.NoError(t, err)
	assert.Equal(t, cloudmoretest.BoxServiceID, created.ID)
	services, _, err := f.c.Services.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, services, 1)
	assert.Equal(t, "Box.com", services[0].Name)
	svc, _, err := f.c.Services.Get(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	assert.Equal(t, "GBP", rawObject(t, svc.Raw)["currencyCode"])

	// The service's data (PUT) and custom-property data (PATCH): Cloudmore documents neither
	// body, so the SDK sends Extra as given and the fake keeps and shows what it got.
	_, err = f.c.Services.Update(f.ctx, org, cloudmoretest.BoxServiceID,
		&cloudmore.UpdateServiceRequest{Extra: map[string]any{"note": "seats for the sales team", "seats": 12}})
	require.NoError(t, err)
	_, err = f.c.Services.UpdateCustomProperties(f.ctx, org, cloudmoretest.BoxServiceID,
		&cloudmore.UpdateServiceCustomPropertiesRequest{Extra: map[string]any{"CS0001": "blue"}})
	require.NoError(t, err)
	svc, _, err = f.c.Services.Get(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	details := rawObject(t, svc.Raw)
	assert.Equal(t, "seats for the sales team", details["note"])
	assert.Equal(t, 12.0, details["seats"])
	assert.Equal(t, "blue", details["CS0001"])
	assert.Equal(t, "Box.com", svc.Name, "the known fields stay")
	_, err = f.c.Services.Update(f.ctx, org, cloudmoretest.BoxServiceID,
		&cloudmore.UpdateServiceRequest{Extra: map[string]any{"seats": 20}})
	require.NoError(t, err)
	svc, _, err = f.c.Services.Get(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	details = rawObject(t, svc.Raw)
	assert.NotContains(t, details, "note", "a PUT replaces the data")
	assert.Equal(t, "blue", details["CS0001"], "the PATCHed data stays")

	products, _, err := f.c.Services.ListProducts(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	require.Len(t, products, 3)
	gold := products[0]
	assert.Equal(t, cloudmoretest.GoldProductID, gold.ProductID)
	assert.Equal(t, "Gold", gold.Name)
	assert.Equal(t, "BOX1copy", gold.ItemCode)
	assert.Equal(t, "50.00", gold.Cost.Text(), "exactly the guide's cost")
	assert.Equal(t, "100.00", gold.Price.Text())
	assert.Equal(t, "GBP", gold.CurrencyCode)
	assert.Equal(t, 12, gold.SubscriptionPeriod)
	assert.Equal(t, 1, gold.PaymentFrequency)
	assert.Equal(t, "1", gold.MinimumQuantity.Text())
	require.Len(t, gold.CustomProperties, 3)
	assert.Equal(t, cloudmore.CustomPropertyDropdown, gold.CustomProperties[1].Type)
	assert.Equal(t, "CS0002", gold.CustomProperties[1].ID)
	assert.Equal(t, 1, products[1].TrialPeriod, "Box Enterprise has a trial month")
	f.knownShape("GET /organizations/" + org + "/services/" + cloudmoretest.BoxServiceID + "/products")

	// Removing the service (no active subscriptions).
	_, err = f.c.Services.Remove(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	services, _, err = f.c.Services.List(f.ctx, org)
	require.NoError(t, err)
	assert.Empty(t, services)
}

func TestSDKSubscriptions(t *testing.T) {
	f := newSDKFake(t)
	org := f.orgWithBox("Acme", "acme.example", "GBP")
	products, _, err := f.c.Services.ListProducts(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	gold, enterprise := &products[0], &products[1]

	// The SDK checks the product's minimum quantity before anything is sent.
	_, _, err = f.c.Subscriptions.CreateForProduct(f.ctx, org, enterprise, &cloudmore.CreateSubscriptionRequest{Quantity: 2})
	var ve *cloudmore.ValidationError
	require.ErrorAs(t, err, &ve)
	// The fake refuses it too, with Cloudmore's array-shaped error.
	_, _, err = f.c.Subscriptions.Create(f.ctx, org, cloudmoretest.BoxServiceID,
		&cloudmore.CreateSubscriptionRequest{ProductID: cloudmoretest.EnterpriseProductID, Quantity: 2})
	require.ErrorIs(t, err, cloudmore.ErrBadRequest)
	assert.Contains(t, err.Error(), "minimum quantity 5")

	created, _, err := f.c.Subscriptions.CreateForProduct(f.ctx, org, gold,
		&cloudmore.CreateSubscriptionRequest{Name: "Box for Sales", PONumber: "PO-1", Quantity: 10})
	require.NoError(t, err)
	subID := created.ID

	subs, _, err := f.c.Subscriptions.List(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	s := subs[0]
	assert.Equal(t, subID, s.ID)
	assert.Equal(t, "Box for Sales", s.Name)
	assert.Equal(t, "Gold", s.ProductName)
	assert.Equal(t, "BOX1copy", s.ItemCode)
	assert.Equal(t, "PO-1", s.PONumber)
	assert.Equal(t, "10", s.Quantity.Text())
	assert.Equal(t, 12, s.Period)
	assert.Equal(t, 1, s.BillingInterval)
	assert.Equal(t, time.Date(2020, 4, 10, 0, 0, 0, 0, time.UTC), s.StartDate.Time)
	assert.Equal(t, time.Date(2021, 4, 10, 0, 0, 0, 0, time.UTC), s.EndDate.Time)
	assert.False(t, bool(s.IsTrial))
	assert.True(t, bool(s.IsAutoRenew))
	assert.False(t, bool(s.IsCancelled))
	f.knownShape("GET /organizations/" + org + "/services/" + cloudmoretest.BoxServiceID + "/subscriptions")

	_, err = f.c.Subscriptions.Update(f.ctx, org, cloudmoretest.BoxServiceID, subID,
		&cloudmore.UpdateSubscriptionRequest{Quantity: cloudmore.Ptr(12)})
	require.NoError(t, err)
	one, _, err := f.c.Subscriptions.Get(f.ctx, org, cloudmoretest.BoxServiceID, subID)
	require.NoError(t, err)
	assert.Equal(t, "12", one.Quantity.Text())

	hist, _, err := f.c.Subscriptions.GetHistory(f.ctx, org, cloudmoretest.BoxServiceID, subID)
	require.NoError(t, err)
	require.Len(t, hist.Entries, 2)
	first, second := rawObject(t, hist.Entries[0]), rawObject(t, hist.Entries[1])
	assert.Equal(t, "Created", first["action"])
	assert.Equal(t, float64(10), first["quantity"])
	assert.Equal(t, "Quantity changed", second["description"])
	assert.Equal(t, float64(12), second["quantity"])

	// Users of the subscription: {userId, externalUserId}, as the SDK types them (names inferred).
	roles, _, err := f.c.Users.ListRoles(f.ctx, org)
	require.NoError(t, err)
	user, _, err := f.c.Users.Create(f.ctx, org, &cloudmore.CreateUserRequest{Name: "jane@acme.example", FirstName: "Jane",
		LastName: "Roe", RoleID: roles[0].ID})
	require.NoError(t, err)
	_, _, err = f.c.Subscriptions.AssignUser(f.ctx, org, cloudmoretest.BoxServiceID, subID,
		&cloudmore.AssignSubscriptionUserRequest{UserID: user.ID})
	require.NoError(t, err)
	_, err = f.c.Subscriptions.UpdateExternalUserID(f.ctx, org, cloudmoretest.BoxServiceID, subID,
		&cloudmore.UpdateSubscriptionUsersRequest{UserID: user.ID, ExternalUserID: "box-42"})
	require.NoError(t, err)
	assigned, _, err := f.c.Subscriptions.ListUsers(f.ctx, org, cloudmoretest.BoxServiceID, subID)
	require.NoError(t, err)
	require.Len(t, assigned, 1)
	a := rawObject(t, assigned[0].Raw)
	assert.Equal(t, user.ID, a["userId"])
	assert.Equal(t, "box-42", a["externalUserId"])
	_, err = f.c.Subscriptions.RemoveUser(f.ctx, org, cloudmoretest.BoxServiceID, subID, user.ID)
	require.NoError(t, err)
	assigned, _, err = f.c.Subscriptions.ListUsers(f.ctx, org, cloudmoretest.BoxServiceID, subID)
	require.NoError(t, err)
	assert.Empty(t, assigned)

	_, err = f.c.Subscriptions.Cancel(f.ctx, org, cloudmoretest.BoxServiceID, subID)
	require.NoError(t, err)
	subs, _, err = f.c.Subscriptions.List(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	require.Len(t, subs, 1, "a cancelled subscription stays listed")
	assert.True(t, bool(subs[0].IsCancelled))
	assert.False(t, bool(subs[0].IsAutoRenew))
}

func TestSDKCSP(t *testing.T) {
	f := newSDKFake(t)
	free, _, err := f.c.CSP.CheckDomain(f.ctx, "acmeltd")
	require.NoError(t, err)
	assert.True(t, free)
	free, _, err = f.c.CSP.CheckDomain(f.ctx, "contoso")
	require.NoError(t, err)
	assert.False(t, free, "taken by default")

	org := f.orgWithCSP("Acme", "acme.example", "acmeltd")
	free, _, err = f.c.CSP.CheckDomain(f.ctx, "AcmeLtd")
	require.NoError(t, err)
	assert.False(t, free, "the new tenant's prefix is taken")

	details, _, err := f.c.CSP.Get(f.ctx, org)
	require.NoError(t, err)
	d := rawObject(t, details.Raw)
	assert.Equal(t, "acmeltd.onmicrosoft.com", d["tenantDomain"])
	assert.Equal(t, "2020-04-01T09:30:00", d["cloudAgreement"].(map[string]any)["dateAgreed"])

	products, _, err := f.c.CSP.ListProducts(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, products, 5)
	ai := products[0]
	assert.Equal(t, cloudmoretest.AIBuilderOfferID, ai.OfferID)
	assert.Equal(t, "AI Builder Capacity add-on", ai.Name)
	assert.Equal(t, "CM-01TIER-"+cloudmoretest.AIBuilderOfferID, ai.ItemCode)
	assert.Equal(t, "282.80", ai.Cost.Text())
	assert.Equal(t, "377.10", ai.Price.Text())
	assert.Equal(t, "GBP", ai.CurrencyCode)
	assert.Equal(t, []cloudmore.BillingCycle{cloudmore.BillingCycleAnnual, cloudmore.BillingCycleMonthly}, ai.SupportedBillingCycles)
	f.knownShape("GET /organizations/" + org + "/services/Csp/products")

	basic, _, err := f.c.CSP.FindProduct(f.ctx, org, cloudmoretest.BusinessBasicOfferID)
	require.NoError(t, err)
	assert.Equal(t, "300", basic.MaximumQuantity.Text())
	// Checked against the product before anything is sent.
	_, _, err = f.c.CSP.Subscriptions.CreateForProduct(f.ctx, org, basic, &cloudmore.CreateCSPSubscriptionRequest{FriendlyName: "Too many",
		BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 301})
	var ve *cloudmore.ValidationError
	require.ErrorAs(t, err, &ve)

	created, _, err := f.c.CSP.Subscriptions.CreateForProduct(f.ctx, org, basic, &cloudmore.CreateCSPSubscriptionRequest{FriendlyName: "Staff",
		OfferID: basic.OfferID, PONumber: "PO-7", BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 5})
	require.NoError(t, err)
	subs, _, err := f.c.CSP.Subscriptions.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	s := rawObject(t, subs[0].Raw)
	assert.Equal(t, created.ID, s["id"])
	assert.Equal(t, "Staff", s["friendlyName"])
	assert.Equal(t, float64(5), s["quantity"])
	assert.Equal(t, float64(1), s["billingCycle"])
	assert.Equal(t, "Active", s["status"])

	_, err = f.c.CSP.Subscriptions.Update(f.ctx, org, created.ID, &cloudmore.UpdateCSPSubscriptionRequest{Quantity: cloudmore.Ptr(7)})
	require.NoError(t, err)
	one, _, err := f.c.CSP.Subscriptions.Get(f.ctx, org, created.ID)
	require.NoError(t, err)
	assert.Equal(t, float64(7), rawObject(t, one.Raw)["quantity"])

	_, err = f.c.CSP.Subscriptions.Suspend(f.ctx, org, created.ID)
	require.NoError(t, err)
	all, _, err := f.c.CSP.Subscriptions.ListAll(f.ctx)
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, "Suspended", rawObject(t, all[0].Raw)["status"], "DELETE suspends; the subscription stays listed")
}

// TestSDKNCEWithOnlyUndocumentedMembers: the SDK keeps the NCE bodies as Extra, so the fake
// takes an NCE subscription whose members no source documents (neither an item code nor a
// quantity), keeps it as sent and answers it back; it records the members as unverified.
func TestSDKNCEWithOnlyUndocumentedMembers(t *testing.T) {
	f := newSDKFake(t)
	org := f.orgWithCSP("Acme", "acme.example", "acmeltd")

	products, _, err := f.c.CSP.NCE.ListProducts(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, products, 9)
	for _, p := range products {
		m := rawObject(t, p.Raw)
		for _, invented := range []string{"termDuration", "billingFrequency", "minimumQuantity", "maximumQuantity", "segments"} {
			assert.NotContains(t, m, invented, "no source shows it")
		}
	}

	created, resp, err := f.c.CSP.NCE.Create(f.ctx, org, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{
		"sku": "whatever the Swagger names it", "seats": 3, "segment": "education"}})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	sub, _, err := f.c.CSP.NCE.Get(f.ctx, org, created.ID)
	require.NoError(t, err)
	assert.Equal(t, cloudmore.SegmentEducation, sub.Segment, "sent, so answered back")
	assert.Equal(t, map[string]any{"id": created.ID, "sku": "whatever the Swagger names it", "seats": float64(3),
		"segment": "education"}, rawObject(t, sub.Raw))
	assert.Subset(t, f.srv.UnverifiedMembers(), []cloudmoretest.UnverifiedMember{
		{Operation: "CSP.NCE.Create", Member: "sku"}, {Operation: "CSP.NCE.Create", Member: "seats"}})

	_, err = f.c.CSP.NCE.Update(f.ctx, org, created.ID, &cloudmore.UpdateCSPNCESubscriptionRequest{Extra: map[string]any{"seats": 4}})
	require.NoError(t, err)
	list, _, err := f.c.CSP.NCE.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, float64(4), rawObject(t, list[0].Raw)["seats"])
	other, _, err := f.c.CSP.NCE.Create(f.ctx, org, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{"x": true}})
	require.NoError(t, err)
	all, _, err := f.c.CSP.NCE.ListAll(f.ctx)
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Empty(t, all[1].Segment, "not sent, not invented")

	// A delete within Microsoft's 7-day window deletes; after it, the delete is refused.
	_, err = f.c.CSP.NCE.Delete(f.ctx, org, other.ID)
	require.NoError(t, err)
	f.srv.Advance(8 * 24 * time.Hour)
	_, err = f.c.CSP.NCE.Delete(f.ctx, org, created.ID)
	require.ErrorIs(t, err, cloudmore.ErrBadRequest)
	assert.Contains(t, err.Error(), "7-day")

	// Strict: the same create is refused, naming the members.
	f.srv.SetStrictMembers(true)
	_, _, err = f.c.CSP.NCE.Create(f.ctx, org, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{"seats": 3}})
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.FieldErrors, "seats")
}

func TestSDKCSPUsers(t *testing.T) {
	f := newSDKFake(t)
	org := f.orgWithCSP("Acme", "acme.example", "acmeltd")

	users, _, err := f.c.CSP.Users.List(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, users, 1)
	assert.Equal(t, "admin@acmeltd.onmicrosoft.com", rawObject(t, users[0].Raw)["userPrincipalName"])

	poller, resp, err := f.c.CSP.Users.BeginList(f.ctx, org)
	require.NoError(t, err)
	assert.Equal(t, 202, resp.StatusCode)
	assert.NotEmpty(t, poller.TaskID())
	result, err := cspPollDone(f.ctx, poller)
	require.NoError(t, err)
	require.Len(t, result.Users, 1)
	assert.JSONEq(t, string(users[0].Raw), string(result.Users[0].Raw), "the same users as the synchronous list")

	polls := 0
	for _, r := range f.srv.Requests() {
		if strings.Contains(r.Path, "/usersAsync/") {
			polls++
		}
	}
	assert.Equal(t, 3, polls, "two 202 Processing answers, then the result")
}

func TestSDKPriceLists(t *testing.T) {
	f := newSDKFake(t)

	// The broker's list in the service's currency, and converted.
	rows, _, err := f.c.Pricelist.ListBroker(f.ctx, cloudmoretest.BoxServiceID, nil)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	gold := rows[0]
	assert.Equal(t, "Box.com", gold.Service)
	assert.Equal(t, cloudmoretest.GoldProductID, gold.ProductID)
	assert.Equal(t, "50.00", gold.Cost.Text())
	assert.Equal(t, "100.00", gold.SalesPrice.Text())
	assert.Equal(t, "50.00", gold.Margin.Text())
	assert.True(t, gold.MarginPercentage.Equal(cloudmore.MustDecimal("50")), gold.MarginPercentage.Text())
	assert.Equal(t, "GBP", gold.CurrencyCode)
	assert.NotNil(t, gold.Addons)
	f.knownShape("GET /services/" + cloudmoretest.BoxServiceID + "/pricelist")

	sek, _, err := f.c.Pricelist.ListBroker(f.ctx, cloudmoretest.BoxServiceID, &cloudmore.PriceListOptions{CurrencyCode: "SEK"})
	require.NoError(t, err)
	assert.Equal(t, "SEK", sek[0].CurrencyCode)
	assert.Equal(t, "1352.94", sek[0].SalesPrice.Text(), "100 GBP at the fake's fixed rates")

	// The guide's margin percentage, with every digit .NET prints.
	csp, _, err := f.c.Pricelist.ListBroker(f.ctx, cloudmoretest.CSPServiceID, nil)
	require.NoError(t, err)
	var dynamics *cloudmore.PriceListProduct
	for i := range csp {
		if strings.HasPrefix(csp[i].Name, "Dynamics 365") {
			dynamics = &csp[i]
		}
	}
	require.NotNil(t, dynamics)
	assert.Equal(t, cloudmore.ZeroGUID, dynamics.ProductID)
	assert.Equal(t, "3.79", dynamics.Margin.Text())
	assert.Equal(t, "25.283522348232154769846564380", dynamics.MarginPercentage.Text())

	_, err = f.c.Pricelist.UpdateBroker(f.ctx, cloudmoretest.BoxServiceID, &cloudmore.UpdateBrokerPriceRequest{
		ItemID: cloudmoretest.GoldProductID, SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("120.00"))})
	require.NoError(t, err)
	rows, _, err = f.c.Pricelist.ListBroker(f.ctx, cloudmoretest.BoxServiceID, nil)
	require.NoError(t, err)
	assert.Equal(t, "120.00", rows[0].SalesPrice.Text())

	// An organization's list starts from the broker's prices, in the service's currency.
	org := f.orgWithBox("Acme", "acme.example", "GBP")
	orgRows, _, err := f.c.Pricelist.ListOrganization(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	require.Len(t, orgRows, 3)
	assert.Equal(t, "120.00", orgRows[0].SalesPrice.Text())
	assert.True(t, bool(orgRows[0].CustomServiceProduct))
	assert.Empty(t, orgRows[0].PriceListType)
	f.knownShape("GET /organizations/" + org + "/services/" + cloudmoretest.BoxServiceID + "/pricelist")

	_, err = f.c.Pricelist.UpdateOrganization(f.ctx, org, cloudmoretest.BoxServiceID, &cloudmore.UpdateOrganizationPriceRequest{
		ProductID: cloudmoretest.GoldProductID, CurrencyCode: "GBP", SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("90.50")), CustomServiceProduct: true})
	require.NoError(t, err)
	orgRows, _, err = f.c.Pricelist.ListOrganization(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	assert.Equal(t, "90.50", orgRows[0].SalesPrice.Text())
	assert.Equal(t, "40.50", orgRows[0].Margin.Text())
	products, _, err := f.c.Services.ListProducts(f.ctx, org, cloudmoretest.BoxServiceID)
	require.NoError(t, err)
	assert.Equal(t, "90.50", products[0].Price.Text(), "the organization's price is the product's price")

	// A Microsoft CSP product is named by its item code (the SDK sends the zero GUID).
	cspOrg := f.orgWithCSP("Globex", "globex.example", "globex")
	aiCode := "CM-01TIER-" + cloudmoretest.AIBuilderOfferID
	_, err = f.c.Pricelist.UpdateOrganization(f.ctx, cspOrg, cloudmoretest.CSPServiceID, &cloudmore.UpdateOrganizationPriceRequest{
		ItemCode: aiCode, CurrencyCode: "GBP", SalesPrice: cloudmore.Ptr(cloudmore.MustDecimal("350"))})
	require.NoError(t, err)
	cspRows, _, err := f.c.Pricelist.ListOrganization(f.ctx, cspOrg, cloudmoretest.CSPServiceID)
	require.NoError(t, err)
	require.Equal(t, aiCode, cspRows[0].ItemCode)
	assert.Equal(t, "350.00", cspRows[0].SalesPrice.Text())
	assert.False(t, bool(cspRows[0].CustomServiceProduct))
}

// billingFake: on 2020-04-10 an organization takes 10 Gold (cost 50.00, price 100.00 GBP) and
// 2 AI Builder licences billed annually (cost 282.80, price 377.10 GBP a month).
func billingFake(t *testing.T) (*sdkFake, string) {
	f := newSDKFake(t)
	org := f.orgWithBox("Ermantest0110", "ermantest.example", "GBP")
	_, _, err := f.c.Subscriptions.Create(f.ctx, org, cloudmoretest.BoxServiceID, &cloudmore.CreateSubscriptionRequest{
		Name: "Box for Sales Department", ProductID: cloudmoretest.GoldProductID, Quantity: 10})
	require.NoError(t, err)
	_, _, err = f.c.CSP.Add(f.ctx, org, &cloudmore.AddCSPRequest{ID: cloudmoretest.CSPServiceID, CurrencyCode: "GBP",
		ContactEmail: "john@ermantest.example", ContactFirstName: "John", ContactLastName: "Doe", DomainPrefix: "ermantest",
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: cloudmore.CSPCloudAgreementContact{
			FirstName: "John", LastName: "Doe", Email: "john@ermantest.example"}}})
	require.NoError(t, err)
	_, _, err = f.c.CSP.Subscriptions.Create(f.ctx, org, &cloudmore.CreateCSPSubscriptionRequest{FriendlyName: "AI",
		OfferID: cloudmoretest.AIBuilderOfferID, BillingCycle: cloudmore.BillingCycleAnnual, Quantity: 2})
	require.NoError(t, err)
	return f, org
}

var april2020Start, april2020End = cloudmore.NewDate(2020, time.April, 1), cloudmore.NewDate(2020, time.April, 30)

// waitForReport waits for an asynchronous billing report and reads it whole.
func waitForReport(t *testing.T, ctx context.Context, p *cloudmore.Poller[cloudmore.BillingTask]) *cloudmore.BillingReport {
	t.Helper()
	task, err := p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	rep, _, err := task.Read(ctx)
	require.NoError(t, err)
	return rep
}

// assertServiceTotals checks that every service's stated totals are the sums of its items.
func assertServiceTotals(t *testing.T, rep *cloudmore.BillingReport) {
	t.Helper()
	for o := range rep.Organizations() {
		for _, s := range o.Services {
			var reseller, customer cloudmore.Decimal
			for _, it := range s.Items {
				reseller = reseller.Add(it.TotalResellerPrice)
				customer = customer.Add(it.TotalCustomerPrice)
			}
			assert.True(t, s.TotalResellerPrice.Equal(reseller), "%s: %s vs items %s", s.ServiceName, s.TotalResellerPrice.Text(), reseller.Text())
			assert.True(t, s.TotalCustomerPrice.Equal(customer), "%s: %s vs items %s", s.ServiceName, s.TotalCustomerPrice.Text(), customer.Text())
		}
	}
	assert.Empty(t, rep.Check(), "the SDK's own check of the stated totals")
}

func TestSDKBillingReport(t *testing.T) {
	f, org := billingFake(t)
	rep, _, err := f.c.Billing.GetMonthlyBillingPerOrganization(f.ctx, april2020Start, april2020End, nil)
	require.NoError(t, err)
	require.Len(t, rep.Runs, 1)
	run := rep.Runs[0]
	assert.Equal(t, time.Date(2020, 4, 30, 23, 59, 59, 0, time.UTC), run.BillingDate.Time)
	require.Len(t, run.Organizations, 1)
	o := run.Organizations[0]
	assert.Equal(t, org, o.OrganizationID)
	assert.Equal(t, "Ermantest0110", o.Name)
	assert.Equal(t, "CUST-Ermantest0110", o.CustomerNumber)
	require.Len(t, o.Services, 2)

	box := o.Services[0]
	assert.Equal(t, "Box.com", box.ServiceName)
	assert.Equal(t, "GBP", box.CurrencyCode)
	assert.Equal(t, "500.00", box.TotalResellerPrice.Text())
	assert.Equal(t, "1000.00", box.TotalCustomerPrice.Text())
	require.Len(t, box.Items, 1)
	item := box.Items[0]
	assert.Equal(t, "Box for Sales Department", item.ItemName)
	assert.Equal(t, "10.0000", item.Quantity.Text(), "the guide's four decimals")
	assert.Equal(t, "50.00", item.ResellerPricePerUnit.Text())
	require.Len(t, item.Products, 1)
	assert.Equal(t, "BOX1copy", item.Products[0].ItemCode)
	assert.Empty(t, item.Products[0].ItemDetails, "the guide's null")

	csp := o.Services[1]
	assert.Equal(t, "6787.20", csp.TotalResellerPrice.Text(), "282.80 x 12 months x 2")
	assert.Equal(t, "9050.40", csp.TotalCustomerPrice.Text())
	assertServiceTotals(t, rep)

	// Per service (the fake's own shape; the SDK returns it raw).
	perServiceReport, _, err := f.c.Billing.GetMonthlyBillingPerService(f.ctx, april2020Start, april2020End, nil)
	require.NoError(t, err)
	var perService []struct {
		Services []struct {
			ServiceName        string `json:"serviceName"`
			TotalCustomerPrice string `json:"totalCustomerPrice"`
		} `json:"services"`
	}
	require.NoError(t, json.Unmarshal(perServiceReport.Raw, &perService))
	require.Len(t, perService, 1)
	require.Len(t, perService[0].Services, 2)
	assert.Equal(t, "1000.00", perService[0].Services[0].TotalCustomerPrice)
}

func TestSDKBillingReportAsync(t *testing.T) {
	f, _ := billingFake(t)
	sync, _, err := f.c.Billing.GetMonthlyBillingPerOrganization(f.ctx, april2020Start, april2020End, nil)
	require.NoError(t, err)

	poller, resp, err := f.c.Billing.BeginMonthlyBillingPerOrganization(f.ctx, april2020Start, april2020End, nil)
	require.NoError(t, err)
	assert.Equal(t, 202, resp.StatusCode)
	assert.NotEmpty(t, poller.ResumeToken())
	_, err = poller.Result(f.ctx)
	require.ErrorIs(t, err, cloudmore.ErrNotDone)

	rep := waitForReport(t, f.ctx, poller)
	assert.Equal(t, sync.Runs, rep.Runs, "the asynchronous report holds what the synchronous one does")
	assert.Nil(t, rep.Extra)
	assertServiceTotals(t, rep)

	// The body the SDK sends is what the fake reads.
	var start cloudmoretest.Request
	for _, r := range f.srv.Requests() {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/MonthlyBillingPerOrganizationAsync") {
			start = r
		}
	}
	assert.JSONEq(t, `{"startDate":"2020-04-01","endDate":"2020-04-30"}`, string(start.Body))

	// A poller picked up again from its token finds the finished report.
	again, err := f.c.Billing.ResumeMonthlyBillingPerOrganization(poller.ResumeToken())
	require.NoError(t, err)
	rep2 := waitForReport(t, f.ctx, again)
	assert.Equal(t, rep.Runs, rep2.Runs)

	// Currency conversion travels in the body too.
	poller, _, err = f.c.Billing.BeginMonthlyBillingPerOrganization(f.ctx, april2020Start, april2020End,
		&cloudmore.StartBillingReportRequest{CurrencyCode: "SEK"})
	require.NoError(t, err)
	rep = waitForReport(t, f.ctx, poller)
	assert.Equal(t, "SEK", rep.Runs[0].Organizations[0].Services[0].CurrencyCode)
	assert.Equal(t, "13529.40", rep.Runs[0].Organizations[0].Services[0].TotalCustomerPrice.Text(), "1352.94 x 10")
	assertServiceTotals(t, rep)
}

// cspPollDone waits for p with a millisecond poll interval (the one place the CSP tests call
// PollUntilDone).
func cspPollDone[T any](ctx context.Context, p *cloudmore.Poller[T]) (*T, error) {
	return p.PollUntilDone(ctx, &cloudmore.PollOptions{Frequency: time.Millisecond})
}

// TestSDKReadmeCSPFlow runs the README's "Microsoft 365 through CSP" flow, in its v1 names,
// against the fake as a user starts it (issue 9 item 21: the fake enforces no rule the SDK
// does not document, so the optional contact names and dateAgreed may be left out). Only the
// prefix differs from the README: "contoso" is taken, at Microsoft and in the fake.
func TestSDKReadmeCSPFlow(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	orgID := cloudmoretest.SeedOrganization3ID // the seed's organization without services
	cspServiceID, offerID := cloudmoretest.CSPServiceID, cloudmoretest.BusinessBasicOfferID

	// The README's snippet.
	free, _, err := c.CSP.CheckDomain(ctx, "contosoab") // the part before .onmicrosoft.com
	require.NoError(t, err)
	require.True(t, free)
	_, _, err = c.CSP.Add(ctx, orgID, &cloudmore.AddCSPRequest{
		ID: cspServiceID, CurrencyCode: "SEK", ContactEmail: "it@contoso.se", DomainPrefix: "contosoab",
		CloudAgreement: cloudmore.CSPCloudAgreement{PrimaryContact: cloudmore.CSPCloudAgreementContact{
			FirstName: "Anna", LastName: "Berg", Email: "anna@contoso.se"}}, // dateAgreed: now
	})
	require.NoError(t, err)
	product, _, err := c.CSP.FindProduct(ctx, orgID, offerID)
	require.NoError(t, err)
	sub, _, err := c.CSP.Subscriptions.CreateForProduct(ctx, orgID, product, &cloudmore.CreateCSPSubscriptionRequest{
		FriendlyName: "Office for staff", BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 10})
	require.NoError(t, err)
	require.NotEmpty(t, sub.ID)

	// What the README says next: Suspend is the legacy DELETE.
	_, err = c.CSP.Subscriptions.Suspend(ctx, orgID, sub.ID)
	require.NoError(t, err)
	got, _, err := c.CSP.Subscriptions.Get(ctx, orgID, sub.ID)
	require.NoError(t, err)
	assert.Contains(t, string(got.Raw), `"status":"Suspended"`)
}

func TestSDKCSPUsersAndLicenses(t *testing.T) {
	f := newSDKFake(t)
	org := f.orgWithCSP("Acme", "acme.example", "acmeltd")
	sub, _, err := f.c.CSP.Subscriptions.Create(f.ctx, org, &cloudmore.CreateCSPSubscriptionRequest{FriendlyName: "Staff",
		OfferID: cloudmoretest.BusinessBasicOfferID, BillingCycle: cloudmore.BillingCycleMonthly, Quantity: 2})
	require.NoError(t, err)

	created, resp, err := f.c.CSP.Users.Create(f.ctx, org, &cloudmore.CreateCSPUserRequest{Extra: map[string]any{
		"firstName": "Ann", "lastName": "Lee"}})
	require.NoError(t, err)
	assert.Equal(t, 201, resp.StatusCode)
	u, _, err := f.c.CSP.Users.Get(f.ctx, org, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "ann.lee@acmeltd.onmicrosoft.com", rawObject(t, u.Raw)["userPrincipalName"])
	_, err = f.c.CSP.Users.Update(f.ctx, org, created.ID, &cloudmore.UpdateCSPUserRequest{Extra: map[string]any{"displayName": "Ann L."}})
	require.NoError(t, err)
	u, _, err = f.c.CSP.Users.Get(f.ctx, org, "ann.lee@acmeltd.onmicrosoft.com") // a principal name is one segment
	require.NoError(t, err)
	assert.Equal(t, "Ann L.", rawObject(t, u.Raw)["displayName"])

	lics, _, err := f.c.CSP.ListProductLicenses(f.ctx, org)
	require.NoError(t, err)
	require.Len(t, lics, 1)
	licID := rawObject(t, lics[0].Raw)["id"].(string)
	assert.Equal(t, sub.ID, licID)
	added, _, err := f.c.CSP.Users.AddLicense(f.ctx, org, created.ID, &cloudmore.AddCSPUserLicenseRequest{LicenseID: licID})
	require.NoError(t, err)
	assert.Equal(t, licID, added.ID)
	lics, _, err = f.c.CSP.ListProductLicenses(f.ctx, org)
	require.NoError(t, err)
	assert.Equal(t, float64(1), rawObject(t, lics[0].Raw)["assignedLicenses"])
	_, err = f.c.CSP.Users.RemoveLicense(f.ctx, org, created.ID, licID)
	require.NoError(t, err)
	_, err = f.c.CSP.Users.RemoveLicense(f.ctx, org, created.ID, licID)
	require.ErrorIs(t, err, cloudmore.ErrNotFound)

	_, err = f.c.CSP.Users.Delete(f.ctx, org, created.ID)
	require.NoError(t, err)
	_, _, err = f.c.CSP.Users.Get(f.ctx, org, created.ID)
	require.ErrorIs(t, err, cloudmore.ErrNotFound)
	users, _, err := f.c.CSP.Users.List(f.ctx, org)
	require.NoError(t, err)
	assert.Len(t, users, 1, "the administrator is left")
}

func TestSDKCSPTenants(t *testing.T) {
	f := newSDKFake(t)
	acme := f.orgWithCSP("Acme", "acme.example", "acmeltd")
	tenantID := f.srv.AddPartnerCenterTenant("globexltd")
	globex := f.org("Globex", "globex.example")

	tenants, _, err := f.c.CSP.Tenants.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, tenants, 2)
	assert.Equal(t, acme, rawObject(t, tenants[0].Raw)["organizationId"])
	assert.Equal(t, false, rawObject(t, tenants[1].Raw)["linked"])

	linked, resp, err := f.c.CSP.Tenants.Link(f.ctx, &cloudmore.LinkCSPTenantRequest{TenantID: tenantID, OrganizationID: globex})
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Empty(t, linked.ID, "the fake's answer names no id")
	assert.Equal(t, globex, rawObject(t, linked.Body)["organizationId"])
	_, _, err = f.c.CSP.Tenants.Link(f.ctx, &cloudmore.LinkCSPTenantRequest{TenantID: tenantID, OrganizationID: globex})
	require.ErrorIs(t, err, cloudmore.ErrBadRequest)

	// The linked organization has Microsoft CSP: its products can be bought.
	products, _, err := f.c.CSP.ListProducts(f.ctx, globex)
	require.NoError(t, err)
	assert.NotEmpty(t, products)
}

// An NCE upgrade through the SDK: its Poller follows the fake's task to Completed, resumed
// from its token; the fake knows no upgrade path or alignment date, so those lists are empty.
func TestSDKNCEUpgradeAndAlignment(t *testing.T) {
	f := newSDKFake(t)
	org := f.orgWithCSP("Acme", "acme.example", "acmeltd")
	basic, _, err := f.c.CSP.NCE.Create(f.ctx, org, &cloudmore.CreateCSPNCESubscriptionRequest{Extra: map[string]any{"seats": 3}})
	require.NoError(t, err)

	dates, _, err := f.c.CSP.NCE.ListAlignmentDates(f.ctx, org)
	require.NoError(t, err)
	assert.Empty(t, dates)
	eligible, _, err := f.c.CSP.NCE.ListExistingSubscriptionEligibilities(f.ctx, org, basic.ID)
	require.NoError(t, err)
	assert.Empty(t, eligible)
	news, _, err := f.c.CSP.NCE.ListNewSubscriptionEligibilities(f.ctx, org, basic.ID)
	require.NoError(t, err)
	assert.Empty(t, news)

	upgrade, resp, err := f.c.CSP.NCE.BeginUpgradeToNewSubscription(f.ctx, org, basic.ID,
		&cloudmore.UpgradeCSPNCEToNewSubscriptionRequest{Extra: map[string]any{"target": "x"}})
	require.NoError(t, err)
	assert.Equal(t, 202, resp.StatusCode)
	resumed, err := f.c.CSP.NCE.ResumeUpgrade(upgrade.ResumeToken())
	require.NoError(t, err)
	st, err := cspPollDone(f.ctx, resumed)
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)

	upgrade, _, err = f.c.CSP.NCE.BeginUpgradeToExistingSubscription(f.ctx, org, basic.ID,
		&cloudmore.UpgradeCSPNCEToExistingSubscriptionRequest{Extra: map[string]any{"target": "y"}})
	require.NoError(t, err)
	st, err = cspPollDone(f.ctx, upgrade)
	require.NoError(t, err)
	assert.Equal(t, "Completed", st.Status)
	got, _, err := f.c.CSP.NCE.Get(f.ctx, org, basic.ID)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+basic.ID+`","seats":3}`, string(got.Raw), "an upgrade changes nothing the fake cannot know")
}
