package cloudmore

import (
	"net/url"
	"strings"
)

type pathArg struct {
	field, value string
	guid         bool
}

// idArg is a path value that Cloudmore defines as a GUID; anything else is refused.
func idArg(field, value string) pathArg { return pathArg{field: field, value: value, guid: true} }

// segArg is a path value of unknown format: it must be a safe single segment.
func segArg(field, value string) pathArg { return pathArg{field: field, value: value} }

// brokerPath builds "/api/resellers/{resellerId}/" + tmpl, filling the placeholders of tmpl
// in order from args. Every value is checked (a GUID where Cloudmore uses GUIDs; never empty,
// ".", ".." or containing "/") and escaped with url.PathEscape.
func (c *Client) brokerPath(tmpl string, args ...pathArg) (string, error) {
	if c.prefix == "" {
		return "", invalid("resellerId", "required: create the client with WithResellerID")
	}
	return buildPath(c.prefix, tmpl, args)
}

// sellerPath builds "/api/sellers/{sellerId}/" + tmpl as brokerPath does for broker paths.
// A client without a seller id refuses every seller operation before the network.
func (c *Client) sellerPath(tmpl string, args ...pathArg) (string, error) {
	if c.sellerPrefix == "" {
		return "", invalid("sellerId", "required: create the client with WithSellerID (or use ForSeller)")
	}
	return buildPath(c.sellerPrefix, tmpl, args)
}

// id is a path value that Cloudmore defines as a GUID, named by its {placeholder}.
func id(value string) pathArg { return pathArg{value: value, guid: true} }

// seg is a path value of unknown format, named by its {placeholder}: it must be a safe single
// segment.
func seg(value string) pathArg { return pathArg{value: value} }

// buildPath returns prefix + tmpl with the placeholders of tmpl filled in order from args.
// A value without a field name is named by its placeholder ("{organizationId}" gives
// "organizationId"), so path parameters and ValidationError.Field follow one rule: the
// Swagger path's names. Every bad value is reported, not only the first.
func buildPath(prefix, tmpl string, args []pathArg) (string, error) {
	if len(args) == 0 && strings.IndexByte(tmpl, '{') < 0 {
		return prefix + tmpl, nil
	}
	var b strings.Builder
	b.Grow(len(prefix) + len(tmpl) + 40*len(args))
	b.WriteString(prefix)
	var v validator
	n := 0
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 || n >= len(args) {
			panic("cloudmore: bad path template " + tmpl) // a programming error in this package
		}
		a := args[n]
		n++
		if a.field == "" {
			a.field = tmpl[i+1 : i+j]
		}
		v.add(checkSegment(a))
		b.WriteString(tmpl[:i])
		b.WriteString(url.PathEscape(a.value))
		tmpl = tmpl[i+j+1:]
	}
	if n != len(args) {
		panic("cloudmore: path template and arguments differ")
	}
	if err := v.err(); err != nil {
		return "", err
	}
	return b.String(), nil
}

func checkSegment(a pathArg) error {
	switch {
	case a.value == "":
		return invalid(a.field, "required")
	case a.value == "." || a.value == "..":
		return invalid(a.field, "%q is not an id", a.value)
	case strings.ContainsAny(a.value, "/\\"):
		return invalid(a.field, "%q must not contain a slash", truncate(a.value, 64))
	case a.guid && !isGUID(a.value):
		return invalid(a.field, "%q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(a.value, 64))
	}
	for _, r := range a.value {
		if r < 0x20 || r == 0x7f {
			return invalid(a.field, "contains a control character")
		}
	}
	return nil
}

// newRequest builds a request for path (already built and escaped) with the query from
