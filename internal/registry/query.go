package registry

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// ReauditMonths is how often a member audits itself: yearly.
const ReauditMonths = 12

// Audit is one registered report, without its content.
type Audit struct {
	ID             string
	Member         string
	GeneratedAt    time.Time
	Environment    string
	Verdict        string
	CatalogVersion string
	Summary        audit.Summary
	Signer         string
	Fingerprint    string
	Source         string
	// Decision is the operator's decision on the report (zero: none yet).
	Decision Decision
}

// MemberRow is a member with its last audit.
type MemberRow struct {
	Member     string
	BusinessID string
	Name       string
	Kind       string
	Audits     int
	Last       Audit
	Due        time.Time // last audit + 12 months
}

// Overdue reports whether the re-audit is due before now.
func (m MemberRow) Overdue(now time.Time) bool { return m.Due.Before(now) }

// DueDate is when the audit made at t is due again.
func DueDate(t time.Time) time.Time { return t.AddDate(0, ReauditMonths, 0) }

const auditCols = `r.id, r.member, r.generated_at, r.environment, r.verdict, r.catalog_version,
	r.n_pass, r.n_fail, r.n_warn, r.n_manual, r.n_not_applicable, r.n_waived, r.n_error,
	r.signer, r.signer_fingerprint, r.source, r.decision, r.decision_comment, r.decided_by, r.decided_at`

func scanAudit(sc interface{ Scan(...any) error }, extra ...any) (Audit, error) {
	var a Audit
	var at, decidedAt string
	s, d := &a.Summary, &a.Decision
	dest := append([]any{&a.ID, &a.Member, &at, &a.Environment, &a.Verdict, &a.CatalogVersion,
		&s.Pass, &s.Fail, &s.Warn, &s.Manual, &s.NotApplicable, &s.Waived, &s.Error,
		&a.Signer, &a.Fingerprint, &a.Source, &d.Decision, &d.Comment, &d.By, &decidedAt}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return a, fmt.Errorf("report %s: generated_at %q: %w", a.ID, at, err)
	}
	a.GeneratedAt = t
	if decidedAt != "" {
		if d.At, err = time.Parse(time.RFC3339, decidedAt); err != nil {
			return a, fmt.Errorf("report %s: decided_at %q: %w", a.ID, decidedAt, err)
		}
	}
	return a, nil
}

// Members lists every member with its last audit, in business ID order
// (sort by name for display with SortByName).
func (d *DB) Members(ctx context.Context) ([]MemberRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+auditCols+`, m.business_id, m.name, m.kind, r.n
		FROM (SELECT id, member, generated_at, environment, verdict, catalog_version,
		             n_pass, n_fail, n_warn, n_manual, n_not_applicable, n_waived, n_error,
		             signer, signer_fingerprint, source, decision, decision_comment, decided_by, decided_at,
		             row_number() OVER w AS rn, count(*) OVER (PARTITION BY member) AS n
		      FROM reports WINDOW w AS (PARTITION BY member ORDER BY generated_at DESC, id)) r
		JOIN members m ON m.member = r.member
		WHERE r.rn = 1 ORDER BY m.member`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MemberRow
	for rows.Next() {
		var m MemberRow
		a, err := scanAudit(rows, &m.BusinessID, &m.Name, &m.Kind, &m.Audits)
		if err != nil {
			return nil, err
		}
		m.Member, m.Last, m.Due = a.Member, a, DueDate(a.GeneratedAt)
		out = append(out, m)
	}
	return out, rows.Err()
}

// History lists a member's audits, newest first.
func (d *DB) History(ctx context.Context, member string) ([]Audit, error) {
	return d.audits(ctx, `WHERE r.member = ? ORDER BY r.generated_at DESC, r.id`, member)
}

// audits selects audits with a WHERE/ORDER BY tail.
func (d *DB) audits(ctx context.Context, tail string, args ...any) ([]Audit, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+auditCols+` FROM reports r `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Audit
	for rows.Next() {
		a, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Report returns a registered report's content.
func (d *DB) Report(ctx context.Context, id string) (*audit.Report, error) {
	var data []byte
	if err := d.db.QueryRowContext(ctx, `SELECT report_json FROM reports WHERE id = ?`, id).Scan(&data); err != nil {
		if err == sql.ErrNoRows {
			return nil, fmt.Errorf("no report %s in the registry", id)
		}
		return nil, err
	}
	var rep audit.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("report %s: %w", id, err)
	}
	return &rep, nil
}

// PickAudit finds one of a member's audits by a prefix of its id (at least
// 6 characters) or by its date (YYYY-MM-DD, when that day has one audit).
func PickAudit(history []Audit, sel string) (Audit, error) {
	var found []Audit
	for _, a := range history {
		if (len(sel) >= 6 && strings.HasPrefix(a.ID, strings.ToLower(sel))) || a.GeneratedAt.Format(time.DateOnly) == sel {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return Audit{}, fmt.Errorf("no audit %q of this member: give a report id (6 characters or more) or a date, as `registry show` lists them", sel)
	}
	return Audit{}, fmt.Errorf("%q matches %d audits: give more of the report id", sel, len(found))
}

// Change is one requirement whose result differs between two audits.
type Change struct {
	ID, Area, Title string
	From, To        string // status; "" when the requirement was absent
}

// Diff compares two reports requirement by requirement and returns what
// changed, by requirement ID.
func Diff(a, b *audit.Report) []Change {
	type entry struct{ area, title, status string }
	get := func(r *audit.Report) map[string]entry {
		m := map[string]entry{}
		for _, x := range r.Results {
			m[x.ID] = entry{x.Area, x.Title, x.Status}
		}
		return m
	}
	ma, mb := get(a), get(b)
	ids := map[string]bool{}
	for id := range ma {
		ids[id] = true
	}
	for id := range mb {
		ids[id] = true
	}
	var out []Change
	for id := range ids {
		x, y := ma[id], mb[id]
		if x.status == y.status {
			continue
		}
		c := Change{ID: id, Area: y.area, Title: y.title, From: x.status, To: y.status}
		if c.Title == "" {
			c.Area, c.Title = x.area, x.title
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// DueItem is something that needs the operator's attention by a date.
type DueItem struct {
	Kind       string // re-audit, certificate, client-secret, metadata, other, waiver
	Member     string
	BusinessID string
	Name       string
	What       string
	Date       time.Time
}

// KindReaudit and KindWaiver are the due kinds besides the expiry kinds.
const (
	KindReaudit = "re-audit"
	KindWaiver  = "waiver"
)

// Due lists what falls due by `until`: re-audits (overdue ones included),
// certificates, client secrets and metadata in each member's latest audit
// (expired ones included), and recorded waivers that are still valid at
// now and expire by until. The list is in date order.
func (d *DB) Due(ctx context.Context, now, until time.Time) ([]DueItem, error) {
	members, err := d.Members(ctx)
	if err != nil {
		return nil, err
	}
	var out []DueItem
	byKey := map[string]MemberRow{}
	for _, m := range members {
		byKey[m.Member] = m
		if !m.Due.After(until) {
			out = append(out, DueItem{Kind: KindReaudit, Member: m.Member, BusinessID: m.BusinessID, Name: m.Name,
				What: m.Last.GeneratedAt.Format(time.DateOnly), Date: m.Due})
		}
	}
	rows, err := d.db.QueryContext(ctx, `SELECT r.member, x.kind, x.what, x.date FROM expiries x
		JOIN (SELECT id, member, row_number() OVER (PARTITION BY member ORDER BY generated_at DESC, id) AS rn FROM reports) r
		  ON r.id = x.report_id AND r.rn = 1
		WHERE x.date <= ? ORDER BY x.date`, until.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var mk, kind, what, date string
		if err := rows.Scan(&mk, &kind, &what, &date); err != nil {
			return nil, err
		}
		t, _ := time.Parse(time.DateOnly, date)
		m := byKey[mk]
		out = append(out, DueItem{Kind: kind, Member: mk, BusinessID: m.BusinessID, Name: m.Name, What: what, Date: t})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	wrows, err := d.db.QueryContext(ctx, `SELECT business_id, member_name, requirement, reason, expires FROM waivers
		WHERE expires >= ? AND expires <= ? ORDER BY expires`, now.UTC().Format(time.DateOnly), until.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	defer wrows.Close()
	for wrows.Next() {
		var bid, name, req, reason, exp string
		if err := wrows.Scan(&bid, &name, &req, &reason, &exp); err != nil {
			return nil, err
		}
		t, _ := time.Parse(time.DateOnly, exp)
		if m, ok := byKey[bid]; ok && m.Name != "" {
			name = m.Name
		}
		out = append(out, DueItem{Kind: KindWaiver, Member: bid, BusinessID: bid, Name: name, What: req + ": " + reason, Date: t})
	}
	if err := wrows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// Waivers lists the recorded waivers, by expiry.
func (d *DB) Waivers(ctx context.Context) ([]WaiverRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, business_id, member_name, requirement, reason, approver, issued, expires, signer_fingerprint, source
		FROM waivers ORDER BY expires, business_id, requirement`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WaiverRow
	for rows.Next() {
		var w WaiverRow
		if err := rows.Scan(&w.ID, &w.BusinessID, &w.Member, &w.Requirement, &w.Reason, &w.Approver, &w.Issued, &w.Expires, &w.Fingerprint, &w.Source); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WaiverRow is a recorded waiver.
type WaiverRow struct {
	ID, BusinessID, Member, Requirement, Reason, Approver, Issued, Expires, Fingerprint, Source string
}

// Audits lists every registered audit, oldest first.
func (d *DB) Audits(ctx context.Context) ([]Audit, error) {
	return d.audits(ctx, `ORDER BY r.generated_at, r.id`)
}

// ResultRow is one requirement's result in a registered audit.
type ResultRow struct {
	Requirement, Area, Status, Severity string
}

// LatestResults returns the results of each member's latest audit, by member
// key, each in requirement order.
func (d *DB) LatestResults(ctx context.Context) (map[string][]ResultRow, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT r.member, x.requirement, x.area, x.status, x.severity FROM results x
		JOIN (SELECT id, member, row_number() OVER (PARTITION BY member ORDER BY generated_at DESC, id) AS rn FROM reports) r
		  ON r.id = x.report_id AND r.rn = 1
		ORDER BY r.member, x.requirement`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]ResultRow{}
	for rows.Next() {
		var mk string
		var x ResultRow
		if err := rows.Scan(&mk, &x.Requirement, &x.Area, &x.Status, &x.Severity); err != nil {
			return nil, err
		}
		out[mk] = append(out[mk], x)
	}
	return out, rows.Err()
}
