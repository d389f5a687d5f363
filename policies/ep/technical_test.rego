package mpassaudit.requirements.ep.technical_test

import data.mpassaudit.requirements.ep.technical

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_registry(a) := object.union(base, {"answers": {"registry": a}})

with_probes(a, p) := object.union(with_registry(a), {"probes": p})

# --- versions ----------------------------------------------------------------

test_version_order if {
	technical.version_at_least("2.21d", "2.21d")
	technical.version_at_least("2.22a", "2.21d")
	technical.version_at_least("3.0", "2.22a")
	technical.version_at_least("Wilma 3.1.2", "2.21d")
	technical.version_at_least("2.21D", "2.21d")
	not technical.version_at_least("2.21", "2.21d")
	not technical.version_at_least("2.21c", "2.21d")
	not technical.version_at_least("2.9z", "2.21d")
	not technical.version_at_least("1.99", "2.21d")
}

test_version_wellformed if {
	technical.version_wellformed("2.21d")
	technical.version_wellformed("3.0")
	not technical.version_wellformed("uusin")
	not technical.version_wellformed("2.21-d")
}

test_host_port if {
	technical.host_port("https://Kunta.inschool.fi/") == "kunta.inschool.fi:443"
	technical.host_port("https://wilma.kunta.fi:8443/login") == "wilma.kunta.fi:8443"
	technical.host_port("https://kunta.inschool.fi") == "kunta.inschool.fi:443"
}

# --- EP-TECH-01 Wilma --------------------------------------------------------

wilma := {
	"type": "wilma",
	"wilma_url": "https://kunta.inschool.fi",
	"wilma_version": "2.22a",
	"wilma_mpass_authentication": true,
	"wilma_mpass_search": true,
}

wilma_http(code, final) := {"kind": "http", "target": "https://kunta.inschool.fi", "fetched_at": "2026-11-27T11:59:00Z", "sha256": "aa", "status": "ok", "status_code": code, "final_url": final, "https": startswith(final, "https://"), "hsts": true, "redirects": 0}

tls_ok := {
	"kind": "tls", "target": "kunta.inschool.fi:443", "fetched_at": "2026-11-27T11:59:00Z", "sha256": "bb", "status": "ok",
	"versions": {"1.0": false, "1.1": false, "1.2": true, "1.3": true}, "client_limited": [],
	"negotiated_version": "1.3", "cipher": "TLS_AES_128_GCM_SHA256", "chain_valid": true, "chain_error": "",
	"hostname_match": true, "not_after": "2027-06-01T00:00:00Z", "days_left": 185,
}

wilma_probes(http, tls) := {"registry.wilma_url": http, "tls": {"kunta.inschool.fi:443": tls}}

test_tech_01_pass if {
	r := technical.tech_01 with input as with_probes(wilma, wilma_probes(wilma_http(200, "https://kunta.inschool.fi/"), tls_ok))
	r.status == "pass"
	contains(r.message.fi, "Wilma 2.22a")
	count([e | some e in r.evidence; e.kind == "probe"]) == 2
}

test_tech_01_not_applicable_for_other_types if {
	r := technical.tech_01 with input as with_registry({"type": "entra"})
	r.status == "not_applicable"
	contains(r.message.fi, "ilmoitettu tyyppi on Microsoft Entra ID")
}

test_tech_01_not_applicable_when_type_unanswered if {
	r := technical.tech_01 with input as with_registry({})
	r.status == "not_applicable"
	contains(r.message.en, "registry type is not answered (EP-REG-01)")
}

test_tech_01_unanswered_for_wilma if {
	r := technical.tech_01 with input as with_registry(object.remove(wilma, ["wilma_mpass_search"]))
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.wilma_mpass_search")
}

test_tech_01_old_version_and_settings_fail if {
	r := technical.tech_01 with input as with_registry(object.union(wilma, {"wilma_version": "2.21c", "wilma_mpass_search": false}))
	r.status == "fail"
	contains(r.message.fi, "Wilman versio 2.21c on vanhempi kuin vaadittu 2.21d.")
	contains(r.message.fi, "Wilman [MPASS]-asetus Search=1 puuttuu.")
}

test_tech_01_bad_version_text if {
	r := technical.tech_01 with input as with_registry(object.union(wilma, {"wilma_version": "uusin"}))
	r.status == "fail"
	contains(r.message.en, `Wilma version "uusin" is not a version number`)
}

test_tech_01_not_probed_is_manual if {
	r := technical.tech_01 with input as with_registry(wilma)
	r.status == "manual"
	contains(r.message.en, "Not probed (https://kunta.inschool.fi)")
}

test_tech_01_no_tls_result_is_manual if {
	r := technical.tech_01 with input as with_probes(wilma, {"registry.wilma_url": wilma_http(200, "https://kunta.inschool.fi/")})
	r.status == "manual"
	contains(r.message.en, "kunta.inschool.fi:443")
}

test_tech_01_http_probe_error if {
	r := technical.tech_01 with input as with_probes(wilma, {"registry.wilma_url": {"kind": "http", "target": "https://kunta.inschool.fi", "status": "error", "error": "timeout after 10s"}})
	r.status == "error"
	contains(r.message.en, "timeout after 10s")
}

test_tech_01_not_https_fails if {
	r := technical.tech_01 with input as with_probes(wilma, wilma_probes(wilma_http(200, "http://kunta.inschool.fi/"), tls_ok))
	r.status == "fail"
	contains(r.message.en, "does not answer over https")
}

test_tech_01_bad_certificate_fails if {
	r := technical.tech_01 with input as with_probes(wilma, wilma_probes(wilma_http(200, "https://kunta.inschool.fi/"), object.union(tls_ok, {"chain_valid": false, "chain_error": "x509: certificate signed by unknown authority"})))
	r.status == "fail"
	contains(r.message.en, "kunta.inschool.fi:443: the certificate chain is not trusted (x509: certificate signed by unknown authority)")
}

# --- EP-TECH-02 Entra ID -----------------------------------------------------

entra := {
	"type": "entra",
	"entra_client_secret_expires": "2027-09-30",
	"entra_graph_permissions": ["Directory.Read.All", "User.Read"],
	"entra_admin_consent": true,
	"entra_attribute_learner_id": "extension_5a1c_learnerId",
	"entra_attribute_role": "jobTitle",
}

test_tech_02_pass if {
	r := technical.tech_02 with input as with_registry(entra)
	r.status == "pass"
	contains(r.message.fi, "Sovelluksen salaisuus on voimassa 2027-09-30 asti (307 päivää)")
}

test_tech_02_not_applicable if technical.tech_02.status == "not_applicable" with input as with_registry({"type": "wilma"})

test_tech_02_unanswered if {
	r := technical.tech_02 with input as with_registry(object.remove(entra, ["entra_admin_consent"]))
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.entra_admin_consent")
}

# Days are calendar days from the audit's date in Finnish time (2026-11-27,
# #11 item 4): fewer than 8 left fails, 8-30 warns, 31 or more passes.
test_tech_02_secret_30_days_warns if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-12-27"}))
	r.status == "warn"
	contains(r.message.en, "in 30 days")
}

test_tech_02_secret_31_days_passes if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-12-28"}))
	r.status == "pass"
	contains(r.message.en, "(31 days)")
}

test_tech_02_secret_8_days_warns if technical.tech_02.status == "warn" with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-12-05"}))

test_tech_02_secret_7_days_fails if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-12-04"}))
	r.status == "fail"
	contains(r.message.en, "in only 7 days: it must be valid for more than 7 days")
}

# Late in the evening UTC it is already the next day in Helsinki: one day less.
test_tech_02_counts_in_finnish_time if {
	late := object.union(with_registry(object.union(entra, {"entra_client_secret_expires": "2026-12-05"})), {"now": "2026-11-27T22:30:00Z"})
	r := technical.tech_02 with input as late
	r.status == "fail"
	contains(r.message.en, "in only 7 days")
}

test_tech_02_expires_today_fails if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-11-27"}))
	r.status == "fail"
	contains(r.message.en, "in only 0 days")
}

test_tech_02_secret_expired_fails if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_client_secret_expires": "2026-11-01"}))
	r.status == "fail"
	contains(r.message.fi, "salaisuus on vanhentunut (2026-11-01)")
}

test_tech_02_permissions if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_graph_permissions": ["directory.read.all"], "entra_admin_consent": false}))
	r.status == "fail"
	contains(r.message.en, "Graph permission Directory.Read.All is written as directory.read.all: the names are case-sensitive.")
	contains(r.message.en, "Graph permission User.Read is missing.")
	contains(r.message.en, "lack admin consent")
}

test_tech_02_attribute_name_with_space if {
	r := technical.tech_02 with input as with_registry(object.union(entra, {"entra_attribute_role": "job title"}))
	r.status == "fail"
	contains(r.message.en, `registry.entra_attribute_role = "job title" is not a Graph attribute name`)
}

test_tech_02_attribute_case_against_sample if {
	p := {"registry.sample_export": {"kind": "sample", "target": "otos.csv", "status": "ok", "format": "csv", "rows": [{"row": 2, "fields": {"extension_5a1c_LearnerId": ["1.2.246.562.24.10000000016"], "jobTitle": ["oppilas"]}}]}}
	r := technical.tech_02 with input as with_probes(entra, p)
	r.status == "fail"
	contains(r.message.fi, `registry.entra_attribute_learner_id = "extension_5a1c_learnerId", mutta otoksen sarake on "extension_5a1c_LearnerId"`)
}

# --- EP-TECH-03 AD FS and EP-TECH-04 Google ---------------------------------

adfs := {"type": "adfs", "federation_metadata": "https://adfs.kunta.fi/FederationMetadata/2007-06/FederationMetadata.xml", "adfs_encrypted_claims": true, "adfs_signed_requests": true}

cert(not_after, bits) := {"use": "signing", "key_type": "RSA", "key_bits": bits, "curve": "", "not_before": "2025-01-01T00:00:00Z", "not_after": not_after, "days_left": 0, "signature_algorithm": "SHA256-RSA", "parse_error": ""}

metadata(certs) := {"registry.federation_metadata": {
	"kind": "saml-metadata", "target": "https://adfs.kunta.fi/FederationMetadata/2007-06/FederationMetadata.xml",
	"fetched_at": "2026-11-27T11:59:00Z", "sha256": "ee", "status": "ok",
	"root": "EntityDescriptor", "entity_id": "http://adfs.kunta.fi/adfs/services/trust",
	"sp": null, "idp": {"protocols": ["urn:oasis:names:tc:SAML:2.0:protocol"], "saml2": true, "certificates": certs},
}}

test_tech_03_pass if {
	r := technical.tech_03 with input as with_probes(adfs, metadata([cert("2028-01-01T00:00:00Z", 2048)]))
	r.status == "pass"
	contains(r.message.en, "valid until 2028-01-01T00:00:00Z")
	some e in r.evidence
	e.probe == "saml-metadata"
}

test_tech_03_not_applicable if technical.tech_03.status == "not_applicable" with input as with_registry({"type": "google"})

test_tech_03_relying_party_settings_fail_without_probe if {
	r := technical.tech_03 with input as with_registry(object.union(adfs, {"adfs_encrypted_claims": false}))
	r.status == "fail"
	contains(r.message.fi, "väitteitä ei salata")
}

test_tech_03_not_probed_is_manual if {
	r := technical.tech_03 with input as with_registry(adfs)
	r.status == "manual"
	contains(r.message.fi, "Ei testattu (https://adfs.kunta.fi/FederationMetadata/2007-06/FederationMetadata.xml)")
}

test_tech_03_metadata_unreachable if {
	p := {"registry.federation_metadata": {"kind": "saml-metadata", "target": "https://adfs.kunta.fi/x.xml", "status": "error", "error": "HTTP 404"}}
	r := technical.tech_03 with input as with_probes(adfs, p)
	r.status == "error"
	contains(r.message.en, "HTTP 404")
}

test_tech_03_expired_fails if {
	r := technical.tech_03 with input as with_probes(adfs, metadata([cert("2026-11-01T00:00:00Z", 2048)]))
	r.status == "fail"
	contains(r.message.en, "has expired (2026-11-01T00:00:00Z)")
}

# Six calendar months from the audit's time (2026-11-27T12:00:00Z) is
# 2027-05-27T12:00:00Z (#11 item 3).
test_tech_03_less_than_six_months_warns if {
	r := technical.tech_03 with input as with_probes(adfs, metadata([cert("2027-05-27T11:59:59Z", 2048)]))
	r.status == "warn"
	contains(r.message.fi, "alle 6 kuukautta")
}

test_tech_03_six_months_passes if technical.tech_03.status == "pass" with input as with_probes(adfs, metadata([cert("2027-05-27T12:00:00Z", 2048)]))

test_tech_03_rollover_with_expired_cert_warns if {
	r := technical.tech_03 with input as with_probes(adfs, metadata([cert("2026-10-01T00:00:00Z", 2048), cert("2028-01-01T00:00:00Z", 2048)]))
	r.status == "warn"
	contains(r.message.en, "still has an expired signing certificate (2026-10-01T00:00:00Z)")
}

test_tech_03_weak_key_fails if {
	r := technical.tech_03 with input as with_probes(adfs, metadata([cert("2028-01-01T00:00:00Z", 1024)]))
	r.status == "fail"
	contains(r.message.en, "RSA 1024 bits: RSA of at least 2048 bits is required")
}

test_tech_03_no_idp_descriptor if {
	p := metadata([])
	r := technical.tech_03 with input as with_probes(adfs, {"registry.federation_metadata": object.union(p["registry.federation_metadata"], {"idp": null})})
	r.status == "fail"
	contains(r.message.en, "no identity provider descriptor")
}

test_tech_03_only_encryption_certificate if {
	c := object.union(cert("2028-01-01T00:00:00Z", 2048), {"use": "encryption"})
	r := technical.tech_03 with input as with_probes(adfs, metadata([c]))
	r.status == "fail"
	contains(r.message.en, "no signing certificate")
}

google := {"type": "google", "federation_metadata": "GoogleIDPMetadata.xml"}

test_tech_04_pass if technical.tech_04.status == "pass" with input as with_probes(google, metadata([cert("2031-06-01T00:00:00Z", 2048)]))

test_tech_04_six_calendar_months_edge if {
	technical.tech_04.status == "warn" with input as with_probes(google, metadata([cert("2027-05-27T11:59:59Z", 2048)]))
	technical.tech_04.status == "pass" with input as with_probes(google, metadata([cert("2027-05-27T12:00:00Z", 2048)]))
}

test_tech_04_unanswered if {
	r := technical.tech_04 with input as with_registry({"type": "google"})
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.federation_metadata")
}

test_tech_04_not_probed if technical.tech_04.status == "manual" with input as with_registry(google)

test_tech_04_not_applicable if technical.tech_04.status == "not_applicable" with input as with_registry({"type": "adfs"})

# --- EP-TECH-05 Opinsys ------------------------------------------------------

test_tech_05_pass if {
	r := technical.tech_05 with input as with_registry({"type": "opinsys", "opinsys_tenant_id": "kunta.opinsys.fi", "opinsys_activated": true})
	r.status == "pass"
	contains(r.message.fi, "kunta.opinsys.fi")
}

test_tech_05_not_activated if technical.tech_05.status == "fail" with input as with_registry({"type": "opinsys", "opinsys_tenant_id": "kunta.opinsys.fi", "opinsys_activated": false})

test_tech_05_bad_tenant if {
	r := technical.tech_05 with input as with_registry({"type": "opinsys", "opinsys_tenant_id": "Kunta", "opinsys_activated": true})
	r.status == "fail"
	contains(r.message.en, `tenant id "Kunta" is not a host name`)
}

test_tech_05_unanswered if technical.tech_05.status == "fail" with input as with_registry({"type": "opinsys"})

test_tech_05_not_applicable if technical.tech_05.status == "not_applicable" with input as with_registry({"type": "entra"})

# --- EP-TECH-06 TLS ----------------------------------------------------------

tls_input(results) := object.union(base, {"answers": {}, "probes": {"tls": results}})

test_tech_06_pass if {
	r := technical.tech_06 with input as tls_input({"kunta.inschool.fi:443": tls_ok})
	r.status == "pass"
	contains(r.message.en, "kunta.inschool.fi:443")
}

test_tech_06_not_probed if {
	r := technical.tech_06 with input as base
	r.status == "manual"
	contains(r.message.en, "Not probed (TLS)")
}

test_tech_06_old_tls_fails if {
	r := technical.tech_06 with input as tls_input({"www.kunta.fi:443": object.union(tls_ok, {"versions": {"1.0": true, "1.1": true, "1.2": true, "1.3": false}})})
	r.status == "fail"
	contains(r.message.en, "www.kunta.fi:443 offers the outdated protocol TLS 1.0.")
	contains(r.message.en, "www.kunta.fi:443 offers the outdated protocol TLS 1.1.")
}

test_tech_06_client_limited_is_not_proof if {
	t := object.union(tls_ok, {"versions": {"1.0": true, "1.1": false, "1.2": true, "1.3": true}, "client_limited": ["1.0"]})
	technical.tech_06.status == "pass" with input as tls_input({"www.kunta.fi:443": t})
}

test_tech_06_no_modern_tls if {
	r := technical.tech_06 with input as tls_input({"old.kunta.fi:443": object.union(tls_ok, {"versions": {"1.0": false, "1.1": false, "1.2": false, "1.3": false}})})
	r.status == "fail"
	contains(r.message.fi, "ei tarjoa TLS 1.2:ta eikä 1.3:a")
}

test_tech_06_hostname_and_expiry if {
	r := technical.tech_06 with input as tls_input({"a.kunta.fi:443": object.union(tls_ok, {"hostname_match": false}), "b.kunta.fi:443": object.union(tls_ok, {"days_left": -3, "not_after": "2026-11-24T00:00:00Z"})})
	r.status == "fail"
	contains(r.message.en, "a.kunta.fi:443: the certificate does not match the host name.")
	contains(r.message.en, "b.kunta.fi:443: the certificate has expired (2026-11-24T00:00:00Z).")
	count(r.evidence) == 2
}

test_tech_06_expiring_soon_warns if {
	r := technical.tech_06 with input as tls_input({"www.kunta.fi:443": object.union(tls_ok, {"days_left": 29, "not_after": "2026-12-26T00:00:00Z"})})
	r.status == "warn"
	contains(r.message.fi, "www.kunta.fi:443: varmenne vanhenee 29 päivän kuluttua")
}

test_tech_06_thirty_days_passes if technical.tech_06.status == "pass" with input as tls_input({"www.kunta.fi:443": object.union(tls_ok, {"days_left": 30})})

test_tech_06_login_page_without_hsts_warns if {
	inp := object.union(base, {"answers": {}, "probes": {
		"registry.wilma_url": object.union(wilma_http(200, "https://kunta.inschool.fi/"), {"hsts": false}),
		"tls": {"kunta.inschool.fi:443": tls_ok},
	}})
	r := technical.tech_06 with input as inp
	r.status == "warn"
	contains(r.message.en, "The login page https://kunta.inschool.fi/ has no HSTS header")
}

test_tech_06_privacy_notice_without_hsts_is_fine if {
	inp := object.union(base, {"answers": {}, "probes": {
		"organisation.privacy_notice_url": object.union(wilma_http(200, "https://www.kunta.fi/tietosuoja"), {"hsts": false}),
		"tls": {"www.kunta.fi:443": tls_ok},
	}})
	technical.tech_06.status == "pass" with input as inp
}

test_tech_06_probe_error if {
	r := technical.tech_06 with input as tls_input({"www.kunta.fi:443": {"kind": "tls", "target": "www.kunta.fi:443", "status": "error", "error": "connection refused"}})
	r.status == "error"
	contains(r.message.en, "www.kunta.fi:443: connection refused")
}

test_tech_06_failure_beats_error if {
	r := technical.tech_06 with input as tls_input({
		"a.kunta.fi:443": {"kind": "tls", "target": "a.kunta.fi:443", "status": "error", "error": "connection refused"},
		"b.kunta.fi:443": object.union(tls_ok, {"hostname_match": false}),
	})
	r.status == "fail"
}

test_tech_01_tls_key_case_insensitive if {
	p := {"registry.wilma_url": wilma_http(200, "https://kunta.inschool.fi/"), "tls": {"Kunta.InSchool.fi:443": tls_ok}}
	technical.tech_01.status == "pass" with input as with_probes(wilma, p)
}

test_tech_06_unknown_days_left_is_not_expired if {
	technical.tech_06.status == "pass" with input as tls_input({"www.kunta.fi:443": object.union(tls_ok, {"days_left": null})})
}

# The probed metadata decides before the AD FS answers: an expired signing
# certificate fails although the relying-party questions are unanswered,
# while a sound one still leaves them to be answered.
test_tech_03_expired_fails_without_the_adfs_answers if {
	r := technical.tech_03 with input as with_probes(
		{"type": "adfs", "federation_metadata": adfs.federation_metadata},
		metadata([cert("2026-11-01T00:00:00Z", 2048)]),
	)
	r.status == "fail"
	contains(r.message.en, "has expired")
}

test_tech_03_sound_metadata_still_needs_the_adfs_answers if {
	r := technical.tech_03 with input as with_probes(
		{"type": "adfs", "federation_metadata": adfs.federation_metadata},
		metadata([cert("2028-01-01T00:00:00Z", 2048)]),
	)
	r.status == "fail"
	"registry.adfs_encrypted_claims" in r.unanswered
}
