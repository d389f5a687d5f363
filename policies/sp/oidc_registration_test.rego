package mpassaudit.lib.sp.oidcreg_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.oidc

reg(patch) := object.union(
	object.union(t.meta("oidc-client", "5000001.json"), {
		"source": "management-service", "integration": "5000001", "client_id": "c1", "client_secret_set": true,
		"redirect_uris": ["https://app.lukupolku.example.fi/oidc/callback"], "post_logout_redirect_uris": [],
		"response_types": ["code"], "grant_types": ["authorization_code"], "scopes": ["openid", "profile"],
		"token_endpoint_auth_method": "private_key_jwt", "auth_method_defaulted": false, "notes": [], "provider": null,
	}),
	patch,
)

# only_protocol: an OIDC service whose answers give only the protocol and
# the registration, as `mpassaudit probe oidc-client` judges it.
only_protocol := object.union(t.common_answers, {"service": {"protocol": "oidc"}, "oidc": {"registration": "5000001.json", "pkce": true}})

run(answers, r) := rs if {
	doc := t.doc("production", answers, {"oidc.registration": r})
	o1 := oidc.oidc_01 with input as doc
	o2 := oidc.oidc_02 with input as doc
	o3 := oidc.oidc_03 with input as doc
	o4 := oidc.oidc_04 with input as doc
	o5 := oidc.oidc_05 with input as doc
	rs := {"01": o1, "02": o2, "03": o3, "04": o4, "05": o5}
}

test_registration_settles_unanswered if {
	rs := run(only_protocol, reg({}))
	every r in rs {
		r.status == "pass"
		count(r.unanswered) == 0
	}
	contains(rs["05"].message.en, "openid, profile")
}

test_agreeing_answers_pass if {
	rs := run(t.oidc_answers, reg({}))
	every r in rs {
		r.status == "pass"
	}
}

test_contradicting_answer_fails if {
	rs := run(t.oidc_answers, reg({"response_types": ["code", "code id_token"], "redirect_uris": ["https://other.example.fi/cb"]}))
	rs["02"].status == "fail"
	contains(rs["02"].message.en, "The answer oidc.response_types (code) contradicts the client registration (5000001.json), which has code, code id_token.")
	rs["01"].status == "fail"
	contains(rs["01"].message.en, "oidc.redirect_uris (https://app.lukupolku.example.fi/oidc/callback) contradicts")
	contains(rs["01"].message.fi, "on ristiriidassa asiakkaan rekisteröinnin")
	some e in rs["02"].evidence
	e.kind == "probe"
	e.probe == "oidc-client"
}

test_scopes_compared_as_a_set if {
	answers := object.union(t.oidc_answers, {"oidc": {"scopes": ["profile openid"]}})
	rs := run(answers, reg({}))
	rs["05"].status == "pass"
}

test_registered_values_are_judged if {
	rs := run(only_protocol, reg({"response_types": ["code token"], "scopes": ["openid"], "redirect_uris": ["http://localhost/cb"]}))
	rs["02"].status == "fail"
	contains(rs["02"].message.en, "access token")
	rs["05"].status == "warn"
	contains(rs["05"].message.en, "profile")
	rs["01"].status == "fail"
	contains(rs["01"].message.en, "http://localhost/cb: not https")
}

test_public_client_from_registration if {
	rs := run(object.union(only_protocol, {"oidc": {"pkce": false}}), reg({"token_endpoint_auth_method": "none"}))
	rs["03"].status == "fail"
	rs["04"].status == "fail"
}

test_probe_failed_is_error if {
	rs := run(t.oidc_answers, t.failed_probe("oidc-client", "5000001.json", "cannot read the client registration"))
	every r in rs {
		r.status == "error"
		contains(r.message.en, "cannot read the client registration")
	}
}

test_provider_does_not_support if {
	p := object.union(t.meta("oidc-discovery", "https://op.example.fi/.well-known/openid-configuration"), {
		"issuer": "https://op.example.fi", "issuer_matches": true,
		"response_types_supported": ["code"], "token_endpoint_auth_methods_supported": ["client_secret_basic"],
	})
	rs := run(t.oidc_answers, reg({"provider": p}))
	rs["03"].status == "fail"
	contains(rs["03"].message.en, "The provider https://op.example.fi does not support private_key_jwt (token_endpoint_auth_methods_supported: client_secret_basic).")
	rs["02"].status == "pass"
}

test_no_registration_unchanged if {
	rs := run(only_protocol, null)
	rs["01"].status == "fail"
	rs["01"].unanswered == ["oidc.redirect_uris"]
}
