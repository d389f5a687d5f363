package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/audits"
	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/reports"
)

func init() { commandFuncs = append(commandFuncs, auditCommand) }

// Features that live in their own command files plug into audit here.
var (
	// waiversFor loads the trusted, unexpired waivers of --waivers (waive.go).
	waiversFor func(cmd *cli.Command) (audit.WaiverSource, error)
	// writeSignedPDF renders and signs the PDF report of --pdf (report.go).
	// It embeds the waivers of waivers that the report applied.
	writeSignedPDF func(ctx context.Context, cmd *cli.Command, rep *audit.Report, a *answers.Answers, waivers audit.WaiverSource) error
)

// waiverFlags are audit's and parse's --waivers and --operators, with
// --trust, its former name, hidden (see operatorsCompat).
func waiverFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "waivers", Usage: "`DIR` of operator-signed waivers to honour"},
		operatorsFlag("only waivers signed by it are honoured"),
		legacyTrustFlag(),
	}
}

// auditFlags are shared by audit and parse.
func auditFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "env", Usage: "environment: test, demo or production (default: the answers' member.environment, else production)"},
		&cli.BoolFlag{Name: "no-probe", Usage: "no network: leave out the probes of URLs and hosts (local files the answers name are still read and judged)"},
		&cli.BoolFlag{Name: "allow-private", Usage: "allow probes of private, loopback and link-local addresses"},
		&cli.DurationFlag{Name: "probe-timeout", Value: defaultProbeTimeout, Usage: "time limit of one probe"},
		&cli.DurationFlag{Name: "total-timeout", Value: defaultTotalTimeout, Usage: "time limit of all probes together"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress display"},
		&cli.StringFlag{Name: "now", Usage: "judge as of this `TIME` (RFC 3339 or YYYY-MM-DD), for reproducible reports"},
	}
}

func auditCommand() *cli.Command {
	return &cli.Command{
		Name:      "audit",
		Usage:     "judge answers files against the catalogue",
		ArgsUsage: "ANSWERS.toml|DIR|-…",
		Flags: append(append(auditFlags(), waiverFlags()...),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + fmt.Sprint(reports.Formats())},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.StringFlag{Name: "pdf", Usage: "also write the signed PDF report to `FILE` (one answers file)"},
			&cli.StringFlag{Name: "sign-key", Usage: "signing key `FILE` (PEM, or PKCS#12 with --sign-cert omitted)"},
			&cli.StringFlag{Name: "sign-cert", Usage: "signing certificate `FILE` (PEM)"},
			tsaFlag(),
		),
		Action: runAudit,
	}
}

func runAudit(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usageErr("audit needs an answers file or a directory of them (try: mpassaudit init --kind education-provider -o answers.toml)")
	}
	args, cleanup, err := resolveExamples(cmd.Args().Slice())
	if err != nil {
		return err
	}
	defer cleanup()
	files, err := answerFiles(args, langOrEnv(cmd)) // "-": standard input (stdin.go)
	if err != nil {
		return inputErr(err)
	}
	if cmd.String("pdf") != "" && len(files) != 1 {
		return usageErr("--pdf makes the report of one answers file; %d were given", len(files))
	}
	if cmd.String("pdf") != "" && writeSignedPDF == nil {
		return usageErr("--pdf: this build has no PDF support")
	}
	runner, err := setup(ctx, cmd)
	if err != nil {
		return err
	}
	out, err := reports.Get(cmd.String("format"), reports.Options{Lang: runner.Lang, Catalog: runner.Engine.Catalog})
	if err != nil {
		return usageErr("%v", err)
	}
	// Every file is checked before any is judged: a typo anywhere stops the
	// batch with exit 2 before output is half written.
	list := make([]*answers.Answers, 0, len(files))
	var bad []error
	for _, f := range files {
		a, err := loadAnswers(f, runner.Engine.Catalog, runner.Lang)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		list = append(list, a)
	}
	if len(bad) > 0 {
		return inputErr(errors.Join(bad...))
	}
	reps, err := runner.RunAll(ctx, list, runtime.GOMAXPROCS(0))
	if err != nil {
		return inputErr(err)
	}
	// An embedded example is named as the user gave it, not by the
	// temporary folder it was extracted to and that is gone after the run.
	for i, a := range cmd.Args().Slice() {
		for _, r := range reps {
			if a != args[i] && r.Source == args[i] {
				r.Source = a
			}
		}
	}
	if cmd.String("pdf") != "" {
		if err := writeSignedPDF(ctx, cmd, reps[0], list[0], runner.Waivers); err != nil {
			return err
		}
	}
	w, closeOut, err := output(cmd, cmd.Root().Writer)
	if err != nil {
		return err
	}
	if err := errors.Join(out.Output(w, reps), closeOut()); err != nil {
		return inputErr(err)
	}
	for _, r := range reps {
		if r.Failed() {
			return errFailed
		}
	}
	return nil
}

// resolveExamples replaces example:NAME arguments with the embedded example,
// written to a temporary folder that cleanup removes.
func resolveExamples(args []string) ([]string, func(), error) {
	out := make([]string, len(args))
	dir := ""
	cleanup := func() {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	for i, a := range args {
		out[i] = a
		if !strings.HasPrefix(a, audits.Prefix) {
			continue
		}
		if dir == "" {
			d, err := os.MkdirTemp("", "mpassaudit-example-")
			if err != nil {
				return nil, cleanup, inputErr(err)
			}
			dir = d
		}
		p, err := audits.Extract(dir, a)
		if err != nil {
			cleanup()
			return nil, func() {}, inputErr(err)
		}
		out[i] = p
	}
	return out, cleanup, nil
}
