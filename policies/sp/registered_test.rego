package mpassaudit.requirements.sp.registered_test

import data.mpassaudit.lib.sp_test as t
import data.mpassaudit.requirements.sp.registered

fp_sign := "aaaaaaaaaaaaaaaa1111111111111111aaaaaaaaaaaaaaaa1111111111111111"

fp_enc := "bbbbbbbbbbbbbbbb2222222222222222bbbbbbbbbbbbbbbb2222222222222222"

fp_new := "cccccccccccccccc3333333333333333cccccccccccccccc3333333333333333"

cert(use, fp) := object.union(t.cert(use), {"sha256": fp})

# reg is the registration as `mpassaudit import` rebuilds it; live the
# service's metadata, the same content fetched from its URL.
reg := object.union(t.meta("saml-metadata", "5000010-mt.metadata.xml"), {
	"sha256": "1111",
	"entity_id": t.md.entity_id,
	"sp": object.union(t.md.sp, {"certificates": [cert("signing", fp_sign), cert("encryption", fp_enc)]}),
})

live := object.union(t.md, {
	"target": "https://lukupolku.example.fi/saml/metadata",
	"sha256": "2222",
	"sp": object.union(t.md.sp, {"certificates": [cert("signing", fp_sign), cert("encryption", fp_enc)]}),
})

answers := object.union(t.saml_answers, {"saml": {"metadata": "https://lukupolku.example.fi/saml/metadata", "registered_metadata": "5000010-mt.metadata.xml"}})

run(r, l) := x if {
	x := registered.saml_13 with input as t.doc("production", answers, {"saml.registered_metadata": r, "saml.metadata": l})
}

live_sp(patch) := object.union(live, {"sp": object.union(live.sp, patch)})

test_match_passes if {
	r := run(reg, live)
	r.id == "SP-SAML-13"
	r.status == "pass"
	r.severity == "should"
	contains(r.message.en, "2 certificates, 1 ACS locations")
	count([e | some e in r.evidence; e.kind == "probe"]) == 2
}

test_key_descriptor_without_use_matches_both if {
	both := object.union(reg, {"sp": object.union(reg.sp, {"certificates": [cert("signing", fp_sign), cert("encryption", fp_sign)]})})
	r := run(both, live_sp({"certificates": [cert("", fp_sign)]}))
	r.status == "pass"
}

test_entity_id_differs if {
	r := run(reg, object.union(live, {"entity_id": "https://other.example.fi/sp"}))
	r.status == "warn" # should: a difference is reported as warn
	contains(r.message.en, "entityID differs: registered https://lukupolku.example.fi/saml/sp, live https://other.example.fi/sp.")
	contains(r.message.fi, "entityID eroaa")
}

test_registered_cert_missing_live if {
	r := run(reg, live_sp({"certificates": [cert("signing", fp_new), cert("encryption", fp_enc)]}))
	r.status == "warn"
	contains(r.message.en, "The registered signing certificate (SHA-256 aaaaaaaaaaaaaaaa…, valid until 2035-12-31T23:59:59Z) is not in the live metadata.")
	contains(r.message.en, "The live metadata has a signing certificate (SHA-256 cccccccccccccccc…")
}

# The rollover warning: the live metadata already carries the next
# certificate beside the registered one.
test_new_live_cert_warns if {
	r := run(reg, live_sp({"certificates": [cert("signing", fp_sign), cert("signing", fp_new), cert("encryption", fp_enc)]}))
	r.status == "warn"
	contains(r.message.en, "that MPASSid has not registered: register it before the service starts using it, or logins break.")
	not contains(r.message.en, "is not in the live metadata")
}

test_encryption_cert_differs if {
	r := run(reg, live_sp({"certificates": [cert("signing", fp_sign)]}))
	r.status == "warn"
	contains(r.message.en, "The registered encryption certificate (SHA-256 bbbbbbbbbbbbbbbb…")
}

test_acs_differs if {
	r := run(reg, live_sp({"acs": [t.acs("https://lukupolku.example.fi/saml/acs2", "lukupolku.example.fi", 0, true)]}))
	contains(r.message.en, "The registered ACS location https://lukupolku.example.fi/saml/acs is not in the live metadata.")
	contains(r.message.en, "The live ACS location https://lukupolku.example.fi/saml/acs2 is not registered in MPASSid")
}

test_flags_differ if {
	r := run(reg, live_sp({"authn_requests_signed": false, "want_assertions_signed": null}))
	contains(r.message.en, "AuthnRequestsSigned differs: registered true, live false.")
	contains(r.message.en, "WantAssertionsSigned differs: registered true, live not present.")
	contains(r.message.sv, "WantAssertionsSigned skiljer sig: registrerat true, aktuellt inte angivet.")
}

test_same_document_is_manual if {
	r := run(reg, object.union(reg, {"target": "elsewhere.xml"}))
	r.status == "manual"
	contains(r.message.en, "nothing to compare")
}

test_same_target_is_manual if {
	r := run(reg, object.union(live, {"target": reg.target}))
	r.status == "manual"
}

test_no_sp_descriptor_fails if {
	r := run(reg, object.union(live, {"sp": null}))
	r.status == "warn"
	contains(r.message.en, "has no SPSSODescriptor")
}

test_not_probed if {
	r := registered.saml_13 with input as t.doc("production", answers, {})
	r.status == "manual"
	contains(r.message.en, "Not probed (saml.registered_metadata = 5000010-mt.metadata.xml)")
	r2 := registered.saml_13 with input as t.doc("production", answers, {"saml.registered_metadata": reg})
	contains(r2.message.en, "Not probed (saml.metadata = https://lukupolku.example.fi/saml/metadata)")
}

test_probe_failed if {
	r := run(reg, t.failed_probe("saml-metadata", live.target, "connection refused"))
	r.status == "error"
	contains(r.message.en, "connection refused")
}

# Without a registration there is nothing to compare: manual, never a pass.
test_no_registration_is_manual if {
	r := registered.saml_13 with input as t.doc("production", t.saml_answers, {"saml.metadata": t.md})
	r.status == "manual"
	contains(r.message.en, "No registration is given (saml.registered_metadata)")
}

test_live_metadata_unanswered if {
	a := json.remove(answers, ["saml/metadata"])
	r := registered.saml_13 with input as t.doc("production", a, {"saml.registered_metadata": reg})
	r.status == "warn"
	r.unanswered == ["saml.metadata"]
}

test_not_for_oidc if {
	r := registered.saml_13 with input as t.oidc({})
	r.status == "not_applicable"
}

# One certificate registered for both uses (as in the corpus' saml_services.json).
test_one_cert_both_uses_missing if {
	both := object.union(reg, {"sp": object.union(reg.sp, {"certificates": [cert("signing", fp_new), cert("encryption", fp_new)]})})
	r := run(both, live)
	r.status == "warn"
	contains(r.message.en, "The registered signing certificate (SHA-256 cccccccccccccccc…")
	contains(r.message.en, "The registered encryption certificate (SHA-256 cccccccccccccccc…")
}
