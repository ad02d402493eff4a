package cloudmore

import "context"

// Decimal is money.
type Decimal struct{ v string }

// Segment is a price segment.
type Segment string

// Segments.
const (
	SegmentCommercial Segment = "commercial"
	SegmentEducation  Segment = "education"
)

// WidgetsService is a service.
type WidgetsService struct{}

// WidgetOptions are query parameters.
type WidgetOptions struct {
	Active *bool       `url:"active,omitempty"`
	Region string      `url:"region"`
	Extra  ExtraParams `url:"extra,omitempty"`
}

// ExtraParams are more parameters.
type ExtraParams map[string]string

// Widget is a widget.
//
// Cloudmore model: WidgetViewModel
type Widget struct {
	ID      string   `json:"id"`
	Price   *Decimal `json:"price,omitempty"`
	Segment Segment  `json:"segment"`
	Raw     []byte   `json:"-"`
	inner
}

type inner struct {
	Note string `json:"note,omitempty"`
}

// CreateWidgetRequest is a body.
//
// Cloudmore model: WidgetCreateViewModel
type CreateWidgetRequest struct {
	Name    string         `json:"name"`
	Contact *WidgetContact `json:"contact"`
	Domain  string         `json:"domain"`
	From    string         `json:"from"`
	Color   string         `json:"color"`
}

// WidgetContact is a contact.
//
// Cloudmore model: WidgetContactViewModel
type WidgetContact struct {
	Email string `json:"email"`
}

func (r *CreateWidgetRequest) validate() error {
	var v validator
	v.requiredMax("name", r.Name, 50)
	checkDomain(&v, r.Domain)
	checkPeriod(&v, r.From)
	checkColor(&v, r.Color)
	if r.Contact == nil {
		return invalid("contact", "required")
	}
	return r.Contact.validate("contact")
}

func (c *WidgetContact) validate(prefix string) error {
	var v validator
	v.email(prefix+".email", c.Email)
	return nil
}

// List lists widgets.
//
// Cloudmore API: GET /api/widgets
func (s *WidgetsService) List(ctx context.Context, opts *WidgetOptions) ([]Widget, error) {
	return nil, nil
}

// Begin starts and polls.
//
// Cloudmore API: POST /api/widgets
// Cloudmore API: GET /api/widgets/{taskId}
func (s *WidgetsService) Begin(ctx context.Context, req *CreateWidgetRequest) error { return nil }

// checkDomain is a helper holding rules: its field is a constant.
func checkDomain(v *validator, s string) {
	const field = "domain"
	switch {
	case s == "":
		v.fail(field, "required")
	case len(s) > 50:
		v.maxLen(field, s, 50)
	}
}

// checkPeriod passes a field name on to another helper.
func checkPeriod(v *validator, from string) {
	checkDay(v, "from", from)
}

func checkDay(v *validator, field, s string) {
	if s == "" {
		v.fail(field, "required")
	}
}

// checkColor checks a value without requiring it.
func checkColor(v *validator, s string) {
	if s != "" && s != "red" {
		v.fail("color", "%q is not red", s)
	}
}
