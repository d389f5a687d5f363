package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/oidcclient"
)

// registrationPath is the answer whose probe result the OIDC rules read.
const registrationPath = "oidc.registration"

// probeOIDCClientCommand is `probe oidc-client FILE|URL [--issuer URL]`: the
// client registration (and the provider's discovery document) judged by
// the OIDC rules alone, as a service provider checks it before submitting.
// It is a subcommand of `probe` (see probeCommand).
func probeOIDCClientCommand() *cli.Command {
	return &cli.Command{
		Name:      oidcclient.Kind,
		Usage:     "an OIDC client registration (management-service record or RFC 7591 client metadata) from a file or an https URL, with --issuer the provider's discovery document",
		ArgsUsage: "FILE|URL",
		Flags:     probeFlags(&cli.StringFlag{Name: "issuer", Usage: "the OpenID Provider's issuer `URL`: its /.well-known/openid-configuration is read too"}),
		Action:    runProbeOIDCClient,
	}
}

func runProbeOIDCClient(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usageErr("probe %s needs exactly one target (FILE|URL)", oidcclient.Kind)
	}
	format := cmd.String("format")
	if format != "text" && format != "json" {
		return usageErr("unknown --format %q: use text or json", format)
	}
	runner, l, err := newRunner(ctx, cmd)
	if err != nil {
		return err
	}
	p, err := proberFromFlags(cmd)
	if err != nil {
		return err
	}
	now := probeNow(runner)
	target, issuer := cmd.Args().First(), cmd.String("issuer")
	pctx, cancel := context.WithTimeout(ctx, p.TotalTimeout)
	res := oidcclient.ProbeWithIssuer(pctx, target, issuer, p.Net, p.ProbeTimeout, now)
	cancel()
	result := probe.ToMap(res)
	env := runner.Env
	if env == "" {
		env = "production"
	}
	rep, err := judgeOIDCClient(ctx, runner, target, issuer, result, env, now)
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
		writeOIDCClientText(w, l, target, res, rep)
	}
	if err := closeOutErr(err, closeOut()); err != nil {
		return inputErr(err)
	}
	if res.Status == "error" {
		return &exitError{code: exitUsage, err: fmt.Errorf("probe %s %s failed: %s", oidcclient.Kind, target, res.Error)}
	}
	if rep.Failed() {
		return errFailed
	}
	return nil
}

// judgeOIDCClient evaluates the catalogue over an OIDC service whose
// answers are only the protocol and the registration, and keeps the
// requirements that read the registration.
func judgeOIDCClient(ctx context.Context, runner *audit.Runner, target, issuer string, result map[string]any, env string, now time.Time) (*audit.Report, error) {
	oidc := map[string]any{"registration": target}
	if issuer != "" {
		oidc["issuer"] = issuer
	}
	in := map[string]any{
		"member":      map[string]any{"name": target, "business_id": "", "kind": catalog.ServiceProvider},
		"answers":     map[string]any{"member": map[string]any{"name": target, "kind": catalog.ServiceProvider}, "service": map[string]any{"protocol": "oidc"}, "oidc": oidc},
		"probes":      map[string]any{registrationPath: result, probe.TLSKey: map[string]any{}},
		"environment": env,
		"now":         now.UTC().Format(time.RFC3339),
	}
	rep, err := runner.Evaluate(ctx, in)
	if err != nil {
		return nil, err
	}
	cat := runner.Engine.Catalog
	kept := rep.Results[:0]
	for _, r := range rep.Results {
		req := cat.Requirement(r.ID)
		if req != nil && slices.ContainsFunc(req.Answers, func(f catalog.Field) bool { return f.Path == registrationPath }) {
			kept = append(kept, r)
		}
	}
	rep.Results = kept
	rep.Finish()
	return rep, nil
}

func writeOIDCClientText(w io.Writer, l, target string, r *oidcclient.Result, rep *audit.Report) {
	fmt.Fprintf(w, "%s: %s — %s\n", i18n.T(l, "Probe"), oidcclient.Kind, target)
	line := func(label, value string) { fmt.Fprintf(w, "  %-26s %s\n", label+":", value) }
	if r.Status == "error" {
		line(i18n.T(l, "Probe failed"), r.Error)
	} else {
		line("client_id", r.ClientID)
		line("redirect_uris", strings.Join(r.RedirectURIs, ", "))
		line("response_types", strings.Join(r.ResponseTypes, ", "))
		line("grant_types", strings.Join(r.GrantTypes, ", "))
		line("scope", strings.Join(r.Scopes, " "))
		method := r.TokenEndpointAuthMethod
		if r.AuthMethodDefaulted {
			method += " (RFC 7591)"
		}
		line("token_endpoint_auth_method", method)
		for _, n := range r.Notes {
			line(i18n.T(l, "note"), n)
		}
		if p := r.Provider; p != nil {
			if p.Status == "error" {
				line("issuer", i18n.T(l, "Probe failed")+": "+p.Error)
			} else {
				line("issuer", p.Issuer)
				line("code_challenge_methods", strings.Join(p.CodeChallengeMethodsSupported, ", "))
			}
		}
	}
	fmt.Fprintln(w)
	for _, x := range rep.Results {
		fmt.Fprintf(w, "  %-11s %-18s %-13s %s\n", x.ID, strings.ToUpper(i18n.T(l, x.Status)), i18n.T(l, x.Severity), x.Title)
		if x.Message != "" {
			fmt.Fprintf(w, "      %s\n", x.Message)
		}
	}
	fmt.Fprintf(w, "\n%s: %s\n", i18n.T(l, "Verdict"), i18n.T(l, strings.ToUpper(rep.Verdict)))
}
