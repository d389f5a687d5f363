# METADATA
# title: The registration in the MPASSid management service (service providers)
# description: |
#   SP-SAML-13 compares the SAML metadata registered in the MPASSid
#   management service (saml.registered_metadata, as `mpassaudit import`
#   rebuilds it) with the service's live metadata (saml.metadata): both are
#   read by the saml-metadata probe. A certificate rollover that the
#   registration has not followed is the usual cause of broken logins.
# custom:
#   area: saml
package mpassaudit.requirements.sp.registered

import data.mpassaudit.lib
import data.mpassaudit.lib.sp

# METADATA
# title: The metadata registered in MPASSid matches the service's live metadata
# custom:
#   id: SP-SAML-13
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [MPASSid management service (registered SAML metadata), SAML 2.0 Metadata (saml-metadata-2.0-os) 2.4.1.1 and 2.4.4]
#   titles:
#     fi: MPASSidiin tallennetut metatiedot vastaavat palvelun nykyisiä metatietoja
#     sv: Metadata som registrerats i MPASSid motsvarar tjänstens aktuella metadata
#     en: The metadata registered in MPASSid matches the service's live metadata
#   remediation:
#     fi: Päivitä palvelun tiedot MPASSid-hallintapalveluun (entityID, allekirjoitus- ja salausvarmenteet, ACS-osoitteet, AuthnRequestsSigned ja WantAssertionsSigned) aina kun palvelun metatiedot muuttuvat, ja lisää uusi varmenne hallintapalveluun ennen kuin palvelu ottaa sen käyttöön.
#     sv: Uppdatera tjänstens uppgifter i administrationstjänsten för MPASSid (entityID, signerings- och krypteringscertifikat, ACS-adresser, AuthnRequestsSigned och WantAssertionsSigned) när tjänstens metadata ändras, och lägg till ett nytt certifikat i administrationstjänsten innan tjänsten tar det i bruk.
#     en: Update the service's record in the MPASSid management service (entityID, signing and encryption certificates, ACS locations, AuthnRequestsSigned and WantAssertionsSigned) whenever its metadata changes, and register a new certificate before the service starts using it.
#   answers:
#     - path: service.protocol
#       optional: true
#     - path: saml.metadata
#       optional: true
#     - path: saml.registered_metadata
#       type: location
#       optional: true
#       probe: saml-metadata
#       question:
#         fi: SAML-palvelut - MPASSid-hallintapalveluun tallennetut metatiedot (mpassaudit importin kirjoittama tiedosto tai metatietojen https-osoite)
#         sv: SAML-tjänster - metadata som registrerats i administrationstjänsten för MPASSid (filen som mpassaudit import skriver eller metadatans https-adress)
#         en: SAML services - the metadata registered in the MPASSid management service (the file mpassaudit import writes, or the metadata's https URL)
saml_13 := lib.result(rego.metadata.chain(), _saml_13)

_reg := input.probes["saml.registered_metadata"]

_live := input.probes["saml.metadata"]

_evidence := [lib.probe_evidence(_reg), lib.probe_evidence(_live)]

_paths := ["saml.registered_metadata", "saml.metadata"]

_saml_13 := sp.not_for_oidc if {
	sp.protocol == "oidc"
} else := lib.unanswered(["service.protocol"]) if {
	not sp.protocol
} else := lib.manual({
	"fi": "Tallennettuja tietoja ei ole annettu (saml.registered_metadata), joten vertailtavaa ei ole: vertaa MPASSid-hallintapalvelun tietoja palvelun nykyisiin metatietoihin tai anna tallennetut metatiedot (mpassaudit import kirjoittaa ne).",
	"sv": "Inga registrerade uppgifter har angetts (saml.registered_metadata), så det finns inget att jämföra: jämför uppgifterna i administrationstjänsten för MPASSid med tjänstens aktuella metadata eller ange den registrerade metadatan (mpassaudit import skriver den).",
	"en": "No registration is given (saml.registered_metadata), so there is nothing to compare: compare the record in the MPASSid management service with the service's live metadata, or give the registered metadata (mpassaudit import writes it).",
}) if {
	not lib.answered("saml.registered_metadata")
} else := lib.unanswered(sp.missing(_paths)) if {
	count(sp.missing(_paths)) > 0
} else := lib.not_probed(sprintf("saml.registered_metadata = %s", [lib.answer("saml.registered_metadata")])) if {
	not _reg
} else := lib.not_probed(sprintf("saml.metadata = %s", [lib.answer("saml.metadata")])) if {
	not _live
} else := lib.probe_failed(_reg) if {
	_reg.status != "ok"
} else := lib.probe_failed(_live) if {
	_live.status != "ok"
} else := lib.manual({
	"fi": "saml.metadata viittaa samaan tallennettuun tietoon kuin saml.registered_metadata, joten vertailtavaa ei ole: anna saml.metadata-kohtaan palvelun nykyisten metatietojen https-osoite.",
	"sv": "saml.metadata pekar på samma registrerade uppgifter som saml.registered_metadata, så det finns inget att jämföra: ange tjänstens aktuella metadatas https-adress i saml.metadata.",
	"en": "saml.metadata names the same registered record as saml.registered_metadata, so there is nothing to compare: give the https URL of the service's live metadata in saml.metadata.",
}) if {
	_same
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole SPSSODescriptor-elementtiä, joten tallennettuja ja nykyisiä tietoja ei voi verrata.",
		"sv": "Metadata saknar ett SPSSODescriptor-element, så de registrerade och aktuella uppgifterna kan inte jämföras.",
		"en": "A metadata document has no SPSSODescriptor, so the registration and the live metadata cannot be compared.",
	},
	_evidence,
) if {
	not _both_sp
} else := lib.fail_with(_all_msgs, _evidence) if {
	some d in _differences
	d.level == "fail"
} else := lib.warn_with(_all_msgs, _evidence) if {
	count(_differences) > 0
} else := lib.pass_with(_ok_msg, _evidence)

# Every difference is named, the failing ones first (sp.verdict_of would
# keep only the worst level's).
_all_msgs := sp.join(array.concat(
	[d.msg | some d in _differences; d.level == "fail"],
	[d.msg | some d in _differences; d.level != "fail"],
))

_same if _reg.target == _live.target

_same if {
	_reg.sha256 != ""
	_reg.sha256 == _live.sha256
}

_both_sp if {
	is_object(_reg.sp)
	is_object(_live.sp)
}

_ok_msg := {
	"fi": sprintf("Tallennetut tiedot vastaavat nykyisiä metatietoja: entityID %s, %d varmennetta, %d ACS-osoitetta ja liput AuthnRequestsSigned ja WantAssertionsSigned.", [_live.entity_id, count(_fps(_live, "signing") | _fps(_live, "encryption")), count(_acs(_live))]),
	"sv": sprintf("De registrerade uppgifterna motsvarar aktuell metadata: entityID %s, %d certifikat, %d ACS-adresser och flaggorna AuthnRequestsSigned och WantAssertionsSigned.", [_live.entity_id, count(_fps(_live, "signing") | _fps(_live, "encryption")), count(_acs(_live))]),
	"en": sprintf("The registration matches the live metadata: entityID %s, %d certificates, %d ACS locations and the AuthnRequestsSigned and WantAssertionsSigned flags.", [_live.entity_id, count(_fps(_live, "signing") | _fps(_live, "encryption")), count(_acs(_live))]),
}

# _fps are the certificate fingerprints of a metadata result for one use; a
# KeyDescriptor without use serves both.
_fps(md, use) := {c.sha256 |
	some c in md.sp.certificates
	object.get(c, "use", "") in {use, ""}
	object.get(c, "sha256", "") != ""
}

_acs(md) := {e.location | some e in md.sp.acs}

# _not_after of the certificate with fingerprint fp (the first, when one
# certificate serves both uses).
_not_after(md, fp) := [object.get(c, "not_after", "?") | some c in md.sp.certificates; c.sha256 == fp][0]

_short(fp) := substring(fp, 0, 16)

_use_name := {
	"signing": {"fi": "allekirjoitusvarmenne", "sv": "signeringscertifikat", "en": "signing certificate"},
	"encryption": {"fi": "salausvarmenne", "sv": "krypteringscertifikat", "en": "encryption certificate"},
}

_differences contains {"level": "fail", "msg": {
	"fi": sprintf("entityID eroaa: tallennettu %s, nykyinen %s.", [_reg.entity_id, _live.entity_id]),
	"sv": sprintf("entityID skiljer sig: registrerat %s, aktuellt %s.", [_reg.entity_id, _live.entity_id]),
	"en": sprintf("entityID differs: registered %s, live %s.", [_reg.entity_id, _live.entity_id]),
}} if {
	_reg.entity_id != _live.entity_id
}

# A registered certificate the service no longer publishes: MPASSid still
# trusts or encrypts to the old key.
_differences contains {"level": "fail", "msg": {
	"fi": sprintf("Tallennettu %s (SHA-256 %s…, voimassa %s asti) puuttuu nykyisistä metatiedoista.", [_use_name[use].fi, _short(fp), _not_after(_reg, fp)]),
	"sv": sprintf("Registrerat %s (SHA-256 %s…, giltigt till %s) saknas i aktuell metadata.", [_use_name[use].sv, _short(fp), _not_after(_reg, fp)]),
	"en": sprintf("The registered %s (SHA-256 %s…, valid until %s) is not in the live metadata.", [_use_name[use].en, _short(fp), _not_after(_reg, fp)]),
}} if {
	some use in ["signing", "encryption"]
	some fp in (_fps(_reg, use) - _fps(_live, use))
}

# A live certificate the registration lacks: logins break when the service
# switches to it, unless it is registered first.
_differences contains {"level": "warn", "msg": {
	"fi": sprintf("Nykyisissä metatiedoissa on %s (SHA-256 %s…, voimassa %s asti), jota ei ole tallennettu MPASSidiin: lisää se hallintapalveluun ennen kuin palvelu ottaa sen käyttöön, muuten kirjautuminen katkeaa.", [_use_name[use].fi, _short(fp), _not_after(_live, fp)]),
	"sv": sprintf("Aktuell metadata har ett %s (SHA-256 %s…, giltigt till %s) som inte registrerats i MPASSid: lägg till det i administrationstjänsten innan tjänsten tar det i bruk, annars slutar inloggningen fungera.", [_use_name[use].sv, _short(fp), _not_after(_live, fp)]),
	"en": sprintf("The live metadata has a %s (SHA-256 %s…, valid until %s) that MPASSid has not registered: register it before the service starts using it, or logins break.", [_use_name[use].en, _short(fp), _not_after(_live, fp)]),
}} if {
	some use in ["signing", "encryption"]
	some fp in (_fps(_live, use) - _fps(_reg, use))
}

_differences contains {"level": "fail", "msg": {
	"fi": sprintf("Tallennettu ACS-osoite %s puuttuu nykyisistä metatiedoista.", [loc]),
	"sv": sprintf("Den registrerade ACS-adressen %s saknas i aktuell metadata.", [loc]),
	"en": sprintf("The registered ACS location %s is not in the live metadata.", [loc]),
}} if {
	some loc in (_acs(_reg) - _acs(_live))
}

_differences contains {"level": "fail", "msg": {
	"fi": sprintf("Nykyisten metatietojen ACS-osoitetta %s ei ole tallennettu MPASSidiin: sinne ohjattu kirjautuminen ei toimi.", [loc]),
	"sv": sprintf("ACS-adressen %s i aktuell metadata har inte registrerats i MPASSid: inloggning dit fungerar inte.", [loc]),
	"en": sprintf("The live ACS location %s is not registered in MPASSid: logins to it fail.", [loc]),
}} if {
	some loc in (_acs(_live) - _acs(_reg))
}

_differences contains {"level": "fail", "msg": {
	"fi": sprintf("%s eroaa: tallennettu %s, nykyinen %s.", [flag.name, _flag(_reg, flag.key, "fi"), _flag(_live, flag.key, "fi")]),
	"sv": sprintf("%s skiljer sig: registrerat %s, aktuellt %s.", [flag.name, _flag(_reg, flag.key, "sv"), _flag(_live, flag.key, "sv")]),
	"en": sprintf("%s differs: registered %s, live %s.", [flag.name, _flag(_reg, flag.key, "en"), _flag(_live, flag.key, "en")]),
}} if {
	some flag in [
		{"key": "authn_requests_signed", "name": "AuthnRequestsSigned"},
		{"key": "want_assertions_signed", "name": "WantAssertionsSigned"},
	]
	object.get(_reg.sp, flag.key, null) != object.get(_live.sp, flag.key, null)
}

# _flag is the flag as written, or that the attribute is absent.
_flag(md, key, lang) := sprintf("%v", [v]) if {
	v := md.sp[key]
	v != null
} else := {"fi": "ei annettu", "sv": "inte angivet", "en": "not present"}[lang]
