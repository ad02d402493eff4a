package cloudmoretest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The seller's webhooks (WebHooksApi) and their delivery: when a broker adds a seller
// service, an organization adds or removes one, or a subscription to one is created, changed,
// cancelled or deleted, the fake calls every webhook registered for that service and trigger
// type, with its credentials, from a goroutine of its own (never while holding the state lock),
// records each attempt and its answer, and tries a failed one again a bounded number of times.

// DefaultWebhookAttempts is how many times the fake tries one webhook delivery (the first try
// and two more) unless SetWebhookAttempts says otherwise.
const DefaultWebhookAttempts = 3

// WebhookDelivery is one attempt to call a seller webhook.
type WebhookDelivery struct {
	// WebhookID is the webhook called; Type is its trigger event type.
	WebhookID, Type string
	// URL is the webhook's URL, the target of the POST.
	URL string
	// Payload is the JSON body sent: brokerId, serviceId, organizationId and subsriptionId
	// (sic), the members Cloudmore's demo receiver reads (the fake's choice: Cloudmore shows
	// its payload only as an image). Members without a value are left out.
	Payload json.RawMessage
	// Attempt counts from 1.
	Attempt int
	// Status is the answer's status, 0 when there was no answer (Err says why).
	Status int
	// Err is the transport error, "" when an answer came.
	Err string
	// Answer is the start of the answer's body (at most 1 KiB).
	Answer []byte
	// At is when the attempt was made (wall time).
	At time.Time
}

// OK reports whether the attempt got a 2xx answer.
func (d WebhookDelivery) OK() bool { return d.Status >= 200 && d.Status < 300 }

// webhookState is the fake's seller data (webhooks, seller services, licence keys), guarded by
// Server.mu, and the delivery queue and log, guarded by dmu. Lock order: mu, then dmu; the
// delivery goroutine takes dmu only, never mu.
type webhookState struct {
	hooks       []*sellerHook
	services    []*sellerSvc
	licences    map[string]map[string]json.RawMessage // subscription id -> SetLicenseKey members
	brokerAdded map[string]bool                       // lowercased service id -> the broker added it

	dmu      sync.Mutex
	queue    []delivery
	pending  int           // queued or in flight
	idle     chan struct{} // closed when pending drops to 0; nil while idle
	running  bool          // the delivery goroutine runs
	log      []WebhookDelivery
	attempts int
	hc       *http.Client
}

// sellerHook is one webhook, as created or last updated.
type sellerHook struct {
	id                                    string
	name, serviceID, url, httpHeader      string
	basicUser, basicPassword, messageType string
	trigger                               string
	extra                                 map[string]json.RawMessage
}

func (h *sellerHook) key() string { return h.id }

// delivery is one queued call of one webhook.
type delivery struct {
	hook    sellerHook // a copy: the webhook may change before the call
	payload []byte
}

func (s *Server) sellerWebhookRoutes() {
	const base = "/api/sellers/{sellerId}/webhooks"
	s.sellerAPI("GET "+base, s.listWebhooks)
	s.sellerAPI("POST "+base, s.createWebhook)
	s.sellerAPI("GET "+base+"/{id}", s.getWebhook)
	s.sellerAPI("PUT "+base+"/{id}", s.updateWebhook)
	s.sellerAPI("DELETE "+base+"/{id}", s.deleteWebhook)
}

// webhookJSON is the fake's answer for a webhook: the create body's members (the Basic
// password is not echoed: the fake's choice) plus "id", and any other members it was sent.
func (h *sellerHook) json() map[string]any {
	m := map[string]any{}
	for k, v := range h.extra {
		m[k] = v
	}
	m["id"], m["name"], m["serviceId"], m["url"] = h.id, h.name, h.serviceID, h.url
	m["httpHeader"], m["basicAuthUserName"] = h.httpHeader, h.basicUser
	m["messageToSendType"], m["triggerEventType"] = h.messageType, h.trigger
	return m
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.hooks.hooks, (*sellerHook).json))
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request) {
	if h := findOr404(w, s.hooks.hooks, r.PathValue("id"), "Webhook"); h != nil {
		writeJSON(w, http.StatusOK, h.json())
	}
}

// readHook reads a create or update body into h. It checks what the SDK documents: serviceId
// one of the seller's services, url an absolute http(s) URL, triggerEventType set.
func (s *Server) readHook(w http.ResponseWriter, r *http.Request, h *sellerHook) bool {
	var m map[string]json.RawMessage
	if !readBody(w, r, &m) {
		return false
	}
	str := func(k string) string {
		var v string
		if raw, ok := m[k]; ok {
			_ = json.Unmarshal(raw, &v)
			delete(m, k)
		}
		return v
	}
	h.name, h.serviceID, h.url, h.httpHeader = str("name"), str("serviceId"), str("url"), str("httpHeader")
	h.basicUser, h.basicPassword, h.messageType, h.trigger = str("basicAuthUserName"), str("basicAuthPassword"), str("messageToSendType"), str("triggerEventType")
	h.extra = m
	fe := fieldErrors{}
	fe.required("ServiceId", h.serviceID)
	fe.required("Url", h.url)
	fe.required("TriggerEventType", h.trigger)
	if u, err := url.Parse(h.url); h.url != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		fe.add("Url", "The Url field is not a valid absolute http or https URL.")
	}
	if fe.write(w) {
		return false
	}
	if s.sellerService(h.serviceID) == nil {
		invalidValue(w, "Service '%s' is not a service of the seller.", h.serviceID)
		return false
	}
	return true
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	h := &sellerHook{id: newID()}
	if !s.readHook(w, r, h) {
		return
	}
	s.hooks.hooks = append(s.hooks.hooks, h)
	writeCreated(w, s.sellerURL("webhooks/%s", h.id))
}

// updateWebhook replaces the webhook with the body (the fake's choice for a PUT).
func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request) {
	h := findOr404(w, s.hooks.hooks, r.PathValue("id"), "Webhook")
	if h == nil {
		return
	}
	next := &sellerHook{id: h.id}
	if !s.readHook(w, r, next) {
		return
	}
	*h = *next
	writeNoContent(w)
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	if h := findOr404(w, s.hooks.hooks, r.PathValue("id"), "Webhook"); h != nil {
		s.hooks.hooks = remove(s.hooks.hooks, h)
		writeNoContent(w)
	}
}

// webhookPayload is the body of a webhook call.
type webhookPayload struct {
	BrokerID       string `json:"brokerId,omitempty"`
	ServiceID      string `json:"serviceId,omitempty"`
	OrganizationID string `json:"organizationId,omitempty"`
	SubscriptionID string `json:"subsriptionId,omitempty"`
}

// sellerEvent queues a call of every webhook registered for serviceID and trigger. It runs
// with s.mu held (in a handler, or in the exported simulations below); an empty orgID is
// looked up from subID. The calls are made later, by the delivery goroutine.
//
// The broker-side flows call it with one line each (services.go: addOrgService,
// removeOrgService, createSubscription, updateSubscription, cancelSubscription).
func (s *Server) sellerEvent(trigger, orgID, serviceID, subID string) {
	if orgID == "" && subID != "" {
		for _, o := range s.st.orgs {
			if find(o.subs, subID) != nil {
				orgID = o.id
				break
			}
		}
	}
	payload := WebhookPayload(s.opts.ResellerID, serviceID, orgID, subID)
	for _, h := range s.hooks.hooks {
		if strings.EqualFold(h.serviceID, serviceID) && strings.EqualFold(h.trigger, trigger) {
			s.hooks.enqueue(delivery{hook: *h, payload: payload})
		}
	}
}

// enqueue adds d to the queue and starts the delivery goroutine if it is not running.
func (ws *webhookState) enqueue(d delivery) {
	ws.dmu.Lock()
	defer ws.dmu.Unlock()
	ws.queue = append(ws.queue, d)
	if ws.pending == 0 {
		ws.idle = make(chan struct{})
	}
	ws.pending++
	if !ws.running {
		ws.running = true
		go ws.run()
	}
}

// run delivers the queue in order, one call at a time, and stops when it is empty.
func (ws *webhookState) run() {
	for {
		ws.dmu.Lock()
		if len(ws.queue) == 0 {
			ws.running = false
			ws.dmu.Unlock()
			return
		}
		d := ws.queue[0]
		ws.queue = ws.queue[1:]
		attempts, hc := ws.attempts, ws.hc
		ws.dmu.Unlock()
		if attempts <= 0 {
			attempts = DefaultWebhookAttempts
		}
		if hc == nil {
			hc = &http.Client{Timeout: 10 * time.Second}
		}
		for i := 1; i <= attempts; i++ {
			rec := d.send(hc, i)
			ws.dmu.Lock()
			ws.log = append(ws.log, rec)
			ws.dmu.Unlock()
			if rec.OK() {
				break
			}
			if i < attempts {
				time.Sleep(time.Duration(i) * 20 * time.Millisecond)
			}
		}
		ws.dmu.Lock()
		ws.pending--
		if ws.pending == 0 && ws.idle != nil {
			close(ws.idle)
			ws.idle = nil
		}
		ws.dmu.Unlock()
	}
}

// send makes one attempt: NewWebhookRequest with the webhook's URL, Basic credentials and
// custom header.
func (d delivery) send(hc *http.Client, attempt int) WebhookDelivery {
	rec := WebhookDelivery{WebhookID: d.hook.id, Type: d.hook.trigger, URL: d.hook.url,
		Payload: json.RawMessage(d.payload), Attempt: attempt, At: time.Now()}
	req, err := NewWebhookRequest(context.Background(), d.hook.url, d.payload, d.hook.basicUser, d.hook.basicPassword, d.hook.httpHeader)
	if err != nil {
		rec.Err = err.Error()
		return rec
	}
	resp, err := hc.Do(req)
	if err != nil {
		rec.Err = err.Error()
		return rec
	}
	defer resp.Body.Close()
	rec.Status = resp.StatusCode
	rec.Answer, _ = io.ReadAll(io.LimitReader(resp.Body, 1<<10))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return rec
}

// WebhookDeliveries returns every webhook call attempt so far, in order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.hooks.dmu.Lock()
	defer s.hooks.dmu.Unlock()
	return append([]WebhookDelivery(nil), s.hooks.log...)
}

// WaitWebhookDeliveries waits until every queued webhook call is done (delivered, or tried
// the last time), or ctx ends. Call it after the API call that fires the webhooks, before
// looking at WebhookDeliveries or at what the receiver did.
func (s *Server) WaitWebhookDeliveries(ctx context.Context) error {
	s.hooks.dmu.Lock()
	idle := s.hooks.idle
	s.hooks.dmu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// SetWebhookAttempts sets how many times one webhook call is tried (n >= 1; the default is
// DefaultWebhookAttempts). Retries wait 20 ms, 40 ms, ... of wall time.
func (s *Server) SetWebhookAttempts(n int) {
	if n < 1 {
		n = 1
	}
	s.hooks.dmu.Lock()
	defer s.hooks.dmu.Unlock()
	s.hooks.attempts = n
}

// BrokerAddService simulates the broker adding one of the seller's services from the
// marketplace (a portal action: the API has no operation for it): the service then lists the
// broker among its resellers, and the BrokerAddService webhooks fire. It fails for an id that
// is not one of the seller's services.
func (s *Server) BrokerAddService(serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sellerService(serviceID) == nil {
		return errNotSellerService(serviceID)
	}
	if s.hooks.brokerAdded == nil {
		s.hooks.brokerAdded = map[string]bool{}
	}
	s.hooks.brokerAdded[strings.ToLower(serviceID)] = true
	s.sellerEvent("BrokerAddService", "", serviceID, "")
	return nil
}

// BrokerDeleteService simulates the broker removing one of the seller's services from My
// Services: the BrokerDeleteService webhooks fire.
func (s *Server) BrokerDeleteService(serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sellerService(serviceID) == nil {
		return errNotSellerService(serviceID)
	}
	delete(s.hooks.brokerAdded, strings.ToLower(serviceID))
	s.sellerEvent("BrokerDeleteService", "", serviceID, "")
	return nil
}
