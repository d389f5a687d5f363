package i18n

func init() { add(summaryTexts) }

// summaryTexts are the steering-group summary's honest headline and legend.
var summaryTexts = map[string][2]string{
	"Members meeting the mandatory requirements": {"Jäsenet, joiden pakolliset vaatimukset täyttyvät", "Medlemmar som uppfyller de obligatoriska kraven"},
	"%d of %d members meet every mandatory requirement in their latest self-audit (verdict: requirements met); results for the operator's review and those that could not be checked are not counted as met or failed.": {
		"%d / %d jäsenen viimeisimmässä itseauditoinnissa kaikki pakolliset vaatimukset täyttyvät (tulos: vaatimukset täyttyvät); operaattorin tarkistettavia ja tuloksia, joita ei voitu tarkistaa, ei lasketa täyttyneiksi eikä täyttymättömiksi.",
		"%d av %d medlemmar uppfyller alla obligatoriska krav i sin senaste självutvärdering (resultat: kraven uppfylls); resultat som operatören granskar och resultat som inte kunde kontrolleras räknas varken som uppfyllda eller ej uppfyllda.",
	},
	"No self-audit is registered yet: add verified reports with mpassaudit registry add.": {
		"Yhtään itseauditointia ei ole vielä kirjattu: lisää tarkistetut raportit komennolla mpassaudit registry add.",
		"Ingen självutvärdering har registrerats ännu: lägg till verifierade rapporter med mpassaudit registry add.",
	},
	"No member is overdue for its re-audit.": {"Yksikään jäsen ei ole myöhässä uusinta-auditoinnista.", "Ingen medlem är försenad med sin förnyade granskning."},
	"No requirement fails for any member.":   {"Mikään vaatimus ei jää täyttymättä yhdelläkään jäsenellä.", "Inget krav är ouppfyllt för någon medlem."},
	"met":                                    {"täyttyy", "uppfylls"},
	"not met":                                {"ei täyty", "uppfylls inte"},
	"every must decided and met":             {"kaikki pakolliset ratkaistu ja täyttyvät", "alla obligatoriska avgjorda och uppfyllda"},
	"✓ met · ? must open for review":         {"✓ täyttyy · ? pakollinen tarkistamatta", "✓ uppfylls · ? obligatoriskt ogranskat"},
	"undecided":                              {"ratkaisematta", "oavgjort"},
	"only warnings":                          {"vain varoituksia", "endast varningar"},
	"Green only when every mandatory requirement of the area was decided and met.": {
		"Vihreä vain, kun osa-alueen kaikki pakolliset vaatimukset on ratkaistu ja ne täyttyvät.",
		"Grönt endast när alla obligatoriska krav inom området har avgjorts och uppfylls.",
	},
	"Pass rate: the share of pass among the judged results (pass, fail, warn, waived) of each member's latest self-audit; results that could not be checked or await review are not judged.": {
		"Läpäisyaste: kunnossa-tulosten osuus arvioiduista tuloksista (kunnossa, ei täyty, varoitus, poikkeuslupa) kunkin jäsenen viimeisimmässä itseauditoinnissa; tuloksia, joita ei voitu tarkistaa tai jotka odottavat tarkistusta, ei arvioida.",
		"Andel godkända: andelen uppfyllda bland de bedömda resultaten (uppfylls, uppfylls inte, varning, undantag) i varje medlems senaste självutvärdering; resultat som inte kunde kontrolleras eller väntar på granskning bedöms inte.",
	},
}
