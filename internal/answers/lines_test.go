package answers

import (
	"strings"
	"testing"
)

func TestLineOf(t *testing.T) {
	src := []byte("# answers\n[member]\nname = \"X\"\n  kind = \"education-provider\"\n\n[lifecycle]\nleaver_days = 14 # two weeks\n\"quoted\" = 1\nsecurity.backup_tested = true\n")
	cases := []struct {
		path      string
		line, col int
	}{
		{"member.name", 3, 1},
		{"member.kind", 4, 3},
		{"lifecycle.leaver_days", 7, 1},
		{"lifecycle.quoted", 8, 1},
		{"lifecycle", 6, 1},
		{"lifecycle.security.backup_tested", 9, 1},
		{"lifecycle.missing", 0, 0},
		{"nosuch", 0, 0},
	}
	for _, c := range cases {
		if l, col := LineOf(src, c.path); l != c.line || col != c.col {
			t.Errorf("LineOf(%s) = %d:%d, want %d:%d", c.path, l, col, c.line, c.col)
		}
	}
}

// FuzzLineOf: any text and path give a line inside the text (or 0) and a
// column inside that line, without a panic.
func FuzzLineOf(f *testing.F) {
	f.Add([]byte("[member]\nname = \"X\"\n"), "member.name")
	f.Add([]byte("[a]\n  b.c = 1\n\"q\" = 2\n"), "a.b.c")
	f.Add([]byte("x = [\n\"ä\" ]\n[a\n"), "a")
	f.Fuzz(func(t *testing.T, src []byte, path string) {
		line, col := LineOf(src, path)
		lines := strings.Split(string(src), "\n")
		if line < 0 || line > len(lines) || (line == 0) != (col == 0) {
			t.Fatalf("LineOf = %d:%d for %d lines", line, col, len(lines))
		}
		if line > 0 && col > len(lines[line-1])+1 {
			t.Fatalf("column %d past the end of line %q", col, lines[line-1])
		}
	})
}
