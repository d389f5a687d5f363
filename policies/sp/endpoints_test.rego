package mpassaudit.requirements.sp.endpoints_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.endpoints

hp := "lukupolku.example.fi:443"

saml_tls(r) := t.saml({"saml.metadata": t.md, "tls": {hp: r}})

# --- SP-TLS-01 ---

test_tls_01_saml_acs_host_passes if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_ok(hp))
	r.status == "pass"
	contains(r.message.en, "lukupolku.example.fi:443")
	some e in r.evidence
	e.probe == "tls"
}

test_tls_01_old_version_fails if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"versions": {"1.0": true, "1.1": false, "1.2": true, "1.3": true}}))
	r.status == "fail"
	contains(r.message.en, "offers the outdated TLS 1.0")
}

test_tls_01_untestable_version_is_not_held_against_the_host if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"client_limited": ["1.0"]}))
	r.status == "pass"
	contains(r.message.en, "Not testable by this client: lukupolku.example.fi:443: TLS 1.0")
}

test_tls_01_no_modern_version_fails if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"versions": {"1.0": false, "1.1": true, "1.2": false, "1.3": false}}))
	r.status == "fail"
	contains(r.message.en, "neither TLS 1.2 nor TLS 1.3")
}

test_tls_01_invalid_chain_fails if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"chain_valid": false, "chain_error": "x509: certificate signed by unknown authority"}))
	r.status == "fail"
	contains(r.message.en, "unknown authority")
}

test_tls_01_host_name_mismatch_fails if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"hostname_match": false}))
	r.status == "fail"
	contains(r.message.en, "does not match the host name")
}

test_tls_01_expired_fails if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"not_after": "2026-11-20T00:00:00Z", "days_left": -7}))
	r.status == "fail"
	contains(r.message.en, "expired on 2026-11-20")
}

test_tls_01_expiring_warns if {
	r := endpoints.tls_01 with input as saml_tls(t.tls_with(hp, {"not_after": "2026-12-10T00:00:00Z", "days_left": 13}))
	r.status == "warn"
	contains(r.message.en, "expires in 12 days")
}

test_tls_01_probe_error if {
	r := endpoints.tls_01 with input as saml_tls(t.failed_probe("tls", hp, "connection timed out"))
	r.status == "error"
	contains(r.message.en, "connection timed out")
}

test_tls_01_no_tls_results_not_probed if {
	r := endpoints.tls_01 with input as t.saml_md(t.md)
	r.status == "manual"
	contains(r.message.en, "Not probed (TLS lukupolku.example.fi:443)")
}

test_tls_01_metadata_not_probed if {
	r := endpoints.tls_01 with input as t.saml({})
	r.status == "manual"
	contains(r.message.en, "saml.metadata = metadata.xml")
}

test_tls_01_metadata_probe_failed if {
	r := endpoints.tls_01 with input as t.saml_md(t.failed_probe("saml-metadata", "metadata.xml", "line 3: not well-formed"))
	r.status == "error"
}

test_tls_01_explicit_port if {
	m := t.sp_with({"acs": [t.acs("https://sso.lukupolku.example.fi:8443/acs", "sso.lukupolku.example.fi", 0, true)]})
	r := endpoints.tls_01 with input as t.saml({"saml.metadata": m, "tls": {"sso.lukupolku.example.fi:8443": t.tls_ok("sso.lukupolku.example.fi:8443")}})
	r.status == "pass"
}

test_tls_01_one_host_unprobed_is_manual if {
	m := t.sp_with({"acs": [
		t.acs("https://lukupolku.example.fi/acs", "lukupolku.example.fi", 0, true),
		t.acs("https://sso.lukupolku.example.fi/acs", "sso.lukupolku.example.fi", 1, false),
	]})
	r := endpoints.tls_01 with input as t.saml({"saml.metadata": m, "tls": {hp: t.tls_ok(hp)}})
	r.status == "manual"
	contains(r.message.en, "Not probed (TLS): sso.lukupolku.example.fi:443")
}

test_tls_01_oidc_redirect_host if {
	h := "app.lukupolku.example.fi:443"
	r := endpoints.tls_01 with input as t.oidc({"tls": {h: t.tls_ok(h)}})
	r.status == "pass"
	contains(r.message.en, h)
}

test_tls_01_oidc_localhost_only_not_applicable if {
	a := t.with_answer(t.oidc_answers, "oidc", "redirect_uris", ["http://localhost:3000/cb", "https://localhost:8443/cb"])
	r := endpoints.tls_01 with input as t.doc("test", a, {})
	r.status == "not_applicable"
	contains(r.message.en, "No https hosts")
}

test_tls_01_oidc_redirects_unanswered if {
	r := endpoints.tls_01 with input as t.doc("production", t.without(t.oidc_answers, ["oidc", "redirect_uris"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: oidc.redirect_uris")
}

# --- SP-SEC-01 ---

with_sec(section, key, value) := t.doc("production", t.with_answer(t.saml_answers, section, key, value), {})

test_sec_01_pass if {
	r := endpoints.sec_01 with input as with_sec("security", "critical_patch_days", 14)
	r.status == "pass"
	{"kind": "answer", "path": "security.critical_patch_days", "value": 14} in r.evidence
}

test_sec_01_warn_above_14 if {
	r := endpoints.sec_01 with input as with_sec("security", "critical_patch_days", 21)
	r.status == "warn"
	contains(r.message.en, "21 days")
}

test_sec_01_fail_above_30 if {
	r := endpoints.sec_01 with input as with_sec("security", "critical_patch_days", 31)
	r.status == "fail"
	contains(r.message.en, "31 days")
}

test_sec_01_unanswered if {
	r := endpoints.sec_01 with input as t.doc("production", t.without(t.saml_answers, ["security", "critical_patch_days"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: security.critical_patch_days")
}

# --- SP-SEC-02 ---

test_sec_02_description_is_manual if endpoints.sec_02.status == "manual" with input as t.saml({})

test_sec_02_empty_fails if endpoints.sec_02.status == "fail" with input as with_sec("security", "vulnerability_management", "")

# --- SP-SEC-03 ---

test_sec_03_pass if endpoints.sec_03.status == "pass" with input as with_sec("security", "log_retention_days", 180)

test_sec_03_fail if {
	r := endpoints.sec_03 with input as with_sec("security", "log_retention_days", 90)
	r.status == "fail"
	contains(r.message.en, "only 90 days")
}

# --- SP-SEC-04 ---

test_sec_04_pass if endpoints.sec_04.status == "pass" with input as t.saml({})

test_sec_04_late_report_fails if {
	r := endpoints.sec_04 with input as with_sec("incident", "report_within_working_days", 3)
	r.status == "fail"
	contains(r.message.en, "within 3 working days")
}

test_sec_04_late_assistance_fails if {
	endpoints.sec_04.status == "fail" with input as with_sec("incident", "assist_within_working_days", 2)
}

test_sec_04_tlp_not_respected_fails if {
	r := endpoints.sec_04 with input as with_sec("incident", "tlp_respected", false)
	r.status == "fail"
	contains(r.message.en, "TLP is not respected")
}

test_sec_04_logs_not_preserved_fails if {
	endpoints.sec_04.status == "fail" with input as with_sec("incident", "logs_preserved", false)
}

# --- SP-SEC-05 ---

test_sec_05_pass if {
	r := endpoints.sec_05 with input as t.saml({})
	r.status == "pass"
	contains(r.message.en, "tietoturva@lukupolku.example.fi")
}

test_sec_05_one_working_day_is_singular if {
	r := endpoints.sec_05 with input as with_sec("contacts", "security_response_working_days", 1)
	r.status == "pass"
	contains(r.message.sv, "inom 1 arbetsdag (högst 1)")
	contains(r.message.en, "within 1 working day (at most 1)")
}

test_sec_05_slow_fails if {
	r := endpoints.sec_05 with input as with_sec("contacts", "security_response_working_days", 3)
	r.status == "fail"
	contains(r.message.en, "within 3 working days")
}

test_sec_05_no_security_contact if {
	r := endpoints.sec_05 with input as t.doc("production", t.without(t.saml_answers, ["contacts", "security_email"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: contacts.security_email")
}
