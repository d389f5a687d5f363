package mpassaudit.requirements.sp.privacy_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.privacy

# --- SP-PRIV-01 ---

test_priv_01_purposes_need_review if {
	r := privacy.priv_01 with input as t.saml({})
	r.status == "manual"
	contains(r.message.en, "Purposes are stated for 5 attributes")
}

test_priv_01_metadata_attributes_all_explained if {
	r := privacy.priv_01 with input as t.saml_md(t.md)
	r.status == "manual"
	some e in r.evidence
	e.probe == "saml-metadata"
}

test_priv_01_unexplained_requested_attribute_fails if {
	extra := t.sp_with({"requested_attributes": array.concat(t.md.sp.requested_attributes, [t.attr("urn:oid:1.3.6.1.4.1.16161.1.1.27", "learnerId")])})
	r := privacy.priv_01 with input as t.saml_md(extra)
	r.status == "fail"
	contains(r.message.en, "without a stated purpose: urn:oid:1.3.6.1.4.1.16161.1.1.27")
}

test_priv_01_friendly_name_counts if {
	# "givenName - …" explains urn:oid:2.5.4.42 by its FriendlyName.
	only := t.sp_with({"requested_attributes": [t.attr("urn:oid:2.5.4.42", "givenName")]})
	privacy.priv_01.status == "manual" with input as t.saml_md(only)
}

test_priv_01_third_party_sharing_fails if {
	r := privacy.priv_01 with input as t.doc("production", t.with_answer(t.saml_answers, "privacy", "third_party_sharing", true), {})
	r.status == "fail"
	contains(r.message.en, "shared with third parties")
}

test_priv_01_other_purposes_fail if {
	r := privacy.priv_01 with input as t.doc("production", t.with_answer(t.saml_answers, "privacy", "purpose_limited", false), {})
	r.status == "fail"
	contains(r.message.fi, "muihinkin")
}

test_priv_01_line_without_purpose_fails if {
	r := privacy.priv_01 with input as t.doc("production", t.with_answer(t.saml_answers, "privacy", "attribute_purposes", ["urn:mpass.id:role"]), {})
	r.status == "fail"
	contains(r.message.en, "Purpose missing, or the line is not \"attribute - purpose\": urn:mpass.id:role")
}

test_priv_01_empty_list_fails if {
	r := privacy.priv_01 with input as t.doc("production", t.with_answer(t.saml_answers, "privacy", "attribute_purposes", []), {})
	r.status == "fail"
	contains(r.message.en, "No attribute purposes")
}

test_priv_01_unanswered if {
	r := privacy.priv_01 with input as t.doc("production", t.without(t.saml_answers, ["privacy", "attribute_purposes"]), {})
	r.status == "fail"
	contains(r.message.en, "Not answered: privacy.attribute_purposes")
}

test_priv_01_duplicate_attribute_lines_are_fine if {
	a := t.with_answer(t.oidc_answers, "privacy", "attribute_purposes", ["givenName - tervehdys", "givenName – nimi raporteissa"])
	r := privacy.priv_01 with input as t.doc("production", a, {})
	r.status == "manual"
	contains(r.message.en, "for 1 attributes")
}

# --- SP-PRIV-02 ---

test_priv_02_pass if privacy.priv_02.status == "pass" with input as t.saml({})

test_priv_02_fail if {
	r := privacy.priv_02 with input as t.doc("production", t.with_answer(t.saml_answers, "privacy", "uid_change_handled", false), {})
	r.status == "fail"
	contains(r.message.en, "assumes urn:mpass.id:uid is permanent")
}

# --- SP-PRIV-03 (production only) ---

test_priv_03_rejects_passes if privacy.priv_03.status == "pass" with input as t.saml({})

rejects_not := t.with_answer(t.saml_answers, "privacy", "rejects_test_learner_numbers", false)

test_priv_03_accepting_without_permission_fails if {
	r := privacy.priv_03 with input as t.doc("production", t.with_answer(rejects_not, "privacy", "test_learner_numbers_allowed", false), {})
	r.status == "fail"
	contains(r.message.en, "1.2.246.562.98.")
}

test_priv_03_explicitly_allowed_passes if {
	r := privacy.priv_03 with input as t.doc("production", t.with_answer(rejects_not, "privacy", "test_learner_numbers_allowed", true), {})
	r.status == "pass"
	contains(r.message.en, "explicitly allowed")
}

test_priv_03_permission_asked_when_accepting if {
	r := privacy.priv_03 with input as t.doc("production", rejects_not, {})
	r.status == "fail"
	contains(r.message.en, "Not answered: privacy.test_learner_numbers_allowed")
}

test_priv_03_not_applicable_in_test if {
	privacy.priv_03.status == "not_applicable" with input as t.doc("test", rejects_not, {})
}

test_priv_03_not_applicable_in_demo if {
	privacy.priv_03.status == "not_applicable" with input as t.doc("demo", rejects_not, {})
}
