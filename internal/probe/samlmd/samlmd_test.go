package samlmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

const spMetadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" xmlns:remd="http://refeds.org/metadata" ID="_m1" entityID="https://sp.example.fi/saml" validUntil="2027-01-01T00:00:00Z">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="1">
  <md:Extensions><mdui:UIInfo>
   <mdui:DisplayName xml:lang="fi">Oppimispalvelu</mdui:DisplayName>
   <mdui:DisplayName xml:lang="sv">Lärtjänst</mdui:DisplayName>
   <mdui:DisplayName xml:lang="en">Learning service</mdui:DisplayName>
   <mdui:PrivacyStatementURL xml:lang="en">https://sp.example.fi/privacy-en</mdui:PrivacyStatementURL>
   <mdui:PrivacyStatementURL xml:lang="fi">https://sp.example.fi/tietosuoja</mdui:PrivacyStatementURL>
  </mdui:UIInfo></md:Extensions>
  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.fi/acs" index="1" isDefault="true"/>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://10.0.0.1/acs"/>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://localhost:8080/acs" index="x"/>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://intranet/acs" index="3" isDefault="false"/>
  <md:AttributeConsumingService index="1">
   <md:ServiceName xml:lang="fi">x</md:ServiceName>
   <md:RequestedAttribute Name="urn:mpass.id:role" FriendlyName="mpassRole"/>
   <md:RequestedAttribute Name="urn:mpass.id:schoolCode" FriendlyName="mpassSchoolCode"/>
   <md:RequestedAttribute Name="urn:mpass.id:legacyCryptId"/>
   <md:RequestedAttribute Name="urn:oid:0.9.2342.19200300.100.1.3" FriendlyName="mail"/>
  </md:AttributeConsumingService>
 </md:SPSSODescriptor>
 <md:ContactPerson contactType="technical"><md:EmailAddress>mailto:tech@sp.example.fi</md:EmailAddress></md:ContactPerson>
 <md:ContactPerson contactType="other" remd:contactType="http://refeds.org/metadata/contactType/security"><md:EmailAddress>cert@sp.example.fi</md:EmailAddress></md:ContactPerson>
</md:EntityDescriptor>`

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func TestParseSP(t *testing.T) {
	r := Parse([]byte(spMetadata), now, Options{})
	if r.Status != "ok" {
		t.Fatal(r.Error)
	}
	sp := r.SP
	if sp == nil || r.IdP != nil || !sp.SAML2 {
		t.Fatalf("roles: sp=%v idp=%v", sp, r.IdP)
	}
	if tri(sp.AuthnRequestsSigned) != "true" || tri(sp.WantAssertionsSigned) != "true" || tri(sp.WantAuthnRequestsSigned) != "np" {
		t.Errorf("flags: %s %s %s", tri(sp.AuthnRequestsSigned), tri(sp.WantAssertionsSigned), tri(sp.WantAuthnRequestsSigned))
	}
	if r.ValidUntil != "2027-01-01T00:00:00Z" {
		t.Errorf("valid_until %q", r.ValidUntil)
	}
	if sp.DisplayNames != (DisplayNames{FI: "Oppimispalvelu", SV: "Lärtjänst", EN: "Learning service"}) {
		t.Errorf("display names %+v", sp.DisplayNames)
	}
	if sp.PrivacyURL != "https://sp.example.fi/tietosuoja" {
		t.Errorf("privacy_url %q, want the Finnish one", sp.PrivacyURL)
	}
	acs := []struct {
		scheme, host, kind string
		index              string
		def                string
	}{
		{"https", "sp.example.fi", "fqdn", "1", "true"},
		{"https", "10.0.0.1", "ip", "null", "np"},
		{"http", "localhost", "localhost", "null", "np"}, // index="x" is not an integer
		{"https", "intranet", "single-label", "3", "false"},
	}
	if len(sp.ACS) != len(acs) {
		t.Fatalf("%d ACS, want %d", len(sp.ACS), len(acs))
	}
	for i, w := range acs {
		e := sp.ACS[i]
		idx := "null"
		if e.Index != nil {
			idx = sprint(*e.Index)
		}
		if e.Scheme != w.scheme || e.Host != w.host || e.HostKind != w.kind || idx != w.index || tri(e.IsDefault) != w.def {
			t.Errorf("ACS %d = %+v (index %s, default %s), want %+v", i, e, idx, tri(e.IsDefault), w)
		}
	}
	want := []Attribute{
		{Name: "urn:mpass.id:role", FriendlyName: "mpassRole", InModel: true},
		{Name: "urn:mpass.id:schoolCode", FriendlyName: "mpassSchoolCode", Legacy: true},
		{Name: "urn:mpass.id:legacyCryptId", Legacy: true},
		{Name: "urn:oid:0.9.2342.19200300.100.1.3", FriendlyName: "mail"},
	}
	if sprint(sp.RequestedAttributes) != sprint(want) {
		t.Errorf("requested attributes %+v, want %+v", sp.RequestedAttributes, want)
	}
	if len(r.Contacts) != 2 || r.Contacts[0] != (Contact{"technical", "tech@sp.example.fi", false}) || r.Contacts[1] != (Contact{"other", "cert@sp.example.fi", true}) {
		t.Errorf("contacts %+v", r.Contacts)
	}
	if r.Signed || r.SignatureValid != nil {
		t.Errorf("unsigned document: signed=%v signature_valid=%v", r.Signed, r.SignatureValid)
	}
}

func TestLegacyNames(t *testing.T) {
	for _, n := range []string{"urn:mpass.id:schoolCode", "urn:mpass.id:educationProviderId", "urn:mpass.id:municipality", "urn:mpass.id:class", "urn:mpass.id:legacyCryptId"} {
		if !Legacy(n) || InModel(n) {
			t.Errorf("%s: legacy %v, in model %v", n, Legacy(n), InModel(n))
		}
	}
	for _, n := range []string{"urn:mpass.id:uid", "urn:mpass.id:schoolInfo", "urn:oid:1.3.6.1.4.1.16161.1.1.27", "urn:mpass.id:learningMaterialsCharge"} {
		if Legacy(n) || !InModel(n) {
			t.Errorf("%s: legacy %v, in model %v", n, Legacy(n), InModel(n))
		}
	}
}

func TestHostile(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol2;"/>`
	deep := `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">` + strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000) + `</md:EntityDescriptor>`
	cases := []struct{ name, doc, want string }{
		{"entity expansion", bomb, "DTD"},
		{"external entity", `<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>`, "DTD"},
		{"deep nesting", deep, "deeper than"},
		{"not XML", "hello", "XML"},
		{"truncated", `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">`, "XML"},
		{"wrong root", `<html/>`, "not a SAML 2.0"},
		{"empty aggregate", `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>`, "no EntityDescriptor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			r := Parse([]byte(c.doc), now, Options{})
			if r.Status != "error" || !strings.Contains(r.Error, c.want) {
				t.Errorf("status %s, error %q; want an error naming %q", r.Status, r.Error, c.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v to refuse", d)
			}
		})
	}
}

// A document signed in the test verifies; altering it afterwards does not,
// and then the facts come from the document but signature_valid is false.
func TestSignature(t *testing.T) {
	doc := etree.NewDocument()
	if err := doc.ReadFromString(spMetadata); err != nil {
		t.Fatal(err)
	}
	ctx := dsig.NewDefaultSigningContext(dsig.RandomKeyStoreForTest())
	signed, err := ctx.SignEnveloped(doc.Root())
	if err != nil {
		t.Fatal(err)
	}
	out := etree.NewDocument()
	out.SetRoot(signed)
	b, err := out.WriteToBytes()
	if err != nil {
		t.Fatal(err)
	}
	r := Parse(b, now, Options{})
	if !r.Signed || r.SignatureValid == nil || !*r.SignatureValid || r.SignatureError != "" {
		t.Fatalf("signed document: signed=%v valid=%v error=%q", r.Signed, r.SignatureValid, r.SignatureError)
	}
	if r.Algorithms.SHA1 || len(r.Algorithms.Signature) != 1 || !strings.Contains(r.Algorithms.Signature[0], "sha256") {
		t.Errorf("algorithms %+v", r.Algorithms)
	}
	if r.EntityID != "https://sp.example.fi/saml" || r.SP == nil || len(r.SP.ACS) != 4 {
		t.Errorf("facts of the signed element: %q, %v", r.EntityID, r.SP)
	}
	tampered := bytes.Replace(b, []byte("https://sp.example.fi/acs"), []byte("https://evil.example/acs"), 1)
	r = Parse(tampered, now, Options{})
	if !r.Signed || r.SignatureValid == nil || *r.SignatureValid || r.SignatureError == "" {
		t.Fatalf("tampered document: signed=%v valid=%v error=%q", r.Signed, r.SignatureValid, r.SignatureError)
	}
}

// The corpus signatures, checked with goxmldsig against each signature's
// own KeyInfo certificate (the manifest records them as not verified).
func TestCorpusSignatures(t *testing.T) {
	dir := probetest.Corpus(t, "saml")
	for file, valid := range map[string]bool{
		"ezproxy-configuration_adfs_FederationMetadata.xml":       true,
		"mpassid-hallintapalvelu_test_saml_metadata_entra-id.xml": true,
		"python3-saml_signed_metadata_settings1.xml":              true,
		// Inclusive C14N with an exc-c14n#WithComments transform: the
		// digest does not match what goxmldsig computes.
		"pysaml2_extended.xml": false,
	} {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		r := Parse(b, ref, Options{})
		if r.SignatureValid == nil || *r.SignatureValid != valid {
			t.Errorf("%s: signature_valid %v (%s), want %v", file, r.SignatureValid, r.SignatureError, valid)
		}
	}
}

func TestProbeFileAndURL(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "sp.xml")
	if err := os.WriteFile(f, []byte(spMetadata), 0o600); err != nil {
		t.Fatal(err)
	}
	r := Probe(context.Background(), f, safenet.Options{}, time.Second, now, Options{})
	if r.Status != "ok" || r.Target != f || len(r.SHA256) != 64 || r.FetchedAt != "2026-11-27T12:00:00Z" {
		t.Errorf("file probe: %+v", r.Meta)
	}
	r = Probe(context.Background(), filepath.Join(dir, "missing.xml"), safenet.Options{}, time.Second, now, Options{})
	if r.Status != "error" || !strings.Contains(r.Error, "missing.xml") {
		t.Errorf("missing file: %+v", r.Meta)
	}
	r = Probe(context.Background(), "http://sp.example.fi/metadata", safenet.Options{}, time.Second, now, Options{})
	if r.Status != "error" || !strings.Contains(r.Error, "only https") {
		t.Errorf("http URL: %+v", r.Meta)
	}
}

func FuzzSAMLMetadata(f *testing.F) {
	f.Add([]byte(spMetadata))
	f.Add([]byte(`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"><md:EntityDescriptor entityID="a"/></md:EntitiesDescriptor>`))
	f.Add([]byte(`<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Parse(data, now, Options{})
		if r.Status != "ok" && r.Status != "error" {
			t.Fatalf("status %q", r.Status)
		}
		if r.Status == "error" && r.Error == "" {
			t.Fatal("an error without a reason")
		}
		if r.Status == "ok" && r.Root == "" {
			t.Fatal("ok without a root")
		}
	})
}
