package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// WebhookTriggerEventType is the event a seller webhook fires on (the webhook's
// "triggerEventType"). Cloudmore's developer portal names BrokerAddService,
// BrokerDeleteService, OrganizationAddService, OrganizationDeleteService and
// SubscriptionCreated, and goes on with further Subscription… types that its stored copy cuts
// off; Cloudmore's demo receiver handles subscriptions updated, cancelled and deleted. A value
// Cloudmore adds later is still a WebhookTriggerEventType: Known reports whether the SDK names
// it.
type WebhookTriggerEventType string

// Trigger event types.
const (
	// WebhookBrokerAddService: a broker adds the service from the marketplace.
	WebhookBrokerAddService WebhookTriggerEventType = "BrokerAddService"
	// WebhookBrokerDeleteService: a broker removes the service from My Services.
	WebhookBrokerDeleteService WebhookTriggerEventType = "BrokerDeleteService"
	// WebhookOrganizationAddService: an organization adds the service from the E-store.
	WebhookOrganizationAddService WebhookTriggerEventType = "OrganizationAddService"
	// WebhookOrganizationDeleteService: an organization removes the service from My Services.
	WebhookOrganizationDeleteService WebhookTriggerEventType = "OrganizationDeleteService"
	// WebhookSubscriptionCreated: a subscription is created for an organization.
	WebhookSubscriptionCreated WebhookTriggerEventType = "SubscriptionCreated"
	// WebhookSubscriptionUpdated: a subscription is changed. The spelling is the SDK's
	// inference from Cloudmore's demo receiver (the portal's list is cut off after
	// SubscriptionCreated); check it against the Swagger document before relying on it.
	WebhookSubscriptionUpdated WebhookTriggerEventType = "SubscriptionUpdated"
	// WebhookSubscriptionCancelled: a subscription is cancelled. Spelling inferred as for
	// WebhookSubscriptionUpdated.
	WebhookSubscriptionCancelled WebhookTriggerEventType = "SubscriptionCancelled"
	// WebhookSubscriptionDeleted: a subscription is deleted. Spelling inferred as for
	// WebhookSubscriptionUpdated.
	WebhookSubscriptionDeleted WebhookTriggerEventType = "SubscriptionDeleted"
)

// knownWebhookTriggers are the trigger types the SDK names, in the portal's order.
var knownWebhookTriggers = [...]WebhookTriggerEventType{
	WebhookBrokerAddService, WebhookBrokerDeleteService, WebhookOrganizationAddService,
	WebhookOrganizationDeleteService, WebhookSubscriptionCreated, WebhookSubscriptionUpdated,
	WebhookSubscriptionCancelled, WebhookSubscriptionDeleted,
}

// WebhookTriggerEventTypes returns the trigger types the SDK names, in the portal's order. The
// slice is a new copy on each call: changing it changes nothing in the SDK.
func WebhookTriggerEventTypes() []WebhookTriggerEventType {
	return append([]WebhookTriggerEventType(nil), knownWebhookTriggers[:]...)
}

// Known reports whether t is one of WebhookTriggerEventTypes (exact spelling).
func (t WebhookTriggerEventType) Known() bool {
	for _, k := range knownWebhookTriggers {
		if t == k {
			return true
		}
	}
	return false
}

// parseWebhookTrigger returns the known type spelled s in any casing, or s itself.
func parseWebhookTrigger(s string) WebhookTriggerEventType {
	for _, k := range knownWebhookTriggers {
		if strings.EqualFold(s, string(k)) {
			return k
		}
	}
	return WebhookTriggerEventType(s)
}

// WebhookMessageType is what a webhook call carries (the webhook's "messageToSendType").
// Cloudmore's wrapper shows one value, OnlyTriggerAction; others are not documented.
type WebhookMessageType string

// WebhookOnlyTriggerAction is the one message type a source shows.
const WebhookOnlyTriggerAction WebhookMessageType = "OnlyTriggerAction"

// SellerWebhook is one of the seller's webhooks. The members are those of the create body that
// Cloudmore's wrapper shows, decoded when the answer carries them under the same names; ID is
// decoded from "id" (not shown by a source: the SDK's inference, since the webhook is
// addressed by {id}). Whether the answer echoes the Basic password is not documented: the SDK
// does not type it. Raw holds the whole object as received.
//
// Cloudmore model: SellerWebHookViewModel
type SellerWebhook struct {
	// ID is the webhook's id, used by Get, Update and Delete.
	ID string `json:"id"`
	// Name is the webhook's name.
	Name string `json:"name"`
	// ServiceID is the seller service the webhook belongs to.
	ServiceID string `json:"serviceId"`
	// URL is where Cloudmore sends the call.
	URL string `json:"url"`
	// HTTPHeader is the custom header Cloudmore sends with the call.
	HTTPHeader string `json:"httpHeader"`
	// BasicAuthUserName is the user of the call's Basic authentication.
	BasicAuthUserName string `json:"basicAuthUserName"`
	// MessageToSendType is what the call carries (OnlyTriggerAction).
	MessageToSendType WebhookMessageType `json:"messageToSendType"`
	// TriggerEventType is the event the webhook fires on.
	TriggerEventType WebhookTriggerEventType `json:"triggerEventType"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (w *SellerWebhook) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, w) }

// MarshalJSON writes the typed fields with the value of HTTPHeader (a credential Cloudmore
// echoes back) redacted, so that a webhook dumped as JSON or logged never shows it.
func (w SellerWebhook) MarshalJSON() ([]byte, error) {
	type plain SellerWebhook
	p := plain(w)
	p.HTTPHeader = redactHeader(p.HTTPHeader)
	return json.Marshal(p)
}

// String describes the webhook with the value of HTTPHeader redacted.
func (w SellerWebhook) String() string {
	return fmt.Sprintf("SellerWebhook{ID: %q, Name: %q, ServiceID: %q, URL: %q, HTTPHeader: %q, BasicAuthUserName: %q, MessageToSendType: %q, TriggerEventType: %q}",
		w.ID, w.Name, w.ServiceID, w.URL, redactHeader(w.HTTPHeader), w.BasicAuthUserName, w.MessageToSendType, w.TriggerEventType)
}

// GoString is String, so %#v does not print the header value either.
func (w SellerWebhook) GoString() string { return "cloudmore." + w.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (w SellerWebhook) Format(f fmt.State, verb rune) { formatRedacted(f, verb, w) }

// redactHeader keeps the name of a "Name: value" header line and redacts its value.
func redactHeader(h string) string {
	if h == "" {
		return ""
	}
	if i := strings.IndexByte(h, ':'); i >= 0 {
		return h[:i] + ": REDACTED"
	}
	return "REDACTED"
}

// webhookBodyString describes a webhook body with its password and header value redacted.
func webhookBodyString(kind, name, serviceID, url, header, user, pass string, msg WebhookMessageType, trigger WebhookTriggerEventType, extra map[string]any) string {
	return fmt.Sprintf("%s{Name: %q, ServiceID: %q, URL: %q, HTTPHeader: %q, BasicAuthUserName: %q, BasicAuthPassword: %s, MessageToSendType: %q, TriggerEventType: %q, Extra: %v}",
		kind, name, serviceID, url, redactHeader(header), user, redact(pass), msg, trigger, extraKeys(extra))
}

func webhookBodyLogValue(name, serviceID, url, header, user, pass string, trigger WebhookTriggerEventType) slog.Value {
	return slog.GroupValue(slog.String("name", name), slog.String("serviceId", serviceID), slog.String("url", url),
		slog.String("httpHeader", redactHeader(header)), slog.String("basicAuthUserName", user),
		slog.String("basicAuthPassword", redact(pass)), slog.String("triggerEventType", string(trigger)))
}

// CreateSellerWebhookRequest is the body that creates a webhook: the whole of
// SellerWebHookCreateViewModel. Cloudmore's Python wrapper carries Swagger UI's example of it,
// which lists every property of the schema: exactly these eight, with messageToSendType and
// triggerEventType enums sent by name (api-facts §18.4); Extra stays for a member a later API
// version adds. Cloudmore does not say which are required; the
// SDK checks that ServiceID is a GUID, URL an absolute http or https URL and TriggerEventType
// set, since a webhook without them cannot fire. The format of HTTPHeader is not documented:
// WebhookCredentials.HTTPHeader writes "Name: value", the form WebhookReceiver checks.
//
// Cloudmore model: SellerWebHookCreateViewModel
type CreateSellerWebhookRequest struct {
	// Name names the webhook.
	Name string `json:"name,omitempty"`
	// ServiceID is the seller service the webhook belongs to (required).
	ServiceID string `json:"serviceId"`
	// URL is where Cloudmore sends the call (required).
	URL string `json:"url"`
	// HTTPHeader is a custom header Cloudmore sends with the call.
	HTTPHeader string `json:"httpHeader,omitempty"`
	// BasicAuthUserName is the user of the call's Basic authentication.
	BasicAuthUserName string `json:"basicAuthUserName,omitempty"`
	// BasicAuthPassword is the password of the call's Basic authentication.
	BasicAuthPassword string `json:"basicAuthPassword,omitempty"`
	// MessageToSendType is what the call carries; empty sends none.
	MessageToSendType WebhookMessageType `json:"messageToSendType,omitempty"`
	// TriggerEventType is the event the webhook fires on (required).
	TriggerEventType WebhookTriggerEventType `json:"triggerEventType"`
	// Extra holds members no source shows, by their JSON names, merged into the JSON object.
	Extra map[string]any `json:"-"`
}

// String describes the request with BasicAuthPassword and the value of HTTPHeader redacted
// (MarshalJSON, the body sent, carries them).
func (r CreateSellerWebhookRequest) String() string {
	return webhookBodyString("CreateSellerWebhookRequest", r.Name, r.ServiceID, r.URL, r.HTTPHeader, r.BasicAuthUserName, r.BasicAuthPassword, r.MessageToSendType, r.TriggerEventType, r.Extra)
}

// GoString is String, so %#v does not print the password either.
func (r CreateSellerWebhookRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r CreateSellerWebhookRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue implements slog.LogValuer with the password and header value redacted.
func (r CreateSellerWebhookRequest) LogValue() slog.Value {
	return webhookBodyLogValue(r.Name, r.ServiceID, r.URL, r.HTTPHeader, r.BasicAuthUserName, r.BasicAuthPassword, r.TriggerEventType)
}

// MarshalJSON writes the typed members and merges Extra.
func (r CreateSellerWebhookRequest) MarshalJSON() ([]byte, error) {
	type plain CreateSellerWebhookRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateSellerWebhookRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	validateWebhookFields(&v, r.ServiceID, r.URL, r.TriggerEventType)
	type plain CreateSellerWebhookRequest
	v.extra(plain(*r), r.Extra)
	return v.err()
}

// UpdateSellerWebhookRequest is the body that updates a webhook (SellerWebHookUpdateViewModel):
// the create body's members, under the same names, since Cloudmore documents no other. Whether
// a PUT keeps members it is not sent is not documented: send them all. The SDK checks what it
// checks for a create.
//
// Cloudmore model: SellerWebHookUpdateViewModel
type UpdateSellerWebhookRequest CreateSellerWebhookRequest

// String describes the request with BasicAuthPassword and the value of HTTPHeader redacted
// (MarshalJSON, the body sent, carries them).
func (r UpdateSellerWebhookRequest) String() string {
	return webhookBodyString("UpdateSellerWebhookRequest", r.Name, r.ServiceID, r.URL, r.HTTPHeader, r.BasicAuthUserName, r.BasicAuthPassword, r.MessageToSendType, r.TriggerEventType, r.Extra)
}

// GoString is String, so %#v does not print the password either.
func (r UpdateSellerWebhookRequest) GoString() string { return "cloudmore." + r.String() }

// Format implements fmt.Formatter so that every verb goes through String.
func (r UpdateSellerWebhookRequest) Format(f fmt.State, verb rune) { formatRedacted(f, verb, r) }

// LogValue implements slog.LogValuer with the password and header value redacted.
func (r UpdateSellerWebhookRequest) LogValue() slog.Value {
	return CreateSellerWebhookRequest(r).LogValue()
}

// MarshalJSON writes the typed members and merges Extra, as the create body does.
func (r UpdateSellerWebhookRequest) MarshalJSON() ([]byte, error) {
	return CreateSellerWebhookRequest(r).MarshalJSON()
}

func (r *UpdateSellerWebhookRequest) validate() error {
	return (*CreateSellerWebhookRequest)(r).validate()
}

func validateWebhookFields(v *validator, serviceID, rawURL string, trigger WebhookTriggerEventType) {
	v.guid("serviceId", serviceID)
	if v.required("url", rawURL) {
		u, err := url.Parse(rawURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.fail("url", "%q is not an absolute http or https URL", truncate(rawURL, 64))
		}
	}
	v.required("triggerEventType", string(trigger))
}

// The operations of the seller's webhooks.
var (
	opSellerWebhooksList   = declare[none, none, []SellerWebhook]("Seller.Webhooks.List", "GET /api/sellers/{sellerId}/webhooks")
	opSellerWebhooksGet    = declare[none, none, *SellerWebhook]("Seller.Webhooks.Get", "GET /api/sellers/{sellerId}/webhooks/{id}")
	opSellerWebhooksCreate = declare[none, *CreateSellerWebhookRequest, *Created]("Seller.Webhooks.Create", "POST /api/sellers/{sellerId}/webhooks")
	opSellerWebhooksUpdate = declare[none, *UpdateSellerWebhookRequest, none]("Seller.Webhooks.Update", "PUT /api/sellers/{sellerId}/webhooks/{id}")
	opSellerWebhooksDelete = declare[none, none, none]("Seller.Webhooks.Delete", "DELETE /api/sellers/{sellerId}/webhooks/{id}")
)

// List returns all of the seller's webhooks.
//
// Cloudmore API: GET /api/sellers/{sellerId}/webhooks
func (s *SellerWebhooksService) List(ctx context.Context, call ...CallOption) ([]SellerWebhook, *Response, error) {
	return opSellerWebhooksList.do(ctx, s.client, nil, nil, nil, call)
}

// Get returns one webhook.
//
// Cloudmore API: GET /api/sellers/{sellerId}/webhooks/{id}
func (s *SellerWebhooksService) Get(ctx context.Context, webhookID string, call ...CallOption) (*SellerWebhook, *Response, error) {
	return opSellerWebhooksGet.do(ctx, s.client, path(id(webhookID)), nil, nil, call)
}

// Create creates a webhook for one of the seller's services (one webhook per trigger event
// type). Register creates or updates a whole set for a WebhookReceiver.
//
// Cloudmore API: POST /api/sellers/{sellerId}/webhooks
func (s *SellerWebhooksService) Create(ctx context.Context, req *CreateSellerWebhookRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerWebhooksCreate.do(ctx, s.client, nil, nil, req, call)
}

// Update updates a webhook.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/webhooks/{id}
func (s *SellerWebhooksService) Update(ctx context.Context, webhookID string, req *UpdateSellerWebhookRequest, call ...CallOption) (*Response, error) {
	return opSellerWebhooksUpdate.exec(ctx, s.client, path(id(webhookID)), nil, req, call)
}

// Delete deletes a webhook.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/webhooks/{id}
func (s *SellerWebhooksService) Delete(ctx context.Context, webhookID string, call ...CallOption) (*Response, error) {
	return opSellerWebhooksDelete.exec(ctx, s.client, path(id(webhookID)), nil, nil, call)
}

// RegisterWebhooksSettings are the optional settings of SellerWebhooksService.Register; nil
// means the defaults.
type RegisterWebhooksSettings struct {
	// Credentials are set on every webhook; nil generates new ones (GenerateWebhookCredentials).
	// To survive a crash during Register, generate them first, store their SecretString, and
	// pass them here.
	Credentials *WebhookCredentials
	// Receiver, when set, is the WebhookReceiver the webhooks call, kept answering through the
	// rotation: before the first webhook changes it accepts the new credentials besides those
	// it accepts now, and only when every webhook carries the new ones does it refuse the others
	// (SetCredentials). When Register fails part-way it accepts both, so no webhook is answered
	// 401; run Register again to complete the rotation. Without Receiver, do the same with
	// SetCredentials yourself.
	Receiver *WebhookReceiver
	// NamePrefix starts each webhook's name ("<NamePrefix><trigger type>"); default "sdk-".
	NamePrefix string
	// MessageToSendType is sent on each webhook; default WebhookOnlyTriggerAction.
	MessageToSendType WebhookMessageType
}

// WebhookRegistration is what SellerWebhooksService.Register did.
type WebhookRegistration struct {
	// Credentials are the credentials Register sets on every webhook: the receiver needs them
	// (store their SecretString for a restart).
	Credentials WebhookCredentials
	// Webhooks has one entry per trigger type, in the order asked, also after a failure:
	// Rotated says which carry Credentials.
	Webhooks []RegisteredWebhook
}

// RegisteredWebhook is one webhook SellerWebhooksService.Register was asked for.
type RegisteredWebhook struct {
	// Type is the trigger event type.
	Type WebhookTriggerEventType
	// ID is the webhook's id ("" when it did not exist and was not created).
	ID string
	// URL is where the webhook points once Rotated.
	URL string
	// Created is true for a webhook Register created, false for an existing one.
	Created bool
	// Rotated is true when the webhook carries WebhookRegistration.Credentials. False means it
	// still carries the set it had before: Register failed before reaching it, or its update
	// failed (when that update got no answer it may carry either set, which is why the receiver
	// keeps accepting both until a run completes).
	Rotated bool
}

// Register makes serviceID's webhooks for the given trigger types point at a WebhookReceiver
// mounted at baseURL (each at WebhookURL(baseURL, type)) with one set of credentials. It lists
// the seller's webhooks first and updates the one that already exists for a service and type
// (the first, when there are several) instead of creating another, so running it twice leaves
// one webhook per type, with the credentials of the last run. Types are used as given: a
// spelling the SDK does not name is sent as is. Ask for every type the receiver serves: with
// Receiver set, a completed run makes the receiver refuse the credentials of webhooks it did
// not touch.
//
// Everything is checked before any request. The webhooks change one by one: a failure
// part-way returns the error and the registration so far (which webhooks carry the new
// credentials), leaves the webhooks handled so far in place, and running it again finishes the
// job. Settings.Receiver keeps the receiver accepting every set a webhook may carry meanwhile.
// The call options apply to every request it sends.
//
// Cloudmore API: GET /api/sellers/{sellerId}/webhooks
// Cloudmore API: POST /api/sellers/{sellerId}/webhooks
// Cloudmore API: PUT /api/sellers/{sellerId}/webhooks/{id}
func (s *SellerWebhooksService) Register(ctx context.Context, serviceID, baseURL string, types []WebhookTriggerEventType, settings *RegisterWebhooksSettings, call ...CallOption) (*WebhookRegistration, error) {
	var o RegisterWebhooksSettings
	if settings != nil {
		o = *settings
	}
	var v validator
	v.guid("serviceId", serviceID)
	if len(types) == 0 {
		v.fail("types", "required: at least one trigger event type")
	}
	urls := make([]string, len(types))
	seen := map[WebhookTriggerEventType]bool{}
	for i, t := range types {
		u, err := WebhookURL(baseURL, t)
		v.add(err)
		urls[i] = u
		if seen[t] {
			v.fail("types", "%q is asked twice", t)
		}
		seen[t] = true
	}
	if o.Credentials != nil && o.Credentials.Username == "" && o.Credentials.HeaderName == "" {
		v.fail("credentials", "neither a Basic user nor a header: a receiver would refuse every call")
	}
	v.add(opSellerWebhooksList.checkPath(s.client, nil))
	if err := v.err(); err != nil {
		return nil, err
	}
	if o.Credentials == nil {
		c, err := GenerateWebhookCredentials()
		if err != nil {
			return nil, err
		}
		o.Credentials = &c
	}
	if o.NamePrefix == "" {
		o.NamePrefix = "sdk-"
	}
	if o.MessageToSendType == "" {
		o.MessageToSendType = WebhookOnlyTriggerAction
	}
	existing, _, err := s.List(ctx, call...)
	if err != nil {
		return nil, err
	}
	creds := *o.Credentials
	reg := &WebhookRegistration{Credentials: creds, Webhooks: make([]RegisteredWebhook, len(types))}
	hooks := make([]*SellerWebhook, len(types))
	for i, t := range types {
		hooks[i] = findWebhook(existing, serviceID, t)
		reg.Webhooks[i] = RegisteredWebhook{Type: t, URL: urls[i]}
		if hooks[i] != nil {
			reg.Webhooks[i].ID = hooks[i].ID
		}
	}
	if o.Receiver != nil {
		o.Receiver.acceptAlso(creds) // before any webhook carries them
	}
	for i, t := range types {
		fields := UpdateSellerWebhookRequest{Name: o.NamePrefix + string(t), ServiceID: serviceID, URL: urls[i],
			HTTPHeader: creds.HTTPHeader(), BasicAuthUserName: creds.Username, BasicAuthPassword: creds.Password,
			MessageToSendType: o.MessageToSendType, TriggerEventType: t}
		w := &reg.Webhooks[i]
		if hooks[i] != nil {
			if _, err := s.Update(ctx, hooks[i].ID, &fields, call...); err != nil {
				return reg, fmt.Errorf("cloudmore: update the %s webhook: %w", t, err)
			}
			w.Rotated = true
			continue
		}
		cr, _, err := s.Create(ctx, (*CreateSellerWebhookRequest)(&fields), call...)
		if err != nil {
			if cr != nil { // created, though the answer was not read
				w.ID, w.Created, w.Rotated = cr.ID, true, true
			}
			return reg, fmt.Errorf("cloudmore: create the %s webhook: %w", t, err)
		}
		w.ID, w.Created, w.Rotated = cr.ID, true, true
	}
	if o.Receiver != nil {
		o.Receiver.SetCredentials(creds) // every webhook carries them: the old sets are refused
	}
	return reg, nil
}

// findWebhook returns the first webhook of hooks for serviceID and t (ids and types compared
// without case), or nil.
func findWebhook(hooks []SellerWebhook, serviceID string, t WebhookTriggerEventType) *SellerWebhook {
	for i := range hooks {
		h := &hooks[i]
		if h.ID != "" && strings.EqualFold(h.ServiceID, serviceID) && strings.EqualFold(string(h.TriggerEventType), string(t)) {
			return h
		}
	}
	return nil
}
