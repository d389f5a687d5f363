package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

func init() {
	register("sarif", func(o Options) Outputter { return SARIF{Lang: o.Lang, Catalog: o.Catalog} })
}

// SARIFSchema is the $schema of the documents SARIF writes: the OASIS SARIF
// 2.1.0 schema (errata 01).
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIF writes one SARIF 2.1.0 log with one run per report: a run is one
// audit of one member, so a code-scanning service keeps the members apart
// (each run has its own automationDetails.id) and each run's rules are the
// requirements that applied to that member.
//
// Statuses map to result kind and level so that a pipeline fails on what
// the audit's verdict fails on:
//
//	fail            kind fail, level error (warning for a should/info requirement)
//	warn            kind fail, level warning
//	manual          kind fail, level note (SARIF allows a level other than
//	                none only with kind fail; properties.status says manual)
//	error           kind fail, level error
//	pass            kind pass, level none
//	not_applicable  kind notApplicable, level none
//	waived          kind fail, level of the severity, with an accepted external
//	                suppression whose justification is the waiver's reason
type SARIF struct {
	Lang    string
	Catalog *catalog.Catalog
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool              sarifTool        `json:"tool"`
	AutomationDetails *sarifAutomation `json:"automationDetails,omitempty"`
	Language          string           `json:"language,omitempty"`
	Results           []sarifResult    `json:"results"`
	Properties        map[string]any   `json:"properties,omitempty"`
}

type sarifAutomation struct {
	Description *sarifMessage `json:"description,omitempty"`
	ID          string        `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
	Properties           map[string]any      `json:"properties,omitempty"`
}

// sarifText is a multiformatMessageString (text is required).
type sarifText struct {
	Text string `json:"text"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Kind         string             `json:"kind"`
	Level        string             `json:"level"`
	Message      sarifMessage       `json:"message"`
	Locations    []sarifLocation    `json:"locations,omitempty"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]any     `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifMessage  `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifLogical struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string         `json:"kind"`
	Status        string         `json:"status"`
	Justification string         `json:"justification,omitempty"`
	Properties    map[string]any `json:"properties,omitempty"`
}

// Output implements Outputter.
func (s SARIF) Output(w io.Writer, reports []*audit.Report) error {
	log := sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: make([]sarifRun, 0, len(reports))}
	for _, r := range reports {
		log.Runs = append(log.Runs, s.run(r))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	return nil
}

func (s SARIF) lang(r *audit.Report) string {
	if s.Lang != "" {
		return s.Lang
	}
	if r.Lang != "" {
		return r.Lang
	}
	return "en"
}

func (s SARIF) run(r *audit.Report) sarifRun {
	l := s.lang(r)
	run := sarifRun{
		Tool:     sarifTool{Driver: sarifDriver{Name: toolName(r), Version: r.Tool.Version, Rules: []sarifRule{}}},
		Language: l,
		AutomationDetails: &sarifAutomation{
			// The category a code-scanning service keeps apart: one per member.
			ID:          "mpassaudit/" + memberKey(r.Member) + "/",
			Description: &sarifMessage{Text: memberLine(l, r)},
		},
		Results:    make([]sarifResult, 0, len(r.Results)),
		Properties: runProperties(r),
	}
	ruleIndex := map[string]int{}
	for _, res := range r.Results {
		idx, ok := ruleIndex[res.ID]
		if !ok {
			idx = len(run.Tool.Driver.Rules)
			ruleIndex[res.ID] = idx
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, s.rule(l, res))
		}
		run.Results = append(run.Results, s.result(l, r, res, idx))
	}
	return run
}

func toolName(r *audit.Report) string {
	if r.Tool.Name != "" {
		return r.Tool.Name
	}
	return "mpassaudit"
}

// memberKey names a member in identifiers: its business ID, else its name.
func memberKey(m audit.Member) string {
	if m.BusinessID != "" {
		return m.BusinessID
	}
	return m.Name
}

// memberLine is "MPASSid self-audit — Name (Business ID 1234567-8)".
func memberLine(l string, r *audit.Report) string {
	s := i18n.T(l, "MPASSid self-audit") + " — " + r.Member.Name
	if r.Member.BusinessID != "" {
		s += " (" + i18n.T(l, "Business ID") + " " + r.Member.BusinessID + ")"
	}
	return s
}

func runProperties(r *audit.Report) map[string]any {
	return map[string]any{
		"member":       r.Member,
		"catalog":      r.Catalog,
		"generated_at": r.GeneratedAt,
		"verdict":      r.Verdict,
		"summary":      r.Summary,
		"schema":       r.Schema,
	}
}

// levelOfSeverity is the SARIF level of a requirement that is not met.
func levelOfSeverity(sev string) string {
	switch sev {
	case "must":
		return "error"
	case "should":
		return "warning"
	}
	return "note"
}

func (s SARIF) rule(l string, res audit.Result) sarifRule {
	// The result's severity is the requirement's in this run's environment.
	title, remediation, refs, severity := res.Title, res.Remediation, []string(nil), res.Severity
	var req *catalog.Requirement
	if s.Catalog != nil {
		req = s.Catalog.Requirement(res.ID)
	}
	if req != nil {
		title = req.Title(l)
		remediation = req.Remediation.In(l)
		refs = req.References
		if severity == "" {
			severity = req.Severity
		}
	}
	if title == "" {
		title = res.ID
	}
	area := areaName(s.Catalog, res.Area, l)
	full := fmt.Sprintf("%s. %s: %s. %s: %s.", strings.TrimSuffix(title, "."),
		i18n.T(l, "Area"), area, i18n.T(l, "Severity"), i18n.T(l, severity))
	if len(refs) > 0 {
		full += " " + i18n.T(l, "References") + ": " + strings.Join(refs, "; ") + "."
	}
	rule := sarifRule{
		ID:                   res.ID,
		ShortDescription:     &sarifText{Text: title},
		FullDescription:      &sarifText{Text: full},
		DefaultConfiguration: &sarifConfiguration{Level: levelOfSeverity(severity)},
		Properties: map[string]any{
			"severity":   severity,
			"area":       res.Area,
			"references": nonNil(refs),
			// tags show as filters in code-scanning services.
			"tags": []string{"mpassid", res.Area, severity},
		},
	}
	if req != nil && len(req.SeverityByEnv) > 0 {
		rule.Properties["severity_by_env"] = req.SeverityByEnv
	}
	if remediation != "" {
		rule.Help = &sarifText{Text: remediation}
	}
	return rule
}

func areaName(cat *catalog.Catalog, id, l string) string {
	if cat == nil {
		return id
	}
	return cat.Area(id).Name(l)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// kindLevel maps a status (and the requirement's severity) to SARIF's kind
// and level; see the SARIF type's comment.
func kindLevel(status, severity string) (kind, level string) {
	switch status {
	case audit.Pass:
		return "pass", "none"
	case audit.NotApplicable:
		return "notApplicable", "none"
	case audit.Fail:
		return "fail", levelOfSeverity(severity)
	case audit.Warn:
		return "fail", "warning"
	case audit.Manual:
		return "fail", "note"
	case audit.Waived:
		return "fail", levelOfSeverity(severity)
	}
	return "fail", "error" // error, and any status this version does not know
}

func (s SARIF) result(l string, r *audit.Report, res audit.Result, ruleIndex int) sarifResult {
	kind, level := kindLevel(res.Status, res.Severity)
	text := res.Message
	if text == "" {
		text = res.Title
	}
	if text == "" {
		text = i18n.T(l, res.Status)
	}
	out := sarifResult{
		RuleID:    res.ID,
		RuleIndex: ruleIndex,
		Kind:      kind,
		Level:     level,
		Message:   sarifMessage{Text: text},
		Locations: locations(r, res),
		Properties: map[string]any{
			"status":   res.Status,
			"severity": res.Severity,
			"area":     res.Area,
		},
	}
	if res.Remediation != "" && res.Status != audit.Waived {
		out.Properties["remediation"] = res.Remediation
	}
	if len(res.Evidence) > 0 {
		out.Properties["evidence"] = res.Evidence
	}
	if res.Status == audit.Waived {
		sup := sarifSuppression{Kind: "external", Status: "accepted"}
		if w := res.Waiver; w != nil {
			sup.Justification = w.Reason
			sup.Properties = map[string]any{"approver": w.Approver, "expires": w.Expires,
				"text": i18n.T(l, "Waiver") + ": " + i18n.T(l, "approved by %s, valid until %s: %s", w.Approver, w.Expires, w.Reason)}
		}
		out.Suppressions = []sarifSuppression{sup}
	}
	return out
}

// locations point at the answers file, and name the answers and probe
// targets the result is based on as logical locations.
func locations(r *audit.Report, res audit.Result) []sarifLocation {
	var logical []sarifLogical
	seen := map[string]bool{}
	for _, e := range res.Evidence {
		var lg sarifLogical
		switch e["kind"] {
		case "answer":
			p, _ := e["path"].(string)
			if p == "" {
				continue
			}
			_, key, _ := strings.Cut(p, ".")
			lg = sarifLogical{Name: key, FullyQualifiedName: p, Kind: "property"}
		case "probe":
			t, _ := e["target"].(string)
			if t == "" {
				continue
			}
			lg = sarifLogical{Name: t, FullyQualifiedName: fmt.Sprint(e["probe"]) + ":" + t, Kind: "resource"}
		default:
			continue
		}
		if !seen[lg.FullyQualifiedName] {
			seen[lg.FullyQualifiedName] = true
			logical = append(logical, lg)
		}
	}
	loc := sarifLocation{LogicalLocations: logical}
	if r.Source != "" {
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(r.Source)}}
	}
	if loc.PhysicalLocation == nil && len(logical) == 0 {
		return nil
	}
	return []sarifLocation{loc}
}

// fileURI turns a file path into a relative (or file:) URI reference:
// forward slashes, and spaces and other reserved characters escaped.
func fileURI(p string) string {
	p = filepath.ToSlash(p)
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x → file:///C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}
