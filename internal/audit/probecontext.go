package audit

import (
	"sort"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// ProbeContext are the answers a probe's own facts settle, so that a probe
// run alone is judged as the self-audit would judge the same target: SAML
// metadata of a service provider is a SAML service's; a TLS host is what an
// OIDC service's redirect URIs name; an identity provider's metadata and a
// sample export belong to a registry type, given by registry (--registry)
// or read from the facts (AD FS and Google metadata; Entra ID attribute
// names, else the default claim names of AD FS and Google, in a sample).
func ProbeContext(probeKind, memberKind string, r map[string]any, registry string) map[string]any {
	ctx := map[string]any{}
	switch {
	case memberKind == catalog.ServiceProvider && probeKind == "saml-metadata":
		ctx["service.protocol"] = "saml"
	case memberKind == catalog.ServiceProvider && (probeKind == "tls" || probeKind == "oidc-client"):
		ctx["service.protocol"] = "oidc"
	case memberKind == catalog.EducationProvider && probeKind == "saml-metadata":
		if registry == "" {
			registry = metadataRegistry(r)
		}
	case memberKind == catalog.EducationProvider && probeKind == "sample":
		if registry == "" {
			registry = sampleRegistry(r, ctx)
		}
	}
	if registry != "" && memberKind == catalog.EducationProvider {
		ctx["registry.type"] = registry
	}
	return ctx
}

func metadataRegistry(r map[string]any) string {
	id := strings.ToLower(str(r["entity_id"]))
	switch {
	case strings.Contains(id, "/adfs/"):
		return "adfs"
	case strings.Contains(id, "accounts.google.com"):
		return "google"
	}
	return ""
}

// defaultClaims are the default claim names of AD FS and Google (REQUIREMENTS
// EP-REG-09) with the Entra ID answers that map each to a Graph attribute.
var defaultClaims = map[string]string{
	"mpassUserIdentity":       "registry.entra_attribute_user_id",
	"learnerId":               "registry.entra_attribute_learner_id",
	"schoolCode":              "registry.entra_attribute_school_code",
	"userRole":                "registry.entra_attribute_role",
	"class":                   "registry.entra_attribute_class",
	"classLevel":              "registry.entra_attribute_class_level",
	"learningMaterialsCharge": "registry.entra_attribute_materials_charge",
}

// SampleColumns are the columns of a sample result, in name order.
func SampleColumns(r map[string]any) []string {
	seen := map[string]bool{}
	rows, _ := r["rows"].([]any)
	for _, x := range rows {
		row, _ := x.(map[string]any)
		fields, _ := row["fields"].(map[string]any)
		for k := range fields {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sampleRegistry reads the registry type from a sample's columns: Graph
// extension attributes (extension_<app>_learnerId) are Entra ID's, whose
// mapping answers it fills by the claim name each column ends with.
func sampleRegistry(r map[string]any, ctx map[string]any) string {
	cols := SampleColumns(r)
	entra := false
	for _, c := range cols {
		if strings.HasPrefix(strings.ToLower(c), "extension_") {
			entra = true
		}
	}
	if !entra {
		return "adfs"
	}
	for claim, path := range defaultClaims {
		for _, c := range cols {
			if c == claim || strings.HasSuffix(strings.ToLower(c), "_"+strings.ToLower(claim)) {
				ctx[path] = c
			}
		}
	}
	return "entra"
}
