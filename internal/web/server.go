// Package web is `mpassaudit serve`: a local web form for the self-audit,
// generated from the catalogue like `init`, that shows the results while
// the member answers and writes exactly the answers file the CLI reads.
//
// It serves one member on their own machine: the URL carries a random
// access token (without it: 403), every state-changing request carries a
// CSRF token, and the answers live in the server until they are saved to
// the answers file, which stays the truth.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/questionnaire"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
	"github.com/mpassaudit/mpassaudit/reports"
)

//go:embed assets
var assets embed.FS

var page = template.Must(template.New("page.html").ParseFS(assets, "assets/page.html"))

// MaxUpload is the largest file the form accepts (a sample export, SAML
// metadata, a key or certificate).
const MaxUpload = 5 << 20

const (
	tokenCookie = "mpassaudit-token"
	csrfField   = "csrf"
	csrfHeader  = "X-CSRF-Token"
)

// Options configure a form server.
type Options struct {
	Auditor *Auditor
	// File is the answers file: loaded when it exists, created on save.
	File string
	// Kind is the member kind of a new answers file.
	Kind string
	// Lang is the starting language (the member switches on the page).
	Lang string
	// AnyHost accepts any Host header: only with --insecure-listen, when
	// the server is reached by another name than the loopback address.
	AnyHost bool
	// Now is the signing time of PDF reports (nil: the current time).
	Now func() time.Time
}

// Server is the form's HTTP handler and the answers it holds.
type Server struct {
	opt   Options
	cat   *catalog.Catalog
	root  string
	token string
	csrf  string
	conds map[string]map[string]condition
	mux   *http.ServeMux
	ctx   context.Context
	stop  context.CancelFunc
	ex    map[string][]example

	mu sync.Mutex
	st state
}

type state struct {
	kind, lang string
	raw        map[string]string
	errs       map[string]fieldError
	ans        *answers.Answers
	src        []byte
	dirty      bool
	flash      []flash
	remote     *remoteProbes
	run        *probeRun
	sign       map[string]string
}

type flash struct {
	ok       bool
	key, arg string
}

type remoteProbes struct {
	key     string
	results map[string]any
	at      time.Time
}

type probeRun struct {
	running     bool
	done, total int
	started     time.Time
	targets     []string
}

// New loads the answers file (when it exists) and prepares the form.
func New(ctx context.Context, opt Options) (*Server, error) {
	if opt.Auditor == nil || opt.Auditor.Runner == nil || opt.Auditor.Runner.Engine == nil {
		return nil, errors.New("web: no audit engine")
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if err := i18n.Check(opt.Lang); err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Server{opt: opt, cat: opt.Auditor.catalog(), root: filepath.Dir(opt.File), conds: map[string]map[string]condition{}}
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.token, s.csrf = randomToken(), randomToken()
	s.st = state{kind: opt.Kind, lang: opt.Lang, raw: map[string]string{}, sign: map[string]string{}}
	if _, err := os.Stat(opt.File); err == nil {
		a, err := answers.Load(opt.File, s.cat)
		if err != nil {
			return nil, err
		}
		if opt.Kind != "" && opt.Kind != a.Member.Kind {
			return nil, fmt.Errorf("--kind %s disagrees with member.kind = %q in %s: leave out --kind, the answers file names the member kind", opt.Kind, a.Member.Kind, opt.File)
		}
		s.st.kind = a.Member.Kind
		for _, f := range s.cat.Fields(a.Member.Kind) {
			s.st.raw[f.Path] = rawOf(f, a.Get(f.Path))
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", opt.File, err)
	}
	if s.st.kind == "" {
		s.st.kind = catalog.EducationProvider
	}
	if !slices.Contains(catalog.Kinds, s.st.kind) {
		return nil, fmt.Errorf("unknown kind %q: use %s", s.st.kind, strings.Join(catalog.Kinds, " or "))
	}
	s.st.raw["member.kind"] = s.st.kind
	for _, k := range catalog.Kinds {
		c, err := conditions(ctx, opt.Auditor, k)
		if err != nil {
			return nil, err
		}
		s.conds[k] = c
	}
	s.ex = examples(s.cat)
	if err := s.rebuild(); err != nil {
		return nil, err
	}
	s.st.dirty = false
	s.routes()
	return s, nil
}

// Close stops running probes.
func (s *Server) Close() { s.stop() }

// Token is the access token the URL carries.
func (s *Server) Token() string { return s.token }

// CSRF is the token every state-changing request carries.
func (s *Server) CSRF() string { return s.csrf }

// URL is the address to open for a listener address.
func (s *Server) URL(addr string) string { return "http://" + addr + "/?token=" + s.token }

func randomToken() string {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handlePage)
	m.HandleFunc("POST /{$}", s.handlePost)
	m.HandleFunc("GET /answers.toml", s.handleDownload)
	m.HandleFunc("GET /probe-status", s.handleProbeStatus)
	m.HandleFunc("GET /results.json", s.handleResults)
	m.HandleFunc("GET /example/{name}", s.handleExample)
	static, _ := fs.Sub(assets, "assets/static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux = m
}

// ServeHTTP checks the access token, the host and (for POST) the CSRF
// token before any handler runs.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	// same-origin, not no-referrer: with no-referrer a form post carries
	// "Origin: null", which the origin check below must refuse.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	lang := s.lang()
	if !s.opt.AnyHost && !loopbackHost(r.Host) {
		s.refuse(w, http.StatusForbidden, lang, i18n.T(lang, "This address is not served: open the address that mpassaudit serve printed."))
		return
	}
	if q := r.URL.Query().Get("token"); q != "" {
		if !equal(q, s.token) {
			s.refuse(w, http.StatusForbidden, lang, i18n.T(lang, "The access token is wrong: open the address that mpassaudit serve printed."))
			return
		}
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		if r.Method == http.MethodGet {
			// The token leaves the address bar and the history.
			u := *r.URL
			q := u.Query()
			q.Del("token")
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
	} else if c, err := r.Cookie(tokenCookie); err != nil || !equal(c.Value, s.token) {
		s.refuse(w, http.StatusForbidden, lang, i18n.T(lang, "No access token: open the address that mpassaudit serve printed."))
		return
	}
	if r.Method == http.MethodPost {
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			s.refuse(w, http.StatusForbidden, lang, i18n.T(lang, "The request came from another site and was refused."))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 3*MaxUpload+1<<20)
		if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.refuse(w, http.StatusRequestEntityTooLarge, lang, i18n.T(lang, "The upload is larger than %s MB: nothing was saved.", fmt.Sprint(MaxUpload>>20)))
				return
			}
			s.refuse(w, http.StatusBadRequest, lang, i18n.T(lang, "The form could not be read: %s", err.Error()))
			return
		}
		tok := r.Header.Get(csrfHeader)
		if tok == "" {
			tok = r.PostFormValue(csrfField)
		}
		if !equal(tok, s.csrf) {
			s.refuse(w, http.StatusForbidden, lang, i18n.T(lang, "The form's security token (CSRF) is missing or wrong: reload the page. Nothing was saved."))
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// loopbackHost accepts the loopback names only, so that a web page cannot
// reach the form through a DNS name that points at 127.0.0.1.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// refuse answers with a page that says what went wrong (lang: the page's
// language, read by the caller, who may hold s.mu).
func (s *Server) refuse(w http.ResponseWriter, code int, lang, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_ = template.Must(template.New("refuse").Parse(`<!DOCTYPE html><html lang="{{.L}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.T}}</title><link rel="stylesheet" href="/static/style.css"></head><body><main id="main"><h1>{{.T}}</h1><p class="flash error" role="alert">{{.M}}</p></main></body></html>`)).Execute(w, map[string]string{"L": lang, "T": i18n.T(lang, "MPASSid self-audit"), "M": msg})
}

func (s *Server) lang() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.lang
}

// rebuild reads the raw answers as the file would hold them: each answer
// converted and checked, the file written from the template and parsed as
// the CLI parses it. A wrong answer is left out (and marked), never saved.
// Callers hold s.mu (or own s).
func (s *Server) rebuild() error {
	st := &s.st
	fields := s.cat.Fields(st.kind)
	st.errs = map[string]fieldError{}
	values := map[string]any{}
	set := func(f catalog.Field, v any) {
		sec, _ := values[f.Section()].(map[string]any)
		if sec == nil {
			sec = map[string]any{}
			values[f.Section()] = sec
		}
		sec[f.Key()] = v
	}
	for _, f := range fields {
		v, e := convert(f, st.raw[f.Path], s.root)
		if e != nil {
			st.errs[f.Path] = *e
			continue
		}
		if v != nil {
			set(f, v)
		}
	}
	var tmpl bytes.Buffer
	if err := questionnaire.Write(&tmpl, s.cat, st.kind, st.lang); err != nil {
		return err
	}
	for range len(fields) + 1 {
		src, err := answers.Fill(tmpl.Bytes(), s.cat, st.kind, values)
		if err != nil {
			return err
		}
		a, err := answers.Parse(s.opt.File, s.root, src, s.cat)
		if err == nil {
			st.ans, st.src = a, src
			return nil
		}
		var ae *answers.Error
		if !errors.As(err, &ae) {
			return err
		}
		dropped := false
		for _, p := range ae.Problems {
			if f, ok := s.cat.Field(p.Key); ok && p.Key != "member.kind" && p.Key != "member.name" {
				st.errs[p.Key] = fieldError{key: "%s", arg: p.Msg}
				if sec, ok := values[f.Section()].(map[string]any); ok {
					delete(sec, f.Key())
					dropped = true
				}
			}
		}
		if !dropped {
			return err
		}
	}
	return errors.New("web: the answers could not be read back")
}

// remoteKey names what the address probes were made for: the addresses
// and the local files (by digest) whose results they hold.
func remoteKey(a *Auditor, ans *answers.Answers, local map[string]any) string {
	var parts []string
	_, remote := a.targets(ans)
	for _, t := range remote {
		parts = append(parts, t.Path+"="+t.Value)
	}
	for p, r := range local {
		if m, ok := r.(map[string]any); ok {
			parts = append(parts, fmt.Sprintf("%s#%v", p, m["sha256"]))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

// probes are the probe results the page's results are judged on: the
// local files always, the addresses when they were checked for these
// answers. Callers hold s.mu.
func (s *Server) probes(ctx context.Context) (map[string]any, bool) {
	a := s.opt.Auditor
	local := a.probeLocal(ctx, s.st.ans)
	if s.st.remote == nil || s.st.remote.key != remoteKey(a, s.st.ans, local) {
		return local, false
	}
	out := map[string]any{}
	for k, v := range s.st.remote.results {
		out[k] = v
	}
	for k, v := range local {
		if k != "tls" {
			out[k] = v
		}
	}
	return out, true
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.render(w, r, http.StatusOK)
}

func (s *Server) handlePost(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &s.st
	action := r.PostFormValue("action")
	before := string(st.src)
	prevKind := st.kind
	for _, f := range s.cat.Fields(st.kind) {
		if vs, ok := r.PostForm[f.Path]; ok && len(vs) > 0 {
			if f.List {
				// Several checked boxes, or one text with a line each.
				st.raw[f.Path] = strings.Join(slices.DeleteFunc(vs, func(v string) bool { return v == "" }), "\n")
			} else {
				st.raw[f.Path] = vs[0]
			}
		}
	}
	if k := st.raw["member.kind"]; slices.Contains(catalog.Kinds, k) {
		st.kind = k
	} else {
		st.raw["member.kind"] = st.kind
	}
	for _, k := range []string{"sign_key", "sign_cert"} {
		if vs, ok := r.PostForm[k]; ok {
			st.sign[k] = strings.TrimSpace(vs[0])
		}
	}
	uploadErrs := s.uploads(r)
	if l, ok := strings.CutPrefix(action, "lang-"); ok && i18n.Valid(l) {
		st.lang = l
	}
	if err := s.rebuild(); err != nil {
		s.refuse(w, http.StatusInternalServerError, s.st.lang, err.Error())
		return
	}
	for p, e := range uploadErrs {
		st.errs[p] = e
	}
	if string(st.src) != before || st.kind != prevKind {
		st.dirty = true
	}
	switch action {
	case "save":
		s.save()
	case "probe":
		s.startProbes(r.Context())
	case "pdf":
		if s.pdf(w, r) {
			return
		}
	}
	if r.Header.Get("X-Requested-With") == "fetch" {
		s.render(w, r, http.StatusOK)
		return
	}
	// Post/Redirect/Get: reloading the page never posts again.
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// save writes the answers file atomically; nothing is written while an
// answer is wrong. Callers hold s.mu.
func (s *Server) save() bool {
	st := &s.st
	if len(st.errs) > 0 {
		st.flash = append(st.flash, flash{key: "Nothing was saved: correct the marked answers first."})
		return false
	}
	if err := safefile.WriteAtomic(s.opt.File, st.src); err != nil {
		st.flash = append(st.flash, flash{key: "Saving %s failed: %s", arg: s.opt.File + ": " + err.Error()})
		return false
	}
	st.dirty = false
	st.flash = append(st.flash, flash{ok: true, key: "Saved to %s.", arg: s.opt.File})
	return true
}

// SaveOnExit saves unsaved answers before the server stops (Ctrl-C). The
// wrong answers, which are never written, are returned by path.
func (s *Server) SaveOnExit() (saved bool, wrong []string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.st.dirty {
		return false, nil, nil
	}
	for p := range s.st.errs {
		wrong = append(wrong, p)
	}
	sort.Strings(wrong)
	if err := safefile.WriteAtomic(s.opt.File, s.st.src); err != nil {
		return false, wrong, err
	}
	s.st.dirty = false
	return true, wrong, nil
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.st.errs) > 0 {
		s.refuse(w, http.StatusConflict, s.st.lang, i18n.T(s.st.lang, "Nothing was saved: correct the marked answers first."))
		return
	}
	w.Header().Set("Content-Type", "application/toml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+filepath.Base(s.opt.File)+`"`)
	_, _ = w.Write(s.st.src)
}

// startProbes checks the addresses the answers name, in the background.
// Callers hold s.mu.
func (s *Server) startProbes(ctx context.Context) {
	st := &s.st
	if st.run != nil && st.run.running {
		return
	}
	a := s.opt.Auditor
	ans := st.ans
	local := a.probeLocal(ctx, ans)
	key := remoteKey(a, ans, local)
	_, remote := a.targets(ans)
	if len(remote) == 0 {
		st.flash = append(st.flash, flash{key: "The answers name no web addresses to check."})
		return
	}
	run := &probeRun{running: true, total: len(remote), started: time.Now()}
	for _, t := range remote {
		run.targets = append(run.targets, t.Value)
	}
	st.run = run
	go func() {
		res := a.probeAll(s.ctx, ans, func(done, total int) {
			s.mu.Lock()
			run.done, run.total = done, total
			s.mu.Unlock()
		})
		s.mu.Lock()
		defer s.mu.Unlock()
		run.running = false
		if s.ctx.Err() == nil && res != nil {
			st.remote = &remoteProbes{key: key, results: res, at: time.Now()}
		}
	}()
}

func (s *Server) handleProbeStatus(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]any{"running": false, "done": 0, "total": 0}
	if run := s.st.run; run != nil {
		out = map[string]any{"running": run.running, "done": run.done, "total": run.total,
			"text": i18n.T(s.st.lang, "Checked %s", fmt.Sprintf("%d/%d", run.done, run.total))}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// uploads stores the uploaded sample export and metadata files in the
// answers file's folder and answers their questions with them. A file over
// the size cap or of the wrong type is refused and nothing is written.
// Callers hold s.mu.
func (s *Server) uploads(r *http.Request) map[string]fieldError {
	errs := map[string]fieldError{}
	if r.MultipartForm == nil {
		return errs
	}
	base := strings.TrimSuffix(filepath.Base(s.opt.File), filepath.Ext(s.opt.File))
	for _, f := range s.cat.Fields(s.st.kind) {
		kinds := uploadTypes(f)
		if kinds == nil {
			continue
		}
		fhs := r.MultipartForm.File["upload."+f.Path]
		if len(fhs) == 0 || fhs[0].Size == 0 && fhs[0].Filename == "" {
			continue
		}
		fh := fhs[0]
		if fh.Size > MaxUpload {
			errs[f.Path] = fieldError{key: "The file is larger than %s MB: it was not saved.", arg: fmt.Sprint(MaxUpload >> 20)}
			continue
		}
		ext := strings.ToLower(filepath.Ext(fh.Filename))
		if !slices.Contains(kinds, ext) {
			errs[f.Path] = fieldError{key: "%s is not a file of the accepted type: it was not saved.", arg: fh.Filename + " (" + strings.Join(kinds, ", ") + ")"}
			continue
		}
		file, err := fh.Open()
		if err != nil {
			errs[f.Path] = fieldError{key: "%s", arg: err.Error()}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(file, MaxUpload+1))
		file.Close()
		if err != nil {
			errs[f.Path] = fieldError{key: "%s", arg: err.Error()}
			continue
		}
		if !contentFits(ext, data) {
			errs[f.Path] = fieldError{key: "%s is not a file of the accepted type: it was not saved.", arg: fh.Filename + " (" + strings.Join(kinds, ", ") + ")"}
			continue
		}
		name := base + "-" + f.Key() + ext
		if err := safefile.WriteAtomic(filepath.Join(s.root, name), data); err != nil {
			errs[f.Path] = fieldError{key: "Saving %s failed: %s", arg: name + ": " + err.Error()}
			continue
		}
		s.st.raw[f.Path] = name
	}
	return errs
}

// uploadTypes are the file types a question takes as an upload (nil: none).
func uploadTypes(f catalog.Field) []string {
	switch {
	case f.List:
		return nil
	case f.Probe == "sample":
		return []string{".csv", ".json", ".xml"}
	case f.Probe == "saml-metadata":
		return []string{".xml"}
	}
	return nil
}

// contentFits checks that an upload is the text its name says.
func contentFits(ext string, data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return false
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	switch ext {
	case ".json":
		return json.Valid(trimmed)
	case ".xml":
		return bytes.HasPrefix(trimmed, []byte("<"))
	case ".csv":
		return len(trimmed) > 0
	}
	return false
}

// handleResults sends the page's results in the JSON result contract
// (mpassaudit/result/v1), the same document `audit --format json` writes.
func (s *Server) handleResults(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rep, _, err := s.report(r.Context())
	if err != nil {
		s.refuse(w, http.StatusInternalServerError, s.st.lang, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = reports.JSON{}.Output(w, []*audit.Report{rep})
}
