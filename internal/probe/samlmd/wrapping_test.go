package samlmd

import (
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

const wrapSP = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="_sp" entityID="https://good.example.fi/sp">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">
  <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://good.example.fi/acs" index="0" isDefault="true"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>`

const evilSP = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://evil.example.fi/sp">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false">
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://evil.example.fi/acs" index="0"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>`

// signMetadata signs an EntityDescriptor enveloped, as a federation does,
// with goxmldsig.
func signMetadata(t *testing.T, doc string) string {
	t.Helper()
	d := etree.NewDocument()
	if err := d.ReadFromString(doc); err != nil {
		t.Fatal(err)
	}
	ks := dsig.RandomKeyStoreForTest()
	ctx := dsig.NewDefaultSigningContext(ks)
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	signed, err := ctx.SignEnveloped(d.Root())
	if err != nil {
		t.Fatal(err)
	}
	out := etree.NewDocument()
	out.SetRoot(signed)
	s, err := out.WriteToString()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// XML signature wrapping: the probe reads only what the signature covers,
// and says which entity it judged; a wrapped or altered document is never
// reported as validly signed.
func TestSignatureWrapping(t *testing.T) {
	now := time.Now()
	signed := signMetadata(t, wrapSP)
	sigStart := strings.Index(signed, "<ds:Signature")
	sigEnd := strings.Index(signed, "</ds:Signature>") + len("</ds:Signature>")
	if sigStart < 0 || sigEnd < sigStart {
		t.Fatalf("no signature in %s", signed)
	}
	signature := signed[sigStart:sigEnd]
	unsignedBody := signed[:sigStart] + signed[sigEnd:]
	for _, c := range []struct {
		name      string
		doc       string
		signed    bool
		valid     bool
		entity    string
		authnReqs bool
	}{
		{"signed as made", signed, true, true, "https://good.example.fi/sp", true},
		{"an unsigned entity beside the signed one in a new aggregate",
			`<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">` + evilSP + signed[strings.Index(signed, "<md:EntityDescriptor"):] + `</md:EntitiesDescriptor>`,
			false, false, "https://evil.example.fi/sp", false},
		{"the signed entity altered (ACS moved)", strings.Replace(signed, "https://good.example.fi/acs", "https://evil.example.fi/acs", 1), true, false, "https://good.example.fi/sp", true},
		{"a second SPSSODescriptor injected", strings.Replace(signed, "</md:EntityDescriptor>", strings.SplitN(strings.SplitN(evilSP, "\n", 2)[1], "</md:EntityDescriptor>", 2)[0]+"</md:EntityDescriptor>", 1), true, false, "https://good.example.fi/sp", true},
		{"the signature moved into an extension", strings.Replace(unsignedBody, "<md:SPSSODescriptor", "<md:Extensions>"+signature+"</md:Extensions><md:SPSSODescriptor", 1), false, false, "https://good.example.fi/sp", true},
		{"a comment inside a signed text", strings.Replace(signed, "nameid-format:persistent", "nameid-format:<!-- x -->persistent", 1), true, true, "https://good.example.fi/sp", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Parse([]byte(c.doc), now, Options{Prefer: "sp"})
			if r.Status != "ok" {
				t.Fatalf("status %s: %s", r.Status, r.Error)
			}
			valid := r.SignatureValid != nil && *r.SignatureValid
			if r.Signed != c.signed || valid != c.valid {
				t.Errorf("signed %v, valid %v (%s); want %v, %v", r.Signed, valid, r.SignatureError, c.signed, c.valid)
			}
			if r.EntityID != c.entity {
				t.Errorf("judged %s, want %s", r.EntityID, c.entity)
			}
			if valid && (r.SP == nil || len(r.SP.ACS) != 1 || r.SP.ACS[0].Location != "https://good.example.fi/acs" ||
				len(r.SP.NameIDFormats) != 1 || r.SP.NameIDFormats[0] != "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent") {
				t.Errorf("a valid signature, but the facts are not the signed ones: %+v", r.SP)
			}
		})
	}
}
