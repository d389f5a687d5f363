package arch

import (
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/mpassaudit/mpassaudit/"

// rule: packages matching from must not import any package matching a
// forbidden prefix (project packages by path below the module, standard
// library packages by import path).
type rule struct {
	from   string
	forbid []string
	why    string
}

// The rules of ARCHITECTURE.md ("Which way the imports run").
var rules = []rule{
	{"internal/probe", []string{"internal/audit", "internal/answers", "internal/engine", "internal/catalog", "internal/registry", "reports", "cmd"},
		"probes only gather facts: they know neither answers files nor the catalogue, and judge nothing"},
	{"internal/engine", []string{"internal/probe", "internal/registry", "reports", "cmd", "net", "net/http", "os/exec"},
		"evaluation never reaches the network"},
	{"internal/catalog", []string{"internal/audit", "internal/answers", "internal/engine", "internal/probe/samlmd", "internal/probe/sample",
		"internal/probe/tlsprobe", "internal/probe/httpprobe", "internal/registry", "internal/summary", "reports", "cmd"},
		"the catalogue is data: it reads METADATA and signed bundles (keys, and safenet for a bundle URL), and judges nothing"},
	{"policies", []string{"internal/", "reports", "cmd"}, "policies know no command line"},
	{"internal/audit", []string{"reports", "internal/registry", "internal/summary", "cmd"},
		"the audit produces reports; rendering and storage come after it"},
	{"internal/answers", []string{"internal/audit", "internal/probe", "internal/engine", "reports", "cmd", "net/http"},
		"reading an answers file judges nothing and fetches nothing"},
	{"reports", []string{"internal/probe", "internal/registry", "cmd"},
		"reports render and sign what they are given; they probe nothing and store nothing"},
	{"internal/registry", []string{"reports", "internal/probe", "cmd"},
		"the registry stores and queries; verification happens before it (internal/intake)"},
	{"internal/i18n", []string{"internal/", "reports", "cmd"}, "the tool's words import no other part"},
	{"internal/safefile", []string{"internal/", "reports", "cmd"}, "a leaf"},
	{"internal/", []string{"cmd"}, "nothing imports the command line"},
}

func matches(pkg, pattern string) bool {
	return pkg == strings.TrimSuffix(pattern, "/") || strings.HasPrefix(pkg, strings.TrimSuffix(pattern, "/")+"/") ||
		(strings.HasSuffix(pattern, "/") && strings.HasPrefix(pkg, pattern))
}

// packages lists the project's packages (by path below the module) with
// their non-test imports, read from the source as `go build` would.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata") {
			return filepath.SkipDir
		}
		pkg, err := build.Default.ImportDir(p, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, p)
		var imps []string
		for _, imp := range pkg.Imports {
			imps = append(imps, strings.TrimPrefix(imp, module))
		}
		out[filepath.ToSlash(rel)] = imps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d packages below %s", len(out), root)
	}
	return out
}

func TestImportRules(t *testing.T) {
	pkgs := packages(t)
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, r := range rules {
		for _, p := range names {
			if !matches(p, r.from) || strings.HasSuffix(p, "test") {
				continue
			}
			for _, imp := range pkgs[p] {
				for _, f := range r.forbid {
					// A package may use its own part (internal/probe/samlmd
					// imports internal/probe/base).
					if matches(imp, f) && !matches(imp, r.from) {
						t.Errorf("%s imports %s: %s (ARCHITECTURE.md)", p, imp, r.why)
					}
				}
			}
		}
	}
}
