// Package samlmd probes SAML 2.0 metadata (a service provider's or an
// identity provider's; one EntityDescriptor or an EntitiesDescriptor
// aggregate) and reports what the catalogue's SAML requirements read:
// entityID, roles, signing flags, certificates, endpoints, NameID formats,
// algorithms, XML-signature validity, requested attributes against data
// model 1.4, mdui names, contacts and validUntil. The result has exactly the
// shape of "Probe results" in policies/README.md.
//
// Hostile input is refused before parsing: a DTD (so no entity expansion),
// nesting deeper than base.MaxXMLDepth and documents over base.MaxBody.
package samlmd

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/jonboulle/clockwork"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// Kind is the probe name used in answers fields and results.
const Kind = "saml-metadata"

// Result is one metadata probe's result.
type Result struct {
	base.Meta
	Root           string     `json:"root"`
	EntityID       string     `json:"entity_id"`
	EntityCount    int        `json:"entity_count"`
	ValidUntil     string     `json:"valid_until"`
	Signed         bool       `json:"signed"`
	SignatureValid *bool      `json:"signature_valid"`
	SignatureError string     `json:"signature_error"`
	Algorithms     Algorithms `json:"algorithms"`
	Contacts       []Contact  `json:"contacts"`
	SP             *Role      `json:"sp"`
	IdP            *Role      `json:"idp"`
}

// Algorithms are the signature and digest algorithms the metadata uses
// (its own XML signature) or advertises (alg:SigningMethod, alg:DigestMethod).
type Algorithms struct {
	Signature []string `json:"signature"`
	Digest    []string `json:"digest"`
	SHA1      bool     `json:"sha1"`
}

// Contact is one ContactPerson.
type Contact struct {
	Type     string `json:"type"`
	Email    string `json:"email"`
	Security bool   `json:"security"`
}

// Role is an SPSSODescriptor or IDPSSODescriptor.
type Role struct {
	Protocols               []string      `json:"protocols"`
	SAML2                   bool          `json:"saml2"`
	AuthnRequestsSigned     *bool         `json:"authn_requests_signed"`
	WantAssertionsSigned    *bool         `json:"want_assertions_signed"`
	WantAuthnRequestsSigned *bool         `json:"want_authn_requests_signed"`
	Certificates            []Certificate `json:"certificates"`
	ACS                     []Endpoint    `json:"acs"`
	SSO                     []Endpoint    `json:"sso"`
	SLO                     []Endpoint    `json:"slo"`
	NameIDFormats           []string      `json:"nameid_formats"`
	RequestedAttributes     []Attribute   `json:"requested_attributes"`
	DisplayNames            DisplayNames  `json:"display_names"`
	PrivacyURL              string        `json:"privacy_url"`
}

// Certificate is one X509Certificate of a KeyDescriptor.
type Certificate struct {
	Use                string `json:"use"`
	KeyType            string `json:"key_type"`
	KeyBits            int    `json:"key_bits"`
	Curve              string `json:"curve"`
	NotBefore          string `json:"not_before"`
	NotAfter           string `json:"not_after"`
	DaysLeft           *int   `json:"days_left"`
	SignatureAlgorithm string `json:"signature_algorithm"`
	ParseError         string `json:"parse_error"`
	// SHA256 is the fingerprint of the DER certificate (hex, lower case;
	// "" when the base64 does not decode): registered and live metadata
	// are compared by it (SP-SAML-13).
	SHA256 string `json:"sha256"`
}

// Endpoint is an ACS, SSO or SLO endpoint.
type Endpoint struct {
	Location  string `json:"location"`
	Scheme    string `json:"scheme"`
	Host      string `json:"host"`
	HostKind  string `json:"host_kind"`
	Binding   string `json:"binding"`
	Index     *int   `json:"index"`
	IsDefault *bool  `json:"is_default"`
}

// Attribute is one RequestedAttribute.
type Attribute struct {
	Name         string `json:"name"`
	FriendlyName string `json:"friendly_name"`
	InModel      bool   `json:"in_model"`
	Legacy       bool   `json:"legacy"`
}

// DisplayNames are the mdui:DisplayName texts in the three languages.
type DisplayNames struct {
	FI string `json:"fi"`
	SV string `json:"sv"`
	EN string `json:"en"`
}

// Options steer which entity of an aggregate is reported.
type Options struct {
	// EntityID picks that entity of an aggregate.
	EntityID string
	// Prefer is "sp" or "idp": without EntityID, an aggregate reports its
	// first entity with that role (else the first entity).
	Prefer string
}

// Probe reads metadata from a file or an https URL and parses it. It never
// returns an error: a probe that fails has Status "error" and the reason.
func Probe(ctx context.Context, target string, net safenet.Options, timeout time.Duration, now time.Time, opts Options) *Result {
	r := &Result{Meta: base.NewMeta(Kind, target, now)}
	var data []byte
	var err error
	if strings.Contains(target, "://") {
		data, _, err = net.Get(ctx, target, timeout)
	} else {
		data, err = readFile(ctx, target)
	}
	if err != nil {
		r.Fail(err)
		return r
	}
	r.Hash(data)
	parse(r, data, now, opts)
	return r
}

// readFile reads a regular file only, within the size cap and the probe's
// deadline (a FIFO must not hang the audit).
func readFile(ctx context.Context, name string) ([]byte, error) {
	b, err := safefile.Read(ctx, name, base.MaxBody, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read the metadata file: %w", err)
	}
	return b, nil
}

// Parse parses metadata bytes as of now (the audit time, for days_left).
func Parse(data []byte, now time.Time, opts Options) *Result {
	r := &Result{Meta: base.NewMeta(Kind, "", now)}
	r.Hash(data)
	parse(r, data, now, opts)
	return r
}

func parse(r *Result, data []byte, now time.Time, opts Options) {
	r.Contacts = []Contact{}
	r.Algorithms = Algorithms{Signature: []string{}, Digest: []string{}}
	data = base.StripBOM(data)
	if err := base.CheckXML(data); err != nil {
		r.Fail(err)
		return
	}
	root, err := rootName(data)
	if err != nil {
		r.Fail(err)
		return
	}
	if root.Space != nsMD || (root.Local != "EntityDescriptor" && root.Local != "EntitiesDescriptor") {
		r.Fail(fmt.Errorf("the root element is {%s}%s, not a SAML 2.0 md:EntityDescriptor or md:EntitiesDescriptor", root.Space, root.Local))
		return
	}
	r.Root = root.Local

	// The document signature: read its algorithms from the document, then
	// validate it and, when valid, read the facts only from the element
	// validation returns (a wrapped or altered document is not trusted).
	facts := data
	var sig *xSignature
	if root.Local == "EntityDescriptor" {
		var e xEntity
		if err := unmarshal(data, &e); err != nil {
			r.Fail(err)
			return
		}
		sig = e.Signature
	} else {
		var es xEntities
		if err := unmarshal(data, &es); err != nil {
			r.Fail(err)
			return
		}
		sig = es.Signature
	}
	if sig != nil {
		r.Signed = true
		r.addSigAlgs(sig)
		valid, verr, signed := validate(data, sig)
		r.SignatureValid = &valid
		if verr != nil {
			r.SignatureError = verr.Error()
		} else {
			facts = signed
		}
	}

	var chosen *xEntity
	var validUntil []string
	if root.Local == "EntityDescriptor" {
		var e xEntity
		if err := unmarshal(facts, &e); err != nil {
			r.Fail(err)
			return
		}
		r.EntityCount = 1
		chosen = &e
	} else {
		var es xEntities
		if err := unmarshal(facts, &es); err != nil {
			r.Fail(err)
			return
		}
		all, untils := flatten(&es, nil)
		r.EntityCount = len(all)
		if len(all) == 0 {
			r.Fail(errors.New("the EntitiesDescriptor holds no EntityDescriptor"))
			return
		}
		i := pick(all, opts)
		if i < 0 {
			r.Fail(fmt.Errorf("no entity %q among the %d entities of the aggregate", opts.EntityID, len(all)))
			return
		}
		chosen, validUntil = all[i], untils[i]
	}
	if chosen.ValidUntil != "" {
		validUntil = append(validUntil, chosen.ValidUntil)
	}
	r.ValidUntil = earliest(validUntil)
	r.EntityID = strings.TrimSpace(chosen.EntityID)
	if chosen.Extensions != nil {
		r.addAdvertised(chosen.Extensions)
	}
	for _, c := range chosen.Contacts {
		r.Contacts = append(r.Contacts, contact(c))
	}
	if len(chosen.SP) > 0 {
		r.SP = role(chosen.SP, now, r)
	}
	if len(chosen.IdP) > 0 {
		r.IdP = role(chosen.IdP, now, r)
	}
	for _, u := range append(slices.Clone(r.Algorithms.Signature), r.Algorithms.Digest...) {
		if isSHA1(u) {
			r.Algorithms.SHA1 = true
		}
	}
}

func rootName(data []byte) (xml.Name, error) {
	d := base.NewXMLDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, fmt.Errorf("not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name, nil
		}
	}
}

func unmarshal(data []byte, v any) error {
	d := base.NewXMLDecoder(bytes.NewReader(data))
	if err := d.Decode(v); err != nil {
		line, _ := d.InputPos()
		return fmt.Errorf("line %d: cannot read the metadata: %v", line, err)
	}
	return nil
}

// EntityIDs lists the entityIDs of a metadata document in document order
// (depth first through nested aggregates).
func EntityIDs(data []byte) ([]string, error) {
	data = base.StripBOM(data)
	if err := base.CheckXML(data); err != nil {
		return nil, err
	}
	root, err := rootName(data)
	if err != nil {
		return nil, err
	}
	if root.Local == "EntityDescriptor" {
		var e xEntity
		if err := unmarshal(data, &e); err != nil {
			return nil, err
		}
		return []string{strings.TrimSpace(e.EntityID)}, nil
	}
	var es xEntities
	if err := unmarshal(data, &es); err != nil {
		return nil, err
	}
	all, _ := flatten(&es, nil)
	ids := make([]string, len(all))
	for i, e := range all {
		ids[i] = strings.TrimSpace(e.EntityID)
	}
	return ids, nil
}

// flatten lists the entities of an aggregate, depth first, with the
// validUntil of every enclosing EntitiesDescriptor.
func flatten(es *xEntities, outer []string) ([]*xEntity, [][]string) {
	if es.ValidUntil != "" {
		outer = append(slices.Clone(outer), es.ValidUntil)
	}
	var all []*xEntity
	var untils [][]string
	for i := range es.Entities {
		all = append(all, &es.Entities[i])
		untils = append(untils, slices.Clone(outer))
	}
	for i := range es.Nested {
		a, u := flatten(&es.Nested[i], outer)
		all = append(all, a...)
		untils = append(untils, u...)
	}
	return all, untils
}

func pick(all []*xEntity, opts Options) int {
	if opts.EntityID != "" {
		for i, e := range all {
			if strings.TrimSpace(e.EntityID) == opts.EntityID {
				return i
			}
		}
		return -1
	}
	for i, e := range all {
		if (opts.Prefer == "sp" && len(e.SP) > 0) || (opts.Prefer == "idp" && len(e.IdP) > 0) {
			return i
		}
	}
	if opts.Prefer == "" {
		for i, e := range all {
			if len(e.SP) > 0 {
				return i
			}
		}
	}
	return 0
}

// earliest is the validUntil that ends first (the effective one), as
// RFC 3339 UTC; an unparseable value is kept as written.
func earliest(vs []string) string {
	out, best := "", time.Time{}
	for _, v := range vs {
		v = strings.TrimSpace(v)
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			if out == "" {
				out = v
			}
			continue
		}
		if best.IsZero() || t.Before(best) {
			best, out = t, t.UTC().Format(time.RFC3339Nano)
		}
	}
	return out
}

func (r *Result) addSigAlgs(s *xSignature) {
	r.Algorithms.Signature = addUnique(r.Algorithms.Signature, s.SignatureMethod.Algorithm)
	for _, ref := range s.References {
		r.Algorithms.Digest = addUnique(r.Algorithms.Digest, ref.DigestMethod.Algorithm)
	}
}

func (r *Result) addAdvertised(x *xExtensions) {
	for _, a := range x.SigningMethods {
		r.Algorithms.Signature = addUnique(r.Algorithms.Signature, a.Algorithm)
	}
	for _, a := range x.DigestMethods {
		r.Algorithms.Digest = addUnique(r.Algorithms.Digest, a.Algorithm)
	}
}

func addUnique(list []string, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// isSHA1 matches the xmldsig SHA-1 URIs: …#sha1, …#rsa-sha1, …#dsa-sha1,
// …#ecdsa-sha1, …#hmac-sha1.
func isSHA1(uri string) bool {
	frag := uri
	if i := strings.LastIndexAny(uri, "#/"); i >= 0 {
		frag = uri[i+1:]
	}
	frag = strings.ToLower(frag)
	return frag == "sha1" || strings.HasSuffix(frag, "-sha1")
}

func contact(c xContact) Contact {
	var out Contact
	for _, a := range c.Attrs {
		switch {
		case a.Name.Local == "contactType" && a.Name.Space == "":
			out.Type = strings.TrimSpace(a.Value)
		case a.Name.Local == "contactType" && a.Name.Space == nsREMD:
			out.Security = strings.TrimSpace(a.Value) == "http://refeds.org/metadata/contactType/security"
		}
	}
	if len(c.Emails) > 0 {
		out.Email = strings.TrimPrefix(strings.TrimSpace(c.Emails[0]), "mailto:")
	}
	return out
}

// role merges the role descriptors of one type (an entity rarely has two):
// flags from the first, lists from all.
func role(rs []xRole, now time.Time, r *Result) *Role {
	out := &Role{
		Protocols: []string{}, Certificates: []Certificate{}, ACS: []Endpoint{}, SSO: []Endpoint{}, SLO: []Endpoint{},
		NameIDFormats: []string{}, RequestedAttributes: []Attribute{},
	}
	first := rs[0]
	out.AuthnRequestsSigned = xsBool(first.AuthnRequestsSigned)
	out.WantAssertionsSigned = xsBool(first.WantAssertionsSigned)
	out.WantAuthnRequestsSigned = xsBool(first.WantAuthnRequestsSigned)
	for _, x := range rs {
		for _, p := range strings.Fields(x.Protocols) {
			out.Protocols = addUnique(out.Protocols, p)
		}
		for _, k := range x.Keys {
			for _, c := range k.Certs {
				out.Certificates = append(out.Certificates, certificate(strings.TrimSpace(k.Use), c, now))
			}
		}
		for _, e := range x.ACS {
			out.ACS = append(out.ACS, endpoint(e))
		}
		for _, e := range x.SSO {
			out.SSO = append(out.SSO, endpoint(e))
		}
		for _, e := range x.SLO {
			out.SLO = append(out.SLO, endpoint(e))
		}
		for _, f := range x.NameIDFormats {
			out.NameIDFormats = addUnique(out.NameIDFormats, f)
		}
		for _, s := range x.AttrServices {
			for _, a := range s.Requested {
				out.RequestedAttributes = append(out.RequestedAttributes, attribute(a))
			}
		}
		if x.Extensions != nil {
			r.addAdvertised(x.Extensions)
			for _, ui := range x.Extensions.UIInfo {
				for _, n := range ui.DisplayNames {
					setLang(&out.DisplayNames, n)
				}
				if out.PrivacyURL == "" {
					out.PrivacyURL = privacyURL(ui.PrivacyURLs)
				}
			}
		}
	}
	out.SAML2 = slices.Contains(out.Protocols, protoSAML2)
	return out
}

// xsBool reads an xs:boolean attribute; absent is nil. A value that is not
// an xs:boolean is read as false, as a SAML implementation would reject it.
func xsBool(s *string) *bool {
	if s == nil {
		return nil
	}
	v := strings.TrimSpace(*s)
	b := v == "true" || v == "1"
	return &b
}

func setLang(d *DisplayNames, n xLocalized) {
	v := strings.TrimSpace(n.Value)
	switch strings.ToLower(n.Lang) {
	case "fi":
		if d.FI == "" {
			d.FI = v
		}
	case "sv":
		if d.SV == "" {
			d.SV = v
		}
	case "en":
		if d.EN == "" {
			d.EN = v
		}
	}
}

// privacyURL prefers the Finnish, then English, then any privacy statement.
func privacyURL(us []xLocalized) string {
	for _, l := range []string{"fi", "en", "sv"} {
		for _, u := range us {
			if strings.EqualFold(u.Lang, l) {
				return strings.TrimSpace(u.Value)
			}
		}
	}
	if len(us) > 0 {
		return strings.TrimSpace(us[0].Value)
	}
	return ""
}

func endpoint(e xEndpoint) Endpoint {
	out := Endpoint{Location: strings.TrimSpace(e.Location), Binding: strings.TrimSpace(e.Binding)}
	if u, err := url.Parse(out.Location); err == nil {
		out.Scheme = strings.ToLower(u.Scheme)
		out.Host = strings.ToLower(u.Hostname())
		out.HostKind = HostKind(out.Host)
	}
	if e.Index != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(*e.Index)); err == nil {
			out.Index = &n
		}
	}
	out.IsDefault = xsBool(e.IsDefault)
	return out
}

// HostKind classifies a URL host: "ip" (an IP literal), "localhost",
// "single-label" (no dot, e.g. an intranet name) or "fqdn"; "" for no host.
func HostKind(host string) string {
	h := strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	switch {
	case h == "":
		return ""
	case isIP(h):
		return "ip"
	case h == "localhost" || strings.HasSuffix(h, ".localhost"):
		return "localhost"
	case !strings.Contains(h, "."):
		return "single-label"
	}
	return "fqdn"
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil
}

func certificate(use, b64 string, now time.Time) Certificate {
	out := Certificate{Use: use}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil {
		out.ParseError = "the X509Certificate is not valid base64: " + err.Error()
		return out
	}
	sum := sha256.Sum256(der)
	out.SHA256 = hex.EncodeToString(sum[:])
	if bytes.HasPrefix(bytes.TrimSpace(der), []byte("-----BEGIN")) {
		out.ParseError = "the X509Certificate holds base64 of a PEM text block (-----BEGIN CERTIFICATE-----), not of the DER certificate: put only the base64 lines between BEGIN and END in the metadata"
		return out
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		out.ParseError = err.Error()
		return out
	}
	describeKey(&out, c)
	out.NotBefore = c.NotBefore.UTC().Format(time.RFC3339)
	out.NotAfter = c.NotAfter.UTC().Format(time.RFC3339)
	d := base.DaysLeft(c.NotAfter, now)
	out.DaysLeft = &d
	out.SignatureAlgorithm = c.SignatureAlgorithm.String()
	return out
}

func describeKey(out *Certificate, c *x509.Certificate) {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		out.KeyType, out.KeyBits = "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		out.KeyType, out.KeyBits, out.Curve = "EC", k.Curve.Params().BitSize, k.Curve.Params().Name
	case ed25519.PublicKey:
		out.KeyType, out.KeyBits, out.Curve = "Ed25519", 256, "Ed25519"
	default:
		out.KeyType = c.PublicKeyAlgorithm.String()
	}
}

// The data model 1.4 attribute names (REQUIREMENTS.md, "The data model 1.4").
var model14 = map[string]bool{
	"urn:oid:2.5.4.4":                      true, // sn
	"urn:oid:2.5.4.42":                     true, // givenName
	"urn:mpass.id:nickname":                true,
	"urn:mpass.id:uid":                     true,
	"urn:oid:1.3.6.1.4.1.16161.1.1.27":     true, // learnerId
	"urn:mpass.id:schoolInfo":              true,
	"urn:mpass.id:educationProviderInfo":   true,
	"urn:mpass.id:role":                    true,
	"urn:mpass.id:classLevel":              true,
	"urn:mpass.id:learningMaterialsCharge": true,
	"urn:mpass.id:originalIssuer":          true,
}

// Names of earlier data models that 1.4 removed or replaced.
var legacy = map[string]bool{
	"urn:mpass.id:schoolCode":          true,
	"urn:mpass.id:school":              true,
	"urn:mpass.id:educationProviderId": true,
	"urn:mpass.id:educationProvider":   true,
	"urn:mpass.id:municipality":        true,
	"urn:mpass.id:municipalityCode":    true,
	"urn:mpass.id:class":               true,
	"urn:mpass.id:role_v1.1":           true,
}

// InModel reports whether an attribute name is in data model 1.4.
func InModel(name string) bool { return model14[name] }

// Legacy reports whether an attribute name was removed in data model 1.4:
// the listed names and the legacy crypt ids (urn:mpass.id:legacy…, …crypt…).
func Legacy(name string) bool {
	if legacy[name] {
		return true
	}
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "urn:mpass.id:") && (strings.HasPrefix(l, "urn:mpass.id:legacy") || strings.Contains(l, "crypt"))
}

func attribute(a xRequested) Attribute {
	n := strings.TrimSpace(a.Name)
	return Attribute{Name: n, FriendlyName: strings.TrimSpace(a.FriendlyName), InModel: InModel(n), Legacy: Legacy(n)}
}

// validate checks the document signature against the certificate in the
// signature's own KeyInfo. It answers whether the signature is
// cryptographically valid; whether that key is the federation's is the
// trust question the operator answers, and the certificate's expiry is
// reported elsewhere, so the clock is set inside the certificate's
// validity. On success it returns the signed element's bytes.
func validate(data []byte, sig *xSignature) (bool, error, []byte) {
	if len(sig.KeyCerts) == 0 {
		return false, errors.New("the signature has no X509Certificate in its KeyInfo, so it cannot be checked without the signer's certificate"), nil
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(sig.KeyCerts[0]), ""))
	if err != nil {
		return false, fmt.Errorf("the signature's certificate is not valid base64: %v", err), nil
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return false, fmt.Errorf("the signature's certificate does not parse: %v", err), nil
	}
	doc := etree.NewDocument()
	doc.ReadSettings.Permissive = false
	if err := doc.ReadFromBytes(data); err != nil {
		return false, fmt.Errorf("cannot read the document for signature validation: %v", err), nil
	}
	if doc.Root() == nil {
		return false, errors.New("no root element"), nil
	}
	ctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	ctx.Clock = dsig.NewFakeClock(clockwork.NewFakeClockAt(cert.NotBefore.Add(time.Second)))
	el, err := ctx.Validate(doc.Root())
	if err != nil {
		return false, fmt.Errorf("the XML signature does not verify: %v", err), nil
	}
	out := etree.NewDocument()
	out.SetRoot(el)
	b, err := out.WriteToBytes()
	if err != nil {
		return false, fmt.Errorf("cannot read the signed element: %v", err), nil
	}
	return true, nil, b
}
