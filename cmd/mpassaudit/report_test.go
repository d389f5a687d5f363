package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSignedReportRoundTrip is the README's story: a member makes a key and
// a signed report in one command, the operator verifies it in one command,
// approves it, and verify then shows both signatures and the decision.
func TestSignedReportRoundTrip(t *testing.T) {
	needFile(t, compliantEP)
	dir := t.TempDir()
	member, operator := filepath.Join(dir, "member"), filepath.Join(dir, "oph")
	// The members' certificates and the operator's live apart.
	trust, operators := filepath.Join(dir, "trust"), filepath.Join(dir, "operators")
	for _, d := range []string{trust, operators} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []struct{ org, prefix, dir string }{{"Järvelän kaupunki", member, trust}, {"Opetushallitus", operator, operators}} {
		if code, _, errOut := runCLIAt(t, keysMade, "keys", "new", "--org", k.org, "-o", k.prefix); code != exitOK {
			t.Fatalf("keys new: exit %d: %s", code, errOut)
		}
		b, err := os.ReadFile(k.prefix + ".cert.pem")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(k.dir, filepath.Base(k.prefix)+".cert.pem"), b, 0o644)
	}
	if code, _, errOut := runCLI(t, "keys", "new", "--org", "X", "-o", member); code != exitUsage || !strings.Contains(errOut, "already exists") {
		t.Errorf("keys new over an existing key: exit %d: %s", code, errOut)
	}

	pdf := filepath.Join(dir, "report.pdf")
	code, _, errOut := runCLIAt(t, fixedTime, "--lang", "fi", "audit", "--no-probe", fixedNow, compliantEP,
		"--pdf", pdf, "--sign-key", member+".key.pem", "--sign-cert", member+".cert.pem")
	if code != exitOK {
		t.Fatalf("audit --pdf: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "audit", "--no-probe", compliantEP, "--pdf", filepath.Join(dir, "x.pdf")); code != exitUsage || !strings.Contains(errOut, "--sign-key") {
		t.Errorf("audit --pdf without a key: exit %d: %s", code, errOut)
	}

	code, out, errOut := runCLI(t, "--lang", "fi", "verify", pdf, "--trust", trust)
	if code != exitOK || !strings.Contains(out, "TARKISTETTU") || !strings.Contains(out, "jäsen: Järvelän kaupunki") {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "verify", pdf); code != exitFailed || !strings.Contains(out, "not trusted") {
		t.Errorf("verify without --trust: exit %d\n%s", code, out)
	}

	approved := filepath.Join(dir, "approved.pdf")
	code, _, errOut = runCLI(t, "approve", pdf, "--sign-key", operator+".key.pem", "--sign-cert", operator+".cert.pem",
		"--trust", trust, "--operators", operators, "--decision", "approved", "--comment", "Hyväksytty tuotantoon.", "-o", approved)
	if code != exitOK {
		t.Fatalf("approve: exit %d: %s", code, errOut)
	}
	code, out, errOut = runCLI(t, "verify", approved, "--trust", trust, "--operators", operators, "--format", "json")
	if code != exitOK {
		t.Fatalf("verify approved: exit %d\n%s%s", code, out, errOut)
	}
	var o struct {
		OK         bool `json:"ok"`
		Decision   string
		Comment    string `json:"decision_comment"`
		Signatures []struct {
			Role    string `json:"role"`
			Trusted bool   `json:"trusted"`
		} `json:"signatures"`
	}
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("verify --format json: %v\n%s", err, out)
	}
	if !o.OK || o.Decision != "approved" || o.Comment != "Hyväksytty tuotantoon." || len(o.Signatures) != 2 ||
		o.Signatures[0].Role != "member" || o.Signatures[1].Role != "operator" || !o.Signatures[1].Trusted {
		t.Errorf("verify --format json = %+v", o)
	}
	if _, err := exec.LookPath("pdfsig"); err == nil {
		sig, _ := exec.Command("pdfsig", approved).CombinedOutput()
		if strings.Count(string(sig), "Signature is Valid.") != 2 {
			t.Errorf("pdfsig disagrees with verify:\n%s", sig)
		}
	}

	// A changed file fails with exit 1 and a reason; a file that is no PDF is exit 2.
	data, _ := os.ReadFile(approved)
	bad := filepath.Join(dir, "bad.pdf")
	os.WriteFile(bad, append(data, "% note\n"...), 0o644)
	if code, out, _ := runCLI(t, "verify", bad, "--trust", trust); code != exitFailed || !strings.Contains(out, "appended after the last signature") {
		t.Errorf("verify of appended data: exit %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "approve", bad, "--sign-key", operator+".key.pem", "--sign-cert", operator+".cert.pem", "--decision", "approved"); code != exitFailed || !strings.Contains(errOut, "does not verify") {
		t.Errorf("approve of a changed report: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "verify", member+".cert.pem"); code != exitUsage || !strings.Contains(errOut, "not a PDF") {
		t.Errorf("verify of a certificate: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "approve", pdf, "--sign-key", operator+".key.pem", "--sign-cert", operator+".cert.pem", "--decision", "maybe"); code != exitUsage || !strings.Contains(errOut, "approved or changes-requested") {
		t.Errorf("approve --decision maybe: exit %d: %s", code, errOut)
	}
}

// A probed audit's signed report embeds the probe results it was judged on,
// so verify judges it again to the same results without probing.
func TestSignedReportWithProbes(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the TLS version probes' refused handshakes
	dir := t.TempDir()
	md := `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.fi/sp">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="` + srv.URL + `/acs" index="0" isDefault="true"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>`
	os.WriteFile(filepath.Join(dir, "md.xml"), []byte(md), 0o644)
	answersFile := filepath.Join(dir, "answers.toml")
	os.WriteFile(answersFile, []byte("[member]\nname = \"Oppimispalvelu Oy\"\nkind = \"service-provider\"\nbusiness_id = \"0201256-6\"\n[service]\nprotocol = \"saml\"\n[saml]\nmetadata = \"md.xml\"\n"), 0o644)
	key := filepath.Join(dir, "sp")
	if code, _, errOut := runCLI(t, "keys", "new", "--org", "Oppimispalvelu Oy", "-o", key); code != exitOK {
		t.Fatalf("keys new: %s", errOut)
	}
	trust := filepath.Join(dir, "trust")
	os.Mkdir(trust, 0o755)
	cert, _ := os.ReadFile(key + ".cert.pem")
	os.WriteFile(filepath.Join(trust, "sp.cert.pem"), cert, 0o644)

	pdf := filepath.Join(dir, "report.pdf")
	code, out, errOut := runCLI(t, "audit", "--allow-private", "--quiet", "--format", "json", answersFile, "--pdf", pdf, "--sign-key", key+".key.pem", "--sign-cert", key+".cert.pem")
	if code == exitUsage {
		t.Fatalf("audit: exit %d: %s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	probed := false
	for _, r := range rep["results"].([]any) {
		if m := r.(map[string]any); m["id"] == "SP-SAML-05" {
			probed = m["status"] == "pass"
		}
	}
	if !probed {
		t.Fatalf("SP-SAML-05 was not judged from the probed metadata: %s", out)
	}
	code, vout, errOut := runCLI(t, "verify", "--trust", trust, "--format", "json", pdf)
	if code != exitOK {
		t.Fatalf("verify of a probed report: exit %d: %s %s", code, vout, errOut)
	}
}
