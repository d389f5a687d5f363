package audit

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/probe"
)

// ProbeCheck is one probe judged on its own (`mpassaudit probe …`): the
// catalogue is evaluated as the self-audit would be with the probed target
// named in the answers, and only the requirements that read the probe
// (catalog.ReadsProbe) are kept.
type ProbeCheck struct {
	// Kind is the member kind the probe speaks for.
	Kind string
	// ProbeKind is the probe that ran (http, saml-metadata, sample, tls, …).
	ProbeKind string
	Target    string
	Result    map[string]any
	// Context are answers the probed facts settle (service.protocol = saml
	// for an SP's metadata, registry.type from a sample's columns): the
	// checks then judge the probed target as that member's. A member's own
	// answer always wins.
	Context map[string]any
	// Answers, when set, are the member's answers: results then stand as
	// the self-audit gives them (an unanswered question is the file's to fix).
	Answers *answers.Answers
}

// ProbeReport is a probe's judgement. Results are the checks the probed
// facts decided (and those that do not apply); Left are the checks the
// probe cannot decide alone, never counted in the verdict.
type ProbeReport struct {
	Probe map[string]any `json:"probe"`
	*Report
	Context map[string]any `json:"context,omitempty"`
	Left    []Left         `json:"left_to_self_audit"`
	// Outcome is the probe's own verdict: fail (a check fails or could not
	// be checked), no_failures (every check it covers was decided and none
	// fails) or undecided (nothing failed, but checks are left).
	Outcome string `json:"probe_verdict"`
}

// Probe outcomes.
const (
	ProbeFail       = "fail"
	ProbeNoFailures = "no_failures"
	ProbeUndecided  = "undecided"
)

// Left is a check the probe alone cannot decide: what it still needs.
type Left struct {
	ID       string   `json:"id"`
	Severity string   `json:"severity"`
	Title    string   `json:"title"`
	Needs    []string `json:"needs,omitempty"`
	Reason   string   `json:"reason"`
}

// ProbeKinds are the member kinds a probe result can speak for, and, when
// it is only one, why: a sample export is an education provider's; SAML
// metadata with an identity provider role (IDPSSODescriptor) is the
// education provider's identity source (AD FS federation metadata has an
// SP role too), metadata with only an SP role a service provider's; TLS,
// HTTP and a probe that failed speak for either.
func ProbeKinds(probeKind string, r map[string]any) (kinds []string, why string) {
	switch {
	case probeKind == "oidc-client":
		return []string{catalog.ServiceProvider}, "an OIDC client registration is a service provider's"
	case probeKind == "sample":
		return []string{catalog.EducationProvider}, "a sample export of test users is an education provider's"
	case probeKind == "saml-metadata" && r["idp"] != nil && r["sp"] == nil:
		return []string{catalog.EducationProvider}, "the SAML metadata has only an identity provider role (IDPSSODescriptor), an education provider's"
	case probeKind == "saml-metadata" && r["idp"] != nil:
		return []string{catalog.EducationProvider, catalog.ServiceProvider}, "the SAML metadata has an identity provider role (IDPSSODescriptor), an education provider's"
	case probeKind == "saml-metadata" && r["sp"] != nil:
		return []string{catalog.ServiceProvider}, "the SAML metadata has only a service provider role (SPSSODescriptor)"
	}
	return []string{catalog.ServiceProvider, catalog.EducationProvider}, ""
}

// UseAnswers judges the probe together with the member's answers a; the
// probed target overrides a's value at the probed path. It fails when the
// file's member kind is not one this probe speaks for.
func (c *ProbeCheck) UseAnswers(a *answers.Answers) error {
	kinds, why := ProbeKinds(c.ProbeKind, c.Result)
	if !slices.Contains(kinds, a.Member.Kind) {
		return fmt.Errorf("%s is the answers file of %s (member.kind = %q), but %s: give the answers file of %s, or leave out --answers",
			a.File, kindWords[a.Member.Kind], a.Member.Kind, why, kindWords[kinds[0]])
	}
	c.Kind, c.Answers = a.Member.Kind, a
	return nil
}

var kindWords = map[string]string{catalog.EducationProvider: "an education provider", catalog.ServiceProvider: "a service provider"}

// paths are the answer fields of the member kind that this probe kind fills.
func (c *ProbeCheck) paths(cat *catalog.Catalog) []catalog.Field {
	var out []catalog.Field
	for _, f := range cat.Fields(c.Kind) {
		if f.Probe == c.ProbeKind {
			out = append(out, f)
		}
	}
	return out
}

// input is the Rego input of the check: the member's answers (if any), the
// probed target at every path this probe kind fills, the context answers
// where the member gave none, and the probe's result.
func (s *Session) probeInput(c *ProbeCheck, env string) map[string]any {
	cat := s.Engine.Catalog
	values := map[string]any{}
	name, businessID := c.Target, ""
	if c.Answers != nil {
		// Copied by section: the probed target must not change c.Answers.
		for sec, v := range c.Answers.Values {
			if m, ok := v.(map[string]any); ok {
				values[sec] = maps.Clone(m)
			}
		}
		name, businessID = c.Answers.Member.Name, c.Answers.Member.BusinessID
	}
	set := func(path string, v any, override bool) {
		sec, key, _ := strings.Cut(path, ".")
		m, _ := values[sec].(map[string]any)
		if m == nil {
			m = map[string]any{}
			values[sec] = m
		}
		if _, has := m[key]; has && !override {
			return
		}
		m[key] = v
	}
	for p, v := range c.Context {
		set(p, v, false)
	}
	probes := map[string]any{probe.TLSKey: map[string]any{}}
	value := c.Target
	if c.ProbeKind == probe.TLSKey {
		// The probed host is what the TLS paths (redirect URIs) name.
		hp, _ := c.Result["target"].(string)
		if hp == "" {
			hp = probe.TLSHost(c.Target)
		}
		probes[probe.TLSKey] = map[string]any{hp: c.Result}
		value = "https://" + hp + "/"
	}
	for _, f := range c.paths(cat) {
		if f.List {
			set(f.Path, []any{value}, true)
			probes[f.Path] = []any{c.Result}
		} else {
			set(f.Path, value, true)
			probes[f.Path] = c.Result
		}
	}
	return s.input(name, businessID, c.Kind, values, probes, env)
}

// JudgeProbe evaluates the check and keeps the requirements that read the
// probe. Without the member's answers, a check that still needs an answer,
// or a reviewer, is listed apart in Left and never counted.
func (s *Session) JudgeProbe(ctx context.Context, c *ProbeCheck) (*ProbeReport, error) {
	env := s.Env
	if c.Answers != nil {
		env = s.Environment(c.Answers)
	}
	if env == "" {
		env = "production"
	}
	in := s.probeInput(c, env)
	rep, err := s.Evaluate(ctx, in)
	if err != nil {
		return nil, err
	}
	// What the probe decided is what changes without it: the same input
	// with the probe's results taken out is judged too, and a result that
	// stands as it was (from answers the probe assumed) is not the probe's.
	without := maps.Clone(in)
	without["probes"] = map[string]any{probe.TLSKey: map[string]any{}}
	base, err := s.Evaluate(ctx, without)
	if err != nil {
		return nil, err
	}
	same := map[string]bool{}
	byID := map[string]Result{}
	for _, r := range base.Results {
		byID[r.ID] = r
	}
	for _, r := range rep.Results {
		b, ok := byID[r.ID]
		same[r.ID] = ok && b.Status == r.Status && b.Message == r.Message
	}
	cat := s.Engine.Catalog
	filled := map[string]bool{}
	for _, f := range c.paths(cat) {
		filled[f.Path] = true
	}
	for p := range c.Context {
		filled[p] = true
	}
	out := &ProbeReport{Probe: c.Result, Report: rep, Context: c.Context, Left: []Left{}}
	kept := rep.Results[:0]
	for _, r := range rep.Results {
		req := cat.Requirement(r.ID)
		if req == nil || !cat.ReadsProbe(req, c.ProbeKind) {
			continue
		}
		if c.Answers == nil {
			if l, left := s.left(r, filled, same[r.ID]); left {
				out.Left = append(out.Left, l)
				continue
			}
		}
		kept = append(kept, r)
	}
	rep.Results = kept
	rep.Finish()
	out.Outcome = probeOutcome(rep, out.Left)
	if out.Outcome == ProbeUndecided {
		// Never "pass" for what the probe did not establish.
		rep.Verdict = ProbeUndecided
	}
	return out, nil
}

// left reports whether a result is undecided by the probe alone: it needs
// answers the probe cannot see, or a reviewer.
func (s *Session) left(r Result, filled map[string]bool, unchanged bool) (Left, bool) {
	l := Left{ID: r.ID, Severity: r.Severity, Title: r.Title}
	for _, p := range r.Unanswered {
		if !filled[p] {
			l.Needs = append(l.Needs, p)
		}
	}
	switch {
	case len(l.Needs) > 0:
		l.Reason = i18n.T(s.lang(), "Needs the answer to: %s.", strings.Join(s.questions(l.Needs), "; "))
	case r.Status == Manual:
		l.Reason = r.Message
	case r.Status != NotApplicable && unchanged:
		// Judged from answers (the ones the probe assumed), not from the
		// probed facts: the probe established nothing here.
		l.Reason = i18n.T(s.lang(), "Decided by the answers of the self-audit, not by the probed evidence.")
	default:
		return l, false
	}
	return l, true
}

// questions names answer paths by their question in the session's language.
func (s *Session) questions(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if f, ok := s.Engine.Catalog.Field(p); ok && f.Question.In(s.lang()) != "" {
			out = append(out, fmt.Sprintf("%s (%s)", f.Question.In(s.lang()), p))
			continue
		}
		out = append(out, p)
	}
	return out
}

func (s *Session) lang() string {
	if s.Lang == "" {
		return "en"
	}
	return s.Lang
}

// probeOutcome is the probe's verdict: a check that fails or could not be
// checked fails the probe (warnings do not); otherwise it found no failures only
// when nothing it covers is left undecided.
func probeOutcome(rep *Report, left []Left) string {
	for _, r := range rep.Results {
		if r.Status == Fail || r.Status == Error {
			return ProbeFail
		}
	}
	decided := 0
	for _, r := range rep.Results {
		if r.Status != NotApplicable {
			decided++
		}
	}
	if decided == 0 || len(left) > 0 {
		return ProbeUndecided
	}
	return ProbeNoFailures
}
