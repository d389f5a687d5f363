package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The operator builds a signed bundle; a member's tool audits with it and
// gets exactly what the embedded catalogue gives, and refuses it unless it
// verifies against the operator's certificate.
func TestCatalogBundleCLI(t *testing.T) {
	dir := t.TempDir()
	op := filepath.Join(dir, "operator")
	if code, _, errOut := runCLI(t, "keys", "new", "--org", "MPASSid-operaattori", "-o", op); code != 0 {
		t.Fatalf("keys new: %s", errOut)
	}
	trust := filepath.Join(dir, "trust")
	os.Mkdir(trust, 0o755)
	cert, _ := os.ReadFile(op + ".cert.pem")
	os.WriteFile(filepath.Join(trust, "operator.cert.pem"), cert, 0o644)
	b := filepath.Join(dir, "catalog.tar.gz")
	code, out, errOut := runCLI(t, "--lang", "fi", "catalog", "build", "-o", b, "--sign-key", op+".key.pem", "--sign-cert", op+".cert.pem")
	if code != 0 || !strings.Contains(out, "allekirjoitettu avaintunnuksella") {
		t.Fatalf("catalog build: %d %s %s", code, out, errOut)
	}
	audit := func(extra ...string) (int, map[string]any, string) {
		args := append(extra, "audit", "--no-probe", "--format", "json", "example:education-provider-entra")
		code, out, errOut := runCLI(t, args...)
		var doc map[string]any
		json.Unmarshal([]byte(out), &doc)
		return code, doc, errOut
	}
	_, want, _ := audit()
	code, got, errOut := audit("--catalog", b, "--catalog-trust", trust)
	if code == exitUsage || got == nil {
		t.Fatalf("audit --catalog bundle: %d %s", code, errOut)
	}
	if !jsonEqual(got["results"], want["results"]) || !jsonEqual(got["catalog"], want["catalog"]) {
		t.Errorf("the bundle judged differently: catalog %v, want %v", got["catalog"], want["catalog"])
	}
	// refused without the operator's certificate, and when unsigned
	if code, _, errOut := audit("--catalog", b); code != exitUsage || !strings.Contains(errOut, "--catalog-trust") {
		t.Errorf("signed bundle without --catalog-trust: %d %s", code, errOut)
	}
	ub := filepath.Join(dir, "unsigned.tar.gz")
	if code, _, errOut := runCLI(t, "catalog", "build", "-o", ub); code != exitUsage || !strings.Contains(errOut, "--sign-key") {
		t.Errorf("catalog build without a key: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "catalog", "build", "-o", ub, "--unsigned"); code != 0 {
		t.Fatalf("catalog build --unsigned: %s", errOut)
	}
	if code, _, errOut := audit("--catalog", ub, "--catalog-trust", trust); code != exitUsage || !strings.Contains(errOut, "not signed") {
		t.Errorf("unsigned bundle: %d %s", code, errOut)
	}
	code, got, errOut = audit("--catalog", ub, "--allow-unsigned-catalog")
	if code == exitUsage || !strings.Contains(errOut, "NOT verified") || !jsonEqual(got["results"], want["results"]) {
		t.Errorf("unsigned bundle on --allow-unsigned-catalog: %d %s", code, errOut)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y) && len(x) > 4
}
