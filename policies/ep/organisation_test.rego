package mpassaudit.requirements.ep.organisation_test

import data.mpassaudit.requirements.ep.organisation

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_answers(a) := object.union(base, {"answers": a})

with_probes(a, p) := object.union(with_answers(a), {"probes": p})

signatory := {
	"terms_accepted": true,
	"signatory_name": "Liisa Virtanen",
	"signatory_email": "liisa.virtanen@kunta.fi",
	"signatory_phone": "+358 40 123 4567",
}

test_org_01_pass if {
	r := organisation.org_01 with input as with_answers({"organisation": signatory})
	r.status == "pass"
	contains(r.message.fi, "Liisa Virtanen")
}

test_org_01_fail_terms_not_accepted if {
	r := organisation.org_01 with input as with_answers({"organisation": object.union(signatory, {"terms_accepted": false})})
	r.status == "fail"
	contains(r.message.fi, "Käyttöehtoja ei ole hyväksytty")
}

test_org_01_fail_bad_phone if {
	r := organisation.org_01 with input as with_answers({"organisation": object.union(signatory, {"signatory_phone": "soita vaihteeseen"})})
	r.status == "fail"
	contains(r.message.en, `"soita vaihteeseen" is not a phone number`)
}

test_org_01_fail_empty_name if {
	r := organisation.org_01 with input as with_answers({"organisation": object.union(signatory, {"signatory_name": " "})})
	r.status == "fail"
	contains(r.message.sv, "namn är tomt")
}

test_org_01_unanswered if {
	r := organisation.org_01 with input as with_answers({"organisation": object.remove(signatory, ["signatory_phone"])})
	r.status == "fail"
	contains(r.message.en, "Not answered: organisation.signatory_phone")
}

test_phone_valid if {
	organisation.phone_valid("09 310 1691")
	organisation.phone_valid("+358 (0)9 310 1691")
	organisation.phone_valid("040-1234567")
	not organisation.phone_valid("12345")
	not organisation.phone_valid("+358 40 123 4567 ext")
}

test_org_02_pass if {
	r := organisation.org_02 with input as with_answers({"member": {"business_id": "0201256-6"}})
	r.status == "pass"
	r.evidence == [{"kind": "answer", "path": "member.business_id", "value": "0201256-6"}]
}

test_org_02_fail_check_digit_names_the_right_one if {
	r := organisation.org_02 with input as with_answers({"member": {"business_id": "0201256-7"}})
	r.status == "fail"
	contains(r.message.fi, "pitäisi olla 6")
	contains(r.message.en, "should be 6")
}

test_org_02_fail_remainder_one if {
	r := organisation.org_02 with input as with_answers({"member": {"business_id": "1001000-5"}})
	r.status == "fail"
	contains(r.message.en, "cannot exist")
}

test_org_02_fail_format if {
	r := organisation.org_02 with input as with_answers({"member": {"business_id": "FI02012566"}})
	r.status == "fail"
	contains(r.message.fi, "ei ole muotoa NNNNNNN-C")
}

test_org_02_unanswered if {
	r := organisation.org_02 with input as with_answers({})
	r.status == "fail"
	contains(r.message.fi, "Kysymykseen ei ole vastattu: member.business_id")
}

contacts := {
	"technical_email": "mpass-tuki@kunta.fi",
	"administrative_email": "opetus@kunta.fi",
	"security_email": "tietoturva@kunta.fi",
	"role_mailboxes": true,
	"change_notification": true,
}

test_org_03_pass if {
	r := organisation.org_03 with input as with_answers({"contacts": contacts})
	r.status == "pass"
	contains(r.message.fi, "tietoturva tietoturva@kunta.fi")
}

test_org_03_missing_security_contact if {
	r := organisation.org_03 with input as with_answers({"contacts": object.remove(contacts, ["security_email"])})
	r.status == "fail"
	contains(r.message.en, "contacts.security_email")
}

test_org_03_personal_addresses_warn if {
	r := organisation.org_03 with input as with_answers({"contacts": object.union(contacts, {"role_mailboxes": false})})
	r.status == "warn"
	contains(r.message.fi, "rooliosoitteita")
}

test_org_03_changes_not_notified_fail if {
	r := organisation.org_03 with input as with_answers({"contacts": object.union(contacts, {"change_notification": false})})
	r.status == "fail"
}

privacy := {"controller": true, "privacy_notice_url": "http://www.kunta.fi/tietosuoja"}

http_probe(code, final, https) := {"organisation.privacy_notice_url": {
	"kind": "http", "target": "http://www.kunta.fi/tietosuoja", "fetched_at": "2026-11-27T11:59:00Z",
	"sha256": "ab", "status": "ok", "status_code": code, "final_url": final, "https": https, "hsts": true, "redirects": 1,
}}

test_org_04_pass_after_redirect if {
	r := organisation.org_04 with input as with_probes({"organisation": privacy}, http_probe(200, "https://www.kunta.fi/tietosuoja", true))
	r.status == "pass"
	contains(r.message.fi, "https://www.kunta.fi/tietosuoja")
	some e in r.evidence
	e.kind == "probe"
	e.target == "http://www.kunta.fi/tietosuoja"
}

test_org_04_fail_plain_http if {
	r := organisation.org_04 with input as with_probes({"organisation": privacy}, http_probe(200, "http://www.kunta.fi/tietosuoja", false))
	r.status == "fail"
	contains(r.message.en, "without https")
}

test_org_04_fail_not_found if {
	r := organisation.org_04 with input as with_probes({"organisation": privacy}, http_probe(404, "https://www.kunta.fi/tietosuoja", true))
	r.status == "fail"
	contains(r.message.fi, "HTTP 404")
}

test_org_04_not_probed_is_manual if {
	r := organisation.org_04 with input as with_answers({"organisation": privacy})
	r.status == "manual"
	contains(r.message.fi, "Ei testattu (http://www.kunta.fi/tietosuoja)")
}

test_org_04_probe_error if {
	p := {"organisation.privacy_notice_url": {"kind": "http", "target": "http://www.kunta.fi/tietosuoja", "status": "error", "error": "connection refused"}}
	r := organisation.org_04 with input as with_probes({"organisation": privacy}, p)
	r.status == "error"
	contains(r.message.en, "connection refused")
}

test_org_04_not_controller_fails_even_unprobed if {
	r := organisation.org_04 with input as with_answers({"organisation": object.union(privacy, {"controller": false})})
	r.status == "fail"
}

test_org_04_unanswered if {
	r := organisation.org_04 with input as with_answers({"organisation": {"controller": true}})
	r.status == "fail"
	contains(r.message.en, "Not answered: organisation.privacy_notice_url")
}

test_org_05_pass if organisation.org_05.status == "pass" with input as with_answers({"organisation": {"data_minimisation": true}})

test_org_05_fail if organisation.org_05.status == "fail" with input as with_answers({"organisation": {"data_minimisation": false}})

test_org_not_for_service_providers if {
	not organisation.org_05 with input as object.union(with_answers({"organisation": {"data_minimisation": true}}), {"member": {"kind": "service-provider"}})
}
