package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// corpusDir is ../shared/corpus/SUB from the repository root, or a skip.
func corpusDir(t *testing.T, sub string) string {
	t.Helper()
	d := filepath.Join("..", "..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(d); err != nil {
		t.Skipf("the corpus is not beside the repository (%s): skipping", d)
	}
	return d
}

// A standalone probe of every corpus file never prints a pass verdict
// while a must check it covers is undecided, and a probe that could not run
// prints no verdict at all.
func TestProbeCorpusNeverPassesUndecided(t *testing.T) {
	var cases [][2]string
	for _, sub := range []struct{ dir, kind string }{{"saml", "saml-metadata"}, {"saml-responses", "sample"}} {
		files, _ := filepath.Glob(filepath.Join(corpusDir(t, sub.dir), "*.xml"))
		for _, f := range files {
			cases = append(cases, [2]string{sub.kind, f})
		}
	}
	if len(cases) < 20 {
		t.Fatalf("only %d corpus files", len(cases))
	}
	for _, c := range cases {
		t.Run(filepath.Base(c[1]), func(t *testing.T) {
			code, out, errOut := runCLI(t, "probe", c[0], c[1], "--now", "2026-11-27", "--format", "json")
			if code == exitUsage {
				if strings.TrimSpace(out) != "" || !strings.Contains(errOut, "→") {
					t.Errorf("a probe that could not run printed %q, stderr %q", out, errOut)
				}
				return
			}
			var pr struct {
				audit.Report
				Left    []audit.Left `json:"left_to_self_audit"`
				Outcome string       `json:"probe_verdict"`
			}
			if err := json.Unmarshal([]byte(out), &pr); err != nil {
				t.Fatalf("exit %d: %v\n%s", code, err, out)
			}
			undecided := false
			for _, l := range pr.Left {
				undecided = undecided || l.Severity == "must"
			}
			for _, r := range pr.Results {
				undecided = undecided || (r.Severity == "must" && (r.Status == audit.Manual || r.Status == audit.Error))
			}
			if undecided && (pr.Outcome == audit.ProbeNoFailures || pr.Verdict == audit.Pass) {
				t.Errorf("verdict %s / %s with a must check undecided: %+v", pr.Verdict, pr.Outcome, pr.Left)
			}
			if (pr.Outcome == audit.ProbeFail) != (code == exitFailed) && pr.Summary.Error == 0 {
				t.Errorf("exit %d for outcome %s", code, pr.Outcome)
			}
			_, text, _ := runCLI(t, "--lang", "fi", "probe", c[0], c[1], "--now", "2026-11-27")
			if undecided && strings.Contains(text, "Testin tulos: ei havaittuja puutteita\n") {
				t.Errorf("Finnish text reads as a pass with a must check undecided:\n%s", text)
			}
		})
	}
}
