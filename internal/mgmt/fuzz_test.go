package mgmt

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/answers"
	"github.com/mpassaudit/mpassaudit/internal/probe/base"
)

// FuzzParse: any input either fails with an *Error or gives integrations
// whose rebuilt metadata is well-formed XML and whose answers file loads.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"mpassid-hallintapalvelu", "oidc"} {
		files, _ := filepath.Glob(filepath.Join(corpus, dir, "*.json"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(flawed))
	f.Add([]byte(`{"services": [{"id": 1, "configurationEntity": {"sp": {"type": "saml", "name": "a\"b--c]]>", "metadata": {"entityId": "x<y>&\"", "assertionConsumerServiceUrls": [{"location": "--", "index": 2}]}}}}]}`))
	f.Add([]byte(`{"client_id": "\u0000", "redirect_uris": ["https://x/\n"], "scope": " "}`))
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		ex, err := Parse("fuzz.json", b)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, in := range ex.Integrations {
			if in.SP != nil && in.SP.SAML != nil {
				if err := base.CheckXML(EntityDescriptor(in.SP.SAML, in.Path)); err != nil {
					t.Fatalf("rebuilt metadata is not well-formed: %v", err)
				}
			}
			r, err := Render(cat, "en", ex, in, in.BaseName("fuzz"))
			if err != nil {
				t.Fatalf("%s: %v", in.Path, err)
			}
			// The whole file parses as its settled answers did alone.
			if _, err := answers.Parse("fuzz.toml", "", r.Answers, cat); err != nil {
				t.Fatalf("%s: the written answers do not parse: %v\n%s", in.Path, err, r.Answers)
			}
		}
	})
}
