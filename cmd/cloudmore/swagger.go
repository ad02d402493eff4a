package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
	"github.com/cloudmore-sdk/cloudmore-go/internal/drift"
	"github.com/cloudmore-sdk/cloudmore-go/internal/metadata"
)

func (a *app) swaggerCommand() *cobra.Command {
	cmd := group("swagger", "Check the SDK against Cloudmore's Swagger document")
	var asJSON bool
	var accept []string
	check := &cobra.Command{
		Use:   "check [--json] [--accept FILE] FILE|URL",
		Short: "Compare a Swagger 2.0 / OpenAPI 3 document with the SDK, both ways",
		Example: `  cloudmore swagger check swagger.json
  cloudmore swagger check --json --accept accepted.txt swagger.json`,
		Long: `Compare Cloudmore's Swagger document (Swagger 2.0 or OpenAPI 3.x, JSON or YAML, a file or an
http(s) URL such as https://api-staging.cloudmore.com/swagger/v1/swagger.json) with the SDK this
command was built with, both ways:

  operations   in the document but named by no SDK method's "Cloudmore API:" line, in the
               SDK but not in the document, and paths that differ only in case;
  parameters   query parameters the SDK does not send, sends but the document lacks, or
               treats as optional where the document requires them;
  models       through the "Cloudmore model:" lines: properties the SDK's type lacks, fields
               the document lacks, type and format differences that matter (money as string
               or number, date-time, date, enums), required and maxLength that the SDK's
               validation does not match.

The report opens with a count by kind; models the document has no model of the SDK's name
for (model-not-in-document: the SDK's name may be a guess) are listed last.

--accept FILE lists known differences that are not reported, one a line as
"kind subject name" (for example "path-case GET /api/resellers/{resellerId}/Organizations
/api/resellers/{resellerId}/organizations"), or the output of --json. "*" stands for any text:
"model-not-in-document *", "property-not-in-sdk * vat",
"query-param-not-in-sdk GET /api/resellers/*/Things *". A line with an unknown kind is refused.
It needs no credentials and sends nothing to Cloudmore but the document's download.

Exit codes: 0 no differences; 1 differences; 2 the document cannot be read.`,
		Args: exactArgs("FILE|URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			sdk, err := metadata.Load()
			if err != nil {
				return err
			}
			var accepts []func(drift.Finding) bool
			for _, file := range accept {
				b, err := os.ReadFile(file)
				if err != nil {
					return &usageError{err}
				}
				ok, err := swaggercheck.Accepted(b)
				if err != nil {
					return &usageError{fmt.Errorf("%s: %w", file, err)}
				}
				accepts = append(accepts, ok)
			}
			accepted := func(f drift.Finding) bool {
				for _, ok := range accepts {
					if ok(f) {
						return true
					}
				}
				return false
			}
			data, err := swaggercheck.Fetch(cmd.Context(), args[0])
			if err == nil {
				var findings []drift.Finding
				doc, perr := swaggercheck.Parse(data)
				if perr != nil {
					err = perr
				} else {
					rep := swaggercheck.Report{Document: args[0], Operations: len(sdk.Operations), Models: len(sdk.Models), Findings: []drift.Finding{}}
					for _, f := range swaggercheck.Check(doc, sdk) {
						if accepted(f) {
							rep.Accepted++
							continue
						}
						findings = append(findings, f)
					}
					rep.Findings = append(rep.Findings, findings...)
					rep.Summary = append([]drift.KindCount{}, drift.Summary(findings)...)
					if asJSON {
						enc := json.NewEncoder(a.stdout)
						enc.SetIndent("", "  ")
						if err := enc.Encode(rep); err != nil {
							return err
						}
					} else {
						fmt.Fprintf(a.stdout, "%s against the SDK (%d operations, %d models):\n", args[0], rep.Operations, rep.Models)
						if err := drift.Write(a.stdout, findings); err != nil {
							return err
						}
						if rep.Accepted > 0 {
							fmt.Fprintf(a.stdout, "(%d known differences accepted)\n", rep.Accepted)
						}
					}
					if len(findings) > 0 {
						return &codeError{exitError, errReported}
					}
					return nil
				}
			}
			if errors.Is(err, swaggercheck.ErrUnreadable) {
				return &codeError{exitUsage, err}
			}
			return err
		},
	}
	check.Flags().BoolVar(&asJSON, "json", false, "print one JSON document listing every finding")
	check.Flags().StringArrayVar(&accept, "accept", nil, "a file of known differences not to report (repeatable)")
	cmd.AddCommand(check)
	cmd.AddCommand(a.swaggerTypesCommand())
	return cmd
}
