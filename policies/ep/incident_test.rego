package mpassaudit.requirements.ep.incident_test

import data.mpassaudit.requirements.ep.incident

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_answers(a) := object.union(base, {"answers": {"incident": a}})

good := {"report_within_working_days": 1, "assist_within_working_days": 1, "tlp_respected": true, "logs_preserved": true, "suspend_promptly": true}

test_ir_01_pass if {
	r := incident.ir_01 with input as with_answers(good)
	r.status == "pass"
	contains(r.message.fi, "Poikkeamasta ilmoitetaan 1 työpäivässä")
}

test_ir_01_fail if {
	r := incident.ir_01 with input as with_answers(object.union(good, {"report_within_working_days": 3}))
	r.status == "fail"
	contains(r.message.en, "Incidents are reported within 3 working days, at most 1 allowed")
}

test_ir_01_unanswered if {
	r := incident.ir_01 with input as with_answers({})
	r.status == "fail"
	contains(r.message.en, "Not answered: incident.report_within_working_days")
}

test_ir_02_pass if {
	r := incident.ir_02 with input as with_answers(good)
	r.status == "pass"
	count(r.evidence) == 3
}

test_ir_02_fail_slow if {
	r := incident.ir_02 with input as with_answers(object.union(good, {"assist_within_working_days": 2}))
	r.status == "fail"
	contains(r.message.sv, "Begäran om hjälp besvaras inom 2 arbetsdagar")
}

test_ir_02_fail_tlp if {
	r := incident.ir_02 with input as with_answers(object.union(good, {"tlp_respected": false}))
	r.status == "fail"
	contains(r.message.en, "Traffic Light Protocol")
}

test_ir_02_fail_logs if {
	r := incident.ir_02 with input as with_answers(object.union(good, {"logs_preserved": false}))
	r.status == "fail"
	contains(r.message.fi, "lokeja ei säilytetä")
}

test_ir_02_unanswered if {
	r := incident.ir_02 with input as with_answers(object.remove(good, ["tlp_respected"]))
	r.status == "fail"
	contains(r.message.en, "incident.tlp_respected")
}

test_ir_03_pass if incident.ir_03.status == "pass" with input as with_answers(good)

test_ir_03_fail if incident.ir_03.status == "fail" with input as with_answers({"suspend_promptly": false})
