# Requirements announced before they become mandatory.
#
# A requirement's METADATA may carry `effective_from: YYYY-MM-DD`. Before
# that date (input.now) a result that would fail is reported as `warn`, its
# message saying from when the requirement is mandatory; from that date on
# it is judged with its severity. lib.result applies this.
package mpassaudit.lib

# upcoming is true while a requirement with effective_from is not yet in
# force at input.now. (An unquoted YAML date reaches Rego as an RFC 3339
# timestamp at midnight UTC: _ns reads both forms.)
upcoming(custom) if time.parse_rfc3339_ns(input.now) < _ns(custom.effective_from)

# _in_force maps a result's status and message: a failure of an upcoming
# requirement warns, and says from when it is mandatory.
_in_force(custom, status, msg) := {"status": "warn", "message": m} if {
	status == "fail"
	upcoming(custom)
	is_object(msg)
	m := {lang: sprintf(_mandatory_from[lang], [msg[lang], _date(custom.effective_from)]) | some lang in ["fi", "sv", "en"]}
} else := {"status": status, "message": msg}

_mandatory_from := {
	"fi": "%s — pakollinen %s alkaen.",
	"sv": "%s — obligatoriskt från %s.",
	"en": "%s — mandatory from %s.",
}

# _date is a YYYY-MM-DD date as d.m.yyyy (1.8.2027).
_date(d) := sprintf("%d.%d.%d", [day, month, year]) if {
	[year, month, day] := time.date(_ns(d))
}
