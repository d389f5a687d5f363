// Command mpassaudit is the MPASSid appendix 1 self-audit tool. The commands
// are thin: they read flags and call the internal packages and reports.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// Exit codes, as conftest and OpenSCAP: 0 no `must` requirement fails, 1 at
// least one fails, 2 usage or input error.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// Default probe time limits.
const (
	defaultProbeTimeout = 10 * time.Second
	defaultTotalTimeout = 60 * time.Second
)

// exitError carries an exit code with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

func inputErr(err error) error { return &exitError{code: exitUsage, err: err} }

// errFailed is returned when a `must` requirement fails: exit 1, no message.
var errFailed = &exitError{code: exitFailed}

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(ctx, args)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			printErr(stderr, ee.err)
		}
		return ee.code
	}
	printErr(stderr, err)
	return exitUsage
}

// printErr prints each line of an error (an answers file can have several
// problems) as a line of its own, so each can be read or grepped alone.
func printErr(w io.Writer, err error) {
	for _, l := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, "mpassaudit:", l)
	}
}

func newApp(stdout, stderr io.Writer) *cli.Command {
	app := &cli.Command{
		Name:      "mpassaudit",
		Usage:     "MPASSid appendix 1 self-audit: answer, probe, judge, sign, verify",
		Writer:    stdout,
		ErrWriter: stderr,
		// Exit codes are decided in run, never by the library.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "language of texts: fi, sv or en (default from LANG)"},
			&cli.StringFlag{Name: "catalog", Usage: "requirement catalogue `DIR`, bundle FILE.tar.gz or https URL (default: the embedded catalogue)"},
		}, catalogFlags()...),
		Commands: commands(),
	}
	// --version/-v, shell completion, one-line flag errors (version.go).
	conventions(app)
	return app
}

// commandFuncs are the subcommands; each command's file adds its own in init,
// so that a feature lives in one file.
var commandFuncs []func() *cli.Command

func commands() []*cli.Command {
	out := make([]*cli.Command, 0, len(commandFuncs))
	for _, f := range commandFuncs {
		out = append(out, f())
	}
	slices.SortFunc(out, func(a, b *cli.Command) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// lang returns the --lang flag (any level) or the language from LANG.
func lang(cmd *cli.Command) (string, error) {
	l := cmd.String("lang")
	if l == "" {
		l = i18n.FromEnv()
	}
	if err := i18n.Check(l); err != nil {
		return "", inputErr(err)
	}
	return l, nil
}

func checkEnv(env string) error {
	if env != "" && !slices.Contains(catalog.Environments, env) {
		return usageErr("unknown --env %q: use %s", env, strings.Join(catalog.Environments, ", "))
	}
	return nil
}

func checkKind(kind string) error {
	if !slices.Contains(catalog.Kinds, kind) {
		return usageErr("unknown --kind %q: use %s", kind, strings.Join(catalog.Kinds, " or "))
	}
	return nil
}

// parseNow reads --now (RFC 3339 or YYYY-MM-DD); empty is the current time.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageErr("--now %q: give a time as 2026-11-27T12:00:00Z or 2026-11-27", s)
}

// output opens -o FILE, or stdout.
func output(cmd *cli.Command, stdout io.Writer) (io.Writer, func() error, error) {
	name := cmd.String("output")
	if name == "" || name == "-" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, usageErr("-o %s: %v", name, err)
	}
	return f, f.Close, nil
}
