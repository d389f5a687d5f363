# METADATA
# title: MPASSid appendix 1 self-audit catalogue
# description: |
#   The entry point is data.mpassaudit.results: one result per requirement
#   that applies to input.member.kind, ordered by requirement ID. Each result
#   has id, area, severity, status, message {fi, sv, en} and evidence.
#   Input: {member, answers, probes, environment, now}.
# custom:
#   version: 2026.11.1
#   areas:
#     - {id: organisation, fi: Organisaatio, sv: Organisation, en: Organisation}
#     - {id: privacy, fi: Tietosuoja, sv: Dataskydd, en: Privacy}
#     - {id: registry, fi: Käyttäjähakemisto ja tietomalli, sv: Användarregister och datamodell, en: User registry and data model}
#     - {id: lifecycle, fi: Käyttäjätilien elinkaari, sv: Användarkontons livscykel, en: Account lifecycle}
#     - {id: authentication, fi: Tunnistautuminen, sv: Autentisering, en: Authentication}
#     - {id: security, fi: Tietoturva, sv: Informationssäkerhet, en: Security}
#     - {id: incident, fi: Poikkeamien käsittely, sv: Incidenthantering, en: Incident response}
#     - {id: technical, fi: Tunnistuslähteen tekniikka, sv: Identitetskällans teknik, en: Identity source, technical}
#     - {id: saml, fi: SAML 2.0, sv: SAML 2.0, en: SAML 2.0}
#     - {id: oidc, fi: OpenID Connect, sv: OpenID Connect, en: OpenID Connect}
#     - {id: endpoints, fi: Palvelun päätepisteet ja tietoturva, sv: Tjänstens ändpunkter och säkerhet, en: Service endpoints and security}
#   answers:
#     - path: member.name
#       type: text
#       required: true
#       question:
#         fi: Organisaation nimi
#         sv: Organisationens namn
#         en: Name of the organisation
#     - path: member.kind
#       type: enum
#       values: [education-provider, service-provider]
#       required: true
#       question:
#         fi: Jäsentyyppi (education-provider = koulutustoimija, service-provider = palveluntarjoaja)
#         sv: Medlemstyp (education-provider = utbildningsaktör, service-provider = tjänsteleverantör)
#         en: Member type
#     - path: member.environment
#       type: enum
#       values: [test, demo, production]
#       question:
#         fi: Ympäristö, jota itseauditointi koskee (test = testiympäristö, demo = demoympäristö, production = tuotantoympäristö)
#         sv: Miljön som självgranskningen gäller (test = testmiljö, demo = demomiljö, production = produktionsmiljö)
#         en: Environment this self-audit is for (test, demo or production)
package mpassaudit

# METADATA
# description: Every requirement that applies to this member, ordered by ID.
# entrypoint: true
results := [_by_id[id] | some id in sort(object.keys(_by_id))]

# Only the packages of the member's kind are evaluated (ep or sp); lib.result
# also checks applies_to, so a requirement placed elsewhere is still correct.
_prefix := {"education-provider": "ep", "service-provider": "sp"}

_by_id[r.id] := r if {
	some area, name
	r := data.mpassaudit.requirements[_prefix[input.member.kind]][area][name]

	# A package's tests (<package>_test, loaded by `opa eval -d policies`
	# and `opa test`) are not requirements; helper rules of a package are
	# not results either: only objects with an id and a status are.
	not endswith(area, "_test")
	r.id
	r.status
}
