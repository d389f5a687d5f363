package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/policies"
	"github.com/mpassaudit/mpassaudit/reports"
)

func init() { commandFuncs = append(commandFuncs, catalogCommand) }

func catalogCommand() *cli.Command {
	return &cli.Command{
		Name:  "catalog",
		Usage: "list or show the requirements of the catalogue, or build it as a signed bundle",
		Commands: []*cli.Command{
			catalogBuildCommand(),
			{
				Name:  "list",
				Usage: "list every requirement",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "kind", Usage: "only requirements for education-provider or service-provider"},
					&cli.StringFlag{Name: "now", Usage: "mark the requirements not yet mandatory at this `TIME` (RFC 3339 or YYYY-MM-DD; default now)"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					l, err := lang(cmd)
					if err != nil {
						return err
					}
					now, err := parseNow(cmd.String("now"))
					if err != nil {
						return err
					}
					if now.IsZero() {
						now = time.Now()
					}
					if k := cmd.String("kind"); k != "" {
						if err := checkKind(k); err != nil {
							return err
						}
					}
					cat, err := loadCatalog(cmd)
					if err != nil {
						return err
					}
					w := tabwriter.NewWriter(cmd.Root().Writer, 0, 2, 2, ' ', 0)
					fmt.Fprintf(w, "# %s %s (%s)\n", i18n.T(l, "Catalogue"), cat.Version, cat.Digest)
					for _, r := range cat.Requirements {
						if k := cmd.String("kind"); k != "" && !r.AppliesToKind(k) {
							continue
						}
						upcoming := ""
						if r.Upcoming(now) {
							upcoming = "\t(" + i18n.T(l, "mandatory from %s", r.MandatoryFrom()) + ")"
						}
						fmt.Fprintf(w, "%s\t%s\t%s\t%s%s\n", r.ID, i18n.T(l, r.Severity), cat.Area(r.Area).Name(l), r.Title(l), upcoming)
					}
					return w.Flush()
				},
			},
			{
				Name:  "doc",
				Usage: "the whole catalogue as a document: every requirement with its questions, references and remediation",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "md", Usage: "md or pdf"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					l, err := lang(cmd)
					if err != nil {
						return err
					}
					cat, err := loadCatalog(cmd)
					if err != nil {
						return err
					}
					write := reports.CatalogMarkdown
					switch cmd.String("format") {
					case "md":
					case "pdf":
						write = reports.CatalogPDF
					default:
						return usageErr("unknown --format %q: use md or pdf", cmd.String("format"))
					}
					w, closeOut, err := output(cmd, cmd.Root().Writer)
					if err != nil {
						return err
					}
					return errors.Join(write(w, cat, l), closeOut())
				},
			},
			{
				Name:      "show",
				Usage:     "show one requirement with its questions",
				ArgsUsage: "ID",
				Action: func(ctx context.Context, cmd *cli.Command) error {
					l, err := lang(cmd)
					if err != nil {
						return err
					}
					cat, err := loadCatalog(cmd)
					if err != nil {
						return err
					}
					id := strings.ToUpper(cmd.Args().First())
					r := cat.Requirement(id)
					if r == nil {
						return usageErr("no requirement %q in catalogue %s; `mpassaudit catalog list` lists them", cmd.Args().First(), cat.Version)
					}
					w := cmd.Root().Writer
					fmt.Fprintf(w, "%s — %s\n", r.ID, r.Title(l))
					sev := i18n.T(l, r.Severity)
					for env, s := range r.SeverityByEnv {
						sev += fmt.Sprintf("; %s: %s", i18n.T(l, env), i18n.T(l, s))
					}
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Severity"), sev)
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Area"), cat.Area(r.Area).Name(l))
					kinds := make([]string, len(r.AppliesTo))
					for i, k := range r.AppliesTo {
						kinds[i] = i18n.T(l, k)
					}
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Applies to"), strings.Join(kinds, ", "))
					envs := make([]string, len(r.Environments))
					for i, e := range r.Environments {
						envs[i] = i18n.T(l, e)
					}
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Environments"), strings.Join(envs, ", "))
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Evidence"), i18n.T(l, r.Evidence))
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "References"), strings.Join(r.References, "; "))
					fmt.Fprintf(w, "%s: %s\n", i18n.T(l, "Remediation"), r.Remediation.In(l))
					if len(r.Answers) > 0 {
						fmt.Fprintf(w, "%s:\n", i18n.T(l, "Answers read"))
						for _, a := range r.Answers {
							f, _ := cat.Field(a.Path)
							fmt.Fprintf(w, "  %s (%s): %s\n", f.Path, f.Type, f.Question.In(l))
						}
					}
					fmt.Fprintf(w, "Rego: %s (%s:%d)\n", r.Rule, r.File, r.Line)
					return nil
				},
			},
		},
	}
}

// catalogBuildCommand writes the catalogue (--catalog DIR or the embedded
// one) as a signed OPA bundle, the one file the operator publishes.
func catalogBuildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "write the catalogue as an OPA bundle signed with the operator's key (accepted by --catalog FILE.tar.gz and opa build --verification-key)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "bundle `FILE` (default catalog-VERSION.tar.gz)"},
			&cli.StringFlag{Name: "sign-key", Usage: "the operator's signing key `FILE` (PEM, or PKCS#12 with --sign-cert omitted)"},
			&cli.StringFlag{Name: "sign-cert", Usage: "the operator's certificate `FILE` (PEM); its SHA-256 is the bundle's key id"},
			&cli.BoolFlag{Name: "unsigned", Usage: "write an unsigned bundle (for tests: tools refuse it without --allow-unsigned-catalog)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			l, err := lang(cmd)
			if err != nil {
				return err
			}
			var fsys fs.FS = policies.FS
			if dir := cmd.String("catalog"); dir != "" {
				if st, err := os.Stat(dir); err != nil || !st.IsDir() {
					return usageErr("catalog build reads the catalogue from a directory: --catalog %s is not one", dir)
				}
				fsys = os.DirFS(dir)
			}
			var signer *keys.Pair
			switch {
			case cmd.String("sign-key") != "":
				if signer, err = keys.Load(cmd.String("sign-key"), cmd.String("sign-cert")); err != nil {
					return inputErr(err)
				}
			case !cmd.Bool("unsigned"):
				return usageErr("catalog build needs the operator's --sign-key KEY --sign-cert CERT (or --unsigned for a test bundle)")
			}
			var buf bytes.Buffer
			cat, err := catalog.Build(&buf, fsys, signer)
			if err != nil {
				return inputErr(err)
			}
			out := cmd.String("output")
			if out == "" {
				out = "catalog-" + cat.Version + ".tar.gz"
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			w := cmd.Root().Writer
			if signer != nil {
				fmt.Fprintln(w, i18n.T(l, "Wrote %s: catalogue %s (%s), signed with key id %s (%s).", out, cat.Version, cat.Digest, catalog.KeyID(signer.Cert), signer.Cert.Subject.String()))
			} else {
				fmt.Fprintln(w, i18n.T(l, "Wrote %s: catalogue %s (%s), NOT signed.", out, cat.Version, cat.Digest))
			}
			return nil
		},
	}
}
