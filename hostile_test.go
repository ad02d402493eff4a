package cloudmore

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hostile answers through a Get, a List, a Create and a Delete of each area: the behaviour the
// README's "Errors" and "Retries" sections promise must hold for every one of them.

// hostileArea is one area's four representative calls.
type hostileArea struct {
	name   string
	get    func(context.Context, *Client) (any, *Response, error)
	list   func(context.Context, *Client) (int, *Response, error)
	create func(context.Context, *Client) (*Created, *Response, error)
	del    func(context.Context, *Client) (*Response, error)
}

const hostileID = "0f8fad5b-d9cb-469f-a165-70867728950e"

var hostileAreas = []hostileArea{
	{
		name: "organizations",
		get: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Organizations.Get(ctx, hostileID)
		},
		list: func(ctx context.Context, c *Client) (int, *Response, error) {
			l, r, err := c.Organizations.List(ctx, nil)
			return len(l), r, err
		},
		create: func(ctx context.Context, c *Client) (*Created, *Response, error) {
			return c.Organizations.Create(ctx, validOrganization())
		},
		del: func(ctx context.Context, c *Client) (*Response, error) { return c.Organizations.Delete(ctx, hostileID) },
	},
	{
		name: "user groups",
		get: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.UserGroups.Get(ctx, hostileID, hostileID)
		},
		list: func(ctx context.Context, c *Client) (int, *Response, error) {
			l, r, err := c.UserGroups.List(ctx, hostileID)
			return len(l), r, err
		},
		create: func(ctx context.Context, c *Client) (*Created, *Response, error) {
			return c.UserGroups.Create(ctx, hostileID, &CreateUserGroupRequest{Extra: map[string]any{"name": "g"}})
		},
		del: func(ctx context.Context, c *Client) (*Response, error) {
			return c.UserGroups.Delete(ctx, hostileID, hostileID)
		},
	},
	{
		name: "broker services",
		get: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Broker.Services.Get(ctx, hostileID)
		},
		list: func(ctx context.Context, c *Client) (int, *Response, error) {
			l, r, err := c.Broker.Services.List(ctx)
			return len(l), r, err
		},
		create: func(ctx context.Context, c *Client) (*Created, *Response, error) {
			return c.Broker.Services.Create(ctx, &CreateBrokerServiceRequest{Name: "Backup Plus"})
		},
		del: func(ctx context.Context, c *Client) (*Response, error) {
			return c.Broker.Services.Disable(ctx, hostileID)
		},
	},
	{
		name: "seller webhooks",
		get: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Seller.Webhooks.Get(ctx, hostileID)
		},
		list: func(ctx context.Context, c *Client) (int, *Response, error) {
			l, r, err := c.Seller.Webhooks.List(ctx)
			return len(l), r, err
		},
		create: func(ctx context.Context, c *Client) (*Created, *Response, error) {
			return c.Seller.Webhooks.Create(ctx, &CreateSellerWebhookRequest{Name: "hook", ServiceID: sellerTestServiceID,
				URL: "https://connector.example/cm", TriggerEventType: WebhookSubscriptionCreated})
		},
		del: func(ctx context.Context, c *Client) (*Response, error) {
			return c.Seller.Webhooks.Delete(ctx, hostileID)
		},
	},
	{
		name: "seller brokers",
		get: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Seller.Brokers.Get(ctx, hostileID)
		},
		list: func(ctx context.Context, c *Client) (int, *Response, error) {
			l, r, err := c.Seller.Brokers.List(ctx)
			return len(l), r, err
		},
		create: nil, // its body rules are tested in seller_test.go
		del: func(ctx context.Context, c *Client) (*Response, error) {
			return c.Seller.Brokers.Delete(ctx, hostileID)
		},
	},
}

// hostileServer answers API requests with whatever handler is current.
type hostileServer struct {
	*testServer
	mu sync.Mutex
	h  http.HandlerFunc
}

func newHostileServer(t *testing.T) *hostileServer {
	hs := &hostileServer{testServer: newTestServer(t)}
	hs.Mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hs.mu.Lock()
		h := hs.h
		hs.mu.Unlock()
		h(w, r)
	})
	return hs
}

func (hs *hostileServer) answer(h http.HandlerFunc) int {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	hs.h = h
	return hs.apiRequests()
}

func writeAnswer(status int, contentType, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

const htmlPage = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>proxy login</body></html>"

func TestHostileAnswersEveryArea(t *testing.T) {
	hs := newHostileServer(t)
	c := hs.client(t, WithSellerID(testSellerID))
	var slept []time.Duration
	var sleptMu sync.Mutex
	c.sleep = func(ctx context.Context, d time.Duration) error {
		sleptMu.Lock()
		slept = append(slept, d)
		sleptMu.Unlock()
		return ctx.Err()
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the other host was called: %s %s (auth %q)", r.Method, r.URL, r.Header.Get("Authorization"))
	}))
	defer other.Close()
	ctx := context.Background()

	for _, a := range hostileAreas {
		t.Run(a.name, func(t *testing.T) {
			// An HTML page with 200 where JSON is expected: a *DecodeError, sent once.
			n := hs.answer(writeAnswer(200, "text/html", htmlPage))
			v, _, err := a.get(ctx, c)
			var de *DecodeError
			require.ErrorAs(t, err, &de, "get html")
			assert.Contains(t, de.Head, "<!DOCTYPE html>")
			assert.True(t, isNilValue(v), "get html returns no model")
			_, _, err = a.list(ctx, c)
			require.ErrorAs(t, err, &de, "list html")
			assert.Equal(t, n+2, hs.apiRequests(), "a 2xx is never sent again")

			// A byte-order mark before the JSON.
			hs.answer(writeAnswer(200, "application/json; charset=utf-8", "\uFEFF{\"id\":\""+hostileID+"\",\"name\":\"n\"}"))
			_, _, err = a.get(ctx, c)
			require.NoError(t, err, "get BOM")
			hs.answer(writeAnswer(200, "application/json", "\uFEFF[{\"id\":\""+hostileID+"\"}]"))
			got, _, err := a.list(ctx, c)
			require.NoError(t, err, "list BOM")
			assert.Equal(t, 1, got)

			// An empty 200 and a 204 where one resource is expected: ErrEmptyAnswer.
			for _, status := range []int{200, 204} {
				hs.answer(writeAnswer(status, "application/json", ""))
				_, _, err = a.get(ctx, c)
				assert.ErrorIs(t, err, ErrEmptyAnswer, "get empty %d", status)
				assert.ErrorAs(t, err, &de)
			}
			hs.answer(writeAnswer(200, "application/json", "null"))
			_, _, err = a.get(ctx, c)
			assert.ErrorIs(t, err, ErrEmptyAnswer, "get null")

			// An empty list, null and an empty body are an empty list.
			for _, body := range []string{"[]", "null", ""} {
				hs.answer(writeAnswer(200, "application/json", body))
				got, _, err = a.list(ctx, c)
				require.NoError(t, err, "list %q", body)
				assert.Zero(t, got)
			}

			// A huge error body: an *APIError with the body capped at 1 MiB.
			huge := `{"message":"` + strings.Repeat("x", 5<<20) + `"}`
			hs.answer(writeAnswer(400, "application/json", huge))
			_, _, err = a.get(ctx, c)
			var ae *APIError
			require.ErrorAs(t, err, &ae, "huge error")
			assert.Equal(t, 400, ae.StatusCode)
			assert.LessOrEqual(t, len(ae.Body), 1<<20)
			assert.Less(t, len(err.Error()), 4096, "the message stays readable")
			assert.ErrorIs(t, err, ErrBadRequest)

			// A 429 with Retry-After, then success: retried, Retry-After honoured.
			var calls atomic.Int32
			hs.answer(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1)%2 == 1 {
					w.Header().Set("Retry-After", "2")
					writeAnswer(429, "application/json", `[{"errorCode":1,"errorName":"TooMany","errorMessage":"slow down"}]`)(w, r)
					return
				}
				w.Header().Set("Location", "/api/x/"+hostileID)
				writeAnswer(http.StatusOK, "application/json", `{"id":"`+hostileID+`"}`)(w, r)
			})
			sleptMu.Lock()
			slept = nil
			sleptMu.Unlock()
			_, resp, err := a.get(ctx, c)
			require.NoError(t, err, "get after 429")
			assert.Equal(t, 2, resp.Attempts)
			if a.create != nil {
				_, resp, err = a.create(ctx, c)
				require.NoError(t, err, "create after 429")
				assert.Equal(t, 2, resp.Attempts, "a 429 is retried for a POST too")
			}
			_, err = a.del(ctx, c)
			require.NoError(t, err, "delete after 429")
			sleptMu.Lock()
			for _, d := range slept {
				assert.Equal(t, 2*time.Second, d, "Retry-After honoured")
			}
			assert.NotEmpty(t, slept)
			sleptMu.Unlock()

			// A 500: a DELETE (idempotent) is retried, a POST is not.
			n = hs.answer(writeAnswer(500, "text/plain", "boom"))
			_, err = a.del(ctx, c)
			assert.ErrorIs(t, err, ErrServer)
			assert.Equal(t, n+4, hs.apiRequests(), "DELETE retried up to MaxAttempts")
			// An HTML 200 to a DELETE: the body is not read, the delete happened.
			hs.answer(writeAnswer(200, "text/html", htmlPage))
			_, err = a.del(ctx, c)
			assert.NoError(t, err, "delete html")

			if a.create == nil {
				return
			}
			n = hs.answer(writeAnswer(500, "text/plain", "boom"))
			_, _, err = a.create(ctx, c)
			assert.ErrorIs(t, err, ErrServer)
			assert.Equal(t, n+1, hs.apiRequests(), "POST 500 is not retried")

			// A 301 to another host for a POST: never followed, a *RedirectError naming it.
			for _, status := range []int{301, 302, 307, 308} {
				n = hs.answer(func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, other.URL+"/elsewhere", status)
				})
				cr, _, err := a.create(ctx, c)
				var re *RedirectError
				require.ErrorAs(t, err, &re, "create %d", status)
				assert.Equal(t, other.URL+"/elsewhere", re.Location)
				assert.False(t, re.Processed())
				assert.Nil(t, cr)
				assert.Equal(t, n+1, hs.apiRequests(), "a redirected POST is sent once")
			}

			// A 201 whose body is cut: the create happened; *Created from Location beside a
			// *DecodeError, sent once.
			for name, h := range map[string]http.HandlerFunc{
				"truncated JSON": func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Location", "/api/resellers/x/things/"+hostileID)
					writeAnswer(201, "application/json", `{"id":"`+hostileID[:8])(w, r)
				},
				"connection cut": func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Location", "/api/resellers/x/things/"+hostileID)
					w.Header().Set("Content-Type", "application/json")
					w.Header().Set("Content-Length", "500")
					w.WriteHeader(201)
					_, _ = io.WriteString(w, `{"id":"`)
				},
				"HTML": func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Location", "/api/resellers/x/things/"+hostileID)
					writeAnswer(201, "text/html", htmlPage)(w, r)
				},
			} {
				n = hs.answer(h)
				cr, _, err := a.create(ctx, c)
				require.ErrorAs(t, err, &de, "create %s", name)
				require.NotNil(t, cr, "create %s: the *Created comes with the error", name)
				assert.Equal(t, hostileID, cr.ID, name)
				assert.Equal(t, n+1, hs.apiRequests(), "create %s: never sent again", name)
			}

			// Location absolute, relative, with a query or a trailing slash, or missing (id
			// from the body, or a bare JSON string).
			for _, tc := range []struct{ location, body, want string }{
				{"https://api.cloudmore.example/api/resellers/r/things/" + hostileID, "", hostileID},
				{"/api/resellers/r/things/" + hostileID, "", hostileID},
				{"things/" + hostileID, "", hostileID},
				{"/api/resellers/r/things/" + hostileID + "/?x=1", "", hostileID},
				{"", `{"id":"` + hostileID + `"}`, hostileID},
				{"", `{"Id":"` + hostileID + `"}`, hostileID},
				{"", `"` + hostileID + `"`, hostileID},
				{"", "", ""},
			} {
				hs.answer(func(w http.ResponseWriter, r *http.Request) {
					if tc.location != "" {
						w.Header().Set("Location", tc.location)
					}
					writeAnswer(201, "application/json", tc.body)(w, r)
				})
				cr, _, err := a.create(ctx, c)
				require.NoError(t, err, "location %q body %q", tc.location, tc.body)
				assert.Equal(t, tc.want, cr.ID, "location %q body %q", tc.location, tc.body)
				assert.Equal(t, tc.location, cr.Location)
			}
		})
	}
}

// isNilValue reports whether v is nil or a nil pointer.
func isNilValue(v any) bool {
	rv := reflect.ValueOf(v)
	return v == nil || (rv.Kind() == reflect.Pointer && rv.IsNil())
}

// TestHostileRetryAfterAndSeeOther: a Retry-After past the cap fails at once with an
// *APIError saying how long; an HTTP-date Retry-After is honoured; a 503 to a POST is not
// retried; a 303 after a create says it was processed and gives the *Created.
func TestHostileRetryAfterAndSeeOther(t *testing.T) {
	hs := newHostileServer(t)
	c := hs.client(t, WithSellerID(testSellerID))
	ctx := context.Background()
	for _, a := range hostileAreas {
		t.Run(a.name, func(t *testing.T) {
			n := hs.answer(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				writeAnswer(429, "text/plain", "slow down")(w, r)
			})
			_, _, err := a.get(ctx, c)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.ErrorIs(t, err, ErrRateLimited)
			assert.Equal(t, time.Hour, ae.RetryAfter)
			assert.Equal(t, n+1, hs.apiRequests(), "a Retry-After past the cap is not waited for")

			var calls atomic.Int32
			hs.answer(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
					writeAnswer(503, "text/plain", "busy")(w, r)
					return
				}
				writeAnswer(200, "application/json", `[]`)(w, r)
			})
			_, resp, err := a.list(ctx, c)
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts, "a GET 503 is retried")

			if a.create == nil {
				return
			}
			n = hs.answer(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "1")
				writeAnswer(503, "text/plain", "busy")(w, r)
			})
			_, _, err = a.create(ctx, c)
			assert.ErrorIs(t, err, ErrServer)
			assert.Equal(t, n+1, hs.apiRequests(), "a POST 503 is not retried")

			n = hs.answer(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/api/things/"+hostileID, http.StatusSeeOther)
			})
			cr, _, err := a.create(ctx, c)
			var re *RedirectError
			require.ErrorAs(t, err, &re)
			assert.True(t, re.Processed())
			require.NotNil(t, cr)
			assert.Equal(t, hostileID, cr.ID)
			assert.Equal(t, n+1, hs.apiRequests(), "a 303 is not followed")
		})
	}
}

// TestHealthCheckTakesPlainText: a health check answered text/plain "Healthy" is healthy (a
// 2xx body kept raw elsewhere must be JSON; the health check's need not be).
func TestHealthCheckTakesPlainText(t *testing.T) {
	hs := newHostileServer(t)
	c := hs.client(t)
	hs.answer(writeAnswer(200, "text/plain", "Healthy"))
	h, _, err := c.Platform.HealthCheck(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "Healthy", string(h.Raw))
}
