# METADATA
# title: OpenID Connect (service providers)
# description: |
#   The rules judge the OIDC client registration as answered (oidc.*).
#   SAML services are not applicable.
# custom:
#   area: oidc
package mpassaudit.requirements.sp.oidc

import data.mpassaudit.lib
import data.mpassaudit.lib.sp
import data.mpassaudit.lib.sp.oidcreg

# Production and demo are public environments used by real schools: https
# and no localhost there; the test environment allows both.
_strict if input.environment in {"production", "demo"}

# METADATA
# title: Redirect URIs absolute without fragment; https and no localhost in production
# custom:
#   id: SP-OIDC-01
#   severity: must
#   applies_to: [service-provider]
#   environments: [test, demo, production]
#   evidence: answer
#   references: [MPASSid OIDC profile, MPASSid management service validation rules (redirect URI), OpenID Connect Core 1.0 3.1.2.1, RFC 6749 3.1.2]
#   titles:
#     fi: Redirect uri -osoitteet ovat absoluuttisia ilman fragmenttia; tuotannossa https eikä localhost
#     sv: Redirect uri-adresserna är absoluta utan fragment; i produktion https och ingen localhost
#     en: Redirect URIs absolute without fragment; https and no localhost in production
#   remediation:
#     fi: Käytä absoluuttisia redirect uri -osoitteita ilman fragmenttia (#). Tuotanto- ja demoympäristössä osoitteiden on oltava https-osoitteita palvelun omalla verkkonimellä (ei localhost); http ja localhost sallitaan vain testiympäristössä.
#     sv: Använd absoluta redirect uri-adresser utan fragment (#). I produktions- och demomiljön ska adresserna vara https-adresser med tjänstens eget värdnamn (ingen localhost); http och localhost tillåts endast i testmiljön.
#     en: Use absolute redirect URIs without a fragment (#). In production and demo they must be https on the service's own host name (no localhost); http and localhost are allowed in the test environment only.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.redirect_uris
#       type: url
#       list: true
#       optional: true
#       probe: tls
#       question:
#         fi: OIDC-palvelut - palvelun redirect uri -osoitteet (redirect_uris)
#         sv: OIDC-tjänster - tjänstens redirect uri-adresser (redirect_uris)
#         en: OIDC services - the service's redirect URIs (redirect_uris)
#     - path: oidc.registration
#       type: location
#       optional: true
#       question:
#         fi: OIDC-palvelut - asiakkaan rekisteröinti (MPASSid-hallintapalvelun tietue tai RFC 7591 -asiakasmetatiedot) tiedostona tai https-osoitteena
#         sv: OIDC-tjänster - klientens registrering (posten i administrationstjänsten för MPASSid eller klientmetadata enligt RFC 7591) som fil eller https-adress
#         en: OIDC services - the client registration (the MPASSid management service's record, or RFC 7591 client metadata) as a file or https URL
#     - path: oidc.issuer
#       type: url
#       optional: true
#       question:
#         fi: OIDC-palvelut - tunnistuspalvelun issuer-osoite, jonka /.well-known/openid-configuration luetaan
#         sv: OIDC-tjänster - identifieringstjänstens issuer-adress, vars /.well-known/openid-configuration läses
#         en: OIDC services - the provider's issuer URL, whose /.well-known/openid-configuration is read
oidc_01 := lib.result(rego.metadata.chain(), _oidc_01)

_uris := oidcreg.value("oidc.redirect_uris", [])

# _reasons are what is wrong with one redirect URI, {fi, sv, en} each.
_reasons(u) := [r |
	some check in _uri_checks
	_uri_fails(check, u)
	r := _uri_reasons[check]
]

_uri_checks := ["relative", "fragment", "http", "localhost"]

_uri_reasons := {
	"relative": {"fi": "ei absoluuttinen URI", "sv": "inte en absolut URI", "en": "not an absolute URI"},
	"fragment": {"fi": "sisältää fragmentin (#)", "sv": "innehåller ett fragment (#)", "en": "has a fragment (#)"},
	"http": {"fi": "ei https-osoite", "sv": "ingen https-adress", "en": "not https"},
	"localhost": {"fi": "osoittaa paikalliseen koneeseen (localhost)", "sv": "pekar på den lokala datorn (localhost)", "en": "points to the local machine (localhost)"},
}

_uri_fails("relative", u) if not regex.match(`^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$`, u)

_uri_fails("fragment", u) if contains(u, "#")

_uri_fails("http", u) if {
	_strict
	not startswith(lower(u), "https://")
}

_uri_fails("localhost", u) if {
	_strict
	sp.is_local_host(sp.url_host(u))
}

_uri_msgs := [{
	"fi": sprintf("%s: %s.", [u, concat(", ", [r.fi | some r in _reasons(u)])]),
	"sv": sprintf("%s: %s.", [u, concat(", ", [r.sv | some r in _reasons(u)])]),
	"en": sprintf("%s: %s.", [u, concat(", ", [r.en | some r in _reasons(u)])]),
} |
	some u in _uris
	count(_reasons(u)) > 0
]

# Said once after the URIs: http and localhost are for the test environment.
_env_msgs := [{
	"fi": sprintf("%s vaatii https-osoitteet eikä salli localhostia; ne sallitaan vain testiympäristössä.", [_env_name.fi]),
	"sv": sprintf("%s kräver https-adresser och tillåter inte localhost; de tillåts endast i testmiljön.", [_env_name.sv]),
	"en": sprintf("The %s environment requires https and no localhost; they are allowed in the test environment only.", [input.environment]),
}] if {
	some u in _uris
	some check in ["http", "localhost"]
	_uri_fails(check, u)
} else := []

_env_name := {"fi": "Tuotantoympäristö", "sv": "Produktionsmiljön"} if input.environment == "production"

else := {"fi": "Demoympäristö", "sv": "Demomiljön"}

_oidc_01 := v if {
	v := sp.oidc_gate(oidcreg.unsettled(["oidc.redirect_uris"]))
} else := v if {
	v := oidcreg.gate(["oidc.redirect_uris"])
} else := lib.fail({
	"fi": "Redirect uri -osoitteita ei ole annettu.",
	"sv": "Inga redirect uri-adresser har angetts.",
	"en": "No redirect URIs are given.",
}) if {
	count(_uris) == 0
} else := lib.fail(sp.join(array.concat(_uri_msgs, _env_msgs))) if {
	count(_uri_msgs) > 0
} else := lib.pass(_oidc_01_ok)

_oidc_01_ok := {
	"fi": sprintf("Redirect uri -osoitteet (%d) ovat absoluuttisia https-osoitteita ilman fragmenttia eivätkä osoita localhostiin.", [count(_uris)]),
	"sv": sprintf("Redirect uri-adresserna (%d) är absoluta https-adresser utan fragment och pekar inte på localhost.", [count(_uris)]),
	"en": sprintf("The %d redirect URIs are absolute https URLs without fragments, not localhost.", [count(_uris)]),
} if {
	_strict
} else := {
	"fi": sprintf("Redirect uri -osoitteet (%d) ovat absoluuttisia ilman fragmenttia; testiympäristössä http ja localhost sallitaan, tuotannossa ei.", [count(_uris)]),
	"sv": sprintf("Redirect uri-adresserna (%d) är absoluta utan fragment; i testmiljön tillåts http och localhost, i produktion inte.", [count(_uris)]),
	"en": sprintf("The %d redirect URIs are absolute without fragments; the test environment allows http and localhost, production does not.", [count(_uris)]),
}

# METADATA
# title: Authorization code flow; implicit flow not used
# custom:
#   id: SP-OIDC-02
#   severity: must
#   applies_to: [service-provider]
#   environments: [test, demo, production]
#   evidence: answer
#   references: [MPASSid OIDC profile, OpenID Connect Core 1.0 3.1 (authorization code flow), OAuth 2.0 Security Best Current Practice (RFC 9700) 2.1.2]
#   titles:
#     fi: Valtuutuskoodikulku (response_type=code); implisiittistä kulkua ei käytetä
#     sv: Auktoriseringskodflöde (response_type=code); implicit flöde används inte
#     en: Authorization code flow (response_type=code); implicit flow not used
#   remediation:
#     fi: Käytä vain valtuutuskoodikulkua (response_type=code) ja hae tunnisteet token-päätepisteestä; poista implisiittiset ja hybridit vastaustyypit (token, id_token ja niiden yhdistelmät).
#     sv: Använd endast auktoriseringskodflödet (response_type=code) och hämta token från token-ändpunkten; ta bort implicita och hybrida svarstyper (token, id_token och kombinationer).
#     en: Use the authorization code flow only (response_type=code) and fetch tokens from the token endpoint; remove implicit and hybrid response types (token, id_token and their combinations).
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.response_types
#       type: enum
#       list: true
#       values: [code, id_token, token, id_token token, code id_token, code token, code id_token token]
#       optional: true
#       question:
#         fi: OIDC-palvelut - palvelun käyttämät vastaustyypit (response_types)
#         sv: OIDC-tjänster - svarstyperna som tjänsten använder (response_types)
#         en: OIDC services - the response types the service uses (response_types)
#     - path: oidc.registration
#       optional: true
oidc_02 := lib.result(rego.metadata.chain(), _oidc_02)

_types := oidcreg.value("oidc.response_types", [])

_implicit := [t | some t in _types; not "code" in split(t, " ")]

_hybrid := [t | some t in _types; "code" in split(t, " "); t != "code"]

_oidc_02_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Implisiittinen kulku on käytössä (response_type %s): tunnisteet kulkevat selaimen osoiterivillä.", [sp.list(_implicit)]),
	"sv": sprintf("Implicit flöde används (response_type %s): token överförs i webbläsarens adressfält.", [sp.list(_implicit)]),
	"en": sprintf("The implicit flow is used (response_type %s): tokens travel in the browser's address bar.", [sp.list(_implicit)]),
}} if {
	count(_implicit) > 0
}

_oidc_02_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Hybridikulku on käytössä (response_type %s); vain code on sallittu.", [sp.list(_hybrid)]),
	"sv": sprintf("Hybridflöde används (response_type %s); endast code är tillåtet.", [sp.list(_hybrid)]),
	"en": sprintf("A hybrid flow is used (response_type %s); only code is allowed.", [sp.list(_hybrid)]),
}} if {
	count(_hybrid) > 0
}

_oidc_02_problems contains {"level": "fail", "msg": {
	"fi": "Vastaustyyppejä ei ole annettu; valtuutuskoodikulku (code) vaaditaan.",
	"sv": "Inga svarstyper har angetts; auktoriseringskodflödet (code) krävs.",
	"en": "No response types are given; the authorization code flow (code) is required.",
}} if {
	count(_types) == 0
}

_oidc_02 := v if {
	v := sp.oidc_gate(oidcreg.unsettled(["oidc.response_types"]))
} else := v if {
	v := oidcreg.gate(["oidc.response_types"])
} else := sp.verdict_of(
	_oidc_02_problems, {
		"fi": "Vain valtuutuskoodikulku (response_type=code) on käytössä.",
		"sv": "Endast auktoriseringskodflödet (response_type=code) används.",
		"en": "Only the authorization code flow (response_type=code) is used.",
	},
	[],
)

# METADATA
# title: Client authentication at the token endpoint (private_key_jwt advised)
# custom:
#   id: SP-OIDC-03
#   severity: must
#   applies_to: [service-provider]
#   environments: [test, demo, production]
#   evidence: answer
#   references: [MPASSid OIDC profile, OpenID Connect Core 1.0 9 (client authentication), RFC 7523]
#   titles:
#     fi: Asiakas tunnistautuu token-päätepisteeseen (suositus private_key_jwt)
#     sv: Klienten autentiserar sig mot token-ändpunkten (private_key_jwt rekommenderas)
#     en: The client authenticates at the token endpoint (private_key_jwt advised)
#   remediation:
#     fi: Käytä palvelimella toimivassa (confidential) asiakkaassa asiakastunnistautumista client_secret_basic, client_secret_post, client_secret_jwt tai mieluiten private_key_jwt. Julkinen asiakas (selainsovellus, mobiilisovellus) ei voi pitää salaisuutta, joten se ei tunnistaudu (none) ja käyttää PKCE:tä.
#     sv: Använd klientautentisering client_secret_basic, client_secret_post, client_secret_jwt eller helst private_key_jwt i en konfidentiell klient (på servern). En publik klient (webbläsarapp, mobilapp) kan inte hålla en hemlighet, så den autentiserar sig inte (none) och använder PKCE.
#     en: Use client authentication client_secret_basic, client_secret_post, client_secret_jwt or preferably private_key_jwt in a confidential (server-side) client. A public client (browser or mobile app) cannot keep a secret, so it uses none and PKCE.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.token_endpoint_auth_method
#       type: enum
#       values: [client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, none]
#       optional: true
#       question:
#         fi: OIDC-palvelut - asiakkaan tunnistautumistapa token-päätepisteessä (token_endpoint_auth_method)
#         sv: OIDC-tjänster - klientens autentiseringsmetod vid token-ändpunkten (token_endpoint_auth_method)
#         en: OIDC services - the client's authentication method at the token endpoint (token_endpoint_auth_method)
#     - path: oidc.client_type
#       type: enum
#       values: [confidential, public]
#       optional: true
#       question:
#         fi: OIDC-palvelut - onko asiakas palvelimella toimiva (confidential) vai julkinen selain- tai mobiilisovellus (public)?
#         sv: OIDC-tjänster - är klienten konfidentiell, på servern (confidential), eller en publik webbläsar- eller mobilapp (public)?
#         en: OIDC services - is the client confidential, server-side (confidential), or a public browser or mobile app (public)?
#     - path: oidc.registration
#       optional: true
oidc_03 := lib.result(rego.metadata.chain(), _oidc_03)

_method := oidcreg.value("oidc.token_endpoint_auth_method", null)

_client_type := oidcreg.value("oidc.client_type", null)

_oidc_03 := v if {
	v := sp.oidc_gate(oidcreg.unsettled(["oidc.token_endpoint_auth_method", "oidc.client_type"]))
} else := v if {
	v := oidcreg.gate(["oidc.token_endpoint_auth_method", "oidc.client_type"])
} else := lib.pass({
	"fi": "Asiakas tunnistautuu private_key_jwt-menetelmällä (suositeltu).",
	"sv": "Klienten autentiserar sig med private_key_jwt (rekommenderat).",
	"en": "The client authenticates with private_key_jwt (advised).",
}) if {
	_client_type == "confidential"
	_method == "private_key_jwt"
} else := lib.pass({
	"fi": sprintf("Asiakas tunnistautuu menetelmällä %s. Suositus: private_key_jwt, jolloin jaettua salaisuutta ei tarvita.", [_method]),
	"sv": sprintf("Klienten autentiserar sig med %s. Rekommendation: private_key_jwt, så behövs ingen delad hemlighet.", [_method]),
	"en": sprintf("The client authenticates with %s. Advice: private_key_jwt needs no shared secret.", [_method]),
}) if {
	_client_type == "confidential"
	_method in {"client_secret_basic", "client_secret_post", "client_secret_jwt"}
} else := lib.fail({
	"fi": "Palvelimella toimiva asiakas ei tunnistaudu token-päätepisteeseen (none).",
	"sv": "Den konfidentiella klienten autentiserar sig inte mot token-ändpunkten (none).",
	"en": "The confidential client does not authenticate at the token endpoint (none).",
}) if {
	_client_type == "confidential"
} else := lib.not_applicable({
	"fi": "Julkinen asiakas ei voi pitää salaisuutta eikä tunnistaudu (none); valtuutuskoodin suojaa PKCE (ks. SP-OIDC-04).",
	"sv": "En publik klient kan inte hålla en hemlighet och autentiserar sig inte (none); auktoriseringskoden skyddas av PKCE (se SP-OIDC-04).",
	"en": "A public client cannot keep a secret and does not authenticate (none); PKCE protects the authorization code (see SP-OIDC-04).",
}) if {
	_method == "none"
} else := lib.fail({
	"fi": sprintf("Julkinen asiakas käyttää menetelmää %s, mutta selain- tai mobiilisovellukseen tallennettu salaisuus tai avain ei pysy salassa.", [_method]),
	"sv": sprintf("Den publika klienten använder %s, men en hemlighet eller nyckel i en webbläsar- eller mobilapp förblir inte hemlig.", [_method]),
	"en": sprintf("The public client uses %s, but a secret or key shipped in a browser or mobile app does not stay secret.", [_method]),
})

# METADATA
# title: Public clients use PKCE
# custom:
#   id: SP-OIDC-04
#   severity: must
#   applies_to: [service-provider]
#   environments: [test, demo, production]
#   evidence: answer
#   references: [MPASSid OIDC profile, RFC 7636 (PKCE), OAuth 2.0 Security Best Current Practice (RFC 9700) 2.1.1]
#   titles:
#     fi: Julkiset asiakkaat käyttävät PKCE:tä
#     sv: Publika klienter använder PKCE
#     en: Public clients use PKCE
#   remediation:
#     fi: Ota PKCE (code_challenge_method=S256) käyttöön julkisessa asiakkaassa (selainsovellus, mobiilisovellus); se on suositeltava myös palvelimella toimivissa asiakkaissa.
#     sv: Ta i bruk PKCE (code_challenge_method=S256) i en publik klient (webbläsarapp, mobilapp); det rekommenderas även för konfidentiella klienter.
#     en: Enable PKCE (code_challenge_method=S256) in a public client (browser or mobile app); it is advised for confidential clients too.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.client_type
#       optional: true
#     - path: oidc.pkce
#       type: bool
#       optional: true
#       question:
#         fi: OIDC-palvelut - käyttääkö asiakas PKCE:tä (code_challenge_method=S256)?
#         sv: OIDC-tjänster - använder klienten PKCE (code_challenge_method=S256)?
#         en: OIDC services - does the client use PKCE (code_challenge_method=S256)?
#     - path: oidc.registration
#       optional: true
oidc_04 := lib.result(rego.metadata.chain(), _oidc_04)

_oidc_04 := v if {
	v := sp.oidc_gate(oidcreg.unsettled(["oidc.client_type"]))
} else := v if {
	v := oidcreg.gate(["oidc.client_type"])
} else := lib.pass({
	"fi": "Asiakas käyttää PKCE:tä.",
	"sv": "Klienten använder PKCE.",
	"en": "The client uses PKCE.",
}) if {
	lib.answer("oidc.pkce") == true
} else := lib.pass({
	"fi": "Palvelimella toimiva asiakas: PKCE ei ole pakollinen, mutta se on suositeltava.",
	"sv": "Konfidentiell klient: PKCE är inte obligatoriskt men rekommenderas.",
	"en": "Confidential client: PKCE is not mandatory, but it is advised.",
}) if {
	_client_type == "confidential"
} else := lib.unanswered(["oidc.pkce"]) if {
	not lib.answered("oidc.pkce")
} else := lib.fail({
	"fi": "Julkinen asiakas ei käytä PKCE:tä: siepattu valtuutuskoodi voidaan vaihtaa tunnisteisiin.",
	"sv": "Den publika klienten använder inte PKCE: en uppsnappad auktoriseringskod kan bytas mot token.",
	"en": "The public client does not use PKCE: an intercepted authorization code can be exchanged for tokens.",
})

# METADATA
# title: Scopes openid and profile
# custom:
#   id: SP-OIDC-05
#   severity: should
#   applies_to: [service-provider]
#   environments: [test, demo, production]
#   evidence: answer
#   references: [MPASSid OIDC profile, OpenID Connect Core 1.0 5.4 (scope values)]
#   titles:
#     fi: Pyydetyt scopet openid ja profile
#     sv: Begärda scope openid och profile
#     en: Scopes openid and profile requested
#   remediation:
#     fi: Pyydä tunnistuspyynnössä scope "openid profile", jotta MPASSid palauttaa tietomallin mukaiset käyttäjän tiedot.
#     sv: Begär scope "openid profile" i autentiseringsbegäran så att MPASSid returnerar användarens uppgifter enligt datamodellen.
#     en: Request the scope "openid profile" so that MPASSid returns the user's data model claims.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.scopes
#       type: text
#       list: true
#       optional: true
#       question:
#         fi: OIDC-palvelut - palvelun pyytämät scopet (scope), esim. ["openid", "profile"]
#         sv: OIDC-tjänster - de scope som tjänsten begär, t.ex. ["openid", "profile"]
#         en: OIDC services - the scopes the service requests, e.g. ["openid", "profile"]
#     - path: oidc.registration
#       optional: true
oidc_05 := lib.result(rego.metadata.chain(), _oidc_05)

_scopes := {s | some x in oidcreg.value("oidc.scopes", []); some s in split(trim_space(x), " "); s != ""}

_missing_scopes := [s | some s in ["openid", "profile"]; not s in _scopes]

_oidc_05 := v if {
	v := sp.oidc_gate(oidcreg.unsettled(["oidc.scopes"]))
} else := v if {
	v := oidcreg.gate(["oidc.scopes"])
} else := lib.pass({
	"fi": sprintf("Scopet: %s.", [sp.list(_scopes)]),
	"sv": sprintf("Scope: %s.", [sp.list(_scopes)]),
	"en": sprintf("Scopes: %s.", [sp.list(_scopes)]),
}) if {
	count(_missing_scopes) == 0
} else := lib.fail({
	"fi": sprintf("Puuttuvat scopet: %s (pyydetään: %s).", [sp.list(_missing_scopes), sp.list(_scopes)]),
	"sv": sprintf("Scope som saknas: %s (begärs: %s).", [sp.list(_missing_scopes), sp.list(_scopes)]),
	"en": sprintf("Missing scope(s): %s (requested: %s).", [sp.list(_missing_scopes), sp.list(_scopes)]),
})
