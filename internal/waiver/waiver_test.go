package waiver

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func pair(t *testing.T, org string, rsa bool) *keys.Pair {
	t.Helper()
	gen := keys.Generate
	if rsa {
		gen = keys.GenerateRSA
	}
	p, err := gen(org)
	if err != nil {
		t.Fatal(err)
	}
	// Valid since 2020: the tests issue waivers as of now, before the
	// clock's time.
	tmpl := *p.Cert
	tmpl.NotBefore = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, p.Key.Public(), p.Key)
	if err != nil {
		t.Fatal(err)
	}
	if p.Cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	return p
}

func request() Request {
	return Request{
		BusinessID: "0245437-2", Member: "Esimerkkikunta", Requirement: "EP-SEC-05",
		Reason: "Lokien säilytys siirtyy uuteen järjestelmään", Approver: "Operaattori / Åsa Öberg",
		Expires: "2027-03-31", CatalogVersion: "2026.11.1", Now: now,
	}
}

func TestRequestCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Request)
		want   string // substring of the error; "" means valid
	}{
		{"valid", func(*Request) {}, ""},
		{"exactly 12 months", func(r *Request) { r.Expires = "2027-11-27" }, ""},
		{"today", func(r *Request) { r.Expires = "2026-11-27" }, ""},
		{"over 12 months", func(r *Request) { r.Expires = "2027-11-28" }, "more than 12 months ahead: the latest allowed date is 2027-11-27"},
		{"in the past", func(r *Request) { r.Expires = "2026-11-26" }, "is in the past"},
		{"no expiry", func(r *Request) { r.Expires = "" }, "--expires is mandatory"},
		{"bad date", func(r *Request) { r.Expires = "31.3.2027" }, "give a date as 2027-03-31"},
		{"no reason", func(r *Request) { r.Reason = " " }, "--reason is mandatory"},
		{"no approver", func(r *Request) { r.Approver = "" }, "--approver is mandatory"},
		{"bad business id", func(r *Request) { r.BusinessID = "0245437-3" }, "invalid check digit"},
		{"malformed business id", func(r *Request) { r.BusinessID = "245437-2" }, "form 1234567-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := request()
			tc.change(&r)
			err := r.Check()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestCheckBusinessID(t *testing.T) {
	for id, ok := range map[string]bool{
		"0245437-2": true, "1572860-0": true, "0737546-2": true,
		"0245437-1": false, "02454372": false, "A245437-2": false, "": false,
	} {
		if err := CheckBusinessID(id); (err == nil) != ok {
			t.Errorf("CheckBusinessID(%q) = %v, want ok=%v", id, err, ok)
		}
	}
}

// TestSetLookup covers the audit-time rules: a trusted, unexpired waiver
// applies; expired, untrusted and tampered ones do not.
func TestSetLookup(t *testing.T) {
	operator := pair(t, "MPASSid-operaattori", false)
	operatorRSA := pair(t, "MPASSid-operaattori RSA", true)
	member := pair(t, "Esimerkkikunta", false)
	trust := []*x509.Certificate{operator.Cert, operatorRSA.Cert}

	sign := func(p *keys.Pair, r Request) []byte {
		f, err := Issue(r, p.Key, p.Cert, p.Chain)
		if err != nil {
			t.Fatal(err)
		}
		return f.Marshal()
	}
	tamper := func(data []byte, from, to string) []byte {
		if !strings.Contains(string(data), from) {
			t.Fatalf("tamper: %q not in the waiver", from)
		}
		return []byte(strings.Replace(string(data), from, to, 1))
	}

	tests := []struct {
		name    string
		data    []byte
		at      time.Time
		applies bool
		refused string // substring of the refusal; "" means accepted
	}{
		{"valid ECDSA", sign(operator, request()), now, true, ""},
		{"valid RSA", sign(operatorRSA, request()), now, true, ""},
		{"last valid day", sign(operator, request()), time.Date(2027, 3, 31, 23, 59, 0, 0, time.UTC), true, ""},
		{"expired", sign(operator, request()), time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC), false, ""},
		{"member's own key", sign(member, request()), now, false, "not a trusted operator certificate"},
		{"tampered expiry", tamper(sign(operator, request()), `"2027-03-31"`, `"2027-09-30"`), now, false, "does not match the waiver's content"},
		{"tampered requirement", tamper(sign(operator, request()), `"EP-SEC-05"`, `"EP-SEC-01"`), now, false, "does not match"},
		{"extra key", tamper(sign(operator, request()), `"schema"`, `"extra": "x", "schema"`), now, false, "unknown field"},
		{"not JSON", []byte("hello"), now, false, "not a waiver file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &Set{}
			err := s.Add("w.json", tc.data, trust)
			if tc.refused != "" {
				if err == nil || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("Add error = %v, want one containing %q", err, tc.refused)
				}
			} else if err != nil {
				t.Fatalf("Add: %v", err)
			}
			w := s.Lookup("0245437-2", "EP-SEC-05", tc.at)
			if (w != nil) != tc.applies {
				t.Fatalf("Lookup = %v, want applies=%v", w, tc.applies)
			}
			if w != nil && (w.Reason != request().Reason || w.Approver != request().Approver || w.Expires != "2027-03-31") {
				t.Errorf("Lookup = %+v, want the request's reason, approver and expiry", w)
			}
			if s.Lookup("0245437-2", "EP-SEC-01", tc.at) != nil || s.Lookup("1572860-0", "EP-SEC-05", tc.at) != nil {
				t.Error("a waiver applied to another requirement or member")
			}
		})
	}
}

func TestUntrustedNamesTheKey(t *testing.T) {
	operator, member := pair(t, "MPASSid-operaattori", false), pair(t, "Esimerkkikunta", false)
	f, err := Issue(request(), member.Key, member.Cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Check(f, []*x509.Certificate{operator.Cert})
	var ue *UntrustedError
	if !errors.As(err, &ue) {
		t.Fatalf("Check error = %v, want an UntrustedError", err)
	}
	if ue.Fingerprint != keys.Fingerprint(member.Cert) || !strings.Contains(err.Error(), "Esimerkkikunta") {
		t.Errorf("error %q does not name the member's certificate %s", err, keys.Fingerprint(member.Cert))
	}
}

func TestIssueRefusesLongExpiry(t *testing.T) {
	operator := pair(t, "MPASSid-operaattori", false)
	r := request()
	r.Expires = "2028-01-01"
	if _, err := Issue(r, operator.Key, operator.Cert, nil); err == nil {
		t.Fatal("Issue accepted an expiry more than 12 months ahead")
	}
}

// TestCanonical pins the canonical bytes, which are the file format's
// contract with other verifiers.
func TestCanonical(t *testing.T) {
	p := Payload{Schema: Schema, BusinessID: "0245437-2", Requirement: "EP-SEC-05", Reason: "a <b> & ä",
		Approver: "x", Issued: "2026-11-27T12:00:00Z", Expires: "2027-03-31"}
	want := `{"schema":"mpassaudit/waiver/v1","business_id":"0245437-2","requirement":"EP-SEC-05","reason":"a <b> & ä","approver":"x","issued":"2026-11-27T12:00:00Z","expires":"2027-03-31"}`
	if got := string(p.Canonical()); got != want {
		t.Fatalf("Canonical =\n%s\nwant\n%s", got, want)
	}
	var back Payload
	if err := json.Unmarshal(p.Canonical(), &back); err != nil || back != p {
		t.Fatalf("round trip: %v, %+v", err, back)
	}
}

func TestLoadDir(t *testing.T) {
	operator, member := pair(t, "MPASSid-operaattori", false), pair(t, "Esimerkkikunta", false)
	dir := t.TempDir()
	for name, p := range map[string]*keys.Pair{"good.json": operator, "member.json": member} {
		f, err := Issue(request(), p.Key, p.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), f.Marshal(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not a waiver"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadDir(dir, []*x509.Certificate{operator.Cert})
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || len(s.Refused) != 1 || !strings.Contains(s.Refused[0].Error(), "member.json") {
		t.Fatalf("Len %d, Refused %v: want the operator's waiver kept and member.json refused", s.Len(), s.Refused)
	}
	if _, err := LoadDir(filepath.Join(dir, "missing"), nil); err == nil {
		t.Fatal("LoadDir of a missing directory gave no error")
	}
}

// TestApplied: the raw files of exactly the waivers that made results
// waived, once each; an expired or unused waiver is not among them.
func TestApplied(t *testing.T) {
	operator := pair(t, "MPASSid-operaattori", false)
	trust := []*x509.Certificate{operator.Cert}
	issue := func(req, expires string) []byte {
		r := request()
		r.Requirement, r.Expires = req, expires
		f, err := Issue(r, operator.Key, operator.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		return f.Marshal()
	}
	sec05, sec01, life := issue("EP-SEC-05", "2027-03-31"), issue("EP-SEC-01", "2026-12-31"), issue("EP-LIFE-03", "2027-03-31")
	s := &Set{}
	for i, d := range [][]byte{sec05, sec01, life} {
		if err := s.Add(fmt.Sprintf("w%d.json", i), d, trust); err != nil {
			t.Fatal(err)
		}
	}
	rep := &audit.Report{GeneratedAt: "2027-01-15T10:00:00Z", Member: audit.Member{BusinessID: "0245437-2"}, Results: []audit.Result{
		{ID: "EP-LIFE-03", Status: audit.Fail},  // a waiver exists, but the audit did not apply it
		{ID: "EP-SEC-01", Status: audit.Waived}, // its waiver expired before generated_at
		{ID: "EP-SEC-05", Status: audit.Waived},
		{ID: "EP-SEC-05", Status: audit.Waived}, // once only
	}}
	got := s.Applied(rep)
	if len(got) != 1 || !bytes.Equal(got[0], sec05) {
		t.Errorf("Applied = %d files %q, want the EP-SEC-05 waiver only", len(got), got)
	}
	// Bundled for the report and read back, each file still verifies.
	b, err := Bundle([][]byte{sec05, life})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Unbundle(b)
	if err != nil || len(files) != 2 {
		t.Fatalf("Unbundle = %d files, %v", len(files), err)
	}
	for i, data := range files {
		if err := (&Set{}).Add("waivers.json", data, trust); err != nil {
			t.Errorf("bundled waiver %d: %v", i, err)
		}
	}
	if _, err := Bundle([][]byte{[]byte("not json")}); err == nil {
		t.Error("Bundle accepted a file that is not JSON")
	}
	if _, err := Unbundle([]byte(`{"payload":{}}`)); err == nil {
		t.Error("Unbundle accepted an object instead of an array")
	}
}

// TestJudgedOnUse: a trusted waiver is honoured only when it was issued no
// later than the audit, lasts at most 12 months from its issue and has not
// expired; otherwise NotHonoured says why, in the audit's language.
func TestJudgedOnUse(t *testing.T) {
	op := pair(t, "Operaattori", false)
	trust := []*x509.Certificate{op.Cert}
	payload := func(issued, expires string) Payload {
		r := request()
		return Payload{Schema: Schema, BusinessID: r.BusinessID, Member: r.Member, Requirement: r.Requirement,
			Reason: r.Reason, Approver: r.Approver, Issued: issued, Expires: expires}
	}
	cases := []struct {
		name            string
		issued, expires string
		want            string // in NotHonoured; "" when honoured
		fi              string
	}{
		{"honoured", "2026-11-01T10:00:00Z", "2027-03-31", "", ""},
		{"exactly 12 months", "2026-11-27T10:00:00Z", "2027-11-27", "", ""},
		{"issued after the audit", "2026-11-28T10:00:00Z", "2027-03-31", "was issued on 2026-11-28T10:00:00Z, after the audit's time 2026-11-27T12:00:00Z", "itseauditoinnin ajankohdan"},
		{"five years", "2026-11-01T10:00:00Z", "2031-11-01", "runs from 2026-11-01 to 2031-11-01, longer than the 12 months", "enimmäiskesto 12 kuukautta"},
		{"one day too long", "2026-01-15T10:00:00Z", "2027-01-16", "longer than the 12 months", ""},
		{"expired", "2026-01-01T10:00:00Z", "2026-11-26", "expired on 2026-11-26", "vanheni 2026-11-26"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Sign(payload(c.issued, c.expires), op.Key, op.Cert, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := &Set{}
			if err := s.Add("w.json", f.Marshal(), trust); err != nil {
				t.Fatal(err)
			}
			bid, req := f.Payload.BusinessID, f.Payload.Requirement
			got := s.Lookup(bid, req, now)
			why := s.NotHonoured(bid, req, now, "en")
			if c.want == "" {
				if got == nil || why != "" {
					t.Fatalf("not honoured: %q", why)
				}
				return
			}
			if got != nil {
				t.Fatalf("honoured")
			}
			if !strings.Contains(why, c.want) || !strings.Contains(why, "waiver not honoured") || !strings.Contains(why, f.ID()[:12]) {
				t.Errorf("NotHonoured = %q, want %q", why, c.want)
			}
			if fi := s.NotHonoured(bid, req, now, "fi"); c.fi != "" && (!strings.Contains(fi, c.fi) || !strings.Contains(fi, "poikkeuslupaa ei huomioitu")) {
				t.Errorf("fi: %q", fi)
			}
		})
	}
	t.Run("signer's certificate not valid when it signed", func(t *testing.T) {
		f, err := Sign(payload("2019-06-01T10:00:00Z", "2019-12-31"), op.Key, op.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := &Set{}
		err = s.Add("old.json", f.Marshal(), trust)
		if err == nil || !strings.Contains(err.Error(), "not at the waiver's issue time 2019-06-01T10:00:00Z") {
			t.Fatalf("Add: %v", err)
		}
		// Refused when read (the audit names it on standard error), not in
		// the result: verify must judge the report's messages alike.
		if why := s.NotHonoured(f.Payload.BusinessID, f.Payload.Requirement, now, "en"); why != "" {
			t.Errorf("NotHonoured = %q", why)
		}
	})
	t.Run("signed by someone else", func(t *testing.T) {
		member := pair(t, "Jäsen", false)
		f, err := Sign(payload("2026-11-01T10:00:00Z", "2027-03-31"), member.Key, member.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := &Set{}
		if err := s.Add("member.json", f.Marshal(), trust); err == nil || !strings.Contains(err.Error(), "not a trusted operator certificate") {
			t.Errorf("Add: %v", err)
		}
		if why := s.NotHonoured(f.Payload.BusinessID, f.Payload.Requirement, now, "en"); why != "" {
			t.Errorf("NotHonoured = %q", why)
		}
	})
}
