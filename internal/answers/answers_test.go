package answers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(os.DirFS("testdata/catalog"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

const head = "[member]\nname = \"Esimerkkilä\"\nkind = \"education-provider\"\n"

func TestParseGood(t *testing.T) {
	cat := testCatalog(t)
	src := head + `
[lifecycle]
leaver_days = 5
personal_accounts_only = false

[registry]
type = "entra"
sample_export = "files/sample.csv"

[security]
restore_tested = 2026-09-01

[organisation]
privacy_notice_url = "https://www.esimerkkila.fi/tietosuoja"

[contacts]
security_email = "tietoturva@esimerkkila.fi"

[saml]
metadata = "https://sp.example.fi/metadata.xml"

[oidc]
redirect_uris = ["https://app.example.fi/cb", "https://app.example.fi/cb2"]
`
	a, err := Parse("answers.toml", "testdata", []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]any{
		"member.name":                      "Esimerkkilä",
		"lifecycle.leaver_days":            int64(5),
		"lifecycle.personal_accounts_only": false, // an explicit "no" stays false
		"security.restore_tested":          "2026-09-01",
		"registry.sample_export":           "files/sample.csv",
	} {
		if got := a.Get(path); got != want {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
	if uris, ok := a.Get("oidc.redirect_uris").([]any); !ok || len(uris) != 2 {
		t.Errorf("oidc.redirect_uris = %#v", a.Get("oidc.redirect_uris"))
	}
	if a.Member.Kind != catalog.EducationProvider || a.Member.Name != "Esimerkkilä" {
		t.Errorf("member = %+v", a.Member)
	}
}

func TestUnansweredIsAbsent(t *testing.T) {
	a, err := Parse("answers.toml", "", []byte(head), testCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if v := a.Get("lifecycle.personal_accounts_only"); v != nil {
		t.Fatalf("an unanswered question must stay absent, got %#v", v)
	}
}

// TestBadInput covers every case of "The answers file" in PRODUCT.md: each
// message names the file and line, the key, and what to do.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"syntax error", head + "[lifecycle]\nleaver_days = = 5\n", []string{"answers.toml:5:", "TOML syntax error"}},
		{"unquoted string", head + "[organisation]\nprivacy_notice_url = https://x.fi\n", []string{"answers.toml:5:", "syntax", `privacy_notice_url = "https://www.example.fi/"`}},
		{"kyllä for a bool", head + "[lifecycle]\npersonal_accounts_only = kyllä\n", []string{"answers.toml:5:", "lifecycle.personal_accounts_only", "true (yes) or false (no), without quotes"}},
		{"Finnish date", head + "[security]\nrestore_tested = 1.9.2026\n", []string{"answers.toml:5:", "security.restore_tested", "2026-09-01 (not 1.9.2026)"}},
		{"typo in key", head + "[lifecycle]\nleaver_dayz = 5\n", []string{"answers.toml:5:", "lifecycle.leaver_dayz", "unknown key", "did you mean lifecycle.leaver_days"}},
		{"typo in section", head + "[lifecylce]\nleaver_days = 5\n", []string{"answers.toml:4:", "unknown section [lifecylce]", "did you mean [lifecycle]"}},
		{"key outside section", "leaver_days = 5\n" + head, []string{"answers.toml:1:", "leaver_days", "lifecycle"}},
		{"wrong type int", head + "[lifecycle]\nleaver_days = \"5\"\n", []string{"answers.toml:5:", "lifecycle.leaver_days", "expected a whole number", `got the text "5"`}},
		{"wrong type bool", head + "[lifecycle]\npersonal_accounts_only = \"yes\"\n", []string{"answers.toml:5:", "expected true or false"}},
		{"below min", head + "[lifecycle]\nleaver_days = -1\n", []string{"answers.toml:5:", "below the smallest allowed value 0"}},
		{"enum", head + "[registry]\ntype = \"entraid\"\n", []string{"answers.toml:5:", "registry.type", `"entraid" is not allowed`, `did you mean "entra"`}},
		{"date", head + "[security]\nrestore_tested = \"1.9.2026\"\n", []string{"answers.toml:5:", "expected a date"}},
		{"url", head + "[organisation]\nprivacy_notice_url = \"www.x.fi\"\n", []string{"answers.toml:5:", "not an absolute URL"}},
		{"email", head + "[contacts]\nsecurity_email = \"tietoturva\"\n", []string{"answers.toml:5:", "not an e-mail address"}},
		{"missing file", head + "[registry]\nsample_export = \"missing.csv\"\n", []string{"answers.toml:5:", "registry.sample_export", `file "missing.csv" not found`}},
		{"missing location file", head + "[saml]\nmetadata = \"nometa.xml\"\n", []string{"answers.toml:5:", `file "nometa.xml" not found`}},
		{"list expected", head + "[oidc]\nredirect_uris = \"https://a.fi/cb\"\n", []string{"answers.toml:5:", "expected a list of url"}},
		{"list item", head + "[oidc]\nredirect_uris = [\"https://a.fi/cb\", \"cb\"]\n", []string{"answers.toml:5:", "item 2", "not an absolute URL"}},
		{"missing required", "[member]\nkind = \"education-provider\"\n", []string{"answers.toml", "member.name", "missing required answer"}},
		{"missing kind", "[member]\nname = \"X\"\n", []string{"member.kind", "missing required answer"}},
		{"bad kind", "[member]\nname = \"X\"\nkind = \"school\"\n", []string{"answers.toml:3:", `"school" is not a member kind`}},
		{"several problems", head + "[lifecycle]\npersonal_accounts_only = 1\nleaver_dayz = 5\n", []string{"answers.toml:5:", "answers.toml:6:"}},
	}
	cat := testCatalog(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("answers.toml", "testdata", []byte(c.src), cat)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"), testCatalog(t))
	if err == nil || !strings.Contains(err.Error(), "nope.toml") || !strings.Contains(err.Error(), "cannot read") {
		t.Fatalf("err = %v", err)
	}
}

func TestClosest(t *testing.T) {
	known := []string{"lifecycle.leaver_days", "lifecycle.change_days", "security.log_retention_days"}
	for in, want := range map[string]string{
		"lifecycle.leaver_dayz": "lifecycle.leaver_days",
		"leaver_days":           "lifecycle.leaver_days",
		"lifecycle.chnage_days": "lifecycle.change_days",
		"completely.different":  "",
	} {
		if got := closest(in, known); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse: any bytes give answers or an error, never a panic.
func FuzzParse(f *testing.F) {
	cat := testCatalog(f)
	f.Add([]byte(head + "[lifecycle]\nleaver_days = 5\n"))
	f.Add([]byte(head + "[oidc]\nredirect_uris = [\"https://a.fi/cb\", 3]\n"))
	f.Add([]byte("[member]\nkind = 1\n"))
	f.Add([]byte("a.b.c.d = 1\n[[x]]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := Parse("fuzz.toml", "", src, cat)
		if err == nil && a.Member.Kind == "" {
			t.Fatal("answers without a kind were accepted")
		}
	})
}

// Problems are listed in the order of the file's lines.
func TestProblemsInLineOrder(t *testing.T) {
	src := head + "[lifecycle]\nleaver_dayz = 5\npersonal_accounts_only = 1\n[contacts]\nsecurity_email = \"x\"\n"
	_, err := Parse("answers.toml", "", []byte(src), testCatalog(t))
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != 3 {
		t.Fatalf("err = %v", err)
	}
	for i := 1; i < len(e.Problems); i++ {
		if e.Problems[i].Line < e.Problems[i-1].Line {
			t.Errorf("problems out of order: %v", err)
		}
	}
}

// TestPlaceholderIsUnanswered: the template's placeholder left in place is
// no answer: absent from the input, and a required one is an input error
// naming the question.
func TestPlaceholderIsUnanswered(t *testing.T) {
	cat := testCatalog(t)
	for _, c := range []struct {
		name, src string
		wantErr   string
	}{
		{"required name", "[member]\nname = \"…\"\nkind = \"education-provider\"\n", "answers.toml:2: member.name: still holds the template's placeholder"},
		{"three dots", "[member]\nname = \"...\"\nkind = \"education-provider\"\n", "placeholder"},
		{"answered", "[member]\nname = \"Testilän kunta\"\nkind = \"education-provider\"\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("answers.toml", "", []byte(c.src), cat)
			switch {
			case c.wantErr == "" && err != nil:
				t.Errorf("Parse = %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Errorf("Parse = %v, want %q", err, c.wantErr)
			}
		})
	}
}

// TestHostileNesting: a 33 KB file of inline tables nested 5,000 deep is
// refused before the TOML parser recurses into it; brackets inside strings
// and comments are text.
func TestHostileNesting(t *testing.T) {
	cat := testCatalog(t)
	deep := head + "[lifecycle]\nleaver_days = " + strings.Repeat("{a=", 5000) + "1" + strings.Repeat("}", 5000) + "\n"
	_, err := Parse("answers.toml", "", []byte(deep), cat)
	if err == nil || !strings.Contains(err.Error(), "answers.toml:5: lists or inline tables nest deeper than") {
		t.Errorf("Parse = %v", err)
	}
	big := head + "# " + strings.Repeat("x", MaxSize) + "\n"
	if _, err := Parse("answers.toml", "", []byte(big), cat); err == nil || !strings.Contains(err.Error(), "more than the") {
		t.Errorf("Parse of a large file = %v", err)
	}
	text := head + "[organisation]\nprivacy_notice_url = \"https://x.fi/[[[[[[[[[[[[\" # {{{{{{{{{{{{{\n"
	if _, err := Parse("answers.toml", "", []byte(text), cat); err != nil && strings.Contains(err.Error(), "nest deeper") {
		t.Errorf("brackets in a string or comment counted: %v", err)
	}
}
