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
	return OperatorReasonWith(decision, comment, "")
}

// overrideMark separates the override reason in an operator's /Reason.
const overrideMark = " ‖ override: "

// OperatorReasonWith is the /Reason of a decision with the reason why a
// report that does not meet the requirements is approved anyway: both are
// signed with the decision.
func OperatorReasonWith(decision, comment, override string) string {
	clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "‖", "|")) }
	r := operatorReason + decision
	if c := clean(comment); c != "" {
		r += " — " + c
	}
	if o := clean(override); o != "" {
		r += overrideMark + o
	}
	return r
}

// ParseOverride reads the override reason of an operator's /Reason.
func ParseOverride(reason string) string {
	if !strings.HasPrefix(reason, operatorReason) {
		return ""
	}
	if i := strings.LastIndex(reason, overrideMark); i >= 0 {
		return reason[i+len(overrideMark):]
	}
	return ""
}

// ParseReason reads the role, and for the operator the decision and comment,
// from a signature's /Reason; ok is false for a reason mpassaudit did not write.
func ParseReason(reason string) (role, decision, comment string, ok bool) {
	switch {
	case strings.HasPrefix(reason, memberReason):
		return RoleMember, "", "", true
	case strings.HasPrefix(reason, operatorReason):
		rest := strings.TrimPrefix(reason, operatorReason)
		if i := strings.LastIndex(rest, overrideMark); i >= 0 {
			rest = rest[:i]
		}
		decision, comment, _ = strings.Cut(rest, " — ")
		for _, d := range Decisions {
			if d == decision {
				return RoleOperator, decision, comment, true
			}
		}
	}
	return "", "", "", false
}

// Options are how a report is signed.
type Options struct {
	// TSA is the URL of an RFC 3161 time-stamping authority: the
	// signature then carries its timestamp (PAdES B-T), which proves when
	// it was made after the signer's certificate has expired.
	TSA string
	// Override is why a report that does not meet the requirements is
	// approved anyway (ApproveWith, decision approved only).
	Override string
	// Lang is the language of the decision shown on the cover (ApproveWith).
	Lang string

	appearance *sign.Appearance // the decision on the cover (ApproveWith)
}

// CheckCertificate refuses a signing certificate that is not valid at the
// signing time at or now: verify would refuse what it signs.
func CheckCertificate(cert *x509.Certificate, at time.Time) error {
	if cert == nil {
		return fmt.Errorf("signing: no certificate")
	}
	for _, t := range []time.Time{at, time.Now()} {
		var why string
		switch {
		case t.Before(cert.NotBefore):
			why = fmt.Sprintf("is not valid before %s", cert.NotBefore.UTC().Format(time.RFC3339))
		case t.After(cert.NotAfter):
			why = fmt.Sprintf("expired on %s", cert.NotAfter.UTC().Format(time.RFC3339))
		default:
			continue
		}
		return fmt.Errorf("the signing certificate %q (SHA-256 %s) %s, so a signature made with it at %s would not verify: renew it (mpassaudit keys new, or your PKI) and sign again", cert.Subject.CommonName, keys.Fingerprint(cert), why, t.UTC().Format(time.RFC3339))
	}
	return nil
}

// Sign adds the member's certification signature to an unsigned report.
// Its DocMDP permission allows later signatures (the operator's) only.
func Sign(pdfBytes []byte, pair *keys.Pair, reportID string, at time.Time) ([]byte, error) {
	return SignWith(pdfBytes, pair, reportID, at, Options{})
}

// SignWith is Sign with options.
func SignWith(pdfBytes []byte, pair *keys.Pair, reportID string, at time.Time, o Options) ([]byte, error) {
	return signPDF(pdfBytes, pair, at, o, sign.SignDataSignature{
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
	return ApproveWith(pdfBytes, pair, decision, comment, at, Options{})
}

// ApproveWith is Approve with options.
func ApproveWith(pdfBytes []byte, pair *keys.Pair, decision, comment string, at time.Time, o Options) ([]byte, error) {
	known := false
	for _, d := range Decisions {
		known = known || d == decision
	}
	if !known {
		return nil, fmt.Errorf("unknown decision %q: use %s", decision, strings.Join(Decisions, " or "))
	}
	img, err := decisionImage(o.Lang, decision, org(pair), at, o.Override)
	if err != nil {
		return nil, err
	}
	o.appearance = &sign.Appearance{
		Visible: true, Page: 1,
		LowerLeftX: decisionRect[0], LowerLeftY: decisionRect[1], UpperRightX: decisionRect[2], UpperRightY: decisionRect[3],
		Image: img,
	}
	return signPDF(pdfBytes, pair, at, o, sign.SignDataSignature{
		CertType: sign.ApprovalSignature,
		Info: sign.SignDataSignatureInfo{
			Name:        signerName(pair),
			Reason:      OperatorReasonWith(decision, comment, o.Override),
			ContactInfo: org(pair),
			Date:        at,
		},
	})
}

// RenderAndSign renders a report's PDF and adds the member's signature.
func RenderAndSign(rep *audit.Report, opts reports.PDFOptions, pair *keys.Pair, at time.Time) ([]byte, error) {
	return RenderAndSignWith(rep, opts, pair, at, Options{})
}

// RenderAndSignWith is RenderAndSign with signing options.
func RenderAndSignWith(rep *audit.Report, opts reports.PDFOptions, pair *keys.Pair, at time.Time, o Options) ([]byte, error) {
	js, err := reports.ReportJSON(rep)
	if err != nil {
		return nil, err
	}
	unsigned, err := reports.PDFFromJSON(js, opts)
	if err != nil {
		return nil, err
	}
	return SignWith(unsigned, pair, reports.ReportID(js), at, o)
}

func signPDF(in []byte, pair *keys.Pair, at time.Time, o Options, sig sign.SignDataSignature) (out []byte, err error) {
	if pair == nil || pair.Key == nil || pair.Cert == nil {
		return nil, fmt.Errorf("signing: no key and certificate")
	}
	if err := CheckCertificate(pair.Cert, at); err != nil {
		return nil, err
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
	if o.TSA != "" {
		// pdfsign asks the authority with a client that never times
		// out: a silent authority must not hang the signing.
		done := make(chan error, 1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					done <- fmt.Errorf("%v", r)
				}
			}()
			done <- signInto(in, &buf, rdr, pair, chain, o, sig)
		}()
		select {
		case err = <-done:
		case <-time.After(TSATimeout):
			return nil, fmt.Errorf("signing: the time-stamping authority --tsa %s did not answer within %s: check the address, or sign without --tsa", o.TSA, TSATimeout)
		}
	} else {
		err = signInto(in, &buf, rdr, pair, chain, o, sig)
	}
	if err != nil {
		if o.TSA != "" {
			return nil, fmt.Errorf("signing with the timestamp of --tsa %s: %w", o.TSA, err)
		}
		return nil, fmt.Errorf("signing: %w", err)
	}
	return buf.Bytes(), nil
}

// TSATimeout bounds the wait for a time-stamping authority.
var TSATimeout = 60 * time.Second

func signInto(in []byte, buf *bytes.Buffer, rdr *pdf.Reader, pair *keys.Pair, chain []*x509.Certificate, o Options, sig sign.SignDataSignature) error {
	return sign.Sign(bytes.NewReader(in), buf, rdr, int64(len(in)), sign.SignData{
		Signature:         sig,
		Signer:            pair.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       pair.Cert,
		CertificateChains: [][]*x509.Certificate{chain},
		TSA:               sign.TSA{URL: o.TSA},
		Appearance:        appearance(o),
	})
}

func appearance(o Options) sign.Appearance {
	if o.appearance == nil {
		return sign.Appearance{}
	}
	return *o.appearance
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
