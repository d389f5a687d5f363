package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two members' signed reports name the same entityID (from the probed
// metadata): the second `registry add` warns and `registry check` lists it.
func TestRegistryCheckCollisions(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	dir := t.TempDir()
	md := `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://shared.example.fi/sp">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="` + srv.URL + `/acs" index="0" isDefault="true"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>`
	os.WriteFile(filepath.Join(dir, "md.xml"), []byte(md), 0o644)
	db := filepath.Join(dir, "registry.db")
	if code, out, _ := runCLI(t, "--lang", "en", "registry", "check", "--db", db); code != exitOK || !strings.Contains(out, "No entityID or client ID is used by more than one member.") {
		t.Fatalf("empty registry: exit %d %q", code, out)
	}
	var pdfs []string
	for i, m := range []struct{ name, bid string }{{"Oppimispalvelu Oy", "0201256-6"}, {"Toinen Oy", "1572860-0"}} {
		answersFile := filepath.Join(dir, m.bid+".toml")
		os.WriteFile(answersFile, []byte("[member]\nname = \""+m.name+"\"\nkind = \"service-provider\"\nbusiness_id = \""+m.bid+"\"\n[service]\nprotocol = \"saml\"\n[saml]\nmetadata = \"md.xml\"\n"), 0o644)
		key := filepath.Join(dir, m.bid)
		if code, _, errOut := runCLI(t, "keys", "new", "--org", m.name, "--business-id", m.bid, "-o", key); code != exitOK {
			t.Fatalf("keys new: %s", errOut)
		}
		pdf := filepath.Join(dir, m.bid+".pdf")
		if code, _, errOut := runCLI(t, "audit", "--allow-private", "--quiet", "--format", "json", answersFile, "--pdf", pdf,
			"--sign-key", key+".key.pem", "--sign-cert", key+".cert.pem"); code == exitUsage {
			t.Fatalf("audit %d: %s", i, errOut)
		}
		pdfs = append(pdfs, pdf)
	}
	if code, _, errOut := runCLI(t, "--lang", "en", "registry", "add", "--db", db, pdfs[0]); code != exitOK || strings.Contains(errOut, "another member") {
		t.Fatalf("first add: exit %d: %s", code, errOut)
	}
	code, _, errOut := runCLI(t, "--lang", "en", "registry", "add", "--db", db, pdfs[1])
	if code != exitOK || !strings.Contains(errOut, "another member already uses entity-id https://shared.example.fi/sp") {
		t.Fatalf("second add: exit %d: %s", code, errOut)
	}
	code, out, _ := runCLI(t, "--lang", "en", "registry", "check", "--db", db)
	if code != exitFailed || !strings.Contains(out, "entity-id https://shared.example.fi/sp: Oppimispalvelu Oy (0201256-6, report ") ||
		!strings.Contains(out, "Toinen Oy (1572860-0, report ") || !strings.Contains(out, "1 identifiers are used by more than one member") {
		t.Fatalf("check: exit %d:\n%s", code, out)
	}
}
