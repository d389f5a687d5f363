package catalog_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

// spec is every requirement of REQUIREMENTS.md with its severity there
// (EP-TECH-01..05 are must for the registry type they name).
var spec = map[string]string{
	"EP-AUTH-01": "must", "EP-AUTH-02": "must", "EP-IR-01": "must", "EP-IR-02": "must", "EP-IR-03": "must",
	"EP-LIFE-01": "must", "EP-LIFE-02": "must", "EP-LIFE-03": "must", "EP-LIFE-04": "must", "EP-LIFE-05": "should",
	"EP-ORG-01": "must", "EP-ORG-02": "must", "EP-ORG-03": "must", "EP-ORG-04": "must", "EP-ORG-05": "must",
	"EP-REG-01": "must", "EP-REG-02": "must", "EP-REG-03": "must", "EP-REG-04": "must", "EP-REG-05": "must",
	"EP-REG-06": "must", "EP-REG-07": "should", "EP-REG-08": "should", "EP-REG-09": "must",
	"EP-SEC-01": "must", "EP-SEC-02": "must", "EP-SEC-03": "must", "EP-SEC-04": "must", "EP-SEC-05": "must",
	"EP-SEC-06": "should", "EP-SEC-07": "should", "EP-SEC-08": "should", "EP-SEC-09": "should",
	"EP-TECH-01": "must", "EP-TECH-02": "must", "EP-TECH-03": "must", "EP-TECH-04": "must", "EP-TECH-05": "must", "EP-TECH-06": "must",
	"SP-OIDC-01": "must", "SP-OIDC-02": "must", "SP-OIDC-03": "must", "SP-OIDC-04": "must", "SP-OIDC-05": "should",
	"SP-ORG-01": "must", "SP-ORG-02": "must", "SP-ORG-03": "must", "SP-PRIV-01": "must", "SP-PRIV-02": "must", "SP-PRIV-03": "must",
	"SP-SAML-01": "must", "SP-SAML-02": "must", "SP-SAML-03": "must", "SP-SAML-04": "must", "SP-SAML-05": "must",
	"SP-SAML-06": "must", "SP-SAML-07": "should", "SP-SAML-08": "info", "SP-SAML-09": "must", "SP-SAML-10": "should",
	"SP-SAML-11": "should", "SP-SAML-12": "should",
	"SP-SAML-13": "should", // issue #13: registered vs live metadata
	"SP-SEC-01":  "must", "SP-SEC-02": "must", "SP-SEC-03": "must", "SP-SEC-04": "must", "SP-SEC-05": "must", "SP-TLS-01": "must",
}

// TestWholeCatalogue: every requirement of the spec is in the catalogue with
// its severity, for the right kind, with texts in three languages.
func TestWholeCatalogue(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for id, sev := range spec {
		r := cat.Requirement(id)
		if r == nil {
			t.Errorf("%s is missing from the catalogue", id)
			continue
		}
		if r.Severity != sev {
			t.Errorf("%s: severity %s, the spec says %s", id, r.Severity, sev)
		}
		kind := catalog.EducationProvider
		if strings.HasPrefix(id, "SP-") {
			kind = catalog.ServiceProvider
		}
		if !slices.Equal(r.AppliesTo, []string{kind}) {
			t.Errorf("%s applies to %v, want [%s]", id, r.AppliesTo, kind)
		}
		if r.Remediation.FI == "" || r.Remediation.SV == "" || r.Remediation.EN == "" {
			t.Errorf("%s: remediation needs fi, sv and en", id)
		}
		if len(r.References) == 0 {
			t.Errorf("%s: no references", id)
		}
		if r.Area == "" || cat.Area(r.Area).Order == len(cat.Areas) {
			t.Errorf("%s: area %q is not one of the areas in main.rego", id, r.Area)
		}
	}
	for _, r := range cat.Requirements {
		if _, ok := spec[r.ID]; !ok {
			t.Errorf("%s is not in REQUIREMENTS.md", r.ID)
		}
	}
	if !strings.HasPrefix(cat.Digest, "sha256:") || cat.Version == "" {
		t.Errorf("version %q digest %q", cat.Version, cat.Digest)
	}
}

func TestEveryFieldHasQuestionsInThreeLanguages(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range catalog.Kinds {
		for _, f := range cat.Fields(kind) {
			if f.Question.FI == "" || f.Question.SV == "" || f.Question.EN == "" {
				t.Errorf("%s: question needs fi, sv and en", f.Path)
			}
		}
	}
	if _, ok := cat.Field("member.kind"); !ok {
		t.Error("member.kind is not a field")
	}
}

const mainRego = `# METADATA
# title: t
# custom:
#   version: t1
#   areas: [{id: a, fi: A, sv: A, en: A}]
package mpassaudit
`

// TestLoadErrors: a broken catalogue is refused with the file, line and what to fix.
func TestLoadErrors(t *testing.T) {
	rule := func(custom string) string {
		return "package mpassaudit.requirements.ep.a\n\n# METADATA\n# title: x\n# custom:\n" + custom + "r := 1\n"
	}
	base := "#   id: X-01\n#   severity: must\n#   applies_to: [education-provider]\n#   evidence: answer\n#   titles: {fi: a, sv: b, en: c}\n"
	cases := []struct {
		name, src, want string
	}{
		{"severity", rule(strings.Replace(base, "must", "maybe", 1)), `a.rego:3: requirement "X-01": severity "maybe" is not must, should or info`},
		{"kind", rule(strings.Replace(base, "[education-provider]", "[school]", 1)), `applies_to "school"`},
		{"titles", rule(strings.Replace(base, "sv: b, ", "", 1)), "titles need fi, sv and en"},
		{"evidence", rule(strings.Replace(base, "evidence: answer", "evidence: hunch", 1)), `evidence "hunch"`},
		{"field type", rule(base + "#   answers: [{path: a.b, type: colour, question: {fi: a, sv: b, en: c}}]\n"), `answer a.b has unknown type "colour"`},
		{"field path", rule(base + "#   answers: [{path: ab, type: bool, question: {fi: a, sv: b, en: c}}]\n"), `answer path "ab" must be section.key`},
		{"question", rule(base + "#   answers: [{path: a.b, type: bool, question: {fi: a}}]\n"), "answer a.b needs a question in fi, sv and en"},
		{"undefined", rule(base + "#   answers: [{path: a.b}]\n"), "answer a.b has no type"},
		{"probe", rule(base + "#   answers: [{path: a.b, type: url, probe: ping, question: {fi: a, sv: b, en: c}}]\n"), `unknown probe "ping"`},
		{"syntax", "package x\n\nr := := 1\n", "a.rego:3"},
		{"effective_from", rule(base + "#   effective_from: 1.8.2027\n"), `effective_from "1.8.2027" is not a date YYYY-MM-DD`},
		{"effective_from time", rule(base + "#   effective_from: 2027-08-01T12:00:00Z\n"), `is not a date YYYY-MM-DD`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := catalog.Load(fstest.MapFS{
				"main.rego": {Data: []byte(mainRego)},
				"a.rego":    {Data: []byte(c.src)},
			})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestLoadDirectory(t *testing.T) {
	cat, err := catalog.Load(os.DirFS("../../policies"))
	if err != nil {
		t.Fatal(err)
	}
	emb, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Digest != emb.Digest {
		t.Errorf("the policies directory and the embedded catalogue differ: %s vs %s", cat.Digest, emb.Digest)
	}
}

// effective_from is read quoted or not (YAML turns an unquoted date into a
// timestamp), and a requirement is upcoming until that day.
func TestEffectiveFrom(t *testing.T) {
	for _, v := range []string{"2027-08-01", `"2027-08-01"`} {
		cat, err := catalog.Load(fstest.MapFS{
			"main.rego": {Data: []byte(mainRego)},
			"a.rego": {Data: []byte("package mpassaudit.requirements.ep.a\n\n# METADATA\n# title: x\n# custom:\n" +
				"#   id: X-01\n#   severity: must\n#   applies_to: [education-provider]\n#   evidence: answer\n#   titles: {fi: a, sv: b, en: c}\n" +
				"#   effective_from: " + v + "\nr := 1\n")},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := cat.Requirement("X-01")
		if r.EffectiveFrom != "2027-08-01" || r.MandatoryFrom() != "1.8.2027" {
			t.Errorf("%s: effective_from %q, mandatory from %q", v, r.EffectiveFrom, r.MandatoryFrom())
		}
		before := time.Date(2027, 7, 31, 23, 59, 59, 0, time.UTC)
		if !r.Upcoming(before) || r.Upcoming(before.Add(time.Second)) {
			t.Errorf("%s: upcoming on the wrong side of 1.8.2027", v)
		}
	}
}
