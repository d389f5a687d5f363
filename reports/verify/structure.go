package verify

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pkcs7"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports/signing"
)

// sigDict is one signature dictionary found in the file's bytes, with the
// byte range it claims to sign.
type sigDict struct {
	n          int      // 1-based, in file order
	start, end int      // the dictionary's own bytes (object "N G obj" … "endobj")
	byteRange  [4]int64 // [0 b c d]: bytes [0,b) and [c,c+d) are signed
	contents   [2]int   // the <hex> value of /Contents, brackets included
	hex        []byte
	name       string
	reason     string
	contact    string
}

var (
	reByteRange = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	reObj       = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)
)

// findSignatures scans the bytes for signature dictionaries. Scanning the
// bytes (rather than trusting the parsed structure) still finds and checks
// the signatures of a damaged file, so that every kind of damage gets a
// precise reason; the coverage rules in checkCoverage make the scan sound.
func findSignatures(data []byte) ([]*sigDict, []string) {
	var out []*sigDict
	var problems []string
	for _, m := range reByteRange.FindAllSubmatchIndex(data, -1) {
		s := &sigDict{n: len(out) + 1}
		for i := range 4 {
			v, err := strconv.ParseInt(string(data[m[2+2*i]:m[3+2*i]]), 10, 64)
			if err != nil {
				v = -1
			}
			s.byteRange[i] = v
		}
		s.start, s.end = objectAround(data, m[0])
		dict := data[s.start:s.end]
		ci := bytes.Index(dict, []byte("/Contents"))
		if ci < 0 {
			problems = append(problems, fmt.Sprintf("signature %d (at byte %d) has no /Contents: the signature dictionary is damaged", s.n, m[0]))
			out = append(out, s)
			continue
		}
		lt := bytes.IndexByte(dict[ci:], '<')
		gt := -1
		if lt >= 0 {
			gt = bytes.IndexByte(dict[ci+lt:], '>')
		}
		if lt < 0 || gt < 0 {
			problems = append(problems, fmt.Sprintf("signature %d (at byte %d): /Contents is not a hex string: the signature value is damaged", s.n, m[0]))
			out = append(out, s)
			continue
		}
		s.contents = [2]int{s.start + ci + lt, s.start + ci + lt + gt + 1}
		s.hex = data[s.contents[0]+1 : s.contents[1]-1]
		rest := data[s.contents[1]:s.end]
		s.name = pdfStringAfter(rest, "/Name")
		s.reason = pdfStringAfter(rest, "/Reason")
		s.contact = pdfStringAfter(rest, "/ContactInfo")
		out = append(out, s)
	}
	return out, problems
}

// objectAround returns the extent of the indirect object holding byte at:
// from its "N G obj" to the end of its "endobj" (or the file's end).
func objectAround(data []byte, at int) (int, int) {
	start := 0
	window := data[max(0, at-4096):at]
	if locs := reObj.FindAllIndex(window, -1); len(locs) > 0 {
		start = max(0, at-4096) + locs[len(locs)-1][0]
	}
	end := len(data)
	if i := bytes.Index(data[at:], []byte("endobj")); i >= 0 {
		end = at + i + len("endobj")
	}
	return start, end
}

// pdfStringAfter reads the literal string that follows key in b, decoding
// escapes and UTF-16 (with its byte-order mark).
func pdfStringAfter(b []byte, key string) string {
	i := bytes.Index(b, []byte(key+" "))
	if i < 0 {
		i = bytes.Index(b, []byte(key+"("))
		if i < 0 {
			return ""
		}
	}
	j := i + len(key)
	for j < len(b) && (b[j] == ' ' || b[j] == '\n' || b[j] == '\r') {
		j++
	}
	if j >= len(b) || b[j] != '(' {
		return ""
	}
	var raw []byte
	depth := 0
	for k := j; k < len(b); k++ {
		c := b[k]
		switch {
		case c == '\\' && k+1 < len(b):
			k++
			switch e := b[k]; e {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for n := 0; n < 2 && k+1 < len(b) && b[k+1] >= '0' && b[k+1] <= '7'; n++ {
						k++
						v = v*8 + int(b[k]-'0')
					}
					raw = append(raw, byte(v))
				} else {
					raw = append(raw, e)
				}
			}
			continue
		case c == '(':
			depth++
			if depth == 1 {
				continue
			}
		case c == ')':
			depth--
			if depth == 0 {
				return decodeText(raw)
			}
		}
		raw = append(raw, c)
	}
	return decodeText(raw)
}

func decodeText(raw []byte) string {
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	// PDFDocEncoding matches Latin-1 for the letters that matter here.
	r := make([]rune, len(raw))
	for i, c := range raw {
		r[i] = rune(c)
	}
	return string(r)
}

// judge says whom a signature must be trusted by.
type judge struct {
	certs    []*x509.Certificate // Options.Trust for the member, Options.Operators for a decision
	skip     bool                // Options.SkipTrust
	operator bool                // a decision signature
	members  []*x509.Certificate // Options.Trust, to name a member's certificate used as the operator's
	tsa      []*x509.Certificate // Options.TSATrust
}

// checkSignature verifies one signature's CMS value over its byte range and
// fills in sig; every failure is a precise reason.
func checkSignature(data []byte, s *sigDict, j judge, sig *Signature) []problem {
	var problems []problem
	sig.Reason = s.reason
	sig.Signer = s.name
	br := s.byteRange
	switch {
	case br[0] != 0 || br[1] <= 0 || br[2] <= br[1] || br[3] < 0:
		return append(problems, pf("signature %d: byte range %v is malformed (it must be [0 b c d] with b < c): the signature dictionary was changed", s.n, br))
	case br[2]+br[3] > int64(len(data)):
		return append(problems, pf("signature %d: the file is truncated: the signature covers bytes up to %d but the file has only %d", s.n, br[2]+br[3], len(data)))
	case s.hex == nil:
		return append(problems, pf("signature %d: no signature value", s.n))
	case int64(s.contents[0]) != br[1] || int64(s.contents[1]) != br[2]:
		return append(problems, pf("signature %d: the byte range %v does not exclude exactly its own signature value (bytes %d–%d): the signature dictionary was changed", s.n, br, s.contents[0], s.contents[1]))
	}
	der, err := decodeHex(s.hex)
	if err != nil {
		return append(problems, pf("signature %d: the signature value is damaged: %v", s.n, err))
	}
	// Nothing may follow the CMS structure but the zero padding: the value
	// is the one part of the file no signature covers.
	var outer asn1.RawValue
	rest, err := asn1.Unmarshal(der, &outer)
	if err != nil {
		return append(problems, pf("signature %d: the signature value is damaged: not a CMS signature (%v)", s.n, err))
	}
	for i, b := range rest {
		if b != 0 {
			return append(problems, pf("signature %d: the signature value was changed: byte %d after the CMS structure is not padding", s.n, len(der)-len(rest)+i))
		}
	}
	p7, err := pkcs7.Parse(der[:len(der)-len(rest)])
	if err != nil {
		return append(problems, pf("signature %d: the signature value is damaged: not a CMS signature (%v)", s.n, err))
	}
	// pkcs7 reads BER leniently and ignores parts it does not need (the
	// versions, the digest algorithm list, the content type), so a changed
	// byte there would pass its check: the structure is checked here.
	if err := checkCMS(der[:len(der)-len(rest)]); err != nil {
		return append(problems, pf("signature %d: the signature value was changed: %v", s.n, err))
	}
	for _, si := range p7.Signers {
		if si.Version != 1 {
			return append(problems, pf("signature %d: the signature value was changed: its CMS SignerInfo version is %d, not 1", s.n, si.Version))
		}
	}
	cert := p7.GetOnlySigner()
	if cert == nil {
		return append(problems, pf("signature %d: the CMS signature has no single signer certificate", s.n))
	}
	var chain []*x509.Certificate
	for _, c := range p7.Certificates {
		if !c.Equal(cert) {
			chain = append(chain, c)
		}
	}
	if sig.Signer == "" {
		sig.Signer = cert.Subject.CommonName
	}
	if o := cert.Subject.Organization; len(o) > 0 {
		sig.Organisation = o[0]
	}
	sig.Fingerprint = keys.Fingerprint(cert)
	sig.BusinessID = keys.BusinessID(cert)
	var signingTime time.Time
	if err := p7.UnmarshalSignedAttribute(asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}, &signingTime); err == nil {
		sig.SignedAt = signingTime.UTC()
	}
	content := make([]byte, 0, br[1]+br[3])
	content = append(content, data[:br[1]]...)
	content = append(content, data[br[2]:br[2]+br[3]]...)
	p7.Content = content
	if err := p7.Verify(); err != nil {
		var mm *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mm) {
			return append(problems, pf("signature %d (%s): the signed bytes were changed after signing: their SHA-256 no longer matches the signature", s.n, sig.Signer))
		}
		return append(problems, pf("signature %d (%s): the signature does not verify: %v", s.n, sig.Signer, err))
	}
	sig.Valid = true
	sig.cert, sig.chain = cert, chain
	ts, err := checkTimestamp(p7, j.tsa)
	if err != nil {
		sig.tsErr = err.Error()
	}
	sig.Timestamp = ts
	// The signer is judged at the time the signature was made: the
	// trusted timestamp's, else the signer's claim (judgeTime checks the
	// claim and the certificate's validity now).
	at := sig.SignedAt
	if ts != nil && ts.Trusted {
		at = ts.Time
	}
	if at.IsZero() {
		at = time.Now()
	}
	sig.Trusted = keys.Trusted(cert, chain, j.certs, at)
	switch {
	case sig.Trusted || j.skip:
	case j.operator:
		hint := "give the operator's certificate in --operators"
		if keys.Trusted(cert, chain, j.members, at) {
			hint = "it is a member's certificate (trusted by --trust), and a member cannot decide on a report; " + hint
		} else if len(j.certs) == 0 {
			hint = "no --operators directory was given; " + hint
		}
		problems = append(problems, pf("signature %d (%s, %s) records a decision, but its signer is not a trusted operator: certificate SHA-256 %s is not in --operators and no CA there issued it (%s)", s.n, sig.Signer, orDash(sig.Organisation), sig.Fingerprint, hint))
	default:
		hint := "copy its certificate (or its CA's) into the --trust directory if you trust it"
		if len(j.certs) == 0 {
			hint = "no --trust directory was given"
		}
		problems = append(problems, pf("signature %d (%s, %s): the signer is not trusted: certificate SHA-256 %s is not in --trust and no CA there issued it (%s)", s.n, sig.Signer, orDash(sig.Organisation), sig.Fingerprint, hint))
	}
	return problems
}

var (
	oidData   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSHA256 = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
)

// checkCMS checks what pdfsign writes and pkcs7 does not look at: strict DER
// throughout, SignedData version 1, SHA-256 as the only digest algorithm and
// id-data as the content type.
func checkCMS(der []byte) error {
	if err := strictDER(der, 0); err != nil {
		return fmt.Errorf("its CMS structure is not valid DER (%v)", err)
	}
	var ci struct {
		ContentType asn1.ObjectIdentifier
		Content     asn1.RawValue `asn1:"explicit,tag:0"`
	}
	if _, err := asn1.Unmarshal(der, &ci); err != nil {
		return fmt.Errorf("its CMS ContentInfo cannot be read (%v)", err)
	}
	var sd asn1.RawValue
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return fmt.Errorf("its CMS SignedData cannot be read (%v)", err)
	}
	var version int
	rest, err := asn1.Unmarshal(sd.Bytes, &version)
	if err != nil || version != 1 {
		return fmt.Errorf("its CMS SignedData version is not 1")
	}
	var digests []pkix.AlgorithmIdentifier
	rest, err = asn1.UnmarshalWithParams(rest, &digests, "set")
	if err != nil || len(digests) != 1 || !digests[0].Algorithm.Equal(oidSHA256) {
		return fmt.Errorf("its CMS digest algorithms are not exactly SHA-256")
	}
	var encap struct {
		EContentType asn1.ObjectIdentifier
		EContent     asn1.RawValue `asn1:"explicit,optional,tag:0"`
	}
	if _, err := asn1.Unmarshal(rest, &encap); err != nil || !encap.EContentType.Equal(oidData) {
		return fmt.Errorf("its CMS content type is not id-data")
	}
	return nil
}

// strictDER walks every element: encoding/asn1 refuses wrong lengths and
// non-minimal encodings that a lenient BER reader would silently repair.
func strictDER(b []byte, depth int) error {
	if depth > 32 {
		return fmt.Errorf("nested too deeply")
	}
	for len(b) > 0 {
		var v asn1.RawValue
		rest, err := asn1.Unmarshal(b, &v)
		if err != nil {
			return err
		}
		if v.Class == asn1.ClassUniversal && v.Tag == 0 {
			return fmt.Errorf("an end-of-contents marker, which DER never has") // e.g. padding pulled in by a changed length
		}
		if v.IsCompound {
			if err := strictDER(v.Bytes, depth+1); err != nil {
				return err
			}
		}
		b = rest
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "no organisation"
	}
	return s
}

// decodeHex decodes a signature value; the zero padding after the CMS
// structure is part of the value as pdfsign writes it.
func decodeHex(h []byte) ([]byte, error) {
	clean := bytes.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, h)
	if len(clean)%2 == 1 {
		clean = append(clean, '0')
	}
	out := make([]byte, hex.DecodedLen(len(clean)))
	if _, err := hex.Decode(out, clean); err != nil {
		return nil, fmt.Errorf("not hexadecimal (%v)", err)
	}
	return out, nil
}

// checkCoverage checks that the signatures together sign the whole file:
// the last one up to the last byte, and no signature lies inside the part
// an earlier one signed. What the updates between them add is compared
// object by object in checkRevisions.
func checkCoverage(data []byte, sigs []*sigDict) []problem {
	var problems []problem
	ordered := byCoverage(sigs)
	last := ordered[len(ordered)-1]
	if end := last.covered(); end < int64(len(data)) {
		problems = append(problems, pf("%d bytes were appended after the last signature (bytes %d–%d are signed by nobody): the file was changed after signing", int64(len(data))-end, end, len(data)))
	}
	for i := 0; i+1 < len(ordered); i++ {
		from, to := ordered[i].covered(), ordered[i+1].covered()
		if from > int64(len(data)) || to > int64(len(data)) || from >= to {
			continue // reported as truncated or malformed
		}
		if d := ordered[i+1]; int64(d.start) < from {
			problems = append(problems, pf("signature %d lies inside the part signed by signature %d: the signatures were rearranged", d.n, ordered[i].n))
		}
	}
	return problems
}

// byCoverage orders the signatures by how much of the file they sign.
func byCoverage(sigs []*sigDict) []*sigDict {
	ordered := append([]*sigDict{}, sigs...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].covered() < ordered[j].covered() })
	return ordered
}

func (s *sigDict) covered() int64 { return s.byteRange[2] + s.byteRange[3] }

// roleOf reads a signature's role from its reason and checks the order:
// the member signs first, the operator after.
func roleOf(sig *Signature, index int) (decision, comment, problem string) {
	role, decision, comment, ok := signing.ParseReason(sig.Reason)
	if !ok {
		return "", "", fmt.Sprintf("signature %d: its reason %q is not one mpassaudit writes: it is neither the member's report signature nor an operator decision", index+1, sig.Reason)
	}
	sig.Role = role
	switch {
	case index == 0 && role != signing.RoleMember:
		return decision, comment, "signature 1 is an operator decision, but the first signature must be the member's"
	case index > 0 && role != signing.RoleOperator:
		return decision, comment, fmt.Sprintf("signature %d claims to be the member's, but the member signs first and only once", index+1)
	}
	return decision, comment, ""
}
