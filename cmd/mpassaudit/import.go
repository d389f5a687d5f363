package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/mgmt"
)

func init() { commandFuncs = append(commandFuncs, importCommand) }

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "write one answers file per integration of MPASSid management-service exports",
		ArgsUsage: "EXPORT.json…",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write the answers files into `DIR` (created when missing)"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite answers files that already exist (a member's own answers in them are lost)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usageErr("import: give one or more management-service export files (JSON)")
			}
			l, err := lang(cmd)
			if err != nil {
				return err
			}
			cat, err := loadCatalog(cmd)
			if err != nil {
				return err
			}
			return runImport(cat, l, cmd.Args().Slice(), cmd.String("output"), cmd.Bool("force"), cmd.Root().Writer, cmd.Root().ErrWriter)
		},
	}
}

// runImport parses every export first, so that a malformed one writes
// nothing, then writes the files. Names are unique within one run.
func runImport(cat *catalog.Catalog, lang string, files []string, dir string, force bool, stdout, stderr io.Writer) error {
	var exports []*mgmt.Export
	for _, f := range files {
		ex, err := mgmt.Load(f)
		if err != nil {
			return inputErr(err)
		}
		exports = append(exports, ex)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageErr("-o %s: %v", dir, err)
	}
	used := map[string]bool{}
	for _, ex := range exports {
		for _, n := range ex.Notes {
			fmt.Fprintf(stderr, "mpassaudit: %s: %s\n", i18n.T(lang, "note"), n)
		}
		fmt.Fprintln(stdout, i18n.T(lang, "%s: %d integrations → %s", ex.File, len(ex.Integrations), dir))
		fallback := strings.TrimSuffix(filepath.Base(ex.File), filepath.Ext(ex.File))
		for _, in := range ex.Integrations {
			base := in.BaseName(fallback)
			for i := 2; used[base]; i++ {
				base = fmt.Sprintf("%s-%d", in.BaseName(fallback), i)
			}
			used[base] = true
			r, err := mgmt.Render(cat, lang, ex, in, base)
			if err != nil {
				return inputErr(fmt.Errorf("%s: %s: %v", ex.File, in.Path, err))
			}
			name := filepath.Join(dir, base+".toml")
			if err := writeNew(name, r.Answers, force); err != nil {
				return err
			}
			if r.Metadata != nil {
				if err := writeNew(filepath.Join(dir, r.MetadataName), r.Metadata, force); err != nil {
					return err
				}
			}
			if r.Client != nil {
				if err := writeNew(filepath.Join(dir, r.ClientName), r.Client, force); err != nil {
					return err
				}
			}
			left := len(cat.Fields(r.Kind)) - len(r.Settled) - 1 // member.kind is always written
			fmt.Fprintln(stdout, "  "+i18n.T(lang, "wrote %s (%s, %s): %d answers from the registration, %d questions left to the member",
				name, i18n.T(lang, r.Kind), environmentName(lang, in), len(r.Settled), left))
		}
	}
	return nil
}

func environmentName(lang string, in *mgmt.Integration) string {
	if e := in.Environment(); e != "" {
		return i18n.T(lang, e)
	}
	return "?"
}

// writeNew writes a file, refusing to replace one unless force: an answers
// file in DIR may hold a member's answers.
func writeNew(name string, data []byte, force bool) error {
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if !force {
		flag |= os.O_EXCL
	}
	f, err := os.OpenFile(name, flag, 0o644)
	if errors.Is(err, os.ErrExist) {
		return usageErr("%s already exists; import into an empty directory or give --force to overwrite it", name)
	}
	if err != nil {
		return usageErr("%s: %v", name, err)
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}
