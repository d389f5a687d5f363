package mpassaudit.requirements.ep.lifecycle_test

import data.mpassaudit.requirements.ep.lifecycle

ep := {"kind": "education-provider"}

base := {"member": ep, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_answers(a) := object.union(base, {"answers": {"lifecycle": a}})

test_life_01_pass if lifecycle.life_01.status == "pass" with input as with_answers({"personal_accounts_only": true})

test_life_01_fail if lifecycle.life_01.status == "fail" with input as with_answers({"personal_accounts_only": false})

test_life_01_unanswered_is_not_no if {
	r := lifecycle.life_01 with input as with_answers({})
	r.status == "fail"
	contains(r.message.en, "Not answered: lifecycle.personal_accounts_only")
}

test_life_01_not_for_service_providers if {
	not lifecycle.life_01 with input as object.union(with_answers({"personal_accounts_only": true}), {"member": {"kind": "service-provider"}})
}

test_life_02_manual if lifecycle.life_02.status == "manual" with input as with_answers({"provisioning_description": "Primus → Entra ID nightly"})

test_life_02_fail_empty if lifecycle.life_02.status == "fail" with input as with_answers({"provisioning_description": "  "})

test_life_03_pass if {
	r := lifecycle.life_03 with input as with_answers({"leaver_days": 7})
	r.status == "pass"
	r.evidence == [{"kind": "answer", "path": "lifecycle.leaver_days", "value": 7}]
}

test_life_03_pass_says_days_in_the_right_plural if {
	one := lifecycle.life_03 with input as with_answers({"leaver_days": 1})
	one.message.sv == "En användare som slutar förlorar åtkomsten inom 1 dag (högst 7)."
	one.message.en == "A leaver loses access within 1 day (at most 7)."
	five := lifecycle.life_03 with input as with_answers({"leaver_days": 5})
	contains(five.message.sv, "inom 5 dagar (högst 7)")
}

test_life_03_fail if {
	r := lifecycle.life_03 with input as with_answers({"leaver_days": 14})
	r.status == "fail"
	r.message.fi == "Lähtevän käyttäjän pääsy poistuu 14 päivässä, sallittu enintään 7."
}

test_life_04_pass if lifecycle.life_04.status == "pass" with input as with_answers({"change_days": 1})

test_life_04_fail if lifecycle.life_04.status == "fail" with input as with_answers({"change_days": 8})

test_life_05_pass if lifecycle.life_05.status == "pass" with input as with_answers({"operator_test_account": true})

test_life_05_should_fail_is_warn if {
	r := lifecycle.life_05 with input as with_answers({"operator_test_account": false})
	r.status == "warn"
	r.severity == "should"
}

test_life_05_unanswered_is_warn if lifecycle.life_05.status == "warn" with input as with_answers({})
