// Package sample reads a sample export of pseudonymous test users — what a
// user registry releases to MPASSid — so the catalogue (EP-REG-03..09) can
// check it attribute by attribute. It parses faithfully and judges nothing:
//
//   - CSV with a header row: one raw string per column, `;`-separated
//     multi-values kept as the registry sends them. The separator is `,`
//     (or a tab); a header separated by `;` is refused, since `;` separates
//     values inside a field.
//   - JSON: an array of objects; a string is one raw value, a number or
//     boolean its JSON text, an array one value per element, null absent.
//   - A SAML response (or a bare Assertion) captured in the test
//     environment: one string per AttributeValue, keyed by attribute Name.
//
// Row numbers are as a person counts them in the file: a CSV row is the
// file line where the record starts (the header is line 1, so the first
// data row is row 2, as in a spreadsheet); a JSON row is the object's
// 1-based position in the array; a SAML row is the assertion's 1-based
// position in the document.
package sample

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/crewjam/saml"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// Kind is the probe name used in answers fields and results.
const Kind = "sample"

// Formats of a sample.
const (
	CSV          = "csv"
	JSON         = "json"
	SAMLResponse = "saml-response"
)

// MaxRows bounds the rows read; a sample of test users is small.
const MaxRows = 100000

// Row is one user of the sample.
type Row struct {
	Row    int                 `json:"row"`
	Fields map[string][]string `json:"fields"`
}

// Result is one sample's result. Columns, Unrecognised and Expected were
// added after Format and Rows: the catalogue reads them when present and
// derives the columns from the rows of an older result.
type Result struct {
	base.Meta
	Format string `json:"format"`
	Rows   []Row  `json:"rows"`
	// Columns are the column (attribute) names found, in the order they
	// first appear: the CSV header, then JSON keys and SAML attribute
	// names by row.
	Columns []string `json:"columns"`
	// Unrecognised are the columns that are none of the names expected of
	// the format, each with the closest expected name. The catalogue
	// decides what they mean (an Entra ID mapping names its own columns).
	Unrecognised []Unknown `json:"unrecognised"`
	// Expected lists the columns expected per registry type (Expected()).
	Expected map[string][]string `json:"expected"`
}

// Probe reads a sample file. It never returns an error: a probe that fails
// has Status "error" and the reason.
func Probe(ctx context.Context, file string, now time.Time) *Result {
	r := &Result{Meta: base.NewMeta(Kind, file, now), Rows: []Row{}, Columns: []string{}, Unrecognised: []Unknown{}, Expected: Expected()}
	// A regular file only, within the size cap and the probe's deadline:
	// a FIFO or a device must not hang the audit.
	data, err := safefile.Read(ctx, file, base.MaxBody, 0)
	if err != nil {
		r.Fail(fmt.Errorf("cannot read the sample file: %w", err))
		return r
	}
	r.Hash(data)
	format, header, rows, err := parse(filepath.Base(file), data)
	r.Format = format
	if err != nil {
		r.Fail(fmt.Errorf("%s: %w", file, err))
		return r
	}
	r.Rows = rows
	r.Columns, r.Unrecognised = Columns(format, header, rows)
	return r
}

// Parse detects the format (by extension, else by content) and reads rows.
func Parse(name string, data []byte) (string, []Row, error) {
	format, _, rows, err := parse(name, data)
	return format, rows, err
}

// parse is Parse that also returns a CSV file's header row.
func parse(name string, data []byte) (format string, header []string, rows []Row, err error) {
	data = base.StripBOM(data)
	format = Detect(name, data)
	switch format {
	case CSV:
		header, rows, err = parseCSV(data)
	case JSON:
		rows, err = ParseJSON(data)
	default:
		rows, err = ParseSAML(data)
	}
	return format, header, rows, err
}

// Detect names the format of a sample: .csv, .json and .xml decide; other
// names are sniffed from the first non-blank byte.
func Detect(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".txt":
		return CSV
	case ".json":
		return JSON
	case ".xml":
		return SAMLResponse
	}
	t := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(t, []byte("<")):
		return SAMLResponse
	case bytes.HasPrefix(t, []byte("[")), bytes.HasPrefix(t, []byte("{")):
		return JSON
	}
	return CSV
}

// ParseCSV reads a CSV export with a header row.
func ParseCSV(data []byte) ([]Row, error) {
	_, rows, err := parseCSV(data)
	return rows, err
}

func parseCSV(data []byte) ([]string, []Row, error) {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	rd := csv.NewReader(bytes.NewReader(data))
	rd.FieldsPerRecord = 0 // every row has as many fields as the header
	switch {
	case bytes.Contains(first, []byte(",")):
	case bytes.Contains(first, []byte("\t")):
		rd.Comma = '\t'
	case bytes.Contains(first, []byte(";")):
		return nil, nil, errors.New("line 1: the header row is separated by ';' — export with ',' between columns, because ';' separates multiple values inside a field")
	}
	header, err := rd.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errors.New("the CSV file is empty: it needs a header row naming the attributes, then one row per test user")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("CSV header: %v", err)
	}
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			return nil, nil, fmt.Errorf("line 1, column %d: empty column name in the header row", i+1)
		}
		if seen[h] {
			return nil, nil, fmt.Errorf("line 1: column %q appears twice in the header row", h)
		}
		seen[h] = true
		header[i] = h
	}
	rows := []Row{}
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("CSV: %v", err)
		}
		line, _ := rd.FieldPos(0)
		if len(rows) >= MaxRows {
			return nil, nil, fmt.Errorf("more than %d rows; a sample of test users is enough", MaxRows)
		}
		row := Row{Row: line, Fields: map[string][]string{}}
		for i, v := range rec {
			row.Fields[header[i]] = []string{v}
		}
		rows = append(rows, row)
	}
	return header, rows, nil
}

// ParseJSON reads a JSON export: an array of objects.
func ParseJSON(data []byte) ([]Row, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var items []json.RawMessage
	if err := d.Decode(&items); err != nil {
		return nil, fmt.Errorf("the JSON sample must be an array of objects, one per test user: %v", err)
	}
	if len(items) > MaxRows {
		return nil, fmt.Errorf("more than %d rows; a sample of test users is enough", MaxRows)
	}
	rows := make([]Row, 0, len(items))
	for i, raw := range items {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
			return nil, fmt.Errorf("row %d: not a JSON object", i+1)
		}
		row := Row{Row: i + 1, Fields: map[string][]string{}}
		for k, v := range obj {
			vals, ok, err := jsonValues(v)
			if err != nil {
				return nil, fmt.Errorf("row %d, field %q: %v", i+1, k, err)
			}
			if ok {
				row.Fields[k] = vals
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// jsonValues turns one JSON value into raw strings; ok is false for null.
func jsonValues(v json.RawMessage) ([]string, bool, error) {
	t := bytes.TrimSpace(v)
	switch {
	case bytes.Equal(t, []byte("null")):
		return nil, false, nil
	case bytes.HasPrefix(t, []byte(`"`)):
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return nil, false, err
		}
		return []string{s}, true, nil
	case bytes.HasPrefix(t, []byte("[")):
		var arr []json.RawMessage
		if err := json.Unmarshal(t, &arr); err != nil {
			return nil, false, err
		}
		out := []string{}
		for _, e := range arr {
			vs, ok, err := jsonValues(e)
			if err != nil {
				return nil, false, err
			}
			if bytes.HasPrefix(bytes.TrimSpace(e), []byte("[")) {
				return nil, false, errors.New("a list inside a list; give each value as a string")
			}
			if ok {
				out = append(out, vs...)
			}
		}
		return out, true, nil
	case bytes.HasPrefix(t, []byte("{")):
		return nil, false, errors.New("an object; give the value as a string (multiple values as a list or ';'-separated)")
	}
	return []string{string(t)}, true, nil // number or boolean, as written
}

// ParseSAML reads the attribute statements of a SAML response, or of a
// bare Assertion. Encrypted assertions cannot be read without the SP's key.
func ParseSAML(data []byte) ([]Row, error) {
	if err := base.CheckXML(data); err != nil {
		return nil, err
	}
	d := base.NewXMLDecoder(bytes.NewReader(data))
	rows := []Row{}
	encrypted := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Space != "urn:oasis:names:tc:SAML:2.0:assertion" {
			continue
		}
		switch se.Name.Local {
		case "EncryptedAssertion":
			encrypted++
			if err := d.Skip(); err != nil {
				return nil, err
			}
		case "Assertion":
			line, _ := d.InputPos()
			var a assertion
			if err := d.DecodeElement(&a, &se); err != nil {
				return nil, fmt.Errorf("line %d: cannot read the Assertion: %v", line, err)
			}
			row := Row{Row: len(rows) + 1, Fields: map[string][]string{}}
			for _, st := range a.Statements {
				for _, at := range st.Attributes {
					name := strings.TrimSpace(at.Name)
					vals := row.Fields[name]
					if vals == nil {
						vals = []string{}
					}
					for _, v := range at.Values {
						if v.NameID != nil { // eduPersonTargetedID carries a NameID
							vals = append(vals, strings.TrimSpace(v.NameID.Value))
							continue
						}
						vals = append(vals, strings.TrimSpace(v.Value))
					}
					row.Fields[name] = vals
				}
			}
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		if encrypted > 0 {
			return nil, fmt.Errorf("the document has %d EncryptedAssertion and no plain Assertion: capture the response decrypted (e.g. from the service's SAML tracer or debug log) so the attributes can be read", encrypted)
		}
		return nil, errors.New("no SAML 2.0 Assertion found: give a samlp:Response or saml:Assertion captured in the test environment")
	}
	return rows, nil
}

// assertion reads only the attribute statements; crewjam/saml's
// Attribute type decodes each Attribute and its AttributeValues.
type assertion struct {
	Statements []struct {
		Attributes []saml.Attribute `xml:"urn:oasis:names:tc:SAML:2.0:assertion Attribute"`
	} `xml:"urn:oasis:names:tc:SAML:2.0:assertion AttributeStatement"`
}
