package probe

import (
	"context"

	"github.com/mpassaudit/mpassaudit/internal/probe/oidcclient"
)

// oidcKind reads an OIDC client registration (the management service's
// record or RFC 7591 client metadata) from a file or an https URL and, given
// the issuer, the provider's discovery document.
type oidcKind struct{}

func init() { Register(oidcKind{}) }

func (oidcKind) Name() string { return oidcclient.Kind }

func (oidcKind) Run(ctx context.Context, t Target, env Env) any {
	return oidcclient.ProbeWithIssuer(ctx, t.Value, t.With["issuer"], env.Net, env.Timeout, env.Now)
}

// Hosts are the redirect URIs' and the provider's endpoints.
func (oidcKind) Hosts(r any) []string {
	res, _ := r.(*oidcclient.Result)
	if res == nil {
		return nil
	}
	return res.Hosts()
}

func (oidcKind) Local(target string) bool { return !isURL(target) }

func (oidcKind) Usage() (string, string) {
	return "an OIDC client registration (management-service record or RFC 7591 client metadata) from a file or an https URL", "FILE|URL"
}

func (oidcKind) Params() map[string]string {
	return map[string]string{"issuer": "the OpenID Provider's issuer `URL`: its /.well-known/openid-configuration is read too"}
}
