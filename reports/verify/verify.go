// Package verify checks a signed PDF report the way the operator needs to
// trust it without redoing the audit: every signature is valid and trusted,
// nothing was changed after signing, the embedded JSON result is the report
// the pages show, and the embedded answers judged again against the
// catalogue version named give the same results. With Reprobe it runs the
// probes now and lists the drift of the live configuration.
package verify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
)

// Options say what to trust and what to check.
type Options struct {
	// Trust are the members' certificates (or their CAs'): the member's
	// signature, the first, is judged against them only.
	Trust []*x509.Certificate
	// Operators are the operator's certificates (or its CA's): every
	// decision signature and every embedded waiver is judged against them
	// only, so that a trusted member cannot act as the operator.
	Operators []*x509.Certificate
	// Reprobe runs the probes now and reports drift (needs Prober).
	Reprobe bool
	Prober  audit.Prober
	// CatalogFS is the catalogue to judge against (nil: the embedded one).
	CatalogFS fs.FS
	// CatalogArchive is a directory of signed catalogue bundles (the
	// operator's published versions): a report judged against another
	// version than CatalogFS is re-evaluated with the bundle of that
	// version and digest, verified against CatalogTrust.
	CatalogArchive string
	CatalogTrust   []*x509.Certificate
	// Lang is the language of the re-evaluation when the report has none.
	Lang string
	// Now is the time of the verification (zero: the clock's).
	Now time.Time
	// TSATrust are the time-stamping authorities' certificates (or their
	// CAs'): a signature's timestamp counts only when one of them signed it.
	TSATrust []*x509.Certificate
	// Revoked are the revoked certificates (revoked.txt in the trust
	// directories): what they signed after their revocation is refused.
	Revoked []Revocation
	// SkipTrust judges no signer (of the report, of a decision or of a
	// waiver) against Trust or Operators: only the file's integrity and the
	// signatures' values are checked.
	SkipTrust bool
}

// Signature is one signature of a report.
type Signature struct {
	Role         string    `json:"role"` // "member" | "operator"
	Signer       string    `json:"signer"`
	Organisation string    `json:"organisation"`
	Fingerprint  string    `json:"fingerprint"`           // SHA-256 of the certificate
	BusinessID   string    `json:"business_id,omitempty"` // named by the certificate's subject
	Trusted      bool      `json:"trusted"`
	Valid        bool      `json:"valid"`
	SignedAt     time.Time `json:"signed_at"`
	Reason       string    `json:"reason"`
	// Timestamp is the signature's RFC 3161 timestamp, if it has one.
	Timestamp *Timestamp `json:"timestamp,omitempty"`

	cert  *x509.Certificate
	chain []*x509.Certificate
	tsErr string // why the timestamp token was refused
}

// Outcome is what verification found.
type Outcome struct {
	Name            string        `json:"file"`
	OK              bool          `json:"ok"`
	Problems        []string      `json:"problems"`
	Notes           []string      `json:"notes,omitempty"`
	ReportID        string        `json:"report_id,omitempty"`
	Signatures      []Signature   `json:"signatures"`
	Report          *audit.Report `json:"-"`
	ReportJSON      []byte        `json:"-"`
	Answers         []byte        `json:"-"`
	Probes          []byte        `json:"-"`
	Waivers         []byte        `json:"-"` // the embedded waivers.json, if any
	Differences     []string      `json:"differences,omitempty"`
	Drift           []string      `json:"drift,omitempty"`
	Decision        string        `json:"decision,omitempty"`
	DecisionComment string        `json:"decision_comment,omitempty"`
	// DecisionOverride is why the operator approved a report that does
	// not meet the requirements (signed with the decision).
	DecisionOverride string         `json:"decision_override,omitempty"`
	Summary          *audit.Summary `json:"summary,omitempty"`
	Verdict          string         `json:"verdict,omitempty"`

	tl      string           // the language of the problems and notes
	base    int64            // where the report before the member's signature ends
	answers *answers.Answers // the embedded answers, parsed
	waivers *waiver.Set      // the embedded waivers that a trusted operator signed
}

func (o *Outcome) note(format string, args ...any) {
	o.Notes = append(o.Notes, fmt.Sprintf(i18n.Raw(o.tl, format), args...))
}

func (o *Outcome) problem(format string, args ...any) {
	o.Problems = append(o.Problems, fmt.Sprintf(i18n.Raw(o.tl, format), args...))
}

func (o *Outcome) problems(ps []problem) {
	for _, p := range ps {
		o.problem(p.format, p.args...)
	}
}

// t translates a phrase that becomes part of a problem.
func (o *Outcome) t(format string, args ...any) string {
	return fmt.Sprintf(i18n.Raw(o.tl, format), args...)
}

// File verifies the report at path.
func File(ctx context.Context, path string, opts Options) (*Outcome, error) {
	data, err := safefile.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the report: %w", err)
	}
	return Bytes(ctx, path, data, opts)
}

// Bytes verifies a report held in memory; name is used in messages. The
// error is only for input that is not a PDF report at all.
func Bytes(ctx context.Context, name string, pdf []byte, opts Options) (*Outcome, error) {
	head := pdf[:min(len(pdf), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) && !reByteRange.Match(pdf) {
		return nil, fmt.Errorf("%s is not a PDF file (no %%PDF- header and no signature)", name)
	}
	o := &Outcome{Name: name, Problems: []string{}, Signatures: []Signature{}, tl: opts.Lang}
	// One certificate trusted both as a member and as the operator would let
	// that member decide on reports and waive its own requirements.
	for _, m := range opts.Trust {
		for _, op := range opts.Operators {
			if m.Equal(op) {
				o.problem("certificate %s (%s) is both in --trust and in --operators: a member's certificate must not be trusted as the operator's; keep the operator's certificates in their own directory", keys.Fingerprint(m), m.Subject.String())
			}
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		o.problem("the file does not start with the PDF header %%PDF-: its first bytes were changed")
	}

	// 1. Signatures, and that together they sign every byte of the file.
	dicts, problems := findSignatures(pdf)
	o.Problems = append(o.Problems, problems...)
	if len(dicts) == 0 {
		o.problem("the report is not signed: it has no PDF signature (sign it with mpassaudit audit --pdf … --sign-key … --sign-cert …)")
	}
	for i, d := range dicts {
		var sig Signature
		// The first signature is the member's; every later one is a
		// decision, which only the operator may sign.
		j := judge{certs: opts.Trust, skip: opts.SkipTrust, operator: i > 0, members: opts.Trust, tsa: opts.TSATrust}
		if j.operator {
			j.certs = opts.Operators
		}
		o.problems(checkSignature(pdf, d, j, &sig))
		decision, comment, p := roleOf(&sig, i)
		if p != "" {
			o.Problems = append(o.Problems, p)
		}
		if sig.Role == "operator" {
			o.Decision, o.DecisionComment = decision, comment
			o.DecisionOverride = signing.ParseOverride(sig.Reason)
			// The member cannot approve its own report: a decision must
			// come from another certificate than the report's signature.
			if len(o.Signatures) > 0 && o.Signatures[0].Role == "member" && sig.Fingerprint != "" && sig.Fingerprint == o.Signatures[0].Fingerprint {
				o.problem("signature %d (%s) records the decision %q with the member's own certificate (SHA-256 %s): only the operator decides on a report; the member cannot approve it", i+1, sig.Signer, decision, sig.Fingerprint)
			}
		}
		o.Signatures = append(o.Signatures, sig)
	}
	if len(dicts) > 0 {
		o.problems(checkCoverage(pdf, dicts))
		// The parsed document, as a viewer shows it: its signature
		// fields are the signatures found, and every update adds only
		// what a signature adds.
		final, err := parseRevision(pdf)
		if err != nil {
			o.problem("the PDF's structure cannot be read (%v): the file is damaged", err)
		} else {
			o.problems(checkForm(final, dicts))
			base, ps := checkRevisions(pdf, final, dicts, o.t)
			o.base = base
			o.problems(ps)
		}
	}

	// 2. The embedded files and what the PDF says about them.
	c, err := readContent(pdf)
	if err != nil {
		o.problem("the PDF's structure cannot be read (%v): the file is damaged", err)
		return o.finish(), nil
	}
	o.checkContent(c, dicts)
	var generated time.Time
	if o.Report != nil {
		if t, err := time.Parse(time.RFC3339, o.Report.GeneratedAt); err == nil {
			generated = t
		}
	}
	for i := range o.Signatures {
		o.judgeTime(i, &o.Signatures[i], opts, generated)
	}
	if o.Report == nil {
		return o.finish(), nil
	}
	o.checkSigner()
	o.checkWaivers(opts)

	// 3. Judge the embedded answers again; render the embedded JSON again.
	o.reevaluate(ctx, c, pdf, dicts, opts)

	// 4. The live configuration now.
	if opts.Reprobe {
		o.reprobe(ctx, opts)
	}
	return o.finish(), nil
}

func (o *Outcome) finish() *Outcome {
	o.OK = len(o.Problems) == 0
	if o.Report != nil {
		s := o.Report.Summary
		o.Summary, o.Verdict = &s, o.Report.Verdict
	}
	return o
}

// checkContent checks the embedded JSON and answers against the PDF's own
// record of them (its keywords) and against the member's signature.
func (o *Outcome) checkContent(c *content, dicts []*sigDict) {
	meta, err := reports.ParseMeta(c.keywords)
	if err != nil {
		o.problem("%v", err)
	}
	js, ok := c.files[reports.AttachmentJSON]
	if !ok {
		o.problem("the PDF has no embedded %s: the JSON result was removed", reports.AttachmentJSON)
		return
	}
	ans, ok := c.files[reports.AttachmentAnswers]
	if !ok {
		o.problem("the PDF has no embedded %s: the answers file was removed", reports.AttachmentAnswers)
	}
	o.ReportJSON, o.Answers, o.Probes, o.Waivers = js, ans, c.files[reports.AttachmentProbes], c.files[reports.AttachmentWaivers]
	id := reports.ReportID(js)
	o.ReportID = id
	if meta.ReportID != "" && meta.ReportID != id {
		o.problem("the embedded %s is not the report this PDF shows: its SHA-256 is %s, the PDF names report %s", reports.AttachmentJSON, id, meta.ReportID)
	}
	if sum := sha256.Sum256(ans); meta.AnswersSHA256 != "" && ans != nil && hex.EncodeToString(sum[:]) != meta.AnswersSHA256 {
		o.problem("the embedded %s is not the answers file this report was made from: its SHA-256 is %s, the PDF names %s", reports.AttachmentAnswers, hex.EncodeToString(sum[:]), meta.AnswersSHA256)
	}
	if len(o.Signatures) > 0 && o.Signatures[0].Role == "member" {
		if want := memberReportID(o.Signatures[0].Reason); want != "" && want != id {
			o.problem("the member signed report %s, but the embedded %s is report %s", want, reports.AttachmentJSON, id)
		}
	}
	var rep audit.Report
	if err := json.Unmarshal(js, &rep); err != nil {
		o.problem("the embedded %s is not a JSON result: %v", reports.AttachmentJSON, err)
		return
	}
	if rep.Schema != audit.Schema {
		o.problem("the embedded %s has schema %q, not %q", reports.AttachmentJSON, rep.Schema, audit.Schema)
		return
	}
	if meta.CatalogDigest != "" && meta.CatalogDigest != rep.Catalog.Digest {
		o.problem("the PDF names catalogue digest %s but the embedded JSON result names %s", meta.CatalogDigest, rep.Catalog.Digest)
	}
	o.Report = &rep
}

func memberReportID(reason string) string {
	f := bytes.Fields([]byte(reason))
	if len(f) == 0 {
		return ""
	}
	return string(f[len(f)-1])
}
