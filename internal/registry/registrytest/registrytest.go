// Package registrytest generates audit reports and registries for tests and
// benchmarks: report JSON written straight into the database, without PDFs.
package registrytest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/registry"
)

// Req is a requirement of the generated reports.
type Req struct{ ID, Area, Severity string }

// Reqs are the education-provider requirements of the product spec, by area.
var Reqs = func() []Req {
	var out []Req
	for _, a := range []struct {
		prefix, area string
		n            int
	}{
		{"EP-ORG", "organisation", 5}, {"EP-REG", "registry", 9}, {"EP-LIFE", "lifecycle", 5},
		{"EP-AUTH", "authentication", 2}, {"EP-SEC", "security", 9}, {"EP-IR", "incident", 3},
		{"EP-TECH", "technical", 6},
	} {
		for i := 1; i <= a.n; i++ {
			out = append(out, Req{ID: fmt.Sprintf("%s-%02d", a.prefix, i), Area: a.area, Severity: "must"})
		}
	}
	return out
}()

// BusinessID makes a valid business ID (Y-tunnus) from a number.
func BusinessID(n int) string {
	for ; ; n++ {
		s := fmt.Sprintf("%07d", n%10000000)
		w := []int{7, 9, 10, 5, 8, 4, 2}
		sum := 0
		for i := range w {
			sum += int(s[i]-'0') * w[i]
		}
		switch r := sum % 11; r {
		case 0:
			return s + "-0"
		case 1:
			continue
		default:
			return fmt.Sprintf("%s-%d", s, 11-r)
		}
	}
}

// Report builds a report: every requirement passes except those in
// statuses (requirement ID → status).
func Report(name, businessID string, at time.Time, statuses map[string]string) *audit.Report {
	rep := &audit.Report{
		Schema:      audit.Schema,
		Tool:        audit.Tool{Name: "mpassaudit", Version: "test"},
		GeneratedAt: at.UTC().Format(time.RFC3339),
		Member:      audit.Member{Name: name, BusinessID: businessID, Kind: "education-provider", Environment: "production"},
		Catalog:     audit.CatalogRef{Version: "2026.11.1", Digest: "sha256:test"},
		Lang:        "fi",
	}
	for _, r := range Reqs {
		st := audit.Pass
		if s, ok := statuses[r.ID]; ok {
			st = s
		}
		rep.Results = append(rep.Results, audit.Result{ID: r.ID, Area: r.Area, Status: st, Severity: r.Severity,
			Title: r.ID, Message: st, Evidence: []audit.Evidence{}})
	}
	rep.Finish()
	return rep
}

// Entry turns a report into a registry entry, as a verified PDF would give.
func Entry(rep *audit.Report, answers []byte) registry.Entry {
	data, err := json.Marshal(rep)
	if err != nil {
		panic(err) // a Report always encodes
	}
	return registry.Entry{
		ReportJSON: data,
		Answers:    answers,
		Signatures: []registry.Signature{{Role: "member", Signer: rep.Member.Name, Organisation: rep.Member.Name,
			Fingerprint: "AA:BB", Valid: true, SignedAt: at(rep)}},
		Source: rep.Member.BusinessID + ".pdf",
	}
}

func at(rep *audit.Report) time.Time {
	t, _ := time.Parse(time.RFC3339, rep.GeneratedAt)
	return t
}

var names = []string{"Äänekosken kaupunki", "Åbo Akademi", "Örebro skolor", "Ahvenanmaan koulut", "Oulun kaupunki",
	"Vaasan kaupunki", "Zeta Oy", "Ylöjärven kaupunki", "Espoon kaupunki", "Borgå stad", "Kemijärvi", "Ödeshög Oy"}

// Name is the generated name of member i: Finnish and Swedish names with
// Ä, Ö and Å, so that sorting by collation is exercised.
func Name(i int) string {
	if i < len(names) {
		return names[i]
	}
	return fmt.Sprintf("%s %d", names[i%len(names)], i/len(names))
}

// Fill adds members × audits generated reports to db, one audit per
// member every 9 months ending near end, with seeded random failures (some
// requirements fail far more often than others, as in real life).
func Fill(ctx context.Context, db *registry.DB, members, audits int, end time.Time, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	batch := make([]registry.Entry, 0, 500)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := db.Add(ctx, batch...)
		batch = batch[:0]
		return err
	}
	for m := 0; m < members; m++ {
		bid := BusinessID(1000000 + m*37)
		// Stagger the members over two years so that some are overdue.
		last := end.AddDate(0, 0, -rng.IntN(540))
		for a := audits - 1; a >= 0; a-- {
			at := last.AddDate(0, -9*a, 0)
			st := map[string]string{}
			for i, r := range Reqs {
				// Requirement i fails with a probability that falls with i
				// and with each later audit.
				p := 0.1 / float64(1+i%12) / float64(1+audits-1-a)
				switch x := rng.Float64(); {
				case x < p:
					st[r.ID] = audit.Fail
				case x < 1.6*p:
					st[r.ID] = audit.Warn
				}
			}
			batch = append(batch, Entry(Report(Name(m), bid, at, st), nil))
			if len(batch) == cap(batch) {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}
