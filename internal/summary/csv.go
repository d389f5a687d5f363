package summary

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
)

// CSVDialect is how the heat map is written as CSV.
type CSVDialect string

const (
	// CSVExcel is what Finnish and Swedish Excel open with a double click:
	// UTF-8 with a byte order mark, ';' between fields (their list
	// separator, as the decimal comma takes ','), CRLF, and the values in
	// the language as the XLSX has them (27.11.2026, kunnossa, Kyllä).
	CSVExcel CSVDialect = "excel"
	// CSVRFC4180 is for machines: RFC 4180 (',' and CRLF, no byte order
	// mark) with the values as keys (2026-11-27, pass, true), whatever the
	// language of the header.
	CSVRFC4180 CSVDialect = "rfc4180"
)

// CSVDialects names the dialects, the default first.
var CSVDialects = []string{string(CSVExcel), string(CSVRFC4180)}

// ParseCSVDialect checks a --csv-dialect value ("" is the default).
func ParseCSVDialect(s string) (CSVDialect, error) {
	switch CSVDialect(s) {
	case "", CSVExcel:
		return CSVExcel, nil
	case CSVRFC4180:
		return CSVRFC4180, nil
	}
	return "", fmt.Errorf("unknown CSV dialect %q: use %s", s, strings.Join(CSVDialects, " or "))
}

// utf8BOM makes Excel read the file as UTF-8 rather than the Windows code
// page, which turns ä and ö into mojibake.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// WriteCSV writes the heat map in the default dialect (CSVExcel).
func (d *Data) WriteCSV(w io.Writer) error { return d.WriteCSVDialect(w, CSVExcel) }

// WriteCSVDialect writes the heat map as CSV: a header row in the language
// and one row per member.
func (d *Data) WriteCSVDialect(w io.Writer, dialect CSVDialect) error {
	fm := newFormat(d.Lang)
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	excel := dialect != CSVRFC4180
	if excel {
		buf.Write(utf8BOM)
		cw.Comma = ';'
	}
	rows := [][]string{d.heatHeader(fm)}
	for _, m := range d.Members {
		var row []string
		if excel {
			row = []string{m.Name, m.BusinessID, fm.date(m.Last), fm.t(m.Environment), fm.verdict(m.Verdict),
				fm.date(m.Due), yesNo(fm, m.Overdue)}
			for _, s := range m.Areas {
				row = append(row, fm.state(s))
			}
			row = append(row, strings.Join(m.Failing, ", "))
		} else {
			row = []string{m.Name, m.BusinessID, m.Last.Format(time.DateOnly), m.Environment, m.Verdict,
				m.Due.Format(time.DateOnly), fmt.Sprint(m.Overdue)}
			for _, s := range m.Areas {
				row = append(row, s.Key())
			}
			row = append(row, strings.Join(m.Failing, " "))
		}
		rows = append(rows, row)
	}
	for _, row := range rows {
		if excel {
			for i, v := range row {
				row[i] = noFormula(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// noFormula keeps Excel from running a cell as a formula: a member's name
// comes from a signed report, but a name starting with = is still text.
func noFormula(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
