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

# Demo is judged as production (REQUIREMENTS.md, Environments): real users
# log in to the free services there. https and no localhost in both; the
# test environment allows http and localhost.
_strict if input.environment in {"production", "demo"}

# METADATA
# title: Redirect URIs absolute without fragment; https and no localhost in production
# custom:
#   id: SP-OIDC-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid OIDC profile, MPASSid management service validation rules (redirect URI), OpenID Connect Core 1.0 3.1.2.1, RFC 6749 3.1.2]
#   titles:
#     fi: Redirect uri -osoitteet ovat absoluuttisia ilman fragmenttia; tuotannossa https eikä localhost
#     sv: Redirect uri-adresserna är absoluta utan fragment; i produktion https och ingen localhost
#     en: Redirect URIs absolute without fragment; https and no localhost in production
#   remediation:
#     fi: Käytä absoluuttisia http- tai https-muotoisia redirect uri -osoitteita ilman fragmenttia (#); MPASSid rekisteröi vain http- ja https-osoitteita, ei sovelluskohtaisia osoitemuotoja (esim. fi.palvelu.app:/callback). Tuotanto- ja demoympäristössä osoitteiden on oltava https-osoitteita palvelun omalla verkkonimellä (ei localhost); http ja localhost sallitaan vain testiympäristössä. Demoympäristö arvioidaan kuten tuotanto, koska maksuttomiin palveluihin kirjautuu siellä oikeita käyttäjiä.
#     sv: Använd absoluta redirect uri-adresser med http eller https utan fragment (#); MPASSid registrerar endast http- och https-adresser, inga appspecifika adressformer (t.ex. fi.tjanst.app:/callback). I produktions- och demomiljön ska adresserna vara https-adresser med tjänstens eget värdnamn (ingen localhost); http och localhost tillåts endast i testmiljön. Demomiljön bedöms som produktion, eftersom riktiga användare loggar in i de avgiftsfria tjänsterna där.
#     en: Use absolute http or https redirect URIs without a fragment (#); MPASSid registers only http and https redirect URIs, no custom schemes (such as fi.service.app:/callback). In production and demo they must be https on the service's own host name (no localhost); http and localhost are allowed in the test environment only. Demo is judged as production, because real users log in to the free services there.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: oidc.redirect_uris
#       type: text
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
#       probe: oidc-client
#       probe_with: {issuer: oidc.issuer}
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

_uri_checks := ["relative", "scheme", "fragment", "http", "localhost"]

_uri_reasons := {
	"relative": {"fi": "ei absoluuttinen URI", "sv": "inte en absolut URI", "en": "not an absolute URI"},
	"scheme": {"fi": "ei http- eikä https-osoite: MPASSid rekisteröi vain http- ja https-muotoisia redirect uri -osoitteita", "sv": "varken http eller https: MPASSid registrerar endast redirect uri-adresser med http och https", "en": "neither http nor https: MPASSid registers only http and https redirect URIs"},
	"fragment": {"fi": "sisältää fragmentin (#)", "sv": "innehåller ett fragment (#)", "en": "has a fragment (#)"},
	"http": {"fi": "ei https-osoite", "sv": "ingen https-adress", "en": "not https"},
	"localhost": {"fi": "osoittaa paikalliseen koneeseen (localhost)", "sv": "pekar på den lokala datorn (localhost)", "en": "points to the local machine (localhost)"},
}

_uri_fails("relative", u) if not regex.match(`^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$`, u)

# A custom scheme (a private-use URI of a native app) is a verdict, not an
# input error: the answers file only checks that each URI is text.
_uri_fails("scheme", u) if {
	regex.match(`^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$`, u)
	not regex.match(`^[hH][tT][tT][pP][sS]?://`, u)
}

_uri_fails("fragment", u) if contains(u, "#")

_uri_fails("http", u) if {
	_strict
	regex.match(`^[hH][tT][tT][pP]://`, u)
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
default _env_msgs := []

_env_msgs := [{
	"fi": sprintf("%s vaatii https-osoitteet eikä salli localhostia; ne sallitaan vain testiympäristössä.%s", [_env_name.fi, _demo_note.fi]),
	"sv": sprintf("%s kräver https-adresser och tillåter inte localhost; de tillåts endast i testmiljön.%s", [_env_name.sv, _demo_note.sv]),
	"en": sprintf("The %s environment requires https and no localhost; they are allowed in the test environment only.%s", [input.environment, _demo_note.en]),
}] if {
	some u in _uris
	some check in ["http", "localhost"]
	_uri_fails(check, u)
}

default _env_name := {"fi": "Demoympäristö", "sv": "Demomiljön"}

_env_name := {"fi": "Tuotantoympäristö", "sv": "Produktionsmiljön"} if input.environment == "production"

default _demo_note := {"fi": "", "sv": "", "en": ""}

_demo_note := {
	"fi": " Demoympäristö arvioidaan kuten tuotanto: maksuttomiin palveluihin kirjautuu siellä oikeita käyttäjiä.",
	"sv": " Demomiljön bedöms som produktion: riktiga användare loggar in i de avgiftsfria tjänsterna där.",
	"en": " Demo is judged as production: real users log in to the free services there.",
} if input.environment == "demo"

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
	"fi": sprintf("Redirect uri -osoitteet (%d) ovat absoluuttisia http- tai https-osoitteita ilman fragmenttia; testiympäristössä http ja localhost sallitaan, tuotannossa ei.", [count(_uris)]),
	"sv": sprintf("Redirect uri-adresserna (%d) är absoluta http- eller https-adresser utan fragment; i testmiljön tillåts http och localhost, i produktion inte.", [count(_uris)]),
	"en": sprintf("The %d redirect URIs are absolute http or https URLs without fragments; the test environment allows http and localhost, production does not.", [count(_uris)]),
}

# METADATA
# title: Authorization code flow; implicit flow not used
# custom:
#   id: SP-OIDC-02
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid OIDC profile, OpenID Connect Core 1.0 3.1 (authorization code flow), OAuth 2.0 Security Best Current Practice (RFC 9700) 2.1.2]
#   titles:
#     fi: Valtuutuskoodikulku (response_type=code); implisiittistä kulkua ei käytetä
#     sv: Auktoriseringskodflöde (response_type=code); implicit flöde används inte
#     en: Authorization code flow (response_type=code); implicit flow not used
#   remediation:
#     fi: Käytä valtuutuskoodikulkua (response_type=code) ja hae tunnisteet token-päätepisteestä. Vastaustyyppi, joka palauttaa pääsytunnisteen valtuutuspäätepisteestä (token, id_token token, code token, code id_token token), ja implisiittinen kulku (id_token) eivät täytä vaatimusta; code id_token täyttää sen, mutta pelkkä code on suositeltava.
#     sv: Använd auktoriseringskodflödet (response_type=code) och hämta token från token-ändpunkten. En svarstyp som returnerar en åtkomsttoken från auktoriseringsändpunkten (token, id_token token, code token, code id_token token) och implicit flöde (id_token) uppfyller inte kravet; code id_token uppfyller det, men enbart code rekommenderas.
#     en: Use the authorization code flow (response_type=code) and fetch tokens from the token endpoint. A response type that returns an access token from the authorization endpoint (token, id_token token, code token, code id_token token) and the implicit flow (id_token) fail; code id_token passes with a warning, plain code is preferred.
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

# A response type that returns an access token from the authorization
# endpoint (token, id_token token, code token, code id_token token) fails,
# as does implicit without code (id_token); code id_token warns.
_token_types := [t | some t in _types; "token" in split(t, " ")]

_implicit := [t | some t in _types; not "code" in split(t, " "); not "token" in split(t, " ")]

_hybrid := [t | some t in _types; "code" in split(t, " "); "id_token" in split(t, " "); not "token" in split(t, " ")]

_oidc_02_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Vastaustyyppi %s palauttaa pääsytunnisteen (access token) valtuutuspäätepisteestä selaimen kautta; vain code on sallittu.", [sp.list(_token_types)]),
	"sv": sprintf("Svarstypen %s returnerar en åtkomsttoken (access token) från auktoriseringsändpunkten via webbläsaren; endast code är tillåtet.", [sp.list(_token_types)]),
	"en": sprintf("The response type %s returns an access token from the authorization endpoint through the browser; only code is allowed.", [sp.list(_token_types)]),
}} if {
	count(_token_types) > 0
}

_oidc_02_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Implisiittinen kulku on käytössä (response_type %s): tunnisteet kulkevat selaimen osoiterivillä.", [sp.list(_implicit)]),
	"sv": sprintf("Implicit flöde används (response_type %s): token överförs i webbläsarens adressfält.", [sp.list(_implicit)]),
	"en": sprintf("The implicit flow is used (response_type %s): tokens travel in the browser's address bar.", [sp.list(_implicit)]),
}} if {
	count(_implicit) > 0
}

_oidc_02_problems contains {"level": "warn", "msg": {
	"fi": sprintf("Hybridikulku on käytössä (response_type %s): käytä mieluummin pelkkää valtuutuskoodikulkua (code) ja hae ID-tunniste token-päätepisteestä.", [sp.list(_hybrid)]),
	"sv": sprintf("Hybridflöde används (response_type %s): använd hellre bara auktoriseringskodflödet (code) och hämta ID-token från token-ändpunkten.", [sp.list(_hybrid)]),
	"en": sprintf("A hybrid flow is used (response_type %s): prefer the plain authorization code flow (code) and fetch the ID token from the token endpoint.", [sp.list(_hybrid)]),
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
#   evidence: answer
#   references: [MPASSid OIDC profile, OpenID Connect Core 1.0 9 (client authentication), RFC 7523]
#   titles:
#     fi: Asiakas tunnistautuu token-päätepisteeseen (suositus private_key_jwt)
#     sv: Klienten autentiserar sig mot token-ändpunkten (private_key_jwt rekommenderas)
#     en: The client authenticates at the token endpoint (private_key_jwt advised)
#   remediation:
#     fi: MPASSid rekisteröi vain palvelimella toimivia (confidential) asiakkaita. Käytä asiakastunnistautumista client_secret_basic, client_secret_post, client_secret_jwt tai mieluiten private_key_jwt; none ei täytä vaatimusta. Selain- tai mobiilisovellus kirjautuu oman palvelinosansa kautta, joka pitää salaisuuden tai avaimen.
#     sv: MPASSid registrerar endast konfidentiella klienter. Använd klientautentisering client_secret_basic, client_secret_post, client_secret_jwt eller helst private_key_jwt; none uppfyller inte kravet. En webbläsar- eller mobilapp loggar in via sin egen serverdel, som håller hemligheten eller nyckeln.
#     en: MPASSid registers confidential clients only. Use client authentication client_secret_basic, client_secret_post, client_secret_jwt or preferably private_key_jwt; none fails. A browser or mobile app logs in through its own server side, which keeps the secret or key.
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
	"fi": "Asiakas ei tunnistaudu token-päätepisteeseen (none). MPASSid rekisteröi vain palvelimella toimivia (confidential) asiakkaita: käytä menetelmää client_secret_basic, client_secret_post, client_secret_jwt tai mieluiten private_key_jwt.",
	"sv": "Klienten autentiserar sig inte mot token-ändpunkten (none). MPASSid registrerar endast konfidentiella klienter: använd client_secret_basic, client_secret_post, client_secret_jwt eller helst private_key_jwt.",
	"en": "The client does not authenticate at the token endpoint (none). MPASSid registers confidential clients only: use client_secret_basic, client_secret_post, client_secret_jwt or preferably private_key_jwt.",
}) if {
	_method == "none"
} else := lib.fail({
	"fi": sprintf("Julkinen asiakas käyttää menetelmää %s, mutta selain- tai mobiilisovellukseen tallennettu salaisuus tai avain ei pysy salassa. MPASSid rekisteröi vain palvelimella toimivia (confidential) asiakkaita.", [_method]),
	"sv": sprintf("Den publika klienten använder %s, men en hemlighet eller nyckel i en webbläsar- eller mobilapp förblir inte hemlig. MPASSid registrerar endast konfidentiella klienter.", [_method]),
	"en": sprintf("The public client uses %s, but a secret or key shipped in a browser or mobile app does not stay secret. MPASSid registers confidential clients only.", [_method]),
})

# METADATA
# title: PKCE, a must for public clients and advised for every other client
# custom:
#   id: SP-OIDC-04
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [MPASSid OIDC profile, RFC 7636 (PKCE), OAuth 2.0 Security Best Current Practice (RFC 9700) 2.1.1]
#   titles:
#     fi: PKCE on pakollinen julkisille asiakkaille ja suositeltava kaikille muille
#     sv: PKCE är obligatoriskt för publika klienter och rekommenderas för alla andra
#     en: PKCE, a must for public clients and advised for every other client
#   remediation:
#     fi: Ota PKCE (code_challenge_method=S256) käyttöön. Se on pakollinen asiakkaalle, joka ilmoittaa olevansa julkinen (selainsovellus, mobiilisovellus), ja suositeltava kaikille muille asiakkaille.
#     sv: Ta i bruk PKCE (code_challenge_method=S256). Det är obligatoriskt för en klient som anger sig vara publik (webbläsarapp, mobilapp) och rekommenderas för alla andra klienter.
#     en: Enable PKCE (code_challenge_method=S256). It is a must for a client that calls itself public (browser or mobile app) and advised for every other client.
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
} else := lib.warn({
	"fi": "Palvelimella toimiva asiakas ei käytä PKCE:tä (tai sitä ei ole kerrottu, oidc.pkce): PKCE on suositeltava kaikille asiakkaille.",
	"sv": "Den konfidentiella klienten använder inte PKCE (eller det har inte angetts, oidc.pkce): PKCE rekommenderas för alla klienter.",
	"en": "The confidential client does not use PKCE (or did not say, oidc.pkce): PKCE is advised for every client.",
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
