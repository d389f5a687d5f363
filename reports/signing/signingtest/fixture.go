// Package signingtest builds the audits that the PDF, signing and
// verification tests share: a full audit of the catalogue at hand, from the
// repository's example answers when they exist, otherwise from answers
// generated from the catalogue's own questions.
package signingtest

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/timestamp"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/keys"
)

// Now is the audit time of the tests.
// It is the clock's time when the tests start: a signature carries the
// clock's signing time, which verify requires to agree with the report's.
var Now = time.Now().UTC().Truncate(time.Second)

// Example is the example answers file the tests prefer, relative to the
// repository root.
const Example = "audits/examples/education-provider-entra.toml"

// Engine is the embedded catalogue, compiled once per test binary.
func Engine(t testing.TB) *engine.Engine {
	t.Helper()
	eng, err := engine.Cached(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// Audit is one audit: its answers file and report.
type Audit struct {
	Answers *answers.Answers
	Report  *audit.Report
}

// Full audits the example answers (or generated ones) without probes at Now
// in lang.
func Full(t testing.TB, lang string) Audit {
	t.Helper()
	e := Engine(t)
	var a *answers.Answers
	var err error
	if root := repoRoot(); root != "" {
		if _, serr := os.Stat(filepath.Join(root, Example)); serr == nil {
			// The example is written by another developer; when it does not
			// fit the catalogue at hand yet, use generated answers.
			a, err = answers.Load(filepath.Join(root, Example), e.Catalog)
			if err != nil {
				t.Logf("%s does not load (%v); using generated answers", Example, err)
				a = nil
			}
		}
	}
	if a == nil {
		src := Generate(e.Catalog, catalog.EducationProvider)
		a, err = answers.Parse("generated-answers.toml", "", src, e.Catalog)
		if err != nil {
			t.Fatalf("generated answers:\n%s\n%v", src, err)
		}
	}
	r := &audit.Runner{Engine: e, Lang: lang, Now: Now}
	rep, err := r.Run(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return Audit{Answers: a, Report: rep}
}

// Generate writes an answers file that answers every question the catalogue
// asks of kind, every other yes/no question answered "no" so that the report
// has failures to show, and texts in Finnish and Swedish letters.
func Generate(cat *catalog.Catalog, kind string) []byte {
	// TOML defines each table once: group the fields by section, sections
	// in order of first use.
	var order []string
	bySection := map[string][]catalog.Field{}
	for _, f := range cat.Fields(kind) {
		if _, ok := bySection[f.Section()]; !ok {
			order = append(order, f.Section())
		}
		bySection[f.Section()] = append(bySection[f.Section()], f)
	}
	var fields []catalog.Field
	for _, s := range order {
		fields = append(fields, bySection[s]...)
	}
	var b strings.Builder
	section := ""
	n := 0
	for _, f := range fields {
		if f.Section() != section {
			section = f.Section()
			fmt.Fprintf(&b, "\n[%s]\n", section)
		}
		var v string
		switch f.Path {
		case "member.name":
			v = `"Esimerkkikunta – Sivistystoimi (Åbo, Närpiö)"`
		case "member.business_id":
			v = `"0201256-6"`
		case "member.kind":
			v = fmt.Sprintf("%q", kind)
		case "member.environment":
			v = `"production"`
		default:
			switch f.Type {
			case "bool":
				n++
				v = fmt.Sprint(n%3 != 0)
			case "text":
				v = `"Käyttäjätilit päivittyvät yöllä hallintojärjestelmästä; lärarvikarier får egna konton."`
			case "file":
				v = `"sample.csv"`
			default:
				v = answers.Example(f)
			}
			if f.List {
				v = "[" + v + "]"
			}
		}
		fmt.Fprintf(&b, "%s = %s\n", f.Key(), v)
	}
	return []byte(strings.TrimLeft(b.String(), "\n"))
}

// repoRoot walks up from the working directory to the directory with go.mod.
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Pair makes a signing key and certificate for an organisation, failing the
// test on error.
func Pair(t testing.TB, org string) *keys.Pair {
	t.Helper()
	p, err := keys.Generate(org)
	if err != nil {
		t.Fatal(err)
	}
	return Backdate(t, p, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
}

// Backdate issues p's certificate again, valid from notBefore: what the
// tests sign or issue as of an earlier date needs a certificate valid then.
func Backdate(t testing.TB, p *keys.Pair, notBefore time.Time) *keys.Pair {
	t.Helper()
	tmpl := *p.Cert
	tmpl.NotBefore = notBefore
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, p.Key.Public(), p.Key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &keys.Pair{Key: p.Key, Cert: cert, Chain: p.Chain}
}

// PairValid makes a key and a certificate valid from notBefore to notAfter
// (an expired or not yet valid one), as another PKI would issue it.
func PairValid(t testing.TB, org string, notBefore, notAfter time.Time) *keys.Pair {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: org, Organization: []string{org}},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &keys.Pair{Key: key, Cert: cert}
}

// TSA is a time-stamping authority (RFC 3161) on a loopback test server.
type TSA struct {
	URL  string
	Cert *x509.Certificate
	// Time is the time the authority stamps (zero: the clock's).
	Time time.Time
}

// NewTSA starts a time-stamping authority on loopback for the test.
func NewTSA(t testing.TB, name string) *TSA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name, Organization: []string{name}},
		NotBefore:    time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Now().AddDate(10, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	tsa := &TSA{Cert: cert}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		at := tsa.Time
		if at.IsZero() {
			at = time.Now()
		}
		ts := timestamp.Timestamp{
			HashAlgorithm: req.HashAlgorithm, HashedMessage: req.HashedMessage,
			Time: at, Nonce: req.Nonce, Policy: asn1.ObjectIdentifier{1, 2, 3, 4, 1},
			AddTSACertificate: req.Certificates, SerialNumber: big.NewInt(at.UnixNano()),
		}
		resp, err := ts.CreateResponseWithOpts(cert, key, crypto.SHA256)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		w.Header().Set("Connection", "close")
		w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	tsa.URL = srv.URL
	return tsa
}
