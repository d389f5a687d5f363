// Package mgmt reads the exports of the MPASSid management service
// (MPASSid-hallintapalvelu): the `services` document (SAML and OIDC service
// integrations), the `identityProviders` document (education providers'
// identity sources: wilma, opinsys, azure, gsuite, adfs), a single
// integration record, and a bare SAML or OIDC metadata object as the
// service's registration form holds it.
//
// The exports are outside input: a field this package does not know is
// reported (file and JSON path) and ignored, and a value of the wrong type
// is an error naming its JSON path. Secrets (an OIDC client_secret, an
// identity source's clientKey) are never kept: only whether one is set.
package mgmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// MaxExport is the largest export read; a real one of every Finnish
// integration is a few megabytes.
const MaxExport = 64 << 20

// Roles of an integration.
const (
	RoleService          = "sp"
	RoleIdentityProvider = "idp"
)

// Export is one parsed export file.
type Export struct {
	File         string
	Integrations []*Integration
	// Notes are fields that were not understood (unknown or in an unusual
	// shape): reported so that the operator sees what was ignored.
	Notes []Note
}

// Note is one thing in an export that was ignored or read in a lenient way.
type Note struct {
	File string
	Path string // JSON path, as $.services[0].configurationEntity.sp.foo
	Msg  string
}

func (n Note) String() string { return fmt.Sprintf("%s: %s: %s", n.File, n.Path, n.Msg) }

// Error is a malformed export: the JSON path (or line and column for a
// syntax error) and what is wrong there.
type Error struct {
	File string
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.File, e.Path, e.Msg)
}

// Integration is one record of the management service.
type Integration struct {
	// Path is the record's JSON path in its file ("$" for a single record).
	Path string
	// ID is the integration id as exported ("" for a bare metadata object).
	ID   string
	Role string // RoleService or RoleIdentityProvider
	// Name is the service's name, or the identity source's title or flow name.
	Name         string
	Organization Organization
	// DeploymentPhase: 0 testing, 1 production, 2 preproduction (nil: not given).
	DeploymentPhase   *int
	IntegrationGroups []string
	// Attributes are the record's configuration attributes; an
	// AttributesGiven false means the record has no attributes list at all.
	Attributes      []Attribute
	AttributesGiven bool
	SP              *ServiceProvider
	IdP             *IdentityProvider
}

// Organization is the organisation an integration belongs to.
type Organization struct {
	OID        string
	Name       string
	BusinessID string // ytunnus
}

// Attribute is one configuration attribute (name, content, type data/user).
type Attribute struct {
	Name    string
	Content string
	Type    string
}

// ServiceProvider is a service integration: SAML or OIDC.
type ServiceProvider struct {
	Type string // "saml" or "oidc"
	SAML *SAML
	OIDC *OIDC
}

// SAML is a service's registered SAML metadata.
type SAML struct {
	EntityID               string
	AuthnRequestsSigned    *bool
	WantAssertionsSigned   *bool
	SigningCertificates    []string // base64 DER, as registered
	EncryptionCertificates []string
	ACS                    []ACS
}

// ACS is one registered assertion consumer service.
type ACS struct {
	Binding   string // as registered: "HTTP-POST" or a full binding URI
	Location  string
	Index     *int
	IsDefault *bool
}

// OIDC is a service's registered OIDC client metadata (RFC 7591 names).
type OIDC struct {
	ClientID                string
	ClientSecretSet         bool // a non-empty client_secret is registered; the value is never kept
	RedirectURIs            []string
	PostLogoutRedirectURIs  []string
	ResponseTypes           []string
	GrantTypes              []string
	Scope                   string
	TokenEndpointAuthMethod string
}

// IdentityProvider is an education provider's identity source.
type IdentityProvider struct {
	Type                    string // wilma, opinsys, azure, gsuite, adfs
	IdpID                   string
	FlowName                string
	EntityID                string
	MetadataURL             string
	TenantID                string
	Hostname                string
	InstitutionTypes        []int
	AllowedServiceProviders []AllowedService
	// ClientKeySet: a clientKey attribute with content is registered; never kept.
	ClientKeySet bool
}

// AllowedService is an entry of an identity source's allowedServiceProviders.
type AllowedService struct {
	Type     string
	EntityID string
	ClientID string
}

// Load reads and parses one export file.
func Load(path string) (*Export, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read the export: %v", unwrap(err))}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxExport+1))
	if err != nil {
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read the export: %v", err)}
	}
	if len(b) > MaxExport {
		return nil, &Error{File: path, Msg: fmt.Sprintf("the export is larger than %d MiB; split it", MaxExport>>20)}
	}
	return Parse(path, b)
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse parses an export read from src; name is used in messages.
func Parse(name string, src []byte) (*Export, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, syntaxError(name, src, err)
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		line, col := lineCol(src, int(d.InputOffset()))
		return nil, &Error{File: name, Msg: fmt.Sprintf("line %d, column %d: more than one JSON value in the file; an export is one JSON object", line, col)}
	}
	w := &walker{file: name}
	ex := &Export{File: name}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, w.errf("$", "an export is a JSON object with \"services\" or \"identityProviders\", not %s", describe(doc))
	}
	var err error
	switch {
	case has(root, "services") || has(root, "identityProviders"):
		ex.Integrations, err = w.document(root)
	case has(root, "configurationEntity"):
		var in *Integration
		in, err = w.integration(root, "$")
		if in != nil {
			ex.Integrations = []*Integration{in}
		}
	case has(root, "entityId") || has(root, "assertionConsumerServiceUrls"):
		var s *SAML
		s, err = w.saml(root, "$")
		if s != nil {
			ex.Integrations = []*Integration{{Path: "$", Role: RoleService, SP: &ServiceProvider{Type: "saml", SAML: s}}}
		}
	case has(root, "redirect_uris") || has(root, "client_id"):
		var o *OIDC
		o, err = w.oidc(root, "$")
		if o != nil {
			ex.Integrations = []*Integration{{Path: "$", Role: RoleService, SP: &ServiceProvider{Type: "oidc", OIDC: o}}}
		}
	default:
		return nil, w.errf("$", "not a management-service export: expected \"services\", \"identityProviders\", one integration (\"configurationEntity\"), SAML metadata (\"entityId\") or OIDC client metadata (\"redirect_uris\"); found keys %s", keys(root))
	}
	if err != nil {
		return nil, err
	}
	ex.Notes = w.notes
	return ex, nil
}

func syntaxError(name string, src []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the offending byte itself.
		line, col := lineCol(src, int(se.Offset)-1)
		return &Error{File: name, Msg: fmt.Sprintf("line %d, column %d: not valid JSON: %v", line, col, se)}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{File: name, Msg: "not valid JSON: the file ends before the JSON value does"}
	}
	return &Error{File: name, Msg: "not valid JSON: " + err.Error()}
}

// lineCol is the 1-based line and column of the byte at index off.
func lineCol(src []byte, off int) (int, int) {
	off = max(0, min(off, len(src)))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

type walker struct {
	file  string
	notes []Note
}

func (w *walker) errf(path, format string, args ...any) error {
	return &Error{File: w.file, Path: path, Msg: fmt.Sprintf(format, args...)}
}

func (w *walker) note(path, format string, args ...any) {
	w.notes = append(w.notes, Note{File: w.file, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// known reports every key of m that is not in names, in sorted order.
func (w *walker) known(m map[string]any, path string, names ...string) {
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
	}
	var unknown []string
	for k := range m {
		if !set[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		w.note(child(path, k), "unknown field, ignored")
	}
}

func child(path, key string) string {
	if key != "" && strings.IndexFunc(key, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0 {
		return path + "." + key
	}
	q, _ := json.Marshal(key)
	return path + "[" + string(q) + "]"
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func has(m map[string]any, k string) bool { _, ok := m[k]; return ok }

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, strconv.Quote(k))
	}
	sort.Strings(ks)
	if len(ks) == 0 {
		return "none"
	}
	return strings.Join(ks, ", ")
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + x.String()
	case string:
		return "the string " + strconv.Quote(trunc(x))
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func trunc(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func (w *walker) object(v any, path string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, w.errf(path, "expected an object, found %s", describe(v))
	}
	return m, nil
}

func (w *walker) array(m map[string]any, key, path string) ([]any, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return nil, nil
	}
	a, ok := v.([]any)
	if !ok {
		return nil, w.errf(child(path, key), "expected an array, found %s", describe(v))
	}
	return a, nil
}

// str reads an optional string; null and absent are "".
func (w *walker) str(m map[string]any, key, path string) (string, error) {
	v, ok := m[key]
	if !ok || v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", w.errf(child(path, key), "expected a string, found %s", describe(v))
	}
	return s, nil
}

// id reads an identifier given as a number or a string.
func (w *walker) id(m map[string]any, key, path string) (string, error) {
	switch x := m[key].(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		if _, err := strconv.ParseInt(x.String(), 10, 64); err != nil {
			return "", w.errf(child(path, key), "expected a whole number or a string, found %s", describe(x))
		}
		return x.String(), nil
	default:
		return "", w.errf(child(path, key), "expected a whole number or a string, found %s", describe(x))
	}
}

func (w *walker) strList(m map[string]any, key, path string) ([]string, error) {
	a, err := w.array(m, key, path)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(a))
	for i, v := range a {
		s, ok := v.(string)
		if !ok {
			return nil, w.errf(index(child(path, key), i), "expected a string, found %s", describe(v))
		}
		out = append(out, s)
	}
	return out, nil
}

func (w *walker) boolp(m map[string]any, key, path string) (*bool, error) {
	switch x := m[key].(type) {
	case nil:
		return nil, nil
	case bool:
		return &x, nil
	case string:
		// The registration form stores some flags as text.
		if b, err := strconv.ParseBool(x); err == nil {
			w.note(child(path, key), "boolean given as the string %q; read as %v", x, b)
			return &b, nil
		}
	}
	return nil, w.errf(child(path, key), "expected true or false, found %s", describe(m[key]))
}

func (w *walker) intp(m map[string]any, key, path string) (*int, error) {
	switch x := m[key].(type) {
	case nil:
		return nil, nil
	case json.Number:
		n, err := strconv.Atoi(x.String())
		if err == nil {
			return &n, nil
		}
	}
	return nil, w.errf(child(path, key), "expected a whole number, found %s", describe(m[key]))
}

// document reads {"services": [...], "identityProviders": [...]}.
func (w *walker) document(root map[string]any) ([]*Integration, error) {
	w.known(root, "$", "services", "identityProviders")
	var out []*Integration
	for _, key := range []string{"services", "identityProviders"} {
		list, err := w.array(root, key, "$")
		if err != nil {
			return nil, err
		}
		for i, v := range list {
			p := index(child("$", key), i)
			m, err := w.object(v, p)
			if err != nil {
				return nil, err
			}
			in, err := w.integration(m, p)
			if err != nil {
				return nil, err
			}
			want := RoleService
			if key == "identityProviders" {
				want = RoleIdentityProvider
			}
			if in.Role != want {
				return nil, w.errf(child(p, "configurationEntity"), "a record in %q must have configurationEntity.%s", key, want)
			}
			out = append(out, in)
		}
	}
	return out, nil
}

// integrationFields are the fields of an Integration record that the tool
// knows (from the management service's model), whether or not it reads them.
var integrationFields = []string{
	"id", "version", "createdOn", "lastUpdatedOn", "configurationEntity", "organization",
	"integrationSets", "integrationGroups", "discoveryInformation", "permissions",
	"deploymentPhase", "status", "deploymentDate", "acceptanceDate", "serviceContactAddress",
}

func (w *walker) integration(m map[string]any, p string) (*Integration, error) {
	w.known(m, p, integrationFields...)
	in := &Integration{Path: p}
	var err error
	if in.ID, err = w.id(m, "id", p); err != nil {
		return nil, err
	}
	if in.DeploymentPhase, err = w.intp(m, "deploymentPhase", p); err != nil {
		return nil, err
	}
	if org, ok := m["organization"]; ok && org != nil {
		om, err := w.object(org, child(p, "organization"))
		if err != nil {
			return nil, err
		}
		if in.Organization, err = w.organization(om, child(p, "organization")); err != nil {
			return nil, err
		}
	}
	groups, err := w.array(m, "integrationGroups", p)
	if err != nil {
		return nil, err
	}
	for i, g := range groups {
		gp := index(child(p, "integrationGroups"), i)
		gm, err := w.object(g, gp)
		if err != nil {
			return nil, err
		}
		w.known(gm, gp, "id", "name")
		id, err := w.id(gm, "id", gp)
		if err != nil {
			return nil, err
		}
		in.IntegrationGroups = append(in.IntegrationGroups, id)
	}
	if v, ok := m["discoveryInformation"]; ok && v != nil {
		dp := child(p, "discoveryInformation")
		dm, err := w.object(v, dp)
		if err != nil {
			return nil, err
		}
		w.known(dm, dp, "title", "customDisplayName", "showSchools", "schools", "excludedSchools", "earlyEducationProvider", "customTitle")
		title, err := w.str(dm, "title", dp)
		if err != nil {
			return nil, err
		}
		if title == "" {
			if title, err = w.str(dm, "customDisplayName", dp); err != nil {
				return nil, err
			}
		}
		in.Name = title
	}
	cp := child(p, "configurationEntity")
	ce, ok := m["configurationEntity"]
	if !ok || ce == nil {
		return nil, w.errf(cp, "missing: every integration record has a configurationEntity with sp or idp")
	}
	cm, err := w.object(ce, cp)
	if err != nil {
		return nil, err
	}
	w.known(cm, cp, "sp", "idp", "set", "attributes", "id")
	if in.Attributes, in.AttributesGiven, err = w.attributes(cm, cp); err != nil {
		return nil, err
	}
	switch {
	case cm["sp"] != nil:
		in.Role = RoleService
		sp, name, err := w.serviceProvider(cm["sp"], child(cp, "sp"))
		if err != nil {
			return nil, err
		}
		in.SP, in.Name = sp, name
	case cm["idp"] != nil:
		in.Role = RoleIdentityProvider
		idp, err := w.identityProvider(cm["idp"], child(cp, "idp"))
		if err != nil {
			return nil, err
		}
		for _, a := range in.Attributes {
			if a.Name == "clientKey" && a.Content != "" {
				idp.ClientKeySet = true
			}
		}
		in.IdP = idp
		if in.Name == "" {
			in.Name = idp.FlowName
		}
	case cm["set"] != nil:
		return nil, w.errf(child(cp, "set"), "an integration set is not a service or an identity source; export the services and identityProviders documents")
	default:
		return nil, w.errf(cp, "has neither sp (a service) nor idp (an identity source)")
	}
	return in, nil
}

func (w *walker) organization(m map[string]any, p string) (Organization, error) {
	w.known(m, p, "oid", "name", "nimi", "ytunnus")
	var o Organization
	var err error
	if o.OID, err = w.str(m, "oid", p); err != nil {
		return o, err
	}
	if o.Name, err = w.str(m, "name", p); err != nil {
		return o, err
	}
	if o.BusinessID, err = w.str(m, "ytunnus", p); err != nil {
		return o, err
	}
	if nimi, ok := m["nimi"].(map[string]any); ok && o.Name == "" {
		for _, l := range []string{"fi", "sv", "en"} {
			if s, _ := nimi[l].(string); s != "" {
				o.Name = s
				break
			}
		}
	}
	o.BusinessID = strings.TrimSpace(o.BusinessID)
	return o, nil
}

// attributes reads configurationEntity.attributes. Three shapes occur:
// {name, content, type}, {name, content} and {"<name>": "<content>"}; the
// last two are read and noted.
func (w *walker) attributes(m map[string]any, p string) ([]Attribute, bool, error) {
	v, ok := m["attributes"]
	if !ok || v == nil {
		return nil, false, nil
	}
	list, err := w.array(m, "attributes", p)
	if err != nil {
		return nil, false, err
	}
	out := make([]Attribute, 0, len(list))
	for i, e := range list {
		ap := index(child(p, "attributes"), i)
		am, err := w.object(e, ap)
		if err != nil {
			return nil, false, err
		}
		if !has(am, "name") {
			if len(am) == 1 {
				for k, val := range am {
					s, ok := val.(string)
					if !ok {
						return nil, false, w.errf(child(ap, k), "expected a string, found %s", describe(val))
					}
					w.note(ap, "attribute given as {%q: …} without name and content; read as name %q", k, k)
					out = append(out, Attribute{Name: k, Content: s})
				}
				continue
			}
			return nil, false, w.errf(ap, "an attribute needs a name (found keys %s)", keys(am))
		}
		w.known(am, ap, "name", "content", "type", "id")
		var a Attribute
		if a.Name, err = w.str(am, "name", ap); err != nil {
			return nil, false, err
		}
		if a.Content, err = w.str(am, "content", ap); err != nil {
			return nil, false, err
		}
		if a.Type, err = w.str(am, "type", ap); err != nil {
			return nil, false, err
		}
		out = append(out, a)
	}
	return out, true, nil
}

func (w *walker) serviceProvider(v any, p string) (*ServiceProvider, string, error) {
	m, err := w.object(v, p)
	if err != nil {
		return nil, "", err
	}
	w.known(m, p, "type", "name", "metadata", "entityId", "clientId", "id")
	typ, err := w.str(m, "type", p)
	if err != nil {
		return nil, "", err
	}
	name, err := w.str(m, "name", p)
	if err != nil {
		return nil, "", err
	}
	sp := &ServiceProvider{Type: typ}
	mp := child(p, "metadata")
	md, _ := m["metadata"].(map[string]any)
	if m["metadata"] != nil && md == nil {
		return nil, "", w.errf(mp, "expected an object, found %s", describe(m["metadata"]))
	}
	if md == nil {
		md = map[string]any{}
	}
	switch typ {
	case "saml":
		if sp.SAML, err = w.saml(md, mp); err != nil {
			return nil, "", err
		}
		if sp.SAML.EntityID == "" {
			if sp.SAML.EntityID, err = w.str(m, "entityId", p); err != nil {
				return nil, "", err
			}
		}
	case "oidc":
		if sp.OIDC, err = w.oidc(md, mp); err != nil {
			return nil, "", err
		}
		if sp.OIDC.ClientID == "" {
			if sp.OIDC.ClientID, err = w.str(m, "clientId", p); err != nil {
				return nil, "", err
			}
		}
	case "":
		return nil, "", w.errf(child(p, "type"), "missing: a service is \"saml\" or \"oidc\"")
	default:
		return nil, "", w.errf(child(p, "type"), "%q is not a service type; expected \"saml\" or \"oidc\"", typ)
	}
	return sp, name, nil
}

func (w *walker) saml(m map[string]any, p string) (*SAML, error) {
	w.known(m, p, "entityId", "authnRequestsSigned", "wantAssertionsSigned", "signingCertificates",
		"encryptionCertificates", "assertionConsumerServiceUrls", "metadataUrl", "metadataValidUntil",
		"signingCertificateValidUntil", "encryptionCertificateValidUntil")
	s := &SAML{}
	var err error
	if s.EntityID, err = w.str(m, "entityId", p); err != nil {
		return nil, err
	}
	if s.AuthnRequestsSigned, err = w.boolp(m, "authnRequestsSigned", p); err != nil {
		return nil, err
	}
	if s.WantAssertionsSigned, err = w.boolp(m, "wantAssertionsSigned", p); err != nil {
		return nil, err
	}
	if s.SigningCertificates, err = w.strList(m, "signingCertificates", p); err != nil {
		return nil, err
	}
	if s.EncryptionCertificates, err = w.strList(m, "encryptionCertificates", p); err != nil {
		return nil, err
	}
	list, err := w.array(m, "assertionConsumerServiceUrls", p)
	if err != nil {
		return nil, err
	}
	for i, v := range list {
		ap := index(child(p, "assertionConsumerServiceUrls"), i)
		am, err := w.object(v, ap)
		if err != nil {
			return nil, err
		}
		w.known(am, ap, "bindings", "binding", "location", "index", "isDefault")
		var a ACS
		if a.Binding, err = w.str(am, "bindings", ap); err != nil {
			return nil, err
		}
		if a.Binding == "" {
			if a.Binding, err = w.str(am, "binding", ap); err != nil {
				return nil, err
			}
		}
		if a.Location, err = w.str(am, "location", ap); err != nil {
			return nil, err
		}
		if a.Index, err = w.intp(am, "index", ap); err != nil {
			return nil, err
		}
		if a.IsDefault, err = w.boolp(am, "isDefault", ap); err != nil {
			return nil, err
		}
		s.ACS = append(s.ACS, a)
	}
	return s, nil
}

// oidcFields are the client metadata fields of RFC 7591 2 and OpenID
// Connect Dynamic Client Registration 2 that a registration may carry.
var oidcFields = []string{
	"client_id", "client_secret", "client_id_issued_at", "client_secret_expires_at",
	"redirect_uris", "post_logout_redirect_uris", "response_types", "grant_types", "scope",
	"token_endpoint_auth_method", "token_endpoint_auth_signing_alg", "client_name", "client_uri",
	"logo_uri", "contacts", "tos_uri", "policy_uri", "jwks_uri", "jwks", "software_id",
	"software_version", "application_type", "sector_identifier_uri", "subject_type",
	"id_token_signed_response_alg", "id_token_encrypted_response_alg", "id_token_encrypted_response_enc",
	"userinfo_signed_response_alg", "default_max_age", "require_auth_time", "default_acr_values",
	"initiate_login_uri", "request_uris", "frontchannel_logout_uri", "backchannel_logout_uri",
	"code_challenge_method", "registration_access_token", "registration_client_uri",
}

func (w *walker) oidc(m map[string]any, p string) (*OIDC, error) {
	w.known(m, p, oidcFields...)
	o := &OIDC{}
	var err error
	if o.ClientID, err = w.str(m, "client_id", p); err != nil {
		return nil, err
	}
	secret, err := w.str(m, "client_secret", p)
	if err != nil {
		return nil, err
	}
	o.ClientSecretSet = secret != ""
	if o.RedirectURIs, err = w.strList(m, "redirect_uris", p); err != nil {
		return nil, err
	}
	if o.PostLogoutRedirectURIs, err = w.strList(m, "post_logout_redirect_uris", p); err != nil {
		return nil, err
	}
	if o.ResponseTypes, err = w.strList(m, "response_types", p); err != nil {
		return nil, err
	}
	if o.GrantTypes, err = w.strList(m, "grant_types", p); err != nil {
		return nil, err
	}
	if o.Scope, err = w.str(m, "scope", p); err != nil {
		return nil, err
	}
	if o.TokenEndpointAuthMethod, err = w.str(m, "token_endpoint_auth_method", p); err != nil {
		return nil, err
	}
	return o, nil
}

// IdentitySourceTypes are the identity source types of the management service.
var IdentitySourceTypes = []string{"wilma", "opinsys", "azure", "gsuite", "adfs"}

func (w *walker) identityProvider(v any, p string) (*IdentityProvider, error) {
	m, err := w.object(v, p)
	if err != nil {
		return nil, err
	}
	w.known(m, p, "type", "idpId", "logoUrl", "flowName", "entityId", "metadataUrl", "tenantId",
		"hostname", "institutionTypes", "allowedServiceProviders", "metadataValidUntil",
		"signingCertificateValidUntil", "encryptionCertificateValidUntil", "id")
	idp := &IdentityProvider{}
	for _, f := range []struct {
		key string
		dst *string
	}{
		{"type", &idp.Type}, {"idpId", &idp.IdpID}, {"flowName", &idp.FlowName},
		{"entityId", &idp.EntityID}, {"metadataUrl", &idp.MetadataURL},
		{"tenantId", &idp.TenantID}, {"hostname", &idp.Hostname},
	} {
		if *f.dst, err = w.str(m, f.key, p); err != nil {
			return nil, err
		}
	}
	switch {
	case idp.Type == "":
		return nil, w.errf(child(p, "type"), "missing: an identity source is one of %s", strings.Join(IdentitySourceTypes, ", "))
	case !contains(IdentitySourceTypes, idp.Type):
		return nil, w.errf(child(p, "type"), "%q is not an identity source type; expected one of %s", idp.Type, strings.Join(IdentitySourceTypes, ", "))
	}
	types, err := w.array(m, "institutionTypes", p)
	if err != nil {
		return nil, err
	}
	for i, t := range types {
		tp := index(child(p, "institutionTypes"), i)
		var n int
		switch x := t.(type) {
		case json.Number:
			n, err = strconv.Atoi(x.String())
		case string:
			// Some records give the codes as strings ("11").
			n, err = strconv.Atoi(x)
			if err == nil {
				w.note(tp, "institution type given as the string %q; read as %d", x, n)
			}
		default:
			err = errors.New("not a number")
		}
		if err != nil {
			return nil, w.errf(tp, "expected an institution type code (a whole number), found %s", describe(t))
		}
		idp.InstitutionTypes = append(idp.InstitutionTypes, n)
	}
	allowed, err := w.array(m, "allowedServiceProviders", p)
	if err != nil {
		return nil, err
	}
	for i, a := range allowed {
		ap := index(child(p, "allowedServiceProviders"), i)
		am, err := w.object(a, ap)
		if err != nil {
			return nil, err
		}
		w.known(am, ap, "type", "entityId", "clientId", "name", "id")
		var s AllowedService
		if s.Type, err = w.str(am, "type", ap); err != nil {
			return nil, err
		}
		if s.EntityID, err = w.str(am, "entityId", ap); err != nil {
			return nil, err
		}
		if s.ClientID, err = w.str(am, "clientId", ap); err != nil {
			return nil, err
		}
		idp.AllowedServiceProviders = append(idp.AllowedServiceProviders, s)
	}
	return idp, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Attribute returns the content of the named attribute and whether it is there.
func (in *Integration) Attribute(name string) (string, bool) {
	for _, a := range in.Attributes {
		if strings.EqualFold(a.Name, name) {
			return a.Content, true
		}
	}
	return "", false
}

// Environment is the audit environment of the deployment phase: 0 (testing)
// is test, 1 (production) and 2 (preproduction) are production; "" when the
// phase is not given or not one of these.
func (in *Integration) Environment() string {
	if in.DeploymentPhase == nil {
		return ""
	}
	switch *in.DeploymentPhase {
	case 0:
		return "test"
	case 1, 2:
		return "production"
	}
	return ""
}
