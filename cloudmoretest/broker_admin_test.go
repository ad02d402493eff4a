package cloudmoretest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
)

func TestSDKBrokerAdministrators(t *testing.T) {
	f := newSDKFake(t)
	roles, _, err := f.c.Broker.Roles.List(f.ctx)
	require.NoError(t, err)
	require.NotEmpty(t, roles)
	assert.Equal(t, "1", roles[0].ID)

	created, resp, err := f.c.Broker.Administrators.Create(f.ctx, &cloudmore.CreateBrokerAdministratorRequest{
		Name: "kam@broker.example", Password: "S3cret!", FirstName: "Kim", LastName: "Manager", DisplayName: "Kim Manager",
		RoleID: roles[1].ID, Email: "kam@broker.example", CellPhonePrefix: "46", CellPhone: "701234567",
		Address: &cloudmore.BrokerAdministratorAddress{CountryCode: "SE", City: "Stockholm"},
	})
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	list, _, err := f.c.Broker.Administrators.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, created.ID, list[0].ID)
	assert.Equal(t, "Kim Manager", list[0].DisplayName)
	assert.NotContains(t, string(list[0].Raw), "S3cret!", "the password is never answered back")

	_, err = f.c.Broker.Administrators.Update(f.ctx, created.ID, &cloudmore.UpdateBrokerAdministratorRequest{Title: "Key Account Manager"})
	require.NoError(t, err)
	got, _, err := f.c.Broker.Administrators.Get(f.ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "Kim", got.FirstName, "an update changes only what it sends")
	assert.Contains(t, string(got.Raw), `"title":"Key Account Manager"`)
	assert.NotContains(t, string(got.Raw), "S3cret!")

	_, err = f.c.Broker.Administrators.Delete(f.ctx, created.ID)
	require.NoError(t, err)
	_, _, err = f.c.Broker.Administrators.Get(f.ctx, created.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
	_, err = f.c.Broker.Administrators.Delete(f.ctx, created.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
}

func TestSDKBrokerOrganizationGroups(t *testing.T) {
	f := newSDKFake(t)
	orgID := f.org("Org G", "org-g.example")
	g, _, err := f.c.Broker.OrganizationGroups.Create(f.ctx, &cloudmore.CreateBrokerOrganizationGroupRequest{Extra: map[string]any{"name": "Nordics"}})
	require.NoError(t, err)
	list, _, err := f.c.Broker.OrganizationGroups.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Nordics", list[0].Name)

	_, err = f.c.Broker.OrganizationGroups.Update(f.ctx, g.ID, &cloudmore.UpdateBrokerOrganizationGroupRequest{Extra: map[string]any{"name": "Nordics & Baltics"}})
	require.NoError(t, err)
	got, _, err := f.c.Broker.OrganizationGroups.Get(f.ctx, g.ID)
	require.NoError(t, err)
	assert.Equal(t, "Nordics & Baltics", got.Name)

	m, _, err := f.c.Broker.OrganizationGroups.AddMember(f.ctx, g.ID, &cloudmore.AddBrokerOrganizationGroupMemberRequest{Extra: map[string]any{"organizationId": orgID}})
	require.NoError(t, err)
	assert.Equal(t, orgID, m.ID, "the fake names a member by its organization")
	members, _, err := f.c.Broker.OrganizationGroups.ListMembers(f.ctx, g.ID)
	require.NoError(t, err)
	require.Len(t, members, 1)
	assert.Equal(t, orgID, members[0].ID)

	_, err = f.c.Broker.OrganizationGroups.RemoveMember(f.ctx, g.ID, orgID)
	require.NoError(t, err)
	members, _, err = f.c.Broker.OrganizationGroups.ListMembers(f.ctx, g.ID)
	require.NoError(t, err)
	assert.Empty(t, members)
	_, err = f.c.Broker.OrganizationGroups.RemoveMember(f.ctx, g.ID, orgID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)

	_, err = f.c.Broker.OrganizationGroups.Delete(f.ctx, g.ID)
	require.NoError(t, err)
	_, _, err = f.c.Broker.OrganizationGroups.ListMembers(f.ctx, g.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
}

func TestSDKBrokerPaymentMethods(t *testing.T) {
	f := newSDKFake(t)
	orgID := f.org("Org P", "org-p.example")
	_, _, err := f.c.Broker.PaymentMethods.GetOrganization(f.ctx, orgID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound, "no payment method set yet")

	pm, _, err := f.c.Broker.PaymentMethods.Create(f.ctx, &cloudmore.CreateBrokerPaymentMethodRequest{Extra: map[string]any{"name": "Invoice"}})
	require.NoError(t, err)
	list, _, err := f.c.Broker.PaymentMethods.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, pm.ID, list[0].ID)
	assert.Equal(t, "Invoice", list[0].Name)

	_, err = f.c.Broker.PaymentMethods.Update(f.ctx, pm.ID, &cloudmore.UpdateBrokerPaymentMethodRequest{Extra: map[string]any{"name": "Invoice, 30 days"}})
	require.NoError(t, err)
	got, _, err := f.c.Broker.PaymentMethods.Get(f.ctx, pm.ID)
	require.NoError(t, err)
	assert.Equal(t, "Invoice, 30 days", got.Name)

	_, err = f.c.Broker.PaymentMethods.UpdateOrganization(f.ctx, orgID, &cloudmore.UpdateOrganizationPaymentMethodRequest{Extra: map[string]any{"paymentMethodId": pm.ID}})
	require.NoError(t, err)
	opm, _, err := f.c.Broker.PaymentMethods.GetOrganization(f.ctx, orgID)
	require.NoError(t, err)
	assert.JSONEq(t, `{"paymentMethodId":"`+pm.ID+`"}`, string(opm.Raw))

	_, err = f.c.Broker.PaymentMethods.Delete(f.ctx, pm.ID)
	require.NoError(t, err)
	_, _, err = f.c.Broker.PaymentMethods.Get(f.ctx, pm.ID)
	assert.ErrorIs(t, err, cloudmore.ErrNotFound)
	_, _, err = f.c.Broker.PaymentMethods.GetOrganization(f.ctx, "11111111-2222-4333-8444-555555555555")
	assert.ErrorIs(t, err, cloudmore.ErrNotFound, "unknown organization")
}

func TestSDKBrokerEmailTemplates(t *testing.T) {
	f := newSDKFake(t)
	list, _, err := f.c.Broker.EmailTemplates.List(f.ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "Welcome e-mail", list[0].Name)
	assert.NotEmpty(t, list[0].ID)
}

// Bodies that are not JSON objects are refused by the fake with a 400 model-state error.
func TestBrokerAdminBodiesMustBeObjects(t *testing.T) {
	a := newAPI(t, noSeed)
	for _, p := range []string{"ResellerAdministrators", "OrganizationGroups", "paymentmethods", "services"} {
		a.wantStatus(http.StatusBadRequest, http.MethodPost, p, []int{1})
		a.wantStatus(http.StatusBadRequest, http.MethodPost, p, nil)
		a.wantStatus(http.StatusBadRequest, http.MethodPost, p, "null")
	}
}
