package cloudmore

import (
	"context"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of the seller area's operation declarations and of its methods' call options.

// sellerOperation returns the declared operation named name.
func sellerOperation(t *testing.T, name string) Operation {
	t.Helper()
	for _, o := range Operations() {
		if o.Name == name {
			return o
		}
	}
	require.Failf(t, "no such operation", "%s is not declared", name)
	return Operation{}
}

// TestSellerConsumptionDeclarations: the metered-usage PUT is never sent again once written
// (where every other PUT is repeatable), the consumption read stays a POST that is not
// repeated (no source says it changes nothing), and the bulk submission starts a task whose
// status GET is its own operation, named for BeginBulkSubmit.
func TestSellerConsumptionDeclarations(t *testing.T) {
	submit := sellerOperation(t, "Seller.Consumption.Submit")
	assert.Equal(t, http.MethodPut, submit.Method)
	assert.Equal(t, "/api/sellers/{sellerId}/services/consumptions", submit.Path)
	assert.Equal(t, "not once written", submit.Retry, "metered usage adds: never re-sent")
	assert.Equal(t, "none", submit.Result)
	assert.Equal(t, reflect.TypeFor[*SubmitSellerConsumptionsRequest](), submit.Body)
	assert.Equal(t, "repeatable", sellerOperation(t, "Seller.Services.Update").Retry, "a PUT that replaces keeps the method's rule")

	list := sellerOperation(t, "Seller.Consumption.List")
	assert.Equal(t, http.MethodPost, list.Method)
	assert.Equal(t, "not once written", list.Retry)
	assert.Equal(t, "one", list.Result)

	begin := sellerOperation(t, "Seller.Consumption.BeginBulkSubmit")
	assert.Equal(t, "POST /api/sellers/{sellerId}/services/bulkconsumptions", begin.Method+" "+begin.Path)
	assert.True(t, begin.Task, "the POST starts a task")
	assert.Equal(t, "not once written", begin.Retry)

	status := sellerOperation(t, "Seller.Consumption.BeginBulkSubmit: status")
	assert.Equal(t, "GET /api/sellers/{sellerId}/services/bulkconsumptions/{taskId}", status.Method+" "+status.Path)
	assert.Equal(t, []string{"taskId"}, status.Params)
	assert.Equal(t, "repeatable", status.Retry)
	assert.False(t, status.Task)

	lines := apiDocLines(t)["SellerConsumptionService.BeginBulkSubmit"]
	assert.ElementsMatch(t, []string{begin.Method + " " + begin.Path, status.Method + " " + status.Path}, lines,
		"BeginBulkSubmit's doc names the POST and the status GET its Poller sends")
}

// headerRecorder serves the handlers of a test and records the X-Correlation-Id of every
// request, in order.
type headerRecorder struct {
	mu  sync.Mutex
	got []string
}

func (h *headerRecorder) wrap(f http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.got = append(h.got, r.Method+" "+r.Header.Get("X-Correlation-Id"))
		h.mu.Unlock()
		f(w, r)
	}
}

func (h *headerRecorder) seen() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.got...)
}

// TestSellerWebhooksRegisterPassesCallOptions: Register's call options reach every request it
// sends (the list, then the create of a missing webhook and the update of an existing one).
func TestSellerWebhooksRegisterPassesCallOptions(t *testing.T) {
	c, ts := sellerSetup(t)
	var rec headerRecorder
	existing := `[{"id":"` + sellerTestHookID + `","serviceId":"` + sellerTestServiceID + `","triggerEventType":"BrokerAddService"}]`
	ts.Mux.HandleFunc("GET "+sellerPath("webhooks"), rec.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, existing)
	}))
	ts.Mux.HandleFunc("PUT "+sellerPath("webhooks/"+sellerTestHookID), rec.wrap(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	ts.Mux.HandleFunc("POST "+sellerPath("webhooks"), rec.wrap(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", sellerPath("webhooks/"+sellerTestSubID))
		w.WriteHeader(http.StatusCreated)
	}))
	reg, err := c.Seller.Webhooks.Register(context.Background(), sellerTestServiceID, "https://c.example/cm/",
		[]WebhookTriggerEventType{WebhookBrokerAddService, WebhookSubscriptionCreated}, nil, WithCallHeader("X-Correlation-Id", "reg-1"))
	require.NoError(t, err)
	require.Len(t, reg.Webhooks, 2)
	assert.Equal(t, []string{"GET reg-1", "PUT reg-1", "POST reg-1"}, rec.seen())
}

// TestSellerWebhooksRegisterRefusesBadCallOptions: a call option that may not be used is
// refused before any request, naming the header.
func TestSellerWebhooksRegisterRefusesBadCallOptions(t *testing.T) {
	c, ts := sellerSetup(t)
	_, err := c.Seller.Webhooks.Register(context.Background(), sellerTestServiceID, "https://c.example/cm/",
		[]WebhookTriggerEventType{WebhookBrokerAddService}, nil, WithCallHeader("Authorization", "Bearer x"))
	assertSellerFields(t, ts, err, "header Authorization")
}

// TestSellerBulkSubmitCallOptions: BeginBulkSubmit's call options reach its POST; the Poller's
// status GETs are sent without them (as its doc says).
func TestSellerBulkSubmitCallOptions(t *testing.T) {
	c, ts := sellerSetup(t)
	var rec headerRecorder
	ts.Mux.HandleFunc("POST "+sellerPath("services/bulkconsumptions"), rec.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusAccepted, `{"taskId":"t-9"}`)
	}))
	ts.Mux.HandleFunc("GET "+sellerPath("services/bulkconsumptions/t-9"), rec.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusOK, `"Successful"`)
	}))
	p, _, err := c.Seller.Consumption.BeginBulkSubmit(context.Background(), &SubmitSellerConsumptionsRequest{Extra: map[string]any{"x": 1}},
		WithCallHeader("X-Correlation-Id", "bulk-1"))
	require.NoError(t, err)
	st, err := p.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Millisecond})
	require.NoError(t, err)
	assert.Equal(t, "Successful", st.Status)
	assert.Equal(t, []string{"POST bulk-1", "GET "}, rec.seen())
}

// TestSellerBulkSubmitTaskThatCannotBePolled: a task id that cannot be a path segment is an
// error at once, naming the operation by its template (not a path with the seller id), and
// no status GET is sent.
func TestSellerBulkSubmitTaskThatCannotBePolled(t *testing.T) {
	c, ts := sellerSetup(t)
	ts.Mux.HandleFunc("POST "+sellerPath("services/bulkconsumptions"), func(w http.ResponseWriter, r *http.Request) {
		writeJSON(t, w, http.StatusAccepted, `{"taskId":".."}`)
	})
	p, resp, err := c.Seller.Consumption.BeginBulkSubmit(context.Background(), &SubmitSellerConsumptionsRequest{Extra: map[string]any{"x": 1}})
	require.Error(t, err)
	assert.Nil(t, p)
	assert.Equal(t, http.StatusAccepted, resp.StatusCode)
	assert.ErrorIs(t, err, ErrValidation)
	assert.Contains(t, err.Error(), `POST /api/sellers/{sellerId}/services/bulkconsumptions started task ".."`)
	assert.Equal(t, 1, ts.apiRequests(), "no status GET")
}

// TestSellerConsumptionListChecksTheFilter: the filter's Extra keys are checked before the
// network (an empty key is refused), and a nil filter sends {}.
func TestSellerConsumptionListChecksTheFilter(t *testing.T) {
	c, ts := sellerSetup(t)
	_, _, err := c.Seller.Consumption.List(context.Background(), &SellerConsumptionFilter{Extra: map[string]any{"": 1}})
	assertSellerFields(t, ts, err, "Extra")

	ts.Mux.HandleFunc("POST "+sellerPath("services/consumptions"), func(w http.ResponseWriter, r *http.Request) {
		wantRequest(t, r, http.MethodPost, sellerPath("services/consumptions"), nil, `{}`)
		writeJSON(t, w, http.StatusOK, `[]`)
	})
	got, _, err := c.Seller.Consumption.List(context.Background(), nil)
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(got.Raw))
}
