package summary

import (
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mpassaudit/mpassaudit/reports/fonts"
)

const family = "DejaVu"

type rgb struct{ r, g, b int }

// Heat-map colours, strong enough to read at a glance, each with a symbol
// so that the map also reads in black and white.
var (
	colour = map[State]rgb{
		AllPass:    {46, 125, 50},
		Warnings:   {249, 168, 37},
		Fails:      {198, 40, 40},
		NoData:     {224, 224, 224},
		ManualOnly: {187, 222, 251},
		Undecided:  {187, 222, 251},
		Unchecked:  {158, 158, 158},
	}
	textOn = map[State]rgb{AllPass: {255, 255, 255}, Warnings: {33, 33, 33}, Fails: {255, 255, 255}, NoData: {117, 117, 117},
		ManualOnly: {13, 71, 161}, Undecided: {13, 71, 161}, Unchecked: {255, 255, 255}}
	symbol = map[State]string{AllPass: "✓", Warnings: "!", Fails: "✗", NoData: "–", ManualOnly: "?", Undecided: "?", Unchecked: "E"}
	amber  = rgb{230, 81, 0}
	grey   = rgb{97, 97, 97}
	black  = rgb{33, 33, 33}
)

type pdfWriter struct {
	f    *fpdf.Fpdf
	fm   format
	d    *Data
	w, h float64 // page size
	m    float64 // margin
}

// WritePDF renders the summary as a landscape A4 PDF.
func (d *Data) WritePDF(w io.Writer) error {
	f := fpdf.New("L", "mm", "A4", "")
	f.AddUTF8FontFromBytes(family, "", fonts.Sans)
	f.AddUTF8FontFromBytes(family, "B", fonts.SansBold)
	if err := f.Error(); err != nil {
		return fmt.Errorf("loading the embedded fonts: %w", err)
	}
	p := &pdfWriter{f: f, fm: newFormat(d.Lang), d: d, m: 12}
	p.w, p.h = f.GetPageSize()
	f.SetMargins(p.m, p.m, p.m)
	f.SetAutoPageBreak(false, p.m)
	f.SetTitle(p.fm.t("MPASSid steering group summary"), true)
	f.SetLang(d.Lang)
	f.SetCreationDate(d.Now)
	f.SetCatalogSort(true)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetFont(family, "", 7)
		p.color(grey)
		f.SetXY(p.m, p.h-8)
		f.CellFormat(p.w-2*p.m, 4, p.fm.t("MPASSid steering group summary")+" · "+p.fm.date(d.Now), "", 0, "L", false, 0, "")
		f.SetXY(p.m, p.h-8)
		f.CellFormat(p.w-2*p.m, 4, p.fm.t("Page %d of %s", f.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	p.overview()
	// No page without content: with no member registered, the overview
	// says so and the tables are left out.
	if len(d.Members) > 0 {
		p.heatMap()
		p.requirements()
	}
	if len(d.Overdue()) > 0 {
		p.overdue()
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("rendering the summary PDF: %w", err)
	}
	return f.Output(w)
}

func (p *pdfWriter) color(c rgb)     { p.f.SetTextColor(c.r, c.g, c.b) }
func (p *pdfWriter) fill(c rgb)      { p.f.SetFillColor(c.r, c.g, c.b) }
func (p *pdfWriter) bottom() float64 { return p.h - p.m - 6 }

// stripe shades every other table row (row i at y), so long rows stay readable.
func (p *pdfWriter) stripe(i int, y, w, h float64) {
	if i%2 == 1 {
		p.f.SetFillColor(245, 245, 245)
		p.f.Rect(p.m, y, w, h, "F")
	}
}

// fit shortens s with "…" to fit width w at the current font.
func (p *pdfWriter) fit(s string, w float64) string {
	if p.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

func (p *pdfWriter) heading(s string) {
	p.f.SetFont(family, "B", 13)
	p.color(black)
	p.f.SetX(p.m)
	p.f.CellFormat(0, 8, s, "", 1, "L", false, 0, "")
}

func (p *pdfWriter) page(title string) {
	p.f.AddPage()
	p.heading(title)
}

func (p *pdfWriter) overview() {
	f, fm, d := p.f, p.fm, p.d
	f.AddPage()
	f.SetFont(family, "B", 18)
	p.color(black)
	f.CellFormat(0, 10, fm.t("MPASSid steering group summary"), "", 1, "L", false, 0, "")
	f.SetFont(family, "", 9)
	p.color(grey)
	sub := fm.t("Status on %s", fm.date(d.Now))
	if d.Catalog != "" {
		sub += " · " + fm.t("Catalogue") + " " + d.Catalog
	}
	f.CellFormat(0, 5, sub+" · "+fm.t("each member's latest self-audit"), "", 1, "L", false, 0, "")
	f.Ln(3)

	// Headline numbers. The share is of members whose mandatory
	// requirements are met, coloured by what it says: green only when all.
	c := d.Counts()
	shareColour := colour[AllPass]
	switch {
	case c.Members == 0 || c.MetShare() < 0.5:
		shareColour = colour[Fails]
	case c.Met < c.Members:
		shareColour = amber
	}
	failColour, overdueColour := colour[Fails], amber
	if c.Failing == 0 {
		failColour = black
	}
	if c.Overdue == 0 {
		overdueColour = black
	}
	boxes := []struct {
		label, value string
		c            rgb
	}{
		{fm.t("Members meeting the mandatory requirements"), fm.pct(c.MetShare()), shareColour},
		{fm.t("Members"), fm.n(c.Members), black},
		{fm.t("Members with a failing verdict"), fm.n(c.Failing), failColour},
		{fm.t("Overdue for re-audit"), fm.n(c.Overdue), overdueColour},
	}
	bw := (p.w - 2*p.m - 3*4) / 4
	y := f.GetY()
	for i, b := range boxes {
		x := p.m + float64(i)*(bw+4)
		f.SetDrawColor(200, 200, 200)
		f.Rect(x, y, bw, 22, "D")
		f.SetXY(x+3, y+2)
		f.SetFont(family, "B", 18)
		p.color(b.c)
		f.CellFormat(bw-6, 9, b.value, "", 2, "L", false, 0, "")
		f.SetX(x + 3)
		f.SetFont(family, "", 8)
		p.color(grey)
		// The label is the number's definition: two lines, never cut.
		f.MultiCell(bw-6, 3.6, b.label, "", "L", false)
	}
	f.SetY(y + 25)
	f.SetFont(family, "", 7)
	p.color(grey)
	f.MultiCell(0, 3.6, fm.t("%d of %d members meet every mandatory requirement in their latest self-audit (verdict: requirements met); results for the operator's review and those that could not be checked are not counted as met or failed.", c.Met, c.Members), "", "L", false)
	if c.Members == 0 {
		f.SetFont(family, "", 10)
		p.color(black)
		f.CellFormat(0, 8, fm.t("No self-audit is registered yet: add verified reports with mpassaudit registry add."), "", 1, "L", false, 0, "")
	} else if c.Overdue == 0 {
		f.CellFormat(0, 4, fm.t("No member is overdue for its re-audit."), "", 1, "L", false, 0, "")
	}
	f.Ln(2)

	// Left: the most failing requirements; right: the trend.
	colW := (p.w - 2*p.m - 8) / 2
	top := f.GetY()
	p.topFailing(p.m, top, colW)
	p.trend(p.m+colW+8, top, colW)
}

func (p *pdfWriter) topFailing(x, y, w float64) {
	f, fm := p.f, p.fm
	f.SetXY(x, y)
	f.SetFont(family, "B", 11)
	p.color(black)
	f.CellFormat(w, 7, fm.t("Most failing requirements"), "", 2, "L", false, 0, "")
	f.SetFont(family, "", 7)
	p.color(grey)
	f.CellFormat(w, 4, fm.t("Members whose latest self-audit fails the requirement"), "", 2, "L", false, 0, "")
	top := p.d.TopFailing(15)
	if len(top) == 0 {
		f.SetFont(family, "", 9)
		f.CellFormat(w, 6, fm.t("No requirement fails for any member."), "", 2, "L", false, 0, "")
		return
	}
	maxFail := top[0].Fail
	const rowH = 6.2
	barW := w * 0.32
	for _, r := range top {
		yy := f.GetY()
		f.SetFont(family, "B", 8)
		p.color(black)
		f.SetXY(x, yy)
		f.CellFormat(20, rowH, r.ID, "", 0, "L", false, 0, "")
		f.SetFont(family, "", 7.5)
		f.CellFormat(w-20-barW-2, rowH, p.fit(r.Title, w-20-barW-4), "", 0, "L", false, 0, "")
		bx := x + w - barW
		bl := (barW - 14) * float64(r.Fail) / float64(maxFail)
		p.fill(colour[Fails])
		f.Rect(bx, yy+1.2, bl, rowH-2.4, "F")
		f.SetXY(bx+bl+1, yy)
		f.SetFont(family, "B", 7.5)
		p.color(colour[Fails])
		f.CellFormat(13, rowH, fm.n(r.Fail), "", 0, "L", false, 0, "")
		f.SetXY(x, yy+rowH)
	}
}

func (p *pdfWriter) trend(x, y, w float64) {
	f, fm := p.f, p.fm
	f.SetXY(x, y)
	f.SetFont(family, "B", 11)
	p.color(black)
	f.CellFormat(w, 7, fm.t("Trend by quarter"), "", 2, "L", false, 0, "")
	f.SetFont(family, "", 7)
	p.color(grey)
	f.CellFormat(w, 4, fm.t("Every self-audit in the quarter it was made"), "", 2, "L", false, 0, "")
	qs := p.d.Quarters
	if len(qs) > 12 {
		qs = qs[len(qs)-12:]
	}
	cols := []struct {
		label string
		w     float64
		align string
	}{
		{fm.t("Quarter"), 18, "L"}, {fm.t("Audits"), 30, "R"}, {fm.t("met"), 24, "R"}, {fm.t("not met"), 22, "R"}, {fm.t("Pass rate"), 0, "L"},
	}
	used := 0.0
	for _, c := range cols[:4] {
		used += c.w
	}
	cols[4].w = w - used
	f.SetFont(family, "B", 7.5)
	p.color(black)
	f.SetX(x)
	for i, c := range cols {
		label := p.fit(c.label, c.w-1)
		if i == len(cols)-1 {
			label = "   " + label // over the bars, which start 3 mm in
		}
		f.CellFormat(c.w, 6, label, "B", 0, c.align, false, 0, "")
	}
	f.Ln(6)
	const rowH = 5.6
	for _, q := range qs {
		yy := f.GetY()
		f.SetX(x)
		f.SetFont(family, "", 8)
		p.color(black)
		f.CellFormat(cols[0].w, rowH, q.Label(), "", 0, "L", false, 0, "")
		f.CellFormat(cols[1].w, rowH, fm.n(q.Audits), "", 0, "R", false, 0, "")
		p.color(colour[AllPass])
		f.CellFormat(cols[2].w, rowH, fm.n(q.PassVerdicts), "", 0, "R", false, 0, "")
		p.color(colour[Fails])
		f.CellFormat(cols[3].w, rowH, fm.n(q.FailVerdicts), "", 0, "R", false, 0, "")
		// Pass-rate bar, the number beside it.
		bx := x + used + 3
		bw := (cols[4].w - 20) * q.Rate()
		p.fill(colour[AllPass])
		f.Rect(bx, yy+1, bw, rowH-2, "F")
		f.SetXY(bx+bw+1, yy)
		p.color(black)
		f.CellFormat(18, rowH, fm.pct(q.Rate()), "", 0, "L", false, 0, "")
		f.SetXY(x, yy+rowH)
	}
}

// heatMap draws members × areas: failing members first.
func (p *pdfWriter) heatMap() {
	f, fm, d := p.f, p.fm, p.d
	nameW, idW, verdW := 70.0, 20.0, 24.0
	// The area names are rotated 55° and up to headLen long: the last one
	// reaches headLen·cos 55° to the right of its column, so the columns are
	// narrowed until that name ends inside the page.
	const headLen = 52.0
	n := float64(max(1, len(d.Areas)))
	reach := p.w - 5 - (p.m + nameW + idW + verdW + 1 + headLen*math.Cos(55*math.Pi/180))
	cellW := min(16.0, (p.w-2*p.m-nameW-idW-verdW)/n, reach/(n-0.5))
	const rowH = 5.0
	header := func(title string) {
		p.page(fm.t("Status by member and area"))
		p.legend()
		// Area names, rotated, over their columns.
		y0 := f.GetY() + 44
		f.SetFont(family, "B", 7.5)
		p.color(black)
		f.SetXY(p.m, y0-6)
		f.CellFormat(nameW, 6, fm.t("Member"), "", 0, "L", false, 0, "")
		f.CellFormat(idW, 6, fm.t("Business ID"), "", 0, "L", false, 0, "")
		f.CellFormat(verdW, 6, fm.t("Verdict"), "", 0, "L", false, 0, "")
		for i, a := range d.Areas {
			x := p.m + nameW + idW + verdW + float64(i)*cellW + cellW/2 + 1
			f.TransformBegin()
			f.TransformRotate(55, x, y0-1)
			f.Text(x, y0-1, p.fit(a.Name, headLen))
			f.TransformEnd()
		}
		f.SetDrawColor(160, 160, 160)
		f.Line(p.m, y0, p.m+nameW+idW+verdW+float64(len(d.Areas))*cellW, y0)
		f.SetXY(p.m, y0+1)
		if title != "" {
			f.SetFont(family, "B", 8.5)
			p.color(black)
			f.CellFormat(0, 6, title, "", 1, "L", false, 0, "")
		}
	}
	failing := fm.t("Members with failing requirements")
	others := fm.t("Other members")
	header(failing)
	inFailing := true
	for i, m := range d.Members {
		failingRow := m.Verdict == "fail" || containsState(m.Areas, Fails)
		if inFailing && !failingRow {
			inFailing = false
			if f.GetY()+2*rowH+8 > p.bottom() {
				header(others)
			} else {
				f.Ln(2)
				f.SetFont(family, "B", 8.5)
				p.color(black)
				f.CellFormat(0, 6, others, "", 1, "L", false, 0, "")
			}
			if i == 0 {
				// Nobody fails.
				f.SetFont(family, "", 8)
			}
		}
		if f.GetY()+rowH > p.bottom() {
			t := others
			if inFailing {
				t = failing
			}
			header(t + " " + fm.t("(continued)"))
		}
		y := f.GetY()
		p.stripe(i, y, nameW+idW+verdW, rowH)
		f.SetXY(p.m, y)
		f.SetFont(family, "", 7.5)
		p.color(black)
		f.CellFormat(nameW, rowH, p.fit(m.Name, nameW-1), "", 0, "L", false, 0, "")
		p.color(grey)
		f.CellFormat(idW, rowH, m.BusinessID, "", 0, "L", false, 0, "")
		f.SetFont(family, "B", 7.5)
		if m.Verdict == "pass" {
			p.color(colour[AllPass])
		} else {
			p.color(colour[Fails])
		}
		word := fm.t("met")
		if m.Verdict != "pass" {
			word = fm.t("not met")
		}
		f.CellFormat(verdW, rowH, p.fit(word, verdW-1), "", 0, "L", false, 0, "")
		f.SetDrawColor(255, 255, 255)
		f.SetLineWidth(0.4)
		for i, s := range m.Areas {
			p.fill(colour[s])
			p.color(textOn[s])
			text := symbol[s]
			if s == Undecided && i < len(m.Cells) {
				// Some pass, musts still open: both counts, never a green.
				f.SetFont(family, "B", 6)
				text = fmt.Sprintf("✓%d ?%d", m.Cells[i].Pass, m.Cells[i].Open)
			}
			f.CellFormat(cellW, rowH, p.fit(text, cellW), "1", 0, "C", true, 0, "")
			f.SetFont(family, "B", 7.5)
		}
		f.SetLineWidth(0.2)
		f.SetXY(p.m, y+rowH)
	}
	if len(d.Members) == 0 {
		f.SetFont(family, "", 9)
		p.color(grey)
		f.CellFormat(0, 6, fm.t("None"), "", 1, "L", false, 0, "")
	}
}

func containsState(ss []State, s State) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (p *pdfWriter) legend() {
	f, fm := p.f, p.fm
	f.SetFont(family, "", 7.5)
	x := p.m
	y := f.GetY()
	for _, it := range []struct {
		s     State
		label string
	}{
		{Fails, fm.t("a requirement fails")}, {Unchecked, fm.t("could not be checked")}, {Warnings, fm.t("warnings or waivers")},
		{AllPass, fm.t("every must decided and met")}, {Undecided, fm.t("✓ met · ? must open for review")}, {ManualOnly, fm.t("manual")}, {NoData, fm.t("not_applicable")},
	} {
		p.fill(colour[it.s])
		p.color(textOn[it.s])
		f.SetXY(x, y)
		f.CellFormat(5, 4.5, symbol[it.s], "", 0, "C", true, 0, "")
		p.color(black)
		wl := f.GetStringWidth(it.label) + 2
		f.CellFormat(wl, 4.5, it.label, "", 0, "L", false, 0, "")
		x += 5 + wl + 5
		if next := x + 60; next > p.w-p.m {
			// The next item might not fit: a new line.
			x, y = p.m, y+5
		}
	}
	f.SetXY(p.m, y+5)
	p.color(grey)
	f.CellFormat(0, 4, fm.t("Green only when every mandatory requirement of the area was decided and met."), "", 1, "L", false, 0, "")
}

func (p *pdfWriter) requirements() {
	f, fm, d := p.f, p.fm, p.d
	idW, areaW, nW, failW := 22.0, 52.0, 22.0, 22.0
	barW := 70.0
	titleW := p.w - 2*p.m - idW - areaW - nW - failW - barW
	areaName := map[string]string{}
	for _, a := range d.Areas {
		areaName[a.ID] = a.Name
	}
	const rowH = 5.2
	header := func() {
		p.page(fm.t("Pass rate by requirement"))
		f.SetFont(family, "", 7.5)
		p.color(grey)
		f.MultiCell(0, 4, fm.t("Pass rate: the share of pass among the judged results (pass, fail, warn, waived) of each member's latest self-audit; results that could not be checked or await review are not judged."), "", "L", false)
		f.Ln(1)
		f.SetFont(family, "B", 7.5)
		p.color(black)
		for _, c := range []struct {
			s     string
			w     float64
			align string
		}{{fm.t("Requirement"), idW, "L"}, {fm.t("Title"), titleW, "L"}, {fm.t("Area"), areaW, "L"},
			{fm.t("Judged"), nW, "R"}, {fm.t("fail"), failW, "R"}, {fm.t("Pass rate"), barW, "L"}} {
			f.CellFormat(c.w, 6, "  "+p.fit(c.s, c.w-3), "B", 0, c.align, false, 0, "")
		}
		f.Ln(6)
	}
	header()
	for i, r := range d.Requirements {
		if f.GetY()+rowH > p.bottom() {
			header()
		}
		y := f.GetY()
		p.stripe(i, y, p.w-2*p.m, rowH)
		f.SetFont(family, "B", 7.5)
		p.color(black)
		f.CellFormat(idW, rowH, r.ID, "", 0, "L", false, 0, "")
		f.SetFont(family, "", 7.5)
		f.CellFormat(titleW, rowH, p.fit(r.Title, titleW-2), "", 0, "L", false, 0, "")
		p.color(grey)
		f.CellFormat(areaW, rowH, p.fit(areaName[r.Area], areaW-2), "", 0, "L", false, 0, "")
		p.color(black)
		f.CellFormat(nW, rowH, fm.n(r.Judged), "", 0, "R", false, 0, "")
		if r.Fail > 0 {
			p.color(colour[Fails])
			f.SetFont(family, "B", 7.5)
		}
		f.CellFormat(failW, rowH, fm.n(r.Fail), "", 0, "R", false, 0, "")
		bx := p.m + idW + titleW + areaW + nW + failW + 3
		bw := (barW - 20) * r.Rate()
		s := AllPass
		switch {
		case r.Fail > 0 && r.Rate() < 0.9:
			s = Fails
		case r.Fail > 0 || r.Warn > 0:
			s = Warnings
		}
		f.SetFont(family, "", 7.5)
		if r.Judged == 0 || r.OnlyWarnings() {
			// Only manual review, errors or not applicable: no rate; only
			// warnings: say so, rather than a 0 % that reads as failing.
			p.color(grey)
			text := fm.t("not judged")
			if r.OnlyWarnings() {
				p.color(textOn[Warnings])
				text = fm.t("only warnings")
			}
			f.SetXY(bx, y)
			f.CellFormat(barW-20, rowH, text, "", 0, "L", false, 0, "")
			f.SetXY(p.m, y+rowH)
			continue
		}
		p.fill(colour[s])
		f.Rect(bx, y+1, bw, rowH-2, "F")
		f.SetXY(bx+bw+1, y)
		p.color(black)
		f.CellFormat(18, rowH, fm.pct(r.Rate()), "", 0, "L", false, 0, "")
		f.SetXY(p.m, y+rowH)
	}
}

func (p *pdfWriter) overdue() {
	f, fm := p.f, p.fm
	list := p.d.Overdue()
	cols := []struct {
		s     string
		w     float64
		align string
	}{{fm.t("Member"), 90, "L"}, {fm.t("Business ID"), 28, "L"}, {fm.t("Last audit"), 50, "L"},
		{fm.t("Re-audit due"), 60, "L"}, {fm.t("Days overdue"), 0, "R"}}
	used := 0.0
	for _, c := range cols[:4] {
		used += c.w
	}
	cols[4].w = p.w - 2*p.m - used
	const rowH = 5.2
	header := func() {
		p.page(fm.t("Members overdue for re-audit"))
		f.SetFont(family, "B", 7.5)
		p.color(black)
		for _, c := range cols {
			f.CellFormat(c.w, 6, p.fit(c.s, c.w-1), "B", 0, c.align, false, 0, "")
		}
		f.Ln(6)
	}
	header()
	if len(list) == 0 {
		f.SetFont(family, "", 9)
		p.color(grey)
		f.CellFormat(0, 6, fm.t("None"), "", 1, "L", false, 0, "")
		return
	}
	for i, m := range list {
		if f.GetY()+rowH > p.bottom() {
			header()
		}
		p.stripe(i, f.GetY(), p.w-2*p.m, rowH)
		f.SetFont(family, "", 7.5)
		p.color(black)
		f.CellFormat(cols[0].w, rowH, p.fit(m.Name, cols[0].w-1), "", 0, "L", false, 0, "")
		p.color(grey)
		f.CellFormat(cols[1].w, rowH, m.BusinessID, "", 0, "L", false, 0, "")
		p.color(black)
		f.CellFormat(cols[2].w, rowH, fm.date(m.Last), "", 0, "L", false, 0, "")
		f.CellFormat(cols[3].w, rowH, fm.date(m.Due), "", 0, "L", false, 0, "")
		f.SetFont(family, "B", 7.5)
		p.color(rgb{230, 81, 0})
		f.CellFormat(cols[4].w, rowH, fm.n(int(p.d.Now.Sub(m.Due).Hours()/24)), "", 1, "R", false, 0, "")
	}
}
