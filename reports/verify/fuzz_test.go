package verify

import (
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
)

// FuzzRevisions feeds the revision comparer real signed and approved
// reports, changed by the fuzzer: whatever the bytes, it gives findings,
// never a panic, and a file it cannot parse is a finding too.
func FuzzRevisions(f *testing.F) {
	a := signingtest.Full(f, "en")
	opts := reports.PDFOptions{Catalog: signingtest.Engine(f).Catalog, Answers: a.Answers.Source}
	member, operator := signingtest.Pair(f, "Member"), signingtest.Pair(f, "Operator")
	signed, err := signing.RenderAndSign(a.Report, opts, member, signingtest.Now)
	if err != nil {
		f.Fatal(err)
	}
	approved, err := signing.Approve(signed, operator, signing.Approved, "ok", signingtest.Now.Add(time.Hour))
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
