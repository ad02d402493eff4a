package cloudmore

import (
	"errors"
	"strings"
	"testing"
)

const (
	csvOrg  = "ff0eb40d-26f9-4cbb-b431-10fe66bc838e"
	csvSvc  = "a65727d5-3d23-455d-9ee6-9c843e13dd0a"
	csvProd = "bf5f9d65-bdf7-4f99-9415-0fa642453554"
)

// TestReadPriceChanges: a good file gives one row per change with the line it starts on
// (blank lines and quoted line breaks counted), values trimmed, the header in any order and
// case, behind a spreadsheet's byte-order mark.
func TestReadPriceChanges(t *testing.T) {
	file := "\ufeffSalesPrice,organizationId,serviceId,productId,customServiceProduct,currencyCode,startupFee,segment,itemCode\n" +
		"120.50," + csvOrg + "," + csvSvc + "," + csvProd + ",true,GBP,,,\n" +
		"\n" +
		" 0.00 ," + csvOrg + "," + csvSvc + ",,false,SEK,5.00,Education,\"CFQ7TTC0LH18\n\"\n" +
		"18.5," + csvOrg + "," + csvSvc + ",,,SEK,,,CFQ7TTC0LH18\n"
	rows, err := ReadPriceChanges(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	r0, r1, r2 := rows[0], rows[1], rows[2]
	if r0.Line != 2 || r0.Change.OrganizationID != csvOrg || r0.Change.ServiceID != csvSvc || !r0.Change.Update.CustomServiceProduct ||
		r0.Change.Update.ProductID != csvProd || r0.Change.Update.SalesPrice.Text() != "120.50" || r0.Change.Update.StartupFee != nil ||
		r0.Change.Update.CurrencyCode != "GBP" {
		t.Errorf("row 0: %+v", r0)
	}
	// a quoted line break inside the item code: the next row starts two lines further on
	if r1.Line != 4 || r1.Change.Update.SalesPrice.Text() != "0.00" || r1.Change.Update.StartupFee.Text() != "5.00" ||
		r1.Change.Update.Segment != SegmentEducation || r1.Change.Update.ItemCode != "CFQ7TTC0LH18" {
		t.Errorf("row 1: %+v", r1)
	}
	if r2.Line != 6 || r2.Change.Update.SalesPrice.Text() != "18.5" {
		t.Errorf("row 2: %+v", r2)
	}
}

// TestReadPriceChangesRefusesTheWholeFile: every check that can be made before sending
// refuses the file (no rows), naming every bad row by its line, in one *ValidationError.
func TestReadPriceChangesRefusesTheWholeFile(t *testing.T) {
	const head = "organizationId,serviceId,productId,customServiceProduct,currencyCode,salesPrice\n"
	good := csvOrg + "," + csvSvc + "," + csvProd + ",true,GBP,"
	file := head +
		good + "120.50\n" + // line 2: good
		good + "9,40\n" + // line 3: a decimal comma: one field too many
		csvOrg + "," + csvSvc + "," + csvProd + ",true,GBP\n" + // line 4: one too few
		"not-a-guid," + csvSvc + "," + csvProd + ",true,GBP,1.00\n" + // line 5
		csvOrg + "," + csvSvc + ",bf5f9d65-bdf7-4f99-9415-0fa642453555,true,pounds,1.00\n" + // line 6
		csvOrg + "," + csvSvc + ",bf5f9d65-bdf7-4f99-9415-0fa642453556,true,GBP,-1.00\n" + // line 7
		csvOrg + "," + csvSvc + ",bf5f9d65-bdf7-4f99-9415-0fa642453557,true,GBP,\n" + // line 8
		csvOrg + "," + csvSvc + ",bf5f9d65-bdf7-4f99-9415-0fa642453558,true,GBP,abc\n" + // line 9
		"\n" +
		good + "99.00\n" + // line 11: the same product as line 2
		csvOrg + "," + csvSvc + ",bf5f9d65-bdf7-4f99-9415-0fa642453559,maybe,GBP,1.00\n" + // line 12
		csvOrg + ",," + csvProd + ",true,GBP,1.00\n" // line 13: no service
	rows, err := ReadPriceChanges(strings.NewReader(file))
	if rows != nil {
		t.Errorf("rows %+v, want none", rows)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrValidation) {
		t.Fatalf("err %v, want a *ValidationError", err)
	}
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Field)
	}
	want := []string{"line 3", "line 4", "line 5: organizationId", "line 6: currencyCode", "line 7: salesPrice",
		"line 8: salesPrice", "line 9: salesPrice", "line 11: productId", "line 12: customServiceProduct", "line 13: serviceId"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("fields\n%v\nwant\n%v\n(%v)", got, want, err)
	}
	for _, s := range []string{"7 fields where the header has 6 (a value with a comma must be quoted", "5 fields where the header has 6;", `"not-a-guid" is not a GUID`,
		`"pounds" is not an ISO 4217 code`, "-1.00 is negative", "salesPrice: required", `"abc" is not a number`,
		"sets the same price as line 2", `"maybe" is not true or false`} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("the error does not say %q: %v", s, err)
		}
	}
	if strings.Count(err.Error(), "line 9: salesPrice") != 1 {
		t.Errorf("line 9 reported more than once: %v", err)
	}
}

func TestReadPriceChangesHeaderAndSyntax(t *testing.T) {
	for name, tc := range map[string]struct{ file, want string }{
		"empty":          {"", "line 1: the file is empty"},
		"header only":    {"organizationId,serviceId,currencyCode,salesPrice\n", "file: no changes"},
		"unknown column": {"organizationId,serviceId,currencyCode,salesPrice,price\n", `line 1: column 5, "price", is not one of`},
		"twice":          {"organizationId,serviceId,currencyCode,salesPrice,SalesPrice\n", "line 1: column salesPrice appears twice"},
		"missing":        {"organizationId,serviceId,salesPrice\n", "line 1: no currencyCode column"},
		"broken quote": {"organizationId,serviceId,currencyCode,salesPrice,itemCode\n" + csvOrg + "," + csvSvc + ",GBP,1.00,X\n" +
			csvOrg + "," + csvSvc + `,GBP,1.00,a "b" c` + "\n", "line 3: bare \" in non-quoted-field"},
	} {
		_, err := ReadPriceChanges(strings.NewReader(tc.file))
		if !errors.Is(err, ErrValidation) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want it to say %q", name, err, tc.want)
		}
	}
}

// TestReadPriceChangesBoundsTheError: a file of many bad rows lists the first 100 and counts
// the rest, so the error stays small.
func TestReadPriceChangesBoundsTheError(t *testing.T) {
	var b strings.Builder
	b.WriteString("organizationId,serviceId,currencyCode,salesPrice,itemCode\n")
	for range 5000 {
		b.WriteString(csvOrg + "," + csvSvc + ",GBP,9,40,X\n")
	}
	_, err := ReadPriceChanges(strings.NewReader(b.String()))
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != maxBadRows+1 || !strings.Contains(err.Error(), "4900 more bad rows not listed") {
		t.Fatalf("%d fields: %.300v", len(ve.Fields), err)
	}
}
