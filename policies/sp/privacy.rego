# METADATA
# title: Privacy (service providers)
# custom:
#   area: privacy
package mpassaudit.requirements.sp.privacy

import data.mpassaudit.lib
import data.mpassaudit.lib.sp

# METADATA
# title: Data processed only for the education providers' purposes, each attribute with a purpose
# custom:
#   id: SP-PRIV-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid terms of service, GDPR Art. 5(1)(b)-(c), InCommon Baseline Expectations SP 2, InCommon Baseline Expectations SP 5]
#   titles:
#     fi: Tietoja käsitellään vain koulutuksen järjestäjien tarkoituksiin, ja jokaisella attribuutilla on käyttötarkoitus
#     sv: Uppgifterna behandlas endast för utbildningsanordnarnas ändamål, och varje attribut har ett ändamål
#     en: Data processed only for the education providers' purposes; each requested attribute has a stated purpose
#   remediation:
#     fi: Käsittele MPASSidin välittämiä henkilötietoja vain koulutuksen järjestäjien tarkoituksiin, älä luovuta niitä kolmansille osapuolille ja pyydä vain attribuutteja, joille on kerrottu käyttötarkoitus (muotoa "attribuutti - käyttötarkoitus").
#     sv: Behandla personuppgifterna som MPASSid förmedlar endast för utbildningsanordnarnas ändamål, lämna inte ut dem till tredje parter och begär endast attribut med ett angivet ändamål (i formen "attribut - ändamål").
#     en: Process the personal data MPASSid brokers only for the education providers' purposes, do not share it with third parties, and request only attributes with a stated purpose (as "attribute - purpose").
#   answers:
#     - path: privacy.purpose_limited
#       type: bool
#       question:
#         fi: Käsitteleekö palvelu MPASSidin välittämiä henkilötietoja vain koulutuksen järjestäjien tarkoituksiin (ei esim. markkinointiin tai profilointiin)?
#         sv: Behandlar tjänsten personuppgifterna som MPASSid förmedlar endast för utbildningsanordnarnas ändamål (t.ex. inte för marknadsföring eller profilering)?
#         en: Does the service process the personal data MPASSid brokers only for the education providers' purposes (not e.g. for marketing or profiling)?
#     - path: privacy.third_party_sharing
#       type: bool
#       question:
#         fi: Luovutetaanko henkilötietoja kolmansille osapuolille? (Henkilötietojen käsittelijät, joiden kanssa on käsittelysopimus, kuten palvelinalustan ylläpitäjä, eivät ole kolmansia osapuolia.)
#         sv: Lämnas personuppgifter ut till tredje parter? (Personuppgiftsbiträden med ett biträdesavtal, t.ex. den som driver serverplattformen, är inte tredje parter.)
#         en: Is personal data shared with third parties? (Processors under a data processing agreement, such as the hosting provider, are not third parties.)
#     - path: privacy.attribute_purposes
#       type: text
#       list: true
#       question:
#         fi: Jokaisen palvelun pyytämän attribuutin käyttötarkoitus, yksi rivi per attribuutti muodossa "attribuutti - käyttötarkoitus", esim. "urn:mpass.id:role - käyttöoikeudet roolin mukaan".
#         sv: Ändamålet med varje attribut som tjänsten begär, ett per attribut i formen "attribut - ändamål", t.ex. "urn:mpass.id:role - behörigheter enligt roll".
#         en: The purpose of every attribute the service requests, one per attribute as "attribute - purpose", e.g. "urn:mpass.id:role - access rights by role".
priv_01 := lib.result(rego.metadata.chain(), _priv_01)

# A purpose entry is "attribute - purpose" (a hyphen or an en dash between
# spaces, since attribute names such as urn:mpass.id:role contain colons).
# _purposes is the set of attribute names that have a purpose line.
_purposes := {lower(trim_space(parts[1])) |
	some e in lib.answer("privacy.attribute_purposes")
	parts := regex.find_all_string_submatch_n(`^\s*(\S+)\s+[-–]\s+(.*)$`, e, 1)[0]
}

_without_purpose := [e |
	some e in lib.answer("privacy.attribute_purposes")
	not _has_purpose(e)
]

_has_purpose(e) if {
	parts := regex.find_all_string_submatch_n(`^\s*(\S+)\s+[-–]\s+(.*)$`, e, 1)[0]
	trim_space(parts[2]) != ""
}

# Requested attributes of the probed SAML metadata that no purpose names
# (by Name or FriendlyName).
_unexplained := [name |
	some a in object.get(sp.sp, "requested_attributes", [])
	not lower(a.name) in _purposes
	not lower(object.get(a, "friendly_name", "")) in _purposes
	name := a.name
]

_priv_01_fails contains {
	"fi": "Palvelu käsittelee henkilötietoja muihinkin kuin koulutuksen järjestäjien tarkoituksiin.",
	"sv": "Tjänsten behandlar personuppgifter även för andra ändamål än utbildningsanordnarnas.",
	"en": "The service processes personal data for purposes other than the education providers'.",
} if {
	lib.answer("privacy.purpose_limited") == false
}

_priv_01_fails contains {
	"fi": "Henkilötietoja luovutetaan kolmansille osapuolille.",
	"sv": "Personuppgifter lämnas ut till tredje parter.",
	"en": "Personal data is shared with third parties.",
} if {
	lib.answer("privacy.third_party_sharing") == true
}

_priv_01_fails contains {
	"fi": "Attribuuttien käyttötarkoituksia ei ole kerrottu.",
	"sv": "Inga ändamål för attributen har angetts.",
	"en": "No attribute purposes are given.",
} if {
	count(lib.answer("privacy.attribute_purposes")) == 0
}

_priv_01_fails contains {
	"fi": sprintf("Käyttötarkoitus puuttuu tai rivi ei ole muotoa \"attribuutti - käyttötarkoitus\": %s.", [sp.list(_without_purpose)]),
	"sv": sprintf("Ändamålet saknas eller raden har inte formen \"attribut - ändamål\": %s.", [sp.list(_without_purpose)]),
	"en": sprintf("Purpose missing, or the line is not \"attribute - purpose\": %s.", [sp.list(_without_purpose)]),
} if {
	count(_without_purpose) > 0
}

_priv_01_fails contains {
	"fi": sprintf("Metatiedoissa pyydetään attribuutteja, joille ei ole kerrottu käyttötarkoitusta: %s.", [sp.list(_unexplained)]),
	"sv": sprintf("Metadata begär attribut utan angivet ändamål: %s.", [sp.list(_unexplained)]),
	"en": sprintf("The metadata requests attributes without a stated purpose: %s.", [sp.list(_unexplained)]),
} if {
	sp.metadata.status == "ok"
	count(_unexplained) > 0
}

default _priv_01_evidence := []

_priv_01_evidence := sp.metadata_evidence if sp.metadata

_priv_01 := lib.fail_with(sp.join(_priv_01_fails), _priv_01_evidence) if {
	count(_priv_01_fails) > 0
} else := {"status": "manual", "evidence": _priv_01_evidence, "message": {
	"fi": sprintf("Käyttötarkoitus on kerrottu %d attribuutille; arvioija tarkistaa, että jokainen attribuutti on palvelulle tarpeellinen (tietojen minimointi).", [count(_purposes)]),
	"sv": sprintf("Ändamål har angetts för %d attribut; granskaren bedömer att varje attribut behövs för tjänsten (dataminimering).", [count(_purposes)]),
	"en": sprintf("Purposes are stated for %d attributes; a reviewer judges that each is needed by the service (data minimisation).", [count(_purposes)]),
}}

# METADATA
# title: urn:mpass.id:uid is not assumed permanent
# custom:
#   id: SP-PRIV-02
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid data model 1.4 (urn:mpass.id:uid), MPASSid SAML profile, MPASSid OIDC profile]
#   titles:
#     fi: Palvelu ei oleta urn:mpass.id:uid-tunnisteen olevan pysyvä
#     sv: Tjänsten antar inte att urn:mpass.id:uid är permanent
#     en: The service does not assume urn:mpass.id:uid is permanent
#   remediation:
#     fi: Älä käytä urn:mpass.id:uid-tunnistetta käyttäjätilin pysyvänä avaimena; se vaihtuu, kun käyttäjä siirtyy toiseen käyttäjähakemistoon. Tarjoa tapa yhdistää uusi tunniste olemassa olevaan käyttäjätiliin.
#     sv: Använd inte urn:mpass.id:uid som en permanent nyckel för användarkontot; den ändras när användaren flyttar till ett annat användarregister. Erbjud ett sätt att koppla den nya identifieraren till ett befintligt konto.
#     en: Do not use urn:mpass.id:uid as a permanent account key; it changes when the user moves to another user registry. Offer a way to link the new identifier to the existing account.
#   answers:
#     - path: privacy.uid_change_handled
#       type: bool
#       question:
#         fi: Toimiiko palvelu oikein, kun käyttäjän urn:mpass.id:uid-tunniste vaihtuu (esim. käyttäjän siirtyessä toiseen käyttäjähakemistoon), eli tunnistetta ei käytetä pysyvänä avaimena?
#         sv: Fungerar tjänsten korrekt när användarens urn:mpass.id:uid ändras (t.ex. när användaren flyttar till ett annat användarregister), dvs. identifieraren används inte som en permanent nyckel?
#         en: Does the service work correctly when a user's urn:mpass.id:uid changes (e.g. when the user moves to another user registry), i.e. it is not used as a permanent key?
priv_02 := lib.result(rego.metadata.chain(), _priv_02)

_priv_02 := lib.pass({
	"fi": "Palvelu ei käytä urn:mpass.id:uid-tunnistetta pysyvänä avaimena.",
	"sv": "Tjänsten använder inte urn:mpass.id:uid som en permanent nyckel.",
	"en": "The service does not use urn:mpass.id:uid as a permanent key.",
}) if {
	lib.answer("privacy.uid_change_handled") == true
} else := lib.fail({
	"fi": "Palvelu olettaa urn:mpass.id:uid-tunnisteen pysyväksi: käyttäjä menettää tietonsa, kun tunniste vaihtuu.",
	"sv": "Tjänsten antar att urn:mpass.id:uid är permanent: användaren förlorar sina uppgifter när identifieraren ändras.",
	"en": "The service assumes urn:mpass.id:uid is permanent: users lose their data when it changes.",
})

# METADATA
# title: Test learner numbers rejected in production unless explicitly allowed
# custom:
#   id: SP-PRIV-03
#   severity: must
#   applies_to: [service-provider]
#   environments: [production]
#   evidence: answer
#   references: [MPASSid data model 1.4 (learnerId), MPASSid and learner number (testioppijanumero), MPASSid management service (allowtestlearnerid)]
#   titles:
#     fi: Tuotantoympäristössä testioppijanumerot hylätään, ellei niitä ole erikseen sallittu
#     sv: Teststudentnummer (testioppijanumero) avvisas i produktionsmiljön om de inte uttryckligen tillåts
#     en: Test learner numbers are rejected in production unless explicitly allowed
#   remediation:
#     fi: Hylkää tuotantoympäristössä käyttäjät, joiden oppijanumero on testioppijanumero (1.2.246.562.98.*), tai pyydä MPASSid-operaattorilta niiden salliminen palvelulle.
#     sv: Avvisa i produktionsmiljön användare vars studentnummer (oppijanumero) är ett teststudentnummer (testioppijanumero, 1.2.246.562.98.*), eller be MPASSid-operatören att tillåta dem för tjänsten.
#     en: In production, reject users whose learner number is a test learner number (1.2.246.562.98.*), or ask the MPASSid operator to allow them for the service.
#   answers:
#     - path: privacy.rejects_test_learner_numbers
#       type: bool
#       question:
#         fi: Hylkääkö palvelu tuotantoympäristössä testioppijanumerot (1.2.246.562.98.*)?
#         sv: Avvisar tjänsten teststudentnummer (testioppijanumero, 1.2.246.562.98.*) i produktionsmiljön?
#         en: Does the service reject test learner numbers (1.2.246.562.98.*) in production?
#     - path: privacy.test_learner_numbers_allowed
#       type: bool
#       optional: true
#       question:
#         fi: Jos ei, onko MPASSid-operaattori erikseen sallinut testioppijanumerot palvelulle tuotantoympäristössä?
#         sv: Om inte, har MPASSid-operatören uttryckligen tillåtit teststudentnummer (testioppijanumero) för tjänsten i produktionsmiljön?
#         en: If not, has the MPASSid operator explicitly allowed test learner numbers for the service in production?
priv_03 := lib.result(rego.metadata.chain(), _priv_03)

_priv_03 := lib.pass({
	"fi": "Palvelu hylkää testioppijanumerot tuotantoympäristössä.",
	"sv": "Tjänsten avvisar teststudentnummer (testioppijanumero) i produktionsmiljön.",
	"en": "The service rejects test learner numbers in production.",
}) if {
	lib.answer("privacy.rejects_test_learner_numbers") == true
} else := lib.pass({
	"fi": "Palvelu hyväksyy testioppijanumerot tuotantoympäristössä, ja MPASSid-operaattori on sallinut sen erikseen.",
	"sv": "Tjänsten godtar teststudentnummer (testioppijanumero) i produktionsmiljön, och MPASSid-operatören har uttryckligen tillåtit det.",
	"en": "The service accepts test learner numbers in production, explicitly allowed by the MPASSid operator.",
}) if {
	lib.answer("privacy.test_learner_numbers_allowed") == true
} else := lib.unanswered(["privacy.test_learner_numbers_allowed"]) if {
	not lib.answered("privacy.test_learner_numbers_allowed")
} else := lib.fail({
	"fi": "Palvelu hyväksyy testioppijanumerot (1.2.246.562.98.*) tuotantoympäristössä, eikä MPASSid-operaattori ole sallinut sitä.",
	"sv": "Tjänsten godtar teststudentnummer (testioppijanumero, 1.2.246.562.98.*) i produktionsmiljön, och MPASSid-operatören har inte tillåtit det.",
	"en": "The service accepts test learner numbers (1.2.246.562.98.*) in production without the MPASSid operator's permission.",
})
