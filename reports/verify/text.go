package verify

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// WriteText writes a verification result for a person: the verdict of
// the check first, then who signed, then every problem with its reason.
func WriteText(w io.Writer, o *Outcome, l string, trustGiven bool) {
	t := func(k string, a ...any) string { return i18n.T(l, k, a...) }
	head := t("VERIFIED")
	if !o.OK {
		head = t("NOT VERIFIED")
	}
	fmt.Fprintf(w, "%s: %s\n", o.Name, head)
	if r := o.Report; r != nil {
		fmt.Fprintf(w, "  %s: %s", t("Member"), r.Member.Name)
		if r.Member.BusinessID != "" {
			fmt.Fprintf(w, " (%s %s)", t("Business ID"), r.Member.BusinessID)
		}
		fmt.Fprintf(w, " · %s · %s · %s\n", t(r.Member.Kind), t(r.Member.Environment), r.GeneratedAt)
		fmt.Fprintf(w, "  %s: %s (%s)\n", t("Catalogue"), r.Catalog.Version, r.Catalog.Digest)
		fmt.Fprintf(w, "  %s: %s\n", t("Report id"), o.ReportID)
		var counts []string
		for _, s := range audit.Statuses {
			if n := r.Summary.Count(s); n > 0 {
				counts = append(counts, fmt.Sprintf("%s %d", t(s), n))
			}
		}
		fmt.Fprintf(w, "  %s: %s (%s)\n", t("Verdict"), t(strings.ToUpper(r.Verdict)), strings.Join(counts, ", "))
	}
	for i, s := range o.Signatures {
		state := []string{t("valid")}
		if !s.Valid {
			state = []string{t("INVALID")}
		}
		switch {
		case s.Trusted:
			state = append(state, t("trusted"))
		case trustGiven:
			state = append(state, t("NOT TRUSTED"))
		default:
			state = append(state, t("trust not checked (no --trust)"))
		}
		role := s.Role
		if role != "" {
			role = t(role)
		}
		fmt.Fprintf(w, "  %s — %s: %s", t("Signature %d", i+1), role, s.Signer)
		if s.Organisation != "" && s.Organisation != s.Signer {
			fmt.Fprintf(w, " (%s)", s.Organisation)
		}
		if !s.SignedAt.IsZero() {
			fmt.Fprintf(w, " · %s", t("signed %s", s.SignedAt.Format("2006-01-02 15:04 UTC")))
		}
		if ts := s.Timestamp; ts != nil {
			trust := t("trusted")
			if !ts.Trusted {
				trust = t("NOT TRUSTED")
			}
			fmt.Fprintf(w, " · %s", fmt.Sprintf(i18n.Raw(l, "timestamp %s by %s (%s)"), ts.Time.Format("2006-01-02 15:04 UTC"), ts.TSA, trust))
		}
		fmt.Fprintf(w, " · %s\n", strings.Join(state, ", "))
		fmt.Fprintf(w, "      SHA-256 %s\n", s.Fingerprint)
	}
	if o.Decision != "" {
		fmt.Fprintf(w, "  %s: %s", t("Decision"), t(o.Decision))
		if o.DecisionComment != "" {
			fmt.Fprintf(w, " — %s", o.DecisionComment)
		}
		fmt.Fprintln(w)
		if o.DecisionOverride != "" {
			fmt.Fprintf(w, "  %s: %s\n", t("Approved although the requirements are not met"), o.DecisionOverride)
		}
	}
	list := func(title string, items []string, mark string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(w, "  %s:\n", t(title))
		for _, it := range slices.Compact(items) {
			fmt.Fprintf(w, "    %s %s\n", mark, it)
		}
	}
	list("Problems", o.Problems, "✗")
	list("Differences", o.Differences, "≠")
	list("Drift", o.Drift, "~")
	list("Notes", o.Notes, "·")
}
