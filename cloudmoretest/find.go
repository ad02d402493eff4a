package cloudmoretest

import (
	"net/http"
	"slices"
	"strings"
)

// keyed is a record the fake looks up by an id: an organization, a user, a service, a product,
// a subscription.
type keyed interface{ key() string }

func (o *org) key() string         { return o.id }
func (u *user) key() string        { return u.id }
func (svc *service) key() string   { return svc.id }
func (os *orgService) key() string { return os.serviceID }
func (p *product) key() string     { return p.id }
func (p *cspProduct) key() string  { return p.offerID }
func (p *nceProduct) key() string  { return p.itemCode() }
func (sub *customSub) key() string { return sub.id }
func (sub *cspSub) key() string    { return sub.id }

// indexOf returns the index of the record of xs whose key is id, compared case-insensitively
// as Cloudmore compares GUIDs, or -1.
func indexOf[T keyed](xs []T, id string) int {
	return slices.IndexFunc(xs, func(x T) bool { return strings.EqualFold(x.key(), id) })
}

// find returns the record of xs whose key is id, or nil.
func find[T keyed](xs []T, id string) T {
	var none T
	if i := indexOf(xs, id); i >= 0 {
		return xs[i]
	}
	return none
}

// findOr404 is find that answers 404 "<what> '<id>' was not found." when there is no such
// record.
func findOr404[T keyed](w http.ResponseWriter, xs []T, id, what string) T {
	var none T
	if i := indexOf(xs, id); i >= 0 {
		return xs[i]
	}
	notFound(w, "%s '%s' was not found.", what, id)
	return none
}

// listOf maps records to their JSON shape. The result is never nil, so that an empty list is
// written as [] rather than null.
func listOf[T, J any](xs []T, toJSON func(T) J) []J {
	out := make([]J, 0, len(xs))
	for _, x := range xs {
		out = append(out, toJSON(x))
	}
	return out
}

// remove returns xs without the record x (the slice is changed in place).
func remove[T comparable](xs []T, x T) []T {
	return slices.DeleteFunc(xs, func(y T) bool { return y == x })
}

// setTrimmed sets *dst to the trimmed *src when the body sent src (a PUT changes only the
// fields it sends).
func setTrimmed(dst, src *string) {
	if src != nil {
		*dst = strings.TrimSpace(*src)
	}
}
