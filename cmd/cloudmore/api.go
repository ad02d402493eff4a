package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) apiCommand() *cobra.Command {
	var data string
	var query []string
	cmd := &cobra.Command{
		Use:   "api METHOD PATH [--data @file.json] [--query key=value]",
		Short: "Call any operation, typed by the SDK or not yet",
		Long: `Send any request through the SDK's pipeline (Client.NewRequest and Client.Do): the same
authentication, retries, rate limiting, errors and logging as every typed command.

PATH is relative to the reseller's root (Organizations becomes
/api/resellers/{resellerId}/Organizations) unless it starts with / (then it is taken from the
host's root: /api/healthcheck). The answer's body is printed as JSON (-o to change).`,
		Example: `  cloudmore --fake api GET Organizations
  cloudmore api POST Organizations --data @org.json
  cloudmore api GET /api/healthcheck
  cloudmore api DELETE Organizations/ORGANIZATION_ID --dry-run`,
		Args: exactArgs("METHOD", "PATH"),
		RunE: func(cmd *cobra.Command, args []string) error {
			method := strings.ToUpper(args[0])
			var body any
			if data != "" {
				b, err := a.readData(data)
				if err != nil {
					return err
				}
				if !json.Valid(b) {
					return usagef("--data is not JSON")
				}
				body = json.RawMessage(b)
			}
			q := url.Values{}
			for _, kv := range query {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					return usagef("--query %q: want key=value", kv)
				}
				q.Add(k, v)
			}
			if method == http.MethodDelete {
				if err := a.confirm("Send DELETE " + args[1] + "?"); err != nil {
					return err
				}
			}
			c, err := a.Client()
			if err != nil {
				return err
			}
			req, err := c.NewRequest(cmd.Context(), method, args[1], q, body)
			if err != nil {
				return err
			}
			var out json.RawMessage
			resp, err := c.Do(req, &out)
			if err != nil {
				return err
			}
			if len(out) == 0 {
				fmt.Fprintf(a.stderr, "%s %s: %s\n", method, args[1], resp.Status)
				if id := resp.LocationID(); id != "" {
					return a.print(cmd, map[string]string{"id": id, "location": resp.Header.Get("Location")})
				}
				return nil
			}
			return a.print(cmd, out)
		},
	}
	cmd.Flags().StringVar(&data, "data", "", "the request body: JSON text, @file.json, or @- for stdin")
	cmd.Flags().StringArrayVar(&query, "query", nil, "a query parameter key=value (repeatable)")
	a.addDryRun(cmd)
	a.addYes(cmd)
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return []cobra.Completion{"GET", "POST", "PUT", "PATCH", "DELETE"}, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cmd
}
