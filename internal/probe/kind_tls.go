package probe

import (
	"context"
	"net/url"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/probe/tlsprobe"
)

// TLSKey is the probe kind of TLS and the key of the TLS results in
// input.probes (keyed there by "host:port").
const TLSKey = "tls"

// tlsKind tests the TLS of HOST[:PORT] (or of a URL's host).
type tlsKind struct{}

func init() { Register(tlsKind{}) }

func (tlsKind) Name() string { return TLSKey }

func (tlsKind) Run(ctx context.Context, t Target, env Env) any {
	return tlsprobe.Probe(ctx, TLSHost(t.Value), env.Net, env.Timeout, env.Now)
}

func (tlsKind) Hosts(any) []string { return nil }

func (tlsKind) Local(string) bool { return false }

// TLSHost is the host[:port] a TLS target names: a URL's host, or the
// target itself.
func TLSHost(target string) string {
	if strings.Contains(target, "://") {
		if u, err := url.Parse(target); err == nil {
			return u.Host
		}
	}
	return target
}

func (tlsKind) Usage() (string, string) {
	return "TLS versions, cipher, certificate chain and host name of HOST[:PORT] (default port 443)", "HOST[:PORT]"
}
