package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
)

func init() {
	commandFuncs = append(commandFuncs, waiveCommand)
	waiversFor = loadWaivers
}

func waiveCommand() *cli.Command {
	return &cli.Command{
		Name:  "waive",
		Usage: "operator: issue a signed, time-limited waiver for one member's requirement",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "business-id", Required: true, Usage: "the member's business ID (Y-tunnus), e.g. 0245437-2"},
			&cli.StringFlag{Name: "member", Usage: "the member's name, for people reading the waiver"},
			&cli.StringFlag{Name: "requirement", Required: true, Usage: "requirement `ID` in the catalogue, e.g. EP-SEC-05"},
			&cli.StringFlag{Name: "reason", Required: true, Usage: "why the exception is granted"},
			&cli.StringFlag{Name: "approver", Required: true, Usage: "who approved it"},
			&cli.StringFlag{Name: "expires", Required: true, Usage: "last valid `DATE` (YYYY-MM-DD), at most 12 months ahead"},
			&cli.StringFlag{Name: "sign-key", Required: true, Usage: "the operator's signing key `FILE` (PEM, or PKCS#12 with --sign-cert omitted)"},
			&cli.StringFlag{Name: "sign-cert", Usage: "the operator's certificate `FILE` (PEM)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write the waiver to `FILE` (put it in the --waivers directory)"},
			&cli.BoolFlag{Name: "record", Usage: "also record the waiver in the registry (--db), so that `registry due` lists its expiry"},
			&cli.StringFlag{Name: "db", Usage: "registry database `FILE` for --record (default " + defaultDBHint + ")"},
			&cli.StringFlag{Name: "now", Usage: "issue as of this `TIME` (RFC 3339 or YYYY-MM-DD)"},
		},
		Action: runWaive,
	}
}

func runWaive(ctx context.Context, cmd *cli.Command) error {
	now, err := parseNow(cmd.String("now"))
	if err != nil {
		return err
	}
	if now.IsZero() {
		now = time.Now()
	}
	cat, err := loadCatalog(cmd)
	if err != nil {
		return err
	}
	id := cmd.String("requirement")
	if cat.Requirement(id) == nil {
		return usageErr("--requirement %s: no such requirement in the catalogue %s (see: mpassaudit catalog list)", id, cat.Version)
	}
	pair, err := keys.Load(cmd.String("sign-key"), cmd.String("sign-cert"))
	if err != nil {
		return inputErr(err)
	}
	f, err := waiver.Issue(waiver.Request{
		BusinessID: cmd.String("business-id"), Member: cmd.String("member"), Requirement: id,
		Reason: cmd.String("reason"), Approver: cmd.String("approver"), Expires: cmd.String("expires"),
		CatalogVersion: cat.Version, Now: now,
	}, pair.Key, pair.Cert, pair.Chain)
	if err != nil {
		return usageErr("%v", err)
	}
	out := cmd.String("output")
	if _, err := os.Stat(out); err == nil {
		return usageErr("-o %s: the file exists; waivers are never overwritten, choose another name", out)
	}
	if err := os.WriteFile(out, f.Marshal(), 0o644); err != nil {
		return inputErr(fmt.Errorf("-o %s: %w", out, err))
	}
	if cmd.Bool("record") {
		reg, err := openRegistry(ctx, cmd)
		if err != nil {
			return err
		}
		defer reg.Close()
		if _, err := reg.AddWaiver(ctx, f, keys.Fingerprint(pair.Cert), out); err != nil {
			return inputErr(err)
		}
	}
	fmt.Fprintf(cmd.Root().Writer, "waiver %s: %s %s until %s, signed by %s (SHA-256 %s)\n",
		out, f.Payload.BusinessID, id, f.Payload.Expires, pair.Cert.Subject.CommonName, keys.Fingerprint(pair.Cert))
	if !cmd.Bool("record") {
		// Otherwise `registry due` never hears of the expiry.
		fmt.Fprintf(cmd.Root().ErrWriter, "mpassaudit: note: not recorded in the registry: `registry due` lists its expiry after `mpassaudit registry add-waiver %s --operators DIR` (or waive --record)\n", out)
	}
	return nil
}

// loadWaivers reads --waivers DIR, keeping only waivers signed by an
// operator certificate of --operators DIR. Refused waivers are named on standard
// error; the audit goes on without them.
func loadWaivers(cmd *cli.Command) (audit.WaiverSource, error) {
	dir := cmd.String("waivers")
	if dir == "" {
		return nil, nil
	}
	if err := operatorsCompat(cmd); err != nil {
		return nil, err
	}
	if cmd.String("operators") == "" {
		return nil, usageErr("--waivers needs --operators DIR with the operator's certificates: only waivers the operator signed are honoured")
	}
	trust, err := loadOperators(cmd)
	if err != nil {
		return nil, err
	}
	set, err := waiver.LoadDir(dir, trust)
	if err != nil {
		return nil, inputErr(err)
	}
	stderr := cmd.Root().ErrWriter
	for _, e := range set.Refused {
		fmt.Fprintln(stderr, "mpassaudit: warning:", e)
	}
	return &noisyWaivers{Set: set, w: stderr, told: map[string]bool{}}, nil
}

// noisyWaivers tells, once per waiver, that a waiver is not honoured
// (expired, issued after the audit, too long): the result then keeps its
// real status, and its message says why.
type noisyWaivers struct {
	*waiver.Set
	w    io.Writer
	mu   sync.Mutex
	told map[string]bool
}

func (n *noisyWaivers) Lookup(businessID, requirement string, now time.Time) *audit.Waiver {
	c, ok := n.Find(businessID, requirement, now)
	if c == nil {
		return nil
	}
	if !ok {
		n.mu.Lock()
		defer n.mu.Unlock()
		if !n.told[c.Path] {
			n.told[c.Path] = true
			fmt.Fprintf(n.w, "mpassaudit: warning: %s: %v (%s, %s): the requirement is judged as is\n", c.Path, c.Honoured(now, "en"), businessID, requirement)
		}
		return nil
	}
	return c.Waiver()
}
