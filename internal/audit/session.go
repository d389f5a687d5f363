package audit

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// Prober runs the probes an answers file names and returns their results,
// keyed as the catalogue reads them from input.probes. LiveProber is the
// real one; verify replays the probes a signed report recorded.
type Prober interface {
	Probe(ctx context.Context, a *answers.Answers, env string) map[string]any
}

// Session is one command's audit context, built once from its flags: the
// prepared catalogue, the language, the environment, the audit time, the
// prober and the waivers. It is the single builder of the Rego input
// document and the one place that judges: whole answers files (Run,
// RunAll) and a probe on its own (JudgeProbe).
type Session struct {
	Engine *engine.Engine
	// Env overrides the environment named in the answers (default production).
	Env string
	// Lang is the language of titles, messages and remediation.
	Lang string
	// Now is the audit time (zero: the current time).
	Now time.Time
	// Prober runs live probes; nil means --no-probe.
	Prober Prober
	// Waivers, when set, turns results into `waived` where an operator's
	// valid waiver covers them.
	Waivers WaiverSource
}

// Runner is the former name of Session.
type Runner = Session

// WaiverSource looks up a valid waiver for a member's requirement.
type WaiverSource interface {
	Lookup(businessID, requirementID string, now time.Time) *Waiver
}

// WaiverExplainer is a WaiverSource that says in lang why the waivers it
// has for a member's requirement do not apply at now ("" when it has none).
type WaiverExplainer interface {
	NotHonoured(businessID, requirementID string, now time.Time, lang string) string
}

// Environment is the environment an audit of a is judged in.
func (r *Session) Environment(a *answers.Answers) string {
	switch {
	case r.Env != "":
		return r.Env
	case a.Member.Environment != "":
		return a.Member.Environment
	}
	return "production"
}

// Time is the audit time: Now, or the current time when Now is zero. A
// command fixes it once (setup), so every report of a run shares it.
func (r *Session) Time() time.Time {
	if r.Now.IsZero() {
		return time.Now().UTC()
	}
	return r.Now.UTC()
}

// Input builds the Rego input document {member, answers, probes,
// environment, now} for an answers file, running probes when a Prober is set.
func (r *Session) Input(ctx context.Context, a *answers.Answers) map[string]any {
	env := r.Environment(a)
	probes := map[string]any{}
	if r.Prober != nil {
		probes = r.Prober.Probe(ctx, a, env)
	}
	return r.input(a.Member.Name, a.Member.BusinessID, a.Member.Kind, a.Values, probes, env)
}

// input is the one builder of the Rego input document.
func (r *Session) input(name, businessID, kind string, values, probes map[string]any, env string) map[string]any {
	return map[string]any{
		"member": map[string]any{
			"name":        name,
			"business_id": businessID,
			"kind":        kind,
		},
		"answers":     values,
		"probes":      probes,
		"environment": env,
		"now":         r.Time().Format(time.RFC3339),
	}
}

// Run audits one answers file.
func (r *Session) Run(ctx context.Context, a *answers.Answers) (*Report, error) {
	in := r.Input(ctx, a)
	rep, err := r.Evaluate(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.File, err)
	}
	rep.Member.Name = a.Member.Name
	rep.Source = a.File
	rep.Probes, _ = in["probes"].(map[string]any)
	rep.noteProbeErrors(rep.Lang, rep.Probes)
	return rep, nil
}

// Evaluate judges one input document and builds the localised report.
func (r *Session) Evaluate(ctx context.Context, in map[string]any) (*Report, error) {
	cat := r.Engine.Catalog
	raw, err := r.Engine.Evaluate(ctx, in)
	if err != nil {
		return nil, err
	}
	member, _ := in["member"].(map[string]any)
	kind, _ := member["kind"].(string)
	env, _ := in["environment"].(string)
	lang := r.Lang
	if lang == "" {
		lang = "en"
	}
	rep := &Report{
		Schema:      Schema,
		Tool:        Tool{Name: "mpassaudit", Version: ToolVersion()},
		GeneratedAt: fmt.Sprint(in["now"]),
		Member: Member{
			Name:        str(member["name"]),
			BusinessID:  str(member["business_id"]),
			Kind:        kind,
			Environment: env,
		},
		Catalog: catalogRef(cat),
		Lang:    lang,
	}
	seen := map[string]bool{}
	for _, x := range raw {
		seen[x.ID] = true
		rep.Results = append(rep.Results, r.localise(cat, x, lang))
	}
	// A rule that yields nothing for a requirement that applies is a
	// catalogue bug: report it instead of silently dropping the requirement.
	for _, req := range cat.ForKind(kind) {
		if !seen[req.ID] {
			rep.Results = append(rep.Results, Result{
				ID: req.ID, Area: req.Area, Status: Error, Severity: req.SeverityIn(env), Title: req.Title(lang),
				Message:  fmt.Sprintf("the catalogue rule %s gave no result (%s:%d)", req.Rule, req.File, req.Line),
				Evidence: []Evidence{},
			})
		}
	}
	sort.Slice(rep.Results, func(i, j int) bool { return rep.Results[i].ID < rep.Results[j].ID })
	if r.Waivers != nil {
		ts, _ := time.Parse(time.RFC3339, rep.GeneratedAt)
		for i := range rep.Results {
			res := &rep.Results[i]
			if res.Status != Fail && res.Status != Warn && res.Status != Error {
				continue
			}
			if w := r.Waivers.Lookup(rep.Member.BusinessID, res.ID, ts); w != nil {
				res.Status, res.Waiver = Waived, w
				res.Message += " — " + i18n.T(lang, "Waiver") + ": " + i18n.T(lang, "approved by %s, valid until %s: %s", w.Approver, w.Expires, w.Reason)
			} else if x, ok := r.Waivers.(WaiverExplainer); ok {
				if why := x.NotHonoured(rep.Member.BusinessID, res.ID, ts, lang); why != "" {
					res.Message += " — " + why
				}
			}
		}
	}
	rep.Finish()
	return rep, nil
}

func (r *Session) localise(cat *catalog.Catalog, x engine.Result, lang string) Result {
	res := Result{
		ID:         x.ID,
		Area:       x.Area,
		Status:     x.Status,
		Severity:   x.Severity,
		Message:    x.Message.In(lang),
		Unanswered: x.Unanswered,
		Evidence:   make([]Evidence, 0, len(x.Evidence)),
	}
	for _, e := range x.Evidence {
		res.Evidence = append(res.Evidence, Evidence(e))
	}
	if req := cat.Requirement(x.ID); req != nil {
		res.Title = req.Title(lang)
		if x.Status == Fail || x.Status == Warn || x.Status == Error {
			res.Remediation = req.Remediation.In(lang)
		}
	}
	return res
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// RunAll audits many answers files with the prepared query shared by
// `workers` goroutines; reports come back in the order of list.
func (r *Session) RunAll(ctx context.Context, list []*answers.Answers, workers int) ([]*Report, error) {
	if workers < 1 {
		workers = 1
	}
	out := make([]*Report, len(list))
	errs := make([]error, len(list))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], errs[i] = r.Run(ctx, list[i])
			}
		}()
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

// catalogRef names the catalogue, and the bundle it came from if any.
func catalogRef(cat *catalog.Catalog) CatalogRef {
	ref := CatalogRef{Version: cat.Version, Digest: cat.Digest}
	if b := cat.Bundle; b != nil {
		ref.Bundle = &BundleRef{SHA256: b.SHA256, KeyID: b.KeyID, Verified: b.Verified}
	}
	return ref
}
