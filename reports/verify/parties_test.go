package verify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/signing/signingtest"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// TestSignerNamesTheMember: a certificate that names a business ID signs
// only that member's report; one that names none gets a note to check.
func TestSignerNamesTheMember(t *testing.T) {
	f := newFixture(t)
	bid := f.audit.Report.Member.BusinessID
	if bid == "" {
		t.Fatal("the fixture's report names no business ID")
	}
	otherBID := "0245437-2"
	if otherBID == bid {
		otherBID = "0201256-6"
	}
	newPair := func(org, id string) *keys.Pair {
		p, err := keys.New(keys.Subject{Org: org, BusinessID: id}, false)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	own, foreign, plain := newPair("Esimerkkikunta", bid), newPair("Naapurikunta", otherBID), newPair("Esimerkkikunta", "")
	personal := newPair("Esimerkkikunta", "PNOFI-010190-123A")
	cases := []struct {
		name    string
		signer  *keys.Pair
		ok      bool
		problem []string
		note    string
	}{
		{"the member's own business ID", own, true, nil, ""},
		{"another member's certificate", foreign, false, []string{"business ID " + otherBID, "business ID " + bid, "a member signs only its own report", keys.Fingerprint(foreign.Cert)}, ""},
		{"no business ID in the certificate", plain, true, nil, "the signer's certificate names no business ID: check that Esimerkkikunta"},
		{"a serialNumber that is not a business ID", personal, true, nil, `names "PNOFI-010190-123A", which is not a business ID: check that Esimerkkikunta`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf, err := signing.RenderAndSign(f.audit.Report, f.opts, c.signer, signingtest.Now)
			if err != nil {
				t.Fatal(err)
			}
			o := check(t, pdf, verify.Options{Trust: append(f.trust, c.signer.Cert), Operators: f.operators})
			all := strings.Join(o.Problems, "\n")
			if o.OK != c.ok {
				t.Fatalf("ok = %v, problems:\n%s", o.OK, all)
			}
			for _, w := range c.problem {
				if !strings.Contains(all, w) {
					t.Errorf("no problem says %q; problems:\n%s", w, all)
				}
			}
			notes := strings.Join(o.Notes, "\n")
			if c.note != "" && (!strings.Contains(notes, c.note) || !strings.Contains(notes, bid)) {
				t.Errorf("no note says %q for %s; notes:\n%s", c.note, bid, notes)
			}
			if c.note == "" && strings.Contains(notes, "names no business ID") {
				t.Errorf("an unexpected note: %s", notes)
			}
		})
	}
}

// onlyWaiver is a member's altered tool: it marks one requirement waived
// whatever the waiver says (expiry, member).
type onlyWaiver struct {
	req string
	w   *audit.Waiver
}

func (s onlyWaiver) Lookup(_, req string, _ time.Time) *audit.Waiver {
	if req == s.req {
		return s.w
	}
	return nil
}

// TestWaivedResults: a waived result verifies only with an embedded waiver
// that the operator signed for this member and requirement and that was
// valid at generated_at; the re-evaluation applies exactly those.
func TestWaivedResults(t *testing.T) {
	f := newFixture(t)
	e := signingtest.Engine(t)
	// Generated answers fail some requirements (the example passes all).
	a, err := answers.Parse("generated-answers.toml", "", signingtest.Generate(e.Catalog, catalog.EducationProvider), e.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	rep0, err := (&audit.Runner{Engine: e, Lang: "fi", Now: signingtest.Now}).Run(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	bid := rep0.Member.BusinessID
	req := ""
	for _, r := range rep0.Results {
		if r.Status == audit.Fail {
			req = r.ID
			break
		}
	}
	if req == "" {
		t.Fatal("the fixture's report has no failing requirement to waive")
	}
	issue := func(p *keys.Pair, member, expires string, at time.Time) *waiver.File {
		w, err := waiver.Issue(waiver.Request{BusinessID: member, Requirement: req, Reason: "Lokipalvelu uusitaan",
			Approver: "MPASSid-operaattori", Expires: expires, Now: at}, p.Key, p.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	// Dates relative to the tests' clock: a signature carries the clock's time.
	later := signingtest.Now.AddDate(0, 4, 0).Format("2006-01-02")
	byOperator := issue(f.operator, bid, later, signingtest.Now)
	byMember := issue(f.member, bid, later, signingtest.Now)
	expired := issue(f.operator, bid, signingtest.Now.AddDate(0, -1, 0).Format("2006-01-02"), signingtest.Now.AddDate(0, -3, 0))
	otherMember := issue(f.operator, "0245437-2", later, signingtest.Now)
	if bid == "0245437-2" {
		otherMember = issue(f.operator, "0201256-6", later, signingtest.Now)
	}

	// Waivers the operator signed against the rules: issued a day after
	// the audit, and lasting five years (signed as is, as another tool would).
	future := issue(f.operator, bid, later, signingtest.Now.Add(24*time.Hour))
	long := byOperator.Payload
	long.Expires = signingtest.Now.AddDate(5, 0, 0).Format("2006-01-02")
	fiveYears, err := waiver.Sign(long, f.operator.Key, f.operator.Cert, nil)
	if err != nil {
		t.Fatal(err)
	}

	// report audits the answers again with waivers src at Now and signs
	// the PDF with the files embedded.
	report := func(src audit.WaiverSource, embed ...*waiver.File) []byte {
		t.Helper()
		r := &audit.Runner{Engine: e, Lang: "fi", Now: signingtest.Now, Waivers: src}
		rep, err := r.Run(context.Background(), a)
		if err != nil {
			t.Fatal(err)
		}
		if res := findResult(rep, req); res == nil || res.Status != audit.Waived {
			t.Fatalf("%s is not waived in the test report", req)
		}
		opts := f.opts
		opts.Answers = a.Source
		if len(embed) > 0 {
			var raw [][]byte
			for _, w := range embed {
				raw = append(raw, w.Marshal())
			}
			if opts.Waivers, err = waiver.Bundle(raw); err != nil {
				t.Fatal(err)
			}
		}
		pdf, err := signing.RenderAndSign(rep, opts, f.member, signingtest.Now)
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}
	honest := &waiver.Set{}
	if err := honest.Add("op.json", byOperator.Marshal(), f.operators); err != nil {
		t.Fatal(err)
	}
	forged := func(w *waiver.File) audit.WaiverSource {
		return onlyWaiver{req: req, w: &audit.Waiver{Reason: w.Payload.Reason, Approver: w.Payload.Approver, Expires: w.Payload.Expires}}
	}
	head := req + " is reported waived, but no waiver signed by a trusted operator covers it"
	cases := []struct {
		name string
		pdf  []byte
		opts verify.Options
		want []string // empty: verifies
	}{
		{"operator's waiver embedded", report(honest, byOperator), f.verifyOpts(), nil},
		{"operator's waiver, no --operators", report(honest, byOperator), verify.Options{Trust: f.trust},
			[]string{head, "not a trusted operator certificate", "no --operators directory was given"}},
		{"member's own waiver", report(forged(byMember), byMember), f.verifyOpts(),
			[]string{head, "not a trusted operator certificate", keys.Fingerprint(f.member.Cert), "a member cannot waive its own requirements"}},
		{"no waiver embedded", report(forged(byOperator)), f.verifyOpts(),
			[]string{head, "the report embeds no waiver for", reports.AttachmentWaivers}},
		{"expired at generated_at", report(forged(expired), expired), f.verifyOpts(),
			[]string{head, "the embedded waiver expired on " + expired.Payload.Expires + ", before the report's generated_at " + rep0.GeneratedAt}},
		{"issued after generated_at", report(forged(future), future), f.verifyOpts(),
			[]string{head, "was issued on " + future.Payload.Issued + ", after the audit's time " + rep0.GeneratedAt}},
		{"five years long", report(forged(fiveYears), fiveYears), f.verifyOpts(),
			[]string{head, "longer than the 12 months a waiver may last"}},
		{"waiver of another member", report(forged(otherMember), otherMember), f.verifyOpts(),
			[]string{head, "the report embeds no waiver for", "is for business ID " + otherMember.Payload.BusinessID + " (" + req + "), not for"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := check(t, c.pdf, c.opts)
			all := strings.Join(append(append([]string{}, o.Problems...), o.Notes...), "\n")
			if len(c.want) == 0 {
				if !o.OK || len(o.Differences) > 0 {
					t.Fatalf("verify failed: %s\ndifferences %q", all, o.Differences)
				}
				if r := findResult(o.Report, req); r == nil || r.Status != audit.Waived || r.Waiver == nil || r.Waiver.Approver != "MPASSid-operaattori" {
					t.Errorf("%s in the verified report: %+v", req, r)
				}
				if out := pdfsig(t, c.pdf); strings.Count(out, "Signature is Valid.") != 1 {
					t.Errorf("pdfsig does not find the signature valid:\n%s", out)
				}
				return
			}
			if o.OK {
				t.Fatal("verify accepted the waived result")
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("nothing says %q; problems and notes:\n%s", w, all)
				}
			}
			// Judged again, the requirement is not waived: a difference.
			if !strings.Contains(strings.Join(o.Differences, "\n"), req+": status waived in the report") {
				t.Errorf("differences %q lack %s's status", o.Differences, req)
			}
		})
	}
}

func findResult(rep *audit.Report, id string) *audit.Result {
	if rep == nil {
		return nil
	}
	for i := range rep.Results {
		if rep.Results[i].ID == id {
			return &rep.Results[i]
		}
	}
	return nil
}

// A certificate in both --trust and --operators would let that member
// decide on reports: verification refuses the configuration itself.
func TestMemberTrustedAsOperator(t *testing.T) {
	f := newFixture(t)
	o := check(t, f.signed, verify.Options{Trust: f.trust, Operators: append(f.operators, f.trust[0])})
	if o.OK || !strings.Contains(strings.Join(o.Problems, "\n"), "is both in --trust and in --operators") {
		t.Fatalf("ok=%v problems=%q", o.OK, o.Problems)
	}
}
