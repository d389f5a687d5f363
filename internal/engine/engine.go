// Package engine evaluates the catalogue with OPA. The query is prepared once
// per catalogue and reused for every audit, so a batch of audits never
// recompiles the policies.
package engine

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
)

// Result is one requirement's result as the catalogue's entry point returns
// it: language-neutral, with the message in fi, sv and en.
type Result struct {
	ID       string           `json:"id"`
	Area     string           `json:"area"`
	Severity string           `json:"severity"`
	Status   string           `json:"status"`
	Message  catalog.Text     `json:"message"`
	Evidence []map[string]any `json:"evidence"`
}

// Engine holds a prepared query over one catalogue.
type Engine struct {
	Catalog *catalog.Catalog
	query   rego.PreparedEvalQuery
}

// New compiles the catalogue and prepares its entry point.
func New(ctx context.Context, cat *catalog.Catalog) (*Engine, error) {
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

// Evaluate runs the entry point over one input document. It is safe for
// concurrent use.
func (e *Engine) Evaluate(ctx context.Context, input map[string]any) ([]Result, error) {
	rs, err := e.query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluating the catalogue: %w", err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, fmt.Errorf("evaluating the catalogue: %s is undefined", catalog.EntryPoint)
	}
	return Decode(rs[0].Expressions[0].Value)
}

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
