package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

// The filter's results as printed: an object passed through keeps its members' order, one
// built has them sorted; numbers as sent keep their text (money its scale), computed ones are
// jq's (an integer, a float, a big integer; NaN is null).
func TestJQResults(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`.[0]`, `{"id":"b","price":9.40,"name":"Z"}`},
		{`.[0] | {price, name, id}`, `{"id":"b","name":"Z","price":9.40}`},
		{`.[0] | .price = 1`, `{"id":"b","name":"Z","price":1}`}, // a changed object is built anew
		{`[.[].price]`, `[9.40,10.00]`},
		{`.[0].price + 0`, `9.4`},
		{`[.[].price] | add`, `19.4`},
		{`length`, `2`},
		{`9007199254740993 * 1000`, `9007199254740993000`},
		{`nan`, `null`},
	}
	answer := json.RawMessage(`[{"id":"b","price":9.40,"name":"Z"},{"id":"a","price":10.00,"name":"Y"}]`)
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			code, err := compileJQ(c.expr)
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			a := &app{stdout: &out, stderr: &errb, output: "jsonl", getenv: func(string) string { return "" }, jq: code, jqExpr: c.expr}
			if err := a.printTo(context.Background(), &out, answer, nil); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != c.want+"\n" {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
