// Package probe gathers facts about a member's live configuration: SAML
// metadata, TLS, HTTP pages and sample exports, one kind per file (kind.go).
// It judges nothing and knows neither answers files nor the audit: the audit
// session (internal/audit) says what to probe and hands the results to the
// catalogue as input.probes (policies/README.md, "Probe results").
//
// Probes run concurrently, each within its own time limit and all within a
// total one, so an audit takes about as long as its slowest probe.
package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/internal/probe/tlsprobe"
)

// Prober runs probes concurrently within time limits.
type Prober struct {
	Net safenet.Options
	// ProbeTimeout limits one probe; TotalTimeout all of them together.
	ProbeTimeout time.Duration
	TotalTimeout time.Duration
	// Now is the audit time (days left are counted from it); zero is now.
	Now time.Time
	// Progress receives a progress bar; nil shows none.
	Progress io.Writer
	// Label is the progress bar's text (in the audit's language).
	Label string
	// NoTLS runs only the targets given, without the TLS of the hosts they
	// name (`mpassaudit probe …` judges one probe alone).
	NoTLS bool
	// Offline reads local files only (--no-probe): targets that need the
	// network are not run and their results are nil.
	Offline bool
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
// kind and what the answer names (a URL, a host, or a file resolved against
// the answers file).
type Target struct {
	Path  string
	Kind  string
	Value string
	// Prefer picks the role reported from a metadata aggregate ("sp", "idp").
	Prefer string
	// Entity picks one entity of a metadata aggregate by its entityID.
	Entity string
	// With are the kind's parameters (Parameterised), from the answers its
	// field names in METADATA probe_with, or from the command's flags.
	With map[string]string
}

// Results are the results of one run: one per target (in order; nil for a
// target that was not run) and one per TLS host:port, as plain JSON values
// ready for the Rego input.
type Results struct {
	Results []map[string]any
	TLS     map[string]map[string]any
}

// Runs reports whether the prober runs target t (an offline prober reads
// local files only).
func (p *Prober) Runs(t Target) bool {
	k, ok := Lookup(t.Kind)
	return !p.Offline || (ok && k.Local(t.Value))
}

// Run probes targets concurrently, plus the TLS of every https host they
// name and of every host their results name (ACS locations).
func (p *Prober) Run(ctx context.Context, targets []Target) Results {
	one, total := p.timeouts()
	ctx, cancel := context.WithTimeout(ctx, total)
	defer cancel()
	env := Env{Net: p.Net, Timeout: one, Now: p.now()}
	n := 0
	for _, t := range targets {
		if p.Runs(t) {
			n++
		}
	}
	bar := p.bar(n)

	out := Results{Results: make([]map[string]any, len(targets)), TLS: map[string]map[string]any{}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	started := map[string]bool{}
	// claim reports whether host:port hp is new to this run.
	claim := func(hp string) bool {
		mu.Lock()
		defer mu.Unlock()
		if started[hp] {
			return false
		}
		started[hp] = true
		return true
	}
	startTLS := func(raw string) {
		if p.NoTLS || p.Offline || !strings.HasPrefix(raw, "https://") {
			return
		}
		_, hp, err := tlsprobe.HostPort(TLSHost(raw))
		if err != nil || !claim(hp) {
			return
		}
		bar.AddMax(1)
		wg.Go(func() {
			r := ToMap(tlsprobe.Probe(ctx, hp, p.Net, one, env.Now))
			mu.Lock()
			out.TLS[hp] = r
			mu.Unlock()
			_ = bar.Add(1)
		})
	}
	for i, t := range targets {
		if !p.Runs(t) {
			continue
		}
		k, known := Lookup(t.Kind)
		if t.Kind != TLSKey && t.Kind != "sample" {
			startTLS(t.Value)
		}
		wg.Go(func() {
			pctx, pcancel := context.WithTimeout(ctx, one)
			defer pcancel()
			var r any
			if !known {
				r = failed(t.Kind, t.Value, env.Now, fmt.Errorf("unknown probe %q for %s", t.Kind, t.Path))
			} else {
				r = k.Run(pctx, t, env)
				for _, h := range k.Hosts(r) {
					startTLS(h)
				}
			}
			m := ToMap(r)
			if t.Kind == TLSKey {
				// A TLS target (a redirect URI's host) is also the host's
				// entry in input.probes.tls.
				if _, hp, err := tlsprobe.HostPort(TLSHost(t.Value)); err == nil && claim(hp) {
					mu.Lock()
					out.TLS[hp] = m
					mu.Unlock()
				}
			}
			out.Results[i] = m
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
	label := p.Label
	if label == "" {
		label = "probes"
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(p.Progress),
		progressbar.OptionSetDescription(label),
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
