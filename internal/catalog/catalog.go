// Package catalog loads the requirement catalogue: Rego modules whose METADATA
// annotations describe each requirement (id, severity, applicability, answer
// fields, fi/sv/en texts). Everything the tool knows about a requirement comes
// from here, so adding a requirement never needs a Go change.
package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Kinds of member.
const (
	EducationProvider = "education-provider"
	ServiceProvider   = "service-provider"
)

// Kinds lists the member kinds in a stable order.
var Kinds = []string{EducationProvider, ServiceProvider}

// Environments lists the MPASSid environments in a stable order.
var Environments = []string{"test", "demo", "production"}

// Text is a text in Finnish, Swedish and English.
type Text struct {
	FI string `json:"fi"`
	SV string `json:"sv"`
	EN string `json:"en"`
}

// In returns the text in lang (fi, sv or en), falling back to English and
// then Finnish when a translation is missing.
func (t Text) In(lang string) string {
	var s string
	switch lang {
	case "fi":
		s = t.FI
	case "sv":
		s = t.SV
	default:
		s = t.EN
	}
	if s == "" {
		s = t.EN
	}
	if s == "" {
		s = t.FI
	}
	return s
}

// Field is one question of the answers file: a dotted path such as
// "lifecycle.leaver_days", its type and its question text.
type Field struct {
	Path     string   `json:"path"`
	Type     string   `json:"type,omitempty"`
	List     bool     `json:"list,omitempty"`
	Values   []string `json:"values,omitempty"`
	Min      *int64   `json:"min,omitempty"`
	Max      *int64   `json:"max,omitempty"`
	Required bool     `json:"required,omitempty"`
	Optional bool     `json:"optional,omitempty"`
	// Probe names the probe that checks what the answer names (http,
	// saml-metadata, sample, tls); its result is input.probes["<path>"].
	Probe string `json:"probe,omitempty"`
	// ProbeWith names other answers the probe reads, by the probe's own
	// parameter names ({issuer: oidc.issuer} for an OIDC client).
	ProbeWith map[string]string `json:"probe_with,omitempty"`
	Question  Text              `json:"question"`
	// Example is a realistic answer the template shows in a comment (the
	// type's example when absent).
	Example any `json:"example,omitempty"`
	// Kinds are the member kinds whose requirements read this field.
	Kinds []string `json:"-"`
	// Requirements are the IDs of the requirements that read this field.
	Requirements []string `json:"-"`
}

// FieldTypes are the types an answer can have.
var FieldTypes = []string{"bool", "integer", "enum", "date", "url", "email", "text", "file", "location"}

// ProbeKinds are the probes an answer field can ask for.
var ProbeKinds = []string{"http", "saml-metadata", "sample", "tls", "oidc-client"}

// Section is the TOML table of a field ("lifecycle" for "lifecycle.leaver_days").
func (f Field) Section() string {
	s, _, _ := strings.Cut(f.Path, ".")
	return s
}

// Key is the field's key inside its section.
func (f Field) Key() string {
	_, k, _ := strings.Cut(f.Path, ".")
	return k
}

// Requirement is one catalogue entry, read from a rule's METADATA.
type Requirement struct {
	ID            string            `json:"id"`
	Severity      string            `json:"severity"`
	SeverityByEnv map[string]string `json:"severity_by_env,omitempty"`
	AppliesTo     []string          `json:"applies_to"`
	Environments  []string          `json:"environments"`
	Evidence      string            `json:"evidence"`
	References    []string          `json:"references"`
	Titles        Text              `json:"titles"`
	Remediation   Text              `json:"remediation"`
	Answers       []Field           `json:"answers,omitempty"`
	Probes        []string          `json:"probes,omitempty"`
	// EffectiveFrom (YYYY-MM-DD): before it, a failure is reported as warn
	// ("mandatory from …"); from it on, with the severity.
	EffectiveFrom string `json:"effective_from,omitempty"`
	Area          string `json:"-"`
	Package       string `json:"-"`
	Rule          string `json:"-"`
	File          string `json:"-"`
	Line          int    `json:"-"`
	TitleFallback string `json:"-"`
}

// AppliesToKind reports whether the requirement applies to a member kind.
func (r *Requirement) AppliesToKind(kind string) bool {
	for _, k := range r.AppliesTo {
		if k == kind {
			return true
		}
	}
	return false
}

// Effective is the date the requirement is mandatory from (zero: always).
func (r *Requirement) Effective() time.Time {
	t, _ := time.Parse(time.DateOnly, r.EffectiveFrom)
	return t
}

// Upcoming reports whether the requirement is not yet mandatory at now.
func (r *Requirement) Upcoming(now time.Time) bool {
	return r.EffectiveFrom != "" && now.Before(r.Effective())
}

// MandatoryFrom is the effective date as the messages write it: 1.8.2027.
func (r *Requirement) MandatoryFrom() string {
	t := r.Effective()
	return fmt.Sprintf("%d.%d.%d", t.Day(), int(t.Month()), t.Year())
}

// SeverityIn is the requirement's severity in an environment.
func (r *Requirement) SeverityIn(env string) string {
	if s, ok := r.SeverityByEnv[env]; ok {
		return s
	}
	return r.Severity
}

// Title is the requirement's title in lang.
func (r *Requirement) Title(lang string) string {
	if t := r.Titles.In(lang); t != "" {
		return t
	}
	return r.TitleFallback
}

// Area is a group of requirements (one Rego package per area and kind).
type Area struct {
	ID    string `json:"id"`
	FI    string `json:"fi"`
	SV    string `json:"sv"`
	EN    string `json:"en"`
	Order int    `json:"-"`
}

// Name is the area's name in lang.
func (a Area) Name(lang string) string {
	return Text{FI: a.FI, SV: a.SV, EN: a.EN}.In(lang)
}

// Catalog is a loaded requirement catalogue.
type Catalog struct {
	Version      string
	Digest       string // "sha256:…" over the policy sources, tests excluded
	Requirements []*Requirement
	Areas        []Area
	Modules      map[string]*ast.Module // policy modules (no tests) by file name
	Tests        map[string]*ast.Module // *_test.rego modules by file name
	Bundle       *Bundle                // the bundle it was loaded from; nil for a directory
	byID         map[string]*Requirement
	fields       []Field
	entryFields  []Field
}

// EntryPoint is the query that yields the results of an audit.
const EntryPoint = "data.mpassaudit.results"

// ParseOptions are the options every catalogue module is parsed with.
var ParseOptions = ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1}

// Load reads every .rego file below root in fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	c := &Catalog{Modules: map[string]*ast.Module{}, Tests: map[string]*ast.Module{}, byID: map[string]*Requirement{}}
	h := sha256.New()
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("catalogue: no .rego files found")
	}
	sort.Strings(names)
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("catalogue: %w", err)
		}
		mod, err := ast.ParseModuleWithOpts(name, string(src), ParseOptions)
		if err != nil {
			return nil, fmt.Errorf("catalogue: %w", err)
		}
		if strings.HasSuffix(name, "_test.rego") {
			c.Tests[name] = mod
			continue
		}
		c.Modules[name] = mod
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(src))
		h.Write(src)
		if err := c.readAnnotations(name, mod); err != nil {
			return nil, err
		}
	}
	c.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	sort.Slice(c.Requirements, func(i, j int) bool { return c.Requirements[i].ID < c.Requirements[j].ID })
	if c.Version == "" {
		return nil, fmt.Errorf("catalogue: no version: package mpassaudit needs METADATA custom.version")
	}
	return c, c.buildFields()
}

func (c *Catalog) readAnnotations(file string, mod *ast.Module) error {
	var pkgArea string
	for _, a := range mod.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			if v, ok := a.Custom["area"].(string); ok {
				pkgArea = v
			}
		}
	}
	for _, a := range mod.Annotations {
		switch a.Scope {
		case "package", "subpackages":
			if err := c.readPackageAnnotation(file, a); err != nil {
				return err
			}
		case "rule", "document":
			if _, ok := a.Custom["id"]; !ok {
				continue
			}
			r, err := decodeRequirement(file, a)
			if err != nil {
				return err
			}
			r.Area = pkgArea
			r.Package = strings.TrimPrefix(mod.Package.Path.String(), "data.")
			if prev, dup := c.byID[r.ID]; dup {
				return fmt.Errorf("%s:%d: requirement %s is defined twice (also %s:%d)", file, r.Line, r.ID, prev.File, prev.Line)
			}
			c.byID[r.ID] = r
			c.Requirements = append(c.Requirements, r)
		}
	}
	return nil
}

func (c *Catalog) readPackageAnnotation(file string, a *ast.Annotations) error {
	if v, ok := a.Custom["version"].(string); ok {
		c.Version = v
	}
	if areas, ok := a.Custom["areas"]; ok {
		var list []Area
		if err := remarshal(areas, &list); err != nil {
			return fmt.Errorf("%s:%d: custom.areas: %w", file, a.Location.Row, err)
		}
		for i := range list {
			list[i].Order = i
		}
		c.Areas = list
	}
	if ans, ok := a.Custom["answers"]; ok {
		var fields []Field
		if err := remarshal(ans, &fields); err != nil {
			return fmt.Errorf("%s:%d: custom.answers: %w", file, a.Location.Row, err)
		}
		for i := range fields {
			fields[i].Kinds = Kinds
		}
		c.entryFields = append(c.entryFields, fields...)
	}
	return nil
}

func decodeRequirement(file string, a *ast.Annotations) (*Requirement, error) {
	r := &Requirement{File: file, Line: a.Location.Row, TitleFallback: a.Title}
	if err := remarshal(a.Custom, r); err != nil {
		return nil, fmt.Errorf("%s:%d: METADATA custom: %w", file, a.Location.Row, err)
	}
	if ref := a.GetTargetPath(); len(ref) > 0 {
		r.Rule = strings.TrimPrefix(ref.String(), "data.")
	}
	where := fmt.Sprintf("%s:%d: requirement %q", file, r.Line, r.ID)
	switch {
	case r.ID == "":
		return nil, fmt.Errorf("%s: empty id", where)
	case !oneOf(r.Severity, "must", "should", "info"):
		return nil, fmt.Errorf("%s: severity %q is not must, should or info", where, r.Severity)
	case len(r.AppliesTo) == 0:
		return nil, fmt.Errorf("%s: applies_to is empty", where)
	case r.Titles.FI == "" || r.Titles.SV == "" || r.Titles.EN == "":
		return nil, fmt.Errorf("%s: titles need fi, sv and en", where)
	case !oneOf(r.Evidence, "answer", "probe", "sample", "document"):
		return nil, fmt.Errorf("%s: evidence %q is not answer, probe, sample or document", where, r.Evidence)
	}
	if r.EffectiveFrom != "" {
		// An unquoted YAML date reaches the annotations as a timestamp at
		// midnight UTC; the lib reads both forms.
		t, err := time.Parse(time.DateOnly, r.EffectiveFrom)
		if err != nil {
			t, err = time.Parse(time.RFC3339, r.EffectiveFrom)
			if err == nil && !t.Equal(t.Truncate(24*time.Hour)) {
				err = errors.New("not midnight UTC")
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s: effective_from %q is not a date YYYY-MM-DD", where, r.EffectiveFrom)
		}
		r.EffectiveFrom = t.UTC().Format(time.DateOnly)
	}
	for _, k := range r.AppliesTo {
		if !oneOf(k, Kinds...) {
			return nil, fmt.Errorf("%s: applies_to %q is not one of %s", where, k, strings.Join(Kinds, ", "))
		}
	}
	if len(r.Environments) == 0 {
		r.Environments = Environments
	}
	for _, e := range r.Environments {
		if !oneOf(e, Environments...) {
			return nil, fmt.Errorf("%s: environment %q is not one of %s", where, e, strings.Join(Environments, ", "))
		}
	}
	for e, s := range r.SeverityByEnv {
		if !oneOf(e, Environments...) || !oneOf(s, "must", "should", "info") {
			return nil, fmt.Errorf("%s: severity_by_env %s: %s is not valid", where, e, s)
		}
	}
	for i := range r.Answers {
		f := &r.Answers[i]
		if strings.Count(f.Path, ".") != 1 {
			return nil, fmt.Errorf("%s: answer path %q must be section.key", where, f.Path)
		}
		f.Kinds = r.AppliesTo
		f.Requirements = []string{r.ID}
	}
	return r, nil
}

// buildFields merges the answer fields of every requirement: a field is
// defined (type and question) once and may be listed by path alone elsewhere.
func (c *Catalog) buildFields() error {
	byPath := map[string]*Field{}
	var order []string
	add := func(f Field, who string) error {
		prev, ok := byPath[f.Path]
		if !ok {
			cp := f
			cp.Kinds = append([]string(nil), f.Kinds...)
			byPath[f.Path] = &cp
			order = append(order, f.Path)
			return nil
		}
		if f.Type != "" {
			if prev.Type != "" && (prev.Type != f.Type || prev.List != f.List) {
				return fmt.Errorf("catalogue: answer %s is defined twice with different types (%s and %s, in %s)", f.Path, prev.Type, f.Type, who)
			}
			if prev.Type == "" {
				kinds, reqs := prev.Kinds, prev.Requirements
				*prev = f
				prev.Kinds, prev.Requirements = kinds, reqs
			}
		}
		for _, k := range f.Kinds {
			if !oneOf(k, prev.Kinds...) {
				prev.Kinds = append(prev.Kinds, k)
			}
		}
		prev.Requirements = append(prev.Requirements, f.Requirements...)
		return nil
	}
	for _, f := range c.entryFields {
		if err := add(f, "package mpassaudit"); err != nil {
			return err
		}
	}
	for _, r := range c.Requirements {
		for _, f := range r.Answers {
			if err := add(f, r.ID); err != nil {
				return err
			}
		}
	}
	for _, p := range order {
		f := byPath[p]
		if f.Type == "" {
			return fmt.Errorf("catalogue: answer %s has no type: define it (type, question) in one requirement (%s)", p, strings.Join(f.Requirements, ", "))
		}
		if !oneOf(f.Type, FieldTypes...) {
			return fmt.Errorf("catalogue: answer %s has unknown type %q (one of %s)", p, f.Type, strings.Join(FieldTypes, ", "))
		}
		if f.Probe != "" && !oneOf(f.Probe, ProbeKinds...) {
			return fmt.Errorf("catalogue: answer %s has unknown probe %q (one of %s)", p, f.Probe, strings.Join(ProbeKinds, ", "))
		}
		if f.Type == "enum" && len(f.Values) == 0 {
			return fmt.Errorf("catalogue: answer %s is an enum without values", p)
		}
		if f.Question.FI == "" || f.Question.SV == "" || f.Question.EN == "" {
			return fmt.Errorf("catalogue: answer %s needs a question in fi, sv and en", p)
		}
		c.fields = append(c.fields, *f)
	}
	return nil
}

// Requirement returns the requirement with an ID, or nil.
func (c *Catalog) Requirement(id string) *Requirement { return c.byID[id] }

// Fields returns the answer fields asked of a member kind ("" for all), in
// catalogue order: the member section first, then by first use.
func (c *Catalog) Fields(kind string) []Field {
	var out []Field
	for _, f := range c.fields {
		if kind == "" || oneOf(kind, f.Kinds...) {
			out = append(out, f)
		}
	}
	return out
}

// Field returns the field at a dotted path, or false.
func (c *Catalog) Field(p string) (Field, bool) {
	for _, f := range c.fields {
		if f.Path == p {
			return f, true
		}
	}
	return Field{}, false
}

// Area returns the area with an id; an unknown id gets the id as its name.
func (c *Catalog) Area(id string) Area {
	for _, a := range c.Areas {
		if a.ID == id {
			return a
		}
	}
	return Area{ID: id, FI: id, SV: id, EN: id, Order: len(c.Areas)}
}

// ForKind returns the requirements that apply to a member kind, by ID.
func (c *Catalog) ForKind(kind string) []*Requirement {
	var out []*Requirement
	for _, r := range c.Requirements {
		if r.AppliesToKind(kind) {
			out = append(out, r)
		}
	}
	return out
}

// SourceFile returns the module file names in a stable order.
func (c *Catalog) SourceFiles() []string {
	names := make([]string, 0, len(c.Modules))
	for n := range c.Modules {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func remarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

func oneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}
