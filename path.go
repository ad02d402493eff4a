package cloudmore

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pathArg is one value for a {placeholder} of a path template.
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

// maxSegment is the longest path segment sent: http.sys, in front of every IIS-hosted .NET
// API, refuses a segment longer than 260 characters (its UrlSegmentMaxLength default).
const maxSegment = 260

// unsafeInSegment are the characters that cannot reach an IIS-hosted route inside one path
// segment even when escaped: slashes (%2F and %5C are turned back into separators), "%"
// (%25 decodes to a new escape, which IIS request filtering refuses as double escaping) and
// "+" (refused by the same default, allowDoubleEscaping=false). Other characters ("?", "#",
// spaces) are escaped and reach the route as they are.
const unsafeInSegment = "/\\%+"

// checkSegment refuses, before the network and naming the field, any value that a server
// could never take as one path segment, whatever the character or length: empty, "." or
// "..", a character of unsafeInSegment, a control or space character, invalid UTF-8, a value
// ending in a dot or a space (Windows drops them), or longer than maxSegment once escaped.
// As "%", "/" and "\" are refused, no id can hide a dot segment behind an escape ("%2e%2e",
// "..%2f").
func checkSegment(a pathArg) error {
	v := a.value
	switch {
	case v == "":
		return invalid(a.field, "required")
	case v == "." || v == "..":
		return invalid(a.field, "%q is not an id", v)
	case a.guid:
		if !isGUID(v) {
			return invalid(a.field, "%q is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", truncate(strings.ToValidUTF8(v, "?"), 64))
		}
		return nil
	case !utf8.ValidString(v):
		return invalid(a.field, "is not valid UTF-8")
	case strings.ContainsAny(v, unsafeInSegment):
		i := strings.IndexAny(v, unsafeInSegment)
		return invalid(a.field, "%q must not contain %q: no server route takes it inside one path segment", truncate(v, 64), v[i:i+1])
	case strings.HasSuffix(v, ".") || strings.HasSuffix(v, " "):
		return invalid(a.field, "%q must not end in a dot or a space (IIS drops them)", truncate(v, 64))
	case len(url.PathEscape(v)) > maxSegment:
		return invalid(a.field, "is %d characters long escaped; a path segment takes at most %d", len(url.PathEscape(v)), maxSegment)
	}
	for _, r := range v {
		if unicode.IsControl(r) || r == 0x7f || (unicode.IsSpace(r) && r != ' ') || r == 0xfeff {
			return invalid(a.field, "contains a control or line-break character")
		}
	}
	return nil
}
