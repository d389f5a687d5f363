package waiver

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
)

// Checked is a waiver file whose signature verifies and whose signer is a
// trusted operator.
type Checked struct {
	File        *File
	Path        string
	Signer      *x509.Certificate
	Fingerprint string
	// Raw is the file as read: a signed report embeds it, so that a
	// verifier checks the operator's signature itself.
	Raw []byte
}

// Waiver is the waiver as the audit result shows it.
func (c *Checked) Waiver() *audit.Waiver {
	p := c.File.Payload
	return &audit.Waiver{Reason: p.Reason, Approver: p.Approver, Expires: p.Expires}
}

// Check verifies a waiver file's signature and that its signer is trusted:
// one of the operator's certificates in trust, or issued by a CA there. The
// trust is judged at the waiver's issue time, so a waiver outlives a later
// rotation of the operator's certificate; expiry is judged separately, at
// the audit time.
func Check(f *File, trust []*x509.Certificate) (*x509.Certificate, error) {
	cert, chain, err := f.VerifySignature()
	if err != nil {
		return nil, err
	}
	issued, err := time.Parse(time.RFC3339, f.Payload.Issued)
	if err != nil {
		return nil, fmt.Errorf("issued %q is not an RFC 3339 time", f.Payload.Issued)
	}
	if !keys.Trusted(cert, chain, trust, issued) {
		return cert, &UntrustedError{Subject: subject(cert), Fingerprint: keys.Fingerprint(cert)}
	}
	return cert, nil
}

// Read parses the waiver file at path (its bytes in data) and checks it
// against the operator's certificates in trust (see Check); the error names
// the file and, when it parses, the member and requirement.
func Read(path string, data []byte, trust []*x509.Certificate) (*Checked, error) {
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("waiver %s: %w", path, err)
	}
	cert, err := Check(f, trust)
	if err != nil {
		return nil, fmt.Errorf("waiver %s (%s, %s): refused: %w", path, f.Payload.BusinessID, f.Payload.Requirement, err)
	}
	return &Checked{File: f, Path: path, Signer: cert, Fingerprint: keys.Fingerprint(cert), Raw: append([]byte(nil), data...)}, nil
}

// UntrustedError is a waiver signed by a key that is not the operator's.
type UntrustedError struct {
	Subject     string
	Fingerprint string
}

func (e *UntrustedError) Error() string {
	return fmt.Sprintf("signed by %s (certificate SHA-256 %s), which is not a trusted operator certificate: only the operator grants waivers, a member cannot waive its own requirements (if this is the operator's certificate, put it in the --operators directory)", e.Subject, e.Fingerprint)
}

func subject(c *x509.Certificate) string {
	if len(c.Subject.Organization) > 0 && c.Subject.Organization[0] != c.Subject.CommonName {
		return fmt.Sprintf("%q (%s)", c.Subject.CommonName, c.Subject.Organization[0])
	}
	return fmt.Sprintf("%q", c.Subject.CommonName)
}

// Set holds the trusted waivers of a directory; it implements
// audit.WaiverSource.
type Set struct {
	byKey map[string][]*Checked
	// Refused lists the waiver files that were not accepted, with why.
	Refused []error
}

func key(businessID, requirement string) string { return businessID + "\x00" + requirement }

// LoadDir reads every *.json file in dir and keeps the waivers whose
// signature verifies and whose signer is trusted. Files that fail are listed
// in Set.Refused (the audit goes on without them); an unreadable directory
// is an error.
func LoadDir(dir string, trust []*x509.Certificate) (*Set, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--waivers: %w", err)
	}
	s := &Set{byKey: map[string][]*Checked{}}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			s.Refused = append(s.Refused, fmt.Errorf("waiver %s: %w", p, err))
			continue
		}
		if err := s.Add(p, data, trust); err != nil {
			s.Refused = append(s.Refused, err)
		}
	}
	return s, nil
}

// Add checks one waiver file's content and keeps it when trusted.
func (s *Set) Add(path string, data []byte, trust []*x509.Certificate) error {
	if s.byKey == nil {
		s.byKey = map[string][]*Checked{}
	}
	c, err := Read(path, data, trust)
	if err != nil {
		return err
	}
	f := c.File
	k := key(f.Payload.BusinessID, f.Payload.Requirement)
	s.byKey[k] = append(s.byKey[k], c)
	// The waiver that lasts longest first.
	sort.SliceStable(s.byKey[k], func(i, j int) bool {
		return s.byKey[k][i].File.Payload.Expires > s.byKey[k][j].File.Payload.Expires
	})
	return nil
}

// Len is the number of trusted waivers.
func (s *Set) Len() int {
	n := 0
	for _, v := range s.byKey {
		n += len(v)
	}
	return n
}

// Find returns the trusted waiver for a member's requirement that is valid
// at now; when only expired ones exist, it returns the latest of those with
// valid false.
func (s *Set) Find(businessID, requirement string, now time.Time) (c *Checked, valid bool) {
	list := s.byKey[key(businessID, requirement)]
	for _, w := range list {
		if !w.File.Payload.ExpiredAt(now) {
			return w, true
		}
	}
	if len(list) > 0 {
		return list[0], false
	}
	return nil, false
}

// Lookup implements audit.WaiverSource: only an unexpired, trusted waiver
// counts, so an expired one leaves the result at its real status.
func (s *Set) Lookup(businessID, requirement string, now time.Time) *audit.Waiver {
	if w, ok := s.Find(businessID, requirement, now); ok {
		return w.Waiver()
	}
	return nil
}

// Applied returns the raw files of the waivers that made rep's results
// waived: for each waived result, the waiver Lookup gives at the report's
// time, once each, in result order.
func (s *Set) Applied(rep *audit.Report) [][]byte {
	at, err := time.Parse(time.RFC3339, rep.GeneratedAt)
	if err != nil {
		return nil
	}
	var out [][]byte
	seen := map[*Checked]bool{}
	for _, r := range rep.Results {
		if r.Status != audit.Waived {
			continue
		}
		if c, ok := s.Find(rep.Member.BusinessID, r.ID, at); ok && !seen[c] {
			seen[c] = true
			out = append(out, c.Raw)
		}
	}
	return out
}

var _ audit.WaiverSource = (*Set)(nil)

// Bundle is the JSON array of waiver files that a signed report embeds
// (reports.AttachmentWaivers); each file must be a JSON document.
func Bundle(files [][]byte) ([]byte, error) {
	list := make([]json.RawMessage, len(files))
	for i, f := range files {
		if !json.Valid(f) {
			return nil, fmt.Errorf("waiver %d of %d is not JSON", i+1, len(files))
		}
		list[i] = f
	}
	return json.MarshalIndent(list, "", "  ")
}

// Unbundle splits an embedded JSON array of waiver files.
func Unbundle(data []byte) ([][]byte, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("not a JSON array of waiver files: %w", err)
	}
	out := make([][]byte, len(list))
	for i, r := range list {
		out[i] = r
	}
	return out, nil
}
