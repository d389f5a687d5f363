package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/engine"
)

// BenchmarkEngines puts side by side, on the same generated audits:
//   - reference: the entry point data.mpassaudit.results, prepared once
//     (the engine before the fast path);
//   - fast: the fast path, one query per audit (as audits use it);
//   - fast-split: the fast path with Split (an audit's groups on every core);
//   - batch1000-*: 1,000 audits through RunAll on every core, per audit;
//   - opa-eval: `opa eval -d policies -i input.json data.mpassaudit.results`
//     once per member (compiles the catalogue every time), when an opa
//     binary is at $OPA or on PATH.
//
// conftest is not compared: no version of it is among the Go modules known
// to resolve here (go-partial.tsv), so it cannot be installed.
func BenchmarkEngines(b *testing.B) {
	fast, ref, cat := engines(b)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	list := generate(b, cat, 1000)
	ctx := context.Background()
	one := func(e *engine.Engine) func(b *testing.B) {
		return func(b *testing.B) {
			r := &audit.Runner{Engine: e, Lang: "fi", Now: now}
			for i := 0; b.Loop(); i++ {
				if _, err := r.Run(ctx, list[i%2]); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	batch := func(e *engine.Engine) func(b *testing.B) {
		return func(b *testing.B) {
			r := &audit.Runner{Engine: e, Lang: "fi", Now: now}
			for b.Loop() {
				if _, err := r.RunAll(ctx, list, runtime.GOMAXPROCS(0)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(list)), "ns/audit")
		}
	}
	split, err := engine.New(ctx, cat)
	if err != nil {
		b.Fatal(err)
	}
	split.Split = true
	b.Run("reference", one(ref))
	b.Run("fast", one(fast))
	b.Run("fast-split", one(split))
	b.Run("batch1000-reference", batch(ref))
	b.Run("batch1000-fast", batch(fast))
	b.Run("opa-eval", func(b *testing.B) {
		opa := os.Getenv("OPA")
		if opa == "" {
			if opa, err = exec.LookPath("opa"); err != nil {
				b.Skip("no opa CLI at $OPA or on PATH")
			}
		}
		dir := b.TempDir()
		r := &audit.Runner{Engine: fast, Lang: "fi", Now: now}
		for i := 0; b.Loop(); i++ {
			in := filepath.Join(dir, "input.json")
			data, _ := json.Marshal(r.Input(ctx, list[i%len(list)]))
			os.WriteFile(in, data, 0o644)
			if out, err := exec.Command(opa, "eval", "-d", "../../policies", "-i", in, "--format", "raw", "count(data.mpassaudit.results)").CombinedOutput(); err != nil {
				b.Fatalf("opa eval: %v\n%s", err, out)
			}
		}
	})
}
