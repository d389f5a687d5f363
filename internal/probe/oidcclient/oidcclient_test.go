package oidcclient

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func probeFile(t *testing.T, p string) *Result {
	t.Helper()
	return Probe(context.Background(), p, safenet.Options{}, time.Second, now)
}

// MANIFEST.md §4.3: the management service's OIDC fixtures.
func TestCorpus(t *testing.T) {
	dir := probetest.Corpus(t, "oidc")
	r := probeFile(t, filepath.Join(dir, "mpassid-hallintapalvelu_test_oidc_sp_metadata.json"))
	if r.Status != "ok" || r.Kind != Kind || r.Source != "rfc7591" || r.ClientID != "{{ domain_clientId }}" || !r.ClientSecretSet {
		t.Fatalf("%+v", r)
	}
	if !slices.Equal(r.RedirectURIs, []string{"https://domain/auth/mpass"}) || !slices.Equal(r.ResponseTypes, []string{"code"}) ||
		!slices.Equal(r.GrantTypes, []string{"authorization_code"}) || !slices.Equal(r.Scopes, []string{"openid", "profile"}) {
		t.Errorf("%+v", r)
	}
	if r.TokenEndpointAuthMethod != DefaultAuthMethod || !r.AuthMethodDefaulted || len(r.SHA256) != 64 {
		t.Errorf("method %q defaulted %v sha %q", r.TokenEndpointAuthMethod, r.AuthMethodDefaulted, r.SHA256)
	}
	// The services export holds four clients: not one registration.
	r = probeFile(t, filepath.Join(dir, "mpassid-hallintapalvelu_oidc_services.json"))
	if r.Status != "error" || !strings.Contains(r.Error, "this document has 4 (of 4 integrations)") {
		t.Errorf("%s %s", r.Status, r.Error)
	}
	// One record cut from it is a management-service registration.
	var doc struct{ Services []json.RawMessage }
	b, _ := os.ReadFile(filepath.Join(dir, "mpassid-hallintapalvelu_oidc_services.json"))
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(t.TempDir(), "5000003.json")
	os.WriteFile(one, doc.Services[2], 0o644)
	r = probeFile(t, one)
	if r.Status != "ok" || r.Source != "management-service" || r.Integration != "5000003" || r.TokenEndpointAuthMethod != "client_secret_post" || r.AuthMethodDefaulted || r.ClientSecretSet {
		t.Errorf("%+v", r)
	}
	if !slices.Equal(r.RedirectURIs, []string{"https://lae/sso/authenticate", "https://eal/sso/authenticate"}) {
		t.Errorf("redirects %v", r.RedirectURIs)
	}
	if hosts := r.Hosts(); len(hosts) != 2 {
		t.Errorf("hosts %v", hosts)
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct{ doc, want string }{
		"syntax":  {`{"client_id": `, "not valid JSON"},
		"saml":    {`{"entityId": "https://sp/"}`, "has 0 (of 1 integrations)"},
		"typed":   {`{"client_id": "c", "redirect_uris": [1]}`, "$.redirect_uris[0]: expected a string"},
		"nothing": {`{}`, "not a management-service export"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name+".json")
		os.WriteFile(p, []byte(c.doc), 0o644)
		if r := probeFile(t, p); r.Status != "error" || !strings.Contains(r.Error, c.want) {
			t.Errorf("%s: %s %q, want %q", name, r.Status, r.Error, c.want)
		}
	}
	if r := probeFile(t, filepath.Join(dir, "missing.json")); r.Status != "error" || !strings.Contains(r.Error, "cannot read the client registration") {
		t.Errorf("missing: %q", r.Error)
	}
	p := filepath.Join(dir, "notes.json")
	os.WriteFile(p, []byte(`{"client_id": "c", "client_secret": "SECRET", "x_custom": 1}`), 0o644)
	r := probeFile(t, p)
	b, _ := json.Marshal(r)
	if r.Status != "ok" || !slices.Equal(r.Notes, []string{"$.x_custom: unknown field, ignored"}) || strings.Contains(string(b), "SECRET") {
		t.Errorf("%s", b)
	}
}

func server(t *testing.T, h http.Handler) (*httptest.Server, safenet.Options) {
	t.Helper()
	ca := probetest.NewCA(t)
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, []string{"127.0.0.1"}, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	want := netip.MustParseAddrPort(u.Host)
	return srv, safenet.Options{Roots: ca.Pool, Permit: func(ap netip.AddrPort) bool { return ap == want }}
}

func TestURLAndDiscovery(t *testing.T) {
	var base string
	mux := http.NewServeMux()
	mux.HandleFunc("/client.json", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"client_id": "c1", "redirect_uris": ["https://app.example.fi/cb"], "response_types": ["code"], "token_endpoint_auth_method": "private_key_jwt", "scope": "openid profile"}`))
	})
	mux.HandleFunc("/op/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"issuer": "` + base + `/op", "authorization_endpoint": "` + base + `/op/authorize", "token_endpoint": "` + base + `/op/token",
			"jwks_uri": "` + base + `/op/jwks", "response_types_supported": ["code"], "code_challenge_methods_supported": ["S256"],
			"token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"], "scopes_supported": ["openid", "profile"]}`))
	})
	mux.HandleFunc("/bad/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(`{"issuer": "x"}`)) })
	srv, net := server(t, mux)
	base = srv.URL
	ctx := context.Background()
	r := ProbeWithIssuer(ctx, srv.URL+"/client.json", srv.URL+"/op/", net, 2*time.Second, now)
	if r.Status != "ok" || r.ClientID != "c1" || r.TokenEndpointAuthMethod != "private_key_jwt" || r.Provider == nil {
		t.Fatalf("%+v", r)
	}
	p := r.Provider
	if p.Status != "ok" || !p.IssuerMatches || p.Target != srv.URL+"/op/.well-known/openid-configuration" || !slices.Equal(p.CodeChallengeMethodsSupported, []string{"S256"}) || p.JWKSURI != srv.URL+"/op/jwks" {
		t.Errorf("provider %+v", p)
	}
	if len(r.Hosts()) != 6 {
		t.Errorf("hosts %v", r.Hosts())
	}
	if p := Discover(ctx, srv.URL+"/bad", net, 2*time.Second, now); p.Status != "error" || !strings.Contains(p.Error, "issuer and authorization_endpoint are required") {
		t.Errorf("bad discovery: %s %s", p.Status, p.Error)
	}
	if p := Discover(ctx, srv.URL+"/none", net, 2*time.Second, now); p.Status != "error" || !strings.Contains(p.Error, "404") {
		t.Errorf("missing discovery: %s %s", p.Status, p.Error)
	}
	// Without --allow-private (no Permit), the loopback server is refused.
	if r := Probe(ctx, srv.URL+"/client.json", safenet.Options{}, time.Second, now); r.Status != "error" || !strings.Contains(r.Error, "refused") {
		t.Errorf("private address: %s %q", r.Status, r.Error)
	}
	if r := Probe(ctx, "http://example.fi/client.json", safenet.Options{}, time.Second, now); r.Status != "error" || !strings.Contains(r.Error, "only https URLs are probed") {
		t.Errorf("http: %q", r.Error)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"client_id": "c", "redirect_uris": ["https://x/"], "scope": "openid"}`))
	f.Add([]byte(`{"configurationEntity": {"sp": {"type": "oidc", "metadata": {"client_id": "c"}}}}`))
	f.Add([]byte(`{"services": []}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := &Result{}
		if err := r.parse("fuzz.json", b); err != nil {
			return
		}
		if r.TokenEndpointAuthMethod == "" || len(r.ResponseTypes) == 0 || r.RedirectURIs == nil || r.Notes == nil {
			t.Fatalf("incomplete result %+v", r)
		}
	})
}
