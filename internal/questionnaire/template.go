// Package questionnaire writes the commented answers template for a member
// kind, generated from the catalogue's answer fields: no question exists
// only in Go code.
package questionnaire

import (
	"fmt"
	"io"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

var intro = map[string]string{
	"fi": `# MPASSid-itseauditointi (liitteen 1 itseauditointi): vastauslomake.
# Vastaa jokaiseen kysymykseen poistamalla #-merkki rivin alusta ja
# täydentämällä arvo. Vastaamatta jätetty kysymys raportoidaan
# vastaamattomana, ei kieltävänä vastauksena.
# Tarkista: mpassaudit audit TÄMÄ_TIEDOSTO.toml --lang fi`,
	"sv": `# MPASSid självgranskning (bilaga 1): svarsblankett.
# Besvara varje fråga genom att ta bort #-tecknet i början av raden och
# fylla i värdet. En obesvarad fråga rapporteras som obesvarad, inte som nej.
# Kontrollera: mpassaudit audit DENNA_FIL.toml --lang sv`,
	"en": `# MPASSid appendix 1 self-audit: answers file.
# Answer each question by removing the # at the start of its line and
# filling in the value. A question left out is reported as unanswered,
# never read as "no".
# Check it: mpassaudit audit THIS_FILE.toml --lang en`,
}

var labels = map[string][3]string{ // fi, sv, en
	"type":     {"tyyppi", "typ", "type"},
	"values":   {"sallitut arvot", "tillåtna värden", "allowed values"},
	"required": {"pakollinen tieto", "obligatorisk uppgift", "required"},
	"used by":  {"vaatimukset", "krav", "requirements"},
	"list":     {"lista", "lista", "list of"},
}

func label(lang, key string) string {
	l := labels[key]
	switch lang {
	case "fi":
		return l[0]
	case "sv":
		return l[1]
	}
	return l[2]
}

// Write writes the template for kind in lang to w.
func Write(w io.Writer, cat *catalog.Catalog, kind, lang string) error {
	if kind != catalog.EducationProvider && kind != catalog.ServiceProvider {
		return fmt.Errorf("unknown kind %q: use %s or %s", kind, catalog.EducationProvider, catalog.ServiceProvider)
	}
	if err := i18n.Check(lang); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n# %s: %s · %s %s\n", intro[lang], i18n.T(lang, "Member type"), i18n.T(lang, kind), i18n.T(lang, "Catalogue"), cat.Version)
	section := ""
	for _, f := range bySection(cat.Fields(kind)) {
		if f.Section() != section {
			section = f.Section()
			fmt.Fprintf(&b, "\n[%s]\n", section)
		}
		fmt.Fprintf(&b, "\n# %s\n", f.Question.In(lang))
		typ := f.Type
		if f.List {
			typ = label(lang, "list") + " " + typ
		}
		meta := []string{label(lang, "type") + ": " + typ}
		if len(f.Values) > 0 {
			meta = append(meta, label(lang, "values")+": "+strings.Join(f.Values, ", "))
		}
		if f.Required {
			meta = append(meta, label(lang, "required"))
		}
		if len(f.Requirements) > 0 {
			meta = append(meta, label(lang, "used by")+": "+strings.Join(f.Requirements, ", "))
		}
		fmt.Fprintf(&b, "# (%s)\n", strings.Join(meta, "; "))
		value := answers.Example(f)
		if f.Path == "member.kind" {
			value = fmt.Sprintf("%q", kind)
		}
		if f.List {
			value = "[" + value + "]"
		}
		prefix := "# "
		if f.Required {
			prefix = ""
		}
		fmt.Fprintf(&b, "%s%s = %s\n", prefix, f.Key(), value)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bySection groups fields by their TOML section, sections in order of first
// appearance: a section may be written only once in a TOML file, but fields
// of one section are defined by requirements of several areas.
func bySection(fields []catalog.Field) []catalog.Field {
	var order []string
	groups := map[string][]catalog.Field{}
	for _, f := range fields {
		if _, ok := groups[f.Section()]; !ok {
			order = append(order, f.Section())
		}
		groups[f.Section()] = append(groups[f.Section()], f)
	}
	out := make([]catalog.Field, 0, len(fields))
	for _, s := range order {
		out = append(out, groups[s]...)
	}
	return out
}
