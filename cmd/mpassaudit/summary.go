package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/summary"
)

func init() { commandFuncs = append(commandFuncs, summaryCommand) }

func summaryCommand() *cli.Command {
	return &cli.Command{
		Name:  "summary",
		Usage: "steering group: overview of the registry as PDF, XLSX and CSV (heat map, pass rates, most failing, overdue, trend)",
		Flags: []cli.Flag{dbFlag(), nowFlag(),
			&cli.StringFlag{Name: "pdf", Usage: "write the PDF to `FILE`"},
			&cli.StringFlag{Name: "xlsx", Usage: "write the workbook to `FILE`"},
			&cli.StringFlag{Name: "csv", Usage: "write the members × areas table to `FILE`"},
			&cli.StringFlag{Name: "csv-dialect", Value: string(summary.CSVExcel),
				Usage: "CSV for people (excel: UTF-8 with BOM, ';', CRLF, values in --lang, opens in Finnish and Swedish Excel) or machines (rfc4180: ',', values as keys)"},
		},
		Action: runSummary,
	}
}

func runSummary(ctx context.Context, cmd *cli.Command) error {
	dialect, err := summary.ParseCSVDialect(cmd.String("csv-dialect"))
	if err != nil {
		return usageErr("--csv-dialect: %v", err)
	}
	outs := []struct {
		flag  string
		write func(*summary.Data, *bytes.Buffer) error
	}{
		{"pdf", func(d *summary.Data, b *bytes.Buffer) error { return d.WritePDF(b) }},
		{"xlsx", func(d *summary.Data, b *bytes.Buffer) error { return d.WriteXLSX(b) }},
		{"csv", func(d *summary.Data, b *bytes.Buffer) error { return d.WriteCSVDialect(b, dialect) }},
	}
	wanted := false
	for _, o := range outs {
		wanted = wanted || cmd.String(o.flag) != ""
	}
	if !wanted {
		return usageErr("summary needs at least one of --pdf FILE, --xlsx FILE, --csv FILE")
	}
	l, err := lang(cmd)
	if err != nil {
		return err
	}
	now, err := nowOf(cmd)
	if err != nil {
		return err
	}
	cat, err := loadCatalog(cmd)
	if err != nil {
		return err
	}
	db, err := openRegistry(ctx, cmd)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := summary.Build(ctx, db, cat, l, now)
	if err != nil {
		return inputErr(err)
	}
	if len(d.Members) == 0 {
		return inputErr(fmt.Errorf("the registry %s is empty: add verified reports with `mpassaudit registry add REPORT.pdf` first", db.Path))
	}
	for _, o := range outs {
		name := cmd.String(o.flag)
		if name == "" {
			continue
		}
		// Rendered in memory first, so that a failure leaves no half-written file.
		var buf bytes.Buffer
		if err := o.write(d, &buf); err != nil {
			return inputErr(err)
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return inputErr(fmt.Errorf("--%s %s: %w", o.flag, name, err))
		}
	}
	return nil
}
