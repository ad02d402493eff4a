package cloudmore

import (
	"context"
)

// SellerBroker is one of the seller's brokers (a broker or service broker that added one of
// the seller's services, or one the seller created). Cloudmore does not document the answer's
// fields: ID and Name are read when sent under those names, and Raw holds the whole answer.
//
// Cloudmore model: unknown
type SellerBroker struct {
	// ID is the broker's id.
	ID string `json:"id"`
	// Name is the broker's name.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerBroker) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// SellerBrokerContact is the broker's contact person.
//
// Cloudmore model: unknown
type SellerBrokerContact struct {
	// Name is the contact's name.
	Name string `json:"name,omitempty"`
	// JobTitle is the contact's job title.
	JobTitle string `json:"jobTitle,omitempty"`
	// Email is the contact's e-mail address.
	Email string `json:"email,omitempty"`
	// PhonePrefix is the country calling code of Phone.
	PhonePrefix string `json:"phonePrefix,omitempty"`
	// Phone is the phone number; Cloudmore checks its format ("Phone number is not in valid format.").
	Phone string `json:"phone,omitempty"`
	// CellPhonePrefix is the country calling code of CellPhone.
	CellPhonePrefix string `json:"cellPhonePrefix,omitempty"`
	// CellPhone is the mobile number.
	CellPhone string `json:"cellPhone,omitempty"`
}

// SellerBrokerAddress is the broker's postal address.
//
// Cloudmore model: unknown
type SellerBrokerAddress struct {
	// Address is the street address.
	Address string `json:"address,omitempty"`
	// PostalCode is the postal code.
	PostalCode string `json:"postalCode,omitempty"`
	// City is the city.
	City string `json:"city,omitempty"`
	// CountryCode is an ISO 3166 alpha-2 country code.
	CountryCode string `json:"countryCode,omitempty"`
}

// SellerBrokerInvoiceContact is who receives the broker's invoices.
//
// Cloudmore model: unknown
type SellerBrokerInvoiceContact struct {
	// Name is the contact's name.
	Name string `json:"name,omitempty"`
	// Email is the contact's e-mail address.
	Email string `json:"email,omitempty"`
	// PhonePrefix is the country calling code of Phone.
	PhonePrefix string `json:"phonePrefix,omitempty"`
	// Phone is the phone number.
	Phone string `json:"phone,omitempty"`
}

// CreateSellerBrokerRequest creates a broker for the seller: the members of Cloudmore's example
// body on its developer portal. Which are required is not documented; the SDK checks the
// shapes Cloudmore refuses (a domain that is not a DNS name is "InvalidValue"), e-mail
// addresses and the country code, and refuses a body with nothing set. Members no source shows go in Extra.
//
// Cloudmore model: SellerBrokerCreateViewModel
type CreateSellerBrokerRequest struct {
	// Name is the broker's company name.
	Name string `json:"name,omitempty"`
	// RegistrationNumber is the company registration number.
	RegistrationNumber string `json:"registrationNumber,omitempty"`
	// VAT is the VAT number.
	VAT string `json:"vat,omitempty"`
	// Domain is the broker's domain or website ("example.com").
	Domain string `json:"domain,omitempty"`
	// NotificationEmail receives Cloudmore's notifications.
	NotificationEmail string `json:"notificationEmail,omitempty"`
	// SupportEmail is the broker's support address.
	SupportEmail string `json:"supportEmail,omitempty"`
	// Contact is the contact person.
	Contact *SellerBrokerContact `json:"contact,omitempty"`
	// Address is the postal address.
	Address *SellerBrokerAddress `json:"address,omitempty"`
	// InvoiceContact receives the invoices.
	InvoiceContact *SellerBrokerInvoiceContact `json:"invoiceContact,omitempty"`
	// AllowCmpAccess lets the broker into the Cloudmore portal; nil leaves it out.
	AllowCmpAccess *bool `json:"allowCmpAccess,omitempty"`
	// Extra holds members no source shows, merged into the JSON body.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the typed fields and merges Extra.
func (r CreateSellerBrokerRequest) MarshalJSON() ([]byte, error) {
	type plain CreateSellerBrokerRequest
	return marshalWithExtra(plain(r), r.Extra)
}

func (r *CreateSellerBrokerRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	var v validator
	if r.Domain != "" && !isDomain(r.Domain) {
		v.fail("domain", "%q is not a domain name (such as example.com)", truncate(r.Domain, 64))
	}
	v.optionalEmail("notificationEmail", r.NotificationEmail)
	v.optionalEmail("supportEmail", r.SupportEmail)
	if r.Contact != nil {
		v.optionalEmail("contact.email", r.Contact.Email)
	}
	if r.Address != nil {
		v.country("address.countryCode", r.Address.CountryCode)
	}
	if r.InvoiceContact != nil {
		v.optionalEmail("invoiceContact.email", r.InvoiceContact.Email)
	}
	type plain CreateSellerBrokerRequest
	v.add(brokerCheckBody(plain(*r), r.Extra)) // an empty body is refused, Extra keys checked
	return v.err()
}

// UpdateSellerBrokerRequest updates a broker. Cloudmore does not document the update body, so
// its members go in Extra by their JSON names (the create body's names are the likely ones);
// an empty body is refused, since a PUT could blank the broker.
//
// Cloudmore model: unknown
type UpdateSellerBrokerRequest struct {
	// Extra holds the body's members, sent as the JSON object.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the body.
func (r UpdateSellerBrokerRequest) MarshalJSON() ([]byte, error) {
	return marshalWithExtra(struct{}{}, r.Extra)
}

func (r *UpdateSellerBrokerRequest) validate() error {
	if r == nil {
		return invalid("body", "required")
	}
	return requireExtra(r.Extra)
}

// The operations of the seller's brokers and of the resellers of its services.
var (
	opSellerBrokersList   = declare[none, none, []SellerBroker]("Seller.Brokers.List", "GET /api/sellers/{sellerId}/brokers")
	opSellerBrokersGet    = declare[none, none, *SellerBroker]("Seller.Brokers.Get", "GET /api/sellers/{sellerId}/brokers/{id}")
	opSellerBrokersCreate = declare[none, *CreateSellerBrokerRequest, *Created]("Seller.Brokers.Create", "POST /api/sellers/{sellerId}/brokers")
	opSellerBrokersUpdate = declare[none, *UpdateSellerBrokerRequest, none]("Seller.Brokers.Update", "PUT /api/sellers/{sellerId}/brokers/{id}")
	opSellerBrokersDelete = declare[none, none, none]("Seller.Brokers.Delete", "DELETE /api/sellers/{sellerId}/brokers/{id}")
	opSellerResellersList = declare[none, none, []SellerReseller]("Seller.Resellers.List", "GET /api/sellers/{sellerId}/resellers")
	opSellerResellersGet  = declare[none, none, *SellerReseller]("Seller.Resellers.Get", "GET /api/sellers/{sellerId}/resellers/{id}")
)

// List returns the seller's brokers: those it created and every broker or service broker
// that added one of its services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/brokers
func (s *SellerBrokersService) List(ctx context.Context, call ...CallOption) ([]SellerBroker, *Response, error) {
	return opSellerBrokersList.do(ctx, s.client, nil, nil, nil, call)
}

// Get returns one of the seller's brokers.
//
// Cloudmore API: GET /api/sellers/{sellerId}/brokers/{id}
func (s *SellerBrokersService) Get(ctx context.Context, brokerID string, call ...CallOption) (*SellerBroker, *Response, error) {
	return opSellerBrokersGet.do(ctx, s.client, path(seg(brokerID)), nil, nil, call)
}

// Create creates a broker for the seller; Cloudmore answers 201.
//
// Cloudmore API: POST /api/sellers/{sellerId}/brokers
func (s *SellerBrokersService) Create(ctx context.Context, req *CreateSellerBrokerRequest, call ...CallOption) (*Created, *Response, error) {
	return opSellerBrokersCreate.do(ctx, s.client, nil, nil, req, call)
}

// Update updates one of the seller's brokers.
//
// Cloudmore API: PUT /api/sellers/{sellerId}/brokers/{id}
func (s *SellerBrokersService) Update(ctx context.Context, brokerID string, req *UpdateSellerBrokerRequest, call ...CallOption) (*Response, error) {
	return opSellerBrokersUpdate.exec(ctx, s.client, path(seg(brokerID)), nil, req, call)
}

// Delete deletes one of the seller's brokers.
//
// Cloudmore API: DELETE /api/sellers/{sellerId}/brokers/{id}
func (s *SellerBrokersService) Delete(ctx context.Context, brokerID string, call ...CallOption) (*Response, error) {
	return opSellerBrokersDelete.exec(ctx, s.client, path(seg(brokerID)), nil, nil, call)
}

// SellerReseller is a broker that activated the seller's services. Cloudmore does not
// document the fields; Raw holds the whole answer.
//
// Cloudmore model: unknown
type SellerReseller struct {
	// ID is the reseller's id, read from "id" when sent.
	ID string `json:"id"`
	// Name is the reseller's name, read from "name" when sent.
	Name string `json:"name"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (m *SellerReseller) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, m) }

// List returns every broker that activated services of the seller.
//
// Cloudmore API: GET /api/sellers/{sellerId}/resellers
func (s *SellerResellersService) List(ctx context.Context, call ...CallOption) ([]SellerReseller, *Response, error) {
	return opSellerResellersList.do(ctx, s.client, nil, nil, nil, call)
}

// Get returns one reseller of the seller's services.
//
// Cloudmore API: GET /api/sellers/{sellerId}/resellers/{id}
func (s *SellerResellersService) Get(ctx context.Context, resellerID string, call ...CallOption) (*SellerReseller, *Response, error) {
	return opSellerResellersGet.do(ctx, s.client, path(id(resellerID)), nil, nil, call)
}
