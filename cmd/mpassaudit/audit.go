package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/reports"
)

// auditFlags are shared by audit and parse.
func auditFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "env", Usage: "environment: test, demo or production (default: the answers' member.environment, else production)"},
		&cli.BoolFlag{Name: "no-probe", Usage: "do not probe the live configuration named in the answers"},
		&cli.StringFlag{Name: "now", Usage: "judge as of this `TIME` (RFC 3339 or YYYY-MM-DD), for reproducible reports"},
	}
}

func auditCommand() *cli.Command {
	return &cli.Command{
		Name:      "audit",
		Usage:     "judge answers files against the catalogue",
		ArgsUsage: "ANSWERS.toml|DIR…",
		Flags: append(auditFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + fmt.Sprint(reports.Formats())},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usageErr("audit needs an answers file or a directory of them (try: mpassaudit init --kind education-provider > answers.toml)")
			}
			files, err := audit.Files(cmd.Args().Slice())
			if err != nil {
				return inputErr(err)
			}
			runner, l, err := newRunner(ctx, cmd)
			if err != nil {
				return err
			}
			out, err := reports.Get(cmd.String("format"), reports.Options{Lang: l, Catalog: runner.Engine.Catalog})
			if err != nil {
				return usageErr("%v", err)
			}
			var reps []*audit.Report
			for _, f := range files {
				a, err := answers.Load(f, runner.Engine.Catalog)
				if err != nil {
					return inputErr(err)
				}
				rep, err := runner.Run(ctx, a)
				if err != nil {
					return inputErr(err)
				}
				reps = append(reps, rep)
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
		},
	}
}

func newEngine(ctx context.Context, cat *catalog.Catalog) (*engine.Engine, error) {
	eng, err := engine.New(ctx, cat)
	if err != nil {
		return nil, inputErr(err)
	}
	return eng, nil
}
