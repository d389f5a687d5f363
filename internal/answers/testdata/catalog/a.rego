# METADATA
# title: area a
# custom:
#   area: a
package mpassaudit.requirements.x.a

# METADATA
# title: every type
# custom:
#   id: T-01
#   severity: must
#   applies_to: [education-provider, service-provider]
#   evidence: answer
#   titles: {fi: Kaikki, sv: Alla, en: All}
#   remediation: {fi: Korjaa, sv: Rätta, en: Fix}
#   answers:
#     - {path: lifecycle.leaver_days, type: integer, min: 0, max: 365, question: {fi: Päivät, sv: Dagar, en: Days}}
#     - {path: lifecycle.personal_accounts_only, type: bool, question: {fi: Henk, sv: Pers, en: Personal}}
#     - {path: registry.type, type: enum, values: [wilma, opinsys, entra, adfs, google, other], question: {fi: Tyyppi, sv: Typ, en: Type}}
#     - {path: security.restore_tested, type: date, question: {fi: Pvm, sv: Datum, en: Date}}
#     - {path: organisation.privacy_notice_url, type: url, question: {fi: URL, sv: URL, en: URL}}
#     - {path: contacts.security_email, type: email, question: {fi: Posti, sv: Post, en: Mail}}
#     - {path: registry.sample_export, type: file, question: {fi: Tiedosto, sv: Fil, en: File}}
#     - {path: saml.metadata, type: location, question: {fi: Meta, sv: Meta, en: Meta}}
#     - {path: oidc.redirect_uris, type: url, list: true, question: {fi: URIt, sv: URIer, en: URIs}}
all := [{"id": "T-01"}]
