package probe

import (
	"context"

	"github.com/mpassaudit/mpassaudit/internal/probe/httpprobe"
)

// httpKind fetches an https page: status, final URL after redirects, HSTS.
type httpKind struct{}

func init() { Register(httpKind{}) }

func (httpKind) Name() string { return httpprobe.Kind }

func (httpKind) Run(ctx context.Context, t Target, env Env) any {
	return httpprobe.Probe(ctx, t.Value, env.Net, env.Timeout, env.Now)
}

func (httpKind) Hosts(any) []string { return nil }

func (httpKind) Local(string) bool { return false }

func (httpKind) Usage() (string, string) {
	return "an https URL: status, final URL after redirects, HSTS", "URL"
}
