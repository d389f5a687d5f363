package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
)

// renderPDF renders the full audit in lang.
func renderPDF(t testing.TB, lang string) []byte {
	t.Helper()
	a := signingtest.Full(t, lang)
	pdf, err := reports.PDF(a.Report, reports.PDFOptions{Catalog: signingtest.Engine(t).Catalog, Answers: a.Answers.Source})
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestPDFDeterministic(t *testing.T) {
	a, b := renderPDF(t, "fi"), renderPDF(t, "fi")
	if !bytes.Equal(a, b) {
		t.Fatal("rendering the same report twice gave different bytes; verification compares them")
	}
	if len(a) > 300<<10 {
		t.Errorf("PDF is %d bytes, over the 300 KB budget", len(a))
	}
}

// TestPDFRenders draws every page with poppler (pdftoppm), in each
// language, so a PDF that does not render fails. PDFTEST_KEEP=DIR keeps
// the pages as PNG for a person to look at.
func TestPDFRenders(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := t.TempDir()
			if keep := os.Getenv("PDFTEST_KEEP"); keep != "" {
				dir = keep
			}
			file := filepath.Join(dir, "report-"+lang+".pdf")
			if err := os.WriteFile(file, renderPDF(t, lang), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftoppm", "-png", "-r", "60", file, filepath.Join(dir, lang)).CombinedOutput()
			if err != nil || len(bytes.TrimSpace(out)) > 0 {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			pngs, _ := filepath.Glob(filepath.Join(dir, lang+"-*.png"))
			if len(pngs) < 3 {
				t.Fatalf("pdftoppm drew %d pages, want at least 3 (cover, summary, areas)", len(pngs))
			}
			if _, err := exec.LookPath("pdftotext"); err == nil {
				txt, err := exec.Command("pdftotext", file, "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]string{"fi": "Y-tunnus", "sv": "FO-nummer", "en": "Business ID"}[lang]
				id := signingtest.Full(t, lang).Report.Member.BusinessID
				if !strings.Contains(string(txt), want) || !strings.Contains(string(txt), id) {
					t.Errorf("the text of the PDF lacks %q or the business ID %s:\n%s", want, id, txt)
				}
				// Open manual reviews are named on the verdict, and each says
				// what the reviewer checks.
				if m := signingtest.Full(t, lang).Report.Summary.Count(audit.Manual); m > 0 {
					for _, w := range []string{i18n.T(lang, "%d for the operator to review", m), i18n.T(lang, "To check") + ":"} {
						if !strings.Contains(string(txt), w) {
							t.Errorf("the text of the PDF lacks %q", w)
						}
					}
				}
			}
		})
	}
}
