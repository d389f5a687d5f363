package answers

import "fmt"

// MaxSize bounds an answers file; a real one is about 20 KB.
const MaxSize = 1 << 20

// MaxNesting bounds how deep arrays and inline tables nest; an answer is at
// most a list of values. The TOML parser recurses per level, so a hostile
// file of 5,000 nested tables is refused before it is parsed.
const MaxNesting = 8

// checkBounds refuses a file over MaxSize or nesting deeper than
// MaxNesting, naming the line. It reads the bytes once, skipping strings
// and comments, and never allocates per level.
func checkBounds(src []byte) (line int, err error) {
	if len(src) > MaxSize {
		return 0, fmt.Errorf("the answers file is %d bytes, more than the %d an answers file may have", len(src), MaxSize)
	}
	line, depth := 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '"' || c == '\'':
			// Skip a string (basic, literal or multi-line): brackets in
			// it are text.
			quote := string(src[i : i+1])
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				quote = string([]byte{c, c, c})
			}
			j := i + len(quote)
			for j < len(src) {
				if src[j] == '\n' {
					line++
				}
				if c == '"' && src[j] == '\\' {
					j += 2
					continue
				}
				if len(src)-j >= len(quote) && string(src[j:j+len(quote)]) == quote {
					break
				}
				if len(quote) == 1 && src[j] == '\n' {
					break // an unclosed string: the parser names it
				}
				j++
			}
			i = j + len(quote) - 1
		case c == '[' || c == '{':
			depth++
			if depth > MaxNesting {
				return line, fmt.Errorf("lists or inline tables nest deeper than %d levels; an answer is a value or a list of values", MaxNesting)
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, nil
}
