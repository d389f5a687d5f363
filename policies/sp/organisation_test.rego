package mpassaudit.requirements.sp.organisation_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.organisation

no_agreement := t.without(t.without(t.without(t.without(t.saml_answers, ["organisation", "agreement_signed"]), ["organisation", "signatory_name"]), ["organisation", "signatory_email"]), ["organisation", "signatory_phone"])

# --- SP-ORG-01 ---

test_org_01_pass_production_with_agreement if {
	r := organisation.org_01 with input as t.saml({})
	r.status == "pass"
	contains(r.message.en, "agreement signed (Aino Virtanen)")
}

test_org_01_production_without_agreement_fails if {
	r := organisation.org_01 with input as t.doc("production", t.with_answer(no_agreement, "organisation", "agreement_signed", false), {})
	r.status == "fail"
	contains(r.message.en, "Production needs a signed MPASSid agreement")
}

test_org_01_production_agreement_unanswered if {
	r := organisation.org_01 with input as t.doc("production", no_agreement, {})
	r.status == "fail"
	contains(r.message.en, "Not answered: organisation.agreement_signed")
}

test_org_01_free_service_in_demo_needs_no_agreement if {
	a := t.with_answer(t.with_answer(no_agreement, "service", "pricing", "free"), "organisation", "agreement_signed", false)
	r := organisation.org_01 with input as t.doc("demo", a, {})
	r.status == "pass"
	contains(r.message.en, "No agreement is needed")
}

test_org_01_freemium_service_in_demo_agreement_unanswered_passes if {
	organisation.org_01.status == "pass" with input as t.doc("demo", no_agreement, {})
}

test_org_01_paid_service_in_demo_needs_agreement if {
	a := t.with_answer(t.with_answer(no_agreement, "service", "pricing", "paid"), "organisation", "agreement_signed", false)
	r := organisation.org_01 with input as t.doc("demo", a, {})
	r.status == "fail"
	contains(r.message.en, "A paid service needs an agreement for the demo environment")
}

test_org_01_pricing_asked_in_demo if {
	r := organisation.org_01 with input as t.doc("demo", t.without(no_agreement, ["service", "pricing"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: service.pricing")
}

test_org_01_test_environment_needs_no_agreement if {
	organisation.org_01.status == "pass" with input as t.doc("test", no_agreement, {})
}

test_org_01_signatory_asked_when_agreement_signed if {
	r := organisation.org_01 with input as t.doc("production", t.without(t.saml_answers, ["organisation", "signatory_phone"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: organisation.signatory_phone")
}

test_org_01_terms_not_accepted_fails if {
	r := organisation.org_01 with input as t.doc("production", t.with_answer(t.saml_answers, "organisation", "terms_accepted", false), {})
	r.status == "fail"
	contains(r.message.fi, "käyttöehtoja ei ole hyväksytty")
}

test_org_01_metadata_not_delivered_fails if {
	r := organisation.org_01 with input as t.doc("production", t.with_answer(t.saml_answers, "service", "metadata_delivered", false), {})
	r.status == "fail"
	contains(r.message.en, "have not been delivered")
}

test_org_01_empty_description_fails if {
	organisation.org_01.status == "fail" with input as t.doc("production", t.with_answer(t.saml_answers, "service", "description", " "), {})
}

test_org_01_protocol_is_asked if {
	r := organisation.org_01 with input as t.doc("production", t.without(t.saml_answers, ["service", "protocol"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: service.protocol")
}

# --- SP-ORG-02 ---

test_org_02_valid_business_id if {
	r := organisation.org_02 with input as t.saml({})
	r.status == "pass"
	contains(r.message.en, "3141593-8")
}

test_org_02_wrong_check_digit_fails if {
	r := organisation.org_02 with input as t.doc("production", t.with_answer(t.saml_answers, "member", "business_id", "3141593-7"), {})
	r.status == "fail"
	contains(r.message.en, "check digit")
}

test_org_02_malformed_fails if {
	r := organisation.org_02 with input as t.doc("production", t.with_answer(t.saml_answers, "member", "business_id", "FI31415938"), {})
	r.status == "fail"
	contains(r.message.en, "not of the form NNNNNNN-C")
	contains(r.message.sv, "FO-numret")
}

test_org_02_unanswered if {
	r := organisation.org_02 with input as t.doc("production", t.without(t.saml_answers, ["member", "business_id"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: member.business_id")
}

# --- SP-ORG-03 ---

privacy(p) := t.saml({"organisation.privacy_notice_url": p})

test_org_03_pass if {
	r := organisation.org_03 with input as privacy(t.privacy_ok)
	r.status == "pass"
	contains(r.message.en, "answers at https://lukupolku.example.fi/tietosuojaseloste")
	some e in r.evidence
	e.probe == "http"
}

test_org_03_not_probed_is_manual if {
	r := organisation.org_03 with input as t.saml({})
	r.status == "manual"
	contains(r.message.en, "Not probed (organisation.privacy_notice_url = https://lukupolku.example.fi/tietosuojaseloste)")
}

test_org_03_not_found_fails if {
	r := organisation.org_03 with input as privacy(object.union(t.privacy_ok, {"status_code": 404}))
	r.status == "fail"
	contains(r.message.en, "HTTP status 404")
}

test_org_03_redirect_to_http_fails if {
	r := organisation.org_03 with input as privacy(object.union(t.privacy_ok, {"final_url": "http://lukupolku.example.fi/tietosuojaseloste", "https": false}))
	r.status == "fail"
	contains(r.message.en, "not https")
}

test_org_03_probe_error if {
	r := organisation.org_03 with input as privacy(t.failed_probe("http", "https://lukupolku.example.fi/tietosuojaseloste", "connection refused"))
	r.status == "error"
	contains(r.message.en, "connection refused")
}

test_org_03_changes_not_notified_fails if {
	r := organisation.org_03 with input as t.doc("production", t.with_answer(t.saml_answers, "contacts", "change_notification", false), {"organisation.privacy_notice_url": t.privacy_ok})
	r.status == "fail"
	contains(r.message.en, "not notified")
}

test_org_03_personal_mailboxes_warn if {
	r := organisation.org_03 with input as t.doc("production", t.with_answer(t.saml_answers, "contacts", "role_mailboxes", false), {"organisation.privacy_notice_url": t.privacy_ok})
	r.status == "warn"
	contains(r.message.en, "role mailboxes")
}

test_org_03_personal_mailboxes_not_probed_is_manual_with_advice if {
	r := organisation.org_03 with input as t.doc("production", t.with_answer(t.saml_answers, "contacts", "role_mailboxes", false), {})
	r.status == "manual"
	contains(r.message.en, "Not probed")
	contains(r.message.en, "role mailboxes")
}

test_org_03_security_contact_unanswered if {
	r := organisation.org_03 with input as t.doc("production", t.without(t.saml_answers, ["contacts", "security_email"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: contacts.security_email")
}
