package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files expands the command-line arguments into answers files: a directory
// stands for the *.toml files directly inside it, in name order.
func Files(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file or directory", a)
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		var found []string
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") {
				found = append(found, filepath.Join(a, e.Name()))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: the directory has no .toml answers files", a)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
