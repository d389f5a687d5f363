// Package summary builds the steering group's overview of the registry: a
// members × areas heat map, the pass rate per requirement, the requirements
// that fail most, the members overdue for their yearly self-audit and the
// trend by quarter; rendered as PDF, XLSX and CSV in fi, sv or en.
//
// Everything is judged on each member's latest registered audit, except the
// trend, which counts every audit in the quarter it was made.
package summary

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/registry"
)

// State is the colour of one heat-map cell.
type State int

// Heat-map states: red when a requirement of the area fails; "could not be
// checked" when one errs (never counted as a failure); amber when one warns
// or is waived; green only when every must requirement of the area was
// decided and met; "undecided" when some pass but musts are still open for
// review; an area judged only by a reviewer is "manual review", and an area
// with nothing that applies is not applicable.
const (
	NoData State = iota
	ManualOnly
	AllPass
	Warnings
	Fails
	Undecided
	Unchecked
)

// Key is the state's language-neutral name (CSV and tests).
func (s State) Key() string {
	return [...]string{"n/a", "manual", "pass", "warn", "fail", "undecided", "unchecked"}[s]
}

// Cell counts one member's results in one area.
type Cell struct {
	Pass, Fail, Warn, Manual, Error int
	// Open are the must requirements not decided (manual review or error).
	Open int
}

// State is the cell's colour (see the states above).
func (c Cell) State() State {
	switch {
	case c.Fail > 0:
		return Fails
	case c.Error > 0:
		return Unchecked
	case c.Warn > 0:
		return Warnings
	case c.Pass > 0 && c.Open > 0:
		return Undecided
	case c.Pass > 0:
		return AllPass
	case c.Manual > 0:
		return ManualOnly
	}
	return NoData
}

// Area is a column of the heat map.
type Area struct {
	ID, Name string
}

// Member is a row of the heat map.
type Member struct {
	Name, BusinessID string
	Last             time.Time
	Environment      string
	Verdict          string
	Due              time.Time
	Overdue          bool
	Areas            []State  // by Data.Areas
	Cells            []Cell   // by Data.Areas: the counts behind Areas
	Failing          []string // IDs of the requirements that fail
}

// Requirement is one requirement's standing across members' latest audits.
type Requirement struct {
	ID, Area, Title string
	Pass            int // members whose latest audit passes it
	Judged          int // members with pass, fail, warn or waived
	Fail            int // fail
	Warn            int // warn or waived
	Error           int // could not be checked (not judged)
}

// OnlyWarnings reports whether every judged result warns (a rate of 0 %
// would read as failing).
func (r Requirement) OnlyWarnings() bool { return r.Judged > 0 && r.Warn == r.Judged }

// Rate is the pass rate (0 when nobody was judged).
func (r Requirement) Rate() float64 {
	if r.Judged == 0 {
		return 0
	}
	return float64(r.Pass) / float64(r.Judged)
}

// Quarter is the trend of one calendar quarter.
type Quarter struct {
	Year, Q      int
	Audits       int
	PassVerdicts int
	FailVerdicts int
	Pass, Judged int // results, as Requirement counts them
}

// Rate is the quarter's pass rate over all results judged.
func (q Quarter) Rate() float64 {
	if q.Judged == 0 {
		return 0
	}
	return float64(q.Pass) / float64(q.Judged)
}

// Label is "Q1/2026".
func (q Quarter) Label() string { return fmt.Sprintf("Q%d/%d", q.Q, q.Year) }

// Data is everything the summary shows.
type Data struct {
	Lang         string
	Now          time.Time
	Catalog      string // catalogue version the texts come from
	Areas        []Area
	Members      []Member // failing members first, each group by name in Lang's collation
	Requirements []Requirement
	Quarters     []Quarter
}

// judged reports whether a status counts towards a pass rate: what could
// not be checked was not judged.
func judged(status string) bool {
	switch status {
	case audit.Pass, audit.Fail, audit.Warn, audit.Waived:
		return true
	}
	return false
}

// TopFailing is the n requirements failing for most members (those failing
// for nobody left out), most first.
func (d *Data) TopFailing(n int) []Requirement {
	var out []Requirement
	for _, r := range d.Requirements {
		if r.Fail > 0 {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Fail != out[j].Fail {
			return out[i].Fail > out[j].Fail
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Overdue lists the members overdue for their re-audit, longest overdue first.
func (d *Data) Overdue() []Member {
	var out []Member
	for _, m := range d.Members {
		if m.Overdue {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	return out
}

// Counts are the headline numbers.
type Counts struct {
	Members, Failing, Overdue int
	Pass, Judged              int
	// Met are the members whose latest audit meets every mandatory
	// requirement (verdict pass).
	Met int
}

// MetShare is the share of members meeting the mandatory requirements.
func (c Counts) MetShare() float64 {
	if c.Members == 0 {
		return 0
	}
	return float64(c.Met) / float64(c.Members)
}

// Counts totals the members' latest audits.
func (d *Data) Counts() Counts {
	var c Counts
	c.Members = len(d.Members)
	for _, m := range d.Members {
		if m.Verdict == audit.Fail {
			c.Failing++
		} else {
			c.Met++
		}
		if m.Overdue {
			c.Overdue++
		}
	}
	for _, r := range d.Requirements {
		c.Pass += r.Pass
		c.Judged += r.Judged
	}
	return c
}

// Build reads the registry. cat gives area names and order and requirement
// titles in lang (nil: IDs only).
func Build(ctx context.Context, db *registry.DB, cat *catalog.Catalog, lang string, now time.Time) (*Data, error) {
	members, err := db.Members(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the registry: %w", err)
	}
	latest, err := db.LatestResults(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the registry: %w", err)
	}
	audits, err := db.Audits(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the registry: %w", err)
	}
	d := &Data{Lang: lang, Now: now}
	if cat != nil {
		d.Catalog = cat.Version
	}

	// Areas: those that occur, in the catalogue's order.
	areaName := func(id string) (string, int) {
		if cat == nil {
			return id, 0
		}
		a := cat.Area(id)
		return a.Name(lang), a.Order
	}
	areaIdx := map[string]int{}
	reqs := map[string]*Requirement{}
	for _, rs := range latest {
		for _, r := range rs {
			if _, ok := areaIdx[r.Area]; !ok {
				areaIdx[r.Area] = -1
			}
			q := reqs[r.Requirement]
			if q == nil {
				q = &Requirement{ID: r.Requirement, Area: r.Area, Title: r.Requirement}
				if cat != nil {
					if c := cat.Requirement(r.Requirement); c != nil {
						q.Title = c.Title(lang)
					}
				}
				reqs[r.Requirement] = q
			}
			if judged(r.Status) {
				q.Judged++
			}
			switch r.Status {
			case audit.Pass:
				q.Pass++
			case audit.Fail:
				q.Fail++
			case audit.Error:
				q.Error++
			case audit.Warn, audit.Waived:
				q.Warn++
			}
		}
	}
	for id := range areaIdx {
		name, _ := areaName(id)
		d.Areas = append(d.Areas, Area{ID: id, Name: name})
	}
	sort.Slice(d.Areas, func(i, j int) bool {
		_, oi := areaName(d.Areas[i].ID)
		_, oj := areaName(d.Areas[j].ID)
		if oi != oj {
			return oi < oj
		}
		return d.Areas[i].ID < d.Areas[j].ID
	})
	for i, a := range d.Areas {
		areaIdx[a.ID] = i
	}
	for _, q := range reqs {
		d.Requirements = append(d.Requirements, *q)
	}
	sort.Slice(d.Requirements, func(i, j int) bool { return d.Requirements[i].ID < d.Requirements[j].ID })

	registry.SortByName(members, lang)
	var failing, rest []Member
	for _, m := range members {
		row := Member{Name: m.Name, BusinessID: m.BusinessID, Last: m.Last.GeneratedAt, Environment: m.Last.Environment,
			Verdict: m.Last.Verdict, Due: m.Due, Overdue: m.Overdue(now), Areas: make([]State, len(d.Areas)), Cells: make([]Cell, len(d.Areas))}
		for _, r := range latest[m.Member] {
			c := &row.Cells[areaIdx[r.Area]]
			switch r.Status {
			case audit.Fail:
				c.Fail++
				row.Failing = append(row.Failing, r.Requirement)
			case audit.Error:
				c.Error++
			case audit.Warn, audit.Waived:
				c.Warn++
			case audit.Pass:
				c.Pass++
			case audit.Manual:
				c.Manual++
			}
			if r.Severity == "must" && (r.Status == audit.Manual || r.Status == audit.Error) {
				c.Open++
			}
		}
		for i, c := range row.Cells {
			row.Areas[i] = c.State()
		}
		if row.Verdict == audit.Fail || slices.Contains(row.Areas, Fails) {
			failing = append(failing, row)
		} else {
			rest = append(rest, row)
		}
	}
	d.Members = append(failing, rest...)

	// Trend: every audit in the quarter it was made. The results table is
	// not needed: a report's summary counts are enough.
	byQ := map[[2]int]*Quarter{}
	for _, a := range audits {
		t := a.GeneratedAt.UTC()
		k := [2]int{t.Year(), (int(t.Month())-1)/3 + 1}
		q := byQ[k]
		if q == nil {
			q = &Quarter{Year: k[0], Q: k[1]}
			byQ[k] = q
		}
		q.Audits++
		if a.Verdict == audit.Pass {
			q.PassVerdicts++
		} else {
			q.FailVerdicts++
		}
		s := a.Summary
		q.Pass += s.Pass
		q.Judged += s.Pass + s.Fail + s.Warn + s.Waived
	}
	for _, q := range byQ {
		d.Quarters = append(d.Quarters, *q)
	}
	sort.Slice(d.Quarters, func(i, j int) bool {
		a, b := d.Quarters[i], d.Quarters[j]
		return a.Year < b.Year || (a.Year == b.Year && a.Q < b.Q)
	})
	return d, nil
}
