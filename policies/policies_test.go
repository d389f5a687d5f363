package policies_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
	"github.com/mpassaudit/mpassaudit/policies"
)

func modules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]*ast.Module{}
	for n, m := range cat.Modules {
		all[n] = m
	}
	for n, m := range cat.Tests {
		all[n] = m
	}
	return all
}

// TestRego runs every *_test.rego rule through the OPA tester, one Go
// subtest per Rego test, so `go test ./...` fails on any failing Rego test.
func TestRego(t *testing.T) {
	ctx := context.Background()
	ch, err := tester.NewRunner().SetModules(modules(t)).RunTests(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s:%d: %v", r.Location.File, r.Location.Row, r.Error)
			}
			if r.Fail {
				t.Fatalf("%s:%d: test failed", r.Location.File, r.Location.Row)
			}
		})
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
}

// TestStrict is `opa check --strict`: the catalogue compiles in strict mode.
func TestStrict(t *testing.T) {
	c := ast.NewCompiler().WithStrict(true).WithEnablePrintStatements(false)
	c.Compile(modules(t))
	if c.Failed() {
		t.Fatal(c.Errors)
	}
}

// TestFormatted is `opa fmt --list`: every file is formatted.
func TestFormatted(t *testing.T) {
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		out, err := format.Source(p, src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if !bytes.Equal(out, src) {
			t.Errorf("%s is not formatted: run `opa fmt -w policies`", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// svTexts collects every Swedish text of the catalogue: the METADATA
// titles, remediation and questions, and every {"sv": …} message in the
// Rego sources (a string, or the format of a sprintf).
func svTexts(t *testing.T) map[string]string {
	t.Helper()
	cat, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range cat.Requirements {
		out[r.ID+" title"] = r.Titles.SV
		out[r.ID+" remediation"] = r.Remediation.SV
	}
	for _, f := range cat.Fields("") {
		out[f.Path+" question"] = f.Question.SV
	}
	for name, m := range cat.Modules {
		ast.WalkTerms(m, func(term *ast.Term) bool {
			obj, ok := term.Value.(ast.Object)
			if !ok {
				return false
			}
			v := obj.Get(ast.StringTerm("sv"))
			if v == nil {
				return false
			}
			where := fmt.Sprintf("%s:%d", name, v.Location.Row)
			switch x := v.Value.(type) {
			case ast.String:
				out[where] = string(x)
			case ast.Call:
				if len(x) > 1 && x[0].String() == "sprintf" {
					if s, ok := x[1].Value.(ast.String); ok {
						out[where] = string(s)
					}
				}
			}
			return false
		})
	}
	return out
}

// TestSwedishTerminology: the Swedish texts use the glossary's decided
// words (GLOSSARY.md): studentnummer (oppijanumero), never "elevnummer";
// "tillåtna rollnamn", never "ordförråd".
func TestSwedishTerminology(t *testing.T) {
	texts := svTexts(t)
	if len(texts) < 200 {
		t.Fatalf("only %d Swedish texts found: the walk misses the catalogue's messages", len(texts))
	}
	banned := regexp.MustCompile(`(?i)elevnum|ordförråd`)
	for where, s := range texts {
		if m := banned.FindString(s); m != "" {
			t.Errorf("%s: %q uses %q (GLOSSARY.md: studentnummer (oppijanumero); tillåtna rollnamn)", where, s, m)
		}
	}
	// A METADATA text is whole: its first mention of the learner number
	// carries the Finnish term. (Messages built from parts get it from
	// lib.sv_first_mention, tested in Rego.)
	first := regexp.MustCompile(`(?i)(test)?studentnum\w*`)
	for where, s := range texts {
		if !strings.HasSuffix(where, " title") && !strings.HasSuffix(where, " remediation") && !strings.HasSuffix(where, " question") {
			continue
		}
		loc := first.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		want := " (oppijanumero"
		if loc[2] >= 0 {
			want = " (testioppijanumero"
		}
		if !strings.HasPrefix(s[loc[1]:], want) {
			t.Errorf("%s: %q: the first mention %q is not followed by %q)", where, s, s[loc[0]:loc[1]], want)
		}
	}
}

// TestSampleColumnsAgree: the sample probe suggests names from the same
// default claim names and data model 1.4 attribute names the catalogue
// expects, so "did you mean" never names a column the checks do not read.
func TestSampleColumnsAgree(t *testing.T) {
	ctx := context.Background()
	q := func(ref string) []string {
		t.Helper()
		var mods []func(*rego.Rego)
		mods = append(mods, rego.Query(ref))
		for _, m := range modules(t) {
			mods = append(mods, rego.ParsedModule(m))
		}
		rs, err := rego.New(mods...).Eval(ctx)
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v", ref, err)
		}
		var out []string
		switch v := rs[0].Expressions[0].Value.(type) {
		case []any:
			for _, x := range v {
				out = append(out, x.(string))
			}
		case map[string]any:
			for _, x := range v {
				out = append(out, x.(string))
			}
		}
		sort.Strings(out)
		return out
	}
	header := q("data.mpassaudit.requirements.ep.registry.default_header")
	want := append([]string(nil), sample.DefaultColumns...)
	sort.Strings(want)
	if !slices.Equal(header, want) {
		t.Errorf("default_header %q, sample.DefaultColumns %q", header, want)
	}
	for _, c := range q("data.mpassaudit.requirements.ep.registry.default_columns") {
		if !slices.Contains(sample.DefaultColumns, c) {
			t.Errorf("default column %q is not in sample.DefaultColumns", c)
		}
	}
	for _, n := range q("data.mpassaudit.requirements.ep.registry.saml_names") {
		if !slices.Contains(sample.SAMLNames, n) {
			t.Errorf("SAML name %q is not in sample.SAMLNames", n)
		}
	}
}
