# METADATA
# title: Organisation (education providers)
# custom:
#   area: organisation
package mpassaudit.requirements.ep.organisation

import data.mpassaudit.lib
import data.mpassaudit.lib.fi

# METADATA
# title: Terms of use accepted and signatory recorded
# custom:
#   id: EP-ORG-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid terms of service, MPASSid membership agreement]
#   titles:
#     fi: Käyttöehdot on hyväksytty ja allekirjoittaja kirjattu
#     sv: Användningsvillkoren är godkända och undertecknaren registrerad
#     en: Terms of use accepted and signatory recorded
#   remediation:
#     fi: Hyväksy MPASSidin käyttöehdot (tai allekirjoita sopimus) ja kirjaa allekirjoittajan nimi, sähköpostiosoite ja puhelinnumero.
#     sv: Godkänn användningsvillkoren för MPASSid (eller underteckna avtalet) och ange undertecknarens namn, e-postadress och telefonnummer.
#     en: Accept the MPASSid terms of use (or sign the agreement) and record the signatory's name, e-mail address and phone number.
#   answers:
#     - path: organisation.terms_accepted
#       type: bool
#       question:
#         fi: Onko MPASSidin käyttöehdot hyväksytty tai sopimus allekirjoitettu?
#         sv: Har användningsvillkoren för MPASSid godkänts eller avtalet undertecknats?
#         en: Have the MPASSid terms of use been accepted or the agreement signed?
#     - path: organisation.signatory_name
#       type: text
#       question:
#         fi: Käyttöehdot hyväksyneen tai sopimuksen allekirjoittaneen henkilön nimi
#         sv: Namn på den person som godkände villkoren eller undertecknade avtalet
#         en: Name of the person who accepted the terms or signed the agreement
#     - path: organisation.signatory_email
#       type: email
#       question:
#         fi: Allekirjoittajan sähköpostiosoite
#         sv: Undertecknarens e-postadress
#         en: The signatory's e-mail address
#     - path: organisation.signatory_phone
#       type: text
#       question:
#         fi: Allekirjoittajan puhelinnumero (esim. +358 40 123 4567)
#         sv: Undertecknarens telefonnummer (t.ex. +358 40 123 4567)
#         en: The signatory's phone number (e.g. +358 40 123 4567)
org_01 := lib.result(rego.metadata.chain(), _org_01)

_org_01 := lib.fail({
	"fi": "Käyttöehtoja ei ole hyväksytty eikä sopimusta allekirjoitettu.",
	"sv": "Användningsvillkoren har inte godkänts och avtalet har inte undertecknats.",
	"en": "The terms of use have not been accepted nor the agreement signed.",
}) if {
	lib.answer("organisation.terms_accepted") == false
} else := lib.fail({
	"fi": "Allekirjoittajan nimi on tyhjä.",
	"sv": "Undertecknarens namn är tomt.",
	"en": "The signatory's name is empty.",
}) if {
	lib.answered("organisation.signatory_name")
	trim_space(lib.answer("organisation.signatory_name")) == ""
} else := lib.fail({
	"fi": sprintf("Allekirjoittajan puhelinnumero %q ei ole puhelinnumero (esim. +358 40 123 4567).", [lib.answer("organisation.signatory_phone")]),
	"sv": sprintf("Undertecknarens telefonnummer %q är inte ett telefonnummer (t.ex. +358 40 123 4567).", [lib.answer("organisation.signatory_phone")]),
	"en": sprintf("The signatory's phone number %q is not a phone number (e.g. +358 40 123 4567).", [lib.answer("organisation.signatory_phone")]),
}) if {
	lib.answered("organisation.signatory_phone")
	not phone_valid(lib.answer("organisation.signatory_phone"))
} else := lib.pass({
	"fi": sprintf("Käyttöehdot hyväksytty; allekirjoittaja %s.", [lib.answer("organisation.signatory_name")]),
	"sv": sprintf("Användningsvillkoren är godkända; undertecknare %s.", [lib.answer("organisation.signatory_name")]),
	"en": sprintf("Terms of use accepted; signatory %s.", [lib.answer("organisation.signatory_name")]),
})

# phone_valid: digits with an optional leading +, spaces, hyphens and
# brackets; 7 to 15 digits (E.164 has at most 15).
phone_valid(s) if {
	regex.match(`^\+?[0-9][0-9 ()-]*[0-9]$`, trim_space(s))
	n := count(regex.find_n(`[0-9]`, s, -1))
	n >= 7
	n <= 15
}

# METADATA
# title: Business ID (Y-tunnus) valid
# custom:
#   id: EP-ORG-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid membership agreement, Finnish Business Information System (YTJ) business ID check digit]
#   titles:
#     fi: Y-tunnus on oikeamuotoinen
#     sv: FO-numret är korrekt
#     en: Business ID (Y-tunnus) is valid
#   remediation:
#     fi: Anna organisaation Y-tunnus muodossa NNNNNNN-C (esim. 0201256-6) ja tarkista tarkistusmerkki YTJ:stä.
#     sv: Ange organisationens FO-nummer i formen NNNNNNN-C (t.ex. 0201256-6) och kontrollera kontrollsiffran i FODS (YTJ).
#     en: Give the organisation's business ID as NNNNNNN-C (e.g. 0201256-6) and check the check digit in the Business Information System (YTJ).
#   answers:
#     - path: member.business_id
#       type: text
#       question:
#         fi: Organisaation Y-tunnus (muodossa 1234567-8)
#         sv: Organisationens FO-nummer (i formen 1234567-8)
#         en: The organisation's business ID (Y-tunnus, as 1234567-8)
org_02 := lib.result(rego.metadata.chain(), _org_02(lib.answer("member.business_id")))

_org_02(id) := lib.pass({
	"fi": sprintf("Y-tunnus %s on oikeamuotoinen.", [id]),
	"sv": sprintf("FO-numret %s är korrekt.", [id]),
	"en": sprintf("Business ID %s is valid.", [id]),
}) if {
	fi.business_id_valid(id)
} else := lib.fail({
	"fi": sprintf("Y-tunnuksen %s tarkistusmerkki on väärä: seitsemästä ensimmäisestä numerosta laskettuna sen pitäisi olla %d.", [id, fi.business_id_check(substring(id, 0, 7))]),
	"sv": sprintf("Kontrollsiffran i FO-numret %s är fel: beräknad från de sju första siffrorna ska den vara %d.", [id, fi.business_id_check(substring(id, 0, 7))]),
	"en": sprintf("The check digit of business ID %s is wrong: computed from the first seven digits it should be %d.", [id, fi.business_id_check(substring(id, 0, 7))]),
}) if {
	regex.match(`^[0-9]{7}-[0-9]$`, id)
	fi.business_id_check(substring(id, 0, 7))
} else := lib.fail({
	"fi": sprintf("Y-tunnus %s ei ole voimassa oleva tunnus: sen seitsemästä ensimmäisestä numerosta ei voi muodostaa tarkistusmerkkiä.", [id]),
	"sv": sprintf("FO-numret %s är inte giltigt: ingen kontrollsiffra kan bildas av dess sju första siffror.", [id]),
	"en": sprintf("Business ID %s cannot exist: no check digit can be formed from its first seven digits.", [id]),
}) if {
	regex.match(`^[0-9]{7}-[0-9]$`, id)
} else := lib.fail({
	"fi": sprintf("Y-tunnus %q ei ole muotoa NNNNNNN-C (seitsemän numeroa, yhdysmerkki, tarkistusmerkki).", [id]),
	"sv": sprintf("FO-numret %q har inte formen NNNNNNN-C (sju siffror, bindestreck, kontrollsiffra).", [id]),
	"en": sprintf("Business ID %q is not of the form NNNNNNN-C (seven digits, hyphen, check digit).", [id]),
})

# METADATA
# title: Technical, administrative and security contacts
# custom:
#   id: EP-ORG-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Sirtfi IR1, Sirtfi OS5, InCommon Baseline Expectations IdP 4 (contacts)]
#   titles:
#     fi: Tekninen, hallinnollinen ja tietoturvayhteyshenkilö on nimetty
#     sv: Tekniska, administrativa och säkerhetsansvariga kontaktpersoner är utsedda
#     en: Technical, administrative and security contacts are named
#   remediation:
#     fi: Nimeä tekninen, hallinnollinen ja tietoturvayhteyshenkilö, käytä mieluiten rooliosoitteita (esim. tietoturva@kunta.fi) ja sovi, että yhteystietojen muutoksista ilmoitetaan MPASSid-operaattorille viipymättä.
#     sv: Utse tekniska, administrativa och säkerhetsansvariga kontaktpersoner, använd helst funktionsadresser (t.ex. informationssakerhet@kommun.fi) och kom överens om att ändringar i kontaktuppgifterna meddelas operatören utan dröjsmål.
#     en: Name technical, administrative and security contacts, preferably as role mailboxes (e.g. security@municipality.fi), and agree that changes to the contact details are notified to the MPASSid operator without delay.
#   answers:
#     - path: contacts.technical_email
#       type: email
#       question:
#         fi: Teknisen yhteyshenkilön sähköpostiosoite
#         sv: Den tekniska kontaktpersonens e-postadress
#         en: E-mail address of the technical contact
#     - path: contacts.administrative_email
#       type: email
#       question:
#         fi: Hallinnollisen yhteyshenkilön sähköpostiosoite
#         sv: Den administrativa kontaktpersonens e-postadress
#         en: E-mail address of the administrative contact
#     - path: contacts.security_email
#       type: email
#       question:
#         fi: Tietoturvayhteyshenkilön sähköpostiosoite (tietoturvapoikkeamat)
#         sv: Säkerhetskontaktens e-postadress (säkerhetsincidenter)
#         en: E-mail address of the security contact (security incidents)
#     - path: contacts.role_mailboxes
#       type: bool
#       question:
#         fi: Ovatko yhteysosoitteet rooliosoitteita (esim. tietoturva@…), jotka eivät vanhene henkilön vaihtuessa?
#         sv: Är kontaktadresserna funktionsadresser (t.ex. säkerhet@…) som fortsätter att fungera när personer byts?
#         en: Are the contact addresses role mailboxes (e.g. security@…) that keep working when people change?
#     - path: contacts.change_notification
#       type: bool
#       question:
#         fi: Ilmoitetaanko yhteystietojen muutoksista MPASSid-operaattorille viipymättä?
#         sv: Meddelas ändringar i kontaktuppgifterna till MPASSid-operatören utan dröjsmål?
#         en: Are changes to the contact details notified to the MPASSid operator without delay?
org_03 := lib.result(rego.metadata.chain(), _org_03)

_org_03 := lib.fail({
	"fi": "Yhteystietojen muutoksista ei ilmoiteta MPASSid-operaattorille.",
	"sv": "Ändringar i kontaktuppgifterna meddelas inte till MPASSid-operatören.",
	"en": "Changes to the contact details are not notified to the MPASSid operator.",
}) if {
	lib.answer("contacts.change_notification") == false
} else := lib.warn({
	"fi": "Yhteyshenkilöt on nimetty, mutta osoitteet ovat henkilökohtaisia: käytä rooliosoitteita, jotta yhteys säilyy henkilöiden vaihtuessa.",
	"sv": "Kontaktpersonerna är utsedda men adresserna är personliga: använd funktionsadresser så att kontakten består när personer byts.",
	"en": "The contacts are named but the addresses are personal: use role mailboxes so that contact survives staff changes.",
}) if {
	lib.answer("contacts.role_mailboxes") == false
} else := lib.pass({
	"fi": sprintf("Tekninen %s, hallinnollinen %s, tietoturva %s.", _contacts),
	"sv": sprintf("Teknisk %s, administrativ %s, säkerhet %s.", _contacts),
	"en": sprintf("Technical %s, administrative %s, security %s.", _contacts),
})

_contacts := [lib.answer("contacts.technical_email"), lib.answer("contacts.administrative_email"), lib.answer("contacts.security_email")]

# METADATA
# title: Controller of its users' data; privacy notice published
# custom:
#   id: EP-ORG-04
#   severity: must
#   applies_to: [education-provider]
#   evidence: probe
#   references: [MPASSid terms of service (controller), EU GDPR articles 13–14, InCommon Baseline Expectations IdP 4 (privacy URL)]
#   titles:
#     fi: Koulutustoimija on käyttäjiensä tietojen rekisterinpitäjä ja tietosuojaseloste on julkaistu
#     sv: Utbildningsaktören är personuppgiftsansvarig för sina användares uppgifter och dataskyddsbeskrivningen är publicerad
#     en: Controller of its users' data; privacy notice published
#   remediation:
#     fi: Julkaise käyttäjähakemiston tietosuojaseloste https-osoitteessa, joka vastaa ilman kirjautumista, ja kirjaa koulutustoimija rekisterinpitäjäksi.
#     sv: Publicera användarregistrets dataskyddsbeskrivning på en https-adress som svarar utan inloggning, och ange utbildningsaktören som personuppgiftsansvarig.
#     en: Publish the user registry's privacy notice at an https address that answers without login, and record the education provider as the controller.
#   answers:
#     - path: organisation.controller
#       type: bool
#       question:
#         fi: Toimiiko koulutustoimija käyttäjiensä henkilötietojen rekisterinpitäjänä?
#         sv: Är utbildningsaktören personuppgiftsansvarig för sina användares personuppgifter?
#         en: Does the education provider act as the controller of its users' personal data?
#     - path: organisation.privacy_notice_url
#       type: url
#       probe: http
#       question:
#         fi: Tietosuojaselosteen verkko-osoite (https)
#         sv: Webbadress till dataskyddsbeskrivningen (https)
#         en: Web address of the privacy notice (https)
org_04 := lib.result(rego.metadata.chain(), _org_04)

_org_04 := lib.fail({
	"fi": "Koulutustoimija ei toimi käyttäjiensä tietojen rekisterinpitäjänä.",
	"sv": "Utbildningsaktören är inte personuppgiftsansvarig för sina användares uppgifter.",
	"en": "The education provider does not act as the controller of its users' data.",
}) if {
	lib.answer("organisation.controller") == false
} else := lib.not_probed(lib.answer("organisation.privacy_notice_url")) if {
	not lib.probe("organisation.privacy_notice_url")
} else := lib.probe_failed(p) if {
	p := lib.probe("organisation.privacy_notice_url")
	p.status == "error"
} else := _https_page(lib.probe("organisation.privacy_notice_url"))

# _https_page judges an http probe result: 2xx after redirects, final URL https.
_https_page(p) := lib.pass_with(
	{
		"fi": sprintf("Tietosuojaseloste vastaa osoitteessa %s (HTTP %d).", [p.final_url, p.status_code]),
		"sv": sprintf("Dataskyddsbeskrivningen svarar på %s (HTTP %d).", [p.final_url, p.status_code]),
		"en": sprintf("The privacy notice answers at %s (HTTP %d).", [p.final_url, p.status_code]),
	},
	[lib.probe_evidence(p)],
) if {
	p.status_code >= 200
	p.status_code < 300
	p.https == true
	startswith(lower(p.final_url), "https://")
} else := lib.fail_with(
	{
		"fi": sprintf("Tietosuojaseloste päätyy osoitteeseen %s ilman https-yhteyttä.", [p.final_url]),
		"sv": sprintf("Dataskyddsbeskrivningen hamnar på %s utan https.", [p.final_url]),
		"en": sprintf("The privacy notice ends up at %s without https.", [p.final_url]),
	},
	[lib.probe_evidence(p)],
) if {
	p.status_code >= 200
	p.status_code < 300
} else := lib.fail_with(
	{
		"fi": sprintf("Tietosuojaseloste ei vastaa: HTTP %v osoitteessa %s.", [p.status_code, object.get(p, "final_url", p.target)]),
		"sv": sprintf("Dataskyddsbeskrivningen svarar inte: HTTP %v på %s.", [p.status_code, object.get(p, "final_url", p.target)]),
		"en": sprintf("The privacy notice does not answer: HTTP %v at %s.", [p.status_code, object.get(p, "final_url", p.target)]),
	},
	[lib.probe_evidence(p)],
)

# METADATA
# title: Releases only the data that education requires
# custom:
#   id: EP-ORG-05
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [EU GDPR article 5(1)(c) (data minimisation), MPASSid data model 1.4]
#   titles:
#     fi: Koulutustoimija luovuttaa vain opetuksen edellyttämät tiedot
#     sv: Utbildningsaktören lämnar endast ut de uppgifter som undervisningen kräver
#     en: Releases only the data that education requires
#   remediation:
#     fi: Rajaa MPASSidille välitettävät attribuutit tietomallin 1.4 tietoihin, joita opetus ja koulutus edellyttävät, ja poista muut (esim. henkilötunnus, osoite, huoltajatiedot).
#     sv: Begränsa attributen som förmedlas till MPASSid till de uppgifter i datamodell 1.4 som undervisningen kräver och ta bort andra (t.ex. personbeteckning, adress, vårdnadshavare).
#     en: Limit the attributes released to MPASSid to the data model 1.4 data that education requires and remove others (e.g. personal identity code, address, guardians).
#   answers:
#     - path: organisation.data_minimisation
#       type: bool
#       question:
#         fi: Luovutetaanko MPASSidille vain opetuksen ja koulutuksen edellyttämät tiedot (tietomallin 1.4 attribuutit, ei esim. henkilötunnusta tai osoitetta)?
#         sv: Förmedlas endast de uppgifter som undervisningen kräver till MPASSid (attributen i datamodell 1.4, t.ex. ingen personbeteckning eller adress)?
#         en: Is only the data that education requires released to MPASSid (data model 1.4 attributes; e.g. no personal identity code or address)?
org_05 := lib.result(rego.metadata.chain(), _org_05)

_org_05 := lib.pass({
	"fi": "Vain opetuksen edellyttämät tiedot luovutetaan.",
	"sv": "Endast de uppgifter som undervisningen kräver lämnas ut.",
	"en": "Only the data that education requires is released.",
}) if {
	lib.answer("organisation.data_minimisation") == true
} else := lib.fail({
	"fi": "MPASSidille luovutetaan myös muita kuin opetuksen edellyttämiä tietoja.",
	"sv": "Även andra uppgifter än de som undervisningen kräver lämnas ut till MPASSid.",
	"en": "Data beyond what education requires is released to MPASSid.",
})
