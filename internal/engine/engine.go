// Package engine evaluates the catalogue with OPA. The query is prepared once
// per catalogue and reused for every audit, so a batch of audits never
// recompiles the policies.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// Result is one requirement's result as the catalogue's entry point returns
// it: language-neutral, with the message in fi, sv and en.
type Result struct {
	ID       string       `json:"id"`
	Area     string       `json:"area"`
	Severity string       `json:"severity"`
	Status   string       `json:"status"`
	Message  catalog.Text `json:"message"`
	// Unanswered are the questions the result is missing, as answer paths.
	Unanswered []string         `json:"unanswered"`
	Evidence   []map[string]any `json:"evidence"`
}

// Engine holds a prepared query over one catalogue.
type Engine struct {
	Catalog *catalog.Catalog
	query   rego.PreparedEvalQuery
	fast    *fastPath // nil: every audit evaluates the entry point
	busy    atomic.Int32
	// Split judges an audit that is the only one being judged with one
	// query per group of requirements, on every core. It lowers the wall
	// time of one audit only on an idle machine: measured here under other
	// load it cost more than it saved, so it is off unless a caller sets
	// it (before use). A batch always gets one query per audit.
	Split bool
}

// New compiles the catalogue and prepares its entry point, and the fast
// path (fast.go) when the catalogue's lib.result is the one it mirrors.
func New(ctx context.Context, cat *catalog.Catalog) (*Engine, error) {
	if fingerprint(cat.Modules) == libFingerprint {
		return newFast(ctx, cat)
	}
	return NewReference(ctx, cat)
}

// NewReference prepares only the entry point: every audit is judged by
// data.mpassaudit.results, as `opa eval` judges it.
func NewReference(ctx context.Context, cat *catalog.Catalog) (*Engine, error) {
	opts := []func(*rego.Rego){rego.Query(catalog.EntryPoint)}
	for _, name := range cat.SourceFiles() {
		opts = append(opts, rego.ParsedModule(cat.Modules[name]))
	}
	pq, err := rego.New(opts...).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("compiling the catalogue: %w", err)
	}
	return &Engine{Catalog: cat, query: pq}, nil
}

func newFast(ctx context.Context, cat *catalog.Catalog) (*Engine, error) {
	groups := min(runtime.GOMAXPROCS(0), 4)
	gen, rules, err := plan(cat, groups)
	if err != nil {
		return nil, err
	}
	mods := make(map[string]*ast.Module, len(cat.Modules)+len(gen))
	for name, m := range cat.Modules {
		mods[name] = m
	}
	for name, m := range gen {
		mods[name] = m
	}
	// One compilation serves both queries.
	c := ast.NewCompiler()
	if c.Compile(mods); c.Failed() {
		return nil, fmt.Errorf("compiling the catalogue: %w", c.Errors)
	}
	ref, err := rego.New(rego.Compiler(c), rego.Query(catalog.EntryPoint)).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("compiling the catalogue: %w", err)
	}
	fq, err := rego.New(rego.Compiler(c), rego.Query(fastQuery)).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("compiling the catalogue: %w", err)
	}
	fp := &fastPath{query: fq, rules: rules}
	for g := range groups {
		key := fmt.Sprintf("g%d", g)
		q, err := rego.New(rego.Compiler(c), rego.Query(fmt.Sprintf("%s[%q]", fastQuery, key))).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("compiling the catalogue: %w", err)
		}
		fp.groups = append(fp.groups, q)
		fp.keys = append(fp.keys, ast.StringTerm(key))
	}
	return &Engine{Catalog: cat, query: ref, fast: fp}, nil
}

// evalFast evaluates the fast query: group by group at once when Split is
// set and this is the only audit being judged.
func (e *Engine) evalFast(ctx context.Context, in ast.Object) (ast.Value, bool, error) {
	n := e.busy.Add(1)
	defer e.busy.Add(-1)
	if n > 1 || len(e.fast.groups) < 2 || !e.Split {
		rs, err := e.fast.query.Eval(ctx, rego.EvalParsedInput(in), rego.EvalGenerateJSON(rawValue))
		if err != nil || len(rs) == 0 || len(rs[0].Expressions) == 0 {
			return nil, false, err
		}
		v, ok := rs[0].Expressions[0].Value.(ast.Value)
		return v, ok, nil
	}
	vals := make([]ast.Value, len(e.fast.groups))
	errs := make([]error, len(e.fast.groups))
	var wg sync.WaitGroup
	for i, q := range e.fast.groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs, err := q.Eval(ctx, rego.EvalParsedInput(in), rego.EvalGenerateJSON(rawValue))
			if err != nil {
				errs[i] = err
				return
			}
			if len(rs) > 0 && len(rs[0].Expressions) > 0 {
				vals[i], _ = rs[0].Expressions[0].Value.(ast.Value)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, false, err
	}
	out := ast.NewObject()
	for i, v := range vals {
		if v != nil {
			out.Insert(e.fast.keys[i], ast.NewTerm(v))
		}
	}
	return out, out.Len() > 0, nil
}

// Fast reports whether audits take the fast path.
func (e *Engine) Fast() bool { return e.fast != nil }

// Evaluate runs the entry point over one input document. It is safe for
// concurrent use.
func (e *Engine) Evaluate(ctx context.Context, input map[string]any) ([]Result, error) {
	v, err := ast.InterfaceToValue(input)
	if err != nil {
		return nil, fmt.Errorf("evaluating the catalogue: the input: %w", err)
	}
	in, ok := v.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("evaluating the catalogue: the input is %T, want an object", input)
	}
	if e.fast != nil {
		v, defined, err := e.evalFast(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("evaluating the catalogue: %w", err)
		}
		if !defined {
			return []Result{}, nil // a kind the catalogue has no requirements for
		}
		if out, ok := e.fast.judge(v, in); ok {
			return out, nil
		}
		// Something unusual in a verdict: the entry point says what it is.
	}
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(in), rego.EvalGenerateJSON(generate))
	if err != nil {
		return nil, fmt.Errorf("evaluating the catalogue: %w", err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, fmt.Errorf("evaluating the catalogue: %s is undefined", catalog.EntryPoint)
	}
	if out, ok := rs[0].Expressions[0].Value.([]Result); ok {
		return out, nil
	}
	return Decode(rs[0].Expressions[0].Value)
}

func rawValue(t *ast.Term, _ *rego.EvalContext) (any, error) { return t.Value, nil }

// generate reads the entry point's value straight from OPA's terms: turning
// them into map[string]any first, as OPA does by default, cost a tenth of
// an audit's allocations. A value Decode would refuse is handed on as JSON,
// so that Decode reports it exactly as it does for `opa eval` output.
func generate(t *ast.Term, _ *rego.EvalContext) (any, error) {
	if out, ok := decodeTerm(t.Value); ok {
		return out, nil
	}
	return ast.JSON(t.Value)
}

func decodeTerm(v ast.Value) ([]Result, bool) {
	list, ok := v.(*ast.Array)
	if !ok {
		return nil, false
	}
	out := make([]Result, 0, list.Len())
	for i := range list.Len() {
		m, ok := list.Elem(i).Value.(ast.Object)
		if !ok {
			return nil, false
		}
		r := Result{ID: termStr(m, "id"), Area: termStr(m, "area"), Severity: termStr(m, "severity"), Status: termStr(m, "status")}
		if r.ID == "" || r.Status == "" {
			return nil, false
		}
		if msg, ok := valueOf(m, "message").(ast.Object); ok {
			r.Message = catalog.Text{FI: termStr(msg, "fi"), SV: termStr(msg, "sv"), EN: termStr(msg, "en")}
		}
		if ua, ok := valueOf(m, "unanswered").(*ast.Array); ok {
			for j := range ua.Len() {
				if s, ok := ua.Elem(j).Value.(ast.String); ok {
					r.Unanswered = append(r.Unanswered, string(s))
				}
			}
		}
		ev, _ := valueOf(m, "evidence").(*ast.Array)
		n := 0
		if ev != nil {
			n = ev.Len()
		}
		r.Evidence = make([]map[string]any, 0, n)
		for j := range n {
			em, ok := ev.Elem(j).Value.(ast.Object)
			if !ok {
				continue
			}
			x, err := toGo(em)
			if err != nil {
				return nil, false
			}
			r.Evidence = append(r.Evidence, x.(map[string]any))
		}
		out = append(out, r)
	}
	return out, true
}

func valueOf(m ast.Object, key string) ast.Value {
	if t := m.Get(ast.InternedTerm(key)); t != nil {
		return t.Value
	}
	return nil
}

func termStr(m ast.Object, key string) string {
	s, _ := valueOf(m, key).(ast.String)
	return string(s)
}

// toGo converts a term as ast.JSON and then normalise would.
func toGo(v ast.Value) (any, error) {
	switch x := v.(type) {
	case ast.Null:
		return nil, nil
	case ast.Boolean:
		return bool(x), nil
	case ast.Number:
		return normalise(json.Number(x)), nil
	case ast.String:
		return string(x), nil
	case *ast.Array:
		out := make([]any, x.Len())
		for i := range out {
			e, err := toGo(x.Elem(i).Value)
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case ast.Object:
		out := make(map[string]any, x.Len())
		err := x.Iter(func(k, e *ast.Term) error {
			ks, ok := k.Value.(ast.String)
			if !ok {
				return errNonStringKey
			}
			ge, err := toGo(e.Value)
			out[string(ks)] = ge
			return err
		})
		if err == errNonStringKey {
			// the rare case keeps ast.JSON's key encoding
			j, err := ast.JSON(x)
			if err != nil {
				return nil, err
			}
			return normalise(j), nil
		}
		return out, err
	}
	j, err := ast.JSON(v)
	if err != nil {
		return nil, err
	}
	return normalise(j), nil
}

var errNonStringKey = errors.New("object key is not a string")

// Decode converts the entry point's value (as OPA or `opa eval` returns it)
// into results. The value is walked directly: a JSON round trip would cost
// as much as a small rule.
func Decode(v any) ([]Result, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("the catalogue returned %T, want a list of results", v)
	}
	out := make([]Result, 0, len(list))
	for i, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("the catalogue's result %d is %T, want an object", i, x)
		}
		r := Result{ID: str(m["id"]), Area: str(m["area"]), Severity: str(m["severity"]), Status: str(m["status"])}
		if r.ID == "" || r.Status == "" {
			return nil, fmt.Errorf("the catalogue's result %d has no id or status: %v", i, m)
		}
		if msg, ok := m["message"].(map[string]any); ok {
			r.Message = catalog.Text{FI: str(msg["fi"]), SV: str(msg["sv"]), EN: str(msg["en"])}
		}
		ua, _ := m["unanswered"].([]any)
		for _, p := range ua {
			if s, ok := p.(string); ok {
				r.Unanswered = append(r.Unanswered, s)
			}
		}
		ev, _ := m["evidence"].([]any)
		r.Evidence = make([]map[string]any, 0, len(ev))
		for _, e := range ev {
			if em, ok := e.(map[string]any); ok {
				r.Evidence = append(r.Evidence, normalise(em).(map[string]any))
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// normalise turns OPA's json.Number values into int64 or float64, as a JSON
// decoder of the tool's own output would give them.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalise(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalise(e)
		}
		return x
	}
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
