package httpprobe

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// tlsServer is an httptest TLS server with a certificate of ca for 127.0.0.1.
func tlsServer(t *testing.T, ca *probetest.CA, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	now := time.Now()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the version probes' refused handshakes
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, []string{"127.0.0.1"}, now.Add(-time.Hour), now.Add(time.Hour))}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// only permits exactly the test server's address, so that everything else
// (another port on 127.0.0.1) is refused as without --allow-private.
func only(srv *httptest.Server) func(netip.AddrPort) bool {
	u, _ := url.Parse(srv.URL)
	want := netip.MustParseAddrPort(u.Host)
	return func(ap netip.AddrPort) bool { return ap == want }
}

func TestProbe(t *testing.T) {
	ca := probetest.NewCA(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		_, _ = w.Write([]byte("privacy notice"))
	})
	mux.HandleFunc("/nohsts", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("x")) })
	mux.HandleFunc("/zero", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=0")
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/tohttp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://sp.example.fi/privacy", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 1<<20)
		for range 12 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := tlsServer(t, ca, mux)
	other := tlsServer(t, ca, mux)
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/ok", http.StatusFound)
	})
	opts := safenet.Options{Roots: ca.Pool, Permit: only(srv)}

	cases := []struct {
		path      string
		timeout   time.Duration
		status    string
		errPart   string
		code      int
		https     bool
		hsts      bool
		final     string
		redirects int
	}{
		{path: "/ok", status: "ok", code: 200, https: true, hsts: true, final: "/ok"},
		{path: "/nohsts", status: "ok", code: 200, https: true, final: "/nohsts"},
		{path: "/zero", status: "ok", code: 200, https: true, final: "/zero"},
		{path: "/moved", status: "ok", code: 200, https: true, hsts: true, final: "/ok", redirects: 1},
		{path: "/tohttp", status: "ok", code: 301, final: "http://sp.example.fi/privacy", redirects: 1},
		{path: "/missing", status: "ok", code: 404, https: true, final: "/missing"},
		{path: "/loop", status: "error", errPart: "redirects"},
		{path: "/huge", status: "error", errPart: "larger than the 10 MiB limit"},
		{path: "/slow", timeout: 300 * time.Millisecond, status: "error", errPart: "time limit"},
		{path: "/private", status: "error", errPart: "refused"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			timeout := c.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			start := time.Now()
			r := Probe(context.Background(), srv.URL+c.path, opts, timeout, now)
			if r.Status != c.status || !strings.Contains(r.Error, c.errPart) {
				t.Fatalf("status %s, error %q; want %s %q", r.Status, r.Error, c.status, c.errPart)
			}
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if c.status == "error" {
				return
			}
			final := c.final
			if strings.HasPrefix(final, "/") {
				final = srv.URL + final
			}
			if r.StatusCode != c.code || r.HTTPS != c.https || r.HSTS != c.hsts || r.FinalURL != final || len(r.Redirects) != c.redirects {
				t.Errorf("got code %d https %v hsts %v final %s redirects %v; want %d %v %v %s %d",
					r.StatusCode, r.HTTPS, r.HSTS, r.FinalURL, r.Redirects, c.code, c.https, c.hsts, final, c.redirects)
			}
			if len(r.SHA256) != 64 || r.FetchedAt != "2026-11-27T12:00:00Z" || r.Target != srv.URL+c.path {
				t.Errorf("evidence %+v", r.Meta)
			}
		})
	}
}

func TestRefusedTargets(t *testing.T) {
	ca := probetest.NewCA(t)
	srv := tlsServer(t, ca, http.NotFoundHandler())
	now := time.Now()
	for target, want := range map[string]string{
		srv.URL:                        "loopback",
		"https://localhost/privacy":    "loopback",
		"https://10.1.2.3/privacy":     "private",
		"https://169.254.169.254/meta": "link-local",
		"https://[::1]/x":              "loopback",
		"http://sp.example.fi/privacy": "only https",
		"ftp://sp.example.fi/x":        "only https",
		"not a url":                    "only https",
	} {
		r := Probe(context.Background(), target, safenet.Options{Roots: ca.Pool}, time.Second, now)
		if r.Status != "error" || !strings.Contains(r.Error, want) {
			t.Errorf("%s: %s %q; want an error naming %q", target, r.Status, r.Error, want)
		}
	}
	// With --allow-private the same server is reachable.
	r := Probe(context.Background(), srv.URL, safenet.Options{Roots: ca.Pool, AllowPrivate: true}, 2*time.Second, now)
	if r.Status != "ok" || r.StatusCode != 404 {
		t.Errorf("--allow-private: %s %q %d", r.Status, r.Error, r.StatusCode)
	}
}
