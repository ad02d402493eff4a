// Package jsonx is the SDK's one door to the JSON v2 decoder. It wraps
// github.com/go-json-experiment/json (pinned to the last version whose go
// directive is 1.24) so that moving to the standard library's encoding/json/v2
// and encoding/json/jsontext, once the module may require a Go release that has
// them, means changing the two imports below and nothing else.
//
// The SDK uses it where throughput and memory matter: billing reports of
// hundreds of megabytes, decoded one organization at a time.
package jsonx

import (
	"io"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Decoder reads a stream of JSON tokens and values.
type Decoder = jsontext.Decoder

// Token is one JSON token: a delimiter, a name, or a scalar.
type Token = jsontext.Token

// Kind is the kind of the next token ('{', '[', '"', '0', 'n', 't', 'f', '}', ']').
type Kind = jsontext.Kind

// Value is the raw text of one JSON value.
type Value = jsontext.Value

// options makes v2 read what encoding/json (v1) reads: member names match
// case-insensitively, duplicate names and invalid UTF-8 are tolerated.
func options() json.Options {
	return json.JoinOptions(
		json.MatchCaseInsensitiveNames(true),
		jsontext.AllowDuplicateNames(true),
		jsontext.AllowInvalidUTF8(true),
	)
}

// NewDecoder returns a decoder reading from r with the SDK's tolerant options.
func NewDecoder(r io.Reader) *Decoder {
	return jsontext.NewDecoder(r, options())
}

// UnmarshalDecode decodes the next value of dec into out.
func UnmarshalDecode(dec *Decoder, out any) error {
	return json.UnmarshalDecode(dec, out)
}

// Unmarshal decodes b into out with the SDK's tolerant options.
func Unmarshal(b []byte, out any) error {
	return json.Unmarshal(b, out, options())
}
