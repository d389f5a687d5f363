package reports

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

// TestToCheckTellsTheReviewerWhatToLookAt: a result needing manual review
// says what must hold, in the report's language; no other status does.
func TestToCheckTellsTheReviewerWhatToLookAt(t *testing.T) {
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	req := cat.Requirement("EP-ORG-04")
	cases := []struct {
		name, status, remediation, lang, want string
	}{
		{"manual fi", audit.Manual, "", "fi", "Tarkistettava: " + req.Remediation.FI},
		{"manual sv", audit.Manual, "", "sv", "Att granska: " + req.Remediation.SV},
		{"manual en", audit.Manual, "", "en", "To check: " + req.Remediation.EN},
		{"fail has its remediation", audit.Fail, "Korjaa.", "fi", ""},
		{"pass", audit.Pass, "", "fi", ""},
		{"not applicable", audit.NotApplicable, "", "fi", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := audit.Result{ID: "EP-ORG-04", Status: c.status, Remediation: c.remediation}
			if got := ToCheck(cat, res, c.lang); got != c.want {
				t.Errorf("ToCheck = %q, want %q", got, c.want)
			}
		})
	}
	if got := ToCheck(nil, audit.Result{ID: "EP-ORG-04", Status: audit.Manual}, "fi"); got != "" {
		t.Errorf("without a catalogue: %q, want nothing", got)
	}
	var b strings.Builder
	rep := &audit.Report{Member: audit.Member{Name: "Testikunta", Kind: catalog.EducationProvider}, Verdict: "pass",
		Results: []audit.Result{{ID: "EP-ORG-04", Area: "organisation", Status: audit.Manual, Message: "Ei testattu."}}}
	if err := (Text{Lang: "fi", Catalog: cat}).Output(&b, []*audit.Report{rep}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "→ Tarkistettava: "+req.Remediation.FI) {
		t.Errorf("the text report does not say what to check:\n%s", b.String())
	}
}

func TestTextColour(t *testing.T) {
	rep := sampleReport("Esimerkkikunta", "1234567-1")
	render := func(tx Text) string {
		var b strings.Builder
		if err := tx.Output(&b, []*audit.Report{rep}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain := render(Text{Lang: "en"})
	if strings.Contains(plain, "\x1b[") {
		t.Errorf("colour written to a non-terminal:\n%q", plain)
	}
	coloured := render(Text{Lang: "en", Colour: func(io.Writer) bool { return true }})
	for _, want := range []string{"\x1b[1;31mFAIL              \x1b[0m", "\x1b[32m✓\x1b[0m", "\x1b[33mWARN", "\x1b[36mMANUAL"} {
		if !strings.Contains(coloured, want) {
			t.Errorf("coloured output lacks %q:\n%s", want, coloured)
		}
	}
	// Without the escapes, the coloured report is the plain one.
	if stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(coloured, ""); stripped != plain {
		t.Errorf("colour changed the text:\n%s\nvs\n%s", stripped, plain)
	}
}

func TestTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if Terminal(f) {
		t.Error("a file is a terminal")
	}
	if Terminal(&strings.Builder{}) {
		t.Error("a buffer is a terminal")
	}
	// NO_COLOR wins even on a terminal (where this test has one).
	t.Setenv("NO_COLOR", "1")
	if Terminal(os.Stdout) {
		t.Error("NO_COLOR is set and Terminal says colour")
	}
}
