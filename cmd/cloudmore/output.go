package main

import (
	"bytes"
	"encoding"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

var outputFormats = []string{"table", "json", "jsonl", "csv", "yaml"}

func validOutput(f string) bool {
	if f == "" {
		return true
	}
	for _, o := range outputFormats {
		if f == o {
			return true
		}
	}
	return false
}

// format is the output format: -o, else table on a terminal and json otherwise.
func (a *app) format() string {
	if a.output != "" {
		return a.output
	}
	if isTerminal(a.stdout) {
		return "table"
	}
	return "json"
}

// print writes v to stdout in the output format. cols are the table's default columns
// (JSON member names, dotted for nested members); with none, the first scalar members.
func (a *app) print(_ *cobra.Command, v any, cols ...string) error {
	g, err := generic(v)
	if err != nil {
		return err
	}
	if l, ok := g.([]any); ok && len(l) == 0 {
		return a.writeEmpty(a.stdout, a.format(), reflect.TypeOf(v), cols)
	}
	return a.write(a.stdout, a.format(), g, cols)
}

// writeEmpty writes an empty list: [] in json and yaml, nothing in jsonl, and in table and
// csv the header row of the list's columns (as doctl does), taken from the default columns or
// the element type's JSON members. When no header row can be written (--no-header, or an
// element type whose members are not known, such as a raw JSON answer), a table says
// "no items" on stderr instead of printing nothing at all.
func (a *app) writeEmpty(w io.Writer, format string, t reflect.Type, cols []string) error {
	switch format {
	case "json", "jsonl", "yaml":
		return a.write(w, format, []any{}, cols)
	}
	all := format == "csv"
	if all || len(cols) == 0 {
		cols = typeColumns(t, all)
	}
	if len(cols) == 0 || a.noHeader {
		if format != "csv" {
			fmt.Fprintln(a.stderr, "no items")
		}
		return nil
	}
	if all {
		cw := csv.NewWriter(w)
		_ = cw.Write(cols)
		cw.Flush()
		return cw.Error()
	}
	return a.writeHeader(w, cols)
}

// writeHeader writes a table's header row.
func (a *app) writeHeader(w io.Writer, cols []string) error {
	hs := make([]string, len(cols))
	for i, c := range cols {
		hs[i] = strings.ToUpper(c)
	}
	line := strings.Join(hs, "  ")
	if a.color(a.stdout) {
		line = "\x1b[1m" + line + "\x1b[0m"
	}
	_, err := fmt.Fprintln(w, line)
	return err
}

var (
	jsonMarshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	textMarshaler = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

// typeColumns are the columns of a list whose element type is the element of t (a slice, or
// a pointer to one): its JSON members, only the scalar ones for a table (the first 8), nested
// structs dotted for csv. None when t is not a list of structs.
func typeColumns(t reflect.Type, all bool) []string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Slice {
		return nil
	}
	e := t.Elem()
	for e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	if e.Kind() != reflect.Struct || marshals(e) {
		return nil
	}
	var cols []string
	structColumns(e, "", all, &cols)
	if !all && len(cols) > 8 {
		cols = cols[:8]
	}
	return cols
}

func marshals(t reflect.Type) bool {
	return t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) ||
		t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)
}

func structColumns(t reflect.Type, prefix string, all bool, cols *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		isStruct := ft.Kind() == reflect.Struct && !marshals(ft)
		if f.Anonymous && name == "" && isStruct {
			structColumns(ft, prefix, all, cols)
			continue
		}
		if name == "" {
			name = f.Name
		}
		if prefix != "" {
			name = prefix + "." + name
		}
		switch {
		case isStruct && all:
			structColumns(ft, name, all, cols)
		case isStruct, !all && (ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map || ft.Kind() == reflect.Array) && !marshals(ft):
			// not a table cell
		default:
			*cols = append(*cols, name)
		}
	}
}

func (a *app) write(w io.Writer, format string, g any, cols []string) error {
	switch format {
	case "json":
		if g == nil {
			g = []any{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(g)
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if list, ok := g.([]any); ok {
			for _, e := range list {
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
			return nil
		}
		if g == nil {
			return nil
		}
		return enc.Encode(g)
	case "yaml":
		if g == nil {
			g = []any{}
		}
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(yamlNode(g)); err != nil {
			return err
		}
		return enc.Close()
	case "csv":
		rows, cols := tabulate(g, cols, true)
		cw := csv.NewWriter(w)
		if !a.noHeader && len(cols) > 0 {
			if err := cw.Write(cols); err != nil {
				return err
			}
		}
		for _, r := range rows {
			if len(cols) == 0 {
				break // an empty record would be a blank line
			}
			if err := cw.Write(r); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	default: // table
		if m, ok := g.(*object); ok && len(cols) == 0 || ok && a.output == "" {
			return a.writeDetail(w, m)
		}
		rows, cols := tabulate(g, cols, false)
		if len(rows) == 0 && (len(cols) == 0 || a.noHeader) {
			fmt.Fprintln(a.stderr, "no items")
			return nil
		}
		if len(cols) == 0 { // rows with no scalar member (an empty object): blank lines say nothing
			fmt.Fprintln(a.stderr, "nothing to show as a table; try -o json")
			return nil
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		if !a.noHeader {
			hs := make([]string, len(cols))
			for i, c := range cols {
				hs[i] = strings.ToUpper(c)
			}
			line := strings.Join(hs, "\t")
			if a.color(a.stdout) {
				line = "\x1b[1m" + line + "\x1b[0m"
			}
			fmt.Fprintln(tw, line)
		}
		for _, r := range rows {
			for i := range r {
				r[i] = clip(r[i], 60)
			}
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		return tw.Flush()
	}
}

// writeDetail prints one object as KEY VALUE lines, nested members dotted.
func (a *app) writeDetail(w io.Writer, m *object) error {
	flat := map[string]string{}
	var keys []string
	flatten("", m, flat, &keys)
	if len(keys) == 0 {
		fmt.Fprintln(a.stderr, "nothing to show as a table; try -o json")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\n", k, clip(flat[k], 100))
	}
	return tw.Flush()
}

func clip(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// tabulate turns a list of objects (or one object, or scalars) into rows of cells.
func tabulate(g any, cols []string, all bool) ([][]string, []string) {
	var list []any
	switch v := g.(type) {
	case []any:
		list = v
	case nil:
	default:
		list = []any{v}
	}
	flats := make([]map[string]string, len(list))
	var order []string
	seen := map[string]bool{}
	for i, e := range list {
		m, ok := e.(*object)
		if !ok {
			flats[i] = map[string]string{"value": cell(e)}
			if !seen["value"] {
				seen["value"] = true
				order = append(order, "value")
			}
			continue
		}
		flats[i] = map[string]string{}
		var keys []string
		if all {
			flatten("", m, flats[i], &keys)
		} else {
			for _, k := range m.keys {
				if isScalar(m.vals[k]) {
					flats[i][k] = cell(m.vals[k])
					keys = append(keys, k)
				}
			}
			for _, c := range cols { // dotted default columns
				if strings.Contains(c, ".") {
					flats[i][c] = cell(lookup(m, c))
				}
			}
		}
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
		}
	}
	if !all {
		var present []string
		for _, c := range cols {
			if seen[c] || strings.Contains(c, ".") {
				present = append(present, c)
			}
		}
		cols = present
	}
	if len(cols) == 0 || all {
		cols = order
		if !all && len(cols) > 8 {
			cols = cols[:8]
		}
	}
	rows := make([][]string, len(flats))
	for i, f := range flats {
		r := make([]string, len(cols))
		for j, c := range cols {
			r[j] = f[c]
		}
		rows[i] = r
	}
	return rows, cols
}

func lookup(m *object, dotted string) any {
	var cur any = m
	for _, p := range strings.Split(dotted, ".") {
		mm, ok := cur.(*object)
		if !ok {
			return nil
		}
		cur = mm.vals[p]
	}
	return cur
}

func isScalar(v any) bool {
	switch v.(type) {
	case *object, []any:
		return false
	}
	return true
}

// flatten flattens nested objects into dotted keys; arrays stay JSON.
func flatten(prefix string, m *object, out map[string]string, keys *[]string) {
	for _, k := range m.keys {
		name := k
		if prefix != "" {
			name = prefix + "." + k
		}
		if sub, ok := m.vals[k].(*object); ok && len(sub.keys) > 0 {
			flatten(name, sub, out, keys)
			continue
		}
		out[name] = cell(m.vals[k])
		*keys = append(*keys, name)
	}
}

// cell is a value's text in a table or csv cell: numbers as sent (money keeps its scale).
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// object is a decoded JSON object that keeps its members' order.
type object struct {
	keys []string
	vals map[string]any
}

func newObject() *object { return &object{vals: map[string]any{}} }

// set sets a member, appending it when new.
func (o *object) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// MarshalJSON writes the members in order.
func (o *object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(o.vals[k]); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// generic turns an SDK result into plain JSON values (maps, slices, json.Number, strings,
// bools), through the SDK's own JSON encoding: money as numbers with their scale, times in
// RFC 3339. A model that keeps Cloudmore's whole answer in Raw adds the answer's members its
// typed fields lack.
func generic(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return decodeOrdered(raw)
	}
	if c, ok := v.(*cloudmore.Created); ok && c != nil {
		o := newObject()
		o.set("id", c.ID)
		o.set("location", c.Location)
		if len(c.Body) > 0 {
			if b, err := decodeOrdered(c.Body); err == nil {
				o.set("body", b)
			}
		}
		return o, nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 {
		out := make([]any, rv.Len())
		for i := range rv.Len() {
			g, err := generic(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	g, err := decodeOrdered(b)
	if err != nil {
		return nil, err
	}
	if rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("Raw"); f.IsValid() && f.Type() == reflect.TypeOf(json.RawMessage(nil)) && f.Len() > 0 {
			if m, ok := g.(*object); ok {
				if rg, err := decodeOrdered(f.Bytes()); err == nil {
					if rm, ok := rg.(*object); ok {
						for _, k := range rm.keys {
							if _, have := m.vals[k]; !have {
								m.set(k, rm.vals[k])
							}
						}
					} else if len(m.keys) == 0 {
						return rg, nil // a Raw-only model whose answer is not an object (an array)
					}
				}
			} else if len(b) == 0 || string(b) == "{}" || string(b) == "null" {
				return decodeOrdered(f.Bytes())
			}
		}
	}
	return g, nil
}

// decodeOrdered decodes JSON keeping numbers as text and recording each object's member order.
func decodeOrdered(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("decode the answer: %w", err)
	}
	return v, nil
}

// decodeInput decodes JSON the user gave (--data, a JSON flag) as decodeOrdered does, but
// refuses anything after the first value (two objects, a stray brace) instead of ignoring it,
// and does not call it an answer.
func decodeInput(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return nil, err
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := newObject()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				m.set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return m, nil
		case '[':
			list := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return list, nil
		}
	}
	return tok, nil
}

// yamlNode builds a YAML node keeping member order and numbers' text.
func yamlNode(v any) *yaml.Node {
	switch x := v.(type) {
	case *object:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range x.keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, yamlNode(x.vals[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range x {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(x.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: x.String()}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: cell(x)}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: cell(v)}
}
