package safenet

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestForbidden(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1":        "loopback",
		"::1":              "loopback",
		"10.0.0.1":         "private",
		"172.16.5.4":       "private",
		"192.168.1.1":      "private",
		"fd00::1":          "private",
		"169.254.169.254":  "link-local",
		"fe80::1":          "link-local",
		"0.0.0.0":          "unspecified",
		"::":               "unspecified",
		"239.1.2.3":        "multicast",
		"100.64.0.1":       "non-public",
		"::ffff:127.0.0.1": "loopback",
		"193.166.3.2":      "",
		"2001:708::1":      "",
	} {
		if got := Forbidden(netip.MustParseAddr(addr)); !strings.Contains(got, want) || (want == "") != (got == "") {
			t.Errorf("Forbidden(%s) = %q, want %q", addr, got, want)
		}
	}
}

// The dialer checks the address it actually connects to, after DNS, so a
// name that resolves to a private address is refused however it resolved.
func TestDialerRefusesAfterResolution(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	d := Options{}.Dialer(time.Second)
	for _, addr := range []string{ln.Addr().String(), net.JoinHostPort("localhost", port)} {
		c, err := d.DialContext(context.Background(), "tcp", addr)
		if err == nil {
			c.Close()
			t.Errorf("%s: connected; want refused", addr)
			continue
		}
		if !strings.Contains(err.Error(), "refused: the host resolves to") {
			t.Errorf("%s: %v", addr, err)
		}
	}
	c, err := Options{AllowPrivate: true}.Dialer(time.Second).DialContext(context.Background(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatalf("--allow-private: %v", err)
	}
	c.Close()
}

func TestCheckURL(t *testing.T) {
	o := Options{}
	if _, err := o.CheckURL("https://sp.example.fi/metadata"); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"http://sp.example.fi/", "https:///nohost", "https://127.0.0.1/", "https://LOCALHOST./x", "https://[fe80::1]/"} {
		if _, err := o.CheckURL(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
