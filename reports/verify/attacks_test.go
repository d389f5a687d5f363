package verify_test

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
)

// The attacks of the PDF-signature literature (Mainka et al., "Shadow
// Attacks", NDSS 2021; "1 Trillion Dollar Refund", CCS 2019): incremental
// saving (ISA), signature wrapping (SWA), universal signature forgery
// (USF), and shadow hide, replace and hide-and-replace, each built against
// a real signed report as a hostile member would.

// structure is what the attacks need to know of a report's objects.
type structure struct {
	root, pages, page1, contents1 int
	catalog                       types.Dict
	page                          types.Dict
}

func parseStructure(t *testing.T, pdf []byte) structure {
	t.Helper()
	model.ConfigPath = "disable"
	ctx, err := pdfcpu.Read(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := ctx.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	s := structure{root: ctx.Root.ObjectNumber.Value(), catalog: cat}
	pr := cat["Pages"].(types.IndirectRef)
	s.pages = pr.ObjectNumber.Value()
	pages, _ := ctx.DereferenceDict(pr)
	kid := pages["Kids"].(types.Array)[0].(types.IndirectRef)
	s.page1 = kid.ObjectNumber.Value()
	s.page, _ = ctx.DereferenceDict(kid)
	switch c := s.page["Contents"].(type) {
	case types.IndirectRef:
		s.contents1 = c.ObjectNumber.Value()
	case types.Array:
		s.contents1 = c[0].(types.IndirectRef).ObjectNumber.Value()
	}
	return s
}

// update appends an incremental update with objs (number → body); root and
// info replace the trailer's when not empty.
func update(t *testing.T, pdf []byte, objs map[int]string, root string) []byte {
	t.Helper()
	sx := reStartxref.FindAllSubmatch(pdf, -1)
	prev := string(sx[len(sx)-1][1])
	sizes := reSize.FindAllSubmatch(pdf, -1)
	size, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	if root == "" {
		rs := regexp.MustCompile(`/Root (\d+ 0 R)`).FindAllSubmatch(pdf, -1)
		root = string(rs[len(rs)-1][1])
	}
	info := regexp.MustCompile(`/Info (\d+ 0 R)`).FindSubmatch(pdf)
	nums := make([]int, 0, len(objs))
	for n := range objs {
		nums = append(nums, n)
		size = max(size, n+1)
	}
	sort.Ints(nums)
	out := append([]byte{}, pdf...)
	out = append(out, '\n')
	offsets := map[int]int{}
	for _, n := range nums {
		offsets[n] = len(out)
		out = append(out, fmt.Sprintf("%d 0 obj\n%s\nendobj\n", n, objs[n])...)
	}
	xref := len(out)
	out = append(out, "xref\n"...)
	for _, n := range nums {
		out = append(out, fmt.Sprintf("%d 1\n%010d 00000 n \n", n, offsets[n])...)
	}
	out = append(out, fmt.Sprintf("trailer\n<< /Size %d /Root %s /Info %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", size, root, info[1], prev, xref)...)
	return out
}

func nextObject(pdf []byte) int {
	sizes := reSize.FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	return n
}

func stream(body string, dict string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(body), body)
}

// catalogWith is the report's catalogue with one entry replaced.
func catalogWith(s structure, key, value string) string {
	d := types.Dict{}
	for k, v := range s.catalog {
		d[k] = v
	}
	delete(d, key)
	return strings.TrimSuffix(d.PDFString(), ">>") + fmt.Sprintf("/%s %s>>", key, value)
}

const fakeVerdict = "BT /F9 36 Tf 60 700 Td (VERDICT: PASS) Tj ET"

// shadowObjects are a new page tree with one page reading VERDICT: PASS,
// a new font and a new catalogue: the hide-and-replace shadow attack. With
// dummy, every new object also carries the dummy /Type /Sig entries that
// fooled the byte-pattern check.
func shadowObjects(s structure, n int, dummy bool) (map[int]string, int) {
	tag := ""
	if dummy {
		tag = " /Shadow (/Type /Sig) /Note [/Type /Sig]"
	}
	font, content, page, pages, cat := n, n+1, n+2, n+3, n+4
	return map[int]string{
		font:    fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica%s >>", tag),
		content: stream(fakeVerdict, strings.TrimSpace(tag)),
		page:    fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F9 %d 0 R >> >> /Contents %d 0 R%s >>", pages, font, content, tag),
		pages:   fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>", page, tag),
		cat:     strings.TrimSuffix(catalogWith(s, "Pages", fmt.Sprintf("%d 0 R", pages)), ">>") + tag + ">>",
	}, cat
}

// attack is one attacked file and what verify must say about it.
type attack struct {
	name string
	pdf  func(t *testing.T, f *fixture) []byte
	want []string // each must appear in the problems
}

func TestAttacks(t *testing.T) {
	f := newFixture(t)
	sign := func(t *testing.T, pdf []byte) []byte {
		t.Helper()
		out, err := signing.Sign(pdf, f.member, reportIDOf(t, f.signed), signingtest.Now)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	approve := func(t *testing.T, pdf []byte) []byte {
		t.Helper()
		out, err := signing.Approve(pdf, f.operator, signing.Approved, "", signingtest.Now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	attacks := []attack{
		{
			name: "shadow hide-and-replace in the member's signature update, with dummy /Type /Sig entries",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.unsigned)
				objs, cat := shadowObjects(s, nextObject(f.unsigned), true)
				return sign(t, update(t, f.unsigned, objs, fmt.Sprintf("%d 0 R", cat)))
			},
			want: []string{"the member's signature update", "changes the document catalogue's /Pages"},
		},
		{
			name: "shadow hide-and-replace without dummy entries",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.unsigned)
				objs, cat := shadowObjects(s, nextObject(f.unsigned), false)
				return sign(t, update(t, f.unsigned, objs, fmt.Sprintf("%d 0 R", cat)))
			},
			want: []string{"changes the document catalogue's /Pages", "adds object"},
		},
		{
			name: "shadow hide-and-replace before the operator's approval",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.signed)
				objs, cat := shadowObjects(s, nextObject(f.signed), true)
				return approve(t, update(t, f.signed, objs, fmt.Sprintf("%d 0 R", cat)))
			},
			want: []string{"the update after signature 1", "changes the document catalogue's /Pages"},
		},
		{
			name: "shadow hide: an opaque annotation over the cover, added in the member's update",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.unsigned)
				n := nextObject(f.unsigned)
				page := types.Dict{}
				for k, v := range s.page {
					page[k] = v
				}
				page["Annots"] = types.Array{*types.NewIndirectRef(n, 0)}
				return sign(t, update(t, f.unsigned, map[int]string{
					n:       fmt.Sprintf("<< /Type /Annot /Subtype /Square /Rect [0 0 595 842] /IC [1 1 1] /C [1 1 1] /P %d 0 R /Shadow (/Type /Sig) >>", s.page1),
					s.page1: page.PDFString(),
				}, ""))
			},
			want: []string{fmt.Sprintf("adds annotation"), "which is not the widget of a new signature"},
		},
		{
			name: "shadow hide: the member's own signature with a visible widget over the cover",
			pdf: func(t *testing.T, f *fixture) []byte {
				return visibleMemberSignature(t, f.unsigned, f.member, reportIDOf(t, f.signed))
			},
			want: []string{"adds a visible widget", "for the member's own signature"},
		},
		{
			name: "shadow replace: the cover's content stream replaced in the member's update",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.unsigned)
				return sign(t, update(t, f.unsigned, map[int]string{s.contents1: stream(fakeVerdict, "/Type /Sig")}, ""))
			},
			want: []string{"the member's signature update changes object", "(a content stream)"},
		},
		{
			name: "shadow replace: the cover's content stream replaced before the approval",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.signed)
				return approve(t, update(t, f.signed, map[int]string{s.contents1: stream(fakeVerdict, "")}, ""))
			},
			want: []string{"the update after signature 1 changes object"},
		},
		{
			name: "ISA: a page appended after both signatures",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.approved)
				objs, cat := shadowObjects(s, nextObject(f.approved), false)
				return update(t, f.approved, objs, fmt.Sprintf("%d 0 R", cat))
			},
			want: []string{"bytes were appended after the last signature", "the bytes appended after the last signature changes the document catalogue's /Pages"},
		},
		{
			name: "ISA: the document information replaced after signing",
			pdf: func(t *testing.T, f *fixture) []byte {
				n := nextObject(f.signed)
				out := update(t, f.signed, map[int]string{n: "<< /Title (Hyväksytty) /Keywords (verdict=pass) >>"}, "")
				i := bytes.LastIndex(out, []byte("/Info "))
				info := regexp.MustCompile(`^/Info \d+ 0 R`).Find(out[i:])
				return append(append(append([]byte{}, out[:i]...), fmt.Sprintf("/Info %d 0 R", n)...), out[i+len(info):]...)
			},
			want: []string{"bytes were appended after the last signature", "replaces the document information"},
		},
		{
			name: "ISA: an object deleted by a free entry after signing",
			pdf: func(t *testing.T, f *fixture) []byte {
				s := parseStructure(t, f.signed)
				out := update(t, f.signed, map[int]string{}, "")
				return bytes.Replace(out, []byte("xref\ntrailer"), []byte(fmt.Sprintf("xref\n%d 1\n0000000000 00001 f \ntrailer", s.contents1)), 1)
			},
			want: []string{fmt.Sprintf("deletes object")},
		},
		{
			name: "SWA: the approval's byte range moved to leave injected bytes unsigned",
			pdf: func(t *testing.T, f *fixture) []byte {
				return moveByteRange(t, f.approved, 1, -40)
			},
			want: []string{"does not exclude exactly its own signature value"},
		},
		{
			name: "SWA: the member's byte range widened over the approval",
			pdf: func(t *testing.T, f *fixture) []byte {
				return moveByteRange(t, f.approved, 0, 40)
			},
			want: []string{"signature 1"},
		},
		{
			name: "USF: an empty signature value",
			pdf: func(t *testing.T, f *fixture) []byte {
				return replaceContents(t, f.signed, func(hex []byte) []byte { return bytes.Repeat([]byte("0"), len(hex)) })
			},
			want: []string{"signature 1", "not a CMS signature"},
		},
		{
			name: "USF: a signature value that is not hexadecimal",
			pdf: func(t *testing.T, f *fixture) []byte {
				return replaceContents(t, f.signed, func(hex []byte) []byte { return bytes.Repeat([]byte("Z"), len(hex)) })
			},
			want: []string{"not hexadecimal"},
		},
		{
			name: "USF: a byte range of zeros",
			pdf: func(t *testing.T, f *fixture) []byte {
				return setByteRange(t, f.signed, 0, "0 0 0 0")
			},
			want: []string{"is malformed"},
		},
		{
			name: "USF: a byte range beyond the file",
			pdf: func(t *testing.T, f *fixture) []byte {
				br := byteRanges(f.signed)[0]
				return setByteRange(t, f.signed, 0, fmt.Sprintf("0 %d %d %d", br[1], br[2], br[3]+900000))
			},
			want: []string{"truncated"},
		},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			pdf := a.pdf(t, f)
			o := check(t, pdf, f.verifyOpts())
			got := strings.Join(o.Problems, "\n")
			t.Logf("%s", got)
			if o.OK {
				t.Fatalf("the attack verified")
			}
			for _, w := range a.want {
				if !strings.Contains(got, w) {
					t.Errorf("no problem says %q; problems:\n%s", w, got)
				}
			}
		})
	}
}

func reportIDOf(t *testing.T, signed []byte) string {
	t.Helper()
	m := regexp.MustCompile(`self-audit report ([0-9a-f]{64})`).FindSubmatch(signed)
	if m == nil {
		t.Fatal("no report id in the member's reason")
	}
	return string(m[1])
}

var reByteRangeT = regexp.MustCompile(`/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]( *)`)

func byteRanges(pdf []byte) [][4]int {
	var out [][4]int
	for _, m := range reByteRangeT.FindAllSubmatch(pdf, -1) {
		var br [4]int
		for i := range 4 {
			br[i], _ = strconv.Atoi(string(m[1+i]))
		}
		out = append(out, br)
	}
	return out
}

// setByteRange rewrites the i-th byte range in place, keeping the file's
// length (the padding after it absorbs the difference).
func setByteRange(t *testing.T, pdf []byte, i int, value string) []byte {
	t.Helper()
	locs := reByteRangeT.FindAllSubmatchIndex(pdf, -1)
	if i >= len(locs) {
		t.Fatalf("no byte range %d", i)
	}
	m := locs[i]
	old := m[1] - m[0]
	repl := "/ByteRange [" + value + "]"
	if len(repl) > old {
		t.Fatalf("byte range %q does not fit in %d bytes", value, old)
	}
	repl += strings.Repeat(" ", old-len(repl))
	out := append([]byte{}, pdf...)
	copy(out[m[0]:m[1]], repl)
	return out
}

// moveByteRange shifts the signed gap of the i-th signature by delta.
func moveByteRange(t *testing.T, pdf []byte, i, delta int) []byte {
	br := byteRanges(pdf)[i]
	return setByteRange(t, pdf, i, fmt.Sprintf("0 %d %d %d", br[1]+delta, br[2]+delta, br[3]-delta))
}

// replaceContents rewrites the first signature value in place.
func replaceContents(t *testing.T, pdf []byte, f func([]byte) []byte) []byte {
	t.Helper()
	m := regexp.MustCompile(`/Contents\s*<([0-9a-fA-F]+)>`).FindSubmatchIndex(pdf)
	out := append([]byte{}, pdf...)
	copy(out[m[2]:m[3]], f(pdf[m[2]:m[3]]))
	return out
}

// visibleMemberSignature signs as the member with a visible widget that
// covers the whole cover page (pdfsign draws it for approval signatures).
func visibleMemberSignature(t *testing.T, unsigned []byte, pair *keys.Pair, reportID string) []byte {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(unsigned), int64(len(unsigned)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = sign.Sign(bytes.NewReader(unsigned), &buf, rdr, int64(len(unsigned)), sign.SignData{
		Signature: sign.SignDataSignature{
			CertType: sign.ApprovalSignature,
			Info:     sign.SignDataSignatureInfo{Name: "VERDICT PASS", Reason: signing.MemberReason(reportID), Date: time.Now()},
		},
		Signer: pair.Key, DigestAlgorithm: crypto.SHA256, Certificate: pair.Cert,
		CertificateChains: [][]*x509.Certificate{{pair.Cert}},
		Appearance:        sign.Appearance{Visible: true, Page: 1, LowerLeftX: 0, LowerLeftY: 0, UpperRightX: 595, UpperRightY: 842},
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFindingsInLanguages: verify's findings follow --lang.
func TestFindingsInLanguages(t *testing.T) {
	f := newFixture(t)
	s := parseStructure(t, f.signed)
	objs, cat := shadowObjects(s, nextObject(f.signed), true)
	pdf := update(t, f.signed, objs, fmt.Sprintf("%d 0 R", cat))
	for lang, want := range map[string][]string{
		"fi": {"viimeisen allekirjoituksen jälkeen lisätyt tavut muuttaa asiakirjan juuriobjektin (Catalog) kohtaa /Pages", "lisää objektin 45 (sivu), jota allekirjoitus ei tarvitse"},
		"sv": {"byten som lagts till efter den sista signaturen ändrar dokumentkatalogens /Pages", "lägger till objekt 45 (en sida), som en signatur inte behöver"},
		"en": {"the bytes appended after the last signature changes the document catalogue's /Pages"},
	} {
		opts := f.verifyOpts()
		opts.Lang = lang
		o := check(t, pdf, opts)
		got := strings.Join(o.Problems, "\n")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no problem says %q:\n%s", lang, w, got)
			}
		}
	}
}
