package cloudmore

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestTokenRequestIsNeverRedirected(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
	}))
	defer other.Close()
	ts := newTestServer(t)
	ts.Mux = http.NewServeMux()
	ts.Mux.HandleFunc("POST /connect/token", func(w http.ResponseWriter, r *http.Request) {
		ts.tokenCount.Add(1)
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	c := ts.client(t)
	_, err := c.get(context.Background(), "/api/healthcheck", nil, nil)
	var ae *AuthError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusTemporaryRedirect, ae.StatusCode)
	assert.Zero(t, leaked.Load(), "the password and client secret must not follow a redirect")
	assert.Equal(t, 1, ts.tokenRequests())
}

func TestUndecodableAnswerIsNotFetchedAgain(t *testing.T) {
	c, ts := setup(t)
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/organizations/{org}/services/{svc}/products", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `[{"productId":"bf5f9d65-bdf7-4f99-9415-0fa642453554","cost":"abc"}]`)
	})
	_, resp, err := c.Services.ListProducts(context.Background(), "8d061500-8c70-4fd8-8e34-829fbe5c6795", "a65727d5-3d23-455d-9ee6-9c843e13dd0a")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be decoded")
	assert.Contains(t, err.Error(), "abc")
	require.NotNil(t, resp, "the response is still reachable")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 1, ts.apiRequests(), "a body that arrived whole is not fetched again")
}

func TestPOSTCancelledAfterItWasSentIsAnUnknownOutcome(t *testing.T) {
	c, ts := setup(t)
	arrived := make(chan struct{})
	ts.Mux.HandleFunc("POST /api/resellers/{rid}/Organizations", func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done() // the client gives up before the answer
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, _, err := c.create(ctx, orgsPath(t, c), map[string]string{"name": "x"})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 1, ts.apiRequests())
}

func TestCancelWhileWaitingForTheTokenSentNothing(t *testing.T) {
	ts := newTestServer(t)
	release := make(chan struct{})
	defer close(release)
	tokenHandler(ts, 3600, func(*http.Request) { <-release })
	c := ts.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, _, err := c.create(ctx, orgsPath(t, c), map[string]string{"name": "x"})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, errors.Is(err, ErrOutcomeUnknown), "nothing was sent: %v", err)
	assert.Zero(t, ts.apiRequests())
}

func TestHungTokenSourceDoesNotBlockTheClientForGood(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	var calls atomic.Int32
	src := tokenSourceFunc(func() (*oauth2.Token, error) {
		if calls.Add(1) == 1 {
			<-block // the first call never answers
		}
		return &oauth2.Token{AccessToken: "fresh", Expiry: time.Now().Add(time.Hour)}, nil
	})
	m := &tokenManager{fetch: tokenSourceFetch(src), now: time.Now, timeout: 20 * time.Millisecond}
	_, err := m.token(context.Background())
	require.Error(t, err, "the hung fetch ends with its timeout")
	tok, err := m.token(context.Background())
	require.NoError(t, err, "a later call starts a new fetch")
	assert.Equal(t, "fresh", tok.value)
}

func TestPollerCapsRetryAfter(t *testing.T) {
	c, ts := setup(t)
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	var n atomic.Int32
	ts.Mux.HandleFunc("GET /api/resellers/{rid}/tasks/{id}", func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "86400")
			w.WriteHeader(http.StatusAccepted)
			return
		}
		_, _ = io.WriteString(w, `{"status":"Successful","value":7}`)
	})
	type result struct {
		Value int `json:"value"`
	}
	poller := newPoller(c, "test.task", "t1", map[string]string{"taskId": "t1"}, taskStep[result](c, "test.task", "t1", testStatusOp("tasks/{id}"), path(segArg("taskId", "t1")), nil))
	got, err := poller.PollUntilDone(context.Background(), &PollOptions{Frequency: time.Second})
	require.NoError(t, err)
	assert.Equal(t, 7, got.Value)
	assert.Equal(t, []time.Duration{c.retry.MaxRetryAfter}, waits, "a day-long Retry-After is capped")
}
