package reports

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

func init() {
	register("junit", func(o Options) Outputter { return JUnit{Lang: o.Lang, Catalog: o.Catalog} })
}

// JUnit writes JUnit XML for CI servers: one <testsuite> per report (named
// after the member) and one <testcase> per requirement, with classname the
// area's ID (stable across languages and free of the dots that Jenkins reads
// as package separators) and name "ID title".
//
//	fail            <failure type="fail">: message, remediation and evidence
//	error           <error type="error">: the check could not be made
//	warn            passes, with the warning, remediation and evidence in
//	                <system-out>
//	manual, not_applicable, waived
//	                <skipped message="…">: the reason (a waiver's approver,
//	                expiry and reason)
//	pass            passes
//
// A warning passes so that the test report fails exactly when the audit's
// verdict does (a `must` requirement fails or cannot be checked): CI servers
// mark a build unstable on any failure, and a `should` requirement must not
// do that. Jenkins and GitLab show a test case's system-out in its details.
type JUnit struct {
	Lang    string
	Catalog *catalog.Catalog
	// Hostname is the suites' hostname attribute; empty: this machine's
	// name (Ant's schema asks for "localhost" when it is not known).
	Hostname string
}

// junitTime is every time attribute: the audit is one evaluation of the
// catalogue, so no requirement has a time of its own to report; 0 is what
// both schemas accept for "not measured", where CI viewers show
// "undefined" for a missing attribute.
const junitTime = "0"

// junitTimestamp is Ant's ISO 8601 form without a zone; the times are UTC
// (the zone is in the generated_at property).
const junitTimestamp = "2006-01-02T15:04:05"

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Time     string       `xml:"time,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

// junitSuite has the attributes both consumers' schemas name: Jenkins
// xUnit's junit-10.xsd (name, tests, failures, errors required; skipped,
// time, timestamp, hostname, id, package allowed) and Ant's (time,
// timestamp without a zone, hostname, id and package required).
type junitSuite struct {
	Name       string          `xml:"name,attr"`
	ID         int             `xml:"id,attr"`
	Package    string          `xml:"package,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  *junitText      `xml:"system-out"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Skipped   *junitSkipped `xml:"skipped"`
	Error     *junitProblem `xml:"error"`
	Failure   *junitProblem `xml:"failure"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",cdata"`
}

// junitText is element text kept as CDATA, so that its lines stay lines
// for a reader of the raw file.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
	// Body says what a reviewer checks (manual results), when known.
	Body string `xml:",chardata"`
}

// Output implements Outputter.
func (j JUnit) Output(w io.Writer, reports []*audit.Report) error {
	l := j.Lang
	if l == "" && len(reports) > 0 {
		l = reports[0].Lang
	}
	host := j.Hostname
	if host == "" {
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		} else {
			host = "localhost"
		}
	}
	doc := junitSuites{Name: i18n.T(l, "MPASSid self-audit"), Time: junitTime, Suites: make([]junitSuite, 0, len(reports))}
	for i, r := range reports {
		s := j.suite(l, i, r)
		s.Hostname = host
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func (j JUnit) suite(l string, i int, r *audit.Report) junitSuite {
	name := r.Member.Name
	if name == "" {
		name = memberKey(r.Member)
	}
	s := junitSuite{
		Name:      name,
		ID:        i,
		Package:   "mpassaudit." + memberKey(r.Member),
		Time:      junitTime,
		Timestamp: antTimestamp(r.GeneratedAt),
		Properties: []junitProperty{
			{"member.name", r.Member.Name},
			{"member.business_id", r.Member.BusinessID},
			{"member.kind", r.Member.Kind},
			{"member.environment", r.Member.Environment},
			{"catalog.version", r.Catalog.Version},
			{"catalog.digest", r.Catalog.Digest},
			{"tool.version", r.Tool.Version},
			{"generated_at", r.GeneratedAt},
			{"verdict", r.Verdict},
		},
		Cases: make([]junitCase, 0, len(r.Results)),
	}
	if r.Source != "" {
		s.Properties = append(s.Properties, junitProperty{"source", r.Source})
	}
	var warnings []string
	for _, res := range r.Results {
		c := j.testcase(l, r, res)
		if res.Status == audit.Warn {
			warnings = append(warnings, c.Name)
		}
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
	}
	// A warning passes (see JUnit), so that CI viewers that show only
	// failures still show it: counted in a property and listed in the
	// suite's output, besides the test case's own system-out.
	s.Properties = append(s.Properties, junitProperty{"warnings", strconv.Itoa(len(warnings))})
	out := memberLine(l, r) + "\n" + i18n.T(l, "Verdict") + ": " + i18n.T(l, strings.ToUpper(r.Verdict)) + "\n"
	if len(warnings) > 0 {
		out += i18n.T(l, "Warnings (%d):", len(warnings)) + "\n"
		for _, w := range warnings {
			out += "  " + w + "\n"
		}
	}
	s.SystemOut = &junitText{out}
	return s
}

// antTimestamp is an RFC 3339 time as Ant's timestamp, in UTC; a time that
// does not parse is kept as it is (junit-10.xsd takes any string).
func antTimestamp(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format(junitTimestamp)
}

func (j JUnit) testcase(l string, r *audit.Report, res audit.Result) junitCase {
	title := res.Title
	if j.Catalog != nil {
		if req := j.Catalog.Requirement(res.ID); req != nil {
			title = req.Title(l)
		}
	}
	c := junitCase{Classname: res.Area, Name: strings.TrimSpace(res.ID + " " + title), Time: junitTime}
	if c.Classname == "" {
		c.Classname = "general"
	}
	status := i18n.T(l, res.Status)
	msg := res.Message
	if msg == "" {
		msg = status
	}
	switch res.Status {
	case audit.Pass:
	case audit.Fail:
		c.Failure = &junitProblem{Message: msg, Type: res.Status, Body: details(l, res, false)}
	case audit.Warn:
		c.SystemOut = &junitText{strings.ToUpper(status) + ": " + msg + "\n" + details(l, res, false)}
	case audit.Manual, audit.NotApplicable:
		c.Skipped = &junitSkipped{Message: status + ": " + msg, Body: ToCheck(j.Catalog, res, l)}
	case audit.Waived:
		reason := msg
		if w := res.Waiver; w != nil {
			reason = i18n.T(l, "Waiver") + ": " + i18n.T(l, "approved by %s, valid until %s: %s", w.Approver, w.Expires, w.Reason)
		}
		c.Skipped = &junitSkipped{Message: reason}
		c.SystemOut = &junitText{details(l, res, true)}
	default: // error, and any status this version does not know
		c.Error = &junitProblem{Message: msg, Type: audit.Error, Body: details(l, res, false)}
	}
	return c
}

// details are the lines under a result: severity, message, remediation and
// evidence, labelled in lang.
func details(l string, res audit.Result, withMessage bool) string {
	var b strings.Builder
	if withMessage && res.Message != "" {
		b.WriteString(res.Message + "\n")
	}
	fmt.Fprintf(&b, "%s: %s\n", i18n.T(l, "Severity"), i18n.T(l, res.Severity))
	if res.Remediation != "" && res.Status != audit.Waived {
		fmt.Fprintf(&b, "%s: %s\n", i18n.T(l, "Remediation"), res.Remediation)
	}
	for _, e := range res.Evidence {
		fmt.Fprintf(&b, "%s: %s\n", i18n.T(l, "Evidence"), evidenceLine(l, e))
	}
	return b.String()
}

// evidenceLine is one evidence entry in a line: "Answer lifecycle.leaver_days
// = 14" or "Probe http https://… (sha256 …)".
func evidenceLine(l string, e audit.Evidence) string {
	switch e["kind"] {
	case "answer":
		return fmt.Sprintf("%s %v = %s", i18n.T(l, "Answer"), e["path"], valueText(e["value"]))
	case "probe":
		s := fmt.Sprintf("%s %v %v", i18n.T(l, "Probe"), e["probe"], e["target"])
		if at, _ := e["fetched_at"].(string); at != "" {
			s += " @ " + at
		}
		if h, _ := e["sha256"].(string); h != "" {
			s += " (sha256 " + h + ")"
		}
		return s
	}
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Sprint(map[string]any(e))
	}
	return string(b)
}

// valueText shows an answer: strings quoted, other values as JSON.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
