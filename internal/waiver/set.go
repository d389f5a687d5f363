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
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
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
	// A trusted certificate is taken as it is, whatever its dates: the
	// signer's own certificate must have been valid when it signed.
	if issued.Before(cert.NotBefore) || issued.After(cert.NotAfter) {
		return cert, fmt.Errorf("signed by %s, whose certificate is valid from %s to %s, not at the waiver's issue time %s", subject(cert), cert.NotBefore.UTC().Format(time.RFC3339), cert.NotAfter.UTC().Format(time.RFC3339), f.Payload.Issued)
	}
	return cert, nil
}

// Honoured says whether a trusted waiver applies to an audit made at t:
// it was issued no later than t, expires at most MaxValidity months after
// its issue, and has not expired at t. The error says why not, in lang.
func (c *Checked) Honoured(t time.Time, lang string) error {
	p := c.File.Payload
	tr := func(k string, a ...any) error { return fmt.Errorf(i18n.Raw(lang, k), a...) }
	// Named by its content, not its file: the message is part of the report.
	name := c.File.ID()
	if len(name) > 12 {
		name = name[:12]
	}
	issued, err := time.Parse(time.RFC3339, p.Issued)
	if err != nil {
		return tr("waiver %s: its issue time %q is not an RFC 3339 time", name, p.Issued)
	}
	exp, err := p.ExpiryDate()
	if err != nil {
		return tr("waiver %s: its expiry %q is not a date", name, p.Expires)
	}
	switch {
	case issued.After(t):
		return tr("waiver %s was issued on %s, after the audit's time %s: a waiver applies only to audits after its issue", name, p.Issued, t.UTC().Format(time.RFC3339))
	case exp.After(day(issued).AddDate(0, MaxValidity, 0)):
		return tr("waiver %s runs from %s to %s, longer than the %d months a waiver may last", name, day(issued).Format(time.DateOnly), p.Expires, MaxValidity)
	case p.ExpiredAt(t):
		return tr("waiver %s expired on %s, before the audit's time %s", name, p.Expires, t.UTC().Format(time.RFC3339))
	}
	return nil
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
		data, err := safefile.ReadFile(p)
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
		if w.Honoured(now, "en") == nil {
			return w, true
		}
	}
	if len(list) > 0 {
		return list[0], false
	}
	return nil, false
}

// Lookup implements audit.WaiverSource: only a trusted waiver honoured at
// now counts (see Honoured), so any other leaves the result at its real
// status.
func (s *Set) Lookup(businessID, requirement string, now time.Time) *audit.Waiver {
	if w, ok := s.Find(businessID, requirement, now); ok {
		return w.Waiver()
	}
	return nil
}

// NotHonoured says in lang why no trusted waiver applies to a member's
// requirement at now although the operator gave some ("" when it gave
// none, or one applies). A waiver that is not trusted is named on the
// command's standard error instead: the signed report embeds the waivers
// its messages name (Applied), and verify must judge them alike.
func (s *Set) NotHonoured(businessID, requirement string, now time.Time, lang string) string {
	if _, ok := s.Find(businessID, requirement, now); ok {
		return ""
	}
	var why []string
	for _, w := range s.byKey[key(businessID, requirement)] {
		if err := w.Honoured(now, lang); err != nil {
			why = append(why, err.Error())
		}
	}
	if len(why) == 0 {
		return ""
	}
	return fmt.Sprintf(i18n.Raw(lang, "waiver not honoured: %s"), strings.Join(why, "; "))
}

// Applied returns the raw files of the waivers that rep's results name:
// for each waived result the waiver Lookup gives at the report's time, for
// each other the trusted waivers its message says were not honoured; once
// each, in result order.
func (s *Set) Applied(rep *audit.Report) [][]byte {
	at, err := time.Parse(time.RFC3339, rep.GeneratedAt)
	if err != nil {
		return nil
	}
	var out [][]byte
	seen := map[*Checked]bool{}
	for _, r := range rep.Results {
		if r.Status == audit.Waived {
			if c, ok := s.Find(rep.Member.BusinessID, r.ID, at); ok && !seen[c] {
				seen[c] = true
				out = append(out, c.Raw)
			}
			continue
		}
		// The trusted waivers a result's message says were not honoured.
		if s.NotHonoured(rep.Member.BusinessID, r.ID, at, "en") == "" {
			continue
		}
		for _, c := range s.byKey[key(rep.Member.BusinessID, r.ID)] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c.Raw)
			}
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
