// Package tlsprobe checks the TLS of one host:port: which protocol versions
// 1.0–1.3 it offers (one handshake pinned to each version), what a default
// handshake negotiates, whether the chain verifies against the system roots,
// whether the certificate names the host, and how many days it has left.
//
// Go's crypto/tls client offers TLS 1.0 and 1.1 only when MinVersion asks
// for them, and never the cipher suites it dropped (RC4, DHE, CBC with
// SHA-384, …). A self-test at first use finds the versions this client
// cannot handshake at all (for example in FIPS-only mode); those are listed
// in client_limited, so a "not offered" for them is not proof.
package tlsprobe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// Kind is the probe name in results.
const Kind = "tls"

// Versions are the protocol versions probed, in order.
var Versions = []struct {
	Name string
	ID   uint16
}{{"1.0", tls.VersionTLS10}, {"1.1", tls.VersionTLS11}, {"1.2", tls.VersionTLS12}, {"1.3", tls.VersionTLS13}}

// Result is one host's TLS result.
type Result struct {
	base.Meta
	Versions          map[string]bool `json:"versions"`
	ClientLimited     []string        `json:"client_limited"`
	NegotiatedVersion string          `json:"negotiated_version"`
	Cipher            string          `json:"cipher"`
	ChainValid        bool            `json:"chain_valid"`
	ChainError        string          `json:"chain_error"`
	HostnameMatch     bool            `json:"hostname_match"`
	NotAfter          string          `json:"not_after"`
	DaysLeft          *int            `json:"days_left"`
}

// allSuites are every suite this client implements, insecure ones too: a
// version probe asks "does the server speak 1.0 at all", not "safely".
var allSuites = func() []uint16 {
	var ids []uint16
	for _, s := range tls.CipherSuites() {
		ids = append(ids, s.ID)
	}
	for _, s := range tls.InsecureCipherSuites() {
		ids = append(ids, s.ID)
	}
	return ids
}()

// HostPort normalises "host" or "host:port" (default port 443).
func HostPort(s string) (host, hostport string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", errors.New("no host given")
	}
	h, p, err := net.SplitHostPort(s)
	if err != nil {
		h, p = strings.Trim(s, "[]"), "443"
	}
	if n, err := strconv.Atoi(p); h == "" || strings.ContainsAny(h, "/ ") || err != nil || n < 1 || n > 65535 {
		return "", "", fmt.Errorf("%q is not a host or host:port (e.g. sp.example.fi or sp.example.fi:8443)", s)
	}
	return h, net.JoinHostPort(h, p), nil
}

// Probe runs the TLS checks of hostport. It never returns an error: a probe
// that fails has Status "error" and the reason.
func Probe(ctx context.Context, hostport string, o safenet.Options, timeout time.Duration, now time.Time) *Result {
	r := &Result{Meta: base.NewMeta(Kind, hostport, now), Versions: map[string]bool{}, ClientLimited: ClientLimited()}
	for _, v := range Versions {
		r.Versions[v.Name] = false
	}
	host, hp, err := HostPort(hostport)
	if err != nil {
		r.Fail(err)
		return r
	}
	r.Target = hp
	_, port, _ := net.SplitHostPort(hp)
	if err := o.CheckHost(host, port); err != nil {
		r.Fail(err)
		return r
	}
	// The default handshake: what a browser-like client gets.
	state, err := handshake(ctx, o, timeout, host, hp, &tls.Config{MinVersion: tls.VersionTLS10, CipherSuites: allSuites})
	if err != nil {
		r.Fail(err)
		return r
	}
	r.NegotiatedVersion = versionName(state.Version)
	r.Cipher = tls.CipherSuiteName(state.CipherSuite)
	r.Versions[r.NegotiatedVersion] = true
	if len(state.PeerCertificates) == 0 {
		r.Fail(errors.New("the server sent no certificate"))
		return r
	}
	leaf := state.PeerCertificates[0]
	var raw []byte
	for _, c := range state.PeerCertificates {
		raw = append(raw, c.Raw...)
	}
	r.Hash(raw)
	r.NotAfter = leaf.NotAfter.UTC().Format(time.RFC3339)
	d := base.DaysLeft(leaf.NotAfter, now)
	r.DaysLeft = &d
	r.HostnameMatch = leaf.VerifyHostname(host) == nil
	inter := x509.NewCertPool()
	for _, c := range state.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	// The chain is judged at the audit time, so a report made with --now is
	// reproducible; the host name is judged separately above.
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: o.Roots, Intermediates: inter, CurrentTime: now}); err != nil {
		r.ChainError = err.Error()
	} else {
		r.ChainValid = true
	}

	// One pinned handshake per other version, concurrently.
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, v := range Versions {
		if v.Name == r.NegotiatedVersion {
			continue
		}
		wg.Go(func() {
			_, err := handshake(ctx, o, timeout, host, hp, &tls.Config{MinVersion: v.ID, MaxVersion: v.ID, CipherSuites: allSuites})
			mu.Lock()
			r.Versions[v.Name] = err == nil
			mu.Unlock()
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		r.Fail(fmt.Errorf("%s: the version checks did not finish in time: %w", hp, err))
	}
	return r
}

func handshake(ctx context.Context, o safenet.Options, timeout time.Duration, host, hp string, cfg *tls.Config) (tls.ConnectionState, error) {
	cfg.InsecureSkipVerify = true // verified by hand above, at the audit time
	cfg.ServerName = host
	if ip := net.ParseIP(host); ip != nil {
		cfg.ServerName = ""
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := tls.Dialer{NetDialer: o.Dialer(timeout), Config: cfg}
	c, err := d.DialContext(ctx, "tcp", hp)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return tls.ConnectionState{}, fmt.Errorf("%s: no TLS handshake within %v (%w)", hp, timeout, err)
		}
		return tls.ConnectionState{}, fmt.Errorf("%s: %w", hp, err)
	}
	defer c.Close()
	return c.(*tls.Conn).ConnectionState(), nil
}

func versionName(v uint16) string {
	for _, x := range Versions {
		if x.ID == v {
			return x.Name
		}
	}
	return tls.VersionName(v)
}

var (
	limitedOnce sync.Once
	limited     []string
)

// ClientLimited lists the versions this client cannot handshake even with
// itself, found once by an in-memory handshake per version.
func ClientLimited() []string {
	limitedOnce.Do(func() {
		limited = []string{}
		for _, v := range Versions {
			if !selfTest(v.ID) {
				limited = append(limited, v.Name)
			}
		}
	})
	return append([]string{}, limited...)
}

func selfTest(v uint16) bool {
	cert, err := selfTestCert()
	if err != nil {
		return false
	}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	deadline := time.Now().Add(5 * time.Second)
	_ = a.SetDeadline(deadline)
	_ = b.SetDeadline(deadline)
	srv := tls.Server(a, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: v, MaxVersion: v, CipherSuites: allSuites})
	cli := tls.Client(b, &tls.Config{InsecureSkipVerify: true, MinVersion: v, MaxVersion: v, CipherSuites: allSuites})
	errc := make(chan error, 1)
	go func() { errc <- srv.Handshake() }()
	cerr := cli.Handshake()
	if cerr != nil {
		_ = b.Close()
	}
	serr := <-errc
	return cerr == nil && serr == nil
}
