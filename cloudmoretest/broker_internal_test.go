package cloudmoretest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cloudmore-sdk/cloudmore-go"
)

// brokerPropertyData is the hook through which the seller side can show what the broker's
// PATCH set on a service.
func TestBrokerPropertyDataHook(t *testing.T) {
	srv := NewServer(t, func(o *Options) { o.NoSeed = true })
	assert.Nil(t, srv.brokerPropertyData(BoxServiceID), "nothing set yet")
	_, err := srv.Client().Broker.Services.UpdateCustomProperties(t.Context(), BoxServiceID,
		&cloudmore.UpdateBrokerServiceCustomPropertiesRequest{Extra: map[string]any{"region": "EU"}})
	require.NoError(t, err)
	srv.mu.Lock()
	defer srv.mu.Unlock()
	assert.JSONEq(t, `"EU"`, string(srv.brokerPropertyData(BoxServiceID)["region"]))
}
