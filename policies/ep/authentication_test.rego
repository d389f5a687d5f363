package mpassaudit.requirements.ep.authentication_test

import data.mpassaudit.requirements.ep.authentication

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_answers(a) := object.union(base, {"answers": {"authentication": a}})

test_auth_01_pass if {
	r := authentication.auth_01 with input as with_answers({"admin_mfa": true, "staff_mfa": true})
	r.status == "pass"
	count(r.evidence) == 2
}

test_auth_01_fail_admins_without_mfa if {
	r := authentication.auth_01 with input as with_answers({"admin_mfa": false, "staff_mfa": true})
	r.status == "fail"
	contains(r.message.fi, "Ylläpitäjät eivät käytä")
}

test_auth_01_staff_without_mfa_warns if {
	r := authentication.auth_01 with input as with_answers({"admin_mfa": true, "staff_mfa": false})
	r.status == "warn"
	r.severity == "must"
	contains(r.message.en, "recommended for staff")
}

test_auth_01_unanswered if {
	r := authentication.auth_01 with input as with_answers({"admin_mfa": true})
	r.status == "fail"
	contains(r.message.sv, "Frågan är obesvarad: authentication.staff_mfa")
}

test_auth_02_manual_never_pass if {
	r := authentication.auth_02 with input as with_answers({"password_policy": "Vähintään 12 merkkiä, lukitus 10 virheen jälkeen.", "reset_identity_verified": true})
	r.status == "manual"
	contains(r.message.fi, "tarkistetaan käsin")
}

test_auth_02_fail_reset_unverified if {
	r := authentication.auth_02 with input as with_answers({"password_policy": "12 merkkiä", "reset_identity_verified": false})
	r.status == "fail"
	contains(r.message.en, "does not require identity verification")
}

test_auth_02_fail_empty_policy if {
	r := authentication.auth_02 with input as with_answers({"password_policy": "", "reset_identity_verified": true})
	r.status == "fail"
	contains(r.message.en, "description is empty")
}

test_auth_02_unanswered if {
	r := authentication.auth_02 with input as with_answers({"reset_identity_verified": true})
	r.status == "fail"
	contains(r.message.en, "Not answered: authentication.password_policy")
}
