# METADATA
# title: SAML 2.0 (service providers)
# description: |
#   Every rule judges the probed SAML metadata at input.probes["saml.metadata"]
#   (answer saml.metadata, probe saml-metadata). Without the probe a rule is
#   manual ("not probed"), never a pass; OIDC services are not applicable.
# custom:
#   area: saml
package mpassaudit.requirements.sp.saml

import data.mpassaudit.lib
import data.mpassaudit.lib.sp

post_binding := "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"

saml2_protocol := "urn:oasis:names:tc:SAML:2.0:protocol"

transient := "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"

# The MPASSid management service asks certificates valid at least 6
# calendar months from the audit's time.
cert_min_months := 6

_md := sp.metadata

_ev := sp.metadata_evidence

# METADATA
# title: Well-formed EntityDescriptor with a SAML 2.0 SPSSODescriptor
# custom:
#   id: SP-SAML-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [SAML 2.0 metadata (saml-metadata-2.0-os) 2.3.2 and 2.4.4, MPASSid SAML profile, MPASSid management service validation rules]
#   titles:
#     fi: Metatiedot ovat oikeamuotoinen EntityDescriptor, jossa on SAML 2.0 -SPSSODescriptor
#     sv: Metadata är en välformad EntityDescriptor med en SPSSODescriptor för SAML 2.0
#     en: Metadata is a well-formed EntityDescriptor with a SAML 2.0 SPSSODescriptor
#   remediation:
#     fi: Toimita palvelun omat SAML-metatiedot yhtenä EntityDescriptor-elementtinä, jossa on SPSSODescriptor protocolSupportEnumeration-arvolla urn:oasis:names:tc:SAML:2.0:protocol. Poista vanhentunut validUntil tai päivitä se tulevaisuuteen.
#     sv: Lämna tjänstens egen SAML-metadata som ett enda EntityDescriptor-element med en SPSSODescriptor vars protocolSupportEnumeration är urn:oasis:names:tc:SAML:2.0:protocol. Ta bort ett utgånget validUntil eller flytta det framåt.
#     en: Deliver the service's own SAML metadata as one EntityDescriptor with an SPSSODescriptor whose protocolSupportEnumeration includes urn:oasis:names:tc:SAML:2.0:protocol. Remove an expired validUntil or move it into the future.
#   answers:
#     - path: service.protocol
#       type: enum
#       values: [saml, oidc]
#       optional: true
#       question:
#         fi: Millä protokollalla palvelu liitetään MPASSidiin - SAML 2.0 (saml) vai OpenID Connect (oidc)?
#         sv: Med vilket protokoll ansluts tjänsten till MPASSid - SAML 2.0 (saml) eller OpenID Connect (oidc)?
#         en: Which protocol connects the service to MPASSid - SAML 2.0 (saml) or OpenID Connect (oidc)?
#     - path: saml.metadata
#       type: location
#       probe: saml-metadata
#       optional: true
#       question:
#         fi: SAML-palveluiden metatiedot - metatiedoston polku tai metatietojen https-URL (vain SAML-palvelut)
#         sv: SAML-tjänster - sökvägen till metadatafilen eller metadatans https-URL (endast SAML-tjänster)
#         en: SAML services - path of the metadata file or the https URL of the metadata (SAML services only)
saml_01 := lib.result(rego.metadata.chain(), _saml_01)

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Metatiedoissa on %v entiteettiä EntitiesDescriptor-elementissä; toimita vain palvelun oma EntityDescriptor.", [object.get(_md, "entity_count", 0)]),
	"sv": sprintf("Metadata innehåller %v entiteter i ett EntitiesDescriptor-element; lämna endast tjänstens egen EntityDescriptor.", [object.get(_md, "entity_count", 0)]),
	"en": sprintf("The metadata holds %v entities in an EntitiesDescriptor; deliver the service's own EntityDescriptor only.", [object.get(_md, "entity_count", 0)]),
}} if {
	_md.root == "EntitiesDescriptor"
	object.get(_md, "entity_count", 0) != 1
}

_saml_01_problems contains {"level": "warn", "msg": {
	"fi": "Metatiedot on kääritty EntitiesDescriptor-elementtiin; toimita pelkkä EntityDescriptor.",
	"sv": "Metadata är inlindad i ett EntitiesDescriptor-element; lämna enbart EntityDescriptor.",
	"en": "The metadata is wrapped in an EntitiesDescriptor; deliver the EntityDescriptor alone.",
}} if {
	_md.root == "EntitiesDescriptor"
	_md.entity_count == 1
}

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Juurielementti %q ei ole EntityDescriptor.", [object.get(_md, "root", "")]),
	"sv": sprintf("Rotelementet %q är inte EntityDescriptor.", [object.get(_md, "root", "")]),
	"en": sprintf("The root element %q is not an EntityDescriptor.", [object.get(_md, "root", "")]),
}} if {
	not object.get(_md, "root", "") in {"EntityDescriptor", "EntitiesDescriptor"}
}

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": "EntityDescriptor-elementiltä puuttuu entityID.",
	"sv": "EntityDescriptor saknar entityID.",
	"en": "The EntityDescriptor has no entityID.",
}} if {
	object.get(_md, "entity_id", "") == ""
}

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": "Metatiedoissa ei ole SPSSODescriptor-elementtiä (palveluntarjoajan kuvausta).",
	"sv": "Metadata saknar SPSSODescriptor (beskrivningen av tjänsteleverantören).",
	"en": "The metadata has no SPSSODescriptor (the service provider's description).",
}} if {
	sp.sp == null
}

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": sprintf("SPSSODescriptor ei tue protokollaa %s (protocolSupportEnumeration: %s).", [saml2_protocol, sp.list(object.get(sp.sp, "protocols", []))]),
	"sv": sprintf("SPSSODescriptor stöder inte protokollet %s (protocolSupportEnumeration: %s).", [saml2_protocol, sp.list(object.get(sp.sp, "protocols", []))]),
	"en": sprintf("The SPSSODescriptor does not support %s (protocolSupportEnumeration: %s).", [saml2_protocol, sp.list(object.get(sp.sp, "protocols", []))]),
}} if {
	sp.sp != null
	not sp.sp.saml2
}

_saml_01_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Metatiedot ovat vanhentuneet: validUntil %s on mennyt, joten metatietoja ei voi käyttää.", [_md.valid_until]),
	"sv": sprintf("Metadata har gått ut: validUntil %s har passerat, så metadata kan inte användas.", [_md.valid_until]),
	"en": sprintf("The metadata has expired: validUntil %s is in the past, so it cannot be used.", [_md.valid_until]),
}} if {
	_valid_until_past
}

_valid_until_past if {
	object.get(_md, "valid_until", "") != ""
	lib.days_until(_md.valid_until) < 0
}

_saml_01 := v if {
	v := sp.saml_gate([])
} else := sp.verdict_of(
	_saml_01_problems, {
		"fi": sprintf("Metatiedot ovat EntityDescriptor (entityID %s), jossa on SAML 2.0 -SPSSODescriptor.", [_md.entity_id]),
		"sv": sprintf("Metadata är en EntityDescriptor (entityID %s) med en SPSSODescriptor för SAML 2.0.", [_md.entity_id]),
		"en": sprintf("The metadata is an EntityDescriptor (entityID %s) with a SAML 2.0 SPSSODescriptor.", [_md.entity_id]),
	},
	_ev,
)

# METADATA
# title: entityID an absolute URI, an https URL advised
# custom:
#   id: SP-SAML-02
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [SAML 2.0 core 8.3.6 (entity identifier), MPASSid SAML profile, MPASSid management service validation rules (entityID unique)]
#   titles:
#     fi: entityID on absoluuttinen URI (suositus https-osoite)
#     sv: entityID är en absolut URI (helst en https-adress)
#     en: entityID is an absolute URI (an https URL advised)
#   remediation:
#     fi: Käytä entityID:nä pysyvää, absoluuttista URI:a, mieluiten palvelun oman verkkotunnuksen https-osoitetta (esim. https://palvelu.example.fi/sp). entityID:n on oltava yksilöllinen MPASSidissa.
#     sv: Använd ett permanent, absolut URI som entityID, helst en https-adress under tjänstens egen domän (t.ex. https://tjanst.example.fi/sp). entityID ska vara unikt i MPASSid.
#     en: Use a permanent absolute URI as the entityID, preferably an https URL under the service's own domain (e.g. https://service.example.fi/sp). The entityID must be unique in MPASSid.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_02 := lib.result(rego.metadata.chain(), _saml_02)

_saml_02 := v if {
	v := sp.saml_gate([])
} else := lib.pass_with(
	{
		"fi": sprintf("entityID %s on https-osoite.", [_md.entity_id]),
		"sv": sprintf("entityID %s är en https-adress.", [_md.entity_id]),
		"en": sprintf("The entityID %s is an https URL.", [_md.entity_id]),
	},
	_ev,
) if {
	regex.match(`^https://[^/?#\s]+[^\s]*$`, _md.entity_id)
} else := lib.warn_with(
	{
		"fi": sprintf("entityID %s on absoluuttinen URI, mutta ei https-osoite; https-osoite on suositeltava.", [_md.entity_id]),
		"sv": sprintf("entityID %s är en absolut URI men ingen https-adress; en https-adress rekommenderas.", [_md.entity_id]),
		"en": sprintf("The entityID %s is an absolute URI but not an https URL; an https URL is advised.", [_md.entity_id]),
	},
	_ev,
) if {
	regex.match(`^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$`, _md.entity_id)
} else := lib.fail_with(
	{
		"fi": sprintf("entityID %q ei ole absoluuttinen URI.", [object.get(_md, "entity_id", "")]),
		"sv": sprintf("entityID %q är inte en absolut URI.", [object.get(_md, "entity_id", "")]),
		"en": sprintf("The entityID %q is not an absolute URI.", [object.get(_md, "entity_id", "")]),
	},
	_ev,
)

# METADATA
# title: A strong signing certificate valid at least 6 months, also in test
# custom:
#   id: SP-SAML-03
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid management service validation rules (signing certificate mandatory also in test; valid at least 6 months), MPASSid SAML profile, NIST SP 800-57 Part 1 (key sizes)]
#   titles:
#     fi: Vahva allekirjoitusvarmenne, voimassa vähintään 6 kuukautta, myös testiympäristössä
#     sv: Ett starkt signeringscertifikat som är giltigt minst 6 månader, även i testmiljön
#     en: A strong signing certificate valid at least 6 months, also in test
#   remediation:
#     fi: Lisää metatietoihin allekirjoitusvarmenne (KeyDescriptor use="signing"), jonka avain on RSA vähintään 2048 bittiä tai EC vähintään P-256 ja joka on voimassa vähintään 6 kuukautta. Vaihda vanheneva varmenne ajoissa ja toimita päivitetyt metatiedot.
#     sv: Lägg till ett signeringscertifikat i metadata (KeyDescriptor use="signing") med en RSA-nyckel på minst 2048 bitar eller EC minst P-256, giltigt i minst 6 månader. Byt ett certifikat som håller på att gå ut i tid och lämna uppdaterad metadata.
#     en: Add a signing certificate to the metadata (KeyDescriptor use="signing") with an RSA key of at least 2048 bits or EC P-256 or stronger, valid at least 6 more months. Roll over an expiring certificate in time and deliver the updated metadata.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_03 := lib.result(rego.metadata.chain(), _saml_03)

_signing := sp.certificates("signing")

_saml_03 := v if {
	v := sp.sp_gate([])
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole allekirjoitusvarmennetta; se on pakollinen myös testiympäristössä.",
		"sv": "Metadata saknar signeringscertifikat; det är obligatoriskt även i testmiljön.",
		"en": "The metadata has no signing certificate; it is mandatory in the test environment too.",
	},
	_ev,
) if {
	count(_signing) == 0
} else := sp.verdict_of(
	{p | some i, c in _signing; some p in sp.cert_problems(c, _cert_name(i, c), cert_min_months)},
	{
		"fi": sprintf("Allekirjoitusvarmenteet (%d) ovat riittävän vahvoja ja voimassa vähintään 6 kuukautta: %s.", [count(_signing), _cert_summary(_signing, "fi")]),
		"sv": sprintf("Signeringscertifikaten (%d) är tillräckligt starka och giltiga minst 6 månader: %s.", [count(_signing), _cert_summary(_signing, "sv")]),
		"en": sprintf("The signing certificates (%d) are strong enough and valid at least 6 months: %s.", [count(_signing), _cert_summary(_signing, "en")]),
	},
	_ev,
)

# _cert_name is a language-neutral label such as "#1 (RSA 3072)".
_cert_name(i, c) := sprintf("#%d (%v %v)", [i + 1, object.get(c, "key_type", "?"), object.get(c, "key_bits", "?")])

# _cert_summary lists the certificates with their last day, in lang.
_cert_summary(certs, lang) := concat("; ", [sprintf(_until[lang], [_cert_name(i, c), substring(object.get(c, "not_after", ""), 0, 10)]) | some i, c in certs])

_until := {"fi": "%s voimassa %s asti", "sv": "%s giltigt till %s", "en": "%s valid until %s"}

# METADATA
# title: AuthnRequestsSigned="true"
# custom:
#   id: SP-SAML-04
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid SAML profile, SAML 2.0 metadata 2.4.4 (AuthnRequestsSigned)]
#   titles:
#     fi: Tunnistuspyynnöt allekirjoitetaan (AuthnRequestsSigned="true")
#     sv: Autentiseringsbegäranden signeras (AuthnRequestsSigned="true")
#     en: Authentication requests are signed (AuthnRequestsSigned="true")
#   remediation:
#     fi: Allekirjoita palvelun tunnistuspyynnöt (AuthnRequest) ja merkitse SPSSODescriptor-elementtiin AuthnRequestsSigned="true". MPASSidin SAML-profiili edellyttää allekirjoitettuja tunnistuspyyntöjä kaikissa ympäristöissä, joten tämä itseauditointi pitää ne pakollisina, vaikka MPASSid-hallintapalvelussa allekirjoitetut pyynnöt voi kytkeä pois. Jos rekisteröit palvelun niin, ota allekirjoitus käyttöön palvelussa ja metatiedoissa ja päivitä metatiedot MPASSid-hallintapalveluun.
#     sv: Signera tjänstens autentiseringsbegäranden (AuthnRequest) och ange AuthnRequestsSigned="true" i SPSSODescriptor. MPASSids SAML-profil kräver signerade autentiseringsbegäranden i alla miljöer, så denna självgranskning håller dem obligatoriska, fast signerade begäranden kan stängas av i administrationstjänsten för MPASSid. Om tjänsten är registrerad så, ta i bruk signering i tjänsten och i metadata och uppdatera metadata i administrationstjänsten för MPASSid.
#     en: Sign the service's authentication requests (AuthnRequest) and set AuthnRequestsSigned="true" on the SPSSODescriptor. MPASSid's SAML profile requires signed authentication requests in every environment, so this self-audit keeps them a must although the MPASSid management service lets a service turn them off. If you registered the service with them off, turn signing on in the service and its metadata and update the metadata in the MPASSid management service.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
#     - path: saml.authn_requests_signed
#       type: bool
#       optional: true
#       question:
#         fi: SAML-palvelut - allekirjoittaako palvelu tunnistuspyyntönsä (AuthnRequest)? MPASSidin SAML-profiili vaatii sen kaikissa ympäristöissä, vaikka MPASSid-hallintapalvelussa sen voi kytkeä pois; vastaa false, jos se on pois päältä.
#         sv: SAML-tjänster - signerar tjänsten sina autentiseringsbegäranden (AuthnRequest)? MPASSids SAML-profil kräver det i alla miljöer, fast det kan stängas av i administrationstjänsten för MPASSid; svara false om det är avstängt.
#         en: SAML services - does the service sign its authentication requests (AuthnRequest)? MPASSid's SAML profile requires it in every environment, although the MPASSid management service lets you turn it off; answer false if it is off.
saml_04 := lib.result(rego.metadata.chain(), _saml_04)

# What the probed metadata shows is decided even when the question is not
# answered: AuthnRequestsSigned other than "true" fails.
_saml_04 := lib.fail_with(
	{
		"fi": sprintf("Metatiedoissa AuthnRequestsSigned on %s: MPASSidin SAML-profiili edellyttää allekirjoitettuja tunnistuspyyntöjä.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
		"sv": sprintf("I metadata är AuthnRequestsSigned %s: MPASSids SAML-profil kräver signerade autentiseringsbegäranden.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
		"en": sprintf("The metadata has AuthnRequestsSigned %s: MPASSid's SAML profile requires signed authentication requests.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
	},
	_ev,
) if {
	lib.answer("saml.authn_requests_signed") == null
	not sp.sp_gate([])
	object.get(sp.sp, "authn_requests_signed", null) != true
} else := v if {
	v := sp.saml_gate(["saml.authn_requests_signed"])
	v.status in {"not_applicable", "unanswered"}
} else := lib.fail({
	"fi": "Vastauksen mukaan palvelu ei allekirjoita tunnistuspyyntöjään; MPASSidin SAML-profiili vaatii allekirjoitetut tunnistuspyynnöt kaikissa ympäristöissä.",
	"sv": "Enligt svaret signerar tjänsten inte sina autentiseringsbegäranden; MPASSids SAML-profil kräver signerade autentiseringsbegäranden i alla miljöer.",
	"en": "According to the answer, the service does not sign its authentication requests; MPASSid's SAML profile requires signed authentication requests in every environment.",
}) if {
	lib.answer("saml.authn_requests_signed") == false
} else := v if {
	v := sp.sp_gate([])
} else := lib.pass_with(
	{
		"fi": "Tunnistuspyynnöt allekirjoitetaan: vastaus ja metatiedot (AuthnRequestsSigned=\"true\") täsmäävät.",
		"sv": "Autentiseringsbegärandena signeras: svaret och metadata (AuthnRequestsSigned=\"true\") stämmer överens.",
		"en": "Authentication requests are signed: the answer and the metadata (AuthnRequestsSigned=\"true\") agree.",
	},
	_ev,
) if {
	object.get(sp.sp, "authn_requests_signed", null) == true
} else := lib.fail_with(
	{
		"fi": sprintf("Vastauksen mukaan tunnistuspyynnöt allekirjoitetaan (saml.authn_requests_signed = true), mutta metatiedoissa AuthnRequestsSigned on %s.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
		"sv": sprintf("Enligt svaret signeras autentiseringsbegärandena (saml.authn_requests_signed = true), men i metadata är AuthnRequestsSigned %s.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
		"en": sprintf("The answer says requests are signed (saml.authn_requests_signed = true), but the metadata has AuthnRequestsSigned %s.", [_attr(object.get(sp.sp, "authn_requests_signed", null))]),
	},
	_ev,
)

# _attr shows a boolean metadata attribute as found ("absent" is false).
_attr(null) := "absent (= false)"

_attr(b) := sprintf("\"%v\"", [b]) if b != null

# METADATA
# title: WantAssertionsSigned="true"
# custom:
#   id: SP-SAML-05
#   severity: must
#   severity_by_env: {test: should}
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid management service validation rules (production forces signed assertions), MPASSid SAML profile, SAML 2.0 metadata 2.4.4 (WantAssertionsSigned)]
#   titles:
#     fi: Palvelu vaatii allekirjoitetut väittämät (WantAssertionsSigned="true")
#     sv: Tjänsten kräver signerade intyg (WantAssertionsSigned="true")
#     en: The service wants signed assertions (WantAssertionsSigned="true")
#   remediation:
#     fi: Merkitse SPSSODescriptor-elementtiin WantAssertionsSigned="true" ja hylkää allekirjoittamattomat väittämät. Pakollinen tuotanto- ja demoympäristössä, suositus testiympäristössä. Demoympäristö arvioidaan kuten tuotanto, koska maksuttomiin palveluihin kirjautuu siellä oikeita käyttäjiä.
#     sv: Ange WantAssertionsSigned="true" i SPSSODescriptor och avvisa osignerade intyg. Obligatoriskt i produktions- och demomiljön, rekommenderat i testmiljön. Demomiljön bedöms som produktion, eftersom riktiga användare loggar in i de avgiftsfria tjänsterna där.
#     en: Set WantAssertionsSigned="true" on the SPSSODescriptor and reject unsigned assertions. Mandatory in production and demo, advised in test. Demo is judged as production, because real users log in to the free services there.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_05 := lib.result(rego.metadata.chain(), _saml_05)

_saml_05 := v if {
	v := sp.sp_gate([])
} else := lib.pass_with(
	{
		"fi": "Metatiedoissa on WantAssertionsSigned=\"true\".",
		"sv": "Metadata har WantAssertionsSigned=\"true\".",
		"en": "The metadata has WantAssertionsSigned=\"true\".",
	},
	_ev,
) if {
	object.get(sp.sp, "want_assertions_signed", null) == true
} else := lib.fail_with(
	{
		"fi": sprintf("Metatiedoissa WantAssertionsSigned on %s; tuotanto- ja demoympäristössä väittämien on oltava allekirjoitettuja (demoympäristö arvioidaan kuten tuotanto: maksuttomiin palveluihin kirjautuu siellä oikeita käyttäjiä).", [_attr(object.get(sp.sp, "want_assertions_signed", null))]),
		"sv": sprintf("I metadata är WantAssertionsSigned %s; i produktions- och demomiljön ska intygen vara signerade (demomiljön bedöms som produktion: riktiga användare loggar in i de avgiftsfria tjänsterna där).", [_attr(object.get(sp.sp, "want_assertions_signed", null))]),
		"en": sprintf("The metadata has WantAssertionsSigned %s; production and demo require signed assertions (demo is judged as production: real users log in to the free services there).", [_attr(object.get(sp.sp, "want_assertions_signed", null))]),
	},
	_ev,
)

# METADATA
# title: Every AssertionConsumerService https on a host name, HTTP-POST, indexed, one default
# custom:
#   id: SP-SAML-06
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid management service validation rules (ACS https), MPASSid SAML profile, SAML 2.0 metadata 2.2.3 (IndexedEndpointType)]
#   titles:
#     fi: Jokainen AssertionConsumerService on https-osoite täydellisellä verkkonimellä, HTTP-POST, numeroitu, yksi oletus
#     sv: Varje AssertionConsumerService är en https-adress med fullständigt värdnamn, HTTP-POST, indexerad, en standard
#     en: Every AssertionConsumerService is https on a fully qualified host name, HTTP-POST, indexed, exactly one default
#   remediation:
#     fi: Anna jokaiselle AssertionConsumerService-elementille https-osoite palvelun täydellisellä verkkonimellä (ei IP-osoitetta eikä localhostia), Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" ja yksilöllinen numeerinen index. Jos ACS-osoitteita on useita, merkitse täsmälleen yksi isDefault="true"; ainoa ACS-osoite on oletus ilman merkintääkin.
#     sv: Ge varje AssertionConsumerService en https-adress med tjänstens fullständiga värdnamn (ingen IP-adress eller localhost), Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" och ett unikt numeriskt index. Om det finns flera ACS, märk exakt en med isDefault="true"; en enda ACS är standard även utan markering.
#     en: Give every AssertionConsumerService an https location on the service's fully qualified host name (no IP address, no localhost), Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" and a unique numeric index. With several, mark exactly one isDefault="true"; a single ACS is the default without the mark.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_06 := lib.result(rego.metadata.chain(), _saml_06)

_acs := object.get(sp.sp, "acs", [])

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": "Metatiedoissa ei ole yhtään AssertionConsumerService-osoitetta.",
	"sv": "Metadata har ingen AssertionConsumerService.",
	"en": "The metadata has no AssertionConsumerService.",
}} if {
	count(_acs) == 0
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("ACS %s ei ole https-osoite.", [a.location]),
	"sv": sprintf("ACS %s är ingen https-adress.", [a.location]),
	"en": sprintf("ACS %s is not https.", [a.location]),
}} if {
	some a in _acs
	lower(object.get(a, "scheme", "")) != "https"
}

_host_kinds := {
	"ip": {"fi": "IP-osoite", "sv": "en IP-adress", "en": "an IP address"},
	"localhost": {"fi": "localhost", "sv": "localhost", "en": "localhost"},
	"single-label": {"fi": "yksiosainen nimi ilman verkkotunnusta", "sv": "ett namn utan domän", "en": "a single-label name without a domain"},
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("ACS %s: palvelin %s on %s, ei täydellinen verkkonimi.", [a.location, object.get(a, "host", ""), kind.fi]),
	"sv": sprintf("ACS %s: värden %s är %s, inte ett fullständigt värdnamn.", [a.location, object.get(a, "host", ""), kind.sv]),
	"en": sprintf("ACS %s: the host %s is %s, not a fully qualified host name.", [a.location, object.get(a, "host", ""), kind.en]),
}} if {
	some a in _acs
	a.host_kind != "fqdn"
	kind := object.get(_host_kinds, a.host_kind, {"fi": a.host_kind, "sv": a.host_kind, "en": a.host_kind})
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("ACS %s käyttää sidontaa %s; MPASSid lähettää vastauksen vain HTTP-POST-sidonnalla.", [a.location, object.get(a, "binding", "")]),
	"sv": sprintf("ACS %s använder bindningen %s; MPASSid skickar svaret endast med HTTP-POST.", [a.location, object.get(a, "binding", "")]),
	"en": sprintf("ACS %s uses the binding %s; MPASSid sends responses with HTTP-POST only.", [a.location, object.get(a, "binding", "")]),
}} if {
	some a in _acs
	object.get(a, "binding", "") != post_binding
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("ACS %s: index puuttuu tai ei ole numero.", [a.location]),
	"sv": sprintf("ACS %s: index saknas eller är inte ett tal.", [a.location]),
	"en": sprintf("ACS %s: the index is missing or not a number.", [a.location]),
}} if {
	some a in _acs
	not is_number(object.get(a, "index", null))
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Sama index %v on usealla ACS-osoitteella.", [i]),
	"sv": sprintf("Samma index %v används av flera ACS.", [i]),
	"en": sprintf("The index %v is used by several ACS.", [i]),
}} if {
	some a in _acs
	i := a.index
	is_number(i)
	count([b | some b in _acs; b.index == i]) > 1
}

_defaults := [a | some a in _acs; a.is_default == true]

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": sprintf("%d ACS-osoitetta on merkitty isDefault=\"true\"; oletuksia saa olla täsmälleen yksi.", [count(_defaults)]),
	"sv": sprintf("%d ACS är märkta isDefault=\"true\"; exakt en standard är tillåten.", [count(_defaults)]),
	"en": sprintf("%d ACS are marked isDefault=\"true\"; exactly one default is allowed.", [count(_defaults)]),
}} if {
	count(_defaults) > 1
}

_saml_06_problems contains {"level": "fail", "msg": {
	"fi": "Yhtään ACS-osoitetta ei ole merkitty oletukseksi (isDefault=\"true\").",
	"sv": "Ingen ACS är märkt som standard (isDefault=\"true\").",
	"en": "No ACS is marked as the default (isDefault=\"true\").",
}} if {
	count(_defaults) == 0
	count(_acs) > 1
}

# A single ACS without isDefault is the default (SAML metadata: the first
# endpoint is the default when none is marked) and passes. One explicitly
# marked isDefault="false" is still the default by that rule, but says the
# opposite: it warns.
_saml_06_problems contains {"level": "warn", "msg": {
	"fi": "Ainoa ACS-osoite on merkitty isDefault=\"false\", vaikka se on SAML-määrittelyn mukaan oletus: poista määrite tai merkitse isDefault=\"true\".",
	"sv": "Den enda ACS är märkt isDefault=\"false\", fast den är standard enligt SAML-specifikationen: ta bort attributet eller märk den isDefault=\"true\".",
	"en": "The only ACS is marked isDefault=\"false\" although it is the default by the SAML rules: remove the attribute or mark it isDefault=\"true\".",
}} if {
	count(_acs) == 1
	_acs[0].is_default == false
}

default _default_location := "-"

_default_location := object.get(_defaults[0], "location", "-") if count(_defaults) == 1

_default_location := object.get(_acs[0], "location", "-") if {
	count(_acs) == 1
	count(_defaults) == 0
}

_saml_06 := v if {
	v := sp.sp_gate([])
} else := sp.verdict_of(
	_saml_06_problems, {
		"fi": sprintf("ACS-osoitteet (%d) ovat https-osoitteita täydellisellä verkkonimellä, HTTP-POST, numeroituja; oletus %s.", [count(_acs), _default_location]),
		"sv": sprintf("ACS-adresserna (%d) är https-adresser med fullständigt värdnamn, HTTP-POST, indexerade; standard %s.", [count(_acs), _default_location]),
		"en": sprintf("The %d ACS are https on fully qualified host names, HTTP-POST, indexed; default %s.", [count(_acs), _default_location]),
	},
	_ev,
)

# METADATA
# title: Transient NameID format supported
# custom:
#   id: SP-SAML-07
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid SAML profile, SAML 2.0 core 8.3.8 (transient identifier)]
#   titles:
#     fi: Transient-muotoinen NameID on tuettu
#     sv: NameID-formatet transient stöds
#     en: Transient NameID format supported
#   remediation:
#     fi: Lisää metatietoihin <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat> ja tunnista käyttäjä attribuuteista, ei NameID:stä.
#     sv: Lägg till <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat> i metadata och identifiera användaren med attribut, inte med NameID.
#     en: Add <NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</NameIDFormat> to the metadata and identify the user by attributes, not by the NameID.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_07 := lib.result(rego.metadata.chain(), _saml_07)

_nameid_formats := object.get(sp.sp, "nameid_formats", [])

_saml_07 := v if {
	v := sp.sp_gate([])
} else := lib.pass_with(
	{
		"fi": "Transient-muotoinen NameID on tuettu.",
		"sv": "NameID-formatet transient stöds.",
		"en": "The transient NameID format is supported.",
	},
	_ev,
) if {
	transient in _nameid_formats
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole yhtään NameIDFormat-elementtiä; lisää transient-muoto.",
		"sv": "Metadata har inget NameIDFormat; lägg till formatet transient.",
		"en": "The metadata names no NameIDFormat; add the transient format.",
	},
	_ev,
) if {
	count(_nameid_formats) == 0
} else := lib.fail_with(
	{
		"fi": sprintf("Transient-muotoa ei ole metatiedoissa (NameIDFormat: %s).", [sp.list(_nameid_formats)]),
		"sv": sprintf("Formatet transient saknas i metadata (NameIDFormat: %s).", [sp.list(_nameid_formats)]),
		"en": sprintf("The transient format is not in the metadata (NameIDFormat: %s).", [sp.list(_nameid_formats)]),
	},
	_ev,
)

# METADATA
# title: Single logout is not offered by MPASSid
# custom:
#   id: SP-SAML-08
#   severity: info
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid SAML profile]
#   titles:
#     fi: MPASSid ei tarjoa keskitettyä uloskirjautumista (Single Logout)
#     sv: MPASSid erbjuder inte central utloggning (Single Logout)
#     en: Single logout is not offered by MPASSid
#   remediation:
#     fi: Kirjaa käyttäjä ulos palvelusta paikallisesti; MPASSid ei kutsu SingleLogoutService-osoitteita.
#     sv: Logga ut användaren lokalt i tjänsten; MPASSid anropar inte SingleLogoutService-adresser.
#     en: Log the user out of the service locally; MPASSid does not call SingleLogoutService endpoints.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_08 := lib.result(rego.metadata.chain(), _saml_08)

_slo := [a.location | some a in object.get(sp.sp, "slo", [])]

_saml_08 := v if {
	v := sp.sp_gate([])
} else := lib.pass_with(
	{
		"fi": sprintf("Tiedoksi: metatiedoissa on SingleLogoutService-osoitteet %s, mutta MPASSid ei tarjoa keskitettyä uloskirjautumista eikä kutsu niitä. Kirjaa käyttäjä ulos palvelusta paikallisesti.", [sp.list(_slo)]),
		"sv": sprintf("För kännedom: metadata har SingleLogoutService-adresserna %s, men MPASSid erbjuder inte central utloggning och anropar dem inte. Logga ut användaren lokalt i tjänsten.", [sp.list(_slo)]),
		"en": sprintf("For information: the metadata lists SingleLogoutService endpoints %s, but MPASSid offers no single logout and will not call them. Log users out of the service locally.", [sp.list(_slo)]),
	},
	_ev,
) if {
	count(_slo) > 0
} else := lib.pass_with(
	{
		"fi": "Tiedoksi: metatiedoissa ei ole SingleLogoutService-osoitteita; MPASSid ei tarjoa keskitettyä uloskirjautumista.",
		"sv": "För kännedom: metadata har inga SingleLogoutService-adresser; MPASSid erbjuder inte central utloggning.",
		"en": "For information: the metadata lists no SingleLogoutService endpoints; MPASSid offers no single logout.",
	},
	_ev,
)

# METADATA
# title: No SHA-1 signature or digest algorithms
# custom:
#   id: SP-SAML-09
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid SAML profile, SAML V2.0 Metadata Profile for Algorithm Support, NIST SP 800-131A Rev. 2 (SHA-1 disallowed for signatures)]
#   titles:
#     fi: Ei SHA-1-allekirjoitus- tai tiivistealgoritmeja
#     sv: Inga signatur- eller hashalgoritmer med SHA-1
#     en: No SHA-1 signature or digest algorithms
#   remediation:
#     fi: Käytä SHA-256:ta tai vahvempaa (esim. http://www.w3.org/2001/04/xmldsig-more#rsa-sha256 ja http://www.w3.org/2001/04/xmlenc#sha256) metatietojen allekirjoituksessa, SigningMethod- ja DigestMethod-elementeissä sekä varmenteissa.
#     sv: Använd SHA-256 eller starkare (t.ex. http://www.w3.org/2001/04/xmldsig-more#rsa-sha256 och http://www.w3.org/2001/04/xmlenc#sha256) i metadatans signatur, i SigningMethod och DigestMethod och i certifikaten.
#     en: Use SHA-256 or stronger (e.g. http://www.w3.org/2001/04/xmldsig-more#rsa-sha256 and http://www.w3.org/2001/04/xmlenc#sha256) in the metadata signature, in SigningMethod and DigestMethod, and in the certificates.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_09 := lib.result(rego.metadata.chain(), _saml_09)

_algorithms := object.get(_md, "algorithms", {})

_sha1_uris := sort({u |
	some kind in ["signature", "digest"]
	some u in object.get(_algorithms, kind, [])
	contains(lower(u), "sha1")
})

_sha1_certs := [sprintf("#%d (%s)", [i + 1, c.signature_algorithm]) |
	some i, c in object.get(sp.sp, "certificates", [])
	regex.match(`(?i)sha-?1`, object.get(c, "signature_algorithm", ""))
]

_saml_09_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Metatiedoissa on SHA-1-algoritmeja: %s.", [_sha1_list]),
	"sv": sprintf("Metadata innehåller SHA-1-algoritmer: %s.", [_sha1_list]),
	"en": sprintf("The metadata uses SHA-1 algorithms: %s.", [_sha1_list]),
}} if {
	_sha1_in_metadata
}

_sha1_in_metadata if _md.algorithms.sha1 == true

_sha1_in_metadata if count(_sha1_uris) > 0

default _sha1_list := "sha1"

_sha1_list := sp.list(_sha1_uris) if count(_sha1_uris) > 0

_saml_09_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Varmenteet on allekirjoitettu SHA-1:llä: %s.", [sp.list(_sha1_certs)]),
	"sv": sprintf("Certifikaten är signerade med SHA-1: %s.", [sp.list(_sha1_certs)]),
	"en": sprintf("Certificates signed with SHA-1: %s.", [sp.list(_sha1_certs)]),
}} if {
	count(_sha1_certs) > 0
}

_used_algorithms := sort({u |
	some kind in ["signature", "digest"]
	some u in object.get(_algorithms, kind, [])
} | {c.signature_algorithm |
	some c in object.get(sp.sp, "certificates", [])
	object.get(c, "signature_algorithm", "") != ""
})

_saml_09 := v if {
	v := sp.saml_gate([])
} else := sp.verdict_of(
	_saml_09_problems, {
		"fi": sprintf("Ei SHA-1-algoritmeja (käytössä: %s).", [_or_none(_used_algorithms)]),
		"sv": sprintf("Inga SHA-1-algoritmer (används: %s).", [_or_none(_used_algorithms)]),
		"en": sprintf("No SHA-1 algorithms (in use: %s).", [_or_none(_used_algorithms)]),
	},
	_ev,
)

default _or_none(_) := "-"

_or_none(xs) := sp.list(xs) if count(xs) > 0

# METADATA
# title: An encryption certificate for assertion encryption
# custom:
#   id: SP-SAML-10
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid SAML profile, MPASSid management service (encryption certificate validity)]
#   titles:
#     fi: Salausvarmenne väittämien salaamiseen
#     sv: Ett krypteringscertifikat för kryptering av intyg
#     en: An encryption certificate for assertion encryption
#   remediation:
#     fi: Lisää metatietoihin salausvarmenne (KeyDescriptor use="encryption"), jonka avain on RSA vähintään 2048 bittiä tai EC vähintään P-256 ja joka on voimassa vähintään 6 kuukautta, jotta MPASSid voi salata väittämät.
#     sv: Lägg till ett krypteringscertifikat i metadata (KeyDescriptor use="encryption") med RSA minst 2048 bitar eller EC minst P-256, giltigt minst 6 månader, så att MPASSid kan kryptera intygen.
#     en: Add an encryption certificate to the metadata (KeyDescriptor use="encryption") with RSA 2048 bits or EC P-256 or stronger, valid at least 6 months, so that MPASSid can encrypt assertions.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_10 := lib.result(rego.metadata.chain(), _saml_10)

_encryption := sp.certificates("encryption")

_saml_10 := v if {
	v := sp.sp_gate([])
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole salausvarmennetta, joten väittämiä ei voi salata.",
		"sv": "Metadata saknar krypteringscertifikat, så intygen kan inte krypteras.",
		"en": "The metadata has no encryption certificate, so assertions cannot be encrypted.",
	},
	_ev,
) if {
	count(_encryption) == 0
} else := sp.verdict_of(
	{p | some i, c in _encryption; some p in sp.cert_problems(c, _cert_name(i, c), cert_min_months)},
	{
		"fi": sprintf("Salausvarmenteet (%d) ovat riittävän vahvoja ja voimassa vähintään 6 kuukautta: %s.", [count(_encryption), _cert_summary(_encryption, "fi")]),
		"sv": sprintf("Krypteringscertifikaten (%d) är tillräckligt starka och giltiga minst 6 månader: %s.", [count(_encryption), _cert_summary(_encryption, "sv")]),
		"en": sprintf("The encryption certificates (%d) are strong enough and valid at least 6 months: %s.", [count(_encryption), _cert_summary(_encryption, "en")]),
	},
	_ev,
)

# METADATA
# title: Requested attributes are in data model 1.4
# custom:
#   id: SP-SAML-11
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid data model 1.4, MPASSid SAML profile]
#   titles:
#     fi: Pyydetyt attribuutit kuuluvat tietomalliin 1.4
#     sv: De begärda attributen hör till datamodellen 1.4
#     en: Requested attributes are in data model 1.4
#   remediation:
#     fi: Pyydä vain MPASSid-tietomallin 1.4 attribuutteja (esim. urn:mpass.id:schoolInfo urn:mpass.id:schoolCode-attribuutin sijaan, urn:mpass.id:educationProviderInfo urn:mpass.id:educationProviderId-attribuutin sijaan) ja poista vanhentuneet RequestedAttribute-elementit.
#     sv: Begär endast attribut i MPASSids datamodell 1.4 (t.ex. urn:mpass.id:schoolInfo i stället för urn:mpass.id:schoolCode, urn:mpass.id:educationProviderInfo i stället för urn:mpass.id:educationProviderId) och ta bort föråldrade RequestedAttribute-element.
#     en: Request only attributes of MPASSid data model 1.4 (e.g. urn:mpass.id:schoolInfo instead of urn:mpass.id:schoolCode, urn:mpass.id:educationProviderInfo instead of urn:mpass.id:educationProviderId) and remove outdated RequestedAttribute elements.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_11 := lib.result(rego.metadata.chain(), _saml_11)

_requested := object.get(sp.sp, "requested_attributes", [])

_legacy := [a.name | some a in _requested; a.legacy == true]

_unknown := [a.name | some a in _requested; not a.in_model; not a.legacy]

_saml_11_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Vanhentuneita attribuutteja (poistettu tietomallista 1.4): %s.", [sp.list(_legacy)]),
	"sv": sprintf("Föråldrade attribut (borttagna i datamodellen 1.4): %s.", [sp.list(_legacy)]),
	"en": sprintf("Outdated attributes (removed in data model 1.4): %s.", [sp.list(_legacy)]),
}} if {
	count(_legacy) > 0
}

_saml_11_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Attribuutteja, jotka eivät kuulu tietomalliin 1.4: %s.", [sp.list(_unknown)]),
	"sv": sprintf("Attribut som inte hör till datamodellen 1.4: %s.", [sp.list(_unknown)]),
	"en": sprintf("Attributes not in data model 1.4: %s.", [sp.list(_unknown)]),
}} if {
	count(_unknown) > 0
}

_saml_11 := v if {
	v := sp.sp_gate([])
} else := lib.pass_with(
	{
		"fi": "Metatiedoissa ei pyydetä attribuutteja (RequestedAttribute); attribuutit sovitaan MPASSid-hallintapalvelussa.",
		"sv": "Metadata begär inga attribut (RequestedAttribute); attributen avtalas i administrationstjänsten för MPASSid.",
		"en": "The metadata requests no attributes (RequestedAttribute); the attributes are agreed in the MPASSid management service.",
	},
	_ev,
) if {
	count(_requested) == 0
} else := sp.verdict_of(
	_saml_11_problems, {
		"fi": sprintf("Kaikki %d pyydettyä attribuuttia kuuluvat tietomalliin 1.4.", [count(_requested)]),
		"sv": sprintf("Alla %d begärda attribut hör till datamodellen 1.4.", [count(_requested)]),
		"en": sprintf("All %d requested attributes are in data model 1.4.", [count(_requested)]),
	},
	_ev,
)

# METADATA
# title: Display names fi/sv/en, privacy statement URL, technical and security contacts; validUntil not past
# custom:
#   id: SP-SAML-12
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [InCommon Baseline Expectations SP 4, REFEDS Security Contact Metadata Extension, SAML V2.0 Metadata Extensions for Login and Discovery User Interface (MDUI), Sirtfi v1]
#   titles:
#     fi: Metatiedoissa nimi suomeksi, ruotsiksi ja englanniksi, tietosuojaselosteen osoite sekä tekninen ja tietoturvayhteyshenkilö
#     sv: Metadata har namn på finska, svenska och engelska, adressen till dataskyddsbeskrivningen samt teknisk kontakt och säkerhetskontakt
#     en: Metadata has display names fi/sv/en, a privacy statement URL, technical and security contacts
#   remediation:
#     fi: Lisää metatietoihin mdui:DisplayName kielillä fi, sv ja en, mdui:PrivacyStatementURL, ContactPerson contactType="technical" ja REFEDS-tietoturvayhteyshenkilö (remd:contactType="http://refeds.org/metadata/contactType/security"). Poista vanhentunut validUntil tai päivitä se.
#     sv: Lägg till mdui:DisplayName på fi, sv och en, mdui:PrivacyStatementURL, ContactPerson contactType="technical" och en REFEDS-säkerhetskontakt (remd:contactType="http://refeds.org/metadata/contactType/security") i metadata. Ta bort ett utgånget validUntil eller uppdatera det.
#     en: Add mdui:DisplayName in fi, sv and en, mdui:PrivacyStatementURL, a ContactPerson contactType="technical" and a REFEDS security contact (remd:contactType="http://refeds.org/metadata/contactType/security") to the metadata. Remove an expired validUntil or update it.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
saml_12 := lib.result(rego.metadata.chain(), _saml_12)

_lang_names := {"fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"}, "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"}, "en": {"fi": "englanti", "sv": "engelska", "en": "English"}}

_missing_names := [l |
	some l in sp.langs
	trim_space(object.get(object.get(sp.sp, "display_names", {}), l, "")) == ""
]

_contacts := object.get(_md, "contacts", [])

_names := concat(" / ", [object.get(object.get(sp.sp, "display_names", {}), l, "") | some l in sp.langs])

_saml_12_problems contains {"level": "fail", "msg": {
	"fi": sprintf("mdui:DisplayName puuttuu kielillä: %s.", [concat(", ", [_lang_names[l].fi | some l in _missing_names])]),
	"sv": sprintf("mdui:DisplayName saknas på: %s.", [concat(", ", [_lang_names[l].sv | some l in _missing_names])]),
	"en": sprintf("mdui:DisplayName missing in: %s.", [concat(", ", [_lang_names[l].en | some l in _missing_names])]),
}} if {
	count(_missing_names) > 0
}

_saml_12_problems contains {"level": "fail", "msg": {
	"fi": "Tietosuojaselosteen osoite (mdui:PrivacyStatementURL) puuttuu.",
	"sv": "Adressen till dataskyddsbeskrivningen (mdui:PrivacyStatementURL) saknas.",
	"en": "The privacy statement URL (mdui:PrivacyStatementURL) is missing.",
}} if {
	trim_space(object.get(sp.sp, "privacy_url", "")) == ""
}

_saml_12_problems contains {"level": "fail", "msg": {
	"fi": "Teknistä yhteyshenkilöä (ContactPerson contactType=\"technical\") ei ole.",
	"sv": "Teknisk kontaktperson (ContactPerson contactType=\"technical\") saknas.",
	"en": "There is no technical contact (ContactPerson contactType=\"technical\").",
}} if {
	not _has_contact_type("technical")
}

_has_contact_type(t) if {
	some c in _contacts
	c.type == t
	object.get(c, "email", "") != ""
}

_saml_12_problems contains {"level": "fail", "msg": {
	"fi": "REFEDS-tietoturvayhteyshenkilöä (remd:contactType=\"http://refeds.org/metadata/contactType/security\") ei ole.",
	"sv": "REFEDS-säkerhetskontakt (remd:contactType=\"http://refeds.org/metadata/contactType/security\") saknas.",
	"en": "There is no REFEDS security contact (remd:contactType=\"http://refeds.org/metadata/contactType/security\").",
}} if {
	not _has_security_contact
}

_has_security_contact if {
	some c in _contacts
	c.security == true
	object.get(c, "email", "") != ""
}

_saml_12_problems contains {"level": "fail", "msg": {
	"fi": sprintf("Metatietojen validUntil %s on mennyt.", [_md.valid_until]),
	"sv": sprintf("Metadatans validUntil %s har passerat.", [_md.valid_until]),
	"en": sprintf("The metadata's validUntil %s is in the past.", [_md.valid_until]),
}} if {
	_valid_until_past
}

_saml_12 := v if {
	v := sp.sp_gate([])
} else := sp.verdict_of(
	_saml_12_problems, {
		"fi": sprintf("Metatiedoissa on nimi kolmella kielellä (%s), tietosuojaselosteen osoite %s sekä tekninen ja tietoturvayhteyshenkilö.", [_names, object.get(sp.sp, "privacy_url", "")]),
		"sv": sprintf("Metadata har namn på tre språk (%s), adressen till dataskyddsbeskrivningen %s samt teknisk kontakt och säkerhetskontakt.", [_names, object.get(sp.sp, "privacy_url", "")]),
		"en": sprintf("The metadata has display names in three languages (%s), the privacy statement URL %s, and technical and security contacts.", [_names, object.get(sp.sp, "privacy_url", "")]),
	},
	_ev,
)
