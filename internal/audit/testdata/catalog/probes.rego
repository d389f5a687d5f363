# METADATA
# title: Test requirements that read probes (internal/probe tests only)
# custom:
#   area: saml
package mpassaudit.requirements.sp.probetest

import data.mpassaudit.lib

# METADATA
# title: Signed authentication requests
# custom:
#   id: TEST-SAML-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [test]
#   titles: {fi: Allekirjoitetut pyynnöt, sv: Signerade begäranden, en: Signed requests}
#   remediation: {fi: Aseta AuthnRequestsSigned, sv: Sätt AuthnRequestsSigned, en: Set AuthnRequestsSigned}
#   answers:
#     - path: saml.metadata
#       type: location
#       probe: saml-metadata
#       question: {fi: Metatiedot, sv: Metadata, en: Metadata file or URL}
saml_01 := lib.result(rego.metadata.chain(), _saml_01)

_saml_01 := lib.not_probed("saml.metadata") if {
	not lib.probe("saml.metadata")
} else := lib.probe_failed(lib.probe("saml.metadata")) if {
	lib.probe("saml.metadata").status != "ok"
} else := lib.pass_with({"fi": "ok", "sv": "ok", "en": "AuthnRequestsSigned is true"}, [lib.probe_evidence(lib.probe("saml.metadata"))]) if {
	lib.probe("saml.metadata").sp.authn_requests_signed == true
} else := lib.fail_with({"fi": "ei", "sv": "nej", "en": "AuthnRequestsSigned is not true"}, [lib.probe_evidence(lib.probe("saml.metadata"))])

# METADATA
# title: Privacy notice over https
# custom:
#   id: TEST-HTTP-01
#   severity: should
#   applies_to: [service-provider]
#   evidence: probe
#   references: [test]
#   titles: {fi: Tietosuojaseloste, sv: Dataskyddsbeskrivning, en: Privacy notice}
#   remediation: {fi: Julkaise, sv: Publicera, en: Publish it}
#   answers:
#     - path: organisation.privacy_url
#       type: url
#       probe: http
#       question: {fi: Osoite, sv: Adress, en: URL}
http_01 := lib.result(rego.metadata.chain(), _http_01)

_http_01 := lib.not_probed("organisation.privacy_url") if {
	not lib.probe("organisation.privacy_url")
} else := lib.pass({"fi": "ok", "sv": "ok", "en": "reachable"}) if {
	lib.probe("organisation.privacy_url").status_code == 200
} else := lib.fail({"fi": "ei", "sv": "nej", "en": "not reachable"})

# METADATA
# title: TLS of every endpoint
# custom:
#   id: TEST-TLS-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: probe
#   references: [test]
#   titles: {fi: TLS, sv: TLS, en: TLS}
#   remediation: {fi: Korjaa TLS, sv: Rätta TLS, en: Fix TLS}
#   answers:
#     - path: oidc.redirect_uris
#       type: url
#       list: true
#       optional: true
#       probe: tls
#       question: {fi: "Osoitteet?", sv: "Adresser?", en: "Redirect URIs?"}
tls_01 := lib.result(rego.metadata.chain(), _tls_01)

_tls_01 := lib.not_probed("TLS") if {
	count(input.probes.tls) == 0
} else := lib.fail_with({"fi": "TLS ei kunnossa", "sv": "TLS inte i ordning", "en": "TLS chain or version fails"}, [lib.probe_evidence(p) | some p in input.probes.tls]) if {
	some p in input.probes.tls
	not p.chain_valid
} else := lib.pass_with({"fi": "TLS kunnossa", "sv": "TLS i ordning", "en": "TLS ok"}, [lib.probe_evidence(p) | some p in input.probes.tls])

# METADATA
# title: An answer-only requirement the probe command must not show
# custom:
#   id: TEST-ORG-01
#   severity: must
#   applies_to: [service-provider]
#   evidence: answer
#   references: [test]
#   titles: {fi: Sopimus, sv: Avtal, en: Agreement}
#   remediation: {fi: Allekirjoita, sv: Underteckna, en: Sign it}
#   answers:
#     - path: organisation.agreement
#       type: bool
#       question: {fi: "Sopimus?", sv: "Avtal?", en: "Agreement signed?"}
org_01 := lib.result(rego.metadata.chain(), lib.pass({"fi": "ok", "sv": "ok", "en": "ok"}))
