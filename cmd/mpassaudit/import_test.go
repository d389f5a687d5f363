package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const mgmtCorpus = "../../../shared/corpus"

func corpusExports(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, g := range []string{"mpassid-hallintapalvelu/*.json", "oidc/mpassid-hallintapalvelu_*.json"} {
		m, _ := filepath.Glob(filepath.Join(mgmtCorpus, g))
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Skipf("the management-service files of the corpus are not at %s", mgmtCorpus)
	}
	return out
}

// The operator's path in the README: import the exports, audit the
// directory without probes, one JSON result per integration; what the
// registration settles is answered, the rest is named as unanswered.
func TestImportThenAuditCorpus(t *testing.T) {
	files := corpusExports(t)
	dir := t.TempDir()
	code, out, errOut := runCLI(t, append(append([]string{"--lang", "en", "import"}, files...), "-o", dir)...)
	if code != exitOK {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, `opinsys_home_organizations.json: $.identityProviders[2].configurationEntity.attributes[0]: attribute given as {"datasource": …}`) {
		t.Errorf("unusual shapes are not reported:\n%s", errOut)
	}
	tomls, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	xmls, _ := filepath.Glob(filepath.Join(dir, "*.metadata.xml"))
	// MANIFEST.md: 4 azure + 2 gsuite + 3 opinsys + 3 wilma identity
	// sources; 2 + 1 + 1 SAML and 4 + 1 OIDC services.
	if len(tomls) != 21 || len(xmls) != 4 {
		t.Fatalf("%d answers files and %d metadata files, want 21 and 4:\n%s", len(tomls), len(xmls), out)
	}
	for _, want := range []string{"5000010-mt.toml", "5000010-mt.metadata.xml", "5000001-k-h.toml", "4000051-en.toml", "test-saml-sp-metadata.toml"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	code, out, errOut = runCLI(t, "--lang", "en", "audit", dir, "--no-probe", "--format", "json", fixedNow)
	if code != exitFailed {
		t.Fatalf("audit exit %d, want 1 (imports leave must questions unanswered): %s", code, errOut)
	}
	n := 0
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var rep struct {
			Member  struct{ Name, Kind, Environment string }
			Results []struct {
				ID         string
				Status     string
				Unanswered []string
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		n++
		unanswered := map[string]bool{}
		for _, r := range rep.Results {
			for _, u := range r.Unanswered {
				unanswered[u] = true
			}
		}
		if !unanswered["security.log_retention_days"] {
			t.Errorf("%s: log retention is not named as unanswered", rep.Member.Name)
		}
		for _, settled := range []string{"service.protocol", "registry.type", "member.environment"} {
			if unanswered[settled] {
				t.Errorf("%s: %s is settled by the registration but unanswered", rep.Member.Name, settled)
			}
		}
	}
	if n != 21 {
		t.Errorf("%d results, want 21", n)
	}
}

func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"services": [{"id": 1, "deploymentPhase": "one", "configurationEntity": {"sp": {"type": "saml"}}}]}`), 0o644)
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"services": [{"id": 9, "configurationEntity": {"sp": {"type": "oidc", "name": "S", "metadata": {"client_id": "c", "client_secret": "TOPSECRET", "redirect_uris": ["https://s.example.fi/cb"]}}}, "deploymentPhase": 1, "surprise": true}]}`), 0o644)
	out := filepath.Join(dir, "out")
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"malformed", []string{"import", bad, "-o", out}, exitUsage, "bad.json: $.services[0].deploymentPhase: expected a whole number"},
		{"no files", []string{"import", "-o", out}, exitUsage, "give one or more management-service export files"},
		{"missing file", []string{"import", filepath.Join(dir, "nope.json"), "-o", out}, exitUsage, "nope.json: cannot read the export"},
		{"ok", []string{"import", good, "-o", out}, exitOK, "good.json: $.services[0].surprise: unknown field, ignored"},
		{"exists", []string{"import", good, "-o", out}, exitUsage, "already exists; import into an empty directory or give --force"},
		{"force", []string{"import", "--force", good, "-o", out}, exitOK, ""},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, append([]string{"--lang", "en"}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.err) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errOut, c.code, c.err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "1.toml")); err == nil {
		t.Error("a malformed export wrote files")
	}
	b, err := os.ReadFile(filepath.Join(out, "9-s.toml"))
	if err != nil || bytes.Contains(b, []byte("TOPSECRET")) || !bytes.Contains(b, []byte("redirect_uris = [\"https://s.example.fi/cb\"]")) {
		t.Errorf("9-s.toml: %v\n%s", err, b)
	}
}

// generatedExport writes an export of n integrations: SAML and OIDC
// services and identity sources of every type, in the shapes the corpus has.
func generatedExport(tb testing.TB, n int) string {
	tb.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "generated sp"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		tb.Fatal(err)
	}
	cert := base64.StdEncoding.EncodeToString(der)
	var services, idps []any
	types := []string{"wilma", "opinsys", "azure", "gsuite", "adfs"}
	for i := range n {
		id := 8000000 + i
		org := map[string]any{"oid": fmt.Sprintf("1.2.246.562.10.%011d", i), "ytunnus": "0201256-6"}
		switch i % 3 {
		case 0:
			services = append(services, map[string]any{"id": id, "deploymentPhase": i % 3, "organization": org,
				"configurationEntity": map[string]any{"attributes": []any{}, "sp": map[string]any{"type": "saml", "name": fmt.Sprintf("Palvelu %d", i),
					"metadata": map[string]any{"entityId": fmt.Sprintf("https://sp%d.example.fi/shibboleth", i), "authnRequestsSigned": true, "wantAssertionsSigned": true,
						"signingCertificates": []any{cert}, "encryptionCertificates": []any{cert},
						"assertionConsumerServiceUrls": []any{map[string]any{"bindings": "HTTP-POST", "location": fmt.Sprintf("https://sp%d.example.fi/Shibboleth.sso/SAML2/POST", i), "index": 0, "isDefault": true}}}}}})
		case 1:
			services = append(services, map[string]any{"id": id, "deploymentPhase": 1, "organization": org,
				"configurationEntity": map[string]any{"attributes": []any{map[string]any{"name": "allowtestlearnerid", "content": "true", "type": "data"}},
					"sp": map[string]any{"type": "oidc", "name": fmt.Sprintf("OIDC %d", i),
						"metadata": map[string]any{"client_id": fmt.Sprintf("client%d", i), "client_secret": "x", "scope": "openid profile",
							"redirect_uris": []any{fmt.Sprintf("https://app%d.example.fi/callback", i)}, "response_types": []any{"code"},
							"grant_types": []any{"authorization_code"}, "token_endpoint_auth_method": "client_secret_post"}}}})
		default:
			typ := types[i%len(types)]
			idp := map[string]any{"type": typ, "flowName": fmt.Sprintf("Flow%d", i), "institutionTypes": []any{11, 15}}
			switch typ {
			case "wilma":
				idp["hostname"] = fmt.Sprintf("k%d.inschool.fi", i)
			case "opinsys", "azure":
				idp["tenantId"] = fmt.Sprintf("k%d.opinsys.fi", i)
			default:
				idp["entityId"], idp["metadataUrl"] = fmt.Sprintf("https://idp%d.example.fi/", i), fmt.Sprintf("https://idp%d.example.fi/metadata", i)
			}
			idps = append(idps, map[string]any{"id": id, "deploymentPhase": 1, "organization": org,
				"configurationEntity": map[string]any{"idp": idp, "attributes": []any{map[string]any{"name": "clientKey", "content": "***", "type": "data"}}}})
		}
	}
	b, err := json.Marshal(map[string]any{"services": services, "identityProviders": idps})
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), "export.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkImportAudit1000: import an export of 1,000 integrations and
// audit the directory without probes (budget: under 10 s).
func BenchmarkImportAudit1000(b *testing.B) {
	export := generatedExport(b, 1000)
	for b.Loop() {
		dir := b.TempDir()
		if code := run(context.Background(), []string{"mpassaudit", "--lang", "en", "import", export, "-o", dir}, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("import exit %d", code)
		}
		var errOut bytes.Buffer
		if code := run(context.Background(), []string{"mpassaudit", "--lang", "en", "audit", dir, "--no-probe", "--format", "json", fixedNow}, io.Discard, &errOut); code != exitFailed {
			b.Fatalf("audit exit %d: %s", code, errOut.String())
		}
	}
}

func TestGeneratedExportImports(t *testing.T) {
	export := generatedExport(t, 30)
	dir := t.TempDir()
	code, _, errOut := runCLI(t, "--lang", "fi", "import", export, "-o", dir)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	tomls, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(tomls) != 30 {
		t.Fatalf("%d files", len(tomls))
	}
	if code, _, errOut := runCLI(t, "audit", dir, "--no-probe", "--format", "json", fixedNow); code != exitFailed {
		t.Fatalf("audit exit %d: %s", code, errOut)
	}
}

// A service's live metadata has moved on from its registration: SP-SAML-13
// names the new certificate (the rollover warning) and the changed flag.
func TestRegisteredVersusLiveMetadata(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	newCert := func(cn string) string {
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn},
			NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)}
		der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		return base64.StdEncoding.EncodeToString(der)
	}
	oldCert, nextCert := newCert("old"), newCert("next")
	dir := t.TempDir()
	export := filepath.Join(dir, "export.json")
	os.WriteFile(export, []byte(`{"services": [{"id": 1, "deploymentPhase": 1, "configurationEntity": {"attributes": [], "sp": {"type": "saml", "name": "Palvelu",
		"metadata": {"entityId": "https://sp.example.fi/sp", "authnRequestsSigned": true, "wantAssertionsSigned": true,
		"signingCertificates": ["`+oldCert+`"], "encryptionCertificates": [],
		"assertionConsumerServiceUrls": [{"bindings": "HTTP-POST", "location": "`+srv.URL+`/acs", "index": 0, "isDefault": true}]}}}}]}`), 0o644)
	out := filepath.Join(dir, "services")
	if code, _, errOut := runCLI(t, "import", export, "-o", out); code != exitOK {
		t.Fatalf("import: %s", errOut)
	}
	registered, err := os.ReadFile(filepath.Join(out, "1-palvelu.metadata.xml"))
	if err != nil {
		t.Fatal(err)
	}
	live := strings.Replace(string(registered), `AuthnRequestsSigned="true"`, `AuthnRequestsSigned="false"`, 1)
	live = strings.Replace(live, "<md:AssertionConsumerService", `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>`+nextCert+`</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:AssertionConsumerService`, 1)
	os.WriteFile(filepath.Join(out, "live.xml"), []byte(live), 0o644)
	answersFile := filepath.Join(out, "1-palvelu.toml")
	src, _ := os.ReadFile(answersFile)
	edited := strings.Replace(string(src), `metadata = "1-palvelu.metadata.xml"`, `metadata = "live.xml"`, 1)
	if edited == string(src) {
		t.Fatalf("no saml.metadata line in\n%s", src)
	}
	os.WriteFile(answersFile, []byte(edited), 0o644)
	code, stdout, errOut := runCLI(t, "--lang", "en", "audit", "--allow-private", "--quiet", "--format", "json", fixedNow, answersFile)
	if code == exitUsage {
		t.Fatalf("audit: %s", errOut)
	}
	var rep struct {
		Results []struct{ ID, Status, Message string }
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if r.ID != "SP-SAML-13" {
			continue
		}
		if r.Status != "warn" || !strings.Contains(r.Message, "The live metadata has a signing certificate") ||
			!strings.Contains(r.Message, "AuthnRequestsSigned differs: registered true, live false.") {
			t.Errorf("SP-SAML-13 %s: %s", r.Status, r.Message)
		}
		return
	}
	t.Fatal("no SP-SAML-13 result")
}
