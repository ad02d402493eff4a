package main

import (
	"reflect"
	"slices"
	"strings"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// --columns a,b,c: the columns of table and csv output, by JSON member name (dotted for a
// nested member, address.city), in the order given. A name the result cannot have is a usage
// error naming it: before anything is sent where the command knows the type it prints (a
// declared command's model, the billing report's line), else once the answer shows it has
// no such member.

// parseColumns splits --columns' text at its commas, dropping the spaces around each name.
func parseColumns(s string) ([]string, error) {
	var cols []string
	for c := range strings.SplitSeq(s, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			return nil, usagef("--columns %q: an empty column name (give names such as id,name)", s)
		}
		cols = append(cols, c)
	}
	return cols, nil
}

var createdType = reflect.TypeFor[*cloudmore.Created]()

// typeColumns are the columns a value of type t has (a model, a list of models, pointers to
// either), as -o json shows them: each JSON member, a nested model's under its dotted path
// too (address and address.city). opaque are the members whose insides the type does not
// give (a map, raw JSON): any dotted path under one may exist. open is true when the model
// keeps Cloudmore's whole answer in Raw, whose members beyond the typed ones are printed too;
// then any column may exist. known is nil when t is not a model.
func knownColumns(t reflect.Type) (known, opaque []string, open bool) {
	if t == createdType {
		return []string{"id", "location", "body"}, []string{"body"}, false
	}
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct || marshals(t) {
		return nil, nil, false
	}
	open = structKnown(t, "", &known, &opaque, map[reflect.Type]bool{})
	return known, opaque, open
}

// structKnown adds struct type t's columns under prefix and reports whether it keeps Raw.
func structKnown(t reflect.Type, prefix string, known, opaque *[]string, seen map[reflect.Type]bool) (open bool) {
	if seen[t] {
		return false
	}
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "Raw" && f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Uint8 {
			open = true
			continue
		}
		name, ok := jsonName(f)
		if !ok {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if name == "" { // an embedded struct: its members are the parent's
			open = structKnown(ft, prefix, known, opaque, seen) || open
			continue
		}
		path := prefix + name
		*known = append(*known, path)
		switch {
		case ft.Kind() == reflect.Struct && !marshals(ft):
			open = structKnown(ft, path+".", known, opaque, seen) || open
		case ft.Kind() == reflect.Map || ft.Kind() == reflect.Interface || marshals(ft) && ft.Kind() == reflect.Slice:
			*opaque = append(*opaque, path)
		}
	}
	return open
}

// checkColumnsBefore refuses, before the request, a --columns name that a result of type t
// cannot have. With --jq the columns are the filter's, which only the answer shows.
func (a *app) checkColumnsBefore(t reflect.Type) error {
	if a.columns == nil || a.jq != nil || t == nil {
		return nil
	}
	known, opaque, open := knownColumns(t)
	if known == nil || open {
		return nil
	}
	for _, c := range a.columns {
		if !hasColumn(known, opaque, c) {
			return noColumn(c, known)
		}
	}
	return nil
}

// checkColumns refuses a column that neither the type t of the result (nil when unknown) nor
// any row of g has. An empty answer shows no member: then only a type that rules the column
// out refuses it.
func checkColumns(cols []string, t reflect.Type, g any) error {
	known, opaque, open := knownColumns(t)
	list := items(g)
	for _, c := range cols {
		if hasColumn(known, opaque, c) || len(list) == 0 && (known == nil || open) {
			continue
		}
		if !slices.ContainsFunc(list, func(e any) bool { return hasMember(e, c) }) {
			all := slices.Clone(known)
			for _, e := range list {
				for _, k := range memberColumns(e) {
					if !slices.Contains(all, k) {
						all = append(all, k)
					}
				}
			}
			return noColumn(c, all)
		}
	}
	return nil
}

func noColumn(c string, have []string) error {
	return usagef("--columns: no column %q (the columns: %s)", c, strings.Join(have, ", "))
}

func hasColumn(known, opaque []string, c string) bool {
	return slices.Contains(known, c) || slices.ContainsFunc(opaque, func(o string) bool { return strings.HasPrefix(c, o+".") })
}

// hasMember reports whether row e has column c: an object's member by its dotted path, a
// scalar's value.
func hasMember(e any, c string) bool {
	if m, ok := e.(*object); ok {
		return exists(m, c)
	}
	return c == "value"
}

// memberColumns are row e's columns as csv shows them: an object's members, nested ones
// dotted; a scalar's value.
func memberColumns(e any) []string {
	m, ok := e.(*object)
	if !ok {
		return []string{"value"}
	}
	var keys []string
	flatten("", m, map[string]string{}, &keys)
	return keys
}

// items are the rows of g: its elements when a list, else g itself (none when nil).
func items(g any) []any {
	switch v := g.(type) {
	case []any:
		return v
	case nil:
		return nil
	}
	return []any{g}
}

// exists reports whether the dotted path names a member of m.
func exists(m *object, dotted string) bool {
	var cur any = m
	for p := range strings.SplitSeq(dotted, ".") {
		mm, ok := cur.(*object)
		if !ok {
			return false
		}
		if cur, ok = mm.vals[p]; !ok {
			return false
		}
	}
	return true
}

// project is the rows of g (a list, or one value) in the given columns: an object's member
// by its dotted path (a list or an object as its JSON), a scalar in the column value.
func project(g any, cols []string) [][]string {
	list := items(g)
	rows := make([][]string, len(list))
	for i, e := range list {
		r := make([]string, len(cols))
		for j, c := range cols {
			if m, ok := e.(*object); ok {
				r[j] = cell(lookup(m, c))
			} else if c == "value" {
				r[j] = cell(e)
			}
		}
		rows[i] = r
	}
	return rows
}
