package registry_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/registry"
	rt "github.com/mpassaudit/mpassaudit/internal/registry/registrytest"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func open(t testing.TB, path string) *registry.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "registry.db")
	}
	db, err := registry.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func add(t testing.TB, db *registry.DB, reps ...*audit.Report) []registry.Added {
	t.Helper()
	var es []registry.Entry
	for _, r := range reps {
		es = append(es, rt.Entry(r, nil))
	}
	out, err := db.Add(context.Background(), es...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t.Add(10 * time.Hour)
}

func TestAddIdempotent(t *testing.T) {
	db := open(t, "")
	rep := rt.Report("Äänekosken kaupunki", "0245437-2", date("2026-01-10"), map[string]string{"EP-SEC-05": audit.Fail})
	first := add(t, db, rep)
	second := add(t, db, rep)
	if !first[0].New || second[0].New || first[0].ID != second[0].ID {
		t.Fatalf("first %+v, second %+v: want new then already registered, same id", first, second)
	}
	h, err := db.History(context.Background(), "0245437-2")
	if err != nil || len(h) != 1 {
		t.Fatalf("History = %v, %v: want one audit", h, err)
	}
	if h[0].ID != registry.ReportID(rt.Entry(rep, nil).ReportJSON) || h[0].Summary.Fail != 1 || h[0].Verdict != audit.Fail {
		t.Errorf("History[0] = %+v", h[0])
	}
}

func TestAddRejectsBadJSON(t *testing.T) {
	db := open(t, "")
	for name, data := range map[string]string{
		"not JSON":     "{",
		"wrong schema": `{"schema":"other"}`,
		"bad time":     `{"schema":"mpassaudit/result/v1","generated_at":"yesterday","member":{"name":"x"}}`,
		"no member":    `{"schema":"mpassaudit/result/v1","generated_at":"2026-01-01T00:00:00Z"}`,
	} {
		if _, err := db.Add(context.Background(), registry.Entry{ReportJSON: []byte(data), Source: name}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: Add error = %v, want one naming the source", name, err)
		}
	}
}

func TestListShowDiff(t *testing.T) {
	ctx := context.Background()
	db := open(t, "")
	add(t, db,
		rt.Report("Äänekosken kaupunki", "0245437-2", date("2024-11-01"), map[string]string{"EP-SEC-05": audit.Fail, "EP-LIFE-03": audit.Fail}),
		rt.Report("Äänekosken kaupunki", "0245437-2", date("2025-10-01"), map[string]string{"EP-SEC-05": audit.Fail, "EP-AUTH-01": audit.Warn}),
		rt.Report("Oulun kaupunki", "0187690-1", date("2026-06-15"), nil),
	)
	members, err := db.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		bid, name, last, verdict, due string
		audits                        int
		overdue                       bool
	}{
		{"0187690-1", "Oulun kaupunki", "2026-06-15", audit.Pass, "2027-06-15", 1, false},
		{"0245437-2", "Äänekosken kaupunki", "2025-10-01", audit.Fail, "2026-10-01", 2, true},
	}
	if len(members) != len(want) {
		t.Fatalf("Members = %+v", members)
	}
	for i, w := range want {
		m := members[i]
		got := fmt.Sprint(m.BusinessID, m.Name, m.Last.GeneratedAt.Format(time.DateOnly), m.Last.Verdict, m.Due.Format(time.DateOnly), m.Audits, m.Overdue(now))
		if exp := fmt.Sprint(w.bid, w.name, w.last, w.verdict, w.due, w.audits, w.overdue); got != exp {
			t.Errorf("member %d = %s, want %s", i, got, exp)
		}
	}

	for _, q := range []string{"0245437-2", "äänekosken kaupunki", "ÄÄNEKOSKEN KAUPUNKI", "Ääneko"} {
		key, _, err := db.FindMember(ctx, q)
		if err != nil || key != "0245437-2" {
			t.Errorf("FindMember(%q) = %q, %v", q, key, err)
		}
	}
	if _, _, err := db.FindMember(ctx, "kaupunki"); err == nil || !strings.Contains(err.Error(), "several") {
		t.Errorf("FindMember(kaupunki) = %v, want an ambiguity error", err)
	}
	if _, _, err := db.FindMember(ctx, "Helsinki"); err == nil {
		t.Error("FindMember(Helsinki) found a member")
	}

	h, err := db.History(ctx, "0245437-2")
	if err != nil || len(h) != 2 || !h[0].GeneratedAt.After(h[1].GeneratedAt) {
		t.Fatalf("History = %+v, %v: want two audits, newest first", h, err)
	}
	newer, err := db.Report(ctx, h[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	older, err := db.Report(ctx, h[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(registry.Diff(older, newer))
	if exp := "[{EP-AUTH-01 authentication EP-AUTH-01 pass warn} {EP-LIFE-03 lifecycle EP-LIFE-03 fail pass}]"; got != exp {
		t.Errorf("Diff = %s, want %s", got, exp)
	}
	for sel, ok := range map[string]bool{"2025-10-01": true, h[1].ID[:8]: true, h[1].ID[:3]: false, "2020-01-01": false} {
		if _, err := registry.PickAudit(h, sel); (err == nil) != ok {
			t.Errorf("PickAudit(%q) = %v, want ok=%v", sel, err, ok)
		}
	}
}

func TestDue(t *testing.T) {
	ctx := context.Background()
	db := open(t, "")
	withCert := rt.Report("Oulun kaupunki", "0187690-1", date("2026-06-15"), nil)
	withCert.Results[0].Evidence = []audit.Evidence{
		{"kind": "probe", "probe": "saml-metadata", "target": "https://idp.example.fi/metadata",
			"certificates": []any{map[string]any{"use": "signing", "not_after": "2027-01-10T00:00:00Z"}}},
		{"kind": "answer", "path": "technical.entra_secret_expires", "value": "2026-12-20"},
	}
	answers := []byte("[technical]\nentra_client_secret_expires = 2026-12-24\nleaver_days = 5\n")
	old := rt.Report("Oulun kaupunki", "0187690-1", date("2025-06-15"), nil)
	old.Results[0].Evidence = []audit.Evidence{{"kind": "answer", "path": "technical.entra_secret_expires", "value": "2026-12-01"}}
	if _, err := db.Add(ctx, rt.Entry(withCert, answers), rt.Entry(old, nil)); err != nil {
		t.Fatal(err)
	}
	add(t, db, rt.Report("Åbo Akademi", "0355582-6", date("2025-12-20"), nil))

	operator, err := keys.Generate("MPASSid-operaattori")
	if err != nil {
		t.Fatal(err)
	}
	for _, exp := range []string{"2027-01-05", "2027-05-01", "2026-11-01"} {
		f, err := waiver.Sign(waiver.Payload{Schema: waiver.Schema, BusinessID: "0187690-1", Requirement: "EP-SEC-05",
			Reason: "siirtymä " + exp, Approver: "Åsa", Issued: "2026-10-01T00:00:00Z", Expires: exp}, operator.Key, operator.Cert, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // recording twice keeps one
			if _, err := db.AddWaiver(ctx, f, keys.Fingerprint(operator.Cert), "w.json"); err != nil {
				t.Fatal(err)
			}
		}
	}

	items, err := db.Due(ctx, now, now.AddDate(0, 0, 60))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s %s %s %s", it.Date.Format(time.DateOnly), it.Kind, it.BusinessID, it.What))
	}
	want := []string{
		"2026-12-20 client-secret 0187690-1 answers technical.entra_secret_expires",
		"2026-12-20 re-audit 0355582-6 2025-12-20",
		"2026-12-24 client-secret 0187690-1 answers technical.entra_client_secret_expires",
		"2027-01-05 waiver 0187690-1 EP-SEC-05: siirtymä 2027-01-05",
		"2027-01-10 certificate 0187690-1 EP-ORG-01 https://idp.example.fi/metadata (signing)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Due =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ws, err := db.Waivers(ctx)
	if err != nil || len(ws) != 3 {
		t.Errorf("Waivers = %d, %v: want 3 (idempotent)", len(ws), err)
	}
}

func TestMigrationVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	open(t, path).Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v int
	var mode string
	if err := raw.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != registry.SchemaVersion {
		t.Fatalf("user_version = %d, %v; want %d", v, err, registry.SchemaVersion)
	}
	if err := raw.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	if _, err := registry.Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer mpassaudit") {
		t.Fatalf("Open of a newer schema = %v, want an error asking for a newer mpassaudit", err)
	}
}

// concurrentReports are the reports writer w adds, one transaction each.
func concurrentReports(w, n int) []*audit.Report {
	var out []*audit.Report
	for i := range n {
		out = append(out, rt.Report(fmt.Sprintf("Jäsen %d-%d", w, i), rt.BusinessID(2000000+w*1000+i*7),
			date("2026-01-01").Add(time.Duration(i)*time.Hour), nil))
	}
	return out
}

func countReports(t *testing.T, path string) int {
	t.Helper()
	db := open(t, path)
	as, err := db.Audits(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(as)
}

// TestConcurrentAddGoroutines: two writers with their own *sql.DB on the
// same file, each adding reports one transaction at a time.
func TestConcurrentAddGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := registry.Open(context.Background(), path)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			for _, r := range concurrentReports(w, n) {
				if _, err := db.Add(context.Background(), rt.Entry(r, nil)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := countReports(t, path); got != 2*n {
		t.Fatalf("%d reports registered, want %d", got, 2*n)
	}
}

// TestConcurrentAddProcesses runs this test binary twice at once as writer
// processes (see TestMain) against the same file.
func TestConcurrentAddProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	const n = 40
	var cmds []*exec.Cmd
	for w := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "REGISTRY_TEST_WRITER="+strconv.Itoa(w), "REGISTRY_TEST_DB="+path, "REGISTRY_TEST_N="+strconv.Itoa(n))
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("writer %d: %s", w, out.String())
			}
		})
		cmds = append(cmds, cmd)
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	if got := countReports(t, path); got != 2*n {
		t.Fatalf("%d reports registered, want %d", got, 2*n)
	}
}

func TestMain(m *testing.M) {
	if w := os.Getenv("REGISTRY_TEST_WRITER"); w != "" {
		os.Exit(writer(w))
	}
	os.Exit(m.Run())
}

func writer(ws string) int {
	w, _ := strconv.Atoi(ws)
	n, _ := strconv.Atoi(os.Getenv("REGISTRY_TEST_N"))
	db, err := registry.Open(context.Background(), os.Getenv("REGISTRY_TEST_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	for _, r := range concurrentReports(w, n) {
		if _, err := db.Add(context.Background(), rt.Entry(r, nil)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// BenchmarkList is `registry list` on 1,000 members × 3 audits: the
// query and the sort by name.
func BenchmarkList(b *testing.B) {
	ctx := context.Background()
	db, err := registry.Open(ctx, filepath.Join(b.TempDir(), "r.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := rt.Fill(ctx, db, 1000, 3, now, 1); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		ms, err := db.Members(ctx)
		if err != nil || len(ms) != 1000 {
			b.Fatalf("%d members, %v", len(ms), err)
		}
		registry.SortByName(ms, "fi")
	}
}
