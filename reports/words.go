package reports

import (
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// marks are the status marks of every human rendering.
var marks = map[string]string{
	audit.Pass: "✓", audit.Fail: "✗", audit.Warn: "!", audit.Manual: "?",
	audit.NotApplicable: "-", audit.Waived: "~", audit.Error: "E",
}

// Mark is a status's mark (✓ ✗ ! ? - ~ E).
func Mark(status string) string { return marks[status] }

// VerdictWord is the member's own verdict (GLOSSARY.md, decided terms):
// whether the mandatory requirements are met. "Approved" belongs to the
// operator's decision alone.
func VerdictWord(lang string, r *audit.Report) string {
	if r.Failed() {
		return i18n.T(lang, "REQUIREMENTS NOT MET")
	}
	return i18n.T(lang, "REQUIREMENTS MET")
}

// VerdictLine is the verdict followed by what is still open: the results
// for the operator's review and those that could not be checked.
func VerdictLine(lang string, r *audit.Report) string {
	parts := []string{VerdictWord(lang, r)}
	parts = append(parts, OpenCounts(lang, r)...)
	return strings.Join(parts, " · ")
}

// OpenCounts are "N for the operator to review" and "N could not be
// checked", for the counts that are not zero.
func OpenCounts(lang string, r *audit.Report) []string {
	var out []string
	if n := r.Open(); n > 0 {
		out = append(out, i18n.T(lang, "%d for the operator to review", n))
	}
	if n := r.Unchecked(); n > 0 {
		out = append(out, i18n.T(lang, "%d could not be checked", n))
	}
	return out
}

// CountLine counts a summary's statuses in report order ("pass 3, fail 1").
func CountLine(lang string, s audit.Summary) string {
	p := i18n.Printer(lang)
	var parts []string
	for _, st := range audit.Statuses {
		if n := s.Count(st); n > 0 {
			parts = append(parts, p.Sprintf("%s %d", i18n.T(lang, st), n))
		}
	}
	return strings.Join(parts, ", ")
}
