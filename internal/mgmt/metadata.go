package mgmt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

const bindingPrefix = "urn:oasis:names:tc:SAML:2.0:bindings:"

// Binding is the full SAML binding URI of a registered binding
// ("HTTP-POST" → urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST).
func Binding(b string) string {
	if b == "" || strings.Contains(b, ":") {
		return b
	}
	return bindingPrefix + b
}

// EntityDescriptor rebuilds SAML metadata from a registered SAML record:
// entityID, the signing and encryption certificates, the ACS endpoints and
// the two flags, nothing else. It is the registration as metadata, so that
// the metadata probe and the SAML rules can read it; it is not signed and
// not the service's own document, which its leading comment says.
func EntityDescriptor(s *SAML, origin string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, "<!-- %s -->\n", comment("Rebuilt by mpassaudit import from the MPASSid management service registration "+origin+"; not the service's own metadata, not signed."))
	fmt.Fprintf(&b, `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">`+"\n", attr(s.EntityID))
	b.WriteString(`  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"`)
	if s.AuthnRequestsSigned != nil {
		fmt.Fprintf(&b, ` AuthnRequestsSigned="%t"`, *s.AuthnRequestsSigned)
	}
	if s.WantAssertionsSigned != nil {
		fmt.Fprintf(&b, ` WantAssertionsSigned="%t"`, *s.WantAssertionsSigned)
	}
	b.WriteString(">\n")
	for _, kc := range []struct {
		use   string
		certs []string
	}{{"signing", s.SigningCertificates}, {"encryption", s.EncryptionCertificates}} {
		for _, c := range kc.certs {
			fmt.Fprintf(&b, `    <md:KeyDescriptor use="%s"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`+"\n", kc.use, text(strings.Join(strings.Fields(c), "")))
		}
	}
	for i, a := range s.ACS {
		idx := i
		if a.Index != nil {
			idx = *a.Index
		}
		fmt.Fprintf(&b, `    <md:AssertionConsumerService Binding="%s" Location="%s" index="%d"`, attr(Binding(a.Binding)), attr(a.Location), idx)
		if a.IsDefault != nil {
			fmt.Fprintf(&b, ` isDefault="%t"`, *a.IsDefault)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n")
	return b.Bytes()
}

func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func text(s string) string { return attr(s) }

// comment keeps "--" (not allowed in an XML comment) out of s.
func comment(s string) string {
	s = attr(oneLine(s))
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return strings.TrimSuffix(s, "-")
}

// Slug is a file-name-safe form of a name: lower case ASCII letters,
// digits and single dashes (ä → a, ö → o, å → a), at most 40 characters.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// BaseName is the file name (without extension) of an integration's
// answers: "<id>-<name>", or fallback when the record has neither.
func (in *Integration) BaseName(fallback string) string {
	parts := []string{}
	if s := Slug(in.ID); s != "" {
		parts = append(parts, s)
	}
	if s := Slug(in.Name); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		if s := Slug(fallback); s != "" {
			return s
		}
		return "integration"
	}
	return strings.Join(parts, "-")
}
