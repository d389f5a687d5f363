package summary

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Sheet names (at most 31 characters, as Excel allows).
func (fm format) sheets() (heat, reqs, top, overdue, trend string) {
	return fm.t("Members and areas"), fm.t("Requirements"), fm.t("Most failing"), fm.t("Overdue"), fm.t("Trend")
}

// heatHeader is the header row of the heat map (XLSX sheet and CSV).
func (d *Data) heatHeader(fm format) []string {
	h := []string{fm.t("Member"), fm.t("Business ID"), fm.t("Last audit"), fm.t("Environment"), fm.t("Verdict"),
		fm.t("Re-audit due"), fm.t("overdue")}
	for _, a := range d.Areas {
		h = append(h, a.Name)
	}
	return append(h, fm.t("Failing requirements"))
}

func yesNo(fm format, b bool) string {
	if b {
		return fm.t("Yes")
	}
	return fm.t("No")
}

// WriteXLSX writes the summary as a workbook: the heat map with conditional
// colours, pass rates per requirement, the most failing requirements,
// overdue members and the trend by quarter.
func (d *Data) WriteXLSX(w io.Writer) error {
	fm := newFormat(d.Lang)
	var firstErr error
	check := func(what string, err error) {
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("writing the XLSX: %s: %w", what, err)
		}
	}
	x := excelize.NewFile()
	defer x.Close()
	heat, reqs, top, overdue, trend := fm.sheets()
	check("SetSheetName", x.SetSheetName("Sheet1", heat))
	for _, s := range []string{reqs, top, overdue, trend} {
		_, err := x.NewSheet(s)
		check("NewSheet", err)
	}
	dateFmt := "yyyy-mm-dd"
	if d.Lang == "fi" || d.Lang == "sv" {
		dateFmt = "d.m.yyyy"
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"#EEEEEE"}, Pattern: 1}})
	check("NewStyle", err)
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	check("NewStyle", err)
	pctStyle, err := x.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	check("NewStyle", err)
	cond := func(fill, font string) (*int, error) {
		id, err := x.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: font, Bold: true},
			Fill: excelize.Fill{Type: "pattern", Color: []string{fill}, Pattern: 1}})
		return &id, err
	}
	red, err := cond("#C62828", "#FFFFFF")
	check("NewConditionalStyle", err)
	amber, err := cond("#F9A825", "#212121")
	check("NewConditionalStyle", err)
	green, err := cond("#2E7D32", "#FFFFFF")
	check("NewConditionalStyle", err)
	greyS, err := cond("#E0E0E0", "#757575")
	check("NewConditionalStyle", err)
	blue, err := cond("#BBDEFB", "#0D47A1")
	check("NewConditionalStyle", err)
	quoted := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	colour := func(sheet, ref string, words map[string]*int) error {
		var opts []excelize.ConditionalFormatOptions
		for word, style := range words {
			opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Value: quoted(word), Format: style})
		}
		return x.SetConditionalFormat(sheet, ref, opts)
	}
	header := func(sheet string, cols []string) error {
		check("SetSheetRow", x.SetSheetRow(sheet, "A1", &cols))
		last, _ := excelize.CoordinatesToCellName(len(cols), 1)
		check("SetCellStyle", x.SetCellStyle(sheet, "A1", last, bold))
		return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	cell := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return c
	}

	// Heat map.
	hh := d.heatHeader(fm)
	check("header", header(heat, hh))
	for i, m := range d.Members {
		r := i + 2
		row := []any{m.Name, m.BusinessID, m.Last, fm.t(m.Environment), fm.verdict(m.Verdict), m.Due, yesNo(fm, m.Overdue)}
		for _, s := range m.Areas {
			row = append(row, fm.state(s))
		}
		row = append(row, strings.Join(m.Failing, ", "))
		check("SetSheetRow", x.SetSheetRow(heat, cell(1, r), &row))
	}
	n := len(d.Members) + 1
	if n > 1 {
		check("SetCellStyle", x.SetCellStyle(heat, cell(3, 2), cell(3, n), dateStyle))
		check("SetCellStyle", x.SetCellStyle(heat, cell(6, 2), cell(6, n), dateStyle))
		check("colour", colour(heat, cell(5, 2)+":"+cell(5, n), map[string]*int{fm.t("PASS"): green, fm.t("FAIL"): red}))
		check("colour", colour(heat, cell(7, 2)+":"+cell(7, n), map[string]*int{fm.t("Yes"): amber}))
		if len(d.Areas) > 0 {
			check("colour", colour(heat, cell(8, 2)+":"+cell(7+len(d.Areas), n), map[string]*int{
				fm.state(Fails): red, fm.state(Warnings): amber, fm.state(AllPass): green, fm.state(ManualOnly): blue, fm.state(NoData): greyS,
			}))
		}
		check("AutoFilter", x.AutoFilter(heat, "A1:"+cell(len(hh), n), nil))
	}
	check("SetColWidth", x.SetColWidth(heat, "A", "A", 34))
	check("SetColWidth", x.SetColWidth(heat, "B", "G", 14))
	if len(d.Areas) > 0 {
		a, _ := excelize.ColumnNumberToName(8)
		b, _ := excelize.ColumnNumberToName(7 + len(d.Areas))
		check("SetColWidth", x.SetColWidth(heat, a, b, 16))
	}

	// Requirements.
	areaName := map[string]string{}
	for _, a := range d.Areas {
		areaName[a.ID] = a.Name
	}
	reqRow := func(sheet string, r int, q Requirement) error {
		// No judged result: an empty rate, not 0 %.
		var rate any
		if q.Judged > 0 {
			rate = q.Rate()
		}
		row := []any{q.ID, q.Title, areaName[q.Area], q.Judged, q.Pass, q.Fail, q.Warn, rate}
		return x.SetSheetRow(sheet, cell(1, r), &row)
	}
	reqCols := []string{fm.t("Requirement"), fm.t("Title"), fm.t("Area"), fm.t("Judged"), fm.t("pass"), fm.t("fail"),
		fm.t("warnings or waivers"), fm.t("Pass rate")}
	for _, s := range []struct {
		sheet string
		list  []Requirement
	}{{reqs, d.Requirements}, {top, d.TopFailing(20)}} {
		check("header", header(s.sheet, reqCols))
		for i, q := range s.list {
			check("reqRow", reqRow(s.sheet, i+2, q))
		}
		if len(s.list) > 0 {
			ref := cell(8, 2) + ":" + cell(8, len(s.list)+1)
			check("SetCellStyle", x.SetCellStyle(s.sheet, cell(8, 2), cell(8, len(s.list)+1), pctStyle))
			check("SetConditionalFormat", x.SetConditionalFormat(s.sheet, ref, []excelize.ConditionalFormatOptions{{Type: "3_color_scale", Criteria: "=",
				MinType: "num", MinValue: "0.5", MinColor: "#C62828", MidType: "num", MidValue: "0.9", MidColor: "#F9A825",
				MaxType: "num", MaxValue: "1", MaxColor: "#2E7D32"}}))
		}
		check("SetColWidth", x.SetColWidth(s.sheet, "B", "B", 60))
		check("SetColWidth", x.SetColWidth(s.sheet, "C", "C", 28))
	}

	// Overdue members.
	check("header", header(overdue, []string{fm.t("Member"), fm.t("Business ID"), fm.t("Last audit"), fm.t("Re-audit due"), fm.t("Days overdue")}))
	od := d.Overdue()
	for i, m := range od {
		row := []any{m.Name, m.BusinessID, m.Last, m.Due, int(d.Now.Sub(m.Due).Hours() / 24)}
		check("SetSheetRow", x.SetSheetRow(overdue, cell(1, i+2), &row))
	}
	if len(od) > 0 {
		check("SetCellStyle", x.SetCellStyle(overdue, "C2", cell(4, len(od)+1), dateStyle))
	}
	check("SetColWidth", x.SetColWidth(overdue, "A", "A", 34))
	check("SetColWidth", x.SetColWidth(overdue, "B", "E", 16))

	// Trend.
	check("header", header(trend, []string{fm.t("Quarter"), fm.t("Audits"), fm.t("PASS"), fm.t("FAIL"), fm.t("Pass rate")}))
	for i, q := range d.Quarters {
		row := []any{q.Label(), q.Audits, q.PassVerdicts, q.FailVerdicts, q.Rate()}
		check("SetSheetRow", x.SetSheetRow(trend, cell(1, i+2), &row))
	}
	if len(d.Quarters) > 0 {
		check("SetCellStyle", x.SetCellStyle(trend, "E2", cell(5, len(d.Quarters)+1), pctStyle))
	}
	check("SetDocProps", x.SetDocProps(&excelize.DocProperties{Title: fm.t("MPASSid steering group summary"), Language: d.Lang,
		Created: d.Now.UTC().Format(time.RFC3339), Creator: "mpassaudit"}))
	x.SetActiveSheet(0)
	if firstErr != nil {
		return firstErr
	}
	if _, err := x.WriteTo(w); err != nil {
		return fmt.Errorf("writing the XLSX: %w", err)
	}
	return nil
}
