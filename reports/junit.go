package reports

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

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
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	ID         int             `xml:"id,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
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
}

// Output implements Outputter.
func (j JUnit) Output(w io.Writer, reports []*audit.Report) error {
	l := j.Lang
	if l == "" && len(reports) > 0 {
		l = reports[0].Lang
	}
	doc := junitSuites{Name: i18n.T(l, "MPASSid self-audit"), Suites: make([]junitSuite, 0, len(reports))}
	for i, r := range reports {
		s := j.suite(l, i, r)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
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
		Timestamp: r.GeneratedAt,
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
	for _, res := range r.Results {
		c := j.testcase(l, r, res)
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
	return s
}

func (j JUnit) testcase(l string, r *audit.Report, res audit.Result) junitCase {
	title := res.Title
	if j.Catalog != nil {
		if req := j.Catalog.Requirement(res.ID); req != nil {
			title = req.Title(l)
		}
	}
	c := junitCase{Classname: res.Area, Name: strings.TrimSpace(res.ID + " " + title), File: r.Source}
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
		c.Skipped = &junitSkipped{Message: status + ": " + msg}
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
