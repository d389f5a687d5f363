package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/audits"
	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/engine"
	"github.com/mpassaudit/mpassaudit/internal/probe"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// testNow is the audit time of every test, so results are reproducible.
var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// noDNS resolves nothing: a test never asks a name server outside.
var noDNS = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
	return nil, errors.New("no DNS in tests")
}}

// testAuditor is the runner and prober `audit` builds, on the embedded
// catalogue, with loopback allowed (httptest servers) and no DNS.
func testAuditor(t testing.TB) *Auditor {
	t.Helper()
	eng, err := engine.Cached(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Auditor{
		Runner: &audit.Runner{Engine: eng, Lang: "en", Now: testNow},
		Prober: &probe.Prober{Net: safenet.Options{AllowPrivate: true, Resolver: noDNS},
			ProbeTimeout: 5 * time.Second, TotalTimeout: 20 * time.Second, Now: testNow},
	}
}

// extractExample extracts the embedded examples into a fresh folder and returns
// the path of one answers file there.
func extractExample(t testing.TB, name string) string {
	t.Helper()
	p, err := audits.Extract(t.TempDir(), name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// client talks to a Server as the browser does: token cookie, CSRF field.
type client struct {
	t    testing.TB
	srv  *Server
	host string
}

func newClient(t testing.TB, opt Options) *client {
	t.Helper()
	if opt.Auditor == nil {
		opt.Auditor = testAuditor(t)
	}
	if opt.Lang == "" {
		opt.Lang = "fi"
	}
	if opt.Now == nil {
		opt.Now = func() time.Time { return testNow }
	}
	srv, err := New(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &client{t: t, srv: srv, host: "127.0.0.1:8123"}
}

func (c *client) do(r *http.Request, withToken bool) *httptest.ResponseRecorder {
	r.Host = c.host
	if withToken {
		r.AddCookie(&http.Cookie{Name: tokenCookie, Value: c.srv.Token()})
	}
	w := httptest.NewRecorder()
	c.srv.ServeHTTP(w, r)
	return w
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest(http.MethodGet, path, nil), true)
}

// upload is one file part of a form post.
type upload struct {
	field, name string
	data        []byte
}

// post sends the form as the script does (multipart, X-Requested-With),
// with the CSRF token unless vals sets "csrf" itself.
func (c *client) post(vals url.Values, files ...upload) *httptest.ResponseRecorder {
	c.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	if _, ok := vals[csrfField]; !ok {
		_ = mw.WriteField(csrfField, c.srv.CSRF())
	}
	for k, vs := range vals {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile(f.field, f.name)
		_, _ = w.Write(f.data)
	}
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("X-Requested-With", "fetch")
	return c.do(r, true)
}

// results is the page's report (/results.json).
func (c *client) results() *audit.Report {
	c.t.Helper()
	w := c.get("/results.json")
	if w.Code != http.StatusOK {
		c.t.Fatalf("/results.json: %d %s", w.Code, w.Body)
	}
	var rep audit.Report
	if err := json.Unmarshal(w.Body.Bytes(), &rep); err != nil {
		c.t.Fatal(err)
	}
	return &rep
}

// waitProbes waits until the address probes the page started are done.
func (c *client) waitProbes() {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var s struct{ Running bool }
		_ = json.Unmarshal(c.get("/probe-status").Body.Bytes(), &s)
		if !s.Running {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.t.Fatal("the address probes did not finish in 30s")
}

// cliAudit audits an answers file as `mpassaudit audit` does: the same
// runner with the prober set (plugFeatures), in lang.
func cliAudit(t testing.TB, a *Auditor, file, lang string) *audit.Report {
	t.Helper()
	ans, err := answers.Load(file, a.catalog())
	if err != nil {
		t.Fatal(err)
	}
	r := *a.Runner
	r.Lang, r.Prober = lang, &audit.LiveProber{Catalog: a.catalog(), Probes: a.Prober}
	rep, err := r.Run(context.Background(), ans)
	if err != nil {
		t.Fatal(err)
	}
	// The JSON contract, as the page's /results.json is read back.
	b, _ := json.Marshal(rep)
	var out audit.Report
	_ = json.Unmarshal(b, &out)
	return &out
}

// sameResults compares two reports' results by ID, status and message.
func sameResults(t testing.TB, want, got *audit.Report) {
	t.Helper()
	if len(want.Results) != len(got.Results) {
		t.Fatalf("%d results, want %d", len(got.Results), len(want.Results))
	}
	for i, w := range want.Results {
		g := got.Results[i]
		if w.ID != g.ID || w.Status != g.Status || w.Message != g.Message {
			t.Errorf("%s: page %s %q, audit %s %q", w.ID, g.Status, g.Message, w.Status, w.Message)
		}
	}
	if want.Verdict != got.Verdict {
		t.Errorf("verdict: page %s, audit %s", got.Verdict, want.Verdict)
	}
}

// rewrite replaces text in a file of the test's folder.
func rewrite(t testing.TB, file string, pairs ...string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer(pairs...).Replace(string(b))
	if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func newFile(t testing.TB) string { return filepath.Join(t.TempDir(), "answers.toml") }
