package probe

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
)

// Check judges one probe result alone, for `mpassaudit probe …`: the real
// catalogue is evaluated over an input whose probes hold just this result
// (and whose answers hold just the probed answer, so rules that list it do
// not report it unanswered; with Answers, the member's answers too), and
// only the requirements that read this probe are kept.
type Check struct {
	Runner *audit.Runner
	// Kind is the member kind the probe implies (service-provider for SP
	// metadata, education-provider for a sample).
	Kind string
	// ProbeKind is http, saml-metadata, sample or tls.
	ProbeKind string
	Target    string
	Result    map[string]any
	// Answers, when set (UseAnswers), are the member's answers: rules that
	// also need an answer are judged instead of left to the self-audit.
	Answers *answers.Answers
}

// UseAnswers judges the probe together with the member's answers a; the
// probed target overrides a's value at the probed path. It fails when the
// file's member kind is not one this probe speaks for (an education
// provider's answers beside SP-only metadata, say).
func (c *Check) UseAnswers(a *answers.Answers) error {
	kinds, why := Kinds(c.ProbeKind, c.Result)
	if !slices.Contains(kinds, a.Member.Kind) {
		return fmt.Errorf("%s is the answers file of %s (member.kind = %q), but %s: give the answers file of %s, or leave out --answers",
			a.File, kindWords[a.Member.Kind], a.Member.Kind, why, kindWords[kinds[0]])
	}
	c.Kind, c.Answers = a.Member.Kind, a
	return nil
}

var kindWords = map[string]string{catalog.EducationProvider: "an education provider", catalog.ServiceProvider: "a service provider"}

// Kinds are the member kinds a probe result can speak for, and, when it is
// only one, why: a sample export is an education provider's, SAML metadata
// speaks for the roles it has; TLS, HTTP and a metadata probe that failed
// speak for either.
func Kinds(probeKind string, r map[string]any) (kinds []string, why string) {
	switch {
	case probeKind == sample.Kind:
		return []string{catalog.EducationProvider}, "a sample export of test users is an education provider's"
	case probeKind == samlmd.Kind && r["sp"] != nil && r["idp"] == nil:
		return []string{catalog.ServiceProvider}, "the SAML metadata has only a service provider role (SPSSODescriptor)"
	case probeKind == samlmd.Kind && r["idp"] != nil && r["sp"] == nil:
		return []string{catalog.EducationProvider}, "the SAML metadata has only an identity provider role (IDPSSODescriptor), an education provider's"
	}
	return []string{catalog.EducationProvider, catalog.ServiceProvider}, ""
}

// Paths are the answer paths of Kind whose field asks for ProbeKind.
func (c *Check) Paths() []string {
	var out []string
	for _, f := range c.Runner.Engine.Catalog.Fields(c.Kind) {
		if f.Probe == c.ProbeKind {
			out = append(out, f.Path)
		}
	}
	return out
}

// Input is the Rego input document of the check.
func (c *Check) Input(env string, now time.Time) map[string]any {
	answersDoc := map[string]any{}
	member := map[string]any{"name": c.Target, "business_id": "", "kind": c.Kind}
	if c.Answers != nil {
		// Copied by section: the probed target must not change c.Answers.
		for sec, v := range c.Answers.Values {
			if m, ok := v.(map[string]any); ok {
				answersDoc[sec] = maps.Clone(m)
			}
		}
		member["name"], member["business_id"] = c.Answers.Member.Name, c.Answers.Member.BusinessID
	}
	probes := map[string]any{TLSKey: map[string]any{}}
	if c.ProbeKind == TLSKey {
		probes[TLSKey] = map[string]any{c.Target: c.Result}
	} else {
		for _, p := range c.Paths() {
			sec, key, _ := strings.Cut(p, ".")
			m, _ := answersDoc[sec].(map[string]any)
			if m == nil {
				m = map[string]any{}
				answersDoc[sec] = m
			}
			m[key] = c.Target
			probes[p] = c.Result
		}
	}
	return map[string]any{
		"member":      member,
		"answers":     answersDoc,
		"probes":      probes,
		"environment": env,
		"now":         now.UTC().Format(time.RFC3339),
	}
}

// Evaluate judges the probe and keeps only the requirements that read it.
func (c *Check) Evaluate(ctx context.Context, env string, now time.Time) (*audit.Report, error) {
	rep, err := c.Runner.Evaluate(ctx, c.Input(env, now))
	if err != nil {
		return nil, err
	}
	cat := c.Runner.Engine.Catalog
	paths := c.Paths()
	kept := rep.Results[:0]
	for _, r := range rep.Results {
		if c.reads(cat.Requirement(r.ID), r, paths) {
			kept = append(kept, r)
		}
	}
	// With the member's answers, a result stands as the self-audit would
	// give it: an answer missing from the file is the file's to fix.
	if c.Answers == nil {
		for i := range kept {
			c.needsAnswers(cat.Requirement(kept[i].ID), &kept[i], paths)
		}
	}
	rep.Results = kept
	rep.Finish()
	return rep, nil
}

// needsAnswers turns "not answered" into manual: without --answers the
// probe command has no answers file, so a rule that also needs an answer
// cannot be decided here, and reporting it as failed would blame the
// probed document.
func (c *Check) needsAnswers(req *catalog.Requirement, r *audit.Result, paths []string) {
	if r.Status != audit.Fail && r.Status != audit.Warn {
		return
	}
	var missing []string
	if req != nil {
		for _, f := range req.Answers {
			if !f.Optional && !slices.Contains(paths, f.Path) {
				missing = append(missing, f.Path)
			}
		}
	}
	if len(missing) == 0 {
		missing = r.Unanswered
	}
	if len(missing) == 0 {
		return
	}
	r.Status = audit.Manual
	r.Message = T(c.Runner.Lang, "Decided only in the self-audit, with the answer to %s; the probe alone cannot decide it.", strings.Join(missing, ", "))
	r.Remediation = ""
}

// probeWords are what a requirement's message says when it reads a probe.
var probeWords = map[string][]string{
	"saml-metadata": {"metadata", "metadat"},
	"tls":           {"tls"},
	// http: none; "https" and "URL" appear in too many messages, so an http
	// probe is matched by its answer path or evidence only.
	"sample": {"sample", "otos", "exempel", "row ", "rivi", "rad "},
}

// reads reports whether a requirement reads this probe: its evidence names
// the probe, it lists a probed answer or the probe, or its evidence kind is
// probe/sample and its message names the probe.
func (c *Check) reads(req *catalog.Requirement, r audit.Result, paths []string) bool {
	for _, e := range r.Evidence {
		if e["kind"] == "probe" && (e["probe"] == c.ProbeKind || slices.Contains(paths, fmt.Sprint(e["path"]))) {
			return true
		}
	}
	if req == nil {
		return false
	}
	if slices.Contains(req.Probes, c.ProbeKind) {
		return true
	}
	for _, f := range req.Answers {
		if slices.Contains(paths, f.Path) {
			return true
		}
	}
	if req.Evidence != "probe" && req.Evidence != "sample" {
		return false
	}
	msg := strings.ToLower(r.Message + " " + req.Titles.EN)
	for _, w := range probeWords[c.ProbeKind] {
		if strings.Contains(msg, w) {
			return true
		}
	}
	return false
}

// T translates a text of the probe command (the shared table of
// internal/i18n: one place for the tool's own words).
func T(lang, key string, args ...any) string { return i18n.T(lang, key, args...) }

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
		return T(lang, "expired %d days ago", -n)
	}
	return T(lang, "%d days left", n)
}

var marks = map[string]string{
	audit.Pass: "✓", audit.Fail: "✗", audit.Warn: "!", audit.Manual: "?",
	audit.NotApplicable: "-", audit.Waived: "~", audit.Error: "E",
}

// WriteText prints the probe's facts and the per-check table in lang.
func WriteText(w io.Writer, lang string, c *Check, rep *audit.Report) {
	fmt.Fprintf(w, "%s: %s — %s\n", i18n.T(lang, "Probe"), c.ProbeKind, c.Target)
	fmt.Fprintf(w, "%s: %s · %s: %s · %s: %s\n", i18n.T(lang, "Member type"), i18n.T(lang, c.Kind),
		i18n.T(lang, "Environment"), i18n.T(lang, rep.Member.Environment), i18n.T(lang, "Catalogue"), rep.Catalog.Version)
	if c.Answers != nil {
		fmt.Fprintf(w, "%s: %s (%s)\n", i18n.T(lang, "Answers file"), c.Answers.File, c.Answers.Member.Name)
	}
	facts(w, lang, c.ProbeKind, c.Result)
	fmt.Fprintln(w)
	if len(rep.Results) == 0 {
		fmt.Fprintln(w, T(lang, "No requirement of the catalogue reads the result of this probe."))
	}
	for _, r := range rep.Results {
		fmt.Fprintf(w, "  %s %-11s %-18s %-13s %s\n", marks[r.Status], r.ID, strings.ToUpper(i18n.T(lang, r.Status)), i18n.T(lang, r.Severity), r.Title)
		if r.Message != "" {
			fmt.Fprintf(w, "      %s\n", r.Message)
		}
		if r.Remediation != "" {
			fmt.Fprintf(w, "      → %s\n", r.Remediation)
		}
	}
	fmt.Fprintf(w, "\n%s:", i18n.T(lang, "Summary"))
	for _, s := range audit.Statuses {
		if n := rep.Summary.Count(s); n > 0 {
			fmt.Fprintf(w, " %s %d,", i18n.T(lang, s), n)
		}
	}
	fmt.Fprintf(w, " %s: %s\n", strings.ToLower(i18n.T(lang, "Verdict")), i18n.T(lang, strings.ToUpper(rep.Verdict)))
}

func facts(w io.Writer, l, kind string, r map[string]any) {
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "  %-22s %s\n", T(l, label)+":", fmt.Sprintf(format, args...))
	}
	if r["status"] == "error" {
		line("Probe failed", "%v", r["error"])
		return
	}
	yes := func(v any) string {
		if v == true {
			return T(l, "Yes")
		}
		return T(l, "No")
	}
	switch kind {
	case "saml-metadata":
		ent := fmt.Sprint(r["entity_id"])
		if n := fmt.Sprint(r["entity_count"]); n != "1" {
			ent += fmt.Sprintf(" (%s %s)", n, T(l, "entities in the file"))
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
				signed += ", " + T(l, "signature verifies")
			} else {
				signed += ", " + T(l, "signature does not verify") + ": " + fmt.Sprint(r["signature_error"])
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
					line("Certificates", "%s: %s — %s", cm["use"], T(l, "does not parse"), pe)
					continue
				}
				size := fmt.Sprint(cm["key_bits"])
				if cv := fmt.Sprint(cm["curve"]); cv != "" {
					size = cv
				}
				line("Certificates", "%s, %s: %s %s, %s (%s)", T(l, roleName[k]), T(l, useName(cm["use"])), cm["key_type"], size, cm["not_after"], daysLeft(l, cm["days_left"]))
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
					s = v + " (" + T(l, "not tested by this client") + ")"
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
		fmt.Fprintf(w, "  %s\n", T(l, "TLS 1.0 and 1.1 are tested with the Go library's cipher suites: \"no\" means the server accepted none of them; old suites (RC4, DHE) cannot be tested."))
	case "http":
		line("Final URL", "%v (HTTP %v, https %s, HSTS %s)", r["final_url"], r["status_code"], yes(r["https"]), yes(r["hsts"]))
	case "sample":
		rows, _ := r["rows"].([]any)
		line("Format", "%v", r["format"])
		line("Rows", "%d", len(rows))
	}
	line("Time", "%v · sha256 %v", r["fetched_at"], r["sha256"])
}
