package probe

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func tlsServer(t testing.TB, ca *probetest.CA, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the version probes' refused handshakes
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, []string{"127.0.0.1"}, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// Run is called from many goroutines' results at once; -race checks it.
func TestRunConcurrent(t *testing.T) {
	ca := probetest.NewCA(t)
	targets, _ := slowTargets(t, ca, 20, 50*time.Millisecond)
	p := &Prober{Net: safenet.Options{AllowPrivate: true, Roots: ca.Pool}, Now: now}
	res := p.Run(context.Background(), targets)
	for i, r := range res.Results {
		if r["status"] != "ok" {
			t.Errorf("target %d: %v", i, r["error"])
		}
	}
	if len(res.TLS) != 20 {
		t.Errorf("%d TLS results, want 20", len(res.TLS))
	}
}

// The total time limit stops probes still running.
func TestTotalTimeout(t *testing.T) {
	ca := probetest.NewCA(t)
	targets, _ := slowTargets(t, ca, 3, 3*time.Second)
	p := &Prober{Net: safenet.Options{AllowPrivate: true, Roots: ca.Pool}, Now: now, NoTLS: true, ProbeTimeout: 10 * time.Second, TotalTimeout: 300 * time.Millisecond}
	start := time.Now()
	res := p.Run(context.Background(), targets)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v with a 300ms total limit", d)
	}
	for _, r := range res.Results {
		if r["status"] != "error" {
			t.Errorf("%v", r)
		}
	}
}

// slowTargets starts n TLS servers that answer after delay.
func slowTargets(t testing.TB, ca *probetest.CA, n int, delay time.Duration) ([]Target, []*httptest.Server) {
	var targets []Target
	var srvs []*httptest.Server
	for range n {
		srv := tlsServer(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
			}
		}))
		srvs = append(srvs, srv)
		targets = append(targets, Target{Path: "x.url", Kind: "http", Value: srv.URL + "/slow"})
	}
	return targets, srvs
}

// BenchmarkTwentySlowEndpoints: 20 endpoints that each take 200 ms are
// probed (HTTP and TLS) in about the time of one of them.
func BenchmarkTwentySlowEndpoints(b *testing.B) {
	ca := probetest.NewCA(b)
	targets, _ := slowTargets(b, ca, 20, 200*time.Millisecond)
	p := &Prober{Net: safenet.Options{AllowPrivate: true, Roots: ca.Pool}, Now: now}
	b.ResetTimer()
	for b.Loop() {
		res := p.Run(context.Background(), targets)
		for _, r := range res.Results {
			if r["status"] != "ok" {
				b.Fatal(r["error"])
			}
		}
	}
}
