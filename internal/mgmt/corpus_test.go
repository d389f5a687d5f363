package mgmt

import (
	"crypto/x509"
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const corpus = "../../../shared/corpus"

// corpusFile is a management-service file of the corpus; the test skips
// (saying so) when the corpus is not beside the worktree.
func corpusFile(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(corpus, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s not found (the corpus is expected at %s): %v", rel, corpus, err)
	}
	return p
}

func load(t testing.TB, rel string) *Export {
	t.Helper()
	ex, err := Load(corpusFile(t, rel))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return ex
}

func ids(ex *Export) []string {
	var out []string
	for _, in := range ex.Integrations {
		out = append(out, in.ID)
	}
	return out
}

func phases(ex *Export) []int {
	var out []int
	for _, in := range ex.Integrations {
		if in.DeploymentPhase == nil {
			out = append(out, -1)
		} else {
			out = append(out, *in.DeploymentPhase)
		}
	}
	return out
}

type certFact struct {
	bits     int
	sigAlg   string
	subject  string
	notAfter string
	parseErr bool
}

func parseCert(t *testing.T, b64 string) certFact {
	t.Helper()
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("certificate is not base64: %v", err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return certFact{parseErr: true}
	}
	return certFact{
		bits:     c.PublicKey.(interface{ Size() int }).Size() * 8,
		sigAlg:   c.SignatureAlgorithm.String(),
		subject:  c.Subject.String(),
		notAfter: c.NotAfter.UTC().Format(time.RFC3339),
	}
}

// The facts are MANIFEST.md §4.3 and §4.4 and its detail blocks.
func TestCorpusSAMLServices(t *testing.T) {
	ex := load(t, "mpassid-hallintapalvelu/saml_services.json")
	if got, want := ids(ex), []string{"5000010", "5000011"}; !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
	if got, want := phases(ex), []int{1, 0}; !slices.Equal(got, want) {
		t.Errorf("phases %v, want %v", got, want)
	}
	if e0, e1 := ex.Integrations[0].Environment(), ex.Integrations[1].Environment(); e0 != "production" || e1 != "test" {
		t.Errorf("environments %q %q, want production test", e0, e1)
	}
	sun := certFact{bits: 1024, sigAlg: "MD5-RSA", subject: "CN=test,OU=OpenSSO,O=Sun,L=Santa Clara,ST=California,C=US", notAfter: "2018-01-12T19:19:39Z"}
	cases := []struct {
		name, entity, acs string
		ars, was          bool
		sign, enc         int
	}{
		{"Mt", "https://mt/mpass", "https://mt/Shibboleth.sso/SAML2/POST", true, true, 1, 1},
		{"Do", "https://do/mpass", "https://do/sso/mpass-sp", false, false, 1, 0},
	}
	var all []string
	for i, c := range cases {
		in := ex.Integrations[i]
		s := in.SP.SAML
		if in.Name != c.name || in.SP.Type != "saml" || s.EntityID != c.entity {
			t.Errorf("%d: name %q type %q entityId %q", i, in.Name, in.SP.Type, s.EntityID)
		}
		if *s.AuthnRequestsSigned != c.ars || *s.WantAssertionsSigned != c.was {
			t.Errorf("%s: flags %v %v", c.entity, *s.AuthnRequestsSigned, *s.WantAssertionsSigned)
		}
		if len(s.SigningCertificates) != c.sign || len(s.EncryptionCertificates) != c.enc {
			t.Errorf("%s: %d signing, %d encryption certificates", c.entity, len(s.SigningCertificates), len(s.EncryptionCertificates))
		}
		if len(s.ACS) != 1 || s.ACS[0].Location != c.acs || Binding(s.ACS[0].Binding) != bindingPrefix+"HTTP-POST" || *s.ACS[0].Index != 0 || !*s.ACS[0].IsDefault {
			t.Errorf("%s: ACS %+v", c.entity, s.ACS)
		}
		if in.Organization.OID != "1.2.246.562.10.00000000001" || in.Organization.BusinessID != "" {
			t.Errorf("%s: organisation %+v", c.entity, in.Organization)
		}
		all = append(all, s.SigningCertificates...)
		all = append(all, s.EncryptionCertificates...)
	}
	if len(all) != 3 {
		t.Fatalf("%d certificate entries, want 3", len(all))
	}
	for _, c := range all {
		if got := parseCert(t, c); got != sun || c != all[0] {
			t.Errorf("certificate %+v, want the same %+v in all three", got, sun)
		}
	}
	if len(ex.Notes) != 0 {
		t.Errorf("notes on a clean file: %v", ex.Notes)
	}
}

func TestCorpusSAMLRecord(t *testing.T) {
	csc := certFact{bits: 4096, sigAlg: "SHA256-RSA", subject: "CN=firmitas.csc.fi,O=CSC,L=Espoo,ST=Uusimaa,C=FI", notAfter: "2026-01-26T11:43:56Z"}
	for _, c := range []struct {
		file    string
		signing certFact
	}{
		{"mpassid-hallintapalvelu/test_saml_sp_metadata.json", csc},
		{"mpassid-hallintapalvelu/test_saml_sp_metadata-invalid_cert.json", certFact{parseErr: true}},
	} {
		ex := load(t, c.file)
		if len(ex.Integrations) != 1 {
			t.Fatalf("%s: %d integrations", c.file, len(ex.Integrations))
		}
		in := ex.Integrations[0]
		s := in.SP.SAML
		if in.ID != "" || in.Role != RoleService || s.EntityID != "https://domain/shibboleth/mpass" || !*s.AuthnRequestsSigned || !*s.WantAssertionsSigned {
			t.Errorf("%s: %+v %+v", c.file, in, s)
		}
		if len(s.ACS) != 1 || s.ACS[0].Location != "https://domain/mpass/Shibboleth.sso/SAML2/POST" {
			t.Errorf("%s: ACS %+v", c.file, s.ACS)
		}
		if got := parseCert(t, s.SigningCertificates[0]); got != c.signing {
			t.Errorf("%s: signing %+v, want %+v", c.file, got, c.signing)
		}
		if got := parseCert(t, s.EncryptionCertificates[0]); got != csc {
			t.Errorf("%s: encryption %+v, want %+v", c.file, got, csc)
		}
		if in.Environment() != "" {
			t.Errorf("%s: a bare record has no phase, got %q", c.file, in.Environment())
		}
	}
}

func TestCorpusOIDCServices(t *testing.T) {
	ex := load(t, "oidc/mpassid-hallintapalvelu_oidc_services.json")
	if got, want := ids(ex), []string{"5000001", "5000002", "5000003", "5000033"}; !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
	if got, want := phases(ex), []int{1, 1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("phases %v, want %v", got, want)
	}
	want := []struct {
		client, auth string
		secret       bool
		redirects    []string
		logout       int
		groups       int
	}{
		{"clientId", "", true, []string{"https://kh/callback/"}, 0, 1},
		{"clientId4", "", false, []string{"https://R/redirect"}, 1, 1},
		{"Wuoluc1FARWBe6yocK9J6hiHh5gAjB7pyw4KXRQjVDvWnY21srEDJl50ae4OtBz4NovyCvxrTvaukDUa", "client_secret_post", false, []string{"https://lae/sso/authenticate", "https://eal/sso/authenticate"}, 0, 0},
		{"AjB7pyw4KXRQjVDvWnY21srEDJl50ae4OtBz4NovyCvxrTvaukDUa", "client_secret_post", false, []string{"https://lae/sso/authenticate", "https://eal/sso/authenticate"}, 0, 1},
	}
	for i, w := range want {
		in := ex.Integrations[i]
		o := in.SP.OIDC
		if o.ClientID != w.client || o.TokenEndpointAuthMethod != w.auth || o.ClientSecretSet != w.secret {
			t.Errorf("%s: client %q auth %q secret %v", in.ID, o.ClientID, o.TokenEndpointAuthMethod, o.ClientSecretSet)
		}
		if !slices.Equal(o.RedirectURIs, w.redirects) || len(o.PostLogoutRedirectURIs) != w.logout || len(in.IntegrationGroups) != w.groups {
			t.Errorf("%s: redirects %v logout %v groups %v", in.ID, o.RedirectURIs, o.PostLogoutRedirectURIs, in.IntegrationGroups)
		}
		if !slices.Equal(o.ResponseTypes, []string{"code"}) || !slices.Equal(o.GrantTypes, []string{"authorization_code"}) || o.Scope != "openid profile" {
			t.Errorf("%s: %v %v %q", in.ID, o.ResponseTypes, o.GrantTypes, o.Scope)
		}
		v, ok := in.Attribute("allowtestlearnerid")
		if (i == 0) != (ok && v == "true") {
			t.Errorf("%s: allowtestlearnerid %q %v", in.ID, v, ok)
		}
	}
}

func TestCorpusOIDCTemplate(t *testing.T) {
	ex := load(t, "oidc/mpassid-hallintapalvelu_test_oidc_sp_metadata.json")
	o := ex.Integrations[0].SP.OIDC
	if o.ClientID != "{{ domain_clientId }}" || !o.ClientSecretSet || !slices.Equal(o.RedirectURIs, []string{"https://domain/auth/mpass"}) || o.TokenEndpointAuthMethod != "" {
		t.Errorf("%+v", o)
	}
}

func TestCorpusIdentityProviders(t *testing.T) {
	cases := []struct {
		file      string
		typ       string
		ids       []string
		entityIDs []string
		hosts     []string
		tenants   []string
		allowed   []int
		attrs     []int
		notes     int
	}{
		{"azure_home_organizations.json", "azure", []string{"4000001", "4000002", "4000003", "4000004"},
			[]string{"https://df-44d9-bffa-1a/", "https://7-b624-d34c2a24/", "https://st6c-c84667ac/", "https://-b624-d34c2a24/"},
			[]string{"", "", "", ""}, []string{"", "", "", ""}, []int{0, 0, 0, 0}, []int{12, 12, 12, 12}, 0},
		{"gsuite_home_organizations.json", "gsuite", []string{"4000010", "4000011"},
			[]string{"https://acwdh4", "https://ac56y56y56h"}, []string{"", ""}, []string{"", ""}, []int{5, 0}, []int{10, 10}, 0},
		{"wilma_home_organizations.json", "wilma", []string{"4000051", "4000052", "4000053"},
			[]string{"", "", ""}, []string{"en.inschool.fi", "eu.inschool.fi", "el.inschool.fi"}, []string{"", "", ""}, []int{0, 0, 0}, []int{2, 2, 2}, 0},
		// 4000032 gives institution types as strings (1 note); 4000033 as
		// strings (2 notes) and its 4 attributes without name (4 notes).
		{"opinsys_home_organizations.json", "opinsys", []string{"4000031", "4000032", "4000033"},
			[]string{"", "", ""}, []string{"", "", ""}, []string{"ka.opinsys.fi", "es.opinsys.fi", "jo.opinsys.fi"}, []int{5, 0, 0}, []int{4, 4, 4}, 7},
	}
	for _, c := range cases {
		ex := load(t, "mpassid-hallintapalvelu/"+c.file)
		if got := ids(ex); !slices.Equal(got, c.ids) {
			t.Errorf("%s: ids %v, want %v", c.file, got, c.ids)
			continue
		}
		for i, in := range ex.Integrations {
			idp := in.IdP
			if in.Role != RoleIdentityProvider || idp.Type != c.typ || idp.EntityID != c.entityIDs[i] || idp.Hostname != c.hosts[i] || idp.TenantID != c.tenants[i] {
				t.Errorf("%s %s: %+v", c.file, in.ID, idp)
			}
			if len(idp.AllowedServiceProviders) != c.allowed[i] || len(in.Attributes) != c.attrs[i] {
				t.Errorf("%s %s: %d allowed, %d attributes", c.file, in.ID, len(idp.AllowedServiceProviders), len(in.Attributes))
			}
			if *in.DeploymentPhase != 1 || in.Environment() != "production" || in.Organization.OID != "1.2.246.562.10.00000000001" {
				t.Errorf("%s %s: phase %v org %+v", c.file, in.ID, *in.DeploymentPhase, in.Organization)
			}
			if c.typ == "azure" {
				if v, _ := in.Attribute("clientId"); v != "***," || idp.MetadataURL != "https://www.example.org" || !idp.ClientKeySet {
					t.Errorf("%s %s: clientId %q metadataUrl %q", c.file, in.ID, v, idp.MetadataURL)
				}
			}
		}
		if len(ex.Notes) != c.notes {
			t.Errorf("%s: %d notes, want %d: %v", c.file, len(ex.Notes), c.notes, ex.Notes)
		}
	}
}

// The allowed services of gsuite 4000010 are the SAML and OIDC services of
// the other two files (MANIFEST.md §4.4).
func TestCorpusAllowedServicesMatch(t *testing.T) {
	known := map[string]bool{}
	for _, f := range []string{"mpassid-hallintapalvelu/saml_services.json", "oidc/mpassid-hallintapalvelu_oidc_services.json"} {
		for _, in := range load(t, f).Integrations {
			if in.SP.SAML != nil {
				known["saml "+in.SP.SAML.EntityID] = true
			} else {
				known["oidc "+in.SP.OIDC.ClientID] = true
			}
		}
	}
	idp := load(t, "mpassid-hallintapalvelu/gsuite_home_organizations.json").Integrations[0].IdP
	saml, oidc := 0, 0
	for _, a := range idp.AllowedServiceProviders {
		key := a.Type + " " + a.EntityID + a.ClientID
		if !known[key] {
			t.Errorf("allowed service %q is not in the service files", key)
		}
		if a.Type == "saml" {
			saml++
		} else {
			oidc++
		}
	}
	if saml != 2 || oidc != 3 {
		t.Errorf("%d SAML, %d OIDC allowed services; want 2 and 3", saml, oidc)
	}
}

// Every management-service file of the corpus is covered above.
func TestCorpusCovered(t *testing.T) {
	dir := filepath.Dir(corpusFile(t, "mpassid-hallintapalvelu/saml_services.json"))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	covered := "azure gsuite opinsys saml_services test_saml_sp_metadata test_saml_sp_metadata-invalid_cert wilma"
	for _, e := range entries {
		name := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".json"), "_home_organizations")
		if !slices.Contains(strings.Fields(covered), name) {
			t.Errorf("corpus file %s has no test", e.Name())
		}
	}
}
