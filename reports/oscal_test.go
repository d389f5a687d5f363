package reports

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// oscalShape follows the OSCAL 1.1.2 assessment-results JSON schema for the
// objects mpassaudit writes: required properties, the UUID, token and
// date-time formats, and the allowed values of the fields it uses. Objects
// are closed over the properties the schema defines for them.
//
// oscalAPShape is the same for the assessment plan (assessment-plan model)
// that the document embeds.
var oscalShape, oscalAPShape = func() (*shape, *shape) {
	uuidRE := regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$`)
	id := &shape{typ: "string", pattern: uuidRE}
	token := &shape{typ: "string", pattern: regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)}
	str := &shape{typ: "string", pattern: regexp.MustCompile(`^\S(.*\S)?$`)}
	dateTime := &shape{typ: "string", format: "date-time"}
	markup := &shape{typ: "string", pattern: regexp.MustCompile(`\S`)}
	uriRef := &shape{typ: "string", format: "uri-reference"}
	enum := func(v ...string) *shape { return &shape{typ: "string", enum: v} }
	var anyValue *shape // nil: any value (parts mpassaudit does not write)

	prop := obj([]string{"name", "value"}, map[string]*shape{"name": token, "uuid": id, "ns": {typ: "string", format: "uri"},
		"value": str, "class": token, "group": token, "remarks": markup})
	props := arr(prop, 1)
	links := anyValue
	party := obj([]string{"uuid", "type"}, map[string]*shape{"uuid": id, "type": enum("person", "organization"),
		"name": str, "short-name": str, "external-ids": anyValue, "props": props, "links": links, "email-addresses": anyValue,
		"telephone-numbers": anyValue, "addresses": anyValue, "location-uuids": anyValue, "member-of-organizations": anyValue, "remarks": markup})
	metadata := obj([]string{"title", "last-modified", "version", "oscal-version"}, map[string]*shape{
		"title": markup, "published": dateTime, "last-modified": dateTime, "version": str,
		"oscal-version": &shape{typ: "string", pattern: regexp.MustCompile(`^1\.1\.[0-9]+$`)},
		"revisions":     anyValue, "document-ids": anyValue, "props": props, "links": links, "roles": anyValue, "locations": anyValue,
		"parties": arr(party, 1), "responsible-parties": anyValue, "actions": anyValue, "remarks": markup,
	})
	selection := obj(nil, map[string]*shape{"description": markup, "props": props, "links": links,
		"include-all": obj(nil, map[string]*shape{}), "include-controls": anyValue, "exclude-controls": anyValue, "remarks": markup})
	selection.anyOf = [][]string{{"include-all"}, {"include-controls"}}
	reviewed := obj([]string{"control-selections"}, map[string]*shape{"description": markup, "props": props, "links": links,
		"control-selections": arr(selection, 1), "control-objective-selections": anyValue, "remarks": markup})
	subject := obj([]string{"subject-uuid", "type"}, map[string]*shape{"subject-uuid": id,
		"type":  enum("component", "inventory-item", "location", "party", "user"),
		"title": markup, "props": props, "links": links, "remarks": markup})
	evidence := obj([]string{"description"}, map[string]*shape{"href": uriRef, "description": markup, "props": props, "links": links, "remarks": markup})
	observation := obj([]string{"uuid", "description", "methods", "collected"}, map[string]*shape{
		"uuid": id, "title": markup, "description": markup, "props": props, "links": links,
		"methods": arr(enum("EXAMINE", "INTERVIEW", "TEST", "UNKNOWN"), 1),
		"types":   arr(enum("ssp-statement-issue", "control-objective", "mitigation", "finding", "historic"), 1),
		"origins": anyValue, "subjects": arr(subject, 1), "relevant-evidence": arr(evidence, 1),
		"collected": dateTime, "expires": dateTime, "remarks": markup,
	})
	relObs := obj([]string{"observation-uuid"}, map[string]*shape{"observation-uuid": id})
	relRisk := obj([]string{"risk-uuid"}, map[string]*shape{"risk-uuid": id})
	risk := obj([]string{"uuid", "title", "description", "statement", "status"}, map[string]*shape{
		"uuid": id, "title": markup, "description": markup, "statement": markup, "props": props, "links": links,
		"status":  enum("open", "investigating", "remediating", "deviation-requested", "deviation-approved", "closed"),
		"origins": anyValue, "threat-ids": anyValue, "characterizations": anyValue, "mitigating-factors": anyValue,
		"deadline": dateTime, "remediations": anyValue, "risk-log": anyValue, "related-observations": arr(relObs, 1),
	})
	status := obj([]string{"state"}, map[string]*shape{"state": enum("satisfied", "not-satisfied"),
		"reason": enum("pass", "fail", "other"), "remarks": markup})
	target := obj([]string{"type", "target-id", "status"}, map[string]*shape{
		"type": enum("statement-id", "objective-id"), "target-id": token, "title": markup, "description": markup,
		"props": props, "links": links, "status": status,
		"implementation-status": obj([]string{"state"}, map[string]*shape{
			"state": enum("implemented", "partial", "planned", "alternative", "not-applicable"), "remarks": markup}),
		"remarks": markup,
	})
	finding := obj([]string{"uuid", "title", "description", "target"}, map[string]*shape{
		"uuid": id, "title": markup, "description": markup, "props": props, "links": links, "origins": anyValue,
		"target": target, "implementation-statement-uuid": id,
		"related-observations": arr(relObs, 1), "related-risks": arr(relRisk, 1), "remarks": markup,
	})
	result := obj([]string{"uuid", "title", "description", "start", "reviewed-controls"}, map[string]*shape{
		"uuid": id, "title": markup, "description": markup, "start": dateTime, "end": dateTime, "props": props, "links": links,
		"local-definitions": anyValue, "reviewed-controls": reviewed, "attestations": anyValue, "assessment-log": anyValue,
		"observations": arr(observation, 1), "risks": arr(risk, 1), "findings": arr(finding, 1), "remarks": markup,
	})
	rlink := obj([]string{"href"}, map[string]*shape{"href": uriRef, "media-type": {typ: "string", pattern: regexp.MustCompile(`^\S(.*\S)?$`)}, "hashes": anyValue})
	b64 := obj([]string{"value"}, map[string]*shape{"filename": token, "media-type": str,
		"value": {typ: "string", pattern: regexp.MustCompile(`^[0-9A-Za-z+/]+={0,2}$`)}})
	resource := obj([]string{"uuid"}, map[string]*shape{"uuid": id, "title": markup, "description": markup, "props": props,
		"document-ids": anyValue, "citation": anyValue, "rlinks": arr(rlink, 1), "base64": b64, "remarks": markup})
	ar := obj([]string{"uuid", "metadata", "import-ap", "results"}, map[string]*shape{
		"uuid": id, "metadata": metadata,
		"import-ap":         obj([]string{"href"}, map[string]*shape{"href": uriRef, "remarks": markup}),
		"local-definitions": anyValue, "results": arr(result, 1),
		"back-matter": obj(nil, map[string]*shape{"resources": arr(resource, 1)}),
	})
	selectSubject := obj([]string{"subject-uuid", "type"}, map[string]*shape{"subject-uuid": id,
		"type": enum("component", "inventory-item", "location", "party", "user"), "props": props, "links": links, "remarks": markup})
	apSubject := obj([]string{"type"}, map[string]*shape{"type": token, "description": markup, "props": props, "links": links,
		"include-all": obj(nil, map[string]*shape{}), "include-subjects": arr(selectSubject, 1), "exclude-subjects": arr(selectSubject, 1), "remarks": markup})
	apSubject.anyOf = [][]string{{"include-all"}, {"include-subjects"}}
	task := obj([]string{"uuid", "type", "title"}, map[string]*shape{"uuid": id, "type": enum("milestone", "action"), "title": markup,
		"description": markup, "props": props, "links": links, "timing": anyValue, "dependencies": anyValue, "tasks": anyValue,
		"associated-activities": anyValue, "subjects": anyValue, "responsible-roles": anyValue, "remarks": markup})
	ap := obj([]string{"uuid", "metadata", "import-ssp", "reviewed-controls"}, map[string]*shape{
		"uuid": id, "metadata": metadata,
		"import-ssp":        obj([]string{"href"}, map[string]*shape{"href": uriRef, "remarks": markup}),
		"local-definitions": anyValue, "terms-and-conditions": anyValue, "reviewed-controls": reviewed,
		"assessment-subjects": arr(apSubject, 1), "assessment-assets": anyValue, "tasks": arr(task, 1),
		"back-matter": obj(nil, map[string]*shape{"resources": arr(resource, 1)}),
	})
	return obj([]string{"assessment-results"}, map[string]*shape{"$schema": {typ: "string", format: "uri"}, "assessment-results": ar}),
		obj([]string{"assessment-plan"}, map[string]*shape{"$schema": {typ: "string", format: "uri"}, "assessment-plan": ap})
}()

// validateOSCAL checks a document against oscalShape and what a schema
// cannot say: every UUID is a version-5 UUID and unique, references
// (related observations and risks, subjects, import-ap's fragment) resolve.
func validateOSCAL(doc []byte) []error {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	errs := oscalShape.check("$", v)
	errs = append(errs, oscalSchemaErrors(doc)...)
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	// Every "uuid" defines an object; each must be v5 and unique.
	defined := map[string]string{}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if u, ok := x["uuid"].(string); ok {
				if len(u) == 36 && u[14] != '5' {
					bad("%s.uuid %s is not a version-5 (name-based) UUID", path, u)
				}
				if prev, dup := defined[u]; dup {
					bad("%s.uuid %s repeats %s", path, u, prev)
				}
				defined[u] = path
			}
			for _, k := range sortedKeys(x) {
				walk(path+"."+k, x[k])
			}
		case []any:
			for i, it := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), it)
			}
		}
	}
	walk("$", v)

	root, _ := v.(map[string]any)
	ar, _ := root["assessment-results"].(map[string]any)
	resources := map[string]map[string]any{}
	if bm, ok := ar["back-matter"].(map[string]any); ok {
		for _, r := range asList(bm["resources"]) {
			resources[str(r, "uuid")], _ = r.(map[string]any)
		}
	}
	if ap, ok := ar["import-ap"].(map[string]any); ok {
		href := str(ap, "href")
		res := resources[strings.TrimPrefix(href, "#")]
		switch {
		case !strings.HasPrefix(href, "#"):
			bad("$.assessment-results.import-ap.href %s is not the embedded assessment plan", href)
		case res == nil:
			bad("$.assessment-results.import-ap.href %s names no back-matter resource", href)
		default:
			errs = append(errs, validateOSCALPlan(str(res, "uuid"), res["base64"])...)
		}
	}
	parties := map[string]bool{}
	if md, ok := ar["metadata"].(map[string]any); ok {
		for _, p := range asList(md["parties"]) {
			parties[str(p, "uuid")] = true
		}
	}
	for i, rv := range asList(ar["results"]) {
		r, _ := rv.(map[string]any)
		path := fmt.Sprintf("$.assessment-results.results[%d]", i)
		obs, risks := map[string]bool{}, map[string]bool{}
		for _, o := range asList(r["observations"]) {
			obs[str(o, "uuid")] = true
			for _, s := range asList(o.(map[string]any)["subjects"]) {
				if str(s, "type") == "party" && !parties[str(s, "subject-uuid")] {
					bad("%s: observation %s has subject %s, which is no party in metadata", path, str(o, "uuid"), str(s, "subject-uuid"))
				}
			}
		}
		for _, k := range asList(r["risks"]) {
			risks[str(k, "uuid")] = true
			for _, ro := range asList(k.(map[string]any)["related-observations"]) {
				if !obs[str(ro, "observation-uuid")] {
					bad("%s: risk %s relates to observation %s, which is not in the result", path, str(k, "uuid"), str(ro, "observation-uuid"))
				}
			}
		}
		for _, f := range asList(r["findings"]) {
			fm := f.(map[string]any)
			for _, ro := range asList(fm["related-observations"]) {
				if !obs[str(ro, "observation-uuid")] {
					bad("%s: finding %s relates to observation %s, which is not in the result", path, str(f, "uuid"), str(ro, "observation-uuid"))
				}
			}
			for _, rr := range asList(fm["related-risks"]) {
				if !risks[str(rr, "risk-uuid")] {
					bad("%s: finding %s relates to risk %s, which is not in the result", path, str(f, "uuid"), str(rr, "risk-uuid"))
				}
			}
		}
	}
	return errs
}

// validateOSCALPlan decodes the assessment plan that import-ap names and
// checks it against oscalAPShape and its own references.
func validateOSCALPlan(resource string, b64 any) []error {
	value := str(b64, "value")
	if value == "" {
		return []error{fmt.Errorf("back-matter resource %s has no base64 assessment plan", resource)}
	}
	raw, err := base64.StdEncoding.DecodeString(value)
	if err != nil {
		return []error{fmt.Errorf("back-matter resource %s: %v", resource, err)}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return []error{fmt.Errorf("the embedded assessment plan is not JSON: %v", err)}
	}
	errs := oscalAPShape.check("$plan", v)
	for _, err := range oscalSchemaErrors(raw) {
		errs = append(errs, fmt.Errorf("the embedded assessment plan: %w", err))
	}
	ap, _ := v.(map[string]any)["assessment-plan"].(map[string]any)
	href := str(ap["import-ssp"], "href")
	found := false
	for _, r := range asList(ap["back-matter"].(map[string]any)["resources"]) {
		found = found || "#"+str(r, "uuid") == href
	}
	if !found {
		errs = append(errs, fmt.Errorf("$plan.assessment-plan.import-ssp.href %s names no back-matter resource of the plan", href))
	}
	parties := map[string]bool{}
	for _, p := range asList(ap["metadata"].(map[string]any)["parties"]) {
		parties[str(p, "uuid")] = true
	}
	for _, sub := range asList(ap["assessment-subjects"]) {
		for _, s := range asList(sub.(map[string]any)["include-subjects"]) {
			if !parties[str(s, "subject-uuid")] {
				errs = append(errs, fmt.Errorf("$plan: subject %s is no party in the plan's metadata", str(s, "subject-uuid")))
			}
		}
	}
	return errs
}

// oscalPlan is the assessment plan embedded in an assessment-results
// document (ar is its "assessment-results" object).
func oscalPlan(t *testing.T, ar map[string]any) map[string]any {
	t.Helper()
	href := str(ar["import-ap"], "href")
	for _, r := range asList(ar["back-matter"].(map[string]any)["resources"]) {
		if "#"+str(r, "uuid") != href {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(str(r.(map[string]any)["base64"], "value"))
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		return doc["assessment-plan"].(map[string]any)
	}
	t.Fatalf("import-ap %s names no resource", href)
	return nil
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func str(v any, key string) string {
	m, _ := v.(map[string]any)
	s, _ := m[key].(string)
	return s
}

func oscalOf(t *testing.T, o Outputter, reps []*audit.Report) ([]byte, map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	if err := o.Output(&buf, reps); err != nil {
		t.Fatal(err)
	}
	for _, err := range validateOSCAL(buf.Bytes()) {
		t.Error(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), doc["assessment-results"].(map[string]any)
}

func findingOf(result map[string]any, id string) map[string]any {
	for _, f := range asList(result["findings"]) {
		if f.(map[string]any)["target"].(map[string]any)["target-id"] == id {
			return f.(map[string]any)
		}
	}
	return nil
}

func propOf(v any, name string) string {
	for _, p := range asList(v.(map[string]any)["props"]) {
		if str(p, "name") == name {
			return str(p, "value")
		}
	}
	return ""
}

func TestOSCALStatuses(t *testing.T) {
	_, ar := oscalOf(t, OSCAL{Lang: "en"}, sampleReports())
	md := ar["metadata"].(map[string]any)
	if md["oscal-version"] != OSCALVersion || md["last-modified"] != "2026-11-27T12:00:00Z" || md["version"] != "2026.11.1" {
		t.Errorf("metadata = %v", md)
	}
	results := asList(ar["results"])
	if len(results) != 2 {
		t.Fatalf("%d results for 2 reports, want one per report", len(results))
	}
	r := results[0].(map[string]any)
	if r["start"] != "2026-11-27T12:00:00Z" || !strings.Contains(r["title"].(string), "Esimerkkikunta") {
		t.Errorf("result title %v start %v", r["title"], r["start"])
	}
	methods := map[string]string{}
	for _, o := range asList(r["observations"]) {
		methods[str(o, "title")] = asList(o.(map[string]any)["methods"])[0].(string)
	}
	for title, want := range map[string]string{
		"Answer lifecycle.leaver_days":                       "INTERVIEW",
		"Answer endpoints.login_url":                         "INTERVIEW",
		"Probe http https://login.example.fi/ (sha256 abcd)": "TEST",
		"Answer lifecycle.provisioning_description":          "INTERVIEW",
	} {
		if methods[title] != want {
			t.Errorf("observation %q method %q, want %s (observations: %v)", title, methods[title], want, methods)
		}
	}
	if n := len(asList(r["observations"])); n != 6 {
		t.Errorf("%d observations, want the 6 distinct evidence entries", n)
	}
	cases := []struct {
		id, state, reason, impl string
		related                 int
	}{
		{"T-01", "satisfied", "pass", "", 1},
		{"T-02", "not-satisfied", "fail", "", 1},
		{"T-03", "not-satisfied", "fail", "", 0},
		{"T-04", "not-satisfied", "other", "", 1},
		{"T-05", "not-satisfied", "other", "not-applicable", 0},
		{"T-06", "not-satisfied", "other", "", 1},
		{"T-07", "not-satisfied", "other", "", 2},
	}
	if n := len(asList(r["findings"])); n != len(cases) {
		t.Errorf("%d findings, want one per requirement (%d)", n, len(cases))
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			f := findingOf(r, c.id)
			if f == nil {
				t.Fatal("no finding")
			}
			target := f["target"].(map[string]any)
			st := target["status"].(map[string]any)
			if target["type"] != "objective-id" || st["state"] != c.state || st["reason"] != c.reason {
				t.Errorf("target %v, want objective-id %s (%s)", target, c.state, c.reason)
			}
			impl, _ := target["implementation-status"].(map[string]any)
			if got, _ := impl["state"].(string); got != c.impl {
				t.Errorf("implementation-status %q, want %q", got, c.impl)
			}
			if n := len(asList(f["related-observations"])); n != c.related {
				t.Errorf("%d related observations, want %d", n, c.related)
			}
		})
	}
	risks := asList(r["risks"])
	if len(risks) != 1 {
		t.Fatalf("risks = %v, want the one waiver", risks)
	}
	risk := risks[0].(map[string]any)
	if risk["status"] != "deviation-approved" || risk["description"] != "new IdM in spring" ||
		!strings.Contains(risk["statement"].(string), "approved by Operator Olli, valid until 2027-05-31") ||
		risk["deadline"] != "2027-05-31T23:59:59Z" || propOf(risk, "waiver-approver") != "Operator Olli" {
		t.Errorf("waiver risk = %v", risk)
	}
	rel := asList(findingOf(r, "T-06")["related-risks"])
	if len(rel) != 1 || str(rel[0], "risk-uuid") != risk["uuid"] {
		t.Errorf("the waived finding relates to %v, want risk %v", rel, risk["uuid"])
	}
	if got := findingOf(r, "T-02")["remarks"]; got != "Remediation: Shorten the time to 7 days at most." {
		t.Errorf("remarks = %v", got)
	}
}

func TestOSCALDeterministic(t *testing.T) {
	a, _ := oscalOf(t, OSCAL{Lang: "fi"}, sampleReports())
	b, _ := oscalOf(t, OSCAL{Lang: "fi"}, sampleReports())
	if !bytes.Equal(a, b) {
		t.Fatal("the same reports gave different documents")
	}
	// Another audit time is another assessment: every UUID changes.
	later := sampleReports()
	for _, r := range later {
		r.GeneratedAt = testNow.Add(time.Hour).Format(time.RFC3339)
	}
	c, _ := oscalOf(t, OSCAL{Lang: "fi"}, later)
	uuids := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)
	old := map[string]bool{}
	for _, u := range uuids.FindAllString(string(a), -1) {
		old[u] = true
	}
	for _, u := range uuids.FindAllString(string(c), -1) {
		if old[u] {
			t.Errorf("UUID %s is the same for a different audit time", u)
		}
	}
}

// uuidV5 is RFC 9562's name-based UUID with SHA-1, written out here to check
// the writer's UUIDs independently of the library it uses.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

func TestOSCALUUIDs(t *testing.T) {
	// The namespace is UUIDv5(URL namespace, OSCALNS); RFC 9562's URL
	// namespace is 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
	urlNS := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	ns := uuidV5(urlNS, OSCALNS)
	if ns != oscalUUIDSpace.String() {
		t.Fatalf("namespace %s, want %s", oscalUUIDSpace, ns)
	}
	var nsBytes [16]byte
	copy(nsBytes[:], oscalUUIDSpace[:])
	_, ar := oscalOf(t, OSCAL{Lang: "en"}, sampleReports())
	r := asList(ar["results"])[1].(map[string]any)
	want := uuidV5(nsBytes, "7654321-2\x002026-11-27T12:00:00Z\x00finding\x00T-02")
	if got := findingOf(r, "T-02")["uuid"]; got != want {
		t.Errorf("finding UUID %v, want UUIDv5 over member, time and requirement = %s", got, want)
	}
}

func TestOSCALRealCatalogue(t *testing.T) {
	rep, cat := realReport(t, "sv")
	checkRealStatuses(t, rep)
	_, ar := oscalOf(t, OSCAL{Lang: "sv", Catalog: cat}, []*audit.Report{rep})
	r := asList(ar["results"])[0].(map[string]any)
	if n := len(asList(r["findings"])); n != len(rep.Results) {
		t.Errorf("%d findings for %d requirements", n, len(rep.Results))
	}
	want := map[string]string{audit.Pass: "satisfied", audit.Fail: "not-satisfied", audit.Manual: "not-satisfied", audit.Waived: "not-satisfied"}
	for id, status := range wantRealStatuses {
		f := findingOf(r, id)
		if f == nil {
			t.Errorf("no finding for %s", id)
			continue
		}
		if got := f["target"].(map[string]any)["status"].(map[string]any)["state"]; got != want[status] || propOf(f, "status") != status {
			t.Errorf("%s: state %v (prop %s), want %s (%s)", id, got, propOf(f, "status"), want[status], status)
		}
		if title := cat.Requirement(id).Titles.SV; f["title"] != id+" "+title {
			t.Errorf("%s: title %v, want the Swedish title", id, f["title"])
		}
	}
	var question string
	for _, o := range asList(r["observations"]) {
		if propOf(o, "answer-path") == "lifecycle.leaver_days" {
			question = str(o, "description")
		}
	}
	if f, _ := cat.Field("lifecycle.leaver_days"); !strings.HasPrefix(question, f.Question.SV) || !strings.HasSuffix(question, "Svar: 14") {
		t.Errorf("the leaver_days observation says %q, want the Swedish question and the answer", question)
	}
	risks := asList(r["risks"])
	if len(risks) != 1 || propOf(risks[0], "requirement") != "EP-LIFE-05" || !strings.Contains(str(risks[0], "statement"), "godkänt av Operaattori Olli") {
		t.Errorf("risks = %v, want the EP-LIFE-05 waiver", risks)
	}
}

func TestOSCALNeedsTimes(t *testing.T) {
	var buf bytes.Buffer
	if err := (OSCAL{}).Output(&buf, nil); err == nil || !strings.Contains(err.Error(), "no reports") {
		t.Errorf("no reports: err = %v", err)
	}
	r := sampleReport("X", "")
	r.GeneratedAt = ""
	if err := (OSCAL{}).Output(&buf, []*audit.Report{r}); err == nil || !strings.Contains(err.Error(), "generated_at") {
		t.Errorf("no time: err = %v", err)
	}
}

// TestOSCALValidatorCatches breaks a valid document in the ways the
// structural check must notice.
func TestOSCALValidatorCatches(t *testing.T) {
	good, _ := oscalOf(t, OSCAL{Lang: "en"}, sampleReports())
	ar := func(d map[string]any) map[string]any { return d["assessment-results"].(map[string]any) }
	result := func(d map[string]any) map[string]any { return asList(ar(d)["results"])[0].(map[string]any) }
	finding := func(d map[string]any) map[string]any { return asList(result(d)["findings"])[1].(map[string]any) }
	cases := []struct {
		name   string
		mutate func(d map[string]any)
		want   string
	}{
		{"no import-ap", func(d map[string]any) { delete(ar(d), "import-ap") }, `"import-ap" is missing`},
		{"dangling import-ap", func(d map[string]any) {
			ar(d)["import-ap"] = map[string]any{"href": "#00000000-0000-5000-8000-000000000000"}
		}, "names no back-matter resource"},
		{"no oscal-version", func(d map[string]any) { delete(ar(d)["metadata"].(map[string]any), "oscal-version") }, `"oscal-version" is missing`},
		{"no results", func(d map[string]any) { ar(d)["results"] = []any{} }, "at least 1"},
		{"bad uuid", func(d map[string]any) { finding(d)["uuid"] = "T-02" }, `"T-02" does not match`},
		{"v4 uuid", func(d map[string]any) { finding(d)["uuid"] = "0f2db71c-aaf5-43ed-acc1-cd5b7999e6fb" }, "not a version-5"},
		{"duplicate uuid", func(d map[string]any) { finding(d)["uuid"] = result(d)["uuid"] }, "repeats"},
		{"bad state", func(d map[string]any) {
			finding(d)["target"].(map[string]any)["status"] = map[string]any{"state": "passed"}
		}, `"passed" is not one of`},
		{"bad target type", func(d map[string]any) { finding(d)["target"].(map[string]any)["type"] = "control-id" }, `"control-id" is not one of`},
		{"bad method", func(d map[string]any) {
			asList(result(d)["observations"])[0].(map[string]any)["methods"] = []any{"ASK"}
		}, `"ASK" is not one of`},
		{"no collected", func(d map[string]any) { delete(asList(result(d)["observations"])[0].(map[string]any), "collected") }, `"collected" is missing`},
		{"time without zone", func(d map[string]any) { result(d)["start"] = "2026-11-27T12:00:00" }, "not an RFC 3339"},
		{"empty prop value", func(d map[string]any) { asList(finding(d)["props"])[0].(map[string]any)["value"] = "" }, "does not match"},
		{"dangling observation", func(d map[string]any) {
			finding(d)["related-observations"] = []any{map[string]any{"observation-uuid": "00000000-0000-5000-8000-000000000000"}}
		}, "not in the result"},
		{"bad risk status", func(d map[string]any) { asList(result(d)["risks"])[0].(map[string]any)["status"] = "waived" }, `"waived" is not one of`},
		{"unknown property", func(d map[string]any) { finding(d)["state"] = "satisfied" }, `"state" is not allowed`},
		{"import-ap outside the document", func(d map[string]any) { ar(d)["import-ap"] = map[string]any{"href": "plan.json"} }, "not the embedded assessment plan"},
		{"plan without base64", func(d map[string]any) {
			delete(asList(ar(d)["back-matter"].(map[string]any)["resources"])[0].(map[string]any), "base64")
		}, "no base64 assessment plan"},
		{"plan with a dangling import-ssp", func(d map[string]any) {
			res := asList(ar(d)["back-matter"].(map[string]any)["resources"])[0].(map[string]any)
			b64 := res["base64"].(map[string]any)
			raw, _ := base64.StdEncoding.DecodeString(b64["value"].(string))
			var plan map[string]any
			json.Unmarshal(raw, &plan)
			plan["assessment-plan"].(map[string]any)["import-ssp"] = map[string]any{"href": "#00000000-0000-5000-8000-000000000000"}
			raw, _ = json.Marshal(plan)
			b64["value"] = base64.StdEncoding.EncodeToString(raw)
		}, "names no back-matter resource of the plan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d map[string]any
			if err := json.Unmarshal(good, &d); err != nil {
				t.Fatal(err)
			}
			c.mutate(d)
			b, _ := json.Marshal(d)
			if errs := validateOSCAL(b); !anyContains(errs, c.want) {
				t.Errorf("the check did not report %q; it said %v", c.want, errs)
			}
		})
	}
}

func TestOSCALAssessmentPlan(t *testing.T) {
	_, ar := oscalOf(t, OSCAL{Lang: "fi"}, sampleReports())
	ap := oscalPlan(t, ar)
	md := ap["metadata"].(map[string]any)
	if !strings.HasPrefix(md["title"].(string), "Arviointisuunnitelma: ") || md["version"] != "2026.11.1" {
		t.Errorf("plan metadata = %v", md)
	}
	var subjects []string
	for _, s := range asList(asList(ap["assessment-subjects"])[0].(map[string]any)["include-subjects"]) {
		subjects = append(subjects, str(s, "subject-uuid"))
	}
	var parties []string
	for _, p := range asList(ar["metadata"].(map[string]any)["parties"]) {
		parties = append(parties, str(p, "uuid"))
	}
	if strings.Join(subjects, ",") != strings.Join(parties, ",") || len(subjects) != 2 {
		t.Errorf("plan subjects %v, want the results' parties %v", subjects, parties)
	}
	if n := len(asList(ap["tasks"])); n != 2 {
		t.Errorf("%d tasks, want interview and test", n)
	}
	ssp := asList(ap["back-matter"].(map[string]any)["resources"])[0].(map[string]any)
	var hrefs []string
	for _, l := range asList(ssp["rlinks"]) {
		hrefs = append(hrefs, str(l, "href"))
	}
	if want := "answers/esimerkkikunta%20answers.toml,answers/toinen%20kunta%20answers.toml"; strings.Join(hrefs, ",") != want {
		t.Errorf("the plan's system description links %v, want %s", hrefs, want)
	}
	// The plan is as deterministic as the results.
	_, again := oscalOf(t, OSCAL{Lang: "fi"}, sampleReports())
	if fmt.Sprint(oscalPlan(t, again)) != fmt.Sprint(ap) {
		t.Error("the same reports gave another plan")
	}
}

// TestOSCALNotApplicableIsNotSatisfied: a requirement that does not apply
// is never counted as met.
func TestOSCALNotApplicableIsNotSatisfied(t *testing.T) {
	_, ar := oscalOf(t, OSCAL{Lang: "en"}, sampleReports())
	for _, rv := range asList(ar["results"]) {
		for _, f := range asList(rv.(map[string]any)["findings"]) {
			st := f.(map[string]any)["target"].(map[string]any)["status"].(map[string]any)
			if propOf(f, "status") != audit.Pass && st["state"] == "satisfied" {
				t.Errorf("%s (%s) is satisfied", str(f, "title"), propOf(f, "status"))
			}
		}
	}
}
