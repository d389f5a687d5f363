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
# vastaamattomana, ei kieltävänä vastauksena. Rivillä valmiina oleva
# arvo on vain esimerkki muodosta: vaihda se omaksi vastaukseksesi.
# Kyllä/ei-kysymyksiin vastataan true (kyllä) tai false (ei) ilman
# lainausmerkkejä, päivämäärät muodossa 2026-09-01 ilman lainausmerkkejä,
# tekstit lainausmerkeissä.
# Tarkista: mpassaudit audit TÄMÄ_TIEDOSTO.toml --lang fi`,
	"sv": `# MPASSid-självgranskning (självgranskning enligt bilaga 1): svarsblankett.
# Besvara varje fråga genom att ta bort #-tecknet i början av raden och
# fylla i värdet. En obesvarad fråga rapporteras som obesvarad, inte som nej.
# Värdet som redan står på raden är bara ett exempel på formen: byt ut det
# mot ert eget svar. Ja/nej-frågor besvaras med true (ja) eller false (nej)
# utan citattecken, datum i formen 2026-09-01 utan citattecken och texter
# inom citattecken.
# Kontrollera: mpassaudit audit DENNA_FIL.toml --lang sv`,
	"en": `# MPASSid appendix 1 self-audit: answers file.
# Answer each question by removing the # at the start of its line and
# filling in the value. A question left out is reported as unanswered,
# never read as "no". The value already on a line is only an example of
# the form: replace it with your own answer. Yes/no questions are answered
# true (yes) or false (no) without quotes, dates as 2026-09-01 without
# quotes, texts in quotes.
# Check it: mpassaudit audit THIS_FILE.toml --lang en`,
}

var labels = map[string][3]string{ // fi, sv, en
	"type":     {"vastaus", "svar", "answer"},
	"required": {"pakollinen tieto", "obligatorisk uppgift", "required"},
	"used by":  {"vaatimukset", "krav", "requirements"},
	"list":     {"lista hakasulkeissa, alkiot pilkuin eroteltuina; alkio:", "lista inom hakparenteser, elementen åtskilda med kommatecken; element:", "list in brackets, items separated by commas; item:"},
}

// types say how an answer of each catalogue type is written in TOML, in the
// reader's language: "bool" or "date" mean nothing to a member who answers
// "kyllä" or 1.9.2026.
var types = map[string][3]string{ // fi, sv, en
	"bool":     {"true (kyllä) tai false (ei), ilman lainausmerkkejä", "true (ja) eller false (nej), utan citattecken", "true (yes) or false (no), without quotes"},
	"integer":  {"kokonaisluku ilman lainausmerkkejä", "heltal utan citattecken", "whole number without quotes"},
	"enum":     {"yksi näistä lainausmerkeissä:", "ett av dessa inom citattecken:", "one of these, in quotes:"},
	"date":     {"päivämäärä muodossa VVVV-KK-PP ilman lainausmerkkejä", "datum i formen ÅÅÅÅ-MM-DD utan citattecken", "date as YYYY-MM-DD without quotes"},
	"url":      {"verkko-osoite (https://…) lainausmerkeissä", "webbadress (https://…) inom citattecken", "web address (https://…) in quotes"},
	"email":    {"sähköpostiosoite lainausmerkeissä", "e-postadress inom citattecken", "email address in quotes"},
	"text":     {"teksti lainausmerkeissä", "text inom citattecken", "text in quotes"},
	"file":     {"tiedoston polku lainausmerkeissä, suhteessa tähän tiedostoon", "sökväg till en fil inom citattecken, relativt till denna fil", "file path in quotes, relative to this file"},
	"location": {"verkko-osoite (https://…) tai tiedoston polku lainausmerkeissä", "webbadress (https://…) eller sökväg till en fil inom citattecken", "web address (https://…) or file path in quotes"},
}

func pick(l [3]string, lang string) string {
	switch lang {
	case "fi":
		return l[0]
	case "sv":
		return l[1]
	}
	return l[2]
}

// typeText is how to write an answer of type typ; an unknown type (from a
// --catalog the tool does not know) is shown as is.
func typeText(lang, typ string) string {
	if t, ok := types[typ]; ok {
		return pick(t, lang)
	}
	return typ
}

func label(lang, key string) string { return pick(labels[key], lang) }

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
		typ := typeText(lang, f.Type)
		if f.List {
			typ = label(lang, "list") + " " + typ
		}
		if len(f.Values) > 0 {
			quoted := make([]string, len(f.Values))
			for i, v := range f.Values {
				quoted[i] = fmt.Sprintf("%q", v)
			}
			typ += " " + strings.Join(quoted, ", ")
		}
		meta := []string{label(lang, "type") + ": " + typ}
		if f.Required {
			meta = append(meta, label(lang, "required"))
		}
		// Only this kind's requirements: a shared field (business ID) is
		// read by both kinds' requirements.
		var ids []string
		for _, id := range f.Requirements {
			if r := cat.Requirement(id); r != nil && r.AppliesToKind(kind) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			meta = append(meta, label(lang, "used by")+": "+strings.Join(ids, ", "))
		}
		fmt.Fprintf(&b, "# (%s)\n", strings.Join(meta, "; "))
		value := answers.Example(f)
		if f.Path == "member.kind" {
			value = fmt.Sprintf("%q", kind)
		}
		if f.List {
			value = "[" + value + "]"
		}
		// Every line is commented out but the member kind, which init
		// was told: a placeholder or an example is never an answer.
		prefix := "# "
		if f.Path == "member.kind" {
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
