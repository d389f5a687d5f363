package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
)

// stdinArg on the command line of audit and parse stands for answers read
// from standard input.
const stdinArg = "-"

// stdin is where "-" reads from; tests replace it.
var stdin io.Reader = os.Stdin

// maxStdin bounds what "-" reads: an answers file is a few kilobytes.
const maxStdin = 16 << 20

// answerFiles is audit.Files with "-" kept in its place (once).
func answerFiles(args []string, l string) ([]string, error) {
	var out []string
	seen := false
	for _, a := range args {
		if a != stdinArg {
			files, err := audit.Files([]string{a})
			if err != nil {
				return nil, err
			}
			out = append(out, files...)
			continue
		}
		if seen {
			return nil, errors.New(i18n.T(l, "- (standard input) can be given only once"))
		}
		seen = true
		out = append(out, a)
	}
	return out, nil
}

// loadAnswers reads one answers file, or standard input for "-", whose
// relative file answers resolve from the working directory.
func loadAnswers(path string, cat *catalog.Catalog, l string) (*answers.Answers, error) {
	if path != stdinArg {
		return answers.Load(path, cat)
	}
	fail := func(msg string) error {
		return &answers.Error{Problems: []answers.Problem{{File: answers.StdinName, Msg: msg}}}
	}
	src, err := io.ReadAll(io.LimitReader(stdin, maxStdin+1))
	if err != nil {
		return nil, fail(i18n.T(l, "cannot read standard input: %v", err))
	}
	if len(src) > maxStdin {
		return nil, fail(i18n.T(l, "more than %d MiB on standard input: give the answers file by name", maxStdin>>20))
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, fail(fmt.Sprint(err))
	}
	return answers.Parse(answers.StdinName, wd, src, cat)
}
