package cloudmoretest_test

import (
	"context"
	"reflect"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnverifiedMembersAreRecorded: a body member that no typed field documents (it came
// through Extra) is stored and recorded, never required or refused; documented members are
// not recorded.
func TestUnverifiedMembersAreRecorded(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	c := srv.Client()
	ctx := context.Background()
	_, err := c.Organizations.Update(ctx, cloudmoretest.SeedOrganization1ID, &cloudmore.UpdateOrganizationRequest{
		DisplayName: "Renamed", Extra: map[string]any{"displayNmae": "typo"}})
	require.NoError(t, err)
	got := srv.UnverifiedMembers()
	require.Len(t, got, 1, "%v", got)
	assert.Equal(t, cloudmoretest.UnverifiedMember{Operation: "Organizations.Update", Member: "displayNmae"}, got[0])
	assert.Equal(t, "Organizations.Update: displayNmae", got[0].String())

	// Strict: the same body is refused, naming the member, and nothing changes.
	srv.SetStrictMembers(true)
	_, err = c.Organizations.Update(ctx, cloudmoretest.SeedOrganization1ID, &cloudmore.UpdateOrganizationRequest{
		DisplayName: "Again", Extra: map[string]any{"displayNmae": "typo"}})
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Contains(t, ae.FieldErrors, "displayNmae")
	org, _, err := c.Organizations.Get(ctx, cloudmoretest.SeedOrganization1ID)
	require.NoError(t, err)
	assert.Equal(t, "Renamed", org.DisplayName)
}

// TestTypedMembersAreNeverUnverified: what the SDK sends from typed values (here the billing
// report's period and currency, given positionally and in StartBillingReportRequest) is not
// recorded as unverified, and the strict fake does not refuse it; only Extra's members are.
func TestTypedMembersAreNeverUnverified(t *testing.T) {
	srv := cloudmoretest.NewServer(t)
	srv.SetStrictMembers(true)
	c := srv.Client()
	ctx := context.Background()
	start, end := cloudmore.NewDate(2026, 10, 1), cloudmore.NewDate(2026, 10, 31)
	p, _, err := c.Billing.BeginMonthlyBillingPerOrganization(ctx, start, end,
		&cloudmore.StartBillingReportRequest{CurrencyCode: "SEK"})
	require.NoError(t, err)
	require.NotNil(t, p)
	assert.Empty(t, srv.UnverifiedMembers())

	_, _, err = c.Billing.BeginMonthlyBillingPerOrganization(ctx, start, end,
		&cloudmore.StartBillingReportRequest{Extra: map[string]any{"curency": "SEK"}})
	var ae *cloudmore.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.StatusCode)
	assert.Equal(t, []cloudmoretest.UnverifiedMember{{Operation: "Billing.BeginMonthlyBillingPerOrganization", Member: "curency"}},
		srv.UnverifiedMembers())
}

// TestDeclaredBodiesShowTheirMembers: the fake learns a body's typed members from the exported
// fields of its declared Go type; a body that kept them in an unexported field (marshalled by
// hand) would have every typed member recorded as unverified.
func TestDeclaredBodiesShowTheirMembers(t *testing.T) {
	for _, op := range cloudmore.Operations() {
		bt := op.Body
		for bt != nil && bt.Kind() == reflect.Pointer {
			bt = bt.Elem()
		}
		if bt == nil || bt.Kind() != reflect.Struct {
			continue
		}
		for i := range bt.NumField() {
			f := bt.Field(i)
			assert.True(t, f.IsExported(), "%s: body %s keeps field %s unexported", op.Name, bt, f.Name)
		}
	}
}
