package cloudmore

import (
	"encoding/json"
	"fmt"

	"github.com/cloudmore-sdk/cloudmore-go/internal/jsonx"
	"github.com/shopspring/decimal"
)

// reportDecoder decodes the organizations of a general billing report straight from JSON
// tokens, without reflection: a report of hundreds of megabytes is mostly these four levels
// (organization, service, subscription item, product), so they get a hand-written decoder.
// It reads what encoding/json would read into the same structs: member names match
// case-insensitively, unknown members are skipped, null leaves the zero value, a later
// duplicate member wins. Amounts go through a fast path for plain decimals.
//
// The scratch slices collect one level's elements before they are copied into a slice of the
// exact length, so that growing slices does not allocate several times over; they are reused
// from one organization to the next.
//
// Names, ids and codes of services and products repeat across the organizations of a report;
// they are interned (up to maxInterned distinct short strings), so that a report holds one copy
// of each and decoding allocates less.
type reportDecoder struct {
	dec *jsonx.Decoder
	// unknown collects the paths of members the models have no field for (reported to a
	// WithUnknownFieldHandler); nil until the first one.
	unknown map[string]struct{}
	svcs    []ServiceBilling
	items   []BillingItem
	prods   []BillingProduct
	intern  map[string]string
	decs    *[decCacheSize]decSlot
}

// decSlot is one entry of the decoder's cache of recent amounts. Quantities and unit prices
// repeat across a report; a Decimal is immutable, so equal amounts (same digits, same scale)
// can share one value instead of allocating one each.
type decSlot struct {
	x     int64
	scale int32
	set   bool
	d     decimal.Decimal
}

const decCacheSize = 1024 // a power of two

const (
	maxInterned    = 8192 // distinct strings kept by one decoder
	maxInternedLen = 64   // longer strings are not interned
)

// org decodes one organization.
func (d *reportDecoder) org(o *OrganizationBilling) error {
	return d.object(func(name []byte) error {
		switch {
		case nameIs(name, "name"):
			return d.str(&o.Name)
		case nameIs(name, "customerNumber"):
			return d.str(&o.CustomerNumber)
		case nameIs(name, "orgId"):
			return d.str(&o.OrganizationID)
		case nameIs(name, "services"):
			d.svcs = d.svcs[:0]
			isNull, err := d.array(func(i int) error {
				d.svcs = append(d.svcs, ServiceBilling{})
				if err := d.service(&d.svcs[len(d.svcs)-1]); err != nil {
					return fmt.Errorf("services[%d]: %w", i, err)
				}
				return nil
			})
			o.Services = exact(d.svcs, isNull)
			clear(d.svcs)
			return err
		}
		return d.skip("[].organizations[]", name)
	})
}

func (d *reportDecoder) service(s *ServiceBilling) error {
	return d.object(func(name []byte) error {
		switch {
		case nameIs(name, "serviceName"):
			return d.internedStr(&s.ServiceName)
		case nameIs(name, "serviceId"):
			return d.internedStr(&s.ServiceID)
		case nameIs(name, "totalResellerPrice"):
			return d.decimal(&s.TotalResellerPrice, "totalResellerPrice")
		case nameIs(name, "totalCustomerPrice"):
			return d.decimal(&s.TotalCustomerPrice, "totalCustomerPrice")
		case nameIs(name, "currencyCode"):
			return d.internedStr(&s.CurrencyCode)
		case nameIs(name, "items"):
			d.items = d.items[:0]
			isNull, err := d.array(func(i int) error {
				d.items = append(d.items, BillingItem{})
				if err := d.item(&d.items[len(d.items)-1]); err != nil {
					return fmt.Errorf("items[%d]: %w", i, err)
				}
				return nil
			})
			s.Items = exact(d.items, isNull)
			clear(d.items)
			return err
		}
		return d.skip("[].organizations[].services[]", name)
	})
}

func (d *reportDecoder) item(it *BillingItem) error {
	return d.object(func(name []byte) error {
		switch {
		case nameIs(name, "itemName"):
			return d.str(&it.ItemName)
		case nameIs(name, "quantity"):
			return d.decimal(&it.Quantity, "quantity")
		case nameIs(name, "totalResellerPrice"):
			return d.decimal(&it.TotalResellerPrice, "totalResellerPrice")
		case nameIs(name, "totalCustomerPrice"):
			return d.decimal(&it.TotalCustomerPrice, "totalCustomerPrice")
		case nameIs(name, "resellerPricePerUnit"):
			return d.decimal(&it.ResellerPricePerUnit, "resellerPricePerUnit")
		case nameIs(name, "customerPricePerUnit"):
			return d.decimal(&it.CustomerPricePerUnit, "customerPricePerUnit")
		case nameIs(name, "products"):
			d.prods = d.prods[:0]
			isNull, err := d.array(func(i int) error {
				d.prods = append(d.prods, BillingProduct{})
				if err := d.product(&d.prods[len(d.prods)-1]); err != nil {
					return fmt.Errorf("products[%d]: %w", i, err)
				}
				return nil
			})
			it.Products = exact(d.prods, isNull)
			clear(d.prods)
			return err
		}
		return d.skip("[].organizations[].services[].items[]", name)
	})
}

func (d *reportDecoder) product(p *BillingProduct) error {
	return d.object(func(name []byte) error {
		switch {
		case nameIs(name, "productName"):
			return d.internedStr(&p.ProductName)
		case nameIs(name, "productId"):
			return d.internedStr(&p.ProductID)
		case nameIs(name, "itemCode"):
			return d.internedStr(&p.ItemCode)
		case nameIs(name, "quantity"):
			return d.decimal(&p.Quantity, "quantity")
		case nameIs(name, "resellerPricePerUnit"):
			return d.decimal(&p.ResellerPricePerUnit, "resellerPricePerUnit")
		case nameIs(name, "customerPricePerUnit"):
			return d.decimal(&p.CustomerPricePerUnit, "customerPricePerUnit")
		case nameIs(name, "totalResellerPrice"):
			return d.decimal(&p.TotalResellerPrice, "totalResellerPrice")
		case nameIs(name, "totalCustomerPrice"):
			return d.decimal(&p.TotalCustomerPrice, "totalCustomerPrice")
		case nameIs(name, "itemDetails"):
			v, err := d.dec.ReadValue()
			if err != nil {
				return err
			}
			if v.Kind() == 'n' {
				p.ItemDetails = nil
			} else {
				p.ItemDetails = append(json.RawMessage(nil), v...)
			}
			return nil
		}
		return d.skip("[].organizations[].services[].items[].products[]", name)
	})
}

// maxUnknown bounds how many distinct unknown members one report records.
const maxUnknown = 100

// skip skips the value of a member the models do not know, noting where it was.
func (d *reportDecoder) skip(at string, name []byte) error {
	if len(d.unknown) < maxUnknown {
		if d.unknown == nil {
			d.unknown = map[string]struct{}{}
		}
		d.unknown[at+"."+string(name)] = struct{}{}
	}
	return d.dec.SkipValue()
}

// exact returns the elements of scratch in a slice of their exact length: nil for a JSON
// null, an empty slice for [].
func exact[T any](scratch []T, isNull bool) []T {
	if isNull {
		return nil
	}
	if len(scratch) == 0 {
		return []T{}
	}
	out := make([]T, len(scratch))
	copy(out, scratch)
	return out
}

// object reads a JSON object (or null), calling member for each member name. member must
// read the member's value (or skip it). The name is valid only until the next read.
func (d *reportDecoder) object(member func(name []byte) error) error {
	tok, err := d.dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		return nil
	case '{':
	default:
		return fmt.Errorf("expected an object, found %s", describeToken(tok))
	}
	for d.dec.PeekKind() != '}' {
		v, err := d.dec.ReadValue()
		if err != nil {
			return err
		}
		name, err := unquoteBytes(v)
		if err != nil {
			return err
		}
		if err := member(name); err != nil {
			return err
		}
	}
	_, err = d.dec.ReadToken()
	return err
}

// array reads a JSON array (or null, reported by isNull), calling elem for each element.
func (d *reportDecoder) array(elem func(i int) error) (isNull bool, err error) {
	tok, err := d.dec.ReadToken()
	if err != nil {
		return false, err
	}
	switch tok.Kind() {
	case 'n':
		return true, nil
	case '[':
	default:
		return false, fmt.Errorf("expected an array, found %s", describeToken(tok))
	}
	for i := 0; d.dec.PeekKind() != ']'; i++ {
		if err := elem(i); err != nil {
			return false, err
		}
	}
	_, err = d.dec.ReadToken()
	return false, err
}

// str reads a JSON string (null leaves dst as it is).
func (d *reportDecoder) str(dst *string) error {
	v, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	return d.strValue(dst, v)
}

func (d *reportDecoder) strValue(dst *string, v jsonx.Value) error {
	switch v.Kind() {
	case 'n':
		return nil
	case '"':
		b, err := unquoteBytes(v)
		if err != nil {
			return err
		}
		*dst = string(b)
		return nil
	}
	return fmt.Errorf("expected a string, found %s", truncate(string(v), 64))
}

// internedStr is str for values that repeat across a report.
func (d *reportDecoder) internedStr(dst *string) error {
	v, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	if v.Kind() != '"' {
		return d.strValue(dst, v)
	}
	b, err := unquoteBytes(v)
	if err != nil {
		return err
	}
	if len(b) > maxInternedLen {
		*dst = string(b)
		return nil
	}
	if s, ok := d.intern[string(b)]; ok {
		*dst = s
		return nil
	}
	s := string(b)
	if d.intern == nil {
		d.intern = make(map[string]string)
	}
	if len(d.intern) < maxInterned {
		d.intern[s] = s
	}
	*dst = s
	return nil
}

// decimal reads an amount: a JSON number or string, as Decimal.UnmarshalJSON reads it.
func (d *reportDecoder) decimal(dst *Decimal, field string) error {
	v, err := d.dec.ReadValue()
	if err != nil {
		return err
	}
	if x, scale, ok := fastDecimalParts(v); ok {
		if d.decs == nil {
			d.decs = new([decCacheSize]decSlot)
		}
		slot := &d.decs[(uint64(x)*0x9E3779B97F4A7C15+uint64(scale))>>54&(decCacheSize-1)]
		if !slot.set || slot.x != x || slot.scale != scale {
			*slot = decSlot{x: x, scale: scale, set: true, d: decimal.New(x, -scale)}
		}
		dst.v = slot.d
		return nil
	}
	if err := dst.UnmarshalJSON(v); err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	return nil
}

// unquoteBytes returns the content of a JSON string: a sub-slice of v when it has no
// escapes, else a new slice.
func unquoteBytes(v []byte) ([]byte, error) {
	if n := len(v); n >= 2 && v[0] == '"' && v[n-1] == '"' {
		inner := v[1 : n-1]
		for _, c := range inner {
			if c == '\\' {
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					return nil, err
				}
				return []byte(s), nil
			}
		}
		return inner, nil
	}
	return nil, fmt.Errorf("expected a string, found %s", truncate(string(v), 64))
}

// nameIs reports whether a member name matches want, ignoring ASCII case (as encoding/json
// matches names).
func nameIs(name []byte, want string) bool {
	if len(name) != len(want) {
		return false
	}
	for i := 0; i < len(name); i++ {
		a, b := name[i], want[i]
		if a == b {
			continue
		}
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// fastDecimal parses a JSON number or string holding [-]digits[.digits] with at most 18
// digits, keeping its scale as decimal.NewFromString does ("10.0000" has scale 4). ok is
// false for anything else (exponents, escapes, empty strings, null, more digits), which the
// caller parses with Decimal.UnmarshalJSON.
func fastDecimal(b []byte) (v decimal.Decimal, ok bool) {
	x, scale, ok := fastDecimalParts(b)
	if !ok {
		return v, false
	}
	return decimal.New(x, -scale), true
}

// fastDecimalParts is fastDecimal's parser: the digits as an integer and the scale.
func fastDecimalParts(b []byte) (x int64, scale int32, ok bool) {
	if n := len(b); n >= 2 && b[0] == '"' {
		if b[n-1] != '"' {
			return 0, 0, false
		}
		b = b[1 : n-1]
	}
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 || len(b) > 19 || b[0] == '.' {
		return 0, 0, false
	}
	digits, dot := 0, false
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			x = x*10 + int64(c-'0')
			digits++
			if dot {
				scale++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, false
		}
	}
	if digits > 18 || (dot && scale == 0) {
		return 0, 0, false
	}
	if neg {
		x = -x
	}
	return x, scale, true
}
