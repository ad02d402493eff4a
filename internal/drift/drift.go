// Package drift is the finding format shared by `cloudmore swagger check` and the integration
// suite's strict mode (CLOUDMORE_STRICT), so that the two reports read side by side: one
// finding per difference between the SDK and Cloudmore's API, with its kind, the operation or
// model it is about, and the name involved.
package drift

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Kinds of finding.
const (
	// OperationNotInSDK: the document has an operation no SDK method names.
	OperationNotInSDK = "operation-not-in-sdk"
	// OperationNotInDocument: an SDK method names an operation the document lacks.
	OperationNotInDocument = "operation-not-in-document"
	// PathCase: the document spells an SDK operation's path in another case.
	PathCase = "path-case"
	// QueryParamNotInSDK: the document has a query parameter the SDK does not send.
	QueryParamNotInSDK = "query-param-not-in-sdk"
	// QueryParamNotInDocument: the SDK sends a query parameter the document lacks.
	QueryParamNotInDocument = "query-param-not-in-document"
	// QueryParamRequired: the document requires a query parameter the SDK treats as optional.
	QueryParamRequired = "query-param-required"
	// ModelNotInDocument: a `Cloudmore model:` line names a model the document lacks.
	ModelNotInDocument = "model-not-in-document"
	// PropertyNotInSDK: the document's model has a property the SDK's type lacks (what to
	// type next). The integration suite's strict mode reports an answer member the models
	// lack with this kind too.
	PropertyNotInSDK = "property-not-in-sdk"
	// FieldNotInDocument: the SDK's type has a field the document's model lacks.
	FieldNotInDocument = "field-not-in-document"
	// Type: the property's type or format differs in a way that matters.
	Type = "type"
	// Required: the document's required list and the SDK's validation differ.
	Required = "required"
	// MaxLength: the document's maxLength and the SDK's validation differ.
	MaxLength = "max-length"
	// Enum: the document lists enum values the SDK has no constant for.
	Enum = "enum"
)

// kinds are the kinds of finding, in the order a report lists them: what an operation lacks
// first, models the document does not name last (their names are often the SDK's guesses, and
// a long list of them would bury the rest).
var kinds = []string{OperationNotInSDK, OperationNotInDocument, PathCase, QueryParamNotInSDK, QueryParamNotInDocument,
	QueryParamRequired, PropertyNotInSDK, FieldNotInDocument, Type, Required, MaxLength, Enum, ModelNotInDocument}

// Kinds returns the kinds of finding, in the order a report lists them.
func Kinds() []string { return append([]string(nil), kinds...) }

// IsKind reports whether s is a kind of finding.
func IsKind(s string) bool {
	for _, k := range kinds {
		if k == s {
			return true
		}
	}
	return false
}

// rank is a kind's place in a report; an unknown kind goes before the models not named.
func rank(kind string) int {
	for i, k := range kinds {
		if k == kind {
			return i
		}
	}
	return len(kinds) - 1
}

// A Finding is one difference between the SDK and Cloudmore's API.
type Finding struct {
	// Kind is one of the kinds above.
	Kind string `json:"kind"`
	// Operation is "METHOD /path" for an operation or parameter finding.
	Operation string `json:"operation,omitempty"`
	// Model is the Swagger model name (with the SDK's Go type in GoType) for a model finding.
	Model  string `json:"model,omitempty"`
	GoType string `json:"goType,omitempty"`
	// Name is the parameter, property or field involved (the path for a path-case finding).
	Name string `json:"name,omitempty"`
	// Detail says what differs, in words.
	Detail string `json:"detail,omitempty"`
}

// Subject is the operation or the model the finding is about.
func (f Finding) Subject() string {
	if f.Operation != "" {
		return f.Operation
	}
	if f.GoType != "" {
		return f.Model + " (" + f.GoType + ")"
	}
	return f.Model
}

// String is the finding in one line: "kind  subject  name: detail".
func (f Finding) String() string {
	s := f.Kind + "  " + f.Subject()
	if f.Name != "" {
		s += "  " + f.Name
	}
	if f.Detail != "" {
		s += ": " + f.Detail
	}
	return s
}

// Key identifies a finding for an accept list: "kind subject name" without the detail.
func (f Finding) Key() string {
	subject := f.Operation
	if subject == "" {
		subject = f.Model
	}
	return strings.TrimSpace(strings.Join([]string{f.Kind, subject, f.Name}, " "))
}

// Sort orders findings by kind (in the order of Kinds: models the document does not name
// last), subject and name.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Kind != fs[j].Kind {
			if ri, rj := rank(fs[i].Kind), rank(fs[j].Kind); ri != rj {
				return ri < rj
			}
			return fs[i].Kind < fs[j].Kind
		}
		if fs[i].Subject() != fs[j].Subject() {
			return fs[i].Subject() < fs[j].Subject()
		}
		return fs[i].Name < fs[j].Name
	})
}

// KindCount is how many findings a report has of one kind.
type KindCount struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// Summary counts the findings by kind, in the order of Kinds.
func Summary(fs []Finding) []KindCount {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Kind]++
	}
	var out []KindCount
	for k, c := range n {
		out = append(out, KindCount{k, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if ri, rj := rank(out[i].Kind), rank(out[j].Kind); ri != rj {
			return ri < rj
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// Write prints a summary line by kind, then the findings (sorted as Sort does) one a line,
// grouped under a heading per kind, and their count.
func Write(w io.Writer, fs []Finding) error {
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "no differences")
		return err
	}
	fs = append([]Finding(nil), fs...)
	Sort(fs)
	var parts []string
	for _, kc := range Summary(fs) {
		parts = append(parts, fmt.Sprintf("%d %s", kc.Count, kc.Kind))
	}
	if _, err := fmt.Fprintf(w, "%d differences: %s\n", len(fs), strings.Join(parts, ", ")); err != nil {
		return err
	}
	kind := ""
	for _, f := range fs {
		if f.Kind != kind {
			kind = f.Kind
			heading := kind + ":"
			if kind == ModelNotInDocument {
				heading = kind + " (the document has no model of the name the SDK's doc comment gives; the name may be a guess):"
			}
			if _, err := fmt.Fprintln(w, heading); err != nil {
				return err
			}
		}
		line := "  " + f.Subject()
		if f.Name != "" {
			line += "  " + f.Name
		}
		if f.Detail != "" && f.Kind != ModelNotInDocument {
			line += ": " + f.Detail
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d differences\n", len(fs))
	return err
}
