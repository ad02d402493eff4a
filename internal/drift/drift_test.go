package drift

import (
	"bytes"
	"testing"
)

// TestWrite: the report opens with a summary by kind; models the document does not name are
// counted and listed last, so that they do not bury the rest.
func TestWrite(t *testing.T) {
	fs := []Finding{
		{Kind: ModelNotInDocument, Model: "AViewModel", GoType: "A", Detail: "the document has no model of this name"},
		{Kind: ModelNotInDocument, Model: "BViewModel", GoType: "B", Detail: "the document has no model of this name"},
		{Kind: PropertyNotInSDK, Model: "OrganizationViewModel", GoType: "Organization", Name: "vat", Detail: "string"},
		{Kind: OperationNotInSDK, Operation: "GET /api/x"},
		{Kind: Type, Model: "UserViewModel", GoType: "User", Name: "id", Detail: "not a string"},
	}
	var b bytes.Buffer
	if err := Write(&b, fs); err != nil {
		t.Fatal(err)
	}
	want := "5 differences: 1 operation-not-in-sdk, 1 property-not-in-sdk, 1 type, 2 model-not-in-document\n" +
		"operation-not-in-sdk:\n  GET /api/x\n" +
		"property-not-in-sdk:\n  OrganizationViewModel (Organization)  vat: string\n" +
		"type:\n  UserViewModel (User)  id: not a string\n" +
		"model-not-in-document (the document has no model of the name the SDK's doc comment gives; the name may be a guess):\n" +
		"  AViewModel (A)\n  BViewModel (B)\n" +
		"5 differences\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if k := fs[2].Key(); k != "property-not-in-sdk OrganizationViewModel vat" {
		t.Errorf("key %q", k)
	}
	if fs[0].Kind != ModelNotInDocument {
		t.Error("Write reordered its argument")
	}
	b.Reset()
	_ = Write(&b, nil)
	if b.String() != "no differences\n" {
		t.Errorf("empty: %q", b.String())
	}
}

func TestKinds(t *testing.T) {
	if !IsKind(PathCase) || IsKind("path_case") || len(Kinds()) != 13 || Kinds()[len(Kinds())-1] != ModelNotInDocument {
		t.Errorf("kinds %v", Kinds())
	}
	s := Summary([]Finding{{Kind: ModelNotInDocument}, {Kind: Enum}, {Kind: Enum}})
	if len(s) != 2 || s[0] != (KindCount{Enum, 2}) || s[1] != (KindCount{ModelNotInDocument, 1}) {
		t.Errorf("summary %v", s)
	}
}
