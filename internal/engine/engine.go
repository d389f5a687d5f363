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
// into results.
func Decode(v any) ([]Result, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out []Result
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("the catalogue returned results of an unexpected shape: %w", err)
	}
	return out, nil
}
