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
	"pass":           {"kunnossa", "uppfylls"},
	"fail":           {"ei täyty", "uppfylls inte"},
	"warn":           {"varoitus", "varning"},
	"manual":         {"tarkistettava", "granskas manuellt"},
	"not_applicable": {"ei koske", "gäller inte"},
	"waived":         {"poikkeuslupa", "undantag"},
	"error":          {"ei voitu tarkistaa", "kunde inte kontrolleras"},
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
	// The member's verdict (GLOSSARY.md, decided terms): "approved" is the
	// operator's decision alone.
	"PASS":          {"VAATIMUKSET TÄYTTYVÄT", "KRAVEN UPPFYLLS"},
	"FAIL":          {"VAATIMUKSIA EI TÄYTY", "KRAVEN UPPFYLLS INTE"},
	"Page %d of %d": {"Sivu %d/%d", "Sida %d av %d"},
	"Report":        {"Raportti", "Rapport"},
	"Question":      {"Kysymys", "Fråga"},
	"Type":          {"Tyyppi", "Typ"},
	"Applies to":    {"Koskee", "Gäller"},
	"Environments":  {"Ympäristöt", "Miljöer"},
	"References":    {"Lähteet", "Källor"},
	"Answers read":  {"Luetut vastaukset", "Lästa svar"},
	"Title":         {"Otsikko", "Rubrik"},
	"Area":          {"Osa-alue", "Område"},
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
	"Members with a failing verdict":  {"Jäseniä, joiden vaatimukset eivät täyty", "Medlemmar som inte uppfyller kraven"},
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
	"approved":                           {"hyväksytty tuotantoon", "godkänd för produktion"},
	"changes-requested":                  {"muutoksia pyydetty", "ändringar begärda"},
	"Problems":                           {"Ongelmat", "Problem"},
	"Differences":                        {"Erot", "Skillnader"},
	"Drift":                              {"Muutokset nykytilassa", "Ändringar i nuläget"},
	"Notes":                              {"Huomiot", "Anmärkningar"},
	// the web form (mpassaudit serve, internal/web)
	"Requirements met":     {"VAATIMUKSET TÄYTTYVÄT", "KRAVEN UPPFYLLS"},
	"Requirements not met": {"VAATIMUKSIA EI TÄYTY", "KRAVEN UPPFYLLS INTE"},
	"%s is not a file of the accepted type: it was not saved.":                                {"%s ei ole hyväksyttyä tiedostotyyppiä: sitä ei tallennettu.", "%s är inte en fil av godkänd typ: den sparades inte."},
	"%s is outside the folder of the answers file: put the file in that folder or upload it.": {"%s on vastaustiedoston kansion ulkopuolella: siirrä tiedosto siihen kansioon tai lataa se lomakkeella.", "%s ligger utanför svarsfilens mapp: flytta filen till den mappen eller ladda upp den."},
	"Addresses are checked only when you ask. Local files are checked at once.":               {"Verkko-osoitteet testataan vain pyynnöstä. Tiedostot tarkistetaan heti.", "Webbadresserna testas endast på begäran. Filer kontrolleras genast."},
	"Certificate (file in the folder of the answers file)":                                    {"Varmenne (tiedosto vastaustiedoston kansiossa)", "Certifikat (fil i svarsfilens mapp)"},
	"Check my addresses now":                               {"Testaa osoitteeni nyt", "Testa mina adresser nu"},
	"Checked %s":                                           {"Testattu %s", "Testat %s"},
	"Checking the addresses…":                              {"Osoitteita testataan…", "Adresserna testas…"},
	"Choose one of the listed values.":                     {"Valitse yksi luettelon vaihtoehdoista.", "Välj ett av alternativen i listan."},
	"Choose yes or no.":                                    {"Valitse kyllä tai ei.", "Välj ja eller nej."},
	"Correct the marked answers before making the report.": {"Korjaa merkityt vastaukset ennen raportin tekemistä.", "Rätta de markerade svaren innan rapporten görs."},
	"Download the answers file":                            {"Lataa vastaustiedosto", "Ladda ner svarsfilen"},
	"Example files":                                        {"Esimerkkitiedostot", "Exempelfiler"},
	"Example":                                              {"Esimerkki", "Exempel"},
	"Give a date as YYYY-MM-DD, such as %s.":               {"Anna päivämäärä muodossa VVVV-KK-PP, esim. %s.", "Ange datum i formen ÅÅÅÅ-MM-DD, t.ex. %s."},
	"Give a whole number, such as %s.":                     {"Anna kokonaisluku, esim. %s.", "Ange ett heltal, t.ex. %s."},
	"Give a whole web address, such as %s.":                {"Anna koko verkko-osoite, esim. %s.", "Ange hela webbadressen, t.ex. %s."},
	"Give an e-mail address, such as %s.":                  {"Anna sähköpostiosoite, esim. %s.", "Ange en e-postadress, t.ex. %s."},
	"Give the signing key and certificate (make them with: mpassaudit keys new --org NAME -o PREFIX).": {"Anna allekirjoitusavain ja varmenne (luo ne komennolla: mpassaudit keys new --org NIMI -o ETULIITE).", "Ange signeringsnyckeln och certifikatet (skapa dem med: mpassaudit keys new --org NAMN -o PREFIX)."},
	"Language":                         {"Kieli", "Språk"},
	"Make and download the signed PDF": {"Tee ja lataa allekirjoitettu PDF", "Gör och ladda ner den signerade PDF:en"},
	"No access token: open the address that mpassaudit serve printed.": {"Pääsytunniste puuttuu: avaa osoite, jonka mpassaudit serve tulosti.", "Åtkomsttoken saknas: öppna adressen som mpassaudit serve skrev ut."},
	"Not answered": {"Vastaamatta", "Obesvarad"},
	"Not saved, because they were not accepted: %s":        {"Näitä ei tallennettu, koska niitä ei hyväksytty: %s", "Dessa sparades inte eftersom de inte godtogs: %s"},
	"Nothing was saved: correct the marked answers first.": {"Mitään ei tallennettu: korjaa ensin merkityt vastaukset.", "Ingenting sparades: rätta först de markerade svaren."},
	"One per line.":             {"Yksi riviä kohden.", "En per rad."},
	"Or upload the certificate": {"Tai lataa varmenne", "Eller ladda upp certifikatet"},
	"Or upload the file":        {"Tai lataa tiedosto", "Eller ladda upp filen"},
	"Or upload the key":         {"Tai lataa avain", "Eller ladda upp nyckeln"},
	"Results":                   {"Tulokset", "Resultat"},
	"Save the answers":          {"Tallenna vastaukset", "Spara svaren"},
	"Saved to %s.":              {"Tallennettu tiedostoon %s.", "Sparat i filen %s."},
	"Saving %s failed: %s":      {"Tallennus epäonnistui (%s): %s", "Att spara misslyckades (%s): %s"},
	"Signed PDF report":         {"Allekirjoitettu PDF-raportti", "Signerad PDF-rapport"},
	"Signing key (file in the folder of the answers file)":                                                        {"Allekirjoitusavain (tiedosto vastaustiedoston kansiossa)", "Signeringsnyckel (fil i svarsfilens mapp)"},
	"Skip to the questions":                                                                                       {"Siirry kysymyksiin", "Hoppa till frågorna"},
	"Stop with Ctrl-C: the answers are saved to %s first.":                                                        {"Lopeta painamalla Ctrl-C: vastaukset tallennetaan ensin tiedostoon %s.", "Avsluta med Ctrl-C: svaren sparas först i filen %s."},
	"The access token is wrong: open the address that mpassaudit serve printed.":                                  {"Pääsytunniste on väärä: avaa osoite, jonka mpassaudit serve tulosti.", "Åtkomsttoken är fel: öppna adressen som mpassaudit serve skrev ut."},
	"The addresses have not been checked for these answers: the results that need them are marked as not probed.": {"Osoitteita ei ole testattu näillä vastauksilla: niitä tarvitsevat tulokset on merkitty testaamattomiksi.", "Adresserna har inte testats med dessa svar: resultaten som behöver dem är markerade som inte testade."},
	"The addresses were checked at %s; the results above include them.":                                           {"Osoitteet testattiin klo %s; yllä olevat tulokset sisältävät ne.", "Adresserna testades kl. %s; resultaten ovan omfattar dem."},
	"The answers name no web addresses to check.":                                                                 {"Vastauksissa ei ole testattavia verkko-osoitteita.", "Svaren nämner inga webbadresser att testa."},
	"The file %s was not found in the folder of the answers file.":                                                {"Tiedostoa %s ei löytynyt vastaustiedoston kansiosta.", "Filen %s finns inte i svarsfilens mapp."},
	"The file is larger than %s MB: it was not saved.":                                                            {"Tiedosto on suurempi kuin %s Mt: sitä ei tallennettu.", "Filen är större än %s MB: den sparades inte."},
	"The form could not be read: %s":                                                                              {"Lomaketta ei voitu lukea: %s", "Formuläret kunde inte läsas: %s"},
	"The form's security token (CSRF) is missing or wrong: reload the page. Nothing was saved.":                   {"Lomakkeen suojaustunniste (CSRF) puuttuu tai on väärä: lataa sivu uudelleen. Mitään ei tallennettu.", "Formulärets skyddstoken (CSRF) saknas eller är fel: ladda om sidan. Ingenting sparades."},
	"The key or certificate cannot be used: %s":                                                                   {"Avainta tai varmennetta ei voi käyttää: %s", "Nyckeln eller certifikatet kan inte användas: %s"},
	"The largest allowed value is %s.":                                                                            {"Suurin sallittu arvo on %s.", "Största tillåtna värde är %s."},
	"The report is made of the results on this page and signed with your key. Make a key with: mpassaudit keys new --org NAME -o PREFIX": {"Raportti tehdään tämän sivun tuloksista ja allekirjoitetaan avaimellasi. Luo avain komennolla: mpassaudit keys new --org NIMI -o ETULIITE", "Rapporten görs av resultaten på denna sida och signeras med er nyckel. Skapa en nyckel med: mpassaudit keys new --org NAMN -o PREFIX"},
	"The request came from another site and was refused.":                                                                                {"Pyyntö tuli toiselta sivustolta, ja se hylättiin.", "Begäran kom från en annan webbplats och avvisades."},
	"The self-audit form is open at this address (it works only on this machine, with its token):":                                       {"Itseauditoinnin lomake on auki tässä osoitteessa (se toimii vain tällä koneella ja tunnisteen kanssa):", "Formuläret för självgranskningen finns på denna adress (den fungerar endast på denna dator och med sin token):"},
	"The smallest allowed value is %s.":                                                                                                  {"Pienin sallittu arvo on %s.", "Minsta tillåtna värde är %s."},
	"The upload is larger than %s MB: nothing was saved.":                                                                                {"Ladattava tiedosto on suurempi kuin %s Mt: mitään ei tallennettu.", "Filen som laddas upp är större än %s MB: ingenting sparades."},
	"These answers are not accepted and are not saved:":                                                                                  {"Näitä vastauksia ei hyväksytty eikä niitä tallenneta:", "Dessa svar godtogs inte och sparas inte:"},
	"This address is not served: open the address that mpassaudit serve printed.":                                                        {"Tätä osoitetta ei palvella: avaa osoite, jonka mpassaudit serve tulosti.", "Denna adress betjänas inte: öppna adressen som mpassaudit serve skrev ut."},
	"Unsaved changes":    {"Tallentamattomia muutoksia", "Osparade ändringar"},
	"Update the results": {"Päivitä tulokset", "Uppdatera resultaten"},
	"Upload":             {"Lataa", "Ladda upp"},
	"Web addresses":      {"Verkko-osoitteet", "Webbadresser"},
	"at most 5 MB":       {"enintään 5 Mt", "högst 5 MB"},
	"required":           {"pakollinen tieto", "obligatorisk uppgift"},
	"Results by area. The JSON result and the answers file are attached to this PDF; the MPASSid operator verifies the signature with mpassaudit verify.": {
		"Tulokset osa-alueittain. JSON-tulos ja vastaustiedosto ovat tämän PDF:n liitteinä; MPASSid-operaattori tarkistaa allekirjoituksen komennolla mpassaudit verify.",
		"Resultat per område. JSON-resultatet och svarsfilen är bifogade till denna PDF; MPASSid-operatören kontrollerar signaturen med mpassaudit verify.",
	},
	// machine formats and CLI conventions (issue 12: version, JUnit, SARIF,
	// OSCAL, CSV, stdin, flag errors)
	"commit unknown (no VCS data in this build; a release names its tag)": {
		"commit tuntematon (koontiin ei ole tallennettu versionhallinnan tietoja; julkaisun nimeää sen tagi)",
		"commit okänd (bygget saknar uppgifter från versionshanteringen; en release anges med sin tagg)",
	},
	"commit %s, with uncommitted changes":       {"commit %s, lisäksi muutoksia, joita ei ole commitoitu", "commit %s, med ändringar som inte är incheckade"},
	"commit %s":                                 {"commit %s", "commit %s"},
	"see %s --help":                             {"katso %s --help", "se %s --help"},
	"unknown command %q":                        {"tuntematon komento %q", "okänt kommando %q"},
	"did you mean %s?":                          {"tarkoititko %s?", "menade du %s?"},
	"Warnings (%d):":                            {"Varoitukset (%d):", "Varningar (%d):"},
	"- (standard input) can be given only once": {"- (vakiosyöte) voidaan antaa vain kerran", "- (standard in) kan anges bara en gång"},
	"cannot read standard input: %v":            {"vakiosyötettä ei voi lukea: %v", "standard in kan inte läsas: %v"},
	"more than %d MiB on standard input: give the answers file by name": {
		"vakiosyötteessä on yli %d MiB: anna vastaustiedosto nimellä",
		"mer än %d MiB på standard in: ange svarsfilen med namn",
	},
	"Assessment plan": {"Arviointisuunnitelma", "Bedömningsplan"},
	"Audited members": {"Auditoidut jäsenet", "Granskade medlemmar"},
	"The member's answers to the self-audit questionnaire describe the system assessed.": {
		"Jäsenen vastaukset itseauditoinnin kysymyksiin kuvaavat arvioitavan järjestelmän.",
		"Medlemmens svar på självgranskningens frågor beskriver systemet som bedöms.",
	},
	"Answers to the questionnaire": {"Vastaukset kysymyksiin", "Svar på frågorna"},
	"Each answer is judged against the requirements that read it (method INTERVIEW).": {
		"Jokainen vastaus arvioidaan niitä vaatimuksia vasten, jotka sitä käyttävät (menetelmä INTERVIEW).",
		"Varje svar bedöms mot de krav som använder det (metod INTERVIEW).",
	},
	"Probes of the live configuration": {"Nykyisen konfiguraation testit", "Test av den aktuella konfigurationen"},
	"What the answers name is fetched and checked (method TEST): privacy notice, SAML metadata, TLS, the sample export.": {
		"Vastauksissa nimetyt kohteet haetaan ja tarkistetaan (menetelmä TEST): tietosuojaseloste, SAML-metatiedot, TLS, näytevienti.",
		"Det som svaren anger hämtas och kontrolleras (metod TEST): dataskyddsbeskrivning, SAML-metadata, TLS, provexporten.",
	},
	// catalogue bundles and effective dates (issue 14)
	"Wrote %s: catalogue %s (%s), signed with key id %s (%s).": {
		"Kirjoitettu %s: vaatimusluettelo %s (%s), allekirjoitettu avaintunnuksella %s (%s).",
		"Skrev %s: kravkatalog %s (%s), signerad med nyckel-id %s (%s).",
	},
	"Wrote %s: catalogue %s (%s), NOT signed.": {
		"Kirjoitettu %s: vaatimusluettelo %s (%s), EI allekirjoitettu.",
		"Skrev %s: kravkatalog %s (%s), INTE signerad.",
	},
	"catalogue bundle %s (version %s, %s) is NOT verified: %s": {
		"vaatimusluettelon paketti %s (versio %s, %s) EI ole varmennettu: %s",
		"kravkatalogens paket %s (version %s, %s) är INTE verifierat: %s",
	},
	"unsigned catalogue bundle, accepted on --allow-unsigned-catalog": {
		"allekirjoittamaton paketti, hyväksytty valitsimella --allow-unsigned-catalog",
		"osignerat paket, godtaget med --allow-unsigned-catalog",
	},
	"mandatory from %s": {"pakollinen %s alkaen", "obligatoriskt från %s"},
	"signature not verified (no --catalog-trust), accepted on --allow-unsigned-catalog": {
		"allekirjoitusta ei tarkistettu (ei valitsinta --catalog-trust), hyväksytty valitsimella --allow-unsigned-catalog",
		"signaturen kontrollerades inte (ingen --catalog-trust), godtaget med --allow-unsigned-catalog",
	},

	// mpassaudit import (the MPASSid management service's records)
	"Imported from the MPASSid management service: %s.": {"Tuotu MPASSid-hallintapalvelusta: %s.", "Importerad från administrationstjänsten för MPASSid: %s."},
	"The answers not commented out are what the registration settles; the questions left commented out are for the member to answer.": {
		"Kommentoimattomat vastaukset ovat hallintapalveluun tallennetuista tiedoista; kommentoiduiksi jätettyihin kysymyksiin jäsen vastaa itse.",
		"Svaren som inte är bortkommenterade kommer från uppgifterna i administrationstjänsten; de bortkommenterade frågorna besvarar medlemmen själv.",
	},
	"Deployment phase %d in the management service.": {"Käyttöönottovaihe hallintapalvelussa: %d.", "Driftsättningsfas i administrationstjänsten: %d."},
	"Deployment phase %d is not testing (0), production (1) or preproduction (2): the environment is left to the member.": {
		"Käyttöönottovaihe %d ei ole testaus (0), tuotanto (1) eikä esituotanto (2): ympäristöön jäsen vastaa itse.",
		"Driftsättningsfas %d är varken test (0), produktion (1) eller förproduktion (2): miljön besvarar medlemmen själv.",
	},
	"Organisation OID in the management service: %s.":              {"Organisaation OID hallintapalvelussa: %s.", "Organisationens OID i administrationstjänsten: %s."},
	"The service is registered in the MPASSid management service.": {"Palvelu on tallennettu MPASSid-hallintapalveluun.", "Tjänsten finns i administrationstjänsten för MPASSid."},
	"Rebuilt from the registration (entityID %s), not the service's own file.": {
		"Koottu hallintapalveluun tallennetuista tiedoista (entityID %s), ei palvelun oma tiedosto.",
		"Sammanställd av uppgifterna i administrationstjänsten (entityID %s), inte tjänstens egen fil.",
	},
	"To compare the registration with the service's live metadata (SP-SAML-13), replace this with the https URL of the live metadata.": {
		"Jos haluat verrata tallennettuja tietoja palvelun nykyisiin metatietoihin (SP-SAML-13), korvaa tämä palvelun metatietojen https-osoitteella.",
		"För att jämföra uppgifterna med tjänstens aktuella metadata (SP-SAML-13), ersätt detta med https-adressen till tjänstens metadata.",
	},
	"Client ID in the management service: %s.": {"Client ID hallintapalvelussa: %s.", "Client ID i administrationstjänsten: %s."},
	"The client secret is kept in the MPASSid management service; it is never written to this file.": {
		"Client secret säilytetään MPASSid-hallintapalvelussa; sitä ei koskaan kirjoiteta tähän tiedostoon.",
		"Client secret förvaras i administrationstjänsten för MPASSid; den skrivs aldrig till denna fil.",
	},
	"The client key is kept in the MPASSid management service; it is never written to this file.": {
		"Asiakasavain (clientKey) säilytetään MPASSid-hallintapalvelussa; sitä ei koskaan kirjoiteta tähän tiedostoon.",
		"Klientnyckeln (clientKey) förvaras i administrationstjänsten för MPASSid; den skrivs aldrig till denna fil.",
	},
	"Registered without token_endpoint_auth_method: RFC 7591 defaults to client_secret_basic.": {
		"Tallennettu ilman token_endpoint_auth_method-arvoa: RFC 7591:n oletus on client_secret_basic.",
		"Registrerad utan token_endpoint_auth_method: standardvärdet enligt RFC 7591 är client_secret_basic.",
	},
	"Registered grant types: %s.":                           {"Tallennetut grant_types-arvot: %s.", "Registrerade grant_types: %s."},
	"From the registration's attribute allowtestlearnerid.": {"Hallintapalveluun tallennetusta attribuutista allowtestlearnerid.", "Från attributet allowtestlearnerid i administrationstjänsten."},
	"Identity source type %s in the management service.":    {"Tunnistuslähteen tyyppi hallintapalvelussa: %s.", "Typ av identifieringskälla i administrationstjänsten: %s."},
	"Registered entityID: %s.":                              {"Tallennettu entityID: %s.", "Registrerat entityID: %s."},
	"Registered metadata URL: %s.":                          {"Tallennettu metatietojen osoite: %s.", "Registrerad metadataadress: %s."},
	"The registered value of %s (%s) is not an accepted answer: %s; answer it yourself.": {
		"Kohdan %s tallennettu arvo (%s) ei kelpaa vastaukseksi: %s; vastaa itse.",
		"Det registrerade värdet för %s (%s) godtas inte som svar: %s; svara själv.",
	},
	"%s: %d integrations → %s": {"%s: %d integraatiota → %s", "%s: %d integrationer → %s"},
	"wrote %s (%s, %s): %d answers from the registration, %d questions left to the member": {
		"kirjoitettu %s (%s, %s): %d vastausta tallennetuista tiedoista, %d kysymystä jäsenen vastattavaksi",
		"skrev %s (%s, %s): %d svar från uppgifterna i administrationstjänsten, %d frågor kvar för medlemmen",
	},
	"note": {"huomio", "anmärkning"},
	"The client metadata registered in the MPASSid management service, without the client secret.": {
		"MPASSid-hallintapalveluun tallennetut asiakkaan tiedot ilman client secret -arvoa.",
		"Klientens uppgifter i administrationstjänsten för MPASSid, utan client secret.",
	},
	// registry uniqueness (entityIDs and client IDs across members)
	"warning": {"varoitus", "varning"},
	"No entityID or client ID is used by more than one member.": {
		"Mikään entityID tai client ID ei ole useamman jäsenen käytössä.",
		"Inget entityID eller client ID används av fler än en medlem.",
	},
	"%d identifiers are used by more than one member: the MPASSid management service requires them to be unique.": {
		"%d tunnistetta on useamman jäsenen käytössä: MPASSid-hallintapalvelu edellyttää, että ne ovat yksilöllisiä.",
		"%d identifierare används av fler än en medlem: administrationstjänsten för MPASSid kräver att de är unika.",
	},
	"another member already uses %s %s: %s": {"toinen jäsen käyttää jo tunnistetta %s %s: %s", "en annan medlem använder redan %s %s: %s"},
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
	"PASS":               "REQUIREMENTS MET",
	"FAIL":               "REQUIREMENTS NOT MET",
	"approved":           "approved for production",
	"error":              "could not be checked",
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
