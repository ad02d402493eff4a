package typegen

import (
	"go/token"
	"strings"
	"unicode"
)

// initialisms are the words a Go name spells in capitals, as the SDK does (ID, URL, VAT,
// PONumber, HTTPHeader, CSPNCEService) and as Go's own style asks for the common ones.
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "csp": true, "css": true, "dns": true,
	"eof": true, "guid": true, "html": true, "http": true, "https": true, "id": true, "ip": true,
	"json": true, "nce": true, "po": true, "rpc": true, "sku": true, "sla": true, "smtp": true,
	"sql": true, "ssh": true, "tcp": true, "tls": true, "ttl": true, "udp": true, "ui": true,
	"uid": true, "uri": true, "url": true, "utf8": true, "uuid": true, "vat": true, "vm": true,
	"xml": true, "xsrf": true, "xss": true,
}

// pluralInitialisms are the initialisms whose plural keeps a small s (memberIds -> MemberIDs).
var pluralInitialisms = map[string]bool{"api": true, "guid": true, "id": true, "ip": true,
	"sku": true, "uri": true, "url": true, "uuid": true}

// GoName is the exported Go field name for a JSON member name, in the SDK's style: words at
// camelCase boundaries and punctuation, each capitalized, initialisms in capitals (id -> ID,
// url -> URL, httpHeader -> HTTPHeader, memberIds -> MemberIDs). It returns "" when no Go
// identifier can be made of the name (one that starts with a digit, for example).
func GoName(jsonName string) string {
	var b strings.Builder
	for _, w := range splitWords(jsonName) {
		l := strings.ToLower(w)
		switch {
		case initialisms[l]:
			b.WriteString(strings.ToUpper(l))
		case strings.HasSuffix(l, "s") && pluralInitialisms[strings.TrimSuffix(l, "s")]:
			b.WriteString(strings.ToUpper(strings.TrimSuffix(l, "s")) + "s")
		default:
			r := []rune(w)
			b.WriteString(string(unicode.ToUpper(r[0])) + string(r[1:]))
		}
	}
	name := b.String()
	if name == "" || !unicode.IsLetter([]rune(name)[0]) || !token.IsIdentifier(name) || !token.IsExported(name) {
		return ""
	}
	return name
}

// splitWords splits a JSON name at anything but letters and digits and at camelCase
// boundaries: "httpHeader" -> http Header, "HTTPHeader" -> HTTP Header, "address2" -> address2.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if unicode.IsUpper(r) && len(cur) > 0 {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}
