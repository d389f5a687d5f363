package verify_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// rawSign signs a report as a member's own tool would, without the
// checks of mpassaudit's signing: with any certificate, at the clock's
// time (inside a synctest bubble: any time), with a TSA when tsa is set.
func rawSign(t *testing.T, unsigned []byte, pair *keys.Pair, reportID, tsa string) []byte {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(unsigned), int64(len(unsigned)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = sign.Sign(bytes.NewReader(unsigned), &buf, rdr, int64(len(unsigned)), sign.SignData{
		Signature: sign.SignDataSignature{
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
			Info:       sign.SignDataSignatureInfo{Name: pair.Cert.Subject.CommonName, Reason: signing.MemberReason(reportID), Date: time.Now()},
		},
		Signer: pair.Key, DigestAlgorithm: crypto.SHA256, Certificate: pair.Cert,
		CertificateChains: [][]*x509.Certificate{{pair.Cert}},
		TSA:               sign.TSA{URL: tsa},
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// at runs f with the clock at t (a synctest bubble: time is the test's).
func at(t *testing.T, when time.Time, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(when))
		f(t)
	})
}

// reportAt is the fixture's audit judged as of generated, unsigned.
func reportAt(t *testing.T, f *fixture, generated time.Time) ([]byte, string) {
	t.Helper()
	r := &audit.Runner{Engine: signingtest.Engine(t), Lang: "fi", Now: generated}
	rep, err := r.Run(context.Background(), f.audit.Answers)
	if err != nil {
		t.Fatal(err)
	}
	js, err := reports.ReportJSON(rep)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := reports.PDFFromJSON(js, f.opts)
	if err != nil {
		t.Fatal(err)
	}
	return pdf, reports.ReportID(js)
}

func TestSigningTime(t *testing.T) {
	f := newFixture(t)
	d := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	expired := signingtest.PairValid(t, "Expired member", d("2023-01-01T00:00:00Z"), d("2025-01-01T00:00:00Z"))
	tsa := signingtest.NewTSA(t, "Test TSA")
	tsa.Time = d("2024-06-01T12:01:00Z")
	trustExpired := verify.Options{Trust: []*x509.Certificate{expired.Cert}, Operators: f.operators}

	// The attack: a certificate that expired in 2025 signs today
	// with a CMS signing time of 2024-06-01 written by the signer.
	t.Run("an expired certificate, back-dated", func(t *testing.T) {
		unsigned, id := reportAt(t, f, d("2024-06-01T12:00:00Z"))
		var pdf []byte
		at(t, d("2024-06-01T12:00:30Z"), func(t *testing.T) { pdf = rawSign(t, unsigned, expired, id, "") })
		o := check(t, pdf, trustExpired)
		wantProblems(t, o, "expired on 2025-01-01", "without a trusted timestamp")
	})
	t.Run("an expired certificate, timestamped in time by a trusted authority", func(t *testing.T) {
		unsigned, id := reportAt(t, f, d("2024-06-01T12:00:00Z"))
		var pdf []byte
		at(t, d("2024-06-01T12:00:40Z"), func(t *testing.T) { pdf = rawSign(t, unsigned, expired, id, tsa.URL) })
		opts := trustExpired
		opts.TSATrust = []*x509.Certificate{tsa.Cert}
		o := check(t, pdf, opts)
		if !o.OK {
			t.Fatalf("a signature timestamped while its certificate was valid does not verify: %q", o.Problems)
		}
		ts := o.Signatures[0].Timestamp
		if ts == nil || !ts.Trusted || !ts.Time.Equal(tsa.Time) || !strings.Contains(ts.TSA, "Test TSA") {
			t.Errorf("timestamp %+v, want one by Test TSA at %s, trusted", ts, tsa.Time)
		}
		// The same timestamp from an authority nobody trusts proves nothing.
		o = check(t, pdf, trustExpired)
		wantProblems(t, o, "expired on 2025-01-01")
		if !strings.Contains(strings.Join(o.Notes, "\n"), "which is not trusted") {
			t.Errorf("no note says the timestamp is not trusted: %q", o.Notes)
		}
		// Revoked before the timestamp: refused; after it: stands.
		opts.Revoked = []verify.Revocation{{Fingerprint: keys.Fingerprint(expired.Cert), Since: d("2024-05-01T00:00:00Z"), Where: "revoked.txt:1"}}
		wantProblems(t, check(t, pdf, opts), "was revoked on 2024-05-01", "the trusted timestamp 2024-06-01T12:01:00Z is after that")
		opts.Revoked[0].Since = d("2024-07-01T00:00:00Z")
		if o := check(t, pdf, opts); !o.OK {
			t.Errorf("revoked after the trusted timestamp: %q", o.Problems)
		}
	})
	t.Run("a signing time in the future", func(t *testing.T) {
		when := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
		unsigned, id := reportAt(t, f, when)
		var pdf []byte
		at(t, when, func(t *testing.T) { pdf = rawSign(t, unsigned, f.member, id, "") })
		wantProblems(t, check(t, pdf, f.verifyOpts()), "in the future")
	})
	t.Run("signed long after the report was generated", func(t *testing.T) {
		unsigned, id := reportAt(t, f, signingtest.Now.Add(-2*time.Hour))
		pdf := rawSign(t, unsigned, f.member, id, "")
		wantProblems(t, check(t, pdf, f.verifyOpts()), "but the report says it was generated at", "more than 10m0s")
	})
	t.Run("a revoked member certificate", func(t *testing.T) {
		opts := f.verifyOpts()
		opts.Revoked = []verify.Revocation{{Fingerprint: keys.Fingerprint(f.member.Cert), Where: "members/revoked.txt:3"}}
		wantProblems(t, check(t, f.signed, opts), "is revoked (members/revoked.txt:3)")
		opts.Revoked[0].Since = signingtest.Now.Add(-24 * time.Hour)
		wantProblems(t, check(t, f.signed, opts), "no trusted timestamp proves the signature was made before that")
	})
	t.Run("mpassaudit refuses to sign with an expired certificate", func(t *testing.T) {
		_, err := signing.RenderAndSign(f.audit.Report, f.opts, expired, signingtest.Now)
		if err == nil || !strings.Contains(err.Error(), "expired on 2025-01-01") || !strings.Contains(err.Error(), "renew it") {
			t.Errorf("signing with an expired certificate: %v", err)
		}
		notYet := signingtest.PairValid(t, "Future member", time.Now().AddDate(1, 0, 0), time.Now().AddDate(2, 0, 0))
		if _, err := signing.RenderAndSign(f.audit.Report, f.opts, notYet, signingtest.Now); err == nil || !strings.Contains(err.Error(), "is not valid before") {
			t.Errorf("signing with a certificate not yet valid: %v", err)
		}
	})
	t.Run("mpassaudit signs with a timestamp", func(t *testing.T) {
		now := signingtest.NewTSA(t, "Clock TSA")
		pdf, err := signing.RenderAndSignWith(f.audit.Report, f.opts, f.member, signingtest.Now, signing.Options{TSA: now.URL})
		if err != nil {
			t.Fatal(err)
		}
		approved, err := signing.ApproveWith(pdf, f.operator, signing.ChangesRequested, "", time.Now(), signing.Options{TSA: now.URL})
		if err != nil {
			t.Fatal(err)
		}
		opts := f.verifyOpts()
		opts.TSATrust = []*x509.Certificate{now.Cert}
		o := check(t, approved, opts)
		if !o.OK {
			t.Fatalf("%q", o.Problems)
		}
		for i, s := range o.Signatures {
			if s.Timestamp == nil || !s.Timestamp.Trusted {
				t.Errorf("signature %d: timestamp %+v", i+1, s.Timestamp)
			}
		}
		if out := pdfsig(t, approved); out != "" && strings.Count(out, "Signature is Valid") != 2 {
			t.Errorf("pdfsig disagrees on the timestamped report:\n%s", out)
		}
	})
}

func wantProblems(t *testing.T, o *verify.Outcome, want ...string) {
	t.Helper()
	got := strings.Join(o.Problems, "\n")
	if o.OK {
		t.Fatalf("verified; notes %q", o.Notes)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("no problem says %q; problems:\n%s", w, got)
		}
	}
}

func TestLoadRevoked(t *testing.T) {
	dir := t.TempDir()
	fp := strings.Repeat("AB", 32)
	src := "# revoked member certificates\n" + strings.ToLower(fp) + "\n" + keysFP(fp) + " 2026-06-01 # key lost\n\n"
	if err := os.WriteFile(filepath.Join(dir, verify.RevokedFile), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, err := verify.LoadRevoked(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Fingerprint != keysFP(fp) || !rs[0].Since.IsZero() || rs[1].Since.Format("2006-01-02") != "2026-06-01" || !strings.HasSuffix(rs[1].Where, "revoked.txt:3") {
		t.Errorf("%+v", rs)
	}
	for _, bad := range []string{"abc\n", fp + " yesterday\n", fp + " 2026-01-01 extra\n"} {
		os.WriteFile(filepath.Join(dir, verify.RevokedFile), []byte(bad), 0o644)
		if _, err := verify.LoadRevoked(dir); err == nil || !strings.Contains(err.Error(), "revoked.txt:1") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if rs, err := verify.LoadRevoked(t.TempDir()); err != nil || rs != nil {
		t.Errorf("no revoked.txt: %v %v", rs, err)
	}
}

func keysFP(hex string) string {
	var b strings.Builder
	for i := 0; i < len(hex); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(hex[i : i+2])
	}
	return b.String()
}
