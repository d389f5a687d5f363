package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/probe/probetest"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/policies"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// testCatalog is the real entry point and helpers (policies/main.rego and
// policies/lib) with the requirements of testdata/catalog, so the tests do
// not depend on the catalogue being written in parallel.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"main.rego", "lib/lib.rego", "lib/fi.rego", "lib/effective.rego"} {
		b, err := fs.ReadFile(policies.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	b, err := os.ReadFile("testdata/catalog/probes.rego")
	if err != nil {
		t.Fatal(err)
	}
	m["sp/probes.rego"] = &fstest.MapFile{Data: b}
	cat, err := catalog.Load(m)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

const metadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.fi">
 <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="%s">
  <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s/acs" index="0" isDefault="true"/>
 </md:SPSSODescriptor>
</md:EntityDescriptor>`

func tlsServer(t testing.TB, ca *probetest.CA, h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the version probes' refused handshakes
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Leaf(t, []string{"127.0.0.1"}, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// An audit's probes: every answer with a probe field, keyed by its path,
// and the TLS of every https host they and the metadata's ACS name.
func TestProberFromAnswers(t *testing.T) {
	cat := testCatalog(t)
	ca := probetest.NewCA(t)
	srv := tlsServer(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	acsSrv := tlsServer(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sp.xml"), []byte(fmt.Sprintf(metadata, "true", acsSrv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	src := fmt.Sprintf("[member]\nname = \"Oppimispalvelu Oy\"\nkind = \"service-provider\"\n[saml]\nmetadata = \"sp.xml\"\n[organisation]\nprivacy_url = %q\n", srv.URL+"/privacy")
	a, err := answers.Parse(filepath.Join(dir, "answers.toml"), dir, []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	// The chain is judged at the audit time; the test certificates are valid now.
	p := &Prober{Catalog: cat, Net: safenet.Options{AllowPrivate: true, Roots: ca.Pool}, Now: time.Now(), ProbeTimeout: 5 * time.Second, TotalTimeout: 10 * time.Second}
	probes := p.Probe(context.Background(), a, "test")
	md, _ := probes["saml.metadata"].(map[string]any)
	if md["status"] != "ok" || md["entity_id"] != "https://sp.example.fi" || md["target"] != filepath.Join(dir, "sp.xml") {
		t.Errorf("saml.metadata: %v", md)
	}
	web, _ := probes["organisation.privacy_url"].(map[string]any)
	if web["status"] != "ok" || fmt.Sprint(web["status_code"]) != "200" {
		t.Errorf("organisation.privacy_url: %v", web)
	}
	tlsRes, _ := probes["tls"].(map[string]any)
	for _, s := range []*httptest.Server{srv, acsSrv} {
		hp := strings.TrimPrefix(s.URL, "https://")
		r, _ := tlsRes[hp].(map[string]any)
		if r["status"] != "ok" || r["chain_valid"] != true {
			t.Errorf("tls[%s]: %v", hp, r)
		}
	}
	if len(tlsRes) != 2 {
		t.Errorf("%d TLS results, want 2 (the privacy URL's host and the ACS host)", len(tlsRes))
	}

	// The whole audit: the catalogue judges the probes.
	eng, err := engine.New(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	runner := &audit.Runner{Engine: eng, Lang: "en", Prober: p}
	rep, err := runner.Run(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		want := map[string]string{"TEST-SAML-01": "pass", "TEST-HTTP-01": "pass", "TEST-TLS-01": "pass"}[r.ID]
		if want != "" && r.Status != want {
			t.Errorf("%s: %s (%s), want %s", r.ID, r.Status, r.Message, want)
		}
	}
}

// A `probe: tls` list answer (OIDC redirect URIs) probes the TLS of each
// URL's host: one result per URL at its path, and the host under tls.
func TestProberTLSOfURLList(t *testing.T) {
	cat := testCatalog(t)
	ca := probetest.NewCA(t)
	srv := tlsServer(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	src := fmt.Sprintf("[member]\nname = \"Oppimispalvelu Oy\"\nkind = \"service-provider\"\n[oidc]\nredirect_uris = [%q, %q]\n", srv.URL+"/cb", srv.URL+"/cb2")
	a, err := answers.Parse("answers.toml", "", []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	p := &Prober{Catalog: cat, Net: safenet.Options{AllowPrivate: true, Roots: ca.Pool}, Now: time.Now(), ProbeTimeout: 5 * time.Second, TotalTimeout: 10 * time.Second}
	probes := p.Probe(context.Background(), a, "production")
	list, _ := probes["oidc.redirect_uris"].([]any)
	if len(list) != 2 {
		t.Fatalf("oidc.redirect_uris: %v", probes["oidc.redirect_uris"])
	}
	for _, e := range list {
		if r, _ := e.(map[string]any); r["status"] != "ok" || r["chain_valid"] != true {
			t.Errorf("redirect URI TLS: %v", r)
		}
	}
	hp := strings.TrimPrefix(srv.URL, "https://")
	if r, _ := probes["tls"].(map[string]any)[hp].(map[string]any); r["status"] != "ok" {
		t.Errorf("tls[%s]: %v", hp, r)
	}
}

// A refused or failed probe is an error with its reason, never a pass.
func TestProberRefusesPrivateByDefault(t *testing.T) {
	cat := testCatalog(t)
	ca := probetest.NewCA(t)
	srv := tlsServer(t, ca, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	src := fmt.Sprintf("[member]\nname = \"x\"\nkind = \"service-provider\"\n[organisation]\nprivacy_url = %q\n", srv.URL)
	a, err := answers.Parse("answers.toml", "", []byte(src), cat)
	if err != nil {
		t.Fatal(err)
	}
	p := &Prober{Catalog: cat, Net: safenet.Options{Roots: ca.Pool}, Now: now}
	probes := p.Probe(context.Background(), a, "production")
	web, _ := probes["organisation.privacy_url"].(map[string]any)
	if web["status"] != "error" || !strings.Contains(fmt.Sprint(web["error"]), "--allow-private") {
		t.Errorf("privacy_url: %v", web)
	}
	tlsRes, _ := probes["tls"].(map[string]any)
	r, _ := tlsRes[strings.TrimPrefix(srv.URL, "https://")].(map[string]any)
	if r["status"] != "error" {
		t.Errorf("tls: %v", r)
	}
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

func TestCheck(t *testing.T) {
	cat := testCatalog(t)
	eng, err := engine.New(context.Background(), cat)
	if err != nil {
		t.Fatal(err)
	}
	runner := &audit.Runner{Engine: eng, Lang: "fi"}
	md := ToMap(parseMetadata(t, fmt.Sprintf(metadata, "false", "https://sp.example.fi")))
	c := &Check{Runner: runner, Kind: catalog.ServiceProvider, ProbeKind: "saml-metadata", Target: "sp.xml", Result: md}
	rep, err := c.Evaluate(context.Background(), "production", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].ID != "TEST-SAML-01" || rep.Results[0].Status != "fail" || !rep.Failed() {
		t.Fatalf("results %+v", rep.Results)
	}
	var sb strings.Builder
	WriteText(&sb, "fi", c, rep)
	for _, want := range []string{"Testi: saml-metadata", "TEST-SAML-01", "EI TÄYTY", "pakollinen", "→ Aseta AuthnRequestsSigned", "palveluntarjoaja", "https://sp.example.fi"} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("Finnish table lacks %q:\n%s", want, sb.String())
		}
	}

	// TLS: the requirement that reads input.probes.tls, by its evidence.
	c = &Check{Runner: runner, Kind: catalog.ServiceProvider, ProbeKind: "tls", Target: "sp.example.fi:443",
		Result: map[string]any{"kind": "tls", "target": "sp.example.fi:443", "status": "ok", "chain_valid": true}}
	rep, err = c.Evaluate(context.Background(), "production", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].ID != "TEST-TLS-01" || rep.Results[0].Status != "pass" {
		t.Errorf("tls results %+v", rep.Results)
	}
}
