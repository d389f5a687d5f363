# METADATA
# title: User registry and data model 1.4 (education providers)
# description: |
#   EP-REG-03..09 judge the sample export (input.probes["registry.sample_export"])
#   attribute by attribute against MPASSid data model 1.4. A CSV or JSON
#   sample has the claim names the registry sends as columns (ADFS, Google
#   and the others: the default names; Entra ID: the Graph attribute names
#   of the member's mapping, registry.entra_attribute_*), multi-values
#   `;`-separated; a SAML response captured in the test environment has the
#   data model 1.4 attribute names. Every fault names row, field and value.
# custom:
#   area: registry
package mpassaudit.requirements.ep.registry

import data.mpassaudit.lib
import data.mpassaudit.lib.ep
import data.mpassaudit.lib.fi

# At most this many faults are listed in one message; the rest are counted.
max_listed := 20

_type := lib.answer("registry.type")

# ---------------------------------------------------------------------------
# EP-REG-01 and EP-REG-02

# METADATA
# title: Registry type declared with its integration details
# custom:
#   id: EP-REG-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid identity-source guides (Wilma, Opinsys, Entra ID, AD FS, Google)]
#   titles:
#     fi: Käyttäjähakemiston tyyppi ja sen integraatiotiedot on ilmoitettu
#     sv: Användarregistrets typ och dess integrationsuppgifter är angivna
#     en: Registry type declared with its integration details
#   remediation:
#     fi: Ilmoita käyttäjähakemiston tyyppi (wilma, opinsys, entra, adfs, google tai other) ja sen integraatiotiedot, jotka kysymykset listaavat kyseiselle tyypille.
#     sv: Ange användarregistrets typ (wilma, opinsys, entra, adfs, google eller other) och de integrationsuppgifter som frågorna listar för den typen.
#     en: Declare the user registry type (wilma, opinsys, entra, adfs, google or other) and the integration details the questions list for that type.
#   answers:
#     - path: registry.type
#       type: enum
#       values: [wilma, opinsys, entra, adfs, google, other]
#       question:
#         fi: Käyttäjähakemiston tyyppi (wilma = Wilma, opinsys = Opinsys, entra = Microsoft Entra ID, adfs = AD FS, google = Google Workspace, other = muu)
#         sv: Användarregistrets typ (wilma = Wilma, opinsys = Opinsys, entra = Microsoft Entra ID, adfs = AD FS, google = Google Workspace, other = annan)
#         en: User registry type (wilma = Wilma, opinsys = Opinsys, entra = Microsoft Entra ID, adfs = AD FS, google = Google Workspace, other)
#     - path: registry.wilma_url
#       type: url
#       probe: http
#       optional: true
#       question:
#         fi: "Vain Wilma: Wilman osoite (esim. https://kunta.inschool.fi)"
#         sv: "Endast Wilma: Wilmas adress (t.ex. https://kommun.inschool.fi)"
#         en: "Wilma only: Wilma's address (e.g. https://municipality.inschool.fi)"
#     - path: registry.wilma_version
#       type: text
#       optional: true
#       question:
#         fi: "Vain Wilma: Wilman versio (esim. 2.22a)"
#         sv: "Endast Wilma: Wilmas version (t.ex. 2.22a)"
#         en: "Wilma only: Wilma's version (e.g. 2.22a)"
#     - path: registry.opinsys_tenant_id
#       type: text
#       optional: true
#       question:
#         fi: "Vain Opinsys: Opinsys-organisaation tunnus (esim. kunta.opinsys.fi)"
#         sv: "Endast Opinsys: Opinsys-organisationens identifierare (t.ex. kommun.opinsys.fi)"
#         en: "Opinsys only: the Opinsys organisation's tenant id (e.g. municipality.opinsys.fi)"
#     - path: registry.entra_tenant_id
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: vuokraajan tunnus (Tenant ID, GUID tai esim. kunta.onmicrosoft.com)"
#         sv: "Endast Entra ID: klientorganisationens ID (Tenant ID, GUID eller t.ex. kommun.onmicrosoft.com)"
#         en: "Entra ID only: the tenant ID (a GUID or e.g. municipality.onmicrosoft.com)"
#     - path: registry.entra_client_id
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: MPASSid-sovelluksen sovellustunnus (Application (client) ID, GUID)"
#         sv: "Endast Entra ID: MPASSid-programmets program-ID (Application (client) ID, GUID)"
#         en: "Entra ID only: the MPASSid application's Application (client) ID (a GUID)"
#     - path: registry.entra_client_secret_expires
#       type: date
#       optional: true
#       question:
#         fi: "Vain Entra ID: milloin MPASSid-sovelluksen salaisuus (client secret) vanhenee?"
#         sv: "Endast Entra ID: när går MPASSid-programmets hemlighet (client secret) ut?"
#         en: "Entra ID only: when does the MPASSid application's client secret expire?"
#     - path: registry.entra_attribute_user_id
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, joka yksilöi käyttäjän (yleensä id)"
#         sv: "Endast Entra ID: Graph-attributet som identifierar användaren (oftast id)"
#         en: "Entra ID only: the Graph attribute that identifies the user (usually id)"
#     - path: registry.entra_attribute_learner_id
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on oppijanumero (esim. extension_<sovellus>_learnerId), täsmälleen kirjainkoon mukaan"
#         sv: "Endast Entra ID: Graph-attributet med studentnumret (oppijanumero, t.ex. extension_<app>_learnerId), exakt med stora och små bokstäver"
#         en: "Entra ID only: the Graph attribute holding the learner number (e.g. extension_<app>_learnerId), exactly, case-sensitive"
#     - path: registry.entra_attribute_school_code
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on oppilaitostunnus (oppilaitostunnukset ;-eroteltuina)"
#         sv: "Endast Entra ID: Graph-attributet med läroanstaltskoden (flera åtskilda med ;)"
#         en: "Entra ID only: the Graph attribute holding the school code (several separated by ;)"
#     - path: registry.entra_attribute_role
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on käyttäjän rooli (esim. oppilas, opettaja)"
#         sv: "Endast Entra ID: Graph-attributet med användarens roll (t.ex. oppilas, lärare)"
#         en: "Entra ID only: the Graph attribute holding the user's role (e.g. oppilas, opettaja)"
#     - path: registry.entra_attribute_class
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on luokka tai ryhmä (jätä pois, jos ei käytössä)"
#         sv: "Endast Entra ID: Graph-attributet med klassen eller gruppen (utelämna om det inte används)"
#         en: "Entra ID only: the Graph attribute holding the class or group (leave out if not used)"
#     - path: registry.entra_attribute_class_level
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on luokka-aste (jätä pois, jos ei käytössä)"
#         sv: "Endast Entra ID: Graph-attributet med årskursen (utelämna om det inte används)"
#         en: "Entra ID only: the Graph attribute holding the class level (leave out if not used)"
#     - path: registry.entra_attribute_materials_charge
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: Graph-attribuutti, jossa on oppimateriaalien maksullisuuskoodi (jätä pois, jos ei käytössä)"
#         sv: "Endast Entra ID: Graph-attributet med avgiftskoden för läromedel (utelämna om det inte används)"
#         en: "Entra ID only: the Graph attribute holding the learning-materials charge code (leave out if not used)"
#     - path: registry.federation_metadata
#       type: location
#       probe: saml-metadata
#       optional: true
#       question:
#         fi: "Vain AD FS ja Google: SAML-metatietojen osoite tai tiedosto (AD FS: https://palvelin/FederationMetadata/2007-06/FederationMetadata.xml)"
#         sv: "Endast AD FS och Google: adress eller fil för SAML-metadata (AD FS: https://server/FederationMetadata/2007-06/FederationMetadata.xml)"
#         en: "AD FS and Google only: address or file of the SAML metadata (AD FS: https://server/FederationMetadata/2007-06/FederationMetadata.xml)"
#     - path: registry.other_description
#       type: text
#       optional: true
#       question:
#         fi: "Vain muu käyttäjähakemisto: kuvaa käyttäjähakemisto ja miten se on liitetty MPASSidiin"
#         sv: "Endast annat användarregister: beskriv registret och hur det är anslutet till MPASSid"
#         en: "Other registry only: describe the registry and how it is connected to MPASSid"
reg_01 := lib.result(rego.metadata.chain(), _reg_01)

# type_details: the integration details each registry type needs.
type_details := {
	"wilma": ["registry.wilma_url", "registry.wilma_version"],
	"opinsys": ["registry.opinsys_tenant_id"],
	"entra": [
		"registry.entra_tenant_id",
		"registry.entra_client_id",
		"registry.entra_client_secret_expires",
		"registry.entra_attribute_user_id",
		"registry.entra_attribute_learner_id",
		"registry.entra_attribute_school_code",
		"registry.entra_attribute_role",
	],
	"adfs": ["registry.federation_metadata"],
	"google": ["registry.federation_metadata"],
	"other": ["registry.other_description"],
}

_guid := `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`

_reg_01 := lib.unanswered(ep.missing(type_details[_type])) if {
	count(ep.missing(type_details[_type])) > 0
} else := lib.fail(ep.reasons(_entra_id_faults)) if {
	count(_entra_id_faults) > 0
} else := lib.manual({
	"fi": "Muu käyttäjähakemisto: kuvaus tarkistetaan käsin.",
	"sv": "Annat användarregister: beskrivningen granskas manuellt.",
	"en": "Other user registry: the description needs a reviewer's judgement.",
}) if {
	_type == "other"
	trim_space(lib.answer("registry.other_description")) != ""
} else := lib.fail({
	"fi": "Muun käyttäjähakemiston kuvaus on tyhjä.",
	"sv": "Beskrivningen av det andra användarregistret är tom.",
	"en": "The description of the other registry is empty.",
}) if {
	_type == "other"
} else := lib.pass({
	"fi": sprintf("Käyttäjähakemisto on %s, ja sen integraatiotiedot on annettu.", [ep.type_names[_type].fi]),
	"sv": sprintf("Användarregistret är %s, och dess integrationsuppgifter är angivna.", [ep.type_names[_type].sv]),
	"en": sprintf("The user registry is %s, and its integration details are given.", [ep.type_names[_type].en]),
}) if {
	_type in object.keys(type_details)
} else := lib.fail({
	"fi": "Käyttäjähakemiston tyyppi puuttuu.",
	"sv": "Användarregistrets typ saknas.",
	"en": "The registry type is missing.",
})

_entra_id_faults := array.concat(
	[r |
		_type == "entra"
		t := lib.answer("registry.entra_tenant_id")
		not regex.match(_guid, t)
		not ep.hostname_valid(t)
		r := {
			"fi": sprintf("Vuokraajan tunnus %q ei ole GUID eikä verkkotunnus.", [t]),
			"sv": sprintf("Klientorganisationens ID %q är varken ett GUID eller ett domännamn.", [t]),
			"en": sprintf("Tenant ID %q is neither a GUID nor a domain name.", [t]),
		}
	],
	[r |
		_type == "entra"
		c := lib.answer("registry.entra_client_id")
		not regex.match(_guid, c)
		r := {
			"fi": sprintf("Sovellustunnus %q ei ole GUID (esim. 0b0e5f4e-3c7a-4d1e-9a55-2f7c1e6b9d21).", [c]),
			"sv": sprintf("Program-ID %q är inget GUID (t.ex. 0b0e5f4e-3c7a-4d1e-9a55-2f7c1e6b9d21).", [c]),
			"en": sprintf("Client ID %q is not a GUID (e.g. 0b0e5f4e-3c7a-4d1e-9a55-2f7c1e6b9d21).", [c]),
		}
	],
)

# METADATA
# title: Every user has a unique, persistent identifier
# custom:
#   id: EP-REG-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid data model 1.4 (urn:mpass.id:uid)]
#   titles:
#     fi: Jokaisella käyttäjällä on yksilöllinen ja pysyvä tunniste
#     sv: Varje användare har en unik och beständig identifierare
#     en: Every user has a unique, persistent identifier
#   remediation:
#     fi: Käytä käyttäjän tunnisteena käyttäjähakemiston muuttumatonta tunnistetta (ei nimeä tai sähköpostiosoitetta), jota ei anneta uudelleen toiselle käyttäjälle.
#     sv: Använd användarregistrets oföränderliga identifierare (inte namn eller e-postadress) som inte återanvänds för en annan användare.
#     en: Use the registry's immutable identifier (not a name or e-mail address) that is never reassigned to another user.
#   answers:
#     - path: registry.unique_persistent_id
#       type: bool
#       question:
#         fi: Onko jokaisella käyttäjällä yksilöllinen tunniste, joka ei muutu (esim. nimen vaihtuessa) eikä siirry toiselle käyttäjälle?
#         sv: Har varje användare en unik identifierare som inte ändras (t.ex. vid namnbyte) och inte övergår till en annan användare?
#         en: Does every user have a unique identifier that never changes (e.g. on a change of name) and is never reassigned to another user?
reg_02 := lib.result(rego.metadata.chain(), _reg_02)

_reg_02 := lib.pass({
	"fi": "Käyttäjillä on yksilöllinen ja pysyvä tunniste.",
	"sv": "Användarna har en unik och beständig identifierare.",
	"en": "Users have a unique, persistent identifier.",
}) if {
	lib.answer("registry.unique_persistent_id") == true
} else := lib.fail({
	"fi": "Käyttäjän tunniste ei ole yksilöllinen ja pysyvä.",
	"sv": "Användarens identifierare är inte unik och beständig.",
	"en": "The user identifier is not unique and persistent.",
})

# ---------------------------------------------------------------------------
# The sample export, normalised.

# Default claim names of a CSV or JSON sample (AD FS, Google and the others).
default_columns := {
	"user_id": "mpassUserIdentity",
	"learner_id": "learnerId",
	"school_code": "schoolCode",
	"role": "userRole",
	"class": "class",
	"class_level": "classLevel",
	"charge": "learningMaterialsCharge",
}

# The answer naming each column for Entra ID.
entra_column_answers := {
	"user_id": "registry.entra_attribute_user_id",
	"learner_id": "registry.entra_attribute_learner_id",
	"school_code": "registry.entra_attribute_school_code",
	"role": "registry.entra_attribute_role",
	"class": "registry.entra_attribute_class",
	"class_level": "registry.entra_attribute_class_level",
	"charge": "registry.entra_attribute_materials_charge",
}

# Data model 1.4 attribute names in a captured SAML response.
saml_names := {
	"user_id": "urn:mpass.id:uid",
	"learner_id": "urn:oid:1.3.6.1.4.1.16161.1.1.27",
	"school_info": "urn:mpass.id:schoolInfo",
	"provider_info": "urn:mpass.id:educationProviderInfo",
	"role": "urn:mpass.id:role",
	"class_level": "urn:mpass.id:classLevel",
	"charge": "urn:mpass.id:learningMaterialsCharge",
}

# Registry types whose values MPASSid splits at `;` (no value may contain one).
semicolon_types := {"entra", "adfs", "google"}

# default_header: every column of a sample with the default claim names, in
# the order of REQUIREMENTS.md EP-REG-09 (the names are data the sample
# probe also knows: policies_test checks they agree).
default_header := [
	"firstName", "surname", "nickName", "mpassUserIdentity", "learnerId",
	"schoolCode", "class", "classLevel", "userRole", "learningMaterialsCharge",
]

# The attributes every sample carries; an Entra ID mapping may leave out the
# others (class, class level, charge: "leave out if not used").
_required_keys := {"user_id", "learner_id", "school_code", "role"}

# columns: the column name of each attribute in this member's sample.
columns := {k: lib.answer_or(entra_column_answers[k], default_columns[k]) |
	some k, _ in default_columns
} if {
	_type == "entra"
} else := default_columns

# used_keys: the attributes this member's registry sends: all of them with
# the default names; with Entra ID the required ones and those whose
# mapping answer is given.
used_keys contains k if {
	some k, _ in default_columns
	not _type == "entra" # also when the type is not answered (probe sample)
}

used_keys contains k if {
	some k in _required_keys
	_type == "entra"
}

used_keys contains k if {
	some k, path in entra_column_answers
	_type == "entra"
	lib.answered(path)
}

# Graph's name attributes of an Entra ID sample: no check reads them, but
# they are the user's names, not unknown columns.
_entra_name_columns := {"givenName", "surname", "displayName"}

# found_columns: the columns of the sample, as the probe lists them (a
# CSV header without rows included) and as the rows have them (an older
# probe result has no list).
found_columns := {c | some c in object.get(_sample, "columns", [])} | _all_columns

_sample := p if {
	p := lib.probe("registry.sample_export")
	p.status == "ok"
}

_saml if _sample.format == "saml-response"

# names of the attributes that must be present in every sample.
required_columns := [saml_names.user_id, saml_names.learner_id, saml_names.school_info, saml_names.role] if {
	_saml
} else := [columns.user_id, columns.learner_id, columns.school_code, columns.role]

_rows := object.get(_sample, "rows", [])

_all_columns := {name | some row in _rows; some name, _ in row.fields}

_str(v) := v if is_string(v)

_str(v) := sprintf("%v", [v]) if not is_string(v)

_raw(row, name) := [_str(v) | some v in object.get(row.fields, name, [])]

# _parts: the values of a field as MPASSid reads them, empty ones included:
# one raw string split at `;`, or the elements of a JSON array as they are.
_parts(row, name) := [] if {
	raw := _raw(row, name)
	count(raw) == 1
	trim_space(raw[0]) == ""
} else := [trim_space(x) | some x in split(_raw(row, name)[0], ";")] if {
	count(_raw(row, name)) == 1
} else := [trim_space(x) | some x in _raw(row, name)]

_values(row, name) := [v | some v in _parts(row, name); v != ""]

# _shown: a field's raw value as the registry sent it, for messages.
_shown(row, name) := concat(";", _raw(row, name))

# records: one normalised record per sample row.
records := [_record(row) | some row in _rows]

_record(row) := {
	"row": row.row,
	"user_id": _values(row, columns.user_id),
	"learner": _values(row, columns.learner_id),
	"learner_field": columns.learner_id,
	"schools": [{"field": columns.school_code, "value": v} | some v in _values(row, columns.school_code)],
	"school_field": columns.school_code,
	"school_shown": _shown(row, columns.school_code),
	"oids": [],
	"roles": [{"field": columns.role, "value": v, "name": v} | some v in _values(row, columns.role)],
	"role_field": columns.role,
	"role_shown": _shown(row, columns.role),
	"classes": _values(row, columns.class),
	"class_field": columns.class,
	"class_shown": _shown(row, columns.class),
	"class_levels": _values(row, columns.class_level),
	"class_level_field": columns.class_level,
	"charges": [{"value": v} | some v in _values(row, columns.charge)],
	"charge_field": columns.charge,
	"charge_shown": _shown(row, columns.charge),
	"separator_faults": _separator_faults(row),
} if {
	not _saml
}

_record(row) := {
	"row": row.row,
	"user_id": _raw(row, saml_names.user_id),
	"learner": _raw(row, saml_names.learner_id),
	"learner_field": saml_names.learner_id,
	"schools": [{"field": saml_names.school_info, "value": code} |
		some v in _raw(row, saml_names.school_info)
		code := split(v, ";")[0]
		not startswith(code, fi.org_prefix)
	],
	"school_field": saml_names.school_info,
	"school_shown": concat(" | ", _raw(row, saml_names.school_info)),
	"oids": _saml_oids(row),
	"roles": [_saml_role(v) | some v in _raw(row, saml_names.role)],
	"role_field": saml_names.role,
	"role_shown": concat(" | ", _raw(row, saml_names.role)),
	"classes": [g | some v in _raw(row, saml_names.role); g := split(v, ";")[2]; g != ""],
	"class_field": saml_names.role,
	"class_shown": concat(" | ", _raw(row, saml_names.role)),
	"class_levels": _raw(row, saml_names.class_level),
	"class_level_field": saml_names.class_level,
	"charges": [{"value": split(v, ";")[0], "school": _nth(split(v, ";"), 1), "shown": v} | some v in _raw(row, saml_names.charge)],
	"charge_field": saml_names.charge,
	"charge_shown": concat(" | ", _raw(row, saml_names.charge)),
	"separator_faults": [],
} if {
	_saml
}

# _saml_role parses providerOID;schoolCode;group;roleName;roleCode;schoolOID;officeOID.
_saml_role(v) := {
	"field": saml_names.role,
	"value": v,
	"parts": parts,
	"name": _nth(parts, 3),
	"code": _nth(parts, 4),
	"school": _nth(parts, 1),
} if {
	parts := split(v, ";")
}

# _nth is the i-th element of an array, "" when it is shorter.
default _nth(_, _) := ""

_nth(a, i) := a[i]

# _saml_oids: every organisation OID a SAML response row names.
_saml_oids(row) := array.concat(
	[{"field": name, "value": oid} |
		some name in [saml_names.school_info, saml_names.provider_info]
		some v in _raw(row, name)
		oid := split(v, ";")[0]
		startswith(oid, "1.2.246.562.")
	],
	array.concat(
		[{"field": saml_names.role, "value": oid} |
			some v in _raw(row, saml_names.role)
			parts := split(v, ";")
			some i in [0, 5, 6]
			oid := _nth(parts, i)
			oid != ""
		],
		[{"field": saml_names.charge, "value": ref} |
			some v in _raw(row, saml_names.charge)
			ref := _nth(split(v, ";"), 1)
			startswith(ref, "1.2.246.562.")
		],
	),
)

# _separator_faults: with Entra ID, AD FS and Google values are `;`-separated
# and no value may contain `;` or be empty.
_separator_faults(row) := [] if {
	not _type in semicolon_types
} else := [f |
	some k in ["school_code", "role", "class", "charge"]
	name := columns[k]
	raw := _raw(row, name)
	_bad_separators(raw)
	f := {
		"row": row.row, "field": name, "value": concat(";", raw),
		"reason": {
			"fi": "arvoissa on tyhjä arvo tai ylimääräinen ;-merkki (arvot erotetaan ;-merkillä, eikä arvo saa sisältää sitä)",
			"sv": "värdena innehåller ett tomt värde eller ett extra ; (värdena skiljs åt med ; och inget värde får innehålla det)",
			"en": "the values contain an empty value or a stray ; (values are separated by ; and no value may contain it)",
		},
	}
]

_bad_separators(raw) if {
	count(raw) == 1
	trim_space(raw[0]) != ""
	some x in split(raw[0], ";")
	trim_space(x) == ""
}

_bad_separators(raw) if {
	count(raw) > 1
	some x in raw
	contains(x, ";")
}

# ---------------------------------------------------------------------------
# Faults, one list per requirement: {row, field, value, reason {fi, sv, en}}.

_fault(rec, field, value, reason) := {"row": rec.row, "field": field, "value": value, "reason": reason}

learner_faults := [f | some rec in records; some f in _learner_faults(rec)]

_learner_faults(rec) := [_fault(rec, rec.learner_field, "", {
	"fi": "oppijanumero puuttuu (kirjautuminen estyy)",
	"sv": "studentnumret saknas (inloggningen hindras)",
	"en": "the learner number is missing (login is blocked)",
})] if {
	count(rec.learner) == 0
} else := [_fault(rec, rec.learner_field, concat(";", rec.learner), {
	"fi": "käyttäjällä voi olla vain yksi oppijanumero",
	"sv": "en användare kan ha endast ett studentnummer",
	"en": "a user can have only one learner number",
})] if {
	count(rec.learner) > 1
} else := [_fault(rec, rec.learner_field, v, r) | v := rec.learner[0]; r := learner_number_problem(v)]

# learner_number_problem explains what is wrong with a learner number;
# undefined for a valid one and for a test number (1.2.246.562.98.*).
learner_number_problem(v) := {
	"fi": "testioppijanumerossa on oltava 10 tai 11 numeroa tunnuksen 1.2.246.562.98. jälkeen",
	"sv": "ett teststudentnummer ska ha 10 eller 11 siffror efter 1.2.246.562.98.",
	"en": "a test learner number has 10 or 11 digits after 1.2.246.562.98.",
} if {
	startswith(v, fi.testing_learner_prefix)
	not fi.is_test_learner_number(v)
} else := {
	"fi": "oppijanumero alkaa 1.2.246.562.24. (testitunnuksilla 1.2.246.562.98.)",
	"sv": "ett studentnummer börjar med 1.2.246.562.24. (testkonton: teststudentnummer 1.2.246.562.98.)",
	"en": "a learner number starts with 1.2.246.562.24. (test accounts 1.2.246.562.98.)",
} if {
	not startswith(v, fi.learner_prefix)
	not startswith(v, fi.testing_learner_prefix)
} else := {
	"fi": "oppijanumerossa on oltava 11 numeroa tunnuksen 1.2.246.562.24. jälkeen",
	"sv": "ett studentnummer ska ha 11 siffror efter 1.2.246.562.24.",
	"en": "a learner number has 11 digits after 1.2.246.562.24.",
} if {
	startswith(v, fi.learner_prefix)
	not regex.match(`^[0-9]{11}$`, substring(v, count(fi.learner_prefix), -1))
} else := {
	"fi": sprintf("tarkistusnumero on väärä (7-3-1-menetelmällä sen pitäisi olla %d)", [c]),
	"sv": sprintf("kontrollsiffran är fel (enligt 7-3-1-metoden ska den vara %d)", [c]),
	"en": sprintf("the check digit is wrong (by the 7-3-1 method it should be %d)", [c]),
} if {
	startswith(v, fi.learner_prefix)
	not fi.learner_number_valid(v)
	c := fi.ibm731_check(substring(v, count(fi.learner_prefix), 10))
}

testing_accounts := [rec.row | some rec in records; count(rec.learner) == 1; fi.is_test_learner_number(rec.learner[0])]

school_faults := [f | some rec in records; some f in _school_faults(rec)]

_school_faults(rec) := [_fault(rec, rec.school_field, "", {
	"fi": "oppilaitostunnus puuttuu",
	"sv": "läroanstaltskoden saknas",
	"en": "the school code is missing",
})] if {
	count(rec.schools) == 0
} else := [_fault(rec, s.field, s.value, {
	"fi": "oppilaitostunnus on viisinumeroinen Tilastokeskuksen koodi (esim. 03760)",
	"sv": "läroanstaltskoden är en femsiffrig kod från Statistikcentralen (t.ex. 03760)",
	"en": "a school code is a 5-digit Statistics Finland code (e.g. 03760)",
}) |
	some s in rec.schools
	not fi.school_code_valid(s.value)
]

oid_faults := [_fault(rec, o.field, o.value, {
	"fi": "organisaation OID on muotoa 1.2.246.562.10. ja numeroita",
	"sv": "en organisations-OID har formen 1.2.246.562.10. och siffror",
	"en": "an organisation OID is 1.2.246.562.10. followed by digits",
}) |
	some rec in records
	some o in rec.oids
	not fi.org_oid_wellformed(o.value)
]

oid_luhn_faults := [_fault(rec, o.field, o.value, {
	"fi": "organisaation OID:n tarkistusnumero (Luhn) on väärä",
	"sv": "kontrollsiffran (Luhn) i organisationens OID är fel",
	"en": "the organisation OID's Luhn check digit is wrong",
}) |
	some rec in records
	some o in rec.oids
	fi.org_oid_wellformed(o.value)
	not fi.org_oid_valid(o.value)
]

role_faults := [f | some rec in records; some f in _role_faults(rec)]

_role_faults(rec) := [_fault(rec, rec.role_field, "", {
	"fi": "rooli puuttuu",
	"sv": "rollen saknas",
	"en": "the role is missing",
})] if {
	count(rec.roles) == 0
} else := [_fault(rec, r.field, r.value, p) | some r in rec.roles; p := role_problem(r)]

# role_codes: the allowed role names (case-insensitive) and their codes: the
# vocabulary of data model 1.4, and for an Entra ID member its own custom
# student and teacher role names (the management service's
# customStudentRole / customTeacherRole), for that member only.
# A vocabulary name keeps its own code, and a name given as both the
# student and the teacher role is neither (custom_role_clash says so).
role_codes := object.union(custom_roles, fi.role_codes)

_custom_names := {[lower(trim_space(name)), code] |
	_type == "entra"
	some path, code in {"registry.entra_custom_student_role": 1, "registry.entra_custom_teacher_role": 2}
	name := lib.answer(path)
	is_string(name)
	trim_space(name) != ""
}

custom_roles := {n: code |
	some [n, code] in _custom_names
	not custom_role_clash[n]
}

custom_role_clash contains n if {
	some [n, 1] in _custom_names
	[n, 2] in _custom_names
}

# The allowed role names as every message lists them, in code order.
_role_names := concat(", ", [name |
	some code in numbers.range(1, 6)
	some name in _names_of(code)
])

# Data model names first (in the order REQUIREMENTS.md lists them), then
# the member's own.
_names_of(code) := array.concat(
	[n | some n in _vocabulary_order; fi.role_codes[n] == code],
	sort([n | some n, c in custom_roles; c == code; not fi.role_codes[n]]),
)

_vocabulary_order := [
	"oppilas", "opiskelija", "oppija", "student", "learner", "inlärare",
	"opettaja", "lärare", "hallintohenkilö", "koulusihteeri", "sijaisopettaja", "rehtori",
]

_role_valid(name) if role_codes[lower(trim_space(name))]

_role_code(name) := role_codes[lower(trim_space(name))]

# _did_you_mean names the closest allowed role name, when one is near, and
# ends with the separator before the list of allowed names.
default _did_you_mean(_) := {"fi": ";", "sv": ";", "en": ";"}

_did_you_mean(name) := {
	"fi": sprintf("; tarkoititko %q?", [c]),
	"sv": sprintf("; menade du %q?", [c]),
	"en": sprintf("; did you mean %q?", [c]),
} if {
	c := fi.role_closest(name)
}

# role_problem explains what is wrong with one role value; undefined when fine.
role_problem(r) := {
	"fi": "rooliarvossa on oltava 7 ;-eroteltua osaa (koulutustoimijan OID;oppilaitostunnus;ryhmä;rooli;roolikoodi;oppilaitoksen OID;toimipisteen OID)",
	"sv": "rollvärdet ska ha 7 delar åtskilda med ; (utbildningsaktörens OID;läroanstaltskod;grupp;roll;rollkod;läroanstaltens OID;verksamhetsställets OID)",
	"en": "a role value has 7 ;-separated parts (providerOID;schoolCode;group;roleName;roleCode;schoolOID;officeOID)",
} if {
	r.parts
	count(r.parts) != 7
} else := {
	"fi": sprintf("rooli %q ei ole sallittu%s sallitut roolinimet: %s", [r.name, _did_you_mean(r.name).fi, _role_names]),
	"sv": sprintf("rollen %q är inte tillåten%s tillåtna rollnamn: %s", [r.name, _did_you_mean(r.name).sv, _role_names]),
	"en": sprintf("role %q is not allowed%s allowed role names: %s", [r.name, _did_you_mean(r.name).en, _role_names]),
} if {
	not _role_valid(r.name)
} else := {
	"fi": sprintf("roolin %s koodi on %d, ei %q", [r.name, _role_code(r.name), r.code]),
	"sv": sprintf("koden för rollen %s är %d, inte %q", [r.name, _role_code(r.name), r.code]),
	"en": sprintf("the code of role %s is %d, not %q", [r.name, _role_code(r.name), r.code]),
} if {
	r.parts
	r.code != sprintf("%d", [_role_code(r.name)])
}

multi_faults := [f | some rec in records; some f in _multi_faults(rec)]

_multi_faults(rec) := array.concat(rec.separator_faults, _count_faults(rec)) if {
	not _saml
} else := _reference_faults(rec)

# With n school codes: roles 1 or n; classes and charge codes 0, 1 or n.
_count_faults(rec) := array.concat(
	[_fault(rec, rec.role_field, rec.role_shown, _count_reason(count(rec.roles), n, "1")) |
		n := count(rec.schools)
		n > 0
		not count(rec.roles) in {0, 1, n}
	],
	array.concat(
		[_fault(rec, rec.class_field, rec.class_shown, _count_reason(count(rec.classes), n, "0, 1")) |
			n := count(rec.schools)
			n > 0
			not count(rec.classes) in {0, 1, n}
		],
		[_fault(rec, rec.charge_field, rec.charge_shown, _count_reason(count(rec.charges), n, "0, 1")) |
			n := count(rec.schools)
			n > 0
			not count(rec.charges) in {0, 1, n}
		],
	),
)

_count_reason(got, n, allowed) := {
	"fi": sprintf("%d arvoa, mutta oppilaitostunnuksia on %d (sallittu %s tai %d; muuten MPASSid ei välitä moniarvoisia tietoja lainkaan)", [got, n, allowed, n]),
	"sv": sprintf("%d värden men %d läroanstaltskoder (tillåtet %s eller %d; annars förmedlar MPASSid inga flervärda uppgifter alls)", [got, n, allowed, n]),
	"en": sprintf("%d values but %d school codes (allowed %s or %d; otherwise MPASSid sends no multi-valued data at all)", [got, n, allowed, n]),
}

# In a SAML response each role and charge code names a school of the user.
_reference_faults(rec) := array.concat(
	[_fault(rec, r.field, r.value, {
		"fi": sprintf("roolin oppilaitostunnus %s ei ole käyttäjän oppilaitoksissa (urn:mpass.id:schoolInfo)", [r.school]),
		"sv": sprintf("rollens läroanstaltskod %s finns inte bland användarens läroanstalter (urn:mpass.id:schoolInfo)", [r.school]),
		"en": sprintf("the role's school code %s is not among the user's schools (urn:mpass.id:schoolInfo)", [r.school]),
	}) |
		some r in rec.roles
		r.school != ""
		not r.school in {s.value | some s in rec.schools}
	],
	[_fault(rec, rec.charge_field, c.shown, {
		"fi": sprintf("maksullisuuskoodin oppilaitos %s ei ole käyttäjän oppilaitoksissa", [c.school]),
		"sv": sprintf("läroanstalten %s i avgiftskoden finns inte bland användarens läroanstalter", [c.school]),
		"en": sprintf("the charge code's school %s is not among the user's schools", [c.school]),
	}) |
		some c in rec.charges
		c.school != ""
		not c.school in {s.value | some s in rec.schools}
		not c.school in {o.value | some o in rec.oids}
	],
)

class_level_faults := [_fault(rec, rec.class_level_field, v, {
	"fi": "luokka-aste on kokonaisluku 0–10 (esiopetus ja perusopetus)",
	"sv": "årskursen är ett heltal 0–10 (förskoleundervisning och grundläggande utbildning)",
	"en": "the class level is an integer 0–10 (pre-primary and basic education)",
}) |
	some rec in records
	some v in rec.class_levels
	not fi.class_level_valid(v)
]

charge_faults := [_fault(rec, rec.charge_field, object.get(c, "shown", c.value), {
	"fi": "oppimateriaalien maksullisuuskoodi on 0 (maksuton) tai 1 (maksullinen)",
	"sv": "avgiftskoden för läromedel är 0 (avgiftsfritt) eller 1 (avgiftsbelagt)",
	"en": "the learning-materials charge code is 0 (free) or 1 (charged)",
}) |
	some rec in records
	some c in rec.charges
	not fi.materials_charge_valid(c.value)
]

# Sample-wide faults: missing columns and unique identifiers. Only a sample
# with rows is judged (sample_gate answers for the others): evaluating the
# package must not build missing-column faults for an absent sample.
structure_faults := [] if {
	count(records) == 0
} else := array.concat(
	[{"row": 0, "field": name, "value": "", "reason": {
		"fi": "sarake puuttuu otoksesta",
		"sv": "kolumnen saknas i urvalet",
		"en": "the column is missing from the sample",
	}} |
		some name in missing_columns(_key_order)
	],
	[{"row": rec.row, "field": _user_id_field, "value": id, "reason": {
		"fi": "sama tunniste on myös toisella rivillä: tunnisteen on oltava yksilöllinen",
		"sv": "samma identifierare finns även på en annan rad: identifieraren ska vara unik",
		"en": "the same identifier is on another row too: identifiers must be unique",
	}} |
		some rec in records
		count(rec.user_id) == 1
		id := rec.user_id[0]
		count([1 | some other in records; other.user_id == [id]]) > 1
	],
)

_user_id_field := saml_names.user_id if _saml

else := columns.user_id

# ---------------------------------------------------------------------------
# Messages

# fault_list: "row 3, learnerId = "…": reason; …" in each language, at most
# max_listed faults and a count of the rest.
fault_list(faults) := {lang: _join(faults, lang) | some lang in ["fi", "sv", "en"]}

_join(faults, lang) := concat("; ", [_line(f, lang) | some f in array.slice(faults, 0, max_listed)]) if {
	count(faults) <= max_listed
} else := sprintf("%s; %s", [
	concat("; ", [_line(f, lang) | some f in array.slice(faults, 0, max_listed)]),
	sprintf(_more[lang], [count(faults) - max_listed]),
])

_more := {"fi": "… ja %d muuta", "sv": "… och %d till", "en": "… and %d more"}

_line(f, lang) := sprintf(_column_line[lang], [f.field, f.reason[lang]]) if {
	f.row == 0
} else := sprintf(_row_line[lang], [f.row, f.field, f.value, f.reason[lang]])

_row_line := {"fi": "rivi %v, %s = %q: %s", "sv": "rad %v, %s = %q: %s", "en": "row %v, %s = %q: %s"}

_column_line := {"fi": "sarake %s: %s", "sv": "kolumn %s: %s", "en": "column %s: %s"}

# _faulty is a failing verdict: a heading per language and the fault list.
_faulty(heading, faults) := lib.fail_with(_terms({lang: sprintf("%s (%d): %s", [heading[lang], count(faults), fault_list(faults)[lang]]) | some lang in ["fi", "sv", "en"]}), [lib.probe_evidence(_sample)])

_warned(heading, faults) := lib.warn_with(_terms({lang: sprintf("%s (%d): %s", [heading[lang], count(faults), fault_list(faults)[lang]]) | some lang in ["fi", "sv", "en"]}), [lib.probe_evidence(_sample)])

_fine(msg) := lib.pass_with(_terms(msg), [lib.probe_evidence(_sample)])

# _terms: the Swedish message names the Finnish learner-number term at its
# first mention (lib.sv_first_mention).
_terms(msg) := object.union(msg, {"sv": lib.sv_first_mention(msg.sv)})

# _not_sent: with Entra ID an optional attribute whose mapping is not given
# is not sent to MPASSid at all, so its check does not apply.
_not_sent(k, path, what) := lib.not_applicable({
	"fi": sprintf("Käyttäjähakemisto ei lähetä %s (%s ei ole annettu).", [what.fi, path]),
	"sv": sprintf("Användarregistret skickar inte %s (%s har inte angetts).", [what.sv, path]),
	"en": sprintf("The registry sends no %s (%s is not given).", [what.en, path]),
}) if {
	not _saml
	_type == "entra"
	not k in used_keys
}

# sample_gate is the verdict when the sample cannot be judged: not given,
# not probed, the probe failed, or no rows. Undefined when it can be judged.
sample_gate := lib.manual({
	"fi": "Otosta ei ole annettu (registry.sample_export, EP-REG-09): tarkistettava käsin.",
	"sv": "Inget urval har angetts (registry.sample_export, EP-REG-09): granskas manuellt.",
	"en": "No sample export given (registry.sample_export, EP-REG-09): needs manual review.",
}) if {
	not lib.answered("registry.sample_export")
} else := lib.not_probed(lib.answer("registry.sample_export")) if {
	not lib.probe("registry.sample_export")
} else := lib.probe_failed(p) if {
	p := lib.probe("registry.sample_export")
	p.status == "error"
} else := lib.fail_with(
	{
		"fi": "Otoksessa ei ole yhtään riviä.",
		"sv": "Urvalet innehåller inga rader.",
		"en": "The sample has no rows.",
	},
	[lib.probe_evidence(_sample)],
) if {
	count(_rows) == 0
}

# _column_name: the column (or SAML attribute) holding an attribute. In a
# SAML response the school code is in schoolInfo and the class in role.
_column_name(k) := columns[k] if not _saml

_column_name(k) := object.get({"school_code": saml_names.school_info, "class": saml_names.role}, k, object.get(saml_names, k, "")) if _saml

# _reads(k): the sample must have the column of k: every attribute the
# member's registry sends; in a SAML response only the required ones (an
# optional attribute is absent when it has no value).
_reads(k) if {
	not _saml
	k in used_keys
}

_reads(k) if {
	_saml
	_column_name(k) in required_columns
}

# missing_columns(keys): the columns of keys that a check reads and the
# sample lacks, sorted.
missing_columns(keys) := sort({_column_name(k) |
	some k in keys
	_reads(k)
	not _column_name(k) in found_columns
})

# _missing_gate(keys): a check whose column is missing could not be
# checked: error, never pass (#8 item 3). EP-REG-09 names the columns.
_missing_gate(keys) := lib.error_with(
	{
		"fi": sprintf("Ei voitu tarkistaa: %s %s ei löydy otoksesta (sarakkeet: %s); ks. EP-REG-09.", [_plural(missing_columns(keys), "sarake", "sarakkeet").fi, concat(", ", missing_columns(keys)), _found_list]),
		"sv": sprintf("Kunde inte kontrolleras: %s %s hittades inte i urvalet (kolumner: %s); se EP-REG-09.", [_plural(missing_columns(keys), "kolumnen", "kolumnerna").sv, concat(", ", missing_columns(keys)), _found_list]),
		"en": sprintf("Could not be checked: %s %s not found in the sample (columns: %s); see EP-REG-09.", [_plural(missing_columns(keys), "column", "columns").en, concat(", ", missing_columns(keys)), _found_list]),
	},
	[lib.probe_evidence(_sample)],
) if {
	count(missing_columns(keys)) > 0
}

# _foreign_gate: a sample with none of the required columns is no data
# model export at all (a SAML response of another service, a mis-mapped
# CSV): the optional attributes' checks could not be checked either, rather
# than passing on "no values".
_foreign_gate := lib.error_with(
	{
		"fi": sprintf("Ei voitu tarkistaa: otoksessa ei ole yhtään tietomallin pakollisista sarakkeista %s (sarakkeet: %s); ks. EP-REG-09.", [concat(", ", missing_columns(_required_key_list)), _found_list]),
		"sv": sprintf("Kunde inte kontrolleras: urvalet har ingen av datamodellens obligatoriska kolumner %s (kolumner: %s); se EP-REG-09.", [concat(", ", missing_columns(_required_key_list)), _found_list]),
		"en": sprintf("Could not be checked: the sample has none of the data model's required columns %s (columns: %s); see EP-REG-09.", [concat(", ", missing_columns(_required_key_list)), _found_list]),
	},
	[lib.probe_evidence(_sample)],
) if {
	count(missing_columns(_required_key_list)) == count(_required_key_list)
}

_required_key_list := ["user_id", "learner_id", "school_code", "role"]

_plural(list, one, many) := {"fi": one, "sv": one, "en": one} if count(list) == 1

else := {"fi": many, "sv": many, "en": many}

_found_list := concat(", ", sort(found_columns))

# The probe lists the columns that are none of the default names (or data
# model names) with the closest one; an older result lists none, and then
# every column outside the known names is unrecognised, without a closest.
_probe_unknown := {name: closest |
	some u in _sample.unrecognised
	name := u.name
	closest := min({object.get(x, "closest", "") | some x in _sample.unrecognised; x.name == name})
} if {
	is_array(_sample.unrecognised)
} else := {c: "" |
	some c in found_columns
	not c in _known_names
}

_known_names := {n | some n in saml_names} | {"urn:oid:2.5.4.4", "urn:oid:2.5.4.42", "urn:mpass.id:nickname", "urn:mpass.id:originalIssuer"} if _saml

else := {n | some n in default_header}

# unrecognised: this member's unknown columns and the name each most likely
# means in its own sample. With Entra ID the mapped Graph attributes and the
# name attributes are known, and a mapped name written in another case is
# the closest.
unrecognised[name] := _closest_here(name, closest) if {
	some name, closest in _probe_unknown
	not name in _recognised_here
}

default _recognised_here := set()

_recognised_here := {columns[k] | some k in used_keys} | _entra_name_columns if _type == "entra"

_closest_here(name, _) := columns[k] if {
	_type == "entra"
	some k in used_keys
	lower(columns[k]) == lower(name)
} else := columns[k] if {
	some k, default_name in default_columns
	default_name == closest_default(name)
} else := closest_default(name)

closest_default(name) := _probe_unknown[name]

# _unknown_line: "luokka-aste: unknown column; did you mean classLevel?" for
# every unrecognised column, in lang.
_unknown_line(lang) := concat("; ", [_unknown_item(name, closest, lang) | some name, closest in unrecognised])

_unknown_item(name, "", lang) := sprintf({"fi": "%s: tuntematon sarake", "sv": "%s: okänd kolumn", "en": "%s: unknown column"}[lang], [name])

_unknown_item(name, closest, lang) := sprintf({"fi": "%s: tuntematon sarake; tarkoititko %s?", "sv": "%s: okänd kolumn; menade du %s?", "en": "%s: unknown column; did you mean %s?"}[lang], [name, closest]) if closest != ""

# expected_header: the header line this member's sample is expected to have.
expected_header := concat(", ", required_columns) if _saml

else := concat(",", [columns[k] | some k in _key_order; k in used_keys]) if _type == "entra"

else := concat(",", default_header)

_key_order := ["user_id", "learner_id", "school_code", "class", "class_level", "role", "charge"]

default _type_label := {"fi": "oletusnimet", "sv": "standardnamn", "en": "default names"}

_type_label := {"fi": "SAML-vastaus", "sv": "SAML-svar", "en": "SAML response"} if {
	_saml
} else := {"fi": "Entra ID, registry.entra_attribute_*", "sv": "Entra ID, registry.entra_attribute_*", "en": "Entra ID, registry.entra_attribute_*"} if {
	_type == "entra"
}

# _columns_note(lang): what EP-REG-09 adds when columns are missing: the
# unrecognised columns with the closest name, and the expected header.
_columns_note(lang) := sprintf(
	{
		"fi": ". Otoksen sarakkeet: %s. Tuntemattomat sarakkeet: %s. Odotetut sarakkeet (%s): %s",
		"sv": ". Urvalets kolumner: %s. Okända kolumner: %s. Förväntade kolumner (%s): %s",
		"en": ". Columns found: %s. Unrecognised columns: %s. Expected columns (%s): %s",
	}[lang],
	[_found_list, _unknown_line(lang), _type_label[lang], expected_header],
) if {
	count(unrecognised) > 0
} else := sprintf(
	{
		"fi": ". Otoksen sarakkeet: %s. Odotetut sarakkeet (%s): %s",
		"sv": ". Urvalets kolumner: %s. Förväntade kolumner (%s): %s",
		"en": ". Columns found: %s. Expected columns (%s): %s",
	}[lang],
	[_found_list, _type_label[lang], expected_header],
)

# _unread_note(lang): the columns of a complete sample that no check reads.
default _unread_note(_) := ""

_unread_note(lang) := sprintf(
	{
		"fi": " Sarakkeet, joita tarkistukset eivät lue: %s.",
		"sv": " Kolumner som kontrollerna inte läser: %s.",
		"en": " Columns no check reads: %s.",
	}[lang],
	[_unknown_line(lang)],
) if {
	count(unrecognised) > 0
}

# ---------------------------------------------------------------------------
# EP-REG-03..09

# METADATA
# title: Every real user has a valid learner number
# custom:
#   id: EP-REG-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (learnerId), MPASSid and the learner number (oppijanumero)]
#   titles:
#     fi: Jokaisella käyttäjällä on oikeamuotoinen oppijanumero
#     sv: Varje användare har ett korrekt studentnummer (oppijanumero)
#     en: Every real user has a valid learner number
#   remediation:
#     fi: Tallenna jokaiselle käyttäjälle (myös sijaisopettajille ja vaihto-oppilaille) oppijanumero muodossa 1.2.246.562.24. + 11 numeroa, viimeinen 7-3-1-tarkistusnumero; testitunnuksille testioppijanumero 1.2.246.562.98. + 10 tai 11 numeroa ilman tarkistusnumerovaatimusta. Puuttuva tai virheellinen oppijanumero estää kirjautumisen.
#     sv: Spara ett studentnummer (oppijanumero) för varje användare (även lärarvikarier och utbytesstuderande) i formen 1.2.246.562.24. + 11 siffror, den sista en kontrollsiffra enligt 7-3-1; testkonton får ett teststudentnummer (testioppijanumero) 1.2.246.562.98. + 10 eller 11 siffror, utan krav på kontrollsiffra. Ett saknat eller felaktigt studentnummer hindrar inloggningen.
#     en: Store a learner number for every user (substitute teachers and exchange students too) as 1.2.246.562.24. + 11 digits, the last a 7-3-1 check digit; test accounts get a test learner number 1.2.246.562.98. + 10 or 11 digits, with no check digit required. A missing or malformed number blocks login.
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
reg_03 := lib.result(rego.metadata.chain(), _reg_03)

_reg_03 := sample_gate if {
	sample_gate
} else := _missing_gate(["learner_id"]) if {
	_missing_gate(["learner_id"])
} else := _faulty(
	{"fi": "Virheellisiä oppijanumeroita", "sv": "Felaktiga studentnummer", "en": "Invalid learner numbers"},
	learner_faults,
) if {
	count(learner_faults) > 0
} else := _fine({
	"fi": sprintf("Rivejä %d: oppijanumerot kunnossa; testitunnuksia (1.2.246.562.98.*) %d.", [count(records), count(testing_accounts)]),
	"sv": sprintf("Rader %d: studentnumren är korrekta; testkonton med teststudentnummer (1.2.246.562.98.*) %d.", [count(records), count(testing_accounts)]),
	"en": sprintf("Rows %d: learner numbers valid; test accounts (1.2.246.562.98.*) %d.", [count(records), count(testing_accounts)]),
})

# METADATA
# title: School codes and organisation OIDs valid
# custom:
#   id: EP-REG-04
#   severity: must
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (schoolInfo, educationProviderInfo), Statistics Finland school codes, OPH organisation service OIDs]
#   titles:
#     fi: Oppilaitostunnukset ja organisaatioiden OID-tunnisteet ovat oikeamuotoisia
#     sv: Läroanstaltskoder och organisationernas OID är korrekta
#     en: School codes and organisation OIDs are valid
#   remediation:
#     fi: Käytä toiminnassa olevien oppilaitosten viisinumeroisia oppilaitostunnuksia (Tilastokeskus, OPH:n organisaatiopalvelu) ja organisaatiopalvelun OID-tunnisteita 1.2.246.562.10.* tarkistusnumeroineen.
#     sv: Använd femsiffriga läroanstaltskoder för verksamma läroanstalter (Statistikcentralen, Utbildningsstyrelsens organisationstjänst) och organisationstjänstens OID 1.2.246.562.10.* med kontrollsiffra.
#     en: Use the 5-digit school codes of active schools (Statistics Finland, OPH's organisation service) and the organisation service's OIDs 1.2.246.562.10.* with their check digit.
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
reg_04 := lib.result(rego.metadata.chain(), _reg_04)

_reg_04 := sample_gate if {
	sample_gate
} else := _missing_gate(["school_code"]) if {
	_missing_gate(["school_code"])
} else := _faulty(
	{"fi": "Virheellisiä oppilaitostunnuksia tai OID-tunnisteita", "sv": "Felaktiga läroanstaltskoder eller OID", "en": "Invalid school codes or OIDs"},
	array.concat(school_faults, oid_faults),
) if {
	count(school_faults) + count(oid_faults) > 0
} else := _warned(
	{"fi": "OID-tunnisteen tarkistusnumero väärin", "sv": "Fel kontrollsiffra i OID", "en": "OID check digit wrong"},
	oid_luhn_faults,
) if {
	count(oid_luhn_faults) > 0
} else := _fine({
	"fi": sprintf("Rivejä %d: oppilaitostunnukset ovat viisinumeroisia ja OID-tunnisteet oikein (sitä, ovatko oppilaitokset toiminnassa, ei tarkisteta).", [count(records)]),
	"sv": sprintf("Rader %d: läroanstaltskoderna är femsiffriga och OID korrekta (om läroanstalterna är verksamma kontrolleras inte).", [count(records)]),
	"en": sprintf("Rows %d: school codes have 5 digits and OIDs are valid (whether the schools are active is not checked).", [count(records)]),
})

# METADATA
# title: Roles from the allowed vocabulary
# custom:
#   id: EP-REG-05
#   severity: must
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (role), MPASSid management service (Entra ID customStudentRole, customTeacherRole)]
#   titles:
#     fi: Roolit ovat sallittuja roolinimiä
#     sv: Rollerna har tillåtna rollnamn
#     en: Roles use the allowed role names
#   remediation:
#     fi: "Käytä vain sallittuja roolinimiä (kirjainkoolla ei ole väliä), jotka MPASSid muuntaa koodeiksi: 1 oppija (oppilas, opiskelija, oppija, student, learner, inlärare), 2 opettaja (opettaja, lärare), 3 hallintohenkilö (hallintohenkilö), 4 koulusihteeri (koulusihteeri), 5 sijaisopettaja (sijaisopettaja), 6 rehtori (rehtori). Esimerkiksi teacher, staff, principal, rektor, skolsekreterare ja lärarvikarie eivät ole sallittuja. Entra ID -koulutustoimija voi nimetä omat oppilaan ja opettajan roolinimensä (registry.entra_custom_student_role, registry.entra_custom_teacher_role), kuten MPASSid-hallintapalvelu sallii."
#     sv: "Använd endast tillåtna rollnamn (stora och små bokstäver spelar ingen roll), som MPASSid omvandlar till koderna: 1 inlärare (oppilas, opiskelija, oppija, student, learner, inlärare), 2 lärare (opettaja, lärare), 3 administrativ personal (hallintohenkilö), 4 skolsekreterare (koulusihteeri), 5 lärarvikarie (sijaisopettaja), 6 rektor (rehtori). Till exempel teacher, staff, principal, rektor, skolsekreterare och lärarvikarie är inte tillåtna rollnamn. En utbildningsaktör med Entra ID kan ange egna rollnamn för elever och lärare (registry.entra_custom_student_role, registry.entra_custom_teacher_role), så som administrationstjänsten för MPASSid tillåter."
#     en: "Use only the allowed role names (case does not matter), which MPASSid maps to the codes: 1 learner (oppilas, opiskelija, oppija, student, learner, inlärare), 2 teacher (opettaja, lärare), 3 staff (hallintohenkilö), 4 school secretary (koulusihteeri), 5 substitute teacher (sijaisopettaja), 6 principal (rehtori). For example teacher, staff, principal, rektor, skolsekreterare and lärarvikarie are not allowed. An education provider on Entra ID may name its own student and teacher role names (registry.entra_custom_student_role, registry.entra_custom_teacher_role), as the MPASSid management service allows."
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
#     - path: registry.entra_custom_student_role
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: oma oppilaan roolinimi, jos käytössä (MPASSid-hallintapalvelun customStudentRole; jätä pois, jos ei käytössä)"
#         sv: "Endast Entra ID: eget rollnamn för elever, om det används (customStudentRole i administrationstjänsten för MPASSid; utelämna om det inte används)"
#         en: "Entra ID only: your own student role name, if used (customStudentRole in the MPASSid management service; leave out if not used)"
#     - path: registry.entra_custom_teacher_role
#       type: text
#       optional: true
#       question:
#         fi: "Vain Entra ID: oma opettajan roolinimi, jos käytössä (MPASSid-hallintapalvelun customTeacherRole; jätä pois, jos ei käytössä)"
#         sv: "Endast Entra ID: eget rollnamn för lärare, om det används (customTeacherRole i administrationstjänsten för MPASSid; utelämna om det inte används)"
#         en: "Entra ID only: your own teacher role name, if used (customTeacherRole in the MPASSid management service; leave out if not used)"
reg_05 := lib.result(rego.metadata.chain(), _reg_05)

_reg_05 := lib.fail({
	"fi": sprintf("Sama oma roolinimi %s on annettu sekä oppilaan että opettajan rooliksi (registry.entra_custom_student_role, registry.entra_custom_teacher_role).", [concat(", ", custom_role_clash)]),
	"sv": sprintf("Samma egna rollnamn %s har angetts både för elever och för lärare (registry.entra_custom_student_role, registry.entra_custom_teacher_role).", [concat(", ", custom_role_clash)]),
	"en": sprintf("The same custom role name %s is given as both the student and the teacher role (registry.entra_custom_student_role, registry.entra_custom_teacher_role).", [concat(", ", custom_role_clash)]),
}) if {
	count(custom_role_clash) > 0
} else := sample_gate if {
	sample_gate
} else := _missing_gate(["role"]) if {
	_missing_gate(["role"])
} else := _faulty(
	{"fi": "Virheellisiä rooleja", "sv": "Felaktiga roller", "en": "Invalid roles"},
	role_faults,
) if {
	count(role_faults) > 0
} else := _fine({
	"fi": sprintf("Rivejä %d: roolit ovat sallittuja roolinimiä (%s).", [count(records), _role_names]),
	"sv": sprintf("Rader %d: rollerna har tillåtna rollnamn (%s).", [count(records), _role_names]),
	"en": sprintf("Rows %d: roles use the allowed role names (%s).", [count(records), _role_names]),
})

# METADATA
# title: Multi-valued data consistent with the school codes
# custom:
#   id: EP-REG-06
#   severity: must
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (multi-valued attributes), MPASSid identity-source guides (Entra ID, AD FS, Google)]
#   titles:
#     fi: Moniarvoiset tiedot vastaavat oppilaitostunnuksia
#     sv: Flervärda uppgifter stämmer överens med läroanstaltskoderna
#     en: Multi-valued data is consistent with the school codes
#   remediation:
#     fi: Anna rooli joko kerran kaikille oppilaitostunnuksille tai yksi kutakin oppilaitostunnusta kohden. Anna luokka ja oppimateriaalien maksullisuuskoodi joko ei lainkaan, kerran kaikille tai yksi kutakin oppilaitostunnusta kohden, samassa järjestyksessä kuin oppilaitostunnukset. Erota arvot ;-merkillä (Entra ID, AD FS, Google); mikään arvo ei saa itse sisältää ;-merkkiä.
#     sv: Ange rollen antingen en gång för alla läroanstaltskoder eller en per läroanstaltskod. Ange klassen och avgiftskoden för läromedel antingen inte alls, en gång för alla eller en per läroanstaltskod, i samma ordning som läroanstaltskoderna. Skilj värdena åt med ; (Entra ID, AD FS, Google); inget värde får självt innehålla ;.
#     en: Give the role either once for all school codes or once per school code. Give the class and the learning-materials charge code either not at all, once for all or once per school code, in the same order as the school codes. Separate values with ; (Entra ID, AD FS, Google); no value may itself contain ;.
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
reg_06 := lib.result(rego.metadata.chain(), _reg_06)

_reg_06 := sample_gate if {
	sample_gate
} else := _missing_gate(["school_code", "role", "class", "charge"]) if {
	_missing_gate(["school_code", "role", "class", "charge"])
} else := _faulty(
	{"fi": "Moniarvoiset tiedot eivät vastaa oppilaitostunnuksia", "sv": "Flervärda uppgifter stämmer inte med läroanstaltskoderna", "en": "Multi-valued data inconsistent with the school codes"},
	multi_faults,
) if {
	count(multi_faults) > 0
} else := _fine({
	"fi": sprintf("Rivejä %d: roolien, luokkien ja maksullisuuskoodien määrät vastaavat oppilaitostunnuksia.", [count(records)]),
	"sv": sprintf("Rader %d: antalet roller, klasser och avgiftskoder stämmer med läroanstaltskoderna.", [count(records)]),
	"en": sprintf("Rows %d: the numbers of roles, classes and charge codes match the school codes.", [count(records)]),
})

# METADATA
# title: Class level is an integer 0–10
# custom:
#   id: EP-REG-07
#   severity: should
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (classLevel)]
#   titles:
#     fi: Luokka-aste on kokonaisluku 0–10
#     sv: Årskursen är ett heltal 0–10
#     en: Class level is an integer 0–10
#   remediation:
#     fi: Anna luokka-aste kokonaislukuna 0–10 (0 = esiopetus) vain esi- ja perusopetuksen käyttäjille; jätä se muilta tyhjäksi.
#     sv: Ange årskursen som ett heltal 0–10 (0 = förskoleundervisning) endast för användare inom förskoleundervisning och grundläggande utbildning; lämna den tom för andra.
#     en: Give the class level as an integer 0–10 (0 = pre-primary) only for pre-primary and basic education users; leave it empty for others.
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
reg_07 := lib.result(rego.metadata.chain(), _reg_07)

_reg_07 := sample_gate if {
	sample_gate
} else := _not_sent("class_level", "registry.entra_attribute_class_level", {"fi": "luokka-astetta", "sv": "någon årskurs", "en": "class level"}) if {
	_not_sent("class_level", "registry.entra_attribute_class_level", {"fi": "luokka-astetta", "sv": "någon årskurs", "en": "class level"})
} else := _missing_gate(["class_level"]) if {
	_missing_gate(["class_level"])
} else := _foreign_gate if {
	_foreign_gate
} else := _faulty(
	{"fi": "Virheellisiä luokka-asteita", "sv": "Felaktiga årskurser", "en": "Invalid class levels"},
	class_level_faults,
) if {
	count(class_level_faults) > 0
} else := _fine({
	"fi": sprintf("Luokka-asteet kunnossa (rivejä, joilla luokka-aste: %d).", [count([1 | some rec in records; count(rec.class_levels) > 0])]),
	"sv": sprintf("Årskurserna är korrekta (rader med årskurs: %d).", [count([1 | some rec in records; count(rec.class_levels) > 0])]),
	"en": sprintf("Class levels valid (rows with a class level: %d).", [count([1 | some rec in records; count(rec.class_levels) > 0])]),
})

# METADATA
# title: Learning-materials charge is 0 or 1
# custom:
#   id: EP-REG-08
#   severity: should
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4 (learningMaterialsCharge)]
#   titles:
#     fi: Oppimateriaalien maksullisuuskoodi on 0 tai 1
#     sv: Avgiftskoden för läromedel är 0 eller 1
#     en: Learning-materials charge is 0 or 1
#   remediation:
#     fi: Anna oppimateriaalien maksullisuuskoodi 0 (maksuton) tai 1 (maksullinen) lukiokoulutuksen käyttäjille, yksi kutakin oppilaitostunnusta kohden.
#     sv: Ange avgiftskoden för läromedel 0 (avgiftsfritt) eller 1 (avgiftsbelagt) för användare inom gymnasieutbildningen, en per läroanstaltskod.
#     en: Give the learning-materials charge code 0 (free) or 1 (charged) for upper secondary users, one per school code.
#   answers:
#     - path: registry.type
#     - path: registry.sample_export
#       optional: true
reg_08 := lib.result(rego.metadata.chain(), _reg_08)

_reg_08 := sample_gate if {
	sample_gate
} else := _not_sent("charge", "registry.entra_attribute_materials_charge", {"fi": "oppimateriaalien maksullisuuskoodia", "sv": "någon avgiftskod för läromedel", "en": "learning-materials charge code"}) if {
	_not_sent("charge", "registry.entra_attribute_materials_charge", {"fi": "oppimateriaalien maksullisuuskoodia", "sv": "någon avgiftskod för läromedel", "en": "learning-materials charge code"})
} else := _missing_gate(["charge"]) if {
	_missing_gate(["charge"])
} else := _foreign_gate if {
	_foreign_gate
} else := _faulty(
	{"fi": "Virheellisiä maksullisuuskoodeja", "sv": "Felaktiga avgiftskoder", "en": "Invalid charge codes"},
	charge_faults,
) if {
	count(charge_faults) > 0
} else := _fine({
	"fi": sprintf("Maksullisuuskoodit kunnossa (rivejä, joilla koodi: %d).", [count([1 | some rec in records; count(rec.charges) > 0])]),
	"sv": sprintf("Avgiftskoderna är korrekta (rader med kod: %d).", [count([1 | some rec in records; count(rec.charges) > 0])]),
	"en": sprintf("Charge codes valid (rows with a code: %d).", [count([1 | some rec in records; count(rec.charges) > 0])]),
})

# METADATA
# title: Sample export validates against data model 1.4
# custom:
#   id: EP-REG-09
#   severity: must
#   applies_to: [education-provider]
#   evidence: sample
#   references: [MPASSid data model 1.4, MPASSid attribute checks]
#   titles:
#     fi: Otos testikäyttäjistä on tietomallin 1.4 mukainen
#     sv: Urvalet av testanvändare följer datamodell 1.4
#     en: A sample export of test users validates against data model 1.4
#   remediation:
#     fi: "Vie käyttäjähakemistosta otos pseudonymisoiduista testikäyttäjistä sellaisena kuin hakemisto sen MPASSidille luovuttaa (CSV otsikkorivillä, JSON tai testiympäristössä tallennettu SAML-vastaus) ja korjaa jokainen raportoitu rivi, kenttä ja arvo. Sarakkeiden nimet ovat niiden attribuuttien nimet, jotka hakemisto lähettää: AD FS, Google ja muut oletusnimin, otsikkorivi firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge (sarake voi olla tyhjä, mutta sen on oltava otoksessa); Entra ID: vastauksissa registry.entra_attribute_* nimetyt Graph-attribuutit, esim. id,givenName,surname,extension_<sovellus>_learnerId,extension_<sovellus>_schoolCode,jobTitle; SAML-vastaus: tietomallin 1.4 attribuuttien nimet (urn:mpass.id:uid, urn:oid:1.3.6.1.4.1.16161.1.1.27, urn:mpass.id:schoolInfo, urn:mpass.id:role …). Moniarvoiset arvot ;-eroteltuina. Sarake, jota tarkistus ei tunne (esim. luokka-aste), ei koskaan läpäise tarkistusta: tarkistukset, jotka lukevat puuttuvaa saraketta, ovat tilassa ei voitu tarkistaa."
#     sv: "Exportera ett urval av pseudonymiserade testanvändare ur användarregistret så som registret lämnar ut dem till MPASSid (CSV med rubrikrad, JSON eller ett SAML-svar sparat i testmiljön) och rätta varje rapporterad rad, fält och värde. Kolumnerna heter som de attribut registret skickar: AD FS, Google och övriga med standardnamnen, rubrikraden firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge (en kolumn får vara tom men ska finnas i urvalet); Entra ID: de Graph-attribut som anges i svaren registry.entra_attribute_*, t.ex. id,givenName,surname,extension_<app>_learnerId,extension_<app>_schoolCode,jobTitle; SAML-svar: attributnamnen i datamodell 1.4 (urn:mpass.id:uid, urn:oid:1.3.6.1.4.1.16161.1.1.27, urn:mpass.id:schoolInfo, urn:mpass.id:role …). Flera värden åtskilda med ;. En kolumn som kontrollerna inte känner till (t.ex. luokka-aste) räknas aldrig som uppfylld: kontroller som läser en kolumn som saknas kunde inte kontrolleras."
#     en: "Export a sample of pseudonymous test users from the user registry as the registry releases them to MPASSid (CSV with a header row, JSON, or a SAML response captured in the test environment) and fix every row, field and value reported. The columns are the names of the attributes the registry sends: AD FS, Google and the others the default names, header row firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge (a column may be empty but must be in the sample); Entra ID the Graph attributes named in the answers registry.entra_attribute_*, e.g. id,givenName,surname,extension_<app>_learnerId,extension_<app>_schoolCode,jobTitle; a SAML response the data model 1.4 attribute names (urn:mpass.id:uid, urn:oid:1.3.6.1.4.1.16161.1.1.27, urn:mpass.id:schoolInfo, urn:mpass.id:role …). Multiple values ;-separated. A column the checks do not know (e.g. luokka-aste) never passes: the checks that read a missing column could not be checked."
#   answers:
#     - path: registry.type
#     - path: registry.entra_custom_student_role
#       optional: true
#     - path: registry.entra_custom_teacher_role
#       optional: true
#     - path: registry.sample_export
#       type: file
#       probe: sample
#       question:
#         fi: "Otos pseudonymisoiduista testikäyttäjistä sellaisena kuin käyttäjähakemisto sen MPASSidille luovuttaa (CSV otsikkorivillä, JSON tai SAML-vastaus; polku suhteessa tähän tiedostoon). CSV-otsikkorivi AD FS:ssä, Googlessa ja muissa: firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge; Entra ID: registry.entra_attribute_* -vastausten Graph-attribuutit (esim. id,givenName,surname,extension_<sovellus>_learnerId,extension_<sovellus>_schoolCode,jobTitle); moniarvoiset arvot ;-eroteltuina. Lisätietoja: mpassaudit catalog show EP-REG-09"
#         sv: "Urval av pseudonymiserade testanvändare så som användarregistret lämnar ut dem till MPASSid (CSV med rubrikrad, JSON eller SAML-svar; sökväg i förhållande till denna fil). CSV-rubrikrad för AD FS, Google och övriga: firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge; Entra ID: Graph-attributen i svaren registry.entra_attribute_* (t.ex. id,givenName,surname,extension_<app>_learnerId,extension_<app>_schoolCode,jobTitle); flera värden åtskilda med ;. Mer: mpassaudit catalog show EP-REG-09"
#         en: "A sample of pseudonymous test users as the user registry releases them to MPASSid (CSV with a header row, JSON, or a SAML response; path relative to this file). CSV header for AD FS, Google and the others: firstName,surname,nickName,mpassUserIdentity,learnerId,schoolCode,class,classLevel,userRole,learningMaterialsCharge; Entra ID: the Graph attributes of the answers registry.entra_attribute_* (e.g. id,givenName,surname,extension_<app>_learnerId,extension_<app>_schoolCode,jobTitle); multiple values ;-separated. More: mpassaudit catalog show EP-REG-09"
reg_09 := lib.result(rego.metadata.chain(), _reg_09)

# must_faults: a missing column is named once, not as a fault of every row.
must_faults := [f |
	some f in _by_row(array.concat(
		array.concat(structure_faults, learner_faults),
		array.concat(array.concat(school_faults, oid_faults), array.concat(role_faults, multi_faults)),
	))
	_not_of_missing_column(f)
]

_not_of_missing_column(f) if f.row == 0

_not_of_missing_column(f) if not f.field in missing_columns(_key_order)

should_faults := _by_row(array.concat(oid_luhn_faults, array.concat(class_level_faults, charge_faults)))

# _by_row orders faults by row, keeping the order within a row.
_by_row(faults) := [faults[k[1]] | some k in sort([[f.row, i] | some i, f in faults])]

_reg_09 := sample_gate if {
	sample_gate
} else := lib.fail_with(
	{lang: concat("", [v.message[lang], _columns_note(lang)]) | some lang in ["fi", "sv", "en"]},
	v.evidence,
) if {
	count(missing_columns(_key_order)) > 0
	v := _faulty(
		{"fi": "Otos ei ole tietomallin 1.4 mukainen", "sv": "Urvalet följer inte datamodell 1.4", "en": "The sample does not validate against data model 1.4"},
		must_faults,
	)
} else := _with_note(_faulty(
	{"fi": "Otos ei ole tietomallin 1.4 mukainen", "sv": "Urvalet följer inte datamodell 1.4", "en": "The sample does not validate against data model 1.4"},
	must_faults,
)) if {
	count(must_faults) > 0
} else := _with_note(_warned(
	{"fi": "Otos on tietomallin 1.4 mukainen, mutta siinä on suositusten vastaisia arvoja", "sv": "Urvalet följer datamodell 1.4 men har värden som strider mot rekommendationerna", "en": "The sample validates against data model 1.4 but has values against the recommendations"},
	should_faults,
)) if {
	count(should_faults) > 0
} else := _with_note(_fine({
	"fi": sprintf("Tarkistettu attribuutti kerrallaan tietomallin 1.4 mukaan, rivejä %d: ei virheitä (testitunnuksia %d).", [count(records), count(testing_accounts)]),
	"sv": sprintf("Granskat attribut för attribut enligt datamodell 1.4, rader %d: inga fel (testkonton %d).", [count(records), count(testing_accounts)]),
	"en": sprintf("Checked attribute by attribute against data model 1.4, rows %d: no faults (%d test accounts).", [count(records), count(testing_accounts)]),
}))

# _with_note adds the columns no check reads to an EP-REG-09 verdict.
_with_note(v) := object.union(v, {"message": {lang: concat("", [v.message[lang], _unread_note(lang)]) | some lang in ["fi", "sv", "en"]}})
