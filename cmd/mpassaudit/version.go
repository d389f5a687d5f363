package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/version"
)

func init() { commandFuncs = append(commandFuncs, versionCommand) }

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version and the commit of this build (also --version, -v)",
		Action: func(_ context.Context, cmd *cli.Command) error {
			printVersion(cmd.Root().Writer, langOrEnv(cmd))
			return nil
		},
	}
}

// printVersion writes "mpassaudit v0.2.0" and the commit line; the version
// is the string every report records (JSON tool.version, SARIF, JUnit,
// OSCAL, the PDF).
func printVersion(w io.Writer, l string) {
	in := version.Get()
	fmt.Fprintln(w, "mpassaudit", in.Version)
	switch {
	case in.Commit == "":
		fmt.Fprintln(w, i18n.T(l, "commit unknown (no VCS data in this build; a release names its tag)"))
	case in.Modified:
		fmt.Fprintln(w, i18n.T(l, "commit %s, with uncommitted changes", in.Commit))
	default:
		fmt.Fprintln(w, i18n.T(l, "commit %s", in.Commit))
	}
}

// langOrEnv is --lang when valid, else the language of LANG: for texts
// printed before (or instead of) the command's own checks.
func langOrEnv(cmd *cli.Command) string {
	if l := cmd.String("lang"); i18n.Valid(l) {
		return l
	}
	return i18n.FromEnv()
}

// conventions sets what every command of the tool shares: --version and -v
// on the root, shell completion (`mpassaudit completion bash|zsh|fish`), a
// wrong flag answered with one line and a hint rather than the whole help,
// and a mistyped command with the closest one.
func conventions(app *cli.Command) {
	app.Version = version.String()
	app.EnableShellCompletion = true
	cli.VersionPrinter = func(cmd *cli.Command) { printVersion(cmd.Root().Writer, langOrEnv(cmd)) }
	var walk func(c *cli.Command)
	walk = func(c *cli.Command) {
		c.OnUsageError = oneLineUsageError
		if len(c.Commands) > 0 && c.Action == nil {
			c.Action = unknownCommand
		}
		for _, sub := range c.Commands {
			walk(sub)
		}
	}
	walk(app)
}

// unknownCommand is the action of a command made of subcommands (the root,
// registry, keys…): the help without arguments, else one line naming the
// closest subcommand and the hint (the library would say "No help topic").
func unknownCommand(_ context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		if cmd.Root() == cmd {
			return cli.ShowRootCommandHelp(cmd)
		}
		return cli.ShowSubcommandHelp(cmd)
	}
	l, name := langOrEnv(cmd), cmd.Args().First()
	msg := i18n.T(l, "unknown command %q", name)
	best, bestD := "", 3 // at most two edits away
	for _, c := range cmd.Commands {
		if d := editDistance(name, c.Name); d < bestD {
			best, bestD = c.Name, d
		}
	}
	if best != "" {
		msg += "; " + i18n.T(l, "did you mean %s?", best)
	}
	return usageErr("%s\n%s", msg, i18n.T(l, "see %s --help", cmd.FullName()))
}

// editDistance is the Levenshtein distance of two command names.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// oneLineUsageError turns a flag error into exit 2 with the error and a
// pointer to the command's help.
func oneLineUsageError(_ context.Context, cmd *cli.Command, err error, _ bool) error {
	return usageErr("%v\n%s", err, i18n.T(langOrEnv(cmd), "see %s --help", cmd.FullName()))
}
