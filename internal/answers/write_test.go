package answers_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/mpassaudit/mpassaudit/audits"
	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/questionnaire"
	"github.com/mpassaudit/mpassaudit/policies"
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func template(t testing.TB, cat *catalog.Catalog, kind, lang string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := questionnaire.Write(&b, cat, kind, lang); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFillRoundTrip fills every embedded example's answers into the
// template of each language and reads them back: the same values, and the
// template's comments kept.
func TestFillRoundTrip(t *testing.T) {
	cat := loadCatalog(t)
	dir := t.TempDir()
	for _, name := range audits.Names() {
		p, err := audits.Extract(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := answers.Load(p, cat)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"fi", "sv", "en"} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				tmpl := template(t, cat, a.Member.Kind, lang)
				out, err := answers.Fill(tmpl, cat, a.Member.Kind, a.Values)
				if err != nil {
					t.Fatal(err)
				}
				b, err := answers.Parse(p, filepath.Dir(p), out, cat)
				if err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				if !reflect.DeepEqual(a.Values, b.Values) {
					t.Errorf("values differ after Fill:\nwant %v\ngot  %v", a.Values, b.Values)
				}
				first := strings.SplitN(string(tmpl), "\n", 2)[0]
				if !bytes.HasPrefix(out, []byte(first)) {
					t.Errorf("the template's first comment is gone: %q", strings.SplitN(string(out), "\n", 2)[0])
				}
			})
		}
	}
}

// TestFillLeavesUnansweredOut checks that a required question left empty
// is written as a comment (its example is never an answer) and that an
// unknown question is refused rather than dropped.
func TestFillLeavesUnansweredOut(t *testing.T) {
	cat := loadCatalog(t)
	tmpl := template(t, cat, catalog.EducationProvider, "fi")
	out, err := answers.Fill(tmpl, cat, catalog.EducationProvider, map[string]any{
		"member": map[string]any{"kind": catalog.EducationProvider},
	})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("\nname = ")) {
		t.Errorf("the example name was written as an answer:\n%s", out)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(out), &raw); err != nil {
		t.Fatal(err)
	}
	if got := raw["member"].(map[string]any); len(got) != 1 || got["kind"] != catalog.EducationProvider {
		t.Errorf("member = %v, want only kind", got)
	}
	for _, bad := range []map[string]any{
		{"lifecycle": map[string]any{"leaver_dayz": int64(3)}},
		{"lifecycle": map[string]any{"leaver_days": "three"}},
		{"security": map[string]any{"restore_tested": "1.9.2026"}},
		{"member": "x"},
	} {
		if _, err := answers.Fill(tmpl, cat, catalog.EducationProvider, bad); err == nil {
			t.Errorf("Fill(%v) gave no error", bad)
		}
	}
}

// FuzzQuote checks that any text the form receives is written as a TOML
// string that reads back as the same text.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "Esimerkkilän kaupunki", `a "quoted" \ text`, "rivi 1\nrivi 2\r\n\ttab", "\x00\x1f\x7f", "\xff\xfe", `'''`, `"""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v struct{ K string }
		if _, err := toml.Decode("K = "+answers.Quote(s), &v); err != nil {
			t.Fatalf("Quote(%q) = %s: %v", s, answers.Quote(s), err)
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if v.K != want {
			t.Fatalf("Quote(%q) reads back as %q", s, v.K)
		}
	})
}
