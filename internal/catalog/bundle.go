package catalog

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/internal/safefile"
)

// A catalogue bundle is a standard OPA bundle (the layout of `opa build`):
// the policy modules, an empty data.json, a .manifest whose revision is the
// catalogue version and, when signed, .signatures.json made by OPA's own
// bundle signing. `opa build --verification-key` and `opa run` accept it.

// Bundle describes the bundle a catalogue was loaded from.
type Bundle struct {
	Source   string `json:"source"`            // file or URL
	SHA256   string `json:"sha256"`            // "sha256:…" of the .tar.gz as read
	Revision string `json:"revision"`          // the manifest's revision: the catalogue version
	KeyID    string `json:"key_id,omitempty"`  // the signature's key id
	Signer   string `json:"signer,omitempty"`  // the subject of the trusted certificate that verified it
	Verified bool   `json:"verified"`          // false: loaded unsigned (or unverified) on --allow-unsigned-catalog
	Warning  string `json:"warning,omitempty"` // what the operator should know when not verified
}

// KeyID is the key id a certificate signs bundles with: the SHA-256 of its
// DER, in hex. It is never empty (OPA's advisory on empty key ids).
func KeyID(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// signingAlg is the JWS algorithm for a key: ES256/384/512 for ECDSA by
// curve, RS256 for RSA.
func signingAlg(pub any) (string, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ES256", nil
		case elliptic.P384():
			return "ES384", nil
		case elliptic.P521():
			return "ES512", nil
		}
		return "", fmt.Errorf("ECDSA curve %s cannot sign a bundle (P-256, P-384 or P-521)", k.Curve.Params().Name)
	case *rsa.PublicKey:
		return "RS256", nil
	}
	return "", fmt.Errorf("a %T key cannot sign a bundle (ECDSA or RSA)", pub)
}

// Build writes the catalogue in fsys as an OPA bundle to w, signed with
// signer when it is not nil. Test modules (*_test.rego) are left out: the
// bundle carries what is evaluated. It returns the catalogue it wrote.
func Build(w io.Writer, fsys fs.FS, signer *keys.Pair) (*Catalog, error) {
	cat, err := Load(fsys)
	if err != nil {
		return nil, err
	}
	b := bundle.Bundle{
		Manifest: bundle.Manifest{Revision: cat.Version, Roots: &[]string{"mpassaudit"}},
		Data:     map[string]any{},
	}
	for _, name := range cat.SourceFiles() {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("catalogue: %w", err)
		}
		p := "/" + strings.TrimPrefix(path.Clean(name), "/")
		b.Modules = append(b.Modules, bundle.ModuleFile{URL: p, Path: p, Raw: src, Parsed: cat.Modules[name]})
	}
	b.Manifest.Init()
	if signer != nil {
		alg, err := signingAlg(signer.Cert.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("signing the bundle: %w", err)
		}
		der, err := x509.MarshalPKCS8PrivateKey(signer.Key)
		if err != nil {
			return nil, fmt.Errorf("signing the bundle: %w", err)
		}
		key := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		if err := b.GenerateSignature(bundle.NewSigningConfig(key, alg, ""), KeyID(signer.Cert), false); err != nil {
			return nil, fmt.Errorf("signing the bundle: %w", err)
		}
	}
	if err := bundle.NewWriter(w).Write(b); err != nil {
		return nil, fmt.Errorf("writing the bundle: %w", err)
	}
	return cat, nil
}

// OpenOptions say how a bundle is accepted.
type OpenOptions struct {
	// Trust are the operator certificates a bundle's signature must be
	// made with (--catalog-trust DIR).
	Trust []*x509.Certificate
	// AllowUnsigned accepts a bundle without a signature, or a signed one
	// when no Trust is given, as not verified (--allow-unsigned-catalog).
	// A signature that fails verification is refused all the same.
	AllowUnsigned bool
	// Net are the safety rules for an https URL (those of the probes).
	Net safenet.Options
	// Timeout limits fetching a URL (default 30 s).
	Timeout time.Duration
	// Now is the time certificates must be valid at (zero: now).
	Now time.Time
}

// maxBundle is the largest bundle read: a catalogue is well under 1 MiB.
const maxBundle = 32 << 20

// Open loads a catalogue from a directory, a bundle file (.tar.gz) or an
// https URL of a bundle. A bundle is verified as opts say.
func Open(ctx context.Context, spec string, opts OpenOptions) (*Catalog, error) {
	switch {
	case strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "http://"):
		if !strings.HasPrefix(spec, "https://") {
			return nil, fmt.Errorf("catalogue %s: only https URLs are fetched", spec)
		}
		timeout := opts.Timeout
		if timeout == 0 {
			timeout = 30 * time.Second
		}
		data, _, err := opts.Net.Get(ctx, spec, timeout)
		if err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", spec, safenet.Explain(err))
		}
		return OpenBundle(spec, data, opts)
	}
	st, err := os.Stat(spec)
	if err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", spec, err)
	}
	if st.IsDir() {
		return Load(os.DirFS(spec))
	}
	if st.Size() > maxBundle {
		return nil, fmt.Errorf("catalogue %s: %d bytes is too large for a catalogue bundle", spec, st.Size())
	}
	data, err := safefile.ReadFile(spec)
	if err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", spec, err)
	}
	return OpenBundle(spec, data, opts)
}

// OpenBundle loads a catalogue from the bytes of a bundle read from source.
func OpenBundle(source string, data []byte, opts OpenOptions) (*Catalog, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("catalogue bundle %s: "+format, append([]any{source}, args...)...)
	}
	if len(data) > maxBundle {
		return nil, fail("%d bytes is too large for a catalogue bundle", len(data))
	}
	sum := sha256.Sum256(data)
	info := &Bundle{Source: source, SHA256: "sha256:" + hex.EncodeToString(sum[:])}
	files, err := untar(data)
	if err != nil {
		return nil, fail("%v", err)
	}
	sigs, signed := files[".signatures.json"]
	r := bundle.NewCustomReader(bundle.NewTarballLoader(bytes.NewReader(data))).
		WithRegoVersion(ast.RegoV1).WithSizeLimitBytes(maxBundle)
	switch {
	case !signed && !opts.AllowUnsigned:
		return nil, fail("it is not signed: a catalogue must be signed by the operator (catalog build --sign-key), or use --allow-unsigned-catalog")
	case !signed:
		info.Warning = "unsigned catalogue bundle, accepted on --allow-unsigned-catalog"
		r = r.WithSkipBundleVerification(true)
	case len(opts.Trust) == 0 && !opts.AllowUnsigned:
		return nil, fail("it is signed, but no operator certificates were given to verify it: use --catalog-trust DIR")
	case len(opts.Trust) == 0:
		kid, _ := keyIDOf(sigs)
		info.KeyID = kid
		info.Warning = "signature not verified (no --catalog-trust), accepted on --allow-unsigned-catalog"
		r = r.WithSkipBundleVerification(true)
	default:
		kid, err := keyIDOf(sigs)
		if err != nil {
			return nil, fail("%v", err)
		}
		cert, kc, err := trusted(kid, opts)
		if err != nil {
			return nil, fail("%v", err)
		}
		info.KeyID, info.Signer, info.Verified = kid, cert.Subject.String(), true
		vc := bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{kid: kc}, kid, "", nil)
		r = r.WithBundleVerificationConfig(vc)
	}
	b, err := r.Read()
	if err != nil {
		if signed && len(opts.Trust) > 0 {
			return nil, fail("the signature does not verify (the bundle was changed after signing, or signed with another key): %v", err)
		}
		return nil, fail("%v", err)
	}
	info.Revision = b.Manifest.Revision
	fsys := fstest.MapFS{}
	for _, m := range b.Modules {
		name := strings.TrimPrefix(path.Clean("/"+m.Path), "/")
		fsys[name] = &fstest.MapFile{Data: m.Raw, Mode: 0o444}
	}
	cat, err := Load(fsys)
	if err != nil {
		return nil, fail("%v", err)
	}
	if info.Revision != cat.Version {
		return nil, fail("its manifest names revision %q but the catalogue is version %s", info.Revision, cat.Version)
	}
	cat.Bundle = info
	return cat, nil
}

// untar lists the regular files of a .tar.gz, refusing what is not one.
func untar(data []byte) (map[string][]byte, error) {
	files := map[string][]byte{}
	loader := bundle.NewTarballLoader(bytes.NewReader(data))
	for {
		f, err := loader.NextFile()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a bundle (.tar.gz): %w", err)
		}
		var buf bytes.Buffer
		_, err = f.Read(&buf, maxBundle)
		f.Close()
		if err != nil && err != io.EOF {
			return nil, err
		}
		files[strings.TrimPrefix(path.Clean("/"+f.Path()), "/")] = buf.Bytes()
	}
	if len(files) == 0 {
		return nil, errors.New("not a bundle: no files")
	}
	return files, nil
}

// keyIDOf reads the key id of a bundle's only signature, from its JWS
// header: a signature without one is refused, as is a second signature.
func keyIDOf(sigs []byte) (string, error) {
	var sc bundle.SignaturesConfig
	if err := json.Unmarshal(sigs, &sc); err != nil {
		return "", fmt.Errorf(".signatures.json: %w", err)
	}
	if len(sc.Signatures) != 1 {
		return "", fmt.Errorf(".signatures.json has %d signatures, want 1", len(sc.Signatures))
	}
	hdr, _, ok := strings.Cut(sc.Signatures[0], ".")
	if !ok {
		return "", errors.New(".signatures.json: the signature is not a JWS")
	}
	raw, err := base64.RawURLEncoding.DecodeString(hdr)
	if err != nil {
		return "", fmt.Errorf(".signatures.json: the signature's header: %w", err)
	}
	var h struct {
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return "", fmt.Errorf(".signatures.json: the signature's header: %w", err)
	}
	if h.Kid == "" {
		return "", errors.New("the signature has no key id (kid): it is refused, as OPA's advisory on empty key ids says")
	}
	return h.Kid, nil
}

// trusted finds the trusted certificate of a key id and its verification key.
func trusted(kid string, opts OpenOptions) (*x509.Certificate, *bundle.KeyConfig, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	for _, c := range opts.Trust {
		if KeyID(c) != kid {
			continue
		}
		if now.Before(c.NotBefore) || now.After(c.NotAfter) {
			return nil, nil, fmt.Errorf("signed by %s, whose certificate is valid only %s to %s", c.Subject, c.NotBefore.Format(time.DateOnly), c.NotAfter.Format(time.DateOnly))
		}
		alg, err := signingAlg(c.PublicKey)
		if err != nil {
			return nil, nil, err
		}
		der, err := x509.MarshalPKIXPublicKey(c.PublicKey)
		if err != nil {
			return nil, nil, err
		}
		key := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
		return c, &bundle.KeyConfig{Key: key, Algorithm: alg}, nil
	}
	return nil, nil, fmt.Errorf("signed with key id %s, which is not one of the %d operator certificates in --catalog-trust: the bundle is not the operator's, or its certificate is missing there", kid, len(opts.Trust))
}

// FromArchive finds the bundle of a catalogue version and digest in dir
// (verify --catalog-archive DIR): the catalogue a report was judged with.
func FromArchive(dir, version, digest string, opts OpenOptions) (*Catalog, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tar.gz"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var seen, refused []string
	for _, n := range names {
		cat, err := Open(context.Background(), n, opts)
		if err != nil {
			refused = append(refused, err.Error())
			continue
		}
		if cat.Version == version && cat.Digest == digest {
			return cat, nil
		}
		seen = append(seen, fmt.Sprintf("%s (%s)", filepath.Base(n), cat.Version))
	}
	msg := fmt.Sprintf("the catalogue archive %s has no bundle of catalogue version %s with digest %s", dir, version, digest)
	if len(seen) > 0 {
		msg += "; it has " + strings.Join(seen, ", ")
	}
	if len(refused) > 0 {
		msg += "; refused: " + strings.Join(refused, "; ")
	}
	return nil, errors.New(msg)
}
