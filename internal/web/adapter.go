package web

// This file is the form's only contact with the audit engine and the
// probes (internal/audit, internal/probe), kept in one place so that their
// restructuring changes one file here.

import (
	"context"
	"regexp"
	"strconv"
	"sync"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe"
)

// Auditor judges the form's answers with the same runner as `mpassaudit
// audit` and runs its probes.
type Auditor struct {
	// Runner is built as for `audit` (catalogue, --env, --now); its Lang
	// and Prober are set per call.
	Runner *audit.Runner
	// Prober runs the probes (--allow-private, time limits); nil: none.
	Prober *probe.Prober
}

func (a *Auditor) catalog() *catalog.Catalog { return a.Runner.Engine.Catalog }

// fixedProbes hands the runner probe results made earlier.
type fixedProbes map[string]any

func (f fixedProbes) Probe(context.Context, *answers.Answers, string) map[string]any { return f }

// evaluate judges ans in lang on the probe results given (nil: none, as
// --no-probe), exactly as the audit command would with them.
func (a *Auditor) evaluate(ctx context.Context, ans *answers.Answers, lang string, probes map[string]any) (*audit.Report, error) {
	r := *a.Runner
	r.Lang = lang
	r.Prober = nil
	if probes != nil {
		r.Prober = fixedProbes(probes)
	}
	return r.Run(ctx, ans)
}

// evaluateInput judges a bare input document (for the form's own
// questions about the catalogue, see conditions).
func (a *Auditor) evaluateInput(ctx context.Context, in map[string]any) (*audit.Report, error) {
	r := *a.Runner
	r.Lang = "en"
	return r.Evaluate(ctx, in)
}

// environment is the environment ans is judged in.
func (a *Auditor) environment(ans *answers.Answers) string { return a.Runner.Environment(ans) }

// isLocal reports whether a probe target is a local file, judged at once
// without the network.
func isLocal(t probe.Target) bool {
	k, ok := probe.Lookup(t.Kind)
	return ok && k.Local(t.Value)
}

// targets lists what ans asks to probe: local files and addresses.
func (a *Auditor) targets(ans *answers.Answers) (local, remote []probe.Target) {
	for _, t := range audit.Targets(a.catalog(), ans) {
		if isLocal(t) {
			local = append(local, t)
		} else {
			remote = append(remote, t)
		}
	}
	return local, remote
}

// probeLocal runs the probes of the local files ans names (the sample
// export, a metadata file), as audit --no-probe does: no addresses and no
// TLS, those are probed only when the member asks.
func (a *Auditor) probeLocal(ctx context.Context, ans *answers.Answers) map[string]any {
	if a.Prober == nil {
		return map[string]any{probe.TLSKey: map[string]any{}}
	}
	p := *a.Prober
	p.Offline, p.NoTLS, p.Progress = true, true, nil
	return (&audit.LiveProber{Catalog: a.catalog(), Probes: &p}).Probe(ctx, ans, a.environment(ans))
}

// probeAll runs every probe the audit command runs for ans (addresses,
// their TLS, local files), reporting progress as done/total.
func (a *Auditor) probeAll(ctx context.Context, ans *answers.Answers, progress func(done, total int)) map[string]any {
	if a.Prober == nil {
		return nil
	}
	p := *a.Prober
	p.Progress = &progressWriter{report: progress}
	return (&audit.LiveProber{Catalog: a.catalog(), Probes: &p}).Probe(ctx, ans, a.environment(ans))
}

// progressWriter reads the prober's progress bar ("… (3/7)") for the page.
type progressWriter struct {
	mu     sync.Mutex
	report func(done, total int)
}

var countRE = regexp.MustCompile(`\((\d+)/(\d+)\)`)

func (w *progressWriter) Write(b []byte) (int, error) {
	m := countRE.FindAllSubmatch(b, -1)
	if len(m) > 0 && w.report != nil {
		last := m[len(m)-1]
		done, _ := strconv.Atoi(string(last[1]))
		total, _ := strconv.Atoi(string(last[2]))
		w.mu.Lock()
		w.report(done, total)
		w.mu.Unlock()
	}
	return len(b), nil
}
