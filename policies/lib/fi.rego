# METADATA
# title: Validators for Finnish identifiers and the MPASSid data model 1.4
# description: |
#   Business ID (Y-tunnus), learner number (oppijanumero, OID node 24),
#   test learner number (node 98), organisation OID (node 10), school code
#   (oppilaitostunnus), class level, learning-materials charge and the role
#   vocabulary. Rules and the sample-export checks use these, so the same
#   validation runs in the tool and in plain `opa eval`.
package mpassaudit.lib.fi

_digits(s) := [to_number(c) | some c in split(s, "")]

# business_id_valid: NNNNNNN-C, weights 7,9,10,5,8,4,2; r = sum mod 11;
# r = 0 gives check 0, r = 1 is never issued, otherwise check = 11 - r.
business_id_valid(s) if {
	is_string(s)
	regex.match(`^[0-9]{7}-[0-9]$`, s)
	d := _digits(substring(s, 0, 7))
	weights := [7, 9, 10, 5, 8, 4, 2]
	r := sum([p | some i in numbers.range(0, 6); p := d[i] * weights[i]]) % 11
	r != 1
	to_number(substring(s, 8, 1)) == _business_check(r)
}

_business_check(0) := 0

_business_check(r) := 11 - r if r > 1

# business_id_check is the check digit of the 7-digit body of a business ID;
# undefined when the body is not 7 digits or its remainder is 1 (no such ID
# is ever issued).
business_id_check(body) := c if {
	regex.match(`^[0-9]{7}$`, body)
	d := _digits(body)
	weights := [7, 9, 10, 5, 8, 4, 2]
	r := sum([p | some i in numbers.range(0, 6); p := d[i] * weights[i]]) % 11
	r != 1
	c := _business_check(r)
}

learner_prefix := "1.2.246.562.24."

testing_learner_prefix := "1.2.246.562.98."

org_prefix := "1.2.246.562.10."

# The agency's (OPH's) root organisation: exempt from the check digit.
org_root := "1.2.246.562.10.00000000001"

# learner_number_valid: 1.2.246.562.24. + 10 digits + a check digit by the
# IBM 7-3-1 method (weights 7, 3, 1 repeating from the right;
# check = (10 - sum mod 10) mod 10).
learner_number_valid(s) if {
	is_string(s)
	startswith(s, learner_prefix)
	node := substring(s, count(learner_prefix), -1)
	regex.match(`^[0-9]{11}$`, node)
	to_number(substring(node, 10, 1)) == ibm731_check(substring(node, 0, 10))
}

# ibm731_check is the IBM 7-3-1 check digit of a digit string.
ibm731_check(body) := c if {
	d := _digits(body)
	n := count(d)
	weights := [7, 3, 1]
	total := sum([p | some i in numbers.range(0, n - 1); p := d[i] * weights[((n - 1) - i) % 3]])
	c := (10 - (total % 10)) % 10
}

# is_test_learner_number: a test account's number, 1.2.246.562.98. + 10 or
# 11 digits (OPH's own test data has both lengths); no check digit is
# required of it. Well-formed in every environment; services reject it in
# production unless explicitly allowed (SP-PRIV-03).
is_test_learner_number(s) if {
	is_string(s)
	startswith(s, testing_learner_prefix)
	regex.match(`^[0-9]{10,11}$`, substring(s, count(testing_learner_prefix), -1))
}

# org_oid_wellformed: 1.2.246.562.10. followed by digits.
org_oid_wellformed(s) if {
	is_string(s)
	startswith(s, org_prefix)
	regex.match(`^[0-9]{2,}$`, substring(s, count(org_prefix), -1))
}

# org_oid_valid: well-formed and the node passes the Luhn check (the root is exempt).
org_oid_valid(s) if s == org_root

org_oid_valid(s) if {
	s != org_root
	org_oid_wellformed(s)
	luhn_valid(substring(s, count(org_prefix), -1))
}

# luhn_valid: the digit string, check digit last, passes the Luhn check.
luhn_valid(s) if {
	d := _digits(s)
	n := count(d)
	total := sum([t | some i in numbers.range(0, n - 1); t := _luhn_term(d[i], ((n - 1) - i) % 2)])
	total % 10 == 0
}

_luhn_term(x, 0) := x

_luhn_term(x, 1) := y if {
	x2 := x * 2
	y := x2 - (9 * to_number(x2 > 9))
}

# school_code_valid: a 5-digit statistics code (oppilaitostunnus).
school_code_valid(s) if {
	is_string(s)
	regex.match(`^[0-9]{5}$`, s)
}

# Role vocabulary of data model 1.4: exactly the names REQUIREMENTS.md
# lists (case-insensitive) → role code. "teacher", "rektor" and the like are
# not in it: MPASSid maps only these names.
role_codes := {
	"oppilas": 1, "opiskelija": 1, "oppija": 1, "student": 1, "learner": 1, "inlärare": 1,
	"opettaja": 2, "lärare": 2,
	"hallintohenkilö": 3,
	"koulusihteeri": 4,
	"sijaisopettaja": 5,
	"rehtori": 6,
}

# role_valid: a role name from the vocabulary (case-insensitive).
role_valid(name) if role_codes[lower(name)]

# role_closest is the allowed role name nearest to a name that is not
# allowed: a common name of the same role in fi, sv or en first, then the
# allowed name sharing the longest beginning (at least 3 letters).
# Undefined when nothing is near.
role_closest(name) := _role_synonyms[lower(trim_space(name))]

role_closest(name) := c if {
	not _role_synonyms[lower(trim_space(name))]
	n := lower(trim_space(name))
	count(n) >= 3
	scored := [[_common_prefix(n, r), r] | some r, _ in role_codes]
	best := max([s[0] | some s in scored])
	best >= 3
	c := min([s[1] | some s in scored; s[0] == best])
}

# Names of the roles that members use but MPASSid does not map, and the
# allowed name of the same role.
_role_synonyms := {
	"teacher": "opettaja", "ope": "opettaja",
	"staff": "hallintohenkilö", "personal": "hallintohenkilö", "henkilökunta": "hallintohenkilö", "hallinto": "hallintohenkilö",
	"principal": "rehtori", "rektor": "rehtori", "headteacher": "rehtori", "head teacher": "rehtori",
	"school secretary": "koulusihteeri", "skolsekreterare": "koulusihteeri", "secretary": "koulusihteeri",
	"substitute teacher": "sijaisopettaja", "lärarvikarie": "sijaisopettaja", "vikarie": "sijaisopettaja", "sijainen": "sijaisopettaja",
	"pupil": "oppilas", "elev": "oppilas", "studerande": "opiskelija", "studeranden": "opiskelija",
}

_common_prefix(a, b) := count([i |
	some i in numbers.range(1, min([count(a), count(b)]))
	substring(a, 0, i) == substring(b, 0, i)
])

# role_code_valid: the code of a known role, 1–6.
role_code_valid(code) if to_number(code) in {1, 2, 3, 4, 5, 6}

# class_level_valid: an integer 0–10 (pre-primary and basic education).
class_level_valid(v) if {
	regex.match(`^[0-9]{1,2}$`, sprintf("%v", [v]))
	n := to_number(sprintf("%v", [v]))
	n >= 0
	n <= 10
}

# materials_charge_valid: learning-materials charge 0 (free) or 1 (charged).
materials_charge_valid(v) if sprintf("%v", [v]) in {"0", "1"}
