// Package safenet makes the network connections of probes. Probes fetch
// addresses a member typed, on the operator's machine, so every connection
// goes through a dialer that refuses private, loopback, link-local,
// unspecified and multicast addresses after DNS resolution (in the dialer's
// Control hook, so a name that resolves differently on the second lookup —
// DNS rebinding — is still checked), URLs must be https, redirects are
// bounded and checked, and bodies are capped.
package safenet

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/base"
)

// MaxRedirects bounds the redirects an HTTP probe follows.
const MaxRedirects = 10

// Options are the network settings shared by all probes of one run.
type Options struct {
	// AllowPrivate permits private, loopback and link-local addresses
	// (tests and intranet audits).
	AllowPrivate bool
	// Roots verifies certificate chains; nil means the system roots.
	Roots *x509.CertPool
	// Resolver overrides DNS resolution (tests); nil is the default resolver.
	Resolver *net.Resolver
	// Permit, when set, lets the dialer connect to an address it would
	// otherwise refuse (tests: one httptest server on 127.0.0.1 allowed,
	// everything else refused).
	Permit func(netip.AddrPort) bool
}

// ErrRefused is wrapped by every refusal of a forbidden address.
var ErrRefused = base.ErrRefused

// extra ranges that are not public although the net package does not call
// them private.
var extra = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// Forbidden says why ip may not be probed without --allow-private, or "".
func Forbidden(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate():
		return "a private address"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "a link-local address"
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	for _, p := range extra {
		if p.Contains(ip) {
			return "a non-public address"
		}
	}
	return ""
}

// CheckHost refuses a host that is a forbidden IP literal or "localhost"
// before any connection, with a message naming it. Names are checked again
// by the dialer after resolution.
func (o Options) CheckHost(host, port string) error {
	if o.AllowPrivate {
		return nil
	}
	if port == "" {
		port = "443"
	}
	if ap, err := netip.ParseAddrPort(net.JoinHostPort(strings.Trim(host, "[]"), port)); err == nil && o.Permit != nil && o.Permit(ap) {
		return nil
	}
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return fmt.Errorf("%w: %s is a loopback name; use --allow-private to probe it", ErrRefused, host)
	}
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		if why := Forbidden(ip); why != "" {
			return fmt.Errorf("%w: %s is %s; use --allow-private to probe it", ErrRefused, host, why)
		}
	}
	return nil
}

// Dialer returns a dialer whose every connection is checked after DNS
// resolution.
func (o Options) Dialer(timeout time.Duration) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: -1, Resolver: o.Resolver}
	if !o.AllowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: cannot read the address %q", ErrRefused, address)
			}
			if o.Permit != nil && o.Permit(ap) {
				return nil
			}
			if why := Forbidden(ap.Addr()); why != "" {
				return fmt.Errorf("%w: the host resolves to %s, %s; use --allow-private to probe it", ErrRefused, ap.Addr(), why)
			}
			return nil
		}
	}
	return d
}

// CheckURL accepts only absolute https URLs whose host is not refused.
func (o Options) CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: %v", raw, err)
	}
	if u.Scheme != "https" {
		return nil, fmt.Errorf("%s: only https URLs are probed (the scheme is %q)", raw, u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%s: the URL has no host", raw)
	}
	if err := o.CheckHost(u.Hostname(), u.Port()); err != nil {
		return nil, fmt.Errorf("%s: %w", raw, err)
	}
	return u, nil
}

// Client is an HTTP client for probes: https only, no proxy (the address
// check must see the real server), checked redirects, system or given roots.
// onRedirect, when set, sees every redirect followed.
func (o Options) Client(timeout time.Duration, onRedirect func(*http.Request)) *http.Client {
	d := o.Dialer(timeout)
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            d.DialContext,
		TLSClientConfig:        &tls.Config{RootCAs: o.Roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		DisableKeepAlives:      true,
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("more than %d redirects (last to %s)", MaxRedirects, req.URL)
			}
			if req.URL.Scheme != "https" {
				return http.ErrUseLastResponse
			}
			if err := o.CheckHost(req.URL.Hostname(), req.URL.Port()); err != nil {
				return fmt.Errorf("redirect to %s: %w", req.URL, err)
			}
			if onRedirect != nil {
				onRedirect(req)
			}
			return nil
		},
	}
}

// Get fetches an https URL with the body capped at base.MaxBody.
func (o Options) Get(ctx context.Context, raw string, timeout time.Duration) ([]byte, *http.Response, error) {
	if _, err := o.CheckURL(raw); err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", "mpassaudit-probe")
	resp, err := o.Client(timeout, nil).Do(req)
	if err != nil {
		return nil, nil, Explain(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, resp, &base.HTTPStatusError{URL: raw, Status: resp.Status}
	}
	b, err := base.ReadCapped(resp.Body, base.MaxBody)
	if err != nil {
		return nil, resp, fmt.Errorf("%s: body %w", raw, err)
	}
	return b, resp, nil
}

// Explain unwraps url.Error noise and names timeouts plainly.
func Explain(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("%s: no answer within the time limit (%w)", ue.URL, ue.Err)
		}
		return fmt.Errorf("%s: %w", ue.URL, ue.Err)
	}
	return err
}
