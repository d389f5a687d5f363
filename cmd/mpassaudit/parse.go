package main

import (
	"context"
	"encoding/json"

	"github.com/urfave/cli/v3"
)

func init() { commandFuncs = append(commandFuncs, parseCommand) }

func parseCommand() *cli.Command {
	return &cli.Command{
		Name:      "parse",
		Usage:     "print the exact Rego input document for an answers file, as JSON (for opa eval)",
		ArgsUsage: "ANSWERS.toml|-",
		Flags:     append(auditFlags(), waiverFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageErr("parse needs exactly one answers file")
			}
			runner, err := setup(ctx, cmd)
			if err != nil {
				return err
			}
			args, cleanup, err := resolveExamples(cmd.Args().Slice())
			if err != nil {
				return err
			}
			defer cleanup()
			a, err := loadAnswers(args[0], runner.Engine.Catalog, runner.Lang) // "-": standard input
			if err != nil {
				return inputErr(err)
			}
			enc := json.NewEncoder(cmd.Root().Writer)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(runner.Input(ctx, a))
		},
	}
}
