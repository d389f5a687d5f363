package reports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// The JUnit XML as a CI server reads it, parsed back independently of the
// writer's types.
type parsedSuites struct {
	XMLName  xml.Name      `xml:"testsuites"`
	Name     string        `xml:"name,attr"`
	Tests    int           `xml:"tests,attr"`
	Failures int           `xml:"failures,attr"`
	Errors   int           `xml:"errors,attr"`
	Time     string        `xml:"time,attr"`
	Suites   []parsedSuite `xml:"testsuite"`
}

type parsedSuite struct {
	Name       string `xml:"name,attr"`
	Tests      int    `xml:"tests,attr"`
	Failures   int    `xml:"failures,attr"`
	Errors     int    `xml:"errors,attr"`
	Skipped    int    `xml:"skipped,attr"`
	Timestamp  string `xml:"timestamp,attr"`
	Time       string `xml:"time,attr"`
	Hostname   string `xml:"hostname,attr"`
	ID         string `xml:"id,attr"`
	Package    string `xml:"package,attr"`
	SystemOut  string `xml:"system-out"`
	Properties []struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	} `xml:"properties>property"`
	Cases []parsedCase `xml:"testcase"`
}

type parsedProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type parsedCase struct {
	Classname string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Time      string         `xml:"time,attr"`
	Failure   *parsedProblem `xml:"failure"`
	Error     *parsedProblem `xml:"error"`
	Skipped   *struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	} `xml:"skipped"`
	SystemOut string `xml:"system-out"`
}

func (c parsedCase) outcome() string {
	n := 0
	out := "pass"
	if c.Failure != nil {
		n, out = n+1, "failure"
	}
	if c.Error != nil {
		n, out = n+1, "error"
	}
	if c.Skipped != nil {
		n, out = n+1, "skipped"
	}
	if n > 1 {
		return "several"
	}
	return out
}

// parseJUnit writes reps as JUnit XML, parses it back and checks that every
// count attribute agrees with the test cases.
func parseJUnit(t *testing.T, o Outputter, reps []*audit.Report) (parsedSuites, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := o.Output(&buf, reps); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", buf.String())
	}
	var doc parsedSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("the JUnit XML does not parse: %v\n%s", err, buf.String())
	}
	var tot [4]int
	for _, s := range doc.Suites {
		var n [4]int
		for _, c := range s.Cases {
			n[0]++
			switch c.outcome() {
			case "failure":
				n[1]++
			case "error":
				n[2]++
			case "skipped":
				n[3]++
			case "several":
				t.Errorf("%s: %s has more than one of failure, error and skipped", s.Name, c.Name)
			}
		}
		if got := [4]int{s.Tests, s.Failures, s.Errors, s.Skipped}; got != n {
			t.Errorf("suite %s: tests/failures/errors/skipped = %v, the test cases say %v", s.Name, got, n)
		}
		for i := range tot {
			tot[i] += n[i]
		}
	}
	if got := [3]int{doc.Tests, doc.Failures, doc.Errors}; got != [3]int(tot[:3]) {
		t.Errorf("testsuites: tests/failures/errors = %v, the suites say %v", got, tot[:3])
	}
	validateJUnit(t, buf.Bytes())
	return doc, buf.String()
}

func TestJUnitStatuses(t *testing.T) {
	doc, raw := parseJUnit(t, JUnit{Lang: "en"}, sampleReports())
	if len(doc.Suites) != 2 || doc.Suites[0].Name != "Esimerkkikunta" || doc.Suites[1].Name != "Toinen kunta" {
		t.Fatalf("suites = %+v, want one per member", doc.Suites)
	}
	if doc.Name != "MPASSid self-audit" || doc.Tests != 14 || doc.Failures != 2 || doc.Errors != 2 {
		t.Errorf("testsuites %q tests=%d failures=%d errors=%d, want 14/2/2", doc.Name, doc.Tests, doc.Failures, doc.Errors)
	}
	if s := doc.Suites[0]; s.Skipped != 3 {
		t.Errorf("suite skipped=%d, want 3 (manual, not applicable, waived)", s.Skipped)
	}
	cases := []struct {
		id, classname, outcome string
		want                   []string // texts the message, body or system-out must hold
	}{
		{"T-01", "lifecycle", "pass", nil},
		{"T-02", "lifecycle", "failure", []string{"14 days, at most 7 allowed.", "Remediation: Shorten the time", "Answer lifecycle.leaver_days = 14"}},
		{"T-03", "security", "pass", []string{"WARN: Not answered", "Remediation: Test a restore"}},
		{"T-04", "lifecycle", "skipped", []string{"manual: The description needs"}},
		{"T-05", "saml", "skipped", []string{"not applicable: Does not apply"}},
		{"T-06", "lifecycle", "skipped", []string{"Waiver: approved by Operator Olli, valid until 2027-05-31: new IdM in spring"}},
		{"T-07", "endpoints", "error", []string{"Probe failed: connection refused", "Probe http https://login.example.fi/", "sha256 abcd"}},
	}
	s := doc.Suites[0]
	if len(s.Cases) != len(cases) {
		t.Fatalf("%d test cases, want %d", len(s.Cases), len(cases))
	}
	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	if props["member.business_id"] != "1234567-1" || props["verdict"] != audit.Fail || props["catalog.version"] != "2026.11.1" {
		t.Errorf("suite properties = %v", props)
	}
	for i, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			got := s.Cases[i]
			if !strings.HasPrefix(got.Name, c.id+" ") || got.Classname != c.classname {
				t.Errorf("testcase %q classname %q, want %s … in %s", got.Name, got.Classname, c.id, c.classname)
			}
			if got.outcome() != c.outcome {
				t.Errorf("outcome %s, want %s", got.outcome(), c.outcome)
			}
			var all strings.Builder
			for _, p := range []*parsedProblem{got.Failure, got.Error} {
				if p != nil {
					fmt.Fprintf(&all, "%s\n%s\n%s\n", p.Message, p.Type, p.Text)
				}
			}
			if got.Skipped != nil {
				all.WriteString(got.Skipped.Message + "\n")
			}
			all.WriteString(got.SystemOut)
			for _, w := range c.want {
				if !strings.Contains(all.String(), w) {
					t.Errorf("%s lacks %q:\n%s", c.id, w, all.String())
				}
			}
		})
	}
	if strings.Contains(raw, "&#xA;") {
		t.Error("multi-line texts are escaped line by line; want them as CDATA")
	}
}

func TestJUnitLanguage(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"fi", []string{`name="MPASSid-itseauditointi"`, "Korjaus: Shorten", "Poikkeuslupa: hyväksyjä Operator Olli, voimassa 2027-05-31 asti", "VAROITUS: Not answered", "ei koske: Does"}},
		{"sv", []string{`name="MPASSid-självgranskning"`, "Åtgärd: Shorten", "Undantag: godkänt av Operator Olli, giltigt till 2027-05-31", "VARNING: Not answered", "gäller inte: Does"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			_, raw := parseJUnit(t, JUnit{Lang: c.lang}, sampleReports()[:1])
			for _, w := range c.want {
				if !strings.Contains(raw, w) {
					t.Errorf("the %s output lacks %q", c.lang, w)
				}
			}
		})
	}
}

func TestJUnitEmpty(t *testing.T) {
	doc, _ := parseJUnit(t, JUnit{Lang: "en"}, nil)
	if len(doc.Suites) != 0 || doc.Tests != 0 {
		t.Errorf("no reports gave %+v", doc)
	}
}

func TestJUnitRealCatalogue(t *testing.T) {
	rep, cat := realReport(t, "fi")
	checkRealStatuses(t, rep)
	doc, _ := parseJUnit(t, JUnit{Lang: "fi", Catalog: cat}, []*audit.Report{rep})
	s := doc.Suites[0]
	if s.Name != "Testikunta" || s.Tests != len(rep.Results) || s.Timestamp != "2026-11-27T12:00:00" {
		t.Errorf("suite %q tests=%d timestamp=%s, want Testikunta %d 2026-11-27T12:00:00 (%s)", s.Name, s.Tests, s.Timestamp, len(rep.Results), rep.GeneratedAt)
	}
	// A failing JUnit report is exactly a failing verdict: only fail and
	// error are failures and errors.
	if want := rep.Summary.Fail; s.Failures != want {
		t.Errorf("failures = %d, want the %d failing requirements", s.Failures, want)
	}
	if want := rep.Summary.Error; s.Errors != want {
		t.Errorf("errors = %d, want %d", s.Errors, want)
	}
	if want := rep.Summary.Manual + rep.Summary.NotApplicable + rep.Summary.Waived; s.Skipped != want {
		t.Errorf("skipped = %d, want %d", s.Skipped, want)
	}
	outcome := map[string]string{audit.Pass: "pass", audit.Fail: "failure", audit.Manual: "skipped", audit.Waived: "skipped"}
	for _, c := range s.Cases {
		id, title, _ := strings.Cut(c.Name, " ")
		want, ok := wantRealStatuses[id]
		if !ok {
			continue
		}
		if c.outcome() != outcome[want] {
			t.Errorf("%s: %s, want %s", id, c.outcome(), outcome[want])
		}
		if req := cat.Requirement(id); title != req.Titles.FI || c.Classname != req.Area {
			t.Errorf("%s: name %q classname %q, want the Finnish title and area %s", id, c.Name, c.Classname, req.Area)
		}
		if id == "EP-LIFE-03" && !strings.Contains(c.Failure.Text, cat.Requirement(id).Remediation.FI) {
			t.Errorf("EP-LIFE-03's failure lacks the remediation: %q", c.Failure.Text)
		}
		if id == "EP-LIFE-02" && !strings.Contains(c.Skipped.Text, "Tarkistettava: "+cat.Requirement(id).Remediation.FI) {
			t.Errorf("EP-LIFE-02's skip does not say what to check: %q", c.Skipped.Text)
		}
		if id == "EP-LIFE-05" && !strings.Contains(c.Skipped.Message, "Operaattori Olli") {
			t.Errorf("EP-LIFE-05's skip reason lacks the approver: %q", c.Skipped.Message)
		}
	}
}

// validateJUnit checks a JUnit document with xmllint against the Jenkins
// xUnit schema (testdata/junit-10.xsd). Without xmllint it says so and
// checks nothing more.
func validateJUnit(t *testing.T, doc []byte) {
	t.Helper()
	if err := xmllintJUnit(t, doc); err != nil {
		t.Errorf("the JUnit XML fails junit-10.xsd: %v\n%s", err, doc)
	}
}

func xmllintJUnit(t *testing.T, doc []byte) error {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint is not installed (apt-get install libxml2-utils): the JUnit XML is not validated against junit-10.xsd")
		return nil
	}
	xsd := schemaFile("junit-10.xsd")
	if xsd == "" {
		t.Log("junit-10.xsd is not in ../shared/schemas: the JUnit XML is not validated against it")
		return nil
	}
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", xsd, file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}

// TestJUnitSchemaCatches: the schema check fails the two faults CI servers
// rejected before (a file attribute on testcases, skipped on testsuites).
func TestJUnitSchemaCatches(t *testing.T) {
	needSchema(t, "junit-10.xsd")
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint is not installed (apt-get install libxml2-utils)")
	}
	var buf bytes.Buffer
	if err := (JUnit{Lang: "en"}).Output(&buf, sampleReports()); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	for name, bad := range map[string]string{
		"file on a testcase":    strings.Replace(good, `<testcase classname="lifecycle"`, `<testcase file="a.toml" classname="lifecycle"`, 1),
		"skipped on testsuites": strings.Replace(good, `<testsuites name=`, `<testsuites skipped="1" name=`, 1),
		"no tests on a suite":   regexp.MustCompile(` tests="\d+" failures`).ReplaceAllString(good, " failures"),
	} {
		if bad == good {
			t.Fatalf("%s: the mutation did not apply", name)
		}
		if err := xmllintJUnit(t, []byte(bad)); err == nil {
			t.Errorf("%s: junit-10.xsd accepted it", name)
		}
	}
}

// TestJUnitAntAttributes: the attributes Ant's schema requires, in its forms.
func TestJUnitAntAttributes(t *testing.T) {
	doc, _ := parseJUnit(t, JUnit{Lang: "en", Hostname: "ci-runner"}, sampleReports())
	decimal := regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	antTime := regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`)
	if !decimal.MatchString(doc.Time) {
		t.Errorf("testsuites time %q", doc.Time)
	}
	for i, s := range doc.Suites {
		if !decimal.MatchString(s.Time) || !antTime.MatchString(s.Timestamp) || s.Hostname != "ci-runner" ||
			s.ID != fmt.Sprint(i) || s.Package == "" {
			t.Errorf("suite %s: time %q timestamp %q hostname %q id %q package %q", s.Name, s.Time, s.Timestamp, s.Hostname, s.ID, s.Package)
		}
		for _, c := range s.Cases {
			if !decimal.MatchString(c.Time) {
				t.Errorf("%s: time %q", c.Name, c.Time)
			}
		}
	}
	// Without a hostname given, this machine's (or localhost).
	doc, _ = parseJUnit(t, JUnit{Lang: "en"}, sampleReports()[:1])
	if doc.Suites[0].Hostname == "" {
		t.Error("no hostname")
	}
}

// TestJUnitWarningsVisible: a warning passes but is named in the suite's
// properties and output, besides its own system-out.
func TestJUnitWarningsVisible(t *testing.T) {
	doc, _ := parseJUnit(t, JUnit{Lang: "fi"}, sampleReports()[:1])
	s := doc.Suites[0]
	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	if props["warnings"] != "1" {
		t.Errorf("warnings property %q, want 1", props["warnings"])
	}
	for _, w := range []string{"Varoitukset (1):", "T-03 Backups are tested", "Tulos: " + i18n.T("fi", "FAIL")} {
		if !strings.Contains(s.SystemOut, w) {
			t.Errorf("suite system-out lacks %q:\n%s", w, s.SystemOut)
		}
	}
}
