package audit_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
)

// realRunner is the embedded catalogue: EP-TECH-03 is the requirement under
// test, so the test catalogue of testdata/catalog will not do.
func realRunner(t *testing.T) *audit.Session {
	t.Helper()
	eng, err := engine.Cached(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &audit.Session{Engine: eng, Lang: "en", Now: now}
}

func metadataResult(t *testing.T, path, prefer string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := samlmd.Parse(b, now, samlmd.Options{Prefer: prefer})
	if r.Status != "ok" {
		t.Fatalf("%s: %s", path, r.Error)
	}
	return probe.ToMap(r)
}

// writeAnswers writes an answers file (and the metadata it names) to a
// temporary directory and loads it.
func writeAnswers(t *testing.T, cat *catalog.Catalog, src string) *answers.Answers {
	t.Helper()
	dir := t.TempDir()
	md, err := os.ReadFile("testdata/adfs-FederationMetadata.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "adfs-FederationMetadata.xml"), md, 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "answers.toml")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := answers.Load(path, cat)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCheckWithAnswers: with the member's answers, EP-TECH-03 (which also
// reads registry.type and the AD FS answers) is judged from the probed
// federation metadata; without them it is not applicable.
func TestCheckWithAnswers(t *testing.T) {
	runner := realRunner(t)
	cat := runner.Engine.Catalog
	const target = "testdata/adfs-FederationMetadata.xml"
	md := metadataResult(t, target, "idp")
	good, err := answers.Load("testdata/adfs-answers.toml", cat)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/adfs-answers.toml")
	if err != nil {
		t.Fatal(err)
	}
	unencrypted := strings.Replace(string(src), "adfs_encrypted_claims = true", "adfs_encrypted_claims = false", 1)
	if unencrypted == string(src) {
		t.Fatal("testdata/adfs-answers.toml no longer answers adfs_encrypted_claims = true: update this test")
	}

	for _, c := range []struct {
		name    string
		answers *answers.Answers
		status  string
		message string
	}{
		{"probe alone", nil, audit.NotApplicable, "registry type is not answered"},
		{"with the answers", good, audit.Pass, "valid until 2036-01-01"},
		{"with answers that fail", writeAnswers(t, cat, unencrypted), audit.Fail, "Claims to the relying party are not encrypted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			chk := &audit.ProbeCheck{Kind: catalog.EducationProvider, ProbeKind: samlmd.Kind, Target: target, Result: md}
			if c.answers != nil {
				if err := chk.UseAnswers(c.answers); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := runner.JudgeProbe(context.Background(), chk)
			if err != nil {
				t.Fatal(err)
			}
			var got *audit.Result
			for i := range rep.Results {
				if rep.Results[i].ID == "EP-TECH-03" {
					got = &rep.Results[i]
				}
			}
			if got == nil {
				t.Fatalf("EP-TECH-03 not among the results %+v", rep.Results)
			}
			if got.Status != c.status || !strings.Contains(got.Message, c.message) {
				t.Errorf("EP-TECH-03 = %s %q, want %s with %q", got.Status, got.Message, c.status, c.message)
			}
		})
	}

	// The probed target overrides the file's answer at the probed path,
	// in the input only: the loaded answers are left as they were.
	chk := &audit.ProbeCheck{ProbeKind: samlmd.Kind, Target: "https://adfs.testila.example.fi/FederationMetadata.xml", Result: md}
	if err := chk.UseAnswers(good); err != nil {
		t.Fatal(err)
	}
	in := audit.ProbeInput(runner, chk, "production")
	reg, _ := in["answers"].(map[string]any)["registry"].(map[string]any)
	member, _ := in["member"].(map[string]any)
	if reg["federation_metadata"] != chk.Target || reg["type"] != "adfs" || member["name"] != "Testilän kaupunki" || member["business_id"] != "1234567-1" {
		t.Errorf("input answers.registry = %v, member = %v", reg, member)
	}
	if v := good.Get("registry.federation_metadata"); v != "adfs-FederationMetadata.xml" {
		t.Errorf("the loaded answers changed: registry.federation_metadata = %v", v)
	}
}

// TestUseAnswersKind: the answers file's member kind must be one the probe
// speaks for; the error says which and why.
func TestUseAnswersKind(t *testing.T) {
	runner := realRunner(t)
	cat := runner.Engine.Catalog
	ep, err := answers.Load("testdata/adfs-answers.toml", cat)
	if err != nil {
		t.Fatal(err)
	}
	sp := writeAnswers(t, cat, "[member]\nname = \"Lukupolku Oy\"\nkind = \"service-provider\"\n")
	spOnly := probe.ToMap(parseMetadata(t, strings.ReplaceAll(metadata, "%s", "true")))
	idpOnly := metadataResult(t, "testdata/adfs-FederationMetadata.xml", "idp")
	for _, c := range []struct {
		name      string
		answers   *answers.Answers
		probeKind string
		result    map[string]any
		want      string // "" when accepted
	}{
		{"education provider, SP metadata", ep, samlmd.Kind, spOnly, "the answers file of an education provider (member.kind = \"education-provider\"), but the SAML metadata has only a service provider role (SPSSODescriptor): give the answers file of a service provider"},
		{"service provider, IdP metadata", sp, samlmd.Kind, idpOnly, "only an identity provider role (IDPSSODescriptor)"},
		{"service provider, sample export", sp, "sample", map[string]any{"kind": "sample", "status": "ok"}, "a sample export of test users is an education provider's"},
		{"education provider, IdP metadata", ep, samlmd.Kind, idpOnly, ""},
		{"service provider, SP metadata", sp, samlmd.Kind, spOnly, ""},
		{"education provider, TLS", ep, probe.TLSKey, map[string]any{"kind": "tls", "status": "ok"}, ""},
		{"service provider, failed metadata probe", sp, samlmd.Kind, map[string]any{"status": "error"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			chk := &audit.ProbeCheck{Kind: catalog.ServiceProvider, ProbeKind: c.probeKind, Target: "x", Result: c.result}
			err := chk.UseAnswers(c.answers)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("UseAnswers = %v, want it accepted", err)
			case c.want == "" && chk.Kind != c.answers.Member.Kind:
				t.Errorf("Kind = %s, want the file's %s", chk.Kind, c.answers.Member.Kind)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.answers.File)):
				t.Errorf("UseAnswers = %v, want an error naming %s and %q", err, c.answers.File, c.want)
			}
		})
	}
}

// TestJudgeProbeTLSAlone: `probe tls HOST` decides SP-TLS-01 for that host
// (the probed host is what the redirect URIs name); a self-signed
// certificate with 19 days left fails it.
func TestJudgeProbeTLSAlone(t *testing.T) {
	s := realRunner(t)
	res := map[string]any{
		"kind": "tls", "target": "palvelu.example.fi:443", "status": "ok", "fetched_at": "2026-11-27T12:00:00Z", "sha256": "",
		"versions": map[string]any{"1.0": false, "1.1": false, "1.2": true, "1.3": true}, "client_limited": []any{},
		"negotiated_version": "1.3", "cipher": "TLS_AES_128_GCM_SHA256",
		"chain_valid": false, "chain_error": "x509: certificate signed by unknown authority", "hostname_match": true,
		"not_after": "2026-12-16T12:00:00Z", "days_left": 19,
	}
	c := &audit.ProbeCheck{Kind: catalog.ServiceProvider, ProbeKind: "tls", Target: "palvelu.example.fi:443", Result: res,
		Context: audit.ProbeContext("tls", catalog.ServiceProvider, res, "")}
	pr, err := s.JudgeProbe(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	var got *audit.Result
	for i := range pr.Results {
		if pr.Results[i].ID == "SP-TLS-01" {
			got = &pr.Results[i]
		}
	}
	if got == nil || got.Status != audit.Fail || pr.Outcome != audit.ProbeFail || !pr.Failed() {
		t.Fatalf("SP-TLS-01 = %+v, outcome %s", got, pr.Outcome)
	}
	for _, l := range pr.Left {
		if l.ID == "SP-TLS-01" {
			t.Errorf("SP-TLS-01 left to the self-audit: %+v", l)
		}
	}
}
