package main

import (
	"bytes"
	"encoding/json"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// An empty list prints its header row in table and csv (as doctl does), [] in json and
// yaml, nothing in jsonl; when no header can be known (a raw answer, a model whose members are
// all in Raw) or --no-header leaves it out, a table says "no items" on stderr. Before, a table
// printed an empty (bold) line and csv an empty record.
func TestEmptyListPrintsHeader(t *testing.T) {
	type addr struct {
		City string `json:"city"`
	}
	type item struct {
		ID      string            `json:"id"`
		Price   cloudmore.Decimal `json:"price"`
		Address *addr             `json:"address,omitempty"`
		Tags    []string          `json:"tags"`
		Raw     json.RawMessage   `json:"-"`
	}
	type rawOnly struct {
		Raw json.RawMessage `json:"-"`
	}
	cases := []struct {
		name     string
		v        any
		format   string
		noHeader bool
		cols     []string
		out, err string
	}{
		{"table", []item{}, "table", false, nil, "ID  PRICE\n", ""},
		{"table nil slice", []item(nil), "table", false, nil, "ID  PRICE\n", ""},
		{"table pointers", []*item{}, "table", false, nil, "ID  PRICE\n", ""},
		{"table default columns", []item{}, "table", false, []string{"price", "address.city"}, "PRICE  ADDRESS.CITY\n", ""},
		{"csv", []item{}, "csv", false, []string{"price"}, "id,price,address.city,tags\n", ""},
		{"table no header", []item{}, "table", true, nil, "", "no items\n"},
		{"csv no header", []item{}, "csv", true, nil, "", ""},
		{"table raw only", []rawOnly{}, "table", false, nil, "", "no items\n"},
		{"table raw answer", json.RawMessage("[]"), "table", false, nil, "", "no items\n"},
		{"csv raw answer", json.RawMessage("[]"), "csv", false, nil, "", ""},
		{"table empty object", json.RawMessage("{}"), "table", false, []string{"id"}, "", "nothing to show as a table; try -o json\n"},
		{"table empty object, detail", json.RawMessage("{}"), "table", false, nil, "", "nothing to show as a table; try -o json\n"},
		{"csv empty object", json.RawMessage("{}"), "csv", false, nil, "", ""},
		{"json", []item{}, "json", false, nil, "[]\n", ""},
		{"jsonl", []item{}, "jsonl", false, nil, "", ""},
		{"yaml", []item{}, "yaml", false, nil, "[]\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, output: c.format, noHeader: c.noHeader}
			if err := a.print(nil, c.v, c.cols...); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.out || errb.String() != c.err {
				t.Errorf("stdout %q stderr %q, want %q and %q", out.String(), errb.String(), c.out, c.err)
			}
		})
	}
}

// An empty billing report as a table prints the report's header, not an empty line.
func TestEmptyBillingTablePrintsHeader(t *testing.T) {
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, output: "table"}
	lw := newLineWriter(a, &out)
	if err := lw.close(); err != nil {
		t.Fatal(err)
	}
	want := "BILLINGDATE  ORGANIZATIONNAME  SERVICENAME  PRODUCTNAME  QUANTITY  UNITPRICE  TOTALPRICE  CURRENCYCODE\n"
	if out.String() != want || errb.Len() != 0 {
		t.Errorf("stdout %q stderr %q", out.String(), errb.String())
	}
}
