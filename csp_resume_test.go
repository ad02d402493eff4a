package cloudmore

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Issue 9 item 9 for the CSP Pollers: a token from reseller A is refused, before any request,
// on a ForReseller(B) client.
func TestCSPResumeTokensRefusedOnAnotherReseller(t *testing.T) {
	c, ts := setup(t)
	b, err := c.ForReseller("0b6f7c8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d")
	require.NoError(t, err)
	users := clientToken(c, cspUsersAsyncKind, map[string]string{"organizationId": cspOrgID, "taskId": "t1"})
	_, err = c.CSP.Users.ResumeList(users)
	require.NoError(t, err)
	_, err = b.CSP.Users.ResumeList(users)
	assertNoRequest(t, ts, err, "resumeToken")
	upgrade := clientToken(c, nceUpgradeKind, map[string]string{"organizationId": cspOrgID, "subscriptionId": cspSubID})
	_, err = c.CSP.NCE.ResumeUpgrade(upgrade)
	require.NoError(t, err)
	_, err = b.CSP.NCE.ResumeUpgrade(upgrade)
	assertNoRequest(t, ts, err, "resumeToken")
}
