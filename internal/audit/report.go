// Package audit runs self-audits: it builds the Rego input document from a
// member's answers (and probe results), evaluates the catalogue and produces
// the report whose JSON form is the stable result contract.
package audit

import (
	"github.com/mpassaudit/mpassaudit/internal/version"
)

// Schema names the JSON result contract.
const Schema = "mpassaudit/result/v1"

// Status values of a result.
const (
	Pass          = "pass"
	Fail          = "fail"
	Warn          = "warn"
	Manual        = "manual"
	NotApplicable = "not_applicable"
	Waived        = "waived"
	Error         = "error"
)

// Statuses lists every status in report order.
var Statuses = []string{Pass, Fail, Warn, Manual, NotApplicable, Waived, Error}

// Report is the result of one audit (the JSON contract).
type Report struct {
	Schema      string     `json:"schema"`
	Tool        Tool       `json:"tool"`
	GeneratedAt string     `json:"generated_at"`
	Member      Member     `json:"member"`
	Catalog     CatalogRef `json:"catalog"`
	Results     []Result   `json:"results"`
	Summary     Summary    `json:"summary"`
	Verdict     string     `json:"verdict"`
	// Lang is the language of titles, messages and remediation.
	Lang string `json:"lang,omitempty"`
	// ProbeErrors are the probes that could not run, each once, with the
	// requirements they leave undecided.
	ProbeErrors []ProbeError `json:"probe_errors,omitempty"`
	// Source is the answers file the report was made from (not serialised).
	Source string `json:"-"`
	// Probes are the probe results the report was judged on (the input's
	// probes; not serialised: the signed PDF embeds them for verify).
	Probes map[string]any `json:"-"`
}

// Tool names the program that made a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Member identifies the audited member.
type Member struct {
	Name        string `json:"name"`
	BusinessID  string `json:"business_id"`
	Kind        string `json:"kind"`
	Environment string `json:"environment"`
}

// CatalogRef names the catalogue version a report was judged against.
type CatalogRef struct {
	Version string `json:"version"`
	Digest  string `json:"digest"`
	// Bundle names the signed bundle the catalogue was loaded from, when
	// it was (--catalog FILE.tar.gz|URL).
	Bundle *BundleRef `json:"bundle,omitempty"`
}

// BundleRef is the catalogue bundle a report was judged with: its file's
// SHA-256, the signature's key id, and whether the signature was verified.
type BundleRef struct {
	SHA256   string `json:"sha256"`
	KeyID    string `json:"key_id,omitempty"`
	Verified bool   `json:"verified"`
}

// Result is one requirement's result.
type Result struct {
	ID       string     `json:"id"`
	Area     string     `json:"area"`
	Status   string     `json:"status"`
	Severity string     `json:"severity"`
	Title    string     `json:"title"`
	Message  string     `json:"message"`
	Evidence []Evidence `json:"evidence"`
	// Unanswered names the questions left empty that this result needs
	// (answer paths), so tools need not read the message.
	Unanswered  []string `json:"unanswered,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	Waiver      *Waiver  `json:"waiver,omitempty"`
}

// Evidence is what a result is based on: an answer ({kind: answer, path,
// value}) or a probe ({kind: probe, probe, target, fetched_at, sha256, …}).
type Evidence map[string]any

// Waiver is an operator's time-limited exception for one requirement.
type Waiver struct {
	Reason   string `json:"reason"`
	Approver string `json:"approver"`
	Expires  string `json:"expires"`
}

// Summary counts results by status.
type Summary struct {
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	Warn          int `json:"warn"`
	Manual        int `json:"manual"`
	NotApplicable int `json:"not_applicable"`
	Waived        int `json:"waived"`
	Error         int `json:"error"`
}

// Count returns the number of results with a status.
func (s Summary) Count(status string) int {
	switch status {
	case Pass:
		return s.Pass
	case Fail:
		return s.Fail
	case Warn:
		return s.Warn
	case Manual:
		return s.Manual
	case NotApplicable:
		return s.NotApplicable
	case Waived:
		return s.Waived
	case Error:
		return s.Error
	}
	return 0
}

// Finish recomputes the summary and verdict from the results: the verdict
// fails when a `must` requirement fails or could not be checked (error).
func (r *Report) Finish() {
	var s Summary
	verdict := Pass
	for _, res := range r.Results {
		switch res.Status {
		case Pass:
			s.Pass++
		case Fail:
			s.Fail++
		case Warn:
			s.Warn++
		case Manual:
			s.Manual++
		case NotApplicable:
			s.NotApplicable++
		case Waived:
			s.Waived++
		case Error:
			s.Error++
		}
		if res.Severity == "must" && (res.Status == Fail || res.Status == Error) {
			verdict = Fail
		}
	}
	r.Summary, r.Verdict = s, verdict
}

// Open is the number of results left for the operator's review (manual).
func (r *Report) Open() int { return r.Summary.Manual }

// Unchecked is the number of results that could not be checked (error).
func (r *Report) Unchecked() int { return r.Summary.Error }

// Failed reports whether a `must` requirement fails (exit code 1).
func (r *Report) Failed() bool { return r.Verdict == Fail }

// Version, when set with -ldflags "-X …audit.Version=v1.2.3", overrides the
// version; releases set internal/version.Version instead (see that package).
var Version = ""

// ToolVersion returns the version to record in reports: internal/version's,
// which `mpassaudit version` prints too.
func ToolVersion() string {
	if Version != "" {
		return Version
	}
	return version.String()
}
