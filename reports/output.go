// Package reports renders audit reports: one file per output format behind
// the small Outputter interface (as conftest's output package does), plus
// the signed PDF report and its verification.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// Outputter writes one or more audit reports in one format.
type Outputter interface {
	Output(w io.Writer, reports []*audit.Report) error
}

// Options are shared by every format.
type Options struct {
	Lang    string           // fi, sv or en
	Catalog *catalog.Catalog // area names and order, requirement texts
}

var formats = map[string]func(Options) Outputter{}

// register adds a format; each format's file registers itself.
func register(name string, f func(Options) Outputter) { formats[name] = f }

// Formats lists the names of the available formats.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Get returns the outputter of a format.
func Get(format string, opts Options) (Outputter, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	return f(opts), nil
}
