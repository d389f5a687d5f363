package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/policies"
)

// The catalogue and its prepared engine are built once per process, however
// many steps of a command need them (audit --pdf used to load it three times).
var (
	catalogMu sync.Mutex
	catalogs  = map[string]*catalog.Catalog{}
	engines   = map[string]*engine.Engine{}
)

// loadCatalog loads --catalog DIR|FILE.tar.gz|URL (openCatalog: signed
// bundles verified) or the embedded catalogue, once per process.
func loadCatalog(cmd *cli.Command) (*catalog.Catalog, error) {
	spec := cmd.String("catalog")
	// Once per command line: another run in the same process (tests) may
	// give other trust flags, and a bundle is verified against them.
	key := fmt.Sprintf("%p\x00%s", cmd.Root(), spec)
	catalogMu.Lock()
	defer catalogMu.Unlock()
	if c, ok := catalogs[key]; ok {
		return c, nil
	}
	var cat *catalog.Catalog
	var err error
	if spec != "" {
		cat, err = openCatalog(cmd, spec)
	} else if cat, err = catalog.Load(policies.FS); err != nil {
		err = inputErr(err)
	}
	if err != nil {
		return nil, err
	}
	catalogs[key] = cat
	return cat, nil
}

// engineFor prepares the catalogue's query once per process.
func engineFor(ctx context.Context, cat *catalog.Catalog) (*engine.Engine, error) {
	catalogMu.Lock()
	defer catalogMu.Unlock()
	// A catalogue loaded from a bundle keeps its own engine: the reports
	// name the bundle the engine's catalogue came from.
	key := cat.Digest
	if cat.Bundle != nil {
		key += "\x00" + cat.Bundle.SHA256
	}
	if e, ok := engines[key]; ok {
		return e, nil
	}
	e, err := engine.New(ctx, cat)
	if err != nil {
		return nil, inputErr(err)
	}
	engines[key] = e
	return e, nil
}

// setup builds the command's audit session from its flags, once: language,
// environment, the audit time (fixed now, so every step and report of the
// run shares it), the prepared catalogue, the prober and the waivers.
// Flags a command does not have read as empty.
func setup(ctx context.Context, cmd *cli.Command) (*audit.Session, error) {
	l, err := lang(cmd)
	if err != nil {
		return nil, err
	}
	if err := checkEnv(cmd.String("env")); err != nil {
		return nil, err
	}
	now, err := parseNow(cmd.String("now"))
	if err != nil {
		return nil, err
	}
	if now.IsZero() {
		now = time.Now().UTC().Truncate(time.Second)
	}
	cat, err := loadCatalog(cmd)
	if err != nil {
		return nil, err
	}
	eng, err := engineFor(ctx, cat)
	if err != nil {
		return nil, err
	}
	s := &audit.Session{Engine: eng, Env: cmd.String("env"), Lang: l, Now: now}
	if hasFlag(cmd, "no-probe") {
		p, err := proberFromFlags(cmd, l, now)
		if err != nil {
			return nil, err
		}
		// --no-probe means no network: the local files the answers name
		// are still read and judged.
		p.Offline = cmd.Bool("no-probe")
		s.Prober = &audit.LiveProber{Catalog: cat, Probes: p}
	}
	if cmd.String("waivers") != "" {
		if waiversFor == nil {
			return nil, usageErr("--waivers: this build has no waiver support")
		}
		if s.Waivers, err = waiversFor(cmd); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// hasFlag reports whether the command defines a flag (setup serves commands
// with different flag sets).
func hasFlag(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

// proberFromFlags builds the prober of the probe flags.
func proberFromFlags(cmd *cli.Command, l string, now time.Time) (*probe.Prober, error) {
	one, total := cmd.Duration("probe-timeout"), cmd.Duration("total-timeout")
	if one <= 0 || total <= 0 {
		return nil, usageErr("--probe-timeout and --total-timeout must be positive (e.g. 10s, 1m)")
	}
	p := &probe.Prober{
		Net:          safenet.Options{AllowPrivate: cmd.Bool("allow-private")},
		ProbeTimeout: one,
		TotalTimeout: total,
		Now:          now,
		Label:        i18n.T(l, "probes"),
	}
	// A progress bar only on a terminal: never in pipes, files or CI logs.
	if f, ok := cmd.Root().ErrWriter.(*os.File); ok && !cmd.Bool("quiet") && term.IsTerminal(int(f.Fd())) {
		p.Progress = f
	}
	return p, nil
}

// proberFor is the live prober of the probe flags (verify --reprobe).
var proberFor = liveProber

func liveProber(cmd *cli.Command) (audit.Prober, error) {
	l, err := lang(cmd)
	if err != nil {
		return nil, err
	}
	cat, err := loadCatalog(cmd)
	if err != nil {
		return nil, err
	}
	now, err := parseNow(cmd.String("now"))
	if err != nil {
		return nil, err
	}
	p, err := proberFromFlags(cmd, l, now)
	if err != nil {
		return nil, err
	}
	return &audit.LiveProber{Catalog: cat, Probes: p}, nil
}
