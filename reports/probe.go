package reports

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// WriteProbe prints a standalone probe's facts, the checks it decided, the
// checks left to the self-audit (apart, never counted) and the probe's own
// verdict, in lang. answersFile names the --answers file, if any.
func WriteProbe(w io.Writer, lang string, pr *audit.ProbeReport, cat *catalog.Catalog, answersFile string) {
	l := lang
	T := func(key string, args ...any) string { return i18n.T(l, key, args...) }
	target, _ := pr.Probe["target"].(string)
	kind, _ := pr.Probe["kind"].(string)
	fmt.Fprintf(w, "%s: %s — %s\n", T("Probe"), kind, target)
	fmt.Fprintf(w, "%s: %s · %s: %s · %s: %s\n", T("Member type"), T(pr.Member.Kind),
		T("Environment"), T(pr.Member.Environment), T("Catalogue"), pr.Catalog.Version)
	if answersFile != "" {
		fmt.Fprintf(w, "%s: %s\n", T("Answers file"), answersFile)
	}
	facts(w, l, kind, pr.Probe)
	if len(pr.Context) > 0 {
		var cs []string
		for _, p := range contextKeys(pr.Context) {
			cs = append(cs, fmt.Sprintf("%s = %v", questionOf(cat, l, p), pr.Context[p]))
		}
		fmt.Fprintf(w, "  %-22s %s\n", T("Assumed from the probed facts")+":", strings.Join(cs, "; "))
	}
	fmt.Fprintln(w)
	for _, r := range pr.Results {
		fmt.Fprintf(w, "  %s %-11s %-18s %-13s %s\n", Mark(r.Status), r.ID, strings.ToUpper(T(r.Status)), T(r.Severity), r.Title)
		if r.Message != "" {
			fmt.Fprintf(w, "      %s\n", r.Message)
		}
		if r.Remediation != "" {
			fmt.Fprintf(w, "      → %s\n", r.Remediation)
		}
	}
	if len(pr.Left) > 0 {
		fmt.Fprintf(w, "\n%s:\n", T("Left to the self-audit"))
		for _, x := range pr.Left {
			fmt.Fprintf(w, "  · %-11s %-13s %s\n", x.ID, T(x.Severity), x.Title)
			fmt.Fprintf(w, "      %s\n", x.Reason)
		}
	}
	fmt.Fprintln(w)
	if line := CountLine(l, pr.Summary); line != "" {
		fmt.Fprintf(w, "%s: %s\n", T("Summary"), line)
	}
	fmt.Fprintf(w, "%s: %s\n", T("Probe verdict"), ProbeVerdict(l, pr))
	fmt.Fprintln(w, T("The probe judges only the probed evidence, never the whole self-audit."))
}

// ProbeVerdict is the probe's own verdict (GLOSSARY.md): "no failures
// found" / "N checks fail", with what is left to the self-audit; never a
// word of approval.
func ProbeVerdict(lang string, pr *audit.ProbeReport) string {
	failing := pr.Summary.Fail
	var parts []string
	switch {
	case failing == 1:
		parts = append(parts, i18n.T(lang, "1 check fails"))
	case failing > 1:
		parts = append(parts, i18n.T(lang, "%d checks fail", failing))
	case pr.Summary.Error > 0:
		// Nothing failed, but something could not be checked: counted below.
	case pr.Outcome == audit.ProbeNoFailures:
		parts = append(parts, i18n.T(lang, "no failures found"))
	case len(pr.Results) == 0 || pr.Summary.NotApplicable == len(pr.Results):
		parts = append(parts, i18n.T(lang, "nothing decided")+": "+i18n.T(lang, "No check of the catalogue could be decided from this probe alone."))
	default:
		// Undecided: what it decided shows no failure, but that is no
		// verdict on what is left.
		parts = append(parts, i18n.T(lang, "no failures found in what the probe could decide"))
	}
	switch w := pr.Summary.Warn; {
	case w == 1:
		parts = append(parts, i18n.T(lang, "1 warning"))
	case w > 1:
		parts = append(parts, i18n.T(lang, "%d warnings", w))
	}
	if pr.Summary.Error > 0 {
		parts = append(parts, i18n.T(lang, "%d could not be checked", pr.Summary.Error))
	}
	if len(pr.Left) > 0 {
		parts = append(parts, i18n.T(lang, "%d checks are left to the self-audit.", len(pr.Left)))
	}
	return strings.Join(parts, " · ")
}

// ProbeError says what went wrong with a probe that could not run, and
// what to do, naming the target once.
func ProbeError(lang, kind, target string, r map[string]any) string {
	msg, rem := audit.DescribeProbeError(lang, r)
	return fmt.Sprintf("%s (%s): %s.\n%s: %v\n→ %s", i18n.T(lang, "Probe failed"), kind, msg,
		i18n.T(lang, "Details (technical, in English)"), r["error"], rem)
}

// writeProbeErrors lists each probe that could not run once, with the
// requirements it leaves undecided.
func writeProbeErrors(w io.Writer, l string, errs []audit.ProbeError) {
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", i18n.T(l, "Probes that could not run"))
	for _, e := range errs {
		fmt.Fprintf(w, "  E %s: %s\n", e.Kind, e.Message)
		if len(e.Requirements) > 0 {
			fmt.Fprintf(w, "      %s\n", i18n.T(l, "leaves undecided: %s", strings.Join(e.Requirements, ", ")))
		}
		fmt.Fprintf(w, "      %s: %s\n", i18n.T(l, "Details (technical, in English)"), e.Detail)
		fmt.Fprintf(w, "      → %s\n", e.Remediation)
	}
}

// questionOf names an answer path by its question in lang, the key after it.
func questionOf(cat *catalog.Catalog, lang, path string) string {
	if cat != nil {
		if f, ok := cat.Field(path); ok && f.Question.In(lang) != "" {
			return fmt.Sprintf("%s (%s)", f.Question.In(lang), path)
		}
	}
	return path
}

var roleName = map[string]string{"sp": "service provider role (SPSSODescriptor)", "idp": "identity provider role (IDPSSODescriptor)"}

func useName(u any) string {
	switch u {
	case "signing":
		return "signing certificate"
	case "encryption":
		return "encryption certificate"
	}
	return "signing and encryption certificate"
}

// daysLeft says how long a certificate is valid, or how long ago it expired.
func daysLeft(lang string, v any) string {
	n, err := strconv.Atoi(fmt.Sprint(v))
	switch {
	case err != nil:
		return fmt.Sprint(v)
	case n < 0:
		return i18n.T(lang, "expired %d days ago", -n)
	}
	return i18n.T(lang, "%d days left", n)
}

func facts(w io.Writer, l, kind string, r map[string]any) {
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "  %-22s %s\n", i18n.T(l, label)+":", fmt.Sprintf(format, args...))
	}
	if r["status"] == "error" {
		line("Probe failed", "%v", r["error"])
		return
	}
	yes := func(v any) string {
		if v == true {
			return i18n.T(l, "Yes")
		}
		return i18n.T(l, "No")
	}
	switch kind {
	case "saml-metadata":
		ent := fmt.Sprint(r["entity_id"])
		if n := fmt.Sprint(r["entity_count"]); n != "1" {
			ent += fmt.Sprintf(" (%s %s)", n, i18n.T(l, "entities in the file"))
		}
		line("Entity", "%s", ent)
		var roles []string
		for _, k := range []string{"sp", "idp"} {
			if r[k] != nil {
				roles = append(roles, map[string]string{"sp": "SPSSODescriptor", "idp": "IDPSSODescriptor"}[k])
			}
		}
		line("Roles", "%s", strings.Join(roles, ", "))
		signed := yes(r["signed"])
		if r["signed"] == true {
			if r["signature_valid"] == true {
				signed += ", " + i18n.T(l, "signature verifies")
			} else {
				signed += ", " + i18n.T(l, "signature does not verify") + ": " + fmt.Sprint(r["signature_error"])
			}
		}
		line("Signed", "%s", signed)
		if v := fmt.Sprint(r["valid_until"]); v != "" {
			line("Valid until", "%s", v)
		}
		for _, k := range []string{"sp", "idp"} {
			role, _ := r[k].(map[string]any)
			certs, _ := role["certificates"].([]any)
			for _, x := range certs {
				cm, _ := x.(map[string]any)
				if pe := fmt.Sprint(cm["parse_error"]); pe != "" {
					line("Certificates", "%s: %s — %s", cm["use"], i18n.T(l, "does not parse"), pe)
					continue
				}
				size := fmt.Sprint(cm["key_bits"])
				if cv := fmt.Sprint(cm["curve"]); cv != "" {
					size = cv
				}
				line("Certificates", "%s, %s: %s %s, %s (%s)", i18n.T(l, roleName[k]), i18n.T(l, useName(cm["use"])), cm["key_type"], size, cm["not_after"], daysLeft(l, cm["days_left"]))
			}
		}
	case "tls":
		var vs []string
		versions, _ := r["versions"].(map[string]any)
		limited, _ := r["client_limited"].([]any)
		for _, v := range []string{"1.0", "1.1", "1.2", "1.3"} {
			s := v + " " + yes(versions[v])
			for _, x := range limited {
				if x == v {
					s = v + " (" + i18n.T(l, "not tested by this client") + ")"
				}
			}
			vs = append(vs, s)
		}
		line("Versions offered", "%s", strings.Join(vs, ", "))
		line("Negotiated", "TLS %v, %v", r["negotiated_version"], r["cipher"])
		chain := yes(r["chain_valid"])
		if e := fmt.Sprint(r["chain_error"]); e != "" {
			chain += " — " + e
		}
		line("Chain", "%s", chain)
		line("Host name matches", "%s", yes(r["hostname_match"]))
		line("Valid until", "%v (%s)", r["not_after"], daysLeft(l, r["days_left"]))
		fmt.Fprintf(w, "  %s\n", i18n.T(l, "TLS 1.0 and 1.1 are tested with the Go library's cipher suites: \"no\" means the server accepted none of them; old suites (RC4, DHE) cannot be tested."))
	case "http":
		line("Final URL", "%v (HTTP %v, https %s, HSTS %s)", r["final_url"], r["status_code"], yes(r["https"]), yes(r["hsts"]))
	case "sample":
		rows, _ := r["rows"].([]any)
		line("Format", "%v", r["format"])
		line("Rows", "%d", len(rows))
	}
	line("Time", "%v · sha256 %v", r["fetched_at"], r["sha256"])
}

func contextKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
