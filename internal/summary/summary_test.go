package summary

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/registry"
	rt "github.com/mpassaudit/mpassaudit/internal/registry/registrytest"
	"github.com/mpassaudit/mpassaudit/policies"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(9 * time.Hour)
}

// small is a registry of four members:
//   - Äänekoski fails EP-SEC-05 (security) and warns on EP-AUTH-01; audited twice;
//   - Åbo Akademi fails EP-SEC-05 and EP-LIFE-03; overdue;
//   - Oulu passes everything, has a waiver on EP-REG-01;
//   - Zeta Oy passes, audited in 2025 Q1 (overdue).
func small(t testing.TB) *registry.DB {
	t.Helper()
	db, err := registry.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reps := []*audit.Report{
		rt.Report("Äänekosken kaupunki", "0245437-2", day("2025-11-03"), map[string]string{"EP-SEC-05": audit.Fail, "EP-ORG-01": audit.Fail}),
		rt.Report("Äänekosken kaupunki", "0245437-2", day("2026-10-05"), map[string]string{"EP-SEC-05": audit.Fail, "EP-AUTH-01": audit.Warn}),
		rt.Report("Åbo Akademi", "0355582-6", day("2025-08-20"), map[string]string{"EP-SEC-05": audit.Fail, "EP-LIFE-03": audit.Fail, "EP-LIFE-02": audit.Manual}),
		rt.Report("Oulun kaupunki", "0187690-1", day("2026-07-01"), map[string]string{"EP-REG-01": audit.Waived}),
		rt.Report("Zeta Oy", "1572860-0", day("2025-02-10"), nil),
	}
	var es []registry.Entry
	for _, r := range reps {
		es = append(es, rt.Entry(r, nil))
	}
	if _, err := db.Add(context.Background(), es...); err != nil {
		t.Fatal(err)
	}
	return db
}

func build(t testing.TB, db *registry.DB, cat *catalog.Catalog, lang string) *Data {
	t.Helper()
	d, err := Build(context.Background(), db, cat, lang, now)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestBuild(t *testing.T) {
	d := build(t, small(t), nil, "fi")
	var names []string
	for _, m := range d.Members {
		names = append(names, m.Name)
	}
	// Failing members first, each group in Finnish order (Å, Ä after Z).
	if got := strings.Join(names, "|"); got != "Åbo Akademi|Äänekosken kaupunki|Oulun kaupunki|Zeta Oy" {
		t.Errorf("members = %s", got)
	}
	areas := []string{}
	for _, a := range d.Areas {
		areas = append(areas, a.ID)
	}
	if got := strings.Join(areas, " "); got != "authentication incident lifecycle organisation registry security technical" {
		t.Errorf("areas without a catalogue = %s (by id)", got)
	}
	idx := map[string]int{}
	for i, a := range d.Areas {
		idx[a.ID] = i
	}
	tests := []struct {
		member, area string
		want         State
	}{
		{"Äänekosken kaupunki", "security", Fails},
		{"Äänekosken kaupunki", "authentication", Warnings},
		{"Äänekosken kaupunki", "organisation", AllPass}, // fixed since the first audit
		{"Åbo Akademi", "lifecycle", Fails},
		{"Oulun kaupunki", "registry", Warnings}, // waived
		{"Zeta Oy", "security", AllPass},
	}
	for _, tc := range tests {
		for _, m := range d.Members {
			if m.Name == tc.member && m.Areas[idx[tc.area]] != tc.want {
				t.Errorf("%s / %s = %v, want %v", tc.member, tc.area, m.Areas[idx[tc.area]], tc.want)
			}
		}
	}
	top := d.TopFailing(3)
	if len(top) != 2 || top[0].ID != "EP-SEC-05" || top[0].Fail != 2 || top[1].ID != "EP-LIFE-03" {
		t.Errorf("TopFailing = %+v", top)
	}
	var overdue []string
	for _, m := range d.Overdue() {
		overdue = append(overdue, m.Name)
	}
	if got := strings.Join(overdue, "|"); got != "Zeta Oy|Åbo Akademi" {
		t.Errorf("overdue = %s, want longest overdue first", got)
	}
	var qs []string
	for _, q := range d.Quarters {
		qs = append(qs, q.Label())
	}
	if got := strings.Join(qs, " "); got != "Q1/2025 Q3/2025 Q4/2025 Q3/2026 Q4/2026" {
		t.Errorf("quarters = %s", got)
	}
	for _, r := range d.Requirements {
		if r.ID == "EP-LIFE-02" && (r.Judged != 3 || r.Pass != 3) {
			t.Errorf("EP-LIFE-02: manual must not be judged: %+v", r)
		}
		if r.ID == "EP-SEC-05" && (r.Judged != 4 || r.Pass != 2 || r.Rate() != 0.5) {
			t.Errorf("EP-SEC-05 = %+v", r)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ lang, pct, n, date string }{
		{"fi", "85,3\u00a0%", "12\u00a0345", "5.10.2026"},
		{"sv", "85,3\u00a0%", "12\u00a0345", "5.10.2026"},
		{"en", "85.3%", "12,345", "5 Oct 2026"},
	}
	for _, tc := range tests {
		f := newFormat(tc.lang)
		if got := []string{f.pct(0.8534), f.n(12345), f.date(day("2026-10-05"))}; strings.Join(got, "|") != tc.pct+"|"+tc.n+"|"+tc.date {
			t.Errorf("%s: %q", tc.lang, got)
		}
	}
}

func TestXLSX(t *testing.T) {
	d := build(t, small(t), nil, "fi")
	var buf bytes.Buffer
	if err := d.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), "|"); got != "Jäsenet ja osa-alueet|Vaatimukset|Useimmin ei täyty|Myöhässä|Kehitys" {
		t.Fatalf("sheets = %s", got)
	}
	heat := "Jäsenet ja osa-alueet"
	// Columns: A member, B business ID, C last audit, D environment, E
	// verdict, F due, G overdue, H.. areas (by id: authentication,
	// incident, lifecycle, organisation, registry, security, technical),
	// O failing requirements.
	cells := []struct{ ref, want string }{
		{"A1", "Jäsen"}, {"C1", "Viimeisin itseauditointi"}, {"H1", "authentication"}, {"M1", "security"}, {"O1", "Vaatimukset, jotka eivät täyty"},
		{"A2", "Åbo Akademi"}, {"B2", "0355582-6"}, {"C2", "20.8.2025"}, {"E2", "VAATIMUKSIA EI TÄYTY"}, {"F2", "20.8.2026"}, {"G2", "Kyllä"},
		{"J2", "ei täyty"}, {"M2", "ei täyty"}, {"O2", "EP-LIFE-03, EP-SEC-05"},
		{"A3", "Äänekosken kaupunki"}, {"H3", "varoitus"}, {"K3", "kunnossa"}, {"M3", "ei täyty"}, {"G3", "Ei"},
		{"A4", "Oulun kaupunki"}, {"E4", "VAATIMUKSET TÄYTTYVÄT"}, {"L4", "varoitus"},
		{"A5", "Zeta Oy"}, {"G5", "Kyllä"}, {"M5", "kunnossa"},
	}
	for _, c := range cells {
		got, err := x.GetCellValue(heat, c.ref)
		if err != nil || got != c.want {
			t.Errorf("%s!%s = %q, %v; want %q", heat, c.ref, got, err, c.want)
		}
	}
	cf, err := x.GetConditionalFormats(heat)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf["H2:N5"]) != 5 {
		t.Errorf("conditional formats of the areas = %+v, want 5 colour rules", cf)
	}
	words := map[string]bool{}
	for _, c := range cf["H2:N5"] {
		words[c.Value] = true
	}
	for _, w := range []string{`"ei täyty"`, `"varoitus"`, `"kunnossa"`, `"tarkistettava"`, `"ei koske"`} {
		if !words[w] {
			t.Errorf("no colour rule for %s", w)
		}
	}
	rate, err := x.GetCellValue("Vaatimukset", "H2", excelize.Options{RawCellValue: true})
	if err != nil || rate != "0.75" {
		t.Errorf("pass rate of EP-AUTH-01 (Äänekoski warns: 3 of 4 pass) = %q, want 0.75", rate)
	}
	top, _ := x.GetRows("Useimmin ei täyty")
	if len(top) != 3 || top[1][0] != "EP-SEC-05" || top[1][5] != "2" || top[2][0] != "EP-LIFE-03" {
		t.Errorf("most failing = %q", top)
	}
	trend, _ := x.GetRows("Kehitys")
	if len(trend) != 6 || trend[1][0] != "Q1/2025" || trend[5][0] != "Q4/2026" || trend[5][3] != "1" {
		t.Errorf("trend = %q", trend)
	}
	od, _ := x.GetRows("Myöhässä")
	if len(od) != 3 || od[1][0] != "Zeta Oy" || od[1][3] != "10.2.2026" || od[1][4] != "290" {
		t.Errorf("overdue = %q", od)
	}
}

func TestCSV(t *testing.T) {
	d := build(t, small(t), nil, "sv")
	machine := [][]string{
		{"Medlem", "FO-nummer", "Senaste självgranskning", "Miljö", "Resultat", "Nästa självgranskning senast", "försenad",
			"authentication", "incident", "lifecycle", "organisation", "registry", "security", "technical", "Krav som inte uppfylls"},
		{"Åbo Akademi", "0355582-6", "2025-08-20", "production", "fail", "2026-08-20", "true", "pass", "pass", "fail", "pass", "pass", "fail", "pass", "EP-LIFE-03 EP-SEC-05"},
		{"Äänekosken kaupunki", "0245437-2", "2026-10-05", "production", "fail", "2027-10-05", "false", "warn", "pass", "pass", "pass", "pass", "fail", "pass", "EP-SEC-05"},
		{"Oulun kaupunki", "0187690-1", "2026-07-01", "production", "pass", "2027-07-01", "false", "pass", "pass", "pass", "pass", "warn", "pass", "pass", ""},
		{"Zeta Oy", "1572860-0", "2025-02-10", "production", "pass", "2026-02-10", "true", "pass", "pass", "pass", "pass", "pass", "pass", "pass", ""},
	}
	fm := newFormat("sv")
	people := [][]string{machine[0],
		{"Åbo Akademi", "0355582-6", "20.8.2025", fm.t("production"), fm.t("FAIL"), "20.8.2026", "Ja",
			fm.t("pass"), fm.t("pass"), fm.t("fail"), fm.t("pass"), fm.t("pass"), fm.t("fail"), fm.t("pass"), "EP-LIFE-03, EP-SEC-05"},
	}
	cases := []struct {
		dialect CSVDialect
		bom     bool
		comma   rune
		want    [][]string
	}{
		{CSVExcel, true, ';', people},
		{CSVRFC4180, false, ',', machine},
	}
	for _, c := range cases {
		t.Run(string(c.dialect), func(t *testing.T) {
			var buf bytes.Buffer
			if err := d.WriteCSVDialect(&buf, c.dialect); err != nil {
				t.Fatal(err)
			}
			raw := buf.Bytes()
			if got := bytes.HasPrefix(raw, utf8BOM); got != c.bom {
				t.Errorf("byte order mark %v, want %v", got, c.bom)
			}
			if n, crlf := bytes.Count(raw, []byte("\n")), bytes.Count(raw, []byte("\r\n")); n != crlf || n != 5 {
				t.Errorf("%d line ends, %d of them CRLF; want 5 CRLF", n, crlf)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, utf8BOM)))
			r.Comma = c.comma
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 5 {
				t.Fatalf("%d rows, want 5: %q", len(rows), rows)
			}
			for i := range c.want {
				if strings.Join(rows[i], "|") != strings.Join(c.want[i], "|") {
					t.Errorf("row %d =\n%q\nwant\n%q", i, rows[i], c.want[i])
				}
			}
		})
	}
	// The default is the dialect for people.
	var def, excel bytes.Buffer
	if err := d.WriteCSV(&def); err != nil {
		t.Fatal(err)
	}
	d.WriteCSVDialect(&excel, CSVExcel)
	if !bytes.Equal(def.Bytes(), excel.Bytes()) {
		t.Error("WriteCSV is not the Excel dialect")
	}
}

func TestCSVDialects(t *testing.T) {
	for in, want := range map[string]CSVDialect{"": CSVExcel, "excel": CSVExcel, "rfc4180": CSVRFC4180} {
		if got, err := ParseCSVDialect(in); err != nil || got != want {
			t.Errorf("ParseCSVDialect(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseCSVDialect("tsv"); err == nil || !strings.Contains(err.Error(), "excel or rfc4180") {
		t.Errorf("tsv: %v", err)
	}
	for in, want := range map[string]string{"=1+1": "'=1+1", "@SUM": "'@SUM", "-2": "'-2", "Oulu": "Oulu", "": ""} {
		if got := noFormula(in); got != want {
			t.Errorf("noFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPDF renders the summary in every language; SUMMARY_OUT=DIR keeps the
// files to look at (pdftoppm -png -r 60).
func TestPDF(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Skipf("the embedded catalogue does not load (%v): rendering without it is covered by TestXLSX", err)
	}
	db := small(t)
	if os.Getenv("SUMMARY_OUT") != "" {
		if err := rt.Fill(context.Background(), db, 120, 3, now, 7); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		d := build(t, db, cat, lang)
		var buf bytes.Buffer
		if err := d.WritePDF(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 10000 {
			t.Fatalf("%s: not a PDF (%d bytes)", lang, buf.Len())
		}
		if dir := os.Getenv("SUMMARY_OUT"); dir != "" {
			for name, write := range map[string]func(*bytes.Buffer) error{
				"summary-" + lang + ".pdf":  func(b *bytes.Buffer) error { b.Reset(); return d.WritePDF(b) },
				"summary-" + lang + ".xlsx": func(b *bytes.Buffer) error { b.Reset(); return d.WriteXLSX(b) },
			} {
				if err := write(&buf); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func BenchmarkSummary(b *testing.B) {
	ctx := context.Background()
	db, err := registry.Open(ctx, filepath.Join(b.TempDir(), "r.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if err := rt.Fill(ctx, db, 1000, 3, now, 1); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: 1,000 members × 3 audits in %v", time.Since(start))
	cat, _ := catalog.Load(policies.FS)
	b.ResetTimer()
	for b.Loop() {
		d, err := Build(ctx, db, cat, "fi", now)
		if err != nil {
			b.Fatal(err)
		}
		var pdf, xlsx, csvb bytes.Buffer
		if err := d.WritePDF(&pdf); err != nil {
			b.Fatal(err)
		}
		if err := d.WriteXLSX(&xlsx); err != nil {
			b.Fatal(err)
		}
		if err := d.WriteCSV(&csvb); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(pdf.Len())/1024, "pdf-KB")
		b.ReportMetric(float64(xlsx.Len())/1024, "xlsx-KB")
	}
}
