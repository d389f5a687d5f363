package reports

import (
	"encoding/json"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// oscalSchemaID is the $id of NIST's OSCAL 1.1.2 complete JSON schema
// (testdata, see its README): every model, assessment-results and
// assessment-plan among them.
const oscalSchemaID = "http://csrc.nist.gov/ns/oscal/1.0/1.1.2/oscal-complete-schema.json"

var oscalSchema = jsonSchema("oscal_complete_schema-1.1.2.json", oscalSchemaID)

// oscalSchemaErrors validates an OSCAL document against NIST's schema.
func oscalSchemaErrors(doc []byte) []error {
	return schemaErrors(oscalSchema, "NIST's OSCAL 1.1.2 schema", doc)
}

// TestOSCALSchema: the assessment results and the plan they embed are valid
// against NIST's OSCAL 1.1.2 schema, for hand-made and real reports.
func TestOSCALSchema(t *testing.T) {
	real, cat := realReport(t, "sv")
	for name, c := range map[string]struct {
		o    OSCAL
		reps []*audit.Report
	}{
		"sample": {OSCAL{Lang: "fi"}, sampleReports()},
		"real":   {OSCAL{Lang: "sv", Catalog: cat}, []*audit.Report{real}},
	} {
		t.Run(name, func(t *testing.T) {
			raw, ar := oscalOf(t, c.o, c.reps)
			for _, err := range oscalSchemaErrors(raw) {
				t.Error(err)
			}
			plan, err := json.Marshal(map[string]any{"assessment-plan": oscalPlan(t, ar)})
			if err != nil {
				t.Fatal(err)
			}
			for _, err := range oscalSchemaErrors(plan) {
				t.Errorf("the embedded assessment plan: %v", err)
			}
		})
	}
}

// TestOSCALSchemaCatches: the schema rejects what it must.
func TestOSCALSchemaCatches(t *testing.T) {
	needSchema(t, "oscal_complete_schema-1.1.2.json")
	good, _ := oscalOf(t, OSCAL{Lang: "en"}, sampleReports())
	for name, mutate := range map[string]func(ar map[string]any){
		"no import-ap": func(ar map[string]any) { delete(ar, "import-ap") },
		"bad state": func(ar map[string]any) {
			f := asList(asList(ar["results"])[0].(map[string]any)["findings"])[0].(map[string]any)
			f["target"].(map[string]any)["status"] = map[string]any{"state": "not-applicable"}
		},
		"bad base64": func(ar map[string]any) {
			asList(ar["back-matter"].(map[string]any)["resources"])[0].(map[string]any)["base64"] = map[string]any{"value": "not base64!"}
		},
	} {
		var d map[string]any
		if err := json.Unmarshal(good, &d); err != nil {
			t.Fatal(err)
		}
		mutate(d["assessment-results"].(map[string]any))
		b, _ := json.Marshal(d)
		if errs := oscalSchemaErrors(b); len(errs) == 0 {
			t.Errorf("%s: the schema accepted the broken document", name)
		}
	}
}
