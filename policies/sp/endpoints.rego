# METADATA
# title: Service endpoints and security (service providers)
# custom:
#   area: endpoints
package mpassaudit.requirements.sp.endpoints

import data.mpassaudit.lib
import data.mpassaudit.lib.sp

# As EP-TECH-06: certificates valid at least 30 days (warn), not expired (fail).
min_tls_days := 30

# METADATA
# title: ACS and redirect hosts pass the TLS checks
# custom:
#   id: SP-TLS-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   probes: [tls]
#   references: [EP-TECH-06, MPASSid management service validation rules (ACS https), InCommon Baseline Expectations SP 3, NCSC-FI TLS guidance (Kyberturvallisuuskeskus)]
#   titles:
#     fi: ACS- ja redirect uri -palvelimien TLS on kunnossa
#     sv: TLS på ACS- och redirect uri-värdarna är i ordning
#     en: The ACS and redirect hosts pass the TLS checks
#   remediation:
#     fi: Salli palvelimilla vain TLS 1.2 ja 1.3, käytä luotetun varmentajan varmennetta koko ketjuineen ja palvelimen nimellä, ja uusi varmenne ennen kuin sen voimassaoloa on alle 30 päivää.
#     sv: Tillåt endast TLS 1.2 och 1.3 på värdarna, använd ett certifikat från en betrodd utfärdare med hela kedjan och värdens namn, och förnya certifikatet innan det har mindre än 30 dagar kvar.
#     en: Offer only TLS 1.2 and 1.3 on the hosts, use a certificate from a trusted CA with the full chain and the host's name, and renew it before fewer than 30 days remain.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
#     - path: oidc.redirect_uris
#       optional: true
tls_01 := lib.result(rego.metadata.chain(), _tls_01)

# The https hosts to judge: the ACS of the SAML metadata, or the redirect
# URIs of an OIDC client (localhost is never probed).
_targets := {hp |
	sp.protocol == "saml"
	some a in object.get(sp.sp, "acs", [])
	hp := sp.host_port(a.location)
} if {
	sp.protocol == "saml"
} else := {hp |
	some u in lib.answer_or("oidc.redirect_uris", [])
	hp := sp.host_port(u)
	not sp.is_local_host(sp.url_host(u))
}

_tls := object.get(input.probes, "tls", {})

_probed := {hp | some hp in _targets; _tls[hp]}

_unprobed := _targets - _probed

_tls_problems contains {"level": "error", "msg": {
	"fi": sprintf("%s: TLS-testi epäonnistui: %s.", [hp, object.get(r, "error", "")]),
	"sv": sprintf("%s: TLS-testet misslyckades: %s.", [hp, object.get(r, "error", "")]),
	"en": sprintf("%s: the TLS probe failed: %s.", [hp, object.get(r, "error", "")]),
}} if {
	some hp in _probed
	r := _tls[hp]
	r.status != "ok"
}

_ok_results[hp] := r if {
	some hp in _probed
	r := _tls[hp]
	r.status == "ok"
}

_tls_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%s tarjoaa vanhentuneen TLS %s -version.", [hp, v]),
	"sv": sprintf("%s erbjuder den föråldrade versionen TLS %s.", [hp, v]),
	"en": sprintf("%s offers the outdated TLS %s.", [hp, v]),
}} if {
	some hp, r in _ok_results
	some v in ["1.0", "1.1"]
	object.get(r, ["versions", v], false) == true
}

_tls_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%s ei tarjoa TLS 1.2- eikä 1.3-versiota.", [hp]),
	"sv": sprintf("%s erbjuder varken TLS 1.2 eller 1.3.", [hp]),
	"en": sprintf("%s offers neither TLS 1.2 nor TLS 1.3.", [hp]),
}} if {
	some hp, r in _ok_results
	not object.get(r, ["versions", "1.2"], false) == true
	not object.get(r, ["versions", "1.3"], false) == true
	not "1.2" in object.get(r, "client_limited", [])
	not "1.3" in object.get(r, "client_limited", [])
}

_tls_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%s: varmenneketju ei ole kelvollinen: %s.", [hp, object.get(r, "chain_error", "")]),
	"sv": sprintf("%s: certifikatkedjan är inte giltig: %s.", [hp, object.get(r, "chain_error", "")]),
	"en": sprintf("%s: the certificate chain is not valid: %s.", [hp, object.get(r, "chain_error", "")]),
}} if {
	some hp, r in _ok_results
	r.chain_valid == false
}

_tls_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%s: varmenne ei ole palvelimen nimellä.", [hp]),
	"sv": sprintf("%s: certifikatet är inte utfärdat för värdens namn.", [hp]),
	"en": sprintf("%s: the certificate does not match the host name.", [hp]),
}} if {
	some hp, r in _ok_results
	r.hostname_match == false
}

_tls_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%s: varmenne on vanhentunut %s.", [hp, object.get(r, "not_after", "")]),
	"sv": sprintf("%s: certifikatet gick ut %s.", [hp, object.get(r, "not_after", "")]),
	"en": sprintf("%s: the certificate expired on %s.", [hp, object.get(r, "not_after", "")]),
}} if {
	some hp, r in _ok_results
	sp.days_left(r) < 0
}

_tls_problems contains {"level": "warn", "msg": {
	"fi": sprintf("%s: varmenne vanhenee %d päivän kuluttua (%s); uusi se viimeistään 30 päivää ennen.", [hp, sp.days_left(r), object.get(r, "not_after", "")]),
	"sv": sprintf("%s: certifikatet går ut om %d dagar (%s); förnya det senast 30 dagar innan.", [hp, sp.days_left(r), object.get(r, "not_after", "")]),
	"en": sprintf("%s: the certificate expires in %d days (%s); renew it at least 30 days before.", [hp, sp.days_left(r), object.get(r, "not_after", "")]),
}} if {
	some hp, r in _ok_results
	sp.days_left(r) >= 0
	sp.days_left(r) < min_tls_days
}

_tls_problems contains {"level": "manual", "msg": {
	"fi": sprintf("Ei testattu (TLS): %s.", [sp.list(_unprobed)]),
	"sv": sprintf("Inte testat (TLS): %s.", [sp.list(_unprobed)]),
	"en": sprintf("Not probed (TLS): %s.", [sp.list(_unprobed)]),
}} if {
	count(_unprobed) > 0
}

# Versions this client cannot test are not proven absent: say so.
_limits := {sprintf("%s: TLS %s", [hp, v]) |
	some hp, r in _ok_results
	some v in object.get(r, "client_limited", [])
}

default _limits_note := {"fi": "", "sv": "", "en": ""}

_limits_note := {
	"fi": sprintf(" Tällä työkalulla ei voi testata: %s.", [sp.list(_limits)]),
	"sv": sprintf(" Kan inte testas med detta verktyg: %s.", [sp.list(_limits)]),
	"en": sprintf(" Not testable by this client: %s.", [sp.list(_limits)]),
} if {
	count(_limits) > 0
}

_tls_evidence := [lib.probe_evidence(_tls[hp]) | some hp in _probed]

_by_level(level) := [p.msg | some p in _tls_problems; p.level == level]

_tls_01 := lib.unanswered(["service.protocol"]) if {
	not sp.protocol
} else := lib.unanswered(sp.missing(["saml.metadata"])) if {
	sp.protocol == "saml"
	count(sp.missing(["saml.metadata"])) > 0
} else := lib.not_probed(sprintf("saml.metadata = %s", [lib.answer("saml.metadata")])) if {
	sp.protocol == "saml"
	not sp.metadata
} else := lib.probe_failed(sp.metadata) if {
	sp.protocol == "saml"
	sp.metadata.status != "ok"
} else := lib.unanswered(sp.missing(["oidc.redirect_uris"])) if {
	sp.protocol == "oidc"
	count(sp.missing(["oidc.redirect_uris"])) > 0
} else := lib.not_applicable({
	"fi": "Ei tarkistettavia https-palvelimia (ei https-ACS- tai redirect uri -osoitteita muualla kuin localhostissa).",
	"sv": "Inga https-värdar att granska (inga https-ACS- eller redirect uri-adresser utanför localhost).",
	"en": "No https hosts to check (no https ACS or redirect URIs other than localhost).",
}) if {
	count(_targets) == 0
} else := lib.not_probed(sprintf("TLS %s", [sp.list(_targets)])) if {
	count(_probed) == 0
} else := lib.fail_with(sp.join(_by_level("fail")), _tls_evidence) if {
	count(_by_level("fail")) > 0
} else := {"status": "error", "message": sp.join(_by_level("error")), "evidence": _tls_evidence} if {
	count(_by_level("error")) > 0
} else := {"status": "manual", "message": sp.join(array.concat(_by_level("manual"), _by_level("warn"))), "evidence": _tls_evidence} if {
	count(_by_level("manual")) > 0
} else := lib.warn_with(sp.join(_by_level("warn")), _tls_evidence) if {
	count(_by_level("warn")) > 0
} else := lib.pass_with(
	{
		"fi": sprintf("TLS kunnossa: %s (vain TLS 1.2/1.3, kelvollinen ketju, nimi täsmää, voimassa yli 30 päivää).%s", [sp.list(_probed), _limits_note.fi]),
		"sv": sprintf("TLS i ordning: %s (endast TLS 1.2/1.3, giltig kedja, namnet stämmer, giltigt över 30 dagar).%s", [sp.list(_probed), _limits_note.sv]),
		"en": sprintf("TLS in order: %s (TLS 1.2/1.3 only, valid chain, host name matches, valid over 30 days).%s", [sp.list(_probed), _limits_note.en]),
	},
	_tls_evidence,
)

# METADATA
# title: Security patches in time
# custom:
#   id: SP-SEC-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [Sirtfi v1 OS1, InCommon Baseline Expectations SP 3, EP-SEC-01]
#   titles:
#     fi: Tietoturvapäivitykset asennetaan ajallaan
#     sv: Säkerhetsuppdateringar installeras i tid
#     en: Security patches are applied in time
#   remediation:
#     fi: Asenna kriittiset tietoturvapäivitykset palvelun palvelimiin ja ohjelmistoihin 14 päivän kuluessa niiden julkaisusta (enintään 30 päivää).
#     sv: Installera kritiska säkerhetsuppdateringar på tjänstens servrar och program inom 14 dagar från publiceringen (högst 30 dagar).
#     en: Apply critical security patches to the service's servers and software within 14 days of release (30 days at most).
#   answers:
#     - path: security.critical_patch_days
#       type: integer
#       min: 0
#       question:
#         fi: Kuinka monessa päivässä kriittiset tietoturvapäivitykset asennetaan niiden julkaisusta?
#         sv: Inom hur många dagar från publiceringen installeras kritiska säkerhetsuppdateringar?
#         en: Within how many days of release are critical security patches applied?
sec_01 := lib.result(rego.metadata.chain(), _sec_01)

_patch_days := lib.answer("security.critical_patch_days")

_sec_01 := lib.pass({
	"fi": sprintf("Kriittiset päivitykset asennetaan %d päivässä (tavoite enintään 14).", [_patch_days]),
	"sv": sprintf("Kritiska uppdateringar installeras inom %d dagar (mål högst 14).", [_patch_days]),
	"en": sprintf("Critical patches are applied within %d days (target 14 at most).", [_patch_days]),
}) if {
	_patch_days <= 14
} else := lib.warn({
	"fi": sprintf("Kriittiset päivitykset asennetaan %d päivässä; tavoite on enintään 14 päivää (yli 30 päivää hylätään).", [_patch_days]),
	"sv": sprintf("Kritiska uppdateringar installeras inom %d dagar; målet är högst 14 dagar (över 30 dagar underkänns).", [_patch_days]),
	"en": sprintf("Critical patches are applied within %d days; the target is 14 days at most (over 30 fails).", [_patch_days]),
}) if {
	_patch_days <= 30
} else := lib.fail({
	"fi": sprintf("Kriittiset päivitykset asennetaan vasta %d päivässä; enintään 30 päivää sallitaan.", [_patch_days]),
	"sv": sprintf("Kritiska uppdateringar installeras först inom %d dagar; högst 30 dagar tillåts.", [_patch_days]),
	"en": sprintf("Critical patches take %d days; 30 days at most are allowed.", [_patch_days]),
})

# METADATA
# title: Vulnerability-management process
# custom:
#   id: SP-SEC-02
#   severity: must
#   applies_to: [service-provider]
#   evidence: document
#   references: [Sirtfi v1 OS2, InCommon Baseline Expectations SP 3, EP-SEC-02]
#   titles:
#     fi: Haavoittuvuuksien hallintaprosessi
#     sv: Process för sårbarhetshantering
#     en: Vulnerability-management process
#   remediation:
#     fi: Kuvaa, miten palvelun ja sen riippuvuuksien haavoittuvuudet havaitaan, arvioidaan ja korjataan (esim. riippuvuuksien ja haavoittuvuustiedotteiden seuranta, skannaus, vastuuhenkilöt).
#     sv: Beskriv hur sårbarheter i tjänsten och dess beroenden upptäcks, bedöms och åtgärdas (t.ex. bevakning av beroenden och sårbarhetsmeddelanden, skanning, ansvariga).
#     en: Describe how vulnerabilities in the service and its dependencies are found, assessed and fixed (e.g. dependency and advisory monitoring, scanning, who is responsible).
#   answers:
#     - path: security.vulnerability_management
#       type: text
#       question:
#         fi: Kuvaa haavoittuvuuksien hallintaprosessi - miten haavoittuvuudet havaitaan, arvioidaan ja korjataan.
#         sv: Beskriv processen för sårbarhetshantering - hur sårbarheter upptäcks, bedöms och åtgärdas.
#         en: Describe the vulnerability-management process - how vulnerabilities are found, assessed and fixed.
sec_02 := lib.result(rego.metadata.chain(), _sec_02)

_sec_02 := lib.manual({
	"fi": "Kuvaus tarkistetaan käsin.",
	"sv": "Beskrivningen granskas manuellt.",
	"en": "The description needs a reviewer's judgement.",
}) if {
	trim_space(lib.answer("security.vulnerability_management")) != ""
} else := lib.fail({
	"fi": "Kuvaus on tyhjä.",
	"sv": "Beskrivningen är tom.",
	"en": "The description is empty.",
})

# METADATA
# title: Audit logs kept at least 180 days
# custom:
#   id: SP-SEC-03
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [Sirtfi v1 TR2, EP-SEC-05]
#   titles:
#     fi: Aikaleimalliset lokit säilytetään vähintään 180 päivää
#     sv: Loggar med tidsstämplar sparas i minst 180 dagar
#     en: Audit logs with timestamps kept at least 180 days
#   remediation:
#     fi: Säilytä palvelun kirjautumis- ja tapahtumalokit aikaleimoineen vähintään 180 päivää, jotta tietoturvapoikkeamat voidaan selvittää.
#     sv: Spara tjänstens inloggnings- och händelseloggar med tidsstämplar i minst 180 dagar så att säkerhetsincidenter kan utredas.
#     en: Keep the service's login and event logs with timestamps for at least 180 days, so that security incidents can be investigated.
#   answers:
#     - path: security.log_retention_days
#       type: integer
#       min: 0
#       question:
#         fi: Kuinka monta päivää aikaleimalliset kirjautumis- ja tapahtumalokit säilytetään?
#         sv: Hur många dagar sparas inloggnings- och händelseloggar med tidsstämplar?
#         en: For how many days are login and event logs with timestamps kept?
sec_03 := lib.result(rego.metadata.chain(), _sec_03)

_sec_03 := lib.pass({
	"fi": sprintf("Lokit säilytetään %d päivää (vähintään 180).", [lib.answer("security.log_retention_days")]),
	"sv": sprintf("Loggarna sparas i %d dagar (minst 180).", [lib.answer("security.log_retention_days")]),
	"en": sprintf("Logs are kept for %d days (180 at least).", [lib.answer("security.log_retention_days")]),
}) if {
	lib.answer("security.log_retention_days") >= 180
} else := lib.fail({
	"fi": sprintf("Lokit säilytetään vain %d päivää; vaaditaan vähintään 180.", [lib.answer("security.log_retention_days")]),
	"sv": sprintf("Loggarna sparas endast i %d dagar; minst 180 krävs.", [lib.answer("security.log_retention_days")]),
	"en": sprintf("Logs are kept for only %d days; 180 at least are required.", [lib.answer("security.log_retention_days")]),
})

# METADATA
# title: Incidents reported within 1 working day; TLP respected
# custom:
#   id: SP-SEC-04
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [Sirtfi v1 IR1, Sirtfi v1 IR2, Sirtfi v1 IR6 (TLP), Sirtfi v1 TR2, InCommon Baseline Expectations SP 3, EP-IR-01, EP-IR-02]
#   titles:
#     fi: Tietoturvapoikkeamista ilmoitetaan 1 työpäivässä; TLP-luokitusta noudatetaan
#     sv: Säkerhetsincidenter rapporteras inom 1 arbetsdag; TLP följs
#     en: Incidents reported within 1 working day; TLP respected
#   remediation:
#     fi: Ilmoita tietoturvapoikkeamista MPASSid-operaattorille viimeistään seuraavana työpäivänä, vastaa avunpyyntöihin 1 työpäivässä, noudata TLP-luokitusta (Traffic Light Protocol) ja säilytä lokit selvitystä varten.
#     sv: Rapportera säkerhetsincidenter till MPASSid-operatören senast följande arbetsdag, besvara begäranden om hjälp inom 1 arbetsdag, följ TLP (Traffic Light Protocol) och bevara loggarna för utredningen.
#     en: Report security incidents to the MPASSid operator by the next working day, answer requests for assistance within 1 working day, respect TLP (Traffic Light Protocol) and preserve the logs for the investigation.
#   answers:
#     - path: incident.report_within_working_days
#       type: integer
#       min: 0
#       question:
#         fi: Kuinka monen työpäivän kuluessa tietoturvapoikkeamasta ilmoitetaan MPASSid-operaattorille?
#         sv: Inom hur många arbetsdagar rapporteras en säkerhetsincident till MPASSid-operatören?
#         en: Within how many working days is a security incident reported to the MPASSid operator?
#     - path: incident.assist_within_working_days
#       type: integer
#       min: 0
#       question:
#         fi: Kuinka monen työpäivän kuluessa vastataan muiden osapuolten avunpyyntöihin tietoturvapoikkeamassa?
#         sv: Inom hur många arbetsdagar besvaras andra parters begäranden om hjälp vid en säkerhetsincident?
#         en: Within how many working days are other parties' requests for help with a security incident answered?
#     - path: incident.tlp_respected
#       type: bool
#       question:
#         fi: Noudatetaanko tietoturvapoikkeamien tiedoissa TLP-luokitusta (Traffic Light Protocol)?
#         sv: Följs TLP (Traffic Light Protocol) för uppgifter om säkerhetsincidenter?
#         en: Is the Traffic Light Protocol (TLP) respected for incident information?
#     - path: incident.logs_preserved
#       type: bool
#       question:
#         fi: Säilytetäänkö lokit tietoturvapoikkeaman selvitystä varten?
#         sv: Bevaras loggarna för utredningen av en säkerhetsincident?
#         en: Are logs preserved for the investigation of a security incident?
sec_04 := lib.result(rego.metadata.chain(), _sec_04)

_sec_04_fails contains {
	"fi": sprintf("Poikkeamasta ilmoitetaan vasta %d työpäivässä; enintään 1 sallitaan.", [lib.answer("incident.report_within_working_days")]),
	"sv": sprintf("Incidenten rapporteras först inom %d arbetsdagar; högst 1 tillåts.", [lib.answer("incident.report_within_working_days")]),
	"en": sprintf("Incidents are reported within %d working days; 1 at most is allowed.", [lib.answer("incident.report_within_working_days")]),
} if {
	lib.answer("incident.report_within_working_days") > 1
}

_sec_04_fails contains {
	"fi": sprintf("Avunpyyntöihin vastataan vasta %d työpäivässä; enintään 1 sallitaan.", [lib.answer("incident.assist_within_working_days")]),
	"sv": sprintf("Begäranden om hjälp besvaras först inom %d arbetsdagar; högst 1 tillåts.", [lib.answer("incident.assist_within_working_days")]),
	"en": sprintf("Requests for assistance are answered within %d working days; 1 at most is allowed.", [lib.answer("incident.assist_within_working_days")]),
} if {
	lib.answer("incident.assist_within_working_days") > 1
}

_sec_04_fails contains {
	"fi": "TLP-luokitusta ei noudateta.",
	"sv": "TLP följs inte.",
	"en": "TLP is not respected.",
} if {
	lib.answer("incident.tlp_respected") == false
}

_sec_04_fails contains {
	"fi": "Lokeja ei säilytetä poikkeaman selvitystä varten.",
	"sv": "Loggarna bevaras inte för utredningen.",
	"en": "Logs are not preserved for the investigation.",
} if {
	lib.answer("incident.logs_preserved") == false
}

_sec_04 := lib.fail(sp.join(_sec_04_fails)) if {
	count(_sec_04_fails) > 0
} else := lib.pass({
	"fi": "Poikkeamista ilmoitetaan ja avunpyyntöihin vastataan 1 työpäivässä, TLP-luokitusta noudatetaan ja lokit säilytetään.",
	"sv": "Incidenter rapporteras och begäranden om hjälp besvaras inom 1 arbetsdag, TLP följs och loggarna bevaras.",
	"en": "Incidents are reported and requests for assistance answered within 1 working day, TLP is respected and logs are preserved.",
})

# METADATA
# title: A security contact that answers within 1 working day
# custom:
#   id: SP-SEC-05
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [Sirtfi v1 IR1, Sirtfi v1 OS5, REFEDS Security Contact Metadata Extension, InCommon Baseline Expectations SP 4]
#   titles:
#     fi: Tietoturvayhteyshenkilö vastaa 1 työpäivässä
#     sv: En säkerhetskontakt som svarar inom 1 arbetsdag
#     en: A security contact that answers within 1 working day
#   remediation:
#     fi: Nimeä tietoturvayhteyshenkilö (mieluiten roolipostilaatikko), joka vastaa viesteihin viimeistään seuraavana työpäivänä myös lomien aikana.
#     sv: Utse en säkerhetskontakt (helst en funktionsbrevlåda) som svarar senast följande arbetsdag, även under semestrar.
#     en: Name a security contact (preferably a role mailbox) that answers by the next working day, holidays included.
#   answers:
#     - path: contacts.security_email
#     - path: contacts.security_response_working_days
#       type: integer
#       min: 0
#       question:
#         fi: Kuinka monen työpäivän kuluessa tietoturvayhteyshenkilö vastaa viesteihin (myös lomien aikana)?
#         sv: Inom hur många arbetsdagar svarar säkerhetskontakten på meddelanden (även under semestrar)?
#         en: Within how many working days does the security contact answer messages (holidays included)?
sec_05 := lib.result(rego.metadata.chain(), _sec_05)

_sec_05 := lib.pass({
	"fi": sprintf("Tietoturvayhteyshenkilö %s vastaa viimeistään %d työpäivässä.", [lib.answer("contacts.security_email"), lib.answer("contacts.security_response_working_days")]),
	"sv": sprintf("Säkerhetskontakten %s svarar inom %s (högst 1).", [lib.answer("contacts.security_email"), _working_days_sv(lib.answer("contacts.security_response_working_days"))]),
	"en": sprintf("The security contact %s answers within %s (at most 1).", [lib.answer("contacts.security_email"), _working_days_en(lib.answer("contacts.security_response_working_days"))]),
}) if {
	lib.answer("contacts.security_response_working_days") <= 1
} else := lib.fail({
	"fi": sprintf("Tietoturvayhteyshenkilö %s vastaa vasta %d työpäivässä; enintään 1 sallitaan.", [lib.answer("contacts.security_email"), lib.answer("contacts.security_response_working_days")]),
	"sv": sprintf("Säkerhetskontakten %s svarar först inom %d arbetsdagar; högst 1 tillåts.", [lib.answer("contacts.security_email"), lib.answer("contacts.security_response_working_days")]),
	"en": sprintf("The security contact %s answers only within %d working days; 1 at most is allowed.", [lib.answer("contacts.security_email"), lib.answer("contacts.security_response_working_days")]),
})

# _working_days_sv and _en spell a number of working days with the right
# plural ("1 arbetsdag", "0 arbetsdagar"): "arbetsdag(ar)" reads as a form.
_working_days_sv(1) := "1 arbetsdag"

_working_days_sv(n) := sprintf("%d arbetsdagar", [n]) if n != 1

_working_days_en(1) := "1 working day"

_working_days_en(n) := sprintf("%d working days", [n]) if n != 1
