package mpassaudit.requirements.sp.saml_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.saml

rules := {
	"SP-SAML-01": saml.saml_01, "SP-SAML-02": saml.saml_02, "SP-SAML-03": saml.saml_03,
	"SP-SAML-04": saml.saml_04, "SP-SAML-05": saml.saml_05, "SP-SAML-06": saml.saml_06,
	"SP-SAML-07": saml.saml_07, "SP-SAML-08": saml.saml_08, "SP-SAML-09": saml.saml_09,
	"SP-SAML-10": saml.saml_10, "SP-SAML-11": saml.saml_11, "SP-SAML-12": saml.saml_12,
}

# --- gates shared by every SAML rule ---

test_all_pass_with_compliant_metadata if {
	results := rules with input as t.saml_md(t.md)
	count(results) == 12
	every id, r in results {
		r.id == id
		r.status == "pass"
	}
}

test_all_not_applicable_for_oidc if {
	results := rules with input as t.oidc({})
	every r in results {
		r.status == "not_applicable"
		contains(r.message.en, "service.protocol = oidc")
	}
}

test_all_manual_when_not_probed if {
	results := rules with input as t.saml({})
	every r in results {
		r.status == "manual"
		contains(r.message.en, "Not probed (saml.metadata = metadata.xml)")
		contains(r.message.fi, "Ei testattu")
	}
}

test_all_error_when_probe_failed if {
	results := rules with input as t.saml_md(t.failed_probe("saml-metadata", "https://x.example.fi/md", "HTTP 404"))
	every r in results {
		r.status == "error"
		contains(r.message.en, "HTTP 404")
	}
}

test_metadata_unanswered if {
	r := saml.saml_03 with input as t.doc("production", t.without(t.saml_answers, ["saml", "metadata"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: saml.metadata")
}

test_protocol_unanswered if {
	r := saml.saml_02 with input as t.doc("production", t.without(t.without(t.saml_answers, ["service", "protocol"]), ["saml", "metadata"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: service.protocol")
}

test_protocol_inferred_from_metadata_answer if {
	r := saml.saml_01 with input as t.doc("production", t.without(t.saml_answers, ["service", "protocol"]), {"saml.metadata": t.md})
	r.status == "pass"
}

test_not_for_education_providers if {
	not saml.saml_01 with input as object.union(t.saml_md(t.md), {"member": {"kind": "education-provider"}})
}

test_probe_evidence_recorded if {
	r := saml.saml_05 with input as t.saml_md(t.md)
	some e in r.evidence
	e.kind == "probe"
	e.probe == "saml-metadata"
	e.sha256 == "5f2b"
}

# --- SP-SAML-01 ---

test_saml_01_aggregate_of_several_fails if {
	r := saml.saml_01 with input as t.saml_md(t.md_with({"root": "EntitiesDescriptor", "entity_count": 3}))
	r.status == "fail"
	contains(r.message.en, "3 entities")
}

test_saml_01_aggregate_of_one_warns if {
	r := saml.saml_01 with input as t.saml_md(t.md_with({"root": "EntitiesDescriptor", "entity_count": 1}))
	r.status == "warn"
	contains(r.message.en, "EntityDescriptor alone")
}

test_saml_01_no_sp_fails if {
	r := saml.saml_01 with input as t.saml_md(t.md_with({"sp": null}))
	r.status == "fail"
	contains(r.message.en, "no SPSSODescriptor")
}

test_saml_01_not_saml2_fails if {
	r := saml.saml_01 with input as t.saml_md(t.sp_with({"saml2": false, "protocols": ["urn:oasis:names:tc:SAML:1.1:protocol"]}))
	r.status == "fail"
	contains(r.message.en, "SAML:1.1:protocol")
}

test_saml_01_expired_valid_until_fails if {
	r := saml.saml_01 with input as t.saml_md(t.md_with({"valid_until": "2026-10-01T00:00:00Z"}))
	r.status == "fail"
	contains(r.message.en, "validUntil 2026-10-01T00:00:00Z")
}

test_saml_01_future_valid_until_passes if {
	saml.saml_01.status == "pass" with input as t.saml_md(t.md_with({"valid_until": "2027-01-01T00:00:00Z"}))
}

# --- SP-SAML-02 ---

test_saml_02_urn_warns if {
	r := saml.saml_02 with input as t.saml_md(t.md_with({"entity_id": "urn:lukupolku:sp"}))
	r.status == "warn"
	contains(r.message.en, "not an https URL")
}

test_saml_02_relative_fails if {
	r := saml.saml_02 with input as t.saml_md(t.md_with({"entity_id": "lukupolku"}))
	r.status == "fail"
	contains(r.message.en, "not an absolute URI")
}

test_saml_02_http_warns if {
	saml.saml_02.status == "warn" with input as t.saml_md(t.md_with({"entity_id": "http://lukupolku.example.fi/sp"}))
}

# --- SP-SAML-03 ---

test_saml_03_no_signing_certificate_fails_also_in_test if {
	r := saml.saml_03 with input as t.doc("test", t.saml_answers, {"saml.metadata": t.sp_with({"certificates": [t.cert("encryption")]})})
	r.status == "fail"
	contains(r.message.en, "mandatory in the test environment too")
}

test_saml_03_weak_rsa_fails if {
	r := saml.saml_03 with input as t.saml_md(t.sp_with({"certificates": [object.union(t.cert("signing"), {"key_bits": 1024})]}))
	r.status == "fail"
	contains(r.message.en, "RSA 1024 bits")
}

test_saml_03_ec_p256_passes if {
	c := object.union(t.cert("signing"), {"key_type": "EC", "key_bits": 256, "curve": "P-256"})
	saml.saml_03.status == "pass" with input as t.saml_md(t.sp_with({"certificates": [c]}))
}

test_saml_03_ec_p224_fails if {
	c := object.union(t.cert("signing"), {"key_type": "EC", "key_bits": 224, "curve": "P-224"})
	saml.saml_03.status == "fail" with input as t.saml_md(t.sp_with({"certificates": [c]}))
}

test_saml_03_expired_fails if {
	c := object.union(t.cert("signing"), {"not_after": "2026-11-01T00:00:00Z", "days_left": -26})
	r := saml.saml_03 with input as t.saml_md(t.sp_with({"certificates": [c]}))
	r.status == "fail"
	contains(r.message.en, "expired on 2026-11-01T00:00:00Z")
}

test_saml_03_under_six_months_warns if {
	c := object.union(t.cert("signing"), {"not_after": "2027-03-01T00:00:00Z", "days_left": 93})
	r := saml.saml_03 with input as t.saml_md(t.sp_with({"certificates": [c]}))
	r.status == "warn"
	contains(r.message.en, "only 93 more days")
}

# Six calendar months from the audit's time (2026-11-27T12:00:00Z) end at
# 2027-05-27T12:00:00Z (#11 item 3); 183 days would be 2027-05-29.
test_saml_03_six_calendar_months_edge if {
	short := object.union(t.cert("signing"), {"not_after": "2027-05-27T11:59:59Z"})
	w := saml.saml_03 with input as t.saml_md(t.sp_with({"certificates": [short]}))
	w.status == "warn"
	contains(w.message.en, "at least 6 months (until 2027-05-27)")
	enough := object.union(t.cert("signing"), {"not_after": "2027-05-27T12:00:00Z"})
	saml.saml_03.status == "pass" with input as t.saml_md(t.sp_with({"certificates": [enough]}))
}

test_saml_10_six_calendar_months_edge if {
	short := object.union(t.cert("encryption"), {"not_after": "2027-05-27T11:59:59Z"})
	saml.saml_10.status == "warn" with input as t.saml_md(t.sp_with({"certificates": [t.cert("signing"), short]}))
	enough := object.union(t.cert("encryption"), {"not_after": "2027-05-27T12:00:00Z"})
	saml.saml_10.status == "pass" with input as t.saml_md(t.sp_with({"certificates": [t.cert("signing"), enough]}))
}

test_saml_03_days_counted_at_audit_time if {
	# The probe counted 200 days when it ran; the audit is later: 93 days left.
	c := object.union(t.cert("signing"), {"not_after": "2027-03-01T00:00:00Z", "days_left": 200})
	saml.saml_03.status == "warn" with input as t.saml_md(t.sp_with({"certificates": [c]}))
}

test_saml_03_unspecified_use_counts_as_signing if {
	saml.saml_03.status == "pass" with input as t.saml_md(t.sp_with({"certificates": [t.cert("")]}))
}

test_saml_03_unreadable_certificate_fails if {
	c := object.union(t.cert("signing"), {"parse_error": "x509: malformed certificate"})
	r := saml.saml_03 with input as t.saml_md(t.sp_with({"certificates": [c]}))
	r.status == "fail"
	contains(r.message.en, "malformed")
}

# --- SP-SAML-04 ---

test_saml_04_answer_and_metadata_agree if {
	r := saml.saml_04 with input as t.saml_md(t.md)
	r.status == "pass"
	{"kind": "answer", "path": "saml.authn_requests_signed", "value": true} in r.evidence
}

test_saml_04_answer_true_metadata_false_fails_naming_both if {
	r := saml.saml_04 with input as t.saml_md(t.sp_with({"authn_requests_signed": false}))
	r.status == "fail"
	contains(r.message.en, "saml.authn_requests_signed = true")
	contains(r.message.en, "AuthnRequestsSigned \"false\"")
}

test_saml_04_attribute_absent_fails if {
	r := saml.saml_04 with input as t.saml_md(t.sp_with({"authn_requests_signed": null}))
	r.status == "fail"
	contains(r.message.en, "absent (= false)")
}

test_saml_04_answer_false_fails_without_probe if {
	r := saml.saml_04 with input as t.doc("production", t.with_answer(t.saml_answers, "saml", "authn_requests_signed", false), {})
	r.status == "fail"
	contains(r.message.en, "does not sign")
}

test_saml_04_answer_true_not_probed_is_manual if {
	saml.saml_04.status == "manual" with input as t.saml({})
}

test_saml_04_unanswered if {
	r := saml.saml_04 with input as t.doc("production", t.without(t.saml_answers, ["saml", "authn_requests_signed"]), {"saml.metadata": t.md})
	r.status == "fail"
	contains(r.message.en, "Not answered: saml.authn_requests_signed")
}

test_saml_04_not_applicable_for_oidc if {
	saml.saml_04.status == "not_applicable" with input as t.oidc({})
}

# --- SP-SAML-05 (must in production and demo, should in test) ---

test_saml_05_false_fails_in_production if {
	r := saml.saml_05 with input as t.saml_md(t.sp_with({"want_assertions_signed": false}))
	r.status == "fail"
	r.severity == "must"
}

test_saml_05_false_fails_in_demo if {
	r := saml.saml_05 with input as t.doc("demo", t.saml_answers, {"saml.metadata": t.sp_with({"want_assertions_signed": false})})
	r.status == "fail"
	r.severity == "must"
}

test_saml_05_demo_says_why if {
	r := saml.saml_05 with input as t.doc("demo", t.saml_answers, {"saml.metadata": t.sp_with({"want_assertions_signed": false})})
	r.severity == "must"
	contains(r.message.en, "demo is judged as production: real users log in to the free services there")
}

test_saml_04_says_why_in_every_environment if {
	every env in ["test", "demo", "production"] {
		r := saml.saml_04 with input as t.doc(env, t.with_answer(t.saml_answers, "saml", "authn_requests_signed", false), {})
		r.status == "fail"
		r.severity == "must"
		contains(r.message.en, "MPASSid's SAML profile requires signed authentication requests in every environment")
	}
}

test_saml_05_false_warns_in_test if {
	r := saml.saml_05 with input as t.doc("test", t.saml_answers, {"saml.metadata": t.sp_with({"want_assertions_signed": false})})
	r.status == "warn"
	r.severity == "should"
}

test_saml_05_absent_fails if {
	r := saml.saml_05 with input as t.saml_md(t.sp_with({"want_assertions_signed": null}))
	r.status == "fail"
	contains(r.message.en, "absent")
}

# --- SP-SAML-06 ---

test_saml_06_http_fails if {
	a := object.union(t.acs("http://lukupolku.example.fi/saml/acs", "lukupolku.example.fi", 0, true), {"scheme": "http"})
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [a]}))
	r.status == "fail"
	contains(r.message.en, "is not https")
}

test_saml_06_ip_literal_fails if {
	a := object.union(t.acs("https://192.0.2.10/acs", "192.0.2.10", 0, true), {"host_kind": "ip"})
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [a]}))
	r.status == "fail"
	contains(r.message.en, "is an IP address")
}

test_saml_06_localhost_fails if {
	a := object.union(t.acs("https://localhost/acs", "localhost", 0, true), {"host_kind": "localhost"})
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [a]}))
	r.status == "fail"
	contains(r.message.fi, "localhost")
}

test_saml_06_single_label_fails if {
	a := object.union(t.acs("https://lukupolku/acs", "lukupolku", 0, true), {"host_kind": "single-label"})
	saml.saml_06.status == "fail" with input as t.saml_md(t.sp_with({"acs": [a]}))
}

test_saml_06_redirect_binding_fails if {
	a := object.union(t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, true), {"binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"})
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [a]}))
	r.status == "fail"
	contains(r.message.en, "HTTP-POST only")
}

test_saml_06_missing_index_fails if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", null, true)]}))
	r.status == "fail"
	contains(r.message.en, "index is missing")
}

test_saml_06_two_defaults_fail if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [
		t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, true),
		t.acs("https://lukupolku.example.fi/acs2", "lukupolku.example.fi", 1, true),
	]}))
	r.status == "fail"
	contains(r.message.en, "2 ACS are marked")
}

test_saml_06_no_default_among_several_fails if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [
		t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, null),
		t.acs("https://lukupolku.example.fi/acs2", "lukupolku.example.fi", 1, false),
	]}))
	r.status == "fail"
	contains(r.message.en, "No ACS is marked")
}

# A single ACS without isDefault is the default and passes (#11 item 8; it
# warned before).
test_saml_06_single_implicit_default_passes if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, null)]}))
	r.status == "pass"
	contains(r.message.en, "default https://lukupolku.example.fi/acs")
}

test_saml_06_single_marked_false_warns if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, false)]}))
	r.status == "warn"
	contains(r.message.en, "marked isDefault=\"false\"")
}

test_saml_06_several_exactly_one_default_passes if {
	saml.saml_06.status == "pass" with input as t.saml_md(t.sp_with({"acs": [
		t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, null),
		t.acs("https://lukupolku.example.fi/acs2", "lukupolku.example.fi", 1, true),
	]}))
}

test_saml_06_duplicate_index_fails if {
	r := saml.saml_06 with input as t.saml_md(t.sp_with({"acs": [
		t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, true),
		t.acs("https://lukupolku.example.fi/acs2", "lukupolku.example.fi", 0, false),
	]}))
	r.status == "fail"
	contains(r.message.en, "index 0 is used by several")
}

test_saml_06_no_acs_fails if {
	saml.saml_06.status == "fail" with input as t.saml_md(t.sp_with({"acs": []}))
}

test_saml_06_pass_names_default if {
	r := saml.saml_06 with input as t.saml_md(t.md)
	r.status == "pass"
	contains(r.message.en, "default https://lukupolku.example.fi/saml/acs")
}

# --- SP-SAML-07 ---

test_saml_07_persistent_only_warns if {
	r := saml.saml_07 with input as t.saml_md(t.sp_with({"nameid_formats": ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"]}))
	r.status == "warn"
	r.severity == "should"
	contains(r.message.en, "nameid-format:persistent")
}

test_saml_07_none_warns if {
	r := saml.saml_07 with input as t.saml_md(t.sp_with({"nameid_formats": []}))
	r.status == "warn"
	contains(r.message.en, "no NameIDFormat")
}

# --- SP-SAML-08 (info) ---

test_saml_08_reports_slo_endpoints if {
	slo := object.union(t.acs("https://lukupolku.example.fi/saml/slo", "lukupolku.example.fi", null, null), {"binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"})
	r := saml.saml_08 with input as t.saml_md(t.sp_with({"slo": [slo]}))
	r.status == "pass"
	r.severity == "info"
	contains(r.message.en, "https://lukupolku.example.fi/saml/slo")
	contains(r.message.fi, "Tiedoksi")
}

test_saml_08_without_slo if {
	r := saml.saml_08 with input as t.saml_md(t.md)
	r.status == "pass"
	contains(r.message.en, "no SingleLogoutService")
}

# --- SP-SAML-09 ---

test_saml_09_sha1_signature_fails if {
	r := saml.saml_09 with input as t.saml_md(t.md_with({"algorithms": {
		"signature": ["http://www.w3.org/2000/09/xmldsig#rsa-sha1"],
		"digest": ["http://www.w3.org/2000/09/xmldsig#sha1"],
		"sha1": true,
	}}))
	r.status == "fail"
	contains(r.message.en, "xmldsig#rsa-sha1")
	contains(r.message.en, "xmldsig#sha1")
}

test_saml_09_sha1_flag_alone_fails if {
	saml.saml_09.status == "fail" with input as t.saml_md(t.md_with({"algorithms": {"signature": [], "digest": [], "sha1": true}}))
}

test_saml_09_sha1_certificate_fails if {
	c := object.union(t.cert("signing"), {"signature_algorithm": "SHA1-RSA"})
	r := saml.saml_09 with input as t.saml_md(t.sp_with({"certificates": [c]}))
	r.status == "fail"
	contains(r.message.en, "#1 (SHA1-RSA)")
}

test_saml_09_pass_lists_algorithms if {
	r := saml.saml_09 with input as t.saml_md(t.md)
	r.status == "pass"
	contains(r.message.en, "SHA256-RSA")
}

# --- SP-SAML-10 (should) ---

test_saml_10_no_encryption_certificate_warns if {
	r := saml.saml_10 with input as t.saml_md(t.sp_with({"certificates": [t.cert("signing")]}))
	r.status == "warn"
	contains(r.message.en, "no encryption certificate")
}

test_saml_10_expired_encryption_certificate_warns if {
	c := object.union(t.cert("encryption"), {"not_after": "2026-01-01T00:00:00Z"})
	r := saml.saml_10 with input as t.saml_md(t.sp_with({"certificates": [t.cert("signing"), c]}))
	r.status == "warn"
	contains(r.message.en, "expired")
}

# --- SP-SAML-11 (should) ---

test_saml_11_legacy_attributes_named_outdated if {
	legacy := {"name": "urn:mpass.id:schoolCode", "friendly_name": "", "in_model": false, "legacy": true}
	r := saml.saml_11 with input as t.saml_md(t.sp_with({"requested_attributes": [t.attr("urn:oid:2.5.4.42", "givenName"), legacy]}))
	r.status == "warn"
	contains(r.message.en, "Outdated attributes (removed in data model 1.4): urn:mpass.id:schoolCode")
	contains(r.message.fi, "Vanhentuneita")
}

test_saml_11_unknown_attribute_warns if {
	other := {"name": "urn:oid:0.9.2342.19200300.100.1.3", "friendly_name": "mail", "in_model": false, "legacy": false}
	r := saml.saml_11 with input as t.saml_md(t.sp_with({"requested_attributes": [other]}))
	r.status == "warn"
	contains(r.message.en, "not in data model 1.4: urn:oid:0.9.2342.19200300.100.1.3")
}

test_saml_11_none_requested_passes if {
	r := saml.saml_11 with input as t.saml_md(t.sp_with({"requested_attributes": []}))
	r.status == "pass"
	contains(r.message.en, "requests no attributes")
}

# --- SP-SAML-12 (should) ---

test_saml_12_missing_swedish_name_warns if {
	r := saml.saml_12 with input as t.saml_md(t.sp_with({"display_names": {"fi": "Lukupolku", "sv": "", "en": "Reading Path"}}))
	r.status == "warn"
	contains(r.message.en, "DisplayName missing in: Swedish")
	contains(r.message.sv, "svenska")
}

test_saml_12_no_privacy_url_warns if {
	r := saml.saml_12 with input as t.saml_md(t.sp_with({"privacy_url": ""}))
	r.status == "warn"
	contains(r.message.en, "PrivacyStatementURL")
}

test_saml_12_no_security_contact_warns if {
	r := saml.saml_12 with input as t.saml_md(t.md_with({"contacts": [{"type": "technical", "email": "t@lukupolku.example.fi", "security": false}]}))
	r.status == "warn"
	contains(r.message.en, "no REFEDS security contact")
	not contains(r.message.en, "technical contact")
}

test_saml_12_no_technical_contact_warns if {
	r := saml.saml_12 with input as t.saml_md(t.md_with({"contacts": [{"type": "other", "email": "s@lukupolku.example.fi", "security": true}]}))
	r.status == "warn"
	contains(r.message.en, "no technical contact")
}

test_saml_12_expired_valid_until if {
	r := saml.saml_12 with input as t.saml_md(t.md_with({"valid_until": "2026-11-26"}))
	r.status == "warn"
	contains(r.message.en, "validUntil 2026-11-26 is in the past")
}

test_saml_12_pass_names_all_three if {
	r := saml.saml_12 with input as t.saml_md(t.md)
	r.status == "pass"
	contains(r.message.en, "Lukupolku / Lässtigen / Reading Path")
}

# Unanswered, the metadata still decides: AuthnRequestsSigned other than
# "true" fails naming MPASSid's profile; "true" leaves the question open.
test_saml_04_unanswered_metadata_false_fails if {
	a := t.without(t.saml_answers, ["saml", "authn_requests_signed"])
	r := saml.saml_04 with input as t.doc("production", a, {"saml.metadata": t.sp_with({"authn_requests_signed": false})})
	r.status == "fail"
	contains(r.message.en, "requires signed authentication requests")
}

test_saml_04_unanswered_metadata_true_is_unanswered if {
	a := t.without(t.saml_answers, ["saml", "authn_requests_signed"])
	r := saml.saml_04 with input as t.doc("production", a, {"saml.metadata": t.md})
	r.status == "fail"
	"saml.authn_requests_signed" in r.unanswered
}
