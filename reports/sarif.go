package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/mpassaudit/mpassaudit/audits"
	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/internal/version"
	"github.com/mpassaudit/mpassaudit/policies"
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
//	manual          kind review, level none (a reviewer must judge it;
//	                SARIF allows a level other than none only with kind fail)
//	error           kind fail, level error
//	pass            kind pass, level none
//	not_applicable  kind notApplicable, level none
//	waived          kind fail, level of the severity, with an accepted external
//	                suppression whose justification is the waiver's reason
//
// Each result's first location is the answers file, with the region
// (line and column) of the answer it is based on, or of the section an
// unanswered question belongs in; probed files and URLs are related
// locations. partialFingerprints name the member and requirement only, so
// that a code-scanning service follows one alert across runs.
type SARIF struct {
	Lang    string
	Catalog *catalog.Catalog
	// ReadSource reads an answers file named in a report's Source, for the
	// lines of its answers; nil reads the file from disk, or the embedded
	// example that example:NAME names.
	ReadSource func(name string) ([]byte, error)
}

// RepoURL is the project's home: the driver's informationUri and the base
// of the rules' helpUri.
const RepoURL = "https://github.com/mpassaudit/mpassaudit"

// sarifFingerprint is the partialFingerprints key; its version changes only
// if what it hashes does.
const sarifFingerprint = "mpassauditRequirement/v1"

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
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
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
	Related      []sarifLocation    `json:"relatedLocations,omitempty"`
	Fingerprints map[string]string  `json:"partialFingerprints,omitempty"`
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
	Region           *sarifRegion  `json:"region,omitempty"`
}

// sarifRegion is one line of the answers file, from the key to the end of
// its text (GitHub code scanning asks for all four numbers).
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// lineRegion is the region of line (1-based) of src from column col to the
// end of the line's text.
func lineRegion(src []byte, line, col int) *sarifRegion {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return nil
	}
	text := strings.TrimRight(lines[line-1], " \t\r")
	end := len(utf16.Encode([]rune(text))) + 1
	if end < col {
		end = col
	}
	return &sarifRegion{StartLine: line, StartColumn: col, EndLine: line, EndColumn: end}
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
		Tool: sarifTool{Driver: sarifDriver{Name: toolName(r), Version: r.Tool.Version,
			SemanticVersion: version.SemanticOf(r.Tool.Version), InformationURI: RepoURL, Rules: []sarifRule{}}},
		Language: l,
		AutomationDetails: &sarifAutomation{
			// The category a code-scanning service keeps apart: one per member.
			ID:          "mpassaudit/" + memberKey(r.Member) + "/",
			Description: &sarifMessage{Text: memberLine(l, r)},
		},
		Results:    make([]sarifResult, 0, len(r.Results)),
		Properties: runProperties(r),
	}
	src := s.source(r)
	ruleIndex := map[string]int{}
	for _, res := range r.Results {
		idx, ok := ruleIndex[res.ID]
		if !ok {
			idx = len(run.Tool.Driver.Rules)
			ruleIndex[res.ID] = idx
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, s.rule(l, r, res))
		}
		run.Results = append(run.Results, s.result(l, r, res, idx, src))
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

// problemSeverity is GitHub code scanning's problem.severity of a
// requirement's severity.
func problemSeverity(sev string) string {
	switch sev {
	case "must":
		return "error"
	case "should":
		return "warning"
	}
	return "recommendation"
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

func (s SARIF) rule(l string, r *audit.Report, res audit.Result) sarifRule {
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
			// GitHub's order of non-security results.
			"problem.severity": problemSeverity(severity),
		},
	}
	if req != nil && len(req.SeverityByEnv) > 0 {
		rule.Properties["severity_by_env"] = req.SeverityByEnv
	}
	if req != nil {
		// Every language's texts, for a viewer that shows another one.
		texts := map[string]map[string]string{}
		for _, lang := range i18n.Langs {
			t := map[string]string{"title": req.Title(lang)}
			if rem := req.Remediation.In(lang); rem != "" {
				t["remediation"] = rem
			}
			texts[lang] = t
		}
		rule.Properties["texts"] = texts
		rule.HelpURI = helpURI(r, req)
	}
	// Code scanning requires help: the remediation, else the description.
	rule.Help = &sarifText{Text: full}
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
		return "review", "none"
	case audit.Waived:
		return "fail", levelOfSeverity(severity)
	}
	return "fail", "error" // error, and any status this version does not know
}

func (s SARIF) result(l string, r *audit.Report, res audit.Result, ruleIndex int, src []byte) sarifResult {
	kind, level := kindLevel(res.Status, res.Severity)
	text := res.Message
	if text == "" {
		text = res.Title
	}
	if text == "" {
		text = i18n.T(l, res.Status)
	}
	out := sarifResult{
		RuleID:       res.ID,
		RuleIndex:    ruleIndex,
		Kind:         kind,
		Level:        level,
		Message:      sarifMessage{Text: text},
		Fingerprints: map[string]string{sarifFingerprint: fingerprint(r, res)},
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
	out.Locations, out.Related = locations(l, r, res, src)
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

// fingerprint names the member and the requirement, never a line or a
// time, so that it stays the same across runs while the answer moves.
func fingerprint(r *audit.Report, res audit.Result) string {
	sum := sha256.Sum256([]byte(memberKey(r.Member) + "\x00" + res.ID))
	return hex.EncodeToString(sum[:16])
}

// source is the text of the report's answers file, nil when it cannot be
// read (standard input, a file gone since).
func (s SARIF) source(r *audit.Report) []byte {
	if r.Source == "" || r.Source == answers.StdinName {
		return nil
	}
	read := s.ReadSource
	if read == nil {
		read = readSource
	}
	b, err := read(r.Source)
	if err != nil {
		return nil
	}
	return b
}

func readSource(name string) ([]byte, error) {
	if ex, ok := strings.CutPrefix(name, audits.Prefix); ok {
		return audits.FS.ReadFile("examples/" + strings.TrimSuffix(ex, ".toml") + ".toml")
	}
	return safefile.ReadFile(name)
}

var (
	embeddedOnce   sync.Once
	embeddedDigest string
)

// helpURI is the requirement's definition (its METADATA, in fi, sv and en)
// in the repository, at the build's tag or commit: only for the embedded
// catalogue, whose files are the repository's.
func helpURI(r *audit.Report, req *catalog.Requirement) string {
	embeddedOnce.Do(func() {
		if c, err := catalog.Load(policies.FS); err == nil {
			embeddedDigest = c.Digest
		}
	})
	if req.File == "" || r.Catalog.Digest == "" || r.Catalog.Digest != embeddedDigest {
		return ""
	}
	ref := version.Ref(r.Tool.Version)
	if ref == "" {
		ref = "main"
	}
	u := RepoURL + "/blob/" + ref + "/policies/" + (&url.URL{Path: filepath.ToSlash(req.File)}).EscapedPath()
	if req.Line > 0 {
		u += fmt.Sprintf("#L%d", req.Line)
	}
	return u
}

// regionOf is where in the answers file a result is to be fixed: the first
// answer it is based on, else the section of its first unanswered question,
// else the answer that names what was probed, else the first line.
func regionOf(src []byte, res audit.Result) *sarifRegion {
	if src == nil {
		return nil
	}
	for _, e := range res.Evidence {
		if p, _ := e["path"].(string); e["kind"] == "answer" && p != "" {
			if line, col := answers.LineOf(src, p); line > 0 {
				return lineRegion(src, line, col)
			}
		}
	}
	for _, p := range res.Unanswered {
		section, _, _ := strings.Cut(p, ".")
		if line, col := answers.LineOf(src, section); line > 0 {
			return lineRegion(src, line, col)
		}
	}
	for _, e := range res.Evidence {
		if t, _ := e["target"].(string); e["kind"] == "probe" && t != "" {
			if line := lineNaming(src, t); line > 0 {
				return lineRegion(src, line, 1)
			}
		}
	}
	// Nothing in the file is the answer: the file as a whole, from its
	// first line (code scanning shows a result only at a line).
	return lineRegion(src, 1, 1)
}

// lineNaming is the first answer line whose value names a probe target (a
// URL as written, a file by its name, a host by its name).
func lineNaming(src []byte, target string) int {
	needle := target
	if u, err := url.Parse(target); err == nil && u.Scheme == "" && strings.ContainsAny(target, `/\`) {
		needle = filepath.Base(target)
	} else if host, _, err := net.SplitHostPort(target); err == nil && !strings.Contains(target, "/") {
		needle = host
	}
	for i, l := range strings.Split(string(src), "\n") {
		key, value, ok := strings.Cut(l, "=")
		if ok && !strings.HasPrefix(strings.TrimSpace(key), "#") && strings.Contains(value, needle) {
			return i + 1
		}
	}
	return 0
}

// probeURI is a probe target as a URI: a URL as it is, a file path as a
// file URI reference; "" for a host name (a TLS probe), which has none.
func probeURI(target string) string {
	if u, err := url.Parse(target); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return u.String()
	}
	if strings.ContainsAny(target, `/\`) {
		return fileURI(target)
	}
	return ""
}

// locations are the answers file, with the region to fix and the answers
// and probe targets the result is based on as logical locations; the
// related locations are the other answers it reads and the files and URLs
// it probed.
func locations(l string, r *audit.Report, res audit.Result, src []byte) (locs, related []sarifLocation) {
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
	inFile := r.Source != "" && r.Source != answers.StdinName
	primary := 0
	if inFile {
		region := regionOf(src, res)
		if region != nil {
			primary = region.StartLine
		}
		loc.PhysicalLocation = &sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(r.Source)}, Region: region}
	}
	if loc.PhysicalLocation != nil || len(logical) > 0 {
		locs = []sarifLocation{loc}
	}
	done := map[string]bool{}
	for _, e := range res.Evidence {
		switch e["kind"] {
		case "answer":
			p, _ := e["path"].(string)
			if p == "" || !inFile || src == nil {
				continue
			}
			if line, col := answers.LineOf(src, p); line > 0 && line != primary && !done["answer\x00"+p] {
				done["answer\x00"+p] = true
				related = append(related, sarifLocation{
					PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(r.Source)}, Region: lineRegion(src, line, col)},
					Message:          &sarifMessage{Text: i18n.T(l, "Answer") + " " + p},
				})
			}
		case "probe":
			t, _ := e["target"].(string)
			u := probeURI(t)
			if u == "" || done["probe\x00"+u] {
				continue
			}
			done["probe\x00"+u] = true
			related = append(related, sarifLocation{
				PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifact{URI: u}},
				Message:          &sarifMessage{Text: strings.TrimSpace(i18n.T(l, "Probe") + " " + fmt.Sprint(e["probe"]) + " " + t)},
			})
		}
	}
	return locs, related
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
