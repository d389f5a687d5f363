package probe

import (
	"context"

	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
)

// samlKind reads SAML 2.0 metadata from a file or an https URL.
type samlKind struct{}

func init() { Register(samlKind{}) }

func (samlKind) Name() string { return samlmd.Kind }

func (samlKind) Run(ctx context.Context, t Target, env Env) any {
	return samlmd.Probe(ctx, t.Value, env.Net, env.Timeout, env.Now, samlmd.Options{Prefer: t.Prefer, EntityID: t.Entity})
}

// Hosts are the service provider's ACS locations: their TLS is judged too.
func (samlKind) Hosts(r any) []string {
	md, _ := r.(*samlmd.Result)
	if md == nil || md.SP == nil {
		return nil
	}
	out := make([]string, 0, len(md.SP.ACS))
	for _, e := range md.SP.ACS {
		out = append(out, e.Location)
	}
	return out
}

func (samlKind) Local(target string) bool { return !isURL(target) }

func (samlKind) Usage() (string, string) {
	return "SAML 2.0 metadata from a file or an https URL", "FILE|URL"
}
