package verify

import (
	"crypto/x509"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
)

// checkSigner checks that the member's signer speaks for the member the
// report names: a trusted certificate of one member must not sign another
// member's report.
func (o *Outcome) checkSigner() {
	if len(o.Signatures) == 0 || o.Signatures[0].Role != signing.RoleMember || o.Signatures[0].Fingerprint == "" {
		return
	}
	s, m := o.Signatures[0], o.Report.Member
	signer := s.Organisation
	if signer == "" {
		signer = s.Signer
	}
	switch {
	case s.BusinessID != "" && waiver.CheckBusinessID(s.BusinessID) != nil:
		// Another PKI's serialNumber (a person's id, say): not a claim
		// about which member signs.
		o.note("the signer's certificate names %q, which is not a business ID: check that %s (certificate SHA-256 %s) signs for %s", s.BusinessID, signer, s.Fingerprint, memberName(m))
	case s.BusinessID == "":
		o.note("the signer's certificate names no business ID: check that %s (certificate SHA-256 %s) signs for %s", signer, s.Fingerprint, memberName(m))
	case s.BusinessID != m.BusinessID:
		o.problem("signature 1 (%s) is by a certificate for business ID %s, but the report is for %s: a member signs only its own report (certificate SHA-256 %s)", signer, s.BusinessID, memberName(m), s.Fingerprint)
	}
}

func memberName(m audit.Member) string {
	if m.BusinessID == "" {
		return fmt.Sprintf("%s (no business ID)", m.Name)
	}
	return fmt.Sprintf("%s (business ID %s)", m.Name, m.BusinessID)
}

// checkWaivers checks the waivers embedded in the report: every waived
// result must be covered by one whose signature verifies, whose signer is
// one of Operators, which names the report's member and that requirement,
// and which was valid at the report's generated_at. The waivers that pass
// are kept for the re-evaluation, which applies exactly those.
func (o *Outcome) checkWaivers(opts Options) {
	rep := o.Report
	o.waivers = &waiver.Set{}
	var files [][]byte
	if o.Waivers != nil {
		var err error
		if files, err = waiver.Unbundle(o.Waivers); err != nil {
			o.problem("the embedded %s: %v", reports.AttachmentWaivers, err)
		}
	}
	// Why an embedded waiver for a member's requirement was refused.
	refused := map[string][]string{}
	for i, data := range files {
		name := fmt.Sprintf("%s[%d]", reports.AttachmentWaivers, i)
		f, err := waiver.Parse(data)
		if err != nil {
			o.problem("the embedded waiver %s: %v", name, err)
			continue
		}
		if f.Payload.BusinessID != rep.Member.BusinessID {
			o.note("the embedded waiver %s is for business ID %s (%s), not for %s: it is not applied", name, f.Payload.BusinessID, f.Payload.Requirement, memberName(rep.Member))
			continue
		}
		trust := opts.Operators
		if opts.SkipTrust {
			// Integrity only: the waiver's own certificate stands in for
			// the operator's, so that only its signature value is checked.
			if c, _, err := f.Signer(); err == nil {
				trust = []*x509.Certificate{c}
			}
		}
		if err := o.waivers.Add(name, data, trust); err != nil {
			k := f.Payload.BusinessID + " " + f.Payload.Requirement
			refused[k] = append(refused[k], err.Error())
			if len(opts.Operators) == 0 && !opts.SkipTrust {
				refused[k] = append(refused[k], "no --operators directory was given: give the operator's certificate in --operators")
			}
		}
	}
	at, err := time.Parse(time.RFC3339, rep.GeneratedAt)
	if err != nil {
		return // the re-evaluation names the bad time
	}
	for _, r := range rep.Results {
		if r.Status != audit.Waived {
			continue
		}
		head := fmt.Sprintf("%s is reported waived, but no waiver signed by a trusted operator covers it", r.ID)
		c, valid := o.waivers.Find(rep.Member.BusinessID, r.ID, at)
		switch {
		case valid:
		case c != nil && onlyExpired(c, at):
			o.problem("%s: the embedded waiver expired on %s, before the report's generated_at %s", head, c.File.Payload.Expires, rep.GeneratedAt)
		case c != nil:
			o.problem("%s: %v", head, c.Honoured(at, o.tl))
		case len(refused[rep.Member.BusinessID+" "+r.ID]) > 0:
			o.problem("%s: %s", head, strings.Join(refused[rep.Member.BusinessID+" "+r.ID], "; "))
		default:
			o.problem("%s: the report embeds no waiver for %s and %s in %s", head, memberName(rep.Member), r.ID, reports.AttachmentWaivers)
		}
	}
	// A refused waiver that covers no waived result changes nothing, but
	// the report should not carry it unnoticed.
	ks := make([]string, 0, len(refused))
	for k := range refused {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		bid, req, _ := strings.Cut(k, " ")
		if res := resultByID(rep, req); res != nil && res.Status == audit.Waived {
			continue // named in the problem above
		}
		o.note("the report embeds a waiver for %s %s that was not honoured: %s", bid, req, strings.Join(refused[k], "; "))
	}
}

func resultByID(rep *audit.Report, id string) *audit.Result {
	for i := range rep.Results {
		if rep.Results[i].ID == id {
			return &rep.Results[i]
		}
	}
	return nil
}

// onlyExpired says whether a waiver is refused at at for its expiry alone.
func onlyExpired(c *waiver.Checked, at time.Time) bool {
	p := c.File.Payload
	issued, err := time.Parse(time.RFC3339, p.Issued)
	if err != nil || issued.After(at) || !p.ExpiredAt(at) {
		return false
	}
	// Judged just before its expiry, it would be honoured.
	exp, err := p.ExpiryDate()
	return err == nil && c.Honoured(exp, "en") == nil
}
