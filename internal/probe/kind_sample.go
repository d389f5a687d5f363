package probe

import (
	"context"
	"fmt"

	"github.com/mpassaudit/mpassaudit/internal/probe/sample"
)

// sampleKind reads a sample export of test users from a file.
type sampleKind struct{}

func init() { Register(sampleKind{}) }

func (sampleKind) Name() string { return sample.Kind }

func (sampleKind) Run(ctx context.Context, t Target, env Env) any {
	if isURL(t.Value) {
		return failed(sample.Kind, t.Value, env.Now, fmt.Errorf("%s: a sample export is read from a file; save it and give its path", t.Value))
	}
	return sample.Probe(ctx, t.Value, env.Now)
}

func (sampleKind) Hosts(any) []string { return nil }

func (sampleKind) Local(string) bool { return true }

func (sampleKind) Usage() (string, string) {
	return "a sample export of test users (CSV, JSON or a SAML response) against data model 1.4", "FILE"
}
