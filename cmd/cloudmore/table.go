package main

import (
	"bufio"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// Tables: columns two spaces apart, each as wide as its widest cell, counted in characters
// without escape codes, so that a bold header lines up with its rows. On a terminal the table
// fits its width: the widest columns are cut first, each cell cut ending in "…"; piped,
// nothing is cut.

// minCell is the narrowest a cut column gets: four characters and the ellipsis.
const minCell = 5

// terminalWidth is the width of the terminal w is, 0 when unknown (a variable for the tests).
var terminalWidth = func(w any) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// oneLine keeps a cell on its line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// writeTable writes header (none when nil; bold when colour is on) and rows as a table.
func (a *app) writeTable(w io.Writer, header []string, rows [][]string) error {
	n := len(header)
	for _, r := range rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return nil
	}
	clean := func(r []string) []string {
		out := make([]string, n)
		for i, c := range r {
			out[i] = oneLine.Replace(c)
		}
		return out
	}
	lines := make([][]string, 0, len(rows)+1)
	if header != nil {
		lines = append(lines, clean(header))
	}
	for _, r := range rows {
		lines = append(lines, clean(r))
	}
	widths := make([]int, n)
	for _, l := range lines {
		for i, c := range l {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	if isTerminal(a.stdout) {
		if tw := terminalWidth(a.stdout); tw > 0 {
			widths = fitWidths(widths, tw-2*(n-1))
		}
	}
	bold := header != nil && a.color(a.stdout)
	bw := bufio.NewWriter(w)
	for li, l := range lines {
		var b strings.Builder
		pad := 0 // the spaces before the next cell, written only when a cell follows
		for i, c := range l {
			c = clip(c, widths[i])
			if c != "" {
				b.WriteString(strings.Repeat(" ", pad))
				b.WriteString(c)
				pad = 0
			}
			pad += widths[i] - utf8.RuneCountInString(c) + 2
		}
		s := b.String()
		if li == 0 && bold {
			s = "\x1b[1m" + s + "\x1b[0m"
		}
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// fitWidths narrows column widths whose sum exceeds avail: every column wider than a cap is
// cut to it, the cap as high as avail allows (the remainder going to the first cut columns,
// one each), and no column under minCell (or its own width, when narrower). The table may
// still be wider than avail when every column is at that floor.
func fitWidths(widths []int, avail int) []int {
	sum := func(c int) int {
		s := 0
		for _, w := range widths {
			s += min(w, max(c, minCell))
		}
		return s
	}
	if sum(1<<30) <= avail {
		return widths
	}
	lo, hi := minCell, 0 // the highest cap whose table fits lies in [lo, hi)
	for _, w := range widths {
		hi = max(hi, w)
	}
	if sum(lo) > avail {
		hi = lo + 1
	}
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if sum(mid) <= avail {
			lo = mid
		} else {
			hi = mid
		}
	}
	out := make([]int, len(widths))
	spare := avail - sum(lo)
	for i, w := range widths {
		out[i] = min(w, lo)
		if w > lo && spare > 0 {
			out[i]++
			spare--
		}
	}
	return out
}

// clip cuts s to n characters, the last an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:max(n-1, 0)]) + "…"
}
