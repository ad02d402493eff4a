package cloudmore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// The broker's settings: the custom properties it has defined for its organizations
// (CustomPropertiesApi). Organization and user bodies refer to them by id
// (CustomPropertyValue); DecodeCustomProperties types the values an answer carries.

// CustomPropertyType is the kind of a custom property: a text field, a dropdown or a checkbox.
// Cloudmore writes it in more than one casing ("textbox" in the API guide, "TextBox" on the
// developer portal); decoding lowercases it, so compare with the constants.
type CustomPropertyType string

// Custom-property kinds, as Cloudmore's API guide names them.
const (
	// CustomPropertyTextbox is a free-text field.
	CustomPropertyTextbox CustomPropertyType = "textbox"
	// CustomPropertyDropdown is a choice among values the broker defined.
	CustomPropertyDropdown CustomPropertyType = "dropdown"
	// CustomPropertyCheckbox is a yes/no value; the guide's example sends "1" for checked.
	CustomPropertyCheckbox CustomPropertyType = "checkbox"
)

// Valid reports whether t is one of the three known kinds.
func (t CustomPropertyType) Valid() bool {
	switch t {
	case CustomPropertyTextbox, CustomPropertyDropdown, CustomPropertyCheckbox:
		return true
	}
	return false
}

// UnmarshalJSON reads a string in any casing ("TextBox" gives CustomPropertyTextbox) or null.
func (t *CustomPropertyType) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("cloudmore: custom property type: %w", err)
	}
	if s == nil {
		*t = ""
		return nil
	}
	*t = CustomPropertyType(strings.ToLower(strings.TrimSpace(*s)))
	return nil
}

// BrokerCustomProperty is one custom property the broker has defined for organizations
// (and, presumably, users). Its fields are not documented: ID, Name and Type are decoded
// under the names Cloudmore's product custom properties use; Raw holds the whole object.
//
// Cloudmore model: BrokerCustomPropertyViewModel
type BrokerCustomProperty struct {
	// ID is the property's id, used as CustomPropertyValue.ID.
	ID string `json:"id"`
	// Name is the property's name as shown in Cloudmore.
	Name string `json:"name"`
	// Type is the kind of property (textbox, dropdown or checkbox).
	Type CustomPropertyType `json:"type"`
	// Raw is the whole JSON object as Cloudmore sent it.
	Raw RawJSON `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (p *BrokerCustomProperty) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, p) }

// The custom-property operations.
var (
	opBrokerCustomPropertiesList = declare[none, none, []BrokerCustomProperty]("Broker.CustomProperties.List", "GET /api/resellers/{resellerId}/settings/CustomProperties")
)

// List returns the custom properties the broker has defined for its organizations. Their ids
// are what CreateOrganizationRequest.CustomProperties (and the user bodies) refer to.
//
// Cloudmore API: GET /api/resellers/{resellerId}/settings/CustomProperties
func (s *BrokerCustomPropertiesService) List(ctx context.Context, call ...CallOption) ([]BrokerCustomProperty, *Response, error) {
	return opBrokerCustomPropertiesList.do(ctx, s.client, nil, nil, nil, call)
}

// TypedCustomProperty is one custom-property value from an organization or user answer,
// typed by the broker's definition of the property (see DecodeCustomProperties).
type TypedCustomProperty struct {
	// ID is the custom property's id.
	ID string
	// Name is the definition's name; empty when no definition has this id.
	Name string
	// Type is the definition's kind; empty when no definition has this id.
	Type CustomPropertyType
	// Value is the value as text: a JSON string's text, a number's or boolean's literal, ""
	// for null. For a dropdown it is whatever Cloudmore sent (the choice; whether its text
	// or its id is not documented).
	Value string
	// Checked is a checkbox's state: true for "1", "true" or true (Cloudmore's example sends
	// "1" for checked), false for "0", "false", false, "" or null. False for other kinds.
	Checked bool
}

// DecodeCustomProperties types the custom-property values of an organization or user answer.
// Those answers are not documented, so OrganizationDetails and UserDetails keep them only in
// Raw; the property's kind is known from the broker's definitions
// (c.Broker.CustomProperties.List). raw is either the customProperties array itself or a
// whole object such as OrganizationDetails.Raw, whose "customProperties" member is used (the
// name the create bodies use); an object without it, null or empty input give nil and no
// error. Each element is read as {"id": ..., "value": ...}, the shape of the create bodies;
// an element without an id, or a checkbox whose value is not a boolean, is an error.
//
//	defs, _, err := client.Broker.CustomProperties.List(ctx)
//	org, _, err := client.Organizations.Get(ctx, orgID)
//	props, err := cloudmore.DecodeCustomProperties(defs, org.Raw)
func DecodeCustomProperties(defs []BrokerCustomProperty, raw []byte) ([]TypedCustomProperty, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var obj struct {
			CustomProperties json.RawMessage `json:"customProperties"`
		}
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, fmt.Errorf("cloudmore: custom properties: %w", err)
		}
		raw = bytes.TrimSpace(obj.CustomProperties)
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var elems []struct {
		ID    json.RawMessage `json:"id"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, fmt.Errorf("cloudmore: custom properties: %w", err)
	}
	byID := make(map[string]BrokerCustomProperty, len(defs))
	for _, d := range defs {
		byID[strings.ToLower(d.ID)] = d
	}
	out := make([]TypedCustomProperty, 0, len(elems))
	for i, e := range elems {
		id := jsonValueText(e.ID)
		if id == "" {
			return nil, fmt.Errorf("cloudmore: custom properties[%d]: no id", i)
		}
		p := TypedCustomProperty{ID: id, Value: jsonValueText(e.Value)}
		if d, ok := byID[strings.ToLower(id)]; ok {
			p.Name, p.Type = d.Name, d.Type
		}
		if p.Type == CustomPropertyCheckbox {
			switch strings.ToLower(strings.TrimSpace(p.Value)) {
			case "1", "true":
				p.Checked = true
			case "0", "false", "":
			default:
				return nil, fmt.Errorf("cloudmore: custom property %q (checkbox): value %q is not a boolean", id, truncate(p.Value, 64))
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// jsonValueText is jsonScalarText that also gives a boolean's literal ("true", "false").
func jsonValueText(raw json.RawMessage) string {
	switch t := string(bytes.TrimSpace(raw)); t {
	case "true", "false":
		return t
	}
	return jsonScalarText(raw)
}
