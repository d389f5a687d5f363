package audit_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/policies"
)

// generate makes n answers files that answer every question of the
// catalogue with random valid values, alternating the member kinds.
func generate(tb testing.TB, cat *catalog.Catalog, n int) []*answers.Answers {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]*answers.Answers, 0, n)
	for i := range n {
		kind := catalog.Kinds[i%2]
		doc := map[string]map[string]any{}
		for _, f := range cat.Fields(kind) {
			if f.Type == "file" || f.Type == "location" {
				continue // generated audits have no files beside them
			}
			sec := doc[f.Section()]
			if sec == nil {
				sec = map[string]any{}
				doc[f.Section()] = sec
			}
			sec[f.Key()] = value(rng, f, i)
		}
		doc["member"]["kind"] = kind
		doc["member"]["name"] = fmt.Sprintf("Jäsen %d", i)
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(doc); err != nil {
			tb.Fatal(err)
		}
		a, err := answers.Parse(fmt.Sprintf("gen-%d.toml", i), "", buf.Bytes(), cat)
		if err != nil {
			tb.Fatalf("generated answers do not parse: %v\n%s", err, buf.String())
		}
		out = append(out, a)
	}
	return out
}

func value(rng *rand.Rand, f catalog.Field, i int) any {
	one := func() any {
		switch f.Type {
		case "bool":
			return rng.IntN(5) > 0
		case "integer":
			lo, hi := int64(0), int64(60)
			if f.Min != nil {
				lo = *f.Min
			}
			if f.Max != nil {
				hi = *f.Max
			}
			if hi < lo {
				hi = lo
			}
			return lo + rng.Int64N(hi-lo+1)
		case "enum":
			return f.Values[rng.IntN(len(f.Values))]
		case "date":
			return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(700)).Format("2006-01-02")
		case "url":
			return fmt.Sprintf("https://palvelu%d.example.fi/polku", i)
		case "email":
			return fmt.Sprintf("tietoturva%d@example.fi", i)
		}
		return fmt.Sprintf("Vastaus %d", i)
	}
	if f.List {
		return []any{one(), one()}
	}
	return one()
}

func setup(b *testing.B) (*audit.Runner, *catalog.Catalog) {
	b.Helper()
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(context.Background(), cat)
	if err != nil {
		b.Fatal(err)
	}
	return &audit.Runner{Engine: eng, Lang: "fi", Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}, cat
}

// BenchmarkAudit: one full audit evaluation, no probes (budget: under 5 ms).
func BenchmarkAudit(b *testing.B) {
	r, cat := setup(b)
	list := generate(b, cat, 2)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := r.Run(ctx, list[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch1000: 1,000 generated audits through one prepared query on
// every core (budget: under 5 s on 2 cores).
func BenchmarkBatch1000(b *testing.B) {
	r, cat := setup(b)
	list := generate(b, cat, 1000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		reps, err := r.RunAll(ctx, list, runtime.GOMAXPROCS(0))
		if err != nil || len(reps) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnprepared is what `opa eval` (and conftest) do for every input:
// compile the catalogue, then evaluate. Compare with BenchmarkAudit.
func BenchmarkUnprepared(b *testing.B) {
	r, cat := setup(b)
	list := generate(b, cat, 2)
	ctx := context.Background()
	in := r.Input(ctx, list[0])
	var opts []func(*rego.Rego)
	for _, name := range cat.SourceFiles() {
		opts = append(opts, rego.ParsedModule(cat.Modules[name]))
	}
	b.ResetTimer()
	for b.Loop() {
		rs, err := rego.New(append(opts, rego.Query(catalog.EntryPoint), rego.Input(in))...).Eval(ctx)
		if err != nil || len(rs) == 0 {
			b.Fatal(err)
		}
	}
}

// TestGeneratedAuditsEvaluate keeps the benchmark generator honest: every
// generated audit evaluates to a result per applicable requirement.
func TestGeneratedAuditsEvaluate(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	r := &audit.Runner{Engine: eng, Lang: "en"}
	reps, err := r.RunAll(context.Background(), generate(t, cat, 20), 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range reps {
		if want := len(cat.ForKind(rep.Member.Kind)); len(rep.Results) != want {
			t.Errorf("%s: %d results, want %d", rep.Member.Name, len(rep.Results), want)
		}
		for _, res := range rep.Results {
			if res.Status == audit.Error {
				t.Errorf("%s: %s: %s", rep.Member.Name, res.ID, res.Message)
			}
		}
	}
}
