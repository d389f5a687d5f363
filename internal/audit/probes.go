package audit

import (
	"context"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe"
)

// LiveProber probes what an answers file names: one target per answer whose
// field has `probe:` (a list answer gives one per element), plus the TLS of
// every https host those name. Offline (--no-probe) it still reads the local
// files the answers name: only the network is left out.
type LiveProber struct {
	Catalog *catalog.Catalog
	Probes  *probe.Prober
}

// Targets lists what an answers file asks to probe, in catalogue order.
// File answers are resolved against the answers file's directory.
func Targets(cat *catalog.Catalog, a *answers.Answers) []probe.Target {
	prefer := "sp"
	if a.Member.Kind == catalog.EducationProvider {
		prefer = "idp"
	}
	var out []probe.Target
	for _, f := range cat.Fields(a.Member.Kind) {
		if f.Probe == "" {
			continue
		}
		k, _ := probe.Lookup(f.Probe)
		for _, v := range values(a.Get(f.Path)) {
			if k != nil && k.Local(v) {
				v = a.ResolvePath(v)
			}
			t := probe.Target{Path: f.Path, Kind: f.Probe, Value: v, Prefer: prefer}
			for name, path := range f.ProbeWith {
				if vs := values(a.Get(path)); len(vs) > 0 {
					if t.With == nil {
						t.With = map[string]string{}
					}
					t.With[name] = vs[0]
				}
			}
			out = append(out, t)
		}
	}
	return out
}

func values(v any) []string {
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) != "" {
			return []string{strings.TrimSpace(x)}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, values(e)...)
		}
		return out
	case []string:
		var out []string
		for _, e := range x {
			out = append(out, values(e)...)
		}
		return out
	}
	return nil
}

// Probe implements Prober. A list answer's results are a list at its path;
// every other path holds one result object. A target that was not run
// (offline) is absent, so the catalogue reports it as not probed.
func (p *LiveProber) Probe(ctx context.Context, a *answers.Answers, _ string) map[string]any {
	targets := Targets(p.Catalog, a)
	lists := map[string]bool{}
	for _, f := range p.Catalog.Fields(a.Member.Kind) {
		if f.List {
			lists[f.Path] = true
		}
	}
	res := p.Probes.Run(ctx, targets)
	out := map[string]any{}
	for i, t := range targets {
		r := res.Results[i]
		if r == nil {
			continue
		}
		if lists[t.Path] {
			l, _ := out[t.Path].([]any)
			out[t.Path] = append(l, r)
		} else {
			out[t.Path] = r
		}
	}
	tls := map[string]any{}
	for hp, r := range res.TLS {
		tls[hp] = r
	}
	out[probe.TLSKey] = tls
	return out
}
