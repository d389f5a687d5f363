package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

func TestGenerateWriteLoad(t *testing.T) {
	p, err := Generate("Esimerkkikunta – Sivistystoimi")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Cert.Subject.Organization; len(got) != 1 || got[0] != "Esimerkkikunta – Sivistystoimi" {
		t.Errorf("subject O = %v", got)
	}
	if p.Cert.KeyUsage&x509.KeyUsageDigitalSignature == 0 || p.Cert.KeyUsage&x509.KeyUsageContentCommitment == 0 {
		t.Errorf("key usage %b lacks digital signature or non-repudiation", p.Cert.KeyUsage)
	}
	if len(p.Cert.UnknownExtKeyUsage) != 1 || !p.Cert.UnknownExtKeyUsage[0].Equal(OIDExtKeyUsageDocumentSigning) {
		t.Errorf("no document-signing EKU: %v", p.Cert.UnknownExtKeyUsage)
	}
	prefix := filepath.Join(t.TempDir(), "member")
	if err := p.WritePEM(prefix); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(prefix + ".key.pem")
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("key mode = %v, want 0600", st.Mode().Perm())
	}
	if err := p.WritePEM(prefix); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second WritePEM: %v, want an 'already exists' error", err)
	}
	back, err := Load(prefix+".key.pem", prefix+".cert.pem")
	if err != nil {
		t.Fatal(err)
	}
	if !back.Cert.Equal(p.Cert) || !back.Key.Public().(*ecdsa.PublicKey).Equal(p.Key.Public()) {
		t.Error("loaded pair differs from the written one")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	a, _ := Generate("A")
	b, _ := Generate("B")
	if err := a.WritePEM(filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	if err := b.WritePEM(filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a key\n"), 0o600)
	cases := []struct {
		name, key, cert, want string
	}{
		{"mismatch", "a.key.pem", "b.cert.pem", "do not belong together"},
		{"missing key", "none.key.pem", "a.cert.pem", "reading the signing key"},
		{"missing cert", "a.key.pem", "none.cert.pem", "reading the signing certificate"},
		{"not a key", "junk.pem", "a.cert.pem", "no PEM private key"},
		{"cert is no cert", "a.key.pem", "a.key.pem", "no PEM CERTIFICATE"},
		{"PEM without cert", "a.key.pem", "", "give its certificate with --sign-cert"},
		{"junk as PKCS#12", "junk.pem", "", "not a usable PKCS#12 file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cert := c.cert
			if cert != "" {
				cert = filepath.Join(dir, cert)
			}
			_, err := Load(filepath.Join(dir, c.key), cert)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Load = %v, want an error with %q", err, c.want)
			}
		})
	}
}

// testCA makes a CA and a leaf it issued, as an organisation's own PKI would.
func testCA(t *testing.T, now time.Time) (ca *x509.Certificate, leaf *Pair) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ = x509.ParseCertificate(der)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Member", Organization: []string{"Member Oy"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(12 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return ca, &Pair{Key: key, Cert: c, Chain: []*x509.Certificate{ca}}
}

func TestPKCS12(t *testing.T) {
	ca, leaf := testCA(t, time.Now())
	data, err := pkcs12.Modern.Encode(leaf.Key, leaf.Cert, []*x509.Certificate{ca}, "salasana")
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "org.p12")
	os.WriteFile(f, data, 0o600)

	t.Setenv(P12PasswordEnv, "väärä")
	if _, err := Load(f, ""); err == nil || !strings.Contains(err.Error(), "wrong PKCS#12 password") {
		t.Errorf("wrong password: %v", err)
	}
	t.Setenv(P12PasswordEnv, "salasana")
	p, err := Load(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Cert.Equal(leaf.Cert) || len(p.Chain) != 1 || !p.Chain[0].Equal(ca) {
		t.Errorf("PKCS#12: got %s with chain of %d", p.Cert.Subject, len(p.Chain))
	}
}

func TestTrusted(t *testing.T) {
	now := time.Now()
	ca, leaf := testCA(t, now)
	self, _ := Generate("Self Oy")
	other, _ := Generate("Other Oy")
	cases := []struct {
		name  string
		cert  *x509.Certificate
		chain []*x509.Certificate
		trust []*x509.Certificate
		at    time.Time
		want  bool
	}{
		{"self-signed in trust", self.Cert, nil, []*x509.Certificate{other.Cert, self.Cert}, now, true},
		{"self-signed not in trust", self.Cert, nil, []*x509.Certificate{other.Cert}, now, false},
		{"issued by a trusted CA", leaf.Cert, nil, []*x509.Certificate{ca}, now, true},
		{"issued by a CA not trusted", leaf.Cert, []*x509.Certificate{ca}, []*x509.Certificate{self.Cert}, now, false},
		{"CA trusted but certificate expired then", leaf.Cert, nil, []*x509.Certificate{ca}, now.Add(13 * time.Hour), false},
		{"empty trust", self.Cert, nil, nil, now, false},
		{"nil certificate", nil, nil, []*x509.Certificate{ca}, now, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Trusted(c.cert, c.chain, c.trust, c.at); got != c.want {
				t.Errorf("Trusted = %v, want %v", got, c.want)
			}
		})
	}
}

func TestLoadTrustAndFingerprint(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadTrust(dir); err == nil || !strings.Contains(err.Error(), "no PEM certificates") {
		t.Errorf("empty dir: %v", err)
	}
	a, _ := Generate("A")
	b, _ := Generate("B")
	if err := a.WritePEM(filepath.Join(dir, "a")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "b.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: b.Cert.Raw}), 0o644)
	os.WriteFile(filepath.Join(dir, "README"), []byte("certificates of members\n"), 0o644)
	got, err := LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[0].Equal(a.Cert) || !got[1].Equal(b.Cert) {
		t.Errorf("LoadTrust = %d certificates", len(got))
	}
	os.WriteFile(filepath.Join(dir, "bad.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1, 2, 3}}), 0o644)
	if _, err := LoadTrust(dir); err == nil || !strings.Contains(err.Error(), "bad.pem") {
		t.Errorf("damaged certificate: %v, want an error naming bad.pem", err)
	}
	fp := Fingerprint(a.Cert)
	if !regexp.MustCompile(`^([0-9A-F]{2}:){31}[0-9A-F]{2}$`).MatchString(fp) {
		t.Errorf("Fingerprint = %q", fp)
	}
	if fp == Fingerprint(b.Cert) {
		t.Error("two certificates share a fingerprint")
	}
}

func TestGenerateRSA(t *testing.T) {
	if testing.Short() {
		t.Skip("RSA 3072 key generation is slow")
	}
	p, err := GenerateRSA("RSA Oy")
	if err != nil {
		t.Fatal(err)
	}
	if p.Cert.PublicKeyAlgorithm != x509.RSA {
		t.Errorf("algorithm %v", p.Cert.PublicKeyAlgorithm)
	}
	if _, err := Generate("  "); err == nil {
		t.Error("empty organisation accepted")
	}
}

// TestBusinessID: New writes the business ID into the subject's
// serialNumber, and BusinessID reads it back, or from an eIDAS
// organizationIdentifier; a certificate without either names none.
func TestBusinessID(t *testing.T) {
	with, err := New(Subject{Org: "Järvelän kaupunki", BusinessID: "0201256-6"}, false)
	if err != nil {
		t.Fatal(err)
	}
	without, err := Generate("Järvelän kaupunki")
	if err != nil {
		t.Fatal(err)
	}
	eidas := &x509.Certificate{Subject: pkix.Name{Names: []pkix.AttributeTypeAndValue{{Type: OIDOrganizationIdentifier, Value: "NTRFI-0245437-2"}}}}
	for _, c := range []struct {
		name string
		cert *x509.Certificate
		want string
	}{
		{"serialNumber", with.Cert, "0201256-6"},
		{"none", without.Cert, ""},
		{"organizationIdentifier", eidas, "0245437-2"},
		{"nil", nil, ""},
	} {
		if got := BusinessID(c.cert); got != c.want {
			t.Errorf("%s: BusinessID = %q, want %q", c.name, got, c.want)
		}
	}
	if with.Cert.Subject.CommonName != "Järvelän kaupunki" {
		t.Errorf("subject %v", with.Cert.Subject)
	}
}
