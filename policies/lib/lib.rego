# METADATA
# title: Shared helpers for requirement rules
# description: |
#   Every requirement rule hands a verdict (status, message, evidence) to
#   result(), which reads the rule's own METADATA (id, severity, applies_to,
#   environments, answers) and turns the verdict into a catalogue result.
#   Rules therefore never repeat what their metadata already says.
package mpassaudit.lib

# result turns a verdict into a catalogue result. It is undefined for a member
# of a kind the rule does not apply to, so such rules are not listed at all.
result(chain, verdict) := r if {
	custom := chain[0].annotations.custom
	input.member.kind in custom.applies_to

	# Function calls are cached by their arguments, and custom holds every
	# text of the requirement: the generic work is inlined here, and helpers
	# get the parts they need.
	sev := object.get(custom, ["severity_by_env", input.environment], custom.severity)
	fields := object.get(custom, "answers", [])
	v := _effective(object.get(custom, "environments", _all_environments), fields, verdict)
	in_force := _in_force(custom, object.get(_reported[sev == "must"], v.status, v.status), v.message)
	r := {
		"id": custom.id,
		"area": _area(chain),
		"severity": sev,
		"status": in_force.status,
		"message": in_force.message,
		"unanswered": object.get(v, "unanswered", []),
		"evidence": array.concat(
			[{"kind": "answer", "path": f.path, "value": a} |
				some f in fields
				a := answer(f.path)
				a != null
			],
			object.get(v, "evidence", []),
		),
	}
}

# severity is the rule's severity in this audit's environment: `severity_by_env`
# overrides `severity` (SP-SAML-05 is must in production, should in test).
severity(custom) := object.get(custom, ["severity_by_env", input.environment], custom.severity)

_all_environments := ["test", "demo", "production"]

default _area(_) := "general"

_area(chain) := a if {
	some link in chain
	a := link.annotations.custom.area
}

# Order matters: a rule outside its environments, or one that declares itself
# not applicable, is never reported as unanswered.
_effective(environments, fields, verdict) := not_applicable({
	"fi": sprintf("Ei koske ympäristöä %s.", [input.environment]),
	"sv": sprintf("Gäller inte miljön %s.", [input.environment]),
	"en": sprintf("Does not apply to the %s environment.", [input.environment]),
}) if {
	not input.environment in environments
} else := verdict if {
	verdict.status == "not_applicable"
} else := unanswered(missing) if {
	# Most fields are answered: that test comes first, and `not` (a
	# subquery per field) is avoided.
	missing := [f.path |
		some f in fields
		answer(f.path) == null
		object.get(f, "optional", false) == false
	]
	count(missing) > 0
} else := verdict

# _reported maps a verdict's status to the reported status, by whether the
# requirement is a must: a should or info requirement that fails, or is
# unanswered, warns; an unanswered must fails.
_reported := {
	true: {"unanswered": "fail"},
	false: {"unanswered": "warn", "fail": "warn"},
}

# answer is the member's answer at a dotted path such as "lifecycle.leaver_days"
# (every field path is section.key: the catalogue loader enforces it).
default answer(_) := null

answer(path) := input.answers[parts[0]][parts[1]] if parts := split(path, ".")

# answer_or is the answer at path, or d when it is not given.
answer_or(path, d) := v if {
	v := answer(path)
	v != null
} else := d

# section is the answers of one section of the answers file ({} when none).
section(name) := object.get(input.answers, name, {})

# sv_first_mention puts the Finnish term in parentheses after the first
# mention of the Swedish learner number in a text, and only there
# (GLOSSARY.md): studentnummer (oppijanumero), teststudentnummer
# (testioppijanumero). Messages built from parts are written with the
# plain words and passed through it; a text that already names the Finnish
# term is left as it is.
sv_first_mention(text) := text if {
	not contains(text, "studentnum")
} else := text if {
	contains(text, "oppijanumero")
} else := concat("", [substring(text, 0, i + 13), _sv_finnish_term(text, i), substring(text, i + 13, -1)]) if {
	# studentnummer, studentnumret and studentnumren have 13 letters
	i := indexof(text, "studentnum")
}

default _sv_finnish_term(_, _) := " (oppijanumero)"

_sv_finnish_term(text, i) := " (testioppijanumero)" if {
	i >= 4
	lower(substring(text, i - 4, 4)) == "test"
}

# answered is true when the member gave any value at path (false counts).
answered(path) if answer(path) != null

# probe is the result of the probe named name, when it ran.
probe(name) := input.probes[name]

# Verdict constructors. msg is an object {"fi": …, "sv": …, "en": …}.
pass(msg) := {"status": "pass", "message": msg}

pass_with(msg, evidence) := {"status": "pass", "message": msg, "evidence": evidence}

fail(msg) := {"status": "fail", "message": msg}

fail_with(msg, evidence) := {"status": "fail", "message": msg, "evidence": evidence}

warn(msg) := {"status": "warn", "message": msg}

warn_with(msg, evidence) := {"status": "warn", "message": msg, "evidence": evidence}

manual(msg) := {"status": "manual", "message": msg}

not_applicable(msg) := {"status": "not_applicable", "message": msg}

error(msg) := {"status": "error", "message": msg}

error_with(msg, evidence) := {"status": "error", "message": msg, "evidence": evidence}

# unanswered reports questions that were left empty: never read as "no".
unanswered(paths) := {"status": "unanswered", "unanswered": paths, "message": {
	"fi": sprintf("Kysymykseen ei ole vastattu: %s.", [concat(", ", paths)]),
	"sv": sprintf("Frågan är obesvarad: %s.", [concat(", ", paths)]),
	"en": sprintf("Not answered: %s.", [concat(", ", paths)]),
}}

# not_probed is the verdict of a probe-based rule whose probe did not run
# (no target given, or --no-probe): a reviewer must look, it is never a pass.
not_probed(what) := {"status": "manual", "message": {
	"fi": sprintf("Ei testattu (%s): tarkistettava käsin.", [what]),
	"sv": sprintf("Inte testat (%s): granskas manuellt.", [what]),
	"en": sprintf("Not probed (%s): needs manual review.", [what]),
}}

# probe_failed is the verdict when a probe ran but could not finish: the
# requirement could not be checked (GLOSSARY.md: ei voitu tarkistaa /
# kunde inte kontrolleras), which is never a failure of the member.
probe_failed(p) := {
	"status": "error", "message": {
		"fi": sprintf("Ei voitu tarkistaa (testi epäonnistui): %s", [p.error]),
		"sv": sprintf("Kunde inte kontrolleras (testet misslyckades): %s", [p.error]),
		"en": sprintf("Could not be checked (the probe failed): %s", [p.error]),
	},
	"evidence": [probe_evidence(p)],
}

# probe_evidence is the evidence entry for one probe run. It carries the
# expiry dates the probe saw (TLS and metadata certificates, validUntil), so
# that the operator's registry can list what is about to expire.
probe_evidence(p) := object.union_n([
	{
		"kind": "probe",
		"probe": object.get(p, "kind", ""),
		"target": object.get(p, "target", ""),
		"fetched_at": object.get(p, "fetched_at", ""),
		"sha256": object.get(p, "sha256", ""),
	},
	_not_after(p),
	_valid_until(p),
	_certificates(p),
])

default _not_after(_) := {}

_not_after(p) := {"not_after": p.not_after} if {
	is_string(p.not_after)
	p.not_after != ""
}

default _valid_until(_) := {}

_valid_until(p) := {"valid_until": p.valid_until} if {
	is_string(p.valid_until)
	p.valid_until != ""
}

default _certificates(_) := {}

_certificates(p) := {"certificates": certs} if {
	certs := [{"role": role, "use": c.use, "not_after": c.not_after} |
		some role in ["sp", "idp"]
		some c in p[role].certificates
		is_string(c.not_after)
		c.not_after != ""
	]
	count(certs) > 0
}

# days_until is the number of days from the audit to ts, negative when ts is
# in the past. An RFC 3339 timestamp counts whole 24-hour days from
# input.now; a date-only YYYY-MM-DD (an Entra ID client secret's expiry, a
# restore test) counts calendar days from the audit's date in Finnish time
# (Europe/Helsinki) to that date.
days_until(ts) := floor((_ns(ts) - time.parse_rfc3339_ns(input.now)) / _day) if contains(ts, "T")

days_until(ts) := (time.parse_ns("2006-01-02", ts) - time.parse_ns("2006-01-02", audit_date)) / _day if not contains(ts, "T")

# days_since is the number of days from ts to the audit, counted as
# days_until counts them.
days_since(ts) := floor((time.parse_rfc3339_ns(input.now) - _ns(ts)) / _day) if contains(ts, "T")

days_since(ts) := 0 - days_until(ts) if not contains(ts, "T")

_day := 86400000000000

# audit_date is the audit's date in Finnish time, YYYY-MM-DD.
audit_date := sprintf("%04d-%02d-%02d", time.date([time.parse_rfc3339_ns(input.now), "Europe/Helsinki"]))

# months_ahead is the time (ns) n calendar months after the audit's time,
# as Go's AddDate(0, n, 0): "six months" in every rule (SP-SAML-03,
# SP-SAML-10, EP-TECH-03, EP-TECH-04) is six calendar months.
months_ahead(n) := time.add_date(time.parse_rfc3339_ns(input.now), 0, n, 0)

# valid_for_months: the RFC 3339 time or date ts is at least n calendar
# months after the audit's time.
valid_for_months(ts, n) if _ns(ts) >= months_ahead(n)

# months_ahead_date is months_ahead(n) as a date, for messages.
months_ahead_date(n) := substring(time.format(months_ahead(n)), 0, 10)

_ns(ts) := time.parse_rfc3339_ns(ts) if contains(ts, "T")

_ns(ts) := time.parse_ns("2006-01-02", ts) if not contains(ts, "T")
