package main

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/keys"
)

// catalogFlags are the global flags that choose and verify the catalogue
// beside --catalog.
func catalogFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "catalog-trust", Usage: "operator certificates `DIR` that a --catalog bundle must be signed by"},
		&cli.BoolFlag{Name: "allow-unsigned-catalog", Usage: "accept a --catalog bundle that is not signed (or, without --catalog-trust, not verified); reports still name its version and digest"},
	}
}

// openCatalog loads --catalog DIR, FILE.tar.gz or https URL: a bundle is
// verified against --catalog-trust unless --allow-unsigned-catalog.
func openCatalog(cmd *cli.Command, spec string) (*catalog.Catalog, error) {
	opts := catalog.OpenOptions{AllowUnsigned: cmd.Bool("allow-unsigned-catalog")}
	if dir := cmd.String("catalog-trust"); dir != "" {
		trust, err := keys.LoadTrust(dir)
		if err != nil {
			return nil, usageErr("--catalog-trust: %v", err)
		}
		opts.Trust = trust
	}
	cat, err := catalog.Open(context.Background(), spec, opts)
	if err != nil {
		return nil, inputErr(err)
	}
	if b := cat.Bundle; b != nil && !b.Verified {
		l, _ := lang(cmd)
		fmt.Fprintf(cmd.Root().ErrWriter, "mpassaudit: %s\n", i18n.T(l, "catalogue bundle %s (version %s, %s) is NOT verified: %s", b.Source, b.Revision, b.SHA256, i18n.T(l, b.Warning)))
	}
	return cat, nil
}
