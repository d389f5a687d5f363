package i18n

import "golang.org/x/text/language"

// add registers texts (English key → Finnish, Swedish) beside the main
// table; feature files keep their words in a block of their own.
func add(m map[string][2]string) {
	for en, t := range m {
		_ = cat.SetString(language.English, en, en)
		_ = cat.SetString(language.Finnish, en, t[0])
		_ = cat.SetString(language.Swedish, en, t[1])
	}
}

func init() { add(verdictTexts) }

// verdictTexts are the words of honest verdicts (GLOSSARY.md, decided
// terms): the member's verdict, the standalone probe's verdict, and probe
// errors, which are "could not be checked", never a failure of the member.
var verdictTexts = map[string][2]string{
	// the member's verdict
	"REQUIREMENTS MET":              {"VAATIMUKSET TÄYTTYVÄT", "KRAVEN UPPFYLLS"},
	"REQUIREMENTS NOT MET":          {"VAATIMUKSIA EI TÄYTY", "KRAVEN UPPFYLLS INTE"},
	"%d for the operator to review": {"%d tarkistettavaa operaattorilla", "%d granskas av operatören"},
	"%d could not be checked":       {"%d ei voitu tarkistaa", "%d kunde inte kontrolleras"},
	"could not be checked":          {"ei voitu tarkistaa", "kunde inte kontrolleras"},
	"Could not be checked":          {"Ei voitu tarkistaa", "Kunde inte kontrolleras"},
	"probes":                        {"testit", "tester"},

	// the standalone probe
	"no failures found in what the probe could decide": {"ei havaittuja puutteita siinä, minkä testi pystyi ratkaisemaan", "inga brister hittades i det som testet kunde avgöra"},
	"no failures found":                     {"ei havaittuja puutteita", "inga brister hittades"},
	"%d checks fail":                        {"%d tarkistusta ei täyty", "%d kontroller uppfylls inte"},
	"1 check fails":                         {"1 tarkistus ei täyty", "1 kontroll uppfylls inte"},
	"Probe verdict":                         {"Testin tulos", "Testets resultat"},
	"nothing decided":                       {"mitään ei voitu ratkaista", "inget kunde avgöras"},
	"Left to the self-audit":                {"Jää itseauditoinnin ratkaistavaksi", "Avgörs i självutvärderingen"},
	"%d checks are left to the self-audit.": {"%d tarkistusta jää itseauditoinnin ratkaistavaksi.", "%d kontroller avgörs i självutvärderingen."},
	"Needs the answer to: %s.":              {"Tarvitsee vastauksen kysymykseen: %s.", "Behöver svaret på frågan: %s."},
	"Assumed from the probed facts":         {"Oletettu testatuista tiedoista", "Antaget utifrån det testade"},
	"Decided by the answers of the self-audit, not by the probed evidence.": {
		"Ratkeaa itseauditoinnin vastauksista, ei testatusta kohteesta.",
		"Avgörs av svaren i självutvärderingen, inte av det testade underlaget.",
	},
	"%d warnings": {"%d varoitusta", "%d varningar"},
	"1 warning":   {"1 varoitus", "1 varning"},
	"No check of the catalogue could be decided from this probe alone.": {
		"Yhtäkään luettelon tarkistusta ei voitu ratkaista pelkän testin perusteella.",
		"Ingen kontroll i katalogen kunde avgöras enbart utifrån testet.",
	},
	"The probe judges only the probed evidence, never the whole self-audit.": {
		"Testi arvioi vain testatun kohteen, ei koko itseauditointia.",
		"Testet bedömer endast det testade underlaget, aldrig hela självutvärderingen.",
	},

	// probe errors, by class
	"Probe failed":                    {"Testi epäonnistui", "Testet misslyckades"},
	"Could not be checked: %s":        {"Ei voitu tarkistaa: %s", "Kunde inte kontrolleras: %s"},
	"Probes that could not run":       {"Testit, joita ei voitu tehdä", "Tester som inte kunde köras"},
	"leaves undecided: %s":            {"jättää ratkaisematta: %s", "lämnar oavgjort: %s"},
	"the name %s was not found (DNS)": {"nimeä %s ei löytynyt (DNS)", "namnet %s hittades inte (DNS)"},
	"%s refused the connection or could not be reached": {
		"%s kieltäytyi yhteydestä tai siihen ei saatu yhteyttä",
		"%s vägrade anslutningen eller kunde inte nås",
	},
	"%s did not answer within the time limit": {"%s ei vastannut aikarajan sisällä", "%s svarade inte inom tidsgränsen"},
	"the TLS handshake with %s failed":        {"TLS-kättely palvelimen %s kanssa epäonnistui", "TLS-handskakningen med %s misslyckades"},
	"%s answered with an HTTP error status":   {"%s vastasi HTTP-virhekoodilla", "%s svarade med en HTTP-felstatus"},
	"%s is larger than the size limit":        {"%s on kokorajaa suurempi", "%s är större än storleksgränsen"},
	"%s is a private, loopback or link-local address, which probes refuse": {
		"%s on yksityinen, paikallinen tai linkkipaikallinen osoite, jota testit eivät tee",
		"%s är en privat, lokal eller länklokal adress, som testerna vägrar",
	},
	"the file %s cannot be read":      {"tiedostoa %s ei voi lukea", "filen %s kan inte läsas"},
	"%s is not a usable document":     {"%s ei ole käyttökelpoinen asiakirja", "%s är inte ett användbart dokument"},
	"Details (technical, in English)": {"Tekniset tiedot (englanniksi)", "Tekniska detaljer (på engelska)"},
	"Check the address. The auditor's own network may block it: run the audit again where the address can be reached, or use --no-probe to leave the network checks to the operator.": {
		"Tarkista osoite. Auditoijan oma verkko voi estää yhteyden: aja auditointi uudelleen verkossa, josta osoite tavoitetaan, tai käytä valitsinta --no-probe, jolloin verkkotarkistukset jäävät operaattorille.",
		"Kontrollera adressen. Granskarens eget nätverk kan blockera den: kör granskningen igen där adressen kan nås, eller använd --no-probe så att nätverkskontrollerna lämnas åt operatören.",
	},
	"Give the public address that the operator can reach; --allow-private probes private addresses (for tests only).": {
		"Anna julkinen osoite, jonka operaattori tavoittaa; --allow-private sallii yksityiset osoitteet (vain testeihin).",
		"Ange den offentliga adress som operatören når; --allow-private tillåter privata adresser (endast för tester).",
	},
	"Give the document itself (at most 10 MiB), not an archive or a large aggregate.": {
		"Anna itse asiakirja (enintään 10 MiB), ei arkistoa tai suurta koostetta.",
		"Ange själva dokumentet (högst 10 MiB), inte ett arkiv eller ett stort aggregat.",
	},
	"Check the file's path in the answers (a relative path is read from the answers file's folder) and that it is a regular file.": {
		"Tarkista tiedoston polku vastauksissa (suhteellinen polku luetaan vastaustiedoston kansiosta) ja että se on tavallinen tiedosto.",
		"Kontrollera filens sökväg i svaren (en relativ sökväg läses från svarsfilens mapp) och att den är en vanlig fil.",
	},
	"Check that the file or address is the right document (SAML metadata, a sample export, a web page) and that it is well formed.": {
		"Tarkista, että tiedosto tai osoite on oikea asiakirja (SAML-metatiedot, otos, verkkosivu) ja että se on muodoltaan kelvollinen.",
		"Kontrollera att filen eller adressen är rätt dokument (SAML-metadata, ett exempel, en webbsida) och att den är korrekt utformad.",
	},
}
