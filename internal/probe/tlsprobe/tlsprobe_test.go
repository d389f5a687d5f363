package tlsprobe

import (
	"context"
	"crypto/tls"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// server accepts TLS connections on 127.0.0.1 until the test ends.
func server(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				_ = c.(*tls.Conn).Handshake()
			}()
		}
	}()
	return ln.Addr().String()
}

func TestProbe(t *testing.T) {
	ca := probetest.NewCA(t)
	now := time.Now()
	good := ca.Leaf(t, []string{"127.0.0.1", "localhost"}, now.Add(-time.Hour), now.Add(90*24*time.Hour))
	expired := ca.Leaf(t, []string{"127.0.0.1"}, now.Add(-90*24*time.Hour), now.Add(-24*time.Hour))
	wrongHost := ca.Leaf(t, []string{"other.example"}, now.Add(-time.Hour), now.Add(90*24*time.Hour))
	var none *probetest.CA
	selfSigned := none.Leaf(t, []string{"127.0.0.1"}, now.Add(-time.Hour), now.Add(90*24*time.Hour))
	opts := safenet.Options{AllowPrivate: true, Roots: ca.Pool}
	limited := ClientLimited()

	cases := []struct {
		name       string
		cfg        *tls.Config
		chainValid bool
		chainErr   string
		hostname   bool
		expired    bool
		versions   map[string]bool
		negotiated string
	}{
		{"good certificate", &tls.Config{Certificates: []tls.Certificate{good}, MinVersion: tls.VersionTLS12}, true, "", true, false,
			map[string]bool{"1.0": false, "1.1": false, "1.2": true, "1.3": true}, "1.3"},
		{"expired", &tls.Config{Certificates: []tls.Certificate{expired}, MinVersion: tls.VersionTLS12}, false, "expired", true, true, nil, "1.3"},
		{"wrong host", &tls.Config{Certificates: []tls.Certificate{wrongHost}, MinVersion: tls.VersionTLS12}, true, "", false, false, nil, "1.3"},
		{"self-signed", &tls.Config{Certificates: []tls.Certificate{selfSigned}, MinVersion: tls.VersionTLS12}, false, "unknown authority", true, false, nil, "1.3"},
		{"TLS 1.2 only", &tls.Config{Certificates: []tls.Certificate{good}, MinVersion: tls.VersionTLS12, MaxVersion: tls.VersionTLS12}, true, "", true, false,
			map[string]bool{"1.0": false, "1.1": false, "1.2": true, "1.3": false}, "1.2"},
		{"TLS 1.0 only", &tls.Config{Certificates: []tls.Certificate{good}, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS10}, true, "", true, false,
			map[string]bool{"1.0": true, "1.1": false, "1.2": false, "1.3": false}, "1.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.negotiated == "1.0" && slices.Contains(limited, "1.0") {
				t.Skip("this build of crypto/tls cannot offer TLS 1.0 as a client (client_limited)")
			}
			addr := server(t, c.cfg)
			r := Probe(context.Background(), addr, opts, 3*time.Second, now)
			if r.Status != "ok" {
				t.Fatalf("status %s: %s", r.Status, r.Error)
			}
			if r.ChainValid != c.chainValid || !strings.Contains(r.ChainError, c.chainErr) || (c.chainErr == "") != (r.ChainError == "") {
				t.Errorf("chain_valid %v (%q), want %v (%q)", r.ChainValid, r.ChainError, c.chainValid, c.chainErr)
			}
			if r.HostnameMatch != c.hostname {
				t.Errorf("hostname_match %v, want %v", r.HostnameMatch, c.hostname)
			}
			if r.DaysLeft == nil || (*r.DaysLeft < 0) != c.expired {
				t.Errorf("days_left %v, expired %v", r.DaysLeft, c.expired)
			}
			if r.NegotiatedVersion != c.negotiated || r.Cipher == "" {
				t.Errorf("negotiated %q %q, want %q", r.NegotiatedVersion, r.Cipher, c.negotiated)
			}
			for v, want := range c.versions {
				if slices.Contains(limited, v) {
					continue
				}
				if r.Versions[v] != want {
					t.Errorf("versions[%s] = %v, want %v", v, r.Versions[v], want)
				}
			}
			if len(r.SHA256) != 64 {
				t.Errorf("sha256 of the chain missing: %q", r.SHA256)
			}
		})
	}
}

// Go's client can still offer TLS 1.0 and 1.1 when asked explicitly; if a
// future build cannot, client_limited says so instead of "not offered".
func TestClientLimited(t *testing.T) {
	l := ClientLimited()
	for _, v := range l {
		if v == "1.2" || v == "1.3" {
			t.Errorf("client cannot do TLS %s: the probe would be useless", v)
		}
	}
	t.Logf("client_limited: %v", l)
}

func TestRefusedAndFailures(t *testing.T) {
	ca := probetest.NewCA(t)
	now := time.Now()
	addr := server(t, &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, []string{"127.0.0.1"}, now.Add(-time.Hour), now.Add(time.Hour))}})
	r := Probe(context.Background(), addr, safenet.Options{}, time.Second, now)
	if r.Status != "error" || !strings.Contains(r.Error, "loopback") || !strings.Contains(r.Error, "--allow-private") {
		t.Errorf("loopback without --allow-private: %s %q", r.Status, r.Error)
	}
	r = Probe(context.Background(), "localhost", safenet.Options{}, time.Second, now)
	if r.Status != "error" || !strings.Contains(r.Error, "loopback") {
		t.Errorf("localhost: %s %q", r.Status, r.Error)
	}
	// A listener that never answers the handshake.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	start := time.Now()
	r = Probe(context.Background(), ln.Addr().String(), safenet.Options{AllowPrivate: true}, 300*time.Millisecond, now)
	if r.Status != "error" || time.Since(start) > 2*time.Second {
		t.Errorf("silent server: %s %q after %v", r.Status, r.Error, time.Since(start))
	}
}

func TestHostPort(t *testing.T) {
	for in, want := range map[string]string{
		"example.fi":        "example.fi:443",
		"example.fi:8443":   "example.fi:8443",
		"[2001:db8::1]:443": "[2001:db8::1]:443",
		"2001:db8::1":       "[2001:db8::1]:443",
		" sp.example.fi ":   "sp.example.fi:443",
	} {
		_, got, err := HostPort(in)
		if err != nil || got != want {
			t.Errorf("HostPort(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "https://x/y"} {
		if _, _, err := HostPort(bad); err == nil {
			t.Errorf("HostPort(%q): no error", bad)
		}
	}
}
