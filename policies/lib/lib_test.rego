package mpassaudit.lib_test

import data.mpassaudit.lib

test_probe_evidence_carries_expiry_dates if {
	tls := {"kind": "tls", "target": "sp.example.fi:443", "fetched_at": "2026-11-27T12:00:00Z", "sha256": "ab", "not_after": "2027-01-31T00:00:00Z"}
	lib.probe_evidence(tls) == {"kind": "probe", "probe": "tls", "target": "sp.example.fi:443", "fetched_at": "2026-11-27T12:00:00Z", "sha256": "ab", "not_after": "2027-01-31T00:00:00Z"}

	md := {"kind": "saml-metadata", "target": "md.xml", "valid_until": "2027-06-01T00:00:00Z", "sp": {"certificates": [{"use": "signing", "not_after": "2028-01-01T00:00:00Z"}, {"use": "encryption", "not_after": ""}]}, "idp": null}
	e := lib.probe_evidence(md)
	e.valid_until == "2027-06-01T00:00:00Z"
	e.certificates == [{"role": "sp", "use": "signing", "not_after": "2028-01-01T00:00:00Z"}]
}

test_probe_evidence_without_dates if {
	e := lib.probe_evidence({"kind": "http", "target": "https://x.fi/", "fetched_at": "t", "sha256": "s", "status_code": 200})
	object.keys(e) == {"kind", "probe", "target", "fetched_at", "sha256"}
}

chain(custom) := [
	{"path": ["data", "x", "r"], "annotations": {"scope": "rule", "custom": custom}},
	{"path": ["data", "x"], "annotations": {"scope": "package", "custom": {"area": "lifecycle"}}},
]

must := {"id": "X-01", "severity": "must", "applies_to": ["education-provider"], "environments": ["test", "production"], "answers": [{"path": "a.b"}, {"path": "a.c", "optional": true}]}

should := object.union(must, {"severity": "should", "severity_by_env": {"production": "must"}})

ep_in(env, answers) := {"member": {"kind": "education-provider"}, "environment": env, "answers": answers, "now": "2026-11-27T12:00:00Z"}

test_result_pass_with_answer_evidence if {
	r := lib.result(chain(must), lib.pass({"fi": "ok", "sv": "ok", "en": "ok"})) with input as ep_in("test", {"a": {"b": 3, "c": false}})
	r == {"id": "X-01", "area": "lifecycle", "severity": "must", "status": "pass", "message": {"fi": "ok", "sv": "ok", "en": "ok"}, "unanswered": [], "evidence": [
		{"kind": "answer", "path": "a.b", "value": 3},
		{"kind": "answer", "path": "a.c", "value": false},
	]}
}

test_result_other_kind_is_not_listed if {
	not lib.result(chain(must), lib.pass({})) with input as object.union(ep_in("test", {}), {"member": {"kind": "service-provider"}})
}

test_result_outside_environments_is_not_applicable if {
	r := lib.result(chain(must), lib.fail({})) with input as ep_in("demo", {"a": {"b": 1}})
	r.status == "not_applicable"
	contains(r.message.en, "demo")
}

test_result_unanswered_must_fails_should_warns if {
	r := lib.result(chain(must), lib.pass({})) with input as ep_in("test", {})
	r.status == "fail"
	r.message.en == "Not answered: a.b."
	r.unanswered == ["a.b"]
	w := lib.result(chain(should), lib.pass({})) with input as ep_in("test", {})
	w.status == "warn"
}

test_result_optional_answer_may_be_missing if {
	r := lib.result(chain(must), lib.pass({})) with input as ep_in("test", {"a": {"b": 1}})
	r.status == "pass"
}

test_result_not_applicable_verdict_wins_over_unanswered if {
	r := lib.result(chain(must), lib.not_applicable({"en": "other registry"})) with input as ep_in("test", {})
	r.status == "not_applicable"
}

test_result_severity_by_environment if {
	t := lib.result(chain(should), lib.fail({})) with input as ep_in("test", {"a": {"b": 1}})
	t.severity == "should"
	t.status == "warn"
	p := lib.result(chain(should), lib.fail({})) with input as ep_in("production", {"a": {"b": 1}})
	p.severity == "must"
	p.status == "fail"
}

# A date-only answer counts calendar days from the audit's date in Finnish
# time (#11 item 4): 2026-11-27 to 2026-12-27 is 30 days, whatever the hour.
test_days if {
	lib.days_until("2026-12-27") == 30 with input as ep_in("test", {})
	lib.days_since("2026-11-20T12:00:00Z") == 7 with input as ep_in("test", {})
	lib.days_since("2026-11-20") == 7 with input as ep_in("test", {})
}

at(now) := object.union(ep_in("test", {}), {"now": now})

# 21:59 UTC is 23:59 in Helsinki in winter (UTC+2); 22:00 UTC is already
# the next day there.
test_days_until_date_in_finnish_time if {
	lib.days_until("2026-12-05") == 8 with input as at("2026-11-27T21:59:59Z")
	lib.days_until("2026-12-05") == 7 with input as at("2026-11-27T22:00:00Z")
	lib.days_until("2026-11-27") == 0 with input as at("2026-11-27T00:00:00Z")
	lib.days_until("2026-11-26") == -1 with input as at("2026-11-27T00:00:00Z")
}

# Summer time: Helsinki is UTC+3.
test_audit_date_summer if {
	lib.audit_date == "2026-07-01" with input as at("2026-06-30T21:00:00Z")
	lib.audit_date == "2026-06-30" with input as at("2026-06-30T20:59:59Z")
}

# Six months is six calendar months from the audit's time (Go AddDate).
test_valid_for_months if {
	lib.valid_for_months("2027-05-27T12:00:00Z", 6) with input as at("2026-11-27T12:00:00Z")
	not lib.valid_for_months("2027-05-27T11:59:59Z", 6) with input as at("2026-11-27T12:00:00Z")
	lib.months_ahead_date(6) == "2027-05-27" with input as at("2026-11-27T12:00:00Z")

	# AddDate normalises: 31 August + 6 months is 3 March (February has 28 days).
	lib.valid_for_months("2027-03-03T00:00:00Z", 6) with input as at("2026-08-31T00:00:00Z")
	not lib.valid_for_months("2027-03-02T23:59:59Z", 6) with input as at("2026-08-31T00:00:00Z")
}

test_answer_or if {
	lib.answer_or("a.b", 0) == 1 with input as ep_in("test", {"a": {"b": 1}})
	lib.answer_or("a.c", 0) == 0 with input as ep_in("test", {"a": {"b": 1}})
	lib.answer("a.c") == null with input as ep_in("test", {"a": {"b": 1}})
	lib.answer("a.b") == false with input as ep_in("test", {"a": {"b": false}})
}

# A probe that could not finish: error, in the glossary's words.
test_probe_failed_words if {
	v := lib.probe_failed({"kind": "http", "target": "https://x.fi/", "status": "error", "error": "timeout"})
	v.status == "error"
	v.message.fi == "Ei voitu tarkistaa (testi epäonnistui): timeout"
	v.message.sv == "Kunde inte kontrolleras (testet misslyckades): timeout"
	v.message.en == "Could not be checked (the probe failed): timeout"
}

test_sv_first_mention if {
	lib.sv_first_mention("Felaktiga studentnummer (2): rad 2: studentnumret saknas") == "Felaktiga studentnummer (oppijanumero) (2): rad 2: studentnumret saknas"
	lib.sv_first_mention("rad 2: ett teststudentnummer ska ha 10 siffror; studentnummer") == "rad 2: ett teststudentnummer (testioppijanumero) ska ha 10 siffror; studentnummer"
	lib.sv_first_mention("Teststudentnummer avvisas") == "Teststudentnummer (testioppijanumero) avvisas"
	lib.sv_first_mention("studentnumren är korrekta") == "studentnumren (oppijanumero) är korrekta"
	lib.sv_first_mention("Inga fel.") == "Inga fel."
	lib.sv_first_mention("studentnummer (oppijanumero) och studentnummer") == "studentnummer (oppijanumero) och studentnummer"
}
