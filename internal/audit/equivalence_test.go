package audit_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/policies"
)

// engines returns the engine audits use (the fast path) and one that
// judges every audit by the entry point alone, as `opa eval` does.
func engines(tb testing.TB) (fast, ref *engine.Engine, cat *catalog.Catalog) {
	tb.Helper()
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if fast, err = engine.New(ctx, cat); err != nil {
		tb.Fatal(err)
	}
	if !fast.Fast() {
		tb.Fatal("the embedded catalogue does not take the fast path (see internal/engine TestFastPathIsUsed)")
	}
	if ref, err = engine.NewReference(ctx, cat); err != nil {
		tb.Fatal(err)
	}
	return fast, ref, cat
}

// varied takes generated audits and leaves some questions unanswered, so
// that "not answered" is judged as well as every answer.
func varied(list []*answers.Answers) []*answers.Answers {
	rng := rand.New(rand.NewPCG(3, 4))
	for i, a := range list {
		if i%3 != 1 {
			continue
		}
		for name, sec := range a.Values {
			m, ok := sec.(map[string]any)
			if !ok || name == "member" {
				continue
			}
			for k := range m {
				if rng.IntN(5) == 0 {
					delete(m, k)
				}
			}
		}
	}
	return list
}

// The fast path gives exactly the entry point's results on 640 generated
// audits (every answer type, questions left out, all three environments)
// and on every example (with what the probes find in the examples' own
// files; the network is refused).
func TestFastPathEquivalent(t *testing.T) {
	fast, ref, cat := engines(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	// one query per audit and, with Split, one per group
	split, err := engine.New(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	split.Split = true
	n := 640
	if raceEnabled {
		n = 64
	}
	list := varied(generate(t, cat, n))
	for i, a := range list {
		env := catalog.Environments[i%3]
		e := fast
		if i%2 == 0 {
			e = split
		}
		rf := &audit.Runner{Engine: e, Lang: "fi", Now: now, Env: env}
		rr := &audit.Runner{Engine: ref, Lang: "fi", Now: now, Env: env}
		compare(t, fmt.Sprintf("%s (%s)", a.File, env), rf, rr, a)
	}
	noNet := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("no network in tests")
	}}
	files, err := filepath.Glob("../../audits/examples/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		a, err := answers.Load(f, cat)
		if err != nil {
			t.Fatal(err)
		}
		for _, env := range catalog.Environments {
			p := &audit.LiveProber{Catalog: cat, Probes: &probe.Prober{Net: safenet.Options{Resolver: noNet}, Now: now, ProbeTimeout: time.Second, TotalTimeout: 5 * time.Second}}
			in := (&audit.Runner{Lang: "en", Now: now, Env: env, Prober: p}).Input(ctx, a)
			for _, lang := range []string{"fi", "sv", "en"} {
				got, err1 := (&audit.Runner{Engine: fast, Lang: lang}).Evaluate(ctx, in)
				want, err2 := (&audit.Runner{Engine: ref, Lang: lang}).Evaluate(ctx, in)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v / %v", f, err1, err2)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s (%s, %s): the fast path differs:\n%s", f, env, lang, diff(got, want))
				}
			}
		}
	}
}

func compare(t *testing.T, name string, rf, rr *audit.Runner, a *answers.Answers) {
	t.Helper()
	ctx := context.Background()
	got, err1 := rf.Run(ctx, a)
	want, err2 := rr.Run(ctx, a)
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: %v / %v", name, err1, err2)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the fast path differs:\n%s", name, diff(got, want))
	}
}

func diff(got, want *audit.Report) string {
	if len(got.Results) != len(want.Results) {
		return fmt.Sprintf("%d results, want %d", len(got.Results), len(want.Results))
	}
	for i := range got.Results {
		if !reflect.DeepEqual(got.Results[i], want.Results[i]) {
			return fmt.Sprintf("fast:      %#v\nreference: %#v", got.Results[i], want.Results[i])
		}
	}
	return fmt.Sprintf("fast:      %#v\nreference: %#v", *got, *want)
}

// withEffectiveDates is the embedded catalogue with every third requirement
// announced for 1.8.2027 (quoted and unquoted YAML dates both).
func withEffectiveDates(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	fsys := fstest.MapFS{}
	n := 0
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		lines := strings.SplitAfter(string(src), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "#   id: ") {
				n++
				switch n % 3 {
				case 0:
					lines[i] = l + "#   effective_from: 2027-08-01\n"
				case 1:
					lines[i] = l + "#   effective_from: \"2027-08-01\"\n"
				}
			}
		}
		fsys[p] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// Effective dates: the fast path agrees with lib._in_force on both sides
// of the date.
func TestFastPathEquivalentEffectiveDates(t *testing.T) {
	cat := withEffectiveDates(t)
	ctx := context.Background()
	fast, err := engine.New(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	if !fast.Fast() {
		t.Fatal("no fast path")
	}
	ref, err := engine.NewReference(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	upcoming := 0
	n := 120
	if raceEnabled {
		n = 12
	}
	for i, a := range varied(generate(t, cat, n)) {
		for _, now := range []time.Time{time.Date(2027, 7, 31, 23, 59, 59, 0, time.UTC), time.Date(2027, 8, 1, 0, 0, 0, 0, time.UTC)} {
			env := catalog.Environments[i%3]
			rf := &audit.Runner{Engine: fast, Lang: "sv", Now: now, Env: env}
			rr := &audit.Runner{Engine: ref, Lang: "sv", Now: now, Env: env}
			compare(t, fmt.Sprintf("%s (%s, %s)", a.File, env, now), rf, rr, a)
			if rep, err := rf.Run(ctx, a); err == nil {
				for _, r := range rep.Results {
					if strings.Contains(r.Message, "obligatoriskt från 1.8.2027") {
						upcoming++
					}
				}
			}
		}
	}
	if upcoming == 0 {
		t.Error("no generated audit met an upcoming requirement: the test judges nothing")
	}
}
