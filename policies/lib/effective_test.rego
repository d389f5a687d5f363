package mpassaudit.lib_test

import data.mpassaudit.lib

eff_chain(custom) := [{"path": ["data", "x", "r"], "annotations": {"scope": "rule", "custom": custom}}]

eff_upcoming := {"id": "X-02", "severity": "must", "applies_to": ["education-provider"], "effective_from": "2027-08-01", "answers": [{"path": "a.b"}]}

eff_at(now) := {"member": {"kind": "education-provider"}, "environment": "production", "answers": {"a": {"b": 1}}, "now": now}

eff_msg := {"fi": "Ei.", "sv": "Nej.", "en": "No."}

# The day before: a failure warns and says from when it is mandatory.
test_before_effective_from_fail_warns if {
	r := lib.result(eff_chain(eff_upcoming), lib.fail(eff_msg)) with input as eff_at("2027-07-31T23:59:59Z")
	r.status == "warn"
	r.severity == "must"
	r.message == {
		"fi": "Ei. — pakollinen 1.8.2027 alkaen.",
		"sv": "Nej. — obligatoriskt från 1.8.2027.",
		"en": "No. — mandatory from 1.8.2027.",
	}
}

# From the date on: judged with its severity.
test_from_effective_from_fail_fails if {
	r := lib.result(eff_chain(eff_upcoming), lib.fail(eff_msg)) with input as eff_at("2027-08-01T00:00:00Z")
	r.status == "fail"
	r.message == eff_msg
}

# Before the date, what does not fail is reported as it is.
test_before_effective_from_pass_and_manual_unchanged if {
	p := lib.result(eff_chain(eff_upcoming), lib.pass(eff_msg)) with input as eff_at("2026-11-27T12:00:00Z")
	p.status == "pass"
	p.message == eff_msg
	m := lib.result(eff_chain(eff_upcoming), lib.manual(eff_msg)) with input as eff_at("2026-11-27T12:00:00Z")
	m.status == "manual"
}

# An unanswered must fails: before the date it warns too.
test_before_effective_from_unanswered_warns if {
	r := lib.result(eff_chain(eff_upcoming), lib.pass(eff_msg)) with input as object.union(object.remove(eff_at("2026-11-27T12:00:00Z"), ["answers"]), {"answers": {}})
	r.status == "warn"
	r.unanswered == ["a.b"]
	endswith(r.message.fi, "pakollinen 1.8.2027 alkaen.")
}

# Without effective_from nothing changes.
test_without_effective_from_fail_fails if {
	r := lib.result(eff_chain(object.remove(eff_upcoming, ["effective_from"])), lib.fail(eff_msg)) with input as eff_at("2026-11-27T12:00:00Z")
	r.status == "fail"
}

test_upcoming_edges if {
	# METADATA's unquoted YAML date arrives as a timestamp
	lib.upcoming({"effective_from": "2027-08-01T00:00:00Z"}) with input as {"now": "2027-07-31T23:59:59Z"}
	not lib.upcoming({"effective_from": "2027-08-01T00:00:00Z"}) with input as {"now": "2027-08-01T00:00:00Z"}
	lib.upcoming({"effective_from": "2027-08-01"}) with input as {"now": "2027-07-31T23:59:59Z"}
	not lib.upcoming({"effective_from": "2027-08-01"}) with input as {"now": "2027-08-01T00:00:00Z"}
	not lib.upcoming({}) with input as {"now": "2027-08-01T00:00:00Z"}
}
