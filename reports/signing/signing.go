// Package signing signs PDF reports with real PDF signatures (CMS detached,
// SHA-256, as Adobe and poppler's pdfsig verify them): the member's
// certification signature, and the operator's approval signature added as
// an incremental update that leaves the member's signature valid.
package signing

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports"
)

// Roles of the signatures of a report.
const (
	RoleMember   = "member"
	RoleOperator = "operator"
)

// The operator's decisions.
const (
	Approved         = "approved"
	ChangesRequested = "changes-requested"
)

// Decisions lists the operator's decisions.
var Decisions = []string{Approved, ChangesRequested}

// Reason prefixes: the signature's /Reason says who signed in which role,
// and for the operator the decision, so that any PDF reader shows them.
const (
	memberReason   = "mpassaudit: member's self-audit report"
	operatorReason = "mpassaudit: operator decision: "
)

// MemberReason is the /Reason of the member's signature of a report.
func MemberReason(reportID string) string {
	return memberReason + " " + reportID
}

// OperatorReason is the /Reason of the operator's approval signature.
func OperatorReason(decision, comment string) string {
	r := operatorReason + decision
	if c := strings.TrimSpace(comment); c != "" {
		r += " — " + c
	}
	return r
}

// ParseReason reads the role, and for the operator the decision and comment,
// from a signature's /Reason; ok is false for a reason mpassaudit did not write.
func ParseReason(reason string) (role, decision, comment string, ok bool) {
	switch {
	case strings.HasPrefix(reason, memberReason):
		return RoleMember, "", "", true
	case strings.HasPrefix(reason, operatorReason):
		rest := strings.TrimPrefix(reason, operatorReason)
		decision, comment, _ = strings.Cut(rest, " — ")
		for _, d := range Decisions {
			if d == decision {
				return RoleOperator, decision, comment, true
			}
		}
	}
	return "", "", "", false
}

// Sign adds the member's certification signature to an unsigned report.
// Its DocMDP permission allows later signatures (the operator's) only.
func Sign(pdfBytes []byte, pair *keys.Pair, reportID string, at time.Time) ([]byte, error) {
	return signPDF(pdfBytes, pair, sign.SignDataSignature{
		CertType:   sign.CertificationSignature,
		DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		Info: sign.SignDataSignatureInfo{
			Name:        signerName(pair),
			Reason:      MemberReason(reportID),
			ContactInfo: org(pair),
			Date:        at,
		},
	})
}

// Approve adds the operator's approval signature with its decision.
func Approve(pdfBytes []byte, pair *keys.Pair, decision, comment string, at time.Time) ([]byte, error) {
	known := false
	for _, d := range Decisions {
		known = known || d == decision
	}
	if !known {
		return nil, fmt.Errorf("unknown decision %q: use %s", decision, strings.Join(Decisions, " or "))
	}
	return signPDF(pdfBytes, pair, sign.SignDataSignature{
		CertType: sign.ApprovalSignature,
		Info: sign.SignDataSignatureInfo{
			Name:        signerName(pair),
			Reason:      OperatorReason(decision, comment),
			ContactInfo: org(pair),
			Date:        at,
		},
	})
}

// RenderAndSign renders a report's PDF and adds the member's signature.
func RenderAndSign(rep *audit.Report, opts reports.PDFOptions, pair *keys.Pair, at time.Time) ([]byte, error) {
	js, err := reports.ReportJSON(rep)
	if err != nil {
		return nil, err
	}
	unsigned, err := reports.PDFFromJSON(js, opts)
	if err != nil {
		return nil, err
	}
	return Sign(unsigned, pair, reports.ReportID(js), at)
}

func signPDF(in []byte, pair *keys.Pair, sig sign.SignDataSignature) (out []byte, err error) {
	if pair == nil || pair.Key == nil || pair.Cert == nil {
		return nil, fmt.Errorf("signing: no key and certificate")
	}
	// The PDF reader panics on some damaged input; a damaged report is an
	// error here, never a crash.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("signing: the PDF cannot be read: %v", r)
		}
	}()
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, fmt.Errorf("signing: the PDF cannot be read: %w", err)
	}
	sig.Info.Name = pdfText(sig.Info.Name)
	sig.Info.Reason = pdfText(sig.Info.Reason)
	sig.Info.ContactInfo = pdfText(sig.Info.ContactInfo)
	var buf bytes.Buffer
	chain := append([]*x509.Certificate{pair.Cert}, pair.Chain...)
	err = sign.Sign(bytes.NewReader(in), &buf, rdr, int64(len(in)), sign.SignData{
		Signature:         sig,
		Signer:            pair.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       pair.Cert,
		CertificateChains: [][]*x509.Certificate{chain},
	})
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return buf.Bytes(), nil
}

func org(p *keys.Pair) string {
	if o := p.Cert.Subject.Organization; len(o) > 0 {
		return o[0]
	}
	return p.Cert.Subject.CommonName
}

func signerName(p *keys.Pair) string {
	if cn := p.Cert.Subject.CommonName; cn != "" {
		return cn
	}
	return org(p)
}

// pdfText makes a text safe for pdfsign's string writer, which writes
// non-ASCII text as UTF-16 without escaping: a code unit byte that is a
// backslash or carriage return, or parentheses that do not balance, would
// break the PDF string. Balanced parentheses are kept, as PDF allows.
func pdfText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	ascii := true
	for _, r := range s {
		ascii = ascii && r < 0x80
	}
	if ascii {
		return s // pdfsign escapes ASCII strings itself
	}
	unitBytes := func(r rune) []byte {
		var out []byte
		for _, u := range utf16.Encode([]rune{r}) {
			out = append(out, byte(u>>8), byte(u))
		}
		return out
	}
	s = strings.Map(func(r rune) rune {
		if r == '\\' {
			return '/'
		}
		for _, by := range unitBytes(r) {
			if by == '\\' || by == '\r' || (r != '(' && r != ')' && (by == '(' || by == ')')) {
				return '?'
			}
		}
		return r
	}, s)
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth < 0 {
			break
		}
	}
	if depth != 0 {
		s = strings.NewReplacer("(", "[", ")", "]").Replace(s)
	}
	return s
}
