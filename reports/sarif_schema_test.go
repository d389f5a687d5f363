package reports

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// sarifSchema is the OASIS SARIF 2.1.0 schema (testdata, see its README),
// with formats (uri, uri-reference, date-time) asserted.
var sarifSchema = jsonSchema("sarif-schema-2.1.0.json", SARIFSchema)

// sarifSchemaErrors validates a SARIF log against the OASIS schema.
func sarifSchemaErrors(doc []byte) []error {
	return schemaErrors(sarifSchema, "the OASIS SARIF 2.1.0 schema", doc)
}

// TestSARIFSchemaCatches: the OASIS schema itself rejects what it must.
func TestSARIFSchemaCatches(t *testing.T) {
	needSchema(t, "sarif-schema-2.1.0.json")
	good, _ := sarifOf(t, SARIF{Lang: "en"}, sampleReports())
	for name, mutate := range map[string]func(d map[string]any){
		"kind": func(d map[string]any) { sarifResultAt(d, 1)["kind"] = "manual" },
		"startLine": func(d map[string]any) {
			sarifResultAt(d, 1)["locations"] = []any{map[string]any{"physicalLocation": map[string]any{"artifactLocation": map[string]any{"uri": "a.toml"}, "region": map[string]any{"startLine": 0}}}}
		},
		"unknown": func(d map[string]any) { sarifResultAt(d, 1)["fingerprint"] = "x" },
		"helpUri": func(d map[string]any) { sarifRuleAt(d, 0)["helpUri"] = "not a uri" },
	} {
		var d map[string]any
		if err := json.Unmarshal(good, &d); err != nil {
			t.Fatal(err)
		}
		mutate(d)
		b, _ := json.Marshal(d)
		if errs := sarifSchemaErrors(b); len(errs) == 0 {
			t.Errorf("%s: the schema accepted the broken document", name)
		}
	}
}

func sarifRun0(d map[string]any) map[string]any { return d["runs"].([]any)[0].(map[string]any) }

func sarifResultAt(d map[string]any, i int) map[string]any {
	return sarifRun0(d)["results"].([]any)[i].(map[string]any)
}

func sarifRuleAt(d map[string]any, i int) map[string]any {
	return sarifRun0(d)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)[i].(map[string]any)
}

// sampleAnswers is an answers file for sampleReport, read through
// ReadSource: the lines its results point at.
const sampleAnswers = `[member]
name = "Esimerkkikunta"
kind = "education-provider"

[lifecycle]
personal_accounts_only = true
leaver_days = 14
provisioning_description = "Nightly from the student register."
  operator_test_account = false

[security]
# backup_tested is not answered

[endpoints]
login_url = "https://login.example.fi/"
`

func withSampleAnswers(name string) ([]byte, error) {
	if strings.HasSuffix(name, " answers.toml") {
		return []byte(sampleAnswers), nil
	}
	return nil, os.ErrNotExist
}

func TestSARIFRegions(t *testing.T) {
	reps := sampleReports()
	reps[0].Results[2].Unanswered = []string{"security.backup_tested"}
	_, doc := sarifOf(t, SARIF{Lang: "fi", ReadSource: withSampleAnswers}, reps)
	want := map[string][2]int{
		"T-01": {6, 1}, "T-02": {7, 1}, "T-03": {11, 1}, "T-04": {8, 1}, "T-06": {9, 3}, "T-07": {15, 1},
		"T-05": {1, 1}, // names no answer: the file from its first line
	}
	for i, xv := range sarifRun0(doc)["results"].([]any) {
		x := xv.(map[string]any)
		id := x["ruleId"].(string)
		phys := x["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		reg, _ := phys["region"].(map[string]any)
		w, ok := want[id]
		if !ok {
			if reg != nil {
				t.Errorf("%s: region %v for a result that names no answer", id, reg)
			}
			continue
		}
		if reg == nil || reg["startLine"] != float64(w[0]) || reg["startColumn"] != float64(w[1]) || reg["endLine"] != float64(w[0]) {
			t.Errorf("result %d %s: region %v, want line %d column %d", i, id, reg, w[0], w[1])
		}
		if id == "T-02" && reg["endColumn"] != float64(len("leaver_days = 14")+1) {
			t.Errorf("T-02 ends at column %v, want the end of the line", reg["endColumn"])
		}
	}
	// The probe of T-07 is a related location at the URL probed.
	t07 := sarifResultAt(doc, 6)
	rel, _ := t07["relatedLocations"].([]any)
	if len(rel) != 1 {
		t.Fatalf("T-07 related locations %v, want the probed URL", rel)
	}
	r0 := rel[0].(map[string]any)
	if uri := r0["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"]; uri != "https://login.example.fi/" {
		t.Errorf("T-07 related uri %v", uri)
	}
	if msg := r0["message"].(map[string]any)["text"]; msg != "Testi http https://login.example.fi/" {
		t.Errorf("T-07 related message %v, want it in Finnish", msg)
	}
	// A file that cannot be read: the file, without a region.
	_, doc = sarifOf(t, SARIF{Lang: "en"}, sampleReports())
	phys := sarifResultAt(doc, 1)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	if _, has := phys["region"]; has || phys["artifactLocation"] == nil {
		t.Errorf("unreadable answers file: %v, want the file without a region", phys)
	}
}

func TestSARIFExampleRegions(t *testing.T) {
	b, err := readSource("example:education-provider-entra")
	if err != nil || !strings.Contains(string(b), "[member]") {
		t.Fatalf("the embedded example: %v", err)
	}
	r := sampleReport("Esimerkkikunta", "1234567-1")
	r.Source = "example:education-provider-entra"
	r.Results[1].Evidence = []audit.Evidence{{"kind": "answer", "path": "member.business_id", "value": "1234567-1"}}
	_, doc := sarifOf(t, SARIF{Lang: "en"}, []*audit.Report{r})
	phys := sarifResultAt(doc, 1)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	line, _ := answers.LineOf(b, "member.business_id")
	if reg, _ := phys["region"].(map[string]any); reg == nil || reg["startLine"] != float64(line) {
		t.Errorf("example region %v, want line %d", phys["region"], line)
	}
}

// TestSARIFCodeScanning: what GitHub code scanning documents as required
// (its "Supported SARIF output file properties"), beyond the schema.
func TestSARIFCodeScanning(t *testing.T) {
	rep, cat := realReport(t, "fi")
	rep.Source = "testdata/answers-ep-test.toml"
	_, doc := sarifOf(t, SARIF{Lang: "fi", Catalog: cat}, []*audit.Report{rep})
	run := sarifRun0(doc)
	if _, ok := doc["$schema"].(string); !ok || doc["version"] != "2.1.0" {
		t.Error("$schema and version are required")
	}
	for _, rv := range run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any) {
		rule := rv.(map[string]any)
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			if txt, _ := rule[k].(map[string]any)["text"].(string); txt == "" {
				t.Errorf("rule %v: %s.text is required", rule["id"], k)
			}
		}
		if lvl := rule["defaultConfiguration"].(map[string]any)["level"]; lvl != "note" && lvl != "warning" && lvl != "error" {
			t.Errorf("rule %v: defaultConfiguration.level %v", rule["id"], lvl)
		}
	}
	for _, xv := range run["results"].([]any) {
		x := xv.(map[string]any)
		locs, _ := x["locations"].([]any)
		if txt, _ := x["message"].(map[string]any)["text"].(string); txt == "" || len(locs) == 0 || len(locs) > 10 {
			t.Errorf("%v: message %q, %d locations", x["ruleId"], txt, len(locs))
			continue
		}
		phys, _ := locs[0].(map[string]any)["physicalLocation"].(map[string]any)
		reg, _ := phys["region"].(map[string]any)
		if uri, _ := phys["artifactLocation"].(map[string]any)["uri"].(string); uri != "testdata/answers-ep-test.toml" || reg == nil {
			t.Errorf("%v: physical location %v", x["ruleId"], phys)
			continue
		}
		for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
			if n, _ := reg[k].(float64); n < 1 {
				t.Errorf("%v: region.%s %v", x["ruleId"], k, reg[k])
			}
		}
		if fp, _ := x["partialFingerprints"].(map[string]any); len(fp) == 0 {
			t.Errorf("%v: no partialFingerprints", x["ruleId"])
		}
	}
}

func TestSARIFStdinHasNoFile(t *testing.T) {
	r := sampleReport("Esimerkkikunta", "1234567-1")
	r.Source = "<stdin>"
	_, doc := sarifOf(t, SARIF{Lang: "en"}, []*audit.Report{r})
	loc := sarifResultAt(doc, 1)["locations"].([]any)[0].(map[string]any)
	if _, has := loc["physicalLocation"]; has {
		t.Errorf("answers from standard input have a physical location: %v", loc)
	}
}

func TestSARIFFingerprints(t *testing.T) {
	fps := func(reps []*audit.Report) map[string]string {
		_, doc := sarifOf(t, SARIF{Lang: "en", ReadSource: withSampleAnswers}, reps)
		out := map[string]string{}
		for ri, rv := range doc["runs"].([]any) {
			for _, xv := range rv.(map[string]any)["results"].([]any) {
				x := xv.(map[string]any)
				fp := x["partialFingerprints"].(map[string]any)[sarifFingerprint].(string)
				out[fmt.Sprintf("%d/%s", ri, x["ruleId"])] = fp
			}
		}
		return out
	}
	a := fps(sampleReports())
	// Another run: later, in another language, with the answer moved.
	later := sampleReports()
	for _, r := range later {
		r.GeneratedAt = "2027-01-05T08:00:00Z"
		r.Results[1].Message = "21 days."
	}
	b := fps(later)
	seen := map[string]string{}
	for k, v := range a {
		if b[k] != v {
			t.Errorf("%s: fingerprint %s then %s, want it stable", k, v, b[k])
		}
		if len(v) != 32 {
			t.Errorf("%s: fingerprint %q", k, v)
		}
		if other, dup := seen[v]; dup {
			t.Errorf("%s and %s share a fingerprint", k, other)
		}
		seen[v] = k
	}
}

func TestSARIFDriverAndRules(t *testing.T) {
	rep, cat := realReport(t, "sv")
	rep.Tool.Version = "v0.2.0"
	_, doc := sarifOf(t, SARIF{Lang: "sv", Catalog: cat}, []*audit.Report{rep})
	driver := sarifRun0(doc)["tool"].(map[string]any)["driver"].(map[string]any)
	if driver["informationUri"] != RepoURL || driver["semanticVersion"] != "0.2.0" || driver["version"] != "v0.2.0" {
		t.Errorf("driver %v %v %v", driver["informationUri"], driver["semanticVersion"], driver["version"])
	}
	req := cat.Requirement("EP-LIFE-03")
	for _, rv := range driver["rules"].([]any) {
		rule := rv.(map[string]any)
		if rule["id"] != "EP-LIFE-03" {
			continue
		}
		want := fmt.Sprintf("%s/blob/v0.2.0/policies/%s#L%d", RepoURL, req.File, req.Line)
		if rule["helpUri"] != want {
			t.Errorf("helpUri %v, want %s", rule["helpUri"], want)
		}
		texts := rule["properties"].(map[string]any)["texts"].(map[string]any)
		for lang, title := range map[string]string{"fi": req.Titles.FI, "sv": req.Titles.SV, "en": req.Titles.EN} {
			if got := texts[lang].(map[string]any)["title"]; got != title {
				t.Errorf("texts.%s.title = %v, want %q", lang, got, title)
			}
		}
		if rule["shortDescription"].(map[string]any)["text"] != req.Titles.SV {
			t.Errorf("shortDescription is not the Swedish title")
		}
	}
	// A dev build links the main branch; a custom catalogue is not linked.
	rep.Tool.Version = "dev"
	_, doc = sarifOf(t, SARIF{Lang: "sv", Catalog: cat}, []*audit.Report{rep})
	if u := sarifRuleAt(doc, 0)["helpUri"].(string); !strings.Contains(u, "/blob/main/policies/") {
		t.Errorf("dev helpUri %s", u)
	}
	if _, has := sarifRun0(doc)["tool"].(map[string]any)["driver"].(map[string]any)["semanticVersion"]; has {
		t.Error("a dev build has a semanticVersion")
	}
	rep.Catalog.Digest = "sha256:other"
	_, doc = sarifOf(t, SARIF{Lang: "sv", Catalog: cat}, []*audit.Report{rep})
	if u, has := sarifRuleAt(doc, 0)["helpUri"]; has {
		t.Errorf("a catalogue other than the embedded one links %v", u)
	}
}
