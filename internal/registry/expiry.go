package registry

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// Expiry is a date on which something a member depends on stops working.
type Expiry struct {
	Kind string // certificate, client-secret, metadata, other
	What string // where it was found: requirement and target, or the answer's path
	Date string // YYYY-MM-DD
}

// Expiry kinds.
const (
	KindCertificate  = "certificate"
	KindClientSecret = "client-secret"
	KindMetadata     = "metadata"
	KindOther        = "other"
)

// Expiries finds the expiry dates in a report's evidence and in its answers:
// every value under a key named not_after, valid_until, expires,
// expires_at, expiry or any key containing "expir" that is an RFC 3339 time
// or a YYYY-MM-DD date. The kind follows the names around it: "secret" →
// client-secret, "cert" or not_after → certificate, valid_until →
// metadata.
func Expiries(rep *audit.Report, answersTOML []byte) []Expiry {
	seen := map[Expiry]bool{}
	var out []Expiry
	add := func(x Expiry) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	for _, r := range rep.Results {
		for _, e := range r.Evidence {
			// An answer is the same whichever requirement cites it, so it
			// is named by its path alone (as in the answers file).
			where := r.ID
			if p, ok := e["path"].(string); ok && p != "" {
				where = "answers " + p
			} else if t, ok := e["target"].(string); ok && t != "" {
				where += " " + t
			}
			walk(map[string]any(e), where, nil, add)
		}
	}
	if len(answersTOML) > 0 {
		var m map[string]any
		if _, err := toml.Decode(string(answersTOML), &m); err == nil {
			walkAnswers(m, "", add)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].What < out[j].What
	})
	return out
}

func isExpiryKey(k string) bool {
	k = strings.ToLower(k)
	switch k {
	case "not_after", "valid_until", "expires", "expires_at", "expiry":
		return true
	}
	return strings.Contains(k, "expir")
}

func kindOf(names ...string) string {
	s := strings.ToLower(strings.Join(names, " "))
	switch {
	case strings.Contains(s, "secret"):
		return KindClientSecret
	case strings.Contains(s, "cert") || strings.Contains(s, "not_after"):
		return KindCertificate
	case strings.Contains(s, "valid_until") || strings.Contains(s, "metadata"):
		return KindMetadata
	}
	return KindOther
}

// walk looks through one evidence value; trail is the keys leading here.
func walk(v any, where string, trail []string, add func(Expiry)) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		// An answer's value sits under "value" next to its "path".
		path, _ := x["path"].(string)
		for _, k := range keys {
			if k == "value" && path != "" && isExpiryKey(lastSegment(path)) {
				if d, ok := asDate(x[k]); ok {
					add(Expiry{Kind: kindOf(append(trail, path)...), What: where, Date: d})
				}
				continue
			}
			if isExpiryKey(k) {
				if d, ok := asDate(x[k]); ok {
					names := append(append([]string{}, trail...), k, fmt.Sprint(x["use"]), fmt.Sprint(x["probe"]))
					what := where
					if use, ok := x["use"].(string); ok && use != "" {
						what += " (" + use + ")"
					}
					add(Expiry{Kind: kindOf(names...), What: what, Date: d})
					continue
				}
			}
			walk(x[k], where, append(trail, k), add)
		}
	case []any:
		for _, e := range x {
			walk(e, where, trail, add)
		}
	}
}

func walkAnswers(m map[string]any, prefix string, add func(Expiry)) {
	for k, v := range m {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok {
			walkAnswers(sub, p, add)
			continue
		}
		if isExpiryKey(k) {
			if d, ok := asDate(v); ok {
				add(Expiry{Kind: kindOf(p), What: "answers " + p, Date: d})
			}
		}
	}
}

func lastSegment(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func asDate(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return t.UTC().Format(time.DateOnly), true
		}
		if t, err := time.Parse(time.DateOnly, x); err == nil {
			return t.Format(time.DateOnly), true
		}
	case time.Time: // TOML dates; a local date decodes at offset 0
		return x.UTC().Format(time.DateOnly), true
	}
	return "", false
}
