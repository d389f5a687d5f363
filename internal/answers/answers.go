// Package answers reads a member's answers file (TOML), checks it against the
// questions of the catalogue and builds the Rego input document.
//
// Every problem is reported with file:line, the key and what to do; a typo is
// named with the closest known key. Unanswered questions are left out of the
// input (never filled in as "no"), so the catalogue reports them as such.
package answers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/agnivade/levenshtein"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// Answers is one member's parsed and checked answers file.
type Answers struct {
	File   string         // path as given
	Dir    string         // directory that relative file answers are resolved against
	Source []byte         // the file exactly as read
	Values map[string]any // section → key → normalised value
	Member Member
}

// Member identifies who answered.
type Member struct {
	Name        string `json:"name"`
	BusinessID  string `json:"business_id,omitempty"`
	Kind        string `json:"kind"`
	Environment string `json:"environment,omitempty"`
}

// Problem is one thing wrong with an answers file.
type Problem struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Key != "" {
		return fmt.Sprintf("%s: %s: %s", loc, p.Key, p.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, p.Msg)
}

// Error lists every problem found in one answers file.
type Error struct{ Problems []Problem }

func (e *Error) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads and checks the answers file at path.
func Load(path string, cat *catalog.Catalog) (*Answers, error) {
	src, err := safefile.Read(context.Background(), path, MaxSize, 10*time.Second)
	if err != nil {
		return nil, &Error{[]Problem{{File: path, Msg: fmt.Sprintf("cannot read the answers file: %v", unwrapPathError(err))}}}
	}
	return Parse(path, filepath.Dir(path), src, cat)
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse checks answers read from src; name is used in messages and dir
// resolves relative file answers (empty dir: file answers are not checked
// on disk, as for an answers file embedded in a report).
func Parse(name, dir string, src []byte, cat *catalog.Catalog) (*Answers, error) {
	if line, err := checkBounds(src); err != nil {
		return nil, &Error{[]Problem{{File: name, Line: line, Msg: err.Error()}}}
	}
	var raw map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			lines := strings.Split(string(src), "\n")
			key := keyAtLine(lines, pe.Position.Line)
			return nil, &Error{[]Problem{{File: name, Line: pe.Position.Line, Key: key, Msg: "TOML syntax error: " + pe.Message + ". " + syntaxHint(cat, key)}}}
		}
		return nil, &Error{[]Problem{{File: name, Msg: "TOML: " + err.Error()}}}
	}
	p := &parser{name: name, dir: dir, lines: strings.Split(string(src), "\n"), cat: cat}
	a := &Answers{File: name, Dir: dir, Source: src, Values: map[string]any{}}

	kind, _ := lookup(raw, "member.kind").(string)
	if kind == "" {
		p.add("member.kind", fmt.Sprintf("missing required answer; add [member] kind = %q or %q", catalog.EducationProvider, catalog.ServiceProvider))
		return nil, &Error{p.problems}
	}
	if !contains(catalog.Kinds, kind) {
		p.add("member.kind", fmt.Sprintf("%q is not a member kind; use %q or %q", kind, catalog.EducationProvider, catalog.ServiceProvider))
		return nil, &Error{p.problems}
	}
	fields := map[string]catalog.Field{}
	var known []string
	sections := map[string]bool{}
	for _, f := range cat.Fields(kind) {
		fields[f.Path] = f
		known = append(known, f.Path)
		sections[f.Section()] = true
	}

	// Unknown keys: typos are the most common mistake, so name the closest key.
	for _, k := range md.Keys() {
		path := k.String()
		switch len(k) {
		case 1:
			if md.Type(k...) != "Hash" {
				p.add(path, fmt.Sprintf("answers belong in a section such as [%s]; %s", closest(path, sectionNames(sections)), hint(path, known)))
			} else if !sections[path] {
				p.add(path, fmt.Sprintf("unknown section [%s]%s", path, sectionHint(path, sections)))
			}
		case 2:
			if !sections[k[0]] {
				continue // reported with its section
			}
			if _, ok := fields[path]; !ok {
				p.add(path, "unknown key; "+hint(path, known))
			}
		default:
			if len(k) > 2 && sections[k[0]] {
				if _, ok := fields[k[0]+"."+k[1]]; !ok {
					continue // the parent is reported
				}
				if md.Type(k[0], k[1]) == "Hash" {
					p.add(path, "nested tables are not answers; give a plain value")
				}
			}
		}
	}

	for _, f := range cat.Fields(kind) {
		v := lookup(raw, f.Path)
		if isPlaceholder(v) {
			// The template's placeholder left in place is no answer.
			if f.Required {
				p.add(f.Path, fmt.Sprintf("still holds the template's placeholder %q: answer the question (%s)", v, f.Question.EN))
			}
			continue
		}
		if v == nil {
			if f.Required {
				p.add(f.Path, fmt.Sprintf("missing required answer (%s); add it to [%s]", f.Question.EN, f.Section()))
			}
			continue
		}
		nv, msg := p.check(f, v)
		if msg != "" {
			p.add(f.Path, msg)
			continue
		}
		sec, _ := a.Values[f.Section()].(map[string]any)
		if sec == nil {
			sec = map[string]any{}
			a.Values[f.Section()] = sec
		}
		sec[f.Key()] = nv
	}
	if len(p.problems) > 0 {
		sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].Line < p.problems[j].Line })
		return nil, &Error{p.problems}
	}
	m := a.Values["member"].(map[string]any)
	a.Member = Member{Kind: kind}
	a.Member.Name, _ = m["name"].(string)
	a.Member.BusinessID, _ = m["business_id"].(string)
	a.Member.Environment, _ = m["environment"].(string)
	return a, nil
}

// keyAtLine is the dotted key that a line of the file sets ("" when the
// line sets none), as far as the text shows it: the syntax error means the
// file was not parsed.
func keyAtLine(lines []string, line int) string {
	section := ""
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "[") {
			section = strings.Trim(strings.TrimSpace(strings.SplitN(l, "#", 2)[0]), "[] ")
		}
		if i+1 != line {
			continue
		}
		key, _, ok := strings.Cut(l, "=")
		if !ok || strings.HasPrefix(l, "[") || strings.HasPrefix(l, "#") {
			return ""
		}
		key = strings.Trim(strings.TrimSpace(key), `"`)
		if section != "" && !strings.Contains(key, ".") {
			key = section + "." + key
		}
		return key
	}
	return ""
}

// syntaxHint says how to write the value of the field at path, so that a
// member who wrote kyllä or 1.9.2026 learns the form the question wants.
func syntaxHint(cat *catalog.Catalog, path string) string {
	f, ok := cat.Field(path)
	if !ok {
		return "Fix the line: text needs quotes (key = \"value\"), true/false, numbers and dates (2026-09-01) do not."
	}
	switch f.Type {
	case "bool":
		return "This question is answered with true (yes) or false (no), without quotes."
	case "integer":
		return "This question is answered with a whole number without quotes, e.g. " + example(f) + "."
	case "date":
		return "Write the date as YYYY-MM-DD without quotes, e.g. 2026-09-01 (not 1.9.2026)."
	}
	if f.List {
		return "Write a list in brackets with each item in quotes, e.g. [" + example(f) + "]."
	}
	return "Write the answer in quotes, e.g. " + f.Key() + " = " + example(f) + "."
}

type parser struct {
	name     string
	dir      string
	lines    []string
	cat      *catalog.Catalog
	problems []Problem
}

func (p *parser) add(key, msg string) {
	p.problems = append(p.problems, Problem{File: p.name, Line: p.lineOf(key), Key: key, Msg: msg})
}

// lineOf finds the line that defines a dotted key: "key =" inside its
// [section], a dotted "section.key =" anywhere, or the [section] header.
func (p *parser) lineOf(path string) int {
	parts := strings.Split(path, ".")
	section := ""
	for i, raw := range p.lines {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "[") {
			section = strings.Trim(strings.TrimSpace(strings.SplitN(l, "#", 2)[0]), "[] ")
			if len(parts) == 1 && section == parts[0] {
				return i + 1
			}
			continue
		}
		key, _, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), `"`)
		full := key
		if section != "" {
			full = section + "." + key
		}
		if full == path || (len(parts) > 2 && full == strings.Join(parts[:2], ".")) {
			return i + 1
		}
	}
	return 0
}

// check validates one answer against its field and returns the value as it
// goes into the Rego input (dates as YYYY-MM-DD strings).
func (p *parser) check(f catalog.Field, v any) (any, string) {
	if f.List {
		arr, ok := v.([]any)
		if !ok {
			return nil, fmt.Sprintf("expected a list of %s, e.g. [%s]; got %s", f.Type, example(f), describe(v))
		}
		out := make([]any, 0, len(arr))
		for i, e := range arr {
			nv, msg := p.one(f, e)
			if msg != "" {
				return nil, fmt.Sprintf("item %d: %s", i+1, msg)
			}
			out = append(out, nv)
		}
		return out, ""
	}
	return p.one(f, v)
}

func (p *parser) one(f catalog.Field, v any) (any, string) {
	want := func() string {
		return fmt.Sprintf("expected %s, e.g. %s; got %s", article(f.Type), example(f), describe(v))
	}
	switch f.Type {
	case "bool":
		b, ok := v.(bool)
		if !ok {
			return nil, want() + " (write true or false without quotes)"
		}
		return b, ""
	case "integer":
		n, ok := v.(int64)
		if !ok {
			return nil, want() + " (a whole number without quotes)"
		}
		if f.Min != nil && n < *f.Min {
			return nil, fmt.Sprintf("%d is below the smallest allowed value %d", n, *f.Min)
		}
		if f.Max != nil && n > *f.Max {
			return nil, fmt.Sprintf("%d is above the largest allowed value %d", n, *f.Max)
		}
		return n, ""
	case "date":
		switch d := v.(type) {
		case time.Time:
			return d.Format("2006-01-02"), ""
		case string:
			if _, err := time.Parse("2006-01-02", d); err == nil {
				return d, ""
			}
		}
		return nil, want()
	}
	s, ok := v.(string)
	if !ok {
		return nil, want() + " (in quotes)"
	}
	switch f.Type {
	case "enum":
		if !contains(f.Values, s) {
			return nil, fmt.Sprintf("%q is not allowed; use one of: %s%s", s, strings.Join(f.Values, ", "), didYouMean(s, f.Values))
		}
	case "url":
		if msg := checkURL(s); msg != "" {
			return nil, msg
		}
	case "email":
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			return nil, fmt.Sprintf("%q is not an e-mail address (name@example.fi)", s)
		}
	case "file":
		if msg := p.checkFile(s); msg != "" {
			return nil, msg
		}
	case "location":
		if strings.Contains(s, "://") {
			if msg := checkURL(s); msg != "" {
				return nil, msg
			}
		} else if msg := p.checkFile(s); msg != "" {
			return nil, msg
		}
	}
	return s, ""
}

func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Sprintf("%q is not an absolute URL (https://host/path)", s)
	}
	return ""
}

func (p *parser) checkFile(s string) string {
	if p.dir == "" {
		return ""
	}
	path := s
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, s)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Sprintf("file %q not found (looked at %s); give a path relative to the answers file", s, path)
	}
	var nr *safefile.NotRegularError
	if err := safefile.Check(path); errors.As(err, &nr) {
		return fmt.Sprintf("%q is %s, not a regular file; give a file", s, nr.What)
	}
	return ""
}

// ResolvePath resolves a file answer relative to the answers file.
func (a *Answers) ResolvePath(s string) string {
	if filepath.IsAbs(s) || a.Dir == "" {
		return s
	}
	return filepath.Join(a.Dir, s)
}

// Get returns the answer at a dotted path, or nil.
func (a *Answers) Get(path string) any { return lookup(a.Values, path) }

func lookup(m map[string]any, path string) any {
	var cur any = m
	for _, part := range strings.Split(path, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[part]
	}
	return cur
}

func article(t string) string {
	switch t {
	case "bool":
		return "true or false"
	case "integer":
		return "a whole number"
	case "date":
		return "a date"
	case "url":
		return "a URL"
	case "email":
		return "an e-mail address"
	case "enum":
		return "one of the listed values"
	case "file":
		return "a file path"
	case "location":
		return "a URL or a file path"
	}
	return "text"
}

// Example is a realistic answer of a field, as TOML: the field's METADATA
// example, else one of its type (a date in the past, an expiry ahead).
func Example(f catalog.Field) string {
	if f.Example != nil {
		switch v := f.Example.(type) {
		case string:
			if f.Type == "date" {
				return v
			}
			return fmt.Sprintf("%q", v)
		case bool, int, int64, float64:
			return fmt.Sprint(v)
		}
	}
	return example(f)
}

func example(f catalog.Field) string {
	switch f.Type {
	case "bool":
		return "true"
	case "integer":
		switch {
		case f.Max != nil:
			return fmt.Sprint(*f.Max)
		case f.Min != nil && *f.Min > 0:
			return fmt.Sprint(*f.Min)
		}
		return "1"
	case "date":
		// Most dates say when something was done; an expiry lies ahead.
		if strings.Contains(f.Key(), "expire") || strings.Contains(f.Key(), "valid_until") {
			return "2027-08-31"
		}
		return "2026-09-15"
	case "url":
		return `"https://www.example.fi/"`
	case "email":
		return `"tietoturva@example.fi"`
	case "enum":
		return fmt.Sprintf("%q", f.Values[0])
	case "file":
		return `"sample.csv"`
	case "location":
		return `"https://www.example.fi/metadata.xml"`
	}
	return Placeholder
}

// Placeholder is the template's value of a text question: an answer still
// holding it (or "...") is unanswered, never an answer.
const Placeholder = `"…"`

func isPlaceholder(v any) bool {
	s, ok := v.(string)
	s = strings.TrimSpace(s)
	return ok && (s == "…" || s == "...")
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date " + x.Format("2006-01-02")
	}
	return fmt.Sprintf("%T", v)
}

func hint(path string, known []string) string {
	if c := closest(path, known); c != "" {
		return fmt.Sprintf("did you mean %s? (`mpassaudit init` lists every question)", c)
	}
	return "`mpassaudit init` lists every question"
}

func sectionHint(s string, sections map[string]bool) string {
	if c := closest(s, sectionNames(sections)); c != "" {
		return fmt.Sprintf("; did you mean [%s]?", c)
	}
	return ""
}

func sectionNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func didYouMean(s string, set []string) string {
	if c := closest(s, set); c != "" && c != s {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// closest returns the candidate with the smallest edit distance to s, when
// it is close enough to be a plausible typo.
func closest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(s), strings.ToLower(c))
		// a key typed without its section still matches
		if _, k, ok := strings.Cut(c, "."); ok {
			if d2 := distance(strings.ToLower(s), strings.ToLower(k)); d2 < d {
				d = d2
			}
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(3, len(s)/3) {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance, in runes.
func distance(a, b string) int { return levenshtein.ComputeDistance(a, b) }

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}
