package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
	"github.com/mpassaudit/mpassaudit/reports"
)

func TestCatalogDoc(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		var md bytes.Buffer
		if err := reports.CatalogMarkdown(&md, cat, lang); err != nil {
			t.Fatal(err)
		}
		for _, r := range cat.Requirements {
			if !strings.Contains(md.String(), "### "+r.ID+" — "+r.Title(lang)) {
				t.Errorf("%s: the Markdown lacks %s", lang, r.ID)
			}
		}
		if lang == "sv" && !strings.Contains(md.String(), "Allvarlighetsgrad:** obligatorisk") {
			t.Errorf("sv: severity not in Swedish")
		}
		var pdf bytes.Buffer
		if err := reports.CatalogPDF(&pdf, cat, lang); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", lang)
		}
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			t.Log("pdftoppm (poppler-utils) is not installed: the PDF is not rendered")
			continue
		}
		dir := t.TempDir()
		in := filepath.Join(dir, "catalog.pdf")
		os.WriteFile(in, pdf.Bytes(), 0o644)
		if out, err := exec.Command("pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", in, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("%s: pdftoppm: %v %s", lang, err, out)
		}
	}
}
