// Package i18n holds the user-interface texts in Finnish, Swedish and
// English. Requirement texts come from the catalogue; this package only has
// the tool's own words (headings, statuses, labels), using the service's own
// terms (see the glossary in the spec).
package i18n

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Langs are the supported languages.
var Langs = []string{"fi", "sv", "en"}

var tags = map[string]language.Tag{"fi": language.Finnish, "sv": language.Swedish, "en": language.English}

// Valid reports whether lang is supported.
func Valid(lang string) bool { _, ok := tags[lang]; return ok }

// FromEnv picks the language from LC_ALL, LC_MESSAGES or LANG (fi_FI.UTF-8 →
// fi), defaulting to English.
func FromEnv() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		s := strings.ToLower(os.Getenv(v))
		if s == "" {
			continue
		}
		for _, l := range Langs {
			if strings.HasPrefix(s, l) {
				return l
			}
		}
		return "en"
	}
	return "en"
}

// Check returns an error naming the supported languages when lang is not one.
func Check(lang string) error {
	if !Valid(lang) {
		return fmt.Errorf("unknown language %q: use fi, sv or en", lang)
	}
	return nil
}

var cat = catalog.NewBuilder(catalog.Fallback(language.English))

// texts: English key → Finnish, Swedish.
var texts = map[string][2]string{
	// statuses
	"pass":           {"kunnossa", "godkänd"},
	"fail":           {"ei täyty", "uppfylls inte"},
	"warn":           {"varoitus", "varning"},
	"manual":         {"tarkistettava", "granskas manuellt"},
	"not_applicable": {"ei koske", "gäller inte"},
	"waived":         {"poikkeuslupa", "undantag"},
	"error":          {"virhe", "fel"},
	// severities
	"must":   {"pakollinen", "obligatorisk"},
	"should": {"suositus", "rekommendation"},
	"info":   {"tieto", "information"},
	// kinds and environments
	"education-provider": {"koulutustoimija", "utbildningsaktör"},
	"service-provider":   {"palveluntarjoaja", "tjänsteleverantör"},
	"test":               {"testiympäristö", "testmiljö"},
	"demo":               {"demoympäristö", "demomiljö"},
	"production":         {"tuotantoympäristö", "produktionsmiljö"},
	// evidence kinds
	"answer":   {"vastaus", "svar"},
	"probe":    {"testi", "test"},
	"sample":   {"näyte", "prov"},
	"document": {"asiakirja", "dokument"},
	// the probe command
	"Target":                    {"Kohde", "Mål"},
	"Time":                      {"Aika", "Tid"},
	"Probe failed":              {"Testi epäonnistui", "Testet misslyckades"},
	"Entity":                    {"Entiteetti", "Entitet"},
	"entities in the file":      {"entiteettiä tiedostossa", "entiteter i filen"},
	"Roles":                     {"Roolit", "Roller"},
	"Signed":                    {"Allekirjoitettu", "Signerad"},
	"signature verifies":        {"allekirjoitus on kelvollinen", "signaturen är giltig"},
	"signature does not verify": {"allekirjoitus ei ole kelvollinen", "signaturen är inte giltig"},
	"Certificates":              {"Varmenteet", "Certifikat"},
	"%d days left":              {"%d päivää jäljellä", "%d dagar kvar"},
	"expired %d days ago":       {"vanhentunut %d päivää sitten", "gick ut för %d dagar sedan"},
	"service provider role (SPSSODescriptor)":   {"palveluntarjoajan rooli (SPSSODescriptor)", "tjänsteleverantörens roll (SPSSODescriptor)"},
	"identity provider role (IDPSSODescriptor)": {"kotiorganisaation rooli (IDPSSODescriptor)", "hemorganisationens roll (IDPSSODescriptor)"},
	"signing certificate":                       {"allekirjoitusvarmenne", "signeringscertifikat"},
	"encryption certificate":                    {"salausvarmenne", "krypteringscertifikat"},
	"signing and encryption certificate":        {"allekirjoitus- ja salausvarmenne", "signerings- och krypteringscertifikat"},
	"does not parse":                            {"ei ole luettavissa", "kan inte läsas"},
	"Valid until":                               {"Voimassa", "Giltig till"},
	"Versions offered":                          {"Tarjotut versiot", "Erbjudna versioner"},
	"not tested by this client":                 {"tämä ohjelma ei voi testata", "kan inte testas av detta program"},
	"Negotiated":                                {"Neuvoteltu", "Förhandlad"},
	"Chain":                                     {"Varmenneketju", "Certifikatkedja"},
	"Host name matches":                         {"Nimi vastaa varmennetta", "Namnet matchar certifikatet"},
	"Final URL":                                 {"Lopullinen osoite", "Slutlig adress"},
	"Rows":                                      {"Rivejä", "Rader"},
	"Format":                                    {"Muoto", "Format"},
	"Decided only in the self-audit, with the answer to %s; the probe alone cannot decide it.":                                                               {"Ratkeaa vasta itseauditoinnissa, jossa on vastaus kysymykseen %s; testi yksin ei riitä.", "Avgörs först i självgranskningen med svaret på frågan %s; testet ensamt räcker inte."},
	"No requirement of the catalogue reads the result of this probe.":                                                                                        {"Vaatimusluettelossa ei ole vaatimusta, joka lukisi tämän testin tuloksen.", "Inget krav i kravkatalogen läser resultatet av detta test."},
	"TLS 1.0 and 1.1 are tested with the Go library's cipher suites: \"no\" means the server accepted none of them; old suites (RC4, DHE) cannot be tested.": {"TLS 1.0 ja 1.1 testataan Go-kirjaston salausjoukoilla: \"ei\" tarkoittaa, ettei palvelin hyväksynyt niitä; vanhoja salausjoukkoja (RC4, DHE) ei voi testata.", "TLS 1.0 och 1.1 testas med Go-bibliotekets chiffersviter: \"nej\" betyder att servern inte godtog dem; gamla chiffersviter (RC4, DHE) kan inte testas."},
	// labels
	"MPASSid self-audit":                 {"MPASSid-itseauditointi", "MPASSid-självgranskning"},
	"Member":                             {"Jäsen", "Medlem"},
	"Business ID":                        {"Y-tunnus", "FO-nummer"},
	"Member type":                        {"Jäsentyyppi", "Medlemstyp"},
	"Environment":                        {"Ympäristö", "Miljö"},
	"Catalogue":                          {"Vaatimusluettelo", "Kravkatalog"},
	"Date":                               {"Päivämäärä", "Datum"},
	"Verdict":                            {"Tulos", "Resultat"},
	"Requirement":                        {"Vaatimus", "Krav"},
	"Status":                             {"Tila", "Status"},
	"Severity":                           {"Vakavuus", "Allvarlighetsgrad"},
	"Evidence":                           {"Näyttö", "Underlag"},
	"Remediation":                        {"Korjaus", "Åtgärd"},
	"To check":                           {"Tarkistettava", "Att granska"},
	"Summary":                            {"Yhteenveto", "Sammanfattning"},
	"Answer":                             {"Vastaus", "Svar"},
	"Probe":                              {"Testi", "Test"},
	"Waiver":                             {"Poikkeuslupa", "Undantag"},
	"approved by %s, valid until %s: %s": {"hyväksyjä %s, voimassa %s asti: %s", "godkänt av %s, giltigt till %s: %s"},
	"PASS":                               {"HYVÄKSYTTY", "GODKÄND"},
	"FAIL":                               {"HYLÄTTY", "UNDERKÄND"},
	"Page %d of %d":                      {"Sivu %d/%d", "Sida %d av %d"},
	"Report":                             {"Raportti", "Rapport"},
	"Question":                           {"Kysymys", "Fråga"},
	"Type":                               {"Tyyppi", "Typ"},
	"Applies to":                         {"Koskee", "Gäller"},
	"Environments":                       {"Ympäristöt", "Miljöer"},
	"References":                         {"Lähteet", "Källor"},
	"Answers read":                       {"Luetut vastaukset", "Lästa svar"},
	"Title":                              {"Otsikko", "Rubrik"},
	"Area":                               {"Osa-alue", "Område"},
	// registry and waivers
	"Last audit":                            {"Viimeisin itseauditointi", "Senaste självgranskning"},
	"Re-audit due":                          {"Seuraava itseauditointi viimeistään", "Nästa självgranskning senast"},
	"Audits":                                {"Itseauditointeja", "Självgranskningar"},
	"overdue":                               {"myöhässä", "försenad"},
	"%d members, %d overdue":                {"%d jäsentä, %d myöhässä", "%d medlemmar, %d försenade"},
	"Signer":                                {"Allekirjoittaja", "Undertecknare"},
	"no changes":                            {"ei muutoksia", "inga ändringar"},
	"Kind":                                  {"Laji", "Typ"},
	"Details":                               {"Tiedot", "Uppgifter"},
	"%d items due by %s (! = already past)": {"%d erääntyy %s mennessä (! = jo mennyt)", "%d förfaller senast %s (! = redan passerat)"},
	"re-audit":                              {"uusi itseauditointi", "ny självgranskning"},
	"certificate":                           {"varmenne", "certifikat"},
	"client-secret":                         {"Client Secret", "Client Secret"},
	"metadata":                              {"metatiedot", "metadata"},
	"other":                                 {"muu", "annat"},
	"waiver":                                {"poikkeuslupa", "undantag"},
	"changes requested":                     {"muutoksia pyydetty", "ändringar begärda"},
	// steering group summary (internal/summary)
	"MPASSid steering group summary":  {"MPASSid – ohjausryhmän yhteenveto", "MPASSid – sammanfattning för styrgruppen"},
	"Status on %s":                    {"Tilanne %s", "Läget %s"},
	"each member's latest self-audit": {"kunkin jäsenen viimeisin itseauditointi", "varje medlems senaste självgranskning"},
	"Members":                         {"Jäseniä", "Medlemmar"},
	"Members with a failing verdict":  {"Jäseniä, joiden tulos on hylätty", "Medlemmar med underkänt resultat"},
	"Overdue for re-audit":            {"Itseauditointi myöhässä", "Självgranskningen försenad"},
	"Pass rate":                       {"Kunnossa-osuus", "Andel godkända"},
	"Most failing requirements":       {"Useimmin täyttymättömät vaatimukset", "Krav som oftast inte uppfylls"},
	"Members whose latest self-audit fails the requirement": {"Jäseniä, joiden viimeisimmässä itseauditoinnissa vaatimus ei täyty", "Medlemmar vars senaste självgranskning inte uppfyller kravet"},
	"Trend by quarter": {"Kehitys neljännesvuosittain", "Utveckling per kvartal"},
	"Every self-audit in the quarter it was made": {"Jokainen itseauditointi sillä neljänneksellä, jolla se tehtiin", "Varje självgranskning i det kvartal den gjordes"},
	"Quarter":                           {"Neljännes", "Kvartal"},
	"Status by member and area":         {"Tilanne jäsenittäin ja osa-alueittain", "Läget per medlem och område"},
	"Members with failing requirements": {"Jäsenet, joilla vaatimuksia ei täyty", "Medlemmar med krav som inte uppfylls"},
	"Other members":                     {"Muut jäsenet", "Övriga medlemmar"},
	"(continued)":                       {"(jatkuu)", "(forts.)"},
	"a requirement fails":               {"vaatimus ei täyty", "krav uppfylls inte"},
	"warnings or waivers":               {"varoituksia tai poikkeuslupia", "varningar eller undantag"},
	"all pass":                          {"kaikki kunnossa", "allt godkänt"},
	"Manual review colours only an area judged by a reviewer alone.": {"Tarkistettava-väri vain, jos osa-alueen kaikki vaatimukset ovat käsin tarkistettavia.", "Färgen för manuell granskning bara när alla krav inom området granskas manuellt."},
	"Pass rate by requirement":                                       {"Kunnossa-osuus vaatimuksittain", "Andel godkända per krav"},
	"Pass rate: the share of pass among the judged results (pass, fail, warn, waived, error) of each member's latest self-audit.": {"Kunnossa-osuus: kunnossa olevien tulosten osuus jäsenten viimeisimmän itseauditoinnin arvioiduista tuloksista (kunnossa, ei täyty, varoitus, poikkeuslupa, virhe).", "Andel godkända: andelen godkända resultat bland de bedömda resultaten (godkänd, uppfylls inte, varning, undantag, fel) i varje medlems senaste självgranskning."},
	"Judged":                       {"Arvioitu", "Bedömda"},
	"not judged":                   {"ei arvioitu", "inte bedömt"},
	"Members overdue for re-audit": {"Jäsenet, joiden itseauditointi on myöhässä", "Medlemmar vars självgranskning är försenad"},
	"Days overdue":                 {"Päiviä myöhässä", "Dagar försenad"},
	"None":                         {"Ei yhtään", "Inga"},
	"Members and areas":            {"Jäsenet ja osa-alueet", "Medlemmar och områden"},
	"Requirements":                 {"Vaatimukset", "Krav"},
	"Most failing":                 {"Useimmin ei täyty", "Oftast ej uppfyllda"},
	"Overdue":                      {"Myöhässä", "Försenade"},
	"Trend":                        {"Kehitys", "Utveckling"},
	"Failing requirements":         {"Vaatimukset, jotka eivät täyty", "Krav som inte uppfylls"},
	// signed PDF reports (reports/pdf*.go) and their verification
	"Appendix 1 self-audit report":       {"Liitteen 1 itseauditoinnin raportti", "Rapport om självgranskningen enligt bilaga 1"},
	"Catalogue digest":                   {"Vaatimusluettelon tiiviste", "Kravkatalogens kontrollsumma"},
	"Tool":                               {"Työkalu", "Verktyg"},
	"Report id":                          {"Raportin tunniste", "Rapportens id"},
	"JSON result":                        {"JSON-tulos", "JSON-resultat"},
	"Answers file":                       {"Vastaustiedosto", "Svarsfil"},
	"Probe results":                      {"Testien tulokset", "Testresultat"},
	"No mandatory requirement fails.":    {"Yksikään pakollinen vaatimus ei jää täyttymättä.", "Inget obligatoriskt krav lämnas ouppfyllt."},
	"Needs manual review: %d":            {"Tarkistettavaa: %d", "Granskas manuellt: %d"},
	"Mandatory requirements not met: %d": {"Pakollisia vaatimuksia täyttymättä: %d", "Obligatoriska krav som inte uppfylls: %d"},
	"Nothing to fix.":                    {"Ei korjattavaa.", "Inget att åtgärda."},
	"… and %d more: see the areas below": {"… ja %d muuta: katso osa-alueet jäljempänä", "… och %d till: se områdena nedan"},
	"To fix":                             {"Korjattavaa", "Att åtgärda"},
	"Warnings":                           {"Varoitukset", "Varningar"},
	"Needs manual review":                {"Tarkistettavaa", "Granskas manuellt"},
	"%d/%d pass":                         {"%d/%d kunnossa", "%d/%d godkända"},
	"fetched %s":                         {"haettu %s", "hämtad %s"},
	"Yes":                                {"Kyllä", "Ja"},
	"No":                                 {"Ei", "Nej"},
	"Page %d of %s":                      {"Sivu %d/%s", "Sida %d av %s"},
	"VERIFIED":                           {"TARKISTETTU", "VERIFIERAD"},
	"NOT VERIFIED":                       {"TARKISTUS EPÄONNISTUI", "KONTROLLEN MISSLYCKADES"},
	"valid":                              {"kelvollinen", "giltig"},
	"INVALID":                            {"EI KELVOLLINEN", "OGILTIG"},
	"trusted":                            {"luotettu", "betrodd"},
	"NOT TRUSTED":                        {"EI LUOTETTU", "INTE BETRODD"},
	"trust not checked (no --trust)":     {"luotettavuutta ei tarkistettu (ei --trust)", "förtroendet kontrollerades inte (ingen --trust)"},
	"member":                             {"jäsen", "medlem"},
	"operator":                           {"MPASSid-operaattori", "MPASSid-operatör"},
	"Signature %d":                       {"Allekirjoitus %d", "Signatur %d"},
	"signed %s":                          {"allekirjoitettu %s", "signerad %s"},
	"Decision":                           {"Päätös", "Beslut"},
	"approved":                           {"hyväksytty", "godkänd"},
	"changes-requested":                  {"muutoksia pyydetty", "ändringar begärda"},
	"Problems":                           {"Ongelmat", "Problem"},
	"Differences":                        {"Erot", "Skillnader"},
	"Drift":                              {"Muutokset nykytilassa", "Ändringar i nuläget"},
	"Notes":                              {"Huomiot", "Anmärkningar"},
	"Results by area. The JSON result and the answers file are attached to this PDF; the MPASSid operator verifies the signature with mpassaudit verify.": {
		"Tulokset osa-alueittain. JSON-tulos ja vastaustiedosto ovat tämän PDF:n liitteinä; MPASSid-operaattori tarkistaa allekirjoituksen komennolla mpassaudit verify.",
		"Resultat per område. JSON-resultatet och svarsfilen är bifogade till denna PDF; MPASSid-operatören kontrollerar signaturen med mpassaudit verify.",
	},
	// verify as a PDF signature validator: revisions, time, approval
	// (reports/verify, reports/signing, cmd approve)
	"Decision of the MPASSid operator":                                                    {"MPASSid-operaattorin päätös", "MPASSid-operatörens beslut"},
	"approved for production":                                                             {"hyväksytty tuotantoon", "godkänd för produktion"},
	"Signed by %s, %s":                                                                    {"Allekirjoittanut %s, %s", "Signerat av %s, %s"},
	"Approved although the requirements are not met: %s":                                  {"Hyväksytty, vaikka vaatimukset eivät täyty: %s", "Godkänd fast kraven inte uppfylls: %s"},
	"Approved although the requirements are not met":                                      {"Hyväksytty, vaikka vaatimukset eivät täyty", "Godkänd fast kraven inte uppfylls"},
	"Verify the signatures with mpassaudit verify.":                                       {"Allekirjoitukset tarkistetaan komennolla mpassaudit verify.", "Signaturerna kontrolleras med mpassaudit verify."},
	"timestamp %s by %s (%s)":                                                             {"aikaleima %s, myöntäjä %s (%s)", "tidsstämpel %s av %s (%s)"},
	"the member's signature update":                                                       {"jäsenen allekirjoituksen päivitys", "medlemmens signaturuppdatering"},
	"the update after signature %d":                                                       {"allekirjoituksen %d jälkeinen päivitys", "uppdateringen efter signatur %d"},
	"the bytes appended after the last signature":                                         {"viimeisen allekirjoituksen jälkeen lisätyt tavut", "byten som lagts till efter den sista signaturen"},
	"%s changes the document catalogue's /%s: %s; a signature changes only the form":      {"%s muuttaa asiakirjan juuriobjektin (Catalog) kohtaa /%s: %s; allekirjoitus muuttaa vain lomaketta (AcroForm)", "%s ändrar dokumentkatalogens /%s: %s; en signatur ändrar bara formuläret (AcroForm)"},
	"%s changes object %d (%s): %s":                                                       {"%s muuttaa objektia %d (%s): %s", "%s ändrar objekt %d (%s): %s"},
	"%s adds object %d (%s), which a signature does not need":                             {"%s lisää objektin %d (%s), jota allekirjoitus ei tarvitse", "%s lägger till objekt %d (%s), som en signatur inte behöver"},
	"%s deletes object %d (%s)":                                                           {"%s poistaa objektin %d (%s)", "%s tar bort objekt %d (%s)"},
	"%s replaces the document information (title, keywords: %v → %v)":                     {"%s korvaa asiakirjan tiedot (otsikko, avainsanat: %v → %v)", "%s ersätter dokumentinformationen (titel, nyckelord: %v → %v)"},
	"%s adds annotation %v to page object %d, which is not the widget of a new signature": {"%[1]s lisää sivuobjektiin %[3]d merkinnän %[2]v, joka ei ole uuden allekirjoituksen kenttä", "%[1]s lägger till anteckningen %[2]v på sidobjekt %[3]d, som inte är fältet för en ny signatur"},
	"%s adds a visible widget (object %d) for the member's own signature: the member's signature adds nothing to the pages":  {"%s lisää jäsenen omalle allekirjoitukselle näkyvän kentän (objekti %d): jäsenen allekirjoitus ei lisää sivuille mitään", "%s lägger till ett synligt fält (objekt %d) för medlemmens egen signatur: medlemmens signatur lägger inget till sidorna"},
	"%d bytes were appended after the last signature (bytes %d–%d are signed by nobody): the file was changed after signing": {"viimeisen allekirjoituksen jälkeen on lisätty %d tavua (tavuja %d–%d ei ole allekirjoittanut kukaan): tiedostoa on muutettu allekirjoittamisen jälkeen", "%d byte har lagts till efter den sista signaturen (byte %d–%d har ingen signerat): filen har ändrats efter signeringen"},
	"signature %d (%s)":      {"allekirjoitus %d (%s)", "signatur %d (%s)"},
	"expired on %s":          {"vanheni %s", "gick ut %s"},
	"is not valid before %s": {"ei ole voimassa ennen %s", "är inte giltigt före %s"},
	"%s: the signer's certificate %s; without a trusted timestamp (PAdES B-T, --tsa when signing, --tsa-trust here) a signature by an expired certificate cannot be shown to have been made while it was valid": {"%s: allekirjoittajan varmenne %s; ilman luotettua aikaleimaa (PAdES B-T: --tsa allekirjoitettaessa, --tsa-trust tässä) vanhentuneella varmenteella tehtyä allekirjoitusta ei voi osoittaa tehdyksi varmenteen ollessa voimassa", "%s: undertecknarens certifikat %s; utan en betrodd tidsstämpel (PAdES B-T: --tsa vid signering, --tsa-trust här) kan en signatur med ett utgånget certifikat inte visas ha gjorts medan det var giltigt"},
	"%s: the signer's certificate %s, but the signer claims to have signed at %s":                                                                                     {"%s: allekirjoittajan varmenne %s, mutta allekirjoittaja ilmoittaa allekirjoittaneensa %s", "%s: undertecknarens certifikat %s, men undertecknaren uppger att signaturen gjordes %s"},
	"%s claims a signing time %s in the future (now %s)":                                                                                                              {"%s ilmoittaa allekirjoitusajaksi %s, joka on tulevaisuudessa (nyt %s)", "%s uppger signeringstiden %s, som ligger i framtiden (nu %s)"},
	"%s claims a signing time %s, but the report says it was generated at %s: the member signs the report when it is made (%s apart, more than %s)":                   {"%s ilmoittaa allekirjoitusajaksi %s, mutta raportin mukaan se on laadittu %s: jäsen allekirjoittaa raportin sen valmistuessa (ero %s, yli %s)", "%s uppger signeringstiden %s, men enligt rapporten skapades den %s: medlemmen signerar rapporten när den görs (%s isär, mer än %s)"},
	"the signer's certificate names no business ID: check that %s (certificate SHA-256 %s) signs for %s":                                                              {"allekirjoittajan varmenteessa ei ole Y-tunnusta: tarkista, että %s (varmenteen SHA-256 %s) allekirjoittaa jäsenen %s puolesta", "undertecknarens certifikat anger inget FO-nummer: kontrollera att %s (certifikatets SHA-256 %s) signerar för %s"},
	"signature %d (%s): the signed bytes were changed after signing: their SHA-256 no longer matches the signature":                                                   {"allekirjoitus %d (%s): allekirjoitettuja tavuja on muutettu allekirjoittamisen jälkeen: niiden SHA-256 ei enää vastaa allekirjoitusta", "signatur %d (%s): de signerade byten har ändrats efter signeringen: deras SHA-256 stämmer inte längre med signaturen"},
	"signature %d (%s, %s): the signer is not trusted: certificate SHA-256 %s is not in --trust and no CA there issued it (%s)":                                       {"allekirjoitus %d (%s, %s): allekirjoittaja ei ole luotettu: varmenne SHA-256 %s ei ole hakemistossa --trust eikä sen ole myöntänyt mikään siellä oleva CA (%s)", "signatur %d (%s, %s): undertecknaren är inte betrodd: certifikatet SHA-256 %s finns inte i --trust och ingen CA där har utfärdat det (%s)"},
	"signature %d (%s, %s) records a decision, but its signer is not a trusted operator: certificate SHA-256 %s is not in --operators and no CA there issued it (%s)": {"allekirjoitus %d (%s, %s) kirjaa päätöksen, mutta sen allekirjoittaja ei ole luotettu MPASSid-operaattori: varmenne SHA-256 %s ei ole hakemistossa --operators eikä sen ole myöntänyt mikään siellä oleva CA (%s)", "signatur %d (%s, %s) registrerar ett beslut, men undertecknaren är inte en betrodd MPASSid-operatör: certifikatet SHA-256 %s finns inte i --operators och ingen CA där har utfärdat det (%s)"},
	"signature %d: the byte range %v does not exclude exactly its own signature value (bytes %d–%d): the signature dictionary was changed":                            {"allekirjoitus %d: tavualue %v ei rajaa pois täsmälleen omaa allekirjoitusarvoaan (tavut %d–%d): allekirjoitussanakirjaa on muutettu", "signatur %d: byteintervallet %v utesluter inte exakt sitt eget signaturvärde (byte %d–%d): signaturordlistan har ändrats"},
	"signature %d lies inside the part signed by signature %d: the signatures were rearranged":                                                                        {"allekirjoitus %d on allekirjoituksen %d allekirjoittaman osan sisällä: allekirjoituksia on siirretty", "signatur %d ligger inuti den del som signatur %d har signerat: signaturerna har flyttats"},
	"a font":                   {"fontti", "ett typsnitt"},
	"a content stream":         {"sisältövirta", "en innehållsström"},
	"a page":                   {"sivu", "en sida"},
	"a page tree":              {"sivupuu", "ett sidträd"},
	"a document catalogue":     {"asiakirjan juuriobjekti", "dokumentkatalogen"},
	"an annotation":            {"merkintä", "en anteckning"},
	"a dictionary":             {"sanakirja", "en ordlista"},
	"an attachment":            {"liite", "en bilaga"},
	"a signature dictionary":   {"allekirjoitussanakirja", "en signaturordlista"},
	"an image or form XObject": {"kuva- tai lomakeobjekti (XObject)", "ett bild- eller formulärobjekt (XObject)"},
	"waiver not honoured: %s":  {"poikkeuslupaa ei huomioitu: %s", "undantaget beaktades inte: %s"},
	"waiver %s was issued on %s, after the audit's time %s: a waiver applies only to audits after its issue":                                             {"poikkeuslupa %s on myönnetty %s, itseauditoinnin ajankohdan %s jälkeen: poikkeuslupa koskee vain myöntämisen jälkeisiä itseauditointeja", "undantaget %s beviljades %s, efter självgranskningens tidpunkt %s: ett undantag gäller bara självgranskningar efter att det beviljats"},
	"waiver %s runs from %s to %s, longer than the %d months a waiver may last":                                                                          {"poikkeuslupa %s on voimassa %s–%s, pidempään kuin poikkeusluvan enimmäiskesto %d kuukautta", "undantaget %s gäller %s–%s, längre än de %d månader ett undantag får gälla"},
	"waiver %s expired on %s, before the audit's time %s":                                                                                                {"poikkeuslupa %s vanheni %s, ennen itseauditoinnin ajankohtaa %s", "undantaget %s gick ut %s, före självgranskningens tidpunkt %s"},
	"waiver %s: its issue time %q is not an RFC 3339 time":                                                                                               {"poikkeuslupa %s: sen myöntämisaika %q ei ole RFC 3339 -aika", "undantaget %s: beviljandetiden %q är inte en RFC 3339-tid"},
	"waiver %s: its expiry %q is not a date":                                                                                                             {"poikkeuslupa %s: sen päättymispäivä %q ei ole päivämäärä", "undantaget %s: slutdatumet %q är inte ett datum"},
	"%s: its certificate (SHA-256 %s) is revoked (%s): nothing it signed is accepted":                                                                    {"%s: sen varmenne (SHA-256 %s) on mitätöity (%s): mitään sillä allekirjoitettua ei hyväksytä", "%s: dess certifikat (SHA-256 %s) är återkallat (%s): inget som signerats med det godtas"},
	"%s: its certificate (SHA-256 %s) was revoked on %s (%s), and no trusted timestamp proves the signature was made before that (the signer claims %s)": {"%s: sen varmenne (SHA-256 %s) mitätöitiin %s (%s), eikä mikään luotettu aikaleima osoita allekirjoituksen tehdyn sitä ennen (allekirjoittaja ilmoittaa %s)", "%s: dess certifikat (SHA-256 %s) återkallades %s (%s), och ingen betrodd tidsstämpel visar att signaturen gjordes före det (undertecknaren uppger %s)"},
}

// english are the English texts whose key is an identifier rather than
// words: "not_applicable" and "education-provider" are not English to read.
var english = map[string]string{
	"not_applicable":     "not applicable",
	"education-provider": "education provider",
	"service-provider":   "service provider",
}

func init() {
	for en, t := range texts {
		if s, ok := english[en]; ok {
			_ = cat.SetString(language.English, en, s)
		} else {
			_ = cat.SetString(language.English, en, en)
		}
		_ = cat.SetString(language.Finnish, en, t[0])
		_ = cat.SetString(language.Swedish, en, t[1])
	}
}

// Printer formats UI texts and numbers in lang.
func Printer(lang string) *message.Printer {
	t, ok := tags[lang]
	if !ok {
		t = language.English
	}
	return message.NewPrinter(t, message.Catalog(cat))
}

// T translates one UI text (a status, severity, kind, environment or label).
func T(lang, key string, args ...any) string {
	return Printer(lang).Sprintf(key, args...)
}

// Raw returns the text for key in lang as a format string, without
// formatting it: fmt.Sprintf(Raw(lang, key), args...) keeps numbers as Go
// writes them (byte offsets, object numbers), where T would group digits.
func Raw(lang, key string) string {
	t, ok := texts[key]
	switch {
	case !ok:
		return key
	case lang == "fi" && t[0] != "":
		return t[0]
	case lang == "sv" && t[1] != "":
		return t[1]
	}
	return key
}
