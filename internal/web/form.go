package web

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// condition shows a question only when another answer (a choice, such as
// the registry type) has one of some values.
type condition struct {
	Path   string
	Values []string
}

// conditions finds, for a member kind, the questions that only some
// choices of an enum question ask for, from the catalogue itself: with only
// that choice answered, the requirements name as unanswered the questions
// the choice needs. A question named for some choices but not all is shown
// only for those. An optional question no requirement ever names as
// unanswered ("leave out if not used") shares the condition of the
// questions whose text starts with the same qualifier ("Entra ID only:").
func conditions(ctx context.Context, a *Auditor, kind string) (map[string]condition, error) {
	cat := a.catalog()
	fields := cat.Fields(kind)
	out := map[string]condition{}
	named := map[string]bool{}
	for _, e := range fields {
		if e.Type != "enum" || e.List || len(e.Requirements) == 0 || e.Section() == "member" {
			continue
		}
		byField := map[string][]string{}
		for _, v := range e.Values {
			in := map[string]any{
				"member":      map[string]any{"name": "", "business_id": "", "kind": kind},
				"answers":     map[string]any{e.Section(): map[string]any{e.Key(): v}},
				"probes":      map[string]any{},
				"environment": "production",
				"now":         time.Now().UTC().Format(time.RFC3339),
			}
			rep, err := a.evaluateInput(ctx, in)
			if err != nil {
				return nil, fmt.Errorf("finding the questions of %s = %q: %w", e.Path, v, err)
			}
			seen := map[string]bool{}
			for _, r := range rep.Results {
				for _, p := range r.Unanswered {
					if p != e.Path && !seen[p] {
						seen[p] = true
						named[p] = true
						byField[p] = append(byField[p], v)
					}
				}
			}
		}
		for p, vs := range byField {
			if len(vs) < len(e.Values) {
				out[p] = condition{Path: e.Path, Values: vs}
			}
		}
	}
	prefixes := map[string]condition{}
	for _, f := range fields {
		if c, ok := out[f.Path]; ok {
			if q := qualifier(f); q != "" {
				prefixes[q] = c
			}
		}
	}
	for _, f := range fields {
		if _, ok := out[f.Path]; ok || named[f.Path] || !f.Optional {
			continue
		}
		if c, ok := prefixes[qualifier(f)]; ok && qualifier(f) != "" {
			out[f.Path] = c
		}
	}
	return out, nil
}

// qualifier is the words before the first colon of a question in English
// ("Entra ID only"), or "".
func qualifier(f catalog.Field) string {
	q, _, ok := strings.Cut(f.Question.EN, ":")
	if !ok || len(q) > 40 {
		return ""
	}
	return q
}

// visible reports whether a question is asked given the raw answers.
func (c condition) visible(raw map[string]string) bool {
	return slices.Contains(c.Values, raw[c.Path])
}

// fieldError is a wrong answer, said in the member's language.
type fieldError struct{ key, arg string }

func (e fieldError) In(lang string) string {
	if e.arg == "" {
		return i18n.T(lang, e.key)
	}
	return i18n.T(lang, e.key, e.arg)
}

// convert reads one raw form answer as the value the answers file holds;
// nil is unanswered. root is the folder file answers must stay inside.
func convert(f catalog.Field, raw, root string) (any, *fieldError) {
	// As the file will hold it: TOML is UTF-8.
	raw = strings.ToValidUTF8(raw, "\uFFFD")
	if f.List {
		var out []any
		for _, line := range strings.Split(raw, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			v, e := convertOne(f, line, root)
			if e != nil {
				return nil, e
			}
			out = append(out, v)
		}
		if len(out) == 0 {
			return nil, nil
		}
		return out, nil
	}
	raw = strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n"))
	if raw == "" {
		if f.Required && f.Type == "text" {
			// A required text left empty stays a key of the file, so the
			// file the form saves can always be opened again.
			return "", nil
		}
		return nil, nil
	}
	return convertOne(f, raw, root)
}

func convertOne(f catalog.Field, s, root string) (any, *fieldError) {
	switch f.Type {
	case "bool":
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, &fieldError{key: "Choose yes or no."}
	case "integer":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, &fieldError{key: "Give a whole number, such as %s.", arg: "5"}
		}
		if f.Min != nil && n < *f.Min {
			return nil, &fieldError{key: "The smallest allowed value is %s.", arg: strconv.FormatInt(*f.Min, 10)}
		}
		if f.Max != nil && n > *f.Max {
			return nil, &fieldError{key: "The largest allowed value is %s.", arg: strconv.FormatInt(*f.Max, 10)}
		}
		return n, nil
	case "date":
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return nil, &fieldError{key: "Give a date as YYYY-MM-DD, such as %s.", arg: "2026-09-01"}
		}
		return s, nil
	case "enum":
		if !slices.Contains(f.Values, s) {
			return nil, &fieldError{key: "Choose one of the listed values."}
		}
	case "url":
		if !isURL(s) {
			return nil, &fieldError{key: "Give a whole web address, such as %s.", arg: "https://www.example.fi/"}
		}
	case "email":
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			return nil, &fieldError{key: "Give an e-mail address, such as %s.", arg: "tietoturva@example.fi"}
		}
	case "file":
		if e := checkInside(root, s); e != nil {
			return nil, e
		}
	case "location":
		if strings.Contains(s, "://") {
			if !isURL(s) {
				return nil, &fieldError{key: "Give a whole web address, such as %s.", arg: "https://www.example.fi/"}
			}
		} else if e := checkInside(root, s); e != nil {
			return nil, e
		}
	}
	return s, nil
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// checkInside refuses a file path outside root (the answers file's folder)
// or a file that is not there: the form never reads or names a file
// elsewhere on the machine.
func checkInside(root, s string) *fieldError {
	p, ok := inside(root, s)
	if !ok {
		return &fieldError{key: "%s is outside the folder of the answers file: put the file in that folder or upload it.", arg: s}
	}
	st, err := os.Stat(p)
	if err != nil || st.IsDir() {
		return &fieldError{key: "The file %s was not found in the folder of the answers file.", arg: s}
	}
	return nil
}

// inside resolves a path relative to root and reports whether it stays in
// root, symbolic links followed.
func inside(root, s string) (string, bool) {
	p := s
	if !filepath.IsAbs(p) {
		p = filepath.Join(root, p)
	}
	p = filepath.Clean(p)
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(absRoot); err == nil {
		absRoot = real
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(absRoot, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return p, true
}

// rawOf is how an answer read from a file is shown in its input.
func rawOf(f catalog.Field, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = rawOf(catalog.Field{Type: f.Type}, e)
		}
		return strings.Join(parts, "\n")
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
