package answers

import (
	"strings"
	"unicode/utf16"
)

// LineOf is where an answers file sets the dotted key path: its 1-based
// line and the 1-based column (in UTF-16 code units, as SARIF counts) of the
// key, or of the [section] header for a path of one part. It is 0, 0 when
// the file does not set it. It reads the text as written, like the
// problems' line numbers.
func LineOf(src []byte, path string) (line, column int) {
	p := &parser{lines: strings.Split(string(src), "\n")}
	line = p.lineOf(path)
	if line == 0 {
		return 0, 0
	}
	text := p.lines[line-1]
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	return line, len(utf16.Encode([]rune(indent))) + 1
}

// Line is LineOf in the answers' own source.
func (a *Answers) Line(path string) (line, column int) { return LineOf(a.Source, path) }

// StdinName names answers read from standard input (`audit -`) in messages
// and reports.
const StdinName = "<stdin>"
