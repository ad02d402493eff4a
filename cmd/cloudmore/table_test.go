package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// onTerminal makes stdout a terminal of the given width (0: unknown) for one test.
func onTerminal(t *testing.T, stdout any, width int) {
	savedTerm, savedWidth := isTerminal, terminalWidth
	isTerminal = func(w any) bool { return w == stdout }
	terminalWidth = func(w any) int {
		if w == stdout {
			return width
		}
		return 0
	}
	t.Cleanup(func() { isTerminal, terminalWidth = savedTerm, savedWidth })
}

// tableApp is an app printing tables to out, with the given environment.
func tableApp(out, errb *bytes.Buffer, env map[string]string) *app {
	return &app{stdout: out, stderr: errb, output: "table", getenv: func(k string) string { return env[k] }}
}

const orgs = `[{"id":"ff0eb40d","name":"My Test Organization 1","services":2},
	{"id":"d0b55801","name":"Org 2","services":10}]`

// With colour on, the header is bold and lines up with its rows: the widths are counted
// without the escape codes. Before, the escapes went through tabwriter inside the first cell,
// which made that column four characters wider in the header than in the rows.
func TestTableHeaderLinesUpWithColour(t *testing.T) {
	var out, errb bytes.Buffer
	onTerminal(t, &out, 200)
	a := tableApp(&out, &errb, nil)
	if err := a.print(nil, json.RawMessage(orgs), "id", "name", "services"); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[1mID        NAME                    SERVICES\x1b[0m\n" +
		"ff0eb40d  My Test Organization 1  2\n" +
		"d0b55801  Org 2                   10\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
	plain := strings.NewReplacer("\x1b[1m", "", "\x1b[0m", "").Replace(out.String())
	lines := strings.Split(plain, "\n")
	if strings.Index(lines[0], "NAME") != strings.Index(lines[1], "My") || strings.Index(lines[0], "SERVICES") != strings.Index(lines[2], "10") {
		t.Errorf("the header does not line up with its rows:\n%s", plain)
	}

	// NO_COLOR: the same table without the escapes.
	out.Reset()
	a = tableApp(&out, &errb, map[string]string{"NO_COLOR": "1"})
	if err := a.print(nil, json.RawMessage(orgs), "id", "name", "services"); err != nil {
		t.Fatal(err)
	}
	if out.String() != plain {
		t.Errorf("NO_COLOR: got\n%q\nwant\n%q", out.String(), plain)
	}

	// An empty list's header row is bold too, and nothing else.
	out.Reset()
	a = tableApp(&out, &errb, nil)
	if err := a.print(nil, []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}{}); err != nil {
		t.Fatal(err)
	}
	if want := "\x1b[1mID  NAME\x1b[0m\n"; out.String() != want {
		t.Errorf("empty list: got %q, want %q", out.String(), want)
	}
}

// On a terminal a table fits its width: the widest column is cut first, with an ellipsis;
// piped, no cell is cut (before, every cell was cut at 60 characters, on a terminal or not,
// and a terminal narrower than the table wrapped each line).
func TestTableFitsTerminalWidth(t *testing.T) {
	long := strings.Repeat("x", 70)
	v := json.RawMessage(`[{"id":"ff0eb40d","name":"My Test Organization 1","note":"` + long + `"},
		{"id":"d0b55801","name":"Org 2","note":"short"}]`)
	cols := []string{"id", "name", "note"}
	cases := []struct {
		name  string
		width int // 0: piped
		want  string
	}{
		{"piped", 0,
			"ID        NAME                    NOTE\n" +
				"ff0eb40d  My Test Organization 1  " + long + "\n" +
				"d0b55801  Org 2                   short\n"},
		{"wide terminal", 120,
			"ID        NAME                    NOTE\n" +
				"ff0eb40d  My Test Organization 1  " + long + "\n" +
				"d0b55801  Org 2                   short\n"},
		// 40 columns: 4 for the gaps, 36 for the cells; id (8) keeps its width, name and
		// note share the rest, 14 each
		{"40 columns", 40,
			"ID        NAME            NOTE\n" +
				"ff0eb40d  My Test Organ…  xxxxxxxxxxxxx…\n" +
				"d0b55801  Org 2           short\n"},
		// 41: the character left over goes to the first column cut
		{"41 columns", 41,
			"ID        NAME             NOTE\n" +
				"ff0eb40d  My Test Organi…  xxxxxxxxxxxxx…\n" +
				"d0b55801  Org 2            short\n"},
		// so narrow that every column is at the floor of 5: the table is wider than asked
		{"10 columns", 10,
			"ID     NAME   NOTE\n" +
				"ff0e…  My T…  xxxx…\n" +
				"d0b5…  Org 2  short\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if c.width > 0 {
				onTerminal(t, &out, c.width)
			}
			a := tableApp(&out, &errb, map[string]string{"NO_COLOR": "1"})
			if err := a.print(nil, v, cols...); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), c.want)
			}
			for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
				if n := len([]rune(l)); c.width >= 20 && n > c.width {
					t.Errorf("line of %d characters on a terminal of %d: %q", n, c.width, l)
				}
			}
		})
	}
}

// One object's detail view fits the terminal too: the value is cut, never the member's name.
func TestDetailFitsTerminalWidth(t *testing.T) {
	var out, errb bytes.Buffer
	onTerminal(t, &out, 30)
	a := &app{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if err := a.print(nil, json.RawMessage(`{"id":"ff0eb40d","address":{"city":"Stockholm, a long way north"}}`)); err != nil {
		t.Fatal(err)
	}
	want := "id            ff0eb40d\n" +
		"address.city  Stockholm, a lo…\n" // 12 + 2 + 16: the 30 columns
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

// fitWidths cuts the widest columns to one cap, as high as the width allows, never under the
// floor; columns narrower than the cap keep their width.
func TestFitWidths(t *testing.T) {
	cases := []struct {
		widths []int
		avail  int
		want   []int
	}{
		{[]int{8, 22, 70}, 200, []int{8, 22, 70}}, // fits: as it is
		{[]int{8, 22, 70}, 100, []int{8, 22, 70}}, // exactly
		{[]int{8, 22, 70}, 99, []int{8, 22, 69}},  // the widest first
		{[]int{8, 22, 70}, 44, []int{8, 18, 18}},  // then the two widest alike
		{[]int{8, 22, 70}, 45, []int{8, 19, 18}},  // the spare one to the first cut
		{[]int{8, 22, 70}, 10, []int{5, 5, 5}},    // the floor
		{[]int{3, 22, 70}, 10, []int{3, 5, 5}},    // a column under the floor keeps its width
		{[]int{}, 10, []int{}},
	}
	for _, c := range cases {
		if got := fitWidths(c.widths, c.avail); !slices.Equal(got, c.want) {
			t.Errorf("fitWidths(%v, %d) = %v, want %v", c.widths, c.avail, got, c.want)
		}
	}
}
