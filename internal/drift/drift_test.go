package drift

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	fs := []Finding{
		{Kind: PropertyNotInSDK, Model: "OrganizationViewModel", GoType: "Organization", Name: "vat", Detail: "string"},
		{Kind: OperationNotInSDK, Operation: "GET /api/x"},
	}
	Sort(fs)
	var b bytes.Buffer
	if err := Write(&b, fs); err != nil {
		t.Fatal(err)
	}
	want := "operation-not-in-sdk:\n  GET /api/x\nproperty-not-in-sdk:\n  OrganizationViewModel (Organization)  vat: string\n2 differences\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if k := fs[1].Key(); k != "property-not-in-sdk OrganizationViewModel vat" {
		t.Errorf("key %q", k)
	}
	b.Reset()
	_ = Write(&b, nil)
	if b.String() != "no differences\n" {
		t.Errorf("empty: %q", b.String())
	}
}
