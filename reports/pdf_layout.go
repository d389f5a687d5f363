package reports

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

const (
	fontFamily = "DejaVu"
	pageW      = 210.0
	pageH      = 297.0
	marginL    = 18.0
	marginR    = 18.0
	marginT    = 16.0
	marginB    = 20.0
	contentW   = pageW - marginL - marginR
	badgeW     = 33.0
	textX      = marginL + badgeW + 3
	textW      = pageW - marginR - textX
)

type rgb struct{ r, g, b int }

var (
	navy      = rgb{0, 51, 102}
	ink       = rgb{33, 33, 33}
	grey      = rgb{110, 110, 110}
	lightGrey = rgb{235, 237, 240}
	white     = rgb{255, 255, 255}
	// Status colours: red and amber for what needs work, green for done.
	statusColor = map[string]rgb{
		audit.Pass:          {46, 125, 50},
		audit.Fail:          {198, 40, 40},
		audit.Warn:          {214, 110, 0},
		audit.Manual:        {21, 101, 192},
		audit.NotApplicable: {140, 140, 140},
		audit.Waived:        {106, 27, 154},
		audit.Error:         {84, 110, 122}, // could not be checked: no failure, no pass
	}
	// Light tints behind the remediation of failing requirements.
	statusTint = map[string]rgb{
		audit.Fail:  {253, 236, 234},
		audit.Warn:  {255, 243, 224},
		audit.Error: {236, 239, 241},
	}
)

type doc struct {
	f    *fpdf.Fpdf
	rep  *audit.Report
	lang string
	cat  *catalog.Catalog
	id   string
	t    func(string, ...any) string
}

func (d *doc) fill(c rgb) { d.f.SetFillColor(c.r, c.g, c.b) }
func (d *doc) text(c rgb) { d.f.SetTextColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb) { d.f.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) font(style string, size float64) {
	d.f.SetFont(fontFamily, style, size)
}

func (d *doc) render() {
	f := d.f
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(true, marginB)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(d.footer)
	d.cover()
	f.AddPage()
	d.summary()
	for _, g := range GroupByArea(d.rep, d.cat, d.lang) {
		d.area(g)
	}
}

// footer: who, the report id (so a printed page can be matched to the
// signed file) and the page number.
func (d *doc) footer() {
	f := d.f
	f.SetY(-14)
	d.draw(lightGrey)
	f.SetLineWidth(0.3)
	f.Line(marginL, f.GetY(), pageW-marginR, f.GetY())
	f.SetY(-12)
	d.font("", 7)
	d.text(grey)
	left := d.t("MPASSid self-audit") + " · " + d.rep.Member.Name
	f.CellFormat(contentW*0.7, 4, fit(f, left, contentW*0.7), "", 0, "L", false, 0, "")
	f.CellFormat(contentW*0.3, 4, d.t("Page %d of %s", f.PageNo(), "{nb}"), "", 1, "R", false, 0, "")
	f.CellFormat(contentW, 3.5, d.t("Report id")+": "+d.id, "", 0, "L", false, 0, "")
}

func (d *doc) cover() {
	f, r, t := d.f, d.rep, d.t
	f.AddPage()
	// Title band.
	d.fill(navy)
	f.Rect(0, 0, pageW, 34, "F")
	d.text(white)
	d.font("B", 20)
	f.SetXY(marginL, 9)
	f.CellFormat(contentW, 9, t("MPASSid self-audit"), "", 1, "L", false, 0, "")
	d.font("", 11)
	f.SetX(marginL)
	f.CellFormat(contentW, 7, t("Appendix 1 self-audit report"), "", 1, "L", false, 0, "")

	// Member.
	f.SetY(42)
	d.text(ink)
	d.font("B", 18)
	f.MultiCell(contentW, 8, r.Member.Name, "", "L", false)
	f.Ln(3)
	generated := r.GeneratedAt
	if ts, err := time.Parse(time.RFC3339, r.GeneratedAt); err == nil {
		generated = ts.UTC().Format("2006-01-02 15:04 UTC")
	}
	rows := [][2]string{
		{t("Business ID"), r.Member.BusinessID},
		{t("Member type"), t(r.Member.Kind)},
		{t("Environment"), t(r.Member.Environment)},
		{t("Date"), generated},
		{t("Catalogue"), r.Catalog.Version},
		{t("Catalogue digest"), r.Catalog.Digest},
		{t("Tool"), r.Tool.Name + " " + r.Tool.Version},
	}
	const labelW = 52.0
	for _, row := range rows {
		d.font("", 9)
		d.text(grey)
		f.CellFormat(labelW, 6, fit(f, row[0], labelW-1), "", 0, "L", false, 0, "")
		size := 11.0
		if len(row[1]) > 48 {
			size = 7.5 // the digest: keep it on one line
		}
		d.font("", size)
		d.text(ink)
		f.CellFormat(contentW-labelW, 6, fit(f, row[1], contentW-labelW), "", 1, "L", false, 0, "")
	}

	// Verdict: the one thing every reader looks for.
	f.Ln(5)
	y := f.GetY()
	// Green only when everything was established: open reviews keep the
	// colour of manual review.
	vc := statusColor[audit.Pass]
	word := VerdictWord(d.lang, r)
	switch {
	case r.Failed():
		vc = statusColor[audit.Fail]
	case r.Open() > 0:
		vc = statusColor[audit.Manual]
	}
	d.fill(vc)
	f.RoundedRect(marginL, y, contentW, 30, 3, "1234", "F")
	d.text(white)
	d.font("", 10)
	f.SetXY(marginL+6, y+3)
	f.CellFormat(contentW-12, 5, t("Verdict"), "", 1, "L", false, 0, "")
	d.font("B", 26)
	f.SetX(marginL + 6)
	f.CellFormat(contentW-12, 12, word, "", 1, "L", false, 0, "")
	line := d.verdictLine()
	size := 10.0
	for d.font("", size); f.GetStringWidth(line) > contentW-12 && size > 7; size -= 0.5 {
		d.font("", size-0.5)
	}
	f.SetX(marginL + 6)
	f.CellFormat(contentW-12, 6, fit(f, line, contentW-12), "", 1, "L", false, 0, "")
	f.SetY(y + 34)

	// Counts.
	d.counts(f.GetY())
	f.Ln(4)

	// What to fix, at a glance.
	d.toFix()
}

// verdictLine says why the verdict is what it is.
func (d *doc) verdictLine() string {
	// Errors are "could not be checked", never counted as failures.
	n := 0
	for _, res := range d.rep.Results {
		if res.Severity == "must" && res.Status == audit.Fail {
			n++
		}
	}
	line := d.t("Mandatory requirements not met: %d", n)
	if n == 0 {
		line = strings.TrimSuffix(d.t("No mandatory requirement fails."), ".")
	}
	// Open reviews and what could not be checked are said on the verdict
	// itself, not only in the list below it.
	return strings.Join(append([]string{line}, OpenCounts(d.lang, d.rep)...), " · ")
}

// counts draws one chip per status: colour, name and number.
func (d *doc) counts(y float64) {
	f := d.f
	w := contentW / float64(len(audit.Statuses))
	for i, s := range audit.Statuses {
		x := marginL + float64(i)*w
		n := d.rep.Summary.Count(s)
		c := statusColor[s]
		if n == 0 {
			c = lightGrey
		}
		d.fill(c)
		f.Rect(x+1, y, w-2, 1.6, "F")
		d.text(ink)
		if n == 0 {
			d.text(grey)
		}
		d.font("B", 16)
		f.SetXY(x, y+2.5)
		f.CellFormat(w, 8, fmt.Sprint(n), "", 0, "C", false, 0, "")
		size := 7.0
		for d.font("", size); f.GetStringWidth(d.t(s)) > w-1 && size > 5; size -= 0.25 {
			d.font("", size-0.25)
		}
		f.SetXY(x, y+10.5)
		f.CellFormat(w, 4, fit(f, d.t(s), w-1), "", 0, "C", false, 0, "")
	}
	f.SetY(y + 16)
}

// toFix lists what fails, then what warns, on the cover; when the list does
// not fit, it ends with how many more there are.
func (d *doc) toFix() {
	f := d.f
	var fails, warns, manual, unchecked []audit.Result
	for _, g := range GroupByArea(d.rep, d.cat, d.lang) {
		for _, res := range g.Results {
			switch res.Status {
			case audit.Fail:
				fails = append(fails, res)
			case audit.Error:
				// Could not be checked: not the member's failure, but
				// never a pass either, so listed on its own.
				unchecked = append(unchecked, res)
			case audit.Warn:
				warns = append(warns, res)
			case audit.Manual:
				manual = append(manual, res)
			}
		}
	}
	d.text(ink)
	if len(fails)+len(warns)+len(unchecked) == 0 {
		d.font("B", 12)
		f.CellFormat(contentW, 7, d.t("Nothing to fix."), "", 1, "L", false, 0, "")
		f.Ln(2)
	}
	limit := pageH - marginB - 8
	// The widest ID sets the title column.
	d.font("B", 9)
	idW := 0.0
	for _, res := range append(append(append(fails, unchecked...), warns...), manual...) {
		idW = max(idW, f.GetStringWidth(res.ID)+3)
	}
	list := func(title string, items []audit.Result) bool {
		if len(items) == 0 {
			return true
		}
		if f.GetY()+14 > limit {
			return false
		}
		d.font("B", 12)
		d.text(ink)
		f.CellFormat(contentW, 7, fmt.Sprintf("%s (%d)", title, len(items)), "", 1, "L", false, 0, "")
		for i, res := range items {
			if f.GetY()+6 > limit {
				d.font("", 9)
				d.text(grey)
				f.CellFormat(contentW, 5, d.t("… and %d more: see the areas below", len(items)-i), "", 1, "L", false, 0, "")
				return false
			}
			y := f.GetY()
			d.badge(marginL, y+0.6, res.Status, 3.8)
			d.font("B", 9)
			d.text(ink)
			f.SetXY(textX, y)
			f.CellFormat(idW, 5, res.ID, "", 0, "L", false, 0, "")
			d.font("", 9)
			f.CellFormat(textW-idW, 5, fit(f, res.Title, textW-idW), "", 1, "L", false, 0, "")
		}
		f.Ln(2)
		return true
	}
	// What needs a reviewer's judgement comes last: it is the operator's
	// list rather than the member's.
	_ = list(d.t("To fix"), fails) && list(d.t("Could not be checked"), unchecked) && list(d.t("Warnings"), warns) && list(d.t("Needs manual review"), manual)
}

// badge draws a status label in its colour.
func (d *doc) badge(x, y float64, status string, h float64) {
	f := d.f
	d.fill(statusColor[status])
	f.RoundedRect(x, y, badgeW, h, 1, "1234", "F")
	d.text(white)
	// Shrink rather than cut: "KUNDE INTE KONTROLLERAS" must read whole.
	label := strings.ToUpper(d.t(status))
	size := 6.5
	for d.font("B", size); f.GetStringWidth(label) > badgeW-1 && size > 4.5; size -= 0.25 {
		d.font("B", size-0.25)
	}
	f.SetXY(x, y)
	f.CellFormat(badgeW, h, fit(f, label, badgeW-1), "", 0, "C", false, 0, "")
}

// summary: counts per area as stacked bars, in catalogue order.
func (d *doc) summary() {
	f := d.f
	d.heading(d.t("Summary"))
	d.font("", 9)
	d.text(grey)
	f.MultiCell(contentW, 4.5, d.t("Results by area. The JSON result and the answers file are attached to this PDF; the MPASSid operator verifies the signature with mpassaudit verify."), "", "L", false)
	f.Ln(3)
	nameW, countW := 68.0, 26.0
	barW := contentW - nameW - countW - 4
	for _, g := range GroupByArea(d.rep, d.cat, d.lang) {
		if f.GetY()+9 > pageH-marginB {
			f.AddPage()
		}
		y := f.GetY()
		d.font("", 9)
		d.text(ink)
		f.SetXY(marginL, y)
		f.CellFormat(nameW, 6, fit(f, g.Name, nameW-1), "", 0, "L", false, 0, "")
		counts := map[string]int{}
		for _, res := range g.Results {
			counts[res.Status]++
		}
		x := marginL + nameW
		total := float64(len(g.Results))
		for _, s := range audit.Statuses {
			if counts[s] == 0 {
				continue
			}
			w := barW * float64(counts[s]) / total
			d.fill(statusColor[s])
			f.Rect(x, y+1, w, 4, "F")
			if w >= 5 {
				d.font("B", 6.5)
				d.text(white)
				f.SetXY(x, y+1)
				f.CellFormat(w, 4, fmt.Sprint(counts[s]), "", 0, "C", false, 0, "")
			}
			x += w
		}
		d.font("", 8)
		d.text(ink)
		f.SetXY(marginL+nameW+barW+4, y)
		// Requirements that do not apply are not counted: "0/12 pass" for
		// the SAML area of an OIDC service reads as twelve failures.
		count := d.t(audit.NotApplicable)
		if judged := len(g.Results) - counts[audit.NotApplicable]; judged > 0 {
			count = d.t("%d/%d pass", counts[audit.Pass], judged)
		}
		f.CellFormat(countW, 6, count, "", 1, "R", false, 0, "")
		f.Ln(1.5)
	}
	// Legend.
	f.Ln(2)
	x := marginL
	for _, s := range audit.Statuses {
		label := d.t(s)
		d.font("", 7.5)
		w := f.GetStringWidth(label) + 8
		if x+w > pageW-marginR {
			x = marginL
			f.Ln(5)
		}
		y := f.GetY()
		d.fill(statusColor[s])
		f.Rect(x, y+1, 3, 3, "F")
		d.text(ink)
		f.SetXY(x+4, y)
		f.CellFormat(w-4, 5, label, "", 0, "L", false, 0, "")
		x += w
	}
	f.Ln(9)
}

func (d *doc) heading(s string) {
	f := d.f
	d.text(navy)
	d.font("B", 15)
	f.CellFormat(contentW, 9, s, "", 1, "L", false, 0, "")
	d.draw(navy)
	f.SetLineWidth(0.5)
	f.Line(marginL, f.GetY(), pageW-marginR, f.GetY())
	f.Ln(3)
}

// area draws one area's heading and its requirements.
func (d *doc) area(g AreaGroup) {
	f := d.f
	blocks := make([]block, len(g.Results))
	for i, res := range g.Results {
		blocks[i] = d.layout(res)
	}
	// Keep the heading with the first requirement.
	if f.GetY()+12+blocks[0].height > pageH-marginB {
		f.AddPage()
	}
	y := f.GetY()
	d.fill(lightGrey)
	f.Rect(marginL, y, contentW, 9, "F")
	d.text(navy)
	d.font("B", 12)
	f.SetXY(marginL+2, y)
	counts := map[string]int{}
	for _, res := range g.Results {
		counts[res.Status]++
	}
	var parts []string
	for _, s := range audit.Statuses {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", d.t(s), counts[s]))
		}
	}
	right := strings.Join(parts, " · ")
	d.font("", 8)
	rw := f.GetStringWidth(right) + 2
	d.font("B", 12)
	f.CellFormat(contentW-rw-4, 9, fit(f, g.Name, contentW-rw-4), "", 0, "L", false, 0, "")
	d.font("", 8)
	d.text(grey)
	f.CellFormat(rw, 9, right, "", 1, "R", false, 0, "")
	f.Ln(2)
	for i, b := range blocks {
		d.requirement(g.Results[i], b)
	}
	f.Ln(3)
}

// block is a requirement's text, split into lines, and its height.
type block struct {
	title, message, evidence, remediation []string
	height                                float64
}

const (
	titleLH = 4.6
	msgLH   = 4.2
	evLH    = 3.7
	remLH   = 4.2
)

func (d *doc) layout(res audit.Result) block {
	f := d.f
	var b block
	d.font("B", 9.5)
	b.title = f.SplitText(res.ID+"  "+res.Title, textW-24)
	d.font("", 9)
	if res.Message != "" {
		b.message = f.SplitText(res.Message, textW)
	}
	d.font("", 7.5)
	for _, e := range res.Evidence {
		b.evidence = append(b.evidence, f.SplitText(d.evidence(e), textW)...)
	}
	if res.Remediation != "" && res.Status != audit.Waived && res.Status != audit.Pass {
		d.font("", 9)
		b.remediation = f.SplitText(d.t("Remediation")+": "+res.Remediation, textW-4)
	} else if c := ToCheck(d.cat, res, d.lang); c != "" {
		d.font("", 9)
		b.remediation = f.SplitText(c, textW-4)
	}
	b.height = float64(len(b.title))*titleLH + float64(len(b.message))*msgLH + float64(len(b.evidence))*evLH + 4
	if len(b.remediation) > 0 {
		b.height += float64(len(b.remediation))*remLH + 3
	}
	return b
}

func (d *doc) requirement(res audit.Result, b block) {
	f := d.f
	if f.GetY()+b.height > pageH-marginB && b.height < pageH-marginT-marginB {
		f.AddPage()
	}
	y := f.GetY()
	d.badge(marginL, y+0.4, res.Status, 4.2)
	d.font("", 7)
	d.text(grey)
	f.SetXY(pageW-marginR-24, y)
	f.CellFormat(24, titleLH, d.t(res.Severity), "", 0, "R", false, 0, "")
	d.font("B", 9.5)
	d.text(ink)
	for i, l := range b.title {
		f.SetXY(textX, y+float64(i)*titleLH)
		f.CellFormat(textW-24, titleLH, l, "", 0, "L", false, 0, "")
	}
	f.SetY(y + float64(len(b.title))*titleLH)
	d.font("", 9)
	for _, l := range b.message {
		f.SetX(textX)
		f.CellFormat(textW, msgLH, l, "", 1, "L", false, 0, "")
	}
	d.font("", 7.5)
	d.text(grey)
	for _, l := range b.evidence {
		f.SetX(textX)
		f.CellFormat(textW, evLH, l, "", 1, "L", false, 0, "")
	}
	if len(b.remediation) > 0 {
		f.Ln(1)
		ry := f.GetY()
		h := float64(len(b.remediation))*remLH + 1.5
		d.fill(statusTint[res.Status])
		if _, ok := statusTint[res.Status]; !ok {
			d.fill(lightGrey)
		}
		f.Rect(textX, ry, textW, h, "F")
		d.fill(statusColor[res.Status])
		f.Rect(textX, ry, 0.9, h, "F")
		d.font("", 9)
		d.text(ink)
		f.SetY(ry + 0.75)
		for _, l := range b.remediation {
			f.SetX(textX + 3)
			f.CellFormat(textW-4, remLH, l, "", 1, "L", false, 0, "")
		}
		f.SetY(ry + h)
	}
	f.Ln(2.5)
	d.draw(lightGrey)
	f.SetLineWidth(0.2)
	f.Line(textX, f.GetY()-1.2, pageW-marginR, f.GetY()-1.2)
}

// evidence formats one evidence entry on one logical line.
func (d *doc) evidence(e audit.Evidence) string {
	kind, _ := e["kind"].(string)
	switch kind {
	case "answer":
		return fmt.Sprintf("%s · %v = %s", d.t("Answer"), e["path"], d.value(e["value"]))
	case "probe":
		parts := []string{d.t("Probe")}
		for _, k := range []string{"probe", "target"} {
			if s, _ := e[k].(string); s != "" {
				parts = append(parts, s)
			}
		}
		if s, _ := e["fetched_at"].(string); s != "" {
			parts = append(parts, d.t("fetched %s", s))
		}
		if s, _ := e["sha256"].(string); len(s) >= 16 {
			parts = append(parts, "sha256 "+s[:16]+"…")
		}
		return strings.Join(append(parts, extra(e, "kind", "probe", "target", "fetched_at", "sha256")...), " · ")
	}
	return strings.Join(append([]string{kind}, extra(e, "kind")...), " · ")
}

// extra formats the keys of e not already shown, in name order.
func extra(e audit.Evidence, shown ...string) []string {
	var keys []string
	for k := range e {
		skip := false
		for _, s := range shown {
			skip = skip || k == s
		}
		if !skip {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + " " + compact(e[k])
	}
	return out
}

// value formats an answer: yes/no in the reader's language, lists joined,
// long texts cut.
func (d *doc) value(v any) string {
	switch x := v.(type) {
	case bool:
		if x {
			return d.t("Yes")
		}
		return d.t("No")
	case string:
		return cut(x, 240)
	case []any:
		parts := make([]string, len(x))
		for i, y := range x {
			parts[i] = d.value(y)
		}
		return cut(strings.Join(parts, ", "), 240)
	}
	return compact(v)
}

func compact(v any) string {
	if s, ok := v.(string); ok {
		return cut(s, 120)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return cut(string(b), 120)
}

func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// fit shortens s with an ellipsis until it fits width w in the current font.
func fit(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
