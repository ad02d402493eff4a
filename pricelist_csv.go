package cloudmore

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// priceChangeColumns are the columns of a price changes file, as UpdateOrganizationPriceRequest
// names its members, with the organization and the service first.
var priceChangeColumns = []string{"organizationId", "serviceId", "itemCode", "productId", "currencyCode",
	"salesPrice", "startupFee", "customServiceProduct", "segment"}

// priceChangeRequired are the columns every price changes file has.
var priceChangeRequired = []string{"organizationId", "serviceId", "currencyCode", "salesPrice"}

// maxBadRows is how many bad rows a refused price changes file lists; the rest are counted.
const maxBadRows = 100

// PriceChangeColumns returns the columns of a price changes file (ReadPriceChanges):
// organizationId, serviceId, itemCode, productId, currencyCode, salesPrice, startupFee,
// customServiceProduct and segment.
func PriceChangeColumns() []string { return append([]string(nil), priceChangeColumns...) }

// PriceChangeRow is one row of a price changes file: the change it asks for and the line of
// the file it starts on.
type PriceChangeRow struct {
	// Line is the row's line in the file (the header is line 1; blank lines count).
	Line int
	// Change is the organization price change the row asks for.
	Change OrganizationPriceChange
}

// ReadPriceChanges reads a price changes file for UpdateOrganizationPrices: CSV, a header row
// naming the columns (PriceChangeColumns, in any order and any case; organizationId,
// serviceId, currencyCode and salesPrice are required), then one change a row. itemCode names
// a Microsoft CSP product; productId with customServiceProduct=true a custom-service product.
// Amounts are written with a point before the decimals (9.40), without thousands separators.
//
// The file is taken whole or not at all. Every row is checked as UpdateOrganizationPrices
// checks a change before sending it, and for what only a file can get wrong: a row with more
// or fewer fields than the header (an unquoted decimal comma, 9,40, is two fields), an id that
// is not a GUID, an amount that is not a number, two rows that set the same price. When any
// row is bad, ReadPriceChanges returns no rows and a *ValidationError naming every bad row
// (the first 100), each Field as "line 7: salesPrice" or, for the whole row, "line 7".
func ReadPriceChanges(r io.Reader) ([]PriceChangeRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // a row of another length is reported with its line, not as a stop
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, invalid("line 1", "the file is empty: want a header row naming the columns %s", strings.Join(priceChangeColumns, ","))
	}
	if err != nil {
		return nil, csvInvalid(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // a spreadsheet's byte-order mark
	}
	col, err := priceChangeHeader(header)
	if err != nil {
		return nil, err
	}
	var rows []PriceChangeRow
	var v validator
	bad, first := 0, map[string]int{} // bad rows; the line of the first row setting each price
	report := func(line int, err error) {
		bad++
		if bad > maxBadRows {
			return
		}
		row := fmt.Sprintf("line %d", line)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			v.fail(row, "%v", err)
			return
		}
		for _, f := range ve.Fields {
			if f.Field == "" {
				v.fail(row, "%s", f.Reason)
			} else {
				v.fail(row+": "+f.Field, "%s", f.Reason)
			}
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil { // a broken quote: the lines after it cannot be told apart
			v.add(csvInvalid(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			hint := ""
			if len(rec) > len(header) {
				hint = " (a value with a comma must be quoted; write amounts as 9.40, not 9,40)"
			}
			report(line, invalid("", "%d fields where the header has %d%s", len(rec), len(header), hint))
			continue
		}
		ch, err := priceChangeFromRecord(rec, col)
		if err != nil {
			report(line, err)
			continue
		}
		k := ch.key()
		if l, dup := first[k]; dup {
			field := "itemCode"
			if ch.Update.CustomServiceProduct {
				field = "productId"
			}
			report(line, invalid(field, "sets the same price as line %d (the same organization, service, product and segment)", l))
			continue
		}
		first[k] = line
		rows = append(rows, PriceChangeRow{Line: line, Change: ch})
	}
	if bad > maxBadRows {
		v.fail("file", "%d more bad rows not listed", bad-maxBadRows)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, invalid("file", "no changes: the file has a header row only")
	}
	return rows, nil
}

// priceChangeHeader maps each column of a price changes file to its position.
func priceChangeHeader(header []string) (map[string]int, error) {
	var v validator
	col := map[string]int{}
	for i, h := range header {
		name := ""
		for _, c := range priceChangeColumns {
			if strings.EqualFold(strings.TrimSpace(h), c) {
				name = c
			}
		}
		switch _, twice := col[name]; {
		case name == "":
			v.fail("line 1", "column %d, %q, is not one of %s", i+1, truncate(h, 64), strings.Join(priceChangeColumns, ", "))
		case twice:
			v.fail("line 1", "column %s appears twice", name)
		default:
			col[name] = i
		}
	}
	for _, c := range priceChangeRequired {
		if _, ok := col[c]; !ok {
			v.fail("line 1", "no %s column (the columns: %s)", c, strings.Join(priceChangeColumns, ", "))
		}
	}
	return col, v.err()
}

// priceChangeFromRecord turns one row into a change and checks it as UpdateOrganizationPrices
// would before sending: a *ValidationError names every bad value of the row.
func priceChangeFromRecord(rec []string, col map[string]int) (OrganizationPriceChange, error) {
	get := func(c string) string {
		if i, ok := col[c]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var v validator
	ch := OrganizationPriceChange{OrganizationID: get("organizationId"), ServiceID: get("serviceId")}
	v.add(checkSegment(idArg("organizationId", ch.OrganizationID)))
	v.add(checkSegment(idArg("serviceId", ch.ServiceID)))
	u := &ch.Update
	u.ItemCode, u.ProductID, u.CurrencyCode = get("itemCode"), get("productId"), get("currencyCode")
	u.Segment = Segment(strings.ToLower(get("segment")))
	amount := func(c string) *Decimal {
		s := get(c)
		if s == "" {
			return nil // salesPrice: validate says it is required
		}
		d, err := NewDecimal(s)
		if err != nil {
			v.fail(c, "%q is not a number (write amounts as 9.40: a point before the decimals, no thousands separator)", truncate(s, 32))
			return nil
		}
		return &d
	}
	u.SalesPrice, u.StartupFee = amount("salesPrice"), amount("startupFee")
	kindKnown := true // whether customServiceProduct could be read: it decides how the product is named
	if s := get("customServiceProduct"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.fail("customServiceProduct", "%q is not true or false", truncate(s, 32))
			kindKnown = false
		}
		u.CustomServiceProduct = b
	}
	var ve *ValidationError
	if errors.As(u.validate(), &ve) {
		for _, f := range ve.Fields {
			switch {
			case f.Field == "salesPrice" && u.SalesPrice == nil && get("salesPrice") != "":
				continue // said already: not a number
			case (f.Field == "itemCode" || f.Field == "productId") && !kindKnown:
				continue
			}
			v.fail(f.Field, "%s", f.Reason)
		}
	}
	return ch, v.err()
}

// csvInvalid turns a CSV syntax error into a *ValidationError naming its line.
func csvInvalid(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return invalid(fmt.Sprintf("line %d", pe.StartLine), "%v (column %d)", pe.Err, pe.Column)
	}
	return invalid("file", "%v", err)
}
