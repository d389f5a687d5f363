// Package waiver issues and checks operator waivers: signed, time-limited
// exceptions for one member's requirement.
//
// # File format (mpassaudit/waiver/v1)
//
// A waiver file is one JSON document:
//
//	{
//	  "payload": {
//	    "schema": "mpassaudit/waiver/v1",
//	    "business_id": "0245437-2",
//	    "member": "Esimerkkikunta",          (optional, for people reading the file)
//	    "requirement": "EP-SEC-05",
//	    "reason": "…",
//	    "approver": "…",
//	    "issued": "2026-11-27T12:00:00Z",
//	    "expires": "2027-03-31",
//	    "catalog_version": "2026.11.1"
//	  },
//	  "signature": {
//	    "algorithm": "ECDSA-SHA256" | "RSA-PKCS1v15-SHA256",
//	    "value": "<base64 signature>",
//	    "certificate": "<base64 DER of the signer's certificate>",
//	    "chain": ["<base64 DER>", …]          (optional intermediates)
//	  }
//	}
//
// The signature is over the payload's canonical bytes: the payload encoded as
// compact JSON with its keys in the order above, empty optional keys left
// out, UTF-8 without HTML escaping and no trailing newline (what
// Payload.Canonical returns). A verifier decodes the payload strictly
// (unknown keys are refused), re-encodes it canonically and checks the
// signature over SHA-256 of those bytes: ECDSA as ASN.1 DER, RSA as PKCS #1
// v1.5.
//
// A waiver is valid up to and including its expiry date (UTC): an audit made
// on the day after fails again.
package waiver

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Schema names the waiver payload format.
const Schema = "mpassaudit/waiver/v1"

// MaxValidity is how far ahead a waiver may expire.
const MaxValidity = 12 // months

// Payload is what the operator grants.
type Payload struct {
	Schema         string `json:"schema"`
	BusinessID     string `json:"business_id"`
	Member         string `json:"member,omitempty"`
	Requirement    string `json:"requirement"`
	Reason         string `json:"reason"`
	Approver       string `json:"approver"`
	Issued         string `json:"issued"`
	Expires        string `json:"expires"`
	CatalogVersion string `json:"catalog_version,omitempty"`
}

// Signature is the operator's signature over the payload's canonical bytes.
type Signature struct {
	Algorithm   string   `json:"algorithm"`
	Value       string   `json:"value"`
	Certificate string   `json:"certificate"`
	Chain       []string `json:"chain,omitempty"`
}

// File is a waiver file.
type File struct {
	Payload   Payload   `json:"payload"`
	Signature Signature `json:"signature"`
}

// Signature algorithms.
const (
	AlgECDSA = "ECDSA-SHA256"
	AlgRSA   = "RSA-PKCS1v15-SHA256"
)

// Canonical returns the bytes the signature covers.
func (p Payload) Canonical() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // a struct of strings always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// ExpiryDate parses the payload's expiry date.
func (p Payload) ExpiryDate() (time.Time, error) {
	t, err := time.Parse(time.DateOnly, p.Expires)
	if err != nil {
		return time.Time{}, fmt.Errorf("expires %q: give a date as 2027-03-31", p.Expires)
	}
	return t, nil
}

// ExpiredAt reports whether the waiver no longer applies at t: it is valid
// through the whole expiry day (UTC).
func (p Payload) ExpiredAt(t time.Time) bool {
	exp, err := p.ExpiryDate()
	if err != nil {
		return true
	}
	return !t.UTC().Before(exp.AddDate(0, 0, 1))
}

// Request is what `waive` asks for.
type Request struct {
	BusinessID     string
	Member         string
	Requirement    string
	Reason         string
	Approver       string
	Expires        string // YYYY-MM-DD
	CatalogVersion string
	Now            time.Time
}

// Check validates a request: every field present, a well-formed business ID,
// and an expiry in the future and at most 12 months ahead.
func (r Request) Check() error {
	var errs []error
	for _, f := range []struct{ name, v string }{
		{"--business-id", r.BusinessID}, {"--requirement", r.Requirement},
		{"--reason", r.Reason}, {"--approver", r.Approver}, {"--expires", r.Expires},
	} {
		if strings.TrimSpace(f.v) == "" {
			errs = append(errs, fmt.Errorf("%s is mandatory", f.name))
		}
	}
	if r.BusinessID != "" {
		if err := CheckBusinessID(r.BusinessID); err != nil {
			errs = append(errs, fmt.Errorf("--business-id: %w", err))
		}
	}
	if r.Expires != "" {
		exp, err := time.Parse(time.DateOnly, r.Expires)
		if err != nil {
			errs = append(errs, fmt.Errorf("--expires %q: give a date as 2027-03-31", r.Expires))
		} else {
			today := day(r.Now)
			limit := today.AddDate(0, MaxValidity, 0)
			switch {
			case exp.Before(today):
				errs = append(errs, fmt.Errorf("--expires %s is in the past (today is %s)", r.Expires, today.Format(time.DateOnly)))
			case exp.After(limit):
				errs = append(errs, fmt.Errorf("--expires %s is more than %d months ahead: the latest allowed date is %s", r.Expires, MaxValidity, limit.Format(time.DateOnly)))
			}
		}
	}
	return errors.Join(errs...)
}

func day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// CheckBusinessID checks a Finnish business ID (Y-tunnus) NNNNNNN-C: the
// check digit uses weights 7,9,10,5,8,4,2; r = sum mod 11; r = 0 → 0, r = 1
// is never issued, else 11 − r.
func CheckBusinessID(id string) error {
	if len(id) != 9 || id[7] != '-' {
		return fmt.Errorf("%q is not a business ID of the form 1234567-8", id)
	}
	weights := []int{7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		c := id[i]
		if c < '0' || c > '9' {
			return fmt.Errorf("%q is not a business ID of the form 1234567-8", id)
		}
		sum += int(c-'0') * w
	}
	r := sum % 11
	if r == 1 || id[8] < '0' || id[8] > '9' {
		return fmt.Errorf("%q has an invalid check digit", id)
	}
	want := 0
	if r != 0 {
		want = 11 - r
	}
	if int(id[8]-'0') != want {
		return fmt.Errorf("%q has an invalid check digit (expected %d)", id, want)
	}
	return nil
}

// Issue checks the request and signs a waiver with the operator's key.
func Issue(r Request, key crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) (*File, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	p := Payload{
		Schema: Schema, BusinessID: r.BusinessID, Member: r.Member, Requirement: r.Requirement,
		Reason: r.Reason, Approver: r.Approver, Issued: r.Now.UTC().Format(time.RFC3339),
		Expires: r.Expires, CatalogVersion: r.CatalogVersion,
	}
	return Sign(p, key, cert, chain)
}

// Sign signs a payload as is (Issue checks it first).
func Sign(p Payload, key crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) (*File, error) {
	if cert == nil {
		return nil, errors.New("no signing certificate")
	}
	alg, err := algorithm(key.Public())
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(p.Canonical())
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("signing the waiver: %w", err)
	}
	f := &File{Payload: p, Signature: Signature{
		Algorithm:   alg,
		Value:       base64.StdEncoding.EncodeToString(sig),
		Certificate: base64.StdEncoding.EncodeToString(cert.Raw),
	}}
	for _, c := range chain {
		f.Signature.Chain = append(f.Signature.Chain, base64.StdEncoding.EncodeToString(c.Raw))
	}
	return f, nil
}

func algorithm(pub crypto.PublicKey) (string, error) {
	switch pub.(type) {
	case *ecdsa.PublicKey:
		return AlgECDSA, nil
	case *rsa.PublicKey:
		return AlgRSA, nil
	}
	return "", fmt.Errorf("a %T key cannot sign waivers: use an ECDSA or RSA key (mpassaudit keys new)", pub)
}

// Marshal encodes a waiver file, indented for people reading it.
func (f *File) Marshal() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(f)
	return b.Bytes()
}

// Parse decodes a waiver file strictly: unknown keys are refused, since the
// signature covers only the known ones.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a waiver file: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not a waiver file: data after the JSON document")
	}
	if f.Payload.Schema != Schema {
		return nil, fmt.Errorf("not a waiver file: schema %q, expected %q", f.Payload.Schema, Schema)
	}
	if _, err := f.Payload.ExpiryDate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// Signer returns the certificate and chain embedded in the signature.
func (f *File) Signer() (*x509.Certificate, []*x509.Certificate, error) {
	der, err := base64.StdEncoding.DecodeString(f.Signature.Certificate)
	if err != nil {
		return nil, nil, fmt.Errorf("signature certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("signature certificate: %w", err)
	}
	var chain []*x509.Certificate
	for i, s := range f.Signature.Chain {
		der, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, nil, fmt.Errorf("signature chain[%d]: %w", i, err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, nil, fmt.Errorf("signature chain[%d]: %w", i, err)
		}
		chain = append(chain, c)
	}
	return cert, chain, nil
}

// VerifySignature checks that the signature over the payload's canonical
// bytes was made by the embedded certificate's key. It says nothing about
// whether that key is trusted.
func (f *File) VerifySignature() (*x509.Certificate, []*x509.Certificate, error) {
	cert, chain, err := f.Signer()
	if err != nil {
		return nil, nil, err
	}
	sig, err := base64.StdEncoding.DecodeString(f.Signature.Value)
	if err != nil {
		return nil, nil, fmt.Errorf("signature value: %w", err)
	}
	digest := sha256.Sum256(f.Payload.Canonical())
	alg, err := algorithm(cert.PublicKey)
	if err != nil {
		return nil, nil, err
	}
	if alg != f.Signature.Algorithm {
		return nil, nil, fmt.Errorf("signature algorithm %q does not match the certificate's %s key", f.Signature.Algorithm, alg)
	}
	switch pub := cert.PublicKey.(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(pub, digest[:], sig) {
			return nil, nil, errors.New("the signature does not match the waiver's content (changed after signing?)")
		}
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			return nil, nil, errors.New("the signature does not match the waiver's content (changed after signing?)")
		}
	}
	return cert, chain, nil
}

// ID identifies a waiver: SHA-256 (hex) of its canonical payload.
func (f *File) ID() string {
	s := sha256.Sum256(f.Payload.Canonical())
	return hex.EncodeToString(s[:])
}
