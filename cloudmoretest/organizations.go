package cloudmoretest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// org is a customer organization of the broker.
type org struct {
	id                                          string
	name, displayName, registrationNumber, vat  string
	homePage, customerNumber, notificationEmail string
	economicID, primaryDomain                   string
	contact                                     orgContact
	address                                     orgAddress
	approvalTriggeredOn                         *decimal.Decimal
	customProperties                            []customPropertyValue
	createdAt                                   time.Time
	hasContact, hasAddress                      bool
	users                                       []*user
	services                                    []*orgService
	subs                                        []*customSub
	csp                                         *cspTenant
	cspSubs                                     []*cspSub
	nceSubs                                     []*nceSub
}

type orgContact struct {
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	CellPhone string `json:"cellPhone"`
}

type orgAddress struct {
	Street      string `json:"street"`
	PostalCode  string `json:"postalCode"`
	City        string `json:"city"`
	CountryCode string `json:"countryCode"`
}

type customPropertyValue struct {
	ID    string `json:"id"`
	Value string `json:"value"`
}

// orgBody is the create and update body (OrganizationCreateViewModel). Pointers tell a field
// that was sent from one that was not: an update changes only the fields it sends.
type orgBody struct {
	Name                *string                `json:"name"`
	DisplayName         *string                `json:"displayName"`
	RegistrationNumber  *string                `json:"registrationNumber"`
	Vat                 *string                `json:"vat"`
	HomePage            *string                `json:"homePage"`
	Contact             *orgContact            `json:"contact"`
	CustomerNumber      *string                `json:"customerNumber"`
	NotificationEmail   *string                `json:"notificationEmail"`
	EconomicID          *string                `json:"economicId"`
	Address             *orgAddress            `json:"address"`
	ApprovalTriggeredOn *decimal.Decimal       `json:"approvalTriggeredOn"`
	PrimaryDomain       *string                `json:"primaryDomain"`
	CustomProperties    *[]customPropertyValue `json:"customProperties"`
}

// orgListItem is the guide's list shape.
type orgListItem struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
	Services    int    `json:"services"`
	Users       int    `json:"users"`
}

// orgDetails is the fake's details shape: the create body's fields plus id and displayName.
type orgDetails struct {
	ID                  string                `json:"id"`
	Name                string                `json:"name"`
	DisplayName         string                `json:"displayName"`
	RegistrationNumber  string                `json:"registrationNumber"`
	Vat                 string                `json:"vat"`
	HomePage            string                `json:"homePage"`
	Contact             orgContact            `json:"contact"`
	CustomerNumber      string                `json:"customerNumber"`
	NotificationEmail   string                `json:"notificationEmail"`
	EconomicID          string                `json:"economicId"`
	Address             orgAddress            `json:"address"`
	ApprovalTriggeredOn *json.Number          `json:"approvalTriggeredOn"`
	PrimaryDomain       string                `json:"primaryDomain"`
	CustomProperties    []customPropertyValue `json:"customProperties"`
}

// genericMailDomains are refused as primary domains.
var genericMailDomains = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "hotmail.com": true, "aol.com": true, "outlook.com": true,
	"yahoo.com": true, "live.com": true, "msn.com": true, "icloud.com": true, "me.com": true,
	"mail.com": true, "gmx.com": true, "gmx.net": true, "yandex.com": true, "protonmail.com": true,
	"proton.me": true, "zoho.com": true, "hotmail.co.uk": true, "yahoo.co.uk": true,
}

// user is an organization user.
type user struct {
	id, name, firstName, lastName, displayName, email, phone, roleID string
	customProperties                                                 []customPropertyValue
}

type userBody struct {
	Name             *string                `json:"name"`
	Password         *string                `json:"password"`
	FirstName        *string                `json:"firstName"`
	LastName         *string                `json:"lastName"`
	DisplayName      *string                `json:"displayName"`
	Email            *string                `json:"email"`
	Phone            *string                `json:"phone"`
	RoleID           *flexString            `json:"roleId"`
	CustomProperties *[]customPropertyValue `json:"customProperties"`
}

// userJSON is the fake's user shape (Cloudmore does not document it).
type userJSON struct {
	ID               string                `json:"id"`
	Name             string                `json:"name"`
	FirstName        string                `json:"firstName"`
	LastName         string                `json:"lastName"`
	DisplayName      string                `json:"displayName"`
	Email            string                `json:"email"`
	Phone            string                `json:"phone"`
	RoleID           string                `json:"roleId"`
	CustomProperties []customPropertyValue `json:"customProperties"`
}

// flexString reads a string or a number as a string (role ids are "6" in Cloudmore's tests).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

// brokerCustomProperty is a custom property the broker defined for its organizations. The
// shape (id, name, type) is the fake's own: Cloudmore documents no field of
// BrokerCustomPropertyViewModel, so the fake uses the names of its product custom properties,
// as the SDK does.
type brokerCustomProperty struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// brokerCustomProperties are the definitions every fake broker has: the two ids of the
// guide's organization create example (a text field and a checkbox), and a dropdown.
var brokerCustomProperties = []brokerCustomProperty{
	{"e5301751-f9a3-4a2d-8a88-34f8441760f0", "Additional information", "textbox"},
	{"d63a4053-ee92-49a0-a447-5d05cf596346", "Newsletter", "checkbox"},
	{"7a4c2f1e-3b5d-4e6f-8a9b-0c1d2e3f4a5b", "Customer tier", "dropdown"},
}

// listCustomProperties answers the broker's custom-property definitions.
func (s *Server) listCustomProperties(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, brokerCustomProperties)
}

// role is an organization user role (the fake's shape: id and name).
type role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

var orgRoles = []role{
	{"1", "Organization Admin"},
	{"2", "Organization User"},
	{"3", "Billing Admin"},
}

func (s *Server) organizationRoutes() {
	const orgs = "/api/resellers/{resellerId}/Organizations"
	s.api("GET "+orgs, s.listOrganizations)
	s.api("POST "+orgs, s.createOrganization)
	s.api("GET "+orgs+"/{id}", s.getOrganization)
	s.api("PUT "+orgs+"/{id}", s.updateOrganization)
	s.api("DELETE "+orgs+"/{id}", s.deleteOrganization)

	s.api("GET /api/resellers/{resellerId}/settings/CustomProperties", s.listCustomProperties)

	const org = "/api/resellers/{resellerId}/organizations/{organizationId}"
	s.api("GET "+org+"/OrganizationRoles", s.listRoles)
	s.api("GET "+org+"/Users", s.listUsers)
	s.api("POST "+org+"/Users", s.createUser)
	s.api("GET "+org+"/Users/{id}", s.getUser)
	s.api("PUT "+org+"/Users/{id}", s.updateUser)
	s.api("DELETE "+org+"/Users/{id}", s.deleteUser)
}

// findOrg returns the organization named by the path ({organizationId} or {id}), or answers 404.
func (s *Server) findOrg(w http.ResponseWriter, r *http.Request) *org {
	id := r.PathValue("organizationId")
	if id == "" {
		id = r.PathValue("id")
	}
	return findOr404(w, s.st.orgs, id, "Organization")
}

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, listOf(s.st.orgs, func(o *org) orgListItem {
		return orgListItem{ID: o.id, Name: o.name, DisplayName: o.displayName, Services: len(o.services), Users: len(o.users)}
	}))
}

func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) {
	if o := s.findOrg(w, r); o != nil {
		writeJSON(w, http.StatusOK, o.details())
	}
}

func (o *org) details() orgDetails {
	d := orgDetails{ID: o.id, Name: o.name, DisplayName: o.displayName, RegistrationNumber: o.registrationNumber,
		Vat: o.vat, HomePage: o.homePage, Contact: o.contact, CustomerNumber: o.customerNumber,
		NotificationEmail: o.notificationEmail, EconomicID: o.economicID, Address: o.address,
		PrimaryDomain: o.primaryDomain, CustomProperties: o.customProperties}
	if d.CustomProperties == nil {
		d.CustomProperties = []customPropertyValue{}
	}
	if o.approvalTriggeredOn != nil {
		n := json.Number(o.approvalTriggeredOn.String())
		d.ApprovalTriggeredOn = &n
	}
	return d
}

func (s *Server) createOrganization(w http.ResponseWriter, r *http.Request) {
	var b orgBody
	if !readBody(w, r, &b) {
		return
	}
	o := &org{id: newID(), createdAt: s.now()}
	o.apply(b)
	if o.displayName == "" {
		o.displayName = o.name
	}
	if !s.validateOrg(w, o) {
		return
	}
	s.st.orgs = append(s.st.orgs, o)
	writeCreated(w, s.brokerURL("Organizations/%s", o.id))
}

// updateOrganization changes the fields the body sends. Cloudmore's PUT is documented as a
// full replacement ("send complete objects"); the fake merges, which accepts both. The SDK
// types only displayName (the rest goes in Extra, under the create body's names), so the fake
// checks none of the create body's model rules on an update: it keeps what is sent. It keeps
// Cloudmore's rules on organizations that the SDK's doc states: the name cannot change (the
// guide: "The name is always unique and cant be updated"), the primary domain stays unique
// and not a generic mail domain.
func (s *Server) updateOrganization(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	var b orgBody
	if !readBody(w, r, &b) {
		return
	}
	if b.Name != nil && *b.Name != "" && *b.Name != o.name {
		invalidValue(w, "The organization name cannot be changed; change displayName instead.")
		return
	}
	updated := *o
	updated.apply(b)
	if !s.orgRules(w, &updated) {
		return
	}
	*o = updated
	writeNoContent(w)
}

// deleteOrganization removes the organization with its users, services and subscriptions (the
// fake's choice: Cloudmore does not document the preconditions).
func (s *Server) deleteOrganization(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	s.st.orgs = remove(s.st.orgs, o)
	writeNoContent(w)
}

func (o *org) apply(b orgBody) {
	setTrimmed(&o.name, b.Name)
	setTrimmed(&o.displayName, b.DisplayName)
	setTrimmed(&o.registrationNumber, b.RegistrationNumber)
	setTrimmed(&o.vat, b.Vat)
	setTrimmed(&o.homePage, b.HomePage)
	setTrimmed(&o.customerNumber, b.CustomerNumber)
	setTrimmed(&o.notificationEmail, b.NotificationEmail)
	setTrimmed(&o.economicID, b.EconomicID)
	setTrimmed(&o.primaryDomain, b.PrimaryDomain)
	if b.Contact != nil {
		o.contact, o.hasContact = *b.Contact, true
	}
	if b.Address != nil {
		o.address, o.hasAddress = *b.Address, true
	}
	if b.ApprovalTriggeredOn != nil {
		v := *b.ApprovalTriggeredOn
		o.approvalTriggeredOn = &v
	}
	if b.CustomProperties != nil {
		o.customProperties = append([]customPropertyValue(nil), (*b.CustomProperties)...)
	}
}

// validateOrg checks the model rules (400, model-state shape) and then the business rules
// (400, array shape, orgRules) of OrganizationCreateViewModel.
func (s *Server) validateOrg(w http.ResponseWriter, o *org) bool {
	fe := fieldErrors{}
	fe.required("Name", o.name)
	fe.maxLen("Name", o.name, 512)
	fe.required("RegistrationNumber", o.registrationNumber)
	fe.maxLen("RegistrationNumber", o.registrationNumber, 50)
	fe.maxLen("Vat", o.vat, 50)
	fe.maxLen("HomePage", o.homePage, 75)
	fe.maxLen("CustomerNumber", o.customerNumber, 25)
	fe.requiredEmail("NotificationEmail", o.notificationEmail)
	fe.required("PrimaryDomain", o.primaryDomain)
	fe.maxLen("PrimaryDomain", o.primaryDomain, 50)
	if !o.hasContact && o.contact == (orgContact{}) {
		fe.add("Contact", "The Contact field is required.")
	} else {
		fe.email("Contact.Email", o.contact.Email)
	}
	if !o.hasAddress && o.address == (orgAddress{}) {
		fe.add("Address", "The Address field is required.")
	} else if !countryRE.MatchString(o.address.CountryCode) {
		fe.add("Address.CountryCode", "The country code must be two uppercase letters (ISO 3166-1 alpha-2).")
	}
	if o.approvalTriggeredOn != nil && o.approvalTriggeredOn.IsNegative() {
		fe.add("ApprovalTriggeredOn", "The field ApprovalTriggeredOn must be 0 or greater.")
	}
	return !fe.write(w) && s.orgRules(w, o)
}

// orgRules checks Cloudmore's business rules on an organization (400, array shape): a valid
// primary domain that is not a generic mail domain, and a name and primary domain no other
// organization has.
func (s *Server) orgRules(w http.ResponseWriter, o *org) bool {
	domain := strings.ToLower(o.primaryDomain)
	if !domainRE.MatchString(domain) || genericMailDomains[domain] {
		invalidValue(w, "Invalid domain/website:%s", o.primaryDomain)
		return false
	}
	for _, x := range s.st.orgs {
		if x.id == o.id {
			continue
		}
		if strings.EqualFold(x.name, o.name) {
			invalidValue(w, "An organization with the name '%s' already exists.", o.name)
			return false
		}
		if strings.EqualFold(x.primaryDomain, o.primaryDomain) {
			invalidValue(w, "The primary domain '%s' is already used by another organization.", o.primaryDomain)
			return false
		}
	}
	return true
}

// --- roles and users ---

func (s *Server) listRoles(w http.ResponseWriter, r *http.Request) {
	if s.findOrg(w, r) != nil {
		writeJSON(w, http.StatusOK, orgRoles)
	}
}

func (u *user) json() userJSON {
	cp := u.customProperties
	if cp == nil {
		cp = []customPropertyValue{}
	}
	return userJSON{ID: u.id, Name: u.name, FirstName: u.firstName, LastName: u.lastName,
		DisplayName: u.displayName, Email: u.email, Phone: u.phone, RoleID: u.roleID, CustomProperties: cp}
}

func (o *org) user(id string) *user { return find(o.users, id) }

func (s *Server) findUser(w http.ResponseWriter, r *http.Request) (*org, *user) {
	o := s.findOrg(w, r)
	if o == nil {
		return nil, nil
	}
	u := o.user(r.PathValue("id"))
	if u == nil {
		notFound(w, "User '%s' was not found in organization '%s'.", r.PathValue("id"), o.id)
		return nil, nil
	}
	return o, u
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	writeJSON(w, http.StatusOK, listOf(o.users, (*user).json))
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	if _, u := s.findUser(w, r); u != nil {
		writeJSON(w, http.StatusOK, u.json())
	}
}

// createUser adds a user. The fake's rules: name (the login, e-mail style, in the
// organization's primary domain, unique), firstName, lastName and roleId (one of
// OrganizationRoles) are required.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	o := s.findOrg(w, r)
	if o == nil {
		return
	}
	var b userBody
	if !readBody(w, r, &b) {
		return
	}
	u := &user{id: newID()}
	u.apply(b)
	if u.displayName == "" {
		u.displayName = strings.TrimSpace(u.firstName + " " + u.lastName)
	}
	if !s.validateUser(w, o, u) {
		return
	}
	o.users = append(o.users, u)
	writeCreated(w, s.brokerURL("organizations/%s/Users/%s", o.id, u.id))
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	o, u := s.findUser(w, r)
	if u == nil {
		return
	}
	var b userBody
	if !readBody(w, r, &b) {
		return
	}
	updated := *u
	updated.apply(b)
	if !s.validateUser(w, o, &updated) {
		return
	}
	*u = updated
	writeNoContent(w)
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	o, u := s.findUser(w, r)
	if u == nil {
		return
	}
	o.users = remove(o.users, u)
	for _, sub := range o.subs {
		sub.unassign(u.id)
	}
	writeNoContent(w)
}

func (u *user) apply(b userBody) {
	setTrimmed(&u.name, b.Name)
	setTrimmed(&u.firstName, b.FirstName)
	setTrimmed(&u.lastName, b.LastName)
	setTrimmed(&u.displayName, b.DisplayName)
	setTrimmed(&u.email, b.Email)
	setTrimmed(&u.phone, b.Phone)
	if b.RoleID != nil {
		u.roleID = strings.TrimSpace(string(*b.RoleID))
	}
	if b.CustomProperties != nil {
		u.customProperties = append([]customPropertyValue(nil), (*b.CustomProperties)...)
	}
}

func (s *Server) validateUser(w http.ResponseWriter, o *org, u *user) bool {
	fe := fieldErrors{}
	fe.requiredEmail("Name", u.name)
	fe.required("FirstName", u.firstName)
	fe.required("LastName", u.lastName)
	fe.required("RoleId", u.roleID)
	fe.email("Email", u.email)
	if fe.write(w) {
		return false
	}
	known := false
	for _, ro := range orgRoles {
		known = known || ro.ID == u.roleID
	}
	if !known {
		invalidValue(w, "Role '%s' does not exist; see OrganizationRoles.", u.roleID)
		return false
	}
	if _, domain, _ := strings.Cut(u.name, "@"); !strings.EqualFold(domain, o.primaryDomain) {
		invalidValue(w, "The user name must be in the organization's domain (@%s).", o.primaryDomain)
		return false
	}
	for _, x := range o.users {
		if x.id != u.id && strings.EqualFold(x.name, u.name) {
			invalidValue(w, "A user with the name '%s' already exists.", u.name)
			return false
		}
	}
	return true
}
