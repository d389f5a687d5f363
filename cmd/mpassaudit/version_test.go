package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/version"
)

func TestVersion(t *testing.T) {
	want := "mpassaudit " + version.String() + "\n"
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}, {"--lang", "sv", "version"}} {
		code, out, errOut := runCLI(t, args...)
		if code != exitOK || !strings.HasPrefix(out, want) || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0 and %q first", args, code, out, errOut, want)
		}
		if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "commit") {
			t.Errorf("%v: %q, want the version line and a commit line", args, out)
		}
	}
}

// TestVersionInReport: the JSON result names the same build as `version`.
func TestVersionInReport(t *testing.T) {
	needFile(t, compliantEP)
	_, out, errOut := runCLI(t, "audit", "--no-probe", "--format", "json", fixedNow, compliantEP)
	var rep struct {
		Tool struct{ Version string } `json:"tool"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v (stderr %s)", err, errOut)
	}
	if rep.Tool.Version != version.String() {
		t.Errorf("tool.version %q, want %q", rep.Tool.Version, version.String())
	}
}

// TestUsageErrorIsOneLine: a wrong flag gives the error and a hint, in the
// chosen language, never the whole help.
func TestUsageErrorIsOneLine(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"audit", "--bogus", partialEP}, []string{"mpassaudit: flag provided but not defined: -bogus", "mpassaudit: see mpassaudit audit --help"}},
		{[]string{"--bogus"}, []string{"mpassaudit: flag provided but not defined: -bogus", "mpassaudit: see mpassaudit --help"}},
		{[]string{"--lang", "sv", "init"}, []string{`mpassaudit: Required flag "kind" not set`, "mpassaudit: se mpassaudit init --help"}},
		{[]string{"--lang", "fi", "audit", "--probe-timeout", "soon", partialEP}, nil},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(t, c.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", c.args, code, exitUsage)
		}
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if len(lines) != 2 || strings.Contains(errOut, "USAGE") || out != "" {
			t.Errorf("%v: stdout %q stderr %q, want two lines (error and hint) and no help", c.args, out, errOut)
			continue
		}
		if c.want != nil && (lines[0] != c.want[0] || lines[1] != c.want[1]) {
			t.Errorf("%v: %q, want %q", c.args, lines, c.want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"audti", "x.toml"}, "mpassaudit: unknown command \"audti\"; did you mean audit?\nmpassaudit: see mpassaudit --help\n"},
		{[]string{"--lang", "fi", "verison"}, "mpassaudit: tuntematon komento \"verison\"; tarkoititko version?\nmpassaudit: katso mpassaudit --help\n"},
		{[]string{"frobnicate"}, "mpassaudit: unknown command \"frobnicate\"\nmpassaudit: see mpassaudit --help\n"},
		{[]string{"--lang", "sv", "registry", "lst"}, "mpassaudit: okänt kommando \"lst\"; menade du list?\nmpassaudit: se mpassaudit registry --help\n"},
	} {
		code, out, errOut := runCLI(t, c.args...)
		if code != exitUsage || out != "" || errOut != c.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
	// Without a command: the help, as before.
	for _, args := range [][]string{nil, {"registry"}} {
		if code, out, _ := runCLI(t, args...); code != exitOK || !strings.Contains(out, "COMMANDS:") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, errOut := runCLI(t, "completion", shell)
		if code != exitOK || !strings.Contains(out, "mpassaudit") || len(out) < 200 {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %q", shell, code, len(out), errOut)
		}
	}
}

// TestFormatsTextsTranslated: the texts that the version, usage-error,
// stdin, JUnit and OSCAL code adds exist in Finnish and Swedish.
func TestFormatsTextsTranslated(t *testing.T) {
	for _, key := range []string{
		"commit unknown (no VCS data in this build; a release names its tag)",
		"commit %s, with uncommitted changes",
		"see %s --help", "unknown command %q", "did you mean %s?",
		"- (standard input) can be given only once", "cannot read standard input: %v",
		"more than %d MiB on standard input: give the answers file by name",
		"Warnings (%d):", "Assessment plan", "Audited members",
		"The member's answers to the self-audit questionnaire describe the system assessed.",
		"Answers to the questionnaire",
		"Each answer is judged against the requirements that read it (method INTERVIEW).",
		"Probes of the live configuration",
		"What the answers name is fetched and checked (method TEST): privacy notice, SAML metadata, TLS, the sample export.",
	} {
		fi, sv := i18n.T("fi", key), i18n.T("sv", key)
		if fi == i18n.T("en", key) || sv == i18n.T("en", key) || fi == sv {
			t.Errorf("%q: fi %q, sv %q: a translation is missing", key, fi, sv)
		}
	}
}
