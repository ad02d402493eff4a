// Package swaggercheck compares a Swagger 2.0 or OpenAPI 3 document of Cloudmore's API with
// the SDK (as internal/metadata describes it), both ways: operations, query parameters and
// models. Findings are internal/drift's.
package swaggercheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// ErrUnreadable matches the error of a document that cannot be read or parsed.
var ErrUnreadable = errors.New("the document cannot be read")

type unreadable struct{ err error }

func (e *unreadable) Error() string        { return e.err.Error() }
func (e *unreadable) Unwrap() error        { return e.err }
func (e *unreadable) Is(target error) bool { return target == ErrUnreadable }

func unreadablef(format string, args ...any) error {
	return &unreadable{fmt.Errorf(format, args...)}
}

// Fetch reads a document from a file or an http(s) URL.
func Fetch(ctx context.Context, src string) ([]byte, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
		if err != nil {
			return nil, unreadablef("%s: %v", src, err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, unreadablef("%s: %v", src, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, unreadablef("%s: %s", src, resp.Status)
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		if err != nil {
			return nil, unreadablef("%s: %v", src, err)
		}
		return b, nil
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return nil, unreadablef("%v", err)
	}
	return b, nil
}

// Parse reads a Swagger 2.0 or OpenAPI 3.x document, JSON or YAML, as OpenAPI 3.
func Parse(data []byte) (*openapi3.T, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	js := data
	if t := bytes.TrimSpace(data); len(t) == 0 || t[0] != '{' {
		var v any
		if err := yaml.Unmarshal(data, &v); err != nil {
			return nil, unreadablef("neither JSON nor YAML: %v", err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, unreadablef("YAML that is not a JSON document: %v", err)
		}
		js = b
	}
	var head struct {
		Swagger string `json:"swagger"`
		OpenAPI string `json:"openapi"`
	}
	if err := json.Unmarshal(js, &head); err != nil {
		return nil, unreadablef("not a JSON object: %v", err)
	}
	switch {
	case strings.HasPrefix(head.Swagger, "2."):
		var d2 openapi2.T
		if err := json.Unmarshal(js, &d2); err != nil {
			return nil, unreadablef("Swagger 2.0: %v", err)
		}
		d3, err := openapi2conv.ToV3(&d2)
		if err != nil {
			return nil, unreadablef("Swagger 2.0: %v", err)
		}
		return d3, nil
	case strings.HasPrefix(head.OpenAPI, "3."):
		loader := openapi3.NewLoader()
		d3, err := loader.LoadFromData(js)
		if err != nil {
			return nil, unreadablef("OpenAPI %s: %v", head.OpenAPI, err)
		}
		return d3, nil
	}
	return nil, unreadablef("neither a Swagger 2.0 document (\"swagger\": \"2.0\") nor an OpenAPI 3 one (\"openapi\": \"3.x\")")
}
