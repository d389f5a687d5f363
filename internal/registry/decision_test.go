package registry_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/registry"
	rt "github.com/mpassaudit/mpassaudit/internal/registry/registrytest"
)

func decided(rep *audit.Report, decision, comment string, at time.Time) registry.Entry {
	e := rt.Entry(rep, nil)
	e.Signatures = append(e.Signatures, registry.Signature{Role: "operator", Signer: "MPASSid-operaattori", Fingerprint: "CC:DD", Valid: true, SignedAt: at})
	e.Decision = registry.Decision{Decision: decision, Comment: comment, By: "MPASSid-operaattori", At: at}
	return e
}

// TestDecision: a report registered with a decision shows it; one
// registered before its approval records the decision when the approved
// PDF is added; an older decision never overwrites a newer one.
func TestDecision(t *testing.T) {
	ctx := context.Background()
	db := open(t, "")
	approvedRep := rt.Report("Oulun kaupunki", "0187690-1", date("2026-06-15"), nil)
	pendingRep := rt.Report("Äänekosken kaupunki", "0245437-2", date("2026-10-01"), map[string]string{"EP-SEC-05": audit.Fail})
	t1, t2 := date("2026-10-05"), date("2026-10-20")

	steps := []struct {
		name           string
		entry          registry.Entry
		new, decided   bool
		member         string
		decision, by   string
		comment        string
		at             time.Time
		nSignaturesNow int
	}{
		{"registered with its decision", decided(approvedRep, "approved", "Hyväksytty.", t1), true, false, "0187690-1", "approved", "MPASSid-operaattori", "Hyväksytty.", t1, 2},
		{"registered before a decision", rt.Entry(pendingRep, nil), true, false, "0245437-2", "", "", "", time.Time{}, 1},
		{"the decision on it recorded", decided(pendingRep, "changes-requested", "Korjaa EP-SEC-05.", t1), false, true, "0245437-2", "changes-requested", "MPASSid-operaattori", "Korjaa EP-SEC-05.", t1, 2},
		{"the same again changes nothing", decided(pendingRep, "changes-requested", "Korjaa EP-SEC-05.", t1), false, false, "0245437-2", "changes-requested", "MPASSid-operaattori", "Korjaa EP-SEC-05.", t1, 2},
		{"a later decision replaces it", decided(pendingRep, "approved", "Korjattu.", t2), false, true, "0245437-2", "approved", "MPASSid-operaattori", "Korjattu.", t2, 2},
		{"an older PDF does not undo it", decided(pendingRep, "changes-requested", "Korjaa EP-SEC-05.", t1), false, false, "0245437-2", "approved", "MPASSid-operaattori", "Korjattu.", t2, 2},
		{"the unapproved PDF does not undo it", rt.Entry(pendingRep, nil), false, false, "0245437-2", "approved", "MPASSid-operaattori", "Korjattu.", t2, 2},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			added, err := db.Add(ctx, s.entry)
			if err != nil {
				t.Fatal(err)
			}
			if added[0].New != s.new || added[0].Decided != s.decided {
				t.Errorf("Added = %+v, want New %v, Decided %v", added[0], s.new, s.decided)
			}
			h, err := db.History(ctx, s.member)
			if err != nil || len(h) != 1 {
				t.Fatalf("History = %+v, %v: want one audit", h, err)
			}
			d := h[0].Decision
			if d.Decision != s.decision || d.By != s.by || d.Comment != s.comment || !d.At.Equal(s.at) {
				t.Errorf("Decision = %+v, want %s by %s at %s: %q", d, s.decision, s.by, s.at, s.comment)
			}
			if n := countSignatures(t, db.Path, h[0].ID); n != s.nSignaturesNow {
				t.Errorf("%d signatures stored, want %d", n, s.nSignaturesNow)
			}
		})
	}
	members, err := db.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if m.Last.Decision.Decision != "approved" {
			t.Errorf("Members: %s last decision %q, want approved", m.Name, m.Last.Decision.Decision)
		}
	}
}

func countSignatures(t *testing.T, path, id string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var js string
	if err := raw.QueryRow("SELECT signatures FROM reports WHERE id = ?", id).Scan(&js); err != nil {
		t.Fatal(err)
	}
	var sigs []registry.Signature
	if err := json.Unmarshal([]byte(js), &sigs); err != nil {
		t.Fatal(err)
	}
	return len(sigs)
}

// TestMigrateVersion1: a registry made by a version-1 mpassaudit opens as
// the current version, its reports intact and without a decision, and its
// approved PDF then records the decision.
func TestMigrateVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	rep := rt.Report("Oulun kaupunki", "0187690-1", date("2026-06-15"), map[string]string{"EP-LIFE-03": audit.Fail})
	e := rt.Entry(rep, nil)
	id := registry.ReportID(e.ReportJSON)
	s := rep.Summary
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{registry.Migrations[0], nil},
		{`INSERT INTO members (member, business_id, name, kind) VALUES (?, ?, ?, ?)`, []any{"0187690-1", "0187690-1", "Oulun kaupunki", "education-provider"}},
		{`INSERT INTO reports (id, member, generated_at, environment, verdict, catalog_version,
			n_pass, n_fail, n_warn, n_manual, n_not_applicable, n_waived, n_error,
			signer, signer_fingerprint, signatures, source, added_at, report_json, answers)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
			[]any{id, "0187690-1", rep.GeneratedAt, "production", rep.Verdict, "2026.11.1", s.Pass, s.Fail, s.Warn, s.Manual,
				s.NotApplicable, s.Waived, s.Error, "Oulun kaupunki", "AA:BB", `[{"role":"member"}]`, "oulu.pdf", "2026-06-16T00:00:00Z", e.ReportJSON}},
		{`PRAGMA user_version = 1`, nil},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("building the version-1 database: %v", err)
		}
	}
	raw.Close()

	db := open(t, path)
	var v int
	if err := schemaVersion(path, &v); err != nil || v != registry.SchemaVersion || v < 2 {
		t.Fatalf("user_version = %d, %v; want %d (2 or later)", v, err, registry.SchemaVersion)
	}
	h, err := db.History(ctx, "0187690-1")
	if err != nil || len(h) != 1 || h[0].ID != id || h[0].Summary.Fail != 1 || h[0].Source != "oulu.pdf" || h[0].Decision != (registry.Decision{}) {
		t.Fatalf("History after the migration = %+v, %v", h, err)
	}
	added, err := db.Add(ctx, decided(rep, "approved", "Hyväksytty.", date("2026-06-20")))
	if err != nil || added[0].New || !added[0].Decided {
		t.Fatalf("adding the approved PDF = %+v, %v: want the decision recorded", added, err)
	}
	if h, _ := db.History(ctx, "0187690-1"); len(h) != 1 || h[0].Decision.Decision != "approved" {
		t.Errorf("History after the approval = %+v", h)
	}
}

func schemaVersion(path string, v *int) error {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer raw.Close()
	return raw.QueryRow("PRAGMA user_version").Scan(v)
}
