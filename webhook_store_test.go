package cloudmore

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWebhookTriggerEventTypesIsACopy: the list is a copy on each call; changing it changes
// neither Known nor the receiver's parsing of a type's spelling.
func TestWebhookTriggerEventTypesIsACopy(t *testing.T) {
	types := WebhookTriggerEventTypes()
	assert.Len(t, types, 8)
	assert.Equal(t, WebhookBrokerAddService, types[0])
	for i := range types {
		types[i] = "Changed"
	}
	assert.Equal(t, WebhookBrokerAddService, WebhookTriggerEventTypes()[0], "a new copy each call")
	assert.True(t, WebhookBrokerAddService.Known())
	assert.False(t, WebhookTriggerEventType("Changed").Known())
	assert.Equal(t, WebhookBrokerAddService, parseWebhookTrigger("brokeraddservice"))
	assert.Equal(t, WebhookSubscriptionDeleted, parseWebhookTrigger("SUBSCRIPTIONDELETED"))
}

// TestWebhookCredentialsStoreAndLoad: SecretString and ParseWebhookCredentials are the one way
// to keep webhook credentials across a restart: the round trip gives the same credentials and a
// receiver built from them accepts the calls; printing, slog and JSON still redact, and JSON
// is not read back (it would load "REDACTED" as the password).
func TestWebhookCredentialsStoreAndLoad(t *testing.T) {
	creds, err := GenerateWebhookCredentials()
	require.NoError(t, err)
	for _, c := range []WebhookCredentials{creds, {Username: "ü:ser", Password: "p\"a:s s\n"}, {HeaderName: "X-T", HeaderValue: "v:al ue"}} {
		stored := c.SecretString()
		assert.True(t, strings.HasPrefix(stored, "cmwh1."), stored)
		assert.NotContains(t, stored, "\n")
		loaded, err := ParseWebhookCredentials(stored)
		require.NoError(t, err)
		assert.True(t, loaded == c, "round trip")
		loaded, err = ParseWebhookCredentials("  " + stored + "\n") // as read from a file
		require.NoError(t, err)
		assert.True(t, loaded == c, "round trip with surrounding space")
	}
	loaded, err := ParseWebhookCredentials(creds.SecretString())
	require.NoError(t, err)
	recv := NewWebhookReceiver(loaded)
	recv.On(WebhookBrokerAddService, func(context.Context, *WebhookEvent) error { return nil })
	assert.True(t, accepts(recv, creds), "a receiver loaded after a restart accepts the calls")

	// Printing and JSON stay redacted.
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "creds", creds)
	b, err := json.Marshal(creds)
	require.NoError(t, err)
	for _, s := range []string{fmt.Sprintf("%v|%+v|%#v|%s", creds, creds, creds, creds), string(b), logs.String(), fmt.Sprint(recv)} {
		assert.NotContains(t, s, creds.Password)
		assert.NotContains(t, s, creds.HeaderValue)
		assert.Contains(t, s, "REDACTED")
	}
	var back WebhookCredentials
	err = json.Unmarshal(b, &back)
	require.Error(t, err, "JSON holds the credentials redacted: it is not read back")
	assert.Contains(t, err.Error(), "ParseWebhookCredentials")
	assert.Zero(t, back)

	// What is not a stored form is refused without quoting it.
	for _, bad := range []string{"", "   ", "hunter2-secret", "cmwh1.", "cmwh1.!!!notbase64secret", "cmwh1." + base64.RawURLEncoding.EncodeToString([]byte(`{"username":"u","password":"secretpw","x":1}`)),
		"cmwh1." + base64.RawURLEncoding.EncodeToString([]byte(`{}`)), "cmwh1." + base64.RawURLEncoding.EncodeToString([]byte(`["secretpw"]`))} {
		_, err := ParseWebhookCredentials(bad)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, "%q", bad)
		assert.Equal(t, "credentials", ve.Field)
		assert.NotContains(t, err.Error(), "secret", "the error does not quote the input")
		assert.NotContains(t, err.Error(), "hunter2")
	}
}
