package main

import (
	"os"
	"strings"
	"testing"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// mainOnTerminal is the command with its stdin and stderr taken for a terminal: the
// cloudmore-tty command of the scripts (script_test.go), which answer the delete question on
// stdin. Only the test binary has it: the command itself has no switch that fakes a terminal.
func mainOnTerminal() {
	isTerminal = func(w any) bool { return w == any(os.Stdin) || w == any(os.Stderr) }
	main()
}

// TestAsk: the question ends in [y/N]; y and yes (any case, spaces around) are yes; n, an
// empty line, the end of the input and anything else are no.
func TestAsk(t *testing.T) {
	for in, want := range map[string]bool{"y\n": true, "Y\n": true, "yes\n": true, " YES \r\n": true, "y": true,
		"n\n": false, "\n": false, "": false, "no\n": false, "maybe\n": false, "yy\n": false, "n\ny\n": false} {
		var w strings.Builder
		got, err := ask(strings.NewReader(in), &w, "Delete organization X?")
		if err != nil || got != want {
			t.Errorf("answer %q: %v, %v; want %v", in, got, err, want)
		}
		if !strings.HasPrefix(w.String(), "Delete organization X? [y/N] ") {
			t.Errorf("answer %q: asked %q", in, w.String())
		}
	}
}

// TestDeleteQuestions: every DELETE operation's command asks a question worded from its
// done message (or deleteQuestions), with the ids in place; no other command asks.
func TestDeleteQuestions(t *testing.T) {
	byName, _ := operations()
	for _, o := range cloudmore.Operations() {
		q, ok := deleteQuestion([]string{o.Name}, nil)
		if ok != (o.Method == "DELETE") {
			t.Errorf("%s (%s): asks %v", o.Name, o.Method, ok)
		}
		if ok && strings.HasPrefix(q, "Send ") {
			t.Errorf("%s: no wording of its own: %q (give its done message a word of imperatives, or add it to deleteQuestions)", o.Name, q)
		}
	}
	q, _ := deleteQuestion([]string{"Organizations.Delete"}, []string{"ORG-1"})
	if q != "Delete organization ORG-1?" {
		t.Errorf("Organizations.Delete asks %q", q)
	}
	q, _ = deleteQuestion([]string{"Subscriptions.Cancel"}, []string{"O", "S", "SUB-1"})
	if q != "Cancel subscription SUB-1?" {
		t.Errorf("Subscriptions.Cancel asks %q", q)
	}
	for name := range deleteQuestions {
		if o, ok := byName[name]; !ok || o.Method != "DELETE" {
			t.Errorf("deleteQuestions: %s is not a declared DELETE", name)
		}
	}
}
