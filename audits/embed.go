// Package audits holds the example audits (answers files and the sample
// exports and metadata they name), embedded so that the binary can audit
// an example with no files beside it.
package audits

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// FS holds the examples folder.
//
//go:embed examples
var FS embed.FS

// Prefix marks an embedded example on the command line: example:NAME.
const Prefix = "example:"

// Names lists the embedded examples (answers files without .toml).
func Names() []string {
	entries, _ := fs.ReadDir(FS, "examples")
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".toml") {
			out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
		}
	}
	sort.Strings(out)
	return out
}

// Extract writes the examples folder into dir and returns the path of the
// answers file of example name, so that the files it names resolve as
// they would beside a member's own answers file.
func Extract(dir, name string) (string, error) {
	name = strings.TrimSuffix(strings.TrimPrefix(name, Prefix), ".toml")
	if _, err := fs.Stat(FS, "examples/"+name+".toml"); err != nil {
		return "", fmt.Errorf("no embedded example %q: use one of %s", name, strings.Join(Names(), ", "))
	}
	err := fs.WalkDir(FS, "examples", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := FS.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "examples/")))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name+".toml"), nil
}
