package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/reports"
)

func init() { commandFuncs = append(commandFuncs, probeCommand) }

// probeFlags are audit's flags less --no-probe (a probe command probes).
func probeFlags(extra ...cli.Flag) []cli.Flag {
	var fs []cli.Flag
	for _, f := range auditFlags() {
		if !slices.Contains(f.Names(), "no-probe") {
			fs = append(fs, f)
		}
	}
	fs = append(fs, &cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"})
	return append(fs, extra...)
}

// probeCommand has one subcommand per registered probe kind.
func probeCommand() *cli.Command {
	var subs []*cli.Command
	for _, name := range probe.Names() {
		k, _ := probe.Lookup(name)
		usage, target := k.Usage()
		flags := probeFlags(
			&cli.StringFlag{Name: "answers", Usage: "the member's answers `FILE` (TOML): checks that also need an answer are judged, not left to the self-audit"},
			&cli.StringFlag{Name: "kind", Usage: "judge as this member `KIND`: education-provider or service-provider"},
			&cli.StringFlag{Name: "registry", Usage: "the education provider's user registry `TYPE` (wilma, opinsys, entra, adfs, google, other); default: read from the probed facts"},
		)
		if name == "saml-metadata" {
			flags = append(flags, &cli.StringFlag{Name: "entity", Usage: "report this `ENTITYID` of an aggregate"})
		}
		if pk, ok := k.(probe.Parameterised); ok {
			for _, p := range slices.Sorted(maps.Keys(pk.Params())) {
				flags = append(flags, &cli.StringFlag{Name: p, Usage: pk.Params()[p]})
			}
		}
		subs = append(subs, &cli.Command{
			Name:      name,
			Usage:     usage,
			ArgsUsage: target,
			Flags:     flags,
			Action:    func(ctx context.Context, cmd *cli.Command) error { return runProbe(ctx, cmd, name) },
		})
	}
	return &cli.Command{
		Name:     "probe",
		Usage:    "run one probe and judge the probed evidence alone (for a service provider before it submits)",
		Commands: subs,
	}
}

func runProbe(ctx context.Context, cmd *cli.Command, kind string) error {
	if cmd.Args().Len() != 1 {
		return usageErr("probe %s needs exactly one target (%s)", kind, cmd.ArgsUsage)
	}
	format := cmd.String("format")
	if format != "text" && format != "json" {
		return usageErr("unknown --format %q: use text or json", format)
	}
	memberKind := cmd.String("kind")
	if memberKind != "" {
		if err := checkKind(memberKind); err != nil {
			return err
		}
	}
	s, err := setup(ctx, cmd)
	if err != nil {
		return err
	}
	var ans *answers.Answers
	if f := cmd.String("answers"); f != "" {
		if ans, err = answers.Load(f, s.Engine.Catalog); err != nil {
			return inputErr(err)
		}
		if memberKind != "" && memberKind != ans.Member.Kind {
			return usageErr("--kind %s disagrees with member.kind = %q in %s: leave out --kind, the answers file names the member kind", memberKind, ans.Member.Kind, f)
		}
		memberKind = ans.Member.Kind
	}
	p, err := proberFromFlags(cmd, s.Lang, s.Now)
	if err != nil {
		return err
	}
	p.NoTLS = true
	target := cmd.Args().First()
	if kind == probe.TLSKey {
		// Accept a URL too, since that is what people copy.
		target = probe.TLSHost(target)
		target, _, _ = strings.Cut(target, "/")
	}
	t := probe.Target{Kind: kind, Value: target, Entity: cmd.String("entity")}
	if k, ok := probe.Lookup(kind); ok {
		if pk, ok := k.(probe.Parameterised); ok {
			for p := range pk.Params() {
				if v := cmd.String(p); v != "" {
					if t.With == nil {
						t.With = map[string]string{}
					}
					t.With[p] = v
				}
			}
		}
	}
	if kind == "saml-metadata" {
		t.Prefer = map[string]string{catalog.ServiceProvider: "sp", catalog.EducationProvider: "idp"}[memberKind]
	}
	result := p.Run(ctx, []probe.Target{t}).Results[0]
	if result["status"] == "error" {
		// A probe that could not run decides nothing: say what went wrong
		// and print no verdict.
		return &exitError{code: exitUsage, err: fmt.Errorf("%s", reports.ProbeError(s.Lang, kind, target, result))}
	}
	if kind == probe.TLSKey {
		target, _ = result["target"].(string)
	}
	if memberKind == "" {
		kinds, _ := audit.ProbeKinds(kind, result)
		memberKind = kinds[0]
	}
	c := &audit.ProbeCheck{Kind: memberKind, ProbeKind: kind, Target: target, Result: result}
	if reg := cmd.String("registry"); reg != "" {
		if f, ok := s.Engine.Catalog.Field("registry.type"); ok && !slices.Contains(f.Values, reg) {
			return usageErr("unknown --registry %q: use %s", reg, strings.Join(f.Values, ", "))
		}
	}
	c.Context = audit.ProbeContext(kind, memberKind, result, cmd.String("registry"))
	if ans != nil {
		if err := c.UseAnswers(ans); err != nil {
			return inputErr(err)
		}
	}
	pr, err := s.JudgeProbe(ctx, c)
	if err != nil {
		return inputErr(err)
	}
	w, closeOut, err := output(cmd, cmd.Root().Writer)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(pr)
	} else {
		answersFile := ""
		if ans != nil {
			answersFile = ans.File + " (" + ans.Member.Name + ")"
		}
		reports.WriteProbe(w, s.Lang, pr, s.Engine.Catalog, answersFile)
	}
	if err := closeOutErr(err, closeOut()); err != nil {
		return inputErr(err)
	}
	if pr.Outcome == audit.ProbeFail && pr.Failed() {
		return errFailed
	}
	return nil
}

func closeOutErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
