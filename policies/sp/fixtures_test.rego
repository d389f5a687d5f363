# Test fixtures of the service-provider catalogue: a compliant SAML service,
# a compliant OIDC service and probe results in the shape policies/README.md
# gives (input.probes). They sit beside mpassaudit.lib.sp, outside
# data.mpassaudit.requirements, so the entry point never evaluates them.
package mpassaudit.lib.sp_test

now := "2026-11-27T12:00:00Z"

member := {"kind": "service-provider", "name": "Lukupolku Oy", "business_id": "3141593-8"}

common_answers := {
	"member": {"name": "Lukupolku Oy", "kind": "service-provider", "business_id": "3141593-8"},
	"organisation": {
		"terms_accepted": true,
		"agreement_signed": true,
		"signatory_name": "Aino Virtanen",
		"signatory_email": "aino.virtanen@lukupolku.example.fi",
		"signatory_phone": "+358 40 123 4567",
		"privacy_notice_url": "https://lukupolku.example.fi/tietosuojaseloste",
	},
	"service": {"description": "Lukutaidon harjoituspalvelu", "metadata_delivered": true, "pricing": "freemium"},
	"contacts": {
		"technical_email": "tekninen@lukupolku.example.fi",
		"administrative_email": "hallinto@lukupolku.example.fi",
		"security_email": "tietoturva@lukupolku.example.fi",
		"role_mailboxes": true,
		"change_notification": true,
		"security_response_working_days": 1,
	},
	"privacy": {
		"purpose_limited": true,
		"third_party_sharing": false,
		"attribute_purposes": [
			"givenName - tervehdys",
			"urn:mpass.id:uid - käyttäjätilin yhdistäminen",
			"urn:mpass.id:role - opettajan ja oppilaan näkymät",
			"urn:mpass.id:schoolInfo - koulukohtaiset ryhmät",
			"urn:mpass.id:classLevel - tasolle sopivat tekstit",
		],
		"uid_change_handled": true,
		"rejects_test_learner_numbers": true,
	},
	"security": {"critical_patch_days": 7, "vulnerability_management": "Dependabot ja viikoittainen skannaus", "log_retention_days": 365},
	"incident": {"report_within_working_days": 1, "assist_within_working_days": 1, "tlp_respected": true, "logs_preserved": true},
}

saml_answers := object.union(common_answers, {
	"service": {"protocol": "saml"},
	"saml": {"metadata": "metadata.xml", "authn_requests_signed": true},
})

oidc_answers := object.union(common_answers, {
	"service": {"protocol": "oidc"},
	"oidc": {
		"redirect_uris": ["https://app.lukupolku.example.fi/oidc/callback"],
		"response_types": ["code"],
		"token_endpoint_auth_method": "private_key_jwt",
		"client_type": "confidential",
		"pkce": true,
		"scopes": ["openid", "profile"],
	},
})

meta(kind, target) := {"kind": kind, "target": target, "fetched_at": now, "sha256": "5f2b", "status": "ok", "error": ""}

failed_probe(kind, target, err) := object.union(meta(kind, target), {"status": "error", "error": err})

cert(use) := {
	"use": use, "key_type": "RSA", "key_bits": 3072, "curve": "",
	"not_before": "2026-01-15T00:00:00Z", "not_after": "2035-12-31T23:59:59Z", "days_left": 3321,
	"signature_algorithm": "SHA256-RSA", "parse_error": "",
}

acs(location, host, index, is_default) := {
	"location": location, "scheme": "https", "host": host, "host_kind": "fqdn",
	"binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", "index": index, "is_default": is_default,
}

attr(name, friendly) := {"name": name, "friendly_name": friendly, "in_model": true, "legacy": false}

md := object.union(meta("saml-metadata", "metadata.xml"), {
	"root": "EntityDescriptor",
	"entity_id": "https://lukupolku.example.fi/saml/sp",
	"entity_count": 1,
	"valid_until": "",
	"signed": false,
	"signature_valid": null,
	"signature_error": "",
	"algorithms": {
		"signature": ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"],
		"digest": ["http://www.w3.org/2001/04/xmlenc#sha256"],
		"sha1": false,
	},
	"contacts": [
		{"type": "technical", "email": "tekninen@lukupolku.example.fi", "security": false},
		{"type": "administrative", "email": "hallinto@lukupolku.example.fi", "security": false},
		{"type": "other", "email": "tietoturva@lukupolku.example.fi", "security": true},
	],
	"idp": null,
	"sp": {
		"protocols": ["urn:oasis:names:tc:SAML:2.0:protocol"],
		"saml2": true,
		"authn_requests_signed": true,
		"want_assertions_signed": true,
		"want_authn_requests_signed": null,
		"certificates": [cert("signing"), cert("encryption")],
		"acs": [acs("https://lukupolku.example.fi/saml/acs", "lukupolku.example.fi", 0, true)],
		"sso": [],
		"slo": [],
		"nameid_formats": ["urn:oasis:names:tc:SAML:2.0:nameid-format:transient"],
		"requested_attributes": [
			attr("urn:oid:2.5.4.42", "givenName"),
			attr("urn:mpass.id:uid", "mpassUsername"),
			attr("urn:mpass.id:role", ""),
			attr("urn:mpass.id:schoolInfo", ""),
			attr("urn:mpass.id:classLevel", ""),
		],
		"display_names": {"fi": "Lukupolku", "sv": "Lässtigen", "en": "Reading Path"},
		"privacy_url": "https://lukupolku.example.fi/tietosuojaseloste",
	},
})

# md_with replaces top-level fields of the metadata result.
md_with(patch) := object.union(md, patch)

# sp_with replaces fields of its SPSSODescriptor (lists are replaced whole).
sp_with(patch) := object.union(md, {"sp": object.union(md.sp, patch)})

privacy_ok := object.union(meta("http", "https://lukupolku.example.fi/tietosuojaseloste"), {
	"status_code": 200, "final_url": "https://lukupolku.example.fi/tietosuojaseloste",
	"https": true, "hsts": true, "redirects": [],
})

tls_ok(hp) := object.union(meta("tls", hp), {
	"versions": {"1.0": false, "1.1": false, "1.2": true, "1.3": true},
	"client_limited": [],
	"negotiated_version": "1.3",
	"cipher": "TLS_AES_128_GCM_SHA256",
	"chain_valid": true,
	"chain_error": "",
	"hostname_match": true,
	"not_after": "2027-03-01T00:00:00Z",
	"days_left": 93,
})

tls_with(hp, patch) := object.union(tls_ok(hp), patch)

# doc builds an input document.
doc(env, answers, probes) := {"member": member, "answers": answers, "probes": probes, "environment": env, "now": now}

saml(probes) := doc("production", saml_answers, probes)

saml_md(m) := saml({"saml.metadata": m})

oidc(probes) := doc("production", oidc_answers, probes)

# without removes an answer: without(answers, ["saml", "metadata"]).
without(answers, path) := json.remove(answers, [concat("/", path)])

# with_answer sets one answer.
with_answer(answers, section, key, value) := object.union(answers, {section: {key: value}})
