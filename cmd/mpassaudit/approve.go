package main

import (
	"context"
	"crypto/x509"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

func init() { commandFuncs = append(commandFuncs, approveCommand) }

func approveCommand() *cli.Command {
	return &cli.Command{
		Name:      "approve",
		Usage:     "operator: add the decision as a second signature to a verified report (the member's signature stays valid)",
		ArgsUsage: "REPORT.pdf",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "sign-key", Required: true, Usage: "the operator's signing key `FILE` (PEM, or PKCS#12 with --sign-cert omitted)"},
			&cli.StringFlag{Name: "sign-cert", Usage: "the operator's certificate `FILE` (PEM)"},
			&cli.StringFlag{Name: "decision", Required: true, Usage: "approved or changes-requested"},
			&cli.StringFlag{Name: "comment", Usage: "the decision's reasons, for the member"},
			&cli.StringFlag{Name: "override-reason", Usage: "approve a report whose verdict is fail or that has mandatory requirements that could not be checked: `TEXT` says why, and is signed with the decision"},
			tsaFlag(),
			&cli.StringFlag{Name: "trust", Usage: "`DIR` of trusted member certificates: approve only a report whose signer is trusted"},
			operatorsFlag("judges earlier decisions and embedded waivers; the --sign-cert must be trusted by it"),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the approved report to `FILE` (default: update REPORT.pdf in place)"},
		},
		Action: runApprove,
	}
}

func runApprove(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usageErr("approve needs exactly one signed report: mpassaudit approve REPORT.pdf --sign-key KEY --sign-cert CERT --decision approved")
	}
	decision := cmd.String("decision")
	if !slices.Contains(signing.Decisions, decision) {
		return usageErr("unknown --decision %q: use %s", decision, strings.Join(signing.Decisions, " or "))
	}
	pair, err := keys.Load(cmd.String("sign-key"), cmd.String("sign-cert"))
	if err != nil {
		return inputErr(err)
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	opts, err := verifyOptions(cmd, l)
	if err != nil {
		return err
	}
	opts.SkipTrust = !trustGiven(cmd)
	// The decision must verify afterwards: with --operators given, refuse
	// to sign with a certificate it does not trust.
	if cmd.String("operators") != "" && !keys.Trusted(pair.Cert, pair.Chain, opts.Operators, time.Now()) {
		return usageErr("--sign-cert %s (SHA-256 %s) is not trusted by --operators %s: sign with the operator's key, or add its certificate (or CA) to %s", cmd.String("sign-cert"), keys.Fingerprint(pair.Cert), cmd.String("operators"), cmd.String("operators"))
	}
	// A member's certificate never decides, not even without --operators.
	if len(opts.Trust) > 0 && keys.Trusted(pair.Cert, pair.Chain, opts.Trust, time.Now()) {
		return usageErr("--sign-cert %s (SHA-256 %s) is a member's certificate (trusted by --trust %s): a member cannot decide on a report: the decision must be signed with the operator's key, not the member's", cmd.String("sign-cert"), keys.Fingerprint(pair.Cert), cmd.String("trust"))
	}
	in := cmd.Args().First()
	data, err := safefile.ReadFile(in)
	if err != nil {
		return inputErr(fmt.Errorf("reading the report: %w", err))
	}
	// Only a report that verifies can carry the operator's decision.
	o, err := verify.Bytes(ctx, in, data, opts)
	if err != nil {
		return inputErr(err)
	}
	if !o.OK {
		verify.WriteText(cmd.Root().ErrWriter, o, l, trustGiven(cmd))
		return &exitError{code: exitFailed, err: fmt.Errorf("%s does not verify, so it was not signed: fix the problems above or ask the member for a new report", in)}
	}
	if fp := keys.Fingerprint(pair.Cert); len(o.Signatures) > 0 && o.Signatures[0].Fingerprint == fp {
		return usageErr("--sign-cert %s is the certificate that signed the report (SHA-256 %s): the decision must be signed with the operator's key, not the member's", cmd.String("sign-cert"), fp)
	}
	override := strings.TrimSpace(cmd.String("override-reason"))
	if decision == signing.Approved {
		if why := notApprovable(o); why != "" && override == "" {
			return &exitError{code: exitFailed, err: fmt.Errorf("%s: %s, so it is not approved for production: ask the member to fix it, decide --decision changes-requested, or approve it anyway with --override-reason TEXT, which is signed with the decision and shown by verify and the registry", in, why)}
		}
	}
	if override != "" && decision != signing.Approved {
		return usageErr("--override-reason is for --decision approved only")
	}
	now := time.Now()
	if err := signing.CheckCertificate(pair.Cert, now); err != nil {
		return usageErr("--sign-cert %s: %v", cmd.String("sign-cert"), err)
	}
	out, err := signing.ApproveWith(data, pair, decision, cmd.String("comment"), now, signing.Options{TSA: cmd.String("tsa"), Override: override, Lang: reportLang(o, l)})
	if err != nil {
		return inputErr(err)
	}
	// Sign nothing that verify would refuse: the approved file is verified
	// as the operator will verify it, with this certificate as the operator's.
	check := opts
	if len(check.Operators) == 0 {
		check.Operators = []*x509.Certificate{pair.Cert}
	}
	if after, err := verify.Bytes(ctx, in, out, check); err != nil || !after.OK {
		if after != nil {
			verify.WriteText(cmd.Root().ErrWriter, after, l, trustGiven(cmd))
		}
		return &exitError{code: exitFailed, err: fmt.Errorf("the approved report would not verify (%v), so nothing was written: this is a bug or a damaged input; keep %s as it is", err, in)}
	}
	name := cmd.String("output")
	if name == "" {
		name = in
	}
	if err := safefile.WriteAtomic(name, out); err != nil {
		return inputErr(fmt.Errorf("writing %s: %w", name, err))
	}
	fmt.Fprintf(cmd.Root().Writer, "%s: %s (%s, SHA-256 %s)\n", name, decision, pair.Cert.Subject.CommonName, keys.Fingerprint(pair.Cert))
	if override != "" {
		fmt.Fprintf(cmd.Root().Writer, "  override: %s\n", override)
	}
	if opts.SkipTrust {
		fmt.Fprintln(cmd.Root().ErrWriter, "mpassaudit: note: the signers were not checked against trust directories (give --trust MEMBERS_DIR --operators OPERATOR_DIR)")
	}
	return nil
}

// notApprovable says why a report cannot be approved for production
// without an override: its verdict fails, or a mandatory requirement could
// not be checked ("" when neither).
func notApprovable(o *verify.Outcome) string {
	var why []string
	if o.Verdict != "pass" {
		why = append(why, fmt.Sprintf("its verdict is %s", o.Verdict))
	}
	if r := o.Report; r != nil {
		fails, errs := 0, 0
		for _, res := range r.Results {
			if res.Severity != "must" {
				continue
			}
			switch res.Status {
			case audit.Fail:
				fails++
			case audit.Error:
				errs++
			}
		}
		if fails > 0 {
			why = append(why, fmt.Sprintf("%d mandatory requirement(s) are not met", fails))
		}
		if errs > 0 {
			why = append(why, fmt.Sprintf("%d mandatory requirement(s) could not be checked", errs))
		}
	}
	return strings.Join(why, ", ")
}

// reportLang is the language of the report, for the decision shown on it.
func reportLang(o *verify.Outcome, fallback string) string {
	if o.Report != nil && o.Report.Lang != "" {
		return o.Report.Lang
	}
	return fallback
}
