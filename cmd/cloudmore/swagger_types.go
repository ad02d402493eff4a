package main

import (
	"errors"
	"os"

	"github.com/spf13/cobra"

	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/swaggercheck"
	"github.com/cloudmore-sdk/cloudmore-go/cmd/cloudmore/internal/typegen"
)

// swaggerTypesCommand is `cloudmore swagger types`: the typed fields of the SDK's models
// written from a Swagger document (internal/typegen).
func (a *app) swaggerTypesCommand() *cobra.Command {
	var dir string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "types [--dir DIR] [--dry-run] FILE|URL",
		Short: "Write the typed fields of the SDK's models from a Swagger 2.0 / OpenAPI 3 document",
		Example: `  cloudmore swagger types --dry-run swagger.json
  cloudmore swagger types --dir ~/src/cloudmore-go swagger.json`,
		Long: `Read Cloudmore's Swagger document (Swagger 2.0 or OpenAPI 3.x, JSON or YAML, a file or an
http(s) URL), as swagger check does, and edit the SDK's source: for each type whose doc names a
Swagger model ("Cloudmore model: X") that the document has, add a typed field for each of the
model's properties that no existing field carries (matched by JSON name, in any case).

It never renames or removes a field and keeps Raw, Extra, the validate methods and the doc
comments; each new field's comment names the model and property it comes from. Types: string,
Time (date-time), Date (date), int or int64, Decimal for every number, Bool in answers and
pointers in bodies, []T, the SDK's type for a model it names, else json.RawMessage. An answer
whose UnmarshalJSON only keeps Raw is switched to unmarshalKeepRaw, a body whose MarshalJSON
only writes Extra to the typed fields plus Extra; a model whose JSON is a custom shape is
reported and skipped. Running it again changes nothing.

--dir is the SDK's directory (default: the nearest directory up from here whose go.mod is the
SDK's). --dry-run prints the diff and the report and writes nothing. Afterwards review the new
names, money types, the required rules the document shows that validation does not check,
the doc comments and docs/known-unknowns.md, then run go generate ./internal/metadata.

Exit codes: 0 done (or nothing to do); 2 the document or the SDK cannot be read.`,
		Args: exactArgs("FILE|URL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				wd, err := os.Getwd()
				if err != nil {
					return err
				}
				if dir, err = typegen.FindSDKRoot(wd); err != nil {
					return &usageError{err}
				}
			}
			data, err := swaggercheck.Fetch(cmd.Context(), args[0])
			if err != nil {
				return &usageError{err}
			}
			doc, err := swaggercheck.Parse(data)
			if err != nil {
				return &usageError{err}
			}
			res, err := typegen.Generate(doc, dir)
			if err != nil {
				return &usageError{err}
			}
			if dryRun {
				if err := res.Diff(a.stdout); err != nil {
					return err
				}
			} else if err := res.Write(); err != nil {
				return errors.Join(errors.New("writing the SDK's files"), err)
			}
			return res.Report(a.stdout, !dryRun)
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "the SDK's directory (default: found from the working directory)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the diff and the report; write nothing")
	return cmd
}
