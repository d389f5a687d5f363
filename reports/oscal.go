package reports

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

func init() {
	register("oscal", func(o Options) Outputter { return OSCAL{Lang: o.Lang, Catalog: o.Catalog} })
}

// OSCALVersion is the OSCAL model version of the documents OSCAL writes.
const OSCALVersion = "1.1.2"

// OSCALNS is the namespace of mpassaudit's own props, so that they never
// clash with (or are checked against) OSCAL's allowed values.
const OSCALNS = "https://github.com/mpassaudit/mpassaudit/ns/oscal"

// oscalUUIDSpace is the UUIDv5 namespace of every UUID in an OSCAL document:
// a UUID is SHA-1 over this, the report's member and audit time and what the
// object is, so the same reports always give the same document.
var oscalUUIDSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte(OSCALNS))

// OSCAL writes one OSCAL assessment-results document (JSON, model 1.1.2)
// with one result per report:
//
//   - answers are observations with method INTERVIEW, probes with method
//     TEST, each with the member (a party in metadata) as its subject;
//   - every requirement is a finding whose target is the requirement ID as
//     an objective-id, satisfied only when it passed; everything else is
//     not-satisfied: a fail or warn with reason fail, a manual, waived or
//     error result and a requirement that does not apply with reason other
//     (the last with implementation-status not-applicable): OSCAL's state
//     has no third value, and nothing unestablished may read as met;
//   - a waiver is a risk with status deviation-approved, naming the reason,
//     approver and expiry (its deadline);
//   - the assessment plan is an OSCAL assessment-plan document of its own
//     (the catalogue version and digest, the members as assessment
//     subjects, the answers file as the system's description, the
//     interview and test tasks), embedded base64 in a back-matter resource
//     that import-ap's href "#<uuid>" names: one file carries both.
type OSCAL struct {
	Lang    string
	Catalog *catalog.Catalog
}

type oscalDoc struct {
	AssessmentResults oscalAR `json:"assessment-results"`
}

type oscalAR struct {
	UUID       string          `json:"uuid"`
	Metadata   oscalMetadata   `json:"metadata"`
	ImportAP   oscalImportAP   `json:"import-ap"`
	Results    []oscalResult   `json:"results"`
	BackMatter oscalBackMatter `json:"back-matter"`
}

type oscalMetadata struct {
	Title        string       `json:"title"`
	LastModified string       `json:"last-modified"`
	Version      string       `json:"version"`
	OSCALVersion string       `json:"oscal-version"`
	Props        []oscalProp  `json:"props,omitempty"`
	Parties      []oscalParty `json:"parties,omitempty"`
}

type oscalProp struct {
	Name  string `json:"name"`
	NS    string `json:"ns,omitempty"`
	Value string `json:"value"`
}

type oscalParty struct {
	UUID  string      `json:"uuid"`
	Type  string      `json:"type"`
	Name  string      `json:"name,omitempty"`
	Props []oscalProp `json:"props,omitempty"`
}

type oscalImportAP struct {
	Href string `json:"href"`
}

type oscalResult struct {
	UUID             string             `json:"uuid"`
	Title            string             `json:"title"`
	Description      string             `json:"description"`
	Start            string             `json:"start"`
	Props            []oscalProp        `json:"props,omitempty"`
	ReviewedControls oscalReviewed      `json:"reviewed-controls"`
	Observations     []oscalObservation `json:"observations,omitempty"`
	Risks            []oscalRisk        `json:"risks,omitempty"`
	Findings         []oscalFinding     `json:"findings,omitempty"`
}

type oscalReviewed struct {
	ControlSelections []oscalSelection `json:"control-selections"`
}

type oscalSelection struct {
	IncludeAll struct{} `json:"include-all"`
}

type oscalObservation struct {
	UUID             string          `json:"uuid"`
	Title            string          `json:"title,omitempty"`
	Description      string          `json:"description"`
	Props            []oscalProp     `json:"props,omitempty"`
	Methods          []string        `json:"methods"`
	Subjects         []oscalSubject  `json:"subjects,omitempty"`
	RelevantEvidence []oscalEvidence `json:"relevant-evidence,omitempty"`
	Collected        string          `json:"collected"`
}

type oscalSubject struct {
	SubjectUUID string `json:"subject-uuid"`
	Type        string `json:"type"`
	Title       string `json:"title,omitempty"`
}

type oscalEvidence struct {
	Href        string `json:"href,omitempty"`
	Description string `json:"description"`
}

type oscalRisk struct {
	UUID                string            `json:"uuid"`
	Title               string            `json:"title"`
	Description         string            `json:"description"`
	Statement           string            `json:"statement"`
	Props               []oscalProp       `json:"props,omitempty"`
	Status              string            `json:"status"`
	Deadline            string            `json:"deadline,omitempty"`
	RelatedObservations []oscalRelatedObs `json:"related-observations,omitempty"`
}

type oscalFinding struct {
	UUID                string            `json:"uuid"`
	Title               string            `json:"title"`
	Description         string            `json:"description"`
	Props               []oscalProp       `json:"props,omitempty"`
	Target              oscalTarget       `json:"target"`
	RelatedObservations []oscalRelatedObs `json:"related-observations,omitempty"`
	RelatedRisks        []oscalRelatedRsk `json:"related-risks,omitempty"`
	Remarks             string            `json:"remarks,omitempty"`
}

type oscalTarget struct {
	Type                 string           `json:"type"`
	TargetID             string           `json:"target-id"`
	Title                string           `json:"title,omitempty"`
	Status               oscalStatus      `json:"status"`
	ImplementationStatus *oscalImplStatus `json:"implementation-status,omitempty"`
}

type oscalStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type oscalImplStatus struct {
	State string `json:"state"`
}

type oscalRelatedObs struct {
	ObservationUUID string `json:"observation-uuid"`
}

type oscalRelatedRsk struct {
	RiskUUID string `json:"risk-uuid"`
}

type oscalBackMatter struct {
	Resources []oscalResource `json:"resources"`
}

type oscalResource struct {
	UUID        string       `json:"uuid"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Props       []oscalProp  `json:"props,omitempty"`
	RLinks      []oscalRLink `json:"rlinks,omitempty"`
	Base64      *oscalBase64 `json:"base64,omitempty"`
}

type oscalRLink struct {
	Href      string `json:"href"`
	MediaType string `json:"media-type,omitempty"`
}

type oscalBase64 struct {
	Filename  string `json:"filename,omitempty"`
	MediaType string `json:"media-type,omitempty"`
	Value     string `json:"value"`
}

// The assessment plan (model assessment-plan 1.1.2).
type oscalAPDoc struct {
	AssessmentPlan oscalAP `json:"assessment-plan"`
}

type oscalAP struct {
	UUID               string           `json:"uuid"`
	Metadata           oscalMetadata    `json:"metadata"`
	ImportSSP          oscalImportAP    `json:"import-ssp"`
	ReviewedControls   oscalReviewed    `json:"reviewed-controls"`
	AssessmentSubjects []oscalAPSubject `json:"assessment-subjects,omitempty"`
	Tasks              []oscalTask      `json:"tasks,omitempty"`
	BackMatter         oscalBackMatter  `json:"back-matter"`
}

type oscalAPSubject struct {
	Type            string         `json:"type"`
	Description     string         `json:"description,omitempty"`
	IncludeSubjects []oscalSubject `json:"include-subjects"`
}

type oscalTask struct {
	UUID        string `json:"uuid"`
	Type        string `json:"type"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

// Output implements Outputter.
func (o OSCAL) Output(w io.Writer, reports []*audit.Report) error {
	doc, err := o.document(reports)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("oscal: %w", err)
	}
	return nil
}

// oscalIDs makes the UUIDs of one report's objects.
type oscalIDs struct{ seed string }

func newOSCALIDs(r *audit.Report) oscalIDs {
	return oscalIDs{seed: memberKey(r.Member) + "\x00" + r.GeneratedAt}
}

// id is the UUIDv5 of an object of a report, named by its parts.
func (ids oscalIDs) id(parts ...string) string {
	return uuid.NewSHA1(oscalUUIDSpace, []byte(ids.seed+"\x00"+strings.Join(parts, "\x00"))).String()
}

func (o OSCAL) lang(reports []*audit.Report) string {
	if o.Lang != "" {
		return o.Lang
	}
	if len(reports) > 0 && reports[0].Lang != "" {
		return reports[0].Lang
	}
	return "en"
}

func (o OSCAL) document(reports []*audit.Report) (*oscalDoc, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("oscal: no reports to write (assessment-results needs at least one result)")
	}
	l := o.lang(reports)
	var last time.Time
	var seeds, versions []string
	seenVersion := map[string]bool{}
	for _, r := range reports {
		t, err := time.Parse(time.RFC3339, r.GeneratedAt)
		if err != nil {
			return nil, fmt.Errorf("oscal: the report of %s has no valid generated_at time (%q): OSCAL needs the audit time in RFC 3339", memberKey(r.Member), r.GeneratedAt)
		}
		if t.After(last) {
			last = t
		}
		seeds = append(seeds, newOSCALIDs(r).seed)
		v := r.Catalog.Version + " " + r.Catalog.Digest
		if !seenVersion[v] {
			seenVersion[v] = true
			versions = append(versions, r.Catalog.Version)
		}
	}
	docIDs := oscalIDs{seed: strings.Join(seeds, "\x01")}
	planUUID := docIDs.id("assessment-plan")
	title := i18n.T(l, "MPASSid self-audit")
	if len(reports) == 1 {
		title = memberLine(l, reports[0])
	}
	doc := &oscalDoc{AssessmentResults: oscalAR{
		UUID: docIDs.id("assessment-results"),
		Metadata: oscalMetadata{
			Title:        title,
			LastModified: last.UTC().Format(time.RFC3339),
			Version:      strings.Join(versions, ", "),
			OSCALVersion: OSCALVersion,
			Props: []oscalProp{
				{Name: "tool", NS: OSCALNS, Value: toolName(reports[0])},
				{Name: "tool-version", NS: OSCALNS, Value: nonEmpty(reports[0].Tool.Version, "dev")},
			},
		},
		ImportAP: oscalImportAP{Href: "#" + planUUID},
	}}
	plan := oscalResource{
		UUID:        planUUID,
		Title:       i18n.T(l, "Catalogue") + " " + strings.Join(versions, ", "),
		Description: i18n.T(l, "MPASSid self-audit") + ": " + i18n.T(l, "Catalogue") + " " + strings.Join(versions, ", "),
	}
	digests := map[string]bool{}
	for _, r := range reports {
		if r.Catalog.Digest != "" && !digests[r.Catalog.Digest] {
			digests[r.Catalog.Digest] = true
			plan.Props = append(plan.Props, oscalProp{Name: "catalog-digest", NS: OSCALNS, Value: r.Catalog.Digest})
		}
	}
	for _, r := range reports {
		ids := newOSCALIDs(r)
		party := oscalParty{UUID: ids.id("party"), Type: "organization", Name: nonEmpty(r.Member.Name, memberKey(r.Member))}
		if r.Member.BusinessID != "" {
			party.Props = []oscalProp{{Name: "business-id", NS: OSCALNS, Value: r.Member.BusinessID}}
		}
		doc.AssessmentResults.Metadata.Parties = append(doc.AssessmentResults.Metadata.Parties, party)
		doc.AssessmentResults.Results = append(doc.AssessmentResults.Results, o.result(l, r, ids, party))
	}
	ap, err := json.Marshal(o.plan(l, reports, docIDs, doc.AssessmentResults.Metadata, versions))
	if err != nil {
		return nil, fmt.Errorf("oscal: the assessment plan: %w", err)
	}
	plan.Title = i18n.T(l, "Assessment plan") + ": " + plan.Title
	plan.Base64 = &oscalBase64{Filename: "assessment-plan.json", MediaType: "application/json", Value: base64.StdEncoding.EncodeToString(ap)}
	doc.AssessmentResults.BackMatter.Resources = []oscalResource{plan}
	return doc, nil
}

// plan is the assessment plan the results follow: the catalogue's
// requirements (all of them, as the results' reviewed controls), the
// members as subjects, their answers files as the system described, and
// the two ways the tool assesses (answers: interview; probes: test).
func (o OSCAL) plan(l string, reports []*audit.Report, docIDs oscalIDs, md oscalMetadata, versions []string) oscalAPDoc {
	ssp := oscalResource{
		UUID:        docIDs.id("plan", "answers"),
		Title:       i18n.T(l, "Answers file"),
		Description: i18n.T(l, "The member's answers to the self-audit questionnaire describe the system assessed."),
	}
	subjects := oscalAPSubject{Type: "party", Description: i18n.T(l, "Audited members")}
	for i, r := range reports {
		subjects.IncludeSubjects = append(subjects.IncludeSubjects, oscalSubject{SubjectUUID: md.Parties[i].UUID, Type: "party"})
		if r.Source != "" && r.Source != answers.StdinName {
			ssp.RLinks = append(ssp.RLinks, oscalRLink{Href: fileURI(r.Source), MediaType: "application/toml"})
		}
	}
	md.Title = i18n.T(l, "Assessment plan") + ": " + md.Title
	md.Version = strings.Join(versions, ", ")
	return oscalAPDoc{AssessmentPlan: oscalAP{
		UUID:               docIDs.id("plan", "document"),
		Metadata:           md,
		ImportSSP:          oscalImportAP{Href: "#" + ssp.UUID},
		ReviewedControls:   oscalReviewed{ControlSelections: []oscalSelection{{}}},
		AssessmentSubjects: []oscalAPSubject{subjects},
		Tasks: []oscalTask{
			{UUID: docIDs.id("plan", "task", "interview"), Type: "action", Title: i18n.T(l, "Answers to the questionnaire"),
				Description: i18n.T(l, "Each answer is judged against the requirements that read it (method INTERVIEW).")},
			{UUID: docIDs.id("plan", "task", "test"), Type: "action", Title: i18n.T(l, "Probes of the live configuration"),
				Description: i18n.T(l, "What the answers name is fetched and checked (method TEST): privacy notice, SAML metadata, TLS, the sample export.")},
		},
		BackMatter: oscalBackMatter{Resources: []oscalResource{ssp}},
	}}
}

func nonEmpty(s, otherwise string) string {
	if strings.TrimSpace(s) == "" {
		return otherwise
	}
	return s
}

// props drops props whose value is empty (OSCAL requires a value).
func props(ps ...oscalProp) []oscalProp {
	out := make([]oscalProp, 0, len(ps))
	for _, p := range ps {
		if p.Value = strings.TrimSpace(p.Value); p.Value != "" {
			p.NS = OSCALNS
			out = append(out, p)
		}
	}
	return out
}

func (o OSCAL) result(l string, r *audit.Report, ids oscalIDs, party oscalParty) oscalResult {
	out := oscalResult{
		UUID:  ids.id("result"),
		Title: memberLine(l, r),
		Description: fmt.Sprintf("%s: %s. %s: %s. %s: %s (%s). %s: %s.",
			i18n.T(l, "Member type"), i18n.T(l, r.Member.Kind),
			i18n.T(l, "Environment"), i18n.T(l, r.Member.Environment),
			i18n.T(l, "Catalogue"), r.Catalog.Version, r.Catalog.Digest,
			i18n.T(l, "Verdict"), i18n.T(l, strings.ToUpper(r.Verdict))),
		Start: r.GeneratedAt,
		Props: props(
			oscalProp{Name: "member-kind", Value: r.Member.Kind},
			oscalProp{Name: "environment", Value: r.Member.Environment},
			oscalProp{Name: "verdict", Value: r.Verdict},
			oscalProp{Name: "catalog-version", Value: r.Catalog.Version},
			oscalProp{Name: "source", Value: r.Source},
		),
		ReviewedControls: oscalReviewed{ControlSelections: []oscalSelection{{}}},
	}
	subject := []oscalSubject{{SubjectUUID: party.UUID, Type: "party", Title: party.Name}}
	obsIndex := map[string]string{} // evidence key → observation UUID
	for _, res := range r.Results {
		var related []oscalRelatedObs
		for _, e := range res.Evidence {
			key, obs, ok := o.observation(l, r, e)
			if !ok {
				continue
			}
			id, seen := obsIndex[key]
			if !seen {
				id = ids.id("observation", key)
				obsIndex[key] = id
				obs.UUID, obs.Subjects = id, subject
				out.Observations = append(out.Observations, obs)
			}
			if !containsObs(related, id) {
				related = append(related, oscalRelatedObs{ObservationUUID: id})
			}
		}
		title := o.title(l, res)
		f := o.finding(l, res, title, ids, related)
		if res.Status == audit.Waived && res.Waiver != nil {
			risk := waiverRisk(l, res, title, ids, related)
			out.Risks = append(out.Risks, risk)
			f.RelatedRisks = []oscalRelatedRsk{{RiskUUID: risk.UUID}}
		}
		out.Findings = append(out.Findings, f)
	}
	return out
}

func containsObs(list []oscalRelatedObs, id string) bool {
	for _, x := range list {
		if x.ObservationUUID == id {
			return true
		}
	}
	return false
}

// observation turns one evidence entry into an observation (without UUID and
// subjects), with the key that identifies it within the report.
func (o OSCAL) observation(l string, r *audit.Report, e audit.Evidence) (string, oscalObservation, bool) {
	switch e["kind"] {
	case "answer":
		p, _ := e["path"].(string)
		if p == "" {
			return "", oscalObservation{}, false
		}
		desc := p
		if o.Catalog != nil {
			if f, ok := o.Catalog.Field(p); ok {
				desc = f.Question.In(l)
			}
		}
		return "answer\x00" + p, oscalObservation{
			Title:       i18n.T(l, "Answer") + " " + p,
			Description: desc + " — " + i18n.T(l, "Answer") + ": " + valueText(e["value"]),
			Props:       props(oscalProp{Name: "answer-path", Value: p}),
			Methods:     []string{"INTERVIEW"},
			Collected:   r.GeneratedAt,
		}, true
	case "probe":
		kind, _ := e["probe"].(string)
		target, _ := e["target"].(string)
		at, _ := e["fetched_at"].(string)
		sum, _ := e["sha256"].(string)
		collected := r.GeneratedAt
		if _, err := time.Parse(time.RFC3339, at); err == nil {
			collected = at
		}
		desc := strings.TrimSpace(i18n.T(l, "Probe") + " " + kind + " " + target)
		if sum != "" {
			desc += " (sha256 " + sum + ")"
		}
		obs := oscalObservation{
			Title:       desc,
			Description: desc,
			Props: props(
				oscalProp{Name: "probe", Value: kind},
				oscalProp{Name: "target", Value: target},
				oscalProp{Name: "sha256", Value: sum},
			),
			Methods:   []string{"TEST"},
			Collected: collected,
		}
		if u, err := url.Parse(target); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			obs.RelevantEvidence = []oscalEvidence{{Href: target, Description: desc}}
		}
		return "probe\x00" + kind + "\x00" + target + "\x00" + at, obs, true
	}
	return "", oscalObservation{}, false
}

// findingState is the OSCAL objective status of a result: only a pass is
// shown to be satisfied (see OSCAL).
func findingState(status string) (state, reason string) {
	switch status {
	case audit.Pass:
		return "satisfied", "pass"
	case audit.Fail, audit.Warn:
		return "not-satisfied", "fail"
	}
	return "not-satisfied", "other" // manual, waived, error, not_applicable
}

// title is a requirement's title in l, from the catalogue when it has it.
func (o OSCAL) title(l string, res audit.Result) string {
	if o.Catalog != nil {
		if req := o.Catalog.Requirement(res.ID); req != nil {
			return req.Title(l)
		}
	}
	return res.Title
}

func (o OSCAL) finding(l string, res audit.Result, title string, ids oscalIDs, related []oscalRelatedObs) oscalFinding {
	state, reason := findingState(res.Status)
	f := oscalFinding{
		UUID:        ids.id("finding", res.ID),
		Title:       strings.TrimSpace(res.ID + " " + title),
		Description: nonEmpty(res.Message, i18n.T(l, res.Status)),
		Props: props(
			oscalProp{Name: "status", Value: res.Status},
			oscalProp{Name: "severity", Value: res.Severity},
			oscalProp{Name: "area", Value: res.Area},
		),
		Target: oscalTarget{
			Type:     "objective-id",
			TargetID: res.ID,
			Title:    title,
			Status:   oscalStatus{State: state, Reason: reason, Remarks: i18n.T(l, "Status") + ": " + i18n.T(l, res.Status)},
		},
		RelatedObservations: related,
	}
	if res.Status == audit.NotApplicable {
		f.Target.ImplementationStatus = &oscalImplStatus{State: "not-applicable"}
	}
	if res.Remediation != "" && res.Status != audit.Waived {
		f.Remarks = i18n.T(l, "Remediation") + ": " + res.Remediation
	}
	return f
}

// waiverRisk is the deviation-approved risk of a waived requirement.
func waiverRisk(l string, res audit.Result, title string, ids oscalIDs, related []oscalRelatedObs) oscalRisk {
	w := res.Waiver
	risk := oscalRisk{
		UUID:        ids.id("risk", res.ID),
		Title:       i18n.T(l, "Waiver") + ": " + strings.TrimSpace(res.ID+" "+title),
		Description: nonEmpty(w.Reason, i18n.T(l, "Waiver")),
		Statement:   i18n.T(l, "approved by %s, valid until %s: %s", w.Approver, w.Expires, w.Reason),
		Props: props(
			oscalProp{Name: "waiver-approver", Value: w.Approver},
			oscalProp{Name: "waiver-expires", Value: w.Expires},
			oscalProp{Name: "requirement", Value: res.ID},
		),
		Status:              "deviation-approved",
		Deadline:            expiryTime(w.Expires),
		RelatedObservations: related,
	}
	return risk
}

// expiryTime is a waiver's expiry as an OSCAL date-time: RFC 3339 as it is,
// a date (valid until and including that day) as the end of that day, UTC.
func expiryTime(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.Format(time.RFC3339)
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Second).UTC().Format(time.RFC3339)
	}
	return ""
}
