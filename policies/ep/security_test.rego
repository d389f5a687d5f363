package mpassaudit.requirements.ep.security_test

import data.mpassaudit.requirements.ep.security

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_answers(a) := object.union(base, {"answers": {"security": a}})

test_sec_01_pass_at_14 if {
	r := security.sec_01 with input as with_answers({"critical_patch_days": 14})
	r.status == "pass"
	r.evidence == [{"kind": "answer", "path": "security.critical_patch_days", "value": 14}]
}

test_sec_01_warn_above_14 if {
	r := security.sec_01 with input as with_answers({"critical_patch_days": 15})
	r.status == "warn"
	contains(r.message.fi, "15 päivässä")
}

test_sec_01_warn_at_30 if security.sec_01.status == "warn" with input as with_answers({"critical_patch_days": 30})

test_sec_01_fail_above_30 if {
	r := security.sec_01 with input as with_answers({"critical_patch_days": 45})
	r.status == "fail"
	contains(r.message.en, "45 days, at most 30 allowed")
}

test_sec_01_unanswered if security.sec_01.status == "fail" with input as with_answers({})

test_sec_02_manual if {
	r := security.sec_02 with input as with_answers({"vulnerability_management": "Palveluntoimittajan tiedotteet seurataan viikoittain."})
	r.status == "manual"
}

test_sec_02_fail_empty if security.sec_02.status == "fail" with input as with_answers({"vulnerability_management": " "})

test_sec_02_unanswered if {
	r := security.sec_02 with input as with_answers({})
	r.status == "fail"
	contains(r.message.en, "Not answered: security.vulnerability_management")
}

test_sec_03_pass if security.sec_03.status == "pass" with input as with_answers({"intrusion_detection": true})

test_sec_03_fail if {
	r := security.sec_03 with input as with_answers({"intrusion_detection": false})
	r.status == "fail"
	contains(r.message.sv, "övervakas inte")
}

test_sec_04_pass if security.sec_04.status == "pass" with input as with_answers({"admin_rights_reviewed": true})

test_sec_04_fail if security.sec_04.status == "fail" with input as with_answers({"admin_rights_reviewed": false})

test_sec_05_pass_at_180 if security.sec_05.status == "pass" with input as with_answers({"log_retention_days": 180})

test_sec_05_fail if {
	r := security.sec_05 with input as with_answers({"log_retention_days": 90})
	r.status == "fail"
	contains(r.message.fi, "90 päivää, vaaditaan vähintään 180")
}

test_sec_06_pass_recent if {
	r := security.sec_06 with input as with_answers({"restore_tested": "2026-03-15"})
	r.status == "pass"
	r.severity == "should"
	contains(r.message.en, "257 days ago")
}

test_sec_06_pass_exactly_a_year if security.sec_06.status == "pass" with input as with_answers({"restore_tested": "2025-11-27"})

test_sec_06_old_is_warn if {
	r := security.sec_06 with input as with_answers({"restore_tested": "2025-11-26"})
	r.status == "warn"
	contains(r.message.fi, "yli 12 kuukautta sitten")
}

test_sec_06_future_is_warn if {
	r := security.sec_06 with input as with_answers({"restore_tested": "2027-01-01"})
	r.status == "warn"
	contains(r.message.en, "in the future")
}

test_sec_06_unanswered_is_warn if security.sec_06.status == "warn" with input as with_answers({})

test_sec_07_pass if security.sec_07.status == "pass" with input as with_answers({"staff_training_yearly": true})

test_sec_07_warn if security.sec_07.status == "warn" with input as with_answers({"staff_training_yearly": false})

test_sec_08_pass if security.sec_08.status == "pass" with input as with_answers({"component_inventory": true})

test_sec_08_warn if security.sec_08.status == "warn" with input as with_answers({"component_inventory": false})

test_sec_09_pass if security.sec_09.status == "pass" with input as with_answers({"hardening_baseline": true})

test_sec_09_warn if {
	r := security.sec_09 with input as with_answers({"hardening_baseline": false})
	r.status == "warn"
	contains(r.message.en, "no hardening baseline")
}
