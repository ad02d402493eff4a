// Package metadata is what the SDK knows about Cloudmore's API, embedded as sdk.json, so that a
// tool (cloudmore swagger check) can compare the SDK with a Swagger document without the
// source: the operations of the SDK's declarations (cloudmore.Operations, read by
// FromDeclarations) with the query parameters and bodies they send, and the models of the
// `Cloudmore model:` lines (read from the source by Extract) with their JSON fields, Go types
// and validation rules.
//
// sdk.json is generated: run `go generate ./internal/metadata` after changing the SDK;
// TestSDKJSONIsCurrent fails while it is stale.
package metadata

//go:generate go run ./gen

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// SDK is the SDK's description of the API.
type SDK struct {
	// Operations are the SDK's declared operations, by path and method.
	Operations []Operation `json:"operations"`
	// Models are the types with a `Cloudmore model:` line naming a Swagger model.
	Models []Model `json:"models"`
	// Types maps each package-level named type to its underlying kind: struct, string, int,
	// bool, float, slice, map, interface, func, or the name of another named type.
	Types map[string]string `json:"types"`
	// Enums maps a named non-struct type to the values of its constants (as JSON text).
	Enums map[string][]string `json:"enums,omitempty"`
}

// Operation is one Swagger operation the SDK calls.
type Operation struct {
	// Method and Path are the declaration's Swagger line.
	Method string `json:"method"`
	Path   string `json:"path"`
	// Methods are the Go methods that send the operation, "OrganizationsService.List".
	Methods []string `json:"methods"`
	// Query are the query parameters of the declared query type.
	Query []Param `json:"query,omitempty"`
	// Bodies are the Go types of the request bodies the methods send.
	Bodies []string `json:"bodies,omitempty"`
}

// Param is a query parameter from a query type's `url` tag.
type Param struct {
	Name string `json:"name"`
	// Required is true when the tag has no omitempty (the SDK always sends it).
	Required bool `json:"required,omitempty"`
	// Type is the Go type of the field.
	Type string `json:"type"`
	// Options is the Go Options type holding it.
	Options string `json:"options"`
}

// Model is a Go type standing for a Swagger model.
type Model struct {
	// Name is the Swagger model's name from the `Cloudmore model:` line.
	Name string `json:"name"`
	// GoType is the Go type.
	GoType string `json:"goType"`
	// Validated tells whether the type has a validate method (a request body): its Required
	// and MaxLength are then what the SDK checks.
	Validated bool `json:"validated,omitempty"`
	// Fields are the JSON fields, in declaration order.
	Fields []Field `json:"fields"`
}

// Field is one JSON field of a model.
type Field struct {
	JSON      string `json:"json"`
	GoName    string `json:"goName"`
	Type      string `json:"type"`
	OmitEmpty bool   `json:"omitempty,omitempty"`
	Required  bool   `json:"required,omitempty"`
	MaxLength int    `json:"maxLength,omitempty"`
}

//go:embed sdk.json
var sdkJSON []byte

// Load returns the embedded description of the SDK.
func Load() (*SDK, error) {
	var s SDK
	if err := json.Unmarshal(sdkJSON, &s); err != nil {
		return nil, fmt.Errorf("metadata: the embedded sdk.json: %w", err)
	}
	return &s, nil
}

// Kind resolves a Go type expression of the SDK to a basic kind: decimal, time, date, string,
// int, bool, float, slice, map, struct, any, or "" when unknown. A pointer is its element.
func (s *SDK) Kind(goType string) string {
	t := strings.TrimLeft(goType, "*")
	switch {
	case t == "Decimal":
		return "decimal"
	case t == "Time" || t == "time.Time":
		return "time"
	case t == "Date":
		return "date"
	case t == "string":
		return "string"
	case t == "bool":
		return "bool"
	case t == "int" || t == "int32" || t == "int64" || t == "uint" || t == "uint32" || t == "uint64":
		return "int"
	case t == "float32" || t == "float64":
		return "float"
	case strings.HasPrefix(t, "[]"):
		return "slice"
	case strings.HasPrefix(t, "map["):
		return "map"
	case t == "any" || t == "interface{}" || t == "json.RawMessage":
		return "any"
	}
	for range 8 {
		u, ok := s.Types[t]
		if !ok {
			return ""
		}
		switch u {
		case "struct", "string", "int", "bool", "float", "slice", "map":
			return u
		case "interface":
			return "any"
		}
		if k := s.Kind(u); k != "" {
			return k
		}
		t = u
	}
	return ""
}

// Generate returns the text of sdk.json for the SDK package in dir.
func Generate(dir string) ([]byte, error) {
	s, err := Extract(dir)
	if err != nil {
		return nil, err
	}
	s.Operations = FromDeclarations(cloudmore.Operations()) // the declarations, not the doc lines
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
