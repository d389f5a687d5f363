package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pipe makes src the standard input of the next commands.
func pipe(t *testing.T, src string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(src)
	t.Cleanup(func() { stdin = old })
}

// TestStdin: `audit -` and `parse -` read the answers from standard input,
// and its relative file answers resolve from the working directory.
func TestStdin(t *testing.T) {
	needFile(t, compliantEP)
	src, err := os.ReadFile(compliantEP)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(filepath.Dir(compliantEP))
	if err != nil {
		t.Fatal(err)
	}
	_, byName, _ := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, compliantEP)

	// The example names its sample export relative to itself: from its
	// folder the same answers judge the same.
	t.Chdir(abs)
	pipe(t, string(src))
	code, out, errOut := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, "-")
	if code != exitOK {
		t.Fatalf("audit -: exit %d: %s", code, errOut)
	}
	// The same verdicts (the evidence names the sample by the path it was
	// read from, which differs).
	if strip := func(s string) string {
		var v struct {
			Results []struct{ ID, Status, Severity string }
		}
		json.Unmarshal([]byte(s), &v)
		b, _ := json.Marshal(v.Results)
		return string(b)
	}; strip(out) != strip(byName) {
		t.Error("audit - judged otherwise than audit FILE")
	}

	pipe(t, string(src))
	code, out, errOut = runCLI(t, "parse", "--no-probe", fixedNow, "-")
	if code != exitOK || !strings.Contains(out, `"business_id": "1234567-1"`) {
		t.Errorf("parse -: exit %d, %.200s %s", code, out, errOut)
	}

	// From another folder the relative sample export is not there, and the
	// message names standard input and the line.
	t.Chdir(t.TempDir())
	pipe(t, string(src))
	code, _, errOut = runCLI(t, "audit", "--no-probe", fixedNow, "-")
	if code != exitUsage || !strings.Contains(errOut, "<stdin>:") || !strings.Contains(errOut, "sample_export") {
		t.Errorf("audit - from elsewhere: exit %d, stderr %q", code, errOut)
	}
}

func TestStdinErrors(t *testing.T) {
	pipe(t, "[member]\nname = \"X\"\nkind = \"education-provider\"\n[lifecycle]\nleaver_dayz = 3\n")
	code, _, errOut := runCLI(t, "audit", "--no-probe", "-")
	if code != exitUsage || !strings.Contains(errOut, "<stdin>:5: lifecycle.leaver_dayz") {
		t.Errorf("a typo on standard input: exit %d, %q", code, errOut)
	}
	pipe(t, "")
	code, _, errOut = runCLI(t, "--lang", "sv", "audit", "--no-probe", "-", "-")
	if code != exitUsage || !strings.Contains(errOut, "mpassaudit: - (standard in) kan anges bara en gång") {
		t.Errorf("- twice: exit %d, %q", code, errOut)
	}
}
