package main

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// commands returns every command of the tree, the root first.
func commands(t *testing.T) []*cobra.Command {
	t.Helper()
	a := &app{getenv: os.Getenv}
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, c)
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(a.rootCommand())
	return out
}

// TestEveryOperationHasACommand: every operation the SDK declares is named, on a line
// "Cloudmore API: METHOD PATH" of its help, by a command that calls it (a task's status is
// named by the command that starts the task), and every such line names a declared operation.
func TestEveryOperationHasACommand(t *testing.T) {
	named := map[string][]string{} // "METHOD PATH" -> the commands naming it
	for _, c := range commands(t) {
		for line := range strings.SplitSeq(c.Long, "\n") {
			if op, ok := strings.CutPrefix(line, "Cloudmore API: "); ok {
				named[op] = append(named[op], c.CommandPath())
			}
		}
	}
	declared := map[string]bool{}
	for _, o := range cloudmore.Operations() {
		key := o.Method + " " + o.Path
		declared[key] = true
		if len(named[key]) == 0 {
			t.Errorf("%s: no command's help names it", o)
		}
	}
	for key, cmds := range named {
		if !declared[key] {
			t.Errorf("%v: the help names %q, which the SDK does not declare", cmds, key)
		}
	}
}

// TestEveryLeafCommandHasAnExample: every command that runs something shows an example.
func TestEveryLeafCommandHasAnExample(t *testing.T) {
	for _, c := range commands(t) {
		if c.HasSubCommands() || c.Hidden {
			continue
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no Example", c.CommandPath())
		} else if !strings.Contains(c.Example, c.CommandPath()) {
			t.Errorf("%s: its Example %q does not run it", c.CommandPath(), c.Example)
		}
	}
}
