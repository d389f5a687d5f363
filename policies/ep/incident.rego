# METADATA
# title: Incident response (education providers)
# description: REFEDS Sirtfi v1 incident response (IR) and operational security (OS4).
# custom:
#   area: incident
package mpassaudit.requirements.ep.incident

import data.mpassaudit.lib

# Sirtfi: incidents are reported and assistance requests answered within one working day.
max_working_days := 1

# METADATA
# title: Incidents reported to the operator within 1 working day
# custom:
#   id: EP-IR-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi IR3, Sirtfi IR4, MPASSid terms of service]
#   titles:
#     fi: Tietoturvapoikkeamista ilmoitetaan operaattorille yhden työpäivän kuluessa
#     sv: Säkerhetsincidenter anmäls till operatören inom en arbetsdag
#     en: Incidents are reported to the operator within 1 working day
#   remediation:
#     fi: Kirjaa poikkeamien käsittelyohjeeseen, että MPASSidiin vaikuttavista tietoturvapoikkeamista ilmoitetaan MPASSid-operaattorille yhden työpäivän kuluessa havaitsemisesta.
#     sv: Skriv in i incidentrutinen att säkerhetsincidenter som påverkar MPASSid anmäls till MPASSid-operatören inom en arbetsdag från att de upptäckts.
#     en: Write into the incident procedure that security incidents affecting MPASSid are reported to the MPASSid operator within one working day of detection.
#   answers:
#     - path: incident.report_within_working_days
#       type: integer
#       example: 1
#       min: 0
#       question:
#         fi: Kuinka monen työpäivän kuluessa havaitsemisesta MPASSidiin vaikuttavasta tietoturvapoikkeamasta ilmoitetaan MPASSid-operaattorille?
#         sv: Inom hur många arbetsdagar från upptäckten anmäls en säkerhetsincident som påverkar MPASSid till MPASSid-operatören?
#         en: Within how many working days of detection is a security incident affecting MPASSid reported to the MPASSid operator?
ir_01 := lib.result(rego.metadata.chain(), _within(
	lib.answer("incident.report_within_working_days"),
	{"fi": "Poikkeamasta ilmoitetaan", "sv": "Incidenter anmäls", "en": "Incidents are reported"},
))

# METADATA
# title: Assistance requests answered within 1 working day; TLP; logs preserved
# custom:
#   id: EP-IR-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi IR2, Sirtfi IR6 (Traffic Light Protocol), Sirtfi TR2]
#   titles:
#     fi: Selvityspyyntöihin vastataan yhden työpäivän kuluessa, TLP-luokitusta noudatetaan ja lokit säilytetään
#     sv: Begäran om hjälp besvaras inom en arbetsdag, TLP följs och loggar bevaras
#     en: Assistance requests are answered within 1 working day; TLP respected; logs preserved
#   remediation:
#     fi: Sovi, että tietoturvapoikkeamaa koskeviin selvityspyyntöihin vastataan yhden työpäivän kuluessa, että jaettua tietoa käsitellään TLP-luokituksen (Traffic Light Protocol) mukaisesti ja että poikkeamaan liittyvät lokit säilytetään tutkintaa varten.
#     sv: Kom överens om att begäran om hjälp vid säkerhetsincidenter besvaras inom en arbetsdag, att delad information hanteras enligt TLP (Traffic Light Protocol) och att loggar som gäller incidenten bevaras för utredningen.
#     en: Agree that requests for assistance with a security incident are answered within one working day, that shared information is handled by the Traffic Light Protocol (TLP), and that logs related to the incident are preserved for the investigation.
#   answers:
#     - path: incident.assist_within_working_days
#       type: integer
#       example: 1
#       min: 0
#       question:
#         fi: Kuinka monen työpäivän kuluessa vastataan MPASSid-operaattorin tai muun jäsenen tietoturvapoikkeamaa koskevaan selvityspyyntöön?
#         sv: Inom hur många arbetsdagar besvaras en begäran om hjälp med en säkerhetsincident från MPASSid-operatören eller en annan medlem?
#         en: Within how many working days is a request for assistance with a security incident from the MPASSid operator or another member answered?
#     - path: incident.tlp_respected
#       type: bool
#       question:
#         fi: Käsitelläänkö poikkeamista jaettua tietoa TLP-luokituksen (Traffic Light Protocol) mukaisesti?
#         sv: Hanteras information som delas om incidenter enligt TLP (Traffic Light Protocol)?
#         en: Is information shared about incidents handled according to the Traffic Light Protocol (TLP)?
#     - path: incident.logs_preserved
#       type: bool
#       question:
#         fi: Säilytetäänkö poikkeamaan liittyvät lokit tutkintaa varten (niitä ei poisteta tavanomaisen säilytysajan päätyttyä)?
#         sv: Bevaras loggar som gäller en incident för utredningen (de raderas inte när den normala lagringstiden går ut)?
#         en: Are logs related to an incident preserved for the investigation (not deleted when the normal retention ends)?
ir_02 := lib.result(rego.metadata.chain(), _ir_02)

_ir_02 := lib.fail({
	"fi": "TLP-luokitusta ei noudateta.",
	"sv": "TLP följs inte.",
	"en": "The Traffic Light Protocol is not respected.",
}) if {
	lib.answer("incident.tlp_respected") == false
} else := lib.fail({
	"fi": "Poikkeamaan liittyviä lokeja ei säilytetä tutkintaa varten.",
	"sv": "Loggar som gäller incidenten bevaras inte för utredningen.",
	"en": "Logs related to an incident are not preserved for the investigation.",
}) if {
	lib.answer("incident.logs_preserved") == false
} else := lib.pass({
	"fi": sprintf("Selvityspyyntöihin vastataan %d työpäivässä (enintään %d); TLP-luokitusta noudatetaan ja lokit säilytetään.", [_assist_days, max_working_days]),
	"sv": sprintf("Begäran om hjälp besvaras inom %s (högst %d); TLP följs och loggar bevaras.", [_working_days_sv(_assist_days), max_working_days]),
	"en": sprintf("Assistance requests are answered within %s (at most %d); TLP is respected and logs are preserved.", [_working_days_en(_assist_days), max_working_days]),
}) if {
	_assist_days <= max_working_days
} else := lib.fail({
	"fi": sprintf("Selvityspyyntöihin vastataan %d työpäivässä, sallittu enintään %d.", [_assist_days, max_working_days]),
	"sv": sprintf("Begäran om hjälp besvaras inom %d arbetsdagar, högst %d tillåts.", [_assist_days, max_working_days]),
	"en": sprintf("Assistance requests are answered within %d working days, at most %d allowed.", [_assist_days, max_working_days]),
})

_assist_days := lib.answer("incident.assist_within_working_days")

# _within judges a number of working days against max_working_days; what
# names the action ("Report", "Answer") in each language.
_within(days, what) := lib.pass({
	"fi": sprintf("%s %d työpäivässä (enintään %d).", [what.fi, days, max_working_days]),
	"sv": sprintf("%s inom %s (högst %d).", [what.sv, _working_days_sv(days), max_working_days]),
	"en": sprintf("%s within %s (at most %d).", [what.en, _working_days_en(days), max_working_days]),
}) if {
	days <= max_working_days
} else := lib.fail({
	"fi": sprintf("%s %d työpäivässä, sallittu enintään %d.", [what.fi, days, max_working_days]),
	"sv": sprintf("%s inom %d arbetsdagar, högst %d tillåts.", [what.sv, days, max_working_days]),
	"en": sprintf("%s within %d working days, at most %d allowed.", [what.en, days, max_working_days]),
})

# METADATA
# title: Accounts can be suspended promptly
# custom:
#   id: EP-IR-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi OS4]
#   titles:
#     fi: Käyttäjätili voidaan sulkea viipymättä
#     sv: Ett användarkonto kan spärras utan dröjsmål
#     en: Accounts can be suspended promptly
#   remediation:
#     fi: Varmista, että ylläpitäjä voi sulkea tai rajoittaa käyttäjätilin heti tietoturvapoikkeaman sitä vaatiessa (myös virka-ajan ulkopuolella sovitulla tavalla), ja kirjaa ohje.
#     sv: Se till att en administratör kan spärra eller begränsa ett användarkonto genast när en säkerhetsincident kräver det (även utanför tjänstetid på överenskommet sätt), och dokumentera rutinen.
#     en: Make sure an administrator can suspend or restrict an account as soon as a security incident requires it (also outside office hours as agreed), and document how.
#   answers:
#     - path: incident.suspend_promptly
#       type: bool
#       question:
#         fi: Voidaanko käyttäjätili sulkea tai sen oikeuksia rajoittaa viipymättä (samana päivänä) tietoturvapoikkeaman sitä vaatiessa?
#         sv: Kan ett användarkonto spärras eller dess rättigheter begränsas utan dröjsmål (samma dag) när en säkerhetsincident kräver det?
#         en: Can an account be suspended or its rights restricted without delay (the same day) when a security incident requires it?
ir_03 := lib.result(rego.metadata.chain(), _ir_03)

_ir_03 := lib.pass({
	"fi": "Käyttäjätili voidaan sulkea viipymättä.",
	"sv": "Ett användarkonto kan spärras utan dröjsmål.",
	"en": "An account can be suspended promptly.",
}) if {
	lib.answer("incident.suspend_promptly") == true
} else := lib.fail({
	"fi": "Käyttäjätiliä ei voi sulkea viipymättä.",
	"sv": "Ett användarkonto kan inte spärras utan dröjsmål.",
	"en": "Accounts cannot be suspended promptly.",
})

# _working_days_sv and _en spell a number of working days with the right
# plural ("1 arbetsdag", "0 arbetsdagar"): "arbetsdag(ar)" reads as a form.
_working_days_sv(1) := "1 arbetsdag"

_working_days_sv(n) := sprintf("%d arbetsdagar", [n]) if n != 1

_working_days_en(1) := "1 working day"

_working_days_en(n) := sprintf("%d working days", [n]) if n != 1
