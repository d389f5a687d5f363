package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

// lockedBuffer is written by the server goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeRefusesOtherInterfaces: the form listens on loopback only
// unless --insecure-listen says otherwise.
func TestServeRefusesOtherInterfaces(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answers.toml")
	for _, args := range [][]string{
		{"serve", "--no-open", "--addr", "0.0.0.0:0", file},
		{"serve", "--no-open", "--addr", "nonsense", file},
		{"serve", "--no-open", "--kind", "school", file},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if _, _, stderr := runCLI(t, "serve", "--no-open", "--addr", "0.0.0.0:0", file); !strings.Contains(stderr, "--insecure-listen") {
		t.Errorf("the refusal does not name --insecure-listen: %s", stderr)
	}
}

// TestServeSavesOnStopAndAuditAgrees runs `mpassaudit serve`, answers
// through the form, stops it as Ctrl-C does (the context ends), and audits
// the saved file with `mpassaudit audit`: the same results as the page.
func TestServeSavesOnStopAndAuditAgrees(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answers.toml")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"mpassaudit", "--lang", "fi", "serve", "--no-open", "--kind", "education-provider", "--now", "2026-11-27", file}, &stdout, &stderr)
	}()
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		base = regexp.MustCompile(`http://127\.0\.0\.1:\d+/\?token=\S+`).FindString(stdout.String())
	}
	if base == "" {
		t.Fatalf("no address printed: %s %s", stdout.String(), stderr.String())
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 20 * time.Second}
	page := fetch(t, hc, base)
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF field on the page")
	}
	root := strings.SplitN(base, "/?", 2)[0]
	form := url.Values{
		"csrf":                           {m[1]},
		"member.name":                    {"Esimerkkilän kaupunki"},
		"member.business_id":             {"0201256-6"},
		"member.environment":             {"production"},
		"lifecycle.leaver_days":          {"30"},
		"authentication.admin_mfa":       {"true"},
		"authentication.staff_mfa":       {"false"},
		"security.restore_tested":        {"2026-03-01"},
		"incident.tlp_respected":         {"true"},
		"contacts.security_email":        {"tietoturva@esimerkkila.fi"},
		"registry.type":                  {"opinsys"},
		"registry.opinsys_tenant_id":     {"esimerkkila.opinsys.fi"},
		"registry.unique_persistent_id":  {"true"},
		"organisation.signatory_name":    {"Maija Meikäläinen"},
		"organisation.data_minimisation": {"true"},
	}
	resp, err := hc.PostForm(root+"/", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var page1 audit.Report
	if err := json.Unmarshal([]byte(fetch(t, hc, root+"/results.json")), &page1); err != nil {
		t.Fatal(err)
	}
	cancel() // as Ctrl-C: the answers are saved before the server stops
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stdout.String(), "Tallennettu tiedostoon") {
		t.Fatalf("serve did not say it saved: %s", stdout.String())
	}
	code, out, errOut := runCLI(t, "--lang", "fi", "audit", "--format", "json", "--no-probe", "--now", "2026-11-27", file)
	if code != exitFailed {
		t.Fatalf("audit exit %d, want 1 (leavers keep access 30 days): %s", code, errOut)
	}
	var cli audit.Report
	if err := json.Unmarshal([]byte(out), &cli); err != nil {
		t.Fatal(err)
	}
	if len(cli.Results) != len(page1.Results) || cli.Verdict != page1.Verdict {
		t.Fatalf("audit: %d results, %s; page: %d, %s", len(cli.Results), cli.Verdict, len(page1.Results), page1.Verdict)
	}
	for i, r := range cli.Results {
		p := page1.Results[i]
		if r.ID != p.ID || r.Status != p.Status || r.Message != p.Message {
			t.Errorf("%s: audit %s %q, page %s %q", r.ID, r.Status, r.Message, p.Status, p.Message)
		}
	}
}

func fetch(t *testing.T, hc *http.Client, u string) string {
	t.Helper()
	resp, err := hc.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", u, resp.StatusCode, b)
	}
	return string(b)
}
