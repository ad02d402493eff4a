package typegen

import (
	"fmt"
	"io"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// Diff writes the unified diff of every changed file.
func (r *Result) Diff(w io.Writer) error {
	for _, f := range r.Files {
		if _, err := w.Write(diff.Diff("a/"+f.Name, f.Old, "b/"+f.Name, f.New)); err != nil {
			return err
		}
	}
	return nil
}

// text is the report of one model.
func (m Model) text() string {
	var b strings.Builder
	head := fmt.Sprintf("%s (%s, %s", m.GoType, m.Swagger, m.File)
	if m.Role != "" {
		head += ", " + m.Role
	}
	head += ")"
	switch {
	case m.Skip != "":
		fmt.Fprintf(&b, "%s: skipped: %s\n", head, m.Skip)
		return b.String()
	case len(m.Added) == 0:
		fmt.Fprintf(&b, "%s: nothing to add (%d properties already typed)\n", head, m.Typed)
	default:
		fmt.Fprintf(&b, "%s: %d fields added", head, len(m.Added))
		if m.Typed > 0 {
			fmt.Fprintf(&b, " (%d properties already typed)", m.Typed)
		}
		b.WriteString("\n")
	}
	for _, a := range m.Added {
		fmt.Fprintf(&b, "  + %s\n", a.Decl)
		if a.Note != "" {
			fmt.Fprintf(&b, "      kept as JSON: %s\n", a.Note)
		}
	}
	for _, s := range m.Skipped {
		fmt.Fprintf(&b, "  skipped %s: %s\n", s.Property, s.Reason)
	}
	for _, s := range m.Review {
		fmt.Fprintf(&b, "  review: %s\n", s)
	}
	return b.String()
}

// Added counts the fields added to all models.
func (r *Result) Added() int {
	n := 0
	for _, m := range r.Models {
		n += len(m.Added)
	}
	return n
}

// Report writes, per model, the fields added, the properties skipped and why, what to review,
// then the document's models the SDK does not name, the SDK's models the document lacks, and
// the files changed (written is false for a dry run).
func (r *Result) Report(w io.Writer, written bool) error {
	var b strings.Builder
	for _, m := range r.Models {
		b.WriteString(m.text())
	}
	list := func(title string, names []string) {
		if len(names) == 0 {
			fmt.Fprintf(&b, "\n%s: none\n", title)
			return
		}
		fmt.Fprintf(&b, "\n%s (%d):\n", title, len(names))
		line := " "
		for i, n := range names {
			if i < len(names)-1 {
				n += ","
			}
			if len(line)+1+len(n) > 100 {
				b.WriteString(line + "\n")
				line = " "
			}
			line += " " + n
		}
		b.WriteString(line + "\n")
	}
	list("Models in the document that no SDK type names", r.NotInSDK)
	list("SDK models the document does not have", r.NotInDocument)

	verb := "changed"
	if !written {
		verb = "would change (dry run: nothing written)"
	}
	var names []string
	for _, f := range r.Files {
		names = append(names, f.Name)
	}
	switch {
	case len(names) == 0:
		fmt.Fprintf(&b, "\n%d fields added; no file changed\n", r.Added())
	default:
		fmt.Fprintf(&b, "\n%d fields added; %d file(s) %s: %s\n", r.Added(), len(names), verb, strings.Join(names, ", "))
		b.WriteString("Then review the new names, money and number types (Decimal), the required rules the document\n" +
			"shows that validate() does not check, each type's doc comment and docs/known-unknowns.md; run\n" +
			"`go generate ./internal/metadata`, gofmt, go vet and the tests.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
