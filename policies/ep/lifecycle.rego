# METADATA
# title: Account lifecycle (education providers)
# custom:
#   area: lifecycle
package mpassaudit.requirements.ep.lifecycle

import data.mpassaudit.lib

# Haka: loss of rights propagates within a week.
max_days := 7

# METADATA
# title: Personal accounts only
# custom:
#   id: EP-LIFE-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka self-assessment 3.1, InCommon Baseline Expectations IdP 1]
#   titles:
#     fi: Vain henkilökohtaiset käyttäjätilit
#     sv: Endast personliga användarkonton
#     en: Personal accounts only
#   remediation:
#     fi: Poista yhteiskäyttöiset tunnukset MPASSid-käytöstä ja anna myös sijaisopettajille henkilökohtaiset tunnukset.
#     sv: Ta bort delade konton från MPASSid och ge även lärarvikarier personliga konton.
#     en: Remove shared accounts from MPASSid use and give substitute teachers personal accounts too.
#   answers:
#     - path: lifecycle.personal_accounts_only
#       type: bool
#       question:
#         fi: Ovatko kaikki MPASSid-käyttäjätilit henkilökohtaisia (ei yhteiskäyttöisiä tunnuksia, myös sijaisopettajilla omat)?
#         sv: Är alla MPASSid-konton personliga (inga delade konton, även lärarvikarier har egna)?
#         en: Are all MPASSid accounts personal (no shared accounts; substitute teachers have their own)?
life_01 := lib.result(rego.metadata.chain(), _life_01)

_life_01 := lib.pass({
	"fi": "Kaikki käyttäjätilit ovat henkilökohtaisia.",
	"sv": "Alla användarkonton är personliga.",
	"en": "All accounts are personal.",
}) if {
	lib.answer("lifecycle.personal_accounts_only") == true
} else := lib.fail({
	"fi": "Käytössä on yhteiskäyttöisiä tunnuksia.",
	"sv": "Delade konton används.",
	"en": "Shared accounts are in use.",
})

# METADATA
# title: Accounts fed from authoritative registers
# custom:
#   id: EP-LIFE-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: document
#   references: [Haka self-assessment 3.1]
#   titles:
#     fi: Käyttäjätilit muodostetaan luotettavista opiskelija- ja henkilöstörekistereistä
#     sv: Konton skapas från auktoritativa student- och personalregister
#     en: Accounts are fed from authoritative student and HR registers
#   remediation:
#     fi: Kuvaa, miten käyttäjätilit syntyvät ja päivittyvät opiskelijahallintojärjestelmästä ja henkilöstöhallinnosta.
#     sv: Beskriv hur konton skapas och uppdateras från studerande- och personaladministrationen.
#     en: Describe how accounts are created and updated from the student and HR administration systems.
#   answers:
#     - path: lifecycle.provisioning_description
#       type: text
#       question:
#         fi: Kuvaa, miten käyttäjätilit syntyvät ja päivittyvät (mistä rekistereistä, kuinka usein).
#         sv: Beskriv hur konton skapas och uppdateras (från vilka register, hur ofta).
#         en: Describe how accounts are created and updated (from which registers, how often).
life_02 := lib.result(rego.metadata.chain(), _life_02)

_life_02 := lib.manual({
	"fi": "Kuvaus tarkistetaan käsin.",
	"sv": "Beskrivningen granskas manuellt.",
	"en": "The description needs a reviewer's judgement.",
}) if {
	trim_space(lib.answer("lifecycle.provisioning_description")) != ""
} else := lib.fail({
	"fi": "Kuvaus on tyhjä.",
	"sv": "Beskrivningen är tom.",
	"en": "The description is empty.",
})

# METADATA
# title: Leavers lose access within 7 days
# custom:
#   id: EP-LIFE-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka self-assessment 3.2 (loss of rights within a week)]
#   titles:
#     fi: Lähtevän käyttäjän oikeudet poistuvat 7 päivässä
#     sv: En användare som slutar förlorar åtkomsten inom 7 dagar
#     en: A leaver loses access within 7 days
#   remediation:
#     fi: Lyhennä tilin sulkemisen viivettä (armonaika mukaan lukien) enintään 7 päivään.
#     sv: Förkorta tiden tills kontot stängs (inklusive frist) till högst 7 dagar.
#     en: Shorten the time until the account is closed, grace period included, to 7 days at most.
#   answers:
#     - path: lifecycle.leaver_days
#       type: integer
#       example: 3
#       min: 0
#       question:
#         fi: Kuinka monessa päivässä lähtevän käyttäjän pääsy MPASSidiin poistuu (armonaika mukaan lukien)?
#         sv: Inom hur många dagar förlorar en användare som slutar åtkomsten till MPASSid (inklusive frist)?
#         en: Within how many days does a leaver lose access to MPASSid (grace period included)?
life_03 := lib.result(rego.metadata.chain(), _days_verdict(
	lib.answer("lifecycle.leaver_days"),
	{"fi": "Lähtevän käyttäjän pääsy poistuu", "sv": "En användare som slutar förlorar åtkomsten", "en": "A leaver loses access"},
))

# METADATA
# title: Role and school changes propagate within 7 days
# custom:
#   id: EP-LIFE-04
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka self-assessment 3.2]
#   titles:
#     fi: Rooli- ja koulumuutokset päivittyvät 7 päivässä
#     sv: Ändringar av roll och skola uppdateras inom 7 dagar
#     en: Role and school changes propagate within 7 days
#   remediation:
#     fi: Ajasta käyttäjähakemiston päivitys niin, että rooli- ja koulumuutokset välittyvät enintään 7 päivässä.
#     sv: Schemalägg uppdateringen av användarregistret så att ändringar av roll och skola förmedlas inom 7 dagar.
#     en: Schedule the user registry update so that role and school changes propagate within 7 days.
#   answers:
#     - path: lifecycle.change_days
#       type: integer
#       example: 2
#       min: 0
#       question:
#         fi: Kuinka monessa päivässä rooli- ja koulumuutokset päivittyvät käyttäjähakemistoon?
#         sv: Inom hur många dagar uppdateras ändringar av roll och skola i användarregistret?
#         en: Within how many days do role and school changes reach the user registry?
life_04 := lib.result(rego.metadata.chain(), _days_verdict(
	lib.answer("lifecycle.change_days"),
	{"fi": "Rooli- ja koulumuutokset päivittyvät", "sv": "Ändringar av roll och skola uppdateras", "en": "Role and school changes propagate"},
))

# _days_verdict judges a number of days against max_days; what says what
# happens in that time, in each language.
_days_verdict(days, what) := lib.pass({
	"fi": sprintf("%s %d päivässä (enintään %d).", [what.fi, days, max_days]),
	"sv": sprintf("%s inom %s (högst %d).", [what.sv, _days_sv(days), max_days]),
	"en": sprintf("%s within %s (at most %d).", [what.en, _days_en(days), max_days]),
}) if {
	days <= max_days
} else := lib.fail({
	"fi": sprintf("%s %d päivässä, sallittu enintään %d.", [what.fi, days, max_days]),
	"sv": sprintf("%s inom %d dagar, högst %d tillåts.", [what.sv, days, max_days]),
	"en": sprintf("%s within %d days, at most %d allowed.", [what.en, days, max_days]),
})

# METADATA
# title: A test account for the operator
# custom:
#   id: EP-LIFE-05
#   severity: should
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid operator practice]
#   titles:
#     fi: Operaattorille on testitunnus
#     sv: Ett testkonto för operatören finns
#     en: A test account exists for the operator
#   remediation:
#     fi: Luo MPASSid-operaattorille testitunnus, jolla ei ole oikeuksia tietoihin ja jota ei ole liitetty kehenkään oikeaan henkilöön.
#     sv: Skapa ett testkonto för operatören utan rättigheter till uppgifter och utan koppling till en verklig person.
#     en: Create a test account for the operator with no data rights and not linked to a real person.
#   answers:
#     - path: lifecycle.operator_test_account
#       type: bool
#       question:
#         fi: Onko MPASSid-operaattorille testitunnus, jolla ei ole oikeuksia tietoihin eikä kytköstä oikeaan henkilöön?
#         sv: Har operatören ett testkonto utan rättigheter till uppgifter och utan koppling till en verklig person?
#         en: Does the operator have a test account with no data rights and no link to a real person?
life_05 := lib.result(rego.metadata.chain(), _life_05)

_life_05 := lib.pass({
	"fi": "Testitunnus on olemassa.",
	"sv": "Testkontot finns.",
	"en": "The test account exists.",
}) if {
	lib.answer("lifecycle.operator_test_account") == true
} else := lib.fail({
	"fi": "Operaattorille ei ole testitunnusta.",
	"sv": "Operatören har inget testkonto.",
	"en": "There is no test account for the operator.",
})

# _days_sv and _en spell a number of days with the right plural ("1 dag",
# "5 dagar"): "dag(ar)" reads as a form.
_days_sv(1) := "1 dag"

_days_sv(n) := sprintf("%d dagar", [n]) if n != 1

_days_en(1) := "1 day"

_days_en(n) := sprintf("%d days", [n]) if n != 1
