package samlmd

import "encoding/xml"

// XML namespaces read by the parser.
const (
	nsMD       = "urn:oasis:names:tc:SAML:2.0:metadata"
	nsDS       = "http://www.w3.org/2000/09/xmldsig#"
	nsMDUI     = "urn:oasis:names:tc:SAML:metadata:ui"
	nsREMD     = "http://refeds.org/metadata"
	nsALG      = "urn:oasis:names:tc:SAML:metadata:algsupport"
	nsXMLNS    = "http://www.w3.org/XML/1998/namespace"
	protoSAML2 = "urn:oasis:names:tc:SAML:2.0:protocol"
)

// The document as encoding/xml reads it. Boolean and index attributes are
// strings so that absence (null in the result) differs from false or 0;
// crewjam/saml's IndexedEndpoint has Index int and cannot say "absent".
type xEntities struct {
	XMLName    xml.Name
	Name       string      `xml:"Name,attr"`
	ValidUntil string      `xml:"validUntil,attr"`
	Signature  *xSignature `xml:"http://www.w3.org/2000/09/xmldsig# Signature"`
	Entities   []xEntity   `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntityDescriptor"`
	Nested     []xEntities `xml:"urn:oasis:names:tc:SAML:2.0:metadata EntitiesDescriptor"`
}

type xEntity struct {
	XMLName    xml.Name
	EntityID   string       `xml:"entityID,attr"`
	ValidUntil string       `xml:"validUntil,attr"`
	Signature  *xSignature  `xml:"http://www.w3.org/2000/09/xmldsig# Signature"`
	Extensions *xExtensions `xml:"urn:oasis:names:tc:SAML:2.0:metadata Extensions"`
	SP         []xRole      `xml:"urn:oasis:names:tc:SAML:2.0:metadata SPSSODescriptor"`
	IdP        []xRole      `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
	Contacts   []xContact   `xml:"urn:oasis:names:tc:SAML:2.0:metadata ContactPerson"`
}

type xRole struct {
	Protocols               string           `xml:"protocolSupportEnumeration,attr"`
	AuthnRequestsSigned     *string          `xml:"AuthnRequestsSigned,attr"`
	WantAssertionsSigned    *string          `xml:"WantAssertionsSigned,attr"`
	WantAuthnRequestsSigned *string          `xml:"WantAuthnRequestsSigned,attr"`
	Extensions              *xExtensions     `xml:"urn:oasis:names:tc:SAML:2.0:metadata Extensions"`
	Keys                    []xKeyDescriptor `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
	ACS                     []xEndpoint      `xml:"urn:oasis:names:tc:SAML:2.0:metadata AssertionConsumerService"`
	SSO                     []xEndpoint      `xml:"urn:oasis:names:tc:SAML:2.0:metadata SingleSignOnService"`
	SLO                     []xEndpoint      `xml:"urn:oasis:names:tc:SAML:2.0:metadata SingleLogoutService"`
	NameIDFormats           []string         `xml:"urn:oasis:names:tc:SAML:2.0:metadata NameIDFormat"`
	AttrServices            []xAttrService   `xml:"urn:oasis:names:tc:SAML:2.0:metadata AttributeConsumingService"`
}

type xExtensions struct {
	UIInfo         []xUIInfo `xml:"urn:oasis:names:tc:SAML:metadata:ui UIInfo"`
	SigningMethods []xAlg    `xml:"urn:oasis:names:tc:SAML:metadata:algsupport SigningMethod"`
	DigestMethods  []xAlg    `xml:"urn:oasis:names:tc:SAML:metadata:algsupport DigestMethod"`
}

type xAlg struct {
	Algorithm string `xml:"Algorithm,attr"`
}

type xUIInfo struct {
	DisplayNames []xLocalized `xml:"urn:oasis:names:tc:SAML:metadata:ui DisplayName"`
	PrivacyURLs  []xLocalized `xml:"urn:oasis:names:tc:SAML:metadata:ui PrivacyStatementURL"`
}

type xLocalized struct {
	Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Value string `xml:",chardata"`
}

type xKeyDescriptor struct {
	Use   string   `xml:"use,attr"`
	Certs []string `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo>X509Data>X509Certificate"`
}

type xEndpoint struct {
	Binding   string  `xml:"Binding,attr"`
	Location  string  `xml:"Location,attr"`
	Index     *string `xml:"index,attr"`
	IsDefault *string `xml:"isDefault,attr"`
}

type xAttrService struct {
	Requested []xRequested `xml:"urn:oasis:names:tc:SAML:2.0:metadata RequestedAttribute"`
}

type xRequested struct {
	Name         string `xml:"Name,attr"`
	FriendlyName string `xml:"FriendlyName,attr"`
}

type xContact struct {
	// Both contactType attributes (md's unqualified one and remd's) share a
	// local name, which encoding/xml cannot tell apart by tag; read all.
	Attrs  []xml.Attr `xml:",any,attr"`
	Emails []string   `xml:"urn:oasis:names:tc:SAML:2.0:metadata EmailAddress"`
}

type xSignature struct {
	SignatureMethod xAlg     `xml:"http://www.w3.org/2000/09/xmldsig# SignedInfo>SignatureMethod"`
	References      []xRef   `xml:"http://www.w3.org/2000/09/xmldsig# SignedInfo>Reference"`
	KeyCerts        []string `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo>X509Data>X509Certificate"`
}

type xRef struct {
	DigestMethod xAlg `xml:"http://www.w3.org/2000/09/xmldsig# DigestMethod"`
}
