package main

import (
	"encoding/json"
	"fmt"
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
	// The same catalogue, and the report names the bundle it came from.
	gc, _ := got["catalog"].(map[string]any)
	wc, _ := want["catalog"].(map[string]any)
	bundle, _ := gc["bundle"].(map[string]any)
	if bundle["verified"] != true || !strings.HasPrefix(fmt.Sprint(bundle["sha256"]), "sha256:") || wc["bundle"] != nil {
		t.Errorf("the report's bundle: %v (embedded: %v)", gc["bundle"], wc["bundle"])
	}
	delete(gc, "bundle")
	if !jsonEqual(verdicts(got["results"]), verdicts(want["results"])) || !jsonEqual(gc, wc) {
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
	if code == exitUsage || !strings.Contains(errOut, "NOT verified") || !jsonEqual(verdicts(got["results"]), verdicts(want["results"])) {
		t.Errorf("unsigned bundle on --allow-unsigned-catalog: %d %s", code, errOut)
	}
}

// verdicts are a results list's IDs, statuses and severities (the evidence
// names the example's temporary folder, which differs between runs).
func verdicts(v any) any {
	list, _ := v.([]any)
	out := make([]any, 0, len(list))
	for _, x := range list {
		r, _ := x.(map[string]any)
		out = append(out, []any{r["id"], r["status"], r["severity"]})
	}
	return out
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y) && len(x) > 4
}

// catalog list marks a requirement announced for later, until its date.
func TestCatalogListUpcoming(t *testing.T) {
	dir := t.TempDir()
	err := filepath.WalkDir("../../policies", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, _ := os.ReadFile(p)
		src = []byte(strings.Replace(string(src), "#   id: EP-SEC-01\n", "#   id: EP-SEC-01\n#   effective_from: 2027-08-01\n", 1))
		out := filepath.Join(dir, strings.TrimPrefix(p, "../../policies/"))
		os.MkdirAll(filepath.Dir(out), 0o755)
		return os.WriteFile(out, src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	line := func(now string) string {
		code, out, errOut := runCLI(t, "--lang", "fi", "--catalog", dir, "catalog", "list", "--now", now)
		if code != 0 {
			t.Fatalf("catalog list: %s", errOut)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "EP-SEC-01") {
				return l
			}
		}
		t.Fatalf("no EP-SEC-01 in\n%s", out)
		return ""
	}
	if l := line("2027-07-31"); !strings.Contains(l, "(pakollinen 1.8.2027 alkaen)") {
		t.Errorf("before the date: %s", l)
	}
	if l := line("2027-08-01"); strings.Contains(l, "pakollinen 1.8.2027") {
		t.Errorf("from the date: %s", l)
	}
	// and an audit before the date warns where it would fail
	ans := filepath.Join(dir, "a.toml")
	src, _ := os.ReadFile("../../audits/examples/education-provider-failing.toml")
	os.WriteFile(ans, src, 0o644)
	sample, _ := os.ReadFile("../../audits/examples/education-provider-failing-sample.csv")
	os.WriteFile(filepath.Join(dir, "education-provider-failing-sample.csv"), sample, 0o644)
	for now, want := range map[string]string{"2027-07-31": "warn", "2027-08-01": "fail"} {
		_, out, errOut := runCLI(t, "--catalog", dir, "audit", "--no-probe", "--format", "json", "--now", now, ans)
		var doc struct {
			Results []struct{ ID, Status, Message string }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v %s", now, err, errOut)
		}
		for _, r := range doc.Results {
			if r.ID == "EP-SEC-01" && r.Status != want {
				t.Errorf("--now %s: EP-SEC-01 is %s (%s), want %s", now, r.Status, r.Message, want)
			}
		}
	}
}
