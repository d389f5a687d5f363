package signing_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

func signed(t testing.TB) []byte {
	t.Helper()
	a := signingtest.Full(t, "fi")
	member := signingtest.Pair(t, "Esimerkkikunta – Sivistystoimi")
	out, err := signing.RenderAndSign(a.Report, reports.PDFOptions{Catalog: signingtest.Engine(t).Catalog, Answers: a.Answers.Source}, member, signingtest.Now)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pdfsig runs poppler's pdfsig on a PDF and returns its output.
func pdfsig(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig (poppler-utils) is not installed; .ci/run installs it")
	}
	f := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("pdfsig", f).CombinedOutput()
	return string(out)
}

func TestSignAndApproveWithPdfsig(t *testing.T) {
	pdf := signed(t)
	out := pdfsig(t, pdf)
	if strings.Count(out, "Signature is Valid.") != 1 {
		t.Fatalf("pdfsig on the member-signed report:\n%s", out)
	}
	if !strings.Contains(out, "Signature Type: adbe.pkcs7.detached") || !strings.Contains(out, "SHA-256") {
		t.Errorf("pdfsig shows another signature type or digest:\n%s", out)
	}
	op := signingtest.Pair(t, "Opetushallitus (OPH)")
	approved, err := signing.Approve(pdf, op, signing.Approved, "Hyväksytty tuotantoon; seuraava itseauditointi 2027.", signingtest.Now.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(approved, pdf) {
		t.Error("approval rewrote the signed file instead of appending an incremental update")
	}
	out = pdfsig(t, approved)
	if strings.Count(out, "Signature is Valid.") != 2 {
		t.Fatalf("pdfsig on the approved report:\n%s", out)
	}
	t.Log(out)
}

func TestReasons(t *testing.T) {
	cases := []struct {
		reason, role, decision, comment string
		ok                              bool
	}{
		{signing.MemberReason("abc"), signing.RoleMember, "", "", true},
		{signing.OperatorReason(signing.Approved, ""), signing.RoleOperator, signing.Approved, "", true},
		{signing.OperatorReason(signing.ChangesRequested, "Korjaa EP-SEC-04."), signing.RoleOperator, signing.ChangesRequested, "Korjaa EP-SEC-04.", true},
		{"mpassaudit: operator decision: maybe", "", "", "", false},
		{"Document approval", "", "", "", false},
	}
	for _, c := range cases {
		role, decision, comment, ok := signing.ParseReason(c.reason)
		if role != c.role || decision != c.decision || comment != c.comment || ok != c.ok {
			t.Errorf("ParseReason(%q) = %q %q %q %v", c.reason, role, decision, comment, ok)
		}
	}
	if _, err := signing.Approve(nil, signingtest.Pair(t, "X"), "maybe", "", time.Now()); err == nil || !strings.Contains(err.Error(), "unknown decision") {
		t.Errorf("Approve with an unknown decision: %v", err)
	}
}

// TestCommentsSurviveSigning: the operator's comment reaches verify as
// written, except what pdfsign's unescaped UTF-16 strings cannot carry.
func TestCommentsSurviveSigning(t *testing.T) {
	pdf := signed(t)
	cases := []struct{ comment, want string }{
		{"Hyväksytty (tuotantoon).", "Hyväksytty (tuotantoon)."},
		{"Korjatkaa (EP-SEC-04 ennen käyttöönottoa.", "Korjatkaa [EP-SEC-04 ennen käyttöönottoa."},
		{"Polku C:\\tiedot ja rivi\nkaksi – ok", "Polku C:/tiedot ja rivi kaksi – ok"},
		// The reason's " — " makes every reason UTF-16, so a backslash never survives.
		{"plain ASCII (with parens) and \\ backslash", "plain ASCII (with parens) and / backslash"},
	}
	for _, c := range cases {
		out, err := signing.Approve(pdf, signingtest.Pair(t, "Opetushallitus"), signing.ChangesRequested, c.comment, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		o, err := verify.Bytes(context.Background(), "r.pdf", out, verify.Options{SkipTrust: true})
		if err != nil {
			t.Fatal(err)
		}
		if o.DecisionComment != c.want || !o.OK {
			t.Errorf("comment %q: verify read %q (ok=%v, %q), want %q", c.comment, o.DecisionComment, o.OK, o.Problems, c.want)
		}
	}
}
