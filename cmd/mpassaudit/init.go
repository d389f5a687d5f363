package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/questionnaire"
)

func init() { commandFuncs = append(commandFuncs, initCommand) }

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "write the commented answers template for a member kind",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Required: true, Usage: "education-provider or service-provider"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := checkKind(cmd.String("kind")); err != nil {
				return err
			}
			l, err := lang(cmd)
			if err != nil {
				return err
			}
			cat, err := loadCatalog(cmd)
			if err != nil {
				return err
			}
			w, closeOut, err := output(cmd, cmd.Root().Writer)
			if err != nil {
				return err
			}
			return errors.Join(questionnaire.Write(w, cat, cmd.String("kind"), l), closeOut())
		},
	}
}
