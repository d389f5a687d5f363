package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
)

const (
	compliantEP = "../../audits/examples/education-provider-entra.toml"
	failingEP   = "../../audits/examples/education-provider-failing.toml"
	partialEP   = "testdata/partial.toml"
	fixedNow    = "--now=2026-11-27T12:00:00Z"
)

// runCLI runs the command line in-process and returns exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"mpassaudit"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func needFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is not there yet", path)
	}
}

func TestExitCodes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "typo.toml")
	os.WriteFile(bad, []byte("[member]\nname = \"X\"\nkind = \"education-provider\"\n[lifecycle]\nleaver_dayz = 3\n"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"must fails", []string{"audit", "--no-probe", fixedNow, partialEP}, exitFailed, ""},
		{"typo", []string{"audit", "--no-probe", bad}, exitUsage, "did you mean lifecycle.leaver_days"},
		{"no such file", []string{"audit", "nope.toml"}, exitUsage, "nope.toml: no such file"},
		{"no args", []string{"audit"}, exitUsage, "needs an answers file"},
		{"unknown env", []string{"audit", "--env", "prod", partialEP}, exitUsage, `unknown --env "prod": use test, demo, production`},
		{"unknown lang", []string{"--lang", "de", "audit", partialEP}, exitUsage, `unknown language "de": use fi, sv or en`},
		{"unknown format", []string{"audit", "--format", "yaml", partialEP}, exitUsage, `unknown format "yaml"`},
		{"unknown kind", []string{"init", "--kind", "school"}, exitUsage, `unknown --kind "school"`},
		{"bad now", []string{"audit", "--now", "yesterday", partialEP}, exitUsage, "--now"},
		{"unknown requirement", []string{"catalog", "show", "EP-NOPE-01"}, exitUsage, "no requirement"},
		{"unknown flag", []string{"audit", "--bogus", partialEP}, exitUsage, "bogus"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d (stderr: %s)", code, c.code, errOut)
			}
			if !strings.Contains(errOut, c.err) {
				t.Errorf("stderr %q does not contain %q", errOut, c.err)
			}
		})
	}
}

func TestCompliantExampleExitsZero(t *testing.T) {
	needFile(t, compliantEP)
	code, out, errOut := runCLI(t, "--lang", "fi", "audit", "--no-probe", fixedNow, compliantEP)
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	// The member's verdict says the requirements are met; "hyväksytty"
	// (approved) is the operator's word alone.
	if !strings.Contains(out, "VAATIMUKSET TÄYTTYVÄT") || strings.Contains(out, "HYVÄKSYTTY") {
		t.Errorf("Finnish verdict missing, or the operator's word used:\n%s", out)
	}
}

func TestJSONLinesForSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(partialEP)
	for _, n := range []string{"a.toml", "b.toml"} {
		os.WriteFile(filepath.Join(dir, n), src, 0o644)
	}
	code, out, errOut := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, dir)
	if code != exitFailed {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines, got %d", len(lines))
	}
	for _, l := range lines {
		var r audit.Report
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.Schema != audit.Schema || r.Verdict != "fail" || r.Member.Kind != "education-provider" {
			t.Errorf("report = %+v", r)
		}
	}
}

// TestJSONContract checks the result's fields against PRODUCT.md.
func TestJSONContract(t *testing.T) {
	_, out, _ := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, partialEP)
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "tool", "generated_at", "member", "catalog", "results", "summary", "verdict"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if doc["generated_at"] != "2026-11-27T12:00:00Z" {
		t.Errorf("generated_at = %v", doc["generated_at"])
	}
	if !strings.HasPrefix(doc["catalog"].(map[string]any)["digest"].(string), "sha256:") {
		t.Errorf("catalog = %v", doc["catalog"])
	}
	summary := doc["summary"].(map[string]any)
	for _, s := range audit.Statuses {
		if _, ok := summary[s]; !ok {
			t.Errorf("summary lacks %q", s)
		}
	}
	var life03 map[string]any
	for _, r := range doc["results"].([]any) {
		m := r.(map[string]any)
		for _, k := range []string{"id", "status", "severity", "title", "message", "evidence"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%v lacks %q", m["id"], k)
			}
		}
		if m["id"] == "EP-LIFE-03" {
			life03 = m
		}
	}
	// An unanswered question is named as such, machine-readably, and fails.
	unanswered := false
	for _, r := range doc["results"].([]any) {
		m := r.(map[string]any)
		if ua, ok := m["unanswered"].([]any); ok && len(ua) > 0 && m["severity"] == "must" {
			unanswered = m["status"] == "fail" && strings.Contains(m["message"].(string), ua[0].(string))
			break
		}
	}
	if !unanswered {
		t.Error("no must requirement names its unanswered questions in `unanswered`")
	}
	want := map[string]any{"kind": "answer", "path": "lifecycle.leaver_days", "value": float64(14)}
	if life03 == nil || life03["status"] != "fail" || !reflect.DeepEqual(life03["evidence"].([]any)[0], want) {
		t.Errorf("EP-LIFE-03 = %v", life03)
	}
}

// TestOPAEvalAgrees: `mpassaudit parse` + OPA over the policies directory
// (what `opa eval -d policies -i input.json data.mpassaudit.results` does)
// gives the results the tool reports. With the opa CLI on PATH, it is run too.
func TestOPAEvalAgrees(t *testing.T) {
	files := []string{partialEP, compliantEP, failingEP}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			code, inputJSON, errOut := runCLI(t, "parse", "--no-probe", fixedNow, f)
			if code != exitOK {
				t.Fatalf("parse: exit %d: %s", code, errOut)
			}
			_, toolJSON, _ := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, f)
			var tool audit.Report
			if err := json.Unmarshal([]byte(toolJSON), &tool); err != nil {
				t.Fatal(err)
			}
			var input any
			if err := json.Unmarshal([]byte(inputJSON), &input); err != nil {
				t.Fatal(err)
			}
			rs, err := rego.New(rego.Query(catalog.EntryPoint), rego.Load([]string{"../../policies"}, nil), rego.Input(input)).Eval(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			compare(t, "OPA", rs[0].Expressions[0].Value, &tool)

			opa, err := exec.LookPath("opa")
			if err != nil {
				t.Log("opa CLI not on PATH; compared through the OPA Go API only")
				return
			}
			in := filepath.Join(t.TempDir(), "input.json")
			os.WriteFile(in, []byte(inputJSON), 0o644)
			out, err := exec.Command(opa, "eval", "-d", "../../policies", "-i", in, "--format", "json", catalog.EntryPoint).Output()
			if err != nil {
				t.Fatalf("opa eval: %v", err)
			}
			var ev struct {
				Result []struct {
					Expressions []struct{ Value any } `json:"expressions"`
				} `json:"result"`
			}
			if err := json.Unmarshal(out, &ev); err != nil {
				t.Fatal(err)
			}
			compare(t, "opa eval", ev.Result[0].Expressions[0].Value, &tool)
		})
	}
}

func compare(t *testing.T, who string, value any, tool *audit.Report) {
	t.Helper()
	got, err := engine.Decode(value)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tool.Results) {
		t.Fatalf("%s: %d results, tool %d", who, len(got), len(tool.Results))
	}
	for i, g := range got {
		w := tool.Results[i]
		if g.ID != w.ID || g.Status != w.Status || g.Severity != w.Severity || g.Message.In("en") != w.Message || len(g.Evidence) != len(w.Evidence) {
			t.Errorf("%s: %s %s %s %q, tool: %s %s %s %q", who, g.ID, g.Status, g.Severity, g.Message.EN, w.ID, w.Status, w.Severity, w.Message)
		}
	}
}

func TestInitTemplateAudits(t *testing.T) {
	for _, kind := range catalog.Kinds {
		for _, l := range []string{"fi", "sv", "en"} {
			code, out, errOut := runCLI(t, "--lang", l, "init", "--kind", kind)
			if code != exitOK {
				t.Fatalf("init %s %s: exit %d: %s", kind, l, code, errOut)
			}
			// The untouched template answers nothing, not even the name:
			// exit 2 naming the question. Named, it is valid TOML that
			// audits with every other question unanswered.
			f := filepath.Join(t.TempDir(), "answers.toml")
			os.WriteFile(f, []byte(out), 0o644)
			code, _, errOut = runCLI(t, "audit", "--no-probe", f)
			if code != exitUsage || !strings.Contains(errOut, "member.name") {
				t.Errorf("auditing the blank %s template: exit %d (%s)", kind, code, errOut)
			}
			named := strings.Replace(out, "# name = \"…\"", "name = \"Testilän kunta\"", 1)
			if named == out {
				t.Fatalf("the %s template has no commented name line:\n%s", kind, out)
			}
			os.WriteFile(f, []byte(named), 0o644)
			code, _, errOut = runCLI(t, "audit", "--no-probe", f)
			if code != exitFailed {
				t.Errorf("auditing the named %s template: exit %d (%s)", kind, code, errOut)
			}
			// The placeholder left in place is no answer either.
			os.WriteFile(f, []byte(strings.Replace(out, "# name = \"…\"", "name = \"…\"", 1)), 0o644)
			if code, _, errOut = runCLI(t, "audit", "--no-probe", f); code != exitUsage || !strings.Contains(errOut, "placeholder") {
				t.Errorf("auditing the %s template with its placeholder name: exit %d (%s)", kind, code, errOut)
			}
		}
	}
}

func TestCatalogListAndShow(t *testing.T) {
	code, out, _ := runCLI(t, "--lang", "sv", "catalog", "list")
	if code != exitOK || !strings.Contains(out, "EP-LIFE-03") || !strings.Contains(out, "obligatorisk") {
		t.Fatalf("catalog list: %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "--lang", "fi", "catalog", "show", "ep-life-03")
	if code != exitOK || !strings.Contains(out, "lifecycle.leaver_days") || !strings.Contains(out, "Korjaus") {
		t.Fatalf("catalog show: %d\n%s", code, out)
	}
}
