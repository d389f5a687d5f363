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

_area(chain) := a if {
	some link in chain
	a := link.annotations.custom.area
} else := "general"

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
answer(path) := v if {
	parts := split(path, ".")
	v := input.answers[parts[0]][parts[1]]
} else := null

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

# probe_failed is the verdict when a probe ran but could not finish.
probe_failed(p) := {
	"status": "error", "message": {
		"fi": sprintf("Testi epäonnistui: %s", [p.error]),
		"sv": sprintf("Testet misslyckades: %s", [p.error]),
		"en": sprintf("Probe failed: %s", [p.error]),
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

_not_after(p) := {"not_after": p.not_after} if {
	is_string(p.not_after)
	p.not_after != ""
} else := {}

_valid_until(p) := {"valid_until": p.valid_until} if {
	is_string(p.valid_until)
	p.valid_until != ""
} else := {}

_certificates(p) := {"certificates": certs} if {
	certs := [{"role": role, "use": c.use, "not_after": c.not_after} |
		some role in ["sp", "idp"]
		some c in p[role].certificates
		is_string(c.not_after)
		c.not_after != ""
	]
	count(certs) > 0
} else := {}

# days_until is the number of whole days from input.now to an RFC 3339
# timestamp or a YYYY-MM-DD date (negative when it is in the past).
days_until(ts) := floor((_ns(ts) - time.parse_rfc3339_ns(input.now)) / 86400000000000)

# days_since is the number of whole days from a timestamp or date to input.now.
days_since(ts) := floor((time.parse_rfc3339_ns(input.now) - _ns(ts)) / 86400000000000)

_ns(ts) := n if {
	contains(ts, "T")
	n := time.parse_rfc3339_ns(ts)
} else := time.parse_ns("2006-01-02", ts)
