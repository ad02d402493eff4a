package cloudmore

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
