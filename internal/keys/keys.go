// Package keys makes, loads and checks the signing keys and certificates of
// signed reports: a member signs its report, the operator countersigns it,
// and the operator trusts certificates (or their CAs) kept in a directory.
package keys

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// P12PasswordEnv names the environment variable that holds the password of
// a PKCS#12 file, so that it never appears on a command line.
const P12PasswordEnv = "MPASSAUDIT_P12_PASSWORD"

// Validity is how long a certificate made by Generate is valid.
const Validity = 3 * 365 * 24 * time.Hour

// OIDExtKeyUsageDocumentSigning is the Document Signing extended key usage
// (RFC 9336), which PDF validators look for.
var OIDExtKeyUsageDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// Pair is a signing key with its certificate and the chain that leads to
// the issuing CA (empty for a self-signed certificate).
type Pair struct {
	Key   crypto.Signer
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

// Subject is whom a certificate made by New names.
type Subject struct {
	Org string
	// BusinessID (Y-tunnus) goes into the subject's serialNumber attribute,
	// so that a verifier can match the signer with the report's member.
	// The caller checks its form.
	BusinessID string
}

// Generate makes an ECDSA P-256 key and a self-signed document-signing
// certificate whose subject names the organisation.
func Generate(org string) (*Pair, error) { return New(Subject{Org: org}, false) }

// GenerateRSA makes an RSA 3072 key and a self-signed certificate, for
// organisations whose tools do not accept ECDSA.
func GenerateRSA(org string) (*Pair, error) { return New(Subject{Org: org}, true) }

// New makes an ECDSA P-256 key (RSA 3072 with useRSA) and a self-signed
// document-signing certificate for the subject.
func New(s Subject, useRSA bool) (*Pair, error) {
	var key crypto.Signer
	var err error
	if useRSA {
		if key, err = rsa.GenerateKey(rand.Reader, 3072); err != nil {
			return nil, fmt.Errorf("generating the RSA key: %w", err)
		}
	} else if key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return nil, fmt.Errorf("generating the ECDSA key: %w", err)
	}
	return selfSigned(s, key, time.Now())
}

// OIDOrganizationIdentifier is the subject attribute of eIDAS organisation
// certificates (ETSI EN 319 412-1), which carries "NTRFI-" and the business
// ID in Finnish ones.
var OIDOrganizationIdentifier = asn1.ObjectIdentifier{2, 5, 4, 97}

// BusinessID returns the business ID a certificate's subject names: its
// serialNumber attribute, or an organizationIdentifier NTRFI-…; "" when it
// names none. The form is not checked here.
func BusinessID(c *x509.Certificate) string {
	if c == nil {
		return ""
	}
	if sn := strings.TrimSpace(c.Subject.SerialNumber); sn != "" {
		return sn
	}
	for _, n := range c.Subject.Names {
		if v, ok := n.Value.(string); ok && n.Type.Equal(OIDOrganizationIdentifier) && strings.HasPrefix(v, "NTRFI-") {
			return strings.TrimPrefix(v, "NTRFI-")
		}
	}
	return ""
}

func selfSigned(s Subject, key crypto.Signer, now time.Time) (*Pair, error) {
	org := strings.TrimSpace(s.Org)
	if org == "" {
		return nil, errors.New("the organisation name is empty: give the member's or operator's name")
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: org, Organization: []string{org}, SerialNumber: strings.TrimSpace(s.BusinessID)},
		NotBefore:    now.Add(-time.Hour).UTC(),
		NotAfter:     now.Add(Validity).UTC(),
		// Digital signature and non-repudiation (content commitment) are
		// the key usages of a document signature.
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{OIDExtKeyUsageDocumentSigning},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("making the certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Pair{Key: key, Cert: cert}, nil
}

// WritePEM writes PREFIX.key.pem (PKCS#8, mode 0600) and PREFIX.cert.pem
// (the certificate, then its chain). It refuses to overwrite a key.
func (p *Pair) WritePEM(prefix string) error {
	keyDER, err := x509.MarshalPKCS8PrivateKey(p.Key)
	if err != nil {
		return fmt.Errorf("encoding the key: %w", err)
	}
	keyFile, certFile := prefix+".key.pem", prefix+".cert.pem"
	f, err := os.OpenFile(keyFile, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s already exists: choose another -o prefix or remove the old key first", keyFile)
		}
		return fmt.Errorf("writing the key: %w", err)
	}
	err = pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", keyFile, err)
	}
	var certPEM bytes.Buffer
	for _, c := range append([]*x509.Certificate{p.Cert}, p.Chain...) {
		_ = pem.Encode(&certPEM, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	if err := os.WriteFile(certFile, certPEM.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", certFile, err)
	}
	return nil
}

// Load reads a signing key and certificate: a PEM key and a PEM certificate
// file (the certificate first, then any chain), or, with certFile "", a
// PKCS#12 file whose password is in $MPASSAUDIT_P12_PASSWORD.
func Load(keyFile, certFile string) (*Pair, error) {
	keyData, err := safefile.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("reading the signing key: %w", err)
	}
	if certFile == "" {
		if bytes.Contains(keyData, []byte("-----BEGIN")) {
			return nil, fmt.Errorf("%s is a PEM file: give its certificate with --sign-cert (or give a PKCS#12 file alone)", keyFile)
		}
		return loadP12(keyFile, keyData)
	}
	key, err := parseKey(keyFile, keyData)
	if err != nil {
		return nil, err
	}
	certData, err := safefile.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("reading the signing certificate: %w", err)
	}
	certs, err := parseCerts(certData)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", certFile, err)
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%s: no PEM CERTIFICATE block found", certFile)
	}
	p := &Pair{Key: key, Cert: certs[0], Chain: certs[1:]}
	if !samePublicKey(key.Public(), p.Cert.PublicKey) {
		return nil, fmt.Errorf("%s and %s do not belong together: the certificate is for another key", keyFile, certFile)
	}
	return p, nil
}

func loadP12(name string, data []byte) (*Pair, error) {
	key, cert, chain, err := pkcs12.DecodeChain(data, os.Getenv(P12PasswordEnv))
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, fmt.Errorf("%s: wrong PKCS#12 password: set it in $%s", name, P12PasswordEnv)
		}
		return nil, fmt.Errorf("%s: not a usable PKCS#12 file (%v); give a PEM key with --sign-cert instead", name, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("%s: the PKCS#12 key (%T) cannot sign", name, key)
	}
	if !samePublicKey(signer.Public(), cert.PublicKey) {
		return nil, fmt.Errorf("%s: the PKCS#12 certificate is for another key", name)
	}
	return &Pair{Key: signer, Cert: cert, Chain: chain}, nil
}

func parseKey(name string, data []byte) (crypto.Signer, error) {
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, fmt.Errorf("%s: no PEM private key found (expected PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)", name)
		}
		var key any
		var err error
		switch b.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, fmt.Errorf("%s: the key is encrypted; decrypt it (openssl pkey -in %s -out plain.key.pem) or use a PKCS#12 file", name, name)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", name, b.Type, err)
		}
		s, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%s: a %T cannot sign", name, key)
		}
		return s, nil
	}
}

func parseCerts(data []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return out, nil
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", len(out)+1, err)
		}
		out = append(out, c)
	}
}

func samePublicKey(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	switch k := a.(type) {
	case *ecdsa.PublicKey, *rsa.PublicKey, ed25519.PublicKey:
		return k.(equaler).Equal(b)
	}
	return false
}

// LoadTrust reads every PEM certificate in the files of dir (not in its
// subdirectories). A file that is not PEM is skipped; a damaged certificate
// is an error naming its file.
func LoadTrust(dir string) ([]*x509.Certificate, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("trust directory: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var out []*x509.Certificate
	for _, n := range names {
		p := filepath.Join(dir, n)
		data, err := safefile.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("trust directory: %w", err)
		}
		certs, err := parseCerts(data)
		if err != nil {
			return nil, fmt.Errorf("trust directory: %s: %w", p, err)
		}
		out = append(out, certs...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("trust directory %s has no PEM certificates: copy the members' or their CAs' *.cert.pem files there", dir)
	}
	return out, nil
}

// Fingerprint is the SHA-256 of the certificate, as upper-case hex pairs
// separated by colons (as openssl x509 -fingerprint -sha256 shows it).
func Fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// Trusted reports whether c is one of the trusted certificates itself, or a
// trusted CA verifies it (through the intermediates in chain) at time at.
func Trusted(c *x509.Certificate, chain []*x509.Certificate, trust []*x509.Certificate, at time.Time) bool {
	if c == nil {
		return false
	}
	roots := x509.NewCertPool()
	for _, t := range trust {
		if t.Equal(c) {
			return true
		}
		if t.IsCA {
			roots.AddCert(t)
		}
	}
	inter := x509.NewCertPool()
	for _, i := range chain {
		if !i.Equal(c) {
			inter.AddCert(i)
		}
	}
	_, err := c.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	return err == nil
}
