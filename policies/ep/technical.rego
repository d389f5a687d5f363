# METADATA
# title: Identity source, technical (education providers)
# description: |
#   EP-TECH-01..05 are `must` for the registry type they name (registry.type)
#   and not_applicable for the others; their type-specific answers are
#   optional in the questionnaire, and these rules report them as unanswered
#   when the type matches. EP-TECH-06 judges every TLS endpoint probed.
# custom:
#   area: technical
package mpassaudit.requirements.ep.technical

import data.mpassaudit.lib
import data.mpassaudit.lib.ep

# Wilma must be at least this version for the MPASSid integration.
wilma_min_version := "2.21d"

# Entra ID client secret: fail with this many days left or fewer, warn with 30.
secret_fail_days := 7

secret_warn_days := 30

# Graph application permissions MPASSid needs (exact, case-sensitive names).
graph_permissions := ["Directory.Read.All", "User.Read"]

# Signing certificate: valid this many calendar months from the audit's time
# (MPASSid management service; lib.valid_for_months, as SP-SAML-03 and -10).
cert_min_months := 6

# RSA keys of at least this many bits.
rsa_min_bits := 2048

# TLS certificates: warn with fewer days left.
tls_warn_days := 30

# Answers whose http probe is a login page (HSTS expected).
login_pages := {"registry.wilma_url"}

_type := lib.answer("registry.type")

# not_this_type is the verdict of a type-specific rule for another registry type.
not_this_type(t) := lib.not_applicable({
	"fi": sprintf("Koskee vain käyttäjähakemistoa %s; ilmoitettu tyyppi on %s.", [ep.type_names[t].fi, ep.type_names[_type].fi]),
	"sv": sprintf("Gäller endast användarregistret %s; angiven typ är %s.", [ep.type_names[t].sv, ep.type_names[_type].sv]),
	"en": sprintf("Applies only to a %s user registry; the type given is %s.", [ep.type_names[t].en, ep.type_names[_type].en]),
}) if {
	lib.answered("registry.type")
} else := lib.not_applicable({
	"fi": sprintf("Koskee vain käyttäjähakemistoa %s; käyttäjähakemiston tyyppi puuttuu (EP-REG-01).", [ep.type_names[t].fi]),
	"sv": sprintf("Gäller endast användarregistret %s; användarregistrets typ saknas (EP-REG-01).", [ep.type_names[t].sv]),
	"en": sprintf("Applies only to a %s user registry; the registry type is not answered (EP-REG-01).", [ep.type_names[t].en]),
})

# METADATA
# title: Wilma version, MPASS settings and https
# custom:
#   id: EP-TECH-01
#   severity: must
#   applies_to: [education-provider]
#   evidence: probe
#   references: [MPASSid identity-source guide for Wilma]
#   titles:
#     fi: Wilman versio, MPASS-asetukset ja https
#     sv: Wilmas version, MPASS-inställningar och https
#     en: Wilma version, MPASS settings and https
#   remediation:
#     fi: Päivitä Wilma vähintään versioon 2.21d, aseta Wilman asetuksiin [MPASS]-osioon Authentication=1 ja Search=1 ja varmista, että Wilman osoite toimii https-yhteydellä voimassa olevalla varmenteella.
#     sv: Uppdatera Wilma till minst version 2.21d, ange Authentication=1 och Search=1 i avsnittet [MPASS] i Wilmas inställningar och se till att Wilmas adress svarar över https med ett giltigt certifikat.
#     en: Upgrade Wilma to version 2.21d or later, set Authentication=1 and Search=1 in the [MPASS] section of Wilma's settings, and make sure Wilma's address serves https with a valid certificate.
#   answers:
#     - path: registry.type
#     - path: registry.wilma_url
#       optional: true
#     - path: registry.wilma_version
#       optional: true
#     - path: registry.wilma_mpass_authentication
#       type: bool
#       optional: true
#       question:
#         fi: "Vain Wilma: onko Wilman asetusten [MPASS]-osiossa Authentication=1?"
#         sv: "Endast Wilma: är Authentication=1 i avsnittet [MPASS] i Wilmas inställningar?"
#         en: "Wilma only: is Authentication=1 set in the [MPASS] section of Wilma's settings?"
#     - path: registry.wilma_mpass_search
#       type: bool
#       optional: true
#       question:
#         fi: "Vain Wilma: onko Wilman asetusten [MPASS]-osiossa Search=1?"
#         sv: "Endast Wilma: är Search=1 i avsnittet [MPASS] i Wilmas inställningar?"
#         en: "Wilma only: is Search=1 set in the [MPASS] section of Wilma's settings?"
tech_01 := lib.result(rego.metadata.chain(), _tech_01)

_wilma_fields := ["registry.wilma_url", "registry.wilma_version", "registry.wilma_mpass_authentication", "registry.wilma_mpass_search"]

_tech_01 := not_this_type("wilma") if {
	_type != "wilma"
} else := lib.unanswered(ep.missing(_wilma_fields)) if {
	count(ep.missing(_wilma_fields)) > 0
} else := lib.fail(ep.reasons(_wilma_answer_faults)) if {
	count(_wilma_answer_faults) > 0
} else := _wilma_live(lib.answer("registry.wilma_url"))

_wilma_answer_faults := array.concat(
	[r |
		v := lib.answer("registry.wilma_version")
		not version_wellformed(v)
		r := {
			"fi": sprintf("Wilman versio %q ei ole versionumero (esim. 2.21d).", [v]),
			"sv": sprintf("Wilmas version %q är inget versionsnummer (t.ex. 2.21d).", [v]),
			"en": sprintf("Wilma version %q is not a version number (e.g. 2.21d).", [v]),
		}
	],
	array.concat(
		[r |
			v := lib.answer("registry.wilma_version")
			version_wellformed(v)
			not version_at_least(v, wilma_min_version)
			r := {
				"fi": sprintf("Wilman versio %s on vanhempi kuin vaadittu %s.", [v, wilma_min_version]),
				"sv": sprintf("Wilmas version %s är äldre än den krävda %s.", [v, wilma_min_version]),
				"en": sprintf("Wilma version %s is older than the required %s.", [v, wilma_min_version]),
			}
		],
		[r |
			some [path, key] in [["registry.wilma_mpass_authentication", "Authentication"], ["registry.wilma_mpass_search", "Search"]]
			lib.answer(path) != true
			r := {
				"fi": sprintf("Wilman [MPASS]-asetus %s=1 puuttuu.", [key]),
				"sv": sprintf("Inställningen %s=1 saknas i Wilmas avsnitt [MPASS].", [key]),
				"en": sprintf("Wilma's [MPASS] setting %s=1 is missing.", [key]),
			}
		],
	),
)

# _wilma_live judges the Wilma address from its http and TLS probes.
_wilma_live(url) := lib.not_probed(url) if {
	not lib.probe("registry.wilma_url")
} else := lib.probe_failed(p) if {
	p := lib.probe("registry.wilma_url")
	p.status == "error"
} else := lib.fail_with(
	{
		"fi": sprintf("Wilman osoite %s ei vastaa https-yhteydellä (HTTP %v, lopullinen osoite %s).", [url, p.status_code, p.final_url]),
		"sv": sprintf("Wilmas adress %s svarar inte över https (HTTP %v, slutlig adress %s).", [url, p.status_code, p.final_url]),
		"en": sprintf("Wilma's address %s does not answer over https (HTTP %v, final address %s).", [url, p.status_code, p.final_url]),
	},
	[lib.probe_evidence(p)],
) if {
	p := lib.probe("registry.wilma_url")
	not _https_ok(p)
} else := lib.not_probed(host_port(url)) if {
	not tls_for(url)
} else := lib.probe_failed(t) if {
	t := tls_for(url)
	t.status == "error"
} else := lib.fail_with(ep.reasons(cert_faults(host_port(url), t)), [lib.probe_evidence(lib.probe("registry.wilma_url")), lib.probe_evidence(t)]) if {
	t := tls_for(url)
	count(cert_faults(host_port(url), t)) > 0
} else := lib.pass_with(
	{
		"fi": sprintf("Wilma %s; [MPASS] Authentication=1, Search=1; %s vastaa https-yhteydellä voimassa olevalla varmenteella.", [lib.answer("registry.wilma_version"), url]),
		"sv": sprintf("Wilma %s; [MPASS] Authentication=1, Search=1; %s svarar över https med ett giltigt certifikat.", [lib.answer("registry.wilma_version"), url]),
		"en": sprintf("Wilma %s; [MPASS] Authentication=1, Search=1; %s serves https with a valid certificate.", [lib.answer("registry.wilma_version"), url]),
	},
	[lib.probe_evidence(lib.probe("registry.wilma_url")), lib.probe_evidence(tls_for(url))],
)

_https_ok(p) if {
	p.status_code >= 200
	p.status_code < 300
	p.https == true
	startswith(lower(p.final_url), "https://")
}

# host_port is the "host:port" key of a URL's TLS probe result (port 443
# unless the URL names one).
host_port(url) := sprintf("%s:%s", [lower(m[1]), _port(m[2])]) if {
	m := regex.find_all_string_submatch_n(`^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/@?#]*@)?([^/:?#]+)(?::([0-9]+))?`, url, 1)[0]
}

# tls_for is the TLS probe result of a URL's host (host names compared
# case-insensitively, as DNS does).
tls_for(url) := t if {
	some key, t in object.get(input, ["probes", "tls"], {})
	lower(key) == host_port(url)
}

_port("") := "443"

_port(p) := p if p != ""

# version_wellformed: dot-separated numbers, each optionally followed by
# letters (2.21d, 3.0, 2.22a).
version_wellformed(v) if regex.match(`^[0-9]+[a-z]*(\.[0-9]+[a-z]*)*$`, _norm_version(v))

_norm_version(v) := trim_prefix(trim_space(lower(v)), "wilma ")

# version_at_least compares versions part by part: numbers numerically, then
# the letter suffix ("" before "a"), so 2.21 < 2.21d < 2.22a < 3.0.
version_at_least(v, min) if {
	a := _version_key(v)
	b := _version_key(min)
	n := max([count(a), count(b)])
	_pad(a, n) >= _pad(b, n)
}

_version_key(v) := [[to_number(m[1]), m[2]] |
	some part in split(_norm_version(v), ".")
	m := regex.find_all_string_submatch_n(`^([0-9]+)([a-z]*)$`, part, 1)[0]
]

_pad(k, n) := array.concat(k, [[0, ""] | some i in numbers.range(0, n - 1); i >= count(k)])

# cert_faults lists what fails in one TLS probe result: old protocol
# versions, an invalid chain, a host name mismatch, an expired certificate.
cert_faults(key, t) := array.concat(
	[r |
		some v in ["1.0", "1.1"]
		object.get(t, ["versions", v], false) == true
		not v in object.get(t, "client_limited", [])
		r := {
			"fi": sprintf("%s tarjoaa vanhentunutta TLS %s -protokollaa.", [key, v]),
			"sv": sprintf("%s erbjuder det föråldrade protokollet TLS %s.", [key, v]),
			"en": sprintf("%s offers the outdated protocol TLS %s.", [key, v]),
		}
	],
	array.concat(
		[r |
			object.get(t, ["versions", "1.2"], false) != true
			object.get(t, ["versions", "1.3"], false) != true
			r := {
				"fi": sprintf("%s ei tarjoa TLS 1.2:ta eikä 1.3:a.", [key]),
				"sv": sprintf("%s erbjuder varken TLS 1.2 eller 1.3.", [key]),
				"en": sprintf("%s offers neither TLS 1.2 nor 1.3.", [key]),
			}
		],
		array.concat(
			[r |
				t.chain_valid == false
				r := {
					"fi": sprintf("%s: varmenneketju ei ole luotettu (%s).", [key, object.get(t, "chain_error", "")]),
					"sv": sprintf("%s: certifikatkedjan är inte betrodd (%s).", [key, object.get(t, "chain_error", "")]),
					"en": sprintf("%s: the certificate chain is not trusted (%s).", [key, object.get(t, "chain_error", "")]),
				}
			],
			array.concat(
				[r |
					t.hostname_match == false
					r := {
						"fi": sprintf("%s: varmenne ei ole tälle palvelinnimelle.", [key]),
						"sv": sprintf("%s: certifikatet gäller inte detta värdnamn.", [key]),
						"en": sprintf("%s: the certificate does not match the host name.", [key]),
					}
				],
				[r |
					is_number(t.days_left)
					t.days_left < 0
					r := {
						"fi": sprintf("%s: varmenne on vanhentunut (%s).", [key, object.get(t, "not_after", "")]),
						"sv": sprintf("%s: certifikatet har gått ut (%s).", [key, object.get(t, "not_after", "")]),
						"en": sprintf("%s: the certificate has expired (%s).", [key, object.get(t, "not_after", "")]),
					}
				],
			),
		),
	),
)

# METADATA
# title: Entra ID client secret, Graph permissions and attribute names
# custom:
#   id: EP-TECH-02
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid identity-source guide for Entra ID]
#   titles:
#     fi: Entra ID -sovelluksen salaisuus, Graph-oikeudet ja attribuuttien nimet
#     sv: Entra ID-programmets hemlighet, Graph-behörigheter och attributnamn
#     en: Entra ID client secret, Graph permissions and attribute names
#   remediation:
#     fi: Luo sovellukselle uusi salaisuus hyvissä ajoin ennen vanhan vanhenemista ja toimita se MPASSid-operaattorille; anna sovellukselle Graph-sovellusoikeudet Directory.Read.All ja User.Read ja järjestelmänvalvojan hyväksyntä (admin consent); kirjoita attribuuttien nimet täsmälleen kuten Graphissa (isot ja pienet kirjaimet).
#     sv: Skapa en ny hemlighet för programmet i god tid innan den gamla går ut och leverera den till MPASSid-operatören; ge programmet Graph-programbehörigheterna Directory.Read.All och User.Read med administratörsmedgivande (admin consent); skriv attributnamnen exakt som i Graph (stora och små bokstäver).
#     en: Create a new client secret well before the old one expires and send it to the MPASSid operator; give the application the Graph application permissions Directory.Read.All and User.Read with admin consent; write the attribute names exactly as in Graph (case-sensitive).
#   answers:
#     - path: registry.type
#     - path: registry.entra_client_secret_expires
#       optional: true
#     - path: registry.entra_graph_permissions
#       type: text
#       list: true
#       optional: true
#       question:
#         fi: "Vain Entra ID: MPASSid-sovellukselle myönnetyt Microsoft Graph -sovellusoikeudet"
#         sv: "Endast Entra ID: Microsoft Graph-programbehörigheter som beviljats MPASSid-programmet"
#         en: "Entra ID only: the Microsoft Graph application permissions granted to the MPASSid application"
#     - path: registry.entra_admin_consent
#       type: bool
#       optional: true
#       question:
#         fi: "Vain Entra ID: onko oikeuksille annettu järjestelmänvalvojan hyväksyntä (admin consent)?"
#         sv: "Endast Entra ID: har behörigheterna fått administratörsmedgivande (admin consent)?"
#         en: "Entra ID only: have the permissions been granted admin consent?"
#     - path: registry.entra_attribute_user_id
#       optional: true
#     - path: registry.entra_attribute_learner_id
#       optional: true
#     - path: registry.entra_attribute_school_code
#       optional: true
#     - path: registry.entra_attribute_role
#       optional: true
#     - path: registry.entra_attribute_class
#       optional: true
#     - path: registry.entra_attribute_class_level
#       optional: true
#     - path: registry.entra_attribute_materials_charge
#       optional: true
tech_02 := lib.result(rego.metadata.chain(), _tech_02)

_entra_fields := ["registry.entra_client_secret_expires", "registry.entra_graph_permissions", "registry.entra_admin_consent"]

# entra_attributes: the answers naming the Graph attributes of the member's mapping.
entra_attributes := [
	"registry.entra_attribute_user_id",
	"registry.entra_attribute_learner_id",
	"registry.entra_attribute_school_code",
	"registry.entra_attribute_role",
	"registry.entra_attribute_class",
	"registry.entra_attribute_class_level",
	"registry.entra_attribute_materials_charge",
]

_secret_days := lib.days_until(lib.answer("registry.entra_client_secret_expires"))

_tech_02 := not_this_type("entra") if {
	_type != "entra"
} else := lib.unanswered(ep.missing(_entra_fields)) if {
	count(ep.missing(_entra_fields)) > 0
} else := lib.fail(ep.reasons(_entra_faults)) if {
	count(_entra_faults) > 0
} else := lib.warn({
	"fi": sprintf("Sovelluksen salaisuus vanhenee %s, %d päivän kuluttua: luo uusi ja toimita se operaattorille.", [lib.answer("registry.entra_client_secret_expires"), _secret_days]),
	"sv": sprintf("Programmets hemlighet går ut %s, om %d dagar: skapa en ny och leverera den till operatören.", [lib.answer("registry.entra_client_secret_expires"), _secret_days]),
	"en": sprintf("The client secret expires on %s, in %d days: create a new one and send it to the operator.", [lib.answer("registry.entra_client_secret_expires"), _secret_days]),
}) if {
	_secret_days <= secret_warn_days
} else := lib.pass({
	"fi": sprintf("Sovelluksen salaisuus on voimassa %s asti (%d päivää); Graph-oikeuksille %s on annettu järjestelmänvalvojan hyväksyntä; attribuuttien nimet ovat kelvollisia.", [lib.answer("registry.entra_client_secret_expires"), _secret_days, concat(" ja ", graph_permissions)]),
	"sv": sprintf("Programmets hemlighet gäller till %s (%d dagar); Graph-behörigheterna %s har administratörsmedgivande; attributnamnen är giltiga.", [lib.answer("registry.entra_client_secret_expires"), _secret_days, concat(" och ", graph_permissions)]),
	"en": sprintf("The client secret is valid until %s (%d days); the Graph permissions %s have admin consent; the attribute names are valid.", [lib.answer("registry.entra_client_secret_expires"), _secret_days, concat(" and ", graph_permissions)]),
})

_entra_faults := array.concat(
	array.concat(_secret_faults, _permission_faults),
	array.concat(_consent_faults, _attribute_name_faults),
)

_secret_faults := array.concat(
	[r |
		d := lib.answer("registry.entra_client_secret_expires")
		_secret_days < 0
		r := {
			"fi": sprintf("Sovelluksen salaisuus on vanhentunut (%s).", [d]),
			"sv": sprintf("Programmets hemlighet har gått ut (%s).", [d]),
			"en": sprintf("The client secret has expired (%s).", [d]),
		}
	],
	[r |
		d := lib.answer("registry.entra_client_secret_expires")
		_secret_days >= 0
		_secret_days <= secret_fail_days
		r := {
			"fi": sprintf("Sovelluksen salaisuus vanhenee %s, jo %d päivän kuluttua: voimassaoloa on oltava yli %d päivää.", [d, _secret_days, secret_fail_days]),
			"sv": sprintf("Programmets hemlighet går ut %s, redan om %d dagar: den ska gälla i mer än %d dagar.", [d, _secret_days, secret_fail_days]),
			"en": sprintf("The client secret expires on %s, in only %d days: it must be valid for more than %d days.", [d, _secret_days, secret_fail_days]),
		}
	],
)

_permission_faults := [r |
	some want in graph_permissions
	not want in lib.answer("registry.entra_graph_permissions")
	r := _permission_fault(want)
]

_permission_fault(want) := {
	"fi": sprintf("Graph-oikeus %s on kirjoitettu muodossa %s: nimet ovat kirjainkoosta riippuvia.", [want, got]),
	"sv": sprintf("Graph-behörigheten %s är skriven som %s: namnen skiljer på stora och små bokstäver.", [want, got]),
	"en": sprintf("Graph permission %s is written as %s: the names are case-sensitive.", [want, got]),
} if {
	some got in lib.answer("registry.entra_graph_permissions")
	lower(got) == lower(want)
} else := {
	"fi": sprintf("Graph-oikeus %s puuttuu.", [want]),
	"sv": sprintf("Graph-behörigheten %s saknas.", [want]),
	"en": sprintf("Graph permission %s is missing.", [want]),
}

_consent_faults := [{
	"fi": "Graph-oikeuksille ei ole annettu järjestelmänvalvojan hyväksyntää (admin consent).",
	"sv": "Graph-behörigheterna saknar administratörsmedgivande (admin consent).",
	"en": "The Graph permissions lack admin consent.",
} |
	lib.answer("registry.entra_admin_consent") != true
]

# Graph attribute names: letters, digits and _ (extension_<app id>_name),
# optionally dotted (onPremisesExtensionAttributes.extensionAttribute1).
_graph_name := `^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`

_attribute_name_faults := array.concat(
	[r |
		some path in entra_attributes
		name := lib.answer(path)
		name != null
		not regex.match(_graph_name, name)
		r := {
			"fi": sprintf("%s = %q ei ole Graph-attribuutin nimi (ei välilyöntejä, täsmälleen kuten Graphissa).", [path, name]),
			"sv": sprintf("%s = %q är inget namn på ett Graph-attribut (inga mellanslag, exakt som i Graph).", [path, name]),
			"en": sprintf("%s = %q is not a Graph attribute name (no spaces, exactly as in Graph).", [path, name]),
		}
	],
	[r |
		some path in entra_attributes
		name := lib.answer(path)
		name != null
		not name in _sample_columns
		some col in _sample_columns
		lower(col) == lower(name)
		r := {
			"fi": sprintf("%s = %q, mutta otoksen sarake on %q: attribuuttien nimet ovat kirjainkoosta riippuvia.", [path, name, col]),
			"sv": sprintf("%s = %q, men kolumnen i urvalet är %q: attributnamnen skiljer på stora och små bokstäver.", [path, name, col]),
			"en": sprintf("%s = %q but the sample's column is %q: attribute names are case-sensitive.", [path, name, col]),
		}
	],
)

# The column names of the sample export, when it was probed.
_sample_columns := {name |
	p := lib.probe("registry.sample_export")
	p.status == "ok"
	some row in p.rows
	some name, _ in row.fields
}

# METADATA
# title: AD FS relying party and signing certificate
# custom:
#   id: EP-TECH-03
#   severity: must
#   applies_to: [education-provider]
#   evidence: probe
#   references: [MPASSid identity-source guide for AD FS, MPASSid management service certificate rules]
#   titles:
#     fi: AD FS:n luottava osapuoli ja allekirjoitusvarmenne
#     sv: Förlitande part och signeringscertifikat i AD FS
#     en: AD FS relying party and signing certificate
#   remediation:
#     fi: Määritä MPASSidin luottava osapuoli (relying party) salaamaan väitteet ja vaatimaan allekirjoitetut pyynnöt, pidä FederationMetadata.xml saatavilla ja vaihda allekirjoitusvarmenne (RSA vähintään 2048 bittiä) ennen kuin sen voimassaoloa on jäljellä alle 6 kuukautta.
#     sv: Konfigurera den förlitande parten (relying party) för MPASSid att kryptera anspråken och kräva signerade begäranden, håll FederationMetadata.xml tillgänglig och byt signeringscertifikatet (RSA minst 2048 bitar) innan mindre än 6 månader av giltighetstiden återstår.
#     en: Configure the MPASSid relying party to encrypt claims and require signed requests, keep FederationMetadata.xml reachable, and renew the signing certificate (RSA, 2048 bits or more) before less than 6 months of validity remain.
#   answers:
#     - path: registry.type
#     - path: registry.federation_metadata
#       optional: true
#     - path: registry.adfs_encrypted_claims
#       type: bool
#       optional: true
#       question:
#         fi: "Vain AD FS: salataanko MPASSidin luottavalle osapuolelle (relying party) lähtevät väitteet?"
#         sv: "Endast AD FS: krypteras anspråken till den förlitande parten (relying party) för MPASSid?"
#         en: "AD FS only: are the claims to the MPASSid relying party encrypted?"
#     - path: registry.adfs_signed_requests
#       type: bool
#       optional: true
#       question:
#         fi: "Vain AD FS: vaatiiko MPASSidin luottava osapuoli allekirjoitetut pyynnöt?"
#         sv: "Endast AD FS: kräver den förlitande parten för MPASSid signerade begäranden?"
#         en: "AD FS only: does the MPASSid relying party require signed requests?"
tech_03 := lib.result(rego.metadata.chain(), _tech_03)

_adfs_fields := ["registry.federation_metadata", "registry.adfs_encrypted_claims", "registry.adfs_signed_requests"]

# What the probed metadata shows is decided first: an expired or weak
# signing certificate fails whatever the AD FS answers say.
_tech_03 := not_this_type("adfs") if {
	_type != "adfs"
} else := metadata_verdict if {
	metadata_verdict.status in {"fail", "error"}
} else := lib.unanswered(ep.missing(_adfs_fields)) if {
	count(ep.missing(_adfs_fields)) > 0
} else := lib.fail(ep.reasons(_adfs_faults)) if {
	count(_adfs_faults) > 0
} else := metadata_verdict

_adfs_faults := [r |
	some [path, r] in [
		[
			"registry.adfs_encrypted_claims",
			{
				"fi": "Luottavalle osapuolelle lähteviä väitteitä ei salata.",
				"sv": "Anspråken till den förlitande parten krypteras inte.",
				"en": "Claims to the relying party are not encrypted.",
			},
		],
		[
			"registry.adfs_signed_requests",
			{
				"fi": "Luottava osapuoli ei vaadi allekirjoitettuja pyyntöjä.",
				"sv": "Den förlitande parten kräver inte signerade begäranden.",
				"en": "The relying party does not require signed requests.",
			},
		],
	]
	lib.answer(path) != true
]

# METADATA
# title: Google Workspace SAML metadata and certificate
# custom:
#   id: EP-TECH-04
#   severity: must
#   applies_to: [education-provider]
#   evidence: probe
#   references: [MPASSid identity-source guide for Google, MPASSid management service certificate rules]
#   titles:
#     fi: Google Workspacen SAML-metatiedot ja varmenne
#     sv: SAML-metadata och certifikat för Google Workspace
#     en: Google Workspace SAML metadata and certificate
#   remediation:
#     fi: Anna Google Workspacen SAML-sovelluksen metatiedot (osoite tai ladattu tiedosto) ja vaihda allekirjoitusvarmenne (RSA vähintään 2048 bittiä) ennen kuin sen voimassaoloa on jäljellä alle 6 kuukautta.
#     sv: Ange metadata för SAML-appen i Google Workspace (adress eller nedladdad fil) och byt signeringscertifikatet (RSA minst 2048 bitar) innan mindre än 6 månader av giltighetstiden återstår.
#     en: Give the Google Workspace SAML app's metadata (address or downloaded file) and renew the signing certificate (RSA, 2048 bits or more) before less than 6 months of validity remain.
#   answers:
#     - path: registry.type
#     - path: registry.federation_metadata
#       optional: true
tech_04 := lib.result(rego.metadata.chain(), _tech_04)

_tech_04 := not_this_type("google") if {
	_type != "google"
} else := lib.unanswered(["registry.federation_metadata"]) if {
	not lib.answered("registry.federation_metadata")
} else := metadata_verdict

# metadata_verdict judges the identity provider's SAML metadata probe:
# reachable, an IdP descriptor, and its signing certificates.
metadata_verdict := lib.not_probed(lib.answer("registry.federation_metadata")) if {
	not lib.probe("registry.federation_metadata")
} else := lib.probe_failed(p) if {
	p := lib.probe("registry.federation_metadata")
	p.status == "error"
} else := cert_verdict(lib.probe("registry.federation_metadata"))

# cert_verdict: the IdP descriptor has signing certificates with RSA keys of
# at least rsa_min_bits; fail when all have expired, warn when an expired one
# is still published or the newest is valid for less than cert_min_months.
cert_verdict(p) := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole tunnistuspalvelun (IdP) kuvausta (IDPSSODescriptor).",
		"sv": "Metadata saknar en beskrivning av identitetsleverantören (IDPSSODescriptor).",
		"en": "The metadata has no identity provider descriptor (IDPSSODescriptor).",
	},
	[lib.probe_evidence(p)],
) if {
	object.get(p, "idp", null) == null
} else := lib.fail_with(
	{
		"fi": "Metatiedoissa ei ole allekirjoitusvarmennetta.",
		"sv": "Metadata saknar signeringscertifikat.",
		"en": "The metadata has no signing certificate.",
	},
	[lib.probe_evidence(p)],
) if {
	count(signing_certs(p)) == 0
} else := lib.fail_with(ep.reasons(_key_faults(p)), [lib.probe_evidence(p)]) if {
	count(_key_faults(p)) > 0
} else := lib.fail_with(
	{
		"fi": sprintf("Allekirjoitusvarmenne on vanhentunut (%s).", [concat(", ", [c.not_after | some c in signing_certs(p)])]),
		"sv": sprintf("Signeringscertifikatet har gått ut (%s).", [concat(", ", [c.not_after | some c in signing_certs(p)])]),
		"en": sprintf("The signing certificate has expired (%s).", [concat(", ", [c.not_after | some c in signing_certs(p)])]),
	},
	[lib.probe_evidence(p)],
) if {
	every c in signing_certs(p) {
		_expired(c)
	}
} else := lib.warn_with(
	{
		"fi": sprintf("Metatiedoissa on yhä vanhentunut allekirjoitusvarmenne (%s): poista se.", [concat(", ", [c.not_after | some c in signing_certs(p); _expired(c)])]),
		"sv": sprintf("Metadata innehåller fortfarande ett utgånget signeringscertifikat (%s): ta bort det.", [concat(", ", [c.not_after | some c in signing_certs(p); _expired(c)])]),
		"en": sprintf("The metadata still has an expired signing certificate (%s): remove it.", [concat(", ", [c.not_after | some c in signing_certs(p); _expired(c)])]),
	},
	[lib.probe_evidence(p)],
) if {
	some c in signing_certs(p)
	_expired(c)
} else := lib.warn_with(
	{
		"fi": sprintf("Allekirjoitusvarmenne on voimassa %s asti, alle %d kuukautta: vaihda se ajoissa.", [_last_not_after(p), cert_min_months]),
		"sv": sprintf("Signeringscertifikatet gäller till %s, mindre än %d månader: byt det i tid.", [_last_not_after(p), cert_min_months]),
		"en": sprintf("The signing certificate is valid until %s, less than %d months: renew it in time.", [_last_not_after(p), cert_min_months]),
	},
	[lib.probe_evidence(p)],
) if {
	not lib.valid_for_months(_last_not_after(p), cert_min_months)
} else := lib.pass_with(
	{
		"fi": sprintf("Allekirjoitusvarmenne (RSA) on voimassa %s asti.", [_last_not_after(p)]),
		"sv": sprintf("Signeringscertifikatet (RSA) gäller till %s.", [_last_not_after(p)]),
		"en": sprintf("The signing certificate (RSA) is valid until %s.", [_last_not_after(p)]),
	},
	[lib.probe_evidence(p)],
)

# signing_certs: the IdP's certificates for signing (use "signing" or unspecified).
signing_certs(p) := [c | some c in p.idp.certificates; object.get(c, "use", "") in {"signing", ""}]

_expired(c) if time.parse_rfc3339_ns(c.not_after) <= time.parse_rfc3339_ns(input.now)

_last_not_after(p) := max([c.not_after | some c in signing_certs(p); not _expired(c)])

_key_faults(p) := [r |
	some c in signing_certs(p)
	r := _key_fault(c)
]

_key_fault(c) := {
	"fi": sprintf("Varmennetta ei voi lukea: %s.", [c.parse_error]),
	"sv": sprintf("Certifikatet kan inte läsas: %s.", [c.parse_error]),
	"en": sprintf("The certificate cannot be read: %s.", [c.parse_error]),
} if {
	object.get(c, "parse_error", "") != ""
} else := {
	"fi": sprintf("Allekirjoitusvarmenteen avain on %s %v bittiä: vaaditaan RSA, vähintään %d bittiä.", [c.key_type, c.key_bits, rsa_min_bits]),
	"sv": sprintf("Signeringscertifikatets nyckel är %s %v bitar: RSA med minst %d bitar krävs.", [c.key_type, c.key_bits, rsa_min_bits]),
	"en": sprintf("The signing certificate's key is %s %v bits: RSA of at least %d bits is required.", [c.key_type, c.key_bits, rsa_min_bits]),
} if {
	not _rsa_ok(c)
}

_rsa_ok(c) if {
	c.key_type == "RSA"
	c.key_bits >= rsa_min_bits
}

# METADATA
# title: Opinsys integration activated; tenant given
# custom:
#   id: EP-TECH-05
#   severity: must
#   applies_to: [education-provider]
#   evidence: answer
#   references: [MPASSid identity-source guide for Opinsys]
#   titles:
#     fi: Opinsys on ottanut integraation käyttöön ja organisaation tunnus on annettu
#     sv: Opinsys har aktiverat integrationen och organisationens identifierare är angiven
#     en: Opinsys has activated the integration; tenant id given
#   remediation:
#     fi: Pyydä Opinsysiä ottamaan MPASSid-integraatio käyttöön ja anna Opinsys-organisaation tunnus (esim. kunta.opinsys.fi).
#     sv: Be Opinsys aktivera MPASSid-integrationen och ange Opinsys-organisationens identifierare (t.ex. kommun.opinsys.fi).
#     en: Ask Opinsys to activate the MPASSid integration and give the Opinsys organisation's tenant id (e.g. municipality.opinsys.fi).
#   answers:
#     - path: registry.type
#     - path: registry.opinsys_tenant_id
#       optional: true
#     - path: registry.opinsys_activated
#       type: bool
#       optional: true
#       question:
#         fi: "Vain Opinsys: onko Opinsys ottanut MPASSid-integraation käyttöön?"
#         sv: "Endast Opinsys: har Opinsys aktiverat MPASSid-integrationen?"
#         en: "Opinsys only: has Opinsys activated the MPASSid integration?"
tech_05 := lib.result(rego.metadata.chain(), _tech_05)

_opinsys_fields := ["registry.opinsys_tenant_id", "registry.opinsys_activated"]

_tech_05 := not_this_type("opinsys") if {
	_type != "opinsys"
} else := lib.unanswered(ep.missing(_opinsys_fields)) if {
	count(ep.missing(_opinsys_fields)) > 0
} else := lib.fail({
	"fi": "Opinsys ei ole vielä ottanut MPASSid-integraatiota käyttöön.",
	"sv": "Opinsys har ännu inte aktiverat MPASSid-integrationen.",
	"en": "Opinsys has not activated the MPASSid integration yet.",
}) if {
	lib.answer("registry.opinsys_activated") != true
} else := lib.fail({
	"fi": sprintf("Opinsys-organisaation tunnus %q ei ole palvelinnimen muotoinen (esim. kunta.opinsys.fi).", [lib.answer("registry.opinsys_tenant_id")]),
	"sv": sprintf("Opinsys-organisationens identifierare %q har inte formen av ett värdnamn (t.ex. kommun.opinsys.fi).", [lib.answer("registry.opinsys_tenant_id")]),
	"en": sprintf("The Opinsys tenant id %q is not a host name (e.g. municipality.opinsys.fi).", [lib.answer("registry.opinsys_tenant_id")]),
}) if {
	not ep.hostname_valid(lib.answer("registry.opinsys_tenant_id"))
} else := lib.pass({
	"fi": sprintf("Integraatio käytössä, Opinsys-organisaatio %s.", [lib.answer("registry.opinsys_tenant_id")]),
	"sv": sprintf("Integrationen är aktiverad, Opinsys-organisation %s.", [lib.answer("registry.opinsys_tenant_id")]),
	"en": sprintf("Integration activated, Opinsys tenant %s.", [lib.answer("registry.opinsys_tenant_id")]),
})

# METADATA
# title: TLS of every probed endpoint
# custom:
#   id: EP-TECH-06
#   severity: must
#   applies_to: [education-provider]
#   evidence: probe
#   probes: [tls]
#   references: [MPASSid management service certificate rules, NCSC-FI TLS recommendations, RFC 8996 (TLS 1.0 and 1.1 deprecated), RFC 6797 (HSTS)]
#   titles:
#     fi: Kaikkien testattujen osoitteiden TLS-yhteys on kunnossa
#     sv: TLS är i ordning på alla testade adresser
#     en: TLS of every probed endpoint is sound
#   remediation:
#     fi: Salli vain TLS 1.2 ja 1.3, käytä luotetun varmentajan varmennetta, joka on tehty palvelimen nimelle, uusi varmenne ennen kuin voimassaoloa on alle 30 päivää ja lisää kirjautumissivuille Strict-Transport-Security-otsake (HSTS).
#     sv: Tillåt endast TLS 1.2 och 1.3, använd ett certifikat från en betrodd utfärdare för serverns namn, förnya certifikatet innan mindre än 30 dagar återstår och lägg till rubriken Strict-Transport-Security (HSTS) på inloggningssidorna.
#     en: Allow only TLS 1.2 and 1.3, use a certificate from a trusted authority issued for the server's name, renew it before less than 30 days remain, and add the Strict-Transport-Security header (HSTS) to login pages.
tech_06 := lib.result(rego.metadata.chain(), _tech_06)

_tls := object.get(input, ["probes", "tls"], {})

_tls_evidence := [lib.probe_evidence(t) | some key in sort(object.keys(_tls)); t := _tls[key]]

_tls_faults := [r |
	some key in sort(object.keys(_tls))
	t := _tls[key]
	t.status != "error"
	some r in cert_faults(key, t)
]

_tls_errors := [sprintf("%s: %s", [key, object.get(t, "error", "")]) |
	some key in sort(object.keys(_tls))
	t := _tls[key]
	t.status == "error"
]

_tls_warnings := array.concat(
	[r |
		some key in sort(object.keys(_tls))
		t := _tls[key]
		t.status != "error"
		is_number(t.days_left)
		t.days_left >= 0
		t.days_left < tls_warn_days
		r := {
			"fi": sprintf("%s: varmenne vanhenee %d päivän kuluttua (%s).", [key, t.days_left, object.get(t, "not_after", "")]),
			"sv": sprintf("%s: certifikatet går ut om %d dagar (%s).", [key, t.days_left, object.get(t, "not_after", "")]),
			"en": sprintf("%s: the certificate expires in %d days (%s).", [key, t.days_left, object.get(t, "not_after", "")]),
		}
	],
	[r |
		some path in sort(login_pages)
		p := lib.probe(path)
		p.status == "ok"
		p.https == true
		p.hsts == false
		r := {
			"fi": sprintf("Kirjautumissivulla %s ei ole HSTS-otsaketta (Strict-Transport-Security).", [object.get(p, "final_url", p.target)]),
			"sv": sprintf("Inloggningssidan %s saknar HSTS-rubriken (Strict-Transport-Security).", [object.get(p, "final_url", p.target)]),
			"en": sprintf("The login page %s has no HSTS header (Strict-Transport-Security).", [object.get(p, "final_url", p.target)]),
		}
	],
)

_tech_06 := lib.not_probed("TLS") if {
	count(_tls) == 0
} else := lib.fail_with(ep.reasons(_tls_faults), _tls_evidence) if {
	count(_tls_faults) > 0
} else := {
	"status": "error",
	"message": {
		"fi": sprintf("TLS-testi epäonnistui: %s", [concat("; ", _tls_errors)]),
		"sv": sprintf("TLS-testet misslyckades: %s", [concat("; ", _tls_errors)]),
		"en": sprintf("TLS probe failed: %s", [concat("; ", _tls_errors)]),
	},
	"evidence": _tls_evidence,
} if {
	count(_tls_errors) > 0
} else := lib.warn_with(ep.reasons(_tls_warnings), _tls_evidence) if {
	count(_tls_warnings) > 0
} else := lib.pass_with(
	{
		"fi": sprintf("TLS 1.2 tai uudempi, luotettu ja voimassa oleva varmenne: %s.", [concat(", ", sort(object.keys(_tls)))]),
		"sv": sprintf("TLS 1.2 eller senare, betrott och giltigt certifikat: %s.", [concat(", ", sort(object.keys(_tls)))]),
		"en": sprintf("TLS 1.2 or later, trusted and valid certificate: %s.", [concat(", ", sort(object.keys(_tls)))]),
	},
	_tls_evidence,
)
