package main

import (
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
)

// The reproductions of the honest-verdicts issue: a standalone probe judges
// the probed evidence, fails what is broken, and prints no verdict when it
// could not run.
func TestProbeHonestVerdicts(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(bad, []byte("learnerId,schoolCode,userRole,classLevel,mpassUserIdentity\n1.2.246.562.24.10000000001,1234,vahtimestari,5,abc\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--lang", "en", "probe", "sample", bad)
	if code != exitFailed || !strings.Contains(out, "✗ EP-REG-03") || !strings.Contains(out, "✗ EP-REG-04") ||
		!strings.Contains(out, "✗ EP-REG-05") || !strings.Contains(out, "checks fail") || strings.Contains(out, "REQUIREMENTS MET") {
		t.Errorf("probe sample of a broken export: exit %d\n%s%s", code, out, errOut)
	}

	// A self-signed certificate with 19 days left fails EP-TECH-06 (SP-TLS-01
	// leaves loopback hosts out: the audit test judges it for a public name).
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	var noCA *probetest.CA
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{noCA.Leaf(t, []string{"127.0.0.1"}, time.Now().Add(-time.Hour), time.Now().Add(19*24*time.Hour))}}
	srv.StartTLS()
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "https://")
	code, out, errOut = runCLI(t, "--lang", "fi", "probe", "tls", host, "--allow-private", "--kind", "education-provider")
	if code != exitFailed || !strings.Contains(out, "✗ EP-TECH-06") || !strings.Contains(out, "ei täyty") || strings.Contains(out, "VAATIMUKSET TÄYTTYVÄT") {
		t.Errorf("probe tls of a self-signed host: exit %d\n%s%s", code, out, errOut)
	}

	// Refused: exit 2, the reason in the reader's language, no verdict.
	code, out, errOut = runCLI(t, "--lang", "sv", "probe", "tls", host)
	if code != exitUsage || out != "" || !strings.Contains(errOut, "privat, lokal eller länklokal adress") || strings.Contains(errOut, "resultat") {
		t.Errorf("refused probe: exit %d\nstdout %q\nstderr %s", code, out, errOut)
	}

	// AD FS federation metadata (IdP and SP roles) is the education
	// provider's identity source; its expired certificate fails EP-TECH-03.
	adfs := filepath.Join(corpusDir(t, "saml"), "ezproxy-configuration_adfs_FederationMetadata.xml")
	code, out, errOut = runCLI(t, "--lang", "en", "probe", "saml-metadata", adfs, "--now", "2026-11-27")
	if code != exitFailed || !strings.Contains(out, "education provider") || !strings.Contains(out, "✗ EP-TECH-03") {
		t.Errorf("probe of AD FS metadata: exit %d\n%s%s", code, out, errOut)
	}
}
