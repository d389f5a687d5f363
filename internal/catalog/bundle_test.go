package catalog_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/mpassaudit/mpassaudit/internal/catalog"
	"github.com/mpassaudit/mpassaudit/internal/keys"
	"github.com/mpassaudit/mpassaudit/internal/probe/safenet"
	"github.com/mpassaudit/mpassaudit/policies"
)

func operator(t *testing.T) *keys.Pair {
	t.Helper()
	p, err := keys.Generate("MPASSid-operaattori")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func build(t *testing.T, signer *keys.Pair) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := catalog.Build(&buf, policies.FS, signer); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A signed bundle loads as the same catalogue as the directory it was
// built from, and names its revision, key and signer.
func TestBundleRoundTrip(t *testing.T) {
	op := operator(t)
	data := build(t, op)
	dir, err := catalog.Load(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*keys.Pair{op, mustRSA(t)} {
		data := build(t, p)
		cat, err := catalog.OpenBundle("catalog.tar.gz", data, catalog.OpenOptions{Trust: []*x509.Certificate{p.Cert}})
		if err != nil {
			t.Fatal(err)
		}
		if cat.Digest != dir.Digest || cat.Version != dir.Version || len(cat.Requirements) != len(dir.Requirements) {
			t.Errorf("bundle %s %s (%d requirements), directory %s %s (%d)", cat.Version, cat.Digest, len(cat.Requirements), dir.Version, dir.Digest, len(dir.Requirements))
		}
		b := cat.Bundle
		if b == nil || !b.Verified || b.Revision != dir.Version || b.KeyID != catalog.KeyID(p.Cert) || !strings.HasPrefix(b.SHA256, "sha256:") || b.Signer == "" {
			t.Errorf("bundle info = %+v", b)
		}
	}
	// Open reads a file the same way.
	f := filepath.Join(t.TempDir(), "catalog-"+dir.Version+".tar.gz")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(context.Background(), f, catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}})
	if err != nil || cat.Digest != dir.Digest {
		t.Fatalf("Open(%s) = %v", f, err)
	}
	// and FromArchive finds it by version and digest, and says plainly when not.
	if got, err := catalog.FromArchive(filepath.Dir(f), dir.Version, dir.Digest, catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}}); err != nil || got.Digest != dir.Digest {
		t.Errorf("FromArchive = %v", err)
	}
	_, err = catalog.FromArchive(filepath.Dir(f), "2020.1", "sha256:00", catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}})
	if err == nil || !strings.Contains(err.Error(), "no bundle of catalogue version 2020.1") || !strings.Contains(err.Error(), dir.Version) {
		t.Errorf("FromArchive of a missing version: %v", err)
	}
}

func mustRSA(t *testing.T) *keys.Pair {
	t.Helper()
	p, err := keys.GenerateRSA("MPASSid-operaattori")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// rewrite changes the files of a bundle: edit gets each name and content
// and returns the new content (nil: leave the file out).
func rewrite(t *testing.T, data []byte, edit func(name string, b []byte) []byte, extra map[string][]byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	write := func(name string, b []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(b)
	}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		if nb := edit(h.Name, b); nb != nil {
			write(h.Name, nb)
		}
	}
	for name, b := range extra {
		write(name, b)
	}
	tw.Close()
	zw.Close()
	return out.Bytes()
}

func keep(_ string, b []byte) []byte { return b }

// Every bundle that is not exactly what the operator signed is refused,
// with the reason.
func TestBundleRefused(t *testing.T) {
	op := operator(t)
	other := operator(t)
	signed := build(t, op)
	trust := catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}}

	// a bundle signed by another key but naming the operator's key id
	forged := build(t, other)
	forged = rewrite(t, forged, func(name string, b []byte) []byte {
		if strings.HasSuffix(name, ".signatures.json") {
			return resign(t, b, catalog.KeyID(op.Cert))
		}
		return b
	}, nil)

	// a bundle signed with an empty key id
	var empty bytes.Buffer
	{
		var plain bytes.Buffer
		if _, err := catalog.Build(&plain, policies.FS, nil); err != nil {
			t.Fatal(err)
		}
		b, err := bundle.NewReader(bytes.NewReader(plain.Bytes())).Read()
		if err != nil {
			t.Fatal(err)
		}
		der, _ := x509.MarshalPKCS8PrivateKey(op.Key)
		key := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		if err := b.GenerateSignature(bundle.NewSigningConfig(key, "ES256", ""), "", false); err != nil {
			t.Fatal(err)
		}
		if err := bundle.NewWriter(&empty).Write(b); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name string
		data []byte
		opts catalog.OpenOptions
		want string
	}{
		{"unsigned", build(t, nil), trust, "not signed"},
		{"unsigned, no trust", build(t, nil), catalog.OpenOptions{}, "not signed"},
		{"signed, no trust given", signed, catalog.OpenOptions{}, "--catalog-trust"},
		{"tampered module", rewrite(t, signed, func(name string, b []byte) []byte {
			if strings.HasSuffix(name, "lifecycle.rego") {
				return bytes.Replace(b, []byte("leaver_days"), []byte("leaver_dayz"), 1)
			}
			return b
		}, nil), trust, "does not verify"},
		{"module added", rewrite(t, signed, keep, map[string][]byte{"/ep/extra.rego": []byte("package mpassaudit.requirements.ep.extra\n")}), trust, "does not verify"},
		{"module removed", rewrite(t, signed, func(name string, b []byte) []byte {
			if strings.HasSuffix(name, "lifecycle.rego") {
				return nil
			}
			return b
		}, nil), trust, "does not verify"},
		{"tampered manifest", rewrite(t, signed, func(name string, b []byte) []byte {
			if strings.HasSuffix(name, ".manifest") {
				return bytes.Replace(b, []byte(`"revision":"`), []byte(`"revision":"9`), 1)
			}
			return b
		}, nil), trust, "does not verify"},
		{"tampered signature", rewrite(t, signed, func(name string, b []byte) []byte {
			if strings.HasSuffix(name, ".signatures.json") {
				i := bytes.LastIndexByte(b, '.') + 5
				c := b[i]
				b = append([]byte(nil), b...)
				if c == 'A' {
					b[i] = 'B'
				} else {
					b[i] = 'A'
				}
			}
			return b
		}, nil), trust, "does not verify"},
		{"wrong key", signed, catalog.OpenOptions{Trust: []*x509.Certificate{other.Cert}}, "not one of the 1 operator certificates"},
		{"forged key id", forged, trust, "does not verify"},
		{"empty key id", empty.Bytes(), trust, "no key id"},
		{"not a bundle", []byte("not gzip"), trust, "not a bundle"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := catalog.OpenBundle("catalog.tar.gz", tc.data, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}

	// --allow-unsigned-catalog takes an unsigned bundle, never as verified,
	// and never one whose signature fails.
	cat, err := catalog.OpenBundle("catalog.tar.gz", build(t, nil), catalog.OpenOptions{AllowUnsigned: true})
	if err != nil || cat.Bundle.Verified || cat.Bundle.Warning == "" {
		t.Errorf("unsigned on --allow-unsigned-catalog: %v %+v", err, cat)
	}
	if _, err := catalog.OpenBundle("catalog.tar.gz", tests[3].data, catalog.OpenOptions{Trust: trust.Trust, AllowUnsigned: true}); err == nil {
		t.Error("a tampered bundle was accepted on --allow-unsigned-catalog")
	}
}

// resign replaces the key id in a signature's header (its signature then
// no longer matches: the forged bundle must fail verification).
func resign(t *testing.T, sigs []byte, kid string) []byte {
	t.Helper()
	var sc bundle.SignaturesConfig
	if err := json.Unmarshal(sigs, &sc); err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(sc.Signatures[0], ".", 2)
	hdr, _ := base64.RawURLEncoding.DecodeString(parts[0])
	var h map[string]any
	json.Unmarshal(hdr, &h)
	h["kid"] = kid
	nh, _ := json.Marshal(h)
	sc.Signatures[0] = base64.RawURLEncoding.EncodeToString(nh) + "." + parts[1]
	out, _ := json.Marshal(sc)
	return out
}

// An https URL is fetched with the probes' safety rules and verified alike.
func TestBundleFromURL(t *testing.T) {
	op := operator(t)
	data := build(t, op)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(data)
	}))
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(srv.Certificate())
	addr := netip.MustParseAddrPort(srv.Listener.Addr().String())
	net := safenet.Options{Roots: roots, Permit: func(a netip.AddrPort) bool { return a == addr }}
	ctx := context.Background()
	cat, err := catalog.Open(ctx, srv.URL+"/catalog.tar.gz", catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}, Net: net})
	if err != nil || !cat.Bundle.Verified || cat.Bundle.Source != srv.URL+"/catalog.tar.gz" {
		t.Fatalf("Open(URL) = %v", err)
	}
	// the probes' rules: no loopback unless permitted, no plain http
	if _, err := catalog.Open(ctx, srv.URL+"/catalog.tar.gz", catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}, Net: safenet.Options{Roots: roots}}); err == nil {
		t.Error("a loopback address was fetched without permission")
	}
	if _, err := catalog.Open(ctx, "http://"+addr.String()+"/catalog.tar.gz", catalog.OpenOptions{Net: net}); err == nil || !strings.Contains(err.Error(), "https") {
		t.Errorf("plain http: %v", err)
	}
}

// The opa CLI verifies our signed bundle with the operator's public key.
// It runs when an opa binary is at $OPA or on PATH (.ci/run installs one
// from the module version in go.mod), and says so when it skips.
func TestOPAVerifiesBundle(t *testing.T) {
	opa := os.Getenv("OPA")
	if opa == "" {
		var err error
		if opa, err = exec.LookPath("opa"); err != nil {
			t.Skip("no opa CLI ($OPA or PATH): `go install github.com/open-policy-agent/opa@<version in go.mod>` to run this test")
		}
	}
	dir := t.TempDir()
	op := operator(t)
	bf := filepath.Join(dir, "catalog.tar.gz")
	if err := os.WriteFile(bf, build(t, op), 0o644); err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(op.Cert.PublicKey)
	pub := filepath.Join(dir, "operator.pub.pem")
	os.WriteFile(pub, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644)
	run := func(args ...string) (string, error) {
		out, err := exec.Command(opa, args...).CombinedOutput()
		return string(out), err
	}
	verify := func(file, kid string) (string, error) {
		return run("build", "--bundle", file, "--verification-key", pub, "--verification-key-id", kid,
			"--signing-alg", "ES256", "-o", filepath.Join(dir, "out.tar.gz"))
	}
	if out, err := verify(bf, catalog.KeyID(op.Cert)); err != nil {
		t.Fatalf("opa build --verification-key refused our bundle: %v\n%s", err, out)
	}
	// and refuses a tampered one, as we do
	tampered := filepath.Join(dir, "tampered.tar.gz")
	data, _ := os.ReadFile(bf)
	os.WriteFile(tampered, rewrite(t, data, func(name string, b []byte) []byte {
		if strings.HasSuffix(name, "lifecycle.rego") {
			return append(b, []byte("\n# changed\n")...)
		}
		return b
	}, nil), 0o644)
	if out, err := verify(tampered, catalog.KeyID(op.Cert)); err == nil {
		t.Errorf("opa accepted a tampered bundle:\n%s", out)
	}
	// opa eval over the bundle judges as the catalogue does: one result per
	// requirement of the member's kind
	in := filepath.Join(dir, "input.json")
	os.WriteFile(in, []byte(`{"member": {"kind": "education-provider"}, "answers": {}, "probes": {}, "environment": "production", "now": "2026-11-27T12:00:00Z"}`), 0o644)
	out, err := run("eval", "--bundle", bf, "--input", in, "--format", "raw", "count(data.mpassaudit.results)")
	cat, _ := catalog.Load(policies.FS)
	if want := len(cat.ForKind(catalog.EducationProvider)); err != nil || strings.TrimSpace(out) != fmt.Sprint(want) {
		t.Errorf("opa eval --bundle: %v: %s, want %d results", err, out, want)
	}
}

// FuzzOpenBundle: whatever a bundle file holds, OpenBundle neither panics
// nor accepts it as the operator's unless its signature verifies.
func FuzzOpenBundle(f *testing.F) {
	op, err := keys.Generate("MPASSid-operaattori")
	if err != nil {
		f.Fatal(err)
	}
	var signed, plain bytes.Buffer
	if _, err := catalog.Build(&signed, policies.FS, op); err != nil {
		f.Fatal(err)
	}
	if _, err := catalog.Build(&plain, policies.FS, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(signed.Bytes())
	f.Add(plain.Bytes())
	f.Add([]byte{0x1f, 0x8b, 0x08, 0x00})
	f.Add([]byte("not a bundle"))
	opts := catalog.OpenOptions{Trust: []*x509.Certificate{op.Cert}}
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := catalog.OpenBundle("fuzz.tar.gz", data, opts)
		if err == nil && (cat.Bundle == nil || !cat.Bundle.Verified || cat.Bundle.KeyID != catalog.KeyID(op.Cert)) {
			t.Errorf("accepted without a verified signature: %+v", cat.Bundle)
		}
	})
}
