package questionnaire

import (
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

// TestTemplateSaysHowToWriteAnswers checks that each language's template
// tells how a yes/no, date and choice answer is written, in that language,
// and never shows the catalogue's internal type names.
func TestTemplateSaysHowToWriteAnswers(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		kind, lang string
		want       []string
	}{
		{catalog.EducationProvider, "fi", []string{
			"(vastaus: true (kyllä) tai false (ei), ilman lainausmerkkejä; vaatimukset: EP-AUTH-01)",
			"päivämäärä muodossa VVVV-KK-PP ilman lainausmerkkejä",
			`yksi näistä lainausmerkeissä: "wilma", "opinsys", "entra"`,
			"vain esimerkki muodosta",
		}},
		{catalog.ServiceProvider, "sv", []string{
			"(svar: true (ja) eller false (nej), utan citattecken; krav: SP-SAML-04)",
			`element: ett av dessa inom citattecken: "code"`,
			"bara ett exempel på formen",
		}},
		{catalog.ServiceProvider, "en", []string{
			"(answer: whole number without quotes; requirements: SP-SEC-05)",
			// redirect_uris are text: a custom scheme is SP-OIDC-01's verdict,
			// not an input error (#11 item 7).
			"item: text in quotes",
		}},
	}
	for _, c := range cases {
		t.Run(c.kind+"/"+c.lang, func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, cat, c.kind, c.lang); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("template lacks %q", w)
				}
			}
			for _, typ := range catalog.FieldTypes {
				if bad := ": " + typ + ";"; strings.Contains(out, bad) {
					t.Errorf("template shows the internal type name %q", bad)
				}
			}
		})
	}
}
