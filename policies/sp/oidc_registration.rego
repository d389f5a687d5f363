# METADATA
# title: The OIDC client registration as evidence (helpers of SP-OIDC-01…05)
# description: |
#   input.probes["oidc.registration"] is the oidc-client probe of the
#   client registration (the MPASSid management service's record or RFC 7591
#   client metadata; with oidc.issuer, the provider's discovery document in
#   its `provider`). The OIDC rules judge the registered values when the
#   member has not answered them, and an answer that contradicts the
#   registration fails, as SAML answers do against the metadata.
package mpassaudit.lib.sp.oidcreg

import data.mpassaudit.lib

# The probe result, when the probe ran.
probe := input.probes["oidc.registration"]

# registration is the probed registration when the probe succeeded.
registration := probe if probe.status == "ok"

# The registration's field for each answer path it settles; client_type
# follows from the authentication method (a client that authenticates at
# the token endpoint is confidential, RFC 6749 2.1).
_keys := {
	"oidc.redirect_uris": "redirect_uris",
	"oidc.response_types": "response_types",
	"oidc.token_endpoint_auth_method": "token_endpoint_auth_method",
	"oidc.scopes": "scopes",
}

registered(path) := registration[_keys[path]]

registered("oidc.client_type") := "public" if registration.token_endpoint_auth_method == "none"

registered("oidc.client_type") := "confidential" if {
	m := registration.token_endpoint_auth_method
	m != "none"
}

# value is the answer at path, else the registered value, else default.
value(path, default_value) := v if {
	v := lib.answer(path)
	v != null
} else := v if {
	v := registered(path)
} else := default_value

# unsettled are the paths that neither the answers nor the registration give.
unsettled(paths) := [p | some p in paths; not lib.answered(p); not registered(p)]

# gate is the verdict before a rule judges its values, undefined when there
# is nothing against them: the registration probe failed, or an answer
# contradicts the registration, or the provider does not support a value.
gate(paths) := lib.probe_failed(probe) if {
	probe.status != "ok"
} else := lib.fail_with(_join(_problems(paths)), [lib.probe_evidence(registration)]) if {
	count(_problems(paths)) > 0
}

_join(msgs) := {l: concat(" ", [m[l] | some m in msgs]) | some l in ["fi", "sv", "en"]}

_list(xs) := concat(", ", sort([sprintf("%v", [x]) | some x in xs]))

# An answer is compared as a set: list order does not matter, and scopes
# given as one "openid profile" string count as two.
_norm("oidc.scopes", v) := {s | some x in v; some s in split(trim_space(x), " "); s != ""}

_norm(path, v) := {x | some x in v} if {
	path != "oidc.scopes"
	is_array(v)
}

_norm(_, v) := {v} if not is_array(v)

_contradicts(path) if {
	a := lib.answer(path)
	a != null
	r := registered(path)
	_norm(path, a) != _norm(path, r)
}

_problems(paths) := array.concat(
	[{
		"fi": sprintf("Vastaus %s (%s) on ristiriidassa asiakkaan rekisteröinnin (%s) kanssa: rekisteröidyt arvot %s.", [p, _list(_norm(p, lib.answer(p))), probe.target, _list(_norm(p, registered(p)))]),
		"sv": sprintf("Svaret %s (%s) strider mot klientens registrering (%s): registrerade värden %s.", [p, _list(_norm(p, lib.answer(p))), probe.target, _list(_norm(p, registered(p)))]),
		"en": sprintf("The answer %s (%s) contradicts the client registration (%s), which has %s.", [p, _list(_norm(p, lib.answer(p))), probe.target, _list(_norm(p, registered(p)))]),
	} |
		some p in paths
		_contradicts(p)
	],
	_unsupported(paths),
)

# The provider's discovery document, when oidc.issuer was given and read.
provider := registration.provider if registration.provider.status == "ok"

_supported := {
	"oidc.response_types": "response_types_supported",
	"oidc.token_endpoint_auth_method": "token_endpoint_auth_methods_supported",
}

_unsupported(paths) := [{
	"fi": sprintf("Tunnistuspalvelu %s ei tue arvoa %s (%s: %s).", [provider.issuer, x, _supported[p], _list(provider[_supported[p]])]),
	"sv": sprintf("Identifieringstjänsten %s stöder inte värdet %s (%s: %s).", [provider.issuer, x, _supported[p], _list(provider[_supported[p]])]),
	"en": sprintf("The provider %s does not support %s (%s: %s).", [provider.issuer, x, _supported[p], _list(provider[_supported[p]])]),
} |
	some p in paths
	count(provider[_supported[p]]) > 0
	some x in _norm(p, value(p, []))
	not x in provider[_supported[p]]
]
