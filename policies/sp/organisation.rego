# METADATA
# title: Organisation (service providers)
# custom:
#   area: organisation
package mpassaudit.requirements.sp.organisation

import data.mpassaudit.lib
import data.mpassaudit.lib.fi
import data.mpassaudit.lib.sp

# METADATA
# title: Terms accepted, service description and metadata delivered, agreement for production
# custom:
#   id: SP-ORG-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid terms of service, MPASSid agreements, MPASSid deployment (käyttöönotto)]
#   titles:
#     fi: Käyttöehdot hyväksytty, palvelun kuvaus ja metatiedot toimitettu, sopimus tuotantoon
#     sv: Användningsvillkoren godkända, tjänstebeskrivning och metadata levererade, avtal för produktion
#     en: Terms accepted, service description and metadata delivered, agreement for production
#   remediation:
#     fi: Hyväksy MPASSidin käyttöehdot ja toimita palvelun kuvaus ja metatiedot (SAML-metatiedot tai OIDC-asiakkaan tiedot) MPASSid-hallintapalveluun. Tuotantoympäristöön tarvitaan allekirjoitettu sopimus; maksuton tai freemium-palvelu voidaan julkaista demoympäristöön ilman sopimusta.
#     sv: Godkänn MPASSids användningsvillkor och lämna tjänstebeskrivningen och tjänstens metadata (SAML-metadata eller OIDC-klientens uppgifter) via administrationstjänsten för MPASSid. För produktionsmiljön krävs ett undertecknat avtal; en avgiftsfri tjänst eller freemium-tjänst kan publiceras i demomiljön utan avtal.
#     en: Accept the MPASSid terms of service and deliver the service description and the service's metadata (SAML metadata or the OIDC client details) through the MPASSid management service. Production needs a signed agreement; a free or freemium service may be published to the demo environment without one.
#   answers:
#     - path: service.protocol
#     - path: organisation.terms_accepted
#       type: bool
#       question:
#         fi: Onko organisaationne hyväksynyt MPASSidin käyttöehdot?
#         sv: Har er organisation godkänt MPASSids användningsvillkor?
#         en: Has your organisation accepted the MPASSid terms of service?
#     - path: service.description
#       type: text
#       question:
#         fi: Kuvaa palvelu lyhyesti - mitä se tekee, keille (oppilaat, opettajat) ja mihin se käyttää MPASSid-tunnistusta.
#         sv: Beskriv tjänsten kort - vad den gör, för vem (elever, lärare) och vad den använder MPASSid-identifieringen till.
#         en: Describe the service briefly - what it does, for whom (pupils, teachers) and what it uses MPASSid login for.
#     - path: service.metadata_delivered
#       type: bool
#       question:
#         fi: Onko palvelun kuvaus ja palvelun metatiedot (SAML-metatiedot tai OIDC-asiakkaan tiedot, kuten redirect uri -osoitteet) tallennettu MPASSid-hallintapalveluun tai toimitettu MPASSid-operaattorille?
#         sv: Har tjänstebeskrivningen och tjänstens metadata (SAML-metadata eller OIDC-klientens uppgifter, t.ex. redirect uri-adresser) lämnats via administrationstjänsten för MPASSid eller till MPASSid-operatören?
#         en: Have the service description and the service's metadata (SAML metadata or the OIDC client details such as redirect URIs) been entered in the MPASSid management service or delivered to the MPASSid operator?
#     - path: service.pricing
#       type: enum
#       values: [free, freemium, paid]
#       optional: true
#       question:
#         fi: Onko palvelu kouluille maksuton (free), osin maksuton (freemium) vai maksullinen (paid)? Vain maksuton tai freemium-palvelu voi olla demoympäristössä ilman sopimusta.
#         sv: Är tjänsten avgiftsfri (free), delvis avgiftsfri (freemium) eller avgiftsbelagd (paid) för skolorna? Endast en avgiftsfri tjänst eller freemium-tjänst kan finnas i demomiljön utan avtal.
#         en: Is the service free (free), partly free (freemium) or paid (paid) for schools? Only a free or freemium service may be in the demo environment without an agreement.
#     - path: organisation.agreement_signed
#       type: bool
#       optional: true
#       question:
#         fi: Onko organisaationne allekirjoittanut MPASSid-sopimuksen (tarvitaan tuotantoympäristöön ja maksulliselle palvelulle demoympäristöön)?
#         sv: Har er organisation undertecknat MPASSid-avtalet (krävs för produktionsmiljön och för en avgiftsbelagd tjänst i demomiljön)?
#         en: Has your organisation signed the MPASSid agreement (needed for production, and for a paid service in the demo environment)?
#     - path: organisation.signatory_name
#       type: text
#       optional: true
#       question:
#         fi: Sopimuksen allekirjoittajan nimi
#         sv: Namnet på den som undertecknat avtalet
#         en: Name of the person who signed the agreement
#     - path: organisation.signatory_email
#       type: email
#       optional: true
#       question:
#         fi: Sopimuksen allekirjoittajan sähköpostiosoite
#         sv: E-postadress till den som undertecknat avtalet
#         en: E-mail address of the person who signed the agreement
#     - path: organisation.signatory_phone
#       type: text
#       optional: true
#       question:
#         fi: Sopimuksen allekirjoittajan puhelinnumero
#         sv: Telefonnummer till den som undertecknat avtalet
#         en: Phone number of the person who signed the agreement
org_01 := lib.result(rego.metadata.chain(), _org_01)

_signatory := ["organisation.signatory_name", "organisation.signatory_email", "organisation.signatory_phone"]

_org_01_fails contains {
	"fi": "MPASSidin käyttöehtoja ei ole hyväksytty.",
	"sv": "MPASSids användningsvillkor har inte godkänts.",
	"en": "The MPASSid terms of service have not been accepted.",
} if {
	lib.answer("organisation.terms_accepted") == false
}

_org_01_fails contains {
	"fi": "Palvelun kuvausta ja metatietoja ei ole toimitettu.",
	"sv": "Tjänstebeskrivningen och metadata har inte lämnats.",
	"en": "The service description and metadata have not been delivered.",
} if {
	lib.answer("service.metadata_delivered") == false
}

_org_01_fails contains {
	"fi": "Palvelun kuvaus on tyhjä.",
	"sv": "Tjänstebeskrivningen är tom.",
	"en": "The service description is empty.",
} if {
	trim_space(lib.answer("service.description")) == ""
}

_org_01_fails contains {
	"fi": "Tuotantoympäristöön tarvitaan allekirjoitettu MPASSid-sopimus.",
	"sv": "För produktionsmiljön krävs ett undertecknat MPASSid-avtal.",
	"en": "Production needs a signed MPASSid agreement.",
} if {
	input.environment == "production"
	lib.answer("organisation.agreement_signed") == false
}

_org_01_fails contains {
	"fi": "Maksullinen palvelu tarvitsee sopimuksen myös demoympäristöön: ilman sopimusta demoympäristöön voi julkaista vain maksuttoman tai freemium-palvelun.",
	"sv": "En avgiftsbelagd tjänst behöver ett avtal även för demomiljön: utan avtal kan endast en avgiftsfri tjänst eller freemium-tjänst publiceras i demomiljön.",
	"en": "A paid service needs an agreement for the demo environment too: only a free or freemium service may be published there without one.",
} if {
	input.environment == "demo"
	lib.answer("service.pricing") == "paid"
	lib.answer("organisation.agreement_signed") == false
}

# An agreement is needed in production, and in demo for a paid service.
_agreement_needed if input.environment == "production"

_agreement_needed if {
	input.environment == "demo"
	lib.answer("service.pricing") == "paid"
}

# The conditional answers SP-ORG-01 needs in this environment.
_org_01_missing := sp.missing(array.concat(["service.pricing"], _agreement_missing)) if {
	input.environment == "demo"
} else := _agreement_missing

default _agreement_missing := []

_agreement_missing := ["organisation.agreement_signed"] if {
	_agreement_needed
	not lib.answered("organisation.agreement_signed")
} else := sp.missing(_signatory) if {
	lib.answer("organisation.agreement_signed") == true
}

_org_01 := lib.fail(sp.join(_org_01_fails)) if {
	count(_org_01_fails) > 0
} else := lib.unanswered(_org_01_missing) if {
	count(_org_01_missing) > 0
} else := lib.pass({
	"fi": sprintf("Käyttöehdot on hyväksytty, palvelun kuvaus ja metatiedot on toimitettu ja sopimus on allekirjoitettu (%s).", [lib.answer("organisation.signatory_name")]),
	"sv": sprintf("Användningsvillkoren är godkända, tjänstebeskrivningen och metadata är levererade och avtalet är undertecknat (%s).", [lib.answer("organisation.signatory_name")]),
	"en": sprintf("Terms accepted, service description and metadata delivered, agreement signed (%s).", [lib.answer("organisation.signatory_name")]),
}) if {
	lib.answer("organisation.agreement_signed") == true
} else := lib.pass({
	"fi": "Käyttöehdot on hyväksytty ja palvelun kuvaus ja metatiedot on toimitettu. Sopimusta ei tarvita testiympäristössä eikä maksuttoman tai freemium-palvelun demoympäristössä; tuotantoympäristöön se tarvitaan.",
	"sv": "Användningsvillkoren är godkända och tjänstebeskrivningen och metadata är levererade. Avtal krävs inte i testmiljön eller för en avgiftsfri tjänst eller freemium-tjänst i demomiljön; för produktionsmiljön krävs det.",
	"en": "Terms accepted, service description and metadata delivered. No agreement is needed in the test environment, nor for a free or freemium service in demo; production needs one.",
})

# METADATA
# title: Business ID (Y-tunnus) valid
# custom:
#   id: SP-ORG-02
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [Finnish business ID check digit (weights 7-9-10-5-8-4-2), MPASSid management service (ytunnus)]
#   titles:
#     fi: Y-tunnus on oikeamuotoinen
#     sv: FO-numret är giltigt
#     en: Business ID (Y-tunnus) is valid
#   remediation:
#     fi: Anna organisaation Y-tunnus muodossa NNNNNNN-C (7 numeroa, väliviiva ja tarkistenumero), esimerkiksi kaupparekisteriotteen mukaan.
#     sv: Ange organisationens FO-nummer i formen NNNNNNN-C (7 siffror, bindestreck och kontrollsiffra), t.ex. enligt handelsregisterutdraget.
#     en: Give the organisation's business ID as NNNNNNN-C (7 digits, a hyphen and the check digit), e.g. as in the trade register extract.
#   answers:
#     - path: member.business_id
#       type: text
#       question:
#         fi: Organisaation Y-tunnus (NNNNNNN-C)
#         sv: Organisationens FO-nummer (NNNNNNN-C)
#         en: The organisation's business ID (Y-tunnus, NNNNNNN-C)
org_02 := lib.result(rego.metadata.chain(), _org_02)

_org_02 := lib.pass({
	"fi": sprintf("Y-tunnus %s on oikeamuotoinen ja sen tarkistenumero täsmää.", [lib.answer("member.business_id")]),
	"sv": sprintf("FO-numret %s är välformat och kontrollsiffran stämmer.", [lib.answer("member.business_id")]),
	"en": sprintf("The business ID %s is well-formed and its check digit matches.", [lib.answer("member.business_id")]),
}) if {
	fi.business_id_valid(lib.answer("member.business_id"))
} else := lib.fail({
	"fi": sprintf("Y-tunnuksen %s tarkistenumero ei täsmää: tarkista numero.", [lib.answer("member.business_id")]),
	"sv": sprintf("Kontrollsiffran i FO-numret %s stämmer inte: kontrollera numret.", [lib.answer("member.business_id")]),
	"en": sprintf("The check digit of the business ID %s does not match: check the number.", [lib.answer("member.business_id")]),
}) if {
	regex.match(`^[0-9]{7}-[0-9]$`, lib.answer("member.business_id"))
} else := lib.fail({
	"fi": sprintf("Y-tunnus %q ei ole muotoa NNNNNNN-C.", [lib.answer("member.business_id")]),
	"sv": sprintf("FO-numret %q har inte formen NNNNNNN-C.", [lib.answer("member.business_id")]),
	"en": sprintf("The business ID %q is not of the form NNNNNNN-C.", [lib.answer("member.business_id")]),
})

# METADATA
# title: Contacts named and privacy policy URL reachable
# custom:
#   id: SP-ORG-03
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [InCommon Baseline Expectations SP 4, Sirtfi OS5, MPASSid management service (contacts)]
#   titles:
#     fi: Tekninen, hallinnollinen ja tietoturvayhteyshenkilö sekä saavutettava tietosuojaseloste
#     sv: Teknisk, administrativ och säkerhetskontakt samt nåbar dataskyddsbeskrivning
#     en: Technical, administrative and security contacts; privacy policy URL reachable
#   remediation:
#     fi: Nimeä tekninen, hallinnollinen ja tietoturvayhteyshenkilö (mieluiten roolipostilaatikot, ei henkilöiden osoitteita), sitoudu ilmoittamaan muutoksista MPASSid-operaattorille viipymättä ja julkaise tietosuojaseloste https-osoitteessa, joka vastaa ilman virhettä.
#     sv: Utse en teknisk, en administrativ och en säkerhetskontakt (helst funktionsbrevlådor, inte personliga adresser), förbind er att meddela ändringar till MPASSid-operatören utan dröjsmål och publicera dataskyddsbeskrivningen på en https-adress som svarar utan fel.
#     en: Name technical, administrative and security contacts (role mailboxes rather than personal addresses), commit to notifying the MPASSid operator of changes without delay, and publish the privacy notice at an https URL that answers without an error.
#   answers:
#     - path: contacts.technical_email
#       type: email
#       question:
#         fi: Teknisen yhteyshenkilön sähköpostiosoite
#         sv: Teknisk kontaktpersons e-postadress
#         en: E-mail address of the technical contact
#     - path: contacts.administrative_email
#       type: email
#       question:
#         fi: Hallinnollisen yhteyshenkilön sähköpostiosoite
#         sv: Administrativ kontaktpersons e-postadress
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
#         fi: Ovatko yhteysosoitteet roolipostilaatikoita (esim. tietoturva@…), eivät yksittäisten henkilöiden osoitteita?
#         sv: Är kontaktadresserna funktionsbrevlådor (t.ex. sakerhet@…), inte enskilda personers adresser?
#         en: Are the contact addresses role mailboxes (e.g. security@…) rather than individuals' addresses?
#     - path: contacts.change_notification
#       type: bool
#       question:
#         fi: Ilmoitetaanko yhteystietojen muutokset MPASSid-operaattorille viipymättä?
#         sv: Meddelas ändringar i kontaktuppgifterna till MPASSid-operatören utan dröjsmål?
#         en: Are changes to the contact details notified to the MPASSid operator without delay?
#     - path: organisation.privacy_notice_url
#       type: url
#       probe: http
#       question:
#         fi: Tietosuojaselosteen osoite (https-URL)
#         sv: Adressen till dataskyddsbeskrivningen (https-URL)
#         en: URL of the privacy notice (https)
org_03 := lib.result(rego.metadata.chain(), _org_03)

_privacy := input.probes["organisation.privacy_notice_url"]

_org_03_fails contains {
	"fi": "Yhteystietojen muutoksia ei ilmoiteta MPASSid-operaattorille viipymättä.",
	"sv": "Ändringar i kontaktuppgifterna meddelas inte MPASSid-operatören utan dröjsmål.",
	"en": "Changes to the contact details are not notified to the MPASSid operator without delay.",
} if {
	lib.answer("contacts.change_notification") == false
}

_org_03_fails contains {
	"fi": sprintf("Tietosuojaseloste %s vastasi HTTP-tilakoodilla %v (odotettiin 2xx).", [object.get(_privacy, "target", ""), object.get(_privacy, "status_code", "")]),
	"sv": sprintf("Dataskyddsbeskrivningen %s svarade med HTTP-statuskod %v (2xx väntades).", [object.get(_privacy, "target", ""), object.get(_privacy, "status_code", "")]),
	"en": sprintf("The privacy notice %s answered with HTTP status %v (2xx expected).", [object.get(_privacy, "target", ""), object.get(_privacy, "status_code", "")]),
} if {
	_privacy.status == "ok"
	not _2xx(object.get(_privacy, "status_code", 0))
}

_org_03_fails contains {
	"fi": sprintf("Tietosuojaseloste ohjautuu osoitteeseen %s, joka ei ole https-osoite.", [object.get(_privacy, "final_url", "")]),
	"sv": sprintf("Dataskyddsbeskrivningen omdirigeras till %s, som inte är en https-adress.", [object.get(_privacy, "final_url", "")]),
	"en": sprintf("The privacy notice ends at %s, which is not https.", [object.get(_privacy, "final_url", "")]),
} if {
	_privacy.status == "ok"
	not startswith(lower(object.get(_privacy, "final_url", "")), "https://")
}

_2xx(code) if {
	is_number(code)
	code >= 200
	code < 300
}

_org_03_warns contains {
	"fi": "Yhteysosoitteiden tulisi olla roolipostilaatikoita, jotta ne toimivat henkilövaihdosten jälkeenkin.",
	"sv": "Kontaktadresserna bör vara funktionsbrevlådor så att de fungerar även efter personbyten.",
	"en": "The contact addresses should be role mailboxes, so that they still work when people change.",
} if {
	lib.answer("contacts.role_mailboxes") == false
}

default _org_03_evidence := []

_org_03_evidence := [lib.probe_evidence(_privacy)] if _privacy

_org_03 := lib.fail_with(sp.join(_org_03_fails), _org_03_evidence) if {
	count(_org_03_fails) > 0
} else := lib.probe_failed(_privacy) if {
	_privacy.status != "ok"
} else := {
	"status": "manual",
	"message": sp.join(array.concat(
		[lib.not_probed(sprintf("organisation.privacy_notice_url = %s", [lib.answer("organisation.privacy_notice_url")])).message],
		[m | some m in _org_03_warns],
	)),
} if {
	not _privacy
} else := lib.warn_with(sp.join(_org_03_warns), _org_03_evidence) if {
	count(_org_03_warns) > 0
} else := lib.pass_with(
	{
		"fi": sprintf("Yhteyshenkilöt on nimetty ja tietosuojaseloste vastaa https-osoitteessa %s (HTTP %v).", [object.get(_privacy, "final_url", ""), object.get(_privacy, "status_code", "")]),
		"sv": sprintf("Kontaktpersonerna är utsedda och dataskyddsbeskrivningen svarar på https-adressen %s (HTTP %v).", [object.get(_privacy, "final_url", ""), object.get(_privacy, "status_code", "")]),
		"en": sprintf("Contacts named; the privacy notice answers at %s over https (HTTP %v).", [object.get(_privacy, "final_url", ""), object.get(_privacy, "status_code", "")]),
	},
	_org_03_evidence,
)
