package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/waiver"
)

func init() { commandFuncs = append(commandFuncs, keysCommand) }

func keysCommand() *cli.Command {
	return &cli.Command{
		Name:  "keys",
		Usage: "make signing keys and certificates for members and the operator",
		Commands: []*cli.Command{
			{
				Name:  "new",
				Usage: "make a key (PREFIX.key.pem, mode 0600) and a self-signed certificate (PREFIX.cert.pem) for an organisation",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "org", Required: true, Usage: "the organisation's `NAME`, as in the certificate's subject"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "file name `PREFIX` of the key and certificate"},
					&cli.StringFlag{Name: "business-id", Usage: "the member's business `ID` (Y-tunnus), written into the certificate so that verify can match the signer with the report's member"},
					&cli.BoolFlag{Name: "rsa", Usage: "RSA 3072 instead of ECDSA P-256"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					bid := strings.TrimSpace(cmd.String("business-id"))
					if bid != "" {
						if err := waiver.CheckBusinessID(bid); err != nil {
							return usageErr("keys new --business-id: %v", err)
						}
					}
					p, err := keys.New(keys.Subject{Org: cmd.String("org"), BusinessID: bid}, cmd.Bool("rsa"))
					if err != nil {
						return usageErr("keys new: %v", err)
					}
					prefix := cmd.String("output")
					if err := p.WritePEM(prefix); err != nil {
						return inputErr(err)
					}
					w := cmd.Root().Writer
					fmt.Fprintf(w, "%s.key.pem   signing key: keep it secret\n", prefix)
					fmt.Fprintf(w, "%s.cert.pem  certificate: give it to whoever verifies your signatures (their --trust directory, or --operators for the operator's)\n", prefix)
					fmt.Fprintf(w, "SHA-256 %s\n", keys.Fingerprint(p.Cert))
					fmt.Fprintf(w, "valid until %s\n", p.Cert.NotAfter.Format("2006-01-02"))
					return nil
				},
			},
		},
	}
}
