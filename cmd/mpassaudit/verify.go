package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

func init() { commandFuncs = append(commandFuncs, verifyCommand) }

// probeOnlyFlags are the audit flags that the prober reads.
func probeOnlyFlags() []cli.Flag {
	var out []cli.Flag
	for _, f := range auditFlags() {
		for _, n := range f.Names() {
			if n == "allow-private" || n == "probe-timeout" || n == "total-timeout" || n == "quiet" {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "operator: check a signed report's signatures, integrity and results (exit 0 only when everything holds)",
		ArgsUsage: "REPORT.pdf…",
		Flags: append(probeOnlyFlags(),
			&cli.StringFlag{Name: "trust", Usage: "`DIR` of the members' certificates (PEM), or their CAs': judges the member's signature"},
			operatorsFlag("judges the decision signatures and the waivers embedded in the report"),
			tsaTrustFlag(),
			&cli.StringFlag{Name: "catalog-archive", Usage: "`DIR` of the operator's signed catalogue bundles: a report judged against another catalogue version is re-evaluated with that version's bundle (signed by --catalog-trust)"},
			&cli.BoolFlag{Name: "reprobe", Usage: "run the probes now and list the drift of the live configuration"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
		),
		Action: runVerify,
	}
}

func runVerify(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usageErr("verify needs a signed report: mpassaudit verify REPORT.pdf --trust MEMBERS_DIR --operators OPERATOR_DIR")
	}
	format := cmd.String("format")
	if format != "text" && format != "json" {
		return usageErr("unknown --format %q: use text or json", format)
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	opts, err := verifyOptions(cmd, l)
	if err != nil {
		return err
	}
	if cmd.Bool("reprobe") {
		if proberFor == nil {
			return usageErr("--reprobe: this build has no probe support")
		}
		p, err := proberFor(cmd)
		if err != nil {
			return err
		}
		opts.Prober = p
		opts.Reprobe = true
	}
	failed := false
	for _, name := range cmd.Args().Slice() {
		o, err := verify.File(ctx, name, opts)
		if err != nil {
			return inputErr(err)
		}
		if format == "json" {
			enc := json.NewEncoder(cmd.Root().Writer)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(o); err != nil {
				return inputErr(err)
			}
		} else {
			verify.WriteText(cmd.Root().Writer, o, l, trustGiven(cmd))
		}
		failed = failed || !o.OK
	}
	if failed {
		return errFailed
	}
	return nil
}

// operatorsFlag is --operators: the operator's certificates, kept apart
// from the members' (--trust) so that no member can act as the operator.
func operatorsFlag(what string, aliases ...string) cli.Flag {
	return &cli.StringFlag{Name: "operators", Aliases: aliases, Usage: "`DIR` of the operator's certificates (PEM), or its CA's: " + what}
}

// legacyTrustFlag is --trust where it named the operator's certificates
// (audit, parse, registry add-waiver): hidden, read only without
// --operators.
func legacyTrustFlag() cli.Flag {
	return &cli.StringFlag{Name: "trust", Hidden: true, Usage: "former name of --operators"}
}

// operatorsCompat makes the hidden --trust of legacyTrustFlag stand for
// --operators, with a warning: the directory must hold the operator's
// certificates only, or a trusted member could grant itself waivers.
func operatorsCompat(cmd *cli.Command) error {
	if cmd.String("operators") != "" || cmd.String("trust") == "" {
		return nil
	}
	fmt.Fprintf(cmd.Root().ErrWriter, "mpassaudit: warning: --trust is the former name of --operators here: use --operators %s, and keep only the operator's certificates there (never the members')\n", cmd.String("trust"))
	return cmd.Set("operators", cmd.String("trust"))
}

func trustGiven(cmd *cli.Command) bool {
	return cmd.String("trust") != "" || cmd.String("operators") != ""
}

// loadOperators reads --operators DIR (nil when not given).
func loadOperators(cmd *cli.Command) ([]*x509.Certificate, error) {
	dir := cmd.String("operators")
	if dir == "" {
		return nil, nil
	}
	certs, err := keys.LoadTrust(dir)
	if err != nil {
		return nil, inputErr(fmt.Errorf("--operators %s: %w", dir, err))
	}
	return certs, nil
}

// verifyOptions reads --trust, --operators and --catalog.
func verifyOptions(cmd *cli.Command, l string) (verify.Options, error) {
	opts := verify.Options{Lang: l}
	if dir := cmd.String("trust"); dir != "" {
		trust, err := keys.LoadTrust(dir)
		if err != nil {
			return opts, inputErr(fmt.Errorf("--trust %s: %w", dir, err))
		}
		opts.Trust = trust
	}
	ops, err := loadOperators(cmd)
	if err != nil {
		return opts, err
	}
	opts.Operators = ops
	if err := loadTimeTrust(cmd, &opts); err != nil {
		return opts, err
	}
	if dir := cmd.String("catalog"); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return opts, usageErr("--catalog %s: not a directory with .rego files", dir)
		}
		opts.CatalogFS = os.DirFS(dir)
	}
	if dir := cmd.String("catalog-archive"); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return opts, usageErr("--catalog-archive %s: not a directory of catalogue bundles", dir)
		}
		opts.CatalogArchive = dir
		if t := cmd.String("catalog-trust"); t != "" {
			trust, err := keys.LoadTrust(t)
			if err != nil {
				return opts, usageErr("--catalog-trust: %v", err)
			}
			opts.CatalogTrust = trust
		}
	}
	return opts, nil
}

// tsaTrustFlag is --tsa-trust: the time-stamping authorities trusted.
func tsaTrustFlag() cli.Flag {
	return &cli.StringFlag{Name: "tsa-trust", Usage: "`DIR` of trusted time-stamping authorities' certificates (PEM): a signature's timestamp counts only when one of them made it, and the signer's certificate is then judged at the timestamp's time"}
}

// loadTimeTrust reads --tsa-trust and the revoked.txt of the --trust and
// --operators directories into opts.
func loadTimeTrust(cmd *cli.Command, opts *verify.Options) error {
	if dir := cmd.String("tsa-trust"); dir != "" {
		certs, err := keys.LoadTrust(dir)
		if err != nil {
			return inputErr(fmt.Errorf("--tsa-trust %s: %w", dir, err))
		}
		opts.TSATrust = certs
	}
	for _, flag := range []string{"trust", "operators"} {
		dir := cmd.String(flag)
		if dir == "" {
			continue
		}
		rs, err := verify.LoadRevoked(dir)
		if err != nil {
			return inputErr(fmt.Errorf("--%s %s: %w", flag, dir, err))
		}
		opts.Revoked = append(opts.Revoked, rs...)
	}
	return nil
}
