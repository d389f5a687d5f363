package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"crypto/x509"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/questionnaire"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// TestAccessToken: nothing is served without the token of the URL, and
// only to the loopback names (a DNS name pointing at 127.0.0.1 is refused).
func TestAccessToken(t *testing.T) {
	c := newClient(t, Options{File: newFile(t), Kind: catalog.EducationProvider})
	cases := []struct {
		name   string
		path   string
		host   string
		cookie string
		want   int
	}{
		{"no token", "/", "127.0.0.1:8123", "", http.StatusForbidden},
		{"wrong token in URL", "/?token=x" + c.srv.Token(), "127.0.0.1:8123", "", http.StatusForbidden},
		{"wrong cookie", "/", "127.0.0.1:8123", "nope", http.StatusForbidden},
		{"token in URL", "/?token=" + c.srv.Token(), "127.0.0.1:8123", "", http.StatusSeeOther},
		{"cookie", "/", "127.0.0.1:8123", c.srv.Token(), http.StatusOK},
		{"localhost", "/", "localhost:8123", c.srv.Token(), http.StatusOK},
		{"ipv6 loopback", "/", "[::1]:8123", c.srv.Token(), http.StatusOK},
		{"rebinding name", "/", "evil.example:8123", c.srv.Token(), http.StatusForbidden},
		{"download without token", "/answers.toml", "127.0.0.1:8123", "", http.StatusForbidden},
		{"results without token", "/results.json", "127.0.0.1:8123", "", http.StatusForbidden},
		{"script without token", "/static/app.js", "127.0.0.1:8123", "", http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, tc.path, nil)
			r.Host = tc.host
			if tc.cookie != "" {
				r.AddCookie(&http.Cookie{Name: tokenCookie, Value: tc.cookie})
			}
			w := httptest.NewRecorder()
			c.srv.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Fatalf("%d, want %d: %s", w.Code, tc.want, w.Body)
			}
			if tc.want == http.StatusForbidden && !strings.Contains(w.Body.String(), "mpassaudit serve") && !strings.Contains(w.Body.String(), "osoite") {
				t.Errorf("the refusal does not say what to do: %s", w.Body)
			}
			if tc.want == http.StatusSeeOther {
				if loc := w.Header().Get("Location"); strings.Contains(loc, "token") {
					t.Errorf("redirect keeps the token in the address: %s", loc)
				}
				if ck := w.Result().Cookies(); len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode {
					t.Errorf("cookie %+v, want one HttpOnly SameSite=Strict", ck)
				}
			}
		})
	}
}

// TestCSRF: a post without the form's CSRF token, with a wrong one or from
// another origin changes nothing and writes nothing.
func TestCSRF(t *testing.T) {
	file := newFile(t)
	c := newClient(t, Options{File: file, Kind: catalog.EducationProvider})
	vals := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "member.name": {"Väärennetty kunta"}, "action": {"save"}}
	}
	for _, tc := range []struct {
		name   string
		vals   url.Values
		origin string
	}{
		{"missing", url.Values{"member.name": {"Väärennetty kunta"}, "action": {"save"}, "csrf": {""}}, ""},
		{"wrong", vals("x" + c.srv.CSRF()), ""},
		{"other origin", vals(c.srv.CSRF()), "http://evil.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w *httptest.ResponseRecorder
			if tc.origin != "" {
				r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.vals.Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r.Header.Set("Origin", tc.origin)
				w = c.do(r, true)
			} else {
				w = c.post(tc.vals)
			}
			if w.Code != http.StatusForbidden {
				t.Fatalf("%d, want 403", w.Code)
			}
			if exists(file) {
				t.Fatal("the answers file was written")
			}
			if strings.Contains(c.get("/").Body.String(), "Väärennetty") {
				t.Fatal("the forged answer reached the form")
			}
		})
	}
	// The right token from the page itself is accepted.
	if w := c.post(vals(c.srv.CSRF())); w.Code != http.StatusOK || !exists(file) {
		t.Fatalf("a genuine save: %d, file written %v", w.Code, exists(file))
	}
	// Without the script, a post is answered with a redirect (no re-post on reload).
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(url.Values{"csrf": {c.srv.CSRF()}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := c.do(r, true); w.Code != http.StatusSeeOther {
		t.Errorf("plain post: %d, want 303", w.Code)
	}
}

// TestFormFromCatalogue: every question of each kind is on the page with
// its label, the input its type needs, and the requirement IDs it serves;
// registry-type questions only with their type.
func TestFormFromCatalogue(t *testing.T) {
	a := testAuditor(t)
	for _, kind := range catalog.Kinds {
		t.Run(kind, func(t *testing.T) {
			c := newClient(t, Options{Auditor: a, File: newFile(t), Kind: kind, Lang: "sv"})
			body := c.get("/").Body.String()
			if !strings.Contains(body, `<html lang="sv">`) {
				t.Error("no lang attribute")
			}
			for _, f := range a.catalog().Fields(kind) {
				id := fieldID(f.Path)
				want := map[string]string{
					"bool":     `<input type="radio" name="` + f.Path + `" id="` + id + `" value="true"`,
					"number":   `<input type="number" id="` + id + `"`,
					"select":   `<select id="` + id + `" name="` + f.Path + `"`,
					"date":     `<input type="date" id="` + id + `"`,
					"url":      `<input type="url" id="` + id + `"`,
					"email":    `<input type="email" id="` + id + `"`,
					"textarea": `<textarea id="` + id + `"`,
					"list":     `<textarea id="` + id + `"`,
					"checks":   `<input type="checkbox" name="` + f.Path + `" id="` + id + `-0"`,
					"text":     `<input type="text" id="` + id + `"`,
					"file":     `<input type="text" id="` + id + `"`,
					"location": `<input type="text" id="` + id + `"`,
				}[inputKind(f)]
				if !strings.Contains(body, want) {
					t.Errorf("%s: no %q", f.Path, want)
				}
				label := template_escape(f.Question.In("sv"))
				if !strings.Contains(body, label) {
					t.Errorf("%s: no label %q", f.Path, label)
				}
				if inputKind(f) != "bool" && inputKind(f) != "checks" && !strings.Contains(body, `<label for="`+id+`">`) {
					t.Errorf("%s: no label bound to the input", f.Path)
				}
				if f.Min != nil && !regexp.MustCompile(`<input type="number" id="`+id+`"[^>]* min="`+fmt.Sprint(*f.Min)+`"`).MatchString(body) {
					t.Errorf("%s: no min attribute", f.Path)
				}
				for _, v := range f.Values {
					opt := `<option value="` + v + `"`
					if inputKind(f) == "checks" {
						opt = `value="` + v + `"`
					}
					if !strings.Contains(body, opt) {
						t.Errorf("%s: no option %s", f.Path, v)
					}
				}
				if uploadTypes(f) != nil && !strings.Contains(body, `name="upload.`+f.Path+`"`) {
					t.Errorf("%s: no file upload", f.Path)
				}
				for _, id := range f.Requirements {
					if r := a.catalog().Requirement(id); r != nil && r.AppliesToKind(kind) && !strings.Contains(body, id) {
						t.Errorf("%s: requirement %s not named", f.Path, id)
					}
				}
			}
		})
	}
}

// template_escape is how html/template writes a text node.
func template_escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

// TestConditions: the registry-type questions are found from the catalogue
// and shown only for their type; the others are always shown.
func TestConditions(t *testing.T) {
	a := testAuditor(t)
	conds, err := conditions(context.Background(), a, catalog.EducationProvider)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"registry.wilma_url":                   {"wilma"},
		"registry.wilma_mpass_search":          {"wilma"},
		"registry.entra_tenant_id":             {"entra"},
		"registry.entra_attribute_class":       {"entra"}, // optional, by its qualifier
		"registry.entra_graph_permissions":     {"entra"},
		"registry.federation_metadata":         {"adfs", "google"},
		"registry.adfs_signed_requests":        {"adfs"},
		"registry.opinsys_activated":           {"opinsys"},
		"registry.other_description":           {"other"},
		"registry.entra_attribute_class_level": {"entra"},
	}
	for p, vs := range want {
		c, ok := conds[p]
		if !ok || c.Path != "registry.type" || !slices.Equal(c.Values, vs) {
			t.Errorf("%s: condition %+v, want registry.type in %v", p, c, vs)
		}
	}
	for _, p := range []string{"registry.sample_export", "registry.unique_persistent_id", "lifecycle.leaver_days", "member.name"} {
		if c, ok := conds[p]; ok {
			t.Errorf("%s is always asked, got condition %+v", p, c)
		}
	}

	c := newClient(t, Options{Auditor: a, File: newFile(t), Kind: catalog.EducationProvider})
	hidden := regexp.MustCompile(`id="wrap-q-registry-wilma_url"[^>]*hidden`)
	if !hidden.MatchString(c.get("/").Body.String()) {
		t.Error("the Wilma address is asked before the type is chosen")
	}
	body := c.post(url.Values{"registry.type": {"wilma"}}).Body.String()
	if hidden.MatchString(body) {
		t.Error("the Wilma address is hidden with type wilma")
	}
	if !regexp.MustCompile(`id="wrap-q-registry-entra_tenant_id"[^>]*hidden`).MatchString(body) {
		t.Error("the Entra tenant is asked with type wilma")
	}
}

// TestLanguageSwitchKeepsAnswers: the answers stay when the page's
// language changes, and the results follow it.
func TestLanguageSwitchKeepsAnswers(t *testing.T) {
	c := newClient(t, Options{File: newFile(t), Kind: catalog.EducationProvider})
	c.post(url.Values{"member.name": {"Esimerkkilän kaupunki"}, "lifecycle.leaver_days": {"30"}, "authentication.admin_mfa": {"false"}})
	for _, l := range []string{"sv", "en", "fi"} {
		body := c.post(url.Values{"action": {"lang-" + l}}).Body.String()
		for _, want := range []string{`<html lang="` + l + `">`, `value="Esimerkkilän kaupunki"`, `value="30"`, `value="false" checked`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q", l, want)
			}
		}
		rep := c.results()
		if rep.Lang != l {
			t.Errorf("results in %s, want %s", rep.Lang, l)
		}
	}
}

// TestWrongValuesRefused: each wrong answer is named on the page in the
// member's language, left out of the results, and nothing is saved.
func TestWrongValuesRefused(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "elsewhere.csv")
	if err := os.WriteFile(outside, []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, value, want string
	}{
		{"lifecycle.leaver_days", "viisi", "Anna kokonaisluku"},
		{"lifecycle.leaver_days", "-3", "Pienin sallittu arvo on 0."},
		{"lifecycle.leaver_days", "1.5", "Anna kokonaisluku"},
		{"security.restore_tested", "1.9.2026", "Anna päivämäärä muodossa VVVV-KK-PP"},
		{"organisation.privacy_notice_url", "www.example.fi", "Anna koko verkko-osoite"},
		{"contacts.security_email", "tietoturva at example.fi", "Anna sähköpostiosoite"},
		{"registry.type", "primus", "Valitse yksi luettelon vaihtoehdoista."},
		{"authentication.admin_mfa", "kyllä", "Valitse kyllä tai ei."},
		{"registry.sample_export", "../elsewhere.csv", "on vastaustiedoston kansion ulkopuolella"},
		{"registry.sample_export", outside, "on vastaustiedoston kansion ulkopuolella"},
		{"registry.sample_export", "link.csv", "on vastaustiedoston kansion ulkopuolella"},
		{"registry.sample_export", "missing.csv", "ei löytynyt vastaustiedoston kansiosta"},
	}
	for _, tc := range cases {
		t.Run(tc.path+"="+tc.value, func(t *testing.T) {
			file := filepath.Join(dir, "answers.toml")
			c := newClient(t, Options{File: file, Kind: catalog.EducationProvider})
			body := c.post(url.Values{"member.name": {"Kunta"}, tc.path: {tc.value}, "action": {"save"}}).Body.String()
			if !strings.Contains(body, tc.want) {
				t.Errorf("no %q on the page", tc.want)
			}
			if !strings.Contains(body, "Mitään ei tallennettu") {
				t.Error("the page does not say that nothing was saved")
			}
			if !strings.Contains(body, `href="#`+fieldID(tc.path)+`"`) {
				t.Error("the error summary does not link to the question")
			}
			if exists(file) {
				t.Fatal("the answers file was written")
			}
			if w := c.get("/answers.toml"); w.Code != http.StatusConflict {
				t.Errorf("download with a wrong answer: %d, want 409", w.Code)
			}
			for _, r := range c.results().Results {
				for _, e := range r.Evidence {
					if e["path"] == tc.path {
						t.Errorf("%s: the wrong answer was judged: %v", r.ID, e)
					}
				}
			}
		})
	}
}

// TestUploads: a faulty sample export is judged at once and its failing
// rows shown; an upload over the cap or of the wrong type is refused and
// nothing is written.
func TestUploads(t *testing.T) {
	file := extractExample(t, "education-provider-failing")
	dir := filepath.Dir(file)
	faulty, err := os.ReadFile(filepath.Join(dir, "education-provider-failing-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, Options{File: file})
	stored := filepath.Join(dir, "education-provider-failing-sample_export.csv")

	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"too big", "sample.csv", bytes.Repeat([]byte("a,b\n"), MaxUpload/4+1), "suurempi kuin 5 Mt"},
		{"wrong type", "sample.exe", faulty, "ei ole hyväksyttyä tiedostotyyppiä"},
		{"binary as csv", "sample.csv", []byte("MZ\x00\x01\x02"), "ei ole hyväksyttyä tiedostotyyppiä"},
		{"not json", "sample.json", []byte("{nope"), "ei ole hyväksyttyä tiedostotyyppiä"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := c.post(url.Values{"action": {"upload"}}, upload{"upload.registry.sample_export", tc.file, tc.data}).Body.String()
			if !strings.Contains(body, tc.want) {
				t.Errorf("no %q on the page", tc.want)
			}
			if exists(stored) || exists(strings.TrimSuffix(stored, ".csv")+".json") {
				t.Fatal("the refused upload was written")
			}
		})
	}

	body := c.post(url.Values{"action": {"upload"}}, upload{"upload.registry.sample_export", "vienti.csv", faulty}).Body.String()
	if !exists(stored) {
		t.Fatal("the sample was not stored beside the answers file")
	}
	if !strings.Contains(body, `value="education-provider-failing-sample_export.csv"`) {
		t.Error("the question is not answered with the uploaded file")
	}
	failing := 0
	for _, r := range c.results().Results {
		if strings.HasPrefix(r.ID, "EP-REG-0") && r.Status == "fail" && strings.Contains(r.Message, "rivi") {
			failing++
		}
	}
	if failing == 0 {
		t.Errorf("no failing sample rows in the results:\n%s", body)
	}
	// Whole-request cap: the body is refused before anything is read.
	w := c.post(url.Values{}, upload{"upload.registry.sample_export", "a.csv", make([]byte, 3*MaxUpload+2<<20)})
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized request: %d, want 413", w.Code)
	}
}

// TestSaveMatchesAudit: the saved file, audited as `mpassaudit audit`
// does, gives the page's results; addresses probed on request (an
// httptest server here) and local files included.
func TestSaveMatchesAudit(t *testing.T) {
	site := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		_, _ = w.Write([]byte("tietosuojaseloste"))
	}))
	// The TLS probe's old-version handshakes are refused on purpose.
	site.Config.ErrorLog = log.New(io.Discard, "", 0)
	site.StartTLS()
	defer site.Close()
	file := extractExample(t, "education-provider-entra")
	rewrite(t, file, "https://www.jarvela.example.fi/tietosuoja/oppilas-ja-opiskelijarekisteri", site.URL+"/tietosuoja")
	a := testAuditor(t)
	c := newClient(t, Options{Auditor: a, File: file})
	before := c.results()
	if r := result(before, "EP-ORG-04"); r == nil || r.Status != "manual" {
		t.Fatalf("before the addresses are checked, EP-ORG-04 is %+v, want manual (not probed)", r)
	}
	c.post(url.Values{"lifecycle.leaver_days": {"30"}, "action": {"probe"}})
	c.waitProbes()
	body := c.post(url.Values{"action": {"save"}}).Body.String()
	if !strings.Contains(body, "Tallennettu tiedostoon") {
		t.Fatalf("not saved:\n%s", body)
	}
	page := c.results()
	if r := result(page, "EP-ORG-04"); r == nil || r.Status == "manual" {
		t.Errorf("after the check, EP-ORG-04 is %+v", r)
	}
	if r := result(page, "EP-LIFE-03"); r == nil || r.Status != "fail" {
		t.Errorf("EP-LIFE-03 with leaver_days 30: %+v", r)
	}
	sameResults(t, cliAudit(t, a, file, "fi"), page)

	// Downloading gives the saved bytes.
	saved, _ := os.ReadFile(file)
	if w := c.get("/answers.toml"); !bytes.Equal(w.Body.Bytes(), saved) || !strings.Contains(w.Header().Get("Content-Disposition"), "attachment") {
		t.Error("the download is not the saved file")
	}
	// A changed address makes the probe results stale.
	c.post(url.Values{"organisation.privacy_notice_url": {site.URL + "/muu"}})
	if r := result(c.results(), "EP-ORG-04"); r == nil || r.Status != "manual" {
		t.Errorf("after the address changed, EP-ORG-04 is %+v, want not probed", r)
	}
}

func result(rep *audit.Report, id string) *audit.Result {
	for i := range rep.Results {
		if rep.Results[i].ID == id {
			return &rep.Results[i]
		}
	}
	return nil
}

// TestSaveOnExit: unsaved answers are saved when the server stops, the
// wrong ones left out and named.
func TestSaveOnExit(t *testing.T) {
	file := newFile(t)
	c := newClient(t, Options{File: file, Kind: catalog.ServiceProvider})
	if saved, _, err := c.srv.SaveOnExit(); saved || err != nil || exists(file) {
		t.Fatalf("nothing to save: saved %v, %v", saved, err)
	}
	c.post(url.Values{"member.name": {"Lukupolku Oy"}, "security.critical_patch_days": {"kolme"}})
	saved, wrong, err := c.srv.SaveOnExit()
	if !saved || err != nil {
		t.Fatalf("saved %v, %v", saved, err)
	}
	if !slices.Equal(wrong, []string{"security.critical_patch_days"}) {
		t.Errorf("wrong %v", wrong)
	}
	b, _ := os.ReadFile(file)
	if !strings.Contains(string(b), `name = "Lukupolku Oy"`) || !strings.Contains(string(b), `kind = "service-provider"`) {
		t.Errorf("saved:\n%s", b)
	}
}

// TestSignedPDF: the PDF button signs the page's report with an uploaded
// key and certificate, and the PDF verifies; a key outside the folder or
// a missing key is refused on the page.
func TestSignedPDF(t *testing.T) {
	file := extractExample(t, "education-provider-entra")
	// Signed now: a signature's time must agree with the report's.
	a := testAuditor(t)
	r := *a.Runner
	r.Now = time.Time{}
	a.Runner = &r
	c := newClient(t, Options{File: file, Auditor: a, Now: time.Now})
	pair, err := keys.Generate("Järvelän kaupunki")
	if err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(t.TempDir(), "member")
	if err := pair.WritePEM(prefix); err != nil {
		t.Fatal(err)
	}
	keyPEM, _ := os.ReadFile(prefix + ".key.pem")
	certPEM, _ := os.ReadFile(prefix + ".cert.pem")

	body := c.post(url.Values{"action": {"pdf"}}).Body.String()
	if !strings.Contains(body, "Anna allekirjoitusavain ja varmenne") {
		t.Errorf("no key: the page does not ask for one")
	}
	body = c.post(url.Values{"action": {"pdf"}, "sign_key": {prefix + ".key.pem"}, "sign_cert": {prefix + ".cert.pem"}}).Body.String()
	if !strings.Contains(body, "on vastaustiedoston kansion ulkopuolella") {
		t.Errorf("a key outside the folder was used")
	}
	w := c.post(url.Values{"action": {"pdf"}}, upload{"upload.sign_key", "member.key.pem", keyPEM}, upload{"upload.sign_cert", "member.cert.pem", certPEM})
	if w.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("no PDF: %s\n%s", w.Header().Get("Content-Type"), w.Body)
	}
	out, err := verify.Bytes(context.Background(), "report.pdf", w.Body.Bytes(), verify.Options{Trust: []*x509.Certificate{pair.Cert}})
	if err != nil {
		t.Fatal(err)
	}
	if !out.OK {
		t.Errorf("the PDF does not verify: %v", out.Problems)
	}
	if !bytes.Equal(out.Answers, mustRead(t, file)) && !strings.Contains(string(out.Answers), "[member]") {
		t.Errorf("the PDF does not carry the answers file")
	}
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestKindSwitch: choosing the other member kind asks that kind's
// questions, and the answers both kinds share are kept.
func TestKindSwitch(t *testing.T) {
	c := newClient(t, Options{File: newFile(t), Kind: catalog.EducationProvider})
	c.post(url.Values{"member.name": {"Lukupolku Oy"}, "lifecycle.leaver_days": {"3"}})
	body := c.post(url.Values{"member.kind": {catalog.ServiceProvider}}).Body.String()
	if !strings.Contains(body, `id="q-oidc-redirect_uris"`) || strings.Contains(body, `id="q-lifecycle-leaver_days"`) {
		t.Error("the service provider's questions are not asked")
	}
	if !strings.Contains(body, `value="Lukupolku Oy"`) {
		t.Error("the name was lost")
	}
	if rep := c.results(); rep.Member.Kind != catalog.ServiceProvider || !strings.HasPrefix(rep.Results[0].ID, "SP-") {
		t.Errorf("judged as %s", rep.Member.Kind)
	}
	body = c.post(url.Values{"member.kind": {"school"}}).Body.String()
	if !strings.Contains(body, `id="q-oidc-redirect_uris"`) {
		t.Error("an unknown kind changed the form")
	}
}

// FuzzConvert: whatever a browser posts for a question, the form either
// refuses it with a message or accepts a value that the answers file
// writes and the CLI's parser reads back unchanged.
func FuzzConvert(f *testing.F) {
	a := testAuditor(f)
	cat := a.catalog()
	fields := cat.Fields(catalog.ServiceProvider)
	fields = append(fields, cat.Fields(catalog.EducationProvider)...)
	for i, s := range []string{"", "true", "false", "5", "-1", "2026-09-01", "1.9.2026", "https://www.example.fi/", "a@b.fi", "code", "id_token token\ncode", "x\"y\\z\n\t", "../../etc/passwd", "\xff"} {
		f.Add(uint8(i), s)
	}
	var tmpl = map[string][]byte{}
	for _, k := range catalog.Kinds {
		var b bytes.Buffer
		if err := questionnaire.Write(&b, cat, k, "fi"); err != nil {
			f.Fatal(err)
		}
		tmpl[k] = b.Bytes()
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, pick uint8, raw string) {
		fld := fields[int(pick)%len(fields)]
		v, e := convert(fld, raw, dir)
		if e != nil {
			if e.In("fi") == "" {
				t.Fatalf("%s = %q: refused without a message", fld.Path, raw)
			}
			return
		}
		if v == nil || fld.Section() == "member" {
			return
		}
		kind := fld.Kinds[0]
		values := map[string]any{
			"member":      map[string]any{"kind": kind, "name": ""},
			fld.Section(): map[string]any{fld.Key(): v},
		}
		src, err := answers.Fill(tmpl[kind], cat, kind, values)
		if err != nil {
			t.Fatalf("%s = %q: %v", fld.Path, raw, err)
		}
		ans, err := answers.Parse("fuzz.toml", dir, src, cat)
		if err != nil {
			t.Fatalf("%s = %q accepted, but the file does not parse: %v\n%s", fld.Path, raw, err, src)
		}
		if got := ans.Get(fld.Path); fmt.Sprint(got) != fmt.Sprint(v) {
			t.Fatalf("%s = %q: written %v, read back %v", fld.Path, raw, v, got)
		}
	})
}

// BenchmarkLiveUpdate is one answer changed in the browser: the post, the
// file rebuilt and parsed, the local sample judged, the catalogue
// evaluated and the page rendered (the budget: well under the script's
// 400 ms pause, so results follow typing).
func BenchmarkLiveUpdate(b *testing.B) {
	c := newClient(b, Options{File: extractExample(b, "education-provider-failing")})
	b.ResetTimer()
	for i := range b.N {
		if w := c.post(url.Values{"lifecycle.leaver_days": {fmt.Sprint(i % 30)}}); w.Code != http.StatusOK {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkNew is the form's start: the answers file loaded and the
// registry-type questions found by evaluating the catalogue.
func BenchmarkNew(b *testing.B) {
	a := testAuditor(b)
	file := extractExample(b, "education-provider-failing")
	b.ResetTimer()
	for range b.N {
		s, err := New(context.Background(), Options{Auditor: a, File: file, Lang: "fi"})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
