package audits_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/reports"
)

// exampleNow is the fixed audit time of the example tests, so that dates in
// the examples (backups tested, secrets expiring) judge the same every year.
var exampleNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// expectation lists exactly which requirements of an example fail, warn and
// need manual review (without probes); every other result must pass or be
// not applicable.
type expectation struct {
	file    string
	env     string
	verdict string
	fail    []string
	warn    []string
	manual  []string
	na      []string
}

func testEngine(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := engine.Cached(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// runExample audits an example file without probes at exampleNow.
func runExample(t testing.TB, file, env, lang string) *audit.Report {
	t.Helper()
	e := testEngine(t)
	a, err := answers.Load(file, e.Catalog)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	r := &audit.Runner{Engine: e, Env: env, Lang: lang, Now: exampleNow}
	rep, err := r.Run(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func idsWith(rep *audit.Report, status string) []string {
	var out []string
	for _, r := range rep.Results {
		if r.Status == status {
			out = append(out, r.ID)
		}
	}
	sort.Strings(out)
	return out
}

func sorted(ids []string) []string {
	out := append([]string{}, ids...)
	sort.Strings(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// checkExamples asserts each expectation in the JSON result and in the text
// output (every failing ID is named there with its status).
func checkExamples(t *testing.T, cases []expectation) {
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			rep := runExample(t, c.file, c.env, "en")
			for status, want := range map[string][]string{
				audit.Fail: c.fail, audit.Warn: c.warn, audit.Manual: c.manual, audit.NotApplicable: c.na,
			} {
				got := idsWith(rep, status)
				if got == nil {
					got = []string{}
				}
				if !slices.Equal(got, sorted(want)) {
					t.Errorf("%s: %s = %v, want %v", c.file, status, got, sorted(want))
				}
			}
			for _, r := range rep.Results {
				if r.Status == audit.Error {
					t.Errorf("%s: %s is error: %s", c.file, r.ID, r.Message)
				}
			}
			if rep.Verdict != c.verdict {
				t.Errorf("verdict = %s, want %s", rep.Verdict, c.verdict)
			}

			// JSON: the same IDs and statuses after a round trip.
			var buf bytes.Buffer
			if err := (reports.JSON{}).Output(&buf, []*audit.Report{rep}); err != nil {
				t.Fatal(err)
			}
			var back audit.Report
			if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
				t.Fatal(err)
			}
			if got := idsWith(&back, audit.Fail); !slices.Equal(got, idsWith(rep, audit.Fail)) {
				t.Errorf("JSON fail IDs = %v", got)
			}

			// Text: each failing requirement is on a line with its ID and status.
			buf.Reset()
			if err := (reports.Text{Lang: "en", Catalog: testEngine(t).Catalog}).Output(&buf, []*audit.Report{rep}); err != nil {
				t.Fatal(err)
			}
			for _, id := range c.fail {
				if !hasLine(buf.String(), id, "FAIL") {
					t.Errorf("text output has no FAIL line for %s:\n%s", id, buf.String())
				}
			}
			for _, id := range c.warn {
				if !hasLine(buf.String(), id, "WARN") {
					t.Errorf("text output has no WARN line for %s", id)
				}
			}
		})
	}
}

func hasLine(text, id, status string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, " "+id+" ") && strings.Contains(l, status) {
			return true
		}
	}
	return false
}
