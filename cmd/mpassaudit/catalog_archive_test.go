package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/policies"
)

// verify --catalog-archive: a report judged against another catalogue
// version than the tool's is re-evaluated with the operator's signed bundle
// of that version; without the archive verify says plainly it does not have
// that catalogue.
func TestVerifyCatalogArchive(t *testing.T) {
	dir := t.TempDir()
	// The operator's catalogue 2027.1.0: the embedded one with a new version.
	pol := filepath.Join(dir, "policies")
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		b, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		if p == "main.rego" {
			b = []byte(strings.Replace(string(b), "version: 2026.11.1", "version: 2027.1.0", 1))
		}
		os.MkdirAll(filepath.Dir(filepath.Join(pol, p)), 0o755)
		return os.WriteFile(filepath.Join(pol, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	op, member := filepath.Join(dir, "operator"), filepath.Join(dir, "member")
	for _, k := range [][]string{{"--org", "MPASSid-operaattori", "-o", op}, {"--org", "Järvelän kaupunki", "--business-id", "1234567-1", "-o", member}} {
		if code, _, errOut := runCLI(t, append([]string{"keys", "new"}, k...)...); code != 0 {
			t.Fatalf("keys new: %s", errOut)
		}
	}
	opDir, memDir, archive := filepath.Join(dir, "operators"), filepath.Join(dir, "members"), filepath.Join(dir, "archive")
	for d, cert := range map[string]string{opDir: op, memDir: member} {
		os.Mkdir(d, 0o755)
		b, _ := os.ReadFile(cert + ".cert.pem")
		os.WriteFile(filepath.Join(d, "cert.pem"), b, 0o644)
	}
	os.Mkdir(archive, 0o755)
	bundle := filepath.Join(archive, "catalog-2027.1.0.tar.gz")
	if code, _, errOut := runCLI(t, "catalog", "build", "--catalog", pol, "-o", bundle, "--sign-key", op+".key.pem", "--sign-cert", op+".cert.pem"); code != 0 {
		t.Fatalf("catalog build: %s", errOut)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if code, _, errOut := runCLI(t, "audit", "--no-probe", "--catalog", bundle, "--catalog-trust", opDir, compliantEP,
		"--pdf", pdf, "--sign-key", member+".key.pem", "--sign-cert", member+".cert.pem"); code == exitUsage {
		t.Fatalf("audit with the bundle: %s", errOut)
	}
	trust := []string{"--trust", memDir, "--operators", opDir}
	code, out, _ := runCLI(t, append([]string{"--lang", "en", "verify", pdf}, trust...)...)
	if code == exitOK || !strings.Contains(out, "2027.1.0") {
		t.Errorf("verify without the archive: exit %d\n%s", code, out)
	}
	code, out, errOut := runCLI(t, append([]string{"--lang", "en", "--catalog-trust", opDir, "verify", pdf, "--catalog-archive", archive}, trust...)...)
	if code != exitOK || !strings.Contains(out, "VERIFIED") {
		t.Errorf("verify with the archive: exit %d\n%s%s", code, out, errOut)
	}
	// An archive bundle not signed by the trusted operator is refused.
	code, out, _ = runCLI(t, append([]string{"--lang", "en", "--catalog-trust", memDir, "verify", pdf, "--catalog-archive", archive}, trust...)...)
	if code == exitOK {
		t.Errorf("verify with a bundle the trust does not sign: exit %d\n%s", code, out)
	}
}
