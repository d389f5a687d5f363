package answers

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// Fill writes answers into an answers template (the commented file `init`
// writes, see internal/questionnaire): in each [section], the line of an
// answered question ("# key = example", or "key = example" for a required
// one) becomes "key = value"; the line of an unanswered one is left, or made,
// a comment. The template's comments stay, so a file the web form saves
// reads like one `init` wrote and answered by hand.
//
// values are section → key → value as Parse returns them (bool, int64,
// string, dates as "YYYY-MM-DD", lists as []any or []string). A value whose
// question the template does not have is an error, never dropped.
func Fill(template []byte, cat *catalog.Catalog, kind string, values map[string]any) ([]byte, error) {
	fields := map[string]catalog.Field{}
	for _, f := range cat.Fields(kind) {
		fields[f.Path] = f
	}
	pending := map[string]any{}
	for sec, m := range values {
		mm, ok := m.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("answers: [%s] is not a section of answers", sec)
		}
		for k, v := range mm {
			p := sec + "." + k
			if _, ok := fields[p]; !ok {
				return nil, fmt.Errorf("answers: %s is not a question for a %s", p, kind)
			}
			if v != nil {
				pending[p] = v
			}
		}
	}
	var out bytes.Buffer
	section := ""
	for _, line := range strings.SplitAfter(string(template), "\n") {
		body := strings.TrimRight(line, "\n")
		trimmed := strings.TrimSpace(body)
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			section = strings.Trim(trimmed, "[] ")
			out.WriteString(line)
			continue
		}
		key, commented, ok := templateKey(trimmed)
		f, known := fields[section+"."+key]
		if !ok || !known {
			out.WriteString(line)
			continue
		}
		nl := line[len(body):]
		v, answered := pending[f.Path]
		switch {
		case answered:
			enc, err := encodeValue(f, v)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&out, "%s = %s%s", key, enc, nl)
			delete(pending, f.Path)
		case commented:
			out.WriteString(line)
		default:
			// A required question's example value must never be read as
			// the member's answer.
			fmt.Fprintf(&out, "# %s%s", trimmed, nl)
		}
	}
	if len(pending) > 0 {
		var left []string
		for p := range pending {
			left = append(left, p)
		}
		return nil, fmt.Errorf("answers: the template has no line for %s", strings.Join(left, ", "))
	}
	return out.Bytes(), nil
}

// templateKey reads "key = …" or "# key = …" (a template's answer line).
func templateKey(line string) (key string, commented, ok bool) {
	if rest, found := strings.CutPrefix(line, "# "); found {
		line, commented = rest, true
	}
	k, _, found := strings.Cut(line, " = ")
	if !found || k == "" || strings.ContainsAny(k, " \t#\"'[]") {
		return "", false, false
	}
	return k, commented, true
}

// encodeValue writes one answer as TOML, as its field's type is read back.
func encodeValue(f catalog.Field, v any) (string, error) {
	if f.List {
		var items []string
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				s, err := encodeOne(f, e)
				if err != nil {
					return "", err
				}
				items = append(items, s)
			}
		case []string:
			for _, e := range x {
				s, err := encodeOne(f, e)
				if err != nil {
					return "", err
				}
				items = append(items, s)
			}
		default:
			return "", fmt.Errorf("answers: %s is a list; got %T", f.Path, v)
		}
		return "[" + strings.Join(items, ", ") + "]", nil
	}
	return encodeOne(f, v)
}

func encodeOne(f catalog.Field, v any) (string, error) {
	switch f.Type {
	case "bool":
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
	case "integer":
		switch n := v.(type) {
		case int64:
			return strconv.FormatInt(n, 10), nil
		case int:
			return strconv.Itoa(n), nil
		}
	case "date":
		// A bare TOML local date, as init's example and the CLI read it.
		if s, ok := v.(string); ok && validDate(s) {
			return s, nil
		}
	default:
		if s, ok := v.(string); ok {
			return Quote(s), nil
		}
	}
	return "", fmt.Errorf("answers: %s (%s): cannot write %T %v", f.Path, f.Type, v, v)
}

func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Quote writes s as a TOML basic string: quotes, backslashes and control
// characters escaped (TOML has no \x escapes, unlike Go's strconv.Quote),
// invalid UTF-8 replaced.
func Quote(s string) string {
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
