package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/policies"
	"github.com/mpassaudit/mpassaudit/reports/signing"
)

// operatorDesk is the operator's working directory of a test: the members'
// and the operator's keys, trust directories and a registry.
type operatorDesk struct {
	dir             string
	members         string // trust directory: members' certificates
	operators       string // trust directory: the operator's certificate
	db              string // --db
	operatorKey     string // PREFIX of the operator's key and certificate
	memberKey       map[string]string
	compliant, fail string // answers files
}

const (
	compliantBID = "1234567-1" // the compliant example's business ID
	failingBID   = "2044444-2" // a valid business ID for the failing example
)

func newDesk(t *testing.T) *operatorDesk {
	t.Helper()
	needFile(t, compliantEP)
	needFile(t, failingEP)
	dir := t.TempDir()
	d := &operatorDesk{
		dir: dir, members: filepath.Join(dir, "members"), operators: filepath.Join(dir, "operator-certs"),
		db: filepath.Join(dir, "registry.db"), operatorKey: filepath.Join(dir, "operator"), memberKey: map[string]string{},
		compliant: compliantEP, fail: filepath.Join(dir, "failing.toml"),
	}
	for _, p := range []string{d.members, d.operators} {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The failing example's business ID is mistyped on purpose; a waiver
	// needs a real one.
	src, err := os.ReadFile(failingEP)
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(src), `business_id = "1234567-8"`, `business_id = "`+failingBID+`"`, 1)
	if fixed == string(src) {
		t.Fatal("the failing example no longer has business_id 1234567-8: update this test")
	}
	if err := os.WriteFile(d.fail, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	// The sample export it names lies beside it.
	sample := "education-provider-failing-sample.csv"
	if b, err := os.ReadFile(filepath.Join(filepath.Dir(failingEP), sample)); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(filepath.Join(dir, sample), b, 0o644); err != nil {
		t.Fatal(err)
	}
	d.newKey(t, "Järvelän kaupunki", "jarvela", d.members)
	d.newKey(t, "Koskenrannan kunta", "koskenranta", d.members)
	d.newKey(t, "MPASSid-operaattori", "operator", d.operators)
	return d
}

// newKey makes a key with keys new (extra: e.g. --business-id) and puts
// its certificate in the trust directory.
func (d *operatorDesk) newKey(t *testing.T, org, name, trust string, extra ...string) {
	t.Helper()
	prefix := filepath.Join(d.dir, name)
	// Made before every report of the story, which signs as of its date.
	code, out, errOut := runCLIAt(t, keysMade, append([]string{"keys", "new", "--org", org, "-o", prefix}, extra...)...)
	if code != exitOK || !strings.Contains(out, "SHA-256") {
		t.Fatalf("keys new --org %s: exit %d\n%s%s", org, code, out, errOut)
	}
	b, err := os.ReadFile(prefix + ".cert.pem")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(trust, name+".cert.pem"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	d.memberKey[name] = prefix
}

// signedReport audits answers as of now and writes the signed PDF.
func (d *operatorDesk) signedReport(t *testing.T, answers, key, now, name string) string {
	t.Helper()
	pdf := filepath.Join(d.dir, name)
	prefix := d.memberKey[key]
	// A signature carries the clock's time, which must agree with the
	// report's: the audit runs with the clock at now.
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLIAt(t, at, "--lang", "fi", "audit", "--no-probe", "--now", now, answers,
		"--pdf", pdf, "--sign-key", prefix+".key.pem", "--sign-cert", prefix+".cert.pem")
	if code != exitOK && code != exitFailed {
		t.Fatalf("audit --pdf %s: exit %d: %s", name, code, errOut)
	}
	return pdf
}

// fixedTime is fixedNow as a time.
var fixedTime = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// keysMade is when the story's keys are made: before its first report.
var keysMade = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// runCLIAt runs the command with the clock at when (a synctest bubble):
// signatures carry the clock's time, so a report of the story signed as
// of its date is what the member would have signed then.
func runCLIAt(t *testing.T, when time.Time, args ...string) (code int, out, errOut string) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		time.Sleep(time.Until(when))
		code, out, errOut = runCLI(t, args...)
	})
	return code, out, errOut
}

// TestOperatorRegistry is the operator's story with registered reports:
// verify, approve, register twice, list, show, diff, due, and a changed file
// refused; then the steering group's summary in three formats.
func TestOperatorRegistry(t *testing.T) {
	d := newDesk(t)
	// The failing member improved nothing but its leaver delay got worse:
	// its earlier audit passes EP-LIFE-03.
	older := filepath.Join(d.dir, "failing-2025.toml")
	src, _ := os.ReadFile(d.fail)
	os.WriteFile(older, []byte(strings.Replace(string(src), "leaver_days = 14", "leaver_days = 3", 1)), 0o644)

	reports := []string{
		d.signedReport(t, d.compliant, "jarvela", "2026-11-27T12:00:00Z", "jarvela.pdf"),
		d.signedReport(t, older, "koskenranta", "2025-10-01T09:00:00Z", "koskenranta-2025.pdf"),
		d.signedReport(t, d.fail, "koskenranta", "2026-11-20T09:00:00Z", "koskenranta-2026.pdf"),
	}
	for _, r := range reports {
		if code, out, errOut := runCLI(t, "verify", r, "--trust", d.members, "--operators", d.operators); code != exitOK || !strings.Contains(out, "VERIFIED") {
			t.Fatalf("verify %s: exit %d\n%s%s", r, code, out, errOut)
		}
	}

	op := d.operatorKey
	// The member cannot approve its own report.
	jk := d.memberKey["jarvela"]
	if code, _, errOut := runCLI(t, "approve", reports[0], "--sign-key", jk+".key.pem", "--sign-cert", jk+".cert.pem",
		"--trust", d.members, "--decision", "approved", "-o", filepath.Join(d.dir, "self.pdf")); code != exitUsage || !strings.Contains(errOut, "not the member's") {
		t.Errorf("approve with the member's own key: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "approve", reports[0], "--sign-key", op+".key.pem", "--sign-cert", op+".cert.pem",
		"--trust", d.members, "--operators", d.operators, "--decision", "approved", "--comment", "Hyväksytty tuotantoon.")
	if code != exitOK || !strings.Contains(out, "approved") {
		t.Fatalf("approve: exit %d\n%s%s", code, out, errOut)
	}
	trust := []string{"--trust", d.members, "--operators", d.operators}
	code, out, errOut = runCLI(t, append([]string{"verify", reports[0]}, trust...)...)
	for _, want := range []string{"VERIFIED", "Signature 1 — member: Järvelän kaupunki", "Signature 2 — operator: MPASSid-operaattori",
		"valid, trusted", "Decision: approved for production — Hyväksytty tuotantoon."} {
		if !strings.Contains(out, want) {
			t.Errorf("verify of the approved report lacks %q (exit %d)\n%s%s", want, code, out, errOut)
		}
	}
	if code != exitOK {
		t.Errorf("verify of the approved report: exit %d", code)
	}

	// Register: every report once; the second run changes nothing.
	db := "--db=" + d.db
	code, out, errOut = runCLI(t, append(append([]string{"registry", "add", db}, trust...), reports...)...)
	if code != exitOK || strings.Count(out, ": registered ") != 3 || strings.Contains(errOut, "warning") {
		t.Fatalf("registry add: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, append(append([]string{"registry", "add", db}, trust...), reports...)...)
	if code != exitOK || strings.Count(out, ": already registered ") != 3 || !strings.Contains(out, "pass, decision approved") {
		t.Fatalf("registry add again: exit %d\n%s%s", code, out, errOut)
	}

	// The operator decides on a report registered before: adding the
	// decided PDF (same report id) records the decision, once.
	decided := filepath.Join(d.dir, "koskenranta-2026-decided.pdf")
	if code, out, errOut := runCLI(t, "approve", reports[2], "--sign-key", op+".key.pem", "--sign-cert", op+".cert.pem",
		"--trust", d.members, "--operators", d.operators, "--decision", "changes-requested", "--comment", "Korjaa EP-LIFE-03.", "-o", decided); code != exitOK {
		t.Fatalf("approve --decision changes-requested: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, append([]string{"registry", "add", db, decided}, trust...)...)
	if code != exitOK || !strings.Contains(out, ": decision recorded Koskenrannan kunta") || !strings.Contains(out, "decision changes-requested") {
		t.Fatalf("registry add of the decided report: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, append([]string{"registry", "add", db, decided}, trust...)...)
	if code != exitOK || !strings.Contains(out, ": already registered ") {
		t.Fatalf("registry add of the decided report again: exit %d\n%s%s", code, out, errOut)
	}

	// A changed report is refused with the reason, and nothing is added.
	data, _ := os.ReadFile(reports[2])
	appended := filepath.Join(d.dir, "appended.pdf")
	os.WriteFile(appended, append(data, "\n% later\n"...), 0o644)
	flipped := filepath.Join(d.dir, "flipped.pdf")
	b := slices.Clone(data)
	b[len(b)/2] ^= 0x01
	os.WriteFile(flipped, b, 0o644)
	code, out, errOut = runCLI(t, append(append([]string{"registry", "add", db}, trust...), appended, flipped)...)
	if code == exitOK || out != "" {
		t.Errorf("registry add of changed reports: exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"appended.pdf does not verify", "appended after the last signature",
		"flipped.pdf does not verify", "changed after signing", "2 of 2 reports did not verify"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("registry add of changed reports: stderr lacks %q:\n%s", want, errOut)
		}
	}

	code, out, errOut = runCLI(t, "registry", "list", db, fixedNow)
	if code != exitOK {
		t.Fatalf("registry list: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "Decision") || !strings.HasPrefix(lines[1], "Järvelän kaupunki, sivistystoimiala") ||
		!strings.Contains(squeeze(lines[1]), "REQUIREMENTS MET approved for production 2027-11-27") || !strings.Contains(squeeze(lines[2]), "REQUIREMENTS NOT MET changes requested 2027-11-20") ||
		!strings.Contains(lines[2], failingBID) || !strings.Contains(lines[2], "2026-11-20") ||
		!strings.Contains(lines[2], "REQUIREMENTS NOT MET") || !strings.Contains(lines[2], "2027-11-20") || !strings.HasSuffix(lines[2], " 2") ||
		lines[3] != "2 members, 0 overdue" {
		t.Errorf("registry list:\n%s", out)
	}
	for lang, want := range map[string][]string{"fi": {"Päätös", "hyväksytty tuotantoon", "VAATIMUKSET TÄYTTYVÄT", "muutoksia pyydetty"}, "sv": {"Beslut", "godkänd för produktion", "KRAVEN UPPFYLLS", "ändringar begärda"}} {
		_, out, _ := runCLI(t, "--lang", lang, "registry", "list", db, fixedNow)
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("registry list --lang %s lacks %q:\n%s", lang, w, out)
			}
		}
	}
	// A year and a half later both are overdue.
	if _, out, _ := runCLI(t, "registry", "list", db, "--now=2028-05-01"); strings.Count(out, "OVERDUE") != 2 || !strings.Contains(out, "2 members, 2 overdue") {
		t.Errorf("registry list in 2028:\n%s", out)
	}

	code, out, errOut = runCLI(t, "registry", "show", db, failingBID)
	lines = strings.Split(strings.TrimSpace(out), "\n")
	// Newest first, each with its verdict, signer, decision and report id;
	// then who decided and why.
	if code != exitOK || len(lines) != 5 || lines[0] != "Koskenrannan kunta, opetustoimi ("+failingBID+")" ||
		!strings.HasPrefix(lines[2], "2026-11-20") || !strings.HasPrefix(lines[3], "2025-10-01") ||
		!strings.Contains(lines[2], "REQUIREMENTS NOT MET") || !strings.Contains(lines[2], "changes requested") || !strings.Contains(lines[3], "Koskenrannan kunta") ||
		!strings.Contains(lines[3], " — ") || !strings.HasPrefix(lines[4], "Decision 2026-11-20") ||
		!strings.Contains(lines[4], "changes requested — MPASSid-operaattori") || !strings.HasSuffix(lines[4], ": Korjaa EP-LIFE-03.") {
		t.Errorf("registry show: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "registry", "show", db, "9999999-9"); code != exitUsage || errOut == "" {
		t.Errorf("registry show of an unknown member: exit %d: %s", code, errOut)
	}

	code, out, errOut = runCLI(t, "registry", "diff", db, failingBID)
	if code != exitOK || !strings.Contains(out, "2025-10-01") || !strings.Contains(out, "→ 2026-11-20") {
		t.Fatalf("registry diff: exit %d\n%s%s", code, out, errOut)
	}
	var life string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "EP-LIFE-03") {
			life = strings.Join(strings.Fields(l), " ")
		}
	}
	if !strings.HasPrefix(life, "EP-LIFE-03 pass → fail") {
		t.Errorf("registry diff: EP-LIFE-03 line %q\n%s", life, out)
	}
	// The reports are in Finnish; the titles follow --lang.
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "sv"} {
		title := cat.Requirement("EP-LIFE-03").Title(lang)
		_, out, _ := runCLI(t, "--lang", lang, "registry", "diff", db, failingBID)
		if title == "" || !strings.Contains(out, title) {
			t.Errorf("registry diff --lang %s lacks the title %q:\n%s", lang, title, out)
		}
	}
	if code, _, errOut := runCLI(t, "registry", "diff", db, compliantBID); code != exitUsage || !strings.Contains(errOut, "diff needs two") {
		t.Errorf("registry diff of one audit: exit %d: %s", code, errOut)
	}

	// The compliant member's Entra client secret (answered) expired in August.
	code, out, errOut = runCLI(t, "registry", "due", db, "--now=2027-10-01", "--within", "60d")
	if code != exitOK || !strings.Contains(out, "re-audit") || !strings.Contains(out, "2027-11-20") ||
		!strings.Contains(out, "2027-11-27") || !strings.Contains(out, "2027-08-31 !  client-secret") ||
		!strings.Contains(out, "3 items due by 2027-11-30") {
		t.Errorf("registry due: exit %d\n%s%s", code, out, errOut)
	}

	// The steering group's summary: PDF, XLSX and CSV.
	pdf, xlsx, csvFile := filepath.Join(d.dir, "s.pdf"), filepath.Join(d.dir, "s.xlsx"), filepath.Join(d.dir, "s.csv")
	code, _, errOut = runCLI(t, "summary", "--lang", "fi", db, fixedNow, "--pdf", pdf, "--xlsx", xlsx, "--csv", csvFile, "--csv-dialect", "rfc4180")
	if code != exitOK {
		t.Fatalf("summary: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("summary --pdf did not write a PDF")
	}
	f, err := os.Open(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatalf("summary --csv: %v", err)
	}
	if len(rows) != 3 || rows[0][0] != "Jäsen" || rows[0][1] != "Y-tunnus" {
		t.Fatalf("summary --csv: %d rows, header %v", len(rows), rows[0])
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[1]] = r
	}
	if r := byID[failingBID]; r == nil || r[0] != "Koskenrannan kunta, opetustoimi" || r[2] != "2026-11-20" || r[4] != "fail" ||
		!slices.Contains(strings.Fields(r[len(r)-1]), "EP-LIFE-03") {
		t.Errorf("summary --csv: failing member's row %v", r)
	}
	if r := byID[compliantBID]; r == nil || r[4] != "pass" || r[len(r)-1] != "" || slices.Contains(r[7:len(r)-1], "fail") {
		t.Errorf("summary --csv: compliant member's row %v", r)
	}
	x, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatalf("summary --xlsx does not open: %v", err)
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) < 5 {
		t.Fatalf("summary --xlsx sheets %v", sheets)
	}
	xr, err := x.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range xr[1:] {
		names = append(names, r[0])
	}
	if len(xr) != 3 || xr[0][0] != "Jäsen" || !slices.Contains(names, "Koskenrannan kunta, opetustoimi") || !slices.Contains(names, "Järvelän kaupunki, sivistystoimiala") {
		t.Errorf("summary --xlsx first sheet %q: %v", sheets[0], xr)
	}

	// An empty registry: the summary says what to do instead of an empty file.
	code, _, errOut = runCLI(t, "summary", "--db", filepath.Join(d.dir, "empty.db"), "--csv", filepath.Join(d.dir, "e.csv"))
	if code != exitUsage || !strings.Contains(errOut, "registry add") {
		t.Errorf("summary of an empty registry: exit %d: %s", code, errOut)
	}
}

// TestOperatorWaivers: a waiver the operator signed makes a failing
// requirement waived (reason, approver and expiry shown) until its expiry
// day; the day after it fails again; a waiver the member signed is refused.
func TestOperatorWaivers(t *testing.T) {
	d := newDesk(t)
	waivers := filepath.Join(d.dir, "waivers")
	os.Mkdir(waivers, 0o755)
	op := d.operatorKey
	waive := func(key, req, name string, extra ...string) (int, string, string) {
		args := append([]string{"waive", "--business-id", failingBID, "--requirement", req, "--reason", "Lokipalvelu uusitaan",
			"--approver", "MPASSid-operaattori / Liisa Virtanen", "--expires", "2027-03-31", fixedNow,
			"--sign-key", key + ".key.pem", "--sign-cert", key + ".cert.pem", "-o", filepath.Join(waivers, name)}, extra...)
		return runCLI(t, args...)
	}
	if code, out, errOut := waive(op, "EP-LIFE-03", "op-life-03.json"); code != exitOK || !strings.Contains(out+errOut, failingBID+" EP-LIFE-03 until 2027-03-31") {
		t.Fatalf("waive: exit %d\n%s%s", code, out, errOut)
	}
	// The member signs a waiver of its own: the file can be made, never honoured.
	if code, out, errOut := waive(d.memberKey["koskenranta"], "EP-SEC-01", "member-sec-01.json"); code != exitOK {
		t.Fatalf("waive with the member's key: exit %d\n%s%s", code, out, errOut)
	}
	for _, c := range []struct {
		name, err string
		args      []string
	}{
		{"too far", "more than 12 months ahead: the latest allowed date is 2027-11-27", []string{"--expires", "2028-01-01"}},
		{"past", "is in the past", []string{"--expires", "2026-01-01"}},
		{"unknown requirement", "no such requirement", []string{"--requirement", "EP-NOPE-01"}},
		{"overwrite", "waivers are never overwritten", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := waive(op, "EP-LIFE-03", "op-life-03.json", c.args...)
			if c.name != "overwrite" {
				code, _, errOut = waive(op, "EP-LIFE-03", "x-"+strings.ReplaceAll(c.name, " ", "-")+".json", c.args...)
			}
			if code != exitUsage || !strings.Contains(errOut, c.err) {
				t.Errorf("exit %d, stderr %q, want %q", code, errOut, c.err)
			}
		})
	}
	if code, _, errOut := runCLI(t, "waive", "--business-id", "1234567-8", "--requirement", "EP-LIFE-03", "--reason", "r",
		"--approver", "a", "--expires", "2027-01-31", fixedNow, "--sign-key", op+".key.pem", "--sign-cert", op+".cert.pem",
		"-o", filepath.Join(d.dir, "bad-bid.json")); code != exitUsage || !strings.Contains(errOut, "invalid check digit") {
		t.Errorf("waive with a mistyped business ID: exit %d: %s", code, errOut)
	}

	result := func(now string) (map[string]audit.Result, string) {
		t.Helper()
		code, out, errOut := runCLI(t, "audit", "--no-probe", "--format", "json", "--now", now, d.fail, "--waivers", waivers, "--operators", d.operators)
		if code != exitFailed {
			t.Fatalf("audit --waivers --now %s: exit %d: %s", now, code, errOut)
		}
		var r audit.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		m := map[string]audit.Result{}
		for _, res := range r.Results {
			m[res.ID] = res
		}
		return m, errOut
	}

	// On the expiry day the waiver holds.
	res, errOut := result("2027-03-31T23:00:00Z")
	life := res["EP-LIFE-03"]
	want := audit.Waiver{Reason: "Lokipalvelu uusitaan", Approver: "MPASSid-operaattori / Liisa Virtanen", Expires: "2027-03-31"}
	if life.Status != audit.Waived || life.Waiver == nil || *life.Waiver != want {
		t.Errorf("EP-LIFE-03 with the operator's waiver: %s %+v", life.Status, life.Waiver)
	}
	if s := res["EP-SEC-01"]; s.Status != audit.Fail || s.Waiver != nil {
		t.Errorf("EP-SEC-01 with the member's own waiver: %s %+v", s.Status, s.Waiver)
	}
	for _, w := range []string{"member-sec-01.json", "refused", `signed by "Koskenrannan kunta"`, "not a trusted operator certificate", "a member cannot waive its own requirements"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("the member's waiver: stderr lacks %q:\n%s", w, errOut)
		}
	}
	// The text shows the waiver to people.
	code, out, _ := runCLI(t, "--lang", "fi", "audit", "--no-probe", "--now", "2027-03-01", d.fail, "--waivers", waivers, "--operators", d.operators)
	if code != exitFailed || !strings.Contains(out, "POIKKEUSLUPA") || !strings.Contains(out, "Lokipalvelu uusitaan") ||
		!strings.Contains(out, "MPASSid-operaattori / Liisa Virtanen") || !strings.Contains(out, "2027-03-31") {
		t.Errorf("audit text with a waiver: exit %d\n%s", code, out)
	}

	// The day after, it fails again and the operator is told why.
	res, errOut = result("2027-04-01T00:00:00Z")
	if life := res["EP-LIFE-03"]; life.Status != audit.Fail || life.Waiver != nil {
		t.Errorf("EP-LIFE-03 after the expiry: %s %+v", life.Status, life.Waiver)
	}
	if !strings.Contains(errOut, "op-life-03.json") || !strings.Contains(errOut, "expired on 2027-03-31") {
		t.Errorf("expired waiver: stderr %q", errOut)
	}
	// The result itself says why its waiver was not honoured.
	if life := res["EP-LIFE-03"]; !strings.Contains(life.Message, "waiver not honoured: waiver") || !strings.Contains(life.Message, "expired on 2027-03-31") {
		t.Errorf("EP-LIFE-03's message after the expiry: %q", life.Message)
	}
	// A waiver issued after the audit's time is not honoured either.
	res, _ = result("2026-11-01T00:00:00Z")
	if life := res["EP-LIFE-03"]; life.Status == audit.Waived || !strings.Contains(life.Message, "after the audit's time 2026-11-01T00:00:00Z") {
		t.Errorf("EP-LIFE-03 audited before the waiver was issued: %s %q", life.Status, life.Message)
	}

	// Without the operator's trust directory, waivers are not read at all.
	if code, _, errOut := runCLI(t, "audit", "--no-probe", d.fail, "--waivers", waivers); code != exitUsage || !strings.Contains(errOut, "--waivers needs --operators") {
		t.Errorf("audit --waivers without --operators: exit %d: %s", code, errOut)
	}
	// --trust, the former name, still works, with a warning to keep only
	// the operator's certificates there.
	code, out, errOut = runCLI(t, "audit", "--no-probe", "--now", "2027-03-01", d.fail, "--waivers", waivers, "--trust", d.operators)
	if code != exitFailed || !strings.Contains(out, "Lokipalvelu uusitaan") || !strings.Contains(errOut, "--trust is the former name of --operators") {
		t.Errorf("audit --waivers --trust (former name): exit %d\n%s%s", code, out, errOut)
	}

	// Recorded in the registry, the waiver's expiry is due.
	db := "--db=" + filepath.Join(d.dir, "registry.db")
	code, out, errOut = runCLI(t, "registry", "add-waiver", db, "--operators", d.operators, filepath.Join(waivers, "op-life-03.json"))
	if code != exitOK || !strings.Contains(out, "recorded "+failingBID+" EP-LIFE-03 2027-03-31") {
		t.Fatalf("registry add-waiver: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "registry", "add-waiver", db, "--operators", d.operators, filepath.Join(waivers, "member-sec-01.json"))
	if code != exitUsage || !strings.Contains(errOut, "not a trusted operator certificate") {
		t.Errorf("registry add-waiver of the member's waiver: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "registry", "due", db, "--now=2027-03-01", "--within", "60d")
	if code != exitOK || !strings.Contains(out, "2027-03-31") || !strings.Contains(out, "waiver") || !strings.Contains(out, "EP-LIFE-03: Lokipalvelu uusitaan") {
		t.Errorf("registry due with a waiver:\n%s", out)
	}
}

// squeeze is s with every run of spaces one space (a tabwriter's columns).
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }

// fingerprint is the SHA-256 fingerprint of the desk's certificate name.
func (d *operatorDesk) fingerprint(t *testing.T, name string) string {
	t.Helper()
	p, err := keys.Load(d.memberKey[name]+".key.pem", d.memberKey[name]+".cert.pem")
	if err != nil {
		t.Fatal(err)
	}
	return keys.Fingerprint(p.Cert)
}

// TestOperatorSeparation: with the members' certificates in --trust and
// the operator's in --operators, no trusted member acts as the operator
// (decisions, waivers) or as another member, and the honest flows pass.
func TestOperatorSeparation(t *testing.T) {
	d := newDesk(t)
	d.newKey(t, "Järvelän kaupunki", "jarvela-bid", d.members, "--business-id", compliantBID)
	d.newKey(t, "Koskenrannan kunta", "koskenranta-bid", d.members, "--business-id", failingBID)
	if code, _, errOut := runCLI(t, "keys", "new", "--org", "X", "--business-id", "1234567-8", "-o", filepath.Join(d.dir, "x")); code != exitUsage || !strings.Contains(errOut, "invalid check digit") {
		t.Errorf("keys new with a mistyped business ID: exit %d: %s", code, errOut)
	}
	trust := []string{"--trust", d.members, "--operators", d.operators}
	kFP, jFP := d.fingerprint(t, "koskenranta"), d.fingerprint(t, "jarvela")
	kk := d.memberKey["koskenranta"]

	// One member's report, approved by another trusted member.
	jarvela := d.signedReport(t, d.compliant, "jarvela", "2026-11-27T12:00:00Z", "jarvela.pdf")
	memberApproved := filepath.Join(d.dir, "approved-by-koskenranta.pdf")
	// approve refuses it (verify would), so the member uses its own tool.
	if code, out, errOut := runCLI(t, "approve", jarvela, "--sign-key", kk+".key.pem", "--sign-cert", kk+".cert.pem",
		"--trust", d.members, "--decision", "approved", "-o", memberApproved); code != exitUsage || !strings.Contains(errOut, "a member cannot decide on a report") {
		t.Fatalf("approve with another member's key, no --operators: exit %d\n%s%s", code, out, errOut)
	}
	if pair, err := keys.Load(kk+".key.pem", kk+".cert.pem"); err != nil {
		t.Fatal(err)
	} else if data, err := os.ReadFile(jarvela); err != nil {
		t.Fatal(err)
	} else if out, err := signing.Approve(data, pair, signing.Approved, "", time.Now()); err != nil {
		t.Fatal(err)
	} else if err := os.WriteFile(memberApproved, out, 0o644); err != nil {
		t.Fatal(err)
	}

	// A member waives its own requirement and audits trusting itself.
	waivers, selfOps := filepath.Join(d.dir, "waivers"), filepath.Join(d.dir, "self-ops")
	os.Mkdir(waivers, 0o755)
	os.Mkdir(selfOps, 0o755)
	if b, err := os.ReadFile(kk + ".cert.pem"); err != nil || os.WriteFile(filepath.Join(selfOps, "k.cert.pem"), b, 0o644) != nil {
		t.Fatal(err)
	}
	op := d.operatorKey
	for _, w := range []struct{ key, req, file string }{{kk, "EP-SEC-01", "member-sec-01.json"}, {op, "EP-LIFE-03", "op-life-03.json"}} {
		if code, out, errOut := runCLI(t, "waive", "--business-id", failingBID, "--requirement", w.req, "--reason", "Lokipalvelu uusitaan",
			"--approver", "MPASSid-operaattori", "--expires", "2027-03-31", fixedNow,
			"--sign-key", w.key+".key.pem", "--sign-cert", w.key+".cert.pem", "-o", filepath.Join(waivers, w.file)); code != exitOK {
			t.Fatalf("waive %s: exit %d\n%s%s", w.req, code, out, errOut)
		}
	}
	waivedReport := func(ops, name string) string {
		pdf := filepath.Join(d.dir, name)
		code, _, errOut := runCLIAt(t, fixedTime, "--lang", "fi", "audit", "--no-probe", fixedNow, d.fail, "--waivers", waivers, "--operators", ops,
			"--pdf", pdf, "--sign-key", kk+".key.pem", "--sign-cert", kk+".cert.pem")
		if code != exitFailed {
			t.Fatalf("audit --pdf %s: exit %d: %s", name, code, errOut)
		}
		return pdf
	}
	selfWaived := waivedReport(selfOps, "self-waived.pdf")
	operatorWaived := waivedReport(d.operators, "operator-waived.pdf")

	// A report for Järvelä signed with Koskenranta's key.
	foreignBID := d.signedReport(t, d.compliant, "koskenranta-bid", "2026-11-28T12:00:00Z", "jarvela-by-koskenranta-bid.pdf")
	foreignPlain := d.signedReport(t, d.compliant, "koskenranta", "2026-11-29T12:00:00Z", "jarvela-by-koskenranta.pdf")
	ownBID := d.signedReport(t, d.compliant, "jarvela-bid", "2026-11-30T12:00:00Z", "jarvela-bid.pdf")

	db := "--db=" + d.db
	for _, c := range []struct {
		name string
		args []string
		code int
		want []string // in stdout or stderr
		not  []string
	}{
		{"verify: a member's decision", append([]string{"verify", memberApproved}, trust...), exitFailed,
			[]string{"NOT VERIFIED", "signature 2 (Koskenrannan kunta", "not a trusted operator", kFP, "it is a member's certificate"}, nil},
		{"registry add: a member's decision", append([]string{"registry", "add", db, memberApproved}, trust...), exitUsage,
			[]string{"does not verify", "not a trusted operator", kFP}, nil},
		{"approve: a key --operators does not trust", []string{"approve", jarvela, "--sign-key", kk + ".key.pem", "--sign-cert", kk + ".cert.pem",
			"--trust", d.members, "--operators", d.operators, "--decision", "approved", "-o", filepath.Join(d.dir, "x.pdf")}, exitUsage,
			[]string{"is not trusted by --operators", kFP}, nil},
		{"verify: a self-waived requirement", append([]string{"verify", selfWaived}, trust...), exitFailed,
			[]string{"NOT VERIFIED", "EP-SEC-01 is reported waived, but no waiver signed by a trusted operator covers it", "a member cannot waive its own requirements", kFP}, nil},
		{"registry add: a self-waived requirement", append([]string{"registry", "add", db, selfWaived}, trust...), exitUsage,
			[]string{"does not verify", "EP-SEC-01 is reported waived, but no waiver signed by a trusted operator covers it"}, nil},
		{"verify: the operator's waiver embedded", append([]string{"verify", operatorWaived}, trust...), exitOK,
			[]string{"VERIFIED", "Koskenrannan kunta"}, []string{"NOT VERIFIED"}},
		{"verify: another member's certificate with its business ID", append([]string{"verify", foreignBID}, trust...), exitFailed,
			[]string{"NOT VERIFIED", "business ID " + failingBID, "business ID " + compliantBID, "a member signs only its own report"}, nil},
		{"registry add: another member's certificate with its business ID", append([]string{"registry", "add", db, foreignBID}, trust...), exitUsage,
			[]string{"does not verify", "a member signs only its own report"}, nil},
		{"verify: the member's certificate with its business ID", append([]string{"verify", ownBID}, trust...), exitOK,
			[]string{"VERIFIED"}, []string{"NOT VERIFIED", "names no business ID"}},
		{"verify: a certificate without a business ID", append([]string{"verify", foreignPlain}, trust...), exitOK,
			[]string{"VERIFIED", "the signer's certificate names no business ID: check that Koskenrannan kunta", "signs for Järvelän kaupunki"}, nil},
		{"registry add: the member's first report", append([]string{"registry", "add", db, jarvela}, trust...), exitOK,
			[]string{": registered Järvelän kaupunki"}, []string{"warning"}},
		{"registry add: another certificate for the same member", append([]string{"registry", "add", db, foreignPlain}, trust...), exitOK,
			[]string{": registered Järvelän kaupunki", "warning", "signed by certificate SHA-256 " + kFP, "other registered reports by SHA-256 " + jFP}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", code, c.code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out+errOut, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errOut)
				}
			}
			for _, w := range c.not {
				if strings.Contains(out+errOut, w) {
					t.Errorf("output has %q:\n%s%s", w, out, errOut)
				}
			}
		})
	}
}

// TestApproveOverride: approving a failing report needs --override-reason,
// which is signed with the decision, shown by verify and the registry, and
// drawn on the cover with the decision.
func TestApproveOverride(t *testing.T) {
	d := newDesk(t)
	now := time.Now().UTC().Truncate(time.Second).Format(time.RFC3339)
	failing := d.signedReport(t, d.fail, "koskenranta", now, "koskenranta.pdf")
	op := d.operatorKey
	approve := func(extra ...string) (int, string, string) {
		return runCLI(t, append([]string{"--lang", "fi", "approve", failing, "--sign-key", op + ".key.pem", "--sign-cert", op + ".cert.pem",
			"--trust", d.members, "--operators", d.operators, "--decision", "approved"}, extra...)...)
	}
	approved := filepath.Join(d.dir, "approved.pdf")
	code, out, errOut := approve("-o", approved)
	if code != exitFailed || !strings.Contains(errOut, "its verdict is fail") || !strings.Contains(errOut, "--override-reason") {
		t.Fatalf("approving a failing report: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(approved); err == nil {
		t.Fatal("the refused approval wrote a file")
	}
	reason := "Korjaukset sovittu tehtäväksi 2027-01-31 mennessä"
	if code, out, errOut = approve("-o", approved, "--override-reason", reason, "--comment", "Hyväksytty ehdollisesti"); code != exitOK {
		t.Fatalf("approve --override-reason: exit %d\n%s%s", code, out, errOut)
	}
	trust := []string{"--trust", d.members, "--operators", d.operators}
	code, out, errOut = runCLI(t, append([]string{"--lang", "fi", "verify", approved}, trust...)...)
	if code != exitOK || !strings.Contains(out, "Hyväksytty, vaikka vaatimukset eivät täyty: "+reason) {
		t.Fatalf("verify of the approved report: exit %d\n%s%s", code, out, errOut)
	}
	db := "--db=" + d.db
	if code, out, errOut := runCLI(t, append([]string{"registry", "add", db, approved}, trust...)...); code != exitOK {
		t.Fatalf("registry add: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "--lang", "fi", "registry", "show", db, failingBID)
	if code != exitOK || !strings.Contains(out, "Hyväksytty, vaikka vaatimukset eivät täyty: "+reason) {
		t.Errorf("registry show: exit %d\n%s", code, out)
	}
}
