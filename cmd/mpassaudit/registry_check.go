package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/registry"
)

// registryCheckCommand is `registry check`: every entityID and client ID
// that the latest reports of two or more members name (the management
// service keeps them unique, so each is a mistake or an impersonation).
func registryCheckCommand() *cli.Command {
	return &cli.Command{
		Name:   "check",
		Usage:  "list the SAML entityIDs and OIDC client IDs that more than one member's latest report names (exit 1 when there are any)",
		Flags:  []cli.Flag{dbFlag()},
		Action: runRegistryCheck,
	}
}

func runRegistryCheck(ctx context.Context, cmd *cli.Command) error {
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.Collisions(ctx)
	if err != nil {
		return inputErr(err)
	}
	out := cmd.Root().Writer
	if len(cs) == 0 {
		fmt.Fprintln(out, i18n.T(l, "No entityID or client ID is used by more than one member."))
		return nil
	}
	for _, c := range cs {
		fmt.Fprintln(out, c)
	}
	fmt.Fprintln(out, i18n.T(l, "%d identifiers are used by more than one member: the MPASSid management service requires them to be unique.", len(cs)))
	return errFailed
}

// warnCollisions warns, after `registry add`, when another member's latest
// report names an entityID or client ID of this member's.
func warnCollisions(ctx context.Context, db *registry.DB, w io.Writer, l, path, member string) error {
	cs, err := db.CollisionsOf(ctx, member)
	if err != nil {
		return err
	}
	for _, c := range cs {
		fmt.Fprintf(w, "mpassaudit: %s: %s: %s\n", i18n.T(l, "warning"), path, i18n.T(l, "another member already uses %s %s: %s", c.Kind, c.Value, c))
	}
	return nil
}
