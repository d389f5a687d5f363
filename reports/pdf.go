package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/reports/fonts"
)

// Names of the files embedded in a PDF report.
const (
	AttachmentJSON    = "report.json"
	AttachmentAnswers = "answers.toml"
	// AttachmentProbes holds the probe results the report was judged on
	// (input.probes; {} without probes), so that verification can evaluate
	// the answers again with exactly the same input.
	AttachmentProbes = "probes.json"
	// AttachmentWaivers holds the operator-signed waiver files the audit
	// applied, as a JSON array of the files, so that verification checks
	// each waived result's waiver itself. Absent when none was applied.
	AttachmentWaivers = "waivers.json"
)

// MetaPrefix starts the PDF's Keywords entry, which carries the report id,
// the catalogue digest and the answers' digest for verification.
const MetaPrefix = "mpassaudit/report/v1"

// PDFOptions are the inputs of a PDF report besides the report itself.
type PDFOptions struct {
	// Lang of the tool's own words; empty: the report's language.
	Lang string
	// Catalog gives the areas' names and order (nil: area ids in result order).
	Catalog *catalog.Catalog
	// Answers is the answers file exactly as read, embedded beside the JSON.
	Answers []byte
	// Probes is the JSON of the probe results the audit used (nil: none).
	Probes []byte
	// Waivers is the JSON array of the waiver files the audit applied
	// (nil: none, and no attachment).
	Waivers []byte
}

// ReportJSON is the JSON result as embedded in a PDF report: the same bytes
// as `--format json` writes for one report.
func ReportJSON(rep *audit.Report) ([]byte, error) {
	var buf bytes.Buffer
	if err := (JSON{}).Output(&buf, []*audit.Report{rep}); err != nil {
		return nil, fmt.Errorf("encoding the JSON result: %w", err)
	}
	return buf.Bytes(), nil
}

// ReportID is a report's stable id: the SHA-256 (hex) of its JSON result.
func ReportID(reportJSON []byte) string {
	sum := sha256.Sum256(reportJSON)
	return hex.EncodeToString(sum[:])
}

// Meta is what a PDF report's Keywords entry records.
type Meta struct {
	ReportID      string // SHA-256 of the embedded JSON result
	CatalogDigest string
	AnswersSHA256 string // SHA-256 of the embedded answers file
}

// String formats the Keywords entry.
func (m Meta) String() string {
	return fmt.Sprintf("%s report-id=%s catalog=%s answers-sha256=%s", MetaPrefix, m.ReportID, m.CatalogDigest, m.AnswersSHA256)
}

// ParseMeta reads a Keywords entry written by Meta.String.
func ParseMeta(s string) (Meta, error) {
	f := strings.Fields(s)
	if len(f) == 0 || f[0] != MetaPrefix {
		return Meta{}, fmt.Errorf("the PDF's keywords do not start with %q: it was not made by mpassaudit", MetaPrefix)
	}
	var m Meta
	for _, kv := range f[1:] {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "report-id":
			m.ReportID = v
		case "catalog":
			m.CatalogDigest = v
		case "answers-sha256":
			m.AnswersSHA256 = v
		}
	}
	if m.ReportID == "" || m.CatalogDigest == "" || m.AnswersSHA256 == "" {
		return m, fmt.Errorf("the PDF's keywords lack report-id, catalog or answers-sha256: %q", s)
	}
	return m, nil
}

// PDF renders a report as an unsigned PDF with its JSON result and answers
// file attached. The output depends only on the report's JSON, the answers,
// the language and the catalogue's areas, so verification can render the
// embedded JSON again and compare the bytes.
func PDF(rep *audit.Report, opts PDFOptions) ([]byte, error) {
	js, err := ReportJSON(rep)
	if err != nil {
		return nil, err
	}
	return PDFFromJSON(js, opts)
}

// PDFFromJSON renders the PDF of a JSON result (as ReportJSON makes it).
// Pages are drawn from the decoded JSON, never from an in-memory report, so
// that the pages show exactly what is embedded.
func PDFFromJSON(reportJSON []byte, opts PDFOptions) ([]byte, error) {
	var rep audit.Report
	if err := json.Unmarshal(reportJSON, &rep); err != nil {
		return nil, fmt.Errorf("the JSON result: %w", err)
	}
	if rep.Schema != audit.Schema {
		return nil, fmt.Errorf("the JSON result has schema %q, not %q", rep.Schema, audit.Schema)
	}
	lang := opts.Lang
	if lang == "" {
		lang = rep.Lang
	}
	if !i18n.Valid(lang) {
		lang = "en"
	}
	ts, err := time.Parse(time.RFC3339, rep.GeneratedAt)
	if err != nil {
		return nil, fmt.Errorf("the report's generated_at %q is not an RFC 3339 time", rep.GeneratedAt)
	}
	probes := opts.Probes
	if len(probes) == 0 {
		probes = []byte("{}\n")
	}
	ansSum := sha256.Sum256(opts.Answers)
	meta := Meta{ReportID: ReportID(reportJSON), CatalogDigest: rep.Catalog.Digest, AnswersSHA256: hex.EncodeToString(ansSum[:])}

	f := fpdf.New("P", "mm", "A4", "")
	// Fixed dates and sorted resources: the same report gives the same bytes.
	f.SetCreationDate(ts.UTC())
	f.SetModificationDate(ts.UTC())
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(fontFamily, "", fonts.Sans)
	f.AddUTF8FontFromBytes(fontFamily, "B", fonts.SansBold)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("loading the embedded fonts: %w", err)
	}
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	f.SetTitle(t("MPASSid self-audit")+" — "+rep.Member.Name, true)
	f.SetAuthor(rep.Member.Name, true)
	f.SetSubject(t("Report id")+" "+meta.ReportID, true)
	f.SetKeywords(meta.String(), false)
	f.SetCreator(rep.Tool.Name+" "+rep.Tool.Version, true)
	f.SetProducer(rep.Tool.Name+" "+rep.Tool.Version+" (go-pdf/fpdf)", true)
	f.SetLang(lang)
	attachments := []fpdf.Attachment{
		{Content: reportJSON, Filename: AttachmentJSON, Description: t("JSON result")},
		{Content: opts.Answers, Filename: AttachmentAnswers, Description: t("Answers file")},
		{Content: probes, Filename: AttachmentProbes, Description: t("Probe results")},
	}
	if len(opts.Waivers) > 0 {
		attachments = append(attachments, fpdf.Attachment{Content: opts.Waivers, Filename: AttachmentWaivers, Description: t("Waiver")})
	}
	f.SetAttachments(attachments)

	d := &doc{f: f, rep: &rep, lang: lang, cat: opts.Catalog, id: meta.ReportID, t: t}
	d.render()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("rendering the PDF: %w", err)
	}
	if buf.Len() == 0 {
		return nil, errors.New("rendering the PDF: empty output")
	}
	return buf.Bytes(), nil
}
