package reports

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/reports/fonts"
)

// docEntry is one requirement as the catalogue documentation lists it.
type docEntry struct {
	head   string      // "EP-LIFE-03 — title"
	fields [][2]string // label, value
	asks   []docAsk    // the answers it reads
}

// docAsk is one question a requirement reads.
type docAsk struct{ path, typ, question string }

// catalogDoc lays the catalogue out by area, in the catalogue's order, with
// every requirement's metadata in lang: one structure for both formats.
func catalogDoc(cat *catalog.Catalog, lang string) (title string, areas []string, entries [][]docEntry) {
	t := func(k string, a ...any) string { return i18n.T(lang, k, a...) }
	title = fmt.Sprintf("%s — %s %s", t("MPASSid self-audit"), t("Catalogue"), cat.Version)
	byArea := map[string][]docEntry{}
	for _, r := range cat.Requirements {
		sev := t(r.Severity)
		for _, env := range catalog.Environments {
			if s, ok := r.SeverityByEnv[env]; ok {
				sev += fmt.Sprintf("; %s: %s", t(env), t(s))
			}
		}
		kinds := make([]string, len(r.AppliesTo))
		for i, k := range r.AppliesTo {
			kinds[i] = t(k)
		}
		envs := make([]string, len(r.Environments))
		for i, e := range r.Environments {
			envs[i] = t(e)
		}
		e := docEntry{
			head: r.ID + " — " + r.Title(lang),
			fields: [][2]string{
				{t("Severity"), sev},
				{t("Applies to"), strings.Join(kinds, ", ")},
				{t("Environments"), strings.Join(envs, ", ")},
				{t("Evidence"), t(r.Evidence)},
				{t("References"), strings.Join(r.References, "; ")},
				{t("Remediation"), r.Remediation.In(lang)},
			},
		}
		for _, a := range r.Answers {
			if f, ok := cat.Field(a.Path); ok {
				e.asks = append(e.asks, docAsk{f.Path, f.Type, f.Question.In(lang)})
			}
		}
		byArea[r.Area] = append(byArea[r.Area], e)
	}
	for _, a := range cat.Areas {
		if list := byArea[a.ID]; len(list) > 0 {
			areas = append(areas, a.Name(lang))
			entries = append(entries, list)
		}
	}
	return title, areas, entries
}

// CatalogMarkdown writes the catalogue's documentation as Markdown.
func CatalogMarkdown(w io.Writer, cat *catalog.Catalog, lang string) error {
	title, areas, entries := catalogDoc(cat, lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s `%s`\n", title, i18n.T(lang, "Catalogue"), cat.Digest)
	for i, a := range areas {
		fmt.Fprintf(&b, "\n## %s\n", a)
		for _, e := range entries[i] {
			fmt.Fprintf(&b, "\n### %s\n\n", e.head)
			for _, f := range e.fields {
				fmt.Fprintf(&b, "- **%s:** %s\n", f[0], f[1])
			}
			if len(e.asks) > 0 {
				fmt.Fprintf(&b, "- **%s:**\n", i18n.T(lang, "Answers read"))
				for _, q := range e.asks {
					fmt.Fprintf(&b, "  - `%s` (%s): %s\n", q.path, q.typ, q.question)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CatalogPDF writes the catalogue's documentation as a PDF.
func CatalogPDF(w io.Writer, cat *catalog.Catalog, lang string) error {
	title, areas, entries := catalogDoc(cat, lang)
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("DejaVu", "", fonts.Sans)
	f.AddUTF8FontFromBytes("DejaVu", "B", fonts.SansBold)
	f.SetMargins(18, 16, 18)
	f.SetAutoPageBreak(true, 16)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont("DejaVu", "", 7)
		f.CellFormat(0, 4, title+" · "+i18n.T(lang, "Page %d of %s", f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	f.AddPage()
	f.SetFont("DejaVu", "B", 16)
	f.MultiCell(0, 8, title, "", "L", false)
	f.SetFont("DejaVu", "", 8)
	f.MultiCell(0, 5, cat.Digest, "", "L", false)
	for i, a := range areas {
		f.Ln(4)
		f.SetFont("DejaVu", "B", 13)
		f.MultiCell(0, 7, a, "", "L", false)
		for _, e := range entries[i] {
			f.Ln(2)
			f.SetFont("DejaVu", "B", 10)
			f.MultiCell(0, 5, e.head, "", "L", false)
			f.SetFont("DejaVu", "", 8.5)
			for _, fl := range e.fields {
				f.MultiCell(0, 4.2, fl[0]+": "+fl[1], "", "L", false)
			}
			for _, q := range e.asks {
				f.MultiCell(0, 4.2, fmt.Sprintf("• %s (%s): %s", q.path, q.typ, q.question), "", "L", false)
			}
		}
	}
	if err := f.Error(); err != nil {
		return err
	}
	return f.Output(w)
}
