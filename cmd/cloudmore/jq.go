package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"reflect"
	"sort"
	"strconv"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// --jq EXPR: a jq filter (gojq, a jq written in Go) over the whole result of a command, once:
// a list command's whole list (the SDK's list methods answer every item), the billing
// report's every line. Its results are printed as jq prints them: in json each on its own,
// indented (jq's default); in jsonl each on one line (jq -c); in yaml each a document. In
// table and csv they are the rows: one result is the result (a list gives its elements as
// rows), several are a list. Money keeps its scale unless the filter computes with it; an
// object the filter passes through keeps its members' order, one it builds has its members
// sorted (gojq's order). The filter sees no environment variable ($ENV is empty), so it can
// print no secret.

// outputFlags checks --jq and --columns before anything is sent: an expression that is not
// jq, an empty column name, and --columns with an output that has no columns are usage
// errors (exit 2).
func (a *app) outputFlags(cmd *cobra.Command) error {
	fs := cmd.Flags()
	if fs.Changed("jq") {
		code, err := compileJQ(a.jqExpr)
		if err != nil {
			return err
		}
		a.jq = code
	}
	if fs.Changed("columns") {
		cols, err := parseColumns(a.colsFlag)
		if err != nil {
			return err
		}
		if a.output != "" && a.output != "table" && a.output != "csv" {
			return usagef("--columns picks the columns of table and csv output, not of -o %s", a.output)
		}
		a.columns = cols
	}
	return nil
}

// compileJQ parses and compiles a --jq expression (an undefined function is found here too).
func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, usagef("--jq %q: %v", expr, err)
	}
	code, err := gojq.Compile(q) // no environ loader: $ENV and env are empty
	if err != nil {
		return nil, usagef("--jq %q: %v", expr, err)
	}
	return code, nil
}

// filter runs --jq over g, the whole result, and returns its results.
func (a *app) filter(ctx context.Context, g any) ([]any, error) {
	orig := map[uintptr]passed{}
	iter := a.jq.RunWithContext(ctx, toJQ(g, orig))
	var out []any
	for {
		v, ok := iter.Next()
		if !ok {
			return out, nil
		}
		if err, ok := v.(error); ok {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil { // halt: stop here, no error
				return out, nil
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("--jq %q failed on the answer: %w", a.jqExpr, err)
		}
		out = append(out, fromJQ(v, orig))
	}
}

// rows is the filter's results as one value for a table or csv: the one result, or the list
// of them.
func rows(results []any) any {
	if len(results) == 1 {
		return results[0]
	}
	if results == nil {
		return []any{}
	}
	return results
}

// writeResults writes the filter's results in json, jsonl or yaml, each on its own.
func (a *app) writeResults(w io.Writer, format string, results []any) error {
	if format == "yaml" {
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		for _, r := range results {
			if err := enc.Encode(yamlNode(r)); err != nil {
				return err
			}
		}
		return enc.Close()
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if format == "json" {
		enc.SetIndent("", "  ")
	}
	for _, r := range results {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// passed is an object of the answer and the map the filter sees for it (held, so that no map
// the filter builds can take its address).
type passed struct {
	m map[string]any
	o *object
}

// toJQ converts a decoded answer into gojq's values: an object is a map (recorded in orig,
// to give it back its members' order), numbers stay json.Number (their text as sent).
func toJQ(v any, orig map[uintptr]passed) any {
	switch x := v.(type) {
	case *object:
		m := make(map[string]any, len(x.keys))
		for _, k := range x.keys {
			m[k] = toJQ(x.vals[k], orig)
		}
		orig[reflect.ValueOf(m).Pointer()] = passed{m, x}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toJQ(e, orig)
		}
		return out
	}
	return v
}

// fromJQ converts a gojq value back: a map the filter passed through has its members in the
// order of the object it came from, a map it built has them sorted; numbers are json.Number.
func fromJQ(v any, orig map[uintptr]passed) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		if p, ok := orig[reflect.ValueOf(x).Pointer()]; ok && len(p.o.keys) == len(x) {
			keys = append(keys, p.o.keys...)
		} else {
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
		}
		o := newObject()
		for _, k := range keys {
			o.set(k, fromJQ(x[k], orig))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromJQ(e, orig)
		}
		return out
	case int:
		return json.Number(strconv.Itoa(x))
	case *big.Int:
		return json.Number(x.String())
	case float64:
		b, err := gojq.Marshal(x) // jq's form: NaN is null, infinities the largest numbers
		if err != nil || string(b) == "null" {
			return nil
		}
		return json.Number(b)
	}
	return v
}
