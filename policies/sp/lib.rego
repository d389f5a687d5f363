# METADATA
# title: Shared helpers of the service-provider catalogue
# description: |
#   The protocol gates (a SAML rule is not applicable to an OIDC service and
#   vice versa), the verdict every SAML rule gives before it can read the
#   metadata probe, certificate checks and the hosts whose TLS SP-TLS-01
#   judges. Requirement rules live in mpassaudit.requirements.sp.<area>.
package mpassaudit.lib.sp

import data.mpassaudit.lib

langs := ["fi", "sv", "en"]

# join concatenates messages {fi, sv, en} language by language.
join(msgs) := {l: concat(" ", [m[l] | some m in msgs]) | some l in langs}

# list joins the strings of an array or set with ", " (sorted when a set).
list(xs) := concat(", ", [sprintf("%v", [x]) | some x in xs])

# protocol is the service's protocol: the answer service.protocol, or when it
# is not given, inferred from which protocol's answers are (saml.metadata or
# oidc.*), so that `mpassaudit probe saml-metadata` judges SAML rules. The
# answer itself is required by SP-ORG-01; undefined when neither tells.
protocol := p if {
	p := lib.answer("service.protocol")
	p != null
} else := "saml" if {
	lib.answered("saml.metadata")
	count(lib.section("oidc")) == 0
} else := "oidc" if {
	not lib.answered("saml.metadata")
	count(lib.section("oidc")) > 0
}

_no_protocol := lib.unanswered(["service.protocol"])

# The SAML metadata probe result, when it ran.
metadata := input.probes["saml.metadata"]

metadata_evidence := [lib.probe_evidence(metadata)]

# sp is the SPSSODescriptor of the probed metadata (null when absent).
sp := object.get(metadata, "sp", null)

not_for_oidc := lib.not_applicable({
	"fi": "Palvelu käyttää OpenID Connectia (service.protocol = oidc): SAML-vaatimus ei koske sitä.",
	"sv": "Tjänsten använder OpenID Connect (service.protocol = oidc): SAML-kravet gäller inte.",
	"en": "The service uses OpenID Connect (service.protocol = oidc): this SAML requirement does not apply.",
})

not_for_saml := lib.not_applicable({
	"fi": "Palvelu käyttää SAML 2.0:aa (service.protocol = saml): OpenID Connect -vaatimus ei koske sitä.",
	"sv": "Tjänsten använder SAML 2.0 (service.protocol = saml): OpenID Connect-kravet gäller inte.",
	"en": "The service uses SAML 2.0 (service.protocol = saml): this OpenID Connect requirement does not apply.",
})

# missing lists the protocol-specific answers (optional: true in METADATA)
# that are not given.
missing(paths) := [p | some p in paths; not lib.answered(p)]

# saml_gate is the verdict of a SAML rule before it can judge the metadata:
# not applicable to OIDC services, unanswered, not probed or probe failed.
# Undefined when the metadata probe result is there to judge.
saml_gate(paths) := not_for_oidc if {
	protocol == "oidc"
} else := _no_protocol if {
	not protocol
} else := lib.unanswered(missing(array.concat(paths, ["saml.metadata"]))) if {
	count(missing(array.concat(paths, ["saml.metadata"]))) > 0
} else := lib.not_probed(sprintf("saml.metadata = %s", [lib.answer("saml.metadata")])) if {
	not metadata
} else := lib.probe_failed(metadata) if {
	metadata.status != "ok"
}

# sp_gate is saml_gate, then a fail when the metadata has no SPSSODescriptor.
sp_gate(paths) := v if {
	v := saml_gate(paths)
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole SPSSODescriptor-elementtiä, joten palveluntarjoajan tietoja ei voi tarkistaa (ks. SP-SAML-01).",
		"sv": "Metadata saknar ett SPSSODescriptor-element, så tjänsteleverantörens uppgifter kan inte granskas (se SP-SAML-01).",
		"en": "The metadata has no SPSSODescriptor, so the service provider's settings cannot be checked (see SP-SAML-01).",
	},
	metadata_evidence,
) if {
	sp == null
}

# oidc_gate is the verdict of an OIDC rule before it can judge the answers:
# not applicable to SAML services, or the OIDC answers it needs are missing.
oidc_gate(paths) := not_for_saml if {
	protocol == "saml"
} else := _no_protocol if {
	not protocol
} else := lib.unanswered(missing(paths)) if {
	count(missing(paths)) > 0
}

# days_left of a certificate or TLS result at the audit time (input.now), so
# that a later re-evaluation judges the same fetched data at its own time.
days_left(c) := lib.days_until(c.not_after) if {
	is_string(c.not_after)
	c.not_after != ""
} else := c.days_left

# Certificates of the SPSSODescriptor by use; a KeyDescriptor without `use`
# serves both signing and encryption.
certificates(use) := [c |
	some c in object.get(sp, "certificates", [])
	object.get(c, "use", "") in {use, ""}
]

# cert_problems judges one certificate's key and validity: {level, msg}
# with level "fail" or "warn". months is the validity asked, in calendar
# months from the audit's time (lib.valid_for_months).
cert_problems(c, name, months) := {p |
	some p in array.concat(_key_problems(c, name), _validity_problems(c, name, months))
}

_key_problems(c, name) := [{"level": "fail", "msg": {
	"fi": sprintf("Varmennetta %s ei voi lukea: %s.", [name, object.get(c, "parse_error", "")]),
	"sv": sprintf("Certifikatet %s kan inte läsas: %s.", [name, object.get(c, "parse_error", "")]),
	"en": sprintf("The certificate %s cannot be read: %s.", [name, object.get(c, "parse_error", "")]),
}}] if {
	object.get(c, "parse_error", "") != ""
} else := [] if {
	c.key_type == "RSA"
	c.key_bits >= 2048
} else := [] if {
	c.key_type == "EC"
	c.key_bits >= 256
} else := [{"level": "fail", "msg": {
	"fi": sprintf("Varmenteen %s avain on liian heikko: %s %v bittiä (vaaditaan RSA vähintään 2048 tai EC vähintään P-256).", [name, object.get(c, "key_type", "?"), object.get(c, "key_bits", "?")]),
	"sv": sprintf("Nyckeln i certifikatet %s är för svag: %s %v bitar (RSA minst 2048 eller EC minst P-256 krävs).", [name, object.get(c, "key_type", "?"), object.get(c, "key_bits", "?")]),
	"en": sprintf("The key of the certificate %s is too weak: %s %v bits (RSA 2048 or EC P-256 at least is required).", [name, object.get(c, "key_type", "?"), object.get(c, "key_bits", "?")]),
}}]

default _validity_problems(_, _, _) := []

_validity_problems(c, name, months) := [{"level": "fail", "msg": {
	"fi": sprintf("Varmenne %s on vanhentunut %s.", [name, object.get(c, "not_after", "?")]),
	"sv": sprintf("Certifikatet %s gick ut %s.", [name, object.get(c, "not_after", "?")]),
	"en": sprintf("The certificate %s expired on %s.", [name, object.get(c, "not_after", "?")]),
}}] if {
	days_left(c) < 0
} else := [{"level": "warn", "msg": {
	"fi": sprintf("Varmenne %s on voimassa enää %d päivää (%s); vaaditaan vähintään %d kuukautta (%s asti).", [name, days_left(c), c.not_after, months, lib.months_ahead_date(months)]),
	"sv": sprintf("Certifikatet %s är giltigt i endast %d dagar till (%s); minst %d månader (till %s) krävs.", [name, days_left(c), c.not_after, months, lib.months_ahead_date(months)]),
	"en": sprintf("The certificate %s is valid for only %d more days (%s); at least %d months (until %s) are required.", [name, days_left(c), c.not_after, months, lib.months_ahead_date(months)]),
}}] if {
	is_string(c.not_after)
	c.not_after != ""
	not lib.valid_for_months(c.not_after, months)
}

# verdict_of turns a set of {level, msg} problems into a verdict: any fail
# fails, otherwise any warn warns, otherwise ok_msg passes.
verdict_of(problems, ok_msg, evidence) := lib.fail_with(join(_msgs(problems, "fail")), evidence) if {
	count(_msgs(problems, "fail")) > 0
} else := lib.warn_with(join(_msgs(problems, "warn")), evidence) if {
	count(_msgs(problems, "warn")) > 0
} else := lib.pass_with(ok_msg, evidence)

_msgs(problems, level) := [p.msg | some p in problems; p.level == level]

# host_port of an https URL: "host:port" as input.probes.tls is keyed
# (port 443 when the URL names none; the host as written, as the prober
# keys it). Undefined for other schemes.
host_port(u) := hp if {
	parts := regex.find_all_string_submatch_n(`^[hH][tT][tT][pP][sS]://(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)(?::([0-9]+))?`, u, 1)
	count(parts) == 1
	hp := _hp(parts[0][1], parts[0][2])
}

_hp(host, "") := sprintf("%s:443", [host])

_hp(host, port) := sprintf("%s:%s", [host, port]) if port != ""

# is_local_host: localhost, a loopback address or a name under .localhost.
is_local_host(h) if lower(h) in {"localhost", "::1", "[::1]"}

is_local_host(h) if endswith(lower(h), ".localhost")

is_local_host(h) if startswith(h, "127.")

# url_host is the host of an absolute URL (lower case, brackets kept for IPv6).
url_host(u) := lower(parts[0][1]) if {
	parts := regex.find_all_string_submatch_n(`^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]*)`, u, 1)
	count(parts) == 1
}
