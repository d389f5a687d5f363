package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/httpprobe"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
)

func init() {
	commandFuncs = append(commandFuncs, probeCommand)
	proberFor = newProber
}

// newProber builds the live prober of audit and parse from the probe flags.
func newProber(cmd *cli.Command) (audit.Prober, error) {
	cat, err := loadCatalog(cmd)
	if err != nil {
		return nil, err
	}
	p, err := proberFromFlags(cmd)
	if err != nil {
		return nil, err
	}
	p.Catalog = cat
	return p, nil
}

func proberFromFlags(cmd *cli.Command) (*probe.Prober, error) {
	now, err := parseNow(cmd.String("now"))
	if err != nil {
		return nil, err
	}
	one, total := cmd.Duration("probe-timeout"), cmd.Duration("total-timeout")
	if one <= 0 || total <= 0 {
		return nil, usageErr("--probe-timeout and --total-timeout must be positive (e.g. 10s, 1m)")
	}
	p := &probe.Prober{
		Net:          safenet.Options{AllowPrivate: cmd.Bool("allow-private")},
		ProbeTimeout: one,
		TotalTimeout: total,
		Now:          now,
	}
	// A progress bar only on a terminal: never in pipes, files or CI logs.
	if f, ok := cmd.Root().ErrWriter.(*os.File); ok && !cmd.Bool("quiet") && term.IsTerminal(int(f.Fd())) {
		p.Progress = f
	}
	return p, nil
}

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

var kindFlag = &cli.StringFlag{Name: "kind", Usage: "judge as this member `KIND`: education-provider or service-provider"}

var answersFlag = &cli.StringFlag{Name: "answers", Usage: "the member's answers `FILE` (TOML): checks that also need an answer are judged, not left to the self-audit"}

func probeCommand() *cli.Command {
	return &cli.Command{
		Name:  "probe",
		Usage: "run one live probe and judge it against the catalogue (for a service provider before it submits)",
		Commands: []*cli.Command{
			{
				Name:      samlmd.Kind,
				Usage:     "SAML 2.0 metadata from a file or an https URL",
				ArgsUsage: "FILE|URL",
				Flags:     probeFlags(answersFlag, kindFlag, &cli.StringFlag{Name: "entity", Usage: "report this `ENTITYID` of an aggregate"}),
				Action:    func(ctx context.Context, cmd *cli.Command) error { return runProbe(ctx, cmd, samlmd.Kind) },
			},
			{
				Name:      probe.TLSKey,
				Usage:     "TLS versions, cipher, certificate chain and host name of HOST[:PORT] (default port 443)",
				ArgsUsage: "HOST[:PORT]",
				Flags:     probeFlags(answersFlag, kindFlag),
				Action:    func(ctx context.Context, cmd *cli.Command) error { return runProbe(ctx, cmd, probe.TLSKey) },
			},
			{
				Name:      httpprobe.Kind,
				Usage:     "an https URL: status, final URL after redirects, HSTS",
				ArgsUsage: "URL",
				Flags:     probeFlags(answersFlag, kindFlag),
				Action:    func(ctx context.Context, cmd *cli.Command) error { return runProbe(ctx, cmd, httpprobe.Kind) },
			},
			{
				Name:      sample.Kind,
				Usage:     "a sample export of test users (CSV, JSON or a SAML response) against data model 1.4",
				ArgsUsage: "FILE",
				Flags:     probeFlags(answersFlag),
				Action:    func(ctx context.Context, cmd *cli.Command) error { return runProbe(ctx, cmd, sample.Kind) },
			},
		},
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
	runner, l, err := newRunner(ctx, cmd)
	if err != nil {
		return err
	}
	var ans *answers.Answers
	if f := cmd.String("answers"); f != "" {
		if ans, err = answers.Load(f, runner.Engine.Catalog); err != nil {
			return inputErr(err)
		}
		if memberKind != "" && memberKind != ans.Member.Kind {
			return usageErr("--kind %s disagrees with member.kind = %q in %s: leave out --kind, the answers file names the member kind", memberKind, ans.Member.Kind, f)
		}
		memberKind = ans.Member.Kind
	}
	p, err := proberFromFlags(cmd)
	if err != nil {
		return err
	}
	p.Catalog, p.NoTLS = runner.Engine.Catalog, true
	target := cmd.Args().First()
	if kind == probe.TLSKey {
		// Accept a URL too, since that is what people copy.
		target = strings.TrimPrefix(target, "https://")
		if i := strings.IndexByte(target, '/'); i >= 0 {
			target = target[:i]
		}
	}
	t := probe.Target{Kind: kind, Value: target}
	if kind == samlmd.Kind {
		t.Prefer = map[string]string{catalog.ServiceProvider: "sp", catalog.EducationProvider: "idp"}[memberKind]
	}
	var res probe.Results
	if kind == samlmd.Kind && cmd.String("entity") != "" {
		// Only the metadata probe knows --entity; run it directly.
		one, total := p.ProbeTimeout, p.TotalTimeout
		pctx, cancel := context.WithTimeout(ctx, min(one, total))
		md := samlmd.Probe(pctx, target, p.Net, one, probeNow(runner), samlmd.Options{EntityID: cmd.String("entity")})
		cancel()
		res.Results = []map[string]any{probe.ToMap(md)}
	} else {
		p.Now = probeNow(runner)
		res = p.Run(ctx, []probe.Target{t})
	}
	result := res.Results[0]
	if kind == probe.TLSKey {
		target, _ = result["target"].(string)
	}
	if memberKind == "" {
		memberKind = impliedKind(kind, result)
	}
	c := &probe.Check{Runner: runner, Kind: memberKind, ProbeKind: kind, Target: target, Result: result}
	env := runner.Env
	if ans != nil {
		if err := c.UseAnswers(ans); err != nil {
			return inputErr(err)
		}
		env = runner.Environment(ans)
	}
	if env == "" {
		env = "production"
	}
	rep, err := c.Evaluate(ctx, env, probeNow(runner))
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
		err = enc.Encode(struct {
			Probe map[string]any `json:"probe"`
			*audit.Report
		}{result, rep})
	} else {
		probe.WriteText(w, l, c, rep)
	}
	if err := closeOutErr(err, closeOut()); err != nil {
		return inputErr(err)
	}
	if result["status"] == "error" {
		return &exitError{code: exitUsage, err: fmt.Errorf("probe %s %s failed: %v", kind, target, result["error"])}
	}
	if rep.Failed() {
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

// probeNow is the audit time of a probe command: --now, else now.
func probeNow(r *audit.Runner) time.Time {
	if r.Now.IsZero() {
		return time.Now().UTC()
	}
	return r.Now.UTC()
}

// impliedKind is the member kind a probe speaks for: SP metadata → service
// provider, IdP metadata and samples → education provider; TLS and HTTP are
// judged as a service provider (who runs `probe` before submitting) unless
// --kind says otherwise.
func impliedKind(kind string, r map[string]any) string {
	switch kind {
	case sample.Kind:
		return catalog.EducationProvider
	case samlmd.Kind:
		if r["sp"] == nil && r["idp"] != nil {
			return catalog.EducationProvider
		}
	}
	return catalog.ServiceProvider
}
