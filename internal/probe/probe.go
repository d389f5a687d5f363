// Package probe runs the live probes an answers file names and hands their
// results to the catalogue as input.probes (policies/README.md, "Probe
// results"): one result per answer whose field has `probe:` (http,
// saml-metadata, sample), keyed by the answer's path, and a TLS result for
// every https host named by those answers and by the ACS locations of SAML
// metadata, under input.probes.tls["host:port"].
//
// Probes run concurrently, each within its own time limit and all within a
// total one, so an audit takes about as long as its slowest probe.
package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/httpprobe"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
	"github.com/mpassaudit/mpassaudit/internal/probe/tlsprobe"
)

// TLSKey is the key of the TLS results in input.probes.
const TLSKey = "tls"

// Prober implements audit.Prober.
type Prober struct {
	Catalog *catalog.Catalog
	Net     safenet.Options
	// ProbeTimeout limits one probe; TotalTimeout all of them together.
	ProbeTimeout time.Duration
	TotalTimeout time.Duration
	// Now is the audit time (days left are counted from it); zero is now.
	Now time.Time
	// Progress receives a progress bar; nil shows none.
	Progress io.Writer
	// NoTLS runs only the targets given, without the TLS of the hosts they
	// name (`mpassaudit probe …` judges one probe alone).
	NoTLS bool
}

func (p *Prober) now() time.Time {
	if p.Now.IsZero() {
		return time.Now().UTC()
	}
	return p.Now.UTC()
}

func (p *Prober) timeouts() (one, total time.Duration) {
	one, total = p.ProbeTimeout, p.TotalTimeout
	if one <= 0 {
		one = 10 * time.Second
	}
	if total <= 0 {
		total = 60 * time.Second
	}
	return one, total
}

// Target is one thing to probe: the answer path it came from, the probe
// kind and what the answer names (a URL, or a file resolved against the
// answers file).
type Target struct {
	Path  string
	Kind  string
	Value string
	// Prefer picks the role reported from a metadata aggregate ("sp", "idp").
	Prefer string
}

// Targets lists what an answers file asks to probe, in catalogue order.
// A list answer gives one target per element.
func Targets(cat *catalog.Catalog, a *answers.Answers) []Target {
	prefer := "sp"
	if a.Member.Kind == catalog.EducationProvider {
		prefer = "idp"
	}
	var out []Target
	for _, f := range cat.Fields(a.Member.Kind) {
		if f.Probe == "" {
			continue
		}
		for _, v := range values(a.Get(f.Path)) {
			if !strings.Contains(v, "://") && (f.Probe == samlmd.Kind || f.Probe == sample.Kind) {
				v = a.ResolvePath(v)
			}
			out = append(out, Target{Path: f.Path, Kind: f.Probe, Value: v, Prefer: prefer})
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

// Probe implements audit.Prober. A list answer's results are a list at its
// path; every other path holds one result object.
func (p *Prober) Probe(ctx context.Context, a *answers.Answers, env string) map[string]any {
	targets := Targets(p.Catalog, a)
	lists := map[string]bool{}
	for _, f := range p.Catalog.Fields(a.Member.Kind) {
		if f.List {
			lists[f.Path] = true
		}
	}
	res := p.Run(ctx, targets)
	out := map[string]any{}
	for i, t := range targets {
		if lists[t.Path] {
			l, _ := out[t.Path].([]any)
			out[t.Path] = append(l, res.Results[i])
		} else {
			out[t.Path] = res.Results[i]
		}
	}
	tls := map[string]any{}
	for hp, r := range res.TLS {
		tls[hp] = r
	}
	out[TLSKey] = tls
	return out
}

// Results are the results of one run: one per target (in order) and one
// per TLS host:port, as plain JSON values ready for the Rego input.
type Results struct {
	Results []map[string]any
	TLS     map[string]map[string]any
}

// Run probes targets concurrently, plus the TLS of every https host they
// name and of every ACS location in the SAML metadata they fetch.
func (p *Prober) Run(ctx context.Context, targets []Target) Results {
	one, total := p.timeouts()
	ctx, cancel := context.WithTimeout(ctx, total)
	defer cancel()
	now := p.now()
	bar := p.bar(len(targets))

	out := Results{Results: make([]map[string]any, len(targets)), TLS: map[string]map[string]any{}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	started := map[string]bool{}
	var startTLS func(raw string)
	startTLS = func(raw string) {
		u, err := url.Parse(raw)
		if p.NoTLS || err != nil || u.Scheme != "https" || u.Hostname() == "" {
			return
		}
		_, hp, err := tlsprobe.HostPort(u.Host)
		if err != nil {
			return
		}
		mu.Lock()
		if started[hp] {
			mu.Unlock()
			return
		}
		started[hp] = true
		mu.Unlock()
		bar.AddMax(1)
		wg.Go(func() {
			r := ToMap(tlsprobe.Probe(ctx, hp, p.Net, one, now))
			mu.Lock()
			out.TLS[hp] = r
			mu.Unlock()
			_ = bar.Add(1)
		})
	}
	for i, t := range targets {
		if strings.Contains(t.Value, "://") && t.Kind != sample.Kind && t.Kind != TLSKey {
			startTLS(t.Value)
		}
		wg.Go(func() {
			pctx, pcancel := context.WithTimeout(ctx, one)
			defer pcancel()
			var r any
			switch t.Kind {
			case httpprobe.Kind:
				r = httpprobe.Probe(pctx, t.Value, p.Net, one, now)
			case samlmd.Kind:
				md := samlmd.Probe(pctx, t.Value, p.Net, one, now, samlmd.Options{Prefer: t.Prefer})
				if md.SP != nil {
					for _, e := range md.SP.ACS {
						startTLS(e.Location)
					}
				}
				r = md
			case TLSKey:
				// A URL answer (redirect URIs) names its host: its result
				// is also the host's entry in input.probes.tls.
				target := t.Value
				if u, err := url.Parse(t.Value); err == nil && strings.Contains(t.Value, "://") {
					target = u.Host
				}
				tr := ToMap(tlsprobe.Probe(pctx, target, p.Net, one, now))
				if _, hp, err := tlsprobe.HostPort(target); err == nil {
					mu.Lock()
					if !started[hp] {
						started[hp] = true
						out.TLS[hp] = tr
					}
					mu.Unlock()
				}
				r = tr
			case sample.Kind:
				if strings.Contains(t.Value, "://") {
					r = failed(sample.Kind, t.Value, now, fmt.Errorf("%s: a sample export is read from a file; save it and give its path", t.Value))
				} else {
					r = sample.Probe(pctx, t.Value, now)
				}
			default:
				r = failed(t.Kind, t.Value, now, fmt.Errorf("unknown probe %q for %s", t.Kind, t.Path))
			}
			out.Results[i] = ToMap(r)
			_ = bar.Add(1)
		})
	}
	wg.Wait()
	_ = bar.Finish()
	if p.Progress != nil {
		_, _ = fmt.Fprintln(p.Progress)
	}
	return out
}

func failed(kind, target string, now time.Time, err error) *base.Meta {
	m := base.NewMeta(kind, target, now)
	m.Fail(err)
	return &m
}

func (p *Prober) bar(n int) *progressbar.ProgressBar {
	if p.Progress == nil {
		return progressbar.NewOptions(n, progressbar.OptionSetVisibility(false), progressbar.OptionSetWriter(io.Discard))
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(p.Progress),
		progressbar.OptionSetDescription("probes"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
}

// ToMap turns a result struct into plain JSON values (what OPA reads and
// what `parse` prints), so null, numbers and lists are exactly as in the
// contract.
func ToMap(v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		return map[string]any{"status": base.Error, "error": "cannot encode the probe result: " + err.Error()}
	}
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		return map[string]any{"status": base.Error, "error": "cannot encode the probe result: " + err.Error()}
	}
	return m
}

// SortedTLS lists the TLS host:ports of a run in order.
func (r Results) SortedTLS() []string {
	keys := make([]string, 0, len(r.TLS))
	for k := range r.TLS {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
