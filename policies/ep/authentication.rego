# METADATA
# title: Authentication (education providers)
# custom:
#   area: authentication
package mpassaudit.requirements.ep.authentication

import data.mpassaudit.lib

# METADATA
# title: Administrators use multi-factor authentication
# custom:
#   id: EP-AUTH-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [Haka IdP self-assessment (authentication), InCommon Baseline Expectations IdP 3]
#   titles:
#     fi: Ylläpitäjät kirjautuvat monivaiheisella tunnistautumisella
#     sv: Administratörer använder flerfaktorsautentisering
#     en: Administrators use multi-factor authentication
#   remediation:
#     fi: Ota monivaiheinen tunnistautuminen (esim. todennussovellus tai turva-avain) käyttöön kaikille käyttäjähakemiston ylläpitäjille ja mieluiten myös henkilökunnalle.
#     sv: Inför flerfaktorsautentisering (t.ex. autentiseringsapp eller säkerhetsnyckel) för alla administratörer av användarregistret och helst även för personalen.
#     en: Enable multi-factor authentication (e.g. an authenticator app or security key) for every user registry administrator and preferably for staff too.
#   answers:
#     - path: authentication.admin_mfa
#       type: bool
#       question:
#         fi: Käyttävätkö kaikki käyttäjähakemiston ylläpitäjät monivaiheista tunnistautumista?
#         sv: Använder alla administratörer av användarregistret flerfaktorsautentisering?
#         en: Do all user registry administrators use multi-factor authentication?
#     - path: authentication.staff_mfa
#       type: bool
#       question:
#         fi: Käyttääkö henkilökunta (opettajat, muu henkilöstö) monivaiheista tunnistautumista?
#         sv: Använder personalen (lärare, övrig personal) flerfaktorsautentisering?
#         en: Do staff (teachers, other personnel) use multi-factor authentication?
auth_01 := lib.result(rego.metadata.chain(), _auth_01)

_auth_01 := lib.fail({
	"fi": "Ylläpitäjät eivät käytä monivaiheista tunnistautumista.",
	"sv": "Administratörerna använder inte flerfaktorsautentisering.",
	"en": "Administrators do not use multi-factor authentication.",
}) if {
	lib.answer("authentication.admin_mfa") == false
} else := lib.warn({
	"fi": "Ylläpitäjät käyttävät monivaiheista tunnistautumista, henkilökunta ei: sitä suositellaan myös henkilökunnalle.",
	"sv": "Administratörerna använder flerfaktorsautentisering men inte personalen: det rekommenderas även för personalen.",
	"en": "Administrators use multi-factor authentication but staff do not: it is recommended for staff too.",
}) if {
	lib.answer("authentication.staff_mfa") == false
} else := lib.pass({
	"fi": "Ylläpitäjät ja henkilökunta käyttävät monivaiheista tunnistautumista.",
	"sv": "Administratörer och personal använder flerfaktorsautentisering.",
	"en": "Administrators and staff use multi-factor authentication.",
})

# METADATA
# title: Credential policy stated; password reset verifies identity
# custom:
#   id: EP-AUTH-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: document
#   references: [Haka IdP self-assessment (credentials), InCommon Baseline Expectations IdP 3]
#   titles:
#     fi: Salasana- tai tunnistuskäytäntö on kuvattu ja salasanan palautus edellyttää henkilöllisyyden varmistamista
#     sv: Lösenords- eller autentiseringspolicyn är beskriven och återställning av lösenord kräver identitetskontroll
#     en: Password or credential policy stated; reset requires identity verification
#   remediation:
#     fi: Kuvaa salasana- tai tunnistuskäytäntö (pituus, vaihto, lukitus) ja varmista, että salasanan palautus tai vaihto edellyttää käyttäjän henkilöllisyyden varmistamista.
#     sv: Beskriv lösenords- eller autentiseringspolicyn (längd, byte, spärr) och se till att återställning av lösenord kräver att användarens identitet kontrolleras.
#     en: Describe the password or credential policy (length, change, lockout) and make sure a password reset requires the user's identity to be verified.
#   answers:
#     - path: authentication.password_policy
#       type: text
#       question:
#         fi: Kuvaa salasana- tai tunnistuskäytäntö (vähimmäispituus, vaihto, lukitus virheellisten yritysten jälkeen, oppilaiden ja henkilökunnan erot).
#         sv: Beskriv lösenords- eller autentiseringspolicyn (minsta längd, byte, spärr efter felaktiga försök, skillnader mellan elever och personal).
#         en: Describe the password or credential policy (minimum length, change, lockout after failed attempts, differences between pupils and staff).
#     - path: authentication.reset_identity_verified
#       type: bool
#       question:
#         fi: Edellyttääkö salasanan palautus tai vaihto käyttäjän henkilöllisyyden varmistamista?
#         sv: Kräver återställning av lösenord att användarens identitet kontrolleras?
#         en: Does a password reset require the user's identity to be verified?
auth_02 := lib.result(rego.metadata.chain(), _auth_02)

_auth_02 := lib.fail({
	"fi": "Salasanan palautus ei edellytä henkilöllisyyden varmistamista.",
	"sv": "Återställning av lösenord kräver ingen identitetskontroll.",
	"en": "A password reset does not require identity verification.",
}) if {
	lib.answer("authentication.reset_identity_verified") == false
} else := lib.manual({
	"fi": "Palautus edellyttää henkilöllisyyden varmistamista; käytännön kuvaus tarkistetaan käsin.",
	"sv": "Återställning kräver identitetskontroll; beskrivningen av policyn granskas manuellt.",
	"en": "A reset requires identity verification; the policy description needs a reviewer's judgement.",
}) if {
	trim_space(lib.answer("authentication.password_policy")) != ""
} else := lib.fail({
	"fi": "Salasana- tai tunnistuskäytännön kuvaus on tyhjä.",
	"sv": "Beskrivningen av lösenords- eller autentiseringspolicyn är tom.",
	"en": "The password or credential policy description is empty.",
})
