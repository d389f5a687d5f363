package reports

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/policies"
)

// --- fixtures shared by the SARIF, JUnit and OSCAL tests ---

var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// sampleReport is a report with every status, built by hand so that each
// mapping is tested whatever the catalogue says.
func sampleReport(name, businessID string) *audit.Report {
	r := &audit.Report{
		Schema:      audit.Schema,
		Tool:        audit.Tool{Name: "mpassaudit", Version: "v1.2.3"},
		GeneratedAt: testNow.Format(time.RFC3339),
		Member:      audit.Member{Name: name, BusinessID: businessID, Kind: catalog.EducationProvider, Environment: "production"},
		Catalog:     audit.CatalogRef{Version: "2026.11.1", Digest: "sha256:00ff"},
		Lang:        "en",
		Source:      "answers/" + strings.ToLower(name) + " answers.toml",
		Results: []audit.Result{
			{ID: "T-01", Area: "lifecycle", Status: audit.Pass, Severity: "must", Title: "Personal accounts only",
				Message:  "All accounts are personal.",
				Evidence: []audit.Evidence{{"kind": "answer", "path": "lifecycle.personal_accounts_only", "value": true}}},
			{ID: "T-02", Area: "lifecycle", Status: audit.Fail, Severity: "must", Title: "A leaver loses access within 7 days",
				Message: "14 days, at most 7 allowed.", Remediation: "Shorten the time to 7 days at most.",
				Evidence: []audit.Evidence{{"kind": "answer", "path": "lifecycle.leaver_days", "value": 14}}},
			{ID: "T-03", Area: "security", Status: audit.Warn, Severity: "should", Title: "Backups are tested",
				Message: "Not answered: security.backup_tested.", Remediation: "Test a restore every year."},
			{ID: "T-04", Area: "lifecycle", Status: audit.Manual, Severity: "must", Title: "Accounts come from registers",
				Message:  "The description needs a reviewer's judgement.",
				Evidence: []audit.Evidence{{"kind": "answer", "path": "lifecycle.provisioning_description", "value": "Nightly from the student register."}}},
			{ID: "T-05", Area: "saml", Status: audit.NotApplicable, Severity: "must", Title: "SAML metadata is signed",
				Message: "Does not apply to the test environment."},
			{ID: "T-06", Area: "lifecycle", Status: audit.Waived, Severity: "should", Title: "A test account exists for the operator",
				Message:  "There is no test account for the operator. — Waiver: approved by Operator Olli, valid until 2027-05-31: new IdM in spring",
				Waiver:   &audit.Waiver{Reason: "new IdM in spring", Approver: "Operator Olli", Expires: "2027-05-31"},
				Evidence: []audit.Evidence{{"kind": "answer", "path": "lifecycle.operator_test_account", "value": false}}},
			{ID: "T-07", Area: "endpoints", Status: audit.Error, Severity: "must", Title: "The login page uses HTTPS",
				Message: "Probe failed: connection refused", Remediation: "Serve the login page over HTTPS.",
				Evidence: []audit.Evidence{
					{"kind": "answer", "path": "endpoints.login_url", "value": "https://login.example.fi/"},
					{"kind": "probe", "probe": "http", "target": "https://login.example.fi/", "fetched_at": "2026-11-27T11:59:58Z", "sha256": "abcd"},
				}},
		},
	}
	r.Finish()
	return r
}

func sampleReports() []*audit.Report {
	return []*audit.Report{sampleReport("Esimerkkikunta", "1234567-1"), sampleReport("Toinen kunta", "7654321-2")}
}

var (
	realOnce sync.Once
	realEng  *engine.Engine
	realErr  error
)

// realEngine is the engine over the real catalogue (policies.FS).
func realEngine(t *testing.T) *engine.Engine {
	t.Helper()
	realOnce.Do(func() {
		cat, err := catalog.Load(policies.FS)
		if err != nil {
			realErr = err
			return
		}
		realEng, realErr = engine.New(context.Background(), cat)
	})
	if realErr != nil {
		t.Fatalf("loading the real catalogue: %v", realErr)
	}
	return realEng
}

// fixedWaivers waives one requirement of every member.
type fixedWaivers struct {
	id string
	w  audit.Waiver
}

func (f fixedWaivers) Lookup(_, id string, _ time.Time) *audit.Waiver {
	if id == f.id {
		w := f.w
		return &w
	}
	return nil
}

// realReport audits testdata/answers-ep-test.toml with the real catalogue at
// testNow, without probes, waiving EP-LIFE-05 (which warns).
func realReport(t *testing.T, lang string) (*audit.Report, *catalog.Catalog) {
	t.Helper()
	e := realEngine(t)
	file := filepath.Join("testdata", "answers-ep-test.toml")
	a, err := answers.Load(file, e.Catalog)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	r := &audit.Runner{Engine: e, Lang: lang, Now: testNow, Waivers: fixedWaivers{id: "EP-LIFE-05",
		w: audit.Waiver{Reason: "uusi käyttäjähallinta keväällä", Approver: "Operaattori Olli", Expires: "2027-05-31"}}}
	rep, err := r.Run(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return rep, e.Catalog
}

// wantRealStatuses are the lifecycle results the answers file gives.
var wantRealStatuses = map[string]string{
	"EP-LIFE-01": audit.Pass, "EP-LIFE-02": audit.Manual, "EP-LIFE-03": audit.Fail,
	"EP-LIFE-04": audit.Pass, "EP-LIFE-05": audit.Waived,
}

func checkRealStatuses(t *testing.T, rep *audit.Report) {
	t.Helper()
	got := map[string]string{}
	for _, r := range rep.Results {
		got[r.ID] = r.Status
	}
	for id, want := range wantRealStatuses {
		if got[id] != want {
			t.Fatalf("the real catalogue judged %s %q, want %q: the lifecycle rules or testdata/answers-ep-test.toml changed", id, got[id], want)
		}
	}
}

// --- a small JSON structure checker, shared by the SARIF and OSCAL tests ---

// shape describes a JSON value as a schema does: its type, the properties
// an object must have and may have, enums, patterns, array items.
type shape struct {
	typ      string            // object, array, string, integer, number, boolean; "" any
	required []string          // object: properties that must be present
	props    map[string]*shape // object: known properties (nil shape: any value)
	closed   bool              // object: no other properties (additionalProperties: false)
	values   *shape            // object: every property value (a dictionary)
	anyOf    [][]string        // object: at least one of these sets of properties is present
	items    *shape            // array: every item
	minItems int               // array
	unique   bool              // array: no two items are equal
	enum     []string          // string: one of
	pattern  *regexp.Regexp    // string: matches
	format   string            // string: uri, uri-reference, date-time
	minimum  *float64          // number or integer
}

func atLeast(v float64) *float64 { return &v }

// check returns every way v does not fit s, each with its JSON path.
func (s *shape) check(path string, v any) []error {
	if s == nil {
		return nil
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
	}
	switch s.typ {
	case "object":
		if _, ok := v.(map[string]any); !ok {
			bad("is %T, want an object", v)
			return errs
		}
	case "array":
		if _, ok := v.([]any); !ok {
			bad("is %T, want an array", v)
			return errs
		}
	case "string":
		if _, ok := v.(string); !ok {
			bad("is %T, want a string", v)
			return errs
		}
	case "integer", "number":
		n, ok := v.(float64)
		if !ok {
			bad("is %T, want a number", v)
			return errs
		}
		if s.typ == "integer" && n != math.Trunc(n) {
			bad("%v is not an integer", n)
		}
		if s.minimum != nil && n < *s.minimum {
			bad("%v is below the minimum %v", n, *s.minimum)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("is %T, want a boolean", v)
			return errs
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for _, p := range s.required {
			if _, ok := x[p]; !ok {
				bad("required property %q is missing", p)
			}
		}
		if len(s.anyOf) > 0 {
			ok := false
			for _, set := range s.anyOf {
				all := true
				for _, p := range set {
					if _, has := x[p]; !has {
						all = false
					}
				}
				ok = ok || all
			}
			if !ok {
				bad("needs one of the property sets %v", s.anyOf)
			}
		}
		for _, k := range sortedKeys(x) {
			sub, known := s.props[k]
			switch {
			case known:
				errs = append(errs, sub.check(path+"."+k, x[k])...)
			case s.values != nil:
				errs = append(errs, s.values.check(path+"."+k, x[k])...)
			case s.closed:
				bad("property %q is not allowed", k)
			}
		}
	case []any:
		if len(x) < s.minItems {
			bad("has %d items, at least %d needed", len(x), s.minItems)
		}
		seen := map[string]bool{}
		for i, it := range x {
			errs = append(errs, s.items.check(fmt.Sprintf("%s[%d]", path, i), it)...)
			if s.unique {
				b, _ := json.Marshal(it)
				if seen[string(b)] {
					bad("item %d repeats an earlier item", i)
				}
				seen[string(b)] = true
			}
		}
	case string:
		if len(s.enum) > 0 && !contains(s.enum, x) {
			bad("%q is not one of %v", x, s.enum)
		}
		if s.pattern != nil && !s.pattern.MatchString(x) {
			bad("%q does not match %s", x, s.pattern)
		}
		switch s.format {
		case "uri":
			if u, err := url.Parse(x); err != nil || !u.IsAbs() {
				bad("%q is not an absolute URI", x)
			}
		case "uri-reference":
			if _, err := url.Parse(x); err != nil || strings.ContainsAny(x, " \\") {
				bad("%q is not a URI reference", x)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				bad("%q is not an RFC 3339 date-time", x)
			}
		}
	}
	return errs
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func obj(required []string, props map[string]*shape) *shape {
	return &shape{typ: "object", required: required, props: props, closed: true}
}

func arr(items *shape, minItems int) *shape {
	return &shape{typ: "array", items: items, minItems: minItems}
}

var (
	anyString = &shape{typ: "string"}
	anyObject = &shape{typ: "object"}
)

// sarifShape follows the OASIS SARIF 2.1.0 JSON schema for the objects
// mpassaudit writes: their required properties, enums, patterns and formats,
// and additionalProperties: false. Each object lists only the properties
// mpassaudit uses (a subset of what the schema allows), so a typo in a
// property name fails too.
var sarifShape = func() *shape {
	guid := regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$`)
	propertyBag := &shape{typ: "object", props: map[string]*shape{"tags": {typ: "array", items: anyString, unique: true}}}
	message := obj(nil, map[string]*shape{"text": anyString, "id": anyString, "markdown": anyString, "properties": propertyBag})
	message.anyOf = [][]string{{"text"}, {"id"}}
	mfString := obj([]string{"text"}, map[string]*shape{"text": anyString, "markdown": anyString, "properties": propertyBag})
	level := &shape{typ: "string", enum: []string{"none", "note", "warning", "error"}}
	rule := obj([]string{"id"}, map[string]*shape{
		"id": anyString, "guid": {typ: "string", pattern: guid}, "name": anyString,
		"shortDescription": mfString, "fullDescription": mfString, "help": mfString,
		"helpUri":              {typ: "string", format: "uri"},
		"defaultConfiguration": obj(nil, map[string]*shape{"enabled": {typ: "boolean"}, "level": level, "rank": {typ: "number", minimum: atLeast(-1)}, "properties": propertyBag}),
		"properties":           propertyBag,
	})
	driver := obj([]string{"name"}, map[string]*shape{
		"name": anyString, "version": anyString, "semanticVersion": anyString, "informationUri": {typ: "string", format: "uri"},
		"rules": &shape{typ: "array", items: rule, unique: true}, "properties": propertyBag,
	})
	artifactLocation := obj(nil, map[string]*shape{"uri": {typ: "string", format: "uri-reference"}, "uriBaseId": anyString,
		"index": {typ: "integer", minimum: atLeast(-1)}, "description": message, "properties": propertyBag})
	region := obj(nil, map[string]*shape{"startLine": {typ: "integer", minimum: atLeast(1)}, "startColumn": {typ: "integer", minimum: atLeast(1)},
		"endLine": {typ: "integer", minimum: atLeast(1)}, "endColumn": {typ: "integer", minimum: atLeast(1)}, "properties": propertyBag})
	physical := obj(nil, map[string]*shape{"artifactLocation": artifactLocation, "region": region, "properties": propertyBag})
	physical.anyOf = [][]string{{"address"}, {"artifactLocation"}}
	logical := obj(nil, map[string]*shape{"name": anyString, "index": {typ: "integer", minimum: atLeast(-1)},
		"fullyQualifiedName": anyString, "decoratedName": anyString, "parentIndex": {typ: "integer", minimum: atLeast(-1)},
		"kind": anyString, "properties": propertyBag})
	location := obj(nil, map[string]*shape{"id": {typ: "integer", minimum: atLeast(-1)}, "physicalLocation": physical,
		"logicalLocations": &shape{typ: "array", items: logical, unique: true}, "message": message, "properties": propertyBag})
	suppression := obj([]string{"kind"}, map[string]*shape{
		"guid":          {typ: "string", pattern: guid},
		"kind":          {typ: "string", enum: []string{"inSource", "external"}},
		"status":        {typ: "string", enum: []string{"accepted", "underReview", "rejected"}},
		"justification": anyString, "location": location, "properties": propertyBag,
	})
	result := obj([]string{"message"}, map[string]*shape{
		"ruleId": anyString, "ruleIndex": {typ: "integer", minimum: atLeast(-1)},
		"kind":                {typ: "string", enum: []string{"notApplicable", "pass", "fail", "review", "open", "informational"}},
		"level":               level,
		"message":             message,
		"locations":           arr(location, 0),
		"relatedLocations":    &shape{typ: "array", items: location, unique: true},
		"partialFingerprints": &shape{typ: "object", values: anyString},
		"suppressions":        &shape{typ: "array", items: suppression, unique: true},
		"guid":                {typ: "string", pattern: guid},
		"properties":          propertyBag,
	})
	run := obj([]string{"tool"}, map[string]*shape{
		"tool":              obj([]string{"driver"}, map[string]*shape{"driver": driver, "extensions": arr(driver, 0), "properties": propertyBag}),
		"automationDetails": obj(nil, map[string]*shape{"description": message, "id": anyString, "guid": {typ: "string", pattern: guid}, "properties": propertyBag}),
		"language":          {typ: "string", pattern: regexp.MustCompile(`^[a-zA-Z]{2}(-[a-zA-Z]{2})?$`)},
		"results":           arr(result, 0),
		"properties":        propertyBag,
	})
	return obj([]string{"version", "runs"}, map[string]*shape{
		"$schema":    {typ: "string", format: "uri"},
		"version":    {typ: "string", enum: []string{"2.1.0"}},
		"runs":       arr(run, 0),
		"properties": propertyBag,
	})
}()

// validateSARIF checks a SARIF log against sarifShape, plus what the schema
// cannot say: the $schema is the 2.1.0 schema, a result whose kind is not
// fail has level none (SARIF 3.27.9), and ruleIndex points at the rule
// named by ruleId.
func validateSARIF(doc []byte) []error {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	errs := sarifShape.check("$", v)
	errs = append(errs, sarifSchemaErrors(doc)...)
	root, _ := v.(map[string]any)
	if s, _ := root["$schema"].(string); !strings.HasSuffix(s, "sarif-schema-2.1.0.json") {
		errs = append(errs, fmt.Errorf("$.$schema = %q, want the SARIF 2.1.0 schema", s))
	}
	runs, _ := root["runs"].([]any)
	for i, rv := range runs {
		run, _ := rv.(map[string]any)
		tool, _ := run["tool"].(map[string]any)
		driver, _ := tool["driver"].(map[string]any)
		rules, _ := driver["rules"].([]any)
		results, _ := run["results"].([]any)
		for j, xv := range results {
			x, _ := xv.(map[string]any)
			path := fmt.Sprintf("$.runs[%d].results[%d]", i, j)
			kind, hasKind := x["kind"].(string)
			if !hasKind {
				kind = "fail"
			}
			if lvl, ok := x["level"].(string); ok && kind != "fail" && lvl != "none" {
				errs = append(errs, fmt.Errorf("%s: kind %s with level %s: only kind fail may have a level other than none", path, kind, lvl))
			}
			if idx, ok := x["ruleIndex"].(float64); ok {
				if int(idx) >= len(rules) || int(idx) < 0 {
					errs = append(errs, fmt.Errorf("%s: ruleIndex %v is outside the %d rules", path, idx, len(rules)))
				} else if rule, _ := rules[int(idx)].(map[string]any); rule["id"] != x["ruleId"] {
					errs = append(errs, fmt.Errorf("%s: ruleIndex %v names rule %v, not ruleId %v", path, idx, rule["id"], x["ruleId"]))
				}
			}
		}
	}
	return errs
}

// --- SARIF tests ---

func sarifOf(t *testing.T, o Outputter, reps []*audit.Report) ([]byte, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	if err := o.Output(&buf, reps); err != nil {
		t.Fatal(err)
	}
	for _, err := range validateSARIF(buf.Bytes()) {
		t.Error(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc
}

func TestSARIFStatuses(t *testing.T) {
	_, doc := sarifOf(t, SARIF{Lang: "en"}, sampleReports())
	runs := doc["runs"].([]any)
	if len(runs) != 2 {
		t.Fatalf("%d runs for 2 reports, want one run per report", len(runs))
	}
	cases := []struct {
		id, kind, level, suppression string
		logical                      []string
	}{
		{"T-01", "pass", "none", "", []string{"lifecycle.personal_accounts_only"}},
		{"T-02", "fail", "error", "", []string{"lifecycle.leaver_days"}},
		{"T-03", "fail", "warning", "", nil},
		{"T-04", "review", "none", "", []string{"lifecycle.provisioning_description"}},
		{"T-05", "notApplicable", "none", "", nil},
		{"T-06", "fail", "warning", "new IdM in spring", []string{"lifecycle.operator_test_account"}},
		{"T-07", "fail", "error", "", []string{"endpoints.login_url", "http:https://login.example.fi/"}},
	}
	for ri, rv := range runs {
		run := rv.(map[string]any)
		auto := run["automationDetails"].(map[string]any)
		if want := []string{"mpassaudit/1234567-1/", "mpassaudit/7654321-2/"}[ri]; auto["id"] != want {
			t.Errorf("run %d automationDetails.id = %v, want %s", ri, auto["id"], want)
		}
		driver := run["tool"].(map[string]any)["driver"].(map[string]any)
		if driver["name"] != "mpassaudit" || driver["version"] != "v1.2.3" {
			t.Errorf("driver = %v %v", driver["name"], driver["version"])
		}
		if n := len(driver["rules"].([]any)); n != 7 {
			t.Errorf("run %d has %d rules, want the 7 that appear", ri, n)
		}
		results := run["results"].([]any)
		if len(results) != len(cases) {
			t.Fatalf("run %d has %d results, want %d", ri, len(results), len(cases))
		}
		for i, c := range cases {
			t.Run(fmt.Sprintf("run%d/%s", ri, c.id), func(t *testing.T) {
				x := results[i].(map[string]any)
				if x["ruleId"] != c.id || x["kind"] != c.kind || x["level"] != c.level {
					t.Errorf("ruleId %v kind %v level %v, want %s %s %s", x["ruleId"], x["kind"], x["level"], c.id, c.kind, c.level)
				}
				sups, _ := x["suppressions"].([]any)
				if c.suppression == "" && len(sups) > 0 {
					t.Errorf("unexpected suppressions %v", sups)
				}
				if c.suppression != "" {
					if len(sups) != 1 {
						t.Fatalf("suppressions = %v, want one", sups)
					}
					s := sups[0].(map[string]any)
					p := s["properties"].(map[string]any)
					if s["kind"] != "external" || s["status"] != "accepted" || s["justification"] != c.suppression ||
						p["approver"] != "Operator Olli" || p["expires"] != "2027-05-31" {
						t.Errorf("suppression = %v", s)
					}
				}
				locs := x["locations"].([]any)
				loc := locs[0].(map[string]any)
				uri := loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"]
				if !strings.HasPrefix(uri.(string), "answers/") || strings.Contains(uri.(string), " ") {
					t.Errorf("artifact uri = %v, want the escaped answers file", uri)
				}
				var names []string
				ll, _ := loc["logicalLocations"].([]any)
				for _, l := range ll {
					names = append(names, l.(map[string]any)["fullyQualifiedName"].(string))
				}
				if strings.Join(names, ",") != strings.Join(c.logical, ",") {
					t.Errorf("logical locations = %v, want %v", names, c.logical)
				}
			})
		}
	}
}

func TestSARIFRulesFromCatalogue(t *testing.T) {
	rep, cat := realReport(t, "fi")
	checkRealStatuses(t, rep)
	_, doc := sarifOf(t, SARIF{Lang: "fi", Catalog: cat}, []*audit.Report{rep})
	run := doc["runs"].([]any)[0].(map[string]any)
	if run["language"] != "fi" {
		t.Errorf("run language = %v, want fi", run["language"])
	}
	rules := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	if len(rules) != len(rep.Results) {
		t.Errorf("%d rules for %d results", len(rules), len(rep.Results))
	}
	var life03 map[string]any
	for _, rv := range rules {
		if r := rv.(map[string]any); r["id"] == "EP-LIFE-03" {
			life03 = r
		}
	}
	if life03 == nil {
		t.Fatal("no rule EP-LIFE-03")
	}
	req := cat.Requirement("EP-LIFE-03")
	if got := life03["shortDescription"].(map[string]any)["text"]; got != req.Titles.FI {
		t.Errorf("shortDescription = %v, want the Finnish title %q", got, req.Titles.FI)
	}
	if got := life03["help"].(map[string]any)["text"]; got != req.Remediation.FI {
		t.Errorf("help = %v, want the Finnish remediation", got)
	}
	full := life03["fullDescription"].(map[string]any)["text"].(string)
	for _, want := range []string{"Osa-alue: Käyttäjätilien elinkaari", "Vakavuus: pakollinen", req.References[0]} {
		if !strings.Contains(full, want) {
			t.Errorf("fullDescription %q lacks %q", full, want)
		}
	}
	props := life03["properties"].(map[string]any)
	if props["severity"] != "must" || props["area"] != "lifecycle" || len(props["references"].([]any)) != len(req.References) {
		t.Errorf("rule properties = %v", props)
	}
	for _, xv := range run["results"].([]any) {
		x := xv.(map[string]any)
		want := map[string]string{audit.Pass: "pass", audit.Fail: "fail", audit.Manual: "review", audit.Waived: "fail"}[wantRealStatuses[x["ruleId"].(string)]]
		if want != "" && x["kind"] != want {
			t.Errorf("%v: kind %v, want %s", x["ruleId"], x["kind"], want)
		}
		if x["ruleId"] == "EP-LIFE-05" && len(x["suppressions"].([]any)) != 1 {
			t.Errorf("the waived EP-LIFE-05 has no suppression")
		}
	}
}

// TestSARIFValidatorCatches breaks a valid document in the ways a
// validator must notice.
func TestSARIFValidatorCatches(t *testing.T) {
	good, _ := sarifOf(t, SARIF{Lang: "en"}, sampleReports())
	result := func(d map[string]any) map[string]any {
		run := d["runs"].([]any)[0].(map[string]any)
		return run["results"].([]any)[1].(map[string]any)
	}
	cases := []struct {
		name   string
		mutate func(d map[string]any)
		want   string
	}{
		{"no version", func(d map[string]any) { delete(d, "version") }, `"version" is missing`},
		{"wrong version", func(d map[string]any) { d["version"] = "2.0.0" }, `"2.0.0" is not one of`},
		{"no $schema", func(d map[string]any) { delete(d, "$schema") }, "$schema"},
		{"no runs", func(d map[string]any) { delete(d, "runs") }, `"runs" is missing`},
		{"no driver name", func(d map[string]any) {
			delete(d["runs"].([]any)[0].(map[string]any)["tool"].(map[string]any)["driver"].(map[string]any), "name")
		}, `"name" is missing`},
		{"bad level", func(d map[string]any) { result(d)["level"] = "critical" }, `"critical" is not one of`},
		{"bad kind", func(d map[string]any) { result(d)["kind"] = "failed" }, `"failed" is not one of`},
		{"pass with level", func(d map[string]any) { result(d)["kind"] = "pass" }, "only kind fail"},
		{"no message", func(d map[string]any) { delete(result(d), "message") }, `"message" is missing`},
		{"message without text", func(d map[string]any) { result(d)["message"] = map[string]any{} }, "property sets"},
		{"unknown property", func(d map[string]any) { result(d)["severity"] = "high" }, `"severity" is not allowed`},
		{"bad ruleIndex", func(d map[string]any) { result(d)["ruleIndex"] = 0.0 }, "names rule"},
		{"bad suppression kind", func(d map[string]any) {
			run := d["runs"].([]any)[0].(map[string]any)
			run["results"].([]any)[5].(map[string]any)["suppressions"].([]any)[0].(map[string]any)["kind"] = "waiver"
		}, `"waiver" is not one of`},
		{"artifact uri with a space", func(d map[string]any) {
			loc := result(d)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"] = "my answers.toml"
		}, "not a URI reference"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(good, &d); err != nil {
				t.Fatal(err)
			}
			c.mutate(d)
			b, _ := json.Marshal(d)
			errs := validateSARIF(b)
			if !anyContains(errs, c.want) {
				t.Errorf("the validator did not report %q; it said %v", c.want, errs)
			}
		})
	}
}

func anyContains(errs []error, s string) bool {
	for _, e := range errs {
		if strings.Contains(e.Error(), s) {
			return true
		}
	}
	return false
}

func TestSARIFFileURI(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"answers.toml", "answers.toml"},
		{"dir/my answers.toml", "dir/my%20answers.toml"},
		{"/srv/a#1.toml", "file:///srv/a%231.toml"},
		{"a:b.toml", "./a:b.toml"},
	} {
		if got := fileURI(c.in); got != c.want {
			t.Errorf("fileURI(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSARIFRegistered(t *testing.T) {
	for _, f := range []string{"sarif", "junit", "oscal"} {
		if _, err := Get(f, Options{Lang: "en"}); err != nil {
			t.Errorf("format %s: %v", f, err)
		}
	}
}
