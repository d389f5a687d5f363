package intake_test

import (
	"context"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/intake"
	"github.com/mpassaudit/mpassaudit/internal/registry"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// TestAddPDF registers a real signed report, refuses it tampered or signed
// by someone not trusted, and registers it once only.
func TestAddPDF(t *testing.T) {
	ctx := context.Background()
	full := signingtest.Full(t, "fi")
	member := signingtest.Pair(t, "Äänekosken kaupunki")
	stranger := signingtest.Pair(t, "Joku muu")
	pdf, err := signing.RenderAndSign(full.Report, reports.PDFOptions{Catalog: signingtest.Engine(t).Catalog, Answers: full.Answers.Source},
		member, signingtest.Now)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pdf")
	tampered := filepath.Join(dir, "tampered.pdf")
	bad := append([]byte{}, pdf...)
	// Change one byte inside the signed range (a page's content).
	i := len(bad) / 3
	bad[i] ^= 0x01
	for p, data := range map[string][]byte{good: pdf, tampered: bad} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, err := registry.Open(ctx, filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	trust := verify.Options{Trust: []*x509.Certificate{member.Cert}}
	tests := []struct {
		name    string
		path    string
		opts    verify.Options
		wantNew bool
		wantErr bool
	}{
		{"tampered", tampered, trust, false, true},
		{"untrusted signer", good, verify.Options{Trust: []*x509.Certificate{stranger.Cert}}, false, true},
		{"verifies", good, trust, true, false},
		{"again", good, trust, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			added, _, err := intake.AddPDF(ctx, db, tc.path, tc.opts)
			var ue *intake.UnverifiedError
			if tc.wantErr {
				if !errors.As(err, &ue) {
					t.Fatalf("AddPDF error = %v, want an UnverifiedError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if added.New != tc.wantNew || added.ID != reports.ReportID(mustJSON(t, full)) {
				t.Errorf("added = %+v, want new=%v and the report's id", added, tc.wantNew)
			}
		})
	}
	h, err := db.History(ctx, registry.MemberKey(full.Report.Member))
	if err != nil || len(h) != 1 || h[0].Fingerprint == "" {
		t.Fatalf("History = %+v, %v: want the one verified report with its signer", h, err)
	}
}

func mustJSON(t *testing.T, a signingtest.Audit) []byte {
	js, err := reports.ReportJSON(a.Report)
	if err != nil {
		t.Fatal(err)
	}
	return js
}
