// Package registry keeps the operator's history of verified audit reports
// and granted waivers in an embedded SQLite database (modernc.org/sqlite, a
// pure Go driver).
//
// A report's id is the SHA-256 (lower-case hex) of its report JSON exactly as
// embedded in the signed PDF, so adding the same report again, or the same
// report with an extra (approval) signature, changes nothing.
//
// The database runs in WAL mode with a busy timeout and takes its write lock
// at the start of every transaction (BEGIN IMMEDIATE), so that several
// processes adding reports at once wait for each other instead of failing.
// The schema is versioned with PRAGMA user_version and migrated in code on
// open (see migrations).
package registry

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
)

// DB is an open registry.
type DB struct {
	db   *sql.DB
	Path string
}

// DefaultPath is $XDG_DATA_HOME/mpassaudit/registry.db (on Linux and BSD,
// ~/.local/share when XDG_DATA_HOME is unset), elsewhere under the user's
// configuration directory.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "mpassaudit", "registry.db"), nil
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "mpassaudit", "registry.db"), nil
		}
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no default registry location (%v): give --db FILE", err)
	}
	return filepath.Join(d, "mpassaudit", "registry.db"), nil
}

// busyTimeout is how long a writer waits for another one (milliseconds).
const busyTimeout = 30000

// Open opens (creating when absent) the registry at path and migrates its
// schema to the current version.
func Open(ctx context.Context, path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("registry %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "1")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("registry %s: %w", path, err)
	}
	d := &DB{db: db, Path: path}
	if err := retryBusy(ctx, func() error { return d.migrate(ctx) }); err != nil {
		db.Close()
		return nil, fmt.Errorf("registry %s: %w", path, err)
	}
	return d, nil
}

// retryBusy runs f again while SQLite reports the database busy without
// having waited: switching a new file to WAL and recovering the WAL index
// return SQLITE_BUSY at once, whatever the busy timeout, when another
// process does the same.
func retryBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(busyTimeout * time.Millisecond)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := f()
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || (se.Code()&0xff != sqlite3.SQLITE_BUSY && se.Code()&0xff != sqlite3.SQLITE_LOCKED) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// migrations are the schema versions in order; version n is migrations[n-1].
// Never edit a released migration: append a new one.
var migrations = []string{
	// 1: members, reports with their results and expiry dates, waivers.
	`CREATE TABLE members (
		member      TEXT PRIMARY KEY,  -- business ID, or "name:" + name when the report has none
		business_id TEXT NOT NULL,
		name        TEXT NOT NULL,
		kind        TEXT NOT NULL
	);
	CREATE TABLE reports (
		id                 TEXT PRIMARY KEY,  -- sha256 hex of the embedded report JSON
		member             TEXT NOT NULL REFERENCES members(member),
		generated_at       TEXT NOT NULL,     -- RFC 3339 UTC
		environment        TEXT NOT NULL,
		verdict            TEXT NOT NULL,
		catalog_version    TEXT NOT NULL,
		n_pass INTEGER NOT NULL, n_fail INTEGER NOT NULL, n_warn INTEGER NOT NULL,
		n_manual INTEGER NOT NULL, n_not_applicable INTEGER NOT NULL,
		n_waived INTEGER NOT NULL, n_error INTEGER NOT NULL,
		signer             TEXT NOT NULL,
		signer_fingerprint TEXT NOT NULL,
		signatures         TEXT NOT NULL,     -- JSON list of every signature
		source             TEXT NOT NULL,     -- file name it was added from
		added_at           TEXT NOT NULL,
		report_json        BLOB NOT NULL,
		answers            BLOB
	);
	CREATE INDEX reports_member ON reports(member, generated_at);
	CREATE TABLE results (
		report_id   TEXT NOT NULL REFERENCES reports(id),
		requirement TEXT NOT NULL,
		area        TEXT NOT NULL,
		status      TEXT NOT NULL,
		severity    TEXT NOT NULL,
		PRIMARY KEY (report_id, requirement)
	) WITHOUT ROWID;
	CREATE TABLE expiries (
		report_id   TEXT NOT NULL REFERENCES reports(id),
		kind        TEXT NOT NULL,   -- certificate, client-secret, metadata, other
		what        TEXT NOT NULL,
		date        TEXT NOT NULL,   -- YYYY-MM-DD
		PRIMARY KEY (report_id, kind, what, date)
	) WITHOUT ROWID;
	CREATE TABLE waivers (
		id                 TEXT PRIMARY KEY,  -- sha256 hex of the canonical payload
		business_id        TEXT NOT NULL,
		member_name        TEXT NOT NULL,
		requirement        TEXT NOT NULL,
		reason             TEXT NOT NULL,
		approver           TEXT NOT NULL,
		issued             TEXT NOT NULL,
		expires            TEXT NOT NULL,
		signer_fingerprint TEXT NOT NULL,
		source             TEXT NOT NULL,
		file               BLOB NOT NULL,
		added_at           TEXT NOT NULL
	);
	CREATE INDEX waivers_expires ON waivers(expires);`,
	// 2: the operator's decision on a report (its last operator signature).
	// Reports registered before keep '' until their approved PDF is added.
	`ALTER TABLE reports ADD COLUMN decision TEXT NOT NULL DEFAULT '';         -- approved, changes-requested or ''
	ALTER TABLE reports ADD COLUMN decision_comment TEXT NOT NULL DEFAULT '';
	ALTER TABLE reports ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';       -- the operator signature's signer
	ALTER TABLE reports ADD COLUMN decided_at TEXT NOT NULL DEFAULT '';       -- its signing time, RFC 3339 UTC`,
	// 3: the SAML entityIDs and OIDC client IDs a report names (unique.go).
	`CREATE TABLE identifiers (
		report_id TEXT NOT NULL REFERENCES reports(id),
		kind      TEXT NOT NULL,   -- entity-id, client-id
		value     TEXT NOT NULL,
		PRIMARY KEY (report_id, kind, value)
	) WITHOUT ROWID;
	CREATE INDEX identifiers_value ON identifiers(kind, value);`,
}

// SchemaVersion is the schema version this build writes.
var SchemaVersion = len(migrations)

func (d *DB) migrate(ctx context.Context) error {
	// Reading first avoids a write lock on every open of a current database.
	var v int
	if err := d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if v == len(migrations) {
		return nil
	}
	tx, err := d.db.BeginTx(ctx, nil) // immediate: one process migrates, the others wait
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("the database has schema version %d, this mpassaudit knows up to %d: use a newer mpassaudit", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migrating to schema version %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return err
	}
	return tx.Commit()
}

// Signature is one signature of a verified report.
type Signature struct {
	Role         string    `json:"role"`
	Signer       string    `json:"signer"`
	Organisation string    `json:"organisation"`
	Fingerprint  string    `json:"fingerprint"`
	Trusted      bool      `json:"trusted"`
	Valid        bool      `json:"valid"`
	SignedAt     time.Time `json:"signed_at"`
}

// Entry is a verified report to add.
type Entry struct {
	ReportJSON []byte // exactly as embedded in the PDF
	Answers    []byte // the answers file as embedded, or nil
	Signatures []Signature
	Source     string // the file it came from
	// Decision is the operator's decision the report carries, if any.
	Decision Decision
	// Identifiers are the entityIDs and client IDs the report names.
	Identifiers []Identifier
}

// Decision is the operator's decision on a report: approved or
// changes-requested (reports/signing), with its comment, signer and time.
type Decision struct {
	Decision string
	Comment  string
	By       string    // the operator signature's signer
	At       time.Time // its signing time
}

func (x Decision) at() string {
	if x.Decision == "" || x.At.IsZero() {
		return ""
	}
	return x.At.UTC().Format(time.RFC3339)
}

// ReportID is the registry's id of a report: SHA-256 hex of its JSON.
func ReportID(reportJSON []byte) string {
	s := sha256.Sum256(reportJSON)
	return hex.EncodeToString(s[:])
}

// Added says what Add did with one entry.
type Added struct {
	ID     string
	Member string
	New    bool // false: the report was already registered
	// Decided: the entry's decision was recorded on the already
	// registered report (it had none, or an earlier one).
	Decided bool
}

// MemberKey is the key a report's member is registered under.
func MemberKey(m audit.Member) string {
	if m.BusinessID != "" {
		return m.BusinessID
	}
	return "name:" + m.Name
}

// Add stores reports in one transaction; a report already registered is
// left as it is, except that a later decision of the operator on it is
// recorded (the approved PDF of a report registered before its approval).
func (d *DB) Add(ctx context.Context, entries ...Entry) ([]Added, error) {
	var out []Added
	err := retryBusy(ctx, func() error {
		var err error
		out, err = d.add(ctx, entries)
		return err
	})
	return out, err
}

func (d *DB) add(ctx context.Context, entries []Entry) ([]Added, error) {
	type prepared struct {
		e   Entry
		rep *audit.Report
		id  string
		at  time.Time
	}
	ps := make([]prepared, 0, len(entries))
	for _, e := range entries {
		var rep audit.Report
		if err := json.Unmarshal(e.ReportJSON, &rep); err != nil {
			return nil, fmt.Errorf("%s: the embedded report JSON: %w", e.Source, err)
		}
		if rep.Schema != audit.Schema {
			return nil, fmt.Errorf("%s: report schema %q, expected %q", e.Source, rep.Schema, audit.Schema)
		}
		at, err := time.Parse(time.RFC3339, rep.GeneratedAt)
		if err != nil {
			return nil, fmt.Errorf("%s: generated_at %q is not an RFC 3339 time", e.Source, rep.GeneratedAt)
		}
		if rep.Member.BusinessID == "" && rep.Member.Name == "" {
			return nil, fmt.Errorf("%s: the report names no member", e.Source)
		}
		ps = append(ps, prepared{e: e, rep: &rep, id: ReportID(e.ReportJSON), at: at.UTC()})
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339)
	out := make([]Added, 0, len(ps))
	for _, p := range ps {
		rep, mk := p.rep, MemberKey(p.rep.Member)
		if _, err := tx.ExecContext(ctx, `INSERT INTO members (member, business_id, name, kind) VALUES (?, ?, ?, ?)
			ON CONFLICT (member) DO NOTHING`, mk, rep.Member.BusinessID, rep.Member.Name, rep.Member.Kind); err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO reports (id, member, generated_at, environment, verdict, catalog_version,
			n_pass, n_fail, n_warn, n_manual, n_not_applicable, n_waived, n_error,
			signer, signer_fingerprint, signatures, source, added_at, report_json, answers,
			decision, decision_comment, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`,
			p.id, mk, p.at.Format(time.RFC3339), rep.Member.Environment, rep.Verdict, rep.Catalog.Version,
			rep.Summary.Pass, rep.Summary.Fail, rep.Summary.Warn, rep.Summary.Manual, rep.Summary.NotApplicable,
			rep.Summary.Waived, rep.Summary.Error,
			signerName(p.e.Signatures), signerFingerprint(p.e.Signatures), mustJSON(p.e.Signatures),
			p.e.Source, now, p.e.ReportJSON, p.e.Answers,
			p.e.Decision.Decision, p.e.Decision.Comment, p.e.Decision.By, p.e.Decision.at())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.e.Source, err)
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			// Registered before: record a decision it did not have, or a
			// later one (an older PDF never overwrites a newer decision).
			a := Added{ID: p.id, Member: mk}
			if d := p.e.Decision; d.Decision != "" {
				res, err := tx.ExecContext(ctx, `UPDATE reports SET decision = ?, decision_comment = ?, decided_by = ?, decided_at = ?, signatures = ?
					WHERE id = ? AND (decision = '' OR decided_at < ?)`,
					d.Decision, d.Comment, d.By, d.at(), mustJSON(p.e.Signatures), p.id, d.at())
				if err != nil {
					return nil, fmt.Errorf("%s: recording the decision: %w", p.e.Source, err)
				}
				m, _ := res.RowsAffected()
				a.Decided = m == 1
			}
			out = append(out, a)
			continue
		}
		out = append(out, Added{ID: p.id, Member: mk, New: true})
		// The member's name and kind follow its latest audit.
		if _, err := tx.ExecContext(ctx, `UPDATE members SET name = ?, kind = ? WHERE member = ?
			AND NOT EXISTS (SELECT 1 FROM reports WHERE member = ? AND generated_at > ?)`,
			rep.Member.Name, rep.Member.Kind, mk, mk, p.at.Format(time.RFC3339)); err != nil {
			return nil, err
		}
		for _, r := range rep.Results {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO results (report_id, requirement, area, status, severity) VALUES (?, ?, ?, ?, ?)`,
				p.id, r.ID, r.Area, r.Status, r.Severity); err != nil {
				return nil, err
			}
		}
		for _, x := range p.e.Identifiers {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO identifiers (report_id, kind, value) VALUES (?, ?, ?)`,
				p.id, x.Kind, x.Value); err != nil {
				return nil, err
			}
		}
		for _, x := range Expiries(rep, p.e.Answers) {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO expiries (report_id, kind, what, date) VALUES (?, ?, ?, ?)`,
				p.id, x.Kind, x.What, x.Date); err != nil {
				return nil, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out, nil
}

func signerName(s []Signature) string {
	if len(s) == 0 {
		return ""
	}
	return s[0].Name()
}

// OverrideMark separates a decision's comment from the reason the operator
// approved a report that does not meet the requirements.
const OverrideMark = " ‖ override: "

// Name is the signer as the registry shows it: "Signer (Organisation)".
func (s Signature) Name() string {
	if s.Organisation != "" && s.Organisation != s.Signer {
		return s.Signer + " (" + s.Organisation + ")"
	}
	return s.Signer
}

func signerFingerprint(s []Signature) string {
	if len(s) == 0 {
		return ""
	}
	return s[0].Fingerprint
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// AddWaiver records a waiver (already checked by the caller); it is
// idempotent by the waiver's id.
func (d *DB) AddWaiver(ctx context.Context, f *waiver.File, fingerprint, source string) (bool, error) {
	p := f.Payload
	res, err := d.db.ExecContext(ctx, `INSERT INTO waivers (id, business_id, member_name, requirement, reason, approver, issued, expires,
		signer_fingerprint, source, file, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		f.ID(), p.BusinessID, p.Member, p.Requirement, p.Reason, p.Approver, p.Issued, p.Expires,
		fingerprint, source, f.Marshal(), time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return false, fmt.Errorf("recording waiver %s: %w", source, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ErrNoMember is returned when no member matches a query.
var ErrNoMember = errors.New("no such member in the registry")

// FindMember resolves a business ID or a member name (case-insensitive, Ä
// and Ö included; a unique part of a name also works) to the member key.
func (d *DB) FindMember(ctx context.Context, query string) (key, name string, err error) {
	q := strings.TrimSpace(query)
	rows, err := d.db.QueryContext(ctx, `SELECT member, business_id, name FROM members ORDER BY name`)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	lq := strings.ToLower(q)
	var keys, names []string
	for rows.Next() {
		var k, bid, n string
		if err := rows.Scan(&k, &bid, &n); err != nil {
			return "", "", err
		}
		// SQLite's lower() knows only ASCII, so names are matched here.
		if k == q || bid == q || strings.EqualFold(n, q) {
			return k, n, nil
		}
		if strings.Contains(strings.ToLower(n), lq) {
			keys, names = append(keys, k), append(names, n)
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", err
	}
	switch len(keys) {
	case 0:
		return "", "", fmt.Errorf("%q: %w (give a business ID or a name; see: mpassaudit registry list)", query, ErrNoMember)
	case 1:
		return keys[0], names[0], nil
	}
	if len(names) > 5 {
		names = append(names[:5], "…")
	}
	return "", "", fmt.Errorf("%q matches several members (%s): give the business ID", query, strings.Join(names, "; "))
}
