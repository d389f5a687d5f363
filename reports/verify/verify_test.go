package verify_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/policies"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// fixture is a member-signed report, its approval, and the parties' keys.
type fixture struct {
	audit              signingtest.Audit
	member, operator   *keys.Pair
	attacker           *keys.Pair
	other              *keys.Pair // another member, trusted as a member
	signed, approved   []byte
	trust, operators   []*x509.Certificate
	unsigned           []byte
	opts               reports.PDFOptions
	approvalComment    string
	approvalDecision   string
	memberOrganisation string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{
		audit:              signingtest.Full(t, "fi"),
		member:             signingtest.Pair(t, "Esimerkkikunta – Sivistystoimi"),
		operator:           signingtest.Pair(t, "Opetushallitus"),
		attacker:           signingtest.Pair(t, "Esimerkkikunta – Sivistystoimi"),
		other:              signingtest.Pair(t, "Naapurikunta"),
		approvalDecision:   signing.ChangesRequested,
		approvalComment:    "Korjatkaa EP-SEC-04 (ylläpito-oikeudet) ennen tuotantoa.",
		memberOrganisation: "Esimerkkikunta – Sivistystoimi",
	}
	f.opts = reports.PDFOptions{Catalog: signingtest.Engine(t).Catalog, Answers: f.audit.Answers.Source}
	var err error
	if f.unsigned, err = reports.PDF(f.audit.Report, f.opts); err != nil {
		t.Fatal(err)
	}
	if f.signed, err = signing.RenderAndSign(f.audit.Report, f.opts, f.member, signingtest.Now); err != nil {
		t.Fatal(err)
	}
	if f.approved, err = signing.Approve(f.signed, f.operator, f.approvalDecision, f.approvalComment, signingtest.Now.Add(72*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Members and the operator are trusted apart, as --trust and --operators.
	f.trust = []*x509.Certificate{f.member.Cert, f.other.Cert}
	f.operators = []*x509.Certificate{f.operator.Cert}
	return f
}

// verifyOpts trusts the fixture's members and its operator.
func (f *fixture) verifyOpts() verify.Options {
	return verify.Options{Trust: f.trust, Operators: f.operators}
}

func check(t *testing.T, pdf []byte, opts verify.Options) *verify.Outcome {
	t.Helper()
	o, err := verify.Bytes(context.Background(), "report.pdf", pdf, opts)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return o
}

// pdfsig runs poppler's pdfsig and returns its output.
func pdfsig(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig (poppler-utils) is not installed; .ci/run installs it")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", file).CombinedOutput()
	return string(out)
}

func TestValidReports(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name       string
		pdf        []byte
		signatures int
		decision   string
	}{
		{"member-signed", f.signed, 1, ""},
		{"approved by the operator", f.approved, 2, f.approvalDecision},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := check(t, c.pdf, f.verifyOpts())
			if !o.OK {
				t.Fatalf("verify failed: %q", o.Problems)
			}
			if len(o.Signatures) != c.signatures {
				t.Fatalf("%d signatures, want %d", len(o.Signatures), c.signatures)
			}
			m := o.Signatures[0]
			if m.Role != signing.RoleMember || !m.Valid || !m.Trusted || m.Organisation != f.memberOrganisation || m.Fingerprint != keys.Fingerprint(f.member.Cert) {
				t.Errorf("member signature = %+v", m)
			}
			if c.signatures == 2 {
				op := o.Signatures[1]
				if op.Role != signing.RoleOperator || !op.Valid || !op.Trusted || op.Organisation != "Opetushallitus" {
					t.Errorf("operator signature = %+v", op)
				}
			}
			if o.Decision != c.decision {
				t.Errorf("decision = %q, want %q", o.Decision, c.decision)
			}
			if c.decision != "" && o.DecisionComment != f.approvalComment {
				t.Errorf("comment = %q, want %q", o.DecisionComment, f.approvalComment)
			}
			if o.Report == nil || o.Report.Member.Name != f.audit.Report.Member.Name || len(o.Differences) > 0 {
				t.Errorf("report %v, differences %q", o.Report != nil, o.Differences)
			}
			if !bytes.Equal(o.Answers, f.audit.Answers.Source) {
				t.Error("the embedded answers differ from the answers file")
			}
			// pdfsig agrees: every signature valid, the last one over the whole file.
			out := pdfsig(t, c.pdf)
			if n := strings.Count(out, "Signature is Valid."); n != c.signatures {
				t.Errorf("pdfsig: %d valid signatures, want %d:\n%s", n, c.signatures, out)
			}
			if !strings.Contains(out, "Total document signed") {
				t.Errorf("pdfsig: the last signature does not cover the whole file:\n%s", out)
			}
		})
	}
}

// TestPagesRender draws the signed and approved reports with pdftoppm.
func TestPagesRender(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed; .ci/run installs it")
	}
	f := newFixture(t)
	for name, pdf := range map[string][]byte{"signed": f.signed, "approved": f.approved} {
		dir := t.TempDir()
		file := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftoppm", "-png", "-r", "60", file, filepath.Join(dir, "page")).CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Fatalf("%s: pdftoppm: %v\n%s", name, err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
		if len(pages) < 3 {
			t.Errorf("%s: %d pages drawn", name, len(pages))
		}
	}
}

// flip changes one byte of a copy of b at i.
func flip(b []byte, i int) []byte {
	out := append([]byte{}, b...)
	out[i] ^= 0x01
	if out[i] == b[i] {
		out[i]++
	}
	return out
}

// streamAfter is the offset of the first stream data after marker.
func streamAfter(t *testing.T, pdf []byte, marker string) int {
	t.Helper()
	i := bytes.Index(pdf, []byte(marker))
	if i < 0 {
		t.Fatalf("no %q in the PDF", marker)
	}
	j := bytes.Index(pdf[i:], []byte("stream\n"))
	if j < 0 {
		t.Fatalf("no stream after %q", marker)
	}
	return i + j + len("stream\n")
}

func TestTampering(t *testing.T) {
	f := newFixture(t)
	br := regexp.MustCompile(`/ByteRange \[0 (\d+) (\d+) (\d+)\]`).FindSubmatch(f.signed)
	sigStart, _ := strconv.Atoi(string(br[1]))
	contentStream := streamAfter(t, f.signed, "/Filter /FlateDecode /Length") + 20
	attachment := streamAfter(t, f.signed, "/Type /EmbeddedFile") + 10

	swapped := swappedJSON(t, f)
	forgedUnsigned := appendUpdate(t, f.signed, swapped)
	attackerSigned, err := signing.RenderAndSign(tamperedReport(t, f), f.opts, f.attacker, signingtest.Now)
	if err != nil {
		t.Fatal(err)
	}
	untrustedMember, err := signing.Sign(f.unsigned, f.attacker, reports.ReportID(mustJSON(t, f.audit.Report)), signingtest.Now)
	if err != nil {
		t.Fatal(err)
	}
	untrustedApproval, err := signing.Approve(f.signed, f.attacker, signing.Approved, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	otherMemberApproval, err := signing.Approve(f.signed, f.other, signing.Approved, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	pageChangedThenApproved, err := signing.Approve(appendPage(t, f.signed), f.operator, signing.Approved, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	selfApproved, err := signing.Approve(f.signed, f.member, signing.Approved, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		pdf  []byte
		want []string // each must appear in some problem
	}{
		{"flipped byte in the header", flip(f.signed, 2), []string{"does not start with the PDF header", "signed bytes were changed after signing"}},
		{"flipped byte in the PDF version", flip(f.signed, 7), []string{"signed bytes were changed after signing"}},
		{"flipped byte in page content", flip(f.signed, contentStream), []string{"signed bytes were changed after signing"}},
		{"flipped byte in an embedded attachment", flip(f.signed, attachment), []string{"signed bytes were changed after signing"}},
		{"flipped byte in the signature value", flipHex(f.signed, sigStart+41), []string{"signature 1"}},
		{"flipped byte in the byte range", flipDigit(f.signed, bytes.Index(f.signed, br[0])+len("/ByteRange [0 ")), []string{"signature 1"}},
		{"flipped byte in the trailer", flip(f.signed, len(f.signed)-12), []string{"signed bytes were changed after signing"}},
		{"truncated", f.signed[:len(f.signed)-100], []string{"truncated"}},
		{"truncated in the signature", f.signed[:sigStart+100], []string{"truncated"}},
		{"appended data", append(append([]byte{}, f.signed...), "\n% appended\n"...), []string{"12 bytes were appended after the last signature"}},
		{"swapped JSON, unsigned update", forgedUnsigned, []string{"appended after the last signature", "is not the report this PDF shows"}},
		{"swapped JSON, re-signed by an attacker", attackerSigned, []string{"signer is not trusted: certificate SHA-256 " + keys.Fingerprint(f.attacker.Cert), "different result"}},
		{"signed by a key not in --trust", untrustedMember, []string{"signature 1", "not trusted", keys.Fingerprint(f.attacker.Cert)}},
		{"approval by a key not in --operators", untrustedApproval, []string{"signature 2", "not a trusted operator", keys.Fingerprint(f.attacker.Cert), "give the operator's certificate in --operators"}},
		{"approval by another trusted member", otherMemberApproval, []string{"signature 2 (Naapurikunta", "not a trusted operator", keys.Fingerprint(f.other.Cert), "it is a member's certificate"}},
		{"approved by the member itself", selfApproved, []string{"signature 2", "the member's own certificate", "the member cannot approve it"}},
		{"page added before the approval", pageChangedThenApproved, []string{"the update after signature 1 adds object"}},
		{"not signed", f.unsigned, []string{"not signed"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := check(t, c.pdf, f.verifyOpts())
			if o.OK {
				t.Fatal("verify accepted a tampered report")
			}
			all := strings.Join(o.Problems, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("no problem says %q; problems:\n%s", w, all)
				}
			}
		})
	}
}

// flipHex changes one hex digit of the signature value at i.
func flipHex(b []byte, i int) []byte {
	out := append([]byte{}, b...)
	if out[i] == 'a' {
		out[i] = 'b'
	} else {
		out[i] = 'a'
	}
	return out
}

func flipDigit(b []byte, i int) []byte {
	out := append([]byte{}, b...)
	out[i] = '0' + (out[i]-'0'+1)%10
	return out
}

func mustJSON(t *testing.T, rep *audit.Report) []byte {
	t.Helper()
	js, err := reports.ReportJSON(rep)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// tamperedReport is the fixture's report made to look better: every
// failure, warning and manual review turned into a pass, as a member hiding
// its findings would.
func tamperedReport(t *testing.T, f *fixture) *audit.Report {
	t.Helper()
	var rep audit.Report
	if err := json.Unmarshal(mustJSON(t, f.audit.Report), &rep); err != nil {
		t.Fatal(err)
	}
	changed := false
	for i := range rep.Results {
		if s := rep.Results[i].Status; s != audit.Pass && s != audit.NotApplicable {
			rep.Results[i].Status = audit.Pass
			rep.Results[i].Remediation = ""
			changed = true
		}
	}
	if !changed {
		t.Fatal("the fixture's report has nothing to hide: every result passes")
	}
	rep.Finish()
	return &rep
}

func swappedJSON(t *testing.T, f *fixture) []byte { return mustJSON(t, tamperedReport(t, f)) }

var (
	reStartxref = regexp.MustCompile(`startxref\s+(\d+)`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
)

// appendUpdate appends an unsigned incremental update that replaces the
// embedded report.json with js, as someone editing the file with a PDF tool
// would.
func appendUpdate(t *testing.T, pdf, js []byte) []byte {
	t.Helper()
	sx := reStartxref.FindAllSubmatch(pdf, -1)
	prev := string(sx[len(sx)-1][1])
	sizes := reSize.FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	names := regexp.MustCompile(`\(Attachement2\) (\d+) 0 R \(Attachement3\) (\d+) 0 R`).FindSubmatch(pdf)
	if names == nil {
		t.Fatal("no attachment names in the PDF")
	}
	out := append([]byte{}, pdf...)
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, len(out))
		out = append(out, fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n+len(offsets)-1, body)...)
	}
	out = append(out, '\n')
	obj(fmt.Sprintf("<< /Type /EmbeddedFile /Length %d >>\nstream\n%s\nendstream", len(js), js))
	obj(fmt.Sprintf("<< /Type /Filespec /F () /UF (%s) /EF << /F %d 0 R >> >>", reports.AttachmentJSON, n))
	obj(fmt.Sprintf("<< /Type /Catalog /Pages 1 0 R /Names << /EmbeddedFiles << /Names [(Attachement1) %d 0 R (Attachement2) %s 0 R (Attachement3) %s 0 R] >> >> >>", n+1, names[1], names[2]))
	xref := len(out)
	out = append(out, fmt.Sprintf("xref\n%d %d\n", n, len(offsets))...)
	for _, off := range offsets {
		out = append(out, fmt.Sprintf("%010d 00000 n \n", off)...)
	}
	info := regexp.MustCompile(`/Info (\d+ 0 R)`).FindSubmatch(pdf)
	out = append(out, fmt.Sprintf("trailer\n<< /Size %d /Root %d 0 R /Info %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", n+len(offsets), n+2, info[1], prev, xref)...)
	return out
}

// appendPage appends an unsigned update that adds a content stream, before
// a further signature is added on top of it.
func appendPage(t *testing.T, pdf []byte) []byte {
	t.Helper()
	sx := reStartxref.FindAllSubmatch(pdf, -1)
	prev := string(sx[len(sx)-1][1])
	sizes := reSize.FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	root := regexp.MustCompile(`/Root (\d+ 0 R)`).FindAllSubmatch(pdf, -1)
	info := regexp.MustCompile(`/Info (\d+ 0 R)`).FindSubmatch(pdf)
	out := append([]byte{}, pdf...)
	out = append(out, '\n')
	off := len(out)
	body := "BT /F1 24 Tf 100 700 Td (HYVAKSYTTY) Tj ET"
	out = append(out, fmt.Sprintf("%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", n, len(body), body)...)
	xref := len(out)
	out = append(out, fmt.Sprintf("xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s /Info %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", n, off, n+1, root[len(root)-1][1], info[1], prev, xref)...)
	return out
}

func TestCatalogueMismatch(t *testing.T) {
	f := newFixture(t)
	changed := fstest.MapFS{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if p == "main.rego" {
			b = append(b, "\n# a later catalogue\n"...)
		}
		changed[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	o := check(t, f.signed, verify.Options{Trust: f.trust, Operators: f.operators, CatalogFS: changed})
	if o.OK {
		t.Fatal("verify accepted a report judged against another catalogue")
	}
	all := strings.Join(o.Problems, "\n")
	if !strings.Contains(all, f.audit.Report.Catalog.Digest) || !strings.Contains(all, "but the catalogue at hand is") {
		t.Errorf("the problem does not name both catalogues:\n%s", all)
	}
}

type emptyProber struct{}

func (emptyProber) Probe(context.Context, *answers.Answers, string) map[string]any {
	return map[string]any{}
}

func TestReprobe(t *testing.T) {
	f := newFixture(t)
	o := check(t, f.signed, verify.Options{Trust: f.trust, Operators: f.operators, Reprobe: true})
	if o.OK || !strings.Contains(strings.Join(o.Problems, "\n"), "no prober is available") {
		t.Errorf("reprobe without a prober: ok=%v %q", o.OK, o.Problems)
	}
	// The fixture was judged without probes: probing nothing now drifts nothing.
	o = check(t, f.signed, verify.Options{Trust: f.trust, Operators: f.operators, Reprobe: true, Prober: emptyProber{}})
	if !o.OK || len(o.Drift) > 0 {
		t.Errorf("reprobe with no live change: ok=%v problems %q drift %q", o.OK, o.Problems, o.Drift)
	}
}

func TestNotAPDF(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("hello"), []byte("[member]\nname = \"x\"\n")} {
		if _, err := verify.Bytes(context.Background(), "x", in, verify.Options{}); err == nil || !strings.Contains(err.Error(), "not a PDF") {
			t.Errorf("verify(%q) = %v, want a not-a-PDF error", in, err)
		}
	}
}

func BenchmarkRenderAndSign(b *testing.B) {
	f := newFixture(b)
	var size int
	b.ResetTimer()
	for b.Loop() {
		out, err := signing.RenderAndSign(f.audit.Report, f.opts, f.member, signingtest.Now)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

func BenchmarkVerify(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	if o, _ := verify.Bytes(ctx, "r.pdf", f.approved, f.verifyOpts()); !o.OK {
		b.Fatalf("%q", o.Problems)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := verify.Bytes(ctx, "r.pdf", f.approved, f.verifyOpts()); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFlippedBytesEverywhere flips one byte at evenly spaced positions of
// the approved report, signature values included: every change must fail.
func TestFlippedBytesEverywhere(t *testing.T) {
	f := newFixture(t)
	const samples = 40
	for k := range samples {
		i := k * (len(f.approved) - 1) / (samples - 1)
		o := check(t, flip(f.approved, i), f.verifyOpts())
		if o.OK {
			t.Errorf("a flipped byte at %d of %d (%q) was not noticed", i, len(f.approved), f.approved[max(0, i-10):min(len(f.approved), i+10)])
		} else if len(o.Problems) == 0 {
			t.Errorf("byte %d: not OK but no reason given", i)
		}
	}
	// Inside the zero padding of both signature values.
	for _, m := range regexp.MustCompile(`0{200}>`).FindAllIndex(f.approved, -1) {
		o := check(t, flipHex(f.approved, m[0]+50), f.verifyOpts())
		if o.OK || !strings.Contains(strings.Join(o.Problems, "\n"), "is not padding") {
			t.Errorf("a changed padding byte at %d: ok=%v %q", m[0]+50, o.OK, o.Problems)
		}
	}
}

// TestFlippedSignatureValue: a changed hex digit anywhere in the member's
// CMS signature value is noticed — also in the parts pkcs7 itself ignores
// (versions, the digest algorithm list, the content type, lengths that a
// lenient BER reader would repair). Every digit of the structural head is
// flipped, and every ninth digit after it.
func TestFlippedSignatureValue(t *testing.T) {
	f := newFixture(t)
	m := regexp.MustCompile(`/Contents\s*<([0-9a-fA-F]+)>`).FindSubmatchIndex(f.signed)
	start := m[2]
	cms := bytes.TrimRight(f.signed[m[2]:m[3]], "0")
	for i := 0; i < len(cms); i++ {
		if i >= 128 && i%9 != 0 {
			continue
		}
		o := check(t, flipHex(f.signed, start+i), verify.Options{Trust: f.trust, Operators: f.operators})
		if o.OK {
			t.Errorf("a changed hex digit %d of the CMS signature (%q) was not noticed", i, cms[max(0, i-8):min(len(cms), i+8)])
		}
	}
}
