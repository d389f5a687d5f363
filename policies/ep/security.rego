# METADATA
# title: Security (education providers)
# description: |
#   The Haka IdP self-assessment's security categories and REFEDS Sirtfi v1
#   operational security (OS1–OS5) and traceability (TR1–TR2).
# custom:
#   area: security
package mpassaudit.requirements.ep.security

import data.mpassaudit.lib

# Critical security patches: warn above 14 days, fail above 30 (Sirtfi OS1).
patch_warn_days := 14

patch_fail_days := 30

# Audit logs are kept at least this long.
log_min_days := 180

# METADATA
# title: Security patches applied in a timely manner
# custom:
#   id: EP-SEC-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi OS1, Haka IdP self-assessment (patch management), InCommon Baseline Expectations IdP 3]
#   titles:
#     fi: Tietoturvapäivitykset asennetaan viipymättä
#     sv: Säkerhetsuppdateringar installeras utan dröjsmål
#     en: Security patches are applied in a timely manner
#   remediation:
#     fi: Asenna kriittiset tietoturvapäivitykset tunnistuspalvelun palvelimiin ja ohjelmistoihin 14 päivän kuluessa niiden julkaisusta (viimeistään 30 päivässä).
#     sv: Installera kritiska säkerhetsuppdateringar på identifieringstjänstens servrar och programvara inom 14 dagar från publiceringen (senast inom 30 dagar).
#     en: Apply critical security patches to the identity service's hosts and software within 14 days of release (30 days at the latest).
#   answers:
#     - path: security.critical_patch_days
#       type: integer
#       example: 7
#       min: 0
#       question:
#         fi: Kuinka monessa päivässä kriittiset tietoturvapäivitykset asennetaan niiden julkaisusta?
#         sv: Inom hur många dagar från publiceringen installeras kritiska säkerhetsuppdateringar?
#         en: Within how many days of release are critical security patches applied?
sec_01 := lib.result(rego.metadata.chain(), _sec_01(lib.answer("security.critical_patch_days")))

_sec_01(days) := lib.pass({
	"fi": sprintf("Kriittiset päivitykset %d päivässä (enintään %d).", [days, patch_warn_days]),
	"sv": sprintf("Kritiska uppdateringar inom %d dagar (högst %d).", [days, patch_warn_days]),
	"en": sprintf("Critical patches within %d days (at most %d).", [days, patch_warn_days]),
}) if {
	days <= patch_warn_days
} else := lib.warn({
	"fi": sprintf("Kriittiset päivitykset %d päivässä: tavoite on enintään %d päivää.", [days, patch_warn_days]),
	"sv": sprintf("Kritiska uppdateringar inom %d dagar: målet är högst %d dagar.", [days, patch_warn_days]),
	"en": sprintf("Critical patches within %d days: the target is %d days at most.", [days, patch_warn_days]),
}) if {
	days <= patch_fail_days
} else := lib.fail({
	"fi": sprintf("Kriittiset päivitykset %d päivässä, sallittu enintään %d.", [days, patch_fail_days]),
	"sv": sprintf("Kritiska uppdateringar inom %d dagar, högst %d tillåts.", [days, patch_fail_days]),
	"en": sprintf("Critical patches within %d days, at most %d allowed.", [days, patch_fail_days]),
})

# METADATA
# title: Vulnerability-management process
# custom:
#   id: EP-SEC-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: document
#   references: [Sirtfi OS2, Haka IdP self-assessment (vulnerability management)]
#   titles:
#     fi: Haavoittuvuuksien hallintaprosessi on olemassa
#     sv: Det finns en process för sårbarhetshantering
#     en: A vulnerability-management process exists
#   remediation:
#     fi: Kuvaa, miten tunnistuspalvelun ohjelmistojen haavoittuvuuksia seurataan (tiedotteet, skannaus), arvioidaan ja korjataan, ja kuka vastaa siitä.
#     sv: Beskriv hur sårbarheter i identifieringstjänstens programvara följs upp (meddelanden, skanning), bedöms och åtgärdas, och vem som ansvarar.
#     en: Describe how vulnerabilities in the identity service's software are followed (advisories, scanning), assessed and fixed, and who is responsible.
#   answers:
#     - path: security.vulnerability_management
#       type: text
#       question:
#         fi: Kuvaa haavoittuvuuksien hallintaprosessi (seuranta, arviointi, korjaus, vastuuhenkilö).
#         sv: Beskriv processen för sårbarhetshantering (uppföljning, bedömning, åtgärd, ansvarsperson).
#         en: Describe the vulnerability-management process (monitoring, assessment, fixing, who is responsible).
sec_02 := lib.result(rego.metadata.chain(), _sec_02)

_sec_02 := lib.manual({
	"fi": "Prosessin kuvaus tarkistetaan käsin.",
	"sv": "Processbeskrivningen granskas manuellt.",
	"en": "The process description needs a reviewer's judgement.",
}) if {
	trim_space(lib.answer("security.vulnerability_management")) != ""
} else := lib.fail({
	"fi": "Haavoittuvuuksien hallintaprosessin kuvaus on tyhjä.",
	"sv": "Beskrivningen av processen för sårbarhetshantering är tom.",
	"en": "The vulnerability-management process description is empty.",
})

# METADATA
# title: Intrusion detection and monitoring
# custom:
#   id: EP-SEC-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi OS3, Haka IdP self-assessment (monitoring)]
#   titles:
#     fi: Tunkeutumisyritykset havaitaan ja järjestelmiä valvotaan
#     sv: Intrångsförsök upptäcks och systemen övervakas
#     en: Intrusions are detected and systems monitored
#   remediation:
#     fi: Ota käyttöön valvonta, joka havaitsee tunnistuspalveluun kohdistuvat tunkeutumisyritykset ja poikkeavat kirjautumiset (esim. kirjautumislokien hälytykset) ja ohjaa ne käsiteltäviksi.
#     sv: Inför övervakning som upptäcker intrångsförsök och avvikande inloggningar mot identifieringstjänsten (t.ex. larm på inloggningsloggar) och skickar dem för hantering.
#     en: Deploy monitoring that detects intrusion attempts and unusual sign-ins against the identity service (e.g. alerts on sign-in logs) and routes them for handling.
#   answers:
#     - path: security.intrusion_detection
#       type: bool
#       question:
#         fi: Valvotaanko tunnistuspalvelua niin, että tunkeutumisyritykset ja poikkeavat kirjautumiset havaitaan ja käsitellään?
#         sv: Övervakas identifieringstjänsten så att intrångsförsök och avvikande inloggningar upptäcks och hanteras?
#         en: Is the identity service monitored so that intrusion attempts and unusual sign-ins are detected and handled?
sec_03 := lib.result(rego.metadata.chain(), _yes(
	"security.intrusion_detection",
	{
		"fi": "Tunkeutumisyritykset havaitaan ja niitä valvotaan.",
		"sv": "Intrångsförsök upptäcks och övervakas.",
		"en": "Intrusion attempts are detected and monitored.",
	},
	{
		"fi": "Tunkeutumisyrityksiä ei valvota.",
		"sv": "Intrångsförsök övervakas inte.",
		"en": "Intrusion attempts are not monitored.",
	},
))

# METADATA
# title: Administrator rights restricted and reviewed
# custom:
#   id: EP-SEC-04
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (access control)]
#   titles:
#     fi: Ylläpito-oikeudet on rajattu ja ne tarkistetaan säännöllisesti
#     sv: Administratörsrättigheter är begränsade och granskas regelbundet
#     en: Administrator rights are restricted and reviewed
#   remediation:
#     fi: Anna käyttäjähakemiston ylläpito-oikeudet vain niitä tarvitseville ja käy oikeudet läpi vähintään kerran vuodessa.
#     sv: Ge administratörsrättigheter till användarregistret endast till dem som behöver dem och gå igenom rättigheterna minst en gång om året.
#     en: Grant user registry administrator rights only to those who need them and review them at least once a year.
#   answers:
#     - path: security.admin_rights_reviewed
#       type: bool
#       question:
#         fi: Onko käyttäjähakemiston ylläpito-oikeudet rajattu niitä tarvitseville ja tarkistetaanko ne vähintään kerran vuodessa?
#         sv: Är administratörsrättigheterna till användarregistret begränsade till dem som behöver dem och granskas de minst en gång om året?
#         en: Are user registry administrator rights limited to those who need them and reviewed at least once a year?
sec_04 := lib.result(rego.metadata.chain(), _yes(
	"security.admin_rights_reviewed",
	{
		"fi": "Ylläpito-oikeudet on rajattu ja ne tarkistetaan.",
		"sv": "Administratörsrättigheterna är begränsade och granskas.",
		"en": "Administrator rights are restricted and reviewed.",
	},
	{
		"fi": "Ylläpito-oikeuksia ei ole rajattu tai niitä ei tarkisteta.",
		"sv": "Administratörsrättigheterna är inte begränsade eller granskas inte.",
		"en": "Administrator rights are not restricted or not reviewed.",
	},
))

# METADATA
# title: Audit logs kept at least 180 days
# custom:
#   id: EP-SEC-05
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi TR1, Sirtfi TR2, Haka IdP self-assessment (logging)]
#   titles:
#     fi: Aikaleimallisia lokitietoja säilytetään vähintään 180 päivää
#     sv: Tidsstämplade loggar sparas i minst 180 dagar
#     en: Timestamped audit logs are kept at least 180 days
#   remediation:
#     fi: Säilytä tunnistuspalvelun kirjautumis- ja ylläpitolokit aikaleimoineen vähintään 180 päivää.
#     sv: Spara identifieringstjänstens inloggnings- och administrationsloggar med tidsstämplar i minst 180 dagar.
#     en: Keep the identity service's sign-in and administration logs, with timestamps, for at least 180 days.
#   answers:
#     - path: security.log_retention_days
#       type: integer
#       example: 180
#       min: 0
#       question:
#         fi: Kuinka monta päivää aikaleimallisia kirjautumis- ja ylläpitolokeja säilytetään?
#         sv: Hur många dagar sparas tidsstämplade inloggnings- och administrationsloggar?
#         en: For how many days are timestamped sign-in and administration logs kept?
sec_05 := lib.result(rego.metadata.chain(), _sec_05(lib.answer("security.log_retention_days")))

_sec_05(days) := lib.pass({
	"fi": sprintf("Lokeja säilytetään %d päivää (vähintään %d).", [days, log_min_days]),
	"sv": sprintf("Loggar sparas i %d dagar (minst %d).", [days, log_min_days]),
	"en": sprintf("Logs are kept %d days (at least %d).", [days, log_min_days]),
}) if {
	days >= log_min_days
} else := lib.fail({
	"fi": sprintf("Lokeja säilytetään %d päivää, vaaditaan vähintään %d.", [days, log_min_days]),
	"sv": sprintf("Loggar sparas i %d dagar, minst %d krävs.", [days, log_min_days]),
	"en": sprintf("Logs are kept %d days, at least %d required.", [days, log_min_days]),
})

# METADATA
# title: Backups and restore tested in the last 12 months
# custom:
#   id: EP-SEC-06
#   severity: should
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (backups and continuity)]
#   titles:
#     fi: Palautus varmuuskopiosta on testattu viimeisen 12 kuukauden aikana
#     sv: Återställning från säkerhetskopia har testats under de senaste 12 månaderna
#     en: Backup restore tested in the last 12 months
#   remediation:
#     fi: Testaa käyttäjähakemiston ja tunnistuspalvelun palautus varmuuskopiosta ja kirjaa testauspäivä; toista vähintään kerran vuodessa.
#     sv: Testa återställning av användarregistret och identifieringstjänsten från säkerhetskopia och anteckna datumet; upprepa minst en gång om året.
#     en: Test restoring the user registry and identity service from backup and record the date; repeat at least once a year.
#   answers:
#     - path: security.restore_tested
#       type: date
#       example: "2026-09-15"
#       question:
#         fi: Milloin varmuuskopiosta palauttaminen on viimeksi testattu (päivämäärä)?
#         sv: När testades återställning från säkerhetskopia senast (datum)?
#         en: When was restoring from backup last tested (date)?
sec_06 := lib.result(rego.metadata.chain(), _sec_06(lib.answer("security.restore_tested")))

# Twelve months back from now, in days: 365 or 366 across a leap day.
_year_days := lib.days_since(time.format(time.add_date(time.parse_rfc3339_ns(input.now), -1, 0, 0)))

_sec_06(date) := lib.fail({
	"fi": sprintf("Palautuksen testauspäivä %s on tulevaisuudessa.", [date]),
	"sv": sprintf("Datumet för återställningstestet %s ligger i framtiden.", [date]),
	"en": sprintf("The restore test date %s is in the future.", [date]),
}) if {
	lib.days_since(date) < 0
} else := lib.pass({
	"fi": sprintf("Palautus testattu %s (%d päivää sitten).", [date, lib.days_since(date)]),
	"sv": sprintf("Återställningen testades %s (för %d dagar sedan).", [date, lib.days_since(date)]),
	"en": sprintf("Restore tested on %s (%d days ago).", [date, lib.days_since(date)]),
}) if {
	lib.days_since(date) <= _year_days
} else := lib.fail({
	"fi": sprintf("Palautus testattu viimeksi %s, yli 12 kuukautta sitten.", [date]),
	"sv": sprintf("Återställningen testades senast %s, för mer än 12 månader sedan.", [date]),
	"en": sprintf("Restore last tested on %s, more than 12 months ago.", [date]),
})

# METADATA
# title: Yearly security training for staff
# custom:
#   id: EP-SEC-07
#   severity: should
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (awareness and training)]
#   titles:
#     fi: Henkilökunta saa tietoturvakoulutusta vuosittain
#     sv: Personalen får utbildning i informationssäkerhet varje år
#     en: Staff receive security training yearly
#   remediation:
#     fi: Järjestä käyttäjähakemistoa ylläpitävälle henkilökunnalle tietoturvakoulutus vähintään kerran vuodessa.
#     sv: Ordna utbildning i informationssäkerhet minst en gång om året för personalen som administrerar användarregistret.
#     en: Train the staff who administer the user registry in security at least once a year.
#   answers:
#     - path: security.staff_training_yearly
#       type: bool
#       question:
#         fi: Saako käyttäjähakemistoa ja tunnistuspalvelua ylläpitävä henkilökunta tietoturvakoulutusta vähintään kerran vuodessa?
#         sv: Får personalen som administrerar användarregistret och identifieringstjänsten utbildning i informationssäkerhet minst en gång om året?
#         en: Do the staff who administer the user registry and identity service receive security training at least once a year?
sec_07 := lib.result(rego.metadata.chain(), _yes(
	"security.staff_training_yearly",
	{
		"fi": "Tietoturvakoulutus järjestetään vuosittain.",
		"sv": "Utbildning i informationssäkerhet ordnas varje år.",
		"en": "Security training is held yearly.",
	},
	{
		"fi": "Vuosittaista tietoturvakoulutusta ei ole.",
		"sv": "Det finns ingen årlig utbildning i informationssäkerhet.",
		"en": "There is no yearly security training.",
	},
))

# METADATA
# title: Inventory of the identity-service components
# custom:
#   id: EP-SEC-08
#   severity: should
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (asset management)]
#   titles:
#     fi: Tunnistuspalvelun osista on ajantasainen luettelo
#     sv: Det finns en aktuell förteckning över identifieringstjänstens komponenter
#     en: An inventory of the identity-service components exists
#   remediation:
#     fi: Laadi ja pidä ajan tasalla luettelo tunnistuspalvelun osista (palvelimet, ohjelmistot ja versiot, integraatiot, varmenteet).
#     sv: Upprätta och håll aktuell en förteckning över identifieringstjänstens komponenter (servrar, programvara och versioner, integrationer, certifikat).
#     en: Keep an up-to-date inventory of the identity service's components (hosts, software and versions, integrations, certificates).
#   answers:
#     - path: security.component_inventory
#       type: bool
#       question:
#         fi: Onko tunnistuspalvelun osista (palvelimet, ohjelmistot, integraatiot, varmenteet) ajantasainen luettelo?
#         sv: Finns en aktuell förteckning över identifieringstjänstens komponenter (servrar, programvara, integrationer, certifikat)?
#         en: Is there an up-to-date inventory of the identity service's components (hosts, software, integrations, certificates)?
sec_08 := lib.result(rego.metadata.chain(), _yes(
	"security.component_inventory",
	{
		"fi": "Osista on ajantasainen luettelo.",
		"sv": "Det finns en aktuell förteckning över komponenterna.",
		"en": "The components are inventoried.",
	},
	{
		"fi": "Tunnistuspalvelun osista ei ole luetteloa.",
		"sv": "Det finns ingen förteckning över identifieringstjänstens komponenter.",
		"en": "There is no inventory of the identity-service components.",
	},
))

# METADATA
# title: Hardening baseline for the identity-service hosts
# custom:
#   id: EP-SEC-09
#   severity: should
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (system hardening)]
#   titles:
#     fi: Tunnistuspalvelun palvelimet on koventettu sovitun perustason mukaan
#     sv: Identifieringstjänstens servrar är härdade enligt en fastställd baslinje
#     en: The identity-service hosts follow a hardening baseline
#   remediation:
#     fi: Ota käyttöön koventamisen perustaso (esim. CIS Benchmarks tai Kyberturvallisuuskeskuksen ohjeet) tunnistuspalvelun palvelimille ja tarkista sen toteutuminen.
#     sv: Inför en baslinje för härdning (t.ex. CIS Benchmarks eller Cybersäkerhetscentralens anvisningar) för identifieringstjänstens servrar och kontrollera att den följs.
#     en: Adopt a hardening baseline (e.g. the CIS Benchmarks or the National Cyber Security Centre Finland's guidance) for the identity-service hosts and check that it is followed.
#   answers:
#     - path: security.hardening_baseline
#       type: bool
#       question:
#         fi: Onko tunnistuspalvelun palvelimet koventettu sovitun perustason mukaan (esim. CIS Benchmarks)? Pilvipalvelussa (Entra ID, Google) vastaa palvelun suojausasetusten osalta.
#         sv: Är identifieringstjänstens servrar härdade enligt en fastställd baslinje (t.ex. CIS Benchmarks)? För molntjänster (Entra ID, Google) gäller frågan tjänstens säkerhetsinställningar.
#         en: Are the identity-service hosts hardened to an agreed baseline (e.g. CIS Benchmarks)? For a cloud service (Entra ID, Google) answer for its security settings.
sec_09 := lib.result(rego.metadata.chain(), _yes(
	"security.hardening_baseline",
	{
		"fi": "Palvelimet on koventettu perustason mukaan.",
		"sv": "Servrarna är härdade enligt baslinjen.",
		"en": "The hosts follow a hardening baseline.",
	},
	{
		"fi": "Koventamisen perustasoa ei ole.",
		"sv": "Det finns ingen baslinje för härdning.",
		"en": "There is no hardening baseline.",
	},
))

# _yes is the verdict of a yes/no question where yes passes.
_yes(path, yes, _) := lib.pass(yes) if lib.answer(path) == true

_yes(path, _, no) := lib.fail(no) if lib.answer(path) != true
