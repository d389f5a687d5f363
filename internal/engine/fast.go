package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// The fast path. Profiling one audit showed that more than half of its time
// went to lib.result: the same generic work (applicability, environment,
// unanswered questions, severity, evidence of the answers) redone in Rego
// for every requirement of every audit, on the requirement's METADATA. The
// fast path evaluates only each requirement's own verdict in Rego and does
// the generic work here, from METADATA read once per catalogue.
//
// It is a port of lib.result, so it is used only when the catalogue's
// lib.result and entry point are the ones it was ported from (libFingerprint):
// a catalogue with another lib, or a changed one, is evaluated by the plain
// entry point, and TestFastPathIsUsed says so for the embedded catalogue.
// The equivalence tests compare both paths on every example and on 1,800
// generated inputs.

// fastPackage is the package of the generated rules.
const fastPackage = "mpassaudit_engine_fast"

// verdictPrefix names the generated verdict rule beside each requirement rule.
const verdictPrefix = "mpassaudit_engine_verdict_"

// libRules are the rules whose source the fast path mirrors, in the package
// they live in.
var libRules = map[string][]string{
	"mpassaudit.lib": {"result", "_effective", "_reported", "_all_environments", "_area", "answer", "unanswered", "not_applicable", "_ns", "upcoming", "_in_force", "_mandatory_from", "_date"},
	"mpassaudit":     {"results", "_by_id"},
}

// libFingerprint is the digest of libRules as the fast path implements them.
// When lib.rego changes one of them, port the change to fastResult and
// update this value (TestFastPathIsUsed prints the new one).
const libFingerprint = "sha256:d6492d6c07549b074daa503f340e63d1357bfc02de57fb489810fcb5775a9f35"

// fingerprint digests the source of libRules in a catalogue.
func fingerprint(mods map[string]*ast.Module) string {
	var parts []string
	for _, m := range mods {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		names, ok := libRules[pkg]
		if !ok {
			continue
		}
		for _, r := range m.Rules {
			for _, n := range names {
				if r.Head.Name.String() == n || (len(r.Head.Reference) > 0 && r.Head.Reference[0].String() == n) {
					parts = append(parts, pkg+"."+n+"\x00"+r.String())
				}
			}
		}
	}
	sort.Strings(parts)
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// fastRule is one requirement as the fast path judges it: its METADATA,
// read once per catalogue.
type fastRule struct {
	id, area, severity string
	severityByEnv      map[string]string
	environments       []string
	fields             []fastField
	// effective, when set, is the date the requirement is mandatory from
	// (lib._in_force); mandatoryFrom is it as messages write it.
	effective     time.Time
	mandatoryFrom string
	// full: the rule is not of the form `x := lib.result(rego.metadata.chain(), verdict)`,
	// so the generated rule yields its whole result, judged by the catalogue.
	full bool
}

type fastField struct {
	path, section, key string
	optional           bool
	pathTerm           *ast.Term
}

// plan generates the fast path's modules for a catalogue: a verdict rule
// beside each requirement rule, in the requirement's package, and
// data.mpassaudit_engine_fast.results[kind][id] = [tag, value].
func plan(cat *catalog.Catalog, groups int) (map[string]*ast.Module, map[string]*fastRule, error) {
	list := make([]*ast.Module, 0, len(cat.Modules))
	for _, name := range cat.SourceFiles() {
		list = append(list, cat.Modules[name])
	}
	as, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	rules := map[string]*fastRule{}
	var entries []entry
	verdicts := map[string]*strings.Builder{} // generated module text by source file
	var results strings.Builder
	fmt.Fprintf(&results, "package %s\n\n", fastPackage)
	for _, req := range cat.Requirements {
		mod := cat.Modules[req.File]
		prefix, ok := requirementPrefix(mod.Package.Path)
		if !ok {
			continue // the entry point does not list it: nor does the fast path
		}
		fr := &fastRule{
			id: req.ID, severity: req.Severity, severityByEnv: req.SeverityByEnv,
			environments: req.Environments, area: "general", full: true,
		}
		if req.EffectiveFrom != "" {
			fr.effective, fr.mandatoryFrom = req.Effective(), req.MandatoryFrom()
		}
		for _, f := range req.Answers {
			sec, key, _ := strings.Cut(f.Path, ".")
			fr.fields = append(fr.fields, fastField{path: f.Path, section: sec, key: key, optional: f.Optional, pathTerm: ast.StringTerm(f.Path)})
		}
		value := "[\"r\", data." + req.Rule + "]"
		if rule := findRule(mod, req); rule != nil {
			chain := as.Chain(rule)
			v := verdictOf(mod, rule)
			name := rule.Head.Name.String()
			err := errNotFast
			if len(chain) > 0 && chain[0].Annotations.Custom["id"] == req.ID && v != nil && !hasRule(mod, verdictPrefix+name) {
				err = fr.read(chain)
				if err != nil && err != errNotFast {
					return nil, nil, fmt.Errorf("%s:%d: %w", req.File, req.Line, err)
				}
			}
			if err == nil {
				b := verdicts[req.File]
				if b == nil {
					b = &strings.Builder{}
					fmt.Fprintf(b, "package %s\n\n", strings.TrimPrefix(mod.Package.Path.String(), "data."))
					for _, imp := range mod.Imports {
						fmt.Fprintf(b, "%s\n", imp)
					}
					verdicts[req.File] = b
				}
				fmt.Fprintf(b, "\n%s%s := %s", verdictPrefix, name, v)
				if !rule.Body.Equal(ast.NewBody(ast.NewExpr(ast.BooleanTerm(true)))) {
					fmt.Fprintf(b, " if {\n\t%s\n}", rule.Body)
				}
				b.WriteString("\n")
				value = "[\"v\", " + mod.Package.Path.String() + "." + verdictPrefix + name + "]"
				fr.full = false
			}
		}
		rules[req.ID] = fr
		// The entry point lists a rule only from the packages
		// data.mpassaudit.requirements[_prefix[kind]][area] (main.rego), and
		// lib.result only for a kind in applies_to: both are kept.
		for _, kind := range req.AppliesTo {
			entries = append(entries, entry{kind: kind, id: req.ID, value: value, prefix: prefix, pkg: mod.Package.Path.String()})
		}
	}
	for _, e := range entries {
		fmt.Fprintf(&results, "results[%q][%q][%q] := %s if data.mpassaudit._prefix[%q] == %q\n\n", e.kind, groupOf(entries, e, groups), e.id, e.value, e.kind, e.prefix)
	}
	out := map[string]*ast.Module{}
	m, err := ast.ParseModuleWithOpts(fastPackage+".rego", results.String(), catalog.ParseOptions)
	if err != nil {
		return nil, nil, fmt.Errorf("generating the fast path: %w", err)
	}
	out[fastPackage+".rego"] = m
	for file, b := range verdicts {
		name := fastPackage + "/" + file
		m, err := ast.ParseModuleWithOpts(name, b.String(), catalog.ParseOptions)
		if err != nil {
			return nil, nil, fmt.Errorf("generating the fast path for %s: %w", file, err)
		}
		out[name] = m
	}
	return out, rules, nil
}

type entry struct{ kind, id, value, prefix, pkg string }

// groupOf puts a kind's requirements into groups of about equal size, a
// package always whole (its rules share helpers, evaluated once per
// query): one audit can then be judged by one query per group at once.
func groupOf(entries []entry, e entry, groups int) string {
	count := map[string]int{}
	for _, x := range entries {
		if x.kind == e.kind {
			count[x.pkg]++
		}
	}
	pkgs := make([]string, 0, len(count))
	for p := range count {
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(i, j int) bool {
		if count[pkgs[i]] != count[pkgs[j]] {
			return count[pkgs[i]] > count[pkgs[j]]
		}
		return pkgs[i] < pkgs[j]
	})
	load := make([]int, max(groups, 1))
	for _, p := range pkgs {
		g := 0
		for i := range load {
			if load[i] < load[g] {
				g = i
			}
		}
		load[g] += count[p]
		if p == e.pkg {
			return fmt.Sprintf("g%d", g)
		}
	}
	return "g0"
}

// findRule returns the requirement's rule when it is the only rule of its
// name in the module.
func findRule(mod *ast.Module, req *catalog.Requirement) *ast.Rule {
	var found *ast.Rule
	for _, r := range mod.Rules {
		if strings.TrimPrefix(mod.Package.Path.String()+"."+r.Head.Name.String(), "data.") == req.Rule {
			if found != nil {
				return nil
			}
			found = r
		}
	}
	return found
}

// read takes what lib.result reads from the rule's METADATA chain: the
// area (the first link that names one) and environments as written (an
// empty list means none, where the catalogue loader's default is all).
func (fr *fastRule) read(chain ast.AnnotationsRefSet) error {
	if raw, ok := chain[0].Annotations.Custom["environments"]; ok {
		list, _ := raw.([]any)
		fr.environments = make([]string, 0, len(list))
		for _, e := range list {
			s, ok := e.(string)
			if !ok {
				return fmt.Errorf("environments: %v is not a string", e)
			}
			fr.environments = append(fr.environments, s)
		}
	}
	areas := map[any]bool{}
	for _, link := range chain {
		if a, ok := link.Annotations.Custom["area"]; ok {
			areas[a] = true
			fr.area, _ = a.(string)
		}
	}
	if len(areas) > 1 || (len(areas) == 1 && fr.area == "") {
		// lib._area would fail or give a non-string: the catalogue judges.
		return errNotFast
	}
	if len(areas) == 0 {
		fr.area = "general"
	}
	return nil
}

var errNotFast = errors.New("not for the fast path")

func hasRule(mod *ast.Module, name string) bool {
	for _, r := range mod.Rules {
		if r.Head.Name.String() == name {
			return true
		}
	}
	return false
}

// verdictOf returns V when rule is `name := lib.result(rego.metadata.chain(), V)`
// (no arguments, no else, no other metadata call), else nil.
func verdictOf(mod *ast.Module, rule *ast.Rule) *ast.Term {
	if rule.Else != nil || len(rule.Head.Args) > 0 || len(rule.Head.Reference) != 1 || rule.Head.Value == nil || rule.Head.Key != nil {
		return nil
	}
	call, ok := rule.Head.Value.Value.(ast.Call)
	if !ok || len(call) != 3 || !isLibResult(mod, call[0]) {
		return nil
	}
	chain, ok := call[1].Value.(ast.Call)
	if !ok || len(chain) != 1 || chain[0].String() != "rego.metadata.chain" {
		return nil
	}
	v := call[2]
	metadata := false
	ast.WalkTerms(v, func(t *ast.Term) bool {
		if r, ok := t.Value.(ast.Ref); ok && strings.HasPrefix(r.String(), "rego.metadata") {
			metadata = true
		}
		return metadata
	})
	ast.WalkTerms(rule.Body, func(t *ast.Term) bool {
		if r, ok := t.Value.(ast.Ref); ok && strings.HasPrefix(r.String(), "rego.metadata") {
			metadata = true
		}
		return metadata
	})
	if metadata {
		return nil
	}
	return v
}

// isLibResult reports whether op names data.mpassaudit.lib.result in mod.
func isLibResult(mod *ast.Module, op *ast.Term) bool {
	ref, ok := op.Value.(ast.Ref)
	if !ok {
		return false
	}
	s := ref.String()
	if s == "data.mpassaudit.lib.result" {
		return true
	}
	head, rest, ok := strings.Cut(s, ".")
	if !ok || rest != "result" {
		return false
	}
	for _, imp := range mod.Imports {
		path := imp.Path.String()
		alias := imp.Alias.String()
		if alias == "" {
			alias = path[strings.LastIndex(path, ".")+1:]
		}
		if path == "data.mpassaudit.lib" && alias == head {
			return true
		}
	}
	return false
}

// requirementPrefix returns p for a package data.mpassaudit.requirements.p.area,
// the only packages whose rules the entry point lists.
func requirementPrefix(path ast.Ref) (string, bool) {
	if len(path) != 5 || path.String() == "" || !strings.HasPrefix(path.String(), "data.mpassaudit.requirements.") {
		return "", false
	}
	p, ok := path[3].Value.(ast.String)
	if _, area := path[4].Value.(ast.String); !ok || !area {
		return "", false
	}
	return string(p), true
}

// fastPath is the prepared fast query and the METADATA it judges with.
type fastPath struct {
	query  rego.PreparedEvalQuery   // every group of the member's kind
	groups []rego.PreparedEvalQuery // one group each, for one audit on many cores
	keys   []*ast.Term              // the groups' keys
	rules  map[string]*fastRule
}

// fastQuery is the fast path's query: the verdicts of the member's kind.
const fastQuery = "data." + fastPackage + ".results[input.member.kind]"

var (
	keyStatus     = ast.InternedTerm("status")
	keyMessage    = ast.InternedTerm("message")
	keyEvidence   = ast.InternedTerm("evidence")
	keyUnanswered = ast.InternedTerm("unanswered")
	keyAnswers    = ast.InternedTerm("answers")
	keyEnv        = ast.InternedTerm("environment")
	keyFI         = ast.InternedTerm("fi")
	keySV         = ast.InternedTerm("sv")
	keyEN         = ast.InternedTerm("en")
)

// judge turns the fast query's value into results as the entry point would
// give them. ok is false when the value holds something lib.result would
// not turn into a result in the usual way (a verdict that is not an object,
// a status that is not a string, evidence that is not a list): the caller
// then evaluates the entry point itself, so that it says what it says.
func (f *fastPath) judge(v ast.Value, in ast.Object) ([]Result, bool) {
	byGroup, ok := v.(ast.Object)
	if !ok {
		return nil, false
	}
	byID := ast.NewObject()
	fail := false
	byGroup.Foreach(func(_, g *ast.Term) {
		o, ok := g.Value.(ast.Object)
		if !ok {
			fail = true
			return
		}
		o.Foreach(byID.Insert)
	})
	if fail {
		return nil, false
	}
	envT := in.Get(keyEnv)
	if envT == nil {
		return nil, false
	}
	env, ok := envT.Value.(ast.String)
	if !ok {
		return nil, false
	}
	answers, _ := valueOf(in, "answers").(ast.Object)
	var now time.Time // zero: input.now is not a time, so nothing is upcoming
	if s, ok := valueOf(in, "now").(ast.String); ok {
		now, _ = time.Parse(time.RFC3339, string(s))
	}
	out := make([]Result, 0, byID.Len())
	byID.Foreach(func(k, t *ast.Term) {
		if fail {
			return
		}
		id, _ := k.Value.(ast.String)
		fr := f.rules[string(id)]
		pair, ok := t.Value.(*ast.Array)
		if fr == nil || !ok || pair.Len() != 2 {
			fail = true
			return
		}
		tag, _ := pair.Elem(0).Value.(ast.String)
		if tag == "r" {
			rs, ok := decodeTerm(ast.NewArray(pair.Elem(1)))
			if !ok {
				fail = true
				return
			}
			out = append(out, rs...)
			return
		}
		verdict, ok := pair.Elem(1).Value.(ast.Object)
		if !ok {
			fail = true
			return
		}
		r, msg, keep, ok := fr.result(verdict, string(env), answers)
		if ok && keep {
			ok = fr.inForce(&r, msg, now)
		}
		if !ok {
			fail = true
			return
		}
		if keep {
			out = append(out, r)
		}
	})
	if fail {
		return nil, false
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, true
}

// result is lib.result for one verdict. keep is false where lib.result is
// undefined (a verdict without status or message).
func (fr *fastRule) result(verdict ast.Object, env string, answers ast.Object) (r Result, msg ast.Value, keep, ok bool) {
	sev := fr.severity
	if s, ok := fr.severityByEnv[env]; ok {
		sev = s
	}
	// the values each field's answer has, as lib.answer reads them
	values := make([]*ast.Term, len(fr.fields))
	if answers != nil {
		for i, f := range fr.fields {
			st := answers.Get(ast.InternedTerm(f.section))
			if st == nil {
				continue
			}
			if sec, ok := st.Value.(ast.Object); ok {
				if a := sec.Get(ast.InternedTerm(f.key)); a != nil {
					if _, null := a.Value.(ast.Null); !null {
						values[i] = a
					}
				}
			}
		}
	}
	r = Result{ID: fr.id, Area: fr.area, Severity: sev}
	var status, evidence, unanswered *ast.Term
	switch {
	case !contains(fr.environments, env):
		r.Status = "not_applicable"
		r.Message = catalog.Text{
			FI: "Ei koske ympäristöä " + env + ".",
			SV: "Gäller inte miljön " + env + ".",
			EN: "Does not apply to the " + env + " environment.",
		}
		r.Evidence = fr.answerEvidence(values, 0)
		return r, nil, true, true
	case isString(verdict.Get(keyStatus), "not_applicable"):
	default:
		var missing []string
		for i, f := range fr.fields {
			if values[i] == nil && !f.optional {
				missing = append(missing, f.path)
			}
		}
		if len(missing) > 0 {
			list := strings.Join(missing, ", ")
			r.Status = "unanswered"
			r.Message = catalog.Text{
				FI: "Kysymykseen ei ole vastattu: " + list + ".",
				SV: "Frågan är obesvarad: " + list + ".",
				EN: "Not answered: " + list + ".",
			}
			r.Unanswered = missing
			r.Status = reported(sev, r.Status)
			r.Evidence = fr.answerEvidence(values, 0)
			return r, nil, true, true
		}
	}
	status, message := verdict.Get(keyStatus), verdict.Get(keyMessage)
	if status == nil || message == nil {
		return r, nil, false, true
	}
	s, ok := status.Value.(ast.String)
	if !ok || s == "" {
		return r, nil, false, false
	}
	r.Status = reported(sev, string(s))
	if m, ok := message.Value.(ast.Object); ok {
		r.Message = catalog.Text{FI: termStr(m, "fi"), SV: termStr(m, "sv"), EN: termStr(m, "en")}
	}
	if unanswered = verdict.Get(keyUnanswered); unanswered != nil {
		if ua, ok := unanswered.Value.(*ast.Array); ok {
			for j := range ua.Len() {
				if s, ok := ua.Elem(j).Value.(ast.String); ok {
					r.Unanswered = append(r.Unanswered, string(s))
				}
			}
		}
	}
	var ev *ast.Array
	if evidence = verdict.Get(keyEvidence); evidence != nil {
		if ev, ok = evidence.Value.(*ast.Array); !ok {
			return r, nil, false, false // array.concat fails: the catalogue says how
		}
	}
	n := 0
	if ev != nil {
		n = ev.Len()
	}
	r.Evidence = fr.answerEvidence(values, n)
	for j := range n {
		em, ok := ev.Elem(j).Value.(ast.Object)
		if !ok {
			continue
		}
		x, err := toGo(em)
		if err != nil {
			return r, nil, false, false
		}
		r.Evidence = append(r.Evidence, x.(map[string]any))
	}
	return r, message.Value, true, true
}

// inForce is lib._in_force: before effective_from, a failure warns and its
// message says from when the requirement is mandatory. msg is the verdict's
// message (nil: one of lib's own, in all three languages). ok is false for
// a message lib would format otherwise (a text that is not a string).
func (fr *fastRule) inForce(r *Result, msg ast.Value, now time.Time) bool {
	if r.Status != "fail" || fr.effective.IsZero() || now.IsZero() || !now.Before(fr.effective) {
		return true
	}
	texts := []*string{&r.Message.FI, &r.Message.SV, &r.Message.EN}
	if msg != nil {
		m, isObj := msg.(ast.Object)
		if !isObj {
			return true // lib leaves it failing
		}
		for i, k := range []*ast.Term{keyFI, keySV, keyEN} {
			t := m.Get(k)
			if t == nil {
				texts[i] = nil // absent in lib's message too
				continue
			}
			if _, ok := t.Value.(ast.String); !ok {
				return false
			}
		}
	}
	r.Status = "warn"
	for i, format := range []string{"%s — pakollinen %s alkaen.", "%s — obligatoriskt från %s.", "%s — mandatory from %s."} {
		if texts[i] != nil {
			*texts[i] = fmt.Sprintf(format, *texts[i], fr.mandatoryFrom)
		}
	}
	return true
}

// answerEvidence is an evidence entry for every answer given, with room
// for extra more.
func (fr *fastRule) answerEvidence(values []*ast.Term, extra int) []map[string]any {
	out := make([]map[string]any, 0, len(values)+extra)
	for i, a := range values {
		if a == nil {
			continue
		}
		v, err := toGo(a.Value)
		if err != nil {
			continue
		}
		out = append(out, map[string]any{"kind": "answer", "path": fr.fields[i].path, "value": v})
	}
	return out
}

// reported is lib._reported: a should or info requirement that fails, or
// is unanswered, warns; an unanswered must fails.
func reported(sev, status string) string {
	switch {
	case status == "unanswered" && sev == "must":
		return "fail"
	case (status == "unanswered" || status == "fail") && sev != "must":
		return "warn"
	}
	return status
}

func isString(t *ast.Term, s string) bool {
	if t == nil {
		return false
	}
	v, ok := t.Value.(ast.String)
	return ok && string(v) == s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
