package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	brokerAdminID   = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	brokerGroupID   = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9"
	brokerPaymentID = "9c8b7a6f-5e4d-4c3b-a291-807f6e5d4c3b"
)

// validBrokerAdmin is the body of Cloudmore's own staging test that creates a seller
// administrator, for a broker.
func validBrokerAdmin() *CreateBrokerAdministratorRequest {
	return &CreateBrokerAdministratorRequest{
		Name: "jane.admin@broker.example", Password: "S3cret-pass!", FirstName: "Jane", LastName: "Admin",
		DisplayName: "Jane Admin", RoleID: "6", Title: "Operations", Email: "jane.admin@broker.example",
		CellPhone: "5551234", CellPhonePrefix: "372",
		Address: &BrokerAdministratorAddress{CountryCode: "EE", Street: "Street 1", PostalCode: "10111", City: "Tallinn"},
	}
}

func TestBrokerAdminWire(t *testing.T) {
	ctx := context.Background()
	const admin = "ResellerAdministrators/" + brokerAdminID
	const group = "OrganizationGroups/" + brokerGroupID
	const pm = "paymentmethods/" + brokerPaymentID
	runExtrasWire(t, []extrasWire{
		{name: "administrators list", method: "GET", path: "ResellerAdministrators", status: 200,
			answer: `[{"id":"` + brokerAdminID + `","name":"jane.admin@broker.example","firstName":"Jane","lastName":"Admin","displayName":"Jane Admin","email":"jane.admin@broker.example","roleId":"6"}]`,
			call:   func(c *Client) (any, *Response, error) { return c.Broker.Administrators.List(ctx) },
			check: func(t *testing.T, got any) {
				l := got.([]BrokerAdministrator)
				require.Len(t, l, 1)
				assert.Equal(t, BrokerAdministrator{ID: brokerAdminID, Name: "jane.admin@broker.example", FirstName: "Jane",
					LastName: "Admin", DisplayName: "Jane Admin", Email: "jane.admin@broker.example", Raw: l[0].Raw}, l[0])
				assert.Contains(t, string(l[0].Raw), `"roleId":"6"`)
			}},
		{name: "administrators create", method: "POST", path: "ResellerAdministrators", status: 201, header: brokerLocation(admin),
			body: `{"name":"jane.admin@broker.example","password":"S3cret-pass!","firstName":"Jane","lastName":"Admin","displayName":"Jane Admin",
				"roleId":"6","title":"Operations","email":"jane.admin@broker.example","cellPhone":"5551234","cellPhonePrefix":"372",
				"address":{"countryCode":"EE","street":"Street 1","postalCode":"10111","city":"Tallinn"}}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Administrators.Create(ctx, validBrokerAdmin())
			}, check: wantCreated(brokerAdminID)},
		{name: "administrators get", method: "GET", path: admin, status: 200,
			answer: `{"id":"` + brokerAdminID + `","firstName":"Jane","title":"Operations"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.Administrators.Get(ctx, brokerAdminID)
			},
			check: func(t *testing.T, got any) {
				d := got.(*BrokerAdministratorDetails)
				assert.Equal(t, "Jane", d.FirstName)
				assert.Contains(t, string(d.Raw), `"title":"Operations"`)
			}},
		{name: "administrators update", method: "PUT", path: admin, status: 204, body: `{"title":"CTO","roleId":"2"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Administrators.Update(ctx, brokerAdminID, &UpdateBrokerAdministratorRequest{Title: "CTO", RoleID: "2"}))
			}},
		{name: "administrators delete", method: "DELETE", path: admin, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.Administrators.Delete(ctx, brokerAdminID))
			}},
		{name: "roles", method: "GET", path: "ResellerRoles", status: 200, answer: `[{"id":6,"name":"Broker Admin"},{"id":"7","name":"Sales Agent"}]`,
			call: func(c *Client) (any, *Response, error) { return c.Broker.Roles.List(ctx) },
			check: func(t *testing.T, got any) {
				l := got.([]BrokerRole)
				require.Len(t, l, 2)
				assert.Equal(t, "6", l[0].ID, "a numeric id becomes its text")
				assert.Equal(t, "Broker Admin", l[0].Name)
				assert.Equal(t, "7", l[1].ID)
				assert.JSONEq(t, `{"id":6,"name":"Broker Admin"}`, string(l[0].Raw))
			}},
		{name: "groups list", method: "GET", path: "OrganizationGroups", status: 200, answer: `[{"id":"` + brokerGroupID + `","name":"Nordics"}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.OrganizationGroups.List(ctx)
			},
			check: func(t *testing.T, got any) {
				l := got.([]BrokerOrganizationGroup)
				require.Len(t, l, 1)
				assert.Equal(t, "Nordics", l[0].Name)
				assert.Equal(t, brokerGroupID, l[0].ID)
			}},
		{name: "groups create", method: "POST", path: "OrganizationGroups", status: 201, header: brokerLocation(group), body: `{"name":"Nordics"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.OrganizationGroups.Create(ctx, &CreateBrokerOrganizationGroupRequest{Extra: map[string]any{"name": "Nordics"}})
			}, check: wantCreated(brokerGroupID)},
		{name: "groups get", method: "GET", path: group, status: 200, answer: `{"id":"` + brokerGroupID + `","name":"Nordics"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.OrganizationGroups.Get(ctx, brokerGroupID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "Nordics", got.(*BrokerOrganizationGroup).Name) }},
		{name: "groups update", method: "PUT", path: group, status: 204, body: `{"name":"Nordics and Baltics"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.OrganizationGroups.Update(ctx, brokerGroupID,
					&UpdateBrokerOrganizationGroupRequest{Extra: map[string]any{"name": "Nordics and Baltics"}}))
			}},
		{name: "groups delete", method: "DELETE", path: group, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.OrganizationGroups.Delete(ctx, brokerGroupID))
			}},
		{name: "group members list", method: "GET", path: group + "/Members", status: 200, answer: `[{"id":"` + brokerOrgID + `","name":"Org 1"}]`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.OrganizationGroups.ListMembers(ctx, brokerGroupID)
			},
			check: func(t *testing.T, got any) {
				l := got.([]BrokerOrganizationGroupMember)
				require.Len(t, l, 1)
				assert.Equal(t, brokerOrgID, l[0].ID)
				assert.Contains(t, string(l[0].Raw), `"name":"Org 1"`)
			}},
		{name: "group members add", method: "POST", path: group + "/Members", status: 201, header: brokerLocation(group + "/Members/" + brokerOrgID),
			body: `{"organizationId":"` + brokerOrgID + `"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.OrganizationGroups.AddMember(ctx, brokerGroupID,
					&AddBrokerOrganizationGroupMemberRequest{Extra: map[string]any{"organizationId": brokerOrgID}})
			}, check: wantCreated(brokerOrgID)},
		{name: "group members remove", method: "DELETE", path: group + "/Members/" + brokerOrgID, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.OrganizationGroups.RemoveMember(ctx, brokerGroupID, brokerOrgID))
			}},
		{name: "payment methods list", method: "GET", path: "paymentmethods", status: 200, answer: `[{"id":"` + brokerPaymentID + `","name":"Invoice"}]`,
			call: func(c *Client) (any, *Response, error) { return c.Broker.PaymentMethods.List(ctx) },
			check: func(t *testing.T, got any) {
				l := got.([]BrokerPaymentMethod)
				require.Len(t, l, 1)
				assert.Equal(t, "Invoice", l[0].Name)
			}},
		{name: "payment methods create", method: "POST", path: "paymentmethods", status: 201, header: brokerLocation(pm), body: `{"name":"Invoice","days":30}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.PaymentMethods.Create(ctx, &CreateBrokerPaymentMethodRequest{Extra: map[string]any{"name": "Invoice", "days": 30}})
			}, check: wantCreated(brokerPaymentID)},
		{name: "payment methods get", method: "GET", path: pm, status: 200, answer: `{"id":"` + brokerPaymentID + `","name":"Invoice"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.PaymentMethods.Get(ctx, brokerPaymentID)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, brokerPaymentID, got.(*BrokerPaymentMethod).ID) }},
		{name: "payment methods update", method: "PUT", path: pm, status: 204, body: `{"name":"Invoice 14 days"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.PaymentMethods.Update(ctx, brokerPaymentID,
					&UpdateBrokerPaymentMethodRequest{Extra: map[string]any{"name": "Invoice 14 days"}}))
			}},
		{name: "payment methods delete", method: "DELETE", path: pm, status: 204,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.PaymentMethods.Delete(ctx, brokerPaymentID))
			}},
		{name: "organization payment method get", method: "GET", path: "organizations/" + brokerOrgID + "/paymentmethods", status: 200,
			answer: `{"paymentMethodId":"` + brokerPaymentID + `"}`,
			call: func(c *Client) (any, *Response, error) {
				return c.Broker.PaymentMethods.GetOrganization(ctx, brokerOrgID)
			},
			check: func(t *testing.T, got any) {
				assert.JSONEq(t, `{"paymentMethodId":"`+brokerPaymentID+`"}`, string(got.(*OrganizationPaymentMethod).Raw))
			}},
		{name: "organization payment method update", method: "PUT", path: "organizations/" + brokerOrgID + "/paymentmethods", status: 204,
			body: `{"paymentMethodId":"` + brokerPaymentID + `"}`,
			call: func(c *Client) (any, *Response, error) {
				return extrasResp(c.Broker.PaymentMethods.UpdateOrganization(ctx, brokerOrgID,
					&UpdateOrganizationPaymentMethodRequest{Extra: map[string]any{"paymentMethodId": brokerPaymentID}}))
			}},
		{name: "e-mail templates", method: "GET", path: "settings/EmailTemplates", status: 200, answer: `[{"id":"t1","name":"Welcome","subject":"Hi"}]`,
			call: func(c *Client) (any, *Response, error) { return c.Broker.EmailTemplates.List(ctx) },
			check: func(t *testing.T, got any) {
				l := got.([]BrokerEmailTemplate)
				require.Len(t, l, 1)
				assert.Equal(t, "t1", l[0].ID)
				assert.Equal(t, "Welcome", l[0].Name)
				assert.Contains(t, string(l[0].Raw), `"subject":"Hi"`)
			}},
	})
}

func TestBrokerAdminValidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		fields []string
	}{
		{"admin create nil", func(c *Client) error { _, _, err := c.Broker.Administrators.Create(ctx, nil); return err }, []string{"body"}},
		{"admin create empty", func(c *Client) error {
			_, _, err := c.Broker.Administrators.Create(ctx, &CreateBrokerAdministratorRequest{})
			return err
		}, []string{"body"}},
		{"admin create: bad e-mail, bad country, Extra repeats roleId", func(c *Client) error {
			req := validBrokerAdmin()
			req.Email, req.Address.CountryCode, req.Extra = "not-an-address", "ee", map[string]any{"roleId": 6}
			_, _, err := c.Broker.Administrators.Create(ctx, req)
			return err
		}, []string{"email", "address.countryCode", "Extra"}},
		{"admin get slash", func(c *Client) error { _, _, err := c.Broker.Administrators.Get(ctx, "a/b"); return err }, []string{"id"}},
		{"admin update: empty id, empty body", func(c *Client) error {
			_, err := c.Broker.Administrators.Update(ctx, "", &UpdateBrokerAdministratorRequest{})
			return err
		}, []string{"id", "body"}},
		{"admin update bad e-mail", func(c *Client) error {
			_, err := c.Broker.Administrators.Update(ctx, brokerAdminID, &UpdateBrokerAdministratorRequest{Email: "x@"})
			return err
		}, []string{"email"}},
		{"admin delete dot-dot", func(c *Client) error { _, err := c.Broker.Administrators.Delete(ctx, ".."); return err }, []string{"id"}},
		{"group create empty", func(c *Client) error {
			_, _, err := c.Broker.OrganizationGroups.Create(ctx, &CreateBrokerOrganizationGroupRequest{})
			return err
		}, []string{"Extra"}},
		{"group create nil", func(c *Client) error { _, _, err := c.Broker.OrganizationGroups.Create(ctx, nil); return err }, []string{"body"}},
		{"group get empty id", func(c *Client) error { _, _, err := c.Broker.OrganizationGroups.Get(ctx, ""); return err }, []string{"id"}},
		{"group update: bad id, nil body", func(c *Client) error {
			_, err := c.Broker.OrganizationGroups.Update(ctx, "a/b", nil)
			return err
		}, []string{"id", "body"}},
		{"group delete empty id", func(c *Client) error { _, err := c.Broker.OrganizationGroups.Delete(ctx, ""); return err }, []string{"id"}},
		{"members list empty group", func(c *Client) error {
			_, _, err := c.Broker.OrganizationGroups.ListMembers(ctx, "")
			return err
		}, []string{"groupId"}},
		{"member add: empty group, empty Extra", func(c *Client) error {
			_, _, err := c.Broker.OrganizationGroups.AddMember(ctx, "", &AddBrokerOrganizationGroupMemberRequest{})
			return err
		}, []string{"groupId", "Extra"}},
		{"member remove: both ids bad", func(c *Client) error {
			_, err := c.Broker.OrganizationGroups.RemoveMember(ctx, "", "x/y")
			return err
		}, []string{"groupId", "id"}},
		{"payment method create empty", func(c *Client) error {
			_, _, err := c.Broker.PaymentMethods.Create(ctx, &CreateBrokerPaymentMethodRequest{})
			return err
		}, []string{"Extra"}},
		{"payment method get empty", func(c *Client) error { _, _, err := c.Broker.PaymentMethods.Get(ctx, ""); return err }, []string{"id"}},
		{"payment method update nil", func(c *Client) error {
			_, err := c.Broker.PaymentMethods.Update(ctx, brokerPaymentID, nil)
			return err
		}, []string{"body"}},
		{"payment method delete slash", func(c *Client) error { _, err := c.Broker.PaymentMethods.Delete(ctx, "/"); return err }, []string{"id"}},
		{"organization payment method: bad organization id", func(c *Client) error {
			_, _, err := c.Broker.PaymentMethods.GetOrganization(ctx, "org-1")
			return err
		}, []string{"organizationId"}},
		{"organization payment method update: bad id, empty Extra", func(c *Client) error {
			_, err := c.Broker.PaymentMethods.UpdateOrganization(ctx, "org-1", &UpdateOrganizationPaymentMethodRequest{})
			return err
		}, []string{"organizationId", "Extra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ts := setup(t)
			assertInvalidFields(t, ts, tc.call(c), tc.fields...)
		})
	}
}

// The administrator's password appears in the request body only: never in fmt, %#v, slog or
// a validation error.
func TestBrokerAdministratorPasswordRedacted(t *testing.T) {
	req := validBrokerAdmin()
	for _, s := range []string{fmt.Sprint(req), fmt.Sprintf("%v %+v %#v %s", *req, *req, *req, *req), req.String()} {
		assert.NotContains(t, s, "S3cret-pass!")
		assert.Contains(t, s, "REDACTED")
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("create", "req", *req)
	assert.NotContains(t, buf.String(), "S3cret-pass!")

	req.Email = "bad"
	c, ts := setup(t)
	_, _, err := c.Broker.Administrators.Create(context.Background(), req)
	assertInvalidFields(t, ts, err, "email")
	assert.NotContains(t, err.Error(), "S3cret-pass!")

	b, err := json.Marshal(validBrokerAdmin())
	require.NoError(t, err)
	assert.Contains(t, string(b), `"password":"S3cret-pass!"`)
}
