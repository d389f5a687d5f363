// Package oidcclient reads an OIDC client registration as evidence: the
// client metadata object of an MPASSid management-service record (a file
// with the record, or the services export holding one OIDC service), or a
// standard RFC 7591 client metadata document, from a file or an https URL.
// With an issuer it also reads the provider's discovery document
// (/.well-known/openid-configuration, OpenID Connect Discovery 1.0 4).
//
// The client secret is never kept: only whether one is registered.
package oidcclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mpassaudit/mpassaudit/internal/mgmt"
	"github.com/mpassaudit/mpassaudit/internal/probe/base"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
)

// Kind is the probe name used in answers fields and results.
const Kind = "oidc-client"

// DefaultAuthMethod is the token_endpoint_auth_method a registration
// without one gets (RFC 7591 2).
const DefaultAuthMethod = "client_secret_basic"

// Result is one client registration.
type Result struct {
	base.Meta
	// Source is "management-service" (an MPASSid record) or "rfc7591".
	Source string `json:"source"`
	// Integration is the record's id, when the registration is one.
	Integration             string   `json:"integration"`
	ClientID                string   `json:"client_id"`
	ClientSecretSet         bool     `json:"client_secret_set"`
	RedirectURIs            []string `json:"redirect_uris"`
	PostLogoutRedirectURIs  []string `json:"post_logout_redirect_uris"`
	ResponseTypes           []string `json:"response_types"`
	GrantTypes              []string `json:"grant_types"`
	Scopes                  []string `json:"scopes"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	// AuthMethodDefaulted: the registration names no method, so the
	// RFC 7591 default is reported.
	AuthMethodDefaulted bool `json:"auth_method_defaulted"`
	// Notes are fields of the document that were not understood.
	Notes []string `json:"notes"`
	// Provider is the issuer's discovery document (nil: no issuer given).
	Provider *Provider `json:"provider"`
}

// Provider is an OpenID Provider's discovery document.
type Provider struct {
	base.Meta
	Issuer                            string   `json:"issuer"`
	IssuerMatches                     bool     `json:"issuer_matches"` // issuer equals the one asked for
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	ScopesSupported                   []string `json:"scopes_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
}

// Probe reads the client registration at target (a file path or an https
// URL). It never returns an error: a failed probe has Status "error".
func Probe(ctx context.Context, target string, net safenet.Options, timeout time.Duration, now time.Time) *Result {
	r := &Result{Meta: base.NewMeta(Kind, target, now)}
	b, err := read(ctx, target, net, timeout)
	if err != nil {
		r.Fail(err)
		return r
	}
	r.Hash(b)
	if err := r.parse(target, b); err != nil {
		r.Fail(err)
	}
	return r
}

// ProbeWithIssuer is Probe plus the discovery document of issuer.
func ProbeWithIssuer(ctx context.Context, target, issuer string, net safenet.Options, timeout time.Duration, now time.Time) *Result {
	r := Probe(ctx, target, net, timeout, now)
	if issuer != "" {
		r.Provider = Discover(ctx, issuer, net, timeout, now)
	}
	return r
}

// Hosts are the https hosts the result names, for their TLS probes: the
// redirect URIs' and the provider's endpoints.
func (r *Result) Hosts() []string {
	urls := slices.Clone(r.RedirectURIs)
	if strings.HasPrefix(r.Target, "https://") {
		urls = append(urls, r.Target)
	}
	if p := r.Provider; p != nil {
		urls = append(urls, p.Target, p.AuthorizationEndpoint, p.TokenEndpoint, p.JWKSURI)
	}
	var out []string
	for _, u := range urls {
		if strings.HasPrefix(u, "https://") && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func read(ctx context.Context, target string, net safenet.Options, timeout time.Duration) ([]byte, error) {
	if strings.Contains(target, "://") {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		b, _, err := net.Get(ctx, target, timeout)
		return b, err
	}
	f, err := os.Open(target)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read the client registration: %v", target, err)
	}
	defer f.Close()
	b, err := base.ReadCapped(f, base.MaxBody)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", target, err)
	}
	return b, nil
}

func (r *Result) parse(target string, b []byte) error {
	name := target
	if !strings.Contains(target, "://") {
		name = filepath.Base(target)
	}
	ex, err := mgmt.Parse(name, b)
	if err != nil {
		return err
	}
	var oidc []*mgmt.Integration
	for _, in := range ex.Integrations {
		if in.SP != nil && in.SP.OIDC != nil {
			oidc = append(oidc, in)
		}
	}
	if len(oidc) != 1 {
		return fmt.Errorf("%s: a client registration holds one OIDC client; this document has %d (of %d integrations): give the client's own record or metadata", name, len(oidc), len(ex.Integrations))
	}
	in := oidc[0]
	o := in.SP.OIDC
	r.Source = "rfc7591"
	if isRecord(b) {
		r.Source = "management-service"
	}
	r.Integration = in.ID
	r.ClientID = o.ClientID
	r.ClientSecretSet = o.ClientSecretSet
	r.RedirectURIs = nonNil(o.RedirectURIs)
	r.PostLogoutRedirectURIs = nonNil(o.PostLogoutRedirectURIs)
	r.ResponseTypes = nonNil(o.ResponseTypes)
	r.GrantTypes = nonNil(o.GrantTypes)
	r.Scopes = nonNil(strings.Fields(o.Scope))
	r.TokenEndpointAuthMethod = o.TokenEndpointAuthMethod
	if r.TokenEndpointAuthMethod == "" {
		r.TokenEndpointAuthMethod, r.AuthMethodDefaulted = DefaultAuthMethod, true
	}
	// RFC 7591 2: response_types defaults to ["code"], grant_types to
	// ["authorization_code"]; absent lists are reported as these.
	if len(r.ResponseTypes) == 0 {
		r.ResponseTypes = []string{"code"}
	}
	if len(r.GrantTypes) == 0 {
		r.GrantTypes = []string{"authorization_code"}
	}
	r.Notes = []string{}
	for _, n := range ex.Notes {
		r.Notes = append(r.Notes, n.Path+": "+n.Msg)
	}
	return nil
}

// isRecord: the document is a management-service record (it has
// configurationEntity or services), not bare client metadata.
func isRecord(b []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	_, ce := m["configurationEntity"]
	_, sv := m["services"]
	return ce || sv
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Discover reads issuer's discovery document: issuer +
// "/.well-known/openid-configuration" (OpenID Connect Discovery 1.0 4.1),
// or issuer itself when it already names that path.
func Discover(ctx context.Context, issuer string, net safenet.Options, timeout time.Duration, now time.Time) *Provider {
	u := issuer
	if !strings.Contains(u, "/.well-known/") {
		u = strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	}
	p := &Provider{Meta: base.NewMeta("oidc-discovery", u, now)}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	b, _, err := net.Get(ctx, u, timeout)
	if err != nil {
		p.Fail(err)
		return p
	}
	p.Hash(b)
	var doc struct {
		Issuer                            string   `json:"issuer"`
		AuthorizationEndpoint             string   `json:"authorization_endpoint"`
		TokenEndpoint                     string   `json:"token_endpoint"`
		JWKSURI                           string   `json:"jwks_uri"`
		ResponseTypesSupported            []string `json:"response_types_supported"`
		GrantTypesSupported               []string `json:"grant_types_supported"`
		TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
		CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
		ScopesSupported                   []string `json:"scopes_supported"`
		IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	}
	if err := json.Unmarshal(base.StripBOM(b), &doc); err != nil {
		p.Fail(fmt.Errorf("%s: not a discovery document (JSON): %v", u, err))
		return p
	}
	if doc.Issuer == "" || doc.AuthorizationEndpoint == "" {
		p.Fail(fmt.Errorf("%s: not a discovery document: issuer and authorization_endpoint are required (OpenID Connect Discovery 1.0 3)", u))
		return p
	}
	p.Issuer, p.AuthorizationEndpoint, p.TokenEndpoint, p.JWKSURI = doc.Issuer, doc.AuthorizationEndpoint, doc.TokenEndpoint, doc.JWKSURI
	want, _, _ := strings.Cut(issuer, "/.well-known/")
	p.IssuerMatches = strings.TrimSuffix(doc.Issuer, "/") == strings.TrimSuffix(want, "/")
	p.ResponseTypesSupported = nonNil(doc.ResponseTypesSupported)
	p.GrantTypesSupported = nonNil(doc.GrantTypesSupported)
	p.TokenEndpointAuthMethodsSupported = nonNil(doc.TokenEndpointAuthMethodsSupported)
	p.CodeChallengeMethodsSupported = nonNil(doc.CodeChallengeMethodsSupported)
	p.ScopesSupported = nonNil(doc.ScopesSupported)
	p.IDTokenSigningAlgValuesSupported = nonNil(doc.IDTokenSigningAlgValuesSupported)
	return p
}
