package main

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Completion of ids: an argument a list command can give (an ORGANIZATION_ID, an
// organization's USER_ID, SERVICE_ID, a service's SUBSCRIPTION_ID, ...) completes from the
// account the command would use (its profile, CLOUDMORE_*, or --fake), each id with its name
// as the description. No argument completes local file names.

// An idList says where the ids of one argument come from: the list operation that gives
// them, called with the arguments before it as its path ids (its first len(Params)).
type idList struct {
	group string // the command group it serves ("" for every group)
	arg   string // the argument's name: ORGANIZATION_ID
	op    string // the list operation: "Organizations.List"
}

// idLists are the arguments completion completes, the first match winning.
var idLists = []idList{
	{"users", "USER_ID", "Users.List"},
	{"services", "SERVICE_ID", "Services.List"},
	{"subscriptions", "SERVICE_ID", "Services.List"},
	{"subscriptions", "SUBSCRIPTION_ID", "Subscriptions.List"},
	{"subscriptions", "USER_ID", "Subscriptions.ListUsers"},
	{"estore", "SERVICE_ID", "Estore.List"},
	{"user-groups", "GROUP_ID", "UserGroups.List"},
	{"csp users", "USER_ID", "CSP.Users.List"},
	{"csp nce", "SUBSCRIPTION_ID", "CSP.NCE.List"},
	{"csp subscriptions", "SUBSCRIPTION_ID", "CSP.Subscriptions.List"},
	{"broker services", "SERVICE_ID", "Broker.Services.List"},
	{"broker products", "SERVICE_ID", "Broker.Services.List"},
	{"broker products", "PRODUCT_ID", "Broker.Products.List"},
	{"broker addons", "SERVICE_ID", "Broker.Services.List"},
	{"broker addons", "PRODUCT_ID", "Broker.Products.List"},
	{"seller services", "SERVICE_ID", "Seller.Services.List"},
	{"seller products", "SERVICE_ID", "Seller.Services.List"},
	{"seller products", "PRODUCT_ID", "Seller.Products.List"},
	{"seller webhooks", "WEBHOOK_ID", "Seller.Webhooks.List"},
	{"", "ORGANIZATION_ID", "Organizations.List"},
}

// descriptionMembers are the members that describe an id, the first present one used.
var descriptionMembers = []string{"name", "displayName", "friendlyName", "email", "productName"}

// idListFor is the list of the argument arg of a command in group.
func idListFor(group, arg string) (idList, bool) {
	for _, l := range idLists {
		if (l.group == "" || l.group == group) && l.arg == arg {
			return l, true
		}
	}
	return idList{}, false
}

// completeIDs is the completion of a verb's positional arguments argNames: the ids of the
// argument being typed, where idLists knows them; never file names.
func (a *app) completeIDs(group string, argNames []string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= len(argNames) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		l, ok := idListFor(group, argNames[len(args)])
		if !ok {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ids, err := a.listIDs(cmd.Context(), l, args)
		if err != nil {
			cobra.CompErrorln(a.redact(err.Error()))
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, c := range ids {
			if strings.HasPrefix(c, toComplete) {
				out = append(out, c)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// listIDs calls l's list operation with the first of args as its path ids and returns its
// ids, each with its description ("ID\tname").
func (a *app) listIDs(ctx context.Context, l idList, args []string) ([]string, error) {
	byName, _ := operations()
	o := byName[l.op]
	if len(args) < len(o.Params) {
		return nil, fmt.Errorf("%s needs %d ids", l.op, len(o.Params))
	}
	c, err := a.Client()
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second) // a shell waits for the answer
	defer cancel()
	in := []reflect.Value{reflect.ValueOf(ctx)}
	for _, id := range args[:len(o.Params)] {
		in = append(in, reflect.ValueOf(id))
	}
	if o.Query != nil {
		in = append(in, reflect.Zero(o.Query))
	}
	out := method(c, l.op).Call(in)
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		return nil, err
	}
	g, err := generic(out[0].Interface())
	if err != nil {
		return nil, err
	}
	list, _ := g.([]any)
	var ids []string
	for _, e := range list {
		m, ok := e.(*object)
		if !ok {
			continue
		}
		id, _ := m.vals["id"].(string)
		if id == "" {
			continue
		}
		for _, k := range descriptionMembers {
			if d, _ := m.vals[k].(string); d != "" {
				id += "\t" + strings.ReplaceAll(d, "\t", " ")
				break
			}
		}
		ids = append(ids, id)
	}
	return ids, nil
}
