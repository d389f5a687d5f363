package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

func init() { writeSignedPDF = writeReportPDF }

// appliedWaivers is a waiver source that can name the waiver files it
// applied (waiver.Set, also inside noisyWaivers).
type appliedWaivers interface {
	Applied(rep *audit.Report) [][]byte
}

// writeReportPDF renders the report of --pdf with its answers, the probe
// results it was judged on and the operator-signed waivers it applied,
// signs it with --sign-key/--sign-cert and writes it (whole or not at all).
func writeReportPDF(ctx context.Context, cmd *cli.Command, rep *audit.Report, a *answers.Answers, waivers audit.WaiverSource) error {
	keyFile, certFile := cmd.String("sign-key"), cmd.String("sign-cert")
	if keyFile == "" {
		return usageErr("--pdf needs --sign-key KEY and --sign-cert CERT (make them with: mpassaudit keys new --org NAME -o PREFIX)")
	}
	pair, err := keys.Load(keyFile, certFile)
	if err != nil {
		return inputErr(err)
	}
	cat, err := loadCatalog(cmd)
	if err != nil {
		return err
	}
	judged := rep.Probes
	if judged == nil {
		judged = map[string]any{}
	}
	probes, err := json.Marshal(judged)
	if err != nil {
		return inputErr(fmt.Errorf("encoding the probe results: %w", err))
	}
	opts := reports.PDFOptions{Catalog: cat, Answers: a.Source, Probes: probes}
	// verify honours a waived result only with the operator's signed
	// waiver beside it.
	if aw, ok := waivers.(appliedWaivers); ok {
		if files := aw.Applied(rep); len(files) > 0 {
			if opts.Waivers, err = waiver.Bundle(files); err != nil {
				return inputErr(fmt.Errorf("embedding the waivers: %w", err))
			}
		}
	}
	// The signature carries the clock's time, and verify requires it to
	// agree with the report's: a report judged as of another --now
	// cannot be signed.
	now := time.Now()
	if gen, err := time.Parse(time.RFC3339, rep.GeneratedAt); err == nil {
		if d := now.Sub(gen); d > verify.Tolerance || d < -verify.Tolerance {
			return usageErr("--pdf: the report is judged as of %s (--now) but would be signed now, %s: a signed report's signing time must agree with its time within %s, or verify refuses it; leave out --now when signing", rep.GeneratedAt, now.UTC().Format(time.RFC3339), verify.Tolerance)
		}
	}
	if err := signing.CheckCertificate(pair.Cert, now); err != nil {
		return usageErr("--sign-cert %s: %v", certFile, err)
	}
	out, err := signing.RenderAndSignWith(rep, opts, pair, now, signing.Options{TSA: cmd.String("tsa")})
	if err != nil {
		return inputErr(err)
	}
	name := cmd.String("pdf")
	if err := safefile.WriteAtomic(name, out); err != nil {
		return inputErr(fmt.Errorf("--pdf %s: %w", name, err))
	}
	return nil
}

// tsaFlag is --tsa on every command that signs.
func tsaFlag() cli.Flag {
	return &cli.StringFlag{Name: "tsa", Usage: "`URL` of an RFC 3161 time-stamping authority: the signature carries its timestamp (PAdES B-T), which proves when it was made after the certificate has expired"}
}
