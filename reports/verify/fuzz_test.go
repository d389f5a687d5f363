package verify

import (
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
)

// FuzzRevisions feeds the revision comparer real signed and approved
// reports, changed by the fuzzer: whatever the bytes, it gives findings,
// never a panic, and a file it cannot parse is a finding too. The seeds
// are rendered from a small report without the catalogue, so that every
// fuzzing worker starts in well under a second.
func FuzzRevisions(f *testing.F) {
	rep := &audit.Report{
		Schema: audit.Schema, Tool: audit.Tool{Name: "mpassaudit", Version: audit.ToolVersion()},
		GeneratedAt: signingtest.Now.Format(time.RFC3339), Lang: "fi",
		Member:  audit.Member{Name: "Esimerkkikunta", BusinessID: "0201256-6", Kind: "education-provider", Environment: "production"},
		Catalog: audit.CatalogRef{Version: "test", Digest: "sha256:00"},
		Results: []audit.Result{
			{ID: "EP-SEC-01", Area: "security", Status: audit.Fail, Severity: "must", Title: "Päivitykset", Message: "45 päivää", Evidence: []audit.Evidence{}},
			{ID: "EP-REG-01", Area: "registry", Status: audit.Pass, Severity: "must", Title: "Rekisteri", Message: "kunnossa", Evidence: []audit.Evidence{}},
		},
	}
	rep.Finish()
	member, operator := signingtest.Pair(f, "Member"), signingtest.Pair(f, "Operator")
	signed, err := signing.RenderAndSign(rep, reports.PDFOptions{Answers: []byte("[member]\nname = \"Esimerkkikunta\"\n")}, member, signingtest.Now)
	if err != nil {
		f.Fatal(err)
	}
	approved, err := signing.ApproveWith(signed, operator, signing.Approved, "ok", signingtest.Now.Add(time.Hour), signing.Options{Lang: "fi"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(approved)
	f.Fuzz(func(t *testing.T, data []byte) {
		dicts, _ := findSignatures(data)
		if len(dicts) == 0 {
			return
		}
		final, err := parseRevision(data)
		if err != nil {
			return
		}
		_ = checkForm(final, dicts)
		_ = checkCoverage(data, dicts)
		_, ps := checkRevisions(data, final, dicts, func(s string, a ...any) string { return s })
		_ = joinProblems(ps)
	})
}
