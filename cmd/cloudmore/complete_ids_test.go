package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestIDListsFitTheirCommands: each row of idLists is a declared list operation whose method
// takes (ctx, its path ids, [query], ...CallOption), and serves at least one command of its
// group that has the argument after at least as many arguments as the list needs ids; every
// command of the groups in the table completes, and the ones the brief names are there.
func TestIDListsFitTheirCommands(t *testing.T) {
	byName, _ := operations()
	verbs := append(declaredVerbs(), handWritten()...)
	for _, l := range idLists {
		o, ok := byName[l.op]
		if !ok || o.Method != "GET" || o.Result != "list" {
			t.Errorf("%v: %s is not a declared GET list (%v)", l, l.op, o)
			continue
		}
		m := methodType(l.op)
		want := []reflect.Type{ctxType}
		for range o.Params {
			want = append(want, reflect.TypeFor[string]())
		}
		if o.Query != nil {
			want = append(want, o.Query)
		}
		want = append(want, callOptType)
		var got []reflect.Type
		for i := 1; i < m.NumIn(); i++ {
			got = append(got, m.In(i))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v: %s takes %v, not %v", l, l.op, got, want)
		}
		served := 0
		for _, v := range verbs {
			if l.group != "" && v.group != l.group {
				continue
			}
			args := strings.Fields(v.use)[1:]
			if i := slices.Index(args, l.arg); i >= 0 {
				served++
				if i < len(o.Params) {
					t.Errorf("%v: %s %s has %s after %d arguments; the list needs %d ids", l, v.group, v.use, l.arg, i, len(o.Params))
				}
			}
		}
		if served == 0 {
			t.Errorf("%v: no command of its group has %s", l, l.arg)
		}
	}
	for _, want := range [][2]string{{"users", "USER_ID"}, {"services", "SERVICE_ID"}, {"subscriptions", "SUBSCRIPTION_ID"}, {"organizations", "ORGANIZATION_ID"}} {
		if _, ok := idListFor(want[0], want[1]); !ok {
			t.Errorf("no completion of %s in %s", want[1], want[0])
		}
	}
	for _, c := range commands(t) {
		if c.Runnable() && !c.HasSubCommands() && strings.Contains(c.Long, "Cloudmore API: ") && c.ValidArgsFunction == nil {
			t.Errorf("%s: no completion of its arguments (cobra would complete file names)", c.CommandPath())
		}
	}
}

// TestCompleteIDsPastTheArguments: past its last argument, or for an argument no list gives,
// a command completes nothing, and no file names, without asking the account.
func TestCompleteIDsPastTheArguments(t *testing.T) {
	a := &app{getenv: env(nil)} // no credentials: asking the account would fail
	f := a.completeIDs("users", []string{"ORGANIZATION_ID", "USER_ID"})
	got, dir := f(&cobra.Command{}, []string{"o", "u"}, "")
	if len(got) != 0 || dir != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("past the arguments: %v %v", got, dir)
	}
	f = a.completeIDs("csp", []string{"DOMAIN_PREFIX"})
	got, dir = f(&cobra.Command{}, nil, "")
	if len(got) != 0 || dir != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("an argument no list gives: %v %v", got, dir)
	}
	if a.client != nil {
		t.Error("the account was asked")
	}
}
