package policies_test

// Regal, the Rego linter, does not resolve from the module proxy here, so
// this test runs the checks of the catalogue's conventions (#9 item 5)
// through OPA's ast: Regal's rules by their Regal names, switched off only
// by ../.regal/config.yaml (the file Regal itself reads), and the
// catalogue's own rules, which Regal has no name for.

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"go.yaml.in/yaml/v3"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/policies"
)

const regalConfig = "../.regal/config.yaml"

// regalIgnored reads the rules that .regal/config.yaml switches off, as
// "category/rule", and checks that each says why (a comment above it).
func regalIgnored(t *testing.T) map[string]bool {
	t.Helper()
	src, err := os.ReadFile(regalConfig)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Rules map[string]map[string]struct {
			Level string `yaml:"level"`
		} `yaml:"rules"`
	}
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		t.Fatalf("%s: %v", regalConfig, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	if len(doc.Content) == 1 {
		for i := 0; i+1 < len(doc.Content[0].Content); i += 2 {
			if doc.Content[0].Content[i].Value != "rules" {
				continue
			}
			cats := doc.Content[0].Content[i+1]
			for j := 0; j+1 < len(cats.Content); j += 2 {
				rules := cats.Content[j+1]
				for k := 0; k+1 < len(rules.Content); k += 2 {
					reasons[cats.Content[j].Value+"/"+rules.Content[k].Value] = strings.TrimSpace(rules.Content[k].HeadComment)
				}
			}
		}
	}
	off := map[string]bool{}
	for cat, rules := range cfg.Rules {
		for name, r := range rules {
			if r.Level == "ignore" {
				key := cat + "/" + name
				off[key] = true
				if reasons[key] == "" {
					t.Errorf("%s: %s is switched off without a reason (a comment line above it)", regalConfig, key)
				}
			}
		}
	}
	return off
}

type finding struct{ rule, where, what string }

// lint returns every finding of the catalogue's modules (tests included).
func lint(t *testing.T) []finding {
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
	return lintModules(all)
}

// lintModules checks modules by file name; files named *_test.rego are tests.
func lintModules(all map[string]*ast.Module) []finding {
	var out []finding
	add := func(rule string, loc *ast.Location, format string, args ...any) {
		where := "?"
		if loc != nil {
			where = fmt.Sprintf("%s:%d", loc.File, loc.Row)
		}
		out = append(out, finding{rule, where, fmt.Sprintf(format, args...)})
	}
	packages := map[string]bool{}
	for n, m := range all {
		if !strings.HasSuffix(n, "_test.rego") {
			packages[m.Package.Path.String()] = true
		}
	}
	entrypoints := 0
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, file := range names {
		m := all[file]
		pkg := m.Package.Path.String()
		isTestFile := strings.HasSuffix(file, "_test.rego")
		for _, a := range m.Annotations {
			if a.Entrypoint {
				entrypoints++
			}
			restatedDefaults(a, add)
		}
		if isTestFile {
			// "<package>_test": the tests of package p are in package p_test.
			if !strings.HasSuffix(pkg, "_test") || !packages[strings.TrimSuffix(pkg, "_test")] {
				add("mpassaudit/test-package-name", m.Package.Location, "test file package %s is not <package>_test of a catalogue package", strings.TrimPrefix(pkg, "data."))
			}
		}
		for _, r := range m.Rules {
			name := r.Head.Ref().String()
			if strings.HasPrefix(name, "test_") {
				if !strings.HasSuffix(pkg, "_test") {
					add("testing/test-outside-test-package", r.Location, "test %s outside a _test package", name)
				}
				if !isTestFile {
					add("testing/file-missing-test-suffix", r.Location, "test %s in a file not named *_test.rego", name)
				}
			}
			if e := fallback(r); e != nil {
				add("style/default-over-else", e.Location, "%s ends in `else := %v`: use `default %s := %v`", name, e.Head.Value, defaultHead(r), e.Head.Value)
			}
		}
		if isTestFile {
			continue
		}
		for _, imp := range m.Imports {
			p := imp.Path.String()
			if strings.HasPrefix(p, "data.mpassaudit.requirements.") {
				add("mpassaudit/import-requirement-package", imp.Location, "imports %s: share helpers in a lib package (mpassaudit.lib.ep, mpassaudit.lib.sp) instead", p)
			}
		}
		if pkg != "data.mpassaudit.lib" {
			ast.WalkRefs(m, func(ref ast.Ref) bool {
				if len(ref) > 1 && ref[0].Equal(ast.InputRootDocument) && ref[1].Equal(ast.StringTerm("answers")) {
					add("mpassaudit/answer-through-lib", ref[0].Location, "reads %v directly: read answers with lib.answer", ref)
				}
				return false
			})
		}
	}
	if entrypoints == 0 {
		add("idiomatic/no-defined-entrypoint", nil, "no rule has METADATA entrypoint: true")
	}
	return out
}

// fallback is a rule's last else when it is an unconditional constant
// (`else := []`), which a default says better; nil otherwise.
func fallback(r *ast.Rule) *ast.Rule {
	e := r.Else
	for e != nil && e.Else != nil {
		e = e.Else
	}
	if e == nil || e.Head.Value == nil || !ast.IsConstant(e.Head.Value.Value) {
		return nil
	}
	if len(e.Body) != 1 || !e.Body[0].Equal(ast.NewExpr(ast.BooleanTerm(true))) {
		return nil // `else := c if cond` has no default form
	}
	return e
}

// defaultHead is how the default of r is written: name, or name(_, …).
func defaultHead(r *ast.Rule) string {
	name := r.Head.Ref().String()
	if len(r.Head.Args) == 0 {
		return name
	}
	return name + "(" + strings.TrimSuffix(strings.Repeat("_, ", len(r.Head.Args)), ", ") + ")"
}

// restatedDefaults finds METADATA lines that say what the default already
// is: all three environments, optional/required/list false, a severity per
// environment equal to the severity.
func restatedDefaults(a *ast.Annotations, add func(string, *ast.Location, string, ...any)) {
	const rule = "mpassaudit/metadata-restates-default"
	if envs, ok := a.Custom["environments"].([]any); ok {
		var got []string
		for _, e := range envs {
			got = append(got, fmt.Sprint(e))
		}
		sort.Strings(got)
		all := append([]string(nil), catalog.Environments...)
		sort.Strings(all)
		if slices.Equal(got, all) {
			add(rule, a.Location, "environments: all three is the default; leave the line out")
		}
	}
	if sev, ok := a.Custom["severity_by_env"].(map[string]any); ok {
		for env, s := range sev {
			if s == a.Custom["severity"] {
				add(rule, a.Location, "severity_by_env %s: %v restates severity", env, s)
			}
		}
	}
	if fields, ok := a.Custom["answers"].([]any); ok {
		for _, f := range fields {
			m, _ := f.(map[string]any)
			for _, k := range []string{"optional", "required", "list"} {
				if v, ok := m[k]; ok && v == false {
					add(rule, a.Location, "answer %v: %s: false is the default", m["path"], k)
				}
			}
		}
	}
}

// TestLint is the Regal run: every finding fails, unless .regal/config.yaml
// switches its (Regal) rule off.
func TestLint(t *testing.T) {
	off := regalIgnored(t)
	for _, f := range lint(t) {
		if off[f.rule] {
			continue
		}
		t.Errorf("%s: %s: %s", f.where, f.rule, f.what)
	}
}

// TestLintFinds: each check finds what it is meant to (a lint that finds
// nothing on a clean catalogue proves nothing by itself).
func TestLintFinds(t *testing.T) {
	bad := map[string]string{
		"ep/demo.rego": `package mpassaudit.requirements.ep.demo

import data.mpassaudit.requirements.ep.registry

# METADATA
# custom:
#   severity: must
#   severity_by_env: {test: must}
#   environments: [test, demo, production]
#   answers:
#     - path: a.b
#       optional: false
r := 1 if input.answers.a.b else := 2

f(x) := 1 if x > 0 else := [3]

test_x if true
`,
		"ep/other_test.rego": `package mpassaudit.requirements.ep.other
`,
	}
	mods := map[string]*ast.Module{}
	for name, src := range bad {
		m, err := ast.ParseModuleWithOpts(name, src, catalog.ParseOptions)
		if err != nil {
			t.Fatal(err)
		}
		mods[name] = m
	}
	count := map[string]int{}
	for _, f := range lintModules(mods) {
		count[f.rule]++
	}
	for rule, want := range map[string]int{
		"mpassaudit/metadata-restates-default":  3,
		"style/default-over-else":               2,
		"mpassaudit/answer-through-lib":         1,
		"mpassaudit/import-requirement-package": 1,
		"mpassaudit/test-package-name":          1,
		"testing/test-outside-test-package":     1,
		"testing/file-missing-test-suffix":      1,
		"idiomatic/no-defined-entrypoint":       1,
	} {
		if count[rule] != want {
			t.Errorf("%s found %d times, want %d (all: %v)", rule, count[rule], want, count)
		}
	}
}
