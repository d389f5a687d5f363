package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/intake"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/registry"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

func init() { commandFuncs = append(commandFuncs, registryCommand) }

const defaultDBHint = "$XDG_DATA_HOME/mpassaudit/registry.db"

func dbFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", Usage: "registry database `FILE` (default " + defaultDBHint + ")"}
}

func nowFlag() cli.Flag {
	return &cli.StringFlag{Name: "now", Usage: "judge dates as of this `TIME` (RFC 3339 or YYYY-MM-DD)"}
}

// openRegistry opens --db, or the default registry.
func openRegistry(ctx context.Context, cmd *cli.Command) (*registry.DB, error) {
	path := cmd.String("db")
	if path == "" {
		p, err := registry.DefaultPath()
		if err != nil {
			return nil, usageErr("%v", err)
		}
		path = p
	}
	db, err := registry.Open(ctx, path)
	if err != nil {
		return nil, inputErr(err)
	}
	return db, nil
}

func nowOf(cmd *cli.Command) (time.Time, error) {
	t, err := parseNow(cmd.String("now"))
	if err != nil || !t.IsZero() {
		return t, err
	}
	return time.Now().UTC(), nil
}

func registryCommand() *cli.Command {
	return &cli.Command{
		Name:  "registry",
		Usage: "operator: the history of verified reports, members due for re-audit, expiring certificates and waivers",
		Commands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "verify signed PDF reports and register those that verify (idempotent: report id = SHA-256 of the embedded JSON)",
				ArgsUsage: "REPORT.pdf…",
				Flags: []cli.Flag{dbFlag(),
					&cli.StringFlag{Name: "trust", Usage: "`DIR` of the members' certificates (PEM), or their CAs'; without it and --operators only the files' integrity is checked"},
					operatorsFlag("judges the decision signatures and the waivers embedded in the reports"), tsaTrustFlag()},
				Action: runRegistryAdd,
			},
			{
				Name:      "add-waiver",
				Usage:     "record operator-signed waivers, so that `registry due` lists their expiry",
				ArgsUsage: "WAIVER.json…",
				Flags: []cli.Flag{dbFlag(),
					operatorsFlag("only waivers signed by it are recorded"), legacyTrustFlag()},
				Action: runAddWaiver,
			},
			{
				Name:   "list",
				Usage:  "members with their last audit, verdict and re-audit due date",
				Flags:  []cli.Flag{dbFlag(), nowFlag()},
				Action: runRegistryList,
			},
			{
				Name:      "show",
				Usage:     "a member's audits, newest first",
				ArgsUsage: "MEMBER (business ID or name)",
				Flags:     []cli.Flag{dbFlag()},
				Action:    runRegistryShow,
			},
			{
				Name:      "diff",
				Usage:     "compare two of a member's audits requirement by requirement (default: the last two)",
				ArgsUsage: "MEMBER [A B] (A, B: report id prefix or date)",
				Flags: []cli.Flag{dbFlag(),
					&cli.BoolFlag{Name: "all", Usage: "list unchanged requirements too"}},
				Action: runRegistryDiff,
			},
			{
				Name:  "due",
				Usage: "re-audits, certificates, client secrets and waivers due within a time",
				Flags: []cli.Flag{dbFlag(), nowFlag(),
					&cli.StringFlag{Name: "within", Value: "60d", Usage: "`TIME` ahead: days (60d), weeks (8w) or a Go duration (720h)"}},
				Action: runRegistryDue,
			},
			registryCheckCommand(),
		},
	}
}

func runRegistryAdd(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usageErr("registry add needs signed PDF reports")
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	opts := verify.Options{Lang: l}
	if dir := cmd.String("trust"); dir != "" {
		if opts.Trust, err = keys.LoadTrust(dir); err != nil {
			return inputErr(fmt.Errorf("--trust %s: %w", dir, err))
		}
	}
	if opts.Operators, err = loadOperators(cmd); err != nil {
		return err
	}
	if err := loadTimeTrust(cmd, &opts); err != nil {
		return err
	}
	if !trustGiven(cmd) {
		opts.SkipTrust = true
		fmt.Fprintln(cmd.Root().ErrWriter, "mpassaudit: warning: no --trust and no --operators: the signers are not checked, only that the files are intact")
	}
	if dir := cmd.String("catalog"); dir != "" {
		opts.CatalogFS = os.DirFS(dir)
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	out, errw := cmd.Root().Writer, cmd.Root().ErrWriter
	var refused int
	for _, p := range cmd.Args().Slice() {
		added, o, err := intake.AddPDF(ctx, db, p, opts)
		if err != nil {
			fmt.Fprintln(errw, "mpassaudit:", err)
			refused++
			continue
		}
		state := "registered"
		switch {
		case added.Decided:
			state = "decision recorded"
		case !added.New:
			state = "already registered"
		}
		decision := ""
		if o.Decision != "" {
			decision = ", decision " + o.Decision
		}
		fmt.Fprintf(out, "%s: %s %s (%s) %s %s%s, report %s\n", p, state, o.Report.Member.Name, added.Member,
			o.Report.GeneratedAt, o.Report.Verdict, decision, added.ID[:12])
		if err := warnSignerChange(ctx, db, errw, p, added, o); err != nil {
			return inputErr(err)
		}
		if err := warnCollisions(ctx, db, errw, l, p, added.Member); err != nil {
			return inputErr(err)
		}
	}
	if refused > 0 {
		return inputErr(fmt.Errorf("%d of %d reports did not verify and were not registered", refused, cmd.Args().Len()))
	}
	return nil
}

// warnSignerChange warns when a member's other registered reports were
// signed by another certificate than this one: keys roll over, but a report
// signed by someone else's trusted key for this member looks the same.
func warnSignerChange(ctx context.Context, db *registry.DB, w io.Writer, path string, added registry.Added, o *verify.Outcome) error {
	if len(o.Signatures) == 0 || o.Signatures[0].Fingerprint == "" {
		return nil
	}
	fp := o.Signatures[0].Fingerprint
	history, err := db.History(ctx, added.Member)
	if err != nil {
		return err
	}
	var others []string
	seen := map[string]bool{}
	for _, a := range history {
		if a.ID == added.ID || a.Fingerprint == "" || a.Fingerprint == fp || seen[a.Fingerprint] {
			continue
		}
		seen[a.Fingerprint] = true
		others = append(others, fmt.Sprintf("SHA-256 %s (%s, report of %s)", a.Fingerprint, a.Signer, a.GeneratedAt.Format(time.DateOnly)))
	}
	if len(others) > 0 {
		fmt.Fprintf(w, "mpassaudit: warning: %s: %s is signed by certificate SHA-256 %s (%s), but its other registered reports by %s: check that the member's key rolled over and that the new signer speaks for %s\n",
			path, added.Member, fp, o.Signatures[0].Signer, strings.Join(others, "; "), o.Report.Member.Name)
	}
	return nil
}

func runAddWaiver(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usageErr("add-waiver needs waiver files")
	}
	if err := operatorsCompat(cmd); err != nil {
		return err
	}
	if cmd.String("operators") == "" {
		return usageErr("add-waiver needs --operators DIR with the operator's certificates: only waivers the operator signed are recorded")
	}
	trust, err := loadOperators(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	w := cmd.Root().Writer
	var failed int
	for _, p := range cmd.Args().Slice() {
		data, err := safefile.ReadFile(p)
		if err != nil {
			fmt.Fprintln(cmd.Root().ErrWriter, "mpassaudit:", err)
			failed++
			continue
		}
		c, err := waiver.Read(p, data, trust)
		if err != nil {
			fmt.Fprintln(cmd.Root().ErrWriter, "mpassaudit:", err)
			failed++
			continue
		}
		f := c.File
		added, err := db.AddWaiver(ctx, f, c.Fingerprint, p)
		if err != nil {
			return inputErr(err)
		}
		state := "recorded"
		if !added {
			state = "already recorded"
		}
		fmt.Fprintf(w, "%s: %s %s %s %s\n", p, state, f.Payload.BusinessID, f.Payload.Requirement, f.Payload.Expires)
	}
	if failed > 0 {
		return usageErr("%d of %d waiver files were refused", failed, cmd.Args().Len())
	}
	return nil
}

func runRegistryList(ctx context.Context, cmd *cli.Command) error {
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	now, err := nowOf(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	members, err := db.Members(ctx)
	if err != nil {
		return inputErr(err)
	}
	if len(members) == 0 {
		fmt.Fprintf(cmd.Root().ErrWriter, "the registry %s is empty: add verified reports with `mpassaudit registry add REPORT.pdf`\n", db.Path)
		return nil
	}
	return writeMemberList(cmd.Root().Writer, members, now, l)
}

func writeMemberList(out io.Writer, members []registry.MemberRow, now time.Time, l string) error {
	registry.SortByName(members, l)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i18n.T(l, "Member"), i18n.T(l, "Business ID"), i18n.T(l, "Last audit"),
		i18n.T(l, "Environment"), i18n.T(l, "Verdict"), i18n.T(l, "Decision"), i18n.T(l, "Re-audit due"), i18n.T(l, "Audits"))
	overdue := 0
	for _, m := range members {
		due := m.Due.Format(time.DateOnly)
		if m.Overdue(now) {
			due += " " + strings.ToUpper(i18n.T(l, "overdue"))
			overdue++
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", m.Name, m.BusinessID, m.Last.GeneratedAt.Format(time.DateOnly),
			i18n.T(l, m.Last.Environment), i18n.T(l, strings.ToUpper(m.Last.Verdict)), decisionText(l, m.Last.Decision.Decision), due, m.Audits)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(out, i18n.T(l, "%d members, %d overdue", len(members), overdue))
	return err
}

func runRegistryShow(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usageErr("show needs one member: a business ID or a name")
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	key, name, err := db.FindMember(ctx, cmd.Args().First())
	if err != nil {
		return inputErr(err)
	}
	hist, err := db.History(ctx, key)
	if err != nil {
		return inputErr(err)
	}
	out := cmd.Root().Writer
	fmt.Fprintf(out, "%s (%s)\n", name, key)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i18n.T(l, "Date"), i18n.T(l, "Environment"), i18n.T(l, "Verdict"),
		i18n.T(l, "fail"), i18n.T(l, "warn"), i18n.T(l, "waived"), i18n.T(l, "Catalogue"), i18n.T(l, "Signer"), i18n.T(l, "Decision"), i18n.T(l, "Report id"))
	for _, a := range hist {
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", a.GeneratedAt.Format(time.DateOnly), i18n.T(l, a.Environment),
			i18n.T(l, strings.ToUpper(a.Verdict)), a.Summary.Fail, a.Summary.Warn, a.Summary.Waived, a.CatalogVersion, a.Signer,
			decisionText(l, a.Decision.Decision), a.ID[:12])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// Who decided, when and why: too long for a column.
	for _, a := range hist {
		d := a.Decision
		if d.Decision == "" {
			continue
		}
		line := fmt.Sprintf("%s %s (%s): %s — %s", i18n.T(l, "Decision"), a.GeneratedAt.Format(time.DateOnly), a.ID[:12], decisionText(l, d.Decision), d.By)
		if !d.At.IsZero() {
			line += ", " + d.At.Format(time.DateOnly)
		}
		if d.Comment != "" {
			line += ": " + strings.Replace(d.Comment, registry.OverrideMark, " ‖ "+i18n.T(l, "Approved although the requirements are not met")+": ", 1)
		}
		if _, err := fmt.Fprintln(out, line); err != nil {
			return err
		}
	}
	return nil
}

// decisionText is the operator's decision in l: approved, changes
// requested, or — when there is none yet.
func decisionText(l, d string) string {
	switch d {
	case "":
		return "—"
	case signing.ChangesRequested:
		return i18n.T(l, "changes requested")
	}
	return i18n.T(l, d)
}

func runRegistryDiff(ctx context.Context, cmd *cli.Command) error {
	args := cmd.Args().Slice()
	if len(args) != 1 && len(args) != 3 {
		return usageErr("diff needs a member, and optionally two audits: MEMBER [A B]")
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	key, name, err := db.FindMember(ctx, args[0])
	if err != nil {
		return inputErr(err)
	}
	hist, err := db.History(ctx, key)
	if err != nil {
		return inputErr(err)
	}
	var a, b registry.Audit
	if len(args) == 3 {
		if a, err = registry.PickAudit(hist, args[1]); err != nil {
			return usageErr("%s: %v", args[1], err)
		}
		if b, err = registry.PickAudit(hist, args[2]); err != nil {
			return usageErr("%s: %v", args[2], err)
		}
	} else {
		if len(hist) < 2 {
			return usageErr("%s has %d audit(s) in the registry: diff needs two", name, len(hist))
		}
		a, b = hist[1], hist[0]
	}
	ra, err := db.Report(ctx, a.ID)
	if err != nil {
		return inputErr(err)
	}
	rb, err := db.Report(ctx, b.ID)
	if err != nil {
		return inputErr(err)
	}
	out := cmd.Root().Writer
	fmt.Fprintf(out, "%s (%s): %s %s → %s %s\n", name, key, a.GeneratedAt.Format(time.DateOnly), a.ID[:12], b.GeneratedAt.Format(time.DateOnly), b.ID[:12])
	changes := registry.Diff(ra, rb)
	if cmd.Bool("all") {
		changed := map[string]bool{}
		for _, c := range changes {
			changed[c.ID] = true
		}
		for _, r := range rb.Results {
			if !changed[r.ID] {
				changes = append(changes, registry.Change{ID: r.ID, Area: r.Area, Title: r.Title, From: r.Status, To: r.Status})
			}
		}
		sortChanges(changes)
	}
	// The stored titles are in each report's own language: take them from
	// the catalogue in --lang, keeping the stored one for a requirement the
	// catalogue no longer has.
	cat, err := loadCatalog(cmd)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, c := range changes {
		if req := cat.Requirement(c.ID); req != nil {
			c.Title = req.Title(l)
		}
		fmt.Fprintf(w, "%s\t%s\t→ %s\t%s\n", c.ID, statusText(l, c.From), statusText(l, c.To), c.Title)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(changes) == 0 {
		fmt.Fprintln(out, i18n.T(l, "no changes"))
	}
	return nil
}

func sortChanges(c []registry.Change) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].ID < c[j-1].ID; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

func statusText(l, s string) string {
	if s == "" {
		return "—"
	}
	return i18n.T(l, s)
}

// parseWithin reads 60d, 8w or a Go duration.
func parseWithin(s string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			if v, err := strconv.Atoi(n); err == nil && v >= 0 {
				return time.Duration(v) * unit, nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, usageErr("--within %q: give days (60d), weeks (8w) or a duration (720h)", s)
	}
	return d, nil
}

func runRegistryDue(ctx context.Context, cmd *cli.Command) error {
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	now, err := nowOf(cmd)
	if err != nil {
		return err
	}
	within, err := parseWithin(cmd.String("within"))
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	items, err := db.Due(ctx, now, now.Add(within))
	if err != nil {
		return inputErr(err)
	}
	out := cmd.Root().Writer
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", i18n.T(l, "Date"), i18n.T(l, "Kind"), i18n.T(l, "Member"), i18n.T(l, "Business ID"), i18n.T(l, "Details"))
	for _, it := range items {
		date := it.Date.Format(time.DateOnly)
		if it.Date.Before(now) {
			date += " !"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", date, i18n.T(l, it.Kind), it.Name, it.BusinessID, it.What)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, i18n.T(l, "%d items due by %s (! = already past)", len(items), now.Add(within).Format(time.DateOnly)))
	return err
}
