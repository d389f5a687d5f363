package audits_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
)

// epNotProbed are the requirements judged from live data (the privacy
// notice, the sample export, TLS): "not probed", so manual, without probes.
var epNotProbed = []string{
	"EP-ORG-04",
	"EP-REG-03", "EP-REG-04", "EP-REG-05", "EP-REG-06", "EP-REG-07", "EP-REG-08", "EP-REG-09",
	"EP-TECH-06",
}

// epDescribed are free-text descriptions: they always need a reviewer.
var epDescribed = []string{"EP-AUTH-02", "EP-LIFE-02", "EP-SEC-02"}

// TestEducationProviderExamples audits the education-provider examples
// without probes at exampleNow.
func TestEducationProviderExamples(t *testing.T) {
	manual := append(append([]string{}, epNotProbed...), epDescribed...)
	checkExamples(t, []expectation{
		{
			file:    "examples/education-provider-entra.toml",
			verdict: audit.Pass,
			manual:  manual,
			na:      []string{"EP-TECH-01", "EP-TECH-03", "EP-TECH-04", "EP-TECH-05"},
		},
		{
			file:    "examples/education-provider-failing.toml",
			verdict: audit.Fail,
			fail: []string{
				"EP-ORG-02",  // Y-tunnus 1234567-8: the check digit is 1
				"EP-ORG-03",  // no security contact
				"EP-LIFE-03", // leavers keep access 14 days
				"EP-SEC-01",  // critical patches in 45 days
				"EP-SEC-05",  // logs kept 90 days
				"EP-TECH-01", // Wilma 2.20b < 2.21d
			},
			warn: []string{
				"EP-AUTH-01", // staff without MFA
				"EP-LIFE-05", // a should-question left unanswered
				"EP-SEC-06",  // restore last tested 2024-10-01
			},
			manual: manual,
			na:     []string{"EP-TECH-02", "EP-TECH-03", "EP-TECH-04", "EP-TECH-05"},
		},
	})
}

// TestEducationProviderExampleSamples runs the sample probe on the sample
// exports beside the examples (only the local file, no network) and checks
// that the compliant one validates against data model 1.4 and the failing
// one fails where it was made to, naming row, field and value.
func TestEducationProviderExampleSamples(t *testing.T) {
	cases := []struct {
		file   string
		status map[string]string
		says   map[string][]string // requirement → texts its English message contains
	}{
		{
			file: "examples/education-provider-entra.toml",
			status: map[string]string{
				"EP-REG-03": audit.Pass, "EP-REG-04": audit.Pass, "EP-REG-05": audit.Pass, "EP-REG-06": audit.Pass,
				"EP-REG-07": audit.Pass, "EP-REG-08": audit.Pass, "EP-REG-09": audit.Pass, "EP-TECH-02": audit.Pass,
			},
			says: map[string][]string{"EP-REG-03": {"Rows 7", "test accounts (1.2.246.562.98.*) 2"}},
		},
		{
			file: "examples/education-provider-failing.toml",
			status: map[string]string{
				"EP-REG-03": audit.Fail, "EP-REG-04": audit.Fail, "EP-REG-05": audit.Fail, "EP-REG-06": audit.Fail,
				"EP-REG-07": audit.Warn, "EP-REG-08": audit.Warn, "EP-REG-09": audit.Fail,
			},
			says: map[string][]string{
				"EP-REG-03": {`row 3, learnerId = "1.2.246.562.24.10000000021": the check digit is wrong (by the 7-3-1 method it should be 9)`, `row 6, learnerId = "": the learner number is missing`},
				"EP-REG-04": {`row 4, schoolCode = "6124"`},
				"EP-REG-05": {`row 6, userRole = "Huoltaja"`},
				"EP-REG-06": {`row 5, class = "5A;5B;LU1": 3 values but 2 school codes`},
				"EP-REG-07": {`row 7, classLevel = "9A"`},
				"EP-REG-08": {`row 4, learningMaterialsCharge = "2"`},
				"EP-REG-09": {"(5)"},
			},
		},
	}
	e := testEngine(t)
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			a, err := answers.Load(c.file, e.Catalog)
			if err != nil {
				t.Fatal(err)
			}
			r := &audit.Runner{Engine: e, Lang: "en", Now: exampleNow}
			in := r.Input(context.Background(), a)
			file := a.ResolvePath(a.Get("registry.sample_export").(string))
			p := probe.ToMap(sample.Probe(context.Background(), file, exampleNow))
			if p["status"] != "ok" {
				t.Fatalf("sample probe of %s: %v", filepath.Base(file), p["error"])
			}
			in["probes"] = map[string]any{"registry.sample_export": p}
			rep, err := r.Evaluate(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, res := range rep.Results {
				seen[res.ID] = true
				if want, ok := c.status[res.ID]; ok && res.Status != want {
					t.Errorf("%s = %s, want %s: %s", res.ID, res.Status, want, res.Message)
				}
				for _, s := range c.says[res.ID] {
					if !strings.Contains(res.Message, s) {
						t.Errorf("%s message %q does not contain %q", res.ID, res.Message, s)
					}
				}
			}
			for id := range c.status {
				if !seen[id] {
					t.Errorf("%s: no result", id)
				}
			}
		})
	}
}
