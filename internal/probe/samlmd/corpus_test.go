package samlmd

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
)

// ref is the corpus verification date: every "expired" in MANIFEST.md is
// relative to it.
var ref = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// fact is one row of MANIFEST.md §4.1 (or of its per-entity tables).
// np means "not present"; dates are the distinct certificate notAfter days.
type fact struct {
	file, entity string
	root         string
	id           string
	count        int
	signed       bool
	sha1         bool
	roles        string // SP, IdP, SP+IdP or "" (neither SSO role)
	keys         []int
	notAfter     []string
	acs          []string // Binding@scheme, distinct, in document order
	ars, was     string   // SPSSODescriptor: true, false, np
	wars         string   // IDPSSODescriptor WantAuthnRequestsSigned
	nameid       []string // short forms, distinct, in order
	contacts     []string // contactType, distinct, in order
	security     bool
	mdui         bool
	validUntil   string
	badCerts     int // certificates that do not parse (base64 of PEM)
}

const (
	mdA = "urn:oasis:names:tc:SAML:2.0:metadata"
)

var facts = []fact{
	{file: "ezproxy-configuration_adfs_FederationMetadata.xml", root: "EntityDescriptor", id: "https://sts.ucar.edu/adfs/services/trust", count: 1, signed: true, roles: "SP+IdP",
		keys: []int{2048}, notAfter: []string{"2018-10-01"}, acs: []string{"HTTP-POST@https", "HTTP-Artifact@https", "HTTP-Redirect@https"},
		ars: "np", was: "true", wars: "np", nameid: []string{"emailAddress", "persistent", "transient"}, contacts: []string{"support"}},
	{file: "mpassid-hallintapalvelu_test_saml_metadata_entra-id.xml", root: "EntityDescriptor", id: "https://sts.windows.net/3f066e8c-8395-4a1c-adc6-84baed0e079e/", count: 1, signed: true, roles: "IdP",
		keys: []int{2048}, notAfter: []string{"2025-12-20", "2026-02-06", "2026-10-24", "2027-01-30", "2027-05-22", "2027-10-02", "2025-12-21", "2026-03-10"}, wars: "np"},
	{file: "pyff_idp.aco.net.xml", root: "EntityDescriptor", id: "https://idp.aco.net/idp/shibboleth", count: 1, roles: "IdP", keys: []int{2048}, notAfter: []string{"2029-11-03"},
		wars: "np", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier", "transient"}, contacts: []string{"administrative", "technical"}, mdui: true},
	{file: "pyff_sharav.abes.fr.xml", root: "EntityDescriptor", id: "https://sharav.abes.fr/idp/shibboleth", count: 1, roles: "IdP", keys: []int{2048}, notAfter: []string{"2035-03-16"},
		wars: "np", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier", "transient"}, contacts: []string{"technical"}, mdui: true},
	{file: "pyff_skriptenforum.net.xml", root: "EntityDescriptor", id: "https://skriptenforum.net/shibboleth", count: 1, roles: "SP", keys: []int{2048}, notAfter: []string{"2020-09-27"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https", "browser-post@https", "artifact-01@https"}, ars: "np", was: "np", contacts: []string{"technical"}, mdui: true},
	{file: "pyff_stockholmstad-c1107b3ceb78c5e9.xml", root: "EntityDescriptor", id: "https://login001.test.stockholm.se-SP", count: 1, roles: "SP", keys: []int{2048}, notAfter: []string{"2027-08-21"},
		acs: []string{"HTTP-POST@https"}, ars: "true", was: "false", nameid: []string{"persistent"}},
	{file: "pyff_test01.xml", root: "EntityDescriptor", id: "https://idp.example.com/saml2/idp/metadata.php", count: 1, roles: "IdP", wars: "np", nameid: []string{"transient"},
		contacts: []string{"administrative", "technical", "support"}, mdui: true},
	{file: "pyff_test02-sp.xml", root: "EntityDescriptor", id: "https://example.com.com/shibboleth", count: 1, roles: "SP", keys: []int{3072}, notAfter: []string{"2031-06-16"},
		acs: []string{"HTTP-POST@https", "HTTP-Artifact@https", "PAOS@https"}, ars: "np", was: "np", contacts: []string{"technical", "administrative", "support", "other"}, security: true, mdui: true,
		sha1: true}, // advertises ECDSA and also rsa-sha1, dsa-sha1, ecdsa-sha1 and sha1 (alg:SigningMethod, alg:DigestMethod)
	{file: "pysaml2_entity_esi_and_coco_sp.xml", root: "EntityDescriptor", id: "https://esi-coco.example.edu/saml2/metadata/", count: 1, roles: "SP", keys: []int{2048}, notAfter: []string{"2023-06-10"},
		acs: []string{"HTTP-POST@https"}, ars: "false", was: "true", contacts: []string{"technical", "administrative"}},
	{file: "pysaml2_idp_example.xml", root: "EntityDescriptor", id: "http://localhost:8088/idp.xml", count: 1, roles: "IdP", keys: []int{1024}, notAfter: []string{"2010-10-26"},
		wars: "false", nameid: []string{"transient", "persistent"}, contacts: []string{"technical", "support"}, validUntil: "2036-04-12T06:06:13Z"},
	{file: "pysaml2_servera.xml", root: "EntityDescriptor", id: "urn:mace:example.com:saml:roland:sp", count: 1, roles: "SP", keys: []int{1024}, notAfter: []string{"2009-11-05"},
		acs: []string{"HTTP-POST@http", "PAOS@http", "HTTP-Redirect@http"}, ars: "false", was: "true", nameid: []string{"transient", "persistent"}, contacts: []string{"technical"}},
	{file: "pysaml2_uu.xml", root: "EntityDescriptor", id: "https://akka-anv.uu.se/shibboleth", count: 1, roles: "SP", keys: []int{2048}, notAfter: []string{"2022-10-10"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https", "browser-post@https", "artifact-01@https"}, ars: "np", was: "np",
		sha1: true}, // its alg:SigningMethod list advertises rsa-sha1 and dsa-sha1
	{file: "python3-saml_expired_metadata_settings1.xml", root: "EntityDescriptor", id: "http://stuff.com/endpoints/metadata.php", count: 1, roles: "SP", keys: []int{1024}, notAfter: []string{"2007-08-14"},
		acs: []string{"HTTP-POST@http"}, ars: "false", was: "false", nameid: []string{"unspecified"}, validUntil: "2014-02-22T00:39:43Z"},
	{file: "python3-saml_idp_metadata_multi_certs.xml", root: "EntityDescriptor", id: "https://idp.examle.com/saml/metadata", count: 1, roles: "IdP", keys: []int{1024, 2048}, notAfter: []string{"2021-08-05", "2018-04-15"},
		wars: "np", nameid: []string{"transient"}},
	{file: "python3-saml_no_expiration_mark_metadata.xml", root: "EntityDescriptor", id: "http://stuff.com/endpoints/metadata.php", count: 1, roles: "SP",
		acs: []string{"HTTP-POST@http"}, ars: "false", was: "false", nameid: []string{"unspecified"}},
	{file: "python3-saml_signed_metadata_settings1.xml", root: "EntityDescriptor", id: "https://example.com//demo1/metadata.php", count: 1, signed: true, sha1: true, roles: "SP", keys: []int{1024}, notAfter: []string{"2007-08-14"},
		acs: []string{"HTTP-POST@https"}, ars: "true", was: "false", nameid: []string{"emailAddress"}, contacts: []string{"technical", "support"}, validUntil: "2015-01-17T11:39:11Z"},
	{file: "workspace_saml_app_GoogleIDPMetadata.xml", root: "EntityDescriptor", id: "https://accounts.google.com/o/saml2?idpid=C023zw3x8", count: 1, roles: "IdP", keys: []int{2048}, notAfter: []string{"2026-12-16", "2027-04-26"},
		wars: "false", nameid: []string{"emailAddress"}, validUntil: "2026-12-16T17:18:02Z"},

	// Aggregates: one row per entity, as in the manifest's per-entity tables.
	{file: "pyff_test-sp.xml", entity: "https://cpauth.icos-cp.eu/saml/cpauth", root: "EntitiesDescriptor", count: 6, roles: "SP", keys: []int{2048}, notAfter: []string{"2025-02-02"},
		acs: []string{"HTTP-POST@https"}, ars: "np", was: "np", contacts: []string{"technical", "administrative"}, mdui: true, sha1: true},
	{file: "pyff_test-sp.xml", entity: "http://fs.liu.se/adfs/services/trust", root: "EntitiesDescriptor", count: 6, roles: "SP+IdP", keys: []int{2048}, notAfter: []string{"2027-12-15"},
		acs: []string{"HTTP-POST@https", "HTTP-Artifact@https"}, ars: "np", was: "true", wars: "np", nameid: []string{"emailAddress", "persistent", "transient"},
		contacts: []string{"administrative", "technical", "support", "other"}, security: true, mdui: true},
	{file: "pyff_test-sp.xml", entity: "https://test-edusign.ed-integrations.com/shibboleth", root: "EntitiesDescriptor", count: 6, roles: "SP", keys: []int{3072}, notAfter: []string{"2031-06-16"},
		acs: []string{"HTTP-POST@https", "HTTP-Artifact@https", "PAOS@https"}, ars: "np", was: "np", contacts: []string{"technical", "administrative", "support", "other"}, security: true, mdui: true, sha1: true},
	{file: "pyff_test-sp.xml", entity: "https://box-idp.nordu.net/simplesaml/module.php/saml/sp/metadata.php/default-sp", root: "EntitiesDescriptor", count: 6, roles: "SP", keys: []int{2048, 4096}, notAfter: []string{"2033-04-14", "2023-04-28"},
		acs: []string{"HTTP-POST@https", "browser-post@https", "HTTP-Artifact@https", "artifact-01@https"}, ars: "np", was: "np", contacts: []string{"technical", "other", "administrative", "support"}, security: true, mdui: true},
	{file: "pyff_test-sp.xml", entity: "https://csucoast.infoready4.com/shibboleth", root: "EntitiesDescriptor", count: 6, roles: "SP", keys: []int{2048}, notAfter: []string{"2023-10-27"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https"}, ars: "np", was: "np", contacts: []string{"administrative", "technical", "other"}, security: true, mdui: true},
	{file: "pyff_test-sp.xml", entity: "https://sp.silverchair.com/spe/development/shibboleth", root: "EntitiesDescriptor", count: 6, roles: "SP", keys: []int{2048}, notAfter: []string{"2031-07-04"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https", "browser-post@https", "artifact-01@https"}, ars: "np", was: "np", contacts: []string{"administrative", "technical", "other"}, security: true, mdui: true},
	{file: "pysaml2_extended.xml", entity: "https://coip-test.sunet.se/shibboleth", root: "EntitiesDescriptor", count: 2, signed: true, sha1: true, roles: "SP", keys: []int{2048}, notAfter: []string{"2020-12-04"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https", "browser-post@https", "artifact-01@https"}, ars: "np", was: "np"},
	{file: "pysaml2_extended.xml", entity: "https://coip-test.sunet.se/idp/shibboleth", root: "EntitiesDescriptor", count: 2, signed: true, sha1: true, roles: ""}, // attribute authority only
	{file: "python3-saml_idp_multiple_descriptors.xml", entity: "https://foo.example.com/access/saml/idp.xml", root: "EntitiesDescriptor", count: 2, roles: "IdP", wars: "true",
		nameid: []string{"unspecified", "emailAddress", "persistent"}, validUntil: "2014-04-17T18:02:33.91Z", badCerts: 2},
	{file: "python3-saml_idp_multiple_descriptors.xml", entity: "https://bar.example.com/access/saml/idp.xml", root: "EntitiesDescriptor", count: 2, roles: "IdP", wars: "false",
		nameid: []string{"unspecified", "emailAddress", "persistent"}, validUntil: "2014-04-17T18:02:33.91Z", badCerts: 2},
	// The manifest's 2016-08-27 certificate of this entity is in its
	// AttributeAuthorityDescriptor; the probe reports the SSO roles only.
	{file: "python3-saml_testshib-providers.xml", entity: "https://idp.testshib.org/idp/shibboleth", root: "EntitiesDescriptor", count: 2, roles: "IdP", keys: []int{2048}, notAfter: []string{"2036-08-23"},
		wars: "np", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier", "transient"}, contacts: []string{"technical"}, mdui: true, sha1: true},
	{file: "python3-saml_testshib-providers.xml", entity: "https://sp.testshib.org/shibboleth-sp", root: "EntitiesDescriptor", count: 2, roles: "SP", keys: []int{2048}, notAfter: []string{"2016-08-27"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "browser-post@https", "artifact-01@https", "http://schemas.xmlsoap.org/ws/2003/07/secext@https"},
		ars: "np", was: "np", nameid: []string{"transient", "urn:mace:shibboleth:1.0:nameIdentifier"}, contacts: []string{"technical"}, mdui: true, sha1: true},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://atmail.it.su.se/shibboleth", root: "EntitiesDescriptor", count: 58, roles: "SP", keys: []int{1024}, notAfter: []string{"2010-03-06"},
		acs: []string{"browser-post@https"}, ars: "false", was: "false", contacts: []string{"technical"}},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://shibboleth.sys.kth.se/identity", root: "EntitiesDescriptor", count: 58, roles: "IdP", keys: []int{1024}, notAfter: []string{"2011-02-06"},
		wars: "false", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier"}, contacts: []string{"technical"}},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://idp.protectnetwork.org/protectnetwork-idp", root: "EntitiesDescriptor", count: 58, roles: "IdP", keys: []int{512}, notAfter: []string{"2017-02-11"},
		wars: "false", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier"}, contacts: []string{"technical"}},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://downloads.channel8.msdn.com/shibboleth-sp", root: "EntitiesDescriptor", count: 58, roles: "SP", keys: []int{2048}, notAfter: []string{"2008-10-08"},
		acs: []string{"browser-post@https", "artifact-01@https"}, ars: "false", was: "false", contacts: []string{"support", "technical", "administrative"}},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://staging.dreamspark.com/shibboleth-sp", root: "EntitiesDescriptor", count: 58, roles: "SP", keys: []int{1024}, notAfter: []string{"2010-10-07"},
		acs: []string{"browser-post@https"}, ars: "np", was: "np", nameid: []string{"urn:mace:shibboleth:1.0:nameIdentifier"}, contacts: []string{"technical", "administrative"}},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://www.cambro.umu.se/shibboleth", root: "EntitiesDescriptor", count: 58, roles: "SP", keys: []int{2048}, notAfter: []string{"2011-12-02"},
		acs: []string{"HTTP-POST@https", "HTTP-POST-SimpleSign@https", "HTTP-Artifact@https", "PAOS@https", "browser-post@https", "artifact-01@https"}, ars: "np", was: "np"},
	{file: "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml", entity: "https://idp.umu.se/saml2/idp/metadata.php", root: "EntitiesDescriptor", count: 58, roles: "IdP", keys: []int{2048}, notAfter: []string{"2012-02-05"},
		wars: "np", nameid: []string{"transient"}, contacts: []string{"technical"}},
}

// manifestEntityIDs are the entityID columns of the per-entity rows above.
func (f fact) entityID() string {
	if f.entity != "" {
		return f.entity
	}
	return f.id
}

func short(uri string) string {
	for _, p := range []string{"urn:oasis:names:tc:SAML:2.0:bindings:", "urn:oasis:names:tc:SAML:1.0:profiles:", "urn:oasis:names:tc:SAML:2.0:nameid-format:", "urn:oasis:names:tc:SAML:1.1:nameid-format:"} {
		uri = strings.TrimPrefix(uri, p)
	}
	return uri
}

func tri(b *bool) string {
	switch {
	case b == nil:
		return "np"
	case *b:
		return "true"
	}
	return "false"
}

func distinct(in []string) []string {
	var out []string
	for _, s := range in {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func TestCorpusManifestFacts(t *testing.T) {
	dir := probetest.Corpus(t, "saml")
	covered := map[string]bool{}
	for _, f := range facts {
		covered[f.file] = true
		t.Run(f.file+"#"+f.entityID(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, f.file))
			if err != nil {
				t.Fatal(err)
			}
			r := Parse(data, ref, Options{EntityID: f.entity})
			if r.Status != "ok" {
				t.Fatalf("status %s: %s", r.Status, r.Error)
			}
			check := func(what string, got, want any) {
				t.Helper()
				if g, w := strings.Join(strings.Fields(strings.ReplaceAll(sprint(got), "\n", " ")), " "), sprint(want); g != w {
					t.Errorf("%s = %s, manifest says %s", what, g, w)
				}
			}
			check("root", r.Root, f.root)
			check("entity_id", r.EntityID, f.entityID())
			check("entity_count", r.EntityCount, f.count)
			check("signed", r.Signed, f.signed)
			check("algorithms.sha1", r.Algorithms.SHA1, f.sha1)
			if f.signed != (r.SignatureValid != nil) {
				t.Errorf("signature_valid = %v for signed=%v: want null exactly when unsigned", r.SignatureValid, f.signed)
			}
			roles := []string{}
			if r.SP != nil {
				roles = append(roles, "SP")
			}
			if r.IdP != nil {
				roles = append(roles, "IdP")
			}
			check("roles", strings.Join(roles, "+"), f.roles)
			var certs []Certificate
			var acs, nameid []string
			mdui := false
			for _, role := range []*Role{r.SP, r.IdP} {
				if role == nil {
					continue
				}
				certs = append(certs, role.Certificates...)
				for _, e := range role.ACS {
					acs = append(acs, short(e.Binding)+"@"+e.Scheme)
				}
				for _, n := range role.NameIDFormats {
					nameid = append(nameid, short(n))
				}
				if role.DisplayNames != (DisplayNames{}) || role.PrivacyURL != "" {
					mdui = true
				}
			}
			var bits []int
			var dates []string
			bad := 0
			for _, c := range certs {
				if c.ParseError != "" {
					bad++
					if !strings.Contains(c.ParseError, "PEM") {
						t.Errorf("parse_error %q does not say the certificate is base64 of PEM", c.ParseError)
					}
					continue
				}
				if !slices.Contains(bits, c.KeyBits) {
					bits = append(bits, c.KeyBits)
				}
				d := c.NotAfter[:10]
				if !slices.Contains(dates, d) {
					dates = append(dates, d)
				}
				na, _ := time.Parse(time.RFC3339, c.NotAfter)
				if want := expired(na); (*c.DaysLeft < 0) != want {
					t.Errorf("certificate %s: days_left %d, but expired at %s is %v", c.NotAfter, *c.DaysLeft, ref.Format("2006-01-02"), want)
				}
				if c.KeyType != "RSA" {
					t.Errorf("key_type %q, manifest lists RSA only", c.KeyType)
				}
			}
			slices.Sort(bits)
			check("key bits", bits, f.keys)
			slices.Sort(dates)
			wantDates := slices.Clone(f.notAfter)
			slices.Sort(wantDates)
			check("certificate notAfter days", dates, wantDates)
			check("certificates that do not parse", bad, f.badCerts)
			check("ACS", distinct(acs), f.acs)
			if r.SP != nil {
				check("AuthnRequestsSigned", tri(r.SP.AuthnRequestsSigned), f.ars)
				check("WantAssertionsSigned", tri(r.SP.WantAssertionsSigned), f.was)
			}
			if r.IdP != nil {
				check("WantAuthnRequestsSigned", tri(r.IdP.WantAuthnRequestsSigned), f.wars)
			}
			check("NameIDFormats", distinct(nameid), f.nameid)
			var types []string
			security := false
			for _, c := range r.Contacts {
				types = append(types, c.Type)
				security = security || c.Security
			}
			check("contacts", distinct(types), f.contacts)
			check("REFEDS security contact", security, f.security)
			check("mdui", mdui, f.mdui)
			check("valid_until", r.ValidUntil, f.validUntil)
		})
	}
	// Every metadata file of the corpus is covered by a manifest row.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !covered[e.Name()] {
			t.Errorf("corpus file %s has no manifest facts in this test", e.Name())
		}
	}
}

func expired(notAfter time.Time) bool { return notAfter.Before(ref) }

// The whole SWAMID aggregate: 58 entities, every certificate expired.
func TestCorpusSwamidAggregate(t *testing.T) {
	dir := probetest.Corpus(t, "saml")
	data, err := os.ReadFile(filepath.Join(dir, "pysaml2_urn-mace-swami.se-swamid-test-1.0-metadata.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := EntityIDs(data)
	if err != nil || len(ids) != 58 {
		t.Fatalf("EntityIDs: %d, %v; manifest says 58", len(ids), err)
	}
	sps, idps := 0, 0
	for _, id := range ids {
		r := Parse(data, ref, Options{EntityID: id})
		if r.Status != "ok" {
			t.Fatalf("%s: %s", id, r.Error)
		}
		for _, role := range []*Role{r.SP, r.IdP} {
			if role == nil {
				continue
			}
			for _, c := range role.Certificates {
				if c.DaysLeft == nil || *c.DaysLeft >= 0 {
					t.Errorf("%s: certificate notAfter %s not expired at the reference time; manifest: every one is", id, c.NotAfter)
				}
			}
		}
		if r.SP != nil {
			sps++
		}
		if r.IdP != nil {
			idps++
		}
	}
	if sps != 48 || idps != 10 {
		t.Errorf("%d SP roles and %d IdP roles, manifest says 48 and 10", sps, idps)
	}
}
