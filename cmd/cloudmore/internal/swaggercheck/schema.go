package swaggercheck

import "github.com/getkin/kin-openapi/openapi3"

// The schema readers swagger check uses, for the other tools that read the same document
// (internal/typegen): one way to resolve a reference and to merge a model's allOf members.

// Resolve returns the schema ref stands for, following references within doc; nil when it
// cannot be resolved.
func Resolve(doc *openapi3.T, ref *openapi3.SchemaRef) *openapi3.Schema {
	return (&checker{doc: doc}).schema(ref)
}

// RefName returns the model name of a local reference ("#/components/schemas/X" or
// "#/definitions/X"), or "".
func RefName(ref string) string { return refName(ref) }

// Properties returns a model's properties and its required ones, allOf members merged.
func Properties(doc *openapi3.T, s *openapi3.Schema) (map[string]*openapi3.SchemaRef, map[string]bool) {
	return (&checker{doc: doc}).properties(s)
}

// SchemaType returns a schema's type ("string", "object", ...) other than "null", or "".
func SchemaType(s *openapi3.Schema) string { return schemaType(s) }
