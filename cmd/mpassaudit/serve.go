package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/web"
)

func init() { commandFuncs = append(commandFuncs, serveCommand) }

func serveCommand() *cli.Command {
	var fs []cli.Flag
	for _, f := range auditFlags() {
		switch f.Names()[0] {
		case "no-probe", "quiet":
		default:
			fs = append(fs, f)
		}
	}
	return &cli.Command{
		Name:      "serve",
		Usage:     "answer the self-audit in a local web form that shows the results as you answer",
		ArgsUsage: "[ANSWERS.toml]",
		Flags: append(fs,
			&cli.StringFlag{Name: "kind", Usage: "member kind of a new answers file: education-provider or service-provider"},
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:0", Usage: "listen on `HOST:PORT` (default: loopback, a free port)"},
			&cli.BoolFlag{Name: "insecure-listen", Usage: "allow --addr on an interface other than loopback (others on the network can reach the form; the token still guards it)"},
			&cli.BoolFlag{Name: "no-open", Usage: "do not open the browser, only print the address"},
		),
		Action: runServe,
	}
}

func runServe(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() > 1 {
		return usageErr("serve takes one answers file (default answers.toml); %d were given", cmd.Args().Len())
	}
	file := cmd.Args().First()
	if file == "" {
		file = "answers.toml"
	}
	if k := cmd.String("kind"); k != "" {
		if err := checkKind(k); err != nil {
			return err
		}
	}
	addr := cmd.String("addr")
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageErr("--addr %q: give HOST:PORT, e.g. 127.0.0.1:8080", addr)
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	if !loopback && !cmd.Bool("insecure-listen") {
		return usageErr("--addr %s is not a loopback address: the form holds your answers and keys, so it listens on 127.0.0.1 only; add --insecure-listen to listen on %s anyway", addr, host)
	}
	runner, err := setup(ctx, cmd)
	if err != nil {
		return err
	}
	l := runner.Lang
	p, err := proberFromFlags(cmd, l, runner.Now)
	if err != nil {
		return err
	}
	p.Progress = nil
	srv, err := web.New(ctx, web.Options{
		Auditor: &web.Auditor{Runner: runner, Prober: p},
		File:    file, Kind: cmd.String("kind"), Lang: l,
		AnyHost: !loopback,
	})
	if err != nil {
		return inputErr(err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usageErr("--addr %s: %v", addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	url := srv.URL(ln.Addr().String())
	w := cmd.Root().Writer
	fmt.Fprintf(w, "%s\n  %s\n%s\n", i18n.T(l, "The self-audit form is open at this address (it works only on this machine, with its token):"), url, i18n.T(l, "Stop with Ctrl-C: the answers are saved to %s first.", file))
	if !cmd.Bool("no-open") {
		openBrowser(url)
	}
	sig, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return inputErr(err)
		}
	case <-sig.Done():
	}
	saved, wrong, serr := srv.SaveOnExit()
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	switch {
	case serr != nil:
		return inputErr(fmt.Errorf("saving %s: %w", file, serr))
	case saved && len(wrong) > 0:
		fmt.Fprintln(w, i18n.T(l, "Saved to %s.", file), i18n.T(l, "Not saved, because they were not accepted: %s", strings.Join(wrong, ", ")))
	case saved:
		fmt.Fprintln(w, i18n.T(l, "Saved to %s.", file))
	}
	return nil
}

// openBrowser opens url where a desktop is present; failing quietly is
// right, since the address is printed.
func openBrowser(url string) {
	var c *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		c = exec.Command("open", url)
	case "windows":
		c = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return
		}
		c = exec.Command("xdg-open", url)
	}
	if c.Start() == nil {
		go func() { _ = c.Wait() }()
	}
}
