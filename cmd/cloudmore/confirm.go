package main

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"
)

// A delete asks before it deletes. Every command that sends a DELETE operation (the deletes,
// and the cancels, removes, suspends and disables Cloudmore makes DELETEs) asks on a terminal
// "Delete organization X? [y/N]" and goes on only on y; --yes answers for the user. Not on a
// terminal (a script, a pipe) there is no one to ask: without --yes it refuses, exit 2, as gh
// refuses ("--yes required when not running interactively") — a script must say so. An
// answer other than y is a refusal too, exit 2 (gh exits 2 on a cancelled prompt; here 2 is
// "refused before the network"). A dry run sends nothing and asks nothing.

// deleteQuestions are the questions of the DELETE operations whose command has no done
// message to word one from (a command written out).
var deleteQuestions = map[string]string{
	"Seller.Subscriptions.Remove": "Remove subscription {subscriptionId}?",
}

// imperatives turn a done message's first word into the question's.
var imperatives = map[string]string{"deleted": "Delete", "removed": "Remove", "cancelled": "Cancel",
	"suspended": "Suspend", "disabled": "Disable"}

// deleteQuestion is the question of a command that calls the operations ops, with the path
// ids args (nil leaves the placeholders): the done message of the DELETE operation's spec
// in the imperative ("deleted organization {id}" asks "Delete organization X?"). False when
// none of ops is a DELETE.
func deleteQuestion(ops []string, args []string) (string, bool) {
	byName, _ := operations()
	for _, name := range ops {
		o, ok := byName[name]
		if !ok || o.Method != http.MethodDelete {
			continue
		}
		q, ok := deleteQuestions[name]
		if !ok {
			word, rest, _ := strings.Cut(specs[name].done, " ")
			if imp, ok := imperatives[word]; ok {
				q = imp + " " + rest + "?"
			} else {
				q = "Send " + o.Method + " " + o.Path + "?"
			}
		}
		for i, p := range o.Params {
			if i < len(args) {
				q = strings.ReplaceAll(q, "{"+p+"}", args[i])
			}
		}
		return q, true
	}
	return "", false
}

// addYes gives cmd --yes.
func (a *app) addYes(cmd *cobra.Command) {
	cmd.Flags().BoolVarP(&a.safe.yes, "yes", "y", false, "delete without asking (required when not running interactively)")
}

// safeVerb gives the command of a verb calling ops what a write needs: --dry-run when it
// sends anything but a GET and, when it sends a DELETE, --yes and the question before it
// runs.
func (a *app) safeVerb(cmd *cobra.Command, ops []string) {
	if !sendsWrite(ops) {
		return
	}
	a.addDryRun(cmd)
	if _, ok := deleteQuestion(ops, nil); !ok {
		return
	}
	a.addYes(cmd)
	first, rest, _ := strings.Cut(cmd.Long, "\n\n")
	cmd.Long = first + "\n\nOn a terminal it asks before it sends the DELETE; --yes answers for you (and is required\n" +
		"when not running interactively).\n\n" + rest
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		q, _ := deleteQuestion(ops, args)
		if err := a.confirm(q); err != nil {
			return err
		}
		return run(cmd, args)
	}
}

// confirm asks question on a terminal and fails unless the answer is yes; --yes and
// --dry-run skip it. Not on a terminal, without --yes, it fails: exit 2.
func (a *app) confirm(question string) error {
	if a.safe.yes || a.safe.dryRun {
		return nil
	}
	if !isTerminal(a.stdin) || !isTerminal(a.stderr) {
		return usagef("--yes required when not running interactively (%s); nothing was sent", question)
	}
	ok, err := ask(a.stdin, a.stderr, question)
	if err != nil {
		return err
	}
	if !ok {
		return &codeError{exitUsage, errors.New("not confirmed; nothing was sent")}
	}
	return nil
}

// ask writes question and " [y/N] " to w and reads one line from r: y or yes (in any case)
// is yes; anything else, an empty line or the end of r, is no.
func ask(r io.Reader, w io.Writer, question string) (bool, error) {
	if _, err := io.WriteString(w, question+" [y/N] "); err != nil {
		return false, err
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	if !strings.HasSuffix(line, "\n") { // no Enter (the end of the input): end the question's line
		_, _ = io.WriteString(w, "\n")
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}
