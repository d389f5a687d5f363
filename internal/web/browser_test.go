package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// chromium is the browser the tests drive: $MPASSAUDIT_CHROMIUM, else
// Debian's /usr/bin/chromium (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("MPASSAUDIT_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	t.Skip("no Chromium at /usr/bin/chromium (apt-get install chromium, or set MPASSAUDIT_CHROMIUM): the browser tests are skipped")
	return ""
}

// browser starts headless Chromium with a fresh profile and nothing that
// calls out (no background networking, updates, sync or QUIC).
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are not run with -short")
	}
	opts := append(append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...),
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	// The first run starts the browser (never under a timeout, which
	// would stop it); the steps after it run under one.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelT)
	return ctx
}

// serve runs the form on a real loopback listener.
func serve(t *testing.T, opt Options) (*client, string) {
	t.Helper()
	c := newClient(t, opt)
	hs := httptest.NewServer(c.srv)
	t.Cleanup(hs.Close)
	return c, hs.URL
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// click presses a button as the keyboard does (Enter on the focused
// button), so the sticky status bar cannot be in the way of a mouse.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if res := js[string](t, ctx, fmt.Sprintf(`(function(){var b=document.querySelector(%q); if(!b){return "no button";} b.focus(); b.click(); return "ok";})()`, sel)); res != "ok" {
		t.Fatalf("%s: %s", sel, res)
	}
}

// fillJS answers one question as a person would: a click on the radio or
// checkbox, or a value typed into the input, with the events the page
// listens to.
const fillJS = `(function (path, val) {
  var els = document.getElementsByName(path);
  if (!els.length) { return "no input named " + path; }
  var el = els[0];
  if (el.type === "radio") {
    for (var i = 0; i < els.length; i++) { if (els[i].value === val) { els[i].click(); return "ok"; } }
    return "no choice " + val;
  }
  if (el.type === "hidden") {
    var vals = val.split("\n");
    for (var j = 0; j < els.length; j++) {
      var c = els[j];
      if (c.type === "checkbox" && c.checked !== (vals.indexOf(c.value) >= 0)) { c.click(); }
    }
    return "ok";
  }
  el.focus();
  el.value = val;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
  return "ok";
})(%q, %q)`

func fill(t *testing.T, ctx context.Context, path, val string) {
	t.Helper()
	if res := js[string](t, ctx, fmt.Sprintf(fillJS, path, val)); res != "ok" {
		t.Fatalf("answering %s: %s", path, res)
	}
}

// exampleRaw reads an embedded example's answers as the form shows them.
func exampleRaw(t *testing.T, a *Auditor, file string) (string, map[string]string) {
	t.Helper()
	ans, err := answers.Load(file, a.catalog())
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string]string{}
	for _, f := range a.catalog().Fields(ans.Member.Kind) {
		if v := ans.Get(f.Path); v != nil {
			raw[f.Path] = rawOf(f, v)
		}
	}
	return ans.Member.Kind, raw
}

// fillAll answers every question of raw in catalogue order, the choices
// that other questions depend on first; file questions are skipped (they
// are uploaded).
func fillAll(t *testing.T, ctx context.Context, a *Auditor, kind string, raw map[string]string) {
	t.Helper()
	fields := a.catalog().Fields(kind)
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Type == "enum" && fields[j].Type != "enum" })
	for _, f := range fields {
		v, ok := raw[f.Path]
		if !ok || f.Path == "member.kind" || f.Type == "file" {
			continue
		}
		fill(t, ctx, f.Path, v)
	}
}

// pageStatuses reads the results as the page shows them: ID → status.
const statusesJS = `(function () {
  var out = {};
  document.querySelectorAll("li.result").forEach(function (li) {
    var m = li.className.match(/s-([a-z_]+)/);
    out[li.querySelector("strong").textContent] = m ? m[1] : "";
  });
  return out;
})()`

// waitFor polls a JavaScript condition until it holds.
func waitFor(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		// A page being replaced (a submit) has no document for a moment.
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(function(){try{return !!("+cond+");}catch(e){return false;}})()"))
		if err != nil && ctx.Err() != nil {
			t.Fatal(err)
		}
		if ok {
			t.Logf("%s: after %v", what, time.Until(deadline.Add(-30*time.Second)).Abs().Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 30s for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitSame waits until the page shows the statuses of want (the results
// follow the answers after a short pause) and fails with the difference.
func waitSame(t *testing.T, ctx context.Context, want *audit.Report) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var diff []string
	for time.Now().Before(deadline) {
		got := js[map[string]string](t, ctx, statusesJS)
		diff = diff[:0]
		for _, r := range want.Results {
			if got[r.ID] != r.Status {
				diff = append(diff, fmt.Sprintf("%s: page %q, audit %q", r.ID, got[r.ID], r.Status))
			}
		}
		if len(got) != len(want.Results) {
			diff = append(diff, fmt.Sprintf("page shows %d results, audit has %d", len(got), len(want.Results)))
		}
		if len(diff) == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the page's results differ from the audit of the saved file:\n%s", strings.Join(diff, "\n"))
}

// scrollTo shows an area at the top of the window (below the status
// bar), or the page's top for "".
func scrollTo(id string) chromedp.Action[chromedp.Void] {
	expr := "window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); true"
	if id != "" {
		expr = fmt.Sprintf("document.activeElement && document.activeElement.blur(); document.getElementById(%q).scrollIntoView(); true", id)
	}
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](expr)(ctx, t)
		return chromedp.Void{}, err
	}
}

func screenshot(t *testing.T, ctx context.Context, name string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	run(t, ctx, append(steps, chromedp.Sleep(300*time.Millisecond))...)
	buf := get(t, ctx, chromedp.CaptureScreenshot())
	dir := os.Getenv("MPASSAUDIT_SCREENSHOTS")
	if dir == "" {
		dir = os.TempDir()
	}
	p := filepath.Join(dir, "mpassaudit-serve-"+name+".png")
	if err := os.WriteFile(p, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", p)
}

// TestBrowserEducationProvider fills a whole education-provider audit in
// Chromium: the registry type's questions appear with the type, a faulty
// sample upload shows its failing rows at once, the language switches
// with the answers kept, the addresses are checked on request, and the
// saved file audited as `audit` does gives the page's results.
func TestBrowserEducationProvider(t *testing.T) {
	ctx := browser(t, 1280, 1000)
	a := testAuditor(t)
	src := extractExample(t, "education-provider-failing")
	kind, raw := exampleRaw(t, a, src)
	file := newFile(t)
	c, base := serve(t, Options{Auditor: a, File: file, Kind: kind, Lang: "fi"})

	run(t, ctx, chromedp.Navigate(base+"/?token="+c.srv.Token()), chromedp.WaitVisible(chromedp.ID("q-member-name")))
	if lang := js[string](t, ctx, `document.documentElement.lang`); lang != "fi" {
		t.Errorf("html lang=%q", lang)
	}
	hiddenJS := `document.getElementById("wrap-q-registry-wilma_url").hidden`
	if !js[bool](t, ctx, hiddenJS) {
		t.Error("the Wilma address is asked before the registry type is chosen")
	}
	// Typed with the keyboard, as a person would.
	start := time.Now()
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q-member-name"), raw["member.name"]))
	delete(raw, "member.name")
	fillAll(t, ctx, a, kind, raw)
	if js[bool](t, ctx, hiddenJS) {
		t.Error("the Wilma address is hidden with registry type wilma")
	}
	if !js[bool](t, ctx, `document.getElementById("wrap-q-registry-entra_tenant_id").hidden`) {
		t.Error("the Entra questions are shown with registry type wilma")
	}

	// The faulty sample, uploaded: its failing rows appear at once.
	sample := filepath.Join(filepath.Dir(src), "education-provider-failing-sample.csv")
	run(t, ctx, chromedp.SetUploadFiles(chromedp.ID("q-registry-sample_export-file"), []string{sample}))
	t.Logf("answered: %v", time.Since(start).Round(time.Millisecond))
	waitFor(t, ctx, "the failing sample rows", `(function(){var t=document.getElementById("results-registry").textContent;return /rivi \d+, /.test(t) && document.querySelectorAll("#results-registry li.s-fail").length>1;})()`)
	if pathValue := get(t, ctx, chromedp.Value(chromedp.ID("q-registry-sample_export"))); pathValue != "answers-sample_export.csv" {
		t.Errorf("the sample question is answered with %q", pathValue)
	}
	screenshot(t, ctx, "fi-top", scrollTo(""))
	screenshot(t, ctx, "fi-registry", scrollTo("area-registry"))

	// Swedish: the answers stay, the words change.
	click(t, ctx, `button[value="lang-sv"]`)
	waitFor(t, ctx, "the Swedish page", `document.documentElement.lang === "sv" && document.readyState === "complete" && !!document.getElementById("q-member-name")`)
	if name := get(t, ctx, chromedp.Value(chromedp.ID("q-member-name"))); name != "Koskenrannan kunta, opetustoimi" {
		t.Errorf("after the switch the name is %q", name)
	}
	waitFor(t, ctx, "Swedish results", `/rad \d+, /.test(document.getElementById("results-registry").textContent) && /Spara svaren/.test(document.body.textContent)`)
	screenshot(t, ctx, "sv-top", scrollTo(""))
	screenshot(t, ctx, "sv-registry", scrollTo("area-registry"))

	// The addresses, on request, with progress; then save.
	waitFor(t, ctx, "the addresses to check", `!!document.getElementById("probe-button")`)
	click(t, ctx, "#probe-button")
	waitFor(t, ctx, "the address check", `/testades kl/.test(document.getElementById("probe-panel").textContent)`)
	click(t, ctx, `button[value="save"]`)
	waitFor(t, ctx, "the save", `/Sparat i filen/.test(document.getElementById("status").textContent)`)
	waitSame(t, ctx, cliAudit(t, a, file, "sv"))
	saved, _ := os.ReadFile(file)
	if !strings.Contains(string(saved), `sample_export = "answers-sample_export.csv"`) || !strings.Contains(string(saved), "# MPASSid-självgranskning") {
		t.Errorf("the saved file:\n%s", saved)
	}
}

// TestBrowserServiceProvider fills a whole service-provider (OIDC) audit:
// lists and multiple choices included; the saved file's audit equals the
// page; a narrow screen keeps the form usable.
func TestBrowserServiceProvider(t *testing.T) {
	ctx := browser(t, 390, 844)
	a := testAuditor(t)
	src := extractExample(t, "service-provider-failing")
	kind, raw := exampleRaw(t, a, src)
	file := newFile(t)
	c, base := serve(t, Options{Auditor: a, File: file, Kind: kind, Lang: "sv"})
	run(t, ctx, chromedp.Navigate(base+"/?token="+c.srv.Token()), chromedp.WaitVisible(chromedp.ID("q-member-name")))
	fillAll(t, ctx, a, kind, raw)
	waitFor(t, ctx, "the addresses to check", `!!document.getElementById("probe-button")`)
	click(t, ctx, "#probe-button")
	waitFor(t, ctx, "the address check", `/testades kl/.test(document.getElementById("probe-panel").textContent)`)
	click(t, ctx, `button[value="save"]`)
	waitFor(t, ctx, "the save", `/Sparat i filen/.test(document.getElementById("status").textContent)`)
	want := cliAudit(t, a, file, "sv")
	waitSame(t, ctx, want)
	saved, err := answers.Load(file, a.catalog())
	if err != nil {
		t.Fatal(err)
	}
	if got := saved.Get("oidc.response_types"); fmt.Sprint(got) != "[id_token token]" {
		t.Errorf("response types saved as %v", got)
	}
	if js[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth + 1`) {
		t.Error("the page is wider than a 390px screen")
	}
	screenshot(t, ctx, "sv-narrow", scrollTo("area-oidc"))
}

// TestBrowserTokenAndCSRF: without the URL's token the browser gets 403;
// a request without the CSRF token is refused and changes nothing.
func TestBrowserTokenAndCSRF(t *testing.T) {
	ctx := browser(t, 1024, 768)
	file := newFile(t)
	c, base := serve(t, Options{File: file, Kind: catalog.EducationProvider})
	run(t, ctx, chromedp.Navigate(base+"/"))
	if text := get(t, ctx, chromedp.Text(chromedp.CSS("body"))); !strings.Contains(text, "mpassaudit serve") {
		t.Errorf("without the token: %q", text)
	}
	run(t, ctx, chromedp.Navigate(base+"/?token="+c.srv.Token()), chromedp.WaitVisible(chromedp.ID("q-member-name")))
	if url := get(t, ctx, chromedp.Location()); strings.Contains(url, "token") {
		t.Errorf("the token stays in the address bar: %s", url)
	}
	status := js[int](t, ctx, `(async function(){var d=new FormData();d.set("member.name","Väärennetty");d.set("action","save");var r=await fetch("/",{method:"POST",body:d});return r.status;})()`)
	if status != http.StatusForbidden {
		t.Errorf("a post without the CSRF token: %d", status)
	}
	if exists(file) {
		t.Error("the answers file was written")
	}
	status = js[int](t, ctx, `(async function(){var d=new FormData(document.getElementById("form"));d.set("member.name","Oikea kunta");d.set("action","save");var r=await fetch("/",{method:"POST",body:d,headers:{"X-Requested-With":"fetch"}});return r.status;})()`)
	if status != http.StatusOK || !exists(file) {
		t.Errorf("the page's own save: %d, written %v", status, exists(file))
	}
	b, _ := os.ReadFile(file)
	var v map[string]any
	if _, err := toml.Decode(string(b), &v); err != nil || !strings.Contains(string(b), "Oikea kunta") {
		t.Errorf("saved %v:\n%s", err, b)
	}
}
