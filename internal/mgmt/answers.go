package mgmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/questionnaire"
)

// Answer is one answer the registration settles, with the notes written
// above it in the answers file.
type Answer struct {
	Path  string
	Value any // string, bool, int or []string
	Notes []string
}

// Rendered is one integration's answers file and the files beside it.
type Rendered struct {
	Integration *Integration
	Kind        string
	// Answers is the answers file; Metadata the rebuilt SAML metadata
	// (nil for other integrations), to be written as MetadataName.
	Answers      []byte
	Metadata     []byte
	MetadataName string
	// Client is the registered OIDC client metadata without its secret
	// (RFC 7591 names), to be written as ClientName (nil for others).
	Client     []byte
	ClientName string
	// Settled are the paths answered from the registration.
	Settled []string
	// Dropped are registered values that are not accepted answers; the
	// question is then left to the member.
	Dropped []string
}

// Render writes the answers file of one integration of ex, named base
// (+".toml"; the SAML metadata base+".metadata.xml"): every template
// question of the member kind, the ones the registration settles answered,
// the others commented out with their question text.
func Render(cat *catalog.Catalog, lang string, ex *Export, in *Integration, base string) (*Rendered, error) {
	r := &Rendered{Integration: in, Kind: catalog.ServiceProvider}
	if in.Role == RoleIdentityProvider {
		r.Kind = catalog.EducationProvider
	}
	origin := in.Path
	if in.ID != "" {
		origin = fmt.Sprintf("%s (%s)", in.ID, in.Path)
	}
	origin = filepath.Base(ex.File) + " " + origin
	var settled []Answer
	var header []string
	header = append(header, i18n.T(lang, "Imported from the MPASSid management service: %s.", origin))
	header = append(header, i18n.T(lang, "The answers not commented out are what the registration settles; the questions left commented out are for the member to answer."))

	// Without the organisation's name the integration names the member,
	// with its id, so that the operator can tell the results apart.
	member := in.Organization.Name
	switch {
	case member != "":
	case in.Name != "" && in.ID != "":
		member = fmt.Sprintf("%s (%s)", in.Name, in.ID)
	case in.Name != "":
		member = in.Name
	default:
		member = base
	}
	settled = append(settled, Answer{Path: "member.name", Value: member})
	if env := in.Environment(); env != "" {
		settled = append(settled, Answer{Path: "member.environment", Value: env,
			Notes: []string{i18n.T(lang, "Deployment phase %d in the management service.", *in.DeploymentPhase)}})
	} else if in.DeploymentPhase != nil {
		header = append(header, i18n.T(lang, "Deployment phase %d is not testing (0), production (1) or preproduction (2): the environment is left to the member.", *in.DeploymentPhase))
	}
	if in.Organization.BusinessID != "" {
		settled = append(settled, Answer{Path: "member.business_id", Value: in.Organization.BusinessID})
	}
	if in.Organization.OID != "" {
		header = append(header, i18n.T(lang, "Organisation OID in the management service: %s.", in.Organization.OID))
	}

	switch {
	case in.SP != nil && in.SP.SAML != nil:
		r.MetadataName = base + ".metadata.xml"
		r.Metadata = EntityDescriptor(in.SP.SAML, origin)
		settled = append(settled,
			Answer{Path: "service.protocol", Value: "saml"},
			Answer{Path: "service.metadata_delivered", Value: true, Notes: []string{i18n.T(lang, "The service is registered in the MPASSid management service.")}},
			Answer{Path: "saml.metadata", Value: r.MetadataName, Notes: []string{
				i18n.T(lang, "Rebuilt from the registration (entityID %s), not the service's own file.", in.SP.SAML.EntityID),
				i18n.T(lang, "To compare the registration with the service's live metadata (SP-SAML-13), replace this with the https URL of the live metadata."),
			}},
			Answer{Path: "saml.registered_metadata", Value: r.MetadataName},
		)
		if v := in.SP.SAML.AuthnRequestsSigned; v != nil {
			settled = append(settled, Answer{Path: "saml.authn_requests_signed", Value: *v})
		}
	case in.SP != nil && in.SP.OIDC != nil:
		o := in.SP.OIDC
		settled = append(settled,
			Answer{Path: "service.protocol", Value: "oidc"},
			Answer{Path: "service.metadata_delivered", Value: true, Notes: []string{i18n.T(lang, "The service is registered in the MPASSid management service.")}},
		)
		if o.ClientID != "" {
			header = append(header, i18n.T(lang, "Client ID in the management service: %s.", o.ClientID))
		}
		r.ClientName = base + ".client.json"
		r.Client = ClientMetadata(o)
		settled = append(settled, Answer{Path: "oidc.registration", Value: r.ClientName,
			Notes: []string{i18n.T(lang, "The client metadata registered in the MPASSid management service, without the client secret.")}})
		header = append(header, i18n.T(lang, "The client secret is kept in the MPASSid management service; it is never written to this file."))
		if len(o.RedirectURIs) > 0 {
			settled = append(settled, Answer{Path: "oidc.redirect_uris", Value: o.RedirectURIs})
		}
		if len(o.ResponseTypes) > 0 {
			settled = append(settled, Answer{Path: "oidc.response_types", Value: o.ResponseTypes})
		}
		if o.TokenEndpointAuthMethod != "" {
			settled = append(settled, Answer{Path: "oidc.token_endpoint_auth_method", Value: o.TokenEndpointAuthMethod})
		} else {
			settled = append(settled, Answer{Path: "oidc.token_endpoint_auth_method", Value: "client_secret_basic",
				Notes: []string{i18n.T(lang, "Registered without token_endpoint_auth_method: RFC 7591 defaults to client_secret_basic.")}})
		}
		if sc := strings.Fields(o.Scope); len(sc) > 0 {
			settled = append(settled, Answer{Path: "oidc.scopes", Value: sc})
		}
		if len(o.GrantTypes) > 0 {
			header = append(header, i18n.T(lang, "Registered grant types: %s.", strings.Join(o.GrantTypes, ", ")))
		}
	case in.IdP != nil:
		settled = append(settled, identitySource(lang, in, &header)...)
	}
	if in.SP != nil && in.AttributesGiven {
		// The operator's permission is the record's attribute: absent from
		// a record that lists its attributes means not allowed.
		v, ok := in.Attribute("allowtestlearnerid")
		allowed := ok && strings.EqualFold(strings.TrimSpace(v), "true")
		settled = append(settled, Answer{Path: "privacy.test_learner_numbers_allowed", Value: allowed,
			Notes: []string{i18n.T(lang, "From the registration's attribute allowtestlearnerid.")}})
	}
	return r, r.render(cat, lang, header, settled, base)
}

// identitySource is what an identity source record settles.
func identitySource(lang string, in *Integration, header *[]string) []Answer {
	idp := in.IdP
	types := map[string]string{"wilma": "wilma", "opinsys": "opinsys", "azure": "entra", "gsuite": "google", "adfs": "adfs"}
	out := []Answer{{Path: "registry.type", Value: types[idp.Type],
		Notes: []string{i18n.T(lang, "Identity source type %s in the management service.", idp.Type)}}}
	if idp.EntityID != "" {
		*header = append(*header, i18n.T(lang, "Registered entityID: %s.", idp.EntityID))
	}
	if idp.ClientKeySet {
		*header = append(*header, i18n.T(lang, "The client key is kept in the MPASSid management service; it is never written to this file."))
	}
	switch idp.Type {
	case "wilma":
		host := idp.Hostname
		if host == "" {
			host, _ = in.Attribute("hostname")
		}
		if host != "" {
			out = append(out, Answer{Path: "registry.wilma_url", Value: "https://" + strings.TrimSuffix(strings.TrimPrefix(host, "https://"), "/")})
		}
	case "opinsys":
		if t := firstOf(idp.TenantID, attr1(in, "tenantId")); t != "" {
			out = append(out, Answer{Path: "registry.opinsys_tenant_id", Value: t})
		}
	case "azure":
		if t := firstOf(idp.TenantID, attr1(in, "tenantId")); t != "" {
			out = append(out, Answer{Path: "registry.entra_tenant_id", Value: t})
		}
		if c := attr1(in, "clientId"); c != "" && !strings.Contains(c, "*") {
			out = append(out, Answer{Path: "registry.entra_client_id", Value: c})
		}
		// The user attributes map MPASSid attributes to the Graph
		// attributes that hold them.
		for _, m := range []struct{ attr, path string }{
			{"learnerId", "registry.entra_attribute_learner_id"},
			{"roles", "registry.entra_attribute_role"},
			{"schoolIds", "registry.entra_attribute_school_code"},
			{"groups", "registry.entra_attribute_class"},
			{"groupLevels", "registry.entra_attribute_class_level"},
			{"learningMaterialsCharges", "registry.entra_attribute_materials_charge"},
		} {
			for _, a := range in.Attributes {
				if a.Name == m.attr && a.Type == "user" && a.Content != "" {
					out = append(out, Answer{Path: m.path, Value: a.Content})
					break
				}
			}
		}
		if idp.MetadataURL != "" {
			*header = append(*header, i18n.T(lang, "Registered metadata URL: %s.", idp.MetadataURL))
		}
	case "gsuite", "adfs":
		if idp.MetadataURL != "" {
			out = append(out, Answer{Path: "registry.federation_metadata", Value: idp.MetadataURL})
		}
	}
	return out
}

func attr1(in *Integration, name string) string {
	v, _ := in.Attribute(name)
	return strings.TrimSpace(v)
}

func firstOf(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

var sectionLine = regexp.MustCompile(`^\[([a-z0-9_]+)\]\s*$`)
var keyLine = regexp.MustCompile(`^(?:# )?([a-z0-9_]+) = `)

// render fills the template: a settled answer replaces its (commented or
// example) line; a settled value the catalogue does not accept is dropped
// and its question left to the member, with a note saying why. The values
// are checked by parsing them alone (the template's comments are most of
// a file and change nothing), then written into the template once.
func (r *Rendered) render(cat *catalog.Catalog, lang string, header []string, settled []Answer, base string) error {
	byPath := map[string]Answer{}
	for _, a := range settled {
		byPath[a.Path] = a
	}
	for attempt := 0; ; attempt++ {
		var problems *answers.Error
		_, perr := answers.Parse(base+".toml", "", settledTOML(r.Kind, byPath), cat)
		if perr == nil {
			break
		}
		if !errors.As(perr, &problems) || attempt > len(settled) {
			return fmt.Errorf("the imported answers do not parse: %v", perr)
		}
		dropped := false
		for _, p := range problems.Problems {
			a, ok := byPath[p.Key]
			if !ok || p.Key == "member.name" || p.Key == "member.kind" {
				continue
			}
			delete(byPath, p.Key)
			r.Dropped = append(r.Dropped, p.Key)
			header = append(header, i18n.T(lang, "The registered value of %s (%s) is not an accepted answer: %s; answer it yourself.", p.Key, tomlValue(a.Value), p.Msg))
			dropped = true
		}
		if !dropped {
			return fmt.Errorf("the imported answers do not parse: %v", perr)
		}
	}
	out, used, err := fill(cat, lang, r.Kind, header, byPath)
	if err != nil {
		return err
	}
	r.Answers, r.Settled = out, used
	sort.Strings(r.Dropped)
	return nil
}

// settledTOML is the settled answers alone as TOML, by section.
func settledTOML(kind string, byPath map[string]Answer) []byte {
	sections := map[string][]string{"member": {"kind = " + tomlValue(kind)}}
	var paths []string
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		sec, key, _ := strings.Cut(p, ".")
		sections[sec] = append(sections[sec], key+" = "+tomlValue(byPath[p].Value))
	}
	var names []string
	for n := range sections {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&b, "[%s]\n%s\n", n, strings.Join(sections[n], "\n"))
	}
	return b.Bytes()
}

type templateKey struct {
	cat        *catalog.Catalog
	kind, lang string
}

// templates caches the template per catalogue, kind and language: an
// import of a thousand integrations writes the same two templates.
var templates sync.Map // templateKey → []string (lines)

func template(cat *catalog.Catalog, kind, lang string) ([]string, error) {
	k := templateKey{cat, kind, lang}
	if v, ok := templates.Load(k); ok {
		return v.([]string), nil
	}
	var tmpl bytes.Buffer
	if err := questionnaire.Write(&tmpl, cat, kind, lang); err != nil {
		return nil, err
	}
	lines := strings.SplitAfter(tmpl.String(), "\n")
	templates.Store(k, lines)
	return lines, nil
}

func fill(cat *catalog.Catalog, lang, kind string, header []string, byPath map[string]Answer) ([]byte, []string, error) {
	lines, err := template(cat, kind, lang)
	if err != nil {
		return nil, nil, err
	}
	var b bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&b, "# %s\n", oneLine(h))
	}
	b.WriteString("#\n")
	section := ""
	used := map[string]bool{}
	for _, line := range lines {
		if m := sectionLine.FindStringSubmatch(strings.TrimRight(line, "\n")); m != nil {
			section = m[1]
		}
		if m := keyLine.FindStringSubmatch(line); m != nil && section != "" {
			path := section + "." + m[1]
			if a, ok := byPath[path]; ok {
				for _, n := range a.Notes {
					fmt.Fprintf(&b, "# %s\n", oneLine(n))
				}
				fmt.Fprintf(&b, "%s = %s\n", m[1], tomlValue(a.Value))
				used[path] = true
				continue
			}
		}
		b.WriteString(line)
	}
	var paths []string
	for p := range byPath {
		if !used[p] {
			if _, ok := cat.Field(p); ok {
				return nil, nil, fmt.Errorf("the template for %s has no line for %s", kind, p)
			}
			// A field of another catalogue version (--catalog) is left out.
			continue
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return b.Bytes(), paths, nil
}

// oneLine makes s fit a TOML comment: one line, no control characters.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, " "))
	return strings.Join(strings.Fields(s), " ")
}

// tomlValue writes a value as TOML: a JSON string is a valid TOML basic
// string (its escapes are TOML's).
func tomlValue(v any) string {
	switch x := v.(type) {
	case string:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(x)
		return strings.TrimSpace(b.String())
	case bool:
		return fmt.Sprint(x)
	case int:
		return fmt.Sprint(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = tomlValue(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%v", v)
}

// ClientMetadata is the registered client as RFC 7591 client metadata,
// without the client secret.
func ClientMetadata(o *OIDC) []byte {
	m := map[string]any{"client_id": o.ClientID, "redirect_uris": nonNil(o.RedirectURIs)}
	if len(o.PostLogoutRedirectURIs) > 0 {
		m["post_logout_redirect_uris"] = o.PostLogoutRedirectURIs
	}
	if len(o.ResponseTypes) > 0 {
		m["response_types"] = o.ResponseTypes
	}
	if len(o.GrantTypes) > 0 {
		m["grant_types"] = o.GrantTypes
	}
	if o.Scope != "" {
		m["scope"] = o.Scope
	}
	if o.TokenEndpointAuthMethod != "" {
		m["token_endpoint_auth_method"] = o.TokenEndpointAuthMethod
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return append(b, '\n')
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
