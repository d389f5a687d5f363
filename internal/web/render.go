package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/mpassaudit/mpassaudit/audits"
	"github.com/mpassaudit/mpassaudit/internal/audit"
	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/reports"
	"github.com/mpassaudit/mpassaudit/reports/signing"
)

// pageData is what page.html shows.
type pageData struct {
	Lang       string
	Langs      []langView
	CSRF       string
	File       string
	Kind       string
	Flash      []flashView
	Errors     []errorView
	Verdict    string
	VerdictBad bool
	Counts     string
	Sections   []sectionView
	Probe      probeView
	Sign       map[string]string
	CanSave    bool
	Unsaved    bool
}

type langView struct {
	Code, Name string
	Current    bool
}

type flashView struct {
	OK   bool
	Text string
}

type errorView struct{ ID, Label, Text string }

type sectionView struct {
	ID, Name string
	Fields   []fieldView
	Results  []resultView
	Tally    string
	Bad      bool
}

type fieldView struct {
	Path, ID, Label string
	Input           string
	Raw             string
	Options         []optionView
	Min, Max        string
	Required        bool
	Error           string
	Reqs            string
	Example         string
	WhenPath        string
	WhenValues      string
	Hidden          bool
	Controls        bool
	Accept          string
	Examples        []string
	Unanswered      bool
	Probe           string
}

type optionView struct {
	Value, Label string
	Selected     bool
}

type resultView struct {
	ID, Status, StatusText, Severity, Title, Message, Remediation, ToCheck string
	Unanswered                                                             []errorView
}

type probeView struct {
	Targets  []string
	Running  bool
	Done     int
	Total    int
	Current  bool
	At       string
	Progress string
}

// T translates one of the form's own texts.
func (p pageData) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

func fieldID(p string) string { return "q-" + strings.ReplaceAll(p, ".", "-") }

// inputKind is how a question is asked.
func inputKind(f catalog.Field) string {
	if f.List && f.Type == "enum" {
		return "checks"
	}
	if f.List {
		return "list"
	}
	switch f.Type {
	case "bool":
		return "bool"
	case "integer":
		return "number"
	case "enum":
		return "select"
	case "date", "url", "email", "file", "location":
		return f.Type
	}
	if strings.Contains(strings.ToLower(f.Question.EN), "describe") {
		return "textarea"
	}
	return "text"
}

// render writes the page for the current answers. Callers hold s.mu.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int) {
	d, err := s.view(r.Context())
	if err != nil {
		s.refuse(w, http.StatusInternalServerError, s.st.lang, err.Error())
		return
	}
	var b bytes.Buffer
	if err := page.Execute(&b, d); err != nil {
		s.refuse(w, http.StatusInternalServerError, s.st.lang, err.Error())
		return
	}
	s.st.flash = nil
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(b.Bytes())
}

func (s *Server) report(ctx context.Context) (*audit.Report, bool, error) {
	probes, current := s.probes(ctx)
	rep, err := s.opt.Auditor.evaluate(ctx, s.st.ans, s.st.lang, probes)
	return rep, current, err
}

// view builds the page: one section per area with its questions and its
// results. Callers hold s.mu.
func (s *Server) view(ctx context.Context) (pageData, error) {
	st := &s.st
	l := st.lang
	rep, current, err := s.report(ctx)
	if err != nil {
		return pageData{}, err
	}
	d := pageData{Lang: l, CSRF: s.csrf, File: s.opt.File, Kind: st.kind, Sign: st.sign, Unsaved: st.dirty}
	for _, code := range i18n.Langs {
		d.Langs = append(d.Langs, langView{Code: code, Name: map[string]string{"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}[code], Current: code == l})
	}
	for _, f := range st.flash {
		text := i18n.T(l, f.key)
		if f.arg != "" {
			text = i18n.T(l, f.key, f.arg)
		}
		d.Flash = append(d.Flash, flashView{OK: f.ok, Text: text})
	}
	d.Verdict = i18n.T(l, "Requirements met")
	if rep.Failed() {
		d.Verdict = i18n.T(l, "Requirements not met")
	}
	d.VerdictBad = rep.Failed()
	var counts []string
	for _, status := range audit.Statuses {
		if n := rep.Summary.Count(status); n > 0 {
			counts = append(counts, fmt.Sprintf("%s %d", i18n.T(l, status), n))
		}
	}
	d.Counts = strings.Join(counts, " · ")
	d.CanSave = len(st.errs) == 0

	unanswered := map[string]bool{}
	for _, res := range rep.Results {
		for _, p := range res.Unanswered {
			unanswered[p] = true
		}
	}
	conds := s.conds[st.kind]
	controllers := map[string]bool{}
	for _, c := range conds {
		controllers[c.Path] = true
	}
	areaOf := map[string]string{}
	var fields []fieldView
	for _, f := range s.cat.Fields(st.kind) {
		fv := s.fieldView(f, l)
		fv.Unanswered = unanswered[f.Path]
		fv.Controls = controllers[f.Path]
		if c, ok := conds[f.Path]; ok {
			fv.WhenPath, fv.WhenValues = c.Path, strings.Join(c.Values, " ")
			fv.Hidden = !c.visible(st.raw)
		}
		if e, ok := st.errs[f.Path]; ok {
			fv.Error = e.In(l)
			d.Errors = append(d.Errors, errorView{ID: fv.ID, Label: fv.Label, Text: fv.Error})
		}
		areaOf[f.Path] = "member"
		if f.Section() != "member" {
			for _, id := range f.Requirements {
				if req := s.cat.Requirement(id); req != nil && req.AppliesToKind(st.kind) {
					areaOf[f.Path] = req.Area
					break
				}
			}
		}
		fields = append(fields, fv)
	}
	labels := map[string]string{}
	for _, f := range fields {
		labels[f.Path] = f.Label
	}
	groups := reports.GroupByArea(rep, s.cat, l)
	byArea := map[string][]audit.Result{}
	for _, g := range groups {
		byArea[g.ID] = g.Results
	}
	order := []string{"member"}
	for _, a := range s.cat.Areas {
		order = append(order, a.ID)
	}
	for _, f := range fields {
		if !slices.Contains(order, areaOf[f.Path]) {
			order = append(order, areaOf[f.Path])
		}
	}
	for _, id := range order {
		sec := sectionView{ID: id, Name: s.cat.Area(id).Name(l)}
		if id == "member" {
			sec.Name = i18n.T(l, "Member")
		}
		for _, f := range fields {
			if areaOf[f.Path] == id {
				sec.Fields = append(sec.Fields, f)
			}
		}
		pass := 0
		for _, res := range byArea[id] {
			rv := resultView{ID: res.ID, Status: res.Status, StatusText: i18n.T(l, res.Status), Severity: i18n.T(l, res.Severity),
				Title: res.Title, Message: res.Message, ToCheck: reports.ToCheck(s.cat, res, l)}
			if res.Status != audit.Waived {
				rv.Remediation = res.Remediation
			}
			for _, p := range res.Unanswered {
				rv.Unanswered = append(rv.Unanswered, errorView{ID: fieldID(p), Label: labels[p]})
			}
			if res.Status == audit.Pass {
				pass++
			}
			if res.Status == audit.Fail || res.Status == audit.Error {
				sec.Bad = true
			}
			sec.Results = append(sec.Results, rv)
		}
		if len(sec.Results) > 0 {
			sec.Tally = i18n.T(l, "%d/%d pass", pass, len(sec.Results))
		}
		if len(sec.Fields) > 0 || len(sec.Results) > 0 {
			d.Sections = append(d.Sections, sec)
		}
	}
	_, remote := s.opt.Auditor.targets(st.ans)
	for _, t := range remote {
		d.Probe.Targets = append(d.Probe.Targets, t.Value)
	}
	d.Probe.Current = current
	if current {
		d.Probe.At = st.remote.at.Format("15:04:05")
	}
	if run := st.run; run != nil && run.running {
		d.Probe.Running, d.Probe.Done, d.Probe.Total = true, run.done, run.total
		d.Probe.Progress = i18n.T(l, "Checked %s", fmt.Sprintf("%d/%d", run.done, run.total))
	}
	return d, nil
}

func (s *Server) fieldView(f catalog.Field, l string) fieldView {
	fv := fieldView{Path: f.Path, ID: fieldID(f.Path), Label: f.Question.In(l), Input: inputKind(f), Raw: s.st.raw[f.Path], Required: f.Required, Probe: f.Probe}
	var ids []string
	for _, id := range f.Requirements {
		if r := s.cat.Requirement(id); r != nil && r.AppliesToKind(s.st.kind) {
			ids = append(ids, id)
		}
	}
	fv.Reqs = strings.Join(ids, ", ")
	if f.Min != nil {
		fv.Min = fmt.Sprint(*f.Min)
	}
	if f.Max != nil {
		fv.Max = fmt.Sprint(*f.Max)
	}
	for _, v := range f.Values {
		label := v
		if t := i18n.T(l, v); t != v {
			label = t + " (" + v + ")"
		}
		selected := v == fv.Raw
		if f.List {
			selected = slices.Contains(strings.Split(fv.Raw, "\n"), v)
		}
		fv.Options = append(fv.Options, optionView{Value: v, Label: label, Selected: selected})
	}
	switch f.Type {
	case "url":
		fv.Example = "https://www.example.fi/"
	case "email":
		fv.Example = "tietoturva@example.fi"
	case "date":
		fv.Example = "2026-09-01"
	}
	if t := uploadTypes(f); t != nil {
		fv.Accept = strings.Join(t, ",")
	}
	fv.Examples = s.ex[f.Path]
	return fv
}

// example is an embedded example file that answers a file question.
type example = string

// examples lists, per file question, the embedded example files that
// answer it (the sample exports and metadata in audits/examples), offered
// for download as the form's help: they show the expected columns.
func examples(cat *catalog.Catalog) map[string][]example {
	out := map[string][]example{}
	for _, name := range audits.Names() {
		b, err := fs.ReadFile(audits.FS, "examples/"+name+".toml")
		if err != nil {
			continue
		}
		var raw map[string]any
		if _, err := toml.Decode(string(b), &raw); err != nil {
			continue
		}
		for _, f := range cat.Fields("") {
			if f.Type != "file" && f.Type != "location" {
				continue
			}
			sec, _ := raw[f.Section()].(map[string]any)
			v, _ := sec[f.Key()].(string)
			if v == "" || strings.Contains(v, "://") || strings.Contains(v, "/") {
				continue
			}
			if _, err := fs.Stat(audits.FS, "examples/"+v); err == nil && !slices.Contains(out[f.Path], v) {
				out[f.Path] = append(out[f.Path], v)
			}
		}
	}
	return out
}

func (s *Server) handleExample(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	known := false
	for _, list := range s.ex {
		known = known || slices.Contains(list, name)
	}
	b, err := fs.ReadFile(audits.FS, path.Join("examples", name))
	if !known || err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

// pdf makes the signed PDF report of the page's results with the member's
// key and certificate (paths in the answers file's folder, or uploads) and
// sends it; on a problem it says so on the page and sends nothing.
// Callers hold s.mu.
func (s *Server) pdf(w http.ResponseWriter, r *http.Request) bool {
	st := &s.st
	fail := func(key, arg string) bool {
		st.flash = append(st.flash, flash{key: key, arg: arg})
		return false
	}
	if len(st.errs) > 0 {
		return fail("Correct the marked answers before making the report.", "")
	}
	tmp, err := os.MkdirTemp("", "mpassaudit-sign-")
	if err != nil {
		return fail("%s", err.Error())
	}
	defer os.RemoveAll(tmp)
	files := map[string]string{}
	for _, k := range []string{"sign_key", "sign_cert"} {
		if r.MultipartForm != nil {
			if fhs := r.MultipartForm.File["upload."+k]; len(fhs) > 0 && fhs[0].Filename != "" {
				fh := fhs[0]
				if fh.Size > MaxUpload {
					return fail("The file is larger than %s MB: it was not saved.", fmt.Sprint(MaxUpload>>20))
				}
				f, err := fh.Open()
				if err != nil {
					return fail("%s", err.Error())
				}
				var b bytes.Buffer
				_, err = b.ReadFrom(f)
				f.Close()
				if err != nil {
					return fail("%s", err.Error())
				}
				// Only for keys.Load, in a private folder removed at once.
				p := filepath.Join(tmp, k)
				if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
					return fail("%s", err.Error())
				}
				files[k] = p
				continue
			}
		}
		if v := st.sign[k]; v != "" {
			p, ok := inside(s.root, v)
			if !ok {
				return fail("%s is outside the folder of the answers file: put the file in that folder or upload it.", v)
			}
			files[k] = p
		}
	}
	if files["sign_key"] == "" {
		return fail("Give the signing key and certificate (make them with: mpassaudit keys new --org NAME -o PREFIX).", "")
	}
	pair, err := keys.Load(files["sign_key"], files["sign_cert"])
	if err != nil {
		return fail("The key or certificate cannot be used: %s", strings.ReplaceAll(err.Error(), tmp+string(filepath.Separator), ""))
	}
	rep, _, err := s.report(r.Context())
	if err != nil {
		return fail("%s", err.Error())
	}
	judged := rep.Probes
	if judged == nil {
		judged = map[string]any{}
	}
	probes, err := json.Marshal(judged)
	if err != nil {
		return fail("%s", err.Error())
	}
	out, err := signing.RenderAndSign(rep, reports.PDFOptions{Catalog: s.cat, Answers: st.src, Probes: probes}, pair, s.opt.Now())
	if err != nil {
		return fail("%s", err.Error())
	}
	base := strings.TrimSuffix(filepath.Base(s.opt.File), filepath.Ext(s.opt.File))
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="`+base+`-report-`+time.Now().Format("2006-01-02")+`.pdf"`)
	_, _ = w.Write(out)
	return true
}
