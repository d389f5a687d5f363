package mpassaudit.requirements.ep.registry_test

import data.mpassaudit.requirements.ep.registry

base := {"member": {"kind": "education-provider"}, "environment": "production", "now": "2026-11-27T12:00:00Z", "probes": {}}

with_registry(a) := object.union(base, {"answers": {"registry": a}})

# --- EP-REG-01 -------------------------------------------------------------

entra := {
	"type": "entra",
	"entra_tenant_id": "3f9c2a1e-7b4d-4c8e-9a21-5d6e7f809a1b",
	"entra_client_id": "0b0e5f4e-3c7a-4d1e-9a55-2f7c1e6b9d21",
	"entra_client_secret_expires": "2027-09-30",
	"entra_attribute_user_id": "id",
	"entra_attribute_learner_id": "extension_5a1c_learnerId",
	"entra_attribute_school_code": "extension_5a1c_schoolCode",
	"entra_attribute_role": "jobTitle",
}

test_reg_01_pass_entra if {
	r := registry.reg_01 with input as with_registry(entra)
	r.status == "pass"
	contains(r.message.fi, "Microsoft Entra ID")
}

test_reg_01_pass_wilma if {
	r := registry.reg_01 with input as with_registry({"type": "wilma", "wilma_url": "https://kunta.inschool.fi", "wilma_version": "2.22a"})
	r.status == "pass"
}

test_reg_01_wilma_details_missing if {
	r := registry.reg_01 with input as with_registry({"type": "wilma", "wilma_url": "https://kunta.inschool.fi"})
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.wilma_version")
}

test_reg_01_entra_mapping_missing if {
	r := registry.reg_01 with input as with_registry(object.remove(entra, ["entra_attribute_role", "entra_client_id"]))
	r.status == "fail"
	contains(r.message.en, "registry.entra_client_id, registry.entra_attribute_role")
}

test_reg_01_entra_bad_ids if {
	r := registry.reg_01 with input as with_registry(object.union(entra, {"entra_tenant_id": "kunta onmicrosoft", "entra_client_id": "MPASSid"}))
	r.status == "fail"
	contains(r.message.fi, `Vuokraajan tunnus "kunta onmicrosoft" ei ole GUID`)
	contains(r.message.en, `Client ID "MPASSid" is not a GUID`)
}

test_reg_01_entra_tenant_domain_ok if {
	r := registry.reg_01 with input as with_registry(object.union(entra, {"entra_tenant_id": "kunta.onmicrosoft.com"}))
	r.status == "pass"
}

test_reg_01_other_is_manual if {
	r := registry.reg_01 with input as with_registry({"type": "other", "other_description": "Oma LDAP, Shibboleth IdP"})
	r.status == "manual"
}

test_reg_01_other_empty_fails if {
	r := registry.reg_01 with input as with_registry({"type": "other", "other_description": ""})
	r.status == "fail"
}

test_reg_01_type_unanswered if {
	r := registry.reg_01 with input as with_registry({})
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.type")
}

# --- EP-REG-02 -------------------------------------------------------------

test_reg_02_pass if registry.reg_02.status == "pass" with input as with_registry({"unique_persistent_id": true})

test_reg_02_fail if registry.reg_02.status == "fail" with input as with_registry({"unique_persistent_id": false})

# --- the sample ------------------------------------------------------------

# row builds a CSV row with the default claim names (AD FS, Google).
row(n, learner, schools, role, class, level, charge) := {"row": n, "fields": {
	"firstName": ["Testi"], "surname": [sprintf("Oppilas%d", [n])],
	"mpassUserIdentity": [sprintf("u%d", [n])], "learnerId": [learner],
	"schoolCode": [schools], "userRole": [role], "class": [class],
	"classLevel": [level], "learningMaterialsCharge": [charge],
}}

good_rows := [
	row(2, "1.2.246.562.24.10000000016", "03760", "oppilas", "7A", "7", ""),
	row(3, "1.2.246.562.24.10000000029", "03760;00123", "opettaja;rehtori", "", "", ""),
	row(4, "1.2.246.562.24.10000000032", "00654", "opiskelija", "LUKIO1", "", "1"),
	row(5, "1.2.246.562.98.10000000045", "03760", "Sijaisopettaja", "", "", ""),
]

sample(rows) := {"registry.sample_export": {
	"kind": "sample", "target": "otos.csv", "fetched_at": "2026-11-27T11:59:00Z", "sha256": "cd",
	"status": "ok", "format": "csv", "rows": rows,
}}

audit(type, rows) := object.union(with_registry({"type": type, "sample_export": "otos.csv"}), {"probes": sample(rows)})

test_good_sample_passes_everything if {
	inp := audit("adfs", good_rows)
	registry.reg_03.status == "pass" with input as inp
	registry.reg_04.status == "pass" with input as inp
	registry.reg_05.status == "pass" with input as inp
	registry.reg_06.status == "pass" with input as inp
	registry.reg_07.status == "pass" with input as inp
	registry.reg_08.status == "pass" with input as inp
	registry.reg_09.status == "pass" with input as inp
}

test_reg_03_pass_counts_test_accounts if {
	r := registry.reg_03 with input as audit("adfs", good_rows)
	r.status == "pass"
	contains(r.message.fi, "Rivejä 4: oppijanumerot kunnossa; testitunnuksia (1.2.246.562.98.*) 1.")
	some e in r.evidence
	e.kind == "probe"
	e.target == "otos.csv"
}

test_reg_03_fail_check_digit_names_row_field_value if {
	r := registry.reg_03 with input as audit("adfs", [row(7, "1.2.246.562.24.10000000011", "03760", "oppilas", "", "", "")])
	r.status == "fail"
	contains(r.message.fi, `rivi 7, learnerId = "1.2.246.562.24.10000000011": tarkistusnumero on väärä (7-3-1-menetelmällä sen pitäisi olla 6)`)
	contains(r.message.sv, "rad 7, learnerId")
	contains(r.message.en, "row 7, learnerId")
}

# Test learner numbers: 1.2.246.562.98. + 10 or 11 digits, no check digit
# (#11 item 2), in any environment.
test_reg_03_test_numbers_10_or_11_digits if {
	every env in ["test", "demo", "production"] {
		inp := object.union(
			audit("google", [
				row(2, "1.2.246.562.98.1234567890", "03760", "oppilas", "", "", ""),
				row(3, "1.2.246.562.98.12345678901", "03760", "oppilas", "", "", ""),
			]),
			{"environment": env},
		)
		r := registry.reg_03 with input as inp
		r.status == "pass"
		contains(r.message.en, "test accounts (1.2.246.562.98.*) 2")
	}
}

test_reg_03_test_numbers_9_or_12_digits_fail if {
	r := registry.reg_03 with input as audit("google", [
		row(2, "1.2.246.562.98.123456789", "03760", "oppilas", "", "", ""),
		row(3, "1.2.246.562.98.123456789012", "03760", "oppilas", "", "", ""),
	])
	r.status == "fail"
	contains(r.message.en, "Invalid learner numbers (2)")
	contains(r.message.sv, "ett teststudentnummer ska ha 10 eller 11 siffror")

	# The Finnish term once, at the first mention (GLOSSARY.md).
	startswith(r.message.sv, "Felaktiga studentnummer (oppijanumero) (2): ")
	count(indexof_n(r.message.sv, "oppijanumero")) == 1
}

test_reg_03_fail_missing_and_malformed if {
	r := registry.reg_03 with input as audit("google", [
		row(2, "", "03760", "oppilas", "", "", ""),
		row(3, "1.2.246.562.24.123", "03760", "oppilas", "", "", ""),
		row(4, "1.2.246.562.98.123", "03760", "oppilas", "", "", ""),
		row(5, "010101-123N", "03760", "oppilas", "", "", ""),
	])
	r.status == "fail"
	contains(r.message.en, "Invalid learner numbers (4)")
	contains(r.message.en, `row 2, learnerId = "": the learner number is missing (login is blocked)`)
	contains(r.message.en, "row 3, learnerId = \"1.2.246.562.24.123\": a learner number has 11 digits")
	contains(r.message.en, "row 4, learnerId = \"1.2.246.562.98.123\": a test learner number has 10 or 11 digits")
	contains(r.message.en, "row 5, learnerId = \"010101-123N\": a learner number starts with 1.2.246.562.24.")
}

# A column a check reads that the sample lacks: the check could not be
# checked (error, #8 item 3; it failed before), never pass.
test_reg_03_missing_column if {
	rows := [{"row": 2, "fields": {"mpassUserIdentity": ["u2"], "oppijanumero": ["1.2.246.562.24.10000000016"], "schoolCode": ["03760"], "userRole": ["oppilas"]}}]
	r := registry.reg_03 with input as audit("adfs", rows)
	r.status == "error"
	contains(r.message.fi, "Ei voitu tarkistaa: sarake learnerId ei löydy otoksesta (sarakkeet: mpassUserIdentity, oppijanumero, schoolCode, userRole)")
	contains(r.message.sv, "Kunde inte kontrolleras: kolumnen learnerId hittades inte i urvalet")
	contains(r.message.en, "Could not be checked: column learnerId not found in the sample")
}

test_reg_03_not_probed_is_manual if {
	r := registry.reg_03 with input as with_registry({"type": "adfs", "sample_export": "otos.csv"})
	r.status == "manual"
	contains(r.message.en, "Not probed (otos.csv)")
}

test_reg_03_no_sample_given_is_manual if {
	r := registry.reg_03 with input as with_registry({"type": "adfs"})
	r.status == "manual"
	contains(r.message.fi, "Otosta ei ole annettu")
}

test_reg_03_probe_error if {
	p := {"registry.sample_export": {"kind": "sample", "target": "otos.csv", "status": "error", "error": "otos.csv: line 3: wrong number of fields"}}
	r := registry.reg_03 with input as object.union(with_registry({"type": "adfs", "sample_export": "otos.csv"}), {"probes": p})
	r.status == "error"
	contains(r.message.en, "line 3: wrong number of fields")
}

test_reg_03_empty_sample_fails if {
	r := registry.reg_03 with input as audit("adfs", [])
	r.status == "fail"
	contains(r.message.en, "no rows")
}

test_reg_04_fail_school_codes if {
	r := registry.reg_04 with input as audit("adfs", [
		row(2, "1.2.246.562.24.10000000016", "3760", "oppilas", "", "", ""),
		row(3, "1.2.246.562.24.10000000029", "", "oppilas", "", "", ""),
	])
	r.status == "fail"
	contains(r.message.fi, `rivi 2, schoolCode = "3760": oppilaitostunnus on viisinumeroinen`)
	contains(r.message.fi, `rivi 3, schoolCode = "": oppilaitostunnus puuttuu`)
}

test_reg_05_fail_vocabulary if {
	r := registry.reg_05 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "huoltaja", "", "", "")])
	r.status == "fail"
	contains(r.message.en, `row 2, userRole = "huoltaja": role "huoltaja" is not allowed`)
}

# Exactly the names REQUIREMENTS.md lists, case-insensitive (#11 item 1).
test_reg_05_vocabulary_exact if {
	every name in ["oppilas", "opiskelija", "oppija", "student", "learner", "inlärare", "opettaja", "lärare", "hallintohenkilö", "koulusihteeri", "sijaisopettaja", "rehtori", "OPETTAJA", "Inlärare"] {
		registry.reg_05.status == "pass" with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", name, "", "", "")])
	}
}

test_reg_05_not_in_vocabulary_fails_with_closest if {
	every case in [
		["teacher", "opettaja"], ["staff", "hallintohenkilö"], ["principal", "rehtori"],
		["rektor", "rehtori"], ["skolsekreterare", "koulusihteeri"], ["lärarvikarie", "sijaisopettaja"],
		["opetaja", "opettaja"],
	] {
		r := registry.reg_05 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", case[0], "", "", "")])
		r.status == "fail"
		contains(r.message.en, sprintf(`role %q is not allowed; did you mean %q? allowed role names: oppilas, opiskelija`, case))
		contains(r.message.sv, "tillåtna rollnamn: oppilas")
	}
}

test_reg_05_nothing_near if {
	r := registry.reg_05 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "vahtimestari", "", "", "")])
	r.status == "fail"
	contains(r.message.en, `role "vahtimestari" is not allowed; allowed role names:`)
}

# An Entra ID member's own role names extend the vocabulary for it alone.
entra_roles := object.union(entra, {"sample_export": "otos.csv", "entra_custom_student_role": "Elev", "entra_custom_teacher_role": "Faculty"})

entra_role_row(n, role) := {"row": n, "fields": object.union(entra_row(n, "1.2.246.562.24.10000000016").fields, {"jobTitle": [role]})}

test_reg_05_entra_custom_roles if {
	inp := object.union(with_registry(entra_roles), {"probes": sample([entra_role_row(2, "elev"), entra_role_row(3, "FACULTY"), entra_role_row(4, "opettaja")])})
	r := registry.reg_05 with input as inp
	r.status == "pass"
	contains(r.message.en, "inlärare, elev, opettaja, lärare, faculty, hallintohenkilö")
	{"kind": "answer", "path": "registry.entra_custom_student_role", "value": "Elev"} in r.evidence
	{"kind": "answer", "path": "registry.entra_custom_teacher_role", "value": "Faculty"} in r.evidence
}

test_reg_05_custom_role_clash_fails if {
	inp := object.union(with_registry(object.union(entra_roles, {"entra_custom_teacher_role": "ELEV"})), {"probes": sample([entra_role_row(2, "elev")])})
	r := registry.reg_05 with input as inp
	r.status == "fail"
	contains(r.message.en, "The same custom role name elev is given as both the student and the teacher role")
	registry.reg_09.status == "fail" with input as inp
}

# A vocabulary name keeps its code even when given as a custom role.
test_reg_05_custom_role_cannot_recode_vocabulary if {
	inp := object.union(saml_audit("1.2.246.562.10.00000000001;00123;7A;opettaja;2;1.2.246.562.10.00000000001;"), {"answers": {"registry": {"type": "entra", "sample_export": "vastaus.xml", "entra_custom_student_role": "opettaja"}}})
	registry.reg_05.status == "pass" with input as inp
}

test_reg_05_custom_roles_only_with_entra if {
	inp := object.union(with_registry({"type": "adfs", "sample_export": "otos.csv", "entra_custom_student_role": "Elev"}), {"probes": sample([row(2, "1.2.246.562.24.10000000016", "03760", "Elev", "", "", "")])})
	r := registry.reg_05 with input as inp
	r.status == "fail"
	contains(r.message.en, `role "Elev" is not allowed; did you mean "oppilas"?`)
}

test_reg_05_custom_role_unknown_name_still_fails if {
	inp := object.union(with_registry(entra_roles), {"probes": sample([entra_role_row(2, "Staff")])})
	r := registry.reg_05 with input as inp
	r.status == "fail"
	contains(r.message.en, `did you mean "hallintohenkilö"?`)
}

# In a SAML response the code of a custom role is 1 (student) or 2 (teacher).
test_reg_05_custom_role_code_in_saml if {
	inp := object.union(saml_audit("1.2.246.562.10.00000000001;00123;7A;Elev;1;1.2.246.562.10.00000000001;"), {"answers": {"registry": {"type": "entra", "sample_export": "vastaus.xml", "entra_custom_student_role": "Elev"}}})
	registry.reg_05.status == "pass" with input as inp
	bad := object.union(saml_audit("1.2.246.562.10.00000000001;00123;7A;Elev;2;1.2.246.562.10.00000000001;"), {"answers": {"registry": {"type": "entra", "sample_export": "vastaus.xml", "entra_custom_student_role": "Elev"}}})
	r := registry.reg_05 with input as bad
	r.status == "fail"
	contains(r.message.en, `the code of role Elev is 1, not "2"`)
}

test_reg_05_fail_missing_role if {
	r := registry.reg_05 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "", "", "", "")])
	r.status == "fail"
	contains(r.message.sv, "rollen saknas")
}

test_reg_06_fail_counts if {
	r := registry.reg_06 with input as audit("adfs", [
		row(2, "1.2.246.562.24.10000000016", "03760;00123", "oppilas;oppilas;oppilas", "7A;7B;7C", "", "0;1;0"),
	])
	r.status == "fail"
	contains(r.message.en, "(3)")
	contains(r.message.en, `row 2, userRole = "oppilas;oppilas;oppilas": 3 values but 2 school codes (allowed 1 or 2`)
	contains(r.message.en, `row 2, class = "7A;7B;7C": 3 values but 2 school codes (allowed 0, 1 or 2`)
	contains(r.message.en, `row 2, learningMaterialsCharge = "0;1;0"`)
}

test_reg_06_fail_stray_separator_for_adfs if {
	r := registry.reg_06 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760;", "oppilas", "", "", "")])
	r.status == "fail"
	contains(r.message.fi, `rivi 2, schoolCode = "03760;": arvoissa on tyhjä arvo tai ylimääräinen ;-merkki`)
}

test_reg_06_semicolon_inside_json_value if {
	rows := [{"row": 1, "fields": {"mpassUserIdentity": ["u1"], "learnerId": ["1.2.246.562.24.10000000016"], "schoolCode": ["03760"], "userRole": ["oppilas"], "class": ["7A;7B", "8C"], "learningMaterialsCharge": []}}]
	r := registry.reg_06 with input as audit("google", rows)
	r.status == "fail"
	contains(r.message.en, `row 1, class = "7A;7B;8C": the values contain an empty value or a stray ;`)
}

test_reg_06_separator_not_judged_for_wilma if {
	r := registry.reg_06 with input as audit("wilma", [row(2, "1.2.246.562.24.10000000016", "03760;", "oppilas", "", "", "")])
	r.status == "pass"
}

test_reg_07_warn if {
	r := registry.reg_07 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "oppilas", "7A", "7a", "")])
	r.status == "warn"
	r.severity == "should"
	contains(r.message.fi, `rivi 2, classLevel = "7a": luokka-aste on kokonaisluku 0–10`)
}

test_reg_07_pass_counts_rows if {
	r := registry.reg_07 with input as audit("adfs", good_rows)
	contains(r.message.en, "(rows with a class level: 1)")
}

test_reg_08_warn if {
	r := registry.reg_08 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "opiskelija", "", "", "2")])
	r.status == "warn"
	contains(r.message.en, `row 2, learningMaterialsCharge = "2": the learning-materials charge code is 0 (free) or 1 (charged)`)
}

test_reg_09_lists_at_most_20 if {
	rows := [row(n, "1.2.246.562.24.10000000011", "03760", "oppilas", "", "", "") | some n in numbers.range(2, 26)]
	r := registry.reg_09 with input as audit("adfs", rows)
	r.status == "fail"
	contains(r.message.fi, "Otos ei ole tietomallin 1.4 mukainen (25)")
	contains(r.message.fi, "rivi 21, learnerId")
	not contains(r.message.fi, "rivi 22, learnerId")
	endswith(r.message.fi, "… ja 5 muuta")
	endswith(r.message.sv, "… och 5 till")
	endswith(r.message.en, "… and 5 more")
}

test_reg_09_should_faults_only_warn if {
	r := registry.reg_09 with input as audit("adfs", [row(2, "1.2.246.562.24.10000000016", "03760", "oppilas", "", "12", "")])
	r.status == "warn"
	contains(r.message.en, "against the recommendations (1)")
}

test_reg_09_duplicate_identifiers_and_missing_columns if {
	rows := [
		{"row": 2, "fields": {"mpassUserIdentity": ["u1"], "learnerId": ["1.2.246.562.24.10000000016"], "schoolCode": ["03760"]}},
		{"row": 3, "fields": {"mpassUserIdentity": ["u1"], "learnerId": ["1.2.246.562.24.10000000029"], "schoolCode": ["03760"]}},
	]
	r := registry.reg_09 with input as audit("adfs", rows)
	r.status == "fail"
	contains(r.message.en, "column userRole: the column is missing from the sample")
	contains(r.message.en, `row 2, mpassUserIdentity = "u1": the same identifier is on another row too`)
	contains(r.message.en, `row 3, mpassUserIdentity = "u1"`)
}

test_reg_09_unanswered_fails if {
	r := registry.reg_09 with input as with_registry({"type": "adfs"})
	r.status == "fail"
	contains(r.message.en, "Not answered: registry.sample_export")
}

# Entra ID: the columns are the Graph attribute names of the mapping.
entra_row(n, learner) := {"row": n, "fields": {
	"id": [sprintf("6f1d%d", [n])], "givenName": ["Testi"], "surname": ["Oppilas"],
	"extension_5a1c_learnerId": [learner], "extension_5a1c_schoolCode": ["03760"], "jobTitle": ["oppilas"],
}}

test_reg_09_entra_mapping_columns if {
	inp := object.union(with_registry(object.union(entra, {"sample_export": "otos.csv"})), {"probes": sample([entra_row(2, "1.2.246.562.24.10000000016"), entra_row(3, "1.2.246.562.24.10000000020")])})
	r := registry.reg_09 with input as inp
	r.status == "fail"
	contains(r.message.en, `row 3, extension_5a1c_learnerId = "1.2.246.562.24.10000000020"`)
	registry.reg_05.status == "pass" with input as inp
}

test_reg_09_entra_mapping_missing_column if {
	inp := object.union(with_registry(object.union(entra, {"sample_export": "otos.csv", "entra_attribute_role": "employeeType"})), {"probes": sample([entra_row(2, "1.2.246.562.24.10000000016")])})
	r := registry.reg_09 with input as inp
	r.status == "fail"
	contains(r.message.en, "column employeeType: the column is missing")
}

# A SAML response captured in the test environment: data model 1.4 names.
saml_row(role) := {"row": 1, "fields": {
	"urn:mpass.id:uid": ["MPASSOID.c6329e82913e265b3a79c11a043fdab8b06b1a9e"],
	"urn:oid:1.3.6.1.4.1.16161.1.1.27": ["1.2.246.562.24.10000000016"],
	"urn:mpass.id:schoolInfo": ["99900;Demolan koulu", "1.2.246.562.10.20000004562;Demolan koulu"],
	"urn:mpass.id:educationProviderInfo": ["1.2.246.562.10.10000001239;Demolan kaupunki"],
	"urn:mpass.id:role": [role],
	"urn:mpass.id:classLevel": ["7"],
	"urn:mpass.id:learningMaterialsCharge": ["0;99900", "0;1.2.246.562.10.20000004562"],
}}

saml_audit(role) := object.union(
	with_registry({"type": "wilma", "sample_export": "vastaus.xml"}),
	{"probes": {"registry.sample_export": {"kind": "sample", "target": "vastaus.xml", "status": "ok", "format": "saml-response", "rows": [saml_row(role)]}}},
)

test_saml_response_passes if {
	inp := saml_audit("1.2.246.562.10.10000001239;99900;7B;Oppilas;1;1.2.246.562.10.20000004562;")
	registry.reg_03.status == "pass" with input as inp
	registry.reg_04.status == "pass" with input as inp
	registry.reg_05.status == "pass" with input as inp
	registry.reg_06.status == "pass" with input as inp
	registry.reg_09.status == "pass" with input as inp
}

# The role of data model 1.0 had only four parts.
test_saml_response_old_role_format_fails if {
	r := registry.reg_05 with input as saml_audit("1.2.246.562.10.10000001239;99900;7B;Oppilas")
	r.status == "fail"
	contains(r.message.en, "a role value has 7 ;-separated parts")
}

test_saml_response_role_code_mismatch if {
	r := registry.reg_05 with input as saml_audit("1.2.246.562.10.10000001239;99900;7B;Opettaja;1;1.2.246.562.10.20000004562;")
	r.status == "fail"
	contains(r.message.fi, `roolin Opettaja koodi on 2, ei "1"`)
}

test_saml_response_oid_luhn_warns if {
	r := registry.reg_04 with input as saml_audit("1.2.246.562.10.12345678907;99900;7B;Oppilas;1;1.2.246.562.10.20000004562;")
	r.status == "warn"
	contains(r.message.en, `row 1, urn:mpass.id:role = "1.2.246.562.10.12345678907": the organisation OID's Luhn check digit is wrong`)
}

test_saml_response_malformed_oid_fails if {
	r := registry.reg_04 with input as saml_audit("1.2.246.562.10.10000001239;99900;7B;Oppilas;1;1.2.246.562.99.1;")
	r.status == "fail"
	contains(r.message.en, `urn:mpass.id:role = "1.2.246.562.99.1": an organisation OID is 1.2.246.562.10. followed by digits`)
}

test_saml_response_role_school_not_in_school_info if {
	r := registry.reg_06 with input as saml_audit("1.2.246.562.10.10000001239;00123;7B;Oppilas;1;1.2.246.562.10.20000004562;")
	r.status == "fail"
	contains(r.message.en, "the role's school code 00123 is not among the user's schools")
}

# --- unknown columns never pass (#8 item 3) --------------------------------

finnish_rows := [{"row": 2, "fields": {
	"oppijanumero": ["1.2.246.562.24.10000000016"], "oppilaitostunnus": ["03760"],
	"rooli": ["oppilas"], "luokka-aste": ["12"],
}}]

# As the sample probe reports the Finnish header.
finnish_probe := {"registry.sample_export": object.union(sample(finnish_rows)["registry.sample_export"], {
	"columns": ["oppijanumero", "oppilaitostunnus", "rooli", "luokka-aste"],
	"unrecognised": [
		{"name": "oppijanumero", "closest": "learnerId"},
		{"name": "oppilaitostunnus", "closest": "schoolCode"},
		{"name": "rooli", "closest": "userRole"},
		{"name": "luokka-aste", "closest": "classLevel"},
	],
})}

finnish := object.union(with_registry({"type": "adfs", "sample_export": "otos.csv"}), {"probes": finnish_probe})

test_unknown_columns_checks_are_errors if {
	registry.reg_03.status == "error" with input as finnish
	registry.reg_04.status == "error" with input as finnish
	registry.reg_05.status == "error" with input as finnish
	registry.reg_06.status == "error" with input as finnish
	registry.reg_07.status == "error" with input as finnish
	registry.reg_08.status == "error" with input as finnish
	r := registry.reg_07 with input as finnish
	contains(r.message.en, "Could not be checked: column classLevel not found in the sample (columns: luokka-aste, oppijanumero, oppilaitostunnus, rooli)")
	r6 := registry.reg_06 with input as finnish
	contains(r6.message.en, "columns class, learningMaterialsCharge, schoolCode, userRole not found")
}

test_unknown_columns_reg_09_names_missing_and_unrecognised if {
	r := registry.reg_09 with input as finnish
	r.status == "fail"
	contains(r.message.en, "column learnerId: the column is missing from the sample")
	contains(r.message.en, "column classLevel: the column is missing from the sample")
	not contains(r.message.en, "row 2")
	contains(r.message.en, "Columns found: luokka-aste, oppijanumero, oppilaitostunnus, rooli. Unrecognised columns: luokka-aste: unknown column; did you mean classLevel?; oppijanumero: unknown column; did you mean learnerId?")
	contains(r.message.en, "Expected columns (default names): firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge")
	contains(r.message.fi, "luokka-aste: tuntematon sarake; tarkoititko classLevel?")
	contains(r.message.sv, "luokka-aste: okänd kolumn; menade du classLevel?")
}

# An older probe result has no columns list: the rows' field names decide,
# and the unknown ones are named without a closest name.
test_unknown_columns_without_probe_list if {
	inp := object.union(with_registry({"type": "adfs", "sample_export": "otos.csv"}), {"probes": sample(finnish_rows)})
	registry.reg_07.status == "error" with input as inp
	r := registry.reg_09 with input as inp
	r.status == "fail"
	contains(r.message.en, "Unrecognised columns: luokka-aste: unknown column; oppijanumero: unknown column;")
}

# The other side: every column there, plus one no check reads.
test_complete_sample_with_extra_column_passes_naming_it if {
	rows := [object.union(r, {"fields": object.union(r.fields, {"koulu": ["Demola"]})}) | some r in good_rows]
	inp := object.union(with_registry({"type": "adfs", "sample_export": "otos.csv"}), {"probes": {"registry.sample_export": object.union(sample(rows)["registry.sample_export"], {"unrecognised": [{"name": "koulu", "closest": "schoolCode"}]})}})
	registry.reg_03.status == "pass" with input as inp
	registry.reg_04.status == "pass" with input as inp
	registry.reg_05.status == "pass" with input as inp
	registry.reg_06.status == "pass" with input as inp
	registry.reg_07.status == "pass" with input as inp
	registry.reg_08.status == "pass" with input as inp
	r := registry.reg_09 with input as inp
	r.status == "pass"
	contains(r.message.en, "Columns no check reads: koulu: unknown column; did you mean schoolCode?")
}

# A header without rows: the columns are known, the sample is still empty.
test_columns_of_header_only if {
	inp := object.union(with_registry({"type": "adfs", "sample_export": "otos.csv"}), {"probes": {"registry.sample_export": object.union(sample([])["registry.sample_export"], {"columns": registry.default_header})}})
	r := registry.reg_09 with input as inp
	r.status == "fail"
	contains(r.message.en, "The sample has no rows.")
}

# Entra ID: an optional attribute without a mapping is not sent, so its
# check does not apply; with a mapping its column must be there.
test_entra_unmapped_class_level_not_applicable if {
	inp := object.union(with_registry(object.union(entra, {"sample_export": "otos.csv"})), {"probes": sample([entra_row(2, "1.2.246.562.24.10000000016")])})
	r := registry.reg_07 with input as inp
	r.status == "not_applicable"
	contains(r.message.en, "registry.entra_attribute_class_level is not given")
	registry.reg_08.status == "not_applicable" with input as inp
	registry.reg_06.status == "pass" with input as inp
}

test_entra_mapped_class_level_missing_is_error if {
	inp := object.union(with_registry(object.union(entra, {"sample_export": "otos.csv", "entra_attribute_class_level": "extension_5a1c_classLevel"})), {"probes": sample([entra_row(2, "1.2.246.562.24.10000000016")])})
	r := registry.reg_07 with input as inp
	r.status == "error"
	contains(r.message.en, "column extension_5a1c_classLevel not found")
}

# A mapped name written in another case is the closest name.
test_entra_case_differs_names_the_mapping if {
	row := {"row": 2, "fields": object.union(object.remove(entra_row(2, "1.2.246.562.24.10000000016").fields, ["extension_5a1c_learnerId"]), {"extension_5a1c_learnerid": ["1.2.246.562.24.10000000016"]})}
	p := object.union(sample([row])["registry.sample_export"], {"unrecognised": [{"name": "extension_5a1c_learnerid", "closest": ""}, {"name": "extension_5a1c_schoolCode", "closest": ""}, {"name": "id", "closest": "mpassUserIdentity"}, {"name": "jobTitle", "closest": "userRole"}]})
	inp := object.union(with_registry(object.union(entra, {"sample_export": "otos.csv"})), {"probes": {"registry.sample_export": p}})
	registry.reg_03.status == "error" with input as inp
	r := registry.reg_09 with input as inp
	r.status == "fail"
	contains(r.message.en, "Unrecognised columns: extension_5a1c_learnerid: unknown column; did you mean extension_5a1c_learnerId?. Expected columns (Entra ID, registry.entra_attribute_*): id,extension_5a1c_learnerId,extension_5a1c_schoolCode,jobTitle")
}

# In a SAML response an optional attribute is absent when it has no value:
# not an error.
test_saml_response_without_class_level_passes if {
	inp := saml_audit("1.2.246.562.10.10000001239;99900;7A;oppilas;1;1.2.246.562.10.20000004562;")
	base_row := inp.probes["registry.sample_export"].rows[0]
	row := {"row": 1, "fields": object.remove(base_row.fields, ["urn:mpass.id:classLevel"])}
	r := registry.reg_07 with input as object.union(inp, {"probes": {"registry.sample_export": object.union(inp.probes["registry.sample_export"], {"rows": [row]})}})
	r.status == "pass"
}

# The sample probe and the catalogue agree on the default claim names.
test_default_header_has_every_default_column if {
	every _, name in registry.default_columns {
		name in registry.default_header
	}
}

# A hand-made probe result naming a column twice is no evaluation error.
test_unrecognised_listed_twice if {
	p := object.union(finnish_probe["registry.sample_export"], {"unrecognised": [{"name": "rooli", "closest": "userRole"}, {"name": "rooli", "closest": ""}]})
	r := registry.reg_09 with input as object.union(finnish, {"probes": {"registry.sample_export": p}})
	contains(r.message.en, "Unrecognised columns: rooli: unknown column")
}

# Without registry.type (a standalone probe of the sample) the default names
# are expected: a missing column is still an error, never a pass.
test_missing_column_without_registry_type if {
	inp := object.union(base, {"answers": {"registry": {"sample_export": "otos.csv"}}, "probes": finnish_probe})
	"learnerId" in registry.missing_columns(["learner_id"]) with input as inp
	r := registry.reg_07 with input as inp
	r.status != "pass"
}

# A SAML response of another service (no data model attributes): the
# optional attributes' checks could not be checked, never "no values, pass".
test_foreign_saml_response_is_not_judged if {
	p := {"registry.sample_export": {"kind": "sample", "target": "vastaus.xml", "status": "ok", "format": "saml-response", "rows": [{"row": 1, "fields": {"mail": ["a@b.fi"], "sn": ["Testi"]}}]}}
	inp := object.union(with_registry({"type": "google", "sample_export": "vastaus.xml"}), {"probes": p})
	r := registry.reg_07 with input as inp
	r.status == "error"
	contains(r.message.en, "the sample has none of the data model's required columns urn:mpass.id:role, urn:mpass.id:schoolInfo, urn:mpass.id:uid, urn:oid:1.3.6.1.4.1.16161.1.1.27")
	registry.reg_08.status == "error" with input as inp
	registry.reg_09.status == "fail" with input as inp
}

# With the required attributes there, an absent optional one is no error.
test_saml_response_required_present_optional_absent_passes if {
	inp := saml_audit("1.2.246.562.10.10000001239;99900;7A;oppilas;1;1.2.246.562.10.20000004562;")
	row := inp.probes["registry.sample_export"].rows[0]
	p := object.union(inp.probes["registry.sample_export"], {"rows": [{"row": 1, "fields": object.remove(row.fields, ["urn:mpass.id:learningMaterialsCharge"])}]})
	registry.reg_08.status == "pass" with input as object.union(inp, {"probes": {"registry.sample_export": p}})
}
