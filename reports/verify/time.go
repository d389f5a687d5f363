package verify

import (
	"bufio"
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// Tolerance is how far a signer's claimed signing time may lie from the
// report's generated_at, and how far in the future it may lie: clocks
// differ by a few minutes, a back-dated signature by more.
const Tolerance = 10 * time.Minute

// Timestamp is the RFC 3161 timestamp of a signature (PAdES B-T).
type Timestamp struct {
	Time        time.Time `json:"time"`
	TSA         string    `json:"tsa"`             // the authority's certificate subject
	Fingerprint string    `json:"tsa_fingerprint"` // SHA-256 of its certificate
	Trusted     bool      `json:"trusted"`         // its certificate is in --tsa-trust
}

var oidTimestampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}

// checkTimestamp reads the signature timestamp token of a CMS signer, if
// any: the token must verify, be for this signature value, and is trusted
// only when its authority's certificate is in trust.
func checkTimestamp(p7 *pkcs7.PKCS7, trust []*x509.Certificate) (*Timestamp, error) {
	if len(p7.Signers) != 1 {
		return nil, nil
	}
	si := p7.Signers[0]
	var token []byte
	for _, a := range si.UnauthenticatedAttributes {
		if !a.Type.Equal(oidTimestampToken) {
			continue
		}
		if token != nil {
			return nil, fmt.Errorf("it carries two timestamp tokens")
		}
		var raw asn1.RawValue
		if _, err := asn1.Unmarshal(a.Value.Bytes, &raw); err != nil {
			return nil, fmt.Errorf("its timestamp token cannot be read (%v)", err)
		}
		token = raw.FullBytes
	}
	if token == nil {
		return nil, nil
	}
	ts, err := timestamp.Parse(token)
	if err != nil {
		return nil, fmt.Errorf("its timestamp token does not verify (%v)", err)
	}
	if !ts.AddTSACertificate {
		return nil, fmt.Errorf("its timestamp token carries no certificate of the time-stamping authority")
	}
	if !ts.HashAlgorithm.Available() {
		return nil, fmt.Errorf("its timestamp token uses an unknown hash")
	}
	h := ts.HashAlgorithm.New()
	h.Write(si.EncryptedDigest)
	if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
		return nil, fmt.Errorf("its timestamp token is for another signature value: it was moved from another signature")
	}
	tp7, err := pkcs7.Parse(token)
	if err != nil {
		return nil, fmt.Errorf("its timestamp token cannot be read (%v)", err)
	}
	tsa := tp7.GetOnlySigner()
	if tsa == nil {
		return nil, fmt.Errorf("its timestamp token has no single signer")
	}
	var chain []*x509.Certificate
	for _, c := range tp7.Certificates {
		if !c.Equal(tsa) {
			chain = append(chain, c)
		}
	}
	out := &Timestamp{Time: ts.Time.UTC(), TSA: tsa.Subject.String(), Fingerprint: keys.Fingerprint(tsa)}
	out.Trusted = len(trust) > 0 && validAt(tsa, ts.Time) && timeStamping(tsa) && keys.Trusted(tsa, chain, trust, ts.Time)
	return out, nil
}

func timeStamping(c *x509.Certificate) bool {
	for _, u := range c.ExtKeyUsage {
		if u == x509.ExtKeyUsageTimeStamping {
			return true
		}
	}
	return false
}

func validAt(c *x509.Certificate, t time.Time) bool {
	return !t.Before(c.NotBefore) && !t.After(c.NotAfter)
}

// validity explains why a certificate is not valid at t ("" when it is),
// in the verifier's language.
func (o *Outcome) validity(c *x509.Certificate, t time.Time) string {
	switch {
	case t.Before(c.NotBefore):
		return o.t("is not valid before %s", c.NotBefore.UTC().Format(time.RFC3339))
	case t.After(c.NotAfter):
		return o.t("expired on %s", c.NotAfter.UTC().Format(time.RFC3339))
	}
	return ""
}

// Revocation is one revoked certificate of a revoked.txt.
type Revocation struct {
	Fingerprint string    // as keys.Fingerprint writes it
	Since       time.Time // zero: revoked for everything it ever signed
	Where       string    // file:line
}

// RevokedFile is the file of revoked certificates in a trust directory.
const RevokedFile = "revoked.txt"

// LoadRevoked reads dir/revoked.txt, if there is one: one SHA-256
// fingerprint a line (hex, colons optional), optionally followed by the
// date or time of revocation (YYYY-MM-DD or RFC 3339); # starts a comment.
func LoadRevoked(dir string) ([]Revocation, error) {
	p := filepath.Join(dir, RevokedFile)
	data, err := safefile.ReadFile(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Revocation
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", p, n)
		fp := strings.ToUpper(strings.ReplaceAll(f[0], ":", ""))
		if b, err := hex.DecodeString(fp); err != nil || len(b) != 32 {
			return nil, fmt.Errorf("%s: %q is not a SHA-256 fingerprint (64 hex digits, as mpassaudit verify shows it)", where, f[0])
		}
		r := Revocation{Where: where}
		for i := 0; i < len(fp); i += 2 {
			if i > 0 {
				r.Fingerprint += ":"
			}
			r.Fingerprint += fp[i : i+2]
		}
		if len(f) > 1 {
			t, err := time.Parse(time.RFC3339, f[1])
			if err != nil {
				t, err = time.Parse("2006-01-02", f[1])
			}
			if err != nil {
				return nil, fmt.Errorf("%s: the revocation time %q is neither YYYY-MM-DD nor RFC 3339", where, f[1])
			}
			r.Since = t.UTC()
		}
		if len(f) > 2 {
			return nil, fmt.Errorf("%s: expected a fingerprint and an optional date, found %d fields (a comment starts with #)", where, len(f))
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// judgeTime checks when a signature was made and that its certificate
// was valid then: with a trusted timestamp at the timestamp's time; without
// one the signer's own claim is all there is, so the certificate must be
// valid at the claimed time and now, and the claim must fit the report.
func (o *Outcome) judgeTime(i int, s *Signature, opts Options, generated time.Time) {
	if s.cert == nil {
		return
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	label := o.t("signature %d (%s)", i+1, s.Signer)
	if s.tsErr != "" {
		o.problem("%s: %s", label, s.tsErr)
	}
	if ts := s.Timestamp; ts != nil && !ts.Trusted {
		hint := o.t("copy its certificate (or its CA's) into a --tsa-trust directory if you trust it")
		if len(opts.TSATrust) == 0 {
			hint = o.t("no --tsa-trust directory was given")
		}
		o.note("signature %d carries a timestamp of %s by %s (SHA-256 %s), which is not trusted (%s): the signer's own time claim is judged instead", i+1, ts.Time.Format(time.RFC3339), ts.TSA, ts.Fingerprint, hint)
	}
	trusted := s.Timestamp != nil && s.Timestamp.Trusted
	// Revocation: what a revoked certificate signed counts only when a
	// trusted timestamp proves it was signed before the revocation.
	for _, r := range opts.Revoked {
		if r.Fingerprint != s.Fingerprint {
			continue
		}
		switch {
		case trusted && !r.Since.IsZero() && s.Timestamp.Time.Before(r.Since):
			o.note("signature %d: its certificate was revoked on %s (%s), after the trusted timestamp %s: the signature stands", i+1, r.Since.Format(time.RFC3339), r.Where, s.Timestamp.Time.Format(time.RFC3339))
		case r.Since.IsZero():
			o.problem("%s: its certificate (SHA-256 %s) is revoked (%s): nothing it signed is accepted", label, s.Fingerprint, r.Where)
		case trusted:
			o.problem("%s: its certificate (SHA-256 %s) was revoked on %s (%s), and the trusted timestamp %s is after that", label, s.Fingerprint, r.Since.Format(time.RFC3339), r.Where, s.Timestamp.Time.Format(time.RFC3339))
		default:
			o.problem("%s: its certificate (SHA-256 %s) was revoked on %s (%s), and no trusted timestamp proves the signature was made before that (the signer claims %s)", label, s.Fingerprint, r.Since.Format(time.RFC3339), r.Where, claimed(s))
		}
	}
	if trusted {
		at := s.Timestamp.Time
		if why := o.validity(s.cert, at); why != "" {
			o.problem("%s: the signer's certificate %s, and the trusted timestamp says it signed at %s", label, why, at.Format(time.RFC3339))
		}
		if !generated.IsZero() && at.Before(generated.Add(-Tolerance)) {
			o.problem("%s: the trusted timestamp %s is before the report's generated_at %s: the report cannot have been signed before it was made", label, at.Format(time.RFC3339), generated.Format(time.RFC3339))
		}
		return
	}
	if s.SignedAt.IsZero() {
		o.problem("%s carries no signing time and no trusted timestamp: when it was made cannot be judged", label)
		return
	}
	at := s.SignedAt
	if why := o.validity(s.cert, at); why != "" {
		o.problem("%s: the signer's certificate %s, but the signer claims to have signed at %s", label, why, at.Format(time.RFC3339))
	}
	if why := o.validity(s.cert, now); why != "" {
		o.problem("%s: the signer's certificate %s; without a trusted timestamp (PAdES B-T, --tsa when signing, --tsa-trust here) a signature by an expired certificate cannot be shown to have been made while it was valid", label, why)
	}
	if at.After(now.Add(Tolerance)) {
		o.problem("%s claims a signing time %s in the future (now %s)", label, at.Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if generated.IsZero() {
		return
	}
	switch d := at.Sub(generated); {
	case s.Role == "member" && (d > Tolerance || d < -Tolerance):
		o.problem("%s claims a signing time %s, but the report says it was generated at %s: the member signs the report when it is made (%s apart, more than %s)", label, at.Format(time.RFC3339), generated.Format(time.RFC3339), d.Round(time.Minute).Abs(), Tolerance)
	case s.Role != "member" && d < -Tolerance:
		o.problem("%s claims a signing time %s before the report was generated (%s)", label, at.Format(time.RFC3339), generated.Format(time.RFC3339))
	}
}

func claimed(s *Signature) string {
	if s.SignedAt.IsZero() {
		return "no time"
	}
	return s.SignedAt.Format(time.RFC3339)
}
