package sample

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
)

// DefaultColumns are the claim names a CSV or JSON sample has as columns
// when the registry sends MPASSid's default names (REQUIREMENTS.md EP-REG-09:
// AD FS and Google by default, and the other types). An Entra ID sample has
// the Graph attribute names of the member's mapping instead, which only the
// answers (registry.entra_attribute_*) name. The catalogue's
// data.mpassaudit.requirements.ep.registry.default_columns must list the
// same names (policies_test checks it).
var DefaultColumns = []string{
	"firstName", "surname", "nickName", "mpassUserIdentity", "learnerId",
	"schoolCode", "class", "classLevel", "userRole", "learningMaterialsCharge",
}

// SAMLNames are the data model 1.4 attribute names of a SAML response.
var SAMLNames = []string{
	"urn:oid:2.5.4.4", "urn:oid:2.5.4.42", "urn:mpass.id:nickname", "urn:mpass.id:uid",
	"urn:oid:1.3.6.1.4.1.16161.1.1.27", "urn:mpass.id:schoolInfo",
	"urn:mpass.id:educationProviderInfo", "urn:mpass.id:role", "urn:mpass.id:classLevel",
	"urn:mpass.id:learningMaterialsCharge", "urn:mpass.id:originalIssuer",
}

// defaultNamed are the registry types whose samples carry DefaultColumns.
var defaultNamed = []string{"adfs", "google", "opinsys", "other", "wilma"}

// Expected lists, per registry type, the columns a sample is expected to
// have; "saml-response" gives the attribute names of a captured response.
// Entra ID is absent: its columns are the member's mapping.
func Expected() map[string][]string {
	out := map[string][]string{SAMLResponse: SAMLNames}
	for _, t := range defaultNamed {
		out[t] = DefaultColumns
	}
	return out
}

// Unknown is a column that is none of the expected names, with the
// expected name it most likely means ("" when nothing is near).
type Unknown struct {
	Name    string `json:"name"`
	Closest string `json:"closest"`
}

// aliases are names members use for the default claims: the Finnish,
// Swedish and English words for each attribute (normalised, see norm),
// and the data model's own names. A sample with Finnish headers
// (oppijanumero, oppilaitostunnus, rooli, luokka-aste) is then told which
// claim each column should be called.
var aliases = map[string]string{
	"etunimi": "firstName", "fornamn": "firstName", "givenname": "firstName", "firstname": "firstName",
	"sukunimi": "surname", "efternamn": "surname", "lastname": "surname", "familyname": "surname", "sn": "surname",
	"kutsumanimi": "nickName", "tilltalsnamn": "nickName", "nickname": "nickName",
	"tunniste": "mpassUserIdentity", "kayttajatunnus": "mpassUserIdentity", "id": "mpassUserIdentity", "uid": "mpassUserIdentity", "userid": "mpassUserIdentity", "mpassusername": "mpassUserIdentity",
	"oppijanumero": "learnerId", "oppijanro": "learnerId", "studentnummer": "learnerId", "elevnummer": "learnerId", "learnernumber": "learnerId", "oid": "learnerId",
	"oppilaitostunnus": "schoolCode", "oppilaitoskoodi": "schoolCode", "koulukoodi": "schoolCode", "koulu": "schoolCode", "laroanstaltskod": "schoolCode", "skolkod": "schoolCode", "school": "schoolCode", "schoolinfo": "schoolCode",
	"luokka": "class", "ryhma": "class", "klass": "class", "grupp": "class", "group": "class",
	"luokkaaste": "classLevel", "vuosiluokka": "classLevel", "arskurs": "classLevel", "grade": "classLevel", "gradelevel": "classLevel", "level": "classLevel",
	"rooli": "userRole", "roll": "userRole", "role": "userRole", "jobtitle": "userRole",
	"maksullisuus": "learningMaterialsCharge", "oppimateriaalimaksu": "learningMaterialsCharge", "maksullisuuskoodi": "learningMaterialsCharge", "avgiftskod": "learningMaterialsCharge", "materialscharge": "learningMaterialsCharge", "charge": "learningMaterialsCharge",
}

// samlAliases point the friendly and legacy names of attributes to their
// data model 1.4 names.
var samlAliases = map[string]string{
	"sn": "urn:oid:2.5.4.4", "surname": "urn:oid:2.5.4.4", "givenname": "urn:oid:2.5.4.42",
	"learnerid": "urn:oid:1.3.6.1.4.1.16161.1.1.27", "oppijanumero": "urn:oid:1.3.6.1.4.1.16161.1.1.27",
	"urnmpassidschoolcode": "urn:mpass.id:schoolInfo", "urnmpassidclass": "urn:mpass.id:role",
	"urnmpassideducationproviderid": "urn:mpass.id:educationProviderInfo",
	"mpassusername":                 "urn:mpass.id:uid", "uid": "urn:mpass.id:uid",
}

// Graph extension attributes are named extension_<app id without dashes>_<name>.
var extensionPrefix = regexp.MustCompile(`^extension_[0-9a-fA-F]{32}_`)

// norm folds a column name for comparison: the Graph extension prefix
// dropped, lower case, Finnish and Swedish letters to their base letter,
// and only letters and digits kept.
func norm(s string) string {
	s = extensionPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä', 'å':
			r = 'a'
		case 'ö':
			r = 'o'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Columns lists the columns of rows in the order they first appear, the
// CSV header (header) first; unrecognised are the columns that are none of
// the names expected of the format (the default claim names for CSV and
// JSON, data model 1.4 for a SAML response), each with the closest name.
func Columns(format string, header []string, rows []Row) (columns []string, unrecognised []Unknown) {
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			columns = append(columns, c)
		}
	}
	for _, h := range header {
		add(h)
	}
	for _, r := range rows {
		names := make([]string, 0, len(r.Fields))
		for n := range r.Fields {
			names = append(names, n)
		}
		sort.Strings(names) // JSON objects and SAML attributes have no column order
		for _, n := range names {
			add(n)
		}
	}
	known, alias := DefaultColumns, aliases
	if format == SAMLResponse {
		known, alias = SAMLNames, samlAliases
	}
	unrecognised = []Unknown{}
	for _, c := range columns {
		if contains(known, c) {
			continue
		}
		unrecognised = append(unrecognised, Unknown{Name: c, Closest: Closest(c, known, alias)})
	}
	if columns == nil {
		columns = []string{}
	}
	return columns, unrecognised
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Closest is the name in known that name most likely means: the same name
// in other case or punctuation, a known word for it (alias), or the name
// within a few typing errors (at most a third of its letters, and 3). ""
// when nothing is near.
func Closest(name string, known []string, alias map[string]string) string {
	n := norm(name)
	if n == "" {
		return ""
	}
	for _, k := range known {
		if norm(k) == n {
			return k
		}
	}
	if a, ok := alias[n]; ok && contains(known, a) {
		return a
	}
	best, bestD := "", -1
	for _, k := range known {
		d := distance(n, norm(k))
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if limit := min(3, max(1, len([]rune(n))/3)); bestD > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance, in runes.
func distance(a, b string) int { return levenshtein.ComputeDistance(a, b) }
